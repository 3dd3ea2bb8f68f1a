package storagetest

import (
	"encoding/json"
	"errors"
	"reflect"
	"slices"
	"strings"
	"testing"

	"frametag/annotate"
)

// spanTexts maps each span id to the text it covers.
func spanTexts(t *testing.T, docs []annotate.AnnotatedDoc) map[string]string {
	t.Helper()
	out := map[string]string{}
	for _, d := range docs {
		ix := annotate.NewTextIndex(d.Text)
		for _, sp := range d.Spans {
			text, err := ix.SpanText(sp.Fragments)
			if err != nil {
				t.Fatalf("span %s: %v", sp.ID, err)
			}
			out[sp.ID] = text
		}
	}
	return out
}

// sameDoc compares everything a round trip must keep.
func sameDoc(t *testing.T, want, got annotate.AnnotatedDoc) {
	t.Helper()
	if got.ID != want.ID || got.Title != want.Title || got.Text != want.Text {
		t.Errorf("document %q: got id %q title %q text %q", want.ID, got.ID, got.Title, got.Text)
	}
	if got.SHA256 != annotate.TextHash(want.Text) {
		t.Errorf("document %q: sha256 %q", want.ID, got.SHA256)
	}
	if !reflect.DeepEqual(got.Meta, want.Meta) {
		t.Errorf("document %q: meta %+v, want %+v", want.ID, got.Meta, want.Meta)
	}
	wantSpans := slices.Clone(want.Spans)
	annotate.SortSpans(wantSpans)
	if len(got.Spans) != len(wantSpans) {
		t.Fatalf("document %q: %d spans, want %d", want.ID, len(got.Spans), len(wantSpans))
	}
	for i, w := range wantSpans {
		g := got.Spans[i]
		if g.ID != w.ID || g.DocID != want.ID || g.Layer != w.Layer || g.Label != w.Label || g.Note != w.Note ||
			g.Annotator != w.Annotator || !slices.Equal(g.Fragments, w.Fragments) || !g.Attrs.Equal(w.Attrs) ||
			!g.Created.Equal(w.Created) || !g.Updated.Equal(w.Updated) {
			t.Errorf("document %q span %d:\n got %+v\nwant %+v", want.ID, i, g, w)
		}
	}
	if len(got.Relations) != len(want.Relations) {
		t.Fatalf("document %q: relations %+v, want %+v", want.ID, got.Relations, want.Relations)
	}
	for i, w := range want.Relations {
		g := got.Relations[i]
		if g.ID != w.ID || g.DocID != want.ID || g.Type != w.Type || g.From != w.From || g.To != w.To ||
			g.Annotator != w.Annotator || !g.Created.Equal(w.Created) {
			t.Errorf("document %q relation %d: got %+v want %+v", want.ID, i, g, w)
		}
	}
	if !slices.Equal(got.Labels, want.Labels) {
		t.Errorf("document %q: labels %+v, want %+v", want.ID, got.Labels, want.Labels)
	}
	if len(got.Status) != len(want.Status) || (len(want.Status) > 0 && !reflect.DeepEqual(got.Status, want.Status)) {
		t.Errorf("document %q: status %v, want %v", want.ID, got.Status, want.Status)
	}
}

// TestRoundTrip imports the unicode corpus, exports it, sends the export
// through JSON (as the JSONL format does) into a second project and exports
// again: everything, and every span's text, must survive both legs.
func testRoundTrip(t *testing.T, c Config) {
	corpus := Corpus(t)
	wantTexts := spanTexts(t, corpus)

	first, _ := newProject(t, c)
	res, err := first.Import(t.Context(), Seq(corpus))
	if err != nil {
		t.Fatalf("Import: %v", err)
	}
	if res.Added != len(corpus) || res.Skipped != 0 {
		t.Fatalf("Import result %+v", res)
	}
	exported := ExportAll(t, first)
	if len(exported) != len(corpus) {
		t.Fatalf("exported %d documents, want %d", len(exported), len(corpus))
	}
	for i := range corpus {
		sameDoc(t, corpus[i], exported[i])
	}
	if got := spanTexts(t, exported); !reflect.DeepEqual(got, wantTexts) {
		t.Errorf("span texts changed:\n got %q\nwant %q", got, wantTexts)
	}

	var viaJSON []annotate.AnnotatedDoc
	for _, d := range exported {
		b, err := json.Marshal(d)
		if err != nil {
			t.Fatal(err)
		}
		var back annotate.AnnotatedDoc
		if err := json.Unmarshal(b, &back); err != nil {
			t.Fatal(err)
		}
		viaJSON = append(viaJSON, back)
	}
	second, _ := newProject(t, c)
	if _, err := second.Import(t.Context(), Seq(viaJSON)); err != nil {
		t.Fatalf("second Import: %v", err)
	}
	again := ExportAll(t, second)
	for i := range corpus {
		sameDoc(t, corpus[i], again[i])
	}
	if got := spanTexts(t, again); !reflect.DeepEqual(got, wantTexts) {
		t.Errorf("span texts changed on the second leg:\n got %q\nwant %q", got, wantTexts)
	}

	// Annotations reads one document the same way.
	one, err := second.Annotations(t.Context(), "en-1")
	if err != nil {
		t.Fatal(err)
	}
	sameDoc(t, corpus[0], one)
}

