-- geopol schema, version 3: what the importers of the field's datasets
-- (COW, ATOP; lib/import_cow.c, lib/import_atop.c) need beyond the core.
--
-- membership.coding names the dataset coding a row belongs to: NULL for
-- the curated rows (the API, the JSON format), the source code of the
-- dataset otherwise ('cow-igo-3', 'cow-states-2016'; for ATOP the phase
-- too, 'atop-4 phase 2', since ATOP's phases may overlap). The rule
-- that the same member may not hold the same role in the same organization
-- twice at once applies within one coding only, so that COW's year-precise
-- rows stand beside the curated day-exact ones, each citing its own source.
ALTER TABLE membership ADD COLUMN coding TEXT;
CREATE INDEX membership_coding ON membership(coding, org_id) WHERE coding IS NOT NULL;

-- Typed attributes of an entity that the model has no column for: the
-- obligation types of an ATOP alliance (defense, offense, neutrality,
-- non_aggression, consultation: '1' or '0').
CREATE TABLE entity_attr (
  entity_id INTEGER NOT NULL REFERENCES entity(id),
  key       TEXT NOT NULL,
  value     TEXT NOT NULL,
  PRIMARY KEY (entity_id, key)
) WITHOUT ROWID;
