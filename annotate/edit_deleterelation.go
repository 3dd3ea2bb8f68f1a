package annotate

import (
	"context"
	"fmt"
)

// DeleteRelationEdit removes a relation. Only its document and id are
// needed; Apply completes it with what was stored.
type DeleteRelationEdit struct {
	Annotator string
	Relation  Relation
}

func init() {
	registerEdit(OpDeleteRelation, func(r editRow) (Edit, error) {
		rel, err := rowRelation(r)
		return DeleteRelationEdit{Annotator: r.Annotator, Relation: rel}, err
	})
}

// DeleteRelation is the edit by annotator that removes r.
func DeleteRelation(r Relation, annotator string) DeleteRelationEdit {
	return DeleteRelationEdit{Annotator: annotator, Relation: r}
}

func (e DeleteRelationEdit) Op() Op           { return OpDeleteRelation }
func (e DeleteRelationEdit) Doc() string      { return e.Relation.DocID }
func (e DeleteRelationEdit) By() string       { return e.Annotator }
func (e DeleteRelationEdit) Describe() string { return fmt.Sprintf("unlink %s", e.Relation.Type) }

func (e DeleteRelationEdit) Inverse() Edit {
	return AddRelationEdit(e)
}

func (e DeleteRelationEdit) row() editRow {
	return editRow{Op: OpDeleteRelation, DocID: e.Relation.DocID, Annotator: e.Annotator, Relations: []Relation{e.Relation}}
}

func (e DeleteRelationEdit) Apply(ctx context.Context, st State) (Edit, error) {
	if err := checkBy(e); err != nil {
		return nil, err
	}
	id := e.Relation.ID
	if id == "" {
		return nil, Errorf(EInvalid, "delete_relation: want one relation id")
	}
	stored, ok, err := st.Relation(ctx, e.Relation.DocID, id)
	if err != nil {
		return nil, err
	}
	if !ok {
		return nil, Errorf(ENotFound, "relation %s: not found (deleted meanwhile?)", id)
	}
	if err := checkOwner(e.Annotator, stored.Annotator, fmt.Sprintf("relation %s (%s)", stored.ID, stored.Type)); err != nil {
		return nil, err
	}
	if err := st.DeleteRelation(ctx, stored.DocID, id); err != nil {
		return nil, err
	}
	return DeleteRelationEdit{Annotator: e.Annotator, Relation: stored}, nil
}
