package storagetest

import (
	"iter"
	"strings"
	"testing"

	"frametag/annotate"
)

// Schema is the schema of the suite's projects: it has a non-overlapping span layer with every attribute kind, an
// overlapping one, a multi- and a single-choice document layer and a
// relation type.
func Schema() annotate.Schema {
	return annotate.Schema{
		Name:    "test",
		Version: 1,
		Layers: []annotate.Layer{
			{Name: "claim", Kind: annotate.SpanLayer, Labels: []annotate.Label{
				{Name: "Claim", Color: "#1f77b4", Key: "c"},
				{Name: "Counterclaim", Color: "#ff7f0e", Key: "x"},
			}, Attributes: []annotate.AttrDef{
				{Name: "certainty", Kind: annotate.AttrChoice, Values: []string{"low", "high"}},
				{Name: "kinds", Kind: annotate.AttrMulti, Values: []string{"statistic", "quote", "prediction"}},
				{Name: "verified", Kind: annotate.AttrBool},
				{Name: "comment", Kind: annotate.AttrText},
			}},
			{Name: "actor", Kind: annotate.SpanLayer, Overlap: true, Labels: []annotate.Label{
				{Name: "Person", Color: "#2ca02c", Key: "p"},
				{Name: "Organisation", Color: "#d62728", Key: "o"},
			}, Attributes: []annotate.AttrDef{{Name: annotate.ActorNameAttr, Kind: annotate.AttrText}}},
			{Name: "frame", Kind: annotate.DocumentLayer, Multi: true, Labels: []annotate.Label{
				{Name: "Economic", Color: "#9467bd"},
				{Name: "Morality", Color: "#8c564b"},
				{Name: "Security", Color: "#e377c2"},
			}},
			{Name: "genre", Kind: annotate.DocumentLayer, Labels: []annotate.Label{
				{Name: "News", Color: "#7f7f7f"},
				{Name: "Opinion", Color: "#bcbd22"},
			}},
		},
		Relations: []annotate.RelationType{{Name: "said_by", From: "claim", To: "actor"}},
	}
}

// newProject creates a project with Schema in a fresh place; it is closed
// when the test ends.
func newProject(t testing.TB, c Config) (annotate.Store, string) {
	t.Helper()
	path := c.NewPath(t)
	s, err := c.Opener.Create(t.Context(), path, Schema())
	if err != nil {
		t.Fatalf("Create: %v", err)
	}
	t.Cleanup(func() { s.Close() })
	return s, path
}

// frag finds the nth (from 0) occurrence of sub in text as code points.
func frag(t testing.TB, text, sub string, nth int) annotate.Fragment {
	t.Helper()
	from := 0
	for i := 0; ; i++ {
		b := strings.Index(text[from:], sub)
		if b < 0 {
			t.Fatalf("%q not found %d times in %q", sub, nth+1, text)
		}
		if i == nth {
			ix := annotate.NewTextIndex(text)
			start, err := ix.CodePointOfByte(from + b)
			if err != nil {
				t.Fatal(err)
			}
			return annotate.Fragment{Start: start, End: start + annotate.CodePointLen(sub)}
		}
		from += b + len(sub)
	}
}

// Seq turns a slice into what Import takes.
func Seq(docs []annotate.AnnotatedDoc) iter.Seq2[annotate.AnnotatedDoc, error] {
	return func(yield func(annotate.AnnotatedDoc, error) bool) {
		for _, d := range docs {
			if !yield(d, nil) {
				return
			}
		}
	}
}

// ExportAll collects Export's documents.
func ExportAll(t testing.TB, s annotate.Store) []annotate.AnnotatedDoc {
	t.Helper()
	var out []annotate.AnnotatedDoc
	if err := s.Export(t.Context(), func(d annotate.AnnotatedDoc) error {
		out = append(out, d)
		return nil
	}); err != nil {
		t.Fatalf("Export: %v", err)
	}
	return out
}

// PlainDoc is a short document with one claim span by ann.
func PlainDoc(t testing.TB, id, text, ann string) annotate.AnnotatedDoc {
	t.Helper()
	return annotate.AnnotatedDoc{
		Document: annotate.Document{ID: id, Title: "Title of " + id, Text: text},
		Spans: []annotate.Span{{ID: "s-" + id, Layer: "claim", Label: "Claim", Annotator: ann,
			Fragments: []annotate.Fragment{{Start: 0, End: 4}}}},
	}
}
