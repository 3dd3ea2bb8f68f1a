package app

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
)

// viewRenderer is the renderer of the window's views (the span card, the
// panel's tabs, the status bar, the document list): it lays the view's
// content out and draws it, nothing more. A view changes through its own
// methods, which refresh exactly the widgets whose content changed; so its
// Refresh does not refresh every widget inside again, as a container's
// would (AppTabs refreshes every tab whenever a title changes, which
// re-rendered every check box icon of the Document tab). A theme change still reaches every widget: Fyne applies a theme to
// each object of the tree.
type viewRenderer struct {
	view    fyne.Widget
	content fyne.CanvasObject
}

func newViewRenderer(view fyne.Widget, content fyne.CanvasObject) *viewRenderer {
	return &viewRenderer{view: view, content: content}
}

// Layout lays the content out even when its size is the same: the view may
// have put other objects in it.
func (r *viewRenderer) Layout(size fyne.Size) {
	r.content.Resize(size)
	if c, ok := r.content.(*fyne.Container); ok && c.Layout != nil {
		c.Layout.Layout(c.Objects, size)
	}
}

func (r *viewRenderer) MinSize() fyne.Size           { return r.content.MinSize() }
func (r *viewRenderer) Objects() []fyne.CanvasObject { return []fyne.CanvasObject{r.content} }
func (r *viewRenderer) Destroy()                     {}

func (r *viewRenderer) Refresh() {
	r.Layout(r.view.Size())
	canvas.Refresh(r.view)
}
