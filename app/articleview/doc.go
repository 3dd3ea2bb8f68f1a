package articleview

import (
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/clipperhouse/uax29/v2/graphemes"
	"github.com/clipperhouse/uax29/v2/words"
)

// document is the view's model: the text cut into rows, the highlights and
// which rows they touch, and each row's layout or its estimated height. A row
// is a source line, or a piece of one at most maxRowRunes long: a paragraph
// of megabytes without a "\n" is cut at word boundaries, so no layout ever
// sees a giant row. Everything is made lazily, as far as it is looked at:
// rows are split off the text up to the furthest offset or height asked for,
// a row learns its highlights in one batched scan when it is first laid out,
// and ids are indexed on the first lookup. Opening a long article therefore
// costs what its first screen costs. Like layout.go it does not touch the
// canvas.
type document struct {
	text string
	rows []row
	// scanned is the byte offset where the next row starts; complete is set
	// once the last row is split off, and total (code points) is then known.
	scanned  int
	nextCP   int
	complete bool
	total    int

	// hs holds every highlight by key, removed ones included (dead[k]); the
	// slice given to SetDocument is kept, never written to.
	hs       []Highlight
	dead     []bool
	live     int
	byID     map[string]int // nil until the first lookup
	linkList []Link
	links    map[string][]Link // both ends' ids → the links at them; nil until linksOf

	m       Metrics
	measure Measure
	avgChar float32 // average character width, for height estimates
	gen     int     // bumped whenever Metrics change: every layout is stale

	tops      []float32 // tops[i] is row i's y, for the rows split so far
	topsDirty bool
	fillGen   int
}

type row struct {
	start   int  // first code point, in document offsets
	n       int  // length in code points, without the "\n"
	b0, b1  int  // byte range in the text
	soft    bool // the source line goes on in the next row: no "\n" between them
	hl      []int
	hlReady bool // hl holds every highlight touching the row
	fillGen int
	lay     *RowLayout
	layGen  int
	height  float32
}

// maxRowRunes bounds a row's length: a longer source line is cut into rows
// at a word boundary (after whitespace) in the last quarter before the bound,
// or at a grapheme boundary when there is none. Laying out a row of this size
// takes well under a millisecond.
const maxRowRunes = 4096

func newDocument(text string, m Metrics, measure Measure, avgChar float32) *document {
	return &document{text: text, m: m, measure: measure, avgChar: avgChar, gen: 1}
}

func (d *document) rowText(i int) string { return d.text[d.rows[i].b0:d.rows[i].b1] }

// splitRow splits the next row off the text: the rest of the source line,
// or its first piece when that is longer than maxRowRunes.
func (d *document) splitRow() bool {
	if d.complete {
		return false
	}
	b := d.scanned
	// a line break is looked for only as far as a row may reach (maxRowRunes
	// code points of at most 4 bytes, and one more): looking through the rest
	// of a one-paragraph text for each of its rows would cost its length
	// squared
	end := min(len(d.text), b+4*maxRowRunes+4)
	i := strings.IndexByte(d.text[b:end], '\n')
	if i >= 0 {
		end = b + i
	}
	soft := false
	n := 0
	if end-b > maxRowRunes { // else it cannot hold more runes than that
		var cut int
		if cut, n, soft = cutLongLine(d.text[b:end]); soft {
			end = b + cut
		}
	}
	if !soft {
		n = utf8.RuneCountInString(d.text[b:end])
	}
	d.rows = append(d.rows, row{start: d.nextCP, n: n, b0: b, b1: end, soft: soft})
	r := &d.rows[len(d.rows)-1]
	r.height = d.estimate(r)
	d.nextCP += n
	switch {
	case soft:
		d.scanned = end
	case i < 0:
		d.complete, d.total = true, d.nextCP
		d.scanned = len(d.text)
	default:
		d.nextCP++ // the "\n"
		d.scanned = end + 1
	}
	return true
}

