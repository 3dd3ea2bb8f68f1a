package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	"frametag/annotate"
)

func schemaCommand() command {
	return command{
		name:  "schema",
		usage: "show --project FILE [--json] | set --project FILE [--force] [--rename LAYER/OLD=NEW]... SCHEMA.json",
		short: "show the project's schema, or replace it by a JSON file",
		summary: "Show the project's schema (--json: as JSON, the shape \"schema set\" reads), or replace it by a JSON\n" +
			"file. \"set\" validates the file, then applies it as one edit that can be undone. Labels in use that\n" +
			"the new schema drops would remove their annotations: set refuses unless --force, saying how many.\n" +
			"--rename carries a renamed label's annotations over to its new name.",
		run: runSchema,
	}
}

func runSchema(c *invocation, args []string) int {
	cmd := schemaCommand()
	if len(args) > 0 {
		switch args[0] {
		case "show":
			return runSchemaShow(c, args[1:])
		case "set":
			return runSchemaSet(c, args[1:])
		}
	}
	fl := c.commandFlags(cmd.name)
	pos, code, ok := c.parse(fl, cmd, args, atLeast(0))
	if !ok {
		return code
	}
	err := errors.New("missing subcommand show or set")
	if len(pos) > 0 {
		err = fmt.Errorf("unknown subcommand %q (want show or set)", pos[0])
	}
	return usageError(c.env.Stderr, fl.Name(), fl.Name()+" "+cmd.usage, err)
}

func runSchemaShow(c *invocation, args []string) int {
	cmd := command{name: "schema show", usage: "--project FILE [--json]", summary: "Print the project's schema; --json prints it as indented JSON."}
	fl := c.commandFlags(cmd.name)
	project := fl.String("project", "", "the project `FILE`")
	asJSON := fl.Bool("json", false, "print the schema as JSON")
	if _, code, ok := c.parse(fl, cmd, args, exactly(0), "project"); !ok {
		return code
	}
	st, err := c.openProject(*project)
	if err != nil {
		return c.fail(err, "schema show: %v")
	}
	defer st.Close()
	sc, err := st.Schema(c.ctx)
	if err != nil {
		return c.fail(projectError(*project, err, false), "schema show: %v")
	}
	if *asJSON {
		var buf bytes.Buffer
		enc := json.NewEncoder(&buf)
		enc.SetEscapeHTML(false)
		enc.SetIndent("", "  ")
		if err := enc.Encode(sc); err != nil {
			return c.errorf("schema show: %v", err)
		}
		c.env.Stdout.Write(buf.Bytes())
		return exitOK
	}
	printSchema(c.env.Stdout, sc)
	return exitOK
}

func printSchema(w io.Writer, sc annotate.Schema) {
	fmt.Fprintf(w, "%s (version %d)\n", sc.Name, sc.Version)
	for _, l := range sc.Layers {
		var traits []string
		if l.Overlap {
			traits = append(traits, "overlapping")
		}
		if l.Kind == annotate.DocumentLayer {
			if l.Multi {
				traits = append(traits, "several per document")
			} else {
				traits = append(traits, "one per document")
			}
		}
		extra := ""
		if len(traits) > 0 {
			extra = ", " + strings.Join(traits, ", ")
		}
		fmt.Fprintf(w, "\n%s (%s layer%s)\n", l.Name, l.Kind, extra)
		for _, lb := range l.Labels {
			key := " "
			if lb.Key != "" {
				key = lb.Key
			}
			fmt.Fprintf(w, "  [%s] %s\n", key, lb.Name)
		}
		for _, a := range l.Attributes {
			values := ""
			if len(a.Values) > 0 {
				values = ": " + strings.Join(a.Values, " | ")
			}
			fmt.Fprintf(w, "  attribute %s (%s)%s\n", a.Name, a.Kind, values)
		}
	}
	if len(sc.Relations) > 0 {
		fmt.Fprintf(w, "\nrelations\n")
		for _, r := range sc.Relations {
			fmt.Fprintf(w, "  %s: %s → %s\n", r.Name, r.From, r.To)
		}
	}
}

// renameFlags collects repeated --rename LAYER/OLD=NEW.
type renameFlags []annotate.LabelRename

func (r *renameFlags) String() string { return "" }

func (r *renameFlags) Set(v string) error {
	layer, rest, ok1 := strings.Cut(v, "/")
	from, to, ok2 := strings.Cut(rest, "=")
	if !ok1 || !ok2 || layer == "" || from == "" || to == "" {
		return fmt.Errorf("want LAYER/OLD=NEW, got %q", v)
	}
	*r = append(*r, annotate.LabelRename{Layer: layer, From: from, To: to})
	return nil
}

