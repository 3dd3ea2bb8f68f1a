package schemaedit

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"frametag/annotate"
	"frametag/annotate/schemes"
)

// labelCounts is a Counter over a fixed table "layer/label" → count, standing
// in for the store's counts.
type labelCounts map[string]int

func (c labelCounts) SpanCountByLabel(_ context.Context, layer, label string) (int, error) {
	return c[layer+"/"+label], nil
}

// docCounts also counts document labels, as the store does.
type docCounts struct{ labelCounts }

func (c docCounts) DocLabelCountByLabel(_ context.Context, layer, label string) (int, error) {
	return c.labelCounts["doc:"+layer+"/"+label], nil
}

// saves records every onSave call.
type saves struct {
	calls []saved
	fail  error // what onSave returns
}

type saved struct {
	schema  annotate.Schema
	renames []annotate.LabelRename
}

func (s *saves) onSave(after annotate.Schema, renames []annotate.LabelRename) error {
	s.calls = append(s.calls, saved{after, renames})
	return s.fail
}

func newTestEditor(t *testing.T, schema annotate.Schema, counts Counter) (*Editor, fyne.Window, *saves) {
	t.Helper()
	test.NewTempApp(t)
	rec := &saves{}
	win := test.NewTempWindow(t, widget.NewLabel("main window"))
	win.Resize(fyne.NewSize(1100, 750))
	e := New(schema, counts, win, rec.onSave)
	win.SetContent(e)
	return e, win, rec
}

func layerIndex(t *testing.T, e *Editor, name string) int {
	t.Helper()
	for i, l := range e.d.schema.Layers {
		if l.Name == name {
			return i
		}
	}
	t.Fatalf("no layer %q", name)
	return -1
}

// selectLabel selects a layer and one of its labels through the lists.
func selectLabel(t *testing.T, e *Editor, layer, label string) {
	t.Helper()
	i := layerIndex(t, e, layer)
	e.layers.list.Select(i)
	for j, lb := range e.d.schema.Layers[i].Labels {
		if lb.Name == label {
			e.labels.list.Select(j)
			return
		}
	}
	t.Fatalf("layer %q has no label %q", layer, label)
}

// walk visits o and everything drawn inside it.
func walk(o fyne.CanvasObject, fn func(fyne.CanvasObject)) {
	fn(o)
	switch x := o.(type) {
	case *fyne.Container:
		for _, c := range x.Objects {
			walk(c, fn)
		}
	case fyne.Widget:
		for _, c := range test.WidgetRenderer(x).Objects() {
			walk(c, fn)
		}
	}
}

// topDialog returns the texts of the labels and buttons of the dialog on
// top of win, and a way to press one of its buttons.
func topDialog(t *testing.T, win fyne.Window) (texts []string, press func(button string)) {
	t.Helper()
	top := win.Canvas().Overlays().Top()
	if top == nil {
		t.Fatal("no dialog is shown")
	}
	buttons := map[string]*widget.Button{}
	walk(top, func(o fyne.CanvasObject) {
		switch x := o.(type) {
		case *widget.Label:
			texts = append(texts, x.Text)
		case *widget.Button:
			texts = append(texts, x.Text)
			buttons[x.Text] = x
		}
	})
	return texts, func(name string) {
		b, ok := buttons[name]
		if !ok {
			t.Fatalf("dialog has no button %q; it shows %q", name, texts)
		}
		test.Tap(b)
	}
}

func labelNamesOf(s annotate.Schema, layer string) []string {
	l, _ := s.Layer(layer)
	var out []string
	for _, lb := range l.Labels {
		out = append(out, lb.Name)
	}
	return out
}

