package cli

import (
	"encoding/json"
	"os"
	"slices"
	"strings"
	"testing"

	"frametag/annotate"
	"frametag/storage/sqlite"
)

// schemaOf reads a project's schema.
func schemaOf(t *testing.T, project string) annotate.Schema {
	t.Helper()
	st, err := sqlite.Open(t.Context(), project)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	sc, err := st.Schema(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	return sc
}

// TestImportUnknownLabels: labels the schema lacks are refused, every one
// listed with where it is first met, and nothing changes; --add-labels adds
// them in the same all-or-nothing import.
func TestImportUnknownLabels(t *testing.T) {
	h := newHarness(t)
	project := h.path("p.frametag")
	h.mustRun("init", project)
	in := h.write("in.jsonl",
		`{"id":"a","text":"Blinken said it","spans":[{"id":"p0","layer":"claim","label":"Hedge","start":8,"end":15},`+
			`{"id":"p1","layer":"imported","label":"PER","start":0,"end":7}],"relations":[{"id":"r0","type":"cites","from":"p0","to":"p1"}],`+
			`"labels":[{"layer":"frame","label":"Satire"}]}`+"\n"+
			`{"id":"b","text":"Scholz said it","spans":[{"id":"p0","layer":"claim","label":"Hedge","start":7,"end":14}]}`+"\n")
	before := exportOf(t, h, project)
	beforeSchema := schemaOf(t, project)

	code, out, errOut := h.run("import", "--project", project, in)
	want := in + `:1: document "a": labels not in the project's schema: span label claim/Hedge (in 2 documents), ` +
		`span label imported/PER in a new layer (first at ` + in + `:1), relation type cites (claim → imported) (first at ` + in + `:1), ` +
		`document label frame/Satire (first at ` + in + `:1)` + "\n"
	if code != 1 || out != "" || !strings.HasPrefix(errOut, want) || !strings.Contains(errOut, "--add-labels") ||
		!strings.Contains(errOut, "nothing was imported") {
		t.Errorf("exit %d, stdout %q, stderr:\n%s\nwant first:\n%s", code, out, errOut, want)
	}
	if exportOf(t, h, project) != before || schemaOf(t, project).Version != beforeSchema.Version {
		t.Fatal("a refused import changed the project")
	}

	// With --add-labels, but a bad last line: still nothing changes, the
	// schema included.
	bad := h.write("bad.jsonl", strings.TrimSpace(readFile(t, in))+"\n"+`{"id":"c","text":`+"\n")
	if code, _, errOut := h.run("import", "--project", project, "--add-labels", bad); code != 1 || !strings.HasPrefix(errOut, bad+":3: ") {
		t.Errorf("exit %d, stderr %s", code, errOut)
	}
	if exportOf(t, h, project) != before || schemaOf(t, project).Version != beforeSchema.Version {
		t.Fatal("a failed import with --add-labels changed the project")
	}

	out = h.mustRun("import", "--project", project, "--add-labels", in)
	if want := "imported 2 documents (3 spans); added to the schema: span label claim/Hedge, span label imported/PER in a new layer, " +
		"relation type cites (claim → imported), document label frame/Satire\n"; out != want {
		t.Errorf("import said %q, want %q", out, want)
	}
	sc := schemaOf(t, project)
	claim, _ := sc.Layer("claim")
	imported, ok := sc.Layer("imported")
	if _, hedge := claim.Label("Hedge"); !hedge || !ok || !imported.Overlap || sc.Version <= beforeSchema.Version {
		t.Errorf("schema after --add-labels: %+v", sc)
	}
	if _, ok := sc.RelationType("cites"); !ok {
		t.Errorf("relation type cites not added: %+v", sc.Relations)
	}
	// Now the schema has them: another file using them imports as it is.
	more := h.write("more.jsonl", `{"id":"c","text":"Macron said it","spans":[{"id":"p0","layer":"imported","label":"PER","start":0,"end":6}]}`+"\n")
	h.mustRun("import", "--project", project, more)
}

func readFile(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// TestImportWithLabelMap: --map FILE renames labels on the way in; a bad
// map names its file and line, and imports nothing.
func TestImportWithLabelMap(t *testing.T) {
	h := newHarness(t)
	project := h.path("p.frametag")
	h.mustRun("init", project)
	in := h.write("in.jsonl", `{"id":"a","text":"Blinken said it","spans":[{"id":"p0","layer":"claim","label":"Assertion","start":8,"end":15}]}`+"\n")
	before := exportOf(t, h, project)

	badMap := h.write("bad.tsv", "Assertion\tClaim\nOops\n")
	code, _, errOut := h.run("import", "--project", project, "--map", badMap, in)
	if code != 1 || !strings.Contains(errOut, badMap+":2: want two columns separated by a tab (from, to), got 1") {
		t.Errorf("exit %d, stderr %s", code, errOut)
	}
	code, _, errOut = h.run("import", "--project", project, "--map", "no-such-map", in)
	if code != 1 || !strings.Contains(errOut, "label map no-such-map: no such file, nor a built-in map") {
		t.Errorf("exit %d, stderr %s", code, errOut)
	}
	if exportOf(t, h, project) != before {
		t.Fatal("a refused import changed the project")
	}
	good := h.write("good.tsv", "# ours\tframetag's\nAssertion\tClaim\n")
	h.mustRun("import", "--project", project, "--map", good, in)
	if got := exportOf(t, h, project); !strings.Contains(got, `"label":"Claim"`) {
		t.Errorf("the label was not renamed:\n%s", got)
	}
	// On the way out the map renames too, in its own direction.
	back := h.write("back.tsv", "Claim\tAssertion\n")
	if got := h.mustRun("export", "--project", project, "--map", back); !strings.Contains(got, `"label":"Assertion"`) {
		t.Errorf("export --map did not rename:\n%s", got)
	}
}

// TestOffsetsFlag: --offsets says what the file's offsets count, on the way
// in and out; a unit frametag does not know is a usage error.
func TestOffsetsFlag(t *testing.T) {
	h := newHarness(t)
	project := h.path("p.frametag")
	h.mustRun("init", project)
	// "hi" after an emoji: code points [2,4), UTF-16 units [3,5), bytes [5,7).
	in := h.write("in.jsonl", `{"id":"a","text":"😀 hi","spans":[{"id":"p0","layer":"claim","label":"Claim","start":3,"end":5,"text":"hi"}]}`+"\n")
	if code, _, errOut := h.run("import", "--project", project, "--offsets", "utf8", in); code != 2 || !strings.Contains(errOut, `unknown offset unit "utf8"`) {
		t.Errorf("exit %d, stderr %s", code, errOut)
	}
	if code, _, _ := h.run("import", "--project", project, in); code != 1 {
		t.Errorf("UTF-16 offsets read as code points: exit %d, want the text mismatch refused", code)
	}
	h.mustRun("import", "--project", project, "--offsets", "utf16", in)
	for unit, want := range map[string]string{"codepoint": `"start":2,"end":4`, "utf16": `"start":3,"end":5`, "byte": `"start":5,"end":7`} {
		if got := h.mustRun("export", "--project", project, "--offsets", unit); !strings.Contains(got, want) {
			t.Errorf("export --offsets %s:\n%s\nwant %s", unit, got, want)
		}
	}
}

// TestImportSaysTheFormatItDetected: without --format the command says on
// standard error which format it chose for which path; stdout stays the
// summary alone.
func TestImportSaysTheFormatItDetected(t *testing.T) {
	h := newHarness(t)
	project := h.path("p.frametag")
	h.mustRun("init", project)
	h.write("corpus/a.txt", "First article\n")
	h.write("corpus/b.txt", "Second article\n")
	one := h.write("one.jsonl", `{"id":"x","text":"From JSONL"}`+"\n")
	code, out, errOut := h.run("import", "--project", project, h.path("corpus"), one)
	want := "import: format txt (detected from " + h.path("corpus") + "/)\nimport: format jsonl (detected from " + one + ")\n"
	if code != 0 || out != "imported 3 documents (0 spans)\n" || errOut != want {
		t.Errorf("exit %d, stdout %q, stderr %q; want stderr %q", code, out, errOut, want)
	}
	// Named, it is not said.
	h.write("more/c.txt", "Third article\n")
	if code, _, errOut := h.run("import", "--project", project, "--format", "txt", h.path("more")); code != 0 || errOut != "" {
		t.Errorf("exit %d, stderr %q", code, errOut)
	}
}

// TestImportCSVColumns: the csv column flags name the columns by role.
func TestImportCSVColumns(t *testing.T) {
	h := newHarness(t)
	project := h.path("p.frametag")
	h.mustRun("init", project)
	in := h.write("in.csv", "headline,body,key\nFirst,The first body.,k1\nSecond,The second body.,k2\n")
	code, _, errOut := h.run("import", "--project", project, in)
	if code != 1 || !strings.Contains(errOut, `no column "text"`) {
		t.Errorf("exit %d, stderr %s", code, errOut)
	}
	out := h.mustRun("import", "--project", project, "--text-column", "body", "--id-column", "key", "--title-column", "headline", in)
	if out != "imported 2 documents (0 spans)\n" {
		t.Errorf("import said %q", out)
	}
	if got := exportOf(t, h, project); !strings.Contains(got, `"id":"k1","title":"First","text":"The first body."`) {
		t.Errorf("export:\n%s", got)
	}
}

// TestImportDoccanoAddingLabelsToALayer: labels a format gives without a
// layer go to --layer, made by --add-labels (overlap allowed); the offsets
// are doccano's UTF-16 units unless --offsets says otherwise.
func TestImportDoccanoAddingLabelsToALayer(t *testing.T) {
	h := newHarness(t)
	project := h.path("p.frametag")
	h.mustRun("init", project)
	// After 😀 (two UTF-16 units) "Ann" is [3,6) in UTF-16, [2,5) in code points.
	in := h.write("d.jsonl", `{"text":"😀 Ann met Bob","label":[[3,6,"PER"],[11,14,"PER"],[3,14,"TEAM"]]}`+"\n")
	out := h.mustRun("import", "--project", project, "--format", "doccano", "--add-labels", "--layer", "people", in)
	if want := "imported 1 document (3 spans); added to the schema: span label people/PER in a new layer, span label people/TEAM in a new layer\n"; out != want {
		t.Errorf("import said %q, want %q", out, want)
	}
	sc := schemaOf(t, project)
	people, ok := sc.Layer("people")
	if !ok || people.Kind != annotate.SpanLayer || !people.Overlap {
		t.Fatalf("layer people: %+v", people)
	}
	if got := exportOf(t, h, project); !strings.Contains(got, `"layer":"people","label":"PER","start":2,"end":5,"text":"Ann"`) {
		t.Errorf("export:\n%s", got)
	}
}

// TestReimportAfterALabelWasRemoved: a document the project holds already
// is skipped, so labels on it that the schema no longer has neither stop
// the import nor are added.
func TestReimportAfterALabelWasRemoved(t *testing.T) {
	h := newHarness(t)
	project := h.path("p.frametag")
	h.mustRun("init", project)
	in := h.write("in.jsonl", `{"id":"a","text":"Blinken said it","spans":[{"id":"p0","layer":"claim","label":"Hedge","start":8,"end":15}]}`+"\n")
	h.mustRun("import", "--project", project, "--add-labels", in)
	// The label goes from the schema, and its span with it.
	sc := schemaOf(t, project)
	claim, _ := sc.Layer("claim")
	claim.Labels = slices.DeleteFunc(claim.Labels, func(l annotate.Label) bool { return l.Name == "Hedge" })
	schemaFile := h.write("schema.json", mustJSON(t, sc))
	h.mustRun("schema", "set", "--project", project, "--force", schemaFile)
	more := h.write("more.jsonl", strings.TrimSpace(readFile(t, in))+"\n"+`{"id":"b","text":"A new one"}`+"\n")
	out := h.mustRun("import", "--project", project, more)
	if want := "imported 1 document (0 spans); skipped 1 already present (a)\n"; out != want {
		t.Errorf("import said %q, want %q", out, want)
	}
	sc = schemaOf(t, project)
	claim, _ = sc.Layer("claim")
	if _, ok := claim.Label("Hedge"); ok {
		t.Error("the skipped document's label was added back")
	}
}

func mustJSON(t *testing.T, v any) string {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}
