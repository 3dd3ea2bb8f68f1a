package cli

import (
	"bufio"
	"bytes"
	"database/sql"
	"encoding/json"
	"fmt"
	"os"
	"reflect"
	"sort"
	"strings"
	"testing"

	"frametag/annotate"
	"frametag/storage/sqlite"
)

const unicodeCorpus = "../testdata/unicode.jsonl"

// decodeDocs decodes JSONL into generic values with the lists whose order a
// project may choose (spans, relations, labels) sorted, so two exports can be
// compared field by field.
func decodeDocs(t *testing.T, data []byte) []map[string]any {
	t.Helper()
	var docs []map[string]any
	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Buffer(nil, 1<<24)
	for sc.Scan() {
		if strings.TrimSpace(sc.Text()) == "" {
			continue
		}
		var d map[string]any
		if err := json.Unmarshal(sc.Bytes(), &d); err != nil {
			t.Fatalf("%v in %q", err, sc.Text())
		}
		for _, key := range []string{"spans", "relations", "labels"} {
			list, _ := d[key].([]any)
			sort.Slice(list, func(i, j int) bool {
				a, _ := json.Marshal(list[i])
				b, _ := json.Marshal(list[j])
				return string(a) < string(b)
			})
		}
		docs = append(docs, d)
	}
	return docs
}

func TestUnicodeCorpusSurvivesImportAndExport(t *testing.T) {
	h := newHarness(t)
	project := h.path("uni.frametag")
	h.mustRun("init", project)
	out := h.mustRun("import", "--project", project, unicodeCorpus)
	if want := "imported 4 documents (15 spans)\n"; out != want {
		t.Errorf("import said %q, want %q", out, want)
	}
	exported := h.path("out.jsonl")
	h.mustRun("export", "--project", project, "--out", exported)
	got, err := os.ReadFile(exported)
	if err != nil {
		t.Fatal(err)
	}
	orig, err := os.ReadFile(unicodeCorpus)
	if err != nil {
		t.Fatal(err)
	}
	want := decodeDocs(t, orig)
	have := decodeDocs(t, got)
	if len(have) != len(want) {
		t.Fatalf("exported %d documents, want %d", len(have), len(want))
	}
	for i := range want {
		if !reflect.DeepEqual(want[i], have[i]) {
			a, _ := json.Marshal(want[i])
			b, _ := json.Marshal(have[i])
			t.Errorf("document %v changed:\n in: %s\nout: %s", want[i]["id"], a, b)
		}
	}
	// Every span's text is what its offsets cover in the exported text,
	// counted in code points as Python does.
	for _, d := range have {
		text := []rune(d["text"].(string))
		for _, s := range d["spans"].([]any) {
			sp := s.(map[string]any)
			frags := [][2]int{{int(sp["start"].(float64)), int(sp["end"].(float64))}}
			if fs, ok := sp["fragments"].([]any); ok {
				frags = nil
				for _, f := range fs {
					pair := f.([]any)
					frags = append(frags, [2]int{int(pair[0].(float64)), int(pair[1].(float64))})
				}
			}
			var parts []string
			for _, f := range frags {
				parts = append(parts, string(text[f[0]:f[1]]))
			}
			if covered := strings.Join(parts, annotate.FragmentSeparator); covered != sp["text"] {
				t.Errorf("span %v: text %q, offsets cover %q", sp["id"], sp["text"], covered)
			}
		}
	}
	// Standard output gets the same bytes as --out.
	if stdout := h.mustRun("export", "--project", project); stdout != string(got) {
		t.Errorf("export to stdout differs from --out")
	}
	// And the export imports into a fresh project identically.
	again := h.path("again.frametag")
	h.mustRun("init", again)
	h.mustRun("import", "--project", again, exported)
	if stdout := h.mustRun("export", "--project", again); stdout != string(got) {
		t.Errorf("second generation export differs:\n%s\n%s", got, stdout)
	}
}

func exportOf(t *testing.T, h *harness, project string) string {
	t.Helper()
	return h.mustRun("export", "--project", project)
}

