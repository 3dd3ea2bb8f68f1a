package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"

	"frametag/annotate"
)

func encodeSchema(s annotate.Schema) (string, error) {
	b, err := json.Marshal(s)
	if err != nil {
		return "", fmt.Errorf("encode schema: %w", err)
	}
	return string(b), nil
}

// Schema returns the project's current schema.
func (s *Store) Schema(ctx context.Context) (_ annotate.Schema, err error) {
	defer s.failed(&err)
	return loadSchema(ctx, s.db)
}

func loadSchema(ctx context.Context, q querier) (annotate.Schema, error) {
	var body string
	var version int
	if err := q.QueryRowContext(ctx, `SELECT version, body FROM schema WHERE id = 1`).Scan(&version, &body); err != nil {
		return annotate.Schema{}, fmt.Errorf("load schema: %w", err)
	}
	var sc annotate.Schema
	if err := json.Unmarshal([]byte(body), &sc); err != nil {
		return annotate.Schema{}, fmt.Errorf("load schema: %w", err)
	}
	sc.Version = version
	return sc, nil
}

func saveSchema(ctx context.Context, q querier, sc annotate.Schema) error {
	body, err := encodeSchema(sc)
	if err != nil {
		return err
	}
	if _, err := q.ExecContext(ctx, `UPDATE schema SET version = ?, body = ? WHERE id = 1`, sc.Version, body); err != nil {
		return fmt.Errorf("save schema: %w", err)
	}
	return nil
}

// applySchema replaces the schema: renames follow into spans and document
// labels, annotations the new schema has no place for are removed (and kept
// in the edit, for undo), and annotations an undone schema edit removed are
// restored.
func applySchema(ctx context.Context, tx *sql.Tx, cur annotate.Schema, e annotate.Edit) (annotate.Edit, error) {
	if e.Schema == nil {
		return e, invalid("set_schema: no schema")
	}
	after := e.Schema.Clone()
	if err := after.Validate(); err != nil {
		return e, invalid("schema: %w", err)
	}
	// Versions only go up, even when an undo brings an older schema back.
	if after.Version <= cur.Version {
		after.Version = cur.Version + 1
	}
	for _, r := range e.Renames {
		if err := applyRename(ctx, tx, &cur, &after, r); err != nil {
			return e, err
		}
	}
	removed, err := removeMisfits(ctx, tx, &after)
	if err != nil {
		return e, err
	}
	if err := checkAttrsFit(ctx, tx, &after); err != nil {
		return e, err
	}
	if err := restore(ctx, tx, &after, e.Restored); err != nil {
		return e, err
	}
	if err := saveSchema(ctx, tx, after); err != nil {
		return e, err
	}
	before := cur.Clone()
	e.BeforeSchema, e.Schema, e.Removed = &before, &after, removed
	return e, nil
}

// applyRename renames a label in the annotations. Only a true rename is
// accepted (the old name gone from the new schema, the new one absent from
// the old), so that the inverse rename restores exactly what was there.
func applyRename(ctx context.Context, tx *sql.Tx, before, after *annotate.Schema, r annotate.LabelRename) error {
	where := fmt.Sprintf("rename %s/%s to %q", r.Layer, r.From, r.To)
	bl, ok := before.Layer(r.Layer)
	if !ok {
		return invalid("%s: the current schema has no layer %q", where, r.Layer)
	}
	if _, ok := bl.Label(r.From); !ok {
		return invalid("%s: layer %q has no label %q", where, r.Layer, r.From)
	}
	if _, ok := bl.Label(r.To); ok {
		return invalid("%s: layer %q already has a label %q", where, r.Layer, r.To)
	}
	al, ok := after.Layer(r.Layer)
	if !ok {
		return invalid("%s: the new schema has no layer %q", where, r.Layer)
	}
	if _, ok := al.Label(r.To); !ok {
		return invalid("%s: the new schema's layer %q has no label %q", where, r.Layer, r.To)
	}
	if _, ok := al.Label(r.From); ok {
		return invalid("%s: the new schema still has label %q", where, r.From)
	}
	if _, err := tx.ExecContext(ctx, `UPDATE spans SET label = ? WHERE layer = ? AND label = ?`, r.To, r.Layer, r.From); err != nil {
		return fmt.Errorf("%s: %w", where, err)
	}
	if _, err := tx.ExecContext(ctx, `UPDATE doc_labels SET label = ? WHERE layer = ? AND label = ?`, r.To, r.Layer, r.From); err != nil {
		return fmt.Errorf("%s: %w", where, err)
	}
	return nil
}

