//go:build linux

package sqlite

import (
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"frametag/annotate"
	"frametag/storage/storagetest"
)

// smallDisk mounts a 2 MiB tmpfs for the test, or skips it where mounting
// is not allowed (not root, or no mount in a container).
func smallDisk(t *testing.T) string {
	dir := t.TempDir()
	if out, err := exec.Command("mount", "-t", "tmpfs", "-o", "size=2M", "tmpfs", dir).CombinedOutput(); err != nil {
		t.Skipf("cannot mount a small disk: %v %s", err, out)
	}
	t.Cleanup(func() { exec.Command("umount", dir).Run() })
	return dir
}

// TestDiskFull: a full disk is said to be full, with what was kept; the
// import's input is not blamed; the project is unchanged; no stray files.
// (Before: "disk I/O error", then "not a readable SQLite database", and an
// import error naming a line of the input; -wal and -shm files left.)
func TestDiskFull(t *testing.T) {
	disk := smallDisk(t)
	t.Setenv("TMPDIR", disk) // the import stages there too
	path := filepath.Join(disk, "p.frametag")
	s, err := Create(t.Context(), path, storagetest.Schema())
	if err != nil {
		t.Fatal(err)
	}
	before := storagetest.Snapshot(t, s)
	big := func(yield func(annotate.AnnotatedDoc, error) bool) {
		for i := range 5000 {
			if !yield(annotate.AnnotatedDoc{Document: annotate.Document{ID: fmt.Sprintf("d%d", i), Title: "T",
				Text: fmt.Sprintf("Document %d %s", i, strings.Repeat("lorem ipsum dolor sit amet ", 40))}}, nil) {
				return
			}
		}
	}
	_, err = s.Import(t.Context(), big)
	var de *annotate.DocumentError
	if err == nil || !strings.Contains(err.Error(), "the disk is full") || !strings.Contains(err.Error(), "everything saved before it is kept") || errors.As(err, &de) {
		t.Errorf("import on a full disk: %v", err)
	}
	storagetest.SameSnapshot(t, "after an import on a full disk", storagetest.Snapshot(t, s), before)
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	// The disk filled to the last byte: opening says so, and leaves nothing.
	f, err := os.Create(filepath.Join(disk, "filler"))
	if err != nil {
		t.Fatal(err)
	}
	buf := make([]byte, 64<<10)
	for {
		if _, err := f.Write(buf); err != nil {
			break
		}
	}
	f.Close()
	// The project was closed cleanly: it opens read-only, its documents all
	// there, and an edit is refused saying the disk is full.
	ro, err := Open(t.Context(), path)
	if err != nil {
		t.Fatalf("open on a full disk: %v (code %q); want it open read-only", err, annotate.ErrorCode(err))
	}
	if !ro.ReadOnly() || !strings.Contains(ro.ReadOnlyReason(), "disk holding it is full") {
		t.Errorf("read-only %v, reason %q", ro.ReadOnly(), ro.ReadOnlyReason())
	}
	storagetest.SameSnapshot(t, "read-only on a full disk", storagetest.Snapshot(t, ro), before)
	_, err = ro.Apply(t.Context(), annotate.SetStatus("d0", "alice", annotate.StatusTodo, annotate.StatusDone))
	if annotate.ErrorCode(err) != annotate.EReadOnly || !strings.Contains(err.Error(), "disk holding it is full") {
		t.Errorf("an edit on a full disk: %v", err)
	}
	if err := ro.Close(); err != nil {
		t.Fatal(err)
	}
	// With a -wal (edits that may not be in the file yet) it cannot be read
	// safely without one: opening says the disk is full.
	if err := os.WriteFile(path+"-wal", nil, 0o644); err == nil {
		_, err = Open(t.Context(), path)
		if err == nil || !strings.Contains(err.Error(), "is full") || annotate.ErrorCode(err) == annotate.EDamaged {
			t.Errorf("open on a full disk with a -wal: %v (code %q)", err, annotate.ErrorCode(err))
		}
		os.Remove(path + "-wal")
		os.Remove(path + "-shm")
	}
	entries, _ := os.ReadDir(disk)
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	if strings.Join(names, " ") != "filler p.frametag" {
		t.Errorf("on the disk: %v, want only the filler and the project", names)
	}
}
