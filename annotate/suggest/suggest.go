// Package suggest is frametag's string-matching recommender: for one span
// layer it learns, from the spans a project already holds and from the
// gazetteers the user imports, which texts get which labels, and suggests
// the same labels wherever those texts occur again, as whole words, longest
// match first.
//
// It is pure domain code (no store, no window): the command line and the
// window feed it spans and documents and show what it returns.
//
// Matching works on Unicode word-boundary segments (UAX #29), so a phrase
// only ever matches whole words: "war" never matches inside "warfare". Runs
// of white space match any run of white space ("New York" matches
// "New\nYork"). Matching ignores case unless Options.CaseSensitive is set
// (from the layer's schema, annotate.Layer.CaseSensitive, or the command
// line's --case-sensitive).
//
// A Recommender is not safe for concurrent use: one goroutine learns and
// matches (the window's, or the command's).
package suggest

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/clipperhouse/uax29/v2/words"
)

// Sources of a suggestion.
const (
	// SourceLearned: learned from the project's own labelled spans.
	SourceLearned = "learned"
	// SourceGazetteer: from a gazetteer the user imported.
	SourceGazetteer = "gazetteer"
	// SourceBoth: the gazetteer and the labelled spans agree on the label.
	SourceBoth = "learned+gazetteer"
	// SourceModel: from a language model (package llm); the model's name
	// follows after a colon ("model:llama3.1").
	SourceModel = "model"
)

// Suggestion is one proposed span: code points [Start, End) of a document.
type Suggestion struct {
	Doc   string  `json:"document"`
	Layer string  `json:"layer"`
	Start int     `json:"start"`
	End   int     `json:"end"`
	Label string  `json:"label"`
	Score float64 `json:"score"`
	Text  string  `json:"text"`
	// Source says where it came from (SourceLearned, SourceGazetteer,
	// SourceBoth, or "model:NAME"); an accepted suggestion records it as
	// its edit's origin.
	Source string `json:"source"`
	// Justification is a language model's reason, when it gave one.
	Justification string `json:"justification,omitempty"`
}

// Key identifies a suggestion for rejection: the same label on the same
// stretch of the same document's layer.
func (s Suggestion) Key() Key {
	return Key{Layer: s.Layer, Label: s.Label, Start: s.Start, End: s.End}
}

// Key is what a rejection remembers of a suggestion within its document.
type Key struct {
	Layer, Label string
	Start, End   int
}

// Options configure a Recommender.
type Options struct {
	// CaseSensitive matches case exactly; by default "Enemy" matches
	// "enemy".
	CaseSensitive bool
}

// Recommender holds one layer's learned phrases in a trie over word
// segments. Learning a phrase is O(its length); matching a document is
// O(its segments × the depth walked from each, usually one step).
//
// The recommenders of a project's layers share one Vocab (NewShared,
// TrainLayers), so that a document is segmented once for all of them
// (Vocab.Tokenize, Recommender.Match).
type Recommender struct {
	Layer string
	opts  Options
	vocab *Vocab

	// edges: (node << 32 | token) → child node; tokens as norm gives them.
	edges map[uint64]int32
	// phrase[node] indexes phrases, or -1 when no phrase ends at node.
	phrase  []int32
	phrases []phraseStats
}

// phraseStats is the evidence for one phrase.
type phraseStats struct {
	labels []labelCount // learned: spans with this text, per label
	gaz    []string     // gazetteer labels
	// occurrences of the text in the corpus at word boundaries, and the
	// distinct labelled stretches among them: their difference is how often
	// the text occurs unlabelled.
	occurrences, extents int32
	first                int32 // first token (for the documents' position index)
	length               int32 // in tokens

	// memo is best's answer until the evidence changes (fresh false).
	fresh bool
	memo  struct {
		label, source string
		score         float64
		ok            bool
	}
}

type labelCount struct {
	label string
	n     int32
}

// New returns an empty recommender for a layer, with a vocabulary of its
// own.
func New(layer string, opts Options) *Recommender {
	return NewShared(layer, opts, NewVocab())
}

// NewShared returns an empty recommender for a layer that numbers words by
// v, shared with other layers' recommenders: a document tokenised by v is
// matched by each of them (Match).
func NewShared(layer string, opts Options, v *Vocab) *Recommender {
	return &Recommender{
		Layer:  layer,
		opts:   opts,
		vocab:  v,
		edges:  map[uint64]int32{},
		phrase: []int32{-1},
	}
}

