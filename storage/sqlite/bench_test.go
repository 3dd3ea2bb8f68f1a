package sqlite

import (
	"database/sql"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
	"unicode"
	"unicode/utf8"

	"frametag/annotate"
	"frametag/storage/storagetest"
)

// benchDocs is the size of the generated corpus: 10,000 news-sized articles.
const benchDocs = 10_000

var benchWords = strings.Fields(`the government said on tuesday that inflation would fall to two per cent by
spring although critics at the central bank and several opposition parties disagreed strongly with
the forecast minister economy prices wages workers union strike energy gas electricity imports
exports trade deal european commission brussels parliament vote election campaign poll voters
police protest city council mayor hospital doctors nurses schools teachers students climate
policy emissions targets company shares market investors quarter profit losses jobs report
according to officials sources familiar with the matter told reporters café résumé naïve façade
Zürich São Paulo Kraków “crisis” ‘reform’ — growth…`)

// genCorpus makes n deterministic articles of about 3–5 KB in paragraphs, each
// with a few spans (a claim on a whole sentence, actors on single words).
func genCorpus(n int) []annotate.AnnotatedDoc {
	rng := rand.New(rand.NewPCG(2026, 11))
	created := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
	docs := make([]annotate.AnnotatedDoc, n)
	var sb strings.Builder
	for i := range docs {
		sb.Reset()
		target := 3000 + rng.IntN(2000)
		type sentence struct{ start, end int } // code points
		var sentences []sentence
		cp := 0
		for sb.Len() < target {
			if len(sentences) > 0 && rng.IntN(5) == 0 {
				sb.WriteString("\n\n")
				cp += 2
			}
			start := cp
			words := 8 + rng.IntN(20)
			for w := range words {
				word := benchWords[rng.IntN(len(benchWords))]
				if w == 0 {
					r, size := utf8.DecodeRuneInString(word)
					word = string(unicode.ToUpper(r)) + word[size:]
				}
				sb.WriteString(word)
				cp += annotate.CodePointLen(word)
				if w < words-1 {
					sb.WriteByte(' ')
					cp++
				}
			}
			sb.WriteString(". ")
			sentences = append(sentences, sentence{start, cp + 1})
			cp += 2
		}
		id := fmt.Sprintf("news-%05d", i)
		d := annotate.AnnotatedDoc{Document: annotate.Document{
			ID: id, Title: fmt.Sprintf("Article %d: %s", i, benchWords[i%len(benchWords)]), Text: sb.String(),
			Meta: annotate.Meta{Source: "Generated Gazette", Language: "en", Published: "2026-01-02"},
		}}
		spans := 2 + rng.IntN(4)
		for j := range spans {
			s := sentences[(j*len(sentences))/spans]
			sp := annotate.Span{ID: fmt.Sprintf("s-%05d-%d", i, j), Annotator: "gen", Created: created, Updated: created}
			if j%2 == 0 {
				sp.Layer, sp.Label = "claim", "Claim"
				sp.Fragments = []annotate.Fragment{{Start: s.start, End: s.end}}
				sp.Attrs = annotate.Attrs{"certainty": "high"}
			} else {
				sp.Layer, sp.Label = "actor", "Person"
				sp.Fragments = []annotate.Fragment{{Start: s.start, End: s.start + 3}}
			}
			d.Spans = append(d.Spans, sp)
		}
		docs[i] = d
	}
	return docs
}

// benchFixture holds what the benchmarks share within one run of the test
// binary: generating and importing 10,000 documents once instead of once per
// benchmark round. Only benchmarks touch it, so plain `go test` stays fast.
type benchFixture struct {
	corpusOnce sync.Once
	corpus     []annotate.AnnotatedDoc

	projectOnce sync.Once
	dir         string
	project     string
	projectErr  error
}

var bench benchFixture

func (f *benchFixture) docs() []annotate.AnnotatedDoc {
	f.corpusOnce.Do(func() { f.corpus = genCorpus(benchDocs) })
	return f.corpus
}

// exportProject is a project holding the corpus, made once.
func (f *benchFixture) exportProject(b *testing.B) string {
	f.projectOnce.Do(func() {
		f.dir, f.projectErr = os.MkdirTemp("", "frametag-bench-")
		if f.projectErr != nil {
			return
		}
		f.project = filepath.Join(f.dir, "export.frametag")
		s, err := Create(b.Context(), f.project, storagetest.Schema())
		if err != nil {
			f.projectErr = err
			return
		}
		if _, err := s.Import(b.Context(), storagetest.Seq(f.docs())); err != nil {
			f.projectErr = err
		}
		if err := s.Close(); err != nil && f.projectErr == nil {
			f.projectErr = err
		}
	})
	if f.projectErr != nil {
		b.Fatal(f.projectErr)
	}
	return f.project
}

