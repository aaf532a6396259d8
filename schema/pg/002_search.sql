-- geopol schema for PostgreSQL, version 2 (issue 21): the index for
-- typo-tolerant name search, as SQLite's schema/002_search.sql (read it
-- for why): name_variant holds, for every name key K of 3 characters or
-- more, its first 8 characters P and P less one character at each
-- position, with the length of K. Triggers keep it in step with name, so
-- every writer (the API, geopol copy's COPY, a correction) fills it
-- without knowing it exists. length(), left() and substr() count
-- characters in a UTF8 database, as SQLite's do on TEXT: the deletions
-- are of code points, as the edit distance is. And a code's ASCII case
-- ignored (SQLite's COLLATE NOCASE): an index on its ASCII lower case.

CREATE TABLE name_variant (
  variant text COLLATE "C" NOT NULL,
  klen    integer NOT NULL,
  name_id bigint NOT NULL,       -- name.id (no foreign key: kept by triggers)
  PRIMARY KEY (variant, klen, name_id)
);

-- The variants of a key: position 0 deletes nothing.
CREATE FUNCTION geopol_name_variants(k text) RETURNS SETOF text
LANGUAGE sql IMMUTABLE STRICT AS $$
  SELECT CASE WHEN n = 0 THEN left(k, 8) ELSE left(left(k, 8), n - 1) || substr(left(k, 8), n + 1) END
  FROM generate_series(0, least(length(k), 8)) AS n
  WHERE length(k) >= 3
$$;

CREATE FUNCTION geopol_name_variant_sync() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP IN ('DELETE', 'UPDATE') THEN
    DELETE FROM name_variant WHERE klen = length(OLD.key) AND name_id = OLD.id
      AND variant IN (SELECT geopol_name_variants(OLD.key));
  END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    INSERT INTO name_variant(variant, klen, name_id)
      SELECT v, length(NEW.key), NEW.id FROM geopol_name_variants(NEW.key) AS v
      ON CONFLICT DO NOTHING;
  END IF;
  RETURN NULL;
END
$$;

CREATE TRIGGER name_variant_insert AFTER INSERT ON name
  FOR EACH ROW EXECUTE FUNCTION geopol_name_variant_sync();
CREATE TRIGGER name_variant_delete AFTER DELETE ON name
  FOR EACH ROW EXECUTE FUNCTION geopol_name_variant_sync();
CREATE TRIGGER name_variant_rekey AFTER UPDATE OF key ON name
  FOR EACH ROW EXECUTE FUNCTION geopol_name_variant_sync();

-- Names written before this migration.
INSERT INTO name_variant(variant, klen, name_id)
  SELECT v, length(n.key), n.id FROM name n, geopol_name_variants(n.key) AS v
  ON CONFLICT DO NOTHING;

CREATE INDEX entity_code_ascii ON entity (lower(code));
