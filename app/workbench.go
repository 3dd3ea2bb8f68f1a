package app

import (
	"context"
	"fmt"
	"image/color"
	"iter"
	"path/filepath"
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"frametag/annotate"
	"frametag/app/articleview"
	"frametag/app/palette"
)

// Project is what the workbench needs of an open project file; every
// annotate.Store provides it.
type Project interface {
	Path() string
	Schema(ctx context.Context) (annotate.Schema, error)
	Documents(ctx context.Context, annotator string) ([]annotate.DocSummary, error)
	SearchDocuments(ctx context.Context, query, annotator string) ([]annotate.DocSummary, error)
	Annotations(ctx context.Context, docID string) (annotate.AnnotatedDoc, error)
	Apply(ctx context.Context, e annotate.Edit) (annotate.Edit, error)
	Undo(ctx context.Context, annotator string) (annotate.Edit, bool, error)
	Redo(ctx context.Context, annotator string) (annotate.Edit, bool, error)
	Import(ctx context.Context, docs iter.Seq2[annotate.AnnotatedDoc, error]) (annotate.ImportResult, error)
	Export(ctx context.Context, fn func(annotate.AnnotatedDoc) error) error
	// For the schema editor's "this label holds N spans" warnings.
	SpanCountByLabel(ctx context.Context, layer, label string) (int, error)
	DocLabelCountByLabel(ctx context.Context, layer, label string) (int, error)
	Close() error
}

// ctx is the context of the window's store calls. Each is one user action
// that runs to its end (imports and exports have their own Cancel), so
// none is cancelled from here yet.
func (w *Workbench) ctx() context.Context { return context.Background() }

// labelRef names one label of one layer.
type labelRef struct{ layer, label string }

// Workbench is the main window's state: one open project, one open document.
// Every change travels the same road: an annotate.Edit goes to the store,
// and the edit the store returns (completed with ids and side effects) is
// what updates the view, the panel and the document list.
type Workbench struct {
	app       fyne.App
	win       fyne.Window
	prefs     prefs
	annotator string

	// projects creates and opens project files (File → New, Open, Recent).
	projects annotate.Opener
	store    Project
	schema   annotate.Schema
	keys     map[rune]labelRef // lower-case shortcut key -> label

	docs  *docList
	view  *articleview.View
	panel *panel

	doc      annotate.AnnotatedDoc // the open document, kept in step with every edit
	index    *annotate.TextIndex
	selected string // id of the selected span, "" for none
	linking  bool   // the next tapped span completes a relation from selected
	textSize float32
	// showOthers draws and lists other annotators' spans (View menu).
	showOthers bool

	page   string                 // the theme's page colour, #rrggbb
	colors map[string]color.Color // label colours as shown on page, by #rrggbb

	// commands is the command table: menus, shortcuts and help.
	commands []command

	// dialogs are the dialogs Escape may close, each with the overlay it
	// showed in.
	dialogs []shownDialog

	// background runs imports and exports off the UI thread; tests make it
	// synchronous.
	background func(func())
	// cancelTask is the running import's or export's Cancel button.
	cancelTask *widget.Button
}

// newWorkbench builds the window's content for an open project. The window
// and app are the caller's; the workbench sets the content, menus and keys.
func newWorkbench(a fyne.App, win fyne.Window, projects annotate.Opener, store Project, annotator string) (*Workbench, error) {
	w := &Workbench{app: a, win: win, prefs: prefs{a.Preferences()}, annotator: annotator, projects: projects,
		background: func(f func()) { go f() }, commands: commandTable()}
	w.textSize = w.prefs.textSize()
	w.showOthers = w.prefs.showOthers()
	w.page = w.pageHex()
	w.colors = map[string]color.Color{}
	w.view = articleview.New()
	w.view.SetTextSize(w.textSize)
	w.view.OnHighlightTapped = w.spanTapped
	w.view.OnSelectionChanged = w.textSelected
	w.view.OnAddFragment = w.addFragment
	w.view.OnTypedRune = w.typedRune
	w.view.OnTypedKey = w.typedKey
	w.panel = newPanel(w)
	w.docs = newDocList(w.openDocument)
	w.docs.onLeave = func() { win.Canvas().Focus(w.view) }

	left := w.docs.content()
	right := w.panel.content()
	inner := container.NewHSplit(w.view, right)
	inner.SetOffset(0.68)
	outer := container.NewHSplit(left, inner)
	outer.SetOffset(0.2)
	win.SetContent(outer)

	win.Canvas().SetOnTypedRune(w.typedRune)
	win.Canvas().SetOnTypedKey(w.typedKey)
	w.installShortcuts()
	pathOnlySaves()
	// A theme change (the View menu, or the desktop's own when following
	// it) recolours the labels for the new page.
	a.Settings().AddListener(func(fyne.Settings) { fyne.Do(w.recolor) })
	if err := w.setProject(store); err != nil {
		return nil, err
	}
	return w, nil
}

