package cli

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"iter"
	"os"
	"path/filepath"
	"strings"

	"frametag/annotate"
	"frametag/annotate/schemes"
	"frametag/seeds"
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
	n, err := createProject(c.ctx, c.env.Projects, path, schema, *withSeeds)
	if err != nil {
		return c.errorf("init %s: %v", path, err)
	}
	fmt.Fprintf(c.env.Stdout, "created %s with schema %q", path, schema.Name)
	if *withSeeds {
		fmt.Fprintf(c.env.Stdout, " and %d bundled articles", n)
	}
	fmt.Fprintln(c.env.Stdout)
	return exitOK
}

// createProject makes a new project file, with the seeds if asked. It is
// built beside path under a temporary name and moved into place only when
// complete, so that an interrupted creation never leaves a half-made project
// at path (which the next start would refuse as damaged).
func createProject(ctx context.Context, projects annotate.Opener, path string, schema annotate.Schema, withSeeds bool) (int, error) {
	if _, err := os.Stat(path); err == nil {
		return 0, fmt.Errorf("%s already exists; frametag will not overwrite it", path)
	}
	work, err := os.MkdirTemp(filepath.Dir(path), "."+filepath.Base(path)+".creating-*")
	if err != nil {
		return 0, err
	}
	defer os.RemoveAll(work)
	tmp := filepath.Join(work, filepath.Base(path))
	st, err := projects.Create(ctx, tmp, schema)
	if err != nil {
		return 0, err
	}
	added := 0
	if withSeeds {
		var res annotate.ImportResult
		res, err = st.Import(ctx, seedDocuments())
		added = res.Added
	}
	if cerr := st.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return 0, err
	}
	// Link, unlike Rename, refuses to replace a file made meanwhile.
	if err := os.Link(tmp, path); err != nil {
		if errors.Is(err, fs.ErrExist) {
			return 0, fmt.Errorf("%s already exists; frametag will not overwrite it", path)
		}
		if err := os.Rename(tmp, path); err != nil { // a file system without hard links
			return 0, err
		}
	}
	return added, nil
}

func seedDocuments() iter.Seq2[annotate.AnnotatedDoc, error] {
	return func(yield func(annotate.AnnotatedDoc, error) bool) {
		docs, err := seeds.Documents()
		if err != nil {
			yield(annotate.AnnotatedDoc{}, err)
			return
		}
		for _, d := range docs {
			if !yield(annotate.AnnotatedDoc{Document: d}, nil) {
				return
			}
		}
	}
}
