package sqlite

import (
	"path/filepath"
	"testing"

	"frametag/storage/storagetest"
)

// TestContract: the SQLite store keeps the contract of every store, on real
// files.
func TestContract(t *testing.T) {
	storagetest.Run(t, storagetest.Config{
		Opener: Opener{Options: []Option{WithClock(testClock())}},
		NewPath: func(t testing.TB) string {
			return filepath.Join(t.TempDir(), "project.frametag")
		},
	})
}
