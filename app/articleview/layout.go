package articleview

import (
	"math"
	"sort"
	"unicode"
	"unicode/utf8"

	"github.com/clipperhouse/uax29/v2/graphemes"
	"github.com/clipperhouse/uax29/v2/words"
)

// This file is the pure half of the view: text + width + a measuring function
// in, lines, word runs, span bars and hit-testing out. It knows nothing of
// Fyne's canvas, so it is tested and benchmarked without a window.

// Measure returns the drawn width of s at the view's current text size.
type Measure func(s string) float32

// Metrics are the sizes a row layout needs; the view derives them from the
// text size.
type Metrics struct {
	Width      float32 // the text column's width
	LineHeight float32 // one line of text with its leading, without lanes
	TextHeight float32 // the height of a canvas.Text at this size
	LaneHeight float32 // one span lane under a line: bar plus gap
	BarHeight  float32 // the drawn thickness of a span bar
	RowGap     float32 // space after a non-empty source line
	EmptyRow   float32 // height of an empty source line ("\n\n")
	TabWidth   float32 // width of a tab character
	// ArcBand is the height of the band above every line's text where
	// relation arcs run and their types are written (0: relations hidden).
	// Every line has it, used or not, so that adding a relation never moves
	// the text, and an arc never crosses the words of the line above.
	ArcBand float32
	// ReserveLanes is how many lanes every non-empty line keeps, used or
	// not: the first spans stacked on a line do not make it taller, so the
	// text below stays where it was while one labels.
	ReserveLanes int
}

// TextTop is the text's offset from the top of its line box.
func (m Metrics) TextTop() float32 { return m.ArcBand + (m.LineHeight-m.TextHeight)/2 }

// LineBoxHeight is the height of a line with lanes lanes of bars in use.
func (m Metrics) LineBoxHeight(lanes int) float32 {
	return m.ArcBand + m.LineHeight + float32(max(lanes, m.ReserveLanes))*m.LaneHeight
}

// LanesTop is where the first lane begins, from the top of the line box: just
// under the text, so that bars read as underlines.
func (m Metrics) LanesTop() float32 { return m.TextTop() + m.TextHeight + 1 }

// RowSpan is a span clipped to one row, in code points relative to the row.
type RowSpan struct {
	Key   int // the caller's handle for the span
	Frags [][2]int
}

// Run is a stretch of text drawn as one canvas.Text: glued non-space tokens.
type Run struct {
	Text  string
	X     float32
	Start int // code point, relative to the row
	End   int
}

// Line is one visual line of a row.
type Line struct {
	Start, End int // code points relative to the row, [Start, End)
	Y          float32
	Height     float32
	Lanes      int
	// Bounds are the grapheme-cluster boundaries on the line, from Start to End
	// inclusive, and Xs their x positions: hit-testing only ever lands on one.
	Bounds []int
	Xs     []float32
	Runs   []Run
}

// Bar is one piece of a span drawn under a line. Join marks the thin piece
// that connects two fragments of a discontinuous span on the same line.
type Bar struct {
	Key    int
	Line   int
	Lane   int
	X0, X1 float32
	Join   bool
	First  bool // the span's first piece on the line: where its name is written
}

// RowLayout is a laid-out source line ("paragraph").
type RowLayout struct {
	Lines  []Line
	Bars   []Bar
	Height float32 // including the gap after the row
	Len    int     // the row's length in code points
}

// cluster is one grapheme cluster of a row.
type cluster struct {
	start, end int // code points
	width      float32
	space      bool // whitespace or an invisible control: may hang past the line end
}

// atom is a stretch that is not broken across lines unless it alone is wider
// than the column: glued non-space tokens, or one run of whitespace.
type atom struct {
	first, last int // cluster indices, inclusive
	space       bool
}

