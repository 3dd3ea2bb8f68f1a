package cli

import (
	"bufio"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"frametag/report"
)

// TestActorsRegistry: the findings corpus imported makes two registry
// entries of its canonical_name attributes; actors lists them with their
// use; rename, merge and split change them for the report and the export
// alike.
func TestActorsRegistry(t *testing.T) {
	h := newHarness(t)
	p := reportProject(t, h)
	list := func() string { return h.mustRun("actors", "--project", p) }
	want := "mentions documents claims  kind     actor (aliases) [external id]\n" +
		"       2         2      2  PERSON   John Smith (Minister Smith; Smith)\n" +
		"       1         1      1  ORG      Workers' Union (The Union)\n" +
		"2 actor span(s) link to no entry\n"
	if out := list(); out != want {
		t.Errorf("actors:\n%s\nwant:\n%s", out, want)
	}
	var rows []map[string]any
	if err := json.Unmarshal([]byte(h.mustRun("actors", "--project", p, "--json")), &rows); err != nil {
		t.Fatal(err)
	}
	if len(rows) != 2 || rows[0]["name"] != "John Smith" || rows[0]["documents"] != 2.0 || rows[0]["claims"] != 2.0 || rows[0]["id"] == "" {
		t.Errorf("actors --json: %v", rows)
	}

	steps := []struct {
		args []string
		out  string
		list []string // the list's actor lines
	}{
		{[]string{"rename", "--project", p, "john  SMITH", "Jon Smith"}, "renamed \"John Smith\" to \"Jon Smith\"\n",
			[]string{"2 2 2 PERSON Jon Smith (Minister Smith; Smith)", "1 1 1 ORG Workers' Union (The Union)"}},
		{[]string{"merge", "--project", p, "Jon Smith", "workers' union"}, "merged \"Workers' Union\" into \"Jon Smith\": 1 mention(s) moved\n",
			[]string{"3 2 3 PERSON Jon Smith (Minister Smith; Smith; Workers' Union; The Union)"}},
		{[]string{"split", "--project", p, "Jon Smith", "The Workers", "d2/a-act2"}, "split \"The Workers\" from \"Jon Smith\": 1 mention(s) moved\n",
			[]string{"2 2 2 PERSON Jon Smith (Minister Smith; Smith; Workers' Union; The Union)", "1 1 1 PERSON The Workers"}},
	}
	for _, st := range steps {
		if out := h.mustRun(append([]string{"actors"}, st.args...)...); out != st.out {
			t.Errorf("actors %s: %q, want %q", strings.Join(st.args, " "), out, st.out)
		}
		var got []string
		for _, line := range strings.Split(strings.TrimSpace(list()), "\n")[1:] {
			if !strings.Contains(line, "link to no entry") {
				got = append(got, strings.Join(strings.Fields(line), " "))
			}
		}
		if !slices.Equal(got, st.list) {
			t.Errorf("after %s: actors\n%s\nwant\n%s", st.args[0], strings.Join(got, "\n"), strings.Join(st.list, "\n"))
		}
	}

	// The report names actors by their entry.
	out := h.path("report")
	h.mustRun("report", "--project", p, "--out", out)
	actors := map[string]int{}
	for _, r := range readCSV(t, filepath.Join(out, report.ClaimsCSV))[1:] {
		actors[r[0]]++
	}
	if actors["Jon Smith"] != 2 || actors["The Workers"] != 1 || actors["Smith"] != 1 || actors["He"] != 2 {
		t.Errorf("who-claims-what's actors %v", actors)
	}

	// The export writes each linked span's entry name as canonical_name.
	jsonl := h.path("out.jsonl")
	h.mustRun("export", "--project", p, "--out", jsonl)
	names := map[string]string{}
	f, err := os.Open(jsonl)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		var d struct {
			Spans []struct {
				ID    string         `json:"id"`
				Attrs map[string]any `json:"attrs"`
			} `json:"spans"`
		}
		if err := json.Unmarshal(sc.Bytes(), &d); err != nil {
			t.Fatal(err)
		}
		for _, sp := range d.Spans {
			if n, ok := sp.Attrs["canonical_name"].(string); ok {
				names[sp.ID] = n
			}
		}
	}
	wantNames := map[string]string{"a-act1": "Jon Smith", "a-act2": "The Workers", "a-act3": "Jon Smith"}
	if len(names) != len(wantNames) {
		t.Errorf("exported canonical names %v, want %v", names, wantNames)
	}
	for id, n := range wantNames {
		if names[id] != n {
			t.Errorf("exported span %s: canonical_name %q, want %q", id, names[id], n)
		}
	}

	// And a project made from the export has the same registry.
	p2 := h.path("again.frametag")
	h.mustRun("init", p2, "--schema", "news-persuasion")
	h.mustRun("import", "--project", p2, jsonl)
	var again []map[string]any
	if err := json.Unmarshal([]byte(h.mustRun("actors", "--project", p2, "--json")), &again); err != nil {
		t.Fatal(err)
	}
	if len(again) != 2 || again[0]["name"] != "Jon Smith" || again[0]["mentions"] != 2.0 || again[1]["name"] != "The Workers" {
		t.Errorf("the registry made from the export: %v", again)
	}
}

