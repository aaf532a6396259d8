-- 008: what the dataset importers keep beyond the core model
-- (lib/import_events.c, lib/import_atop.c, lib/import_cow.c).
--
-- event_detail: one row per event row (each recorded version its own), the
-- fields analysts of GDELT and ICEWS work with. digest is a fingerprint of
-- the source row's content: an id seen again with another digest is another
-- event (GDELT reuses ids across files) or, in a new release, a correction.
-- quad_class is GDELT's QuadClass (1 verbal cooperation, 2 material
-- cooperation, 3 verbal conflict, 4 material conflict); attrs a JSON object
-- with the rest (actor codes, names, types; ICEWS sectors, event text,
-- district; geo names and feature ids).
CREATE TABLE IF NOT EXISTS event_detail (
  event_id     INTEGER PRIMARY KEY REFERENCES event(id),
  digest       TEXT,
  quad_class   INTEGER CHECK (quad_class BETWEEN 1 AND 4),
  num_mentions INTEGER,
  num_sources  INTEGER,
  num_articles INTEGER,
  avg_tone     REAL,
  lat          REAL,
  lon          REAL,
  attrs        TEXT
);
CREATE INDEX IF NOT EXISTS event_detail_quad ON event_detail(quad_class) WHERE quad_class IS NOT NULL;

-- membership_attr: attributes of one membership row, such as the
-- obligations an ATOP member takes on (defense, offense, neutrality,
-- non_aggression, consultation: '1' or '0'); they differ between members of
-- one alliance (64 ATOP alliances are asymmetric).
CREATE TABLE IF NOT EXISTS membership_attr (
  membership_id INTEGER NOT NULL REFERENCES membership(id),
  key           TEXT NOT NULL,
  value         TEXT NOT NULL,
  PRIMARY KEY (membership_id, key)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS membership_attr_key ON membership_attr(key, value);

-- A dataset's organization that does not fit the built-in entity its name
-- suggests (dates or names differ) becomes its own entity, tied to the
-- built-in one by this relation. (IF NOT EXISTS: a file taken back to an
-- older user_version by hand runs this again.)
INSERT OR IGNORE INTO relation_type(code, directed, label) VALUES
  ('corresponds_to', 0, 'A corresponds to B in another coding whose dates or names differ');
