/*
 * pg_dict.c - the PostgreSQL store's reads of the dictionaries and of
 * citations by row (store.h), as sqlite_dict.c answers them: entities
 * (gp_store.entities), the sizes of entities, sources and relation types,
 * relation types, the memberships a better coding outranks, a source by
 * id, the citations of a table's rows in row order (gp_store.cites, the
 * snapshot's merge join), and the ranks of codings. The SQL fragments of
 * the rules (an entity's life as known at k, the ranks, "known at") are
 * the ones SQLite's statements are made of (geopol_internal.h,
 * sql_internal.h).
 */
#include "store/pg_internal.h"

#include <stdlib.h>

/* ---- entities */

/* An entity's columns: id, code, kind, subkind, its life as known at $1,
 * its display name (English first, then the short, the official, the
 * first). */
#define LIFE(col) GP_SQL_LIFE_AT("x", col, "$1")
#define ENTITY_LIFE \
	LIFE("from_lo") ", " LIFE("from_hi") ", " LIFE("from_prec") ", " LIFE("to_lo") ", " \
	LIFE("to_hi") ", " LIFE("to_prec")
#define ENTITY_COLS \
	"x.id, x.code, x.kind, x.subkind, " ENTITY_LIFE ", " \
	"(SELECT n.text FROM name n WHERE n.entity_id = x.id AND " GP_SQL_CURRENT("n") \
	" ORDER BY (n.lang = 'en') DESC, n.kind = 2 DESC, n.kind = 1 DESC, n.id LIMIT 1)"

/* $1 k, then: ALIVE $2 dlo, $3 dhi; KIND $2 the kind (NULL: any); ONE $2
 * the id. */
static const char sql_lives[] = "SELECT x.id, x.code, 0, NULL, " ENTITY_LIFE ", NULL FROM entity x";
static const char sql_alive[] = "SELECT " ENTITY_COLS " FROM entity x WHERE " LIFE("to_hi")
	" > $2 AND " LIFE("from_lo") " <= $3 AND x.rec_from <= $1 ORDER BY x.code";
static const char sql_kind[] = "SELECT " ENTITY_COLS " FROM entity x "
	"WHERE ($2::bigint IS NULL OR x.kind = $2) AND x.rec_from <= $1 ORDER BY x.code";
static const char sql_one[] = "SELECT " ENTITY_COLS " FROM entity x WHERE x.id = $2";

typedef struct entity_cursor {
	gp_entity_cursor base;       /* first */
	PGresult *res;
	int i, n;
} entity_cursor;

static int entity_next(gp_entity_cursor *base, gp_entity_row *r)
{
	entity_cursor *c = (entity_cursor *)base;
	if (c->i >= c->n)
		return GEOPOL_ITEROVER;
	const PGresult *res = c->res;
	int i = c->i++;
	*r = (gp_entity_row){gp_pg_get_int(res, i, 0), gp_pg_get_text(res, i, 1),
			     (int)gp_pg_get_int(res, i, 2), gp_pg_get_text(res, i, 3),
			     {gp_pg_get_int(res, i, 4), gp_pg_get_int(res, i, 5),
			      gp_pg_get_int(res, i, 7), gp_pg_get_int(res, i, 8),
			      (int)gp_pg_get_int(res, i, 6), (int)gp_pg_get_int(res, i, 9)},
			     gp_pg_get_text(res, i, 10)};
	return GEOPOL_OK;
}

static void entity_free(gp_entity_cursor *base)
{
	entity_cursor *c = (entity_cursor *)base;
	PQclear(c->res);
	free(c);
}

