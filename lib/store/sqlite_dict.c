/*
 * sqlite_dict.c - the SQLite store's reads of the dictionaries and of
 * citations by row (store.h): entities (gp_store.entities), the sizes of
 * entities, sources and relation types, relation types, the memberships a
 * better coding outranks, a source by id, the citations of a table's
 * rows in row order (gp_store.cites, the snapshot's merge join), and the
 * ranks of codings (gp_store.coding_rank and coding_rank_set).
 */
#include "store/store.h"
#include "store/sqlite_internal.h"
#include "store/params.h"
#include "store/sql_internal.h"

#include <stdlib.h>

/* ---- entities */

/* An entity's columns: id, code, kind, subkind, its life as known at :k
 * (schema 012, GP_SQL_LIFE), its display name. */
#define ENTITY_LIFE \
	GP_SQL_LIFE("from_lo") ", " GP_SQL_LIFE("from_hi") ", " GP_SQL_LIFE("from_prec") ", " \
	GP_SQL_LIFE("to_lo") ", " GP_SQL_LIFE("to_hi") ", " GP_SQL_LIFE("to_prec")
#define ENTITY_COLS \
	"x.id, x.code, x.kind, x.subkind, " ENTITY_LIFE ", " \
	"(SELECT n.text FROM name n WHERE n.entity_id = x.id AND n.rec_to = " GP_SQL_REC_CURRENT " " \
	" ORDER BY (n.lang = 'en') DESC, n.kind = 2 DESC, n.kind = 1 DESC, n.id LIMIT 1)"

static const char sql_lives[] = "SELECT x.id, x.code, 0, NULL, " ENTITY_LIFE ", NULL FROM entity x";
const char gp_snapshot_sql_nodes[] = "SELECT " ENTITY_COLS " FROM entity x "
	"WHERE " GP_SQL_LIFE("to_hi") " > :dlo AND " GP_SQL_LIFE("from_lo") " <= :dhi "
	"AND x.rec_from <= :k ORDER BY x.code";
static const char sql_kind[] = "SELECT " ENTITY_COLS " FROM entity x "
	"WHERE (:kind IS NULL OR x.kind = :kind) AND x.rec_from <= :k ORDER BY x.code";
static const char sql_one[] = "SELECT " ENTITY_COLS " FROM entity x WHERE x.id = :ent";

typedef struct entity_cursor {
	gp_entity_cursor base;       /* first */
	geopol_db *db;
	sqlite3_stmt *st;
} entity_cursor;

static int entity_next(gp_entity_cursor *base, gp_entity_row *r)
{
	entity_cursor *c = (entity_cursor *)base;
	sqlite3_stmt *st = c->st;
	int rc = sqlite3_step(st);
	if (rc == SQLITE_DONE)
		return GEOPOL_ITEROVER;
	if (rc != SQLITE_ROW)
		return gp_sql_error(c->db, "reading entities");
	*r = (gp_entity_row){sqlite3_column_int64(st, 0), (const char *)sqlite3_column_text(st, 1),
			     sqlite3_column_int(st, 2), (const char *)sqlite3_column_text(st, 3),
			     {sqlite3_column_int64(st, 4), sqlite3_column_int64(st, 5),
			      sqlite3_column_int64(st, 7), sqlite3_column_int64(st, 8),
			      sqlite3_column_int(st, 6), sqlite3_column_int(st, 9)},
			     (const char *)sqlite3_column_text(st, 10)};
	return GEOPOL_OK;
}

static void entity_free(gp_entity_cursor *base)
{
	entity_cursor *c = (entity_cursor *)base;
	gp_stmt_give(c->db, c->st);
	free(c);
}

int gp_sqlite_entities(gp_entity_cursor **out, geopol_db *db, const gp_entities_query *q)
{
	*out = NULL;
	entity_cursor *c = calloc(1, sizeof *c);
	if (!c)
		return gp_oom(db);
	*c = (entity_cursor){{entity_next, entity_free}, db, NULL};
	const char *sql = q->what == GP_ENTITIES_LIVES ? sql_lives
			: q->what == GP_ENTITIES_ALIVE ? gp_snapshot_sql_nodes
			: q->what == GP_ENTITIES_KIND ? sql_kind : sql_one;
	gp_params p = {.ent = q->id, .kind = q->kind, .dlo = q->dlo, .dhi = q->dhi, .k = q->k};
	int rc = (c->st = gp_stmt_take(db, sql)) ? gp_bind_params(db, c->st, &p) : gp_stmt_failed(db);
	if (rc) {
		entity_free(&c->base);
		return rc;
	}
	*out = &c->base;
	return GEOPOL_OK;
}

/* ---- sizes, types, shadowed rows, sources */

int gp_sqlite_size(geopol_db *db, int what, int64_t *max_id, int64_t *count)
{
	static const char *const sql[] = {
		NULL, "SELECT max(id), count(*) FROM entity", "SELECT max(id), count(*) FROM source",
		"SELECT 0, count(*) FROM relation_type"};
	int64_t v[2] = {0, 0};
	int rc = what >= GP_SIZE_ENTITIES && what <= GP_SIZE_RELATION_TYPES
		? gp_query_ints(db, sql[what], 0, v, 2)
		: gp_error(db, GEOPOL_EINTERNAL, "internal: no dictionary %d", what);
	*max_id = v[0];
	*count = v[1];
	return rc;
}

