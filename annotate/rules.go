package annotate

import (
	"context"
	"slices"
)

// This file holds the rules edits apply against a State; the pure checks
// they call (CheckSpan, CheckRelation, CheckDocLabel, AttrDef.Check,
// CheckFragments) are in schema.go and span.go, and what a new schema would
// orphan in misfits.go.

// CheckOverlap applies the layer's overlap rule to sp against others (the
// same annotator's spans of the layer; sp itself among them is ignored): on a
// layer without Overlap, an annotator's spans share no text. text is the
// document's text, to quote the span in the way ("" quotes nothing): the
// refusal is for people, so it names that span by its label and words, not
// its id, and says how nesting is allowed.
func (l *Layer) CheckOverlap(sp Span, others []Span, text string) error {
	if l.Overlap {
		return nil
	}
	for _, o := range others {
		if o.ID != sp.ID && sp.Overlaps(o) {
			what := "the " + o.Label + " span"
			if q := quoteSpan(text, o); q != "" {
				what += " “" + q + "”"
			}
			return Errorf(EInvalid, "it would overlap %s, and layer %q does not allow overlapping spans "+
				"(to allow nesting, turn on the layer's overlap setting: “spans may overlap” in the schema editor)",
				what, sp.Layer)
		}
	}
	return nil
}

// quoteSpan is what sp covers in text, shortened to a quote; "" when text
// does not hold it.
func quoteSpan(text string, sp Span) string {
	if text == "" {
		return ""
	}
	q, err := NewTextIndex(text).SpanText(sp.Fragments)
	if err != nil {
		return ""
	}
	if r := []rune(q); len(r) > 40 {
		q = string(r[:39]) + "…"
	}
	return q
}

// TakesLabels reports whether one annotator may give n labels of the layer
// to one document: any number on a multi layer, at most one otherwise.
func (l *Layer) TakesLabels(n int) bool { return l.Multi || n <= 1 }

// DuplicateRelation finds a relation among existing with r's type and ends
// (r itself, by id, excluded): the same link made twice.
func DuplicateRelation(r Relation, existing []Relation) (Relation, bool) {
	i := slices.IndexFunc(existing, func(x Relation) bool {
		return x.ID != r.ID && x.Type == r.Type && x.From == r.From && x.To == r.To
	})
	if i < 0 {
		return Relation{}, false
	}
	return existing[i], true
}

// docTextLen is a document's text length, or ENotFound.
func docTextLen(ctx context.Context, st State, doc string) (int, error) {
	n, ok, err := st.TextLen(ctx, doc)
	if err != nil {
		return 0, err
	}
	if !ok {
		return 0, Errorf(ENotFound, "document %q: not found (deleted meanwhile?)", doc)
	}
	return n, nil
}

// storedSpan is a span that must exist, or ENotFound.
func storedSpan(ctx context.Context, st State, doc, id string) (Span, error) {
	sp, ok, err := st.Span(ctx, doc, id)
	if err != nil {
		return sp, err
	}
	if !ok {
		return sp, Errorf(ENotFound, "span %s: not found (deleted meanwhile?)", id)
	}
	return sp, nil
}

// checkSpanIn checks a span about to be stored: its attribute values
// normalised (sp is changed), its document there, layer, label, fragments
// and attributes by the schema, and the layer's overlap rule.
func checkSpanIn(ctx context.Context, st State, sc *Schema, sp *Span) error {
	attrs, err := sp.Attrs.Normalize()
	if err != nil {
		return Errorf(EInvalid, "span %s: %w", sp.ID, err)
	}
	sp.Attrs = attrs
	n, err := docTextLen(ctx, st, sp.DocID)
	if err != nil {
		return err
	}
	if err := sc.CheckSpan(*sp, n); err != nil {
		return WithCode(EInvalid, err)
	}
	layer, _ := sc.Layer(sp.Layer)
	if layer.Overlap {
		return nil // no need to ask for the others
	}
	others, err := st.Spans(ctx, sp.DocID, sp.Annotator, sp.Layer)
	if err != nil {
		return err
	}
	for _, o := range others {
		if o.ID != sp.ID && sp.Overlaps(o) {
			// refused: quote the span in the way
			text, _, err := st.Text(ctx, sp.DocID)
			if err != nil {
				return err
			}
			return layer.CheckOverlap(*sp, others, text)
		}
	}
	return nil
}

