/*
 * pg_partition.c - the yearly partitions of the PostgreSQL store's events
 * (schema/pg/005, which says why and how they are laid out): before an
 * event row is written, the partition its day belongs in is made unless it
 * is there, by schema/pg/005's geopol_event_partition, the one statement
 * of the rule (which year a day is in, its bounds, its table). The handle
 * keeps the bounds of the partitions it has seen, so that a write in a
 * year it knows asks nothing; it forgets them at a rollback (pg_store.c),
 * which takes back a partition its transaction made.
 */
#include "store/pg_internal.h"
#include "core/util.h"

#include <stdlib.h>

/* The index of the first known partition that ends after day. */
static size_t first_after(const gp_pg_state *s, int64_t day)
{
	size_t lo = 0, hi = s->n_years;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (s->years[mid].hi <= day)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

int gp_pg_partition_known(const geopol_db *db, int64_t day)
{
	const gp_pg_state *s = db->pgs;
	size_t i = s ? first_after(s, day) : 0;
	return s && i < s->n_years && s->years[i].lo <= day;
}

static int remember(geopol_db *db, int64_t lo, int64_t hi)
{
	gp_pg_state *s = db->pgs;
	size_t at = first_after(s, lo);
	if (at < s->n_years && s->years[at].lo == lo)
		return GEOPOL_OK;
	gp_pg_span *grown = GP_GROW(s->years, s->years_cap, s->n_years + 1, 16);
	if (!grown)
		return gp_oom(db);
	s->years = grown;
	for (size_t i = s->n_years; i > at; i--)
		s->years[i] = s->years[i - 1];
	s->years[at] = (gp_pg_span){lo, hi};
	s->n_years++;
	return GEOPOL_OK;
}

int gp_pg_event_partition(geopol_db *db, int64_t day)
{
	if (gp_pg_partition_known(db, day))
		return GEOPOL_OK;
	gp_pg_args a = {0};
	gp_pg_int(&a, day);
	int rc;
	PGresult *r = gp_pg_run(db, "SELECT lo, hi FROM geopol_event_partition($1::int)", &a,
				"making the partition of an event's year", &rc);
	if (!r)
		return rc;
	int64_t lo = gp_pg_get_int(r, 0, 0), hi = gp_pg_get_int(r, 0, 1);
	PQclear(r);
	if (day < lo || day >= hi)
		return gp_error(db, GEOPOL_EINTERNAL, "internal: day %lld is not in the partition "
				"[%lld, %lld) made for it", (long long)day, (long long)lo, (long long)hi);
	return remember(db, lo, hi);
}

void gp_pg_partitions_forget(geopol_db *db)
{
	if (db->pgs)
		db->pgs->n_years = 0;
}
