package cli

import (
	"encoding/json"
	"fmt"
	"strings"

	"frametag/annotate"
	"frametag/annotate/findings"
)

func actorsCommand() command {
	return command{
		name:  "actors",
		usage: "--project FILE [--json]",
		short: "list the actors: canonical names with their mentions, documents and claims",
		summary: "List the project's actors: every actor span's canonical_name (or its text, without one) is one\n" +
			"actor, with its kind (the label most of its mentions carry), its other names as written (aliases),\n" +
			"and how many mentions, documents and attributed claims it has; most mentions first. Counts are\n" +
			"of every annotator's spans. --json prints one JSON array.",
		run: runActors,
	}
}

func runActors(c *invocation, args []string) int {
	cmd := actorsCommand()
	fl := c.commandFlags(cmd.name)
	projectPath := fl.String("project", "", "the project `FILE`")
	asJSON := fl.Bool("json", false, "print JSON")
	if _, code, ok := c.parse(fl, cmd, args, exactly(0), "project"); !ok {
		return code
	}
	st, err := c.openProject(*projectPath)
	if err != nil {
		return c.fail(err, "actors: %v")
	}
	defer st.Close()
	sc, err := st.Schema(c.ctx)
	if err != nil {
		return c.fail(projectError(*projectPath, err, false), "actors: %v")
	}
	list := findings.NewActorList(sc, findings.Options{})
	err = st.Export(c.ctx, func(d annotate.AnnotatedDoc) error { list.Add(&d); return nil })
	if err != nil {
		return c.fail(projectError(*projectPath, err, false), "actors: %v")
	}
	actors := list.Actors()
	w := c.env.Stdout
	if *asJSON {
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		if err := enc.Encode(actors); err != nil {
			return c.fail(err, "actors: %v")
		}
		return exitOK
	}
	if len(actors) == 0 {
		fmt.Fprintf(w, "no actors yet\n")
		return exitOK
	}
	fmt.Fprintf(w, "%8s %9s %6s  %-8s %s\n", "mentions", "documents", "claims", "kind", "actor (aliases)")
	for _, a := range actors {
		name := a.Name
		if len(a.Aliases) > 0 {
			name += " (" + strings.Join(a.Aliases, "; ") + ")"
		}
		fmt.Fprintf(w, "%8d %9d %6d  %-8s %s\n", a.Mentions, a.Documents, a.Claims, a.Kind, name)
	}
	return exitOK
}
