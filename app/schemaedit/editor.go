// Package schemaedit is the schema editor the workbench opens from Project →
// Edit schema…: layers, labels, attributes, relation types and the guideline
// document, with renames tracked so existing annotations follow them.
package schemaedit

import (
	"context"
	"fmt"
	"image/color"
	"reflect"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"frametag/annotate"
	"frametag/annotate/schemes"
	"frametag/app/markdown"
	"frametag/app/palette"
)

// Counter tells how many spans a saved label holds, so that deleting it can
// say what goes with it. Every annotate.Store satisfies it.
type Counter interface {
	SpanCountByLabel(ctx context.Context, layer, label string) (int, error)
}

// DocLabelCounter counts the document labels using a label of a document
// layer. When the Counter given to New also has this method (an
// annotate.Store does), document labels are counted too; otherwise only spans
// are.
type DocLabelCounter interface {
	DocLabelCountByLabel(ctx context.Context, layer, label string) (int, error)
}

// SaveFunc receives a validated schema and the label renames to apply to
// existing annotations, ready for annotate.SetSchema and the store. It
// returns the store's error, if any: the editor then keeps the edit as it is
// (renames included) so that the user can fix it and save again.
type SaveFunc func(after annotate.Schema, renames []annotate.LabelRename) error

// Editor edits a copy of a schema. Nothing reaches the project until Save
// succeeds.
type Editor struct {
	widget.BaseWidget

	win    fyne.Window
	counts Counter
	onSave SaveFunc
	d      *draft

	// Annotation counts of saved layers, by saved name, filled on demand.
	layerUse map[string]int
	// filling is set while forms are loaded from the draft, so that their
	// change handlers do not write the same values back.
	filling bool

	// The four lists, each the same piece (section.go).
	layers, labels, attrs, rels *section

	layerName, layerDesc     *widget.Entry
	layerKind                *widget.Select
	layerOverlap, layerMulti *widget.Check
	// layerCase: the layer's suggestions match case (Layer.CaseSensitive).
	layerCase                       *widget.Check
	layerNote                       *widget.Label
	labelName, labelKey, labelColor *widget.Entry
	labelDesc                       *widget.Entry
	labelGroup                      *widget.SelectEntry
	keyNote, colorNote              *widget.Label
	swatches                        *fyne.Container
	assignKeys                      *widget.Button
	attrName, attrValues, attrDesc  *widget.Entry
	attrKind                        *widget.Select
	attrNote                        *widget.Label
	relName, relDesc                *widget.Entry
	relFrom, relTo                  *widget.Select
	schemaName, schemaDesc, guide   *widget.Entry
	preview                         *widget.RichText
	problems, errors                *widget.Label
	messages                        *container.Scroll
	save                            *widget.Button
	content                         *fyne.Container
}

// New builds an editor over a copy of current. counts may be nil (nothing to
// count, e.g. an empty project); win parents the confirmation dialogs.
func New(current annotate.Schema, counts Counter, win fyne.Window, onSave SaveFunc) *Editor {
	e := &Editor{win: win, counts: counts, onSave: onSave, d: newDraft(current),
		layerUse: map[string]int{}}
	e.ExtendBaseWidget(e)
	e.build()
	e.layers.reset(0)
	e.rels.reset(0)
	e.refreshProblems()
	return e
}

// Schema returns a copy of the schema as edited so far (saved or not).
func (e *Editor) Schema() annotate.Schema { return e.d.schema.Clone() }

// CreateRenderer implements fyne.Widget.
func (e *Editor) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(e.content)
}

