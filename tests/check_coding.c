/*
 * check_coding.c - the ranks of codings (lib/store/coding.c): the
 * defaults, setting and replacing a rank, its range and bad arguments.
 */
#include <check.h>

#include "test_util.h"

START_TEST(test_coding__defaults_and_set)
{
	geopol_db *db = tu_open();
	int rank = -1;
	ck_assert_int_eq(geopol_coding_rank(db, "curated", &rank), GEOPOL_OK);
	ck_assert_int_eq(rank, 0);
	ck_assert_int_eq(geopol_coding_rank(db, "cow-igo-3", &rank), GEOPOL_OK);
	ck_assert_int_eq(rank, 100);
	ck_assert_int_eq(geopol_coding_rank_set(db, "cow-igo-3", -5), GEOPOL_OK);
	ck_assert_int_eq(geopol_coding_rank(db, "cow-igo-3", &rank), GEOPOL_OK);
	ck_assert_int_eq(rank, -5);
	/* Set again: replaced. The limits are ranks. */
	ck_assert_int_eq(geopol_coding_rank_set(db, "cow-igo-3", 1000000), GEOPOL_OK);
	ck_assert_int_eq(geopol_coding_rank(db, "cow-igo-3", &rank), GEOPOL_OK);
	ck_assert_int_eq(rank, 1000000);
	ck_assert_int_eq(geopol_coding_rank_set(db, "atop-4", -1000000), GEOPOL_OK);
	ck_assert_int_eq(geopol_coding_rank(db, "atop-4", &rank), GEOPOL_OK);
	ck_assert_int_eq(rank, -1000000);
	geopol_close(db);
}
END_TEST

START_TEST(test_coding__errors)
{
	geopol_db *db = tu_open();
	int64_t rows = tu_total_rows(db);
	ck_assert_int_eq(geopol_coding_rank_set(db, "x", 1000001), GEOPOL_EINVAL);
	ck_assert_str_eq(geopol_errmsg(db), "coding 'x': rank 1000001 is not from -1000000 to 1000000");
	ck_assert_int_eq(geopol_coding_rank_set(db, NULL, 1), GEOPOL_EINVAL);
	ck_assert_str_eq(geopol_errmsg(db), "coding: a name is required");
	ck_assert_int_eq(geopol_coding_rank_set(db, "", 1), GEOPOL_EINVAL);
	ck_assert_int_eq(geopol_coding_rank_set(db, "bad\xC0\xAF", 1), GEOPOL_EINVAL);
	ck_assert_int_eq(tu_total_rows(db), rows);
	int rank;
	ck_assert_int_eq(geopol_coding_rank(db, NULL, &rank), GEOPOL_EINVAL);
	ck_assert_int_eq(geopol_coding_rank(db, "x", NULL), GEOPOL_EMISUSE);
	ck_assert_int_eq(geopol_coding_rank(NULL, "x", &rank), GEOPOL_EMISUSE);
	ck_assert_int_eq(geopol_coding_rank_set(NULL, "x", 1), GEOPOL_EMISUSE);
	geopol_close(db);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("coding");
	TCase *core = tcase_create("core");
	tcase_add_test(core, test_coding__defaults_and_set);
	suite_add_tcase(s, core);
	TCase *errors = tcase_create("errors");
	tcase_add_test(errors, test_coding__errors);
	suite_add_tcase(s, errors);
	return tu_run(s);
}
