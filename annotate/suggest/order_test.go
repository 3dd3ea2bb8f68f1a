package suggest

import (
	"fmt"
	"frametag/internal/benchcpu"
	"math/rand/v2"
	"testing"
)

func TestMostUncertain(t *testing.T) {
	sugs := map[string][]Suggestion{
		"sure":     {{Score: 1}, {Score: 1}},
		"middling": {{Score: 0.5}, {Score: 0.6}},
		"one":      {{Score: 0.5}},
	}
	got := MostUncertain([]string{"none", "sure", "one", "middling"}, sugs)
	var ids []string
	for _, r := range got {
		ids = append(ids, r.Doc)
	}
	// middling: 1 + 0.8 = 1.8; one: 1; sure and none: 0, in the given order.
	if fmt.Sprint(ids) != "[middling one none sure]" {
		t.Errorf("order %v", ids)
	}
	if got[0].Why != "2 of 2 suggestions of middling confidence (uncertainty 1.80)" {
		t.Errorf("why %q", got[0].Why)
	}
}

func TestMostNovel(t *testing.T) {
	docs := []NovelDoc{
		{ID: "l1", Text: "The minister said inflation will fall.", Labelled: true},
		{ID: "l2", Text: "Inflation and the minister again.", Labelled: true},
		{ID: "same", Text: "The minister said inflation will fall."},
		{ID: "other", Text: "Football results: the cup final."},
		{ID: "half", Text: "The minister watched the cup final."},
	}
	got := MostNovel(docs)
	var ids []string
	for _, r := range got {
		ids = append(ids, r.Doc)
	}
	if fmt.Sprint(ids) != "[other half same]" {
		t.Errorf("order %v (%+v)", ids, got)
	}
	if got[2].Score > 0.2 || got[0].Score < 0.9 {
		t.Errorf("scores %+v", got)
	}
	none := MostNovel([]NovelDoc{{ID: "a", Text: "x"}, {ID: "b", Text: "y"}})
	if none[0].Doc != "a" || none[0].Why != "nothing labelled yet to compare with" {
		t.Errorf("%+v", none)
	}
}

// BenchmarkOrder100kDocuments ranks 100,000 documents of 150 words, a
// tenth of them labelled, by novelty (TF-IDF cosine to the labelled
// centroid), and by uncertainty from 5 suggestions each.
func BenchmarkOrder100kDocuments(b *testing.B) {
	rng := rand.New(rand.NewPCG(5, 6))
	docs := make([]NovelDoc, 100000)
	ids := make([]string, len(docs))
	sugs := map[string][]Suggestion{}
	for i := range docs {
		id := fmt.Sprintf("d%d", i)
		docs[i] = NovelDoc{ID: id, Text: article(rng, 150), Labelled: i%10 == 0}
		ids[i] = id
		for range 5 {
			sugs[id] = append(sugs[id], Suggestion{Score: rng.Float64()})
		}
	}
	b.Run("novel", func(b *testing.B) {
		defer benchcpu.PerOp(b)()
		for b.Loop() {
			MostNovel(docs)
		}
	})
	b.Run("uncertain", func(b *testing.B) {
		defer benchcpu.PerOp(b)()
		for b.Loop() {
			MostUncertain(ids, sugs)
		}
	})
}
