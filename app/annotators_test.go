package app

import (
	"slices"
	"testing"

	"fyne.io/fyne/v2"

	"frametag/annotate"
	"frametag/storage/sqlite"
)

// addSpanBy writes a span by another annotator straight into the project,
// as a colleague sharing the file would.
func addSpanBy(t *testing.T, path, who string, f annotate.Fragment, layer, label string) annotate.Span {
	t.Helper()
	st, err := sqlite.Open(t.Context(), path)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	done, err := st.Apply(t.Context(), annotate.AddSpan(annotate.Span{DocID: blinkenDoc, Layer: layer, Label: label,
		Fragments: []annotate.Fragment{f}, Annotator: who}))
	if err != nil {
		t.Fatal(err)
	}
	return done.(annotate.AddSpanEdit).Span
}

// shownIDs are the spans the article draws and the spans list lists.
func shownIDs(wb *Workbench, ids ...string) (drawn, listed []string) {
	// the list as one sees it: with its tab chosen
	wb.panel.tabs.Select(wb.panel.spansTab)
	defer wb.panel.tabs.Select(wb.panel.labelsTab)
	for _, id := range ids {
		if _, ok := wb.view.HighlightOf(id); ok {
			drawn = append(drawn, id)
		}
		if slices.ContainsFunc(wb.panel.spans.shown, func(sp annotate.Span) bool { return sp.ID == id }) {
			listed = append(listed, id)
		}
	}
	return drawn, listed
}

func viewMenuItem(t *testing.T, wb *Workbench, label string) *fyne.MenuItem {
	t.Helper()
	for _, m := range wb.mainMenu().Items {
		for _, it := range m.Items {
			if it.Label == label {
				return it
			}
		}
	}
	t.Fatalf("no menu item %q", label)
	return nil
}

// TestShowOtherAnnotatorsSpans: with View → Show other annotators' spans off,
// bob's span is neither drawn nor listed, cannot stay selected, and stays
// hidden through alice's labelling, undo and redo; the setting is
// remembered; turning it on brings bob's span back.
func TestShowOtherAnnotatorsSpans(t *testing.T) {
	path := newProject(t)
	bobs := addSpanBy(t, path, "bob", blinkenFrag, "actor", "PERSON")
	wb, st := openWorkbench(t, path)
	wb.openDocument(blinkenDoc)
	const item = "Show other annotators' spans"

	// default: everyone's spans, as before
	if drawn, listed := shownIDs(wb, bobs.ID); len(drawn) != 1 || len(listed) != 1 || !viewMenuItem(t, wb, item).Checked {
		t.Fatalf("default: bob's span drawn %v, listed %v, menu checked %v; want shown",
			drawn, listed, viewMenuItem(t, wb, item).Checked)
	}
	wb.session.selectSpan(bobs.ID, false)

	viewMenuItem(t, wb, item).Action()
	if wb.prefs.showOthers() || viewMenuItem(t, wb, item).Checked {
		t.Error("after turning it off the preference or the check mark still says on")
	}
	if drawn, listed := shownIDs(wb, bobs.ID); len(drawn)+len(listed) != 0 {
		t.Errorf("off: bob's span drawn %v, listed %v", drawn, listed)
	}
	if wb.session.selectedID() != "" {
		t.Errorf("off: the hidden span %q stays selected", wb.session.selectedID())
	}
	wb.panel.tabs.Select(wb.panel.spansTab)
	if note := wb.panel.spans.count.Text; note != "No spans. 1 by others hidden (View → Show other annotators' spans)." {
		t.Errorf("the spans tab says %q: not briefly that a span is hidden", note)
	}
	wb.panel.tabs.Select(wb.panel.labelsTab)

	// alice labels, undoes and redoes: her span comes and goes, bob's stays hidden
	alices := labelSpan(t, wb, claimFrag, "claim", "Claim")
	steps := []struct {
		name  string
		do    func()
		alice bool
	}{
		{"labelled", func() {}, true},
		{"undone", wb.undoKey, false},
		{"redone", wb.redoKey, true},
	}
	for _, s := range steps {
		s.do()
		drawn, listed := shownIDs(wb, alices.ID, bobs.ID)
		want := []string(nil)
		if s.alice {
			want = []string{alices.ID}
		}
		if !slices.Equal(drawn, want) || !slices.Equal(listed, want) {
			t.Errorf("%s: drawn %v, listed %v, want %v", s.name, drawn, listed, want)
		}
	}
	if n := len(spansOf(t, st, blinkenDoc)); n != 2 {
		t.Errorf("the project holds %d spans, want 2 (hiding changes nothing stored)", n)
	}

	// reopening the document keeps it off
	wb.openDocument(blinkenDoc)
	if drawn, listed := shownIDs(wb, alices.ID, bobs.ID); !slices.Equal(drawn, []string{alices.ID}) || !slices.Equal(listed, []string{alices.ID}) {
		t.Errorf("reopened: drawn %v, listed %v, want only alice's", drawn, listed)
	}

	viewMenuItem(t, wb, item).Action()
	if drawn, listed := shownIDs(wb, alices.ID, bobs.ID); len(drawn) != 2 || len(listed) != 2 {
		t.Errorf("on again: drawn %v, listed %v, want both", drawn, listed)
	}
	wb.panel.tabs.Select(wb.panel.spansTab)
	if note := wb.panel.spans.count.Text; note != "2 spans, in reading order." {
		t.Errorf("the spans tab says %q, want 2 spans", note)
	}
}
