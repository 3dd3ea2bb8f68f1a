package suggest

import (
	"fmt"
	"regexp"
	"strings"
	"unicode/utf8"
)

// Mention is what a language model quotes: a stretch of the text it was
// sent, the label it gives it and why.
type Mention struct {
	Quote         string `json:"text"`
	Label         string `json:"label"`
	Justification string `json:"justification"`
}

// Unanchored is a mention that could not be placed in the text, with the
// reason; it is listed to the user, never dropped silently.
type Unanchored struct {
	Doc     string  `json:"document"`
	Mention Mention `json:"mention"`
	Reason  string  `json:"reason"`
}

// Anchor places each mention on exact code-point offsets in text, which
// starts at code point offset of its document (a paragraph's start, or 0
// for a whole document). A quote is searched as it is; failing that,
// ignoring case and letting any run of white space stand for any other
// (models rewrite "\r\n" as "\n" and change case). Every occurrence of the
// quote in the text is suggested: the model read the whole text it was sent
// and a loaded phrase is loaded wherever it recurs; the annotator rejects
// what does not fit. A mention whose label is not one of labels, whose quote
// is blank or does not occur, is returned as Unanchored.
func Anchor(doc, layer, text string, offset int, mentions []Mention, labels map[string]bool, source string) ([]Suggestion, []Unanchored) {
	var out []Suggestion
	var missed []Unanchored
	seen := map[Key]bool{}
	for _, m := range mentions {
		switch {
		case !labels[m.Label]:
			missed = append(missed, Unanchored{Doc: doc, Mention: m, Reason: fmt.Sprintf("label %q is not one of layer %s's", m.Label, layer)})
			continue
		case strings.TrimSpace(m.Quote) == "":
			missed = append(missed, Unanchored{Doc: doc, Mention: m, Reason: "the quote is empty"})
			continue
		}
		spots := occurrences(text, strings.TrimSpace(m.Quote))
		if len(spots) == 0 {
			missed = append(missed, Unanchored{Doc: doc, Mention: m, Reason: "the quote does not occur in the text"})
			continue
		}
		for _, sp := range spots {
			start := offset + utf8.RuneCountInString(text[:sp[0]])
			end := start + utf8.RuneCountInString(text[sp[0]:sp[1]])
			k := Key{Layer: layer, Label: m.Label, Start: start, End: end}
			if seen[k] {
				continue
			}
			seen[k] = true
			out = append(out, Suggestion{Doc: doc, Layer: layer, Start: start, End: end, Label: m.Label,
				Score: 1, Text: text[sp[0]:sp[1]], Source: source, Justification: m.Justification})
		}
	}
	return out, missed
}

// occurrences are the byte ranges where quote occurs in text, exactly or
// else loosely (case, white space).
func occurrences(text, quote string) [][2]int {
	var out [][2]int
	for from := 0; ; {
		i := strings.Index(text[from:], quote)
		if i < 0 {
			break
		}
		out = append(out, [2]int{from + i, from + i + len(quote)})
		from += i + len(quote)
	}
	if len(out) > 0 {
		return out
	}
	words := strings.Fields(quote)
	for i, w := range words {
		words[i] = regexp.QuoteMeta(w)
	}
	re, err := regexp.Compile(`(?i)` + strings.Join(words, `\s+`))
	if err != nil {
		return nil
	}
	for _, m := range re.FindAllStringIndex(text, -1) {
		out = append(out, [2]int{m[0], m[1]})
	}
	return out
}

// Paragraph is a stretch of a document's text sent to a model on its own.
type Paragraph struct {
	Text  string
	Start int // in code points
}

// Paragraphs splits text at blank lines (a line break, white space, a line
// break); the parts keep their offsets and their text exactly.
func Paragraphs(text string) []Paragraph {
	var out []Paragraph
	blank := regexp.MustCompile(`\r?\n[ \t]*\r?\n\s*`)
	last, cp := 0, 0
	for _, m := range blank.FindAllStringIndex(text, -1) {
		if m[0] > last {
			out = append(out, Paragraph{Text: text[last:m[0]], Start: cp})
		}
		cp += utf8.RuneCountInString(text[last:m[1]])
		last = m[1]
	}
	if last < len(text) {
		out = append(out, Paragraph{Text: text[last:], Start: cp})
	}
	return out
}
