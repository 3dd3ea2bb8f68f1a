package app

import (
	"fmt"
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"frametag/annotate"
	"frametag/annotate/suggest"
)

// panelActions are what the panel's controls do. The workbench supplies
// them; the panel's pieces hold no pointer to it.
type panelActions struct {
	chooseLabel func(labelRef)
	command     func(name string)
	enabled     func(command string) bool
	startLink   func()
	// removeFragment drops fragment i of the selected span.
	removeFragment func(i int)
	// copySpan copies the selected span, someone else's, into the
	// annotator's layer.
	copySpan func()
	// typedRune and typedKey take the keys the spans list has no use for.
	typedRune func(rune)
	typedKey  func(*fyne.KeyEvent)
	canvas    func() fyne.Canvas
	// article takes the keyboard back from the panel (nil: the window).
	article fyne.Focusable
	// escapable lets Escape close a pop-up.
	escapable func(overlay fyne.CanvasObject, close func())
}

// unfocus gives the keyboard back to the article, so label keys (and Tab
// through the suggestions) work again.
func (a *panelActions) unfocus() {
	if a.article != nil {
		a.canvas().Focus(a.article)
		return
	}
	a.canvas().Unfocus()
}

// spanCard is the selected span's card: its text, its label with Link and
// Delete beside it, the attributes two to a row, the note, its relations.
// Its inputs are made once per layer and filled in place, so a change to the
// span (or another span of the same layer selected) moves no focus and
// builds no widget; only the relation rows are made anew, when relations
// change.
type spanCard struct {
	widget.BaseWidget
	s       *session
	colours *labelColours
	act     *panelActions

	shown string // the span shown, "" for none
	// layer is the layer the inputs were made for ("" for none yet); a
	// schema change makes them anew.
	layer string

	box      *fyne.Container // the card, as the renderer draws it
	swatch   *canvas.Rectangle
	quote    *widget.Label
	head     fyne.CanvasObject
	labelSel *widget.Select
	labelRow fyne.CanvasObject
	link     *widget.Button
	del      *widget.Button
	// owner says whose the span is when it is someone else's, why the
	// inputs are greyed out, and offers the copy (ownerRow holds both).
	owner    *widget.Label
	ownerRow fyne.CanvasObject
	// readOnly: the span shown is someone else's; its inputs are disabled.
	readOnly bool
	note     *commitEntry
	// origin says where a span accepted from a suggestion came from; it
	// is in the card only for such a span.
	origin *widget.Label
	// ghost is the card of a selected suggestion: what it says, why, and
	// Accept and Reject.
	ghost, ghostWhy *widget.Label
	ghostRow        fyne.CanvasObject
	nameOf          map[string]string // a label as shown -> its name
	// actorBox is an actor span's registry link: the entry it links to,
	// the matching entries offered, and a new entry from the span.
	actorBox *fyne.Container
	attrs    []attrInput
	attrObjs []fyne.CanvasObject // the attribute inputs as laid out
	// filling is set while the inputs are filled from the span, so their
	// change handlers do not store the same values back.
	filling bool
	// resized is called when the note grew or shrank (the panel lays
	// itself out again).
	resized func()
}

// attrInput is the input of one attribute and how to show a value in it.
type attrInput struct {
	name string
	obj  fyne.CanvasObject
	set  func(v any)
}

