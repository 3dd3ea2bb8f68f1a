package findings_test

import (
	"bytes"
	"encoding/csv"
	"reflect"
	"strings"
	"testing"

	"frametag/annotate"
	"frametag/annotate/findings"
	"frametag/annotate/findings/findingstest"
)

func TestCorpusIsValid(t *testing.T) {
	sc := findingstest.Schema()
	for _, d := range findingstest.Corpus() {
		if err := sc.CheckDocument(d); err != nil {
			t.Fatal(err)
		}
	}
}

// cells picks the named columns of a cross table's rows, "row:col" → count,
// leaving out zeros, so that the hand-computed tables stay short.
func nonZero(c findings.CrossTab) map[string]int {
	out := map[string]int{}
	for i, r := range c.Rows {
		out[r+":"+c.TotalName] = c.Totals[i]
		for j, n := range c.Counts[i] {
			if n != 0 {
				out[r+":"+c.Cols[j]] = n
			}
		}
	}
	return out
}

func TestHandComputedTablesEveryone(t *testing.T) {
	f := findings.Compute(findingstest.Schema(), findingstest.Corpus(), findings.Options{})
	if f.Documents != 4 || len(f.Missing()) != 0 {
		t.Fatalf("documents %d, missing %v", f.Documents, f.Missing())
	}
	wantClaims := [][]string{
		{"John Smith", "PERSON", "taxes will double", "d1", "Daily A", "2024-01-15", "Loaded_Language;Exaggeration-Minimisation", "yes", "alice", "a-c1"},
		{"Smith", "PERSON", "taxes will double", "d1", "Daily A", "2024-01-15", "Loaded_Language", "", "bob", "b-c1"},
		{"Workers' Union", "ORG", "jobs are vanishing", "d2", "Daily A", "2024-03-02T08:30:00Z", "Repetition", "no", "alice", "a-c2"},
		{"John Smith", "PERSON", "everybody knows it", "d2", "Daily A", "2024-03-02T08:30:00Z", "Appeal_to_Popularity;Repetition", "", "alice", "a-c3"},
		{"He", "PERSON", "\"we win, always\"", "d4", "Blog B", "2024-03", "Slogans;Loaded_Language", "no", "alice", "a-c4"},
		{"He", "PERSON", "and left", "d4", "Blog B", "2024-03", "Loaded_Language", "", "alice", "a-c5"},
	}
	if got := f.ClaimsTable().Rows; !reflect.DeepEqual(got, wantClaims) {
		t.Errorf("who-claims-what:\n got %q\nwant %q", got, wantClaims)
	}

	ta := f.TechniqueByActor
	if want := []string{"He", "John Smith", "Smith", "Workers' Union"}; !reflect.DeepEqual(ta.Rows, want) {
		t.Errorf("actors %q, want %q (most claims first, then by name)", ta.Rows, want)
	}
	checkCells(t, ta, map[string]int{
		"He:claims": 2, "He:Slogans": 1, "He:Loaded_Language": 1, // one span over both his claims counts once
		"John Smith:claims": 2, "John Smith:Loaded_Language": 1, "John Smith:Exaggeration-Minimisation": 1,
		"John Smith:Appeal_to_Popularity": 1, "John Smith:Repetition": 1,
		"Smith:claims": 1, "Smith:Loaded_Language": 1,
		"Workers' Union:claims": 1, "Workers' Union:Repetition": 1,
	})
	if len(ta.Cols) != 23 || ta.Cols[0] != "Name_Calling-Labeling" {
		t.Errorf("technique columns: %d from %q, want the schema's 23 in order", len(ta.Cols), ta.Cols[0])
	}

	ts := f.TechniqueBySource
	if want := []string{"Blog B", "Daily A", findings.NoSource}; !reflect.DeepEqual(ts.Rows, want) {
		t.Errorf("sources %q, want %q", ts.Rows, want)
	}
	checkCells(t, ts, map[string]int{
		"Blog B:documents": 1, "Blog B:Slogans": 1, "Blog B:Loaded_Language": 1,
		"Daily A:documents": 2, "Daily A:Loaded_Language": 2, "Daily A:Exaggeration-Minimisation": 1,
		"Daily A:Name_Calling-Labeling": 1, "Daily A:Appeal_to_Popularity": 1, "Daily A:Repetition": 1,
		"(no source):documents": 1, "(no source):Loaded_Language": 1,
	})

	fs := f.FrameBySource
	if len(fs.Cols) != 14 {
		t.Errorf("frame columns: %d, want the schema's 14", len(fs.Cols))
	}
	checkCells(t, fs, map[string]int{
		"Blog B:documents":  1,
		"Daily A:documents": 2, "Daily A:Economic": 2, "Daily A:Political": 1,
		"(no source):documents": 1, "(no source):Security_and_defense": 1,
	})

	tt := f.TechniquesOverTime
	if want := []string{"2024-01", "2024-02", "2024-03", findings.Undated}; !reflect.DeepEqual(tt.Rows, want) {
		t.Errorf("months %q, want %q (an empty month kept)", tt.Rows, want)
	}
	checkCells(t, tt, map[string]int{
		"2024-01:documents": 1, "2024-01:Name_Calling-Labeling": 1, "2024-01:Loaded_Language": 2, "2024-01:Exaggeration-Minimisation": 1,
		"2024-02:documents": 0,
		"2024-03:documents": 2, "2024-03:Appeal_to_Popularity": 1, "2024-03:Repetition": 1, "2024-03:Slogans": 1, "2024-03:Loaded_Language": 1,
		"(undated):documents": 1, "(undated):Loaded_Language": 1,
	})

	labels := map[string][3]int{}
	for _, u := range f.Labels {
		labels[u.Layer+"/"+u.Label] = [3]int{u.Count, u.Documents, u.Annotators}
	}
	for k, want := range map[string][3]int{
		"claim/Claim":                   {7, 3, 2},
		"actor/PERSON":                  {4, 3, 2},
		"actor/ORG":                     {1, 1, 1},
		"actor/GPE":                     {0, 0, 0},
		"technique/Loaded_Language":     {4, 3, 2},
		"technique/Slogans":             {1, 1, 1},
		"frame/Economic":                {2, 1, 2},
		"frame/Security_and_defense":    {1, 1, 1},
		"genre/opinion":                 {0, 0, 0},
		"technique/Appeal_to_Authority": {0, 0, 0},
	} {
		if got := labels[k]; got != want {
			t.Errorf("labels %s: count, documents, annotators %v, want %v", k, got, want)
		}
	}
	if n := len(f.Labels); n != 1+5+23+14+3 {
		t.Errorf("%d label rows, want every label of the schema (46)", n)
	}
}

