package storagetest

import (
	"encoding/json"
	"slices"
	"strings"
	"testing"

	"frametag/annotate"
)

// registryProject is the corpus project with a registry: "Oksana Kovalenko"
// (ana's s-oksana), "IMF" (ana's s-actor-2) and "International Monetary
// Fund" (ben's own mention of the IMF in en-1, s-imf-ben). It returns the
// entries by name.
func registryProject(t *testing.T, c Config) (annotate.Store, string, map[string]annotate.ActorEntry) {
	t.Helper()
	s, path := corpusProject(t, c)
	ctx := t.Context()
	ben := annotate.Span{ID: "s-imf-ben", DocID: "en-1", Layer: "actor", Label: "Organisation", Annotator: "ben",
		Fragments: []annotate.Fragment{frag(t, Corpus(t)[0].Text, "IMF", 0)}}
	if _, err := s.Apply(ctx, annotate.AddSpan(ben)); err != nil {
		t.Fatal(err)
	}
	for _, e := range []annotate.Edit{
		annotate.CreateActor(annotate.ActorEntry{Name: "Oksana  Kovalenko", Kind: "Person", Aliases: []string{"Oksana"}}, "ana",
			annotate.SpanRef{Doc: "emoji-2", Span: "s-oksana"}),
		annotate.CreateActor(annotate.ActorEntry{Name: "IMF", Kind: "Organisation", ExternalID: "Q7804"}, "ana",
			annotate.SpanRef{Doc: "en-1", Span: "s-actor-2"}),
		annotate.CreateActor(annotate.ActorEntry{Name: "International Monetary Fund", Kind: "Organisation", Description: "Washington"}, "ben",
			annotate.SpanRef{Doc: "en-1", Span: "s-imf-ben"}),
	} {
		if _, err := s.Apply(ctx, e); err != nil {
			t.Fatalf("%s: %v", e.Describe(), err)
		}
	}
	return s, path, entriesByName(t, s)
}

func entriesByName(t *testing.T, s annotate.Store) map[string]annotate.ActorEntry {
	t.Helper()
	as, err := s.Actors(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]annotate.ActorEntry{}
	for _, a := range as {
		out[a.Name] = a
	}
	return out
}

