package sqlite

import (
	"bytes"
	"crypto/sha256"
	"database/sql"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"frametag/annotate"
	"frametag/storage/storagetest"
)

func TestCreateRefusesExistingPath(t *testing.T) {
	path := filepath.Join(t.TempDir(), "x.frametag")
	if err := os.WriteFile(path, []byte("precious"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := Create(t.Context(), path, storagetest.Schema()); annotate.ErrorCode(err) != annotate.EConflict || !strings.Contains(err.Error(), "already exists") {
		t.Fatalf("Create on existing file: err = %v", err)
	}
	if b, _ := os.ReadFile(path); string(b) != "precious" {
		t.Errorf("existing file changed to %q", b)
	}
}

func TestConnectionPragmas(t *testing.T) {
	s, _ := newProject(t)
	for pragma, want := range map[string]string{
		"journal_mode":   "wal",
		"foreign_keys":   "1",
		"synchronous":    "2", // FULL
		"trusted_schema": "0",
		"busy_timeout":   "1000",
		"application_id": "1179926855",
		"user_version":   strconv.Itoa(FormatVersion()),
	} {
		var got string
		if err := s.db.QueryRow("PRAGMA " + pragma).Scan(&got); err != nil {
			t.Fatalf("PRAGMA %s: %v", pragma, err)
		}
		if got != want {
			t.Errorf("PRAGMA %s = %s, want %s", pragma, got, want)
		}
	}
}

func fileSum(t *testing.T, path string) [32]byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return sha256.Sum256(b)
}

func TestOpenRefusesNonProjects(t *testing.T) {
	dir := t.TempDir()
	project := func(name string) string {
		p := filepath.Join(dir, name)
		s, err := Create(t.Context(), p, storagetest.Schema())
		if err != nil {
			t.Fatal(err)
		}
		if _, err := s.Import(t.Context(), storagetest.Seq(storagetest.Corpus(t))); err != nil {
			t.Fatal(err)
		}
		if err := s.Close(); err != nil {
			t.Fatal(err)
		}
		return p
	}
	full := project("full.frametag")
	fullBytes, err := os.ReadFile(full)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name  string
		make  func(path string) error
		want  string
		isDir bool
	}{
		{"random bytes", func(p string) error {
			b := make([]byte, 8192)
			for i := range b {
				b[i] = byte(i*7919 + i/13)
			}
			return os.WriteFile(p, b, 0o644)
		}, "not an SQLite database", false},
		{"zero length", func(p string) error { return os.WriteFile(p, nil, 0o644) }, "empty", false},
		{"short text", func(p string) error { return os.WriteFile(p, []byte("SQLite format 3"), 0o644) }, "not an SQLite database", false},
		{"truncated project", func(p string) error { return os.WriteFile(p, fullBytes[:len(fullBytes)/2+100], 0o644) }, "truncated", false},
		{"truncated project on a page boundary", func(p string) error { return os.WriteFile(p, fullBytes[:4096*2], 0o644) }, "truncated", false},
		{"another program's database", foreignDatabase, "another program", false},
		{"newer frametag", func(p string) error {
			np := project("newer.frametag")
			db, err := sql.Open("sqlite", "file:"+np)
			if err != nil {
				return err
			}
			if _, err := db.Exec(`PRAGMA user_version = 99`); err != nil {
				return err
			}
			if err := db.Close(); err != nil {
				return err
			}
			return os.Rename(np, p)
		}, fmt.Sprintf("was written by a newer frametag (format 99; this one reads up to %d)", FormatVersion()), false},
		{"damaged table of tables", func(p string) error {
			b := bytes.Clone(fullBytes)
			copy(b[sqliteHeaderSize:], bytes.Repeat([]byte{0xA5}, 512)) // page 1 below the header: sqlite_master
			return os.WriteFile(p, b, 0o644)
		}, "the project file is damaged", false},
		{"creation cut short", func(p string) error {
			db, err := sql.Open("sqlite", "file:"+p)
			if err != nil {
				return err
			}
			defer db.Close()
			_, err = db.Exec(fmt.Sprintf("PRAGMA application_id = %d", ApplicationID))
			return err
		}, "damaged or incomplete", false},
		{"directory", func(p string) error { return os.Mkdir(p, 0o755) }, "is a directory", true},
		{"missing file", func(p string) error { return nil }, "no such file", true},
	}
	// The code the window and the command line choose their words by.
	codes := map[string]annotate.Code{
		"random bytes": annotate.ENotProject, "zero length": annotate.ENotProject, "short text": annotate.ENotProject,
		"truncated project": annotate.EDamaged, "truncated project on a page boundary": annotate.EDamaged,
		"another program's database": annotate.ENotProject, "newer frametag": annotate.ENewerVersion,
		"damaged table of tables": annotate.EDamaged, "creation cut short": annotate.EDamaged,
		"directory": annotate.ENotProject, "missing file": annotate.ENotFound,
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "victim")
			if err := tt.make(path); err != nil {
				t.Fatal(err)
			}
			var before [32]byte
			if !tt.isDir {
				before = fileSum(t, path)
			}
			s, err := Open(t.Context(), path)
			if err == nil {
				s.Close()
				t.Fatal("Open succeeded")
			}
			if !strings.Contains(err.Error(), path) || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error %q: want it to name %s and say %q", err, path, tt.want)
			}
			if got := annotate.ErrorCode(err); got != codes[tt.name] {
				t.Errorf("error %q has code %q, want %q", err, got, codes[tt.name])
			}
			if !tt.isDir && fileSum(t, path) != before {
				t.Error("the file's bytes changed")
			}
			for _, suffix := range []string{"-wal", "-shm", "-journal"} {
				if _, err := os.Stat(path + suffix); err == nil {
					t.Errorf("%s left behind", suffix)
				}
			}
		})
	}
}

