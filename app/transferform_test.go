package app

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"frametag/annotate/format"
)

// formSelect is the topmost dialog's select.
func formSelect(t *testing.T, wb *Workbench) *widget.Select {
	t.Helper()
	for _, o := range overlayObjects(wb) {
		if s, ok := o.(*widget.Select); ok {
			return s
		}
	}
	t.Fatal("no select in the dialog")
	return nil
}

// A brat folder chosen in the window is offered as brat (every readable
// format listed); labels the schema lacks are refused with the hint, and
// imported when "Add labels" is ticked, the summary saying what was added.
func TestImportFormDetectsTheFormatAndAddsLabels(t *testing.T) {
	wb, st := openWorkbench(t, newProject(t))
	synchronous(wb)
	dir := filepath.Join(t.TempDir(), "corpus")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	for name, content := range map[string]string{"a.txt": "Ann met Bob 👋 here.\n", "a.ann": "T1\tHedge 0 3\tAnn\n"} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	form := func() *widget.Select {
		wb.importForm([]string{dir})
		sel := formSelect(t, wb)
		if sel.Selected != "brat" || !slices.Equal(sel.Options, format.All().Readable().Names()) {
			t.Fatalf("the format select offers %v with %q chosen; want every readable format, brat chosen", sel.Options, sel.Selected)
		}
		return sel
	}
	form()
	tapButton(t, wb, "Import")
	if msg := dialogTexts(wb); !strings.Contains(msg, "span label imported/Hedge") || !strings.Contains(msg, "“Add labels” ticked") {
		t.Errorf("the error dialog says %q", msg)
	}
	wb.win.Canvas().Overlays().Top().Hide()
	if docs, _ := st.Documents(t.Context(), annotator); len(docs) != 3 {
		t.Fatalf("a refused import left %d documents", len(docs))
	}

	form()
	for _, o := range overlayObjects(wb) {
		if c, ok := o.(*widget.Check); ok {
			test.Tap(c)
		}
	}
	tapButton(t, wb, "Import")
	msg := dialogTexts(wb)
	for _, want := range []string{"Imported 1 document.", "Read as brat.", "Added to the schema: span label imported/Hedge in a new layer."} {
		if !strings.Contains(msg, want) {
			t.Errorf("the summary %q does not say %q", msg, want)
		}
	}
	if docs, _ := st.Documents(t.Context(), annotator); len(docs) != 4 {
		t.Errorf("the project lists %d documents after the import, want 4", len(docs))
	}
}

// Files of several formats are read each as detected unless one is chosen.
func TestImportFormOffersMixedDetection(t *testing.T) {
	wb, _ := openWorkbench(t, newProject(t))
	synchronous(wb)
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "a.txt"), []byte("A text file.\n"), 0o644)
	os.WriteFile(filepath.Join(dir, "b.jsonl"), []byte(`{"id":"b","text":"A JSONL line."}`+"\n"), 0o644)
	wb.importForm([]string{dir})
	if sel := formSelect(t, wb); sel.Selected != "as detected: txt, jsonl" || sel.Options[0] != sel.Selected {
		t.Errorf("selected %q of %v", sel.Selected, sel.Options)
	}
	tapButton(t, wb, "Import")
	if msg := dialogTexts(wb); !strings.Contains(msg, "Imported 2 documents. Read as txt, jsonl.") {
		t.Errorf("the summary says %q", msg)
	}
}

