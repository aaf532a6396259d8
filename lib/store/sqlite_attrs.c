/*
 * sqlite_attrs.c - the SQLite store's reads of what hangs off a row
 * (store.h): a row's citations (gp_store.citations), an entity's
 * attributes (entity_attrs) and a membership's (membership_attrs).
 */
#include "store/store.h"
#include "store/sqlite_internal.h"

#include <stdlib.h>
#include <string.h>

int gp_sqlite_citations(geopol_db *db, int kind, int64_t row,
			int (*each)(void *ctx, const char *source, const char *title, const char *quote),
			void *ctx)
{
	static const char *const sql[] = {
		NULL,
		"SELECT s.code, s.title, c.quote FROM citation c JOIN source s ON s.id = c.source_id "
		"WHERE c.name_id = ?1 ORDER BY c.id",
		"SELECT s.code, s.title, c.quote FROM citation c JOIN source s ON s.id = c.source_id "
		"WHERE c.membership_id = ?1 ORDER BY c.id",
		"SELECT s.code, s.title, c.quote FROM citation c JOIN source s ON s.id = c.source_id "
		"WHERE c.relation_id = ?1 ORDER BY c.id",
		"SELECT s.code, s.title, c.quote FROM citation c JOIN source s ON s.id = c.source_id "
		"WHERE c.event_id = ?1 ORDER BY c.id",
	};
	if (kind < GEOPOL_FACT_NAME || kind > GEOPOL_FACT_EVENT)
		return gp_error(db, GEOPOL_EINTERNAL, "internal: no citations of kind %d", kind);
	sqlite3_stmt *st = gp_stmt(db, sql[kind]);
	if (!st)
		return gp_stmt_failed(db);
	sqlite3_bind_int64(st, 1, row);
	int rc, stop = 0;
	while (!stop && (rc = sqlite3_step(st)) == SQLITE_ROW)
		stop = each(ctx, (const char *)sqlite3_column_text(st, 0),
			    (const char *)sqlite3_column_text(st, 1),
			    (const char *)sqlite3_column_text(st, 2));
	sqlite3_reset(st);
	if (stop)
		return stop;
	return rc == SQLITE_DONE ? GEOPOL_OK : gp_sql_error(db, "reading citations");
}

int gp_sqlite_entity_attrs(geopol_db *db, int64_t id, int64_t k, char **json)
{
	*json = NULL;
	sqlite3_stmt *st = gp_stmt(db, "SELECT json_group_object(key, value) FROM (SELECT key, value "
				   "FROM entity_attr WHERE entity_id = ?1 AND rec_from <= ?2 AND rec_to > ?2 "
				   "ORDER BY key) HAVING count(*) > 0");
	if (!st)
		return gp_stmt_failed(db);
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_int64(st, 2, k);
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW && sqlite3_column_text(st, 0)) {
		*json = strdup((const char *)sqlite3_column_text(st, 0));
		if (!*json)
			rc = SQLITE_NOMEM;
	}
	sqlite3_reset(st);
	if (rc == SQLITE_NOMEM)
		return gp_oom(db);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? GEOPOL_OK : gp_sql_error(db, "reading attributes");
}

int gp_sqlite_membership_attrs(geopol_db *db, int64_t fact_id, int64_t rec_from,
			       int (*each)(void *ctx, const char *key, const char *value), void *ctx)
{
	sqlite3_stmt *st = gp_stmt(db, "SELECT key, value FROM membership_attr WHERE membership_id = "
				   "(SELECT id FROM membership WHERE ((id = ?1 AND fact_id = ?1) OR (fact_id = ?1 "
				   "AND fact_id <> id)) AND rec_from = ?2 ORDER BY id DESC LIMIT 1) ORDER BY key");
	if (!st)
		return gp_stmt_failed(db);
	sqlite3_bind_int64(st, 1, fact_id);
	sqlite3_bind_int64(st, 2, rec_from);
	int rc, stop = 0;
	while (!stop && (rc = sqlite3_step(st)) == SQLITE_ROW)
		stop = each(ctx, (const char *)sqlite3_column_text(st, 0),
			    (const char *)sqlite3_column_text(st, 1));
	sqlite3_reset(st);
	if (stop)
		return stop;
	return rc == SQLITE_DONE ? GEOPOL_OK : gp_sql_error(db, "reading a membership's attributes");
}
