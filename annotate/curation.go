package annotate

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"strconv"
	"strings"
)

// Curation is one document as a curator sees it: each annotator's
// annotations aligned, layer by layer, into units, and what the adjudicated
// (gold) layer already settles. Align makes it; it is pure, so the command
// line and the window show the same disputes, and the functions below turn
// a curator's decision into one CurateEdit.
type Curation struct {
	Doc string
	// Annotators compared: everyone with an annotation on the document or
	// who marked it done, in name order; never gold, never one who marked it
	// skipped.
	Annotators []string
	// Units in the order a curator walks them: document layers first (schema
	// order), then spans in reading order across layers.
	Units []Unit
	// GoldStatus is gold's status on the document (done: adjudicated).
	GoldStatus Status
	// Waiting counts the annotators' relations that are no unit yet: the
	// span at one end (or both) is in a unit gold does not settle yet.
	Waiting int

	// What Align read, so that a decision can see the document after it
	// (afterEdit).
	doc    AnnotatedDoc
	schema *Schema
	marks  []Rejection
}

// UnitKind says whether the annotators agree on a unit.
type UnitKind string

const (
	// Unanimous: every annotator has the same label and fragments (or the
	// same document labels).
	Unanimous UnitKind = "unanimous"
	// Dispute: versions differ, or some annotators have nothing there.
	Dispute UnitKind = "dispute"
	// GoldOnly: a gold span where no annotator has one (the curator's own).
	GoldOnly UnitKind = "gold"
)

// Unit is one place of one layer that the curator settles: a span layer's
// overlapping spans (a span all annotators made exactly alike is a unit of
// its own), a document layer's labels, or a relation between two gold
// spans (Relation set; Layer is the relation type).
type Unit struct {
	Layer string
	// Document is true for a document layer's labels (Start and End 0).
	Document bool
	Kind     UnitKind
	// Start and End are the stretch every version's spans cover (a
	// relation's: both ends').
	Start, End int
	// Relation is set on a relation unit: its type and gold's spans at its
	// ends, which the annotators' relations in the unit correspond to.
	Relation *RelationEnds
	// Versions are the annotators' versions, one per annotator in the
	// Curation's order; a version with no spans (or no labels) is "none".
	Versions []Version
	// Gold are gold's spans here; GoldLabels gold's labels of the layer;
	// GoldRelations gold's relations of a relation unit.
	Gold          []Span
	GoldLabels    []string
	GoldRelations []Relation
	// Rejected: gold marked the place settled with nothing in it.
	Rejected bool
	// Differs says, for a dispute whose versions have the same spans (label
	// and fragments) but for their attributes, each attribute that differs
	// ("role: speaker ≠ target"). Versions that are none are left out of
	// the comparison.
	Differs []AttrDiff
}

// AttrDiff is one attribute whose values differ between versions of a unit:
// each value once, in the annotators' order ("unset" for none).
type AttrDiff struct {
	Name   string
	Values []string
}

// String is the difference as people read it: "role: speaker ≠ target".
func (d AttrDiff) String() string { return d.Name + ": " + strings.Join(d.Values, " ≠ ") }

// DiffStrings are the unit's differing attributes as strings.
func (u Unit) DiffStrings() []string {
	var out []string
	for _, d := range u.Differs {
		out = append(out, d.String())
	}
	return out
}

// AttrValues are the version's values of the named attribute, one per span
// ("unset" where a span has none).
func (v Version) AttrValues(name string) string {
	var vals []string
	for _, sp := range v.Spans {
		vals = append(vals, AttrValueString(sp.Attrs[name]))
	}
	return strings.Join(vals, "; ")
}

// RelationEnds are what a relation unit links: a relation type from one gold
// span to another.
type RelationEnds struct {
	Type     string
	From, To Span
}

// Version is one annotator's annotations in a unit.
type Version struct {
	Annotator string
	Spans     []Span
	Labels    []string
	Relations []Relation
}

// None reports whether the annotator has nothing in the unit.
func (v Version) None() bool { return len(v.Spans) == 0 && len(v.Labels) == 0 && len(v.Relations) == 0 }

