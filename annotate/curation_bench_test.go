package annotate

import (
	"fmt"
	"testing"
)

// BenchmarkAlign aligns one document of three annotators' 39 spans (ten
// actors each, four of them disputed, and three claims each, alike), their
// nine relations from the claims to the actors (one of them disputed) and
// their genres, as the queue does per document.
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
		for k := 0; k < 3; k++ {
			d.Spans = append(d.Spans, Span{ID: fmt.Sprintf("c%d-%d", a, k), DocID: "d", Layer: "claim", Label: "Claim",
				Fragments: []Fragment{{Start: k*90 + 30, End: k*90 + 60}}, Annotator: who})
			to := k
			if a == 2 && k == 2 {
				to = 1
			}
			d.Relations = append(d.Relations, Relation{ID: fmt.Sprintf("r%d-%d", a, k), DocID: "d", Type: "said_by",
				From: fmt.Sprintf("c%d-%d", a, k), To: fmt.Sprintf("s%d-%d", a, to), Annotator: who})
		}
		d.Labels = append(d.Labels, DocLabel{Layer: "genre", Label: []string{"news", "opinion"}[a%2], Annotator: who})
	}
	SortSpans(d.Spans)
	b.ReportAllocs()
	for b.Loop() {
		if c := Align(d, &sc, nil); c.Counts().Disputes != 5 || c.Waiting != 9 {
			b.Fatal(c.Counts(), c.Waiting)
		}
	}
}
