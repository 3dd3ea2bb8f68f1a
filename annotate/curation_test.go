package annotate

import (
	"context"
	"fmt"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"
)

// cspan is a span for the curation tests: "ana Claim 0-5 9-12" (annotator,
// label, fragments) on layer claim, or actor for a Person or Group;
// "certainty=low" sets an attribute, "kinds=quote,statistic" a multi-choice.
func cspan(s string) Span {
	f := strings.Fields(s)
	sp := Span{ID: "x", DocID: "d", Layer: "claim", Annotator: f[0], Label: f[1], Created: t0, Updated: t0}
	if sp.Label == "Person" || sp.Label == "Group" {
		sp.Layer = "actor"
	}
	for _, fr := range f[2:] {
		if name, v, ok := strings.Cut(fr, "="); ok {
			if sp.Attrs == nil {
				sp.Attrs = Attrs{}
			}
			sp.Attrs[name] = v
			if name == "kinds" {
				sp.Attrs[name] = strings.Split(v, ",")
			}
			continue
		}
		var a, b int
		fmt.Sscanf(fr, "%d-%d", &a, &b)
		sp.Fragments = append(sp.Fragments, Fragment{Start: a, End: b})
	}
	return sp
}

// curationDoc is a document of 60 code points (an emoji at 10) with spans.
func curationDoc(spans ...string) AnnotatedDoc {
	d := AnnotatedDoc{Document: Document{ID: "d", Text: "Ana says 🙂 the plan will fail; Bo says it will not, they say."},
		Status: map[string]Status{}}
	for i, s := range spans {
		sp := cspan(s)
		sp.ID = fmt.Sprintf("s%d", i)
		d.Spans = append(d.Spans, sp)
	}
	SortSpans(d.Spans)
	return d
}

// render writes a unit as the tests expect it:
// "dispute claim [0,12) ana=Claim[0,5)+[9,12) ben=none | gold=Claim[0,5) rejected";
// attributes in braces after the fragments, what differs at the end.
func render(u Unit) string {
	frags := func(sp Span) string {
		var b strings.Builder
		b.WriteString(sp.Label)
		for i, f := range sp.Fragments {
			if i > 0 {
				b.WriteString("+")
			}
			fmt.Fprintf(&b, "[%d,%d)", f.Start, f.End)
		}
		if len(sp.Attrs) > 0 {
			var as []string
			for k, v := range sp.Attrs {
				as = append(as, k+"="+AttrValueString(v))
			}
			slices.Sort(as)
			b.WriteString("{" + strings.Join(as, ";") + "}")
		}
		return b.String()
	}
	s := fmt.Sprintf("%s %s", u.Kind, u.Layer)
	if r := u.Relation; r != nil {
		s += " " + frags(r.From) + "→" + frags(r.To)
		for _, v := range u.Versions {
			s += " " + v.Annotator + "=" + map[bool]string{true: "none", false: "linked"}[v.None()]
		}
		for _, g := range u.GoldRelations {
			s += " | gold=linked(" + g.Provenance + ")"
		}
		if u.Rejected {
			s += " rejected"
		}
		return s
	}
	if !u.Document {
		s += fmt.Sprintf(" [%d,%d)", u.Start, u.End)
	}
	for _, v := range u.Versions {
		var parts []string
		for _, sp := range v.Spans {
			parts = append(parts, frags(sp))
		}
		parts = append(parts, v.Labels...)
		if len(parts) == 0 {
			parts = []string{"none"}
		}
		s += " " + v.Annotator + "=" + strings.Join(parts, ",")
	}
	var gold []string
	for _, g := range u.Gold {
		gold = append(gold, frags(g)+"("+g.Provenance+")")
	}
	gold = append(gold, u.GoldLabels...)
	if len(gold) > 0 {
		s += " | gold=" + strings.Join(gold, ",")
	}
	if u.Rejected {
		s += " rejected"
	}
	if len(u.Differs) > 0 {
		s += " differs " + strings.Join(u.DiffStrings(), "; ")
	}
	return s
}

