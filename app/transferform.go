package app

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	fynestorage "fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/widget"

	"frametag/annotate/format"
	"frametag/project"
)

// The window's choice of format for an import or an export: a select of
// every registered format that can go that way, defaulting to what the
// files say (import) or the native format (export); a folder format
// exports to a folder.

// importChoice is what the import form chose.
type importChoice struct {
	Format    string // "": each path as detected
	AddLabels bool
	Offsets   format.Unit // the format's own when zero
	Map       string      // a label map: a built-in's name or a file; "" none
}

// exportChoice is what the export form chose besides the format.
type exportChoice struct {
	Offsets format.Unit
	Map     string
}

// importForm asks what to import and how before importing: the files and
// folders (one a line: typed or pasted, or added with Add files…, several
// at once), the format, preselected as detected, and whether labels the
// schema lacks are added.
func (w *Workbench) importForm(paths []string) {
	svc := w.service()
	names := svc.Formats().Readable().Names()
	sel := widget.NewSelect(names, nil)
	sel.PlaceHolder = "choose a format"
	why := widget.NewLabel("")
	why.Wrapping = fyne.TextWrapWord
	why.Hide()
	mixed := "" // the option reading each file as detected, when they differ
	// detect preselects the format the files say, and says when they do not.
	detect := func(paths []string) {
		sel.Options, mixed = names, ""
		why.Hide()
		if len(paths) == 0 {
			sel.ClearSelected()
			return
		}
		detected, err := svc.DetectFormats(paths)
		switch {
		case err == nil && len(detected) == 1:
			sel.SetSelected(detected[0])
		case err == nil && len(detected) > 1:
			mixed = "as detected: " + strings.Join(detected, ", ")
			sel.Options = append([]string{mixed}, names...)
			sel.SetSelected(mixed)
		case err != nil:
			why.SetText("Not told by the files: " + errorMessage(err))
			why.Show()
		}
	}
	var redetect func()
	files := w.newPathList(paths, "Files or folders, one a line (type or paste a path, or Add files…)", readableFilter(),
		func() { redetect() })
	named := files.paths
	seen := strings.Join(paths, "\n")
	redetect = func() {
		if files.entry.Text != seen {
			seen = files.entry.Text
			detect(named())
		}
	}
	detect(paths)
	addLabels := widget.NewCheck("Add labels, relation types and document labels the schema lacks", nil)
	opts := w.newTransferOptions()
	items := append([]*widget.FormItem{
		widget.NewFormItem("Read", files.entry), widget.NewFormItem("", files.add),
		widget.NewFormItem("Format", sel)}, opts.items()...)
	items = append(items, widget.NewFormItem("", addLabels), widget.NewFormItem("", why))
	d := dialog.NewForm("Import", "Import", "Cancel", items, func(ok bool) {
		if !ok {
			return
		}
		redetect()
		paths := named()
		if len(paths) == 0 {
			w.showInfo("Nothing to import", "Name a file or folder (Add files…, or type its path).")
			return
		}
		choice := importChoice{Format: sel.Selected, AddLabels: addLabels.Checked, Offsets: opts.unit(), Map: opts.mapSpec()}
		if choice.Format == mixed {
			choice.Format = ""
		}
		w.importWith(paths, choice)
	}, w.win)
	d.Resize(fyne.NewSize(560, 0))
	w.show(d)
}

// pathList is a form's list of files, one a line: typed or pasted, or added
// with its Add files… button.
type pathList struct {
	entry *widget.Entry
	add   *widget.Button
}

// newPathList makes a path list holding paths; changed is called when a
// line is finished or a file added.
func (w *Workbench) newPathList(paths []string, placeholder string, filter fynestorage.FileFilter, changed func()) *pathList {
	l := &pathList{entry: widget.NewMultiLineEntry()}
	l.entry.SetPlaceHolder(placeholder)
	l.entry.SetText(strings.Join(paths, "\n"))
	l.entry.SetMinRowsVisible(3)
	l.entry.OnChanged = func(string) {
		if strings.HasSuffix(l.entry.Text, "\n") { // a line finished: a path typed or pasted
			changed()
		}
	}
	l.add = widget.NewButton("Add files…", func() {
		fd := dialog.NewFileOpen(func(rc fyne.URIReadCloser, err error) {
			if err != nil || rc == nil {
				return
			}
			path := rc.URI().Path()
			rc.Close()
			text := strings.TrimRight(l.entry.Text, "\n")
			if text != "" {
				text += "\n"
			}
			l.entry.SetText(text + path)
			changed()
		}, w.win)
		fd.SetFilter(filter)
		fd.Resize(w.dialogSize())
		fd.Show()
	})
	return l
}

