// Package agreementtest holds the hand-computed agreement figures of the
// team test data (testdata/team: three annotators' copies of four
// articles), so that every road to a report (the package itself, a merge
// of the annotators' files, the command line) is checked against the same
// numbers.
package agreementtest

import (
	"path/filepath"
	"runtime"
	"testing"

	"frametag/annotate/agreement"
)

// Dir is testdata/team in the repository.
func Dir() string {
	_, file, _, _ := runtime.Caller(0)
	return filepath.Join(filepath.Dir(file), "..", "..", "..", "testdata", "team")
}

// Want is a figure expected in a report: layer, label ("" all labels),
// measure and value; the hand computations are beside each line.
type Want struct {
	Layer, Label string
	Measure      agreement.Measure
	Value        float64
	Items        int
}

// TeamTwo are the figures of testdata/team for alice and bob, by hand.
var TeamTwo = []Want{
	// genre, 4 documents: (rep,rep) (op,rep) (op,op) (sat,sat); p_o = 3/4;
	// p_e = (1·2 + 2·1 + 1·1)/16 = 5/16; κ = (0.75 − 0.3125)/0.6875 = 0.636.
	{"genre", "", agreement.ObservedAgreement, 0.750, 4},
	{"genre", "", agreement.CohenKappa, 0.636, 4},
	// α: n = 8 (rep 3, op 3, sat 2), o(op,rep)+o(rep,op) = 2,
	// Σ_{c≠k} n_c n_k = 64 − 22 = 42; α = 1 − 7·2/42 = 0.667.
	{"genre", "", agreement.KrippendorffAlpha, 0.667, 4},
	// frames, 4 documents × 3 labels used = 12 yes/no units, 2 disagree
	// (d2 Economic, d3 Morality); each says yes 4 times:
	// p_e = (1/3)² + (2/3)² = 5/9; κ = (10/12 − 5/9)/(4/9) = 0.625;
	// α = 1 − 23·4/(2·8·16) = 0.641.
	{"frames", "", agreement.ObservedAgreement, 0.833, 12},
	{"frames", "", agreement.CohenKappa, 0.625, 12},
	{"frames", "", agreement.KrippendorffAlpha, 0.641, 12},
	// frames/Economic: (y,y) (y,n) (n,n) (n,n): p_o 0.75, p_e = ½·¼ + ½·¾ = ½, κ = 0.5.
	{"frames", "Economic", agreement.CohenKappa, 0.500, 4},
	// techniques, 4 documents (d4 empty for both):
	// overlap: d1 P num 0.8 + 0.5, R num 1 + 1 + 0.5 + 0 (S 2, T 4);
	// d2 identical (1, 1); d3 bob only (T 1). P = 2.3/3, R = 3.5/6,
	// F1 = 2PR/(P+R) = 0.663. Exact: one match (d2), P = 1/3, R = 1/6, F1 = 0.222.
	{"techniques", "", agreement.OverlapF1, 0.663, 4},
	{"techniques", "", agreement.ExactF1, 0.222, 4},
	// Doubt only: d1 P 0.5/1, R 0.5/2; d3 R 0/1. P = 0.5, R = 1/6, F1 = 0.25.
	{"techniques", "Doubt", agreement.OverlapF1, 0.250, 4},
	// α_U over the four articles end to end (278 positions): not by hand
	// but by a brute-force program of the same formulas (every pair of
	// segments, every gap; bruteAlphaU in annotate/agreement's tests, and
	// once in Python): 0.6725; Loaded_Language 0.7612, Doubt 0.5530.
	{"techniques", "", agreement.KrippendorffAlphaU, 0.673, 4},
	{"techniques", "Loaded_Language", agreement.KrippendorffAlphaU, 0.761, 4},
	{"techniques", "Doubt", agreement.KrippendorffAlphaU, 0.553, 4},
}

// TeamThree are the figures for alice, bob and carol, by hand (carol did
// not code d4).
var TeamThree = []Want{
	// genre, Fleiss over d1–d3 (all three coded): P_i = 1, 1/3, 1;
	// P̄ = 7/9; p(rep) = 4/9, p(op) = 5/9; P̄_e = 41/81; κ = 22/40 = 0.55.
	{"genre", "", agreement.FleissKappa, 0.550, 3},
	// α over d1–d4: n_rep = 4, n_op = 5, n_sat = 2, n = 11, disagreement 2,
	// Σ_{c≠k} n_c n_k = 121 − 45 = 76; α = 1 − 10·2/76 = 0.737.
	{"genre", "", agreement.KrippendorffAlpha, 0.737, 4},
	// observed: pairs agreeing per document 1, 1/3, 1, 1: mean 0.833.
	{"genre", "", agreement.ObservedAgreement, 0.833, 4},
	// techniques, mean of the three pairs' F1:
	// alice–bob 0.663 (above); alice–carol P = 1/3, R = 1/2, F1 = 0.4;
	// bob–carol P = 3/6, R = 1.8/2, F1 = 0.643. Mean 0.568.
	// Exact: 0.222, 0.4 (P 1/3, R 1/2), 0.25 (P 1/6, R 1/2): mean 0.291.
	{"techniques", "", agreement.OverlapF1, 0.568, 4 + 3 + 3},
	{"techniques", "", agreement.ExactF1, 0.291, 4 + 3 + 3},
	// α_U over d1–d3, the articles all three coded (brute force, as above):
	// 0.4502; Doubt 0.2805.
	{"techniques", "", agreement.KrippendorffAlphaU, 0.450, 3},
	{"techniques", "Doubt", agreement.KrippendorffAlphaU, 0.281, 3},
}

// Check compares a report with wanted figures.
func Check(t testing.TB, rep agreement.Report, want []Want) {
	t.Helper()
	for _, w := range want {
		var row *agreement.Row
		for li := range rep.Layers {
			l := &rep.Layers[li]
			if l.Layer != w.Layer {
				continue
			}
			if w.Label == "" {
				row = &l.All
			}
			for i := range l.Labels {
				if l.Labels[i].Label == w.Label {
					row = &l.Labels[i]
				}
			}
		}
		if row == nil {
			t.Errorf("%s/%s: no row", w.Layer, w.Label)
			continue
		}
		f, ok := row.Get(w.Measure)
		switch {
		case !ok || f.Value == nil:
			t.Errorf("%s/%s %s: no value (%+v)", w.Layer, w.Label, w.Measure, f)
		case *f.Value != w.Value || f.Items != w.Items:
			t.Errorf("%s/%s %s = %.3f over %d items, want %.3f over %d", w.Layer, w.Label, w.Measure, *f.Value, f.Items, w.Value, w.Items)
		}
	}
}
