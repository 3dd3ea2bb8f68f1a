package project_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"iter"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"frametag/annotate"
	"frametag/annotate/format"
	"frametag/annotate/schemes"
	"frametag/project"
	"frametag/storage/sqlite"
)

func newService() *project.Service { return project.New(sqlite.Opener{}) }

// newProject creates a project with the bundled articles in a temporary
// folder.
func newProject(t *testing.T) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "p.frametag")
	res, err := newService().Create(t.Context(), path, schemes.Default(), project.Seeds())
	if err != nil || res.Added != 3 {
		t.Fatalf("Create = %+v, %v", res, err)
	}
	return path
}

func open(t *testing.T, path string) annotate.Store {
	t.Helper()
	st, err := newService().Open(t.Context(), path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	return st
}

func write(t *testing.T, dir, name, content string) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func docCount(t *testing.T, st annotate.Store) int {
	t.Helper()
	docs, err := st.Documents(t.Context(), "")
	if err != nil {
		t.Fatal(err)
	}
	return len(docs)
}

func TestCreateNeverReplacesAFile(t *testing.T) {
	path := newProject(t)
	st := open(t, path)
	if n := docCount(t, st); n != 3 {
		t.Fatalf("%d documents", n)
	}
	other := write(t, t.TempDir(), "precious.txt", "months of work")
	for _, p := range []string{path, other} {
		before, _ := os.ReadFile(p)
		_, err := newService().Create(t.Context(), p, schemes.Default(), nil)
		var ex *project.ExistsError
		if !errors.As(err, &ex) || ex.Path != p || annotate.ErrorCode(err) != annotate.EConflict ||
			err.Error() != p+" already exists; frametag will not overwrite it" {
			t.Errorf("Create over %s: %v", p, err)
		}
		if after, _ := os.ReadFile(p); !bytes.Equal(before, after) {
			t.Errorf("%s changed", p)
		}
	}
	// Nothing is left beside the project: the temporary folder is gone.
	entries, _ := os.ReadDir(filepath.Dir(path))
	for _, e := range entries {
		if strings.Contains(e.Name(), "creating") {
			t.Errorf("left behind: %s", e.Name())
		}
	}
	// An empty project.
	empty := filepath.Join(t.TempDir(), "empty.frametag")
	if res, err := newService().Create(t.Context(), empty, schemes.Default(), nil); err != nil || res.Added != 0 {
		t.Fatalf("Create empty = %+v, %v", res, err)
	}
	if n := docCount(t, open(t, empty)); n != 0 {
		t.Errorf("empty project holds %d", n)
	}
}

func TestOpenAndCheck(t *testing.T) {
	dir := t.TempDir()
	missing := filepath.Join(dir, "missing.frametag")
	notProject := write(t, dir, "notes.txt", "just text\n")
	svc := newService()
	tests := []struct {
		name, path string
		code       annotate.Code
		says       string
	}{
		{"missing", missing, annotate.ENotFound, missing},
		{"not a project", notProject, "", "notes.txt"},
		{"a folder", dir, annotate.ENotProject, dir + " is a folder, not a project file"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := svc.Check(t.Context(), tt.path)
			if err == nil || !strings.Contains(err.Error(), tt.says) || (tt.code != "" && annotate.ErrorCode(err) != tt.code) {
				t.Errorf("Check = %v (%s), want %s: %q", err, annotate.ErrorCode(err), tt.code, tt.says)
			}
		})
	}
	if data, _ := os.ReadFile(notProject); string(data) != "just text\n" {
		t.Error("a file that is not a project changed")
	}
	if err := svc.Check(t.Context(), newProject(t)); err != nil {
		t.Error(err)
	}
}

func TestImportSummaries(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, "a.jsonl", `{"id":"a1","text":"Alpha one.","spans":[{"layer":"technique","label":"Loaded_Language","start":0,"end":5}]}`+"\n"+
		`{"id":"a2","text":"Alpha two."}`+"\n")
	write(t, dir, "plain.txt", "A plain text.\n")
	svc := newService()
	st := open(t, newProject(t))
	im, err := svc.NewImport(project.ImportRequest{Paths: []string{dir}, Annotator: "kim"})
	if err != nil {
		t.Fatal(err)
	}
	sum, err := im.Run(t.Context(), st)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := sum.String(), "imported 3 documents (1 span)"; got != want {
		t.Errorf("summary %q, want %q", got, want)
	}
	if !slices.Equal(sum.Formats, []string{"jsonl", "txt"}) || !sum.Loss.Empty() {
		t.Errorf("formats %v, loss %q", sum.Formats, sum.Loss)
	}
	ad, err := st.Annotations(t.Context(), "a1")
	if err != nil || len(ad.Spans) != 1 || ad.Spans[0].Annotator != "kim" {
		t.Errorf("a1: %+v, %v", ad.Spans, err)
	}
	// Again: everything already there.
	im, _ = svc.NewImport(project.ImportRequest{Paths: []string{dir}, Annotator: "kim"})
	sum, err = im.Run(t.Context(), st)
	if got, want := sum.String(), "imported 0 documents (0 spans); skipped 3 already present (a1, a2, plain)"; err != nil || got != want {
		t.Errorf("again: %q, %v; want %q", got, err, want)
	}
	if got := (project.ImportSummary{Skipped: 12, SkippedIDs: strings.Split("a b c d e f g h i j k l", " ")}).String(); !strings.HasSuffix(got, "(a, b, c, d, e, f, g, h, i, j and 2 more)") {
		t.Errorf("long list: %q", got)
	}
}

