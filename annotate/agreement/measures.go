// Package agreement computes inter-annotator agreement over a project's
// annotations: Cohen's κ, Fleiss' κ, Krippendorff's α (nominal) and observed
// agreement for document layers, exact-match and partial-overlap (PTC) F1
// and Krippendorff's unitizing α_U (unitizing.go) for span layers, per layer, per label, per annotator pair and per
// document, each figure saying what it covers and warning where it is
// unreliable.
//
// It is domain knowledge with no dependency: it reads annotate's types and
// nothing else (no store, no format), so the command line and the window
// compute the same figures from the same documents. The measures in this
// file work on plain reliability data (units × coders) and are checked
// against published worked examples in measures_test.go; report.go turns
// annotated documents into such data.
package agreement

// Missing marks a coder who gave no value for a unit.
const Missing = ""

// Data is reliability data: one row per unit (a document, or a document and
// a label), one value per coder in each row, Missing where that coder gave
// none. Values are nominal: equal or not.
type Data [][]string

// Estimate is one computed figure. Defined is false when the data cannot
// give it (no unit coded twice, or no variation to compare against).
type Estimate struct {
	Value   float64
	Defined bool
	// Units is how many units the figure used: those with two values or
	// more (α, observed), coded by every coder (Fleiss), by both (Cohen).
	Units int
	// Values is how many values those units hold (the pairable values).
	Values int
	// Top is the most frequent value among them and TopShare its share,
	// for the kappa-paradox warning.
	Top      string
	TopShare float64
}

// values returns the non-missing values of a unit.
func values(unit []string) []string {
	var vs []string
	for _, v := range unit {
		if v != Missing {
			vs = append(vs, v)
		}
	}
	return vs
}

// Alpha is Krippendorff's α for nominal data, missing values allowed:
// α = 1 − D_o/D_e over the coincidence matrix of the pairable values (units
// with at least two values), Krippendorff (2011), "Computing Krippendorff's
// Alpha-Reliability":
//
//	o_ck = Σ_u (number of c–k pairs in u) / (m_u − 1)
//	n_c  = Σ_k o_ck,  n = Σ_c n_c
//	α    = 1 − (n − 1) · Σ_{c≠k} o_ck / Σ_{c≠k} n_c·n_k
func Alpha(d Data) Estimate {
	o := map[[2]string]float64{}
	var e Estimate
	for _, unit := range d {
		vs := values(unit)
		m := len(vs)
		if m < 2 {
			continue
		}
		e.Units++
		e.Values += m
		for i, c := range vs {
			for j, k := range vs {
				if i != j {
					o[[2]string{c, k}] += 1 / float64(m-1)
				}
			}
		}
	}
	nc := map[string]float64{}
	n := 0.0
	disagree := 0.0
	for ck, v := range o {
		nc[ck[0]] += v
		n += v
		if ck[0] != ck[1] {
			disagree += v
		}
	}
	e.Top, e.TopShare = top(nc, n)
	expected := 0.0
	for c, a := range nc {
		for k, b := range nc {
			if c != k {
				expected += a * b
			}
		}
	}
	if e.Units == 0 || expected == 0 {
		return e
	}
	e.Value = 1 - (n-1)*disagree/expected
	e.Defined = true
	return e
}

// Fleiss is Fleiss' κ (Fleiss 1971) over the units every coder coded:
//
//	P_i = (Σ_j n_ij² − n) / (n(n − 1)),  P̄ = mean P_i
//	p_j = Σ_i n_ij / (N·n),              P̄_e = Σ_j p_j²
//	κ   = (P̄ − P̄_e) / (1 − P̄_e)
//
// where n_ij is how many of the n coders put unit i in category j.
func Fleiss(d Data) Estimate {
	var e Estimate
	pj := map[string]float64{}
	sumP := 0.0
	total := 0.0
	for _, unit := range d {
		vs := values(unit)
		if len(vs) != len(unit) || len(vs) < 2 {
			continue
		}
		n := float64(len(vs))
		counts := map[string]float64{}
		for _, v := range vs {
			counts[v]++
			pj[v]++
		}
		sq := 0.0
		for _, c := range counts {
			sq += c * c
		}
		sumP += (sq - n) / (n * (n - 1))
		e.Units++
		e.Values += len(vs)
		total += n
	}
	e.Top, e.TopShare = top(pj, total)
	if e.Units == 0 {
		return e
	}
	pBar := sumP / float64(e.Units)
	pe := 0.0
	for _, c := range pj {
		p := c / total
		pe += p * p
	}
	if pe >= 1 {
		return e
	}
	e.Value = (pBar - pe) / (1 - pe)
	e.Defined = true
	return e
}

// Cohen is Cohen's κ (Cohen 1960) for two coders over the units both coded:
// κ = (p_o − p_e)/(1 − p_e), p_o the share of units they put in the same
// category, p_e = Σ_c p_a(c)·p_b(c) from each coder's own distribution.
func Cohen(a, b []string) Estimate {
	var e Estimate
	pa, pb, both := map[string]float64{}, map[string]float64{}, map[string]float64{}
	agree := 0.0
	for i := range a {
		if i >= len(b) || a[i] == Missing || b[i] == Missing {
			continue
		}
		e.Units++
		e.Values += 2
		pa[a[i]]++
		pb[b[i]]++
		both[a[i]]++
		both[b[i]]++
		if a[i] == b[i] {
			agree++
		}
	}
	e.Top, e.TopShare = top(both, float64(e.Values))
	if e.Units == 0 {
		return e
	}
	n := float64(e.Units)
	po := agree / n
	pe := 0.0
	for c, x := range pa {
		pe += x / n * pb[c] / n
	}
	if pe >= 1 {
		return e
	}
	e.Value = (po - pe) / (1 - pe)
	e.Defined = true
	return e
}

// Observed is the observed agreement: over the units with two values or
// more, the share of pairs of coders who gave the same value (for two
// coders, the share of units they agree on; Fleiss' P̄ when every unit has
// every coder).
func Observed(d Data) Estimate {
	var e Estimate
	sum := 0.0
	counts := map[string]float64{}
	for _, unit := range d {
		vs := values(unit)
		m := len(vs)
		if m < 2 {
			continue
		}
		same := 0
		for i := range vs {
			counts[vs[i]]++
			for j := i + 1; j < m; j++ {
				if vs[i] == vs[j] {
					same++
				}
			}
		}
		sum += float64(same) / float64(m*(m-1)/2)
		e.Units++
		e.Values += m
	}
	e.Top, e.TopShare = top(counts, float64(e.Values))
	if e.Units == 0 {
		return e
	}
	e.Value = sum / float64(e.Units)
	e.Defined = true
	return e
}

// top is the most frequent value and its share (ties: the smallest value,
// so that results do not depend on map order).
func top(counts map[string]float64, total float64) (string, float64) {
	best, n := "", -1.0
	for v, c := range counts {
		if c > n || (c == n && v < best) {
			best, n = v, c
		}
	}
	if total <= 0 || n < 0 {
		return "", 0
	}
	return best, n / total
}

// Column returns coder j's values, one per unit.
func (d Data) Column(j int) []string {
	col := make([]string, len(d))
	for i, unit := range d {
		if j < len(unit) {
			col[i] = unit[j]
		}
	}
	return col
}
