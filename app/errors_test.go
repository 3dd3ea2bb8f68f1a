package app

import (
	"path/filepath"
	"slices"
	"testing"
)

// A recent project whose file has gone leaves File → Open Recent when the
// window fails to open it; the open project stays.
func TestMissingRecentProjectIsForgotten(t *testing.T) {
	wb, st := openWorkbench(t, newProject(t))
	gone := filepath.Join(t.TempDir(), "gone.frametag")
	wb.prefs.opened(gone)
	wb.prefs.opened(st.Path())
	wb.openProjectPath(gone)
	if slices.Contains(wb.prefs.recent(), gone) {
		t.Errorf("recent projects still hold %s: %v", gone, wb.prefs.recent())
	}
	if wb.store.Path() != st.Path() {
		t.Errorf("open project is %s, want %s", wb.store.Path(), st.Path())
	}
}
