/*
 * db.c - opening and closing a handle, whose store (store.h, chosen by the
 * path: gp_store_for) connects, migrates and disconnects; and the rules of
 * savepoints and transactions (one savepoint a public write, its stamp,
 * the commit hooks, the caches cleared on a rollback), whose steps the
 * handle's store runs (gp_store.txn). (SQLite's open: sqlite_open.c;
 * PostgreSQL's: pg_store.c. Errors: core/error.c; the statement cache:
 * stmt.c; the recorded-time clock: clock.c.)
 */
#include "core/geopol_internal.h"
#include "store/store.h"

#include <stdlib.h>
#include <string.h>

int geopol_version_number(void) { return GEOPOL_VERSION_NUMBER; }
const char *geopol_version_string(void) { return GEOPOL_VERSION_STRING; }

int gp_savepoint(geopol_db *db)
{
	if (!db)
		return GEOPOL_EMISUSE;
	gp_clear_error(db);
	if (db->read_only)
		return gp_error(db, GEOPOL_EMISUSE, "the database was opened read-only");
	const gp_store *store = gp_store_of(db);
	int began = 0;
	if (!store->in_txn(db)) {
		int rc = store->txn(db, GP_TXN_BEGIN);
		if (rc)
			return rc;
		began = 1;
	}
	db->stamp = gp_stamp(db);
	int rc = store->txn(db, GP_TXN_SAVEPOINT);
	if (rc) {
		if (began)
			store->txn(db, GP_TXN_ROLLBACK);
		return rc;
	}
	if (began)
		db->sp_txn = 1;
	db->sp_depth++;
	return GEOPOL_OK;
}

int gp_savepoint_spec(geopol_db *db, const char *type, const void *spec, unsigned current)
{
	if (!db)
		return GEOPOL_EMISUSE;
	int rc = gp_check_spec(db, type, spec, current);
	return rc ? rc : gp_savepoint(db);
}

/* The end of the transaction the outermost savepoint began. */
static int end_write(geopol_db *db, int status)
{
	const gp_store *store = gp_store_of(db);
	db->sp_txn = 0;
	if (status == GEOPOL_OK && store->txn(db, GP_TXN_COMMIT) == GEOPOL_OK)
		return GEOPOL_OK;
	if (status == GEOPOL_OK)
		status = gp_sql_error(db, "committing");
	char keep[GP_ERRMSG_SIZE];
	memcpy(keep, db->errmsg, sizeof keep);
	gp_caches_clear(db);
	if (store->in_txn(db))
		store->txn(db, GP_TXN_ROLLBACK);
	memcpy(db->errmsg, keep, sizeof keep);
	return status;
}

int gp_release(geopol_db *db, int status)
{
	db->sp_depth--;
	int outer = !db->sp_depth && db->sp_txn;
	if (status != GEOPOL_OK) {
		/* Keep the first error's message: rolling back must not replace it. */
		char keep[GP_ERRMSG_SIZE];
		memcpy(keep, db->errmsg, sizeof keep);
		gp_caches_clear(db);
		gp_store_of(db)->txn(db, GP_TXN_UNDO);
		memcpy(db->errmsg, keep, sizeof keep);
		return outer ? end_write(db, status) : status;
	}
	/* The outermost write of an autocommit call: its end is a commit. */
	if (!db->sp_depth && !db->txn_depth)
		gp_hooks_commit(db);
	int rc = gp_store_of(db)->txn(db, GP_TXN_RELEASE);
	return outer ? end_write(db, rc) : rc;
}

int geopol_open(geopol_db **out, const char *path, const geopol_open_options *opts)
{
	if (!out)
		return GEOPOL_EMISUSE;
	*out = NULL;
	geopol_db *db = calloc(1, sizeof *db);
	if (!db)
		return GEOPOL_ENOMEM;
	*out = db;
	db->store = &gp_sqlite_store;
	if (!path)
		return gp_error(db, GEOPOL_EINVAL, "no database path given");
	db->store = gp_store_for(path);
	int rc = gp_check_version(db, "geopol_open_options", opts, GEOPOL_OPEN_OPTIONS_VERSION);
	if (rc)
		return rc;
	db->read_only = opts && opts->read_only;
	return db->store->open(db, path, opts);
}

