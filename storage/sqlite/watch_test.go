package sqlite

import (
	"testing"

	"frametag/annotate"
	"frametag/storage/storagetest"
)

var _ annotate.Watcher = (*Store)(nil)

// TestTwoHandlesSeeEachOther: what one handle (window) writes changes the
// other's Version; UndoSeen refuses to take back a row the other wrote
// until it is seen, and then undoes it.
func TestTwoHandlesSeeEachOther(t *testing.T) {
	a, path := newProject(t)
	if _, err := a.Import(t.Context(), storagetest.Seq([]annotate.AnnotatedDoc{storagetest.PlainDoc(t, "d", "Some text to label here.", "x")})); err != nil {
		t.Fatal(err)
	}
	b, err := Open(t.Context(), path)
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	add := func(s *Store, start int) annotate.Edit {
		t.Helper()
		done, err := s.Apply(t.Context(), annotate.AddSpan(annotate.Span{DocID: "d", Layer: "actor", Label: "Person", Annotator: "ann",
			Fragments: []annotate.Fragment{{Start: start, End: start + 4}}}))
		if err != nil {
			t.Fatal(err)
		}
		return done
	}
	add(a, 0)
	v0, err := a.Version(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	head, err := a.EditHead(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	own := map[int64]bool{a.Written(): true}
	seen := func(seq int64) bool { return seq <= head || own[seq] }
	add(b, 5) // window B, same annotator
	if v, err := a.Version(t.Context()); err != nil || v == v0 {
		t.Errorf("A's Version after B's edit: %d, %v; was %d", v, err, v0)
	}
	if _, _, err := a.UndoSeen(t.Context(), "ann", seen); annotate.ErrorCode(err) != annotate.EConflict {
		t.Fatalf("A undoing B's edit it has not shown: %v, want conflict", err)
	}
	ad, _ := a.Annotations(t.Context(), "d")
	if n := spansOf(ad, "ann"); n != 2 {
		t.Fatalf("%d spans after a refused undo, want 2", n)
	}
	// A shows the project again: B's edit is seen, and undone.
	if head, err = a.EditHead(t.Context()); err != nil {
		t.Fatal(err)
	}
	e, ok, err := a.UndoSeen(t.Context(), "ann", seen)
	if err != nil || !ok {
		t.Fatalf("undo after seeing: %v, %v", ok, err)
	}
	if sp := e.(annotate.DeleteSpanEdit).Span; sp.Start() != 5 {
		t.Errorf("undid the span at %d, want B's at 5", sp.Start())
	}
	// A's own next edit is seen at once.
	add(a, 10)
	own[a.Written()] = true
	if _, _, err := a.UndoSeen(t.Context(), "ann", seen); err != nil {
		t.Errorf("undoing A's own edit: %v", err)
	}
}

// TestPlantedEditLogRowIsNotApplied: an edit-log row under one annotator's
// name whose edit adds another annotator's span must not delete that span on
// the first annotator's undo; the row is dropped from the history.
func TestPlantedEditLogRowIsNotApplied(t *testing.T) {
	s, _ := newProject(t)
	if _, err := s.Import(t.Context(), storagetest.Seq([]annotate.AnnotatedDoc{storagetest.PlainDoc(t, "d", "Some text to label here.", "x")})); err != nil {
		t.Fatal(err)
	}
	bobs, err := s.Apply(t.Context(), annotate.AddSpan(annotate.Span{DocID: "d", Layer: "actor", Label: "Person", Annotator: "bob",
		Fragments: []annotate.Fragment{{Start: 0, End: 4}}}))
	if err != nil {
		t.Fatal(err)
	}
	for name, planted := range map[string]annotate.Edit{
		"bob's edit under alice's name": bobs,
		"alice's edit of bob's span":    annotate.AddSpanEdit{Span: bobs.(annotate.AddSpanEdit).Span, Annotator: "alice"},
	} {
		body, err := annotate.EncodeEdit(planted)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := s.db.Exec(`INSERT INTO edit_log (at, annotator, kind, state, edit) VALUES ('2026-01-01T00:00:00.000000000Z', 'alice', 'edit', 'done', ?)`, string(body)); err != nil {
			t.Fatal(err)
		}
		_, _, err = s.Undo(t.Context(), "alice")
		if annotate.ErrorCode(err) != annotate.EInvalid {
			t.Errorf("%s: alice's undo: %v, want a refusal", name, err)
		}
		ad, err := s.Annotations(t.Context(), "d")
		if err != nil {
			t.Fatal(err)
		}
		if spansOf(ad, "bob") != 1 {
			t.Fatalf("%s: bob's span is gone after alice's undo", name)
		}
		if _, ok, err := s.NextUndo(t.Context(), "alice"); ok || err != nil {
			t.Errorf("%s: the planted row is still on alice's undo stack (%v)", name, err)
		}
	}
}

func spansOf(ad annotate.AnnotatedDoc, annotator string) int {
	n := 0
	for _, sp := range ad.Spans {
		if sp.Annotator == annotator {
			n++
		}
	}
	return n
}
