/*
 * check_params.c - a question's options and SQL parameters
 * (lib/store/params.c): the defaults of a NULL or zeroed geopol_query, a
 * version 1 struct read without the fields it does not have, the errors of
 * bad stages, of a coding with all the codings and of an unknown version;
 * which memberships a question sees; and every named parameter bound from
 * a gp_params (0 ids as NULL), a name it lacks refused by name.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "test_util.h"
#include "store/params.h"

START_TEST(test_params_defaults__null_and_zeroed)
{
	geopol_db *db = tu_open();
	gp_q q;
	ck_assert_int_eq(gp_query_defaults(db, &q, NULL), GEOPOL_OK);
	ck_assert_uint_eq(q.flags, 0);
	ck_assert_int_eq(q.current, 1);
	ck_assert_int_eq(q.known_at, GP_K_CURRENT);
	ck_assert_str_eq(q.lang, "en");
	ck_assert_uint_eq(q.stages, GEOPOL_STAGES_DE_JURE);
	ck_assert_ptr_null(q.coding);
	ck_assert_int_eq(q.shadow, 0); /* no coded row: nothing to outrank */
	ck_assert_int_eq(q.plain, 1);
	geopol_query in = GEOPOL_QUERY_INIT;
	in.known_at = 12345;
	in.lang = "ru";
	in.flags = GEOPOL_DEFINITE_ONLY;
	in.stages = GEOPOL_STAGES_ALL;
	in.coding = "";
	ck_assert_int_eq(gp_query_defaults(db, &q, &in), GEOPOL_OK);
	ck_assert_int_eq(q.current, 0);
	ck_assert_int_eq(q.known_at, 12345);
	ck_assert_str_eq(q.lang, "ru");
	ck_assert_uint_eq(q.flags, GEOPOL_DEFINITE_ONLY);
	ck_assert_uint_eq(q.stages, GEOPOL_STAGES_ALL);
	ck_assert_ptr_null(q.coding); /* "" is no coding */
	ck_assert_int_eq(q.plain, 0);
	geopol_close(db);
}
END_TEST

START_TEST(test_params_defaults__version_1_ignores_later_fields)
{
	geopol_db *db = tu_open();
	geopol_query in = GEOPOL_QUERY_INIT;
	in.version = 1;
	in.stages = 0xFFFF0000u; /* past a version 1 struct: not read */
	in.coding = "cow-igo-3";
	gp_q q;
	ck_assert_int_eq(gp_query_defaults(db, &q, &in), GEOPOL_OK);
	ck_assert_uint_eq(q.stages, GEOPOL_STAGES_DE_JURE);
	ck_assert_ptr_null(q.coding);
	geopol_close(db);
}
END_TEST

START_TEST(test_params_defaults__errors)
{
	geopol_db *db = tu_open();
	gp_q q;
	geopol_query in = GEOPOL_QUERY_INIT;
	in.stages = 1u << 9;
	ck_assert_int_eq(gp_query_defaults(db, &q, &in), GEOPOL_EINVAL);
	ck_assert_str_eq(geopol_errmsg(db), "geopol_query: stages 0x200: no such stage");
	in.stages = 0;
	in.coding = "curated";
	in.flags = GEOPOL_ALL_CODINGS;
	ck_assert_int_eq(gp_query_defaults(db, &q, &in), GEOPOL_EINVAL);
	ck_assert_str_eq(geopol_errmsg(db), "geopol_query: a coding and all the codings cannot both be asked");
	in.flags = 0;
	in.version = GEOPOL_QUERY_VERSION + 1;
	ck_assert_int_eq(gp_query_defaults(db, &q, &in), GEOPOL_EMISUSE);
	ck_assert_ptr_nonnull(strstr(geopol_errmsg(db), "geopol_query: unknown version"));
	in.version = 0;
	ck_assert_int_eq(gp_query_defaults(db, &q, &in), GEOPOL_EMISUSE);
	geopol_close(db);
}
END_TEST

