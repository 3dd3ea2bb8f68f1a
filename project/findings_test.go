package project_test

import (
	"path/filepath"
	"reflect"
	"testing"

	"frametag/annotate"
	"frametag/annotate/findings"
	"frametag/annotate/findings/findingstest"
	"frametag/project"
	"frametag/storage/sqlite"
	"frametag/storage/storagetest"
)

// TestFindingsCache: the cache gives what reading the project gives, for
// every filter and for the spans behind a count, reading the project once;
// an edit through the same store, and one by another handle on the file
// (another process), make it read again, and the edit shows.
func TestFindingsCache(t *testing.T) {
	ctx := t.Context()
	path := filepath.Join(t.TempDir(), "findings.frametag")
	st, err := sqlite.Create(ctx, path, findingstest.Schema())
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if _, err := st.Import(ctx, storagetest.Seq(findingstest.Corpus())); err != nil {
		t.Fatal(err)
	}
	requests := []struct {
		name string
		req  project.FindingsRequest
	}{
		{"everyone", project.FindingsRequest{}},
		{"alice", project.FindingsRequest{Annotator: "alice"}},
		{"bob in Daily A", project.FindingsRequest{Annotator: "bob", Sources: []string{"Daily A"}}},
		{"from March 2024", project.FindingsRequest{From: "2024-03"}},
		{"technique layer", project.FindingsRequest{Layer: "technique"}},
		{"gold (none)", project.FindingsRequest{Gold: true}},
		{"nobody", project.FindingsRequest{Annotator: "carol"}},
		{"bad date", project.FindingsRequest{To: "May"}},
	}
	cells := []findings.Cell{
		{Table: "technique-by-source", Row: "Daily A", Col: "Loaded_Language"},
		{Table: "technique-by-actor", Row: "John Smith", Col: "claims"},
		{Table: "frame-by-source", Row: "Daily A", Col: "documents"},
		{Table: findings.LabelsTable, Row: "technique", Col: "Loaded_Language"},
	}
	var c project.FindingsCache
	check := func(t *testing.T) {
		t.Helper()
		for _, r := range requests {
			want, werr := project.Findings(ctx, st, r.req)
			got, gerr := c.Findings(ctx, st, r.req)
			if (werr == nil) != (gerr == nil) || (werr != nil && werr.Error() != gerr.Error()) {
				t.Errorf("%s: error %v, want %v", r.name, gerr, werr)
				continue
			}
			if !reflect.DeepEqual(got, want) {
				t.Errorf("%s: from memory\n%+v\nfrom the project\n%+v", r.name, got, want)
			}
			if werr != nil {
				continue
			}
			for _, cell := range cells {
				wantRefs, wantN, err := project.SpansBehind(ctx, st, r.req, cell, 2)
				if err != nil {
					t.Fatal(err)
				}
				gotRefs, gotN, err := c.SpansBehind(ctx, st, r.req, cell, 2)
				if err != nil || gotN != wantN || !reflect.DeepEqual(gotRefs, wantRefs) {
					t.Errorf("%s: behind %v: %v %d %v, want %v %d", r.name, cell, gotRefs, gotN, err, wantRefs, wantN)
				}
			}
		}
	}
	count := func(t *testing.T) int {
		t.Helper()
		f, err := c.Findings(ctx, st, project.FindingsRequest{Annotator: "alice", Sources: []string{"Daily A"}})
		if err != nil {
			t.Fatal(err)
		}
		tb := f.TechniqueBySource
		for i, row := range tb.Rows {
			for j, col := range tb.Cols {
				if row == "Daily A" && col == "Loaded_Language" {
					return tb.Counts[i][j]
				}
			}
		}
		t.Fatal("no Daily A × Loaded_Language")
		return 0
	}

	check(t)
	if n := project.ReadsOf(&c); n != 1 {
		t.Errorf("the project was read %d times for %d requests, want once", n, len(requests)*(1+len(cells)))
	}
	before := count(t)

	// An edit through the same store.
	d1, err := st.Annotations(ctx, "d1")
	if err != nil {
		t.Fatal(err)
	}
	add := func(t *testing.T, st annotate.Store, id string, at int) {
		t.Helper()
		sp := annotate.Span{ID: id, DocID: "d1", Layer: "technique", Label: "Loaded_Language",
			Fragments: []annotate.Fragment{{Start: at, End: at + 3}}, Annotator: "alice"}
		if _, err := st.Apply(ctx, annotate.AddSpan(sp)); err != nil {
			t.Fatal(err)
		}
	}
	if annotate.CodePointLen(d1.Text) < 20 {
		t.Fatalf("d1 is too short: %q", d1.Text)
	}
	add(t, st, "cache-1", 0)
	if got := count(t); got != before+1 || project.ReadsOf(&c) != 2 {
		t.Errorf("after an edit: Daily A × Loaded_Language = %d (want %d), %d reads (want 2)", got, before+1, project.ReadsOf(&c))
	}
	check(t)

	// An edit by another handle on the file, as another process makes.
	other, err := sqlite.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	add(t, other, "cache-2", 10)
	if err := other.Close(); err != nil {
		t.Fatal(err)
	}
	if got := count(t); got != before+2 || project.ReadsOf(&c) != 3 {
		t.Errorf("after another handle's edit: Daily A × Loaded_Language = %d (want %d), %d reads (want 3)", got, before+2, project.ReadsOf(&c))
	}
	check(t)
}