func TestImportIsAllOrNothingWithFileAndLine(t *testing.T) {
	dir := t.TempDir()
	bad := write(t, dir, "bad.jsonl", `{"id":"ok","text":"Fine."}`+"\n"+`{"id":"x","text":"Bad.","spans":[{"layer":"nope","label":"L","start":0,"end":1}]}`+"\n")
	svc := newService()
	st := open(t, newProject(t))
	// Resolving fails before the project is touched.
	if _, err := svc.NewImport(project.ImportRequest{Paths: []string{filepath.Join(dir, "typo.jsonl")}}); err == nil {
		t.Error("a missing file was accepted")
	}
	if _, err := svc.NewImport(project.ImportRequest{Paths: []string{bad}, Format: "nope"}); err == nil || !strings.Contains(err.Error(), `unknown format "nope"`) {
		t.Errorf("unknown format: %v", err)
	}
	im, err := svc.NewImport(project.ImportRequest{Paths: []string{bad}})
	if err != nil {
		t.Fatal(err)
	}
	_, err = im.Run(t.Context(), st)
	if err == nil || !strings.HasPrefix(err.Error(), bad+":2: ") {
		t.Errorf("error %v, want %s:2: ...", err, bad)
	}
	if n := docCount(t, st); n != 3 {
		t.Errorf("after a refused import: %d documents", n)
	}
}

// cancelling is a store that cancels the import's context once it has
// taken a number of documents, as a user's Cancel would.
type cancelling struct {
	annotate.Store
	after  int
	cancel context.CancelFunc
}

func (c cancelling) Import(ctx context.Context, docs iter.Seq2[annotate.AnnotatedDoc, error], opts ...annotate.ImportOptions) (annotate.ImportResult, error) {
	return c.Store.Import(ctx, func(yield func(annotate.AnnotatedDoc, error) bool) {
		n := 0
		for d, err := range docs {
			if !yield(d, err) {
				return
			}
			if n++; n == c.after {
				c.cancel()
			}
		}
	}, opts...)
}

// Cancel is checked before each document and once more after the last;
// only then is the import said to be past cancelling, and a cancelled
// import changes nothing. Progress comes every 100 documents.
func TestImportProgressAndCancel(t *testing.T) {
	var lines strings.Builder
	for i := range 250 {
		fmt.Fprintf(&lines, `{"id":"n%d","text":"News item %d."}`+"\n", i, i)
	}
	in := write(t, t.TempDir(), "many.jsonl", lines.String())
	svc := newService()
	for _, tc := range []struct {
		name        string
		cancelAfter int // documents taken before Cancel; -1 never
		wantReports []int
	}{
		{"never cancelled", -1, []int{100, 200}},
		{"cancelled at once", 0, nil},
		{"cancelled midway", 150, []int{100}},
		{"cancelled after the last", 250, []int{100, 200}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			st := open(t, newProject(t))
			ctx, cancel := context.WithCancel(t.Context())
			defer cancel()
			if tc.cancelAfter == 0 {
				cancel()
			}
			var reports []int
			committed := -1
			im, err := svc.NewImport(project.ImportRequest{Paths: []string{in}, Progress: project.Progress{
				Documents:  func(n int) { reports = append(reports, n) },
				Committing: func(n int) { committed = n },
			}})
			if err != nil {
				t.Fatal(err)
			}
			sum, err := im.Run(ctx, cancelling{Store: st, after: tc.cancelAfter, cancel: cancel})
			if !slices.Equal(reports, tc.wantReports) {
				t.Errorf("reports %v, want %v", reports, tc.wantReports)
			}
			if tc.cancelAfter < 0 {
				if err != nil || sum.Added != 250 || committed != 250 {
					t.Errorf("Run = %+v, %v; committing %d", sum, err, committed)
				}
				return
			}
			if annotate.ErrorCode(err) != annotate.ECanceled || !errors.Is(err, context.Canceled) || committed != -1 {
				t.Errorf("Run = %v (%s); committing %d", err, annotate.ErrorCode(err), committed)
			}
			if n := docCount(t, st); n != 3 {
				t.Errorf("after a cancelled import: %d documents", n)
			}
		})
	}
}

// TestLabelMapByNameOrFile: --map takes every built-in map by its name,
// else reads a file; neither is refused naming the built-in ones.
func TestLabelMapByNameOrFile(t *testing.T) {
	svc := newService()
	names := format.BuiltinMaps()
	for _, name := range names {
		if m, err := svc.LabelMap(name); err != nil || len(m) == 0 {
			t.Errorf("built-in map %s: %v, %v", name, m, err)
		}
	}
	if !slices.Contains(names, "ptc-to-semeval2023") {
		t.Errorf("built-in maps %v lack ptc-to-semeval2023", names)
	}
	file := write(t, t.TempDir(), "m.tsv", "Rumour\tClaim\n")
	if m, err := svc.LabelMap(file); err != nil || m["Rumour"] != "Claim" {
		t.Errorf("map file: %v, %v", m, err)
	}
	_, err := svc.LabelMap("nope")
	if annotate.ErrorCode(err) != annotate.EInvalid || !strings.Contains(err.Error(), "label map nope: no such file, nor a built-in map (built-in: ptc-to-semeval2023") {
		t.Errorf("unknown map: %v", err)
	}
}
