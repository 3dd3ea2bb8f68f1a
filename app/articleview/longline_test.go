package articleview

import (
	"image/color"
	"strings"
	"testing"
	"unicode/utf8"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"github.com/clipperhouse/uax29/v2/graphemes"
	"github.com/clipperhouse/uax29/v2/words"

	"frametag/annotate"
)

// oneParagraph is a text without a "\n", several rows long: sentences with
// emoji flags, Cyrillic with combining accents and CRLF-free punctuation,
// and in the middle a stretch of 6,000 code points without whitespace
// (decomposed accented letters and flags), where the rows must be cut at
// grapheme boundaries.
func oneParagraph() string {
	var b strings.Builder
	for b.Len() < 40_000 {
		b.WriteString("The minister said “we’ll win 🇺🇦 soon”, and Приве́т, ми́р — critics answered ")
	}
	for range 1000 {
		b.WriteString("е́🇺🇦ab") // 6 code points, 4 clusters
	}
	for b.Len() < 100_000 {
		b.WriteString(" Sanctions were a “diabolical scheme”, officials said in Kyiv on Tuesday.")
	}
	return b.String()
}

// TestLongLineIsCutIntoBoundedRows checks the cutting itself: every row of a
// one-paragraph text holds at most maxRowRunes code points, the rows put
// together are the text, each cut falls on a grapheme boundary, and where the
// text has whitespace near the bound, on a word boundary after it.
func TestLongLineIsCutIntoBoundedRows(t *testing.T) {
	for _, tc := range []struct {
		name string
		text string
	}{
		{"one paragraph", oneParagraph()},
		{"paragraphs with a long one between", "Short first line.\r\n" + oneParagraph() + "\nlast"},
		{"one grapheme cluster too long for a row", "a" + strings.Repeat("\u0301", maxRowRunes+10) + " b"},
		{"exactly the bound", strings.Repeat("x", maxRowRunes)},
	} {
		t.Run(tc.name, func(t *testing.T) {
			d := newDocument(tc.text, testMetrics(600), tenPerCluster, 10)
			splitAll(d)
			var joined strings.Builder
			gb := boundarySet(tc.text, true)
			wb := boundarySet(tc.text, false)
			for i, r := range d.rows {
				if r.n > maxRowRunes {
					t.Errorf("row %d holds %d code points", i, r.n)
				}
				if got := utf8.RuneCountInString(d.rowText(i)); got != r.n {
					t.Errorf("row %d: n=%d, text has %d", i, r.n, got)
				}
				joined.WriteString(d.rowText(i))
				if !r.soft {
					if i < len(d.rows)-1 {
						joined.WriteByte('\n')
					}
					continue
				}
				if d.rows[i+1].start != d.rowEnd(i) {
					t.Errorf("row %d ends at %d, the next starts at %d", i, d.rowEnd(i), d.rows[i+1].start)
				}
				cut := r.b1
				if !gb[cut] && tc.name != "one grapheme cluster too long for a row" {
					t.Errorf("row %d is cut inside a grapheme cluster (byte %d)", i, cut)
				}
				if ws := strings.ContainsAny(d.rowText(i)[len(d.rowText(i))*3/4:], " "); ws && !wb[cut] {
					t.Errorf("row %d is cut inside a word though it has spaces: …%q|%q…", i, tail(d.rowText(i)), d.text[cut:cut+8])
				}
			}
			if joined.String() != tc.text {
				t.Error("the rows put together differ from the text")
			}
			if d.total != utf8.RuneCountInString(tc.text) {
				t.Errorf("total %d, want %d", d.total, utf8.RuneCountInString(tc.text))
			}
		})
	}
}

func tail(s string) string { return s[max(0, len(s)-8):] }

// boundarySet lists the byte offsets of the text's grapheme (or word)
// boundaries, as UAX #29 finds them over the whole text.
func boundarySet(text string, graphemeNotWord bool) map[int]bool {
	out := map[int]bool{0: true}
	if graphemeNotWord {
		it := graphemes.FromString(text)
		for it.Next() {
			out[it.End()] = true
		}
		return out
	}
	it := words.FromString(text)
	for it.Next() {
		out[it.End()] = true
	}
	return out
}

