package app

import (
	"image/color"
	"strings"

	"frametag/app/palette"
)

// labelColours are the label colours as the running theme shows them (see
// readable), cached by #rrggbb for the page they were adapted to.
type labelColours struct {
	s     *session
	page  string // the theme's page colour, #rrggbb
	cache map[string]color.Color
}

func newLabelColours(s *session, page string) *labelColours {
	return &labelColours{s: s, page: page, cache: map[string]color.Color{}}
}

// of is a label's colour, grey for a label the schema lost.
func (c *labelColours) of(layer, label string) color.Color {
	hex := "#999999"
	if lb, ok := c.s.labelDef(layer, label); ok && lb.Color != "" {
		hex = strings.ToLower(lb.Color)
	}
	if col, ok := c.cache[hex]; ok {
		return col
	}
	col := readable(hex, c.page)
	c.cache[hex] = col
	return col
}

// setPage adapts the colours to another page colour; it reports whether the
// page changed (and every shown colour must be drawn anew).
func (c *labelColours) setPage(page string) bool {
	if page == c.page {
		return false
	}
	c.page = page
	clear(c.cache)
	return true
}

// readable adapts a label colour to the page (palette.ThemeColor): on a
// dark page it keeps WCAG's 3:1 for graphics while keeping a technique
// family's lightness steps apart; on a light page it keeps the palette's own
// 1.5:1, which only touches custom colours paler than any bundled one.
func readable(hex, page string) color.Color {
	if adj, err := palette.ThemeColor(hex, page); err == nil {
		hex = adj
	}
	c, err := palette.NRGBA(hex)
	if err != nil {
		return color.NRGBA{R: 0x99, G: 0x99, B: 0x99, A: 0xff}
	}
	return c
}
