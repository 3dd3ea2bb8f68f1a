package app

import (
	"bytes"
	"encoding/json"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"frametag/annotate"
	"frametag/annotate/format"
	"frametag/annotate/schemes"
	"frametag/seeds"
	"frametag/storage/sqlite"
)

const (
	annotator  = "alice"
	blinkenDoc = "us-nato-vow-support-for-ukraine"
)

// Offsets in the Blinken seed, in code points (checked with Python slicing).
var (
	claimFrag   = annotate.Fragment{Start: 438, End: 533} // We will not — indeed, we will never — recognize …
	blinkenFrag = annotate.Fragment{Start: 536, End: 543} // Blinken (told reporters)
	schemeFrag  = annotate.Fragment{Start: 345, End: 362} // diabolical scheme
)

// newProject creates a project file with the default schema and the seeds.
func newProject(t *testing.T) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "test.frametag")
	st, err := sqlite.Create(t.Context(), path, schemes.Default())
	if err != nil {
		t.Fatal(err)
	}
	docs, err := seeds.Documents()
	if err != nil {
		t.Fatal(err)
	}
	_, err = st.Import(t.Context(), func(yield func(annotate.AnnotatedDoc, error) bool) {
		for _, d := range docs {
			if !yield(annotate.AnnotatedDoc{Document: d}, nil) {
				return
			}
		}
	})
	if err != nil {
		t.Fatal(err)
	}
	if err := st.Close(); err != nil {
		t.Fatal(err)
	}
	return path
}

// openWorkbench opens path in a workbench in a headless window.
func openWorkbench(t *testing.T, path string) (*Workbench, *sqlite.Store) {
	t.Helper()
	return openAs(t, path, annotator)
}

// settle waits for the suggester's first work (training, started by
// newWorkbench on its goroutine) and runs its later work at once, so that a
// test's steps and the suggestions they cause never run side by side (the
// test driver runs fyne.Do on the calling goroutine).
func settle(wb *Workbench) {
	waitIdle(wb.suggester.jobs)
	wb.suggester.jobs.start = func(f func()) { f() }
}

func keyOf(t *testing.T, s annotate.Schema, layer, label string) rune {
	t.Helper()
	l, ok := s.Layer(layer)
	if !ok {
		t.Fatalf("no layer %s", layer)
	}
	lb, ok := l.Label(label)
	if !ok || lb.Key == "" {
		t.Fatalf("no key for %s/%s", layer, label)
	}
	return rune(lb.Key[0])
}

func spansOf(t *testing.T, st *sqlite.Store, doc string) []annotate.Span {
	t.Helper()
	ad, err := st.Annotations(t.Context(), doc)
	if err != nil {
		t.Fatal(err)
	}
	return ad.Spans
}

func shortcut(wb *Workbench, s fyne.Shortcut) {
	wb.win.Canvas().(fyne.Shortcutable).TypedShortcut(s)
}

// formField finds the input the selected span's editor shows for name.
func formField(t *testing.T, wb *Workbench, name string) fyne.CanvasObject {
	t.Helper()
	if f, ok := cardField(wb.panel.card, name); ok {
		return f
	}
	t.Fatalf("the panel shows no field %q", name)
	return nil
}

func TestSelectKeyAttributeUndoRedo(t *testing.T) {
	wb, st := openWorkbench(t, newProject(t))
	wb.openDocument(blinkenDoc)

	wb.view.SetSelection(claimFrag.Start, claimFrag.End)
	test.TypeOnCanvas(wb.win.Canvas(), string(keyOf(t, *wb.session.currentSchema(), "claim", "Claim")))

	spans := spansOf(t, st, blinkenDoc)
	if len(spans) != 1 {
		t.Fatalf("after the key: %d spans in the store, want 1", len(spans))
	}
	sp := spans[0]
	if sp.Layer != "claim" || sp.Label != "Claim" || !slices.Equal(sp.Fragments, []annotate.Fragment{claimFrag}) || sp.Annotator != annotator {
		t.Fatalf("stored span %+v", sp)
	}
	if wb.session.selectedID() != sp.ID {
		t.Errorf("the new span is not selected in the panel")
	}

	formField(t, wb, "checkworthy").(*widget.Select).SetSelected("yes")
	withAttr := func(want any) {
		t.Helper()
		spans := spansOf(t, st, blinkenDoc)
		if len(spans) != 1 {
			t.Fatalf("%d spans, want 1", len(spans))
		}
		if got := spans[0].Attrs["checkworthy"]; got != want {
			t.Fatalf("checkworthy = %v, want %v", got, want)
		}
	}
	withAttr("yes")

	steps := []struct {
		name  string
		key   fyne.Shortcut
		spans int
		attr  any
	}{
		{"undo the attribute", &fyne.ShortcutUndo{}, 1, nil},
		{"undo the span", &fyne.ShortcutUndo{}, 0, nil},
		{"redo the span", keyRedo, 1, nil},
		{"redo the attribute", &fyne.ShortcutRedo{}, 1, "yes"},
	}
	for _, s := range steps {
		shortcut(wb, s.key)
		spans := spansOf(t, st, blinkenDoc)
		if len(spans) != s.spans {
			t.Fatalf("%s: %d spans in the store, want %d", s.name, len(spans), s.spans)
		}
		if len(wb.session.document().Spans) != s.spans {
			t.Fatalf("%s: the window shows %d spans, want %d", s.name, len(wb.session.document().Spans), s.spans)
		}
		if s.spans == 1 {
			if spans[0].ID != sp.ID || !slices.Equal(spans[0].Fragments, sp.Fragments) {
				t.Fatalf("%s: span came back as %+v", s.name, spans[0])
			}
			if got := spans[0].Attrs["checkworthy"]; got != s.attr && !(s.attr == nil && got == nil) {
				t.Fatalf("%s: checkworthy = %v, want %v", s.name, got, s.attr)
			}
		}
	}
}

