package annotate

import (
	"context"
	"fmt"
)

// OpMergeActors makes two registry entries one.
const OpMergeActors Op = "merge_actors"

// MergeActorsEdit merges entry From into entry Into: every span linked to
// From, whoever annotated it, links to Into; From's name and aliases become
// Into's aliases (and its description and external id fill Into's empty
// ones); From leaves the registry. Apply completes it with the entries as
// they were (IntoBefore, From), the entry as it became (Into) and the spans
// moved; its Inverse is the SplitActorEdit that brings From back with them.
// A completed merge (IntoBefore set) gives Into exactly its fields.
type MergeActorsEdit struct {
	Annotator  string
	Into       ActorEntry
	IntoBefore ActorEntry
	From       ActorEntry
	Mentions   []SpanRef
}

func init() {
	registerEdit(OpMergeActors, func(r editRow) (Edit, error) {
		if r.Actor == nil || r.OtherActor == nil {
			return nil, fmt.Errorf("no actors")
		}
		e := MergeActorsEdit{Annotator: r.Annotator, Into: *r.Actor, From: *r.OtherActor, Mentions: r.Mentions}
		if r.BeforeActor != nil {
			e.IntoBefore = *r.BeforeActor
		}
		return e, nil
	})
}

// MergeActors is the edit by annotator that merges entry from into entry
// into (ids).
func MergeActors(into, from, annotator string) MergeActorsEdit {
	return MergeActorsEdit{Annotator: annotator, Into: ActorEntry{ID: into}, From: ActorEntry{ID: from}}
}

func (e MergeActorsEdit) Op() Op      { return OpMergeActors }
func (e MergeActorsEdit) Doc() string { return "" }
func (e MergeActorsEdit) By() string  { return e.Annotator }

func (e MergeActorsEdit) Describe() string {
	return fmt.Sprintf("merge actor %s into %s", e.From.Name, e.Into.Name)
}

func (e MergeActorsEdit) Inverse() Edit {
	return SplitActorEdit{Annotator: e.Annotator, Of: e.IntoBefore, OfBefore: e.Into, New: e.From, Mentions: e.Mentions}
}

func (e MergeActorsEdit) row() editRow {
	into, before, from := e.Into, e.IntoBefore, e.From
	r := editRow{Op: OpMergeActors, Annotator: e.Annotator, Actor: &into, OtherActor: &from, Mentions: e.Mentions}
	if before.ID != "" {
		r.BeforeActor = &before
	}
	return r
}

func (e MergeActorsEdit) Apply(ctx context.Context, st State) (Edit, error) {
	if err := checkBy(e); err != nil {
		return nil, err
	}
	if e.Into.ID == e.From.ID {
		return nil, Errorf(EInvalid, "merge actors: %s is merged into itself", e.Into.ID)
	}
	into, err := storedActor(ctx, st, e.Into.ID)
	if err != nil {
		return nil, err
	}
	from, err := storedActor(ctx, st, e.From.ID)
	if err != nil {
		return nil, err
	}
	after := mergedEntry(into, from)
	if e.IntoBefore.ID != "" {
		if err := expectActor(into, e.IntoBefore); err != nil {
			return nil, err
		}
		if err := expectActor(from, e.From); err != nil {
			return nil, err
		}
		after = e.Into.Clone()
	}
	sc, err := st.Schema(ctx)
	if err != nil {
		return nil, err
	}
	if after, err = after.Normalize(&sc); err != nil {
		return nil, err
	}
	if err := checkActorNameBut(ctx, st, after, from.ID); err != nil {
		return nil, err
	}
	mentions, err := st.ActorSpans(ctx, from.ID)
	if err != nil {
		return nil, err
	}
	if err := moveMentions(ctx, st, mentions, from.ID, into.ID); err != nil {
		return nil, err
	}
	if err := st.DeleteActor(ctx, from.ID); err != nil {
		return nil, err
	}
	if err := st.PutActor(ctx, after); err != nil {
		return nil, err
	}
	return MergeActorsEdit{Annotator: e.Annotator, Into: after, IntoBefore: into, From: from, Mentions: nilIfEmpty(mentions)}, nil
}
