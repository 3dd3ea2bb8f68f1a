package sqlite

import (
	"context"
	"fmt"

	"frametag/annotate"
)

// docLabelsOf returns one annotator's labels of one document layer, in the
// order they were given.
func docLabelsOf(ctx context.Context, q querier, docID, layer, annotator string) ([]string, error) {
	return queryAll(ctx, q, "load document labels", func(r scanner) (string, error) {
		var l string
		return l, r.Scan(&l)
	}, `SELECT label FROM doc_labels WHERE doc = ? AND layer = ? AND annotator = ? ORDER BY rowid`, docID, layer, annotator)
}

// docLabelsWhere returns the document labels a WHERE clause selects.
func docLabelsWhere(ctx context.Context, q querier, where string, args ...any) ([]annotate.DocLabelOf, error) {
	return queryAll(ctx, q, "load document labels", func(r scanner) (annotate.DocLabelOf, error) {
		var dl annotate.DocLabelOf
		return dl, r.Scan(&dl.DocID, &dl.Layer, &dl.Label, &dl.Annotator)
	}, `SELECT doc, layer, label, annotator FROM doc_labels WHERE `+where+` ORDER BY doc, layer, annotator, rowid`, args...)
}

const insertDocLabelSQL = `INSERT INTO doc_labels (doc, layer, label, annotator) VALUES (?, ?, ?, ?)`

// DocLabelCountByLabel is how many document labels, of any annotator, use
// label of layer: what deleting the label would remove.
func (s *Store) DocLabelCountByLabel(ctx context.Context, layer, label string) (_ int, err error) {
	defer s.failed(&err)
	var n int
	err = s.db.QueryRowContext(ctx, `SELECT count(*) FROM doc_labels WHERE layer = ? AND label = ?`, layer, label).Scan(&n)
	if err != nil {
		return 0, fmt.Errorf("count document labels of %s/%s: %w", layer, label, err)
	}
	return n, nil
}
