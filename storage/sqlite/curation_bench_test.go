package sqlite

import (
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"frametag/annotate"
	"frametag/internal/benchcpu"
	"frametag/project"
	"frametag/storage/storagetest"
)

// curationCorpus is n documents of about 1,000 code points that three
// annotators annotated: ten technique spans each, of which alice's and
// bob's agree on seven, carol's on six (so each document has unanimous
// units and disputes), three actor spans all alike, three attributed_to
// relations from the first techniques to the actors (carol's third to
// another actor: a disputed relation), and a genre each.
func curationCorpus(n int) []annotate.AnnotatedDoc {
	sentence := "The minister said the reform will ruin us all 🙂, and nobody believes it; Иван agrees. "
	text := strings.Repeat(sentence, 11)
	labels := []string{"Loaded_Language", "Doubt", "Slogans"}
	docs := make([]annotate.AnnotatedDoc, n)
	for i := range docs {
		d := annotate.AnnotatedDoc{Document: annotate.Document{ID: fmt.Sprintf("d%06d", i), Title: fmt.Sprintf("Article %d", i), Text: text + fmt.Sprint(i)},
			Status: map[string]annotate.Status{}}
		for a, who := range []string{"alice", "bob", "carol"} {
			for k := 0; k < 10; k++ {
				start := k * 90
				end := start + 20
				if (a == 1 && k >= 7) || (a == 2 && k >= 6) {
					end += 5 + a // differs
				}
				d.Spans = append(d.Spans, annotate.Span{ID: fmt.Sprintf("s%d-%d", a, k), Layer: "techniques", Label: labels[(k+i)%3],
					Fragments: []annotate.Fragment{{Start: start, End: end}}, Annotator: who})
			}
			for k := 0; k < 3; k++ {
				d.Spans = append(d.Spans, annotate.Span{ID: fmt.Sprintf("a%d-%d", a, k), Layer: "actors", Label: "Person",
					Fragments: []annotate.Fragment{{Start: k*90 + 30, End: k*90 + 40}}, Annotator: who})
				to := k
				if a == 2 && k == 2 {
					to = 1
				}
				d.Relations = append(d.Relations, annotate.Relation{ID: fmt.Sprintf("r%d-%d", a, k), Type: "attributed_to",
					From: fmt.Sprintf("s%d-%d", a, k), To: fmt.Sprintf("a%d-%d", a, to), Annotator: who})
			}
			d.Labels = append(d.Labels, annotate.DocLabel{Layer: "genre", Label: []string{"reporting", "opinion"}[(a+i)%2], Annotator: who})
			d.Status[who] = annotate.StatusDone
		}
		docs[i] = d
	}
	return docs
}

func curationSchema() annotate.Schema {
	label := func(names ...string) []annotate.Label {
		var out []annotate.Label
		for i, n := range names {
			out = append(out, annotate.Label{Name: n, Color: []string{"#e69f00", "#56b4e9", "#009e73"}[i]})
		}
		return out
	}
	return annotate.Schema{Name: "curation", Version: 1, Layers: []annotate.Layer{
		{Name: "techniques", Kind: annotate.SpanLayer, Overlap: true, Labels: label("Loaded_Language", "Doubt", "Slogans")},
		{Name: "actors", Kind: annotate.SpanLayer, Labels: label("Person")},
		{Name: "genre", Kind: annotate.DocumentLayer, Labels: label("reporting", "opinion")},
	}, Relations: []annotate.RelationType{{Name: "attributed_to", From: "techniques", To: "actors"}}}
}

// BenchmarkCuration20k times what the curation window and `frametag
// curate` do on a project of 20,000 documents with 780,000 spans and
// 180,000 relations (three annotators), in one run: "export" is the plain read of every document
// (the baseline), "queue" the queue and progress (project.CurationQueue:
// the same read, gold's marks per document and annotate.Align each),
// "align" Align alone over the documents in memory, "open" one document's
// curation as the window opens it. The project is made once, outside the
// timing. Each reports its CPU time too (cpu-ms/op), steadier than the
// wall time on a shared machine.
func BenchmarkCuration20k(b *testing.B) {
	ctx := b.Context()
	path := filepath.Join(b.TempDir(), "curation.frametag")
	s, err := Create(ctx, path, curationSchema())
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	if _, err := s.Import(ctx, storagetest.Seq(curationCorpus(20_000))); err != nil {
		b.Fatal(err)
	}
	var docs []annotate.AnnotatedDoc
	if err := s.Export(ctx, func(d annotate.AnnotatedDoc) error { docs = append(docs, d); return nil }); err != nil {
		b.Fatal(err)
	}
	sc, _ := s.Schema(ctx)
	b.Run("export", func(b *testing.B) {
		defer benchcpu.PerOp(b)()
		for b.Loop() {
			n := 0
			if err := s.Export(ctx, func(annotate.AnnotatedDoc) error { n++; return nil }); err != nil || n != 20_000 {
				b.Fatal(n, err)
			}
		}
	})
	b.Run("queue", func(b *testing.B) {
		defer benchcpu.PerOp(b)()
		for b.Loop() {
			q, err := project.CurationQueue(ctx, s)
			if err != nil || len(q) != 20_000 {
				b.Fatal(len(q), err)
			}
			if p := annotate.Progress(annotate.SortQueue(q)); p.DisputesOpen != 20_000*5 {
				b.Fatalf("progress %+v", p)
			}
		}
	})
	b.Run("align", func(b *testing.B) {
		defer benchcpu.PerOp(b)()
		for b.Loop() {
			for _, d := range docs {
				annotate.Align(d, &sc, nil)
			}
		}
	})
	b.Run("open", func(b *testing.B) {
		defer benchcpu.PerOp(b)()
		for b.Loop() {
			if _, _, err := project.Curation(ctx, s, "d010000"); err != nil {
				b.Fatal(err)
			}
		}
	})
}
