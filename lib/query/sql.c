/*
 * sql.c - geopol_sql(): one read-only SQL statement on the file, most
 * usefully on the views of schema/010_views.sql, its rows handed to the
 * caller as text. SQLite's here, with its authorizer; another store runs
 * it through gp_store.user_sql (the PostgreSQL store: pg_sql.c, on views
 * with the same names and columns, schema/pg/004).
 */
#include "core/geopol_internal.h"
#include "store/store.h"

#include <stdlib.h>
#include <string.h>

/* Pragmas that only describe the schema (pragma_table_info('v_events')). */
static int describing_pragma(const char *name)
{
	static const char *const ok[] = {"table_info", "table_xinfo", "table_list", "index_list",
					 "index_info", "foreign_key_list"};
	for (size_t i = 0; name && i < sizeof ok / sizeof ok[0]; i++)
		if (strcmp(name, ok[i]) == 0)
			return 1;
	return 0;
}

/* Only reading is authorized while the statement is prepared: SQLite's
 * sqlite3_stmt_readonly() alone lets ATTACH (which creates a file) and
 * PRAGMA (which changes the connection) through. */
static int authorize(void *ctx, int action, const char *a, const char *b, const char *c,
		     const char *d)
{
	int *denied = ctx;
	(void)b;
	(void)c;
	(void)d;
	switch (action) {
	case SQLITE_SELECT:
	case SQLITE_READ:
	case SQLITE_FUNCTION:
	case SQLITE_RECURSIVE:
		return SQLITE_OK;
	case SQLITE_PRAGMA:
		if (describing_pragma(a))
			return SQLITE_OK;
		*denied = 1;
		return SQLITE_DENY;
	default:
		*denied = 1;
		return SQLITE_DENY;
	}
}

/* Whether only blanks, semicolons and comments follow a statement. */
static int only_blanks(const char *s)
{
	while (*s) {
		if (strchr(" \t\r\n;", *s)) {
			s++;
		} else if (s[0] == '-' && s[1] == '-') {
			s += strcspn(s, "\n");
		} else if (s[0] == '/' && s[1] == '*') {
			const char *end = strstr(s + 2, "*/");
			if (!end)
				return 1;
			s = end + 2;
		} else {
			return 0;
		}
	}
	return 1;
}

static int prepare(geopol_db *db, const char *sql, sqlite3_stmt **st)
{
	const char *tail = NULL;
	int denied = 0;
	*st = NULL;
	if (!db->sql)
		return gp_error(db, GEOPOL_EDB, "sql: not yet available on the %s store (issue 21): "
				"it runs SQLite's SQL", db->store->name);
	sqlite3_set_authorizer(db->sql, authorize, &denied);
	int rc = sqlite3_prepare_v2(db->sql, sql, -1, st, &tail);
	sqlite3_set_authorizer(db->sql, NULL, NULL);
	if (denied || (rc == SQLITE_OK && *st && !sqlite3_stmt_readonly(*st)))
		return gp_error(db, GEOPOL_EINVAL, "sql: only a statement that reads (SELECT, "
				"WITH, VALUES) may run here: this one would change the database "
				"or the connection");
	if (rc != SQLITE_OK)
		return gp_error(db, GEOPOL_EINVAL, "sql: %s", sqlite3_errmsg(db->sql));
	if (!*st)
		return gp_error(db, GEOPOL_EINVAL, "sql: no statement given");
	if (!only_blanks(tail))
		return gp_error(db, GEOPOL_EINVAL, "sql: one statement at a time");
	return GEOPOL_OK;
}

/* Hand the header (values NULL), then each row, to fn. */
static int walk(geopol_db *db, sqlite3_stmt *st, geopol_sql_fn fn, void *ctx)
{
	int n = sqlite3_column_count(st);
	const char **names = calloc((size_t)n + 1, sizeof *names);
	const char **values = calloc((size_t)n + 1, sizeof *values);
	int *numeric = calloc((size_t)n + 1, sizeof *numeric);
	int rc = GEOPOL_OK, step;
	if (!names || !values || !numeric) {
		rc = gp_error(db, GEOPOL_ENOMEM, "sql: out of memory");
		goto done;
	}
	for (int i = 0; i < n; i++)
		names[i] = sqlite3_column_name(st, i);
	geopol_sql_row row = {n, names, NULL, numeric};
	if (fn(ctx, &row) != 0)
		goto done;
	row.values = values;
	while ((step = sqlite3_step(st)) == SQLITE_ROW) {
		for (int i = 0; i < n; i++) {
			int type = sqlite3_column_type(st, i);
			values[i] = type == SQLITE_NULL ? NULL : (const char *)sqlite3_column_text(st, i);
			numeric[i] = type == SQLITE_INTEGER || type == SQLITE_FLOAT;
		}
		if (fn(ctx, &row) != 0)
			goto done;
	}
	if (step != SQLITE_DONE)
		rc = gp_error(db, step == SQLITE_BUSY ? GEOPOL_EBUSY : GEOPOL_EDB, "sql: %s",
			      sqlite3_errmsg(db->sql));
done:
	free(names);
	free(values);
	free(numeric);
	return rc;
}

int geopol_sql(geopol_db *db, const char *sql, geopol_sql_fn fn, void *ctx)
{
	if (!db || !sql || !fn)
		return db ? gp_error(db, GEOPOL_EMISUSE, "geopol_sql: NULL statement or callback")
			  : GEOPOL_EMISUSE;
	gp_clear_error(db);
	if (!db->sql && gp_store_of(db)->user_sql)
		return gp_store_of(db)->user_sql(db, sql, fn, ctx);
	sqlite3_stmt *st = NULL;
	int rc = prepare(db, sql, &st);
	if (!rc)
		rc = walk(db, st, fn, ctx);
	sqlite3_finalize(st);
	return rc;
}
