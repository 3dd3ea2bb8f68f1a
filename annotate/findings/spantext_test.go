package findings

import (
	"testing"

	"frametag/annotate"
)

func TestSpanTextAgreesWithTextIndex(t *testing.T) {
	text := "Zürich 🇺🇦 said “we will never”, he said, \"recognise it\"\n"
	ix := annotate.NewTextIndex(text)
	n := ix.Len()
	for _, frags := range [][]annotate.Fragment{
		{{Start: 0, End: 6}}, {{Start: 7, End: 9}}, {{Start: 15, End: 31}, {Start: 42, End: 56}},
		{{Start: 0, End: n}}, {{Start: n - 1, End: n}}, {{Start: 3, End: n + 1}}, {{Start: 5, End: 9}, {Start: 2, End: 4}},
	} {
		want, err := ix.SpanText(frags)
		if err != nil || frags[len(frags)-1].Start < frags[0].Start {
			want = ""
		}
		if got := spanText(text, frags); got != want {
			t.Errorf("spanText(%v) = %q, want %q", frags, got, want)
		}
	}
}
