-- frametag project format 4: where a gold span came from.
-- provenance: on a span of the adjudicated layer (annotator "gold"),
-- "unanimous", "adjudicated:NAME" or "curator" (annotate.Span.Provenance);
-- "" on every other span, and on gold spans from before curation or
-- imported. Gold's settled-with-nothing marks (a rejected dispute) are
-- rows of rejections with annotator "gold" and label "".

ALTER TABLE spans ADD COLUMN provenance TEXT NOT NULL DEFAULT '';
