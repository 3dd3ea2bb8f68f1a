package cli

import (
	"encoding/json"
	"flag"
	"fmt"
	"strings"

	"frametag/annotate"
	"frametag/project"
)

func actorsCommand() command {
	return command{
		name: "actors",
		usage: "--project FILE [--json] | add --project FILE --kind KIND [--aliases 'A; B'] [--external-id ID] " +
			"[--description TEXT] NAME | set --project FILE [--kind KIND] [--aliases 'A; B'] [--external-id ID] " +
			"[--description TEXT] ACTOR | delete --project FILE ACTOR | merge --project FILE INTO FROM | " +
			"rename --project FILE OLD NEW | split --project FILE ACTOR NEW DOC/SPAN...",
		short: "list the actor registry with mentions, documents and claims; add, change, delete, merge, rename or split actors",
		summary: "List the actor registry: each entry with its kind, aliases, external id, and how many actor spans\n" +
			"(of every annotator) link to it, in how many documents, and how many claims are attributed to\n" +
			"them; most mentions first. --json prints one JSON array.\n" +
			"add: a new entry (KIND is a label of the actor layer; aliases separated by semicolons). set: the\n" +
			"fields given replace ACTOR's (--aliases '' empties them). delete: the entry goes and the spans\n" +
			"linked to it stay, linked to none.\n" +
			"merge: every span linked to FROM links to INTO; FROM's name and aliases become INTO's aliases.\n" +
			"rename: OLD's name becomes NEW (its spans follow). split: the spans named DOC/SPAN move from ACTOR\n" +
			"to a new entry NEW of ACTOR's kind. Actors are named by name (case and spacing aside) or id. Each\n" +
			"change is one edit by --annotator, undone like any other (Ctrl+Z in the window).",
		run: runActors,
	}
}

func runActors(c *invocation, args []string) int {
	if len(args) > 0 {
		switch args[0] {
		case "merge":
			return runActorsEdit(c, "merge", "INTO FROM", 2, args[1:])
		case "rename":
			return runActorsEdit(c, "rename", "OLD NEW", 2, args[1:])
		case "split":
			return runActorsEdit(c, "split", "ACTOR NEW DOC/SPAN...", 3, args[1:])
		case "add", "set", "delete":
			return runActorsEntry(c, args[0], args[1:])
		}
	}
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
	list, err := project.Actors(c.ctx, st)
	if err != nil {
		return c.fail(projectError(*projectPath, err, false), "actors: %v")
	}
	w := c.env.Stdout
	if *asJSON {
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		rows := list.Actors
		if rows == nil {
			rows = []project.ActorRow{}
		}
		if err := enc.Encode(rows); err != nil {
			return c.fail(err, "actors: %v")
		}
		return exitOK
	}
	if len(list.Actors) == 0 {
		fmt.Fprintf(w, "no actors in the registry yet\n")
	} else {
		fmt.Fprintf(w, "%8s %9s %6s  %-8s %s\n", "mentions", "documents", "claims", "kind", "actor (aliases) [external id]")
		for _, a := range list.Actors {
			name := a.Name
			if len(a.Aliases) > 0 {
				name += " (" + strings.Join(a.Aliases, "; ") + ")"
			}
			if a.ExternalID != "" {
				name += " [" + a.ExternalID + "]"
			}
			fmt.Fprintf(w, "%8d %9d %6d  %-8s %s\n", a.Mentions, a.Documents, a.Claims, a.Kind, name)
		}
	}
	if list.Unlinked > 0 {
		fmt.Fprintf(w, "%d actor span(s) link to no entry\n", list.Unlinked)
	}
	return exitOK
}

// runActorsEdit applies one registry edit named on the command line.
func runActorsEdit(c *invocation, sub, usage string, minArgs int, args []string) int {
	cmd := command{name: "actors " + sub, usage: "--project FILE " + usage, summary: actorsCommand().summary}
	fl := c.commandFlags(cmd.name)
	projectPath := fl.String("project", "", "the project `FILE`")
	nargs := exactly(minArgs)
	if sub == "split" {
		nargs = atLeast(minArgs)
	}
	pos, code, ok := c.parse(fl, cmd, args, nargs, "project")
	if !ok {
		return code
	}
	st, err := c.openProject(*projectPath)
	if err != nil {
		return c.fail(err, cmd.name+": %v")
	}
	defer st.Close()
	entries, err := st.Actors(c.ctx)
	if err != nil {
		return c.fail(projectError(*projectPath, err, false), cmd.name+": %v")
	}
	first, err := project.FindActor(entries, pos[0])
	if err != nil {
		return c.fail(err, cmd.name+": %v")
	}
	var e annotate.Edit
	switch sub {
	case "merge":
		from, err := project.FindActor(entries, pos[1])
		if err != nil {
			return c.fail(err, cmd.name+": %v")
		}
		e = annotate.MergeActors(first.ID, from.ID, c.annotator)
	case "rename":
		e = annotate.RenameActor(first, pos[1], c.annotator)
	case "split":
		var refs []annotate.SpanRef
		for _, p := range pos[2:] {
			doc, span, ok := strings.Cut(p, "/")
			if !ok || doc == "" || span == "" {
				return usageError(c.env.Stderr, fl.Name(), fl.Name()+" "+cmd.usage, fmt.Errorf("%q: want DOC/SPAN (a document id, a slash, a span id)", p))
			}
			refs = append(refs, annotate.SpanRef{Doc: doc, Span: span})
		}
		e = annotate.SplitActor(first.ID, annotate.ActorEntry{Name: pos[1], Kind: first.Kind}, refs, c.annotator)
	}
	done, err := st.Apply(c.ctx, e)
	if err != nil {
		return c.fail(projectError(*projectPath, err, false), cmd.name+": %v")
	}
	switch d := done.(type) {
	case annotate.MergeActorsEdit:
		fmt.Fprintf(c.env.Stdout, "merged %q into %q: %d mention(s) moved\n", d.From.Name, d.Into.Name, len(d.Mentions))
	case annotate.UpdateActorEdit:
		fmt.Fprintf(c.env.Stdout, "renamed %q to %q\n", d.Before.Name, d.After.Name)
	case annotate.SplitActorEdit:
		fmt.Fprintf(c.env.Stdout, "split %q from %q: %d mention(s) moved\n", d.New.Name, d.Of.Name, len(d.Mentions))
	}
	return exitOK
}