START_TEST(test_params_visible__stages_and_coding)
{
	gp_q q = {0};
	q.stages = GEOPOL_STAGES_DE_JURE;
	ck_assert_int_eq(gp_membership_visible(&q, GEOPOL_STAGE_IN_FORCE, NULL), 1);
	ck_assert_int_eq(gp_membership_visible(&q, GEOPOL_STAGE_SUSPENDED, "cow-igo-3"), 1);
	ck_assert_int_eq(gp_membership_visible(&q, GEOPOL_STAGE_SIGNED, NULL), 0);
	ck_assert_int_eq(gp_membership_visible(&q, GEOPOL_STAGE_WITHDRAWN, NULL), 0);
	ck_assert_int_eq(gp_membership_visible(&q, 0, NULL), 0);
	ck_assert_int_eq(gp_membership_visible(&q, 8, NULL), 0);
	q.coding = "curated";
	ck_assert_int_eq(gp_membership_visible(&q, GEOPOL_STAGE_IN_FORCE, NULL), 1); /* NULL is curated */
	ck_assert_int_eq(gp_membership_visible(&q, GEOPOL_STAGE_IN_FORCE, "cow-igo-3"), 0);
	q.coding = "cow-igo-3";
	ck_assert_int_eq(gp_membership_visible(&q, GEOPOL_STAGE_IN_FORCE, "cow-igo-3"), 1);
	ck_assert_int_eq(gp_membership_visible(&q, GEOPOL_STAGE_IN_FORCE, NULL), 0);
}
END_TEST

static const char sql_all[] =
	"SELECT :ent, :other, :dlo, :dhi, :d1lo, :d1hi, :d2lo, :d2hi, :k, :limit, :kind, "
	":defonly, :quad, :stages, :cshadow, :after, :type, :text, :lang, :coding";

START_TEST(test_params_bind__every_name)
{
	geopol_db *db = tu_open();
	gp_params p = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, "t", "x", "fr", "c"};
	sqlite3_stmt *st = gp_stmt(db, sql_all);
	ck_assert_ptr_nonnull(st);
	ck_assert_int_eq(gp_bind_params(db, st, &p), GEOPOL_OK);
	ck_assert_int_eq(sqlite3_step(st), SQLITE_ROW);
	for (int i = 0; i < 16; i++)
		ck_assert_int_eq(sqlite3_column_int64(st, i), i + 1);
	ck_assert_str_eq((const char *)sqlite3_column_text(st, 16), "t");
	ck_assert_str_eq((const char *)sqlite3_column_text(st, 17), "x");
	ck_assert_str_eq((const char *)sqlite3_column_text(st, 18), "fr");
	ck_assert_str_eq((const char *)sqlite3_column_text(st, 19), "c");
	/* Zeros: the ids, the kind and the quad class bind NULL, numbers 0;
	 * NULL texts bind NULL. */
	gp_params z = {0};
	st = gp_stmt(db, sql_all);
	ck_assert_int_eq(gp_bind_params(db, st, &z), GEOPOL_OK);
	ck_assert_int_eq(sqlite3_step(st), SQLITE_ROW);
	static const int null_cols[] = {0, 1, 10, 12, 16, 17, 18, 19};
	for (int i = 0; i < 20; i++) {
		int want_null = 0;
		for (size_t j = 0; j < sizeof null_cols / sizeof *null_cols; j++)
			want_null |= null_cols[j] == i;
		ck_assert_msg((sqlite3_column_type(st, i) == SQLITE_NULL) == want_null,
			      "column %d: %s", i, want_null ? "not NULL" : "NULL");
		if (!want_null)
			ck_assert_int_eq(sqlite3_column_int64(st, i), 0);
	}
	sqlite3_reset(st);
	geopol_close(db);
}
END_TEST

static const char sql_unknown[] = "SELECT :ent, :nope";

START_TEST(test_params_bind__unknown_name)
{
	geopol_db *db = tu_open();
	gp_params p = {0};
	sqlite3_stmt *st = gp_stmt(db, sql_unknown);
	ck_assert_int_eq(gp_bind_params(db, st, &p), GEOPOL_EINTERNAL);
	ck_assert_str_eq(geopol_errmsg(db), "internal: cannot bind parameter :nope");
	geopol_close(db);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("params");
	TCase *core = tcase_create("core");
	tcase_add_test(core, test_params_defaults__null_and_zeroed);
	tcase_add_test(core, test_params_defaults__version_1_ignores_later_fields);
	tcase_add_test(core, test_params_visible__stages_and_coding);
	tcase_add_test(core, test_params_bind__every_name);
	suite_add_tcase(s, core);
	TCase *errors = tcase_create("errors");
	tcase_add_test(errors, test_params_defaults__errors);
	tcase_add_test(errors, test_params_bind__unknown_name);
	suite_add_tcase(s, errors);
	return tu_run(s);
}