// paths are the lines named, trimmed, the empty ones left out.
func (l *pathList) paths() []string {
	var out []string
	for _, line := range strings.Split(l.entry.Text, "\n") {
		if p := strings.TrimSpace(line); p != "" {
			out = append(out, p)
		}
	}
	return out
}

// importSummary is the finished import's dialog text: what was read and
// added, and what the formats could not hold.
func importSummary(sum project.ImportSummary) string {
	msg := fmt.Sprintf("Imported %s.", plural(sum.Added, "document"))
	if sum.Skipped > 0 {
		msg += fmt.Sprintf(" Skipped %s already in the project.", plural(sum.Skipped, "document"))
	}
	if len(sum.Formats) > 0 {
		msg += " Read as " + strings.Join(sum.Formats, ", ") + "."
	}
	if len(sum.Schema) > 0 {
		var added []string
		for _, u := range sum.Schema {
			added = append(added, u.String())
		}
		msg += " Added to the schema: " + project.ListSome(added, 10) + "."
	}
	if !sum.Loss.Empty() {
		msg += " Left out: " + sum.Loss.String() + "."
	}
	return msg
}

// importHint is what the failed import's dialog adds to its error.
func importHint(err error) string {
	var unknown *project.UnknownLabelsError
	if errors.As(err, &unknown) {
		return "Nothing was imported; the project is unchanged. Import again with “Add labels” ticked to add them."
	}
	return "Nothing was imported; the project is unchanged."
}

// exportForm asks for the format to export, saying what it cannot hold,
// then where: a file, or a folder for a folder format.
func (w *Workbench) exportForm() {
	svc := w.service()
	formats := svc.Formats().Writable()
	drops := widget.NewLabel("")
	drops.Wrapping = fyne.TextWrapWord
	sel := widget.NewSelect(formats.Names(), func(name string) {
		f, _ := formats.ByName(name)
		switch {
		case len(f.Drops) == 0:
			drops.SetText("Holds everything.")
		default:
			drops.SetText("Cannot hold: " + strings.Join(f.Drops, "; ") + ". The summary counts what was left out.")
		}
	})
	sel.SetSelected(format.Native)
	opts := w.newTransferOptions()
	items := append([]*widget.FormItem{widget.NewFormItem("Format", sel), widget.NewFormItem("", drops)}, opts.items()...)
	d := dialog.NewForm("Export", "Choose where…", "Cancel", items, func(ok bool) {
		if !ok {
			return
		}
		f, err := formats.ByName(sel.Selected)
		if err != nil {
			w.showError("Export refused", err, "Nothing was written.")
			return
		}
		choice := exportChoice{Offsets: opts.unit(), Map: opts.mapSpec()}
		if f.FolderWriter != nil {
			w.exportFolderDialog(f, choice)
			return
		}
		w.exportFileDialog(f, choice)
	}, w.win)
	d.Resize(fyne.NewSize(560, 0))
	w.show(d)
}

// exportFolderDialog asks for a folder to write a folder format in: an
// empty one is written into, another gets a new folder named after the
// project and the format.
func (w *Workbench) exportFolderDialog(f format.Format, choice exportChoice) {
	fd := dialog.NewFolderOpen(func(dir fyne.ListableURI, err error) {
		if err != nil || dir == nil {
			return
		}
		w.exportAs(exportFolder(dir.Path(), w.store.Path(), f), f, choice)
	}, w.win)
	fd.Resize(w.dialogSize())
	w.show(fd)
}

// exportFolder is where a folder format is written when dir is chosen: dir
// itself when empty, else "<project>-<format>" inside it.
func exportFolder(dir, projectPath string, f format.Format) string {
	if entries, err := os.ReadDir(dir); err == nil && len(entries) == 0 {
		return dir
	}
	base := strings.TrimSuffix(filepath.Base(projectPath), filepath.Ext(projectPath))
	return filepath.Join(dir, base+"-"+f.Name)
}
