package project_test

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"testing"
	"time"

	"frametag/annotate/schemes"
	"frametag/project"
)

// TestUnfinishedCreationsAreRemoved: a creation killed halfway leaves its
// ".NAME.creating-PID-*" folder; the next Create or Check of that project
// removes it when its process is gone, and leaves one whose process still
// runs (another creation under way), and anything else, alone.
func TestUnfinishedCreationsAreRemoved(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("process ids are not checked on Windows; old folders go by age")
	}
	dir := t.TempDir()
	path := filepath.Join(dir, "p.frametag")
	// A process that has ended: a killed init.
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	if err := cmd.Run(); err != nil {
		t.Fatal(err)
	}
	dead := cmd.Process.Pid
	for _, name := range []string{
		fmt.Sprintf(".p.frametag.creating-%d-123", dead),
		fmt.Sprintf(".p.frametag.creating-%d-456", os.Getpid()), // under way
		".other.frametag.creating-1-1",                          // another project's
		"notes",
	} {
		if err := os.MkdirAll(filepath.Join(dir, name), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, name, "p.frametag"), []byte("half"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	old := filepath.Join(dir, ".p.frametag.creating-x")
	if err := os.MkdirAll(old, 0o755); err != nil {
		t.Fatal(err)
	}
	dayAgo := time.Now().Add(-25 * time.Hour)
	os.Chtimes(old, dayAgo, dayAgo)

	if _, err := newService().Create(t.Context(), path, schemes.Default(), project.Seeds()); err != nil {
		t.Fatal(err)
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	want := []string{fmt.Sprintf(".p.frametag.creating-%d-456", os.Getpid()), ".other.frametag.creating-1-1", "notes", "p.frametag"}
	slices.Sort(want)
	if !slices.Equal(names, want) {
		t.Errorf("left in the folder: %q, want %q", names, want)
	}
}
