package app

import (
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"frametag/annotate"
	"frametag/app/articleview"
)

// walk calls fn with every object drawn under o, widgets' renderers included.
func walk(o fyne.CanvasObject, fn func(fyne.CanvasObject)) {
	fn(o)
	switch x := o.(type) {
	case *fyne.Container:
		for _, c := range x.Objects {
			walk(c, fn)
		}
	case fyne.Widget:
		for _, c := range test.WidgetRenderer(x).Objects() {
			walk(c, fn)
		}
	}
}

// find is the first object under o that fn accepts.
func find[T fyne.CanvasObject](o fyne.CanvasObject, fn func(T) bool) (T, bool) {
	var found T
	ok := false
	walk(o, func(c fyne.CanvasObject) {
		if t, is := c.(T); is && !ok && fn(t) {
			found, ok = t, true
		}
	})
	return found, ok
}

// File → Switch annotator… names who you are in the title, offers the
// project's annotators, and reloads the window as the one chosen: their
// spans are their own (the previous annotator's someone else's), their undo
// history is theirs, and the choice is remembered.
func TestSwitchAnnotator(t *testing.T) {
	path := newProject(t)
	bobs := addSpansBy(t, path, bobsClaim)[0]
	wb, st := openTeamWorkbench(t, path)
	wb.openDocument(blinkenDoc)
	if got := wb.win.Title(); got != "frametag — test.frametag — alice" {
		t.Errorf("title %q, want it to name alice", got)
	}
	alices := labelSpan(t, wb, blinkenFrag, "actor", "PERSON")

	viewMenuItem(t, wb, cmdSwitchAnnotator).Action()
	top := wb.win.Canvas().Overlays().Top()
	name, ok := find(top, func(*widget.SelectEntry) bool { return true })
	if !ok {
		t.Fatal("Switch annotator… shows no name field")
	}
	if known := wb.knownAnnotators(); !slices.Equal(known, []string{"alice", "bob"}) || name.Text != "alice" {
		t.Errorf("the name field offers %v with %q, want [alice bob] with alice", known, name.Text)
	}
	name.SetText("bob")
	sw, ok := find(top, func(b *widget.Button) bool { return b.Text == "Switch" })
	if !ok {
		t.Fatal("no Switch button")
	}
	test.Tap(sw)

	if got := wb.win.Title(); got != "frametag — test.frametag — bob" {
		t.Errorf("title after the switch %q", got)
	}
	if wb.prefs.annotator() != "bob" || wb.session.annotator != "bob" || wb.annotator != "bob" {
		t.Errorf("switched to %q (session %q), remembered %q; want bob", wb.annotator, wb.session.annotator, wb.prefs.annotator())
	}
	if wb.session.document().ID != blinkenDoc {
		t.Errorf("the open document %q changed with the annotator", wb.session.document().ID)
	}
	for _, c := range []struct {
		id    string
		style articleview.Style
	}{{bobs.ID, articleview.StyleOwn}, {alices.ID, articleview.StyleOther}} {
		if h, _ := wb.view.HighlightOf(c.id); h.Style != c.style {
			t.Errorf("span %s drawn as %v for bob, want %v", c.id, h.Style, c.style)
		}
	}
	// bob may change his span now, and not alice's
	wb.session.selectSpan(alices.ID, false)
	wb.win.Canvas().OnTypedKey()(&fyne.KeyEvent{Name: fyne.KeyDelete})
	if got := hint(wb); got != "Not deleted: this span is alice's; press C to copy it into your layer." {
		t.Errorf("bob deleting alice's span: hint %q", got)
	}
	// bob's undo history is his own: his claim goes, alice's span stays
	shortcut(wb, &fyne.ShortcutUndo{})
	if left := spansOf(t, st, blinkenDoc); hint(wb) != "Undone: add Claim" || len(left) != 1 || left[0].ID != alices.ID {
		t.Errorf("bob's Ctrl+Z: hint %q, left %+v; want his claim undone, alice's span kept", hint(wb), left)
	}
	shortcut(wb, &fyne.ShortcutUndo{})
	if got := hint(wb); got != "Nothing to undo." {
		t.Errorf("bob's second Ctrl+Z: hint %q, want nothing to undo", got)
	}

	wb.switchAnnotator(annotate.GoldAnnotator)
	if wb.annotator != "bob" || !strings.Contains(hint(wb), "adjudicated layer") {
		t.Errorf("switching to gold: annotator %q, hint %q; want it refused", wb.annotator, hint(wb))
	}
	wb.switchAnnotator("alice")
	shortcut(wb, &fyne.ShortcutUndo{})
	if n := len(spansOf(t, st, blinkenDoc)); n != 0 || hint(wb) != "Undone: add PERSON" {
		t.Errorf("alice's Ctrl+Z after switching back: %d spans, hint %q; want her span undone", n, hint(wb))
	}

	for _, tc := range []struct {
		last, given string
		named       bool
		want        string
	}{
		{"", "tester", false, "tester"},
		{"bob", "tester", false, "bob"},
		{"bob", "carol", true, "carol"},
	} {
		wb.prefs.setAnnotator(tc.last)
		if got := wb.prefs.startAnnotator(tc.given, tc.named); got != tc.want {
			t.Errorf("last %q, given %q (named %v): opens as %q, want %q", tc.last, tc.given, tc.named, got, tc.want)
		}
	}
}