func TestRenameLabelReachesOnSave(t *testing.T) {
	tests := []struct {
		name    string
		typed   []string // successive names given to actor/ORG
		want    []annotate.LabelRename
		wantORG string
	}{
		{"one rename", []string{"Organisation"}, []annotate.LabelRename{{Layer: "actor", From: "ORG", To: "Organisation"}}, "Organisation"},
		{"several edits make one rename", []string{"O", "Org", "Organization"}, []annotate.LabelRename{{Layer: "actor", From: "ORG", To: "Organization"}}, "Organization"},
		{"renamed back is no rename", []string{"Org", "ORG"}, nil, "ORG"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e, _, rec := newTestEditor(t, schemes.Default(), labelCounts{"actor/ORG": 4})
			selectLabel(t, e, "actor", "ORG")
			for _, name := range tt.typed {
				e.labelName.SetText(name)
			}
			test.Tap(e.save)
			if len(rec.calls) != 1 {
				t.Fatalf("onSave called %d times, errors: %s", len(rec.calls), e.errors.Text)
			}
			got := rec.calls[0]
			if !slices.Equal(got.renames, tt.want) {
				t.Errorf("renames = %v, want %v", got.renames, tt.want)
			}
			if names := labelNamesOf(got.schema, "actor"); names[1] != tt.wantORG {
				t.Errorf("actor labels = %v, want %q second", names, tt.wantORG)
			}
		})
	}
}

// A rename survives reordering, and a second save reports only what changed
// since the first.
func TestRenameAfterMoveAndSecondSave(t *testing.T) {
	e, _, rec := newTestEditor(t, schemes.Default(), nil)
	selectLabel(t, e, "actor", "GPE")
	test.Tap(e.labels.up) // GPE now second, ORG third
	e.labelName.SetText("Country")
	test.Tap(e.save)
	selectLabel(t, e, "actor", "NORP")
	e.labelName.SetText("Group of people")
	test.Tap(e.save)
	if len(rec.calls) != 2 {
		t.Fatalf("onSave called %d times, errors: %s", len(rec.calls), e.errors.Text)
	}
	if want := []string{"PERSON", "Country", "ORG", "NORP", "GROUP"}; !slices.Equal(labelNamesOf(rec.calls[0].schema, "actor"), want) {
		t.Errorf("first save labels = %v, want %v", labelNamesOf(rec.calls[0].schema, "actor"), want)
	}
	wantRenames := [][]annotate.LabelRename{
		{{Layer: "actor", From: "GPE", To: "Country"}},
		{{Layer: "actor", From: "NORP", To: "Group of people"}},
	}
	for i, want := range wantRenames {
		if !slices.Equal(rec.calls[i].renames, want) {
			t.Errorf("save %d renames = %v, want %v", i+1, rec.calls[i].renames, want)
		}
	}
}

func TestDeleteUsedLabelAsksWithTheCount(t *testing.T) {
	tests := []struct {
		answer    string
		wantNames bool // Doubt still there
	}{
		{"No", true},
		{"Delete", false},
	}
	for _, tt := range tests {
		t.Run(tt.answer, func(t *testing.T) {
			e, win, rec := newTestEditor(t, schemes.Default(), labelCounts{"technique/Doubt": 3})
			selectLabel(t, e, "technique", "Doubt")
			test.Tap(e.labels.del)
			texts, press := topDialog(t, win)
			wantMsg := `Label "Doubt" of layer "technique" holds 3 spans.`
			if !slices.ContainsFunc(texts, func(s string) bool { return strings.Contains(s, wantMsg) }) {
				t.Errorf("dialog shows %q, want a message containing %q", texts, wantMsg)
			}
			if !slices.Contains(labelNamesOf(e.d.schema, "technique"), "Doubt") {
				t.Fatal("label deleted before the user answered")
			}
			press(tt.answer)
			test.Tap(e.save)
			got := labelNamesOf(rec.calls[0].schema, "technique")
			if slices.Contains(got, "Doubt") != tt.wantNames {
				t.Errorf("after %q Doubt present = %v, want %v", tt.answer, !tt.wantNames, tt.wantNames)
			}
			if len(rec.calls[0].renames) != 0 {
				t.Errorf("renames = %v, want none", rec.calls[0].renames)
			}
		})
	}
}

func TestDeleteUnusedOrNewLabelNeedsNoConfirmation(t *testing.T) {
	e, win, _ := newTestEditor(t, schemes.Default(), labelCounts{"technique/Doubt": 3})
	selectLabel(t, e, "technique", "Slogans") // count 0
	test.Tap(e.labels.del)
	if top := win.Canvas().Overlays().Top(); top != nil {
		t.Fatal("a dialog opened for a label with no spans")
	}
	test.Tap(e.labels.add[0])
	test.Tap(e.labels.del)
	names := labelNamesOf(e.d.schema, "technique")
	if len(names) != 22 || slices.Contains(names, "Slogans") || slices.Contains(names, "label") {
		t.Errorf("techniques = %v, want the 22 without Slogans", names)
	}
}

