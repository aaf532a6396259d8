-- geopol schema, version 2: the index for typo-tolerant name search
-- (lib/resolve.c, DESIGN.md section 4).
--
-- name_variant is a SymSpell deletion index of radius 1 on the first 8
-- characters of every name key of 3 characters or more: for a key K with
-- prefix P = K[1..8], it holds P itself and P with one character deleted,
-- at each position, together with the length of K. If two keys are one
-- edit apart (substitution, insertion, deletion, swap of neighbours), then
-- either their prefixes are equal (the edit is further on) or the
-- prefixes share a one-deletion variant, and their lengths differ by at
-- most one. So a lookup is at most nine probes of one index, each bounded
-- by length, whatever the number of names; the candidates found are then
-- ranked by their true edit distance over the whole key. Indexing the
-- prefix only (not every deletion of the whole key) keeps the table at
-- about nine short rows a name, so bulk imports stay quick.
--
-- Triggers fill it, so every path that writes names (the API, importers,
-- corrections) keeps it in step without knowing it exists. SQLite counts
-- characters, not bytes, in length() and substr() on TEXT values: the
-- deletions are of code points, as the edit distance is.

-- The positions 0..8, for the triggers (a trigger cannot use WITH).
-- Position 0 deletes nothing: substr(p, 1, -1) is '' and substr(p, 1) is p.
CREATE TABLE search_seq (n INTEGER PRIMARY KEY);
INSERT INTO search_seq(n) VALUES (0), (1), (2), (3), (4), (5), (6), (7), (8);

CREATE TABLE name_variant (
  variant TEXT NOT NULL,       -- the key's first 8 characters, or them less one
  klen    INTEGER NOT NULL,    -- length of the whole key, in characters
  name_id INTEGER NOT NULL,    -- name.id (no foreign key: kept by triggers)
  PRIMARY KEY (variant, klen, name_id)
) WITHOUT ROWID;

CREATE TRIGGER name_variant_insert AFTER INSERT ON name
WHEN length(NEW.key) >= 3
BEGIN
  INSERT OR IGNORE INTO name_variant(variant, klen, name_id)
    SELECT substr(substr(NEW.key, 1, 8), 1, n - 1) || substr(substr(NEW.key, 1, 8), n + 1),
           length(NEW.key), NEW.id
    FROM search_seq WHERE n <= length(NEW.key);
END;

CREATE TRIGGER name_variant_delete AFTER DELETE ON name
BEGIN
  DELETE FROM name_variant WHERE klen = length(OLD.key) AND name_id = OLD.id AND variant IN
    (SELECT substr(substr(OLD.key, 1, 8), 1, n - 1) || substr(substr(OLD.key, 1, 8), n + 1)
     FROM search_seq WHERE n <= length(OLD.key));
END;

CREATE TRIGGER name_variant_rekey AFTER UPDATE OF key ON name
BEGIN
  DELETE FROM name_variant WHERE klen = length(OLD.key) AND name_id = OLD.id AND variant IN
    (SELECT substr(substr(OLD.key, 1, 8), 1, n - 1) || substr(substr(OLD.key, 1, 8), n + 1)
     FROM search_seq WHERE n <= length(OLD.key));
  INSERT OR IGNORE INTO name_variant(variant, klen, name_id)
    SELECT substr(substr(NEW.key, 1, 8), 1, n - 1) || substr(substr(NEW.key, 1, 8), n + 1),
           length(NEW.key), NEW.id
    FROM search_seq WHERE n <= length(NEW.key) AND length(NEW.key) >= 3;
END;

-- Names written before this migration.
INSERT OR IGNORE INTO name_variant(variant, klen, name_id)
  SELECT substr(substr(name.key, 1, 8), 1, s.n - 1) || substr(substr(name.key, 1, 8), s.n + 1),
         length(name.key), name.id
  FROM name JOIN search_seq s ON s.n <= length(name.key)
  WHERE length(name.key) >= 3;

-- Codes are matched without regard to ASCII case ("kaz", "csto").
CREATE INDEX entity_code_nocase ON entity(code COLLATE NOCASE);
