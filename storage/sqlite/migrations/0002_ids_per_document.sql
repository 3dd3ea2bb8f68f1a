-- frametag project format 2: a span's or relation's id is unique in its
-- document, not in the whole project, as docs/FORMATS.md has always said and
-- every other tool assumes (brat's T1, doccano's 0 in every document).
-- Spans are keyed (doc_pos, id) as before and also unique by (doc, id), which
-- relations reference; relations are keyed (doc, id).
--
-- The store runs migrations with foreign keys off and checks them before it
-- commits (open.go), as SQLite's procedure for changing a table asks: the old
-- tables are renamed out of the way, the new ones made under the old names,
-- the rows copied, the old tables dropped.

ALTER TABLE relations RENAME TO relations_v1;
ALTER TABLE spans RENAME TO spans_v1;
DROP INDEX spans_doc;
DROP INDEX spans_layer_label;
DROP INDEX relations_doc;
DROP INDEX relations_from;
DROP INDEX relations_to;

CREATE TABLE spans (
    doc_pos   INTEGER NOT NULL,
    id        TEXT NOT NULL,
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
    PRIMARY KEY (doc_pos, id),
    UNIQUE (doc, id)
) WITHOUT ROWID;
INSERT INTO spans (doc_pos, id, doc, layer, label, start, "end", fragments, attrs, note, annotator, created, updated)
    SELECT doc_pos, id, doc, layer, label, start, "end", fragments, attrs, note, annotator, created, updated
    FROM spans_v1;
CREATE INDEX spans_doc ON spans(doc, annotator);
CREATE INDEX spans_layer_label ON spans(layer, label);

CREATE TABLE relations (
    doc       TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    id        TEXT NOT NULL,
    type      TEXT NOT NULL,
    from_span TEXT NOT NULL,
    to_span   TEXT NOT NULL,
    annotator TEXT NOT NULL,
    created   TEXT NOT NULL,
    PRIMARY KEY (doc, id),
    FOREIGN KEY (doc, from_span) REFERENCES spans(doc, id) ON DELETE CASCADE,
    FOREIGN KEY (doc, to_span) REFERENCES spans(doc, id) ON DELETE CASCADE
);
INSERT INTO relations (doc, id, type, from_span, to_span, annotator, created)
    SELECT doc, id, type, from_span, to_span, annotator, created FROM relations_v1;
CREATE INDEX relations_from ON relations(doc, from_span);
CREATE INDEX relations_to ON relations(doc, to_span);

DROP TABLE relations_v1;
DROP TABLE spans_v1;
