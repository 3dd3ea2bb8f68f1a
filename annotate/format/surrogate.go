package format

import "strconv"

// loneSurrogate finds, in a line of JSON, a \uXXXX escape of a UTF-16
// surrogate that is not half of a pair (`"\ud800"`): encoding/json reads it
// as U+FFFD, so the text would not be kept as written. It reports where the
// escape is and how it is written.
func loneSurrogate(line []byte) (int, string, bool) {
	hex := func(at int) (rune, bool) {
		if at+6 > len(line) || line[at] != '\\' || line[at+1] != 'u' {
			return 0, false
		}
		v, err := strconv.ParseUint(string(line[at+2:at+6]), 16, 16)
		return rune(v), err == nil
	}
	for i := 0; i < len(line); i++ {
		if line[i] != '\\' {
			continue
		}
		r, ok := hex(i)
		if !ok {
			i++ // an escaped character, perhaps a backslash: skip it
			continue
		}
		switch {
		case r >= 0xD800 && r <= 0xDBFF:
			if low, ok := hex(i + 6); ok && low >= 0xDC00 && low <= 0xDFFF {
				i += 11
				continue
			}
			return i, string(line[i : i+6]), true
		case r >= 0xDC00 && r <= 0xDFFF:
			return i, string(line[i : i+6]), true
		}
		i += 5
	}
	return 0, "", false
}
