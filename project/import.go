package project

import (
	"context"
	"fmt"
	"iter"
	"strings"

	"frametag/annotate"
	"frametag/annotate/format"
)

// ImportRequest says what to import.
type ImportRequest struct {
	Paths     []string // files or folders, as the user named them
	Format    string   // "": each file's extension decides
	Annotator string   // recorded on annotations that name none
	Progress  Progress
}

// Import is an import resolved, before any project is touched: a typo in a
// path or a format fails in NewImport.
type Import struct {
	reading  *format.Reading
	progress Progress
}

// NewImport resolves what req names: the files, and the format of each.
func (s *Service) NewImport(req ImportRequest) (*Import, error) {
	r, err := s.formats.Read(format.Files(req.Paths), req.Format, format.Options{Annotator: req.Annotator})
	if err != nil {
		return nil, err
	}
	return &Import{reading: r, progress: req.Progress}, nil
}

// schemaSource is a store that tells its schema: formats place labels in
// its layers on import and write it beside the documents on export
// (brat's annotation.conf).
type schemaSource interface {
	Schema(ctx context.Context) (annotate.Schema, error)
}

// ImportSummary says what an import did.
type ImportSummary struct {
	Added      int      // documents added
	Spans      int      // spans on the documents added
	Skipped    int      // documents the project already held (same id or same text)
	SkippedIDs []string // their ids
	Formats    []string // the formats read
	Loss       format.Loss
}

// String is the one-line summary: "imported 4 documents (15 spans);
// skipped 1 already present (plain)".
func (s ImportSummary) String() string {
	var b strings.Builder
	fmt.Fprintf(&b, "imported %s (%s)", plural(s.Added, "document", "documents"), plural(s.Spans, "span", "spans"))
	if s.Skipped > 0 {
		fmt.Fprintf(&b, "; skipped %d already present (%s)", s.Skipped, ListSome(s.SkippedIDs, 10))
	}
	return b.String()
}

// ListSome joins up to max items and says how many more there are.
func ListSome(items []string, max int) string {
	if len(items) <= max {
		return strings.Join(items, ", ")
	}
	return fmt.Sprintf("%s and %d more", strings.Join(items[:max], ", "), len(items)-max)
}

// Importer is what an import needs of a project.
type Importer interface {
	Import(ctx context.Context, docs iter.Seq2[annotate.AnnotatedDoc, error]) (annotate.ImportResult, error)
}

// Run imports into st, all or nothing. A document the project refuses is
// named with the FILE:LINE it was read from. Cancelling ctx before the last
// document is read stops the import and changes nothing (code ECanceled);
// after it, the store indexes and saves regardless, as Progress.Committing
// announces.
func (im *Import) Run(ctx context.Context, st Importer) (ImportSummary, error) {
	if sc, ok := st.(schemaSource); ok {
		if schema, err := sc.Schema(ctx); err == nil {
			im.reading.UseSchema(schema)
		}
	}
	var tally tally
	var where format.Tracker
	stopped := false
	docs := watch(ctx, tally.count(where.Docs(im.reading.Records())), im.progress, &stopped)
	// The store must not see ctx's cancellation: once every document is
	// read, saving them goes on to the end.
	res, err := st.Import(context.WithoutCancel(ctx), docs)
	if stopped {
		return ImportSummary{}, canceled()
	}
	if err != nil {
		return ImportSummary{}, where.Locate(err)
	}
	return ImportSummary{Added: res.Added, Spans: tally.spansAdded(res.SkippedIDs), Skipped: res.Skipped,
		SkippedIDs: res.SkippedIDs, Formats: im.reading.Formats(), Loss: im.reading.Loss()}, nil
}

// watch passes docs through, telling p every ProgressEvery documents, and
// ends with a cancellation (so the import rolls back) once ctx is done,
// checked before each document and once more after the last.
func watch(ctx context.Context, docs iter.Seq2[annotate.AnnotatedDoc, error], p Progress, stopped *bool) iter.Seq2[annotate.AnnotatedDoc, error] {
	return func(yield func(annotate.AnnotatedDoc, error) bool) {
		n := 0
		for d, err := range docs {
			if ctx.Err() != nil {
				*stopped = true
				yield(annotate.AnnotatedDoc{}, canceled())
				return
			}
			if err == nil {
				n++
				p.documents(n)
			}
			if !yield(d, err) {
				return
			}
		}
		if ctx.Err() != nil {
			*stopped = true
			yield(annotate.AnnotatedDoc{}, canceled())
			return
		}
		p.committing(n)
	}
}

// tally remembers what went by, for the summary.
type tally struct {
	ids   []string
	spans []int
}

// count passes documents on, noting each.
func (t *tally) count(docs iter.Seq2[annotate.AnnotatedDoc, error]) iter.Seq2[annotate.AnnotatedDoc, error] {
	return func(yield func(annotate.AnnotatedDoc, error) bool) {
		for d, err := range docs {
			if err == nil {
				t.ids = append(t.ids, d.ID)
				t.spans = append(t.spans, len(d.Spans))
			}
			if !yield(d, err) {
				return
			}
		}
	}
}

// spansAdded counts the spans of the documents that were not skipped.
func (t *tally) spansAdded(skipped []string) int {
	skip := map[string]int{}
	for _, id := range skipped {
		skip[id]++
	}
	n := 0
	// A skipped id is matched to its last occurrence: within one import, the
	// first occurrence of an id is the one that could have been added.
	for i := len(t.ids) - 1; i >= 0; i-- {
		if skip[t.ids[i]] > 0 {
			skip[t.ids[i]]--
			continue
		}
		n += t.spans[i]
	}
	return n
}
