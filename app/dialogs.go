package app

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/layout"
	fynestorage "fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"frametag/annotate"
	"frametag/annotate/format"
	"frametag/annotate/schemes"
	"frametag/app/markdown"
	"frametag/project"
)

// projectExt is the file extension of new project files.
const projectExt = ".frametag"

// showError tells what went wrong and what was kept.
func (w *Workbench) showError(what string, err error, kept string) {
	msg := widget.NewLabel(errorMessage(err))
	msg.Wrapping = fyne.TextWrapWord
	keptLbl := widget.NewLabelWithStyle(kept, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	keptLbl.Wrapping = fyne.TextWrapWord
	d := dialog.NewCustom(what, "OK", container.NewVBox(msg, keptLbl), w.win)
	d.Resize(fyne.NewSize(520, 0))
	w.show(d)
}

func (w *Workbench) showInfo(title, text string) {
	lbl := widget.NewLabel(text)
	lbl.Wrapping = fyne.TextWrapWord
	d := dialog.NewCustom(title, "OK", lbl, w.win)
	d.Resize(fyne.NewSize(480, 0))
	w.show(d)
}

// task is long work run off the UI thread. It tells its progress through
// p (safe to call from the task), stops when ctx is cancelled (the dialog's
// Cancel), and returns what to tell the user.
type task func(ctx context.Context, p progress) (string, error)

// progress is how a task talks to its progress dialog.
type progress struct {
	report func(string)
	// committing says the work can no longer be cancelled (an import's
	// last step, indexing and commit) and disables Cancel.
	committing func(string)
}

// cancelled reports whether err is the end of a task the user cancelled;
// imports and exports are all or nothing, so it left everything as it was.
func cancelled(err error) bool { return annotate.ErrorCode(err) == annotate.ECanceled }

// runTask runs work in a goroutine with a progress dialog that appears if it
// takes more than a moment, with a Cancel button; a panic in work becomes an
// error, never a crash. finish runs on the UI thread with the outcome.
func (w *Workbench) runTask(title string, work task, finish func(msg string, err error)) {
	status := widget.NewLabel("Starting…")
	bar := widget.NewProgressBarInfinite()
	ctx, stop := context.WithCancel(w.ctx())
	prog := dialog.NewCustomWithoutButtons(title, container.NewVBox(bar, status), w.win)
	var cancel *widget.Button
	cancel = widget.NewButtonWithIcon("Cancel", theme.CancelIcon(), func() {
		stop()
		cancel.Disable()
		status.SetText("Cancelling… nothing will be changed.")
	})
	prog.SetButtons([]fyne.CanvasObject{cancel})
	w.cancelTask = cancel
	prog.Resize(fyne.NewSize(420, 0))
	finished := false
	time.AfterFunc(400*time.Millisecond, func() {
		fyne.Do(func() {
			if !finished {
				prog.Show()
			}
		})
	})
	p := progress{
		report: func(s string) {
			fyne.Do(func() {
				if ctx.Err() == nil {
					status.SetText(s)
				}
			})
		},
		committing: func(s string) {
			fyne.Do(func() {
				cancel.Disable()
				status.SetText(s)
			})
		},
	}
	w.background(func() {
		msg, err := safely(ctx, work, p)
		stop()
		fyne.Do(func() {
			finished = true
			if w.cancelTask == cancel {
				w.cancelTask = nil
			}
			bar.Stop()
			prog.Hide()
			finish(msg, err)
		})
	})
}

func safely(ctx context.Context, work task, p progress) (msg string, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("internal error: %v", r)
		}
	}()
	return work(ctx, p)
}

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

func (w *Workbench) dialogSize() fyne.Size {
	s := w.win.Canvas().Size()
	return fyne.NewSize(min(s.Width*0.9, 900), min(s.Height*0.9, 640))
}

// readableFilter lets the file dialogs show the files a format can read.
func readableFilter() fynestorage.FileFilter {
	var exts []string
	for _, f := range format.All().Readable() {
		exts = append(exts, f.Extensions...)
	}
	return fynestorage.NewExtensionFileFilter(exts)
}

