package llm

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"frametag/annotate"
	"frametag/annotate/suggest"
	"frametag/project"
)

var layer = annotate.Layer{Name: "technique", Kind: annotate.SpanLayer, Description: "persuasion techniques", Labels: []annotate.Label{
	{Name: "Name_Calling", Description: "a loaded label for a person or group"},
	{Name: "Flag_Waving", Description: "appeals to a group's pride"},
}}

// recorded answers, by the text sent.
var recorded = map[string]string{
	"well formed":  `{"choices":[{"message":{"role":"assistant","content":"{\"mentions\":[{\"text\":\"crooked elites\",\"label\":\"Name_Calling\",\"justification\":\"an insult\"}]}"},"finish_reason":"stop"}]}`,
	"malformed":    `{"choices":[{"message":{"content":"{\"mentions\":[{\"text\":\"crooked"},"finish_reason":"stop"}]}`,
	"refusal":      `{"choices":[{"message":{"content":null,"refusal":"I can't help with that."},"finish_reason":"stop"}]}`,
	"cut off":      `{"choices":[{"message":{"content":"{\"mentions\":["},"finish_reason":"length"}]}`,
	"fenced":       "{\"choices\":[{\"message\":{\"content\":\"```json\\n{\\\"mentions\\\":[]}\\n```\"},\"finish_reason\":\"stop\"}]}",
	"wrong fields": `{"choices":[{"message":{"content":"{\"spans\":[]}"},"finish_reason":"stop"}]}`,
}

// server answers a chat-completions request with what is recorded for the
// user's text; "slow" waits past any timeout, "missing model" is a 404.
func server(t *testing.T, calls *atomic.Int32) *httptest.Server {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		calls.Add(1)
		if r.URL.Path != "/v1/chat/completions" {
			http.NotFound(w, r)
			return
		}
		var req request
		if err := json.NewDecoder(r.Body).Decode(&req); err != nil {
			t.Errorf("request: %v", err)
		}
		if req.ResponseFormat.Type != "json_schema" || len(req.Messages) != 2 || req.Model != "m" {
			t.Errorf("request %+v", req)
		}
		if !strings.Contains(req.Messages[0].Content, "Name_Calling: a loaded label for a person or group") {
			t.Errorf("prompt lacks the guideline: %s", req.Messages[0].Content)
		}
		if got := r.Header.Get("Authorization"); got != "Bearer k" {
			t.Errorf("Authorization %q", got)
		}
		text := req.Messages[1].Content
		switch {
		case text == "slow":
			select {
			case <-r.Context().Done():
			case <-time.After(5 * time.Second):
			}
			return
		case text == "missing model":
			w.WriteHeader(http.StatusNotFound)
			fmt.Fprint(w, `{"error":{"message":"model \"m\" not found, try pulling it first"}}`)
			return
		case strings.HasPrefix(text, "anchor:"):
			// The mentions of the anchoring cases.
			fmt.Fprint(w, `{"choices":[{"message":{"content":"{\"mentions\":[`+
				`{\"text\":\"elites\",\"label\":\"Name_Calling\",\"justification\":\"twice\"},`+
				`{\"text\":\"not in the text\",\"label\":\"Name_Calling\",\"justification\":\"invented\"},`+
				`{\"text\":\"our nation\",\"label\":\"Patriotism\",\"justification\":\"no such label\"}]}"},"finish_reason":"stop"}]}`)
			return
		}
		ans, ok := recorded[text]
		if !ok {
			t.Errorf("no recorded answer for %q", text)
		}
		fmt.Fprint(w, ans)
	}))
	t.Cleanup(srv.Close)
	return srv
}

func client(t *testing.T, srv *httptest.Server) *Client {
	return &Client{URL: srv.URL + "/v1", Model: "m", APIKey: "k", Timeout: 200 * time.Millisecond, CacheDir: t.TempDir()}
}

func ask(c *Client, text string) ([]suggest.Mention, error) {
	return c.Mentions(context.Background(), project.ModelRequest{Doc: "d", Text: text, Layer: layer,
		Examples: []suggest.Mention{{Quote: "traitors", Label: "Name_Calling"}}})
}

func TestAnswers(t *testing.T) {
	var calls atomic.Int32
	c := client(t, server(t, &calls))
	for _, tt := range []struct {
		text, want string
		n          int
	}{
		{"well formed", "", 1},
		{"fenced", "", 0},
		{"malformed", `the model's answer is not the JSON asked for`, 0},
		{"wrong fields", `unknown field "spans"`, 0},
		{"refusal", "the model m refused: I can't help with that.", 0},
		{"cut off", "cut off at its length limit", 0},
		{"missing model", `answered 404 Not Found: model "m" not found, try pulling it first`, 0},
		{"slow", "no answer from " + c.endpoint() + " within 200ms", 0},
	} {
		t.Run(tt.text, func(t *testing.T) {
			ms, err := ask(c, tt.text)
			if tt.want == "" {
				if err != nil || len(ms) != tt.n {
					t.Fatalf("got %+v, %v", ms, err)
				}
				return
			}
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("error %v, want it to say %q", err, tt.want)
			}
		})
	}
}

func TestCachedAnswerCostsNothing(t *testing.T) {
	var calls atomic.Int32
	c := client(t, server(t, &calls))
	for range 3 {
		if ms, err := ask(c, "well formed"); err != nil || len(ms) != 1 || ms[0].Justification != "an insult" {
			t.Fatalf("%+v %v", ms, err)
		}
	}
	if n := calls.Load(); n != 1 {
		t.Errorf("%d requests for the same question, want 1", n)
	}
	// A failure is not cached.
	ask(c, "malformed")
	ask(c, "malformed")
	if n := calls.Load(); n != 3 {
		t.Errorf("%d requests, want 3", n)
	}
}

// TestAnchoring: a mention occurring twice, after an emoji and a CRLF, is
// placed on both, in code points; one that does not occur and one with a
// label not in the schema are listed, not dropped.
func TestAnchoring(t *testing.T) {
	var calls atomic.Int32
	c := client(t, server(t, &calls))
	text := "anchor: 👍🏽 the elites\r\nand the elites again"
	ms, err := ask(c, text)
	if err != nil {
		t.Fatal(err)
	}
	got, missed := suggest.Anchor("d", "technique", text, 0, ms, map[string]bool{"Name_Calling": true, "Flag_Waving": true}, "model:m")
	var g []string
	for _, s := range got {
		g = append(g, fmt.Sprintf("%d-%d %s %q", s.Start, s.End, s.Label, string([]rune(text)[s.Start:s.End])))
	}
	want := []string{`15-21 Name_Calling "elites"`, `31-37 Name_Calling "elites"`}
	if fmt.Sprint(g) != fmt.Sprint(want) {
		t.Errorf("anchored %q, want %q", g, want)
	}
	if len(missed) != 2 || missed[0].Mention.Quote != "not in the text" || !strings.Contains(missed[1].Reason, `"Patriotism" is not one of layer technique's`) {
		t.Errorf("unanchored %+v", missed)
	}
}

func TestNoEndpointNoRequest(t *testing.T) {
	// Nothing in frametag makes a Client unless --llm-url is given; an
	// empty URL cannot reach anything.
	c := &Client{Model: "m", Timeout: time.Second}
	if _, err := ask(c, "x"); err == nil {
		t.Error("a client without a URL answered")
	}
}
