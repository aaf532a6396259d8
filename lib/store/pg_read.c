/*
 * pg_read.c - the PostgreSQL store's reads of edges: the rows of an "at D"
 * question (gp_store.spells) by the GiST indexes on (key, valid), each
 * with the lives of its entities as known at the question (so the front
 * end clips it without asking again), and a table's rows at a span in id
 * order (gp_store.scan: the snapshot and the diff), read in chunks.
 *
 * The temporal rules are temporal.h's and sql_internal.h's fragments
 * (GP_PG_HOLDS and the others, pg_internal.h). The order is the SQLite
 * store's ORDER BY, with the ties of its indexes (to_hi, rec_from, id)
 * spelled out.
 */
#include "store/pg_internal.h"

#include <stdlib.h>
#include <string.h>

#define LIFE_COLS GP_PG_LIFE_COLS
#define LIFE_NCOLS GP_PG_LIFE_NCOLS
#define HOLDS GP_PG_HOLDS
#define KNOWN GP_PG_KNOWN

#define MFROM GP_SQL_MFROM
#define RFROM GP_SQL_RFROM
#define MWHERE(t) HOLDS(t) " AND " KNOWN(t) " AND " GP_PG_VISIBLE(t)

static const char members_sql[] =
	"SELECT " GP_MEMBERSHIP_COLS ", " LIFE_COLS("o") ", " LIFE_COLS("e") MFROM
	"WHERE m.org_id = $1 AND " MWHERE("m")
	" ORDER BY e.code, m.from_lo, m.to_hi, m.rec_from, m.id";
static const char memberships_sql[] =
	"SELECT " GP_MEMBERSHIP_COLS ", " LIFE_COLS("o") ", " LIFE_COLS("e") MFROM
	"WHERE m.member_id = $1 AND " MWHERE("m")
	" ORDER BY o.code, m.from_lo, m.to_hi, m.rec_from, m.id";
#define PAIR_COLS \
	"SELECT " GP_MEMBERSHIP_COLS ", " GP_MEMBERSHIP_COLS_OF("mb", "o", "eb") ", " \
	LIFE_COLS("o") ", " LIFE_COLS("e") ", " LIFE_COLS("eb") MFROM
#define PAIR_ORDER " ORDER BY o.code, m.from_lo, mb.from_lo, m.to_hi, m.rec_from, m.id, mb.id"
static const char common_sql[] =
	PAIR_COLS "JOIN membership mb ON mb.org_id = m.org_id AND mb.member_id = $2 "
	"JOIN entity eb ON eb.id = mb.member_id "
	"WHERE m.member_id = $1 AND " MWHERE("m") " AND " MWHERE("mb") PAIR_ORDER;
static const char pledges_sql[] =
	PAIR_COLS "JOIN membership_attr p ON p.membership_id = m.id AND p.key = $9 "
	"AND p.value = '1' JOIN membership mb ON mb.org_id = m.org_id AND mb.member_id = $2 "
	"JOIN entity eb ON eb.id = mb.member_id "
	"WHERE m.member_id = $1 AND " MWHERE("m") " AND " MWHERE("mb") PAIR_ORDER;
#define RSELECT "SELECT " GP_RELATION_COLS ", " LIFE_COLS("ea") ", " LIFE_COLS("eb") RFROM
static const char relations_one_sql[] =
	RSELECT "WHERE r.id IN (SELECT x.id FROM relation x WHERE x.a_id = $1 AND " HOLDS("x")
	" UNION SELECT x.id FROM relation x WHERE x.b_id = $1 AND " HOLDS("x") ") AND " KNOWN("r")
	" ORDER BY r.from_lo, r.type, ea.code, eb.code, r.to_hi, r.rec_from, r.id";
static const char relations_two_sql[] =
	RSELECT "WHERE ((r.a_id = $1 AND r.b_id = $2) OR (r.a_id = $2 AND r.b_id = $1)) AND "
	HOLDS("r") " AND " KNOWN("r") " ORDER BY r.from_lo, r.type, r.to_hi, r.rec_from, r.id";

static const char *spells_sql(const gp_spells_query *q)
{
	switch (q->what) {
	case GP_SPELLS_MEMBERS: return members_sql;
	case GP_SPELLS_MEMBERSHIPS: return memberships_sql;
	case GP_SPELLS_COMMON: return common_sql;
	case GP_SPELLS_PLEDGES: return pledges_sql;
	default: return q->other ? relations_two_sql : relations_one_sql;
	}
}

/* ---- rows from a result */

gp_span gp_pg_read_span(const PGresult *r, int i, int c)
{
	return (gp_span){gp_pg_get_int(r, i, c), gp_pg_get_int(r, i, c + 1),
			 gp_pg_get_int(r, i, c + 2), gp_pg_get_int(r, i, c + 3),
			 (int)gp_pg_get_int(r, i, c + 4), (int)gp_pg_get_int(r, i, c + 5)};
}

