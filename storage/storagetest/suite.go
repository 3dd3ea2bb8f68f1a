// Package storagetest is the contract every frametag store keeps: what the
// window and the command line may count on from an annotate.Store, whatever
// keeps the project. A store's own tests call Run; SQLite runs it now, a
// server store for teams will run the same suite.
//
// The suite covers edits (applied, refused with a code and without a trace,
// undone and redone, also across a close and reopen), imports (all or
// nothing, duplicates skipped by id and by text), merges (annotations added to
// documents already there, all or nothing), export and reading order,
// search, stats and two handles on one project at once.
package storagetest

import (
	"testing"

	"frametag/annotate"
)

// Config is how the suite reaches the store under test.
type Config struct {
	// Opener creates and opens the store under test. Its clock must move
	// on between readings: the suite checks that an update is stamped later
	// than the span's creation.
	Opener annotate.Opener
	// NewPath names a fresh place for a new project, one per call, which
	// the Opener may create and open (more than once at the same time).
	NewPath func(t testing.TB) string
}

// Run runs the whole contract against the store c reaches.
func Run(t *testing.T, c Config) {
	tests := []struct {
		name string
		test func(*testing.T, Config)
	}{
		{"CreateThenOpen", testCreateThenOpen},
		{"CreateRefusesInvalidSchema", testCreateRefusesInvalidSchema},
		{"EditUndoRedo", testEditUndoRedo},
		{"CurationUndoRedo", testCurationUndoRedo},
		{"ApplyRefusesInvalidEdits", testApplyRefusesInvalidEdits},
		{"OverlapRuleIsPerAnnotatorAndLayer", testOverlapRuleIsPerAnnotatorAndLayer},
		{"UndoIsPerAnnotatorAndNewEditClearsRedo", testUndoIsPerAnnotatorAndNewEditClearsRedo},
		{"UndoOfSomethingChangedSinceIsDropped", testUndoOfSomethingChangedSinceIsDropped},
		{"UndoSchemaRemovesLabelsAddedMeanwhile", testUndoSchemaRemovesLabelsAddedMeanwhile},
		{"RoundTrip", testRoundTrip},
		{"ImportIsAllOrNothing", testImportIsAllOrNothing},
		{"ImportStopsOnSequenceError", testImportStopsOnSequenceError},
		{"ImportSkipsDocumentsAlreadyPresent", testImportSkipsDocumentsAlreadyPresent},
		{"ImportDefaultsUnknownStatusToTodo", testImportDefaultsUnknownStatusToTodo},
		{"IDsAreUniquePerDocument", testIDsAreUniquePerDocument},
		{"ImportWithSchemaEdit", testImportWithSchemaEdit},
		{"MergeAddsToDocuments", testMergeAddsToDocuments},
		{"ExportKeepsImportOrderAndReadingOrder", testExportKeepsImportOrderAndReadingOrder},
		{"MissingThingsAreNotFound", testMissingThingsAreNotFound},
		{"DocumentsListsInImportOrderWithStatusAndCounts", testDocumentsListsInImportOrderWithStatusAndCounts},
		{"SearchDocuments", testSearchDocuments},
		{"Search", testSearch},
		{"Stats", testStats},
		{"Gazetteer", testGazetteer},
		{"RejectSuggestion", testRejectSuggestion},
		{"AcceptedSuggestionKeepsOrigin", testAcceptedSuggestionKeepsOrigin},
		{"ActorRegistryEdits", testActorRegistryEdits},
		{"ActorRegistryRefusals", testActorRegistryRefusals},
		{"ImportLinksActorNames", testImportLinksActorNames},
		{"TwoStoresWriteConcurrently", testTwoStoresWriteConcurrently},
		{"ReadersDuringImportsAndEdits", testReadersDuringImportsAndEdits},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) { tt.test(t, c) })
	}
}
