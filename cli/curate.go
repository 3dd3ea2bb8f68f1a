package cli

import (
	"encoding/json"
	"fmt"
	"io"
	"maps"
	"slices"
	"strings"

	"frametag/annotate"
	"frametag/project"
)

func curateCommand() command {
	return command{
		name:  "curate",
		usage: "--project FILE [--doc ID] [--json] [--accept-unanimous]",
		short: "adjudication to a gold set: the disputes per document, progress, accepting what all agree on",
		summary: "List what is left to adjudicate: without --doc, progress over the corpus and the documents ordered\n" +
			"by disagreement (most open disputes first); with --doc, that document's units, each annotator's\n" +
			"version (spans alike but for an attribute say which differs), the relations between gold spans, and\n" +
			"what the gold layer already settles. --accept-unanimous takes every unit all annotators made alike\n" +
			"into the gold layer (of --doc, or of every document) with the unanimous relations between the spans\n" +
			"it takes, one undoable edit per document, recorded with the curator's name (--annotator). Disputes\n" +
			"are settled in the window's curation mode.\n" +
			"--json gives the same as JSON. See docs/CURATION.md.",
		run: runCurate,
	}
}

func runCurate(c *invocation, args []string) int {
	cmd := curateCommand()
	fl := c.commandFlags(cmd.name)
	projectPath := fl.String("project", "", "the project `FILE`")
	doc := fl.String("doc", "", "show (or accept in) only document `ID`")
	asJSON := fl.Bool("json", false, "write JSON")
	accept := fl.Bool("accept-unanimous", false, "take every unanimous unit into the gold layer")
	if _, code, ok := c.parse(fl, cmd, args, exactly(0), "project"); !ok {
		return code
	}
	if *accept {
		if err := checkCurator(c.annotator); err != nil {
			return usageError(c.env.Stderr, fl.Name(), fl.Name()+" "+cmd.usage, err)
		}
	}
	st, err := c.openProject(*projectPath)
	if err != nil {
		return c.fail(err, "curate: %v")
	}
	defer st.Close()
	if *accept {
		var docs []string
		if *doc != "" {
			docs = []string{*doc}
		}
		units, n, err := project.AcceptUnanimous(c.ctx, st, c.annotator, docs)
		if err != nil {
			return c.fail(projectError(*projectPath, err, false), "curate: %v")
		}
		fmt.Fprintf(c.env.Stderr, "accepted %d unanimous %s into gold in %d %s (curator %s)\n", units, plural(units, "unit", "units"),
			n, plural(n, "document", "documents"), c.annotator)
	}
	if *doc != "" {
		cur, ad, err := project.Curation(c.ctx, st, *doc)
		if err != nil {
			return c.fail(projectError(*projectPath, err, false), "curate: %v")
		}
		if *asJSON {
			return c.writeJSON(curationJSON(cur, ad))
		}
		printCuration(c.env.Stdout, cur, ad)
		return exitOK
	}
	q, err := project.CurationQueue(c.ctx, st)
	if err != nil {
		return c.fail(projectError(*projectPath, err, false), "curate: %v")
	}
	q = annotate.SortQueue(q)
	p := annotate.Progress(q)
	if *asJSON {
		return c.writeJSON(struct {
			Progress annotate.CurationProgress `json:"progress"`
			Summary  string                    `json:"summary"`
			Queue    []queueJSON               `json:"queue"`
		}{p, p.String(), queueOf(q)})
	}
	fmt.Fprintf(c.env.Stdout, "%s: %s\n", *projectPath, p)
	if len(q) == 0 {
		return exitOK
	}
	t := table{head: []string{"document", "open disputes", "disputes", "unanimous to accept", "annotators", "title"}}
	for _, e := range q {
		open := fmt.Sprint(e.Counts.DisputesOpen)
		if e.Adjudicated {
			open = "adjudicated"
		}
		t.rows = append(t.rows, []string{e.Doc, open, fmt.Sprint(e.Counts.Disputes), fmt.Sprint(e.Counts.UnanimousOpen),
			strings.Join(e.Annotators, ", "), e.Title})
	}
	fmt.Fprintln(c.env.Stdout)
	t.print(c.env.Stdout, "")
	return exitOK
}

// checkCurator refuses a curator named gold: gold is the layer, not a person.
func checkCurator(name string) error {
	if name == annotate.GoldAnnotator {
		return fmt.Errorf("--annotator %s: %q is the adjudicated layer; curate under your own name (it is recorded with every decision)", name, name)
	}
	return nil
}

func (c *invocation) writeJSON(v any) int {
	enc := json.NewEncoder(c.env.Stdout)
	enc.SetIndent("", "  ")
	if err := enc.Encode(v); err != nil {
		return c.errorf("curate: %v", err)
	}
	return exitOK
}

