// Package findings turns labels into the tables of a results section: who
// claims what, which techniques each actor and each outlet uses, how outlets
// frame events, how technique use changes over time, and how often each
// label was used.
//
// It is domain knowledge over annotate's types with no dependency of its own
// (what counts as an attribution, a technique "in" a claim, an actor's one
// name), so it is a subpackage of the domain, like agreement; the command
// line, the window and the report writer consume it. Documents are added one
// at a time (Builder.Add), so a caller streaming a project keeps neither the
// texts nor the documents: only the counts and the claim rows.
//
// Every count is of annotations: with no annotator chosen, two annotators'
// spans on one document count twice. Choose one annotator (or the gold
// annotator) for figures about the corpus rather than about the labelling.
package findings

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
	"unicode/utf8"

	"frametag/annotate"
)

// Layers names the parts of a schema the findings read. The default schema
// (news-persuasion) has them all; a schema without one gives empty tables
// for what needs it.
type Layers struct {
	Claim, Actor, Technique, Frame string
	// Attribution is the relation type from a claim to the actor who makes
	// it.
	Attribution string
	// CanonicalName is the actor attribute that gives one name to every
	// mention of an actor; without it an actor is named by its span's text.
	CanonicalName string
	// Checkworthy is the claim attribute reported in who-claims-what.
	Checkworthy string
}

// DefaultLayers are the names in the news-persuasion schema.
func DefaultLayers() Layers {
	return Layers{Claim: "claim", Actor: "actor", Technique: "technique", Frame: "frame",
		Attribution: "attributed_to", CanonicalName: "canonical_name", Checkworthy: "checkworthy"}
}

// Options choose whose annotations are counted and where they are.
type Options struct {
	// Annotator, when not "", counts only that annotator's spans,
	// relations and document labels.
	Annotator string
	Layers    Layers
	// Sources, when not empty, counts only the documents of these sources
	// (trimmed; NoSource names documents without one).
	Sources []string
	// From and To, when set (ISO dates: YYYY-MM-DD or YYYY-MM), count only
	// the documents published in that range, both ends included, compared
	// to the precision both have ("2024-03" is within From 2024-03-10).
	// Documents without a usable date are then left out.
	From, To string
	// Layer, when set, keeps only that layer's rows in the label table.
	Layer string
	// Trace, when set, is told every span each count is made of: the cell
	// counted and the span (a document label or a document counted in a
	// documents column: its document, Span ""). The window lists the spans
	// behind a cell this way, so every number traces back to what it
	// counts.
	Trace func(Cell, annotate.SpanRef)
}

// Cell names one count of a table: the table (its file stem, CrossTab.Name
// or "labels"), the row (an actor, source or month; a layer in labels) and
// the column (a label, or the table's TotalName; the label in labels).
type Cell struct{ Table, Row, Col string }

// LabelsTable names the label table in a Cell.
const LabelsTable = "labels"

// CheckDate refuses a date that is not YYYY-MM-DD or YYYY-MM (with a month
// 01–12 and a day 01–31): what From and To take.
func CheckDate(s string) error {
	if d := docDate(s); d == "" || d != strings.TrimSpace(s) {
		return fmt.Errorf("%q is not a date: want YYYY-MM-DD or YYYY-MM", s)
	}
	return nil
}

// docDate is a published value's date to the day (YYYY-MM-DD) or the month
// (YYYY-MM), or "" when it has no usable one.
func docDate(published string) string {
	m := Month(published)
	if m == Undated {
		return ""
	}
	p := strings.TrimSpace(published)
	if len(p) >= 10 && p[7] == '-' && p[8] >= '0' && p[8] <= '3' && p[9] >= '0' && p[9] <= '9' &&
		p[8:10] >= "01" && p[8:10] <= "31" && (len(p) == 10 || p[10] < '0' || p[10] > '9') {
		return p[:10]
	}
	return m
}

