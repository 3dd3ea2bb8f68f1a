package cli

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"frametag/annotate/schemes"
	"frametag/storage/sqlite"
)

// guiCall records what the injected GUI opener was asked to open.
type guiCall struct {
	path, annotator string
	named           bool
}

type harness struct {
	t    *testing.T
	dir  string
	vars map[string]string
	gui  []guiCall
}

func newHarness(t *testing.T) *harness {
	dir := t.TempDir()
	return &harness{t: t, dir: dir, vars: map[string]string{"XDG_DATA_HOME": filepath.Join(dir, "data"), "DISPLAY": ":0"}}
}

func (h *harness) env(stdout, stderr *bytes.Buffer) Env {
	return Env{
		Stdin:  strings.NewReader(""),
		Stdout: stdout, Stderr: stderr,
		Getenv:   func(k string) string { return h.vars[k] },
		GOOS:     "linux",
		HomeDir:  func() (string, error) { return filepath.Join(h.dir, "home"), nil },
		UserName: func() (string, error) { return "tester", nil },
		Projects: sqlite.Opener{},
		OpenGUI: func(_ context.Context, path, annotator string, named bool) error {
			h.gui = append(h.gui, guiCall{path, annotator, named})
			return nil
		},
	}
}

// run runs frametag in-process and returns its exit status and output.
func (h *harness) run(args ...string) (int, string, string) {
	var stdout, stderr bytes.Buffer
	code := Run(context.Background(), args, h.env(&stdout, &stderr))
	return code, stdout.String(), stderr.String()
}

// mustRun fails the test unless the command succeeds.
func (h *harness) mustRun(args ...string) string {
	h.t.Helper()
	code, out, errOut := h.run(args...)
	if code != 0 {
		h.t.Fatalf("frametag %s: exit %d\nstdout: %s\nstderr: %s", strings.Join(args, " "), code, out, errOut)
	}
	return out
}

func (h *harness) path(name string) string { return filepath.Join(h.dir, name) }

func (h *harness) write(name, content string) string {
	h.t.Helper()
	p := h.path(name)
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		h.t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
		h.t.Fatal(err)
	}
	return p
}

func TestHelpGoesToStdoutWithExitZero(t *testing.T) {
	h := newHarness(t)
	tests := [][]string{
		{"--help"}, {"-h"}, {"help"}, {"help", "import"},
		{"open", "--help"}, {"init", "--help"}, {"import", "--help"}, {"export", "--help"},
		{"stats", "--help"}, {"schema", "--help"}, {"schema", "show", "--help"}, {"schema", "set", "--help"},
		{"--annotator", "x", "import", "-h"},
	}
	for _, args := range tests {
		code, out, errOut := h.run(args...)
		if code != 0 || !strings.Contains(out, "usage: frametag") || errOut != "" {
			t.Errorf("frametag %s: exit %d, stdout %q, stderr %q", strings.Join(args, " "), code, out, errOut)
		}
	}
	_, out, _ := h.run("import", "--help")
	for _, want := range []string{"--project FILE", "--format F", "--annotator"} {
		if !strings.Contains(out, want) {
			t.Errorf("import --help does not mention %s:\n%s", want, out)
		}
	}
	if len(h.gui) != 0 {
		t.Errorf("--help opened a window")
	}
}

