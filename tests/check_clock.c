/*
 * check_clock.c - recorded time (lib/store/clock.c): the handle's clock
 * is the real time unless geopol_set_clock fixed it (0 returns it to real
 * time); stamps of writes strictly increase on a handle in real time, even
 * after a fixed clock ran ahead; a fixed clock stamps every write with its
 * value; the recorded end of a day, a month and a year.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "test_util.h"
#include "core/geopol_internal.h"

START_TEST(test_clock__real_and_fixed)
{
	geopol_db *db = tu_open();
	int64_t before = gp_clock_real();
	int64_t now = geopol_now(db);
	int64_t after = gp_clock_real();
	ck_assert_int_ge(now, before);
	ck_assert_int_le(now, after);
	/* Microseconds since 1970: after 2020-01-01, before 2100-01-01. */
	ck_assert_int_gt(now, 1577836800LL * 1000000);
	ck_assert_int_lt(now, 4102444800LL * 1000000);
	geopol_set_clock(db, 1234567);
	ck_assert_int_eq(geopol_now(db), 1234567);
	ck_assert_int_eq(geopol_now(db), 1234567);
	geopol_set_clock(db, 0);
	ck_assert_int_ge(geopol_now(db), after);
	/* No handle: the real clock; setting it is harmless. */
	geopol_set_clock(NULL, 5);
	ck_assert_int_ge(geopol_now(NULL), after);
	geopol_close(db);
}
END_TEST

START_TEST(test_clock__stamps_strictly_increase)
{
	geopol_db *db = tu_open();
	int64_t last = gp_stamp(db);
	for (int i = 0; i < 10000; i++) {
		int64_t s = gp_stamp(db);
		ck_assert_int_gt(s, last);
		last = s;
	}
	/* A fixed clock gives its value to every stamp, behind or not. */
	geopol_set_clock(db, 1000);
	ck_assert_int_eq(gp_stamp(db), 1000);
	ck_assert_int_eq(gp_stamp(db), 1000);
	/* Back in real time after a clock far ahead: the next stamps still
	 * come after the last one handed out. */
	int64_t ahead = gp_clock_real() + 3600LL * 1000000;
	geopol_set_clock(db, ahead);
	ck_assert_int_eq(gp_stamp(db), ahead);
	geopol_set_clock(db, 0);
	ck_assert_int_eq(gp_stamp(db), ahead + 1);
	ck_assert_int_eq(gp_stamp(db), ahead + 2);
	geopol_close(db);
}
END_TEST

START_TEST(test_clock__writes_are_stamped)
{
	geopol_db *db = tu_open();
	geopol_set_clock(db, 1700000000LL * 1000000);
	geopol_entity_spec e = GEOPOL_ENTITY_SPEC_INIT;
	e.kind = GEOPOL_KIND_STATE;
	e.code = "AAA";
	ck_assert_int_eq(geopol_entity_add(db, &e), GEOPOL_OK);
	ck_assert_int_eq(tu_count(db, "SELECT count(*) FROM entity WHERE code = 'AAA' AND rec_from = 1700000000000000"),
			 1);
	geopol_close(db);
}
END_TEST

static int64_t end_of(const char *date)
{
	return geopol_recorded_end_of(tu_date(date));
}

START_TEST(test_clock__recorded_end_of)
{
	/* The last microsecond of the day, the month, the year (UTC). */
	ck_assert_int_eq(end_of("1970-01-01"), 86400LL * 1000000 - 1);
	ck_assert_int_eq(end_of("1970-01"), 31 * 86400LL * 1000000 - 1);
	ck_assert_int_eq(end_of("1970"), 365 * 86400LL * 1000000 - 1);
	ck_assert_int_eq(end_of("2024-02"), (1709251200LL - 0) * 1000000 - 1); /* 2024-03-01T00:00Z */
	ck_assert_int_eq(end_of("1969-12-31"), -1);
	ck_assert_int_eq(end_of("2022-01-06"), 1641513600LL * 1000000 - 1);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("clock");
	TCase *core = tcase_create("core");
	tcase_add_test(core, test_clock__real_and_fixed);
	tcase_add_test(core, test_clock__stamps_strictly_increase);
	tcase_add_test(core, test_clock__writes_are_stamped);
	tcase_add_test(core, test_clock__recorded_end_of);
	suite_add_tcase(s, core);
	return tu_run(s);
}
