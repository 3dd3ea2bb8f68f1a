package app

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"frametag/annotate"
	"frametag/annotate/schemes"
	"frametag/cli"
	"frametag/storage/sqlite"
)

// curationText has Cyrillic, an emoji and CRLF before the spans: offsets are
// code points.
const curationText = "Они 🙂 said: the reform will ruin us all.\r\nNobody believes it."

// curationProject is a real project file with one article that alice, bob
// and carol annotated apart and merged:
//   - genre: alice and carol reporting, bob opinion (a dispute);
//   - technique Name_Calling-Labeling on “Они” [0,3): carol's alone (a dispute);
//   - Loaded_Language on “ruin us all” [28,39): all three (unanimous);
//   - Doubt: alice and carol “Nobody believes it” [42,60), bob “believes
//     it” [49,60) (a dispute).
func curationProject(t *testing.T) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "team.frametag")
	st, err := sqlite.Create(t.Context(), path, schemes.Default())
	if err != nil {
		t.Fatal(err)
	}
	span := func(who, label string, start, end int) annotate.Span {
		return annotate.Span{DocID: "x1", Layer: "technique", Label: label, Annotator: who,
			Fragments: []annotate.Fragment{{Start: start, End: end}}}
	}
	doc := annotate.AnnotatedDoc{Document: annotate.Document{ID: "x1", Title: "Reform", Text: curationText},
		Status: map[string]annotate.Status{"alice": annotate.StatusDone, "bob": annotate.StatusDone, "carol": annotate.StatusDone}}
	for _, who := range []string{"alice", "bob", "carol"} {
		doc.Spans = append(doc.Spans, span(who, "Loaded_Language", 28, 39))
		doubt := 42
		genre := "reporting"
		if who == "bob" {
			doubt, genre = 49, "opinion"
		}
		doc.Spans = append(doc.Spans, span(who, "Doubt", doubt, 60))
		doc.Labels = append(doc.Labels, annotate.DocLabel{Layer: "genre", Label: genre, Annotator: who})
	}
	doc.Spans = append(doc.Spans, span("carol", "Name_Calling-Labeling", 0, 3))
	for i := range doc.Spans {
		doc.Spans[i].ID = "s" + string(rune('a'+i))
	}
	if _, err := st.Import(t.Context(), func(yield func(annotate.AnnotatedDoc, error) bool) { yield(doc, nil) }); err != nil {
		t.Fatal(err)
	}
	if err := st.Close(); err != nil {
		t.Fatal(err)
	}
	return path
}

// openAs opens path in a workbench in a headless window, as who.
func openAs(t *testing.T, path, who string) (*Workbench, *sqlite.Store) {
	t.Helper()
	return openAsIn(t, test.NewTempApp(t), path, who)
}

