package agreement

import (
	"fmt"
	"math"
	"slices"
	"sort"
	"strings"

	"frametag/annotate"
)

// Measure names a figure.
type Measure string

const (
	ObservedAgreement Measure = "observed_agreement"
	CohenKappa        Measure = "cohen_kappa"
	FleissKappa       Measure = "fleiss_kappa"
	KrippendorffAlpha Measure = "krippendorff_alpha"
	ExactF1           Measure = "exact_f1"
	OverlapF1         Measure = "overlap_f1"
	// KrippendorffAlphaU is the unitizing α over the documents every
	// compared annotator coded, laid end to end as one continuum.
	KrippendorffAlphaU Measure = "krippendorff_alpha_u"
)

// Thresholds for the warnings.
const (
	// MinItems is the fewest items a figure should rest on.
	MinItems = 10
	// Dominance is the share of one value above which κ and α can be low
	// even when annotators nearly always agree (the kappa paradox).
	Dominance = 0.9
)

// Figure is one number with what it covers.
type Figure struct {
	Measure Measure `json:"measure"`
	// Value is rounded to three decimals; nil when the data cannot give it
	// (Warnings say why).
	Value *float64 `json:"value"`
	// Items is how many items the figure used: documents (document layers;
	// document×label pairs for all labels of a multi-choice layer), or
	// documents both annotators of a pair coded (span layers, summed over
	// the pairs).
	Items int `json:"items"`
	// Spans is how many spans were compared (span layers: |S|+|T| after
	// merging, summed over the pairs).
	Spans int `json:"spans,omitempty"`
	// Precision and Recall of a span F1 (for one pair: A's spans as S).
	Precision *float64 `json:"precision,omitempty"`
	Recall    *float64 `json:"recall,omitempty"`
	// Pairs are the annotator pairs the figure covers; a figure over more
	// than one pair is their mean (κ and F1) or pools them (α, Fleiss' κ,
	// observed agreement).
	Pairs    [][2]string `json:"pairs"`
	Warnings []string    `json:"warnings,omitempty"`
}

// Row is the figures of one label, or of all labels (Label "").
type Row struct {
	Label   string   `json:"label,omitempty"`
	Figures []Figure `json:"figures"`
}

// Get returns the row's figure of measure m.
func (r Row) Get(m Measure) (Figure, bool) {
	for _, f := range r.Figures {
		if f.Measure == m {
			return f, true
		}
	}
	return Figure{}, false
}

// PairRow is the figures of one pair of annotators over all labels.
type PairRow struct {
	A string `json:"a"`
	B string `json:"b"`
	Row
}

// DocRow is the figures of one document over all labels and annotators.
type DocRow struct {
	ID    string `json:"id"`
	Title string `json:"title"`
	Row
}

// Layer is the agreement on one layer.
type Layer struct {
	Layer string             `json:"layer"`
	Kind  annotate.LayerKind `json:"kind"`
	Multi bool               `json:"multi,omitempty"`
	// Annotators compared on this layer.
	Annotators []string `json:"annotators"`
	// Documents coded by two annotators or more.
	Documents int `json:"documents"`
	// All is the figures over all labels; Labels per label, in schema order
	// (labels nobody used are left out).
	All      Row       `json:"all"`
	Labels   []Row     `json:"labels"`
	Pairs    []PairRow `json:"pairs"`
	PerDoc   []DocRow  `json:"documents_figures"`
	Warnings []string  `json:"warnings,omitempty"`
}

// Report is the agreement over a project.
type Report struct {
	Annotators []string `json:"annotators"`
	Layers     []Layer  `json:"layers"`
}

// Options narrow a report.
type Options struct {
	// Layers to report ("" or nil: every layer in the schema).
	Layers []string
	// Annotators to compare; nil: everyone who annotated the layer.
	Annotators []string
	// Lengths are the documents' lengths in code points, by id, for
	// documents given without their text (the unitizing α needs them).
	Lengths map[string]int
}

