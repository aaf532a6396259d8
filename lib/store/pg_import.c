/*
 * pg_import.c - the dataset importers' members of the PostgreSQL store
 * (store.h: gp_store.release_begin to .import_put): not yet written, so
 * each answers "the dataset importers: not yet available on the
 * postgresql store (issue 21)" and writes nothing. The SQLite store's
 * (sqlite_import.c) is the reference a port follows.
 */
#include "store/pg_internal.h"

static int not_yet(geopol_db *db)
{
	return gp_error(db, GEOPOL_EDB, "the dataset importers: not yet available on the postgresql "
			"store (issue 21)");
}

int gp_pg_release_begin(geopol_db *db)
{
	return not_yet(db);
}

int gp_pg_release_note(geopol_db *db, const gp_release_note *n)
{
	(void)n;
	return not_yet(db);
}

int gp_pg_release_mark(geopol_db *db, int kind, const int64_t *rows, size_t n)
{
	(void)kind, (void)rows, (void)n;
	return not_yet(db);
}

int gp_pg_release_seen(geopol_db *db, int kind, int64_t row)
{
	(void)kind, (void)row;
	return not_yet(db);
}

int gp_pg_release_end(geopol_db *db, int64_t rec_to, uint64_t *closed)
{
	(void)rec_to, (void)closed;
	return not_yet(db);
}

int gp_pg_look(geopol_db *db, const gp_look *q, int (*each)(void *ctx, const gp_look_row *r),
	       void *ctx)
{
	(void)q, (void)each, (void)ctx;
	return not_yet(db);
}

int gp_pg_fact_copy(geopol_db *db, int kind, int64_t row, int64_t rec_from, int64_t *out)
{
	(void)kind, (void)row, (void)rec_from, (void)out;
	return not_yet(db);
}

int gp_pg_import_put(geopol_db *db, const gp_import_put *p, int64_t *row)
{
	(void)p, (void)row;
	return not_yet(db);
}
