package sqlite

import (
	"os"
	"path/filepath"
	"testing"

	"frametag/annotate"
)

// TestReleaseFileOpensAndUndoes opens a project written by the release before
// the edit types were redesigned (testdata/release-v1.frametag: every kind of
// edit by alice, one of them undone, and two by bob) and walks its history:
// the rows already in the log must keep decoding and undoing.
func TestReleaseFileOpensAndUndoes(t *testing.T) {
	body, err := os.ReadFile(filepath.Join("testdata", "release-v1.frametag"))
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "release.frametag")
	if err := os.WriteFile(path, body, 0o644); err != nil {
		t.Fatal(err)
	}
	s, err := Open(t.Context(), path)
	if err != nil {
		t.Fatalf("Open: %v", err)
	}
	defer s.Close()

	redo, ok, err := s.Redo(t.Context(), "alice")
	if err != nil || !ok || redo.Op() != annotate.OpAddSpan || redo.Doc() != "d2" {
		t.Fatalf("Redo = %+v, %v, %v; want the undone add_span on d2 back", redo, ok, err)
	}
	var undone []string
	for {
		e, ok, err := s.Undo(t.Context(), "alice")
		if err != nil {
			t.Fatalf("Undo after %v: %v", undone, err)
		}
		if !ok {
			break
		}
		undone = append(undone, string(e.Inverse().Op()))
	}
	want := []string{"add_span", "set_schema", "delete_span", "add_span", "set_status", "set_doc_labels",
		"add_relation", "delete_relation", "add_relation", "update_span", "add_span", "add_span"}
	if len(undone) != len(want) {
		t.Fatalf("undid %v, want %v", undone, want)
	}
	for i := range want {
		if undone[i] != want[i] {
			t.Fatalf("undid %v, want %v", undone, want)
		}
	}

	sc, err := s.Schema(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	actor, _ := sc.Layer("actor")
	if _, ok := actor.Label("PERSON"); !ok {
		t.Errorf("undoing the schema edit did not bring label PERSON back: %+v", actor.Labels)
	}
	d1, err := s.Annotations(t.Context(), "d1")
	if err != nil {
		t.Fatal(err)
	}
	for _, sp := range d1.Spans {
		if sp.Annotator == "alice" {
			t.Errorf("alice's span %s survived undoing all her edits", sp.ID)
		}
	}
	if len(d1.Spans) != 1 || d1.Spans[0].Annotator != "bob" {
		t.Errorf("d1 spans = %+v, want bob's one claim", d1.Spans)
	}
	if len(d1.Relations) != 0 || len(d1.Labels) != 0 {
		t.Errorf("d1 keeps relations %+v, labels %+v", d1.Relations, d1.Labels)
	}
	if st := d1.Status["alice"]; st != "" && st != annotate.StatusTodo {
		t.Errorf("alice's status on d1 = %q after undo, want todo", st)
	}
	if d1.Status["bob"] != annotate.StatusInProgress {
		t.Errorf("bob's status = %q, want in_progress", d1.Status["bob"])
	}
}
