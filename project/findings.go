package project

import (
	"context"
	"slices"
	"strings"
	"sync"

	"frametag/annotate"
	"frametag/annotate/findings"
)

// FindingsSource is what a report needs of a project.
type FindingsSource interface {
	Schema(ctx context.Context) (annotate.Schema, error)
	Export(ctx context.Context, fn func(annotate.AnnotatedDoc) error) error
	Stats(ctx context.Context) (annotate.Stats, error)
}

// FindingsRequest says whose annotations a report counts.
type FindingsRequest struct {
	// Annotator counts only that annotator's annotations ("" for
	// everyone's); Gold counts the gold annotator's and is refused when
	// the project has none.
	Annotator string
	Gold      bool
	// Sources, From, To and Layer narrow what is counted (findings.Options):
	// documents of these sources, published in that range; the label
	// table of that layer only.
	Sources  []string
	From, To string
	Layer    string
	// Trace is told every span each count is made of (findings.Options).
	Trace func(findings.Cell, annotate.SpanRef)
}

// Findings computes a report's tables (see annotate/findings) in one pass
// over the project, keeping neither texts nor documents. It refuses
// (EInvalid) an annotator with no annotations in the project, naming those
// that have some, and --gold in a project without gold annotations.
func Findings(ctx context.Context, st FindingsSource, req FindingsRequest) (findings.Findings, error) {
	sc, err := st.Schema(ctx)
	if err != nil {
		return findings.Findings{}, err
	}
	opt, err := findingsOptions(sc, func() ([]string, error) { return annotatorsWithWork(ctx, st) }, req)
	if err != nil {
		return findings.Findings{}, err
	}
	b := findings.New(sc, opt)
	err = exportNamed(ctx, st, func(d annotate.AnnotatedDoc) error {
		if ctx.Err() != nil {
			return canceled()
		}
		b.Add(&d)
		return nil
	})
	if err != nil {
		return findings.Findings{}, err
	}
	return b.Findings(), nil
}

// annotatorsWithWork are the annotators with annotations in the project, by
// name.
func annotatorsWithWork(ctx context.Context, st FindingsSource) ([]string, error) {
	stats, err := st.Stats(ctx)
	if err != nil {
		return nil, err
	}
	var names []string
	for _, a := range stats.Annotators {
		if a.Spans+a.Relations+a.DocLabels > 0 {
			names = append(names, a.Name)
		}
	}
	slices.Sort(names)
	return names, nil
}

// findingsOptions checks a request against the schema and the annotators
// with annotations (asked only when the request names one) and says it as
// findings.Options.
func findingsOptions(sc annotate.Schema, annotators func() ([]string, error), req FindingsRequest) (findings.Options, error) {
	who := req.Annotator
	for flag, d := range map[string]string{"--from": req.From, "--to": req.To} {
		if d == "" {
			continue
		}
		if err := findings.CheckDate(d); err != nil {
			return findings.Options{}, annotate.Errorf(annotate.EInvalid, "%s: %v", flag, err)
		}
	}
	if req.From != "" && req.To != "" && req.From[:min(len(req.From), len(req.To))] > req.To[:min(len(req.From), len(req.To))] {
		return findings.Options{}, annotate.Errorf(annotate.EInvalid, "--from %s is after --to %s", req.From, req.To)
	}
	if req.Layer != "" {
		if _, ok := sc.Layer(req.Layer); !ok {
			names := make([]string, len(sc.Layers))
			for i, l := range sc.Layers {
				names[i] = l.Name
			}
			return findings.Options{}, annotate.Errorf(annotate.EInvalid, "--layer %s: the schema has no such layer (%s)", req.Layer, strings.Join(names, ", "))
		}
	}
	if req.Gold || who != "" {
		names, err := annotators()
		if err != nil {
			return findings.Options{}, err
		}
		have := "the project has no annotations yet"
		if len(names) > 0 {
			have = "annotators: " + strings.Join(names, ", ")
		}
		switch {
		case req.Gold && !slices.Contains(names, annotate.GoldAnnotator):
			return findings.Options{}, annotate.Errorf(annotate.EInvalid,
				"--gold: this project has no gold (adjudicated) annotations yet (%s); adjudicate first "+
					"(frametag curate --project FILE --accept-unanimous, or Curate in the window), or report one annotator's labels with --annotator NAME, or everyone's with neither", have)
		case req.Gold:
			who = annotate.GoldAnnotator
		case !slices.Contains(names, who):
			return findings.Options{}, annotate.Errorf(annotate.EInvalid, "--annotator %s: no annotations by %q (%s)", who, who, have)
		}
	}
	return findings.Options{Annotator: who, Layers: findings.DefaultLayers(),
		Sources: req.Sources, From: req.From, To: req.To, Layer: req.Layer, Trace: req.Trace}, nil
}

