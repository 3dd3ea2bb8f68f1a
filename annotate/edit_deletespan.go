package annotate

import (
	"context"
	"fmt"
)

// DeleteSpanEdit removes a span and the relations at it (its Origin, when
// it undoes an accepted suggestion, goes back with it on redo). Only the span's
// document and id are needed; Apply completes Span with what was stored and
// Relations with the relations removed with it, so that the inverse brings
// all of them back.
type DeleteSpanEdit struct {
	Annotator string
	Span      Span
	Relations []Relation
	// Origin says where the span came from when it was an accepted
	// suggestion ("suggest:learned", "suggest:model:llama3.1"); "" for a
	// span made by hand. It is kept in the edit log, not on the span (the
	// span and every interchange format stay as they are); the span's
	// undo and redo carry it.
	Origin string
}

func init() {
	registerEdit(OpDeleteSpan, func(r editRow) (Edit, error) {
		sp, err := rowSpan(r, r.Span)
		return DeleteSpanEdit{Annotator: r.Annotator, Span: sp, Relations: r.Relations, Origin: r.Origin}, err
	})
}

// DeleteSpan is the edit by annotator that removes sp.
func DeleteSpan(sp Span, annotator string) DeleteSpanEdit {
	return DeleteSpanEdit{Annotator: annotator, Span: sp.Clone()}
}

func (e DeleteSpanEdit) Op() Op           { return OpDeleteSpan }
func (e DeleteSpanEdit) Doc() string      { return e.Span.DocID }
func (e DeleteSpanEdit) By() string       { return e.Annotator }
func (e DeleteSpanEdit) Describe() string { return fmt.Sprintf("delete %s", e.Span.Label) }

func (e DeleteSpanEdit) Inverse() Edit {
	return AddSpanEdit(e)
}

func (e DeleteSpanEdit) row() editRow {
	sp := e.Span
	return editRow{Op: OpDeleteSpan, DocID: sp.DocID, Annotator: e.Annotator, Span: &sp, Relations: e.Relations, Origin: e.Origin}
}

func (e DeleteSpanEdit) Apply(ctx context.Context, st State) (Edit, error) {
	if err := checkBy(e); err != nil {
		return nil, err
	}
	if e.Span.ID == "" {
		return nil, Errorf(EInvalid, "delete_span: no span id")
	}
	stored, err := storedSpan(ctx, st, e.Span.DocID, e.Span.ID)
	if err != nil {
		return nil, err
	}
	if err := checkOwner(e.Annotator, stored.Annotator, fmt.Sprintf("span %s (%s)", stored.ID, stored.Label)); err != nil {
		return nil, err
	}
	rels, err := st.RelationsAt(ctx, stored.DocID, stored.ID)
	if err != nil {
		return nil, err
	}
	// The relations go with the span; the edit keeps them so that undo
	// brings them back.
	for _, r := range rels {
		if err := st.DeleteRelation(ctx, r.DocID, r.ID); err != nil {
			return nil, err
		}
	}
	if err := st.DeleteSpan(ctx, stored.DocID, stored.ID); err != nil {
		return nil, err
	}
	return DeleteSpanEdit{Annotator: e.Annotator, Span: stored, Relations: nilIfEmpty(rels), Origin: e.Origin}, nil
}
