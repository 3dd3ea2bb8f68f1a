package app

import (
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"frametag/annotate"
	"frametag/app/palette"
)

// labelSpan selects [f.Start, f.End) and presses the label's key.
func labelSpan(t *testing.T, wb *Workbench, f annotate.Fragment, layer, label string) annotate.Span {
	t.Helper()
	wb.view.SetSelection(f.Start, f.End)
	test.TypeOnCanvas(wb.win.Canvas(), string(keyOf(t, *wb.session.currentSchema(), layer, label)))
	sp, ok := wb.session.span(wb.session.selectedID())
	if !ok || sp.Label != label {
		t.Fatalf("pressing %s's key made no %s span", label, label)
	}
	return sp
}

func TestPanelMarkup(t *testing.T) {
	wb, _ := openWorkbench(t, newProject(t))
	wb.openDocument(blinkenDoc)
	test.AssertObjectRendersToMarkup(t, "panel_nothing_selected.xml", wb.panel.root)

	claim := labelSpan(t, wb, claimFrag, "claim", "Claim")
	formField(t, wb, "checkworthy").(*widget.Select).SetSelected("yes")
	actor := labelSpan(t, wb, blinkenFrag, "actor", "PERSON")
	wb.session.selectSpan(claim.ID, true)
	test.TypeOnCanvas(wb.win.Canvas(), "l")
	wb.spanTapped(actor.ID)
	test.AssertObjectRendersToMarkup(t, "panel_claim_linked.xml", wb.panel.root)
}

func TestDeleteKeyAndUndoRestoreTheRelation(t *testing.T) {
	wb, st := openWorkbench(t, newProject(t))
	wb.openDocument(blinkenDoc)
	claim := labelSpan(t, wb, claimFrag, "claim", "Claim")
	actor := labelSpan(t, wb, blinkenFrag, "actor", "PERSON")
	wb.session.selectSpan(claim.ID, false)
	wb.startLink()
	wb.spanTapped(actor.ID)
	if len(wb.session.document().Relations) != 1 {
		t.Fatalf("%d relations after linking", len(wb.session.document().Relations))
	}

	wb.session.selectSpan(actor.ID, false)
	wb.win.Canvas().OnTypedKey()(&fyne.KeyEvent{Name: fyne.KeyDelete})
	ad, err := st.Annotations(t.Context(), blinkenDoc)
	if err != nil {
		t.Fatal(err)
	}
	if len(ad.Spans) != 1 || len(ad.Relations) != 0 {
		t.Fatalf("after Delete: %d spans, %d relations; want 1, 0", len(ad.Spans), len(ad.Relations))
	}
	shortcut(wb, &fyne.ShortcutUndo{})
	ad, err = st.Annotations(t.Context(), blinkenDoc)
	if err != nil {
		t.Fatal(err)
	}
	if len(ad.Spans) != 2 || len(ad.Relations) != 1 || ad.Relations[0].To != actor.ID {
		t.Fatalf("after undo: %d spans, relations %+v", len(ad.Spans), ad.Relations)
	}
	if len(wb.session.document().Relations) != 1 || len(wb.session.document().Spans) != 2 {
		t.Fatalf("after undo the window shows %d spans, %d relations", len(wb.session.document().Spans), len(wb.session.document().Relations))
	}
}

// The card names each relation of the selected span in words, from its
// source to its target: the relation's name as shown (not its identifier),
// the other span by label and text, the selected span as "this".
func TestCardNamesRelationsInWords(t *testing.T) {
	wb, _ := openWorkbench(t, newProject(t))
	wb.openDocument(blinkenDoc)
	claim := labelSpan(t, wb, claimFrag, "claim", "Claim")
	actor := labelSpan(t, wb, blinkenFrag, "actor", "PERSON")
	wb.session.selectSpan(claim.ID, false)
	wb.startLink()
	wb.spanTapped(actor.ID)
	rels := wb.session.document().Relations
	if len(rels) != 1 {
		t.Fatalf("%d relations after linking", len(rels))
	}
	name := shownName(rels[0].Type)
	for _, tc := range []struct {
		selected string
		want     string
	}{
		{claim.ID, "this —" + name + "→ PERSON “Blinken”"},
		{actor.ID, "Claim “We will not — indeed, we will never — r…” —" + name + "→ this"},
	} {
		wb.session.selectSpan(tc.selected, false)
		var found []string
		for _, l := range labelsIn(wb.panel.card) {
			if strings.Contains(l, "—") && strings.Contains(l, "→") {
				found = append(found, l)
			}
		}
		if len(found) != 1 || found[0] != tc.want {
			t.Errorf("card of %s lists relations %q, want %q", tc.selected, found, tc.want)
		}
		if strings.Contains(strings.Join(found, ""), rels[0].Type) && rels[0].Type != name {
			t.Errorf("the relation's identifier %q is shown", rels[0].Type)
		}
	}
}

