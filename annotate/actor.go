package annotate

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// ActorLayer is the span layer whose spans are actor mentions, which link to
// the actor registry; its labels are the kinds an entry may have.
const ActorLayer = "actor"

// ActorNameAttr is the actor attribute that names an entry in interchange
// files: an imported actor span with it links to the entry of that name (made
// when there is none), and an export writes the linked entry's name there.
const ActorNameAttr = "canonical_name"

// ActorEntry is one actor of the registry: the one canonical actor behind
// many mentions in many documents.
type ActorEntry struct {
	ID   string `json:"id"`
	Name string `json:"name"`
	// Kind is a label of the actor layer (PERSON, ORG, ...).
	Kind        string   `json:"kind"`
	Aliases     []string `json:"aliases,omitempty"`
	Description string   `json:"description,omitempty"`
	// ExternalID is typed by the user (a Wikidata QID such as Q42); nothing
	// is fetched with it.
	ExternalID string `json:"external_id,omitempty"`
}

// SpanRef names one span: its document and id.
type SpanRef struct {
	Doc  string `json:"doc"`
	Span string `json:"span"`
}

// Ref is the span's reference.
func (s Span) Ref() SpanRef { return SpanRef{Doc: s.DocID, Span: s.ID} }

// ActorKey is what two actor names must share to be the same name: white
// space runs made one space, trimmed, case folded. Names are unique by it in
// the registry, and mentions and names match by it.
func ActorKey(name string) string { return strings.ToLower(collapseSpace(name)) }

// collapseSpace trims s and makes every run of white space one space.
func collapseSpace(s string) string { return strings.Join(strings.Fields(s), " ") }

// maxActorField is the longest name, alias or external id, in code points:
// a line, not a text.
const maxActorField = 300

// Normalize checks an entry against the registry's rules that need nothing
// else, and returns it cleaned: name, aliases and external id with their
// white space collapsed; aliases each once (by ActorKey), in the order given,
// leaving out the name itself. A blank name, a kind the actor layer lacks, an
// over-long field are refused (EInvalid).
func (a ActorEntry) Normalize(sc *Schema) (ActorEntry, error) {
	out := a
	out.Name = collapseSpace(a.Name)
	if out.Name == "" {
		return a, Errorf(EInvalid, "actor: blank name")
	}
	what := fmt.Sprintf("actor %q", out.Name)
	layer, ok := sc.Layer(ActorLayer)
	if !ok || layer.Kind != SpanLayer {
		return a, Errorf(EInvalid, "%s: the schema has no %q span layer for the actor registry", what, ActorLayer)
	}
	if _, ok := layer.Label(a.Kind); !ok {
		names := make([]string, len(layer.Labels))
		for i, l := range layer.Labels {
			names[i] = l.Name
		}
		return a, Errorf(EInvalid, "%s: kind %q is not a label of the %s layer (%s)", what, a.Kind, ActorLayer, strings.Join(names, ", "))
	}
	out.ExternalID = collapseSpace(a.ExternalID)
	out.Description = strings.TrimSpace(a.Description)
	seen := map[string]bool{ActorKey(out.Name): true}
	out.Aliases = nil
	for _, al := range a.Aliases {
		al = collapseSpace(al)
		if k := ActorKey(al); al != "" && !seen[k] {
			seen[k] = true
			out.Aliases = append(out.Aliases, al)
		}
	}
	for _, f := range append([]string{out.Name, out.ExternalID}, out.Aliases...) {
		if utf8.RuneCountInString(f) > maxActorField {
			return a, Errorf(EInvalid, "%s: %.40q… is longer than %d characters", what, f, maxActorField)
		}
	}
	return out, nil
}

// Equal reports whether two entries hold the same fields.
func (a ActorEntry) Equal(b ActorEntry) bool {
	return a.ID == b.ID && a.Name == b.Name && a.Kind == b.Kind && slices.Equal(a.Aliases, b.Aliases) &&
		a.Description == b.Description && a.ExternalID == b.ExternalID
}

