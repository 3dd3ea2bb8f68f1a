package app

import (
	"fmt"
	"image/color"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"unicode"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"frametag/annotate"
	"frametag/app/articleview"
	"frametag/app/palette"
)

// shiftArrow presses Shift+key in the article as the desktop driver
// delivers it: Shift held (KeyDown), the arrow as a typed key.
func shiftArrow(wb *Workbench, key fyne.KeyName) {
	wb.view.KeyDown(&fyne.KeyEvent{Name: desktop.KeyShiftLeft})
	wb.view.TypedKey(&fyne.KeyEvent{Name: key})
	wb.view.KeyUp(&fyne.KeyEvent{Name: desktop.KeyShiftLeft})
}

// modArrow presses key with Shift and more modifiers: the desktop driver
// delivers it as a shortcut to the focused article.
func modArrow(wb *Workbench, key fyne.KeyName, mods fyne.KeyModifier) {
	wb.view.TypedShortcut(&desktop.CustomShortcut{KeyName: key, Modifier: mods | fyne.KeyModifierShift})
}

func hint(wb *Workbench) string { return wb.panel.hint.Text }

// Moving a span's ends from the keyboard keeps the span: its id, label,
// attributes, note and relations; each move is undoable.
func TestMoveSpanEndsKeepsTheSpan(t *testing.T) {
	wb, st := openWorkbench(t, newProject(t))
	wb.openDocument(blinkenDoc)
	text := []rune(wb.session.document().Text)
	claim := labelSpan(t, wb, claimFrag, "claim", "Claim")
	formField(t, wb, "checkworthy").(*widget.Select).SetSelected("yes")
	wb.session.setNote("check the date")
	actor := labelSpan(t, wb, blinkenFrag, "actor", "PERSON")
	wb.session.selectSpan(claim.ID, false)
	test.TypeOnCanvas(wb.win.Canvas(), "l")
	wb.spanTapped(actor.ID)
	wb.session.selectSpan(claim.ID, false)
	before, _ := wb.session.selectedSpan()

	// Shift+Left: the end back to the end of the word before.
	shiftArrow(wb, fyne.KeyLeft)
	sp, _ := wb.session.selectedSpan()
	end := sp.End()
	if end >= claimFrag.End || end <= claimFrag.Start || !unicode.IsLetter(text[end-1]) && !unicode.IsPunct(text[end-1]) {
		t.Fatalf("Shift+Left moved the end from %d to %d (%q)", claimFrag.End, end, string(text[claimFrag.Start:end]))
	}
	if _, _, ok := wb.view.Selection(); ok {
		t.Error("Shift+Left with a span selected selected text")
	}
	// Alt+Shift+Right: one character.
	modArrow(wb, fyne.KeyRight, fyne.KeyModifierAlt)
	if sp, _ = wb.session.selectedSpan(); sp.End() != end+1 {
		t.Errorf("Alt+Shift+Right: end %d, want %d", sp.End(), end+1)
	}
	// Ctrl+Shift+Right: the start to the next word's start.
	modArrow(wb, fyne.KeyRight, fyne.KeyModifierShortcutDefault)
	sp, _ = wb.session.selectedSpan()
	if s := sp.Start(); s <= claimFrag.Start || text[s-1] != ' ' || unicode.IsSpace(text[s]) {
		t.Errorf("Ctrl+Shift+Right moved the start to %d (%q)", s, string(text[s:sp.End()]))
	}
	if !strings.Contains(hint(wb), "Moved the start") {
		t.Errorf("hint %q", hint(wb))
	}

	stored := spansOf(t, st, blinkenDoc)
	i := slices.IndexFunc(stored, func(x annotate.Span) bool { return x.ID == claim.ID })
	if i < 0 || !slices.Equal(stored[i].Fragments, sp.Fragments) {
		t.Fatalf("the store holds %+v, the window %v", stored, sp.Fragments)
	}
	if got := stored[i]; got.Label != "Claim" || got.Note != "check the date" || got.Attrs["checkworthy"] != "yes" {
		t.Errorf("moving lost something: %+v", got)
	}
	if rs := wb.session.relationsOf(claim.ID); len(rs) != 1 {
		t.Errorf("relations after the moves: %v", rs)
	}
	if h, ok := wb.view.HighlightOf(claim.ID); !ok || !slices.Equal(h.Fragments, sp.Fragments) {
		t.Errorf("the article draws %v, want %v", h.Fragments, sp.Fragments)
	}

	for range 3 {
		shortcut(wb, &fyne.ShortcutUndo{})
	}
	if sp, _ = wb.session.span(claim.ID); !slices.Equal(sp.Fragments, before.Fragments) {
		t.Errorf("three undos leave %v, want %v", sp.Fragments, before.Fragments)
	}

	// A span never becomes empty: the end cannot pass the start.
	wb.session.selectSpan(actor.ID, false) // one word
	shiftArrow(wb, fyne.KeyLeft)
	if sp, _ = wb.session.span(actor.ID); !slices.Equal(sp.Fragments, actor.Fragments) {
		t.Errorf("the end moved past the start: %v", sp.Fragments)
	}
	if !strings.Contains(hint(wb), "cannot move") {
		t.Errorf("hint %q", hint(wb))
	}
}

