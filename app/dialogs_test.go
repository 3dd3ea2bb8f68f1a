package app

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"frametag/annotate"
)

// synchronous makes the workbench's background work run in place.
func synchronous(wb *Workbench) {
	wb.background = func(f func()) { f() }
	wb.docs.background = func(f func()) { f() }
}

// dialogTexts gathers the label texts of the topmost dialog, if any.
func dialogTexts(wb *Workbench) string {
	top := wb.win.Canvas().Overlays().Top()
	if top == nil {
		return ""
	}
	var b strings.Builder
	var walk func(o fyne.CanvasObject)
	walk = func(o fyne.CanvasObject) {
		switch x := o.(type) {
		case *widget.Label:
			b.WriteString(x.Text + "\n")
		case *fyne.Container:
			for _, c := range x.Objects {
				walk(c)
			}
		case fyne.Widget:
			for _, c := range test.WidgetRenderer(x).Objects() {
				walk(c)
			}
		}
	}
	walk(top)
	return b.String()
}

func TestImportThenLabelPastAnEmoji(t *testing.T) {
	wb, st := openWorkbench(t, newProject(t))
	synchronous(wb)
	text := "Families 👩‍👩‍👧 and café owners ☕ “welcome” the decision.\n"
	path := filepath.Join(t.TempDir(), "emoji-news.txt")
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	wb.importPaths([]string{path})
	if got := wb.docs.progress.Text; got != "0 / 4 done" {
		t.Fatalf("after the import the progress reads %q", got)
	}
	if !strings.Contains(dialogTexts(wb), "Imported 1 document.") {
		t.Errorf("the import's dialog says %q", dialogTexts(wb))
	}
	wb.win.Canvas().Overlays().Top().Hide()

	wb.openDocument("emoji-news")
	runes := []rune(text)
	start := slices.Index(runes, '“') + 1
	end := start + len([]rune("welcome"))
	from, to := wb.view.PositionOf(start+1), wb.view.PositionOf(end-1)
	origin := fyne.CurrentApp().Driver().AbsolutePositionForObject(wb.view)
	test.Drag(wb.win.Canvas(), origin.Add(to).AddXY(0, 8), to.X-from.X, to.Y-from.Y)
	test.TypeOnCanvas(wb.win.Canvas(), string(keyOf(t, *wb.session.currentSchema(), "technique", "Loaded_Language")))

	spans := spansOf(t, st, "emoji-news")
	if len(spans) != 1 || !slices.Equal(spans[0].Fragments, []annotate.Fragment{{Start: start, End: end}}) {
		t.Fatalf("stored %+v, want [%d,%d)", spans, start, end)
	}
	if got := string(runes[start:end]); got != "welcome" {
		t.Fatalf("the span covers %q", got)
	}
}

func TestFailedImportSaysNothingChanged(t *testing.T) {
	good := `{"id":"fine","text":"A fine document."}`
	for _, tc := range []struct {
		name, second, where, why string
	}{
		{"bad JSON", `{not json`, "broken.jsonl:2", "JSON"},
		{"label the schema lacks", `{"id":"odd","text":"Odd one.","spans":[{"layer":"claim","label":"Rumour","start":0,"end":3}]}`, "broken.jsonl:2: document \"odd\"", "Rumour"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			wb, st := openWorkbench(t, newProject(t))
			synchronous(wb)
			path := filepath.Join(t.TempDir(), "broken.jsonl")
			if err := os.WriteFile(path, []byte(good+"\n"+tc.second+"\n"), 0o644); err != nil {
				t.Fatal(err)
			}
			wb.importPaths([]string{path})
			msg := dialogTexts(wb)
			for _, want := range []string{tc.where, tc.why, "Nothing was imported; the project is unchanged."} {
				if !strings.Contains(msg, want) {
					t.Errorf("the error dialog does not say %q: %q", want, msg)
				}
			}
			docs, err := st.Documents(t.Context(), annotator)
			if err != nil {
				t.Fatal(err)
			}
			if len(docs) != 3 {
				t.Errorf("the project holds %d documents after a failed import, want 3", len(docs))
			}
		})
	}
}

func TestExportWritesEveryDocument(t *testing.T) {
	wb, _ := openWorkbench(t, newProject(t))
	synchronous(wb)
	wb.openDocument(blinkenDoc)
	labelSpan(t, wb, claimFrag, "claim", "Claim")
	path := filepath.Join(t.TempDir(), "out.jsonl")
	wb.exportTo(path)
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if n := strings.Count(string(data), "\n"); n != 3 {
		t.Errorf("the export has %d lines, want 3", n)
	}
	if !strings.Contains(dialogTexts(wb), "Exported 3 documents with 1 span ") {
		t.Errorf("the export's dialog says %q", dialogTexts(wb))
	}
}
