package storagetest

import (
	"testing"
	"time"

	"frametag/annotate"
)

// Corpus is five short articles full of what breaks offset code:
// CRLF, non-breaking and thin spaces, curly quotes, emoji with ZWJ sequences
// and flags, combining marks, Cyrillic, CJK and astral letters, annotated
// with every kind of thing the store keeps.
func Corpus(t testing.TB) []annotate.AnnotatedDoc {
	t.Helper()
	at := func(min int) time.Time { return time.Date(2025, 3, 14, 9, min, 26, 535897932, time.UTC) }
	texts := []string{
		"The minister said: “Inflation will fall to 2\u00a0% by spring.”\r\nCritics at the IMF disagree, he said, “strongly”.\r\n",
		"Family 👩‍👩‍👧 trips rose 40\u00a0% 🇺🇦🇪🇺 according to Oksana 🙂. She added: “No doubt.” 👍🏽",
		"Zoë (Zoe\u0308) and Иван Петров заявил: «Цены вырастут на 5\u00a0%». Café vs Cafe\u0301.",
		"東京都知事は「経済は回復している」と述べた。専門家は懐疑的だ。\n\n日本経済新聞",
		"Tab\tand thin\u2009space; ‘single quotes’ — em dash… and 𝔘𝔫𝔦𝔠𝔬𝔡𝔢 letters 𝟙𝟚, said the WHO.",
	}
	d := make([]annotate.AnnotatedDoc, len(texts))
	for i, text := range texts {
		d[i].Document = annotate.Document{ID: []string{"en-1", "emoji-2", "ru-3", "ja-4", "mix-5"}[i], Text: text}
	}
	d[0].Title = "Minister: “inflation will fall”"
	d[0].Meta = annotate.Meta{Source: "Example Times", URL: "https://example.org/a?b=c&d=é", Published: "2025-03-01",
		Language: "en", Extra: map[string]string{"section": "Economy", "byline": "Zoë Ö"}}
	d[0].Spans = []annotate.Span{
		{ID: "s-claim-1", Layer: "claim", Label: "Claim", Annotator: "ana",
			Fragments: []annotate.Fragment{frag(t, d[0].Text, "Inflation will fall to 2\u00a0% by spring.", 0)},
			Attrs: annotate.Attrs{"certainty": "high", "kinds": []string{"statistic", "prediction"}, "verified": false,
				"comment": "hedged? “maybe”\r\nsecond line"},
			Note: "Checks out against the bank's forecast 📈", Created: at(1), Updated: at(2)},
		{ID: "s-actor-1", Layer: "actor", Label: "Person", Annotator: "ana",
			Fragments: []annotate.Fragment{frag(t, d[0].Text, "minister", 0)}, Created: at(3), Updated: at(3)},
		{ID: "s-actor-2", Layer: "actor", Label: "Organisation", Annotator: "ana",
			Fragments: []annotate.Fragment{frag(t, d[0].Text, "IMF", 0)}, Created: at(4), Updated: at(4)},
		// Discontinuous: "Critics … disagree … “strongly”" around "he said".
		{ID: "s-claim-2", Layer: "claim", Label: "Counterclaim", Annotator: "ben",
			Fragments: []annotate.Fragment{frag(t, d[0].Text, "Critics at the IMF disagree,", 0), frag(t, d[0].Text, "“strongly”.\r\n", 0)},
			Attrs:     annotate.Attrs{"verified": true}, Created: at(5), Updated: at(6)},
		// Overlaps s-claim-1, but another annotator's.
		{ID: "s-claim-3", Layer: "claim", Label: "Claim", Annotator: "ben",
			Fragments: []annotate.Fragment{frag(t, d[0].Text, "2\u00a0%", 0)}, Created: at(7), Updated: at(7)},
	}
	d[0].Relations = []annotate.Relation{
		{ID: "r-1", Type: "said_by", From: "s-claim-1", To: "s-actor-1", Annotator: "ana", Created: at(8)},
		{ID: "r-2", Type: "said_by", From: "s-claim-2", To: "s-actor-2", Annotator: "ben", Created: at(9)},
	}
	d[0].Labels = []annotate.DocLabel{
		{Layer: "frame", Label: "Economic", Annotator: "ana"},
		{Layer: "frame", Label: "Security", Annotator: "ana"},
		{Layer: "genre", Label: "News", Annotator: "ana"},
		{Layer: "genre", Label: "Opinion", Annotator: "ben"},
	}
	d[0].Status = map[string]annotate.Status{"ana": annotate.StatusDone, "ben": annotate.StatusInProgress}

	d[1].Title = "Family 👩‍👩‍👧 trips"
	d[1].Spans = []annotate.Span{
		{ID: "s-zwj", Layer: "claim", Label: "Claim", Annotator: "ana",
			Fragments: []annotate.Fragment{frag(t, d[1].Text, "Family 👩‍👩‍👧 trips rose 40\u00a0% 🇺🇦🇪🇺", 0)},
			Attrs:     annotate.Attrs{"kinds": []string{"statistic"}}, Created: at(10), Updated: at(10)},
		{ID: "s-oksana", Layer: "actor", Label: "Person", Annotator: "ana",
			Fragments: []annotate.Fragment{frag(t, d[1].Text, "Oksana 🙂", 0)}, Note: "smiley included on purpose",
			Created: at(11), Updated: at(11)},
		{ID: "s-flag", Layer: "actor", Label: "Organisation", Annotator: "ana",
			Fragments: []annotate.Fragment{frag(t, d[1].Text, "🇪🇺", 0)}, Created: at(12), Updated: at(12)},
		{ID: "s-thumb", Layer: "claim", Label: "Counterclaim", Annotator: "ana",
			Fragments: []annotate.Fragment{frag(t, d[1].Text, "“No doubt.”", 0), frag(t, d[1].Text, "👍🏽", 0)},
			Created:   at(13), Updated: at(13)},
	}
	d[1].Relations = []annotate.Relation{{ID: "r-3", Type: "said_by", From: "s-thumb", To: "s-oksana", Annotator: "ana", Created: at(14)}}
	d[1].Status = map[string]annotate.Status{"ana": annotate.StatusSkipped}

	d[2].Title = "Иван Петров"
	d[2].Meta = annotate.Meta{Language: "ru"}
	d[2].Spans = []annotate.Span{
		{ID: "s-ivan", Layer: "actor", Label: "Person", Annotator: "ана",
			Fragments: []annotate.Fragment{frag(t, d[2].Text, "Иван Петров", 0)}, Created: at(15), Updated: at(15)},
		{ID: "s-zoe", Layer: "actor", Label: "Person", Annotator: "ана",
			Fragments: []annotate.Fragment{frag(t, d[2].Text, "Zoe\u0308", 0)}, Created: at(16), Updated: at(16)},
		{ID: "s-ceny", Layer: "claim", Label: "Claim", Annotator: "ана",
			Fragments: []annotate.Fragment{frag(t, d[2].Text, "«Цены вырастут на 5\u00a0%»", 0)},
			Attrs:     annotate.Attrs{"certainty": "low", "comment": "комментарий"}, Created: at(17), Updated: at(18)},
		{ID: "s-cafe", Layer: "actor", Label: "Organisation", Annotator: "ана",
			Fragments: []annotate.Fragment{frag(t, d[2].Text, "Cafe\u0301", 0)}, Created: at(19), Updated: at(19)},
	}
	d[2].Labels = []annotate.DocLabel{{Layer: "frame", Label: "Morality", Annotator: "ана"}}

	d[3].Title = "東京都知事"
	d[3].Meta = annotate.Meta{Language: "ja", Source: "日本経済新聞"}
	d[3].Spans = []annotate.Span{
		{ID: "s-ja-claim", Layer: "claim", Label: "Claim", Annotator: "ana",
			Fragments: []annotate.Fragment{frag(t, d[3].Text, "「経済は回復している」", 0)}, Created: at(20), Updated: at(20)},
		{ID: "s-ja-actor", Layer: "actor", Label: "Person", Annotator: "ana",
			Fragments: []annotate.Fragment{frag(t, d[3].Text, "東京都知事", 0)}, Created: at(21), Updated: at(21)},
		{ID: "s-ja-paper", Layer: "actor", Label: "Organisation", Annotator: "ana",
			Fragments: []annotate.Fragment{frag(t, d[3].Text, "日本経済新聞", 0)}, Created: at(22), Updated: at(22)},
	}
	d[3].Relations = []annotate.Relation{{ID: "r-4", Type: "said_by", From: "s-ja-claim", To: "s-ja-actor", Annotator: "ana", Created: at(23)}}

	d[4].Title = "Tab and thin space"
	d[4].Spans = []annotate.Span{
		{ID: "s-math", Layer: "claim", Label: "Claim", Annotator: "ben",
			Fragments: []annotate.Fragment{frag(t, d[4].Text, "‘single quotes’", 0), frag(t, d[4].Text, "𝔘𝔫𝔦𝔠𝔬𝔡𝔢 letters 𝟙𝟚", 0)},
			Created:   at(24), Updated: at(24)},
		{ID: "s-who", Layer: "actor", Label: "Organisation", Annotator: "ben",
			Fragments: []annotate.Fragment{frag(t, d[4].Text, "WHO", 0)}, Created: at(25), Updated: at(25)},
	}
	d[4].Status = map[string]annotate.Status{"ben": annotate.StatusDone}
	return d
}