// LayoutRow lays out one source line (without its "\n"; a trailing "\r" is kept
// and counted but has no width and is not drawn).
func LayoutRow(text string, spans []RowSpan, m Metrics, measure Measure) RowLayout {
	clusters := segmentClusters(text, m, measure)
	atoms := segmentAtoms(text, clusters)
	runes := runeOffsets(text)
	fitToShaping(text, runes, clusters, atoms, measure)
	n := utf8.RuneCountInString(text)
	rl := RowLayout{Len: n}
	if n == 0 {
		rl.Lines = []Line{{Height: m.EmptyRow, Bounds: []int{0}, Xs: []float32{0}}}
		rl.Height = m.EmptyRow
		return rl
	}

	// Greedy wrap: an atom that does not fit starts a new line; whitespace
	// hangs; an atom wider than the column is broken between clusters.
	var lines []Line
	cur := Line{Bounds: []int{0}, Xs: []float32{0}}
	x := float32(0)
	newLine := func() {
		lines = append(lines, cur)
		s := cur.End
		cur = Line{Start: s, End: s, Bounds: []int{s}, Xs: []float32{0}}
		x = 0
	}
	place := func(c cluster) {
		x += c.width
		cur.End = c.end
		cur.Bounds = append(cur.Bounds, c.end)
		cur.Xs = append(cur.Xs, x)
	}
	for _, a := range atoms {
		w := float32(0)
		for i := a.first; i <= a.last; i++ {
			w += clusters[i].width
		}
		if a.space {
			for i := a.first; i <= a.last; i++ {
				place(clusters[i])
			}
			continue
		}
		if x > 0 && x+w > m.Width {
			newLine()
		}
		for i := a.first; i <= a.last; i++ {
			c := clusters[i]
			if x > 0 && x+c.width > m.Width && w > m.Width {
				newLine()
			}
			place(c)
		}
	}
	lines = append(lines, cur)

	for li := range lines {
		lines[li].Runs = lineRuns(text, runes, clusters, &lines[li])
	}
	rl.Bars = assignBars(lines, spans)
	y := float32(0)
	for li := range lines {
		lines[li].Y = y
		lines[li].Height = m.LineBoxHeight(lines[li].Lanes)
		y += lines[li].Height
	}
	rl.Lines = lines
	rl.Height = y + m.RowGap
	return rl
}

// fitToShaping scales the cluster widths of each multi-cluster atom so they add
// up to the atom's width as drawn in one piece (kerning), keeping hit-testing
// and painting in step.
func fitToShaping(text string, runes []int, clusters []cluster, atoms []atom, measure Measure) {
	for _, a := range atoms {
		if a.space || a.first == a.last {
			continue
		}
		sum := float32(0)
		for i := a.first; i <= a.last; i++ {
			sum += clusters[i].width
		}
		if sum <= 0 {
			continue
		}
		whole := measure(text[runes[clusters[a.first].start]:runes[clusters[a.last].end]])
		if whole <= 0 || whole == sum {
			continue
		}
		k := whole / sum
		for i := a.first; i <= a.last; i++ {
			clusters[i].width *= k
		}
	}
}

// runeOffsets maps code point index to byte offset (one past the end included).
func runeOffsets(text string) []int {
	offs := make([]int, 0, len(text)+1)
	for b := range text {
		offs = append(offs, b)
	}
	return append(offs, len(text))
}

func segmentClusters(text string, m Metrics, measure Measure) []cluster {
	var out []cluster
	cp := 0
	it := graphemes.FromString(text)
	for it.Next() {
		g := it.Value()
		n := utf8.RuneCountInString(g)
		r, _ := utf8.DecodeRuneInString(g)
		c := cluster{start: cp, end: cp + n}
		switch {
		case r == '\t':
			c.width, c.space = m.TabWidth, true
		case unicode.IsControl(r):
			c.space = true // "\r" and friends: counted, never drawn
		case unicode.IsSpace(r):
			c.width, c.space = measure(g), true
		default:
			c.width = measure(g)
		}
		out = append(out, c)
		cp += n
	}
	return out
}

