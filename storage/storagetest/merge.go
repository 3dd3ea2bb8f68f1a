package storagetest

import (
	"testing"

	"frametag/annotate"
)

// testMergeAddsToDocuments: Merge adds a document the project lacks and
// adds annotations to one it holds, with relations that may end at spans
// already there and statuses that replace the annotator's own; anything it
// refuses (another text under a held id, a held text under a new id, a
// span id the document uses, a second label on a single-choice layer)
// leaves the whole project as it was.
func testMergeAddsToDocuments(t *testing.T, c Config) {
	s, _ := newProject(t, c)
	ctx := t.Context()
	const text = "Tax cuts pay for themselves, Ann said."
	ann := PlainDoc(t, "a", text, "ann")
	ann.Spans = append(ann.Spans, annotate.Span{ID: "p-ann", Layer: "actor", Label: "Person", Annotator: "ann",
		Fragments: []annotate.Fragment{frag(t, text, "Ann", 0)}})
	ann.Labels = []annotate.DocLabel{{Layer: "genre", Label: "News", Annotator: "ann"}}
	ann.Status = map[string]annotate.Status{"bob": annotate.StatusInProgress}
	if _, err := s.Import(ctx, Seq([]annotate.AnnotatedDoc{ann})); err != nil {
		t.Fatal(err)
	}
	before := ExportAll(t, s)

	// bob's claim on a, his relation from it to ann's actor span, his genre
	// and status; and a document b the project lacks.
	bob := annotate.AnnotatedDoc{
		Document: annotate.Document{ID: "a", Text: text},
		Spans: []annotate.Span{{ID: "s-bob", Layer: "claim", Label: "Claim", Annotator: "bob",
			Fragments: []annotate.Fragment{frag(t, text, "Tax cuts", 0)}}},
		Relations: []annotate.Relation{{ID: "r-bob", Type: "said_by", From: "s-bob", To: "p-ann", Annotator: "bob"}},
		Labels:    []annotate.DocLabel{{Layer: "genre", Label: "Opinion", Annotator: "bob"}},
		Status:    map[string]annotate.Status{"bob": annotate.StatusDone},
	}
	newDoc := PlainDoc(t, "b", "Wars end when money does, Bob wrote.", "bob")

	refusals := []struct {
		name string
		docs []annotate.AnnotatedDoc
		code annotate.Code
	}{
		{"another text under a held id", []annotate.AnnotatedDoc{newDoc, func() annotate.AnnotatedDoc {
			d := bob
			d.Text = "Something else entirely."
			return d
		}()}, annotate.EInvalid},
		{"a held text under a new id", []annotate.AnnotatedDoc{newDoc, PlainDoc(t, "a2", text, "bob")}, annotate.EConflict},
		{"a span id the document uses", []annotate.AnnotatedDoc{newDoc, func() annotate.AnnotatedDoc {
			d := bob
			d.Spans = []annotate.Span{bob.Spans[0]}
			d.Spans[0].ID = "s-a"
			d.Relations = nil
			return d
		}()}, annotate.EConflict},
		{"a second label of ann's on a single-choice layer", []annotate.AnnotatedDoc{newDoc, func() annotate.AnnotatedDoc {
			d := bob
			d.Labels = []annotate.DocLabel{{Layer: "genre", Label: "Opinion", Annotator: "ann"}}
			return d
		}()}, annotate.EInvalid},
		{"a relation to a span that is nowhere", []annotate.AnnotatedDoc{newDoc, func() annotate.AnnotatedDoc {
			d := bob
			d.Relations = []annotate.Relation{{ID: "r-x", Type: "said_by", From: "s-bob", To: "p-nobody", Annotator: "bob"}}
			return d
		}()}, annotate.EInvalid},
	}
	for _, r := range refusals {
		if _, err := s.Merge(ctx, Seq(r.docs)); annotate.ErrorCode(err) != r.code {
			t.Errorf("%s: %v (code %s), want code %s", r.name, err, annotate.ErrorCode(err), r.code)
		}
		if got := ExportAll(t, s); !sameDocs(got, before) {
			t.Fatalf("%s: the refused merge changed the project: %+v", r.name, got)
		}
	}

	res, err := s.Merge(ctx, Seq([]annotate.AnnotatedDoc{bob, newDoc}))
	if err != nil || res != (annotate.MergeResult{Added: 1, Annotated: 1}) {
		t.Fatalf("Merge: %+v, %v", res, err)
	}
	got := ExportAll(t, s)
	if len(got) != 2 || got[1].ID != "b" || len(got[1].Spans) != 1 {
		t.Fatalf("after the merge: %+v", got)
	}
	a := got[0]
	if len(a.Spans) != 3 || len(a.Relations) != 1 || a.Relations[0].To != "p-ann" || a.Relations[0].Annotator != "bob" {
		t.Errorf("a's spans and relations after the merge: %+v, %+v", a.Spans, a.Relations)
	}
	if len(a.Labels) != 2 || a.Status["bob"] != annotate.StatusDone {
		t.Errorf("a's labels and statuses after the merge: %+v, %v", a.Labels, a.Status)
	}
	for _, sp := range a.Spans {
		if sp.Created.IsZero() || sp.DocID != "a" {
			t.Errorf("merged span not completed: %+v", sp)
		}
	}
	// The merged annotations are the project's like any other: the new
	// document is found by search, bob's span counts in his list.
	if docs, err := s.SearchDocuments(ctx, "money", ""); err != nil || len(docs) != 1 {
		t.Errorf("search for the merged document: %v, %v", docs, err)
	}
	if docs, err := s.Documents(ctx, "bob"); err != nil || docs[0].Spans != 1 || docs[0].Status != annotate.StatusDone {
		t.Errorf("bob's document list: %+v, %v", docs, err)
	}
}

// sameDocs compares exports by what they hold.
func sameDocs(a, b []annotate.AnnotatedDoc) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		x, y := a[i], b[i]
		if x.ID != y.ID || x.Text != y.Text || len(x.Spans) != len(y.Spans) || len(x.Relations) != len(y.Relations) ||
			len(x.Labels) != len(y.Labels) || len(x.Status) != len(y.Status) {
			return false
		}
		for who, st := range x.Status {
			if y.Status[who] != st {
				return false
			}
		}
	}
	return true
}