func TestDocumentLabelDeletionSpeaksOfDocuments(t *testing.T) {
	e, win, _ := newTestEditor(t, schemes.Default(), docCounts{labelCounts{"doc:frame/Economic": 1}})
	selectLabel(t, e, "frame", "Economic")
	test.Tap(e.labels.del)
	texts, _ := topDialog(t, win)
	want := `Label "Economic" of layer "frame" is on 1 document.`
	if !slices.ContainsFunc(texts, func(s string) bool { return strings.Contains(s, want) }) {
		t.Errorf("dialog shows %q, want %q", texts, want)
	}
}

func TestDuplicateKeyIsShownAndSaveRefuses(t *testing.T) {
	e, _, rec := newTestEditor(t, schemes.Default(), nil)
	selectLabel(t, e, "actor", "ORG")
	e.labelKey.SetText("C") // Claim has c; keys ignore case
	wantInline := `Key "c" is used by claim/Claim and actor/ORG.`
	if e.keyNote.Text != wantInline {
		t.Errorf("key note = %q, want %q", e.keyNote.Text, wantInline)
	}
	if !strings.Contains(e.problems.Text, wantInline) {
		t.Errorf("problems = %q, want %q", e.problems.Text, wantInline)
	}
	test.Tap(e.save)
	if len(rec.calls) != 0 {
		t.Fatal("onSave called with a duplicate key")
	}
	wantErr := `key "c" is used by claim/Claim and actor/ORG`
	if !strings.Contains(e.errors.Text, wantErr) {
		t.Errorf("errors = %q, want %q", e.errors.Text, wantErr)
	}
	// Clearing the key and assigning keys resolves it.
	e.labelKey.SetText("")
	test.Tap(e.assignKeys)
	if e.labelKey.Text != "o" {
		t.Errorf("assigned key = %q, want o (ORG's first free letter)", e.labelKey.Text)
	}
	test.Tap(e.save)
	if len(rec.calls) != 1 || e.errors.Text != "" {
		t.Fatalf("save after fixing: %d calls, errors %q", len(rec.calls), e.errors.Text)
	}
}

func TestSaveListsEveryError(t *testing.T) {
	e, _, rec := newTestEditor(t, schemes.Default(), nil)
	selectLabel(t, e, "actor", "ORG")
	e.labelColor.SetText("blue")
	e.labelName.SetText("PERSON")
	test.Tap(e.save)
	if len(rec.calls) != 0 {
		t.Fatal("onSave called with an invalid schema")
	}
	for _, want := range []string{
		`layer 2 ("actor") label 2 ("PERSON"): duplicate label name`,
		`layer 2 ("actor") label 2 ("PERSON"): colour "blue", want #rrggbb`,
	} {
		if !strings.Contains(e.errors.Text, want) {
			t.Errorf("errors = %q, want it to contain %q", e.errors.Text, want)
		}
	}
	if !strings.Contains(e.colorNote.Text, `colour "blue": want #rrggbb`) {
		t.Errorf("colour note = %q", e.colorNote.Text)
	}
}

func TestChainedRenamesAreRefused(t *testing.T) {
	e, _, rec := newTestEditor(t, schemes.Default(), nil)
	selectLabel(t, e, "actor", "ORG")
	e.labelName.SetText("tmp")
	selectLabel(t, e, "actor", "GPE")
	e.labelName.SetText("ORG")
	test.Tap(e.save)
	if len(rec.calls) != 0 {
		t.Fatal("onSave called with order-dependent renames")
	}
	want := `layer "actor": "GPE" is renamed to "ORG", which is the saved name of another label; save the other change first, then this rename`
	if !strings.Contains(e.errors.Text, want) {
		t.Errorf("errors = %q, want %q", e.errors.Text, want)
	}
}

func TestRecolourFromPalette(t *testing.T) {
	e, _, rec := newTestEditor(t, schemes.Default(), nil)
	selectLabel(t, e, "claim", "Claim")
	sw := e.swatches.Objects[3].(*swatch)
	test.Tap(sw)
	if e.labelColor.Text != sw.hex {
		t.Errorf("colour entry = %q, want %q", e.labelColor.Text, sw.hex)
	}
	test.Tap(e.save)
	if got := rec.calls[0].schema.Layers[0].Labels[0].Color; got != sw.hex {
		t.Errorf("saved colour = %q, want %q", got, sw.hex)
	}
}

