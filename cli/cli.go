// Package cli is frametag's command line: one file per subcommand. It knows
// nothing of the GUI: the function that opens a window is handed in through
// Env, so the commands can be tested in-process without a display.
package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/user"
	"runtime"
	"slices"
	"strings"

	"frametag/annotate"
)

// Exit statuses.
const (
	exitOK      = 0
	exitFailure = 1
	exitUsage   = 2
)

// Env is everything a command takes from the outside world.
type Env struct {
	Stdin          io.Reader
	Stdout, Stderr io.Writer
	Getenv         func(key string) string
	GOOS           string
	HomeDir        func() (string, error)
	UserName       func() (string, error)
	// Projects creates and opens project files; main.go chooses the store.
	Projects annotate.Opener
	// OpenGUI opens the workbench window on a project and returns when it
	// is closed. named says the annotator was named (--annotator,
	// $FRAMETAG_ANNOTATOR) rather than taken from the login, which the
	// window's own last choice (Switch annotator…) then replaces.
	OpenGUI func(ctx context.Context, projectPath, annotator string, named bool) error
}

// System is the Env of a real process.
func System(projects annotate.Opener, openGUI func(ctx context.Context, projectPath, annotator string, named bool) error) Env {
	return Env{
		Stdin: os.Stdin, Stdout: os.Stdout, Stderr: os.Stderr,
		Getenv:  os.Getenv,
		GOOS:    runtime.GOOS,
		HomeDir: os.UserHomeDir,
		UserName: func() (string, error) {
			u, err := user.Current()
			if err != nil {
				return "", err
			}
			return u.Username, nil
		},
		Projects: projects,
		OpenGUI:  openGUI,
	}
}

// command is one subcommand. run gets the arguments after the command name
// and returns the exit status.
type command struct {
	name    string
	usage   string // the synopsis after "frametag NAME"
	short   string // one line for the list of commands
	summary string
	run     func(c *invocation, args []string) int
}

func commands() []command {
	return []command{openCommand(), initCommand(), importCommand(), exportCommand(), mergeCommand(), agreeCommand(), curateCommand(), statsCommand(), reportCommand(), actorsCommand(), schemaCommand(), suggestCommand(), gazetteerCommand()}
}

// invocation is what every command works with: one run of frametag.
type invocation struct {
	// ctx is the run's context, passed to every store call.
	ctx       context.Context
	env       Env
	annotator string
	// loginName is the annotator taken from the login when nothing named
	// one ("" when --annotator or $FRAMETAG_ANNOTATOR did).
	loginName string
}

// annotatorNamed reports whether the user named the annotator: a flag, the
// environment, or a subcommand's --annotator.
func (c *invocation) annotatorNamed() bool { return c.loginName == "" || c.annotator != c.loginName }

func (c *invocation) errorf(format string, a ...any) int {
	fmt.Fprintf(c.env.Stderr, "frametag: "+format+"\n", a...)
	return exitFailure
}

// Run runs frametag with args (os.Args[1:]) and returns the exit status.
func Run(ctx context.Context, args []string, env Env) int {
	// A write that waits for another frametag (a long import in a window)
	// says so, once, rather than seeming to hang.
	ctx = annotate.WithWaiting(ctx, func(what string) {
		if what != "" {
			fmt.Fprintf(env.Stderr, "frametag: %s\n", what)
		}
	})
	c := &invocation{ctx: ctx, env: env}
	fs := newFlagSet("frametag")
	fs.StringVar(&c.annotator, "annotator", "", "`NAME` of who makes the edits (default: $FRAMETAG_ANNOTATOR, else your user name)")
	rest, err := parseInterleaved(fs, args, true)
	if errors.Is(err, flag.ErrHelp) {
		printMainUsage(env.Stdout, fs)
		return exitOK
	}
	if err != nil {
		return usageError(env.Stderr, "frametag", "frametag [--annotator NAME] [COMMAND] ...", err)
	}
	if c.annotator == "" {
		c.annotator = defaultAnnotator(env)
		if strings.TrimSpace(env.Getenv("FRAMETAG_ANNOTATOR")) == "" {
			c.loginName = c.annotator
		}
	}
	if len(rest) == 0 {
		return runDefault(c)
	}
	name, rest := rest[0], rest[1:]
	if name == "help" {
		if len(rest) > 0 {
			return Run(ctx, append(rest[:1:1], "--help"), env)
		}
		printMainUsage(env.Stdout, fs)
		return exitOK
	}
	for _, cmd := range commands() {
		if cmd.name == name {
			return cmd.run(c, rest)
		}
	}
	return usageError(env.Stderr, "frametag", "frametag [--annotator NAME] [COMMAND] ...",
		fmt.Errorf("unknown command %q (commands: %s)", name, strings.Join(commandNames(), ", ")))
}

func commandNames() []string {
	var names []string
	for _, cmd := range commands() {
		names = append(names, cmd.name)
	}
	return names
}

func printMainUsage(w io.Writer, fs *flag.FlagSet) {
	fmt.Fprintf(w, `frametag: annotate news articles with claims, actors, persuasion techniques and frames.

usage: frametag [--annotator NAME]               open the default project in the workbench
       frametag [--annotator NAME] COMMAND ...

commands:
`)
	for _, cmd := range commands() {
		fmt.Fprintf(w, "  %-8s %s\n", cmd.name, cmd.short)
	}
	fmt.Fprintf(w, "\nflags:\n")
	printFlags(w, fs)
	fmt.Fprintf(w, "\n\"frametag COMMAND --help\" describes a command.\n")
}

