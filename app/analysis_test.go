package app

import (
	"image/color"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2/theme"

	"frametag/annotate"
	"frametag/annotate/findings"
	"frametag/annotate/findings/findingstest"
	"frametag/storage/sqlite"
	"frametag/storage/storagetest"
)

// findingsProject is a project holding the findings test corpus (four
// documents, alice and bob on one, actors linked by canonical_name).
func findingsProject(t *testing.T) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "findings.frametag")
	st, err := sqlite.Create(t.Context(), path, findingstest.Schema())
	if err != nil {
		t.Fatal(err)
	}
	if _, err := st.Import(t.Context(), storagetest.Seq(findingstest.Corpus())); err != nil {
		t.Fatal(err)
	}
	if err := st.Close(); err != nil {
		t.Fatal(err)
	}
	return path
}

func tableNamed(t *testing.T, a *analysisView, name string) findings.Table {
	t.Helper()
	for _, tb := range a.tables {
		if tb.Name == name {
			return tb
		}
	}
	t.Fatalf("the Analysis view has no table %s", name)
	return findings.Table{}
}

// cellOf is a table's cell by its row name and column header.
func cellOf(t *testing.T, tb findings.Table, row, col string) (int, int, string) {
	t.Helper()
	c := slices.Index(tb.Header, col)
	for i, r := range tb.Rows {
		if r[0] == row && c >= 0 {
			return i, c, r[c]
		}
	}
	t.Fatalf("%s has no cell %s × %s", tb.Name, row, col)
	return 0, 0, ""
}

// TestAnalysisView: the window's tables are the report's, hand-checked on
// the findings corpus; the annotator filter changes them; a count lists the
// spans behind it and a click on one opens its document at the span; the
// actor column names registry entries; a table exported reads in Python's
// csv.
func TestAnalysisView(t *testing.T) {
	wb, _ := openWorkbench(t, findingsProject(t))
	wb.background = func(f func()) { f() }
	wb.showAnalysis()
	a := wb.analysis
	if a == nil || len(a.tabs.Items) != 6 {
		t.Fatalf("the Analysis window shows %v tabs, want 6", a)
	}
	if !strings.HasPrefix(a.status.Text, "4 documents, every annotator's annotations: 6 claims attributed.") {
		t.Errorf("status %q", a.status.Text)
	}
	bySource := tableNamed(t, a, "technique-by-source")
	if _, _, n := cellOf(t, bySource, "Daily A", "Loaded_Language"); n != "2" {
		t.Errorf("Daily A × Loaded_Language = %s, want 2 (alice's and bob's “double”)", n)
	}
	if _, _, n := cellOf(t, bySource, "Daily A", "documents"); n != "2" {
		t.Errorf("Daily A's documents = %s, want 2", n)
	}
	if _, _, n := cellOf(t, tableNamed(t, a, "technique-by-actor"), "John Smith", "claims"); n != "2" {
		t.Errorf("John Smith's claims = %s, want 2 (the registry entry's name)", n)
	}
	if !slices.Contains(a.annotator.Options, "alice") || !slices.Contains(a.source.Options, "Blog B") {
		t.Errorf("filter choices: annotators %v, sources %v", a.annotator.Options, a.source.Options)
	}

	// The spans behind a count, and one of them opened.
	row, col, _ := cellOf(t, bySource, "Daily A", "Loaded_Language")
	a.cellClicked(bySource, row, col)
	if len(a.behindRows) != 2 || a.behindRows[0].ref != (annotate.SpanRef{Doc: "d1", Span: "a-t1"}) ||
		!strings.Contains(a.behindRows[0].text, "“double”") || !strings.HasPrefix(a.behindTitle.Text, "Daily A × Loaded Language: 2.") {
		t.Fatalf("behind Daily A × Loaded_Language: %q %+v", a.behindTitle.Text, a.behindRows)
	}
	a.behind.Select(0)
	if wb.session.document().ID != "d1" || wb.session.selectedID() != "a-t1" {
		t.Errorf("the click opened %q at %q, want d1 at a-t1", wb.session.document().ID, wb.session.selectedID())
	}

	// One annotator: bob's "double" no longer counts.
	a.annotator.SetSelected("alice")
	bySource = tableNamed(t, a, "technique-by-source")
	if _, _, n := cellOf(t, bySource, "Daily A", "Loaded_Language"); n != "1" {
		t.Errorf("alice's Daily A × Loaded_Language = %s, want 1", n)
	}
	// A bad date says so and keeps the tables.
	a.from.SetText("March")
	a.compute()
	if !strings.Contains(a.status.Text, `"March" is not a date`) || len(a.tables) != 6 {
		t.Errorf("status after a bad date %q", a.status.Text)
	}
	a.from.SetText("2024-03")
	a.compute()
	if !strings.HasPrefix(a.status.Text, "2 documents, alice's annotations") {
		t.Errorf("status with --from 2024-03: %q", a.status.Text)
	}

	// A table as exported reads in Python's csv.
	path := filepath.Join(t.TempDir(), "who-claims-what.csv")
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	claims := tableNamed(t, a, "who-claims-what")
	if err := claims.WriteCSV(f); err != nil {
		t.Fatal(err)
	}
	f.Close()
	out, err := exec.Command("python3", "-c", "import csv,sys; rows=list(csv.reader(open(sys.argv[1], newline='', encoding='utf-8'))); print(len(rows), rows[0][0], len(rows[1]))", path).CombinedOutput()
	if err != nil {
		t.Fatalf("python3: %v %s", err, out)
	}
	if want := "5 actor 10\n"; string(out) != want {
		t.Errorf("Python's csv reads %q, want %q", out, want)
	}
}