func TestBadUsageExitsTwoWithAUsageLine(t *testing.T) {
	h := newHarness(t)
	project := h.path("p.frametag")
	h.mustRun("init", project)
	tests := []struct {
		args []string
		want string
	}{
		{[]string{"frobnicate"}, `unknown command "frobnicate"`},
		{[]string{"--nope"}, "flag provided but not defined: --nope"},
		{[]string{"import", "--nope", "x"}, "flag provided but not defined: --nope"},
		{[]string{"open"}, "wrong number of arguments"},
		{[]string{"open", "a", "b"}, "wrong number of arguments"},
		{[]string{"init"}, "wrong number of arguments"},
		{[]string{"init", "--schema", "nonesuch", h.path("q.frametag")}, "nonesuch"},
		{[]string{"import", "--project", project}, "wrong number of arguments"},
		{[]string{"import", "x.jsonl"}, "--project is required"},
		{[]string{"import", "--project", project, "--format", "nope", "x"}, `unknown format "nope"`},
		{[]string{"export"}, "--project is required"},
		{[]string{"export", "--project", project, "extra"}, "wrong number of arguments"},
		{[]string{"export", "--project", project, "--format", "txt"}, "can be imported but not exported"},
		{[]string{"stats"}, "--project is required"},
		{[]string{"schema"}, "missing subcommand"},
		{[]string{"schema", "drop"}, `unknown subcommand "drop"`},
		{[]string{"schema", "show"}, "--project is required"},
		{[]string{"schema", "set", "--project", project}, "wrong number of arguments"},
		{[]string{"schema", "set", "--project", project, "--rename", "bad", "s.json"}, "want LAYER/OLD=NEW"},
	}
	for _, tt := range tests {
		code, out, errOut := h.run(tt.args...)
		if code != 2 || !strings.Contains(errOut, tt.want) || !strings.Contains(errOut, "usage: frametag") || out != "" {
			t.Errorf("frametag %s: exit %d, stderr %q, stdout %q; want 2 and %q with a usage line",
				strings.Join(tt.args, " "), code, errOut, out, tt.want)
		}
	}
	if _, err := os.Stat(h.path("q.frametag")); err == nil {
		t.Error("init with an unknown schema created a file")
	}
}

func TestDefaultProjectIsCreatedOnceAndOpened(t *testing.T) {
	h := newHarness(t)
	code, _, errOut := h.run()
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	want := filepath.Join(h.dir, "data", "frametag", "default.frametag")
	// the login's name: not named, so the window's last choice may stand
	if len(h.gui) != 1 || h.gui[0] != (guiCall{want, "tester", false}) {
		t.Fatalf("GUI calls %v, want one on %s by tester", h.gui, want)
	}
	if !strings.Contains(errOut, "created the default project") {
		t.Errorf("first start did not say it created the project: %q", errOut)
	}
	st, err := sqlite.Open(t.Context(), want)
	if err != nil {
		t.Fatal(err)
	}
	docs, err := st.Documents(t.Context(), "tester")
	st.Close()
	if err != nil || len(docs) != 3 {
		t.Fatalf("default project holds %d documents (%v), want the 3 seeds", len(docs), err)
	}
	if docs[1].Title != "US, NATO vow support for Ukraine after ‘diabolical’ Russian annexation votes" {
		t.Errorf("seed title %q", docs[1].Title)
	}

	// Second start: opened, not recreated; the annotator comes from the
	// environment, then from --annotator.
	h.vars["FRAMETAG_ANNOTATOR"] = "olena"
	code, _, errOut = h.run()
	if code != 0 || errOut != "" || h.gui[1] != (guiCall{want, "olena", true}) {
		t.Fatalf("second start: exit %d, stderr %q, calls %v", code, errOut, h.gui)
	}
	h.mustRun("--annotator", "Ölga")
	if h.gui[2].annotator != "Ölga" || !h.gui[2].named {
		t.Errorf("--annotator ignored: %v", h.gui[2])
	}
}