// TestOneParagraphKeepsOffsetsExact works a one-paragraph article through the
// view across its row cuts: hit-testing, a word-snapped drag from one row to
// the next, stepping by graphemes and words over a cut, a highlight and a find
// hit spanning a cut (drawn on both rows), and scrolling to the end.
func TestOneParagraphKeepsOffsetsExact(t *testing.T) {
	text := oneParagraph()
	ix := annotate.NewTextIndex(text)
	d := newDocument(text, testMetrics(600), tenPerCluster, 10)
	splitAll(d)
	var cuts []int // code point offsets where a soft row ends, in the sentences
	inWord := -1   // a cut in the stretch without whitespace
	for i, r := range d.rows {
		switch {
		case !r.soft:
		case d.rowEnd(i) < 30_000:
			cuts = append(cuts, d.rowEnd(i))
		case inWord < 0 && !strings.HasSuffix(d.rowText(i), " "):
			inWord = d.rowEnd(i)
		}
	}
	if inWord < 0 {
		t.Fatal("no row cut inside the stretch without whitespace")
	}
	if len(cuts) < 3 {
		t.Fatalf("%d cuts in the first 30,000 code points, want several", len(cuts))
	}
	cut := cuts[1]
	across := Highlight{ID: "across", Fragments: []annotate.Fragment{{Start: cut - 20, End: cut + 20}}, Color: color.Black}
	v, _ := newTestView(t, text, []Highlight{across}, nil, fyne.NewSize(700, 500))

	t.Run("hit-testing round-trips at and around the cut", func(t *testing.T) {
		v.ScrollToOffset(cut)
		for cp := cut - 3; cp <= cut+3; cp++ {
			if !graphemeStart(v.doc, cp) {
				continue
			}
			if got := v.offsetAt(at(v, cp, 0.5)); got != cp {
				t.Errorf("pointer at offset %d lands on %d", cp, got)
			}
		}
	})

	t.Run("a drag over the cut snaps to whole words", func(t *testing.T) {
		var rec recorder
		rec.attach(v)
		v.ScrollToOffset(cut)
		press(v, at(v, cut-6, 0), at(v, cut+4, 0), 0)
		s, e := rec.lastSelection(t)
		got, _ := ix.Slice(s, e)
		if s >= cut || e <= cut || strings.HasPrefix(got, " ") || strings.HasSuffix(got, " ") {
			t.Fatalf("selected [%d,%d) %q, want words on both sides of the cut at %d", s, e, got, cut)
		}
		ws, we, _ := v.doc.wordAt(s)
		if ws != s || we > e {
			t.Errorf("selection starts inside a word: [%d,%d) word [%d,%d)", s, e, ws, we)
		}
		if want := strings.Fields(got); len(want) < 2 {
			t.Errorf("selected %q, want at least two words", got)
		}
	})

	t.Run("stepping over the cut", func(t *testing.T) {
		// graphemes: forward then back visits every boundary of the text
		// around a cut exactly, in the sentences and inside the stretch
		// without whitespace (decomposed letters and flags)
		gb := boundarySet(text, true)
		for _, c := range []int{cut, inWord} {
			var want []int
			b0, _ := ix.Byte(c - 50)
			for cp, b := c-50, b0; cp <= c+50; cp++ {
				if gb[b] {
					want = append(want, cp)
				}
				_, size := utf8.DecodeRuneInString(text[b:])
				b += size
			}
			got := []int{want[0]}
			for cp := want[0]; cp < want[len(want)-1]; {
				cp = v.Boundary(cp, 1, true, false)
				got = append(got, cp)
			}
			if !equalInts(got, want) {
				t.Fatalf("forward steps around %d: %v, want %v", c, got, want)
			}
			for i := len(want) - 1; i > 0; i-- {
				if p := v.Boundary(want[i], -1, true, false); p != want[i-1] {
					t.Fatalf("back from %d to %d, want %d", want[i], p, want[i-1])
				}
			}
		}
		// words: the next word's end after the cut's last word starts
		if e := v.Boundary(cut-1, 1, false, false); e <= cut {
			t.Errorf("next word end from %d is %d, want past the cut %d", cut-1, e, cut)
		}
		if s := v.Boundary(cut+1, -1, false, true); s != cut {
			t.Errorf("previous word start from %d is %d, want the cut %d (a word starts there)", cut+1, s, cut)
		}
	})

	t.Run("a highlight and a find hit over the cut are drawn on both rows", func(t *testing.T) {
		v.SetFound([]annotate.Fragment{{Start: cut - 5, End: cut + 5}})
		v.ScrollToOffset(cut)
		a, b := v.doc.rowsOf(cut-20, cut+20)
		if b-a != 2 {
			t.Fatalf("the span touches rows [%d,%d), want two", a, b)
		}
		k, _ := v.doc.key("across")
		for i := a; i < b; i++ {
			lay := v.doc.layout(i)
			var w float32
			for _, bar := range lay.Bars {
				if bar.Key == k {
					w += bar.X1 - bar.X0
				}
			}
			if w <= 0 {
				t.Errorf("row %d draws no bar of the span", i)
			}
			if marks := test.WidgetRenderer(v).(*viewRenderer).foundMarks(v.doc.rows[i].start, v.doc.rows[i].n, lay); len(marks) == 0 {
				t.Errorf("row %d tints no part of the find hit", i)
			}
		}
		if got := v.highlightAt(at(v, cut+2, 1), false); got != "across" {
			t.Errorf("click just after the cut finds %q", got)
		}
		if got := v.highlightAt(at(v, cut-3, 1), false); got != "across" {
			t.Errorf("click just before the cut finds %q", got)
		}
	})

	t.Run("scrolling to the end", func(t *testing.T) {
		end := ix.Len() - 5
		v.ScrollToOffset(end)
		p := v.PositionOf(end)
		if p.Y < 0 || p.Y > v.Size().Height {
			t.Errorf("after ScrollToOffset(%d) it is at y=%v, outside the view", end, p.Y)
		}
		if got := v.offsetAt(at(v, end, 0.5)); got != end {
			t.Errorf("pointer at %d near the end lands on %d", end, got)
		}
		if v.offsetY+v.Size().Height > v.contentHeight()+1 {
			t.Errorf("scrolled past the end: offset %v + %v > %v", v.offsetY, v.Size().Height, v.contentHeight())
		}
	})
}

func graphemeStart(d *document, cp int) bool { return d.clampToGraphemes(cp) == cp }

func equalInts(a, b []int) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}
