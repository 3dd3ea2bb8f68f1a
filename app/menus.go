package app

import (
	"frametag/annotate"
	"frametag/app/schemaedit"
)

// editSchema opens the schema editor; a save is one undoable edit.
func (w *Workbench) editSchema() {
	before := w.schema.Clone()
	// Escape closes it, asking first when there are unsaved changes.
	_, escape := schemaedit.ShowDialog(before, w.store, w.win, func(after annotate.Schema, renames []annotate.LabelRename) error {
		return w.saveSchema(before, after, renames)
	})
	w.escapable(w.win.Canvas().Overlays().Top(), escape)
}

func (w *Workbench) saveSchema(before, after annotate.Schema, renames []annotate.LabelRename) error {
	done, err := w.store.Apply(w.ctx(), annotate.SetSchema(before, after, renames, w.annotator))
	if err != nil {
		return err
	}
	w.applied(done)
	w.panel.setHint("Schema saved. Edit → Undo restores the previous one.")
	return nil
}

// setTheme applies and remembers a View menu theme choice.
func (w *Workbench) setTheme(choice string) {
	w.prefs.setTheme(choice)
	w.app.Settings().SetTheme(themeFor(choice))
	w.win.SetMainMenu(w.mainMenu())
}