// checkNewSpan completes a span about to be added (a fresh id, or the one
// it has if the document lacks it; Created and Updated when unset: undo
// and redo keep theirs) and checks it as checkSpanIn does, with its link
// to the actor registry when it has one (a deleted span brought back).
func checkNewSpan(ctx context.Context, st State, sc *Schema, sp *Span) error {
	if sp.ID == "" {
		sp.ID = st.NewID("s")
	} else if _, found, err := st.Span(ctx, sp.DocID, sp.ID); err != nil {
		return err
	} else if found {
		return Errorf(EConflict, "span %s: already exists in the document", sp.ID)
	}
	if sp.Created.IsZero() {
		sp.Created = st.Now()
	}
	if sp.Updated.IsZero() {
		sp.Updated = sp.Created
	}
	if err := checkSpanIn(ctx, st, sc, sp); err != nil {
		return err
	}
	if sp.Actor != "" {
		if err := checkActorSpan(*sp); err != nil {
			return err
		}
		if _, err := storedActor(ctx, st, sp.Actor); err != nil {
			return err
		}
	}
	return nil
}

// checkUpdatedSpan completes a span's new version from the stored one (its
// creation time, and its link to the actor registry, which only LinkActor
// changes; Updated when unset) and checks it as checkSpanIn does, and the
// relations at it when it moves to another layer.
func checkUpdatedSpan(ctx context.Context, st State, sc *Schema, stored Span, after *Span) error {
	after.Created = stored.Created
	after.Actor = stored.Actor
	if after.Actor != "" && after.Layer != stored.Layer {
		return Errorf(EInvalid, "span %s links to an actor of the registry: unlink it before moving it off the %s layer", stored.ID, stored.Layer)
	}
	if after.Updated.IsZero() {
		after.Updated = st.Now()
	}
	if err := checkSpanIn(ctx, st, sc, after); err != nil {
		return err
	}
	if after.Layer != stored.Layer {
		return checkRelationsAt(ctx, st, sc, *after)
	}
	return nil
}

// relationEnds are the spans a relation joins, each of which must exist in
// the relation's document; a span of pending is taken as it is about to be
// stored, instead of what the State holds.
func relationEnds(ctx context.Context, st State, r Relation, pending ...Span) (from, to Span, err error) {
	end := func(id string) (Span, error) {
		for _, p := range pending {
			if p.ID == id && p.DocID == r.DocID {
				return p, nil
			}
		}
		sp, ok, err := st.Span(ctx, r.DocID, id)
		if err != nil {
			return sp, err
		}
		if !ok {
			return sp, Errorf(ENotFound, "relation %s: span %s: not found (deleted meanwhile?)", r.ID, id)
		}
		return sp, nil
	}
	if from, err = end(r.From); err != nil {
		return
	}
	to, err = end(r.To)
	return
}

