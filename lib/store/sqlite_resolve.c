/*
 * sqlite_resolve.c - the SQLite store's reads for search/resolve.c
 * (store.h): a read transaction, names by their search keys (the key, the
 * deletion index of schema/002_search.sql, a range of keys) and entities
 * by code, and a candidate's code, kind and names; the SQL is sql_names.h's,
 * which the PostgreSQL store (pg_names.c) reads too.
 */
#include "store/store.h"
#include "store/sqlite_internal.h"
#include "store/sql_names.h"

int gp_sqlite_read_txn(geopol_db *db, int end)
{
	/* Outside a transaction, a savepoint begins a deferred one: its
	 * snapshot is taken at the first read. */
	return gp_exec(db, end ? "RELEASE gp_read" : "SAVEPOINT gp_read");
}

static const char sql_code[] =
	"SELECT id, kind FROM entity WHERE code = ?1 COLLATE NOCASE AND rec_from <= ?2";
static const char sql_exact[] = GP_SQL_KEYS_EXACT_AT("?1", "?2", "?4");
static const char sql_variants[] = GP_SQL_KEYS_VARIANTS_AT("json_each(?1) v", "?5", "?6", "?2", "?4");
static const char sql_between[] = GP_SQL_KEYS_BETWEEN_AT("?1", "?3", "?2", "?4");

int gp_sqlite_name_keys(geopol_db *db, const gp_keys_query *q,
			int (*each)(void *ctx, const gp_name_key *row), void *ctx)
{
	static const char *const what[] = {NULL, "looking up a code", "looking up a name",
					   "looking up names near a key",
					   "looking up names by their first words"};
	static const char *const sql[] = {NULL, sql_code, sql_exact, sql_variants, sql_between};
	if (q->what < GP_KEYS_CODE || q->what > GP_KEYS_BETWEEN)
		return gp_error(db, GEOPOL_EINTERNAL, "internal: no name lookup %d", q->what);
	sqlite3_stmt *st = gp_stmt(db, sql[q->what]);
	if (!st)
		return gp_stmt_failed(db);
	if (q->what == GP_KEYS_VARIANTS)
		sqlite3_bind_text(st, 1, q->variants, (int)q->variants_len, SQLITE_STATIC);
	else
		sqlite3_bind_text(st, 1, q->key, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 2, q->k);
	if (q->what == GP_KEYS_BETWEEN)
		sqlite3_bind_text(st, 3, q->hi, -1, SQLITE_STATIC);
	if (q->what != GP_KEYS_CODE)
		sqlite3_bind_text(st, 4, q->lang, -1, SQLITE_STATIC);
	if (q->what == GP_KEYS_VARIANTS) {
		sqlite3_bind_int(st, 5, q->klo);
		sqlite3_bind_int(st, 6, q->khi);
	}
	int rc = GEOPOL_OK, s;
	while (rc == GEOPOL_OK && (s = sqlite3_step(st)) == SQLITE_ROW) {
		gp_name_key r;
		if (q->what == GP_KEYS_CODE)
			r = (gp_name_key){0, sqlite3_column_int64(st, 0), 0, sqlite3_column_int(st, 1),
					  NULL, 0};
		else
			r = (gp_name_key){sqlite3_column_int64(st, 0), sqlite3_column_int64(st, 1),
					  sqlite3_column_int(st, 2), sqlite3_column_int(st, 3),
					  (const char *)sqlite3_column_text(st, 4),
					  sqlite3_column_int(st, 5)};
		rc = each(ctx, &r);
	}
	if (rc == GEOPOL_OK && s != SQLITE_DONE)
		rc = gp_sql_error(db, what[q->what]);
	sqlite3_reset(st);
	return rc;
}

int gp_sqlite_candidate(geopol_db *db, int64_t entity, int64_t name_id, int64_t k,
			const char *lang, int (*each)(void *ctx, const gp_candidate *c), void *ctx)
{
	static const char sql[] = GP_SQL_CANDIDATE_AT("?1", "?2", "?3", "?4");
	sqlite3_stmt *st = gp_stmt(db, sql);
	if (!st)
		return gp_stmt_failed(db);
	sqlite3_bind_int64(st, 1, entity);
	sqlite3_bind_int64(st, 2, k);
	sqlite3_bind_text(st, 3, lang, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 4, name_id);
	int s = sqlite3_step(st);
	if (s != SQLITE_ROW) {
		int rc = s == SQLITE_DONE ? gp_error(db, GEOPOL_EDB, "entity row %lld vanished",
						     (long long)entity)
					  : gp_sql_error(db, "reading a candidate");
		sqlite3_reset(st);
		return rc;
	}
	gp_candidate c = {(const char *)sqlite3_column_text(st, 0), sqlite3_column_int(st, 1),
			  (const char *)sqlite3_column_text(st, 2),
			  (const char *)sqlite3_column_text(st, 3),
			  (const char *)sqlite3_column_text(st, 4)};
	int rc = each(ctx, &c);
	sqlite3_reset(st);
	return rc;
}
