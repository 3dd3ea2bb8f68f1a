package annotate

import (
	"context"
	"fmt"
)

// Ops of CreateActorEdit: a new registry entry, and its undo.
const (
	OpCreateActor Op = "create_actor"
	OpDeleteActor Op = "delete_actor"
)

// CreateActorEdit adds an entry to the actor registry, linking the given
// mentions (the annotator's own, unlinked, actor spans) to it: "a new actor
// from this span" is one edit. With Delete it is its inverse: the entry
// removed and those mentions unlinked, refused while other spans link to it.
type CreateActorEdit struct {
	Annotator string
	Entry     ActorEntry
	Mentions  []SpanRef
	Delete    bool
}

func init() {
	decode := func(del bool) func(editRow) (Edit, error) {
		return func(r editRow) (Edit, error) {
			if r.Actor == nil {
				return nil, fmt.Errorf("no actor")
			}
			return CreateActorEdit{Annotator: r.Annotator, Entry: *r.Actor, Mentions: r.Mentions, Delete: del}, nil
		}
	}
	registerEdit(OpCreateActor, decode(false))
	registerEdit(OpDeleteActor, decode(true))
}

// CreateActor is the edit by annotator that adds entry (its ID left empty
// for a new one) and links mentions to it.
func CreateActor(entry ActorEntry, annotator string, mentions ...SpanRef) CreateActorEdit {
	return CreateActorEdit{Annotator: annotator, Entry: entry.Clone(), Mentions: mentions}
}

func (e CreateActorEdit) Op() Op {
	if e.Delete {
		return OpDeleteActor
	}
	return OpCreateActor
}
func (e CreateActorEdit) Doc() string { return "" }
func (e CreateActorEdit) By() string  { return e.Annotator }

func (e CreateActorEdit) Describe() string {
	if e.Delete {
		return fmt.Sprintf("remove actor %s", e.Entry.Name)
	}
	return fmt.Sprintf("new actor %s", e.Entry.Name)
}

func (e CreateActorEdit) Inverse() Edit {
	inv := e
	inv.Delete = !e.Delete
	return inv
}

func (e CreateActorEdit) row() editRow {
	a := e.Entry
	return editRow{Op: e.Op(), Annotator: e.Annotator, Actor: &a, Mentions: e.Mentions}
}

func (e CreateActorEdit) Apply(ctx context.Context, st State) (Edit, error) {
	if err := checkBy(e); err != nil {
		return nil, err
	}
	if e.Delete {
		return e.applyDelete(ctx, st)
	}
	sc, err := st.Schema(ctx)
	if err != nil {
		return nil, err
	}
	a, err := e.Entry.Normalize(&sc)
	if err != nil {
		return nil, err
	}
	if a.ID == "" {
		a.ID = st.NewID("a")
	} else if _, found, err := st.Actor(ctx, a.ID); err != nil {
		return nil, err
	} else if found {
		return nil, Errorf(EConflict, "actor %s: already in the registry", a.ID)
	}
	if err := checkActorName(ctx, st, a); err != nil {
		return nil, err
	}
	for _, r := range e.Mentions {
		sp, err := linkableSpan(ctx, st, e.Annotator, r)
		if err != nil {
			return nil, err
		}
		if sp.Actor != "" {
			return nil, Errorf(EConflict, "span %s already links to actor %s: unlink it first", sp.ID, sp.Actor)
		}
	}
	if err := st.PutActor(ctx, a); err != nil {
		return nil, err
	}
	if err := moveMentions(ctx, st, e.Mentions, "", a.ID); err != nil {
		return nil, err
	}
	return CreateActorEdit{Annotator: e.Annotator, Entry: a, Mentions: e.Mentions}, nil
}

func (e CreateActorEdit) applyDelete(ctx context.Context, st State) (Edit, error) {
	stored, err := storedActor(ctx, st, e.Entry.ID)
	if err != nil {
		return nil, err
	}
	if err := expectActor(stored, e.Entry); err != nil {
		return nil, err
	}
	linked, err := st.ActorSpans(ctx, stored.ID)
	if err != nil {
		return nil, err
	}
	listed := map[SpanRef]bool{}
	for _, r := range e.Mentions {
		listed[r] = true
	}
	others := 0
	for _, r := range linked {
		if !listed[r] {
			others++
		}
	}
	if others > 0 {
		return nil, Errorf(EConflict, "actor %q: %d other mention(s) link to it; merge it into another actor instead", stored.Name, others)
	}
	// the mentions it unlinks are the annotator's own, as the create that
	// undoes it links only those
	for _, r := range e.Mentions {
		if _, err := linkableSpan(ctx, st, e.Annotator, r); err != nil {
			if ErrorCode(err) == EInvalid {
				return nil, Errorf(EConflict, "actor %q: %v; merge the actor into another instead", stored.Name, err)
			}
			return nil, err
		}
	}
	if err := moveMentions(ctx, st, e.Mentions, stored.ID, ""); err != nil {
		return nil, err
	}
	if err := st.DeleteActor(ctx, stored.ID); err != nil {
		return nil, err
	}
	return e, nil
}