int gp_pg_entities(gp_entity_cursor **out, geopol_db *db, const gp_entities_query *q)
{
	*out = NULL;
	gp_pg_args a = {0};
	gp_pg_int(&a, q->k);
	const char *sql = sql_lives;
	switch (q->what) {
	case GP_ENTITIES_LIVES: break;
	case GP_ENTITIES_ALIVE:
		sql = sql_alive;
		gp_pg_int(&a, q->dlo);
		gp_pg_int(&a, q->dhi);
		break;
	case GP_ENTITIES_KIND:
		sql = sql_kind;
		if (q->kind)
			gp_pg_int(&a, q->kind);
		else
			gp_pg_null_int(&a);
		break;
	case GP_ENTITIES_ONE:
		sql = sql_one;
		gp_pg_int(&a, q->id);
		break;
	default: return gp_error(db, GEOPOL_EINTERNAL, "internal: no entities question %d", q->what);
	}
	int rc;
	PGresult *res = gp_pg_run(db, sql, &a, "reading entities", &rc);
	if (!res)
		return rc;
	entity_cursor *c = calloc(1, sizeof *c);
	if (!c) {
		PQclear(res);
		return gp_oom(db);
	}
	*c = (entity_cursor){{entity_next, entity_free}, res, 0, PQntuples(res)};
	*out = &c->base;
	return GEOPOL_OK;
}

/* ---- sizes, types, shadowed rows, sources */

int gp_pg_size(geopol_db *db, int what, int64_t *max_id, int64_t *count)
{
	static const char *const sql[] = {
		NULL, "SELECT max(id), count(*) FROM entity", "SELECT max(id), count(*) FROM source",
		"SELECT 0, count(*) FROM relation_type"};
	*max_id = *count = 0;
	if (what < GP_SIZE_ENTITIES || what > GP_SIZE_RELATION_TYPES)
		return gp_error(db, GEOPOL_EINTERNAL, "internal: no dictionary %d", what);
	int rc;
	PGresult *r = gp_pg_run(db, sql[what], NULL, "reading a dictionary's size", &rc);
	if (!r)
		return rc;
	*max_id = gp_pg_get_int(r, 0, 0);
	*count = gp_pg_get_int(r, 0, 1);
	PQclear(r);
	return GEOPOL_OK;
}

int gp_pg_relation_types(geopol_db *db, int (*each)(void *ctx, const char *code, int directed),
			 void *ctx)
{
	int rc;
	PGresult *r = gp_pg_run(db, "SELECT code, directed FROM relation_type", NULL,
				"reading relation types", &rc);
	if (!r)
		return rc;
	for (int i = 0, n = PQntuples(r); i < n && !rc; i++)
		rc = each(ctx, gp_pg_get_text(r, i, 0), (int)gp_pg_get_int(r, i, 1));
	PQclear(r);
	return rc;
}

static const char sql_shadowed[] = GP_SQL_SHADOWED_AT("$1");

int gp_pg_shadowed(geopol_db *db, int64_t k, int (*each)(void *ctx, int64_t row), void *ctx)
{
	gp_pg_args a = {0};
	gp_pg_int(&a, k);
	int rc;
	PGresult *r = gp_pg_run(db, sql_shadowed, &a, "reading the codings", &rc);
	if (!r)
		return rc;
	for (int i = 0, n = PQntuples(r); i < n && !rc; i++)
		rc = each(ctx, gp_pg_get_int(r, i, 0));
	PQclear(r);
	return rc;
}

void gp_pg_keep(geopol_db *db, PGresult *r)
{
	if (!db->pgs) {
		PQclear(r);
		return;
	}
	PQclear(db->pgs->kept);
	db->pgs->kept = r;
}

int gp_pg_source_get(geopol_db *db, int64_t id, const char **code, const char **title)
{
	*code = *title = NULL;
	gp_pg_args a = {0};
	gp_pg_int(&a, id);
	int rc;
	PGresult *r = gp_pg_run(db, "SELECT code, title FROM source WHERE id = $1", &a,
				"reading a source", &rc);
	if (!r)
		return rc;
	if (!PQntuples(r)) {
		PQclear(r);
		return GEOPOL_ENOTFOUND;
	}
	if (!db->pgs) {
		PQclear(r);
		return gp_error(db, GEOPOL_EINTERNAL, "internal: the handle keeps no result");
	}
	/* Kept until the next call: the strings are borrowed from it. */
	gp_pg_keep(db, r);
	*code = gp_pg_get_text(r, 0, 0);
	*title = gp_pg_get_text(r, 0, 1);
	return GEOPOL_OK;
}

/* ---- citations in row order */

/* (fact row, source id, quote, citation id) of the rows from $1 on, or
 * after (row $1, citation $2), in the order geopol_iter_citations() gives
 * them (c.id within a row), a chunk at a time. */