// TestAlign is hand-worked alignments: what is unanimous, what is disputed
// with whose version, and what gold already settles.
func TestAlign(t *testing.T) {
	sc := applySchema()
	gold := func(s, prov string) string { return "gold " + s + " @" + prov }
	tests := []struct {
		name   string
		spans  []string
		labels []DocLabel
		status map[string]Status
		marks  []Rejection
		want   []string
		counts CurationCounts
		done   bool
	}{
		{name: "two annotators agree", spans: []string{"ana Claim 0-8", "ben Claim 0-8"},
			want:   []string{"unanimous claim [0,8) ana=Claim[0,8) ben=Claim[0,8)"},
			counts: CurationCounts{Unanimous: 1, UnanimousOpen: 1}},
		{name: "two annotators overlap with different ends", spans: []string{"ana Claim 0-8", "ben Claim 4-12"},
			want:   []string{"dispute claim [0,12) ana=Claim[0,8) ben=Claim[4,12)"},
			counts: CurationCounts{Disputes: 1, DisputesOpen: 1}},
		{name: "same stretch, different labels", spans: []string{"ana Claim 0-8", "ben Counterclaim 0-8"},
			want:   []string{"dispute claim [0,8) ana=Claim[0,8) ben=Counterclaim[0,8)"},
			counts: CurationCounts{Disputes: 1, DisputesOpen: 1}},
		{name: "one annotator has nothing there", spans: []string{"ana Claim 0-8", "ben Claim 20-30"},
			want:   []string{"dispute claim [0,8) ana=Claim[0,8) ben=none", "dispute claim [20,30) ana=none ben=Claim[20,30)"},
			counts: CurationCounts{Disputes: 2, DisputesOpen: 2}},
		{name: "three annotators, two alike", spans: []string{"ana Claim 0-8", "ben Claim 0-8", "cy Claim 2-8"},
			want:   []string{"dispute claim [0,8) ana=Claim[0,8) ben=Claim[0,8) cy=Claim[2,8)"},
			counts: CurationCounts{Disputes: 1, DisputesOpen: 1}},
		{name: "three annotators all alike, one more span by one", spans: []string{"ana Claim 0-8", "ben Claim 0-8", "cy Claim 0-8", "cy Claim 30-40"},
			want: []string{"unanimous claim [0,8) ana=Claim[0,8) ben=Claim[0,8) cy=Claim[0,8)",
				"dispute claim [30,40) ana=none ben=none cy=Claim[30,40)"},
			counts: CurationCounts{Unanimous: 1, UnanimousOpen: 1, Disputes: 1, DisputesOpen: 1}},
		{name: "a chain of overlaps is one dispute", spans: []string{"ana Claim 0-5", "ben Claim 3-9", "cy Claim 8-12"},
			want:   []string{"dispute claim [0,12) ana=Claim[0,5) ben=Claim[3,9) cy=Claim[8,12)"},
			counts: CurationCounts{Disputes: 1, DisputesOpen: 1}},
		{name: "nested: the outer agreed, the inner one annotator's", spans: []string{"ana Person 0-20", "ben Person 0-20", "ana Group 5-9"},
			want:   []string{"unanimous actor [0,20) ana=Person[0,20) ben=Person[0,20)", "dispute actor [5,9) ana=Group[5,9) ben=none"},
			counts: CurationCounts{Unanimous: 1, UnanimousOpen: 1, Disputes: 1, DisputesOpen: 1}},
		{name: "discontinuous alike", spans: []string{"ana Claim 0-5 9-12", "ben Claim 0-5 9-12"},
			want:   []string{"unanimous claim [0,12) ana=Claim[0,5)+[9,12) ben=Claim[0,5)+[9,12)"},
			counts: CurationCounts{Unanimous: 1, UnanimousOpen: 1}},
		{name: "discontinuous against continuous", spans: []string{"ana Claim 0-5 9-12", "ben Claim 0-12"},
			want:   []string{"dispute claim [0,12) ana=Claim[0,5)+[9,12) ben=Claim[0,12)"},
			counts: CurationCounts{Disputes: 1, DisputesOpen: 1}},
		{name: "fragments that interleave without overlapping are apart", spans: []string{"ana Claim 0-5 9-12", "ben Claim 6-8"},
			want:   []string{"dispute claim [0,12) ana=Claim[0,5)+[9,12) ben=none", "dispute claim [6,8) ana=none ben=Claim[6,8)"},
			counts: CurationCounts{Disputes: 2, DisputesOpen: 2}},
		{name: "emoji offsets: spans after the emoji in code points", spans: []string{"ana Claim 9-11", "ben Claim 9-11"},
			want:   []string{"unanimous claim [9,11) ana=Claim[9,11) ben=Claim[9,11)"},
			counts: CurationCounts{Unanimous: 1, UnanimousOpen: 1}},
		{name: "gold settles a dispute with a copy of one version",
			spans:  []string{"ana Claim 0-8", "ben Claim 4-12", gold("Claim 4-12", "adjudicated:ben")},
			want:   []string{"dispute claim [0,12) ana=Claim[0,8) ben=Claim[4,12) | gold=Claim[4,12)(adjudicated:ben)"},
			counts: CurationCounts{Disputes: 1}, done: true},
		{name: "a gold copy of the agreed outer span does not settle the inner dispute",
			spans: []string{"ana Person 0-20", "ben Person 0-20", "ana Group 5-9", gold("Person 0-20", "unanimous")},
			want: []string{"unanimous actor [0,20) ana=Person[0,20) ben=Person[0,20) | gold=Person[0,20)(unanimous)",
				"dispute actor [5,9) ana=Group[5,9) ben=none"},
			counts: CurationCounts{Unanimous: 1, Disputes: 1, DisputesOpen: 1}},
		{name: "the curator's changed span settles the units it overlaps",
			spans:  []string{"ana Claim 0-8", "ben Claim 4-12", gold("Claim 2-10", "curator")},
			want:   []string{"dispute claim [0,12) ana=Claim[0,8) ben=Claim[4,12) | gold=Claim[2,10)(curator)"},
			counts: CurationCounts{Disputes: 1}, done: true},
		{name: "the curator's own span where nobody has one",
			spans: []string{"ana Claim 0-8", "ben Claim 0-8", gold("Claim 30-40", "curator")},
			want: []string{"unanimous claim [0,8) ana=Claim[0,8) ben=Claim[0,8)",
				"gold claim [30,40) ana=none ben=none | gold=Claim[30,40)(curator)"},
			counts: CurationCounts{Unanimous: 1, UnanimousOpen: 1}},
		{name: "a rejected dispute is settled", spans: []string{"ana Claim 0-8", "ben Claim 4-12"},
			marks:  []Rejection{{Annotator: GoldAnnotator, Layer: "claim", Start: 0, End: 12}},
			want:   []string{"dispute claim [0,12) ana=Claim[0,8) ben=Claim[4,12) rejected"},
			counts: CurationCounts{Disputes: 1}, done: true},
		{name: "a mark that no longer covers the grown dispute settles nothing", spans: []string{"ana Claim 0-8", "ben Claim 4-14"},
			marks:  []Rejection{{Annotator: GoldAnnotator, Layer: "claim", Start: 0, End: 12}},
			want:   []string{"dispute claim [0,14) ana=Claim[0,8) ben=Claim[4,14)"},
			counts: CurationCounts{Disputes: 1, DisputesOpen: 1}},
		{name: "document labels: the same set in another order is unanimous; a single layer disputed",
			labels: []DocLabel{{"frame", "Economic", "ana"}, {"frame", "Security", "ana"}, {"frame", "Security", "ben"}, {"frame", "Economic", "ben"},
				{"genre", "news", "ana"}, {"genre", "opinion", "ben"}, {"genre", "news", GoldAnnotator}},
			want: []string{"unanimous frame ana=Economic,Security ben=Security,Economic",
				"dispute genre ana=news ben=opinion | gold=news"},
			counts: CurationCounts{Unanimous: 1, UnanimousOpen: 1, Disputes: 1}},
		{name: "document labels: one annotator gave none", labels: []DocLabel{{"frame", "Economic", "ana"}}, status: map[string]Status{"ben": StatusDone},
			want:   []string{"dispute frame ana=Economic ben=none"},
			counts: CurationCounts{Disputes: 1, DisputesOpen: 1}},
		{name: "same span, one attribute differs: a dispute that says which", spans: []string{"ana Claim 0-8 certainty=low", "ben Claim 0-8 certainty=high"},
			want:   []string{"dispute claim [0,8) ana=Claim[0,8){certainty=low} ben=Claim[0,8){certainty=high} differs certainty: low ≠ high"},
			counts: CurationCounts{Disputes: 1, DisputesOpen: 1}},
		{name: "an attribute only one annotator set", spans: []string{"ana Claim 0-8", "ben Claim 0-8 kinds=quote"},
			want:   []string{"dispute claim [0,8) ana=Claim[0,8) ben=Claim[0,8){kinds=quote} differs kinds: unset ≠ quote"},
			counts: CurationCounts{Disputes: 1, DisputesOpen: 1}},
		{name: "the same attributes, a multi-choice in another order: unanimous",
			spans:  []string{"ana Claim 0-8 certainty=low kinds=quote,statistic", "ben Claim 0-8 kinds=statistic,quote certainty=low"},
			want:   []string{"unanimous claim [0,8) ana=Claim[0,8){certainty=low;kinds=quote, statistic} ben=Claim[0,8){certainty=low;kinds=statistic, quote}"},
			counts: CurationCounts{Unanimous: 1, UnanimousOpen: 1}},
		{name: "three annotators, two values: each named once, in the annotators' order",
			spans:  []string{"ana Claim 0-8 certainty=high", "ben Claim 0-8 certainty=low", "cy Claim 0-8 certainty=high"},
			want:   []string{"dispute claim [0,8) ana=Claim[0,8){certainty=high} ben=Claim[0,8){certainty=low} cy=Claim[0,8){certainty=high} differs certainty: high ≠ low"},
			counts: CurationCounts{Disputes: 1, DisputesOpen: 1}},
		{name: "attributes differ where one annotator has nothing: still said",
			spans:  []string{"ana Claim 0-8 certainty=high", "ben Claim 0-8 certainty=low", "cy Claim 30-40"},
			want:   []string{"dispute claim [0,8) ana=Claim[0,8){certainty=high} ben=Claim[0,8){certainty=low} cy=none differs certainty: high ≠ low", "dispute claim [30,40) ana=none ben=none cy=Claim[30,40)"},
			counts: CurationCounts{Disputes: 2, DisputesOpen: 2}},
		{name: "labels differ too: the dispute is not about attributes",
			spans:  []string{"ana Claim 0-8 certainty=high", "ben Counterclaim 0-8 certainty=low"},
			want:   []string{"dispute claim [0,8) ana=Claim[0,8){certainty=high} ben=Counterclaim[0,8){certainty=low}"},
			counts: CurationCounts{Disputes: 1, DisputesOpen: 1}},
		{name: "a gold copy of one attribute version settles the dispute",
			spans:  []string{"ana Claim 0-8 certainty=low", "ben Claim 0-8 certainty=high", gold("Claim 0-8 certainty=high", "adjudicated:ben")},
			want:   []string{"dispute claim [0,8) ana=Claim[0,8){certainty=low} ben=Claim[0,8){certainty=high} | gold=Claim[0,8){certainty=high}(adjudicated:ben) differs certainty: low ≠ high"},
			counts: CurationCounts{Disputes: 1}, done: true},
		{name: "a skipped annotator and gold are not compared", spans: []string{"ana Claim 0-8", "ben Claim 0-8", "cy Claim 2-8"},
			status: map[string]Status{"cy": StatusSkipped},
			want:   []string{"unanimous claim [0,8) ana=Claim[0,8) ben=Claim[0,8)"},
			counts: CurationCounts{Unanimous: 1, UnanimousOpen: 1}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var spans []string
			var golds []Span
			for _, s := range tt.spans {
				if rest, ok := strings.CutPrefix(s, "gold "); ok {
					body, prov, _ := strings.Cut(rest, " @")
					g := cspan("gold " + body)
					g.Provenance = prov
					golds = append(golds, g)
					continue
				}
				spans = append(spans, s)
			}
			d := curationDoc(spans...)
			for i, g := range golds {
				g.ID = fmt.Sprintf("g%d", i)
				d.Spans = append(d.Spans, g)
			}
			d.Labels = tt.labels
			for k, v := range tt.status {
				d.Status[k] = v
			}
			c := Align(d, &sc, tt.marks)
			var got []string
			for _, u := range c.Units {
				got = append(got, render(u))
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("units:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(tt.want, "\n"))
			}
			if n := c.Counts(); n != tt.counts {
				t.Errorf("counts %+v, want %+v", n, tt.counts)
			}
			if c.Adjudicated() != tt.done {
				t.Errorf("adjudicated %v, want %v", c.Adjudicated(), tt.done)
			}
		})
	}
}

