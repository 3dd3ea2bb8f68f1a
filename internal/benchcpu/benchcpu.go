// Package benchcpu measures benchmarks by the CPU time the process uses,
// which a loaded machine inflates less than the wall clock.
package benchcpu

import "testing"

// PerOp reports the process's CPU time (every thread, user and system) per
// op, as cpu-ms/op beside the wall-clock ns/op: call it first and defer
// what it returns.
func PerOp(b *testing.B) func() {
	start := Time()
	return func() {
		if used := Time() - start; used > 0 && b.N > 0 {
			b.ReportMetric(float64(used)/float64(b.N)/1e6, "cpu-ms/op")
		}
	}
}
