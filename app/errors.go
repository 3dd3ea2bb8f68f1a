package app

import "frametag/annotate"

// errorMessage is what an error dialog says about err: the one place the
// window reads error codes. The message is the error's own; a busy project
// (another frametag holding it longer than the store waits) also says what to
// do about it, since SQLite's words for it mean nothing to a user.
func errorMessage(err error) string {
	msg := err.Error()
	if annotate.ErrorCode(err) == annotate.EBusy {
		msg += "\n\nAnother frametag is writing to this project; try again in a moment."
	}
	return msg
}

// isMissing reports whether err says a project file is not there (any more),
// so that it leaves the recent projects.
func isMissing(err error) bool { return annotate.ErrorCode(err) == annotate.ENotFound }