// setProject shows store in the window, replacing any open project (which
// the caller closes). Nothing changes when store cannot be read.
func (w *Workbench) setProject(store Project) error {
	schema, err := store.Schema(w.ctx())
	if err != nil {
		return fmt.Errorf("read the schema of %s: %w", store.Path(), err)
	}
	all, err := store.Documents(w.ctx(), w.annotator)
	if err != nil {
		return fmt.Errorf("list the documents of %s: %w", store.Path(), err)
	}
	w.store = store
	w.useSchema(schema)
	w.win.SetTitle("frametag — " + filepath.Base(store.Path()))
	w.win.SetMainMenu(w.mainMenu())
	w.prefs.opened(store.Path())

	w.docs.search = func(q string) ([]annotate.DocSummary, error) { return store.SearchDocuments(w.ctx(), q, w.annotator) }
	w.docs.setDocuments(all)
	w.doc, w.index, w.selected, w.linking = annotate.AnnotatedDoc{}, nil, "", false
	first := w.prefs.lastDocument(store.Path())
	if _, ok := w.docs.summary(first); !ok {
		// The remembered document is gone (or none was): the first, if any.
		first = ""
		if len(all) > 0 {
			first = all[0].ID
		}
	}
	if first == "" {
		w.view.SetDocument("This project holds no documents yet. Use File → Import… to add some.", nil, nil)
		w.panel.refresh()
		return nil
	}
	w.openDocument(first)
	return nil
}

// reloadDocuments re-reads the document list (after an import).
func (w *Workbench) reloadDocuments() error {
	all, err := w.store.Documents(w.ctx(), w.annotator)
	if err != nil {
		return fmt.Errorf("list the documents of %s: %w", w.store.Path(), err)
	}
	w.docs.setDocuments(all)
	if !w.hasDocument() && len(all) > 0 {
		w.openDocument(all[0].ID)
	} else {
		w.docs.setCurrent(w.doc.ID)
	}
	return nil
}

// switchProject replaces the open project with store, closing the old one;
// when store cannot be shown it is closed and the old project stays.
func (w *Workbench) switchProject(store Project) {
	old := w.store
	if err := w.setProject(store); err != nil {
		store.Close()
		w.showError("Could not open the project", err, "The project that was open stays open.")
		return
	}
	if old != nil && old != store {
		if err := old.Close(); err != nil {
			w.showError("Could not close the previous project", err, "Every edit was saved when it was made.")
		}
	}
}

// useSchema installs a schema: the label keys and the panel's buttons.
func (w *Workbench) useSchema(s annotate.Schema) {
	w.schema = s
	w.keys = map[rune]labelRef{}
	for _, l := range s.Layers {
		if l.Kind != annotate.SpanLayer {
			continue
		}
		for _, lb := range l.Labels {
			if lb.Key != "" {
				w.keys[rune(strings.ToLower(lb.Key)[0])] = labelRef{l.Name, lb.Name}
			}
		}
	}
	w.panel.setSchema(s)
}

// openDocument loads a document with everything on it and shows it.
func (w *Workbench) openDocument(id string) {
	ad, err := w.store.Annotations(w.ctx(), id)
	if err != nil {
		w.showError("Could not open the document", err, "Nothing was changed.")
		return
	}
	w.doc = ad
	w.index = annotate.NewTextIndex(ad.Text)
	w.selected, w.linking = "", false
	annotate.SortSpans(w.doc.Spans)
	hs := make([]articleview.Highlight, 0, len(ad.Spans))
	for _, sp := range w.doc.Spans {
		if w.shows(sp) {
			hs = append(hs, w.highlight(sp))
		}
	}
	w.view.SetDocument(ad.Text, hs, w.links())
	w.docs.setCurrent(id)
	w.docs.update(id, w.status(), w.ownSpans())
	w.prefs.setLastDocument(w.store.Path(), id)
	w.panel.refresh()
}

