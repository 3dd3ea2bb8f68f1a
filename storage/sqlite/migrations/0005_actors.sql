-- frametag project format 5: the actor registry. One entry per actor, which
-- actor spans link to (spans.actor), replacing the free-text canonical_name
-- attribute: the store moves each distinct canonical_name (by
-- annotate.ActorKey) to an entry after this script, in the same transaction
-- (open.go: migrationSteps), and takes the attribute off the spans.
-- name_key is annotate.ActorKey(name): names are unique by it.

CREATE TABLE actors (
    id          TEXT PRIMARY KEY,
    name        TEXT NOT NULL,
    name_key    TEXT NOT NULL UNIQUE,
    kind        TEXT NOT NULL,
    aliases     TEXT,          -- JSON array of strings, or NULL
    description TEXT NOT NULL,
    external_id TEXT NOT NULL
);

ALTER TABLE spans ADD COLUMN actor TEXT REFERENCES actors(id);
CREATE INDEX spans_actor ON spans(actor) WHERE actor IS NOT NULL;