// openAsIn is openAs in app a: a second workbench in it is a restart with
// the same preferences.
func openAsIn(t *testing.T, a fyne.App, path, who string) (*Workbench, *sqlite.Store) {
	t.Helper()
	st, err := sqlite.Open(t.Context(), path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	win := a.NewWindow("test")
	t.Cleanup(win.Close)
	win.Resize(fyne.NewSize(1280, 800))
	wb, err := newWorkbench(a, win, sqlite.Opener{}, st, who, inForeground)
	if err != nil {
		t.Fatal(err)
	}
	return wb, st
}

// TestCurateFromTheKeyboard: a curator opens the curation mode with its key,
// settles every dispute of the document with keys only (accept all
// unanimous, accept bob's genre, reject carol's lone span, accept alice's
// Doubt), undoes and redoes the last decision, and `frametag export --gold`
// then writes exactly the gold spans with their provenance.
func TestCurateFromTheKeyboard(t *testing.T) {
	path := curationProject(t)
	wb, st := openAs(t, path, "cora")
	wb.openDocument("x1")
	shortcut(wb, keyCurate)
	cv := wb.curation
	if cv == nil {
		t.Fatal("Ctrl+G opened no curation window")
	}
	c := cv.win.Canvas()
	key := func(s string) {
		t.Helper()
		test.TypeOnCanvas(c, s)
	}
	heading := func() string { return cv.heading.Text }

	if got := cv.status.Text; !strings.Contains(got, "Curating “Reform” as cora: 3 of 3 disputes open, 1 unanimous to accept · 0 of 1 document adjudicated, 3 disputes left (1 unanimous to accept)") {
		t.Errorf("status %q", got)
	}
	// The first open dispute: genre, one band per annotator and gold's.
	if h := heading(); h != "Unit 1 of 4: dispute · genre · document labels · open" {
		t.Errorf("heading %q", h)
	}
	if n := len(cv.bands.Objects); n != 4 {
		t.Errorf("%d bands, want alice's, bob's, carol's and gold's", n)
	}
	var lines []string
	for i := range cv.cur.Units {
		lines = append(lines, cv.unitLine(i))
	}
	want := []string{"1. ≠ dispute · genre · open", "2. ≠ dispute · technique 0–3 “Они” · open",
		"3. = unanimous · technique 28–39 “ruin us all” · open", "4. ≠ dispute · technique 42–60 “Nobody believes it” · open"}
	if !slices.Equal(lines, want) {
		t.Errorf("units:\n%s\nwant\n%s", strings.Join(lines, "\n"), strings.Join(want, "\n"))
	}

	key("a") // every unanimous unit
	key("2") // genre: bob's version; on to the next dispute
	if h := heading(); h != "Unit 2 of 4: dispute · technique · 0–3 · open" {
		t.Fatalf("after accepting the genre: heading %q", h)
	}
	key("x") // carol's lone span: nothing in gold
	if h := heading(); h != "Unit 4 of 4: dispute · technique · 42–60 · open" {
		t.Fatalf("after rejecting: heading %q", h)
	}
	key("1") // Doubt: alice's version
	if !cv.cur.Adjudicated() || !strings.Contains(cv.status.Text, "adjudicated · 1 of 1 document adjudicated, 0 disputes left") {
		t.Errorf("after the last decision: status %q", cv.status.Text)
	}

	// Undo and redo the last decision from the keyboard.
	c.(fyne.Shortcutable).TypedShortcut(&fyne.ShortcutUndo{})
	if cv.cur.Adjudicated() || cv.cur.Counts().DisputesOpen != 1 {
		t.Errorf("undo left %+v", cv.cur.Counts())
	}
	c.(fyne.Shortcutable).TypedShortcut(&fyne.ShortcutRedo{})
	if !cv.cur.Adjudicated() || cv.cur.GoldStatus != annotate.StatusDone {
		t.Errorf("redo left %+v, gold's status %s", cv.cur.Counts(), cv.cur.GoldStatus)
	}

	// Each decision is on gold's undo stack, in the curator's name.
	if e, ok, err := st.NextUndo(t.Context(), annotate.GoldAnnotator); err != nil || !ok || e.(annotate.CurateEdit).Curator != "cora" {
		t.Errorf("gold's last edit %+v, %v, %v", e, ok, err)
	}

	// export --gold: exactly the adjudicated set.
	var out, errOut bytes.Buffer
	env := cli.Env{Stdout: &out, Stderr: &errOut, Getenv: func(string) string { return "" }, Projects: sqlite.Opener{},
		UserName: func() (string, error) { return "cora", nil }}
	if code := cli.Run(context.Background(), []string{"export", "--project", path, "--gold"}, env); code != 0 {
		t.Fatalf("export --gold: exit %d: %s", code, errOut.String())
	}
	var got struct {
		Labels []annotate.DocLabel
		Spans  []struct {
			Label, Text, Annotator, Provenance string
			Start, End                         int
		}
		Status map[string]annotate.Status
	}
	if err := json.Unmarshal(out.Bytes(), &got); err != nil {
		t.Fatalf("%v: %s", err, out.String())
	}
	var spans []string
	for _, sp := range got.Spans {
		spans = append(spans, strings.Join([]string{sp.Annotator, sp.Label, sp.Text, sp.Provenance}, " | "))
	}
	wantSpans := []string{"gold | Loaded_Language | ruin us all | unanimous", "gold | Doubt | Nobody believes it | adjudicated:alice"}
	if !slices.Equal(spans, wantSpans) {
		t.Errorf("export --gold spans:\n%s\nwant\n%s", strings.Join(spans, "\n"), strings.Join(wantSpans, "\n"))
	}
	if !slices.Equal(got.Labels, []annotate.DocLabel{{Layer: "genre", Label: "opinion", Annotator: "gold"}}) {
		t.Errorf("export --gold labels %+v", got.Labels)
	}
	if got.Status["gold"] != annotate.StatusDone {
		t.Errorf("gold's status %v", got.Status)
	}
}

// TestCuratorsOwnSpan: words selected in gold's band and E make the
// curator's own gold span, new where gold had none (with the annotators'
// label) or moved where gold had one; either records "curator".
func TestCuratorsOwnSpan(t *testing.T) {
	path := curationProject(t)
	wb, st := openAs(t, path, "cora")
	wb.openDocument("x1")
	shortcut(wb, keyCurate)
	cv := wb.curation
	c := cv.win.Canvas()
	test.TypeOnCanvas(c, "n") // carol's lone span “Они” [0,3)
	if h := cv.heading.Text; h != "Unit 2 of 4: dispute · technique · 0–3 · open" {
		t.Fatalf("heading %q", h)
	}
	test.TypeOnCanvas(c, "e")
	if !strings.Contains(cv.hint.Text, "Select the words in gold's band first") {
		t.Errorf("E without a selection: %q", cv.hint.Text)
	}
	cv.goldBand.SetSelection(0, 5) // “Они 🙂”: the band's text starts at the document's
	test.TypeOnCanvas(c, "e")      // settled: on to the next open dispute, Doubt [42,60)
	test.TypeOnCanvas(c, "1")      // alice's “Nobody believes it”; on to the genre
	for range 3 {                  // down to Doubt, now settled
		c.OnTypedKey()(&fyne.KeyEvent{Name: fyne.KeyDown})
	}
	if h := cv.heading.Text; h != "Unit 4 of 4: dispute · technique · 42–60 · settled" {
		t.Fatalf("heading %q", h)
	}
	cv.goldBand.SetSelection(7, 18) // “believes it”: the band starts after the line break, at 42
	test.TypeOnCanvas(c, "e")

	var gold []string
	for _, sp := range spansOf(t, st, "x1") {
		if sp.Annotator == annotate.GoldAnnotator {
			gold = append(gold, fmt.Sprintf("%s %d-%d %s", sp.Label, sp.Start(), sp.End(), sp.Provenance))
		}
	}
	want := []string{"Name_Calling-Labeling 0-5 curator", "Doubt 49-60 curator"}
	if !slices.Equal(gold, want) {
		t.Errorf("gold %v, want %v", gold, want)
	}
}

// Switching annotator (or project) closes the curation window: it curated
// in the last annotator's name.
func TestCurationClosesOnSwitch(t *testing.T) {
	wb, _ := openAs(t, curationProject(t), "cora")
	shortcut(wb, keyCurate)
	if wb.curation == nil {
		t.Fatal("no curation window")
	}
	wb.switchAnnotator("dan")
	if wb.curation != nil {
		t.Error("the curation window stayed open after switching annotator")
	}
	shortcut(wb, keyCurate)
	if wb.curation == nil || wb.curation.name != "dan" {
		t.Errorf("curation reopened as %+v", wb.curation)
	}
}

// attributionProject is a real project file (the news scheme) with one
// article that alice, bob and carol annotated apart:
//   - GROUP “Они” [0,3), role Antagonist: all three (unanimous);
//   - Claim “the reform will ruin us all” [12,39): all three, but
//     checkworthy yes for alice and carol, no for bob (an attribute dispute);
//   - Claim “Nobody believes it” [42,60): all three (unanimous);
//   - attributed_to from the first claim to “Они”: all three; from the
//     second: alice's alone.
func attributionProject(t *testing.T) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "attribution.frametag")
	st, err := sqlite.Create(t.Context(), path, schemes.Default())
	if err != nil {
		t.Fatal(err)
	}
	doc := annotate.AnnotatedDoc{Document: annotate.Document{ID: "x1", Title: "Reform", Text: curationText},
		Status: map[string]annotate.Status{"alice": annotate.StatusDone, "bob": annotate.StatusDone, "carol": annotate.StatusDone}}
	span := func(id, who, layer, label string, start, end int, attrs annotate.Attrs) annotate.Span {
		return annotate.Span{ID: id + "-" + who, DocID: "x1", Layer: layer, Label: label, Annotator: who, Attrs: attrs,
			Fragments: []annotate.Fragment{{Start: start, End: end}}}
	}
	for _, who := range []string{"alice", "bob", "carol"} {
		checkworthy := "yes"
		if who == "bob" {
			checkworthy = "no"
		}
		doc.Spans = append(doc.Spans, span("a", who, "actor", "GROUP", 0, 3, annotate.Attrs{"role": "Antagonist"}),
			span("c1", who, "claim", "Claim", 12, 39, annotate.Attrs{"checkworthy": checkworthy}),
			span("c2", who, "claim", "Claim", 42, 60, nil))
		doc.Relations = append(doc.Relations, annotate.Relation{ID: "r1-" + who, DocID: "x1", Type: "attributed_to", From: "c1-" + who, To: "a-" + who, Annotator: who})
		if who == "alice" {
			doc.Relations = append(doc.Relations, annotate.Relation{ID: "r2-" + who, DocID: "x1", Type: "attributed_to", From: "c2-" + who, To: "a-" + who, Annotator: who})
		}
	}
	if _, err := st.Import(t.Context(), func(yield func(annotate.AnnotatedDoc, error) bool) { yield(doc, nil) }); err != nil {
		t.Fatal(err)
	}
	if err := st.Close(); err != nil {
		t.Fatal(err)
	}
	return path
}

