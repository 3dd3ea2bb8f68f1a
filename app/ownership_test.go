package app

import (
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"frametag/annotate"
	"frametag/app/articleview"
	"frametag/storage/sqlite"
)

// addSpansBy writes spans made by another annotator straight into the
// project, as a colleague sharing the file (or a merge) would.
func addSpansBy(t *testing.T, path string, sps ...annotate.Span) []annotate.Span {
	t.Helper()
	st, err := sqlite.Open(t.Context(), path)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	var out []annotate.Span
	for _, sp := range sps {
		done, err := st.Apply(t.Context(), annotate.AddSpan(sp))
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, done.(annotate.AddSpanEdit).Span)
	}
	return out
}

// openTeamWorkbench opens path as alice with suggestions hidden: a
// suggestion learned from bob's span lies right over it, and a click would
// take the suggestion.
func openTeamWorkbench(t *testing.T, path string) (*Workbench, *sqlite.Store) {
	t.Helper()
	wb, st := openWorkbench(t, path)
	wb.setShowSuggestions(false)
	return wb, st
}

// bobsClaim is bob's claim with an attribute and a note.
var bobsClaim = annotate.Span{DocID: blinkenDoc, Layer: "claim", Label: "Claim", Fragments: []annotate.Fragment{claimFrag},
	Attrs: annotate.Attrs{"checkworthy": "yes"}, Note: "bob's note", Annotator: "bob"}

// Another annotator's span is drawn dashed with its owner named, its card
// is greyed out and says whose it is, and every key that would change it
// says so in the hint line instead; nothing reaches the project.
func TestOthersSpanIsShownAndRefused(t *testing.T) {
	path := newProject(t)
	bobs := addSpansBy(t, path, bobsClaim)[0]
	wb, st := openTeamWorkbench(t, path)
	wb.openDocument(blinkenDoc)
	mine := labelSpan(t, wb, blinkenFrag, "actor", "PERSON")

	if h, _ := wb.view.HighlightOf(bobs.ID); h.Style != articleview.StyleOther || h.Owner != "bob" {
		t.Errorf("bob's highlight: style %v owner %q, want StyleOther, bob", h.Style, h.Owner)
	}
	if h, _ := wb.view.HighlightOf(mine.ID); h.Style != articleview.StyleOwn || h.Owner != "" {
		t.Errorf("alice's own highlight: style %v owner %q, want StyleOwn and no owner", h.Style, h.Owner)
	}

	tapSpan(wb, claimFrag.Start+3)
	if wb.session.selectedID() != bobs.ID {
		t.Fatalf("clicking bob's claim selected %q", wb.session.selectedID())
	}
	if got := hint(wb); !strings.Contains(got, "bob's Claim span") || !strings.Contains(got, "C copies it") {
		t.Errorf("hint after selecting bob's span: %q", got)
	}
	card := wb.panel.card
	if !card.readOnly || !card.labelSel.Disabled() || !card.del.Disabled() || !card.note.Disabled() {
		t.Errorf("bob's card: read-only %v, label disabled %v, delete disabled %v, note disabled %v; want all greyed out",
			card.readOnly, card.labelSel.Disabled(), card.del.Disabled(), card.note.Disabled())
	}
	if f := formField(t, wb, "checkworthy").(*widget.Select); !f.Disabled() || f.Selected != "yes" {
		t.Errorf("bob's checkworthy: disabled %v, shows %q", f.Disabled(), f.Selected)
	}
	if !slices.Contains(card.box.Objects, card.ownerRow) || !strings.Contains(card.owner.Text, "bob's span") {
		t.Errorf("the card does not say whose the span is: %q", card.owner.Text)
	}

	c := wb.win.Canvas()
	refusals := []struct {
		name, want string
		do         func()
	}{
		{"Delete", "Not deleted: this span is bob's; press C to copy it into your layer.",
			func() { c.OnTypedKey()(&fyne.KeyEvent{Name: fyne.KeyDelete}) }},
		{"Backspace", "Not deleted: this span is bob's; press C to copy it into your layer.",
			func() { c.OnTypedKey()(&fyne.KeyEvent{Name: fyne.KeyBackspace}) }},
		{"a label's key of another layer", "ORG is a label of the actor layer", func() { test.TypeOnCanvas(c, "o") }},
		{"Shift+Right", "Not moved: this span is bob's; press C to copy it into your layer.", func() { modArrow(wb, fyne.KeyRight, 0) }},
		{"a label button", "Not relabelled: this span is bob's; press C to copy it into your layer.", func() { wb.labelChosen(labelRef{"claim", "Claim"}) }},
		{"Ctrl+drag", "No fragment added: this span is bob's; press C to copy it into your layer.",
			func() { wb.addFragment(bobs.ID, annotate.Fragment{Start: 0, End: 9}) }},
	}
	// bob's PERSON, relabelled with ORG's key
	bobsActor := annotate.Span{DocID: blinkenDoc, Layer: "actor", Label: "PERSON", Fragments: []annotate.Fragment{schemeFrag}, Annotator: "bob"}
	refusals = append(refusals, struct {
		name, want string
		do         func()
	}{"a label's key", "Not relabelled: this span is bob's; press C to copy it into your layer.", func() {
		other := addSpansBy(t, path, bobsActor)[0]
		wb.session.reopen()
		wb.session.selectSpan(other.ID, false)
		test.TypeOnCanvas(c, "o")
	}})
	for _, r := range refusals {
		r.do()
		if got := hint(wb); !strings.Contains(got, r.want) {
			t.Errorf("%s: hint %q, want %q", r.name, got, r.want)
		}
		if c.Overlays().Top() != nil {
			t.Fatalf("%s: a dialog opened; the refusal belongs in the hint line", r.name)
		}
		for _, sp := range wb.session.document().Spans {
			if sp.Annotator == "bob" && (sp.Label != "Claim" && sp.Label != "PERSON" || len(sp.Fragments) != 1) {
				t.Fatalf("%s: bob's span changed in the window: %+v", r.name, sp)
			}
		}
	}
	if n := len(spansOf(t, st, blinkenDoc)); n != 3 {
		t.Errorf("the project holds %d spans, want 3 (nothing refused was written)", n)
	}
}

