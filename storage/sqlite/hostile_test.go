package sqlite

import (
	"database/sql"
	"os"
	"strings"
	"testing"

	"frametag/annotate"
	"frametag/storage/storagetest"
)

// TestOpenRefusesHostileAndDamagedFiles: a project whose stored schema is
// not a valid schema, or that holds schema objects frametag did not create
// (a colleague's file with a trigger that wiped the undo history, or looped
// forever), is refused at Open with EDamaged naming the problem; the file
// keeps every byte and gets no side files. (Before: each opened normally.)
func TestOpenRefusesHostileAndDamagedFiles(t *testing.T) {
	for _, tc := range []struct {
		name string
		sql  string // run on the closed project through a plain connection
		want string // in the message
	}{
		{"schema {}", `UPDATE schema SET body = '{}'`, "stored schema is invalid"},
		{"schema null", `UPDATE schema SET body = 'null'`, "stored schema is invalid"},
		{"schema not an object", `UPDATE schema SET body = '[1]'`, "damaged"},
		{"duplicate layers", `UPDATE schema SET body = json_set(body, '$.layers[#]', json_extract(body, '$.layers[0]'))`, "stored schema is invalid"},
		{"bad colour", `UPDATE schema SET body = json_set(body, '$.layers[0].labels[0].color', 'red')`, "stored schema is invalid"},
		{"trigger", `CREATE TRIGGER wipe AFTER INSERT ON spans BEGIN DELETE FROM edit_log; END`, `trigger "wipe"`},
		{"endless trigger", `CREATE TRIGGER loop AFTER UPDATE ON statuses BEGIN UPDATE statuses SET status = status; END`, `trigger "loop"`},
		{"view", `CREATE VIEW v AS SELECT * FROM spans`, `view "v"`},
		{"extra table", `CREATE TABLE notes (x)`, `table "notes"`},
		{"index", `CREATE INDEX spans_note ON spans(note)`, `index "spans_note"`},
		{"a trigger of frametag's changed", `DROP TRIGGER documents_fts_delete; CREATE TRIGGER documents_fts_delete AFTER DELETE ON documents BEGIN DELETE FROM edit_log; END`,
			`trigger "documents_fts_delete"`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s, path := newProject(t)
			if _, err := s.Import(t.Context(), storagetest.Seq(storagetest.Corpus(t)[:1])); err != nil {
				t.Fatal(err)
			}
			s.Close()
			db, err := sql.Open("sqlite", "file:"+path)
			if err != nil {
				t.Fatal(err)
			}
			if _, err := db.Exec(tc.sql); err != nil {
				t.Fatal(err)
			}
			db.Exec(`PRAGMA wal_checkpoint(TRUNCATE)`)
			db.Close()
			for _, suffix := range []string{"-wal", "-shm"} {
				os.Remove(path + suffix)
			}
			sum := fileSum(t, path)
			st, err := Open(t.Context(), path)
			if err == nil {
				st.Close()
				t.Fatal("opened")
			}
			if annotate.ErrorCode(err) != annotate.EDamaged || !strings.Contains(err.Error(), tc.want) || !strings.Contains(err.Error(), path) {
				t.Errorf("Open: %v (code %q); want damaged, naming the file and %q", err, annotate.ErrorCode(err), tc.want)
			}
			if fileSum(t, path) != sum {
				t.Error("the refused file changed")
			}
			for _, suffix := range []string{"-wal", "-shm", "-journal"} {
				if _, err := os.Stat(path + suffix); err == nil {
					t.Errorf("a %s file appeared", suffix)
				}
			}
		})
	}
}

// TestOpenChecksObjectsWithAWAL: with a -wal file beside it (another
// process has the project open) the same checks are made, through the WAL.
func TestOpenChecksObjectsWithAWAL(t *testing.T) {
	s, path := newProject(t)
	defer s.Close()
	if _, err := s.db.Exec(`CREATE TRIGGER wipe AFTER INSERT ON spans BEGIN DELETE FROM edit_log; END`); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(path + "-wal"); err != nil {
		t.Fatal("no -wal file")
	}
	st, err := Open(t.Context(), path)
	if err == nil {
		st.Close()
		t.Fatal("opened")
	}
	if annotate.ErrorCode(err) != annotate.EDamaged || !strings.Contains(err.Error(), `trigger "wipe"`) {
		t.Errorf("Open: %v", err)
	}
}
