package agreement

import (
	"math"
	"strconv"
	"testing"
)

// krippendorff2011 is the reliability data of Krippendorff (2011),
// "Computing Krippendorff's Alpha-Reliability", section C (nominal data,
// 4 observers × 12 units, missing values): α = 0.743.
func krippendorff2011() Data {
	const x = Missing
	rows := [4][12]string{
		{"1", "2", "3", "3", "2", "1", "4", "1", "2", x, x, x},
		{"1", "2", "3", "3", "2", "2", "4", "1", "2", "5", x, "3"},
		{x, "3", "3", "3", "2", "3", "4", "2", "2", "5", "1", x},
		{"1", "2", "3", "3", "2", "4", "4", "1", "2", "5", "1", x},
	}
	d := make(Data, 12)
	for u := range d {
		for c := range rows {
			d[u] = append(d[u], rows[c][u])
		}
	}
	return d
}

// fleiss1971 is the worked example of Fleiss' κ on Wikipedia ("Fleiss'
// kappa", worked example): 10 subjects, 14 raters, 5 categories, given as
// how many raters chose each category; P̄ = 0.378, P̄_e = 0.213, κ = 0.210.
func fleiss1971() Data {
	counts := [10][5]int{
		{0, 0, 0, 0, 14},
		{0, 2, 6, 4, 2},
		{0, 0, 3, 5, 6},
		{0, 3, 9, 2, 0},
		{2, 2, 8, 1, 1},
		{7, 7, 0, 0, 0},
		{3, 2, 6, 3, 0},
		{2, 5, 3, 2, 2},
		{6, 5, 2, 1, 0},
		{0, 2, 2, 3, 7},
	}
	return fromCounts(counts[:])
}

// fromCounts spreads category counts over raters: rater identity does not
// matter to Fleiss' κ or α.
func fromCounts(counts [][5]int) Data {
	var d Data
	for _, row := range counts {
		var unit []string
		for cat, n := range row {
			for range n {
				unit = append(unit, strconv.Itoa(cat+1))
			}
		}
		d = append(d, unit)
	}
	return d
}

// twoByTwo is two raters' yes/no decisions from a 2×2 table: yy both yes,
// yn A yes and B no, ny A no and B yes, nn both no.
func twoByTwo(yy, yn, ny, nn int) (a, b []string) {
	add := func(n int, x, y string) {
		for range n {
			a, b = append(a, x), append(b, y)
		}
	}
	add(yy, "yes", "yes")
	add(yn, "yes", "no")
	add(ny, "no", "yes")
	add(nn, "no", "no")
	return a, b
}

func pair(a, b []string) Data {
	d := make(Data, len(a))
	for i := range a {
		d[i] = []string{a[i], b[i]}
	}
	return d
}

func round3(x float64) float64 { return math.Round(x*1000) / 1000 }

func TestWorkedExamples(t *testing.T) {
	grantA, grantB := twoByTwo(20, 5, 10, 15)
	paradox1A, paradox1B := twoByTwo(45, 15, 25, 15)
	paradox2A, paradox2B := twoByTwo(25, 35, 5, 35)
	tests := []struct {
		name  string
		got   Estimate
		want  float64
		units int
	}{
		// Krippendorff (2011): α = 0.743, 9 pairable units... 11 units have
		// two values or more (unit 12 has one), n = 40 pairable values.
		{"Krippendorff 2011 nominal α", Alpha(krippendorff2011()), 0.743, 11},
		{"Fleiss 1971 (Wikipedia) κ", Fleiss(fleiss1971()), 0.210, 10},
		{"Fleiss 1971 (Wikipedia) P̄", Observed(fleiss1971()), 0.378, 10},
		// Wikipedia, "Cohen's kappa", simple example: 50 grant proposals,
		// p_o = 0.7, p_e = 0.5, κ = 0.4.
		{"Cohen: grant proposals κ", Cohen(grantA, grantB), 0.400, 50},
		{"Cohen: grant proposals p_o", Observed(pair(grantA, grantB)), 0.700, 50},
		// Wikipedia, "Cohen's kappa", same p_o = 0.6, different marginals:
		// κ = 0.1304 and 0.2593.
		{"Cohen: marginals 1", Cohen(paradox1A, paradox1B), 0.130, 100},
		{"Cohen: marginals 2", Cohen(paradox2A, paradox2B), 0.259, 100},
	}
	for _, tt := range tests {
		if !tt.got.Defined {
			t.Errorf("%s: undefined", tt.name)
			continue
		}
		if got := round3(tt.got.Value); got != tt.want {
			t.Errorf("%s = %.4f, want %.3f", tt.name, tt.got.Value, tt.want)
		}
		if tt.got.Units != tt.units {
			t.Errorf("%s: %d units, want %d", tt.name, tt.got.Units, tt.units)
		}
	}
	if a := Alpha(krippendorff2011()); a.Values != 40 {
		t.Errorf("Krippendorff 2011: n = %d pairable values, want 40", a.Values)
	}
}

func TestDegenerate(t *testing.T) {
	tests := []struct {
		name string
		got  Estimate
	}{
		{"α with no unit coded twice", Alpha(Data{{"a", Missing}, {Missing, "b"}})},
		{"α with one value only", Alpha(Data{{"a", "a"}, {"a", "a"}})},
		{"Fleiss with one value only", Fleiss(Data{{"a", "a", "a"}})},
		{"Fleiss with no complete unit", Fleiss(Data{{"a", Missing, "a"}})},
		{"Cohen with no common unit", Cohen([]string{"a", Missing}, []string{Missing, "b"})},
		{"Cohen with one value only", Cohen([]string{"a", "a"}, []string{"a", "a"})},
		{"observed with nothing", Observed(nil)},
	}
	for _, tt := range tests {
		if tt.got.Defined {
			t.Errorf("%s: defined as %v", tt.name, tt.got.Value)
		}
	}
	// Perfect agreement with variation is 1 everywhere.
	d := Data{{"a", "a"}, {"b", "b"}, {"a", "a"}}
	for name, e := range map[string]Estimate{"α": Alpha(d), "Fleiss": Fleiss(d), "Cohen": Cohen(d.Column(0), d.Column(1)), "observed": Observed(d)} {
		if !e.Defined || e.Value != 1 {
			t.Errorf("%s on perfect agreement = %v (defined %v), want 1", name, e.Value, e.Defined)
		}
	}
	// The kappa paradox: 90% agreement, κ below zero, the top value's share said.
	a, b := twoByTwo(0, 5, 5, 90)
	k := Cohen(a, b)
	if !k.Defined || k.Value >= 0 || k.Top != "no" || round3(k.TopShare) != 0.950 {
		t.Errorf("paradox: κ = %v, top %q %.3f", k.Value, k.Top, k.TopShare)
	}
}