// C copies another annotator's span into one's own layer: same layer, label,
// fragments, attributes and note, the edit log saying whose it was; Ctrl+Z
// takes the copy back and Ctrl+Y brings it again. On a layer without
// overlaps one's own span in the way refuses it, in words.
func TestCopyKey(t *testing.T) {
	path := newProject(t)
	bobsActor := annotate.Span{DocID: blinkenDoc, Layer: "actor", Label: "PERSON", Fragments: []annotate.Fragment{blinkenFrag}, Annotator: "bob"}
	spans := addSpansBy(t, path, bobsClaim, bobsActor)
	bobs, bobsPerson := spans[0], spans[1]
	wb, st := openTeamWorkbench(t, path)
	wb.openDocument(blinkenDoc)
	c := wb.win.Canvas()

	tapSpan(wb, claimFrag.Start+3)
	test.TypeOnCanvas(c, "c")
	stored := spansOf(t, st, blinkenDoc)
	i := slices.IndexFunc(stored, func(sp annotate.Span) bool { return sp.Annotator == annotator })
	if len(stored) != 3 || i < 0 {
		t.Fatalf("after C the project holds %+v, want bob's two and alice's copy", stored)
	}
	cp := stored[i]
	if cp.ID == bobs.ID || cp.Layer != bobs.Layer || cp.Label != bobs.Label || !slices.Equal(cp.Fragments, bobs.Fragments) ||
		!cp.Attrs.Equal(bobs.Attrs) || cp.Note != bobs.Note {
		t.Errorf("alice's copy %+v is not bob's span %+v", cp, bobs)
	}
	if wb.session.selectedID() != cp.ID {
		t.Errorf("the copy is not selected")
	}
	if wb.panel.card.readOnly || wb.panel.card.labelSel.Disabled() {
		t.Errorf("the copy's card is greyed out: it is alice's")
	}
	if got := hint(wb); !strings.Contains(got, "Copied bob's Claim span") {
		t.Errorf("hint after C: %q", got)
	}
	if h, _ := wb.view.HighlightOf(cp.ID); h.Style != articleview.StyleOwn {
		t.Errorf("the copy is drawn as %v, want StyleOwn", h.Style)
	}
	last, ok, err := st.NextUndo(t.Context(), annotator)
	if add, isAdd := last.(annotate.AddSpanEdit); err != nil || !ok || !isAdd || add.Origin != "copy:bob" || add.Span.ID != cp.ID {
		t.Errorf("the edit log's last edit %#v (%v, %v), want the copy with origin copy:bob", last, ok, err)
	}

	// C again on bob's: the copy is there already
	wb.session.selectSpan(bobs.ID, false)
	test.TypeOnCanvas(c, "c")
	if n := len(spansOf(t, st, blinkenDoc)); n != 3 || wb.session.selectedID() != cp.ID || !strings.Contains(hint(wb), "already have") {
		t.Errorf("a second C: %d spans, selected %q, hint %q", n, wb.session.selectedID(), hint(wb))
	}

	shortcut(wb, &fyne.ShortcutUndo{})
	if n := len(spansOf(t, st, blinkenDoc)); n != 2 || hint(wb) != "Undone: copy bob's Claim" {
		t.Errorf("Ctrl+Z after the copy: %d spans in the project (want 2), hint %q", n, hint(wb))
	}
	shortcut(wb, &fyne.ShortcutRedo{})
	if n := len(spansOf(t, st, blinkenDoc)); n != 3 {
		t.Errorf("Ctrl+Y: %d spans in the project, want 3", n)
	}

	// actor allows no overlaps: alice's own GPE over "Blinken" is in the way
	mine := labelSpan(t, wb, blinkenFrag, "actor", "GPE")
	wb.session.selectSpan(bobsPerson.ID, false)
	test.TypeOnCanvas(c, "c")
	want := "Not copied: bob's PERSON span: it would overlap the GPE span “Blinken”"
	if got := hint(wb); !strings.HasPrefix(got, want) {
		t.Errorf("copy over one's own span: hint %q, want it to start %q", got, want)
	}
	if c.Overlays().Top() != nil {
		t.Error("the refusal opened a dialog; it belongs in the hint line")
	}
	if n := len(spansOf(t, st, blinkenDoc)); n != 4 {
		t.Errorf("%d spans in the project, want 4 (bob's two, alice's copy and her GPE %s)", n, mine.ID)
	}
}

