package sqlite

import (
	"slices"
	"testing"

	"frametag/annotate"
	"frametag/storage/storagetest"
)

// DocumentList lists what Documents lists, without counting spans;
// SpanCountsByAnnotator gives the counts Documents gives, for the documents
// asked about: each annotator's, and every span's summed.
func TestDocumentListAndSpanCountsAgreeWithDocuments(t *testing.T) {
	s, _ := newProject(t)
	docs := genCorpus(30)
	if _, err := s.Import(t.Context(), storagetest.Seq(docs)); err != nil {
		t.Fatal(err)
	}
	for _, annotator := range []string{"", "gen", "nobody"} {
		full, err := s.Documents(t.Context(), annotator)
		if err != nil {
			t.Fatal(err)
		}
		list, err := s.DocumentList(t.Context(), annotator)
		if err != nil {
			t.Fatal(err)
		}
		if len(list) != len(full) {
			t.Fatalf("DocumentList listed %d documents, Documents %d", len(list), len(full))
		}
		var ids []string
		for i := range list {
			if list[i].ID != full[i].ID || list[i].Title != full[i].Title || list[i].Status != full[i].Status || list[i].Spans != -1 {
				t.Fatalf("row %d: %+v, want %+v without a count (-1)", i, list[i], full[i])
			}
			if i%3 == 0 {
				ids = append(ids, list[i].ID)
			}
		}
		byWho, err := s.SpanCountsByAnnotator(t.Context(), append(ids, "no-such-document"))
		if err != nil {
			t.Fatal(err)
		}
		some := 0
		for i := 0; i < len(full); i += 3 {
			got := byWho[full[i].ID][annotator]
			if annotator == "" {
				got = 0
				for _, n := range byWho[full[i].ID] {
					got += n
				}
			}
			if got != full[i].Spans {
				t.Errorf("annotator %q: %s counted %d spans, Documents says %d", annotator, full[i].ID, got, full[i].Spans)
			}
			some += full[i].Spans
		}
		if c, ok := byWho["no-such-document"]; !ok || len(c) != 0 {
			t.Errorf("an unknown document counted %v, %v; want an empty count", c, ok)
		}
		if annotator != "nobody" && some == 0 {
			t.Errorf("annotator %q: no spans counted at all", annotator)
		}
	}
}

// Annotators names everyone with an annotation or a status, once each.
func TestAnnotators(t *testing.T) {
	s, _ := newProject(t)
	if _, err := s.Import(t.Context(), storagetest.Seq(genCorpus(3))); err != nil {
		t.Fatal(err)
	}
	docs, err := s.Documents(t.Context(), "")
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range []annotate.Edit{
		annotate.SetStatus(docs[0].ID, "zoë", annotate.StatusTodo, annotate.StatusDone),
		annotate.SetStatus(docs[1].ID, "bob", annotate.StatusTodo, annotate.StatusSkipped),
	} {
		if _, err := s.Apply(t.Context(), e); err != nil {
			t.Fatal(err)
		}
	}
	got, err := s.Annotators(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	if want := []string{"bob", "gen", "zoë"}; !slices.Equal(got, want) {
		t.Errorf("Annotators = %v, want %v", got, want)
	}
}
