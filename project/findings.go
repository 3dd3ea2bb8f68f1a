package project

import (
	"context"
	"slices"
	"strings"

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
	who := req.Annotator
	for flag, d := range map[string]string{"--from": req.From, "--to": req.To} {
		if d == "" {
			continue
		}
		if err := findings.CheckDate(d); err != nil {
			return findings.Findings{}, annotate.Errorf(annotate.EInvalid, "%s: %v", flag, err)
		}
	}
	if req.From != "" && req.To != "" && req.From[:min(len(req.From), len(req.To))] > req.To[:min(len(req.From), len(req.To))] {
		return findings.Findings{}, annotate.Errorf(annotate.EInvalid, "--from %s is after --to %s", req.From, req.To)
	}
	if req.Layer != "" {
		if _, ok := sc.Layer(req.Layer); !ok {
			names := make([]string, len(sc.Layers))
			for i, l := range sc.Layers {
				names[i] = l.Name
			}
			return findings.Findings{}, annotate.Errorf(annotate.EInvalid, "--layer %s: the schema has no such layer (%s)", req.Layer, strings.Join(names, ", "))
		}
	}
	if req.Gold || who != "" {
		stats, err := st.Stats(ctx)
		if err != nil {
			return findings.Findings{}, err
		}
		var names []string
		for _, a := range stats.Annotators {
			if a.Spans+a.Relations+a.DocLabels > 0 {
				names = append(names, a.Name)
			}
		}
		slices.Sort(names)
		have := "the project has no annotations yet"
		if len(names) > 0 {
			have = "annotators: " + strings.Join(names, ", ")
		}
		switch {
		case req.Gold && !slices.Contains(names, annotate.GoldAnnotator):
			return findings.Findings{}, annotate.Errorf(annotate.EInvalid,
				"--gold: this project has no gold (adjudicated) annotations yet (%s); adjudicate first "+
					"(frametag curate --project FILE --accept-unanimous, or Curate in the window), or report one annotator's labels with --annotator NAME, or everyone's with neither", have)
		case req.Gold:
			who = annotate.GoldAnnotator
		case !slices.Contains(names, who):
			return findings.Findings{}, annotate.Errorf(annotate.EInvalid, "--annotator %s: no annotations by %q (%s)", who, who, have)
		}
	}
	b := findings.New(sc, findings.Options{Annotator: who, Layers: findings.DefaultLayers(),
		Sources: req.Sources, From: req.From, To: req.To, Layer: req.Layer, Trace: req.Trace})
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

// SpansBehind are the spans (a document label or a documents count: the
// document, Span "") a findings cell counts, in document order, at most
// limit of them (all when limit <= 0), and how many there are.
func SpansBehind(ctx context.Context, st FindingsSource, req FindingsRequest, cell findings.Cell, limit int) ([]annotate.SpanRef, int, error) {
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
	if _, err := Findings(ctx, st, req); err != nil {
		return nil, 0, err
	}
	return refs, n, nil
}
