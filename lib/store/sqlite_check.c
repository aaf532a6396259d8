/*
 * sqlite_check.c - the SQLite store's statements for geopol_check
 * (gp_store.check_rows, store.h; the rules and their messages are
 * query/check.c's): each rule's rows, read by column through a
 * gp_tuple_cursor. The columns of each are listed where check.c reads
 * them.
 */
#include "store/store.h"
#include "store/sqlite_internal.h"
#include "store/sql_internal.h"

#include <stdlib.h>

#define CUR GP_SQL_REC_CURRENT   /* rec_to of a current row */

/* ---- a membership or relation outside the life of its entities */

/* A fact that surely starts before entity x: an open start ("since the
 * entity began") never does; an open end after an ended entity always is. */
#define BEFORE(f, x) "(" f ".from_prec > 0 AND " f ".from_hi < " x ".from_lo)"

/* Columns: fact bounds 0-3; entity x code, from lo/prec, to lo/prec 4-8;
 * entity y 9-13; x before, x after, y before, y after 14-17; then the
 * record's own columns. */
#define LIFE_COLS(f, x, y, y_before) \
	f ".from_lo, " f ".from_prec, " f ".to_lo, " f ".to_prec, " \
	x ".code, " x ".from_lo, " x ".from_prec, " x ".to_lo, " x ".to_prec, " \
	y ".code, " y ".from_lo, " y ".from_prec, " y ".to_lo, " y ".to_prec, " \
	BEFORE(f, x) ", " f ".to_lo > " x ".to_hi, " y_before ", " f ".to_lo > " y ".to_hi"
#define LIFE_WHERE(f, x, y, y_before) \
	"(" BEFORE(f, x) " OR " f ".to_lo > " x ".to_hi OR " y_before " OR " f ".to_lo > " y ".to_hi)"
/* A treaty is signed and ratified before the organization it founds
 * exists: those stages may start before the organization, not before the
 * member. */
#define ORG_BEFORE "(m.stage NOT IN (2, 3) AND " BEFORE("m", "o") ")"

static const char sql_life_m[] = "SELECT " LIFE_COLS("m", "e", "o", ORG_BEFORE) ", m.fact_id, m.role, m.coding IS NOT NULL "
	"FROM membership m JOIN entity o ON o.id = m.org_id JOIN entity e ON e.id = m.member_id "
	"WHERE m.rec_to = " CUR " AND " LIFE_WHERE("m", "e", "o", ORG_BEFORE) " ORDER BY o.code, e.code, m.from_lo";
/* A succession links a state to one that has ended, by definition. */
static const char sql_life_r[] = "SELECT " LIFE_COLS("r", "a", "b", BEFORE("r", "b")) ", r.fact_id, r.type "
	"FROM relation r JOIN entity a ON a.id = r.a_id JOIN entity b ON b.id = r.b_id "
	"WHERE r.rec_to = " CUR " AND r.type NOT IN ('successor_of', 'continuator_of') AND "
	LIFE_WHERE("r", "a", "b", BEFORE("r", "b")) " ORDER BY a.code, b.code, r.from_lo";

/* ---- one name for two entities of one kind in one language */

/* Two intervals [f1, t1) and [f2, t2) that surely share a day. */
#define SURELY_MEET(f1, t1, f2, t2) f1 ".from_hi < " t2 ".to_lo AND " f2 ".from_hi < " t1 ".to_lo"

/* Only names valid at the same time, of entities alive at the same time:
 * a successor may carry its predecessor's name. */
