package annotate

import (
	"context"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"
)

func TestActorEntryNormalize(t *testing.T) {
	sc := applySchema()
	tests := []struct {
		name string
		in   ActorEntry
		want ActorEntry
		err  string
	}{
		{"spacing collapsed, aliases once, not the name", ActorEntry{Name: "  Antony\tBlinken ", Kind: "Person",
			Aliases: []string{"Blinken", " blinken", "antony  blinken", "", "the Secretary"}, ExternalID: " Q4774 "},
			ActorEntry{Name: "Antony Blinken", Kind: "Person", Aliases: []string{"Blinken", "the Secretary"}, ExternalID: "Q4774"}, ""},
		{"blank name", ActorEntry{Name: " \n", Kind: "Person"}, ActorEntry{}, "blank name"},
		{"kind not an actor label", ActorEntry{Name: "X", Kind: "Claim"}, ActorEntry{}, `kind "Claim" is not a label of the actor layer (Person, Group)`},
		{"over-long alias", ActorEntry{Name: "X", Kind: "Group", Aliases: []string{strings.Repeat("й", 301)}}, ActorEntry{}, "longer than 300"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := tt.in.Normalize(&sc)
			if tt.err != "" {
				if err == nil || !strings.Contains(err.Error(), tt.err) || ErrorCode(err) != EInvalid {
					t.Fatalf("err %v, want EInvalid saying %q", err, tt.err)
				}
				return
			}
			if err != nil || !got.Equal(tt.want) {
				t.Errorf("got %+v, %v; want %+v", got, err, tt.want)
			}
		})
	}
	noActors := Schema{Name: "x", Version: 1, Layers: []Layer{{Name: "technique", Kind: SpanLayer, Labels: []Label{{Name: "T", Color: "#000000"}}}}}
	if _, err := (ActorEntry{Name: "X", Kind: "T"}).Normalize(&noActors); err == nil || !strings.Contains(err.Error(), `no "actor" span layer`) {
		t.Errorf("a schema without an actor layer: %v", err)
	}
}

func TestMatchActors(t *testing.T) {
	entries := []ActorEntry{
		{ID: "1", Name: "Antony Blinken", Kind: "Person", Aliases: []string{"the Secretary of State"}},
		{ID: "2", Name: "Blinken Foundation", Kind: "Group"},
		{ID: "3", Name: "Department of State", Kind: "Group", Aliases: []string{"State Department", "Blinken"}},
		{ID: "4", Name: "Kyiv", Kind: "Group", Aliases: []string{"Київ"}},
		{ID: "5", Name: "Blink", Kind: "Person"},
	}
	tests := []struct {
		text, kind string
		want       []string
	}{
		// the name itself, then an alias equal to the text, then word matches
		// (the mention's kind first).
		{"Antony  blinken", "Person", []string{"1", "3"}},
		{"Blinken", "Person", []string{"3", "1", "2"}},
		{"Blinken", "Group", []string{"3", "2", "1"}},
		{"Київ", "Person", []string{"4"}},
		{"Secretary of State", "Person", []string{"1"}},
		{"the State Department's", "Group", []string{"3"}},
		{"Kyivan", "Group", nil},
		{"", "Person", nil},
	}
	for _, tt := range tests {
		var got []string
		for _, m := range MatchActors(entries, tt.text, tt.kind, 0) {
			got = append(got, m.Entry.ID)
		}
		if !slices.Equal(got, tt.want) {
			t.Errorf("MatchActors(%q, %s) = %v, want %v", tt.text, tt.kind, got, tt.want)
		}
	}
	if got := MatchActors(entries, "Blinken", "Person", 2); len(got) != 2 {
		t.Errorf("limit 2: %d matches", len(got))
	}
}

