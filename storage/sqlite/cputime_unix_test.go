//go:build unix

package sqlite

import (
	"syscall"
	"time"
)

// cpuTime is the CPU time the process has used (every thread, user and
// system): on a shared machine a fairer measure than the wall clock.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
