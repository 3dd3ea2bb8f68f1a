package annotate

import (
	"context"
	"fmt"
)

// OpUpdateActor changes a registry entry's fields: rename it, change its
// kind, aliases, description or external id. Its mentions follow by
// themselves: they link to the entry, not to its name.
const OpUpdateActor Op = "update_actor"

// UpdateActorEdit turns an entry into After (same id). Apply completes
// Before with the entry as stored; a Before given is what the entry must
// still be (undo and redo refuse an entry changed meanwhile).
type UpdateActorEdit struct {
	Annotator     string
	Before, After ActorEntry
}

func init() {
	registerEdit(OpUpdateActor, func(r editRow) (Edit, error) {
		if r.Actor == nil || r.BeforeActor == nil {
			return nil, fmt.Errorf("no actor")
		}
		return UpdateActorEdit{Annotator: r.Annotator, Before: *r.BeforeActor, After: *r.Actor}, nil
	})
}

// UpdateActor is the edit by annotator that gives entry after.ID the fields
// of after.
func UpdateActor(after ActorEntry, annotator string) UpdateActorEdit {
	return UpdateActorEdit{Annotator: annotator, After: after.Clone()}
}

// RenameActor is UpdateActor of entry with only its name changed.
func RenameActor(entry ActorEntry, name, annotator string) UpdateActorEdit {
	a := entry.Clone()
	a.Name = name
	return UpdateActor(a, annotator)
}

func (e UpdateActorEdit) Op() Op      { return OpUpdateActor }
func (e UpdateActorEdit) Doc() string { return "" }
func (e UpdateActorEdit) By() string  { return e.Annotator }

func (e UpdateActorEdit) Describe() string {
	if e.Before.Name != "" && e.Before.Name != e.After.Name {
		return fmt.Sprintf("rename actor %s to %s", e.Before.Name, e.After.Name)
	}
	return fmt.Sprintf("change actor %s", e.After.Name)
}

func (e UpdateActorEdit) Inverse() Edit {
	return UpdateActorEdit{Annotator: e.Annotator, Before: e.After, After: e.Before}
}

func (e UpdateActorEdit) row() editRow {
	b, a := e.Before, e.After
	return editRow{Op: OpUpdateActor, Annotator: e.Annotator, Actor: &a, BeforeActor: &b}
}

func (e UpdateActorEdit) Apply(ctx context.Context, st State) (Edit, error) {
	if err := checkBy(e); err != nil {
		return nil, err
	}
	stored, err := storedActor(ctx, st, e.After.ID)
	if err != nil {
		return nil, err
	}
	if e.Before.ID != "" {
		if err := expectActor(stored, e.Before); err != nil {
			return nil, err
		}
	}
	sc, err := st.Schema(ctx)
	if err != nil {
		return nil, err
	}
	a, err := e.After.Normalize(&sc)
	if err != nil {
		return nil, err
	}
	if a.Equal(stored) {
		return nil, Errorf(EInvalid, "actor %q: nothing to change", stored.Name)
	}
	if err := checkActorName(ctx, st, a); err != nil {
		return nil, err
	}
	if err := st.PutActor(ctx, a); err != nil {
		return nil, err
	}
	return UpdateActorEdit{Annotator: e.Annotator, Before: stored, After: a}, nil
}
