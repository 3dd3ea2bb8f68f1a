package articleview

import (
	"image/color"
	"math"
	"slices"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"

	"frametag/annotate"
)

const quoteText = "He said “we’ll win 🇺🇦 soon” today"

// newTestView shows text in a headless window of the given size.
func newTestView(t *testing.T, text string, hs []Highlight, links []Link, size fyne.Size) (*View, fyne.Window) {
	t.Helper()
	test.NewTempApp(t)
	v := New()
	w := test.NewTempWindow(t, v)
	w.SetPadded(false)
	w.Resize(size)
	v.SetDocument(text, hs, links)
	return v, w
}

// at is the view position in the middle of the text line at boundary cp
// (offset by dx), where a pointer lands on that boundary.
func at(v *View, cp int, dx float32) fyne.Position {
	p := v.PositionOf(cp)
	return p.Add(fyne.NewPos(dx, v.doc.m.TextTop()+v.doc.m.TextHeight/2))
}

// index returns cp of the first occurrence of sub in text, in code points.
func index(text, sub string) int {
	i := strings.Index(text, sub)
	if i < 0 {
		panic("no " + sub)
	}
	return len([]rune(text[:i]))
}

type recorder struct {
	sels   [][2]int
	taps   []string
	frags  []annotate.Fragment
	fragID []string
}

func (r *recorder) attach(v *View) {
	v.OnSelectionChanged = func(s, e int) { r.sels = append(r.sels, [2]int{s, e}) }
	v.OnHighlightTapped = func(id string) { r.taps = append(r.taps, id) }
	v.OnAddFragment = func(id string, f annotate.Fragment) {
		r.fragID, r.frags = append(r.fragID, id), append(r.frags, f)
	}
}

func (r *recorder) lastSelection(t *testing.T) (int, int) {
	t.Helper()
	if len(r.sels) == 0 {
		t.Fatal("OnSelectionChanged was not called")
	}
	s := r.sels[len(r.sels)-1]
	return s[0], s[1]
}

// press drags like the desktop driver: MouseDown, Dragged events carrying the
// current position and the delta since the last one, DragEnd, MouseUp.
func press(v *View, from, to fyne.Position, mods fyne.KeyModifier) {
	v.MouseDown(&desktop.MouseEvent{PointEvent: fyne.PointEvent{Position: from}, Button: desktop.MouseButtonPrimary, Modifier: mods})
	mid := fyne.NewPos((from.X+to.X)/2, (from.Y+to.Y)/2)
	v.Dragged(&fyne.DragEvent{PointEvent: fyne.PointEvent{Position: mid}, Dragged: fyne.NewDelta(mid.X-from.X, mid.Y-from.Y)})
	v.Dragged(&fyne.DragEvent{PointEvent: fyne.PointEvent{Position: to}, Dragged: fyne.NewDelta(to.X-mid.X, to.Y-mid.Y)})
	v.DragEnd()
	v.MouseUp(&desktop.MouseEvent{PointEvent: fyne.PointEvent{Position: to}, Button: desktop.MouseButtonPrimary, Modifier: mods})
}

func TestDragReportsExactCodePoints(t *testing.T) {
	ix := annotate.NewTextIndex(quoteText)
	we := index(quoteText, "we’ll")
	soon := index(quoteText, "soon")
	flag := index(quoteText, "🇺🇦")
	tests := []struct {
		name     string
		from, to int
		mods     fyne.KeyModifier
		want     string
	}{
		{"snaps outward to whole words", we + 1, soon + 2, 0, "we’ll win 🇺🇦 soon"},
		{"backwards drag snaps the same", soon + 2, we + 1, 0, "we’ll win 🇺🇦 soon"},
		{"snapping drops edge whitespace", we + 5, soon, 0, "win 🇺🇦"},
		{"Alt selects exact characters", we + 1, soon + 2, ExactModifier, "e’ll win 🇺🇦 so"},
		{"exact drag over the flag keeps it whole", flag, flag + 2, ExactModifier, "🇺🇦"},
		{"closing quote and word after it", soon, soon + 7, 0, "soon” today"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			v, _ := newTestView(t, quoteText, nil, nil, fyne.NewSize(800, 400))
			var rec recorder
			rec.attach(v)
			press(v, at(v, tc.from, 0), at(v, tc.to, 0), tc.mods)
			s, e := rec.lastSelection(t)
			got, err := ix.Slice(s, e)
			if err != nil {
				t.Fatal(err)
			}
			if got != tc.want {
				t.Errorf("selected [%d,%d) %q, want %q", s, e, got, tc.want)
			}
			if gs, ge, ok := v.Selection(); !ok || gs != s || ge != e {
				t.Errorf("Selection() = %d,%d,%v, want %d,%d", gs, ge, ok, s, e)
			}
		})
	}
}

