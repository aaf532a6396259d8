/*
 * sqlite_open.c - the SQLite store's open (gp_store.open: the file, its
 * settings, the migrations of schema/NNN_*.sql in order, each in its own
 * transaction), close and schema version.
 */
#include "core/geopol_internal.h"
#include "store/sqlite_internal.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

struct gp_migration { int version; const char *name; const char *sql; };
extern const struct gp_migration gp_migrations[];

static int pragma_int(geopol_db *db, const char *sql, int *out)
{
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(db->sql, sql, -1, &st, NULL) != SQLITE_OK)
		return gp_sql_error(db, "reading the file header");
	int rc = sqlite3_step(st);
	*out = rc == SQLITE_ROW ? sqlite3_column_int(st, 0) : 0;
	sqlite3_finalize(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return gp_sql_error(db, "reading the file header");
	return GEOPOL_OK;
}

static int latest_schema_version(void)
{
	int v = 0;
	for (const struct gp_migration *m = gp_migrations; m->sql; m++)
		if (m->version > v)
			v = m->version;
	return v;
}

/* Apply every migration newer than the file, each in its own transaction. */
static int migrate(geopol_db *db, const char *path)
{
	int have;
	int rc = pragma_int(db, "PRAGMA user_version", &have);
	if (rc)
		return rc;
	if (have > latest_schema_version())
		return gp_error(db, GEOPOL_EVERSION,
				"the database has schema version %d, newer than this "
				"geopol %s understands (%d): upgrade geopol",
				have, GEOPOL_VERSION_STRING, latest_schema_version());
	for (const struct gp_migration *m = gp_migrations; m->sql; m++) {
		if (m->version <= have)
			continue;
		if (db->read_only && have == 0)
			return gp_error(db, GEOPOL_EDB,
					"%s: not a geopol database (empty, or no geopol schema in it; "
					"'geopol init' creates one)", path);
		if (db->read_only)
			return gp_error(db, GEOPOL_EVERSION,
					"%s: the database needs migration to schema %d but was opened read-only",
					path, m->version);
		char *err = NULL;
		char pragma[64];
		snprintf(pragma, sizeof pragma, "PRAGMA user_version = %d", m->version);
		if (sqlite3_exec(db->sql, "BEGIN IMMEDIATE", NULL, NULL, &err) != SQLITE_OK ||
		    sqlite3_exec(db->sql, m->sql, NULL, NULL, &err) != SQLITE_OK ||
		    sqlite3_exec(db->sql, pragma, NULL, NULL, &err) != SQLITE_OK ||
		    sqlite3_exec(db->sql, "COMMIT", NULL, NULL, &err) != SQLITE_OK) {
			int busy = sqlite3_errcode(db->sql) == SQLITE_BUSY;
			gp_error(db, busy ? GEOPOL_EBUSY : GEOPOL_EDB, "applying schema/%s: %s", m->name,
				 err ? err : sqlite3_errmsg(db->sql));
			sqlite3_free(err);
			sqlite3_exec(db->sql, "ROLLBACK", NULL, NULL, NULL);
			return busy ? GEOPOL_EBUSY : GEOPOL_EDB;
		}
	}
	/* A file from before schema 6 holds facts no block covers yet: the
	 * commit hooks (the packer) bring what is kept beside the tables up to
	 * date now, once, rather than at its next write (which a file only
	 * read might never see). They never fail the open. */
	if (have < latest_schema_version() && gp_exec(db, "BEGIN IMMEDIATE") == GEOPOL_OK) {
		gp_hooks_commit(db);
		if (gp_exec(db, "COMMIT") != GEOPOL_OK)
			gp_exec(db, "ROLLBACK");
		gp_clear_error(db);
	}
	return GEOPOL_OK;
}

/* A file opened for writing that the user may only read: what to do. */
static int write_refused(geopol_db *db, const char *path, const char *why)
{
	return gp_error(db, GEOPOL_EDB, "%s: cannot be opened for writing: the file or its "
			"folder is read-only for this user (%s); open it read-only to query it",
			path, why);
}