// Settled reports whether gold decides the unit: it holds something there,
// or marked it settled with nothing.
func (u Unit) Settled() bool {
	return u.Kind == GoldOnly || u.Rejected || len(u.Gold) > 0 || len(u.GoldLabels) > 0 || len(u.GoldRelations) > 0
}

// Version is annotator's version of the unit.
func (u Unit) Version(annotator string) (Version, bool) {
	i := slices.IndexFunc(u.Versions, func(v Version) bool { return v.Annotator == annotator })
	if i < 0 {
		return Version{}, false
	}
	return u.Versions[i], true
}

// mark is gold's "settled with nothing" mark for the unit.
func (u Unit) mark(doc string) Rejection {
	if u.Relation != nil {
		return relationMark(doc, u.Relation.Type, u.Relation.From.ID, u.Relation.To.ID)
	}
	return Rejection{Doc: doc, Annotator: GoldAnnotator, Layer: u.Layer, Start: u.Start, End: u.End}
}

// relationMarkPrefix starts the label of a relation's settled mark.
const relationMarkPrefix = "relation:"

// relationMark is gold's "settled with nothing" mark for a relation of the
// type between gold spans from and to: a rejection on the relation type
// (as its layer) labelled "relation:FROM>TO", at [0, 0).
func relationMark(doc, typ, from, to string) Rejection {
	return Rejection{Doc: doc, Annotator: GoldAnnotator, Layer: typ, Label: relationMarkPrefix + from + ">" + to}
}

// checkRelationMark refuses a labelled settled mark that is no relation's.
func checkRelationMark(sc *Schema, m Rejection) error {
	ends, ok := strings.CutPrefix(m.Label, relationMarkPrefix)
	from, to, ok2 := strings.Cut(ends, ">")
	if _, known := sc.RelationType(m.Layer); !ok || !ok2 || from == "" || to == "" || !known || m.Start != 0 || m.End != 0 {
		return Errorf(EInvalid, "settle: %s %q is no relation's mark (want a relation type and %sFROM>TO at [0,0))", m.Layer, m.Label, relationMarkPrefix)
	}
	return nil
}

// Describe names the unit for people: its layer and labels (a relation
// unit: its type and its ends' labels, "attributed_to Claim → GROUP").
func (u Unit) Describe() string {
	if r := u.Relation; r != nil {
		return r.Type + " " + r.From.Label + " → " + r.To.Label
	}
	var labels []string
	for _, v := range u.Versions {
		for _, sp := range v.Spans {
			if !slices.Contains(labels, sp.Label) {
				labels = append(labels, sp.Label)
			}
		}
	}
	if u.Document || len(labels) == 0 {
		return u.Layer
	}
	return u.Layer + " " + strings.Join(labels, "/")
}

// CurationCounts are a document's units by kind and whether gold settles them.
type CurationCounts struct {
	Unanimous, UnanimousOpen int
	Disputes, DisputesOpen   int
}

// Counts counts the units.
func (c Curation) Counts() CurationCounts {
	var n CurationCounts
	for _, u := range c.Units {
		switch u.Kind {
		case Unanimous:
			n.Unanimous++
			if !u.Settled() {
				n.UnanimousOpen++
			}
		case Dispute:
			n.Disputes++
			if !u.Settled() {
				n.DisputesOpen++
			}
		}
	}
	return n
}

// Adjudicated reports whether gold settles every unit of a document that
// annotators annotated.
func (c Curation) Adjudicated() bool {
	n := c.Counts()
	return len(c.Annotators) > 0 && n.UnanimousOpen+n.DisputesOpen == 0
}

