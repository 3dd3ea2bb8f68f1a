package app

import (
	"image/png"
	"os"
	"path/filepath"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"

	"frametag/app/palette"
)

// TestTeamInBothThemes shows the team features in the light and the dark
// theme: another annotator's span selected (its card greyed out), the
// document list's hover, the Agreement view; every coloured cell's text
// reads on it (4.5:1) and the hover box is in the theme's colours. With
// $FRAMETAG_SHOTS set it writes the pictures there, for looking at.
func TestTeamInBothThemes(t *testing.T) {
	dir := os.Getenv("FRAMETAG_SHOTS")
	for _, variant := range []string{themeLight, themeDark} {
		t.Run(variant, func(t *testing.T) {
			path := teamProject(t, t.TempDir(), "team", "alice")
			wb, _ := openTeamWorkbench(t, path)
			wb.app.Settings().SetTheme(themeFor(variant))
			synchronous(wb)
			wb.mergePaths(teamFiles("bob", "carol"))
			wb.win.Canvas().Overlays().Top().Hide()
			wb.openDocument("d1")
			for _, sp := range wb.session.document().Spans {
				if sp.Annotator == "bob" {
					wb.spanTapped(sp.ID)
					break
				}
			}
			row, ok := find(wb.docs, func(r *docRow) bool { return r.id == "d1" })
			if !ok {
				t.Fatal("no row for d1")
			}
			row.spans.MouseIn(nil)
			fg := theme.Color(theme.ColorNameForeground)
			if wb.docs.tipText.Color != fg {
				t.Errorf("the hover box's text is %v, want the theme's %v", wb.docs.tipText.Color, fg)
			}
			write(t, dir, "team_window_"+variant+".png", wb.win)
			wb.showAgreement()
			wb.app.Settings().SetTheme(themeFor(variant)) // once more: the view recolours
			wb.recolor()
			for _, c := range wb.agreement.cells {
				if c.fig.Value == nil {
					if c.text.Color != fg {
						t.Errorf("an n/a cell's text is %v, want the theme's %v", c.text.Color, fg)
					}
					continue
				}
				if r, _ := palette.Contrast(palette.Hex(c.text.Color), palette.Hex(c.bg.FillColor)); r < 4.5 {
					t.Errorf("cell %q: contrast %.2f", c.text.Text, r)
				}
			}
			wb.agreement.tabs.SelectIndex(len(wb.agreement.tabs.Items) - 1)
			write(t, dir, "team_agreement_"+variant+".png", wb.agreement.win)
			wb.agreement.tabs.SelectIndex(0)
			write(t, dir, "team_agreement_doc_"+variant+".png", wb.agreement.win)
		})
	}
}

// write captures win to dir/name, when dir is set.
func write(t *testing.T, dir, name string, win fyne.Window) {
	t.Helper()
	if dir == "" {
		return
	}
	f, err := os.Create(filepath.Join(dir, name))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if err := png.Encode(f, win.Canvas().Capture()); err != nil {
		t.Fatal(err)
	}
}
