/*
 * coding.c - the ranks of codings (schema/009): which reading of a
 * membership answers when a curated row and an imported dataset's rows
 * (COW, ATOP) cover the same (organization, member) pair. The queries read
 * the ranks in SQL (GP_SQL_RANK, sql_internal.h); this checks the input
 * and sets and reads them through the store (store.h).
 */
#include "core/geopol_internal.h"
#include "store/store.h"

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
	return gp_release(db, gp_store_of(db)->coding_rank_set(db, coding, rank));
}

int geopol_coding_rank(geopol_db *db, const char *coding, int *rank)
{
	if (!db || !rank)
		return GEOPOL_EMISUSE;
	gp_clear_error(db);
	int rc = check_name(db, coding);
	if (rc)
		return rc;
	*rank = GP_CODING_RANK_DEFAULT;
	rc = gp_store_of(db)->coding_rank(db, coding, rank);
	return rc == GEOPOL_ENOTFOUND ? GEOPOL_OK : rc;
}
