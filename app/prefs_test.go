package app

import (
	"slices"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
)

func TestRecentProjects(t *testing.T) {
	p := prefs{test.NewTempApp(t).Preferences()}
	steps := []struct {
		open, forget string
		want         []string
		last         string
	}{
		{open: "/a", want: []string{"/a"}, last: "/a"},
		{open: "/b", want: []string{"/b", "/a"}, last: "/b"},
		{open: "/a", want: []string{"/a", "/b"}, last: "/a"},
		{forget: "/a", want: []string{"/b"}, last: ""},
	}
	for i, s := range steps {
		if s.open != "" {
			p.opened(s.open)
		} else {
			p.forget(s.forget)
		}
		if got := p.recent(); !slices.Equal(got, s.want) {
			t.Errorf("step %d: recent %v, want %v", i, got, s.want)
		}
		if got := p.lastProject(); got != s.last {
			t.Errorf("step %d: last project %q, want %q", i, got, s.last)
		}
	}
	for i := range maxRecent + 3 {
		p.opened(string(rune('c' + i)))
	}
	if n := len(p.recent()); n != maxRecent {
		t.Errorf("%d recent projects kept, want %d", n, maxRecent)
	}
}

func TestTextSizeAndWindowSizeAreClamped(t *testing.T) {
	p := prefs{test.NewTempApp(t).Preferences()}
	if got := p.textSize(); got != defaultTextSize {
		t.Errorf("default text size %v", got)
	}
	p.setTextSize(500)
	if got := p.textSize(); got != maxTextSize {
		t.Errorf("text size 500 reads back as %v", got)
	}
	p.setWindowSize(fyne.NewSize(10, 10))
	if got := p.windowSize(); got.Width < 640 || got.Height < 480 {
		t.Errorf("a tiny saved window comes back as %v", got)
	}
}

func TestThemeChoiceHoldsItsVariant(t *testing.T) {
	tests := []struct {
		choice  string
		variant fyne.ThemeVariant
	}{
		{themeLight, theme.VariantLight},
		{themeDark, theme.VariantDark},
	}
	for _, tc := range tests {
		th := themeFor(tc.choice)
		// Whatever variant the system asks for, the choice wins.
		got := th.Color(theme.ColorNameBackground, 99)
		want := theme.DefaultTheme().Color(theme.ColorNameBackground, tc.variant)
		if got != want {
			t.Errorf("%s: background %v, want %v", tc.choice, got, want)
		}
	}
}

func TestFontSizeKeys(t *testing.T) {
	wb, _ := openWorkbench(t, newProject(t))
	steps := []struct {
		key  fyne.Shortcut
		want float32
	}{
		{keyBigger, defaultTextSize + 1},
		{keyBigger, defaultTextSize + 2},
		{keySmaller, defaultTextSize + 1},
		{keyReset, defaultTextSize},
	}
	for i, s := range steps {
		shortcut(wb, s.key)
		if wb.textSize != s.want || wb.prefs.textSize() != s.want {
			t.Errorf("step %d: text size %v (remembered %v), want %v", i, wb.textSize, wb.prefs.textSize(), s.want)
		}
	}
}