static const char sql_name_clash[] = "SELECT ea.code, eb.code, a.lang, a.text, b.text, a.fact_id, b.fact_id "
	"FROM name a JOIN name b ON b.key = a.key AND b.lang = a.lang AND b.entity_id > a.entity_id "
	"JOIN entity ea ON ea.id = a.entity_id JOIN entity eb ON eb.id = b.entity_id "
	"WHERE ea.kind = eb.kind AND a.rec_to = " CUR " AND b.rec_to = " CUR " AND "
	SURELY_MEET("a", "a", "b", "b") " AND " SURELY_MEET("ea", "ea", "eb", "eb") " AND "
	SURELY_MEET("a", "a", "eb", "eb") " AND " SURELY_MEET("b", "b", "ea", "ea") " AND "
	SURELY_MEET("a", "a", "ea", "ea") " AND " SURELY_MEET("b", "b", "eb", "eb")
	" ORDER BY ea.code, eb.code, a.lang";

/* ---- rows of one coding that hold on the same day */

/* Pairs of current membership rows of one organization, member and coding
 * that surely share a day; `pair` picks which roles. */
#define PAIRS(pair) "SELECT e.code, o.code, a.fact_id, a.role, a.from_lo, a.from_prec, a.to_lo, a.to_prec, " \
	"b.fact_id, b.role, b.from_lo, b.from_prec, b.to_lo, b.to_prec, COALESCE(a.coding, 'curated'), " \
	"a.stage, b.stage " \
	"FROM membership a JOIN membership b ON b.org_id = a.org_id AND b.member_id = a.member_id " \
	"AND b.coding IS a.coding AND b.id <> a.id " \
	"JOIN entity o ON o.id = a.org_id JOIN entity e ON e.id = a.member_id " \
	"WHERE a.rec_to = " CUR " AND b.rec_to = " CUR " AND " pair " AND " \
	SURELY_MEET("a", "a", "b", "b") " ORDER BY o.code, e.code, a.from_lo"

/* A suspension: the stage (schema 9), or the role it was written as before. */
#define SUSPENDED(x) "(" x ".stage = 4 OR " x ".role = 8)"

/* Each pair once; a suspension is the next rule's. The stages of one
 * membership (signed, in force, frozen...) follow each other. */
static const char sql_overlap[] = PAIRS("a.id < b.id AND NOT " SUSPENDED("a") " AND NOT " SUSPENDED("b"));
static const char sql_suspended[] = PAIRS(SUSPENDED("a") " AND NOT " SUSPENDED("b"));

/* ---- a person without a name in a core language (?1) */

static const char sql_person_names[] = "SELECT x.code FROM entity x WHERE x.kind = 3 AND NOT EXISTS "
	"(SELECT 1 FROM name n WHERE n.entity_id = x.id AND n.lang = ?1 AND n.rec_to = " CUR ") "
	"ORDER BY x.code";

/* ---- the quotes to look for in their sources' files */

static const char sql_quotes[] = "SELECT s.id, s.code, s.file, c.quote, CASE "
	"WHEN c.name_id IS NOT NULL THEN (SELECT 'name ' || n.fact_id || ' of ' || x.code || ' (' || n.lang || ')' "
	"FROM name n JOIN entity x ON x.id = n.entity_id WHERE n.id = c.name_id) "
	"WHEN c.membership_id IS NOT NULL THEN (SELECT 'membership ' || m.fact_id || ': ' || e.code || ' in ' || o.code "
	"FROM membership m JOIN entity e ON e.id = m.member_id JOIN entity o ON o.id = m.org_id WHERE m.id = c.membership_id) "
	"WHEN c.relation_id IS NOT NULL THEN (SELECT 'relation ' || r.fact_id || ': ' || a.code || ' ' || r.type || ' ' || b.code "
	"FROM relation r JOIN entity a ON a.id = r.a_id JOIN entity b ON b.id = r.b_id WHERE r.id = c.relation_id) "
	"ELSE (SELECT 'event ' || COALESCE(v.ext_id, v.fact_id) FROM event v WHERE v.id = c.event_id) END "
	"FROM citation c JOIN source s ON s.id = c.source_id "
	"WHERE c.quote IS NOT NULL AND s.file IS NOT NULL ORDER BY s.id, c.id";