// completeRelation fills in what a relation to be added may leave out
// (document, annotator, id, time) and checks it: its ends exist, fit its type,
// and it does not repeat a relation already there or among adding (relations
// the same edit adds first). pending are spans the edit is about to store.
func completeRelation(ctx context.Context, st State, sc *Schema, r Relation, doc, annotator string,
	adding []Relation, pending ...Span) (Relation, error) {
	if r.DocID == "" {
		r.DocID = doc
	}
	if doc != "" && r.DocID != doc {
		return r, Errorf(EInvalid, "relation %s: is on document %q, the edit on %q", r.ID, r.DocID, doc)
	}
	if r.Annotator == "" {
		r.Annotator = annotator
	}
	if r.ID == "" {
		r.ID = st.NewID("r")
	} else if err := relationIDFree(ctx, st, r, adding); err != nil {
		return r, err
	}
	if r.Created.IsZero() {
		r.Created = st.Now()
	}
	from, to, err := relationEnds(ctx, st, r, pending...)
	if err != nil {
		return r, err
	}
	if err := sc.CheckRelation(r, from, to); err != nil {
		return r, WithCode(EInvalid, err)
	}
	at, err := st.RelationsAt(ctx, r.DocID, r.From)
	if err != nil {
		return r, err
	}
	if dup, ok := DuplicateRelation(r, append(at, adding...)); ok {
		return r, Errorf(EConflict, "relation %s: %s from %s to %s already exists as %s", r.ID, r.Type, r.From, r.To, dup.ID)
	}
	return r, nil
}

// relationIDFree refuses a relation whose id its document already has, or
// that another relation the same edit adds has. Ids are unique in their
// document, not in the project: another document's r1 is no clash.
func relationIDFree(ctx context.Context, st State, r Relation, adding []Relation) error {
	_, found, err := st.Relation(ctx, r.DocID, r.ID)
	if err != nil {
		return err
	}
	if !found {
		for _, a := range adding {
			found = found || (a.ID == r.ID && a.DocID == r.DocID)
		}
	}
	if found {
		return Errorf(EConflict, "relation %s: already exists in the document", r.ID)
	}
	return nil
}

// checkRelationsAt checks that the relations at sp still fit their types
// with sp as it is about to be stored (moved to another layer).
func checkRelationsAt(ctx context.Context, st State, sc *Schema, sp Span) error {
	rels, err := st.RelationsAt(ctx, sp.DocID, sp.ID)
	if err != nil {
		return err
	}
	for _, r := range rels {
		from, to, err := relationEnds(ctx, st, r, sp)
		if err != nil {
			return err
		}
		if err := sc.CheckRelation(r, from, to); err != nil {
			return WithCode(EInvalid, err)
		}
	}
	return nil
}

// Check applies the rules of a true rename: the label exists in the current
// schema's layer and its new name does not, and the new schema has the new
// name but no longer the old. Only a true rename can be undone by the
// inverse rename without merging two labels.
func (r LabelRename) Check(before, after *Schema) error {
	where := func(format string, a ...any) error {
		return Errorf(EInvalid, "rename %s/%s to %q: "+format, append([]any{r.Layer, r.From, r.To}, a...)...)
	}
	bl, ok := before.Layer(r.Layer)
	if !ok {
		return where("the current schema has no layer %q", r.Layer)
	}
	if _, ok := bl.Label(r.From); !ok {
		return where("layer %q has no label %q", r.Layer, r.From)
	}
	if _, ok := bl.Label(r.To); ok {
		return where("layer %q already has a label %q", r.Layer, r.To)
	}
	al, ok := after.Layer(r.Layer)
	if !ok {
		return where("the new schema has no layer %q", r.Layer)
	}
	if _, ok := al.Label(r.To); !ok {
		return where("the new schema's layer %q has no label %q", r.Layer, r.To)
	}
	if _, ok := al.Label(r.From); ok {
		return where("the new schema still has label %q", r.From)
	}
	return nil
}

// Renamed is the label a layer's label becomes under renames, applied in
// order (as a schema edit applies them).
func Renamed(renames []LabelRename, layer, label string) string {
	for _, r := range renames {
		if r.Layer == layer && r.From == label {
			label = r.To
		}
	}
	return label
}

// checkOwner refuses an edit that would change another annotator's span or
// relation: in an agreement study each annotator's annotations are their
// own, so one annotator can never silently change a colleague's data.
func checkOwner(by, owner, what string) error {
	if owner == "" || owner == by {
		return nil
	}
	return Errorf(EInvalid, "%s is %s's: your edits change only your own annotations", what, owner)
}
