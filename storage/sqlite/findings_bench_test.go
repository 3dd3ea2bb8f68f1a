package sqlite

import (
	"database/sql"
	"frametag/internal/benchcpu"
	"path/filepath"
	"testing"

	"frametag/annotate"
	"frametag/annotate/findings"
	"frametag/annotate/findings/findingstest"
	"frametag/storage/storagetest"
)

// findingsQueries are the report's counts as plain SQL GROUP BYs over the
// project's tables: the baseline BenchmarkFindings100k measures
// findings.Compute against. Each counts what the table of that name counts
// (technique-by-actor without a technique counted once per actor, and
// with the overlap of first to last character rather than of fragments).
var findingsQueries = []struct{ name, query string }{
	{"technique-by-actor", `SELECT ac.name, t.label, count(*)
		FROM relations r
		JOIN spans c ON c.doc = r.doc AND c.id = r.from_span AND c.layer = 'claim'
		JOIN spans a ON a.doc = r.doc AND a.id = r.to_span AND a.layer = 'actor'
		LEFT JOIN actors ac ON ac.id = a.actor
		JOIN spans t ON t.doc_pos = c.doc_pos AND t.layer = 'technique' AND t.annotator = c.annotator
			AND t.start < c."end" AND c.start < t."end"
		WHERE r.type = 'attributed_to'
		GROUP BY 1, 2`},
	{"technique-by-source", `SELECT d.source, s.label, count(*) FROM spans s JOIN documents d ON d.position = s.doc_pos
		WHERE s.layer = 'technique' GROUP BY 1, 2`},
	{"frame-by-source", `SELECT d.source, l.label, count(*) FROM doc_labels l JOIN documents d ON d.id = l.doc
		WHERE l.layer = 'frame' GROUP BY 1, 2`},
	{"techniques-over-time", `SELECT substr(d.published, 1, 7), s.label, count(*) FROM spans s JOIN documents d ON d.position = s.doc_pos
		WHERE s.layer = 'technique' GROUP BY 1, 2`},
	{"labels", `SELECT layer, label, count(*), count(DISTINCT doc_pos), count(DISTINCT annotator) FROM spans GROUP BY 1, 2`},
	{"documents-by-source", `SELECT source, count(*) FROM documents GROUP BY 1`},
}

// BenchmarkFindings100k compares the report's tables (annotate/findings)
// with plain SQL over a project of 100,000 documents with 400,000 spans
// (findingstest.Synthetic), in one run: "tables" is every table computed
// from the documents held in memory; "export+tables" reads them from the
// project first, as `frametag report` does; "sql/NAME" is one GROUP BY,
// "sql/all" all of them. The project is made once, outside the timing.
func BenchmarkFindings100k(b *testing.B) {
	ctx := b.Context()
	path := filepath.Join(b.TempDir(), "findings.frametag")
	s, err := Create(ctx, path, findingstest.Schema())
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	if _, err := s.Import(ctx, storagetest.Seq(findingstest.Synthetic(100_000))); err != nil {
		b.Fatal(err)
	}
	sc, err := s.Schema(ctx)
	if err != nil {
		b.Fatal(err)
	}
	var docs []annotate.AnnotatedDoc
	entries, err := s.Actors(ctx)
	if err != nil {
		b.Fatal(err)
	}
	// Actors named by their registry entries, as project.Findings does.
	reg := annotate.NewRegistry(entries)
	if err := s.Export(ctx, func(d annotate.AnnotatedDoc) error { reg.Named(&d); docs = append(docs, d); return nil }); err != nil {
		b.Fatal(err)
	}
	if len(entries) == 0 {
		b.Fatal("the import made no registry entries")
	}
	spans := 0
	for _, d := range docs {
		spans += len(d.Spans)
	}
	if len(docs) != 100_000 || spans != 400_000 {
		b.Fatalf("%d documents, %d spans", len(docs), spans)
	}

	b.Run("tables", func(b *testing.B) {
		defer benchcpu.PerOp(b)()
		for b.Loop() {
			findings.Compute(sc, docs, findings.Options{})
		}
	})
	b.Run("export+tables", func(b *testing.B) {
		defer benchcpu.PerOp(b)()
		for b.Loop() {
			fb := findings.New(sc, findings.Options{})
			entries, err := s.Actors(ctx)
			if err != nil {
				b.Fatal(err)
			}
			reg := annotate.NewRegistry(entries)
			if err := s.Export(ctx, func(d annotate.AnnotatedDoc) error { reg.Named(&d); fb.Add(&d); return nil }); err != nil {
				b.Fatal(err)
			}
			fb.Findings()
		}
	})
	run := func(b *testing.B, query string) {
		rows, err := s.db.QueryContext(ctx, query)
		if err != nil {
			b.Fatal(err)
		}
		defer rows.Close()
		cols, _ := rows.Columns()
		vals := make([]any, len(cols))
		for i := range vals {
			vals[i] = new(sql.RawBytes)
		}
		n := 0
		for rows.Next() {
			if err := rows.Scan(vals...); err != nil {
				b.Fatal(err)
			}
			n++
		}
		if err := rows.Err(); err != nil || n == 0 {
			b.Fatalf("%d rows, %v", n, err)
		}
	}
	for _, q := range findingsQueries {
		b.Run("sql/"+q.name, func(b *testing.B) {
			defer benchcpu.PerOp(b)()
			for b.Loop() {
				run(b, q.query)
			}
		})
	}
	b.Run("sql/all", func(b *testing.B) {
		defer benchcpu.PerOp(b)()
		for b.Loop() {
			for _, q := range findingsQueries {
				run(b, q.query)
			}
		}
	})
}
