package app

import (
	"strconv"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"frametag/annotate"
)

func TestDocumentListFilterAndProgress(t *testing.T) {
	wb, _ := openWorkbench(t, newProject(t))
	d := wb.docs
	d.background = func(f func()) { f() }
	if got := d.progress.Text; got != "0 / 3 done" {
		t.Fatalf("progress %q", got)
	}
	tests := []struct {
		query string
		want  []string
	}{
		{"diabolical", []string{blinkenDoc}},
		{"Ukrinform", []string{"ukraine-calls-for-pressure-on-russia"}},
		{"Sirojiddin", []string{blinkenDoc}},
		{"Wallace", []string{"blinken-referendums-sign-of-failure"}},
		{"no-such-word-anywhere", nil},
		{"", []string{"ukraine-calls-for-pressure-on-russia", blinkenDoc, "blinken-referendums-sign-of-failure"}},
	}
	for _, tc := range tests {
		t.Run(tc.query, func(t *testing.T) {
			d.filter.SetText(tc.query)
			if len(d.shown) != len(tc.want) {
				t.Fatalf("%d documents shown, want %d", len(d.shown), len(tc.want))
			}
			for i, id := range tc.want {
				if got := d.all[d.shown[i]].ID; got != id {
					t.Errorf("row %d = %s, want %s", i, got, id)
				}
			}
			if tc.query != "" {
				want := "0 / 3 done · " + strconv.Itoa(len(tc.want)) + " shown"
				if got := d.progress.Text; got != want {
					t.Errorf("progress %q, want %q", got, want)
				}
			}
		})
	}
}

func TestNextPreviousDoneSkipKeys(t *testing.T) {
	wb, st := openWorkbench(t, newProject(t))
	order := []string{"ukraine-calls-for-pressure-on-russia", blinkenDoc, "blinken-referendums-sign-of-failure"}
	if wb.session.document().ID != order[0] {
		t.Fatalf("opened %s first, want %s", wb.session.document().ID, order[0])
	}
	steps := []struct {
		key    string
		doc    string
		done   string
		status annotate.Status // of the document just left
	}{
		{"next", order[1], "0 / 3 done", ""},
		{"next", order[2], "0 / 3 done", ""},
		{"next", order[2], "0 / 3 done", ""}, // the last stays
		{"prev", order[1], "0 / 3 done", ""},
		{"done", order[2], "1 / 3 done", annotate.StatusDone},
		{"prev", order[1], "1 / 3 done", ""},
		{"prev", order[0], "1 / 3 done", ""},
		{"skip", order[1], "1 / 3 done", annotate.StatusSkipped},
	}
	for i, s := range steps {
		left := wb.session.document().ID
		switch s.key {
		case "next":
			shortcut(wb, keyNext)
		case "prev":
			shortcut(wb, keyPrev)
		case "done":
			shortcut(wb, keyDone)
		case "skip":
			shortcut(wb, keySkip)
		}
		if wb.session.document().ID != s.doc {
			t.Fatalf("step %d (%s): on %s, want %s", i, s.key, wb.session.document().ID, s.doc)
		}
		if got := wb.docs.progress.Text; got != s.done {
			t.Errorf("step %d (%s): progress %q, want %q", i, s.key, got, s.done)
		}
		if s.status != "" {
			ad, err := st.Annotations(t.Context(), left)
			if err != nil {
				t.Fatal(err)
			}
			if ad.Status[annotator] != s.status {
				t.Errorf("step %d: %s has status %v, want %s", i, left, ad.Status, s.status)
			}
			sum, _ := wb.docs.summary(left)
			if sum.Status != s.status {
				t.Errorf("step %d: the list shows %s as %s", i, left, sum.Status)
			}
		}
	}
}

// A list loaded without span counts (a large project) counts only the rows
// it shows, in one batch, and shows the counts when they come.
func TestDocumentListCountsOnlyTheRowsShown(t *testing.T) {
	test.NewTempApp(t)
	d := newDocList(func(string) {})
	d.background = func(f func()) { f() }
	var pending []func()
	d.later = func(f func()) { pending = append(pending, f) }
	var asked [][]string
	d.me = annotator
	d.count = func(ids []string) (map[string]spanCounts, error) {
		asked = append(asked, append([]string(nil), ids...))
		out := map[string]spanCounts{}
		for _, id := range ids {
			out[id] = spanCounts{annotator: 7, "bob": 2}
		}
		return out, nil
	}
	all := make([]annotate.DocSummary, 10_000)
	for i := range all {
		all[i] = annotate.DocSummary{ID: "d" + strconv.Itoa(i), Title: "Title " + strconv.Itoa(i), Status: annotate.StatusTodo, Spans: -1}
	}
	w := test.NewTempWindow(t, d)
	w.Resize(fyne.NewSize(280, 600))
	d.setDocuments(all)
	w.Canvas().Refresh(d)
	if len(pending) != 1 {
		t.Fatalf("%d count batches pending after one layout pass, want 1", len(pending))
	}
	for len(pending) > 0 {
		f := pending[0]
		pending = pending[1:]
		f()
	}
	if d.all[0].Spans != 7 {
		t.Fatalf("the first row's count never came (%d)", d.all[0].Spans)
	}
	n := 0
	for _, ids := range asked {
		n += len(ids)
	}
	if n == 0 || n > 50 {
		t.Errorf("counted %d documents in %d batches; want the rows shown only", n, len(asked))
	}
	if d.all[9_999].Spans != -1 {
		t.Error("a row far out of view was counted")
	}
}
