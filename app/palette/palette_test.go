package palette

import (
	"image/color"
	"math"
	"strings"
	"testing"

	"github.com/lucasb-eyer/go-colorful"

	"frametag/annotate"
	"frametag/annotate/schemes"
)

func TestContrastKnownValues(t *testing.T) {
	tests := []struct {
		a, b string
		want float64
	}{
		{"#000000", "#ffffff", 21},
		{"#ffffff", "#ffffff", 1},
		{"#777777", "#ffffff", 4.48}, // the classic just-fails-AA grey
		{"#0072b2", "#ffffff", 5.19},
	}
	for _, tt := range tests {
		got, err := Contrast(tt.a, tt.b)
		if err != nil {
			t.Fatal(err)
		}
		if math.Abs(got-tt.want) > 0.01 {
			t.Errorf("Contrast(%s, %s) = %.3f, want %.2f", tt.a, tt.b, got, tt.want)
		}
	}
	if _, err := Contrast("blue", "#ffffff"); err == nil || !strings.Contains(err.Error(), `colour "blue": want #rrggbb`) {
		t.Errorf("Contrast(blue) error = %v", err)
	}
}

func TestTextColorOn(t *testing.T) {
	tests := []struct{ bg, want string }{
		{"#ffffff", "#000000"},
		{"#000000", "#ffffff"},
		{"#e69f00", "#000000"}, // orange: light
		{"#0072b2", "#ffffff"}, // blue: dark
		{"#a31e3c", "#ffffff"},
		{"#ffc2c5", "#000000"},
		{"#777777", "#000000"}, // 4.48 with white, 4.69 with black
		{"nonsense", "#000000"},
	}
	for _, tt := range tests {
		if got := TextColorOn(tt.bg); got != tt.want {
			t.Errorf("TextColorOn(%s) = %s, want %s", tt.bg, got, tt.want)
		}
	}
}

func TestCheckColor(t *testing.T) {
	tests := []struct{ hex, wantErr string }{
		{"#0072b2", ""},
		{"#f0e442", "#f0e442: 1.32:1 against background #ffffff, want at least 1.5:1"}, // Okabe–Ito yellow
		{"#332288", "#332288: 1.37:1 against background #1e1e1e, want at least 1.5:1"}, // Tol indigo
		{"#12345", `colour "#12345": want #rrggbb`},
	}
	for _, tt := range tests {
		err := CheckColor(tt.hex)
		if tt.wantErr == "" {
			if err != nil {
				t.Errorf("CheckColor(%s) = %v, want nil", tt.hex, err)
			}
			continue
		}
		if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
			t.Errorf("CheckColor(%s) = %v, want %q", tt.hex, err, tt.wantErr)
		}
	}
}

// Every swatch the editor offers carries readable text and shows on both
// page colours.
func TestPaletteSwatchesPassTheRules(t *testing.T) {
	p := schemes.Palette()
	if len(p) < 40 {
		t.Errorf("palette has %d swatches, want at least 40", len(p))
	}
	for _, c := range p {
		if err := CheckColor(c); err != nil {
			t.Error(err)
		}
	}
}

// Every colour a bundled schema gives a label passes the same rules.
func TestBundledLabelColoursPassTheRules(t *testing.T) {
	for _, name := range schemes.Names() {
		s, _ := schemes.ByName(name)
		for _, l := range s.Layers {
			for _, lb := range l.Labels {
				if err := CheckColor(lb.Color); err != nil {
					t.Errorf("%s %s/%s: %v", name, l.Name, lb.Name, err)
				}
			}
		}
	}
}

// Parse reads what a schema accepts and nothing more; NRGBA and Hex carry a
// colour to Fyne and back unchanged.
func TestParseNRGBAHex(t *testing.T) {
	tests := []struct {
		hex  string
		want color.NRGBA
		ok   bool
	}{
		{"#0072b2", color.NRGBA{R: 0x00, G: 0x72, B: 0xb2, A: 0xff}, true},
		{"#A31E3C", color.NRGBA{R: 0xa3, G: 0x1e, B: 0x3c, A: 0xff}, true},
		{"#ffffff", color.NRGBA{R: 0xff, G: 0xff, B: 0xff, A: 0xff}, true},
		{"#abc", color.NRGBA{}, false}, // go-colorful reads it; a schema does not
		{"#12345", color.NRGBA{}, false},
		{"#12345g", color.NRGBA{}, false},
		{"0072b2", color.NRGBA{}, false},
		{"#+12345", color.NRGBA{}, false},
		{"", color.NRGBA{}, false},
	}
	for _, tt := range tests {
		if _, err := Parse(tt.hex); (err == nil) != tt.ok || (err == nil) != annotate.ValidColor(tt.hex) {
			t.Errorf("Parse(%q) error = %v, want ok %v like annotate.ValidColor", tt.hex, err, tt.ok)
		}
		got, err := NRGBA(tt.hex)
		if (err == nil) != tt.ok || got != tt.want {
			t.Errorf("NRGBA(%q) = %v, %v; want %v, ok %v", tt.hex, got, err, tt.want, tt.ok)
		}
		if tt.ok {
			if back := Hex(got); back != strings.ToLower(tt.hex) {
				t.Errorf("Hex(NRGBA(%q)) = %s", tt.hex, back)
			}
		}
	}
	if got := Hex(color.Gray16{Y: 0x1717}); got != "#171717" {
		t.Errorf("Hex(Gray16 0x1717) = %s, want #171717", got)
	}
}

// --- colour-difference helpers: CIELAB (D65) and colour-vision-deficiency
// simulation (Machado, Oliveira & Fernandes 2009, severity 1.0).

