package cli

import (
	"fmt"
	"io"
	"strings"
	"testing"
)

func TestProgressText(t *testing.T) {
	tests := []struct {
		verb       string
		n, total   int
		note, want string
	}{
		{"import", 100, 0, "", "import: 100 documents…"},
		{"import", 1, 0, "", "import: 1 document…"},
		{"import", 12400, 0, "", "import: 12,400 documents…"},
		{"export", 12400, 32000, "", "export: 12,400 documents (38 %)…"},
		{"export", 1234567, 1234567, "", "export: 1,234,567 documents (100 %)…"},
		{"export", 300, 200, "", "export: 300 documents (100 %)…"}, // never past 100
		{"import", 2000, 0, "saving", "import: 2,000 documents, saving…"},
	}
	for _, tt := range tests {
		if got := progressText(tt.verb, tt.n, tt.total, tt.note); got != tt.want {
			t.Errorf("progressText(%q, %d, %d, %q) = %q, want %q", tt.verb, tt.n, tt.total, tt.note, got, tt.want)
		}
	}
}

// asTerminal makes every standard error a terminal for the test.
func asTerminal(t *testing.T) {
	was := isTerminal
	isTerminal = func(io.Writer) bool { return true }
	t.Cleanup(func() { isTerminal = was })
}

func TestProgressOnTerminal(t *testing.T) {
	h := newHarness(t)
	proj := h.path("p.frametag")
	h.mustRun("init", proj)
	var b strings.Builder
	for i := range 250 {
		fmt.Fprintf(&b, "{\"id\":\"d%d\",\"text\":\"document %d\"}\n", i, i)
	}
	in := h.write("docs.jsonl", b.String())

	// Without a terminal: no progress, as before.
	plain := newHarness(t)
	plainProj := plain.path("p.frametag")
	plain.mustRun("init", plainProj)
	code, plainOut, plainErr := plain.run("import", "--project", plainProj, in)
	if code != 0 || strings.Contains(plainErr, "\r") {
		t.Fatalf("import without a terminal: exit %d, stderr %q", code, plainErr)
	}

	asTerminal(t)
	code, out, errOut := h.run("import", "--project", proj, in)
	if code != 0 {
		t.Fatalf("import: exit %d\n%s", code, errOut)
	}
	if out != plainOut {
		t.Errorf("import summary on a terminal = %q, want %q", out, plainOut)
	}
	for _, want := range []string{"\rimport: 100 documents…", "\rimport: 200 documents…", "\rimport: 250 documents, saving…"} {
		if !strings.Contains(errOut, want) {
			t.Errorf("import stderr %q lacks %q", errOut, want)
		}
	}
	if !cleared(errOut) {
		t.Errorf("import stderr %q: the progress line is not cleared", errOut)
	}
	if !strings.HasSuffix(errOut, "\rimport: format jsonl (detected from "+in+")\n") {
		t.Errorf("import stderr %q: the detected format does not follow the cleared line", errOut)
	}

	_, jsonl, _ := plain.run("export", "--project", plainProj)
	code, out, errOut = h.run("export", "--project", proj)
	if code != 0 {
		t.Fatalf("export: exit %d\n%s", code, errOut)
	}
	if out != jsonl || strings.Contains(out, "\r") {
		t.Errorf("export stdout changed on a terminal:\n%q\nwant\n%q", out, jsonl)
	}
	for _, want := range []string{"\rexport: 100 documents (40 %)…", "\rexport: 200 documents (80 %)…"} {
		if !strings.Contains(errOut, want) {
			t.Errorf("export stderr %q lacks %q", errOut, want)
		}
	}
	if !cleared(errOut) || !strings.HasSuffix(errOut, "\r") {
		t.Errorf("export stderr %q: the progress line is not cleared", errOut)
	}
}

// cleared says whether the last progress line in s is overwritten with
// spaces and the cursor returned to the line's start.
func cleared(s string) bool {
	i := strings.LastIndex(s, "…")
	if i < 0 {
		return false
	}
	rest := s[i+len("…"):]
	end := strings.Index(rest[1:], "\r")
	return strings.HasPrefix(rest, "\r") && end >= 0 && strings.Trim(rest[1:end+1], " ") == ""
}
