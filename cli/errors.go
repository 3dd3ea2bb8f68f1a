package cli

import (
	"fmt"

	"frametag/annotate"
)

// The one place the command line turns an error into its words and its exit
// status, by the error's code (annotate.ErrorCode), never by its text.

// exitStatus is the exit status for err. Every failure exits 1, whatever its
// code: scripts tell failures apart by the message, as before codes existed.
func exitStatus(err error) int {
	if err == nil {
		return exitOK
	}
	return exitFailure
}

// fail prints err, framed by format (one %v for the error), and returns its
// exit status.
func (c *invocation) fail(err error, format string, a ...any) int {
	fmt.Fprintf(c.env.Stderr, "frametag: "+format+"\n", append(a, err)...)
	return exitStatus(err)
}

// projectError words an error from opening or using the project at path.
// A project that is not there suggests creating one. A refusal (invalid, not
// found, a conflict) is about the request, so it is told which project it
// concerns; the store names its file in every other failure.
func projectError(path string, err error, opening bool) error {
	switch annotate.ErrorCode(err) {
	case "":
		return nil
	case annotate.ENotFound:
		if opening {
			return annotate.Errorf(annotate.ENotFound, "%s: no such project (create one with: frametag init %s)", path, path)
		}
		return fmt.Errorf("%s: %w", path, err)
	case annotate.EInvalid, annotate.EConflict:
		return fmt.Errorf("%s: %w", path, err)
	}
	return err
}