// TestImportStopsAtABadLineWithFileAndLine: whatever is wrong with a line,
// found by the reader or by the project against its schema, the first line
// of the message is "FILE:LINE: what is wrong" and the project is unchanged.
func TestImportStopsAtABadLineWithFileAndLine(t *testing.T) {
	h := newHarness(t)
	project := h.path("p.frametag")
	h.mustRun("init", "--seeds", project)
	h.mustRun("import", "--project", project, unicodeCorpus) // holds span s-kyiv
	before := exportOf(t, h, project)
	span := func(fields string) string {
		return `{"id":"x","text":"Blinken said it","spans":[{"id":"s1",` + fields + `}]}`
	}
	twoSpans := func(relation string) string {
		return `{"id":"x","text":"Blinken said it","spans":[` +
			`{"id":"c","layer":"claim","label":"Claim","start":13,"end":15},` +
			`{"id":"a","layer":"actor","label":"PERSON","start":0,"end":7}],"relations":[` + relation + `]}`
	}
	tests := []struct {
		name, file, line string
		wantAt           string // FILE:LINE of the bad line; the bad line is line 3
		want             string // what the message then says
	}{
		{"invalid JSON", "bad.jsonl", `{"id": "x", "text": `, "bad.jsonl:3", "invalid JSON"},
		{"unknown field", "bad.jsonl", `{"id":"x","text":"t","spams":[]}`, "bad.jsonl:3", `unknown field "spams"`},
		{"span text mismatch", "bad.jsonl", span(`"layer":"claim","label":"Claim","start":0,"end":7,"text":"Blinky"`),
			"bad.jsonl:3", `document "x": span "s1": text "Blinky" does not match`},
		{"span past the text", "bad.jsonl", span(`"layer":"claim","label":"Claim","start":0,"end":99`),
			"bad.jsonl:3", `document "x": span "s1": out of range`},
		{"id used twice in the file", "bad.jsonl", `{"id":"first","text":"again"}`, "bad.jsonl:3", `document id "first" already used on line 1`},
		{"unknown layer", "bad.jsonl", span(`"layer":"claims","label":"Claim","start":0,"end":7`),
			"bad.jsonl:3", `document "x": a label not in the project's schema: span label claims/Claim in a new layer`},
		{"unknown label", "bad.jsonl", span(`"layer":"claim","label":"Nonsense","start":0,"end":7`),
			"bad.jsonl:3", `document "x": a label not in the project's schema: span label claim/Nonsense`},
		{"span in a document layer", "bad.jsonl", span(`"layer":"frame","label":"Political","start":0,"end":7`),
			"bad.jsonl:3", `document "x": span s1: layer "frame" is a document layer`},
		{"attribute value not allowed", "bad.jsonl", span(`"layer":"claim","label":"Claim","start":0,"end":7,"attrs":{"checkworthy":"maybe"}`),
			"bad.jsonl:3", `document "x": span s1: attribute "checkworthy": want one of yes, no, got maybe`},
		{"attribute unknown", "bad.jsonl", span(`"layer":"claim","label":"Claim","start":0,"end":7,"attrs":{"colour":"red"}`),
			"bad.jsonl:3", `document "x": span s1: layer "claim" has no attribute "colour"`},
		{"multi-choice attribute not a list", "bad.jsonl", span(`"layer":"actor","label":"PERSON","start":0,"end":7,"attrs":{"fine_role":"Guardian"}`),
			"bad.jsonl:3", `document "x": span s1: attribute "fine_role": want a list of values`},
		{"relation type unknown", "bad.jsonl", twoSpans(`{"id":"r","type":"said_by","from":"c","to":"a"}`),
			"bad.jsonl:3", `document "x": a label not in the project's schema: relation type said_by (claim → actor)`},
		{"relation ends in the wrong layers", "bad.jsonl", twoSpans(`{"id":"r","type":"attributed_to","from":"a","to":"c"}`),
			"bad.jsonl:3", `document "x": relation r: attributed_to goes from layer "claim", but span a is in "actor"`},
		{"document label unknown", "bad.jsonl", `{"id":"x","text":"t","labels":[{"layer":"frame","label":"Nonsense"}]}`,
			"bad.jsonl:3", `document "x": a label not in the project's schema: document label frame/Nonsense`},
		{"two labels on a single-choice layer", "bad.jsonl",
			`{"id":"x","text":"t","labels":[{"layer":"genre","label":"opinion"},{"layer":"genre","label":"satire"}]}`,
			"bad.jsonl:3", `document "x": document labels: layer "genre" takes one label per document, tester gave opinion, satire`},
		{"span id twice in a document", "bad.jsonl", `{"id":"x","text":"Blinken said it","spans":[{"id":"s","layer":"claim","label":"Claim","start":0,"end":7},{"id":"s","layer":"actor","label":"PERSON","start":0,"end":7}]}`,
			"bad.jsonl:3", `document "x": span id "s" is used twice`},
		{"text file not UTF-8", "bad.txt", "caf\xe9", "bad.txt", "not valid UTF-8 (at byte 3)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			content := tt.line
			if strings.HasSuffix(tt.file, ".jsonl") {
				content = `{"id":"first","text":"A first fresh text"}` + "\n\n" + tt.line + "\n" + `{"id":"last","text":"never read"}` + "\n"
			}
			bad := h.write(tt.file, content)
			goodFile := h.write("good.jsonl", `{"id":"other","text":"Another fresh text"}`+"\n")
			code, out, errOut := h.run("import", "--project", project, goodFile, bad)
			first, _, _ := strings.Cut(errOut, "\n")
			wantPrefix := h.path(tt.wantAt) + ": "
			if code != 1 || !strings.HasPrefix(first, wantPrefix) || !strings.Contains(first, tt.want) {
				t.Errorf("exit %d, first line of stderr %q; want 1 and %q…%q", code, first, wantPrefix, tt.want)
			}
			if !strings.Contains(errOut, "nothing was imported") || out != "" {
				t.Errorf("stdout %q, stderr %q", out, errOut)
			}
			if after := exportOf(t, h, project); after != before {
				t.Errorf("the failed import changed the project")
			}
		})
	}
}

