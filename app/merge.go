package app

import (
	"context"
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	fynestorage "fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/widget"

	"frametag/annotate/format"
	"frametag/project"
)

// File → Merge…: other annotators' projects or JSONL exports brought into
// the open project, as `frametag merge` does (project.Service.Merge): all
// or nothing, in the background with progress and Cancel, the summary
// shown after; the window then reads the project again.

// mergeFilter lets the file dialog show projects and the files a format reads.
func mergeFilter() fynestorage.FileFilter {
	exts := []string{".frametag"}
	for _, f := range format.All().Readable() {
		exts = append(exts, f.Extensions...)
	}
	return fynestorage.NewExtensionFileFilter(exts)
}

// mergeForm asks which files to merge.
func (w *Workbench) mergeForm() {
	files := w.newPathList(nil, "Other annotators' projects or JSONL exports, one a line (type or paste a path, or Add files…)",
		mergeFilter(), func() {})
	about := widget.NewLabel("Documents are matched by their text; every annotation keeps its annotator, and what the " +
		"project holds already is left out, so merging a file twice changes nothing. All or nothing; a merge cannot be undone.")
	about.Wrapping = fyne.TextWrapWord
	d := dialog.NewForm("Merge", "Merge", "Cancel", []*widget.FormItem{
		widget.NewFormItem("Files", files.entry), widget.NewFormItem("", files.add), widget.NewFormItem("", about),
	}, func(ok bool) {
		if !ok {
			return
		}
		if paths := files.paths(); len(paths) > 0 {
			w.mergePaths(paths)
			return
		}
		w.showInfo("Nothing to merge", "Name a project or an export (Add files…, or type its path).")
	}, w.win)
	d.Resize(fyne.NewSize(560, 0))
	w.show(d)
}

// mergePaths merges paths into the open project in the background.
func (w *Workbench) mergePaths(paths []string) {
	st, ok := w.store.(project.Merger)
	if !ok {
		w.showInfo("Merge", "This project cannot take a merge.")
		return
	}
	svc := w.service()
	w.runTask("Merging", func(ctx context.Context, p progress) (string, error) {
		sum, err := svc.Merge(ctx, st, project.MergeRequest{Paths: paths, Progress: project.Progress{
			Documents: func(n int) { p.report(fmt.Sprintf("%s read…", plural(n, "document"))) },
			Committing: func(n int) {
				p.committing(fmt.Sprintf("Saving %s (no longer cancellable)…", plural(n, "document")))
			},
		}})
		if err != nil {
			return schemaDiffs(sum), err
		}
		return mergeSummary(sum), nil
	}, func(msg string, err error) {
		switch {
		case cancelled(err):
			w.showInfo("Merge cancelled", "Nothing was merged; the project is unchanged.")
			return
		case err != nil:
			kept := "Nothing was merged; the project is unchanged."
			if msg != "" {
				kept = msg + "\n\n" + kept
			}
			w.showError("Merge failed", err, kept)
			return
		}
		if err := w.reloadDocuments(); err != nil {
			w.showError("Could not list the documents", err, "The merge itself was saved.")
			return
		}
		if w.session.hasDocument() {
			w.session.reopen() // the open document may have received annotations
		}
		w.showInfo("Merge finished", msg)
	})
}

// mergeSummary is the finished merge's dialog text: the summary line, then
// what the command line lists apart (schema differences by name, documents
// added under another id, where the project's version was kept).
func mergeSummary(sum project.MergeSummary) string {
	s := sum.String()
	lines := []string{strings.ToUpper(s[:1]) + s[1:] + "."}
	if d := schemaDiffs(sum); d != "" {
		lines = append(lines, d)
	}
	if len(sum.Renamed) > 0 {
		lines = append(lines, "Added under another id (theirs was taken by another text): "+project.ListSome(sum.Renamed, 5)+".")
	}
	if len(sum.Kept) > 0 {
		lines = append(lines, "Kept the project's version: "+project.ListSome(sum.Kept, 5)+".")
	}
	return strings.Join(lines, "\n")
}

// schemaDiffs names the labels missing on either side, file by file.
func schemaDiffs(sum project.MergeSummary) string {
	var lines []string
	for _, d := range sum.Schema {
		if len(d.Missing) > 0 {
			lines = append(lines, fmt.Sprintf("%s has labels the project lacks: %s.", d.File, project.ListSome(d.Missing, 20)))
		}
		if len(d.Lacking) > 0 {
			lines = append(lines, fmt.Sprintf("%s lacks labels the project has: %s.", d.File, project.ListSome(d.Lacking, 20)))
		}
	}
	return strings.Join(lines, "\n")
}
