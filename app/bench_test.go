package app

import (
	"fmt"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"frametag/annotate"
	"frametag/storage"
)

// BenchmarkDocList100k measures showing a 100,000-document list and one
// edit's row update; the list is virtualised, so neither builds a widget per
// document.
func BenchmarkDocList100k(b *testing.B) {
	a := test.NewTempApp(b)
	all := make([]storage.DocSummary, 100_000)
	for i := range all {
		all[i] = storage.DocSummary{ID: fmt.Sprintf("d%06d", i), Title: fmt.Sprintf("Article number %d about something", i), Status: annotate.StatusTodo}
	}
	d := newDocList(func(string) {})
	win := a.NewWindow("bench")
	defer win.Close()
	win.SetContent(d.content())
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
			d.update(all[50_000].ID, st, i)
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
