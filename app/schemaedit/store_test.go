package schemaedit

import (
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"frametag/annotate"
	"frametag/annotate/schemes"
	"frametag/storage/sqlite"

	"fyne.io/fyne/v2/test"
)

// The editor on a real project file: a rename carries spans over, deleting
// labels in use asks with the store's counts and removes them, and undo
// brings them back.
func TestEditorOnAStore(t *testing.T) {
	st, err := sqlite.Create(t.Context(), filepath.Join(t.TempDir(), "p.frametag"), schemes.Default())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	text := "Officials at the ORG said the regime is doomed."
	span := func(id, layer, label string, start, end int) annotate.Span {
		return annotate.Span{ID: id, DocID: "d1", Layer: layer, Label: label, Annotator: "ana",
			Fragments: []annotate.Fragment{{Start: start, End: end}}}
	}
	doc := annotate.AnnotatedDoc{
		Document: annotate.Document{ID: "d1", Title: "t", Text: text},
		Spans: []annotate.Span{
			span("s1", "actor", "ORG", 17, 20),
			span("s2", "actor", "ORG", 0, 9),
			span("s3", "technique", "Doubt", 29, 46),
			span("s4", "technique", "Doubt", 25, 35),
			span("s5", "technique", "Doubt", 36, 46),
		},
		Labels: []annotate.DocLabel{{Layer: "frame", Label: "Economic", Annotator: "ana"}},
	}
	if _, err := st.Import(t.Context(), func(yield func(annotate.AnnotatedDoc, error) bool) { yield(doc, nil) }); err != nil {
		t.Fatal(err)
	}
	current, err := st.Schema(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	e, win, _ := newTestEditor(t, current, st)
	e.onSave = func(after annotate.Schema, renames []annotate.LabelRename) error {
		before, err := st.Schema(t.Context())
		if err != nil {
			return err
		}
		_, err = st.Apply(t.Context(), annotate.SetSchema(before, after, renames, "ana"))
		return err
	}

	selectLabel(t, e, "actor", "ORG")
	e.labelName.SetText("Organisation")
	for _, c := range []struct{ layer, label, message string }{
		{"technique", "Doubt", `Label "Doubt" of layer "technique" holds 3 spans.`},
		{"frame", "Economic", `Label "Economic" of layer "frame" is on 1 document.`},
	} {
		selectLabel(t, e, c.layer, c.label)
		test.Tap(e.labels.del)
		texts, press := topDialog(t, win)
		if !slices.ContainsFunc(texts, func(s string) bool { return strings.Contains(s, c.message) }) {
			t.Errorf("dialog shows %q, want %q", texts, c.message)
		}
		press("Delete")
	}
	test.Tap(e.save)
	if e.errors.Text != "" {
		t.Fatalf("save failed: %s", e.errors.Text)
	}

	counts := func() [4]int {
		var out [4]int
		out[0], _ = st.SpanCountByLabel(t.Context(), "actor", "Organisation")
		out[1], _ = st.SpanCountByLabel(t.Context(), "actor", "ORG")
		out[2], _ = st.SpanCountByLabel(t.Context(), "technique", "Doubt")
		out[3], _ = st.DocLabelCountByLabel(t.Context(), "frame", "Economic")
		return out
	}
	if got, want := counts(), [4]int{2, 0, 0, 0}; got != want {
		t.Errorf("after save: Organisation, ORG, Doubt, Economic = %v, want %v", got, want)
	}
	if _, ok, err := st.Undo(t.Context(), "ana"); !ok || err != nil {
		t.Fatalf("undo: %v %v", ok, err)
	}
	if got, want := counts(), [4]int{0, 2, 3, 1}; got != want {
		t.Errorf("after undo: Organisation, ORG, Doubt, Economic = %v, want %v", got, want)
	}
}