// TestCurate settles a three-annotator document decision by decision over
// the in-memory State: each decision is one edit, the last marks the
// document adjudicated, and undoing them all gives back the document.
func TestCurate(t *testing.T) {
	ctx := context.Background()
	sc := applySchema()
	d := curationDoc("ana Claim 0-8", "ben Claim 0-8", "cy Claim 0-8", // unanimous
		"ana Claim 20-30", "ben Claim 22-30", "cy Claim 20-30", // dispute: ben differs
		"ana Person 40-45",                                                       // dispute: only ana
		"ana Claim 50-55 57-60", "ben Claim 50-55 57-60", "cy Claim 50-55 57-60") // unanimous, discontinuous, past the emoji
	d.Labels = []DocLabel{{"genre", "news", "ana"}, {"genre", "news", "ben"}, {"genre", "opinion", "cy"}}
	pristine := d.Clone()
	st := NewDocState(&d, &sc, func() time.Time { return t1 })
	align := func() Curation {
		marks := []Rejection{}
		for _, u := range Align(d, &sc, nil).Units {
			m := u.mark("d")
			if ok, _ := st.Rejected(ctx, m); ok {
				marks = append(marks, m)
			}
		}
		return Align(d, &sc, marks)
	}
	var done []Edit
	apply := func(e Edit) {
		t.Helper()
		got, err := e.Apply(ctx, st)
		if err != nil {
			t.Fatalf("%s: %v", e.Describe(), err)
		}
		if got.By() != GoldAnnotator || got.(CurateEdit).Curator != "cora" {
			t.Errorf("%s: by %q curator %q", got.Describe(), got.By(), got.(CurateEdit).Curator)
		}
		done = append(done, got)
	}
	c := align()
	if n := c.Counts(); n != (CurationCounts{Unanimous: 2, UnanimousOpen: 2, Disputes: 3, DisputesOpen: 3}) {
		t.Fatalf("counts %+v", n)
	}
	e, n := c.AcceptUnanimous("cora")
	if n != 2 || len(e.Add) != 2 || e.Status != "" {
		t.Fatalf("accept unanimous: %+v", e)
	}
	apply(e)
	c = align()
	if n := c.Counts(); n != (CurationCounts{Unanimous: 2, Disputes: 3, DisputesOpen: 3}) {
		t.Fatalf("after unanimous: %+v", n)
	}
	if _, n := c.AcceptUnanimous("cora"); n > 0 {
		t.Errorf("accept unanimous again offers something")
	}
	// genre: cy's version; then changed to ana's (replaces gold's label)
	genre := c.Units[0]
	e, _ = c.Accept("cora", genre, "cy")
	apply(e)
	c = align()
	e, _ = c.Accept("cora", c.Units[0], "ana")
	apply(e)
	// [20,30): ben's version, then rejected, then ana's
	c = align()
	u := c.Units[2]
	if render(u) != "dispute claim [20,30) ana=Claim[20,30) ben=Claim[22,30) cy=Claim[20,30)" {
		t.Fatalf("unit %s", render(u))
	}
	e, _ = c.Accept("cora", u, "ben")
	apply(e)
	c = align()
	apply(c.Reject("cora", c.Units[2]))
	c = align()
	if !c.Units[2].Rejected || len(c.Units[2].Gold) != 0 {
		t.Fatalf("after reject %s", render(c.Units[2]))
	}
	e, _ = c.Accept("cora", c.Units[2], "ana")
	apply(e)
	c = align()
	if got := render(c.Units[2]); got != "dispute claim [20,30) ana=Claim[20,30) ben=Claim[22,30) cy=Claim[20,30) | gold=Claim[20,30)(adjudicated:ana)" {
		t.Fatalf("after accept %s", got)
	}
	if _, err := c.Accept("cora", c.Units[2], "dan"); err == nil || !strings.Contains(err.Error(), "dan has no version here (annotators: ana, ben, cy)") {
		t.Errorf("accept a stranger's version: %v", err)
	}
	// Person [40,45): ben's version is none: settles it with nothing, and
	// the document is adjudicated in the same edit.
	last := c.Units[3]
	if last.Layer != "actor" {
		t.Fatalf("unit %s", render(last))
	}
	e, _ = c.Accept("cora", last, "ben")
	if e.Status != StatusDone || len(e.Settle) != 1 || len(e.Add) != 0 {
		t.Fatalf("last decision %+v", e)
	}
	apply(e)
	c = align()
	if !c.Adjudicated() || c.GoldStatus != StatusDone {
		t.Fatalf("not adjudicated: %+v", c.Counts())
	}
	var provs []string
	for _, sp := range d.Spans {
		if sp.Annotator == GoldAnnotator {
			provs = append(provs, fmt.Sprintf("%s[%d,%d) %s", sp.Label, sp.Start(), sp.End(), sp.Provenance))
		}
	}
	if want := []string{"Claim[0,8) unanimous", "Claim[20,30) adjudicated:ana", "Claim[50,60) unanimous"}; !reflect.DeepEqual(provs, want) {
		t.Errorf("gold %v, want %v", provs, want)
	}
	// The curator changes a gold span: it becomes the curator's own.
	var g Span
	for _, sp := range d.Spans {
		if sp.Annotator == GoldAnnotator && sp.Start() == 20 {
			g = sp
		}
	}
	after := g.Clone()
	after.Fragments = []Fragment{{Start: 21, End: 30}}
	apply(c.Change("cora", g, after))
	if sp, _, _ := st.Span(ctx, "d", g.ID); sp.Provenance != ProvCurator || sp.Start() != 21 {
		t.Errorf("changed gold span %+v", sp)
	}
	// Undo everything, newest first: the document as it was.
	for i := len(done) - 1; i >= 0; i-- {
		if _, err := done[i].Inverse().Apply(ctx, st); err != nil {
			t.Fatalf("undo %s: %v", done[i].Describe(), err)
		}
	}
	if !sameDoc(d, pristine) {
		t.Errorf("undo all left\n%+v", d)
	}
	for _, u := range Align(d, &sc, nil).Units {
		if ok, _ := st.Rejected(ctx, u.mark("d")); ok {
			t.Errorf("mark left at %s", render(u))
		}
	}
}