func TestImportingTwiceReportsSkipped(t *testing.T) {
	h := newHarness(t)
	project := h.path("p.frametag")
	h.mustRun("init", project)
	h.mustRun("import", "--project", project, unicodeCorpus)
	out := h.mustRun("import", "--project", project, unicodeCorpus)
	if want := "imported 0 documents (0 spans); skipped 4 already present (uni-emoji, uni-cyrillic, uni-cjk, plain)\n"; out != want {
		t.Errorf("second import said %q, want %q", out, want)
	}
	// Same text under another id is recognised too.
	h.write("renamed.jsonl", `{"id":"another-id","text":"Plain ASCII with nothing on it.\n"}`+"\n"+`{"id":"new","text":"new text"}`+"\n")
	out = h.mustRun("import", "--project", project, h.path("renamed.jsonl"))
	if want := "imported 1 document (0 spans); skipped 1 already present (another-id)\n"; out != want {
		t.Errorf("import said %q, want %q", out, want)
	}
}

func TestImportTextFilesAndFolders(t *testing.T) {
	h := newHarness(t)
	project := h.path("p.frametag")
	h.mustRun("init", project)
	h.write("corpus/b.txt", "Second article\r\nBody two.\r\n")
	h.write("corpus/a.txt", "\uFEFFFirst article\nBody one with 😀.\n")
	h.write("corpus/c.jsonl", `{"id":"c","text":"From JSONL","spans":[{"layer":"claim","label":"Claim","start":0,"end":4}]}`+"\n")
	h.write("single.txt", "A single file\n")
	out := h.mustRun("import", "--project", project, "--annotator", "imp", h.path("corpus"), h.path("single.txt"))
	if want := "imported 4 documents (1 span)\n"; out != want {
		t.Errorf("import said %q, want %q", out, want)
	}
	st, err := sqlite.Open(t.Context(), project)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	docs, err := st.Documents(t.Context(), "")
	if err != nil {
		t.Fatal(err)
	}
	var ids, titles []string
	for _, d := range docs {
		ids = append(ids, d.ID)
		titles = append(titles, d.Title)
	}
	if want := []string{"a", "b", "c", "single"}; !reflect.DeepEqual(ids, want) {
		t.Errorf("ids %v, want %v (folder sorted by name, then the file)", ids, want)
	}
	if titles[0] != "First article" || titles[1] != "Second article" {
		t.Errorf("titles %q", titles)
	}
	a, _ := st.Document(t.Context(), "a")
	b, _ := st.Document(t.Context(), "b")
	if a.Text != "First article\nBody one with 😀.\n" || b.Text != "Second article\r\nBody two.\r\n" {
		t.Errorf("texts not verbatim (BOM dropped, CRLF kept): %q %q", a.Text, b.Text)
	}
	c, _ := st.Annotations(t.Context(), "c")
	if len(c.Spans) != 1 || c.Spans[0].Annotator != "imp" {
		t.Errorf("span without annotator should be recorded under --annotator: %+v", c.Spans)
	}
	// Failures: a missing path, a missing project, an unknown extension.
	for _, args := range [][]string{
		{"import", "--project", project, h.path("nope.txt")},
		{"import", "--project", h.path("nope.frametag"), h.path("single.txt")},
		{"import", "--project", project, h.write("x.csv", "a,b")},
	} {
		if code, _, errOut := h.run(args...); code != 1 || errOut == "" {
			t.Errorf("%v: exit %d, stderr %q", args, code, errOut)
		}
	}
	if _, err := os.Stat(h.path("nope.frametag")); err == nil {
		t.Error("import created a missing project")
	}
}

