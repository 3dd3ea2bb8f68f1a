package app

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"os"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"frametag/annotate/suggest"
	"frametag/llm"
	"frametag/project"
)

// Suggestions from a local model (Suggest → Suggest with the local
// model…): off until the user names an endpoint and a model in Suggest →
// Suggestion settings…; nothing is sent anywhere before. The model's
// suggestions join the ghost spans with their justification; the mentions
// it quoted that are not in the text are listed, not dropped.

// modelSettings are the local model's preferences.
type modelSettings struct {
	URL, Model, KeyEnv string
	PerParagraph       bool
}

// ready reports whether a model is named (nothing is sent otherwise).
func (m modelSettings) ready() bool { return m.URL != "" && m.Model != "" }

// client is the model client the settings name, its key read from the
// environment variable they name.
func (m modelSettings) client() *llm.Client {
	c := &llm.Client{URL: m.URL, Model: m.Model, CacheDir: llm.DefaultCacheDir()}
	if m.KeyEnv != "" {
		c.APIKey = os.Getenv(m.KeyEnv)
	}
	return c
}

// checkModelURL refuses what is not an http(s) address.
func checkModelURL(s string) error {
	if s == "" {
		return nil
	}
	u, err := url.Parse(s)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return fmt.Errorf("%q is not an http:// or https:// address (Ollama's is http://localhost:11434/v1)", s)
	}
	return nil
}

// suggestionSettings is the dialog of Suggest → Suggestion settings…: the
// thresholds, and the local model.
func (w *Workbench) suggestionSettings() {
	m := w.prefs.model()
	endpoint := widget.NewEntry()
	endpoint.SetPlaceHolder("http://localhost:11434/v1 (Ollama), http://localhost:8080/v1 (llama.cpp)")
	endpoint.SetText(m.URL)
	endpoint.Validator = checkModelURL
	model := widget.NewEntry()
	model.SetPlaceHolder("llama3.1, qwen2.5:7b, …")
	model.SetText(m.Model)
	keyEnv := widget.NewEntry()
	keyEnv.SetPlaceHolder(defaultKeyEnv)
	keyEnv.SetText(m.KeyEnv)
	perPara := widget.NewCheck("Ask about each paragraph (else each whole document)", nil)
	perPara.SetChecked(m.PerParagraph)
	percent := func(v float64) *widget.Entry {
		e := widget.NewEntry()
		e.SetText(strconv.Itoa(int(v*100 + 0.5)))
		e.Validator = func(s string) error {
			if n, err := strconv.Atoi(strings.TrimSpace(strings.TrimSuffix(s, "%"))); err != nil || n < 0 || n > 100 {
				return fmt.Errorf("a percentage from 0 to 100")
			}
			return nil
		}
		return e
	}
	minScore, acceptAbove := percent(w.prefs.minScore()), percent(w.prefs.acceptAbove())
	items := []*widget.FormItem{
		{Text: "Show suggestions at (%)", Widget: minScore, HintText: "or more confidence"},
		{Text: "Accept all takes (%)", Widget: acceptAbove, HintText: "or more confidence (Ctrl+Shift+A)"},
		{Text: "Model endpoint", Widget: endpoint, HintText: "any OpenAI-compatible chat-completions server; empty: no model, nothing sent"},
		{Text: "Model name", Widget: model},
		{Text: "API key variable", Widget: keyEnv, HintText: "the environment variable holding the key, if the server needs one"},
		{Text: "", Widget: perPara},
	}
	d := dialog.NewForm("Suggestion settings", "Save", "Cancel", items, func(ok bool) {
		if !ok {
			return
		}
		pct := func(e *widget.Entry) float64 {
			n, _ := strconv.Atoi(strings.TrimSpace(strings.TrimSuffix(e.Text, "%")))
			return float64(n) / 100
		}
		w.prefs.setThresholds(pct(minScore), pct(acceptAbove))
		w.prefs.setModel(modelSettings{URL: strings.TrimSpace(endpoint.Text), Model: strings.TrimSpace(model.Text),
			KeyEnv: strings.TrimSpace(keyEnv.Text), PerParagraph: perPara.Checked})
		w.suggester.compute() // the threshold may have changed
		w.say("Suggestion settings saved.")
	}, w.win)
	d.Resize(fyne.NewSize(620, 0))
	w.show(d)
}

