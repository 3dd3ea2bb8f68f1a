//go:build !unix

package sqlite

import "os"

// dirWritable reports whether dir looks writable from its permission bits
// (Windows marks read-only folders on read-only media only).
func dirWritable(dir string) bool {
	st, err := os.Stat(dir)
	return err == nil && st.Mode().Perm()&0o200 != 0
}

// lowOnSpace cannot tell here.
func lowOnSpace(string) bool { return false }

// processAlive cannot tell here: abandoned staging folders go by age.
func processAlive(int) (alive, known bool) { return false, false }
