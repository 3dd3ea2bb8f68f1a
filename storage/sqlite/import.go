package sqlite

import (
	"context"
	"database/sql"
	"fmt"
	"iter"
	"strings"
	"time"

	"frametag/annotate"
)

// importer holds an import's transaction and the statements it reuses for
// every row.
type importer struct {
	ctx                              context.Context
	sc                               annotate.Schema
	at                               time.Time // given to annotations that have no time
	doc, span, rel, docLabel, status *sql.Stmt
	position                         int64 // the last position given
	firstPosition                    int64 // the first position this import gives
}

// Import adds documents with their annotations, all in one transaction: the
// first error, from the sequence or from validation (spans against the
// schema and the text, relation ends and types, document labels), rolls
// everything back and is returned, naming the document. A document whose id
// or text the project already holds is skipped, annotations included: they
// are not merged. Unknown status values become todo, which is stored as no
// status at all. Spans and relations without times get the import's time.
// Statements are prepared once and reused for every row, and the full-text
// index is built in one statement at the end.
//
// Imports are not edits: they are not in the edit log and cannot be undone.
// The overlap rule of a layer governs editing only; imported spans may
// overlap.
func (s *Store) Import(ctx context.Context, docs iter.Seq2[annotate.AnnotatedDoc, error]) (annotate.ImportResult, error) {
	var res annotate.ImportResult
	// The input's own errors (a bad line in a file) come back untouched: they
	// are about the input, not the project.
	var inputErr error
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		im, err := newImporter(ctx, tx, s.now())
		if err != nil {
			return err
		}
		defer im.close()
		for ad, err := range docs {
			if err != nil {
				inputErr = err
				return err
			}
			added, err := im.add(ad)
			if err != nil {
				return &annotate.DocumentError{ID: ad.ID, Err: err}
			}
			if added {
				res.Added++
			} else {
				res.Skipped++
				res.SkippedIDs = append(res.SkippedIDs, ad.ID)
			}
		}
		return indexNewDocuments(ctx, tx, im.firstPosition)
	})
	if err != nil && err != inputErr {
		s.failed(&err)
	}
	if err != nil {
		return annotate.ImportResult{}, err
	}
	return res, nil
}

func newImporter(ctx context.Context, tx *sql.Tx, at time.Time) (*importer, error) {
	sc, err := loadSchema(ctx, tx)
	if err != nil {
		return nil, err
	}
	im := &importer{ctx: ctx, sc: sc}
	im.at = at
	if err := tx.QueryRowContext(ctx, `SELECT COALESCE(MAX(position), 0) FROM documents`).Scan(&im.position); err != nil {
		return nil, fmt.Errorf("import: %w", err)
	}
	im.firstPosition = im.position + 1
	prepare := func(dst **sql.Stmt, query string) {
		if err != nil {
			return
		}
		*dst, err = tx.PrepareContext(ctx, query)
	}
	prepare(&im.doc, insertDocumentSQL+` ON CONFLICT DO NOTHING`)
	prepare(&im.span, insertSpanSQL)
	prepare(&im.rel, insertRelationSQL)
	prepare(&im.docLabel, `INSERT OR IGNORE INTO doc_labels (doc, layer, label, annotator) VALUES (?, ?, ?, ?)`)
	prepare(&im.status, upsertStatusSQL)
	if err != nil {
		im.close()
		return nil, fmt.Errorf("import: prepare: %w", err)
	}
	return im, nil
}

func (im *importer) close() {
	for _, st := range []*sql.Stmt{im.doc, im.span, im.rel, im.docLabel, im.status} {
		if st != nil {
			st.Close()
		}
	}
}