func TestExportRefusesASpanThatNoLongerFits(t *testing.T) {
	h := newHarness(t)
	project := h.path("p.frametag")
	h.mustRun("init", project)
	h.mustRun("import", "--project", project, unicodeCorpus)
	out := h.write("previous.jsonl", "the previous export\n")

	// Damage the file behind frametag's back: a span now runs past its text.
	db, err := sql.Open("sqlite", "file:"+project)
	if err != nil {
		t.Fatal(err)
	}
	res, err := db.Exec(`UPDATE spans SET "end" = 5000, fragments = '[[27,5000]]' WHERE id = 's-kyiv'`)
	if err != nil {
		t.Fatal(err)
	}
	if n, _ := res.RowsAffected(); n != 1 {
		t.Fatalf("corrupted %d rows", n)
	}
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}

	code, stdout, errOut := h.run("export", "--project", project, "--out", out)
	if code != 1 || stdout != "" || !strings.Contains(errOut, project+`: document "uni-emoji": span s-kyiv does not fit the text: fragment 0: end 5000 is past`) ||
		!strings.Contains(errOut, "nothing was written") {
		t.Errorf("export --out: exit %d, stderr %q", code, errOut)
	}
	if data, _ := os.ReadFile(out); string(data) != "the previous export\n" {
		t.Errorf("a refused export changed the output file: %q", data)
	}
	code, stdout, errOut = h.run("export", "--project", project)
	if code != 1 || stdout != "" {
		t.Errorf("export to stdout: exit %d, wrote %d bytes, stderr %q", code, len(stdout), errOut)
	}
	entries, _ := os.ReadDir(h.dir)
	for _, e := range entries {
		if strings.Contains(e.Name(), ".tmp-") {
			t.Errorf("temporary file left: %s", e.Name())
		}
	}
}

// TestExportToAPlaceItCannotWrite: the message names the output the user
// gave (not a temporary file), and nothing is created.
func TestExportToAPlaceItCannotWrite(t *testing.T) {
	h := newHarness(t)
	project := h.path("p.frametag")
	h.mustRun("init", "--seeds", project)
	folder := h.path("exports")
	if err := os.Mkdir(folder, 0o755); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name, out, want string
	}{
		{"missing folder", h.path("nope/out.jsonl"), h.path("nope/out.jsonl") + ": there is no folder " + h.path("nope")},
		{"a folder", folder, folder + " is a folder; name a file to write"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, stdout, errOut := h.run("export", "--project", project, "--out", tt.out)
			if want := "frametag: export: " + tt.want + "; nothing was written\n"; code != 1 || errOut != want || stdout != "" {
				t.Errorf("exit %d, stderr %q, stdout %q; want 1 and %q", code, errOut, stdout, want)
			}
			if _, err := os.Stat(h.path("nope")); err == nil {
				t.Error("the missing folder was created")
			}
			if entries, _ := os.ReadDir(folder); len(entries) != 0 {
				t.Errorf("the folder now holds %v", entries)
			}
		})
	}
}