func TestLayerInUseCannotBeRenamedButCanBeDeleted(t *testing.T) {
	e, win, rec := newTestEditor(t, schemes.Default(), labelCounts{"claim/Claim": 5})
	e.layers.list.Select(layerIndex(t, e, "claim"))
	if !e.layerName.Disabled() || !e.layerKind.Disabled() {
		t.Error("name and kind of a layer holding annotations are editable")
	}
	if want := "This layer holds 5 annotations"; !strings.HasPrefix(e.layerNote.Text, want) {
		t.Errorf("layer note = %q, want %q…", e.layerNote.Text, want)
	}
	test.Tap(e.layers.del)
	texts, press := topDialog(t, win)
	want := `Layer "claim" holds 5 annotations. Deleting the layer removes them and the relation types attributed_to when you save`
	if !slices.ContainsFunc(texts, func(s string) bool { return strings.Contains(s, want) }) {
		t.Errorf("dialog shows %q, want %q", texts, want)
	}
	press("Delete")
	test.Tap(e.save)
	if len(rec.calls) != 1 {
		t.Fatalf("not saved: %s", e.errors.Text)
	}
	got := rec.calls[0].schema
	if _, ok := got.Layer("claim"); ok {
		t.Error("claim layer still there")
	}
	if _, ok := got.RelationType("attributed_to"); ok {
		t.Error("attributed_to still there without its layer")
	}
	if _, ok := got.RelationType("targets"); !ok {
		t.Error("targets removed though its layers stay")
	}
}

// An unused layer can be renamed; relation types follow.
func TestRenameUnusedLayerCarriesRelations(t *testing.T) {
	e, _, rec := newTestEditor(t, schemes.Default(), labelCounts{"claim/Claim": 5})
	e.layers.list.Select(layerIndex(t, e, "actor"))
	if e.layerName.Disabled() {
		t.Fatal("unused layer's name is not editable")
	}
	e.layerName.SetText("entity")
	test.Tap(e.save)
	if len(rec.calls) != 1 {
		t.Fatalf("not saved: %s", e.errors.Text)
	}
	rt, _ := rec.calls[0].schema.RelationType("attributed_to")
	if rt.To != "entity" {
		t.Errorf("attributed_to goes to %q, want entity", rt.To)
	}
	if len(rec.calls[0].renames) != 0 {
		t.Errorf("renames = %v, want none", rec.calls[0].renames)
	}
}

// Building a schema from nothing through the editor: a span layer with two
// labels and an attribute, a document layer, a relation type, guidelines.
func TestBuildSchemaFromScratch(t *testing.T) {
	e, _, rec := newTestEditor(t, annotate.Schema{Name: "mine"}, nil)
	test.Tap(e.layers.add[0])
	e.layerName.SetText("claim")
	test.Tap(e.labels.add[0])
	e.labelName.SetText("Claim")
	e.labelDesc.SetText("A checkable statement.")
	test.Tap(e.labels.add[0])
	e.labelName.SetText("Counterclaim")
	e.labelGroup.SetText("claims")
	test.Tap(e.attrs.add[0])
	e.attrName.SetText("checkworthy")
	e.attrKind.SetSelected("choice")
	e.attrValues.SetText("yes\nno\n")
	test.Tap(e.layers.add[1])
	e.layerName.SetText("genre")
	e.layerMulti.SetChecked(false)
	test.Tap(e.labels.add[0])
	e.labelName.SetText("opinion")
	test.Tap(e.rels.add[0])
	e.relName.SetText("answers")
	e.guide.SetText("# Our codebook\n\nMark *claims*.")
	test.Tap(e.save)
	if len(rec.calls) != 1 {
		t.Fatalf("not saved: %s", e.errors.Text)
	}
	got := rec.calls[0].schema
	if err := got.Validate(); err != nil {
		t.Fatal(err)
	}
	claim, _ := got.Layer("claim")
	if want := []string{"Claim", "Counterclaim"}; !slices.Equal(labelNamesOf(got, "claim"), want) {
		t.Errorf("claim labels = %v, want %v", labelNamesOf(got, "claim"), want)
	}
	if claim.Labels[0].Key != "c" || claim.Labels[1].Key == "" || claim.Labels[1].Group != "claims" {
		t.Errorf("labels = %+v, want keys and a group", claim.Labels)
	}
	if a, ok := claim.Attribute("checkworthy"); !ok || a.Kind != annotate.AttrChoice || !slices.Equal(a.Values, []string{"yes", "no"}) {
		t.Errorf("attribute = %+v", a)
	}
	genre, _ := got.Layer("genre")
	if genre.Kind != annotate.DocumentLayer || genre.Labels[0].Key != "" {
		t.Errorf("genre = %+v, want a document layer without keys", genre)
	}
	if rt, ok := got.RelationType("answers"); !ok || rt.From != "claim" || rt.To != "claim" {
		t.Errorf("relation = %+v", rt)
	}
	if got.Guidelines != "# Our codebook\n\nMark *claims*." {
		t.Errorf("guidelines = %q", got.Guidelines)
	}
	if len(e.preview.Segments) == 0 || !strings.Contains(fmt.Sprint(e.preview.Segments[0]), "Our codebook") {
		t.Errorf("preview segments = %v, want the heading first", e.preview.Segments)
	}
}

