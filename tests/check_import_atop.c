/*
 * check_import_atop.c - the ATOP importer (atop-member-level.csv, v4.01). Fixtures are cut
 * from the real files (tests/fixtures/); the whole files are read from
 * ../shared/data when it is there.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "test_util.h"
#include "geopol_internal.h"

#define FIX GEOPOL_SOURCE_DIR "/tests/fixtures/"
#define REAL GEOPOL_SHARED_DIR "/data/atop/"

static int import1(geopol_db *db, const char *format, const char *path,
		   const geopol_import_options *o, geopol_import_stats *st)
{
	const char *paths[1] = {path};
	return geopol_import(db, format, paths, 1, o, st);
}

static void ok_import(geopol_db *db, const char *format, const char *path, geopol_import_stats *st)
{
	int rc = import1(db, format, path, NULL, st);
	ck_assert_msg(rc == GEOPOL_OK, "%s %s: %s", format, path, geopol_errmsg(db));
}

static int64_t count(geopol_db *db, const char *sql)
{
	sqlite3_stmt *st;
	ck_assert_int_eq(sqlite3_prepare_v2(db->sql, sql, -1, &st, NULL), SQLITE_OK);
	ck_assert_int_eq(sqlite3_step(st), SQLITE_ROW);
	int64_t n = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return n;
}

static int have_real(const char *file)
{
	char path[512];
	snprintf(path, sizeof path, "%s%s", REAL, file);
	if (access(path, R_OK) == 0)
		return 1;
	fprintf(stderr, "skipped: %s not found (../shared/data absent)\n", path);
	return 0;
}

/* Copy a fixture, replacing the first occurrence of `from` on line `line`
 * by `to`; returns a temporary path (free it, unlink it). */
static char *doctored(const char *fixture, int line, const char *from, const char *to)
{
	FILE *in = fopen(fixture, "r");
	ck_assert_ptr_nonnull(in);
	char *path = strdup("/tmp/geopol-atop-XXXXXX");
	int fd = mkstemp(path);
	ck_assert_int_ge(fd, 0);
	FILE *out = fdopen(fd, "w");
	static char buf[1 << 16];
	int n = 0;
	while (fgets(buf, sizeof buf, in)) {
		char *p;
		if (++n == line && (p = strstr(buf, from))) {
			fwrite(buf, 1, (size_t)(p - buf), out);
			fputs(to, out);
			fputs(p + strlen(from), out);
		} else {
			fputs(buf, out);
		}
	}
	fclose(in);
	fclose(out);
	return path;
}

static int n_reported;
static char last_report[512];
static void on_skip(void *ctx, const char *msg)
{
	(void)ctx;
	n_reported++;
	snprintf(last_report, sizeof last_report, "%s", msg);
}


static char *attrs(geopol_db *db, const char *code)
{
	static char out[256];
	sqlite3_stmt *st;
	out[0] = '\0';
	ck_assert_int_eq(sqlite3_prepare_v2(db->sql, "SELECT a.key || '=' || a.value FROM entity_attr a "
		"JOIN entity e ON e.id = a.entity_id WHERE e.code = ?1 ORDER BY a.key", -1, &st, NULL), SQLITE_OK);
	sqlite3_bind_text(st, 1, code, -1, SQLITE_STATIC);
	while (sqlite3_step(st) == SQLITE_ROW) {
		strcat(out, out[0] ? " " : "");
		strcat(out, (const char *)sqlite3_column_text(st, 0));
	}
	sqlite3_finalize(st);
	return out;
}

START_TEST(test_import_atop__alliance_4220)
{
	geopol_db *db = tu_open();
	geopol_import_stats st;
	ok_import(db, "atop", FIX "atop.csv", &st);
	ck_assert_int_eq(st.rows, 22);
	/* Phase 1 ends and phase 2 begins on 2002-10-07: one row each, no overlap. */
	char *m = tu_members(db, "ATOP:4220", "2002-10-07", 0, 0);
	ck_assert_str_eq(m, "ARM member definite\nBLR member definite\nKAZ member definite\n"
			    "KGZ member definite\nRUS member definite\nTJK member definite");
	free(m);
	m = tu_members(db, "ATOP:4220", "1995-01-01", 0, 0);
	ck_assert_str_eq(m, "ARM member definite\nAZE member definite\nBLR member definite\n"
			    "GEO member definite\nKAZ member definite\nKGZ member definite\n"
			    "RUS member definite\nTJK member definite\nUZB member definite");
	free(m);
	/* Uzbekistan back 2006-08-17 to 2012-06-28 (exit day excluded). */
	m = tu_members(db, "ATOP:4220", "2012-06-27", 0, 0);
	ck_assert_ptr_nonnull(strstr(m, "UZB member definite"));
	free(m);
	m = tu_members(db, "ATOP:4220", "2012-06-28", 0, 0);
	ck_assert_ptr_null(strstr(m, "UZB"));
	free(m);
	ck_assert_str_eq(attrs(db, "ATOP:4220"),
			 "consultation=1 defense=1 neutrality=0 non_aggression=1 offense=0");
	ck_assert_int_eq(count(db, "SELECT count(*) FROM entity WHERE code = 'ATOP:4220' AND kind = 2 "
				   "AND subkind = 'alliance' AND to_prec = 0"), 1);
	ck_assert_int_eq(count(db, "SELECT count(*) FROM entity_xref WHERE scheme = 'atop' AND value = '4220'"), 1);
	/* Phases kept: 16 rows for 4220, each citing atop-4 with its phase. */
	ck_assert_int_eq(count(db, "SELECT count(*) FROM membership m JOIN entity o ON o.id = m.org_id "
				   "JOIN citation c ON c.membership_id = m.id JOIN source s ON s.id = c.source_id "
				   "WHERE o.code = 'ATOP:4220' AND s.code = 'atop-4' AND c.quote LIKE 'ATOP 4220, phase _, member %'"), 16);
	geopol_close(db);
}
END_TEST

