/*
 * sql_internal.h - the SQL of the hot queries, named, so that the library
 * and tests/check_plans.c run the same text: the test asks EXPLAIN QUERY
 * PLAN of each and fails when an index stops being used (issue 7,
 * docs/PERFORMANCE.md). Parameters are named (:ent, :dlo, :k...) and bound
 * from a gp_params (query_internal.h).
 */
#ifndef GEOPOL_SQL_INTERNAL_H
#define GEOPOL_SQL_INTERNAL_H

#include "core/geopol_internal.h"

/* The temporal rules (GP_SQL_HOLDS, GP_SQL_KNOWN, GP_SQL_AT1/2,
 * GP_SQL_EVENT_WINDOW) are in core/temporal.h. */
/* The rank of a membership row's coding (schema/009, geopol_coding_rank_set()). */
#define GP_SQL_RANK(t) "COALESCE((SELECT c.rank FROM coding c WHERE c.name = COALESCE(" t \
	".coding, '" GP_CODING_CURATED "')), " GP_CODING_RANK_DEFAULT_SQL ")"
/* The memberships a question answers with (gp_q): a stage of :stages; the
 * coding :coding if one is asked; else, with :cshadow, none that a row of a
 * better-ranked coding of the same pair outranks. The one rule is
 * gp_membership_visible(), which the memory index and the snapshot use.
 * The _AT forms take the parameters (the PostgreSQL store's "$6"...); the
 * SQL is plain enough for both SQLite and PostgreSQL. */
#define GP_SQL_OUTRANKED_AT(t, k) "EXISTS (SELECT 1 FROM membership y " \
	"WHERE y.org_id = " t ".org_id AND y.member_id = " t ".member_id AND " GP_SQL_KNOWN_AT("y", k) \
	" AND " GP_SQL_RANK("y") " < " GP_SQL_RANK(t) ")"
#define GP_SQL_OUTRANKED(t) GP_SQL_OUTRANKED_AT(t, ":k")
#define GP_SQL_MVISIBLE_AT(t, stages, coding, cshadow, k) \
	"((" stages " >> " t ".stage) & 1) = 1 AND (" coding " IS NULL OR COALESCE(" t ".coding, '" \
	GP_CODING_CURATED "') = " coding ") AND (" cshadow " = 0 OR NOT " GP_SQL_OUTRANKED_AT(t, k) ")"
#define GP_SQL_MVISIBLE(t) GP_SQL_MVISIBLE_AT(t, ":stages", ":coding", ":cshadow", ":k")
/* The rows known at :k that a better-ranked coding of their pair outranks
 * (the snapshot's set; only organizations with imported rows can have any). */
#define GP_SQL_SHADOWED_AT(k) "SELECT m.id FROM membership m WHERE m.org_id IN (SELECT org_id " \
	"FROM membership WHERE coding IS NOT NULL) AND " GP_SQL_KNOWN_AT("m", k) " AND " \
	GP_SQL_OUTRANKED_AT("m", k)
#define GP_SQL_SHADOWED GP_SQL_SHADOWED_AT(":k")
#define GP_SQL_MFROM \
	" FROM membership m JOIN entity o ON o.id = m.org_id JOIN entity e ON e.id = m.member_id "
#define GP_SQL_RFROM \
	" FROM relation r JOIN relation_type t ON t.code = r.type " \
	"JOIN entity ea ON ea.id = r.a_id JOIN entity eb ON eb.id = r.b_id "

/* ---- the "at D" questions (query.c) */
#define GP_SQL_MEMBERS "SELECT " GP_MEMBERSHIP_COLS GP_SQL_MFROM \
	"WHERE m.org_id = :ent AND " GP_SQL_HOLDS("m") " AND " GP_SQL_KNOWN("m") \
	" AND " GP_SQL_MVISIBLE("m") \
	" ORDER BY e.code, m.from_lo"
#define GP_SQL_MEMBERSHIPS "SELECT " GP_MEMBERSHIP_COLS GP_SQL_MFROM \
	"WHERE m.member_id = :ent AND " GP_SQL_HOLDS("m") " AND " GP_SQL_KNOWN("m") \
	" AND " GP_SQL_MVISIBLE("m") \
	" ORDER BY o.code, m.from_lo"
