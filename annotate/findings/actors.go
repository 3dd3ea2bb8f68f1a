package findings

import (
	"cmp"
	"slices"

	"frametag/annotate"
)

// Actor is one actor as the mentions name it: every actor span whose
// canonical name (or, without one, whose text) is Name. Until the actor
// registry exists (issue 12), this is what `frametag actors` lists.
type Actor struct {
	Name string `json:"name"`
	// Kind is the label most of its mentions carry (the first in schema
	// order on a tie); Kinds counts every label.
	Kind  string         `json:"kind"`
	Kinds map[string]int `json:"kinds"`
	// Aliases are the distinct texts of its mentions other than Name, most
	// frequent first.
	Aliases   []string `json:"aliases"`
	Mentions  int      `json:"mentions"`
	Documents int      `json:"documents"`
	// Claims counts the claims attributed to it.
	Claims int `json:"claims"`
}

// ActorList gathers actors one document at a time.
type ActorList struct {
	b       *Builder
	actors  map[string]*actorTally
	kindsAt map[string]int
}

type actorTally struct {
	Actor
	aliases map[string]int
	lastDoc string
}

// NewActorList starts the actor list of a project with schema sc.
func NewActorList(sc annotate.Schema, opt Options) *ActorList {
	l := &ActorList{b: New(sc, opt), actors: map[string]*actorTally{}, kindsAt: map[string]int{}}
	if layer, ok := sc.Layer(l.b.opt.Layers.Actor); ok {
		for i, lb := range layer.Labels {
			l.kindsAt[lb.Name] = i
		}
	}
	return l
}

// Add counts one document's actor mentions and attributions.
func (l *ActorList) Add(d *annotate.AnnotatedDoc) {
	L := l.b.opt.Layers
	text := func(sp *annotate.Span) string { return spanText(d.Text, sp.Fragments) }
	byID := map[string]string{}
	for i := range d.Spans {
		sp := &d.Spans[i]
		if sp.Layer != L.Actor || !l.b.counted(sp.Annotator) {
			continue
		}
		name := l.b.actorName(sp, text)
		byID[sp.ID] = name
		a := l.actors[name]
		if a == nil {
			a = &actorTally{Actor: Actor{Name: name, Kinds: map[string]int{}}, aliases: map[string]int{}}
			l.actors[name] = a
		}
		a.Mentions++
		a.Kinds[sp.Label]++
		if a.lastDoc != d.ID {
			a.lastDoc = d.ID
			a.Documents++
		}
		if t := text(sp); t != name && t != "" {
			a.aliases[t]++
		}
	}
	for _, r := range d.Relations {
		if r.Type != L.Attribution || !l.b.counted(r.Annotator) {
			continue
		}
		if name, ok := byID[r.To]; ok {
			l.actors[name].Claims++
		}
	}
}

// Actors lists the actors, most mentions first, then by name.
func (l *ActorList) Actors() []Actor {
	out := make([]Actor, 0, len(l.actors))
	for _, a := range l.actors {
		act := a.Actor
		for k, n := range act.Kinds {
			if best := act.Kinds[act.Kind]; act.Kind == "" || n > best || (n == best && l.kindAt(k) < l.kindAt(act.Kind)) {
				act.Kind = k
			}
		}
		act.Aliases = make([]string, 0, len(a.aliases))
		for s := range a.aliases {
			act.Aliases = append(act.Aliases, s)
		}
		slices.SortFunc(act.Aliases, func(x, y string) int { return cmp.Or(cmp.Compare(a.aliases[y], a.aliases[x]), cmp.Compare(x, y)) })
		out = append(out, act)
	}
	slices.SortFunc(out, func(x, y Actor) int { return cmp.Or(cmp.Compare(y.Mentions, x.Mentions), cmp.Compare(x.Name, y.Name)) })
	return out
}

func (l *ActorList) kindAt(k string) int {
	if i, ok := l.kindsAt[k]; ok {
		return i
	}
	return len(l.kindsAt)
}