// runActorsEntry adds an entry, changes one's fields or deletes one, each
// one edit by --annotator.
func runActorsEntry(c *invocation, sub string, args []string) int {
	usage := map[string]string{
		"add":    "--kind KIND [--aliases 'A; B'] [--external-id ID] [--description TEXT] NAME",
		"set":    "[--kind KIND] [--aliases 'A; B'] [--external-id ID] [--description TEXT] ACTOR",
		"delete": "ACTOR",
	}[sub]
	cmd := command{name: "actors " + sub, usage: "--project FILE " + usage, summary: actorsCommand().summary}
	fl := c.commandFlags(cmd.name)
	projectPath := fl.String("project", "", "the project `FILE`")
	var kind, aliases, externalID, description *string
	if sub != "delete" {
		kind = fl.String("kind", "", "the entry's kind, a label of the actor layer (`PERSON`, ORG, ...)")
		aliases = fl.String("aliases", "", "other names of the actor, separated by semicolons (`'A; B'`)")
		externalID = fl.String("external-id", "", "an identifier elsewhere, e.g. a Wikidata `QID`")
		description = fl.String("description", "", "a line saying who the actor is (`TEXT`)")
	}
	required := []string{"project"}
	if sub == "add" {
		required = append(required, "kind")
	}
	pos, code, ok := c.parse(fl, cmd, args, exactly(1), required...)
	if !ok {
		return code
	}
	given := map[string]bool{}
	fl.Visit(func(f *flag.Flag) { given[f.Name] = true })
	st, err := c.openProject(*projectPath)
	if err != nil {
		return c.fail(err, cmd.name+": %v")
	}
	defer st.Close()
	fail := func(err error) int { return c.fail(projectError(*projectPath, err, false), cmd.name+": %v") }

	var e annotate.Edit
	if sub == "add" {
		e = annotate.CreateActor(annotate.ActorEntry{Name: pos[0], Kind: *kind, Aliases: splitAliases(*aliases),
			ExternalID: *externalID, Description: *description}, c.annotator)
	} else {
		entries, err := st.Actors(c.ctx)
		if err != nil {
			return fail(err)
		}
		entry, err := project.FindActor(entries, pos[0])
		if err != nil {
			return c.fail(err, cmd.name+": %v")
		}
		switch sub {
		case "set":
			if given["kind"] {
				entry.Kind = *kind
			}
			if given["aliases"] {
				entry.Aliases = splitAliases(*aliases)
			}
			if given["external-id"] {
				entry.ExternalID = *externalID
			}
			if given["description"] {
				entry.Description = *description
			}
			e = annotate.UpdateActor(entry, c.annotator)
		case "delete":
			mentions, err := st.ActorMentions(c.ctx, entry.ID)
			if err != nil {
				return fail(err)
			}
			e = annotate.CreateActor(entry, c.annotator, mentions...).Inverse()
		}
	}
	done, err := st.Apply(c.ctx, e)
	if err != nil {
		return fail(err)
	}
	switch d := done.(type) {
	case annotate.CreateActorEdit:
		if d.Delete {
			fmt.Fprintf(c.env.Stdout, "deleted %q: %d mention(s) now link to no actor\n", d.Entry.Name, len(d.Mentions))
		} else {
			fmt.Fprintf(c.env.Stdout, "added %q (%s), id %s\n", d.Entry.Name, d.Entry.Kind, d.Entry.ID)
		}
	case annotate.UpdateActorEdit:
		fmt.Fprintf(c.env.Stdout, "changed %q\n", d.After.Name)
	}
	return exitOK
}

// splitAliases reads "A; B" as two aliases; blanks are dropped.
func splitAliases(s string) []string {
	var out []string
	for _, a := range strings.Split(s, ";") {
		if a = strings.TrimSpace(a); a != "" {
			out = append(out, a)
		}
	}
	return out
}
