package palette

import (
	"fmt"
	"math"

	"github.com/lucasb-eyer/go-colorful"
)

// MinThemeContrast is the contrast a span colour keeps against the page it
// is drawn on in the running theme: WCAG 2.1's 3:1 for graphical objects
// (SC 1.4.11). The bundled colours are chosen for both pages at once
// (MinFillContrast); ReadableOn lifts or darkens them for one page.
const MinThemeContrast = 3.0

// ReadableOn returns hex itself when it keeps at least minContrast against
// the background bg, and otherwise the colour of the same hue whose CIELAB
// lightness is moved away from bg (lighter on a dark page, darker on a light
// one) just far enough to reach it. Only lightness moves, so hues, and the
// order of the lightness steps within a family, are kept; chroma is reduced
// only where the lighter or darker colour would fall outside sRGB. When even
// white or black cannot reach minContrast, the result is the one that comes
// closest.
func ReadableOn(hex, bg string, minContrast float64) (string, error) {
	c, err := Parse(hex)
	if err != nil {
		return "", fmt.Errorf("readable colour on %s: %w", bg, err)
	}
	page, err := Parse(bg)
	if err != nil {
		return "", fmt.Errorf("readable colour on %s: %w", bg, err)
	}
	lb := luminance(page)
	if contrast(luminance(c), lb) >= minContrast {
		return hex, nil
	}
	l, a, b := lab(c)
	l = math.Max(0, math.Min(l, 100)) // black comes back a hair below 0
	lighter := whiteBeatsBlack(lb)
	// Contrast depends on luminance alone, which in CIELAB is lightness
	// alone: step L* until the colour, rounded to 8 bits as it is drawn,
	// reaches the target.
	out := c
	for step := 0; step <= 1000; step++ {
		next := l - float64(step)*0.1
		if lighter {
			next = l + float64(step)*0.1
		}
		if next < 0 || next > 100 {
			break
		}
		out = fromLabInGamut(next, a, b)
		if contrast(luminance(out), lb) >= minContrast {
			break
		}
	}
	return out.Hex(), nil
}

// lab is a colour in CIELAB (D65) in the usual units, L* from 0 to 100;
// go-colorful's Lab is the same space scaled by 1/100.
func lab(c colorful.Color) (l, a, b float64) {
	l, a, b = c.Lab()
	return 100 * l, 100 * a, 100 * b
}

// fromLabInGamut is the sRGB colour at CIELAB l, a, b, rounded to 8 bits,
// with chroma scaled down (lightness and hue kept) until it fits sRGB.
// go-colorful's Clamped would cut each channel instead and move the hue.
func fromLabInGamut(l, a, b float64) colorful.Color {
	at := func(s float64) (colorful.Color, bool) {
		c := colorful.Lab(l/100, a*s/100, b*s/100)
		// go-colorful's CIELAB white comes back as sRGB white only to 1e-4
		// (its white point and matrix round differently); that much outside
		// still counts as inside, far below an 8-bit step
		return c, c.DistanceRgb(c.Clamped()) <= 1e-4
	}
	c, ok := at(1)
	if !ok {
		lo, hi := 0.0, 1.0
		for range 30 {
			mid := (lo + hi) / 2
			if _, ok := at(mid); ok {
				lo = mid
			} else {
				hi = mid
			}
		}
		c, _ = at(lo)
	}
	r, g, bl := c.Clamped().RGB255()
	return colorful.Color{R: float64(r) / 255, G: float64(g) / 255, B: float64(bl) / 255}
}

// darkestStepL is the CIELAB lightness of the darkest step of the technique
// families (groupFamilies in annotate/schemes/news.go); ThemeColor maps it
// onto the darkest lightness a dark page allows.
const darkestStepL = 36

// ThemeColor is the colour a label of colour hex is drawn in on page bg.
//
// On a light page it is ReadableOn with MinFillContrast, which leaves every
// bundled colour as it is. On a dark page WCAG's 3:1 for graphics
// (MinThemeContrast) holds below a fixed CIELAB lightness L0 (contrast
// depends on luminance alone), and lifting each too-dark colour just up to
// L0, as ReadableOn does, would put the two darkest steps of a technique
// family on one lightness: two techniques, one colour. So lightness is
// instead mapped linearly from [darkestStepL, 100] onto [L0, 100], hue and
// chroma kept: the family's steps stay apart (12 L* become about 10) and keep
// their order. Colours darker than the darkest step all land on L0.
func ThemeColor(hex, bg string) (string, error) {
	page, err := Parse(bg)
	if err != nil {
		return "", fmt.Errorf("theme colour on %s: %w", bg, err)
	}
	lb := luminance(page)
	if lb >= 0.5 { // a light page
		return ReadableOn(hex, bg, MinFillContrast)
	}
	c, err := Parse(hex)
	if err != nil {
		return "", fmt.Errorf("theme colour on %s: %w", bg, err)
	}
	l, a, b := lab(c)
	l0 := lightnessOf(MinThemeContrast*(lb+0.05) - 0.05)
	mapped := l0
	if l > darkestStepL {
		mapped = l0 + (l-darkestStepL)*(100-l0)/(100-darkestStepL)
	}
	out := fromLabInGamut(math.Min(mapped, 100), a, b)
	// rounding to 8 bits can leave it a hair short of the target
	return ReadableOn(out.Hex(), bg, MinThemeContrast)
}

// lightnessOf is the CIELAB lightness L* of relative luminance y.
func lightnessOf(y float64) float64 {
	l, _, _ := colorful.XyzToLab(0, y, 0)
	return 100 * l
}