/* Why the first read of a file failed. */
static int header_error(geopol_db *db, const char *path)
{
	int code = sqlite3_errcode(db->sql);
	const char *why = sqlite3_errmsg(db->sql);
	if (code == SQLITE_BUSY || code == SQLITE_LOCKED)
		return gp_sql_error(db, path);
	if (code == SQLITE_NOTADB || code == SQLITE_CORRUPT)
		return gp_error(db, GEOPOL_EDB, "%s: not a geopol database (%s)", path, why);
	if (db->read_only && (code == SQLITE_READONLY || code == SQLITE_CANTOPEN))
		return gp_error(db, GEOPOL_EDB,
				"%s: cannot be read without write access to its folder (%s): "
				"a write-ahead log or journal beside it must be recovered first; "
				"open it once with write access", path, why);
	if (!db->read_only && (code == SQLITE_READONLY || code == SQLITE_CANTOPEN))
		return write_refused(db, path, why);
	return gp_error(db, GEOPOL_EDB, "%s: cannot open: %s", path, why);
}

/* Switching a file to WAL (a no-op when it already is one) can answer
 * SQLITE_BUSY at once, without calling the busy handler, while another
 * connection opens or closes the same file: two writers started together
 * saw it one time in ten. So it is retried here for up to the busy timeout. */
static int set_wal(geopol_db *db, char **err)
{
	int waited = 0;
	for (;;) {
		int rc = sqlite3_exec(db->sql, "PRAGMA journal_mode = WAL", NULL, NULL, err);
		if (rc != SQLITE_BUSY || waited >= db->busy_ms)
			return rc;
		sqlite3_free(*err);
		*err = NULL;
		waited += sqlite3_sleep(10);
	}
}

static int configure(geopol_db *db, const char *path, const geopol_open_options *opts)
{
	db->busy_ms = opts && opts->busy_timeout_ms > 0 ? opts->busy_timeout_ms : 5000;
	sqlite3_busy_timeout(db->sql, db->busy_ms);
	sqlite3_extended_result_codes(db->sql, 0);
	char *err = NULL;
	/* Reading the header first tells a file that is not SQLite apart. */
	int v;
	if (pragma_int(db, "PRAGMA schema_version", &v))
		return header_error(db, path);
	if (sqlite3_exec(db->sql, "PRAGMA foreign_keys = ON", NULL, NULL, &err) != SQLITE_OK)
		goto fail;
	if (strcmp(path, ":memory:") != 0 && !db->read_only &&
	    set_wal(db, &err) != SQLITE_OK)
		goto fail;
	if (!db->read_only &&
	    sqlite3_exec(db->sql, "PRAGMA synchronous = NORMAL", NULL, NULL, &err) != SQLITE_OK)
		goto fail;
	/* Statement journals (every insert checked by a foreign key) stay in
	 * memory instead of a temporary file. */
	if (sqlite3_exec(db->sql, "PRAGMA temp_store = MEMORY", NULL, NULL, &err) != SQLITE_OK)
		goto fail;
	return GEOPOL_OK;
fail:;
	int code = sqlite3_errcode(db->sql);
	if (code == SQLITE_READONLY) {
		write_refused(db, path, err ? err : sqlite3_errmsg(db->sql));
		sqlite3_free(err);
		return GEOPOL_EDB;
	}
	int status = code == SQLITE_BUSY ? GEOPOL_EBUSY : GEOPOL_EDB;
	gp_error(db, status, "%s: %s", path, err ? err : sqlite3_errmsg(db->sql));
	sqlite3_free(err);
	return status;
}

/* SQLite reads a WAL-mode file only beside its -shm index, which it cannot
 * create in a folder the user cannot write (the installed dataset). When
 * such a file has no pending log (no -wal, or an empty one), everything is
 * in the file itself, and it can be read as immutable instead. */