func TestDocumentLabelsTakeNoKey(t *testing.T) {
	e, _, _ := newTestEditor(t, schemes.Default(), nil)
	selectLabel(t, e, "frame", "Economic")
	if !e.labelKey.Disabled() {
		t.Error("key entry enabled for a document label")
	}
	if !e.attrs.add[0].Disabled() {
		t.Error("attributes can be added to a document layer")
	}
}

func TestShowDialogClosesOnSave(t *testing.T) {
	test.NewTempApp(t)
	win := test.NewTempWindow(t, widget.NewLabel("main"))
	win.Resize(fyne.NewSize(1000, 700))
	var got []annotate.LabelRename
	d, _ := ShowDialog(schemes.Attribution(), labelCounts{}, win, func(_ annotate.Schema, r []annotate.LabelRename) error {
		got = r
		return nil
	})
	if win.Canvas().Overlays().Top() == nil {
		t.Fatal("dialog not shown")
	}
	var ed *Editor
	walk(win.Canvas().Overlays().Top(), func(o fyne.CanvasObject) {
		if x, ok := o.(*Editor); ok {
			ed = x
		}
	})
	if ed == nil {
		t.Fatal("no editor in the dialog")
	}
	selectLabel(t, ed, "attribution", "Cue")
	ed.labelName.SetText("Cue word")
	test.Tap(ed.save)
	if want := []annotate.LabelRename{{Layer: "attribution", From: "Cue", To: "Cue word"}}; !slices.Equal(got, want) {
		t.Errorf("renames = %v, want %v", got, want)
	}
	if win.Canvas().Overlays().Top() != nil {
		t.Error("dialog still open after a save")
	}
	_ = d
}

func TestChangingLayerKind(t *testing.T) {
	e, _, rec := newTestEditor(t, schemes.Default(), nil)
	e.layers.list.Select(layerIndex(t, e, "actor"))
	e.layerKind.SetSelected("document")
	if e.layerMulti.Disabled() || !e.layerOverlap.Disabled() {
		t.Error("overlap should be off and multi on offer for a document layer")
	}
	test.Tap(e.save)
	if len(rec.calls) != 0 {
		t.Fatal("saved a document layer with attributes and relation types into it")
	}
	for _, want := range []string{
		`layer 2 ("actor"): attributes apply to span layers only`,
		`relation type 1 ("attributed_to"): to layer "actor" is not a span layer`,
	} {
		if !strings.Contains(e.errors.Text, want) {
			t.Errorf("errors = %q, want %q", e.errors.Text, want)
		}
	}
	actor, _ := e.d.schema.Layer("actor")
	for _, lb := range actor.Labels {
		if lb.Key != "" {
			t.Errorf("%s kept key %q on a document layer", lb.Name, lb.Key)
		}
	}
}

