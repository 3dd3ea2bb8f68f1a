package annotate

import (
	"context"
	"fmt"
	"iter"
	"strings"
)

// The services below are what the window and the command line need of a
// project, split small so that a consumer can ask for only what it uses. A
// store (SQLite today, a team server later) implements all of them; the
// contract suite in storage/storagetest says how each must behave.

// DocumentService lists and reads documents.
type DocumentService interface {
	// Documents lists every document in import order with the annotator's
	// status and span count.
	Documents(ctx context.Context, annotator string) ([]DocSummary, error)
	// SearchDocuments lists, in import order, the documents whose title or
	// text match query; an empty query lists them all.
	SearchDocuments(ctx context.Context, query, annotator string) ([]DocSummary, error)
	// Document returns one document, its text exactly as imported.
	Document(ctx context.Context, id string) (Document, error)
	// Annotations returns a document with everything recorded on it.
	Annotations(ctx context.Context, docID string) (AnnotatedDoc, error)
}

// EditService applies edits and walks each annotator's undo history, which
// outlives the process.
type EditService interface {
	// Apply validates and applies e and returns it as completed by the
	// store (ids, times, what it replaced), so that its Inverse undoes it.
	Apply(ctx context.Context, e Edit) (Edit, error)
	Undo(ctx context.Context, annotator string) (Edit, bool, error)
	Redo(ctx context.Context, annotator string) (Edit, bool, error)
	// NextUndo and NextRedo say what Undo and Redo would do, without doing it.
	NextUndo(ctx context.Context, annotator string) (Edit, bool, error)
	NextRedo(ctx context.Context, annotator string) (Edit, bool, error)
}

// SchemaService reads the project's schema and counts what a change to it
// would touch. The schema itself changes through an edit (SetSchema).
type SchemaService interface {
	Schema(ctx context.Context) (Schema, error)
	SpanCountByLabel(ctx context.Context, layer, label string) (int, error)
	SpanCountByLayer(ctx context.Context, layer string) (int, error)
	DocLabelCountByLabel(ctx context.Context, layer, label string) (int, error)
}

// TransferService brings documents in and out in bulk.
type TransferService interface {
	// Import adds documents, all or nothing, skipping those the project
	// already holds (same id, or the same text under another id). The
	// options, at most one, may change the schema in the same transaction.
	Import(ctx context.Context, docs iter.Seq2[AnnotatedDoc, error], opts ...ImportOptions) (ImportResult, error)
	// Export calls fn with every document and everything on it, in import
	// order; an error from fn stops it and is returned.
	Export(ctx context.Context, fn func(AnnotatedDoc) error) error
	// Merge adds other annotators' work, all or nothing. A document whose
	// id the project does not hold is added as Import adds it (its text
	// must be new to the project too: EConflict otherwise). A document
	// whose id it holds must have the same text (EInvalid otherwise); its
	// spans, relations and document labels are added to the project's,
	// checked with them (relations may end at spans already there; a span
	// or relation id the document uses is EConflict), and its statuses
	// replace those annotators' own. Nothing already there is changed or
	// removed. Deciding what is new (matching documents by text, leaving
	// out duplicates) is the caller's: see project.Service.Merge. Merges
	// are not edits: not in the edit log, not undone.
	Merge(ctx context.Context, docs iter.Seq2[AnnotatedDoc, error]) (MergeResult, error)
}

// MergeResult says what a merge did: documents added, and documents that
// were there and received annotations.
type MergeResult struct {
	Added, Annotated int
}

// ImportOptions say what an import does besides adding documents.
type ImportOptions struct {
	// Schema, when not nil, is applied (Edit.Apply, every rule of a schema
	// edit) in the import's transaction before the first document is
	// checked: the labels an import brings, added to the schema
	// (Schema.WithUnknowns). If the import fails, the schema stays as it
	// was. Like the import, it is not in the edit log: it cannot be undone.
	Schema *SetSchemaEdit
}

// StatsService summarises a project.
type StatsService interface {
	Stats(ctx context.Context) (Stats, error)
}

// SuggestionService keeps what suggestions need besides the annotations:
// each span layer's gazetteer (phrases the user says carry a label) and the
// suggestions annotators rejected, which do not come back for that document.
// A rejection is made and undone by an edit (RejectSuggestion), so it is in
// the annotator's undo history.
type SuggestionService interface {
	// Gazetteer lists a layer's entries, or every layer's for "", in the
	// order they were added.
	Gazetteer(ctx context.Context, layer string) ([]GazetteerEntry, error)
	// AddGazetteer adds entries, all or nothing, and says how many were new
	// (an entry it holds, same layer, text and label, is left as it is). An
	// entry whose layer is not a span layer of the schema, whose label is not
	// one of the layer's, or whose text is blank is refused (EInvalid).
	AddGazetteer(ctx context.Context, entries []GazetteerEntry) (int, error)
	// Rejections lists the suggestions an annotator rejected on a document.
	Rejections(ctx context.Context, doc, annotator string) ([]Rejection, error)
}

