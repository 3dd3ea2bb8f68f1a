package cli

import (
	"encoding/json"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"frametag/annotate/agreement/agreementtest"
)

// curationTeam is a team project of one article (Cyrillic, an emoji, CRLF)
// that alice and bob annotated: the same Loaded_Language span and frames
// (unanimous), Doubt over different stretches and different genres
// (disputes). Offsets are code points.
func curationTeam(h *harness) string {
	const text = `Они 🙂 said: the reform will ruin us all.\r\nNobody believes it.`
	doc := func(who, doubtStart, genre string) string {
		return `{"id":"x1","title":"Reform","text":"` + text + `","labels":[{"layer":"genre","label":"` + genre + `","annotator":"` + who + `"},` +
			`{"layer":"frames","label":"Economic","annotator":"` + who + `"}],"spans":[` +
			`{"layer":"techniques","label":"Loaded_Language","start":28,"end":39,"annotator":"` + who + `"},` +
			`{"layer":"techniques","label":"Doubt","start":` + doubtStart + `,"end":60,"annotator":"` + who + `"}],` +
			`"status":{"` + who + `":"done"}}` + "\n"
	}
	team := h.path("team.frametag")
	h.mustRun("init", team)
	h.mustRun("schema", "set", "--project", team, "--force", filepath.Join(agreementtest.Dir(), "schema.json"))
	h.mustRun("merge", "--project", team, h.write("alice.jsonl", doc("alice", "42", "reporting")), h.write("bob.jsonl", doc("bob", "49", "opinion")))
	return team
}

// TestCurate: progress and the queue, one document's disputes, accepting the
// unanimous units as the named curator, and export --gold writing exactly
// those with their provenance; gold is nobody's name to annotate under.
func TestCurate(t *testing.T) {
	h := newHarness(t)
	team := curationTeam(h)
	out := h.mustRun("curate", "--project", team)
	if !strings.Contains(out, "0 of 1 document adjudicated, 2 disputes left (2 unanimous to accept)") || !strings.Contains(out, "x1 ") {
		t.Errorf("curate:\n%s", out)
	}
	out = h.mustRun("curate", "--project", team, "--doc", "x1")
	for _, want := range []string{"x1: annotators alice, bob; 2 of 2 disputes open, 2 of 2 unanimous to accept",
		"1. dispute genre, open", "2. unanimous frames, open", "   alice      reporting", "   bob        opinion",
		`3. unanimous techniques 28-39, open`, `Loaded_Language 28-39 "ruin us all"`,
		"4. dispute techniques 42-60, open", `   alice      Doubt 42-60 "Nobody believes it"`, `   bob        Doubt 49-60 "believes it"`} {
		if !strings.Contains(out, want) {
			t.Errorf("curate --doc lacks %q:\n%s", want, out)
		}
	}

	// gold is the layer, not a name to curate or annotate under.
	if code, _, errOut := h.run("--annotator", "gold", "curate", "--project", team, "--accept-unanimous"); code != exitUsage ||
		!strings.Contains(errOut, `"gold" is the adjudicated layer; curate under your own name`) {
		t.Errorf("curating as gold: exit %d, %q", code, errOut)
	}
	if code, _, errOut := h.run("--annotator", "gold", "open", team); code != exitFailure || !strings.Contains(errOut, "open the window under your own name") {
		t.Errorf("opening the window as gold: exit %d, %q", code, errOut)
	}

	code, _, errOut := h.run("--annotator", "cora", "curate", "--project", team, "--accept-unanimous")
	if code != exitOK || !strings.Contains(errOut, "accepted 2 unanimous units into gold in 1 document (curator cora)") {
		t.Errorf("accept unanimous: exit %d, %q", code, errOut)
	}
	var doc struct {
		Counts struct {
			DisputesOpen, UnanimousOpen int
		} `json:"counts"`
		Units []struct {
			Kind    string `json:"kind"`
			Settled bool   `json:"settled"`
			Gold    []struct {
				Text, Provenance string
			} `json:"gold"`
		} `json:"units"`
	}
	if err := json.Unmarshal([]byte(h.mustRun("curate", "--project", team, "--doc", "x1", "--json")), &doc); err != nil {
		t.Fatal(err)
	}
	if doc.Counts.DisputesOpen != 2 || doc.Counts.UnanimousOpen != 0 || len(doc.Units) != 4 || !doc.Units[2].Settled ||
		len(doc.Units[2].Gold) != 1 || doc.Units[2].Gold[0].Provenance != "unanimous" || doc.Units[2].Gold[0].Text != "ruin us all" {
		t.Errorf("after accepting: %+v", doc)
	}

	// export --gold: the gold layer only, provenance and all.
	out = h.mustRun("export", "--project", team, "--gold")
	var got struct {
		Labels []struct{ Layer, Label, Annotator string }
		Spans  []struct {
			Label, Text, Annotator, Provenance string
			Start, End                         int
		}
	}
	if err := json.Unmarshal([]byte(out), &got); err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	if len(got.Spans) != 1 || got.Spans[0].Annotator != "gold" || got.Spans[0].Provenance != "unanimous" ||
		got.Spans[0].Start != 28 || got.Spans[0].End != 39 || got.Spans[0].Text != "ruin us all" {
		t.Errorf("export --gold spans: %+v", got.Spans)
	}
	if len(got.Labels) != 1 || got.Labels[0] != (struct{ Layer, Label, Annotator string }{"frames", "Economic", "gold"}) {
		t.Errorf("export --gold labels: %+v", got.Labels)
	}
	// --annotator stays repeatable, and the gold set round-trips.
	out = h.mustRun("export", "--project", team, "--annotator", "alice", "--annotator", "bob")
	if strings.Contains(out, `"gold"`) || !strings.Contains(out, `"alice"`) || !strings.Contains(out, `"bob"`) {
		t.Errorf("export --annotator alice --annotator bob:\n%s", out)
	}
	// report --gold reads the same set.
	h.mustRun("report", "--project", team, "--gold", "--out", h.path("report"))
}