// With no span selected, Shift+arrows still select text.
func TestShiftArrowsSelectTextWithoutASpan(t *testing.T) {
	wb, _ := openWorkbench(t, newProject(t))
	wb.openDocument(blinkenDoc)
	shiftArrow(wb, fyne.KeyRight)
	if s, e, ok := wb.view.Selection(); !ok || e-s != 1 {
		t.Fatalf("Shift+Right selected %d..%d %v", s, e, ok)
	}
	if !strings.Contains(hint(wb), "Selected 1 characters") {
		t.Errorf("hint %q", hint(wb))
	}
	// Escape clears the selection and the hint that named it.
	escape(wb)
	if strings.Contains(hint(wb), "Selected") {
		t.Errorf("after Escape the hint still says %q", hint(wb))
	}
}

// A label's key with a span selected (and no text) relabels it, keeping it;
// a key of another layer, or with nothing selected, says why nothing
// happened.
func TestLabelKeyRelabelsTheSelectedSpan(t *testing.T) {
	wb, st := openWorkbench(t, newProject(t))
	wb.openDocument(blinkenDoc)
	c, sc := wb.win.Canvas(), *wb.session.currentSchema()
	test.TypeOnCanvas(c, string(keyOf(t, sc, "actor", "ORG")))
	if !strings.Contains(hint(wb), "Select some text first") {
		t.Errorf("a label key with nothing selected: hint %q", hint(wb))
	}

	actor := labelSpan(t, wb, blinkenFrag, "actor", "PERSON")
	wb.session.setNote("the secretary")
	test.TypeOnCanvas(c, string(keyOf(t, sc, "actor", "ORG")))
	sp, _ := wb.session.selectedSpan()
	if sp.ID != actor.ID || sp.Label != "ORG" || sp.Note != "the secretary" {
		t.Fatalf("after ORG's key: %+v", sp)
	}
	if got := spansOf(t, st, blinkenDoc); len(got) != 1 || got[0].Label != "ORG" {
		t.Errorf("stored %+v", got)
	}
	if !strings.Contains(hint(wb), "Relabelled as ORG") {
		t.Errorf("hint %q", hint(wb))
	}

	test.TypeOnCanvas(c, string(keyOf(t, sc, "claim", "Claim")))
	if sp, _ = wb.session.selectedSpan(); sp.Label != "ORG" || !strings.Contains(hint(wb), "label of the claim layer") {
		t.Errorf("another layer's key: label %s, hint %q", sp.Label, hint(wb))
	}

	shortcut(wb, &fyne.ShortcutUndo{})
	if sp, _ = wb.session.span(actor.ID); sp.Label != "PERSON" {
		t.Errorf("undo left %s", sp.Label)
	}
}

// cardObjects lists every object of the span card, depth first.
func cardObjects(wb *Workbench) []fyne.CanvasObject {
	var out []fyne.CanvasObject
	var walk func(o fyne.CanvasObject)
	walk = func(o fyne.CanvasObject) {
		out = append(out, o)
		switch x := o.(type) {
		case *fyne.Container:
			for _, c := range x.Objects {
				walk(c)
			}
		case fyne.Widget:
			for _, c := range test.WidgetRenderer(x).Objects() {
				walk(c)
			}
		}
	}
	walk(wb.panel.card)
	return out
}