// ActorService reads the actor registry. Entries change through edits
// (CreateActor, UpdateActor, LinkActor, MergeActors, SplitActor), so that
// every change is in the edit log and can be undone.
type ActorService interface {
	// Actors lists the entries by name (ActorKey).
	Actors(ctx context.Context) ([]ActorEntry, error)
	// ActorUse counts each entry's mentions (linked spans, of every
	// annotator) and the documents they are in, by entry id; an entry no
	// span links to is absent.
	ActorUse(ctx context.Context) (map[string]ActorUse, error)
	// ActorMentions are the spans linked to an entry, in document and
	// reading order.
	ActorMentions(ctx context.Context, id string) ([]SpanRef, error)
}

// ActorUse is how much one registry entry is used.
type ActorUse struct {
	ID                  string
	Mentions, Documents int
}

// Store is one open project.
type Store interface {
	DocumentService
	EditService
	SchemaService
	TransferService
	StatsService
	SearchService
	SuggestionService
	ActorService
	// Path is the project's location as given to Create or Open.
	Path() string
	Close() error
}

// Watcher is what a window needs to follow a project that other windows
// and processes change too; a store may have it (the SQLite one does).
type Watcher interface {
	// Version changes whenever the project changes, by anyone.
	Version(ctx context.Context) (int64, error)
	// EditHead is the newest edit-log row: everything up to it is what
	// a window shows after reading the project.
	EditHead(ctx context.Context) (int64, error)
	// Written is the edit-log row this handle wrote last.
	Written() int64
	// UndoSeen is Undo, refused with EConflict (nothing undone) when the
	// row it would take back is not one seen accepts.
	UndoSeen(ctx context.Context, annotator string, seen func(seq int64) bool) (Edit, bool, error)
}

// Opener creates and opens projects. main.go hands the SQLite one to the
// window and the command line, which never name the implementation.
type Opener interface {
	// Create makes a new project holding schema; it refuses a path that
	// already exists.
	Create(ctx context.Context, path string, schema Schema) (Store, error)
	// Open opens an existing project, refusing anything that is not one.
	Open(ctx context.Context, path string) (Store, error)
	// IsProjectFile reports, from the file's first bytes, whether path
	// holds a file of the kind this store keeps projects in (another
	// program's database counts too), so that an export never replaces one.
	IsProjectFile(path string) bool
}

// DocSummary is one row of the document list.
type DocSummary struct {
	ID, Title string
	// Status is the annotator's status (todo when none is recorded).
	Status Status
	// Spans counts the annotator's spans on the document, or every span when
	// the annotator is "".
	Spans int
}

// ImportResult says what an import did.
type ImportResult struct {
	Added, Skipped int
	// SkippedIDs are the ids of documents skipped because the project already
	// held them (same id, or the same text under another id).
	SkippedIDs []string
}

// DocumentError is an import's refusal of one document: ID names it, Err
// says what is wrong with it. A caller that knows where the document came
// from (a file and line) can say so.
type DocumentError struct {
	ID  string
	Err error
}

func (e *DocumentError) Error() string {
	msg := e.Err.Error()
	// Document.Validate names the document itself.
	if where := fmt.Sprintf("document %q", e.ID); !strings.HasPrefix(msg, where) {
		msg = where + ": " + msg
	}
	return msg
}

func (e *DocumentError) Unwrap() error { return e.Err }

// DocumentID names the refused document, for format.Tracker.Locate.
func (e *DocumentError) DocumentID() string { return e.ID }

// Stats summarises a project: what `frametag stats` prints.
type Stats struct {
	Documents int
	Relations int
	// Layers in schema order, each with its labels in schema order; span
	// layers count spans, document layers count document labels. Labels
	// the schema no longer knows (none, normally) come last.
	Layers []LayerStats
	// Annotators by name: everyone with an annotation or a status.
	Annotators []AnnotatorStats
}

// LayerStats counts the annotations of one layer.
type LayerStats struct {
	Layer  string
	Kind   LayerKind
	Count  int
	Labels []LabelCount
}

// LabelCount is how many annotations carry one label.
type LabelCount struct {
	Label string
	Count int
}

// AnnotatorStats is one annotator's work.
type AnnotatorStats struct {
	Name                        string
	Spans, Relations, DocLabels int
	// Statuses counts documents per status; documents without a recorded
	// status count as todo, so the counts add up to Documents.
	Statuses map[Status]int
}
