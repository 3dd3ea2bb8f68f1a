package project

import (
	"fmt"
	"strings"
	"testing"

	"frametag/annotate"
	"frametag/annotate/schemes"
	"frametag/annotate/suggest"
)

func TestDisputed(t *testing.T) {
	sc := schemes.Default()
	sp := func(by, layer, label string, start, end int) annotate.Span {
		return annotate.Span{Annotator: by, Layer: layer, Label: label, Fragments: []annotate.Fragment{{Start: start, End: end}}}
	}
	doc := func(id string, spans ...annotate.Span) annotate.AnnotatedDoc {
		return annotate.AnnotatedDoc{Document: annotate.Document{ID: id, Text: strings.Repeat("x", 100)}, Spans: spans}
	}
	docs := []annotate.AnnotatedDoc{
		doc("alone", sp("ada", "claim", "Claim", 0, 10)),
		// the same span: F1 1
		doc("agree", sp("ada", "claim", "Claim", 0, 10), sp("bob", "claim", "Claim", 0, 10)),
		// ada 2 spans, bob 1 of them: P 1/2, R 1, F1 2/3
		doc("half", sp("ada", "claim", "Claim", 0, 10), sp("ada", "claim", "Claim", 20, 30), sp("bob", "claim", "Claim", 20, 30)),
		// nothing in common: F1 0
		doc("apart", sp("ada", "claim", "Claim", 0, 10), sp("bob", "claim", "Claim", 50, 60)),
		// different layers: no pair to compare
		doc("layers", sp("ada", "claim", "Claim", 0, 10), sp("bob", "actor", "PERSON", 50, 60)),
		// three annotators: pairs ada–bob 1, ada–cy 0, bob–cy 0 → mean 1/3
		doc("three", sp("ada", "claim", "Claim", 0, 10), sp("bob", "claim", "Claim", 0, 10), sp("cy", "claim", "Claim", 40, 45)),
	}
	var got []string
	for _, r := range Disputed(sc, docs) {
		got = append(got, fmt.Sprintf("%s %.3f", r.Doc, r.Score))
	}
	want := "apart 1.000, three 0.667, half 0.333, agree 0.000, layers 0.000"
	if g := strings.Join(got, ", "); g != want {
		t.Errorf("got  %s\nwant %s", g, want)
	}
}

func TestRankOrders(t *testing.T) {
	sc := schemes.Default()
	docs := []annotate.AnnotatedDoc{
		{Document: annotate.Document{ID: "labelled", Text: "the crooked elites lied"},
			Spans: []annotate.Span{{Annotator: "ada", Layer: "technique", Label: "Doubt", Fragments: []annotate.Fragment{{Start: 4, End: 18}}}}},
		{Document: annotate.Document{ID: "similar", Text: "the crooked elites lied again"}},
		{Document: annotate.Document{ID: "different", Text: "rain fell on quiet hills"}},
	}
	for _, tc := range []struct {
		by    OrderBy
		first string
		n     int
	}{{OrderNovel, "different", 2}, {OrderUncertain, "similar", 3}, {OrderDisputed, "", 0}, {OrderImported, "", 0}} {
		got, err := Rank(t.Context(), tc.by, sc, docs, nil, "ada")
		if err != nil {
			t.Fatal(err)
		}
		if len(got) != tc.n || (tc.n > 0 && got[0].Doc != tc.first) {
			t.Errorf("%s: %+v", tc.by, got)
		}
		for _, r := range got {
			if r.Why == "" {
				t.Errorf("%s: %s has no reason", tc.by, r.Doc)
			}
		}
	}
	if _, err := Rank(t.Context(), "alphabetical", sc, docs, nil, "ada"); annotate.ErrorCode(err) != annotate.EInvalid {
		t.Errorf("an unknown order: %v", err)
	}
}

// TestUncertainMatchesEachLayerOnItsOwn: "most uncertain", which segments
// each text once for every layer and matches the tokens training counted,
// ranks exactly as recommenders trained and matched one layer at a time
// (each text segmented again for its suggestions) do — on the benchmark's
// corpus, with a layer that ignores case and one that does not, and
// case-varied, Cyrillic, emoji and CRLF text.
func TestUncertainMatchesEachLayerOnItsOwn(t *testing.T) {
	sc := schemes.Default()
	for i := range sc.Layers {
		if sc.Layers[i].Name == "claim" {
			sc.Layers[i].CaseSensitive = true
		}
	}
	docs := benchCorpus(600)
	extra := []string{"W1 w2 — Враг народа 😀\r\nw3", "враг НАРОДА w1", "w2 w1 w1 W2 👍🏽 w5"}
	for i, x := range extra {
		docs[i*7].Text = x + " " + docs[i*7].Text
		docs[i*7].Spans = nil
	}
	docs[14].Spans = []annotate.Span{
		{ID: "x", Layer: "technique", Label: "Loaded_Language", Annotator: "bob", Fragments: []annotate.Fragment{{Start: 8, End: 19}}},
		{ID: "y", Layer: "claim", Label: "Claim", Annotator: "bob", Fragments: []annotate.Fragment{{Start: 0, End: 5}}},
	}
	got, err := Rank(t.Context(), OrderUncertain, sc, docs, nil, "ada")
	if err != nil {
		t.Fatal(err)
	}
	ids := make([]string, len(docs))
	sugs := map[string][]suggest.Suggestion{}
	for _, l := range sc.Layers {
		if l.Kind != annotate.SpanLayer {
			continue
		}
		r := suggest.Train(l.Name, suggest.Options{CaseSensitive: l.CaseSensitive}, docs, nil)
		for i, d := range docs {
			ids[i] = d.ID
			sugs[d.ID] = append(sugs[d.ID], Unlabelled(r.Prepare(d.ID, d.Text).Suggestions(0, nil), d.Spans, l.Name, "ada", 0, nil)...)
		}
	}
	want := suggest.MostUncertain(ids, sugs)
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("ranked differently:\n got %v\nwant %v", got[:5], want[:5])
	}
	claims := 0
	for _, ss := range sugs {
		for _, s := range ss {
			if s.Layer == "claim" {
				claims++
			}
		}
	}
	if want[0].Score <= want[len(want)-1].Score || claims == 0 {
		t.Errorf("nothing to compare: first %+v, last %+v, %d claim suggestions", want[0], want[len(want)-1], claims)
	}
}
