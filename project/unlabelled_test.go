package project

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"frametag/annotate"
	"frametag/annotate/suggest"
)

func TestUnlabelled(t *testing.T) {
	sg := func(start, end int, label string, score float64) suggest.Suggestion {
		return suggest.Suggestion{Layer: "t", Label: label, Start: start, End: end, Score: score}
	}
	span := func(layer, by string, frags ...annotate.Fragment) annotate.Span {
		return annotate.Span{Layer: layer, Annotator: by, Fragments: frags}
	}
	spans := []annotate.Span{
		span("t", "ada", annotate.Fragment{Start: 10, End: 20}),
		span("t", "ada", annotate.Fragment{Start: 0, End: 2}, annotate.Fragment{Start: 40, End: 45}), // discontinuous
		span("t", "bob", annotate.Fragment{Start: 30, End: 35}),
		span("other", "ada", annotate.Fragment{Start: 50, End: 60}),
	}
	for _, tc := range []struct {
		name      string
		found     []suggest.Suggestion
		annotator string
		minScore  float64
		skip      map[suggest.Key]bool
		want      string
	}{
		{"clear of every span", []suggest.Suggestion{sg(3, 9, "A", 1), sg(21, 25, "A", 1)}, "ada", 0, nil, "3-9 A, 21-25 A"},
		{"overlapping own spans left out, touching kept", []suggest.Suggestion{sg(5, 11, "A", 1), sg(19, 22, "A", 1), sg(20, 22, "A", 1), sg(1, 3, "A", 1), sg(42, 43, "A", 1)}, "ada", 0, nil, "20-22 A"},
		{"another annotator's span does not count", []suggest.Suggestion{sg(31, 33, "A", 1)}, "ada", 0, nil, "31-33 A"},
		{"anyone's span counts for no annotator", []suggest.Suggestion{sg(31, 33, "A", 1)}, "", 0, nil, ""},
		{"another layer's span does not count", []suggest.Suggestion{sg(52, 55, "A", 1)}, "ada", 0, nil, "52-55 A"},
		{"below the score", []suggest.Suggestion{sg(3, 9, "A", 0.1), sg(21, 25, "A", 0.5)}, "ada", 0.5, nil, "21-25 A"},
		{"rejected", []suggest.Suggestion{sg(3, 9, "A", 1), sg(3, 9, "B", 1)}, "ada", 0, map[suggest.Key]bool{{Layer: "t", Label: "A", Start: 3, End: 9}: true}, "3-9 B"},
		{"duplicates kept once, order restored", []suggest.Suggestion{sg(25, 28, "A", 1), sg(3, 9, "A", 1), sg(3, 9, "B", 1), sg(3, 9, "A", 0.9)}, "ada", 0, nil, "3-9 A, 3-9 B, 25-28 A"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := ""
			for i, s := range Unlabelled(tc.found, spans, "t", tc.annotator, tc.minScore, tc.skip) {
				if i > 0 {
					got += ", "
				}
				got += fmt.Sprintf("%d-%d %s", s.Start, s.End, s.Label)
				if s.Label == "A" && s.Start == 3 && s.Score != 1 {
					t.Errorf("kept the second of two duplicates (score %v)", s.Score)
				}
			}
			if got != tc.want {
				t.Errorf("got %q, want %q", got, tc.want)
			}
		})
	}
}

// A layer's case setting (Layer.CaseSensitive) decides whether "eu" gets
// the suggestion "EU" was labelled with; by default case is ignored.
func TestLayerCaseSensitivity(t *testing.T) {
	for _, tc := range []struct {
		caseSensitive bool
		want          string
	}{{false, "EU eu"}, {true, "EU"}} {
		sc := annotate.Schema{Version: 1, Layers: []annotate.Layer{{Name: "actor", Kind: annotate.SpanLayer, CaseSensitive: tc.caseSensitive,
			Labels: []annotate.Label{{Name: "ORG", Color: "#1f77b4"}}}}}
		docs := []annotate.AnnotatedDoc{
			{Document: annotate.Document{ID: "a", Text: "The EU met."}, Spans: []annotate.Span{{ID: "s", DocID: "a", Layer: "actor", Label: "ORG", Annotator: "ada", Fragments: []annotate.Fragment{{Start: 4, End: 6}}}}},
			{Document: annotate.Document{ID: "b", Text: "The EU and the eu."}},
		}
		res, err := New(nil).Suggest(t.Context(), memSource{sc, docs}, SuggestOptions{Docs: []string{"b"}, Annotator: "ada"})
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, s := range res.Suggestions {
			got = append(got, s.Text)
		}
		if g := strings.Join(got, " "); g != tc.want {
			t.Errorf("case sensitive %v: suggested %q, want %q", tc.caseSensitive, g, tc.want)
		}
	}
}

// memSource is a project held in memory.
type memSource struct {
	sc   annotate.Schema
	docs []annotate.AnnotatedDoc
}

func (m memSource) Schema(context.Context) (annotate.Schema, error) { return m.sc, nil }
func (m memSource) Export(_ context.Context, fn func(annotate.AnnotatedDoc) error) error {
	for _, d := range m.docs {
		if err := fn(d); err != nil {
			return err
		}
	}
	return nil
}
func (m memSource) Gazetteer(context.Context, string) ([]annotate.GazetteerEntry, error) {
	return nil, nil
}
func (m memSource) Rejections(context.Context, string, string) ([]annotate.Rejection, error) {
	return nil, nil
}
