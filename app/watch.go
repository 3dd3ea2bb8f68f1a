package app

import (
	"context"
	"maps"
	"reflect"
	"sync"
	"time"

	"fyne.io/fyne/v2"

	"frametag/annotate"
)

// Two windows (or a window and the command line) on one project: each
// window polls the store's Version and, when the project changed, reads the
// open document again, so that another window's edits show within a
// second; and Undo takes back only an edit-log row this window has shown
// (annotate.Watcher.UndoSeen): those up to its last reading of the project,
// and those it wrote itself.

// seenLog is what of the edit log a window has shown.
type seenLog struct {
	head int64          // every row up to this one
	own  map[int64]bool // and the rows this window wrote
}

func (l *seenLog) upTo(head int64) {
	if head > l.head {
		l.head = head
	}
}

func (l *seenLog) has(seq int64) bool { return seq <= l.head || l.own[seq] }

// watcher is the store as an annotate.Watcher, when it is one.
func (s *session) watcher() (annotate.Watcher, bool) {
	w, ok := s.store.(annotate.Watcher)
	return w, ok
}

// editHead is the newest edit-log row, read before the project is, so that
// every row up to it is in what is then shown.
func (s *session) editHead() int64 {
	w, ok := s.watcher()
	if !ok {
		return 0
	}
	head, err := w.EditHead(s.ctx())
	if err != nil {
		return 0
	}
	return head
}

// wrote notes the edit-log row this window's store wrote last as seen, and
// takes the project's Version after it as polled, so that the window's own
// edits do not make it read the document and the list again. (Another
// window's commit in the moment between the two is then shown only with
// the next change; undo stays safe, being decided by the rows seen.)
func (s *session) wrote() {
	w, ok := s.watcher()
	if !ok {
		return
	}
	if w.Written() != 0 {
		if s.seen.own == nil {
			s.seen.own = map[int64]bool{}
		}
		s.seen.own[w.Written()] = true
	}
	if v, err := w.Version(s.ctx()); err == nil {
		s.version = v
	}
}

// projectVersion is store's Version, read before the project is, so that
// the window's first poll reads the project again only if it changed since
// it was read (not, as when the version started at 0, the whole document
// list once more on the UI goroutine just after the window shows: half a
// second at 100,000 documents). 0, when store cannot tell, makes the first
// poll read it again.
func projectVersion(ctx context.Context, store Project) int64 {
	w, ok := store.(annotate.Watcher)
	if !ok {
		return 0
	}
	v, err := w.Version(ctx)
	if err != nil {
		return 0
	}
	return v
}

// undoSeen prepares the undo of the annotator's newest edit if this window
// has shown it; otherwise the store refuses (EConflict), the window shows
// the project as it is now and says so, and the next Undo may take that
// edit back. What was shown is read when the undo's turn comes, after the
// window's earlier writes have landed.
func (s *session) undoSeen() writeCall {
	st, who := s.store, s.annotator
	w, ok := s.watcher()
	seen := seenLog{head: s.seen.head, own: maps.Clone(s.seen.own)}
	return func(ctx context.Context) (annotate.Edit, bool, error) {
		if !ok {
			return st.Undo(ctx, who)
		}
		return w.UndoSeen(ctx, who, seen.has)
	}
}

// poll reports whether the project changed since the last poll (by anyone:
// this window's own edits count too) and, if so, brings the open document in
// line with the file. The window calls it every half second.
func (s *session) poll() bool {
	w, ok := s.watcher()
	if !ok {
		return false
	}
	v, err := w.Version(s.ctx())
	if err != nil || v == s.version {
		return false
	}
	s.version = v
	s.refresh()
	return true
}

// refresh reads the open document again and, when the file holds something
// else than the window shows (another window's edit), shows the file's,
// keeping the selection where the span still exists.
func (s *session) refresh() {
	head := s.editHead()
	if !s.hasDocument() {
		s.seen.upTo(head)
		return
	}
	ad, err := s.store.Annotations(s.ctx(), s.doc.ID)
	if err != nil {
		return // gone or unreadable: the next action says so
	}
	annotate.SortSpans(ad.Spans)
	s.seen.upTo(head)
	if reflect.DeepEqual(ad, s.doc) {
		return
	}
	selected := s.selected
	if err := s.open(s.doc.ID); err != nil {
		return
	}
	if selected != "" {
		s.selectSpan(selected, false)
	}
}

// watch polls the project every interval on the UI thread, so that what
// another window or process writes shows here: the open document is read
// again (session.poll) and the document list with it. It returns what stops
// it.
func (w *Workbench) watch(interval time.Duration) (stop func()) {
	done := make(chan struct{})
	go func() {
		tick := time.NewTicker(interval)
		defer tick.Stop()
		for {
			select {
			case <-done:
				return
			case <-tick.C:
				fyne.Do(func() {
					if w.session.poll() {
						_ = w.reloadDocuments()
					}
				})
			}
		}
	}()
	var once sync.Once
	return func() { once.Do(func() { close(done) }) }
}
