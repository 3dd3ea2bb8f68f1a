-- frametag project format 7: the index a new span's overlap rule reads by.
-- The rule asks for one annotator's spans of one layer in a document
-- (annotate.State.Spans); with the index on (doc, annotator) alone, SQLite
-- looked up every span of the annotator in the document to test its layer:
-- 6–9 ms for an actor span on an article holding 10,000 technique spans.
-- The queries by (doc, annotator) use the index's first two columns.

DROP INDEX spans_doc;
CREATE INDEX spans_doc ON spans(doc, annotator, layer);
