/*
 * pg_store.c - the PostgreSQL store (issue 21): a handle's connection
 * through libpq, the migrations of schema/pg/NNN_*.sql, transactions and
 * the clock; its gp_store (store.h). Its writes are pg_write.c, its reads
 * pg_read.c, its statements pg_exec.c.
 *
 * Transactions: PostgreSQL has no database-wide write lock to take at
 * BEGIN, as SQLite's BEGIN IMMEDIATE does: writers run side by side (READ
 * COMMITTED), a wait for a row lock is bounded by the busy timeout
 * (lock_timeout) and then GEOPOL_EBUSY, and the no-overlap rule of
 * memberships is held by an exclusion constraint (schema/pg/001).
 *
 * Recorded time is stamped at commit (schema/pg/003, which says why and
 * how): a write in real time takes a provisional stamp, commit() has the
 * server rewrite them into the commit's, and a question as known at a
 * recent k first waits for a commit being stamped (settle).
 */
#include "store/pg_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

struct gp_migration { int version; const char *name; const char *sql; };
extern const struct gp_migration gp_pg_migrations[];

/* Taken by a migrating connection so that two opens of a new database do
 * not both create it ("geopol" in ASCII). */
#define MIGRATION_LOCK "103979816446572"

static int latest_version(void)
{
	int v = 0;
	for (const struct gp_migration *m = gp_pg_migrations; m->sql; m++)
		if (m->version > v)
			v = m->version;
	return v;
}

/* libpq's notices (CREATE ... IF NOT EXISTS that skipped) are not for the
 * user's terminal. */
static void quiet(void *arg, const char *message)
{
	(void)arg;
	(void)message;
}

/* What libpq takes: a URL as it is, a conninfo without its scheme. */
static const char *conninfo_of(const char *path)
{
	if (strncmp(path, "postgresql://", 13) == 0 || strncmp(path, "postgres://", 11) == 0)
		return path;
	return strchr(path, ':') + 1;
}

/* A database named in messages without the path, which may hold a
 * password: its name and host as libpq read them. */
static void describe(const geopol_db *db, char *buf, size_t size)
{
	const char *name = db->pg ? PQdb(db->pg) : NULL;
	const char *host = db->pg ? PQhost(db->pg) : NULL;
	snprintf(buf, size, "PostgreSQL database '%s' on %s", name && *name ? name : "?",
		 host && *host ? host : "the default host");
}

/* The version recorded (0: none), creating the record unless read-only. */
static int stored_version(geopol_db *db, int *have)
{
	int rc;
	*have = 0;
	PGresult *r = gp_pg_run(db, "SELECT to_regclass('geopol_schema_version') IS NOT NULL", NULL,
				"reading the schema version", &rc);
	if (!r)
		return rc;
	int exists = strcmp(PQgetvalue(r, 0, 0), "t") == 0;
	PQclear(r);
	if (!exists)
		return GEOPOL_OK;
	r = gp_pg_run(db, "SELECT COALESCE(max(version), 0) FROM geopol_schema_version", NULL,
		      "reading the schema version", &rc);
	if (!r)
		return rc;
	*have = (int)gp_pg_get_int(r, 0, 0);
	PQclear(r);
	return GEOPOL_OK;
}

static int apply(geopol_db *db, const struct gp_migration *m)
{
	PGresult *r = PQexec(db->pg, m->sql);
	if (!r || PQresultStatus(r) != PGRES_COMMAND_OK) {
		char what[128];
		snprintf(what, sizeof what, "applying schema/pg/%s", m->name);
		int rc = gp_pg_error(db, r, what);
		PQclear(r);
		return rc;
	}
	PQclear(r);
	gp_pg_args a = {0};
	gp_pg_int(&a, m->version);
	gp_pg_text(&a, m->name);
	gp_pg_int(&a, gp_clock_real());
	return gp_pg_do(db, "INSERT INTO geopol_schema_version(version, name, applied) "
			"VALUES ($1, $2, $3)", &a, "recording the schema version");
}

/* Every migration newer than the database, all in one transaction (DDL is
 * transactional here), under a lock that a second opener waits for. */
