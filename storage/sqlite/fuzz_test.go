package sqlite

import (
	"bytes"
	"frametag/storage/storagetest"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// FuzzOpen: Open never panics on a file of arbitrary bytes, and when it
// refuses one its error names the file and the file is left byte for byte as
// it was, with no SQLite side files beside it. The seeds are real projects
// (whole, truncated, with a damaged page), another program's database and the
// corpus in testdata/fuzz/FuzzOpen; they run as ordinary tests.
func FuzzOpen(f *testing.F) {
	dir := f.TempDir()
	empty := seedFile(f, filepath.Join(dir, "empty.frametag"), func(p string) error {
		s, err := Create(f.Context(), p, storagetest.Schema())
		if err != nil {
			return err
		}
		return s.Close()
	})
	full := seedFile(f, filepath.Join(dir, "full.frametag"), func(p string) error {
		s, err := Create(f.Context(), p, storagetest.Schema())
		if err != nil {
			return err
		}
		if _, err := s.Import(f.Context(), storagetest.Seq(storagetest.Corpus(f))); err != nil {
			return err
		}
		return s.Close()
	})
	other := seedFile(f, filepath.Join(dir, "other.db"), foreignDatabase)
	f.Add(empty)
	f.Add(full)
	f.Add(other)
	f.Add(full[:len(full)/2])
	f.Add(empty[:100])
	damaged := bytes.Clone(empty)
	copy(damaged[4096:], bytes.Repeat([]byte{0xA5}, 512)) // sqlite_master's page overwritten
	f.Add(damaged)
	f.Fuzz(func(t *testing.T, data []byte) {
		path := filepath.Join(t.TempDir(), "fuzz.frametag")
		if err := os.WriteFile(path, data, 0o644); err != nil {
			t.Fatal(err)
		}
		s, err := Open(t.Context(), path)
		if err == nil {
			if err := s.Close(); err != nil {
				t.Fatalf("Close: %v", err)
			}
			return
		}
		if !strings.Contains(err.Error(), path) {
			t.Errorf("the error does not name the file: %v", err)
		}
		if got, _ := os.ReadFile(path); !bytes.Equal(got, data) {
			t.Errorf("Open refused the file (%v) but changed it", err)
		}
		for _, suffix := range []string{"-wal", "-shm", "-journal"} {
			if _, err := os.Stat(path + suffix); err == nil {
				t.Errorf("Open refused the file (%v) but left %s beside it", err, suffix)
			}
		}
	})
}

// seedFile makes a file with make and returns its bytes.
func seedFile(f *testing.F, path string, make func(path string) error) []byte {
	f.Helper()
	if err := make(path); err != nil {
		f.Fatal(err)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		f.Fatal(err)
	}
	return data
}
