/*
 * coding.c - the ranks of codings (schema/009): which reading of a
 * membership answers when a curated row and an imported dataset's rows
 * (COW, ATOP) cover the same (organization, member) pair. The queries read
 * the ranks in SQL (GP_SQL_RANK, sql_internal.h); this sets and reads them.
 */
#include "core/geopol_internal.h"

#define RANK_LIMIT 1000000

static int check_name(geopol_db *db, const char *coding)
{
	if (!coding || !*coding)
		return gp_error(db, GEOPOL_EINVAL, "coding: a name is required");
	return gp_check_utf8(db, "coding", coding);
}

int geopol_coding_rank_set(geopol_db *db, const char *coding, int rank)
{
	if (!db)
		return GEOPOL_EMISUSE;
	gp_clear_error(db);
	int rc = check_name(db, coding);
	if (rc)
		return rc;
	if (rank < -RANK_LIMIT || rank > RANK_LIMIT)
		return gp_error(db, GEOPOL_EINVAL, "coding '%s': rank %d is not from %d to %d", coding,
				rank, -RANK_LIMIT, RANK_LIMIT);
	if ((rc = gp_savepoint(db)))
		return rc;
	sqlite3_stmt *st = gp_stmt(db, "INSERT INTO coding(name, rank) VALUES (?1, ?2) "
				       "ON CONFLICT(name) DO UPDATE SET rank = excluded.rank");
	if (!st)
		return gp_release(db, GEOPOL_EDB);
	sqlite3_bind_text(st, 1, coding, -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 2, rank);
	int step = sqlite3_step(st);
	sqlite3_reset(st);
	rc = step == SQLITE_DONE ? GEOPOL_OK : gp_sql_error(db, "setting the rank of a coding");
	return gp_release(db, rc);
}

int geopol_coding_rank(geopol_db *db, const char *coding, int *rank)
{
	if (!db || !rank)
		return GEOPOL_EMISUSE;
	gp_clear_error(db);
	int rc = check_name(db, coding);
	if (rc)
		return rc;
	sqlite3_stmt *st = gp_stmt(db, "SELECT rank FROM coding WHERE name = ?1");
	if (!st)
		return gp_stmt_failed(db);
	sqlite3_bind_text(st, 1, coding, -1, SQLITE_STATIC);
	int step = sqlite3_step(st);
	*rank = step == SQLITE_ROW ? sqlite3_column_int(st, 0) : GP_CODING_RANK_DEFAULT;
	sqlite3_reset(st);
	return step == SQLITE_ROW || step == SQLITE_DONE ? GEOPOL_OK
							 : gp_sql_error(db, "reading the rank of a coding");
}
