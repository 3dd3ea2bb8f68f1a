package articleview

import (
	"fmt"
	"image/color"
	"math/rand/v2"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"frametag/annotate"
)

// article builds a news-like text of n words in paragraphs of 40–90 words
// separated by blank lines, with one span per 10 words (every span covers
// one to four words; a fifth of them overlap the next one).
func article(n int) (string, []Highlight) {
	vocab := strings.Fields(`the minister said “we’ll not accept” any annexation of territory by
		Russia, Ukraine’s government — indeed, officials — argued that sanctions were a diabolical
		scheme; reporters in Kyiv and Washington noted 42 claims, 7 denials and 🇺🇦 flags on
		every street. economy security refugees talks ceasefire border energy prices grain`)
	r := rand.New(rand.NewPCG(1, 2))
	var b strings.Builder
	var hs []Highlight
	cp := 0
	var starts, ends []int
	paraLeft := 40 + r.IntN(50)
	for i := 0; i < n; i++ {
		w := vocab[r.IntN(len(vocab))]
		starts = append(starts, cp)
		b.WriteString(w)
		cp += len([]rune(w))
		ends = append(ends, cp)
		paraLeft--
		switch {
		case i == n-1:
		case paraLeft == 0:
			b.WriteString("\n\n")
			cp += 2
			paraLeft = 40 + r.IntN(50)
		default:
			b.WriteByte(' ')
			cp++
		}
	}
	colors := []color.Color{
		color.NRGBA{R: 0xe6, G: 0x19, B: 0x4b, A: 0xff}, color.NRGBA{R: 0x3c, G: 0xb4, B: 0x4b, A: 0xff},
		color.NRGBA{R: 0x43, G: 0x63, B: 0xd8, A: 0xff}, color.NRGBA{R: 0xf5, G: 0x82, B: 0x31, A: 0xff},
	}
	for i := 0; i+4 < n; i += 10 {
		last := i + r.IntN(4)
		if r.IntN(5) == 0 {
			last = i + 4 + r.IntN(8) // overlaps the next span
		}
		last = min(last, n-1)
		hs = append(hs, Highlight{
			ID:        fmt.Sprintf("s%d", i),
			Fragments: []annotate.Fragment{{Start: starts[i], End: ends[last]}},
			Color:     colors[(i/10)%len(colors)],
			Label:     "Claim",
		})
	}
	return b.String(), hs
}

var benchSizes = []struct {
	name  string
	words int
}{{"words=1k", 1_000}, {"words=100k", 100_000}}

// benchModes are the view's two ways of drawing: bars only, and bars with
// label names plus every relation as a named arc (one relation per three
// spans, to the next span).
var benchModes = []struct {
	name  string
	marks bool
}{{"", false}, {"/names+arcs", true}}

// articleLinks links every third span to the one after it.
func articleLinks(hs []Highlight) []Link {
	var out []Link
	for i := 0; i+1 < len(hs); i += 3 {
		out = append(out, Link{ID: fmt.Sprintf("r%d", i), From: hs[i].ID, To: hs[i+1].ID, Type: "attributed to"})
	}
	return out
}

// newBenchView is an 800×1000 view drawing in mode.
func newBenchView(marks bool) *View {
	v := New()
	v.Resize(fyne.NewSize(800, 1000))
	v.SetShowNames(marks)
	v.SetShowRelations(marks)
	return v
}

// BenchmarkOpen is open → painted: SetDocument, the layout of what is in view
// and the creation of the renderer's objects for it, in an 800×1000 view.
func BenchmarkOpen(b *testing.B) {
	test.NewTempApp(b)
	for _, sz := range benchSizes {
		text, hs := article(sz.words)
		links := articleLinks(hs)
		for _, mode := range benchModes {
			b.Run(sz.name+mode.name, func(b *testing.B) {
				b.ReportAllocs()
				for b.Loop() {
					v := newBenchView(mode.marks)
					v.SetDocument(text, hs, links)
					if len(test.WidgetRenderer(v).Objects()) < 10 {
						b.Fatal("nothing painted")
					}
				}
			})
		}
	}
}

// BenchmarkAddSpan is add one span → re-laid out and refreshed, with the
// span in view (its row is laid out again and its objects rebuilt).
func BenchmarkAddSpan(b *testing.B) {
	test.NewTempApp(b)
	for _, sz := range benchSizes {
		text, hs := article(sz.words)
		links := articleLinks(hs)
		for _, mode := range benchModes {
			b.Run(sz.name+mode.name, func(b *testing.B) {
				v := newBenchView(mode.marks)
				v.SetDocument(text, hs, links)
				r := test.WidgetRenderer(v)
				h := Highlight{ID: "new", Fragments: []annotate.Fragment{{Start: 30, End: 60}},
					Color: color.NRGBA{R: 0x91, G: 0x1e, B: 0xb4, A: 0xff}, Label: "Actor"}
				b.ReportAllocs()
				for b.Loop() {
					v.AddHighlight(h)
					b.StopTimer()
					if len(r.Objects()) < 10 {
						b.Fatal("nothing painted")
					}
					v.RemoveHighlight(h.ID)
					r.Refresh()
					b.StartTimer()
				}
			})
		}
	}
}

// BenchmarkLayoutRow is the pure layout of one 80-word paragraph with spans.
func BenchmarkLayoutRow(b *testing.B) {
	text, hs := article(80)
	var spans []RowSpan
	for i, h := range hs {
		spans = append(spans, RowSpan{Key: i, Frags: [][2]int{{h.Fragments[0].Start, h.Fragments[0].End}}})
	}
	widths := map[string]float32{}
	measure := func(s string) float32 {
		if w, ok := widths[s]; ok {
			return w
		}
		w := tenPerCluster(s)
		widths[s] = w
		return w
	}
	m := testMetrics(560)
	b.ReportAllocs()
	for b.Loop() {
		LayoutRow(text, spans, m, measure)
	}
}

// BenchmarkScrollPage scrolls one screen down the article: the rows coming
// into view are split off, laid out and given objects.
func BenchmarkScrollPage(b *testing.B) {
	test.NewTempApp(b)
	for _, sz := range benchSizes {
		text, hs := article(sz.words)
		b.Run(sz.name, func(b *testing.B) {
			v := New()
			v.Resize(fyne.NewSize(800, 1000))
			v.SetDocument(text, hs, nil)
			b.ReportAllocs()
			for b.Loop() {
				if v.offsetY >= v.maxOffset() {
					b.StopTimer()
					v.SetDocument(text, hs, nil)
					b.StartTimer()
				}
				v.Scrolled(&fyne.ScrollEvent{Scrolled: fyne.NewDelta(0, -900)})
			}
		})
	}
}

// BenchmarkOpenRaster is BenchmarkOpen plus rasterising the window with the
// headless software painter: an upper bound for the GL driver's paint.
func BenchmarkOpenRaster(b *testing.B) {
	test.NewTempApp(b)
	for _, sz := range benchSizes {
		text, hs := article(sz.words)
		b.Run(sz.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				v := New()
				w := test.NewWindow(v)
				w.SetPadded(false)
				w.Resize(fyne.NewSize(800, 1000))
				v.SetDocument(text, hs, nil)
				if img := w.Canvas().Capture(); img.Bounds().Dx() < 800 {
					b.Fatal("nothing painted")
				}
				w.Close()
			}
		})
	}
}
