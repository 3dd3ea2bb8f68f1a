package cli

import (
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
)

// isTerminal says whether w is a terminal, where progress is shown; tests
// replace it. Anything but a character device (a file, a pipe, a buffer)
// gets no progress, so scripts see the same output as before.
var isTerminal = func(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	fi, err := f.Stat()
	return err == nil && fi.Mode()&os.ModeCharDevice != 0
}

// progressLine is one line on standard error rewritten with \r as a long
// import or export goes on, cleared before anything else is said. A nil
// *progressLine (standard error no terminal) does nothing.
type progressLine struct {
	w     io.Writer
	verb  string
	total int // 0: unknown
	width int // of the line shown, 0 when none is
}

// progress returns the progress line for verb ("import", "export") with
// total documents (0: unknown), or nil when standard error is no terminal.
func (c *invocation) progress(verb string, total int) *progressLine {
	if !isTerminal(c.env.Stderr) {
		return nil
	}
	return &progressLine{w: c.env.Stderr, verb: verb, total: total}
}

// documents shows n documents so far.
func (p *progressLine) documents(n int) {
	if p != nil {
		p.show(progressText(p.verb, n, p.total, ""))
	}
}

// committing shows that the n documents read are being saved.
func (p *progressLine) committing(n int) {
	if p != nil {
		p.show(progressText(p.verb, n, 0, "saving"))
	}
}

func (p *progressLine) show(s string) {
	pad := ""
	if w := len([]rune(s)); w < p.width {
		pad = strings.Repeat(" ", p.width-w)
	} else {
		p.width = w
	}
	fmt.Fprint(p.w, "\r"+s+pad)
}

// done clears the line, if one is shown, for what follows.
func (p *progressLine) done() {
	if p == nil || p.width == 0 {
		return
	}
	fmt.Fprint(p.w, "\r"+strings.Repeat(" ", p.width)+"\r")
	p.width = 0
}

// progressText is the line: "import: 12,400 documents (38 %)…"; without a
// total, no percentage; with a note, "import: 12,400 documents, saving…".
func progressText(verb string, n, total int, note string) string {
	s := verb + ": " + groupDigits(n) + " " + plural(n, "document", "documents")
	switch {
	case note != "":
		s += ", " + note
	case total > 0:
		s += fmt.Sprintf(" (%d %%)", min(100, n*100/total))
	}
	return s + "…"
}

// groupDigits writes n with a comma between groups of three digits.
func groupDigits(n int) string {
	s := strconv.Itoa(n)
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	var b strings.Builder
	for i, r := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(r)
	}
	if neg {
		return "-" + b.String()
	}
	return b.String()
}
