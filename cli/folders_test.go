package cli

import (
	"encoding/json"
	"fmt"
	"os"
	"slices"
	"strings"
	"testing"
)

// spansOf lists the spans of a JSONL export as layer/label [fragments]
// "text", by document id.
func spansOf(t *testing.T, jsonl string) map[string][]string {
	t.Helper()
	out := map[string][]string{}
	for _, line := range strings.Split(strings.TrimSpace(jsonl), "\n") {
		var d struct {
			ID    string `json:"id"`
			Spans []struct {
				Layer, Label, Text string
				Start, End         int
				Fragments          [][2]int
			} `json:"spans"`
		}
		if err := json.Unmarshal([]byte(line), &d); err != nil {
			t.Fatal(err)
		}
		keys := []string{}
		for _, s := range d.Spans {
			keys = append(keys, fmt.Sprintf("%s/%s %d-%d %v %q", s.Layer, s.Label, s.Start, s.End, s.Fragments, s.Text))
		}
		slices.Sort(keys)
		out[d.ID] = keys
	}
	return out
}

// TestFolderFormatsThroughTheCommandLine: a project exported as brat or
// SemEval-2023 imports into a new project with the same spans, the
// format told by the folder's files and said.
func TestFolderFormatsThroughTheCommandLine(t *testing.T) {
	h := newHarness(t)
	project := h.path("uni.frametag")
	h.mustRun("init", project)
	h.mustRun("import", "--project", project, unicodeCorpus)
	want := spansOf(t, exportOf(t, h, project))

	for _, tt := range []struct {
		format string
		keep   func(string) bool // which spans the format holds
		loss   string
	}{
		{"brat", func(string) bool { return true }, "document labels: 4 dropped (brat has none)"},
		{"semeval2023", func(k string) bool { return strings.HasPrefix(k, "technique/") }, "spans of other layers: 11 dropped"},
	} {
		t.Run(tt.format, func(t *testing.T) {
			dir := h.path("out-" + tt.format)
			code, _, stderr := h.run("export", "--project", project, "--format", tt.format, "--out", dir)
			if code != 0 || !strings.Contains(stderr, tt.loss) {
				t.Fatalf("export: exit %d, %s", code, stderr)
			}
			if _, err := os.Stat(dir); err != nil {
				t.Fatal(err)
			}
			again := h.path("again-" + tt.format + ".frametag")
			h.mustRun("init", again)
			code, stdout, stderr := h.run("import", "--project", again, dir)
			if code != 0 || !strings.Contains(stderr, "import: format "+tt.format+" (detected from "+dir+"/)") {
				t.Fatalf("import: exit %d\n%s%s", code, stdout, stderr)
			}
			got := spansOf(t, exportOf(t, h, again))
			for id, keys := range want {
				kept := slices.DeleteFunc(slices.Clone(keys), func(k string) bool { return !tt.keep(k) })
				if !slices.Equal(got[id], kept) {
					t.Errorf("%s: spans\n%s\nwant\n%s", id, strings.Join(got[id], "\n"), strings.Join(kept, "\n"))
				}
			}
		})
	}
}
