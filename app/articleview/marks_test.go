package articleview

import (
	"image/color"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/test"

	"frametag/annotate"
)

func TestFitNameAbbreviatesWhenTight(t *testing.T) {
	measure := func(s string) float32 { return 6 * float32(len([]rune(s))) }
	tests := []struct {
		name  string
		width float32
		want  string
	}{
		{"Loaded Language", 200, "Loaded Language"},
		{"Loaded Language", 90, "Loaded Language"},
		{"Loaded Language", 84, "Loaded Langua…"},
		{"Loaded Language", 30, "Load…"},
		{"Loaded Language", 20, "LL"},
		{"Loaded Language", 8, "L"},
		{"Loaded Language", 4, ""},
		{"Name calling, labeling", 60, "Name call…"},
		{"Name calling, labeling", 36, "Name…"}, // the separator before "…" is dropped
		{"Claim", 30, "Claim"},
		{"Claim", 24, "Cla…"},
		{"Claim", 20, "C"}, // one word has no initials
		{"", 100, ""},
	}
	for _, tc := range tests {
		if got := FitName(tc.name, tc.width, measure); got != tc.want {
			t.Errorf("FitName(%q, %v) = %q, want %q", tc.name, tc.width, got, tc.want)
		}
		if got := FitName(tc.name, tc.width, measure); got != "" && measure(got) > tc.width {
			t.Errorf("FitName(%q, %v) = %q is wider than the bar", tc.name, tc.width, got)
		}
	}
}

// An arc runs only through the bands above the lines of its ends and the
// gutter left of the column: never over the words of any line.
func TestRouteArcNeverCrossesText(t *testing.T) {
	m := Metrics{LineHeight: 24, TextHeight: 18, LaneHeight: 14, BarHeight: 12, ArcBand: 16, ReserveLanes: 1}
	lineH := m.LineBoxHeight(1)
	line := func(i int) float32 { return float32(i) * lineH }
	gutter := float32(-8)
	// the words of line i occupy [x 0..500] × [line(i)+TextTop, line(i)+LanesTop+lanes]
	inText := func(x, y float32) bool {
		if x < 0 || x > 500 {
			return false
		}
		for i := 0; i < 10; i++ {
			top := line(i) + m.TextTop()
			if y > top && y < line(i)+lineH {
				return true
			}
		}
		return false
	}
	tests := []struct {
		name     string
		from, to ArcEnd
		level    int
	}{
		{"same line", ArcEnd{X: 300, LineY: line(2)}, ArcEnd{X: 40, LineY: line(2)}, 0},
		{"same line, second level", ArcEnd{X: 100, LineY: line(2)}, ArcEnd{X: 200, LineY: line(2)}, 1},
		{"to a line below", ArcEnd{X: 300, LineY: line(1)}, ArcEnd{X: 120, LineY: line(4)}, 0},
		{"to a line above", ArcEnd{X: 300, LineY: line(6)}, ArcEnd{X: 120, LineY: line(3)}, 2},
		{"target out of view below", ArcEnd{X: 300, LineY: line(1)}, ArcEnd{LineY: line(9), Off: true}, 0},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			a := RouteArc(tc.from, tc.to, gutter, tc.level, m)
			if len(a.Segments) == 0 {
				t.Fatal("no segments")
			}
			for _, s := range append(a.Segments, a.Head...) {
				for i := 1; i < 20; i++ { // sample points strictly inside the segment
					f := float32(i) / 20
					x, y := s.X0+(s.X1-s.X0)*f, s.Y0+(s.Y1-s.Y0)*f
					if inText(x, y) {
						t.Fatalf("segment %+v crosses text at (%v, %v)", s, x, y)
					}
				}
			}
			if tc.to.Off {
				if len(a.Head) != 0 {
					t.Error("an arrowhead for a target out of view")
				}
				return
			}
			// the head points down onto the target's text
			tip := tc.to.LineY + m.TextTop() - 1
			for _, h := range a.Head {
				if h.Y1 != tip || h.Y0 >= h.Y1 {
					t.Errorf("head segment %+v does not point down at y %v", h, tip)
				}
			}
		})
	}
}

// The hover names a relation with its type, from its source to its target,
// whichever end the pointer is on.
func TestHoverNamesRelationTypeAndDirection(t *testing.T) {
	text, hs, _ := goldenDoc()
	links := []Link{{ID: "r1", From: "claim", To: "actor", Type: "attributed_to"}}
	for _, at := range []string{"Blinken", "We will"} {
		v, w := newTestView(t, text, hs, links, fyne.NewSize(640, 300))
		p := v.PositionOf(index(text, at) + 1).Add(fyne.NewPos(0, v.doc.m.TextTop()+4))
		test.MoveMouse(w.Canvas(), p)
		got := ""
		for _, txt := range drawnTexts(test.WidgetRenderer(v).Objects()) {
			if txt.TextSize < v.textSize {
				got = txt.Text
			}
		}
		if got != "Claim —attributed_to→ Actor" {
			t.Errorf("hover over %q = %q, want %q", at, got, "Claim —attributed_to→ Actor")
		}
	}
}