// hasDocument reports whether a document is open.
func (w *Workbench) hasDocument() bool { return w.index != nil }

// status is the annotator's status of the open document.
func (w *Workbench) status() annotate.Status {
	if s, ok := w.doc.Status[w.annotator]; ok {
		return s
	}
	return annotate.StatusTodo
}

// ownSpans counts the annotator's spans on the open document, as the
// document list does.
func (w *Workbench) ownSpans() int {
	n := 0
	for _, sp := range w.doc.Spans {
		if sp.Annotator == w.annotator {
			n++
		}
	}
	return n
}

func (w *Workbench) span(id string) (annotate.Span, bool) {
	i := slices.IndexFunc(w.doc.Spans, func(sp annotate.Span) bool { return sp.ID == id })
	if i < 0 {
		return annotate.Span{}, false
	}
	return w.doc.Spans[i], true
}

func (w *Workbench) labelDef(layer, label string) (*annotate.Label, bool) {
	l, ok := w.schema.Layer(layer)
	if !ok {
		return nil, false
	}
	return l.Label(label)
}

// labelColor is a label's colour as the running theme shows it (see
// readable), grey for a label the schema lost.
func (w *Workbench) labelColor(layer, label string) color.Color {
	hex := "#999999"
	if lb, ok := w.labelDef(layer, label); ok && lb.Color != "" {
		hex = strings.ToLower(lb.Color)
	}
	if c, ok := w.colors[hex]; ok {
		return c
	}
	c := w.readable(hex)
	w.colors[hex] = c
	return c
}

// readable adapts a label colour to the page (palette.ThemeColor): on a
// dark page it keeps WCAG's 3:1 for graphics while keeping a technique
// family's lightness steps apart; on a light page it keeps the palette's own
// 1.5:1, which only touches custom colours paler than any bundled one.
func (w *Workbench) readable(hex string) color.Color {
	if adj, err := palette.ThemeColor(hex, w.page); err == nil {
		hex = adj
	}
	c, err := palette.NRGBA(hex)
	if err != nil {
		return color.NRGBA{R: 0x99, G: 0x99, B: 0x99, A: 0xff}
	}
	return c
}

// pageHex is the article's background in the running theme.
func (w *Workbench) pageHex() string {
	s := w.app.Settings()
	return palette.Hex(s.Theme().Color(theme.ColorNameBackground, s.ThemeVariant()))
}

// recolor shows every label colour anew after a theme change: the panel's
// swatches and the article's bars.
func (w *Workbench) recolor() {
	page := w.pageHex()
	if page == w.page {
		return
	}
	w.page = page
	w.colors = map[string]color.Color{}
	w.panel.recolor()
	byID := make(map[string]annotate.Span, len(w.doc.Spans))
	for _, sp := range w.doc.Spans {
		byID[sp.ID] = sp
	}
	w.view.RecolorHighlights(func(h articleview.Highlight) color.Color {
		if sp, ok := byID[h.ID]; ok {
			return w.labelColor(sp.Layer, sp.Label)
		}
		return h.Color
	})
	w.panel.refresh()
}

func (w *Workbench) highlight(sp annotate.Span) articleview.Highlight {
	return articleview.Highlight{ID: sp.ID, Fragments: sp.Fragments,
		Color: w.labelColor(sp.Layer, sp.Label), Label: shownName(sp.Label)}
}

// links are the relations between shown spans.
func (w *Workbench) links() []articleview.Link {
	shown := map[string]bool{}
	for _, sp := range w.doc.Spans {
		if w.shows(sp) {
			shown[sp.ID] = true
		}
	}
	ls := make([]articleview.Link, 0, len(w.doc.Relations))
	for _, r := range w.doc.Relations {
		if shown[r.From] && shown[r.To] {
			ls = append(ls, articleview.Link{ID: r.ID, From: r.From, To: r.To})
		}
	}
	return ls
}

// shows reports whether sp is drawn and listed: the annotator's own spans
// always, other annotators' while View → Show other annotators' spans is on.
func (w *Workbench) shows(sp annotate.Span) bool {
	return sp.Annotator == w.annotator || w.showOthers
}

