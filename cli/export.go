package cli

import (
	"fmt"
	"strings"

	"frametag/annotate"
	"frametag/annotate/format"
)

func exportCommand() command {
	return command{
		name:  "export",
		usage: "--project FILE [--format F] [--out PATH]",
		short: "export a project as JSONL, every span checked against its text",
		summary: "Export every document of a project with its annotations, in import order, to standard output or\n" +
			"to --out. Every span is checked against its document's text first; if any does not fit, nothing\n" +
			"is written (an existing --out file is left as it was).",
		run: runExport,
	}
}

func runExport(c *invocation, args []string) int {
	cmd := exportCommand()
	fl := c.commandFlags(cmd.name)
	project := fl.String("project", "", "the project `FILE`")
	formatName := fl.String("format", "", "write `F`: "+strings.Join(format.All().Writable().Names(), ", ")+" (default: from --out's extension, else jsonl)")
	out := fl.String("out", "", "write to `PATH` instead of standard output")
	if _, code, ok := c.parse(fl, cmd, args, exactly(0), "project"); !ok {
		return code
	}
	formats := format.All()
	f, err := pickWriter(formats, *formatName, *out)
	if err != nil {
		return usageError(c.env.Stderr, fl.Name(), fl.Name()+" "+cmd.usage, err)
	}
	if err := c.refuseProjectAsOut(*out); err != nil {
		return c.errorf("export: %v; nothing was written", err)
	}
	st, err := c.openProject(*project)
	if err != nil {
		return c.fail(err, "export: %v")
	}
	defer st.Close()
	// What the project refuses (a span that no longer fits its text) names
	// the project (Export names it in every error); what the output refuses
	// names the output.
	src := func(fn func(annotate.AnnotatedDoc) error) error { return st.Export(c.ctx, fn) }
	var res format.Result
	if *out == "" {
		res, err = format.Write(c.env.Stdout, f, format.Options{}, src)
	} else {
		res, err = format.WriteFile(*out, f, format.Options{}, src)
	}
	if err != nil {
		return c.errorf("export: %v; nothing was written", err)
	}
	if *out != "" {
		fmt.Fprintf(c.env.Stderr, "exported %d %s (%d %s) to %s\n", res.Documents, plural(res.Documents, "document", "documents"),
			res.Spans, plural(res.Spans, "span", "spans"), *out)
	}
	if !res.Loss.Empty() {
		fmt.Fprintf(c.env.Stderr, "export: left out: %s\n", res.Loss)
	}
	return exitOK
}

// refuseProjectAsOut refuses an --out that is an SQLite database, as every
// project is: "--out" naming the project itself replaced it with its export.
// A file that is not there or cannot be read has nothing to lose; the write
// reports what it must.
func (c *invocation) refuseProjectAsOut(out string) error {
	if c.env.Projects.IsProjectFile(out) {
		return fmt.Errorf("%s is a frametag project (an SQLite database), not a file to export to", out)
	}
	return nil
}

// pickWriter chooses the format by name, else by the output's extension,
// else the native JSONL.
func pickWriter(s format.Set, name, out string) (format.Format, error) {
	var f format.Format
	switch {
	case name != "":
		var err error
		if f, err = s.ByName(name); err != nil {
			return f, err
		}
	case out != "":
		var ok bool
		if f, ok = s.ForPath(out); !ok {
			f = format.JSONL()
		}
	default:
		f = format.JSONL()
	}
	if !f.CanWrite() {
		return f, fmt.Errorf("format %q can be imported but not exported (exportable: %s)", f.Name, strings.Join(s.Writable().Names(), ", "))
	}
	return f, nil
}