static int migrate_locked(geopol_db *db, const char *where)
{
	int have, rc = gp_pg_do(db, "SELECT pg_advisory_xact_lock(" MIGRATION_LOCK ")", NULL,
				"waiting for another connection's migration");
	if (!rc)
		rc = gp_pg_do(db, "CREATE TABLE IF NOT EXISTS geopol_schema_version (version integer "
			      "PRIMARY KEY, name text NOT NULL, applied bigint NOT NULL)", NULL,
			      "creating the schema version record");
	if (!rc)
		rc = stored_version(db, &have);
	if (rc)
		return rc;
	if (have > latest_version())
		return gp_error(db, GEOPOL_EVERSION, "%s has schema version %d, newer than this "
				"geopol %s understands (%d): upgrade geopol", where, have,
				GEOPOL_VERSION_STRING, latest_version());
	for (const struct gp_migration *m = gp_pg_migrations; !rc && m->sql; m++)
		if (m->version > have)
			rc = apply(db, m);
	return rc;
}

static int migrate(geopol_db *db, const char *where)
{
	int have, rc = stored_version(db, &have);
	if (rc)
		return rc;
	if (have == latest_version())
		return GEOPOL_OK;
	if (db->read_only && have == 0)
		return gp_error(db, GEOPOL_EDB, "%s: not a geopol database (no geopol schema in it; "
				"'geopol init' creates one)", where);
	if (db->read_only && have < latest_version())
		return gp_error(db, GEOPOL_EVERSION, "%s: the database needs migration to schema %d "
				"but was opened read-only", where, latest_version());
	if (db->read_only)
		return gp_error(db, GEOPOL_EVERSION, "%s has schema version %d, newer than this "
				"geopol %s understands (%d): upgrade geopol", where, have,
				GEOPOL_VERSION_STRING, latest_version());
	if ((rc = gp_pg_do(db, "BEGIN", NULL, "starting the migration")))
		return rc;
	rc = migrate_locked(db, where);
	if (!rc)
		return gp_pg_do(db, "COMMIT", NULL, "committing the migration");
	char keep[GP_ERRMSG_SIZE];
	memcpy(keep, db->errmsg, sizeof keep);
	PQclear(PQexec(db->pg, "ROLLBACK"));
	memcpy(db->errmsg, keep, sizeof keep);
	return rc;
}

/* The server's clock against this process's, taken between two readings
 * of it. */
static int measure_clock(geopol_db *db)
{
	int64_t before = gp_clock_real();
	int rc;
	PGresult *r = gp_pg_run(db, "SELECT (extract(epoch FROM clock_timestamp()) * 1000000)::bigint",
				NULL, "reading the server's clock", &rc);
	if (!r)
		return rc;
	int64_t after = gp_clock_real();
	db->pgs->clock_offset = gp_pg_get_int(r, 0, 0) - (before + (after - before) / 2);
	PQclear(r);
	return GEOPOL_OK;
}

/* The session: lock waits bounded by the busy timeout; read-only when
 * opened so. */
static int configure(geopol_db *db)
{
	char ms[32];
	snprintf(ms, sizeof ms, "%d", db->busy_ms);
	gp_pg_args a = {0};
	gp_pg_text(&a, ms);
	gp_pg_text(&a, db->read_only ? "on" : "off");
	return gp_pg_do(db, "SELECT set_config('lock_timeout', $1, false), "
			"set_config('default_transaction_read_only', $2, false)", &a,
			"setting up the connection");
}

static int pg_open(geopol_db *db, const char *path, const geopol_open_options *opts)
{
	db->busy_ms = opts && opts->busy_timeout_ms > 0 ? opts->busy_timeout_ms : 5000;
	if (!(db->pgs = calloc(1, sizeof *db->pgs)))
		return gp_oom(db);
	db->pg = PQconnectdb(conninfo_of(path));
	if (!db->pg)
		return gp_oom(db);
	PQsetNoticeProcessor(db->pg, quiet, NULL);
	char where[256];
	describe(db, where, sizeof where);
	if (PQstatus(db->pg) != CONNECTION_OK) {
		char buf[GP_ERRMSG_SIZE];
		snprintf(buf, sizeof buf, "%s", PQerrorMessage(db->pg));
		buf[strcspn(buf, "\n")] = '\0';
		return gp_error(db, GEOPOL_EDB, "%s: cannot connect: %s", where, buf);
	}
	int rc = configure(db);
	if (!rc)
		rc = measure_clock(db);
	return rc ? rc : migrate(db, where);
}

