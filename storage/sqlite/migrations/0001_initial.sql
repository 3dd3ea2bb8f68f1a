-- frametag project format 1.
-- Times are RFC 3339 strings in UTC with nanoseconds; JSON columns hold the
-- annotate package's encodings (fragments, attributes, extra metadata, schema,
-- edits).

CREATE TABLE schema (
    id      INTEGER PRIMARY KEY CHECK (id = 1),
    version INTEGER NOT NULL,
    body    TEXT    NOT NULL -- JSON of annotate.Schema
);

-- position is the rowid: import order, the FTS rowid, and the order of a
-- sequential scan. id is the document's own (unique) key.
CREATE TABLE documents (
    position INTEGER PRIMARY KEY,
    id       TEXT NOT NULL UNIQUE,
    title    TEXT NOT NULL,
    text     TEXT NOT NULL,
    -- annotate.Meta, in columns so that it can be filtered on
    source    TEXT NOT NULL,
    url       TEXT NOT NULL,
    published TEXT NOT NULL,
    language  TEXT NOT NULL,
    extra     TEXT, -- JSON object of free key/values, or NULL
    sha256   TEXT NOT NULL UNIQUE
);

-- Spans are clustered by their document's position (WITHOUT ROWID, primary
-- key first), so that an export reads them in one sequential pass alongside
-- the documents. doc_pos copies documents.position, which never changes.
CREATE TABLE spans (
    doc_pos   INTEGER NOT NULL,
    id        TEXT NOT NULL UNIQUE,
    doc       TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    layer     TEXT NOT NULL,
    label     TEXT NOT NULL,
    start     INTEGER NOT NULL,
    "end"     INTEGER NOT NULL,
    fragments TEXT NOT NULL, -- JSON [[start,end],...]
    attrs     TEXT,          -- JSON object or NULL
    note      TEXT NOT NULL,
    annotator TEXT NOT NULL,
    created   TEXT NOT NULL,
    updated   TEXT NOT NULL,
    PRIMARY KEY (doc_pos, id)
) WITHOUT ROWID;
CREATE INDEX spans_doc ON spans(doc, annotator);
CREATE INDEX spans_layer_label ON spans(layer, label);

CREATE TABLE relations (
    id        TEXT PRIMARY KEY,
    doc       TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    type      TEXT NOT NULL,
    from_span TEXT NOT NULL REFERENCES spans(id) ON DELETE CASCADE,
    to_span   TEXT NOT NULL REFERENCES spans(id) ON DELETE CASCADE,
    annotator TEXT NOT NULL,
    created   TEXT NOT NULL
);
CREATE INDEX relations_doc ON relations(doc);
CREATE INDEX relations_from ON relations(from_span);
CREATE INDEX relations_to ON relations(to_span);

CREATE TABLE doc_labels (
    doc       TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    layer     TEXT NOT NULL,
    label     TEXT NOT NULL,
    annotator TEXT NOT NULL,
    PRIMARY KEY (doc, layer, label, annotator)
);

CREATE TABLE statuses (
    doc       TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    annotator TEXT NOT NULL,
    status    TEXT NOT NULL,
    PRIMARY KEY (doc, annotator)
);

-- The edit log: every applied edit, undo and redo, as the completed
-- annotate.Edit in JSON. state drives the per-annotator undo and redo stacks:
-- 'done' edits can be undone, 'undone' ones redone; 'spent' rows are history.
CREATE TABLE edit_log (
    seq       INTEGER PRIMARY KEY,
    at        TEXT NOT NULL,
    annotator TEXT NOT NULL,
    kind      TEXT NOT NULL CHECK (kind IN ('edit', 'undo', 'redo')),
    target    INTEGER REFERENCES edit_log(seq), -- undo/redo: the row undone or redone
    state     TEXT NOT NULL CHECK (state IN ('done', 'undone', 'spent')),
    edit      TEXT NOT NULL
);
CREATE INDEX edit_log_stack ON edit_log(annotator, state, seq);

-- Full-text search over titles and texts; the text itself lives only in
-- documents (external content). Import indexes new documents with one
-- statement at its end: a trigger per row would make FTS5 flush its pending
-- terms at every statement, several times slower. Deletes and updates
-- (none in format 1's API) are kept in step by triggers.
CREATE VIRTUAL TABLE documents_fts USING fts5(
    title, text, content = 'documents', content_rowid = 'position'
);
CREATE TRIGGER documents_fts_delete AFTER DELETE ON documents BEGIN
    INSERT INTO documents_fts(documents_fts, rowid, title, text)
        VALUES ('delete', old.position, old.title, old.text);
END;
CREATE TRIGGER documents_fts_update AFTER UPDATE ON documents BEGIN
    INSERT INTO documents_fts(documents_fts, rowid, title, text)
        VALUES ('delete', old.position, old.title, old.text);
    INSERT INTO documents_fts(rowid, title, text) VALUES (new.position, new.title, new.text);
END;
