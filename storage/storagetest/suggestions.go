package storagetest

import (
	"slices"
	"testing"

	"frametag/annotate"
)

// testGazetteer: entries are added all or nothing, duplicates left as they
// are, listed per layer in the order added, kept across a reopen, and
// renamed with their label.
func testGazetteer(t *testing.T, c Config) {
	s, path := corpusProject(t, c)
	ctx := t.Context()
	add := []annotate.GazetteerEntry{
		{Layer: "actor", Text: "the ministry", Label: "Organisation"},
		{Layer: "claim", Text: "prices will rise", Label: "Claim"},
		{Layer: "actor", Text: "Анна", Label: "Person"},
	}
	n, err := s.AddGazetteer(ctx, add)
	if err != nil || n != 3 {
		t.Fatalf("AddGazetteer = %d, %v; want 3", n, err)
	}
	n, err = s.AddGazetteer(ctx, add[:1])
	if err != nil || n != 0 {
		t.Errorf("adding an entry again = %d, %v; want 0, nil", n, err)
	}
	for _, bad := range []annotate.GazetteerEntry{
		{Layer: "actor", Text: "x", Label: "Nobody"},
		{Layer: "frame", Text: "x", Label: "Economic"},
		{Layer: "nolayer", Text: "x", Label: "Person"},
		{Layer: "actor", Text: "  ", Label: "Person"},
	} {
		_, err := s.AddGazetteer(ctx, []annotate.GazetteerEntry{{Layer: "actor", Text: "new one", Label: "Person"}, bad})
		if annotate.ErrorCode(err) != annotate.EInvalid {
			t.Errorf("AddGazetteer(%+v) = %v, want EInvalid", bad, err)
		}
	}
	s = reopen(t, c, s, path)
	got, err := s.Gazetteer(ctx, "actor")
	if err != nil || !slices.Equal(got, []annotate.GazetteerEntry{add[0], add[2]}) {
		t.Errorf("Gazetteer(actor) = %+v, %v (a refused batch must add nothing)", got, err)
	}
	all, err := s.Gazetteer(ctx, "")
	if err != nil || !slices.Equal(all, add) {
		t.Errorf("Gazetteer() = %+v, %v", all, err)
	}
	sc, _ := s.Schema(ctx)
	next := sc
	next.Version++
	next.Layers = slices.Clone(sc.Layers)
	for i := range next.Layers {
		if next.Layers[i].Name == "actor" {
			next.Layers[i].Labels = slices.Clone(next.Layers[i].Labels)
			next.Layers[i].Labels[1].Name = "Org"
		}
	}
	if _, err := s.Apply(ctx, annotate.SetSchema(sc, next, []annotate.LabelRename{{Layer: "actor", From: "Organisation", To: "Org"}}, "ana")); err != nil {
		t.Fatal(err)
	}
	if got, _ := s.Gazetteer(ctx, "actor"); len(got) == 0 || got[0].Label != "Org" {
		t.Errorf("after renaming the label: %+v", got)
	}
}