func TestDragWithoutMouseDownFallsBack(t *testing.T) {
	// test.Drag sends Dragged (position = where it is, delta = how far it
	// came) and DragEnd but never MouseDown.
	v, w := newTestView(t, quoteText, nil, nil, fyne.NewSize(800, 400))
	var rec recorder
	rec.attach(v)
	from, to := at(v, index(quoteText, "said")+1, 0), at(v, index(quoteText, "win")+1, 0)
	test.Drag(w.Canvas(), to, to.X-from.X, to.Y-from.Y)
	s, e := rec.lastSelection(t)
	got, _ := annotate.NewTextIndex(quoteText).Slice(s, e)
	if got != "said “we’ll win" {
		t.Errorf("selected %q, want %q", got, "said “we’ll win")
	}
}

// steppingClock is a clock that moves on by step at every reading.
func steppingClock(step time.Duration) func() time.Time {
	t := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	return func() time.Time { t = t.Add(step); return t }
}

// doubleClick clicks twice at p, as fast as a person double-clicks.
func doubleClick(v *View, p fyne.Position) {
	v.now = steppingClock(80 * time.Millisecond)
	v.Tapped(&fyne.PointEvent{Position: p})
	v.Tapped(&fyne.PointEvent{Position: p})
}

func TestClickOnASpanActsAtOnce(t *testing.T) {
	we, win := index(quoteText, "we’ll"), index(quoteText, "win")
	hs := []Highlight{{ID: "claim", Fragments: []annotate.Fragment{{Start: we, End: win + 3}}, Color: color.NRGBA{R: 0xd0, A: 0xff}, Label: "Claim"}}
	v, w := newTestView(t, quoteText, hs, nil, fyne.NewSize(800, 400))
	// Fyne holds every single click on a DoubleTappable widget for its
	// double-tap window (300 ms) before calling Tapped.
	if _, ok := any(v).(fyne.DoubleTappable); ok {
		t.Fatal("the view is fyne.DoubleTappable: every click would wait for the double-tap window")
	}
	var rec recorder
	rec.attach(v)
	test.TapCanvas(w.Canvas(), at(v, we+1, 2))
	if strings.Join(rec.taps, ",") != "claim" {
		t.Fatalf("a click on the span reported %q, want claim at once", rec.taps)
	}
	// the second click of a double-click keeps the span (the panel shows
	// it) and extends to the word under the pointer
	test.TapCanvas(w.Canvas(), at(v, we+1, 2))
	if strings.Join(rec.taps, ",") != "claim" {
		t.Errorf("the second click reported %q; it should select the word, not the span again", rec.taps)
	}
	s, e := rec.lastSelection(t)
	if got, _ := annotate.NewTextIndex(quoteText).Slice(s, e); got != "we’ll" {
		t.Errorf("double-click selected %q, want %q", got, "we’ll")
	}
	// a click elsewhere is a new single click, even soon after
	test.TapCanvas(w.Canvas(), at(v, index(quoteText, "said")+1, 2))
	if len(rec.taps) != 2 || rec.taps[1] != "" {
		t.Errorf("a click on plain text reported %q, want a deselect", rec.taps)
	}
	if _, _, ok := v.Selection(); ok {
		t.Error("a click on plain text kept the word selected")
	}
	// slow clicks at one spot are single clicks (they cycle stacked spans)
	v.now = steppingClock(time.Second)
	rec = recorder{}
	rec.attach(v)
	test.TapCanvas(w.Canvas(), at(v, we+1, 2))
	test.TapCanvas(w.Canvas(), at(v, we+1, 2))
	if len(rec.sels) != 0 || len(rec.taps) != 2 {
		t.Errorf("two slow clicks: taps %q, selections %v; want two taps, no word", rec.taps, rec.sels)
	}
}