// TestCopyBringsTheRelations: copying bob's claim after his actor (or the
// actor after the claim) brings his attribution between the two copies, in
// the same edit: one Ctrl+Z takes span and relation back.
func TestCopyBringsTheRelations(t *testing.T) {
	for _, first := range []string{"actor", "claim"} {
		t.Run(first+" first", func(t *testing.T) {
			path := newProject(t)
			bobsActor := annotate.Span{DocID: blinkenDoc, Layer: "actor", Label: "PERSON", Fragments: []annotate.Fragment{blinkenFrag}, Annotator: "bob"}
			spans := addSpansBy(t, path, bobsClaim, bobsActor)
			st, err := sqlite.Open(t.Context(), path)
			if err != nil {
				t.Fatal(err)
			}
			if _, err := st.Apply(t.Context(), annotate.AddRelation(annotate.Relation{DocID: blinkenDoc, Type: "attributed_to",
				From: spans[0].ID, To: spans[1].ID, Annotator: "bob"})); err != nil {
				t.Fatal(err)
			}
			st.Close()
			wb, st := openTeamWorkbench(t, path)
			wb.openDocument(blinkenDoc)
			copyOf := map[string]annotate.Span{"claim": spans[0], "actor": spans[1]}
			second := map[string]string{"actor": "claim", "claim": "actor"}[first]

			wb.session.selectSpan(copyOf[first].ID, false)
			test.TypeOnCanvas(wb.win.Canvas(), "c")
			if got := hint(wb); strings.Contains(got, "relation") {
				t.Errorf("the first copy says %q: nothing to relate it to yet", got)
			}
			wb.session.selectSpan(copyOf[second].ID, false)
			test.TypeOnCanvas(wb.win.Canvas(), "c")
			if got := hint(wb); !strings.Contains(got, "with 1 relation to spans you copied before") {
				t.Errorf("the second copy says %q", got)
			}
			ad, err := st.Annotations(t.Context(), blinkenDoc)
			if err != nil {
				t.Fatal(err)
			}
			mine := map[string]string{}
			for _, sp := range ad.Spans {
				if sp.Annotator == annotator {
					mine[sp.ID] = sp.Layer
				}
			}
			var got []string
			for _, r := range ad.Relations {
				if r.Annotator == annotator {
					got = append(got, mine[r.From]+" "+r.Type+" "+mine[r.To])
				}
			}
			if want := []string{"claim attributed_to actor"}; !slices.Equal(got, want) {
				t.Errorf("alice's relations %q, want %q", got, want)
			}
			shortcut(wb, &fyne.ShortcutUndo{})
			ad, _ = st.Annotations(t.Context(), blinkenDoc)
			if len(ad.Spans) != 3 || len(ad.Relations) != 1 {
				t.Errorf("one Ctrl+Z leaves %d spans and %d relations, want 3 and bob's 1", len(ad.Spans), len(ad.Relations))
			}
		})
	}
}
