package sqlite

import (
	"testing"

	"frametag/annotate"
	"frametag/storage/storagetest"
)

// TestEditsSeeSchemaChangedByAnotherProcess: the store keeps the schema it
// decoded last, yet an edit checks its rules against the schema as it is
// in the file now, whoever changed it.
func TestEditsSeeSchemaChangedByAnotherProcess(t *testing.T) {
	a, path := newProject(t)
	doc := annotate.AnnotatedDoc{Document: annotate.Document{ID: "d", Text: "Они сказали: 🇺🇦 победа."}}
	if _, err := a.Import(t.Context(), storagetest.Seq([]annotate.AnnotatedDoc{doc})); err != nil {
		t.Fatal(err)
	}
	span := func(label string, start int) annotate.Edit {
		return annotate.AddSpan(annotate.Span{DocID: "d", Layer: "claim", Label: label, Annotator: "ana",
			Fragments: []annotate.Fragment{{Start: start, End: start + 3}}})
	}
	if _, err := a.Apply(t.Context(), span("Claim", 0)); err != nil {
		t.Fatal(err)
	}
	if _, err := a.Apply(t.Context(), span("Rebuttal", 4)); annotate.ErrorCode(err) != annotate.EInvalid {
		t.Fatalf("a label the schema lacks: %v, want refused as invalid", err)
	}

	b, err := Open(t.Context(), path)
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	before, err := b.Schema(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	after := before.Clone()
	after.Layers[0].Labels = append(after.Layers[0].Labels, annotate.Label{Name: "Rebuttal", Color: "#17becf", Key: "b"})
	if _, err := b.Apply(t.Context(), annotate.SetSchema(before, after, nil, "bob")); err != nil {
		t.Fatal(err)
	}

	if _, err := a.Apply(t.Context(), span("Rebuttal", 4)); err != nil {
		t.Errorf("after another process added the label: %v", err)
	}
	sc, err := a.Schema(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	if l, _ := sc.Layer("claim"); l == nil {
		t.Fatal("no claim layer")
	} else if _, ok := l.Label("Rebuttal"); !ok {
		t.Error("Schema does not show the label another process added")
	}
}
