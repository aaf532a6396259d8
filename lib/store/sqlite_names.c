/*
 * sqlite_names.c - the SQLite store's names (gp_store.names, store.h): an
 * entity's names at a span, and the names no citation cites, each row
 * read into a gp_name_row (core/row.h) here and nowhere else (the
 * PostgreSQL store's pg_names.c reads the same SQL, sql_names.h).
 */
#include "store/store.h"
#include "store/sqlite_internal.h"
#include "store/params.h"
#include "store/sql_names.h"

#include <stdlib.h>

static const char sql_of[] = GP_SQL_NAMES_OF_AT(":ent", ":lang", ":dlo", ":dhi", ":k");
static const char sql_uncited[] = GP_SQL_NAMES_UNCITED_AT(":k");

typedef struct name_cursor {
	gp_name_cursor base;         /* first */
	geopol_db *db;
	sqlite3_stmt *st;
} name_cursor;

static int name_next(gp_name_cursor *base, gp_name_row *r)
{
	name_cursor *c = (name_cursor *)base;
	sqlite3_stmt *st = c->st;
	int rc = sqlite3_step(st);
	if (rc == SQLITE_DONE)
		return GEOPOL_ITEROVER;
	if (rc != SQLITE_ROW)
		return gp_sql_error(c->db, "running a query");
	*r = (gp_name_row){.id = sqlite3_column_int64(st, 0), .fact_id = sqlite3_column_int64(st, 1),
			   .entity = (const char *)sqlite3_column_text(st, 2),
			   .text = (const char *)sqlite3_column_text(st, 3),
			   .lang = (const char *)sqlite3_column_text(st, 4),
			   .kind = sqlite3_column_int(st, 5),
			   .when = {sqlite3_column_int64(st, 6), sqlite3_column_int64(st, 7),
				    sqlite3_column_int64(st, 9), sqlite3_column_int64(st, 10),
				    sqlite3_column_int(st, 8), sqlite3_column_int(st, 11)}};
	return GEOPOL_OK;
}

static void name_free(gp_name_cursor *base)
{
	name_cursor *c = (name_cursor *)base;
	gp_stmt_give(c->db, c->st);
	free(c);
}

int gp_sqlite_names(gp_name_cursor **out, geopol_db *db, const gp_names_query *q)
{
	*out = NULL;
	if (q->what != GP_NAMES_OF && q->what != GP_NAMES_UNCITED)
		return gp_error(db, GEOPOL_EINTERNAL, "internal: no names question %d", q->what);
	name_cursor *c = calloc(1, sizeof *c);
	if (!c)
		return gp_oom(db);
	*c = (name_cursor){{name_next, name_free}, db, NULL};
	gp_params p = {.ent = q->ent, .lang = q->lang, .dlo = q->dlo, .dhi = q->dhi, .k = q->k};
	const char *sql = q->what == GP_NAMES_OF ? sql_of : sql_uncited;
	int rc = (c->st = gp_stmt_take(db, sql)) ? gp_bind_params(db, c->st, &p) : gp_stmt_failed(db);
	if (rc) {
		name_free(&c->base);
		return rc;
	}
	*out = &c->base;
	return GEOPOL_OK;
}
