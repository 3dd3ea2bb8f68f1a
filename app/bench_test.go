package app

import (
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"frametag/annotate"
	"frametag/annotate/schemes"
	"frametag/storage/sqlite"
)

// BenchmarkDocList100k measures showing a 100,000-document list and one
// edit's row update; the list is virtualised, so neither builds a widget per
// document.
func BenchmarkDocList100k(b *testing.B) {
	a := test.NewTempApp(b)
	all := make([]annotate.DocSummary, 100_000)
	for i := range all {
		all[i] = annotate.DocSummary{ID: fmt.Sprintf("d%06d", i), Title: fmt.Sprintf("Article number %d about something", i), Status: annotate.StatusTodo}
	}
	d := newDocList(func(string) {})
	win := a.NewWindow("bench")
	defer win.Close()
	win.SetContent(d)
	win.Resize(fyne.NewSize(300, 800))
	d.setDocuments(all)

	b.Run("setDocuments", func(b *testing.B) {
		for b.Loop() {
			d.setDocuments(all)
		}
	})
	b.Run("update", func(b *testing.B) {
		i := 0
		for b.Loop() {
			st := annotate.StatusDone
			if i%2 == 1 {
				st = annotate.StatusTodo
			}
			d.update(all[50_000].ID, st, i, spanCounts{annotator: i, "bob": 3})
			i++
		}
	})
	b.Run("scroll", func(b *testing.B) {
		i := 0
		for b.Loop() {
			d.list.ScrollTo((i * 997) % len(all))
			i++
		}
	})
}

// BenchmarkEditRoadLongArticle adds one span to a 100,000-word article that
// already holds 10,000 spans, with suggestions shown: "road" is what the UI
// goroutine waits for (the store's transaction with fsync, then article,
// card, panel, list), "window" only what follows the store's answer. The
// suggester's own work, which the window does on another goroutine, runs
// outside the timer (BenchmarkSuggestionsLongArticle measures it).
func BenchmarkEditRoadLongArticle(b *testing.B) {
	a := test.NewTempApp(b)
	path := filepath.Join(b.TempDir(), "long.frametag")
	st, err := sqlite.Create(b.Context(), path, schemes.Default())
	if err != nil {
		b.Fatal(err)
	}
	defer st.Close()
	var sb strings.Builder
	var spans []annotate.Span
	cp := 0
	for i := range 100_000 {
		w := fmt.Sprintf("word%d", i%1000)
		if i%10 == 0 {
			spans = append(spans, annotate.Span{ID: fmt.Sprintf("s%d", i), DocID: "long", Layer: "technique",
				Label: "Loaded_Language", Fragments: []annotate.Fragment{{Start: cp, End: cp + len(w)}}, Annotator: annotator})
		}
		sb.WriteString(w)
		cp += len(w)
		sep := " "
		if i%80 == 79 {
			sep = "\n\n"
		}
		sb.WriteString(sep)
		cp += len(sep)
	}
	doc := annotate.AnnotatedDoc{Document: annotate.Document{ID: "long", Title: "Long", Text: sb.String()}, Spans: spans}
	if _, err := st.Import(b.Context(), func(yield func(annotate.AnnotatedDoc, error) bool) { yield(doc, nil) }); err != nil {
		b.Fatal(err)
	}
	win := a.NewWindow("bench")
	defer win.Close()
	win.Resize(fyne.NewSize(1280, 800))
	wb, err := newWorkbench(a, win, sqlite.Opener{}, st, annotator, inForeground)
	if err != nil {
		b.Fatal(err)
	}
	settle(wb)
	// the suggester's jobs wait, untimed, until the end of each op
	var jobs []func()
	wb.suggester.jobs.start = func(f func()) { jobs = append(jobs, f) }
	runJobs := func(b *testing.B) {
		b.StopTimer()
		for len(jobs) > 0 {
			f := jobs[0]
			jobs = jobs[1:]
			f()
		}
		b.StartTimer()
	}
	// Spans are added where the labeller looks: on the page in view, a
	// word at a time; each is taken away again outside the timer, so the
	// article keeps its 10,000 spans and its lines their height.
	inView := func(i int) int { return (i * 61) % 2500 }
	b.Run("road", func(b *testing.B) {
		i := 0
		for b.Loop() {
			start := inView(i)
			wb.view.SetSelection(start, start+5)
			if !wb.createSpan(labelRef{"technique", "Loaded_Language"}) { // overlap allowed
				b.Fatal("no span made")
			}
			runJobs(b)
			b.StopTimer()
			wb.undoKey()
			runJobs(b)
			b.StartTimer()
			i++
		}
	})
	b.Run("window", func(b *testing.B) {
		i := 0
		for b.Loop() {
			start := inView(i) + 3
			sp := annotate.Span{ID: annotate.NewID("s"), DocID: "long", Layer: "technique", Label: "Doubt",
				Fragments: []annotate.Fragment{{Start: start, End: start + 5}}, Annotator: annotator}
			wb.session.applied(annotate.AddSpan(sp))
			runJobs(b)
			b.StopTimer()
			wb.session.applied(annotate.DeleteSpan(sp, annotator))
			runJobs(b)
			b.StartTimer()
			i++
		}
	})
}
