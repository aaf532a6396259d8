-- geopol schema, version 1.
-- Dates are stored as day numbers (0 = 0001-01-01, proleptic Gregorian) with
-- a precision (1 year, 2 month, 3 day; 0 = no date). For a partial date the
-- *_lo column holds its first day and *_hi its last day, so that "at D"
-- tests are integer comparisons. An open end is stored as lo = hi =
-- 2147483647, an open start as lo = hi = -2147483648.
-- Recorded time (rec_from, rec_to) is in microseconds since 1970-01-01 UTC;
-- a current row has rec_to = 9223372036854775807. Corrections close rec_to
-- and insert a new row with the same fact_id: nothing is ever overwritten.

CREATE TABLE meta (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE source (
  id        INTEGER PRIMARY KEY,
  code      TEXT NOT NULL UNIQUE,
  title     TEXT,
  author    TEXT,
  publisher TEXT,
  published INTEGER,           -- day number of the first day, or NULL
  published_prec INTEGER NOT NULL DEFAULT 0,
  lang      TEXT,
  url       TEXT,
  file      TEXT,
  rec_from  INTEGER NOT NULL
);

CREATE TABLE entity (
  id        INTEGER PRIMARY KEY,
  code      TEXT NOT NULL UNIQUE,
  kind      INTEGER NOT NULL CHECK (kind BETWEEN 1 AND 4),
  subkind   TEXT,
  from_lo   INTEGER NOT NULL, from_hi INTEGER NOT NULL, from_prec INTEGER NOT NULL,
  to_lo     INTEGER NOT NULL, to_hi   INTEGER NOT NULL, to_prec   INTEGER NOT NULL,
  rec_from  INTEGER NOT NULL
);

-- External identifiers: COW codes, ISO numeric codes, ATOP ids...
CREATE TABLE entity_xref (
  entity_id INTEGER NOT NULL REFERENCES entity(id),
  scheme    TEXT NOT NULL,
  value     TEXT NOT NULL,
  PRIMARY KEY (scheme, value)
) WITHOUT ROWID;
CREATE INDEX entity_xref_entity ON entity_xref(entity_id);

CREATE TABLE name (
  id        INTEGER PRIMARY KEY,
  fact_id   INTEGER NOT NULL,
  entity_id INTEGER NOT NULL REFERENCES entity(id),
  lang      TEXT NOT NULL,
  kind      INTEGER NOT NULL CHECK (kind BETWEEN 1 AND 6),
  text      TEXT NOT NULL,
  key       TEXT NOT NULL,      -- normalized search key (lib/normalize.c)
  from_lo   INTEGER NOT NULL, from_hi INTEGER NOT NULL, from_prec INTEGER NOT NULL,
  to_lo     INTEGER NOT NULL, to_hi   INTEGER NOT NULL, to_prec   INTEGER NOT NULL,
  rec_from  INTEGER NOT NULL,
  rec_to    INTEGER NOT NULL DEFAULT 9223372036854775807
);
CREATE INDEX name_entity ON name(entity_id, lang);
CREATE INDEX name_key ON name(key);
CREATE INDEX name_fact ON name(fact_id);

CREATE TABLE membership (
  id        INTEGER PRIMARY KEY,
  fact_id   INTEGER NOT NULL,
  org_id    INTEGER NOT NULL REFERENCES entity(id),
  member_id INTEGER NOT NULL REFERENCES entity(id),
  role      INTEGER NOT NULL CHECK (role BETWEEN 1 AND 8),
  from_lo   INTEGER NOT NULL, from_hi INTEGER NOT NULL, from_prec INTEGER NOT NULL,
  to_lo     INTEGER NOT NULL, to_hi   INTEGER NOT NULL, to_prec   INTEGER NOT NULL,
  rec_from  INTEGER NOT NULL,
  rec_to    INTEGER NOT NULL DEFAULT 9223372036854775807
);
CREATE INDEX membership_org ON membership(org_id, from_lo);
CREATE INDEX membership_member ON membership(member_id, from_lo);
CREATE INDEX membership_fact ON membership(fact_id);

CREATE TABLE relation_type (
  code      TEXT PRIMARY KEY,
  directed  INTEGER NOT NULL CHECK (directed IN (0, 1)),
  label     TEXT
) WITHOUT ROWID;

INSERT INTO relation_type(code, directed, label) VALUES
  ('alliance', 0, 'Alliance'),
  ('strategic_partnership', 0, 'Strategic partnership'),
  ('comprehensive_strategic_partnership', 0, 'Comprehensive strategic partnership'),
  ('comprehensive_strategic_partnership_alliance', 0, 'Comprehensive strategic partnership and alliance'),
  ('diplomatic_relations', 0, 'Diplomatic relations'),
  ('treaty', 0, 'Bilateral treaty in force'),
  ('trade', 0, 'Trade (attrs: usd, year)'),
  ('military_cooperation', 0, 'Military cooperation'),
  ('energy_cooperation', 0, 'Energy cooperation'),
  ('border', 0, 'Shared border'),
  ('territorial_dispute', 0, 'Territorial dispute'),
  ('sanctions', 1, 'A imposes sanctions on B'),
  ('recognizes', 1, 'A recognizes B'),
  ('does_not_recognize', 1, 'A refuses to recognize B (or B''s annexation)'),
  ('supplies', 1, 'A supplies B (attrs: what)'),
  ('invests_in', 1, 'A invests in B (attrs: usd)'),
  ('participates_in', 1, 'A takes part in initiative B'),
  ('head_of_state', 1, 'Person A is head of state of B'),
  ('head_of_government', 1, 'Person A is head of government of B'),
  ('holds_office', 1, 'Person A holds an office in B (attrs: office)'),
  ('citizen_of', 1, 'Person A is a citizen of B'),
  ('criticizes', 1, 'A publicly criticizes B'),
  ('successor_of', 1, 'A is the successor state or organization of B');

CREATE TABLE relation (
  id        INTEGER PRIMARY KEY,
  fact_id   INTEGER NOT NULL,
  a_id      INTEGER NOT NULL REFERENCES entity(id),
  b_id      INTEGER NOT NULL REFERENCES entity(id),
  type      TEXT NOT NULL REFERENCES relation_type(code),
  attrs     TEXT,               -- a JSON object, or NULL
  from_lo   INTEGER NOT NULL, from_hi INTEGER NOT NULL, from_prec INTEGER NOT NULL,
  to_lo     INTEGER NOT NULL, to_hi   INTEGER NOT NULL, to_prec   INTEGER NOT NULL,
  rec_from  INTEGER NOT NULL,
  rec_to    INTEGER NOT NULL DEFAULT 9223372036854775807
);
CREATE INDEX relation_a ON relation(a_id, from_lo);
CREATE INDEX relation_b ON relation(b_id, from_lo);
CREATE INDEX relation_fact ON relation(fact_id);

CREATE TABLE event_type (
  code      TEXT PRIMARY KEY,
  name      TEXT NOT NULL,
  goldstein REAL,
  root      TEXT
) WITHOUT ROWID;

CREATE TABLE event (
  id        INTEGER PRIMARY KEY,
  fact_id   INTEGER NOT NULL,
  ext_id    TEXT,
  type      TEXT NOT NULL REFERENCES event_type(code),
  intensity REAL,
  location  TEXT,
  from_lo   INTEGER NOT NULL, from_hi INTEGER NOT NULL, from_prec INTEGER NOT NULL,
  to_lo     INTEGER NOT NULL, to_hi   INTEGER NOT NULL, to_prec   INTEGER NOT NULL,
  rec_from  INTEGER NOT NULL,
  rec_to    INTEGER NOT NULL DEFAULT 9223372036854775807
);
CREATE INDEX event_date ON event(from_lo);
CREATE INDEX event_fact ON event(fact_id);
CREATE UNIQUE INDEX event_ext ON event(ext_id, rec_to) WHERE ext_id IS NOT NULL;

CREATE TABLE event_actor (
  event_id  INTEGER NOT NULL REFERENCES event(id),
  entity_id INTEGER NOT NULL REFERENCES entity(id),
  role      INTEGER NOT NULL CHECK (role BETWEEN 1 AND 4),
  PRIMARY KEY (event_id, entity_id, role)
) WITHOUT ROWID;
CREATE INDEX event_actor_entity ON event_actor(entity_id, event_id);

CREATE TABLE event_text (
  event_id    INTEGER NOT NULL REFERENCES event(id),
  lang        TEXT NOT NULL,
  title       TEXT,
  description TEXT,
  PRIMARY KEY (event_id, lang)
) WITHOUT ROWID;

-- One citation row ties one version of one fact to one source. Exactly one
-- of the fact columns is set.
CREATE TABLE citation (
  id            INTEGER PRIMARY KEY,
  source_id     INTEGER NOT NULL REFERENCES source(id),
  name_id       INTEGER REFERENCES name(id),
  membership_id INTEGER REFERENCES membership(id),
  relation_id   INTEGER REFERENCES relation(id),
  event_id      INTEGER REFERENCES event(id),
  quote         TEXT,
  CHECK ((name_id IS NOT NULL) + (membership_id IS NOT NULL) +
         (relation_id IS NOT NULL) + (event_id IS NOT NULL) = 1)
);
CREATE INDEX citation_name ON citation(name_id) WHERE name_id IS NOT NULL;
CREATE INDEX citation_membership ON citation(membership_id) WHERE membership_id IS NOT NULL;
CREATE INDEX citation_relation ON citation(relation_id) WHERE relation_id IS NOT NULL;
CREATE INDEX citation_event ON citation(event_id) WHERE event_id IS NOT NULL;