// A fragment added by Ctrl+drag is said; the card lists the fragments, each
// with a button that removes it (undoably), and the span keeps its note.
func TestAddAndRemoveAFragment(t *testing.T) {
	wb, st := openWorkbench(t, newProject(t))
	wb.openDocument(blinkenDoc)
	claim := labelSpan(t, wb, claimFrag, "claim", "Claim")
	wb.session.setNote("two parts")
	wb.view.OnAddFragment(claim.ID, schemeFrag) // what a Ctrl+drag reports
	if sp, _ := wb.session.selectedSpan(); len(sp.Fragments) != 2 {
		t.Fatalf("fragments %v", sp.Fragments)
	}
	if !strings.Contains(hint(wb), "Added a fragment") {
		t.Errorf("hint %q", hint(wb))
	}
	var removes []*widget.Button
	for _, o := range cardObjects(wb) {
		if b, ok := o.(*widget.Button); ok && b.Icon == theme.ContentRemoveIcon() {
			removes = append(removes, b)
		}
	}
	if len(removes) != 2 {
		t.Fatalf("the card shows %d remove buttons, want one a fragment", len(removes))
	}
	test.Tap(removes[0]) // the first in reading order: the scheme
	sp, _ := wb.session.selectedSpan()
	if !slices.Equal(sp.Fragments, []annotate.Fragment{claimFrag}) || sp.Note != "two parts" || sp.ID != claim.ID {
		t.Errorf("after removing the first fragment: %+v", sp)
	}
	if got := spansOf(t, st, blinkenDoc); len(got) != 1 || len(got[0].Fragments) != 1 {
		t.Errorf("stored %+v", got)
	}
	shortcut(wb, &fyne.ShortcutUndo{})
	if sp, _ = wb.session.selectedSpan(); len(sp.Fragments) != 2 {
		t.Errorf("undo: fragments %v", sp.Fragments)
	}
}

// The overlap refusal names the span in the way by its label and words, not
// its id, and says how to allow nesting.
func TestOverlapRefusalNamesTheOtherSpan(t *testing.T) {
	wb, _ := openWorkbench(t, newProject(t))
	wb.openDocument(blinkenDoc)
	claim := labelSpan(t, wb, claimFrag, "claim", "Claim")
	wb.view.SetSelection(claimFrag.Start+3, claimFrag.End+5)
	test.TypeOnCanvas(wb.win.Canvas(), string(keyOf(t, *wb.session.currentSchema(), "claim", "Claim")))
	msg := dialogTexts(wb)
	quote := preview(wb.session.spanText(claim), 20)
	quote = strings.TrimSuffix(quote, "…")
	if !strings.Contains(msg, "the Claim span “"+quote) || !strings.Contains(msg, "spans may overlap") || strings.Contains(msg, claim.ID) {
		t.Errorf("the refusal says %q", msg)
	}
}

// Ctrl+Down / Ctrl+Up walk the spans in reading order, Ctrl+Shift+Down /
// Up those of the selected span's layer; Ctrl+J finds a span with an
// attribute to fill; Ctrl+Home / Ctrl+End go to the ends of the article.
func TestMoveAroundTheSpans(t *testing.T) {
	wb, _ := openWorkbench(t, newProject(t))
	wb.openDocument(blinkenDoc)
	scheme := labelSpan(t, wb, schemeFrag, "claim", "Claim")
	formField(t, wb, "checkworthy").(*widget.Select).SetSelected("yes")
	formField(t, wb, "verifiable").(*widget.Select).SetSelected("no")
	formField(t, wb, "kind").(*widget.Select).SetSelected("event")
	claim := labelSpan(t, wb, claimFrag, "claim", "Claim")
	actor := labelSpan(t, wb, blinkenFrag, "actor", "PERSON")
	escape(wb)
	if wb.session.selectedID() != "" {
		t.Fatal("Escape left a span selected")
	}

	var got []string
	for range 4 {
		shortcut(wb, keyNextSpan)
		got = append(got, wb.session.selectedID())
	}
	if want := []string{scheme.ID, claim.ID, actor.ID, actor.ID}; !slices.Equal(got, want) {
		t.Errorf("Ctrl+Down selects %v, want %v", got, want)
	}
	if !strings.Contains(hint(wb), "last span") {
		t.Errorf("past the last span the hint says %q", hint(wb))
	}
	shortcut(wb, keyPrevSpan)
	if wb.session.selectedID() != claim.ID || wb.view.SelectedHighlight() != claim.ID {
		t.Errorf("Ctrl+Up selects %s", wb.session.selectedID())
	}
	shortcut(wb, keyPrevOfLayer)
	if wb.session.selectedID() != scheme.ID {
		t.Errorf("Ctrl+Shift+Up selects %s, want the claim before", wb.session.selectedID())
	}
	shortcut(wb, keyNextOfLayer)
	shortcut(wb, keyNextOfLayer) // no claim after: stays
	if wb.session.selectedID() != claim.ID || !strings.Contains(hint(wb), "last claim span") {
		t.Errorf("Ctrl+Shift+Down: %s, hint %q", wb.session.selectedID(), hint(wb))
	}

	// The scheme claim has every attribute; the other claim and the actor
	// have some to fill.
	wb.session.selectSpan(scheme.ID, false)
	shortcut(wb, keyToFill)
	if wb.session.selectedID() != claim.ID || !strings.Contains(hint(wb), "checkworthy") {
		t.Errorf("Ctrl+J: %s, hint %q", wb.session.selectedID(), hint(wb))
	}
	shortcut(wb, keyToFill)
	if wb.session.selectedID() != actor.ID {
		t.Errorf("Ctrl+J again: %s", wb.session.selectedID())
	}

	shortcut(wb, keyBottom)
	if wb.session.selectedID() != "" || !strings.Contains(hint(wb), "end of the article") {
		t.Errorf("Ctrl+End: selected %q, hint %q", wb.session.selectedID(), hint(wb))
	}
	shortcut(wb, keyTop)
	shortcut(wb, keyNextSpan)
	if wb.session.selectedID() != scheme.ID {
		t.Errorf("Ctrl+Home then Ctrl+Down: %s", wb.session.selectedID())
	}
}