static void read_when(gp_edge_row *e, const PGresult *r, int i, int flo)
{
	/* from_lo, from_hi, from_prec, to_lo, to_hi, to_prec follow each other
	 * in both column lists (core/row.h). */
	e->when.flo = gp_pg_get_int(r, i, flo);
	e->when.fhi = gp_pg_get_int(r, i, flo + 1);
	e->when.fprec = (int)gp_pg_get_int(r, i, flo + 2);
	e->when.tlo = gp_pg_get_int(r, i, flo + 3);
	e->when.thi = gp_pg_get_int(r, i, flo + 4);
	e->when.tprec = (int)gp_pg_get_int(r, i, flo + 5);
}

_Static_assert(GP_MC_FHI == GP_MC_FLO + 1 && GP_MC_TPREC == GP_MC_FLO + 5 &&
	       GP_RC_FHI == GP_RC_FLO + 1 && GP_RC_TPREC == GP_RC_FLO + 5,
	       "the interval columns follow each other (read_when)");

/* The two entity columns: codes in the joined form, ids in the raw one. */
static void read_ends(gp_edge_row *e, const PGresult *r, int i, int a, int raw)
{
	if (raw) {
		e->a_id = gp_pg_get_int(r, i, a);
		e->b_id = gp_pg_get_int(r, i, a + 1);
	} else {
		e->a = gp_pg_get_text(r, i, a);
		e->b = gp_pg_get_text(r, i, a + 1);
	}
}

_Static_assert(GP_MC_B == GP_MC_A + 1 && GP_RC_B == GP_RC_A + 1, "a and b follow each other");

void gp_pg_read_row(gp_edge_row *e, int kind, const PGresult *r, int i, int c, int raw)
{
	memset(e, 0, sizeof *e);
	e->kind = kind;
	if (kind == GEOPOL_FACT_MEMBERSHIP) {
		e->id = gp_pg_get_int(r, i, c + GP_MC_ID);
		e->fact_id = gp_pg_get_int(r, i, c + GP_MC_FACT);
		read_ends(e, r, i, c + GP_MC_A, raw);
		e->role = (int)gp_pg_get_int(r, i, c + GP_MC_ROLE);
		read_when(e, r, i, c + GP_MC_FLO);
		e->rec_from = gp_pg_get_int(r, i, c + GP_MC_REC);
		e->stage = (int)gp_pg_get_int(r, i, c + GP_MC_STAGE);
		e->coding = gp_pg_get_text(r, i, c + GP_MC_CODING);
		return;
	}
	e->id = gp_pg_get_int(r, i, c + GP_RC_ID);
	e->fact_id = gp_pg_get_int(r, i, c + GP_RC_FACT);
	read_ends(e, r, i, c + GP_RC_A, raw);
	e->type = gp_pg_get_text(r, i, c + GP_RC_TYPE);
	e->directed = (int)gp_pg_get_int(r, i, c + GP_RC_DIRECTED);
	e->attrs = gp_pg_get_text(r, i, c + GP_RC_ATTRS);
	read_when(e, r, i, c + GP_RC_FLO);
	e->rec_from = gp_pg_get_int(r, i, c + GP_RC_REC);
}

void gp_pg_at_args(gp_pg_args *a, int64_t ent, int64_t other, int64_t dlo, int64_t dhi,
		   const gp_q *q, const char *type)
{
	gp_pg_int(a, ent);
	gp_pg_int(a, other);
	gp_pg_int(a, dlo);
	gp_pg_int(a, dhi);
	gp_pg_int(a, q->known_at);
	gp_pg_int(a, q->stages);
	gp_pg_text(a, q->coding);
	gp_pg_int(a, q->shadow);
	gp_pg_text(a, type);
}

/* A cursor over a whole result (a step: single-row mode for the long
 * answers is for later). */
typedef struct pg_cursor {
	gp_row_cursor base;          /* first */
	PGresult *res;
	int i, n;
	int kind, pairs;
	gp_span lives[3];            /* the current row's entities': a, b, and the
				      * pair's other member */
} pg_cursor;

static int pg_next(gp_row_cursor *c, gp_edge_row *rows)
{
	pg_cursor *s = (pg_cursor *)c;
	if (s->i >= s->n)
		return GEOPOL_ITEROVER;
	int i = s->i++;
	int ncols = s->kind == GEOPOL_FACT_MEMBERSHIP ? GP_MEMBERSHIP_NCOLS : GP_RELATION_NCOLS;
	int lives = ncols * (s->pairs ? 2 : 1);
	gp_pg_read_row(&rows[0], s->kind, s->res, i, 0, 0);
	for (int k = 0; k < (s->pairs ? 3 : 2); k++)
		s->lives[k] = gp_pg_read_span(s->res, i, lives + k * LIFE_NCOLS);
	rows[0].a_life = &s->lives[0];
	rows[0].b_life = &s->lives[1];
	if (s->pairs) {
		gp_pg_read_row(&rows[1], s->kind, s->res, i, GP_MEMBERSHIP_NCOLS, 0);
		rows[1].a_life = &s->lives[0];
		rows[1].b_life = &s->lives[2];
	}
	return GEOPOL_OK;
}

static void pg_free(gp_row_cursor *c)
{
	pg_cursor *s = (pg_cursor *)c;
	PQclear(s->res);
	free(s);
}

