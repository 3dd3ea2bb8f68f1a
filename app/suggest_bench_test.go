package app

import (
	"fmt"
	"frametag/internal/benchcpu"
	"math/rand/v2"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"frametag/annotate"
	"frametag/annotate/schemes"
	"frametag/storage/sqlite"
)

// BenchmarkSuggestionsLongArticle is a new span on a 100,000-word article
// with thousands of suggestions shown (words from a Zipf vocabulary of
// 5,000; 300 of them in the gazetteer). "worker" is what the suggester's
// goroutine does for it (learn the phrase, re-match where its first word
// occurs, list the document's suggestions); "window" is what the UI
// goroutine does with the answer (set the session's suggestions, compare
// them with those shown, draw the ghosts that came or went);
// "baseline" is the window's share of the same edit with suggestions off:
// the cost of the edit with no suggestions at all.
func BenchmarkSuggestionsLongArticle(b *testing.B) {
	a := test.NewTempApp(b)
	path := filepath.Join(b.TempDir(), "long.frametag")
	st, err := sqlite.Create(b.Context(), path, schemes.Default())
	if err != nil {
		b.Fatal(err)
	}
	defer st.Close()
	rng := rand.New(rand.NewPCG(7, 8))
	z := rand.NewZipf(rng, 1.1, 1, 4999)
	var sb strings.Builder
	for i := range 100_000 {
		fmt.Fprintf(&sb, "w%d", z.Uint64())
		if i%80 == 79 {
			sb.WriteString(".\n\n")
		} else {
			sb.WriteByte(' ')
		}
	}
	text := sb.String()
	doc := annotate.AnnotatedDoc{Document: annotate.Document{ID: "long", Title: "Long", Text: text}}
	if _, err := st.Import(b.Context(), func(yield func(annotate.AnnotatedDoc, error) bool) { yield(doc, nil) }); err != nil {
		b.Fatal(err)
	}
	var gaz []annotate.GazetteerEntry
	for r := 200; r < 500; r++ {
		gaz = append(gaz, annotate.GazetteerEntry{Layer: "technique", Text: fmt.Sprintf("w%d", r), Label: "Loaded_Language"})
	}
	if _, err := st.AddGazetteer(b.Context(), gaz); err != nil {
		b.Fatal(err)
	}
	win := a.NewWindow("bench")
	defer win.Close()
	win.Resize(fyne.NewSize(1280, 800))
	wb, err := newWorkbench(a, win, sqlite.Opener{}, st, annotator)
	if err != nil {
		b.Fatal(err)
	}
	settle(wb)
	g := wb.suggester
	g.compute()
	shown := len(wb.session.suggestions)
	if shown < 1000 {
		b.Fatalf("only %d suggestions", shown)
	}
	skip, own := wb.session.rejectedKeys(), wb.session.spanSummary().own
	cp := len([]rune(text))

	b.Run("worker", func(b *testing.B) {
		defer benchcpu.PerOp(b)()
		i := 0
		for b.Loop() {
			// a phrase of two frequent words, labelled anew each time
			phrase := fmt.Sprintf("w%d w%d", i%50, (i/50)%50)
			p := g.recs["technique"].Learn(phrase, "Doubt", 1)
			g.open["technique"].Update(p)
			g.suggestions("long", skip, own, wb.prefs.minScore())
			i++
		}
		b.ReportMetric(float64(shown), "suggestions")
	})

	full := g.suggestions("long", skip, own, wb.prefs.minScore())
	less := full[1:]
	b.Run("window", func(b *testing.B) {
		defer benchcpu.PerOp(b)()
		i := 0
		for b.Loop() {
			list := full
			if i%2 == 1 {
				list = less // one suggestion came or went
			}
			wb.session.setSuggestions("long", list)
			i++
		}
	})

	wb.runCommand(cmdShowSuggestions) // off: nothing suggested, nothing drawn
	g.jobs.start = func(func()) {}    // and nothing learned: the bare edit
	b.Run("baseline", func(b *testing.B) {
		defer benchcpu.PerOp(b)()
		i := 0
		for b.Loop() {
			start := (i*7919 + 3) % (cp - 10)
			sp := annotate.Span{ID: annotate.NewID("s"), DocID: "long", Layer: "claim", Label: "Claim",
				Fragments: []annotate.Fragment{{Start: start, End: start + 5}}, Annotator: annotator}
			wb.session.applied(annotate.AddSpan(sp))
			i++
		}
	})
}
