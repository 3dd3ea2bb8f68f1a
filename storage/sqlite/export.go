package sqlite

import (
	"context"
	"database/sql"
	"fmt"

	"frametag/annotate"
)

// cursor walks one table's rows for all documents in document order, so
// that Export reads each table once instead of once per document.
type cursor[T any] struct {
	rows *sql.Rows
	scan func(*sql.Rows) (int64, T, error)
	pos  int64 // document position of cur
	cur  T
	ok   bool
}

func openCursor[T any](ctx context.Context, tx *sql.Tx, query string, scan func(*sql.Rows) (int64, T, error)) (*cursor[T], error) {
	rows, err := tx.QueryContext(ctx, query)
	if err != nil {
		return nil, err
	}
	c := &cursor[T]{rows: rows, scan: scan}
	return c, c.next()
}

func (c *cursor[T]) next() error {
	c.ok = c.rows.Next()
	if !c.ok {
		return c.rows.Err()
	}
	var err error
	c.pos, c.cur, err = c.scan(c.rows)
	return err
}

// take returns the rows of the document at position pos.
func (c *cursor[T]) take(pos int64) ([]T, error) {
	var out []T
	for c.ok && c.pos == pos {
		out = append(out, c.cur)
		if err := c.next(); err != nil {
			return nil, err
		}
	}
	return out, nil
}

func (c *cursor[T]) close() {
	if c != nil {
		c.rows.Close()
	}
}

type statusRow struct {
	annotator string
	status    annotate.Status
}

// Export calls fn with every document and everything on it, in import order:
// spans in annotate.SortSpans order, relations by creation time (then id),
// document labels by layer and annotator, each annotator's in the order
// given. Undo and redo leave these orders as they were. It reads one consistent snapshot without holding
// the write lock, and holds one document at a time in memory. An error from
// fn stops the export and is returned.
func (s *Store) Export(ctx context.Context, fn func(annotate.AnnotatedDoc) error) error {
	tx, err := s.db.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return coded(fmt.Errorf("export %s: %w", s.path, err))
	}
	defer tx.Rollback()
	// Export names the file itself, whatever the error: what fn refuses is
	// reported as a refusal of this project's content.
	if err := export(ctx, tx, fn); err != nil {
		return coded(fmt.Errorf("export %s: %w", s.path, err))
	}
	return nil
}

func export(ctx context.Context, tx *sql.Tx, fn func(annotate.AnnotatedDoc) error) error {
	docs, err := openCursor(ctx, tx, `SELECT `+documentColumns+` FROM documents ORDER BY position`,
		func(r *sql.Rows) (int64, annotate.Document, error) { return scanDocument(r) })
	if err != nil {
		return err
	}
	defer docs.close()
	spans, err := openCursor(ctx, tx, `SELECT s.doc_pos, s.id, s.layer, s.label, s.fragments, s.attrs, s.note,
		s.annotator, s.created, s.updated, s.provenance, s.actor FROM spans s ORDER BY s.doc_pos`,
		func(r *sql.Rows) (int64, annotate.Span, error) {
			var pos int64
			var sp annotate.Span
			var frags, created, updated string
			var attrs, actor sql.NullString
			if err := r.Scan(&pos, &sp.ID, &sp.Layer, &sp.Label, &frags, &attrs, &sp.Note, &sp.Annotator, &created, &updated, &sp.Provenance, &actor); err != nil {
				return 0, sp, err
			}
			sp.Actor = actor.String
			sp, err := finishSpan(sp, frags, attrs, created, updated)
			return pos, sp, err
		})
	if err != nil {
		return err
	}
	defer spans.close()
	rels, err := openCursor(ctx, tx, `SELECT d.position, r.id, r.doc, r.type, r.from_span, r.to_span, r.annotator, r.created, r.provenance
		FROM relations r CROSS JOIN documents d ON d.id = r.doc ORDER BY d.position, r.created, r.id`,
		func(r *sql.Rows) (int64, annotate.Relation, error) {
			var pos int64
			var rel annotate.Relation
			var created string
			if err := r.Scan(&pos, &rel.ID, &rel.DocID, &rel.Type, &rel.From, &rel.To, &rel.Annotator, &created, &rel.Provenance); err != nil {
				return 0, rel, err
			}
			t, err := parseTime(created)
			rel.Created = t
			return pos, rel, err
		})
	if err != nil {
		return err
	}
	defer rels.close()
	labels, err := openCursor(ctx, tx, `SELECT d.position, l.layer, l.label, l.annotator
		FROM doc_labels l CROSS JOIN documents d ON d.id = l.doc ORDER BY d.position, l.layer, l.annotator, l.rowid`,
		func(r *sql.Rows) (int64, annotate.DocLabel, error) {
			var pos int64
			var dl annotate.DocLabel
			err := r.Scan(&pos, &dl.Layer, &dl.Label, &dl.Annotator)
			return pos, dl, err
		})
	if err != nil {
		return err
	}
	defer labels.close()
	statuses, err := openCursor(ctx, tx, `SELECT d.position, st.annotator, st.status
		FROM statuses st CROSS JOIN documents d ON d.id = st.doc ORDER BY d.position`,
		func(r *sql.Rows) (int64, statusRow, error) {
			var pos int64
			var st statusRow
			err := r.Scan(&pos, &st.annotator, &st.status)
			return pos, st, err
		})
	if err != nil {
		return err
	}
	defer statuses.close()

	for docs.ok {
		pos := docs.pos
		ad := annotate.AnnotatedDoc{Document: docs.cur}
		if ad.Spans, err = spans.take(pos); err != nil {
			return fmt.Errorf("document %q: spans: %w", ad.ID, err)
		}
		for i := range ad.Spans {
			ad.Spans[i].DocID = ad.ID // not read per span: one string fewer each
		}
		annotate.SortSpans(ad.Spans)
		if ad.Relations, err = rels.take(pos); err != nil {
			return fmt.Errorf("document %q: relations: %w", ad.ID, err)
		}
		if ad.Labels, err = labels.take(pos); err != nil {
			return fmt.Errorf("document %q: labels: %w", ad.ID, err)
		}
		sts, err := statuses.take(pos)
		if err != nil {
			return fmt.Errorf("document %q: statuses: %w", ad.ID, err)
		}
		if len(sts) > 0 {
			ad.Status = make(map[string]annotate.Status, len(sts))
			for _, st := range sts {
				ad.Status[st.annotator] = st.status
			}
		}
		if err := fn(ad); err != nil {
			return err
		}
		if err := docs.next(); err != nil {
			return fmt.Errorf("documents: %w", err)
		}
	}
	return nil
}