// attributionTeam is a news-scheme project of one article that alice and
// bob annotated apart and merged: the same GROUP “Они” [0,3), and the
// same Claim “the reform will ruin us all” [12,39), checkworthy as bobSays
// for bob and yes for alice. relations are each one's relations as JSONL
// (from "c", the claim, to "a", the actor).
func attributionTeam(h *harness, bobSays string, relations map[string]string) string {
	const text = `Они 🙂 said: the reform will ruin us all.\r\nNobody believes it.`
	doc := func(who, checkworthy string) string {
		return `{"id":"x1","title":"Reform","text":"` + text + `","spans":[` +
			`{"id":"a","layer":"actor","label":"GROUP","start":0,"end":3,"attrs":{"role":"Antagonist"},"annotator":"` + who + `"},` +
			`{"id":"c","layer":"claim","label":"Claim","start":12,"end":39,"attrs":{"checkworthy":"` + checkworthy + `"},"annotator":"` + who + `"}],` +
			`"relations":[` + relations[who] + `],"status":{"` + who + `":"done"}}` + "\n"
	}
	team := h.path("attribution.frametag")
	h.mustRun("init", team)
	h.mustRun("merge", "--project", team, h.write("alice.jsonl", doc("alice", "yes")), h.write("bob.jsonl", doc("bob", bobSays)))
	return team
}

// TestCurateAttributes: spans alike but for an attribute are a dispute that
// says which attribute differs, in the text and in --json.
func TestCurateAttributes(t *testing.T) {
	h := newHarness(t)
	team := attributionTeam(h, "no", nil)
	out := h.mustRun("curate", "--project", team, "--doc", "x1")
	for _, want := range []string{"1 of 1 dispute open, 1 of 1 unanimous to accept",
		"1. unanimous actor 0-3, open", `   alice      GROUP 0-3 "Они" [role: Antagonist]`,
		"2. dispute claim 12-39, open", `   alice      Claim 12-39 "the reform will ruin us all" [checkworthy: yes]`,
		`   bob        Claim 12-39 "the reform will ruin us all" [checkworthy: no]`, "   differs    checkworthy: yes ≠ no"} {
		if !strings.Contains(out, want) {
			t.Errorf("curate --doc lacks %q:\n%s", want, out)
		}
	}
	var doc struct {
		Units []struct {
			Kind    string   `json:"kind"`
			Differs []string `json:"differs"`
		} `json:"units"`
	}
	if err := json.Unmarshal([]byte(h.mustRun("curate", "--project", team, "--doc", "x1", "--json")), &doc); err != nil {
		t.Fatal(err)
	}
	if len(doc.Units) != 2 || doc.Units[0].Kind != "unanimous" || doc.Units[0].Differs != nil ||
		doc.Units[1].Kind != "dispute" || !slices.Equal(doc.Units[1].Differs, []string{"checkworthy: yes ≠ no"}) {
		t.Errorf("curate --json units: %+v", doc.Units)
	}
}