func TestDragOverCurlyQuotesCreatesExactSpan(t *testing.T) {
	wb, st := openWorkbench(t, newProject(t))
	wb.openDocument(blinkenDoc)
	// “diabolical scheme” sits in curly quotes; drag from inside the first
	// word to inside the last: the selection snaps to the whole words.
	// test.Drag sends one Dragged event where the pointer is now, with the
	// distance it came.
	from := wb.view.PositionOf(schemeFrag.Start + 2)
	to := wb.view.PositionOf(schemeFrag.End - 2)
	y := float32(8)
	origin := fyne.CurrentApp().Driver().AbsolutePositionForObject(wb.view)
	test.Drag(wb.win.Canvas(), origin.Add(to).AddXY(0, y), to.X-from.X, to.Y-from.Y)
	start, end, ok := wb.view.Selection()
	if !ok || start != schemeFrag.Start || end != schemeFrag.End {
		t.Fatalf("selection after the drag = [%d,%d) %v, want [%d,%d)", start, end, ok, schemeFrag.Start, schemeFrag.End)
	}
	test.TypeOnCanvas(wb.win.Canvas(), string(keyOf(t, *wb.session.currentSchema(), "technique", "Loaded_Language")))
	spans := spansOf(t, st, blinkenDoc)
	if len(spans) != 1 || !slices.Equal(spans[0].Fragments, []annotate.Fragment{schemeFrag}) || spans[0].Label != "Loaded_Language" {
		t.Fatalf("stored %+v", spans)
	}
}

// tapSpan clicks the middle of a span's first character in the article.
func tapSpan(wb *Workbench, cp int) {
	p := wb.view.TextPositionOf(cp)
	test.TapAt(wb.view, p.AddXY(2, 6))
}

