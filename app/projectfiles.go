package app

import (
	"errors"
	"fmt"
	"path/filepath"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	fynestorage "fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/widget"

	"frametag/annotate/schemes"
	"frametag/project"
)

// Project files: File → New project…, Open project… and Recent.

// projectExt is the file extension of new project files.
const projectExt = ".frametag"

// newProjectDialog asks for a bundled schema, then where to save the project.
func (w *Workbench) newProjectDialog() {
	names := schemes.Names()
	sel := widget.NewSelect(names, nil)
	sel.SetSelected(names[0])
	desc := widget.NewLabel("")
	desc.Wrapping = fyne.TextWrapWord
	show := func(name string) {
		if s, err := schemes.ByName(name); err == nil {
			desc.SetText(s.Description)
		}
	}
	sel.OnChanged = show
	show(names[0])
	form := container.NewVBox(widget.NewLabel("Label schema (it can be edited later):"), sel, desc)
	d := dialog.NewCustomConfirm("New project", "Choose file…", "Cancel", form, func(ok bool) {
		if !ok {
			return
		}
		w.saveNewProject(sel.Selected)
	}, w.win)
	d.Resize(fyne.NewSize(520, 0))
	w.show(d)
}

func (w *Workbench) saveNewProject(schemaName string) {
	fd := dialog.NewFileSave(func(wc fyne.URIWriteCloser, err error) {
		if err != nil || wc == nil {
			return
		}
		path := wc.URI().Path()
		wc.Close() // nothing written: the file is as it was (see pathOnlySaves)
		w.createProject(path, schemaName)
	}, w.win)
	fd.SetFileName("project" + projectExt)
	fd.Resize(w.dialogSize())
	w.show(fd)
}

// createProject makes a new project file at path (a bare name gets the
// project extension) and opens it. An existing file is never replaced, even
// after the save dialog's "Overwrite?": it may hold months of labels.
func (w *Workbench) createProject(path, schemaName string) {
	if filepath.Ext(path) == "" {
		path += projectExt
	}
	const kept = "No project was created; the open project stays open."
	schema, err := schemes.ByName(schemaName)
	if err != nil {
		w.showError("Could not create the project", err, kept)
		return
	}
	svc := w.service()
	_, err = svc.Create(w.ctx(), path, schema, nil)
	var exists *project.ExistsError
	if errors.As(err, &exists) {
		what := "a file"
		if w.store != nil && project.SamePath(path, w.store.Path()) {
			what = "the open project"
		}
		w.showError("Could not create the project", fmt.Errorf("%s is %s; a new project needs a new file name", path, what), kept+" The file was not changed.")
		return
	}
	if err != nil {
		w.showError("Could not create the project", err, kept)
		return
	}
	st, err := svc.Open(w.ctx(), path)
	if err != nil {
		w.showError("Could not open the new project", err, "The open project stays open.")
		return
	}
	w.switchProject(st)
}

func (w *Workbench) openProjectDialog() {
	fd := dialog.NewFileOpen(func(rc fyne.URIReadCloser, err error) {
		if err != nil || rc == nil {
			return
		}
		path := rc.URI().Path()
		rc.Close()
		w.openProjectPath(path)
	}, w.win)
	fd.SetFilter(projectFiles{})
	fd.Resize(w.dialogSize())
	w.show(fd)
}

// projectFiles is the Open dialog's filter: every file but SQLite's own
// beside a project (-wal, -shm, -journal), which would otherwise show as
// three files of the same name. Projects may have any name, so no extension
// is required.
type projectFiles struct{}

func (projectFiles) Matches(u fyne.URI) bool {
	name := u.Name()
	for _, suffix := range []string{"-wal", "-shm", "-journal"} {
		if strings.HasSuffix(name, suffix) {
			return false
		}
	}
	return true
}

// openProjectPath opens an existing project file in place of the current one.
func (w *Workbench) openProjectPath(path string) {
	if w.store != nil && path == w.store.Path() {
		return
	}
	st, err := w.service().Open(w.ctx(), path)
	if err != nil {
		if isMissing(err) {
			w.prefs.forget(path)
			w.win.SetMainMenu(w.mainMenu())
		}
		w.showError("Could not open "+filepath.Base(path), err, "The file was not changed; the open project stays open.")
		return
	}
	w.switchProject(st)
}

// startIn opens a file dialog in dir (the project's folder), when it can be
// listed.
func (w *Workbench) startIn(fd *dialog.FileDialog, dir string) {
	if l, err := fynestorage.ListerForURI(fynestorage.NewFileURI(dir)); err == nil {
		fd.SetLocation(l)
	}
}