func (w *Workbench) importDialog() {
	fd := dialog.NewFileOpen(func(rc fyne.URIReadCloser, err error) {
		if err != nil || rc == nil {
			return
		}
		path := rc.URI().Path()
		rc.Close()
		w.importPaths([]string{path})
	}, w.win)
	fd.SetFilter(readableFilter())
	fd.Resize(w.dialogSize())
	w.show(fd)
}

func (w *Workbench) importFolderDialog() {
	fd := dialog.NewFolderOpen(func(dir fyne.ListableURI, err error) {
		if err != nil || dir == nil {
			return
		}
		w.importPaths([]string{dir.Path()})
	}, w.win)
	fd.Resize(w.dialogSize())
	w.show(fd)
}

// importPaths imports files (or folders of them) all-or-nothing, in the
// background, then reloads the document list.
func (w *Workbench) importPaths(paths []string) {
	store, annotator, svc := w.store, w.annotator, w.service()
	w.runTask("Importing", func(ctx context.Context, p progress) (string, error) {
		im, err := svc.NewImport(project.ImportRequest{Paths: paths, Annotator: annotator, Progress: project.Progress{
			Documents: func(n int) { p.report(fmt.Sprintf("%d documents read…", n)) },
			Committing: func(n int) {
				p.committing(fmt.Sprintf("%s read; indexing and saving (no longer cancellable)…", plural(n, "document")))
			},
		}})
		if err != nil {
			return "", err
		}
		sum, err := im.Run(ctx, store)
		if err != nil {
			return "", err
		}
		msg := fmt.Sprintf("Imported %s.", plural(sum.Added, "document"))
		if sum.Skipped > 0 {
			msg += fmt.Sprintf(" Skipped %s already in the project.", plural(sum.Skipped, "document"))
		}
		if !sum.Loss.Empty() {
			msg += " Left out: " + sum.Loss.String() + "."
		}
		return msg, nil
	}, func(msg string, err error) {
		if cancelled(err) {
			w.showInfo("Import cancelled", "Nothing was imported; the project is unchanged.")
			return
		}
		if err != nil {
			w.showError("Import failed", err, "Nothing was imported; the project is unchanged.")
			return
		}
		if err := w.reloadDocuments(); err != nil {
			w.showError("Could not list the documents", err, "The import itself was saved.")
			return
		}
		w.showInfo("Import finished", msg)
	})
}

func (w *Workbench) exportDialog() {
	fd := dialog.NewFileSave(func(wc fyne.URIWriteCloser, err error) {
		if err != nil || wc == nil {
			return
		}
		path := wc.URI().Path()
		wc.Close() // nothing written: the file is as it was (see pathOnlySaves)
		w.exportTo(path)
	}, w.win)
	fd.SetFileName(strings.TrimSuffix(filepath.Base(w.store.Path()), filepath.Ext(w.store.Path())) + ".jsonl")
	w.startIn(fd, filepath.Dir(w.store.Path()))
	fd.Resize(w.dialogSize())
	w.show(fd)
}

// exportTo writes every document in the format the file's extension names
// (native JSONL otherwise); the file appears only when all of it is written.
func (w *Workbench) exportTo(path string) {
	store, svc := w.store, w.service()
	if err := svc.CheckTarget(path, store.Path()); err != nil {
		var target *project.TargetError
		if errors.As(err, &target) {
			err = fmt.Errorf("%s is a frametag project (an SQLite database); choose another file name", path)
			if target.Own {
				err = fmt.Errorf("%s is the open project's own file; choose another file name", path)
			}
		}
		w.showError("Export refused", err, "Nothing was written; the project and that file are unchanged.")
		return
	}
	// The window writes what a file's extension names when it can, and
	// the native format otherwise (a file chosen as "notes.txt" included).
	f, ok := svc.Formats().ForPath(path)
	if !ok || !f.CanWrite() {
		f = format.JSONL()
	}
	w.runTask("Exporting", func(ctx context.Context, p progress) (string, error) {
		sum, err := svc.Export(ctx, store, project.ExportRequest{Out: path, Format: f.Name, Progress: project.Progress{
			Documents: func(n int) { p.report(fmt.Sprintf("%d documents written…", n)) },
		}})
		if err != nil {
			return "", err
		}
		msg := fmt.Sprintf("Exported %s with %s to %s (%s).", plural(sum.Documents, "document"), plural(sum.Spans, "span"), path, sum.Format)
		if !sum.Loss.Empty() {
			msg += " Left out: " + sum.Loss.String() + "."
		}
		return msg, nil
	}, func(msg string, err error) {
		if cancelled(err) {
			w.showInfo("Export cancelled", "Nothing was written.")
			return
		}
		if err != nil {
			w.showError("Export failed", err, "Nothing was written; the project is unchanged.")
			return
		}
		w.showInfo("Export finished", msg)
	})
}