// segmentAtoms groups clusters into unbreakable atoms using UAX #29 word
// boundaries: a line may break after whitespace or after a dash or slash,
// never before punctuation that follows a word.
func segmentAtoms(text string, clusters []cluster) []atom {
	var out []atom
	ci := 0 // next cluster
	cp := 0
	glue := false // the last atom may be extended by the next non-space token
	it := words.FromString(text)
	for it.Next() {
		tok := it.Value()
		end := cp + utf8.RuneCountInString(tok)
		first := ci
		for ci < len(clusters) && clusters[ci].end <= end {
			ci++
		}
		// A token boundary inside a cluster cannot happen (UAX #29 words never
		// split a grapheme), but stay safe if it did.
		if ci == first {
			cp = end
			continue
		}
		space := clusters[first].space
		switch {
		case space:
			if n := len(out); n > 0 && out[n-1].space {
				out[n-1].last = ci - 1
			} else {
				out = append(out, atom{first: first, last: ci - 1, space: true})
			}
			glue = false
		case glue:
			out[len(out)-1].last = ci - 1
		default:
			out = append(out, atom{first: first, last: ci - 1})
		}
		if !space {
			r, _ := utf8.DecodeRuneInString(tok)
			glue = !breaksAfter(r)
		}
		cp = end
	}
	return out
}

func breaksAfter(r rune) bool {
	switch r {
	case '-', '\u2010', '\u2013', '\u2014', '/':
		return true
	}
	return false
}

// lineRuns cuts the line's drawable text into runs at whitespace, so that
// each run is placed at the x the layout computed for it.
func lineRuns(text string, runes []int, clusters []cluster, ln *Line) []Run {
	var runs []Run
	// clusters on this line: find by start offset
	i := sort.Search(len(clusters), func(i int) bool { return clusters[i].start >= ln.Start })
	bi := 0
	for i < len(clusters) && clusters[i].end <= ln.End {
		if clusters[i].space {
			i++
			bi++
			continue
		}
		j := i
		for j < len(clusters) && clusters[j].end <= ln.End && !clusters[j].space {
			j++
		}
		s, e := clusters[i].start, clusters[j-1].end
		runs = append(runs, Run{Text: text[runes[s]:runes[e]], X: ln.Xs[bi], Start: s, End: e})
		bi += j - i
		i = j
	}
	return runs
}

// assignBars gives every span on a line a lane (lowest free, spans sorted by
// start and longer first, so that an enclosing span sits nearest the text) and
// returns the bars; it also sets each line's lane count.
func assignBars(lines []Line, spans []RowSpan) []Bar {
	if len(spans) == 0 {
		return nil
	}
	type onLine struct {
		key        int
		start, end int
		pieces     [][2]int
	}
	var bars []Bar
	var items []onLine
	var laneEnds []int
	for li := range lines {
		ln := &lines[li]
		items = items[:0]
		for _, sp := range spans {
			it := onLine{key: sp.Key, start: math.MaxInt, end: -1}
			for _, f := range sp.Frags {
				s, e := max(f[0], ln.Start), min(f[1], ln.End)
				if s >= e {
					continue
				}
				it.pieces = append(it.pieces, [2]int{s, e})
				it.start, it.end = min(it.start, s), max(it.end, e)
			}
			if len(it.pieces) > 0 {
				items = append(items, it)
			}
		}
		sort.Slice(items, func(a, b int) bool {
			if items[a].start != items[b].start {
				return items[a].start < items[b].start
			}
			if items[a].end != items[b].end {
				return items[a].end > items[b].end
			}
			return items[a].key < items[b].key
		})
		laneEnds = laneEnds[:0]
		for _, it := range items {
			lane := -1
			for l, e := range laneEnds {
				if e <= it.start {
					lane = l
					break
				}
			}
			if lane < 0 {
				lane = len(laneEnds)
				laneEnds = append(laneEnds, 0)
			}
			laneEnds[lane] = it.end
			for pi, p := range it.pieces {
				x0, x1 := ln.XOf(p[0]), ln.XOf(p[1])
				bars = append(bars, Bar{Key: it.key, Line: li, Lane: lane, X0: x0, X1: x1, First: pi == 0})
				if pi > 0 {
					jx := ln.XOf(it.pieces[pi-1][1])
					bars = append(bars, Bar{Key: it.key, Line: li, Lane: lane, X0: jx, X1: x0, Join: true})
				}
			}
		}
		ln.Lanes = len(laneEnds)
	}
	return bars
}

