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
		for _, name := range sum.Formats {
			if f, err := svc.Formats().ByName(name); err == nil && f.TreeReader != nil {
				msg += fmt.Sprintf(" Read as %s, told by the folder's files.", name)
			}
		}
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
