// Package seeds holds the three news articles bundled with frametag, so that
// a new user has something to annotate on first start. Each document's text is
// its file's content byte for byte, so offsets match the file; title and
// source are derived from the text by the small heuristics below.
package seeds

import (
	"embed"
	"fmt"
	"regexp"
	"strings"

	"frametag/annotate"
	"frametag/annotate/format"
)

//go:embed *.txt
var files embed.FS

// seed names a bundled file and the name it had in the corpus it came from.
type seed struct{ file, origin string }

func bundled() []seed {
	return []seed{
		{"ukraine-calls-for-pressure-on-russia.txt", "000_53341c62116b4770.txt"},
		{"us-nato-vow-support-for-ukraine.txt", "001_94668cd8701d639f.txt"},
		{"blinken-referendums-sign-of-failure.txt", "002_d6333e00b5554f33.txt"},
	}
}

// Documents returns the bundled articles, in corpus order. The id is the
// file name without ".txt"; the language is English.
func Documents() ([]annotate.Document, error) {
	var docs []annotate.Document
	for _, s := range bundled() {
		data, err := files.ReadFile(s.file)
		if err != nil {
			return nil, fmt.Errorf("seed %s: %w", s.file, err)
		}
		text := string(data)
		doc := annotate.Document{
			ID:    strings.TrimSuffix(s.file, ".txt"),
			Title: Title(text),
			Text:  text,
			Meta:  annotate.Meta{Language: "en", Extra: map[string]string{"corpus_file": s.origin}},
		}
		if source, evidence := Source(text); source != "" {
			doc.Meta.Source = source
			doc.Meta.Extra["source_evidence"] = evidence
		}
		if err := doc.Validate(); err != nil {
			return nil, fmt.Errorf("seed %s: %w", s.file, err)
		}
		doc.SHA256 = annotate.TextHash(text)
		docs = append(docs, doc)
	}
	return docs, nil
}

// Phrases that mark a line as a platform's boilerplate, not the article's.
func boilerplate() []string {
	return []string{
		"is not responsible for the content",
		"this article was added by",
		"all rights reserved",
		"read also:",
	}
}

func isBoilerplate(line string) bool {
	lower := strings.ToLower(line)
	for _, p := range boilerplate() {
		if strings.Contains(lower, p) {
			return true
		}
	}
	return false
}

// minHeadlineWords: a line of fewer words is a section tag or a stray
// category ("Israel"), not a headline.
const minHeadlineWords = 4

// longLead is the length beyond which a first line is a lead sentence rather
// than a headline, and is cut at its first clause.
const longLead = 100

// Title picks the first line that reads as a headline: not boilerplate, at
// least minHeadlineWords words. A lead sentence standing in for a headline is
// cut to its first clause when that clause is itself headline-sized.
func Title(text string) string {
	for line := range strings.Lines(text) {
		line = strings.TrimSpace(line)
		if len(strings.Fields(line)) < minHeadlineWords || isBoilerplate(line) {
			continue
		}
		if len([]rune(line)) > longLead {
			if i := strings.Index(line, ", "); i > 0 && len(strings.Fields(line[:i])) >= minHeadlineWords {
				return format.ShortenTitle(line[:i])
			}
		}
		return format.ShortenTitle(line)
	}
	return format.TitleFromText(text)
}

var (
	// "…, Ukrinform reports." names the agency the article comes through.
	reportsPattern = regexp.MustCompile(`\b([A-Z][\w.&-]*(?: [A-Z][\w.&-]*)*) reports\b`)
	// "TheWorldNews is not responsible for the content of the platform."
	platformPattern = regexp.MustCompile(`\b([A-Z][\w.&-]*) is not responsible for the content\b`)
)

// Source names the outlet the text itself credits, and the sentence that
// credits it. The credited outlet is the one the article names ("CNN
// reports"), which may be the outlet it quotes rather than its publisher:
// the evidence is kept so a reader can judge.
func Source(text string) (source, evidence string) {
	for _, p := range []*regexp.Regexp{reportsPattern, platformPattern} {
		if loc := p.FindStringSubmatchIndex(text); loc != nil {
			return text[loc[2]:loc[3]], sentenceAround(text, loc[0], loc[1])
		}
	}
	return "", ""
}

// sentenceAround widens [start,end) to the sentence (or line) holding it.
func sentenceAround(text string, start, end int) string {
	from := strings.LastIndexAny(text[:start], ".!?\n")
	from++
	to := strings.IndexAny(text[end:], ".!?\n")
	if to < 0 {
		to = len(text)
	} else {
		to += end + 1
	}
	return strings.TrimSpace(text[from:to])
}
