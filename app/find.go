package app

import (
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"frametag/annotate"
)

// findBar is Ctrl+F's find in the open document, above the article: every
// hit is tinted in the article, Enter (or ↓) steps to the next, Shift+Enter
// (or ↑) to the previous, each in turn selected as text, so that a label's
// key after Escape labels it. It reports through its callbacks.
type findBar struct {
	widget.BaseWidget
	entry   *findEntry
	count   *widget.Label
	root    *fyne.Container
	hits    []annotate.Fragment
	cur     int // the hit selected, -1 for none
	text    func() string
	onMarks func([]annotate.Fragment)
	onGo    func(annotate.Fragment)
	onClose func()
	maxHits int
}

// findEntry is the find box: Enter steps on, Shift+Enter back, Escape closes.
type findEntry struct {
	widget.Entry
	shift    bool
	onStep   func(int)
	onEscape func()
}

func newFindEntry() *findEntry {
	e := &findEntry{}
	e.ExtendBaseWidget(e)
	return e
}

func (e *findEntry) KeyDown(k *fyne.KeyEvent) {
	if k.Name == desktop.KeyShiftLeft || k.Name == desktop.KeyShiftRight {
		e.shift = true
	}
	e.Entry.KeyDown(k)
}

func (e *findEntry) KeyUp(k *fyne.KeyEvent) {
	if k.Name == desktop.KeyShiftLeft || k.Name == desktop.KeyShiftRight {
		e.shift = false
	}
	e.Entry.KeyUp(k)
}

func (e *findEntry) TypedKey(k *fyne.KeyEvent) {
	switch k.Name {
	case fyne.KeyEscape:
		e.onEscape()
	case fyne.KeyReturn, fyne.KeyEnter:
		if e.shift {
			e.onStep(-1)
		} else {
			e.onStep(1)
		}
	default:
		e.Entry.TypedKey(k)
	}
}

func (e *findEntry) FocusLost() {
	e.shift = false
	e.Entry.FocusLost()
}

func newFindBar(text func() string, onMarks func([]annotate.Fragment), onGo func(annotate.Fragment), onClose func()) *findBar {
	b := &findBar{text: text, onMarks: onMarks, onGo: onGo, onClose: onClose, cur: -1, maxHits: 10000}
	b.entry = newFindEntry()
	b.entry.SetPlaceHolder("Find in the document (Enter: next, Shift+Enter: previous)")
	b.entry.OnChanged = func(string) { b.search() }
	b.entry.onStep = b.step
	b.entry.onEscape = func() { b.onClose() }
	b.count = widget.NewLabel("")
	prev := widget.NewButtonWithIcon("", theme.MoveUpIcon(), func() { b.step(-1) })
	next := widget.NewButtonWithIcon("", theme.MoveDownIcon(), func() { b.step(1) })
	closeBtn := widget.NewButtonWithIcon("", theme.CancelIcon(), func() { b.onClose() })
	closeBtn.Importance = widget.LowImportance
	b.root = container.NewBorder(nil, nil, nil, container.NewHBox(b.count, prev, next, closeBtn), b.entry)
	b.ExtendBaseWidget(b)
	return b
}

func (b *findBar) CreateRenderer() fyne.WidgetRenderer { return newViewRenderer(b, b.root) }

// search finds the box's words in the document anew and tints every hit.
func (b *findBar) search() {
	b.hits, b.cur = nil, -1
	if q := b.entry.Text; q != "" {
		if m, err := annotate.NewMatcher(q, false); err == nil {
			b.hits = m.Find(b.text(), b.maxHits)
		}
	}
	b.onMarks(b.hits)
	b.showCount()
}

func (b *findBar) showCount() {
	switch {
	case b.entry.Text == "":
		b.count.SetText("")
	case len(b.hits) == 0:
		b.count.SetText("no hits")
	case b.cur < 0:
		b.count.SetText(plural(len(b.hits), "hit"))
	default:
		b.count.SetText(fmt.Sprintf("%d of %d", b.cur+1, len(b.hits)))
	}
	b.root.Refresh() // the count's width changed
}

// step selects the next (dir > 0) or previous hit, round the ends.
func (b *findBar) step(dir int) {
	if len(b.hits) == 0 {
		return
	}
	switch {
	case b.cur < 0 && dir > 0:
		b.cur = 0
	case b.cur < 0:
		b.cur = len(b.hits) - 1
	default:
		b.cur = (b.cur + dir + len(b.hits)) % len(b.hits)
	}
	b.showCount()
	b.onGo(b.hits[b.cur])
}

// open shows the bar with the keyboard in its box, its words selected.
func (w *Workbench) openFind() {
	if !w.find.Visible() {
		w.find.Show()
		w.articleBox.Refresh() // lay the bar out above the article
		w.find.search()        // the document may have changed since
	}
	w.win.Canvas().Focus(w.find.entry)
	w.find.entry.TypedShortcut(&fyne.ShortcutSelectAll{})
}

// closeFind hides the bar and its tints; the hit selected stays selected,
// and the keyboard goes back to the article.
func (w *Workbench) closeFind() {
	w.find.Hide()
	w.articleBox.Refresh()
	w.view.SetFound(nil)
	w.win.Canvas().Focus(w.view)
	if _, _, ok := w.view.Selection(); ok {
		w.say("Press a label's key to label the hit selected.")
	}
}

// foundAt selects a hit as text and brings it into sight.
func (w *Workbench) foundAt(f annotate.Fragment) {
	w.session.selectSpan("", false)
	w.view.SetSelection(f.Start, f.End)
	w.view.ScrollToOffset(f.Start)
}