// The document list counts one's own spans and says so; pointing at the
// count shows every annotator's.
func TestDocumentListCountsYoursAndEveryones(t *testing.T) {
	path := newProject(t)
	addSpansBy(t, path, bobsClaim,
		annotate.Span{DocID: blinkenDoc, Layer: "actor", Label: "PERSON", Fragments: []annotate.Fragment{blinkenFrag}, Annotator: "bob"},
		annotate.Span{DocID: blinkenDoc, Layer: "technique", Label: "Doubt", Fragments: []annotate.Fragment{schemeFrag}, Annotator: "carol"})
	wb, _ := openTeamWorkbench(t, path)
	wb.openDocument(blinkenDoc)
	labelSpan(t, wb, schemeFrag, "technique", "Loaded_Language")

	row, ok := find(wb.docs, func(r *docRow) bool { return r.id == blinkenDoc })
	if !ok {
		t.Fatal("no row for the open document")
	}
	if got := row.spans.Text; got != "1 yours · 4 in all" {
		t.Errorf("the row's count %q, want 1 yours · 4 in all", got)
	}
	if other, ok := find(wb.docs, func(r *docRow) bool { return r.id != blinkenDoc && r.id != "" }); !ok || other.spans.Text != "0 yours" {
		t.Errorf("a document without spans counts %q, want 0 yours", other.spans.Text)
	}
	row.spans.MouseIn(nil)
	if !wb.docs.tip.Visible() || wb.docs.tipText.Text != "bob 2 · alice (you) 1 · carol 1" {
		t.Errorf("hover: shown %v, %q; want bob 2 · alice (you) 1 · carol 1", wb.docs.tip.Visible(), wb.docs.tipText.Text)
	}
	if p, s := wb.docs.tipBox.Position(), wb.docs.tipBox.Size(); p.X < 0 || p.X+s.Width > wb.docs.Size().Width+0.5 {
		t.Errorf("the hover box at %v size %v leaves the list (width %v)", p, s, wb.docs.Size().Width)
	}
	row.spans.MouseOut()
	if wb.docs.tip.Visible() {
		t.Error("the hover box stays after the pointer left")
	}

	// after a reload (an import), the counts come from the store again
	if err := wb.reloadDocuments(); err != nil {
		t.Fatal(err)
	}
	sum, _ := wb.docs.summary(blinkenDoc)
	if got := wb.docs.countText(blinkenDoc, sum.Spans); got != "1 yours · 4 in all" {
		t.Errorf("after a reload the row counts %q", got)
	}
}
