package annotate

import (
	"strings"
	"testing"
	"unicode/utf16"
)

// utf16Len counts what a browser's String.length would say.
func utf16Len(s string) int { return len(utf16.Encode([]rune(s))) }

func TestTextIndexConversions(t *testing.T) {
	tests := []struct {
		name string
		text string
	}{
		{"empty", ""},
		{"ascii", "EU rejects German call"},
		{"astral emoji", "a😀b😀c"},
		{"ZWJ family", "x👨‍👩‍👧y"},
		{"combining marks", "cafe\u0301 na\u0303o"},
		{"CRLF", "line one\r\nline two\r\n"},
		{"Cyrillic and CJK", "Київ 東京 Москва"},
		{"NBSP and curly quotes", "“quoted”\u00a0text ’s"},
		{"flag", "🇺🇦 Ukraine"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ix := NewTextIndex(tt.text)
			runes := []rune(tt.text)
			if ix.Len() != len(runes) {
				t.Fatalf("Len = %d, want %d", ix.Len(), len(runes))
			}
			if ix.Text() != tt.text {
				t.Fatalf("Text() changed the text")
			}
			for cp := 0; cp <= len(runes); cp++ {
				prefix := string(runes[:cp])
				b, err := ix.Byte(cp)
				if err != nil || b != len(prefix) {
					t.Errorf("Byte(%d) = %d, %v; want %d", cp, b, err, len(prefix))
				}
				back, err := ix.CodePointOfByte(len(prefix))
				if err != nil || back != cp {
					t.Errorf("CodePointOfByte(%d) = %d, %v; want %d", len(prefix), back, err, cp)
				}
				u, err := ix.UTF16(cp)
				if err != nil || u != utf16Len(prefix) {
					t.Errorf("UTF16(%d) = %d, %v; want %d", cp, u, err, utf16Len(prefix))
				}
				back, err = ix.CodePointOfUTF16(utf16Len(prefix))
				if err != nil || back != cp {
					t.Errorf("CodePointOfUTF16(%d) = %d, %v; want %d", utf16Len(prefix), back, err, cp)
				}
				for end := cp; end <= len(runes); end++ {
					got, err := ix.Slice(cp, end)
					if want := string(runes[cp:end]); err != nil || got != want {
						t.Fatalf("Slice(%d,%d) = %q, %v; want %q", cp, end, got, err, want)
					}
				}
			}
		})
	}
}

func TestTextIndexRefusesBadOffsets(t *testing.T) {
	ix := NewTextIndex("a😀é") // a, U+1F600 (4 bytes, 2 units), é (2 bytes)
	tests := []struct {
		name string
		call func() error
	}{
		{"byte inside emoji", func() error { _, err := ix.CodePointOfByte(2); return err }},
		{"byte inside é", func() error { _, err := ix.CodePointOfByte(6); return err }},
		{"byte past end", func() error { _, err := ix.CodePointOfByte(8); return err }},
		{"byte negative", func() error { _, err := ix.CodePointOfByte(-1); return err }},
		{"UTF-16 inside surrogate pair", func() error { _, err := ix.CodePointOfUTF16(2); return err }},
		{"UTF-16 past end", func() error { _, err := ix.CodePointOfUTF16(5); return err }},
		{"UTF-16 negative", func() error { _, err := ix.CodePointOfUTF16(-1); return err }},
		{"code point past end", func() error { _, err := ix.Byte(4); return err }},
		{"code point negative", func() error { _, err := ix.UTF16(-1); return err }},
		{"slice reversed", func() error { _, err := ix.Slice(2, 1); return err }},
		{"slice past end", func() error { _, err := ix.Slice(0, 4); return err }},
		{"span text past end", func() error { _, err := ix.SpanText([]Fragment{{0, 1}, {2, 9}}); return err }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if err := tt.call(); err == nil {
				t.Fatal("accepted an offset it should refuse")
			}
		})
	}
	// The good neighbours of the refused offsets do convert.
	if cp, err := ix.CodePointOfUTF16(3); err != nil || cp != 2 {
		t.Errorf("CodePointOfUTF16(3) = %d, %v; want 2", cp, err)
	}
	if cp, err := ix.CodePointOfByte(5); err != nil || cp != 2 {
		t.Errorf("CodePointOfByte(5) = %d, %v; want 2", cp, err)
	}
}

func TestSpanTextJoinsFragments(t *testing.T) {
	text := "“Russia invaded Ukraine,” he said, “and seized territory.”"
	ix := NewTextIndex(text)
	tests := []struct {
		frags []Fragment
		want  string
	}{
		{[]Fragment{{1, 23}}, "Russia invaded Ukraine"},
		{[]Fragment{{1, 23}, {36, 56}}, "Russia invaded Ukraine" + FragmentSeparator + "and seized territory"},
		{nil, ""},
	}
	for _, tt := range tests {
		got, err := ix.SpanText(tt.frags)
		if err != nil || got != tt.want {
			t.Errorf("SpanText(%v) = %q, %v; want %q", tt.frags, got, err, tt.want)
		}
	}
	if CodePointLen(text) != len([]rune(text)) || !strings.Contains(FragmentSeparator, "…") {
		t.Errorf("CodePointLen or FragmentSeparator changed meaning")
	}
}