func newSpanCard(s *session, colours *labelColours, act *panelActions) *spanCard {
	c := &spanCard{s: s, colours: colours, act: act, box: container.NewVBox()}
	c.swatch = canvas.NewRectangle(nil)
	c.swatch.SetMinSize(fyne.NewSize(4, 0))
	c.quote = widget.NewLabel("")
	c.quote.Wrapping = fyne.TextWrapWord
	c.quote.SizeName = theme.SizeNameCaptionText
	c.head = container.NewBorder(nil, nil, c.swatch, nil, c.quote)
	c.labelSel = widget.NewSelect(nil, func(shown string) {
		if sp, ok := c.s.selectedSpan(); ok && !c.filling {
			c.s.relabel(sp, c.nameOf[shown])
			c.act.unfocus() // label keys work again at once
		}
	})
	c.del = widget.NewButtonWithIcon("", theme.DeleteIcon(), func() { c.s.deleteSelected() })
	c.del.Importance = widget.DangerImportance
	c.link = widget.NewButtonWithIcon("Link", theme.ContentAddIcon(), func() { c.act.startLink() })
	c.labelRow = container.NewBorder(nil, nil, nil, container.NewHBox(c.link, c.del), c.labelSel)
	c.owner = widget.NewLabel("")
	c.owner.Wrapping = fyne.TextWrapWord
	c.owner.SizeName = theme.SizeNameCaptionText
	c.owner.Importance = widget.WarningImportance
	copyBtn := widget.NewButtonWithIcon("Copy (C)", theme.ContentCopyIcon(), func() { c.act.copySpan() })
	copyBtn.Importance = widget.HighImportance
	c.ownerRow = container.NewBorder(nil, nil, nil, container.NewCenter(copyBtn), c.owner)
	c.note = newCommitEntry("", func(note string) { c.s.setNote(note) })
	c.note.growing(noteRows, noteMaxRows)
	c.note.onGrow = func() {
		if c.resized != nil {
			c.resized()
		}
	}
	c.note.SetPlaceHolder("Note (Enter saves, Shift+Enter: new line)")
	c.origin = widget.NewLabel("")
	c.origin.SizeName = theme.SizeNameCaptionText
	c.origin.Wrapping = fyne.TextWrapWord
	c.ghost = widget.NewLabel("")
	c.ghost.TextStyle = fyne.TextStyle{Italic: true}
	c.ghost.Wrapping = fyne.TextWrapWord
	c.ghostWhy = widget.NewLabel("")
	c.ghostWhy.Wrapping = fyne.TextWrapWord
	c.ghostWhy.SizeName = theme.SizeNameCaptionText
	accept := widget.NewButtonWithIcon("Accept (Enter)", theme.ConfirmIcon(), func() { c.act.command(cmdAcceptSuggestion) })
	accept.Importance = widget.HighImportance
	reject := widget.NewButtonWithIcon("Reject (Delete)", theme.CancelIcon(), func() { c.act.command(cmdRejectSuggestion) })
	c.ghostRow = container.NewGridWithColumns(2, accept, reject)
	c.actorBox = container.NewVBox()
	c.ExtendBaseWidget(c)
	s.subscribe(c.changed)
	return c
}

func (c *spanCard) CreateRenderer() fyne.WidgetRenderer { return newViewRenderer(c, c.box) }

func (c *spanCard) changed(cs []change) {
	fill, rels := false, false
	for _, ch := range cs {
		switch ch := ch.(type) {
		case schemaChanged:
			c.layer = ""
			fill = true
		case docOpened, selectionChanged, ghostSelected:
			fill = true
		case spanChanged:
			fill = fill || ch.after.ID == c.shown
		case relationsChanged:
			rels = rels || slices.Contains(ch.spans, c.shown)
		case actorLinked:
			fill = fill || ch.span == c.shown
		}
	}
	switch {
	case fill:
		c.show()
	case rels:
		c.showRelations()
	}
}

// show fills the card from the selected span, or empties it.
func (c *spanCard) show() {
	if sg, ok := c.s.selectedSuggestion(); ok {
		c.showGhost(sg)
		return
	}
	sp, ok := c.s.selectedSpan()
	if !ok {
		c.shown = ""
		c.box.Objects = nil
		c.Refresh()
		return
	}
	c.shown = sp.ID
	if sp.Layer != c.layer {
		c.makeInputs(sp.Layer)
	}
	c.filling = true
	defer func() { c.filling = false }()
	c.showOwner(sp)
	c.swatch.FillColor = c.colours.of(sp.Layer, sp.Label)
	c.swatch.Refresh()
	c.quote.SetText("“" + preview(c.s.spanText(sp), 140) + "”")
	setSelected(c.labelSel, shownName(sp.Label))
	// a relation may start at anyone's span: Link stays
	if len(c.s.relationTypesOf(sp.Layer)) == 0 {
		c.link.Disable()
	} else {
		c.link.Enable()
	}
	for _, a := range c.attrs {
		a.set(sp.Attrs[a.name])
	}
	c.note.reset(sp.Note)
	c.showRelations()
}

