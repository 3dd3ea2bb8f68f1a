package app

import (
	"context"
	"iter"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"frametag/annotate"
	"frametag/app/articleview"
	"frametag/app/palette"
	"frametag/project"
)

// Project is what the workbench needs of an open project file; every
// annotate.Store provides it.
type Project interface {
	Path() string
	Schema(ctx context.Context) (annotate.Schema, error)
	Documents(ctx context.Context, annotator string) ([]annotate.DocSummary, error)
	SearchDocuments(ctx context.Context, query, annotator string) ([]annotate.DocSummary, error)
	Search(ctx context.Context, q annotate.SearchQuery) ([]annotate.SearchHit, bool, error)
	Annotations(ctx context.Context, docID string) (annotate.AnnotatedDoc, error)
	Apply(ctx context.Context, e annotate.Edit) (annotate.Edit, error)
	Undo(ctx context.Context, annotator string) (annotate.Edit, bool, error)
	Redo(ctx context.Context, annotator string) (annotate.Edit, bool, error)
	Import(ctx context.Context, docs iter.Seq2[annotate.AnnotatedDoc, error], opts ...annotate.ImportOptions) (annotate.ImportResult, error)
	Export(ctx context.Context, fn func(annotate.AnnotatedDoc) error) error
	// For the schema editor's "this label holds N spans" warnings.
	SpanCountByLabel(ctx context.Context, layer, label string) (int, error)
	DocLabelCountByLabel(ctx context.Context, layer, label string) (int, error)
	// For the suggestions (ghost spans).
	Gazetteer(ctx context.Context, layer string) ([]annotate.GazetteerEntry, error)
	Rejections(ctx context.Context, doc, annotator string) ([]annotate.Rejection, error)
	// For the actor registry and the Analysis view.
	Actors(ctx context.Context) ([]annotate.ActorEntry, error)
	ActorUse(ctx context.Context) (map[string]annotate.ActorUse, error)
	Stats(ctx context.Context) (annotate.Stats, error)
	Close() error
}

// ctx is the context of the window's store calls. Each is one user action
// that runs to its end (imports and exports have their own Cancel), so
// none is cancelled from here yet.
// ctx is the window's context: cancelled when the window closes (close),
// which ends its reads and its imports and exports (all or nothing); edits
// already made are still saved (session.flush).
func (w *Workbench) ctx() context.Context { return w.base }

// labelRef names one label of one layer.
type labelRef struct{ layer, label string }

// Workbench is the main window: one open project, and the session of its
// open document shown in views (the article, the panel's pieces, the
// document list) that follow the session on their own. The workbench wires
// them, turns keys and commands into session actions, and says in the hint
// line what happened.
type Workbench struct {
	app       fyne.App
	win       fyne.Window
	prefs     prefs
	annotator string

	// projects creates and opens project files (File → New, Open, Recent).
	projects annotate.Opener
	store    Project
	session  *session
	keys     map[rune]labelRef // lower-case shortcut key -> label

	colours *labelColours
	docs    *docList
	view    *articleview.View
	article *articlePresenter
	panel   *panel
	// articleArea holds the article, or the article and the guidelines
	// pane (guides, made when first shown) side by side.
	articleArea *fyne.Container
	guides      *guidelinesPane
	find        *findBar
	searched    *searchForm     // the search dialog as last left
	articleBox  *fyne.Container // the find bar over the article area

	textSize float32
	// curation is the curation window while it is open.
	curation *curationView
	// agreement is the Agreement window while it is open.
	agreement *agreementView

	// commands is the command table: menus, shortcuts and help.
	commands []command
	// gated are the menu items greyed out while their command cannot run.
	gated []gatedItem

	// dialogs are the dialogs Escape may close, each with the overlay it
	// showed in.
	dialogs []shownDialog

	// analysis is the Analysis window while it is open.
	analysis *analysisView

	// background runs imports and exports off the UI thread; tests make it
	// synchronous.
	background func(func())
	// cancelTask is the running import's or export's Cancel button.
	cancelTask *widget.Button
	// orderGen numbers the document orders asked for: only the latest is
	// shown.
	orderGen int
	// suggester keeps the open document's suggestions up to date.
	suggester *suggester
	// banner says the project is read-only, when it is (readonly.go).
	banner *widget.Label

	base context.Context
	stop context.CancelFunc
}