// labelsIn lists the texts of the labels under o.
func labelsIn(o fyne.CanvasObject) []string {
	var out []string
	var walk func(fyne.CanvasObject)
	walk = func(o fyne.CanvasObject) {
		switch o := o.(type) {
		case *widget.Label:
			out = append(out, o.Text)
		case *fyne.Container:
			for _, c := range o.Objects {
				walk(c)
			}
		case fyne.Widget:
			for _, c := range test.WidgetRenderer(o).Objects() {
				walk(c)
			}
		}
	}
	walk(o)
	return out
}

func TestRelationChoiceAndRefusals(t *testing.T) {
	wb, st := openWorkbench(t, newProject(t))
	wb.openDocument(blinkenDoc)
	claim := labelSpan(t, wb, claimFrag, "claim", "Claim")
	actor := labelSpan(t, wb, blinkenFrag, "actor", "PERSON")
	tech := labelSpan(t, wb, schemeFrag, "technique", "Loaded_Language")

	tests := []struct {
		name     string
		from, to annotate.Span
		wantType string // "" when no relation may be made
		wantFrom string
	}{
		{"claim to actor", claim, actor, "attributed_to", claim.ID},
		{"actor back to technique, reversed", actor, tech, "targets", tech.ID},
		{"claim to technique: no such type", claim, tech, "", ""},
	}
	for _, tc := range tests {
		before := len(wb.session.document().Relations)
		wb.session.selectSpan(tc.from.ID, false)
		wb.startLink()
		wb.spanTapped(tc.to.ID)
		ad, err := st.Annotations(t.Context(), blinkenDoc)
		if err != nil {
			t.Fatal(err)
		}
		if tc.wantType == "" {
			if len(ad.Relations) != before {
				t.Errorf("%s: a relation was made", tc.name)
			}
			continue
		}
		r := ad.Relations[len(ad.Relations)-1]
		if len(ad.Relations) != before+1 || r.Type != tc.wantType || r.From != tc.wantFrom {
			t.Errorf("%s: relations %+v", tc.name, ad.Relations)
		}
	}
	// Escape leaves link mode without linking.
	wb.session.selectSpan(claim.ID, false)
	wb.startLink()
	wb.win.Canvas().OnTypedKey()(&fyne.KeyEvent{Name: fyne.KeyEscape})
	if wb.session.currentMode() == modeLinking {
		t.Error("Escape did not cancel linking")
	}
}

func TestSchemaRenameReachesPanelAndSpans(t *testing.T) {
	wb, st := openWorkbench(t, newProject(t))
	wb.openDocument(blinkenDoc)
	labelSpan(t, wb, claimFrag, "claim", "Claim")

	before := wb.session.currentSchema().Clone()
	after := before.Clone()
	l, _ := after.Layer("claim")
	l.Labels[0].Name = "Assertion"
	if err := wb.saveSchema(before, after, []annotate.LabelRename{{Layer: "claim", From: "Claim", To: "Assertion"}}); err != nil {
		t.Fatal(err)
	}
	labels := func() []string {
		var out []string
		for _, c := range wb.panel.labels.chips {
			out = append(out, c.ref.label)
		}
		return out
	}
	if got := labels(); got[0] != "Assertion" {
		t.Errorf("after the rename the panel's first label is %s", got[0])
	}
	if sp := spansOf(t, st, blinkenDoc); sp[0].Label != "Assertion" || wb.session.document().Spans[0].Label != "Assertion" {
		t.Errorf("after the rename: stored %s, shown %s", sp[0].Label, wb.session.document().Spans[0].Label)
	}
	shortcut(wb, &fyne.ShortcutUndo{})
	if got := labels(); got[0] != "Claim" {
		t.Errorf("after undo the panel's first label is %s", got[0])
	}
	if sp := spansOf(t, st, blinkenDoc); sp[0].Label != "Claim" || wb.session.document().Spans[0].Label != "Claim" {
		t.Errorf("after undo: stored %s, shown %s", sp[0].Label, wb.session.document().Spans[0].Label)
	}
}