// Compute reports the agreement among annotators over docs.
//
// Who coded what: an annotator has coded a document on a layer when they
// made an annotation of that layer on it or set its status to done; a
// document they skipped never counts. A document nobody but one annotator
// coded gives no item. On a single-choice document layer an annotator who
// coded the document without a label of the layer gave no value; on a
// multi-choice layer they said "no" to every label.
func Compute(sc annotate.Schema, docs []annotate.AnnotatedDoc, opt Options) (Report, error) {
	var rep Report
	for _, name := range opt.Layers {
		if _, ok := sc.Layer(name); !ok {
			return rep, annotate.Errorf(annotate.EInvalid, "no layer %q in the schema (layers: %s)", name, layerNames(sc))
		}
	}
	seen := map[string]bool{}
	for _, l := range sc.Layers {
		if len(opt.Layers) > 0 && !slices.Contains(opt.Layers, l.Name) {
			continue
		}
		who := opt.Annotators
		if who == nil {
			who = annotatorsOf(l, docs)
		}
		for _, a := range who {
			if !seen[a] {
				seen[a] = true
				rep.Annotators = append(rep.Annotators, a)
			}
		}
		in := input{layer: l, docs: docs, who: who, lengths: opt.Lengths}
		in.used = in.labels()
		var lr Layer
		if l.Kind == annotate.DocumentLayer {
			lr = in.documentLayer()
		} else {
			lr = in.spanLayer()
		}
		if len(who) < 2 {
			lr.Warnings = append(lr.Warnings, fmt.Sprintf("%s: agreement needs two annotators or more", annotatorsText(who)))
		}
		rep.Layers = append(rep.Layers, lr)
	}
	return rep, nil
}

func layerNames(sc annotate.Schema) string {
	var names []string
	for _, l := range sc.Layers {
		names = append(names, l.Name)
	}
	return strings.Join(names, ", ")
}

func annotatorsText(who []string) string {
	switch len(who) {
	case 0:
		return "no annotator"
	case 1:
		return "only " + who[0]
	}
	return strings.Join(who, ", ")
}

// annotatorsOf is everyone with an annotation of layer l, sorted by name.
func annotatorsOf(l annotate.Layer, docs []annotate.AnnotatedDoc) []string {
	set := map[string]bool{}
	for _, d := range docs {
		for _, sp := range d.Spans {
			if sp.Layer == l.Name {
				set[sp.Annotator] = true
			}
		}
		for _, dl := range d.Labels {
			if dl.Layer == l.Name {
				set[dl.Annotator] = true
			}
		}
	}
	// The adjudicated layer is no annotator: compared only when named.
	delete(set, annotate.GoldAnnotator)
	var who []string
	for a := range set {
		who = append(who, a)
	}
	sort.Strings(who)
	return who
}

// input is one layer's data.
type input struct {
	layer   annotate.Layer
	docs    []annotate.AnnotatedDoc
	who     []string
	lengths map[string]int
	used    []string // labels(), worked out once
}

// length is document d's length in code points.
func (in input) length(d annotate.AnnotatedDoc) int {
	if d.Text != "" {
		return annotate.CodePointLen(d.Text)
	}
	return in.lengths[d.ID]
}

// coded reports whether annotator a coded document d on the layer.
func (in input) coded(d annotate.AnnotatedDoc, a string) bool {
	switch d.Status[a] {
	case annotate.StatusSkipped:
		return false
	case annotate.StatusDone:
		return true
	}
	for _, sp := range d.Spans {
		if sp.Layer == in.layer.Name && sp.Annotator == a {
			return true
		}
	}
	for _, dl := range d.Labels {
		if dl.Layer == in.layer.Name && dl.Annotator == a {
			return true
		}
	}
	return false
}

// labels is the layer's labels in schema order, then any others used.
func (in input) labels() []string {
	var out []string
	for _, lb := range in.layer.Labels {
		out = append(out, lb.Name)
	}
	used := map[string]bool{}
	for _, d := range in.docs {
		for _, sp := range d.Spans {
			if sp.Layer == in.layer.Name {
				used[sp.Label] = true
			}
		}
		for _, dl := range d.Labels {
			if dl.Layer == in.layer.Name {
				used[dl.Label] = true
			}
		}
	}
	var extra []string
	for l := range used {
		if !slices.Contains(out, l) {
			extra = append(extra, l)
		}
	}
	sort.Strings(extra)
	out = append(out, extra...)
	// Labels nobody used have no row.
	return slices.DeleteFunc(out, func(l string) bool { return !used[l] })
}

// pairs is every pair of the annotators, in their order.
func (in input) pairs() [][2]string {
	var ps [][2]string
	for i := range in.who {
		for j := i + 1; j < len(in.who); j++ {
			ps = append(ps, [2]string{in.who[i], in.who[j]})
		}
	}
	return ps
}