// Vocab is the vocabulary the recommender numbers words by.
func (r *Recommender) Vocab() *Vocab { return r.vocab }

// space is the token every run of white space becomes.
const space = 0

// Vocab numbers word-boundary segments exactly as they are written; norm
// tables give each the token a recommender matches on: white space → space,
// and, for a recommender that ignores case, the lower-cased segment's. It
// keeps each segment's length, so that a document's offsets can be rebuilt
// from its tokens (Vocab.Tokens) without segmenting it again.
type Vocab struct {
	ids map[string]int32
	// exact[id] is id, or space for white space; fold[id] is the id of
	// the segment lower-cased, or space.
	exact, fold []int32
	// bytes and points are each segment's length in bytes and code points.
	bytes, points []int32
}

// NewVocab returns an empty vocabulary.
func NewVocab() *Vocab {
	v := &Vocab{ids: map[string]int32{}}
	v.intern(" ") // id 0 = space
	return v
}

// intern numbers one segment as written.
func (v *Vocab) intern(seg string) int32 {
	if id, ok := v.ids[seg]; ok {
		return id
	}
	id := int32(len(v.exact))
	seg = strings.Clone(seg) // a key must not keep a whole document alive
	v.ids[seg] = id
	v.bytes = append(v.bytes, int32(len(seg)))
	v.points = append(v.points, int32(utf8.RuneCountInString(seg)))
	if isSpace(seg) {
		v.exact = append(v.exact, space)
		v.fold = append(v.fold, space)
		return id
	}
	v.exact = append(v.exact, id)
	v.fold = append(v.fold, id)
	if low := strings.ToLower(seg); low != seg {
		f := v.intern(low)
		v.fold[id] = f
	}
	return id
}

// norm is the table a recommender matches tokens through.
func (r *Recommender) norm() []int32 {
	if r.opts.CaseSensitive {
		return r.vocab.exact
	}
	return r.vocab.fold
}

// token numbers one word-boundary segment as the recommender matches it.
func (r *Recommender) token(seg string) int32 {
	id := r.vocab.intern(seg) // first: it may grow the tables
	return r.norm()[id]
}

func isSpace(seg string) bool {
	for _, c := range seg {
		if !unicode.IsSpace(c) {
			return false
		}
	}
	return true
}

func isWord(seg string) bool {
	for _, c := range seg {
		if unicode.IsLetter(c) || unicode.IsNumber(c) {
			return true
		}
	}
	return false
}

// phraseTokens segments a phrase, trimmed of white space; nil when it holds
// no letter or digit (punctuation alone is never suggested).
func (r *Recommender) phraseTokens(text string) []int32 {
	text = strings.TrimSpace(text)
	if !isWord(text) {
		return nil
	}
	var toks []int32
	it := words.FromString(text)
	for it.Next() {
		t := r.token(it.Value())
		if t == space && len(toks) > 0 && toks[len(toks)-1] == space {
			continue
		}
		toks = append(toks, t)
	}
	return toks
}

// node returns the trie node of a phrase, adding the path when add is set;
// -1 when absent.
func (r *Recommender) node(toks []int32, add bool) int32 {
	n := int32(0)
	for _, t := range toks {
		k := uint64(n)<<32 | uint64(uint32(t))
		c, ok := r.edges[k]
		if !ok {
			if !add {
				return -1
			}
			c = int32(len(r.phrase))
			r.phrase = append(r.phrase, -1)
			r.edges[k] = c
		}
		n = c
	}
	return n
}

// stats returns the phrase at a trie node, made when add is set.
func (r *Recommender) stats(toks []int32, add bool) (int32, *phraseStats) {
	if len(toks) == 0 {
		return -1, nil
	}
	n := r.node(toks, add)
	if n < 0 {
		return -1, nil
	}
	p := r.phrase[n]
	if p < 0 {
		if !add {
			return -1, nil
		}
		p = int32(len(r.phrases))
		r.phrases = append(r.phrases, phraseStats{first: toks[0], length: int32(len(toks))})
		r.phrase[n] = p
	}
	return p, &r.phrases[p]
}

// Phrase is a learned phrase, as Learn returns it, for Doc.Update.
type Phrase struct {
	first  int32
	length int32
	ok     bool
}

