package agreement

import (
	"slices"
	"sort"
)

// Unit is a stretch of a continuum that one observer marked with a
// category: positions [Begin, Begin+Len).
type Unit struct {
	Observer int
	Category string
	Begin    int
	Len      int
}

// Continuum is unitizing data: positions [0, Length) of one text (or of
// several texts laid end to end), every one of Observers observers having
// gone through all of it, and the units they marked.
type Continuum struct {
	Length    int
	Observers int
	Units     []Unit
}

// UnitizingEstimate is α_U or one category's α_c, with its observed and
// expected disagreement.
type UnitizingEstimate struct {
	Value   float64
	Defined bool
	Do, De  float64
	// Units is how many units (of the category, or in all) it used.
	Units int
}

// segment is a unit or a gap between units of one category, in one
// observer's partition of the continuum.
type segment struct {
	begin, end int
	unit       bool
}

func (s segment) len() int { return s.end - s.begin }

// AlphaU is Krippendorff's unitizing α (Krippendorff 1995, "On the
// reliability of unitizing contiguous data"; Content Analysis, 2nd ed.
// 2004, 12.4): per category c, each observer's continuum is cut into c's
// units and the gaps between them, and
//
//	D_o(c) = 2/(m(m−1)L²) · Σ_{observers i<j} Σ_{segments g of i, h of j} δ²(g, h)
//	δ²(g, h) = (b_g − b_h)² + (e_g − e_h)²   two units that overlap
//	         = l_g²                          a unit g inside a gap h (and the reverse)
//	         = 0                             otherwise
//	D_e(c) = (2/L) · Σ_{units u} [ (N_c − 1)(2l_u³ − 3l_u² + l_u)/3
//	                                + l_u² Σ_{gaps g, l_g ≥ l_u} (l_g − l_u + 1) ]
//	         / [ mL(mL − 1) − Σ_{units u} l_u(l_u − 1) ]
//	α_c = 1 − D_o(c)/D_e(c),   α_U = 1 − Σ_c D_o(c) / Σ_c D_e(c)
//
// with m observers, L the continuum's length, N_c the number of c's units
// of all observers, and units and gaps of all observers in D_e. One
// observer's overlapping units of one category are merged first (α_U
// assumes they do not overlap); units of different categories may.
// Categories are those with a unit.
func AlphaU(c Continuum) (all UnitizingEstimate, per map[string]UnitizingEstimate) {
	per = map[string]UnitizingEstimate{}
	var cats []string
	for _, u := range c.Units {
		if u.Len > 0 && !slices.Contains(cats, u.Category) {
			cats = append(cats, u.Category)
		}
	}
	sort.Strings(cats)
	var sumDo, sumDe float64
	for _, cat := range cats {
		segs := make([][]segment, c.Observers)
		for o := range segs {
			segs[o] = partition(c, o, cat)
		}
		e := UnitizingEstimate{Do: observedU(segs, c.Length), De: expectedU(segs, c.Length, c.Observers)}
		for _, s := range segs {
			for _, g := range s {
				if g.unit {
					e.Units++
				}
			}
		}
		if e.De > 0 {
			e.Value, e.Defined = 1-e.Do/e.De, true
		}
		per[cat] = e
		sumDo += e.Do
		sumDe += e.De
		all.Units += e.Units
	}
	all.Do, all.De = sumDo, sumDe
	if sumDe > 0 {
		all.Value, all.Defined = 1-sumDo/sumDe, true
	}
	return all, per
}

// partition cuts observer o's continuum into category cat's units (merged
// where they overlap, clipped to the continuum) and the gaps between them.
func partition(c Continuum, o int, cat string) []segment {
	var units []segment
	for _, u := range c.Units {
		if u.Observer != o || u.Category != cat || u.Len <= 0 {
			continue
		}
		b, e := max(u.Begin, 0), min(u.Begin+u.Len, c.Length)
		if e > b {
			units = append(units, segment{b, e, true})
		}
	}
	slices.SortFunc(units, func(a, b segment) int { return a.begin - b.begin })
	var out []segment
	pos := 0
	for _, u := range units {
		if n := len(out); n > 0 && out[n-1].unit && u.begin < out[n-1].end {
			out[n-1].end = max(out[n-1].end, u.end) // overlapping: one unit
			pos = out[n-1].end
			continue
		}
		if u.begin > pos {
			out = append(out, segment{pos, u.begin, false})
		}
		out = append(out, u)
		pos = u.end
	}
	if pos < c.Length {
		out = append(out, segment{pos, c.Length, false})
	}
	return out
}

// distance is δ² between segment g of one observer and h of another.
func distance(g, h segment) float64 {
	switch {
	case g.unit && h.unit && g.begin < h.end && h.begin < g.end:
		db, de := float64(g.begin-h.begin), float64(g.end-h.end)
		return db*db + de*de
	case g.unit && !h.unit && h.begin <= g.begin && g.end <= h.end:
		return float64(g.len()) * float64(g.len())
	case !g.unit && h.unit && g.begin <= h.begin && h.end <= g.end:
		return float64(h.len()) * float64(h.len())
	}
	return 0
}

// observedU is D_o: every pair of segments of two observers that share a
// position, found by walking both partitions at once (segments that share
// none are 0 apart).
func observedU(segs [][]segment, length int) float64 {
	m := len(segs)
	if m < 2 || length == 0 {
		return 0
	}
	sum := 0.0
	for i := range segs {
		for j := i + 1; j < m; j++ {
			a, b := segs[i], segs[j]
			for x, y := 0, 0; x < len(a) && y < len(b); {
				sum += distance(a[x], b[y])
				switch {
				case a[x].end < b[y].end:
					x++
				case b[y].end < a[x].end:
					y++
				default:
					x++
					y++
				}
			}
		}
	}
	L := float64(length)
	return 2 * sum / (float64(m*(m-1)) * L * L)
}

// expectedU is D_e.
func expectedU(segs [][]segment, length, m int) float64 {
	var units, gaps []float64
	for _, s := range segs {
		for _, g := range s {
			if g.unit {
				units = append(units, float64(g.len()))
			} else {
				gaps = append(gaps, float64(g.len()))
			}
		}
	}
	if len(units) == 0 || length == 0 {
		return 0
	}
	// Gaps longest first, with running sums, for Σ_{l_g ≥ l} (l_g − l + 1).
	sort.Sort(sort.Reverse(sort.Float64Slice(gaps)))
	prefix := make([]float64, len(gaps)+1)
	for i, g := range gaps {
		prefix[i+1] = prefix[i] + g
	}
	nc := float64(len(units))
	num, squares := 0.0, 0.0
	for _, l := range units {
		k := sort.Search(len(gaps), func(i int) bool { return gaps[i] < l }) // gaps[:k] are ≥ l
		fit := prefix[k] - float64(k)*(l-1)
		num += (nc-1)*(2*l*l*l-3*l*l+l)/3 + l*l*fit
		squares += l * (l - 1)
	}
	L, mL := float64(length), float64(m*length)
	den := mL*(mL-1) - squares
	if den <= 0 {
		return 0
	}
	return 2 / L * num / den
}
