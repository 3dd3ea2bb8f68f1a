package app

import (
	"bytes"
	"log"
	"os"
	"path/filepath"
	"testing"
)

// The log filter drops Fyne's preferences EOF message, three lines, and
// nothing else: another preferences error, another cause, and the lines
// around it pass.
func TestPreferencesRaceIsNotLogged(t *testing.T) {
	var out bytes.Buffer
	l := log.New(&prefsRaceFilter{w: &out}, "", 0)
	l.Println("before")
	l.Println("Fyne error:  Preferences load error:")
	l.Println("  Cause: EOF")
	l.Println("  At: /go/pkg/mod/fyne.io/fyne/v2@v2.7.1/app/preferences.go:103")
	l.Println("Fyne error:  Preferences load error:")
	l.Println("  Cause: invalid character 'x' looking for beginning of value")
	l.Println("  At: /go/pkg/mod/fyne.io/fyne/v2@v2.7.1/app/preferences.go:103")
	l.Println("after")
	want := "before\nFyne error:  Preferences load error:\n  Cause: invalid character 'x' looking for beginning of value\n" +
		"  At: /go/pkg/mod/fyne.io/fyne/v2@v2.7.1/app/preferences.go:103\nafter\n"
	if out.String() != want {
		t.Errorf("logged\n%s\nwant\n%s", out.String(), want)
	}
}

// A preferences file left empty is made valid JSON before Fyne reads it;
// one with content is left alone.
func TestEmptyPreferencesRepaired(t *testing.T) {
	dir := t.TempDir()
	empty, full := filepath.Join(dir, "empty.json"), filepath.Join(dir, "full.json")
	os.WriteFile(empty, nil, 0o600)
	os.WriteFile(full, []byte(`{"a":1}`), 0o600)
	repairEmptyPreferences(empty)
	repairEmptyPreferences(full)
	repairEmptyPreferences(filepath.Join(dir, "missing.json"))
	if b, _ := os.ReadFile(empty); string(b) != "{}\n" {
		t.Errorf("empty file now %q", b)
	}
	if b, _ := os.ReadFile(full); string(b) != `{"a":1}` {
		t.Errorf("a full file became %q", b)
	}
	if _, err := os.Stat(filepath.Join(dir, "missing.json")); err == nil {
		t.Error("a missing file was created")
	}
}
