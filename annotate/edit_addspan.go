package annotate

import (
	"context"
	"fmt"
	"strings"
)

// AddSpanEdit creates a span. Relations are relations that come back with
// it: the inverse of a DeleteSpanEdit restores the span with the relations
// removed with it.
type AddSpanEdit struct {
	Annotator string
	// Span is the span to add. An empty ID is given a fresh one, a zero
	// Created the current time and a zero Updated its Created; times that
	// are set are kept (undo and redo bring back the times they carry).
	Span      Span
	Relations []Relation
	// Origin says where the span came from when it was an accepted
	// suggestion ("suggest:learned", "suggest:model:llama3.1") or a copy
	// of another annotator's span (OriginCopy: "copy:bob"); "" for a span
	// made by hand. It is kept in the edit log, not on the span (the
	// span and every interchange format stay as they are); the span's
	// undo and redo carry it.
	Origin string
}

func init() {
	registerEdit(OpAddSpan, func(r editRow) (Edit, error) {
		sp, err := rowSpan(r, r.Span)
		return AddSpanEdit{Annotator: r.Annotator, Span: sp, Relations: r.Relations, Origin: r.Origin}, err
	})
}

// AddSpan is the edit that creates sp, made by its annotator.
func AddSpan(sp Span) AddSpanEdit {
	return AddSpanEdit{Annotator: sp.Annotator, Span: sp.Clone()}
}

func (e AddSpanEdit) Op() Op      { return OpAddSpan }
func (e AddSpanEdit) Doc() string { return e.Span.DocID }
func (e AddSpanEdit) By() string  { return e.Annotator }
func (e AddSpanEdit) Describe() string {
	if from, ok := strings.CutPrefix(e.Origin, OriginCopy); ok {
		return fmt.Sprintf("copy %s's %s", from, e.Span.Label)
	}
	return fmt.Sprintf("add %s", e.Span.Label)
}

// OriginCopy starts the Origin of a span copied from another annotator's
// into one's own layer; their name follows ("copy:bob").
const OriginCopy = "copy:"

func (e AddSpanEdit) Inverse() Edit {
	return DeleteSpanEdit(e)
}

func (e AddSpanEdit) row() editRow {
	sp := e.Span
	return editRow{Op: OpAddSpan, DocID: sp.DocID, Annotator: e.Annotator, Span: &sp, Relations: e.Relations, Origin: e.Origin}
}

func (e AddSpanEdit) Apply(ctx context.Context, st State) (Edit, error) {
	if err := checkBy(e); err != nil {
		return nil, err
	}
	sc, err := st.Schema(ctx)
	if err != nil {
		return nil, err
	}
	sp := e.Span.Clone()
	if sp.Annotator == "" {
		sp.Annotator = e.Annotator
	}
	if sp.Annotator != e.Annotator {
		return nil, Errorf(EInvalid, "span %s: %s cannot add a span in %s's name: your edits make only your own annotations", sp.ID, e.Annotator, sp.Annotator)
	}
	if err := checkNewSpan(ctx, st, &sc, &sp); err != nil {
		return nil, err
	}
	// The relations' ends include the span, not stored yet: checked with it
	// as it will be, so that nothing is written before all is checked.
	rels := make([]Relation, 0, len(e.Relations))
	for _, r := range e.Relations {
		r, err := completeRelation(ctx, st, &sc, r, sp.DocID, e.Annotator, rels, sp)
		if err != nil {
			return nil, err
		}
		rels = append(rels, r)
	}
	if err := st.PutSpan(ctx, sp); err != nil {
		return nil, err
	}
	for _, r := range rels {
		if err := st.PutRelation(ctx, r); err != nil {
			return nil, err
		}
	}
	return AddSpanEdit{Annotator: e.Annotator, Span: sp, Relations: nilIfEmpty(rels), Origin: e.Origin}, nil
}
