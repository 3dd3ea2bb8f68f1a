// Package palette is the window's colour code: how a label colour is drawn
// on the page of the running theme, and whether text and page stay readable
// against it. The colour choices themselves (which hex each bundled label
// gets, the swatches the schema editor offers) are schema data and live in
// annotate/schemes; the colour arithmetic (sRGB, linear RGB, CIELAB) is
// go-colorful's. What is written here is the WCAG contrast rules and the
// dark-page lift, which no library states.
package palette

import (
	"fmt"
	"image/color"

	"github.com/lucasb-eyer/go-colorful"

	"frametag/annotate"
)

// MinFillContrast is the smallest contrast ratio a label colour keeps against
// both the light and the dark page background. WCAG's 3:1 for non-text UI
// cannot hold against white and near-black at once except in a narrow band of
// mid-tones (L* about 45 to 60), too narrow for 23 lightness-stepped colours;
// 1.5:1 still sets a filled highlight or bar visibly off either page, and the
// text on it is held to 4.5:1 separately.
const MinFillContrast = 1.5

// MinTextContrast is the WCAG AA contrast for normal text, kept between every
// label colour and the text colour TextColorOn picks for it.
const MinTextContrast = 4.5

// Page backgrounds the palette is checked against.
const (
	LightBackground = "#ffffff"
	DarkBackground  = "#1e1e1e"
)

// Parse is the one place a hex colour is read. It takes exactly what a
// schema accepts (annotate.ValidColor: #rrggbb), not the #rgb short form
// go-colorful would also read, so the window never draws a colour the
// schema would refuse.
func Parse(hex string) (colorful.Color, error) {
	if !annotate.ValidColor(hex) {
		return colorful.Color{}, fmt.Errorf("colour %q: want #rrggbb", hex)
	}
	c, err := colorful.Hex(hex)
	if err != nil {
		return colorful.Color{}, fmt.Errorf("colour %q: %w", hex, err)
	}
	return c, nil
}

// NRGBA is the opaque colour Fyne draws for a #rrggbb hex.
func NRGBA(hex string) (color.NRGBA, error) {
	c, err := Parse(hex)
	if err != nil {
		return color.NRGBA{}, err
	}
	r, g, b := c.RGB255()
	return color.NRGBA{R: r, G: g, B: b, A: 0xff}, nil
}

// Hex writes a colour as #rrggbb, alpha dropped: the theme's page colour,
// which is opaque, in the form the rest of this package takes.
func Hex(c color.Color) string {
	cc, _ := colorful.MakeColor(c) // fully transparent gives black
	return cc.Hex()
}

// luminance is the WCAG 2 relative luminance: its own weights of linear
// RGB, which differ from CIE Y's in the fourth digit, so the ratios printed
// here match WCAG's tools.
func luminance(c colorful.Color) float64 {
	r, g, b := c.LinearRgb()
	return 0.2126*r + 0.7152*g + 0.0722*b
}

// contrast is the WCAG 2 contrast ratio of two relative luminances.
func contrast(la, lb float64) float64 {
	if la < lb {
		la, lb = lb, la
	}
	return (la + 0.05) / (lb + 0.05)
}

// RelativeLuminance is the WCAG 2 relative luminance of a #rrggbb colour.
func RelativeLuminance(hex string) (float64, error) {
	c, err := Parse(hex)
	if err != nil {
		return 0, err
	}
	return luminance(c), nil
}

// Contrast is the WCAG 2 contrast ratio of two #rrggbb colours, from 1 to 21.
func Contrast(a, b string) (float64, error) {
	ca, err := Parse(a)
	if err != nil {
		return 0, err
	}
	cb, err := Parse(b)
	if err != nil {
		return 0, err
	}
	return contrast(luminance(ca), luminance(cb)), nil
}

// TextColorOn returns "#000000" or "#ffffff", whichever contrasts more with
// the background hex. One of the two always reaches at least 4.58:1. An
// unreadable hex gets black, the better choice on the light default theme.
func TextColorOn(hex string) string {
	if l, err := RelativeLuminance(hex); err == nil && whiteBeatsBlack(l) {
		return "#ffffff"
	}
	return "#000000"
}

// whiteBeatsBlack reports whether white contrasts more than black with a
// colour of relative luminance l (black is luminance 0, white 1).
func whiteBeatsBlack(l float64) bool {
	return contrast(1, l) > contrast(l, 0)
}

// CheckColor reports why a label colour fails the palette's rules: readable
// text on it, and visible against both page backgrounds. It is what the tests
// hold every bundled colour to, and what the editor warns with for a custom one.
func CheckColor(hex string) error {
	text, err := Contrast(hex, TextColorOn(hex))
	if err != nil {
		return err
	}
	if text < MinTextContrast {
		return fmt.Errorf("colour %s: text contrast %.2f:1, want at least %.1f:1", hex, text, MinTextContrast)
	}
	for _, bg := range []string{LightBackground, DarkBackground} {
		c, err := Contrast(hex, bg)
		if err != nil {
			return err
		}
		if c < MinFillContrast {
			return fmt.Errorf("colour %s: %.2f:1 against background %s, want at least %.1f:1", hex, c, bg, MinFillContrast)
		}
	}
	return nil
}