// TestEditRowsDecode: a curation edit survives the edit log, and a row
// written before curation existed still decodes unchanged.
func TestCurateRow(t *testing.T) {
	e := CurateEdit{Curator: "cora", DocID: "d", What: "accept ben's version of claim",
		curationBody: curationBody{Remove: []Span{{ID: "g1", DocID: "d"}}, Add: []Span{{ID: "g2", DocID: "d", Layer: "claim", Label: "Claim",
			Fragments: []Fragment{{Start: 1, End: 2}}, Annotator: GoldAnnotator, Provenance: "adjudicated:ben", Created: t0, Updated: t0}},
			Link:   []Relation{{ID: "r1", DocID: "d", Type: "said_by", From: "g2", To: "g3", Annotator: GoldAnnotator, Created: t0, Provenance: "unanimous"}},
			Unlink: []Relation{{ID: "r0", DocID: "d", Type: "said_by", From: "g2", To: "g1", Annotator: GoldAnnotator, Created: t0}},
			Settle: []Rejection{{Doc: "d", Annotator: GoldAnnotator, Layer: "claim", Start: 0, End: 4}, relationMark("d", "said_by", "g2", "g4")},
			Status: StatusDone, BeforeStatus: StatusTodo}}
	b, err := EncodeEdit(e)
	if err != nil {
		t.Fatal(err)
	}
	got, err := DecodeEdit(b)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, Edit(e)) {
		t.Errorf("decoded %+v\nwant %+v", got, e)
	}
	old := `{"op":"add_span","doc":"d","annotator":"ana","span":{"id":"s1","doc":"d","layer":"claim","label":"Claim","fragments":[{"start":0,"end":3}],"annotator":"ana","created":"2025-03-01T12:00:00Z","updated":"2025-03-01T12:00:00Z"}}`
	got, err = DecodeEdit([]byte(old))
	if err != nil {
		t.Fatal(err)
	}
	if add := got.(AddSpanEdit); add.Span.Provenance != "" || add.Span.ID != "s1" {
		t.Errorf("old row %+v", add)
	}
}

