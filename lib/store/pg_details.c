/*
 * pg_details.c - an event's dataset fields as one JSON object on the
 * PostgreSQL store, by the very expression the SQLite store answers with
 * (GP_SQL_EVENT_DETAILS, sql_internal.h: the measures that are not NULL,
 * then the row's attrs merged over them by json_patch, RFC 7396: a member
 * of attrs replaces a measure of its name in place, a null one removes
 * it, and the whole is written without spaces). PostgreSQL's json has no
 * merge and its jsonb orders keys and rewrites numbers its own way, so the
 * rule is not written a second time: SQLite's JSON functions run it, on
 * a private in-memory connection the handle opens at its first event with
 * fields and closes with itself, fed the row's values.
 */
#include "store/pg_internal.h"

#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>

static const char details_sql[] =
	"SELECT " GP_SQL_EVENT_DETAILS " FROM (SELECT ?1 AS quad_class, ?2 AS num_mentions, "
	"?3 AS num_sources, ?4 AS num_articles, ?5 AS avg_tone, ?6 AS lat, ?7 AS lon, ?8 AS attrs)";

typedef struct details_engine {
	sqlite3 *sql;
	sqlite3_stmt *st;
} details_engine;

static void engine_close(geopol_db *db, void *ctx)
{
	(void)db;
	details_engine *e = ctx;
	sqlite3_finalize(e->st);
	sqlite3_close(e->sql);
	free(e);
}

static int engine(geopol_db *db, details_engine **out)
{
	details_engine *e = gp_hook_ctx(db, engine_close);
	if (!e) {
		if (!(e = calloc(1, sizeof *e)))
			return gp_oom(db);
		if (sqlite3_open_v2(":memory:", &e->sql, SQLITE_OPEN_READWRITE | SQLITE_OPEN_MEMORY,
				    NULL) != SQLITE_OK ||
		    sqlite3_prepare_v2(e->sql, details_sql, -1, &e->st, NULL) != SQLITE_OK) {
			int rc = gp_error(db, GEOPOL_EINTERNAL, "reading an event's fields: %s",
					  e->sql ? sqlite3_errmsg(e->sql) : "no SQLite engine");
			engine_close(db, e);
			return rc;
		}
		int rc = gp_on_close(db, engine_close, e);
		if (rc) {
			engine_close(db, e);
			return rc;
		}
	}
	*out = e;
	return GEOPOL_OK;
}

int gp_pg_details(geopol_db *db, const PGresult *r, int i, int c, char **out)
{
	*out = NULL;
	int all_null = 1;
	for (int k = 0; k < 8; k++)
		all_null &= PQgetisnull(r, i, c + k);
	if (all_null)
		return GEOPOL_OK;   /* no row of event_detail */
	details_engine *e = NULL;
	int rc = engine(db, &e);
	if (rc)
		return rc;
	sqlite3_stmt *st = e->st;
	for (int k = 0; k < 8; k++) {
		if (PQgetisnull(r, i, c + k))
			sqlite3_bind_null(st, k + 1);
		else if (k < 4)
			sqlite3_bind_int64(st, k + 1, gp_pg_get_int(r, i, c + k));
		else if (k < 7)
			sqlite3_bind_double(st, k + 1, strtod(PQgetvalue(r, i, c + k), NULL));
		else
			sqlite3_bind_text(st, k + 1, PQgetvalue(r, i, c + k), -1, SQLITE_STATIC);
	}
	/* As sqlite_events.c: "{}" and attrs that are no JSON give none. */
	const char *json = sqlite3_step(st) == SQLITE_ROW ? (const char *)sqlite3_column_text(st, 0) : NULL;
	if (json && strcmp(json, "{}") != 0 && !(*out = strdup(json)))
		rc = gp_oom(db);
	sqlite3_reset(st);
	sqlite3_clear_bindings(st);
	return rc;
}
