/*
 * sqlite_check.c - the SQLite store's statements for geopol_check
 * (gp_store.check_rows, store.h; the rules and their messages are
 * query/check.c's): each rule's rows, read by column through a
 * gp_tuple_cursor. The SQL is sql_check.h's, which the PostgreSQL store
 * (pg_check.c) runs too; the columns of each are listed where check.c
 * reads them.
 */
#include "store/store.h"
#include "store/sqlite_internal.h"
#include "store/sql_check.h"

#include <stdlib.h>

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
	static const char *const sql[] = {NULL, GP_SQL_CHECK_LIFE_M, GP_SQL_CHECK_LIFE_R,
					  GP_SQL_CHECK_NAME_CLASH, GP_SQL_CHECK_OVERLAP,
					  GP_SQL_CHECK_SUSPENDED, GP_SQL_CHECK_PERSON_NAMES_AT("?1"),
					  GP_SQL_CHECK_QUOTES, GP_SQL_CHECK_CLIPPED_M,
					  GP_SQL_CHECK_CLIPPED_R};
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