/* ---- facts that answers and exports clip to their entities' lives */

/* Columns: record id, a code, b code, what (role or type), then the bounds
 * (lo, hi, prec of from, the same of to) of the fact, a and b. */
#define CLIP_BOUNDS(t) t ".from_lo, " t ".from_hi, " t ".from_prec, " t ".to_lo, " t ".to_hi, " t ".to_prec"

static const char sql_clipped_m[] = "SELECT m.fact_id, o.code, e.code, m.role, " CLIP_BOUNDS("m") ", "
	CLIP_BOUNDS("o") ", " CLIP_BOUNDS("e") ", " LIFE_WHERE("m", "e", "o", ORG_BEFORE)
	" FROM membership m JOIN entity o ON o.id = m.org_id "
	"JOIN entity e ON e.id = m.member_id WHERE m.rec_to = " CUR " AND m.stage NOT IN (2, 3) AND "
	GP_SQL_OUTLIVES("m", "o", "e") " ORDER BY o.code, e.code, m.from_lo, m.id";
static const char sql_clipped_r[] = "SELECT r.fact_id, a.code, b.code, r.type, " CLIP_BOUNDS("r") ", "
	CLIP_BOUNDS("a") ", " CLIP_BOUNDS("b") ", " LIFE_WHERE("r", "a", "b", BEFORE("r", "b"))
	" FROM relation r JOIN entity a ON a.id = r.a_id "
	"JOIN entity b ON b.id = r.b_id WHERE r.rec_to = " CUR " AND r.type NOT IN ('successor_of', "
	"'continuator_of') AND " GP_SQL_OUTLIVES("r", "a", "b") " ORDER BY a.code, b.code, r.from_lo, r.id";

/* ---- the cursor */

typedef struct tuple_cursor {
	gp_tuple_cursor base;        /* first */
	geopol_db *db;
	sqlite3_stmt *st;
} tuple_cursor;

static int tuple_next(gp_tuple_cursor *base)
{
	tuple_cursor *c = (tuple_cursor *)base;
	int rc = sqlite3_step(c->st);
	if (rc == SQLITE_ROW)
		return GEOPOL_OK;
	return rc == SQLITE_DONE ? GEOPOL_ITEROVER : gp_sql_error(c->db, "check");
}

static int64_t tuple_int(gp_tuple_cursor *base, int col)
{
	return sqlite3_column_int64(((tuple_cursor *)base)->st, col);
}

static const char *tuple_text(gp_tuple_cursor *base, int col)
{
	return (const char *)sqlite3_column_text(((tuple_cursor *)base)->st, col);
}

static void tuple_free(gp_tuple_cursor *base)
{
	tuple_cursor *c = (tuple_cursor *)base;
	gp_stmt_give(c->db, c->st);
	free(c);
}

int gp_sqlite_check_rows(gp_tuple_cursor **out, geopol_db *db, int what, const char *arg)
{
	static const char *const sql[] = {NULL, sql_life_m, sql_life_r, sql_name_clash, sql_overlap,
					  sql_suspended, sql_person_names, sql_quotes,
					  sql_clipped_m, sql_clipped_r};
	*out = NULL;
	if (what < GP_CHECK_LIFE_M || what > GP_CHECK_CLIPPED_R)
		return gp_error(db, GEOPOL_EINTERNAL, "internal: no check %d", what);
	tuple_cursor *c = calloc(1, sizeof *c);
	if (!c)
		return gp_oom(db);
	*c = (tuple_cursor){{tuple_next, tuple_int, tuple_text, tuple_free}, db, NULL};
	if (!(c->st = gp_stmt_take(db, sql[what]))) {
		free(c);
		return gp_sql_error(db, "check");
	}
	if (what == GP_CHECK_PERSON_NAMES)
		sqlite3_bind_text(c->st, 1, arg, -1, SQLITE_STATIC);
	*out = &c->base;
	return GEOPOL_OK;
}