// Clone is a copy that shares no slice.
func (a ActorEntry) Clone() ActorEntry {
	a.Aliases = slices.Clone(a.Aliases)
	return a
}

// storedActor is an entry that must exist, or ENotFound.
func storedActor(ctx context.Context, st State, id string) (ActorEntry, error) {
	a, ok, err := st.Actor(ctx, id)
	if err != nil {
		return a, err
	}
	if !ok {
		return a, Errorf(ENotFound, "actor %s: not found (merged or undone meanwhile?)", id)
	}
	return a, nil
}

// checkActorName refuses a name another entry has (by ActorKey): names are
// unique in the registry, whatever the kind, so that a canonical_name in a
// file and a name typed on the command line each mean one entry.
func checkActorName(ctx context.Context, st State, a ActorEntry) error {
	other, ok, err := st.ActorNamed(ctx, ActorKey(a.Name))
	if err != nil {
		return err
	}
	if ok && other.ID != a.ID {
		return Errorf(EConflict, "actor %q: the registry already has %q (%s); names are unique (case and spacing aside)", a.Name, other.Name, other.Kind)
	}
	return nil
}

// checkActorSpan is the rule for a mention that is to link to an entry: an
// actor-layer span.
func checkActorSpan(sp Span) error {
	if sp.Layer != ActorLayer {
		return Errorf(EInvalid, "span %s is on the %s layer: only %s spans link to the actor registry", sp.ID, sp.Layer, ActorLayer)
	}
	return nil
}

// linkableSpan is the stored span ref names, when annotator may link it to
// an entry: an actor-layer span of their own.
func linkableSpan(ctx context.Context, st State, annotator string, ref SpanRef) (Span, error) {
	sp, err := storedSpan(ctx, st, ref.Doc, ref.Span)
	if err != nil {
		return Span{}, err
	}
	if err := checkActorSpan(sp); err != nil {
		return Span{}, err
	}
	if err := checkOwner(annotator, sp.Annotator, fmt.Sprintf("span %s (%s)", sp.ID, sp.Label)); err != nil {
		return Span{}, err
	}
	return sp, nil
}

// expectActor refuses when the stored entry is not the one an edit was
// made against (changed by someone else meanwhile).
func expectActor(stored, want ActorEntry) error {
	if !stored.Equal(want) {
		return Errorf(EConflict, "actor %q was changed meanwhile (now %q)", want.Name, stored.Name)
	}
	return nil
}

// moveMentions links every span of refs from one entry to another (to ""
// unlinks), refusing, before it changes any, a span that is gone or not
// linked to from.
func moveMentions(ctx context.Context, st State, refs []SpanRef, from, to string) error {
	for _, r := range refs {
		sp, err := storedSpan(ctx, st, r.Doc, r.Span)
		if err != nil {
			return err
		}
		if sp.Actor != from {
			return Errorf(EConflict, "span %s of %s does not link to actor %s (relinked meanwhile?)", r.Span, r.Doc, from)
		}
	}
	for _, r := range refs {
		if err := st.SetSpanActor(ctx, r.Doc, r.Span, to); err != nil {
			return err
		}
	}
	return nil
}

// mergedEntry is into after from is merged into it: from's name and aliases
// become aliases, and a field into leaves empty takes from's.
func mergedEntry(into, from ActorEntry) ActorEntry {
	out := into.Clone()
	out.Aliases = append(append(out.Aliases, from.Name), from.Aliases...)
	out.Description = cmp.Or(out.Description, from.Description)
	out.ExternalID = cmp.Or(out.ExternalID, from.ExternalID)
	return out
}

// checkActorNameBut is checkActorName, also allowing the name of entry
// except (about to go, or about to be made).
func checkActorNameBut(ctx context.Context, st State, a ActorEntry, except string) error {
	other, ok, err := st.ActorNamed(ctx, ActorKey(a.Name))
	if err != nil || !ok || other.ID == a.ID || other.ID == except {
		return err
	}
	return checkActorName(ctx, st, a)
}

