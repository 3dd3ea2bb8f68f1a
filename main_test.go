package main

import (
	"os"
	"regexp"
	"strings"
	"testing"
)

// TestFyneDoTagAgrees checks that the build tag every build here passes and
// FyneApp.toml's migration setting agree: `fyne package` reads the setting
// and adds migrated_fynedo, the Makefile and the scripts pass the tag to a
// plain `go build`, so the app is built the same way either road (without
// it, Fyne captures a stack trace on every refresh to check the thread).
func TestFyneDoTagAgrees(t *testing.T) {
	toml, err := os.ReadFile("FyneApp.toml")
	if err != nil {
		t.Fatal(err)
	}
	if !regexp.MustCompile(`(?m)^\s*fyneDo\s*=\s*true\s*$`).Match(toml) {
		t.Fatal("FyneApp.toml: [Migrations] fyneDo = true is missing; the Makefile builds with -tags migrated_fynedo")
	}
	mk, err := os.ReadFile("Makefile")
	if err != nil {
		t.Fatal(err)
	}
	if !regexp.MustCompile(`(?m)^TAGS\s*:=\s*migrated_fynedo\s*$`).Match(mk) {
		t.Error("Makefile: TAGS := migrated_fynedo is missing")
	}
	for _, line := range strings.Split(string(mk), "\n") {
		if strings.Contains(line, "$(GO) build") && !strings.Contains(line, "-tags $(TAGS)") {
			t.Errorf("Makefile builds without the tag: %s", strings.TrimSpace(line))
		}
	}
	for _, script := range []string{"scripts/screenshot.sh"} {
		b, err := os.ReadFile(script)
		if err != nil {
			t.Fatal(err)
		}
		for _, line := range strings.Split(string(b), "\n") {
			if strings.Contains(line, "go build") && !strings.Contains(line, "-tags migrated_fynedo") {
				t.Errorf("%s builds without the tag: %s", script, strings.TrimSpace(line))
			}
		}
	}
}