// TestCurateAttributeDispute: a span alike but for an attribute is a
// dispute whose row and bands say what differs; accepting bob's version
// from the keyboard puts bob's value in gold.
func TestCurateAttributeDispute(t *testing.T) {
	wb, st := openAs(t, attributionProject(t), "cora")
	wb.openDocument("x1")
	shortcut(wb, keyCurate)
	cv := wb.curation
	if line := cv.unitLine(1); line != "2. ≠ dispute · claim 12–39 “the reform will ruin us all” · checkworthy: yes ≠ no · open" {
		t.Errorf("unit row %q", line)
	}
	if h := cv.heading.Text; h != "Unit 2 of 3: dispute · claim · 12–39 · checkworthy: yes ≠ no · open" {
		t.Fatalf("heading %q", h)
	}
	var names []string
	for _, o := range test.LaidOutObjects(cv.bands) {
		if l, ok := o.(*widget.Label); ok && l.TextStyle.Bold {
			names = append(names, l.Text)
		}
	}
	if want := []string{"1  alice\ncheckworthy: yes", "2  bob\ncheckworthy: no", "3  carol\ncheckworthy: yes", "gold"}; !slices.Equal(names, want) {
		t.Errorf("band names %q, want %q", names, want)
	}
	test.TypeOnCanvas(cv.win.Canvas(), "2")
	var gold []string
	for _, sp := range spansOf(t, st, "x1") {
		if sp.Annotator == annotate.GoldAnnotator {
			gold = append(gold, fmt.Sprintf("%s %d-%d %v %s", sp.Label, sp.Start(), sp.End(), sp.Attrs, sp.Provenance))
		}
	}
	if want := []string{"Claim 12-39 map[checkworthy:no] adjudicated:bob"}; !slices.Equal(gold, want) {
		t.Errorf("gold %v, want %v", gold, want)
	}
}

