package app

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"frametag/annotate"
)

// labelSpan selects [f.Start, f.End) and presses the label's key.
func labelSpan(t *testing.T, wb *Workbench, f annotate.Fragment, layer, label string) annotate.Span {
	t.Helper()
	wb.view.SetSelection(f.Start, f.End)
	test.TypeOnCanvas(wb.win.Canvas(), string(keyOf(t, wb.schema, layer, label)))
	sp, ok := wb.span(wb.selected)
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
	wb.selectSpan(claim.ID, true)
	test.TypeOnCanvas(wb.win.Canvas(), "l")
	wb.spanTapped(actor.ID)
	test.AssertObjectRendersToMarkup(t, "panel_claim_linked.xml", wb.panel.root)
}

func TestDeleteKeyAndUndoRestoreTheRelation(t *testing.T) {
	wb, st := openWorkbench(t, newProject(t))
	wb.openDocument(blinkenDoc)
	claim := labelSpan(t, wb, claimFrag, "claim", "Claim")
	actor := labelSpan(t, wb, blinkenFrag, "actor", "PERSON")
	wb.selectSpan(claim.ID, false)
	wb.startLink()
	wb.spanTapped(actor.ID)
	if len(wb.doc.Relations) != 1 {
		t.Fatalf("%d relations after linking", len(wb.doc.Relations))
	}

	wb.selectSpan(actor.ID, false)
	wb.win.Canvas().OnTypedKey()(&fyne.KeyEvent{Name: fyne.KeyDelete})
	ad, err := st.Annotations(blinkenDoc)
	if err != nil {
		t.Fatal(err)
	}
	if len(ad.Spans) != 1 || len(ad.Relations) != 0 {
		t.Fatalf("after Delete: %d spans, %d relations; want 1, 0", len(ad.Spans), len(ad.Relations))
	}
	shortcut(wb, &fyne.ShortcutUndo{})
	ad, err = st.Annotations(blinkenDoc)
	if err != nil {
		t.Fatal(err)
	}
	if len(ad.Spans) != 2 || len(ad.Relations) != 1 || ad.Relations[0].To != actor.ID {
		t.Fatalf("after undo: %d spans, relations %+v", len(ad.Spans), ad.Relations)
	}
	if len(wb.doc.Relations) != 1 || len(wb.doc.Spans) != 2 {
		t.Fatalf("after undo the window shows %d spans, %d relations", len(wb.doc.Spans), len(wb.doc.Relations))
	}
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
		before := len(wb.doc.Relations)
		wb.selectSpan(tc.from.ID, false)
		wb.startLink()
		wb.spanTapped(tc.to.ID)
		ad, err := st.Annotations(blinkenDoc)
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
	wb.selectSpan(claim.ID, false)
	wb.startLink()
	wb.win.Canvas().OnTypedKey()(&fyne.KeyEvent{Name: fyne.KeyEscape})
	if wb.linking {
		t.Error("Escape did not cancel linking")
	}
}

func TestSchemaRenameReachesPanelAndSpans(t *testing.T) {
	wb, st := openWorkbench(t, newProject(t))
	wb.openDocument(blinkenDoc)
	labelSpan(t, wb, claimFrag, "claim", "Claim")

	before := wb.schema.Clone()
	after := before.Clone()
	l, _ := after.Layer("claim")
	l.Labels[0].Name = "Assertion"
	if err := wb.saveSchema(before, after, []annotate.LabelRename{{Layer: "claim", From: "Claim", To: "Assertion"}}); err != nil {
		t.Fatal(err)
	}
	labels := func() []string {
		var out []string
		for _, it := range wb.panel.labels.Items {
			for _, o := range it.Detail.(*fyne.Container).Objects {
				out = append(out, o.(*labelChip).ref.label)
			}
		}
		return out
	}
	if got := labels(); got[0] != "Assertion" {
		t.Errorf("after the rename the panel's first label is %s", got[0])
	}
	if sp := spansOf(t, st, blinkenDoc); sp[0].Label != "Assertion" || wb.doc.Spans[0].Label != "Assertion" {
		t.Errorf("after the rename: stored %s, shown %s", sp[0].Label, wb.doc.Spans[0].Label)
	}
	shortcut(wb, &fyne.ShortcutUndo{})
	if got := labels(); got[0] != "Claim" {
		t.Errorf("after undo the panel's first label is %s", got[0])
	}
	if sp := spansOf(t, st, blinkenDoc); sp[0].Label != "Claim" || wb.doc.Spans[0].Label != "Claim" {
		t.Errorf("after undo: stored %s, shown %s", sp[0].Label, wb.doc.Spans[0].Label)
	}
}
