-- 012: an entity's life (from, to) in recorded time (issue 15). A dataset
-- that dates an entity (COW IGO's sdate and deaddate, an ATOP alliance's
-- first entry and last exit, the spells of a state COW's system made)
-- corrects that life in a new release without overwriting it: the life
-- known until then moves to entity_life with the recorded span in which
-- it was the answer, so that "as known on" an earlier day reads it there.
--   entity.life_source: the dataset source that gave the current life
--     (NULL: given by hand or by the built-in dataset, which no import
--     corrects);
--   entity.life_rec: when the current life was recorded (NULL: with the
--     entity, its rec_from).
ALTER TABLE entity ADD COLUMN life_source INTEGER; -- a source.id
ALTER TABLE entity ADD COLUMN life_rec INTEGER;
CREATE TABLE entity_life (
  id        INTEGER PRIMARY KEY,
  entity_id INTEGER NOT NULL REFERENCES entity(id),
  from_lo   INTEGER NOT NULL, from_hi INTEGER NOT NULL, from_prec INTEGER NOT NULL,
  to_lo     INTEGER NOT NULL, to_hi   INTEGER NOT NULL, to_prec   INTEGER NOT NULL,
  source_id INTEGER REFERENCES source(id),
  rec_from  INTEGER NOT NULL,
  rec_to    INTEGER NOT NULL
);
CREATE INDEX entity_life_entity ON entity_life(entity_id, rec_to);
-- The organizations the COW IGO and ATOP importers made before this
-- schema: their life is the dataset's that named them first.
UPDATE entity SET life_source = (SELECT c.source_id FROM name n JOIN citation c ON c.name_id = n.id
                                 WHERE n.entity_id = entity.id ORDER BY n.id LIMIT 1)
 WHERE code LIKE 'COW:IGO:%' OR code LIKE 'ATOP:%';
