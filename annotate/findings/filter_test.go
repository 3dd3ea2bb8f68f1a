package findings

import (
	"testing"

	"frametag/annotate"
	"frametag/annotate/findings/findingstest"
)

// TestFilters: the source, date and layer filters on the test corpus (d1
// Daily A 2024-01-15, d2 " Daily A" 2024-03-02T08:30Z, d3 no source and no
// date, d4 Blog B 2024-03), counted by hand.
func TestFilters(t *testing.T) {
	tests := []struct {
		name            string
		opt             Options
		docs, claims    int
		sources, layers []string
	}{
		{"none", Options{}, 4, 6, []string{"Blog B", "Daily A", NoSource}, nil},
		{"one source", Options{Sources: []string{"Daily A"}}, 2, 4, []string{"Daily A"}, nil},
		{"no source", Options{Sources: []string{NoSource}}, 1, 0, []string{NoSource}, nil},
		{"two sources", Options{Sources: []string{"Blog B", NoSource}}, 2, 2, []string{"Blog B", NoSource}, nil},
		{"from a month", Options{From: "2024-03"}, 2, 4, []string{"Blog B", "Daily A"}, nil},
		{"from a day: a month-only date is within", Options{From: "2024-03-05"}, 1, 2, []string{"Blog B"}, nil},
		{"to a day", Options{To: "2024-03-01"}, 2, 4, []string{"Blog B", "Daily A"}, nil},
		{"to a month", Options{To: "2024-01"}, 1, 2, []string{"Daily A"}, nil},
		{"a range and a source", Options{From: "2024-02", To: "2024-03-31", Sources: []string{"Daily A"}}, 1, 2, []string{"Daily A"}, nil},
		{"a layer", Options{Layer: "frame"}, 4, 6, nil, []string{"frame"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := Compute(findingstest.Schema(), findingstest.Corpus(), tt.opt)
			if f.Documents != tt.docs || len(f.Claims) != tt.claims {
				t.Errorf("%d documents, %d claims; want %d, %d", f.Documents, len(f.Claims), tt.docs, tt.claims)
			}
			if tt.sources != nil && !sameSet(f.TechniqueBySource.Rows, tt.sources) {
				t.Errorf("sources %v, want %v", f.TechniqueBySource.Rows, tt.sources)
			}
			if tt.layers != nil {
				var layers []string
				for _, u := range f.Labels {
					if len(layers) == 0 || layers[len(layers)-1] != u.Layer {
						layers = append(layers, u.Layer)
					}
				}
				if !sameSet(layers, tt.layers) {
					t.Errorf("label table's layers %v, want %v", layers, tt.layers)
				}
			}
		})
	}
}

func sameSet(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	m := map[string]bool{}
	for _, x := range a {
		m[x] = true
	}
	for _, x := range b {
		if !m[x] {
			return false
		}
	}
	return true
}

func TestCheckDate(t *testing.T) {
	for s, ok := range map[string]bool{"2024-03": true, "2024-03-31": true, "2024-13": false, "2024-03-32": false,
		"2024": false, "2024-03-02T08:30:00Z": false, "March": false, "": false} {
		if err := CheckDate(s); (err == nil) != ok {
			t.Errorf("CheckDate(%q) = %v", s, err)
		}
	}
}

// TestTraceAddsUpToEveryCount: the spans Trace reports for each cell are
// exactly as many as the cell counts, in every cross table (totals
// included) and the label table, with and without filters, so every number
// traces back to what it counts.
func TestTraceAddsUpToEveryCount(t *testing.T) {
	for _, opt := range []Options{{}, {Annotator: "alice"}, {Sources: []string{"Daily A"}, From: "2024-02"}} {
		traced := map[Cell][]annotate.SpanRef{}
		opt.Trace = func(c Cell, r annotate.SpanRef) { traced[c] = append(traced[c], r) }
		f := Compute(findingstest.Schema(), findingstest.Corpus(), opt)
		checked := 0
		for _, ct := range f.CrossTabs() {
			for i, row := range ct.Rows {
				if got := len(traced[Cell{ct.Name, row, ct.TotalName}]); got != ct.Totals[i] {
					t.Errorf("%+v: %s %s %s: %d traced, counted %d", opt, ct.Name, row, ct.TotalName, got, ct.Totals[i])
				}
				for j, col := range ct.Cols {
					if got := len(traced[Cell{ct.Name, row, col}]); got != ct.Counts[i][j] {
						t.Errorf("%+v: %s %s %s: %d traced, counted %d", opt, ct.Name, row, col, got, ct.Counts[i][j])
					}
					checked += ct.Counts[i][j]
				}
			}
		}
		for _, u := range f.Labels {
			if got := len(traced[Cell{LabelsTable, u.Layer, u.Label}]); got != u.Count {
				t.Errorf("%+v: labels %s/%s: %d traced, counted %d", opt, u.Layer, u.Label, got, u.Count)
			}
		}
		if checked == 0 {
			t.Errorf("%+v: nothing counted", opt)
		}
	}
	// One cell by hand: Loaded_Language in Daily A's documents is alice's
	// "double" and bob's "double" in d1.
	traced := map[Cell][]annotate.SpanRef{}
	Compute(findingstest.Schema(), findingstest.Corpus(), Options{Trace: func(c Cell, r annotate.SpanRef) { traced[c] = append(traced[c], r) }})
	got := traced[Cell{"technique-by-source", "Daily A", "Loaded_Language"}]
	if len(got) != 2 || got[0] != (annotate.SpanRef{Doc: "d1", Span: "a-t1"}) || got[1] != (annotate.SpanRef{Doc: "d1", Span: "b-t1"}) {
		t.Errorf("Daily A × Loaded_Language traces to %v", got)
	}
}
