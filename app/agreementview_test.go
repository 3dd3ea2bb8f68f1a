package app

import (
	"bytes"
	"context"
	"encoding/json"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"frametag/annotate/agreement"
	"frametag/app/palette"
	"frametag/cli"
	"frametag/storage/sqlite"
)

// agreeJSON runs `frametag agree --project path --json [args]` and reads
// its report.
func agreeJSON(t *testing.T, path string, args ...string) agreement.Report {
	t.Helper()
	var out, errOut bytes.Buffer
	env := cli.Env{Stdout: &out, Stderr: &errOut, Getenv: func(string) string { return "" }, Projects: sqlite.Opener{}}
	if code := cli.Run(context.Background(), append([]string{"agree", "--project", path, "--json"}, args...), env); code != 0 {
		t.Fatalf("agree --json: exit %d: %s", code, errOut.String())
	}
	var rep agreement.Report
	if err := json.Unmarshal(out.Bytes(), &rep); err != nil {
		t.Fatal(err)
	}
	return rep
}

// The Agreement view of three annotators' merged work shows exactly the
// figures `frametag agree --json` gives: every label's and all labels'
// figures, every pair's, every document's; a click on the document with
// the most disagreement opens it in the main window.
func TestAgreementViewEqualsAgreeJSON(t *testing.T) {
	wb, path := openMergedTeam(t)
	want := agreeJSON(t, path)
	if len(want.Annotators) != 3 || len(want.Layers) == 0 {
		t.Fatalf("agree --json reports %v over %d layers", want.Annotators, len(want.Layers))
	}

	viewMenuItem(t, wb, cmdAgreement).Action()
	av := wb.agreement
	if av == nil {
		t.Fatal("Project → Agreement… opened no view")
	}
	checked := checkFigures(t, av, want)
	if checked < 30 || len(av.shown) != checked {
		t.Errorf("checked %d figures; the view shows %d", checked, len(av.shown))
	}
	if !strings.Contains(av.status.Text, "alice, bob, carol") {
		t.Errorf("status %q", av.status.Text)
	}

	// the worst document of the span layer, one click away
	rows := av.docRows["techniques"]
	if len(rows) == 0 {
		t.Fatal("no documents listed for techniques")
	}
	test.Tap(rows[0])
	if got := wb.session.document().ID; got != rows[0].id {
		t.Errorf("a click on %s opened %s", rows[0].id, got)
	}
	docs, _ := want.Layers[layerIndex(want, "techniques")].ByDisagreement()
	if rows[0].id != docs[0].ID {
		t.Errorf("the first row is %s, want the most disagreement, %s", rows[0].id, docs[0].ID)
	}

	// closing the window forgets it; Agreement… opens a new one
	av.win.Close()
	if wb.agreement != nil {
		t.Error("the closed view is still the workbench's")
	}
}

// checkFigures checks that the view shows every figure of want, and
// returns how many it checked.
func checkFigures(t *testing.T, av *agreementView, want agreement.Report) int {
	t.Helper()
	checked := 0
	expect := func(key string, f agreement.Figure) {
		t.Helper()
		if got := av.shown[key]; got != figureText(f) {
			t.Errorf("%s: the view shows %q, agree --json %q", key, got, figureText(f))
		}
		checked++
	}
	for _, l := range want.Layers {
		if len(l.Annotators) < 2 {
			continue
		}
		for _, r := range append([]agreement.Row{l.All}, l.Labels...) {
			for _, f := range r.Figures {
				expect(l.Layer+"|"+r.Label+"|"+string(f.Measure), f)
			}
		}
		for _, p := range l.Pairs {
			f, _ := p.Get(l.PairMeasure())
			expect(l.Layer+"|pair|"+p.A+"|"+p.B, f)
			expect(l.Layer+"|pair|"+p.B+"|"+p.A, f)
		}
		docs, below := l.ByDisagreement()
		for _, d := range docs[:below] {
			f, _ := d.Get(l.DocMeasure())
			expect(l.Layer+"|doc|"+d.ID, f)
		}
	}
	return checked
}

// Unticking an annotator computes the figures among the others, as
// `agree --annotators` does; fewer than two ticked computes nothing.
func TestAgreementViewComparesTheAnnotatorsTicked(t *testing.T) {
	wb, path := openMergedTeam(t)
	viewMenuItem(t, wb, cmdAgreement).Action()
	av := wb.agreement
	tick := func(name string) {
		t.Helper()
		for _, o := range av.who.Objects {
			if c, ok := o.(*widget.Check); ok && c.Text == name {
				test.Tap(c)
				return
			}
		}
		t.Fatalf("no check box for %s among %d objects", name, len(av.who.Objects))
	}

	tick("carol")
	want := agreeJSON(t, path, "--annotators", "alice,bob")
	if n := checkFigures(t, av, want); n < 10 || len(av.shown) != n {
		t.Errorf("alice and bob: checked %d figures; the view shows %d", n, len(av.shown))
	}
	if !strings.Contains(av.status.Text, "alice, bob.") {
		t.Errorf("status %q", av.status.Text)
	}
	tick("bob")
	if !strings.Contains(av.status.Text, "two annotators or more") {
		t.Errorf("with alice alone: status %q", av.status.Text)
	}
	tick("bob")
	tick("carol")
	if n := checkFigures(t, av, agreeJSON(t, path)); len(av.shown) != n {
		t.Errorf("everyone again: checked %d figures; the view shows %d", n, len(av.shown))
	}
}

// openMergedTeam opens alice's team project with bob's and carol's work
// merged through File → Merge….
func openMergedTeam(t *testing.T) (*Workbench, string) {
	t.Helper()
	path := teamProject(t, t.TempDir(), "team", "alice")
	wb, _ := openTeamWorkbench(t, path)
	synchronous(wb)
	wb.mergePaths(teamFiles("bob", "carol"))
	wb.win.Canvas().Overlays().Top().Hide()
	return wb, path
}

func layerIndex(rep agreement.Report, name string) int {
	for i, l := range rep.Layers {
		if l.Layer == name {
			return i
		}
	}
	return -1
}

// Every band of the colour scale has its text readable on it (WCAG 4.5:1),
// differs from the others, and stands out from the page in the light and
// the dark theme.
func TestAgreementColoursReadable(t *testing.T) {
	th := theme.DefaultTheme()
	seen := map[string]bool{}
	for _, b := range agreementBands {
		val := b.from
		got, ok := band(&val)
		if !ok || got != b {
			t.Fatalf("value %v falls in band %+v, want %+v", val, got, b)
		}
		ratio, err := palette.Contrast(palette.TextColorOn(b.hex), b.hex)
		if err != nil || ratio < 4.5 {
			t.Errorf("band %s: text contrast %.2f on %s (%v), want 4.5", b.label, ratio, b.hex, err)
		}
		if seen[b.hex] {
			t.Errorf("band %s has another band's colour", b.label)
		}
		seen[b.hex] = true
		for _, v := range []fyne.ThemeVariant{theme.VariantLight, theme.VariantDark} {
			page := palette.Hex(th.Color(theme.ColorNameBackground, v))
			if r, _ := palette.Contrast(page, b.hex); r < 1.5 {
				t.Errorf("band %s: %s on the page %s (contrast %.2f) hardly shows", b.label, b.hex, page, r)
			}
		}
	}
	if _, ok := band(nil); ok {
		t.Error("n/a has a colour")
	}
}
