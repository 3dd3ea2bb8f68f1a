package findings_test

import (
	"reflect"
	"testing"

	"frametag/annotate/findings"
	"frametag/annotate/findings/findingstest"
)

func TestActorsHandComputed(t *testing.T) {
	l := findings.NewActorList(findingstest.Schema(), findings.Options{})
	docs := findingstest.Corpus()
	for i := range docs {
		l.Add(&docs[i])
	}
	got := l.Actors()
	want := []findings.Actor{
		{Name: "John Smith", Kind: "PERSON", Kinds: map[string]int{"PERSON": 2}, Aliases: []string{"Minister Smith", "Smith"}, Mentions: 2, Documents: 2, Claims: 2},
		{Name: "He", Kind: "PERSON", Kinds: map[string]int{"PERSON": 1}, Aliases: []string{}, Mentions: 1, Documents: 1, Claims: 2},
		{Name: "Smith", Kind: "PERSON", Kinds: map[string]int{"PERSON": 1}, Aliases: []string{}, Mentions: 1, Documents: 1, Claims: 1},
		{Name: "Workers' Union", Kind: "ORG", Kinds: map[string]int{"ORG": 1}, Aliases: []string{"The Union"}, Mentions: 1, Documents: 1, Claims: 1},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("actors:\n got %+v\nwant %+v", got, want)
	}
}
