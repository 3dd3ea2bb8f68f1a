package storage

import (
	"bufio"
	"fmt"
	"os"
	"os/exec"
	"strings"
	"syscall"
	"testing"

	"frametag/annotate"
)

// childEnv selects the child mode of the test binary: it names the project
// the child writes to.
const childEnv = "FRAMETAG_STORAGE_KILL_CHILD"

// TestMain lets the test binary act as the child of TestKillDuringEdits.
func TestMain(m *testing.M) {
	if path := os.Getenv(childEnv); path != "" {
		os.Exit(runEditChild(path))
	}
	code := m.Run()
	bench.cleanup()
	os.Exit(code)
}

// runEditChild adds spans forever, printing each span's id once Apply has
// returned (so: once it is committed).
func runEditChild(path string) int {
	s, err := Open(path)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	out := bufio.NewWriter(os.Stdout)
	for i := 0; ; i++ {
		start := (i * 3) % 40
		done, err := s.Apply(annotate.AddSpan(annotate.Span{DocID: "a", Layer: "actor", Label: "Person", Annotator: "child",
			Fragments: []annotate.Fragment{{Start: start, End: start + 2}}}))
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			return 1
		}
		fmt.Fprintln(out, done.Span.ID)
		out.Flush()
	}
}

// TestKillDuringEdits kills a process in the middle of a stream of edits:
// every edit it reported as applied must be in the reopened file, and the
// file must be intact.
func TestKillDuringEdits(t *testing.T) {
	s, path := newProject(t)
	if _, err := s.Import(seqOf([]annotate.AnnotatedDoc{{Document: annotate.Document{ID: "a", Title: "A",
		Text: "Forty-two code points of text, or so: ok."}}})); err != nil {
		t.Fatal(err)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}

	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), childEnv+"="+path)
	var stderr strings.Builder
	cmd.Stderr = &stderr
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	const want = 40
	var printed []string
	lines := bufio.NewScanner(stdout)
	for len(printed) < want && lines.Scan() {
		printed = append(printed, lines.Text())
	}
	if err := cmd.Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	_ = cmd.Wait()
	if len(printed) < want {
		t.Fatalf("child printed %d ids before it stopped: %s", len(printed), stderr.String())
	}

	s2, err := Open(path)
	if err != nil {
		t.Fatalf("reopen after kill: %v", err)
	}
	defer s2.Close()
	var check string
	if err := s2.db.QueryRow("PRAGMA integrity_check").Scan(&check); err != nil || check != "ok" {
		t.Fatalf("integrity_check = %q, %v", check, err)
	}
	ad, err := s2.Annotations("a")
	if err != nil {
		t.Fatal(err)
	}
	have := map[string]bool{}
	for _, sp := range ad.Spans {
		have[sp.ID] = true
	}
	for _, id := range printed {
		if !have[id] {
			t.Errorf("span %s was reported applied but is not in the file", id)
		}
	}
	if len(ad.Spans) < len(printed) {
		t.Errorf("%d spans in the file, %d reported", len(ad.Spans), len(printed))
	}
}