static int wal_without_log(const char *path)
{
	unsigned char head[20];
	FILE *f = fopen(path, "rb");
	if (!f)
		return 0;
	size_t n = fread(head, 1, sizeof head, f);
	fclose(f);
	/* Bytes 18 and 19 of the header: file format versions, 2 = WAL. */
	if (n != sizeof head || head[18] != 2 || head[19] != 2)
		return 0;
	size_t len = strlen(path) + sizeof "-wal";
	char *wal = malloc(len);
	if (!wal)
		return 0;
	snprintf(wal, len, "%s-wal", path);
	struct stat st;
	int none = stat(wal, &st) != 0 || st.st_size == 0;
	free(wal);
	return none;
}

/* "file:PATH?immutable=1", every byte of PATH but letters, digits and
 * "._-~" percent-encoded ('?', '#', '%' and a leading "//" would otherwise
 * mean something in a URI). */
static char *immutable_uri(const char *path)
{
	static const char tail[] = "?immutable=1";
	size_t n = strlen(path);
	char *uri = malloc(sizeof "file:" + 3 * n + sizeof tail);
	if (!uri)
		return NULL;
	char *p = uri + sprintf(uri, "file:");
	for (const unsigned char *s = (const unsigned char *)path; *s; s++) {
		if (isalnum(*s) || strchr("._-~", *s))
			*p++ = (char)*s;
		else
			p += sprintf(p, "%%%02X", *s);
	}
	memcpy(p, tail, sizeof tail);
	return uri;
}

static int open_sqlite(geopol_db *db, const char *name, int flags, const char *path)
{
	if (db->sql) {
		sqlite3_close_v2(db->sql);
		db->sql = NULL;
	}
	if (sqlite3_open_v2(name, &db->sql, flags, NULL) != SQLITE_OK)
		return gp_error(db, GEOPOL_EDB, "%s: cannot open: %s", path,
				db->sql ? sqlite3_errmsg(db->sql) : "out of memory");
	return GEOPOL_OK;
}

/* A read-only open that failed for want of a -shm file: once more as an
 * immutable file, when that reads everything (wal_without_log). */
static int open_immutable(geopol_db *db, const char *path, int flags,
			  const geopol_open_options *opts, int rc)
{
	int code = db->sql ? sqlite3_errcode(db->sql) : SQLITE_OK;
	if (!db->read_only || (code != SQLITE_READONLY && code != SQLITE_CANTOPEN) ||
	    !wal_without_log(path))
		return rc;
	char *uri = immutable_uri(path);
	if (!uri)
		return gp_oom(db);
	rc = open_sqlite(db, uri, flags | SQLITE_OPEN_URI, path);
	free(uri);
	return rc ? rc : configure(db, path, opts);
}


int gp_sqlite_open(geopol_db *db, const char *path, const geopol_open_options *opts)
{
	int rc = gp_extensions_attach(db);
	if (rc)
		return rc;
	int must_exist = opts && opts->version >= 2 && opts->must_exist;
	if (must_exist && strcmp(path, ":memory:") != 0 && access(path, F_OK) != 0)
		return gp_error(db, GEOPOL_ENOTFOUND, "%s: no such database file", path);
	/* A handle belongs to one thread at a time (geopol.h): SQLite's own
	 * per-call mutex is then pure cost. */
	int flags = (db->read_only ? SQLITE_OPEN_READONLY
				   : SQLITE_OPEN_READWRITE | (must_exist ? 0 : SQLITE_OPEN_CREATE)) |
		    SQLITE_OPEN_NOMUTEX;
	rc = open_sqlite(db, path, flags, path);
	if (!rc)
		rc = configure(db, path, opts);
	if (rc)
		rc = open_immutable(db, path, flags, opts, rc);
	if (!rc)
		rc = migrate(db, path);
	return rc;
}

void gp_sqlite_close(geopol_db *db)
{
	if (!db->sql)
		return;
	if (!sqlite3_get_autocommit(db->sql))
		sqlite3_exec(db->sql, "ROLLBACK", NULL, NULL, NULL);
	sqlite3_close_v2(db->sql);
	db->sql = NULL;
}

int gp_sqlite_schema_version(const geopol_db *db)
{
	int v = 0;
	if (db->sql)
		pragma_int((geopol_db *)db, "PRAGMA user_version", &v);
	return v;
}
