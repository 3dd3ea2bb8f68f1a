package app

import (
	"fmt"
	"strings"
	"testing"

	"frametag/annotate"
	"frametag/storage/sqlite"
)

// changeNames are a batch's changes by type, for comparing.
func changeNames(cs []change) string {
	var names []string
	for _, c := range cs {
		names = append(names, strings.TrimPrefix(fmt.Sprintf("%T", c), "app."))
	}
	return strings.Join(names, " ")
}

// The session is driven without a window: each action announces one batch
// that names exactly what changed, and the copy agrees with the store.
func TestSessionAnnouncesWhatChanged(t *testing.T) {
	st, err := sqlite.Open(t.Context(), newProject(t))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	schema, err := st.Schema(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	s := newSession(annotator, false)
	s.store = st
	s.problem = func(what string, err error, _ string) { t.Errorf("%s: %v", what, err) }
	var batches []string
	s.subscribe(func(cs []change) { batches = append(batches, changeNames(cs)) })

	var claim, actor annotate.Span
	steps := []struct {
		name string
		do   func()
		want string
	}{
		{"schema", func() { s.setSchema(schema) }, "schemaChanged"},
		{"open", func() {
			if err := s.open(blinkenDoc); err != nil {
				t.Fatal(err)
			}
		}, "docOpened"},
		{"label", func() { claim, _ = s.label(labelRef{"claim", "Claim"}, claimFrag.Start, claimFrag.End) }, "spanAdded selectionChanged"},
		{"attribute", func() { s.setAttr("checkworthy", "yes") }, "spanChanged"},
		{"same attribute again: no edit", func() { s.setAttr("checkworthy", "yes") }, ""},
		{"label another", func() { actor, _ = s.label(labelRef{"actor", "PERSON"}, blinkenFrag.Start, blinkenFrag.End) }, "spanAdded selectionChanged"},
		{"select", func() { s.selectSpan(claim.ID, false) }, "selectionChanged"},
		{"link", func() { s.setMode(modeLinking) }, "modeChanged"},
		{"link done", func() {
			s.setModeQuietly(modeLabelling)
			s.link(claim, actor, schema.Relations[0])
		}, "modeChanged relationsChanged"},
		{"delete the claim", s.deleteSelected, "selectionChanged spanRemoved relationsChanged"},
		{"undo", func() { s.undo() }, "spanAdded relationsChanged selectionChanged"},
		{"frame", func() { s.setDocLabels("frame", []string{"Economic"}) }, "docLabelsChanged"},
		{"status", func() { s.setStatus(annotate.StatusDone) }, "statusChanged"},
		{"show others", func() { s.setShowOthers(true) }, "visibilityChanged"},
	}
	for _, step := range steps {
		batches = nil
		step.do()
		got := strings.Join(batches, " | ")
		if got != step.want {
			t.Errorf("%s: announced %q, want %q", step.name, got, step.want)
		}
	}

	stored, err := st.Annotations(t.Context(), blinkenDoc)
	if err != nil {
		t.Fatal(err)
	}
	annotate.SortSpans(stored.Spans)
	doc := s.document()
	if len(doc.Spans) != len(stored.Spans) || len(doc.Relations) != len(stored.Relations) ||
		len(doc.Labels) != len(stored.Labels) || doc.Status[annotator] != stored.Status[annotator] {
		t.Errorf("the copy holds %d spans, %d relations, %d labels, status %q; the store %d, %d, %d, %q",
			len(doc.Spans), len(doc.Relations), len(doc.Labels), doc.Status[annotator],
			len(stored.Spans), len(stored.Relations), len(stored.Labels), stored.Status[annotator])
	}
	for i := range doc.Spans {
		if doc.Spans[i].ID != stored.Spans[i].ID || !doc.Spans[i].Attrs.Equal(stored.Spans[i].Attrs) {
			t.Errorf("span %d: copy %+v, store %+v", i, doc.Spans[i], stored.Spans[i])
		}
	}
}

// Undo of an edit made on another document goes there: the document opens,
// the span is drawn and selected again, and the document is remembered as
// the project's last.
func TestUndoOnAnotherDocumentGoesThere(t *testing.T) {
	wb, _ := openWorkbench(t, newProject(t))
	wb.openDocument(blinkenDoc)
	sp := labelSpan(t, wb, claimFrag, "claim", "Claim")
	wb.session.deleteSelected()
	wb.runCommand(cmdNext)
	if wb.session.document().ID == blinkenDoc {
		t.Fatal("Next stayed on the document")
	}
	wb.runCommand(cmdUndo)
	if got := wb.session.document().ID; got != blinkenDoc {
		t.Fatalf("undo left %q open, want %q", got, blinkenDoc)
	}
	if wb.session.selectedID() != sp.ID || wb.view.SelectedHighlight() != sp.ID {
		t.Errorf("selected %q, highlighted %q; want the span back, %q", wb.session.selectedID(), wb.view.SelectedHighlight(), sp.ID)
	}
	if _, ok := cardField(wb.panel.card, "Label"); !ok {
		t.Error("the span's card is not shown")
	}
	if got := wb.prefs.lastDocument(wb.store.Path()); got != blinkenDoc {
		t.Errorf("the last document remembered is %q, want %q", got, blinkenDoc)
	}
}
