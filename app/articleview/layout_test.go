package articleview

import (
	"strings"
	"testing"

	"github.com/clipperhouse/uax29/v2/graphemes"
)

// tenPerCluster measures every grapheme cluster as 10 units wide, so that
// expected geometry can be worked out by hand.
func tenPerCluster(s string) float32 {
	n := 0
	it := graphemes.FromString(s)
	for it.Next() {
		n++
	}
	return float32(10 * n)
}

func testMetrics(width float32) Metrics {
	return Metrics{Width: width, LineHeight: 20, TextHeight: 14, LaneHeight: 5, BarHeight: 3,
		RowGap: 4, EmptyRow: 8, TabWidth: 40}
}

func lineTexts(text string, rl RowLayout) []string {
	rs := []rune(text)
	var out []string
	for _, ln := range rl.Lines {
		out = append(out, string(rs[ln.Start:ln.End]))
	}
	return out
}

func TestLayoutRowWraps(t *testing.T) {
	tests := []struct {
		name  string
		text  string
		width float32
		want  []string
	}{
		{"fits", "aaa bbb", 100, []string{"aaa bbb"}},
		{"wraps at spaces, spaces hang", "aaa bbb ccc", 70, []string{"aaa bbb ", "ccc"}},
		{"punctuation stays with its word", "aa bb, cc", 55, []string{"aa ", "bb, ", "cc"}},
		{"breaks after a dash", "aaaa—bbbb", 60, []string{"aaaa—", "bbbb"}},
		{"a word wider than the column is cut", "abcdefghij", 35, []string{"abc", "def", "ghi", "j"}},
		{"a flag is never cut", "ab🇺🇦cd", 30, []string{"ab🇺🇦", "cd"}},
		{"curly quotes and apostrophes", "“we’ll win” today", 110, []string{"“we’ll win” ", "today"}},
		{"empty row", "", 100, []string{""}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			rl := LayoutRow(tc.text, nil, testMetrics(tc.width), tenPerCluster)
			got := lineTexts(tc.text, rl)
			if strings.Join(got, "|") != strings.Join(tc.want, "|") {
				t.Errorf("lines = %q, want %q", got, tc.want)
			}
			if rl.Len != len([]rune(tc.text)) {
				t.Errorf("Len = %d, want %d", rl.Len, len([]rune(tc.text)))
			}
		})
	}
}

func TestLayoutRowCarriageReturnIsCountedNotDrawn(t *testing.T) {
	rl := LayoutRow("ab cd\r", nil, testMetrics(200), tenPerCluster)
	if rl.Len != 6 {
		t.Fatalf("Len = %d, want 6 (the \\r counts)", rl.Len)
	}
	ln := rl.Lines[0]
	var drawn []string
	for _, r := range ln.Runs {
		drawn = append(drawn, r.Text)
	}
	if strings.Join(drawn, "|") != "ab|cd" {
		t.Errorf("runs = %q, want [ab cd]", drawn)
	}
	if ln.XOf(5) != ln.XOf(6) {
		t.Errorf("\\r has width %v", ln.XOf(6)-ln.XOf(5))
	}
	// a click past the end lands before the \r, so a selection never
	// swallows it by accident
	if got := rl.OffsetAt(500, 5); got != 5 {
		t.Errorf("OffsetAt(past end) = %d, want 5", got)
	}
}

func TestLayoutRowHitTestRoundTrip(t *testing.T) {
	texts := []string{
		"He said “we’ll win 🇺🇦 soon” today, and the crowd cheered loudly.",
		"e\u0301te\u0301 👩‍👩‍👧 family\ttab",
		"short",
	}
	for _, text := range texts {
		for _, width := range []float32{60, 150, 1000} {
			rl := LayoutRow(text, nil, testMetrics(width), tenPerCluster)
			seen := map[int]bool{}
			for _, ln := range rl.Lines {
				for _, b := range ln.Bounds {
					if seen[b] {
						continue
					}
					seen[b] = true
					x, y := rl.Position(b)
					if got := rl.OffsetAt(x+0.5, y+10); got != b {
						t.Errorf("%q width %v: offset %d -> (%v,%v) -> %d", text, width, b, x, y, got)
					}
				}
			}
			// every boundary of the text is reachable, and nothing inside a cluster is
			var want []int
			cp := 0
			want = append(want, 0)
			it := graphemes.FromString(text)
			for it.Next() {
				cp += len([]rune(it.Value()))
				want = append(want, cp)
			}
			if len(seen) != len(want) {
				t.Errorf("%q width %v: %d boundaries, want %d", text, width, len(seen), len(want))
			}
			for _, b := range want {
				if !seen[b] {
					t.Errorf("%q width %v: boundary %d missing", text, width, b)
				}
			}
		}
	}
}