// registrySnapshot is Snapshot with the registry and each entry's mentions.
func registrySnapshot(t *testing.T, s annotate.Store) string {
	t.Helper()
	as, err := s.Actors(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	type entry struct {
		annotate.ActorEntry
		Mentions []annotate.SpanRef
	}
	var es []entry
	for _, a := range as {
		ms, err := s.ActorMentions(t.Context(), a.ID)
		if err != nil {
			t.Fatal(err)
		}
		es = append(es, entry{a, ms})
	}
	b, err := json.Marshal(es)
	if err != nil {
		t.Fatal(err)
	}
	return Snapshot(t, s) + "\n" + string(b)
}

func mentionsOf(t *testing.T, s annotate.Store, id string) []annotate.SpanRef {
	t.Helper()
	ms, err := s.ActorMentions(t.Context(), id)
	if err != nil {
		t.Fatal(err)
	}
	return ms
}

// testActorRegistryEdits: every registry edit applied, undone and redone,
// also across a reopen; the spans of every annotator follow a merge and a
// split.
func testActorRegistryEdits(t *testing.T, c Config) {
	imfBen := annotate.SpanRef{Doc: "en-1", Span: "s-imf-ben"}
	imfAna := annotate.SpanRef{Doc: "en-1", Span: "s-actor-2"}
	cases := []struct {
		name  string
		edit  func(es map[string]annotate.ActorEntry) annotate.Edit
		check func(t *testing.T, s annotate.Store, es map[string]annotate.ActorEntry)
	}{
		{"create from a span", func(es map[string]annotate.ActorEntry) annotate.Edit {
			return annotate.CreateActor(annotate.ActorEntry{Name: " the  minister ", Kind: "Person"}, "ana",
				annotate.SpanRef{Doc: "en-1", Span: "s-actor-1"})
		}, func(t *testing.T, s annotate.Store, es map[string]annotate.ActorEntry) {
			a, ok := entriesByName(t, s)["the minister"]
			if !ok || a.Kind != "Person" || a.ID == "" {
				t.Fatalf("entries %+v: no \"the minister\"", entriesByName(t, s))
			}
			if sp := mustSpan(t, s, "en-1", "s-actor-1"); sp.Actor != a.ID {
				t.Errorf("s-actor-1 links to %q, want %q", sp.Actor, a.ID)
			}
		}},
		{"rename and set fields", func(es map[string]annotate.ActorEntry) annotate.Edit {
			a := es["Oksana Kovalenko"]
			a.Name, a.ExternalID, a.Aliases = "Oksana Kovalenko-Petrenko", "Q123", []string{"Oksana", "oksana", "O. K."}
			return annotate.UpdateActor(a, "ana")
		}, func(t *testing.T, s annotate.Store, es map[string]annotate.ActorEntry) {
			a := entriesByName(t, s)["Oksana Kovalenko-Petrenko"]
			if a.ID != es["Oksana Kovalenko"].ID || a.ExternalID != "Q123" || !slices.Equal(a.Aliases, []string{"Oksana", "O. K."}) {
				t.Errorf("renamed entry %+v", a)
			}
			if sp := mustSpan(t, s, "emoji-2", "s-oksana"); sp.Actor != a.ID {
				t.Errorf("the mention no longer links: %q", sp.Actor)
			}
		}},
		{"link a span", func(es map[string]annotate.ActorEntry) annotate.Edit {
			return annotate.LinkActor(annotate.SpanRef{Doc: "emoji-2", Span: "s-flag"}, es["IMF"].ID, "ana")
		}, func(t *testing.T, s annotate.Store, es map[string]annotate.ActorEntry) {
			if ms := mentionsOf(t, s, es["IMF"].ID); len(ms) != 2 {
				t.Errorf("IMF's mentions %v, want two", ms)
			}
		}},
		{"relink a span", func(es map[string]annotate.ActorEntry) annotate.Edit {
			return annotate.LinkActor(imfAna, es["Oksana Kovalenko"].ID, "ana")
		}, func(t *testing.T, s annotate.Store, es map[string]annotate.ActorEntry) {
			if ms := mentionsOf(t, s, es["IMF"].ID); len(ms) != 0 {
				t.Errorf("IMF's mentions %v, want none", ms)
			}
		}},
		{"unlink a span", func(es map[string]annotate.ActorEntry) annotate.Edit {
			return annotate.UnlinkActor(imfAna, "ana")
		}, func(t *testing.T, s annotate.Store, es map[string]annotate.ActorEntry) {
			if sp := mustSpan(t, s, "en-1", "s-actor-2"); sp.Actor != "" {
				t.Errorf("still linked to %q", sp.Actor)
			}
		}},
		{"merge another annotator's mentions in", func(es map[string]annotate.ActorEntry) annotate.Edit {
			return annotate.MergeActors(es["IMF"].ID, es["International Monetary Fund"].ID, "ana")
		}, func(t *testing.T, s annotate.Store, es map[string]annotate.ActorEntry) {
			now := entriesByName(t, s)
			if _, ok := now["International Monetary Fund"]; ok || len(now) != 2 {
				t.Errorf("entries after the merge: %+v", now)
			}
			imf := now["IMF"]
			if !slices.Equal(imf.Aliases, []string{"International Monetary Fund"}) || imf.ExternalID != "Q7804" || imf.Description != "Washington" {
				t.Errorf("merged entry %+v", imf)
			}
			if ms := mentionsOf(t, s, imf.ID); !slices.Equal(ms, []annotate.SpanRef{imfBen, imfAna}) && !slices.Equal(ms, []annotate.SpanRef{imfAna, imfBen}) {
				t.Errorf("IMF's mentions %v, want ana's and ben's", ms)
			}
		}},
		{"split another annotator's mention off", func(es map[string]annotate.ActorEntry) annotate.Edit {
			// Merged first (the case's setup below), then split again.
			return annotate.SplitActor(es["IMF"].ID, annotate.ActorEntry{Name: "IMF staff", Kind: "Organisation"}, []annotate.SpanRef{imfBen}, "ana")
		}, func(t *testing.T, s annotate.Store, es map[string]annotate.ActorEntry) {
			now := entriesByName(t, s)
			staff := now["IMF staff"]
			if ms := mentionsOf(t, s, staff.ID); !slices.Equal(ms, []annotate.SpanRef{imfBen}) {
				t.Errorf("the new entry's mentions %v", ms)
			}
			if ms := mentionsOf(t, s, now["IMF"].ID); !slices.Equal(ms, []annotate.SpanRef{imfAna}) {
				t.Errorf("IMF's mentions %v", ms)
			}
		}},
	}
	for _, restart := range []bool{false, true} {
		for _, tc := range cases {
			name := tc.name
			if restart {
				name += " across reopen"
			}
			t.Run(name, func(t *testing.T) {
				s, path, es := registryProject(t, c)
				if strings.HasPrefix(tc.name, "split") {
					if _, err := s.Apply(t.Context(), annotate.MergeActors(es["IMF"].ID, es["International Monetary Fund"].ID, "ana")); err != nil {
						t.Fatal(err)
					}
					es = entriesByName(t, s)
				}
				again := func() {
					if restart {
						s = reopen(t, c, s, path)
					}
				}
				before := registrySnapshot(t, s)
				e := tc.edit(es)
				if _, err := s.Apply(t.Context(), e); err != nil {
					t.Fatalf("Apply %s: %v", e.Describe(), err)
				}
				tc.check(t, s, es)
				after := registrySnapshot(t, s)
				for i := range 2 {
					again()
					if _, ok, err := s.Undo(t.Context(), e.By()); err != nil || !ok {
						t.Fatalf("Undo %d = %v, %v", i, ok, err)
					}
					SameSnapshot(t, "after undo", registrySnapshot(t, s), before)
					again()
					if _, ok, err := s.Redo(t.Context(), e.By()); err != nil || !ok {
						t.Fatalf("Redo %d = %v, %v", i, ok, err)
					}
					SameSnapshot(t, "after redo", registrySnapshot(t, s), after)
					tc.check(t, s, es)
				}
			})
		}
	}
}

// testActorRegistryRefusals: what the registry's rules refuse, with its
// code, changing nothing and logging nothing.
func testActorRegistryRefusals(t *testing.T, c Config) {
	s, _, es := registryProject(t, c)
	imf, fund := es["IMF"], es["International Monetary Fund"]
	renamed := func(a annotate.ActorEntry, name string) annotate.ActorEntry { a.Name = name; return a }
	tests := []struct {
		name string
		edit annotate.Edit
		code annotate.Code
		want string
	}{
		{"a name taken (case and spacing aside)", annotate.CreateActor(annotate.ActorEntry{Name: "imf ", Kind: "Person"}, "ana"),
			annotate.EConflict, `the registry already has "IMF"`},
		{"a rename onto a name taken", annotate.UpdateActor(renamed(fund, "Imf"), "ben"), annotate.EConflict, "already has"},
		{"a blank name", annotate.CreateActor(annotate.ActorEntry{Name: " \t", Kind: "Person"}, "ana"), annotate.EInvalid, "blank name"},
		{"a kind not an actor label", annotate.CreateActor(annotate.ActorEntry{Name: "X", Kind: "Claim"}, "ana"), annotate.EInvalid,
			`kind "Claim" is not a label of the actor layer (Person, Organisation)`},
		{"a claim span linked", annotate.LinkActor(annotate.SpanRef{Doc: "en-1", Span: "s-claim-1"}, imf.ID, "ana"), annotate.EInvalid,
			"only actor spans link"},
		{"another annotator's span linked", annotate.LinkActor(annotate.SpanRef{Doc: "en-1", Span: "s-imf-ben"}, imf.ID, "ana"),
			annotate.EInvalid, "your edits change only your own"},
		{"a link to no entry", annotate.LinkActor(annotate.SpanRef{Doc: "en-1", Span: "s-actor-1"}, "a-gone", "ana"), annotate.ENotFound,
			"actor a-gone: not found"},
		{"a linked span created again", annotate.CreateActor(annotate.ActorEntry{Name: "Fund", Kind: "Organisation"}, "ana",
			annotate.SpanRef{Doc: "en-1", Span: "s-actor-2"}), annotate.EConflict, "already links"},
		{"an entry merged into itself", annotate.MergeActors(imf.ID, imf.ID, "ana"), annotate.EInvalid, "into itself"},
		{"a split of a mention not the entry's", annotate.SplitActor(imf.ID, annotate.ActorEntry{Name: "Y", Kind: "Person"},
			[]annotate.SpanRef{{Doc: "en-1", Span: "s-imf-ben"}}, "ana"), annotate.EInvalid, "does not link to actor"},
		{"a split onto the entry's own name", annotate.SplitActor(imf.ID, annotate.ActorEntry{Name: "IMF", Kind: "Person"},
			[]annotate.SpanRef{{Doc: "en-1", Span: "s-actor-2"}}, "ana"), annotate.EConflict, "needs a name other"},
		{"a linked span moved off the actor layer", func() annotate.Edit {
			sp := mustSpan(t, s, "en-1", "s-actor-2")
			after := sp.Clone()
			after.Layer, after.Label = "claim", "Claim"
			after.Fragments = []annotate.Fragment{{Start: 95, End: 96}}
			return annotate.UpdateSpan(sp, after, "ana")
		}(), annotate.EInvalid, "unlink it before moving it"},
	}
	before := registrySnapshot(t, s)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			head, _, _ := s.NextUndo(t.Context(), tt.edit.By())
			_, err := s.Apply(t.Context(), tt.edit)
			if err == nil {
				t.Fatal("Apply succeeded")
			}
			if got := annotate.ErrorCode(err); got != tt.code {
				t.Errorf("error %q has code %q, want %q", err, got, tt.code)
			}
			if !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error %q, want it to say %q", err, tt.want)
			}
			SameSnapshot(t, "after a refused edit", registrySnapshot(t, s), before)
			if now, _, _ := s.NextUndo(t.Context(), tt.edit.By()); now.Describe() != head.Describe() {
				t.Errorf("a refused edit reached the edit log: %s", now.Describe())
			}
		})
	}
}

