package app

import (
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"

	"frametag/annotate"
	"frametag/annotate/schemes"
	"frametag/annotate/suggest"
	"frametag/app/articleview"
	"frametag/storage/sqlite"
)

// Two articles that repeat themselves: "crooked elites" is labelled once in
// the first (so suggested where it recurs, at 1 in its 3 occurrences) and "deep
// state" is in the gazetteer (suggested at 100 %). The second has an emoji
// and CRLF before its phrases, so offsets are code points.
const (
	ghostDoc1 = "The crooked elites lied again. Crooked elites always lie."
	ghostDoc2 = "Voters saw the crooked elites 🇺🇦 at work.\r\nThe deep state won; the deep state always wins."
)

// newGhostProject makes the project: its path and the first span's id.
func newGhostProject(t *testing.T) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "ghosts.frametag")
	st, err := sqlite.Create(t.Context(), path, schemes.Default())
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	_, err = st.Import(t.Context(), func(yield func(annotate.AnnotatedDoc, error) bool) {
		if yield(annotate.AnnotatedDoc{Document: annotate.Document{ID: "d1", Title: "one", Text: ghostDoc1}}, nil) {
			yield(annotate.AnnotatedDoc{Document: annotate.Document{ID: "d2", Title: "two", Text: ghostDoc2}}, nil)
		}
	})
	if err != nil {
		t.Fatal(err)
	}
	s := cpIndex(ghostDoc1, "crooked elites")
	if _, err := st.Apply(t.Context(), annotate.AddSpan(annotate.Span{ID: "s1", DocID: "d1", Layer: "technique",
		Label: "Name_Calling-Labeling", Annotator: annotator, Fragments: []annotate.Fragment{{Start: s, End: s + 14}}})); err != nil {
		t.Fatal(err)
	}
	if _, err := st.AddGazetteer(t.Context(), []annotate.GazetteerEntry{{Layer: "technique", Text: "deep state", Label: "Doubt"}}); err != nil {
		t.Fatal(err)
	}
	return path
}

// cpIndex is the code point offset of the first sub in text.
func cpIndex(text, sub string) int {
	i := strings.Index(text, sub)
	if i < 0 {
		panic("no " + sub)
	}
	return len([]rune(text[:i]))
}

// openGhosts opens the project in a workbench whose background work runs
// at once, on document d2, and waits for the suggestions.
func openGhosts(t *testing.T) (*Workbench, *sqlite.Store) {
	t.Helper()
	wb, st := openWorkbench(t, newGhostProject(t))
	wb.openDocument("d2")
	return wb, st
}

// waitIdle waits until the suggester's queue has run dry.
func waitIdle(q *serial) {
	done := make(chan struct{})
	q.do(func() { close(done) })
	<-done
}

// ghosts are the ghost spans the article draws, as "text label score%".
func ghosts(wb *Workbench) []string {
	var out []string
	doc := wb.session.document().Text
	for _, sg := range wb.session.shownSuggestions() {
		h, ok := wb.view.HighlightOf(suggestionID(sg))
		if !ok || h.Style != articleview.StyleSuggestion {
			out = append(out, "NOT DRAWN "+sg.Text)
			continue
		}
		r := []rune(doc)
		out = append(out, string(r[sg.Start:sg.End])+" "+h.Label)
	}
	return out
}

// tab presses Tab (back: Shift+Tab) in the article, as the window
// delivers it: the view has the keyboard and keeps Tab (AcceptsTab).
func tab(wb *Workbench, back bool) {
	wb.win.Canvas().Focus(wb.view)
	if !wb.view.AcceptsTab() {
		panic("the article gives Tab away")
	}
	if back {
		wb.view.KeyDown(&fyne.KeyEvent{Name: desktop.KeyShiftLeft})
		defer wb.view.KeyUp(&fyne.KeyEvent{Name: desktop.KeyShiftLeft})
	}
	wb.view.TypedKey(&fyne.KeyEvent{Name: fyne.KeyTab})
}

func key(wb *Workbench, name fyne.KeyName) {
	wb.win.Canvas().OnTypedKey()(&fyne.KeyEvent{Name: name})
}