// Snapshot is everything a project holds, for "nothing changed" checks.
func Snapshot(t *testing.T, s annotate.Store) string {
	t.Helper()
	b, err := json.Marshal(ExportAll(t, s))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func testImportIsAllOrNothing(t *testing.T, c Config) {
	corrupt := map[string]func(d *annotate.AnnotatedDoc){
		"span past the end of the text": func(d *annotate.AnnotatedDoc) {
			d.Spans[0].Fragments = []annotate.Fragment{{Start: 0, End: 10_000}}
		},
		"unknown label": func(d *annotate.AnnotatedDoc) { d.Spans[0].Label = "Foo" },
		"unknown attribute value": func(d *annotate.AnnotatedDoc) {
			d.Spans[0].Attrs = annotate.Attrs{"certainty": "medium"}
		},
		"relation to a missing span": func(d *annotate.AnnotatedDoc) {
			d.Relations = []annotate.Relation{{ID: "r-x", Type: "said_by", From: d.Spans[0].ID, To: "nowhere", Annotator: "ana"}}
		},
		"span without annotator": func(d *annotate.AnnotatedDoc) { d.Spans[0].Annotator = "" },
		"empty text":             func(d *annotate.AnnotatedDoc) { d.Text = "" },
		"two labels on single layer": func(d *annotate.AnnotatedDoc) {
			d.Labels = []annotate.DocLabel{{Layer: "genre", Label: "News", Annotator: "ana"}, {Layer: "genre", Label: "Opinion", Annotator: "ana"}}
		},
		"span id used twice in the document": func(d *annotate.AnnotatedDoc) { d.Spans = append(d.Spans, d.Spans[0]) },
		"relation id used twice in the document": func(d *annotate.AnnotatedDoc) {
			d.Spans = append(d.Spans, annotate.Span{ID: "s-actor", Layer: "actor", Label: "Person", Annotator: "ana",
				Fragments: []annotate.Fragment{{Start: 5, End: 11}}})
			r := annotate.Relation{ID: "r-x", Type: "said_by", From: d.Spans[0].ID, To: "s-actor", Annotator: "ana"}
			d.Relations = []annotate.Relation{r, r}
		},
	}
	for name, spoil := range corrupt {
		t.Run(name, func(t *testing.T) {
			s, _ := newProject(t, c)
			if _, err := s.Import(t.Context(), Seq([]annotate.AnnotatedDoc{PlainDoc(t, "old", "Already here before.", "ana")})); err != nil {
				t.Fatal(err)
			}
			before := Snapshot(t, s)
			var docs []annotate.AnnotatedDoc
			for i := range 5 {
				id := []string{"doc-0", "doc-1", "doc-2", "doc-3", "doc-4"}[i]
				docs = append(docs, PlainDoc(t, id, "Text number "+id+" is here.", "ana"))
			}
			spoil(&docs[2])
			_, err := s.Import(t.Context(), Seq(docs))
			if err == nil {
				t.Fatal("Import succeeded")
			}
			var refused *annotate.DocumentError
			if !errors.As(err, &refused) || refused.ID != "doc-2" || !strings.HasPrefix(err.Error(), `document "doc-2": `) {
				t.Errorf("error %q (%T) does not name the document", err, err)
			}
			// Every one breaks the schema's or the document's rules: ids
			// are the document's own, so nothing clashes with what the
			// project holds.
			want := annotate.EInvalid
			if got := annotate.ErrorCode(err); got != want {
				t.Errorf("error %q has code %q, want %q", err, got, want)
			}
			SameSnapshot(t, "after a failed import", Snapshot(t, s), before)
		})
	}
}

func testImportStopsOnSequenceError(t *testing.T, c Config) {
	s, _ := newProject(t, c)
	readErr := errors.New("corpus.jsonl:3: unexpected end of JSON input")
	seq := func(yield func(annotate.AnnotatedDoc, error) bool) {
		if !yield(PlainDoc(t, "a", "First text.", "ana"), nil) {
			return
		}
		if !yield(PlainDoc(t, "b", "Second text.", "ana"), nil) {
			return
		}
		yield(annotate.AnnotatedDoc{}, readErr)
	}
	// The reader's own error comes back as it was: it is about the input.
	if _, err := s.Import(t.Context(), seq); err != readErr {
		t.Fatalf("err = %v, want the reader's", err)
	}
	if docs, err := s.Documents(t.Context(), ""); err != nil || len(docs) != 0 {
		t.Errorf("documents after a failed import: %v %v", docs, err)
	}
}

func testImportSkipsDocumentsAlreadyPresent(t *testing.T, c Config) {
	s, _ := newProject(t, c)
	if _, err := s.Import(t.Context(), Seq([]annotate.AnnotatedDoc{PlainDoc(t, "a", "Alpha text.", "ana")})); err != nil {
		t.Fatal(err)
	}
	sameID := PlainDoc(t, "a", "A different text under the same id.", "ben")
	sameID.Spans[0].ID = "s-other"
	sameText := PlainDoc(t, "a-copy", "Alpha text.", "ben")
	sameText.Spans[0].ID = "s-copy"
	fresh := PlainDoc(t, "b", "Beta text.", "ben")
	twiceInOneImport := PlainDoc(t, "b-again", "Beta text.", "ben")
	twiceInOneImport.Spans[0].ID = "s-b-again"

	res, err := s.Import(t.Context(), Seq([]annotate.AnnotatedDoc{sameID, sameText, fresh, twiceInOneImport}))
	if err != nil {
		t.Fatal(err)
	}
	want := annotate.ImportResult{Added: 1, Skipped: 3, SkippedIDs: []string{"a", "a-copy", "b-again"}}
	if !reflect.DeepEqual(res, want) {
		t.Errorf("result %+v, want %+v", res, want)
	}
	docs := ExportAll(t, s)
	if len(docs) != 2 || docs[0].Text != "Alpha text." || len(docs[0].Spans) != 1 || docs[0].Spans[0].Annotator != "ana" {
		t.Errorf("annotations were merged into the existing document: %+v", docs)
	}
}

func testImportDefaultsUnknownStatusToTodo(t *testing.T, c Config) {
	s, _ := newProject(t, c)
	d := PlainDoc(t, "a", "Alpha text.", "ana")
	d.Status = map[string]annotate.Status{"ana": "halfway", "ben": annotate.StatusDone}
	if _, err := s.Import(t.Context(), Seq([]annotate.AnnotatedDoc{d})); err != nil {
		t.Fatal(err)
	}
	got, err := s.Annotations(t.Context(), "a")
	if err != nil {
		t.Fatal(err)
	}
	// todo is what no status means; it is not stored.
	want := map[string]annotate.Status{"ben": annotate.StatusDone}
	if !reflect.DeepEqual(got.Status, want) {
		t.Errorf("status %v, want %v", got.Status, want)
	}
}

// SameSnapshot reports where two snapshots first differ.
func SameSnapshot(t *testing.T, when, got, want string) {
	t.Helper()
	if got == want {
		return
	}
	i := 0
	for i < len(got) && i < len(want) && got[i] == want[i] {
		i++
	}
	from := max(0, i-120)
	t.Errorf("%s: project differs at byte %d:\n got …%s\nwant …%s", when, i, got[from:min(len(got), i+120)], want[from:min(len(want), i+120)])
}

// testImportWithSchemaEdit: an import's schema edit (the labels it brings,
// added) is applied with the documents, all or nothing; one found against
// an older schema is refused.
func testImportWithSchemaEdit(t *testing.T, c Config) {
	s, _ := newProject(t, c)
	sc, err := s.Schema(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	doc := PlainDoc(t, "a", "Alpha text.", "ana")
	doc.Spans[0].Label = "Hedge"
	grown, err := sc.WithUnknowns(sc.Unknowns(doc))
	if err != nil {
		t.Fatal(err)
	}
	edit := annotate.SetSchema(sc, grown, nil, "ana")
	opts := annotate.ImportOptions{Schema: &edit}
	before := Snapshot(t, s)

	bad := PlainDoc(t, "b", "Beta text.", "ana")
	bad.Spans[0].Fragments = []annotate.Fragment{{Start: 0, End: 500}}
	if _, err := s.Import(t.Context(), Seq([]annotate.AnnotatedDoc{doc, bad}), opts); err == nil {
		t.Fatal("an import with a bad document succeeded")
	}
	SameSnapshot(t, "after a failed import with a schema edit", Snapshot(t, s), before)

	if _, err := s.Import(t.Context(), Seq([]annotate.AnnotatedDoc{doc}), opts); err != nil {
		t.Fatalf("import with the schema edit: %v", err)
	}
	after, err := s.Schema(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	claim, _ := after.Layer("claim")
	if _, ok := claim.Label("Hedge"); !ok || after.Version <= sc.Version {
		t.Errorf("schema after the import: version %d, claim labels %+v", after.Version, claim.Labels)
	}
	if got := ExportAll(t, s); len(got) != 1 || got[0].Spans[0].Label != "Hedge" {
		t.Errorf("imported %+v", got)
	}

	// The same edit again was found against the schema before it: refused.
	before = Snapshot(t, s)
	other := PlainDoc(t, "c", "Gamma text.", "ana")
	if _, err := s.Import(t.Context(), Seq([]annotate.AnnotatedDoc{other}), opts); annotate.ErrorCode(err) != annotate.EConflict {
		t.Errorf("a stale schema edit: %v, want a conflict", err)
	}
	SameSnapshot(t, "after a stale schema edit", Snapshot(t, s), before)
}