// newWorkbench builds the window's content for an open project. The window
// and app are the caller's; the workbench sets the content, menus and keys.
func newWorkbench(a fyne.App, win fyne.Window, projects annotate.Opener, store Project, annotator string, opts ...workbenchOption) (*Workbench, error) {
	w := &Workbench{app: a, win: win, prefs: prefs{a.Preferences()}, annotator: annotator, projects: projects,
		background: func(f func()) { go f() }, commands: commandTable()}
	w.textSize = w.prefs.textSize()
	w.base, w.stop = context.WithCancel(context.Background())
	w.session = newSession(annotator, w.prefs.showOthers())
	w.session.problem = w.showError
	w.session.base = w.base
	w.session.post = fyne.Do
	w.session.subscribe(w.follow)
	w.colours = newLabelColours(w.session, w.pageHex())

	w.view = articleview.New()
	w.view.SetTextSize(w.textSize)
	w.view.SetShowNames(w.prefs.showNames())
	w.view.SetShowRelations(w.prefs.showRelations())
	w.view.OnHighlightTapped = w.spanTapped
	w.view.OnSelectionChanged = w.textSelected
	w.view.OnAddFragment = w.addFragment
	w.view.OnEdgeDragged = w.edgeDragged
	w.view.OnMoveKey = w.moveKey
	w.view.OnTypedRune = w.typedRune
	w.view.OnTypedKey = w.typedKey
	w.view.OnTab = w.tabKey
	w.article = newArticlePresenter(w.session, w.view, w.colours)
	w.panel = newPanel(w.session, w.colours, &panelActions{
		chooseLabel:    w.labelChosen,
		command:        w.runCommand,
		enabled:        w.canRun,
		startLink:      w.startLink,
		removeFragment: w.removeFragment,
		copySpan:       w.copySelected,
		typedRune:      w.typedRune,
		typedKey:       w.typedKey,
		canvas:         win.Canvas,
		article:        w.view,
		escapable:      w.escapable,
	})
	w.docs = newDocList(w.openDocument)
	w.docs.onOrder = w.orderDocuments
	w.docs.chose = func(by project.OrderBy) {
		if w.store != nil {
			w.prefs.setOrder(w.store.Path(), by)
		}
	}
	w.docs.onLeave = func() { win.Canvas().Focus(w.view) }
	w.docs.follow(w.session)
	w.session.waitingNote = w.panel.setWaiting
	// Subscribed last: the suggestions it hands over (at once in tests)
	// reach views that have seen the change they follow.
	w.session.showSuggestions = w.prefs.showSuggestions()
	w.suggester = newSuggester(w.session, func(f func()) { w.background(f) }, fyne.Do, w.corpus, w.prefs.minScore,
		func(err error) { w.say("No suggestions: " + errorMessage(err)) })

	// The article shares its place with the guidelines pane when open.
	w.articleArea = container.NewStack(w.view)
	w.find = newFindBar(func() string { return w.session.document().Text }, w.view.SetFound, w.foundAt, w.closeFind)
	w.find.Hide()
	w.articleBox = container.NewBorder(w.find, nil, nil, nil, w.articleArea)
	inner := container.NewHSplit(w.articleBox, w.panel.root)
	inner.SetOffset(0.68)
	outer := container.NewHSplit(w.docs, inner)
	outer.SetOffset(0.2)
	w.banner = newReadOnlyBanner()
	win.SetContent(container.NewBorder(w.banner, nil, nil, nil, outer))

	win.Canvas().SetOnTypedRune(w.typedRune)
	win.Canvas().SetOnTypedKey(w.typedKey)
	w.installShortcuts()
	pathOnlySaves()
	// A theme change (the View menu, or the desktop's own when following
	// it) recolours the labels for the new page.
	a.Settings().AddListener(func(fyne.Settings) { fyne.Do(w.recolor) })
	for _, o := range opts {
		o(w)
	}
	if err := w.setProject(store); err != nil {
		return nil, err
	}
	return w, nil
}

// workbenchOption changes a workbench before it opens its project.
type workbenchOption func(*Workbench)

// inForeground runs the work a workbench does in the background (imports,
// exports, the list's span counts, training the suggestions) at once, on
// the caller's goroutine. Headless tests need it: Fyne's test driver runs
// fyne.Do on the calling goroutine, so a background job handing its result
// to the window would race the test.
func inForeground(w *Workbench) {
	w.background = func(f func()) { f() }
	w.session.post = nil
	w.docs.background = func(f func()) { f() }
	w.docs.later = func(f func()) { f() }
}

// close ends the window's work: its reads, imports and exports stop, and
// the edits still being saved are saved first, however long another
// process holds the project (nothing made in the window is lost).
func (w *Workbench) close() {
	w.stop()
	w.session.flush()
}

// say puts a line of feedback at the top of the panel.
func (w *Workbench) say(s string) { w.panel.setHint(s) }

// pageHex is the article's background in the running theme.
func (w *Workbench) pageHex() string {
	s := w.app.Settings()
	return palette.Hex(s.Theme().Color(theme.ColorNameBackground, s.ThemeVariant()))
}

// recolor shows every label colour anew after a theme change: the panel's
// swatches and the article's bars.
func (w *Workbench) recolor() {
	if !w.colours.setPage(w.pageHex()) {
		return
	}
	w.panel.recolor()
	w.article.recolor()
	if w.agreement != nil {
		w.agreement.recolor()
	}
	if w.analysis != nil {
		w.analysis.compute() // the charts in the new page colours, from memory
	}
}

// corpus is the open project, for training the suggestions; nil for none.
func (w *Workbench) corpus() corpusSource {
	if w.store == nil {
		return nil
	}
	return w.store
}

// orderDocuments computes an order of the document list off the UI
// goroutine (reading the whole project, training the suggestions) and
// hands it to the list; the window never waits for it. An order chosen
// meanwhile, or another project, drops it.
func (w *Workbench) orderDocuments(by project.OrderBy) {
	w.orderGen++
	gen, store, annotator := w.orderGen, w.store, w.annotator
	if store == nil {
		return
	}
	svc := w.service()
	w.background(func() {
		ranked, err := svc.Order(w.ctx(), store, by, annotator)
		fyne.Do(func() {
			if gen != w.orderGen || store != w.store {
				return
			}
			if err != nil {
				w.docs.orderFailed(err)
				return
			}
			w.docs.setOrder(by, ranked)
		})
	})
}