#define GP_SQL_COMMON \
	"SELECT " GP_MEMBERSHIP_COLS ", " GP_MEMBERSHIP_COLS_OF("mb", "o", "eb") \
	GP_SQL_MFROM "JOIN membership mb ON mb.org_id = m.org_id AND mb.member_id = :other " \
	"JOIN entity eb ON eb.id = mb.member_id " \
	"WHERE m.member_id = :ent AND " GP_SQL_HOLDS("m") " AND " GP_SQL_KNOWN("m") \
	" AND " GP_SQL_MVISIBLE("m") " AND " GP_SQL_HOLDS("mb") " AND " GP_SQL_KNOWN("mb") \
	" AND " GP_SQL_MVISIBLE("mb") " ORDER BY o.code, m.from_lo, mb.from_lo"
/* Alliances in which :ent's membership pledges the obligation :type
 * (membership_attr, ATOP) while :other is a member: pairs as in COMMON. */
#define GP_SQL_PLEDGES \
	"SELECT " GP_MEMBERSHIP_COLS ", " GP_MEMBERSHIP_COLS_OF("mb", "o", "eb") \
	GP_SQL_MFROM "JOIN membership_attr p ON p.membership_id = m.id AND p.key = :type " \
	"AND p.value = '1' JOIN membership mb ON mb.org_id = m.org_id AND mb.member_id = :other " \
	"JOIN entity eb ON eb.id = mb.member_id " \
	"WHERE m.member_id = :ent AND " GP_SQL_HOLDS("m") " AND " GP_SQL_KNOWN("m") \
	" AND " GP_SQL_MVISIBLE("m") " AND " GP_SQL_HOLDS("mb") " AND " GP_SQL_KNOWN("mb") \
	" AND " GP_SQL_MVISIBLE("mb") " ORDER BY o.code, m.from_lo, mb.from_lo"
#define GP_SQL_RELATIONS_ONE "SELECT " GP_RELATION_COLS GP_SQL_RFROM \
	"WHERE (r.a_id = :ent OR r.b_id = :ent) AND " GP_SQL_HOLDS("r") " AND " GP_SQL_KNOWN("r") \
	" ORDER BY r.from_lo, r.type, ea.code, eb.code"
#define GP_SQL_RELATIONS_TWO "SELECT " GP_RELATION_COLS GP_SQL_RFROM \
	"WHERE ((r.a_id = :ent AND r.b_id = :other) OR (r.a_id = :other AND r.b_id = :ent)) " \
	"AND " GP_SQL_HOLDS("r") " AND " GP_SQL_KNOWN("r") " ORDER BY r.from_lo, r.type"

/* ---- one row by id (?1), joined like the questions' rows */
#define GP_SQL_MEMBERSHIP_BYROW "SELECT " GP_MEMBERSHIP_COLS GP_SQL_MFROM "WHERE m.id = ?1"
#define GP_SQL_RELATION_BYROW "SELECT " GP_RELATION_COLS GP_SQL_RFROM "WHERE r.id = ?1"

/* ---- facts that outlive an entity (geopol_clipped): the rows whose
 * bounds gp_clip() changes, that is a start before the later of the two
 * entities' starts or an end after the earlier of their ends (written
 * without max() and min(), which are PostgreSQL's GREATEST and LEAST). */
#define GP_SQL_OUTLIVES(t, a, b) \
	"(" t ".from_lo < " a ".from_lo OR " t ".from_lo < " b ".from_lo OR " t ".from_hi < " a \
	".from_hi OR " t ".from_hi < " b ".from_hi OR " t ".to_lo > " a ".to_lo OR " t ".to_lo > " b \
	".to_lo OR " t ".to_hi > " a ".to_hi OR " t ".to_hi > " b ".to_hi)"
/* The rows gp_store.audit reads, known at k (the _AT forms: the
 * PostgreSQL store's "$1"). */