static void pg_close(geopol_db *db)
{
	gp_pg_state_free(db->pgs);
	db->pgs = NULL;
	if (db->pg)
		PQfinish(db->pg);
	db->pg = NULL;
}

static int pg_schema_version(const geopol_db *db)
{
	int have = 0;
	if (db->pg && stored_version((geopol_db *)db, &have))
		return 0;
	return have;
}

/* The provisional stamps of the transaction rewritten into the commit's
 * (schema/pg/003), under the lock every "known at" reader waits on. */
static int stamp_commit(geopol_db *db)
{
	int64_t n = db->pgs ? db->pgs->provisional : 0;
	if (!n)
		return GEOPOL_OK;
	gp_pg_args a = {0};
	gp_pg_int(&a, n);
	return gp_pg_do(db, "SELECT geopol_commit_stamp($1)", &a, "stamping the commit");
}

/* COMMIT of a transaction an error aborted answers "ROLLBACK": that is a
 * failure to commit. */
static int commit(geopol_db *db)
{
	int rc = stamp_commit(db);
	if (db->pgs)
		db->pgs->provisional = 0;
	if (rc)
		return rc;
	PGresult *r = gp_pg_run(db, "COMMIT", NULL, "committing", &rc);
	if (!r)
		return rc;
	int done = strcmp(PQcmdStatus(r), "COMMIT") == 0;
	PQclear(r);
	if (!done)
		gp_pg_partitions_forget(db);
	return done ? GEOPOL_OK
		    : gp_error(db, GEOPOL_EDB, "committing: the transaction had failed and was "
			       "rolled back");
}

static int txn(geopol_db *db, int step)
{
	switch (step) {
	case GP_TXN_BEGIN:
		db->pgs->provisional = 0;
		return gp_pg_do(db, "BEGIN", NULL, "cannot start writing");
	case GP_TXN_COMMIT: return commit(db);
	case GP_TXN_ROLLBACK:
		db->pgs->provisional = 0;
		gp_pg_partitions_forget(db);
		return gp_pg_do(db, "ROLLBACK", NULL, "rolling back");
	case GP_TXN_SAVEPOINT: return gp_pg_do(db, "SAVEPOINT gp_write", NULL, "starting a write");
	case GP_TXN_RELEASE: return gp_pg_do(db, "RELEASE SAVEPOINT gp_write", NULL, "ending a write");
	case GP_TXN_UNDO: {
		gp_pg_partitions_forget(db);
		int rc = gp_pg_do(db, "ROLLBACK TO SAVEPOINT gp_write", NULL, "undoing a write");
		int rc2 = gp_pg_do(db, "RELEASE SAVEPOINT gp_write", NULL, "undoing a write");
		return rc ? rc : rc2;
	}
	default: return gp_error(db, GEOPOL_EMISUSE, "internal: no transaction step %d", step);
	}
}

static int in_txn(const geopol_db *db)
{
	if (!db->pg)
		return 0;
	PGTransactionStatusType s = PQtransactionStatus(db->pg);
	return s == PQTRANS_INTRANS || s == PQTRANS_INERROR || s == PQTRANS_ACTIVE;
}

/* The time a commit would be stamped at, read from the server: its
 * clock, or the last stamp given when that is later (schema/pg/003), so
 * that every write committed before the call is known at it and every
 * write committed after is not. This process's clock corrected by the
 * difference seen at open is off by up to half the round trip it was
 * measured in (milliseconds on a loaded machine), and knows nothing of
 * stamps ahead of the clock: it serves only while the connection cannot
 * be asked (a command under way, a failed transaction). */
static int64_t now(const geopol_db *db)
{
	int64_t guess = gp_clock_real() + (db->pgs ? db->pgs->clock_offset : 0);
	PGTransactionStatusType s = db->pg ? PQtransactionStatus(db->pg) : PQTRANS_UNKNOWN;
	if (s != PQTRANS_IDLE && s != PQTRANS_INTRANS)
		return guess;
	PGresult *r = PQexec(db->pg, "SELECT greatest(last, (extract(epoch FROM clock_timestamp()) "
			     "* 1000000)::bigint) FROM geopol_clock");
	int64_t t = PQresultStatus(r) == PGRES_TUPLES_OK && PQntuples(r) == 1 ? gp_pg_get_int(r, 0, 0)
									       : guess;
	PQclear(r);
	return t;
}

