package app

import (
	"fmt"
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"frametag/annotate"
)

// Linking: L (or the card's Link) puts the session in link mode from the
// selected span; the next span clicked completes the relation.

// startLink enters link mode from the selected span.
func (w *Workbench) startLink() {
	sp, ok := w.session.selectedSpan()
	if !ok {
		w.say("Select a span first (click it), then press L to link it.")
		return
	}
	rts := w.session.relationTypesOf(sp.Layer)
	if len(rts) == 0 {
		w.say(fmt.Sprintf("The schema has no relation type for %s spans.", sp.Layer))
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
	w.session.setMode(modeLinking)
	w.say(fmt.Sprintf("Link: click the %s span to link to (Escape cancels).", strings.Join(targets, " or ")))
}

func (w *Workbench) cancelLink() {
	if w.session.currentMode() == modeLinking {
		w.session.setMode(modeLabelling)
		w.say("Link cancelled.")
	}
}

// completeLink creates the relation between the selected span and target,
// choosing the relation type whose layers fit, in whichever direction. When
// several fit (the attribution schema's source_of and cue_of both join two
// attribution spans) the user picks one.
func (w *Workbench) completeLink(targetID string) {
	w.session.setMode(modeLabelling)
	src, ok1 := w.session.selectedSpan()
	dst, ok2 := w.session.span(targetID)
	if !ok1 || !ok2 || src.ID == dst.ID {
		w.say("Link cancelled: click another span.")
		return
	}
	options := w.linksBetween(src, dst)
	if len(options) == 0 {
		w.say("No relation type links " + src.Layer + " and " + dst.Layer + " spans.")
		return
	}
	switch {
	case !slices.ContainsFunc(options, func(o linkOption) bool { return !w.linked(o) }):
		w.say("These spans are already linked.")
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
	relations := w.session.currentSchema().Relations
	for _, rt := range relations {
		if rt.From == a.Layer && rt.To == b.Layer {
			out = append(out, linkOption{a, b, rt})
		}
	}
	if a.Layer != b.Layer {
		for _, rt := range relations {
			if rt.From == b.Layer && rt.To == a.Layer {
				out = append(out, linkOption{b, a, rt})
			}
		}
	}
	return out
}

func (w *Workbench) linked(o linkOption) bool {
	return slices.ContainsFunc(w.session.document().Relations, func(r annotate.Relation) bool {
		return r.Type == o.rt.Name && r.From == o.from.ID && r.To == o.to.ID
	})
}

func (w *Workbench) link(o linkOption) {
	if w.session.link(o.from, o.to, o.rt) {
		w.say(fmt.Sprintf("Linked: %s —%s→ %s “%s”.", shownName(o.from.Label), shownName(o.rt.Name), shownName(o.to.Label), preview(w.session.spanText(o.to), 30)))
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
	head := widget.NewLabel(fmt.Sprintf("%s “%s” → %s “%s”", shownName(first.from.Label), preview(w.session.spanText(first.from), 30),
		shownName(first.to.Label), preview(w.session.spanText(first.to), 30)))
	head.Wrapping = fyne.TextWrapWord
	w.say("Several relation types fit: choose one (Escape cancels).")
	d = dialog.NewCustom("Link as…", "Cancel", container.NewVBox(head, box), w.win)
	d.Resize(fyne.NewSize(min(560, w.win.Canvas().Size().Width), 0))
	w.show(d)
}
