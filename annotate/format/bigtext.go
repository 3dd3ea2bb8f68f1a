package format

import (
	"bytes"
	"encoding/json"
	"strings"
	"unicode/utf16"
	"unicode/utf8"
)

// bigTextMin is the size of a "text" value from which a JSONL line's text is
// decoded apart from the rest of the line. encoding/json would copy the whole
// line into its decoder's buffer and the string through a scratch buffer:
// about five times the line for a 50 MB article. Decoded apart, the text
// costs one string of its own size, and encoding/json reads the rest of the
// line with the text taken out.
const bigTextMin = 64 << 10

// cutBigText finds the "text" member of the JSON object on line (the last,
// and matched without regard to case, as encoding/json does) and, when it is
// a string of at least min bytes, decodes it and returns the line with the
// member's value replaced by "". ok is false when there is no such member or
// anything about the line is out of the ordinary (broken JSON, a bad escape, a
// control character in the string): the caller then decodes the whole line,
// and encoding/json's message says what is wrong. The line must be valid
// UTF-8 without lone surrogate escapes (decodeLine checks both first).
func cutBigText(line []byte, min int) (rest []byte, text string, ok bool) {
	i := skipSpace(line, 0)
	if i >= len(line) || line[i] != '{' {
		return nil, "", false
	}
	vs, ve := -1, -1
	for i = skipSpace(line, i+1); ; i = skipSpace(line, i+1) {
		if i >= len(line) || line[i] != '"' {
			return nil, "", false
		}
		ks := i
		i = skipValue(line, i)
		if i < 0 {
			return nil, "", false
		}
		var key string
		if err := json.Unmarshal(line[ks:i], &key); err != nil {
			return nil, "", false
		}
		if i = skipSpace(line, i); i >= len(line) || line[i] != ':' {
			return nil, "", false
		}
		s := skipSpace(line, i+1)
		if i = skipValue(line, s); i < 0 {
			return nil, "", false
		}
		if strings.EqualFold(key, "text") {
			vs, ve = s, i
		}
		if i = skipSpace(line, i); i >= len(line) {
			return nil, "", false
		}
		if line[i] == '}' {
			break
		}
		if line[i] != ',' {
			return nil, "", false
		}
	}
	if vs < 0 || line[vs] != '"' || ve-vs < min {
		return nil, "", false
	}
	text, ok = unquoteJSON(line[vs+1 : ve-1])
	if !ok {
		return nil, "", false
	}
	rest = make([]byte, 0, len(line)-(ve-vs)+2)
	rest = append(append(append(rest, line[:vs]...), `""`...), line[ve:]...)
	return rest, text, true
}

func skipSpace(b []byte, i int) int {
	for i < len(b) && (b[i] == ' ' || b[i] == '\t' || b[i] == '\n' || b[i] == '\r') {
		i++
	}
	return i
}

// skipValue returns the offset just past the JSON value starting at b[i], or
// -1. It checks strings and the nesting of brackets only: what it skips is
// left in the line that encoding/json reads.
func skipValue(b []byte, i int) int {
	if i >= len(b) {
		return -1
	}
	switch b[i] {
	case '"':
		for j := i + 1; j < len(b); j++ {
			switch c := b[j]; {
			case c == '\\':
				j++
			case c == '"':
				return j + 1
			case c < 0x20:
				return -1
			}
		}
		return -1
	case '{', '[':
		depth := 0
		for j := i; j < len(b); j++ {
			switch b[j] {
			case '"':
				if j = skipValue(b, j); j < 0 {
					return -1
				}
				j--
			case '{', '[':
				depth++
			case '}', ']':
				if depth--; depth == 0 {
					return j + 1
				}
			}
		}
		return -1
	}
	j := i
	for j < len(b) && bytes.IndexByte([]byte(",}] \t\r\n"), b[j]) < 0 {
		j++
	}
	if j == i {
		return -1
	}
	return j
}

// unquoteJSON decodes the inside of a JSON string into one string of at most
// its size.
func unquoteJSON(s []byte) (string, bool) {
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); {
		j := i
		for j < len(s) && s[j] != '\\' && s[j] != '"' && s[j] >= 0x20 {
			j++
		}
		b.Write(s[i:j])
		if i = j; i == len(s) {
			break
		}
		if s[i] != '\\' || i+1 == len(s) {
			return "", false // a quote or a control character inside
		}
		switch c := s[i+1]; c {
		case '"', '\\', '/':
			b.WriteByte(c)
		case 'b':
			b.WriteByte('\b')
		case 'f':
			b.WriteByte('\f')
		case 'n':
			b.WriteByte('\n')
		case 'r':
			b.WriteByte('\r')
		case 't':
			b.WriteByte('\t')
		case 'u':
			r, ok := hex4(s, i+2)
			if !ok {
				return "", false
			}
			i += 6
			if utf16.IsSurrogate(r) {
				lo, ok := hex4(s, i+2)
				if !ok || i+1 >= len(s) || s[i] != '\\' || s[i+1] != 'u' {
					return "", false
				}
				if r = utf16.DecodeRune(r, lo); r == utf8.RuneError {
					return "", false
				}
				i += 6
			}
			b.WriteRune(r)
			continue
		default:
			return "", false
		}
		i += 2
	}
	return b.String(), true
}

func hex4(s []byte, at int) (rune, bool) {
	if at+4 > len(s) {
		return 0, false
	}
	var r rune
	for _, c := range s[at : at+4] {
		switch {
		case '0' <= c && c <= '9':
			c -= '0'
		case 'a' <= c && c <= 'f':
			c -= 'a' - 10
		case 'A' <= c && c <= 'F':
			c -= 'A' - 10
		default:
			return 0, false
		}
		r = r<<4 | rune(c)
	}
	return r, true
}
