package app

import (
	"context"
	"fmt"
	"strings"

	"frametag/annotate"
	"frametag/project"
)

// setProject shows store in the window, replacing any open project (which
// the caller closes). Nothing changes when store cannot be read.
func (w *Workbench) setProject(store Project) error {
	version := projectVersion(w.ctx(), store)
	schema, err := store.Schema(w.ctx())
	if err != nil {
		return fmt.Errorf("read the schema of %s: %w", store.Path(), err)
	}
	all, count, err := w.listDocuments(store)
	if err != nil {
		return fmt.Errorf("list the documents of %s: %w", store.Path(), err)
	}
	w.docs.me = w.annotator
	who := countFirstScreen(all, count, w.prefs.lastDocument(store.Path()), w.annotator)
	w.docs.count = count
	w.store = store
	w.session.store = store
	w.session.version = version
	w.searched = nil // its hits are the last project's
	if w.curation != nil {
		// it curates the last project, in the last annotator's name
		w.curation.win.Close()
	}
	w.useSchema(schema)
	w.win.SetTitle(windowTitle(store.Path(), w.annotator) + readOnlyTitle(store))
	showReadOnly(w.banner, store)
	w.win.SetMainMenu(w.mainMenu())
	w.prefs.opened(store.Path())

	w.docs.search = func(q string) ([]annotate.DocSummary, error) { return w.filterDocuments(store, q) }
	w.docs.setDocuments(all)
	if by, ok := w.prefs.order(store.Path()); ok && by != w.docs.order {
		w.docs.chooseOrder(by) // the order last chosen for this project
	} else if w.docs.order != project.OrderImported {
		w.docs.chooseOrder(w.docs.order) // the same order, of this project
	}
	w.docs.who = who
	first := w.prefs.lastDocument(store.Path())
	if _, ok := w.docs.summary(first); !ok {
		// The remembered document is gone (or none was): the first, if any.
		first = ""
		if len(all) > 0 {
			first = all[0].ID
		}
	}
	if first == "" {
		w.session.open("") // no document: nothing to read, nothing to fail
		return nil
	}
	w.openDocument(first)
	return nil
}

// lazyCounts is a store that lists documents without counting their spans
// and counts them, by annotator, for the rows shown: opening a project of
// 100,000 documents then costs the list, not 100,000 counts.
type lazyCounts interface {
	DocumentList(ctx context.Context, annotator string) ([]annotate.DocSummary, error)
	SpanCountsByAnnotator(ctx context.Context, ids []string) (map[string]map[string]int, error)
}

// listDocuments reads the document list, without span counts when store
// can count them later for the rows shown (count does).
func (w *Workbench) listDocuments(store Project) (all []annotate.DocSummary, count func([]string) (map[string]spanCounts, error), err error) {
	lc, ok := store.(lazyCounts)
	if !ok {
		all, err = store.Documents(w.ctx(), w.annotator)
		return all, nil, err
	}
	count = func(ids []string) (map[string]spanCounts, error) {
		by, err := lc.SpanCountsByAnnotator(w.ctx(), ids)
		out := make(map[string]spanCounts, len(by))
		for id, c := range by {
			out[id] = c
		}
		return out, err
	}
	all, err = lc.DocumentList(w.ctx(), w.annotator)
	return all, count, err
}

// countFirstScreen counts, before the first paint, the rows the list shows
// first: its top and the rows around the document that opens (one query of
// a few dozen ids, well under a millisecond), so that the first picture has
// its counts and only rows scrolled to later are counted lazily. It returns
// the counts by annotator; a row's Spans is me's.
func countFirstScreen(all []annotate.DocSummary, count func([]string) (map[string]spanCounts, error), current, me string) map[string]spanCounts {
	if count == nil || len(all) == 0 {
		return map[string]spanCounts{}
	}
	const screen = 40
	at := 0
	for i := range all {
		if all[i].ID == current {
			at = i
			break
		}
	}
	var ids []string
	for i := range all {
		if i < screen || i >= at-screen && i <= at+screen {
			ids = append(ids, all[i].ID)
		}
		if i > at+screen && i >= screen {
			break
		}
	}
	counts, err := count(ids)
	if err != nil {
		return map[string]spanCounts{} // the rows count themselves when shown
	}
	for i := range all {
		if by, ok := counts[all[i].ID]; ok {
			all[i].Spans = by[me]
		}
	}
	return counts
}

// reloadDocuments re-reads the document list (after an import).
func (w *Workbench) reloadDocuments() error {
	all, count, err := w.listDocuments(w.store)
	if err != nil {
		return fmt.Errorf("list the documents of %s: %w", w.store.Path(), err)
	}
	// the rows around the open document keep their counts through the
	// reload (no blank flash)
	who := countFirstScreen(all, count, w.docs.current, w.annotator)
	w.docs.count = count
	w.docs.setDocuments(all)
	if w.docs.order != project.OrderImported {
		w.docs.chooseOrder(w.docs.order) // the same order, of this project
	}
	w.docs.who = who
	if !w.hasDocument() && len(all) > 0 {
		w.openDocument(all[0].ID)
	} else {
		w.docs.setCurrent(w.session.document().ID)
	}
	return nil
}

// switchProject replaces the open project with store, closing the old one;
// when store cannot be shown it is closed and the old project stays.
func (w *Workbench) switchProject(store Project) {
	// the old project's pending edits are saved to it first; the window
	// goes on taking writes after (flush leaves it writing at once)
	post := w.session.post
	w.session.flush()
	w.session.post = post
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

// useSchema installs a schema; the label keys and the views that show
// labels follow the session.
func (w *Workbench) useSchema(s annotate.Schema) { w.session.setSchema(s) }

// follow keeps the label keys in line with the session's schema, and
// remembers the open document as the project's last, however it was opened
// (the list, Next, an undo that went to another document).
func (w *Workbench) follow(cs []change) {
	for _, c := range cs {
		switch c.(type) {
		case schemaChanged:
			w.setKeys(w.session.currentSchema())
		case docOpened:
			if w.find.Visible() {
				w.find.search() // the same words in this document
			}
			if w.session.hasDocument() {
				w.prefs.setLastDocument(w.store.Path(), w.session.document().ID)
				if w.win.Canvas().Focused() == nil {
					// the article has the keyboard: Tab steps through its
					// suggestions rather than round the window's widgets
					w.win.Canvas().Focus(w.view)
				}
			}
		}
	}
	w.greyMenuItems()
}

// setKeys maps each span label's key to the label.
func (w *Workbench) setKeys(s *annotate.Schema) {
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
}

// openDocument opens a document in the session.
func (w *Workbench) openDocument(id string) {
	if err := w.session.open(id); err != nil {
		w.showError("Could not open the document", err, "Nothing was changed.")
	}
}

// hasDocument reports whether a document is open.
func (w *Workbench) hasDocument() bool { return w.session.hasDocument() }
