package sqlite

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"frametag/annotate"
	"frametag/storage/storagetest"
)

// childEnv selects the child mode of the test binary: it names the project
// the child writes to.
const childEnv = "FRAMETAG_STORAGE_KILL_CHILD"

// importChildEnv selects the child of TestKillDuringImport.
const importChildEnv = "FRAMETAG_STORAGE_KILL_IMPORT_CHILD"

// TestMain lets the test binary act as the child of TestKillDuringEdits and
// TestKillDuringImport.
func TestMain(m *testing.M) {
	if path := os.Getenv(childEnv); path != "" {
		os.Exit(runEditChild(path))
	}
	if path := os.Getenv(importChildEnv); path != "" {
		os.Exit(runImportChild(path))
	}
	if path := os.Getenv(commitChildEnv); path != "" {
		os.Exit(runCommitChild(path))
	}
	code := m.Run()
	bench.cleanup()
	os.Exit(code)
}

// runEditChild adds spans forever, printing each span's id once Apply has
// returned (so: once it is committed).
func runEditChild(path string) int {
	ctx := context.Background()
	s, err := Open(ctx, path)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	out := bufio.NewWriter(os.Stdout)
	for i := 0; ; i++ {
		start := (i * 3) % 40
		done, err := s.Apply(ctx, annotate.AddSpan(annotate.Span{DocID: "a", Layer: "actor", Label: "Person", Annotator: "child",
			Fragments: []annotate.Fragment{{Start: start, End: start + 2}}}))
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			return 1
		}
		fmt.Fprintln(out, done.(annotate.AddSpanEdit).Span.ID)
		out.Flush()
	}
}

// TestKillDuringEdits kills a process in the middle of a stream of edits:
// every edit it reported as applied must be in the reopened file, and the
// file must be intact.
func TestKillDuringEdits(t *testing.T) {
	trials := 1
	if n, err := strconv.Atoi(os.Getenv("FRAMETAG_SOAK_TRIALS")); err == nil && n > 0 {
		trials = n
	}
	acknowledged, lost := 0, 0
	for trial := range trials {
		s, path := newProject(t)
		if _, err := s.Import(t.Context(), storagetest.Seq([]annotate.AnnotatedDoc{{Document: annotate.Document{ID: "a", Title: "A",
			Text: "Forty-two code points of text, or so: ok."}}})); err != nil {
			t.Fatal(err)
		}
		if err := s.Close(); err != nil {
			t.Fatal(err)
		}

		// The first trial kills after 40 edits; the others anywhere up to 400.
		printed := killChildAfter(t, childEnv, path, 40+trial*53%360)
		s2 := reopenIntact(t, path)
		ad, err := s2.Annotations(t.Context(), "a")
		if err != nil {
			t.Fatal(err)
		}
		have := map[string]bool{}
		for _, sp := range ad.Spans {
			have[sp.ID] = true
		}
		acknowledged += len(printed)
		for _, id := range printed {
			if !have[id] {
				lost++
				t.Errorf("span %s was reported applied but is not in the file", id)
			}
		}
		if len(ad.Spans) < len(printed) {
			t.Errorf("%d spans in the file, %d reported", len(ad.Spans), len(printed))
		}
		s2.Close()
	}
	// make soak sums these lines into its summary.
	t.Logf("soak: trials=%d acknowledged=%d lost=%d", trials, acknowledged, lost)
}

// runImportChild imports an endless stream of documents, printing a line as
// each is handed to the import: the import never ends by itself.
func runImportChild(path string) int {
	ctx := context.Background()
	s, err := Open(ctx, path)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	out := bufio.NewWriter(os.Stdout)
	_, err = s.Import(ctx, func(yield func(annotate.AnnotatedDoc, error) bool) {
		for i := 0; ; i++ {
			id := fmt.Sprintf("gen-%d", i)
			doc := annotate.AnnotatedDoc{Document: annotate.Document{ID: id, Title: id, Text: "Generated text number " + id},
				Spans: []annotate.Span{{Layer: "actor", Label: "Person", Annotator: "child", Fragments: []annotate.Fragment{{Start: 0, End: 9}}}}}
			if !yield(doc, nil) {
				return
			}
			fmt.Fprintln(out, id)
			out.Flush()
		}
	})
	fmt.Fprintln(os.Stderr, "import ended:", err)
	return 1
}

// TestKillDuringImport kills a process in the middle of an import: the
// reopened file holds none of it, and is intact.
func TestKillDuringImport(t *testing.T) {
	tmp := t.TempDir()
	t.Setenv("TMPDIR", tmp) // the child stages its import there
	s, path := newProject(t)
	if _, err := s.Import(t.Context(), storagetest.Seq([]annotate.AnnotatedDoc{storagetest.PlainDoc(t, "before", "Imported before the child ran.", "ana")})); err != nil {
		t.Fatal(err)
	}
	before := storagetest.Snapshot(t, s)
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	killChildAfter(t, importChildEnv, path, 2000) // documents inside the open transaction
	s2 := reopenIntact(t, path)
	storagetest.SameSnapshot(t, "after an import was killed", storagetest.Snapshot(t, s2), before)
	// The killed import's staging folder is left; the next import removes it.
	staged := func() []string {
		names, _ := filepath.Glob(filepath.Join(tmp, stagingPrefix+"*"))
		return names
	}
	if len(staged()) != 1 {
		t.Errorf("staging folders after the kill: %q, want the killed import's", staged())
	}
	if _, err := s2.Import(t.Context(), storagetest.Seq([]annotate.AnnotatedDoc{storagetest.PlainDoc(t, "after", "Imported after the kill.", "ana")})); err != nil {
		t.Fatal(err)
	}
	if left := staged(); len(left) != 0 {
		t.Errorf("staging folders after the next import: %q, want none", left)
	}
}