// cutLongLine finds where to end the first row of line (a source line without
// its "\n"): ok=false when line is at most maxRowRunes long; else the byte
// offset and code point count of the first row. The cut is after a run of
// whitespace and before a character that does not attach to what precedes
// it (a mark, a joiner), which is both a word and a grapheme boundary; in a
// stretch without whitespace it is the start of the last grapheme cluster
// that fits.
func cutLongLine(line string) (cut, runes int, ok bool) {
	limit := 0 // byte offset of code point maxRowRunes
	for n := 0; n < maxRowRunes; n++ {
		if limit >= len(line) {
			return 0, 0, false
		}
		_, size := utf8.DecodeRuneInString(line[limit:])
		limit += size
	}
	if limit >= len(line) {
		return 0, 0, false
	}
	// back from the limit, at most a quarter of the row, for a space before
	// a character that starts a word
	runes = maxRowRunes
	for b := limit; runes > maxRowRunes*3/4; {
		r, _ := utf8.DecodeRuneInString(line[b:])
		p, size := utf8.DecodeLastRuneInString(line[:b])
		if unicode.IsSpace(p) && startsCluster(r) && !unicode.IsSpace(r) {
			return b, runes, true
		}
		b -= size
		runes--
	}
	// no whitespace near the limit: the last grapheme boundary before it
	cut, runes = 0, 0
	it := graphemes.FromString(line[:limit])
	for it.Next() {
		if it.End() == limit {
			break // the last cluster may go on past the limit
		}
		cut = it.End()
		runes += utf8.RuneCountInString(it.Value())
	}
	if cut == 0 { // one cluster of maxRowRunes code points: cut it anyway
		return limit, maxRowRunes, true
	}
	return cut, runes, true
}

// startsCluster reports whether r after a space begins a new grapheme cluster
// and a new word (UAX #29: marks, joiners and format characters attach to
// the character before them).
func startsCluster(r rune) bool {
	return !unicode.In(r, unicode.Mn, unicode.Me, unicode.Mc, unicode.Cf) && r != utf8.RuneError
}

// ensureRow splits rows until row i exists; false if the text has fewer.
func (d *document) ensureRow(i int) bool {
	for len(d.rows) <= i {
		if !d.splitRow() {
			return false
		}
	}
	return true
}

// ensureCP splits rows until the row holding cp exists.
func (d *document) ensureCP(cp int) {
	for !d.complete && d.nextCP <= cp {
		d.splitRow()
	}
	if len(d.rows) == 0 {
		d.splitRow()
	}
}

// rowOf is the row holding document offset cp (a row's end, where its "\n"
// sits, belongs to that row).
func (d *document) rowOf(cp int) int {
	d.ensureCP(cp)
	i := sort.Search(len(d.rows), func(i int) bool { return d.rows[i].start > cp })
	return max(i-1, 0)
}

// byteOf is the byte offset of code point cp.
func (d *document) byteOf(cp int) int {
	i := d.rowOf(cp)
	r := d.rows[i]
	if cp > r.start+r.n {
		return r.b1 // past the end of the text
	}
	b := r.b0
	for k := r.start; k < cp && b < r.b1; k++ {
		_, size := utf8.DecodeRuneInString(d.text[b:])
		b += size
	}
	return b
}

// slice is the text of [start, end) in code points.
func (d *document) slice(start, end int) string {
	return d.text[d.byteOf(start):d.byteOf(end)]
}

// rowEnd is the offset just after row i's last character.
func (d *document) rowEnd(i int) int { return d.rows[i].start + d.rows[i].n }

// isLastRow reports whether row i is the text's last.
func (d *document) isLastRow(i int) bool { return !d.ensureRow(i + 1) }

// rowsOf is the half-open range of rows touched by [start, end).
func (d *document) rowsOf(start, end int) (int, int) {
	a := d.rowOf(start)
	b := d.rowOf(max(end-1, start))
	return a, b + 1
}

