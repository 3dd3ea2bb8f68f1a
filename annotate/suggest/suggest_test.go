package suggest

import (
	"fmt"
	"math"
	"testing"

	"frametag/annotate"
)

// got lists suggestions compactly: start-end label text score.
func got(ss []Suggestion) []string {
	out := []string{}
	for _, s := range ss {
		out = append(out, fmt.Sprintf("%d-%d %s %q %.2f %s", s.Start, s.End, s.Label, s.Text, s.Score, s.Source))
	}
	return out
}

func check(t *testing.T, ss []Suggestion, want ...string) {
	t.Helper()
	g := got(ss)
	if fmt.Sprint(g) != fmt.Sprint(want) {
		t.Errorf("suggestions:\n got %q\nwant %q", g, want)
	}
}

func TestWholeWordsAnyCase(t *testing.T) {
	r := New("technique", Options{})
	r.Learn("war", "Loaded", 1)
	d := r.Prepare("d", "warfare and war, War. prewar")
	check(t, d.Suggestions(0, nil),
		`12-15 Loaded "war" 1.00 learned`,
		`17-20 Loaded "War" 1.00 learned`)
}

func TestCaseSensitive(t *testing.T) {
	r := New("technique", Options{CaseSensitive: true})
	r.Learn("War", "Loaded", 1)
	check(t, r.Prepare("d", "war War").Suggestions(0, nil), `4-7 Loaded "War" 1.00 learned`)
}

func TestLongestFirstAndWhiteSpace(t *testing.T) {
	r := New("technique", Options{})
	r.Learn("fake news", "Name_Calling", 1)
	r.Learn("news", "Other", 1)
	r.Learn(" New York ", "Place", 1) // a sloppy selection: trimmed
	d := r.Prepare("d", "fake news and news in New\r\nYork")
	check(t, d.Suggestions(0, nil),
		`0-9 Name_Calling "fake news" 1.00 learned`,
		`14-18 Other "news" 1.00 learned`,
		`22-31 Place "New\r\nYork" 1.00 learned`)
}

func TestCodePointOffsets(t *testing.T) {
	r := New("technique", Options{})
	r.Learn("élite", "Loaded", 1)
	d := r.Prepare("d", "😀 the élite\r\n👍🏽 élite")
	check(t, d.Suggestions(0, nil),
		`6-11 Loaded "élite" 1.00 learned`,
		`16-21 Loaded "élite" 1.00 learned`)
}

func TestMostFrequentLabelAndGazetteer(t *testing.T) {
	r := New("technique", Options{})
	r.Learn("traitor", "Name_Calling", 1)
	r.Learn("traitor", "Name_Calling", 1)
	r.Learn("traitor", "Loaded", 1)
	r.AddGazetteer("deep state", "Conspiracy")
	r.AddGazetteer("traitor", "Loaded")
	d := r.Prepare("d", "traitor of the deep state")
	// traitor: Name_Calling 2, Loaded 1 + gazetteer 1 → a tie of 2 of 4,
	// broken by name.
	check(t, d.Suggestions(0, nil),
		`0-7 Loaded "traitor" 0.50 learned+gazetteer`,
		`15-25 Conspiracy "deep state" 1.00 gazetteer`)
	if got := len(d.Suggestions(0.6, nil)); got != 1 {
		t.Errorf("above 0.6: %d suggestions, want 1", got)
	}
}

func TestUnlearnAndUpdate(t *testing.T) {
	r := New("technique", Options{})
	d := r.Prepare("d", "fake news and fake news")
	check(t, d.Suggestions(0, nil))
	d.Update(r.Learn("fake news", "NC", 1))
	check(t, d.Suggestions(0, nil), `0-9 NC "fake news" 1.00 learned`, `14-23 NC "fake news" 1.00 learned`)
	d.Update(r.Learn("fake", "F", 1))
	check(t, d.Suggestions(0, nil), `0-9 NC "fake news" 1.00 learned`, `14-23 NC "fake news" 1.00 learned`)
	d.Update(r.Learn("fake news", "NC", -1))
	check(t, d.Suggestions(0, nil), `0-4 F "fake" 1.00 learned`, `14-18 F "fake" 1.00 learned`)
}

func TestRejectedLeavesRoomForShorter(t *testing.T) {
	r := New("technique", Options{})
	r.Learn("fake news", "NC", 1)
	r.Learn("news", "Other", 1)
	d := r.Prepare("d", "fake news")
	rejected := func(k Key) bool { return k == Key{"technique", "NC", 0, 9} }
	check(t, d.Suggestions(0, rejected), `5-9 Other "news" 1.00 learned`)
}

func TestPunctuationAloneNotLearned(t *testing.T) {
	r := New("technique", Options{})
	r.Learn(" !! ", "X", 1)
	if r.Len() != 0 {
		t.Fatalf("learned %d phrases from punctuation", r.Len())
	}
}

