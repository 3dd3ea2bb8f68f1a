package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"time"

	"frametag/annotate"
)

// inTx runs fn in one write transaction and commits it, or rolls back
// everything when fn fails.
func (s *Store) inTx(ctx context.Context, fn func(tx *sql.Tx) error) error {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("begin: %w", err)
	}
	defer tx.Rollback()
	if err := fn(tx); err != nil {
		return err
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("commit: %w", err)
	}
	return nil
}

// Apply validates e against the schema and the text, applies it and appends
// it to the edit log, all in one transaction committed before it returns. The
// edit returned is e as completed by the store: new ids, times, what it
// replaced (Before, BeforeLabels, BeforeStatus, BeforeSchema) and what went
// with it (the relations of a deleted span, the annotations a schema edit
// removes), so that its Inverse undoes it exactly. An edit the store refuses
// (code EInvalid, ENotFound or EConflict) changes nothing. A new edit empties the annotator's redo
// stack.
func (s *Store) Apply(ctx context.Context, e annotate.Edit) (_ annotate.Edit, err error) {
	defer s.failed(&err)
	var done annotate.Edit
	err = s.inTx(ctx, func(tx *sql.Tx) error {
		var err error
		if done, err = applyEdit(ctx, tx, s.now, e, false); err != nil {
			return err
		}
		if err := clearRedo(ctx, tx, done.Annotator); err != nil {
			return err
		}
		_, err = appendLog(ctx, tx, s.now(), done, logEdit, 0, stateDone)
		return err
	})
	if err != nil {
		return annotate.Edit{}, err
	}
	return done, nil
}

// applyEdit validates, completes and applies one edit inside tx. restoring
// is set for undo and redo: the edit then carries the times to restore
// instead of taking the current time.
func applyEdit(ctx context.Context, tx *sql.Tx, now func() time.Time, e annotate.Edit, restoring bool) (annotate.Edit, error) {
	if e.Annotator == "" {
		return e, invalid("%s: no annotator", e.Op)
	}
	sc, err := loadSchema(ctx, tx)
	if err != nil {
		return e, err
	}
	switch e.Op {
	case annotate.OpAddSpan:
		return addSpan(ctx, tx, now, &sc, e)
	case annotate.OpDeleteSpan:
		return deleteSpan(ctx, tx, e)
	case annotate.OpUpdateSpan:
		return updateSpan(ctx, tx, now, &sc, e, restoring)
	case annotate.OpAddRelation:
		return addRelation(ctx, tx, now, &sc, e)
	case annotate.OpDeleteRelation:
		return deleteRelation(ctx, tx, e)
	case annotate.OpSetDocLabels:
		return setDocLabels(ctx, tx, &sc, e)
	case annotate.OpSetStatus:
		return applyStatus(ctx, tx, e)
	case annotate.OpSetSchema:
		return applySchema(ctx, tx, sc, e)
	}
	return e, invalid("unknown edit %q", e.Op)
}

// notFound says that a row an edit names has gone (another annotator's
// edit, or another window's), and passes other errors on.
func notFound(err error) error {
	if annotate.ErrorCode(err) == annotate.ENotFound {
		return annotate.Errorf(annotate.ENotFound, "%w (deleted meanwhile?)", err)
	}
	return err
}

// checkSpanInDoc checks a span against the schema, its document's text and
// the layer's overlap rule.
func checkSpanInDoc(ctx context.Context, tx *sql.Tx, sc *annotate.Schema, sp *annotate.Span) error {
	attrs, err := sp.Attrs.Normalize()
	if err != nil {
		return invalid("span %s: %w", sp.ID, err)
	}
	sp.Attrs = attrs
	n, err := docTextLen(ctx, tx, sp.DocID)
	if err != nil {
		return notFound(err)
	}
	if err := sc.CheckSpan(*sp, n); err != nil {
		return invalidErr(err)
	}
	layer, _ := sc.Layer(sp.Layer)
	if layer.Overlap {
		return nil
	}
	others, err := spansWhere(ctx, tx, `doc = ? AND annotator = ? AND layer = ? AND id <> ?`,
		sp.DocID, sp.Annotator, sp.Layer, sp.ID)
	if err != nil {
		return err
	}
	for _, o := range others {
		if sp.Overlaps(o) {
			return invalid("span %s: overlaps span %s (%s) of %s; layer %q does not allow overlapping spans",
				sp.ID, o.ID, o.Label, o.Annotator, sp.Layer)
		}
	}
	return nil
}

