package markdown

import (
	"net/url"
	"strings"
	"testing"

	"fyne.io/fyne/v2/widget"
)

// flatten lists what the segments show, one string per segment; a nested
// list is bracketed, a segment that ends its line is "¶".
func flatten(segs []widget.RichTextSegment) []string {
	var out []string
	for _, s := range segs {
		switch t := s.(type) {
		case *widget.TextSegment:
			switch {
			case t.Text == "" && !t.Style.Inline:
				out = append(out, "¶")
			case t.Style.TextStyle.Bold:
				out = append(out, "**"+t.Text+"**")
			case t.Style.TextStyle.Monospace:
				out = append(out, "`"+t.Text+"`")
			default:
				out = append(out, t.Text)
			}
		case *widget.ListSegment:
			out = append(out, "[")
			for _, it := range t.Items {
				out = append(out, "•")
				out = append(out, flatten(it.(*widget.ParagraphSegment).Texts)...)
			}
			out = append(out, "]")
		}
	}
	return out
}

func TestMarkdownSegments(t *testing.T) {
	tests := []struct {
		name, md, want string
	}{
		{"underscores stay inside words", "Name_Calling-Labeling or Loaded_Language.",
			"Name_Calling-Labeling or Loaded_Language.|¶"},
		{"a soft line break is one space", "could in\nprinciple check",
			"could in principle check|¶"},
		{"bold with an underscore", "link with **attributed_to** (claim)",
			"link with |**attributed_to**| (claim)|¶"},
		{"code span", "press `Ctrl+Z`", "press |`Ctrl+Z`|¶"},
		{"a nested list starts on its own line", "- Attributes:\n  - **checkworthy**: yes\n  - **kind**: other\n- Link it",
			"[|•|Attributes:|¶|[|•|**checkworthy**|: yes|•|**kind**|: other|]|•|Link it|]"},
	}
	for _, tt := range tests {
		got := strings.Join(flatten(Segments(tt.md)), "|")
		if got != tt.want {
			t.Errorf("%s:\n got %s\nwant %s", tt.name, got, tt.want)
		}
	}
}

// TestOnlyWebAndMailLinksAreLinks: a guideline comes from a project file
// anyone may have written; a link to file:, smb:, javascript: or a custom
// scheme is shown as text with its destination, never as a link (one opened
// file:// and smb:// URLs); http(s) and mailto links are links that do
// nothing until OnLinks says what (the window asks first).
func TestOnlyWebAndMailLinksAreLinks(t *testing.T) {
	for _, tc := range []struct {
		md   string
		link string // the URL of the link segment, "" for none
		text string // else the text shown
	}{
		{"[site](https://example.org/g)", "https://example.org/g", ""},
		{"<http://example.org>", "http://example.org", ""},
		{"[write](mailto:team@example.org)", "mailto:team@example.org", ""},
		{"<team@example.org>", "mailto:team@example.org", ""},
		{"[notes](file:///etc/passwd)", "", "notes (file:///etc/passwd)"},
		{"[share](smb://server/share)", "", "share (smb://server/share)"},
		{"[run](javascript:alert(1))", "", "run (javascript:alert(1))"},
		{"[app](vscode://open?x)", "", "app (vscode://open?x)"},
		{"[rel](guide.html)", "", "rel (guide.html)"},
	} {
		var links []*url.URL
		var texts []string
		collect := func(segs []widget.RichTextSegment) {
			for _, sg := range segs {
				switch sg := sg.(type) {
				case *widget.HyperlinkSegment:
					links = append(links, sg.URL)
					if sg.OnTapped == nil {
						t.Errorf("%s: a link without OnTapped would be opened by Fyne at once", tc.md)
					}
				case *widget.TextSegment:
					if sg.Text != "" {
						texts = append(texts, sg.Text)
					}
				}
			}
		}
		segs := Segments(tc.md)
		collect(segs)
		if tc.link != "" {
			if len(links) != 1 || links[0].String() != tc.link {
				t.Errorf("%s: links %v, want %s", tc.md, links, tc.link)
			}
			var opened []string
			OnLinks(segs, func(u *url.URL) { opened = append(opened, u.String()) })
			for _, sg := range segs {
				if l, ok := sg.(*widget.HyperlinkSegment); ok {
					l.OnTapped()
				}
			}
			if len(opened) != 1 || opened[0] != tc.link {
				t.Errorf("%s: tapping opened %v", tc.md, opened)
			}
			continue
		}
		if len(links) != 0 || !strings.Contains(strings.Join(texts, ""), tc.text) {
			t.Errorf("%s: links %v, texts %q; want no link and %q", tc.md, links, texts, tc.text)
		}
	}
}
