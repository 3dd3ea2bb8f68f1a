package articleview

import (
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/clipperhouse/uax29/v2/graphemes"
	"github.com/clipperhouse/uax29/v2/words"
)

// document is the view's model: the text cut into rows (source lines), the
// highlights and which rows they touch, and each row's layout (made lazily,
// only for rows that are looked at) or its estimated height. Like layout.go it
// does not touch the canvas.
type document struct {
	text  string
	rows  []row
	total int // code points

	slots []slot
	byID  map[string]int
	links map[string][]string // highlight id -> linked ids, both directions

	m       Metrics
	measure Measure
	avgChar float32 // average character width, for height estimates
	gen     int     // bumped whenever Metrics change: every layout is stale

	tops      []float32 // tops[i] is row i's y; tops[len(rows)] the total height
	topsDirty bool
}

type row struct {
	start  int // first code point, in document offsets
	n      int // length in code points, without the "\n"
	b0, b1 int // byte range in the text
	hl     []int
	lay    *RowLayout
	layGen int
	height float32
}

type slot struct {
	h     Highlight
	alive bool
}

func newDocument(text string, m Metrics, measure Measure, avgChar float32) *document {
	d := &document{text: text, byID: map[string]int{}, links: map[string][]string{},
		m: m, measure: measure, avgChar: avgChar, gen: 1}
	cp, b := 0, 0
	for {
		i := strings.IndexByte(text[b:], '\n')
		end := len(text)
		if i >= 0 {
			end = b + i
		}
		n := utf8.RuneCountInString(text[b:end])
		d.rows = append(d.rows, row{start: cp, n: n, b0: b, b1: end})
		cp += n
		if i < 0 {
			break
		}
		cp++ // the "\n"
		b = end + 1
	}
	d.total = cp
	d.estimateAll()
	return d
}

func (d *document) rowText(i int) string { return d.text[d.rows[i].b0:d.rows[i].b1] }

// rowOf is the row holding document offset cp (a row's end, where its "\n"
// sits, belongs to that row).
func (d *document) rowOf(cp int) int {
	i := sort.Search(len(d.rows), func(i int) bool { return d.rows[i].start > cp })
	return max(i-1, 0)
}

// rowsOf is the half-open range of rows touched by [start, end).
func (d *document) rowsOf(start, end int) (int, int) {
	a := d.rowOf(start)
	b := d.rowOf(max(end-1, start))
	return a, b + 1
}

func (d *document) setMetrics(m Metrics, measure Measure, avgChar float32) {
	d.m, d.measure, d.avgChar = m, measure, avgChar
	d.gen++
	d.estimateAll()
}

func (d *document) estimate(r *row) float32 {
	if r.n == 0 {
		return d.m.EmptyRow
	}
	lines := float32(1)
	if d.m.Width > 0 {
		lines = max(1, float32(int(float32(r.n)*d.avgChar/d.m.Width)+1))
	}
	per := d.m.LineHeight
	if len(r.hl) > 0 {
		per += d.m.LaneHeight
	}
	return lines*per + d.m.RowGap
}

func (d *document) estimateAll() {
	for i := range d.rows {
		d.rows[i].height = d.estimate(&d.rows[i])
	}
	d.topsDirty = true
}

// layout returns row i's layout, making it if it is missing or stale.
func (d *document) layout(i int) *RowLayout {
	r := &d.rows[i]
	if r.lay != nil && r.layGen == d.gen {
		return r.lay
	}
	rl := LayoutRow(d.rowText(i), d.rowSpans(i), d.m, d.measure)
	r.lay, r.layGen = &rl, d.gen
	if rl.Height != r.height {
		r.height = rl.Height
		d.topsDirty = true
	}
	return r.lay
}

// invalidate drops row i's layout; its height is kept until it is laid out
// again, so nothing moves before it is repainted.
func (d *document) invalidate(i int) {
	d.rows[i].lay = nil
}

func (d *document) rowSpans(i int) []RowSpan {
	r := &d.rows[i]
	if len(r.hl) == 0 {
		return nil
	}
	out := make([]RowSpan, 0, len(r.hl))
	for _, k := range r.hl {
		var frags [][2]int
		for _, f := range d.slots[k].h.Fragments {
			s, e := max(f.Start, r.start)-r.start, min(f.End, r.start+r.n)-r.start
			if s < e {
				frags = append(frags, [2]int{s, e})
			}
		}
		if len(frags) > 0 {
			out = append(out, RowSpan{Key: k, Frags: frags})
		}
	}
	return out
}

