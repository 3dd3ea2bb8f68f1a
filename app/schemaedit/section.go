package schemaedit

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// section is one of the editor's four lists — layers, the selected layer's
// labels, its attributes, the relation types — each the same piece: a list
// of the draft's items of one kind, the selected row, buttons to add, move
// and delete, and a form that shows the selected item. What differs (which
// items, how a row and the form show one, what adding and deleting do) is
// given to newSection; the selection and the list's refreshes live here
// once.
type section struct {
	list *widget.List
	// sel is the selected row; -1 when none.
	sel int
	// add are the add buttons (layers have two: span and document); del
	// deletes the selected item; up and down, when the items' order
	// matters, move it.
	add            []*widget.Button
	del, up, down  *widget.Button
	length         func() int
	fill           func()
	editorFilling  *bool
	moveInTheDraft func(i, delta int) bool
}

// sectionSpec is what one section's items are.
type sectionSpec struct {
	// length is how many items there are now; newRow and showRow are the
	// list's template row and how a row shows item i.
	length  func() int
	newRow  func() fyne.CanvasObject
	showRow func(i int, row fyne.CanvasObject)
	// fill loads the form from the selected item, or clears and disables
	// it when none is selected.
	fill func()
	// add are the add buttons' texts and actions; del is the delete
	// button's action.
	add []addButton
	del func()
	// move, when set, moves item i by delta in the draft (false when it
	// cannot move) and gives the section up and down buttons.
	move func(i, delta int) bool
}

type addButton struct {
	text string
	fn   func()
}

// newSection builds a section; filling is the editor's flag that is set
// while forms are loaded from the draft.
func newSection(spec sectionSpec, filling *bool) *section {
	s := &section{sel: -1, length: spec.length, fill: spec.fill, editorFilling: filling, moveInTheDraft: spec.move}
	s.list = widget.NewList(spec.length, spec.newRow, func(id widget.ListItemID, o fyne.CanvasObject) {
		if id < spec.length() {
			spec.showRow(id, o)
		}
	})
	s.list.OnSelected = func(id widget.ListItemID) {
		s.sel = id
		s.fill()
	}
	for _, a := range spec.add {
		s.add = append(s.add, widget.NewButtonWithIcon(a.text, theme.ContentAddIcon(), a.fn))
	}
	s.del = widget.NewButtonWithIcon("", theme.DeleteIcon(), spec.del)
	if spec.move != nil {
		s.up = widget.NewButtonWithIcon("", theme.MoveUpIcon(), func() { s.move(-1) })
		s.down = widget.NewButtonWithIcon("", theme.MoveDownIcon(), func() { s.move(+1) })
	}
	return s
}

// current is the selected row, or -1 when none is selected or the row is
// gone.
func (s *section) current() int {
	if s.sel < 0 || s.sel >= s.length() {
		return -1
	}
	return s.sel
}

// editing wraps a form field's change handler: it runs for the user's
// changes to a selected item, not while the form is filled from the draft.
func editing[T any](s *section, fn func(i int, v T)) func(T) {
	return func(v T) {
		if i := s.current(); i >= 0 && !*s.editorFilling {
			fn(i, v)
		}
	}
}

// changed redraws the selected item's row after its form changed it.
func (s *section) changed() { s.list.RefreshItem(s.sel) }

// added shows the list with item i new, and selects it.
func (s *section) added(i int) {
	s.list.Refresh()
	s.list.Select(i)
}

func (s *section) move(delta int) {
	if s.sel < 0 || !s.moveInTheDraft(s.sel, delta) {
		return
	}
	s.list.Refresh()
	s.list.Select(s.sel + delta)
}

// reset drops the selection and redraws the list (its items changed under
// it), then selects row next when there is one, else shows the empty form.
func (s *section) reset(next int) {
	s.list.UnselectAll()
	s.list.Refresh()
	s.sel = -1
	if n := s.length(); n > 0 && next >= 0 {
		s.list.Select(min(next, n-1))
		return
	}
	s.fill()
}

// buttonBar is the add buttons, the move buttons and, at the right, delete.
func (s *section) buttonBar() *fyne.Container {
	var objs []fyne.CanvasObject
	for _, b := range s.add {
		objs = append(objs, b)
	}
	if s.up != nil {
		objs = append(objs, s.up, s.down)
	}
	return container.NewHBox(append(objs, layout.NewSpacer(), s.del)...)
}

// beside lays the section out as a tab shows it: the list with its buttons
// under it on the left (offset of the width), the form on the right.
func (s *section) beside(form fyne.CanvasObject, offset float64, extra ...fyne.CanvasObject) fyne.CanvasObject {
	bar := s.buttonBar()
	if len(extra) > 0 {
		// extra buttons go after the move buttons, before the spacer
		n := len(bar.Objects)
		objs := append(append(append([]fyne.CanvasObject{}, bar.Objects[:n-2]...), extra...), bar.Objects[n-2:]...)
		bar.Objects = objs
	}
	list := container.NewBorder(nil, bar, nil, nil, s.list)
	split := container.NewHSplit(list, container.NewVScroll(form))
	split.Offset = offset
	return split
}

// confirmDelete asks before a deletion that takes annotations with it.
func confirmDelete(title, msg string, win fyne.Window, remove func()) {
	c := dialog.NewConfirm(title, msg, func(ok bool) {
		if ok {
			remove()
		}
	}, win)
	c.SetConfirmText("Delete")
	c.SetConfirmImportance(widget.DangerImportance)
	c.Show()
}
