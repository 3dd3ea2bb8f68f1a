package articleview

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
)

// The selected highlight has a handle at its start and one at its end: a
// thin bar through the text with a knob (above at the start, below at the
// end). Dragging one moves that end of the span; on release the view reports
// the new place through OnEdgeDragged, and the caller makes the edit (the
// same one Shift+arrows make). The new place snaps to a word's edge as a
// selection does (Alt: any character), and the span never turns inside out.

// handleReach is how far from a handle's bar, in pixels, a press takes it.
const handleReach = 7

// edgeDragState is a handle being dragged.
type edgeDragState struct {
	start bool // the start's handle, else the end's
	to    int  // where the edge would go, in code points
	mods  fyne.KeyModifier
}

// chosenEdges is the selected highlight's start and end (ok=false without one).
func (v *View) chosenEdges() (start, end int, ok bool) {
	h, found := v.doc.highlight(v.chosen)
	if !found || len(h.Fragments) == 0 || h.Style == StyleSuggestion {
		return 0, 0, false // a suggestion is accepted or rejected, not reshaped
	}
	start, end = h.Fragments[0].Start, h.Fragments[0].End
	for _, f := range h.Fragments[1:] {
		start, end = min(start, f.Start), max(end, f.End)
	}
	return start, end, start < end
}

// edgePosition is the view position of the top of the text at boundary cp,
// seen as a span's start (on the line where cp's character is) or as its end
// (on the line of the character before, so that an end at a wrap stays on
// the line it ends).
func (v *View) edgePosition(cp int, start bool) fyne.Position {
	v.updateMetrics()
	at := cp
	if !start {
		at = max(cp-1, 0)
	}
	r := v.doc.rowOf(at)
	lay := v.doc.layout(r)
	row := v.doc.rows[r]
	ln := &lay.Lines[lay.LineOf(min(at, row.start+row.n)-row.start)]
	x := ln.XOf(min(cp, row.start+row.n) - row.start)
	return fyne.NewPos(v.columnX()+x, v.padding()+v.doc.top(r)+ln.Y+v.doc.m.TextTop()-v.offsetY)
}

// handleAt reports which handle of the selected highlight is under p.
func (v *View) handleAt(p fyne.Position) (start, ok bool) {
	s, e, has := v.chosenEdges()
	if !has {
		return false, false
	}
	th := v.doc.m.TextHeight
	best := float32(handleReach + 1)
	for _, edge := range []struct {
		start bool
		cp    int
	}{{true, s}, {false, e}} {
		q := v.edgePosition(edge.cp, edge.start)
		dx := abs(p.X - q.X)
		if dx <= handleReach && p.Y >= q.Y-handleReach && p.Y <= q.Y+th+handleReach && dx < best {
			best, start, ok = dx, edge.start, true
		}
	}
	return start, ok
}

// HandlePosition is where the handle at the selected highlight's start (or
// end) is drawn: the middle of its bar; ok=false with nothing selected.
// Tests and the workbench aim with it.
func (v *View) HandlePosition(start bool) (fyne.Position, bool) {
	s, e, ok := v.chosenEdges()
	if !ok {
		return fyne.Position{}, false
	}
	cp := e
	if start {
		cp = s
	}
	return v.edgePosition(cp, start).AddXY(0, v.doc.m.TextHeight/2), true
}

// dragEdge moves the dragged handle to the boundary nearest p: a word's
// edge, or with Alt any character's; never past the span's other end.
func (v *View) dragEdge(p fyne.Position) {
	ed := v.edgeDrag
	s, e, ok := v.chosenEdges()
	if !ok {
		return
	}
	cp := v.offsetAt(p)
	if ed.mods&ExactModifier == 0 {
		if t, ok := v.doc.tokenAt(cp); ok && t.kind == tokenWord && cp > t.start {
			// inside a word: its edge on the side the handle came from
			if ed.start {
				cp = t.start
			} else {
				cp = t.end
			}
		}
	}
	if ed.start {
		cp = min(cp, e-1)
		cp = v.doc.clampToGraphemes(cp)
	} else {
		cp = max(cp, s+1)
		if c := v.doc.clampToGraphemes(cp); c > s {
			cp = c
		} else {
			cp = v.doc.nextGrapheme(s)
		}
	}
	ed.to = cp
}

// handles draws the selected highlight's two handles, the dragged one where
// it would go.
func (r *viewRenderer) handles(cs colours) []fyne.CanvasObject {
	v := r.v
	s, e, ok := v.chosenEdges()
	if !ok || v.drag != nil {
		return nil
	}
	m := v.doc.m
	var out []fyne.CanvasObject
	for _, edge := range []struct {
		start bool
		cp    int
	}{{true, s}, {false, e}} {
		cp := edge.cp
		if ed := v.edgeDrag; ed != nil && ed.start == edge.start {
			cp = ed.to
		}
		p := v.edgePosition(cp, edge.start)
		if p.Y+m.TextHeight < 0 || p.Y > v.Size().Height {
			continue
		}
		bar := canvas.NewRectangle(cs.primary)
		bar.Move(fyne.NewPos(px(p.X)-1, p.Y-1))
		bar.Resize(fyne.NewSize(2, m.TextHeight+2))
		const knob = 9
		dot := canvas.NewCircle(cs.primary)
		dot.StrokeColor, dot.StrokeWidth = cs.bg, 1
		y := p.Y - knob
		if !edge.start {
			y = p.Y + m.TextHeight
		}
		dot.Move(fyne.NewPos(px(p.X)-knob/2, y))
		dot.Resize(fyne.NewSize(knob, knob))
		out = append(out, bar, dot)
	}
	return out
}
