/*
 * stmt.c - the statement cache: each SQL literal is prepared once per
 * handle and kept, keyed by its address; iterators take a statement for
 * their lifetime and give it back.
 */
#include "core/geopol_internal.h"
#include "store/store.h"

#include <assert.h>
#include <string.h>

/* The cache is keyed by the address of the SQL literal: each call site's
 * statement is prepared once per handle. */
/* A handle of another store has no SQLite connection: the paths that
 * still run SQLite's statements themselves (store.h lists them) refuse
 * here, with one message, rather than crash. */
static int no_connection(geopol_db *db)
{
	const char *store = db->store ? db->store->name : "sqlite";
	if (strcmp(store, "sqlite") == 0)
		return gp_error(db, GEOPOL_EMISUSE, "the database is not open");
	return gp_error(db, GEOPOL_EDB, "this question or write is not yet available on the "
			"%s store (issue 21): it reads or writes SQLite's tables directly", store);
}

sqlite3_stmt *gp_stmt(geopol_db *db, const char *sql)
{
	if (!db->sql) {
		no_connection(db);
		return NULL;
	}
	size_t h = ((size_t)(uintptr_t)sql >> 3) % GP_STMT_SLOTS;
	for (size_t i = 0; i < GP_STMT_SLOTS; i++) {
		gp_stmt_slot *s = &db->stmts[(h + i) % GP_STMT_SLOTS];
		if (s->sql == sql) {
			/* A buffer reused for other SQL would run the first
			 * statement again: callers pass literals (checked in
			 * the Debug and sanitizer builds). */
			assert(strncmp(sqlite3_sql(s->stmt), sql,
				       strlen(sqlite3_sql(s->stmt))) == 0);
			sqlite3_reset(s->stmt);
			sqlite3_clear_bindings(s->stmt);
			return s->stmt;
		}
		if (!s->sql) {
			if (sqlite3_prepare_v3(db->sql, sql, -1, SQLITE_PREPARE_PERSISTENT,
					       &s->stmt, NULL) != SQLITE_OK) {
				gp_sql_error(db, "preparing a statement");
				return NULL;
			}
			s->sql = sql;
			return s->stmt;
		}
	}
	/* The cache is full: an internal limit, raise GP_STMT_SLOTS. */
	gp_error(db, GEOPOL_EINTERNAL, "statement cache full (raise GP_STMT_SLOTS)");
	return NULL;
}

sqlite3_stmt *gp_stmt_take(geopol_db *db, const char *sql)
{
	if (!db->sql) {
		no_connection(db);
		return NULL;
	}
	size_t h = ((size_t)(uintptr_t)sql >> 3) % GP_STMT_SLOTS;
	for (size_t i = 0; i < GP_STMT_SLOTS; i++) {
		gp_stmt_slot *s = &db->stmts[(h + i) % GP_STMT_SLOTS];
		if (s->sql == sql && s->busy)
			break;
		if (s->sql == sql || !s->sql) {
			sqlite3_stmt *st = gp_stmt(db, sql);
			if (st)
				db->stmts[(h + i) % GP_STMT_SLOTS].busy = 1;
			return st;
		}
	}
	sqlite3_stmt *st = NULL;
	if (sqlite3_prepare_v3(db->sql, sql, -1, 0, &st, NULL) != SQLITE_OK) {
		gp_sql_error(db, "preparing a statement");
		sqlite3_finalize(st);
		return NULL;
	}
	return st;
}

void gp_stmt_give(geopol_db *db, sqlite3_stmt *st)
{
	if (!st)
		return;
	for (size_t i = 0; i < GP_STMT_SLOTS; i++) {
		if (db->stmts[i].stmt == st) {
			sqlite3_reset(st);
			db->stmts[i].busy = 0;
			return;
		}
	}
	sqlite3_finalize(st);
}

int gp_exec(geopol_db *db, const char *sql)
{
	/* Taken, not borrowed: with the cache full it is prepared for the
	 * call, so that a rollback still runs when nothing else can. */
	sqlite3_stmt *st = gp_stmt_take(db, sql);
	if (!st)
		return gp_stmt_failed(db);
	int rc = sqlite3_step(st);
	gp_stmt_give(db, st);
	if (rc != SQLITE_DONE && rc != SQLITE_ROW)
		return gp_sql_error(db, "executing");
	return GEOPOL_OK;
}

int gp_query_ints(geopol_db *db, const char *sql, int64_t arg, int64_t *out, size_t n)
{
	sqlite3_stmt *st = gp_stmt(db, sql);
	if (!st)
		return gp_stmt_failed(db);
	if (sqlite3_bind_parameter_count(st) > 0)
		sqlite3_bind_int64(st, 1, arg);
	int step = sqlite3_step(st);
	for (size_t i = 0; i < n; i++)
		out[i] = step == SQLITE_ROW ? sqlite3_column_int64(st, (int)i) : 0;
	sqlite3_reset(st);
	return step == SQLITE_ROW || step == SQLITE_DONE ? GEOPOL_OK : gp_sql_error(db, "reading");
}


void gp_stmts_finalize(geopol_db *db)
{
	for (size_t i = 0; i < GP_STMT_SLOTS; i++) {
		sqlite3_finalize(db->stmts[i].stmt);
		db->stmts[i] = (gp_stmt_slot){0};
	}
}
