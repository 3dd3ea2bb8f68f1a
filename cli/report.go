package cli

import (
	"cmp"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"frametag/project"
	"frametag/report"
)

func reportCommand() command {
	return command{
		name:  "report",
		usage: "--project FILE --out DIR [--annotator NAME | --gold] [--source S]... [--from DATE] [--to DATE] [--layer L]",
		short: "write the findings: who claims what, techniques and frames by actor, source and month",
		summary: "Write the project's findings into DIR (created if needed; files of the same names are replaced):\n" +
			"who-claims-what.csv, technique-by-actor.csv, technique-by-source.csv, frame-by-source.csv,\n" +
			"techniques-over-time.csv and labels.csv, charts of them (.png and .svg) and index.html, one page\n" +
			"with every table and chart (see docs/REPORT.md). Counts are of annotations:\n" +
			"with neither --annotator nor --gold, every annotator's count, so two annotators' spans on one\n" +
			"document count twice. --gold reports the gold (adjudicated) annotations, and is refused when\n" +
			"the project has none. --source (repeatable) counts only those sources' documents ('(no source)' for\n" +
			"documents without one); --from and --to (YYYY-MM-DD or YYYY-MM, both included) only documents\n" +
			"published then, leaving out undated ones; --layer L keeps only L's rows in labels.csv.",
		run: runReport,
	}
}

func runReport(c *invocation, args []string) int {
	cmd := reportCommand()
	// Here --annotator chooses whose annotations are counted, not who makes
	// edits: report makes none.
	fl := newFlagSet("frametag " + cmd.name)
	annotator := fl.String("annotator", "", "count only `NAME`'s annotations (default: everyone's)")
	gold := fl.Bool("gold", false, "count only the gold (adjudicated) annotations")
	projectPath := fl.String("project", "", "the project `FILE`")
	out := fl.String("out", "", "the report folder `DIR`")
	var sources names
	fl.Var(&sources, "source", "count only the documents of `SOURCE` (repeatable)")
	from := fl.String("from", "", "count only documents published on or after `DATE` (YYYY-MM-DD or YYYY-MM)")
	to := fl.String("to", "", "count only documents published on or before `DATE`")
	layer := fl.String("layer", "", "only layer `L`'s rows in labels.csv")
	if _, code, ok := c.parse(fl, cmd, args, exactly(0), "project", "out"); !ok {
		return code
	}
	if *gold && *annotator != "" {
		return usageError(c.env.Stderr, fl.Name(), fl.Name()+" "+cmd.usage, fmt.Errorf("--annotator and --gold exclude each other"))
	}
	if fi, err := os.Stat(*out); err == nil && !fi.IsDir() {
		return c.errorf("report: --out %s is a file, not a folder; nothing was written", *out)
	}
	st, err := c.openProject(*projectPath)
	if err != nil {
		return c.fail(err, "report: %v")
	}
	defer st.Close()
	f, err := project.Findings(c.ctx, st, project.FindingsRequest{Annotator: *annotator, Gold: *gold,
		Sources: sources, From: *from, To: *to, Layer: *layer})
	if err != nil {
		return c.fail(projectError(*projectPath, err, false), "report: %v; nothing was written")
	}
	whose := "every annotator's annotations"
	switch {
	case *gold:
		whose = "the gold annotations"
	case *annotator != "":
		whose = *annotator + "'s annotations"
	}
	if len(sources) > 0 {
		whose += ", sources " + strings.Join(sources, ", ")
	}
	if *from != "" || *to != "" {
		whose += fmt.Sprintf(", published %s to %s", cmp.Or(*from, "the first"), cmp.Or(*to, "the last"))
	}
	w, err := report.Write(*out, f, report.Heading{Title: "Findings: " + filepath.Base(*projectPath),
		Subtitle: fmt.Sprintf("%s: %d %s, %s.", *projectPath, f.Documents, plural(f.Documents, "document", "documents"), whose)})
	if err != nil {
		return c.fail(err, "report: %v")
	}
	fmt.Fprintf(c.env.Stderr, "report: %d %s, %s: %d attributed %s; wrote %d files to %s\n",
		f.Documents, plural(f.Documents, "document", "documents"), whose,
		len(f.Claims), plural(len(f.Claims), "claim", "claims"), len(w.Files), *out)
	if m := f.Missing(); len(m) > 0 {
		fmt.Fprintf(c.env.Stderr, "report: the schema has no %s: the tables that need them are empty\n", strings.Join(m, ", "))
	}
	return exitOK
}
