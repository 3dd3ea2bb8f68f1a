package sqlite

import (
	"testing"

	"frametag/storage/storagetest"
)

// DocumentList lists what Documents lists, without counting spans; SpanCounts
// gives the counts Documents gives, for the documents asked about.
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
		counts, err := s.SpanCounts(t.Context(), annotator, append(ids, "no-such-document"))
		if err != nil {
			t.Fatal(err)
		}
		some := 0
		for i := 0; i < len(full); i += 3 {
			if got := counts[full[i].ID]; got != full[i].Spans {
				t.Errorf("annotator %q: %s counted %d spans, Documents says %d", annotator, full[i].ID, got, full[i].Spans)
			}
			some += full[i].Spans
		}
		if n, ok := counts["no-such-document"]; !ok || n != 0 {
			t.Errorf("an unknown document counted %d, %v; want 0", n, ok)
		}
		if annotator != "nobody" && some == 0 {
			t.Errorf("annotator %q: no spans counted at all", annotator)
		}
	}
}
