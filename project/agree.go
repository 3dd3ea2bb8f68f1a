package project

import (
	"context"

	"frametag/annotate"
	"frametag/annotate/agreement"
)

// AgreementSource is what an agreement report needs of a project.
type AgreementSource interface {
	Schema(ctx context.Context) (annotate.Schema, error)
	Export(ctx context.Context, fn func(annotate.AnnotatedDoc) error) error
}

// Agreement reports the agreement among the project's annotators (see
// agreement.Compute). It reads every document's annotations in one pass,
// keeping them and the texts' lengths but not the texts.
func Agreement(ctx context.Context, st AgreementSource, opt agreement.Options) (agreement.Report, error) {
	sc, err := st.Schema(ctx)
	if err != nil {
		return agreement.Report{}, err
	}
	var docs []annotate.AnnotatedDoc
	opt.Lengths = map[string]int{}
	err = exportNamed(ctx, st, func(d annotate.AnnotatedDoc) error {
		if ctx.Err() != nil {
			return canceled()
		}
		// Offsets and lengths are all the figures need.
		opt.Lengths[d.ID] = annotate.CodePointLen(d.Text)
		d.Text = ""
		docs = append(docs, d)
		return nil
	})
	if err != nil {
		return agreement.Report{}, err
	}
	return agreement.Compute(sc, docs, opt)
}
