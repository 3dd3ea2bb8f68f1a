package cli

import (
	"fmt"

	"frametag/project"
)

func mergeCommand() command {
	return command{
		name:  "merge",
		usage: "--project TEAM FILE...",
		short: "merge other annotators' projects or JSONL exports into one, all or nothing",
		summary: "Bring other annotators' work into the project TEAM: their project files, or files in a format\n" +
			"frametag reads (native JSONL exports). Documents are matched by text, so the same article under\n" +
			"another id is one document; new ones are added. Every annotation keeps its annotator; what the\n" +
			"project already holds is left out, so merging a file twice changes nothing, and nothing the\n" +
			"project holds is changed or removed (where a file disagrees, the project's is kept and listed).\n" +
			"Labels missing on either side are reported by name; a file whose annotations use a label the\n" +
			"project lacks is refused. All or nothing: the first problem stops the merge and the project\n" +
			"stays as it was. A merge is not an edit and cannot be undone.",
		run: runMerge,
	}
}

func runMerge(c *invocation, args []string) int {
	cmd := mergeCommand()
	fl := c.commandFlags(cmd.name)
	projectPath := fl.String("project", "", "the team's project `FILE`, merged into")
	paths, code, ok := c.parse(fl, cmd, args, atLeast(1), "project")
	if !ok {
		return code
	}
	st, err := c.openProject(*projectPath)
	if err != nil {
		return c.fail(err, "merge: %v")
	}
	defer st.Close()
	sum, err := c.projects().Merge(c.ctx, st, project.MergeRequest{Paths: paths})
	for _, d := range sum.Schema {
		if len(d.Missing) > 0 {
			fmt.Fprintf(c.env.Stderr, "merge: %s has labels the project lacks: %s\n", d.File, listSome(d.Missing, 20))
		}
		if len(d.Lacking) > 0 {
			fmt.Fprintf(c.env.Stderr, "merge: %s lacks labels the project has: %s\n", d.File, listSome(d.Lacking, 20))
		}
	}
	if err != nil {
		return c.fail(err, "merge: %v")
	}
	for _, r := range sum.Renamed {
		fmt.Fprintf(c.env.Stderr, "merge: added document %s (its id was taken by another text)\n", r)
	}
	for _, k := range sum.Kept {
		fmt.Fprintf(c.env.Stderr, "merge: %s\n", k)
	}
	fmt.Fprintf(c.env.Stdout, "%s into %s\n", sum, *projectPath)
	return exitOK
}