func TestActorsEditRefusals(t *testing.T) {
	h := newHarness(t)
	p := reportProject(t, h)
	tests := []struct {
		args []string
		want string
	}{
		{[]string{"merge", "--project", p, "John Smith", "Nobody"}, `no actor named "Nobody"`},
		{[]string{"rename", "--project", p, "Smith", "X"}, `no actor named "Smith" in the registry (did you mean John Smith?)`},
		{[]string{"rename", "--project", p, "John Smith", "workers'  UNION"}, "already has"},
		{[]string{"merge", "--project", p, "John Smith", "john smith"}, "into itself"},
		{[]string{"split", "--project", p, "John Smith", "Y", "d2"}, "want DOC/SPAN"},
	}
	for _, tt := range tests {
		code, _, stderr := h.run(append([]string{"actors"}, tt.args...)...)
		if code == 0 || !strings.Contains(stderr, tt.want) {
			t.Errorf("actors %v: exit %d, %q; want it refused saying %q", tt.args, code, stderr, tt.want)
		}
	}
}

// TestReportFilters: --source, --from, --to and --layer narrow the report;
// a bad date or an unknown layer is refused, writing nothing.
func TestReportFilters(t *testing.T) {
	h := newHarness(t)
	p := reportProject(t, h)
	out := h.path("filtered")
	_, _, stderr := h.run("report", "--project", p, "--out", out, "--source", "Daily A", "--from", "2024-02", "--layer", "technique")
	if !strings.Contains(stderr, "report: 1 document, every annotator's annotations, sources Daily A, published 2024-02 to the last: 2 attributed claims;") {
		t.Errorf("stderr %q", stderr)
	}
	if rows := readCSV(t, filepath.Join(out, report.TechniqueBySourceCSV)); len(rows) != 2 || rows[1][0] != "Daily A" || rows[1][1] != "1" {
		t.Errorf("technique-by-source %q", rows)
	}
	for _, r := range readCSV(t, filepath.Join(out, report.LabelsCSV))[1:] {
		if r[0] != "technique" {
			t.Errorf("labels.csv row %q: want the technique layer's only", r)
		}
	}
	for _, tt := range []struct{ args []string }{
		{[]string{"--from", "March"}},
		{[]string{"--from", "2024-04", "--to", "2024-03"}},
		{[]string{"--layer", "mood"}},
	} {
		bad := h.path("bad")
		code, _, stderr := h.run(append([]string{"report", "--project", p, "--out", bad}, tt.args...)...)
		if _, err := os.Stat(bad); code != 1 || err == nil {
			t.Errorf("report %v: exit %d (%q), folder made: %v", tt.args, code, stderr, err == nil)
		}
	}
}

