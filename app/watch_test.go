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

// TestFirstPollAfterOpeningReadsNothing: the window polls the project every
// half second and, when it changed, reads the open document and the whole
// document list again on the UI goroutine. The first poll after a project is
// opened (at start, or switched to) must not do that when nothing changed:
// on 100,000 documents it held the UI goroutine 230–540 ms right after the
// window showed (FRAMETAG_UI_WATCH, issue 11). Another process's edit made
// after the opening is still seen at the next poll.
func TestFirstPollAfterOpeningReadsNothing(t *testing.T) {
	tests := []struct {
		name string
		open func(t *testing.T, path string) *Workbench
	}{
		{"opened at start", func(t *testing.T, path string) *Workbench {
			wb, _ := openWorkbench(t, path)
			return wb
		}},
		{"switched to from another project", func(t *testing.T, path string) *Workbench {
			first := newProject(t)
			wb, _ := openWorkbench(t, first)
			settle(wb)
			// the first project changes and the window sees it: its
			// version moves on (a number that means nothing to another
			// project's handle)
			labelAsBob(t, first)
			wb.session.poll()
			st, err := sqlite.Open(t.Context(), path)
			if err != nil {
				t.Fatal(err)
			}
			wb.switchProject(st)
			t.Cleanup(func() { wb.store.Close() })
			return wb
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := newProject(t)
			wb := tt.open(t, path)
			settle(wb)
			wb.openDocument(blinkenDoc)
			if wb.session.poll() {
				t.Error("the first poll after opening the project read it again, though nothing changed")
			}

			sp := labelAsBob(t, path) // another process labels the open document
			if !wb.session.poll() {
				t.Error("the poll after another process's edit did not notice it")
			}
			if _, shown := wb.session.span(sp.ID); !shown {
				t.Error("after the poll the window does not show the other process's span")
			}
		})
	}
}

// labelAsBob labels Blinken in the Blinken seed of the project at path as
// bob, through a store handle of its own (another process).
func labelAsBob(t *testing.T, path string) annotate.Span {
	t.Helper()
	st, err := sqlite.Open(t.Context(), path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	schema, err := st.Schema(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	bob := newSession("bob", false)
	bob.store = st
	bob.setSchema(schema)
	if err := bob.open(blinkenDoc); err != nil {
		t.Fatal(err)
	}
	sp, ok := bob.label(labelRef{"actor", "PERSON"}, blinkenFrag.Start, blinkenFrag.End)
	if !ok {
		t.Fatal("bob could not label")
	}
	return sp
}
