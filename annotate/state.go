package annotate

import (
	"context"
	"time"
)

// State is what an edit reads and writes: a project as the rules see it. The
// SQLite store implements it over one transaction, so that an edit is applied
// whole or not at all; DocState implements it over the window's copy of one
// document. Its methods are as narrow as the rules need, so that a store can
// answer each with one indexed query instead of loading a whole document
// (the overlap rule asks for one annotator's spans of one layer, not all).
//
// Spans and relations are found by document and id. A lookup reports ok false
// for something that is not there; an error is a failure of the store. Edits
// check everything before they write, so a State without transactions is
// left unchanged by a refused edit.
type State interface {
	// Schema is the current schema; SetSchema replaces it.
	Schema(ctx context.Context) (Schema, error)
	SetSchema(ctx context.Context, sc Schema) error
	// RenameLabel renames a label of a layer in every span and document label
	// that carries it, in every document.
	RenameLabel(ctx context.Context, layer, from, to string) error

	// TextLen is the length of a document's text in code points; ok is
	// false when there is no such document.
	TextLen(ctx context.Context, doc string) (n int, ok bool, err error)
	// Text is a document's text (for a refusal to quote); ok is false when
	// there is no such document.
	Text(ctx context.Context, doc string) (text string, ok bool, err error)

	// Span is one span of a document.
	Span(ctx context.Context, doc, id string) (Span, bool, error)
	// Spans are one annotator's spans of one layer in a document, in
	// reading order (CompareSpans).
	Spans(ctx context.Context, doc, annotator, layer string) ([]Span, error)
	// AllSpans are every span of every document (for schema edits).
	AllSpans(ctx context.Context) ([]Span, error)
	// PutSpan stores a span, replacing the one with its document and id.
	PutSpan(ctx context.Context, sp Span) error
	// DeleteSpan removes a span (the edit removes its relations first).
	DeleteSpan(ctx context.Context, doc, id string) error

	// Relation is one relation of a document.
	Relation(ctx context.Context, doc, id string) (Relation, bool, error)
	// RelationsAt are the relations from or to a span, in the order they
	// were made (creation time, then id).
	RelationsAt(ctx context.Context, doc, span string) ([]Relation, error)
	// AllRelations are every relation of every document (for schema edits).
	AllRelations(ctx context.Context) ([]Relation, error)
	// PutRelation stores a new relation.
	PutRelation(ctx context.Context, r Relation) error
	DeleteRelation(ctx context.Context, doc, id string) error

	// DocLabels are an annotator's labels of one document layer, in the
	// order they were given; SetDocLabels replaces them.
	DocLabels(ctx context.Context, doc, layer, annotator string) ([]string, error)
	// AllDocLabels are every document label (for schema edits), grouped by
	// document, layer and annotator, each group in the order given.
	AllDocLabels(ctx context.Context) ([]DocLabelOf, error)
	SetDocLabels(ctx context.Context, doc, layer, annotator string, labels []string) error

	// Status is an annotator's status on a document: StatusTodo when none
	// is recorded. Setting StatusTodo may record none.
	Status(ctx context.Context, doc, annotator string) (Status, error)
	SetStatus(ctx context.Context, doc, annotator string, st Status) error

	// Rejected reports whether an annotator rejected a suggestion on a
	// document (Rejection says who, where, what); SetRejected records or
	// forgets it.
	Rejected(ctx context.Context, r Rejection) (bool, error)
	SetRejected(ctx context.Context, r Rejection, rejected bool) error

	// Actor is one entry of the actor registry; ActorNamed the entry whose
	// name has key (ActorKey). PutActor stores an entry, replacing the one
	// with its id; DeleteActor removes one no span links to.
	Actor(ctx context.Context, id string) (ActorEntry, bool, error)
	ActorNamed(ctx context.Context, key string) (ActorEntry, bool, error)
	PutActor(ctx context.Context, a ActorEntry) error
	DeleteActor(ctx context.Context, id string) error
	// ActorSpans are the spans, of every annotator and document, linked to
	// an entry (in document order, then reading order).
	ActorSpans(ctx context.Context, id string) ([]SpanRef, error)
	// SetSpanActor links a span to an entry ("" unlinks it), changing
	// nothing else of it: the registry's edits move everyone's mentions.
	SetSpanActor(ctx context.Context, doc, span, actor string) error

	// Now is the time a new annotation is stamped with (the injected clock).
	Now() time.Time
	// NewID is a fresh id with the prefix ("s" for spans, "r" for relations).
	NewID(prefix string) string
}
