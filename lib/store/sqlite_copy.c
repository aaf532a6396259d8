/*
 * sqlite_copy.c - the SQLite store's whole tables (store.h, geopol_copy):
 * a table's columns, its rows in row order, and rows appended with their
 * ids. The table and column names come from copy.c's own list; they are
 * written into the SQL as quoted identifiers, never taken from a caller.
 */
#include "store/store.h"
#include "store/sqlite_internal.h"
#include "core/util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* A statement naming `table` and `cols`: "INSERT INTO t(c1, c2...)
 * VALUES (?...)", or with select set "SELECT c1, c2... FROM t ORDER BY
 * rowid" (a table without rowid: in the order of its key). */
static char *table_sql(const char *head, const char *table, const char *const *cols, size_t n,
		       int select)
{
	size_t len = strlen(head) + strlen(table) + 64 + n * 4;
	for (size_t i = 0; i < n; i++)
		len += strlen(cols[i]);
	char *sql = malloc(len), *p = sql;
	if (!sql)
		return NULL;
	p += sprintf(p, "%s", head);
	if (!select)
		p += sprintf(p, " \"%s\"(", table);
	for (size_t i = 0; i < n; i++)
		p += sprintf(p, "%s\"%s\"", i ? ", " : " ", cols[i]);
	if (select) {
		sprintf(p, " FROM \"%s\"%s", table, select > 1 ? "" : " ORDER BY rowid");
		return sql;
	}
	p += sprintf(p, ") VALUES (");
	for (size_t i = 0; i < n; i++)
		p += sprintf(p, "%s?", i ? ", " : "");
	sprintf(p, ")");
	return sql;
}

static int prepare(geopol_db *db, const char *sql, sqlite3_stmt **st, const char *what)
{
	if (!sql)
		return gp_oom(db);
	int rc = sqlite3_prepare_v2(db->sql, sql, -1, st, NULL);
	free((void *)sql);
	return rc == SQLITE_OK ? GEOPOL_OK : gp_sql_error(db, what);
}

int gp_sqlite_table_columns(geopol_db *db, const char *table, char ***cols, size_t *n)
{
	sqlite3_stmt *st;
	*cols = NULL;
	*n = 0;
	/* table_info leaves generated columns out (table_xinfo has them). */
	if (sqlite3_prepare_v2(db->sql, "SELECT name FROM pragma_table_info(?1) ORDER BY cid", -1, &st,
			       NULL) != SQLITE_OK)
		return gp_sql_error(db, "reading a table's columns");
	sqlite3_bind_text(st, 1, table, -1, SQLITE_STATIC);
	size_t cap = 0;
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		char **grown = GP_GROW(*cols, cap, *n + 1, 16);
		char *name = grown ? strdup((const char *)sqlite3_column_text(st, 0)) : NULL;
		if (grown)
			*cols = grown;
		if (!name) {
			rc = SQLITE_NOMEM;
			break;
		}
		(*cols)[(*n)++] = name;
	}
	sqlite3_finalize(st);
	if (rc == SQLITE_DONE && *n)
		return GEOPOL_OK;
	for (size_t i = 0; i < *n; i++)
		free((*cols)[i]);
	free(*cols);
	*cols = NULL;
	*n = 0;
	if (rc == SQLITE_NOMEM)
		return gp_oom(db);
	if (rc != SQLITE_DONE)
		return gp_sql_error(db, "reading a table's columns");
	return gp_error(db, GEOPOL_ENOTFOUND, "no table '%s' in this database", table);
}

static void value_of(sqlite3_stmt *st, int k, gp_value *v)
{
	switch (sqlite3_column_type(st, k)) {
	case SQLITE_INTEGER: *v = (gp_value){.type = GP_VALUE_INT, .i = sqlite3_column_int64(st, k)}; break;
	case SQLITE_FLOAT: *v = (gp_value){.type = GP_VALUE_REAL, .r = sqlite3_column_double(st, k)}; break;
	case SQLITE_NULL: *v = (gp_value){.type = GP_VALUE_NULL}; break;
	default: /* text; no table of geopol's holds a blob but the packs, not copied */
		v->type = GP_VALUE_TEXT;
		v->s = (const char *)sqlite3_column_text(st, k);
		v->len = (size_t)sqlite3_column_bytes(st, k);
	}
}