#define GP_SQL_CLIPPED_M_AT(k) "SELECT " GP_MEMBERSHIP_COLS GP_SQL_MFROM "WHERE " \
	GP_SQL_KNOWN_AT("m", k) " AND " GP_SQL_OUTLIVES("m", "o", "e") \
	" ORDER BY o.code, e.code, m.from_lo, m.id"
#define GP_SQL_CLIPPED_R_AT(k) "SELECT " GP_RELATION_COLS GP_SQL_RFROM "WHERE " \
	GP_SQL_KNOWN_AT("r", k) " AND " GP_SQL_OUTLIVES("r", "ea", "eb") \
	" ORDER BY ea.code, eb.code, r.from_lo, r.id"
#define GP_SQL_CLIPPED_M GP_SQL_CLIPPED_M_AT(":k")
#define GP_SQL_CLIPPED_R GP_SQL_CLIPPED_R_AT(":k")
/* The rows known at k that no citation cites (geopol_uncited). */
#define GP_SQL_UNCITED_M_AT(k) "SELECT " GP_MEMBERSHIP_COLS GP_SQL_MFROM "WHERE " \
	GP_SQL_KNOWN_AT("m", k) " AND NOT EXISTS (SELECT 1 FROM citation c WHERE " \
	"c.membership_id = m.id) ORDER BY o.code, e.code, m.id"
#define GP_SQL_UNCITED_R_AT(k) "SELECT " GP_RELATION_COLS GP_SQL_RFROM "WHERE " \
	GP_SQL_KNOWN_AT("r", k) " AND NOT EXISTS (SELECT 1 FROM citation c WHERE " \
	"c.relation_id = r.id) ORDER BY ea.code, eb.code, r.id"

/* ---- traversals and the snapshot (graph.c) */
/* Edges of one entity valid at the span: (kind, row id, other end). */
#define GP_SQL_EDGES \
	"SELECT 3, m.id, m.member_id FROM membership m WHERE m.org_id = :ent " \
	"AND " GP_SQL_HOLDS("m") " AND " GP_SQL_KNOWN("m") " AND " GP_SQL_MVISIBLE("m") " " \
	"UNION ALL SELECT 3, m.id, m.org_id FROM membership m WHERE m.member_id = :ent " \
	"AND " GP_SQL_HOLDS("m") " AND " GP_SQL_KNOWN("m") " AND " GP_SQL_MVISIBLE("m") " " \
	"UNION ALL SELECT 4, r.id, r.b_id FROM relation r WHERE r.a_id = :ent " \
	"AND " GP_SQL_HOLDS("r") " AND " GP_SQL_KNOWN("r") " " \
	"UNION ALL SELECT 4, r.id, r.a_id FROM relation r WHERE r.b_id = :ent " \
	"AND " GP_SQL_HOLDS("r") " AND " GP_SQL_KNOWN("r")
/* The snapshot's SQL lives in snapshot.c (gp_snapshot_sql_*), checked by
 * tests/check_snapshot.c. */

/* ---- the diff as SQL: diff.c now reads the store's rows (one scan, keys
 * merged in memory); these statements are its reference, item by item, in
 * tests/check_diff.c, and its events phase (GP_SQL_DIFF_EVENTS). */
#define GP_SQL_DIFF_MENT " AND (:ent IS NULL OR m.org_id = :ent OR m.member_id = :ent)"
#define GP_SQL_DIFF_RENT " AND (:ent IS NULL OR r.a_id = :ent OR r.b_id = :ent)"
#define GP_SQL_SAME_M(t) t ".org_id = m.org_id AND " t ".member_id = m.member_id AND " t ".role = m.role"
#define GP_SQL_SAME_R(t) t ".type = r.type AND ((" t ".a_id = r.a_id AND " t ".b_id = r.b_id) OR " \
	"(t.directed = 0 AND " t ".a_id = r.b_id AND " t ".b_id = r.a_id))"
#define GP_SQL_DIFF_JOINED "SELECT " GP_MEMBERSHIP_COLS GP_SQL_MFROM "WHERE " GP_SQL_AT2("m") \
	" AND " GP_SQL_KNOWN("m") GP_SQL_DIFF_MENT " AND " GP_SQL_MVISIBLE("m") \
	" AND NOT EXISTS (SELECT 1 FROM membership x WHERE " GP_SQL_SAME_M("x") " AND " \
	GP_SQL_AT1("x") " AND " GP_SQL_KNOWN("x") " AND " GP_SQL_MVISIBLE("x") ") ORDER BY o.code, e.code"
