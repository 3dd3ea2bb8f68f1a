package app

import (
	"database/sql"
	"net/url"
	"sync"
	"testing"
	"time"

	"frametag/storage/sqlite"
)

// holdWriteLock opens the project as another process would (a connection of
// its own) and holds its write lock until the returned function is called.
func holdWriteLock(t *testing.T, path string) (release func()) {
	t.Helper()
	db, err := sql.Open("sqlite", "file:"+(&url.URL{Path: path}).EscapedPath()+"?_pragma=busy_timeout(0)&_txlock=immediate")
	if err != nil {
		t.Fatal(err)
	}
	tx, err := db.BeginTx(t.Context(), nil)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := tx.Exec(`UPDATE schema SET version = version WHERE id = 1`); err != nil {
		t.Fatal(err)
	}
	var once sync.Once
	release = func() {
		once.Do(func() {
			tx.Rollback()
			db.Close()
		})
	}
	t.Cleanup(release)
	return release
}

// uiLoop stands in for Fyne's event loop: what the session posts to the UI
// goroutine waits in a queue that the test runs on its own goroutine.
type uiLoop chan func()

func (q uiLoop) post(f func()) { q <- f }

// runUntil runs posted functions until cond holds, failing after timeout.
func (q uiLoop) runUntil(t *testing.T, timeout time.Duration, what string, cond func() bool) {
	t.Helper()
	deadline := time.After(timeout)
	for !cond() {
		select {
		case f := <-q:
			f()
		case <-deadline:
			t.Fatalf("after %v: %s", timeout, what)
		}
	}
}

// TestEditsWaitForAnotherProcessWithoutFreezing: while another process
// holds the project's write lock, labelling in the window returns at once,
// the status line says what the edit waits for, the window keeps painting
// and taking edits (queued in order), and when the lock is freed every edit
// is saved, in order, through the store, and shown. Closing the window with
// an edit still waiting saves it first. (Before, the edit's store call ran
// on the UI goroutine, which froze until the other process's commit ended.)
func TestEditsWaitForAnotherProcessWithoutFreezing(t *testing.T) {
	path := newProject(t)
	wb, _ := openWorkbench(t, path)
	other, err := sqlite.Open(t.Context(), path) // how the test reads the file
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { other.Close() })
	ui := make(uiLoop, 64)
	wb.session.post = ui.post
	wb.openDocument(blinkenDoc)
	var problems []string
	wb.session.problem = func(what string, err error, _ string) { problems = append(problems, what+": "+err.Error()) }

	release := holdWriteLock(t, path)
	start := time.Now()
	wb.view.SetSelection(claimFrag.Start, claimFrag.End)
	if !wb.createSpan(labelRef{"claim", "Claim"}) {
		t.Fatal("labelling with the lock held was refused")
	}
	if took := time.Since(start); took > time.Second {
		t.Errorf("labelling returned after %v while another process held the lock, want at once", took)
	}
	if wb.session.pendingWrites() != 1 || !wb.panel.status.waiting.Visible() {
		t.Fatalf("pending writes %d, waiting line shown %v", wb.session.pendingWrites(), wb.panel.status.waiting.Visible())
	}
	ui.runUntil(t, 5*time.Second, "the status line never said what the edit waits for", func() bool {
		return wb.panel.status.waiting.Text == waitingNote
	})
	// the window paints and takes another edit meanwhile; it queues
	wb.win.Canvas().Capture()
	wb.view.SetSelection(blinkenFrag.Start, blinkenFrag.End)
	if !wb.createSpan(labelRef{"actor", "PERSON"}) {
		t.Fatal("a second edit while waiting was refused")
	}
	if n := wb.session.pendingWrites(); n != 2 {
		t.Errorf("%d writes pending, want the second queued behind the first", n)
	}
	if n := len(spansOf(t, other, blinkenDoc)); n != 0 {
		t.Fatalf("%d spans in the file while the lock is held", n)
	}

	release()
	ui.runUntil(t, 10*time.Second, "the edits were not saved after the lock was freed", func() bool {
		return wb.session.pendingWrites() == 0
	})
	saved := spansOf(t, other, blinkenDoc)
	if len(saved) != 2 {
		t.Fatalf("%d spans saved, want both edits", len(saved))
	}
	labels := map[string]bool{}
	for _, sp := range wb.session.document().Spans {
		labels[sp.Label] = true
	}
	if !labels["Claim"] || !labels["PERSON"] {
		t.Errorf("the window shows %v, want both spans", labels)
	}
	if wb.panel.status.waiting.Visible() {
		t.Errorf("the waiting line still shows %q after the edits were saved", wb.panel.status.waiting.Text)
	}
	if len(problems) > 0 {
		t.Errorf("problems told: %q", problems)
	}
	// undo goes through the same road, after the edits it follows
	if _, _, err := wb.session.undo(); err != nil {
		t.Fatalf("undo: %v", err)
	}
	if n := len(spansOf(t, other, blinkenDoc)); n != 1 {
		t.Errorf("%d spans after undo, want 1", n)
	}

	// closing the window with an edit waiting saves it first
	release = holdWriteLock(t, path)
	wb.view.SetSelection(blinkenFrag.Start, blinkenFrag.End)
	if !wb.createSpan(labelRef{"actor", "PERSON"}) {
		t.Fatal("labelling with the lock held was refused")
	}
	time.AfterFunc(300*time.Millisecond, release)
	wb.close()
	if n := len(spansOf(t, other, blinkenDoc)); n != 2 {
		t.Errorf("%d spans after closing with an edit waiting, want it saved (2)", n)
	}
	if len(problems) > 0 {
		t.Errorf("problems told: %q", problems)
	}
	if err := wb.ctx().Err(); err == nil {
		t.Error("the window's context is not cancelled after close")
	}
}
