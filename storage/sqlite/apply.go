package sqlite

import (
	"context"
	"database/sql"
	"fmt"

	"frametag/annotate"
)

// inTx runs fn in one write transaction and commits it, or rolls back
// everything when fn fails.
func (s *Store) inTx(ctx context.Context, fn func(tx *sql.Tx) error) error {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("begin: %w", err)
	}
	defer tx.Rollback()
	if err := fn(tx); err != nil {
		return err
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("commit: %w", err)
	}
	return nil
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
		if done, err = e.Apply(ctx, txState{tx: tx, now: s.now}); err != nil {
			return err
		}
		if err := clearRedo(ctx, tx, done.By()); err != nil {
			return err
		}
		_, err = appendLog(ctx, tx, s.now(), done, logEdit, 0, stateDone)
		return err
	})
	if err != nil {
		return nil, err
	}
	return done, nil
}
