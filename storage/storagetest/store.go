package storagetest

import (
	"slices"
	"strings"
	"testing"

	"frametag/annotate"
)

func testCreateThenOpen(t *testing.T, c Config) {
	s, path := newProject(t, c)
	if got := s.Path(); got != path {
		t.Errorf("Path() = %q, want %q", got, path)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	s2, err := c.Opener.Open(t.Context(), path)
	if err != nil {
		t.Fatalf("Open: %v", err)
	}
	defer s2.Close()
	sc, err := s2.Schema(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	if sc.Name != "test" || len(sc.Layers) != 4 || sc.Version != 1 {
		t.Errorf("schema after reopen: %+v", sc)
	}
}

func testCreateRefusesInvalidSchema(t *testing.T, c Config) {
	sc := Schema()
	sc.Layers[0].Labels[0].Color = "blue"
	path := c.NewPath(t)
	if _, err := c.Opener.Create(t.Context(), path, sc); annotate.ErrorCode(err) != annotate.EInvalid || !strings.Contains(err.Error(), "colour") {
		t.Fatalf("err = %v, want an invalid colour", err)
	}
	if s, err := c.Opener.Open(t.Context(), path); err == nil {
		s.Close()
		t.Error("a project was left behind")
	}
}

// testExportKeepsImportOrderAndReadingOrder: documents come back in the order
// they were imported (over several imports, whatever their ids), and each
// document's spans in reading order (annotate.SortSpans), however they were
// given.
func testExportKeepsImportOrderAndReadingOrder(t *testing.T, c Config) {
	s, _ := newProject(t, c)
	text := "One two three four five."
	span := func(id string, start, end int) annotate.Span {
		return annotate.Span{ID: id, Layer: "actor", Label: "Person", Annotator: "ana",
			Fragments: []annotate.Fragment{{Start: start, End: end}}}
	}
	batches := [][]annotate.AnnotatedDoc{
		{
			{Document: annotate.Document{ID: "zulu", Title: "Z", Text: text},
				Spans: []annotate.Span{span("s-five", 19, 23), span("s-one", 0, 3), span("s-two-three", 4, 13), span("s-two", 4, 7)}},
			{Document: annotate.Document{ID: "alpha", Title: "A", Text: text + " Six."}},
		},
		{{Document: annotate.Document{ID: "mike", Title: "M", Text: text + " Seven."}}},
	}
	for _, b := range batches {
		if _, err := s.Import(t.Context(), Seq(b)); err != nil {
			t.Fatal(err)
		}
	}
	var ids []string
	docs := ExportAll(t, s)
	for _, d := range docs {
		ids = append(ids, d.ID)
	}
	if want := []string{"zulu", "alpha", "mike"}; !slices.Equal(ids, want) {
		t.Errorf("export order %v, want the import order %v", ids, want)
	}
	wantSpans := []string{"s-one", "s-two-three", "s-two", "s-five"}
	if got := spanIDs(docs[0].Spans); !slices.Equal(got, wantSpans) {
		t.Errorf("exported spans %v, want reading order %v", got, wantSpans)
	}
	ad, err := s.Annotations(t.Context(), "zulu")
	if err != nil {
		t.Fatal(err)
	}
	if got := spanIDs(ad.Spans); !slices.Equal(got, wantSpans) {
		t.Errorf("Annotations spans %v, want reading order %v", got, wantSpans)
	}
	list, err := s.Documents(t.Context(), "")
	if err != nil {
		t.Fatal(err)
	}
	var listed []string
	for _, d := range list {
		listed = append(listed, d.ID)
	}
	if !slices.Equal(listed, ids) {
		t.Errorf("Documents order %v, export order %v", listed, ids)
	}
}

func spanIDs(spans []annotate.Span) []string {
	var ids []string
	for _, sp := range spans {
		ids = append(ids, sp.ID)
	}
	return ids
}

// testMissingThingsAreNotFound: asking for what is not there is ENotFound,
// which the window and the command line word as such.
func testMissingThingsAreNotFound(t *testing.T, c Config) {
	s, _ := corpusProject(t, c)
	if _, err := s.Document(t.Context(), "nope"); annotate.ErrorCode(err) != annotate.ENotFound {
		t.Errorf("Document(nope) = %v, want not found", err)
	}
	if _, err := s.Annotations(t.Context(), "nope"); annotate.ErrorCode(err) != annotate.ENotFound {
		t.Errorf("Annotations(nope) = %v, want not found", err)
	}
	if _, err := c.Opener.Open(t.Context(), c.NewPath(t)); annotate.ErrorCode(err) != annotate.ENotFound {
		t.Errorf("Open of nothing = %v, want not found", err)
	}
}