// A finished document is reopened (in progress again) by one status edit,
// from the Document menu, without undoing what came after.
func TestReopenAFinishedDocument(t *testing.T) {
	wb, st := openWorkbench(t, newProject(t))
	wb.openDocument(blinkenDoc)
	if wb.canRun("Reopen the document") {
		t.Error("Reopen is offered on a document not finished")
	}
	wb.session.setStatus(annotate.StatusDone)
	labelSpan(t, wb, blinkenFrag, "actor", "PERSON") // an edit after it
	wb.runCommand("Reopen the document")
	if got := wb.session.status(); got != annotate.StatusInProgress {
		t.Fatalf("status %s", got)
	}
	ad, err := st.Annotations(t.Context(), blinkenDoc)
	if err != nil {
		t.Fatal(err)
	}
	if ad.Status[annotator] != annotate.StatusInProgress || len(ad.Spans) != 1 {
		t.Errorf("stored status %s, %d spans", ad.Status[annotator], len(ad.Spans))
	}
	if !strings.Contains(hint(wb), "was done") {
		t.Errorf("hint %q", hint(wb))
	}
	shortcut(wb, &fyne.ShortcutUndo{})
	if got := wb.session.status(); got != annotate.StatusDone {
		t.Errorf("undoing the reopen leaves %s", got)
	}
}

// Status text in the document list is readable (WCAG 4.5:1) on the page,
// on a selected row and on a hovered row, in both themes.
func TestStatusTextContrast(t *testing.T) {
	for _, choice := range []string{themeLight, themeDark} {
		th := themeFor(choice)
		bg := th.Color(theme.ColorNameBackground, 0)
		pages := map[string]color.Color{"page": bg,
			"selected row": over(th.Color(theme.ColorNameSelection, 0), bg),
			"hovered row":  over(th.Color(theme.ColorNameHover, 0), bg)}
		for _, st := range []annotate.Status{annotate.StatusDone, annotate.StatusInProgress, annotate.StatusSkipped, annotate.StatusTodo} {
			text := palette.Hex(th.Color(statusColor(st), 0))
			for where, page := range pages {
				c, err := palette.Contrast(text, palette.Hex(page))
				if err != nil || c < minTextContrast {
					t.Errorf("%s theme: %s (%s) on the %s: %.2f:1 %v", choice, st, text, where, c, err)
				}
			}
		}
	}
}

