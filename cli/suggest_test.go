package cli

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"frametag/annotate"
	"frametag/project"
	"frametag/storage/sqlite"
	"frametag/storage/storagetest"
)

func suggestSchema() annotate.Schema {
	return annotate.Schema{Name: "t", Version: 1, Layers: []annotate.Layer{
		{Name: "technique", Kind: annotate.SpanLayer, Labels: []annotate.Label{
			{Name: "NC", Color: "#112233", Description: "name calling"},
			{Name: "Loaded", Color: "#445566"},
		}},
	}}
}

func suggestProject(t *testing.T, h *harness) string {
	t.Helper()
	sp := func(doc string, start, end int, label string) annotate.Span {
		return annotate.Span{DocID: doc, Layer: "technique", Label: label, Annotator: "ana",
			Fragments: []annotate.Fragment{{Start: start, End: end}}}
	}
	docs := []annotate.AnnotatedDoc{
		{Document: annotate.Document{ID: "d1", Text: "Fake news lies. Fake news again."}, Spans: []annotate.Span{sp("d1", 0, 9, "NC"), sp("d1", 16, 25, "NC")}},
		{Document: annotate.Document{ID: "d2", Text: "fake news is here."}, Spans: []annotate.Span{sp("d2", 0, 9, "NC")}},
		{Document: annotate.Document{ID: "d3", Text: "Nothing fake here, only news."}},
		{Document: annotate.Document{ID: "d4", Text: "The fake news and the elite 😀\r\nfear."}, Spans: []annotate.Span{sp("d4", 22, 27, "NC")}},
	}
	path := h.path("s.frametag")
	if _, err := project.New(sqlite.Opener{}).Create(context.Background(), path, suggestSchema(), storagetest.Seq(docs)); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestSuggestEvaluateAcceptAndGazetteer(t *testing.T) {
	h := newHarness(t)
	p := suggestProject(t, h)

	out := h.mustRun("suggest", "--project", p, "--evaluate")
	if !strings.Contains(out, "technique          3          4         4        3      0.750   0.750  0.750") {
		t.Errorf("evaluate:\n%s", out)
	}

	out = h.mustRun("--annotator", "ben", "suggest", "--project", p, "--doc", "d4", "--json")
	var got []string
	for _, line := range strings.Split(strings.TrimSpace(out), "\n") {
		var s map[string]any
		if err := json.Unmarshal([]byte(line), &s); err != nil {
			t.Fatalf("%q: %v", line, err)
		}
		got = append(got, fmt.Sprintf("%v %v-%v %v %.2f %v", s["document"], s["start"], s["end"], s["label"], s["score"], s["source"]))
	}
	want := []string{"d4 4-13 NC 0.75 learned", "d4 22-27 NC 1.00 learned"}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("suggest --json: %q, want %q", got, want)
	}

	// gazetteer: a line without a tab, a label the layer lacks.
	bad := h.write("bad.tsv", "# comment\nfear\tNC\nno tab here\n")
	if code, _, errOut := h.run("gazetteer", "--project", p, "--layer", "technique", bad); code != 1 || !strings.Contains(errOut, "bad.tsv:3: want the text, a tab and the label") {
		t.Errorf("bad gazetteer: %d %s", code, errOut)
	}
	bad = h.write("bad2.tsv", "fear\tPride\n")
	if code, _, errOut := h.run("gazetteer", "--project", p, "--layer", "technique", bad); code != 1 || !strings.Contains(errOut, `bad2.tsv:1: gazetteer entry "fear": layer technique has no label "Pride"`) {
		t.Errorf("bad label: %d %s", code, errOut)
	}
	good := h.write("g.tsv", "\ufefffear\tLoaded\r\nonly news\tLoaded\n")
	if out := h.mustRun("gazetteer", "--project", p, "--layer", "technique", good); out != "added 2 entries to layer technique (0 already there)\n" {
		t.Errorf("gazetteer: %q", out)
	}
	out = h.mustRun("--annotator", "ben", "suggest", "--project", p, "--doc", "d3", "--doc", "d4")
	for _, w := range []string{`d3        19     28   Loaded  1.00   "only news"  gazetteer`, `d4        31     35   Loaded  1.00   "fear"       gazetteer`} {
		if !strings.Contains(out, w) {
			t.Errorf("suggest lacks %q:\n%s", w, out)
		}
	}

	// Accept above 0.9: ben's spans, with origin; then they are not
	// suggested to ben again.
	out = h.mustRun("--annotator", "ben", "suggest", "--project", p, "--doc", "d4", "--accept-above", "0.9")
	if out != "accepted 2 suggestions as ben's spans (0 refused)\n" {
		t.Errorf("accept: %q", out)
	}
	st, err := sqlite.Open(context.Background(), p)
	if err != nil {
		t.Fatal(err)
	}
	e, ok, err := st.NextUndo(context.Background(), "ben")
	if err != nil || !ok || e.(annotate.AddSpanEdit).Origin == "" {
		t.Errorf("NextUndo = %+v %v %v", e, ok, err)
	}
	// A rejection keeps the suggestion away for that annotator.
	if _, err := st.Apply(context.Background(), annotate.RejectSuggestion(annotate.Rejection{Doc: "d4", Annotator: "ben", Layer: "technique", Label: "NC", Start: 4, End: 13})); err != nil {
		t.Fatal(err)
	}
	st.Close()
	if out := h.mustRun("--annotator", "ben", "suggest", "--project", p, "--doc", "d4", "--json"); out != "" {
		t.Errorf("after accepting and rejecting: %q", out)
	}
	if out := h.mustRun("--annotator", "cy", "suggest", "--project", p, "--doc", "d4", "--json"); strings.Count(out, "\n") != 3 {
		t.Errorf("another annotator still gets them: %q", out)
	}
}

func TestSuggestFromAModel(t *testing.T) {
	h := newHarness(t)
	h.vars["FRAMETAG_LLM_API_KEY"] = "secret"
	p := suggestProject(t, h)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Header.Get("Authorization") != "Bearer secret" {
			t.Errorf("no key sent")
		}
		fmt.Fprint(w, `{"choices":[{"message":{"content":"{\"mentions\":[{\"text\":\"fear\",\"label\":\"NC\",\"justification\":\"j\"},{\"text\":\"nowhere\",\"label\":\"NC\",\"justification\":\"j\"}]}"},"finish_reason":"stop"}]}`)
	}))
	defer srv.Close()
	h.vars["XDG_CACHE_HOME"] = h.path("cache")
	code, out, errOut := h.run("--annotator", "ben", "suggest", "--project", p, "--doc", "d3", "--llm-url", srv.URL, "--model", "m", "--no-cache")
	if code != 0 || !strings.Contains(errOut, `d3: not anchored (the quote does not occur in the text): "fear" NC`) ||
		!strings.Contains(errOut, `d3: not anchored (the quote does not occur in the text): "nowhere" NC`) {
		t.Errorf("exit %d\n%s\n%s", code, out, errOut)
	}
	code, out, errOut = h.run("--annotator", "ben", "suggest", "--project", p, "--doc", "d4", "--llm-url", srv.URL, "--model", "m", "--no-cache", "--json")
	if code != 0 || !strings.Contains(out, `"start":31,"end":35,"label":"NC","score":1,"text":"fear","source":"model:m","justification":"j"`) {
		t.Errorf("exit %d\n%s\n%s", code, out, errOut)
	}
	if code, _, errOut := h.run("suggest", "--project", p, "--llm-url", srv.URL); code != 2 || !strings.Contains(errOut, "--llm-url and --model go together") {
		t.Errorf("%d %s", code, errOut)
	}
}
