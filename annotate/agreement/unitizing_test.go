package agreement

import (
	"math"
	"math/rand/v2"
	"testing"
)

// krippendorff2004U is the unitizing example of Krippendorff (2004),
// Content Analysis, 2nd ed., p. 254: two observers on the continuum
// [150, 450), categories c and k (positions shifted to start at 0).
// Published: α_U = 0.8591; c: D_o = 0.0144, D_e = 0.0532, α_c = 0.7286;
// k: D_o = 0, D_e = 0.0490, α_k = 1.
func krippendorff2004U() Continuum {
	u := func(o int, cat string, begin, length int) Unit { return Unit{o, cat, begin - 150, length} }
	return Continuum{Length: 300, Observers: 2, Units: []Unit{
		u(0, "c", 225, 70), u(0, "c", 370, 30),
		u(1, "c", 220, 80), u(1, "c", 355, 20), u(1, "c", 400, 20),
		u(0, "k", 180, 60), u(0, "k", 300, 50),
		u(1, "k", 180, 60), u(1, "k", 300, 50),
	}}
}

// krippendorff1995U is the example of Krippendorff (1995), p. 57: two
// observers on 24 positions, four categories, each a different kind of
// disagreement, stretched by a factor (a longer continuum with the same
// pattern).
func krippendorff1995U(stretch float64) Continuum {
	s := func(x int) int { return int(float64(x) * stretch) }
	u := func(o int, cat string, begin, length int) Unit { return Unit{o, cat, s(begin), s(length)} }
	return Continuum{Length: s(24), Observers: 2, Units: []Unit{
		u(0, "A", 2, 8), u(0, "A", 14, 6), u(1, "A", 4, 4), u(1, "A", 15, 2),
		u(0, "B", 0, 18), u(1, "B", 0, 2), u(1, "B", 2, 1), u(1, "B", 3, 1), u(1, "B", 4, 1), u(1, "B", 5, 1),
		u(1, "B", 6, 3), u(1, "B", 9, 1),
		u(0, "C", 2, 6), u(0, "C", 10, 2), u(0, "C", 14, 4), u(0, "C", 20, 2),
		u(1, "C", 0, 2), u(1, "C", 4, 4), u(1, "C", 10, 4), u(1, "C", 16, 2), u(1, "C", 20, 2),
		u(0, "D", 0, 2), u(0, "D", 2, 8), u(0, "D", 10, 4), u(0, "D", 14, 6), u(0, "D", 20, 4),
		u(1, "D", 0, 4), u(1, "D", 4, 4), u(1, "D", 8, 7), u(1, "D", 15, 2), u(1, "D", 17, 7),
	}}
}

func near(got, want, tol float64) bool { return math.Abs(got-want) <= tol }

func TestAlphaUKrippendorff2004(t *testing.T) {
	all, per := AlphaU(krippendorff2004U())
	c, k := per["c"], per["k"]
	if !near(c.Do, 0.0144, 0.0001) || !near(c.De, 0.0532, 0.0001) || !near(c.Value, 0.7286, 0.0001) {
		t.Errorf("c: D_o %.4f D_e %.4f α %.4f, want 0.0144 0.0532 0.7286", c.Do, c.De, c.Value)
	}
	if k.Do != 0 || !near(k.De, 0.0490, 0.0001) || k.Value != 1 {
		t.Errorf("k: D_o %.4f D_e %.4f α %.4f, want 0 0.0490 1", k.Do, k.De, k.Value)
	}
	if !all.Defined || !near(all.Value, 0.8591, 0.0005) {
		t.Errorf("α_U = %.4f, want 0.8591", all.Value)
	}
}

// The 1995 paper's observed disagreements are exact; its expected ones
// (and so α) hold for a long continuum (the paper's D_e has a small error,
// as DKPro's authors note), so they are checked stretched and within 0.02.
func TestAlphaUKrippendorff1995(t *testing.T) {
	_, per := AlphaU(krippendorff1995U(1))
	for cat, want := range map[string]float64{"A": 0.03125, "B": 2.26736, "C": 0.02777, "D": 0.38715} {
		if !near(per[cat].Do, want, 0.00001) {
			t.Errorf("%s: D_o = %.5f, want %.5f", cat, per[cat].Do, want)
		}
	}
	_, per = AlphaU(krippendorff1995U(50000))
	for cat, want := range map[string][2]float64{"A": {0.06990, 0.553}, "B": {1.17731, -0.926}, "C": {0.08642, 0.679}, "D": {0.41445, 0.066}} {
		if !near(per[cat].De, want[0], 0.005) || !near(per[cat].Value, want[1], 0.02) {
			t.Errorf("%s: D_e = %.5f, α = %.3f, want %.5f, %.3f", cat, per[cat].De, per[cat].Value, want[0], want[1])
		}
	}
	// C stretched: α_C grows with the continuum towards 0.679.
	for _, tt := range []struct{ stretch, want float64 }{{0.5, 0.494}, {5, 0.663}, {50, 0.677}} {
		if _, per := AlphaU(krippendorff1995U(tt.stretch)); !near(per["C"].Value, tt.want, 0.02) {
			t.Errorf("C stretched %v: α = %.3f, want %.3f", tt.stretch, per["C"].Value, tt.want)
		}
	}
}