// TestQueue: most open disputes first, adjudicated last, untouched left out,
// and the progress line.
func TestQueue(t *testing.T) {
	e := func(doc string, open, disputes, unan int, done bool) CurationEntry {
		return CurationEntry{Doc: doc, Annotators: []string{"ana", "ben"}, Adjudicated: done,
			Counts: CurationCounts{Disputes: disputes, DisputesOpen: open, Unanimous: unan, UnanimousOpen: unan}}
	}
	q := []CurationEntry{e("a", 1, 3, 0, false), e("b", 0, 2, 0, true), {Doc: "c"}, e("d", 4, 4, 2, false), e("e", 1, 5, 0, false), e("f", 1, 5, 1, false)}
	var got []string
	for _, x := range SortQueue(q) {
		got = append(got, x.Doc)
	}
	if want := []string{"d", "f", "e", "a", "b"}; !reflect.DeepEqual(got, want) {
		t.Errorf("queue %v, want %v", got, want)
	}
	if p := Progress(q).String(); p != "1 of 5 documents adjudicated, 7 disputes left (3 unanimous to accept)" {
		t.Errorf("progress %q", p)
	}
	if p := Progress(q[1:2]).String(); p != "1 of 1 document adjudicated, 0 disputes left" {
		t.Errorf("progress %q", p)
	}
}