func TestDocumentLabelsAreCountedOnlyWithADocLabelCounter(t *testing.T) {
	// A Counter without DocLabelCountByLabel: nothing to count, no question.
	e, win, _ := newTestEditor(t, schemes.Default(), labelCounts{"frame/Economic": 7})
	selectLabel(t, e, "frame", "Economic")
	test.Tap(e.labels.del)
	if win.Canvas().Overlays().Top() != nil {
		t.Error("asked with span counts for a document label")
	}
}

func TestRenameOntoARecreatedNameIsRefused(t *testing.T) {
	e, _, rec := newTestEditor(t, schemes.Default(), nil)
	selectLabel(t, e, "actor", "ORG")
	e.labelName.SetText("Organisation")
	test.Tap(e.labels.add[0])
	e.labelName.SetText("ORG")
	test.Tap(e.save)
	if len(rec.calls) != 0 {
		t.Fatal("saved a rename whose old name is taken again")
	}
	want := `layer "actor": "ORG" is renamed to "Organisation" while a label called "ORG" is added; save the rename first, then add the label`
	if !strings.Contains(e.errors.Text, want) {
		t.Errorf("errors = %q, want %q", e.errors.Text, want)
	}
}

// When the store refuses the schema, the edit and its renames stay, and the
// next save sends the same renames again.
func TestRefusedSaveKeepsTheRenames(t *testing.T) {
	e, _, rec := newTestEditor(t, schemes.Default(), nil)
	rec.fail = errors.New(`schema: layer "claim" attribute "kind": 3 spans hold values the new schema does not allow`)
	selectLabel(t, e, "actor", "ORG")
	e.labelName.SetText("Organisation")
	test.Tap(e.save)
	if !strings.Contains(e.errors.Text, "Not saved: schema: layer \"claim\"") {
		t.Errorf("errors = %q, want the store's refusal", e.errors.Text)
	}
	rec.fail = nil
	test.Tap(e.save)
	want := []annotate.LabelRename{{Layer: "actor", From: "ORG", To: "Organisation"}}
	if len(rec.calls) != 2 || !slices.Equal(rec.calls[1].renames, want) {
		t.Fatalf("second save renames = %v, want %v", rec.calls[len(rec.calls)-1].renames, want)
	}
	if e.errors.Text != "" {
		t.Errorf("errors after a good save = %q", e.errors.Text)
	}
}

// The preview renders as Project → Guidelines does: label names keep their
// underscores whole (Fyne's own Markdown parser showed "Loaded_ Language").
func TestGuidelinePreviewKeepsLabelNamesWhole(t *testing.T) {
	test.NewTempApp(t)
	e := New(annotate.Schema{Name: "s"}, nil, test.NewTempWindow(t, widget.NewLabel("")), nil)
	e.guide.SetText("Mark Loaded_Language and Name_Calling,Labeling.")
	var shown strings.Builder
	for _, s := range e.preview.Segments {
		shown.WriteString(s.Textual())
	}
	if got := shown.String(); !strings.Contains(got, "Loaded_Language and Name_Calling,Labeling") {
		t.Errorf("the preview shows %q", got)
	}
}

// editorIn finds the editor a ShowDialog put on win.
func editorIn(t *testing.T, win fyne.Window) *Editor {
	t.Helper()
	var ed *Editor
	walk(win.Canvas().Overlays().Top(), func(o fyne.CanvasObject) {
		if x, ok := o.(*Editor); ok {
			ed = x
		}
	})
	if ed == nil {
		t.Fatal("no editor in the dialog")
	}
	return ed
}

// Escape closes an unchanged editor at once; with changes it asks, and
// "Keep editing" keeps them.
func TestEscapeAsksBeforeDroppingChanges(t *testing.T) {
	test.NewTempApp(t)
	win := test.NewTempWindow(t, widget.NewLabel("main"))
	win.Resize(fyne.NewSize(1000, 700))
	ov := win.Canvas().Overlays()

	_, escape := ShowDialog(schemes.Attribution(), labelCounts{}, win, nil)
	escape()
	if ov.Top() != nil {
		t.Fatal("Escape left an unchanged editor open")
	}

	_, escape = ShowDialog(schemes.Attribution(), labelCounts{}, win, nil)
	ed := editorIn(t, win)
	selectLabel(t, ed, "attribution", "Cue")
	ed.labelName.SetText("Cue word")
	if !ed.Changed() {
		t.Fatal("a rename is not a change")
	}
	escape()
	editorOverlay := ov.List()[0]
	if len(ov.List()) != 2 {
		t.Fatalf("Escape with changes: %d overlays, want the editor and a question", len(ov.List()))
	}
	tapButton(t, ov.Top(), "Keep editing")
	if ov.Top() != editorOverlay || ed.labelName.Text != "Cue word" {
		t.Fatal("Keep editing did not go back to the edit")
	}
	escape()
	tapButton(t, ov.Top(), "Drop them")
	if ov.Top() != nil {
		t.Error("Drop them left the editor open")
	}
}

