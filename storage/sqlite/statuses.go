package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"frametag/annotate"
)

// statusOf is an annotator's status on a document; todo when none is stored.
func statusOf(ctx context.Context, q querier, docID, annotator string) (annotate.Status, error) {
	var st annotate.Status
	err := q.QueryRowContext(ctx, `SELECT status FROM statuses WHERE doc = ? AND annotator = ?`, docID, annotator).Scan(&st)
	if errors.Is(err, sql.ErrNoRows) {
		return annotate.StatusTodo, nil
	}
	if err != nil {
		return "", fmt.Errorf("load status: %w", err)
	}
	return st, nil
}

const upsertStatusSQL = `INSERT INTO statuses (doc, annotator, status) VALUES (?, ?, ?)
	ON CONFLICT (doc, annotator) DO UPDATE SET status = excluded.status`

// setStatus records a status; todo, being what no status means, is stored as
// no row, so that undoing a first status leaves the project as it was.
func setStatus(ctx context.Context, q querier, docID, annotator string, st annotate.Status) error {
	if st == annotate.StatusTodo {
		if _, err := q.ExecContext(ctx, `DELETE FROM statuses WHERE doc = ? AND annotator = ?`, docID, annotator); err != nil {
			return fmt.Errorf("set status: %w", err)
		}
		return nil
	}
	if _, err := q.ExecContext(ctx, upsertStatusSQL, docID, annotator, string(st)); err != nil {
		return fmt.Errorf("set status: %w", err)
	}
	return nil
}