// keeps reports whether a document passes the source and date filters.
func (o *Options) keeps(source, published string) bool {
	if len(o.Sources) > 0 {
		source := strings.TrimSpace(source)
		if source == "" {
			source = NoSource
		}
		if !slices.Contains(o.Sources, source) {
			return false
		}
	}
	if o.From == "" && o.To == "" {
		return true
	}
	date := docDate(published)
	if date == "" {
		return false
	}
	cut := func(bound string) (string, string) {
		n := min(len(date), len(bound))
		return date[:n], bound[:n]
	}
	if o.From != "" {
		if x, b := cut(o.From); x < b {
			return false
		}
	}
	if o.To != "" {
		if x, b := cut(o.To); x > b {
			return false
		}
	}
	return true
}

// NoSource and Undated name the rows of documents without a source or a
// usable published date.
const (
	NoSource = "(no source)"
	Undated  = "(undated)"
)

// Claim is one row of who-claims-what: a claim attributed to an actor.
type Claim struct {
	Actor, ActorKind string
	Text             string
	Document         string
	Source           string
	Published        string
	// Techniques are the labels of the claim's annotator's technique spans
	// that share text with the claim, each once, in schema order.
	Techniques  []string
	Checkworthy string
	Annotator   string
	// Span is the claim span's id, so that every row traces back to it.
	Span string
}

// CrossTab is a table of counts: rows (actors, sources, months) by columns
// (labels), with one more count per row (Totals: the row's claims or
// documents, for normalising).
type CrossTab struct {
	// Name is the file stem ("technique-by-actor"); Title says what it
	// counts; RowName heads the first column, TotalName the second.
	Name, Title, RowName, TotalName string
	Rows, Cols                      []string
	Totals                          []int
	Counts                          [][]int // [row][col]
}

// Max is the largest count in the table (0 when it is empty).
func (t CrossTab) Max() int {
	m := 0
	for _, r := range t.Counts {
		for _, n := range r {
			m = max(m, n)
		}
	}
	return m
}

// Sum is every count in the table added up.
func (t CrossTab) Sum() int {
	s := 0
	for _, r := range t.Counts {
		for _, n := range r {
			s += n
		}
	}
	return s
}

// ColSums are the columns' totals.
func (t CrossTab) ColSums() []int {
	s := make([]int, len(t.Cols))
	for _, r := range t.Counts {
		for j, n := range r {
			s[j] += n
		}
	}
	return s
}

// LabelUse is one row of labels.csv: how one label of one layer was used.
type LabelUse struct {
	Layer string
	Kind  annotate.LayerKind
	Label string
	// Count is spans on a span layer, document labels on a document layer
	// (what `frametag stats` prints); Documents and Annotators count the
	// distinct documents and annotators among them.
	Count, Documents, Annotators int
}

// Findings are every table of a report.
type Findings struct {
	Claims                              []Claim
	TechniqueByActor, TechniqueBySource CrossTab
	FrameBySource, TechniquesOverTime   CrossTab
	Labels                              []LabelUse
	Documents                           int
	Annotator                           string
	missingLayers                       []string
}

// Missing names the layers and relation types the schema lacks, so that the
// caller can say why a table is empty.
func (f Findings) Missing() []string { return f.missingLayers }

// CrossTabs are the four cross tables in report order.
func (f Findings) CrossTabs() []CrossTab {
	return []CrossTab{f.TechniqueByActor, f.TechniqueBySource, f.FrameBySource, f.TechniquesOverTime}
}

// Compute is New, Add for every document, and Findings.
func Compute(sc annotate.Schema, docs []annotate.AnnotatedDoc, opt Options) Findings {
	b := New(sc, opt)
	for i := range docs {
		b.Add(&docs[i])
	}
	return b.Findings()
}

