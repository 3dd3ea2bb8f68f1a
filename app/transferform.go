package app

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
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
}

// importForm asks how to read paths before importing them: the format,
// preselected as detected, and whether labels the schema lacks are added.
func (w *Workbench) importForm(paths []string) {
	svc := w.service()
	names := svc.Formats().Readable().Names()
	sel := widget.NewSelect(names, nil)
	sel.PlaceHolder = "choose a format"
	detected, err := svc.DetectFormats(paths)
	mixed := "" // the option reading each file as detected, when they differ
	switch {
	case err == nil && len(detected) == 1:
		sel.SetSelected(detected[0])
	case err == nil && len(detected) > 1:
		mixed = "as detected: " + strings.Join(detected, ", ")
		sel.Options = append([]string{mixed}, names...)
		sel.SetSelected(mixed)
	}
	addLabels := widget.NewCheck("Add labels, relation types and document labels the schema lacks", nil)
	what := widget.NewLabel(project.ListSome(paths, 3))
	what.Wrapping = fyne.TextWrapWord
	items := []*widget.FormItem{widget.NewFormItem("Read", what), widget.NewFormItem("Format", sel), widget.NewFormItem("", addLabels)}
	if err != nil {
		why := widget.NewLabel("Not told by the files: " + errorMessage(err))
		why.Wrapping = fyne.TextWrapWord
		items = append(items, widget.NewFormItem("", why))
	}
	d := dialog.NewForm("Import", "Import", "Cancel", items, func(ok bool) {
		if !ok {
			return
		}
		choice := importChoice{Format: sel.Selected, AddLabels: addLabels.Checked}
		if choice.Format == mixed {
			choice.Format = ""
		}
		w.importWith(paths, choice)
	}, w.win)
	d.Resize(fyne.NewSize(560, 0))
	w.show(d)
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
	items := []*widget.FormItem{widget.NewFormItem("Format", sel), widget.NewFormItem("", drops)}
	d := dialog.NewForm("Export", "Choose where…", "Cancel", items, func(ok bool) {
		if !ok {
			return
		}
		f, err := formats.ByName(sel.Selected)
		if err != nil {
			w.showError("Export refused", err, "Nothing was written.")
			return
		}
		if f.FolderWriter != nil {
			w.exportFolderDialog(f)
			return
		}
		w.exportFileDialog(f)
	}, w.win)
	d.Resize(fyne.NewSize(560, 0))
	w.show(d)
}

// exportFolderDialog asks for a folder to write a folder format in: an
// empty one is written into, another gets a new folder named after the
// project and the format.
func (w *Workbench) exportFolderDialog(f format.Format) {
	fd := dialog.NewFolderOpen(func(dir fyne.ListableURI, err error) {
		if err != nil || dir == nil {
			return
		}
		w.exportAs(exportFolder(dir.Path(), w.store.Path(), f), f)
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