// TestDefaultProjectFirstStart follows the first-start path without a
// display: a fresh data folder gets the seeds and the default schema, a
// second start reuses the file, and a damaged file is named and kept.
func TestDefaultProjectFirstStart(t *testing.T) {
	h := newHarness(t)
	var stdout, stderr bytes.Buffer
	env := h.env(&stdout, &stderr)
	path, created, err := DefaultProject(t.Context(), env)
	want := filepath.Join(h.dir, "data", "frametag", "default.frametag")
	if err != nil || !created || path != want {
		t.Fatalf("first start: %q, created %v, %v; want %q created", path, created, err, want)
	}
	st, err := sqlite.Open(t.Context(), path)
	if err != nil {
		t.Fatal(err)
	}
	docs, err := st.Documents(t.Context(), "")
	if err != nil {
		t.Fatal(err)
	}
	sc, err := st.Schema(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	if err := st.Close(); err != nil {
		t.Fatal(err)
	}
	if len(docs) != 3 || sc.Name != schemes.Default().Name {
		t.Errorf("default project: %d documents, schema %q; want 3 and %q", len(docs), sc.Name, schemes.Default().Name)
	}
	entries, _ := os.ReadDir(filepath.Dir(path))
	if len(entries) != 1 {
		t.Errorf("the data folder holds %d entries, want the project alone: %v", len(entries), entries)
	}
	sum := func() string { b, _ := os.ReadFile(path); return string(b) }
	first := sum()

	again, created, err := DefaultProject(t.Context(), env)
	if err != nil || created || again != path || sum() != first {
		t.Fatalf("second start: %q, created %v, %v, file changed %v", again, created, err, sum() != first)
	}

	damaged := []byte(first)
	copy(damaged[100:], bytes.Repeat([]byte{0xA5}, 512)) // the table of tables
	tests := []struct {
		name    string
		content []byte
		want    string
	}{
		{"damaged", damaged, "the project file is damaged"},
		{"empty", nil, "the file is empty"},
		{"not a database", []byte("notes\n"), "not an SQLite database"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if err := os.WriteFile(path, tt.content, 0o644); err != nil {
				t.Fatal(err)
			}
			_, created, err := DefaultProject(t.Context(), env)
			if err == nil || created || !strings.Contains(err.Error(), path) || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("err %v, created %v; want an error naming %s and saying %q", err, created, path, tt.want)
			}
			if got, _ := os.ReadFile(path); !bytes.Equal(got, tt.content) {
				t.Errorf("the damaged project was changed")
			}
			calls := len(h.gui)
			code, _, errOut := h.run()
			if code != 1 || !strings.Contains(errOut, path) || len(h.gui) != calls {
				t.Errorf("frametag: exit %d, stderr %q, window opened %v", code, errOut, len(h.gui) != calls)
			}
		})
	}
}

func TestGUIErrorIsAFailure(t *testing.T) {
	h := newHarness(t)
	var stdout, stderr bytes.Buffer
	env := h.env(&stdout, &stderr)
	env.OpenGUI = func(context.Context, string, string, bool) error { return errors.New("no display") }
	if code := Run(context.Background(), nil, env); code != 1 || !strings.Contains(stderr.String(), "no display") {
		t.Errorf("exit %d, stderr %q", code, stderr.String())
	}
}

func TestNoDisplayOrAPanickingWindowIsAnError(t *testing.T) {
	h := newHarness(t)
	delete(h.vars, "DISPLAY")
	code, _, errOut := h.run()
	if code != 1 || !strings.Contains(errOut, "no display") || len(h.gui) != 0 {
		t.Errorf("without a display: exit %d, stderr %q, calls %v", code, errOut, h.gui)
	}
	h.vars["WAYLAND_DISPLAY"] = "wayland-0"
	var stdout, stderr bytes.Buffer
	env := h.env(&stdout, &stderr)
	env.OpenGUI = func(context.Context, string, string, bool) error {
		panic("NotInitialized: The GLFW library is not initialized")
	}
	if code := Run(context.Background(), nil, env); code != 1 || !strings.Contains(stderr.String(), "the window could not be opened: NotInitialized") {
		t.Errorf("panicking window: exit %d, stderr %q", code, stderr.String())
	}
}

func TestDataDirPerPlatform(t *testing.T) {
	tests := []struct {
		goos string
		vars map[string]string
		want string
	}{
		{"linux", map[string]string{"XDG_DATA_HOME": "/xdg"}, filepath.Join("/xdg", "frametag")},
		{"linux", map[string]string{"XDG_DATA_HOME": "relative/ignored"}, filepath.Join("/home/u", ".local", "share", "frametag")},
		{"freebsd", nil, filepath.Join("/home/u", ".local", "share", "frametag")},
		{"darwin", map[string]string{"XDG_DATA_HOME": "/xdg"}, filepath.Join("/home/u", "Library", "Application Support", "frametag")},
		{"windows", map[string]string{"APPDATA": `C:\Users\u\AppData\Roaming`}, filepath.Join(`C:\Users\u\AppData\Roaming`, "frametag")},
	}
	for _, tt := range tests {
		env := Env{GOOS: tt.goos, Getenv: func(k string) string { return tt.vars[k] },
			HomeDir: func() (string, error) { return "/home/u", nil }}
		got, err := dataDir(env)
		if err != nil || got != tt.want {
			t.Errorf("%s %v: dataDir = %q, %v; want %q", tt.goos, tt.vars, got, err, tt.want)
		}
	}
	if _, err := dataDir(Env{GOOS: "windows", Getenv: func(string) string { return "" }}); err == nil {
		t.Error("windows without APPDATA gave a folder")
	}
}

