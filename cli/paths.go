package cli

import (
	"errors"
	"fmt"
	"path/filepath"
)

// defaultProjectName is the default project's file inside the data folder.
const defaultProjectName = "default.frametag"

// dataDir is where frametag keeps the default project: the platform's
// per-user data folder.
//
//	Linux and other Unix: $XDG_DATA_HOME/frametag, else ~/.local/share/frametag
//	macOS:                ~/Library/Application Support/frametag
//	Windows:              %AppData%\frametag
func dataDir(env Env) (string, error) {
	switch env.GOOS {
	case "windows":
		if d := env.Getenv("APPDATA"); d != "" {
			return filepath.Join(d, "frametag"), nil
		}
		return "", errors.New("%AppData% is not set")
	case "darwin", "ios":
		home, err := homeDir(env)
		if err != nil {
			return "", err
		}
		return filepath.Join(home, "Library", "Application Support", "frametag"), nil
	}
	// The XDG spec says a relative $XDG_DATA_HOME is invalid and to be ignored.
	if d := env.Getenv("XDG_DATA_HOME"); d != "" && filepath.IsAbs(d) {
		return filepath.Join(d, "frametag"), nil
	}
	home, err := homeDir(env)
	if err != nil {
		return "", err
	}
	return filepath.Join(home, ".local", "share", "frametag"), nil
}

func homeDir(env Env) (string, error) {
	if env.HomeDir == nil {
		return "", errors.New("no home folder")
	}
	home, err := env.HomeDir()
	if err != nil {
		return "", fmt.Errorf("finding the home folder: %w", err)
	}
	return home, nil
}

// DefaultProjectPath is the file of the default project.
func DefaultProjectPath(env Env) (string, error) {
	dir, err := dataDir(env)
	if err != nil {
		return "", err
	}
	return filepath.Join(dir, defaultProjectName), nil
}
