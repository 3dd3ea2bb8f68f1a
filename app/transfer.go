package app

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	fynestorage "fyne.io/fyne/v2/storage"

	"frametag/annotate/format"
	"frametag/project"
)

// Import and export through the application layer (package project), in
// the background with a progress dialog.

// readableFilter lets the file dialogs show the files a format can read.
func readableFilter() fynestorage.FileFilter {
	var exts []string
	for _, f := range format.All().Readable() {
		exts = append(exts, f.Extensions...)
	}
	return fynestorage.NewExtensionFileFilter(exts)
}

// importDialog is File → Import…: the import form, where files are named
// (several at once, typed or chosen) before the format.
func (w *Workbench) importDialog() { w.importForm(nil) }

func (w *Workbench) importFolderDialog() {
	fd := dialog.NewFolderOpen(func(dir fyne.ListableURI, err error) {
		if err != nil || dir == nil {
			return
		}
		w.importForm([]string{dir.Path()})
	}, w.win)
	fd.Resize(w.dialogSize())
	w.show(fd)
}

// importPaths imports files (or folders of them) all-or-nothing, each in
// the format detected, in the background, then reloads the document list.
func (w *Workbench) importPaths(paths []string) { w.importWith(paths, importChoice{}) }

// importWith imports paths as the import form chose.
func (w *Workbench) importWith(paths []string, choice importChoice) {
	store, annotator, svc := w.store, w.annotator, w.service()
	w.runTask("Importing", func(ctx context.Context, p progress) (string, error) {
		im, err := svc.NewImport(project.ImportRequest{Paths: paths, Format: choice.Format, AddLabels: choice.AddLabels,
			Offsets: choice.Offsets, Map: choice.Map, Annotator: annotator, Progress: project.Progress{
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
		return importSummary(sum), nil
	}, func(msg string, err error) {
		if cancelled(err) {
			w.showInfo("Import cancelled", "Nothing was imported; the project is unchanged.")
			return
		}
		if err != nil {
			w.showError("Import failed", err, importHint(err))
			return
		}
		if err := w.reloadDocuments(); err != nil {
			w.showError("Could not list the documents", err, "The import itself was saved.")
			return
		}
		w.showInfo("Import finished", msg)
	})
}

// exportDialog asks for a file to export the native format to.
func (w *Workbench) exportDialog() { w.exportFileDialog(format.JSONL(), exportChoice{}) }

// exportFileDialog asks for a file to export stream format f to.
func (w *Workbench) exportFileDialog(f format.Format, choice exportChoice) {
	fd := dialog.NewFileSave(func(wc fyne.URIWriteCloser, err error) {
		if err != nil || wc == nil {
			return
		}
		path := wc.URI().Path()
		wc.Close() // nothing written: the file is as it was (see pathOnlySaves)
		w.exportAs(path, f, choice)
	}, w.win)
	ext := ".jsonl"
	if len(f.Extensions) > 0 {
		ext = f.Extensions[0]
	}
	fd.SetFileName(strings.TrimSuffix(filepath.Base(w.store.Path()), filepath.Ext(w.store.Path())) + ext)
	w.startIn(fd, filepath.Dir(w.store.Path()))
	fd.Resize(w.dialogSize())
	w.show(fd)
}

// exportTo writes every document in the format the file's extension names
// (native JSONL otherwise); the file appears only when all of it is written.
func (w *Workbench) exportTo(path string) {
	// The window writes what a file's extension names when it can, and
	// the native format otherwise (a file chosen as "notes.txt" included).
	f, ok := w.service().Formats().ForPath(path)
	if !ok || !f.CanWrite() {
		f = format.JSONL()
	}
	w.exportAs(path, f, exportChoice{})
}

// exportAs writes every document in format f at path (a folder for a
// folder format); it appears only when all of it is written.
func (w *Workbench) exportAs(path string, f format.Format, choice exportChoice) {
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
	w.runTask("Exporting", func(ctx context.Context, p progress) (string, error) {
		sum, err := svc.Export(ctx, store, project.ExportRequest{Out: path, Format: f.Name, Offsets: choice.Offsets, Map: choice.Map, Progress: project.Progress{
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
