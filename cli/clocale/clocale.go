// Package clocale quiets Fyne under the "C" locale. Fyne reads the locale
// while its packages initialise and logs "Error parsing user locale C" three
// times when LANG is C.UTF-8 (the default in containers and CI), which
// clutters every command's output. Imported for its side effect by main, it
// sets LANGUAGE=en in that case only: gettext ignores LANGUAGE under the C
// locale anyway, and Fyne then falls back to English, as it would have.
//
// It runs before Fyne's packages because Go initialises packages in import
// path order wherever dependencies allow ("frametag/..." sorts before
// "fyne.io/..."), and this package depends on nothing but os and strings.
package clocale

import (
	"os"
	"strings"
)

func init() {
	if os.Getenv("LANGUAGE") != "" {
		return
	}
	for _, key := range []string{"LC_ALL", "LC_MESSAGES", "LANG"} {
		v := os.Getenv(key)
		if v == "" {
			continue
		}
		if isC(v) {
			os.Setenv("LANGUAGE", "en")
		}
		return
	}
}

// isC reports whether a locale name is the C or POSIX locale, with or
// without an encoding ("C.UTF-8").
func isC(locale string) bool {
	name, _, _ := strings.Cut(locale, ".")
	return name == "C" || name == "POSIX"
}
