package agreement

import (
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"frametag/annotate"
	"frametag/annotate/format"
)

// team reads testdata/team: the schema, and the four articles with the
// named annotators' annotations put together (matched by text, as a merge
// matches them).
func team(t *testing.T, annotators ...string) (annotate.Schema, []annotate.AnnotatedDoc) {
	t.Helper()
	dir := filepath.Join("..", "..", "testdata", "team")
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

// Want is a figure expected in a report: layer, label ("" all labels),
// measure and value; the hand computations are beside each line.
type Want struct {
	Layer, Label string
	Measure      Measure
	Value        float64
	Items        int
}

// TeamTwo are the figures of testdata/team for alice and bob, by hand.
var TeamTwo = []Want{
	// genre, 4 documents: (rep,rep) (op,rep) (op,op) (sat,sat); p_o = 3/4;
	// p_e = (1·2 + 2·1 + 1·1)/16 = 5/16; κ = (0.75 − 0.3125)/0.6875 = 0.636.
	{"genre", "", ObservedAgreement, 0.750, 4},
	{"genre", "", CohenKappa, 0.636, 4},
	// α: n = 8 (rep 3, op 3, sat 2), o(op,rep)+o(rep,op) = 2,
	// Σ_{c≠k} n_c n_k = 64 − 22 = 42; α = 1 − 7·2/42 = 0.667.
	{"genre", "", KrippendorffAlpha, 0.667, 4},
	// frames, 4 documents × 3 labels used = 12 yes/no units, 2 disagree
	// (d2 Economic, d3 Morality); each says yes 4 times:
	// p_e = (1/3)² + (2/3)² = 5/9; κ = (10/12 − 5/9)/(4/9) = 0.625;
	// α = 1 − 23·4/(2·8·16) = 0.641.
	{"frames", "", ObservedAgreement, 0.833, 12},
	{"frames", "", CohenKappa, 0.625, 12},
	{"frames", "", KrippendorffAlpha, 0.641, 12},
	// frames/Economic: (y,y) (y,n) (n,n) (n,n): p_o 0.75, p_e = ½·¼ + ½·¾ = ½, κ = 0.5.
	{"frames", "Economic", CohenKappa, 0.500, 4},
	// techniques, 4 documents (d4 empty for both):
	// overlap: d1 P num 0.8 + 0.5, R num 1 + 1 + 0.5 + 0 (S 2, T 4);
	// d2 identical (1, 1); d3 bob only (T 1). P = 2.3/3, R = 3.5/6,
	// F1 = 2PR/(P+R) = 0.663. Exact: one match (d2), P = 1/3, R = 1/6, F1 = 0.222.
	{"techniques", "", OverlapF1, 0.663, 4},
	{"techniques", "", ExactF1, 0.222, 4},
	// Doubt only: d1 P 0.5/1, R 0.5/2; d3 R 0/1. P = 0.5, R = 1/6, F1 = 0.25.
	{"techniques", "Doubt", OverlapF1, 0.250, 4},
}

// TeamThree are the figures for alice, bob and carol, by hand (carol did
// not code d4).
var TeamThree = []Want{
	// genre, Fleiss over d1–d3 (all three coded): P_i = 1, 1/3, 1;
	// P̄ = 7/9; p(rep) = 4/9, p(op) = 5/9; P̄_e = 41/81; κ = 22/40 = 0.55.
	{"genre", "", FleissKappa, 0.550, 3},
	// α over d1–d4: n_rep = 4, n_op = 5, n_sat = 2, n = 11, disagreement 2,
	// Σ_{c≠k} n_c n_k = 121 − 45 = 76; α = 1 − 10·2/76 = 0.737.
	{"genre", "", KrippendorffAlpha, 0.737, 4},
	// observed: pairs agreeing per document 1, 1/3, 1, 1: mean 0.833.
	{"genre", "", ObservedAgreement, 0.833, 4},
	// techniques, mean of the three pairs' F1:
	// alice–bob 0.663 (above); alice–carol P = 1/3, R = 1/2, F1 = 0.4;
	// bob–carol P = 3/6, R = 1.8/2, F1 = 0.643. Mean 0.568.
	// Exact: 0.222, 0.4 (P 1/3, R 1/2), 0.25 (P 1/6, R 1/2): mean 0.291.
	{"techniques", "", OverlapF1, 0.568, 4 + 3 + 3},
	{"techniques", "", ExactF1, 0.291, 4 + 3 + 3},
}

// Check compares a report with wanted figures.
func Check(t *testing.T, rep Report, want []Want) {
	t.Helper()
	for _, w := range want {
		var row *Row
		for li := range rep.Layers {
			l := &rep.Layers[li]
			if l.Layer != w.Layer {
				continue
			}
			if w.Label == "" {
				row = &l.All
			}
			for i := range l.Labels {
				if l.Labels[i].Label == w.Label {
					row = &l.Labels[i]
				}
			}
		}
		if row == nil {
			t.Errorf("%s/%s: no row", w.Layer, w.Label)
			continue
		}
		f, ok := row.Get(w.Measure)
		switch {
		case !ok || f.Value == nil:
			t.Errorf("%s/%s %s: no value (%+v)", w.Layer, w.Label, w.Measure, f)
		case *f.Value != w.Value || f.Items != w.Items:
			t.Errorf("%s/%s %s = %.3f over %d items, want %.3f over %d", w.Layer, w.Label, w.Measure, *f.Value, f.Items, w.Value, w.Items)
		}
	}
}

func TestTeam(t *testing.T) {
	sc, docs := team(t, "alice", "bob")
	rep, err := Compute(sc, docs, Options{})
	if err != nil {
		t.Fatal(err)
	}
	Check(t, rep, TeamTwo)
	if len(rep.Annotators) != 2 {
		t.Errorf("annotators %v", rep.Annotators)
	}

	sc, docs = team(t, "alice", "bob", "carol")
	rep, err = Compute(sc, docs, Options{})
	if err != nil {
		t.Fatal(err)
	}
	Check(t, rep, TeamThree)

	// --annotators narrows to a pair: the same figures as the pair alone.
	rep, err = Compute(sc, docs, Options{Annotators: []string{"alice", "bob"}, Layers: []string{"genre", "techniques"}})
	if err != nil {
		t.Fatal(err)
	}
	Check(t, rep, []Want{TeamTwo[1], TeamTwo[7]})
	if len(rep.Layers) != 2 {
		t.Errorf("layers %d, want 2", len(rep.Layers))
	}
	if _, err := Compute(sc, docs, Options{Layers: []string{"nope"}}); annotate.ErrorCode(err) != annotate.EInvalid {
		t.Errorf("unknown layer: %v", err)
	}
}

func TestWarnings(t *testing.T) {
	sc, docs := team(t, "alice", "bob")
	rep, _ := Compute(sc, docs, Options{Layers: []string{"genre"}})
	f, _ := rep.Layers[0].All.Get(CohenKappa)
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
	rep, _ = Compute(sc, many, Options{Layers: []string{"genre"}})
	f, _ = rep.Layers[0].All.Get(CohenKappa)
	o, _ := rep.Layers[0].All.Get(ObservedAgreement)
	if *o.Value != 0.95 || *f.Value != 0 || len(f.Warnings) != 1 {
		t.Errorf("paradox: observed %v, κ %v, warnings %q", *o.Value, *f.Value, f.Warnings)
	}
}
