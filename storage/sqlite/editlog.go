package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"frametag/annotate"
)

// Edit log kinds and states. Each annotator has an undo stack (their 'done'
// edits and redos, newest first) and a redo stack (their 'undone' edits, the
// most recently undone first); 'spent' rows are history only.
const (
	logEdit = "edit"
	logUndo = "undo"
	logRedo = "redo"

	stateDone   = "done"
	stateUndone = "undone"
	stateSpent  = "spent"
)

func appendLog(ctx context.Context, tx *sql.Tx, at time.Time, e annotate.Edit, kind string, target int64, state string) (int64, error) {
	body, err := annotate.EncodeEdit(e)
	if err != nil {
		return 0, fmt.Errorf("edit log: %w", err)
	}
	var tgt any
	if target != 0 {
		tgt = target
	}
	res, err := tx.ExecContext(ctx, `INSERT INTO edit_log (at, annotator, kind, target, state, edit) VALUES (?, ?, ?, ?, ?, ?)`,
		formatTime(at), e.By(), kind, tgt, state, string(body))
	if err != nil {
		return 0, fmt.Errorf("edit log: %w", err)
	}
	return res.LastInsertId()
}

// clearRedo empties an annotator's redo stack: after a new edit, redoing an
// older one would apply it to a state it was never made in.
func clearRedo(ctx context.Context, tx *sql.Tx, annotator string) error {
	_, err := tx.ExecContext(ctx, `UPDATE edit_log SET state = ? WHERE annotator = ? AND state = ?`,
		stateSpent, annotator, stateUndone)
	if err != nil {
		return fmt.Errorf("edit log: %w", err)
	}
	return nil
}

func decodeEdit(body string) (annotate.Edit, error) {
	e, err := annotate.DecodeEdit([]byte(body))
	if err != nil {
		return nil, fmt.Errorf("edit log: %w", err)
	}
	return e, nil
}

// lastToUndo is the annotator's newest edit that can be undone.
func lastToUndo(ctx context.Context, q querier, annotator string) (int64, annotate.Edit, bool, error) {
	var seq int64
	var body string
	err := q.QueryRowContext(ctx, `SELECT seq, edit FROM edit_log WHERE annotator = ? AND state = ? ORDER BY seq DESC LIMIT 1`,
		annotator, stateDone).Scan(&seq, &body)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, nil, false, nil
	}
	if err != nil {
		return 0, nil, false, fmt.Errorf("edit log: %w", err)
	}
	e, err := decodeEdit(body)
	return seq, e, err == nil, err
}

// lastToRedo is the annotator's most recently undone edit, as the row it
// was and the edit that undid it (whose inverse redoes it).
func lastToRedo(ctx context.Context, q querier, annotator string) (int64, annotate.Edit, bool, error) {
	var target int64
	var body string
	err := q.QueryRowContext(ctx, `SELECT u.target, u.edit FROM edit_log u JOIN edit_log t ON t.seq = u.target
		WHERE u.annotator = ? AND u.kind = ? AND t.state = ? ORDER BY u.seq DESC LIMIT 1`,
		annotator, logUndo, stateUndone).Scan(&target, &body)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, nil, false, nil
	}
	if err != nil {
		return 0, nil, false, fmt.Errorf("edit log: %w", err)
	}
	e, err := decodeEdit(body)
	return target, e, err == nil, err
}

// NextUndo is the edit Undo would revert (for a menu's "Undo add Claim"),
// without applying anything.
func (s *Store) NextUndo(ctx context.Context, annotator string) (_ annotate.Edit, _ bool, err error) {
	defer s.failed(&err)
	_, e, ok, err := lastToUndo(ctx, s.db, annotator)
	return e, ok, err
}

// NextRedo is the edit Redo would bring back, without applying anything.
func (s *Store) NextRedo(ctx context.Context, annotator string) (_ annotate.Edit, _ bool, err error) {
	defer s.failed(&err)
	_, undo, ok, err := lastToRedo(ctx, s.db, annotator)
	if !ok || err != nil {
		return nil, ok, err
	}
	return undo.Inverse(), true, nil
}

