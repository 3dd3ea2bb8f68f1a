package cli

import (
	"encoding/json"
	"fmt"
	"io"
	"slices"
	"strings"

	"frametag/annotate"
	"frametag/annotate/agreement"
	"frametag/project"
)

func agreeCommand() command {
	return command{
		name:  "agree",
		usage: "--project FILE [--layer L] [--annotators a,b,...] [--json]",
		short: "inter-annotator agreement per layer, label, annotator pair and document",
		summary: "Report how far annotators agree, per layer and per label, overall, per pair of annotators and per\n" +
			"document. Document layers: observed agreement, Cohen's κ (two annotators) or Fleiss' κ (more) and\n" +
			"Krippendorff's α (nominal; a multi-choice layer as one yes/no variable per label). Span layers:\n" +
			"exact-match F1 and the partial-overlap F1 of the PTC scorer, between each pair and their mean, and\n" +
			"Krippendorff's unitizing α (α_U) over the documents every annotator coded. Each figure is followed\n" +
			"by the number of items it used in parentheses; warnings say where a figure is unreliable. An\n" +
			"annotator counts on a document when they annotated the layer there or marked it done. The text\n" +
			"lists the 20 documents with the most disagreement; --json gives every figure, every document and\n" +
			"the pairs each figure covers. See docs/AGREEMENT.md.",
		run: runAgree,
	}
}

func runAgree(c *invocation, args []string) int {
	cmd := agreeCommand()
	fl := c.commandFlags(cmd.name)
	projectPath := fl.String("project", "", "the project `FILE`")
	layer := fl.String("layer", "", "report only layer `L` (default: every layer)")
	who := fl.String("annotators", "", "compare only these annotators, `a,b,...` (default: everyone who annotated the layer)")
	asJSON := fl.Bool("json", false, "write the report as JSON")
	if _, code, ok := c.parse(fl, cmd, args, exactly(0), "project"); !ok {
		return code
	}
	var opt agreement.Options
	if *layer != "" {
		opt.Layers = []string{*layer}
	}
	if *who != "" {
		for _, a := range strings.Split(*who, ",") {
			if a = strings.TrimSpace(a); a != "" && !slices.Contains(opt.Annotators, a) {
				opt.Annotators = append(opt.Annotators, a)
			}
		}
		if len(opt.Annotators) < 2 {
			return usageError(c.env.Stderr, fl.Name(), fl.Name()+" "+cmd.usage, fmt.Errorf("--annotators needs two names or more"))
		}
	}
	st, err := c.openProject(*projectPath)
	if err != nil {
		return c.fail(err, "agree: %v")
	}
	defer st.Close()
	rep, err := project.Agreement(c.ctx, st, opt)
	if err != nil {
		return c.fail(projectError(*projectPath, err, false), "agree: %v")
	}
	if *asJSON {
		enc := json.NewEncoder(c.env.Stdout)
		enc.SetIndent("", "  ")
		if err := enc.Encode(rep); err != nil {
			return c.errorf("agree: %v", err)
		}
		return exitOK
	}
	printAgreement(c.env.Stdout, *projectPath, rep)
	return exitOK
}

// docsShown is how many documents the text lists.
const docsShown = 20

