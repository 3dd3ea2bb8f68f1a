package cli

import (
	"errors"
	"fmt"
	"iter"
	"os"
	"strings"

	"frametag/annotate"
	"frametag/annotate/schemes"
	"frametag/seeds"
	"frametag/storage"
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

func runInit(c *context, args []string) int {
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
	n, err := createProject(path, schema, *withSeeds)
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

// createProject makes a new project file, with the seeds if asked. A project
// that could not be completed is removed, so that a retry starts clean.
func createProject(path string, schema annotate.Schema, withSeeds bool) (int, error) {
	if _, err := os.Stat(path); err == nil {
		return 0, fmt.Errorf("%s already exists; frametag will not overwrite it", path)
	}
	st, err := storage.Create(path, schema)
	if err != nil {
		return 0, err
	}
	added := 0
	if withSeeds {
		var res storage.ImportResult
		res, err = st.Import(seedDocuments())
		added = res.Added
	}
	if cerr := st.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return 0, errors.Join(err, removeProject(path))
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

// removeProject deletes a project file that was just created, with SQLite's
// side files.
func removeProject(path string) error {
	var errs []error
	for _, p := range []string{path, path + "-wal", path + "-shm", path + "-journal"} {
		if err := os.Remove(p); err != nil && !os.IsNotExist(err) {
			errs = append(errs, err)
		}
	}
	return errors.Join(errs...)
}
