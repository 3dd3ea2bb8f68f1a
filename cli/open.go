package cli

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"

	"frametag/annotate"
	"frametag/annotate/schemes"
	"frametag/project"
)

func openCommand() command {
	return command{
		name:    "open",
		usage:   "[--annotator NAME] FILE",
		short:   "open a project in the workbench window",
		summary: "Open a project in the workbench window. Without a command, frametag opens the default project.",
		run:     runOpen,
	}
}

func runOpen(c *invocation, args []string) int {
	cmd := openCommand()
	fl := c.commandFlags(cmd.name)
	pos, code, ok := c.parse(fl, cmd, args, exactly(1))
	if !ok {
		return code
	}
	path := pos[0]
	if err := checkProject(c.ctx, c.projects(), path); err != nil {
		return c.errorf("%v", err)
	}
	return c.openGUI(path)
}

// runDefault opens the default project, creating it with the seeds and the
// default schema on first start.
func runDefault(c *invocation) int {
	path, created, err := DefaultProject(c.ctx, c.env)
	if err != nil {
		return c.errorf("default project: %v", err)
	}
	if created {
		fmt.Fprintf(c.env.Stderr, "frametag: created the default project %s with the bundled articles\n", path)
	}
	return c.openGUI(path)
}

// DefaultProject returns the default project's file, creating it with the
// bundled articles and the default schema when there is none (created says
// so). An existing file is checked, never replaced: a damaged project is an
// error naming it, and stays for the user to rescue.
func DefaultProject(ctx context.Context, env Env) (path string, created bool, err error) {
	path, err = DefaultProjectPath(env)
	if err != nil {
		return "", false, err
	}
	if _, err := os.Stat(path); !errors.Is(err, fs.ErrNotExist) {
		if err != nil {
			return "", false, err
		}
		return path, false, checkProject(ctx, project.New(env.Projects), path)
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return "", false, err
	}
	if _, err := project.New(env.Projects).Create(ctx, path, schemes.Default(), project.Seeds()); err != nil {
		return "", false, err
	}
	return path, true, nil
}

func (c *invocation) openGUI(path string) int {
	if c.env.OpenGUI == nil {
		return c.errorf("this build has no window; use the commands (frametag --help)")
	}
	if c.annotator == annotate.GoldAnnotator {
		return c.errorf("--annotator %s: %q is the adjudicated layer, not an annotator; open the window under your own name "+
			"and adjudicate with Curate (your name is recorded with every decision)", c.annotator, c.annotator)
	}
	if err := c.checkDisplay(); err != nil {
		return c.errorf("%v", err)
	}
	if err := c.callGUI(path); err != nil {
		return c.errorf("%s: %v", path, err)
	}
	return exitOK
}

// checkDisplay refuses early, with a message, where the window cannot open:
// GLFW panics without a display.
func (c *invocation) checkDisplay() error {
	switch c.env.GOOS {
	case "windows", "darwin", "ios", "android", "js":
		return nil
	}
	if c.env.Getenv("DISPLAY") == "" && c.env.Getenv("WAYLAND_DISPLAY") == "" {
		return errors.New("no display to open the window on (DISPLAY is not set); " +
			"the commands work without one: frametag --help")
	}
	return nil
}

// callGUI turns a panic of the windowing library (a display that vanished,
// no OpenGL driver) into an error, so no stack trace reaches the user.
func (c *invocation) callGUI(path string) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("the window could not be opened: %v", r)
		}
	}()
	return c.env.OpenGUI(c.ctx, path, c.annotator, c.annotatorNamed())
}

// checkProject makes sure path is an existing frametag project before a
// window is opened on it.
func checkProject(ctx context.Context, svc *project.Service, path string) error {
	return projectError(path, svc.Check(ctx, path), true)
}

// openProject opens an existing project for a command.
func (c *invocation) openProject(path string) (annotate.Store, error) {
	st, err := c.projects().Open(c.ctx, path)
	return st, projectError(path, err, true)
}

// projects is the application layer over the run's stores.
func (c *invocation) projects() *project.Service { return project.New(c.env.Projects) }

// listSome joins up to max items and says how many more there are.
func listSome(items []string, max int) string { return project.ListSome(items, max) }
