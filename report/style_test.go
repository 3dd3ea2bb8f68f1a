package report

import (
	"bytes"
	"image/color"
	"image/png"
	"testing"

	"frametag/annotate/findings"
	"frametag/annotate/findings/findingstest"
)

var (
	fyneDarkPage = color.NRGBA{R: 0x17, G: 0x17, B: 0x18, A: 0xff} // Fyne 2.7's dark background
	fyneDarkText = color.NRGBA{R: 0xf3, G: 0xf3, B: 0xf3, A: 0xff}
)

// TestThemeStyleContrast: on a dark page the text keeps WCAG's 4.5:1 and
// every line, bar and heat-map colour 3:1 against the page (so that no
// count vanishes into it), the heat map still runs one way in lightness,
// and enough colours are left to tell the lines apart; a light page draws
// as printed.
func TestThemeStyleContrast(t *testing.T) {
	for _, tc := range []struct {
		name   string
		bg, fg color.Color
	}{
		{"Fyne dark", fyneDarkPage, fyneDarkText},
		{"black", color.Black, color.White},
		{"dark grey", color.NRGBA{R: 0x30, G: 0x30, B: 0x30, A: 0xff}, color.NRGBA{R: 0xe0, G: 0xe0, B: 0xe0, A: 0xff}},
	} {
		s := ThemeStyle(tc.bg, tc.fg)
		if c := contrast(s.foreground, s.background); c < 4.5 {
			t.Errorf("%s: text contrast %.2f, want ≥ 4.5", tc.name, c)
		}
		if len(s.lines) < 6 {
			t.Errorf("%s: %d line colours left, want ≥ 6", tc.name, len(s.lines))
		}
		for _, c := range s.lines {
			if r := contrast(c, s.background); r < minGraphicContrast {
				t.Errorf("%s: line colour %v has contrast %.2f on the page", tc.name, c, r)
			}
		}
		for n := 3; n <= 9; n++ {
			cs := s.heat(n).Colors()
			if len(cs) < 3 || len(cs) > n {
				t.Errorf("%s: %d heat steps for %d", tc.name, len(cs), n)
			}
			for i, c := range cs {
				if r := contrast(c, s.background); r < minGraphicContrast {
					t.Errorf("%s: heat step %d of %d (%v) has contrast %.2f on the page", tc.name, i, n, c, r)
				}
				if i > 0 && luminance(c) >= luminance(cs[i-1]) {
					t.Errorf("%s: heat steps of %d do not darken at step %d", tc.name, n, i)
				}
			}
		}
	}
	light := ThemeStyle(color.White, color.NRGBA{R: 0x56, G: 0x56, B: 0x56, A: 0xff})
	if light.background != color.White || light.foreground != color.Black || len(light.lines) != len(okabeIto) {
		t.Errorf("a light page draws %+v, want the print style", light)
	}
}

// TestChartsOnThePage: the report's PNGs are print-white; drawn for a dark
// page, the same charts fill it with the page colour and write in the
// text colour.
func TestChartsOnThePage(t *testing.T) {
	f := findings.Compute(findingstest.Schema(), findingstest.Corpus(), findings.Options{})
	for _, tc := range []struct {
		name   string
		s      Style
		bg, fg color.Color
	}{
		{"print", Print(), color.White, color.Black},
		{"dark", ThemeStyle(fyneDarkPage, fyneDarkText), fyneDarkPage, fyneDarkText},
	} {
		cs, err := StyledCharts(f, tc.s)
		if err != nil {
			t.Fatal(err)
		}
		for _, c := range cs {
			data, err := c.Encode("png")
			if err != nil {
				t.Fatal(err)
			}
			img, err := png.Decode(bytes.NewReader(data))
			if err != nil {
				t.Fatal(err)
			}
			b := img.Bounds()
			if got := color.NRGBAModel.Convert(img.At(b.Min.X+1, b.Min.Y+1)); got != color.NRGBAModel.Convert(tc.bg) {
				t.Errorf("%s %s: the corner is %v, want the page %v", tc.name, c.Name, got, tc.bg)
			}
			// The title and axes are written in the text colour.
			want := color.NRGBAModel.Convert(tc.fg).(color.NRGBA)
			ink := 0
			for y := b.Min.Y; y < b.Max.Y; y += 2 {
				for x := b.Min.X; x < b.Max.X; x += 2 {
					if color.NRGBAModel.Convert(img.At(x, y)).(color.NRGBA) == want {
						ink++
					}
				}
			}
			if ink < 50 {
				t.Errorf("%s %s: %d pixels in the text colour %v", tc.name, c.Name, ink, tc.fg)
			}
		}
	}
}
