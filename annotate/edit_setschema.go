package annotate

import (
	"context"
	"slices"
)

// SetSchemaEdit replaces the schema. Renames carry labels over to their new
// names in every annotation; annotations the new schema has no place for
// (Schema.Misfits) are removed, and Removed records them; Restored are
// annotations an earlier schema edit removed, put back (the inverse of a
// schema edit restores what it removed). Apply completes Before with the
// schema it replaced.
type SetSchemaEdit struct {
	Annotator         string
	Before, After     Schema
	Renames           []LabelRename
	Removed, Restored *Removed
}

func init() {
	registerEdit(OpSetSchema, func(r editRow) (Edit, error) {
		e := SetSchemaEdit{Annotator: r.Annotator, Renames: r.Renames, Removed: r.Removed, Restored: r.Restored}
		if r.Schema != nil {
			e.After = *r.Schema
		}
		if r.BeforeSchema != nil {
			e.Before = *r.BeforeSchema
		}
		return e, nil
	})
}

// SetSchema is the edit by annotator that replaces before by after, carrying
// renamed labels' annotations over.
func SetSchema(before, after Schema, renames []LabelRename, annotator string) SetSchemaEdit {
	return SetSchemaEdit{Annotator: annotator, Before: before.Clone(), After: after.Clone(),
		Renames: slices.Clone(renames)}
}

func (e SetSchemaEdit) Op() Op           { return OpSetSchema }
func (e SetSchemaEdit) Doc() string      { return "" }
func (e SetSchemaEdit) By() string       { return e.Annotator }
func (e SetSchemaEdit) Describe() string { return "edit schema" }

// Inverse brings the schema before back: renames undone in reverse order,
// what was removed restored and what was restored removed.
func (e SetSchemaEdit) Inverse() Edit {
	inv := e
	inv.Before, inv.After = e.After, e.Before
	inv.Removed, inv.Restored = e.Restored, e.Removed
	inv.Renames = nil // nil stays nil, so that undo's undo is the edit itself
	if len(e.Renames) > 0 {
		inv.Renames = make([]LabelRename, len(e.Renames))
	}
	for i, r := range e.Renames {
		inv.Renames[len(e.Renames)-1-i] = LabelRename{Layer: r.Layer, From: r.To, To: r.From}
	}
	return inv
}

func (e SetSchemaEdit) row() editRow {
	b, a := e.Before, e.After
	return editRow{Op: OpSetSchema, Annotator: e.Annotator, Schema: &a, BeforeSchema: &b,
		Renames: e.Renames, Removed: e.Removed, Restored: e.Restored}
}

func (e SetSchemaEdit) Apply(ctx context.Context, st State) (Edit, error) {
	if err := checkBy(e); err != nil {
		return nil, err
	}
	cur, err := st.Schema(ctx)
	if err != nil {
		return nil, err
	}
	after := e.After.Clone()
	if err := after.Validate(); err != nil {
		return nil, Errorf(EInvalid, "schema: %w", err)
	}
	// Versions only go up, even when an undo brings an older schema back.
	if after.Version <= cur.Version {
		after.Version = cur.Version + 1
	}
	for _, r := range e.Renames {
		if err := r.Check(&cur, &after); err != nil {
			return nil, err
		}
	}
	spans, err := st.AllSpans(ctx)
	if err != nil {
		return nil, err
	}
	rels, err := st.AllRelations(ctx)
	if err != nil {
		return nil, err
	}
	labels, err := st.AllDocLabels(ctx)
	if err != nil {
		return nil, err
	}
	misfits := after.Misfits(e.Renames, spans, rels, labels)
	if len(misfits.Attrs) > 0 {
		return nil, misfits.Attrs[0].Err()
	}
	if e.Restored != nil {
		if err := checkRestore(ctx, st, &after, *e.Restored); err != nil {
			return nil, err
		}
	}

	for _, r := range e.Renames {
		if err := st.RenameLabel(ctx, r.Layer, r.From, r.To); err != nil {
			return nil, err
		}
	}
	if err := remove(ctx, st, misfits.Removed, e.Renames, labels); err != nil {
		return nil, err
	}
	if e.Restored != nil {
		if err := restore(ctx, st, *e.Restored); err != nil {
			return nil, err
		}
	}
	if err := st.SetSchema(ctx, after); err != nil {
		return nil, err
	}
	done := SetSchemaEdit{Annotator: e.Annotator, Before: cur.Clone(), After: after, Renames: e.Renames, Restored: e.Restored}
	if !misfits.Removed.Empty() {
		rm := misfits.Removed
		done.Removed = &rm
	}
	return done, nil
}