// ShowDialog opens the editor in a dialog over win; a save that onSave
// accepts closes it. It also returns what Escape should do: close at once
// when nothing changed since the last save, else ask before dropping the
// changes.
func ShowDialog(current annotate.Schema, counts Counter, win fyne.Window, onSave SaveFunc) (dialog.Dialog, func()) {
	var d dialog.Dialog
	ed := New(current, counts, win, func(after annotate.Schema, renames []annotate.LabelRename) error {
		if onSave != nil {
			if err := onSave(after, renames); err != nil {
				return err
			}
		}
		d.Hide()
		return nil
	})
	d = dialog.NewCustomWithoutButtons("Edit schema", ed, win)
	d.(*dialog.CustomDialog).SetButtons([]fyne.CanvasObject{widget.NewButton("Close without saving", func() { d.Hide() }), ed.save})
	// Large, but never larger than the window (a small laptop screen).
	size := win.Canvas().Size()
	d.Resize(fyne.NewSize(min(size.Width, max(900, size.Width*0.9)), min(size.Height, max(600, size.Height*0.9))))
	d.Show()
	// The first rows were selected before the lists had a size, which
	// scrolled each list past its first row.
	for _, s := range []*section{ed.layers, ed.labels, ed.attrs, ed.rels} {
		s.list.ScrollToTop()
	}
	escape := func() {
		if !ed.Changed() {
			d.Hide()
			return
		}
		c := dialog.NewConfirm("Drop the schema changes?", "The schema has changes that are not saved. Close the editor without them?", func(ok bool) {
			if ok {
				d.Hide()
			}
		}, win)
		c.SetConfirmText("Drop them")
		c.SetDismissText("Keep editing")
		c.SetConfirmImportance(widget.DangerImportance)
		c.Show()
	}
	return d, escape
}

// Changed reports whether the schema differs from the one last saved.
func (e *Editor) Changed() bool {
	return !reflect.DeepEqual(e.d.saved, e.d.schema)
}

func (e *Editor) build() {
	e.problems = widget.NewLabel("")
	e.problems.Wrapping = fyne.TextWrapWord
	e.errors = widget.NewLabel("")
	e.errors.Wrapping = fyne.TextWrapWord
	e.errors.Importance = widget.DangerImportance
	e.save = widget.NewButtonWithIcon("Save schema", theme.DocumentSaveIcon(), e.Save)
	e.save.Importance = widget.HighImportance

	tabs := container.NewAppTabs(
		container.NewTabItem("Labels", e.buildLabels()),
		container.NewTabItem("Attributes", e.buildAttributes()),
		container.NewTabItem("Relation types", e.buildRelations()),
		container.NewTabItem("Guidelines", e.buildGuidelines()),
	)
	split := container.NewHSplit(e.buildLayers(), tabs)
	split.Offset = 0.25
	// The messages take room only while there is something to say; the
	// Save button sits in the dialog's button row (ShowDialog).
	e.errors.Hide()
	e.problems.Hide()
	e.messages = container.NewVScroll(container.NewVBox(e.errors, e.problems))
	e.messages.SetMinSize(fyne.NewSize(0, 72))
	e.messages.Hide()
	e.content = container.NewBorder(nil, e.messages, nil, nil, split)
}

// ---- guidelines

func (e *Editor) buildGuidelines() fyne.CanvasObject {
	e.schemaName = widget.NewEntry()
	e.schemaName.SetText(e.d.schema.Name)
	e.schemaName.OnChanged = func(s string) { e.d.schema.Name = s }
	e.schemaDesc = widget.NewEntry()
	e.schemaDesc.SetText(e.d.schema.Description)
	e.schemaDesc.OnChanged = func(s string) { e.d.schema.Description = s }

	// The preview renders as Project → Guidelines does.
	e.preview = widget.NewRichText(markdown.Segments(e.d.schema.Guidelines)...)
	e.preview.Wrapping = fyne.TextWrapWord
	e.guide = widget.NewMultiLineEntry()
	e.guide.Wrapping = fyne.TextWrapWord
	e.guide.SetText(e.d.schema.Guidelines)
	e.guide.OnChanged = func(s string) {
		e.d.schema.Guidelines = s
		e.preview.Segments = markdown.Segments(s)
		e.preview.Refresh()
	}
	split := container.NewHSplit(
		container.NewBorder(widget.NewLabel("Markdown"), nil, nil, nil, e.guide),
		container.NewBorder(widget.NewLabel("Preview"), nil, nil, nil, container.NewVScroll(e.preview)))
	top := widget.NewForm(widget.NewFormItem("Schema name", e.schemaName), widget.NewFormItem("Description", e.schemaDesc))
	return container.NewBorder(top, nil, nil, nil, split)
}