func TestDefaultAnnotator(t *testing.T) {
	tests := []struct {
		env, user string
		userErr   error
		want      string
	}{
		{"  olena ", "tester", nil, "olena"},
		{"", "tester", nil, "tester"},
		{"", `CORP\jdoe`, nil, "jdoe"},
		{"", "", errors.New("no user"), "annotator"},
	}
	for _, tt := range tests {
		env := Env{Getenv: func(string) string { return tt.env },
			UserName: func() (string, error) { return tt.user, tt.userErr }}
		if got := defaultAnnotator(env); got != tt.want {
			t.Errorf("defaultAnnotator(env %q, user %q) = %q, want %q", tt.env, tt.user, got, tt.want)
		}
	}
}

func TestOpen(t *testing.T) {
	h := newHarness(t)
	project := h.path("p.frametag")
	h.mustRun("init", project)
	h.mustRun("open", project, "--annotator", "bob")
	if len(h.gui) != 1 || h.gui[0] != (guiCall{project, "bob", true}) {
		t.Fatalf("GUI calls %v", h.gui)
	}
	notProject := h.write("notes.txt", "just some text, not a database\n")
	tests := []struct {
		path, want string
	}{
		{h.path("missing.frametag"), "no such project (create one with: frametag init"},
		{notProject, "notes.txt"},
		{h.dir, "is a folder"},
	}
	for _, tt := range tests {
		code, _, errOut := h.run("open", tt.path)
		if code != 1 || !strings.Contains(errOut, tt.want) {
			t.Errorf("open %s: exit %d, stderr %q; want 1 and %q", tt.path, code, errOut, tt.want)
		}
	}
	if data, _ := os.ReadFile(notProject); string(data) != "just some text, not a database\n" {
		t.Errorf("open changed a file that is not a project")
	}
	if len(h.gui) != 1 {
		t.Errorf("a window was opened on a bad path")
	}
}

func TestInit(t *testing.T) {
	h := newHarness(t)
	tests := []struct {
		args       []string
		schema     string
		docs       int
		wantOutput string
	}{
		{[]string{"init", h.path("plain.frametag")}, "", 0, "created"},
		{[]string{"init", "--seeds", h.path("seeded.frametag")}, "", 3, "and 3 bundled articles"},
		{[]string{"init", "--schema", schemes.PTC18Name, h.path("ptc.frametag")}, schemes.PTC18Name, 0, schemes.PTC18Name},
	}
	for _, tt := range tests {
		code, out, errOut := h.run(tt.args...)
		if code != 0 || !strings.Contains(out, tt.wantOutput) {
			t.Fatalf("%v: exit %d, stdout %q, stderr %q", tt.args, code, out, errOut)
		}
		st, err := sqlite.Open(t.Context(), tt.args[len(tt.args)-1])
		if err != nil {
			t.Fatal(err)
		}
		docs, _ := st.Documents(t.Context(), "")
		sc, _ := st.Schema(t.Context())
		st.Close()
		if len(docs) != tt.docs {
			t.Errorf("%v: %d documents, want %d", tt.args, len(docs), tt.docs)
		}
		if tt.schema != "" && sc.Name != tt.schema {
			t.Errorf("%v: schema %q", tt.args, sc.Name)
		}
	}
	existing := h.write("existing.frametag", "precious")
	code, _, errOut := h.run("init", "--seeds", existing)
	if data, _ := os.ReadFile(existing); code != 1 || string(data) != "precious" || !strings.Contains(errOut, "already exists") {
		t.Errorf("init over an existing file: exit %d, stderr %q, file now %q", code, errOut, data)
	}
}
