package sqlite

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"frametag/annotate"
)

// inTx runs fn in one write transaction and commits it, or rolls back
// everything when fn fails.
func (s *Store) inTx(ctx context.Context, fn func(tx *sql.Tx) error) error {
	if s.readOnly {
		return s.refuseWrite()
	}
	tx, err := begin(ctx, s.db)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if err := fn(tx); err != nil {
		s.kept.schema.forget()
		return err
	}
	if err := tx.Commit(); err != nil {
		s.kept.schema.forget()
		return fmt.Errorf("commit: %w", err)
	}
	return nil
}

// beginner is a database or one of its connections.
type beginner interface {
	BeginTx(ctx context.Context, opts *sql.TxOptions) (*sql.Tx, error)
}

// begin starts a write transaction (BEGIN IMMEDIATE: the DSN's _txlock), and
// waits as long as it takes while another connection or process holds the
// write lock: SQLite's busy handler waits busyTimeout at a time, and each time
// it gives up, begin asks again. Whoever waits hears why through
// annotate.Waiting(ctx), once at the start of the wait and once at its end;
// only ctx's cancellation ends the wait early. Once begun, a write
// transaction holds the lock, so no statement in it meets SQLITE_BUSY.
func begin(ctx context.Context, db beginner) (*sql.Tx, error) {
	waiting := false
	defer func() {
		if waiting {
			annotate.Waiting(ctx)("")
		}
	}()
	for {
		tx, err := db.BeginTx(ctx, nil)
		if err == nil {
			return tx, nil
		}
		if !isBusy(err) || ctx.Err() != nil {
			return nil, fmt.Errorf("begin: %w", err)
		}
		if !waiting {
			waiting = true
			annotate.Waiting(ctx)(annotate.WaitingToWrite)
		}
		// A short pause, so that a connection of this very process that
		// holds the lock gets the CPU to finish.
		select {
		case <-ctx.Done():
			return nil, fmt.Errorf("begin: %w", ctx.Err())
		case <-time.After(10 * time.Millisecond):
		}
	}
}

// Apply has the domain apply e (annotate.Edit.Apply: every rule is there)
// to the project within one transaction, appends the completed edit to the
// edit log and commits before it returns. The edit returned is e as
// completed: new ids, times, what it replaced and what went with it (the
// relations of a deleted span, the annotations a schema edit removes), so
// that its Inverse undoes it exactly. A refused edit returns an
// *annotate.Error coded EInvalid, ENotFound or EConflict and changes
// nothing. A new edit empties the annotator's redo stack.
func (s *Store) Apply(ctx context.Context, e annotate.Edit) (_ annotate.Edit, err error) {
	defer s.failed(&err)
	var done annotate.Edit
	err = s.inTx(ctx, func(tx *sql.Tx) error {
		var err error
		if done, err = e.Apply(ctx, txState{tx: tx, now: s.now, kept: &s.kept}); err != nil {
			return err
		}
		if err := clearRedo(ctx, tx, done.By()); err != nil {
			return err
		}
		written, err := appendLog(ctx, tx, s.now(), done, logEdit, 0, stateDone)
		if err == nil {
			s.written.Store(written)
		}
		return err
	})
	if err != nil {
		return nil, err
	}
	return done, nil
}
