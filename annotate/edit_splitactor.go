package annotate

import (
	"context"
	"fmt"
)

// OpSplitActor makes a new registry entry of some of an entry's mentions.
const OpSplitActor Op = "split_actor"

// SplitActorEdit moves the chosen Mentions, whoever annotated them, from
// entry Of to a new entry New ("Smith" the minister and "Smith" the union
// leader were one entry, and are two). Apply completes OfBefore with the
// entry as stored; a completed split (OfBefore set: the inverse of a merge)
// also gives Of exactly its fields. Its Inverse merges New back into Of.
type SplitActorEdit struct {
	Annotator string
	Of        ActorEntry
	OfBefore  ActorEntry
	New       ActorEntry
	Mentions  []SpanRef
}

func init() {
	registerEdit(OpSplitActor, func(r editRow) (Edit, error) {
		if r.Actor == nil || r.OtherActor == nil {
			return nil, fmt.Errorf("no actors")
		}
		e := SplitActorEdit{Annotator: r.Annotator, Of: *r.Actor, New: *r.OtherActor, Mentions: r.Mentions}
		if r.BeforeActor != nil {
			e.OfBefore = *r.BeforeActor
		}
		return e, nil
	})
}

// SplitActor is the edit by annotator that moves mentions of entry of to a
// new entry (its ID left empty).
func SplitActor(of string, entry ActorEntry, mentions []SpanRef, annotator string) SplitActorEdit {
	return SplitActorEdit{Annotator: annotator, Of: ActorEntry{ID: of}, New: entry.Clone(), Mentions: mentions}
}

func (e SplitActorEdit) Op() Op      { return OpSplitActor }
func (e SplitActorEdit) Doc() string { return "" }
func (e SplitActorEdit) By() string  { return e.Annotator }

func (e SplitActorEdit) Describe() string {
	return fmt.Sprintf("split actor %s from %s", e.New.Name, e.Of.Name)
}

func (e SplitActorEdit) Inverse() Edit {
	return MergeActorsEdit{Annotator: e.Annotator, Into: e.OfBefore, IntoBefore: e.Of, From: e.New, Mentions: e.Mentions}
}

func (e SplitActorEdit) row() editRow {
	of, before, nw := e.Of, e.OfBefore, e.New
	r := editRow{Op: OpSplitActor, Annotator: e.Annotator, Actor: &of, OtherActor: &nw, Mentions: e.Mentions}
	if before.ID != "" {
		r.BeforeActor = &before
	}
	return r
}

func (e SplitActorEdit) Apply(ctx context.Context, st State) (Edit, error) {
	if err := checkBy(e); err != nil {
		return nil, err
	}
	if len(e.Mentions) == 0 {
		return nil, Errorf(EInvalid, "split actor: no mentions chosen to move")
	}
	of, err := storedActor(ctx, st, e.Of.ID)
	if err != nil {
		return nil, err
	}
	after := of
	if e.OfBefore.ID != "" {
		if err := expectActor(of, e.OfBefore); err != nil {
			return nil, err
		}
		after = e.Of.Clone()
	}
	sc, err := st.Schema(ctx)
	if err != nil {
		return nil, err
	}
	if after, err = after.Normalize(&sc); err != nil {
		return nil, err
	}
	nw, err := e.New.Normalize(&sc)
	if err != nil {
		return nil, err
	}
	if nw.ID == "" {
		nw.ID = st.NewID("a")
	} else if _, found, err := st.Actor(ctx, nw.ID); err != nil {
		return nil, err
	} else if found {
		return nil, Errorf(EConflict, "actor %s: already in the registry", nw.ID)
	}
	if ActorKey(nw.Name) == ActorKey(after.Name) {
		return nil, Errorf(EConflict, "split actor: the new actor needs a name other than %q", after.Name)
	}
	if err := checkActorName(ctx, st, nw); err != nil {
		return nil, err
	}
	if err := checkActorName(ctx, st, after); err != nil {
		return nil, err
	}
	for _, r := range e.Mentions {
		sp, err := storedSpan(ctx, st, r.Doc, r.Span)
		if err != nil {
			return nil, err
		}
		if sp.Actor != of.ID {
			return nil, Errorf(EInvalid, "span %s of %s does not link to actor %q", r.Span, r.Doc, of.Name)
		}
	}
	if err := st.PutActor(ctx, nw); err != nil {
		return nil, err
	}
	if !after.Equal(of) {
		if err := st.PutActor(ctx, after); err != nil {
			return nil, err
		}
	}
	if err := moveMentions(ctx, st, e.Mentions, of.ID, nw.ID); err != nil {
		return nil, err
	}
	return SplitActorEdit{Annotator: e.Annotator, Of: after, OfBefore: of, New: nw, Mentions: e.Mentions}, nil
}