// testImportLinksActorNames: an imported actor span with a canonical_name
// links to the entry of that name (case and spacing aside), or to one made
// for it; the attribute is not kept on the span.
func testImportLinksActorNames(t *testing.T, c Config) {
	s, _, es := registryProject(t, c)
	d := PlainDoc(t, "new-1", "The Fund and Ms Roe spoke; Roe left.", "cy")
	d.Spans = []annotate.Span{
		{ID: "n1", Layer: "actor", Label: "Organisation", Annotator: "cy", Fragments: []annotate.Fragment{{Start: 4, End: 8}},
			Attrs: annotate.Attrs{annotate.ActorNameAttr: "international  monetary fund"}},
		{ID: "n2", Layer: "actor", Label: "Person", Annotator: "cy", Fragments: []annotate.Fragment{{Start: 13, End: 19}},
			Attrs: annotate.Attrs{annotate.ActorNameAttr: "Jane Roe"}},
		{ID: "n3", Layer: "actor", Label: "Person", Annotator: "cy", Fragments: []annotate.Fragment{{Start: 27, End: 30}},
			Attrs: annotate.Attrs{annotate.ActorNameAttr: "Jane Roe"}},
	}
	if _, err := s.Import(t.Context(), Seq([]annotate.AnnotatedDoc{d})); err != nil {
		t.Fatal(err)
	}
	now := entriesByName(t, s)
	roe, ok := now["Jane Roe"]
	if !ok || roe.Kind != "Person" || !slices.Equal(roe.Aliases, []string{"Ms Roe", "Roe"}) {
		t.Fatalf("entries after the import %+v: want a new Jane Roe (Person, aliases Ms Roe, Roe)", now)
	}
	got, err := s.Annotations(t.Context(), "new-1")
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{"n1": es["International Monetary Fund"].ID, "n2": roe.ID, "n3": roe.ID}
	for _, sp := range got.Spans {
		if sp.Actor != want[sp.ID] || sp.Attrs[annotate.ActorNameAttr] != nil {
			t.Errorf("span %s links to %q with attributes %v, want %q and no %s", sp.ID, sp.Actor, sp.Attrs, want[sp.ID], annotate.ActorNameAttr)
		}
	}
}
