package storage

import (
	"context"
	"fmt"

	"frametag/annotate"
)

// docLabelsOf returns one annotator's labels of one document layer, in the
// order they were given.
func docLabelsOf(ctx context.Context, q querier, docID, layer, annotator string) ([]string, error) {
	rows, err := q.QueryContext(ctx, `SELECT label FROM doc_labels WHERE doc = ? AND layer = ? AND annotator = ? ORDER BY rowid`,
		docID, layer, annotator)
	if err != nil {
		return nil, fmt.Errorf("load document labels: %w", err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var l string
		if err := rows.Scan(&l); err != nil {
			return nil, fmt.Errorf("load document labels: %w", err)
		}
		out = append(out, l)
	}
	return out, rows.Err()
}

// docLabelsWhere returns the document labels a WHERE clause selects.
func docLabelsWhere(ctx context.Context, q querier, where string, args ...any) ([]annotate.DocLabelOf, error) {
	rows, err := q.QueryContext(ctx, `SELECT doc, layer, label, annotator FROM doc_labels WHERE `+where+` ORDER BY doc, layer, annotator, rowid`, args...)
	if err != nil {
		return nil, fmt.Errorf("load document labels: %w", err)
	}
	defer rows.Close()
	var out []annotate.DocLabelOf
	for rows.Next() {
		var dl annotate.DocLabelOf
		if err := rows.Scan(&dl.DocID, &dl.Layer, &dl.Label, &dl.Annotator); err != nil {
			return nil, fmt.Errorf("load document labels: %w", err)
		}
		out = append(out, dl)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("load document labels: %w", err)
	}
	return out, nil
}

const insertDocLabelSQL = `INSERT INTO doc_labels (doc, layer, label, annotator) VALUES (?, ?, ?, ?)`

// DocLabelCountByLabel is how many document labels, of any annotator, use
// label of layer: what deleting the label would remove.
func (s *Store) DocLabelCountByLabel(layer, label string) (int, error) {
	var n int
	err := s.db.QueryRow(`SELECT count(*) FROM doc_labels WHERE layer = ? AND label = ?`, layer, label).Scan(&n)
	if err != nil {
		return 0, fmt.Errorf("count document labels of %s/%s: %w", layer, label, err)
	}
	return n, nil
}