func (d *document) setMetrics(m Metrics, measure Measure, avgChar float32) {
	d.m, d.measure, d.avgChar = m, measure, avgChar
	d.gen++
	for i := range d.rows {
		d.rows[i].height = d.estimate(&d.rows[i])
	}
	d.topsDirty = true
}

func (d *document) estimate(r *row) float32 {
	if r.n == 0 {
		return d.m.EmptyRow
	}
	lines := float32(1)
	if d.m.Width > 0 {
		lines = max(1, float32(int(float32(r.n)*d.avgChar/d.m.Width)+1))
	}
	lanes := 0
	if r.hlReady && len(r.hl) > 0 || !r.hlReady && d.live > 0 {
		lanes = 1
	}
	return lines*d.m.LineBoxHeight(lanes) + d.rowGap(r)
}

// rowGap is the space after row r: none inside a source line cut into rows.
func (d *document) rowGap(r *row) float32 {
	if r.soft {
		return 0
	}
	return d.m.RowGap
}

// layout returns row i's layout, making it if it is missing or stale.
func (d *document) layout(i int) *RowLayout {
	r := &d.rows[i]
	if r.lay != nil && r.layGen == d.gen {
		return r.lay
	}
	d.ensureHighlights(i)
	rl := LayoutRow(d.rowText(i), d.rowSpans(i), d.m, d.measure)
	r = &d.rows[i] // ensureHighlights may have split rows
	if r.soft {
		rl.Height -= d.m.RowGap // the paragraph goes on below
	}
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
		for _, f := range d.hs[k].Fragments {
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

// ensureHighlights fills the highlight lists of row i and of the rows after
// it, about a screenful, with one scan over all highlights.
func (d *document) ensureHighlights(i int) {
	if d.rows[i].hlReady {
		return
	}
	const batchBytes, batchRows = 16 << 10, 256
	last := i
	for last+1-i < batchRows && d.rows[last].b1-d.rows[i].b0 < batchBytes && d.ensureRow(last+1) && !d.rows[last+1].hlReady {
		last++
	}
	d.fillGen++
	for j := i; j <= last; j++ {
		if !d.rows[j].hlReady {
			d.rows[j].hl, d.rows[j].fillGen = nil, d.fillGen
		}
	}
	lo, hi := d.rows[i].start, d.rowEnd(last)
	for k := range d.hs {
		if d.isDead(k) {
			continue
		}
		for _, f := range d.hs[k].Fragments {
			if f.End <= lo || f.Start > hi || f.End <= f.Start {
				continue
			}
			// the rows of this fragment inside the batch
			a := sort.Search(last+1-i, func(j int) bool { return d.rowEnd(i+j) >= f.Start }) + i
			for j := a; j <= last && d.rows[j].start < f.End; j++ {
				if d.rows[j].fillGen == d.fillGen && !containsInt(d.rows[j].hl, k) {
					d.rows[j].hl = append(d.rows[j].hl, k)
				}
			}
		}
	}
	for j := i; j <= last; j++ {
		d.rows[j].hlReady = true
	}
}

func (d *document) ensureTops() {
	if d.topsDirty || len(d.tops) == 0 {
		d.tops = append(d.tops[:0], 0)
		d.topsDirty = false
	}
	for i := len(d.tops) - 1; i < len(d.rows); i++ {
		d.tops = append(d.tops, d.tops[i]+d.rows[i].height)
	}
}

// height is the laid-out height of the rows split so far plus an estimate
// for the rest of the text, at the bytes-per-height seen so far.
func (d *document) height() float32 {
	d.ensureTops()
	h := d.tops[len(d.rows)]
	if d.complete {
		return h
	}
	rest := float32(len(d.text) - d.scanned)
	if d.scanned > 0 && h > 0 {
		return h + rest*h/float32(d.scanned)
	}
	perByte := d.m.LineBoxHeight(0) / max(d.m.Width/max(d.avgChar, 1), 1)
	return h + rest*perByte
}

// rowAtY is the row at content y (clamped), splitting rows until one reaches y.
func (d *document) rowAtY(y float32) int {
	d.ensureTops()
	for !d.complete && d.tops[len(d.rows)] <= y {
		for range 64 {
			d.splitRow()
		}
		d.ensureTops()
	}
	i := sort.Search(len(d.rows), func(i int) bool { return d.tops[i+1] > y })
	return min(i, len(d.rows)-1)
}

func (d *document) top(i int) float32 {
	d.ensureTops()
	return d.tops[i]
}

// --- highlights ---

func (d *document) setHighlights(hs []Highlight, links []Link) {
	// kept without copying (opening stays flat in the number of spans); the
	// cap limit makes the first AddHighlight copy instead of writing into
	// the caller's array
	d.hs, d.dead = hs[:len(hs):len(hs)], nil
	d.live = len(hs)
	d.byID = nil
	for i := range d.rows {
		d.rows[i].hl, d.rows[i].hlReady = nil, false
	}
	d.setLinks(links)
}

// key returns the slot of the highlight with id.
func (d *document) key(id string) (int, bool) {
	if id == "" {
		return 0, false
	}
	if d.byID == nil {
		d.byID = make(map[string]int, len(d.hs))
		for k, h := range d.hs {
			if !d.isDead(k) {
				d.byID[h.ID] = k
			}
		}
	}
	k, ok := d.byID[id]
	return k, ok
}

// add records h (replacing a highlight with its id) and returns the rows
// whose layout it changes.
func (d *document) add(h Highlight) []int {
	touched := d.remove(h.ID)
	k := len(d.hs)
	d.hs = append(d.hs, h)
	d.live++
	if d.byID != nil {
		d.byID[h.ID] = k
	}
	return append(touched, d.attach(k)...)
}

// attach adds slot k to the rows that already know their highlights; the
// others find it when they are first laid out.
func (d *document) attach(k int) []int {
	var touched []int
	for _, f := range d.hs[k].Fragments {
		if f.End <= f.Start || f.Start < 0 {
			continue
		}
		a, b := d.rowsOf(f.Start, f.End)
		for i := a; i < b; i++ {
			if f.Start > d.rowEnd(i) {
				continue // past the text's end
			}
			if r := &d.rows[i]; r.hlReady && !containsInt(r.hl, k) {
				r.hl = append(r.hl, k)
				touched = append(touched, i)
			}
		}
	}
	return touched
}

// remove forgets the highlight and returns the rows it touched.
func (d *document) remove(id string) []int {
	k, ok := d.key(id)
	if !ok {
		return nil
	}
	var touched []int
	for _, f := range d.hs[k].Fragments {
		if f.End <= f.Start || f.Start < 0 {
			continue
		}
		a, b := d.rowsOf(f.Start, f.End)
		for i := a; i < b; i++ {
			if j := indexInt(d.rows[i].hl, k); j >= 0 {
				d.rows[i].hl = append(d.rows[i].hl[:j], d.rows[i].hl[j+1:]...)
				touched = append(touched, i)
			}
		}
	}
	if len(d.dead) <= k {
		d.dead = append(d.dead, make([]bool, len(d.hs)-len(d.dead))...)
	}
	d.dead[k] = true
	d.live--
	delete(d.byID, id)
	return touched
}

func (d *document) isDead(k int) bool { return k < len(d.dead) && d.dead[k] }

func (d *document) highlight(id string) (Highlight, bool) {
	k, ok := d.key(id)
	if !ok {
		return Highlight{}, false
	}
	return d.hs[k], true
}

// setLinks keeps links; they are indexed by span on the first lookup
// (linksOf), so that opening a document whose relations are not drawn and
// whose spans are not pointed at costs nothing for them (indexing 3,300
// links took two thirds of opening a 100,000-word article).
func (d *document) setLinks(links []Link) {
	d.linkList, d.links = links, nil
}

// linksOf lists the links at either end of the highlight with id.
func (d *document) linksOf(id string) []Link {
	if d.links == nil {
		d.links = make(map[string][]Link, 2*len(d.linkList))
		for _, l := range d.linkList {
			d.links[l.From] = append(d.links[l.From], l)
			if l.To != l.From {
				d.links[l.To] = append(d.links[l.To], l)
			}
		}
	}
	return d.links[id]
}

// spansAt lists the keys of highlights covering document offset cp, shortest
// first (the innermost is the one a click means first).
func (d *document) spansAt(cp int) []int {
	r := d.rowOf(cp)
	d.ensureHighlights(r)
	var keys []int
	for _, k := range d.rows[r].hl {
		for _, f := range d.hs[k].Fragments {
			if f.Start <= cp && cp < f.End {
				keys = append(keys, k)
				break
			}
		}
	}
	sort.SliceStable(keys, func(a, b int) bool {
		ha, hb := d.hs[keys[a]], d.hs[keys[b]]
		if la, lb := spanLen(ha), spanLen(hb); la != lb {
			return la < lb
		}
		// a span before a suggestion on the same text (one learned from
		// that very span): the click picks what is there, Tab the ghosts
		if ga, gb := ha.Style == StyleSuggestion, hb.Style == StyleSuggestion; ga != gb {
			return gb
		}
		return ha.ID < hb.ID
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
	if cp < 0 {
		return token{}, false
	}
	r := d.rowOf(cp)
	if cp >= d.rowEnd(r) {
		return token{}, false
	}
	for _, t := range d.tokens(r) {
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
	cp = max(cp, 0)
	i := d.rowOf(cp)
	if cp >= d.rowEnd(i) {
		if d.isLastRow(i) {
			return d.rowEnd(i)
		}
		return d.rows[i+1].start // over the "\n"
	}
	for _, b := range d.graphemeBounds(i) {
		if b > cp {
			return b
		}
	}
	return d.rowEnd(i)
}

// prevGrapheme is the last grapheme boundary before cp.
func (d *document) prevGrapheme(cp int) int {
	if cp <= 0 {
		return 0
	}
	i := d.rowOf(cp)
	if cp == d.rows[i].start {
		if !d.rows[i-1].soft {
			return cp - 1 // back over the "\n" to the previous row's end
		}
		i-- // the row is cut from the previous one at a grapheme boundary
	}
	bs := d.graphemeBounds(i)
	j := sort.SearchInts(bs, cp)
	return bs[max(j-1, 0)]
}

// nextWordEnd is the end of the first word ending after cp.
func (d *document) nextWordEnd(cp int) int {
	i := d.rowOf(cp)
	for ; d.ensureRow(i); i++ {
		for _, t := range d.tokens(i) {
			if t.kind == tokenWord && t.end > cp {
				return t.end
			}
		}
	}
	return d.rowEnd(i - 1)
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

// nextWordStart is the start of the first word starting after cp (cp
// itself when there is none).
func (d *document) nextWordStart(cp int) int {
	for i := d.rowOf(cp); d.ensureRow(i); i++ {
		for _, t := range d.tokens(i) {
			if t.kind == tokenWord && t.start > cp {
				return t.start
			}
		}
	}
	return cp
}

// prevWordEnd is the end of the last word ending before cp (cp itself when
// there is none).
func (d *document) prevWordEnd(cp int) int {
	for i := d.rowOf(cp); i >= 0; i-- {
		ts := d.tokens(i)
		for j := len(ts) - 1; j >= 0; j-- {
			if ts[j].kind == tokenWord && ts[j].end < cp {
				return ts[j].end
			}
		}
	}
	return cp
}

// clampToGraphemes moves cp to the nearest grapheme boundary at or before it,
// so a boundary never splits a cluster.
func (d *document) clampToGraphemes(cp int) int {
	cp = max(cp, 0)
	i := d.rowOf(cp)
	cp = min(cp, d.rowEnd(i))
	bs := d.graphemeBounds(i)
	j := sort.SearchInts(bs, cp)
	if j < len(bs) && bs[j] == cp {
		return cp
	}
	return bs[max(j-1, 0)]
}
