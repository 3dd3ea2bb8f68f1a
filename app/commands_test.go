package app

import (
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2"

	"frametag/annotate"
)

// The menus read from the command table come out as they always were: the
// same items, in the same order, with the same shortcuts.
func TestMenusFromTheCommandTable(t *testing.T) {
	wb, _ := openWorkbench(t, newProject(t))
	want := map[string]string{
		"File": "New project… | Open project… (O) | Recent | - | Switch annotator… | - | Import… (I) | Import folder… | Merge… | Export… (E)",
		"Edit": "Undo (Z) | Redo (Z) | - | Copy the span into my layer | - | Find in the document (F) | Search the project… (F)",
		"Document": "Mark done and open the next (Return) | Skip and open the next (Return) | Reopen the document | - | Next document (Next) | Previous document (Prior) | Filter documents (L) | " +
			"- | Next span (Down) | Previous span (Up) | Next span of this layer (Down) | Previous span of this layer (Up) | Next span to fill in (J) | Start of the article (Home) | End of the article (End) | " +
			"- | New actor from the span (K) | Link the span to the best-matching actor (K)",
		"Suggest": "Next suggestion | Previous suggestion | - | Accept the suggestion | Reject the suggestion | Accept all sure suggestions (A) | - | Suggest with the local model… | Suggestion settings…",
		"Project": "Edit schema… | Guidelines | - | Curate (adjudicate to gold)… (G) | Analysis… (R) | Agreement…",
		"View":    "Show suggestions | Show other annotators' spans | Show label names on spans | Show relations | - | Follow the system theme | Light theme | Dark theme | - | Larger text (=) | Smaller text (-) | Default text size (0)",
		"Help":    "Keyboard shortcuts (/) | About frametag",
	}
	menu := wb.mainMenu()
	var order []string
	for _, m := range menu.Items {
		order = append(order, m.Label)
		var items []string
		for _, it := range m.Items {
			switch {
			case it.IsSeparator:
				items = append(items, "-")
			case it.Shortcut != nil:
				items = append(items, it.Label+" ("+shortcutKey(it.Shortcut)+")")
			default:
				items = append(items, it.Label)
			}
		}
		if got := strings.Join(items, " | "); got != want[m.Label] {
			t.Errorf("menu %s:\n got %s\nwant %s", m.Label, got, want[m.Label])
		}
	}
	if got := strings.Join(order, " "); got != "File Edit Document Suggest Project View Help" {
		t.Errorf("menus %s", got)
	}
}

func shortcutKey(s fyne.Shortcut) string {
	switch k := s.(type) {
	case fyne.KeyboardShortcut:
		return string(k.Key())
	}
	return s.ShortcutName()
}

// Every key a menu shows works from the canvas too (the headless driver and
// any widget that has the focus), and Help lists the keys in their old order.
func TestShortcutsAndHelpFromTheCommandTable(t *testing.T) {
	wb, _ := openWorkbench(t, newProject(t))
	ran := 0
	for i := range wb.commands {
		c := &wb.commands[i]
		if c.run != nil && len(c.keys) > 0 {
			c.run = func(*Workbench) { ran++ }
			c.enabled = nil
		}
	}
	keys := 0
	for _, c := range wb.commands {
		keys += len(c.keys)
	}
	// newWorkbench registered the real commands; register the counting ones
	// over them
	wb.installShortcuts()
	for _, c := range wb.commands {
		for _, k := range c.keys {
			shortcut(wb, k)
		}
	}
	if ran != keys {
		t.Errorf("%d of %d shortcuts ran their command", ran, keys)
	}

	rows := wb.helpRows()
	undoRow := slices.IndexFunc(rows, func(r [2]string) bool { return r[0] == "Ctrl+Z" })
	if len(rows) < 20 || rows[0][0] != "a label's key (a–z, 0–9)" || undoRow < 0 || rows[len(rows)-1] != [2]string{"Ctrl+/", "this list"} {
		t.Errorf("help rows: %q", rows)
	}
}

// View → Show label names on spans and Show relations switch the article's
// drawing and are remembered in the preferences.
func TestViewTogglesNamesAndRelations(t *testing.T) {
	wb, _ := openWorkbench(t, newProject(t))
	if !wb.view.ShowsNames() || !wb.view.ShowsRelations() {
		t.Fatal("label names and relations are not shown by default")
	}
	wb.runCommand(cmdShowNames)
	wb.runCommand(cmdShowRelations)
	if wb.view.ShowsNames() || wb.view.ShowsRelations() {
		t.Error("the toggles did not switch the article's drawing off")
	}
	if wb.prefs.showNames() || wb.prefs.showRelations() {
		t.Error("the toggles were not remembered")
	}
	for _, name := range []string{cmdShowNames, cmdShowRelations} {
		if c, _ := wb.command(name); c.checked(wb) {
			t.Errorf("%s is still checked", name)
		}
	}
	wb.runCommand(cmdShowNames)
	if !wb.view.ShowsNames() || !wb.prefs.showNames() {
		t.Error("label names did not come back")
	}
}

// A menu item greys out while its command cannot run, and comes back when it
// can: "Reopen the document" only for a finished document, the document
// commands only while one is open.
func TestMenuItemsGreyWhileTheirCommandCannotRun(t *testing.T) {
	wb, _ := openWorkbench(t, newProject(t))
	wb.win.SetMainMenu(wb.mainMenu())
	item := func(label string) *fyne.MenuItem {
		t.Helper()
		for _, m := range wb.win.MainMenu().Items {
			for _, it := range m.Items {
				if it.Label == label {
					return it
				}
			}
		}
		t.Fatalf("no menu item %q", label)
		return nil
	}
	reopen, next := item("Reopen the document"), item("Next document")
	if !reopen.Disabled || next.Disabled {
		t.Fatalf("in progress: Reopen disabled %v (want true), Next disabled %v (want false)", reopen.Disabled, next.Disabled)
	}
	if !wb.session.setStatus(annotate.StatusDone) {
		t.Fatal("could not mark the document done")
	}
	if reopen.Disabled {
		t.Error("done: Reopen still greyed out")
	}
	wb.runCommand("Reopen the document")
	if !reopen.Disabled {
		t.Error("reopened: Reopen not greyed out again")
	}
}
