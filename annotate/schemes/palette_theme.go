package schemes

import (
	"fmt"
	"math"
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
	c, err := Contrast(hex, bg)
	if err != nil {
		return "", fmt.Errorf("readable colour on %s: %w", bg, err)
	}
	if c >= minContrast {
		return hex, nil
	}
	lb, _ := RelativeLuminance(bg)
	r, g, b, _ := parseHex(hex)
	l, a, bb := toLab(r, g, b)
	lighter := (1.05)/(lb+0.05) >= (lb+0.05)/0.05 // white beats black on bg
	// Contrast depends on luminance alone, which in CIELAB is lightness
	// alone: step L* until the rounded colour reaches the target.
	out := hex
	for step := 0; step <= 1000; step++ {
		next := l - float64(step)*0.1
		if lighter {
			next = l + float64(step)*0.1
		}
		if next < 0 || next > 100 {
			break
		}
		out = fromLabInGamut(next, a, bb)
		if c, _ := Contrast(out, bg); c >= minContrast {
			return out, nil
		}
	}
	return out, nil
}

// D65 white point of sRGB.
const xn, yn, zn = 0.95047, 1.0, 1.08883

func toLab(r, g, b float64) (l, a, bb float64) {
	lr, lg, lbl := linear(r), linear(g), linear(b)
	x := 0.4124564*lr + 0.3575761*lg + 0.1804375*lbl
	y := 0.2126729*lr + 0.7151522*lg + 0.0721750*lbl
	z := 0.0193339*lr + 0.1191920*lg + 0.9503041*lbl
	f := func(t float64) float64 {
		if t > 216.0/24389 {
			return math.Cbrt(t)
		}
		return (24389.0/27*t + 16) / 116
	}
	fx, fy, fz := f(x/xn), f(y/yn), f(z/zn)
	return 116*fy - 16, 500 * (fx - fy), 200 * (fy - fz)
}

// fromLab converts to sRGB components, which may lie outside [0,1].
func fromLab(l, a, bb float64) (r, g, b float64) {
	fy := (l + 16) / 116
	fx, fz := fy+a/500, fy-bb/200
	finv := func(t float64) float64 {
		if t*t*t > 216.0/24389 {
			return t * t * t
		}
		return (116*t - 16) / (24389.0 / 27)
	}
	x, y, z := xn*finv(fx), yn*finv(fy), zn*finv(fz)
	lr := 3.2404542*x - 1.5371385*y - 0.4985314*z
	lg := -0.9692660*x + 1.8760108*y + 0.0415560*z
	lbl := 0.0556434*x - 0.2040259*y + 1.0572252*z
	return gammaEncode(lr), gammaEncode(lg), gammaEncode(lbl)
}

func gammaEncode(c float64) float64 {
	if c <= 0.0031308 {
		return 12.92 * c
	}
	return 1.055*math.Pow(c, 1/2.4) - 0.055
}

// fromLabInGamut is fromLab with chroma scaled down (lightness and hue
// kept) until the colour fits sRGB.
func fromLabInGamut(l, a, bb float64) string {
	inGamut := func(s float64) (string, bool) {
		r, g, b := fromLab(l, a*s, bb*s)
		const eps = 1e-9
		ok := r >= -eps && r <= 1+eps && g >= -eps && g <= 1+eps && b >= -eps && b <= 1+eps
		return toHex(r, g, b), ok
	}
	if h, ok := inGamut(1); ok {
		return h
	}
	lo, hi := 0.0, 1.0
	for range 30 {
		mid := (lo + hi) / 2
		if _, ok := inGamut(mid); ok {
			lo = mid
		} else {
			hi = mid
		}
	}
	h, _ := inGamut(lo)
	return h
}

func toHex(r, g, b float64) string {
	q := func(c float64) int { return int(math.Round(math.Min(math.Max(c, 0), 1) * 255)) }
	return fmt.Sprintf("#%02x%02x%02x", q(r), q(g), q(b))
}

// darkestStepL is the CIELAB lightness of the darkest step of the technique
// families (see groupFamilies); ThemeColor maps it onto the darkest
// lightness a dark page allows.
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
	lb, err := RelativeLuminance(bg)
	if err != nil {
		return "", fmt.Errorf("theme colour on %s: %w", bg, err)
	}
	if lb >= 0.5 { // a light page
		return ReadableOn(hex, bg, MinFillContrast)
	}
	r, g, b, err := parseHex(hex)
	if err != nil {
		return "", fmt.Errorf("theme colour on %s: %w", bg, err)
	}
	l, a, bb := toLab(r, g, b)
	l0 := lightnessFor(MinThemeContrast*(lb+0.05) - 0.05)
	mapped := l0
	if l > darkestStepL {
		mapped = l0 + (l-darkestStepL)*(100-l0)/(100-darkestStepL)
	}
	out := fromLabInGamut(math.Min(mapped, 100), a, bb)
	// rounding to 8 bits can leave it a hair short of the target
	return ReadableOn(out, bg, MinThemeContrast)
}

// lightnessFor is the CIELAB lightness of relative luminance y.
func lightnessFor(y float64) float64 {
	if y > 216.0/24389 {
		return 116*math.Cbrt(y) - 16
	}
	return y * 24389.0 / 27
}