func checkCells(t *testing.T, c findings.CrossTab, want map[string]int) {
	t.Helper()
	got := nonZero(c)
	for k, n := range want {
		if got[k] != n {
			t.Errorf("%s %s: %d, want %d", c.Name, k, got[k], n)
		}
	}
	for k, n := range got {
		if _, ok := want[k]; !ok && !strings.HasSuffix(k, ":"+c.TotalName) {
			t.Errorf("%s %s: %d, want 0", c.Name, k, n)
		}
	}
}

func TestHandComputedTablesOneAnnotator(t *testing.T) {
	f := findings.Compute(findingstest.Schema(), findingstest.Corpus(), findings.Options{Annotator: "bob"})
	want := [][]string{{"Smith", "PERSON", "taxes will double", "d1", "Daily A", "2024-01-15", "Loaded_Language", "", "bob", "b-c1"}}
	if got := f.ClaimsTable().Rows; !reflect.DeepEqual(got, want) {
		t.Errorf("who-claims-what for bob: %q, want %q", got, want)
	}
	checkCells(t, f.TechniqueByActor, map[string]int{"Smith:Loaded_Language": 1})
	// Every document still counts as a document of its source.
	checkCells(t, f.TechniqueBySource, map[string]int{"Daily A:Loaded_Language": 1})
	checkCells(t, f.FrameBySource, map[string]int{"Daily A:Economic": 1})
	if f.TechniqueBySource.Totals[1] != 2 {
		t.Errorf("Daily A documents %d, want 2", f.TechniqueBySource.Totals[1])
	}

	a := findings.Compute(findingstest.Schema(), findingstest.Corpus(), findings.Options{Annotator: "alice"})
	checkCells(t, a.TechniqueByActor, map[string]int{
		"He:Slogans": 1, "He:Loaded_Language": 1,
		"John Smith:Loaded_Language": 1, "John Smith:Exaggeration-Minimisation": 1,
		"John Smith:Appeal_to_Popularity": 1, "John Smith:Repetition": 1,
		"Workers' Union:Repetition": 1,
	})
	if len(a.Claims) != 5 {
		t.Errorf("alice: %d claim rows, want 5", len(a.Claims))
	}
}