func addSpan(ctx context.Context, tx *sql.Tx, now func() time.Time, sc *annotate.Schema, e annotate.Edit) (annotate.Edit, error) {
	if e.Span == nil {
		return e, invalid("add_span: no span")
	}
	sp := e.Span.Clone()
	if sp.DocID == "" {
		sp.DocID = e.DocID
	}
	if e.DocID != "" && sp.DocID != e.DocID {
		return e, invalid("span %s: is on document %q, the edit on %q", sp.ID, sp.DocID, e.DocID)
	}
	if sp.Annotator == "" {
		sp.Annotator = e.Annotator
	}
	if sp.ID == "" {
		sp.ID = annotate.NewID("s")
	} else if _, err := getSpan(ctx, tx, sp.ID); err == nil {
		return e, annotate.Errorf(annotate.EConflict, "span %s: already exists", sp.ID)
	} else if annotate.ErrorCode(err) != annotate.ENotFound {
		return e, err
	}
	// A new span gets the current time; one brought back by undo or redo
	// keeps the times it carries.
	if sp.Created.IsZero() {
		sp.Created = now()
	}
	if sp.Updated.IsZero() {
		sp.Updated = sp.Created
	}
	if err := checkSpanInDoc(ctx, tx, sc, &sp); err != nil {
		return e, err
	}
	if err := insertSpan(ctx, tx, sp); err != nil {
		return e, err
	}
	// Relations that come with the span: those removed when it was deleted.
	rels := make([]annotate.Relation, 0, len(e.Relations))
	for _, r := range e.Relations {
		r, err := checkRelation(ctx, tx, now, sc, r, sp.DocID, e.Annotator)
		if err != nil {
			return e, err
		}
		if err := insertRelation(ctx, tx, r); err != nil {
			return e, err
		}
		rels = append(rels, r)
	}
	e.DocID, e.Span, e.Relations = sp.DocID, &sp, nilIfEmpty(rels)
	return e, nil
}

func nilIfEmpty[T any](xs []T) []T {
	if len(xs) == 0 {
		return nil
	}
	return xs
}

func deleteSpan(ctx context.Context, tx *sql.Tx, e annotate.Edit) (annotate.Edit, error) {
	if e.Span == nil || e.Span.ID == "" {
		return e, invalid("delete_span: no span id")
	}
	stored, err := getSpan(ctx, tx, e.Span.ID)
	if err != nil {
		return e, notFound(err)
	}
	rels, err := relationsWhere(ctx, tx, `from_span = ?1 OR to_span = ?1`, stored.ID)
	if err != nil {
		return e, err
	}
	// The relations go with the span (ON DELETE CASCADE); the edit keeps them
	// so that undo brings them back.
	if _, err := tx.ExecContext(ctx, `DELETE FROM spans WHERE id = ?`, stored.ID); err != nil {
		return e, fmt.Errorf("delete span %s: %w", stored.ID, err)
	}
	e.DocID, e.Span, e.Relations = stored.DocID, &stored, rels
	return e, nil
}

