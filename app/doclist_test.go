package app

import (
	"strconv"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"frametag/annotate"
	"frametag/project"
	"frametag/storage/sqlite"
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

// The order chosen in the list is computed in the background and shown
// with a reason on each row; Next document follows it.
func TestNextDocumentFollowsTheChosenOrder(t *testing.T) {
	path := newProject(t)
	st, err := sqlite.Open(t.Context(), path)
	if err != nil {
		t.Fatal(err)
	}
	// Two annotators who disagree on the last document, agree on the first.
	for _, e := range []annotate.Span{
		{ID: "a1", DocID: "ukraine-calls-for-pressure-on-russia", Layer: "claim", Label: "Claim", Annotator: annotator, Fragments: []annotate.Fragment{{Start: 0, End: 7}}},
		{ID: "b1", DocID: "ukraine-calls-for-pressure-on-russia", Layer: "claim", Label: "Claim", Annotator: "bob", Fragments: []annotate.Fragment{{Start: 0, End: 7}}},
		{ID: "a2", DocID: "blinken-referendums-sign-of-failure", Layer: "claim", Label: "Claim", Annotator: annotator, Fragments: []annotate.Fragment{{Start: 0, End: 7}}},
		{ID: "b2", DocID: "blinken-referendums-sign-of-failure", Layer: "claim", Label: "Claim", Annotator: "bob", Fragments: []annotate.Fragment{{Start: 20, End: 30}}},
	} {
		if _, err := st.Apply(t.Context(), annotate.AddSpan(e)); err != nil {
			t.Fatal(err)
		}
	}
	st.Close()
	wb, _ := openWorkbench(t, path)
	wb.background = func(f func()) { f() }
	d := wb.docs
	rows := func() (ids, whys []string) {
		for row := range d.shown {
			r := newDocRow(func(*docRow, bool) {}, true)
			d.fill(row, r)
			ids = append(ids, r.id)
			whys = append(whys, r.why.Text)
		}
		return ids, whys
	}
	for _, tc := range []struct {
		order project.OrderBy
		ids   string
		why   string // the first row's
	}{
		{project.OrderDisputed, "blinken-referendums-sign-of-failure ukraine-calls-for-pressure-on-russia " + blinkenDoc,
			"#1: 2 annotators agree at span F1 0.00 (exact)"},
		{project.OrderNovel, blinkenDoc + " ukraine-calls-for-pressure-on-russia blinken-referendums-sign-of-failure",
			"#1: similarity"},
		{project.OrderImported, "ukraine-calls-for-pressure-on-russia " + blinkenDoc + " blinken-referendums-sign-of-failure", ""},
	} {
		d.orderSel.SetSelected(orderLabels[tc.order])
		if d.order != tc.order || d.ordering {
			t.Fatalf("%s: the list is in order %s (ordering %v)", tc.order, d.order, d.ordering)
		}
		ids, whys := rows()
		if got := strings.Join(ids, " "); got != tc.ids {
			t.Errorf("%s:\n got %s\nwant %s", tc.order, got, tc.ids)
		}
		if !strings.HasPrefix(whys[0], tc.why) || (tc.why == "") != (whys[0] == "" || tc.order == project.OrderImported) {
			t.Errorf("%s: first row says %q, want %q…", tc.order, whys[0], tc.why)
		}
		if tc.order == project.OrderDisputed && whys[2] != "not ranked by this order" {
			t.Errorf("an unranked row says %q", whys[2])
		}
		if tc.order == project.OrderDisputed {
			wb.openDocument(ids[0])
			wb.runCommand(cmdNext)
			if got := wb.session.document().ID; got != ids[1] {
				t.Errorf("Next document opened %s, want %s (the order's second)", got, ids[1])
			}
		}
	}
}

// The order chosen is the project's at the next start.
func TestChosenOrderIsRemembered(t *testing.T) {
	path := newProject(t)
	a := test.NewTempApp(t)
	start := func() *Workbench {
		t.Helper()
		wb, _ := openAsIn(t, a, path, annotator)
		return wb
	}
	wb := start()
	wb.docs.orderSel.SetSelected(orderLabels[project.OrderNovel])
	wb.close()

	wb = start()
	if d := wb.docs; d.order != project.OrderNovel || d.ordering || d.orderSel.Selected != orderLabels[project.OrderNovel] {
		t.Errorf("after a restart the list is in order %s (ordering %v), the choice shows %q", d.order, d.ordering, d.orderSel.Selected)
	}
	if got, ok := wb.docs.rank[blinkenDoc]; !ok {
		t.Errorf("the Blinken row is not ranked (place %d)", got)
	}
}