// showOwner greys out the inputs of someone else's span and says whose it
// is and why: the domain refuses any change to it, so the card offers none
// but the copy.
func (c *spanCard) showOwner(sp annotate.Span) {
	c.readOnly = !c.s.owns(sp)
	if c.readOnly {
		c.owner.SetText(fmt.Sprintf("%s's span: you can read it, not change it. Copy it into your layer to make it yours.", sp.Annotator))
	}
	inputs := []fyne.Disableable{c.labelSel, c.del, c.note}
	for _, a := range c.attrs {
		if d, ok := a.obj.(fyne.Disableable); ok {
			inputs = append(inputs, d)
		}
	}
	for _, in := range inputs {
		if c.readOnly {
			in.Disable()
		} else {
			in.Enable()
		}
	}
}

// makeInputs makes the label choice and the attribute inputs for layer.
func (c *spanCard) makeInputs(layer string) {
	c.layer = layer
	l, _ := c.s.currentSchema().Layer(layer)
	// Shown as the Labels tab shows them; stored by name.
	var options []string
	c.nameOf = map[string]string{}
	if l != nil {
		for _, lb := range l.Labels {
			options = append(options, shownName(lb.Name))
			c.nameOf[shownName(lb.Name)] = lb.Name
		}
	}
	c.labelSel.Options = options

	// Short inputs (choices, yes/no, multi-choice buttons) two to a row
	// under a small caption; text inputs take a whole row.
	c.attrs, c.attrObjs = nil, nil
	var cells, rows []fyne.CanvasObject
	if l != nil {
		for _, def := range l.Attributes {
			if layer == annotate.ActorLayer && def.Name == annotate.ActorNameAttr {
				continue // the registry link (actorBox) stands for it
			}
			in := c.attrInput(def)
			c.attrs = append(c.attrs, in)
			if def.Kind == annotate.AttrText {
				rows = append(rows, captioned(def.Name, in.obj))
				continue
			}
			cells = append(cells, captioned(def.Name, in.obj))
		}
	}
	if len(cells) > 0 {
		c.attrObjs = append(c.attrObjs, container.NewGridWithColumns(2, cells...))
	}
	c.attrObjs = append(c.attrObjs, rows...)
}

// showRelations lays the card out with the relations the span takes part
// in, each with a button that removes it.
func (c *spanCard) showRelations() {
	if c.shown == "" {
		return
	}
	objs := []fyne.CanvasObject{c.head}
	if c.readOnly {
		objs = append(objs, c.ownerRow)
	}
	if o := c.s.origin(c.shown); o != "" {
		c.origin.SetText(originWords(o))
		objs = append(objs, c.origin)
	}
	objs = append(objs, c.fragmentRows()...)
	objs = append(objs, c.labelRow)
	if sp, ok := c.s.span(c.shown); ok && sp.Layer == annotate.ActorLayer {
		c.fillActorBox(sp)
		objs = append(objs, c.actorBox)
	}
	objs = append(objs, c.attrObjs...)
	objs = append(objs, c.note)
	for _, r := range c.s.relationsOf(c.shown) {
		desc := c.relationWords(r)
		if !c.s.ownsRelation(r) {
			desc += " (" + r.Annotator + "'s)"
		}
		lbl := widget.NewLabel(desc)
		lbl.Truncation = fyne.TextTruncateEllipsis
		rel := r
		rm := widget.NewButtonWithIcon("", theme.ContentRemoveIcon(), func() { c.s.deleteRelation(rel) })
		if !c.s.ownsRelation(r) {
			rm.Disable() // someone else's relation: only they remove it
		}
		objs = append(objs, container.NewBorder(nil, nil, nil, rm, lbl))
	}
	c.box.Objects = objs
	c.Refresh()
}