// Align aligns one document's annotations for curation. marks are gold's
// settled marks on it (its Rejections by GoldAnnotator with no label; the
// store's Rejections(doc, GoldAnnotator)); layers not in the schema are left
// out.
func Align(doc AnnotatedDoc, sc *Schema, marks []Rejection) Curation {
	c := Curation{Doc: doc.ID, Annotators: curators(doc), GoldStatus: StatusTodo, doc: doc, schema: sc, marks: marks}
	if s, ok := doc.Status[GoldAnnotator]; ok {
		c.GoldStatus = s
	}
	marked := func(layer string, start, end int) bool {
		return slices.ContainsFunc(marks, func(m Rejection) bool {
			return m.Label == "" && m.Layer == layer && m.Start <= start && end <= m.End &&
				(m.Annotator == "" || m.Annotator == GoldAnnotator)
		})
	}
	var spanUnits []Unit
	for i := range sc.Layers {
		l := &sc.Layers[i]
		if l.Kind == DocumentLayer {
			if u, ok := alignLabels(doc, l.Name, c.Annotators); ok {
				u.Rejected = marked(l.Name, 0, 0)
				c.Units = append(c.Units, u)
			}
			continue
		}
		for _, u := range alignSpans(doc, l.Name, c.Annotators) {
			u.Rejected = u.Kind != GoldOnly && marked(u.Layer, u.Start, u.End)
			spanUnits = append(spanUnits, u)
		}
	}
	slices.SortStableFunc(spanUnits, func(a, b Unit) int {
		return cmp.Or(cmp.Compare(a.Start, b.Start), cmp.Compare(b.End, a.End))
	})
	c.Units = append(c.Units, spanUnits...)
	relUnits, waiting := alignRelations(doc, sc, c.Annotators, spanUnits, marks)
	c.Units, c.Waiting = append(c.Units, relUnits...), waiting
	return c
}

// alignRelations makes the relation units. An annotator's relation
// corresponds to gold when the spans at both its ends have gold
// counterparts: in their unit, the gold span with the same label and
// fragments, else the unit's one gold span when the annotator has one span
// there (gold took another version of it, or the curator's own). The
// annotators' relations of one type between the same gold spans are one
// unit, unanimous when every annotator made it; gold's relation between
// those spans settles it, as does its mark. A relation with an end in a
// unit gold does not settle yet waits (counted); one whose end gold
// settled with no counterpart is dropped with it.
func alignRelations(doc AnnotatedDoc, sc *Schema, annotators []string, spanUnits []Unit, marks []Rejection) (units []Unit, waiting int) {
	if len(doc.Relations) == 0 {
		return nil, 0
	}
	// Each annotator span's unit and gold counterpart there (-1: none).
	type end struct {
		unit, gold int
	}
	ends := make(map[string]end, len(doc.Spans))
	for i, u := range spanUnits {
		for _, v := range u.Versions {
			for _, sp := range v.Spans {
				e := end{unit: i, gold: slices.IndexFunc(u.Gold, func(g Span) bool { return sameSpan(g, sp) })}
				if e.gold < 0 && len(u.Gold) == 1 && len(v.Spans) == 1 {
					e.gold = 0
				}
				ends[sp.ID] = e
			}
		}
	}
	// resolvable: the end has a counterpart, or may have one once gold
	// settles its unit.
	resolvable := func(e end, ok bool) bool { return ok && (e.gold >= 0 || !spanUnits[e.unit].Settled()) }
	byKey := map[string]int{}
	unit := func(typ string, from, to Span) *Unit {
		key := typ + "\x00" + from.ID + "\x00" + to.ID
		i, ok := byKey[key]
		if !ok {
			u := Unit{Layer: typ, Kind: Dispute, Start: min(from.Start(), to.Start()), End: max(from.End(), to.End()),
				Relation: &RelationEnds{Type: typ, From: from, To: to}}
			for _, a := range annotators {
				u.Versions = append(u.Versions, Version{Annotator: a})
			}
			units = append(units, u)
			i = len(units) - 1
			byKey[key] = i
		}
		return &units[i]
	}
	var gold []Relation
	for _, r := range doc.Relations {
		if _, ok := sc.RelationType(r.Type); !ok {
			continue
		}
		if r.Annotator == GoldAnnotator {
			gold = append(gold, r)
			continue
		}
		a := slices.Index(annotators, r.Annotator)
		if a < 0 {
			continue
		}
		f, okf := ends[r.From]
		t, okt := ends[r.To]
		if !okf || !okt || f.gold < 0 || t.gold < 0 {
			if resolvable(f, okf) && resolvable(t, okt) {
				waiting++
			}
			continue
		}
		u := unit(r.Type, spanUnits[f.unit].Gold[f.gold], spanUnits[t.unit].Gold[t.gold])
		u.Versions[a].Relations = append(u.Versions[a].Relations, r)
	}
	for i := range units {
		if !slices.ContainsFunc(units[i].Versions, Version.None) {
			units[i].Kind = Unanimous
		}
	}
	if len(gold) > 0 {
		goldSpans := map[string]Span{}
		for _, sp := range doc.Spans {
			if sp.Annotator == GoldAnnotator {
				goldSpans[sp.ID] = sp
			}
		}
		for _, r := range gold {
			from, okf := goldSpans[r.From]
			to, okt := goldSpans[r.To]
			if !okf || !okt {
				continue
			}
			n := len(units)
			u := unit(r.Type, from, to)
			if len(units) > n {
				u.Kind = GoldOnly
			}
			u.GoldRelations = append(u.GoldRelations, r)
		}
	}
	for i := range units {
		u := &units[i]
		m := u.mark(doc.ID)
		u.Rejected = u.Kind != GoldOnly && slices.ContainsFunc(marks, func(x Rejection) bool {
			return x.Layer == m.Layer && x.Label == m.Label && (x.Annotator == "" || x.Annotator == GoldAnnotator)
		})
	}
	slices.SortStableFunc(units, func(a, b Unit) int {
		return cmp.Or(cmp.Compare(a.Relation.From.Start(), b.Relation.From.Start()), cmp.Compare(a.Relation.To.Start(), b.Relation.To.Start()),
			strings.Compare(a.Layer, b.Layer))
	})
	return units, waiting
}

