package app

import (
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