func (f *benchFixture) cleanup() {
	if f.dir != "" {
		os.RemoveAll(f.dir)
	}
}

// BenchmarkApplyAddSpan is one Apply of an add-span edit per op on a real
// file with synchronous=FULL: each op validates, writes the span and the
// log entry and fsyncs the commit.
func BenchmarkApplyAddSpan(b *testing.B) {
	s, _ := newProject(b)
	docs := genCorpus(100)
	if _, err := s.Import(b.Context(), storagetest.Seq(docs)); err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		d := docs[i%len(docs)]
		start := (i / len(docs) * 7) % (annotate.CodePointLen(d.Text) - 10)
		if _, err := s.Apply(b.Context(), annotate.AddSpan(annotate.Span{DocID: d.ID, Layer: "actor", Label: "Organisation",
			Annotator: "bench", Fragments: []annotate.Fragment{{Start: start, End: start + 5}}})); err != nil {
			b.Fatal(err)
		}
	}
}

// freshProject creates an empty project outside the timer.
func freshProject(b *testing.B, dir string, round int) *Store {
	b.StopTimer()
	defer b.StartTimer()
	s, err := Create(b.Context(), filepath.Join(dir, fmt.Sprintf("import-%d.frametag", round)), storagetest.Schema())
	if err != nil {
		b.Fatal(err)
	}
	return s
}

func closeAndRemove(b *testing.B, s *Store) {
	b.StopTimer()
	defer b.StartTimer()
	if err := s.Close(); err != nil {
		b.Fatal(err)
	}
	for _, suffix := range []string{"", "-wal", "-shm"} {
		os.Remove(s.Path() + suffix)
	}
}

// BenchmarkImport10k imports the corpus into a new project: validation,
// hashing, JSON encoding, dedupe lookups and inserts, in one transaction.
func BenchmarkImport10k(b *testing.B) {
	docs := bench.docs()
	dir := b.TempDir()
	b.ResetTimer()
	for round := 0; b.Loop(); round++ {
		s := freshProject(b, dir, round)
		res, err := s.Import(b.Context(), storagetest.Seq(docs))
		if err != nil || res.Added != len(docs) {
			b.Fatalf("Import = %+v, %v", res, err)
		}
		closeAndRemove(b, s)
	}
}

// BenchmarkImport10kBaseline inserts the same document and span rows, with
// every value computed beforehand, through one prepared statement per table
// in one transaction, with no validation, then builds the same full-text
// index with the same single statement: the floor Import is measured
// against. It writes into the same tables and indexes of a new project.
func BenchmarkImport10kBaseline(b *testing.B) {
	docs := bench.docs()
	type docRow struct{ args []any }
	var docRows, spanRows []docRow
	for i, d := range docs {
		args, err := documentArgs(int64(i+1), d.Document, annotate.TextHash(d.Text))
		if err != nil {
			b.Fatal(err)
		}
		docRows = append(docRows, docRow{args})
		for _, sp := range d.Spans {
			sp.DocID = d.ID
			args, err := spanArgs(sp)
			if err != nil {
				b.Fatal(err)
			}
			spanRows = append(spanRows, docRow{args})
		}
	}
	dir := b.TempDir()
	ctx := b.Context()
	b.ResetTimer()
	for round := 0; b.Loop(); round++ {
		s := freshProject(b, dir, round)
		err := func() error {
			tx, err := s.db.BeginTx(ctx, nil)
			if err != nil {
				return err
			}
			defer tx.Rollback()
			docStmt, err := tx.PrepareContext(ctx, insertDocumentSQL)
			if err != nil {
				return err
			}
			spanStmt, err := tx.PrepareContext(ctx, insertSpanSQL)
			if err != nil {
				return err
			}
			for _, r := range docRows {
				if _, err := docStmt.ExecContext(ctx, r.args...); err != nil {
					return err
				}
			}
			for _, r := range spanRows {
				if _, err := spanStmt.ExecContext(ctx, r.args...); err != nil {
					return err
				}
			}
			// The same full-text index, so that both end with the same file.
			if err := indexNewDocuments(ctx, tx, 1); err != nil {
				return err
			}
			return tx.Commit()
		}()
		if err != nil {
			b.Fatal(err)
		}
		closeAndRemove(b, s)
	}
}