// TestAcceptTakesAttributes: accepting one version of an attribute dispute
// puts that version's attributes in gold, and accepting another replaces
// them.
func TestAcceptTakesAttributes(t *testing.T) {
	ctx := context.Background()
	sc := applySchema()
	d := curationDoc("ana Claim 0-8 certainty=low kinds=quote", "ben Claim 0-8 certainty=high kinds=quote")
	st := NewDocState(&d, &sc, func() time.Time { return t1 })
	goldAttrs := func() []string {
		var out []string
		for _, sp := range d.Spans {
			if sp.Annotator == GoldAnnotator {
				out = append(out, fmt.Sprintf("%s %s %s", AttrValueString(sp.Attrs["certainty"]), AttrValueString(sp.Attrs["kinds"]), sp.Provenance))
			}
		}
		return out
	}
	for _, tt := range []struct {
		who  string
		want []string
	}{
		{"ben", []string{"high quote adjudicated:ben"}},
		{"ana", []string{"low quote adjudicated:ana"}},
	} {
		c := Align(d, &sc, nil)
		if len(c.Units) != 1 || c.Units[0].Kind != Dispute || !slices.Equal(c.Units[0].DiffStrings(), []string{"certainty: low ≠ high"}) {
			t.Fatalf("units %v", c.Units)
		}
		e, err := c.Accept("cora", c.Units[0], tt.who)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := e.Apply(ctx, st); err != nil {
			t.Fatalf("accept %s: %v", tt.who, err)
		}
		if got := goldAttrs(); !slices.Equal(got, tt.want) {
			t.Errorf("after accepting %s: gold %v, want %v", tt.who, got, tt.want)
		}
		if c := Align(d, &sc, nil); !c.Adjudicated() {
			t.Errorf("after accepting %s: not adjudicated %+v", tt.who, c.Counts())
		}
	}
}

// relDoc is curationDoc with relations: "ana said_by s0 s1" (annotator,
// type, the ids of its ends: s for the spans in the order given, g for the
// gold spans).
func relDoc(spans, golds, rels []string) AnnotatedDoc {
	d := curationDoc(spans...)
	for i, g := range golds {
		body, prov, _ := strings.Cut(g, " @")
		sp := cspan("gold " + body)
		sp.ID, sp.Provenance = fmt.Sprintf("g%d", i), prov
		d.Spans = append(d.Spans, sp)
	}
	SortSpans(d.Spans)
	for i, r := range rels {
		f := strings.Fields(r)
		d.Relations = append(d.Relations, Relation{ID: fmt.Sprintf("r%d", i), DocID: "d", Annotator: f[0], Type: f[1], From: f[2], To: f[3]})
	}
	return d
}

