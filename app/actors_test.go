package app

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"frametag/annotate"
	"frametag/storage/sqlite"
)

// actorBoxTexts are the texts of the card's actor section, in order.
func actorBoxTexts(c *spanCard) []string {
	var out []string
	var walk func(o fyne.CanvasObject)
	walk = func(o fyne.CanvasObject) {
		switch o := o.(type) {
		case *widget.Label:
			out = append(out, o.Text)
		case *widget.Button:
			out = append(out, o.Text)
		case *fyne.Container:
			for _, ch := range o.Objects {
				walk(ch)
			}
		}
	}
	walk(c.actorBox)
	return out
}

func actorButton(t *testing.T, c *spanCard, prefix string) *widget.Button {
	t.Helper()
	var found *widget.Button
	var walk func(o fyne.CanvasObject)
	walk = func(o fyne.CanvasObject) {
		switch o := o.(type) {
		case *widget.Button:
			if found == nil && strings.HasPrefix(o.Text, prefix) {
				found = o
			}
		case *fyne.Container:
			for _, ch := range o.Objects {
				walk(ch)
			}
		}
	}
	walk(c.actorBox)
	if found != nil {
		return found
	}
	t.Fatalf("the card has no button %q: %q", prefix, actorBoxTexts(c))
	return nil
}

func linkOf(t *testing.T, st *sqlite.Store, id string) string {
	t.Helper()
	for _, sp := range spansOf(t, st, blinkenDoc) {
		if sp.ID == id {
			return sp.Actor
		}
	}
	t.Fatalf("span %s is gone", id)
	return ""
}

// TestCardActorRegistry: an actor span's card offers a new registry entry
// from the span (Ctrl+K), then the entries that match its text, best first
// (a click, or Ctrl+Shift+K for the best), and Unlink; each is an edit
// undone by Ctrl+Z. The canonical_name attribute has no field of its own.
func TestCardActorRegistry(t *testing.T) {
	wb, st := openWorkbench(t, newProject(t))
	wb.openDocument(blinkenDoc)
	c, card := wb.win.Canvas(), wb.panel.card
	wb.view.SetSelection(blinkenFrag.Start, blinkenFrag.End)
	test.TypeOnCanvas(c, string(keyOf(t, *wb.session.currentSchema(), "actor", "PERSON")))
	sp, ok := wb.session.selectedSpan()
	if !ok || sp.Layer != annotate.ActorLayer {
		t.Fatalf("selected %+v, want the new actor span", sp)
	}
	if _, ok := cardField(card, annotate.ActorNameAttr); ok {
		t.Error("the card shows a canonical_name field beside the registry link")
	}
	if got := actorBoxTexts(card); len(got) != 2 || got[0] != "Actor: none linked" || got[1] != "New actor “Blinken”  (Ctrl+K)" {
		t.Errorf("card's actor section %q", got)
	}

	shortcut(wb, keyNewActor)
	entries, err := st.Actors(t.Context())
	if err != nil || len(entries) != 1 || entries[0].Name != "Blinken" || entries[0].Kind != "PERSON" {
		t.Fatalf("registry after Ctrl+K: %+v, %v", entries, err)
	}
	blinken := entries[0]
	if got := linkOf(t, st, sp.ID); got != blinken.ID {
		t.Fatalf("span linked to %q, want %q", got, blinken.ID)
	}
	if got := actorBoxTexts(card); len(got) == 0 || got[0] != "Actor: Blinken · PERSON" {
		t.Errorf("card's actor section after Ctrl+K %q", got)
	}

	// Another entry, made elsewhere: the card offers both once unlinked,
	// the exact name first.
	if _, err := st.Apply(t.Context(), annotate.CreateActor(annotate.ActorEntry{Name: "Antony Blinken", Kind: "PERSON",
		ExternalID: "Q4774"}, "bob")); err != nil {
		t.Fatal(err)
	}
	wb.session.registryChanged()
	test.Tap(actorButton(t, card, "Unlink"))
	if got := linkOf(t, st, sp.ID); got != "" {
		t.Fatalf("after Unlink: linked to %q", got)
	}
	want := []string{"Actor: none linked", "Link: Blinken · PERSON  (Ctrl+Shift+K)", "Link: Antony Blinken · PERSON", "New actor “Blinken”  (Ctrl+K)"}
	if got := actorBoxTexts(card); strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("card's actor section unlinked:\n got %q\nwant %q", got, want)
	}
	test.Tap(actorButton(t, card, "Link: Antony Blinken"))
	antony := linkOf(t, st, sp.ID)
	if antony == "" || antony == blinken.ID {
		t.Fatalf("after the click: linked to %q", antony)
	}
	if got := actorBoxTexts(card); got[0] != "Actor: Antony Blinken · PERSON · Q4774" {
		t.Errorf("card after linking: %q", got)
	}

	// Undo walks back: the link, the unlink.
	shortcut(wb, &fyne.ShortcutUndo{})
	if got := linkOf(t, st, sp.ID); got != "" {
		t.Errorf("after one undo: linked to %q, want none", got)
	}
	shortcut(wb, &fyne.ShortcutUndo{})
	if got := linkOf(t, st, sp.ID); got != blinken.ID {
		t.Errorf("after two undos: linked to %q, want Blinken", got)
	}
	if got := actorBoxTexts(card); got[0] != "Actor: Blinken · PERSON" {
		t.Errorf("card after the undos: %q", got)
	}

	// Ctrl+Shift+K links the best match (here, after unlinking: Blinken).
	wb.session.linkActor("")
	shortcut(wb, keyLinkActor)
	if got := linkOf(t, st, sp.ID); got != blinken.ID {
		t.Errorf("after Ctrl+Shift+K: linked to %q, want Blinken", got)
	}
}