// service is the application layer over the workbench's stores.
func (w *Workbench) service() *project.Service { return project.New(w.projects) }

// plural is "1 span", "2 spans".
func plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return fmt.Sprintf("%d %ss", n, word)
}

func (w *Workbench) showGuidelines() {
	text := w.session.currentSchema().Guidelines
	if strings.TrimSpace(text) == "" {
		text = "This project's schema has no guidelines yet."
	}
	rt := widget.NewRichText(markdown.Segments(text)...)
	rt.Wrapping = fyne.TextWrapWord
	d := dialog.NewCustom("Guidelines — "+w.session.currentSchema().Name, "Close", container.NewVScroll(rt), w.win)
	d.Resize(w.dialogSize())
	w.show(d)
}

func (w *Workbench) showShortcuts() {
	// A form layout: each row as tall as its own text (a grid made every
	// row as tall as the longest description).
	grid := container.New(layout.NewFormLayout())
	for _, k := range w.helpRows() {
		grid.Add(widget.NewLabelWithStyle(k[0], fyne.TextAlignLeading, fyne.TextStyle{Bold: true}))
		l := widget.NewLabel(k[1])
		l.Wrapping = fyne.TextWrapWord
		grid.Add(l)
	}
	d := dialog.NewCustom("Keyboard shortcuts", "Close", container.NewVScroll(grid), w.win)
	d.Resize(w.dialogSize())
	w.show(d)
}

func (w *Workbench) showAbout() {
	md := w.app.Metadata()
	version := md.Version
	if version == "" {
		version = "development build"
	}
	text := fmt.Sprintf("frametag %s\n\nA workbench for hand-labelling news articles: claims, actors, persuasion techniques and frames.\n\nProject: %s\nAnnotator: %s",
		version, w.store.Path(), w.annotator)
	w.showInfo("About frametag", text)
}

// dismissable is what Escape needs of a dialog; dialog.Dialog and
// *dialog.FileDialog both have it.
type dismissable interface {
	Show()
	Dismiss()
}

// shownDialog is an overlay Escape may close, and how to close it.
type shownDialog struct {
	overlay fyne.CanvasObject
	close   func()
}

// show shows d and lets Escape close it (as its Cancel or Close button
// would). Progress dialogs are shown without it: Escape does not hide work.
func (w *Workbench) show(d dismissable) {
	d.Show()
	w.escapable(w.win.Canvas().Overlays().Top(), d.Dismiss)
}

// escapable lets Escape close overlay (the top one, just shown) with close.
func (w *Workbench) escapable(overlay fyne.CanvasObject, close func()) {
	if overlay == nil {
		return
	}
	// forget the overlays that have gone
	open := w.win.Canvas().Overlays().List()
	w.dialogs = slices.DeleteFunc(w.dialogs, func(x shownDialog) bool { return !slices.Contains(open, x.overlay) })
	w.dialogs = append(w.dialogs, shownDialog{overlay: overlay, close: close})
}

// closeTopDialog closes the topmost overlay when it is one the workbench
// showed as escapable, and reports whether it did.
func (w *Workbench) closeTopDialog() bool {
	top := w.win.Canvas().Overlays().Top()
	if top == nil {
		return false
	}
	for i := len(w.dialogs) - 1; i >= 0; i-- {
		if w.dialogs[i].overlay == top {
			close := w.dialogs[i].close
			w.dialogs = slices.Delete(w.dialogs, i, i+1)
			close()
			return true
		}
	}
	return false
}