func TestDoubleTapSelectsWord(t *testing.T) {
	ix := annotate.NewTextIndex(quoteText)
	tests := []struct {
		at   int
		want string
	}{
		{index(quoteText, "we’ll") + 2, "we’ll"},
		{index(quoteText, "today") + 4, "today"},
		{index(quoteText, "🇺🇦"), "🇺🇦"},
	}
	for _, tc := range tests {
		t.Run(tc.want, func(t *testing.T) {
			v, _ := newTestView(t, quoteText, nil, nil, fyne.NewSize(800, 400))
			var rec recorder
			rec.attach(v)
			doubleClick(v, at(v, tc.at, 1))
			s, e := rec.lastSelection(t)
			if got, _ := ix.Slice(s, e); got != tc.want {
				t.Errorf("double-click selected %q, want %q", got, tc.want)
			}
		})
	}
}

func TestShiftArrowsExtendSelection(t *testing.T) {
	ix := annotate.NewTextIndex(quoteText)
	win := index(quoteText, "win")
	v, _ := newTestView(t, quoteText, nil, nil, fyne.NewSize(800, 400))
	var rec recorder
	rec.attach(v)
	v.Tapped(&fyne.PointEvent{Position: at(v, win, 0)}) // puts the caret before "win"
	v.KeyDown(&fyne.KeyEvent{Name: desktop.KeyShiftLeft})
	steps := []struct {
		do   func()
		want string
	}{
		{func() { v.TypedKey(&fyne.KeyEvent{Name: fyne.KeyRight}) }, "w"},
		{func() { v.TypedKey(&fyne.KeyEvent{Name: fyne.KeyRight}) }, "wi"},
		{func() {
			v.TypedShortcut(&desktop.CustomShortcut{KeyName: fyne.KeyRight, Modifier: fyne.KeyModifierShift | fyne.KeyModifierShortcutDefault})
		}, "win"},
		{func() { v.TypedKey(&fyne.KeyEvent{Name: fyne.KeyRight}) }, "win "},
		{func() { v.TypedKey(&fyne.KeyEvent{Name: fyne.KeyRight}) }, "win 🇺🇦"}, // one step over the whole flag
		{func() { v.TypedKey(&fyne.KeyEvent{Name: fyne.KeyLeft}) }, "win "},
	}
	for i, st := range steps {
		st.do()
		s, e := rec.lastSelection(t)
		if got, _ := ix.Slice(s, e); got != st.want {
			t.Fatalf("step %d: selection %q, want %q", i, got, st.want)
		}
	}
	v.KeyUp(&fyne.KeyEvent{Name: desktop.KeyShiftLeft})
	v.TypedKey(&fyne.KeyEvent{Name: fyne.KeyEscape})
	if s, e := rec.lastSelection(t); s != e {
		t.Errorf("Escape reported [%d,%d), want an empty selection", s, e)
	}
	if _, _, ok := v.Selection(); ok {
		t.Error("selection survives Escape")
	}
}

func TestUnusedKeysArePassedOn(t *testing.T) {
	v, _ := newTestView(t, quoteText, nil, nil, fyne.NewSize(800, 400))
	var runes []rune
	var keys []fyne.KeyName
	v.OnTypedRune = func(r rune) { runes = append(runes, r) }
	v.OnTypedKey = func(ev *fyne.KeyEvent) { keys = append(keys, ev.Name) }
	v.TypedRune('c')
	v.TypedKey(&fyne.KeyEvent{Name: fyne.KeyDelete})
	v.TypedKey(&fyne.KeyEvent{Name: fyne.KeyRight}) // without Shift: not a selection key
	if string(runes) != "c" || len(keys) != 2 || keys[0] != fyne.KeyDelete || keys[1] != fyne.KeyRight {
		t.Errorf("passed on runes %q keys %v", string(runes), keys)
	}
}

// barPosition is the view position of the middle of a highlight's first bar.
func barPosition(t *testing.T, v *View, id string) fyne.Position {
	t.Helper()
	k, _ := v.doc.key(id)
	splitAll(v.doc)
	for i := range v.doc.rows {
		lay := v.doc.layout(i)
		for _, b := range lay.Bars {
			if b.Key == k && !b.Join {
				ln := lay.Lines[b.Line]
				m := v.doc.m
				y := v.padding() + v.doc.top(i) - v.offsetY + ln.Y + m.LanesTop() + float32(b.Lane)*m.LaneHeight + m.BarHeight/2
				return fyne.NewPos(v.columnX()+(b.X0+b.X1)/2, y)
			}
		}
	}
	t.Fatalf("no bar for %s", id)
	return fyne.Position{}
}

