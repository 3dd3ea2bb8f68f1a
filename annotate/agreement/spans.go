package agreement

import (
	"slices"
	"strconv"

	"frametag/annotate"
)

// SpanCounts are the sums behind a precision, recall and F1 between two
// annotators' spans, S (annotator A's) and T (B's). They add up over
// documents, so a figure over a corpus is the scorer's micro average:
// P = PrecNum/PrecDen, R = RecNum/RecDen.
type SpanCounts struct {
	PrecNum, RecNum float64
	PrecDen, RecDen int // |S| and |T|
}

// Add sums two counts.
func (c SpanCounts) Add(o SpanCounts) SpanCounts {
	return SpanCounts{c.PrecNum + o.PrecNum, c.RecNum + o.RecNum, c.PrecDen + o.PrecDen, c.RecDen + o.RecDen}
}

// Empty reports whether neither side had a span.
func (c SpanCounts) Empty() bool { return c.PrecDen == 0 && c.RecDen == 0 }

// Score is precision, recall and F1 = 2PR/(P+R). A side without spans gives
// 0 for its figure; both sides empty give nothing to compare (ok false).
func (c SpanCounts) Score() (p, r, f1 float64, ok bool) {
	if c.Empty() {
		return 0, 0, 0, false
	}
	if c.PrecDen > 0 {
		p = c.PrecNum / float64(c.PrecDen)
	}
	if c.RecDen > 0 {
		r = c.RecNum / float64(c.RecDen)
	}
	if p+r > 0 {
		f1 = 2 * p * r / (p + r)
	}
	return p, r, f1, true
}

// ExactCounts matches spans one to one when they have the same label and
// exactly the same fragments: P = matched/|S|, R = matched/|T|.
func ExactCounts(s, t []annotate.Span) SpanCounts {
	keys := map[string]int{}
	for _, sp := range t {
		keys[exactKey(sp)]++
	}
	matched := 0
	for _, sp := range s {
		if k := exactKey(sp); keys[k] > 0 {
			keys[k]--
			matched++
		}
	}
	return SpanCounts{PrecNum: float64(matched), RecNum: float64(matched), PrecDen: len(s), RecDen: len(t)}
}

func exactKey(sp annotate.Span) string {
	b := []byte(sp.Label)
	for _, f := range annotate.NormalizeFragments(sp.Fragments) {
		b = append(b, 0)
		b = strconv.AppendInt(b, int64(f.Start), 10)
		b = append(b, '-')
		b = strconv.AppendInt(b, int64(f.End), 10)
	}
	return string(b)
}

// OverlapCounts is the partial-overlap measure of the PTC scorer
// (SemEval-2020 Task 11), label-aware: spans are sets of character
// positions, and with S one annotator's spans and T the other's,
//
//	P = (1/|S|) Σ_{s∈S, t∈T, label(s)=label(t)} |s∩t| / |s|
//	R = (1/|T|) Σ_{s∈S, t∈T, label(s)=label(t)} |s∩t| / |t|
//
// Overlapping spans of one label by one annotator are merged first (as the
// scorer merges overlapping gold spans), so that no position counts twice
// and P and R stay within [0, 1] and swap when S and T do.
func OverlapCounts(s, t []annotate.Span) SpanCounts {
	return overlapMerged(MergeOverlapping(s), MergeOverlapping(t))
}

// overlapMerged is OverlapCounts of spans merged already.
func overlapMerged(s, t []annotate.Span) SpanCounts {
	c := SpanCounts{PrecDen: len(s), RecDen: len(t)}
	for _, a := range s {
		la := length(a.Fragments)
		for _, b := range t {
			if a.Label != b.Label {
				continue
			}
			in := intersection(a.Fragments, b.Fragments)
			if in == 0 {
				continue
			}
			c.PrecNum += float64(in) / float64(la)
			c.RecNum += float64(in) / float64(length(b.Fragments))
		}
	}
	return c
}

// MergeOverlapping returns spans where those of one label that share a
// position are one span covering the union of their positions. Spans are
// compared by label only: call it with one annotator's spans of one layer.
func MergeOverlapping(spans []annotate.Span) []annotate.Span {
	byLabel := map[string][]annotate.Span{}
	var labels []string
	for _, sp := range spans {
		if len(sp.Fragments) == 0 {
			continue
		}
		if _, ok := byLabel[sp.Label]; !ok {
			labels = append(labels, sp.Label)
		}
		byLabel[sp.Label] = append(byLabel[sp.Label], sp)
	}
	var out []annotate.Span
	for _, l := range labels {
		group := byLabel[l]
		merged := make([]bool, len(group))
		for i := range group {
			if merged[i] {
				continue
			}
			cur := group[i].Clone()
			// Grow cur until no other span of the label touches it.
			for grew := true; grew; {
				grew = false
				for j := i + 1; j < len(group); j++ {
					if !merged[j] && cur.Overlaps(group[j]) {
						cur.Fragments = annotate.NormalizeFragments(append(cur.Fragments, group[j].Fragments...))
						merged[j] = true
						grew = true
					}
				}
			}
			cur.Fragments = annotate.NormalizeFragments(cur.Fragments)
			out = append(out, cur)
		}
	}
	slices.SortStableFunc(out, annotate.CompareSpans)
	return out
}

// length is how many positions the fragments cover (they are disjoint).
func length(frags []annotate.Fragment) int {
	n := 0
	for _, f := range frags {
		n += f.Len()
	}
	return n
}

// intersection is how many positions two spans' fragments share.
func intersection(a, b []annotate.Fragment) int {
	n := 0
	for _, f := range a {
		for _, g := range b {
			if lo, hi := max(f.Start, g.Start), min(f.End, g.End); hi > lo {
				n += hi - lo
			}
		}
	}
	return n
}
