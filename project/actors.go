package project

import (
	"cmp"
	"context"
	"slices"
	"strings"

	"frametag/annotate"
	"frametag/annotate/findings"
)

// actorLister is a store with an actor registry.
type actorLister interface {
	Actors(ctx context.Context) ([]annotate.ActorEntry, error)
}

// exporter is what reading a whole project takes.
type exporter interface {
	Export(ctx context.Context, fn func(annotate.AnnotatedDoc) error) error
}

// exportNamed is st.Export with each actor span's registry link written as
// interchange files hold it: the canonical_name attribute set to the
// entry's name (annotate.Registry.Named). Everything that reads a project's
// documents to write them out, compare them with another project's or count
// them by actor reads them so: a link's id means nothing outside its
// project, its name does.
func exportNamed(ctx context.Context, st exporter, fn func(annotate.AnnotatedDoc) error) error {
	reg := annotate.NewRegistry(nil)
	if al, ok := st.(actorLister); ok {
		entries, err := al.Actors(ctx)
		if err != nil {
			return err
		}
		reg = annotate.NewRegistry(entries)
	}
	return st.Export(ctx, func(d annotate.AnnotatedDoc) error {
		reg.Named(&d)
		return fn(d)
	})
}

// ActorSource is what the actor list needs of a project.
type ActorSource interface {
	Actors(ctx context.Context) ([]annotate.ActorEntry, error)
	ActorUse(ctx context.Context) (map[string]annotate.ActorUse, error)
	Export(ctx context.Context, fn func(annotate.AnnotatedDoc) error) error
}

// ActorRow is one registry entry with its use: linked spans of every
// annotator, the documents they are in, and the claims attributed to them.
type ActorRow struct {
	annotate.ActorEntry
	Mentions  int `json:"mentions"`
	Documents int `json:"documents"`
	Claims    int `json:"claims"`
}

// ActorList is the registry as `frametag actors` lists it.
type ActorList struct {
	// Actors: most mentions first, then by name.
	Actors []ActorRow
	// Unlinked counts the actor spans that link to no entry.
	Unlinked int
}

// Actors lists the registry's entries with their use, in one pass over the
// project for the claims (an attribution relation, findings' rule, to a
// linked span).
func Actors(ctx context.Context, st ActorSource) (ActorList, error) {
	entries, err := st.Actors(ctx)
	if err != nil {
		return ActorList{}, err
	}
	use, err := st.ActorUse(ctx)
	if err != nil {
		return ActorList{}, err
	}
	attribution := findings.DefaultLayers().Attribution
	claims := map[string]int{}
	unlinked := 0
	err = st.Export(ctx, func(d annotate.AnnotatedDoc) error {
		if ctx.Err() != nil {
			return canceled()
		}
		linked := map[string]string{}
		for _, sp := range d.Spans {
			switch {
			case sp.Actor != "":
				linked[sp.ID] = sp.Actor
			case sp.Layer == annotate.ActorLayer:
				unlinked++
			}
		}
		for _, r := range d.Relations {
			if a, ok := linked[r.To]; ok && r.Type == attribution {
				claims[a]++
			}
		}
		return nil
	})
	if err != nil {
		return ActorList{}, err
	}
	out := ActorList{Actors: make([]ActorRow, len(entries)), Unlinked: unlinked}
	for i, e := range entries {
		u := use[e.ID]
		out.Actors[i] = ActorRow{ActorEntry: e, Mentions: u.Mentions, Documents: u.Documents, Claims: claims[e.ID]}
	}
	slices.SortStableFunc(out.Actors, func(a, b ActorRow) int { return cmp.Compare(b.Mentions, a.Mentions) })
	return out, nil
}

// FindActor is the entry a command line names: by id, else by name
// (annotate.ActorKey), else ENotFound listing the near names.
func FindActor(entries []annotate.ActorEntry, name string) (annotate.ActorEntry, error) {
	key := annotate.ActorKey(name)
	for _, e := range entries {
		if e.ID == name || annotate.ActorKey(e.Name) == key {
			return e, nil
		}
	}
	var near []string
	for _, m := range annotate.MatchActors(entries, name, "", 5) {
		near = append(near, m.Entry.Name)
	}
	hint := ""
	if len(near) > 0 {
		hint = " (did you mean " + strings.Join(near, ", ") + "?)"
	}
	return annotate.ActorEntry{}, annotate.Errorf(annotate.ENotFound, "no actor named %q in the registry%s", name, hint)
}
