package storagetest

import (
	"reflect"
	"testing"

	"frametag/annotate"
)

func testDocumentsListsInImportOrderWithStatusAndCounts(t *testing.T, c Config) {
	s, _ := corpusProject(t, c)
	got, err := s.Documents(t.Context(), "ana")
	if err != nil {
		t.Fatal(err)
	}
	want := []annotate.DocSummary{
		{ID: "en-1", Title: "Minister: “inflation will fall”", Status: annotate.StatusDone, Spans: 3},
		{ID: "emoji-2", Title: "Family 👩‍👩‍👧 trips", Status: annotate.StatusSkipped, Spans: 4},
		{ID: "ru-3", Title: "Иван Петров", Status: annotate.StatusTodo, Spans: 0},
		{ID: "ja-4", Title: "東京都知事", Status: annotate.StatusTodo, Spans: 3},
		{ID: "mix-5", Title: "Tab and thin space", Status: annotate.StatusTodo, Spans: 0},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("Documents(ana):\n got %+v\nwant %+v", got, want)
	}
	all, err := s.Documents(t.Context(), "")
	if err != nil {
		t.Fatal(err)
	}
	if all[0].Spans != 5 || all[2].Spans != 4 {
		t.Errorf("Documents(\"\") counts %+v", all)
	}
	d, err := s.Document(t.Context(), "ru-3")
	if err != nil {
		t.Fatal(err)
	}
	if d.Text != "Zoë (Zoe\u0308) and Иван Петров заявил: «Цены вырастут на 5\u00a0%». Café vs Cafe\u0301." || d.SHA256 != annotate.TextHash(d.Text) {
		t.Errorf("Document(ru-3) = %+v", d)
	}
	if _, err := s.Document(t.Context(), "nope"); err == nil {
		t.Error("Document(nope) succeeded")
	}
}

func testSearchDocuments(t *testing.T, c Config) {
	s, _ := corpusProject(t, c)
	tests := []struct {
		query string
		want  []string
	}{
		{"inflation", []string{"en-1"}},
		{"INFL", []string{"en-1"}},                      // a prefix, any case
		{"minister imf", []string{"en-1"}},              // all words
		{"петров", []string{"ru-3"}},                    // Cyrillic, case-folded
		{"Oksana OR WHO", []string{"emoji-2", "mix-5"}}, // FTS syntax
		{`"said the WHO"`, []string{"mix-5"}},           // a phrase
		{`"unbalanced`, []string{}},                     // not FTS syntax: substring fallback, no match
		{`(Zoe`, []string{"ru-3"}},                      // not FTS syntax: substring fallback finds it
		{"2 % by", []string{"en-1"}},                    // punctuation is no word; "2" and "by" are
		{"経済", []string{"ja-4"}},                        // CJK runs are one token: a prefix of it matches
		{"回復", []string{"ja-4"}},                        // inside a CJK run: substring fallback
		{"nothing like this", []string{}},
		{"%", []string{"en-1", "emoji-2", "ru-3"}}, // LIKE wildcards in the query are literal
		{"_", []string{}},
		{"", []string{"en-1", "emoji-2", "ru-3", "ja-4", "mix-5"}},
	}
	for _, tt := range tests {
		t.Run(tt.query, func(t *testing.T) {
			got, err := s.SearchDocuments(t.Context(), tt.query, "ana")
			if err != nil {
				t.Fatal(err)
			}
			ids := []string{}
			for _, d := range got {
				ids = append(ids, d.ID)
			}
			if !reflect.DeepEqual(ids, tt.want) {
				t.Errorf("SearchDocuments(%q) = %v, want %v", tt.query, ids, tt.want)
			}
		})
	}
}

func testStats(t *testing.T, c Config) {
	s, _ := corpusProject(t, c)
	st, err := s.Stats(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	if st.Documents != 5 || st.Relations != 4 {
		t.Errorf("documents %d relations %d", st.Documents, st.Relations)
	}
	wantLayers := []annotate.LayerStats{
		{Layer: "claim", Kind: annotate.SpanLayer, Count: 8, Labels: []annotate.LabelCount{{Label: "Claim", Count: 6}, {Label: "Counterclaim", Count: 2}}},
		{Layer: "actor", Kind: annotate.SpanLayer, Count: 10, Labels: []annotate.LabelCount{{Label: "Person", Count: 5}, {Label: "Organisation", Count: 5}}},
		{Layer: "frame", Kind: annotate.DocumentLayer, Count: 3, Labels: []annotate.LabelCount{{Label: "Economic", Count: 1}, {Label: "Morality", Count: 1}, {Label: "Security", Count: 1}}},
		{Layer: "genre", Kind: annotate.DocumentLayer, Count: 2, Labels: []annotate.LabelCount{{Label: "News", Count: 1}, {Label: "Opinion", Count: 1}}},
	}
	if !reflect.DeepEqual(st.Layers, wantLayers) {
		t.Errorf("layers\n got %+v\nwant %+v", st.Layers, wantLayers)
	}
	wantPeople := []annotate.AnnotatorStats{
		{Name: "ana", Spans: 10, Relations: 3, DocLabels: 3, Statuses: map[annotate.Status]int{
			annotate.StatusDone: 1, annotate.StatusSkipped: 1, annotate.StatusTodo: 3}},
		{Name: "ben", Spans: 4, Relations: 1, DocLabels: 1, Statuses: map[annotate.Status]int{
			annotate.StatusInProgress: 1, annotate.StatusDone: 1, annotate.StatusTodo: 3}},
		{Name: "ана", Spans: 4, DocLabels: 1, Statuses: map[annotate.Status]int{annotate.StatusTodo: 5}},
	}
	if !reflect.DeepEqual(st.Annotators, wantPeople) {
		t.Errorf("annotators\n got %+v\nwant %+v", st.Annotators, wantPeople)
	}
}
