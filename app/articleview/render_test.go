package articleview

import (
	"fmt"
	"image"
	"image/color"
	"image/png"
	"os"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"

	"frametag/annotate"
)

const goldenText = "Secretary of State Antony Blinken said: “We will not — indeed, we will never — recognize the annexation of Ukrainian territory by Russia.”\r\n" +
	"\r\n" +
	"He called the referendums a “diabolical scheme” 🇺🇦 and promised more aid."

// goldenDoc has a claim with an actor linked to it, a nested span, two
// overlapping spans and a discontinuous one.
func goldenDoc() (string, []Highlight, []Link) {
	t := goldenText
	frag := func(sub string) annotate.Fragment {
		s := index(t, sub)
		return annotate.Fragment{Start: s, End: s + len([]rune(sub))}
	}
	red := color.NRGBA{R: 0xd6, G: 0x27, B: 0x28, A: 0xff}
	blue := color.NRGBA{R: 0x1f, G: 0x77, B: 0xb4, A: 0xff}
	green := color.NRGBA{R: 0x2c, G: 0xa0, B: 0x2c, A: 0xff}
	orange := color.NRGBA{R: 0xff, G: 0x7f, B: 0x0e, A: 0xff}
	purple := color.NRGBA{R: 0x94, G: 0x67, B: 0xbd, A: 0xff}
	hs := []Highlight{
		{ID: "claim", Label: "Claim", Color: red, Fragments: []annotate.Fragment{
			frag("We will not"), frag("recognize the annexation of Ukrainian territory by Russia")}},
		{ID: "actor", Label: "Actor", Color: blue, Fragments: []annotate.Fragment{frag("Antony Blinken")}},
		{ID: "nested", Label: "Location", Color: green, Fragments: []annotate.Fragment{frag("Russia")}},
		{ID: "loaded", Label: "Loaded_Language", Color: orange, Fragments: []annotate.Fragment{frag("diabolical scheme")}},
		{ID: "overlap", Label: "Exaggeration", Color: purple, Fragments: []annotate.Fragment{frag("referendums a “diabolical")}},
	}
	return t, hs, []Link{{ID: "r1", From: "claim", To: "actor"}}
}

func TestRendersArticle(t *testing.T) {
	text, hs, links := goldenDoc()
	v, w := newTestView(t, text, hs, links, fyne.NewSize(640, 300))
	v.SelectHighlight("claim")
	s := index(text, "promised")
	v.SetSelection(s, s+len("promised more aid"))
	test.AssertRendersToMarkup(t, "article.xml", w.Canvas())
	test.AssertRendersToImage(t, "article.png", w.Canvas())
}

func TestRendersHoverLabel(t *testing.T) {
	text, hs, links := goldenDoc()
	v, w := newTestView(t, text, hs, links, fyne.NewSize(640, 300))
	p := v.PositionOf(index(text, "diabolical") + 2).Add(fyne.NewPos(0, v.doc.m.TextTop()+4))
	test.MoveMouse(w.Canvas(), p)
	if v.hover != "loaded" {
		t.Fatalf("hovering %q, want loaded", v.hover)
	}
	test.AssertRendersToImage(t, "article_hover.png", w.Canvas())
}

// TestRenderThemes writes the article in Fyne's real light and dark themes
// to $ARTICLEVIEW_SHOTS, for looking at; it asserts that text is drawn in the
// theme's foreground colour.
func TestRenderThemes(t *testing.T) {
	for _, tc := range []struct {
		name    string
		variant fyne.ThemeVariant
	}{{"light", theme.VariantLight}, {"dark", theme.VariantDark}} {
		t.Run(tc.name, func(t *testing.T) {
			text, hs, links := goldenDoc()
			v, w := newTestView(t, text, hs, links, fyne.NewSize(900, 420))
			test.ApplyTheme(t, forcedVariant{theme.DefaultTheme(), tc.variant})
			v.SelectHighlight("claim")
			s := index(text, "promised")
			v.SetSelection(s, s+len("promised more aid"))
			fg := theme.DefaultTheme().Color(theme.ColorNameForeground, tc.variant)
			for _, txt := range drawnTexts(test.WidgetRenderer(v).Objects()) {
				if txt.Color != fg {
					t.Fatalf("text %q drawn in %v, want the theme's %v", txt.Text, txt.Color, fg)
				}
			}
			if dir := os.Getenv("ARTICLEVIEW_SHOTS"); dir != "" {
				img := w.Canvas().Capture()
				if err := writePNG(dir+"/article_"+tc.name+".png", img); err != nil {
					t.Fatal(err)
				}
			}
		})
	}
}

// forcedVariant is a theme that always answers in one variant.
type forcedVariant struct {
	fyne.Theme
	variant fyne.ThemeVariant
}

