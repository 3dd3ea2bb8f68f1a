package annotate

import (
	"strings"
	"testing"
)

func TestUnknownsAndWithUnknowns(t *testing.T) {
	sc := validSchema()
	d := AnnotatedDoc{
		Document: Document{ID: "d", Text: "Ana said it is fine"},
		Spans: []Span{
			{ID: "c", Layer: "claim", Label: "Claim", Fragments: []Fragment{{Start: 9, End: 19}}},
			{ID: "x", Layer: "claim", Label: "Hedge", Fragments: []Fragment{{Start: 9, End: 11}}},
			{ID: "y", Layer: "claim", Label: "Hedge", Fragments: []Fragment{{Start: 12, End: 14}}},
			{ID: "p", Layer: "imported", Label: "PER", Fragments: []Fragment{{Start: 0, End: 3}}},
			{ID: "f", Layer: "frame", Label: "Economic", Fragments: []Fragment{{Start: 0, End: 3}}}, // a rule broken, not a label unknown
		},
		Relations: []Relation{
			{ID: "r1", Type: "cites", From: "c", To: "p"},
			{ID: "r2", Type: "cites", From: "x", To: "p"}, // the same type again: listed once
		},
		Labels: []DocLabel{{Layer: "frame", Label: "Satire"}, {Layer: "genre", Label: "blog"}, {Layer: "frame", Label: "Economic"}},
	}
	got := sc.Unknowns(d)
	var names []string
	for _, u := range got {
		names = append(names, u.String())
	}
	want := "span label claim/Hedge; span label imported/PER in a new layer; relation type cites (claim → imported); document label frame/Satire; document label genre/blog in a new layer"
	if strings.Join(names, "; ") != want {
		t.Fatalf("Unknowns:\n got %s\nwant %s", strings.Join(names, "; "), want)
	}
	grown, err := sc.WithUnknowns(got)
	if err != nil {
		t.Fatal(err)
	}
	if len(sc.Layers) == len(grown.Layers) {
		t.Error("WithUnknowns changed the schema it was called on, or added no layer")
	}
	if left := grown.Unknowns(d); len(left) != 0 {
		t.Errorf("still unknown after adding: %v", left)
	}
	imported, _ := grown.Layer("imported")
	genre, _ := grown.Layer("genre")
	if imported.Kind != SpanLayer || !imported.Overlap || genre.Kind != DocumentLayer || !genre.Multi {
		t.Errorf("new layers: %+v %+v", imported, genre)
	}
	d.Spans = d.Spans[:4] // the span in a document layer breaks a rule WithUnknowns does not touch
	if err := grown.CheckDocument(d); err != nil {
		t.Errorf("the document does not fit the grown schema: %v", err)
	}
	// A label of a layer of the other kind cannot be added.
	if _, err := sc.WithUnknowns([]Unknown{{Kind: UnknownDocLabel, Layer: "claim", Name: "X"}}); ErrorCode(err) != EInvalid ||
		!strings.Contains(err.Error(), `layer "claim" is a span layer`) {
		t.Errorf("a document label in a span layer: %v", err)
	}
}
