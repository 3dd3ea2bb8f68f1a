package project

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/clipperhouse/uax29/v2/words"

	"frametag/annotate"
	"frametag/annotate/schemes"
)

// benchCorpus is n documents of 150 words from a Zipf vocabulary of
// 20,000; every tenth is labelled (two spans by ada of 1–2 words) and every
// twentieth by bob too (one of them moved), so that every order has work.
func benchCorpus(n int) []annotate.AnnotatedDoc {
	rng := rand.New(rand.NewPCG(9, 10))
	z := rand.NewZipf(rng, 1.1, 1, 19999)
	docs := make([]annotate.AnnotatedDoc, n)
	for i := range docs {
		var sb strings.Builder
		for w := range 150 {
			if w > 0 {
				sb.WriteByte(' ')
			}
			fmt.Fprintf(&sb, "w%d", z.Uint64())
		}
		text := sb.String()
		d := annotate.AnnotatedDoc{Document: annotate.Document{ID: fmt.Sprintf("d%06d", i), Text: text}}
		if i%10 == 0 {
			ends := []int{strings.IndexByte(text, ' '), strings.IndexByte(text[20:], ' ') + 20}
			d.Spans = []annotate.Span{
				{ID: "a", Layer: "technique", Label: "Doubt", Annotator: "ada", Fragments: []annotate.Fragment{{Start: 0, End: ends[0]}}},
				{ID: "b", Layer: "technique", Label: "Flag_Waving", Annotator: "ada", Fragments: []annotate.Fragment{{Start: 20, End: ends[1]}}},
			}
			if i%20 == 0 {
				d.Spans = append(d.Spans, annotate.Span{ID: "c", Layer: "technique", Label: "Doubt", Annotator: "bob", Fragments: []annotate.Fragment{{Start: 0, End: ends[0] + rng.IntN(2)}}})
			}
		}
		docs[i] = d
	}
	return docs
}

// BenchmarkRank100kDocuments is each "next document" order over 100,000
// documents (15 M words) read already; "baseline" is the floor of any
// order over the texts: one pass segmenting every text into words.
func BenchmarkRank100kDocuments(b *testing.B) {
	docs := benchCorpus(100_000)
	sc := schemes.Default()
	b.Run("baseline", func(b *testing.B) {
		for b.Loop() {
			n := 0
			for _, d := range docs {
				it := words.FromString(d.Text)
				for it.Next() {
					n++
				}
			}
		}
	})
	for _, by := range []OrderBy{OrderUncertain, OrderNovel, OrderDisputed} {
		b.Run(string(by), func(b *testing.B) {
			for b.Loop() {
				r, err := Rank(b.Context(), by, sc, docs, nil, "ada")
				if err != nil || len(r) == 0 {
					b.Fatal(err, len(r))
				}
			}
		})
	}
}