// TestCurateRelations: a relation both annotators made waits until gold
// holds its ends, then --accept-unanimous takes it with them in one edit
// and export --gold writes it with its provenance; a relation one
// annotator made is a dispute --doc and --json list.
func TestCurateRelations(t *testing.T) {
	link := func(who string) string {
		return `{"id":"r","type":"attributed_to","from":"c","to":"a","annotator":"` + who + `"}`
	}
	h := newHarness(t)
	team := attributionTeam(h, "yes", map[string]string{"alice": link("alice"), "bob": link("bob")})
	if out := h.mustRun("curate", "--project", team, "--doc", "x1"); !strings.Contains(out, "0 of 0 disputes open, 2 of 2 unanimous to accept; 2 relations wait for the spans at their ends") {
		t.Errorf("curate --doc before:\n%s", out)
	}
	if code, _, errOut := h.run("--annotator", "cora", "curate", "--project", team, "--accept-unanimous"); code != exitOK ||
		!strings.Contains(errOut, "accepted 3 unanimous units into gold in 1 document (curator cora)") {
		t.Errorf("accept unanimous: exit %d, %q", code, errOut)
	}
	var doc struct {
		Adjudicated bool `json:"adjudicated"`
		Waiting     int  `json:"waiting_relations"`
		Units       []struct {
			Kind     string `json:"kind"`
			Layer    string `json:"layer"`
			Relation *struct {
				Type     string
				From, To struct{ Label, Text, Provenance string }
			} `json:"relation"`
			GoldRelations []struct{ Type, Provenance string } `json:"gold_relations"`
		} `json:"units"`
	}
	if err := json.Unmarshal([]byte(h.mustRun("curate", "--project", team, "--doc", "x1", "--json")), &doc); err != nil {
		t.Fatal(err)
	}
	if !doc.Adjudicated || doc.Waiting != 0 || len(doc.Units) != 3 {
		t.Fatalf("after accepting: %+v", doc)
	}
	if u := doc.Units[2]; u.Kind != "unanimous" || u.Layer != "attributed_to" || u.Relation == nil || u.Relation.From.Text != "the reform will ruin us all" ||
		u.Relation.To.Text != "Они" || len(u.GoldRelations) != 1 || u.GoldRelations[0].Provenance != "unanimous" {
		t.Errorf("relation unit %+v", u)
	}
	var gold struct {
		Spans []struct {
			ID, Label string
		}
		Relations []struct{ Type, From, To, Annotator, Provenance string }
	}
	if err := json.Unmarshal([]byte(h.mustRun("export", "--project", team, "--gold")), &gold); err != nil {
		t.Fatal(err)
	}
	ids := map[string]string{}
	for _, sp := range gold.Spans {
		ids[sp.ID] = sp.Label
	}
	if len(gold.Relations) != 1 || gold.Relations[0].Type != "attributed_to" || ids[gold.Relations[0].From] != "Claim" ||
		ids[gold.Relations[0].To] != "GROUP" || gold.Relations[0].Annotator != "gold" || gold.Relations[0].Provenance != "unanimous" {
		t.Errorf("export --gold relations %+v (spans %v)", gold.Relations, ids)
	}

	h = newHarness(t)
	team = attributionTeam(h, "yes", map[string]string{"alice": link("alice")})
	if code, _, errOut := h.run("--annotator", "cora", "curate", "--project", team, "--accept-unanimous"); code != exitOK ||
		!strings.Contains(errOut, "accepted 2 unanimous units into gold in 1 document") {
		t.Errorf("accept unanimous: exit %d, %q", code, errOut)
	}
	out := h.mustRun("curate", "--project", team, "--doc", "x1")
	for _, want := range []string{"1 of 1 dispute open", `3. dispute attributed_to: Claim 12-39 "the reform will ruin us all" [checkworthy: yes] (unanimous) → GROUP 0-3 "Они" [role: Antagonist] (unanimous), open`,
		"   alice      linked", "   bob        none"} {
		if !strings.Contains(out, want) {
			t.Errorf("curate --doc lacks %q:\n%s", want, out)
		}
	}
}