func TestOverlappingSpansAreBothClickable(t *testing.T) {
	we, win, soon := index(quoteText, "we’ll"), index(quoteText, "win"), index(quoteText, "soon")
	hs := []Highlight{
		{ID: "claim", Fragments: []annotate.Fragment{{Start: we, End: win + 3}}, Color: color.NRGBA{R: 0xd0, A: 0xff}, Label: "Claim"},
		{ID: "loaded", Fragments: []annotate.Fragment{{Start: win, End: soon + 4}}, Color: color.NRGBA{B: 0xd0, A: 0xff}, Label: "Loaded_Language"},
	}
	v, _ := newTestView(t, quoteText, hs, nil, fyne.NewSize(800, 400))
	var rec recorder
	rec.attach(v)
	v.now = steppingClock(time.Second) // clicks a second apart: none is a double-click

	v.Tapped(&fyne.PointEvent{Position: barPosition(t, v, "claim")})
	v.Tapped(&fyne.PointEvent{Position: barPosition(t, v, "loaded")})
	// on the shared word the innermost comes first, then a click on the
	// same spot cycles to the other
	onWin := at(v, win+1, 2)
	v.Tapped(&fyne.PointEvent{Position: onWin})
	v.Tapped(&fyne.PointEvent{Position: onWin})
	v.Tapped(&fyne.PointEvent{Position: onWin})
	// plain text
	v.Tapped(&fyne.PointEvent{Position: at(v, index(quoteText, "said")+1, 2)})
	want := []string{"claim", "loaded", "claim", "loaded", "claim", ""}
	if strings.Join(rec.taps, ",") != strings.Join(want, ",") {
		t.Errorf("taps reported %q, want %q", rec.taps, want)
	}
}

// A suggestion lying exactly on a span (learned from it) does not take
// the first click from the span; the next click on the spot picks it.
func TestASpanComesBeforeTheGhostOnIt(t *testing.T) {
	win := index(quoteText, "win")
	frag := []annotate.Fragment{{Start: win, End: win + 3}}
	hs := []Highlight{
		{ID: "span", Fragments: frag, Color: color.NRGBA{B: 0xd0, A: 0xff}, Label: "Doubt", Style: StyleOther, Owner: "bob"},
		{ID: "0-ghost", Fragments: frag, Color: color.NRGBA{B: 0xd0, A: 0xff}, Label: "Doubt 100%", Style: StyleSuggestion},
	}
	v, _ := newTestView(t, quoteText, hs, nil, fyne.NewSize(800, 400))
	var rec recorder
	rec.attach(v)
	v.now = steppingClock(time.Second)
	onWin := at(v, win+1, 2)
	v.Tapped(&fyne.PointEvent{Position: onWin})
	v.Tapped(&fyne.PointEvent{Position: onWin})
	if want := []string{"span", "0-ghost"}; !slices.Equal(rec.taps, want) {
		t.Errorf("taps reported %q, want %q", rec.taps, want)
	}
}

func TestCRLFOffsetsCountTheCarriageReturn(t *testing.T) {
	text := "First line\r\nSecond line\r\n\r\nThird one"
	ix := annotate.NewTextIndex(text)
	v, _ := newTestView(t, text, nil, nil, fyne.NewSize(800, 400))
	var rec recorder
	rec.attach(v)
	third := index(text, "Third")
	press(v, at(v, third+1, 0), at(v, third+8, 0), 0)
	s, e := rec.lastSelection(t)
	if s != third || s != 27 {
		t.Errorf("start %d, want 27 (every \\r counted)", s)
	}
	if got, _ := ix.Slice(s, e); got != "Third one" {
		t.Errorf("selected %q, want %q", got, "Third one")
	}
	// a drag to the far right of a line stops before its \r
	second := index(text, "Second")
	press(v, at(v, second, 0), at(v, second, 600), ExactModifier)
	s, e = rec.lastSelection(t)
	if got, _ := ix.Slice(s, e); got != "Second line" {
		t.Errorf("selected %q, want %q", got, "Second line")
	}
	// no \r is ever drawn, and every word is
	var drawn []string
	for _, txt := range drawnTexts(test.WidgetRenderer(v).Objects()) {
		if strings.ContainsAny(txt.Text, "\r\n") {
			t.Errorf("drawn text %q holds a line break", txt.Text)
		}
		drawn = append(drawn, txt.Text)
	}
	if got := strings.Join(drawn, " "); got != "First line Second line Third one" {
		t.Errorf("drawn %q", got)
	}
}

