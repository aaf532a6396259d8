/*
 * sql_check.h - the SQL of geopol_check's rules (gp_store.check_rows,
 * store.h; the rules' messages and the columns each reads are
 * query/check.c's), written once for both stores: sqlite_check.c runs it
 * on SQLite, pg_check.c on PostgreSQL. The text is plain enough for both
 * (no max() or min(), no `IS` between values, no mixed types in COALESCE);
 * a condition read as a column is 0 or 1 on SQLite, a boolean on
 * PostgreSQL, which pg_check.c reads as 0 or 1. The one parameter, a
 * language, is the _AT form's (SQLite's "?1", PostgreSQL's "$1"). Each
 * rule's rows come in one order on both: their keys, then row ids.
 */
#ifndef GEOPOL_SQL_CHECK_H
#define GEOPOL_SQL_CHECK_H

#include "store/sql_internal.h"

#define GP_CK_CUR GP_SQL_REC_CURRENT   /* rec_to of a current row */

/* ---- a membership or relation outside the life of its entities */

/* A fact that surely starts before entity x: an open start ("since the
 * entity began") never does; an open end after an ended entity always is. */
#define GP_CK_BEFORE(f, x) "(" f ".from_prec > 0 AND " f ".from_hi < " x ".from_lo)"

/* Columns: fact bounds 0-3; entity x code, from lo/prec, to lo/prec 4-8;
 * entity y 9-13; x before, x after, y before, y after 14-17; then the
 * record's own columns. */
#define GP_CK_LIFE_COLS(f, x, y, y_before) \
	f ".from_lo, " f ".from_prec, " f ".to_lo, " f ".to_prec, " \
	x ".code, " x ".from_lo, " x ".from_prec, " x ".to_lo, " x ".to_prec, " \
	y ".code, " y ".from_lo, " y ".from_prec, " y ".to_lo, " y ".to_prec, " \
	GP_CK_BEFORE(f, x) ", " f ".to_lo > " x ".to_hi, " y_before ", " f ".to_lo > " y ".to_hi"
#define GP_CK_LIFE_WHERE(f, x, y, y_before) \
	"(" GP_CK_BEFORE(f, x) " OR " f ".to_lo > " x ".to_hi OR " y_before " OR " f ".to_lo > " \
	y ".to_hi)"
/* A treaty is signed and ratified before the organization it founds
 * exists: those stages may start before the organization, not before the
 * member. */
#define GP_CK_ORG_BEFORE "(m.stage NOT IN (2, 3) AND " GP_CK_BEFORE("m", "o") ")"

#define GP_SQL_CHECK_LIFE_M "SELECT " GP_CK_LIFE_COLS("m", "e", "o", GP_CK_ORG_BEFORE) \
	", m.fact_id, m.role, m.coding IS NOT NULL " \
	"FROM membership m JOIN entity o ON o.id = m.org_id JOIN entity e ON e.id = m.member_id " \
	"WHERE m.rec_to = " GP_CK_CUR " AND " GP_CK_LIFE_WHERE("m", "e", "o", GP_CK_ORG_BEFORE) \
	" ORDER BY o.code, e.code, m.from_lo, m.id"
/* A succession links a state to one that has ended, by definition. */
#define GP_SQL_CHECK_LIFE_R "SELECT " GP_CK_LIFE_COLS("r", "a", "b", GP_CK_BEFORE("r", "b")) \
	", r.fact_id, r.type " \
	"FROM relation r JOIN entity a ON a.id = r.a_id JOIN entity b ON b.id = r.b_id " \
	"WHERE r.rec_to = " GP_CK_CUR " AND r.type NOT IN ('successor_of', 'continuator_of') AND " \
	GP_CK_LIFE_WHERE("r", "a", "b", GP_CK_BEFORE("r", "b")) " ORDER BY a.code, b.code, r.from_lo, r.id"

/* ---- one name for two entities of one kind in one language */

/* Two intervals [f1, t1) and [f2, t2) that surely share a day. */
#define GP_CK_SURELY_MEET(f1, t1, f2, t2) \
	f1 ".from_hi < " t2 ".to_lo AND " f2 ".from_hi < " t1 ".to_lo"

/* Only names valid at the same time, of entities alive at the same time:
 * a successor may carry its predecessor's name. */
#define GP_SQL_CHECK_NAME_CLASH \
	"SELECT ea.code, eb.code, a.lang, a.text, b.text, a.fact_id, b.fact_id " \
	"FROM name a JOIN name b ON b.key = a.key AND b.lang = a.lang AND b.entity_id > a.entity_id " \
	"JOIN entity ea ON ea.id = a.entity_id JOIN entity eb ON eb.id = b.entity_id " \
	"WHERE ea.kind = eb.kind AND a.rec_to = " GP_CK_CUR " AND b.rec_to = " GP_CK_CUR " AND " \
	GP_CK_SURELY_MEET("a", "a", "b", "b") " AND " GP_CK_SURELY_MEET("ea", "ea", "eb", "eb") \
	" AND " GP_CK_SURELY_MEET("a", "a", "eb", "eb") " AND " GP_CK_SURELY_MEET("b", "b", "ea", "ea") \
	" AND " GP_CK_SURELY_MEET("a", "a", "ea", "ea") " AND " GP_CK_SURELY_MEET("b", "b", "eb", "eb") \
	" ORDER BY ea.code, eb.code, a.lang, a.id, b.id"

/* ---- rows of one coding that hold on the same day */

/* Pairs of current membership rows of one organization, member and coding
 * (both curated, NULL, or the same one) that surely share a day; `pair`
 * picks which roles. */
