package cli

import (
	"fmt"
	"iter"
	"strings"

	"frametag/annotate"
	"frametag/annotate/format"
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
	project := fl.String("project", "", "the project `FILE`")
	formatName := fl.String("format", "", "read every PATH as `F`: "+strings.Join(format.All().Readable().Names(), ", "))
	paths, code, ok := c.parse(fl, cmd, args, atLeast(1), "project")
	if !ok {
		return code
	}
	formats := format.All()
	if *formatName != "" {
		if _, err := formats.ByName(*formatName); err != nil {
			return usageError(c.env.Stderr, fl.Name(), fl.Name()+" "+cmd.usage, err)
		}
	}
	reading, err := formats.Read(format.Files(paths), *formatName, format.Options{Annotator: c.annotator})
	if err != nil {
		return c.errorf("import: %v", err)
	}
	st, err := c.openProject(*project)
	if err != nil {
		return c.fail(err, "import: %v")
	}
	defer st.Close()

	var tally importTally
	var where format.Tracker
	res, err := st.Import(c.ctx, tally.count(where.Docs(reading.Records())))
	if err != nil {
		// FILE:LINE: first on its line, where editors and grep expect it:
		// the reader's errors carry it, and the tracker adds it to a
		// document the project refuses (against its schema).
		fmt.Fprintln(c.env.Stderr, where.Locate(err))
		return c.errorf("import stopped; nothing was imported")
	}
	spans := tally.spansAdded(res.SkippedIDs)
	fmt.Fprintf(c.env.Stdout, "imported %d %s (%d %s)", res.Added, plural(res.Added, "document", "documents"), spans, plural(spans, "span", "spans"))
	if res.Skipped > 0 {
		fmt.Fprintf(c.env.Stdout, "; skipped %d already present (%s)", res.Skipped, listSome(res.SkippedIDs, 10))
	}
	fmt.Fprintln(c.env.Stdout)
	if loss := reading.Loss(); !loss.Empty() {
		fmt.Fprintf(c.env.Stderr, "import: left out: %s\n", loss)
	}
	return exitOK
}

// importTally remembers what went by, for the summary.
type importTally struct {
	ids   []string
	spans []int
}

// count passes documents on, noting each.
func (t *importTally) count(docs iter.Seq2[annotate.AnnotatedDoc, error]) iter.Seq2[annotate.AnnotatedDoc, error] {
	return func(yield func(annotate.AnnotatedDoc, error) bool) {
		for d, err := range docs {
			if err == nil {
				t.ids = append(t.ids, d.ID)
				t.spans = append(t.spans, len(d.Spans))
			}
			if !yield(d, err) {
				return
			}
		}
	}
}

// spansAdded counts the spans of the documents that were not skipped.
func (t *importTally) spansAdded(skipped []string) int {
	skip := map[string]int{}
	for _, id := range skipped {
		skip[id]++
	}
	n := 0
	// A skipped id is matched to its last occurrence: within one import, the
	// first occurrence of an id is the one that could have been added.
	for i := len(t.ids) - 1; i >= 0; i-- {
		if skip[t.ids[i]] > 0 {
			skip[t.ids[i]]--
			continue
		}
		n += t.spans[i]
	}
	return n
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// listSome joins up to max items and says how many more there are.
func listSome(items []string, max int) string {
	if len(items) <= max {
		return strings.Join(items, ", ")
	}
	return fmt.Sprintf("%s and %d more", strings.Join(items[:max], ", "), len(items)-max)
}