// Learn records that text was labelled label once (delta 1), or takes one
// such span back (delta -1, when the span is deleted or relabelled). It
// returns the phrase so that an open document can update its matches
// (Doc.Update).
func (r *Recommender) Learn(text, label string, delta int) Phrase {
	toks := r.phraseTokens(text)
	_, ps := r.stats(toks, delta > 0)
	if ps == nil {
		return Phrase{}
	}
	i := slices.IndexFunc(ps.labels, func(l labelCount) bool { return l.label == label })
	if i < 0 {
		if delta <= 0 {
			return Phrase{first: ps.first, length: ps.length, ok: true}
		}
		ps.labels = append(ps.labels, labelCount{label: label})
		i = len(ps.labels) - 1
	}
	ps.fresh = false
	ps.labels[i].n += int32(delta)
	ps.extents += int32(delta)
	if ps.extents < 0 {
		ps.extents = 0
	}
	if ps.labels[i].n <= 0 {
		ps.labels = slices.Delete(ps.labels, i, i+1)
	}
	return Phrase{first: ps.first, length: ps.length, ok: true}
}

// AddGazetteer records that text is to be labelled label (a gazetteer
// entry). Gazetteer phrases are the user's own statement: their score is
// not lowered by the times the text occurs unlabelled.
func (r *Recommender) AddGazetteer(text, label string) Phrase {
	_, ps := r.stats(r.phraseTokens(text), true)
	if ps == nil {
		return Phrase{}
	}
	if !slices.Contains(ps.gaz, label) {
		ps.fresh = false
		ps.gaz = append(ps.gaz, label)
	}
	return Phrase{first: ps.first, length: ps.length, ok: true}
}

// Len is the number of phrases the recommender knows.
func (r *Recommender) Len() int { return len(r.phrases) }

// best is a phrase's best label, its score and its source; ok false when
// nothing backs the phrase any more.
func (ps *phraseStats) best() (label string, score float64, source string, ok bool) {
	if !ps.fresh {
		m := &ps.memo
		m.label, m.score, m.source, m.ok = ps.compute()
		ps.fresh = true
	}
	return ps.memo.label, ps.memo.score, ps.memo.source, ps.memo.ok
}

func (ps *phraseStats) compute() (label string, score float64, source string, ok bool) {
	var learned, unlabelled int32
	for _, l := range ps.labels {
		learned += l.n
	}
	if learned > 0 {
		unlabelled = max(0, ps.occurrences-ps.extents)
	}
	total := float64(learned + int32(len(ps.gaz)) + unlabelled)
	if total == 0 {
		return "", 0, "", false
	}
	var bestN float64
	consider := func(lab string) {
		n := 0.0
		for _, l := range ps.labels {
			if l.label == lab {
				n += float64(l.n)
			}
		}
		if slices.Contains(ps.gaz, lab) {
			n++
		}
		if n > bestN || (n == bestN && lab < label) {
			bestN, label = n, lab
		}
	}
	for _, l := range ps.labels {
		consider(l.label)
	}
	for _, g := range ps.gaz {
		consider(g)
	}
	inLearned := slices.ContainsFunc(ps.labels, func(l labelCount) bool { return l.label == label })
	inGaz := slices.Contains(ps.gaz, label)
	switch {
	case inLearned && inGaz:
		source = SourceBoth
	case inGaz:
		source = SourceGazetteer
	default:
		source = SourceLearned
	}
	return label, bestN / total, source, true
}

// Tokens is one document segmented by a Vocab: the tokens, where each
// starts, and (made on first need) where each word occurs. Every layer's
// Doc of the document reads the same Tokens: a 10 MB article is segmented
// once, 12 bytes a token, whatever the number of layers.
type Tokens struct {
	ID   string
	v    *Vocab
	text string
	toks []int32
	// cp[i] and by[i] are where token i starts in code points and bytes;
	// cp[len(toks)] and by[len(toks)] the text's end.
	cp, by []int32
	// at and pos index the positions of each word, lower-cased (fold):
	// those of word f are pos[at[f]:at[f+1]]. Made by the first Update,
	// since only an open document that follows the labelling needs it.
	at, pos []int32
}

