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
type roStore struct {
	*sqlite.Store
	why string
}

func (roStore) ReadOnly() bool           { return true }
func (s roStore) ReadOnlyReason() string { return s.why }

// TestReadOnlyBanner: a read-only project shows a banner above everything,
// saying why, and "(read-only)" in the title; a writable one neither.
func TestReadOnlyBanner(t *testing.T) {
	for _, tc := range []struct {
		ro       bool
		why, say string
	}{
		{false, "", ""},
		{true, "", "(its file or folder cannot be written)"},
		{true, "the disk holding it is full", "(the disk holding it is full)"},
	} {
		ro := tc.ro
		a := test.NewTempApp(t)
		st, err := sqlite.Open(t.Context(), newProject(t))
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { st.Close() })
		var store Project = st
		if ro {
			store = roStore{st, tc.why}
		}
		win := a.NewWindow("test")
		t.Cleanup(win.Close)
		win.Resize(fyne.NewSize(1280, 800))
		wb, err := newWorkbench(a, win, sqlite.Opener{}, store, annotator, inForeground)
		if err != nil {
			t.Fatal(err)
		}
		settle(wb)
		if wb.banner.Visible() != ro || !strings.Contains(wb.banner.Text, tc.say) {
			t.Errorf("read-only %v (%q): banner visible %v saying %q", ro, tc.why, wb.banner.Visible(), wb.banner.Text)
		}
		if strings.Contains(win.Title(), "(read-only)") != ro {
			t.Errorf("read-only %v: title %q", ro, win.Title())
		}
	}
}
