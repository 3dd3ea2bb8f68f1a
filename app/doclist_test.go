package app

import (
	"strconv"
	"testing"

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
