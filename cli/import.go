package cli

import (
	"errors"
	"flag"
	"fmt"
	"strings"

	"frametag/annotate/format"
	"frametag/project"
)

func importCommand() command {
	return command{
		name:  "import",
		usage: "--project FILE [--format F] [--offsets U] [--map M] [--add-labels [--layer L]] PATH...",
		short: "import files or folders in any readable format, all or nothing",
		summary: "Import documents into a project from files and folders in any of these formats:\n" +
			strings.Join(format.All().Readable().Names(), ", ") + " (docs/FORMATS.md says what each keeps and drops).\n" +
			"Without --format the format is detected from each path (its extension, a folder's contents) and\n" +
			"said on standard error. All or nothing: the first problem stops the import and the project stays\n" +
			"as it was. Documents the project already holds (same id or same text) are skipped, and the summary\n" +
			"says so. Labels the schema lacks are refused, every one listed, unless --add-labels adds them.\n" +
			"Annotations without an annotator are recorded under --annotator.",
		run: runImport,
	}
}

// transferFlags are the flags import and export share.
type transferFlags struct {
	format, offsets, labelMap *string
}

func addTransferFlags(fl *flag.FlagSet, formats []string, formatHelp string) transferFlags {
	var builtin []string
	for _, name := range format.BuiltinMaps() {
		builtin = append(builtin, name+": "+format.BuiltinMapDescription(name))
	}
	maps := ""
	if len(builtin) > 0 {
		maps = "a built-in map (" + strings.Join(builtin, "; ") + ") or "
	}
	return transferFlags{
		format:   fl.String("format", "", "`F`: "+strings.Join(formats, ", ")+formatHelp),
		offsets:  fl.String("offsets", "", "offsets count `U`: codepoint, utf16 or byte (default: the format's own)"),
		labelMap: fl.String("map", "", "rename labels by `M`: "+maps+"a file of two TAB-separated columns, from and to"),
	}
}

// unit reads --offsets; "" is the format's own.
func (t transferFlags) unit() (format.Unit, error) {
	if *t.offsets == "" {
		return format.FormatUnit, nil
	}
	return format.ParseUnit(*t.offsets)
}

func runImport(c *invocation, args []string) int {
	cmd := importCommand()
	fl := c.commandFlags(cmd.name)
	projectPath := fl.String("project", "", "the project `FILE`")
	tf := addTransferFlags(fl, format.All().Readable().Names(), " (default: detected from each PATH)")
	addLabels := fl.Bool("add-labels", false, "add labels, relation types and document labels the schema lacks, instead of refusing them")
	layer := fl.String("layer", "", "the span `LAYER` of labels a format gives without one (default: "+format.DefaultLayer+")")
	var columns []*string
	for _, role := range format.CSVRoles {
		columns = append(columns, fl.String(role+"-column", "", "csv: the `COLUMN` holding each document's "+role+" (default: "+role+")"))
	}
	paths, code, ok := c.parse(fl, cmd, args, atLeast(1), "project")
	if !ok {
		return code
	}
	synopsis := fl.Name() + " " + cmd.usage
	svc := c.projects()
	if *tf.format != "" {
		if _, err := svc.Formats().ByName(*tf.format); err != nil {
			return usageError(c.env.Stderr, fl.Name(), synopsis, err)
		}
	}
	unit, err := tf.unit()
	if err != nil {
		return usageError(c.env.Stderr, fl.Name(), synopsis, err)
	}
	req := project.ImportRequest{Paths: paths, Format: *tf.format, Annotator: c.annotator, Offsets: unit,
		Map: *tf.labelMap, AddLabels: *addLabels, Layer: *layer}
	for i, role := range format.CSVRoles {
		if *columns[i] != "" {
			if req.Columns == nil {
				req.Columns = map[string]string{}
			}
			req.Columns[role] = *columns[i]
		}
	}
	// The total is unknown until the files are read: documents so far.
	progress := c.progress("import", 0)
	req.Progress = project.Progress{Documents: progress.documents, Committing: progress.committing}
	im, err := svc.NewImport(req)
	if err != nil {
		return c.errorf("import: %v", err)
	}
	st, err := c.openProject(*projectPath)
	if err != nil {
		return c.fail(err, "import: %v")
	}
	defer st.Close()
	sum, err := im.Run(c.ctx, st)
	progress.done()
	if err != nil {
		// FILE:LINE: first on its line, where editors and grep expect it:
		// the reader's errors carry it, and the import adds it to a
		// document the project refuses (against its schema).
		fmt.Fprintln(c.env.Stderr, err)
		sayDetected(c, im)
		var unknown *project.UnknownLabelsError
		if errors.As(err, &unknown) {
			fmt.Fprintln(c.env.Stderr, "import: add them to the schema with --add-labels, or rename them with --map FILE")
		}
		return c.errorf("import stopped; nothing was imported")
	}
	sayDetected(c, im)
	fmt.Fprintln(c.env.Stdout, sum)
	if !sum.Loss.Empty() {
		fmt.Fprintf(c.env.Stderr, "import: left out: %s\n", sum.Loss)
	}
	return exitOK
}

// sayDetected tells, on standard error, the formats chosen for paths named
// without --format. It follows an error rather than preceding it, so that
// an error's FILE:LINE stays first, where editors and grep look for it.
func sayDetected(c *invocation, im *project.Import) {
	for _, d := range im.Detected() {
		fmt.Fprintf(c.env.Stderr, "import: format %s\n", d)
	}
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}
