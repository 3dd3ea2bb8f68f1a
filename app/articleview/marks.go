package articleview

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// This file is pure like layout.go: the label names written on span bars
// (abbreviated to fit) and the routes of relation arcs. The renderer draws
// what these return.

// FitName is the longest form of a label name that fits width at the name
// size, as brat shows a tight label: the whole name, else its start and
// "…" (at least three letters of it), else its initials ("Loaded Language"
// → "LL"), else its first letter, else "" (the bar is too short for any).
func FitName(name string, width float32, measure Measure) string {
	name = strings.TrimSpace(name)
	if name == "" || width <= 0 {
		return ""
	}
	if measure(name) <= width {
		return name
	}
	rs := []rune(name)
	// the longest prefix of at least 3 letters that fits with "…": binary search
	lo, hi := 3, len(rs)-1
	best := ""
	for lo <= hi {
		mid := (lo + hi) / 2
		cand := strings.TrimRightFunc(string(rs[:mid]), isNameSeparator) + "…"
		if measure(cand) <= width {
			best, lo = cand, mid+1
		} else {
			hi = mid - 1
		}
	}
	if best != "" {
		return best
	}
	if in := initials(name); utf8.RuneCountInString(in) > 1 && measure(in) <= width {
		return in
	}
	if first := string(rs[0]); measure(first) <= width {
		return first
	}
	return ""
}

func isNameSeparator(r rune) bool {
	return unicode.IsSpace(r) || r == '_' || r == '-' || r == ',' || r == '/'
}

// initials are the first letters of a name's words, upper-cased.
func initials(name string) string {
	var b strings.Builder
	for _, w := range strings.FieldsFunc(name, isNameSeparator) {
		r, _ := utf8.DecodeRuneInString(w)
		b.WriteRune(unicode.ToUpper(r))
	}
	return b.String()
}

// ArcEnd is where a relation arc meets a span: the x of the span's first
// piece and the top of the line box holding it, in one coordinate system
// (the renderer's: view coordinates). Off marks an end scrolled out of
// view: the arc then runs to LineY (the view's top or bottom edge) in the
// gutter.
type ArcEnd struct {
	X, LineY float32
	Off      bool
}

// Segment is one straight piece of an arc.
type Segment struct{ X0, Y0, X1, Y1 float32 }

// Arc is a routed relation: its segments, the arrowhead onto the target
// span (none when the target is out of view), and the centre of its type
// name.
type Arc struct {
	Segments     []Segment
	Head         []Segment
	NameX, NameY float32
}

// arcLevelStep is the vertical distance between the levels of arcs sharing
// a line's band.
const arcLevelStep = 3

// levelY is the height, inside a line's arc band, of an arc at level.
func levelY(lineY float32, level int, m Metrics) float32 {
	y := lineY + m.ArcBand*0.55 - float32(level)*arcLevelStep
	return max(y, lineY+1)
}

// RouteArc routes a relation from one span to another so that it never
// crosses a word: up from each span into the arc band above its line (the
// band sits between the line's text and the lanes of the line above), and
// along the band. When the ends are on different lines the arc leaves each
// band sideways to the left, into the gutter beside the text column
// (gutterX), and runs up or down there. level staggers arcs that share a
// band. The type's name goes in the middle of the longest horizontal piece.
func RouteArc(from, to ArcEnd, gutterX float32, level int, m Metrics) Arc {
	const inset = 3 // the leg stands a little inside the span's start
	var a Arc
	leg := func(e ArcEnd) (x, yBand float32) {
		x, yBand = e.X+inset, levelY(e.LineY, level, m)
		a.Segments = append(a.Segments, Segment{x, e.LineY + m.TextTop() - 1, x, yBand})
		return x, yBand
	}
	var longest Segment
	horizontal := func(s Segment) {
		a.Segments = append(a.Segments, s)
		if abs(s.X1-s.X0) >= abs(longest.X1-longest.X0) {
			longest = s
		}
	}
	switch {
	case from.Off && to.Off:
		return a
	case !from.Off && !to.Off && from.LineY == to.LineY:
		fx, y := leg(from)
		tx, _ := leg(to)
		horizontal(Segment{fx, y, tx, y})
	default:
		var ys []float32
		for _, e := range []ArcEnd{from, to} {
			if e.Off {
				ys = append(ys, e.LineY)
				continue
			}
			x, y := leg(e)
			horizontal(Segment{x, y, gutterX, y})
			ys = append(ys, y)
		}
		a.Segments = append(a.Segments, Segment{gutterX, ys[0], gutterX, ys[1]})
	}
	if !to.Off {
		tip := to.LineY + m.TextTop() - 1
		x := to.X + inset
		a.Head = []Segment{{x - 3, tip - 4, x, tip}, {x + 3, tip - 4, x, tip}}
	}
	a.NameX, a.NameY = (longest.X0+longest.X1)/2, longest.Y0
	return a
}