func TestAlphaUEdges(t *testing.T) {
	// Identical unitizing: α_U = 1.
	same := Continuum{Length: 100, Observers: 3, Units: []Unit{{0, "x", 10, 20}, {1, "x", 10, 20}, {2, "x", 10, 20}, {0, "y", 50, 5}, {1, "y", 50, 5}, {2, "y", 50, 5}}}
	if all, _ := AlphaU(same); !all.Defined || all.Value != 1 {
		t.Errorf("identical: %+v", all)
	}
	// No units: undefined.
	if all, _ := AlphaU(Continuum{Length: 10, Observers: 2}); all.Defined {
		t.Errorf("no units: %+v", all)
	}
	// One observer's overlapping units of a category count as their union.
	a, _ := AlphaU(Continuum{Length: 100, Observers: 2, Units: []Unit{{0, "x", 10, 10}, {0, "x", 15, 15}, {1, "x", 10, 20}}})
	if !a.Defined || a.Value != 1 {
		t.Errorf("merged overlap: %+v", a)
	}
}

// bruteAlphaU is α_U straight from the formulas, written apart from AlphaU:
// positions marked per observer and category, segments read off them,
// every pair of segments compared, every gap summed.
func bruteAlphaU(c Continuum) (float64, bool) {
	type seg struct {
		b, e int
		unit bool
	}
	cats := map[string]bool{}
	for _, u := range c.Units {
		if u.Len > 0 {
			cats[u.Category] = true
		}
	}
	var sumDo, sumDe float64
	L, m := float64(c.Length), c.Observers
	for cat := range cats {
		segs := make([][]seg, m)
		for o := range m {
			// A position is marked when a unit covers it; two marked
			// neighbours are one unit when some unit covers both
			// (overlapping units merge, touching ones stay apart).
			marked := make([]bool, c.Length)
			joined := make([]bool, c.Length) // joined[p]: p-1 and p in one unit
			for _, u := range c.Units {
				if u.Observer != o || u.Category != cat {
					continue
				}
				for p := u.Begin; p < u.Begin+u.Len; p++ {
					marked[p] = true
					if p > u.Begin {
						joined[p] = true
					}
				}
			}
			for p := 0; p < c.Length; {
				q := p + 1
				for q < c.Length && marked[q] == marked[p] && (!marked[q] || joined[q]) {
					q++
				}
				segs[o] = append(segs[o], seg{p, q, marked[p]})
				p = q
			}
		}
		var d float64
		for i := range m {
			for j := i + 1; j < m; j++ {
				for _, g := range segs[i] {
					for _, h := range segs[j] {
						switch {
						case g.unit && h.unit && g.b < h.e && h.b < g.e:
							d += float64((g.b-h.b)*(g.b-h.b) + (g.e-h.e)*(g.e-h.e))
						case g.unit && !h.unit && h.b <= g.b && g.e <= h.e:
							d += float64((g.e - g.b) * (g.e - g.b))
						case !g.unit && h.unit && g.b <= h.b && h.e <= g.e:
							d += float64((h.e - h.b) * (h.e - h.b))
						}
					}
				}
			}
		}
		do := 2 * d / (float64(m*(m-1)) * L * L)
		var units, gaps []float64
		for _, s := range segs {
			for _, g := range s {
				if g.unit {
					units = append(units, float64(g.e-g.b))
				} else {
					gaps = append(gaps, float64(g.e-g.b))
				}
			}
		}
		n := float64(len(units))
		var num, sq float64
		for _, l := range units {
			fit := 0.0
			for _, g := range gaps {
				if g >= l {
					fit += g - l + 1
				}
			}
			num += (n-1)*(2*l*l*l-3*l*l+l)/3 + l*l*fit
			sq += l * (l - 1)
		}
		sumDo += do
		sumDe += 2 / L * num / (float64(m)*L*(float64(m)*L-1) - sq)
	}
	if sumDe == 0 {
		return 0, false
	}
	return 1 - sumDo/sumDe, true
}

// AlphaU agrees with the brute force on random unitizings.
func TestAlphaUMatchesBruteForce(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for n := range 300 {
		c := Continuum{Length: 20 + rng.IntN(200), Observers: 2 + rng.IntN(3)}
		for range rng.IntN(12) {
			l := 1 + rng.IntN(c.Length/3)
			c.Units = append(c.Units, Unit{Observer: rng.IntN(c.Observers), Category: []string{"a", "b", "c"}[rng.IntN(3)],
				Begin: rng.IntN(c.Length - l + 1), Len: l})
		}
		got, _ := AlphaU(c)
		want, ok := bruteAlphaU(c)
		if got.Defined != ok || (ok && !near(got.Value, want, 1e-9)) {
			t.Fatalf("case %d %+v: AlphaU %v (defined %v), brute force %v (defined %v)", n, c, got.Value, got.Defined, want, ok)
		}
	}
	for _, c := range []Continuum{krippendorff2004U(), krippendorff1995U(1), krippendorff1995U(3)} {
		got, _ := AlphaU(c)
		if want, _ := bruteAlphaU(c); !near(got.Value, want, 1e-9) {
			t.Errorf("published example: AlphaU %v, brute force %v", got.Value, want)
		}
	}
}
