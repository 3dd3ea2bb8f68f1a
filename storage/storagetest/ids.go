package storagetest

import (
	"testing"

	"frametag/annotate"
)

// testIDsAreUniquePerDocument: a span's or relation's id is unique in its
// document, not in the project, as every other tool numbers them (brat's T1,
// doccano's 0 in every document): the same ids in two documents import, and
// editing, deleting or undoing one touches the other document's not at all.
func testIDsAreUniquePerDocument(t *testing.T, c Config) {
	s, _ := newProject(t, c)
	doc := func(id, text string) annotate.AnnotatedDoc {
		return annotate.AnnotatedDoc{
			Document: annotate.Document{ID: id, Title: id, Text: text},
			Spans: []annotate.Span{
				{ID: "p0", Layer: "claim", Label: "Claim", Annotator: "ana", Fragments: []annotate.Fragment{{Start: 0, End: 4}}},
				{ID: "p1", Layer: "actor", Label: "Person", Annotator: "ana", Fragments: []annotate.Fragment{{Start: 5, End: 8}}},
			},
			Relations: []annotate.Relation{{ID: "r0", Type: "said_by", From: "p0", To: "p1", Annotator: "ana"}},
		}
	}
	docs := []annotate.AnnotatedDoc{doc("a", "Tax cuts: Ann says so."), doc("b", "Wars end. Bob said.")}
	if res, err := s.Import(t.Context(), Seq(docs)); err != nil || res.Added != 2 {
		t.Fatalf("importing the same span and relation ids in two documents: %+v, %v", res, err)
	}
	got := ExportAll(t, s)
	for i, d := range got {
		if len(d.Spans) != 2 || len(d.Relations) != 1 || d.Spans[0].DocID != d.ID || d.Relations[0].DocID != d.ID {
			t.Fatalf("document %d after import: %+v", i, d)
		}
	}

	// A span added to b under an id a has, and a relation under a's
	// relation id, are b's own.
	extra := annotate.Span{ID: "p0-b", DocID: "b", Layer: "claim", Label: "Claim", Annotator: "ana",
		Fragments: []annotate.Fragment{{Start: 10, End: 13}}}
	if _, err := s.Apply(t.Context(), annotate.AddSpan(extra)); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Apply(t.Context(), annotate.DeleteSpan(mustSpan(t, s, "b", "p0"), "ana")); err != nil {
		t.Fatalf("deleting b's p0: %v", err)
	}
	if !hasSpan(t, s, "a", "p0") || len(relationIDs(t, s, "a")) != 1 {
		t.Errorf("deleting b's p0 took a's p0 or its relation along")
	}
	if len(relationIDs(t, s, "b")) != 0 {
		t.Errorf("b's relation r0 outlived its span")
	}
	again := annotate.Span{ID: "p0", DocID: "b", Layer: "claim", Label: "Counterclaim", Annotator: "ben",
		Fragments: []annotate.Fragment{{Start: 0, End: 4}}}
	if _, err := s.Apply(t.Context(), annotate.AddSpan(again)); err != nil {
		t.Fatalf("adding p0 to b again: %v", err)
	}
	if _, err := s.Apply(t.Context(), annotate.AddRelation(annotate.Relation{ID: "r0", DocID: "b", Type: "said_by",
		From: "p0", To: "p1", Annotator: "ben"})); err != nil {
		t.Fatalf("adding r0 to b again: %v", err)
	}
	// In the same document the ids clash, as they always have.
	for _, e := range []annotate.Edit{
		annotate.AddSpan(annotate.Span{ID: "p1", DocID: "a", Layer: "claim", Label: "Claim", Annotator: "ana",
			Fragments: []annotate.Fragment{{Start: 9, End: 11}}}),
		annotate.AddRelation(annotate.Relation{ID: "r0", DocID: "a", Type: "said_by", From: "p0", To: "p1", Annotator: "ben"}),
	} {
		if _, err := s.Apply(t.Context(), e); annotate.ErrorCode(err) != annotate.EConflict {
			t.Errorf("%s: err %v, want a conflict", e.Describe(), err)
		}
	}
	// Undoing ben's edits and ana's touches only b.
	for _, who := range []string{"ben", "ana"} {
		for {
			_, ok, err := s.Undo(t.Context(), who)
			if err != nil {
				t.Fatalf("undo %s: %v", who, err)
			}
			if !ok {
				break
			}
		}
	}
	after := ExportAll(t, s)
	if len(after) != len(got) {
		t.Fatalf("%d documents after undo, want %d", len(after), len(got))
	}
	for i := range got {
		sameDoc(t, got[i], after[i])
	}
}
