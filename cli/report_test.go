package cli

import (
	"context"
	"encoding/csv"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"testing"

	"frametag/annotate"
	"frametag/annotate/findings/findingstest"
	"frametag/project"
	"frametag/report"
	"frametag/storage/sqlite"
	"frametag/storage/storagetest"
)

// reportProject makes a project holding the findings corpus (two
// annotators, four documents), with extra documents when given.
func reportProject(t *testing.T, h *harness, extra ...annotate.AnnotatedDoc) string {
	t.Helper()
	path := h.path("findings.frametag")
	docs := append(findingstest.Corpus(), extra...)
	if _, err := project.New(sqlite.Opener{}).Create(context.Background(), path, findingstest.Schema(), storagetest.Seq(docs)); err != nil {
		t.Fatal(err)
	}
	return path
}

func readCSV(t *testing.T, path string) [][]string {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	recs, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return recs
}

// column is the named column of a CSV's rows, keyed by the first column.
func column(recs [][]string, name string) map[string]string {
	at := -1
	for i, h := range recs[0] {
		if h == name {
			at = i
		}
	}
	out := map[string]string{}
	for _, r := range recs[1:] {
		if at >= 0 {
			out[r[0]] = r[at]
		}
	}
	return out
}

func TestReportWritesEveryTableThatReadsBack(t *testing.T) {
	h := newHarness(t)
	p := reportProject(t, h)
	out := h.path("out/report")
	code, stdout, stderr := h.run("report", "--project", p, "--out", out)
	if code != 0 || stdout != "" {
		t.Fatalf("exit %d, stdout %q, stderr %q", code, stdout, stderr)
	}
	if want := "report: 4 documents, every annotator's annotations: 6 attributed claims; wrote"; !strings.Contains(stderr, want) {
		t.Errorf("stderr %q, want %q", stderr, want)
	}
	for _, name := range []string{report.ClaimsCSV, report.TechniqueByActorCSV, report.TechniqueBySourceCSV,
		report.FrameBySourceCSV, report.TechniquesOverTimeCSV, report.LabelsCSV, report.IndexHTML,
		"technique-by-source.png", "technique-by-source.svg", "techniques-over-time.png", "labels-technique.png"} {
		if _, err := os.Stat(filepath.Join(out, name)); err != nil {
			t.Errorf("%s: %v", name, err)
		}
	}

	claims := readCSV(t, filepath.Join(out, report.ClaimsCSV))
	if want := []string{"actor", "actor_kind", "claim", "document", "source", "published", "techniques", "checkworthy", "annotator", "span"}; !reflect.DeepEqual(claims[0], want) {
		t.Errorf("who-claims-what header %q", claims[0])
	}
	if len(claims) != 7 {
		t.Fatalf("%d claim rows, want 6", len(claims)-1)
	}
	if want := []string{"He", "PERSON", "\"we win, always\"", "d4", "Blog B", "2024-03", "Slogans;Loaded_Language", "no", "alice", "a-c4"}; !reflect.DeepEqual(claims[5], want) {
		t.Errorf("row 5: %q, want %q (quotes and comma kept)", claims[5], want)
	}

	byActor := readCSV(t, filepath.Join(out, report.TechniqueByActorCSV))
	if got := column(byActor, "Loaded_Language"); got["He"] != "1" || got["John Smith"] != "1" || got["Smith"] != "1" {
		t.Errorf("technique-by-actor Loaded_Language: %v", got)
	}
	if got := column(byActor, "claims"); got["He"] != "2" {
		t.Errorf("technique-by-actor claims: %v", got)
	}
	bySource := readCSV(t, filepath.Join(out, report.TechniqueBySourceCSV))
	if got := column(bySource, "Loaded_Language"); got["Daily A"] != "2" || got["Blog B"] != "1" || got["(no source)"] != "1" {
		t.Errorf("technique-by-source Loaded_Language: %v", got)
	}
	if got := column(bySource, "documents"); got["Daily A"] != "2" {
		t.Errorf("technique-by-source documents: %v", got)
	}
	frames := readCSV(t, filepath.Join(out, report.FrameBySourceCSV))
	if got := column(frames, "Economic"); got["Daily A"] != "2" {
		t.Errorf("frame-by-source Economic: %v", got)
	}
	overTime := readCSV(t, filepath.Join(out, report.TechniquesOverTimeCSV))
	if got := column(overTime, "Loaded_Language"); !reflect.DeepEqual(got, map[string]string{"2024-01": "2", "2024-02": "0", "2024-03": "1", "(undated)": "1"}) {
		t.Errorf("techniques-over-time Loaded_Language: %v", got)
	}
	labels := readCSV(t, filepath.Join(out, report.LabelsCSV))
	if want := []string{"layer", "kind", "label", "count", "documents", "annotators"}; !reflect.DeepEqual(labels[0], want) {
		t.Errorf("labels header %q", labels[0])
	}
	found := false
	for _, r := range labels {
		if reflect.DeepEqual(r, []string{"technique", "span", "Loaded_Language", "4", "3", "2"}) {
			found = true
		}
	}
	if !found {
		t.Errorf("labels.csv has no row technique,span,Loaded_Language,4,3,2")
	}

	// Python's csv module reads every file as encoding/csv does.
	if py, err := exec.LookPath("python3"); err == nil {
		script := `import csv, sys
for p in sys.argv[1:]:
    with open(p, newline="", encoding="utf-8") as f:
        rows = list(csv.reader(f))
    print(p.rsplit("/", 1)[-1], len(rows), len(rows[0]), rows[-1][0])
`
		args := []string{"-c", script}
		var want []string
		for _, name := range []string{report.ClaimsCSV, report.TechniqueByActorCSV, report.LabelsCSV} {
			args = append(args, filepath.Join(out, name))
			recs := readCSV(t, filepath.Join(out, name))
			want = append(want, strings.Join([]string{name, strconv.Itoa(len(recs)), strconv.Itoa(len(recs[0])), recs[len(recs)-1][0]}, " "))
		}
		got, err := exec.Command(py, args...).CombinedOutput()
		if err != nil {
			t.Fatalf("python3: %v\n%s", err, got)
		}
		if strings.TrimSpace(string(got)) != strings.Join(want, "\n") {
			t.Errorf("python3 csv read:\n%s\nwant:\n%s", got, strings.Join(want, "\n"))
		}
	}
}

