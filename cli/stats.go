package cli

import (
	"fmt"
	"io"
	"strings"

	"frametag/annotate"
)

func statsCommand() command {
	return command{
		name:    "stats",
		usage:   "--project FILE",
		short:   "count documents, statuses and annotations",
		summary: "Summarise a project: documents, each annotator's statuses, annotations per layer and label.",
		run:     runStats,
	}
}

func runStats(c *invocation, args []string) int {
	cmd := statsCommand()
	fl := c.commandFlags(cmd.name)
	project := fl.String("project", "", "the project `FILE`")
	if _, code, ok := c.parse(fl, cmd, args, exactly(0), "project"); !ok {
		return code
	}
	st, err := c.openProject(*project)
	if err != nil {
		return c.fail(err, "stats: %v")
	}
	defer st.Close()
	stats, err := st.Stats(c.ctx)
	if err != nil {
		return c.fail(projectError(*project, err, false), "stats: %v")
	}
	sc, err := st.Schema(c.ctx)
	if err != nil {
		return c.fail(projectError(*project, err, false), "stats: %v")
	}
	printStats(c.env.Stdout, *project, sc, stats)
	return exitOK
}

func printStats(w io.Writer, path string, sc annotate.Schema, st annotate.Stats) {
	spans := 0
	for _, l := range st.Layers {
		if l.Kind == annotate.SpanLayer {
			spans += l.Count
		}
	}
	fmt.Fprintf(w, "%s (schema %q, version %d)\n", path, sc.Name, sc.Version)
	fmt.Fprintf(w, "  %d %s, %d %s, %d %s\n", st.Documents, plural(st.Documents, "document", "documents"),
		spans, plural(spans, "span", "spans"), st.Relations, plural(st.Relations, "relation", "relations"))

	fmt.Fprintf(w, "\nannotators\n")
	if len(st.Annotators) == 0 {
		fmt.Fprintf(w, "  none yet\n")
	}
	for _, a := range st.Annotators {
		var statuses []string
		for _, s := range annotate.Statuses {
			if n := a.Statuses[s]; n > 0 {
				statuses = append(statuses, fmt.Sprintf("%d %s", n, strings.ReplaceAll(string(s), "_", " ")))
			}
		}
		fmt.Fprintf(w, "  %-16s %s, %s, %s; %s\n", a.Name, count(a.Spans, "span", "spans"), count(a.Relations, "relation", "relations"),
			count(a.DocLabels, "document label", "document labels"), strings.Join(statuses, ", "))
	}

	for _, l := range st.Layers {
		what := "spans"
		if l.Kind == annotate.DocumentLayer {
			what = "document labels"
		}
		fmt.Fprintf(w, "\n%s (%s layer): %d %s\n", l.Layer, l.Kind, l.Count, what)
		used := 0
		for _, lb := range l.Labels {
			if lb.Count > 0 {
				fmt.Fprintf(w, "  %6d  %s\n", lb.Count, lb.Label)
				used++
			}
		}
		if unused := len(l.Labels) - used; unused > 0 {
			fmt.Fprintf(w, "  (%d %s not used yet)\n", unused, plural(unused, "label", "labels"))
		}
	}
}

func count(n int, one, many string) string { return fmt.Sprintf("%d %s", n, plural(n, one, many)) }