func span(doc, text string, start int, label string) annotate.Span {
	return annotate.Span{DocID: doc, Layer: "technique", Label: label,
		Fragments: []annotate.Fragment{{Start: start, End: start + len([]rune(text))}}}
}

// corpus is a small corpus with known repetitions (see TestEvaluate).
func corpus() []annotate.AnnotatedDoc {
	doc := func(id, text string, spans ...annotate.Span) annotate.AnnotatedDoc {
		return annotate.AnnotatedDoc{Document: annotate.Document{ID: id, Text: text}, Spans: spans}
	}
	return []annotate.AnnotatedDoc{
		doc("d1", "Fake news lies. Fake news again.", span("d1", "Fake news", 0, "NC"), span("d1", "Fake news", 16, "NC")),
		doc("d2", "fake news is here.", span("d2", "fake news", 0, "NC")),
		doc("d3", "Nothing fake here, only news."),
		doc("d4", "The fake news and the elite.", span("d4", "elite", 22, "NC")),
	}
}

func TestTrainCountsUnlabelled(t *testing.T) {
	r := Train("technique", Options{}, corpus(), nil)
	// fake news: labelled 3 times, occurs 4 times: 3/4.
	check(t, r.Prepare("x", "fake news").Suggestions(0, nil), `0-9 NC "fake news" 0.75 learned`)
}

// TestEvaluate checks leave-one-document-out figures computed by hand:
//   - d1 from d2+d4: fake news learned once, occurs twice → 0.5; both of
//     d1's suggested, both right.
//   - d2 from d1+d4: learned twice, occurs three times → 0.67; right.
//   - d3 has no spans: not evaluated.
//   - d4 from d1+d2: fake news scores 1 and is suggested, wrongly; elite is
//     learned only in d4, so it is missed.
//
// Suggested 4, correct 3, labelled 4. Above 0.6, d1's two go: suggested 2,
// correct 1.
func TestEvaluate(t *testing.T) {
	q := Evaluate("technique", Options{}, corpus(), nil, 0)
	want := Quality{Layer: "technique", Documents: 3, Suggested: 4, Labelled: 4, Correct: 3, Precision: 0.75, Recall: 0.75, F1: 0.75}
	if q != want {
		t.Errorf("got %+v\nwant %+v", q, want)
	}
	q = Evaluate("technique", Options{}, corpus(), nil, 0.6)
	if q.Suggested != 2 || q.Correct != 1 || q.Labelled != 4 || q.Precision != 0.5 || q.Recall != 0.25 || math.Abs(q.F1-1.0/3) > 1e-9 {
		t.Errorf("above 0.6: %+v", q)
	}
	// The gazetteer brings elite back for d4.
	q = Evaluate("technique", Options{}, corpus(), []annotate.GazetteerEntry{{Layer: "technique", Text: "elite", Label: "NC"}}, 0)
	if q.Correct != 4 || q.Suggested != 5 {
		t.Errorf("with gazetteer: %+v", q)
	}
}

// TestLayersShareOneTokenisation: recommenders sharing a vocabulary match
// one Tokens of a document exactly as each matches the text on its own
// (Prepare with a vocabulary of its own), before and after learning, in
// either case mode.
func TestLayersShareOneTokenisation(t *testing.T) {
	text := "War and WAR, war-torn 😀 élite\r\nÉlite war\tand peace"
	for _, c := range []struct {
		name  string
		opts  Options
		learn []string // learned after preparing, one by one
	}{
		{"case-blind", Options{}, []string{"war", "Élite", "war and", "peace"}},
		{"case-sensitive", Options{CaseSensitive: true}, []string{"WAR", "élite", "war and", "Élite"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			v := NewVocab()
			other := NewShared("claim", Options{}, v) // another layer on the same vocabulary
			other.Learn("and", "X", 1)
			shared := NewShared("technique", c.opts, v)
			alone := New("technique", c.opts)
			toks := v.Tokenize("d", text)
			sd, od, ad := shared.Match(toks), other.Match(toks), alone.Prepare("d", text)
			for _, phrase := range c.learn {
				sd.Update(shared.Learn(phrase, "Loaded", 1))
				ad.Update(alone.Learn(phrase, "Loaded", 1))
				if g, w := got(sd.Suggestions(0, nil)), got(ad.Suggestions(0, nil)); fmt.Sprint(g) != fmt.Sprint(w) {
					t.Fatalf("after %q: shared %q, alone %q", phrase, g, w)
				}
				// and the fresh match of the same tokens agrees
				if g, w := got(shared.Match(toks).Suggestions(0, nil)), got(ad.Suggestions(0, nil)); fmt.Sprint(g) != fmt.Sprint(w) {
					t.Fatalf("after %q: matched anew %q, alone %q", phrase, g, w)
				}
			}
			if len(sd.Suggestions(0, nil)) < 3 {
				t.Errorf("only %q", got(sd.Suggestions(0, nil)))
			}
			check(t, od.Suggestions(0, nil), `4-7 X "and" 1.00 learned`, `41-44 X "and" 1.00 learned`)
		})
	}
}
