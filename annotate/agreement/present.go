package agreement

import (
	"slices"

	"frametag/annotate"
)

// What every reader of a report shows the same way: the measures' names and
// the documents in order of disagreement (the command line's text and the
// window's Agreement view).

var measureNames = map[Measure]string{
	ObservedAgreement:  "observed",
	CohenKappa:         "Cohen κ",
	FleissKappa:        "Fleiss κ",
	KrippendorffAlpha:  "Krippendorff α",
	ExactF1:            "exact F1",
	OverlapF1:          "overlap F1",
	KrippendorffAlphaU: "Krippendorff α_U",
}

// Name is the measure as a column head reads it ("Cohen κ").
func (m Measure) Name() string {
	if n, ok := measureNames[m]; ok {
		return n
	}
	return string(m)
}

// Measures are the measures of a row, in its order.
func (r Row) Measures() []Measure {
	ms := make([]Measure, 0, len(r.Figures))
	for _, f := range r.Figures {
		ms = append(ms, f.Measure)
	}
	return ms
}

// DocMeasure is the figure documents are ordered by: observed agreement on
// a document layer, the partial-overlap F1 on a span layer.
func (l Layer) DocMeasure() Measure {
	if l.Kind == annotate.SpanLayer {
		return OverlapF1
	}
	return ObservedAgreement
}

// PairMeasure is the figure of a pair of annotators the pairwise matrix
// shows: Cohen's κ on a document layer, the partial-overlap F1 on a span
// layer.
func (l Layer) PairMeasure() Measure {
	if l.Kind == annotate.SpanLayer {
		return OverlapF1
	}
	return CohenKappa
}

// ByDisagreement is the layer's documents, most disagreement first (lowest
// DocMeasure; ties keep the report's order), and how many of them fall
// short of full agreement (the first below).
func (l Layer) ByDisagreement() (docs []DocRow, below int) {
	m := l.DocMeasure()
	value := func(d DocRow) float64 {
		if f, ok := d.Get(m); ok && f.Value != nil {
			return *f.Value
		}
		return 1
	}
	docs = slices.Clone(l.PerDoc)
	slices.SortStableFunc(docs, func(a, b DocRow) int {
		switch va, vb := value(a), value(b); {
		case va < vb:
			return -1
		case va > vb:
			return 1
		}
		return 0
	})
	below = slices.IndexFunc(docs, func(d DocRow) bool { return value(d) >= 1 })
	if below < 0 {
		below = len(docs)
	}
	return docs, below
}
