/*
 * pg_check.c - the PostgreSQL store's rows of geopol_check's rules
 * (gp_store.check_rows, store.h): the SQL of sql_check.h, which the
 * SQLite store runs too (sqlite_check.c), its rows read by column through
 * a gp_tuple_cursor. A condition read as a column is a boolean here
 * ('t' or 'f'), read as 1 or 0 as SQLite gives it.
 */
#include "store/pg_internal.h"
#include "store/sql_check.h"

#include <stdlib.h>

typedef struct tuple_cursor {
	gp_tuple_cursor base;        /* first */
	PGresult *res;
	int i, n;                    /* the row the cursor stands on is i - 1 */
} tuple_cursor;

static int tuple_next(gp_tuple_cursor *base)
{
	tuple_cursor *c = (tuple_cursor *)base;
	if (c->i >= c->n)
		return GEOPOL_ITEROVER;
	c->i++;
	return GEOPOL_OK;
}

#define BOOLOID 16               /* PostgreSQL's boolean type (pg_type.h) */

static int64_t tuple_int(gp_tuple_cursor *base, int col)
{
	tuple_cursor *c = (tuple_cursor *)base;
	if (PQftype(c->res, col) == BOOLOID)
		return !PQgetisnull(c->res, c->i - 1, col) && *PQgetvalue(c->res, c->i - 1, col) == 't';
	return gp_pg_get_int(c->res, c->i - 1, col);
}

static const char *tuple_text(gp_tuple_cursor *base, int col)
{
	tuple_cursor *c = (tuple_cursor *)base;
	return gp_pg_get_text(c->res, c->i - 1, col);
}

static void tuple_free(gp_tuple_cursor *base)
{
	tuple_cursor *c = (tuple_cursor *)base;
	PQclear(c->res);
	free(c);
}

int gp_pg_check_rows(gp_tuple_cursor **out, geopol_db *db, int what, const char *arg)
{
	static const char *const sql[] = {NULL, GP_SQL_CHECK_LIFE_M, GP_SQL_CHECK_LIFE_R,
					  GP_SQL_CHECK_NAME_CLASH, GP_SQL_CHECK_OVERLAP,
					  GP_SQL_CHECK_SUSPENDED, GP_SQL_CHECK_PERSON_NAMES_AT("$1"),
					  GP_SQL_CHECK_QUOTES, GP_SQL_CHECK_CLIPPED_M,
					  GP_SQL_CHECK_CLIPPED_R};
	*out = NULL;
	if (what < GP_CHECK_LIFE_M || what > GP_CHECK_CLIPPED_R)
		return gp_error(db, GEOPOL_EINTERNAL, "internal: no check %d", what);
	gp_pg_args a = {0};
	if (what == GP_CHECK_PERSON_NAMES)
		gp_pg_text(&a, arg);
	int rc;
	PGresult *res = gp_pg_run(db, sql[what], &a, "check", &rc);
	if (!res)
		return rc;
	tuple_cursor *c = calloc(1, sizeof *c);
	if (!c) {
		PQclear(res);
		return gp_oom(db);
	}
	*c = (tuple_cursor){{tuple_next, tuple_int, tuple_text, tuple_free}, res, 0, PQntuples(res)};
	*out = &c->base;
	return GEOPOL_OK;
}
