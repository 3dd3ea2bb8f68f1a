package sqlite

import (
	"path/filepath"
	"sync"
	"testing"
	"time"

	"frametag/storage/storagetest"
)

// testClock starts at a fixed time and moves one second per reading, so that
// stored times are known and every edit is later than the one before.
func testClock() func() time.Time {
	var mu sync.Mutex
	at := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
	return func() time.Time {
		mu.Lock()
		defer mu.Unlock()
		at = at.Add(time.Second)
		return at
	}
}

// newProject creates a project with the contract suite's schema.
func newProject(t testing.TB) (*Store, string) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "project.frametag")
	s, err := Create(t.Context(), path, storagetest.Schema(), WithClock(testClock()))
	if err != nil {
		t.Fatalf("Create: %v", err)
	}
	t.Cleanup(func() { s.Close() })
	return s, path
}
