-- geopol schema, version 2: the index for typo-tolerant name search
-- (lib/resolve.c, DESIGN.md section 4).
--
-- name_variant holds, for every name key of 3 to 64 characters, the key
-- itself and the key with one character deleted, at each position (a
-- SymSpell deletion neighbourhood of radius 1). Two keys within one edit of
-- each other (substitution, insertion, deletion, swap of neighbours) share
-- a variant, or one is a variant of the other, so a lookup is a handful of
-- probes of one index whatever the number of names: the query and its own
-- deletions. The candidates found are then ranked by their true edit
-- distance.
--
-- Triggers fill it, so every path that writes names (the API, importers,
-- corrections) keeps it in step without knowing it exists. SQLite counts
-- characters, not bytes, in length() and substr() on TEXT values: the
-- deletions are of code points, as the edit distance is.

-- The positions 0..64, for the triggers (a trigger cannot use WITH).
-- Position 0 deletes nothing: substr(k, 1, -1) is '' and substr(k, 1) is k.
CREATE TABLE search_seq (n INTEGER PRIMARY KEY);
INSERT INTO search_seq(n)
  WITH RECURSIVE s(n) AS (SELECT 0 UNION ALL SELECT n + 1 FROM s WHERE n < 64)
  SELECT n FROM s;

CREATE TABLE name_variant (
  variant TEXT NOT NULL,       -- name.key, or it with one character deleted
  name_id INTEGER NOT NULL,    -- name.id (no foreign key: kept by triggers)
  PRIMARY KEY (variant, name_id)
) WITHOUT ROWID;

CREATE TRIGGER name_variant_insert AFTER INSERT ON name
WHEN length(NEW.key) BETWEEN 3 AND 64
BEGIN
  INSERT OR IGNORE INTO name_variant(variant, name_id)
    SELECT substr(NEW.key, 1, n - 1) || substr(NEW.key, n + 1), NEW.id
    FROM search_seq WHERE n <= length(NEW.key);
END;

CREATE TRIGGER name_variant_delete AFTER DELETE ON name
WHEN length(OLD.key) BETWEEN 3 AND 64
BEGIN
  DELETE FROM name_variant WHERE name_id = OLD.id AND variant IN
    (SELECT substr(OLD.key, 1, n - 1) || substr(OLD.key, n + 1)
     FROM search_seq WHERE n <= length(OLD.key));
END;

CREATE TRIGGER name_variant_rekey AFTER UPDATE OF key ON name
BEGIN
  DELETE FROM name_variant WHERE name_id = OLD.id AND variant IN
    (SELECT substr(OLD.key, 1, n - 1) || substr(OLD.key, n + 1)
     FROM search_seq WHERE n <= length(OLD.key));
  INSERT OR IGNORE INTO name_variant(variant, name_id)
    SELECT substr(NEW.key, 1, n - 1) || substr(NEW.key, n + 1), NEW.id
    FROM search_seq WHERE n <= length(NEW.key) AND length(NEW.key) BETWEEN 3 AND 64;
END;

-- Names written before this migration.
INSERT OR IGNORE INTO name_variant(variant, name_id)
  SELECT substr(name.key, 1, s.n - 1) || substr(name.key, s.n + 1), name.id
  FROM name JOIN search_seq s ON s.n <= length(name.key)
  WHERE length(name.key) BETWEEN 3 AND 64;

-- Codes are matched without regard to ASCII case ("kaz", "csto").
CREATE INDEX entity_code_nocase ON entity(code COLLATE NOCASE);
