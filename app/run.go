// Package app is frametag's Fyne workbench: the window with the document
// list, the article view and the annotation panel, its menus and dialogs.
package app

import (
	"fmt"
	"path/filepath"

	fyneapp "fyne.io/fyne/v2/app"
	"fyne.io/fyne/v2/widget"
)

// AppID is the application id from FyneApp.toml; preferences are kept under it.
const AppID = "org.frametag.app"

// Run opens the project at projectPath in the workbench window and returns
// when the window is closed. annotator names who makes the edits.
func Run(projectPath, annotator string) error {
	a := fyneapp.NewWithID(AppID)
	w := a.NewWindow(fmt.Sprintf("frametag — %s", filepath.Base(projectPath)))
	w.SetContent(widget.NewLabel("Project: " + projectPath + "\nAnnotator: " + annotator))
	w.ShowAndRun()
	return nil
}
