package sqlite

import (
	"context"
	"errors"
	"syscall"

	"frametag/annotate"

	"modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"
)

// invalidErr marks an error from the domain's checks as a refusal, keeping a
// code the domain already gave it.
func invalidErr(err error) error {
	if err == nil || hasCode(err) {
		return err
	}
	return annotate.WithCode(annotate.EInvalid, err)
}

// notFoundf says that a document, span or relation is not there.
func notFoundf(format string, a ...any) error {
	return annotate.Errorf(annotate.ENotFound, format+": not found", a...)
}

func hasCode(err error) bool {
	var e *annotate.Error
	return errors.As(err, &e)
}

// refused reports whether err turns down the request itself (a broken rule,
// a missing or clashing thing) rather than failing at the file: the project
// is unchanged and nothing is wrong with it.
func refused(err error) bool {
	switch annotate.ErrorCode(err) {
	case annotate.EInvalid, annotate.ENotFound, annotate.EConflict:
		return true
	}
	return false
}

// sqliteCode is SQLite's extended result code behind err, or 0.
func sqliteCode(err error) int {
	var se *sqlite.Error
	if errors.As(err, &se) {
		return se.Code()
	}
	return 0
}

// isUnique reports whether err is a violated UNIQUE or PRIMARY KEY
// constraint: the row clashes with one already in the file.
func isUnique(err error) bool {
	switch sqliteCode(err) {
	case sqlite3.SQLITE_CONSTRAINT_UNIQUE, sqlite3.SQLITE_CONSTRAINT_PRIMARYKEY:
		return true
	}
	return false
}

// isBusy reports whether err is SQLITE_BUSY or SQLITE_LOCKED: another
// connection holds a lock longer than the busy timeout.
func isBusy(err error) bool {
	switch sqliteCode(err) & 0xff {
	case sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED:
		return true
	}
	return false
}

// isFull reports whether err is a full disk: SQLITE_FULL, or ENOSPC from
// the file system.
func isFull(err error) bool {
	return sqliteCode(err)&0xff == sqlite3.SQLITE_FULL || errors.Is(err, syscall.ENOSPC)
}

// diskFull words a full disk for people: what happened, what was kept and
// what to do. It is nil for any other error.
func diskFull(err error) error {
	if err == nil || !isFull(err) {
		return nil
	}
	return &annotate.Error{Code: annotate.EInternal, Err: err,
		Message: "the disk is full (" + err.Error() + "): nothing of this change was saved, and everything saved before it is kept; free some space and try again"}
}

// coded gives an error without a code the one its cause calls for, read from
// SQLite's result code (never from its text): another process holding the
// file too long is busy, a file that cannot be written read-only, a broken
// one damaged. Anything else stays internal.
func coded(err error) error {
	if err == nil || hasCode(err) {
		return err
	}
	if full := diskFull(err); full != nil {
		return full
	}
	if errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
		return annotate.WithCode(annotate.ECanceled, err)
	}
	switch sqliteCode(err) & 0xff { // the primary code
	case sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED:
		return annotate.WithCode(annotate.EBusy, err)
	case sqlite3.SQLITE_READONLY:
		return annotate.WithCode(annotate.EReadOnly, err)
	case sqlite3.SQLITE_CORRUPT, sqlite3.SQLITE_NOTADB:
		return annotate.WithCode(annotate.EDamaged, err)
	case sqlite3.SQLITE_INTERRUPT:
		return annotate.WithCode(annotate.ECanceled, err)
	}
	return err
}

// failed is every exported method's last word on an error other than Open's
// and Create's: a refusal is about the request and is returned as it is;
// any other failure is about the file, so it gets its code and names the
// file, for a message that says where things went wrong.
func (s *Store) failed(err *error) {
	if *err == nil || refused(*err) {
		return
	}
	e := coded(*err)
	*err = &annotate.Error{Code: annotate.ErrorCode(e), Message: s.path + ": " + e.Error(), Err: e}
}