func (f forcedVariant) Color(n fyne.ThemeColorName, _ fyne.ThemeVariant) color.Color {
	return f.Theme.Color(n, f.variant)
}

func writePNG(path string, img image.Image) error {
	f, err := os.Create(path)
	if err != nil {
		return fmt.Errorf("create %s: %w", path, err)
	}
	if err := png.Encode(f, img); err != nil {
		f.Close()
		return fmt.Errorf("encode %s: %w", path, err)
	}
	return f.Close()
}

func TestHoverLabelNamesLinkedSpans(t *testing.T) {
	text, hs, _ := goldenDoc()
	links := []Link{{ID: "r1", From: "claim", To: "actor"}, {ID: "r2", From: "loaded", To: "claim"}}
	v, w := newTestView(t, text, hs, links, fyne.NewSize(640, 300))
	p := v.PositionOf(index(text, "diabolical") + 2).Add(fyne.NewPos(0, v.doc.m.TextTop()+4))
	test.MoveMouse(w.Canvas(), p)
	var labels []string
	for _, txt := range drawnTexts(test.WidgetRenderer(v).Objects()) {
		if strings.Contains(txt.Text, "→") {
			labels = append(labels, txt.Text)
		}
	}
	// the link hint belongs to the hovered span; Exaggeration lies under it too
	if len(labels) != 1 || labels[0] != "Loaded_Language → Claim · Exaggeration" {
		t.Errorf("hover labels %q, want [Loaded_Language → Claim · Exaggeration]", labels)
	}
	// the claim is outlined as linked, and a connector is drawn to it
	lines := 0
	for _, o := range test.WidgetRenderer(v).Objects() {
		if _, ok := o.(*canvas.Line); ok {
			lines++
		}
	}
	if lines != 3 {
		t.Errorf("%d connector segments, want 3", lines)
	}
}

// The hover label names every span under the pointer, innermost first, and
// stays short over a deep stack.
func TestHoverLabelNamesStackedSpans(t *testing.T) {
	text, hs, _ := goldenDoc()
	frag := func(sub string) []annotate.Fragment {
		s := index(text, sub)
		return []annotate.Fragment{{Start: s, End: s + len([]rune(sub))}}
	}
	deep := append([]Highlight(nil), hs...)
	for i, sub := range []string{"more", "promised more", "and promised more", "and promised more aid", "more aid."} {
		deep = append(deep, Highlight{ID: fmt.Sprintf("d%d", i), Label: fmt.Sprintf("L%d", i),
			Color: color.NRGBA{A: 0xff}, Fragments: frag(sub)})
	}
	tests := []struct {
		name, at string
		want     string
	}{
		{"one span", "Blinken", "Actor"},
		{"nested in a claim", "Russia", "Location · Claim"},
		{"overlapping", "diabolical", "Loaded_Language · Exaggeration"},
		{"only the outer one", "referendums", "Exaggeration"},
		{"deep stack capped", "more", "L0 · L4 · L1 · L2 · +1 more"},
		{"no span", "called", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			v, w := newTestView(t, text, deep, nil, fyne.NewSize(640, 300))
			p := v.PositionOf(index(text, tt.at) + 1).Add(fyne.NewPos(0, v.doc.m.TextTop()+4))
			test.MoveMouse(w.Canvas(), p)
			got := ""
			for _, txt := range drawnTexts(test.WidgetRenderer(v).Objects()) {
				if txt.TextSize < v.textSize {
					got = txt.Text
				}
			}
			if got != tt.want {
				t.Errorf("hover label over %q = %q, want %q", tt.at, got, tt.want)
			}
		})
	}
}

// drawnRects collects the rectangles in a tree.
func drawnRects(objs []fyne.CanvasObject) []*canvas.Rectangle {
	var out []*canvas.Rectangle
	for _, o := range objs {
		switch x := o.(type) {
		case *canvas.Rectangle:
			out = append(out, x)
		case *fyne.Container:
			out = append(out, drawnRects(x.Objects)...)
		}
	}
	return out
}

