// Package llm asks a language model for suggestions through an
// OpenAI-compatible chat-completions endpoint: Ollama, llama.cpp's server,
// vLLM, or any other that speaks the protocol. It is off unless the user
// names an endpoint (frametag suggest --llm-url URL --model NAME); nothing
// is sent anywhere otherwise.
//
// Each request sends the text (a document or a paragraph), the layer's
// labels with their guideline descriptions, a few examples of spans already
// labelled, and a JSON schema for the answer (response_format json_schema:
// {"mentions": [{"text", "label", "justification"}]}). Answers are cached
// on disk by endpoint, model and the whole request, so a re-run costs
// nothing.
package llm

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"time"

	"frametag/annotate/suggest"
	"frametag/project"
)

// Client is one endpoint and model.
type Client struct {
	// URL is the endpoint's base ("http://localhost:11434/v1") or its
	// chat-completions address itself.
	URL   string
	Model string
	// APIKey, when set, is sent as a bearer token.
	APIKey string
	// Timeout bounds each request (default 2 minutes).
	Timeout time.Duration
	// CacheDir keeps answers; "" keeps none.
	CacheDir string
	// HTTP is the client used (default http.DefaultClient).
	HTTP *http.Client
}

// DefaultCacheDir is where answers are kept: the user's cache folder.
func DefaultCacheDir() string {
	dir, err := os.UserCacheDir()
	if err != nil {
		return ""
	}
	return filepath.Join(dir, "frametag", "llm")
}

// Name is the model's name, as suggestions' source gives it.
func (c *Client) Name() string { return c.Model }

var _ project.Model = (*Client)(nil)

// endpoint is the chat-completions address.
func (c *Client) endpoint() string {
	u := strings.TrimRight(c.URL, "/")
	if strings.HasSuffix(u, "/chat/completions") {
		return u
	}
	return u + "/chat/completions"
}

type message struct {
	Role    string `json:"role"`
	Content string `json:"content"`
}

type request struct {
	Model          string         `json:"model"`
	Messages       []message      `json:"messages"`
	Temperature    float64        `json:"temperature"`
	ResponseFormat responseFormat `json:"response_format"`
}

type responseFormat struct {
	Type       string     `json:"type"`
	JSONSchema jsonSchema `json:"json_schema"`
}

type jsonSchema struct {
	Name   string         `json:"name"`
	Strict bool           `json:"strict"`
	Schema map[string]any `json:"schema"`
}

type response struct {
	Choices []struct {
		Message struct {
			Content *string `json:"content"`
			Refusal *string `json:"refusal"`
		} `json:"message"`
		FinishReason string `json:"finish_reason"`
	} `json:"choices"`
	Error *struct {
		Message string `json:"message"`
	} `json:"error"`
}

// answer is the structured output asked for.
type answer struct {
	Mentions []suggest.Mention `json:"mentions"`
}

// Schema is the JSON schema the answer must follow: the layer's labels as
// an enum.
func Schema(labels []string) map[string]any {
	return map[string]any{
		"type": "object",
		"properties": map[string]any{
			"mentions": map[string]any{
				"type": "array",
				"items": map[string]any{
					"type": "object",
					"properties": map[string]any{
						"text":          map[string]any{"type": "string", "description": "the mention, quoted exactly as it appears in the text"},
						"label":         map[string]any{"type": "string", "enum": labels},
						"justification": map[string]any{"type": "string", "description": "one sentence: why this label"},
					},
					"required":             []string{"text", "label", "justification"},
					"additionalProperties": false,
				},
			},
		},
		"required":             []string{"mentions"},
		"additionalProperties": false,
	}
}

// Prompt is the system message for a request: the task, the labels with
// their guideline descriptions, and the examples.
func Prompt(req project.ModelRequest) string {
	var b strings.Builder
	fmt.Fprintf(&b, "You annotate text for the layer %q", req.Layer.Name)
	if req.Layer.Description != "" {
		fmt.Fprintf(&b, " (%s)", req.Layer.Description)
	}
	b.WriteString(". Its labels:\n")
	for _, l := range req.Layer.Labels {
		fmt.Fprintf(&b, "- %s", l.Name)
		if l.Description != "" {
			fmt.Fprintf(&b, ": %s", strings.Join(strings.Fields(l.Description), " "))
		}
		b.WriteByte('\n')
	}
	b.WriteString("\nFind every mention in the user's text that carries one of these labels. Quote each mention exactly as it appears in the text (same words, case and punctuation; no ellipsis), give its label and a one-sentence justification. Answer with JSON only: {\"mentions\": [...]}; {\"mentions\": []} when there are none.\n")
	if len(req.Examples) > 0 {
		b.WriteString("\nExamples labelled by the annotators:\n")
		for _, e := range req.Examples {
			fmt.Fprintf(&b, "- %q → %s\n", e.Quote, e.Label)
		}
	}
	return b.String()
}

// Error is a model's failure to answer, said for a person.
type Error struct{ Msg string }

func (e *Error) Error() string { return e.Msg }

func errorf(format string, a ...any) error { return &Error{Msg: fmt.Sprintf(format, a...)} }