func runSchemaSet(c *invocation, args []string) int {
	cmd := command{name: "schema set", usage: "--project FILE [--force] [--rename LAYER/OLD=NEW]... SCHEMA.json",
		summary: "Replace the project's schema by a JSON file (as \"schema show --json\" prints), as one undoable edit."}
	fl := c.commandFlags(cmd.name)
	project := fl.String("project", "", "the project `FILE`")
	force := fl.Bool("force", false, "remove the annotations of labels the new schema drops")
	var renames renameFlags
	fl.Var(&renames, "rename", "carry `LAYER/OLD=NEW` label's annotations over (repeatable)")
	pos, code, ok := c.parse(fl, cmd, args, exactly(1), "project")
	if !ok {
		return code
	}
	file := pos[0]
	next, err := readSchemaFile(file)
	if err != nil {
		fmt.Fprintln(c.env.Stderr, err)
		return c.errorf("schema set: %s is not a valid schema; the project is unchanged", file)
	}
	st, err := c.openProject(*project)
	if err != nil {
		return c.fail(err, "schema set: %v")
	}
	defer st.Close()
	cur, err := st.Schema(c.ctx)
	if err != nil {
		return c.fail(projectError(*project, err, false), "schema set: %v")
	}
	loss, err := countLoss(c.ctx, st, next, renames)
	if err != nil {
		return c.fail(projectError(*project, err, false), "schema set: %v")
	}
	if !loss.none() && !*force {
		return c.errorf("schema set: the new schema drops %s in use, which would remove %s; "+
			"rename with --rename LAYER/OLD=NEW, or pass --force to remove them. The project is unchanged.",
			listSome(loss.labels, 8), loss.describe())
	}
	done, err := st.Apply(c.ctx, annotate.SetSchema(cur, next, renames, c.annotator))
	if err != nil {
		return c.fail(projectError(*project, err, false), "schema set: %v; the project is unchanged")
	}
	set := done.(annotate.SetSchemaEdit)
	fmt.Fprintf(c.env.Stdout, "schema %q (version %d) set on %s", next.Name, set.After.Version, *project)
	if rm := set.Removed; rm != nil && !rm.Empty() {
		fmt.Fprintf(c.env.Stdout, "; removed %s, %s, %s", count(len(rm.Spans), "span", "spans"),
			count(len(rm.Relations), "relation", "relations"), count(len(rm.DocLabels), "document label", "document labels"))
	}
	fmt.Fprintln(c.env.Stdout, " (undo restores them)")
	return exitOK
}

// readSchemaFile reads and validates a schema file, reporting every problem
// on its own line prefixed with the file name.
func readSchemaFile(path string) (annotate.Schema, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return annotate.Schema{}, err
	}
	var sc annotate.Schema
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&sc); err != nil {
		return annotate.Schema{}, fmt.Errorf("%s: %v", path, describeSchemaJSONError(err))
	}
	if err := sc.Validate(); err != nil {
		var lines []string
		for _, line := range strings.Split(err.Error(), "\n") {
			lines = append(lines, path+": "+line)
		}
		return annotate.Schema{}, errors.New(strings.Join(lines, "\n"))
	}
	return sc, nil
}

func describeSchemaJSONError(err error) string {
	var syntax *json.SyntaxError
	var typ *json.UnmarshalTypeError
	switch {
	case errors.As(err, &syntax):
		return fmt.Sprintf("invalid JSON at byte %d: %v", syntax.Offset, err)
	case errors.As(err, &typ):
		return fmt.Sprintf("field %s: got a JSON %s, want %s", typ.Field, typ.Value, typ.Type)
	}
	return strings.TrimPrefix(err.Error(), "json: ")
}

// loss is what a new schema would take away from the project.
type loss struct {
	labels                     []string // "layer/label" in use and dropped
	spans, relations, docLabel int
}

func (l loss) none() bool { return l.spans+l.relations+l.docLabel == 0 }

func (l loss) describe() string {
	var parts []string
	for _, p := range []struct {
		n         int
		one, many string
	}{{l.spans, "span", "spans"}, {l.relations, "relation", "relations"}, {l.docLabel, "document label", "document labels"}} {
		if p.n > 0 {
			parts = append(parts, fmt.Sprintf("%d %s", p.n, plural(p.n, p.one, p.many)))
		}
	}
	return strings.Join(parts, ", ")
}

// countLoss walks the project and counts the annotations next has no place
// for, after renames: annotate.Schema.Misfits, the rule the schema edit
// applies.
func countLoss(ctx context.Context, st annotate.TransferService, next annotate.Schema, renames []annotate.LabelRename) (loss, error) {
	var l loss
	seen := map[string]bool{}
	note := func(layer, label string) {
		if k := layer + "/" + label; !seen[k] {
			seen[k] = true
			l.labels = append(l.labels, k)
		}
	}
	err := st.Export(ctx, func(d annotate.AnnotatedDoc) error {
		labels := make([]annotate.DocLabelOf, len(d.Labels))
		for i, dl := range d.Labels {
			labels[i] = annotate.DocLabelOf{DocID: d.ID, DocLabel: dl}
		}
		m := next.Misfits(renames, d.Spans, d.Relations, labels)
		for _, sp := range m.Spans {
			note(sp.Layer, sp.Label)
		}
		for _, r := range m.Relations {
			if _, ok := next.RelationType(r.Type); !ok {
				note("relation type", r.Type)
			}
		}
		for _, dl := range m.DocLabels {
			note(dl.Layer, dl.Label)
		}
		l.spans += len(m.Spans)
		l.relations += len(m.Relations)
		l.docLabel += len(m.DocLabels)
		return nil
	})
	return l, err
}