// curators are the annotators a curator compares on a document.
func curators(doc AnnotatedDoc) []string {
	var names []string
	add := func(n string) {
		if n != "" && n != GoldAnnotator && doc.Status[n] != StatusSkipped && !slices.Contains(names, n) {
			names = append(names, n)
		}
	}
	for _, sp := range doc.Spans {
		add(sp.Annotator)
	}
	for _, dl := range doc.Labels {
		add(dl.Annotator)
	}
	for n, s := range doc.Status {
		if s == StatusDone {
			add(n)
		}
	}
	slices.Sort(names)
	return names
}

// alignLabels is a document layer's unit: each annotator's labels; none
// when nobody, gold included, gave a label of the layer.
func alignLabels(doc AnnotatedDoc, layer string, annotators []string) (Unit, bool) {
	u := Unit{Layer: layer, Document: true}
	any := false
	for _, a := range annotators {
		v := Version{Annotator: a}
		for _, dl := range doc.Labels {
			if dl.Layer == layer && dl.Annotator == a && !slices.Contains(v.Labels, dl.Label) {
				v.Labels = append(v.Labels, dl.Label)
			}
		}
		any = any || len(v.Labels) > 0
		u.Versions = append(u.Versions, v)
	}
	for _, dl := range doc.Labels {
		if dl.Layer == layer && dl.Annotator == GoldAnnotator && !slices.Contains(u.GoldLabels, dl.Label) {
			u.GoldLabels = append(u.GoldLabels, dl.Label)
		}
	}
	switch {
	case any && sameLabels(u.Versions):
		u.Kind = Unanimous
	case any:
		u.Kind = Dispute
	case len(u.GoldLabels) > 0:
		u.Kind = GoldOnly
	default:
		return u, false
	}
	return u, true
}

func sameLabels(vs []Version) bool {
	first := slices.Sorted(slices.Values(vs[0].Labels))
	for _, v := range vs[1:] {
		if !slices.Equal(first, slices.Sorted(slices.Values(v.Labels))) {
			return false
		}
	}
	return true
}

// attrDifferences is Unit.Differs: the attributes that differ between
// versions whose spans are otherwise alike; nil when fewer than two
// versions have spans or their spans differ in label or fragments.
func attrDifferences(vs []Version) []AttrDiff {
	var with []Version
	for _, v := range vs {
		if len(v.Spans) > 0 {
			with = append(with, v)
		}
	}
	if len(with) < 2 {
		return nil
	}
	for _, v := range with[1:] {
		if !slices.EqualFunc(v.Spans, with[0].Spans, sameSpan) {
			return nil
		}
	}
	var out []AttrDiff
	for i := range with[0].Spans {
		var names []string
		for _, v := range with {
			for name := range v.Spans[i].Attrs {
				if !slices.Contains(names, name) {
					names = append(names, name)
				}
			}
		}
		slices.Sort(names)
		for _, name := range names {
			var values []string
			seen := map[string]bool{}
			for _, v := range with {
				val := v.Spans[i].Attrs[name]
				k := Attrs{name: val}.key()
				if val == nil {
					k = ""
				}
				if !seen[k] {
					seen[k] = true
					values = append(values, AttrValueString(val))
				}
			}
			d := AttrDiff{Name: name, Values: values}
			if len(values) > 1 && !slices.ContainsFunc(out, func(o AttrDiff) bool { return o.String() == d.String() }) {
				out = append(out, d)
			}
		}
	}
	return out
}

