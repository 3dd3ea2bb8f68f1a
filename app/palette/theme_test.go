package palette

import (
	"math"
	"strings"
	"testing"

	"frametag/annotate/schemes"
)

// Fyne's default page colours, the backgrounds the workbench draws on.
const (
	fyneLight = "#ffffff"
	fyneDark  = "#171718"
)

func TestReadableOn(t *testing.T) {
	tests := []struct {
		name, hex, bg string
		want          string // "" when the colour must change
	}{
		{"already readable on dark stays", "#e69f00", fyneDark, "#e69f00"},
		{"already readable on light stays", "#0072b2", fyneLight, "#0072b2"},
		{"dark teal on dark is lifted", "#005d73", fyneDark, ""},
		{"pale pink on white is darkened", "#ffc2c5", fyneLight, ""},
		{"black on black becomes a grey", "#000000", "#000000", ""},
	}
	for _, tt := range tests {
		got, err := ReadableOn(tt.hex, tt.bg, MinThemeContrast)
		if err != nil {
			t.Fatalf("%s: %v", tt.name, err)
		}
		if tt.want != "" && got != tt.want {
			t.Errorf("%s: ReadableOn(%s, %s) = %s, want it unchanged", tt.name, tt.hex, tt.bg, got)
		}
		if tt.want == "" && got == tt.hex {
			t.Errorf("%s: ReadableOn(%s, %s) left it unchanged", tt.name, tt.hex, tt.bg)
		}
		if c, _ := Contrast(got, tt.bg); c < MinThemeContrast {
			t.Errorf("%s: %s has %.2f:1 on %s, want at least %.1f:1", tt.name, got, c, tt.bg, MinThemeContrast)
		}
	}
	if _, err := ReadableOn("teal", fyneDark, 3); err == nil || !strings.Contains(err.Error(), `colour "teal"`) {
		t.Errorf("ReadableOn(teal) error = %v", err)
	}
}

// TestReadableOnEveryBundledColour holds every swatch of the palette to 3:1
// on both of Fyne's pages once adjusted, keeps its hue family recognisable
// (the hue moves little) and keeps the lightness order within each family.
func TestReadableOnEveryBundledColour(t *testing.T) {
	for _, bg := range []string{fyneLight, fyneDark} {
		for _, f := range schemes.Families() {
			prevL := -1.0
			for _, hex := range f.Colors {
				got, err := ReadableOn(hex, bg, MinThemeContrast)
				if err != nil {
					t.Fatal(err)
				}
				if c, _ := Contrast(got, bg); c < MinThemeContrast {
					t.Errorf("%s on %s: %s has %.2f:1", hex, bg, got, c)
				}
				c0, _ := Parse(hex)
				c1, _ := Parse(got)
				_, a0, bb0 := lab(c0)
				l1, a1, bb1 := lab(c1)
				if chroma(a0, bb0) > 20 && chroma(a1, bb1) > 10 && hueGap(a0, bb0, a1, bb1) > 12 {
					t.Errorf("%s on %s: %s moved hue by %.0f°", hex, bg, got, hueGap(a0, bb0, a1, bb1))
				}
				// the technique families are ordered dark to light; the
				// adjustment may merge neighbours' lightness but never swaps them
				if strings.Contains(f.Source, "lightness steps") {
					if l1 < prevL-0.5 {
						t.Errorf("%s on %s: lightness order swapped (%s at L* %.1f after %.1f)", f.Name, bg, got, l1, prevL)
					}
					prevL = l1
				}
			}
		}
	}
}

func chroma(a, b float64) float64 { return math.Hypot(a, b) }

// hueGap is the angle between two CIELAB hues, in degrees.
func hueGap(a0, b0, a1, b1 float64) float64 {
	d := math.Abs(math.Atan2(b0, a0)-math.Atan2(b1, a1)) * 180 / math.Pi
	if d > 180 {
		d = 360 - d
	}
	return d
}

// On the dark page every swatch reaches 3:1 and a family's steps keep their
// order; on the light page the bundled swatches are drawn as they are.
func TestThemeColorKeepsStepsApartAndVisible(t *testing.T) {
	for _, f := range schemes.Families() {
		prevLum := -1.0
		for _, c := range f.Colors {
			light, err := ThemeColor(c, LightBackground)
			if err != nil {
				t.Fatal(err)
			}
			if light != c {
				t.Errorf("%s on the light page drawn as %s, want unchanged", c, light)
			}
			dark, err := ThemeColor(c, DarkBackground)
			if err != nil {
				t.Fatal(err)
			}
			if ct, _ := Contrast(dark, DarkBackground); ct < MinThemeContrast {
				t.Errorf("%s on the dark page drawn as %s: %.2f:1, want ≥ %.1f:1", c, dark, ct, MinThemeContrast)
			}
			lum, _ := RelativeLuminance(dark)
			if strings.Contains(f.Source, "lightness steps") && lum <= prevLum {
				t.Errorf("%s: %s drawn as %s, no lighter than the step before it", f.Name, c, dark)
			}
			prevLum = lum
		}
	}
	if _, err := ThemeColor("#12345", DarkBackground); err == nil {
		t.Error("ThemeColor(#12345) = nil error, want one")
	}
}
