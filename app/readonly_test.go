package app

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"frametag/storage/sqlite"
)

// roStore is a store that says it was opened read-only (as sqlite.Open
// does for a project on read-only media).
type roStore struct{ *sqlite.Store }

func (roStore) ReadOnly() bool { return true }

// TestReadOnlyBanner: a read-only project shows a banner above everything
// and "(read-only)" in the title; a writable one neither.
func TestReadOnlyBanner(t *testing.T) {
	for _, ro := range []bool{false, true} {
		a := test.NewTempApp(t)
		st, err := sqlite.Open(t.Context(), newProject(t))
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { st.Close() })
		var store Project = st
		if ro {
			store = roStore{st}
		}
		win := a.NewWindow("test")
		t.Cleanup(win.Close)
		win.Resize(fyne.NewSize(1280, 800))
		wb, err := newWorkbench(a, win, sqlite.Opener{}, store, annotator)
		if err != nil {
			t.Fatal(err)
		}
		if wb.banner.Visible() != ro || wb.banner.Text != readOnlyText {
			t.Errorf("read-only %v: banner visible %v", ro, wb.banner.Visible())
		}
		if strings.Contains(win.Title(), "(read-only)") != ro {
			t.Errorf("read-only %v: title %q", ro, win.Title())
		}
	}
}
