package project_test

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"frametag/annotate"
	"frametag/annotate/agreement"
	"frametag/annotate/agreement/agreementtest"
	"frametag/project"
	"frametag/storage/storagetest"
)

func teamSchema(t *testing.T) annotate.Schema {
	t.Helper()
	var sc annotate.Schema
	b, err := os.ReadFile(filepath.Join(agreementtest.Dir(), "schema.json"))
	if err == nil {
		err = json.Unmarshal(b, &sc)
	}
	if err != nil {
		t.Fatal(err)
	}
	return sc
}

// teamFile is an annotator's file of testdata/team.
func teamFile(name string) string { return filepath.Join(agreementtest.Dir(), name+".jsonl") }

// createFrom makes a project holding the documents of the given files.
func createFrom(t *testing.T, path string, files ...string) {
	t.Helper()
	svc := newService()
	if _, err := svc.Create(t.Context(), path, teamSchema(t), nil); err != nil {
		t.Fatal(err)
	}
	if len(files) == 0 {
		return
	}
	im, err := svc.NewImport(project.ImportRequest{Paths: files})
	if err != nil {
		t.Fatal(err)
	}
	st := open(t, path)
	if _, err := im.Run(t.Context(), st); err != nil {
		t.Fatal(err)
	}
}

func exportJSON(t *testing.T, st annotate.Store) string {
	t.Helper()
	var b strings.Builder
	enc := json.NewEncoder(&b)
	if err := st.Export(t.Context(), func(d annotate.AnnotatedDoc) error { return enc.Encode(d) }); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

func agree(t *testing.T, st annotate.Store, opt agreement.Options) agreement.Report {
	t.Helper()
	rep, err := project.Agreement(t.Context(), st, opt)
	if err != nil {
		t.Fatal(err)
	}
	return rep
}

// Two and then three annotators' files (alice's a project of her own, bob's
// and carol's JSONL exports) merged into an empty team project give the
// figures computed by hand; merging any of them again changes nothing.
func TestMergeTeam(t *testing.T) {
	dir := t.TempDir()
	alice := filepath.Join(dir, "alice.frametag")
	createFrom(t, alice, teamFile("alice"))
	teamPath := filepath.Join(dir, "team.frametag")
	createFrom(t, teamPath)
	team := open(t, teamPath)
	svc := newService()

	sum, err := svc.Merge(t.Context(), team, project.MergeRequest{Paths: []string{alice, teamFile("bob")}})
	if err != nil {
		t.Fatal(err)
	}
	// alice brings the four articles; bob's copies match them by text
	// (his second has another id).
	if sum.Added != 4 || sum.Matched != 0 || sum.Spans != 9 || sum.Labels != 16 || sum.Statuses != 8 ||
		!reflect.DeepEqual(sum.Annotators, []string{"alice", "bob"}) {
		t.Errorf("summary: %+v", sum)
	}
	if got := docCount(t, team); got != 4 {
		t.Errorf("%d documents after the merge, want 4", got)
	}
	agreementtest.Check(t, agree(t, team, agreement.Options{}), agreementtest.TeamTwo)

	before := exportJSON(t, team)
	for _, again := range [][]string{{alice}, {teamFile("bob")}, {alice, teamFile("bob")}} {
		sum, err := svc.Merge(t.Context(), team, project.MergeRequest{Paths: again})
		if err != nil {
			t.Fatal(err)
		}
		if sum.Added+sum.Annotated+sum.Spans+sum.Labels+sum.Statuses != 0 || sum.Matched != 4 || sum.Duplicates == 0 {
			t.Errorf("merging %v again: %+v", again, sum)
		}
		if !strings.Contains(sum.String(), "nothing new") {
			t.Errorf("merging again: %q", sum)
		}
		if exportJSON(t, team) != before {
			t.Fatalf("merging %v again changed the project", again)
		}
	}

	sum, err = svc.Merge(t.Context(), team, project.MergeRequest{Paths: []string{teamFile("carol")}})
	if err != nil || sum.Added != 0 || sum.Matched != 4 || sum.Annotated != 3 || sum.Spans != 2 {
		t.Fatalf("merging carol: %+v, %v", sum, err)
	}
	agreementtest.Check(t, agree(t, team, agreement.Options{}), agreementtest.TeamThree)
	agreementtest.Check(t, agree(t, team, agreement.Options{Annotators: []string{"alice", "bob"}}), agreementtest.TeamTwo)
}

// A team project that imported bob's copies (his own ids) matches alice's
// by text, whatever the ids, and the figures are the same.
func TestMergeMatchesByText(t *testing.T) {
	dir := t.TempDir()
	teamPath := filepath.Join(dir, "team.frametag")
	createFrom(t, teamPath, teamFile("bob"))
	team := open(t, teamPath)
	sum, err := newService().Merge(t.Context(), team, project.MergeRequest{Paths: []string{teamFile("alice")}})
	if err != nil || sum.Added != 0 || sum.Matched != 4 {
		t.Fatalf("merge: %+v, %v", sum, err)
	}
	docs, _ := team.Documents(t.Context(), "")
	if len(docs) != 4 || docs[1].ID != "article-2-b" {
		t.Errorf("documents: %+v", docs)
	}
	agreementtest.Check(t, agree(t, team, agreement.Options{}), agreementtest.TeamTwo)
}

// A file using a label the project lacks is refused, naming the label, and
// nothing is merged, not even the other files; differences that do not
// matter are reported.
func TestMergeSchemaDifferences(t *testing.T) {
	dir := t.TempDir()
	teamPath := filepath.Join(dir, "team.frametag")
	createFrom(t, teamPath)
	team := open(t, teamPath)
	b, err := os.ReadFile(teamFile("carol"))
	if err != nil {
		t.Fatal(err)
	}
	odd := write(t, dir, "dave.jsonl", strings.ReplaceAll(strings.ReplaceAll(string(b), `"carol"`, `"dave"`), `"Doubt"`, `"Smear"`))
	before := exportJSON(t, team)
	_, err = newService().Merge(t.Context(), team, project.MergeRequest{Paths: []string{teamFile("alice"), odd}})
	if annotate.ErrorCode(err) != annotate.EInvalid || !strings.Contains(err.Error(), "techniques/Smear") {
		t.Fatalf("merging a file with an unknown label: %v", err)
	}
	if exportJSON(t, team) != before {
		t.Fatal("the refused merge changed the project")
	}

	// A project with a schema of its own: its extra label is reported
	// (unused), and so is the team's label it lacks.
	sc := teamSchema(t)
	sc.Layers[0].Labels = append(sc.Layers[0].Labels[1:], annotate.Label{Name: "Smear", Color: "#123456"})
	other := filepath.Join(dir, "other.frametag")
	if _, err := newService().Create(t.Context(), other, sc, nil); err != nil {
		t.Fatal(err)
	}
	sum, err := newService().Merge(t.Context(), team, project.MergeRequest{Paths: []string{other}})
	if err != nil || len(sum.Schema) != 1 {
		t.Fatalf("merge: %+v, %v", sum, err)
	}
	if d := sum.Schema[0]; !reflect.DeepEqual(d.Missing, []string{"techniques/Smear"}) || !reflect.DeepEqual(d.Lacking, []string{"techniques/Loaded_Language"}) {
		t.Errorf("schema differences: %+v", d)
	}
	if _, err := newService().Merge(t.Context(), team, project.MergeRequest{Paths: []string{teamPath}}); annotate.ErrorCode(err) != annotate.EInvalid {
		t.Errorf("merging a project into itself: %v", err)
	}
}

// What the project holds is never changed: a single-choice label or a span
// the annotator changed since is kept as the project has it, and said.
func TestMergeKeepsTheProjects(t *testing.T) {
	dir := t.TempDir()
	teamPath := filepath.Join(dir, "team.frametag")
	createFrom(t, teamPath, teamFile("alice"))
	team := open(t, teamPath)
	b, err := os.ReadFile(teamFile("alice"))
	if err != nil {
		t.Fatal(err)
	}
	changed := strings.Replace(string(b), `"label": "reporting"`, `"label": "satire"`, 1)
	changed = strings.Replace(changed, `"start": 0, "end": 10, "text": "The minist"`, `"start": 0, "end": 12, "text": "The minister"`, 1)
	later := write(t, dir, "alice-later.jsonl", changed)
	before := exportJSON(t, team)
	sum, err := newService().Merge(t.Context(), team, project.MergeRequest{Paths: []string{later}})
	if err != nil || len(sum.Kept) != 2 || sum.Spans != 0 || sum.Labels != 0 {
		t.Fatalf("merge: %+v, %v", sum, err)
	}
	if exportJSON(t, team) != before {
		t.Error("the merge changed what the project held")
	}
}

// Relations come along with their spans, their ends following a span that
// gets a new id (two tools numbering spans T1 in the same document) or that
// the project already holds; merging again adds none twice.
func TestMergeRelations(t *testing.T) {
	dir := t.TempDir()
	sc := storagetest.Schema()
	teamPath := filepath.Join(dir, "team.frametag")
	if _, err := newService().Create(t.Context(), teamPath, sc, nil); err != nil {
		t.Fatal(err)
	}
	team := open(t, teamPath)
	const text = "Tax cuts pay for themselves, Ann said."
	line := func(who string) string {
		return fmt.Sprintf(`{"id":"a-%[1]s","text":%[2]q,"spans":[`+
			`{"id":"T1","layer":"claim","label":"Claim","start":0,"end":8,"annotator":%[1]q},`+
			`{"id":"T2","layer":"actor","label":"Person","start":29,"end":32,"annotator":%[1]q}],`+
			`"relations":[{"id":"R1","type":"said_by","from":"T1","to":"T2","annotator":%[1]q}]}`+"\n", who, text)
	}
	ann := write(t, dir, "ann.jsonl", line("ann"))
	ben := write(t, dir, "ben.jsonl", line("ben"))
	sum, err := newService().Merge(t.Context(), team, project.MergeRequest{Paths: []string{ann, ben}})
	if err != nil || sum.Added != 1 || sum.Spans != 4 || sum.Relations != 2 {
		t.Fatalf("merge: %+v, %v", sum, err)
	}
	before := exportJSON(t, team)
	sum, err = newService().Merge(t.Context(), team, project.MergeRequest{Paths: []string{ben, ann}})
	if err != nil || sum.Spans+sum.Relations != 0 || sum.Duplicates != 6 {
		t.Fatalf("merging again: %+v, %v", sum, err)
	}
	if exportJSON(t, team) != before {
		t.Fatal("merging again changed the project")
	}
	d, err := team.Annotations(t.Context(), "a-ann")
	if err != nil {
		t.Fatal(err)
	}
	byID := map[string]annotate.Span{}
	for _, sp := range d.Spans {
		byID[sp.ID] = sp
	}
	for _, r := range d.Relations {
		from, to := byID[r.From], byID[r.To]
		if from.Annotator != r.Annotator || to.Annotator != r.Annotator || from.Layer != "claim" || to.Layer != "actor" {
			t.Errorf("relation %+v joins %+v and %+v", r, from, to)
		}
	}
}

// Another text under an id the project uses is added under a new id, and
// said; an annotation without an annotator is refused, nothing merged.
func TestMergeIDsAndAnnotators(t *testing.T) {
	dir := t.TempDir()
	teamPath := filepath.Join(dir, "team.frametag")
	createFrom(t, teamPath, teamFile("alice"))
	team := open(t, teamPath)
	other := write(t, dir, "other.jsonl", `{"id":"d1","text":"A different article that happens to be called d1.","status":{"zoe":"done"}}`+"\n")
	sum, err := newService().Merge(t.Context(), team, project.MergeRequest{Paths: []string{other}})
	if err != nil || sum.Added != 1 || len(sum.Renamed) != 1 || !strings.Contains(sum.Renamed[0], "d1 (") {
		t.Fatalf("merge: %+v, %v", sum, err)
	}
	if docCount(t, team) != 5 {
		t.Errorf("%d documents, want 5", docCount(t, team))
	}
	before := exportJSON(t, team)
	anon := write(t, dir, "anon.jsonl", `{"id":"n","text":"Nobody signed this one.","spans":[{"layer":"techniques","label":"Doubt","start":0,"end":6}]}`+"\n")
	_, err = newService().Merge(t.Context(), team, project.MergeRequest{Paths: []string{anon}})
	if annotate.ErrorCode(err) != annotate.EInvalid || !strings.Contains(err.Error(), "anon.jsonl:1") || !strings.Contains(err.Error(), "no annotator") {
		t.Errorf("an annotation without annotator: %v", err)
	}
	if exportJSON(t, team) != before {
		t.Error("the refused merge changed the project")
	}
}

// A colleague's project merged as a source is read, never written: an older
// format is upgraded on a copy (the release before per-document ids here),
// and the file keeps every byte.
func TestMergeLeavesTheSourceFileAsItWas(t *testing.T) {
	dir := t.TempDir()
	body, err := os.ReadFile(filepath.Join("..", "storage", "sqlite", "testdata", "release-v1.frametag"))
	if err != nil {
		t.Fatal(err)
	}
	srcPath := filepath.Join(dir, "colleague.frametag")
	if err := os.WriteFile(srcPath, body, 0o644); err != nil {
		t.Fatal(err)
	}
	teamPath := filepath.Join(dir, "team.frametag")
	createFrom(t, teamPath)
	team := open(t, teamPath)
	// The team's schema lacks the colleague's labels, so the merge may be
	// refused; either way the colleague's file must be untouched.
	_, _ = newService().Merge(t.Context(), team, project.MergeRequest{Paths: []string{srcPath}})
	after, err := os.ReadFile(srcPath)
	if err != nil {
		t.Fatal(err)
	}
	if string(after) != string(body) {
		t.Error("merging a project changed the source project's file")
	}
	for _, suffix := range []string{"-wal", "-shm"} {
		if _, err := os.Stat(srcPath + suffix); err == nil {
			t.Errorf("merging left %s beside the source", filepath.Base(srcPath+suffix))
		}
	}
}

// TestMergeLinksActors: merging a colleague's project brings its actor
// links as names (its registry's ids mean nothing here): each merged actor
// span links to the team's entry of that name, case and spacing aside, or
// to one made for it.
func TestMergeLinksActors(t *testing.T) {
	dir := t.TempDir()
	sc := storagetest.Schema()
	const text = "Tax cuts pay for themselves, Ann said; Bo agreed."
	line := func(who, ann, bo string) string {
		return fmt.Sprintf(`{"id":"d","text":%q,"spans":[`+
			`{"id":"A","layer":"actor","label":"Person","start":29,"end":32,"annotator":%q,"attrs":{"canonical_name":%q}},`+
			`{"id":"B","layer":"actor","label":"Person","start":39,"end":41,"annotator":%[2]q,"attrs":{"canonical_name":%[4]q}}]}`+"\n",
			text, who, ann, bo)
	}
	paths := map[string]string{}
	for who, names := range map[string][2]string{"team": {"ANN  LEE", "Bo"}, "cy": {"Ann Lee", "Bo Berg"}} {
		paths[who] = filepath.Join(dir, who+".frametag")
		if _, err := newService().Create(t.Context(), paths[who], sc, nil); err != nil {
			t.Fatal(err)
		}
		im, err := newService().NewImport(project.ImportRequest{Paths: []string{write(t, dir, who+".jsonl", line(who, names[0], names[1]))}})
		if err != nil {
			t.Fatal(err)
		}
		st := open(t, paths[who])
		if _, err := im.Run(t.Context(), st); err != nil {
			t.Fatal(err)
		}
		st.Close()
	}
	team := open(t, paths["team"])
	sum, err := newService().Merge(t.Context(), team, project.MergeRequest{Paths: []string{paths["cy"]}})
	if err != nil || sum.Spans != 2 {
		t.Fatalf("merge: %+v, %v", sum, err)
	}
	entries, err := team.Actors(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	ids := map[string]string{}
	for _, e := range entries {
		ids[e.Name] = e.ID
	}
	if len(entries) != 3 || ids["ANN LEE"] == "" || ids["Bo"] == "" || ids["Bo Berg"] == "" {
		t.Fatalf("team registry after the merge: %+v", entries)
	}
	d, err := team.Annotations(t.Context(), "d")
	if err != nil {
		t.Fatal(err)
	}
	// cy's spans come with new ids (the document has A and B): by where they are.
	want := map[string]string{"team/29": ids["ANN LEE"], "team/39": ids["Bo"], "cy/29": ids["ANN LEE"], "cy/39": ids["Bo Berg"]}
	if len(d.Spans) != 4 {
		t.Fatalf("spans after the merge: %+v", d.Spans)
	}
	for _, sp := range d.Spans {
		if k := fmt.Sprintf("%s/%d", sp.Annotator, sp.Start()); sp.Actor != want[k] || sp.Attrs[annotate.ActorNameAttr] != nil {
			t.Errorf("span %s links to %q (attributes %v), want %q", k, sp.Actor, sp.Attrs, want[k])
		}
	}
}