// shownSpans are the open document's spans that are drawn, in reading order.
func (w *Workbench) shownSpans() []annotate.Span {
	if w.showOthers {
		return w.doc.Spans
	}
	return slices.DeleteFunc(slices.Clone(w.doc.Spans), func(sp annotate.Span) bool { return !w.shows(sp) })
}

// setShowOthers shows or hides other annotators' spans in the article and
// the spans list, keeping the scroll position; a hidden span cannot stay
// selected or be the start of a link.
func (w *Workbench) setShowOthers(on bool) {
	w.prefs.setShowOthers(on)
	w.win.SetMainMenu(w.mainMenu())
	if w.showOthers == on {
		return
	}
	w.showOthers = on
	if !w.hasDocument() {
		return
	}
	for _, sp := range w.doc.Spans {
		if sp.Annotator == w.annotator {
			continue
		}
		if on {
			w.view.AddHighlight(w.highlight(sp))
			continue
		}
		w.view.RemoveHighlight(sp.ID)
		if w.selected == sp.ID {
			w.selected, w.linking = "", false
		}
	}
	w.view.SetLinks(w.links())
	w.panel.refresh()
}

// spanText is what a span covers, for lists and headings.
func (w *Workbench) spanText(sp annotate.Span) string {
	if w.index == nil {
		return ""
	}
	s, err := w.index.SpanText(sp.Fragments)
	if err != nil {
		return "(outside the text)"
	}
	return s
}

// apply sends an edit to the store and shows its result.
func (w *Workbench) apply(e annotate.Edit) bool {
	done, err := w.store.Apply(w.ctx(), e)
	if err != nil {
		w.showError("Could not "+e.Describe(), err, "The project is unchanged.")
		return false
	}
	w.applied(done)
	return true
}

// undo and redo walk the annotator's edit log; an edit on another document
// opens that document.
func (w *Workbench) undo() { w.history("undo", w.store.Undo) }
func (w *Workbench) redo() { w.history("redo", w.store.Redo) }

func (w *Workbench) history(what string, step func(context.Context, string) (annotate.Edit, bool, error)) {
	w.linking = false
	e, ok, err := step(w.ctx(), w.annotator)
	switch {
	case err != nil:
		w.showError("Could not "+what, err, "The project is unchanged.")
	case !ok:
		w.panel.setHint("Nothing to " + what + ".")
	default:
		w.applied(e)
		// Undo returns the inverse it applied; name the edit the user made.
		if what == "undo" {
			w.panel.setHint("Undone: " + e.Inverse().Describe())
		} else {
			w.panel.setHint("Redone: " + e.Describe())
		}
	}
}

// applied brings the window in line with an edit the store has made: the
// window's copy of the document takes the completed edit through the same
// Apply the store ran (annotate.DocState), then the views follow.
func (w *Workbench) applied(e annotate.Edit) {
	if set, ok := e.(annotate.SetSchemaEdit); ok {
		w.useSchema(set.After)
		if w.hasDocument() {
			w.openDocument(w.doc.ID)
		}
		return
	}
	if e.Doc() != w.doc.ID {
		// Undo or redo of an edit made on another document: show it there.
		w.openDocument(e.Doc())
		switch e := e.(type) {
		case annotate.AddSpanEdit:
			w.selectSpan(e.Span.ID, true)
		case annotate.UpdateSpanEdit:
			w.selectSpan(e.After.ID, true)
		}
		return
	}
	if _, err := e.Apply(w.ctx(), annotate.NewDocState(&w.doc, &w.schema, nil)); err != nil {
		// The copy no longer agrees with the file (changed by another
		// process meanwhile): read the document again.
		w.openDocument(w.doc.ID)
		return
	}
	switch e := e.(type) {
	case annotate.AddSpanEdit:
		if !w.shows(e.Span) {
			break // another annotator's span (a schema's side effect): stays hidden
		}
		w.view.AddHighlight(w.highlight(e.Span))
		if len(e.Relations) > 0 {
			w.view.SetLinks(w.links())
		}
		w.selected = e.Span.ID
		w.view.SelectHighlight(e.Span.ID)
	case annotate.DeleteSpanEdit:
		w.view.RemoveHighlight(e.Span.ID)
		w.view.SetLinks(w.links())
		if w.selected == e.Span.ID {
			w.selected = ""
		}
	case annotate.UpdateSpanEdit:
		if w.shows(e.After) {
			w.view.UpdateHighlight(w.highlight(e.After))
		}
	case annotate.AddRelationEdit, annotate.DeleteRelationEdit:
		w.view.SetLinks(w.links())
	}
	w.docs.update(w.doc.ID, w.status(), w.ownSpans())
	w.panel.refresh()
}

