package app

import (
	"strings"
	"testing"

	"frametag/annotate"
	"frametag/storage/sqlite"
)

// TestTwoWindowsOnOneProject: two sessions on two store handles of one file
// (as two windows, or two processes). What B labels shows in A at A's next
// poll; A's Ctrl+Z never takes back B's label while A has not shown it; A's
// own edits do not make A read the document again.
func TestTwoWindowsOnOneProject(t *testing.T) {
	path := newProject(t)
	window := func() (*session, *[]string) {
		st, err := sqlite.Open(t.Context(), path)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { st.Close() })
		schema, err := st.Schema(t.Context())
		if err != nil {
			t.Fatal(err)
		}
		s := newSession(annotator, false)
		s.store = st
		s.setSchema(schema)
		if err := s.open(blinkenDoc); err != nil {
			t.Fatal(err)
		}
		s.poll()
		var batches []string
		s.subscribe(func(cs []change) { batches = append(batches, changeNames(cs)) })
		return s, &batches
	}
	a, aBatches := window()
	b, _ := window()
	var problems []string
	a.problem = func(what string, err error, _ string) { problems = append(problems, what+": "+err.Error()) }

	if _, ok := a.label(labelRef{"claim", "Claim"}, claimFrag.Start, claimFrag.End); !ok {
		t.Fatal("A could not label")
	}
	*aBatches = nil
	if a.poll() {
		t.Error("A's poll after its own edit reports a change")
	}
	if got := strings.Join(*aBatches, " | "); got != "" {
		t.Errorf("A's poll after its own edit announced %q, want nothing", got)
	}

	// B labels; A has not polled yet: Ctrl+Z in A must not take it back.
	bs, ok := b.label(labelRef{"actor", "PERSON"}, blinkenFrag.Start, blinkenFrag.End)
	if !ok {
		t.Fatal("B could not label")
	}
	_, _, err := a.undo()
	if annotate.ErrorCode(err) != annotate.EConflict {
		t.Fatalf("A's undo of B's unseen label: %v, want a conflict", err)
	}
	if _, ok := a.span(bs.ID); !ok {
		t.Error("after the refused undo, A does not show B's label")
	}
	stored, err := a.store.Annotations(t.Context(), blinkenDoc)
	if err != nil {
		t.Fatal(err)
	}
	if len(stored.Spans) != 2 {
		t.Fatalf("%d spans in the file after A's refused undo, want 2", len(stored.Spans))
	}

	// B labels again; A's poll shows it.
	*aBatches = nil
	b.deleteSelected()
	if !a.poll() {
		t.Error("A's poll did not notice B's edit")
	}
	if _, ok := a.span(bs.ID); ok {
		t.Error("after polling, A still shows the label B deleted")
	}
	if got := strings.Join(*aBatches, " | "); !strings.Contains(got, "docOpened") {
		t.Errorf("A's poll announced %q, want the document read again", got)
	}
	if len(problems) > 0 {
		t.Errorf("problems told: %q", problems)
	}
}