func TestGhostSpansShowTheSuggestions(t *testing.T) {
	wb, _ := openGhosts(t)
	got := strings.Join(ghosts(wb), " | ")
	want := "crooked elites Name Calling-Labeling 33% | deep state Doubt 100% | deep state Doubt 100%"
	if got != want {
		t.Errorf("ghosts\n got %s\nwant %s", got, want)
	}
	// offsets are code points: after the flag (two code points) and CRLF
	sg := wb.session.shownSuggestions()[1]
	if s := cpIndex(ghostDoc2, "deep state"); sg.Start != s || sg.End != s+10 {
		t.Errorf("deep state at %d-%d, want %d-%d", sg.Start, sg.End, s, s+10)
	}
	wb.runCommand(cmdShowSuggestions)
	if n := len(ghosts(wb)); n != 0 || wb.hasSuggestions() {
		t.Errorf("%d ghosts drawn with View → Show suggestions off", n)
	}
	if _, ok := wb.view.HighlightOf(suggestionID(sg)); ok {
		t.Error("a hidden suggestion is still in the article")
	}
	wb.runCommand(cmdShowSuggestions)
	if n := len(ghosts(wb)); n != 3 {
		t.Errorf("%d ghosts after showing them again, want 3", n)
	}
}

// Tab steps through the suggestions, Enter accepts one (the annotator's
// span, with its origin in the edit log and on the card), Ctrl+Z takes it
// back and the suggestion is there again.
func TestAcceptFromTheKeyboardAndUndo(t *testing.T) {
	wb, st := openGhosts(t)
	tab(wb, false)
	first, ok := wb.session.selectedSuggestion()
	if !ok || first.Text != "crooked elites" {
		t.Fatalf("Tab selected %+v", first)
	}
	if wb.view.SelectedHighlight() != suggestionID(first) {
		t.Error("the article does not show the suggestion selected")
	}
	tab(wb, false)
	tab(wb, true) // Shift+Tab: back to the first
	if sg, _ := wb.session.selectedSuggestion(); sg != first {
		t.Fatalf("Shift+Tab selected %+v", sg)
	}
	if !strings.Contains(wb.panel.card.ghost.Text, "33%") {
		t.Errorf("card says %q", wb.panel.card.ghost.Text)
	}

	key(wb, fyne.KeyReturn)
	spans := spansOf(t, st, "d2")
	if len(spans) != 1 || spans[0].Label != "Name_Calling-Labeling" || spans[0].Start() != first.Start || spans[0].End() != first.End {
		t.Fatalf("accepted: %+v", spans)
	}
	e, ok, err := st.NextUndo(t.Context(), annotator)
	if add, isAdd := e.(annotate.AddSpanEdit); err != nil || !ok || !isAdd || add.Origin != "suggest:learned" {
		t.Fatalf("the edit log has %#v (%v)", e, err)
	}
	if !strings.Contains(wb.panel.card.origin.Text, "from the project's labels") || wb.session.selectedID() != spans[0].ID {
		t.Errorf("the card's origin line says %q", wb.panel.card.origin.Text)
	}
	for _, g := range ghosts(wb) {
		if strings.HasPrefix(g, "crooked elites") {
			t.Errorf("the accepted suggestion is still drawn: %s", g)
		}
	}
	if h, ok := wb.view.HighlightOf(spans[0].ID); !ok || h.Style != articleview.StyleOwn {
		t.Error("the accepted span is not drawn as a span")
	}

	shortcut(wb, &fyne.ShortcutUndo{})
	if n := len(spansOf(t, st, "d2")); n != 0 {
		t.Fatalf("%d spans after undo", n)
	}
	if got := strings.Join(ghosts(wb), " | "); !strings.HasPrefix(got, "crooked elites Name Calling-Labeling") {
		t.Errorf("after undo the suggestion is not back: %s", got)
	}
}

// Delete rejects the selected suggestion: it does not come back for this
// document, on reopening or in a new window; Ctrl+Z brings it back.
func TestRejectedSuggestionDoesNotReturn(t *testing.T) {
	wb, st := openGhosts(t)
	tab(wb, false)
	tab(wb, false)
	sg, _ := wb.session.selectedSuggestion()
	if sg.Text != "deep state" {
		t.Fatalf("selected %+v", sg)
	}
	key(wb, fyne.KeyDelete)
	if n := len(spansOf(t, st, "d2")); n != 0 {
		t.Errorf("Delete on a suggestion made %d spans", n)
	}
	rej, err := st.Rejections(t.Context(), "d2", annotator)
	if err != nil || len(rej) != 1 || rej[0].Start != sg.Start || rej[0].Label != "Doubt" {
		t.Fatalf("rejections %+v (%v)", rej, err)
	}
	want := "crooked elites Name Calling-Labeling 33% | deep state Doubt 100%"
	if got := strings.Join(ghosts(wb), " | "); got != want {
		t.Errorf("after rejecting\n got %s\nwant %s", got, want)
	}
	wb.openDocument("d1")
	wb.openDocument("d2")
	if got := strings.Join(ghosts(wb), " | "); got != want {
		t.Errorf("after reopening\n got %s\nwant %s", got, want)
	}
	shortcut(wb, &fyne.ShortcutUndo{})
	if n := len(ghosts(wb)); n != 3 {
		t.Errorf("%d ghosts after undoing the rejection, want 3", n)
	}
}