// TestCurateRelationsFromTheKeyboard: the relations counterpart of
// TestCurateFromTheKeyboard. A relation waits while a span at its ends is
// disputed; accepting the disputed claim brings its relation units, listed
// under the span units; 1 accepts alice's lone relation, A the one all
// three made, the document is adjudicated; undo and redo take the last back
// and forth; export --gold writes gold's relations with their provenance.
func TestCurateRelationsFromTheKeyboard(t *testing.T) {
	path := attributionProject(t)
	wb, st := openAs(t, path, "cora")
	wb.openDocument("x1")
	shortcut(wb, keyCurate)
	cv := wb.curation
	c := cv.win.Canvas()
	key := func(s string) {
		t.Helper()
		test.TypeOnCanvas(c, s)
	}
	if got := cv.status.Text; !strings.Contains(got, "1 of 1 dispute open, 2 unanimous to accept, 4 relations wait for the spans at their ends") {
		t.Errorf("status %q", got)
	}
	key("a") // GROUP and the second claim: alice's lone relation from it is a unit now
	if got := cv.status.Text; !strings.Contains(got, "2 of 2 disputes open, 3 relations wait") {
		t.Errorf("after A: status %q", got)
	}
	key("2") // the first claim: bob's version (checkworthy no); on to the relation dispute
	var lines []string
	for i := range cv.cur.Units {
		lines = append(lines, cv.unitLine(i))
	}
	want := []string{
		"1. = unanimous · actor 0–3 “Они” · settled: GROUP (unanimous)",
		"2. ≠ dispute · claim 12–39 “the reform will ruin us all” · checkworthy: yes ≠ no · settled: Claim (adjudicated:bob)",
		"3. = unanimous · claim 42–60 “Nobody believes it” · settled: Claim (unanimous)",
		"4. = unanimous · attributed_to Claim “the reform will ruin us…” → GROUP “Они” · open",
		"5. ≠ dispute · attributed_to Claim “Nobody believes it” → GROUP “Они” · open",
	}
	if !slices.Equal(lines, want) {
		t.Errorf("units:\n%s\nwant\n%s", strings.Join(lines, "\n"), strings.Join(want, "\n"))
	}
	if h := cv.heading.Text; h != "Unit 5 of 5: dispute · attributed_to · Claim 42–60 → GROUP 0–3 · open" {
		t.Fatalf("heading %q", h)
	}
	var names []string
	for _, o := range test.LaidOutObjects(cv.bands) {
		if l, ok := o.(*widget.Label); ok && l.TextStyle.Bold {
			names = append(names, l.Text)
		}
	}
	if want := []string{"1  alice\nlinked", "2  bob\nnone (no such link)", "3  carol\nnone (no such link)", "gold\nnot settled yet"}; !slices.Equal(names, want) {
		t.Errorf("band names %q, want %q", names, want)
	}
	key("e")
	if !strings.Contains(cv.hint.Text, "A relation: accept a version (1–9) or reject (X).") {
		t.Errorf("E on a relation: %q", cv.hint.Text)
	}
	key("1") // alice's relation
	key("a") // the relation all three made: the last open unit
	if !cv.cur.Adjudicated() || cv.cur.GoldStatus != annotate.StatusDone {
		t.Fatalf("not adjudicated: %+v, status %s", cv.cur.Counts(), cv.cur.GoldStatus)
	}
	c.(fyne.Shortcutable).TypedShortcut(&fyne.ShortcutUndo{})
	if cv.cur.Adjudicated() || cv.cur.Counts().UnanimousOpen != 1 || !strings.HasPrefix(cv.unitLine(3), "4. = unanimous · attributed_to") {
		t.Errorf("undo left %+v: %q", cv.cur.Counts(), cv.unitLine(3))
	}
	c.(fyne.Shortcutable).TypedShortcut(&fyne.ShortcutRedo{})
	if !cv.cur.Adjudicated() {
		t.Errorf("redo left %+v", cv.cur.Counts())
	}
	if e, ok, err := st.NextUndo(t.Context(), annotate.GoldAnnotator); err != nil || !ok || len(e.(annotate.CurateEdit).Link) != 1 {
		t.Errorf("gold's last edit %+v, %v, %v", e, ok, err)
	}

	var out, errOut bytes.Buffer
	env := cli.Env{Stdout: &out, Stderr: &errOut, Getenv: func(string) string { return "" }, Projects: sqlite.Opener{},
		UserName: func() (string, error) { return "cora", nil }}
	if code := cli.Run(context.Background(), []string{"export", "--project", path, "--gold"}, env); code != 0 {
		t.Fatalf("export --gold: exit %d: %s", code, errOut.String())
	}
	var got struct {
		Spans []struct {
			ID, Label, Text string
		}
		Relations []struct{ Type, From, To, Annotator, Provenance string }
	}
	if err := json.Unmarshal(out.Bytes(), &got); err != nil {
		t.Fatalf("%v: %s", err, out.String())
	}
	text := map[string]string{}
	for _, sp := range got.Spans {
		text[sp.ID] = sp.Text
	}
	var rels []string
	for _, r := range got.Relations {
		rels = append(rels, strings.Join([]string{r.Annotator, r.Type, text[r.From], text[r.To], r.Provenance}, " | "))
	}
	slices.Sort(rels)
	wantRels := []string{"gold | attributed_to | Nobody believes it | Они | adjudicated:alice",
		"gold | attributed_to | the reform will ruin us all | Они | unanimous"}
	if !slices.Equal(rels, wantRels) {
		t.Errorf("export --gold relations:\n%s\nwant\n%s", strings.Join(rels, "\n"), strings.Join(wantRels, "\n"))
	}
}