#define GP_CK_PAIRS(pair) \
	"SELECT e.code, o.code, a.fact_id, a.role, a.from_lo, a.from_prec, a.to_lo, a.to_prec, " \
	"b.fact_id, b.role, b.from_lo, b.from_prec, b.to_lo, b.to_prec, COALESCE(a.coding, 'curated'), " \
	"a.stage, b.stage " \
	"FROM membership a JOIN membership b ON b.org_id = a.org_id AND b.member_id = a.member_id " \
	"AND (b.coding = a.coding OR (b.coding IS NULL AND a.coding IS NULL)) AND b.id <> a.id " \
	"JOIN entity o ON o.id = a.org_id JOIN entity e ON e.id = a.member_id " \
	"WHERE a.rec_to = " GP_CK_CUR " AND b.rec_to = " GP_CK_CUR " AND " pair " AND " \
	GP_CK_SURELY_MEET("a", "a", "b", "b") " ORDER BY o.code, e.code, a.from_lo, a.id, b.id"

/* A suspension: the stage (schema 9), or the role it was written as before. */
#define GP_CK_SUSPENDED(x) "(" x ".stage = 4 OR " x ".role = 8)"

/* Each pair once; a suspension is the next rule's. The stages of one
 * membership (signed, in force, frozen...) follow each other. */
#define GP_SQL_CHECK_OVERLAP \
	GP_CK_PAIRS("a.id < b.id AND NOT " GP_CK_SUSPENDED("a") " AND NOT " GP_CK_SUSPENDED("b"))
#define GP_SQL_CHECK_SUSPENDED GP_CK_PAIRS(GP_CK_SUSPENDED("a") " AND NOT " GP_CK_SUSPENDED("b"))

/* ---- a person without a name in a core language (lang) */

#define GP_SQL_CHECK_PERSON_NAMES_AT(lang) \
	"SELECT x.code FROM entity x WHERE x.kind = 3 AND NOT EXISTS " \
	"(SELECT 1 FROM name n WHERE n.entity_id = x.id AND n.lang = " lang " AND n.rec_to = " \
	GP_CK_CUR ") ORDER BY x.code"

/* ---- the quotes to look for in their sources' files */

#define GP_SQL_CHECK_QUOTES "SELECT s.id, s.code, s.file, c.quote, CASE " \
	"WHEN c.name_id IS NOT NULL THEN (SELECT 'name ' || n.fact_id || ' of ' || x.code || ' (' || " \
	"n.lang || ')' FROM name n JOIN entity x ON x.id = n.entity_id WHERE n.id = c.name_id) " \
	"WHEN c.membership_id IS NOT NULL THEN (SELECT 'membership ' || m.fact_id || ': ' || e.code || " \
	"' in ' || o.code FROM membership m JOIN entity e ON e.id = m.member_id JOIN entity o ON " \
	"o.id = m.org_id WHERE m.id = c.membership_id) " \
	"WHEN c.relation_id IS NOT NULL THEN (SELECT 'relation ' || r.fact_id || ': ' || a.code || ' ' " \
	"|| r.type || ' ' || b.code FROM relation r JOIN entity a ON a.id = r.a_id JOIN entity b ON " \
	"b.id = r.b_id WHERE r.id = c.relation_id) " \
	"ELSE (SELECT 'event ' || COALESCE(v.ext_id, CAST(v.fact_id AS TEXT)) FROM event v " \
	"WHERE v.id = c.event_id) END " \
	"FROM citation c JOIN source s ON s.id = c.source_id " \
	"WHERE c.quote IS NOT NULL AND s.file IS NOT NULL ORDER BY s.id, c.id"

/* ---- facts that answers and exports clip to their entities' lives */

/* Columns: record id, a code, b code, what (role or type), then the bounds
 * (lo, hi, prec of from, the same of to) of the fact, a and b. */
#define GP_CK_BOUNDS(t) \
	t ".from_lo, " t ".from_hi, " t ".from_prec, " t ".to_lo, " t ".to_hi, " t ".to_prec"

#define GP_SQL_CHECK_CLIPPED_M "SELECT m.fact_id, o.code, e.code, m.role, " GP_CK_BOUNDS("m") ", " \
	GP_CK_BOUNDS("o") ", " GP_CK_BOUNDS("e") ", " GP_CK_LIFE_WHERE("m", "e", "o", GP_CK_ORG_BEFORE) \
	" FROM membership m JOIN entity o ON o.id = m.org_id " \
	"JOIN entity e ON e.id = m.member_id WHERE m.rec_to = " GP_CK_CUR " AND m.stage NOT IN (2, 3) " \
	"AND " GP_SQL_OUTLIVES("m", "o", "e") " ORDER BY o.code, e.code, m.from_lo, m.id"
#define GP_SQL_CHECK_CLIPPED_R "SELECT r.fact_id, a.code, b.code, r.type, " GP_CK_BOUNDS("r") ", " \
	GP_CK_BOUNDS("a") ", " GP_CK_BOUNDS("b") ", " \
	GP_CK_LIFE_WHERE("r", "a", "b", GP_CK_BEFORE("r", "b")) \
	" FROM relation r JOIN entity a ON a.id = r.a_id " \
	"JOIN entity b ON b.id = r.b_id WHERE r.rec_to = " GP_CK_CUR " AND r.type NOT IN " \
	"('successor_of', 'continuator_of') AND " GP_SQL_OUTLIVES("r", "a", "b") \
	" ORDER BY a.code, b.code, r.from_lo, r.id"

#endif
