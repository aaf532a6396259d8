/* check_date.c - partial ISO dates, day numbers and certainty arithmetic. */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "core/geopol_internal.h"
#include "test_util.h"

static geopol_date D(const char *s)
{
	geopol_date d;
	ck_assert_int_eq(geopol_date_parse(&d, s), GEOPOL_OK);
	return d;
}

static const char *fmt(geopol_date d)
{
	static char buf[GEOPOL_DATE_BUFSIZE];
	geopol_date_format(d, buf, sizeof buf);
	return buf;
}

START_TEST(test_date_parse__round_trip)
{
	const char *ok[] = {"0001-01-01", "1816-01-01", "1991-12-16", "2000-02-29", "2022",
			    "2022-05", "9999-12-31", "1600-02-29"};
	for (size_t i = 0; i < sizeof ok / sizeof ok[0]; i++)
		ck_assert_str_eq(fmt(D(ok[i])), ok[i]);
	ck_assert_int_eq(D("0001-01-01").day, 0);
	ck_assert_int_eq(D("0001-01-02").day, 1);
	/* 1970-01-01 is day 719162 of the proleptic Gregorian calendar. */
	ck_assert_int_eq(D("1970-01-01").day, 719162);
	ck_assert_int_eq(D("2022").precision, GEOPOL_DATE_YEAR);
	ck_assert_int_eq(D("2022-05").precision, GEOPOL_DATE_MONTH);
	ck_assert_int_eq(D("2022-05-10").precision, GEOPOL_DATE_DAY);
}
END_TEST

START_TEST(test_date_parse__every_day_round_trips)
{
	/* Every day of 1899..2101 survives day number -> ymd -> day number. */
	geopol_date a = D("1899-01-01"), b = D("2101-12-31");
	for (int32_t d = a.day; d <= b.day; d++) {
		int y, m, dd;
		geopol_date back;
		geopol_date_to_ymd(d, &y, &m, &dd);
		ck_assert_int_eq(geopol_date_from_ymd(&back, y, m, dd), GEOPOL_OK);
		ck_assert_int_eq(back.day, d);
	}
}
END_TEST

/* The civil-from-days formula (era, day of era, year of era), in 64 bits:
 * the reference geopol_date_to_ymd() is held to. */
static void civil_from_days(int32_t day, int *year, int *month, int *mday)
{
	int64_t z = (int64_t)day + 306;
	int64_t era = (z >= 0 ? z : z - 146096) / 146097;
	int64_t doe = z - era * 146097;
	int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	int64_t mp = (5 * doy + 2) / 153;
	int64_t m = mp < 10 ? mp + 3 : mp - 9;
	*year = (int)(yoe + era * 400 + (m <= 2));
	*month = (int)m;
	*mday = (int)(doy - (153 * mp + 2) / 5 + 1);
}

static void same_ymd(int64_t day)
{
	int y, m, d, ry, rm, rd;
	geopol_date_to_ymd((int32_t)day, &y, &m, &d);
	civil_from_days((int32_t)day, &ry, &rm, &rd);
	if (y != ry || m != rm || d != rd) /* ck_assert on every day is slow */
		ck_abort_msg("day %lld: %d-%d-%d, not %d-%d-%d", (long long)day, y, m, d, ry, rm,
			     rd);
}

START_TEST(test_date_parse__ymd_every_day)
{
	/* Every day of 0001-01-01 .. 9999-12-31 and a thousand years around,
	 * then every 9973rd day and the ends of the whole int32_t range. */
	for (int64_t day = -400000; day <= 3652058 + 400000; day++)
		same_ymd(day);
	for (int64_t day = INT32_MIN; day <= INT32_MAX; day += 9973)
		same_ymd(day);
	for (int64_t k = 0; k < 1000; k++) {
		same_ymd(INT32_MIN + k);
		same_ymd(INT32_MAX - k);
	}
}
END_TEST

START_TEST(test_date_parse__last_days)
{
	ck_assert_str_eq(fmt((geopol_date){geopol_date_last_day(D("2022")), 3}), "2022-12-31");
	ck_assert_str_eq(fmt((geopol_date){geopol_date_last_day(D("2024-02")), 3}), "2024-02-29");
	ck_assert_str_eq(fmt((geopol_date){geopol_date_last_day(D("2023-02")), 3}), "2023-02-28");
	ck_assert_int_eq(geopol_date_last_day(D("2022-05-10")), D("2022-05-10").day);
}
END_TEST

START_TEST(test_date_errors__impossible)
{
	const char *bad[] = {"2022-02-30", "2023-02-29", "1900-02-29", "2022-13", "2022-00",
			     "2022-04-31", "0000", "10000", "22", "2022-5-1", "2022-05-1",
			     "2022/05/10", "2022-05-10T00", " 2022", "2022 ", "", "abcd",
			     "2022-05-00", "-2022"};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		geopol_date d = {42, 3};
		ck_assert_msg(geopol_date_parse(&d, bad[i]) == GEOPOL_EINVAL, "accepted '%s'", bad[i]);
	}
	geopol_date d;
	ck_assert_int_eq(geopol_date_parse(&d, NULL), GEOPOL_EINVAL);
	ck_assert_int_eq(geopol_date_from_ymd(&d, 2022, 0, 5), GEOPOL_EINVAL);
	char small[4];
	ck_assert_int_eq(geopol_date_format(D("2022"), small, sizeof small), GEOPOL_EINVAL);
}
END_TEST

