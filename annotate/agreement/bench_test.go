package agreement

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"

	"frametag/annotate"
)

// corpus is n documents of 2,000 characters, each with 10 spans of one of
// 5 techniques and 2 frames by each of three annotators.
func corpus(n int) (annotate.Schema, []annotate.AnnotatedDoc) {
	sc := annotate.Schema{Name: "bench", Version: 1, Layers: []annotate.Layer{
		{Name: "techniques", Kind: annotate.SpanLayer, Overlap: true},
		{Name: "frames", Kind: annotate.DocumentLayer, Multi: true},
	}}
	for i := range 5 {
		sc.Layers[0].Labels = append(sc.Layers[0].Labels, annotate.Label{Name: fmt.Sprint("T", i), Color: "#000000"})
		sc.Layers[1].Labels = append(sc.Layers[1].Labels, annotate.Label{Name: fmt.Sprint("F", i), Color: "#000000"})
	}
	rng := rand.New(rand.NewPCG(3, 4))
	text := strings.Repeat("x", 2000)
	var docs []annotate.AnnotatedDoc
	for d := range n {
		ad := annotate.AnnotatedDoc{Document: annotate.Document{ID: fmt.Sprint("d", d), Text: text}}
		for _, a := range []string{"ann", "ben", "cat"} {
			for range 10 {
				b := rng.IntN(1900)
				ad.Spans = append(ad.Spans, annotate.Span{ID: annotate.NewID("s"), Layer: "techniques", Label: fmt.Sprint("T", rng.IntN(5)),
					Annotator: a, Fragments: []annotate.Fragment{{Start: b, End: b + 1 + rng.IntN(100)}}})
			}
			for range 2 {
				ad.Labels = append(ad.Labels, annotate.DocLabel{Layer: "frames", Label: fmt.Sprint("F", rng.IntN(5)), Annotator: a})
			}
		}
		docs = append(docs, ad)
	}
	return sc, docs
}

// BenchmarkCompute: a report over 1,000 documents, three annotators.
func BenchmarkCompute(b *testing.B) {
	sc, docs := corpus(1000)
	b.ResetTimer()
	for range b.N {
		if _, err := Compute(sc, docs, Options{}); err != nil {
			b.Fatal(err)
		}
	}
}