// commitChildEnv selects the child of TestKillDuringImportCommit.
const commitChildEnv = "FRAMETAG_STORAGE_KILL_COMMIT_CHILD"

// commitDocs is how many documents the commit child imports.
const commitDocs = 20000

// runCommitChild imports commitDocs documents, printing "commit" once it
// holds the write lock to copy them into the project, and "committed" after.
func runCommitChild(path string) int {
	ctx := context.Background()
	s, err := Open(ctx, path)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	committing = func() { fmt.Println("commit") }
	_, err = s.Import(ctx, func(yield func(annotate.AnnotatedDoc, error) bool) {
		for i := range commitDocs {
			id := fmt.Sprintf("gen-%d", i)
			doc := annotate.AnnotatedDoc{Document: annotate.Document{ID: id, Title: id, Text: "Generated text number " + id},
				Spans: []annotate.Span{{Layer: "actor", Label: "Person", Annotator: "child", Fragments: []annotate.Fragment{{Start: 0, End: 9}}}}}
			if !yield(doc, nil) {
				return
			}
		}
	})
	if err != nil {
		fmt.Fprintln(os.Stderr, "import ended:", err)
		return 1
	}
	fmt.Println("committed")
	time.Sleep(time.Hour)
	return 0
}

// TestKillDuringImportCommit kills a process while its import holds the
// write lock copying the staged documents in: the reopened file holds none
// of them or, if the kill came after the commit, all of them. `make soak`
// repeats it with kills spread over the commit (FRAMETAG_SOAK_COMMIT_TRIALS;
// each trial imports 20,000 documents, some seconds on a loaded machine).
func TestKillDuringImportCommit(t *testing.T) {
	t.Setenv("TMPDIR", t.TempDir()) // where the killed children leave their staging folders
	trials := 1
	if n, err := strconv.Atoi(os.Getenv("FRAMETAG_SOAK_COMMIT_TRIALS")); err == nil && n > 0 {
		trials = n
	}
	none, all := 0, 0
	for trial := range trials {
		s, path := newProject(t)
		if _, err := s.Import(t.Context(), storagetest.Seq([]annotate.AnnotatedDoc{storagetest.PlainDoc(t, "before", "Imported before the child ran.", "ana")})); err != nil {
			t.Fatal(err)
		}
		before := storagetest.Snapshot(t, s)
		if err := s.Close(); err != nil {
			t.Fatal(err)
		}
		// The first trial kills 50 ms into the commit; others spread 0-400 ms.
		delay := 50 * time.Millisecond
		if trial > 0 {
			delay = time.Duration(trial*37%400) * time.Millisecond
		}
		lines := killChildAfterDelay(t, commitChildEnv, path, "commit", delay)
		s2 := reopenIntact(t, path)
		docs, err := s2.Documents(t.Context(), "")
		if err != nil {
			t.Fatal(err)
		}
		switch len(docs) {
		case 1:
			storagetest.SameSnapshot(t, "after an import was killed in its commit", storagetest.Snapshot(t, s2), before)
			none++
		case commitDocs + 1:
			all++
		default:
			t.Fatalf("trial %d: %d documents after the kill (child said %q), want 1 or %d", trial, len(docs), lines, commitDocs+1)
		}
		s2.Close()
	}
	t.Logf("%d kills during an import's commit: %d left nothing, %d came after the commit; none left part", trials, none, all)
}

// killChildAfterDelay runs the child that env selects, waits for it to print
// cue, waits delay more and SIGKILLs it; it returns what the child printed.
func killChildAfterDelay(t *testing.T, env, path, cue string, delay time.Duration) []string {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), env+"="+path)
	var stderr strings.Builder
	cmd.Stderr = &stderr
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	var printed []string
	lines := bufio.NewScanner(stdout)
	for lines.Scan() {
		printed = append(printed, lines.Text())
		if lines.Text() == cue {
			break
		}
	}
	time.Sleep(delay)
	if err := cmd.Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	_ = cmd.Wait()
	if len(printed) == 0 || printed[len(printed)-1] != cue {
		t.Fatalf("child printed %q and stopped: %s", printed, stderr.String())
	}
	return printed
}

// killChildAfter runs the test binary as the child that env selects, on the
// project at path, reads lines from it until it has printed n, SIGKILLs it
// and returns the lines.
func killChildAfter(t *testing.T, env, path string, n int) []string {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), env+"="+path)
	var stderr strings.Builder
	cmd.Stderr = &stderr
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	var printed []string
	lines := bufio.NewScanner(stdout)
	for len(printed) < n && lines.Scan() {
		printed = append(printed, lines.Text())
	}
	if err := cmd.Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	_ = cmd.Wait()
	if len(printed) < n {
		t.Fatalf("child printed %d lines before it stopped: %s", len(printed), stderr.String())
	}
	return printed
}

// reopenIntact opens the project after a kill and checks its integrity.
func reopenIntact(t *testing.T, path string) *Store {
	t.Helper()
	s, err := Open(t.Context(), path)
	if err != nil {
		t.Fatalf("reopen after kill: %v", err)
	}
	t.Cleanup(func() { s.Close() })
	var check string
	if err := s.db.QueryRow("PRAGMA integrity_check").Scan(&check); err != nil || check != "ok" {
		t.Fatalf("integrity_check = %q, %v", check, err)
	}
	return s
}
