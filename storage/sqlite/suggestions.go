package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"frametag/annotate"
)

// Gazetteer lists a layer's gazetteer entries ("" every layer's) in the
// order they were added.
func (s *Store) Gazetteer(ctx context.Context, layer string) (_ []annotate.GazetteerEntry, err error) {
	defer s.failed(&err)
	rows, err := s.db.QueryContext(ctx, `SELECT layer, text, label FROM gazetteer WHERE ? = '' OR layer = ? ORDER BY rowid`, layer, layer)
	if err != nil {
		return nil, fmt.Errorf("load gazetteer: %w", err)
	}
	defer rows.Close()
	var out []annotate.GazetteerEntry
	for rows.Next() {
		var e annotate.GazetteerEntry
		if err := rows.Scan(&e.Layer, &e.Text, &e.Label); err != nil {
			return nil, fmt.Errorf("load gazetteer: %w", err)
		}
		out = append(out, e)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("load gazetteer: %w", err)
	}
	return out, nil
}

// AddGazetteer adds entries, all or nothing; see annotate.SuggestionService.
func (s *Store) AddGazetteer(ctx context.Context, entries []annotate.GazetteerEntry) (added int, err error) {
	defer s.failed(&err)
	err = s.inTx(ctx, func(tx *sql.Tx) error {
		sc, err := loadSchema(ctx, tx)
		if err != nil {
			return err
		}
		for _, e := range entries {
			if err := sc.CheckGazetteerEntry(e); err != nil {
				return err
			}
			res, err := tx.ExecContext(ctx, `INSERT INTO gazetteer (layer, text, label) VALUES (?, ?, ?) ON CONFLICT DO NOTHING`, e.Layer, e.Text, e.Label)
			if err != nil {
				return fmt.Errorf("add gazetteer entry %q: %w", e.Text, err)
			}
			n, err := res.RowsAffected()
			if err != nil {
				return fmt.Errorf("add gazetteer entry %q: %w", e.Text, err)
			}
			added += int(n)
		}
		return nil
	})
	if err != nil {
		return 0, err
	}
	return added, nil
}

// RejectionsBy is every rejection an annotator made, in every document, in
// one query (curation's queue reads gold's marks of the whole project so,
// instead of one query per document).
func (s *Store) RejectionsBy(ctx context.Context, annotator string) (_ []annotate.Rejection, err error) {
	defer s.failed(&err)
	rows, err := s.db.QueryContext(ctx, `SELECT doc, layer, label, start, "end" FROM rejections WHERE annotator = ? ORDER BY doc, start, "end", layer, label`, annotator)
	if err != nil {
		return nil, fmt.Errorf("load rejections: %w", err)
	}
	defer rows.Close()
	var out []annotate.Rejection
	for rows.Next() {
		r := annotate.Rejection{Annotator: annotator}
		if err := rows.Scan(&r.Doc, &r.Layer, &r.Label, &r.Start, &r.End); err != nil {
			return nil, fmt.Errorf("load rejections: %w", err)
		}
		out = append(out, r)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("load rejections: %w", err)
	}
	return out, nil
}

// Rejections lists the suggestions an annotator rejected on a document, in
// reading order.
func (s *Store) Rejections(ctx context.Context, doc, annotator string) (_ []annotate.Rejection, err error) {
	defer s.failed(&err)
	rows, err := s.db.QueryContext(ctx, `SELECT layer, label, start, "end" FROM rejections WHERE doc = ? AND annotator = ? ORDER BY start, "end", layer, label`, doc, annotator)
	if err != nil {
		return nil, fmt.Errorf("load rejections: %w", err)
	}
	defer rows.Close()
	var out []annotate.Rejection
	for rows.Next() {
		r := annotate.Rejection{Doc: doc, Annotator: annotator}
		if err := rows.Scan(&r.Layer, &r.Label, &r.Start, &r.End); err != nil {
			return nil, fmt.Errorf("load rejections: %w", err)
		}
		out = append(out, r)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("load rejections: %w", err)
	}
	return out, nil
}

func (s txState) Rejected(ctx context.Context, r annotate.Rejection) (bool, error) {
	var one int
	err := s.tx.QueryRowContext(ctx, `SELECT 1 FROM rejections WHERE doc = ? AND annotator = ? AND layer = ? AND label = ? AND start = ? AND "end" = ?`,
		r.Doc, r.Annotator, r.Layer, r.Label, r.Start, r.End).Scan(&one)
	if errors.Is(err, sql.ErrNoRows) {
		return false, nil
	}
	if err != nil {
		return false, fmt.Errorf("load rejection: %w", err)
	}
	return true, nil
}

func (s txState) SetRejected(ctx context.Context, r annotate.Rejection, rejected bool) error {
	q := `DELETE FROM rejections WHERE doc = ? AND annotator = ? AND layer = ? AND label = ? AND start = ? AND "end" = ?`
	if rejected {
		q = `INSERT INTO rejections (doc, annotator, layer, label, start, "end") VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`
	}
	if _, err := s.tx.ExecContext(ctx, q, r.Doc, r.Annotator, r.Layer, r.Label, r.Start, r.End); err != nil {
		return fmt.Errorf("record rejection: %w", err)
	}
	return nil
}