// Segment numbers the word-boundary segments of text.
func (v *Vocab) Segment(text string) []int32 {
	var n int
	if len(text) > 1<<20 {
		// counted first for a long text: growing the slice by appending
		// allocates several times its size (for a 10 MB article, hundreds
		// of MB at the peak of opening it in the window)
		for it := words.FromString(text); it.Next(); {
			n++
		}
	} else {
		n = len(text)/3 + 8
	}
	return v.appendSegments(make([]int32, 0, n), text)
}

// appendSegments appends the numbers of text's segments to toks.
func (v *Vocab) appendSegments(toks []int32, text string) []int32 {
	for it := words.FromString(text); it.Next(); {
		toks = append(toks, v.intern(it.Value()))
	}
	return toks
}

// Tokenize segments a document's text.
func (v *Vocab) Tokenize(id, text string) *Tokens {
	return v.Tokens(id, text, v.Segment(text))
}

// Tokens is a document whose text v segmented already into toks (Segment):
// the offsets come from the segments' lengths, without segmenting again.
func (v *Vocab) Tokens(id, text string, toks []int32) *Tokens {
	t := &Tokens{ID: id, v: v, text: text, toks: toks,
		cp: make([]int32, len(toks)+1), by: make([]int32, len(toks)+1)}
	var cp, by int32
	for i, tok := range toks {
		t.cp[i], t.by[i] = cp, by
		cp += v.points[tok]
		by += v.bytes[tok]
	}
	t.cp[len(toks)], t.by[len(toks)] = cp, by
	return t
}

// positions calls fn with every position of token tok in a recommender's
// norm (exact: its case too), in order.
func (t *Tokens) positions(tok int32, exact bool, fn func(i int32)) {
	v := t.v
	if t.at == nil {
		t.index()
	}
	f := tok // a case-blind recommender's tokens are fold's already
	if exact {
		f = v.fold[tok]
	}
	if f == space || int(f)+1 >= len(t.at) {
		return // not a word of the document
	}
	for _, i := range t.pos[t.at[f]:t.at[f+1]] {
		if !exact || v.exact[t.toks[i]] == tok {
			fn(i)
		}
	}
}

// index makes the position index: a count per word, then the positions.
func (t *Tokens) index() {
	fold := t.v.fold
	t.at = make([]int32, len(fold)+1)
	n := int32(0)
	for _, tok := range t.toks {
		if f := fold[tok]; f != space {
			t.at[f+1]++
			n++
		}
	}
	for f := 1; f < len(t.at); f++ {
		t.at[f] += t.at[f-1]
	}
	t.pos = make([]int32, n)
	next := slices.Clone(t.at[:len(t.at)-1])
	for i, tok := range t.toks {
		if f := fold[tok]; f != space {
			t.pos[next[f]] = int32(i)
			next[f]++
		}
	}
}

// Doc is one document prepared for one recommender: the longest phrase
// match at each position of its Tokens. It follows the recommender: after
// Learn or AddGazetteer, Update with the phrase brings its matches up to
// date in time proportional to the phrase's occurrences.
type Doc struct {
	ID string
	r  *Recommender
	t  *Tokens
	// match[i] is 1 + the longest live phrase starting at token i (it ends
	// at i + that phrase's length), 0 when none; nil while the recommender
	// knew no phrase, 4 bytes a token otherwise.
	match []int32
}

// Prepare segments a document's text and finds every phrase match in it.
func (r *Recommender) Prepare(id, text string) *Doc {
	return r.Match(r.vocab.Tokenize(id, text))
}

// Match finds every phrase match in a document tokenised by the
// recommender's Vocab.
func (r *Recommender) Match(t *Tokens) *Doc {
	if t.v != r.vocab {
		panic("suggest: a document tokenised by another vocabulary")
	}
	d := &Doc{ID: t.ID, r: r, t: t}
	if r.Len() > 0 {
		d.match = make([]int32, len(t.toks))
		for i := range t.toks {
			d.rematch(int32(i))
		}
	}
	return d
}

// walk calls fn with every phrase of r that starts at token i of a
// document's tokens, shortest first.
func (r *Recommender) walk(toks []int32, i int32, fn func(end int32, p int32)) {
	norm := r.norm()
	n := int32(0)
	for j := i; j < int32(len(toks)); j++ {
		tok := norm[toks[j]]
		if j == i && tok == space {
			return
		}
		c, ok := r.edges[uint64(n)<<32|uint64(uint32(tok))]
		if !ok {
			return
		}
		n = c
		if p := r.phrase[n]; p >= 0 {
			fn(j+1, p)
		}
	}
}

