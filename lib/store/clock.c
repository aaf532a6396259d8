/*
 * clock.c - recorded time: the clock (the handle's store's, or fixed by
 * geopol_set_clock), the strictly increasing stamps of writes, and the end
 * of a day in recorded time.
 */
#include "core/geopol_internal.h"
#include "store/store.h"

#include <sys/time.h>

int64_t gp_clock_real(void)
{
	struct timeval tv;
	gettimeofday(&tv, NULL);
	return (int64_t)tv.tv_sec * 1000000 + tv.tv_usec;
}

int64_t geopol_now(geopol_db *db)
{
	if (db && db->clock_fixed)
		return db->clock_fixed;
	return db ? gp_store_of(db)->now(db) : gp_clock_real();
}

void geopol_set_clock(geopol_db *db, int64_t usec)
{
	if (db)
		db->clock_fixed = usec;
}

int64_t gp_stamp(geopol_db *db)
{
	const gp_store *store = gp_store_of(db);
	if (!db->clock_fixed && store->provisional_stamp)
		return store->provisional_stamp(db);
	int64_t now = geopol_now(db);
	if (now <= db->clock_last && !db->clock_fixed)
		now = db->clock_last + 1;
	db->clock_last = now;
	return now;
}

int64_t geopol_recorded_end_of(geopol_date date)
{
	/* Day 0 is 0001-01-01; 1970-01-01 is day 719162. */
	int64_t last = geopol_date_last_day(date);
	return (last - 719162 + 1) * 86400LL * 1000000LL - 1;
}
