package cli

import (
	"bufio"
	"fmt"
	"os"
	"strings"

	"frametag/annotate"
)

func gazetteerCommand() command {
	return command{
		name:  "gazetteer",
		usage: "--project FILE --layer L LIST.tsv",
		short: "add phrases and their labels for suggestions",
		summary: "Add a gazetteer to a span layer: LIST.tsv holds one entry a line, the text, a tab and\n" +
			"the label (blank lines and lines starting with # are skipped). Suggestions then propose\n" +
			"the label wherever the text occurs as whole words. Entries already there are left as\n" +
			"they are; a label the layer lacks refuses the whole list.",
		run: runGazetteer,
	}
}

func runGazetteer(c *invocation, args []string) int {
	cmd := gazetteerCommand()
	fl := c.commandFlags(cmd.name)
	projectPath := fl.String("project", "", "the project `FILE`")
	layer := fl.String("layer", "", "the span `LAYER`")
	pos, code, ok := c.parse(fl, cmd, args, exactly(1), "project", "layer")
	if !ok {
		return code
	}
	st, err := c.openProject(*projectPath)
	if err != nil {
		return c.fail(err, "gazetteer: %v")
	}
	defer st.Close()
	sc, err := st.Schema(c.ctx)
	if err != nil {
		return c.fail(projectError(*projectPath, err, false), "gazetteer: %v")
	}
	f, err := os.Open(pos[0])
	if err != nil {
		return c.fail(err, "gazetteer: %v")
	}
	defer f.Close()
	var entries []annotate.GazetteerEntry
	sc2 := bufio.NewScanner(f)
	sc2.Buffer(make([]byte, 64<<10), 1<<20)
	for line := 1; sc2.Scan(); line++ {
		s := strings.TrimRight(sc2.Text(), "\r")
		if line == 1 {
			s = strings.TrimPrefix(s, "\ufeff")
		}
		if strings.TrimSpace(s) == "" || strings.HasPrefix(s, "#") {
			continue
		}
		text, label, found := strings.Cut(s, "\t")
		if !found {
			return c.errorf("gazetteer: %s:%d: want the text, a tab and the label", pos[0], line)
		}
		e := annotate.GazetteerEntry{Layer: *layer, Text: strings.TrimSpace(text), Label: strings.TrimSpace(label)}
		if err := sc.CheckGazetteerEntry(e); err != nil {
			return c.errorf("gazetteer: %s:%d: %v", pos[0], line, err)
		}
		entries = append(entries, e)
	}
	if err := sc2.Err(); err != nil {
		return c.fail(err, "gazetteer: %s: %v", pos[0])
	}
	added, err := st.AddGazetteer(c.ctx, entries)
	if err != nil {
		return c.fail(projectError(*projectPath, err, false), "gazetteer: %v")
	}
	fmt.Fprintf(c.env.Stdout, "added %d %s to layer %s (%d already there)\n", added, plural(added, "entry", "entries"), *layer, len(entries)-added)
	return exitOK
}
