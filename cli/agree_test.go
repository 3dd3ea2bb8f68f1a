package cli

import (
	"encoding/json"
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"frametag/annotate"
	"frametag/annotate/agreement"
	"frametag/annotate/agreement/agreementtest"
)

// The team loop from the command line: alice's project and bob's and
// carol's exports merged into a team project, the figures computed by hand
// in text and JSON, merging again changing nothing, and one annotator's
// export.
func TestMergeAgreeExport(t *testing.T) {
	h := newHarness(t)
	data := agreementtest.Dir()
	schema := filepath.Join(data, "schema.json")
	for _, p := range []string{"team.frametag", "alice.frametag"} {
		h.mustRun("init", h.path(p))
		h.mustRun("schema", "set", "--project", h.path(p), "--force", schema)
	}
	h.mustRun("import", "--project", h.path("alice.frametag"), filepath.Join(data, "alice.jsonl"))
	team := h.path("team.frametag")
	out := h.mustRun("merge", "--project", team, h.path("alice.frametag"), filepath.Join(data, "bob.jsonl"))
	if !strings.Contains(out, "4 documents added") || !strings.Contains(out, "9 spans") {
		t.Errorf("merge said %q", out)
	}
	out = h.mustRun("merge", "--project", team, filepath.Join(data, "bob.jsonl"))
	if !strings.Contains(out, "nothing new") {
		t.Errorf("merging again said %q", out)
	}

	// Text: the hand-computed figures, three decimals, items in parentheses.
	out = h.mustRun("agree", "--project", team)
	for _, want := range []string{"0.636 (4)", "0.667 (4)", "0.625 (12)", "0.641 (12)", "0.663 (4)", "0.222 (4)", "alice – bob"} {
		if !strings.Contains(out, want) {
			t.Errorf("agree output lacks %q:\n%s", want, out)
		}
	}
	// JSON: the same numbers.
	var rep agreement.Report
	out = h.mustRun("agree", "--project", team, "--json")
	if err := json.Unmarshal([]byte(out), &rep); err != nil {
		t.Fatal(err)
	}
	agreementtest.Check(t, rep, agreementtest.TeamTwo)

	h.mustRun("merge", "--project", team, filepath.Join(data, "carol.jsonl"))
	out = h.mustRun("agree", "--project", team, "--json", "--layer", "genre")
	rep = agreement.Report{}
	if err := json.Unmarshal([]byte(out), &rep); err != nil {
		t.Fatal(err)
	}
	agreementtest.Check(t, rep, agreementtest.TeamThree[:3])
	if len(rep.Layers) != 1 {
		t.Errorf("--layer genre gave %d layers", len(rep.Layers))
	}
	out = h.mustRun("agree", "--project", team, "--annotators", "alice, bob", "--layer", "genre")
	if !strings.Contains(out, "0.636 (4)") || strings.Contains(out, "carol") {
		t.Errorf("--annotators alice,bob:\n%s", out)
	}

	// Refusals.
	if code, _, errOut := h.run("agree", "--project", team, "--layer", "nope"); code != exitFailure || !strings.Contains(errOut, `no layer "nope"`) {
		t.Errorf("unknown layer: exit %d, %q", code, errOut)
	}
	if code, _, _ := h.run("agree", "--project", team, "--annotators", "alice"); code != exitUsage {
		t.Errorf("one annotator: exit %d", code)
	}
	code, _, errOut := h.run("merge", "--project", team, h.write("x.jsonl",
		`{"id":"z","text":"Something new entirely.","spans":[{"layer":"techniques","label":"Nope","start":0,"end":4,"annotator":"zed"}]}`+"\n"))
	if code != exitFailure || !strings.Contains(errOut, "techniques/Nope") {
		t.Errorf("merging an unknown label: exit %d, %q", code, errOut)
	}

	// export --annotator: only carol's annotations, every document.
	out = h.mustRun("export", "--project", team, "--annotator", "carol")
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if len(lines) != 4 {
		t.Fatalf("export --annotator carol: %d documents", len(lines))
	}
	for _, l := range lines {
		for _, who := range []string{"alice", "bob"} {
			if strings.Contains(l, fmt.Sprintf("%q", who)) {
				t.Errorf("export --annotator carol holds %s's: %s", who, l)
			}
		}
	}
	out = h.mustRun("export", "--project", team, "--annotator", "carol", "--annotator", "alice")
	var d struct {
		Spans []annotate.Span `json:"spans"`
	}
	if err := json.Unmarshal([]byte(strings.Split(out, "\n")[0]), &d); err != nil || len(d.Spans) != 3 {
		t.Errorf("export of carol's and alice's first document: %d spans, %v", len(d.Spans), err)
	}
}
