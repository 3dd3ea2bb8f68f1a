package sqlite

import (
	"os"
	"path/filepath"
	"testing"

	"frametag/annotate"
	"frametag/storage/storagetest"
)

// readOnlyMedia makes Open see every project as on read-only media (the
// tests run as root in CI containers, where permissions do not stop writes).
func readOnlyMedia(t *testing.T) {
	old := writable
	writable = func(string) bool { return false }
	t.Cleanup(func() { writable = old })
}

// TestReadOnlyProject: a project on read-only media opens read-only:
// reading, search, export and stats work; every write is refused with
// EReadOnly naming the file; nothing is written, beside it or in it.
// (Before: "read application id: attempt to write a readonly database", and
// -wal/-shm files left beside a read-only file.)
func TestReadOnlyProject(t *testing.T) {
	s, path := newProject(t)
	if _, err := s.Import(t.Context(), storagetest.Seq(storagetest.Corpus(t))); err != nil {
		t.Fatal(err)
	}
	before := storagetest.Snapshot(t, s)
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	sum := fileSum(t, path)
	readOnlyMedia(t)

	ro, err := Open(t.Context(), path)
	if err != nil {
		t.Fatalf("Open on read-only media: %v", err)
	}
	if !ro.ReadOnly() {
		t.Error("ReadOnly() is false")
	}
	storagetest.SameSnapshot(t, "read-only", storagetest.Snapshot(t, ro), before)
	if _, err := ro.Stats(t.Context()); err != nil {
		t.Errorf("Stats: %v", err)
	}
	if _, err := ro.SearchDocuments(t.Context(), "the", ""); err != nil {
		t.Errorf("search: %v", err)
	}
	if _, err := ro.Version(t.Context()); err != nil {
		t.Errorf("Version: %v", err)
	}
	doc := storagetest.Corpus(t)[0].ID
	writes := map[string]error{}
	_, writes["apply"] = ro.Apply(t.Context(), annotate.SetStatus(doc, "ann", annotate.StatusTodo, annotate.StatusDone))
	_, _, writes["undo"] = ro.Undo(t.Context(), "ann")
	_, _, writes["redo"] = ro.Redo(t.Context(), "ann")
	_, writes["import"] = ro.Import(t.Context(), storagetest.Seq([]annotate.AnnotatedDoc{storagetest.PlainDoc(t, "new", "A new one.", "ann")}))
	for what, err := range writes {
		if annotate.ErrorCode(err) != annotate.EReadOnly {
			t.Errorf("%s on a read-only project: %v (code %q), want read_only", what, err, annotate.ErrorCode(err))
		}
	}
	if err := ro.Close(); err != nil {
		t.Fatal(err)
	}
	if fileSum(t, path) != sum {
		t.Error("the read-only project's file changed")
	}
	entries, _ := os.ReadDir(filepath.Dir(path))
	if len(entries) != 1 {
		var names []string
		for _, e := range entries {
			names = append(names, e.Name())
		}
		t.Errorf("beside the project: %v, want only the project", names)
	}
}

// TestWritableSeesReadOnlyFolders: a folder without write permission makes
// a project read-only (as non-root only: root writes anyway).
func TestWritableSeesReadOnlyFolders(t *testing.T) {
	if os.Geteuid() == 0 {
		t.Skip("root may write anywhere")
	}
	_, path := newProject(t)
	if !writable(path) {
		t.Fatal("a fresh project is not writable")
	}
	dir := filepath.Dir(path)
	if err := os.Chmod(dir, 0o555); err != nil {
		t.Fatal(err)
	}
	defer os.Chmod(dir, 0o755)
	if writable(path) {
		t.Error("a project in a read-only folder is writable")
	}
}
