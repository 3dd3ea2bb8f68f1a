package annotate

import (
	"context"
	"fmt"
)

// AddRelationEdit links two spans of one document. An empty ID is given a
// fresh one and a zero Created the current time.
type AddRelationEdit struct {
	Annotator string
	Relation  Relation
}

func init() {
	registerEdit(OpAddRelation, func(r editRow) (Edit, error) {
		rel, err := rowRelation(r)
		return AddRelationEdit{Annotator: r.Annotator, Relation: rel}, err
	})
}

// AddRelation is the edit that creates r, made by its annotator.
func AddRelation(r Relation) AddRelationEdit {
	return AddRelationEdit{Annotator: r.Annotator, Relation: r}
}

func (e AddRelationEdit) Op() Op           { return OpAddRelation }
func (e AddRelationEdit) Doc() string      { return e.Relation.DocID }
func (e AddRelationEdit) By() string       { return e.Annotator }
func (e AddRelationEdit) Describe() string { return fmt.Sprintf("link %s", e.Relation.Type) }

func (e AddRelationEdit) Inverse() Edit {
	return DeleteRelationEdit(e)
}

func (e AddRelationEdit) row() editRow {
	return editRow{Op: OpAddRelation, DocID: e.Relation.DocID, Annotator: e.Annotator, Relations: []Relation{e.Relation}}
}

func (e AddRelationEdit) Apply(ctx context.Context, st State) (Edit, error) {
	if err := checkBy(e); err != nil {
		return nil, err
	}
	sc, err := st.Schema(ctx)
	if err != nil {
		return nil, err
	}
	r, err := completeRelation(ctx, st, &sc, e.Relation, e.Relation.DocID, e.Annotator, nil)
	if err != nil {
		return nil, err
	}
	if err := st.PutRelation(ctx, r); err != nil {
		return nil, err
	}
	return AddRelationEdit{Annotator: e.Annotator, Relation: r}, nil
}
