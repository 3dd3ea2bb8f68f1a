package suggest

import (
	"fmt"
	"testing"
)

func TestAnchor(t *testing.T) {
	text := "😀 Crooked elites lie.\r\nThe crooked  ELITES\r\nagain."
	labels := map[string]bool{"Name_Calling": true}
	ms := []Mention{
		{Quote: "crooked elites", Label: "Name_Calling", Justification: "insult"},
		{Quote: "again", Label: "Flag_Waving"},
		{Quote: "not here", Label: "Name_Calling"},
		{Quote: " ", Label: "Name_Calling"},
	}
	got, missed := Anchor("d", "technique", text, 10, ms, labels, "model:m")
	var g []string
	for _, s := range got {
		g = append(g, fmt.Sprintf("%d-%d %q %s", s.Start, s.End, s.Text, s.Justification))
	}
	// No exact occurrence: loosely, both (case, white space).
	want := []string{`12-26 "Crooked elites" insult`, `37-52 "crooked  ELITES" insult`}
	if fmt.Sprint(g) != fmt.Sprint(want) {
		t.Errorf("anchored %q\nwant %q", g, want)
	}
	if len(missed) != 3 || missed[0].Reason != `label "Flag_Waving" is not one of layer technique's` ||
		missed[1].Reason != "the quote does not occur in the text" || missed[2].Reason != "the quote is empty" {
		t.Errorf("missed %+v", missed)
	}
}

func TestAnchorExactEveryOccurrence(t *testing.T) {
	text := "War is war.\r\n👍🏽 war"
	got, _ := Anchor("d", "l", text, 0, []Mention{{Quote: "war", Label: "X"}}, map[string]bool{"X": true}, "m")
	if len(got) != 2 || got[0].Start != 7 || got[1].Start != 16 || got[1].End != 19 {
		t.Errorf("%+v", got)
	}
}

func TestParagraphs(t *testing.T) {
	ps := Paragraphs("é one\r\n\r\n  two 😀\n \nthree\n")
	want := []Paragraph{{"é one", 0}, {"two 😀", 11}, {"three\n", 19}}
	if fmt.Sprint(ps) != fmt.Sprint(want) {
		t.Errorf("%v\nwant %v", ps, want)
	}
}