// TestAnalysisShowsLaterEdits: the window keeps the project's records after
// the first open, yet an edit made afterwards (in this window, or by another
// process) shows in the next filter change and in the spans behind a count.
func TestAnalysisShowsLaterEdits(t *testing.T) {
	path := findingsProject(t)
	wb, _ := openWorkbench(t, path)
	wb.background = func(f func()) { f() }
	wb.showAnalysis()
	a := wb.analysis
	loaded := func() string {
		t.Helper()
		_, _, n := cellOf(t, tableNamed(t, a, "technique-by-source"), "Daily A", "Loaded_Language")
		return n
	}
	if n := loaded(); n != "2" {
		t.Fatalf("Daily A × Loaded_Language = %s at first, want 2", n)
	}

	// alice marks one more in the window.
	wb.openDocument("d1")
	if _, ok := wb.session.label(labelRef{"technique", "Loaded_Language"}, 0, 3); !ok {
		t.Fatal("the window refused the span")
	}
	a.annotator.SetSelected("alice")
	if n := loaded(); n != "2" {
		t.Errorf("alice's Daily A × Loaded_Language = %s after her edit, want 2 (1 before)", n)
	}

	// bob marks one in another process.
	other, err := sqlite.Open(t.Context(), path)
	if err != nil {
		t.Fatal(err)
	}
	_, err = other.Apply(t.Context(), annotate.AddSpan(annotate.Span{DocID: "d1", Layer: "technique", Label: "Loaded_Language",
		Fragments: []annotate.Fragment{{Start: 5, End: 9}}, Annotator: "bob"}))
	if cerr := other.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		t.Fatal(err)
	}
	a.annotator.SetSelected(everyone)
	if n := loaded(); n != "4" {
		t.Errorf("everyone's Daily A × Loaded_Language = %s after both edits, want 4", n)
	}
	row, col, _ := cellOf(t, tableNamed(t, a, "technique-by-source"), "Daily A", "Loaded_Language")
	a.cellClicked(tableNamed(t, a, "technique-by-source"), row, col)
	if len(a.behindRows) != 4 || !strings.HasPrefix(a.behindTitle.Text, "Daily A × Loaded Language: 4.") {
		t.Errorf("behind Daily A × Loaded_Language: %q %+v", a.behindTitle.Text, a.behindRows)
	}
}

// TestAnalysisChartsFollowTheTheme: in the dark theme the window's charts
// are drawn on the theme's page (redrawn when the theme changes), while
// the report's files stay print-white.
func TestAnalysisChartsFollowTheTheme(t *testing.T) {
	wb, _ := openWorkbench(t, findingsProject(t))
	wb.background = func(f func()) { f() }
	wb.showAnalysis()
	corner := func(name string) color.NRGBA {
		t.Helper()
		img := wb.analysis.charts[name]
		if img == nil {
			t.Fatalf("no chart %s", name)
		}
		return color.NRGBAModel.Convert(img.At(1, 1)).(color.NRGBA)
	}
	for _, tc := range []struct {
		choice string
		want   color.Color
	}{
		{themeDark, theme.DefaultTheme().Color(theme.ColorNameBackground, theme.VariantDark)},
		{themeLight, color.White},
	} {
		wb.app.Settings().SetTheme(themeFor(tc.choice))
		wb.recolor()
		wb.analysis.compute()
		for _, name := range []string{"technique-by-source", "techniques-over-time", "labels-technique"} {
			if got := corner(name); got != color.NRGBAModel.Convert(tc.want) {
				t.Errorf("%s theme: %s's page is %v, want %v", tc.choice, name, got, tc.want)
			}
		}
	}
}