// Undo reverts the annotator's newest edit that is not undone yet, by
// applying its inverse in one transaction (logged as an undo). It returns the
// edit it applied, or false when there is nothing to undo. The stacks live in
// the file, so undo works across restarts.
//
// An edit that can no longer be reverted, because another annotator changed
// the same thing since (say, deleted the span it added), is dropped from the
// undo stack and reported with the refusal's code; the next Undo goes on with the
// edit before it.
func (s *Store) Undo(ctx context.Context, annotator string) (_ annotate.Edit, _ bool, err error) {
	defer s.failed(&err)
	return s.step(ctx, annotator, nil, lastToUndo, func(e annotate.Edit) annotate.Edit { return e.Inverse() }, logUndo, stateSpent, stateUndone, "undo")
}

// Redo re-applies the annotator's most recently undone edit, or returns false
// when there is none. A new edit by the annotator empties the redo stack.
func (s *Store) Redo(ctx context.Context, annotator string) (_ annotate.Edit, _ bool, err error) {
	defer s.failed(&err)
	// The inverse of the undo (not the original edit) carries what the undo
	// itself removed, so redo restores it.
	return s.step(ctx, annotator, nil, lastToRedo, func(undo annotate.Edit) annotate.Edit { return undo.Inverse() }, logRedo, stateDone, stateSpent, "redo")
}

type pick func(ctx context.Context, q querier, annotator string) (int64, annotate.Edit, bool, error)

// step is Undo and Redo: pick the row, apply the edit derived from it, log
// the step with state logState and move the picked row to targetState.
func (s *Store) step(ctx context.Context, annotator string, seen func(seq int64) bool, pick pick, derive func(annotate.Edit) annotate.Edit,
	kind, logState, targetState, verb string) (annotate.Edit, bool, error) {
	var done annotate.Edit
	var found bool
	var dropped int64
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		seq, e, ok, err := pick(ctx, tx, annotator)
		if err != nil || !ok {
			return err
		}
		if seen != nil && !seen(seq) {
			return annotate.Errorf(annotate.EConflict, "the edit to %s (%s) was made in another window or process after this one last showed the project; it is shown now: %s again to take it back", verb, e.Describe(), verb)
		}
		found = true
		// The edit-log row is read from a file that may have been made or
		// changed by someone else: the edit must be the annotator's own,
		// and undoing or redoing it may touch only their own spans, doc
		// labels and status (a schema edit excepted: undoing one brings
		// back everyone's annotations it removed).
		var st annotate.State = txState{tx: tx, now: s.now, kept: &s.kept}
		if e.By() != annotator {
			dropped = seq
			return annotate.Errorf(annotate.EInvalid, "cannot %s edit-log row %d: it is %q's edit, not %q's", verb, seq, e.By(), annotator)
		}
		if _, schema := e.(annotate.SetSchemaEdit); !schema {
			st = ownState{State: st, annotator: annotator}
		}
		// The edit carries the times it restores (annotate.Edit.Apply keeps
		// times that are set).
		done, err = derive(e).Apply(ctx, st)
		if err != nil {
			if refused(err) {
				dropped = seq
				return annotate.Errorf(annotate.ErrorCode(err), "cannot %s %s: %w", verb, e.Describe(), err)
			}
			return fmt.Errorf("%s %s: %w", verb, e.Describe(), err)
		}
		written, err := appendLog(ctx, tx, s.now(), done, kind, seq, logState)
		if err != nil {
			return err
		}
		s.written.Store(written)
		if _, err := tx.ExecContext(ctx, `UPDATE edit_log SET state = ? WHERE seq = ?`, targetState, seq); err != nil {
			return fmt.Errorf("edit log: %w", err)
		}
		return nil
	})
	if dropped != 0 {
		// Leave the stuck edit behind, so the next step can proceed.
		if derr := s.inTx(ctx, func(tx *sql.Tx) error {
			_, err := tx.ExecContext(ctx, `UPDATE edit_log SET state = ? WHERE seq = ?`, stateSpent, dropped)
			return err
		}); derr != nil {
			return nil, false, errors.Join(err, derr)
		}
		return nil, false, fmt.Errorf("%w; it is dropped from the %s history", err, verb)
	}
	if err != nil {
		return nil, false, err
	}
	return done, found, nil
}

