// Package markdown renders guideline Markdown as Fyne RichText segments, the
// same in Project → Guidelines and in the schema editor's preview.
package markdown

import (
	"net/url"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/text"
)

// Segments turns the guidelines' Markdown into RichText segments.
// Fyne's own NewRichTextFromMarkdown (2.7.1) joins every pair of adjacent
// text nodes with a space, and goldmark splits text at each underscore, so
// label names came out as "Loaded_ Language"; and it ran a nested list into
// its parent item's text ("Attributes:• checkworthy"). This walk joins text
// as written, turns a soft line break into one space, and starts a nested
// list on a line of its own.
func Segments(src string) []widget.RichTextSegment {
	source := []byte(src)
	doc := goldmark.New().Parser().Parse(text.NewReader(source))
	return mdBlocks(source, doc, false)
}

func mdBlocks(source []byte, n ast.Node, quote bool) []widget.RichTextSegment {
	var out []widget.RichTextSegment
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		switch b := c.(type) {
		case *ast.Heading:
			seg := &widget.TextSegment{Style: widget.RichTextStyleParagraph, Text: mdPlain(source, b)}
			switch b.Level {
			case 1:
				seg.Style = widget.RichTextStyleHeading
			case 2:
				seg.Style = widget.RichTextStyleSubHeading
			default:
				seg.Style.TextStyle.Bold = true
			}
			out = append(out, seg)
		case *ast.Paragraph, *ast.TextBlock:
			out = append(out, mdInline(source, b, quote)...)
			// end the line: a paragraph, or the text of a list item that a
			// nested list follows
			out = append(out, &widget.TextSegment{Style: widget.RichTextStyleParagraph})
		case *ast.List:
			list := &widget.ListSegment{Ordered: b.IsOrdered()}
			for it := b.FirstChild(); it != nil; it = it.NextSibling() {
				texts := mdBlocks(source, it, quote)
				// the item's last line ends with the item
				if k := len(texts); k > 0 {
					if t, ok := texts[k-1].(*widget.TextSegment); ok && t.Text == "" {
						texts = texts[:k-1]
					}
				}
				list.Items = append(list.Items, &widget.ParagraphSegment{Texts: texts})
			}
			out = append(out, list)
		case *ast.Blockquote:
			out = append(out, mdBlocks(source, b, true)...)
		case *ast.FencedCodeBlock, *ast.CodeBlock:
			var sb strings.Builder
			lines := b.Lines()
			for i := 0; i < lines.Len(); i++ {
				l := lines.At(i)
				sb.Write(l.Value(source))
			}
			out = append(out, &widget.TextSegment{Style: widget.RichTextStyleCodeBlock, Text: strings.TrimSuffix(sb.String(), "\n")})
		case *ast.ThematicBreak:
			out = append(out, &widget.SeparatorSegment{})
		default:
			out = append(out, mdBlocks(source, c, quote)...)
		}
	}
	return out
}

// mdInline renders a block's inline content.
func mdInline(source []byte, n ast.Node, quote bool) []widget.RichTextSegment {
	var out []widget.RichTextSegment
	plainStyle := widget.RichTextStyleInline
	if quote {
		plainStyle = widget.RichTextStyleBlockquote
		plainStyle.Inline = true
	}
	add := func(style widget.RichTextStyle, s string) {
		if s == "" {
			return
		}
		// join onto the previous segment of the same style, so a word cut
		// at an underscore stays one word
		if k := len(out); k > 0 {
			if t, ok := out[k-1].(*widget.TextSegment); ok && t.Style == style {
				t.Text += s
				return
			}
		}
		out = append(out, &widget.TextSegment{Style: style, Text: s})
	}
	var walk func(n ast.Node, style widget.RichTextStyle)
	walk = func(n ast.Node, style widget.RichTextStyle) {
		for c := n.FirstChild(); c != nil; c = c.NextSibling() {
			switch t := c.(type) {
			case *ast.Text:
				s := string(t.Value(source))
				if t.SoftLineBreak() || t.HardLineBreak() {
					s += " "
				}
				add(style, s)
			case *ast.String:
				add(style, string(t.Value))
			case *ast.CodeSpan:
				add(widget.RichTextStyleCodeInline, mdPlain(source, t))
			case *ast.Emphasis:
				st := style
				if t.Level == 2 {
					st.TextStyle.Bold = true
				} else {
					st.TextStyle.Italic = true
				}
				walk(t, st)
			case *ast.Link:
				out = append(out, link(mdPlain(source, t), string(t.Destination), style))
			case *ast.AutoLink:
				label := string(t.Label(source))
				dest := label
				if t.AutoLinkType == ast.AutoLinkEmail && !strings.HasPrefix(strings.ToLower(dest), "mailto:") {
					dest = "mailto:" + dest
				}
				out = append(out, link(label, dest, style))
			default:
				walk(c, style)
			}
		}
	}
	walk(n, plainStyle)
	return out
}

// link is a link segment when dest is a link frametag may follow (Allowed),
// else the text with its destination, as plain text. A link segment does
// nothing when tapped until OnLinks says what to do: guidelines come from a
// project file, which anyone may have written.
func link(text, dest string, style widget.RichTextStyle) widget.RichTextSegment {
	u, err := url.Parse(dest)
	if err != nil || !Allowed(u) {
		if text != dest {
			text += " (" + dest + ")"
		}
		return &widget.TextSegment{Style: style, Text: text}
	}
	return &widget.HyperlinkSegment{Alignment: fyne.TextAlignLeading, Text: text, URL: u, OnTapped: func() {}}
}

// Allowed reports whether a guideline link may be opened: http, https and
// mailto only (not file:, smb:, javascript: or a custom scheme that starts
// a program).
func Allowed(u *url.URL) bool {
	switch strings.ToLower(u.Scheme) {
	case "http", "https":
		return u.Host != ""
	case "mailto":
		return u.Opaque != "" || u.Path != ""
	}
	return false
}

// OnLinks makes every link in segs call open with its URL when tapped.
func OnLinks(segs []widget.RichTextSegment, open func(*url.URL)) {
	for _, sg := range segs {
		switch sg := sg.(type) {
		case *widget.HyperlinkSegment:
			u := sg.URL
			sg.OnTapped = func() { open(u) }
		case *widget.ListSegment:
			OnLinks(sg.Items, open)
		case *widget.ParagraphSegment:
			OnLinks(sg.Texts, open)
		}
	}
}

// mdPlain is the text of n's inline content, as written.
func mdPlain(source []byte, n ast.Node) string {
	var sb strings.Builder
	_ = ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch t := c.(type) {
		case *ast.Text:
			sb.Write(t.Value(source))
			if t.SoftLineBreak() {
				sb.WriteByte(' ')
			}
		case *ast.String:
			sb.Write(t.Value)
		}
		return ast.WalkContinue, nil
	})
	return sb.String()
}