// The export form lists the writable formats, says what the chosen one
// cannot hold, and the summary counts what was left out.
func TestExportFormChoosesTheFormatAndReportsTheLoss(t *testing.T) {
	wb, _ := openWorkbench(t, newProject(t))
	synchronous(wb)
	wb.openDocument(blinkenDoc)
	labelSpan(t, wb, claimFrag, "claim", "Claim")

	wb.exportForm()
	sel := formSelect(t, wb)
	if sel.Selected != format.Native || !slices.Equal(sel.Options, format.All().Writable().Names()) {
		t.Fatalf("the format select offers %v with %q chosen", sel.Options, sel.Selected)
	}
	if !strings.Contains(dialogTexts(wb), "Holds everything.") {
		t.Errorf("for jsonl the form says %q", dialogTexts(wb))
	}
	sel.SetSelected("doccano")
	if !strings.Contains(dialogTexts(wb), "Cannot hold: ") {
		t.Errorf("for doccano the form says %q", dialogTexts(wb))
	}
	tapButton(t, wb, "Choose where…")
	for _, o := range overlayObjects(wb) {
		if e, ok := o.(*widget.Entry); ok && e.Text == "test.jsonl" {
			e.SetText("out-doccano.jsonl")
		}
	}
	tapButton(t, wb, "Save")
	msg := dialogTexts(wb)
	if !strings.Contains(msg, "(doccano)") || !strings.Contains(msg, "Left out: annotator names: 1 dropped (format has none).") {
		t.Errorf("the summary says %q", msg)
	}
	data, err := os.ReadFile(filepath.Join(filepath.Dir(wb.store.Path()), "out-doccano.jsonl"))
	if err != nil || !strings.Contains(string(data), `"label":"Claim","start_offset"`) {
		t.Errorf("the doccano file holds no Claim entity (%v)", err)
	}
}

// A folder format writes into the folder chosen when it is empty, else into
// a new folder named after the project inside it.
func TestExportToAFolder(t *testing.T) {
	wb, _ := openWorkbench(t, newProject(t))
	synchronous(wb)
	brat, err := format.All().ByName("brat")
	if err != nil {
		t.Skip("no brat format")
	}
	empty := t.TempDir()
	if got := exportFolder(empty, wb.store.Path(), brat); got != empty {
		t.Errorf("an empty folder: %s", got)
	}
	full := t.TempDir()
	os.WriteFile(filepath.Join(full, "x"), nil, 0o644)
	target := exportFolder(full, wb.store.Path(), brat)
	if target != filepath.Join(full, "test-brat") {
		t.Errorf("a folder with files: %s", target)
	}
	wb.exportAs(target, brat, exportChoice{})
	if msg := dialogTexts(wb); !strings.Contains(msg, "Exported 3 documents") || !strings.Contains(msg, "(brat)") {
		t.Errorf("the summary says %q", msg)
	}
	if _, err := os.Stat(filepath.Join(target, "annotation.conf")); err != nil {
		t.Errorf("no annotation.conf: %v", err)
	}
}

// The import form's offset unit and label map reach the import: UTF-16
// offsets after an emoji land on the right code points, and a PTC label is
// renamed by the built-in map to the default schema's name.
func TestImportFormReadsOffsetsAndLabelMap(t *testing.T) {
	wb, st := openWorkbench(t, newProject(t))
	synchronous(wb)
	// "😀" is two UTF-16 units: "Globalist elites" starts at unit 3, code point 2.
	line := `{"id":"ptc1","text":"😀 Globalist elites\r\nsaid so.","spans":[` +
		`{"layer":"technique","label":"Name_Calling,Labeling","start":3,"end":19,"text":"Globalist elites"}]}` + "\n"
	path := filepath.Join(t.TempDir(), "utf16.jsonl")
	if err := os.WriteFile(path, []byte(line), 0o644); err != nil {
		t.Fatal(err)
	}
	wb.importForm([]string{path})
	var selects []*widget.Select
	for _, o := range overlayObjects(wb) {
		if s, ok := o.(*widget.Select); ok {
			selects = append(selects, s)
		}
	}
	if len(selects) != 3 {
		t.Fatalf("the import form has %d selects, want format, offsets and map", len(selects))
	}
	selects[1].SetSelectedIndex(slices.Index(offsetChoices, format.UTF16))
	selects[2].SetSelected(format.PTCToSemEval2023)
	tapButton(t, wb, "Import")
	if msg := dialogTexts(wb); !strings.Contains(msg, "Imported 1 document.") {
		t.Fatalf("the import says %q", msg)
	}
	doc, err := st.Annotations(t.Context(), "ptc1")
	if err != nil {
		t.Fatal(err)
	}
	if len(doc.Spans) != 1 || doc.Spans[0].Label != "Name_Calling-Labeling" || doc.Spans[0].Start() != 2 || doc.Spans[0].End() != 18 {
		t.Errorf("imported spans %+v; want Name_Calling-Labeling at [2,18)", doc.Spans)
	}
}
