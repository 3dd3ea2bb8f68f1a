package format

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"maps"
	"slices"
	"strings"
	"unicode/utf8"
)

// builtinMaps are the label maps frametag knows by name, for a --map flag
// to take a name as well as a file. Each is added by the file of the
// format it belongs to.
var builtinMaps = map[string]builtinMap{}

type builtinMap struct {
	description string
	make        func() LabelMap
}

// registerMap adds a built-in map at init time; a name taken twice stops
// the program before it starts.
func registerMap(name, description string, make func() LabelMap) {
	if _, dup := builtinMaps[name]; dup {
		panic("format: label map " + name + " registered twice")
	}
	builtinMaps[name] = builtinMap{description: description, make: make}
}

// BuiltinMap returns a fresh copy of the built-in label map of that name.
func BuiltinMap(name string) (LabelMap, bool) {
	m, ok := builtinMaps[name]
	if !ok {
		return nil, false
	}
	return m.make(), true
}

// BuiltinMaps lists the built-in label maps' names, sorted.
func BuiltinMaps() []string { return slices.Sorted(maps.Keys(builtinMaps)) }

// BuiltinMapDescription says what a built-in map maps.
func BuiltinMapDescription(name string) string { return builtinMaps[name].description }

// ReadLabelMap reads a label map written as two TAB-separated columns, from
// and to, one pair a line: a spreadsheet's "save as TSV". Blank lines and
// lines starting with # are skipped; a byte order mark and "\r\n" line ends
// are fine. name is how the user knows the file: every error is
// "name:line: what is wrong", and a file with any error maps nothing.
func ReadLabelMap(name string, r io.Reader) (LabelMap, error) {
	m := LabelMap{}
	first := map[string]int{}
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 64*1024), 1<<20)
	line := 0
	for sc.Scan() {
		line++
		text := sc.Bytes()
		if line == 1 {
			text = bytes.TrimPrefix(text, utf8BOM)
		}
		text = bytes.TrimSuffix(text, []byte("\r"))
		fail := func(format string, a ...any) (LabelMap, error) {
			return nil, fmt.Errorf("%s:%d: %s", name, line, fmt.Sprintf(format, a...))
		}
		if !utf8.Valid(text) {
			return fail("not valid UTF-8")
		}
		s := string(text)
		if strings.TrimSpace(s) == "" || strings.HasPrefix(s, "#") {
			continue
		}
		cols := strings.Split(s, "\t")
		if len(cols) != 2 {
			return fail("want two columns separated by a tab (from, to), got %d", len(cols))
		}
		from, to := strings.TrimSpace(cols[0]), strings.TrimSpace(cols[1])
		if from == "" || to == "" {
			return fail("an empty label (%q -> %q)", from, to)
		}
		if at, ok := first[from]; ok {
			if m[from] == to {
				continue // the same pair again says nothing new
			}
			return fail("%q is mapped to %q here and to %q on line %d", from, to, m[from], at)
		}
		first[from], m[from] = line, to
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("%s:%d: %w", name, line+1, err)
	}
	if len(m) == 0 {
		return nil, fmt.Errorf("%s: no mapping in the file (want lines of from<TAB>to)", name)
	}
	return m, nil
}
