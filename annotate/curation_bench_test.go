package annotate

import (
	"fmt"
	"testing"
)

// BenchmarkAlign aligns one document of three annotators' 30 spans (ten
// each, four of them disputed) and their genres, as the queue does per
// document.
func BenchmarkAlign(b *testing.B) {
	sc := applySchema()
	d := AnnotatedDoc{Document: Document{ID: "d", Text: string(make([]rune, 1000))}, Status: map[string]Status{}}
	for a, who := range []string{"ana", "ben", "cy"} {
		for k := 0; k < 10; k++ {
			start, end := k*90, k*90+20
			if (a == 1 && k >= 7) || (a == 2 && k >= 6) {
				end += 5 + a
			}
			d.Spans = append(d.Spans, Span{ID: fmt.Sprintf("s%d-%d", a, k), DocID: "d", Layer: "actor", Label: "Person",
				Fragments: []Fragment{{Start: start, End: end}}, Annotator: who})
		}
		d.Labels = append(d.Labels, DocLabel{Layer: "genre", Label: []string{"news", "opinion"}[a%2], Annotator: who})
	}
	SortSpans(d.Spans)
	b.ReportAllocs()
	for b.Loop() {
		if c := Align(d, &sc, nil); c.Counts().Disputes != 5 {
			b.Fatal(c.Counts())
		}
	}
}
