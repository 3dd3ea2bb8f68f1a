package sqlite

import (
	"path/filepath"
	"reflect"
	"testing"

	"frametag/annotate"
	"frametag/project"
	"frametag/storage/storagetest"
)

// perDocument hides RejectionsBy, so the queue reads gold's marks one
// document at a time, as from a store without it.
type perDocument struct{ project.CurationSource }

// TestCurationQueueReadsMarksOnce: the queue with gold's marks read in one
// query is the queue read document by document, and a rejected dispute
// counts as settled in it.
func TestCurationQueueReadsMarksOnce(t *testing.T) {
	ctx := t.Context()
	s, err := Create(ctx, filepath.Join(t.TempDir(), "q.frametag"), curationSchema())
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if _, err := s.Import(ctx, storagetest.Seq(curationCorpus(3))); err != nil {
		t.Fatal(err)
	}
	c, _, err := project.Curation(ctx, s, "d000001")
	if err != nil {
		t.Fatal(err)
	}
	var dispute annotate.Unit
	for _, u := range c.Units {
		if u.Kind == annotate.Dispute && !u.Document {
			dispute = u
			break
		}
	}
	if _, err := s.Apply(ctx, c.Reject("cora", dispute)); err != nil {
		t.Fatal(err)
	}
	once, err := project.CurationQueue(ctx, s)
	if err != nil {
		t.Fatal(err)
	}
	each, err := project.CurationQueue(ctx, perDocument{s})
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(once, each) {
		t.Errorf("one query:\n%+v\nper document:\n%+v", once, each)
	}
	if len(once) != 3 || once[1].Doc != "d000001" || once[1].Counts.DisputesOpen != 4 || once[0].Counts.DisputesOpen != 5 {
		t.Errorf("queue %+v", once)
	}
}