int gp_sqlite_relation_types(geopol_db *db, int (*each)(void *ctx, const char *code, int directed),
			     void *ctx)
{
	sqlite3_stmt *st = gp_stmt_take(db, "SELECT code, directed FROM relation_type");
	if (!st)
		return gp_stmt_failed(db);
	int rc = GEOPOL_OK, step;
	while ((step = sqlite3_step(st)) == SQLITE_ROW &&
	       !(rc = each(ctx, (const char *)sqlite3_column_text(st, 0), sqlite3_column_int(st, 1))))
		;
	if (!rc && step != SQLITE_DONE)
		rc = gp_sql_error(db, "reading relation types");
	gp_stmt_give(db, st);
	return rc;
}

int gp_sqlite_shadowed(geopol_db *db, int64_t k, int (*each)(void *ctx, int64_t row), void *ctx)
{
	sqlite3_stmt *st = gp_stmt_take(db, GP_SQL_SHADOWED);
	if (!st)
		return gp_stmt_failed(db);
	gp_params p = {.k = k};
	int rc = gp_bind_params(db, st, &p), step = SQLITE_DONE;
	while (!rc && (step = sqlite3_step(st)) == SQLITE_ROW)
		rc = each(ctx, sqlite3_column_int64(st, 0));
	if (!rc && step != SQLITE_DONE)
		rc = gp_sql_error(db, "reading the codings");
	gp_stmt_give(db, st);
	return rc;
}

int gp_sqlite_source_get(geopol_db *db, int64_t id, const char **code, const char **title)
{
	sqlite3_stmt *st = gp_stmt(db, "SELECT code, title FROM source WHERE id = ?1");
	if (!st)
		return gp_stmt_failed(db);
	sqlite3_bind_int64(st, 1, id);
	/* The row stays on the cached statement until its next use. */
	int step = sqlite3_step(st);
	if (step == SQLITE_ROW) {
		*code = (const char *)sqlite3_column_text(st, 0);
		*title = (const char *)sqlite3_column_text(st, 1);
		return GEOPOL_OK;
	}
	sqlite3_reset(st);
	return step == SQLITE_DONE ? GEOPOL_ENOTFOUND : gp_sql_error(db, "reading a source");
}

/* ---- citations in row order */

/* (fact row, source id, quote) from fact row ?1 on, in the order
 * geopol_iter_citations() gives them (c.id within a row). */
const char gp_snapshot_sql_cite_memberships[] =
	"SELECT c.membership_id, c.source_id, c.quote FROM citation c "
	"WHERE c.membership_id IS NOT NULL AND c.membership_id >= ?1 ORDER BY c.membership_id, c.id";
const char gp_snapshot_sql_cite_relations[] =
	"SELECT c.relation_id, c.source_id, c.quote FROM citation c "
	"WHERE c.relation_id IS NOT NULL AND c.relation_id >= ?1 ORDER BY c.relation_id, c.id";

typedef struct cite_cursor {
	gp_cite_cursor base;         /* first */
	geopol_db *db;
	const char *sql;
	sqlite3_stmt *st;            /* taken at the first seek */
} cite_cursor;

static int cite_step(gp_cite_cursor *base)
{
	cite_cursor *c = (cite_cursor *)base;
	int rc = sqlite3_step(c->st);
	if (rc == SQLITE_ROW) {
		base->row = sqlite3_column_int64(c->st, 0);
		base->ref.source_id = sqlite3_column_int64(c->st, 1);
		base->ref.quote = (const char *)sqlite3_column_text(c->st, 2);
		return GEOPOL_OK;
	}
	return rc == SQLITE_DONE ? GEOPOL_ITEROVER : gp_sql_error(c->db, "reading citations");
}

static int cite_seek(gp_cite_cursor *base, int64_t row)
{
	cite_cursor *c = (cite_cursor *)base;
	if (!c->st && !(c->st = gp_stmt_take(c->db, c->sql)))
		return gp_stmt_failed(c->db);
	sqlite3_reset(c->st);
	sqlite3_bind_int64(c->st, 1, row);
	return cite_step(base);
}

static void cite_free(gp_cite_cursor *base)
{
	cite_cursor *c = (cite_cursor *)base;
	gp_stmt_give(c->db, c->st);
	free(c);
}

int gp_sqlite_cites(gp_cite_cursor **out, geopol_db *db, int kind)
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
	c->sql = kind == GEOPOL_FACT_MEMBERSHIP ? gp_snapshot_sql_cite_memberships
						: gp_snapshot_sql_cite_relations;
	*out = &c->base;
	return GEOPOL_OK;
}

/* ---- the ranks of codings (schema/009) */

int gp_sqlite_coding_rank(geopol_db *db, const char *coding, int *rank)
{
	sqlite3_stmt *st = gp_stmt(db, "SELECT rank FROM coding WHERE name = ?1");
	if (!st)
		return gp_stmt_failed(db);
	sqlite3_bind_text(st, 1, coding, -1, SQLITE_STATIC);
	int step = sqlite3_step(st);
	if (step == SQLITE_ROW)
		*rank = sqlite3_column_int(st, 0);
	sqlite3_reset(st);
	return step == SQLITE_ROW ? GEOPOL_OK
	     : step == SQLITE_DONE ? GEOPOL_ENOTFOUND : gp_sql_error(db, "reading the rank of a coding");
}

int gp_sqlite_coding_rank_set(geopol_db *db, const char *coding, int rank)
{
	sqlite3_stmt *st = gp_stmt(db, "INSERT INTO coding(name, rank) VALUES (?1, ?2) "
				       "ON CONFLICT(name) DO UPDATE SET rank = excluded.rank");
	if (!st)
		return gp_stmt_failed(db);
	sqlite3_bind_text(st, 1, coding, -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 2, rank);
	int step = sqlite3_step(st);
	sqlite3_reset(st);
	return step == SQLITE_DONE ? GEOPOL_OK : gp_sql_error(db, "setting the rank of a coding");
}
