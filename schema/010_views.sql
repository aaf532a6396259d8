-- 009: read-only views for ad-hoc questions in SQL (sqlite3, datasette,
-- DuckDB's SQLite reader, pandas.read_sql, geopol sql). They show
-- current knowledge (rows not corrected since) with readable columns:
-- codes rather than row ids, role and kind names rather than numbers, and
-- dates as ISO text.
--
-- Dates: from_date and to_date are the partial dates as written ('2022',
-- '2022-05', '2022-05-10'); NULL is an open end. Intervals are half-open,
-- [from_date, to_date). For comparisons, from_first/from_last are the first
-- and last day from_date may stand for, to_first/to_last the same for
-- to_date, as 'YYYY-MM-DD'; an open start is '0000-01-01', an open end
-- '9999-12-31'. An event's date is date (and end_date), date_first and
-- date_last.
-- The certainty at a day D (README: "SQL views") is then
--   definite when from_last <= D AND D < to_first,
--   possible when from_first <= D AND D < to_last (and not definite).
-- Lists (the sources of a row) are joined with '; ', a source as its code.
--
-- A day number d (0 = 0001-01-01) is date(1721425.5 + d); a date of
-- precision 1 (year) keeps 4 characters, 2 (month) 7, 3 (day) all 10.

CREATE VIEW IF NOT EXISTS v_entities AS
SELECT x.code,
  CASE x.kind WHEN 1 THEN 'state' WHEN 2 THEN 'organization' WHEN 3 THEN 'person'
    WHEN 4 THEN 'other' END AS kind,
  x.subkind,
  (SELECT n.text FROM name n WHERE n.entity_id = x.id AND n.rec_to = 9223372036854775807
   ORDER BY (n.lang = 'en') DESC, n.kind = 2 DESC, n.kind = 1 DESC, n.id LIMIT 1) AS name,
  CASE WHEN x.from_prec = 0 OR x.from_lo = -2147483648 THEN NULL
    ELSE substr(date(1721425.5 + x.from_lo), 1, CASE x.from_prec WHEN 1 THEN 4 WHEN 2 THEN 7 ELSE 10 END)
  END AS from_date,
  CASE WHEN x.to_prec = 0 OR x.to_lo = 2147483647 THEN NULL
    ELSE substr(date(1721425.5 + x.to_lo), 1, CASE x.to_prec WHEN 1 THEN 4 WHEN 2 THEN 7 ELSE 10 END)
  END AS to_date
FROM entity x;

CREATE VIEW IF NOT EXISTS v_names AS
SELECT x.code, n.lang,
  CASE n.kind WHEN 1 THEN 'official' WHEN 2 THEN 'short' WHEN 3 THEN 'acronym'
    WHEN 4 THEN 'alias' WHEN 5 THEN 'historical' WHEN 6 THEN 'misspelling' END AS kind,
  n.text AS name,
  CASE WHEN n.from_prec = 0 OR n.from_lo = -2147483648 THEN NULL
    ELSE substr(date(1721425.5 + n.from_lo), 1, CASE n.from_prec WHEN 1 THEN 4 WHEN 2 THEN 7 ELSE 10 END)
  END AS from_date,
  CASE WHEN n.to_prec = 0 OR n.to_lo = 2147483647 THEN NULL
    ELSE substr(date(1721425.5 + n.to_lo), 1, CASE n.to_prec WHEN 1 THEN 4 WHEN 2 THEN 7 ELSE 10 END)
  END AS to_date
FROM name n JOIN entity x ON x.id = n.entity_id
WHERE n.rec_to = 9223372036854775807;

CREATE VIEW IF NOT EXISTS v_memberships AS
SELECT o.code AS org, e.code AS member,
  CASE m.role WHEN 1 THEN 'founding_member' WHEN 2 THEN 'member' WHEN 3 THEN 'associate'
    WHEN 4 THEN 'observer' WHEN 5 THEN 'partner' WHEN 6 THEN 'dialogue_partner'
    WHEN 7 THEN 'candidate' WHEN 8 THEN 'suspended' END AS role,
  CASE m.stage WHEN 1 THEN 'in_force' WHEN 2 THEN 'signed' WHEN 3 THEN 'ratified'
    WHEN 4 THEN 'suspended' WHEN 5 THEN 'frozen' WHEN 6 THEN 'withdrawal_notified'
    WHEN 7 THEN 'withdrawn' END AS stage,
  CASE WHEN m.from_prec = 0 OR m.from_lo = -2147483648 THEN NULL
    ELSE substr(date(1721425.5 + m.from_lo), 1, CASE m.from_prec WHEN 1 THEN 4 WHEN 2 THEN 7 ELSE 10 END)
  END AS from_date,
  CASE WHEN m.to_prec = 0 OR m.to_lo = 2147483647 THEN NULL
    ELSE substr(date(1721425.5 + m.to_lo), 1, CASE m.to_prec WHEN 1 THEN 4 WHEN 2 THEN 7 ELSE 10 END)
  END AS to_date,
  CASE WHEN m.from_lo = -2147483648 THEN '0000-01-01' ELSE date(1721425.5 + m.from_lo) END AS from_first,
  CASE WHEN m.from_hi = -2147483648 THEN '0000-01-01' ELSE date(1721425.5 + m.from_hi) END AS from_last,
  CASE WHEN m.to_lo = 2147483647 THEN '9999-12-31' ELSE date(1721425.5 + m.to_lo) END AS to_first,
  CASE WHEN m.to_hi = 2147483647 THEN '9999-12-31' ELSE date(1721425.5 + m.to_hi) END AS to_last,
  m.coding,
  (SELECT group_concat(s.code, '; ') FROM citation c JOIN source s ON s.id = c.source_id
   WHERE c.membership_id = m.id) AS sources,
  m.fact_id
FROM membership m JOIN entity o ON o.id = m.org_id JOIN entity e ON e.id = m.member_id
WHERE m.rec_to = 9223372036854775807;

CREATE VIEW IF NOT EXISTS v_relations AS
SELECT ea.code AS a, r.type, eb.code AS b, t.directed,
  CASE WHEN r.from_prec = 0 OR r.from_lo = -2147483648 THEN NULL
    ELSE substr(date(1721425.5 + r.from_lo), 1, CASE r.from_prec WHEN 1 THEN 4 WHEN 2 THEN 7 ELSE 10 END)
  END AS from_date,
  CASE WHEN r.to_prec = 0 OR r.to_lo = 2147483647 THEN NULL
    ELSE substr(date(1721425.5 + r.to_lo), 1, CASE r.to_prec WHEN 1 THEN 4 WHEN 2 THEN 7 ELSE 10 END)
  END AS to_date,
  CASE WHEN r.from_lo = -2147483648 THEN '0000-01-01' ELSE date(1721425.5 + r.from_lo) END AS from_first,
  CASE WHEN r.from_hi = -2147483648 THEN '0000-01-01' ELSE date(1721425.5 + r.from_hi) END AS from_last,
  CASE WHEN r.to_lo = 2147483647 THEN '9999-12-31' ELSE date(1721425.5 + r.to_lo) END AS to_first,
  CASE WHEN r.to_hi = 2147483647 THEN '9999-12-31' ELSE date(1721425.5 + r.to_hi) END AS to_last,
  r.attrs,
  (SELECT group_concat(s.code, '; ') FROM citation c JOIN source s ON s.id = c.source_id
   WHERE c.relation_id = r.id) AS sources,
  r.fact_id
FROM relation r JOIN entity ea ON ea.id = r.a_id JOIN entity eb ON eb.id = r.b_id
  JOIN relation_type t ON t.code = r.type
WHERE r.rec_to = 9223372036854775807;

CREATE VIEW IF NOT EXISTS v_events AS
SELECT v.fact_id AS id, v.ext_id,
  CASE WHEN v.from_prec = 0 OR v.from_lo = -2147483648 THEN NULL
    ELSE substr(date(1721425.5 + v.from_lo), 1, CASE v.from_prec WHEN 1 THEN 4 WHEN 2 THEN 7 ELSE 10 END)
  END AS date,
  CASE WHEN v.to_prec = 0 OR v.to_lo = 2147483647 THEN NULL
    ELSE substr(date(1721425.5 + v.to_lo), 1, CASE v.to_prec WHEN 1 THEN 4 WHEN 2 THEN 7 ELSE 10 END)
  END AS end_date,
  date(1721425.5 + v.from_lo) AS date_first,
  date(1721425.5 + v.from_hi) AS date_last,
  v.type, t.name AS type_name, v.intensity, v.location,
  (SELECT x.title FROM event_text x WHERE x.event_id = v.id
   ORDER BY x.lang = 'en' DESC, x.lang LIMIT 1) AS title,
  (SELECT group_concat(e.code, '; ') FROM event_actor a JOIN entity e ON e.id = a.entity_id
   WHERE a.event_id = v.id) AS actors,
  (SELECT group_concat(s.code, '; ') FROM citation c JOIN source s ON s.id = c.source_id
   WHERE c.event_id = v.id) AS sources
FROM event v JOIN event_type t ON t.code = v.type
WHERE v.rec_to = 9223372036854775807;

CREATE VIEW IF NOT EXISTS v_event_actors AS
SELECT v.fact_id AS event, e.code,
  CASE a.role WHEN 1 THEN 'source' WHEN 2 THEN 'target' WHEN 3 THEN 'participant'
    WHEN 4 THEN 'host' END AS role
FROM event_actor a JOIN event v ON v.id = a.event_id JOIN entity e ON e.id = a.entity_id
WHERE v.rec_to = 9223372036854775807;

CREATE VIEW IF NOT EXISTS v_citations AS
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

CREATE VIEW IF NOT EXISTS v_sources AS
SELECT code, title, author, publisher,
  CASE WHEN published IS NULL OR published_prec = 0 THEN NULL
    ELSE substr(date(1721425.5 + published), 1, CASE published_prec WHEN 1 THEN 4 WHEN 2 THEN 7 ELSE 10 END)
  END AS published,
  lang, url, file
FROM source;
