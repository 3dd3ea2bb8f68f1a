//go:build !unix

package benchcpu

import "time"

// Time is 0 where the process's CPU time is not read: PerOp reports nothing.
func Time() time.Duration { return 0 }