// openBenchProject opens the shared 10,000-document project, closed when the
// benchmark ends.
func openBenchProject(b *testing.B) *Store {
	s, err := Open(b.Context(), bench.exportProject(b))
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { s.Close() })
	return s
}

// BenchmarkExport10k streams every document with its annotations, decoded
// into domain values.
func BenchmarkExport10k(b *testing.B) {
	s := openBenchProject(b)
	b.ResetTimer()
	for b.Loop() {
		docs, spans := 0, 0
		if err := s.Export(b.Context(), func(d annotate.AnnotatedDoc) error {
			docs++
			spans += len(d.Spans)
			return nil
		}); err != nil {
			b.Fatal(err)
		}
		if docs != benchDocs || spans == 0 {
			b.Fatalf("exported %d documents, %d spans", docs, spans)
		}
	}
}

// BenchmarkExport10kBaseline is a plain scan of the same rows: documents and
// spans selected and scanned into variables, nothing decoded or grouped.
func BenchmarkExport10kBaseline(b *testing.B) {
	s := openBenchProject(b)
	ctx := b.Context()
	b.ResetTimer()
	for b.Loop() {
		err := func() error {
			tx, err := s.db.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
			if err != nil {
				return err
			}
			defer tx.Rollback()
			rows, err := tx.QueryContext(ctx, `SELECT `+documentColumns+` FROM documents ORDER BY position`)
			if err != nil {
				return err
			}
			var pos int64
			var id, title, text, source, url, published, language, sha string
			var extra sql.NullString
			n := 0
			for rows.Next() {
				if err := rows.Scan(&pos, &id, &title, &text, &source, &url, &published, &language, &extra, &sha); err != nil {
					return err
				}
				n++
			}
			if err := rows.Err(); err != nil {
				return err
			}
			rows, err = tx.QueryContext(ctx, `SELECT `+spanColumns+` FROM spans`)
			if err != nil {
				return err
			}
			var layer, label, frags, note, ann, created, updated string
			var attrs sql.NullString
			for rows.Next() {
				if err := rows.Scan(&id, &text, &layer, &label, &frags, &attrs, &note, &ann, &created, &updated); err != nil {
					return err
				}
			}
			if n != benchDocs {
				return fmt.Errorf("scanned %d documents", n)
			}
			return rows.Err()
		}()
		if err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkListDocuments10k lists the 10,000 documents with one annotator's
// status and span count: what the window does when it opens a project.
func BenchmarkListDocuments10k(b *testing.B) {
	s := openBenchProject(b)
	b.ResetTimer()
	for b.Loop() {
		docs, err := s.Documents(b.Context(), "bench")
		if err != nil {
			b.Fatal(err)
		}
		if len(docs) != benchDocs {
			b.Fatalf("listed %d documents, want %d", len(docs), benchDocs)
		}
	}
}

// BenchmarkDocumentList10k is what the window does instead when a project
// opens: the 10,000 documents with the annotator's status, no span counts,
// then the counts of the 30 rows in view, by annotator.
func BenchmarkDocumentList10k(b *testing.B) {
	s := openBenchProject(b)
	b.ResetTimer()
	for b.Loop() {
		docs, err := s.DocumentList(b.Context(), "bench")
		if err != nil {
			b.Fatal(err)
		}
		if len(docs) != benchDocs {
			b.Fatalf("listed %d documents, want %d", len(docs), benchDocs)
		}
		ids := make([]string, 30)
		for i := range ids {
			ids[i] = docs[i].ID
		}
		if _, err := s.SpanCountsByAnnotator(b.Context(), ids); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkSearchDocuments10k runs a one-word filter that matches many
// documents through the full-text index, as the document list's filter box does.
func BenchmarkSearchDocuments10k(b *testing.B) {
	s := openBenchProject(b)
	b.ResetTimer()
	for b.Loop() {
		docs, err := s.SearchDocuments(b.Context(), "zürich", "bench")
		if err != nil {
			b.Fatal(err)
		}
		if len(docs) == 0 {
			b.Fatal("the filter found nothing")
		}
	}
}

// BenchmarkRowCounts10k counts the spans of 30 documents spread over the
// list by annotator: what the document list asks when rows come into view.
func BenchmarkRowCounts10k(b *testing.B) {
	s := openBenchProject(b)
	docs, err := s.DocumentList(b.Context(), "bench")
	if err != nil {
		b.Fatal(err)
	}
	ids := make([]string, 30)
	for i := range ids {
		ids[i] = docs[i*300].ID
	}
	b.ResetTimer()
	for b.Loop() {
		if _, err := s.SpanCountsByAnnotator(b.Context(), ids); err != nil {
			b.Fatal(err)
		}
	}
}
