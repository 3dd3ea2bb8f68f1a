package app

import (
	"bytes"
	"io"
	"log"
	"os"
	"path/filepath"
	"sync"
)

// Fyne (2.7) watches its preferences file and reads it again when it
// changes. At exit it saves the preferences once more (after a Quit, a
// closed window or SIGTERM), and by then the watcher's callbacks run on the
// watcher's own goroutine: a callback can read the file in the moment the
// save has truncated it and not yet written it, and logs
//
//	Fyne error:  Preferences load error:
//	  Cause: EOF
//	  At: …/fyne.io/fyne/v2@v2.7.1/app/preferences.go:103
//
// (once in about eight exits on a busy machine, the first included). The
// preferences in memory are untouched (the failed decode changes nothing)
// and the save goes on to write them whole, so the message is noise; a
// user starting the app for the first time reads it as something broken.
// quietPreferencesRace drops exactly that message from the log and
// passes everything else on; repairEmptyPreferences makes a file left
// empty by a killed process valid again before Fyne loads it.

// quietPreferencesRace installs the log filter on the standard logger,
// which Fyne's LogError writes to.
func quietPreferencesRace() {
	log.SetOutput(&prefsRaceFilter{w: log.Writer()})
}

// prefsRaceFilter passes log lines on, except the three of a preferences
// load that read an empty file (EOF).
type prefsRaceFilter struct {
	mu   sync.Mutex
	w    io.Writer
	held []byte // "Preferences load error:", waiting for its cause
	drop bool   // the next "At: …preferences.go" line belongs to a dropped message
}

func (f *prefsRaceFilter) Write(p []byte) (int, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	switch {
	case bytes.Contains(p, []byte("Fyne error:  Preferences load error:")):
		if err := f.flush(); err != nil {
			return 0, err
		}
		f.held = append(f.held[:0], p...)
		return len(p), nil
	case f.held != nil && bytes.Contains(p, []byte("Cause: EOF")):
		f.held, f.drop = nil, true
		return len(p), nil
	case f.drop && bytes.Contains(p, []byte("At: ")) && bytes.Contains(p, []byte("preferences.go")):
		f.drop = false
		return len(p), nil
	}
	f.drop = false
	if err := f.flush(); err != nil {
		return 0, err
	}
	return f.w.Write(p)
}

func (f *prefsRaceFilter) flush() error {
	if f.held == nil {
		return nil
	}
	held := f.held
	f.held = nil
	_, err := f.w.Write(held)
	return err
}

// repairEmptyPreferences writes "{}" into the preferences file at path when
// it is there but empty (a process killed in the middle of a save), so that
// Fyne's first load finds valid JSON.
func repairEmptyPreferences(path string) {
	if st, err := os.Stat(path); err == nil && st.Mode().IsRegular() && st.Size() == 0 {
		_ = os.WriteFile(path, []byte("{}\n"), 0o600)
	}
}

// preferencesPath is where Fyne keeps the app's preferences on a desktop:
// its configuration folder (XDG_CONFIG_HOME or the system's), then fyne,
// the app id, preferences.json.
func preferencesPath() string {
	dir, err := os.UserConfigDir()
	if err != nil {
		return ""
	}
	return filepath.Join(dir, "fyne", AppID, "preferences.json")
}
