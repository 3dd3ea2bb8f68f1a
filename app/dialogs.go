package app

import (
	"errors"
	"fmt"
	"iter"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync/atomic"
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
// p (safe to call from the task), stops with errCancelled once p.cancelled()
// is true, and returns what to tell the user.
type task func(p progress) (string, error)

// progress is how a task talks to its progress dialog.
type progress struct {
	report    func(string)
	cancelled func() bool
	// committing says the work can no longer be cancelled (an import's
	// last step, indexing and commit) and disables Cancel.
	committing func(string)
}

// errCancelled ends a task the user cancelled; imports and exports are all
// or nothing, so it leaves everything as it was.
var errCancelled = errors.New("cancelled")

// runTask runs work in a goroutine with a progress dialog that appears if it
// takes more than a moment, with a Cancel button; a panic in work becomes an
// error, never a crash. finish runs on the UI thread with the outcome.
func (w *Workbench) runTask(title string, work task, finish func(msg string, err error)) {
	status := widget.NewLabel("Starting…")
	bar := widget.NewProgressBarInfinite()
	var stop atomic.Bool
	prog := dialog.NewCustomWithoutButtons(title, container.NewVBox(bar, status), w.win)
	var cancel *widget.Button
	cancel = widget.NewButtonWithIcon("Cancel", theme.CancelIcon(), func() {
		stop.Store(true)
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
				if !stop.Load() {
					status.SetText(s)
				}
			})
		},
		cancelled: stop.Load,
		committing: func(s string) {
			fyne.Do(func() {
				cancel.Disable()
				status.SetText(s)
			})
		},
	}
	w.background(func() {
		msg, err := safely(work, p)
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

func safely(work task, p progress) (msg string, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("internal error: %v", r)
		}
	}()
	return work(p)
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
	if _, err := os.Stat(path); err == nil {
		what := "a file"
		if w.store != nil && samePath(path, w.store.Path()) {
			what = "the open project"
		}
		w.showError("Could not create the project", fmt.Errorf("%s is %s; a new project needs a new file name", path, what), kept+" The file was not changed.")
		return
	}
	schema, err := schemes.ByName(schemaName)
	if err != nil {
		w.showError("Could not create the project", err, kept)
		return
	}
	st, err := w.projects.Create(w.ctx(), path, schema)
	if err != nil {
		w.showError("Could not create the project", err, kept)
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
	st, err := w.projects.Open(w.ctx(), path)
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
	store, annotator := w.store, w.annotator
	w.runTask("Importing", func(p progress) (string, error) {
		reading, err := format.All().Read(format.Files(paths), "", format.Options{Annotator: annotator})
		if err != nil {
			return "", err
		}
		var where format.Tracker
		res, err := store.Import(w.ctx(), watching(where.Docs(reading.Records()), p))
		if err != nil {
			return "", where.Locate(err)
		}
		msg := fmt.Sprintf("Imported %s.", plural(res.Added, "document"))
		if res.Skipped > 0 {
			msg += fmt.Sprintf(" Skipped %s already in the project.", plural(res.Skipped, "document"))
		}
		if loss := reading.Loss(); !loss.Empty() {
			msg += " Left out: " + loss.String() + "."
		}
		return msg, nil
	}, func(msg string, err error) {
		if errors.Is(err, errCancelled) {
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

// watching passes docs through, reporting every 100th document, and ending
// with errCancelled (so the import rolls back) once cancelled. After the
// last document the store indexes and commits: no more cancelling.
func watching(docs iter.Seq2[annotate.AnnotatedDoc, error], p progress) iter.Seq2[annotate.AnnotatedDoc, error] {
	return func(yield func(annotate.AnnotatedDoc, error) bool) {
		n := 0
		for d, err := range docs {
			if p.cancelled() {
				yield(annotate.AnnotatedDoc{}, errCancelled)
				return
			}
			if err == nil {
				n++
				if n%100 == 0 {
					p.report(fmt.Sprintf("%d documents read…", n))
				}
			}
			if !yield(d, err) {
				return
			}
		}
		if p.cancelled() {
			yield(annotate.AnnotatedDoc{}, errCancelled)
			return
		}
		p.committing(fmt.Sprintf("%s read; indexing and saving (no longer cancellable)…", plural(n, "document")))
	}
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
	store := w.store
	if err := refuseOverwrite(path, store.Path(), w.projects.IsProjectFile); err != nil {
		w.showError("Export refused", err, "Nothing was written; the project and that file are unchanged.")
		return
	}
	w.runTask("Exporting", func(p progress) (string, error) {
		f, ok := format.All().ForPath(path)
		if !ok || !f.CanWrite() {
			f = format.JSONL()
		}
		n := 0
		src := func(fn func(annotate.AnnotatedDoc) error) error {
			return store.Export(w.ctx(), func(d annotate.AnnotatedDoc) error {
				if p.cancelled() {
					return errCancelled
				}
				if n++; n%100 == 0 {
					p.report(fmt.Sprintf("%d documents written…", n))
				}
				return fn(d)
			})
		}
		res, err := format.WriteFile(path, f, format.Options{}, src)
		if err != nil {
			return "", err
		}
		msg := fmt.Sprintf("Exported %s with %s to %s (%s).", plural(res.Documents, "document"), plural(res.Spans, "span"), path, f.Name)
		if !res.Loss.Empty() {
			msg += " Left out: " + res.Loss.String() + "."
		}
		return msg, nil
	}, func(msg string, err error) {
		if errors.Is(err, errCancelled) {
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

// plural is "1 span", "2 spans".
func plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return fmt.Sprintf("%d %ss", n, word)
}

func (w *Workbench) showGuidelines() {
	text := w.schema.Guidelines
	if strings.TrimSpace(text) == "" {
		text = "This project's schema has no guidelines yet."
	}
	rt := widget.NewRichText(markdown.Segments(text)...)
	rt.Wrapping = fyne.TextWrapWord
	d := dialog.NewCustom("Guidelines — "+w.schema.Name, "Close", container.NewVScroll(rt), w.win)
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
