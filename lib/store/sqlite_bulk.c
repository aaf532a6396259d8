/*
 * sqlite_bulk.c - the SQLite store's bulk transaction (gp_store.bulk,
 * geopol_begin_bulk): the secondary indexes that no write's check reads are
 * dropped when it begins and built again, each sorted once, before it
 * commits, in the same transaction (so a rollback, a failed commit or a
 * crash leaves the file and its indexes as they were); and the foreign
 * keys, which the front end resolves and checks before every write (an
 * entity, source or type by its code, the row just written), are not
 * checked a second time by SQLite. The definitions are read back from the
 * file, so the schema (schema/NNN_*.sql) stays the one place they are
 * written.
 */
#include "store/store.h"
#include "store/sqlite_internal.h"

#include <stdlib.h>
#include <string.h>

/* The indexes of the questions, which no write's check or lookup reads:
 * the duplicate and overlap probes use membership_pair, relation_pair,
 * name_entity and event_ext; citations their citation_* indexes; a fact's
 * current row the primary keys and the *_fact indexes (sqlite_write.c;
 * tests/check_bulk.c checks the plans). */
static const char *const deferred[] = {
	"membership_org_at", "membership_member_at", "relation_a_at", "relation_b_at",
	"event_window", "event_actor_entity",
};
#define N_DEFERRED (sizeof deferred / sizeof deferred[0])

static const char *const drop_sql[N_DEFERRED] = {
	"DROP INDEX membership_org_at", "DROP INDEX membership_member_at",
	"DROP INDEX relation_a_at", "DROP INDEX relation_b_at",
	"DROP INDEX event_window", "DROP INDEX event_actor_entity",
};

/* Append an index's CREATE statement to db->bulk_sql. */
static int keep_sql(geopol_db *db, const char *sql)
{
	size_t have = db->bulk_sql ? strlen(db->bulk_sql) : 0, add = strlen(sql);
	char *grown = realloc(db->bulk_sql, have + add + 2);
	if (!grown)
		return gp_oom(db);
	memcpy(grown + have, sql, add);
	grown[have + add] = ';';
	grown[have + add + 1] = '\0';
	db->bulk_sql = grown;
	return GEOPOL_OK;
}

/* Each deferred index present: its definition kept, then dropped. */
static int defer_indexes(geopol_db *db)
{
	for (size_t i = 0; i < N_DEFERRED; i++) {
		sqlite3_stmt *st = gp_stmt(db, "SELECT sql FROM sqlite_master WHERE type = 'index' "
					   "AND name = ?1");
		if (!st)
			return gp_stmt_failed(db);
		sqlite3_bind_text(st, 1, deferred[i], -1, SQLITE_STATIC);
		int step = sqlite3_step(st), rc = GEOPOL_OK;
		if (step == SQLITE_ROW)
			rc = keep_sql(db, (const char *)sqlite3_column_text(st, 0));
		else if (step != SQLITE_DONE)
			rc = gp_sql_error(db, "reading an index's definition");
		sqlite3_reset(st);
		if (rc)
			return rc;
		if (step == SQLITE_ROW && (rc = gp_exec(db, drop_sql[i])))
			return rc;
	}
	return GEOPOL_OK;
}

/* The deferred indexes built, in the transaction; once. */
static int finish_bulk(geopol_db *db)
{
	if (!db->bulk_sql)
		return GEOPOL_OK;
	/* SQLite's sorter holds runs of up to the page cache's size in memory
	 * besides the cache itself: with a sixteenth of it (4 MB) during the
	 * build, the peak stays the load's and the build took no longer. */
	int rc = gp_exec(db, "PRAGMA cache_size = -4096");
	if (rc)
		return rc;
	/* Several statements, made at run time: not for the statement cache. */
	if (sqlite3_exec(db->sql, db->bulk_sql, NULL, NULL, NULL) != SQLITE_OK)
		return gp_sql_error(db, "building the indexes a bulk load deferred");
	free(db->bulk_sql);
	db->bulk_sql = NULL;
	return GEOPOL_OK;
}

/* Two statements, the second after the first succeeded. */
static int exec_both(geopol_db *db, const char *a, const char *b)
{
	int rc = gp_exec(db, a);
	return rc ? rc : gp_exec(db, b);
}

int gp_sqlite_bulk(geopol_db *db, int step)
{
	switch (step) {
	/* The pragmas are refused or no-ops inside a transaction: set before
	 * BEGIN. Temporary storage in files while the indexes are built at
	 * the commit: with it in memory, SQLite's sorter keeps every record
	 * of an index in memory (gp_sqlite_open's temp_store = MEMORY), so
	 * that the peak grew with the rows; in files it holds a bounded run
	 * (finish_bulk) and merges. */
	case GP_BULK_BEFORE:
		return exec_both(db, "PRAGMA foreign_keys = OFF", "PRAGMA temp_store = FILE");
	case GP_BULK_BEGIN: return defer_indexes(db);
	case GP_BULK_FINISH: return finish_bulk(db);
	case GP_BULK_END:
		free(db->bulk_sql);
		db->bulk_sql = NULL;
		return exec_both(db, "PRAGMA foreign_keys = ON", "PRAGMA temp_store = MEMORY");
	default: return gp_error(db, GEOPOL_EINTERNAL, "internal: no bulk step %d", step);
	}
}