func tapButton(t *testing.T, root fyne.CanvasObject, text string) {
	t.Helper()
	var b *widget.Button
	walk(root, func(o fyne.CanvasObject) {
		if x, ok := o.(*widget.Button); ok && x.Text == text {
			b = x
		}
	})
	if b == nil {
		t.Fatalf("no %q button", text)
	}
	test.Tap(b)
}

// On a small window the editor fills it and no more.
func TestDialogFitsASmallWindow(t *testing.T) {
	test.NewTempApp(t)
	win := test.NewTempWindow(t, widget.NewLabel("main"))
	win.Resize(fyne.NewSize(800, 560))
	ShowDialog(schemes.Default(), labelCounts{}, win, nil)
	canvas := win.Canvas().Size()
	ed := editorIn(t, win)
	if s := ed.Size(); s.Width > canvas.Width || s.Height > canvas.Height {
		t.Errorf("editor %v on a %v window", s, canvas)
	}
}

// With nothing to report the message area is empty, not a blank scroll.
func TestMessagesHiddenWhenEmpty(t *testing.T) {
	e, _, _ := newTestEditor(t, schemes.Default(), nil)
	if e.messages.Visible() || e.errors.Visible() || e.problems.Visible() {
		t.Errorf("empty messages shown: errors %v %q, problems %v %q", e.errors.Visible(), e.errors.Text, e.problems.Visible(), e.problems.Text)
	}
	selectLabel(t, e, "claim", "Claim")
	e.labelKey.SetText("p") // PERSON's key
	if !e.messages.Visible() || !e.problems.Visible() || !strings.Contains(e.problems.Text, `Key "p"`) {
		t.Errorf("a key conflict is not shown: %v %q", e.problems.Visible(), e.problems.Text)
	}
}

// The editor opens with every list at its top: the selected first label is
// in view, not scrolled past.
func TestListsOpenAtTheTop(t *testing.T) {
	test.NewTempApp(t)
	win := test.NewTempWindow(t, widget.NewLabel("main"))
	win.Resize(fyne.NewSize(1400, 860))
	ShowDialog(schemes.PTC18(), labelCounts{}, win, nil)
	ed := editorIn(t, win)
	for name, s := range map[string]*section{"layers": ed.layers, "labels": ed.labels, "attributes": ed.attrs, "relation types": ed.rels} {
		if off := s.list.GetScrollOffset(); off != 0 {
			t.Errorf("the %s list opens scrolled by %.0f", name, off)
		}
	}
}

// A span layer offers "suggestions match case", off by default, saved in
// the schema; a document layer does not offer it.
func TestLayerCaseSetting(t *testing.T) {
	e, _, rec := newTestEditor(t, schemes.Default(), nil)
	e.layers.list.Select(layerIndex(t, e, "actor"))
	if e.layerCase.Disabled() || e.layerCase.Checked {
		t.Fatalf("a span layer: case offered %v, on %v (want offered, off)", !e.layerCase.Disabled(), e.layerCase.Checked)
	}
	e.layerCase.SetChecked(true)
	e.layers.list.Select(layerIndex(t, e, "frame"))
	if !e.layerCase.Disabled() {
		t.Error("a document layer offers the case setting")
	}
	test.Tap(e.save)
	if len(rec.calls) != 1 {
		t.Fatalf("%d saves", len(rec.calls))
	}
	for _, l := range rec.calls[0].schema.Layers {
		if want := l.Name == "actor"; l.CaseSensitive != want {
			t.Errorf("layer %s saved with case sensitive %v", l.Name, l.CaseSensitive)
		}
	}
}