// docLabels are the annotator's labels of one document layer.
func (w *Workbench) docLabels(layer string) []string {
	var out []string
	for _, dl := range w.doc.Labels {
		if dl.Layer == layer && dl.Annotator == w.annotator {
			out = append(out, dl.Label)
		}
	}
	return out
}

// setDocLabels replaces the annotator's labels of a document layer.
func (w *Workbench) setDocLabels(layer string, labels []string) {
	if !w.hasDocument() {
		return
	}
	before := w.docLabels(layer)
	if slices.Equal(before, labels) {
		return
	}
	w.apply(annotate.SetDocLabels(w.doc.ID, layer, w.annotator, before, labels))
}

// setStatus records the annotator's status of the open document.
func (w *Workbench) setStatus(s annotate.Status) bool {
	if !w.hasDocument() {
		return false
	}
	if before := w.status(); before != s {
		return w.apply(annotate.SetStatus(w.doc.ID, w.annotator, before, s))
	}
	return true
}

// finish marks the open document (done or skipped) and moves to the next.
func (w *Workbench) finish(s annotate.Status) {
	title := w.doc.Title
	if w.setStatus(s) {
		w.nextDocument(1)
		w.panel.setHint(fmt.Sprintf("Marked %s: %s", statusText(s), preview(title, 60)))
	}
}

// nextDocument opens the document step places away in the list as shown.
func (w *Workbench) nextDocument(step int) {
	if id, ok := w.docs.neighbour(w.doc.ID, step); ok {
		w.openDocument(id)
		return
	}
	if step > 0 {
		w.panel.setHint("This is the last document in the list.")
	} else {
		w.panel.setHint("This is the first document in the list.")
	}
}

// createSpan labels the selected text.
func (w *Workbench) createSpan(ref labelRef) bool {
	start, end, ok := w.view.Selection()
	if !ok || !w.hasDocument() || end <= start {
		return false
	}
	sp := annotate.Span{ID: annotate.NewID("s"), DocID: w.doc.ID, Layer: ref.layer, Label: ref.label,
		Fragments: []annotate.Fragment{{Start: start, End: end}}, Annotator: w.annotator}
	if !w.apply(annotate.AddSpan(sp)) {
		return false
	}
	w.view.ClearSelection()
	hint := fmt.Sprintf("Labelled “%s” as %s.", preview(w.spanText(sp), 40), shownName(ref.label))
	if len(w.relationTypesOf(ref.layer)) > 0 {
		hint += " L links it to another span."
	}
	w.panel.setHint(hint)
	return true
}

// labelChosen is a tap on a label button: it labels the selected text, or
// else relabels the selected span when the label is of its layer.
func (w *Workbench) labelChosen(ref labelRef) {
	if w.createSpan(ref) {
		return
	}
	if sp, ok := w.span(w.selected); ok && sp.Layer == ref.layer {
		w.relabel(sp, ref.label)
		return
	}
	w.panel.setHint("Select some text in the article first, then choose " + shownName(ref.label) + ".")
}

func (w *Workbench) relabel(sp annotate.Span, label string) {
	if sp.Label == label {
		return
	}
	after := sp.Clone()
	after.Label = label
	w.apply(annotate.UpdateSpan(sp, after, w.annotator))
}

// updateSelected applies change to a copy of the selected span and stores it.
func (w *Workbench) updateSelected(change func(sp *annotate.Span)) {
	sp, ok := w.span(w.selected)
	if !ok {
		return
	}
	after := sp.Clone()
	change(&after)
	if after.Label == sp.Label && after.Note == sp.Note && after.Attrs.Equal(sp.Attrs) &&
		slices.Equal(after.Fragments, sp.Fragments) {
		return
	}
	w.apply(annotate.UpdateSpan(sp, after, w.annotator))
}