// TestActorEditsOverDocState: create from a span, merge and split applied,
// undone and redone over the window's copy, which ends as it began.
func TestActorEditsOverDocState(t *testing.T) {
	ctx := context.Background()
	sc := applySchema()
	d := applyDoc()
	d.Spans = append(d.Spans, Span{ID: "a2", DocID: "d", Layer: "actor", Label: "Person", Fragments: []Fragment{{Start: 36, End: 38}},
		Annotator: "ben", Created: t0, Updated: t0})
	SortSpans(d.Spans)
	st := NewDocState(&d, &sc, func() time.Time { return t1 })
	apply := func(e Edit) Edit {
		t.Helper()
		done, err := e.Apply(ctx, st)
		if err != nil {
			t.Fatalf("%s: %v", e.Describe(), err)
		}
		return done
	}
	snap := func() string {
		entries := make([]string, 0)
		for _, a := range st.actors {
			entries = append(entries, a.ID+"="+a.Name+"/"+strings.Join(a.Aliases, ","))
		}
		slices.Sort(entries)
		var links []string
		for _, sp := range d.Spans {
			links = append(links, sp.ID+">"+sp.Actor)
		}
		return strings.Join(entries, ";") + " | " + strings.Join(links, ";")
	}
	empty := snap()
	ana := apply(CreateActor(ActorEntry{Name: "Ana", Kind: "Person"}, "ana", SpanRef{Doc: "d", Span: "a1"})).(CreateActorEdit)
	bo := apply(CreateActor(ActorEntry{Name: "Bo", Kind: "Person"}, "ben", SpanRef{Doc: "d", Span: "a2"})).(CreateActorEdit)
	two := snap()
	merge := apply(MergeActors(ana.Entry.ID, bo.Entry.ID, "ana"))
	merged := snap()
	if want := ana.Entry.ID + "=Ana/Bo | a1>" + ana.Entry.ID + ";c1>;c2>;a2>" + ana.Entry.ID; merged != want {
		t.Errorf("after the merge %s, want %s", merged, want)
	}
	undo := apply(merge.Inverse())
	if got := snap(); got != two {
		t.Errorf("merge undone: %s, want %s", got, two)
	}
	apply(undo.Inverse())
	if got := snap(); got != merged {
		t.Errorf("merge redone: %s, want %s", got, merged)
	}
	split := apply(SplitActor(ana.Entry.ID, ActorEntry{Name: "Bo", Kind: "Person"}, []SpanRef{{Doc: "d", Span: "a2"}}, "ben")).(SplitActorEdit)
	if sp, _, _ := st.Span(ctx, "d", "a2"); sp.Actor != split.New.ID || sp.Actor == bo.Entry.ID {
		t.Errorf("a2 after the split links to %q, want the new %q", sp.Actor, split.New.ID)
	}
	apply(split.Inverse())
	if got := snap(); got != merged {
		t.Errorf("split undone: %s, want %s", got, merged)
	}
	apply(merge.Inverse())
	// deleting an entry unlinks the annotator's own mentions, never
	// another's (the create that undoes it could not link them again)
	if _, err := CreateActor(bo.Entry, "ana", SpanRef{Doc: "d", Span: "a2"}).Inverse().Apply(ctx, st); ErrorCode(err) != EConflict || !strings.Contains(err.Error(), "ben's") {
		t.Errorf("ana deleting Bo, linked by ben's span: %v, want a conflict naming ben", err)
	}
	if got := snap(); got != two {
		t.Errorf("after a refused delete: %s, want %s", got, two)
	}
	apply(bo.Inverse())
	apply(ana.Inverse())
	if got := snap(); got != empty {
		t.Errorf("all undone: %s, want %s", got, empty)
	}
	// Every completed edit survives the edit log's encoding.
	for _, e := range []Edit{ana, bo, merge, undo, split} {
		b, err := EncodeEdit(e)
		if err != nil {
			t.Fatal(err)
		}
		back, err := DecodeEdit(b)
		if err != nil || !reflect.DeepEqual(back, e) {
			t.Errorf("%s through the log: %+v, %v; want %+v", e.Describe(), back, err, e)
		}
	}
}

// TestCanonicalNameNeedsNoDeclaration: canonical_name is the registry
// link's form in files, so an actor span may carry it (a text) whether or
// not the schema declares it; other layers may not.
func TestCanonicalNameNeedsNoDeclaration(t *testing.T) {
	sc := applySchema() // its actor layer declares no attribute
	span := func(layer, label string, v any) Span {
		return Span{ID: "x", DocID: "d", Layer: layer, Label: label, Fragments: []Fragment{{Start: 0, End: 3}},
			Attrs: Attrs{ActorNameAttr: v}}
	}
	tests := []struct {
		sp   Span
		want string
	}{
		{span("actor", "Person", "Ana Lopes"), ""},
		{span("actor", "Person", true), "want text"},
		{span("claim", "Claim", "Ana Lopes"), `layer "claim" has no attribute "canonical_name"`},
	}
	for _, tt := range tests {
		err := sc.CheckSpan(tt.sp, 39)
		if (tt.want == "") != (err == nil) || (err != nil && !strings.Contains(err.Error(), tt.want)) {
			t.Errorf("%s %v: %v, want %q", tt.sp.Layer, tt.sp.Attrs, err, tt.want)
		}
	}
}