// newFlagSet makes a flag set that reports its errors to the caller instead
// of printing them or exiting.
func newFlagSet(name string) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.Usage = func() {}
	return fs
}

// commandFlags makes a subcommand's flag set, which also takes the global
// --annotator.
func (c *invocation) commandFlags(name string) *flag.FlagSet {
	fs := newFlagSet("frametag " + name)
	fs.StringVar(&c.annotator, "annotator", c.annotator, "`NAME` of who makes the edits")
	return fs
}

// parseInterleaved parses flags wherever they stand among the positional
// arguments ("import a.jsonl --project p" works too); after "--" everything
// is positional. With stopAtFirst it stops at the first positional argument,
// leaving the rest for a subcommand.
func parseInterleaved(fs *flag.FlagSet, args []string, stopAtFirst bool) ([]string, error) {
	var positional []string
	for {
		if err := undefinedFlag(fs, args); err != nil {
			return nil, err
		}
		if err := fs.Parse(args); err != nil {
			return nil, err
		}
		rest := fs.Args()
		consumed := args[:len(args)-len(rest)]
		if len(consumed) > 0 && consumed[len(consumed)-1] == "--" {
			return append(positional, rest...), nil
		}
		if len(rest) == 0 {
			return positional, nil
		}
		if stopAtFirst {
			return rest, nil
		}
		positional = append(positional, rest[0])
		args = rest[1:]
	}
}

// parse parses a subcommand's arguments and checks their number and that
// the required flags are given. It returns ok=false with the exit status when
// the command should stop: --help (printed to stdout, 0) or bad usage
// (stderr, 2).
func (c *invocation) parse(fs *flag.FlagSet, cmd command, args []string, nargs func(int) bool, required ...string) ([]string, int, bool) {
	pos, err := parseInterleaved(fs, args, false)
	if errors.Is(err, flag.ErrHelp) {
		fmt.Fprintf(c.env.Stdout, "usage: frametag %s %s\n\n%s\n", cmd.name, cmd.usage, cmd.summary)
		if hasFlags(fs) {
			fmt.Fprintf(c.env.Stdout, "\nflags:\n")
			printFlags(c.env.Stdout, fs)
		}
		return nil, exitOK, false
	}
	if err == nil && !nargs(len(pos)) {
		err = errors.New("wrong number of arguments")
	}
	for _, n := range required {
		if err == nil && fs.Lookup(n).Value.String() == "" {
			err = fmt.Errorf("--%s is required", n)
		}
	}
	if err != nil {
		return nil, usageError(c.env.Stderr, fs.Name(), fs.Name()+" "+cmd.usage, err), false
	}
	return pos, 0, true
}

// undefinedFlag is the first flag at the start of args, read the way
// fs.Parse reads them, that fs does not define: named with the two dashes
// users type, where the flag package's own error writes one.
func undefinedFlag(fs *flag.FlagSet, args []string) error {
	for i := 0; i < len(args); i++ {
		s := args[i]
		if len(s) < 2 || s[0] != '-' || s == "--" {
			return nil // the flags end here
		}
		name := strings.TrimPrefix(s[1:], "-")
		if name == "" || name[0] == '-' || name[0] == '=' {
			return nil // bad syntax: the flag package says so
		}
		name, _, hasValue := strings.Cut(name, "=")
		f := fs.Lookup(name)
		if f == nil {
			if name == "help" || name == "h" {
				return nil
			}
			return fmt.Errorf("flag provided but not defined: --%s", name)
		}
		if b, ok := f.Value.(interface{ IsBoolFlag() bool }); ok && b.IsBoolFlag() {
			continue
		}
		if !hasValue {
			i++ // the flag's value is the next argument, whatever it looks like
		}
	}
	return nil
}

func usageError(w io.Writer, name, synopsis string, err error) int {
	fmt.Fprintf(w, "%s: %v\nusage: %s\n", name, err, synopsis)
	return exitUsage
}

func hasFlags(fs *flag.FlagSet) bool {
	n := 0
	fs.VisitAll(func(*flag.Flag) { n++ })
	return n > 0
}

// printFlags lists flags with double dashes, the way users type them.
func printFlags(w io.Writer, fs *flag.FlagSet) {
	var lines [][2]string
	fs.VisitAll(func(f *flag.Flag) {
		name, usage := flag.UnquoteUsage(f)
		left := "--" + f.Name
		if name != "" {
			left += " " + strings.ToUpper(name)
		}
		lines = append(lines, [2]string{left, usage})
	})
	slices.SortFunc(lines, func(a, b [2]string) int { return strings.Compare(a[0], b[0]) })
	for _, l := range lines {
		fmt.Fprintf(w, "  %-24s %s\n", l[0], l[1])
	}
}

func exactly(n int) func(int) bool { return func(k int) bool { return k == n } }
func atLeast(n int) func(int) bool { return func(k int) bool { return k >= n } }

// defaultAnnotator is $FRAMETAG_ANNOTATOR, else the user's login name.
func defaultAnnotator(env Env) string {
	if a := strings.TrimSpace(env.Getenv("FRAMETAG_ANNOTATOR")); a != "" {
		return a
	}
	if env.UserName != nil {
		if name, err := env.UserName(); err == nil && name != "" {
			// Windows gives DOMAIN\user.
			if i := strings.LastIndexByte(name, '\\'); i >= 0 {
				name = name[i+1:]
			}
			return name
		}
	}
	return "annotator"
}
