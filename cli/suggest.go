package cli

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"
	"time"

	"frametag/annotate/suggest"
	"frametag/llm"
	"frametag/project"
)

func suggestCommand() command {
	return command{
		name:  "suggest",
		usage: "--project FILE [--doc ID]... [--layer L] [--llm-url URL --model NAME] [--json] [--accept-above X] | --evaluate",
		short: "suggest spans from your own labels, gazetteers, or a local model",
		summary: "Suggest spans: a string matcher learned from the project's labelled spans and gazetteers\n" +
			"(whole words, longest match first, case ignored unless the layer's schema or\n" +
			"--case-sensitive says otherwise), and, when\n" +
			"--llm-url and --model name one, a language model behind an OpenAI-compatible endpoint\n" +
			"(Ollama, llama.cpp's server, vLLM). Nothing is sent anywhere otherwise. Prints one\n" +
			"suggestion a line (document, start, end, label, score, text, source; offsets in code\n" +
			"points), or JSON Lines with --json. Mentions the model quoted that are not in the text\n" +
			"go to standard error with their document. --accept-above X makes every suggestion\n" +
			"scoring above X the annotator's own span (one undoable edit each, origin recorded).\n" +
			"Suggestions the annotator rejected on a document, and text they already labelled, are\n" +
			"left out. --evaluate prints, per layer, the matcher's precision and recall against\n" +
			"what was labelled, leave-one-document-out.",
		run: runSuggest,
	}
}

func runSuggest(c *invocation, args []string) int {
	cmd := suggestCommand()
	fl := c.commandFlags(cmd.name)
	projectPath := fl.String("project", "", "the project `FILE`")
	var docs names
	fl.Var(&docs, "doc", "suggest on the document `ID` only (repeatable; default every document)")
	layer := fl.String("layer", "", "the span `LAYER` (default every span layer)")
	asJSON := fl.Bool("json", false, "print JSON Lines, one suggestion an object")
	accept := fl.Float64("accept-above", -1, "accept every suggestion scoring above `X` (0 to 1) as the annotator's span")
	evaluate := fl.Bool("evaluate", false, "print precision and recall per layer (leave-one-document-out) instead")
	minScore := fl.Float64("min-score", 0, "leave out suggestions scoring below `X`")
	caseSensitive := fl.Bool("case-sensitive", false, "match case exactly in every layer (a layer's schema can ask for it: case_sensitive)")
	llmURL := fl.String("llm-url", "", "an OpenAI-compatible endpoint `URL`, e.g. http://localhost:11434/v1 (Ollama)")
	model := fl.String("model", "", "the model `NAME` at --llm-url")
	keyEnv := fl.String("llm-key-env", "FRAMETAG_LLM_API_KEY", "the environment `VARIABLE` holding the endpoint's API key, if it needs one")
	timeout := fl.Duration("llm-timeout", 2*time.Minute, "how long to wait for each answer")
	perParagraph := fl.Bool("per-paragraph", false, "ask the model about each paragraph (blank-line separated) rather than each whole document")
	noCache := fl.Bool("no-cache", false, "ask the model again rather than reusing its cached answers")
	if _, code, ok := c.parse(fl, cmd, args, exactly(0), "project"); !ok {
		return code
	}
	if (*llmURL == "") != (*model == "") {
		return usageError(c.env.Stderr, fl.Name(), fl.Name()+" "+cmd.usage, fmt.Errorf("--llm-url and --model go together"))
	}
	st, err := c.openProject(*projectPath)
	if err != nil {
		return c.fail(err, "suggest: %v")
	}
	defer st.Close()
	svc := c.projects()
	if *evaluate {
		qs, err := svc.Evaluate(c.ctx, st, *layer, *minScore, *caseSensitive)
		if err != nil {
			return c.fail(projectError(*projectPath, err, false), "suggest: %v")
		}
		printQuality(c.env.Stdout, qs, *asJSON)
		return exitOK
	}
	opts := project.SuggestOptions{Docs: docs, Layer: *layer, Annotator: c.annotator, MinScore: *minScore,
		CaseSensitive: *caseSensitive, PerParagraph: *perParagraph}
	if *llmURL != "" {
		cl := &llm.Client{URL: *llmURL, Model: *model, APIKey: strings.TrimSpace(c.env.Getenv(*keyEnv)), Timeout: *timeout}
		if !*noCache {
			cl.CacheDir = llm.DefaultCacheDir()
		}
		opts.Model = cl
		opts.Progress = func(done, total int) {
			if total > 1 {
				fmt.Fprintf(c.env.Stderr, "suggest: %d of %d documents asked\n", done, total)
			}
		}
	}
	res, err := svc.Suggest(c.ctx, st, opts)
	if err != nil {
		return c.fail(projectError(*projectPath, err, false), "suggest: %v")
	}
	for _, u := range res.Unanchored {
		fmt.Fprintf(c.env.Stderr, "suggest: %s: not anchored (%s): %q %s\n", u.Doc, u.Reason, u.Mention.Quote, u.Mention.Label)
	}
	for _, f := range res.Failed {
		fmt.Fprintf(c.env.Stderr, "suggest: %s: the model gave nothing: %v\n", f.ID, f.Err)
	}
	status := exitOK
	if len(res.Failed) > 0 {
		status = exitFailure
	}
	if *accept >= 0 {
		ar, err := svc.Accept(c.ctx, st, c.annotator, res.Suggestions, *accept)
		for _, r := range ar.Refused {
			fmt.Fprintf(c.env.Stderr, "suggest: not accepted: %s\n", r)
		}
		if err != nil {
			return c.fail(projectError(*projectPath, err, false), "suggest: %v")
		}
		fmt.Fprintf(c.env.Stdout, "accepted %d %s as %s's spans (%d refused)\n", ar.Accepted, plural(ar.Accepted, "suggestion", "suggestions"), c.annotator, len(ar.Refused))
		return status
	}
	printSuggestions(c.env.Stdout, res.Suggestions, *asJSON)
	return status
}

func printSuggestions(w io.Writer, ss []suggest.Suggestion, asJSON bool) {
	if asJSON {
		enc := json.NewEncoder(w)
		for _, s := range ss {
			_ = enc.Encode(s)
		}
		return
	}
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "document\tstart\tend\tlabel\tscore\ttext\tsource")
	for _, s := range ss {
		fmt.Fprintf(tw, "%s\t%d\t%d\t%s\t%.2f\t%q\t%s\n", s.Doc, s.Start, s.End, s.Label, s.Score, s.Text, s.Source)
	}
	tw.Flush()
}

func printQuality(w io.Writer, qs []suggest.Quality, asJSON bool) {
	if asJSON {
		enc := json.NewEncoder(w)
		for _, q := range qs {
			_ = enc.Encode(q)
		}
		return
	}
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "layer\tdocuments\tsuggested\tlabelled\tcorrect\tprecision\trecall\tF1\t")
	for _, q := range qs {
		fmt.Fprintf(tw, "%s\t%d\t%d\t%d\t%d\t%.3f\t%.3f\t%.3f\t\n", q.Layer, q.Documents, q.Suggested, q.Labelled, q.Correct, q.Precision, q.Recall, q.F1)
	}
	tw.Flush()
	fmt.Fprintln(w, "(leave-one-document-out: each document with spans of the layer is suggested from the others and compared with its spans, exact stretch and label)")
}
