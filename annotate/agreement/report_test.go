package agreement_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"frametag/annotate"
	"frametag/annotate/agreement"
	"frametag/annotate/agreement/agreementtest"
	"frametag/annotate/format"
)

// team reads testdata/team: the schema, and the four articles with the
// named annotators' annotations put together (matched by text, as a merge
// matches them).
func team(t *testing.T, annotators ...string) (annotate.Schema, []annotate.AnnotatedDoc) {
	t.Helper()
	dir := agreementtest.Dir()
	var sc annotate.Schema
	b, err := os.ReadFile(filepath.Join(dir, "schema.json"))
	if err == nil {
		err = json.Unmarshal(b, &sc)
	}
	if err != nil {
		t.Fatal(err)
	}
	var docs []annotate.AnnotatedDoc
	byText := map[string]int{}
	for _, a := range annotators {
		r, err := format.All().Read(format.Files([]string{filepath.Join(dir, a+".jsonl")}), "", format.Options{})
		if err != nil {
			t.Fatal(err)
		}
		for rec, err := range r.Records() {
			if err != nil {
				t.Fatal(err)
			}
			d := rec.Doc
			i, ok := byText[d.Text]
			if !ok {
				byText[d.Text] = len(docs)
				docs = append(docs, annotate.AnnotatedDoc{Document: d.Document, Status: map[string]annotate.Status{}})
				i = len(docs) - 1
			}
			docs[i].Spans = append(docs[i].Spans, d.Spans...)
			docs[i].Labels = append(docs[i].Labels, d.Labels...)
			for who, st := range d.Status {
				docs[i].Status[who] = st
			}
		}
	}
	return sc, docs
}

func TestTeam(t *testing.T) {
	sc, docs := team(t, "alice", "bob")
	rep, err := agreement.Compute(sc, docs, agreement.Options{})
	if err != nil {
		t.Fatal(err)
	}
	agreementtest.Check(t, rep, agreementtest.TeamTwo)
	if len(rep.Annotators) != 2 {
		t.Errorf("annotators %v", rep.Annotators)
	}
	// A gold layer made in curation is no annotator: the same figures with
	// gold's copy of alice's work beside it.
	withGold := make([]annotate.AnnotatedDoc, len(docs))
	for i, d := range docs {
		withGold[i] = d
		withGold[i].Spans = append([]annotate.Span(nil), d.Spans...)
		withGold[i].Labels = append([]annotate.DocLabel(nil), d.Labels...)
		for _, sp := range d.Spans {
			if sp.Annotator == "alice" {
				sp.Annotator, sp.ID, sp.Provenance = annotate.GoldAnnotator, "g"+sp.ID, annotate.Adjudicated("alice")
				withGold[i].Spans = append(withGold[i].Spans, sp)
			}
		}
		for _, dl := range d.Labels {
			if dl.Annotator == "alice" {
				dl.Annotator = annotate.GoldAnnotator
				withGold[i].Labels = append(withGold[i].Labels, dl)
			}
		}
	}
	rep, err = agreement.Compute(sc, withGold, agreement.Options{})
	if err != nil {
		t.Fatal(err)
	}
	agreementtest.Check(t, rep, agreementtest.TeamTwo)
	if len(rep.Annotators) != 2 {
		t.Errorf("with a gold layer: annotators %v", rep.Annotators)
	}

	sc, docs = team(t, "alice", "bob", "carol")
	rep, err = agreement.Compute(sc, docs, agreement.Options{})
	if err != nil {
		t.Fatal(err)
	}
	agreementtest.Check(t, rep, agreementtest.TeamThree)

	// --annotators narrows to a pair: the same figures as the pair alone.
	rep, err = agreement.Compute(sc, docs, agreement.Options{Annotators: []string{"alice", "bob"}, Layers: []string{"genre", "techniques"}})
	if err != nil {
		t.Fatal(err)
	}
	agreementtest.Check(t, rep, []agreementtest.Want{agreementtest.TeamTwo[1], agreementtest.TeamTwo[7]})
	if len(rep.Layers) != 2 {
		t.Errorf("layers %d, want 2", len(rep.Layers))
	}
	if _, err := agreement.Compute(sc, docs, agreement.Options{Layers: []string{"nope"}}); annotate.ErrorCode(err) != annotate.EInvalid {
		t.Errorf("unknown layer: %v", err)
	}
}

func TestWarnings(t *testing.T) {
	sc, docs := team(t, "alice", "bob")
	rep, _ := agreement.Compute(sc, docs, agreement.Options{Layers: []string{"genre"}})
	f, _ := rep.Layers[0].All.Get(agreement.CohenKappa)
	if len(f.Warnings) == 0 {
		t.Errorf("κ over 4 documents: no warning of too few items")
	}
	// One label dominating: 20 documents, all "reporting" but one.
	var many []annotate.AnnotatedDoc
	for i := range 20 {
		d := annotate.AnnotatedDoc{Document: annotate.Document{ID: string(rune('a' + i)), Text: "x"}}
		b := "reporting"
		if i == 0 {
			b = "opinion"
		}
		d.Labels = []annotate.DocLabel{{Layer: "genre", Label: "reporting", Annotator: "alice"}, {Layer: "genre", Label: b, Annotator: "bob"}}
		many = append(many, d)
	}
	rep, _ = agreement.Compute(sc, many, agreement.Options{Layers: []string{"genre"}})
	f, _ = rep.Layers[0].All.Get(agreement.CohenKappa)
	o, _ := rep.Layers[0].All.Get(agreement.ObservedAgreement)
	if *o.Value != 0.95 || *f.Value != 0 || len(f.Warnings) != 1 {
		t.Errorf("paradox: observed %v, κ %v, warnings %q", *o.Value, *f.Value, f.Warnings)
	}
}