// TestManyLabelsInView: at the size the screenshot uses, with a claim
// selected (the card at its tallest for this schema), at least ten label
// buttons are in view without scrolling.
func TestManyLabelsInView(t *testing.T) {
	wb, _ := openWorkbench(t, newProject(t))
	wb.win.Resize(fyne.NewSize(1400, 860))
	wb.openDocument(blinkenDoc)
	labelSpan(t, wb, claimFrag, "claim", "Claim")
	if wb.panel.tabs.Selected() != wb.panel.labelsTab {
		t.Fatal("the Labels tab is not the one shown")
	}
	scroll := wb.panel.labels.list
	var view fyne.CanvasObject
	for _, o := range wb.panel.labels.content.(*fyne.Container).Objects {
		if s, ok := o.(*container.Scroll); ok {
			view = s
		}
	}
	if view == nil {
		t.Fatal("no scrolling label list")
	}
	visible := 0
	for _, c := range wb.panel.labels.chips {
		if c.Position().Y+c.Size().Height <= view.Size().Height {
			visible++
		}
	}
	if visible < 10 {
		t.Errorf("%d labels in view (list %v tall, content %v), want at least 10", visible, view.Size().Height, scroll.Size().Height)
	}
}

// TestUndoKeyWhileTyping: Ctrl+Z in the note field undoes the typing and
// leaves the project alone; with the field left, it undoes the last edit.
func TestUndoKeyWhileTyping(t *testing.T) {
	wb, st := openWorkbench(t, newProject(t))
	wb.openDocument(blinkenDoc)
	labelSpan(t, wb, claimFrag, "claim", "Claim")
	note := formField(t, wb, "Note").(*commitEntry)
	c := wb.win.Canvas()
	c.Focus(note)
	test.Type(note, "sourced")
	wb.undoKey() // what Edit → Undo, and so Ctrl+Z, runs
	if note.Text == "sourced" {
		t.Errorf("Ctrl+Z in the note left its text %q", note.Text)
	}
	if n := len(spansOf(t, st, blinkenDoc)); n != 1 {
		t.Fatalf("Ctrl+Z in the note changed the project: %d spans", n)
	}
	// Escape gives the typing up and the keys back to the article.
	test.Type(note, "x")
	note.TypedKey(&fyne.KeyEvent{Name: fyne.KeyEscape})
	if c.Focused() != nil || note.Text != "" {
		t.Errorf("after Escape: focus %v, note %q", c.Focused(), note.Text)
	}
	if sp := spansOf(t, st, blinkenDoc); len(sp) != 1 || sp[0].Note != "" {
		t.Fatalf("Escape saved the note: %+v", sp)
	}
	wb.undoKey()
	if n := len(spansOf(t, st, blinkenDoc)); n != 0 {
		t.Errorf("Ctrl+Z outside the note: %d spans, want 0", n)
	}
}

// TestEscapeClosesDialogs: Escape closes an information dialog, and keys
// pressed while one is open do not label the text behind it.
func TestEscapeClosesDialogs(t *testing.T) {
	wb, st := openWorkbench(t, newProject(t))
	wb.openDocument(blinkenDoc)
	c := wb.win.Canvas()
	for _, open := range []func(){wb.showShortcuts, wb.showAbout, wb.editSchema, wb.newProjectDialog} {
		open()
		if c.Overlays().Top() == nil {
			t.Fatal("no dialog shown")
		}
		wb.view.SetSelection(claimFrag.Start, claimFrag.End)
		test.TypeOnCanvas(c, string(keyOf(t, *wb.session.currentSchema(), "claim", "Claim")))
		if n := len(spansOf(t, st, blinkenDoc)); n != 0 {
			t.Fatalf("a label key under a dialog made %d spans", n)
		}
		c.OnTypedKey()(&fyne.KeyEvent{Name: fyne.KeyEscape})
		if c.Overlays().Top() != nil {
			t.Error("Escape left the dialog open")
		}
	}
}

// TestDarkThemeLiftsSpanColours: the technique family's darkest teal
// (Loaded_Language) is lifted to 3:1 on the dark page, in the article and
// in the panel, and is back to the schema's colour on the light page.
func TestDarkThemeLiftsSpanColours(t *testing.T) {
	wb, _ := openWorkbench(t, newProject(t))
	wb.openDocument(blinkenDoc)
	sp := labelSpan(t, wb, schemeFrag, "technique", "Loaded_Language")
	lb, _ := wb.session.labelDef("technique", "Loaded_Language")
	tests := []struct {
		theme string
		check func(shown string)
	}{
		{themeDark, func(shown string) {
			if c, _ := palette.Contrast(shown, wb.pageHex()); c < palette.MinThemeContrast {
				t.Errorf("dark: %s shown as %s, %.2f:1 on %s", lb.Color, shown, c, wb.pageHex())
			}
		}},
		{themeLight, func(shown string) {
			if shown != lb.Color {
				t.Errorf("light: %s shown as %s", lb.Color, shown)
			}
		}},
	}
	for _, tt := range tests {
		wb.setTheme(tt.theme)
		h, ok := wb.view.HighlightOf(sp.ID)
		if !ok {
			t.Fatal("the span has no highlight")
		}
		tt.check(palette.Hex(h.Color))
		for _, c := range wb.panel.labels.chips {
			if c.ref.label == "Loaded_Language" && palette.Hex(c.color) != palette.Hex(h.Color) {
				t.Errorf("%s: the label button shows %s, the article %s", tt.theme, palette.Hex(c.color), palette.Hex(h.Color))
			}
		}
	}
}

