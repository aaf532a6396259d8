-- 011: an entity's attributes in recorded time (issue 15). A new value
-- closes the current row (rec_to) and appends a new one, as facts do, so
-- that "as known on" an earlier day gives the attributes known then and a
-- dataset's new release (import --release) can correct and retract them.
-- source_id is the dataset that gave the value (NULL for rows from before
-- this schema); rows from before it are taken as recorded with their entity.
CREATE TABLE entity_attr_v (
  id        INTEGER PRIMARY KEY,
  entity_id INTEGER NOT NULL REFERENCES entity(id),
  key       TEXT NOT NULL,
  value     TEXT NOT NULL,
  source_id INTEGER REFERENCES source(id),
  rec_from  INTEGER NOT NULL,
  rec_to    INTEGER NOT NULL DEFAULT 9223372036854775807
);
INSERT INTO entity_attr_v(entity_id, key, value, rec_from)
  SELECT a.entity_id, a.key, a.value, e.rec_from FROM entity_attr a JOIN entity e ON e.id = a.entity_id;
DROP TABLE entity_attr;
ALTER TABLE entity_attr_v RENAME TO entity_attr;
CREATE UNIQUE INDEX entity_attr_current ON entity_attr(entity_id, key) WHERE rec_to = 9223372036854775807;
CREATE INDEX entity_attr_entity ON entity_attr(entity_id, rec_from);