// The note holds several lines: Shift+Enter starts a new one, Enter saves;
// it grows as it fills.
func TestNoteIsSeveralLinesAndGrows(t *testing.T) {
	wb, st := openWorkbench(t, newProject(t))
	wb.openDocument(blinkenDoc)
	labelSpan(t, wb, claimFrag, "claim", "Claim")
	note := wb.panel.card.note
	c := wb.win.Canvas()
	c.Focus(note)
	rows := note.Rows()
	cardH := wb.panel.card.Size().Height
	if cardH == 0 {
		t.Fatal("selecting a span left the card without height (the panel was not laid out again)")
	}
	test.Type(note, "first line")
	note.KeyDown(&fyne.KeyEvent{Name: desktop.KeyShiftLeft})
	note.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	note.KeyUp(&fyne.KeyEvent{Name: desktop.KeyShiftLeft})
	test.Type(note, "second line, long enough to wrap onto a third line of the card")
	if note.Rows() <= rows {
		t.Errorf("the note shows %d rows after two long lines, as many as empty (%d)", note.Rows(), rows)
	}
	if h := wb.panel.card.Size().Height; h <= cardH {
		t.Errorf("the card is %.0f px high with the grown note, %.0f before", h, cardH)
	}
	if sp, _ := wb.session.selectedSpan(); sp.Note != "" {
		t.Fatalf("saved before Enter: %q", sp.Note)
	}
	note.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	want := "first line\nsecond line, long enough to wrap onto a third line of the card"
	if got := spansOf(t, st, blinkenDoc); len(got) != 1 || got[0].Note != want {
		t.Errorf("stored %+v", got)
	}
	if c.Focused() != nil {
		t.Error("Enter left the note focused: label keys would type into it")
	}
}

// However tall the span card grows (an actor's card: six attributes, a long
// note, a relation), the tabs below keep room, so every frame of the
// Document tab can be reached.
func TestDocumentTabReachableWithACardOpen(t *testing.T) {
	wb, _ := openWorkbench(t, newProject(t))
	wb.openDocument(blinkenDoc)
	claim := labelSpan(t, wb, claimFrag, "claim", "Claim")
	actor := labelSpan(t, wb, blinkenFrag, "actor", "PERSON")
	wb.session.selectSpan(claim.ID, false)
	wb.startLink()
	wb.spanTapped(actor.ID)
	wb.session.selectSpan(actor.ID, false)
	wb.session.setNote(strings.Repeat("a long note that wraps ", 20))
	wb.panel.tabs.Select(wb.panel.docTab)
	wb.win.Resize(fyne.NewSize(1280, 600)) // a small laptop screen
	panelH := wb.panel.root.Size().Height
	scroll := wb.panel.docLayers.scroll
	if h := scroll.Size().Height; h < panelH/4 {
		t.Errorf("the Document tab has %.0f of the panel's %.0f px", h, panelH)
	}
	scroll.ScrollToBottom()
	if got, want := scroll.Offset.Y+scroll.Size().Height, scroll.Content.MinSize().Height; got < want-1 {
		t.Errorf("scrolled to the bottom, the Document tab shows to %.0f of %.0f px", got, want)
	}
}

// Project → Guidelines opens a pane beside the article, not a dialog: the
// label keys keep working while it is open, and it follows schema edits.
func TestGuidelinesPaneStaysOpenWhileLabelling(t *testing.T) {
	wb, st := openWorkbench(t, newProject(t))
	wb.openDocument(blinkenDoc)
	c := wb.win.Canvas()
	wb.runCommand("Guidelines")
	if !wb.guidelinesShown() || c.Overlays().Top() != nil {
		t.Fatalf("shown %v, overlay %v: want a pane, no dialog", wb.guidelinesShown(), c.Overlays().Top())
	}
	if !viewMenuItemIn(t, wb, "Project", "Guidelines").Checked {
		t.Error("the menu item is not checked while the pane is open")
	}
	if !strings.Contains(wb.guides.plainText(), "Claim") {
		t.Errorf("the pane shows %q", preview(wb.guides.plainText(), 200))
	}
	labelSpan(t, wb, claimFrag, "claim", "Claim")
	if n := len(spansOf(t, st, blinkenDoc)); n != 1 {
		t.Fatalf("labelling with the guidelines open made %d spans", n)
	}
	escape(wb)
	if !wb.guidelinesShown() {
		t.Error("Escape closed the guidelines pane")
	}

	sc := wb.session.currentSchema().Clone()
	sc.Guidelines = "# Our codebook\n\nMark the shortest stretch."
	if err := wb.saveSchema(*wb.session.currentSchema(), sc, nil); err != nil {
		t.Fatal(err)
	}
	if got := wb.guides.plainText(); !strings.Contains(got, "Mark the shortest stretch.") {
		t.Errorf("after a schema edit the pane shows %q", got)
	}
	wb.runCommand("Guidelines")
	if wb.guidelinesShown() {
		t.Error("Project → Guidelines again left the pane open")
	}
}

