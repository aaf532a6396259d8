-- geopol schema for PostgreSQL, version 4 (issue 21): the read-only views
-- of the SQLite schema (schema/010_views.sql), with the same names,
-- columns and values, for geopol_sql() (`geopol sql`) and for any
-- PostgreSQL client: current knowledge, codes rather than ids, role and
-- kind names, dates as ISO text (see 010_views.sql for what each column
-- means). SQLite's date(1721425.5 + d) of a day number d (0 =
-- 0001-01-01) is geopol_day(d) here; a list of sources or actors is
-- joined with '; ' in the order SQLite's indexes give it (citations by
-- id, actors by entity and role).

CREATE FUNCTION geopol_day(d bigint) RETURNS text LANGUAGE sql IMMUTABLE AS
$$ SELECT to_char(date '0001-01-01' + d::integer, 'YYYY-MM-DD') $$;

-- A partial date as written: 4, 7 or 10 characters by precision, NULL
-- for an open end (precision 0, or the day `open`).
CREATE FUNCTION geopol_partial(d bigint, prec integer, open bigint) RETURNS text
LANGUAGE sql IMMUTABLE AS
$$ SELECT CASE WHEN prec = 0 OR d = open THEN NULL
    ELSE substr(geopol_day(d), 1, CASE prec WHEN 1 THEN 4 WHEN 2 THEN 7 ELSE 10 END) END $$;

CREATE VIEW v_entities AS
SELECT x.code,
  CASE x.kind WHEN 1 THEN 'state' WHEN 2 THEN 'organization' WHEN 3 THEN 'person'
    WHEN 4 THEN 'other' END AS kind,
  x.subkind,
  (SELECT n.text FROM name n WHERE n.entity_id = x.id AND n.rec_to = 9223372036854775807
   ORDER BY (n.lang = 'en') DESC, n.kind = 2 DESC, n.kind = 1 DESC, n.id LIMIT 1) AS name,
  geopol_partial(x.from_lo, x.from_prec, -2147483648) AS from_date,
  geopol_partial(x.to_lo, x.to_prec, 2147483647) AS to_date
FROM entity x;

CREATE VIEW v_names AS
SELECT x.code, n.lang,
  CASE n.kind WHEN 1 THEN 'official' WHEN 2 THEN 'short' WHEN 3 THEN 'acronym'
    WHEN 4 THEN 'alias' WHEN 5 THEN 'historical' WHEN 6 THEN 'misspelling' END AS kind,
  n.text AS name,
  geopol_partial(n.from_lo, n.from_prec, -2147483648) AS from_date,
  geopol_partial(n.to_lo, n.to_prec, 2147483647) AS to_date
FROM name n JOIN entity x ON x.id = n.entity_id
WHERE n.rec_to = 9223372036854775807;

CREATE VIEW v_memberships AS
SELECT o.code AS org, e.code AS member,
  CASE m.role WHEN 1 THEN 'founding_member' WHEN 2 THEN 'member' WHEN 3 THEN 'associate'
    WHEN 4 THEN 'observer' WHEN 5 THEN 'partner' WHEN 6 THEN 'dialogue_partner'
    WHEN 7 THEN 'candidate' WHEN 8 THEN 'suspended' END AS role,
  CASE m.stage WHEN 1 THEN 'in_force' WHEN 2 THEN 'signed' WHEN 3 THEN 'ratified'
    WHEN 4 THEN 'suspended' WHEN 5 THEN 'frozen' WHEN 6 THEN 'withdrawal_notified'
    WHEN 7 THEN 'withdrawn' END AS stage,
  geopol_partial(m.from_lo, m.from_prec, -2147483648) AS from_date,
  geopol_partial(m.to_lo, m.to_prec, 2147483647) AS to_date,
  CASE WHEN m.from_lo = -2147483648 THEN '0000-01-01' ELSE geopol_day(m.from_lo) END AS from_first,
  CASE WHEN m.from_hi = -2147483648 THEN '0000-01-01' ELSE geopol_day(m.from_hi) END AS from_last,
  CASE WHEN m.to_lo = 2147483647 THEN '9999-12-31' ELSE geopol_day(m.to_lo) END AS to_first,
  CASE WHEN m.to_hi = 2147483647 THEN '9999-12-31' ELSE geopol_day(m.to_hi) END AS to_last,
  m.coding,
  (SELECT string_agg(s.code, '; ' ORDER BY c.id) FROM citation c JOIN source s ON s.id = c.source_id
   WHERE c.membership_id = m.id) AS sources,
  m.fact_id
FROM membership m JOIN entity o ON o.id = m.org_id JOIN entity e ON e.id = m.member_id
WHERE m.rec_to = 9223372036854775807;

CREATE VIEW v_relations AS
SELECT ea.code AS a, r.type, eb.code AS b, t.directed,
  geopol_partial(r.from_lo, r.from_prec, -2147483648) AS from_date,
  geopol_partial(r.to_lo, r.to_prec, 2147483647) AS to_date,
  CASE WHEN r.from_lo = -2147483648 THEN '0000-01-01' ELSE geopol_day(r.from_lo) END AS from_first,
  CASE WHEN r.from_hi = -2147483648 THEN '0000-01-01' ELSE geopol_day(r.from_hi) END AS from_last,
  CASE WHEN r.to_lo = 2147483647 THEN '9999-12-31' ELSE geopol_day(r.to_lo) END AS to_first,
  CASE WHEN r.to_hi = 2147483647 THEN '9999-12-31' ELSE geopol_day(r.to_hi) END AS to_last,
  r.attrs,
  (SELECT string_agg(s.code, '; ' ORDER BY c.id) FROM citation c JOIN source s ON s.id = c.source_id
   WHERE c.relation_id = r.id) AS sources,
  r.fact_id
FROM relation r JOIN entity ea ON ea.id = r.a_id JOIN entity eb ON eb.id = r.b_id
  JOIN relation_type t ON t.code = r.type
WHERE r.rec_to = 9223372036854775807;

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

CREATE VIEW v_sources AS
SELECT code, title, author, publisher,
  CASE WHEN published IS NULL OR published_prec = 0 THEN NULL
    ELSE substr(geopol_day(published), 1, CASE published_prec WHEN 1 THEN 4 WHEN 2 THEN 7 ELSE 10 END)
  END AS published,
  lang, url, file
FROM source;
