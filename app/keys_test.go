package app

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	fynestorage "fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"frametag/annotate"
	"frametag/annotate/schemes"
	"frametag/storage/sqlite"
)

// newProjectWith creates a project with a bundled schema and one document.
func newProjectWith(t *testing.T, schemaName, docID, text string) string {
	t.Helper()
	schema, err := schemes.ByName(schemaName)
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), schemaName+".frametag")
	st, err := sqlite.Create(t.Context(), path, schema)
	if err != nil {
		t.Fatal(err)
	}
	_, err = st.Import(t.Context(), func(yield func(annotate.AnnotatedDoc, error) bool) {
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
	test.TypeOnCanvas(c, string(keyOf(t, *wb.session.currentSchema(), "claim", "Claim")))
	if wb.session.selectedID() == "" {
		t.Fatal("the new span is not selected")
	}
	claim := wb.session.selectedID()

	wb.view.SetSelection(blinkenFrag.Start, blinkenFrag.End)
	escape(wb)
	if _, _, ok := wb.view.Selection(); ok {
		t.Error("Escape left the text selected")
	}
	if wb.session.selectedID() != claim {
		t.Errorf("the first Escape dropped the span too (selected %q)", wb.session.selectedID())
	}

	escape(wb)
	if wb.session.selectedID() != "" || wb.view.SelectedHighlight() != "" {
		t.Errorf("the second Escape left span %q / highlight %q selected", wb.session.selectedID(), wb.view.SelectedHighlight())
	}
	if _, ok := cardField(wb.panel.card, "Label"); ok {
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
	if wb.session.document().ID != want {
		t.Fatalf("Enter opened %q, want %q", wb.session.document().ID, want)
	}
	if c.Focused() != fyne.Focusable(wb.view) {
		t.Fatalf("after Enter the keyboard is with %T, want the article", c.Focused())
	}
	// and a label key now labels the text, not the filter
	wb.view.SetSelection(0, 6)
	test.TypeOnCanvas(c, string(keyOf(t, *wb.session.currentSchema(), "claim", "Claim")))
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
	test.TypeOnCanvas(wb.win.Canvas(), string(keyOf(t, *wb.session.currentSchema(), "technique", "Name_Calling,Labeling")))

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
	wb.panel.tabs.Select(wb.panel.spansTab)
	wb.panel.spans.fillRow(0, row)
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

// overlayObjects lists every object of the topmost overlay, depth first.
func overlayObjects(wb *Workbench) []fyne.CanvasObject {
	var out []fyne.CanvasObject
	var walk func(o fyne.CanvasObject)
	walk = func(o fyne.CanvasObject) {
		out = append(out, o)
		switch x := o.(type) {
		case *fyne.Container:
			for _, c := range x.Objects {
				walk(c)
			}
		case fyne.Widget:
			for _, c := range test.WidgetRenderer(x).Objects() {
				walk(c)
			}
		}
	}
	if top := wb.win.Canvas().Overlays().Top(); top != nil {
		walk(top)
	}
	return out
}

// tapButton taps the topmost overlay's button labelled text.
func tapButton(t *testing.T, wb *Workbench, text string) {
	t.Helper()
	for _, o := range overlayObjects(wb) {
		if b, ok := o.(*widget.Button); ok && b.Text == text {
			test.Tap(b)
			return
		}
	}
	t.Fatalf("no %q button in the dialog", text)
}

// Through Fyne's own save dialog: exporting onto the open project's file,
// even after "Overwrite?" → Yes, is refused and leaves the project whole.
func TestExportOverTheOpenProjectIsRefused(t *testing.T) {
	path := newProject(t)
	wb, st := openWorkbench(t, path)
	synchronous(wb)
	before, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}

	wb.exportDialog()
	for _, o := range overlayObjects(wb) {
		if e, ok := o.(*widget.Entry); ok && e.Text == "test.jsonl" {
			e.SetText(filepath.Base(path))
		}
	}
	tapButton(t, wb, "Save")
	tapButton(t, wb, "Yes") // Fyne's "Overwrite?"
	if msg := dialogTexts(wb); !strings.Contains(msg, "open project's own file") || !strings.Contains(msg, "Nothing was written") {
		t.Errorf("the dialog says %q", msg)
	}
	after, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if len(after) < len(before) || len(after) == 0 {
		t.Fatalf("the project file shrank from %d to %d bytes", len(before), len(after))
	}
	docs, err := st.Documents(t.Context(), annotator)
	if err != nil || len(docs) != 3 {
		t.Fatalf("after the refused export the project lists %d documents (%v)", len(docs), err)
	}
	// and it still opens as a project
	st2, err := sqlite.Open(t.Context(), path)
	if err != nil {
		t.Fatal(err)
	}
	st2.Close()
}

func TestNewProjectNeverReplacesAFile(t *testing.T) {
	open := newProject(t)
	other := newProject(t)
	wb, _ := openWorkbench(t, open)
	for _, tc := range []struct{ name, path, says string }{
		{"the open project", open, "is the open project"},
		{"another project", other, "is a file"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			before, err := os.ReadFile(tc.path)
			if err != nil {
				t.Fatal(err)
			}
			wb.createProject(tc.path, "ptc-18")
			if msg := dialogTexts(wb); !strings.Contains(msg, tc.says) || !strings.Contains(msg, "The file was not changed.") {
				t.Errorf("the dialog says %q", msg)
			}
			wb.win.Canvas().Overlays().Top().Hide()
			after, err := os.ReadFile(tc.path)
			if err != nil || !bytes.Equal(before, after) {
				t.Errorf("the file changed (%v)", err)
			}
			if wb.store.Path() != open || wb.session.currentSchema().Name == "ptc-18" {
				t.Errorf("the workbench switched to %s (%s)", wb.store.Path(), wb.session.currentSchema().Name)
			}
		})
	}
	fresh := filepath.Join(t.TempDir(), "fresh")
	wb.createProject(fresh, "ptc-18")
	if wb.store.Path() != fresh+projectExt || wb.session.currentSchema().Name != "ptc-18" {
		t.Errorf("a new name opened %s with %s", wb.store.Path(), wb.session.currentSchema().Name)
	}
}

// The save dialog's writer touches the file only when written to.
func TestSaveDialogWriterIsLazy(t *testing.T) {
	openWorkbench(t, newProject(t))
	path := filepath.Join(t.TempDir(), "kept.txt")
	if err := os.WriteFile(path, []byte("months of work"), 0o644); err != nil {
		t.Fatal(err)
	}
	wc, err := fynestorage.Writer(fynestorage.NewFileURI(path))
	if err != nil {
		t.Fatal(err)
	}
	if err := wc.Close(); err != nil {
		t.Fatal(err)
	}
	if got, _ := os.ReadFile(path); string(got) != "months of work" {
		t.Fatalf("opening and closing the writer left %q", got)
	}
	wc, _ = fynestorage.Writer(fynestorage.NewFileURI(path))
	if _, err := wc.Write([]byte("new")); err != nil {
		t.Fatal(err)
	}
	wc.Close()
	if got, _ := os.ReadFile(path); string(got) != "new" {
		t.Fatalf("a written writer left %q", got)
	}
}

func TestOpenDialogHidesSQLiteSideFiles(t *testing.T) {
	for name, want := range map[string]bool{
		"study.frametag": true, "study.db": true, "notes.txt": true,
		"study.frametag-wal": false, "study.frametag-shm": false, "study.db-journal": false,
	} {
		if got := (projectFiles{}).Matches(fynestorage.NewFileURI("/x/" + name)); got != want {
			t.Errorf("%s shown: %v, want %v", name, got, want)
		}
	}
}

// In the attribution schema source_of and cue_of both join two attribution
// spans: linking asks which one, and never picks one silently.
func TestLinkAsksWhichRelationWhenSeveralFit(t *testing.T) {
	const text = "The minister said the war is over."
	wb, st := openWorkbench(t, newProjectWith(t, "attribution", "d1", text))
	synchronous(wb)
	label := func(start, end int, name string) string {
		wb.view.SetSelection(start, end)
		test.TypeOnCanvas(wb.win.Canvas(), string(keyOf(t, *wb.session.currentSchema(), "attribution", name)))
		return wb.session.selectedID()
	}
	source := label(0, 12, "Source")    // The minister
	cue := label(13, 17, "Cue")         // said
	content := label(18, 33, "Content") // the war is over

	linkTo := func(target string) {
		wb.session.selectSpan(content, false)
		wb.startLink()
		wb.spanTapped(target)
	}
	linkTo(source)
	if n := len(spansOf(t, st, "d1")); n != 3 {
		t.Fatalf("%d spans", n)
	}
	if ad, _ := st.Annotations(t.Context(), "d1"); len(ad.Relations) != 0 {
		t.Fatalf("linked without asking: %+v", ad.Relations)
	}
	tapButton(t, wb, "source_of — From a Content to its Source.")
	linkTo(cue)
	tapButton(t, wb, "cue_of — From a Content to its Cue.")

	ad, err := st.Annotations(t.Context(), "d1")
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]string{}
	for _, r := range ad.Relations {
		if r.From != content {
			t.Errorf("relation %s starts at %s, want the Content", r.Type, r.From)
		}
		got[r.Type] = r.To
	}
	if got["source_of"] != source || got["cue_of"] != cue || len(ad.Relations) != 2 {
		t.Errorf("relations %+v", ad.Relations)
	}

	// The same pair again: source_of is offered disabled; Escape makes nothing.
	linkTo(source)
	for _, o := range overlayObjects(wb) {
		if b, ok := o.(*widget.Button); ok && strings.HasPrefix(b.Text, "source_of") && !b.Disabled() {
			t.Error("the relation already made is offered again")
		}
	}
	escape(wb)
	if wb.win.Canvas().Overlays().Top() != nil {
		t.Error("Escape left the question open")
	}
	if ad, _ := st.Annotations(t.Context(), "d1"); len(ad.Relations) != 2 {
		t.Errorf("after Escape: %d relations", len(ad.Relations))
	}
}