// documentLayer: each document is a unit; a single-choice layer's value is
// the label, a multi-choice layer gives one yes/no unit per label.
func (in input) documentLayer() Layer {
	lr := Layer{Layer: in.layer.Name, Kind: in.layer.Kind, Multi: in.layer.Multi, Annotators: in.who}
	labels := in.used
	// given[d][a] is annotator a's labels on document d; nil when a did
	// not code it.
	type docData struct {
		doc   annotate.AnnotatedDoc
		given [][]string
	}
	var data []docData
	for _, d := range in.docs {
		dd := docData{doc: d, given: make([][]string, len(in.who))}
		n := 0
		for i, a := range in.who {
			if !in.coded(d, a) {
				continue
			}
			n++
			dd.given[i] = []string{}
			for _, dl := range d.Labels {
				if dl.Layer == in.layer.Name && dl.Annotator == a && !slices.Contains(dd.given[i], dl.Label) {
					dd.given[i] = append(dd.given[i], dl.Label)
				}
			}
		}
		if n >= 2 {
			lr.Documents++
		}
		data = append(data, dd)
	}
	// single is the units of a single-choice layer: the label given.
	single := func() Data {
		var out Data
		for _, dd := range data {
			unit := make([]string, len(in.who))
			for i, g := range dd.given {
				if len(g) > 0 {
					unit[i] = g[0]
				}
			}
			out = append(out, unit)
		}
		return out
	}
	// binary is the yes/no units of one label; for a single-choice layer an
	// annotator without a label gives no value.
	binary := func(label string, dd docData) []string {
		unit := make([]string, len(in.who))
		for i, g := range dd.given {
			switch {
			case g == nil || (!in.layer.Multi && len(g) == 0):
				unit[i] = Missing
			case slices.Contains(g, label):
				unit[i] = "yes"
			default:
				unit[i] = "no"
			}
		}
		return unit
	}
	binaryData := func(label string) Data {
		var out Data
		for _, dd := range data {
			out = append(out, binary(label, dd))
		}
		return out
	}
	var all Data
	if in.layer.Multi {
		for _, dd := range data {
			for _, l := range labels {
				all = append(all, binary(l, dd))
			}
		}
	} else {
		all = single()
	}
	lr.All = in.nominal("", all)
	for _, l := range labels {
		lr.Labels = append(lr.Labels, in.nominal(l, binaryData(l)))
	}
	for _, p := range in.pairs() {
		i, j := slices.Index(in.who, p[0]), slices.Index(in.who, p[1])
		k := Cohen(all.Column(i), all.Column(j))
		o := Observed(Data(pairData(all.Column(i), all.Column(j))))
		lr.Pairs = append(lr.Pairs, PairRow{A: p[0], B: p[1], Row: Row{Figures: []Figure{
			figure(ObservedAgreement, o, [][2]string{p}, false),
			figure(CohenKappa, k, [][2]string{p}, true),
		}}})
	}
	for _, dd := range data {
		var units Data
		if in.layer.Multi {
			for _, l := range labels {
				units = append(units, binary(l, dd))
			}
		} else {
			unit := make([]string, len(in.who))
			for i, g := range dd.given {
				if len(g) > 0 {
					unit[i] = g[0]
				}
			}
			units = Data{unit}
		}
		o := Observed(units)
		if !o.Defined {
			continue
		}
		f := figure(ObservedAgreement, o, in.pairs(), false)
		f.Items = 1
		f.Warnings = nil // one document is one item by design
		lr.PerDoc = append(lr.PerDoc, DocRow{ID: dd.doc.ID, Title: dd.doc.Title, Row: Row{Figures: []Figure{f}}})
	}
	return lr
}

func pairData(a, b []string) Data {
	d := make(Data, len(a))
	for i := range a {
		d[i] = []string{a[i], b[i]}
	}
	return d
}

// nominal is the figures of one set of units: observed agreement, Cohen's κ
// (two annotators) or Fleiss' κ (more), Krippendorff's α.
func (in input) nominal(label string, d Data) Row {
	ps := in.pairs()
	row := Row{Label: label}
	row.Figures = append(row.Figures, figure(ObservedAgreement, Observed(d), ps, false))
	if len(in.who) == 2 {
		row.Figures = append(row.Figures, figure(CohenKappa, Cohen(d.Column(0), d.Column(1)), ps, true))
	} else if len(in.who) > 2 {
		row.Figures = append(row.Figures, figure(FleissKappa, Fleiss(d), ps, true))
	}
	row.Figures = append(row.Figures, figure(KrippendorffAlpha, Alpha(d), ps, true))
	return row
}

