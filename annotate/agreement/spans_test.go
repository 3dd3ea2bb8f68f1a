package agreement

import (
	"testing"

	"frametag/annotate"
)

// sp is a span of label over fragments given as start, end, start, end...
func sp(label string, bounds ...int) annotate.Span {
	s := annotate.Span{Label: label}
	for i := 0; i+1 < len(bounds); i += 2 {
		s.Fragments = append(s.Fragments, annotate.Fragment{Start: bounds[i], End: bounds[i+1]})
	}
	return s
}

func spans(s ...annotate.Span) []annotate.Span { return s }

// Hand-computed cases of the PTC partial-overlap measure and exact match.
func TestSpanScores(t *testing.T) {
	tests := []struct {
		name               string
		s, t               []annotate.Span
		label              string // "": all labels
		p, r, f1           float64
		exactP, exactR, ef float64
	}{
		{"half overlap", spans(sp("L", 0, 10)), spans(sp("L", 5, 15)), "",
			0.5, 0.5, 0.5, 0, 0, 0},
		{"identical", spans(sp("L", 0, 10)), spans(sp("L", 0, 10)), "",
			1, 1, 1, 1, 1, 1},
		{"label must match", spans(sp("L", 0, 10)), spans(sp("D", 0, 10)), "",
			0, 0, 0, 0, 0, 0},
		// S: L[0,10) D[20,30); T: L[0,4) L[6,10) D[25,35) D[40,45).
		// P = (4/10 + 4/10 + 5/10)/2 = 0.65; R = (1 + 1 + 0.5 + 0)/4 = 0.625.
		{"two labels", spans(sp("L", 0, 10), sp("D", 20, 30)),
			spans(sp("L", 0, 4), sp("L", 6, 10), sp("D", 25, 35), sp("D", 40, 45)), "",
			0.65, 0.625, 0.637, 0, 0, 0},
		// Only L: P = 0.8/1, R = 2/2.
		{"per label", spans(sp("L", 0, 10), sp("D", 20, 30)),
			spans(sp("L", 0, 4), sp("L", 6, 10), sp("D", 25, 35), sp("D", 40, 45)), "L",
			0.8, 1, 0.889, 0, 0, 0},
		// Overlapping spans of one label by one annotator are merged first:
		// [0,6) ∪ [4,10) = [0,10).
		{"merged before scoring", spans(sp("L", 0, 10)), spans(sp("L", 0, 6), sp("L", 4, 10)), "",
			1, 1, 1, 0, 0, 0}, // exact match does not merge
		// A discontinuous span counts its positions only: |s| = 6.
		{"discontinuous", spans(sp("L", 0, 3, 7, 10)), spans(sp("L", 0, 10)), "",
			1, 0.6, 0.75, 0, 0, 0},
		{"one side empty", spans(sp("L", 0, 10)), nil, "",
			0, 0, 0, 0, 0, 0},
	}
	for _, tt := range tests {
		s, u := only(tt.s, tt.label), only(tt.t, tt.label)
		p, r, f1, ok := OverlapCounts(s, u).Score()
		if !ok || round3(p) != tt.p || round3(r) != tt.r || round3(f1) != tt.f1 {
			t.Errorf("%s: overlap P/R/F1 = %.3f/%.3f/%.3f (ok %v), want %.3f/%.3f/%.3f", tt.name, p, r, f1, ok, tt.p, tt.r, tt.f1)
		}
		// Swapping the annotators swaps P and R and keeps F1.
		if p2, r2, f2, _ := OverlapCounts(u, s).Score(); round3(p2) != tt.r || round3(r2) != tt.p || round3(f2) != tt.f1 {
			t.Errorf("%s swapped: overlap P/R/F1 = %.3f/%.3f/%.3f", tt.name, p2, r2, f2)
		}
		p, r, f1, _ = ExactCounts(s, u).Score()
		if round3(p) != tt.exactP || round3(r) != tt.exactR || round3(f1) != tt.ef {
			t.Errorf("%s: exact P/R/F1 = %.3f/%.3f/%.3f, want %.3f/%.3f/%.3f", tt.name, p, r, f1, tt.exactP, tt.exactR, tt.ef)
		}
	}
	if _, _, _, ok := OverlapCounts(nil, nil).Score(); ok {
		t.Errorf("both empty: a figure, want none")
	}
}

func only(sps []annotate.Span, label string) []annotate.Span {
	if label == "" {
		return sps
	}
	var out []annotate.Span
	for _, s := range sps {
		if s.Label == label {
			out = append(out, s)
		}
	}
	return out
}
