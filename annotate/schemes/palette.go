package schemes

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
//     dark (#1e1e1e) page by at least 1.5:1, and carries its label text in
//     black or white at WCAG AA (4.5:1) or better.
//
// Only the choices live here, as schema data. The contrast rules, and how a
// colour is drawn on the running theme's page, are the window's: app/palette,
// whose tests hold every colour here to them.

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