func (d *document) ensureTops() {
	if !d.topsDirty && len(d.tops) == len(d.rows)+1 {
		return
	}
	if cap(d.tops) < len(d.rows)+1 {
		d.tops = make([]float32, len(d.rows)+1)
	}
	d.tops = d.tops[:len(d.rows)+1]
	y := float32(0)
	for i := range d.rows {
		d.tops[i] = y
		y += d.rows[i].height
	}
	d.tops[len(d.rows)] = y
	d.topsDirty = false
}

func (d *document) height() float32 {
	d.ensureTops()
	return d.tops[len(d.rows)]
}

// rowAtY is the row at content y (clamped).
func (d *document) rowAtY(y float32) int {
	d.ensureTops()
	i := sort.Search(len(d.rows), func(i int) bool { return d.tops[i+1] > y })
	return min(i, len(d.rows)-1)
}

func (d *document) top(i int) float32 {
	d.ensureTops()
	return d.tops[i]
}

// --- highlights ---

func (d *document) setHighlights(hs []Highlight, links []Link) {
	d.slots = d.slots[:0]
	clear(d.byID)
	for i := range d.rows {
		d.rows[i].hl = nil
	}
	for _, h := range hs {
		d.add(h)
	}
	d.setLinks(links)
	d.estimateAll()
}

// add records h and returns the rows it touches.
func (d *document) add(h Highlight) []int {
	if k, ok := d.byID[h.ID]; ok {
		d.remove(h.ID)
		d.slots[k] = slot{h: h, alive: true}
		d.byID[h.ID] = k
		return d.attach(k)
	}
	k := len(d.slots)
	d.slots = append(d.slots, slot{h: h, alive: true})
	d.byID[h.ID] = k
	return d.attach(k)
}

func (d *document) attach(k int) []int {
	var touched []int
	for _, f := range d.slots[k].h.Fragments {
		if f.End <= f.Start || f.Start < 0 || f.Start > d.total {
			continue
		}
		a, b := d.rowsOf(f.Start, min(f.End, d.total))
		for i := a; i < b; i++ {
			if !containsInt(d.rows[i].hl, k) {
				d.rows[i].hl = append(d.rows[i].hl, k)
				touched = append(touched, i)
			}
		}
	}
	return touched
}

// remove forgets the highlight and returns the rows it touched.
func (d *document) remove(id string) []int {
	k, ok := d.byID[id]
	if !ok {
		return nil
	}
	var touched []int
	for _, f := range d.slots[k].h.Fragments {
		if f.End <= f.Start || f.Start < 0 || f.Start > d.total {
			continue
		}
		a, b := d.rowsOf(f.Start, min(f.End, d.total))
		for i := a; i < b; i++ {
			if j := indexInt(d.rows[i].hl, k); j >= 0 {
				d.rows[i].hl = append(d.rows[i].hl[:j], d.rows[i].hl[j+1:]...)
				touched = append(touched, i)
			}
		}
	}
	d.slots[k].alive = false
	delete(d.byID, id)
	return touched
}

func (d *document) highlight(id string) (Highlight, bool) {
	k, ok := d.byID[id]
	if !ok {
		return Highlight{}, false
	}
	return d.slots[k].h, true
}

func (d *document) setLinks(links []Link) {
	clear(d.links)
	for _, l := range links {
		d.links[l.From] = append(d.links[l.From], l.To)
		d.links[l.To] = append(d.links[l.To], l.From)
	}
}

// spansAt lists the keys of highlights covering document offset cp, shortest
// first (the innermost is the one a click means first).
func (d *document) spansAt(cp int) []int {
	r := d.rowOf(cp)
	var keys []int
	for _, k := range d.rows[r].hl {
		for _, f := range d.slots[k].h.Fragments {
			if f.Start <= cp && cp < f.End {
				keys = append(keys, k)
				break
			}
		}
	}
	sort.SliceStable(keys, func(a, b int) bool {
		la, lb := spanLen(d.slots[keys[a]].h), spanLen(d.slots[keys[b]].h)
		if la != lb {
			return la < lb
		}
		return d.slots[keys[a]].h.ID < d.slots[keys[b]].h.ID
	})
	return keys
}

func spanLen(h Highlight) int {
	n := 0
	for _, f := range h.Fragments {
		n += f.End - f.Start
	}
	return n
}

func containsInt(s []int, v int) bool { return indexInt(s, v) >= 0 }

func indexInt(s []int, v int) int {
	for i, x := range s {
		if x == v {
			return i
		}
	}
	return -1
}

// --- words and graphemes ---

type tokenKind int

const (
	tokenWord tokenKind = iota
	tokenSpace
	tokenPunct
)

