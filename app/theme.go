package app

import (
	"image/color"
	"sync"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"

	"frametag/app/palette"
)

// appTheme is the default theme, held to one variant when the View menu
// chose light or dark (so the choice wins over the desktop's setting), with
// the app's own colour names: status text in the document list, in its
// status colour made readable (WCAG's 4.5:1 for text) on the page and on a
// selected row alike.
type appTheme struct {
	fyne.Theme
	fixed   bool // variant holds whatever the desktop asks for
	variant fyne.ThemeVariant
}

// The app's colour names, for status text.
const (
	colorNameStatusDone     fyne.ThemeColorName = "frametag-status-done"
	colorNameStatusProgress fyne.ThemeColorName = "frametag-status-progress"
	colorNameStatusSkipped  fyne.ThemeColorName = "frametag-status-skipped"
)

// minTextContrast is WCAG 2.1's contrast for text (SC 1.4.3).
const minTextContrast = 4.5

func (t appTheme) Color(name fyne.ThemeColorName, v fyne.ThemeVariant) color.Color {
	if t.fixed {
		v = t.variant
	}
	switch name {
	case colorNameStatusDone:
		return readableText(t.Theme, theme.ColorNameSuccess, v)
	case colorNameStatusProgress:
		return readableText(t.Theme, theme.ColorNamePrimary, v)
	case colorNameStatusSkipped:
		return readableText(t.Theme, theme.ColorNameWarning, v)
	}
	return t.Theme.Color(name, v)
}

type readableKey struct {
	name    fyne.ThemeColorName
	variant fyne.ThemeVariant
}

var readableCache sync.Map // readableKey -> color.Color (the default theme's colours do not change)

// readableText is the theme's colour name, its lightness moved just far
// enough to keep minTextContrast on the page and on a selected (and a
// hovered) list row over it.
func readableText(th fyne.Theme, name fyne.ThemeColorName, v fyne.ThemeVariant) color.Color {
	key := readableKey{name, v}
	if c, ok := readableCache.Load(key); ok {
		return c.(color.Color)
	}
	bg := th.Color(theme.ColorNameBackground, v)
	hex := palette.Hex(th.Color(name, v))
	for range 3 { // each step moves away from all three pages at once
		for _, page := range []color.Color{bg, over(th.Color(theme.ColorNameSelection, v), bg), over(th.Color(theme.ColorNameHover, v), bg)} {
			if h, err := palette.ReadableOn(hex, palette.Hex(page), minTextContrast); err == nil {
				hex = h
			}
		}
	}
	c, err := palette.NRGBA(hex)
	if err != nil {
		return th.Color(name, v)
	}
	readableCache.Store(key, c)
	return c
}

// over is fg, with its alpha, painted over an opaque bg.
func over(fg, bg color.Color) color.Color {
	f := color.NRGBAModel.Convert(fg).(color.NRGBA)
	b := color.NRGBAModel.Convert(bg).(color.NRGBA)
	mix := func(x, y uint8) uint8 { return uint8((int(x)*int(f.A) + int(y)*(255-int(f.A)) + 127) / 255) }
	return color.NRGBA{R: mix(f.R, b.R), G: mix(f.G, b.G), B: mix(f.B, b.B), A: 255}
}

// themeFor returns the theme for a View menu choice; "system" follows the
// desktop.
func themeFor(choice string) fyne.Theme {
	switch choice {
	case themeLight:
		return appTheme{Theme: theme.DefaultTheme(), fixed: true, variant: theme.VariantLight}
	case themeDark:
		return appTheme{Theme: theme.DefaultTheme(), fixed: true, variant: theme.VariantDark}
	}
	return appTheme{Theme: theme.DefaultTheme()}
}