// ActorMatch is a registry entry offered for a mention, and how well it
// matches.
type ActorMatch struct {
	Entry ActorEntry
	// Score orders matches: higher is better (see MatchActors).
	Score int
}

// MatchActors are the entries whose name or an alias matches a mention's
// text, best first: the name equal to the text (by ActorKey), then an alias
// equal to it, then a name or alias holding all of the text's words, or whose
// words the text holds all of ("Blinken" and "Antony Blinken" either way);
// an entry of the mention's kind before one of another, then by name. At most
// limit (all when limit <= 0).
func MatchActors(entries []ActorEntry, text, kind string, limit int) []ActorMatch {
	key := ActorKey(text)
	if key == "" {
		return nil
	}
	words := strings.Fields(key)
	score := func(s string, exact int) int {
		k := ActorKey(s)
		switch {
		case k == key:
			return exact
		case containsWords(k, words), containsWords(key, strings.Fields(k)):
			return 1
		}
		return 0
	}
	var out []ActorMatch
	for _, e := range entries {
		best := score(e.Name, 3)
		for _, al := range e.Aliases {
			best = max(best, score(al, 2))
		}
		if best == 0 {
			continue
		}
		best *= 2
		if e.Kind == kind {
			best++
		}
		out = append(out, ActorMatch{Entry: e, Score: best})
	}
	slices.SortFunc(out, func(a, b ActorMatch) int {
		return cmp.Or(cmp.Compare(b.Score, a.Score), cmp.Compare(ActorKey(a.Entry.Name), ActorKey(b.Entry.Name)))
	})
	if limit > 0 && len(out) > limit {
		out = out[:limit]
	}
	return out
}

// containsWords reports whether every word is one of s's words.
func containsWords(s string, words []string) bool {
	if len(words) == 0 {
		return false
	}
	have := strings.FieldsFunc(s, func(r rune) bool { return unicode.IsSpace(r) || unicode.IsPunct(r) })
	for _, w := range words {
		w = strings.TrimFunc(w, unicode.IsPunct)
		if w != "" && !slices.Contains(have, w) {
			return false
		}
	}
	return true
}

// ActorFromMention is the entry a mention names when none has its name: the
// name as given (a canonical_name, or the span's text), the span's label as
// its kind, and the span's text as an alias when it differs.
func ActorFromMention(name, kind, text string) ActorEntry {
	a := ActorEntry{Name: collapseSpace(name), Kind: kind}
	if t := collapseSpace(text); t != "" && ActorKey(t) != ActorKey(a.Name) {
		a.Aliases = []string{t}
	}
	return a
}

// Registry is the actor registry read whole: entries by id and by name.
type Registry struct {
	entries []ActorEntry
	byID    map[string]int
}

// NewRegistry indexes entries (as ActorService.Actors lists them).
func NewRegistry(entries []ActorEntry) *Registry {
	r := &Registry{entries: entries, byID: make(map[string]int, len(entries))}
	for i, e := range entries {
		r.byID[e.ID] = i
	}
	return r
}

// Entries are the registry's entries in the order given.
func (r *Registry) Entries() []ActorEntry { return r.entries }

// Entry is the entry with id.
func (r *Registry) Entry(id string) (ActorEntry, bool) {
	i, ok := r.byID[id]
	if !ok {
		return ActorEntry{}, false
	}
	return r.entries[i], true
}

// Named writes a document's links as interchange files hold them: each
// linked span's canonical_name attribute set to its entry's name, and the
// link (an id that means nothing outside the project) cleared.
func (r *Registry) Named(d *AnnotatedDoc) {
	for i := range d.Spans {
		sp := &d.Spans[i]
		if sp.Actor == "" {
			continue
		}
		if e, ok := r.Entry(sp.Actor); ok {
			attrs := make(Attrs, len(sp.Attrs)+1)
			for k, v := range sp.Attrs {
				attrs[k] = v
			}
			attrs[ActorNameAttr] = e.Name
			sp.Attrs = attrs
		}
		sp.Actor = ""
	}
}
