//go:build unix

package sqlite

import "syscall"

// dirWritable reports whether files can be made in dir: false on a
// read-only file system or without write permission.
func dirWritable(dir string) bool { return syscall.Access(dir, 2 /* W_OK */) == nil }
