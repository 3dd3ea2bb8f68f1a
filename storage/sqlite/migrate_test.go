package sqlite

import (
	"database/sql"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"frametag/annotate"
)

// releaseCopy copies testdata/release-v1.frametag (format 1) to a temporary
// file.
func releaseCopy(t *testing.T) string {
	t.Helper()
	body, err := os.ReadFile(filepath.Join("testdata", "release-v1.frametag"))
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "release.frametag")
	if err := os.WriteFile(path, body, 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// rawRows reads a query's rows as text, each row's columns joined by "|",
// straight from the file (no migration), sorted.
func rawRows(t *testing.T, path, query string) []string {
	t.Helper()
	db, err := sql.Open("sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	rows, err := db.Query(query)
	if err != nil {
		t.Fatalf("%s: %v", query, err)
	}
	defer rows.Close()
	cols, _ := rows.Columns()
	var out []string
	for rows.Next() {
		vals := make([]sql.NullString, len(cols))
		ptrs := make([]any, len(cols))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		if err := rows.Scan(ptrs...); err != nil {
			t.Fatal(err)
		}
		var cells []string
		for _, v := range vals {
			cells = append(cells, v.String)
		}
		out = append(out, strings.Join(cells, "|"))
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	slices.Sort(out)
	return out
}

const (
	spanRows     = `SELECT doc_pos, id, doc, layer, label, start, "end", fragments, attrs, note, annotator, created, updated FROM spans`
	relationRows = `SELECT id, doc, type, from_span, to_span, annotator, created FROM relations`
)

// TestMigrationToIDsPerDocument opens a format-1 file: it becomes format 2
// with every span and relation as it was, and ids are then the document's
// own.
func TestMigrationToIDsPerDocument(t *testing.T) {
	path := releaseCopy(t)
	spans, rels := rawRows(t, path, spanRows), rawRows(t, path, relationRows)
	if len(spans) == 0 || len(rels) == 0 {
		t.Fatalf("the release file should hold spans and relations: %v %v", spans, rels)
	}
	s, err := Open(t.Context(), path, WithClock(testClock()))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if v := rawRows(t, path, "PRAGMA user_version"); !slices.Equal(v, []string{strconv.Itoa(FormatVersion())}) {
		t.Errorf("user_version %v after opening, want %d", v, FormatVersion())
	}
	if got := rawRows(t, path, spanRows); !slices.Equal(got, spans) {
		t.Errorf("spans changed in the migration:\n got %v\nwant %v", got, spans)
	}
	if got := rawRows(t, path, relationRows); !slices.Equal(got, rels) {
		t.Errorf("relations changed in the migration:\n got %v\nwant %v", got, rels)
	}
	if left := rawRows(t, path, `SELECT name FROM sqlite_master WHERE name LIKE '%_v1'`); len(left) > 0 {
		t.Errorf("the migration left %v behind", left)
	}

	// d1's ids are free in d2.
	d1, err := s.Annotations(t.Context(), "d1")
	if err != nil {
		t.Fatal(err)
	}
	rel := d1.Relations[0]
	var from, to annotate.Span
	for _, sp := range d1.Spans {
		switch sp.ID {
		case rel.From:
			from = sp
		case rel.To:
			to = sp
		}
	}
	for _, sp := range []annotate.Span{from, to} {
		sp.DocID, sp.Annotator = "d2", "carol"
		sp.Fragments = []annotate.Fragment{{Start: 0, End: 2}}
		if _, err := s.Apply(t.Context(), annotate.AddSpan(sp)); err != nil {
			t.Fatalf("adding d1's span id %s to d2: %v", sp.ID, err)
		}
	}
	rel.DocID, rel.Annotator = "d2", "carol"
	if _, err := s.Apply(t.Context(), annotate.AddRelation(rel)); err != nil {
		t.Fatalf("adding d1's relation id %s to d2: %v", rel.ID, err)
	}
	// Deleting d1's span takes d1's relation along, not d2's.
	if _, err := s.Apply(t.Context(), annotate.DeleteSpan(from, "alice")); err != nil {
		t.Fatal(err)
	}
	for doc, want := range map[string]int{"d1": 0, "d2": 1} {
		ad, err := s.Annotations(t.Context(), doc)
		if err != nil {
			t.Fatal(err)
		}
		if len(ad.Relations) != want {
			t.Errorf("%s has relations %+v, want %d", doc, ad.Relations, want)
		}
	}
}

// TestMigrationIsAllOrNothing: a format-1 file the migration cannot carry
// over (a relation on d2 from a span of d1, which format 1's keys allowed)
// is refused on opening, naming the file, and stays format 1, every row as
// it was.
func TestMigrationIsAllOrNothing(t *testing.T) {
	path := releaseCopy(t)
	db, err := sql.Open("sqlite", path+"?_pragma=foreign_keys(1)")
	if err != nil {
		t.Fatal(err)
	}
	_, err = db.Exec(`INSERT INTO spans (doc_pos, id, doc, layer, label, start, "end", fragments, attrs, note, annotator, created, updated)
		SELECT position, 's-d2', 'd2', 'actor', 'ORG', 0, 2, '[[0,2]]', NULL, '', 'carol', '2026-01-01T00:00:00.000000000Z', '2026-01-01T00:00:00.000000000Z'
		FROM documents WHERE id = 'd2'`)
	if err == nil {
		_, err = db.Exec(`INSERT INTO relations (id, doc, type, from_span, to_span, annotator, created)
			SELECT 'r-across', 'd2', 'attributed_to', id, 's-d2', 'carol', '2026-01-01T00:00:00.000000000Z'
			FROM spans WHERE doc = 'd1' AND layer = 'claim' LIMIT 1`)
	}
	if cerr := db.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		t.Fatal(err)
	}
	spans, rels := rawRows(t, path, spanRows), rawRows(t, path, relationRows)
	schema := rawRows(t, path, `SELECT type, name, sql FROM sqlite_master`)

	s, err := Open(t.Context(), path)
	if err == nil {
		s.Close()
		t.Fatal("Open migrated a file with a relation across documents")
	}
	if !strings.Contains(err.Error(), path) || !strings.Contains(err.Error(), "migration 0002_ids_per_document.sql") ||
		!strings.Contains(err.Error(), "a row refers to one that is not there: a row of relations") || annotate.ErrorCode(err) != annotate.EDamaged {
		t.Errorf("error %q (code %s): want it to name the file, the migration and what is wrong, coded damaged", err, annotate.ErrorCode(err))
	}
	if v := rawRows(t, path, "PRAGMA user_version"); !slices.Equal(v, []string{"1"}) {
		t.Errorf("user_version %v after a failed migration, want 1", v)
	}
	if got := rawRows(t, path, `SELECT type, name, sql FROM sqlite_master`); !slices.Equal(got, schema) {
		t.Errorf("tables changed:\n got %v\nwant %v", got, schema)
	}
	if got := rawRows(t, path, spanRows); !slices.Equal(got, spans) {
		t.Errorf("spans changed")
	}
	if got := rawRows(t, path, relationRows); !slices.Equal(got, rels) {
		t.Errorf("relations changed")
	}
}

// TestMigrationToProvenance: an older file gains the provenance column,
// every span it held with none, and its edit log's rows still decode (the
// annotators' undo goes on); a curation then records where a gold span came
// from, read back after a reopen.
func TestMigrationToProvenance(t *testing.T) {
	path := releaseCopy(t)
	before := rawRows(t, path, `SELECT annotator, count(*) FROM edit_log GROUP BY annotator`)
	s, err := Open(t.Context(), path, WithClock(testClock()))
	if err != nil {
		t.Fatal(err)
	}
	if got := rawRows(t, path, `SELECT count(*) FROM spans WHERE provenance <> ''`); !slices.Equal(got, []string{"0"}) {
		t.Errorf("spans with a provenance after the migration: %v", got)
	}
	if got := rawRows(t, path, `SELECT count(*) FROM relations WHERE provenance <> ''`); !slices.Equal(got, []string{"0"}) {
		t.Errorf("relations with a provenance after the migration: %v", got)
	}
	var undoable int
	for _, row := range before {
		who, _, _ := strings.Cut(row, "|")
		if _, ok, err := s.NextUndo(t.Context(), who); err != nil {
			t.Errorf("%s's edit log no longer decodes: %v", who, err)
		} else if ok {
			undoable++
		}
	}
	if len(before) > 0 && undoable == 0 {
		t.Errorf("no annotator of %v has an edit to undo after the migration", before)
	}
	d1, err := s.Annotations(t.Context(), "d1")
	if err != nil {
		t.Fatal(err)
	}
	sc, err := s.Schema(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	c := annotate.Align(d1, &sc, nil)
	var e annotate.CurateEdit
	for _, u := range c.Units {
		if !u.Document && len(u.Versions) > 0 && !u.Versions[0].None() {
			e, err = c.Accept("cora", u, u.Versions[0].Annotator)
			if err != nil {
				t.Fatal(err)
			}
			break
		}
	}
	if len(e.Add) == 0 {
		t.Fatalf("d1 has no span to accept: %+v", c.Units)
	}
	if _, err := s.Apply(t.Context(), e); err != nil {
		t.Fatal(err)
	}
	s.Close()
	if s, err = Open(t.Context(), path, WithClock(testClock())); err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	d1, err = s.Annotations(t.Context(), "d1")
	if err != nil {
		t.Fatal(err)
	}
	want := annotate.Adjudicated(c.Annotators[0])
	if !slices.ContainsFunc(d1.Spans, func(sp annotate.Span) bool { return sp.Annotator == annotate.GoldAnnotator && sp.Provenance == want }) {
		t.Errorf("no gold span with provenance %q after a reopen: %+v", want, d1.Spans)
	}
}

// TestMigrationToActorRegistry opens a file whose actor spans carry the
// free-text canonical_name attribute (format 1, the release file with such
// spans added): each distinct name (case and spacing aside) becomes one
// registry entry, of the label most of its mentions carry (the schema's
// first on a tie), with their texts as aliases; the spans link to it and
// lose the attribute, keeping their others; a blank name links nothing.
func TestMigrationToActorRegistry(t *testing.T) {
	path := releaseCopy(t)
	db, err := sql.Open("sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	const at = `'2026-01-01T00:00:00.000000000Z'`
	for _, q := range []string{
		`UPDATE spans SET attrs = '{"canonical_name":"The  Officials","role":"Protagonist"}' WHERE id = 'se96aeb82ee12a0c7'`,
		`INSERT INTO spans (doc_pos, id, doc, layer, label, start, "end", fragments, attrs, note, annotator, created, updated) VALUES
			(2, 'k1', 'd2', 'actor', 'GPE', 0, 4, '[[0,4]]', '{"canonical_name":"the officials"}', '', 'bob', ` + at + `, ` + at + `),
			(2, 'k2', 'd2', 'actor', 'GPE', 18, 22, '[[18,22]]', '{"canonical_name":"Kyiv"}', '', 'bob', ` + at + `, ` + at + `),
			(2, 'k3', 'd2', 'actor', 'ORG', 5, 13, '[[5,13]]', '{"canonical_name":"  "}', '', 'bob', ` + at + `, ` + at + `)`,
	} {
		if _, err := db.Exec(q); err != nil {
			t.Fatal(err)
		}
	}
	db.Close()
	s, err := Open(t.Context(), path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	entries, err := s.Actors(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	want := []annotate.ActorEntry{
		{Name: "Kyiv", Kind: "GPE", Aliases: []string{"vote"}},
		{Name: "The Officials", Kind: "PERSON_renamed", Aliases: []string{"Officials", "Kyiv"}},
	}
	if len(entries) != len(want) {
		t.Fatalf("entries %+v, want %+v", entries, want)
	}
	ids := map[string]string{}
	for i, e := range entries {
		ids[e.Name] = e.ID
		e.ID = ""
		if !e.Equal(want[i]) {
			t.Errorf("entry %d: %+v, want %+v", i, e, want[i])
		}
	}
	wantRows := []string{
		"d1|se96aeb82ee12a0c7|" + ids["The Officials"] + `|{"role":"Protagonist"}`,
		"d2|k1|" + ids["The Officials"] + "|",
		"d2|k2|" + ids["Kyiv"] + "|",
		"d2|k3||",
	}
	if got := rawRows(t, path, `SELECT doc, id, actor, attrs FROM spans WHERE layer = 'actor'`); !slices.Equal(got, wantRows) {
		t.Errorf("actor spans after the migration:\n got %v\nwant %v", got, wantRows)
	}
	use, err := s.ActorUse(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	if u := use[ids["The Officials"]]; u.Mentions != 2 || u.Documents != 2 {
		t.Errorf("The Officials used %+v, want 2 mentions in 2 documents", u)
	}
}
