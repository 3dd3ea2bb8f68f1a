// Package findingstest holds a small corpus whose findings were worked out
// by hand (see the comments in Corpus and the tables in findings_test.go and
// cli/report_test.go): overlapping techniques, a technique over two claims,
// several sources, dates in three forms and none, two annotators on one
// document, a claim text with quotes, a comma and a line break.
package findingstest

import (
	"fmt"
	"strings"
	"time"

	"frametag/annotate"
	"frametag/annotate/schemes"
)

// Schema is the corpus's schema: the default one.
func Schema() annotate.Schema { return schemes.Default() }

var created = time.Date(2024, 5, 1, 12, 0, 0, 0, time.UTC)

type builder struct{ d annotate.AnnotatedDoc }

// span marks the nth (from 1) occurrence of what in the text.
func (b *builder) span(id, layer, label, annotator, what string, nth int, attrs annotate.Attrs) {
	at := -1
	for i, from := 0, 0; i < nth; i++ {
		j := strings.Index(b.d.Text[from:], what)
		if j < 0 {
			panic(fmt.Sprintf("%s: %q occurs fewer than %d times", b.d.ID, what, nth))
		}
		at = from + j
		from = at + 1
	}
	start := annotate.CodePointLen(b.d.Text[:at])
	b.d.Spans = append(b.d.Spans, annotate.Span{ID: id, DocID: b.d.ID, Layer: layer, Label: label,
		Fragments: []annotate.Fragment{{Start: start, End: start + annotate.CodePointLen(what)}},
		Attrs:     attrs, Annotator: annotator, Created: created, Updated: created})
}

func (b *builder) rel(id, from, to, annotator string) {
	b.d.Relations = append(b.d.Relations, annotate.Relation{ID: id, DocID: b.d.ID, Type: "attributed_to",
		From: from, To: to, Annotator: annotator, Created: created})
}

func (b *builder) frame(label, annotator string) {
	b.d.Labels = append(b.d.Labels, annotate.DocLabel{Layer: "frame", Label: label, Annotator: annotator})
}

func doc(id, source, published, text string) *builder {
	return &builder{d: annotate.AnnotatedDoc{Document: annotate.Document{ID: id, Title: id, Text: text,
		Meta: annotate.Meta{Source: source, Published: published}}}}
}

// Corpus is four documents annotated by alice, one of them by bob too.
func Corpus() []annotate.AnnotatedDoc {
	const LL, EM, NC = "Loaded_Language", "Exaggeration-Minimisation", "Name_Calling-Labeling"

	// d1, Daily A, January 2024: alice and bob both attribute "taxes will
	// double" to the minister; alice marks two techniques inside the claim
	// (overlapping each other) and one outside it.
	d1 := doc("d1", "Daily A", "2024-01-15", "Minister Smith said taxes will double. The traitors lie.")
	d1.span("a-act1", "actor", "PERSON", "alice", "Minister Smith", 1, annotate.Attrs{"canonical_name": "John  Smith"})
	d1.span("a-c1", "claim", "Claim", "alice", "taxes will double", 1, annotate.Attrs{"checkworthy": "yes"})
	d1.rel("a-r1", "a-c1", "a-act1", "alice")
	d1.span("a-t1", "technique", LL, "alice", "double", 1, nil)
	d1.span("a-t2", "technique", EM, "alice", "taxes will double", 1, nil)
	d1.span("a-t3", "technique", NC, "alice", "The traitors", 1, nil)
	d1.frame("Economic", "alice")
	d1.frame("Political", "alice")
	// bob: no canonical name, so the actor is "Smith", his mention's text.
	d1.span("b-act1", "actor", "PERSON", "bob", "Smith", 1, nil)
	d1.span("b-c1", "claim", "Claim", "bob", "taxes will double", 1, nil)
	d1.rel("b-r1", "b-c1", "b-act1", "bob")
	d1.span("b-t1", "technique", LL, "bob", "double", 1, nil)
	d1.frame("Economic", "bob")

	// d2, Daily A, March 2024: two actors, one Repetition span over both
	// their claims (it counts for each actor).
	d2 := doc("d2", " Daily A", "2024-03-02T08:30:00Z", "The Union claims jobs are vanishing. Smith agrees, everybody knows it.")
	d2.span("a-act2", "actor", "ORG", "alice", "The Union", 1, annotate.Attrs{"canonical_name": "Workers' Union"})
	d2.span("a-c2", "claim", "Claim", "alice", "jobs are vanishing", 1, annotate.Attrs{"checkworthy": "no"})
	d2.rel("a-r2", "a-c2", "a-act2", "alice")
	d2.span("a-act3", "actor", "PERSON", "alice", "Smith", 1, annotate.Attrs{"canonical_name": "John Smith"})
	d2.span("a-c3", "claim", "Claim", "alice", "everybody knows it", 1, nil)
	d2.rel("a-r3", "a-c3", "a-act3", "alice")
	d2.span("a-t4", "technique", "Appeal_to_Popularity", "alice", "everybody knows it", 1, nil)
	d2.span("a-t5", "technique", "Repetition", "alice", "vanishing. Smith agrees, everybody", 1, nil)

	// d3, no source, no date: one technique, one frame, no claims.
	d3 := doc("d3", "", "", "Nothing here. Propaganda everywhere.")
	d3.span("a-t6", "technique", LL, "alice", "Propaganda everywhere", 1, nil)
	d3.frame("Security_and_defense", "alice")

	// d4, Blog B, March 2024: a claim with quotes, a comma and a line
	// break; one Loaded_Language span over both claims of one actor (it
	// counts once for him); a claim attributed to nobody.
	d4 := doc("d4", "Blog B", "2024-03", "He said \"we win, always\"\nand left. Nobody said fine.")
	d4.span("a-act4", "actor", "PERSON", "alice", "He", 1, nil)
	d4.span("a-c4", "claim", "Claim", "alice", "\"we win, always\"", 1, annotate.Attrs{"checkworthy": "no"})
	d4.rel("a-r4", "a-c4", "a-act4", "alice")
	d4.span("a-c5", "claim", "Claim", "alice", "and left", 1, nil)
	d4.rel("a-r5", "a-c5", "a-act4", "alice")
	d4.span("a-c6", "claim", "Claim", "alice", "fine", 1, nil)
	d4.span("a-t7", "technique", "Slogans", "alice", "we win, always", 1, nil)
	d4.span("a-t8", "technique", LL, "alice", "always\"\nand", 1, nil)

	docs := []annotate.AnnotatedDoc{d1.d, d2.d, d3.d, d4.d}
	for i := range docs {
		annotate.SortSpans(docs[i].Spans)
	}
	return docs
}
