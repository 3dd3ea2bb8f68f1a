package agreement

import (
	"slices"
	"testing"

	"frametag/annotate"
)

// Documents come most disagreement first by the layer's document measure;
// ties keep the report's order, a figure without a value counts as full
// agreement, and below counts those short of it.
func TestByDisagreement(t *testing.T) {
	v := func(x float64) *float64 { return &x }
	doc := func(id string, m Measure, val *float64) DocRow {
		return DocRow{ID: id, Row: Row{Figures: []Figure{{Measure: m, Value: val}}}}
	}
	tests := []struct {
		name      string
		kind      annotate.LayerKind
		docs      []DocRow
		order     []string
		below     int
		pair, doc Measure
	}{
		{"span layer by overlap F1", annotate.SpanLayer,
			[]DocRow{doc("a", OverlapF1, v(1)), doc("b", OverlapF1, v(0.2)), doc("c", OverlapF1, v(0.5)), doc("d", OverlapF1, v(0.2))},
			[]string{"b", "d", "c", "a"}, 3, OverlapF1, OverlapF1},
		{"document layer by observed agreement", annotate.DocumentLayer,
			[]DocRow{doc("a", ObservedAgreement, nil), doc("b", ObservedAgreement, v(0.5))},
			[]string{"b", "a"}, 1, CohenKappa, ObservedAgreement},
		{"all agreed", annotate.DocumentLayer,
			[]DocRow{doc("a", ObservedAgreement, v(1))}, []string{"a"}, 0, CohenKappa, ObservedAgreement},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			l := Layer{Kind: tt.kind, PerDoc: tt.docs}
			docs, below := l.ByDisagreement()
			var ids []string
			for _, d := range docs {
				ids = append(ids, d.ID)
			}
			if !slices.Equal(ids, tt.order) || below != tt.below {
				t.Errorf("order %v below %d, want %v below %d", ids, below, tt.order, tt.below)
			}
			if l.PairMeasure() != tt.pair || l.DocMeasure() != tt.doc {
				t.Errorf("pair %s doc %s, want %s %s", l.PairMeasure(), l.DocMeasure(), tt.pair, tt.doc)
			}
			if tt.docs[0].ID != "a" {
				t.Error("ByDisagreement reordered the report's own documents")
			}
		})
	}
	if CohenKappa.Name() != "Cohen κ" || Measure("x").Name() != "x" {
		t.Errorf("names: %q, %q", CohenKappa.Name(), Measure("x").Name())
	}
}