// figure turns an estimate into a figure with its warnings; chance says
// whether it corrects for chance (and so suffers the kappa paradox).
func figure(m Measure, e Estimate, pairs [][2]string, chance bool) Figure {
	f := Figure{Measure: m, Items: e.Units, Pairs: pairs}
	if e.Defined {
		f.Value = round(e.Value)
	}
	switch {
	case e.Units == 0:
		f.Warnings = append(f.Warnings, "no item was coded by enough annotators")
	case !e.Defined:
		f.Warnings = append(f.Warnings, fmt.Sprintf("undefined: every value is %q, so there is no variation to compare against", e.Top))
	}
	if e.Units > 0 && e.Units < MinItems {
		f.Warnings = append(f.Warnings, fmt.Sprintf("only %d items: too few for a reliable figure", e.Units))
	}
	if chance && e.Defined && e.TopShare >= Dominance {
		f.Warnings = append(f.Warnings, fmt.Sprintf("%q makes up %.0f%% of the values: κ and α can be low even where annotators nearly always agree (the kappa paradox)",
			e.Top, 100*e.TopShare))
	}
	return f
}

func round(x float64) *float64 {
	r := math.Round(x*1000) / 1000
	if r == 0 {
		r = 0 // no "-0.000"
	}
	return &r
}

// spanLayer: precision, recall and F1 between every pair of annotators,
// exact and by partial overlap, over the documents both coded.
func (in input) spanLayer() Layer {
	lr := Layer{Layer: in.layer.Name, Kind: in.layer.Kind, Annotators: in.who}
	labels := in.used
	pairs := in.pairs()
	// spans[d][i] is annotator i's spans of the layer on document d, nil
	// when they did not code it.
	spans := make([][][]annotate.Span, len(in.docs))
	for di, d := range in.docs {
		spans[di] = make([][]annotate.Span, len(in.who))
		n := 0
		for i, a := range in.who {
			if !in.coded(d, a) {
				continue
			}
			n++
			spans[di][i] = []annotate.Span{}
			for _, sp := range d.Spans {
				if sp.Layer == in.layer.Name && sp.Annotator == a {
					spans[di][i] = append(spans[di][i], sp)
				}
			}
		}
		if n >= 2 {
			lr.Documents++
		}
	}
	only := func(sps []annotate.Span, label string) []annotate.Span {
		if label == "" {
			return sps
		}
		var out []annotate.Span
		for _, sp := range sps {
			if sp.Label == label {
				out = append(out, sp)
			}
		}
		return out
	}
	// pairScore is one pair's figures over the documents both coded.
	type tally struct {
		exact, overlap SpanCounts
		docs           int
	}
	// Each annotator's spans merged once, for the overlap measure (merging
	// is per label, so a label's merged spans are the merged spans of it).
	merged := make([][][]annotate.Span, len(spans))
	for di := range spans {
		merged[di] = make([][]annotate.Span, len(in.who))
		for i, sps := range spans[di] {
			if sps != nil {
				merged[di][i] = MergeOverlapping(sps)
			}
		}
	}
	pairTally := func(i, j int, label string, docIdx []int) tally {
		var t tally
		for _, di := range docIdx {
			a, b := spans[di][i], spans[di][j]
			if a == nil || b == nil {
				continue
			}
			t.docs++
			t.exact = t.exact.Add(ExactCounts(only(a, label), only(b, label)))
			t.overlap = t.overlap.Add(overlapMerged(only(merged[di][i], label), only(merged[di][j], label)))
		}
		return t
	}
	every := make([]int, len(in.docs))
	for i := range every {
		every[i] = i
	}
	// row is the mean over the pairs of each pair's F1.
	row := func(label string, docIdx []int, ps [][2]string) Row {
		r := Row{Label: label}
		tallies := make([]tally, len(ps))
		for k, p := range ps {
			tallies[k] = pairTally(slices.Index(in.who, p[0]), slices.Index(in.who, p[1]), label, docIdx)
		}
		for _, m := range []Measure{ExactF1, OverlapF1} {
			f := Figure{Measure: m, Pairs: [][2]string{}}
			var sumF, sumP, sumR float64
			n := 0
			for k, p := range ps {
				t := tallies[k]
				c := t.exact
				if m == OverlapF1 {
					c = t.overlap
				}
				f.Items += t.docs
				f.Spans += c.PrecDen + c.RecDen
				pr, rc, f1, ok := c.Score()
				if !ok {
					continue
				}
				f.Pairs = append(f.Pairs, p)
				sumF, sumP, sumR = sumF+f1, sumP+pr, sumR+rc
				n++
			}
			if n > 0 {
				f.Value = round(sumF / float64(n))
				if len(ps) == 1 {
					f.Precision, f.Recall = round(sumP), round(sumR)
				}
			}
			switch {
			case f.Items == 0:
				f.Warnings = append(f.Warnings, "no document was coded by two of the annotators")
			case n == 0:
				f.Warnings = append(f.Warnings, "no spans to compare")
			case f.Spans < MinItems && len(docIdx) > 1:
				f.Warnings = append(f.Warnings, fmt.Sprintf("only %d spans: too few for a reliable figure", f.Spans))
			}
			if n > 0 && n < len(ps) {
				f.Warnings = append(f.Warnings, fmt.Sprintf("the mean of %d of the %d pairs: the others had no spans to compare", n, len(ps)))
			}
			r.Figures = append(r.Figures, f)
		}
		return r
	}
	all := make([]int, len(in.who))
	for i := range all {
		all[i] = i
	}
	allU, perU := in.unitizing(spans, all, every)
	lr.All = row("", every, pairs)
	lr.All.Figures = append(lr.All.Figures, allU)
	for _, l := range labels {
		r := row(l, every, pairs)
		r.Figures = append(r.Figures, perU[l])
		lr.Labels = append(lr.Labels, r)
	}
	for _, p := range pairs {
		r := row("", every, [][2]string{p})
		u, _ := in.unitizing(spans, []int{slices.Index(in.who, p[0]), slices.Index(in.who, p[1])}, every)
		r.Figures = append(r.Figures, u)
		lr.Pairs = append(lr.Pairs, PairRow{A: p[0], B: p[1], Row: r})
	}
	for di, d := range in.docs {
		r := row("", []int{di}, pairs)
		if f, _ := r.Get(OverlapF1); f.Value == nil {
			continue
		}
		var coders []int
		for i := range in.who {
			if spans[di][i] != nil {
				coders = append(coders, i)
			}
		}
		u, _ := in.unitizing(spans, coders, []int{di})
		r.Figures = append(r.Figures, u)
		for i := range r.Figures {
			r.Figures[i].Warnings = nil
		}
		lr.PerDoc = append(lr.PerDoc, DocRow{ID: d.ID, Title: d.Title, Row: r})
	}
	return lr
}