// relationWords says a relation of the shown span as the article's hover
// does, from its source to its target, the shown span as "this" and the
// other by its label and text: "this —attributed to→ PERSON “Blinken”",
// "Claim “We will not…” —attributed to→ this".
func (c *spanCard) relationWords(r annotate.Relation) string {
	other := func(id string) string {
		sp, ok := c.s.span(id)
		if !ok {
			return "a span not shown"
		}
		return fmt.Sprintf("%s “%s”", shownName(sp.Label), preview(c.s.spanText(sp), 40))
	}
	from, to := "this", other(r.To)
	if r.To == c.shown {
		from, to = other(r.From), "this"
	}
	if r.From == r.To {
		from, to = "this", "itself"
	}
	return from + " —" + shownName(r.Type) + "→ " + to
}

// showGhost fills the card with a selected suggestion: its text, label and
// confidence, where it came from and a model's reason, and Accept and
// Reject. Nothing in it can be mistaken for a span's inputs.
func (c *spanCard) showGhost(sg suggest.Suggestion) {
	c.shown = ""
	c.swatch.FillColor = c.colours.of(sg.Layer, sg.Label)
	c.swatch.Refresh()
	c.quote.SetText("“" + preview(sg.Text, 140) + "”")
	c.ghost.SetText(fmt.Sprintf("Suggestion: %s, %s", ghostLabel(sg), sourceWords(sg.Source)))
	objs := []fyne.CanvasObject{c.head, c.ghost}
	if sg.Justification != "" {
		c.ghostWhy.SetText("Why: " + sg.Justification)
		objs = append(objs, c.ghostWhy)
	}
	c.box.Objects = append(objs, c.ghostRow)
	c.Refresh()
}

// originWords says where a span the window saw made came from: a copy of
// another annotator's span, or an accepted suggestion.
func originWords(origin string) string {
	if from, ok := strings.CutPrefix(origin, annotate.OriginCopy); ok {
		return "Copied from " + from + "'s span."
	}
	return "Accepted suggestion, " + sourceWords(origin) + "."
}

// fragmentRows are, for a discontinuous span, its fragments one a row,
// each with a button that removes it.
func (c *spanCard) fragmentRows() []fyne.CanvasObject {
	sp, ok := c.s.span(c.shown)
	if !ok || len(sp.Fragments) < 2 {
		return nil
	}
	rows := make([]fyne.CanvasObject, 0, len(sp.Fragments))
	for i, f := range sp.Fragments {
		lbl := widget.NewLabel(fmt.Sprintf("%d. “%s”", i+1, preview(c.s.spanText(annotate.Span{Fragments: []annotate.Fragment{f}}), 40)))
		lbl.Truncation = fyne.TextTruncateEllipsis
		rm := widget.NewButtonWithIcon("", theme.ContentRemoveIcon(), func() { c.act.removeFragment(i) })
		if c.readOnly {
			rm.Disable()
		}
		rows = append(rows, container.NewBorder(nil, nil, nil, rm, lbl))
	}
	return rows
}

// recolor shows the card in the colours of a new theme. Fyne applies a
// theme to the objects of the tree, and the card's inputs are kept out of it
// while no span is selected, so they are refreshed here too.
func (c *spanCard) recolor() {
	for _, o := range append([]fyne.CanvasObject{c.head, c.ownerRow, c.labelRow, c.note}, c.attrObjs...) {
		o.Refresh()
	}
	if sp, ok := c.s.span(c.shown); ok {
		c.swatch.FillColor = c.colours.of(sp.Layer, sp.Label)
		c.swatch.Refresh()
	}
}

