package annotate

import (
	"context"
	"testing"
)

// TestMisfits is what a new schema would orphan among applyDoc's
// annotations, which the command line counts before a schema edit and the
// edit removes.
func TestMisfits(t *testing.T) {
	d := applyDoc()
	labels := make([]DocLabelOf, 0, len(d.Labels))
	for _, dl := range d.Labels {
		labels = append(labels, DocLabelOf{DocID: d.ID, DocLabel: dl})
	}
	tests := []struct {
		name    string
		schema  Schema
		renames []LabelRename
		// spans, relations, document labels, attribute misfits
		spans, rels, docLabels, attrs int
		first                         string // the first misfit span's label, as given
	}{
		{name: "same schema", schema: applySchema()},
		{name: "label deleted", schema: withSchema(func(sc *Schema) { sc.Layers[0].Labels = sc.Layers[0].Labels[1:] }),
			spans: 2, rels: 1, first: "Claim"},
		{name: "label renamed", schema: withSchema(func(sc *Schema) { sc.Layers[0].Labels[0].Name = "Assertion" }),
			renames: []LabelRename{{Layer: "claim", From: "Claim", To: "Assertion"}}},
		{name: "label renamed without saying so", schema: withSchema(func(sc *Schema) { sc.Layers[0].Labels[0].Name = "Assertion" }),
			spans: 2, rels: 1, first: "Claim"},
		{name: "layer turned into a document layer", schema: withSchema(func(sc *Schema) {
			sc.Layers[1].Kind = DocumentLayer
			sc.Relations = nil
		}), spans: 1, rels: 1, first: "Person"},
		{name: "relation type deleted", schema: withSchema(func(sc *Schema) { sc.Relations = nil }), rels: 1},
		{name: "relation type reversed", schema: withSchema(func(sc *Schema) { sc.Relations[0].From, sc.Relations[0].To = "actor", "claim" }), rels: 1},
		{name: "document label deleted", schema: withSchema(func(sc *Schema) { sc.Layers[2].Labels = sc.Layers[2].Labels[:1] }), docLabels: 1},
		{name: "document layer deleted", schema: withSchema(func(sc *Schema) { sc.Layers = sc.Layers[:2] }), docLabels: 2},
		{name: "attribute deleted", schema: withSchema(func(sc *Schema) { sc.Layers[0].Attributes = nil }), attrs: 1},
		{name: "attribute value deleted", schema: withSchema(func(sc *Schema) { sc.Layers[0].Attributes[0].Values = []string{"high"} }), attrs: 1},
		{name: "attribute of a deleted label is no misfit of its own", schema: withSchema(func(sc *Schema) {
			sc.Layers[0].Labels = sc.Layers[0].Labels[1:]
			sc.Layers[0].Attributes = nil
		}), spans: 2, rels: 1, first: "Claim"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := tt.schema.Misfits(tt.renames, d.Spans, d.Relations, labels)
			if len(m.Spans) != tt.spans || len(m.Relations) != tt.rels || len(m.DocLabels) != tt.docLabels || len(m.Attrs) != tt.attrs {
				t.Fatalf("misfits %d spans, %d relations, %d document labels, %d attributes; want %d, %d, %d, %d",
					len(m.Spans), len(m.Relations), len(m.DocLabels), len(m.Attrs), tt.spans, tt.rels, tt.docLabels, tt.attrs)
			}
			if tt.first != "" && m.Spans[0].Label != tt.first {
				t.Errorf("first misfit %+v, want label %s", m.Spans[0], tt.first)
			}
			if m.Removed.Empty() != (tt.spans+tt.rels+tt.docLabels == 0) {
				t.Errorf("Empty() = %v", m.Removed.Empty())
			}
		})
	}
}

// DocState keeps spans in the reading order SortSpans gives, whatever order
// they are put in.
func TestDocStateKeepsReadingOrder(t *testing.T) {
	ctx := context.Background()
	d, sc := AnnotatedDoc{Document: Document{ID: "d", Text: "0123456789"}}, applySchema()
	st := NewDocState(&d, &sc, nil)
	spans := []Span{
		{ID: "b", Fragments: []Fragment{{2, 5}}}, {ID: "a", Fragments: []Fragment{{2, 5}}}, {ID: "long", Fragments: []Fragment{{2, 8}}},
		{ID: "first", Fragments: []Fragment{{0, 1}}}, {ID: "last", Fragments: []Fragment{{9, 10}}},
	}
	for _, sp := range spans {
		sp.DocID = "d"
		if err := st.PutSpan(ctx, sp); err != nil {
			t.Fatal(err)
		}
	}
	// moving a span puts it at its new place
	if err := st.PutSpan(ctx, Span{ID: "first", DocID: "d", Fragments: []Fragment{{6, 7}}}); err != nil {
		t.Fatal(err)
	}
	want := []string{"long", "a", "b", "first", "last"}
	for i, sp := range d.Spans {
		if sp.ID != want[i] {
			t.Fatalf("order %v, want %v", d.Spans, want)
		}
	}
	sorted := d.Clone()
	SortSpans(sorted.Spans)
	if !sameDoc(sorted, d) {
		t.Errorf("SortSpans orders differently: %v", sorted.Spans)
	}
}