// token is a UAX #29 word-boundary segment, in document offsets.
type token struct {
	start, end int
	kind       tokenKind
}

// tokens returns row i's word-boundary segments.
func (d *document) tokens(i int) []token {
	r := d.rows[i]
	var out []token
	cp := r.start
	it := words.FromString(d.rowText(i))
	for it.Next() {
		v := it.Value()
		n := utf8.RuneCountInString(v)
		out = append(out, token{start: cp, end: cp + n, kind: kindOf(v)})
		cp += n
	}
	return out
}

func kindOf(tok string) tokenKind {
	r, _ := utf8.DecodeRuneInString(tok)
	switch {
	case unicode.IsSpace(r) || unicode.IsControl(r):
		return tokenSpace
	case unicode.IsPunct(r):
		return tokenPunct
	}
	return tokenWord
}

// tokenAt is the token holding the character at cp (ok=false at a row's end).
func (d *document) tokenAt(cp int) (token, bool) {
	if cp < 0 || cp >= d.total {
		return token{}, false
	}
	for _, t := range d.tokens(d.rowOf(cp)) {
		if t.start <= cp && cp < t.end {
			return t, true
		}
	}
	return token{}, false
}

// snapToWords widens [start, end) outward to whole words and drops whitespace
// at either edge. A selection of nothing but whitespace is left as it is.
func (d *document) snapToWords(start, end int) (int, int) {
	if start >= end {
		return start, end
	}
	s, e := start, end
	if t, ok := d.tokenAt(start); ok {
		if t.kind == tokenSpace {
			s = min(t.end, end)
		} else {
			s = t.start
		}
	}
	if t, ok := d.tokenAt(end - 1); ok {
		if t.kind == tokenSpace {
			e = max(t.start, s)
		} else {
			e = t.end
		}
	}
	if s >= e {
		return start, end
	}
	return s, e
}

// wordAt is the word (or punctuation, or whitespace run) under cp.
func (d *document) wordAt(cp int) (int, int, bool) {
	t, ok := d.tokenAt(cp)
	if !ok {
		return 0, 0, false
	}
	return t.start, t.end, true
}

// graphemeBounds lists row i's grapheme boundaries in document offsets.
func (d *document) graphemeBounds(i int) []int {
	r := d.rows[i]
	out := []int{r.start}
	cp := r.start
	it := graphemes.FromString(d.rowText(i))
	for it.Next() {
		cp += utf8.RuneCountInString(it.Value())
		out = append(out, cp)
	}
	return out
}

// nextGrapheme is the first grapheme boundary after cp; the "\n" between rows
// counts as one step.
func (d *document) nextGrapheme(cp int) int {
	if cp >= d.total {
		return d.total
	}
	i := d.rowOf(cp)
	for _, b := range d.graphemeBounds(i) {
		if b > cp {
			return b
		}
	}
	return cp + 1 // past the row's end: over the "\n"
}

// prevGrapheme is the last grapheme boundary before cp.
func (d *document) prevGrapheme(cp int) int {
	if cp <= 0 {
		return 0
	}
	i := d.rowOf(cp)
	if cp == d.rows[i].start {
		return cp - 1 // back over the "\n" to the previous row's end
	}
	bs := d.graphemeBounds(i)
	j := sort.SearchInts(bs, cp)
	return bs[max(j-1, 0)]
}

// nextWordEnd is the end of the first word ending after cp.
func (d *document) nextWordEnd(cp int) int {
	for i := d.rowOf(cp); i < len(d.rows); i++ {
		for _, t := range d.tokens(i) {
			if t.kind == tokenWord && t.end > cp {
				return t.end
			}
		}
	}
	return d.total
}

// prevWordStart is the start of the last word starting before cp.
func (d *document) prevWordStart(cp int) int {
	for i := d.rowOf(cp); i >= 0; i-- {
		ts := d.tokens(i)
		for j := len(ts) - 1; j >= 0; j-- {
			if ts[j].kind == tokenWord && ts[j].start < cp {
				return ts[j].start
			}
		}
	}
	return 0
}

// clampToGraphemes moves cp to the nearest grapheme boundary at or before it,
// so a boundary never splits a cluster.
func (d *document) clampToGraphemes(cp int) int {
	cp = min(max(cp, 0), d.total)
	bs := d.graphemeBounds(d.rowOf(cp))
	j := sort.SearchInts(bs, cp)
	if j < len(bs) && bs[j] == cp {
		return cp
	}
	if j == len(bs) {
		return cp // the "\n" position
	}
	return bs[max(j-1, 0)]
}