// captioned puts a small caption above an input.
func captioned(name string, input fyne.CanvasObject) fyne.CanvasObject {
	t := canvas.NewText(name, theme.Color(theme.ColorNamePlaceHolder))
	t.TextSize = theme.CaptionTextSize()
	pad := theme.InnerPadding()
	return container.New(layout.NewCustomPaddedVBoxLayout(0),
		container.New(layout.NewCustomPaddedLayout(2, 0, pad, pad), t), input)
}

// attrInput makes the input for one attribute, committing every change to
// the selected span.
func (c *spanCard) attrInput(def annotate.AttrDef) attrInput {
	name := def.Name
	set := func(v any) {
		if !c.filling {
			c.s.setAttr(name, v)
		}
	}
	switch def.Kind {
	case annotate.AttrChoice:
		const unset = "—"
		sel := widget.NewSelect(append([]string{unset}, def.Values...), nil)
		sel.OnChanged = func(s string) {
			if c.filling {
				return
			}
			defer c.act.unfocus() // label keys work again at once
			if s == unset {
				set(nil)
				return
			}
			set(s)
		}
		return attrInput{name, sel, func(v any) {
			want := unset
			if s, ok := v.(string); ok {
				want = s
			}
			setSelected(sel, want)
		}}
	case annotate.AttrMulti:
		b, show := newMultiButton(c.act, def.Values, func(next []string) {
			if len(next) == 0 {
				set(nil)
				return
			}
			set(next)
		})
		return attrInput{name, b, func(v any) {
			chosen, _ := v.([]string)
			show(chosen)
		}}
	case annotate.AttrBool:
		check := widget.NewCheck("yes", func(on bool) {
			if c.filling {
				return
			}
			set(on)
			c.act.unfocus()
		})
		return attrInput{name, check, func(v any) {
			// a redraw only when it changes: a check's icon is redrawn
			// from its SVG at every Refresh
			if on, _ := v.(bool); on != check.Checked {
				check.Checked = on
				check.Refresh()
			}
		}}
	default:
		e := newCommitEntry("", func(s string) {
			if s == "" {
				set(nil)
				return
			}
			set(s)
		})
		return attrInput{name, e, func(v any) {
			s, _ := v.(string)
			e.reset(s)
		}}
	}
}

// newMultiButton shows a multi-choice attribute's chosen values in one
// line; a click opens the choices as check boxes in a pop-up. show puts
// other values in it.
func newMultiButton(act *panelActions, values []string, onChange func([]string)) (b *widget.Button, show func([]string)) {
	summary := func(sel []string) string {
		if len(sel) == 0 {
			return "—"
		}
		return strings.Join(sel, ", ")
	}
	var chosen []string
	b = widget.NewButton(summary(nil), nil)
	b.Alignment = widget.ButtonAlignLeading
	b.OnTapped = func() {
		c := act.canvas()
		current := slices.Clone(chosen)
		g := widget.NewCheckGroup(values, nil)
		g.Selected = current
		g.OnChanged = func(sel []string) {
			// CheckGroup reports in click order; keep the schema's, so equal
			// sets compare equal.
			current = slices.DeleteFunc(slices.Clone(values), func(v string) bool { return !slices.Contains(sel, v) })
			b.SetText(summary(current))
			onChange(current)
			c.Unfocus() // Escape, on the window, closes the pop-up
		}
		pop := widget.NewPopUp(container.NewVScroll(g), c)
		at := fyne.CurrentApp().Driver().AbsolutePositionForObject(b)
		size := fyne.NewSize(max(b.Size().Width, 220), min(g.MinSize().Height+theme.Padding()*2, c.Size().Height*0.6))
		at.Y = min(at.Y+b.Size().Height, c.Size().Height-size.Height)
		at.X = min(at.X, c.Size().Width-size.Width)
		pop.ShowAtPosition(at)
		pop.Resize(size)
		act.escapable(pop, pop.Hide)
	}
	return b, func(sel []string) {
		chosen = slices.Clone(sel)
		b.SetText(summary(chosen))
	}
}