func TestReportOneAnnotatorAndGold(t *testing.T) {
	h := newHarness(t)
	p := reportProject(t, h)
	out := h.path("bob")
	_, _, stderr := h.run("report", "--project", p, "--out", out, "--annotator", "bob")
	if !strings.Contains(stderr, "bob's annotations: 1 attributed claim;") {
		t.Errorf("stderr %q", stderr)
	}
	if claims := readCSV(t, filepath.Join(out, report.ClaimsCSV)); len(claims) != 2 || claims[1][0] != "Smith" {
		t.Errorf("bob's claims: %q", claims)
	}

	for _, tc := range []struct {
		args []string
		code int
		want string
	}{
		{[]string{"--gold"}, 1, `--gold: this project has no gold (adjudicated) annotations yet (annotators: alice, bob); adjudicate first (frametag curate --project FILE --accept-unanimous, or Curate in the window)`},
		{[]string{"--annotator", "carol"}, 1, `--annotator carol: no annotations by "carol" (annotators: alice, bob)`},
		{[]string{"--annotator", "bob", "--gold"}, 2, "--annotator and --gold exclude each other"},
	} {
		dir := h.path("refused")
		code, _, stderr := h.run(append([]string{"report", "--project", p, "--out", dir}, tc.args...)...)
		if code != tc.code || !strings.Contains(stderr, tc.want) {
			t.Errorf("%q: exit %d, stderr %q; want exit %d and %q", tc.args, code, stderr, tc.code, tc.want)
		}
		if _, err := os.Stat(dir); err == nil {
			t.Errorf("%q: the folder was made", tc.args)
		}
	}
	code, _, stderr := h.run("report", "--project", p)
	if code != 2 || !strings.Contains(stderr, "--out is required") {
		t.Errorf("no --out: exit %d, %q", code, stderr)
	}
	file := h.write("afile", "x")
	if code, _, stderr := h.run("report", "--project", p, "--out", file); code != 1 || !strings.Contains(stderr, "is a file, not a folder") {
		t.Errorf("--out a file: exit %d, %q", code, stderr)
	}
}

func TestReportGoldWhenTheProjectHasGold(t *testing.T) {
	h := newHarness(t)
	gold := findingstest.Corpus()[1]
	gold.ID, gold.Text = "g1", gold.Text+" (gold copy)"
	for i := range gold.Spans {
		gold.Spans[i].DocID, gold.Spans[i].Annotator, gold.Spans[i].ID = "g1", "gold", "g-"+gold.Spans[i].ID
	}
	for i := range gold.Relations {
		r := &gold.Relations[i]
		r.DocID, r.Annotator, r.ID, r.From, r.To = "g1", "gold", "g-"+r.ID, "g-"+r.From, "g-"+r.To
	}
	p := reportProject(t, h, gold)
	out := h.path("gold")
	code, _, stderr := h.run("report", "--project", p, "--out", out, "--gold")
	if code != 0 || !strings.Contains(stderr, "the gold annotations: 2 attributed claims;") {
		t.Fatalf("exit %d, %q", code, stderr)
	}
	claims := readCSV(t, filepath.Join(out, report.ClaimsCSV))
	for _, r := range claims[1:] {
		if r[3] != "g1" || r[8] != "gold" {
			t.Errorf("gold report row %q", r)
		}
	}
}