// TestAlignRelations: when an annotator's relation corresponds to gold, what
// is unanimous and disputed, what waits, and what gold settles.
func TestAlignRelations(t *testing.T) {
	sc := applySchema()
	// s0 ana's claim, s1 ben's, s2 ana's Ana, s3 ben's Ana, s4 ana's Bo, s5 ben's Bo
	spans := []string{"ana Claim 12-30", "ben Claim 12-30", "ana Person 0-3", "ben Person 0-3", "ana Person 32-34", "ben Person 32-34"}
	goldAll := []string{"Claim 12-30 @unanimous", "Person 0-3 @unanimous", "Person 32-34 @unanimous"} // g0, g1, g2
	both := []string{"ana said_by s0 s2", "ben said_by s1 s3"}
	tests := []struct {
		name    string
		spans   []string
		golds   []string
		rels    []string
		marks   []Rejection
		want    []string // the relation units
		waiting int
		done    bool
	}{
		{name: "no gold yet: the relations wait for their spans", spans: spans, rels: both, waiting: 2},
		{name: "gold holds one end only: still waiting", spans: spans, golds: goldAll[:1], rels: both, waiting: 2},
		{name: "gold holds both ends: the relation both made is unanimous", spans: spans, golds: goldAll, rels: both,
			want: []string{"unanimous said_by Claim[12,30)→Person[0,3) ana=linked ben=linked"}},
		{name: "one annotator linked the claim to another actor: two disputes", spans: spans, golds: goldAll,
			rels: []string{"ana said_by s0 s2", "ben said_by s1 s5"},
			want: []string{"dispute said_by Claim[12,30)→Person[0,3) ana=linked ben=none", "dispute said_by Claim[12,30)→Person[32,34) ana=none ben=linked"}},
		{name: "gold took ben's boundaries: ana's relation from her version corresponds to it",
			spans: []string{"ana Claim 12-30", "ben Claim 12-25", "ana Person 0-3", "ben Person 0-3"},
			golds: []string{"Claim 12-25 @adjudicated:ben", "Person 0-3 @unanimous"}, rels: both,
			want: []string{"unanimous said_by Claim[12,25)→Person[0,3) ana=linked ben=linked"}},
		{name: "gold rejected the claim: its relations are dropped, none waits", spans: []string{"ana Claim 12-30", "ben Claim 12-25", "ana Person 0-3", "ben Person 0-3"},
			golds: goldAll[1:2], rels: both, marks: []Rejection{{Annotator: GoldAnnotator, Layer: "claim", Start: 12, End: 30}}, done: true},
		{name: "gold's relation settles it", spans: spans, golds: goldAll, rels: append(slices.Clone(both), "gold said_by g0 g1"),
			want: []string{"unanimous said_by Claim[12,30)→Person[0,3) ana=linked ben=linked | gold=linked()"}, done: true},
		{name: "its mark settles it", spans: spans, golds: goldAll, rels: []string{"ana said_by s0 s2"},
			marks: []Rejection{relationMark("d", "said_by", "g0", "g1")},
			want:  []string{"dispute said_by Claim[12,30)→Person[0,3) ana=linked ben=none rejected"}, done: true},
		{name: "a mark between other spans settles nothing", spans: spans, golds: goldAll, rels: []string{"ana said_by s0 s2"},
			marks: []Rejection{relationMark("d", "said_by", "g0", "g2")},
			want:  []string{"dispute said_by Claim[12,30)→Person[0,3) ana=linked ben=none"}},
		{name: "gold's own relation where nobody made one", spans: spans, golds: goldAll, rels: []string{"gold said_by g0 g2"},
			want: []string{"gold said_by Claim[12,30)→Person[32,34) ana=none ben=none | gold=linked()"}, done: true},
		{name: "a relation of a type the schema lacks is left out", spans: spans, golds: goldAll, rels: []string{"ana cites s0 s2"}, done: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := relDoc(tt.spans, tt.golds, tt.rels)
			c := Align(d, &sc, tt.marks)
			var got []string
			for _, u := range c.Units {
				if u.Relation != nil {
					got = append(got, render(u))
				}
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("relation units:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(tt.want, "\n"))
			}
			if c.Waiting != tt.waiting {
				t.Errorf("waiting %d, want %d", c.Waiting, tt.waiting)
			}
			if c.Adjudicated() != tt.done {
				t.Errorf("adjudicated %v, want %v (%+v)", c.Adjudicated(), tt.done, c.Counts())
			}
		})
	}
}

