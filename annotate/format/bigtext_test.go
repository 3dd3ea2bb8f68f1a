package format

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"reflect"
	"runtime"
	"strings"
	"testing"
	"unicode/utf8"
)

// bigTextLines are JSONL lines whose "text" the fast path takes apart, or
// must leave to encoding/json: escapes of every kind, a text key written in
// capitals or twice, text that is not a string, broken JSON around it.
var bigTextLines = []string{
	`{"id":"d1","text":"plain"}`,
	`{"id":"d1","text":"line one\nline two\r\n\t\"quoted\" back\\slash \/ \b\f"}`,
	`{"id":"d1","text":"\u00e9\u0301 \ud83c\uddfa\ud83c\udde6 Привет 🇺🇦"}`,
	`{"id":"d1","title":"t","text":"x","spans":[{"layer":"L","label":"A","start":0,"end":1}]}`,
	` { "text" : "spaced" , "id" : "d1" } `,
	`{"id":"d1","Text":"capital key"}`,
	`{"id":"d1","text":"first","text":"second wins"}`,
	`{"id":"d1","text":"first","TEXT":"second wins whatever its case"}`,
	`{"id":"d1","text":null}`,
	`{"id":"d1","text":42}`,
	`{"id":"d1","text":["a"]}`,
	`{"id":"d1","text":"bad escape \x"}`,
	`{"id":"d1","text":"cut \u12"}`,
	"{\"id\":\"d1\",\"text\":\"raw control \x01 char\"}",
	`{"id":"d1","text":"ok" "missing comma"}`,
	`{"id":"d1","text":"ok"} {"second":"value"}`,
	`{"id":"d1","text":"ok","unknown":1}`,
	`{"id":"d1","text":"ok",}`,
	`{"id":"d1","text":"unterminated}`,
	`{"id":"d1","meta":{"text":"nested is not the text"},"text":"outer"}`,
	`{"id":"d1","text":"a \ud800\udc00 pair"}`,
	`["not an object"]`,
	`{"id":"d1","text":"ok","status":{"ann":"done"}}`,
	`{"id":"d\"1","text":"ok"}`,
	`{"i\u0064":"d1","text":"escaped key"}`,
}

// TestBigTextIsReadAsEncodingJSONReadsIt checks that a line decoded with its
// text taken apart (the threshold at 0, so every line tries) gives the same
// document, or the same error, as encoding/json on the whole line.
func TestBigTextIsReadAsEncodingJSONReadsIt(t *testing.T) {
	for _, line := range bigTextLines {
		t.Run(line, func(t *testing.T) { sameEitherWay(t, []byte(line)) })
	}
}

func sameEitherWay(t *testing.T, line []byte) {
	t.Helper()
	fast, ferr := decodeDocIn(line, 0)
	slow, serr := decodeDocIn(line, math.MaxInt)
	if fmt.Sprint(ferr) != fmt.Sprint(serr) {
		t.Fatalf("line %q: error %v taken apart, %v whole", line, ferr, serr)
	}
	if serr == nil && !reflect.DeepEqual(fast, slow) {
		t.Fatalf("line %q:\ntaken apart %#v\nwhole       %#v", line, fast, slow)
	}
}

// FuzzJSONLBigText: reading a line's text apart from the line never gives
// another document or another error than encoding/json reading it whole.
func FuzzJSONLBigText(f *testing.F) {
	for _, l := range bigTextLines {
		f.Add([]byte(l))
	}
	f.Fuzz(func(t *testing.T, line []byte) {
		if !utf8.Valid(line) {
			return // decodeLine refuses it before
		}
		if _, _, lone := loneSurrogate(line); lone {
			return
		}
		sameEitherWay(t, line)
	})
}

// bigLine is one JSONL line of about n bytes whose text has a line break
// escaped in every sentence, as exported articles do.
func bigLineOf(n int) []byte {
	var b bytes.Buffer
	b.WriteString(`{"id":"big","title":"Big","text":"`)
	for b.Len() < n {
		b.WriteString(`The minister said \"we will win\" — Привет 🇺🇦.\n`)
	}
	b.WriteString(`","meta":{"source":"test"}}` + "\n")
	return b.Bytes()
}

// allocated is how many bytes f allocates.
func allocated(f func()) uint64 {
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	f()
	runtime.ReadMemStats(&after)
	return after.TotalAlloc - before.TotalAlloc
}

// TestBigLineCostsAFewTimesItsSize reads a 16 MB line. Reading it whole and
// handing it to encoding/json allocated about 6.5 times the line (its
// decoder's copy of the line, a scratch copy of the text, the text); the
// read now allocates the line twice (bufio gathering it) and the text once.
// Detecting the file's format read the first object whole and unmarshalled
// it (about 7 times the line, and that happened three times an import); it
// now keeps only short values.
func TestBigLineCostsAFewTimesItsSize(t *testing.T) {
	line := bigLineOf(16 << 20)
	var text string
	got := allocated(func() {
		for rec, err := range JSONL().FileReader.ReadFile("big.jsonl", bytes.NewReader(line), Options{}, new(Loss)) {
			if err != nil {
				t.Fatal(err)
			}
			text = rec.Doc.Text
		}
	})
	if !strings.HasPrefix(text, "The minister said \"we will win\" — Привет 🇺🇦.\n") {
		t.Fatalf("text read as %q…", text[:min(len(text), 60)])
	}
	if ratio := float64(got) / float64(len(line)); ratio > 3.5 {
		t.Errorf("reading a %d MB line allocated %.1f times its size, want at most 3.5", len(line)>>20, ratio)
	}
	var keys map[string]json.RawMessage
	got = allocated(func() { keys = firstObjectKeys(bufio.NewReader(bytes.NewReader(line))) })
	if _, ok := keys["text"]; !ok || keys["text"] != nil || string(keys["id"]) != `"big"` || string(keys["meta"]) != `{"source":"test"}` {
		t.Errorf("keys of the first object: %q", keys)
	}
	if got > 1<<20 {
		t.Errorf("detecting the format of a %d MB line allocated %d KB, want under 1 MB", len(line)>>20, got>>10)
	}
}