// The note shows noteRows lines, growing up to noteMaxRows as it fills.
const (
	noteRows    = 2
	noteMaxRows = 8
)

// commitEntry is an entry that reports its text on Enter and when it loses
// focus, so a note or text attribute is saved without a Save button. A
// growing one (the note) holds several lines: Shift+Enter starts a new one,
// and it grows as it fills.
type commitEntry struct {
	widget.Entry
	initial  string
	onCommit func(string)

	minRows, maxRows, rows int
	shift                  bool   // Shift is held
	onGrow                 func() // called when the rows shown changed
}

// growing makes the entry several lines, showing min to max of them.
func (e *commitEntry) growing(min, max int) {
	e.MultiLine = true
	e.Wrapping = fyne.TextWrapWord
	e.OnSubmitted = nil // Enter is handled in TypedKey
	e.minRows, e.maxRows = min, max
	e.OnChanged = func(string) { e.grow() }
	e.grow()
}

// grow shows as many rows as the text takes (roughly: its lines, and one
// more for every noteLineChars characters), within the entry's bounds.
func (e *commitEntry) grow() {
	if e.maxRows == 0 {
		return
	}
	const noteLineChars = 40
	n := 0
	for _, line := range strings.Split(e.Text, "\n") {
		n += 1 + len([]rune(line))/noteLineChars
	}
	n = min(max(n, e.minRows), e.maxRows)
	if n != e.rows {
		e.rows = n
		e.SetMinRowsVisible(n)
		if e.onGrow != nil {
			e.onGrow()
		}
	}
}

// Rows is how many lines the entry shows.
func (e *commitEntry) Rows() int { return e.rows }

func (e *commitEntry) KeyDown(k *fyne.KeyEvent) {
	if k.Name == desktop.KeyShiftLeft || k.Name == desktop.KeyShiftRight {
		e.shift = true
	}
	e.Entry.KeyDown(k)
}

func (e *commitEntry) KeyUp(k *fyne.KeyEvent) {
	if k.Name == desktop.KeyShiftLeft || k.Name == desktop.KeyShiftRight {
		e.shift = false
	}
	e.Entry.KeyUp(k)
}

func newCommitEntry(text string, onCommit func(string)) *commitEntry {
	e := &commitEntry{initial: text, onCommit: onCommit}
	e.ExtendBaseWidget(e)
	e.SetText(text)
	e.OnSubmitted = func(string) {
		e.commit()
		e.release()
	}
	return e
}

// reset shows the saved text, giving up any typing not committed.
func (e *commitEntry) reset(text string) {
	e.initial = text
	if e.Text != text {
		e.SetText(text)
	}
}

func (e *commitEntry) commit() {
	if e.Text != e.initial {
		e.initial = e.Text
		e.onCommit(e.Text)
	}
}

// TypedKey makes Escape give up the typing: the text goes back to what is
// saved and the keys go back to the article.
func (e *commitEntry) TypedKey(k *fyne.KeyEvent) {
	if k.Name == fyne.KeyEscape {
		e.SetText(e.initial)
		e.release()
		return
	}
	if e.MultiLine && !e.shift && (k.Name == fyne.KeyReturn || k.Name == fyne.KeyEnter) {
		e.commit()
		e.release()
		return
	}
	e.Entry.TypedKey(k)
}

// release gives the keyboard back to the window, so label keys work again.
func (e *commitEntry) release() {
	if c := fyne.CurrentApp().Driver().CanvasForObject(e); c != nil && c.Focused() == fyne.Focusable(e) {
		c.Unfocus()
	}
}

func (e *commitEntry) FocusLost() {
	e.Entry.FocusLost()
	e.shift = false
	e.commit()
}

// setSelected shows option in sel without calling its OnChanged, and
// redraws it only when that changes what it shows: a select's Refresh
// measures its text and redraws its icon from SVG, which every card
// opening would otherwise pay for each input.
func setSelected(sel *widget.Select, option string) {
	if sel.Selected != option {
		sel.Selected = option
		sel.Refresh()
	}
}