// Cancel in the progress dialog stops an import or export; being all or
// nothing, the project and the output file are as they were.
func TestCancelImportAndExport(t *testing.T) {
	path := newProject(t)
	wb, st := openWorkbench(t, path)
	dir := t.TempDir()
	var lines strings.Builder
	for i := range 300 {
		fmt.Fprintf(&lines, `{"id":"n%d","text":"News item %d."}`+"\n", i, i)
	}
	in := filepath.Join(dir, "many.jsonl")
	if err := os.WriteFile(in, []byte(lines.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, "out.jsonl")
	if err := os.WriteFile(out, []byte("an earlier export\n"), 0o644); err != nil {
		t.Fatal(err)
	}

	for _, tc := range []struct {
		name, says string
		run        func()
	}{
		{"import", "Nothing was imported; the project is unchanged.", func() { wb.importPaths([]string{in}) }},
		{"export", "Nothing was written.", func() { wb.exportTo(out) }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			// The task waits until Cancel is pressed, then runs.
			start, done := make(chan struct{}), make(chan struct{})
			wb.background = func(f func()) {
				go func() {
					<-start
					f()
					close(done)
				}()
			}
			tc.run()
			if wb.cancelTask == nil {
				t.Fatal("no Cancel button while the task runs")
			}
			test.Tap(wb.cancelTask)
			close(start)
			<-done
			if msg := dialogTexts(wb); !strings.Contains(msg, tc.says) || !strings.Contains(msg, "cancelled") {
				t.Errorf("after Cancel the dialog says %q", msg)
			}
			wb.win.Canvas().Overlays().Top().Hide()
		})
	}
	if docs, err := st.Documents(t.Context(), annotator); err != nil || len(docs) != 3 {
		t.Errorf("after a cancelled import the project lists %d documents (%v)", len(docs), err)
	}
	if got, _ := os.ReadFile(out); string(got) != "an earlier export\n" {
		t.Errorf("a cancelled export changed the file: %q", got)
	}
}

// Each row of the shortcuts list is as tall as its own text: a one-line
// description takes one line even though another wraps.
func TestShortcutRowsFitTheirText(t *testing.T) {
	wb, _ := openWorkbench(t, newProject(t))
	wb.showShortcuts()
	heights := map[string]float32{}
	for _, o := range overlayObjects(wb) {
		if l, ok := o.(*widget.Label); ok {
			heights[l.Text] = l.Size().Height
		}
	}
	one := heights["select a word"]
	if one == 0 {
		t.Fatal("no “select a word” row")
	}
	single := widget.NewLabel("select a word").MinSize().Height
	if one > single*1.2 {
		t.Errorf("a one-line row is %.0f high, one line is %.0f", one, single)
	}
}