// add stores one document, or reports false when the project already has it.
// Its annotations are completed (ids, annotators' times, normalised
// attributes) and checked against the schema before any of them is written.
func (im *importer) add(ad annotate.AnnotatedDoc) (bool, error) {
	if err := ad.Document.Validate(); err != nil {
		return false, invalidErr(err)
	}
	hash := annotate.TextHash(ad.Text)
	args, err := documentArgs(im.position+1, ad.Document, hash)
	if err != nil {
		return false, invalidErr(err)
	}
	// A document already present (same id or same text) is a conflict on a
	// unique column: nothing is inserted and it is skipped.
	res, err := im.doc.ExecContext(im.ctx, args...)
	if err != nil {
		return false, err
	}
	if n, err := res.RowsAffected(); err != nil || n == 0 {
		return false, err
	}
	im.position++
	ad, err = im.complete(ad)
	if err != nil {
		return false, invalidErr(err)
	}
	if err := im.sc.CheckDocument(ad); err != nil {
		return false, invalidErr(err)
	}
	for _, sp := range ad.Spans {
		args, err := spanArgs(sp)
		if err != nil {
			return false, invalidErr(err)
		}
		if _, err := im.span.ExecContext(im.ctx, args...); err != nil {
			return false, fmt.Errorf("span %s: %w", sp.ID, constraint(err, "a span with this id already exists in the document"))
		}
	}
	for _, r := range ad.Relations {
		if _, err := im.rel.ExecContext(im.ctx, relationArgs(r)...); err != nil {
			return false, fmt.Errorf("relation %s: %w", r.ID, constraint(err, "a relation with this id already exists in the document"))
		}
	}
	for _, dl := range ad.Labels {
		if _, err := im.docLabel.ExecContext(im.ctx, ad.ID, dl.Layer, dl.Label, dl.Annotator); err != nil {
			return false, fmt.Errorf("document label %s/%s: %w", dl.Layer, dl.Label, err)
		}
	}
	for who, st := range ad.Status {
		if !st.Valid() {
			st = annotate.StatusTodo
		}
		if st == annotate.StatusTodo {
			continue // what no status means; see setStatus
		}
		if _, err := im.status.ExecContext(im.ctx, ad.ID, who, string(st)); err != nil {
			return false, fmt.Errorf("status of %s: %w", who, err)
		}
	}
	return true, nil
}

// complete fills in what an imported document may leave out (ids, the
// document they belong to, times) and refuses annotations without an
// annotator or on another document. It copies what it changes.
func (im *importer) complete(ad annotate.AnnotatedDoc) (annotate.AnnotatedDoc, error) {
	spans := make([]annotate.Span, len(ad.Spans))
	for i, sp := range ad.Spans {
		if sp.DocID != "" && sp.DocID != ad.ID {
			return ad, fmt.Errorf("span %s: belongs to document %q", sp.ID, sp.DocID)
		}
		sp.DocID = ad.ID
		if sp.ID == "" {
			sp.ID = annotate.NewID("s")
		}
		if sp.Annotator == "" {
			return ad, fmt.Errorf("span %s: no annotator", sp.ID)
		}
		attrs, err := sp.Attrs.Normalize()
		if err != nil {
			return ad, fmt.Errorf("span %s: %w", sp.ID, err)
		}
		sp.Attrs = attrs
		if sp.Created.IsZero() {
			sp.Created = im.at
		}
		if sp.Updated.IsZero() {
			sp.Updated = sp.Created
		}
		spans[i] = sp
	}
	rels := make([]annotate.Relation, len(ad.Relations))
	for i, r := range ad.Relations {
		if r.DocID != "" && r.DocID != ad.ID {
			return ad, fmt.Errorf("relation %s: belongs to document %q", r.ID, r.DocID)
		}
		r.DocID = ad.ID
		if r.ID == "" {
			r.ID = annotate.NewID("r")
		}
		if r.Annotator == "" {
			return ad, fmt.Errorf("relation %s: no annotator", r.ID)
		}
		if r.Created.IsZero() {
			r.Created = im.at
		}
		rels[i] = r
	}
	for _, dl := range ad.Labels {
		if dl.Annotator == "" {
			return ad, fmt.Errorf("document label %s/%s: no annotator", dl.Layer, dl.Label)
		}
	}
	for who, st := range ad.Status {
		if strings.TrimSpace(who) == "" {
			return ad, fmt.Errorf("status %q: no annotator", st)
		}
	}
	ad.Spans, ad.Relations = spans, rels
	return ad, nil
}

// constraint replaces SQLite's wording of a uniqueness violation with what it
// means here.
func constraint(err error, meaning string) error {
	if isUnique(err) {
		return annotate.Errorf(annotate.EConflict, "%s", meaning)
	}
	return err
}

// indexNewDocuments adds the documents from position first on to the
// full-text index, in one statement so that FTS5 builds large segments.
func indexNewDocuments(ctx context.Context, q querier, first int64) error {
	if _, err := q.ExecContext(ctx, `INSERT INTO documents_fts (rowid, title, text)
		SELECT position, title, text FROM documents WHERE position >= ?`, first); err != nil {
		return fmt.Errorf("import: full-text index: %w", err)
	}
	return nil
}