// rematch finds the longest live phrase starting at token i.
func (d *Doc) rematch(i int32) {
	d.match[i] = 0
	d.r.walk(d.t.toks, i, func(_, p int32) {
		if _, _, _, ok := d.r.phrases[p].best(); ok {
			d.match[i] = p + 1
		}
	})
}

// Update brings the document's matches up to date after the recommender
// learned (or unlearned) p: only the positions where p's first word occurs
// are walked again.
func (d *Doc) Update(p Phrase) {
	if !p.ok {
		return
	}
	if d.match == nil {
		// nothing matched before the recommender's first phrase: p alone
		// can match now, where its first word occurs
		d.match = make([]int32, len(d.t.toks))
	}
	d.t.positions(p.first, d.r.opts.CaseSensitive, d.rematch)
}

// count adds each occurrence of r's phrases in a document's tokens
// (overlapping ones too) to its phrase's occurrences, times sign; see Train.
func (r *Recommender) count(toks []int32, sign int32) {
	for i := range toks {
		r.walk(toks, int32(i), func(_, p int32) {
			ps := &r.phrases[p]
			ps.occurrences += sign
			ps.fresh = false
		})
	}
}

func (d *Doc) key(start, end int32, label string) Key {
	return Key{d.r.Layer, label, int(d.t.cp[start]), int(d.t.cp[end])}
}

// Suggestions are the document's suggestions in reading order: longest
// match first, then leftmost, never two sharing text; each with the
// phrase's best label and its score. Those skip reports as rejected are
// left out (the stretch is then open to a shorter match).
func (d *Doc) Suggestions(minScore float64, skip func(Key) bool) []Suggestion {
	return d.AppendSuggestions(nil, minScore, skip)
}

// AppendSuggestions appends the document's Suggestions to dst: a caller
// that goes through many documents reuses one slice.
func (d *Doc) AppendSuggestions(dst []Suggestion, minScore float64, skip func(Key) bool) []Suggestion {
	if d.match == nil {
		return dst
	}
	type cand struct{ start, end, p int32 }
	cands := make([]cand, 0, len(d.match)/8)
	maxLen := int32(0)
	for i, m := range d.match {
		if m == 0 {
			continue
		}
		i, p := int32(i), m-1
		end := i + d.r.phrases[p].length
		lab, sc, _, _ := d.r.phrases[p].best()
		c := cand{i, end, p}
		if sc < minScore || (skip != nil && skip(d.key(c.start, c.end, lab))) {
			// The longest is out: the longest shorter one that is not.
			c.end = 0
			d.r.walk(d.t.toks, i, func(e, p int32) {
				if lab, sc, _, ok := d.r.phrases[p].best(); ok && sc >= minScore && e < end &&
					(skip == nil || !skip(d.key(i, e, lab))) {
					c = cand{i, e, p}
				}
			})
			if c.end == 0 {
				continue
			}
		}
		cands = append(cands, c)
		maxLen = max(maxLen, c.end-c.start)
	}
	// Longest first (a counting sort by length, stable, so leftmost first
	// within a length); covered marks the tokens taken so far.
	byLen := make([][]int32, maxLen+1)
	for k, c := range cands {
		byLen[c.end-c.start] = append(byLen[c.end-c.start], int32(k))
	}
	covered := make([]bool, len(d.match))
	chosen := make([]bool, len(cands))
	n := 0
	for l := maxLen; l > 0; l-- {
		for _, k := range byLen[l] {
			c := cands[k]
			if slices.Contains(covered[c.start:c.end], true) {
				continue
			}
			for t := c.start; t < c.end; t++ {
				covered[t] = true
			}
			chosen[k] = true
			n++
		}
	}
	out := slices.Grow(dst, n)
	for k, c := range cands {
		if !chosen[k] {
			continue
		}
		lab, sc, src, _ := d.r.phrases[c.p].best()
		out = append(out, Suggestion{
			Doc: d.ID, Layer: d.r.Layer, Label: lab, Score: sc, Source: src,
			Start: int(d.t.cp[c.start]), End: int(d.t.cp[c.end]),
			Text: d.t.text[d.t.by[c.start]:d.t.by[c.end]],
		})
	}
	return out
}
