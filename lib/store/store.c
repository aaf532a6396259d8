/*
 * store.c - the stores built in and the choice of one at open: each is
 * asked in turn whether it keeps the database a path names. PostgreSQL's
 * goes first and claims its URLs and conninfo strings (gp_pg_claims,
 * store.h); SQLite, last, takes every other path.
 */
#include "store/store.h"

#include <stddef.h>

#ifndef GEOPOL_HAVE_LIBPQ
/* Built without libpq: a PostgreSQL database is refused by name. The
 * handle then keeps SQLite's operations, which find no connection and
 * refuse too (gp_stmt). */
static int pg_absent_open(geopol_db *db, const char *path, const geopol_open_options *opts)
{
	(void)path;
	(void)opts;
	db->store = &gp_sqlite_store;
	return gp_error(db, GEOPOL_EINVAL, "a PostgreSQL database cannot be opened: this geopol was "
			"built without libpq (install libpq-dev and build again)");
}

static void pg_absent_close(geopol_db *db)
{
	(void)db;
}

static int pg_absent_version(const geopol_db *db)
{
	(void)db;
	return 0;
}

static const gp_store gp_pg_absent_store = {
	.version = GP_STORE_VERSION,
	.name = "postgresql",
	.claims = gp_pg_claims,
	.open = pg_absent_open,
	.close = pg_absent_close,
	.schema_version = pg_absent_version,
};
#define GP_PG_STORE gp_pg_absent_store
#else
#define GP_PG_STORE gp_pg_store
#endif

const gp_store *const gp_stores[] = {&GP_PG_STORE, &gp_sqlite_store, NULL};

const gp_store *gp_store_for(const char *path)
{
	for (const gp_store *const *s = gp_stores; *s; s++)
		if ((*s)->claims(path))
			return *s;
	return &gp_sqlite_store;
}