// Builder gathers the counts one document at a time.
type Builder struct {
	sc  annotate.Schema
	opt Options

	techniques, frames labelIndex

	docs    int
	claims  []Claim
	actors  map[string]*actorRow
	sources map[string]*row
	frameBy map[string]*row
	months  map[string]*row
	labels  map[layerLabel]*labelTally
	// per document scratch, reused
	rec       *Recorder // for Add
	scratch   Record
	seenLabel map[layerLabel]bool
	techSeen  map[string]bool
	tech      []int
	pairs     []pair
	actorTech []actorTech
}

// pair is a claim attributed to an actor, by their indexes in a document's
// spans; actorTech a technique span already counted for an actor.
type (
	pair      struct{ claim, actor int }
	actorTech struct {
		actor string
		tech  int
	}
)

type layerLabel struct{ layer, label string }

type labelTally struct {
	count, docs int
	annotators  map[string]bool
}

type row struct {
	total  int
	counts []int
}

type actorRow struct{ row }

// labelIndex numbers a layer's labels: the schema's in schema order, then
// any others in the order met.
type labelIndex struct {
	names []string
	at    map[string]int
}

func newLabelIndex(sc *annotate.Schema, layer string) labelIndex {
	ix := labelIndex{at: map[string]int{}}
	if l, ok := sc.Layer(layer); ok {
		for _, lb := range l.Labels {
			ix.add(lb.Name)
		}
	}
	return ix
}

func (ix *labelIndex) add(name string) int {
	if i, ok := ix.at[name]; ok {
		return i
	}
	ix.at[name] = len(ix.names)
	ix.names = append(ix.names, name)
	return len(ix.names) - 1
}

// New starts the findings of a project with schema sc.
func New(sc annotate.Schema, opt Options) *Builder {
	if opt.Layers == (Layers{}) {
		opt.Layers = DefaultLayers()
	}
	b := &Builder{sc: sc, opt: opt,
		actors: map[string]*actorRow{}, sources: map[string]*row{}, frameBy: map[string]*row{},
		months: map[string]*row{}, labels: map[layerLabel]*labelTally{},
		seenLabel: map[layerLabel]bool{}, techSeen: map[string]bool{}}
	b.techniques = newLabelIndex(&b.sc, opt.Layers.Technique)
	b.frames = newLabelIndex(&b.sc, opt.Layers.Frame)
	return b
}

func (b *Builder) counted(annotator string) bool {
	return b.opt.Annotator == "" || annotator == b.opt.Annotator
}

// grow makes r.counts at least n long (labels met that the schema lacks).
func (r *row) grow(n int) {
	if len(r.counts) < n {
		r.counts = append(r.counts, make([]int, n-len(r.counts))...)
	}
}

func rowOf(m map[string]*row, key string) *row {
	r := m[key]
	if r == nil {
		r = &row{}
		m[key] = r
	}
	return r
}

// Add counts one document and everything on it.
func (b *Builder) Add(d *annotate.AnnotatedDoc) {
	if b.rec == nil {
		b.rec = NewRecorder(b.opt.Layers)
	}
	// The record is used once: its slices are reused, its strings not
	// interned.
	b.rec.fill(d, &b.scratch, func(s string) string { return s })
	b.AddRecord(&b.scratch)
}