// drawnTexts collects the canvas.Text objects in a tree.
func drawnTexts(objs []fyne.CanvasObject) []*canvas.Text {
	var out []*canvas.Text
	for _, o := range objs {
		switch x := o.(type) {
		case *canvas.Text:
			out = append(out, x)
		case *fyne.Container:
			out = append(out, drawnTexts(x.Objects)...)
		}
	}
	return out
}

func TestCtrlDragAddsFragmentToSelectedHighlight(t *testing.T) {
	we, today := index(quoteText, "we’ll"), index(quoteText, "today")
	hs := []Highlight{{ID: "c1", Fragments: []annotate.Fragment{{Start: we, End: we + 5}}, Color: color.NRGBA{G: 0x90, A: 0xff}}}
	v, _ := newTestView(t, quoteText, hs, nil, fyne.NewSize(800, 400))
	var rec recorder
	rec.attach(v)
	// without a selected highlight a Ctrl+drag is an ordinary selection
	press(v, at(v, today+1, 0), at(v, today+3, 0), AddModifier)
	if len(rec.frags) != 0 || len(rec.sels) != 1 {
		t.Fatalf("frags %v sels %v", rec.frags, rec.sels)
	}
	v.SelectHighlight("c1")
	if v.SelectedHighlight() != "c1" {
		t.Fatalf("SelectedHighlight = %q", v.SelectedHighlight())
	}
	press(v, at(v, today+1, 0), at(v, today+3, 0), AddModifier)
	if len(rec.frags) != 1 || rec.fragID[0] != "c1" || rec.frags[0] != (annotate.Fragment{Start: today, End: today + 5}) {
		t.Errorf("OnAddFragment got %v %v, want c1 [%d,%d)", rec.fragID, rec.frags, today, today+5)
	}
	if _, _, ok := v.Selection(); ok {
		t.Error("a fragment drag leaves a selection behind")
	}
}

// A Ctrl+shortcut that opens a dialog sends its KeyUp to the dialog: the
// view saw Ctrl go down and never up. The next plain drag must still select
// text, not add a fragment to the selected span.
func TestStaleCtrlDoesNotTurnADragIntoAFragment(t *testing.T) {
	we, today := index(quoteText, "we’ll"), index(quoteText, "today")
	hs := []Highlight{{ID: "c1", Fragments: []annotate.Fragment{{Start: we, End: we + 5}}, Color: color.NRGBA{G: 0x90, A: 0xff}}}
	v, _ := newTestView(t, quoteText, hs, nil, fyne.NewSize(800, 400))
	var rec recorder
	rec.attach(v)
	v.SelectHighlight("c1")
	v.KeyDown(&fyne.KeyEvent{Name: desktop.KeyControlLeft})
	press(v, at(v, today+1, 0), at(v, today+3, 0), 0)
	if len(rec.frags) != 0 {
		t.Fatalf("a plain drag added fragment %v to %v", rec.frags, rec.fragID)
	}
	if s, e, ok := v.Selection(); !ok || s != today || e != today+5 {
		t.Errorf("Selection() = %d,%d,%v, want %d,%d", s, e, ok, today, today+5)
	}
}

func TestHighlightChangesRelayOutOnlyTouchedRows(t *testing.T) {
	text := strings.Repeat("Some words in a paragraph of text.\n\n", 20)
	v, _ := newTestView(t, text, nil, nil, fyne.NewSize(600, 2000))
	splitAll(v.doc)
	before := make([]*RowLayout, len(v.doc.rows))
	for i := range v.doc.rows {
		before[i] = v.doc.layout(i)
	}
	start := index(text, "words") + 36*4 // "words" in the fifth paragraph
	v.AddHighlight(Highlight{ID: "a", Fragments: []annotate.Fragment{{Start: start, End: start + 5}}, Color: color.Black})
	touched := v.doc.rowOf(start)
	for i := range v.doc.rows {
		changed := v.doc.layout(i) != before[i]
		if changed != (i == touched) {
			t.Errorf("row %d re-laid out = %v", i, changed)
		}
	}
	if len(v.doc.layout(touched).Bars) != 1 {
		t.Errorf("bars after add: %d", len(v.doc.layout(touched).Bars))
	}
	v.UpdateHighlight(Highlight{ID: "a", Fragments: []annotate.Fragment{{Start: start, End: start + 8}}, Color: color.White})
	if b := v.doc.layout(touched).Bars; len(b) != 1 || b[0].X1 <= b[0].X0 {
		t.Errorf("bars after update: %v", b)
	}
	v.RemoveHighlight("a")
	if n := len(v.doc.layout(touched).Bars); n != 0 {
		t.Errorf("%d bars after remove", n)
	}
}