// suggestWithModel is Suggest → Suggest with the local model…: it asks
// about the open document, or every document, with a progress dialog that
// counts them and can be cancelled.
func (w *Workbench) suggestWithModel() {
	m := w.prefs.model()
	if !m.ready() {
		w.showInfo("No local model set", "Name a model endpoint and a model in Suggest → Suggestion settings… first. Nothing is sent anywhere until you do.")
		return
	}
	all := len(w.docs.all)
	var d *dialog.CustomDialog
	this := widget.NewButton("This document", func() {
		d.Hide()
		w.askModel(m, []string{w.session.document().ID})
	})
	this.Importance = widget.HighImportance
	every := widget.NewButton(fmt.Sprintf("All %s", plural(all, "document")), func() {
		d.Hide()
		w.askModel(m, nil)
	})
	cancel := widget.NewButton("Cancel", func() { d.Hide() })
	text := widget.NewLabel(fmt.Sprintf("Send the text to %s at %s, with the labels' descriptions and a few of your labelled spans as examples? Answers are kept, so asking again costs nothing.", m.Model, m.URL))
	text.Wrapping = fyne.TextWrapWord
	d = dialog.NewCustomWithoutButtons("Suggest with the local model", text, w.win)
	d.SetButtons([]fyne.CanvasObject{cancel, every, this})
	d.Resize(fyne.NewSize(520, 0))
	w.show(d)
}

// askModel runs the model over docs (nil: every document) in a task.
func (w *Workbench) askModel(m modelSettings, docs []string) {
	store, annotator, svc := w.store, w.annotator, w.service()
	var res project.SuggestResult
	work := func(ctx context.Context, p progress) (string, error) {
		var err error
		res, err = svc.Suggest(ctx, store, project.SuggestOptions{Docs: docs, Annotator: annotator, Model: m.client(),
			PerParagraph: m.PerParagraph, Progress: func(done, total int) {
				p.report(fmt.Sprintf("%d of %s asked", done, plural(total, "document")))
			}})
		if err != nil {
			return "", err
		}
		return "", nil
	}
	w.runTask("Asking "+m.Model, work, func(_ string, err error) {
		if err != nil {
			if cancelled(err) || errors.Is(err, context.Canceled) {
				w.say("Cancelled: the model's suggestions so far are not shown.")
				return
			}
			w.showError("Could not ask the model", err, "Nothing was changed.")
			return
		}
		w.tookModel(m, res)
	})
}

// tookModel shows a model's answer: its suggestions as ghost spans, and
// what it could not place or answer.
func (w *Workbench) tookModel(m modelSettings, res project.SuggestResult) {
	byDoc := map[string][]suggest.Suggestion{}
	n := 0
	for _, sg := range res.Suggestions {
		if strings.HasPrefix(sg.Source, suggest.SourceModel+":") {
			byDoc[sg.Doc] = append(byDoc[sg.Doc], sg)
			n++
		}
	}
	w.suggester.setModel(byDoc)
	msg := fmt.Sprintf("%s suggested %s.", m.Model, plural(n, "span"))
	if len(res.Unanchored) > 0 || len(res.Failed) > 0 {
		msg += " Some of its answers could not be used: see the list."
		w.showUnanchored(res)
	}
	w.say(msg)
}

// showUnanchored lists the mentions the model quoted that are not in the
// text (or carry a label the layer lacks), and the documents it could not
// answer for, with why.
func (w *Workbench) showUnanchored(res project.SuggestResult) {
	var lines []string
	for _, u := range res.Unanchored {
		lines = append(lines, fmt.Sprintf("%s: “%s” as %s — %s", u.Doc, preview(u.Mention.Quote, 60), u.Mention.Label, u.Reason))
	}
	for _, f := range res.Failed {
		lines = append(lines, fmt.Sprintf("%s: no answer — %v", f.ID, f.Err))
	}
	list := widget.NewLabel(strings.Join(lines, "\n"))
	list.Wrapping = fyne.TextWrapWord
	intro := widget.NewLabel(fmt.Sprintf("%s from the model could not be placed on the text:", plural(len(lines), "answer")))
	d := dialog.NewCustom("The model's unplaced mentions", "Close",
		container.NewBorder(intro, nil, nil, nil, container.NewVScroll(list)), w.win)
	d.Resize(w.dialogSize())
	w.show(d)
}
