-- geopol schema, version 5: cheaper fact-id indexes.
--
-- A fact's first version gets fact_id = its own row id (lib/fact.c), so
-- only later versions (corrections) need an index entry to be found by
-- fact id: the first is found by its row id. Bulk imports, where nearly
-- every row is a first version, then maintain one index fewer per row.
-- Lookups by fact id ask both: "id = F AND fact_id = F" and
-- "fact_id = F AND fact_id <> id" (lib/fact.c, current_row).

DROP INDEX IF EXISTS name_fact;
DROP INDEX IF EXISTS membership_fact;
DROP INDEX IF EXISTS relation_fact;
DROP INDEX IF EXISTS event_fact;

CREATE INDEX name_fact ON name(fact_id) WHERE fact_id <> id;
CREATE INDEX membership_fact ON membership(fact_id) WHERE fact_id <> id;
CREATE INDEX relation_fact ON relation(fact_id) WHERE fact_id <> id;
CREATE INDEX event_fact ON event(fact_id) WHERE fact_id <> id;
