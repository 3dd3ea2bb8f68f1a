package app

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"
)

// A project on read-only media (a read-only file or folder, a mounted
// archive) opens read-only: the window says so in a banner above everything
// and in its title; edits are refused by the store with a message saying
// why.

// readOnlyText is the banner's text: why the project is read-only (its
// file or folder cannot be written, or its disk is full), and what works.
func readOnlyText(store any) string {
	why := "its file or folder cannot be written"
	if r, ok := store.(interface{ ReadOnlyReason() string }); ok && r.ReadOnlyReason() != "" {
		why = r.ReadOnlyReason()
	}
	return "This project is read-only (" + why + "): you can read, search, export and see statistics; edits are not saved."
}

// readOnlyStore is a store that can say it was opened read-only.
type readOnlyStore interface{ ReadOnly() bool }

func isReadOnly(store any) bool {
	ro, ok := store.(readOnlyStore)
	return ok && ro.ReadOnly()
}

func newReadOnlyBanner() *widget.Label {
	l := widget.NewLabelWithStyle("", fyne.TextAlignCenter, fyne.TextStyle{Bold: true})
	l.Wrapping = fyne.TextWrapWord
	l.Importance = widget.WarningImportance
	l.Hide()
	return l
}

// showReadOnly shows or hides the banner for store.
func showReadOnly(banner *widget.Label, store any) {
	if banner == nil {
		return
	}
	if isReadOnly(store) {
		banner.SetText(readOnlyText(store))
		banner.Show()
	} else {
		banner.Hide()
	}
}

func readOnlyTitle(store any) string {
	if isReadOnly(store) {
		return " (read-only)"
	}
	return ""
}