// testRejectSuggestion: a rejection is an edit on the annotator's undo
// stack, listed for that annotator and document only, refused when it names
// what the schema or the text cannot hold, undone and redone across a
// reopen.
func testRejectSuggestion(t *testing.T, c Config) {
	s, path := corpusProject(t, c)
	ctx := t.Context()
	r := annotate.Rejection{Doc: "en-1", Annotator: "ana", Layer: "actor", Label: "Person", Start: 0, End: 3}
	if _, err := s.Apply(ctx, annotate.RejectSuggestion(r)); err != nil {
		t.Fatal(err)
	}
	list := func(doc, who string) []annotate.Rejection {
		t.Helper()
		rs, err := s.Rejections(ctx, doc, who)
		if err != nil {
			t.Fatal(err)
		}
		return rs
	}
	if got := list("en-1", "ana"); !slices.Equal(got, []annotate.Rejection{r}) {
		t.Errorf("Rejections = %+v", got)
	}
	if len(list("en-1", "ben")) != 0 || len(list("ru-3", "ana")) != 0 {
		t.Error("a rejection shows for another annotator or document")
	}
	if _, err := s.Apply(ctx, annotate.RejectSuggestion(r)); annotate.ErrorCode(err) != annotate.EConflict {
		t.Errorf("rejecting twice: %v, want EConflict", err)
	}
	for _, bad := range []annotate.Rejection{
		{Doc: "en-1", Annotator: "ana", Layer: "actor", Label: "Nobody", Start: 0, End: 3},
		{Doc: "en-1", Annotator: "ana", Layer: "frame", Label: "Economic", Start: 0, End: 3},
		{Doc: "en-1", Annotator: "ana", Layer: "actor", Label: "Person", Start: 3, End: 3},
		{Doc: "en-1", Annotator: "ana", Layer: "actor", Label: "Person", Start: 0, End: 100000},
	} {
		if _, err := s.Apply(ctx, annotate.RejectSuggestion(bad)); annotate.ErrorCode(err) != annotate.EInvalid {
			t.Errorf("reject %+v: %v, want EInvalid", bad, err)
		}
	}
	if _, err := s.Apply(ctx, annotate.RejectSuggestion(annotate.Rejection{Doc: "nope", Annotator: "ana", Layer: "actor", Label: "Person", Start: 0, End: 1})); annotate.ErrorCode(err) != annotate.ENotFound {
		t.Errorf("reject on a missing document: %v, want ENotFound", err)
	}
	s = reopen(t, c, s, path)
	if e, ok, err := s.Undo(ctx, "ana"); err != nil || !ok || e.Op() != annotate.OpUnrejectSuggestion {
		t.Fatalf("Undo = %v, %v, %v", e, ok, err)
	}
	if got := list("en-1", "ana"); len(got) != 0 {
		t.Errorf("after undo: %+v", got)
	}
	s = reopen(t, c, s, path)
	if _, ok, err := s.Redo(ctx, "ana"); err != nil || !ok {
		t.Fatalf("Redo = %v, %v", ok, err)
	}
	if got := list("en-1", "ana"); !slices.Equal(got, []annotate.Rejection{r}) {
		t.Errorf("after redo: %+v", got)
	}
}

// testAcceptedSuggestionKeepsOrigin: a span added from a suggestion records
// its origin in the edit, through undo and redo across a reopen.
func testAcceptedSuggestionKeepsOrigin(t *testing.T, c Config) {
	s, path := corpusProject(t, c)
	ctx := t.Context()
	e := annotate.AddSpan(annotate.Span{DocID: "ja-4", Layer: "actor", Label: "Person", Annotator: "ana",
		Fragments: []annotate.Fragment{{Start: 0, End: 2}}})
	e.Origin = "suggest:learned"
	done, err := s.Apply(ctx, e)
	if err != nil {
		t.Fatal(err)
	}
	if done.(annotate.AddSpanEdit).Origin != e.Origin {
		t.Errorf("completed edit lost its origin: %+v", done)
	}
	s = reopen(t, c, s, path)
	if u, ok, err := s.NextUndo(ctx, "ana"); err != nil || !ok || u.(annotate.AddSpanEdit).Origin != e.Origin {
		t.Errorf("NextUndo = %+v, %v, %v", u, ok, err)
	}
	if _, _, err := s.Undo(ctx, "ana"); err != nil {
		t.Fatal(err)
	}
	s = reopen(t, c, s, path)
	r, ok, err := s.Redo(ctx, "ana")
	if err != nil || !ok {
		t.Fatalf("Redo = %v, %v", ok, err)
	}
	if r.(annotate.AddSpanEdit).Origin != e.Origin {
		t.Errorf("redo lost the origin: %+v", r)
	}
}
