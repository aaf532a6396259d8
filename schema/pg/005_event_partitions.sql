-- geopol schema for PostgreSQL, version 5 (issue 21): events partitioned
-- by year, so that a question about events at a date reads the partitions
-- of the years its window covers, and a year's events can be moved, kept
-- on other storage or dropped as one table.
--
-- `event` is partitioned by RANGE on from_lo (the first day the event's
-- date may stand for, a day number, 0 = 0001-01-01): one partition a
-- calendar year, event_yYYYY, [YYYY-01-01, YYYY+1-01-01), for the years 1
-- to 9999 that dates are written in (docs/DESIGN.md, "Time"), and two for
-- the day numbers outside them, which only a hand-made geopol_date holds:
-- event_before (before 0001-01-01) and event_after (from 10000-01-01).
-- A new database has none of them.
-- A partial date ("1914", "1914-07") starts on the first day it covers,
-- so its event lies in that year's partition. The yearly partitions are
-- made when an event first needs one: geopol_event_partition(d) below,
-- which the library calls before it writes an event of a year it has not
-- seen (lib/store/pg_partition.c), and geopol copy before each year's
-- rows. There is no default partition: a row of a year without one is
-- refused, not kept where no question would look for it in order.
--
-- PostgreSQL 15 holds a unique index or a primary key on a partitioned
-- table only when it includes the partition key, and a foreign key can
-- refer to one only by such a key. An event version's id and the rule
-- "one external id per recorded end" (the unique index (ext_id, rec_to)
-- of version 1) are not of that kind. So they live in event_key, a
-- table that is not partitioned, with one row per event version: its
-- id (the primary key the actors, texts, details and citations refer
-- to, as they referred to event(id)), from_lo (where the row is: a
-- lookup by id reads one partition), ext_id and rec_to (the unique index
-- event_key_ext, the same rule as before), and type (the reference to
-- event_type, held here so that adding a partition takes no lock on
-- event_type, as a foreign key on event would: ATTACH would wait for any
-- transaction that declared an event type, an import's for one).
--
-- The rule that keeps event_key in step is one trigger function on
-- event: a row inserted gets its key (any writer: the library, COPY,
-- this migration; a duplicate external id is refused by event_key_ext);
-- an update of ext_id, rec_to or type (a version closed, the commit's
-- stamp, schema/pg/003) carries over; a row deleted takes its key with
-- it, which the references to the key refuse while an actor, text,
-- detail or citation names it. The library's write of an event inserts
-- the key itself first, in the same statement, ON CONFLICT DO NOTHING:
-- a duplicate external id then adds nothing, as version 1's insert did,
-- and the trigger finds the key there (ON CONFLICT (id) DO NOTHING).
--
-- An existing database's events are moved into the partitioned table
-- with their ids, and the next id drawn continues after them.

-- ---- what refers to event by id, and the views that read it (made
-- again below, with the same text as 004's)
ALTER TABLE event_actor DROP CONSTRAINT event_actor_event_id_fkey;
ALTER TABLE event_text DROP CONSTRAINT event_text_event_id_fkey;
ALTER TABLE event_detail DROP CONSTRAINT event_detail_event_id_fkey;
ALTER TABLE citation DROP CONSTRAINT citation_event_id_fkey;
DROP VIEW v_events, v_event_actors, v_citations;

-- ---- the events of version 4 set aside, with the next id
CREATE TEMPORARY TABLE geopol_event_v4 ON COMMIT DROP AS SELECT * FROM event;
CREATE TEMPORARY TABLE geopol_event_v4_next ON COMMIT DROP AS
  SELECT last_value, is_called FROM event_id_seq;
DROP TABLE event;

-- ---- the partitioned table: version 1's columns, in their order
CREATE SEQUENCE event_id_seq AS bigint;
CREATE TABLE event (
  id        bigint NOT NULL DEFAULT nextval('event_id_seq'),
  fact_id   bigint NOT NULL,
  ext_id    text COLLATE "C",
  type      text COLLATE "C" NOT NULL,
  intensity double precision,
  location  text,
  from_lo   integer NOT NULL, from_hi integer NOT NULL, from_prec integer NOT NULL,
  to_lo     integer NOT NULL, to_hi   integer NOT NULL, to_prec   integer NOT NULL,
  rec_from  bigint NOT NULL,
  rec_to    bigint NOT NULL DEFAULT 9223372036854775807,
  PRIMARY KEY (id, from_lo)
) PARTITION BY RANGE (from_lo);
ALTER SEQUENCE event_id_seq OWNED BY event.id;
SELECT setval('event_id_seq', last_value, is_called) FROM geopol_event_v4_next;
CREATE INDEX event_date ON event(from_lo);
CREATE INDEX event_fact ON event(fact_id) WHERE fact_id <> id;
CREATE INDEX event_from_provisional ON event(rec_from) WHERE rec_from < -4611684918915760128;
CREATE INDEX event_to_provisional ON event(rec_to) WHERE rec_to < -4611684918915760128;

-- ---- the keys
CREATE TABLE event_key (
  id      bigint PRIMARY KEY,
  from_lo integer NOT NULL,
  ext_id  text COLLATE "C",
  rec_to  bigint NOT NULL,
  type    text COLLATE "C" NOT NULL REFERENCES event_type(code)
);
CREATE UNIQUE INDEX event_key_ext ON event_key(ext_id, rec_to) WHERE ext_id IS NOT NULL;

CREATE FUNCTION geopol_event_key_sync() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO event_key(id, from_lo, ext_id, rec_to, type)
      VALUES (NEW.id, NEW.from_lo, NEW.ext_id, NEW.rec_to, NEW.type)
      ON CONFLICT (id) DO NOTHING;
  ELSIF TG_OP = 'UPDATE' THEN
    UPDATE event_key SET ext_id = NEW.ext_id, rec_to = NEW.rec_to, type = NEW.type
      WHERE id = NEW.id;
  ELSE
    DELETE FROM event_key WHERE id = OLD.id;
  END IF;
  RETURN NULL;
END
$$;

CREATE TRIGGER event_key_insert AFTER INSERT ON event
  FOR EACH ROW EXECUTE FUNCTION geopol_event_key_sync();
CREATE TRIGGER event_key_update AFTER UPDATE OF ext_id, rec_to, type ON event
  FOR EACH ROW EXECUTE FUNCTION geopol_event_key_sync();
CREATE TRIGGER event_key_delete AFTER DELETE ON event
  FOR EACH ROW EXECUTE FUNCTION geopol_event_key_sync();

-- ---- a year's partition, made when first needed
-- The partition day d belongs in, made if it is not there yet: its first
-- day and the day after its last (-2147483648 and 2147483648 for the open
-- ends of event_before and event_after; day 0 is 0001-01-01, day 3652059
-- 10000-01-01). The year is the proleptic Gregorian one of 004's
-- geopol_day. The table is made apart and attached: ATTACH takes SHARE
-- UPDATE EXCLUSIVE on event, so readers and writers of other years go on
-- (CREATE TABLE ... PARTITION OF would take ACCESS EXCLUSIVE). An
-- advisory lock ('gpyear' in ASCII) makes a second maker of the same year
-- wait, and then find it made. The lock and the table are the
-- transaction's: a rollback takes the table back, and another transaction
-- that makes a year waits for this one to end.
CREATE FUNCTION geopol_event_partition(d integer, OUT lo bigint, OUT hi bigint)
LANGUAGE plpgsql AS $$
DECLARE
  y integer;
  part text;
  bounds text;
BEGIN
  IF d < 0 THEN
    lo := -2147483648; hi := 0;
    part := 'event_before';
    bounds := 'FROM (MINVALUE) TO (0)';
  ELSIF d >= 3652059 THEN
    lo := 3652059; hi := 2147483648;
    part := 'event_after';
    bounds := 'FROM (3652059) TO (MAXVALUE)';
  ELSE
    y := extract(year FROM date '0001-01-01' + d);
    lo := make_date(y, 1, 1) - date '0001-01-01';
    hi := make_date(y + 1, 1, 1) - date '0001-01-01';
    part := 'event_y' || lpad(y::text, 4, '0');
    bounds := format('FROM (%s) TO (%s)', lo, hi);
  END IF;
  IF EXISTS (SELECT 1 FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
             WHERE i.inhparent = 'event'::regclass AND c.relname = part) THEN
    RETURN;
  END IF;
  PERFORM pg_advisory_xact_lock(113732770685298);
  IF NOT EXISTS (SELECT 1 FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
                 WHERE i.inhparent = 'event'::regclass AND c.relname = part) THEN
    EXECUTE format('CREATE TABLE %I (LIKE event INCLUDING DEFAULTS)', part);
    EXECUTE format('ALTER TABLE event ATTACH PARTITION %I FOR VALUES ', part) || bounds;
  END IF;
END
$$;

-- ---- version 4's events, in their years' partitions, with their keys
SELECT geopol_event_partition(d) FROM (SELECT DISTINCT from_lo AS d FROM geopol_event_v4) y;
INSERT INTO event SELECT * FROM geopol_event_v4 ORDER BY id;

-- ---- the references to an event version, now to its key
ALTER TABLE event_actor ADD CONSTRAINT event_actor_event_id_fkey
  FOREIGN KEY (event_id) REFERENCES event_key(id);
ALTER TABLE event_text ADD CONSTRAINT event_text_event_id_fkey
  FOREIGN KEY (event_id) REFERENCES event_key(id);
ALTER TABLE event_detail ADD CONSTRAINT event_detail_event_id_fkey
  FOREIGN KEY (event_id) REFERENCES event_key(id);
ALTER TABLE citation ADD CONSTRAINT citation_event_id_fkey
  FOREIGN KEY (event_id) REFERENCES event_key(id);

-- ---- 004's views, as 004 wrote them, now reading the partitioned event
CREATE VIEW v_events AS
SELECT v.fact_id AS id, v.ext_id,
  geopol_partial(v.from_lo, v.from_prec, -2147483648) AS date,
  geopol_partial(v.to_lo, v.to_prec, 2147483647) AS end_date,
  geopol_day(v.from_lo) AS date_first,
  geopol_day(v.from_hi) AS date_last,
  v.type, t.name AS type_name, v.intensity, v.location,
  (SELECT x.title FROM event_text x WHERE x.event_id = v.id
   ORDER BY x.lang = 'en' DESC, x.lang LIMIT 1) AS title,
  (SELECT string_agg(e.code, '; ' ORDER BY a.entity_id, a.role) FROM event_actor a
   JOIN entity e ON e.id = a.entity_id WHERE a.event_id = v.id) AS actors,
  (SELECT string_agg(s.code, '; ' ORDER BY c.id) FROM citation c JOIN source s ON s.id = c.source_id
   WHERE c.event_id = v.id) AS sources
FROM event v JOIN event_type t ON t.code = v.type
WHERE v.rec_to = 9223372036854775807;

CREATE VIEW v_event_actors AS
SELECT v.fact_id AS event, e.code,
  CASE a.role WHEN 1 THEN 'source' WHEN 2 THEN 'target' WHEN 3 THEN 'participant'
    WHEN 4 THEN 'host' END AS role
FROM event_actor a JOIN event v ON v.id = a.event_id JOIN entity e ON e.id = a.entity_id
WHERE v.rec_to = 9223372036854775807;

CREATE VIEW v_citations AS
SELECT 'membership' AS fact, m.fact_id, s.code AS source, c.quote
FROM citation c JOIN source s ON s.id = c.source_id JOIN membership m ON m.id = c.membership_id
WHERE m.rec_to = 9223372036854775807
UNION ALL
SELECT 'relation', r.fact_id, s.code, c.quote
FROM citation c JOIN source s ON s.id = c.source_id JOIN relation r ON r.id = c.relation_id
WHERE r.rec_to = 9223372036854775807
UNION ALL
SELECT 'event', v.fact_id, s.code, c.quote
FROM citation c JOIN source s ON s.id = c.source_id JOIN event v ON v.id = c.event_id
WHERE v.rec_to = 9223372036854775807;

ANALYZE event;
ANALYZE event_key;