// checkRestore checks that annotations a schema edit brings back fit the
// schema and their documents, and are not there already.
func checkRestore(ctx context.Context, st State, sc *Schema, rs Removed) error {
	lens := map[string]int{}
	for _, sp := range rs.Spans {
		if _, found, err := st.Span(ctx, sp.DocID, sp.ID); err != nil {
			return err
		} else if found {
			return Errorf(EConflict, "span %s: already exists in the document", sp.ID)
		}
		n, ok := lens[sp.DocID]
		if !ok {
			var err error
			if n, err = docTextLen(ctx, st, sp.DocID); err != nil {
				return err
			}
			lens[sp.DocID] = n
		}
		if err := sc.CheckSpan(sp, n); err != nil {
			return WithCode(EInvalid, err)
		}
	}
	return nil
}

// docLabelGroup is one annotator's labels of one document layer.
type docLabelGroup struct{ doc, layer, annotator string }

func groupOf(dl DocLabelOf) docLabelGroup { return docLabelGroup{dl.DocID, dl.Layer, dl.Annotator} }

// remove takes misfits away. Document labels are set per group: all is the
// document labels as they were (before renames), so the labels that stay
// are all's of the group, renamed, less the misfits.
func remove(ctx context.Context, st State, rm Removed, renames []LabelRename, all []DocLabelOf) error {
	for _, r := range rm.Relations {
		if err := st.DeleteRelation(ctx, r.DocID, r.ID); err != nil {
			return err
		}
	}
	for _, sp := range rm.Spans {
		if err := st.DeleteSpan(ctx, sp.DocID, sp.ID); err != nil {
			return err
		}
	}
	if len(rm.DocLabels) == 0 {
		return nil
	}
	gone := map[DocLabelOf]bool{}
	var groups []docLabelGroup
	for _, dl := range rm.DocLabels {
		gone[dl] = true
		if g := groupOf(dl); !slices.Contains(groups, g) {
			groups = append(groups, g)
		}
	}
	for _, g := range groups {
		var keep []string
		for _, dl := range all {
			if groupOf(dl) == g && !gone[dl] {
				keep = append(keep, Renamed(renames, dl.Layer, dl.Label))
			}
		}
		if err := st.SetDocLabels(ctx, g.doc, g.layer, g.annotator, keep); err != nil {
			return err
		}
	}
	return nil
}

// restore puts back annotations a schema edit removed, with their ids.
func restore(ctx context.Context, st State, rs Removed) error {
	for _, sp := range rs.Spans {
		if err := st.PutSpan(ctx, sp); err != nil {
			return err
		}
	}
	for _, r := range rs.Relations {
		if err := st.PutRelation(ctx, r); err != nil {
			return err
		}
	}
	var groups []docLabelGroup
	add := map[docLabelGroup][]string{}
	for _, dl := range rs.DocLabels {
		g := groupOf(dl)
		if _, seen := add[g]; !seen {
			groups = append(groups, g)
		}
		add[g] = append(add[g], dl.Label)
	}
	for _, g := range groups {
		labels, err := st.DocLabels(ctx, g.doc, g.layer, g.annotator)
		if err != nil {
			return err
		}
		for _, l := range add[g] {
			if !slices.Contains(labels, l) {
				labels = append(labels, l)
			}
		}
		if err := st.SetDocLabels(ctx, g.doc, g.layer, g.annotator, labels); err != nil {
			return err
		}
	}
	return nil
}