// sameKey is what makes annotators' spans unanimous: label, fragments and
// attributes.
func sameKey(sp Span) string {
	if len(sp.Attrs) == 0 {
		return spanKey(sp)
	}
	return spanKey(sp) + "\x00" + sp.Attrs.key()
}

// sameSpan reports whether two spans are the same span: label and
// fragments (their attributes aside), as spanKey says.
func sameSpan(a, b Span) bool { return a.Label == b.Label && slices.Equal(a.Fragments, b.Fragments) }

// spanKey is what makes two annotators' spans the same span: label and
// fragments (their attributes aside).
func spanKey(sp Span) string {
	b := make([]byte, 0, len(sp.Label)+16*len(sp.Fragments))
	b = append(b, sp.Label...)
	for _, f := range sp.Fragments {
		b = append(b, '|')
		b = strconv.AppendInt(b, int64(f.Start), 10)
		b = append(b, '-')
		b = strconv.AppendInt(b, int64(f.End), 10)
	}
	return string(b)
}

// alignSpans makes a span layer's units: first each span every annotator made
// exactly alike, attributes too (unanimous), then the rest grouped by overlap (one
// dispute per group of spans that overlap one another, however chained);
// gold's spans go to the unit whose span they copy, else to the units they
// overlap, else to a unit of their own.
func alignSpans(doc AnnotatedDoc, layer string, annotators []string) []Unit {
	// Each annotator's spans of the layer, each list allocated once.
	count := make([]int, len(annotators)+1) // the last: gold's
	who := make([]int, len(doc.Spans))
	for j, sp := range doc.Spans {
		who[j] = -1
		switch {
		case sp.Layer != layer:
		case sp.Annotator == GoldAnnotator:
			who[j] = len(annotators)
		default:
			who[j] = slices.Index(annotators, sp.Annotator)
		}
		if who[j] >= 0 {
			count[who[j]]++
		}
	}
	per := make([][]Span, len(annotators))
	for i := range per {
		per[i] = make([]Span, 0, count[i])
	}
	gold := make([]Span, 0, count[len(annotators)])
	for j, sp := range doc.Spans {
		switch w := who[j]; {
		case w == len(annotators):
			gold = append(gold, sp)
		case w >= 0:
			per[w] = append(per[w], sp)
		}
	}
	for i := range per {
		SortSpans(per[i])
	}
	SortSpans(gold)
	var units []Unit
	if len(annotators) > 0 {
		used := make([][]bool, len(per))
		for i := range per {
			used[i] = make([]bool, len(per[i]))
		}
		// Each annotator's spans by key, in reading order, for matching.
		byKey := make([]map[string][]int, len(per))
		for i := range per {
			byKey[i] = make(map[string][]int, len(per[i]))
			for k, sp := range per[i] {
				key := sameKey(sp)
				byKey[i][key] = append(byKey[i][key], k)
			}
		}
		for j, sp := range per[0] {
			key := sameKey(sp)
			match := []int{j}
			for i := 1; i < len(per); i++ {
				k := -1
				for _, c := range byKey[i][key] {
					if !used[i][c] {
						k = c
						break
					}
				}
				if k < 0 {
					break
				}
				match = append(match, k)
			}
			if len(match) < len(per) {
				continue
			}
			u := Unit{Layer: layer, Kind: Unanimous, Start: sp.Start(), End: sp.End()}
			for i, k := range match {
				used[i][k] = true
				u.Versions = append(u.Versions, Version{Annotator: annotators[i], Spans: []Span{per[i][k]}})
			}
			units = append(units, u)
		}
		// The rest, grouped by overlap (union-find over the pairs).
		type item struct {
			who int
			sp  Span
		}
		rest := make([]item, 0, len(doc.Spans))
		for i := range per {
			for k, sp := range per[i] {
				if !used[i][k] {
					rest = append(rest, item{i, sp})
				}
			}
		}
		parent := make([]int, len(rest))
		for i := range parent {
			parent[i] = i
		}
		find := func(i int) int {
			for parent[i] != i {
				parent[i] = parent[parent[i]]
				i = parent[i]
			}
			return i
		}
		for i := range rest {
			for j := i + 1; j < len(rest); j++ {
				if rest[j].sp.Start() >= rest[i].sp.End() {
					continue
				}
				if rest[i].sp.Overlaps(rest[j].sp) {
					parent[find(j)] = find(i)
				}
			}
		}
		groups := map[int]int{} // root -> unit index
		for i, it := range rest {
			r := find(i)
			ui, ok := groups[r]
			if !ok {
				u := Unit{Layer: layer, Kind: Dispute, Start: it.sp.Start(), End: it.sp.End()}
				for _, a := range annotators {
					u.Versions = append(u.Versions, Version{Annotator: a})
				}
				units = append(units, u)
				ui = len(units) - 1
				groups[r] = ui
			}
			u := &units[ui]
			u.Versions[it.who].Spans = append(u.Versions[it.who].Spans, it.sp)
			u.Start, u.End = min(u.Start, it.sp.Start()), max(u.End, it.sp.End())
		}
		for _, ui := range groups {
			units[ui].Differs = attrDifferences(units[ui].Versions)
		}
	}
	// Gold: the unit whose span it copies, else those it overlaps, else its own.
	copied := map[string][]int{} // span key -> units holding such a span
	if len(gold) > 0 {
		for i, u := range units {
			for _, v := range u.Versions {
				for _, sp := range v.Spans {
					if k := spanKey(sp); !slices.Contains(copied[k], i) {
						copied[k] = append(copied[k], i)
					}
				}
			}
		}
	}
	for _, g := range gold {
		placed := false
		for _, i := range copied[spanKey(g)] {
			if u := &units[i]; u.Kind != Unanimous || len(u.Gold) == 0 {
				u.Gold = append(u.Gold, g)
				placed = true
				break
			}
		}
		if !placed {
			for i := range units {
				if unitOverlaps(units[i], g) {
					units[i].Gold = append(units[i].Gold, g)
					placed = true
				}
			}
		}
		if !placed {
			u := Unit{Layer: layer, Kind: GoldOnly, Start: g.Start(), End: g.End(), Gold: []Span{g}}
			for _, a := range annotators {
				u.Versions = append(u.Versions, Version{Annotator: a})
			}
			units = append(units, u)
		}
	}
	return units
}