func TestSelectHighlightScrollsToIt(t *testing.T) {
	text := strings.Repeat("A line of text that goes on for a while.\n", 300) + "The end."
	end := index(text, "The end")
	hs := []Highlight{{ID: "last", Fragments: []annotate.Fragment{{Start: end, End: end + 3}}, Color: color.Black}}
	v, _ := newTestView(t, text, hs, nil, fyne.NewSize(600, 400))
	v.SelectHighlight("last")
	p := v.PositionOf(end)
	if p.Y < 0 || p.Y > 400 {
		t.Errorf("after SelectHighlight the span is at y=%v, outside the view", p.Y)
	}
	if v.offsetY <= 0 {
		t.Error("did not scroll")
	}
	v.ScrollToOffset(0)
	if v.offsetY != 0 {
		t.Errorf("ScrollToOffset(0) left offset %v", v.offsetY)
	}
}

func TestSetTextSizeKeepsOffsetsExact(t *testing.T) {
	ix := annotate.NewTextIndex(quoteText)
	v, _ := newTestView(t, quoteText, nil, nil, fyne.NewSize(800, 400))
	v.SetTextSize(22)
	var rec recorder
	rec.attach(v)
	win := index(quoteText, "win")
	press(v, at(v, win, 0), at(v, win+3, 0), ExactModifier)
	s, e := rec.lastSelection(t)
	if got, _ := ix.Slice(s, e); got != "win" {
		t.Errorf("at size 22 selected %q", got)
	}
}

func TestOnlyRowsInViewAreLaidOut(t *testing.T) {
	text, hs := article(20_000)
	v, _ := newTestView(t, text, hs, nil, fyne.NewSize(800, 600))
	laidOut := func() int {
		n := 0
		for _, r := range v.doc.rows {
			if r.lay != nil {
				n++
			}
		}
		return n
	}
	if n := laidOut(); n == 0 || n > 40 {
		t.Errorf("%d rows laid out after opening, want only the first screen's", n)
	}
	if v.doc.complete {
		t.Error("the whole text was split into rows just to open it")
	}
	// scroll a long way: the rows now in view are laid out and painted
	v.Scrolled(&fyne.ScrollEvent{Scrolled: fyne.NewDelta(0, -20_000)})
	if v.offsetY != 20_000 {
		t.Fatalf("offset %v after scrolling 20000", v.offsetY)
	}
	first := v.doc.rowAtY(v.offsetY - v.padding())
	if v.doc.rows[first].lay == nil {
		t.Error("the row at the top of the view is not laid out")
	}
	drawn := drawnTexts(test.WidgetRenderer(v).Objects())
	if len(drawn) == 0 {
		t.Fatal("nothing drawn after scrolling")
	}
	cp := v.offsetAt(fyne.NewPos(v.columnX()+1, v.padding()+5))
	if cp < 1000 {
		t.Errorf("top of the view shows offset %d, want far into the text", cp)
	}
	if n := laidOut(); n > 80 {
		t.Errorf("%d rows laid out after one jump, want two screens' worth", n)
	}
}

func TestResizeKeepsTopLineAndOffsets(t *testing.T) {
	text, _ := article(5_000)
	ix := annotate.NewTextIndex(text)
	v, w := newTestView(t, text, nil, nil, fyne.NewSize(900, 600))
	v.ScrollToOffset(10_000)
	top := v.topOffset()
	w.Resize(fyne.NewSize(500, 600))
	if got := v.topOffset(); got < top-80 || got > top+80 {
		t.Errorf("top of view moved from offset %d to %d on resize", top, got)
	}
	var rec recorder
	rec.attach(v)
	s := v.topOffset()
	doubleClick(v, at(v, s+1, 1))
	a, b := rec.lastSelection(t)
	word, _ := ix.Slice(a, b)
	if strings.TrimSpace(word) == "" || strings.ContainsAny(word, " \n") {
		t.Errorf("double-click after resize selected %q", word)
	}
}