// viewMenuItemIn is the item of a menu of the menu bar.
func viewMenuItemIn(t *testing.T, wb *Workbench, menu, label string) *fyne.MenuItem {
	t.Helper()
	for _, m := range wb.win.MainMenu().Items {
		if m.Label != menu {
			continue
		}
		for _, it := range m.Items {
			if it.Label == label {
				return it
			}
		}
	}
	t.Fatalf("no %s → %s", menu, label)
	return nil
}

// Ctrl+F finds in the document: every hit tinted, Enter and Shift+Enter
// step through them (each selected as text), Escape closes the bar and a
// label's key then labels the hit.
func TestFindInTheDocument(t *testing.T) {
	wb, st := openWorkbench(t, newProject(t))
	wb.openDocument(blinkenDoc)
	c := wb.win.Canvas()
	shortcut(wb, keyFind)
	if !wb.find.Visible() || c.Focused() != fyne.Focusable(wb.find.entry) {
		t.Fatal("Ctrl+F did not open the find box with the keyboard in it")
	}
	test.Type(wb.find.entry, "blinken")
	hits := wb.find.hits
	text := []rune(wb.session.document().Text)
	if len(hits) < 2 {
		t.Fatalf("hits %v", hits)
	}
	for _, h := range hits {
		if got := string(text[h.Start:h.End]); !strings.EqualFold(got, "blinken") {
			t.Errorf("hit %v is %q", h, got)
		}
	}
	if !strings.Contains(wb.find.count.Text, "hits") {
		t.Errorf("count %q", wb.find.count.Text)
	}
	wb.find.entry.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	wb.find.entry.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	if s, e, _ := wb.view.Selection(); s != hits[1].Start || e != hits[1].End {
		t.Errorf("two Enters select %d..%d, want the second hit %v", s, e, hits[1])
	}
	wb.find.entry.KeyDown(&fyne.KeyEvent{Name: desktop.KeyShiftLeft})
	wb.find.entry.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	wb.find.entry.KeyUp(&fyne.KeyEvent{Name: desktop.KeyShiftLeft})
	if s, _, _ := wb.view.Selection(); s != hits[0].Start || wb.find.count.Text != fmt.Sprintf("1 of %d", len(hits)) {
		t.Errorf("Shift+Enter: selection at %d, count %q", s, wb.find.count.Text)
	}
	wb.find.entry.TypedKey(&fyne.KeyEvent{Name: fyne.KeyEscape})
	if wb.find.Visible() || c.Focused() != fyne.Focusable(wb.view) {
		t.Fatal("Escape left the find box open or the keyboard in it")
	}
	test.TypeOnCanvas(c, string(keyOf(t, *wb.session.currentSchema(), "actor", "PERSON")))
	if got := spansOf(t, st, blinkenDoc); len(got) != 1 || got[0].Start() != hits[0].Start {
		t.Errorf("the label key after finding made %+v", got)
	}
}

// Edit → Search the project: words across the documents as a
// keyword-in-context list, a click on a hit opens its document with the
// words selected; a label's spans, by annotator, likewise.
func TestSearchTheProject(t *testing.T) {
	wb, _ := openWorkbench(t, newProject(t))
	wb.openDocument(blinkenDoc)
	claim := labelSpan(t, wb, claimFrag, "claim", "Claim")
	synchronous(wb)
	wb.openDocument("") // from nowhere
	shortcut(wb, keySearch)
	var words *widget.Entry
	var list *widget.List
	for _, o := range overlayObjects(wb) {
		switch x := o.(type) {
		case *widget.Entry:
			if words == nil && strings.HasPrefix(x.PlaceHolder, "words") {
				words = x
			}
		case *widget.List:
			list = x
		}
	}
	if words == nil || list == nil {
		t.Fatal("the search dialog has no words box or hit list")
	}
	test.Type(words, "recognize")
	tapButton(t, wb, "Search")
	if list.Length() == 0 {
		t.Fatal("no hits for a word of the Blinken article")
	}
	list.Select(0)
	if wb.win.Canvas().Overlays().Top() != nil {
		t.Error("a click on a hit left the dialog open")
	}
	s, e, ok := wb.view.Selection()
	if !ok || !wb.session.hasDocument() || !strings.EqualFold(string([]rune(wb.session.document().Text)[s:e]), "recognize") {
		t.Errorf("the hit opened %s with %d..%d selected", wb.session.document().ID, s, e)
	}

	first := s
	// The dialog opens again as it was left: the next hit is one click away.
	shortcut(wb, keySearch)
	if list.Length() == 0 || words.Text != "recognize" {
		t.Fatalf("reopened, the dialog shows %d hits for %q", list.Length(), words.Text)
	}
	list.Select(1)
	if s, _, _ := wb.view.Selection(); s == first && wb.session.document().ID == blinkenDoc {
		t.Error("the second hit selected the first one again")
	}

	hits, more, err := wb.searchProject(annotate.SearchQuery{Layer: "claim", Label: "Claim", Annotator: annotator})
	if err != nil || more || len(hits) != 1 || hits[0].SpanID != claim.ID || hits[0].Title == "" {
		t.Fatalf("every Claim of alice's: %+v %v %v", hits, more, err)
	}
	wb.openDocument("")
	wb.goToHit(hits[0])
	if wb.session.selectedID() != claim.ID {
		t.Errorf("going to a span hit selects %q", wb.session.selectedID())
	}
}