func unitOverlaps(u Unit, g Span) bool {
	return slices.ContainsFunc(u.Versions, func(v Version) bool {
		return slices.ContainsFunc(v.Spans, g.Overlaps)
	})
}

// CurationEdits: a curator's decisions as edits on the gold layer. Each
// returns one CurateEdit that settles what it names; when that leaves
// nothing open on the document, the same edit marks gold's status done (the
// document adjudicated), so undo takes both back together.

// Accept is the edit that takes annotator's version of the unit into gold,
// replacing what gold had there (a version that is "none" settles the
// unit with nothing, as Reject does).
func (c Curation) Accept(curator string, u Unit, annotator string) (CurateEdit, error) {
	v, ok := u.Version(annotator)
	if !ok {
		return CurateEdit{}, Errorf(EInvalid, "%s: %s has no version here (annotators: %s)", u.Describe(), annotator, strings.Join(c.Annotators, ", "))
	}
	e := c.clear(curator, u)
	e.What = fmt.Sprintf("accept %s's version of %s", annotator, u.Describe())
	prov := Adjudicated(annotator)
	if u.Kind == Unanimous {
		prov = ProvUnanimous
	}
	switch {
	case u.Document:
		e.Labels = []LabelChange{{Layer: u.Layer, After: slices.Clone(v.Labels)}}
		if len(v.Labels) == 0 {
			e.Settle = append(e.Settle, u.mark(c.Doc))
		}
	case v.None():
		e.Settle = append(e.Settle, u.mark(c.Doc))
	case u.Relation != nil:
		e.Link = append(e.Link, goldLink(c.Doc, *u.Relation, prov))
	default:
		for _, sp := range v.Spans {
			e.Add = append(e.Add, goldCopy(sp, prov))
		}
	}
	return c.finish(e), nil
}