// TestSpansListPassesKeysOn: with a span picked in the spans list (which
// then has the keyboard), L starts linking and Delete deletes it.
func TestSpansListPassesKeysOn(t *testing.T) {
	wb, st := openWorkbench(t, newProject(t))
	wb.openDocument(blinkenDoc)
	labelSpan(t, wb, claimFrag, "claim", "Claim")
	actor := labelSpan(t, wb, blinkenFrag, "actor", "PERSON")
	wb.panel.tabs.Select(wb.panel.spansTab)
	wb.win.Canvas().Focus(wb.panel.spans.list)
	wb.panel.spans.list.Select(0) // the claim: it comes first in reading order
	if sp, _ := wb.session.span(wb.session.selectedID()); sp.Label != "Claim" {
		t.Fatalf("the list selected %+v", sp)
	}
	wb.panel.spans.list.TypedRune('l')
	if wb.session.currentMode() != modeLinking {
		t.Fatal("L in the spans list did not start linking")
	}
	wb.spanTapped(actor.ID)
	wb.panel.spans.list.Select(1)
	wb.panel.spans.list.TypedKey(&fyne.KeyEvent{Name: fyne.KeyDelete})
	ad, err := st.Annotations(t.Context(), blinkenDoc)
	if err != nil {
		t.Fatal(err)
	}
	if len(ad.Spans) != 1 || ad.Spans[0].Label != "Claim" || len(ad.Relations) != 0 {
		t.Errorf("after Delete in the list: spans %+v, relations %+v", ad.Spans, ad.Relations)
	}
}

// TestSpansTabCatchesUpWhenChosen: spans made while another tab is in
// front leave the list's rows alone (only its title counts them); choosing
// the tab shows them, with the selected span's row selected.
func TestSpansTabCatchesUpWhenChosen(t *testing.T) {
	wb, _ := openWorkbench(t, newProject(t))
	wb.openDocument(blinkenDoc)
	if wb.panel.tabs.Selected() == wb.panel.spansTab {
		t.Fatal("the Spans tab is in front at start")
	}
	labelSpan(t, wb, claimFrag, "claim", "Claim")
	labelSpan(t, wb, blinkenFrag, "actor", "PERSON") // selected
	wb.panel.tabs.Select(wb.panel.spansTab)
	if got := wb.panel.spans.count.Text; got != "2 spans, in reading order." {
		t.Errorf("the tab says %q", got)
	}
	var rows []string
	for _, o := range test.LaidOutObjects(wb.panel.spans.list) {
		if r, ok := o.(*spanRow); ok && r.Visible() && r.label.Text != "" {
			rows = append(rows, r.label.Text)
		}
	}
	if !slices.Equal(rows, []string{"Claim", "PERSON"}) {
		t.Errorf("the list shows rows %q", rows)
	}
	if got := wb.panel.spans.listSel; got != 1 {
		t.Errorf("the list selected row %d, want 1 (the actor)", got)
	}
}

// TestMultiChoicePopUp: a multi-choice attribute is one button; its pop-up
// of check boxes saves each change, and Escape closes it.
func TestMultiChoicePopUp(t *testing.T) {
	wb, st := openWorkbench(t, newProject(t))
	wb.openDocument(blinkenDoc)
	labelSpan(t, wb, blinkenFrag, "actor", "PERSON")
	c := wb.win.Canvas()
	test.Tap(formField(t, wb, "fine_role").(*widget.Button))
	pop, ok := c.Overlays().Top().(*widget.PopUp)
	if !ok {
		t.Fatalf("no pop-up: %#v", c.Overlays().Top())
	}
	group := pop.Content.(*container.Scroll).Content.(*widget.CheckGroup)
	group.SetSelected([]string{"Underdog", "Guardian"})
	sp := spansOf(t, st, blinkenDoc)
	if got, _ := sp[0].Attrs["fine_role"].([]string); len(got) != 2 || got[0] != "Guardian" || got[1] != "Underdog" {
		t.Errorf("fine_role stored as %v, want [Guardian Underdog] (the schema's order)", sp[0].Attrs["fine_role"])
	}
	if got := formField(t, wb, "fine_role").(*widget.Button).Text; got != "Guardian, Underdog" {
		t.Errorf("the button says %q", got)
	}
	c.OnTypedKey()(&fyne.KeyEvent{Name: fyne.KeyEscape})
	if c.Overlays().Top() != nil {
		t.Error("Escape left the pop-up open")
	}
}
