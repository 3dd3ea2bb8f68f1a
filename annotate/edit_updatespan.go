package annotate

import (
	"context"
	"fmt"
	"time"
)

// UpdateSpanEdit changes a span in place (same document and id): its layer,
// label, fragments, attributes or note. Apply completes Before with the span
// as it was stored.
type UpdateSpanEdit struct {
	Annotator string
	Before    Span
	// After is the span as it is to become. A zero Updated is stamped with
	// the current time; a set one is kept (undo and redo bring back the
	// time they carry). Created always stays the stored one.
	After Span
}

func init() {
	registerEdit(OpUpdateSpan, func(r editRow) (Edit, error) {
		after, err := rowSpan(r, r.Span)
		if err != nil {
			return nil, err
		}
		var before Span
		if r.Before != nil {
			before, _ = rowSpan(r, r.Before)
		}
		return UpdateSpanEdit{Annotator: r.Annotator, Before: before, After: after}, nil
	})
}

// UpdateSpan is the edit by annotator that turns before into after (same
// id): a new change, stamped with the time it is applied.
func UpdateSpan(before, after Span, annotator string) UpdateSpanEdit {
	a := after.Clone()
	a.Updated = time.Time{}
	return UpdateSpanEdit{Annotator: annotator, Before: before.Clone(), After: a}
}

func (e UpdateSpanEdit) Op() Op { return OpUpdateSpan }

// Doc is the span's document: where it is found.
func (e UpdateSpanEdit) Doc() string {
	if e.Before.DocID != "" {
		return e.Before.DocID
	}
	return e.After.DocID
}

func (e UpdateSpanEdit) By() string       { return e.Annotator }
func (e UpdateSpanEdit) Describe() string { return fmt.Sprintf("change %s", e.After.Label) }

func (e UpdateSpanEdit) Inverse() Edit {
	return UpdateSpanEdit{Annotator: e.Annotator, Before: e.After, After: e.Before}
}

func (e UpdateSpanEdit) row() editRow {
	b, a := e.Before, e.After
	return editRow{Op: OpUpdateSpan, DocID: e.Doc(), Annotator: e.Annotator, Span: &a, Before: &b}
}

func (e UpdateSpanEdit) Apply(ctx context.Context, st State) (Edit, error) {
	if err := checkBy(e); err != nil {
		return nil, err
	}
	if e.After.ID == "" {
		return nil, Errorf(EInvalid, "update_span: no span id")
	}
	stored, err := storedSpan(ctx, st, e.Doc(), e.After.ID)
	if err != nil {
		return nil, err
	}
	if err := checkOwner(e.Annotator, stored.Annotator, fmt.Sprintf("span %s (%s)", stored.ID, stored.Label)); err != nil {
		return nil, err
	}
	after := e.After.Clone()
	if after.Annotator != "" && after.Annotator != stored.Annotator {
		return nil, Errorf(EInvalid, "span %s: cannot pass from %s to %s", after.ID, stored.Annotator, after.Annotator)
	}
	if after.DocID != "" && after.DocID != stored.DocID {
		return nil, Errorf(EInvalid, "span %s: cannot move from document %q to %q", after.ID, stored.DocID, after.DocID)
	}
	after.DocID = stored.DocID
	if after.Annotator == "" {
		after.Annotator = stored.Annotator
	}
	sc, err := st.Schema(ctx)
	if err != nil {
		return nil, err
	}
	if err := checkUpdatedSpan(ctx, st, &sc, stored, &after); err != nil {
		return nil, err
	}
	if err := st.PutSpan(ctx, after); err != nil {
		return nil, err
	}
	return UpdateSpanEdit{Annotator: e.Annotator, Before: stored, After: after}, nil
}
