package markdown

import (
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