type queueJSON struct {
	Doc           string   `json:"doc"`
	Title         string   `json:"title"`
	Annotators    []string `json:"annotators"`
	Disputes      int      `json:"disputes"`
	DisputesOpen  int      `json:"disputes_open"`
	Unanimous     int      `json:"unanimous"`
	UnanimousOpen int      `json:"unanimous_open"`
	Adjudicated   bool     `json:"adjudicated"`
}

func queueOf(q []annotate.CurationEntry) []queueJSON {
	out := make([]queueJSON, 0, len(q))
	for _, e := range q {
		out = append(out, queueJSON{e.Doc, e.Title, e.Annotators, e.Counts.Disputes, e.Counts.DisputesOpen,
			e.Counts.Unanimous, e.Counts.UnanimousOpen, e.Adjudicated})
	}
	return out
}

type spanJSON struct {
	ID         string   `json:"id"`
	Label      string   `json:"label"`
	Fragments  [][2]int `json:"fragments"`
	Text       string   `json:"text"`
	Provenance string   `json:"provenance,omitempty"`
	Attrs      any      `json:"attrs,omitempty"`
}

type versionJSON struct {
	Annotator string         `json:"annotator"`
	Spans     []spanJSON     `json:"spans,omitempty"`
	Labels    []string       `json:"labels,omitempty"`
	Relations []relationJSON `json:"relations,omitempty"`
	None      bool           `json:"none,omitempty"`
}

// relationJSON is a relation as the curation lists it (ends by span id).
type relationJSON struct {
	ID         string `json:"id"`
	Type       string `json:"type"`
	From       string `json:"from"`
	To         string `json:"to"`
	Provenance string `json:"provenance,omitempty"`
}

// endsJSON is what a relation unit links: gold's spans at its ends.
type endsJSON struct {
	Type string   `json:"type"`
	From spanJSON `json:"from"`
	To   spanJSON `json:"to"`
}

func relationsJSON(rs []annotate.Relation) []relationJSON {
	var out []relationJSON
	for _, r := range rs {
		out = append(out, relationJSON{r.ID, r.Type, r.From, r.To, r.Provenance})
	}
	return out
}

type unitJSON struct {
	Index    int    `json:"index"`
	Layer    string `json:"layer"`
	Document bool   `json:"document_layer,omitempty"`
	// Relation: a relation unit's type and gold's spans at its ends (its
	// layer is the relation type).
	Relation   *endsJSON     `json:"relation,omitempty"`
	Kind       string        `json:"kind"`
	Start      int           `json:"start"`
	End        int           `json:"end"`
	Settled    bool          `json:"settled"`
	Rejected   bool          `json:"rejected,omitempty"`
	Versions   []versionJSON `json:"versions"`
	Gold       []spanJSON    `json:"gold,omitempty"`
	GoldLabels []string      `json:"gold_labels,omitempty"`
	// GoldRelations: gold's relation of a relation unit.
	GoldRelations []relationJSON `json:"gold_relations,omitempty"`
	// Differs: the attributes a dispute's otherwise alike versions differ
	// in ("role: Protagonist ≠ Antagonist").
	Differs []string `json:"differs,omitempty"`
}

func spansJSON(ix *annotate.TextIndex, spans []annotate.Span) []spanJSON {
	var out []spanJSON
	for _, sp := range spans {
		text, _ := ix.SpanText(sp.Fragments)
		j := spanJSON{ID: sp.ID, Label: sp.Label, Text: text, Provenance: sp.Provenance}
		if len(sp.Attrs) > 0 {
			j.Attrs = sp.Attrs
		}
		for _, f := range sp.Fragments {
			j.Fragments = append(j.Fragments, [2]int{f.Start, f.End})
		}
		out = append(out, j)
	}
	return out
}