// ---- problems and saving

// refreshProblems lists what is wrong with the keys right now, as the user
// edits; the full validation waits for Save.
func (e *Editor) refreshProblems() {
	var lines []string
	for _, c := range annotate.DuplicateKeys(&e.d.schema) {
		lines = append(lines, fmt.Sprintf("Key %q is used by %s.", c.Key, strings.Join(c.Owners, " and ")))
	}
	if u := schemes.Unkeyed(&e.d.schema); len(u) > 0 {
		lines = append(lines, fmt.Sprintf("No key: %s (reach them from the label list, or press Assign keys).", strings.Join(u, ", ")))
	}
	e.setMessage(e.problems, strings.Join(lines, "\n"))
}

// Save validates the draft. If it is valid, onSave gets it with the label
// renames made since the last save; otherwise, or if onSave fails, every
// problem is listed and the edit stays as it is.
func (e *Editor) Save() {
	if err := e.d.check(); err != nil {
		e.setMessage(e.errors, "Not saved. Fix these first:\n"+err.Error())
		return
	}
	after, renames := e.d.schema.Clone(), e.d.renames()
	if e.onSave != nil {
		if err := e.onSave(after, renames); err != nil {
			e.setMessage(e.errors, "Not saved: "+err.Error())
			return
		}
	}
	e.setMessage(e.errors, "")
	e.d.rebase()
	clear(e.layerUse) // renames and deletions change the counts
}

// ---- helpers

// setMessage shows text in l (errors or problems), hiding l, and the
// message area when both are empty, while there is nothing to say.
func (e *Editor) setMessage(l *widget.Label, text string) {
	l.SetText(text)
	l.Hidden = text == ""
	l.Refresh()
	if e.errors.Hidden && e.problems.Hidden {
		e.messages.Hide()
	} else {
		e.messages.Show()
	}
	e.content.Refresh()
}

func setEnabled(w fyne.Disableable, on bool) {
	if on {
		w.Enable()
	} else {
		w.Disable()
	}
}

func plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}

// splitLines turns the values box into values: one per line, blank lines
// dropped, each value kept verbatim otherwise.
func splitLines(s string) []string {
	var out []string
	for _, line := range strings.Split(s, "\n") {
		if strings.TrimSpace(line) != "" {
			out = append(out, strings.TrimRight(line, "\r"))
		}
	}
	return out
}

// parseColor reads #rrggbb; anything else shows as transparent.
func parseColor(hex string) color.Color {
	c, err := palette.NRGBA(hex)
	if err != nil {
		return color.Transparent
	}
	return c
}

// swatch is one tappable palette colour.
type swatch struct {
	widget.BaseWidget
	hex   string
	rect  *canvas.Rectangle
	onTap func(hex string)
}

func newSwatch(hex string, onTap func(string)) *swatch {
	s := &swatch{hex: hex, rect: canvas.NewRectangle(parseColor(hex)), onTap: onTap}
	s.rect.CornerRadius = 3
	s.rect.StrokeColor = color.NRGBA{A: 0x40}
	s.rect.StrokeWidth = 1
	s.ExtendBaseWidget(s)
	return s
}

func (s *swatch) Tapped(*fyne.PointEvent) { s.onTap(s.hex) }

func (s *swatch) MinSize() fyne.Size { return fyne.NewSize(22, 22) }

func (s *swatch) CreateRenderer() fyne.WidgetRenderer { return widget.NewSimpleRenderer(s.rect) }