#define GP_SQL_DIFF_LEFT "SELECT " GP_MEMBERSHIP_COLS GP_SQL_MFROM "WHERE " GP_SQL_AT1("m") \
	" AND " GP_SQL_KNOWN("m") GP_SQL_DIFF_MENT " AND " GP_SQL_MVISIBLE("m") \
	" AND NOT EXISTS (SELECT 1 FROM membership x WHERE " GP_SQL_SAME_M("x") " AND " \
	GP_SQL_AT2("x") " AND " GP_SQL_KNOWN("x") " AND " GP_SQL_MVISIBLE("x") ") ORDER BY o.code, e.code"
#define GP_SQL_DIFF_STARTED "SELECT " GP_RELATION_COLS GP_SQL_RFROM "WHERE " GP_SQL_AT2("r") \
	" AND " GP_SQL_KNOWN("r") GP_SQL_DIFF_RENT " AND NOT EXISTS (SELECT 1 FROM relation x WHERE " \
	GP_SQL_SAME_R("x") " AND " GP_SQL_AT1("x") " AND " GP_SQL_KNOWN("x") ") ORDER BY r.from_lo, r.type"
#define GP_SQL_DIFF_ENDED "SELECT " GP_RELATION_COLS GP_SQL_RFROM "WHERE " GP_SQL_AT1("r") \
	" AND " GP_SQL_KNOWN("r") GP_SQL_DIFF_RENT " AND NOT EXISTS (SELECT 1 FROM relation x WHERE " \
	GP_SQL_SAME_R("x") " AND " GP_SQL_AT2("x") " AND " GP_SQL_KNOWN("x") ") ORDER BY r.to_lo, r.type"
#define GP_SQL_DIFF_EVENTS_WHERE "WHERE " GP_SQL_EVENT_WINDOW " AND " GP_SQL_KNOWN("e") \
	" AND (:ent IS NULL OR EXISTS (SELECT 1 FROM event_actor a WHERE a.event_id = e.id " \
	"AND a.entity_id = :ent)) ORDER BY e.from_lo, e.id"
/* The events' row ids (the reference, each event then read by row). */
#define GP_SQL_DIFF_EVENTS "SELECT e.id FROM event e " GP_SQL_DIFF_EVENTS_WHERE
/* An event row's own columns, then its type's name and Goldstein score
 * (read by gp_sqlite_event_cols, sqlite_events.c). */
#define GP_SQL_EVENT_COLS "e.fact_id, e.ext_id, e.type, t.name, t.goldstein, e.intensity, " \
	"e.location, e.from_lo, e.from_hi, e.from_prec, e.to_lo, e.to_hi, e.to_prec, e.rec_from"
/* The same events with their columns, all read from the covering index
 * event_window (schema 013) in its order: what the SQLite store answers
 * GP_EVENTS_WINDOW with (sqlite_event_window.c). */
#define GP_SQL_DIFF_EVENT_ROWS "SELECT e.id, " GP_SQL_EVENT_COLS " FROM event e " \
	"JOIN event_type t ON t.code = e.type " GP_SQL_DIFF_EVENTS_WHERE
/* An event's dataset fields (schema 008) from event_detail's row: the
 * measures first, then the other columns; json_patch drops the measures
 * that are NULL. "{}": none. */
#define GP_SQL_EVENT_DETAILS "json_patch(json_patch('{}', json_object('quad_class', quad_class, " \
	"'num_mentions', num_mentions, 'num_sources', num_sources, 'num_articles', " \
	"num_articles, 'avg_tone', avg_tone, 'lat', lat, 'lon', lon)), IFNULL(attrs, '{}'))"
/* Of an event's titles (event_text), the one that answers first in this
 * order: the asked language (lang, a parameter), else English, else the
 * first language. */
#define GP_SQL_TITLE_ORDER(lang) "lang = " lang " DESC, lang = 'en' DESC, lang"

#endif
