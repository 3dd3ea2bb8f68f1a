//go:build unix

package format

import (
	"os"
	"path/filepath"
	"syscall"
	"testing"
	"time"
)

// TestFolderSkipsFIFOs: a FIFO named *.jsonl in an imported folder is not
// read (it blocked the import forever, holding the write lock); the regular
// files beside it, and a link to one, are.
func TestFolderSkipsFIFOs(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "a.jsonl"), []byte(`{"id":"a","text":"A."}`+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	other := filepath.Join(t.TempDir(), "c.jsonl")
	if err := os.WriteFile(other, []byte(`{"id":"c","text":"C."}`+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(other, filepath.Join(dir, "c.jsonl")); err != nil {
		t.Fatal(err)
	}
	if err := syscall.Mkfifo(filepath.Join(dir, "b.jsonl"), 0o644); err != nil {
		t.Skipf("mkfifo: %v", err)
	}
	done := make(chan []string)
	go func() {
		var ids []string
		r, err := All().Read(Files([]string{dir}), "", Options{})
		if err != nil {
			t.Error(err)
			close(done)
			return
		}
		for rec, err := range r.Records() {
			if err != nil {
				t.Error(err)
				break
			}
			ids = append(ids, rec.Doc.ID)
		}
		done <- ids
	}()
	select {
	case ids := <-done:
		if len(ids) != 2 || ids[0] != "a" || ids[1] != "c" {
			t.Errorf("read %v, want [a c]", ids)
		}
	case <-time.After(10 * time.Second):
		// Unblock the reader so the test can end.
		if f, err := os.OpenFile(filepath.Join(dir, "b.jsonl"), os.O_WRONLY, 0); err == nil {
			f.Close()
		}
		t.Fatal("reading the folder blocked on the FIFO")
	}
}