// unitizing is Krippendorff's α_U among the annotators coders (indexes
// into in.who) over the documents of docIdx that every one of them coded,
// laid end to end as one continuum; with each label's α_c.
func (in input) unitizing(spans [][][]annotate.Span, coders, docIdx []int) (Figure, map[string]Figure) {
	var ps [][2]string
	for x := range coders {
		for y := x + 1; y < len(coders); y++ {
			ps = append(ps, [2]string{in.who[coders[x]], in.who[coders[y]]})
		}
	}
	c := Continuum{Observers: len(coders)}
	docs, skipped := 0, 0
	for _, di := range docIdx {
		n := in.length(in.docs[di])
		coded := n > 0 && len(coders) >= 2
		some := false
		for _, i := range coders {
			coded = coded && spans[di][i] != nil
			some = some || spans[di][i] != nil
		}
		if !coded {
			if some {
				skipped++
			}
			continue
		}
		docs++
		for o, i := range coders {
			for _, sp := range spans[di][i] {
				for _, f := range sp.Fragments {
					c.Units = append(c.Units, Unit{Observer: o, Category: sp.Label, Begin: c.Length + f.Start, Len: f.Len()})
				}
			}
		}
		c.Length += n
	}
	all, per := AlphaU(c)
	fig := func(e UnitizingEstimate) Figure {
		f := Figure{Measure: KrippendorffAlphaU, Items: docs, Spans: e.Units, Pairs: ps}
		if e.Defined {
			f.Value = round(e.Value)
		}
		switch {
		case docs == 0:
			f.Warnings = append(f.Warnings, "no document was coded by every one of the annotators")
		case !e.Defined:
			f.Warnings = append(f.Warnings, "no spans to compare")
		case e.Units < MinItems:
			f.Warnings = append(f.Warnings, fmt.Sprintf("only %d spans: too few for a reliable figure", e.Units))
		}
		if skipped > 0 && docs > 0 {
			f.Warnings = append(f.Warnings, fmt.Sprintf("α_U needs every annotator on every document: %d coded by only some of them left out", skipped))
		}
		return f
	}
	labels := map[string]Figure{}
	for _, l := range in.used {
		labels[l] = fig(per[l])
	}
	return fig(all), labels
}