func TestCSVReadsBack(t *testing.T) {
	f := findings.Compute(findingstest.Schema(), findingstest.Corpus(), findings.Options{})
	for _, tb := range f.Tables() {
		var buf bytes.Buffer
		if err := tb.WriteCSV(&buf); err != nil {
			t.Fatal(err)
		}
		recs, err := csv.NewReader(&buf).ReadAll()
		if err != nil {
			t.Fatalf("%s: %v", tb.Name, err)
		}
		if !reflect.DeepEqual(recs[0], tb.Header) || !reflect.DeepEqual(recs[1:], tb.Rows) {
			t.Errorf("%s does not read back as written", tb.Name)
		}
	}
}

func TestMonth(t *testing.T) {
	for in, want := range map[string]string{
		"2024-03-02": "2024-03", "2024-03-02T08:30:00Z": "2024-03", "2024-03": "2024-03", " 2024-12-31 ": "2024-12",
		"": findings.Undated, "2024": findings.Undated, "2024-13-01": findings.Undated, "2024-00": findings.Undated,
		"March 2024": findings.Undated, "2024-031": findings.Undated, "20x4-03": findings.Undated,
	} {
		if got := findings.Month(in); got != want {
			t.Errorf("Month(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestWithoutTheLayersTablesAreEmptyAndSaySo(t *testing.T) {
	sc := annotate.Schema{Name: "x", Version: 1, Layers: []annotate.Layer{{Name: "technique", Kind: annotate.SpanLayer, Overlap: true,
		Labels: []annotate.Label{{Name: "Doubt"}}}}}
	d := annotate.AnnotatedDoc{Document: annotate.Document{ID: "x", Text: "abc"},
		Spans: []annotate.Span{{ID: "s", Layer: "technique", Label: "Doubt", Fragments: []annotate.Fragment{{Start: 0, End: 1}}, Annotator: "a"}}}
	f := findings.Compute(sc, []annotate.AnnotatedDoc{d}, findings.Options{})
	if len(f.Claims) != 0 || len(f.TechniqueByActor.Rows) != 0 || f.TechniqueBySource.Sum() != 1 {
		t.Errorf("claims %d, actors %d, techniques by source %d", len(f.Claims), len(f.TechniqueByActor.Rows), f.TechniqueBySource.Sum())
	}
	if want := []string{"layer claim", "layer actor", "layer frame", "relation type attributed_to"}; !reflect.DeepEqual(f.Missing(), want) {
		t.Errorf("missing %q, want %q", f.Missing(), want)
	}
}

func TestSyntheticIsValid(t *testing.T) {
	sc := findingstest.Schema()
	docs := findingstest.Synthetic(200)
	for _, d := range docs {
		if err := sc.CheckDocument(d); err != nil {
			t.Fatal(err)
		}
	}
	f := findings.Compute(sc, docs, findings.Options{})
	if len(f.Claims) != 200 || f.TechniqueBySource.Sum() != 400 || f.FrameBySource.Sum() != 200 {
		t.Errorf("claims %d, techniques %d, frames %d", len(f.Claims), f.TechniqueBySource.Sum(), f.FrameBySource.Sum())
	}
}

// BenchmarkCompute is every table of 100,000 documents with 400,000 spans
// held in memory (storage/sqlite's BenchmarkFindings compares it with SQL
// over the same corpus in a project).
func BenchmarkCompute(b *testing.B) {
	sc := findingstest.Schema()
	docs := findingstest.Synthetic(100_000)
	b.ResetTimer()
	for b.Loop() {
		findings.Compute(sc, docs, findings.Options{})
	}
}