// TestActorsAddSetDelete: entries are added, changed and deleted from the
// command line, each one edit; deleting an entry unlinks its mentions (the
// annotator's own: someone else's are theirs to unlink).
func TestActorsAddSetDelete(t *testing.T) {
	h := newHarness(t)
	p := reportProject(t, h)
	lines := func() []string {
		var out []string
		for _, line := range strings.Split(strings.TrimSpace(h.mustRun("actors", "--project", p)), "\n")[1:] {
			out = append(out, strings.Join(strings.Fields(line), " "))
		}
		return out
	}
	steps := []struct {
		args []string
		out  string // its start
		list []string
	}{
		{[]string{"add", "--project", p, "--kind", "PERSON", "--aliases", "Vlad;  V. Putin ;", "--external-id", "Q7747", "Владимир  Путин"},
			`added "Владимир Путин" (PERSON), id a`,
			[]string{"2 2 2 PERSON John Smith (Minister Smith; Smith)", "1 1 1 ORG Workers' Union (The Union)",
				"0 0 0 PERSON Владимир Путин (Vlad; V. Putin) [Q7747]", "2 actor span(s) link to no entry"}},
		{[]string{"set", "--project", p, "--aliases", "", "--kind", "ORG", "владимир путин"}, `changed "Владимир Путин"`,
			[]string{"2 2 2 PERSON John Smith (Minister Smith; Smith)", "1 1 1 ORG Workers' Union (The Union)",
				"0 0 0 ORG Владимир Путин [Q7747]", "2 actor span(s) link to no entry"}},
		{[]string{"delete", "--project", p, "Владимир Путин"}, `deleted "Владимир Путин": 0 mention(s) now link to no actor`,
			[]string{"2 2 2 PERSON John Smith (Minister Smith; Smith)", "1 1 1 ORG Workers' Union (The Union)", "2 actor span(s) link to no entry"}},
		{[]string{"--annotator", "alice", "delete", "--project", p, "john smith"}, `deleted "John Smith": 2 mention(s) now link to no actor`,
			[]string{"1 1 1 ORG Workers' Union (The Union)", "4 actor span(s) link to no entry"}},
	}
	for _, st := range steps {
		args := append([]string{"actors"}, st.args...)
		if st.args[0] == "--annotator" {
			args = append(st.args[:2:2], append([]string{"actors"}, st.args[2:]...)...)
		}
		if out := h.mustRun(args...); !strings.HasPrefix(out, st.out) {
			t.Errorf("%s: %q, want %q…", strings.Join(args, " "), out, st.out)
		}
		if got := lines(); !slices.Equal(got, st.list) {
			t.Errorf("after %s: actors\n%s\nwant\n%s", strings.Join(args, " "), strings.Join(got, "\n"), strings.Join(st.list, "\n"))
		}
	}

	for _, tt := range []struct {
		args []string
		want string
	}{
		{[]string{"actors", "add", "--project", p, "Nobody"}, "--kind"},
		{[]string{"actors", "add", "--project", p, "--kind", "ROBOT", "R2"}, `kind "ROBOT" is not a label of the actor layer`},
		{[]string{"actors", "add", "--project", p, "--kind", "ORG", "workers'  UNION"}, "already has"},
		{[]string{"actors", "set", "--project", p, "--kind", "ROBOT", "Workers' Union"}, `kind "ROBOT"`},
		{[]string{"actors", "delete", "--project", p, "Nobody"}, `no actor named "Nobody"`},
		{[]string{"--annotator", "bob", "actors", "delete", "--project", p, "Workers' Union"}, "is alice's"},
	} {
		before := lines()
		code, _, stderr := h.run(tt.args...)
		if code == 0 || !strings.Contains(stderr, tt.want) {
			t.Errorf("%s: exit %d, %q; want a refusal saying %q", strings.Join(tt.args, " "), code, stderr, tt.want)
		}
		if after := lines(); !slices.Equal(after, before) {
			t.Errorf("%s changed the registry:\n%s", strings.Join(tt.args, " "), strings.Join(after, "\n"))
		}
	}
}