func updateSpan(ctx context.Context, tx *sql.Tx, now func() time.Time, sc *annotate.Schema, e annotate.Edit, restoring bool) (annotate.Edit, error) {
	if e.Span == nil || e.Span.ID == "" {
		return e, invalid("update_span: no span id")
	}
	stored, err := getSpan(ctx, tx, e.Span.ID)
	if err != nil {
		return e, notFound(err)
	}
	after := e.Span.Clone()
	if after.DocID != "" && after.DocID != stored.DocID {
		return e, invalid("span %s: cannot move from document %q to %q", after.ID, stored.DocID, after.DocID)
	}
	after.DocID = stored.DocID
	if after.Annotator == "" {
		after.Annotator = stored.Annotator
	}
	after.Created = stored.Created
	if !restoring || after.Updated.IsZero() {
		after.Updated = now()
	}
	if err := checkSpanInDoc(ctx, tx, sc, &after); err != nil {
		return e, err
	}
	if after.Layer != stored.Layer {
		if err := checkRelationsOfSpan(ctx, tx, sc, after); err != nil {
			return e, err
		}
	}
	if err := updateSpanRow(ctx, tx, after); err != nil {
		return e, err
	}
	e.DocID, e.Before, e.Span = stored.DocID, &stored, &after
	return e, nil
}

// checkRelationsOfSpan checks that the relations at sp still fit their types
// once sp has moved to another layer.
func checkRelationsOfSpan(ctx context.Context, tx *sql.Tx, sc *annotate.Schema, sp annotate.Span) error {
	rels, err := relationsWhere(ctx, tx, `from_span = ?1 OR to_span = ?1`, sp.ID)
	if err != nil {
		return err
	}
	for _, r := range rels {
		from, to := sp, sp
		if r.From != sp.ID {
			if from, err = getSpan(ctx, tx, r.From); err != nil {
				return err
			}
		}
		if r.To != sp.ID {
			if to, err = getSpan(ctx, tx, r.To); err != nil {
				return err
			}
		}
		if err := sc.CheckRelation(r, from, to); err != nil {
			return invalidErr(err)
		}
	}
	return nil
}

// checkRelation completes a relation to be added (document, annotator, id,
// time) and checks its ends and type.
func checkRelation(ctx context.Context, tx *sql.Tx, now func() time.Time, sc *annotate.Schema, r annotate.Relation, docID, annotator string) (annotate.Relation, error) {
	if r.DocID == "" {
		r.DocID = docID
	}
	if docID != "" && r.DocID != docID {
		return r, invalid("relation %s: is on document %q, the edit on %q", r.ID, r.DocID, docID)
	}
	if r.Annotator == "" {
		r.Annotator = annotator
	}
	if r.ID == "" {
		r.ID = annotate.NewID("r")
	}
	if r.Created.IsZero() {
		r.Created = now()
	}
	from, err := getSpan(ctx, tx, r.From)
	if err != nil {
		return r, relationEndErr(r, err)
	}
	to, err := getSpan(ctx, tx, r.To)
	if err != nil {
		return r, relationEndErr(r, err)
	}
	if from.DocID != r.DocID {
		return r, invalid("relation %s: span %s is on document %q, not %q", r.ID, from.ID, from.DocID, r.DocID)
	}
	if err := sc.CheckRelation(r, from, to); err != nil {
		return r, invalidErr(err)
	}
	var dup string
	err = tx.QueryRowContext(ctx, `SELECT id FROM relations WHERE type = ? AND from_span = ? AND to_span = ?`,
		r.Type, r.From, r.To).Scan(&dup)
	switch {
	case err == nil:
		return r, annotate.Errorf(annotate.EConflict, "relation %s: %s from %s to %s already exists as %s", r.ID, r.Type, r.From, r.To, dup)
	case !errors.Is(err, sql.ErrNoRows):
		return r, fmt.Errorf("relation %s: %w", r.ID, err)
	}
	return r, nil
}

func relationEndErr(r annotate.Relation, err error) error {
	if annotate.ErrorCode(err) == annotate.ENotFound {
		return annotate.Errorf(annotate.ENotFound, "relation %s: %w", r.ID, notFound(err))
	}
	return err
}

