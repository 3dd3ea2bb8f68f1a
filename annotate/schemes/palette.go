package schemes

import (
	"fmt"
	"math"
	"strconv"
)

// Colour choices, in short (docs/SCHEMAS.md has the long form):
//
//   - Hues come from palettes designed to stay apart for people with
//     colour-vision deficiencies: Okabe & Ito (2008) and Paul Tol's
//     qualitative sets (bright, muted, light).
//   - 23 techniques cannot all get their own colour-blind-safe hue, so each of
//     the six technique groups gets one hue family (Tol bright), and the
//     techniques of a group differ by CIELAB lightness in steps of 12 L*
//     (36, 48, 60, 72, 84) at the family's hue. Lightness survives every kind
//     of colour blindness, so techniques within a group stay apart; across
//     groups the label name, always shown beside the colour, does the rest.
//   - Every swatch is a fill that must stand off both a light (#ffffff) and a
//     dark (#1e1e1e) page by at least MinFillContrast, and carries its label
//     text in black or white at WCAG AA (4.5:1) or better.

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

// Family is a named set of swatches from one source palette.
type Family struct {
	Name   string
	Source string
	Colors []string // #rrggbb
}

// Families returns the palette the schema editor offers, family by family.
// The technique families are ordered dark to light.
func Families() []Family {
	g := groupFamilies()
	return []Family{
		{"Red (attack on reputation)", "Tol bright red in lightness steps", g[GroupAttack]},
		{"Blue (justification)", "Tol bright blue in lightness steps", g[GroupJustification]},
		{"Purple (distraction)", "Tol bright purple in lightness steps", g[GroupDistraction]},
		{"Green (simplification)", "Tol bright green in lightness steps", g[GroupSimplification]},
		{"Yellow (call)", "Tol bright yellow in lightness steps", g[GroupCall]},
		{"Cyan (manipulative wording)", "Tol bright cyan in lightness steps", g[GroupWording]},
		// Okabe–Ito without black (no fill) and yellow #f0e442 (1.3:1 on white).
		{"Okabe–Ito", "Okabe & Ito 2008", []string{"#e69f00", "#56b4e9", "#009e73", "#0072b2", "#d55e00", "#cc79a7"}},
		// Tol muted and light, minus the swatches too dark for a dark page
		// (indigo) or too light for a white one (light yellow, pale grey,
		// light cyan); magenta from Tol vibrant takes a place.
		{"Tol muted and light", "Paul Tol 2021", []string{
			"#cc6677", "#ddcc77", "#117733", "#88ccee", "#882255", "#44aa99", "#999933",
			"#aa4499", "#77aadd", "#ee8866", "#ffaabb", "#ee3377", "#bbcc33", "#bbbbbb"}},
	}
}

// Palette returns every swatch of Families, in order, without repeats.
func Palette() []string {
	seen := map[string]bool{}
	var out []string
	for _, f := range Families() {
		for _, c := range f.Colors {
			if !seen[c] {
				seen[c] = true
				out = append(out, c)
			}
		}
	}
	return out
}

// parseHex reads #rrggbb into components in [0,1].
func parseHex(hex string) (r, g, b float64, err error) {
	if len(hex) != 7 || hex[0] != '#' {
		return 0, 0, 0, fmt.Errorf("colour %q: want #rrggbb", hex)
	}
	v, err := strconv.ParseUint(hex[1:], 16, 32)
	if err != nil {
		return 0, 0, 0, fmt.Errorf("colour %q: want #rrggbb", hex)
	}
	return float64(v>>16&0xff) / 255, float64(v>>8&0xff) / 255, float64(v&0xff) / 255, nil
}

// linear undoes the sRGB transfer curve of one component.
func linear(c float64) float64 {
	if c <= 0.04045 {
		return c / 12.92
	}
	return math.Pow((c+0.055)/1.055, 2.4)
}

// RelativeLuminance is the WCAG 2 relative luminance of a #rrggbb colour.
func RelativeLuminance(hex string) (float64, error) {
	r, g, b, err := parseHex(hex)
	if err != nil {
		return 0, err
	}
	return 0.2126*linear(r) + 0.7152*linear(g) + 0.0722*linear(b), nil
}

// Contrast is the WCAG 2 contrast ratio of two #rrggbb colours, from 1 to 21.
func Contrast(a, b string) (float64, error) {
	la, err := RelativeLuminance(a)
	if err != nil {
		return 0, err
	}
	lb, err := RelativeLuminance(b)
	if err != nil {
		return 0, err
	}
	if la < lb {
		la, lb = lb, la
	}
	return (la + 0.05) / (lb + 0.05), nil
}

// TextColorOn returns "#000000" or "#ffffff", whichever contrasts more with
// the background hex. One of the two always reaches at least 4.58:1. An
// unreadable hex gets black, the better choice on the light default theme.
func TextColorOn(hex string) string {
	l, err := RelativeLuminance(hex)
	if err != nil {
		return "#000000"
	}
	// contrast with black is (l+0.05)/0.05, with white 1.05/(l+0.05).
	if (l+0.05)/0.05 >= 1.05/(l+0.05) {
		return "#000000"
	}
	return "#ffffff"
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