// AddRecord counts one document's record (made by a Recorder for the same
// Layers).
func (b *Builder) AddRecord(d *Record) {
	if !b.opt.keeps(d.Source, d.Published) {
		return
	}
	L := b.opt.Layers
	b.docs++
	source := d.Source
	if source == "" {
		source = NoSource
	}
	month := Month(d.Published)
	trace := b.opt.Trace
	docRef := annotate.SpanRef{Doc: d.ID}
	if trace != nil {
		trace(Cell{"technique-by-source", source, "documents"}, docRef)
		trace(Cell{"frame-by-source", source, "documents"}, docRef)
		trace(Cell{"techniques-over-time", month, "documents"}, docRef)
	}
	srcRow := rowOf(b.sources, source)
	srcRow.total++
	frameRow := rowOf(b.frameBy, source)
	frameRow.total++
	monthRow := rowOf(b.months, month)
	monthRow.total++

	clear(b.seenLabel)
	tally := func(layer, label, annotator string) {
		k := layerLabel{layer, label}
		t := b.labels[k]
		if t == nil {
			t = &labelTally{annotators: map[string]bool{}}
			b.labels[k] = t
		}
		t.count++
		t.annotators[annotator] = true
		if !b.seenLabel[k] {
			b.seenLabel[k] = true
			t.docs++
		}
	}

	// Spans: label use, techniques per source and month.
	techs := b.tech[:0]
	defer func() { b.tech = techs }()
	for i := range d.Spans {
		sp := &d.Spans[i]
		if !b.counted(sp.Annotator) {
			continue
		}
		tally(sp.Layer, sp.Label, sp.Annotator)
		if trace != nil {
			ref := annotate.SpanRef{Doc: d.ID, Span: sp.ID}
			trace(Cell{LabelsTable, sp.Layer, sp.Label}, ref)
			if sp.Layer == L.Technique {
				trace(Cell{"technique-by-source", source, sp.Label}, ref)
				trace(Cell{"techniques-over-time", month, sp.Label}, ref)
			}
		}
		if sp.Layer == L.Technique {
			j := b.techniques.add(sp.Label)
			srcRow.grow(j + 1)
			srcRow.counts[j]++
			monthRow.grow(j + 1)
			monthRow.counts[j]++
			techs = append(techs, i)
		}
	}
	for _, dl := range d.Labels {
		if !b.counted(dl.Annotator) {
			continue
		}
		tally(dl.Layer, dl.Label, dl.Annotator)
		if trace != nil {
			trace(Cell{LabelsTable, dl.Layer, dl.Label}, docRef)
			if dl.Layer == L.Frame {
				trace(Cell{"frame-by-source", source, dl.Label}, docRef)
			}
		}
		if dl.Layer == L.Frame {
			j := b.frames.add(dl.Label)
			frameRow.grow(j + 1)
			frameRow.counts[j]++
		}
	}

	// Attributions whose ends are both counted, in reading order of the
	// claims, then by the actor's name.
	pairs := b.pairs[:0]
	defer func() { b.pairs = pairs }()
	for _, at := range d.Attributions {
		if b.counted(at.Annotator) && b.counted(d.Spans[at.Claim].Annotator) && b.counted(d.Spans[at.Actor].Annotator) {
			pairs = append(pairs, pair{at.Claim, at.Actor})
		}
	}
	if len(pairs) == 0 {
		return
	}
	slices.SortStableFunc(pairs, func(x, y pair) int {
		if c := annotate.CompareSpans(d.Spans[x.claim].span(), d.Spans[y.claim].span()); c != 0 {
			return c
		}
		return cmp.Compare(d.Spans[x.actor].Text, d.Spans[y.actor].Text)
	})
	// Each actor counts a technique span once however many of its claims
	// the span overlaps.
	seen := b.actorTech[:0]
	defer func() { b.actorTech = seen }()
	for _, p := range pairs {
		claim, actor := &d.Spans[p.claim], &d.Spans[p.actor]
		name := actor.Text
		ar := b.actors[name]
		if ar == nil {
			ar = &actorRow{}
			b.actors[name] = ar
		}
		ar.total++
		if trace != nil {
			trace(Cell{"technique-by-actor", name, "claims"}, annotate.SpanRef{Doc: d.ID, Span: claim.ID})
		}
		clear(b.techSeen)
		for _, t := range techs {
			tech := &d.Spans[t]
			if tech.Annotator != claim.Annotator || !tech.span().Overlaps(claim.span()) {
				continue
			}
			b.techSeen[tech.Label] = true
			if k := (actorTech{name, t}); !slices.Contains(seen, k) {
				seen = append(seen, k)
				j := b.techniques.add(tech.Label)
				ar.grow(j + 1)
				ar.counts[j]++
				if trace != nil {
					trace(Cell{"technique-by-actor", name, tech.Label}, annotate.SpanRef{Doc: d.ID, Span: tech.ID})
				}
			}
		}
		var labels []string
		for l := range b.techSeen {
			labels = append(labels, l)
		}
		slices.SortFunc(labels, func(x, y string) int { return cmp.Compare(b.techniques.at[x], b.techniques.at[y]) })
		b.claims = append(b.claims, Claim{
			Actor: name, ActorKind: actor.Label, Text: claim.Text, Document: d.ID,
			Source: d.Source, Published: d.Published,
			Techniques: labels, Checkworthy: claim.Checkworthy, Annotator: claim.Annotator, Span: claim.ID,
		})
	}
}