func printAgreement(w io.Writer, path string, rep agreement.Report) {
	fmt.Fprintf(w, "%s: agreement among %s\n", path, orNone(rep.Annotators))
	for _, l := range rep.Layers {
		kind := "document layer, one label per document"
		if l.Multi {
			kind = "document layer, several labels per document: one yes/no item per document and label"
		}
		if l.Kind == annotate.SpanLayer {
			kind = "span layer"
		}
		fmt.Fprintf(w, "\n%s (%s)\n", l.Layer, kind)
		fmt.Fprintf(w, "  annotators %s; %d %s coded by two or more\n", orNone(l.Annotators), l.Documents, plural(l.Documents, "document", "documents"))
		for _, warn := range l.Warnings {
			fmt.Fprintf(w, "  warning: %s\n", warn)
		}
		if len(l.Annotators) < 2 {
			continue
		}
		var warnings warningList
		// The overall and per-label table.
		rows := append([]agreement.Row{l.All}, l.Labels...)
		measures := l.All.Measures()
		t := table{head: append([]string{""}, heads(measures)...)}
		if l.Kind == annotate.SpanLayer {
			t.head = append(t.head, "spans")
		}
		for _, r := range rows {
			name := r.Label
			if name == "" {
				name = "all labels"
			}
			line := []string{name}
			for _, m := range measures {
				f, _ := r.Get(m)
				line = append(line, cell(f))
				for _, warn := range f.Warnings {
					warnings.add(warn, m.Name(), name)
				}
			}
			if l.Kind == annotate.SpanLayer {
				f, _ := r.Get(agreement.OverlapF1)
				line = append(line, fmt.Sprint(f.Spans))
			}
			t.rows = append(t.rows, line)
		}
		t.print(w, "  ")

		// Pairs.
		if len(l.Pairs) > 0 {
			fmt.Fprintln(w)
			pm := l.Pairs[0].Measures()
			pt := table{head: append([]string{"pairs"}, heads(pm)...)}
			if l.Kind == annotate.SpanLayer {
				pt.head = []string{"pairs (P: first's spans against second's)", "exact P", "exact R", "exact F1", "overlap P", "overlap R", "overlap F1", "Krippendorff α_U"}
			}
			for _, p := range l.Pairs {
				line := []string{p.A + " – " + p.B}
				if l.Kind == annotate.SpanLayer {
					for _, m := range []agreement.Measure{agreement.ExactF1, agreement.OverlapF1} {
						f, _ := p.Get(m)
						line = append(line, num(f.Precision), num(f.Recall), cell(f))
					}
					f, _ := p.Get(agreement.KrippendorffAlphaU)
					line = append(line, cell(f))
				} else {
					for _, m := range pm {
						f, _ := p.Get(m)
						line = append(line, cell(f))
					}
				}
				pt.rows = append(pt.rows, line)
			}
			pt.print(w, "  ")
		}

		// Documents, most disagreement first.
		docs, below := l.ByDisagreement()
		fmt.Fprintln(w)
		if below == 0 {
			fmt.Fprintf(w, "  documents: full agreement on all %d compared\n", len(docs))
		} else {
			dm := docs[0].Measures()
			dt := table{head: append([]string{"documents, most disagreement first", "title"}, heads(dm)...)}
			for _, d := range docs[:min(below, docsShown)] {
				line := []string{d.ID, clip(d.Title, 40)}
				for _, m := range dm {
					f, _ := d.Get(m)
					line = append(line, num(f.Value))
				}
				dt.rows = append(dt.rows, line)
			}
			dt.print(w, "  ")
			if below > docsShown {
				fmt.Fprintf(w, "  and %d more below 1.000 (--json lists every document)\n", below-docsShown)
			}
			if rest := len(docs) - below; rest > 0 {
				fmt.Fprintf(w, "  %d more %s in full agreement\n", rest, plural(rest, "document", "documents"))
			}
		}
		if len(warnings.texts) > 0 {
			fmt.Fprintf(w, "\n  warnings:\n")
			for _, text := range warnings.texts {
				fmt.Fprintf(w, "    %s (%s: %s)\n", text, strings.Join(warnings.measures[text], ", "), listSome(warnings.rows[text], 6))
			}
		}
	}
}

func orNone(names []string) string {
	if len(names) == 0 {
		return "nobody"
	}
	return strings.Join(names, ", ")
}

func heads(ms []agreement.Measure) []string {
	var out []string
	for _, m := range ms {
		out = append(out, m.Name())
	}
	return out
}

// cell is a figure and, in parentheses, the items it used.
func cell(f agreement.Figure) string {
	return fmt.Sprintf("%s (%d)", num(f.Value), f.Items)
}

// num is a value to three decimals, or "n/a".
func num(v *float64) string {
	if v == nil {
		return "n/a"
	}
	return fmt.Sprintf("%.3f", *v)
}

func clip(s string, n int) string {
	if r := []rune(s); len(r) > n {
		return string(r[:n-1]) + "…"
	}
	return s
}

// table prints columns aligned by their width in runes, the first left
// aligned, the others right aligned.
type table struct {
	head []string
	rows [][]string
}

func (t table) print(w io.Writer, indent string) {
	width := make([]int, len(t.head))
	for _, r := range append([][]string{t.head}, t.rows...) {
		for i, c := range r {
			if i < len(width) {
				width[i] = max(width[i], len([]rune(c)))
			}
		}
	}
	for _, r := range append([][]string{t.head}, t.rows...) {
		var b strings.Builder
		b.WriteString(indent)
		for i, c := range r {
			pad := strings.Repeat(" ", width[i]-len([]rune(c)))
			if i == 0 || (i == 1 && len(t.head) > 1 && strings.HasPrefix(t.head[0], "documents")) {
				b.WriteString(c + pad)
			} else {
				b.WriteString(pad + c)
			}
			if i < len(r)-1 {
				b.WriteString("  ")
			}
		}
		fmt.Fprintln(w, strings.TrimRight(b.String(), " "))
	}
}

// warningList gathers the figures' warnings, each text once with the
// measures and rows that gave it.
type warningList struct {
	texts          []string
	measures, rows map[string][]string
}

func (l *warningList) add(text, measure, row string) {
	if l.measures == nil {
		l.measures, l.rows = map[string][]string{}, map[string][]string{}
	}
	if !slices.Contains(l.texts, text) {
		l.texts = append(l.texts, text)
	}
	if !slices.Contains(l.measures[text], measure) {
		l.measures[text] = append(l.measures[text], measure)
	}
	if !slices.Contains(l.rows[text], row) {
		l.rows[text] = append(l.rows[text], row)
	}
}
