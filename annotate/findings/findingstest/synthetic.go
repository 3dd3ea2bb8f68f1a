package findingstest

import (
	"fmt"
	"strconv"

	"frametag/annotate"
)

// Synthetic is n generated documents with four spans each (an actor, a
// claim attributed to it, a technique inside the claim and one outside it),
// one relation and one frame: 100,000 of them are the scale benchmark's
// 400,000 spans. Cheap to make: short texts, no randomness (indexes mixed
// by primes), every document valid in the default schema and its text
// unique (so that a store imports them all).
func Synthetic(n int) []annotate.AnnotatedDoc {
	sc := Schema()
	tech, _ := sc.Layer("technique")
	frames, _ := sc.Layer("frame")
	kinds := []string{"PERSON", "ORG", "GPE", "NORP", "GROUP"}
	docs := make([]annotate.AnnotatedDoc, n)
	for i := range docs {
		id := "g" + strconv.Itoa(i)
		actor := fmt.Sprintf("Actor %d", (i*7919)%2000)
		head := actor + " said that "
		claim := fmt.Sprintf("prices in region %d will rise by %d per cent", i, i%50)
		text := head + claim + ". Critics call it a disaster."
		a0 := annotate.CodePointLen(head) // ASCII: code points are bytes
		c1 := a0 + len(claim)
		annotator := "alice"
		if i%3 == 2 {
			annotator = "bob"
		}
		span := func(sid, layer, label string, start, end int, attrs annotate.Attrs) annotate.Span {
			return annotate.Span{ID: sid, DocID: id, Layer: layer, Label: label,
				Fragments: []annotate.Fragment{{Start: start, End: end}}, Attrs: attrs, Annotator: annotator,
				Created: created, Updated: created}
		}
		d := annotate.AnnotatedDoc{Document: annotate.Document{ID: id, Title: id, Text: text,
			Meta: annotate.Meta{Source: fmt.Sprintf("Outlet %02d", (i*31)%40),
				Published: fmt.Sprintf("%d-%02d-%02d", 2022+(i*13)%3, 1+(i*17)%12, 1+i%28)}}}
		d.Spans = []annotate.Span{
			span("s1", "actor", kinds[i%len(kinds)], 0, len(actor), annotate.Attrs{"canonical_name": actor}),
			span("s2", "claim", "Claim", a0, c1, annotate.Attrs{"checkworthy": []string{"yes", "no"}[i%2]}),
			span("s3", "technique", tech.Labels[(i*11)%len(tech.Labels)].Name, c1-8, c1, nil),
			span("s4", "technique", tech.Labels[(i*5)%len(tech.Labels)].Name, len(text)-9, len(text)-1, nil),
		}
		d.Relations = []annotate.Relation{{ID: "r1", DocID: id, Type: "attributed_to", From: "s2", To: "s1",
			Annotator: annotator, Created: created}}
		d.Labels = []annotate.DocLabel{{Layer: "frame", Label: frames.Labels[(i*3)%len(frames.Labels)].Name, Annotator: annotator}}
		docs[i] = d
	}
	return docs
}
