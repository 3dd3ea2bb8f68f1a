package app

import (
	"path/filepath"
	"slices"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"frametag/annotate"
	"frametag/annotate/schemes"
	"frametag/storage"
)

// newProjectWith creates a project with a bundled schema and one document.
func newProjectWith(t *testing.T, schemaName, docID, text string) string {
	t.Helper()
	schema, err := schemes.ByName(schemaName)
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), schemaName+".frametag")
	st, err := storage.Create(path, schema)
	if err != nil {
		t.Fatal(err)
	}
	_, err = st.Import(func(yield func(annotate.AnnotatedDoc, error) bool) {
		yield(annotate.AnnotatedDoc{Document: annotate.Document{ID: docID, Title: docID, Text: text}}, nil)
	})
	if err != nil {
		t.Fatal(err)
	}
	if err := st.Close(); err != nil {
		t.Fatal(err)
	}
	return path
}

func escape(wb *Workbench) {
	wb.win.Canvas().OnTypedKey()(&fyne.KeyEvent{Name: fyne.KeyEscape})
}

// Escape steps back one level at a time: the text selection, then the
// selected span, so the user can always get back to a plain article.
func TestEscapeClearsTextSelectionThenSpan(t *testing.T) {
	wb, _ := openWorkbench(t, newProject(t))
	wb.openDocument(blinkenDoc)
	c := wb.win.Canvas()
	wb.view.SetSelection(claimFrag.Start, claimFrag.End)
	test.TypeOnCanvas(c, string(keyOf(t, wb.schema, "claim", "Claim")))
	if wb.selected == "" {
		t.Fatal("the new span is not selected")
	}
	claim := wb.selected

	wb.view.SetSelection(blinkenFrag.Start, blinkenFrag.End)
	escape(wb)
	if _, _, ok := wb.view.Selection(); ok {
		t.Error("Escape left the text selected")
	}
	if wb.selected != claim {
		t.Errorf("the first Escape dropped the span too (selected %q)", wb.selected)
	}

	escape(wb)
	if wb.selected != "" || wb.view.SelectedHighlight() != "" {
		t.Errorf("the second Escape left span %q / highlight %q selected", wb.selected, wb.view.SelectedHighlight())
	}
	if _, ok := wb.panel.fields["Label"]; ok {
		t.Error("the span's card is still shown")
	}
}

// The filter box never traps the keyboard: Escape goes back to the article
// with the filter kept, Enter opens the first document shown.
func TestFilterEscapeAndEnterReturnToTheArticle(t *testing.T) {
	wb, st := openWorkbench(t, newProject(t))
	synchronous(wb)
	c := wb.win.Canvas()
	f := wb.docs.filter

	c.Focus(f)
	test.Type(f, "Wallace")
	f.TypedKey(&fyne.KeyEvent{Name: fyne.KeyEscape})
	if c.Focused() != fyne.Focusable(wb.view) {
		t.Errorf("after Escape the keyboard is with %T, want the article", c.Focused())
	}
	if f.Text != "Wallace" || len(wb.docs.shown) != 1 {
		t.Errorf("Escape changed the filter: %q, %d shown", f.Text, len(wb.docs.shown))
	}

	c.Focus(f)
	f.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	const want = "blinken-referendums-sign-of-failure"
	if wb.doc.ID != want {
		t.Fatalf("Enter opened %q, want %q", wb.doc.ID, want)
	}
	if c.Focused() != fyne.Focusable(wb.view) {
		t.Fatalf("after Enter the keyboard is with %T, want the article", c.Focused())
	}
	// and a label key now labels the text, not the filter
	wb.view.SetSelection(0, 6)
	test.TypeOnCanvas(c, string(keyOf(t, wb.schema, "claim", "Claim")))
	if n := len(spansOf(t, st, want)); n != 1 {
		t.Errorf("the label key made %d spans, want 1 (filter now %q)", n, f.Text)
	}
}

// PTC's label names are shown with spaces for underscores and after commas,
// in the card, the spans list and the article's hover label; the store keeps
// the schema's names.
func TestPTCLabelsShownReadably(t *testing.T) {
	const text = "They call him a traitor and a coward."
	wb, st := openWorkbench(t, newProjectWith(t, "ptc-18", "d1", text))
	wb.view.SetSelection(16, 23) // traitor
	test.TypeOnCanvas(wb.win.Canvas(), string(keyOf(t, wb.schema, "technique", "Name_Calling,Labeling")))

	sel := formField(t, wb, "Label").(*widget.Select)
	if sel.Selected != "Name Calling, Labeling" {
		t.Errorf("the card shows %q", sel.Selected)
	}
	if !slices.Contains(sel.Options, "Exaggeration, Minimisation") {
		t.Fatalf("the card offers %q", sel.Options)
	}
	sel.SetSelected("Exaggeration, Minimisation")

	spans := spansOf(t, st, "d1")
	if len(spans) != 1 || spans[0].Label != "Exaggeration,Minimisation" {
		t.Fatalf("stored %+v, want the label Exaggeration,Minimisation", spans)
	}
	if h, ok := wb.view.HighlightOf(spans[0].ID); !ok || h.Label != "Exaggeration, Minimisation" {
		t.Errorf("the article's hover label reads %q", h.Label)
	}
	row := newSpanRow()
	wb.panel.fillSpanRow(0, row)
	if row.label.Text != "Exaggeration, Minimisation" {
		t.Errorf("the spans list reads %q", row.label.Text)
	}
}

func TestShownName(t *testing.T) {
	tests := []struct{ name, want string }{
		{"Claim", "Claim"},
		{"Name_Calling,Labeling", "Name Calling, Labeling"},
		{"Obfuscation,Intentional_Vagueness,Confusion", "Obfuscation, Intentional Vagueness, Confusion"},
		{"Black-and-White_Fallacy", "Black-and-White Fallacy"},
		{"a, b", "a, b"},
		{"trailing,", "trailing,"},
	}
	for _, tc := range tests {
		if got := shownName(tc.name); got != tc.want {
			t.Errorf("shownName(%q) = %q, want %q", tc.name, got, tc.want)
		}
	}
}