func TestNamesAndArcsAreDrawn(t *testing.T) {
	text, hs, _ := goldenDoc()
	links := []Link{{ID: "r1", From: "claim", To: "actor", Type: "attributed to"},
		{ID: "r2", From: "loaded", To: "claim", Type: "supports"}}
	v, w := newTestView(t, text, hs, links, fyne.NewSize(640, 360))
	v.SetShowNames(true)
	v.SetShowRelations(true)
	v.SelectHighlight("claim")
	texts := map[string]bool{}
	for _, txt := range drawnTexts(test.WidgetRenderer(v).Objects()) {
		texts[txt.Text] = true
	}
	for _, want := range []string{"Claim", "Actor", "attributed to", "supports"} {
		if !texts[want] {
			t.Errorf("%q is not drawn; drawn: %v", want, keysOf(texts))
		}
	}
	lines := 0
	for _, o := range test.WidgetRenderer(v).Objects() {
		if _, ok := o.(*canvas.Line); ok {
			lines++
		}
	}
	if lines < 2*3 {
		t.Errorf("%d arc segments drawn for two relations", lines)
	}
	test.AssertRendersToImage(t, "article_names.png", w.Canvas())

	// the toggles go back: no names, no arcs
	v.SetShowNames(false)
	v.SetShowRelations(false)
	for _, txt := range drawnTexts(test.WidgetRenderer(v).Objects()) {
		if txt.Text == "attributed to" || txt.Text == "Actor" {
			t.Errorf("%q still drawn with names and relations off", txt.Text)
		}
	}
}

func keysOf(m map[string]bool) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	return out
}

// Adding spans stacked deeper than a line keeps room for makes the line
// taller; the text under the pointer must not move (nor, below the reserve,
// any text at all).
func TestAddingSpansKeepsTheTextUnderThePointerStill(t *testing.T) {
	text, _ := article(3_000)
	for _, names := range []bool{false, true} {
		v, w := newTestView(t, text, nil, nil, fyne.NewSize(800, 600))
		v.SetShowNames(names)
		v.SetShowRelations(true)
		v.ScrollToOffset(2_000)
		w.Canvas().Refresh(v)
		top := v.topOffset()
		// the pointer rests on a word five lines into the view
		aim := v.offsetAt(fyne.NewPos(v.columnX()+40, v.padding()+5*v.doc.m.LineBoxHeight(1)))
		test.MoveMouse(w.Canvas(), at(v, aim, 0))
		before := v.PositionOf(aim)
		// a span on the first line in view, stacked three deep, then more
		// spans on the pointer's own line
		s := top
		for i := range 4 {
			v.AddHighlight(Highlight{ID: "top" + string(rune('a'+i)), Fragments: []annotate.Fragment{{Start: s, End: s + 12 - i}},
				Color: color.NRGBA{R: 0xd0, A: 0xff}, Label: "Claim"})
			test.WidgetRenderer(v).Refresh()
			if got := v.PositionOf(aim); got != before {
				t.Fatalf("names=%v: after stacking %d spans above it, the text under the pointer moved from %v to %v", names, i+1, before, got)
			}
		}
		for i := range 3 {
			v.AddHighlight(Highlight{ID: "here" + string(rune('a'+i)), Fragments: []annotate.Fragment{{Start: aim - 3, End: aim + 5 + i}},
				Color: color.NRGBA{B: 0xd0, A: 0xff}, Label: "Loaded Language"})
			test.WidgetRenderer(v).Refresh()
			if got := v.PositionOf(aim); got != before {
				t.Fatalf("names=%v: after stacking %d spans on its line, the text under the pointer moved from %v to %v", names, i+1, before, got)
			}
		}
	}
}

// Below the reserve a new span moves nothing at all.
func TestLayoutReserveKeepsLineHeights(t *testing.T) {
	m := testMetrics(2000)
	m.ReserveLanes = 2
	text := "The quick brown fox jumps over the lazy dog and keeps on running far away."
	plain := LayoutRow(text, nil, m, tenPerCluster)
	one := LayoutRow(text, []RowSpan{{Key: 1, Frags: [][2]int{{4, 15}}}}, m, tenPerCluster)
	two := LayoutRow(text, []RowSpan{{Key: 1, Frags: [][2]int{{4, 15}}}, {Key: 2, Frags: [][2]int{{10, 19}}}}, m, tenPerCluster)
	three := LayoutRow(text, []RowSpan{{Key: 1, Frags: [][2]int{{4, 15}}}, {Key: 2, Frags: [][2]int{{10, 19}}}, {Key: 3, Frags: [][2]int{{12, 14}}}}, m, tenPerCluster)
	if plain.Height != one.Height || one.Height != two.Height {
		t.Errorf("heights %v, %v, %v: the first two stacked spans must not move the text", plain.Height, one.Height, two.Height)
	}
	if three.Height <= two.Height {
		t.Errorf("a third stacked span (height %v) found no room (%v)", three.Height, two.Height)
	}
}
