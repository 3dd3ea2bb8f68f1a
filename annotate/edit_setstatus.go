package annotate

import (
	"context"
	"fmt"
)

// SetStatusEdit changes an annotator's status on a document. Apply completes
// Before with the status it replaced.
type SetStatusEdit struct {
	DocID, Annotator string
	Before, After    Status
}

func init() {
	registerEdit(OpSetStatus, func(r editRow) (Edit, error) {
		return SetStatusEdit{DocID: r.DocID, Annotator: r.Annotator, Before: r.BeforeStatus, After: r.Status}, nil
	})
}

// SetStatus is the edit by annotator that changes their status on a
// document from before to after.
func SetStatus(docID, annotator string, before, after Status) SetStatusEdit {
	return SetStatusEdit{DocID: docID, Annotator: annotator, Before: before, After: after}
}

func (e SetStatusEdit) Op() Op           { return OpSetStatus }
func (e SetStatusEdit) Doc() string      { return e.DocID }
func (e SetStatusEdit) By() string       { return e.Annotator }
func (e SetStatusEdit) Describe() string { return fmt.Sprintf("mark %s", e.After) }

func (e SetStatusEdit) Inverse() Edit {
	inv := e
	inv.Before, inv.After = e.After, e.Before
	return inv
}

func (e SetStatusEdit) row() editRow {
	return editRow{Op: OpSetStatus, DocID: e.DocID, Annotator: e.Annotator, Status: e.After, BeforeStatus: e.Before}
}

func (e SetStatusEdit) Apply(ctx context.Context, st State) (Edit, error) {
	if err := checkBy(e); err != nil {
		return nil, err
	}
	if !e.After.Valid() {
		return nil, Errorf(EInvalid, "status %q: want one of todo, in_progress, done, skipped", e.After)
	}
	if _, err := docTextLen(ctx, st, e.DocID); err != nil {
		return nil, err
	}
	before, err := st.Status(ctx, e.DocID, e.Annotator)
	if err != nil {
		return nil, err
	}
	if err := st.SetStatus(ctx, e.DocID, e.Annotator, e.After); err != nil {
		return nil, err
	}
	done := e
	done.Before = before
	return done, nil
}
