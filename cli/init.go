package cli

import (
	"fmt"
	"iter"
	"strings"

	"frametag/annotate"
	"frametag/annotate/schemes"
	"frametag/project"
)

func initCommand() command {
	return command{
		name:    "init",
		usage:   "[--seeds] [--schema NAME] FILE",
		short:   "create a project with a bundled schema (and the bundled articles)",
		summary: "Create a new project file with a bundled schema (" + strings.Join(schemes.Names(), ", ") + ").",
		run:     runInit,
	}
}

func runInit(c *invocation, args []string) int {
	cmd := initCommand()
	fl := c.commandFlags(cmd.name)
	withSeeds := fl.Bool("seeds", false, "add the three bundled news articles")
	schemaName := fl.String("schema", "", "bundled schema `NAME` (default: the default schema)")
	pos, code, ok := c.parse(fl, cmd, args, exactly(1))
	if !ok {
		return code
	}
	schema := schemes.Default()
	if *schemaName != "" {
		s, err := schemes.ByName(*schemaName)
		if err != nil {
			return usageError(c.env.Stderr, fl.Name(), fl.Name()+" "+cmd.usage,
				fmt.Errorf("%v (bundled: %s)", err, strings.Join(schemes.Names(), ", ")))
		}
		schema = s
	}
	path := pos[0]
	var docs iter.Seq2[annotate.AnnotatedDoc, error]
	if *withSeeds {
		docs = project.Seeds()
	}
	res, err := c.projects().Create(c.ctx, path, schema, docs)
	if err != nil {
		return c.errorf("init %s: %v", path, err)
	}
	fmt.Fprintf(c.env.Stdout, "created %s with schema %q", path, schema.Name)
	if *withSeeds {
		fmt.Fprintf(c.env.Stdout, " and %d bundled articles", res.Added)
	}
	fmt.Fprintln(c.env.Stdout)
	return exitOK
}