// Reject is the edit that settles the unit with nothing in gold.
func (c Curation) Reject(curator string, u Unit) CurateEdit {
	e := c.clear(curator, u)
	e.What = "reject " + u.Describe()
	if u.Document {
		e.Labels = []LabelChange{{Layer: u.Layer}}
	}
	e.Settle = append(e.Settle, u.mark(c.Doc))
	return c.finish(e)
}

// AcceptUnanimous is the edit that takes every unanimous unit gold does not
// settle yet into gold, with the unanimous relations between the spans it
// takes (which were no units before); n is how many units it settles, 0
// when there is none.
func (c Curation) AcceptUnanimous(curator string) (e CurateEdit, n int) {
	e = CurateEdit{Curator: curator, DocID: c.Doc}
	take := func(units []Unit) {
		for _, u := range units {
			if u.Kind != Unanimous || u.Settled() {
				continue
			}
			n++
			switch {
			case u.Document:
				e.Labels = append(e.Labels, LabelChange{Layer: u.Layer, After: slices.Clone(u.Versions[0].Labels)})
			case u.Relation != nil:
				e.Link = append(e.Link, goldLink(c.Doc, *u.Relation, ProvUnanimous))
			default:
				for _, sp := range u.Versions[0].Spans {
					e.Add = append(e.Add, goldCopy(sp, ProvUnanimous))
				}
			}
		}
	}
	take(c.Units)
	if n == 0 {
		return e, 0
	}
	if len(e.Add) > 0 && c.Waiting > 0 {
		if after, ok := c.afterEdit(e); ok {
			take(slices.DeleteFunc(after.Units, func(u Unit) bool { return u.Relation == nil }))
		}
	}
	e.What = fmt.Sprintf("accept %d unanimous", n)
	return c.finish(e), n
}

// Change is the curator's own change to a gold span (its label, fragments,
// attributes or note): afterwards it is the curator's (ProvCurator).
func (c Curation) Change(curator string, before, after Span) CurateEdit {
	after = after.Clone()
	after.Provenance = ProvCurator
	what := "change gold " + after.Label
	if before.Label != after.Label {
		what = "relabel gold " + before.Label + " as " + after.Label
	}
	return CurateEdit{Curator: curator, DocID: c.Doc, What: what,
		curationBody: curationBody{Update: []SpanUpdate{{Before: before.Clone(), After: after}}}}
}

// AddOwn is the curator's own new gold span; when it settles the last
// open unit, it marks the document adjudicated.
func (c Curation) AddOwn(curator string, sp Span) CurateEdit {
	e := CurateEdit{Curator: curator, DocID: c.Doc, What: "add gold " + sp.Label,
		curationBody: curationBody{Add: []Span{goldCopy(sp, ProvCurator)}}}
	return c.finish(e)
}

// clear is an edit that takes away what gold holds in the unit.
func (c Curation) clear(curator string, u Unit) CurateEdit {
	e := CurateEdit{Curator: curator, DocID: c.Doc}
	for _, g := range u.Gold {
		e.Remove = append(e.Remove, Span{ID: g.ID, DocID: c.Doc})
	}
	for _, r := range u.GoldRelations {
		e.Unlink = append(e.Unlink, Relation{ID: r.ID, DocID: c.Doc})
	}
	if u.Rejected {
		e.Unsettle = append(e.Unsettle, u.mark(c.Doc))
	}
	return e
}

// finish marks the document adjudicated in the same edit when, after it,
// no unit is left open: the document as the edit leaves it is aligned
// again, so that the relation units the edit's spans bring count too.
func (c Curation) finish(e CurateEdit) CurateEdit {
	if c.GoldStatus == StatusDone || len(c.Annotators) == 0 {
		return e
	}
	if after, ok := c.afterEdit(e); ok && after.Adjudicated() {
		e.Status = StatusDone
	}
	return e
}