// spanText is what fragments (code points) cover in text, joined as
// annotate.TextIndex.SpanText joins them, without indexing the whole text;
// "" when they fall outside it.
func spanText(text string, frags []annotate.Fragment) string {
	var sb strings.Builder
	cp, at := 0, 0 // code point cp starts at byte at
	advance := func(to int) bool {
		for cp < to {
			if at >= len(text) {
				return false
			}
			_, n := utf8.DecodeRuneInString(text[at:])
			at += n
			cp++
		}
		return true
	}
	for i, f := range frags {
		if f.Start < cp || !advance(f.Start) {
			return ""
		}
		from := at
		if !advance(f.End) {
			return ""
		}
		if len(frags) == 1 {
			return text[from:at]
		}
		if i > 0 {
			sb.WriteString(annotate.FragmentSeparator)
		}
		sb.WriteString(text[from:at])
	}
	return sb.String()
}

// Month is the "YYYY-MM" a published date falls in (ISO 8601 dates and
// times, or a bare year and month), or Undated.
func Month(published string) string {
	p := strings.TrimSpace(published)
	if len(p) < 7 || p[4] != '-' {
		return Undated
	}
	for i, c := range p[:7] {
		if i != 4 && (c < '0' || c > '9') {
			return Undated
		}
	}
	if m := p[5:7]; m < "01" || m > "12" || (len(p) > 7 && p[7] >= '0' && p[7] <= '9') {
		return Undated
	}
	return p[:7]
}

