package cli

import (
	"fmt"
	"strings"

	"frametag/annotate"
	"frametag/annotate/format"
	"frametag/project"
)

func exportCommand() command {
	return command{
		name:  "export",
		usage: "--project FILE [--format F] [--offsets U] [--map M] [--out PATH] [--annotator NAME]... [--gold]",
		short: "export a project in any writable format, every span checked against its text",
		summary: "Export every document of a project with its annotations, in import order, to standard output or\n" +
			"to --out (a folder for a folder format). Every span is checked against its document's text first;\n" +
			"if any does not fit, nothing is written (an existing --out is left as it was). What the format\n" +
			"cannot hold is counted by kind on standard error. With --annotator, only those annotators'\n" +
			"spans, relations, document labels and statuses are written (every document still is). --gold writes\n" +
			"the adjudicated set (the gold layer made in curation, each span with its provenance in jsonl), as\n" +
			"--annotator gold does.",
		run: runExport,
	}
}

func runExport(c *invocation, args []string) int {
	cmd := exportCommand()
	// Here --annotator chooses whose annotations are written (repeatable),
	// not who makes edits: export makes none.
	fl := newFlagSet("frametag " + cmd.name)
	var only names
	fl.Var(&only, "annotator", "write only `NAME`'s annotations (repeat for several; default: everyone's)")
	gold := fl.Bool("gold", false, "write the adjudicated (gold) set, made in curation")
	projectPath := fl.String("project", "", "the project `FILE`")
	tf := addTransferFlags(fl, format.All().Writable().Names(), " (default: from --out's extension, else jsonl)")
	out := fl.String("out", "", "write to `PATH` instead of standard output")
	if _, code, ok := c.parse(fl, cmd, args, exactly(0), "project"); !ok {
		return code
	}
	synopsis := fl.Name() + " " + cmd.usage
	if *gold {
		only = append(only, annotate.GoldAnnotator)
	}
	svc := c.projects()
	_, err := svc.ExportFormat(*tf.format, *out)
	if err != nil {
		return usageError(c.env.Stderr, fl.Name(), synopsis, err)
	}
	unit, err := tf.unit()
	if err != nil {
		return usageError(c.env.Stderr, fl.Name(), synopsis, err)
	}
	// Checked before the project is opened, as it is again by Export.
	if err := svc.CheckTarget(*out, *projectPath); err != nil {
		return c.errorf("export: %v; nothing was written", err)
	}
	if _, err := svc.LabelMap(*tf.labelMap); err != nil {
		return c.errorf("export: %v; nothing was written", err)
	}
	st, err := c.openProject(*projectPath)
	if err != nil {
		return c.fail(err, "export: %v")
	}
	defer st.Close()
	var progress *progressLine
	if isTerminal(c.env.Stderr) {
		// Every document is written: the project's count is the total.
		total := 0
		if stats, err := st.Stats(c.ctx); err == nil {
			total = stats.Documents
		}
		progress = c.progress("export", total)
	}
	sum, err := svc.Export(c.ctx, st, project.ExportRequest{Out: *out, W: c.env.Stdout, Format: *tf.format,
		Annotators: only, Offsets: unit, Map: *tf.labelMap, Progress: project.Progress{Documents: progress.documents}})
	progress.done()
	if err != nil {
		return c.errorf("export: %v; nothing was written", err)
	}
	if *out != "" {
		fmt.Fprintf(c.env.Stderr, "exported %d %s (%d %s) to %s\n", sum.Documents, plural(sum.Documents, "document", "documents"),
			sum.Spans, plural(sum.Spans, "span", "spans"), *out)
	}
	if !sum.Loss.Empty() {
		fmt.Fprintf(c.env.Stderr, "export: left out: %s\n", sum.Loss)
	}
	if *gold && len(only) == 1 && sum.Spans == 0 {
		fmt.Fprintf(c.env.Stderr, "export: the gold layer holds no span yet: adjudicate first (frametag curate --project %s, or Curate in the window)\n", *projectPath)
	}
	return exitOK
}

// names is a repeatable flag.
type names []string

func (n *names) String() string { return strings.Join(*n, ",") }

func (n *names) Set(v string) error {
	if v = strings.TrimSpace(v); v == "" {
		return fmt.Errorf("an empty name")
	}
	*n = append(*n, v)
	return nil
}