// XOf is the x of the grapheme boundary at or just before row offset cp.
func (ln *Line) XOf(cp int) float32 {
	i := sort.SearchInts(ln.Bounds, cp)
	if i < len(ln.Bounds) && ln.Bounds[i] == cp {
		return ln.Xs[i]
	}
	if i == 0 {
		return 0
	}
	return ln.Xs[i-1]
}

// NearestBound is the grapheme boundary closest to x (ties go left, so a
// pointer at a line's end lands before an invisible "\r").
func (ln *Line) NearestBound(x float32) int {
	i := sort.Search(len(ln.Xs), func(i int) bool { return ln.Xs[i] >= x })
	switch {
	case i == 0:
		return ln.Bounds[0]
	case i == len(ln.Xs):
		// past the end: the last boundary before any hanging invisible tail
		return ln.Bounds[firstAtX(ln.Xs, ln.Xs[len(ln.Xs)-1])]
	}
	if x-ln.Xs[i-1] <= ln.Xs[i]-x {
		return ln.Bounds[firstAtX(ln.Xs, ln.Xs[i-1])]
	}
	return ln.Bounds[firstAtX(ln.Xs, ln.Xs[i])]
}

func firstAtX(xs []float32, x float32) int {
	return sort.Search(len(xs), func(i int) bool { return xs[i] >= x })
}

// ClusterAt returns the grapheme cluster [start, end) under x, ok=false when x
// is past the line's drawn text.
func (ln *Line) ClusterAt(x float32) (start, end int, ok bool) {
	if x < 0 || len(ln.Xs) < 2 || x >= ln.Xs[len(ln.Xs)-1] {
		return 0, 0, false
	}
	i := sort.Search(len(ln.Xs), func(i int) bool { return ln.Xs[i] > x })
	return ln.Bounds[i-1], ln.Bounds[i], true
}

// LineAt is the index of the line at row-relative y (clamped).
func (rl *RowLayout) LineAt(y float32) int {
	i := sort.Search(len(rl.Lines), func(i int) bool { return rl.Lines[i].Y+rl.Lines[i].Height > y })
	if i == len(rl.Lines) {
		return len(rl.Lines) - 1
	}
	return i
}

// LineOf is the index of the line holding row offset cp: the line where it
// starts a character, or the last line for the row's end.
func (rl *RowLayout) LineOf(cp int) int {
	for i := range rl.Lines {
		if cp < rl.Lines[i].End {
			return i
		}
	}
	return len(rl.Lines) - 1
}

// Position is the top-left of the boundary at row offset cp.
func (rl *RowLayout) Position(cp int) (x, y float32) {
	ln := &rl.Lines[rl.LineOf(cp)]
	return ln.XOf(cp), ln.Y
}

// OffsetAt is the grapheme boundary nearest the row-relative point.
func (rl *RowLayout) OffsetAt(x, y float32) int {
	return rl.Lines[rl.LineAt(y)].NearestBound(x)
}

// BarAt returns the span key whose bar is under the row-relative point.
func (rl *RowLayout) BarAt(x, y float32, m Metrics) (int, bool) {
	li := rl.LineAt(y)
	ln := &rl.Lines[li]
	dy := y - ln.Y - m.LanesTop()
	if dy < 0 || ln.Lanes == 0 {
		return 0, false
	}
	lane := int(dy / m.LaneHeight)
	for _, b := range rl.Bars {
		if b.Line == li && b.Lane == lane && x >= b.X0 && x <= b.X1 {
			return b.Key, true
		}
	}
	return 0, false
}