// Findings returns the tables for everything added so far.
func (b *Builder) Findings() Findings {
	L := b.opt.Layers
	f := Findings{Claims: b.claims, Documents: b.docs, Annotator: b.opt.Annotator}
	for _, name := range []string{L.Claim, L.Actor, L.Technique, L.Frame} {
		if _, ok := b.sc.Layer(name); !ok {
			f.missingLayers = append(f.missingLayers, "layer "+name)
		}
	}
	if _, ok := b.sc.RelationType(L.Attribution); !ok {
		f.missingLayers = append(f.missingLayers, "relation type "+L.Attribution)
	}
	techs, frames := b.techniques.names, b.frames.names

	// Actors: most claims first, then by name.
	actors := make([]string, 0, len(b.actors))
	for name := range b.actors {
		actors = append(actors, name)
	}
	slices.SortFunc(actors, func(x, y string) int {
		if c := cmp.Compare(b.actors[y].total, b.actors[x].total); c != 0 {
			return c
		}
		return cmp.Compare(x, y)
	})
	rows := make(map[string]*row, len(b.actors))
	for name, ar := range b.actors {
		rows[name] = &ar.row
	}
	f.TechniqueByActor = crossTab("technique-by-actor", "Techniques in the claims attributed to each actor",
		"actor", "claims", actors, techs, rows)

	sources := sortedKeys(b.sources, NoSource)
	f.TechniqueBySource = crossTab("technique-by-source", "Techniques by source", "source", "documents", sources, techs, b.sources)
	f.FrameBySource = crossTab("frame-by-source", "Frames by source", "source", "documents", sources, frames, b.frameBy)
	f.TechniquesOverTime = crossTab("techniques-over-time", "Techniques by month published", "month", "documents",
		monthRange(b.months), techs, b.months)

	// Labels: layers in schema order, labels in schema order, then labels
	// and layers the schema does not know, by name.
	var uses []LabelUse
	done := map[layerLabel]bool{}
	use := func(layer string, kind annotate.LayerKind, label string) {
		k := layerLabel{layer, label}
		done[k] = true
		u := LabelUse{Layer: layer, Kind: kind, Label: label}
		if t := b.labels[k]; t != nil {
			u.Count, u.Documents, u.Annotators = t.count, t.docs, len(t.annotators)
		}
		uses = append(uses, u)
	}
	for _, l := range b.sc.Layers {
		for _, lb := range l.Labels {
			if b.opt.Layer == "" || l.Name == b.opt.Layer {
				use(l.Name, l.Kind, lb.Name)
			}
		}
	}
	var rest []layerLabel
	for k := range b.labels {
		if !done[k] && (b.opt.Layer == "" || k.layer == b.opt.Layer) {
			rest = append(rest, k)
		}
	}
	slices.SortFunc(rest, func(x, y layerLabel) int {
		return cmp.Or(cmp.Compare(x.layer, y.layer), cmp.Compare(x.label, y.label))
	})
	for _, k := range rest {
		kind := annotate.LayerKind("")
		if l, ok := b.sc.Layer(k.layer); ok {
			kind = l.Kind
		}
		use(k.layer, kind, k.label)
	}
	f.Labels = uses
	return f
}

func crossTab(name, title, rowName, totalName string, rows, cols []string, m map[string]*row) CrossTab {
	t := CrossTab{Name: name, Title: title, RowName: rowName, TotalName: totalName, Rows: rows, Cols: cols,
		Totals: make([]int, len(rows)), Counts: make([][]int, len(rows))}
	for i, key := range rows {
		t.Counts[i] = make([]int, len(cols))
		if r := m[key]; r != nil {
			t.Totals[i] = r.total
			copy(t.Counts[i], r.counts)
		}
	}
	return t
}

// sortedKeys are m's keys by name, last (when present) last.
func sortedKeys(m map[string]*row, last string) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		if k != last {
			keys = append(keys, k)
		}
	}
	slices.Sort(keys)
	if _, ok := m[last]; ok {
		keys = append(keys, last)
	}
	return keys
}

// monthRange is every month from the first to the last that holds a
// document (months without one included, so that a line over time has no
// silent gaps), then Undated when a document has no usable date.
func monthRange(m map[string]*row) []string {
	dated := sortedKeys(m, Undated)
	hasUndated := len(dated) > 0 && dated[len(dated)-1] == Undated
	if hasUndated {
		dated = dated[:len(dated)-1]
	}
	var out []string
	if len(dated) > 0 {
		y, mo := ym(dated[0])
		ly, lmo := ym(dated[len(dated)-1])
		for y < ly || (y == ly && mo <= lmo) {
			out = append(out, monthName(y, mo))
			if mo++; mo > 12 {
				y, mo = y+1, 1
			}
		}
	}
	if hasUndated {
		out = append(out, Undated)
	}
	return out
}

func ym(s string) (int, int) {
	y := int(s[0]-'0')*1000 + int(s[1]-'0')*100 + int(s[2]-'0')*10 + int(s[3]-'0')
	return y, int(s[5]-'0')*10 + int(s[6]-'0')
}

func monthName(y, m int) string {
	b := []byte("0000-00")
	b[0], b[1], b[2], b[3] = byte('0'+y/1000%10), byte('0'+y/100%10), byte('0'+y/10%10), byte('0'+y%10)
	b[5], b[6] = byte('0'+m/10), byte('0'+m%10)
	return string(b)
}
