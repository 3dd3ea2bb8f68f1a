package cli

import (
	"fmt"
	"strings"

	"frametag/annotate/format"
	"frametag/project"
)

func importCommand() command {
	return command{
		name:  "import",
		usage: "--project FILE [--format F] PATH...",
		short: "import JSONL and text files, or folders of them, all or nothing",
		summary: "Import documents into a project: native JSONL files (jsonl), UTF-8 text files (txt), and folders\n" +
			"of them. The format follows each file's extension unless --format names one. All or nothing: the\n" +
			"first problem stops the import and the project stays as it was. Documents the project already\n" +
			"holds (same id or same text) are skipped, and the summary says so. Annotations without an\n" +
			"annotator are recorded under --annotator.",
		run: runImport,
	}
}

func runImport(c *invocation, args []string) int {
	cmd := importCommand()
	fl := c.commandFlags(cmd.name)
	projectPath := fl.String("project", "", "the project `FILE`")
	formatName := fl.String("format", "", "read every PATH as `F`: "+strings.Join(format.All().Readable().Names(), ", "))
	paths, code, ok := c.parse(fl, cmd, args, atLeast(1), "project")
	if !ok {
		return code
	}
	svc := c.projects()
	if *formatName != "" {
		if _, err := svc.Formats().ByName(*formatName); err != nil {
			return usageError(c.env.Stderr, fl.Name(), fl.Name()+" "+cmd.usage, err)
		}
	}
	im, err := svc.NewImport(project.ImportRequest{Paths: paths, Format: *formatName, Annotator: c.annotator})
	if err != nil {
		return c.errorf("import: %v", err)
	}
	st, err := c.openProject(*projectPath)
	if err != nil {
		return c.fail(err, "import: %v")
	}
	defer st.Close()
	sum, err := im.Run(c.ctx, st)
	if err != nil {
		// FILE:LINE: first on its line, where editors and grep expect it:
		// the reader's errors carry it, and the import adds it to a
		// document the project refuses (against its schema).
		fmt.Fprintln(c.env.Stderr, err)
		return c.errorf("import stopped; nothing was imported")
	}
	fmt.Fprintln(c.env.Stdout, sum)
	if *formatName == "" {
		// A folder format is told by the folder's files: say which.
		for _, name := range sum.Formats {
			if f, err := svc.Formats().ByName(name); err == nil && f.TreeReader != nil {
				fmt.Fprintf(c.env.Stderr, "import: read as %s, told by the folder's files (--format names another)\n", name)
			}
		}
	}
	if !sum.Loss.Empty() {
		fmt.Fprintf(c.env.Stderr, "import: left out: %s\n", sum.Loss)
	}
	return exitOK
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}