func TestAPIIsSafeOnOddInput(t *testing.T) {
	test.NewTempApp(t)
	v := New() // never shown, zero size
	if _, _, ok := v.Selection(); ok {
		t.Error("empty view has a selection")
	}
	v.SetSelection(5, 2)
	v.ScrollToOffset(-3)
	v.SelectHighlight("nope")
	v.RemoveHighlight("nope")
	v.SetDocument("short", []Highlight{
		{ID: "past", Fragments: []annotate.Fragment{{Start: 3, End: 99}}},
		{ID: "backwards", Fragments: []annotate.Fragment{{Start: 4, End: 1}}},
		{ID: "outside", Fragments: []annotate.Fragment{{Start: 50, End: 60}}},
	}, []Link{{ID: "l", From: "past", To: "missing"}})
	v.SetSelection(-10, 100)
	if s, e, ok := v.Selection(); !ok || s != 0 || e != 5 {
		t.Errorf("clamped selection = %d,%d,%v, want 0,5", s, e, ok)
	}
	w := test.NewTempWindow(t, v)
	w.Resize(fyne.NewSize(300, 200))
	v.SelectHighlight("past")
	v.AddHighlight(Highlight{ID: "empty", Fragments: nil})
	v.UpdateHighlight(Highlight{ID: "past", Fragments: []annotate.Fragment{{Start: 0, End: 2}}})
	v.SetTextSize(30)
	v.SetTextSize(-1)
	if got := v.PositionOf(1000); got.X < 0 || got.Y < 0 {
		t.Errorf("PositionOf past the end = %v", got)
	}
	if lay := v.doc.layout(0); len(lay.Bars) != 1 {
		t.Errorf("bars = %+v, want just the updated span", lay.Bars)
	}
}

func TestCopyPutsSelectedTextOnClipboard(t *testing.T) {
	v, _ := newTestView(t, quoteText, nil, nil, fyne.NewSize(800, 400))
	s := index(quoteText, "win")
	v.SetSelection(s, s+len([]rune("win 🇺🇦 soon”")))
	cb := fyne.CurrentApp().Clipboard()
	v.TypedShortcut(&fyne.ShortcutCopy{Clipboard: cb})
	if got := cb.Content(); got != "win 🇺🇦 soon”" {
		t.Errorf("copied %q", got)
	}
}

func TestScrollbarAndAutoscrollDrags(t *testing.T) {
	text, _ := article(5_000)
	v, _ := newTestView(t, text, nil, nil, fyne.NewSize(600, 400))
	var rec recorder
	rec.attach(v)
	ty, th := v.thumb()
	if th <= 0 {
		t.Fatal("no scrollbar on a long article")
	}
	grip := fyne.NewPos(v.Size().Width-2, ty+th/2)
	v.MouseDown(&desktop.MouseEvent{PointEvent: fyne.PointEvent{Position: grip}, Button: desktop.MouseButtonPrimary})
	v.Dragged(&fyne.DragEvent{PointEvent: fyne.PointEvent{Position: grip.AddXY(0, 50)}, Dragged: fyne.NewDelta(0, 50)})
	v.DragEnd()
	v.MouseUp(&desktop.MouseEvent{})
	if v.offsetY <= 0 || len(rec.sels) != 0 {
		t.Fatalf("scrollbar drag: offset %v, selections %v", v.offsetY, rec.sels)
	}
	// a selection dragged below the view scrolls it and keeps growing
	before := v.offsetY
	from := fyne.NewPos(v.columnX()+2, 100)
	to := fyne.NewPos(v.columnX()+200, 500)
	press(v, from, to, 0)
	if v.offsetY <= before {
		t.Errorf("no autoscroll: offset %v -> %v", before, v.offsetY)
	}
	s, e := rec.lastSelection(t)
	if e-s < 100 {
		t.Errorf("selection [%d,%d) did not follow the pointer past the bottom", s, e)
	}
}

// splitAll splits the whole text into rows, which the view otherwise does
// only as far as it draws.
func splitAll(d *document) { d.ensureCP(math.MaxInt) }
