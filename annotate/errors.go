package annotate

import (
	"errors"
	"fmt"
)

// Code says what kind of failure an error is, so that the command line can
// choose its message and exit status and the window its dialog without
// reading error text.
type Code string

const (
	EInvalid      Code = "invalid"       // the request breaks a rule: bad label, offsets outside the text
	ENotFound     Code = "not_found"     // a document, span or relation that is not there (any more)
	EConflict     Code = "conflict"      // clashes with what exists: a duplicate id, a taken path
	EBusy         Code = "busy"          // another process holds the file longer than we may wait
	EReadOnly     Code = "read_only"     // the project or file cannot be written
	ENewerVersion Code = "newer_version" // written by a newer frametag
	ENotProject   Code = "not_project"   // not a frametag project (or not one at all)
	EDamaged      Code = "damaged"       // a project file whose content is broken
	ECanceled     Code = "canceled"      // the user stopped it; nothing was changed
	EInternal     Code = "internal"      // a failure of the machine or the file system
)

// Error is a failure with a code. Message is the whole text for people (the
// cause's text included); Err, when set, is the cause, reachable through
// errors.Is and errors.As. Without a Message the cause's text is shown.
type Error struct {
	Code    Code
	Message string
	Err     error
}

func (e *Error) Error() string {
	if e.Message == "" && e.Err != nil {
		return e.Err.Error()
	}
	return e.Message
}

func (e *Error) Unwrap() error { return e.Err }

// Errorf builds an *Error of the code; a %w verb in format keeps its cause
// reachable through errors.Is and errors.As.
func Errorf(code Code, format string, a ...any) *Error {
	err := fmt.Errorf(format, a...)
	return &Error{Code: code, Message: err.Error(), Err: errors.Unwrap(err)}
}

// WithCode marks err with a code, keeping its message. A nil err stays nil.
func WithCode(code Code, err error) error {
	if err == nil {
		return nil
	}
	return &Error{Code: code, Err: err}
}

// ErrorCode is the code of the outermost *Error in err's chain: EInternal for
// an error without one, "" for nil.
func ErrorCode(err error) Code {
	if err == nil {
		return ""
	}
	var e *Error
	if errors.As(err, &e) {
		return e.Code
	}
	return EInternal
}
