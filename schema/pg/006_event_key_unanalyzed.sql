-- geopol schema for PostgreSQL, version 6 (issue 21): event_key made
-- again, with the same columns, rows, indexes and references, so that it
-- is a table never analyzed, as every other table a new database has.
--
-- Why. What refers to an event version (its actors, texts, dataset
-- fields and citations) is a foreign key to event_key(id) (schema/pg/005).
-- PostgreSQL checks each such row with one query, SELECT 1 FROM ONLY
-- event_key x WHERE id = $1 FOR KEY SHARE OF x, planned once per
-- connection: after five runs it keeps a generic plan, made for the size
-- the table had then, until something invalidates it (an ANALYZE, DDL).
-- Version 5 ended with ANALYZE event_key, which on a new database, where
-- the table is empty, recorded it as analyzed and empty (reltuples 0).
-- A connection's first checks, run while the table held a few keys, then
-- planned a sequential scan of it, and kept it as the table grew: in one
-- transaction writing n events each check read every key written before
-- it (bench_pg at small scale, 40,000 events in one transaction: 0.77 ms
-- a check, 132,035 checks, 101 s of the load's 166 s; docs/PERFORMANCE.md).
-- A table never analyzed (reltuples -1) is planned as at least 10 pages
-- (PostgreSQL's rule for a new table), so the check goes by the primary
-- key's index from the first key on, as it did by event(id) before
-- version 5, and as it does for entity and source.
--
-- A database with events keeps its keys, row for row; the new table is
-- analyzed by autovacuum once it has rows (committed), never here: an
-- ANALYZE in a migration would record the size of the moment.

-- ---- what refers to the keys
ALTER TABLE event_actor DROP CONSTRAINT event_actor_event_id_fkey;
ALTER TABLE event_text DROP CONSTRAINT event_text_event_id_fkey;
ALTER TABLE event_detail DROP CONSTRAINT event_detail_event_id_fkey;
ALTER TABLE citation DROP CONSTRAINT citation_event_id_fkey;

-- ---- the keys set aside, and the table made again as version 5 made it
CREATE TEMPORARY TABLE geopol_event_key_v5 ON COMMIT DROP AS SELECT * FROM event_key;
DROP TABLE event_key;
CREATE TABLE event_key (
  id      bigint PRIMARY KEY,
  from_lo integer NOT NULL,
  ext_id  text COLLATE "C",
  rec_to  bigint NOT NULL,
  type    text COLLATE "C" NOT NULL REFERENCES event_type(code)
);
CREATE UNIQUE INDEX event_key_ext ON event_key(ext_id, rec_to) WHERE ext_id IS NOT NULL;
INSERT INTO event_key SELECT id, from_lo, ext_id, rec_to, type FROM geopol_event_key_v5 ORDER BY id;

-- ---- the references again (the trigger function of version 5 names
-- event_key and finds the new table)
ALTER TABLE event_actor ADD CONSTRAINT event_actor_event_id_fkey
  FOREIGN KEY (event_id) REFERENCES event_key(id);
ALTER TABLE event_text ADD CONSTRAINT event_text_event_id_fkey
  FOREIGN KEY (event_id) REFERENCES event_key(id);
ALTER TABLE event_detail ADD CONSTRAINT event_detail_event_id_fkey
  FOREIGN KEY (event_id) REFERENCES event_key(id);
ALTER TABLE citation ADD CONSTRAINT citation_event_id_fkey
  FOREIGN KEY (event_id) REFERENCES event_key(id);