int gp_pg_spells(gp_row_cursor **out, geopol_db *db, const gp_spells_query *q)
{
	*out = NULL;
	gp_pg_args a = {0};
	gp_pg_at_args(&a, q->ent, q->other, q->dlo, q->dhi, q->q, q->type);
	int rc;
	PGresult *res = gp_pg_run(db, spells_sql(q), &a, "running a query", &rc);
	if (!res)
		return rc;
	pg_cursor *s = calloc(1, sizeof *s);
	if (!s) {
		PQclear(res);
		return gp_oom(db);
	}
	*s = (pg_cursor){{pg_next, pg_free, NULL}, res, 0, PQntuples(res),
			 q->what == GP_SPELLS_RELATIONS ? GEOPOL_FACT_RELATION : GEOPOL_FACT_MEMBERSHIP,
			 q->what == GP_SPELLS_COMMON || q->what == GP_SPELLS_PLEDGES, {{0}}};
	*out = &s->base;
	return GEOPOL_OK;
}

/* ---- a table's rows at a span, in id order (the snapshot, the diff) */

/* The raw row, then rec_to, of the rows after $4 that may hold at [$1, $2]
 * and are known at $3, a chunk at a time (keyset on the primary key: a
 * snapshot at a recent date keeps most current rows, which an index on
 * the interval would not narrow). */
static const char scan_memberships_sql[] =
	"SELECT " GP_MEMBERSHIP_RAW_COLS ", m.rec_to FROM membership m WHERE m.id > $4 AND "
	GP_SQL_HOLDS_AT("m", "$1", "$2") " AND " GP_SQL_KNOWN_AT("m", "$3") " ORDER BY m.id LIMIT $5";
static const char scan_relations_sql[] =
	"SELECT " GP_RELATION_RAW_COLS ", r.rec_to FROM relation r WHERE r.id > $4 AND "
	GP_SQL_HOLDS_AT("r", "$1", "$2") " AND " GP_SQL_KNOWN_AT("r", "$3") " ORDER BY r.id LIMIT $5";

/* Rows a chunk. */
#define SCAN_CHUNK 20000

typedef struct scan_cursor {
	gp_row_cursor base;          /* first */
	geopol_db *db;
	int kind;
	int64_t dlo, dhi, k;
	int64_t after;               /* the last id read */
	PGresult *res;               /* the chunk in hand */
	int i, n, last;              /* last: the chunk was short, none follow */
} scan_cursor;

static int scan_fetch(scan_cursor *w)
{
	gp_pg_args a = {0};
	gp_pg_int(&a, w->dlo);
	gp_pg_int(&a, w->dhi);
	gp_pg_int(&a, w->k);
	gp_pg_int(&a, w->after);
	gp_pg_int(&a, SCAN_CHUNK);
	PQclear(w->res);
	int rc;
	w->res = gp_pg_run(w->db, w->kind == GEOPOL_FACT_RELATION ? scan_relations_sql
								 : scan_memberships_sql,
			   &a, "reading the snapshot", &rc);
	w->i = w->n = 0;
	if (!w->res)
		return rc;
	w->n = PQntuples(w->res);
	w->last = w->n < SCAN_CHUNK;
	return GEOPOL_OK;
}

static int scan_next(gp_row_cursor *c, gp_edge_row *rows)
{
	scan_cursor *w = (scan_cursor *)c;
	if (w->i >= w->n) {
		if (w->last)
			return GEOPOL_ITEROVER;
		int rc = scan_fetch(w);
		if (rc)
			return rc;
		if (!w->n)
			return GEOPOL_ITEROVER;
	}
	int i = w->i++;
	gp_pg_read_row(&rows[0], w->kind, w->res, i, 0, 1);
	rows[0].rec_to = gp_pg_get_int(w->res, i, w->kind == GEOPOL_FACT_RELATION
						       ? GP_RELATION_NCOLS : GP_MEMBERSHIP_NCOLS);
	w->after = rows[0].id;
	return GEOPOL_OK;
}

static void scan_free(gp_row_cursor *c)
{
	scan_cursor *w = (scan_cursor *)c;
	PQclear(w->res);
	free(w);
}

int gp_pg_scan(gp_row_cursor **out, geopol_db *db, int kind, int64_t dlo, int64_t dhi, int64_t k)
{
	*out = NULL;
	if (kind != GEOPOL_FACT_MEMBERSHIP && kind != GEOPOL_FACT_RELATION)
		return gp_error(db, GEOPOL_EINTERNAL, "internal: no scan of kind %d", kind);
	scan_cursor *w = calloc(1, sizeof *w);
	if (!w)
		return gp_oom(db);
	*w = (scan_cursor){.base = {scan_next, scan_free, NULL}, .db = db, .kind = kind,
			   .dlo = dlo, .dhi = dhi, .k = k, .after = INT64_MIN};
	/* The first chunk now: an error is the question's. */
	int rc = scan_fetch(w);
	if (rc) {
		scan_free(&w->base);
		return rc;
	}
	*out = &w->base;
	return GEOPOL_OK;
}