// The document list filters by status, label and annotator as well as by
// words: status:done, label:Claim, by:alice, together or with words.
func TestDocumentListFiltersByStatusLabelAndAnnotator(t *testing.T) {
	path := newProject(t)
	addSpanBy(t, path, "bob", blinkenFrag, "actor", "PERSON")
	wb, _ := openWorkbench(t, path)
	synchronous(wb)
	wb.openDocument(blinkenDoc)
	labelSpan(t, wb, claimFrag, "claim", "Claim")
	other := "ukraine-calls-for-pressure-on-russia"
	wb.openDocument(other)
	wb.session.setStatus(annotate.StatusDone)
	shown := func(q string) []string {
		wb.docs.filter.SetText(q)
		var ids []string
		for _, i := range wb.docs.shown {
			ids = append(ids, wb.docs.all[i].ID)
		}
		return ids
	}
	tests := []struct {
		query string
		want  []string
	}{
		{"status:done", []string{other}},
		{"status:todo", []string{blinkenDoc, "blinken-referendums-sign-of-failure"}},
		{"label:claim", []string{blinkenDoc}},
		{"label:Claim by:bob", nil},
		{"by:bob", []string{blinkenDoc}},
		{"label:person by:bob diabolical", []string{blinkenDoc}},
		{"label:claim status:done", nil},
	}
	for _, tt := range tests {
		if got := shown(tt.query); !slices.Equal(got, tt.want) {
			t.Errorf("%q shows %v, want %v", tt.query, got, tt.want)
		}
	}
	shown("label:nosuch")
	if !strings.Contains(wb.docs.progress.Text, `no label "nosuch"`) {
		t.Errorf("an unknown label: progress %q", wb.docs.progress.Text)
	}
}

// File → Import… names several files at once, typed (or pasted) one a line.
func TestImportSeveralTypedFiles(t *testing.T) {
	wb, st := openWorkbench(t, newProject(t))
	synchronous(wb)
	dir := t.TempDir()
	var paths []string
	for _, name := range []string{"a.txt", "b.txt"} {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte("The text of "+name+".\n"), 0o644); err != nil {
			t.Fatal(err)
		}
		paths = append(paths, p)
	}
	shortcut(wb, keyImport)
	var files *widget.Entry
	for _, o := range overlayObjects(wb) {
		if e, ok := o.(*widget.Entry); ok && strings.HasPrefix(e.PlaceHolder, "Files or folders") {
			files = e
		}
	}
	if files == nil {
		t.Fatal("the import form has no box for paths")
	}
	test.Type(files, paths[0]+"\n"+paths[1])
	tapButton(t, wb, "Import")
	if msg := dialogTexts(wb); !strings.Contains(msg, "Imported 2 documents.") {
		t.Errorf("the summary says %q", msg)
	}
	if docs, _ := st.Documents(t.Context(), annotator); len(docs) != 5 {
		t.Errorf("%d documents after importing two", len(docs))
	}
}