// TestCurateRelations settles a document's relations over the in-memory
// State: accepting every unanimous unit takes the unanimous relation
// between the spans it takes in the same edit; the disputed relation is
// accepted, rejected, accepted again; replacing a gold end takes its
// relation with it; undoing everything gives back the document.
func TestCurateRelations(t *testing.T) {
	ctx := context.Background()
	sc := applySchema()
	// s0 ana's claim, s1 ben's, s2 ana's Ana, s3 ben's Ana, s4 ana's Bo, s5 ben's Bo
	d := relDoc([]string{"ana Claim 12-30", "ben Claim 12-30", "ana Person 0-3", "ben Person 0-3", "ana Person 32-34", "ben Person 32-34"}, nil,
		[]string{"ana said_by s0 s2", "ben said_by s1 s3", "ana said_by s0 s4"})
	pristine := d.Clone()
	st := NewDocState(&d, &sc, func() time.Time { return t1 })
	align := func() Curation {
		t.Helper()
		return Align(d, &sc, st.Rejections())
	}
	var done []Edit
	apply := func(e Edit) {
		t.Helper()
		got, err := e.Apply(ctx, st)
		if err != nil {
			t.Fatalf("%s: %v", e.Describe(), err)
		}
		done = append(done, got)
	}
	goldRels := func() []string {
		var out []string
		for _, r := range d.Relations {
			if r.Annotator == GoldAnnotator {
				from, _, _ := st.Span(ctx, "d", r.From)
				to, _, _ := st.Span(ctx, "d", r.To)
				out = append(out, fmt.Sprintf("%s %s[%d,%d)→%s[%d,%d) %s", r.Type, from.Label, from.Start(), from.End(), to.Label, to.Start(), to.End(), r.Provenance))
			}
		}
		return out
	}
	c := align()
	if c.Waiting != 3 || c.Counts() != (CurationCounts{Unanimous: 3, UnanimousOpen: 3}) {
		t.Fatalf("before: waiting %d, %+v", c.Waiting, c.Counts())
	}
	e, n := c.AcceptUnanimous("cora")
	if n != 4 || len(e.Add) != 3 || len(e.Link) != 1 || e.Status != "" {
		t.Fatalf("accept unanimous: %d units, %+v", n, e)
	}
	apply(e)
	if got, want := goldRels(), []string{"said_by Claim[12,30)→Person[0,3) unanimous"}; !slices.Equal(got, want) {
		t.Errorf("gold relations %v, want %v", got, want)
	}
	c = align()
	var rel Unit
	for _, u := range c.Units {
		if u.Relation != nil && u.Kind == Dispute {
			rel = u
		}
	}
	if render(rel) != "dispute said_by Claim[12,30)→Person[32,34) ana=linked ben=none" || c.Waiting != 0 {
		t.Fatalf("the disputed relation: %q, waiting %d", render(rel), c.Waiting)
	}
	// ana's version: the last open unit, so the document is adjudicated.
	e, err := c.Accept("cora", rel, "ana")
	if err != nil || e.Status != StatusDone || len(e.Link) != 1 {
		t.Fatalf("accept ana's relation: %+v, %v", e, err)
	}
	apply(e)
	if got := goldRels(); len(got) != 2 || got[1] != "said_by Claim[12,30)→Person[32,34) adjudicated:ana" {
		t.Errorf("gold relations %v", got)
	}
	// Rejected: gold holds no relation there, and the unit stays settled.
	c = align()
	apply(c.Reject("cora", c.Units[len(c.Units)-1]))
	c = align()
	if u := c.Units[len(c.Units)-1]; !u.Rejected || len(u.GoldRelations) != 0 || !c.Adjudicated() || len(goldRels()) != 1 {
		t.Fatalf("after reject: %s, %v", render(u), goldRels())
	}
	// ben's version is none: settled with nothing too, the mark kept.
	e, _ = c.Accept("cora", c.Units[len(c.Units)-1], "ben")
	if len(e.Link) != 0 || len(e.Settle) != 1 || len(e.Unsettle) != 1 {
		t.Errorf("accept none: %+v", e)
	}
	// Replacing the gold claim (rejecting it) takes both its relations
	// with it; the unanimous relation is dropped, nothing waits.
	c = align()
	claim := slices.IndexFunc(c.Units, func(u Unit) bool { return u.Layer == "claim" })
	apply(c.Reject("cora", c.Units[claim]))
	if c = align(); len(goldRels()) != 0 || c.Waiting != 0 || slices.ContainsFunc(c.Units, func(u Unit) bool { return u.Relation != nil }) {
		t.Errorf("after rejecting the claim: gold relations %v, waiting %d", goldRels(), c.Waiting)
	}
	// Undo everything, newest first: the document as it was.
	for i := len(done) - 1; i >= 0; i-- {
		if _, err := done[i].Inverse().Apply(ctx, st); err != nil {
			t.Fatalf("undo %s: %v", done[i].Describe(), err)
		}
	}
	if !sameDoc(d, pristine) {
		t.Errorf("undo all left\n%+v", d)
	}
	if m := st.Rejections(); len(m) != 0 {
		t.Errorf("marks left: %v", m)
	}
}

// TestRelationEditRefusals: a curation links only gold's spans, settles
// only a relation type's well-formed mark, and unlinks only gold's
// relations.
func TestRelationEditRefusals(t *testing.T) {
	ctx := context.Background()
	sc := applySchema()
	d := relDoc([]string{"ana Claim 12-30", "ana Person 0-3"}, []string{"Claim 12-30 @adjudicated:ana", "Person 0-3 @adjudicated:ana"},
		[]string{"ana said_by s0 s1"})
	for _, tt := range []struct {
		name string
		body curationBody
		want string
	}{
		{"link an annotator's span", curationBody{Link: []Relation{{Type: "said_by", From: "s0", To: "g1"}}}, "span s0 is ana's: a gold relation joins gold's spans"},
		{"link in an annotator's name", curationBody{Link: []Relation{{Type: "said_by", From: "g0", To: "g1", Annotator: "ana"}}}, "curation links only gold's spans, not ana's"},
		{"link with a type the schema lacks", curationBody{Link: []Relation{{Type: "cites", From: "g0", To: "g1"}}}, `unknown type "cites"`},
		{"unlink an annotator's relation", curationBody{Unlink: []Relation{{ID: "r0"}}}, "relation r0 (said_by) is ana's"},
		{"a labelled mark that is no relation's", curationBody{Settle: []Rejection{{Layer: "claim", Label: "Claim"}}}, "is no relation's mark"},
		{"a relation mark of an unknown type", curationBody{Settle: []Rejection{{Layer: "cites", Label: "relation:g0>g1"}}}, "is no relation's mark"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			doc := d.Clone()
			st := NewDocState(&doc, &sc, func() time.Time { return t1 })
			_, err := CurateEdit{Curator: "cora", DocID: "d", curationBody: tt.body}.Apply(ctx, st)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("got %v, want an error saying %q", err, tt.want)
			}
			if !sameDoc(doc, d) {
				t.Errorf("a refused edit changed the document")
			}
		})
	}
}
