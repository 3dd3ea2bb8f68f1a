-- frametag project format 3: what suggestions need besides the annotations.
-- gazetteer: each span layer's phrases the user says carry a label
-- (frametag gazetteer), in the order added (rowid).
-- rejections: suggestions an annotator rejected on a document, which do not
-- come back for them there (made and undone by reject_suggestion edits).

CREATE TABLE gazetteer (
    layer TEXT NOT NULL,
    text  TEXT NOT NULL,
    label TEXT NOT NULL,
    UNIQUE (layer, text, label)
);

CREATE TABLE rejections (
    doc       TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    annotator TEXT NOT NULL,
    layer     TEXT NOT NULL,
    label     TEXT NOT NULL,
    start     INTEGER NOT NULL,
    "end"     INTEGER NOT NULL,
    PRIMARY KEY (doc, annotator, layer, label, start, "end")
) WITHOUT ROWID;
