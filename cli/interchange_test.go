package cli

import (
	"slices"
	"strings"
	"testing"
)

// TestToolFormatsThroughTheCommandLine: a project exported as doccano,
// Prodigy or Label Studio imports into a new project, the format told by
// the file (its first object for .jsonl) and said, with every contiguous
// span in its layer over the same text; what the format could not hold is
// said on export.
func TestToolFormatsThroughTheCommandLine(t *testing.T) {
	h := newHarness(t)
	project := h.path("uni.frametag")
	h.mustRun("init", project)
	h.mustRun("import", "--project", project, unicodeCorpus)
	want := spansOf(t, exportOf(t, h, project))
	for _, tt := range []struct{ format, file, told, lost string }{
		{"doccano", "out.doccano.jsonl", "import: format doccano (detected from ", "attributes: "},
		{"prodigy", "out.prodigy.jsonl", "import: format prodigy (detected from ", "attributes: "},
		{"labelstudio", "out.json", "import: format labelstudio (detected from ", "statuses: "},
	} {
		t.Run(tt.format, func(t *testing.T) {
			out := h.path(tt.file)
			code, _, stderr := h.run("export", "--project", project, "--format", tt.format, "--out", out)
			if code != 0 || !strings.Contains(stderr, "discontinuous spans: ") || !strings.Contains(stderr, tt.lost) {
				t.Fatalf("export: exit %d, %s", code, stderr)
			}
			again := h.path("again-" + tt.format + ".frametag")
			h.mustRun("init", again)
			code, stdout, stderr := h.run("import", "--project", again, out)
			if code != 0 || !strings.Contains(stderr, tt.told) {
				t.Fatalf("import: exit %d\n%s%s", code, stdout, stderr)
			}
			got := spansOf(t, exportOf(t, h, again))
			for id, keys := range want {
				// A discontinuous span comes back as its extent: the same
				// layer, label and extent, its text the extent's.
				extent := func(keys []string) []string {
					out := make([]string, len(keys))
					for i, k := range keys {
						out[i], _, _ = strings.Cut(k, " [")
					}
					return out
				}
				if !slices.Equal(extent(got[id]), extent(keys)) {
					t.Errorf("%s: spans\n%s\nwant\n%s", id, strings.Join(got[id], "\n"), strings.Join(keys, "\n"))
				}
				for _, k := range keys {
					if strings.Contains(k, " [] ") && !slices.Contains(got[id], k) {
						t.Errorf("%s: lost %s", id, k)
					}
				}
			}
		})
	}
}
