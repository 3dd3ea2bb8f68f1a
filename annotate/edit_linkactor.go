package annotate

import (
	"context"
	"fmt"
)

// OpLinkActor links an actor span to a registry entry, or unlinks it.
const OpLinkActor Op = "link_actor"

// LinkActorEdit links the annotator's own actor span to entry Actor ("":
// unlinks it). Apply completes Before with the entry it linked to.
type LinkActorEdit struct {
	Annotator     string
	Mention       SpanRef
	Actor, Before string
}

func init() {
	registerEdit(OpLinkActor, func(r editRow) (Edit, error) {
		if len(r.Mentions) != 1 {
			return nil, fmt.Errorf("want one mention, got %d", len(r.Mentions))
		}
		e := LinkActorEdit{Annotator: r.Annotator, Mention: r.Mentions[0]}
		if r.Actor != nil {
			e.Actor = r.Actor.ID
		}
		if r.BeforeActor != nil {
			e.Before = r.BeforeActor.ID
		}
		return e, nil
	})
}

// LinkActor is the edit by annotator that links mention to entry actor;
// UnlinkActor the one that unlinks it.
func LinkActor(mention SpanRef, actor, annotator string) LinkActorEdit {
	return LinkActorEdit{Annotator: annotator, Mention: mention, Actor: actor}
}

func UnlinkActor(mention SpanRef, annotator string) LinkActorEdit {
	return LinkActorEdit{Annotator: annotator, Mention: mention}
}

func (e LinkActorEdit) Op() Op      { return OpLinkActor }
func (e LinkActorEdit) Doc() string { return e.Mention.Doc }
func (e LinkActorEdit) By() string  { return e.Annotator }

func (e LinkActorEdit) Describe() string {
	if e.Actor == "" {
		return "unlink actor"
	}
	return "link actor"
}

func (e LinkActorEdit) Inverse() Edit {
	return LinkActorEdit{Annotator: e.Annotator, Mention: e.Mention, Actor: e.Before, Before: e.Actor}
}

func (e LinkActorEdit) row() editRow {
	r := editRow{Op: OpLinkActor, DocID: e.Mention.Doc, Annotator: e.Annotator, Mentions: []SpanRef{e.Mention}}
	if e.Actor != "" {
		r.Actor = &ActorEntry{ID: e.Actor}
	}
	if e.Before != "" {
		r.BeforeActor = &ActorEntry{ID: e.Before}
	}
	return r
}

func (e LinkActorEdit) Apply(ctx context.Context, st State) (Edit, error) {
	if err := checkBy(e); err != nil {
		return nil, err
	}
	sp, err := linkableSpan(ctx, st, e.Annotator, e.Mention)
	if err != nil {
		return nil, err
	}
	if sp.Actor == e.Actor {
		if e.Actor == "" {
			return nil, Errorf(EInvalid, "span %s links to no actor", sp.ID)
		}
		return nil, Errorf(EInvalid, "span %s already links to that actor", sp.ID)
	}
	if e.Actor != "" {
		if _, err := storedActor(ctx, st, e.Actor); err != nil {
			return nil, err
		}
	}
	if err := st.SetSpanActor(ctx, sp.DocID, sp.ID, e.Actor); err != nil {
		return nil, err
	}
	return LinkActorEdit{Annotator: e.Annotator, Mention: e.Mention, Actor: e.Actor, Before: sp.Actor}, nil
}