// Ctrl+Shift+A accepts every suggestion at or above the threshold, each
// an edit of its own.
func TestAcceptAllAboveTheThreshold(t *testing.T) {
	wb, st := openGhosts(t)
	shortcut(wb, keyAcceptAll)
	spans := spansOf(t, st, "d2")
	if len(spans) != 2 || spans[0].Label != "Doubt" || spans[1].Label != "Doubt" {
		t.Fatalf("accepted %+v", spans)
	}
	if got := strings.Join(ghosts(wb), " | "); got != "crooked elites Name Calling-Labeling 33%" {
		t.Errorf("left %s", got)
	}
	shortcut(wb, &fyne.ShortcutUndo{})
	if n := len(spansOf(t, st, "d2")); n != 1 {
		t.Errorf("one undo left %d spans, want 1", n)
	}
}

// A new span teaches the suggester at once: a word labelled in d2 is
// suggested where it recurs in d1.
func TestNewSpanUpdatesTheSuggestions(t *testing.T) {
	wb, _ := openGhosts(t)
	s := cpIndex(ghostDoc2, "always wins")
	wb.view.SetSelection(s, s+len("always"))
	test.TypeOnCanvas(wb.win.Canvas(), string(keyOf(t, *wb.session.currentSchema(), "technique", "Flag_Waving")))
	wb.openDocument("d1")
	got := strings.Join(ghosts(wb), " | ")
	if !strings.Contains(got, "always Flag Waving") {
		t.Errorf("the new phrase is not suggested in d1: %s", got)
	}
}

func TestSessionStepsRoundTheSuggestions(t *testing.T) {
	s := newSession(annotator, true)
	s.index = annotate.NewTextIndex("a b c")
	s.doc.ID = "d"
	s.state = annotate.NewDocState(&s.doc, &s.schema, nil)
	var sugs []suggest.Suggestion
	for i, at := range []int{0, 2, 4} {
		sugs = append(sugs, suggest.Suggestion{Doc: "d", Layer: "l", Label: "L", Start: at, End: at + 1, Score: float64(i+1) / 4})
	}
	s.setSuggestions("d", sugs)
	for _, tc := range []struct {
		step, at int
		want     int
	}{{1, 0, 0}, {1, 0, 2}, {1, 0, 4}, {1, 0, 0}, {-1, 0, 4}, {-1, 0, 2}} {
		sg, ok := s.stepSuggestion(tc.step, tc.at)
		if !ok || sg.Start != tc.want {
			t.Errorf("step %d: at %d, want %d", tc.step, sg.Start, tc.want)
		}
	}
	s.selectGhost("")
	if sg, _ := s.stepSuggestion(-1, 3); sg.Start != 2 {
		t.Errorf("Shift+Tab from offset 3 went to %d, want 2", sg.Start)
	}
	s.setSuggestions("other", nil)
	if len(s.suggestions) != 3 {
		t.Error("suggestions for another document replaced the open one's")
	}
}

// TestGhostsStayOffTheLayersOwnText: a span hides the suggestions of its
// own layer on its text, not another layer's.
func TestGhostsStayOffTheLayersOwnText(t *testing.T) {
	wb, _ := openGhosts(t)
	first := cpIndex(ghostDoc2, "deep state")
	second := first + len("deep state won; the ")
	techniqueAt := func() []int {
		var at []int
		for _, sg := range wb.session.shownSuggestions() {
			if sg.Layer == "technique" && sg.Label == "Doubt" {
				at = append(at, sg.Start)
			}
		}
		return at
	}
	label := func(layer, name string) {
		t.Helper()
		wb.view.SetSelection(first, first+len("deep state"))
		test.TypeOnCanvas(wb.win.Canvas(), string(keyOf(t, *wb.session.currentSchema(), layer, name)))
		waitIdle(wb.suggester.jobs)
	}
	label("actor", "ORG")
	if got := techniqueAt(); !slices.Equal(got, []int{first, second}) {
		t.Errorf("after an actor span on the first: Doubt suggested at %v, want %v", got, []int{first, second})
	}
	label("technique", "Loaded_Language")
	if got := techniqueAt(); !slices.Equal(got, []int{second}) {
		t.Errorf("after a technique span on the first: Doubt suggested at %v, want %v", got, []int{second})
	}
}