/* A write's stamp in real time: the next provisional one of the
 * transaction, rewritten at commit (commit()). */
static int64_t provisional_stamp(geopol_db *db)
{
	return GP_PG_PROVISIONAL_BASE + db->pgs->provisional++;
}

/* Wait for a commit being stamped, once for every k before the server time
 * this returns (schema/pg/003's geopol_settled: later commits are stamped
 * at that time or after). A k the server's clock has not reached yet (this
 * process's clock runs a little ahead, or a question about the next
 * second) waits for it, up to GP_PG_SETTLE_AHEAD_US; further ahead the
 * answer is the one known now, and can change until then. Inside a
 * transaction the answers are its snapshot's: nothing to wait for. */
#define GP_PG_SETTLE_AHEAD_US 2000000
static int settle(geopol_db *db, int64_t k)
{
	if (!db->pgs || in_txn(db))
		return GEOPOL_OK;
	/* Three tries: a standby's time (the last stamp it replayed) only
	 * moves with the primary's commits. */
	for (int tries = 0; tries < 3 && k >= db->pgs->settled; tries++) {
		int rc;
		PGresult *r = gp_pg_run(db, "SELECT geopol_settled()", NULL,
					"waiting for the commits being stamped", &rc);
		if (!r)
			return rc;
		db->pgs->settled = gp_pg_get_int(r, 0, 0);
		PQclear(r);
		int64_t ahead = k - db->pgs->settled + 1;
		if (ahead <= 0 || ahead > GP_PG_SETTLE_AHEAD_US)
			break;
		nanosleep(&(struct timespec){ahead / 1000000, (ahead % 1000000) * 1000}, NULL);
	}
	return GEOPOL_OK;
}


const gp_store gp_pg_store = {
	.version = GP_STORE_VERSION,
	.name = "postgresql",
	.claims = gp_pg_claims,
	.open = pg_open,
	.close = pg_close,
	.schema_version = pg_schema_version,
	.spells = gp_pg_spells,
	.scan = gp_pg_scan,
	.walk = gp_pg_walk,
	.events = gp_pg_events,
	.entities = gp_pg_entities,
	.size = gp_pg_size,
	.relation_types = gp_pg_relation_types,
	.shadowed = gp_pg_shadowed,
	.source_get = gp_pg_source_get,
	.cites = gp_pg_cites,
	.coding_rank = gp_pg_coding_rank,
	.txn = txn,
	.in_txn = in_txn,
	.now = now,
	.provisional_stamp = provisional_stamp,
	.settle = settle,
	.find = gp_pg_find,
	.entity_add = gp_pg_entity_add,
	.source_add = gp_pg_source_add,
	.xref_add = gp_pg_xref_add,
	.type_add = gp_pg_type_add,
	.fact_add = gp_pg_fact_add,
	.event_parts = gp_pg_event_parts,
	.fact_current = gp_pg_fact_current,
	.fact_close = gp_pg_fact_close,
	.cite_add = gp_pg_cite_add,
	.cites_copy = gp_pg_cites_copy,
	.coding_rank_set = gp_pg_coding_rank_set,
	.names = gp_pg_names,
	.audit = gp_pg_audit,
	.citations = gp_pg_citations,
	.entity_attrs = gp_pg_entity_attrs,
	.membership_attrs = gp_pg_membership_attrs,
	.read_txn = gp_pg_read_txn,
	.name_keys = gp_pg_name_keys,
	.candidate = gp_pg_candidate,
	.table_columns = gp_pg_table_columns,
	.table_read = gp_pg_table_read,
	.table_write_begin = gp_pg_table_write_begin,
	.table_write_row = gp_pg_table_write_row,
	.table_write_end = gp_pg_table_write_end,
	.check_rows = gp_pg_check_rows,
	.release_begin = gp_pg_release_begin,
	.release_note = gp_pg_release_note,
	.release_mark = gp_pg_release_mark,
	.release_seen = gp_pg_release_seen,
	.release_end = gp_pg_release_end,
	.look = gp_pg_look,
	.fact_copy = gp_pg_fact_copy,
	.import_put = gp_pg_import_put,
	.panel = gp_pg_panel,
	.user_sql = gp_pg_user_sql,
};
