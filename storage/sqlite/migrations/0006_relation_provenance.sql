-- frametag project format 6: where a gold relation came from.
-- provenance: on a relation of the adjudicated layer (annotator "gold"),
-- "unanimous" or "adjudicated:NAME" (annotate.Relation.Provenance), as on
-- gold spans since format 4; "" on every other relation, and on gold
-- relations from before curation or imported. Gold's settled mark for a
-- rejected relation is a row of rejections with annotator "gold", the
-- relation type as its layer and "relation:FROM>TO" as its label.

ALTER TABLE relations ADD COLUMN provenance TEXT NOT NULL DEFAULT '';