START_TEST(test_date_certainty__partial_ends)
{
	/* A membership "since 2015", asked about days. */
	geopol_date from = D("2015"), to = {0, 0};
	int64_t flo = gp_from_lo(from), fhi = gp_from_hi(from);
	int64_t tlo = gp_to_lo(to), thi = gp_to_hi(to);
	ck_assert_int_eq(gp_certainty(flo, fhi, tlo, thi, D("2014-12-31").day, D("2014-12-31").day), 0);
	ck_assert_int_eq(gp_certainty(flo, fhi, tlo, thi, D("2015-01-01").day, D("2015-01-01").day),
			 GEOPOL_POSSIBLE);
	ck_assert_int_eq(gp_certainty(flo, fhi, tlo, thi, D("2015-06-01").day, D("2015-06-01").day),
			 GEOPOL_POSSIBLE);
	/* Whatever day of 2015 it began, it held by 31 December. */
	ck_assert_int_eq(gp_certainty(flo, fhi, tlo, thi, D("2015-12-30").day, D("2015-12-30").day),
			 GEOPOL_POSSIBLE);
	ck_assert_int_eq(gp_certainty(flo, fhi, tlo, thi, D("2015-12-31").day, D("2015-12-31").day),
			 GEOPOL_DEFINITE);
	ck_assert_int_eq(gp_certainty(flo, fhi, tlo, thi, D("2016-01-01").day, D("2016-01-01").day),
			 GEOPOL_DEFINITE);
	/* Ending "2012-12": definite to the end of November, possible in December. */
	from = D("2006-08-16");
	to = D("2012-12");
	flo = gp_from_lo(from), fhi = gp_from_hi(from), tlo = gp_to_lo(to), thi = gp_to_hi(to);
	ck_assert_int_eq(gp_certainty(flo, fhi, tlo, thi, D("2012-11-30").day, D("2012-11-30").day),
			 GEOPOL_DEFINITE);
	ck_assert_int_eq(gp_certainty(flo, fhi, tlo, thi, D("2012-12-01").day, D("2012-12-01").day),
			 GEOPOL_POSSIBLE);
	ck_assert_int_eq(gp_certainty(flo, fhi, tlo, thi, D("2012-12-30").day, D("2012-12-30").day),
			 GEOPOL_POSSIBLE);
	ck_assert_int_eq(gp_certainty(flo, fhi, tlo, thi, D("2012-12-31").day, D("2012-12-31").day), 0);
	/* Asked about a whole year: definite only if it holds all year. */
	ck_assert_int_eq(gp_certainty(flo, fhi, tlo, thi, D("2006").day,
				      geopol_date_last_day(D("2006"))), GEOPOL_POSSIBLE);
	ck_assert_int_eq(gp_certainty(flo, fhi, tlo, thi, D("2007").day,
				      geopol_date_last_day(D("2007"))), GEOPOL_DEFINITE);
}
END_TEST

START_TEST(test_date_limits__range)
{
	geopol_date d;
	ck_assert_int_eq(geopol_date_from_ymd(&d, 1, 1, 1), GEOPOL_OK);
	ck_assert_int_eq(geopol_date_from_ymd(&d, 9999, 12, 31), GEOPOL_OK);
	ck_assert_int_eq(d.day, 3652058);
	ck_assert_int_eq(geopol_date_from_ymd(&d, 0, 12, 31), GEOPOL_EINVAL);
	ck_assert_int_eq(geopol_date_from_ymd(&d, 10000, 1, 1), GEOPOL_EINVAL);
	geopol_date today = geopol_date_today();
	ck_assert_int_eq(today.precision, GEOPOL_DATE_DAY);
	ck_assert_int_gt(today.day, D("2020-01-01").day);
	/* The recorded-time stamp of the end of 1970-01-01 is one microsecond
	 * before the next day. */
	ck_assert(geopol_recorded_end_of(D("1970-01-01")) == 86400LL * 1000000LL - 1);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("date");
	TCase *core = tcase_create("core"), *errors = tcase_create("errors"), *limits = tcase_create("limits");
	tcase_add_test(core, test_date_parse__round_trip);
	tcase_add_test(core, test_date_parse__every_day_round_trips);
	tcase_add_test(core, test_date_parse__ymd_every_day);
	tcase_add_test(core, test_date_parse__last_days);
	tcase_add_test(core, test_date_certainty__partial_ends);
	tcase_add_test(errors, test_date_errors__impossible);
	tcase_add_test(limits, test_date_limits__range);
	suite_add_tcase(s, core);
	suite_add_tcase(s, errors);
	suite_add_tcase(s, limits);
	return tu_run(s);
}