func addRelation(ctx context.Context, tx *sql.Tx, now func() time.Time, sc *annotate.Schema, e annotate.Edit) (annotate.Edit, error) {
	if len(e.Relations) != 1 {
		return e, invalid("add_relation: want one relation, got %d", len(e.Relations))
	}
	docID := e.DocID
	if docID == "" {
		docID = e.Relations[0].DocID
	}
	r, err := checkRelation(ctx, tx, now, sc, e.Relations[0], docID, e.Annotator)
	if err != nil {
		return e, err
	}
	if err := insertRelation(ctx, tx, r); err != nil {
		return e, err
	}
	e.DocID, e.Relations = r.DocID, []annotate.Relation{r}
	return e, nil
}

func deleteRelation(ctx context.Context, tx *sql.Tx, e annotate.Edit) (annotate.Edit, error) {
	if len(e.Relations) != 1 || e.Relations[0].ID == "" {
		return e, invalid("delete_relation: want one relation id")
	}
	id := e.Relations[0].ID
	rels, err := relationsWhere(ctx, tx, `id = ?`, id)
	if err != nil {
		return e, err
	}
	if len(rels) == 0 {
		return e, notFound(notFoundf("relation %s", id))
	}
	if _, err := tx.ExecContext(ctx, `DELETE FROM relations WHERE id = ?`, id); err != nil {
		return e, fmt.Errorf("delete relation %s: %w", id, err)
	}
	e.DocID, e.Relations = rels[0].DocID, rels
	return e, nil
}

func setDocLabels(ctx context.Context, tx *sql.Tx, sc *annotate.Schema, e annotate.Edit) (annotate.Edit, error) {
	if _, err := docTextLen(ctx, tx, e.DocID); err != nil {
		return e, notFound(err)
	}
	layer, ok := sc.Layer(e.Layer)
	if !ok {
		return e, invalid("document labels: unknown layer %q", e.Layer)
	}
	var labels []string
	for _, l := range e.Labels {
		if err := sc.CheckDocLabel(annotate.DocLabel{Layer: e.Layer, Label: l, Annotator: e.Annotator}); err != nil {
			return e, invalidErr(err)
		}
		if !slices.Contains(labels, l) {
			labels = append(labels, l)
		}
	}
	if !layer.Multi && len(labels) > 1 {
		return e, invalid("document labels: layer %q takes one label per document, got %d", e.Layer, len(labels))
	}
	before, err := docLabelsOf(ctx, tx, e.DocID, e.Layer, e.Annotator)
	if err != nil {
		return e, err
	}
	if _, err := tx.ExecContext(ctx, `DELETE FROM doc_labels WHERE doc = ? AND layer = ? AND annotator = ?`,
		e.DocID, e.Layer, e.Annotator); err != nil {
		return e, fmt.Errorf("set document labels: %w", err)
	}
	for _, l := range labels {
		if _, err := tx.ExecContext(ctx, insertDocLabelSQL, e.DocID, e.Layer, l, e.Annotator); err != nil {
			return e, fmt.Errorf("set document labels: %w", err)
		}
	}
	e.Labels, e.BeforeLabels = labels, before
	return e, nil
}

func applyStatus(ctx context.Context, tx *sql.Tx, e annotate.Edit) (annotate.Edit, error) {
	if !e.Status.Valid() {
		return e, invalid("status %q: want one of todo, in_progress, done, skipped", e.Status)
	}
	if _, err := docTextLen(ctx, tx, e.DocID); err != nil {
		return e, notFound(err)
	}
	before, err := statusOf(ctx, tx, e.DocID, e.Annotator)
	if err != nil {
		return e, err
	}
	if err := setStatus(ctx, tx, e.DocID, e.Annotator, e.Status); err != nil {
		return e, err
	}
	e.BeforeStatus = before
	return e, nil
}
