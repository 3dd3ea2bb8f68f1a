package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"iter"

	"frametag/annotate"
)

// Merge adds documents and annotations on documents already present, in one
// write transaction (see annotate.TransferService.Merge): the import's
// statements and checks, with each existing document's annotations loaded so that the
// schema rules (relation ends, one label per annotator on a single-choice
// layer, ids unique in the document) see the document as it will be.
// Unlike Import it does not stage: it holds the write lock while it checks,
// which a merge of a few annotators' files keeps short.
func (s *Store) Merge(ctx context.Context, docs iter.Seq2[annotate.AnnotatedDoc, error]) (annotate.MergeResult, error) {
	var res annotate.MergeResult
	var inputErr error
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		sc, err := loadSchema(ctx, tx)
		if err != nil {
			return err
		}
		im, err := newImporter(ctx, tx, sc, s.now())
		if err != nil {
			return err
		}
		defer im.close()
		for ad, err := range docs {
			if err != nil {
				inputErr = err
				return err
			}
			existing, err := loadAnnotated(ctx, tx, ad.ID)
			switch {
			case annotate.ErrorCode(err) == annotate.ENotFound:
				added, err := im.add(ad)
				if err == nil && !added {
					err = annotate.Errorf(annotate.EConflict, "the project holds this text under another id")
				}
				if err != nil {
					return &annotate.DocumentError{ID: ad.ID, Err: err}
				}
				res.Added++
			case err != nil:
				return err
			default:
				if err := im.addTo(existing, ad); err != nil {
					return &annotate.DocumentError{ID: ad.ID, Err: err}
				}
				res.Annotated++
			}
		}
		if err := linkActorNames(ctx, tx); err != nil {
			return fmt.Errorf("merge: %w", err)
		}
		return indexNewDocuments(ctx, tx, im.firstPosition)
	})
	if err != nil && !errors.Is(err, inputErr) {
		s.failed(&err)
	}
	if err != nil {
		return annotate.MergeResult{}, err
	}
	return res, nil
}

// addTo adds ad's annotations to the document the project holds, checked
// together with those already on it.
func (im *importer) addTo(existing, ad annotate.AnnotatedDoc) error {
	if ad.Text != existing.Text {
		return invalidErr(fmt.Errorf("its text differs from the project's document of that id"))
	}
	ad.Document = existing.Document
	ad, err := im.complete(ad)
	if err != nil {
		return invalidErr(err)
	}
	all := existing
	all.Spans = append(append([]annotate.Span(nil), existing.Spans...), ad.Spans...)
	all.Relations = append(append([]annotate.Relation(nil), existing.Relations...), ad.Relations...)
	all.Labels = append(append([]annotate.DocLabel(nil), existing.Labels...), ad.Labels...)
	if err := im.sc.CheckDocument(all); err != nil {
		return annotate.WithCode(mergeCode(existing, ad), err)
	}
	return im.write(ad)
}

// mergeCode is EConflict when ad reuses a span or relation id of the
// document, EInvalid for any other refusal.
func mergeCode(existing, ad annotate.AnnotatedDoc) annotate.Code {
	ids := map[string]bool{}
	for _, sp := range existing.Spans {
		ids["s"+sp.ID] = true
	}
	for _, r := range existing.Relations {
		ids["r"+r.ID] = true
	}
	for _, sp := range ad.Spans {
		if ids["s"+sp.ID] {
			return annotate.EConflict
		}
	}
	for _, r := range ad.Relations {
		if ids["r"+r.ID] {
			return annotate.EConflict
		}
	}
	return annotate.EInvalid
}