// Mentions asks the model about one text; see project.Model.
func (c *Client) Mentions(ctx context.Context, req project.ModelRequest) ([]suggest.Mention, error) {
	labels := make([]string, len(req.Layer.Labels))
	for i, l := range req.Layer.Labels {
		labels[i] = l.Name
	}
	body, err := json.Marshal(request{
		Model: c.Model,
		Messages: []message{
			{Role: "system", Content: Prompt(req)},
			{Role: "user", Content: req.Text},
		},
		ResponseFormat: responseFormat{Type: "json_schema", JSONSchema: jsonSchema{Name: "mentions", Strict: true, Schema: Schema(labels)}},
	})
	if err != nil {
		return nil, err
	}
	key := c.cacheKey(body)
	if content, ok := c.cached(key); ok {
		if a, err := parse(content); err == nil {
			return a.Mentions, nil
		}
	}
	content, err := c.post(ctx, body)
	if err != nil {
		return nil, err
	}
	a, err := parse(content)
	if err != nil {
		return nil, err
	}
	c.keep(key, content)
	return a.Mentions, nil
}

func (c *Client) post(ctx context.Context, body []byte) (string, error) {
	timeout := c.Timeout
	if timeout <= 0 {
		timeout = 2 * time.Minute
	}
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	hreq, err := http.NewRequestWithContext(ctx, http.MethodPost, c.endpoint(), bytes.NewReader(body))
	if err != nil {
		return "", errorf("model endpoint %q: %v", c.URL, err)
	}
	hreq.Header.Set("Content-Type", "application/json")
	if c.APIKey != "" {
		hreq.Header.Set("Authorization", "Bearer "+c.APIKey)
	}
	hc := c.HTTP
	if hc == nil {
		hc = http.DefaultClient
	}
	resp, err := hc.Do(hreq)
	if err != nil {
		if errors.Is(ctx.Err(), context.DeadlineExceeded) {
			return "", errorf("no answer from %s within %s (a slow model: raise --llm-timeout, or use --per-paragraph)", c.endpoint(), timeout)
		}
		if ctx.Err() != nil {
			return "", ctx.Err()
		}
		return "", errorf("cannot reach the model at %s: %v", c.endpoint(), err)
	}
	defer resp.Body.Close()
	raw, err := io.ReadAll(io.LimitReader(resp.Body, 32<<20))
	if err != nil {
		if errors.Is(ctx.Err(), context.DeadlineExceeded) {
			return "", errorf("no answer from %s within %s (a slow model: raise --llm-timeout, or use --per-paragraph)", c.endpoint(), timeout)
		}
		return "", errorf("reading the model's answer from %s: %v", c.endpoint(), err)
	}
	var r response
	jsonErr := json.Unmarshal(raw, &r)
	if resp.StatusCode != http.StatusOK {
		msg := strings.TrimSpace(string(raw))
		if jsonErr == nil && r.Error != nil {
			msg = r.Error.Message
		}
		return "", errorf("the model endpoint %s answered %s: %s", c.endpoint(), resp.Status, clip(msg, 300))
	}
	if jsonErr != nil {
		return "", errorf("the endpoint %s did not answer as a chat-completions endpoint does (%v): %s", c.endpoint(), jsonErr, clip(string(raw), 120))
	}
	if len(r.Choices) == 0 {
		return "", errorf("the model %s gave no answer (no choices)", c.Model)
	}
	ch := r.Choices[0]
	if ch.Message.Refusal != nil && *ch.Message.Refusal != "" {
		return "", errorf("the model %s refused: %s", c.Model, clip(*ch.Message.Refusal, 300))
	}
	if ch.FinishReason == "content_filter" {
		return "", errorf("the model %s refused (its content filter stopped the answer)", c.Model)
	}
	if ch.FinishReason == "length" {
		return "", errorf("the model %s's answer was cut off at its length limit (use --per-paragraph, or a larger context)", c.Model)
	}
	if ch.Message.Content == nil {
		return "", errorf("the model %s gave an empty answer", c.Model)
	}
	return *ch.Message.Content, nil
}

// parse reads the structured answer, allowing a Markdown code fence around
// it (some servers ignore response_format).
func parse(content string) (answer, error) {
	s := strings.TrimSpace(content)
	if strings.HasPrefix(s, "```") {
		s = strings.TrimPrefix(s, "```json")
		s = strings.TrimPrefix(s, "```")
		s = strings.TrimSuffix(strings.TrimSpace(s), "```")
	}
	var a answer
	dec := json.NewDecoder(strings.NewReader(s))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&a); err != nil {
		return a, errorf("the model's answer is not the JSON asked for ({\"mentions\": [{\"text\", \"label\", \"justification\"}]}): %v; it begins %q", err, clip(content, 80))
	}
	return a, nil
}

func clip(s string, n int) string {
	if r := []rune(s); len(r) > n {
		return string(r[:n]) + "…"
	}
	return s
}

func (c *Client) cacheKey(body []byte) string {
	h := sha256.New()
	fmt.Fprintf(h, "%s\x00", c.endpoint())
	h.Write(body) // holds the model, the prompt and the text
	return hex.EncodeToString(h.Sum(nil))
}

func (c *Client) cached(key string) (string, bool) {
	if c.CacheDir == "" {
		return "", false
	}
	b, err := os.ReadFile(filepath.Join(c.CacheDir, key+".json"))
	return string(b), err == nil
}

// keep caches an answer; a cache that cannot be written costs a re-run, no
// more.
func (c *Client) keep(key, content string) {
	if c.CacheDir == "" {
		return
	}
	if err := os.MkdirAll(c.CacheDir, 0o700); err != nil {
		return
	}
	tmp := filepath.Join(c.CacheDir, key+".tmp")
	if os.WriteFile(tmp, []byte(content), 0o600) == nil {
		_ = os.Rename(tmp, filepath.Join(c.CacheDir, key+".json"))
	}
}