// setAttr sets (or, with nil, clears) an attribute of the selected span.
func (w *Workbench) setAttr(name string, v any) {
	w.updateSelected(func(sp *annotate.Span) {
		if sp.Attrs == nil {
			sp.Attrs = annotate.Attrs{}
		}
		if v == nil {
			delete(sp.Attrs, name)
		} else {
			sp.Attrs[name] = v
		}
		if len(sp.Attrs) == 0 {
			sp.Attrs = nil
		}
	})
}

func (w *Workbench) setNote(note string) {
	w.updateSelected(func(sp *annotate.Span) { sp.Note = note })
}

func (w *Workbench) deleteSelected() {
	if sp, ok := w.span(w.selected); ok {
		w.apply(annotate.DeleteSpan(sp, w.annotator))
	}
}

func (w *Workbench) deleteRelation(r annotate.Relation) {
	w.apply(annotate.DeleteRelation(r, w.annotator))
}

// selectSpan makes id the selected span; scroll brings it into view.
func (w *Workbench) selectSpan(id string, scroll bool) {
	sp, ok := w.span(id)
	if !ok {
		return
	}
	w.selected = id
	w.view.SelectHighlight(id)
	if scroll {
		w.view.ScrollToOffset(sp.Start())
	}
	w.panel.refresh()
}

// deselect leaves no span selected; the panel drops the span's card.
func (w *Workbench) deselect() {
	if w.selected == "" {
		return
	}
	w.selected = ""
	w.view.SelectHighlight("")
	w.panel.refresh()
}

// spanTapped is a click on a span in the article: in link mode it completes
// the relation, otherwise it selects the span.
func (w *Workbench) spanTapped(id string) {
	switch {
	case w.linking && id != "":
		w.completeLink(id)
	case id == "":
		// A click on plain text deselects (and ends link mode).
		w.linking = false
		w.deselect()
	default:
		w.selectSpan(id, false)
		w.panel.setHint("Selected. Change it below; Delete removes it.")
	}
}

func (w *Workbench) textSelected(start, end int) {
	if end > start {
		w.panel.setHint(fmt.Sprintf("Selected %d characters: press a label's key or click a label.", end-start))
	}
}

// addFragment extends a span with another stretch of text (a modifier-drag
// with the span selected): a discontinuous span.
func (w *Workbench) addFragment(id string, f annotate.Fragment) {
	if id != w.selected {
		w.selectSpan(id, false)
	}
	w.updateSelected(func(sp *annotate.Span) {
		sp.Fragments = annotate.NormalizeFragments(append(sp.Fragments, f))
	})
}

// relationTypesFrom lists the relation types that can start or end at a
// span of layer.
func (w *Workbench) relationTypesOf(layer string) []annotate.RelationType {
	var out []annotate.RelationType
	for _, rt := range w.schema.Relations {
		if rt.From == layer || rt.To == layer {
			out = append(out, rt)
		}
	}
	return out
}

// startLink enters link mode from the selected span.
func (w *Workbench) startLink() {
	sp, ok := w.span(w.selected)
	if !ok {
		w.panel.setHint("Select a span first (click it), then press L to link it.")
		return
	}
	rts := w.relationTypesOf(sp.Layer)
	if len(rts) == 0 {
		w.panel.setHint(fmt.Sprintf("The schema has no relation type for %s spans.", sp.Layer))
		return
	}
	var targets []string
	for _, rt := range rts {
		other := rt.To
		if rt.To == sp.Layer {
			other = rt.From
		}
		if !slices.Contains(targets, other) {
			targets = append(targets, other)
		}
	}
	w.linking = true
	w.panel.setHint(fmt.Sprintf("Link: click the %s span to link to (Escape cancels).", strings.Join(targets, " or ")))
}

func (w *Workbench) cancelLink() {
	if w.linking {
		w.linking = false
		w.panel.setHint("Link cancelled.")
	}
}

// completeLink creates the relation between the selected span and target,
// choosing the relation type whose layers fit, in whichever direction. When
// several fit (the attribution schema's source_of and cue_of both join two
// attribution spans) the user picks one.
func (w *Workbench) completeLink(targetID string) {
	w.linking = false
	src, ok1 := w.span(w.selected)
	dst, ok2 := w.span(targetID)
	if !ok1 || !ok2 || src.ID == dst.ID {
		w.panel.setHint("Link cancelled: click another span.")
		return
	}
	options := w.linksBetween(src, dst)
	if len(options) == 0 {
		w.panel.setHint("No relation type links " + src.Layer + " and " + dst.Layer + " spans.")
		return
	}
	switch {
	case !slices.ContainsFunc(options, func(o linkOption) bool { return !w.linked(o) }):
		w.panel.setHint("These spans are already linked.")
	case len(options) == 1:
		w.link(options[0])
	default:
		w.chooseLink(options)
	}
}

