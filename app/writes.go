package app

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"time"

	"frametag/annotate"
)

// The window's writes to the project run off the UI goroutine, one at a
// time and in the order made, so that an edit waiting for another process's
// write lock (an import's commit, another window) never freezes the window:
// it keeps painting and taking input, and the status line says what the edit
// waits for. The road stays the same: the domain (in the store) applies the
// edit, the store saves it, and then, back on the UI goroutine, the session
// applies the completed edit to its copy and the views hear it.
//
// A write that is done within writeGrace (nearly all: a few milliseconds)
// finishes before the action that made it returns, as if it were
// synchronous, so the action can say what it did. One that takes longer is
// pending: its action returns (an edit counts as made, and is not lost), and
// the write finishes later on the UI goroutine; writes made meanwhile queue
// behind it.

// writeGrace is how long an action waits for its write before leaving it to
// finish on its own.
const writeGrace = 150 * time.Millisecond

// Status-line messages while writes are pending.
const (
	savingNote  = "Saving…"
	waitingNote = "Waiting for another process to finish writing… your edits are kept."
)

// storeWrite is one write. prepare runs on the UI goroutine when the write's
// turn comes (after the writes before it have landed) and returns the call,
// which runs on a goroutine of its own and must not touch the session;
// finish runs on the UI goroutine with the call's outcome.
type storeWrite struct {
	prepare func() writeCall
	finish  func(e annotate.Edit, ok bool, err error)
}

type writeCall func(ctx context.Context) (annotate.Edit, bool, error)

type writeResult struct {
	e   annotate.Edit
	ok  bool
	err error
}

// flight is a write under way that its action stopped waiting for.
type flight struct {
	w      storeWrite
	result chan writeResult // buffered; receives once
	once   sync.Once
}

// write runs w: at once on the caller's goroutine while s.post is nil (a
// session without a window), else off it. pending reports that w was left
// to finish later.
func (s *session) write(w storeWrite) (pending bool) {
	if s.post == nil {
		r := safeWrite(s.writeCtx(), w.prepare())
		w.finish(r.e, r.ok, r.err)
		return false
	}
	if s.inFlight != nil {
		s.queued = append(s.queued, w)
		return true
	}
	return s.launch(w, true)
}

// launch sends w to the store; with wait, the caller waits up to writeGrace
// for it.
func (s *session) launch(w storeWrite, wait bool) (pending bool) {
	f := &flight{w: w, result: make(chan writeResult, 1)}
	waiting := make(chan struct{}, 1)
	ctx := annotate.WithWaiting(s.writeCtx(), func(what string) {
		if what != "" {
			select {
			case waiting <- struct{}{}:
			default:
			}
		}
	})
	done := make(chan writeResult, 1)
	call := w.prepare()
	go func() { done <- safeWrite(ctx, call) }()
	note := savingNote
	if wait {
		timer := time.NewTimer(writeGrace)
		defer timer.Stop()
		select {
		case r := <-done:
			w.finish(r.e, r.ok, r.err)
			return false
		case <-waiting:
			note = waitingNote
		case <-timer.C:
		}
	}
	s.inFlight = f
	s.sayWaiting(note)
	post := s.post
	go func() {
		for {
			select {
			case <-waiting:
				post(func() {
					if s.inFlight == f {
						s.sayWaiting(waitingNote)
					}
				})
			case r := <-done:
				f.result <- r
				post(func() { s.land(f) })
				return
			}
		}
	}()
	return true
}

// land finishes the write in flight on the UI goroutine and sends the next.
func (s *session) land(f *flight) {
	f.once.Do(func() {
		r := <-f.result
		if s.inFlight == f {
			s.inFlight = nil
		}
		f.w.finish(r.e, r.ok, r.err)
		if len(s.queued) > 0 {
			next := s.queued[0]
			s.queued = s.queued[1:]
			s.launch(next, false)
			return
		}
		s.sayWaiting("")
	})
}

// flush finishes every pending write on the caller's goroutine: the window
// is closing, and no edit made in it may be lost. It waits as long as the
// other process holds the lock.
func (s *session) flush() {
	s.post = nil
	if f := s.inFlight; f != nil {
		s.land(f)
	}
	for len(s.queued) > 0 {
		w := s.queued[0]
		s.queued = s.queued[1:]
		s.write(w)
	}
}

// pendingWrites is how many writes are under way or queued.
func (s *session) pendingWrites() int {
	n := len(s.queued)
	if s.inFlight != nil {
		n++
	}
	return n
}

func (s *session) sayWaiting(note string) {
	if s.waitingNote != nil {
		s.waitingNote(note)
	}
}

// writeCtx is the context of the session's writes: the session's own
// without its cancellation, since an edit the user made is saved even when
// the window closes while it waits.
func (s *session) writeCtx() context.Context { return context.WithoutCancel(s.ctx()) }

func safeWrite(ctx context.Context, call writeCall) (r writeResult) {
	defer func() {
		if p := recover(); p != nil {
			r = writeResult{err: fmt.Errorf("internal error: %v", p)}
		}
	}()
	e, ok, err := call(ctx)
	return writeResult{e, ok, err}
}

// errPending is what an action whose write is left to finish later
// returns: the edit is made, its outcome shows when it lands.
var errPending = errors.New("the edit is saved as soon as the project can be written")

// try sends an edit to the store and brings the window in line with the
// edit the store made. A refusal is returned, or, when the write was left
// to finish later (errPending), told when it comes.
func (s *session) try(e annotate.Edit) error {
	var refused error
	returned := false
	pending := s.write(storeWrite{
		prepare: func() writeCall {
			st := s.store
			return func(ctx context.Context) (annotate.Edit, bool, error) {
				done, err := st.Apply(ctx, e)
				return done, err == nil, err
			}
		},
		finish: func(done annotate.Edit, _ bool, err error) {
			switch {
			case err != nil && returned:
				s.tell("Could not "+e.Describe(), err, "The project is unchanged.")
			case err != nil:
				refused = err
			case returned:
				s.landed(done)
			default:
				s.applied(done)
			}
		},
	})
	returned = true
	if pending {
		return errPending
	}
	return refused
}

// landed is applied for an edit whose write finished after its action: one
// of a document no longer open is not followed there.
func (s *session) landed(e annotate.Edit) {
	if _, schema := e.(annotate.SetSchemaEdit); !schema && e.Doc() != s.doc.ID {
		s.wrote()
		return
	}
	s.applied(e)
}