void geopol_close(geopol_db *db)
{
	if (!db)
		return;
	gp_iters_end(db);
	gp_hooks_close(db);
	gp_stmts_finalize(db);
	gp_caches_clear(db);
	db->store->close(db);
	free(db->bulk_sql);
	free(db);
}

int geopol_schema_version(const geopol_db *db)
{
	return db ? db->store->schema_version(db) : 0;
}

/* Bulk writes touch several indexes per row and spill to the WAL with
 * SQLite's 2 MB default page cache: transactions and imports get 64 MB,
 * given back when they end, so that readers (a streamed snapshot) stay
 * small. */
void gp_bulk_cache(geopol_db *db, int on)
{
	if (!db->sql)
		return; /* not a SQLite handle */
	gp_exec(db, on ? "PRAGMA cache_size = -65536" : "PRAGMA cache_size = -2000");
}

/* The end of a bulk transaction, committed or not. */
static void end_bulk(geopol_db *db)
{
	if (!db->bulk)
		return;
	db->bulk = 0;
	char keep[GP_ERRMSG_SIZE];
	memcpy(keep, db->errmsg, sizeof keep);
	gp_store_of(db)->bulk(db, GP_BULK_END);
	memcpy(db->errmsg, keep, sizeof keep);
}

/* geopol_begin and geopol_begin_bulk: the same transaction, the bulk one
 * through the store's bulk steps when it has them. */
static int begin(geopol_db *db, int bulk)
{
	if (!db)
		return GEOPOL_EMISUSE;
	gp_clear_error(db);
	if (db->txn_depth)
		return gp_error(db, GEOPOL_EMISUSE, "a transaction is already open");
	if (db->read_only)
		return gp_error(db, GEOPOL_EMISUSE, "the database was opened read-only");
	const gp_store *store = gp_store_of(db);
	bulk = bulk && store->bulk;
	int rc = bulk ? store->bulk(db, GP_BULK_BEFORE) : GEOPOL_OK;
	if (!rc && !(rc = store->txn(db, GP_TXN_BEGIN)) && bulk &&
	    (rc = store->bulk(db, GP_BULK_BEGIN))) {
		char keep[GP_ERRMSG_SIZE];
		memcpy(keep, db->errmsg, sizeof keep);
		store->txn(db, GP_TXN_ROLLBACK);
		memcpy(db->errmsg, keep, sizeof keep);
	}
	if (rc && bulk) {
		db->bulk = 1;
		end_bulk(db);
	}
	if (!rc) {
		db->txn_depth = 1;
		db->bulk = bulk;
		gp_bulk_cache(db, 1);
	}
	return rc;
}

int geopol_begin(geopol_db *db)
{
	return begin(db, 0);
}

int geopol_begin_bulk(geopol_db *db)
{
	return begin(db, 1);
}

int geopol_commit(geopol_db *db)
{
	if (!db)
		return GEOPOL_EMISUSE;
	gp_clear_error(db);
	if (!db->txn_depth)
		return gp_error(db, GEOPOL_EMISUSE, "no transaction is open");
	/* What a bulk transaction deferred is built before the hooks read. */
	int rc = db->bulk ? gp_store_of(db)->bulk(db, GP_BULK_FINISH) : GEOPOL_OK;
	if (rc)
		return rc;
	gp_hooks_commit(db);
	rc = gp_store_of(db)->txn(db, GP_TXN_COMMIT);
	if (!rc) {
		db->txn_depth = 0;
		end_bulk(db);
		gp_bulk_cache(db, 0);
	}
	return rc;
}

int geopol_rollback(geopol_db *db)
{
	if (!db)
		return GEOPOL_EMISUSE;
	gp_clear_error(db);
	if (!db->txn_depth)
		return gp_error(db, GEOPOL_EMISUSE, "no transaction is open");
	db->txn_depth = 0;
	gp_caches_clear(db);
	int rc = gp_store_of(db)->txn(db, GP_TXN_ROLLBACK);
	end_bulk(db);
	gp_bulk_cache(db, 0);
	return rc;
}
