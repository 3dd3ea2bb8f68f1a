package annotate

import (
	"context"
	"fmt"
)

// Ops of RejectSuggestionEdit: a rejection, and its undo.
const (
	OpRejectSuggestion   Op = "reject_suggestion"
	OpUnrejectSuggestion Op = "unreject_suggestion"
)

// RejectSuggestionEdit records that an annotator rejected a suggestion on a
// document (Undo false), or takes the rejection back (Undo true: its
// inverse). A rejected suggestion is not suggested to them on that document
// again; nothing else changes.
type RejectSuggestionEdit struct {
	Rejection Rejection
	Undo      bool
}

func init() {
	decode := func(undo bool) func(editRow) (Edit, error) {
		return func(r editRow) (Edit, error) {
			if r.Rejection == nil {
				return nil, fmt.Errorf("no rejection")
			}
			rj := *r.Rejection
			rj.Doc, rj.Annotator = r.DocID, r.Annotator
			return RejectSuggestionEdit{Rejection: rj, Undo: undo}, nil
		}
	}
	registerEdit(OpRejectSuggestion, decode(false))
	registerEdit(OpUnrejectSuggestion, decode(true))
}

// RejectSuggestion is the edit that rejects a suggestion.
func RejectSuggestion(r Rejection) RejectSuggestionEdit { return RejectSuggestionEdit{Rejection: r} }

func (e RejectSuggestionEdit) Op() Op {
	if e.Undo {
		return OpUnrejectSuggestion
	}
	return OpRejectSuggestion
}
func (e RejectSuggestionEdit) Doc() string { return e.Rejection.Doc }
func (e RejectSuggestionEdit) By() string  { return e.Rejection.Annotator }

func (e RejectSuggestionEdit) Describe() string {
	if e.Undo {
		return fmt.Sprintf("restore suggestion %s", e.Rejection.Label)
	}
	return fmt.Sprintf("reject suggestion %s", e.Rejection.Label)
}

func (e RejectSuggestionEdit) Inverse() Edit {
	inv := e
	inv.Undo = !e.Undo
	return inv
}

func (e RejectSuggestionEdit) row() editRow {
	rj := e.Rejection
	rj.Doc, rj.Annotator = "", "" // the row's own fields say them
	return editRow{Op: e.Op(), DocID: e.Rejection.Doc, Annotator: e.Rejection.Annotator, Rejection: &rj}
}

func (e RejectSuggestionEdit) Apply(ctx context.Context, st State) (Edit, error) {
	if err := checkBy(e); err != nil {
		return nil, err
	}
	r := e.Rejection
	n, err := docTextLen(ctx, st, r.Doc)
	if err != nil {
		return nil, err
	}
	if err := CheckFragments([]Fragment{{Start: r.Start, End: r.End}}, n); err != nil {
		return nil, Errorf(EInvalid, "suggestion: %v", err)
	}
	sc, err := st.Schema(ctx)
	if err != nil {
		return nil, err
	}
	if err := sc.CheckGazetteerEntry(GazetteerEntry{Layer: r.Layer, Label: r.Label, Text: "-"}); err != nil {
		return nil, Errorf(EInvalid, "suggestion: layer %s, label %s: not a label of a span layer", r.Layer, r.Label)
	}
	was, err := st.Rejected(ctx, r)
	if err != nil {
		return nil, err
	}
	switch {
	case was && !e.Undo:
		return nil, Errorf(EConflict, "suggestion %s at %d-%d: already rejected", r.Label, r.Start, r.End)
	case !was && e.Undo:
		return nil, Errorf(ENotFound, "suggestion %s at %d-%d: not rejected", r.Label, r.Start, r.End)
	}
	if err := st.SetRejected(ctx, r, !e.Undo); err != nil {
		return nil, err
	}
	return e, nil
}