/* 1 when `table` is WITHOUT ROWID, 0 when not, or an error. */
static int without_rowid(geopol_db *db, const char *table)
{
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(db->sql, "SELECT wr FROM pragma_table_list WHERE name = ?1 AND schema = 'main'",
			       -1, &st, NULL) != SQLITE_OK)
		return gp_sql_error(db, "reading a table's kind");
	sqlite3_bind_text(st, 1, table, -1, SQLITE_STATIC);
	int step = sqlite3_step(st), wr = step == SQLITE_ROW && sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	return step == SQLITE_ROW || step == SQLITE_DONE ? wr : gp_sql_error(db, "reading a table's kind");
}

int gp_sqlite_table_read(geopol_db *db, const char *table, const char *const *cols, size_t n,
			 int (*each)(void *ctx, const gp_value *row), void *ctx)
{
	sqlite3_stmt *st;
	int wr = without_rowid(db, table);
	if (wr < 0)
		return wr;
	int rc = prepare(db, table_sql("SELECT", table, cols, n, 1 + wr), &st, "reading a table");
	if (rc)
		return rc;
	gp_value *row = calloc(n ? n : 1, sizeof *row);
	if (!row) {
		sqlite3_finalize(st);
		return gp_oom(db);
	}
	int step;
	rc = GEOPOL_OK;
	while (!rc && (step = sqlite3_step(st)) == SQLITE_ROW) {
		for (size_t k = 0; k < n; k++)
			value_of(st, (int)k, &row[k]);
		rc = each(ctx, row);
	}
	if (rc > 0)
		rc = GEOPOL_OK;
	else if (!rc && step != SQLITE_DONE)
		rc = gp_sql_error(db, "reading a table");
	free(row);
	sqlite3_finalize(st);
	return rc;
}

int gp_sqlite_table_write_begin(geopol_db *db, const char *table, const char *const *cols, size_t n,
				int replace)
{
	if (db->table_writer)
		return gp_error(db, GEOPOL_EINTERNAL, "internal: a table write is under way already");
	if (replace) {
		sqlite3_stmt *del;
		char sql[128];
		snprintf(sql, sizeof sql, "DELETE FROM \"%s\"", table);
		if (sqlite3_prepare_v2(db->sql, sql, -1, &del, NULL) != SQLITE_OK)
			return gp_sql_error(db, "emptying a table");
		int step = sqlite3_step(del);
		sqlite3_finalize(del);
		if (step != SQLITE_DONE)
			return gp_sql_error(db, "emptying a table");
	}
	sqlite3_stmt *st;
	int rc = prepare(db, table_sql("INSERT INTO", table, cols, n, 0), &st, "writing a table");
	if (!rc)
		db->table_writer = st;
	return rc;
}

int gp_sqlite_table_write_row(geopol_db *db, const gp_value *row)
{
	sqlite3_stmt *st = db->table_writer;
	int n = sqlite3_bind_parameter_count(st);
	for (int k = 0; k < n; k++) {
		const gp_value *v = &row[k];
		switch (v->type) {
		case GP_VALUE_INT: sqlite3_bind_int64(st, k + 1, v->i); break;
		case GP_VALUE_REAL: sqlite3_bind_double(st, k + 1, v->r); break;
		case GP_VALUE_TEXT: sqlite3_bind_text64(st, k + 1, v->s, v->len, SQLITE_STATIC, SQLITE_UTF8); break;
		default: sqlite3_bind_null(st, k + 1);
		}
	}
	int step = sqlite3_step(st);
	sqlite3_reset(st);
	return step == SQLITE_DONE ? GEOPOL_OK : gp_sql_error(db, "writing a table");
}

/* SQLite hands out rowids past the largest: nothing to move. */
int gp_sqlite_table_write_end(geopol_db *db, int ok)
{
	(void)ok;
	sqlite3_finalize(db->table_writer);
	db->table_writer = NULL;
	return GEOPOL_OK;
}