func linearRGB(t *testing.T, hex string) [3]float64 {
	t.Helper()
	c, err := Parse(hex)
	if err != nil {
		t.Fatal(err)
	}
	r, g, b := c.LinearRgb()
	return [3]float64{r, g, b}
}

// labOf is the CIELAB colour of a linear RGB triple, clipped to sRGB first
// (a simulated colour can fall outside it).
func labOf(rgb [3]float64) colorful.Color {
	clamp := func(v float64) float64 { return math.Max(0, math.Min(1, v)) }
	return colorful.LinearRgb(clamp(rgb[0]), clamp(rgb[1]), clamp(rgb[2]))
}

var cvdMatrices = map[string][3][3]float64{
	"normal":       {{1, 0, 0}, {0, 1, 0}, {0, 0, 1}},
	"protanopia":   {{0.152286, 1.052583, -0.204868}, {0.114503, 0.786281, 0.099216}, {-0.003882, -0.048116, 1.051998}},
	"deuteranopia": {{0.367322, 0.860646, -0.227968}, {0.280085, 0.672501, 0.047413}, {-0.011820, 0.042940, 0.968881}},
	"tritanopia":   {{1.255528, -0.076749, -0.178779}, {-0.078411, 0.930809, 0.147602}, {0.004733, 0.691367, 0.303900}},
}

// deltaE is CIE76 ΔE between a and b as seen with vision m, in the usual
// units (go-colorful's DistanceCIE76 is on L* scaled to [0,1]).
func deltaE(t *testing.T, a, b string, m [3][3]float64) float64 {
	sim := func(hex string) colorful.Color {
		c := linearRGB(t, hex)
		var out [3]float64
		for i := range 3 {
			out[i] = m[i][0]*c[0] + m[i][1]*c[1] + m[i][2]*c[2]
		}
		return labOf(out)
	}
	return 100 * sim(a).DistanceCIE76(sim(b))
}

// Within a technique group the colours differ by lightness, so they stay
// apart under every simulated colour-vision deficiency; and any two labels of
// a layer stay apart for normal vision. ΔE76 of 10 is a difference seen at a
// glance between neighbouring swatches.
func TestLabelColoursAreDistinguishable(t *testing.T) {
	const minDeltaE = 10
	for _, name := range schemes.Names() {
		s, _ := schemes.ByName(name)
		for _, l := range s.Layers {
			for i, a := range l.Labels {
				for _, b := range l.Labels[i+1:] {
					for vision, m := range cvdMatrices {
						if vision != "normal" && (a.Group == "" || a.Group != b.Group) {
							continue
						}
						if d := deltaE(t, a.Color, b.Color, m); d < minDeltaE {
							t.Errorf("%s %s: %s %s and %s %s differ by ΔE %.1f under %s vision, want ≥ %d",
								name, l.Name, a.Name, a.Color, b.Name, b.Color, d, vision, minDeltaE)
						}
					}
				}
			}
		}
	}
}

// Any two labels of a span layer stay apart (ΔE76 ≥ 10, normal vision) as
// they are drawn: ThemeColor on the light and the dark page. The span bars
// are thin, so this is what telling two techniques apart comes down to; on
// the dark page, lifting each too-dark colour only up to 3:1 put
// Exaggeration,Minimisation and Loaded_Language (the two darkest teals of
// ptc-18) 6.8 apart.
func TestSpanLabelColoursAreDistinguishableOnEveryPage(t *testing.T) {
	const minDeltaE = 10
	for _, page := range []string{LightBackground, DarkBackground} {
		for _, name := range schemes.Names() {
			s, _ := schemes.ByName(name)
			for _, l := range s.Layers {
				if l.Kind != annotate.SpanLayer {
					continue
				}
				drawn := make([]string, len(l.Labels))
				for i, lb := range l.Labels {
					c, err := ThemeColor(lb.Color, page)
					if err != nil {
						t.Fatal(err)
					}
					drawn[i] = c
				}
				for i, a := range l.Labels {
					for j := i + 1; j < len(l.Labels); j++ {
						b := l.Labels[j]
						if d := deltaE(t, drawn[i], drawn[j], cvdMatrices["normal"]); d < minDeltaE {
							t.Errorf("on %s, %s %s: %s %s and %s %s differ by ΔE %.1f, want ≥ %d",
								page, name, l.Name, a.Name, drawn[i], b.Name, drawn[j], d, minDeltaE)
						}
					}
				}
			}
		}
	}
}

// The smallest differences, for the record: go test -run Report -v.
func TestReportSmallestDifferences(t *testing.T) {
	s := schemes.Default()
	tech, _ := s.Layer("technique")
	for vision, m := range cvdMatrices {
		minAny, minGroup := math.Inf(1), math.Inf(1)
		var pairAny string
		for i, a := range tech.Labels {
			for _, b := range tech.Labels[i+1:] {
				d := deltaE(t, a.Color, b.Color, m)
				if d < minAny {
					minAny, pairAny = d, a.Name+"/"+b.Name
				}
				if a.Group == b.Group {
					minGroup = math.Min(minGroup, d)
				}
			}
		}
		t.Logf("%-12s techniques: min ΔE within a group %.1f, across all %.1f (%s)", vision, minGroup, minAny, pairAny)
	}
	minLight, minDark := math.Inf(1), math.Inf(1)
	for _, c := range schemes.Palette() {
		l, _ := Contrast(c, LightBackground)
		d, _ := Contrast(c, DarkBackground)
		minLight, minDark = math.Min(minLight, l), math.Min(minDark, d)
	}
	t.Logf("palette: min contrast %.2f:1 on %s, %.2f:1 on %s", minLight, LightBackground, minDark, DarkBackground)
	if minLight < MinFillContrast || minDark < MinFillContrast {
		t.Errorf("palette falls below %.1f:1", MinFillContrast)
	}
}
