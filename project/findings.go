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
	b := findings.New(sc, findings.Options{Annotator: who, Layers: findings.DefaultLayers()})
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