// removeMisfits deletes the annotations sc has no place for (unknown layer,
// label or relation type, relation ends in the wrong layers) and returns
// them.
func removeMisfits(ctx context.Context, tx *sql.Tx, sc *annotate.Schema) (*annotate.Removed, error) {
	var rm annotate.Removed
	spanFits := func(layer, label string) bool {
		l, ok := sc.Layer(layer)
		if !ok || l.Kind != annotate.SpanLayer {
			return false
		}
		_, ok = l.Label(label)
		return ok
	}
	docLabelFits := func(layer, label string) bool {
		return sc.CheckDocLabel(annotate.DocLabel{Layer: layer, Label: label}) == nil
	}
	spanPairs, err := distinctPairs(ctx, tx, `SELECT DISTINCT layer, label FROM spans`)
	if err != nil {
		return nil, err
	}
	for _, p := range spanPairs {
		if spanFits(p[0], p[1]) {
			continue
		}
		spans, err := spansWhere(ctx, tx, `layer = ? AND label = ?`, p[0], p[1])
		if err != nil {
			return nil, err
		}
		rm.Spans = append(rm.Spans, spans...)
	}
	// Relations: those of removed spans, those of a deleted type, and those
	// whose ends no longer sit in the layers their type joins.
	gone := map[string]bool{}
	for _, sp := range rm.Spans {
		gone[sp.ID] = true
	}
	rels, err := relationsWhere(ctx, tx, `1`)
	if err != nil {
		return nil, err
	}
	for _, r := range rels {
		if gone[r.From] || gone[r.To] {
			rm.Relations = append(rm.Relations, r)
			continue
		}
		rt, ok := sc.RelationType(r.Type)
		if !ok {
			rm.Relations = append(rm.Relations, r)
			continue
		}
		var fromLayer, toLayer string
		if err := tx.QueryRowContext(ctx, `SELECT (SELECT layer FROM spans WHERE id = ?), (SELECT layer FROM spans WHERE id = ?)`,
			r.From, r.To).Scan(&fromLayer, &toLayer); err != nil {
			return nil, fmt.Errorf("relation %s: %w", r.ID, err)
		}
		if fromLayer != rt.From || toLayer != rt.To {
			rm.Relations = append(rm.Relations, r)
		}
	}
	labelPairs, err := distinctPairs(ctx, tx, `SELECT DISTINCT layer, label FROM doc_labels`)
	if err != nil {
		return nil, err
	}
	for _, p := range labelPairs {
		if docLabelFits(p[0], p[1]) {
			continue
		}
		dls, err := docLabelsWhere(ctx, tx, `layer = ? AND label = ?`, p[0], p[1])
		if err != nil {
			return nil, err
		}
		rm.DocLabels = append(rm.DocLabels, dls...)
	}
	for _, r := range rm.Relations {
		if _, err := tx.ExecContext(ctx, `DELETE FROM relations WHERE id = ?`, r.ID); err != nil {
			return nil, fmt.Errorf("remove relation %s: %w", r.ID, err)
		}
	}
	for _, sp := range rm.Spans {
		if _, err := tx.ExecContext(ctx, `DELETE FROM spans WHERE id = ?`, sp.ID); err != nil {
			return nil, fmt.Errorf("remove span %s: %w", sp.ID, err)
		}
	}
	for _, dl := range rm.DocLabels {
		if _, err := tx.ExecContext(ctx, `DELETE FROM doc_labels WHERE doc = ? AND layer = ? AND label = ? AND annotator = ?`,
			dl.DocID, dl.Layer, dl.Label, dl.Annotator); err != nil {
			return nil, fmt.Errorf("remove document label %s/%s: %w", dl.Layer, dl.Label, err)
		}
	}
	if len(rm.Spans) == 0 && len(rm.Relations) == 0 && len(rm.DocLabels) == 0 {
		return nil, nil
	}
	return &rm, nil
}

func distinctPairs(ctx context.Context, tx *sql.Tx, query string) ([][2]string, error) {
	return queryAll(ctx, tx, "schema check", scanPair, query)
}

// checkAttrsFit refuses a schema under which stored attribute values would
// become invalid (an attribute deleted or a value no longer allowed while
// spans hold it): those cannot be removed without losing part of a span.
func checkAttrsFit(ctx context.Context, tx *sql.Tx, sc *annotate.Schema) error {
	spans, err := spansWhere(ctx, tx, `attrs IS NOT NULL`)
	if err != nil {
		return err
	}
	bad := map[string]int{}
	var order []string
	for _, sp := range spans {
		l, ok := sc.Layer(sp.Layer)
		if !ok {
			continue // removed with its layer already
		}
		for name, v := range sp.Attrs {
			def, ok := l.Attribute(name)
			if ok && def.Check(v) == nil {
				continue
			}
			key := fmt.Sprintf("layer %q attribute %q", sp.Layer, name)
			if bad[key] == 0 {
				order = append(order, key)
			}
			bad[key]++
		}
	}
	if len(order) == 0 {
		return nil
	}
	key := order[0]
	return invalid("schema: %s: %d spans hold values the new schema does not allow; change those spans first", key, bad[key])
}

// restore puts back annotations a schema edit removed, with their ids.
func restore(ctx context.Context, tx *sql.Tx, sc *annotate.Schema, rs *annotate.Removed) error {
	if rs == nil {
		return nil
	}
	for _, sp := range rs.Spans {
		n, err := docTextLen(ctx, tx, sp.DocID)
		if err != nil {
			return notFound(err)
		}
		if err := sc.CheckSpan(sp, n); err != nil {
			return invalidErr(err)
		}
		if err := insertSpan(ctx, tx, sp); err != nil {
			return err
		}
	}
	for _, r := range rs.Relations {
		if err := insertRelation(ctx, tx, r); err != nil {
			return err
		}
	}
	for _, dl := range rs.DocLabels {
		if _, err := tx.ExecContext(ctx, `INSERT OR IGNORE INTO doc_labels (doc, layer, label, annotator) VALUES (?, ?, ?, ?)`,
			dl.DocID, dl.Layer, dl.Label, dl.Annotator); err != nil {
			return fmt.Errorf("restore document label %s/%s: %w", dl.Layer, dl.Label, err)
		}
	}
	return nil
}