// dragHandle drags a handle of the selected span as the desktop driver
// does: a press on it, moves, a release.
func dragHandle(wb *Workbench, start bool, to fyne.Position, mods fyne.KeyModifier) bool {
	from, ok := wb.view.HandlePosition(start)
	if !ok {
		return false
	}
	wb.view.MouseDown(&desktop.MouseEvent{PointEvent: fyne.PointEvent{Position: from}, Button: desktop.MouseButtonPrimary, Modifier: mods})
	mid := fyne.NewPos((from.X+to.X)/2, (from.Y+to.Y)/2)
	wb.view.Dragged(&fyne.DragEvent{PointEvent: fyne.PointEvent{Position: mid}, Dragged: fyne.NewDelta(mid.X-from.X, mid.Y-from.Y)})
	wb.view.Dragged(&fyne.DragEvent{PointEvent: fyne.PointEvent{Position: to}, Dragged: fyne.NewDelta(to.X-mid.X, to.Y-mid.Y)})
	wb.view.DragEnd()
	wb.view.MouseUp(&desktop.MouseEvent{PointEvent: fyne.PointEvent{Position: to}, Button: desktop.MouseButtonPrimary, Modifier: mods})
	return true
}

// Dragging the handles at a selected span's ends moves them through the same
// edit as Shift+arrows: the span keeps its id, label and note, the new end
// snaps to a word's edge (Alt: any character), each drag is undone by one
// Ctrl+Z, and a drag past the other end is refused.
func TestDragSpanHandles(t *testing.T) {
	wb, st := openWorkbench(t, newProject(t))
	wb.openDocument(blinkenDoc)
	text := []rune(wb.session.document().Text)
	claim := labelSpan(t, wb, claimFrag, "claim", "Claim")
	wb.session.setNote("keep me")
	wb.win.Canvas().Capture()
	if _, ok := wb.view.HandlePosition(true); !ok {
		t.Fatal("no handles on the selected span")
	}
	// where a pointer lands on the middle of the character at cp
	charAt := func(cp int) fyne.Position {
		p := wb.view.TextPositionOf(cp)
		q := wb.view.TextPositionOf(cp + 1)
		if q.Y != p.Y {
			q.X = p.X + 4
		}
		return fyne.NewPos((p.X+q.X)/2, p.Y+4)
	}
	wordEnd := func(cp int) int {
		for cp < len(text) && (unicode.IsLetter(text[cp]) || unicode.IsDigit(text[cp])) {
			cp++
		}
		return cp
	}

	// the end, dragged into the middle of the word after the span: to that word's end
	next := claimFrag.End
	for !unicode.IsLetter(text[next]) {
		next++
	}
	if !dragHandle(wb, false, charAt(next+2), 0) {
		t.Fatal("no end handle")
	}
	sp, _ := wb.session.selectedSpan()
	if want := wordEnd(next); sp.ID != claim.ID || sp.End() != want || sp.Start() != claimFrag.Start {
		t.Fatalf("end dragged into %q: span %s [%d,%d), want [%d,%d)", string(text[next:wordEnd(next)]), sp.ID, sp.Start(), sp.End(), claimFrag.Start, want)
	}
	if !strings.Contains(hint(wb), "Moved the end") {
		t.Errorf("hint %q", hint(wb))
	}
	// the start, with Alt, to an exact character inside the span's first word
	if !dragHandle(wb, true, wb.view.TextPositionOf(claimFrag.Start+2).AddXY(0.5, 4), articleview.ExactModifier) {
		t.Fatal("no start handle")
	}
	sp, _ = wb.session.selectedSpan()
	if sp.Start() != claimFrag.Start+2 {
		t.Errorf("start dragged with Alt to %d, want %d", sp.Start(), claimFrag.Start+2)
	}
	stored := spansOf(t, st, blinkenDoc)
	if i := slices.IndexFunc(stored, func(x annotate.Span) bool { return x.ID == claim.ID }); i < 0 ||
		!slices.Equal(stored[i].Fragments, sp.Fragments) || stored[i].Note != "keep me" || stored[i].Label != "Claim" {
		t.Fatalf("the store holds %+v, want the span moved with its note and label", stored)
	}
	// the end dragged before the start: the span keeps at least a character
	dragHandle(wb, false, charAt(claimFrag.Start-10), 0)
	if sp, _ = wb.session.selectedSpan(); sp.End() <= sp.Start() {
		t.Errorf("the end passed the start: [%d,%d)", sp.Start(), sp.End())
	}
	for range 3 {
		shortcut(wb, &fyne.ShortcutUndo{})
	}
	if sp, _ = wb.session.span(claim.ID); !slices.Equal(sp.Fragments, claim.Fragments) {
		t.Errorf("after undoing the drags the span is %v, want %v", sp.Fragments, claim.Fragments)
	}
}