// UndoSeen is Undo, but only of an edit-log row seen(seq) accepts: the
// window passes the rows it has shown (those up to its last look at the
// project, and those it wrote), so that Ctrl+Z never takes back an edit
// made in another window that this one has not shown yet. Another row is
// refused with EConflict and nothing is undone.
func (s *Store) UndoSeen(ctx context.Context, annotator string, seen func(seq int64) bool) (_ annotate.Edit, _ bool, err error) {
	defer s.failed(&err)
	return s.step(ctx, annotator, seen, lastToUndo, func(e annotate.Edit) annotate.Edit { return e.Inverse() }, logUndo, stateSpent, stateUndone, "undo")
}

// ownState is the State an undo or redo applies through: it refuses to
// touch another annotator's spans, document labels or status, which a
// planted or damaged edit-log row might ask for.
type ownState struct {
	annotate.State
	annotator string
}

func (o ownState) notOwn(what, whose string) error {
	return annotate.Errorf(annotate.EInvalid, "the edit-log row would change %s of %q, not %q's own", what, whose, o.annotator)
}

func (o ownState) PutSpan(ctx context.Context, sp annotate.Span) error {
	if sp.Annotator != o.annotator {
		return o.notOwn("span "+sp.ID, sp.Annotator)
	}
	if old, ok, err := o.State.Span(ctx, sp.DocID, sp.ID); err != nil {
		return err
	} else if ok && old.Annotator != o.annotator {
		return o.notOwn("span "+sp.ID, old.Annotator)
	}
	return o.State.PutSpan(ctx, sp)
}

func (o ownState) DeleteSpan(ctx context.Context, doc, id string) error {
	if old, ok, err := o.State.Span(ctx, doc, id); err != nil {
		return err
	} else if ok && old.Annotator != o.annotator {
		return o.notOwn("span "+id, old.Annotator)
	}
	return o.State.DeleteSpan(ctx, doc, id)
}

func (o ownState) SetDocLabels(ctx context.Context, doc, layer, annotator string, labels []string) error {
	if annotator != o.annotator {
		return o.notOwn("the document labels of "+doc, annotator)
	}
	return o.State.SetDocLabels(ctx, doc, layer, annotator, labels)
}

func (o ownState) SetStatus(ctx context.Context, doc, annotator string, st annotate.Status) error {
	if annotator != o.annotator {
		return o.notOwn("the status of "+doc, annotator)
	}
	return o.State.SetStatus(ctx, doc, annotator, st)
}

// EditHead is the newest edit-log row (0 for none): what the window has
// seen up to when it reads the project.
func (s *Store) EditHead(ctx context.Context) (_ int64, err error) {
	defer s.failed(&err)
	var seq int64
	err = s.db.QueryRowContext(ctx, `SELECT COALESCE(MAX(seq), 0) FROM edit_log`).Scan(&seq)
	return seq, err
}

// Written is the edit-log row this Store wrote last (its Apply, Undo or
// Redo), 0 before any.
func (s *Store) Written() int64 { return s.written.Load() }

// Version changes whenever the project's file changes, by this Store or
// any other connection or process (SQLite's PRAGMA data_version, read on a
// connection of its own that never writes). The window polls it.
func (s *Store) Version(ctx context.Context) (_ int64, err error) {
	defer s.failed(&err)
	s.watchMu.Lock()
	defer s.watchMu.Unlock()
	if s.watch == nil {
		if s.watch, err = s.db.Conn(ctx); err != nil {
			return 0, err
		}
	}
	var v int64
	err = s.watch.QueryRowContext(ctx, `PRAGMA data_version`).Scan(&v)
	return v, err
}