func TestStats(t *testing.T) {
	h := newHarness(t)
	project := h.path("p.frametag")
	h.mustRun("init", "--seeds", project)
	h.mustRun("import", "--project", project, unicodeCorpus)
	out := h.mustRun("stats", "--project", project)
	for _, want := range []string{
		"7 documents, 15 spans, 4 relations",
		"alice", "bob", "Ölga",
		"claim (span layer): 5 spans",
		"technique (span layer): 4 spans",
		"frame (document layer): 2 document labels",
		"Loaded_Language",
		"1 done", "1 in progress",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("stats lacks %q:\n%s", want, out)
		}
	}
	if code, _, _ := h.run("stats", "--project", h.path("missing")); code != 1 {
		t.Errorf("stats of a missing project: exit %d", code)
	}
}

func TestSchemaShowAndSet(t *testing.T) {
	h := newHarness(t)
	project := h.path("p.frametag")
	h.mustRun("init", project)
	h.mustRun("import", "--project", project, unicodeCorpus)

	shown := h.mustRun("schema", "show", "--project", project, "--json")
	var sc annotate.Schema
	if err := json.Unmarshal([]byte(shown), &sc); err != nil {
		t.Fatalf("schema show --json is not a schema: %v", err)
	}
	if err := sc.Validate(); err != nil || !strings.Contains(shown, "\n  \"layers\"") {
		t.Fatalf("shown schema: %v", err)
	}
	if text := h.mustRun("schema", "show", "--project", project); !strings.Contains(text, "attributed_to: claim → actor") {
		t.Errorf("readable schema:\n%s", text)
	}

	// Drop the actor label GPE (used by one span) and rename Loaded_Language.
	next := sc.Clone()
	actor, _ := next.Layer("actor")
	actor.Labels = removeLabel(actor.Labels, "GPE")
	tech, _ := next.Layer("technique")
	for i := range tech.Labels {
		if tech.Labels[i].Name == "Loaded_Language" {
			tech.Labels[i].Name = "Loaded_Words"
		}
	}
	data, _ := json.MarshalIndent(next, "", "  ")
	file := h.write("next.json", string(data))
	before := exportOf(t, h, project)

	code, _, errOut := h.run("schema", "set", "--project", project, "--rename", "technique/Loaded_Language=Loaded_Words", file)
	if code != 1 || !strings.Contains(errOut, "actor/GPE") || !strings.Contains(errOut, "1 span") || !strings.Contains(errOut, "--force") {
		t.Errorf("dropping a used label without --force: exit %d, stderr %q", code, errOut)
	}
	if exportOf(t, h, project) != before {
		t.Fatal("a refused schema set changed the project")
	}
	// Without the rename, Loaded_Language's two spans would go too.
	_, _, errOut = h.run("schema", "set", "--project", project, file)
	if !strings.Contains(errOut, "3 spans") || !strings.Contains(errOut, "technique/Loaded_Language") {
		t.Errorf("loss without rename: %q", errOut)
	}

	out := h.mustRun("schema", "set", "--project", project, "--force", "--rename", "technique/Loaded_Language=Loaded_Words", file)
	if !strings.Contains(out, "removed 1 span, ") {
		t.Errorf("schema set said %q", out)
	}
	after := exportOf(t, h, project)
	if strings.Contains(after, `"s-kyiv"`) || strings.Contains(after, "Loaded_Language") || !strings.Contains(after, `"label":"Loaded_Words"`) {
		t.Errorf("after set: GPE span kept or rename not applied")
	}

	// The set is one edit: undo brings everything back.
	st, err := sqlite.Open(t.Context(), project)
	if err != nil {
		t.Fatal(err)
	}
	if _, ok, err := st.Undo(t.Context(), "tester"); !ok || err != nil {
		t.Fatalf("undo: %v %v", ok, err)
	}
	st.Close()
	if got := exportOf(t, h, project); got != before {
		t.Errorf("undo did not restore the project")
	}
}