// SpansBehind are the spans (a document label or a documents count: the
// document, Span "") a findings cell counts, in document order, at most
// limit of them (all when limit <= 0), and how many there are.
func SpansBehind(ctx context.Context, st FindingsSource, req FindingsRequest, cell findings.Cell, limit int) ([]annotate.SpanRef, int, error) {
	return spansBehind(req, cell, limit, func(req FindingsRequest) error {
		_, err := Findings(ctx, st, req)
		return err
	})
}

// spansBehind traces the cell through run.
func spansBehind(req FindingsRequest, cell findings.Cell, limit int, run func(FindingsRequest) error) ([]annotate.SpanRef, int, error) {
	var refs []annotate.SpanRef
	n := 0
	req.Trace = func(c findings.Cell, r annotate.SpanRef) {
		if c != cell {
			return
		}
		n++
		if limit <= 0 || len(refs) < limit {
			refs = append(refs, r)
		}
	}
	if err := run(req); err != nil {
		return nil, 0, err
	}
	return refs, n, nil
}

// FindingsCache keeps what the findings read of one project (its schema,
// the annotators with annotations, and a findings.Record per document) in
// memory after the first read, so that the window computes the tables
// again for a new filter, and the spans behind a count, without reading
// every document again. It reads the project again when the project's
// Version changed since (this process's edits, an import or merge, another
// process's write); a store without a Version is read every time. One cache
// serves one store; it is safe for concurrent use.
type FindingsCache struct {
	mu      sync.Mutex
	version int64
	snap    *findingsSnapshot
	reads   int // how many times the project was read, for tests
}

type findingsSnapshot struct {
	sc         annotate.Schema
	annotators []string
	records    []findings.Record
}

type versioner interface {
	Version(ctx context.Context) (int64, error)
}

// snapshot is the project as last read, read again first when it changed.
func (c *FindingsCache) snapshot(ctx context.Context, st FindingsSource) (*findingsSnapshot, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	vs, watched := st.(versioner)
	var version int64
	if watched {
		// Read before the project is, so that a write during the read
		// makes the next request read again.
		v, err := vs.Version(ctx)
		if err != nil {
			return nil, err
		}
		if c.snap != nil && v == c.version {
			return c.snap, nil
		}
		version = v
	}
	snap := &findingsSnapshot{}
	var err error
	if snap.sc, err = st.Schema(ctx); err != nil {
		return nil, err
	}
	if snap.annotators, err = annotatorsWithWork(ctx, st); err != nil {
		return nil, err
	}
	rec := findings.NewRecorder(findings.DefaultLayers())
	err = exportNamed(ctx, st, func(d annotate.AnnotatedDoc) error {
		if ctx.Err() != nil {
			return canceled()
		}
		snap.records = append(snap.records, rec.Record(&d))
		return nil
	})
	if err != nil {
		return nil, err
	}
	c.reads++
	c.snap, c.version = nil, 0
	if watched {
		c.snap, c.version = snap, version
	}
	return snap, nil
}

// Findings is project.Findings, from memory when the project has not
// changed since the last request.
func (c *FindingsCache) Findings(ctx context.Context, st FindingsSource, req FindingsRequest) (findings.Findings, error) {
	snap, err := c.snapshot(ctx, st)
	if err != nil {
		return findings.Findings{}, err
	}
	opt, err := findingsOptions(snap.sc, func() ([]string, error) { return snap.annotators, nil }, req)
	if err != nil {
		return findings.Findings{}, err
	}
	b := findings.New(snap.sc, opt)
	for i := range snap.records {
		if i%1024 == 0 && ctx.Err() != nil {
			return findings.Findings{}, canceled()
		}
		b.AddRecord(&snap.records[i])
	}
	return b.Findings(), nil
}

// Annotators are the annotators with annotations in the project, by name,
// as of the last read.
func (c *FindingsCache) Annotators(ctx context.Context, st FindingsSource) ([]string, error) {
	snap, err := c.snapshot(ctx, st)
	if err != nil {
		return nil, err
	}
	return snap.annotators, nil
}

// SpansBehind is project.SpansBehind, from memory when the project has not
// changed since the last request.
func (c *FindingsCache) SpansBehind(ctx context.Context, st FindingsSource, req FindingsRequest, cell findings.Cell, limit int) ([]annotate.SpanRef, int, error) {
	return spansBehind(req, cell, limit, func(req FindingsRequest) error {
		_, err := c.Findings(ctx, st, req)
		return err
	})
}