// TestGhostsAreNotDrawnLikeSpans: a suggestion (StyleSuggestion) is never a
// solid bar of its colour as a span is: dashes with names off, an outline
// round a faint tint and an italic name with names on, and when selected an
// outline without a fill.
func TestGhostsAreNotDrawnLikeSpans(t *testing.T) {
	red := color.NRGBA{R: 0xd6, G: 0x27, B: 0x28, A: 0xff}
	blue := color.NRGBA{R: 0x1f, G: 0x77, B: 0xb4, A: 0xff}
	text := "They called them crooked elites again."
	s := index(text, "crooked elites")
	o := index(text, "again")
	hs := []Highlight{
		{ID: "ghost", Label: "Name_Calling 75%", Color: red, Style: StyleSuggestion,
			Fragments: []annotate.Fragment{{Start: s, End: s + len("crooked elites")}}},
		{ID: "own", Label: "Repetition", Color: blue, Fragments: []annotate.Fragment{{Start: o, End: o + len("again")}}},
	}
	for _, tc := range []struct {
		name   string
		names  bool
		chosen bool
	}{{"thin", false, false}, {"named", true, false}, {"thin selected", false, true}, {"named selected", true, true}} {
		t.Run(tc.name, func(t *testing.T) {
			v, _ := newTestView(t, text, hs, nil, fyne.NewSize(640, 200))
			v.SetShowNames(tc.names)
			if tc.chosen {
				v.SelectHighlight("ghost")
				if _, _, ok := v.chosenEdges(); ok {
					t.Error("a selected suggestion has handles to reshape it")
				}
			}
			objs := test.WidgetRenderer(v).Objects()
			var solidRed, solidBlue, dashes, outlined int
			for _, r := range drawnRects(objs) {
				fill := color.NRGBAModel.Convert(r.FillColor).(color.NRGBA)
				wide := r.Size().Width > 10
				switch {
				case fill == red && wide:
					solidRed++
				case fill == blue && wide:
					solidBlue++
				case fill.R == red.R && fill.G == red.G && !wide && r.Size().Height > 1:
					dashes++
				}
				if r.StrokeWidth > 0 && r.StrokeColor != nil {
					if sc := color.NRGBAModel.Convert(r.StrokeColor).(color.NRGBA); sc.R == red.R && sc.G == red.G && fill.A <= 0x20 {
						outlined++
					}
				}
			}
			if solidRed != 0 {
				t.Errorf("the suggestion is drawn as %d solid bars of its colour", solidRed)
			}
			if !tc.names && (dashes < 5 || solidBlue == 0) {
				t.Errorf("names off: %d dashes for the suggestion, %d solid bars for the span", dashes, solidBlue)
			}
			if tc.names && outlined == 0 {
				t.Error("names on: the suggestion has no outline")
			}
			italic := false
			for _, txt := range drawnTexts(objs) {
				if strings.HasPrefix(txt.Text, "Name_Calling") {
					italic = txt.TextStyle.Italic
				}
			}
			if tc.names && !italic {
				t.Error("names on: the suggestion's name is not in italics")
			}
		})
	}
}

// Another annotator's span (StyleOther) is drawn apart from one's own and
// from a suggestion without relying on colour: a hollow bar (names off) or
// a pale tint over a dashed underline (names on), never a solid bar of its
// colour; the hover label names its owner.
func TestOthersSpanStyle(t *testing.T) {
	text, hs, _ := goldenDoc()
	orange := color.NRGBAModel.Convert(hs[3].Color).(color.NRGBA) // "loaded"
	hs[3].Style, hs[3].Owner = StyleOther, "bob"
	for _, names := range []bool{false, true} {
		v, _ := newTestView(t, text, hs, nil, fyne.NewSize(640, 300))
		v.SetShowNames(names)
		var solid, hollow, dashed int
		for _, r := range drawnRects(test.WidgetRenderer(v).Objects()) {
			fill := color.NRGBAModel.Convert(r.FillColor).(color.NRGBA)
			sameHue := fill.R == orange.R && fill.G == orange.G && fill.B == orange.B
			stroke := r.StrokeWidth > 0 && r.StrokeColor != nil && color.NRGBAModel.Convert(r.StrokeColor).(color.NRGBA) == orange
			switch {
			case stroke && fill.A < 0x40:
				hollow++
			case sameHue && fill.A == 0xff && r.Size().Width > 10:
				solid++
			case sameHue && fill.A == 0xff && r.Size().Height <= 2:
				dashed++
			}
		}
		if solid != 0 {
			t.Errorf("names %v: bob's span drawn as %d solid bars of its colour", names, solid)
		}
		if !names && hollow == 0 {
			t.Error("names off: bob's span is not a hollow bar")
		}
		if names && dashed < 3 {
			t.Errorf("names on: %d dashes under bob's span, want a dashed underline", dashed)
		}
	}

	v, w := newTestView(t, text, hs, nil, fyne.NewSize(640, 300))
	test.MoveMouse(w.Canvas(), v.PositionOf(index(text, "diabolical")+2).Add(fyne.NewPos(0, v.doc.m.TextTop()+4)))
	got := ""
	for _, txt := range drawnTexts(test.WidgetRenderer(v).Objects()) {
		if txt.TextSize < v.textSize && strings.Contains(txt.Text, "Loaded") {
			got = txt.Text
		}
	}
	if want := "Loaded_Language · bob's · Exaggeration"; got != want {
		t.Errorf("hover label %q, want %q", got, want)
	}
	if dir := os.Getenv("ARTICLEVIEW_SHOTS"); dir != "" {
		if err := writePNG(dir+"/article_others.png", w.Canvas().Capture()); err != nil {
			t.Fatal(err)
		}
	}
}
