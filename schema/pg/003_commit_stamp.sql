-- geopol schema for PostgreSQL, version 3 (issue 21, point 2): recorded
-- time stamped at commit, so that an "as known on" answer never changes
-- after the fact however many processes write at once.
--
-- A write transaction stamps its rows provisionally: the store hands out
-- stamps from -2^62 upwards (below -2^62 + 2^40, which no clock gives),
-- one per write, in the order of the writes. Other connections never see
-- them (the rows are not committed). Just before COMMIT the store calls
-- geopol_commit_stamp(n): under an exclusive advisory lock it takes the
-- commit's stamp S from the server's clock (after every stamp given
-- before: geopol_clock.last), and rewrites each provisional stamp p into
-- S + (p + 2^62), so the writes keep their order and every commit's
-- stamps come after the commits before it. The lock is held until the
-- transaction ends, that is until its rows are visible.
--
-- A reader asking "as known at k" for a k not yet settled calls
-- geopol_settled() first: it waits (shared lock) for a commit being
-- stamped, and returns the server's time T (on a standby, the last stamp
-- it has replayed). Every commit that is
-- stamped afterwards gets stamps after T; so for k <= T the rows known at
-- k are all visible now and stay the same. The reader asks again only
-- for a k past the T it last saw.
--
-- The partial indexes hold only the provisional rows, so the rewrite at
-- commit finds them without reading a table; the rows leave them at the
-- rewrite.

CREATE TABLE geopol_clock (
  one  boolean PRIMARY KEY DEFAULT true CHECK (one),
  last bigint NOT NULL
);
INSERT INTO geopol_clock(last) VALUES (0);

CREATE INDEX source_rec_provisional ON source(rec_from) WHERE rec_from < -4611684918915760128;
CREATE INDEX entity_rec_provisional ON entity(rec_from) WHERE rec_from < -4611684918915760128;
CREATE INDEX entity_life_rec_provisional ON entity(life_rec) WHERE life_rec < -4611684918915760128;
CREATE INDEX entity_life_from_provisional ON entity_life(rec_from) WHERE rec_from < -4611684918915760128;
CREATE INDEX entity_life_to_provisional ON entity_life(rec_to) WHERE rec_to < -4611684918915760128;
CREATE INDEX entity_attr_from_provisional ON entity_attr(rec_from) WHERE rec_from < -4611684918915760128;
CREATE INDEX entity_attr_to_provisional ON entity_attr(rec_to) WHERE rec_to < -4611684918915760128;
CREATE INDEX name_from_provisional ON name(rec_from) WHERE rec_from < -4611684918915760128;
CREATE INDEX name_to_provisional ON name(rec_to) WHERE rec_to < -4611684918915760128;
CREATE INDEX membership_from_provisional ON membership(rec_from) WHERE rec_from < -4611684918915760128;
CREATE INDEX membership_to_provisional ON membership(rec_to) WHERE rec_to < -4611684918915760128;
CREATE INDEX relation_from_provisional ON relation(rec_from) WHERE rec_from < -4611684918915760128;
CREATE INDEX relation_to_provisional ON relation(rec_to) WHERE rec_to < -4611684918915760128;
CREATE INDEX event_from_provisional ON event(rec_from) WHERE rec_from < -4611684918915760128;
CREATE INDEX event_to_provisional ON event(rec_to) WHERE rec_to < -4611684918915760128;

-- The advisory lock's key: 'geopol' read as a number (0x67656f706f6c).
CREATE FUNCTION geopol_commit_stamp(n bigint) RETURNS bigint LANGUAGE plpgsql AS $$
DECLARE
  s bigint;
BEGIN
  PERFORM pg_advisory_xact_lock(113723562110828);
  UPDATE geopol_clock
     SET last = greatest(last + 1, (extract(epoch FROM clock_timestamp()) * 1000000)::bigint) + n - 1
  RETURNING last - n + 1 INTO s;
  s := s + 4611686018427387904;
  UPDATE source SET rec_from = s + rec_from WHERE rec_from < -4611684918915760128;
  UPDATE entity SET rec_from = s + rec_from WHERE rec_from < -4611684918915760128;
  UPDATE entity SET life_rec = s + life_rec WHERE life_rec < -4611684918915760128;
  UPDATE entity_life SET rec_from = s + rec_from WHERE rec_from < -4611684918915760128;
  UPDATE entity_life SET rec_to = s + rec_to WHERE rec_to < -4611684918915760128;
  UPDATE entity_attr SET rec_from = s + rec_from WHERE rec_from < -4611684918915760128;
  UPDATE entity_attr SET rec_to = s + rec_to WHERE rec_to < -4611684918915760128;
  UPDATE name SET rec_from = s + rec_from WHERE rec_from < -4611684918915760128;
  UPDATE name SET rec_to = s + rec_to WHERE rec_to < -4611684918915760128;
  UPDATE membership SET rec_from = s + rec_from WHERE rec_from < -4611684918915760128;
  UPDATE membership SET rec_to = s + rec_to WHERE rec_to < -4611684918915760128;
  UPDATE relation SET rec_from = s + rec_from WHERE rec_from < -4611684918915760128;
  UPDATE relation SET rec_to = s + rec_to WHERE rec_to < -4611684918915760128;
  UPDATE event SET rec_from = s + rec_from WHERE rec_from < -4611684918915760128;
  UPDATE event SET rec_to = s + rec_to WHERE rec_to < -4611684918915760128;
  RETURN s - 4611686018427387904;
END
$$;

-- A session lock, released before returning: held to the end of the
-- caller's transaction it would hold up every other commit's stamping.
CREATE FUNCTION geopol_settled() RETURNS bigint LANGUAGE plpgsql AS $$
DECLARE
  t bigint;
BEGIN
  PERFORM pg_advisory_lock_shared(113723562110828);
  t := (SELECT last FROM geopol_clock);
  -- A standby has no commit of its own: what it will replay next was
  -- stamped on the primary after the last stamp it has replayed.
  IF NOT pg_is_in_recovery() THEN
    t := greatest(t, (extract(epoch FROM clock_timestamp()) * 1000000)::bigint);
  END IF;
  PERFORM pg_advisory_unlock_shared(113723562110828);
  RETURN t;
END
$$;
