//go:build unix

package project

import (
	"errors"
	"syscall"
)

// processAlive reports whether a process with the id runs (signal 0 checks
// without sending anything); known is false when it cannot tell.
func processAlive(pid int) (alive, known bool) {
	err := syscall.Kill(pid, 0)
	switch {
	case err == nil, errors.Is(err, syscall.EPERM):
		return true, true
	case errors.Is(err, syscall.ESRCH):
		return false, true
	}
	return false, false
}
