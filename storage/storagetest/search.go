package storagetest

import (
	"reflect"
	"strings"
	"testing"

	"frametag/annotate"
)

// testSearch: text (any case, or a regular expression) and spans (by label,
// layer, annotator, the documents' status) across the project, in import
// then reading order, each hit with the words around it; a limit says there
// were more; a regular expression that does not compile is refused.
func testSearch(t *testing.T, c Config) {
	s, _ := corpusProject(t, c)
	tests := []struct {
		name string
		q    annotate.SearchQuery
		want []string // doc:text of each hit, or doc:span for a span search
		more bool
	}{
		{"words", annotate.SearchQuery{Text: "said"}, []string{"en-1:said", "en-1:said", "mix-5:said"}, false},
		{"any case", annotate.SearchQuery{Text: "SAID THE"}, []string{"mix-5:said the"}, false},
		{"beyond ASCII, any case", annotate.SearchQuery{Text: "петров"}, []string{"ru-3:Петров"}, false},
		{"regular expression", annotate.SearchQuery{Text: `\d+\x{a0}%`, Regexp: true}, []string{"en-1:2\u00a0%", "emoji-2:40\u00a0%", "ru-3:5\u00a0%"}, false},
		{"a label, every annotator", annotate.SearchQuery{Label: "Claim"},
			[]string{"en-1:s-claim-1", "en-1:s-claim-3", "emoji-2:s-zwj", "ru-3:s-ceny", "ja-4:s-ja-claim", "mix-5:s-math"}, false},
		{"a label by one annotator", annotate.SearchQuery{Label: "Claim", Annotator: "ana"}, []string{"en-1:s-claim-1", "emoji-2:s-zwj", "ja-4:s-ja-claim"}, false},
		{"a layer's spans holding words", annotate.SearchQuery{Layer: "actor", Text: "imf"}, []string{"en-1:s-actor-2"}, false},
		{"an annotator's spans in documents they finished", annotate.SearchQuery{Annotator: "ben", Status: annotate.StatusDone}, []string{"mix-5:s-math", "mix-5:s-who"}, false},
		{"words in documents an annotator finished", annotate.SearchQuery{Text: "said", Annotator: "ana", Status: annotate.StatusDone}, []string{"en-1:said", "en-1:said"}, false},
		{"a limit", annotate.SearchQuery{Text: "said", Limit: 2}, []string{"en-1:said", "en-1:said"}, true},
		{"nothing asked", annotate.SearchQuery{}, nil, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			hits, more, err := s.Search(t.Context(), tt.q)
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, h := range hits {
				what := h.Text
				if tt.q.Spans() {
					what = h.SpanID
				}
				got = append(got, h.DocID+":"+what)
			}
			if !reflect.DeepEqual(got, tt.want) || more != tt.more {
				t.Errorf("Search(%+v) = %q, more %v; want %q, more %v", tt.q, got, more, tt.want, tt.more)
			}
		})
	}

	hits, _, err := s.Search(t.Context(), annotate.SearchQuery{Text: "disagree"})
	if err != nil || len(hits) != 1 {
		t.Fatalf("disagree: %v %v", hits, err)
	}
	h := hits[0]
	if h.Title != "Minister: “inflation will fall”" || !strings.HasSuffix(h.Before, "by spring.” Critics at the IMF ") || h.Text != "disagree" ||
		!strings.HasPrefix(h.After, ", he said, “strongly”.") {
		t.Errorf("in context: %q [%q] %q (title %q)", h.Before, h.Text, h.After, h.Title)
	}
	bare, _, err := s.Search(t.Context(), annotate.SearchQuery{Label: "Claim", Annotator: "ana", Bare: true})
	if err != nil || len(bare) != 3 || bare[0].SpanID != "s-claim-1" || bare[0].DocID != "en-1" {
		t.Errorf("a bare search: %+v %v", bare, err)
	}
	if _, _, err := s.Search(t.Context(), annotate.SearchQuery{Text: "(", Regexp: true}); annotate.ErrorCode(err) != annotate.EInvalid {
		t.Errorf("a broken regular expression: %v", err)
	}
}