#define CITES(col, from) \
	"SELECT c." col ", c.source_id, c.quote, c.id FROM citation c WHERE c." col \
	" IS NOT NULL AND " from " ORDER BY c." col ", c.id LIMIT " CITE_CHUNK_SQL
#define CITE_CHUNK 4096
#define CITE_CHUNK_SQL "4096"
static const char *const cite_sql[2][2] = {
	{CITES("membership_id", "c.membership_id >= $1"),
	 CITES("membership_id", "(c.membership_id, c.id) > ($1, $2)")},
	{CITES("relation_id", "c.relation_id >= $1"),
	 CITES("relation_id", "(c.relation_id, c.id) > ($1, $2)")}};

typedef struct cite_cursor {
	gp_cite_cursor base;         /* first */
	geopol_db *db;
	int kind;                    /* 0 memberships, 1 relations */
	PGresult *res;               /* the chunk in hand: rows i.. of it */
	int i, n;
	int64_t first;               /* the chunk holds every citation of rows from first on */
} cite_cursor;

/* Stand on citation i of the chunk, or past its end. */
static int cite_at(cite_cursor *c, int i)
{
	c->i = i;
	if (i >= c->n)
		return GEOPOL_ITEROVER;
	c->base.row = gp_pg_get_int(c->res, i, 0);
	c->base.ref.source_id = gp_pg_get_int(c->res, i, 1);
	c->base.ref.quote = gp_pg_get_text(c->res, i, 2);
	return GEOPOL_OK;
}

/* A new chunk: from row `row` on (after < 0), or after citation `after` of
 * it. */
static int cite_fetch(cite_cursor *c, int64_t row, int64_t after)
{
	gp_pg_args a = {0};
	gp_pg_int(&a, row);
	if (after >= 0)
		gp_pg_int(&a, after);
	PQclear(c->res);
	int rc;
	c->res = gp_pg_run(c->db, cite_sql[c->kind][after >= 0], &a, "reading citations", &rc);
	c->i = c->n = 0;
	if (!c->res)
		return rc;
	c->n = PQntuples(c->res);
	/* After a citation of `row`, the chunk may lack its earlier ones. */
	c->first = after >= 0 ? row + 1 : row;
	return cite_at(c, 0);
}

/* Whether the chunk ends before the citations do. */
static int chunk_full(const cite_cursor *c)
{
	return c->n == CITE_CHUNK;
}

static int cite_step(gp_cite_cursor *base)
{
	cite_cursor *c = (cite_cursor *)base;
	if (c->i + 1 < c->n)
		return cite_at(c, c->i + 1);
	if (!c->res || !chunk_full(c))
		return cite_at(c, c->n);
	int last = c->n - 1;
	return cite_fetch(c, gp_pg_get_int(c->res, last, 0), gp_pg_get_int(c->res, last, 3));
}

/* Within the chunk when it covers the row (the snapshot seeks forward, a
 * few rows at a time), else a new chunk from it. */
static int cite_seek(gp_cite_cursor *base, int64_t row)
{
	cite_cursor *c = (cite_cursor *)base;
	if (!c->res || row < c->first || (chunk_full(c) && gp_pg_get_int(c->res, c->n - 1, 0) < row))
		return cite_fetch(c, row, -1);
	int lo = 0, hi = c->n;
	while (lo < hi) {
		int mid = lo + (hi - lo) / 2;
		if (gp_pg_get_int(c->res, mid, 0) < row)
			lo = mid + 1;
		else
			hi = mid;
	}
	/* Past the last row of a full chunk, rows of the next may follow. */
	if (lo == c->n && chunk_full(c))
		return cite_fetch(c, row, -1);
	return cite_at(c, lo);
}

static void cite_free(gp_cite_cursor *base)
{
	cite_cursor *c = (cite_cursor *)base;
	PQclear(c->res);
	free(c);
}

