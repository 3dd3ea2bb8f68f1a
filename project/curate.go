package project

import (
	"context"
	"fmt"

	"frametag/annotate"
)

// CurationSource is what curation reads of a project.
type CurationSource interface {
	Schema(ctx context.Context) (annotate.Schema, error)
	Export(ctx context.Context, fn func(annotate.AnnotatedDoc) error) error
	Annotations(ctx context.Context, docID string) (annotate.AnnotatedDoc, error)
	Rejections(ctx context.Context, doc, annotator string) ([]annotate.Rejection, error)
}

// Curation is one document aligned for curation (annotate.Align), with
// gold's settled marks.
func Curation(ctx context.Context, st CurationSource, doc string) (annotate.Curation, annotate.AnnotatedDoc, error) {
	sc, err := st.Schema(ctx)
	if err != nil {
		return annotate.Curation{}, annotate.AnnotatedDoc{}, err
	}
	ad, err := st.Annotations(ctx, doc)
	if err != nil {
		return annotate.Curation{}, ad, err
	}
	marks, err := st.Rejections(ctx, doc, annotate.GoldAnnotator)
	if err != nil {
		return annotate.Curation{}, ad, err
	}
	return annotate.Align(ad, &sc, marks), ad, nil
}

// CurationQueue is every document some annotator annotated, in import
// order, with its disputes (sort it with annotate.SortQueue), read in one
// pass over the project.
func CurationQueue(ctx context.Context, st CurationSource) ([]annotate.CurationEntry, error) {
	sc, err := st.Schema(ctx)
	if err != nil {
		return nil, err
	}
	// A store that lists an annotator's rejections of every document at
	// once saves a query per document.
	var byDoc map[string][]annotate.Rejection
	if all, ok := st.(interface {
		RejectionsBy(ctx context.Context, annotator string) ([]annotate.Rejection, error)
	}); ok {
		marks, err := all.RejectionsBy(ctx, annotate.GoldAnnotator)
		if err != nil {
			return nil, err
		}
		byDoc = map[string][]annotate.Rejection{}
		for _, m := range marks {
			byDoc[m.Doc] = append(byDoc[m.Doc], m)
		}
	}
	var q []annotate.CurationEntry
	err = st.Export(ctx, func(d annotate.AnnotatedDoc) error {
		if ctx.Err() != nil {
			return canceled()
		}
		if len(d.Spans)+len(d.Labels) == 0 && len(d.Status) == 0 {
			return nil
		}
		marks, err := byDoc[d.ID], error(nil)
		if byDoc == nil {
			marks, err = st.Rejections(ctx, d.ID, annotate.GoldAnnotator)
		}
		if err != nil {
			return err
		}
		if c := annotate.Align(d, &sc, marks); len(c.Annotators) > 0 {
			q = append(q, c.Entry(d.Title))
		}
		return nil
	})
	return q, err
}

// Curator is what accepting in bulk needs: reading, and applying edits.
type Curator interface {
	CurationSource
	Apply(ctx context.Context, e annotate.Edit) (annotate.Edit, error)
}

// AcceptUnanimous takes every unanimous unit gold does not settle yet into
// gold, one edit per document (each undoable on its own), for the documents
// named or, with none, every document. It says how many units and
// documents it settled.
func AcceptUnanimous(ctx context.Context, st Curator, curator string, docs []string) (units, documents int, err error) {
	if len(docs) == 0 {
		q, err := CurationQueue(ctx, st)
		if err != nil {
			return 0, 0, err
		}
		for _, e := range q {
			if e.Counts.UnanimousOpen > 0 {
				docs = append(docs, e.Doc)
			}
		}
	}
	for _, doc := range docs {
		c, _, err := Curation(ctx, st, doc)
		if err != nil {
			return units, documents, err
		}
		e, n := c.AcceptUnanimous(curator)
		if n == 0 {
			continue
		}
		if _, err := st.Apply(ctx, e); err != nil {
			return units, documents, fmt.Errorf("document %s: %w", doc, err)
		}
		units += n
		documents++
	}
	return units, documents, nil
}