// afterEdit is the curation of the document as e would leave it: e applied
// by its own rules to a copy of what Align read. ok is false when e would
// be refused (then the store refuses it too).
func (c Curation) afterEdit(e CurateEdit) (Curation, bool) {
	if c.schema == nil {
		return Curation{}, false
	}
	d := c.doc.Clone()
	sc := *c.schema
	st := NewDocState(&d, &sc, nil)
	st.SetRejections(c.marks)
	var actors []ActorEntry // the entries gold copies link to, as far as the edit needs them
	for _, sp := range e.Add {
		if sp.Actor != "" {
			actors = append(actors, ActorEntry{ID: sp.Actor})
		}
	}
	st.SetActors(actors)
	if _, err := e.Apply(context.Background(), st); err != nil {
		return Curation{}, false
	}
	return Align(d, c.schema, st.Rejections()), true
}

// goldCopy is an annotator's span as a new gold span, with its id made
// here so that a relation in the same edit can name it.
func goldCopy(sp Span, provenance string) Span {
	g := Span{ID: NewID("s"), Layer: sp.Layer, Label: sp.Label, Fragments: slices.Clone(sp.Fragments), Attrs: sp.Attrs.Clone(),
		Note: sp.Note, Actor: sp.Actor, Annotator: GoldAnnotator, Provenance: provenance}
	return g
}

// goldLink is a relation unit's relation as a new gold relation.
func goldLink(doc string, r RelationEnds, provenance string) Relation {
	return Relation{ID: NewID("r"), DocID: doc, Type: r.Type, From: r.From.ID, To: r.To.ID, Annotator: GoldAnnotator, Provenance: provenance}
}

// CurationEntry is one document in the curation queue.
type CurationEntry struct {
	Doc, Title  string
	Annotators  []string
	Counts      CurationCounts
	Adjudicated bool
}

// Entry is the document's line in the queue.
func (c Curation) Entry(title string) CurationEntry {
	return CurationEntry{Doc: c.Doc, Title: title, Annotators: c.Annotators, Counts: c.Counts(), Adjudicated: c.Adjudicated()}
}

// SortQueue orders the queue by disagreement: the most open disputes first
// (then the most disputes, then the most unanimous units still to accept),
// adjudicated documents last, documents no annotator touched left out; ties
// keep their order (import order).
func SortQueue(q []CurationEntry) []CurationEntry {
	out := slices.DeleteFunc(slices.Clone(q), func(e CurationEntry) bool { return len(e.Annotators) == 0 })
	slices.SortStableFunc(out, func(a, b CurationEntry) int {
		if a.Adjudicated != b.Adjudicated {
			if a.Adjudicated {
				return 1
			}
			return -1
		}
		return cmp.Or(cmp.Compare(b.Counts.DisputesOpen, a.Counts.DisputesOpen),
			cmp.Compare(b.Counts.Disputes, a.Counts.Disputes),
			cmp.Compare(b.Counts.UnanimousOpen, a.Counts.UnanimousOpen))
	})
	return out
}

// CurationProgress is curation over a corpus.
type CurationProgress struct {
	// Documents some annotator annotated; Adjudicated those gold settles
	// whole.
	Documents, Adjudicated int
	// DisputesOpen and UnanimousOpen are the units gold does not settle yet.
	DisputesOpen, UnanimousOpen int
}

// Progress sums the queue.
func Progress(q []CurationEntry) CurationProgress {
	var p CurationProgress
	for _, e := range q {
		if len(e.Annotators) == 0 {
			continue
		}
		p.Documents++
		if e.Adjudicated {
			p.Adjudicated++
		}
		p.DisputesOpen += e.Counts.DisputesOpen
		p.UnanimousOpen += e.Counts.UnanimousOpen
	}
	return p
}

// String is the progress as the status line and the command line say it:
// "41 of 53 documents adjudicated, 12 disputes left (30 unanimous to accept)".
func (p CurationProgress) String() string {
	s := fmt.Sprintf("%d of %d %s adjudicated, %d %s left", p.Adjudicated, p.Documents, plural(p.Documents, "document", "documents"),
		p.DisputesOpen, plural(p.DisputesOpen, "dispute", "disputes"))
	if p.UnanimousOpen > 0 {
		s += fmt.Sprintf(" (%d unanimous to accept)", p.UnanimousOpen)
	}
	return s
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}
