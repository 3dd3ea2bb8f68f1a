// Package app is frametag's Fyne workbench: the window with the document
// list, the article view and the annotation panel, its menus and dialogs.
package app

import (
	"context"
	"fmt"
	"os"
	"time"

	"fyne.io/fyne/v2"
	fyneapp "fyne.io/fyne/v2/app"

	"frametag/annotate"
)

// AppID is the application id from FyneApp.toml; preferences are kept under it.
const AppID = "org.frametag.app"

// Run opens the project at projectPath in the workbench window and returns
// when the window is closed. annotator names who makes the edits; unless
// the user named them (named), the annotator last chosen in the window
// (File → Switch annotator…) stands instead. projects opens this and every
// other project the window is asked for.
func Run(ctx context.Context, projects annotate.Opener, projectPath, annotator string, named bool) error {
	store, err := projects.Open(ctx, projectPath)
	if err != nil {
		return fmt.Errorf("open project %s: %w", projectPath, err)
	}
	quietPreferencesRace()
	if path := preferencesPath(); path != "" {
		repairEmptyPreferences(path)
	}
	a := fyneapp.NewWithID(AppID)
	p := prefs{a.Preferences()}
	annotator = p.startAnnotator(annotator, named)
	a.Settings().SetTheme(themeFor(p.theme()))
	win := a.NewWindow("frametag")
	win.Resize(p.windowSize())
	wb, err := newWorkbench(a, win, projects, store, annotator)
	if err != nil {
		store.Close()
		return err
	}
	stopWatching := wb.watch(500 * time.Millisecond)
	win.SetOnClosed(func() {
		stopWatching()
		p.setWindowSize(win.Canvas().Size())
	})
	win.SetMaster()
	stopUIWatch := func() {}
	if threshold := uiWatchThreshold(os.Getenv); threshold > 0 {
		// from the draw loop's start: a function posted before it waits
		// for the start, which is no stall
		a.Lifecycle().SetOnStarted(func() { stopUIWatch = watchUI(fyne.Do, 250*time.Millisecond, threshold, os.Stderr) })
	}
	win.ShowAndRun()
	stopUIWatch()
	if n := wb.session.pendingWrites(); n > 0 {
		fmt.Fprintf(os.Stderr, "frametag: saving %d edits made in the window…\n", n)
	}
	wb.close()
	// The workbench may have switched projects: close the one open now.
	if err := wb.store.Close(); err != nil {
		return fmt.Errorf("close project: %w", err)
	}
	return nil
}