// TestBlinkenScenario is the "done when", with mouse and keys only.
func TestBlinkenScenario(t *testing.T) {
	path := newProject(t)
	wb, st := openWorkbench(t, path)
	wb.openDocument(blinkenDoc)
	c := wb.win.Canvas()

	wb.view.SetSelection(claimFrag.Start, claimFrag.End)
	test.TypeOnCanvas(c, string(keyOf(t, *wb.session.currentSchema(), "claim", "Claim")))
	wb.view.SetSelection(blinkenFrag.Start, blinkenFrag.End)
	test.TypeOnCanvas(c, string(keyOf(t, *wb.session.currentSchema(), "actor", "PERSON")))
	wb.view.SetSelection(schemeFrag.Start, schemeFrag.End)
	test.TypeOnCanvas(c, string(keyOf(t, *wb.session.currentSchema(), "technique", "Loaded_Language")))

	// Link: click the claim, press L, click Blinken.
	tapSpan(wb, claimFrag.Start+3)
	claim, _ := wb.session.span(wb.session.selectedID())
	if claim.Label != "Claim" {
		t.Fatalf("clicking the claim selected %+v", claim)
	}
	test.TypeOnCanvas(c, "l")
	if wb.session.currentMode() != modeLinking {
		t.Fatal("L did not start linking")
	}
	tapSpan(wb, blinkenFrag.Start+1)

	// Two frames and a genre, in the panel.
	for _, o := range wb.panel.docLayers.box.Objects {
		switch g := o.(type) {
		case *widget.CheckGroup:
			g.SetSelected([]string{"Political", "Security and defense"})
		case *widget.RadioGroup:
			g.SetSelected("reporting")
		}
	}
	if got := wb.docs.progress.Text; got != "0 / 3 done" {
		t.Errorf("progress %q", got)
	}
	shortcut(wb, keyDone)
	if got := wb.docs.progress.Text; got != "1 / 3 done" {
		t.Errorf("progress after done %q", got)
	}

	// Quit and reopen: everything is there.
	if err := st.Close(); err != nil {
		t.Fatal(err)
	}
	st2, err := sqlite.Open(t.Context(), path)
	if err != nil {
		t.Fatal(err)
	}
	defer st2.Close()
	ad, err := st2.Annotations(t.Context(), blinkenDoc)
	if err != nil {
		t.Fatal(err)
	}
	byLabel := map[string]annotate.Span{}
	for _, sp := range ad.Spans {
		byLabel[sp.Label] = sp
	}
	want := map[string]annotate.Fragment{"Claim": claimFrag, "PERSON": blinkenFrag, "Loaded_Language": schemeFrag}
	if len(ad.Spans) != len(want) {
		t.Fatalf("reopened: %d spans, want %d", len(ad.Spans), len(want))
	}
	for label, f := range want {
		if sp, ok := byLabel[label]; !ok || !slices.Equal(sp.Fragments, []annotate.Fragment{f}) {
			t.Errorf("reopened: %s = %+v, want %v", label, sp, f)
		}
	}
	if len(ad.Relations) != 1 || ad.Relations[0].Type != "attributed_to" ||
		ad.Relations[0].From != byLabel["Claim"].ID || ad.Relations[0].To != byLabel["PERSON"].ID {
		t.Errorf("reopened: relations %+v", ad.Relations)
	}
	var frames []string
	for _, dl := range ad.Labels {
		if dl.Layer == "frame" {
			frames = append(frames, dl.Label)
		}
	}
	slices.Sort(frames)
	if !slices.Equal(frames, []string{"Political", "Security_and_defense"}) {
		t.Errorf("reopened: frames %v", frames)
	}
	if ad.Status[annotator] != annotate.StatusDone {
		t.Errorf("reopened: status %v", ad.Status)
	}

	// Export: offsets and texts exact.
	var buf bytes.Buffer
	if _, err := format.Write(&buf, format.JSONL(), format.Options{}, func(fn func(annotate.AnnotatedDoc) error) error { return st2.Export(t.Context(), fn) }); err != nil {
		t.Fatal(err)
	}
	text := []rune(ad.Text)
	found := 0
	for _, line := range strings.Split(strings.TrimSpace(buf.String()), "\n") {
		var doc struct {
			ID    string `json:"id"`
			Spans []struct {
				Label      string `json:"label"`
				Start, End int
				Text       string `json:"text"`
			} `json:"spans"`
		}
		if err := json.Unmarshal([]byte(line), &doc); err != nil {
			t.Fatal(err)
		}
		if doc.ID != blinkenDoc {
			continue
		}
		for _, sp := range doc.Spans {
			f := want[sp.Label]
			if sp.Start != f.Start || sp.End != f.End || sp.Text != string(text[f.Start:f.End]) {
				t.Errorf("exported %s [%d,%d) %q, want [%d,%d) %q", sp.Label, sp.Start, sp.End, sp.Text, f.Start, f.End, string(text[f.Start:f.End]))
			}
			found++
		}
	}
	if found != 3 {
		t.Errorf("exported %d spans of the Blinken article, want 3", found)
	}
}

// TestEmptyProjectOpensQuietly: a project with no documents, whose
// remembered last document is gone, opens without an error dialog, says how
// to add documents and offers no Done or Skip.
func TestEmptyProjectOpensQuietly(t *testing.T) {
	path := filepath.Join(t.TempDir(), "empty.frametag")
	st, err := sqlite.Create(t.Context(), path, schemes.Default())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	a := test.NewTempApp(t)
	prefs{a.Preferences()}.setLastDocument(path, "deleted-long-ago")
	win := a.NewWindow("test")
	t.Cleanup(win.Close)
	wb, err := newWorkbench(a, win, sqlite.Opener{}, st, annotator, inForeground)
	if err != nil {
		t.Fatal(err)
	}
	settle(wb)
	if top := win.Canvas().Overlays().Top(); top != nil {
		t.Errorf("an empty project opened with a dialog: %#v", top)
	}
	if wb.hasDocument() || !wb.panel.status.done.Disabled() || !wb.panel.status.skip.Disabled() {
		t.Errorf("empty project: document open %v, Done disabled %v", wb.hasDocument(), wb.panel.status.done.Disabled())
	}
	wb.finish(annotate.StatusDone) // Ctrl+Enter: nothing to do, nothing breaks
	if got := wb.docs.progress.Text; got != "0 / 0 done" {
		t.Errorf("progress %q", got)
	}
}

// cardField is the input the span card shows for name: "Label", "Note" or an
// attribute's name.
func cardField(c *spanCard, name string) (fyne.CanvasObject, bool) {
	if c.shown == "" {
		return nil, false
	}
	switch name {
	case "Label":
		return c.labelSel, true
	case "Note":
		return c.note, true
	}
	for _, a := range c.attrs {
		if a.name == name {
			return a.obj, true
		}
	}
	return nil, false
}