func TestSchemaSetReportsEveryProblemOfAFile(t *testing.T) {
	h := newHarness(t)
	project := h.path("p.frametag")
	h.mustRun("init", project)
	before := h.mustRun("schema", "show", "--project", project, "--json")
	tests := []struct {
		name, content string
		want          []string
	}{
		{"not JSON", "{", []string{"bad.json: "}},
		{"unknown field", `{"name":"x","layers":[],"colour":1}`, []string{`bad.json: unknown field "colour"`}},
		{"several problems", `{"name":"x","layers":[{"name":"a","kind":"span","labels":[{"name":"A","color":"red","key":"q"},{"name":"B","color":"#000000","key":"Q"}]}],
			"relations":[{"name":"r","from":"a","to":"nowhere"}]}`,
			[]string{`bad.json: layer 1 ("a") label 1 ("A"): colour "red"`, `bad.json: key "q" is used by`, `bad.json: relation type 1 ("r"): to names unknown layer "nowhere"`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			file := h.write("bad.json", tt.content)
			code, _, errOut := h.run("schema", "set", "--project", project, file)
			if code != 1 {
				t.Errorf("exit %d", code)
			}
			for _, w := range tt.want {
				if !strings.Contains(errOut, strings.Replace(w, "bad.json", file, 1)) {
					t.Errorf("stderr lacks %q:\n%s", w, errOut)
				}
			}
		})
	}
	if after := h.mustRun("schema", "show", "--project", project, "--json"); after != before {
		t.Error("a refused schema file changed the schema")
	}
}

func removeLabel(labels []annotate.Label, name string) []annotate.Label {
	var out []annotate.Label
	for _, l := range labels {
		if l.Name != name {
			out = append(out, l)
		}
	}
	return out
}

// TestExportNeverReplacesAProject: --out naming the project (or another
// project) is refused before anything is written; the project still opens.
func TestExportNeverReplacesAProject(t *testing.T) {
	h := newHarness(t)
	project := h.path("p.frametag")
	h.mustRun("init", "--seeds", project)
	other := h.path("other.frametag")
	h.mustRun("init", other)
	for _, out := range []string{project, other} {
		code, stdout, errOut := h.run("export", "--project", project, "--out", out)
		want := "frametag: export: " + out + " is a frametag project (an SQLite database), not a file to export to; nothing was written\n"
		if code != 1 || errOut != want || stdout != "" {
			t.Errorf("--out %s: exit %d, stderr %q; want 1 and %q", out, code, errOut, want)
		}
		h.mustRun("stats", "--project", out)
	}
	// SQLite's files beside the project are the project's too: a -wal
	// replaced by an export would lose the edits it holds.
	wal := project + "-wal"
	code, _, errOut := h.run("export", "--project", project, "--out", wal)
	if want := "frametag: export: " + wal + " is one of the project's own files, not a file to export to; nothing was written\n"; code != 1 || errOut != want {
		t.Errorf("--out %s: exit %d, stderr %q; want 1 and %q", wal, code, errOut, want)
	}
	if _, err := os.Stat(wal); err == nil {
		t.Errorf("%s was written", wal)
	}
}

// TestImportSameIDsInSeveralFiles is issue 8's finding: three ordinary JSONL
// files, each numbering its spans and relations from p0 and r0 as every
// tool does, import; ids are unique in their document only.
func TestImportSameIDsInSeveralFiles(t *testing.T) {
	h := newHarness(t)
	project := h.path("p.frametag")
	h.mustRun("init", project)
	var files []string
	for i, text := range []string{"Blinken said it", "Scholz said it", "Macron said it"} {
		files = append(files, h.write(fmt.Sprintf("part-%d.jsonl", i), fmt.Sprintf(
			`{"id":"d%d","text":%q,"spans":[{"id":"p0","layer":"claim","label":"Claim","start":%d,"end":%d},`+
				`{"id":"p1","layer":"actor","label":"PERSON","start":0,"end":%d}],`+
				`"relations":[{"id":"r0","type":"attributed_to","from":"p0","to":"p1"}]}`+"\n",
			i, text, len(text)-7, len(text), len(text)-8)))
	}
	out := h.mustRun(append([]string{"import", "--project", project}, files...)...)
	if want := "imported 3 documents (6 spans)\n"; out != want {
		t.Errorf("import said %q, want %q", out, want)
	}
	export := h.mustRun("export", "--project", project)
	if n := strings.Count(export, `"id":"p0"`); n != 3 {
		t.Errorf("export holds p0 %d times, want 3:\n%s", n, export)
	}
}