// TestCurateRelabelGoldSpan: R then a label's key (the workbench's key for
// it) relabels gold's span in the unit, the curator's own change, undone
// with Ctrl+Z; a label of another layer, a unit without a gold span and
// Escape change nothing.
func TestCurateRelabelGoldSpan(t *testing.T) {
	path := curationProject(t)
	wb, st := openAs(t, path, "cora")
	wb.openDocument("x1")
	shortcut(wb, keyCurate)
	cv := wb.curation
	c := cv.win.Canvas()
	key := func(s string) {
		t.Helper()
		test.TypeOnCanvas(c, s)
	}
	goldLabels := func() []string {
		var out []string
		for _, sp := range spansOf(t, st, "x1") {
			if sp.Annotator == annotate.GoldAnnotator {
				out = append(out, fmt.Sprintf("%s %d-%d %s", sp.Label, sp.Start(), sp.End(), sp.Provenance))
			}
		}
		return out
	}
	key("r") // on the genre: no gold span
	if !strings.Contains(cv.hint.Text, "Only a gold span can be relabelled") || cv.relabeling {
		t.Errorf("R on a document layer: %q", cv.hint.Text)
	}
	key("a") // Loaded_Language [28,39) into gold
	for cv.unit != 2 {
		c.OnTypedKey()(&fyne.KeyEvent{Name: fyne.KeyDown})
	}
	if h := cv.heading.Text; h != "Unit 3 of 4: unanimous · technique · 28–39 · settled" {
		t.Fatalf("heading %q", h)
	}
	sc := *wb.session.currentSchema()
	doubt := string(keyOf(t, sc, "technique", "Doubt"))
	for _, tt := range []struct {
		keys, hint string
	}{
		{"r" + string(keyOf(t, sc, "claim", "Claim")), "Claim is a label of the claim layer, and the selected span is on technique: not relabelled."},
		{"r" + string(keyOf(t, sc, "technique", "Loaded_Language")), "The span is already Loaded Language: not relabelled."},
	} {
		key(tt.keys)
		if cv.hint.Text != tt.hint {
			t.Errorf("%s: hint %q, want %q", tt.keys, cv.hint.Text, tt.hint)
		}
	}
	key("r")
	c.OnTypedKey()(&fyne.KeyEvent{Name: fyne.KeyEscape})
	if wb.curation == nil || cv.hint.Text != "Not relabelled." {
		t.Fatalf("Escape while relabelling: window %v, hint %q", wb.curation != nil, cv.hint.Text)
	}
	if got := goldLabels(); !slices.Equal(got, []string{"Loaded_Language 28-39 unanimous"}) {
		t.Fatalf("gold %v after refusals", got)
	}
	key("r")
	if !strings.HasPrefix(cv.hint.Text, "Relabel gold's Loaded Language: press the new label's key") {
		t.Errorf("R: hint %q", cv.hint.Text)
	}
	key(doubt)
	if got := goldLabels(); !slices.Equal(got, []string{"Doubt 28-39 curator"}) {
		t.Errorf("gold %v after relabelling", got)
	}
	if cv.hint.Text != "Relabel gold Loaded_Language as Doubt." {
		t.Errorf("hint %q", cv.hint.Text)
	}
	c.(fyne.Shortcutable).TypedShortcut(&fyne.ShortcutUndo{})
	if got := goldLabels(); !slices.Equal(got, []string{"Loaded_Language 28-39 unanimous"}) {
		t.Errorf("gold %v after undo", got)
	}
}
