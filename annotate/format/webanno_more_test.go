package format

import (
	"slices"
	"testing"
)

// TSV 3.1 wrote a sentence holding a line break as several #Text= lines;
// lines may lack the trailing TAB; a sub-token may carry a stacked
// annotation of its token's; the whitespace between sentences is not in
// the file.
func TestWebAnnoOlderShapes(t *testing.T) {
	in := "#FORMAT=WebAnno TSV 3.3\n#T_SP=webanno.custom.Entity|id|value\n\n\n" +
		"#Text=Київ, 12.\n1-1\t0-4\tКиїв\t*\tGPE\n1-2\t4-5\t,\t_\t_\n1-3\t6-8\t12\t*[1]\tDATE[1]\n1-4\t8-9\t.\t*[1]\tDATE[1]\n\n" +
		"#Text=Травня 😀 і\n#Text=- Bernhardischen.\n2-1\t10-16\tТравня\t*[1]\tDATE[1]\t\n2-2\t17-19\t😀\t_\t_\t\n2-3\t20-21\tі\t_\t_\n2-4\t22-23\t-\t_\t_\n" +
		"2-5\t24-38\tBernhardischen\t*[2]|*[3]\tLIT[2]|PER[3]\n2-5.1\t24-32\tBernhard\t*[3]\tPER[3]\n2-6\t38-39\t.\t_\t_\n"
	docs, _ := readWith(t, WebAnno(), "old.tsv", []byte(in), Options{})
	d := docs[0]
	if want := "Київ, 12.\nТравня 😀 і\n- Bernhardischen."; d.Text != want {
		t.Errorf("text %q, want %q", d.Text, want)
	}
	want := []string{"Entity/DATE \"12.\nТравня\"", `Entity/GPE "Київ"`, `Entity/LIT "Bernhardischen"`, `Entity/PER "Bernhard"`}
	if got := texts(t, d); !slices.Equal(got, want) {
		t.Errorf("\n got %q\nwant %q", got, want)
	}
}