func TestLayoutRowLanes(t *testing.T) {
	text := "alpha beta gamma delta" // a=0..5 b=6..10 g=11..16 d=17..22
	tests := []struct {
		name      string
		spans     []RowSpan
		wantLanes int
		wantLane  map[int]int // key -> lane of its first bar
		joins     int
	}{
		{"one span", []RowSpan{{Key: 1, Frags: [][2]int{{0, 5}}}}, 1, map[int]int{1: 0}, 0},
		{"overlapping spans stack", []RowSpan{
			{Key: 1, Frags: [][2]int{{0, 10}}},
			{Key: 2, Frags: [][2]int{{6, 16}}},
		}, 2, map[int]int{1: 0, 2: 1}, 0},
		{"nested: the outer one nearest the text", []RowSpan{
			{Key: 2, Frags: [][2]int{{6, 10}}},
			{Key: 1, Frags: [][2]int{{0, 22}}},
		}, 2, map[int]int{1: 0, 2: 1}, 0},
		{"adjacent spans share a lane", []RowSpan{
			{Key: 1, Frags: [][2]int{{0, 5}}},
			{Key: 2, Frags: [][2]int{{5, 10}}},
		}, 1, map[int]int{1: 0, 2: 0}, 0},
		{"discontinuous span: one lane, joined", []RowSpan{
			{Key: 1, Frags: [][2]int{{0, 5}, {11, 16}}},
			{Key: 2, Frags: [][2]int{{6, 10}}},
		}, 2, map[int]int{1: 0, 2: 1}, 1},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			rl := LayoutRow(text, tc.spans, testMetrics(1000), tenPerCluster)
			if rl.Lines[0].Lanes != tc.wantLanes {
				t.Errorf("lanes = %d, want %d", rl.Lines[0].Lanes, tc.wantLanes)
			}
			if want := 20 + float32(tc.wantLanes)*5; rl.Lines[0].Height != want {
				t.Errorf("line height = %v, want %v", rl.Lines[0].Height, want)
			}
			joins := 0
			got := map[int]int{}
			for _, b := range rl.Bars {
				if b.Join {
					joins++
					continue
				}
				if _, ok := got[b.Key]; !ok {
					got[b.Key] = b.Lane
				}
			}
			for k, lane := range tc.wantLane {
				if got[k] != lane {
					t.Errorf("span %d in lane %d, want %d", k, got[k], lane)
				}
			}
			if joins != tc.joins {
				t.Errorf("%d join bars, want %d", joins, tc.joins)
			}
			// every bar is hit where it is drawn
			m := testMetrics(1000)
			for _, b := range rl.Bars {
				if b.Join {
					continue
				}
				y := rl.Lines[b.Line].Y + m.LanesTop() + float32(b.Lane)*m.LaneHeight + 1
				if k, ok := rl.BarAt((b.X0+b.X1)/2, y, m); !ok || k != b.Key {
					t.Errorf("BarAt middle of span %d's bar = %d, %v", b.Key, k, ok)
				}
			}
		})
	}
}

func TestLayoutRowSpanAcrossWrappedLines(t *testing.T) {
	text := "aaa bbb ccc"
	rl := LayoutRow(text, []RowSpan{{Key: 7, Frags: [][2]int{{4, 11}}}}, testMetrics(70), tenPerCluster)
	if len(rl.Lines) != 2 {
		t.Fatalf("%d lines, want 2", len(rl.Lines))
	}
	lines := map[int]bool{}
	for _, b := range rl.Bars {
		lines[b.Line] = true
	}
	if !lines[0] || !lines[1] {
		t.Errorf("bars on lines %v, want both", lines)
	}
	if rl.Height != rl.Lines[0].Height+rl.Lines[1].Height+4 {
		t.Errorf("row height %v does not add up", rl.Height)
	}
}
