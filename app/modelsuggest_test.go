package app

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"
)

// modelServer speaks chat-completions: for the technique layer it quotes
// "Voters" (placed), "hidden cabal" (not in the text) and "the deep state"
// with a label the layer lacks; for the other layers, nothing. It counts
// the requests.
func modelServer(t *testing.T, hits *atomic.Int32) *httptest.Server {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hits.Add(1)
		var req struct {
			Model    string                     `json:"model"`
			Messages []struct{ Content string } `json:"messages"`
		}
		if r.URL.Path != "/v1/chat/completions" || json.NewDecoder(r.Body).Decode(&req) != nil || req.Model != "m" || len(req.Messages) != 2 {
			t.Errorf("request %s %+v", r.URL.Path, req)
			http.Error(w, "bad request", http.StatusBadRequest)
			return
		}
		content := `{"mentions":[]}`
		if strings.Contains(req.Messages[0].Content, `layer "technique"`) {
			content = `{"mentions":[` +
				`{"text":"Voters","label":"Flag_Waving","justification":"appeals to the people as a group"},` +
				`{"text":"hidden cabal","label":"Doubt","justification":"invented"},` +
				`{"text":"the deep state","label":"Patriotism","justification":"no such label"}]}`
		}
		answer, _ := json.Marshal(map[string]any{"choices": []any{map[string]any{
			"message": map[string]any{"role": "assistant", "content": content}, "finish_reason": "stop"}}})
		w.Write(answer)
	}))
	t.Cleanup(srv.Close)
	return srv
}

// Nothing is sent before a model is set; set, the model's suggestions
// become ghost spans with its justification, the mentions it could not
// place are listed, and asking again costs nothing (the cache).
func TestSuggestWithTheLocalModel(t *testing.T) {
	t.Setenv("XDG_CACHE_HOME", t.TempDir())
	var hits atomic.Int32
	srv := modelServer(t, &hits)
	wb, _ := openGhosts(t)
	wb.background = func(f func()) { f() }

	wb.runCommand(cmdSuggestWithModel)
	if hits.Load() != 0 {
		t.Fatal("a request was sent with no model set")
	}
	if !dialogSays(wb, "Nothing is sent anywhere until you do") {
		t.Error("no word that the model is to be set first")
	}
	wb.closeTopDialog()

	wb.prefs.setModel(modelSettings{URL: srv.URL + "/v1", Model: "m"})
	wb.runCommand(cmdSuggestWithModel)
	tapButton(t, wb, "This document")
	layers := 0
	for _, l := range wb.session.currentSchema().Layers {
		if l.Kind == "span" {
			layers++
		}
	}
	if got := int(hits.Load()); got != layers {
		t.Errorf("%d requests for one document, want one a span layer (%d)", got, layers)
	}
	var voters bool
	for _, sg := range wb.session.shownSuggestions() {
		if sg.Text == "Voters" {
			voters = sg.Source == "model:m" && sg.Label == "Flag_Waving" && sg.Justification == "appeals to the people as a group"
			wb.session.selectGhost(suggestionID(sg))
		}
	}
	if !voters {
		t.Fatalf("no ghost for the model's mention: %s", strings.Join(ghosts(wb), " | "))
	}
	if got := wb.panel.card.ghostWhy.Text; got != "Why: appeals to the people as a group" {
		t.Errorf("the card says %q", got)
	}
	if h, _ := wb.view.HighlightOf(wb.session.ghost); !strings.Contains(h.Detail, "by the model m: appeals to the people") {
		t.Errorf("the hover says %q", h.Detail)
	}
	for _, want := range []string{"“hidden cabal” as Doubt — the quote does not occur in the text", `"Patriotism" is not one of layer technique's`} {
		if !dialogSays(wb, want) {
			t.Errorf("the unplaced mentions' list lacks %q", want)
		}
	}
	wb.closeTopDialog()

	// Accepting it records the model as its origin.
	key(wb, fyne.KeyReturn)
	if got := wb.session.origin(wb.session.selectedID()); got != "suggest:model:m" {
		t.Errorf("origin %q", got)
	}

	// Every document: d2's answers come from the cache, d1 is asked.
	before := hits.Load()
	wb.runCommand(cmdSuggestWithModel)
	tapButton(t, wb, "All 2 documents")
	if got := int(hits.Load() - before); got != layers {
		t.Errorf("%d requests for the batch, want %d (d1 only; d2 cached)", got, layers)
	}
}

// dialogSays reports whether the topmost dialog holds a label with text.
func dialogSays(wb *Workbench, text string) bool {
	for _, o := range overlayObjects(wb) {
		if l, ok := o.(*widget.Label); ok && strings.Contains(l.Text, text) {
			return true
		}
		if l, ok := o.(*widget.RichText); ok && strings.Contains(l.String(), text) {
			return true
		}
	}
	return false
}

// Suggestion settings… keeps the thresholds and the model; an endpoint
// that is not an http address is refused.
func TestSuggestionSettings(t *testing.T) {
	wb, _ := openGhosts(t)
	if m := wb.prefs.model(); m.ready() || m.KeyEnv != defaultKeyEnv {
		t.Fatalf("a fresh window has a model set: %+v", m)
	}
	wb.runCommand(cmdSuggestSettings)
	var entries []*widget.Entry
	var check *widget.Check
	for _, o := range overlayObjects(wb) {
		switch x := o.(type) {
		case *widget.Entry:
			entries = append(entries, x)
		case *widget.Check:
			check = x
		}
	}
	if len(entries) != 5 || check == nil {
		t.Fatalf("%d entries in the settings", len(entries))
	}
	minScore, acceptAbove, endpoint, model := entries[0], entries[1], entries[2], entries[3]
	if minScore.Text != "20" || acceptAbove.Text != "80" {
		t.Errorf("thresholds shown %q %q", minScore.Text, acceptAbove.Text)
	}
	endpoint.SetText("ftp://localhost/v1")
	if endpoint.Validate() == nil {
		t.Error("an ftp endpoint passes")
	}
	endpoint.SetText("http://localhost:11434/v1")
	model.SetText("llama3.1")
	minScore.SetText("50")
	check.SetChecked(true)
	tapButton(t, wb, "Save")
	m := wb.prefs.model()
	if m.URL != "http://localhost:11434/v1" || m.Model != "llama3.1" || !m.PerParagraph || wb.prefs.minScore() != 0.5 {
		t.Errorf("saved %+v, min score %v", m, wb.prefs.minScore())
	}
	// at 50 % the 33 % suggestion is no longer shown
	for _, g := range ghosts(wb) {
		if strings.HasPrefix(g, "crooked elites") {
			t.Errorf("still shown below the threshold: %s", g)
		}
	}
}
