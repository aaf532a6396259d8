-- 006: packed blocks of memberships and relations, for the snapshot.
--
-- A snapshot reads every membership and relation row; through SQLite that
-- is one VDBE row per fact, about 0.2 µs each before any output
-- (docs/PERFORMANCE.md). A block holds the current rows (rec_to = max) of
-- one table whose ids lie in [first_id, last_id], with their citations, as
-- one array of fixed-size records (lib/pack.c): the snapshot reads a block
-- with one step and filters its records in memory, and reads the ids no
-- block covers from the table itself.
--
-- A block is a cache of the rows it covers and is never stale: updating or
-- deleting such a row, or one of its citations, deletes the block (the
-- triggers below, whoever writes). Citations added later to a covered row
-- are found by their id, above edge_pack_state.cite_max (the highest
-- citation id when the blocks were last checked). The library packs at the
-- end of a write transaction once enough rows lie outside any block.
CREATE TABLE edge_pack (
  id        INTEGER PRIMARY KEY,
  kind      INTEGER NOT NULL CHECK (kind IN (2, 3)),  -- GEOPOL_FACT_MEMBERSHIP, _RELATION
  first_id  INTEGER NOT NULL,
  last_id   INTEGER NOT NULL,
  closed_max INTEGER NOT NULL,   -- highest rec_to of the non-current rows left out
  data      BLOB NOT NULL
);
CREATE UNIQUE INDEX edge_pack_span ON edge_pack(kind, last_id, first_id);

CREATE TABLE edge_pack_state (
  id        INTEGER PRIMARY KEY CHECK (id = 1),
  cite_max  INTEGER NOT NULL
);
INSERT INTO edge_pack_state(id, cite_max) VALUES (1, 0);

CREATE TRIGGER membership_unpack_update AFTER UPDATE ON membership BEGIN
  DELETE FROM edge_pack WHERE id IN (
    SELECT p.id FROM (SELECT 2 AS kind, OLD.id AS row UNION ALL SELECT 2, NEW.id) x
    JOIN edge_pack p ON p.id = (SELECT q.id FROM edge_pack q WHERE q.kind = x.kind
      AND q.last_id >= x.row ORDER BY q.last_id LIMIT 1)
    WHERE p.first_id <= x.row);
END;
CREATE TRIGGER membership_unpack_delete AFTER DELETE ON membership BEGIN
  DELETE FROM edge_pack WHERE id IN (
    SELECT p.id FROM (SELECT 2 AS kind, OLD.id AS row) x
    JOIN edge_pack p ON p.id = (SELECT q.id FROM edge_pack q WHERE q.kind = x.kind
      AND q.last_id >= x.row ORDER BY q.last_id LIMIT 1)
    WHERE p.first_id <= x.row);
END;
CREATE TRIGGER relation_unpack_update AFTER UPDATE ON relation BEGIN
  DELETE FROM edge_pack WHERE id IN (
    SELECT p.id FROM (SELECT 3 AS kind, OLD.id AS row UNION ALL SELECT 3, NEW.id) x
    JOIN edge_pack p ON p.id = (SELECT q.id FROM edge_pack q WHERE q.kind = x.kind
      AND q.last_id >= x.row ORDER BY q.last_id LIMIT 1)
    WHERE p.first_id <= x.row);
END;
CREATE TRIGGER relation_unpack_delete AFTER DELETE ON relation BEGIN
  DELETE FROM edge_pack WHERE id IN (
    SELECT p.id FROM (SELECT 3 AS kind, OLD.id AS row) x
    JOIN edge_pack p ON p.id = (SELECT q.id FROM edge_pack q WHERE q.kind = x.kind
      AND q.last_id >= x.row ORDER BY q.last_id LIMIT 1)
    WHERE p.first_id <= x.row);
END;
-- A citation changed or removed: the blocks of the rows it cited, before
-- and after. (A citation added is found by its id: see cite_max.)
CREATE TRIGGER citation_unpack_update AFTER UPDATE ON citation BEGIN
  DELETE FROM edge_pack WHERE id IN (
    SELECT p.id FROM (SELECT 2 AS kind, OLD.membership_id AS row UNION ALL SELECT 2, NEW.membership_id
      UNION ALL SELECT 3, OLD.relation_id UNION ALL SELECT 3, NEW.relation_id) x
    JOIN edge_pack p ON p.id = (SELECT q.id FROM edge_pack q WHERE q.kind = x.kind
      AND q.last_id >= x.row ORDER BY q.last_id LIMIT 1)
    WHERE p.first_id <= x.row);
END;
CREATE TRIGGER citation_unpack_delete AFTER DELETE ON citation
WHEN OLD.membership_id IS NOT NULL OR OLD.relation_id IS NOT NULL BEGIN
  DELETE FROM edge_pack WHERE id IN (
    SELECT p.id FROM (SELECT 2 AS kind, OLD.membership_id AS row UNION ALL SELECT 3, OLD.relation_id) x
    JOIN edge_pack p ON p.id = (SELECT q.id FROM edge_pack q WHERE q.kind = x.kind
      AND q.last_id >= x.row ORDER BY q.last_id LIMIT 1)
    WHERE p.first_id <= x.row);
END;
