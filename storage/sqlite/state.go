package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"frametag/annotate"
)

// txState is annotate.State over one write transaction: an edit's Apply
// reads and writes through it, and the store commits or rolls back the
// whole. Each method is one indexed query; nothing loads a whole document
// except the schema edit's All* (it has to look at every annotation).
type txState struct {
	tx   *sql.Tx
	now  func() time.Time
	kept *kept
}

var _ annotate.State = txState{}

// kept is what a Store remembers between transactions, for the rules that
// run in every edit.
type kept struct {
	schema  schemaCache
	textLen textLenCache
}

func (s txState) Now() time.Time             { return s.now() }
func (s txState) NewID(prefix string) string { return annotate.NewID(prefix) }

func (s txState) Schema(ctx context.Context) (annotate.Schema, error) {
	return s.kept.schema.load(ctx, s.tx)
}

func (s txState) SetSchema(ctx context.Context, sc annotate.Schema) error {
	return saveSchema(ctx, s.tx, sc)
}

func (s txState) RenameLabel(ctx context.Context, layer, from, to string) error {
	for _, table := range []string{"spans", "doc_labels", "gazetteer", "rejections"} {
		if _, err := s.tx.ExecContext(ctx, `UPDATE `+table+` SET label = ? WHERE layer = ? AND label = ?`, to, layer, from); err != nil {
			return fmt.Errorf("rename %s/%s to %q: %w", layer, from, to, err)
		}
	}
	if layer == annotate.ActorLayer { // the registry's kinds are its labels
		if _, err := s.tx.ExecContext(ctx, `UPDATE actors SET kind = ? WHERE kind = ?`, to, from); err != nil {
			return fmt.Errorf("rename %s/%s to %q: %w", layer, from, to, err)
		}
	}
	return nil
}

func (s txState) TextLen(ctx context.Context, doc string) (int, bool, error) {
	n, err := s.kept.textLen.get(ctx, s.tx, doc)
	if annotate.ErrorCode(err) == annotate.ENotFound {
		return 0, false, nil
	}
	return n, err == nil, err
}

func (s txState) Text(ctx context.Context, doc string) (string, bool, error) {
	var text string
	err := s.tx.QueryRowContext(ctx, `SELECT text FROM documents WHERE id = ?`, doc).Scan(&text)
	if errors.Is(err, sql.ErrNoRows) {
		return "", false, nil
	}
	if err != nil {
		return "", false, fmt.Errorf("load document %q: %w", doc, err)
	}
	return text, true, nil
}

func (s txState) Span(ctx context.Context, doc, id string) (annotate.Span, bool, error) {
	sp, err := scanSpan(s.tx.QueryRowContext(ctx, `SELECT `+spanColumns+` FROM spans WHERE id = ? AND doc = ?`, id, doc))
	if errors.Is(err, sql.ErrNoRows) {
		return sp, false, nil
	}
	if err != nil {
		return sp, false, fmt.Errorf("load span %s: %w", id, err)
	}
	return sp, true, nil
}

func (s txState) Spans(ctx context.Context, doc, annotator, layer string) ([]annotate.Span, error) {
	return spansWhere(ctx, s.tx, `doc = ? AND annotator = ? AND layer = ?`, doc, annotator, layer)
}

func (s txState) AllSpans(ctx context.Context) ([]annotate.Span, error) {
	return spansWhere(ctx, s.tx, `1`)
}

// PutSpan updates the span in place, or inserts it when there is none. Ids
// are unique in their document (format 2), as the State finds them.
func (s txState) PutSpan(ctx context.Context, sp annotate.Span) error {
	updated, err := updateSpanRow(ctx, s.tx, sp)
	if err != nil || updated {
		return err
	}
	return insertSpan(ctx, s.tx, sp)
}

func (s txState) DeleteSpan(ctx context.Context, doc, id string) error {
	if _, err := s.tx.ExecContext(ctx, `DELETE FROM spans WHERE id = ? AND doc = ?`, id, doc); err != nil {
		return fmt.Errorf("delete span %s: %w", id, err)
	}
	return nil
}

func (s txState) Relation(ctx context.Context, doc, id string) (annotate.Relation, bool, error) {
	rels, err := relationsWhere(ctx, s.tx, `id = ? AND doc = ?`, id, doc)
	if err != nil || len(rels) == 0 {
		return annotate.Relation{}, false, err
	}
	return rels[0], true, nil
}

func (s txState) RelationsAt(ctx context.Context, doc, span string) ([]annotate.Relation, error) {
	return relationsWhere(ctx, s.tx, `(from_span = ?1 OR to_span = ?1) AND doc = ?2`, span, doc)
}

func (s txState) AllRelations(ctx context.Context) ([]annotate.Relation, error) {
	return relationsWhere(ctx, s.tx, `1`)
}

func (s txState) PutRelation(ctx context.Context, r annotate.Relation) error {
	return insertRelation(ctx, s.tx, r)
}

func (s txState) DeleteRelation(ctx context.Context, doc, id string) error {
	if _, err := s.tx.ExecContext(ctx, `DELETE FROM relations WHERE id = ? AND doc = ?`, id, doc); err != nil {
		return fmt.Errorf("delete relation %s: %w", id, err)
	}
	return nil
}

func (s txState) DocLabels(ctx context.Context, doc, layer, annotator string) ([]string, error) {
	return docLabelsOf(ctx, s.tx, doc, layer, annotator)
}

func (s txState) AllDocLabels(ctx context.Context) ([]annotate.DocLabelOf, error) {
	return docLabelsWhere(ctx, s.tx, `1`)
}

func (s txState) SetDocLabels(ctx context.Context, doc, layer, annotator string, labels []string) error {
	if _, err := s.tx.ExecContext(ctx, `DELETE FROM doc_labels WHERE doc = ? AND layer = ? AND annotator = ?`,
		doc, layer, annotator); err != nil {
		return fmt.Errorf("set document labels: %w", err)
	}
	for _, l := range labels {
		if _, err := s.tx.ExecContext(ctx, insertDocLabelSQL, doc, layer, l, annotator); err != nil {
			return fmt.Errorf("set document labels: %w", err)
		}
	}
	return nil
}

func (s txState) Status(ctx context.Context, doc, annotator string) (annotate.Status, error) {
	return statusOf(ctx, s.tx, doc, annotator)
}

func (s txState) SetStatus(ctx context.Context, doc, annotator string, st annotate.Status) error {
	return setStatus(ctx, s.tx, doc, annotator, st)
}
