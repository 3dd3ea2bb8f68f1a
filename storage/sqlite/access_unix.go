//go:build unix

package sqlite

import "syscall"

// dirWritable reports whether files can be made in dir: false on a
// read-only file system or without write permission.
func dirWritable(dir string) bool { return syscall.Access(dir, 2 /* W_OK */) == nil }

// lowOnSpace reports whether the file system holding dir has less than
// 1 MiB free: a disk I/O error there is most likely a full disk.
func lowOnSpace(dir string) bool {
	var st syscall.Statfs_t
	if err := syscall.Statfs(dir, &st); err != nil {
		return false
	}
	return uint64(st.Bavail)*uint64(st.Bsize) < 1<<20
}

// processAlive reports whether a process with the id runs (signal 0 checks
// without sending anything); known is false when it cannot tell.
func processAlive(pid int) (alive, known bool) {
	err := syscall.Kill(pid, 0)
	switch {
	case err == nil, err == syscall.EPERM:
		return true, true
	case err == syscall.ESRCH:
		return false, true
	}
	return false, false
}