int gp_pg_cites(gp_cite_cursor **out, geopol_db *db, int kind)
{
	*out = NULL;
	if (kind != GEOPOL_FACT_MEMBERSHIP && kind != GEOPOL_FACT_RELATION)
		return gp_error(db, GEOPOL_EINTERNAL, "internal: no citation cursor of kind %d", kind);
	cite_cursor *c = calloc(1, sizeof *c);
	if (!c)
		return gp_oom(db);
	c->base.seek = cite_seek;
	c->base.step = cite_step;
	c->base.free = cite_free;
	c->db = db;
	c->kind = kind == GEOPOL_FACT_RELATION;
	*out = &c->base;
	return GEOPOL_OK;
}

/* ---- what hangs off one row: its citations, a membership's attributes */

int gp_pg_citations(geopol_db *db, int kind, int64_t row,
		    int (*each)(void *ctx, const char *source, const char *title, const char *quote),
		    void *ctx)
{
#define ROW_CITES(col) "SELECT s.code, s.title, c.quote FROM citation c JOIN source s " \
	"ON s.id = c.source_id WHERE c." col " = $1 ORDER BY c.id"
	static const char *const sql[] = {NULL, ROW_CITES("name_id"), ROW_CITES("membership_id"),
					  ROW_CITES("relation_id"), ROW_CITES("event_id")};
	_Static_assert(GEOPOL_FACT_NAME == 1 && GEOPOL_FACT_MEMBERSHIP == 2 &&
		       GEOPOL_FACT_RELATION == 3 && GEOPOL_FACT_EVENT == 4, "sql[] by GEOPOL_FACT_*");
	if (kind < GEOPOL_FACT_NAME || kind > GEOPOL_FACT_EVENT)
		return gp_error(db, GEOPOL_EINTERNAL, "internal: no citations of kind %d", kind);
	gp_pg_args a = {0};
	gp_pg_int(&a, row);
	int rc;
	PGresult *r = gp_pg_run(db, sql[kind], &a, "reading citations", &rc);
	if (!r)
		return rc;
	for (int i = 0, n = PQntuples(r); i < n && !rc; i++)
		rc = each(ctx, gp_pg_get_text(r, i, 0), gp_pg_get_text(r, i, 1), gp_pg_get_text(r, i, 2));
	PQclear(r);
	return rc;
}

int gp_pg_membership_attrs(geopol_db *db, int64_t fact_id, int64_t rec_from,
			   int (*each)(void *ctx, const char *key, const char *value), void *ctx)
{
	gp_pg_args a = {0};
	gp_pg_int(&a, fact_id);
	gp_pg_int(&a, rec_from);
	int rc;
	PGresult *r = gp_pg_run(db, "SELECT key, value FROM membership_attr WHERE membership_id = "
				"(SELECT id FROM membership WHERE ((id = $1 AND fact_id = $1) OR (fact_id = $1 "
				"AND fact_id <> id)) AND rec_from = $2 ORDER BY id DESC LIMIT 1) ORDER BY key",
				&a, "reading a membership's attributes", &rc);
	if (!r)
		return rc;
	for (int i = 0, n = PQntuples(r); i < n && !rc; i++)
		rc = each(ctx, gp_pg_get_text(r, i, 0), gp_pg_get_text(r, i, 1));
	PQclear(r);
	return rc;
}

/* ---- the ranks of codings */

int gp_pg_coding_rank(geopol_db *db, const char *coding, int *rank)
{
	gp_pg_args a = {0};
	gp_pg_text(&a, coding);
	int rc;
	PGresult *r = gp_pg_run(db, "SELECT rank FROM coding WHERE name = $1", &a,
				"reading the rank of a coding", &rc);
	if (!r)
		return rc;
	int found = PQntuples(r) > 0;
	if (found)
		*rank = (int)gp_pg_get_int(r, 0, 0);
	PQclear(r);
	return found ? GEOPOL_OK : GEOPOL_ENOTFOUND;
}

int gp_pg_coding_rank_set(geopol_db *db, const char *coding, int rank)
{
	gp_pg_args a = {0};
	gp_pg_text(&a, coding);
	gp_pg_int(&a, rank);
	return gp_pg_do(db, "INSERT INTO coding(name, rank) VALUES ($1, $2) "
			"ON CONFLICT (name) DO UPDATE SET rank = excluded.rank", &a,
			"setting the rank of a coding");
}
