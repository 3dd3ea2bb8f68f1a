package app

import (
	"frametag/internal/benchcpu"
	"path/filepath"
	"runtime"
	"testing"

	"frametag/annotate"
	"frametag/annotate/findings"
	"frametag/annotate/findings/findingstest"
	"frametag/project"
	"frametag/report"
	"frametag/storage/sqlite"
	"frametag/storage/storagetest"
)

// BenchmarkAnalysis100k measures what the Analysis window does on a project
// of 100,000 documents with 400,000 spans (findingstest.Synthetic), as the
// window's background work does it (tables, charts, annotator choices; a
// cell's spans listed and described), in one run:
//
//   - before/*: reading every document from the project for each request
//     (project.Findings, project.SpansBehind), as the window did;
//   - after/open: the first request, a cold project.FindingsCache (the
//     project read into records, then the tables);
//   - after/filter, after/cell: later requests, from the records.
//
// "filter" is one annotator and one source; "cell" the spans behind one
// technique × source count. The project is made once, outside the timing;
// records-MB is the heap the records hold.
func BenchmarkAnalysis100k(b *testing.B) {
	ctx := b.Context()
	path := filepath.Join(b.TempDir(), "analysis.frametag")
	st, err := sqlite.Create(ctx, path, findingstest.Schema())
	if err != nil {
		b.Fatal(err)
	}
	defer st.Close()
	if _, err := st.Import(ctx, storagetest.Seq(findingstest.Synthetic(100_000))); err != nil {
		b.Fatal(err)
	}
	filter := project.FindingsRequest{Annotator: "alice", Sources: []string{"Outlet 07"}}
	cell := findings.Cell{Table: "technique-by-source", Row: "Outlet 07", Col: "Loaded_Language"}
	window := func(b *testing.B, f findings.Findings, err error) {
		if err != nil {
			b.Fatal(err)
		}
		if _, err := chartImages(f, report.Print()); err != nil {
			b.Fatal(err)
		}
	}
	spans := func(b *testing.B, refs []annotate.SpanRef, n int, err error) {
		if err != nil || n == 0 {
			b.Fatalf("%d spans behind %v: %v", n, cell, err)
		}
		if _, err := describeSpans(ctx, st, refs); err != nil {
			b.Fatal(err)
		}
	}

	b.Run("before/open", func(b *testing.B) {
		defer benchcpu.PerOp(b)()
		for b.Loop() {
			f, err := project.Findings(ctx, st, project.FindingsRequest{})
			window(b, f, err)
			if _, err := st.Stats(ctx); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("before/filter", func(b *testing.B) {
		defer benchcpu.PerOp(b)()
		for b.Loop() {
			f, err := project.Findings(ctx, st, filter)
			window(b, f, err)
			if _, err := st.Stats(ctx); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("before/cell", func(b *testing.B) {
		defer benchcpu.PerOp(b)()
		for b.Loop() {
			refs, n, err := project.SpansBehind(ctx, st, filter, cell, maxBehind)
			spans(b, refs, n, err)
		}
	})
	b.Run("after/open", func(b *testing.B) {
		defer benchcpu.PerOp(b)()
		for b.Loop() {
			var c project.FindingsCache
			f, err := c.Findings(ctx, st, project.FindingsRequest{})
			window(b, f, err)
			if _, err := c.Annotators(ctx, st); err != nil {
				b.Fatal(err)
			}
		}
	})
	var c project.FindingsCache
	runtime.GC()
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	if _, err := c.Findings(ctx, st, project.FindingsRequest{}); err != nil {
		b.Fatal(err)
	}
	runtime.GC()
	runtime.ReadMemStats(&after)
	held := float64(after.HeapAlloc) - float64(before.HeapAlloc)
	b.Run("after/filter", func(b *testing.B) {
		defer benchcpu.PerOp(b)()
		for b.Loop() {
			f, err := c.Findings(ctx, st, filter)
			window(b, f, err)
			if _, err := c.Annotators(ctx, st); err != nil {
				b.Fatal(err)
			}
		}
		b.ReportMetric(held/1e6, "records-MB")
	})
	b.Run("after/cell", func(b *testing.B) {
		defer benchcpu.PerOp(b)()
		for b.Loop() {
			refs, n, err := c.SpansBehind(ctx, st, filter, cell, maxBehind)
			spans(b, refs, n, err)
		}
	})
	runtime.KeepAlive(&c)
}