// linkOption is one relation the user may make between two spans.
type linkOption struct {
	from, to annotate.Span
	rt       annotate.RelationType
}

// linksBetween lists the relation types that join a and b: from a to b
// first, then from b to a (a relation type within one layer only from a).
func (w *Workbench) linksBetween(a, b annotate.Span) []linkOption {
	var out []linkOption
	for _, rt := range w.schema.Relations {
		if rt.From == a.Layer && rt.To == b.Layer {
			out = append(out, linkOption{a, b, rt})
		}
	}
	if a.Layer != b.Layer {
		for _, rt := range w.schema.Relations {
			if rt.From == b.Layer && rt.To == a.Layer {
				out = append(out, linkOption{b, a, rt})
			}
		}
	}
	return out
}

func (w *Workbench) linked(o linkOption) bool {
	return slices.ContainsFunc(w.doc.Relations, func(r annotate.Relation) bool {
		return r.Type == o.rt.Name && r.From == o.from.ID && r.To == o.to.ID
	})
}

func (w *Workbench) link(o linkOption) {
	if w.apply(annotate.AddRelation(annotate.Relation{ID: annotate.NewID("r"), DocID: w.doc.ID, Type: o.rt.Name,
		From: o.from.ID, To: o.to.ID, Annotator: w.annotator})) {
		w.panel.setHint(fmt.Sprintf("Linked: %s %s → %s %s.", shownName(o.from.Label), o.rt.Name, shownName(o.to.Label), preview(w.spanText(o.to), 30)))
	}
}

// chooseLink asks which relation to make (those already made are shown,
// disabled); Escape or Cancel makes none.
func (w *Workbench) chooseLink(options []linkOption) {
	var d dialog.Dialog
	box := container.NewVBox()
	for _, o := range options {
		text := o.rt.Name
		if o.rt.Description != "" {
			text += " — " + o.rt.Description
		}
		b := widget.NewButton(text, func() {
			d.Hide()
			w.link(o)
		})
		b.Alignment = widget.ButtonAlignLeading
		if w.linked(o) {
			b.SetText(text + " (already linked)")
			b.Disable()
		}
		box.Add(b)
	}
	first := options[0]
	head := widget.NewLabel(fmt.Sprintf("%s “%s” → %s “%s”", shownName(first.from.Label), preview(w.spanText(first.from), 30),
		shownName(first.to.Label), preview(w.spanText(first.to), 30)))
	head.Wrapping = fyne.TextWrapWord
	w.panel.setHint("Several relation types fit: choose one (Escape cancels).")
	d = dialog.NewCustom("Link as…", "Cancel", container.NewVBox(head, box), w.win)
	d.Resize(fyne.NewSize(min(560, w.win.Canvas().Size().Width), 0))
	w.show(d)
}

// typedRune handles plain keys: a label's key labels the selected text; L
// links the selected span when no text is selected.
func (w *Workbench) typedRune(r rune) {
	if w.win.Canvas().Overlays().Top() != nil {
		return // a dialog is open: keys are not for the article behind it
	}
	lr := []rune(strings.ToLower(string(r)))[0]
	if _, _, ok := w.view.Selection(); ok {
		if ref, ok := w.keys[lr]; ok {
			w.createSpan(ref)
		}
		return
	}
	if lr == 'l' && w.selected != "" {
		w.startLink()
	}
}

// typedKey handles Delete, Backspace and Escape when no entry has focus.
func (w *Workbench) typedKey(k *fyne.KeyEvent) {
	switch k.Name {
	case fyne.KeyEscape:
		if w.closeTopDialog() {
			return
		}
		if w.linking {
			w.cancelLink()
			return
		}
		if _, _, ok := w.view.Selection(); ok {
			w.view.ClearSelection()
			return
		}
		w.deselect()
	case fyne.KeyDelete, fyne.KeyBackspace:
		if w.win.Canvas().Overlays().Top() == nil {
			w.deleteSelected()
		}
	}
}
