package annotate

import (
	"context"
	"regexp"
	"unicode/utf8"
)

// SearchService finds text and spans across a project: the window's corpus
// search (a keyword-in-context list) and its find in the open document
// read the same rules (Matcher, SearchQuery.matches).
type SearchService interface {
	// Search returns the hits of q in import order, then reading order, at
	// most q.Limit of them (DefaultSearchLimit when 0); more reports that
	// there were others.
	Search(ctx context.Context, q SearchQuery) (hits []SearchHit, more bool, err error)
}

// DefaultSearchLimit is how many hits a search returns when the query
// names no limit.
const DefaultSearchLimit = 1000

// SearchQuery is what to find. With a Layer or Label, or no Text, it finds
// spans (with Text too, only the spans whose text matches); otherwise it
// finds Text in the documents' text. A query of nothing finds nothing.
type SearchQuery struct {
	// Text is the words to find, any case; with Regexp, a regular
	// expression (Go syntax; add (?i) for any case).
	Text   string
	Regexp bool
	// Layer and Label pick spans: Label "" any label of Layer, Layer ""
	// the label in any layer.
	Layer, Label string
	// Annotator limits spans to one annotator's, and Status to documents
	// with that status for the annotator (any annotator when "").
	Annotator string
	Status    Status
	Limit     int
	// Bare leaves out the words around each hit and the title (a quicker
	// search, for filtering documents).
	Bare bool
}

// Spans reports whether the query is for spans rather than text.
func (q SearchQuery) Spans() bool { return q.Layer != "" || q.Label != "" || q.Text == "" }

// Empty reports whether the query asks for nothing.
func (q SearchQuery) Empty() bool {
	return q.Text == "" && q.Layer == "" && q.Label == "" && q.Annotator == "" && q.Status == ""
}

// Max is the query's limit, DefaultSearchLimit when it names none.
func (q SearchQuery) Max() int {
	if q.Limit > 0 {
		return q.Limit
	}
	return DefaultSearchLimit
}

// SearchHit is one hit: where it is, and the words around it.
type SearchHit struct {
	DocID, Title string
	// At is the hit's stretch of the text in code points: the match, or
	// the span's extent (its first fragment's start to its last's end).
	At Fragment
	// The span, for a span search.
	SpanID, Layer, Label, Annotator string
	// Before, Text and After are the hit with up to ContextChars code
	// points either side, on one line.
	Before, Text, After string
}

// ContextChars is how much text a hit shows either side.
const ContextChars = 40

// Matcher finds a query's text in a document's text.
type Matcher struct {
	re  *regexp.Regexp
	lit string // the plain words, "" for a regular expression
}

// NewMatcher makes the matcher of text: any case, or a regular expression.
// A regular expression that does not compile is refused (EInvalid).
func NewMatcher(text string, isRegexp bool) (*Matcher, error) {
	expr := "(?i)" + regexp.QuoteMeta(text)
	if isRegexp {
		expr = text
	}
	re, err := regexp.Compile(expr)
	if err != nil {
		return nil, Errorf(EInvalid, "regular expression %q: %v", text, err)
	}
	m := &Matcher{re: re}
	if !isRegexp {
		m.lit = text
	}
	return m, nil
}

// Literal is the plain text the matcher's every match contains, when the
// query is plain words ("" for a regular expression): a store may use it
// to skip documents without it.
func (m *Matcher) Literal() string { return m.lit }

// Find returns up to limit matches in s, in code points, empty ones left
// out.
func (m *Matcher) Find(s string, limit int) []Fragment {
	var out []Fragment
	cp, at := 0, 0 // the code point at byte at
	for _, loc := range m.re.FindAllStringIndex(s, -1) {
		if loc[1] == loc[0] {
			continue
		}
		if len(out) == limit {
			break
		}
		cp += utf8.RuneCountInString(s[at:loc[0]])
		start := cp
		cp += utf8.RuneCountInString(s[loc[0]:loc[1]])
		at = loc[1]
		out = append(out, Fragment{Start: start, End: cp})
	}
	return out
}

// Matches reports whether s holds a match.
func (m *Matcher) Matches(s string) bool { return m.re.MatchString(s) }

// InContext is the hit at f in ix's text with up to ContextChars code points
// either side, on one line: line breaks and tabs are shown as one space.
func InContext(ix *TextIndex, f Fragment) (before, text, after string) {
	b, _ := ix.Slice(max(f.Start-ContextChars, 0), f.Start)
	t, _ := ix.Slice(f.Start, f.End)
	a, _ := ix.Slice(f.End, min(f.End+ContextChars, ix.Len()))
	return oneLine(b), oneLine(t), oneLine(a)
}

var lineBreaks = regexp.MustCompile(`[\r\n\t]+`)

func oneLine(s string) string { return lineBreaks.ReplaceAllString(s, " ") }