START_TEST(test_import_atop__overlapping_phases)
{
	/* ATOP 3610 codes Romania in phases 2 and 3 at once (from 1993-01-01). */
	geopol_db *db = tu_open();
	ok_import(db, "atop", FIX "atop.csv", NULL);
	char *m = tu_members(db, "ATOP:3610", "1993-06-01", 0, 0);
	ck_assert_ptr_nonnull(strstr(m, "ROU member definite\nROU member definite"));
	free(m);
	geopol_close(db);
}
END_TEST

START_TEST(test_import_atop__reimport)
{
	geopol_db *db = tu_open();
	geopol_import_stats st;
	ok_import(db, "atop", FIX "atop.csv", &st);
	int64_t before = tu_total_rows(db);
	ok_import(db, "atop", FIX "atop.csv", &st);
	ck_assert_int_eq(st.added, 0);
	ck_assert_int_eq(tu_total_rows(db), before);
	geopol_close(db);
}
END_TEST

START_TEST(test_import_atop__bad_rows)
{
	/* Line 2 (alliance 3610, Czechoslovakia): entry month 13. */
	char *path = doctored(FIX "atop.csv", 2, ",1968,8,16,", ",1968,13,16,");
	geopol_db *db = tu_open();
	int64_t before = tu_total_rows(db);
	ck_assert_int_eq(import1(db, "atop", path, NULL, NULL), GEOPOL_EINVAL);
	char want[512];
	snprintf(want, sizeof want, "%s:2:yrent: '1968-13-16' is not a date", path);
	ck_assert_str_eq(geopol_errmsg(db), want);
	ck_assert_int_eq(tu_total_rows(db), before);
	/* Skipped instead: reported, counted, the rest imported. */
	geopol_import_options o = GEOPOL_IMPORT_OPTIONS_INIT;
	o.skip_bad_rows = 1;
	o.skipped = on_skip;
	geopol_import_stats st;
	n_reported = 0;
	ck_assert_int_eq(import1(db, "atop", path, &o, &st), GEOPOL_OK);
	ck_assert_int_eq(st.skipped, 1);
	ck_assert_int_eq(n_reported, 1);
	ck_assert_ptr_nonnull(strstr(last_report, ":2:yrent: "));
	char *m = tu_members(db, "ATOP:4220", "2002-10-07", 0, 0);
	ck_assert_ptr_nonnull(strstr(m, "RUS member definite"));
	free(m);
	unlink(path);
	free(path);
	geopol_close(db);
}
END_TEST

START_TEST(test_import_atop__real)
{
	if (!have_real("atop-member-level.csv"))
		return;
	geopol_db *db = tu_open();
	geopol_import_stats st;
	ok_import(db, "atop", REAL "atop-member-level.csv", &st);
	ck_assert_int_eq(st.rows, 2398);
	ck_assert_int_eq(count(db, "SELECT count(*) FROM entity WHERE code LIKE 'ATOP:%'"), 745);
	char *m = tu_members(db, "ATOP:4220", "2002-10-07", 0, 0);
	ck_assert_str_eq(m, "ARM member definite\nBLR member definite\nKAZ member definite\n"
			    "KGZ member definite\nRUS member definite\nTJK member definite");
	free(m);
	ck_assert_int_eq(count(db, "SELECT count(*) FROM membership WHERE coding LIKE 'atop-4 phase %'"), 2398);
	int64_t before = tu_total_rows(db);
	ok_import(db, "atop", REAL "atop-member-level.csv", &st);
	ck_assert_int_eq(st.added, 0);
	ck_assert_int_eq(tu_total_rows(db), before);
	geopol_close(db);
}
END_TEST

static Suite *suite(void)
{
	Suite *s = suite_create("import_atop");
	TCase *core = tcase_create("core");
	tcase_add_test(core, test_import_atop__alliance_4220);
	tcase_add_test(core, test_import_atop__overlapping_phases);
	tcase_add_test(core, test_import_atop__reimport);
	suite_add_tcase(s, core);
	TCase *errors = tcase_create("errors");
	tcase_add_test(errors, test_import_atop__bad_rows);
	suite_add_tcase(s, errors);
	TCase *limits = tcase_create("limits");
	tcase_set_timeout(limits, 120);
	tcase_add_test(limits, test_import_atop__real);
	suite_add_tcase(s, limits);
	return s;
}

int main(void)
{
	SRunner *sr = srunner_create(suite());
	srunner_run_all(sr, CK_NORMAL);
	int failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