func curationJSON(c annotate.Curation, ad annotate.AnnotatedDoc) any {
	ix := annotate.NewTextIndex(ad.Text)
	units := make([]unitJSON, 0, len(c.Units))
	for i, u := range c.Units {
		j := unitJSON{Index: i + 1, Layer: u.Layer, Document: u.Document, Kind: string(u.Kind), Start: u.Start, End: u.End,
			Settled: u.Settled(), Rejected: u.Rejected, Gold: spansJSON(ix, u.Gold), GoldLabels: u.GoldLabels, Differs: u.DiffStrings(),
			GoldRelations: relationsJSON(u.GoldRelations)}
		if r := u.Relation; r != nil {
			ends := spansJSON(ix, []annotate.Span{r.From, r.To})
			j.Relation = &endsJSON{Type: r.Type, From: ends[0], To: ends[1]}
		}
		for _, v := range u.Versions {
			j.Versions = append(j.Versions, versionJSON{Annotator: v.Annotator, Spans: spansJSON(ix, v.Spans), Labels: v.Labels,
				Relations: relationsJSON(v.Relations), None: v.None()})
		}
		units = append(units, j)
	}
	return struct {
		Doc         string                  `json:"doc"`
		Annotators  []string                `json:"annotators"`
		Counts      annotate.CurationCounts `json:"counts"`
		Adjudicated bool                    `json:"adjudicated"`
		// WaitingRelations: the annotators' relations that are no unit
		// yet, waiting for gold to settle the spans at their ends.
		WaitingRelations int        `json:"waiting_relations"`
		Units            []unitJSON `json:"units"`
	}{c.Doc, c.Annotators, c.Counts(), c.Adjudicated(), c.Waiting, units}
}

func printCuration(w io.Writer, c annotate.Curation, ad annotate.AnnotatedDoc) {
	n := c.Counts()
	state := fmt.Sprintf("%d of %d %s open, %d of %d unanimous to accept", n.DisputesOpen, n.Disputes, plural(n.Disputes, "dispute", "disputes"),
		n.UnanimousOpen, n.Unanimous)
	if c.Adjudicated() {
		state = "adjudicated"
	}
	if c.Waiting > 0 {
		state += fmt.Sprintf("; %d %s for the spans at %s ends", c.Waiting, plural(c.Waiting, "relation waits", "relations wait"),
			plural(c.Waiting, "its", "their"))
	}
	fmt.Fprintf(w, "%s: annotators %s; %s\n", c.Doc, orNone(c.Annotators), state)
	ix := annotate.NewTextIndex(ad.Text)
	spans := func(ss []annotate.Span) string {
		var parts []string
		for _, sp := range ss {
			text, _ := ix.SpanText(sp.Fragments)
			var fr []string
			for _, f := range sp.Fragments {
				fr = append(fr, fmt.Sprintf("%d-%d", f.Start, f.End))
			}
			s := fmt.Sprintf("%s %s %q", sp.Label, strings.Join(fr, "+"), text)
			if len(sp.Attrs) > 0 {
				s += " [" + attrsText(sp.Attrs) + "]"
			}
			if sp.Provenance != "" {
				s += " (" + sp.Provenance + ")"
			}
			parts = append(parts, s)
		}
		return strings.Join(parts, "; ")
	}
	for i, u := range c.Units {
		where := ""
		switch {
		case u.Relation != nil:
			where = ": " + spans([]annotate.Span{u.Relation.From}) + " → " + spans([]annotate.Span{u.Relation.To})
		case !u.Document:
			where = fmt.Sprintf(" %d-%d", u.Start, u.End)
		}
		settled := "open"
		switch {
		case u.Rejected:
			settled = "settled: rejected"
		case u.Settled():
			settled = "settled"
		}
		fmt.Fprintf(w, "\n%d. %s %s%s, %s\n", i+1, u.Kind, u.Layer, where, settled)
		for _, v := range u.Versions {
			what := "none"
			switch {
			case len(v.Relations) > 0:
				what = "linked"
			case len(v.Spans) > 0:
				what = spans(v.Spans)
			case len(v.Labels) > 0:
				what = strings.Join(v.Labels, ", ")
			}
			fmt.Fprintf(w, "   %-10s %s\n", v.Annotator, what)
		}
		if len(u.Differs) > 0 {
			fmt.Fprintf(w, "   %-10s %s\n", "differs", strings.Join(u.DiffStrings(), "; "))
		}
		switch {
		case len(u.Gold) > 0:
			fmt.Fprintf(w, "   %-10s %s\n", annotate.GoldAnnotator, spans(u.Gold))
		case len(u.GoldLabels) > 0:
			fmt.Fprintf(w, "   %-10s %s\n", annotate.GoldAnnotator, strings.Join(u.GoldLabels, ", "))
		case len(u.GoldRelations) > 0:
			what := "linked"
			if p := u.GoldRelations[0].Provenance; p != "" {
				what += " (" + p + ")"
			}
			fmt.Fprintf(w, "   %-10s %s\n", annotate.GoldAnnotator, what)
		}
	}
}

// attrsText is a span's attributes for people, in name order:
// "certainty: low; kinds: quote, statistic".
func attrsText(a annotate.Attrs) string {
	var parts []string
	for _, name := range slices.Sorted(maps.Keys(a)) {
		parts = append(parts, name+": "+annotate.AttrValueString(a[name]))
	}
	return strings.Join(parts, "; ")
}
