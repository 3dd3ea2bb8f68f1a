package format

// Sentences and tokens for the token-based formats (WebAnno TSV, CoNLL),
// from Unicode text segmentation (UAX #29), in code points.

import (
	"slices"
	"sort"
	"unicode"
	"unicode/utf8"

	"github.com/clipperhouse/uax29/v2/sentences"
	"github.com/clipperhouse/uax29/v2/words"
)

// segToken is a token: code points [start, end).
type segToken struct{ start, end int }

// segSentence is a sentence, code points [start, end), its trailing
// whitespace included, so that the sentences of a text tile it.
type segSentence struct {
	start, end int
	tokens     []segToken
}

// segment splits text into sentences that tile it and their tokens: the
// word segments that are not whitespace. No sentence boundary falls inside
// one of extents (code points [s, e)): the sentences such a stretch
// crosses are one. With cut, tokens are also cut at every extent's edges,
// and whitespace at an extent's edge becomes a token of its own, so every
// extent begins at a token's start and ends at a token's end. Sentences
// without tokens join the one before (or, at the start, the one after).
func segment(text string, extents [][2]int, cut bool) []segSentence {
	// Word segments in code points.
	type seg struct {
		start, end int
		space      bool
	}
	var segs []seg
	cp := 0
	it := words.FromString(text)
	for it.Next() {
		v := it.Value()
		n := utf8.RuneCountInString(v)
		space := true
		for _, r := range v {
			if !unicode.IsSpace(r) {
				space = false
				break
			}
		}
		segs = append(segs, seg{cp, cp + n, space})
		cp += n
	}
	total := cp

	// Sentence boundaries, those inside an extent removed.
	var bounds []int
	cp = 0
	st := sentences.FromString(text)
	for st.Next() {
		cp += utf8.RuneCountInString(st.Value())
		if cp < total {
			bounds = append(bounds, cp)
		}
	}
	if len(extents) > 0 && len(bounds) > 0 {
		diff := make([]int, len(bounds)+1)
		for _, e := range extents {
			i := sort.SearchInts(bounds, e[0]+1) // first bound > start
			j := sort.SearchInts(bounds, e[1])   // first bound >= end
			if i < j {
				diff[i]++
				diff[j]--
			}
		}
		kept := bounds[:0]
		run := 0
		for i, b := range bounds {
			run += diff[i]
			if run == 0 {
				kept = append(kept, b)
			}
		}
		bounds = kept
	}

	// Tokens.
	var toks []segToken
	if !cut {
		for _, s := range segs {
			if !s.space {
				toks = append(toks, segToken{s.start, s.end})
			}
		}
	} else {
		starts := map[int]bool{}
		ends := map[int]bool{}
		var cuts []int
		for _, e := range extents {
			starts[e[0]], ends[e[1]] = true, true
			cuts = append(cuts, e[0], e[1])
		}
		slices.Sort(cuts)
		cuts = slices.Compact(cuts)
		ci := 0
		for _, s := range segs {
			for ci < len(cuts) && cuts[ci] <= s.start {
				ci++
			}
			from := s.start
			add := func(a, b int) {
				if !s.space || starts[a] || ends[b] {
					toks = append(toks, segToken{a, b})
				}
			}
			for ci < len(cuts) && cuts[ci] < s.end {
				add(from, cuts[ci])
				from = cuts[ci]
				ci++
			}
			add(from, s.end)
		}
	}

	// Sentences with their tokens; a sentence without any joins another.
	var out []segSentence
	start, ti := 0, 0
	for _, end := range append(bounds, total) {
		s := segSentence{start: start, end: end}
		for ti < len(toks) && toks[ti].start < end {
			s.tokens = append(s.tokens, toks[ti])
			ti++
		}
		start = end
		switch {
		case len(s.tokens) > 0 && len(out) > 0 && len(out[len(out)-1].tokens) == 0:
			s.start = out[len(out)-1].start
			out[len(out)-1] = s
		case len(s.tokens) == 0 && len(out) > 0:
			out[len(out)-1].end = s.end
		default:
			out = append(out, s)
		}
	}
	return out
}
