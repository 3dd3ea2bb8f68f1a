package app

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"frametag/annotate"
	"frametag/annotate/agreement/agreementtest"
	"frametag/project"
	"frametag/storage/sqlite"
)

// teamProject makes a project of testdata/team's schema in dir holding the
// documents of the given annotators' files (testdata/team/NAME.jsonl).
func teamProject(t *testing.T, dir, name string, annotators ...string) string {
	t.Helper()
	return teamProjectWith(t, dir, name, func(*annotate.Schema) {}, annotators...)
}

// teamProjectWith is teamProject with the schema changed first.
func teamProjectWith(t *testing.T, dir, name string, change func(*annotate.Schema), annotators ...string) string {
	t.Helper()
	var sc annotate.Schema
	b, err := os.ReadFile(filepath.Join(agreementtest.Dir(), "schema.json"))
	if err == nil {
		err = json.Unmarshal(b, &sc)
	}
	if err != nil {
		t.Fatal(err)
	}
	change(&sc)
	path := filepath.Join(dir, name+".frametag")
	svc := project.New(sqlite.Opener{})
	if _, err := svc.Create(t.Context(), path, sc, nil); err != nil {
		t.Fatal(err)
	}
	if len(annotators) == 0 {
		return path
	}
	im, err := svc.NewImport(project.ImportRequest{Paths: teamFiles(annotators...)})
	if err != nil {
		t.Fatal(err)
	}
	st, err := sqlite.Open(t.Context(), path)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if _, err := im.Run(t.Context(), st); err != nil {
		t.Fatal(err)
	}
	return path
}

// teamFiles are testdata/team's files of the annotators named.
func teamFiles(annotators ...string) []string {
	var out []string
	for _, a := range annotators {
		out = append(out, filepath.Join(agreementtest.Dir(), a+".jsonl"))
	}
	return out
}

// File → Merge… brings bob's project and carol's export into alice's, as
// `frametag merge` does: documents matched by text, the summary shown, the
// list and the open document read again; merging again changes nothing; a
// file the schema cannot take, or a cancelled merge, changes nothing.
func TestMergeInTheWindow(t *testing.T) {
	dir := t.TempDir()
	alice := teamProject(t, dir, "alice", "alice")
	bob := teamProject(t, dir, "bob", "bob")
	wb, st := openTeamWorkbench(t, alice)
	synchronous(wb)
	wb.openDocument("d1")
	before := len(wb.session.document().Spans)

	viewMenuItem(t, wb, cmdMerge).Action()
	top := wb.win.Canvas().Overlays().Top()
	files, ok := find(top, func(e *widget.Entry) bool { return e.MultiLine })
	if !ok {
		t.Fatal("Merge… shows no file list")
	}
	files.SetText(bob + "\n" + teamFiles("carol")[0] + "\n")
	merge, ok := find(top, func(b *widget.Button) bool { return b.Text == "Merge" })
	if !ok {
		t.Fatal("no Merge button")
	}
	test.Tap(merge)

	said := dialogTexts(wb)
	for _, want := range []string{"Merged 2 files: 0 documents added, 4 matched by text", "annotators: bob, carol"} {
		if !strings.Contains(said, want) {
			t.Errorf("the summary %q does not say %q", said, want)
		}
	}
	if n := len(wb.session.document().Spans); n <= before {
		t.Errorf("the open document shows %d spans after the merge, had %d: not read again", n, before)
	}
	row, ok := find(wb.docs, func(r *docRow) bool { return r.id == "d1" })
	if !ok || !strings.Contains(row.spans.Text, "in all") {
		t.Errorf("d1's row counts %q after the merge, want everyone's too", row.spans.Text)
	}
	wb.win.Canvas().Overlays().Top().Hide()
	exported := func() string {
		var b strings.Builder
		if err := st.Export(t.Context(), func(d annotate.AnnotatedDoc) error { return json.NewEncoder(&b).Encode(d) }); err != nil {
			t.Fatal(err)
		}
		return b.String()
	}
	merged := exported()

	wb.mergePaths([]string{bob})
	if said := dialogTexts(wb); !strings.Contains(said, "nothing new") {
		t.Errorf("merging bob again: %q", said)
	}
	wb.win.Canvas().Overlays().Top().Hide()

	// schema differences are named, whether or not they are used
	other := teamProjectWith(t, dir, "erin", func(sc *annotate.Schema) {
		sc.Layers[0].Labels = append(sc.Layers[0].Labels, annotate.Label{Name: "Extra_Label", Color: "#336699"})
	})
	wb.mergePaths([]string{other})
	if said := dialogTexts(wb); !strings.Contains(said, "erin.frametag has labels the project lacks: "+wb.session.currentSchema().Layers[0].Name+"/Extra_Label") {
		t.Errorf("a schema with another label: %q", said)
	}
	wb.win.Canvas().Overlays().Top().Hide()

	// a file using a label the schema lacks is refused whole
	bad := filepath.Join(dir, "dave.jsonl")
	line := `{"id":"d9","title":"New","text":"Something new entirely.","spans":[{"layer":"techniques","label":"No_Such_Technique","fragments":[[0,9]],"annotator":"dave"}]}` + "\n"
	if err := os.WriteFile(bad, []byte(line), 0o644); err != nil {
		t.Fatal(err)
	}
	wb.mergePaths([]string{teamFiles("carol")[0], bad})
	if said := dialogTexts(wb); !strings.Contains(said, "Merge failed") && !strings.Contains(said, "No_Such_Technique") ||
		!strings.Contains(said, "unchanged") {
		t.Errorf("a bad file: %q", said)
	}
	wb.win.Canvas().Overlays().Top().Hide()

	// Cancel pressed before the first file is read
	wb.background = func(f func()) { wb.cancelTask.OnTapped(); f() }
	wb.mergePaths([]string{teamFiles("carol")[0]})
	if said := dialogTexts(wb); !strings.Contains(said, "Nothing was merged") {
		t.Errorf("cancelled: %q", said)
	}
	if exported() != merged {
		t.Error("merging again, a refused file or a cancelled merge changed the project")
	}
}