// TestPathsWithURICharacters: the DSN is a URI, so '?', '#' and '%' in a
// path must not be taken for its syntax.
func TestPathsWithURICharacters(t *testing.T) {
	for _, name := range []string{"what?.frametag", "#1 project.frametag", "100% done.frametag", "проект é.frametag"} {
		t.Run(name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), name)
			s, err := Create(t.Context(), path, storagetest.Schema())
			if err != nil {
				t.Fatal(err)
			}
			if err := s.Close(); err != nil {
				t.Fatal(err)
			}
			s, err = Open(t.Context(), path)
			if err != nil {
				t.Fatal(err)
			}
			defer s.Close()
			entries, err := os.ReadDir(filepath.Dir(path))
			if err != nil {
				t.Fatal(err)
			}
			for _, e := range entries {
				if !strings.HasPrefix(e.Name(), name) {
					t.Errorf("stray file %q beside %q", e.Name(), name)
				}
			}
		})
	}
}

// foreignDatabase makes an SQLite file of another program at p.
func foreignDatabase(p string) error {
	db, err := sql.Open("sqlite", "file:"+p)
	if err != nil {
		return err
	}
	defer db.Close()
	_, err = db.Exec(`CREATE TABLE contacts (name TEXT); INSERT INTO contacts VALUES ('Ada')`)
	return err
}

// TestBusyIsCoded: SQLite's "database is locked" becomes EBusy, read from its
// result code. Two raw connections without a busy timeout make SQLite give up
// at once instead of after the store's five seconds.
func TestBusyIsCoded(t *testing.T) {
	_, path := newProject(t)
	dsn, err := fileURI(path, "_pragma=busy_timeout(0)&_txlock=immediate")
	if err != nil {
		t.Fatal(err)
	}
	holder, err := sql.Open("sqlite", dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer holder.Close()
	tx, err := holder.BeginTx(t.Context(), nil)
	if err != nil {
		t.Fatal(err)
	}
	defer tx.Rollback()
	other, err := sql.Open("sqlite", dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	_, err = other.BeginTx(t.Context(), nil)
	if err == nil {
		t.Fatal("a second writer got the lock")
	}
	if got := annotate.ErrorCode(coded(err)); got != annotate.EBusy {
		t.Errorf("coded(%v) has code %q, want busy", err, got)
	}
}
