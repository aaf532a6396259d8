/*
 * check_import_dataset.c - what the dataset importers share
 * (lib/io/import_dataset.c): a bad row named FILE:LINE:COLUMN, as an error
 * or skipped and reported, with the value's control characters and bad
 * bytes shown as \xHH; a record's shape (field count, NUL byte, UTF-8); a
 * failed write prefixed with FILE:LINE; strict numbers; coded memberships
 * (unchanged, conflicting with nothing written, self-membership); entity
 * attributes never overwritten; a release retracting what it no longer has.
 */
#include <check.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "test_util.h"
#include "io/dataset_internal.h"

static geopol_db *db;
static char path[64];

static void setup(void)
{
	db = tu_open();
	ck_assert_msg(tu_import(db, TU_WORLD) == GEOPOL_OK, "import: %s", geopol_errmsg(db));
	path[0] = '\0';
}

static void teardown(void)
{
	if (path[0])
		unlink(path);
	geopol_close(db);
	db = NULL;
}

/* A reader on a temporary file, at its first record. */
static gp_csv *csv_of(const char *text, size_t len)
{
	strcpy(path, "/tmp/geopol-check-dataset-XXXXXX");
	int fd = mkstemp(path);
	ck_assert_int_ge(fd, 0);
	ck_assert_int_eq(write(fd, text, len), (ssize_t)len);
	close(fd);
	gp_csv *c = NULL;
	ck_assert_msg(gp_csv_new(&c, db, path, 0) == GEOPOL_OK, "%s", geopol_errmsg(db));
	ck_assert_int_eq(gp_csv_next(c), 1);
	return c;
}

static void expect_msg(const char *fmt_tail)
{
	char want[512];
	snprintf(want, sizeof want, "%s:%s", path, fmt_tail);
	ck_assert_str_eq(geopol_errmsg(db), want);
}

/* An error by default; with skip_bad_rows, GP_SKIP, counted and reported
 * in the same words, the database untouched either way. */
START_TEST(test_import_dataset__bad_row)
{
	const char text[] = "code,year\nKAZ,1991\nRUS,19\x01" "9\xff" "2\n";
	gp_csv *c = csv_of(text, sizeof text - 1);
	ck_assert_int_eq(gp_csv_next(c), 1);   /* line 3 */
	geopol_import_stats st;
	memset(&st, 0, sizeof st);
	int64_t before = tu_total_rows(db);
	ck_assert_int_eq(gp_bad_row(c, NULL, &st, "year", "'%s' is no year", c->field[1]),
			 GEOPOL_EINVAL);
	expect_msg("3:year: '19\\x019\\xFF2' is no year");
	ck_assert_int_eq(st.skipped, 0);
	geopol_import_options o = GEOPOL_IMPORT_OPTIONS_INIT;
	o.skip_bad_rows = 1;
	o.skipped = tu_on_skip;
	tu_n_reported = 0;
	ck_assert_int_eq(gp_bad_row(c, &o, &st, "year", "'%s' is no year", c->field[1]), GP_SKIP);
	ck_assert_int_eq(st.skipped, 1);
	ck_assert_int_eq(tu_n_reported, 1);
	char want[512];
	snprintf(want, sizeof want, "%s:3:year: '19\\x019\\xFF2' is no year", path);
	ck_assert_str_eq(tu_last_report, want);
	ck_assert_int_eq(tu_total_rows(db), before);
	gp_csv_free(c);
}
END_TEST

/* Too few or too many fields (a few more allowed for row names), a NUL
 * byte, bytes that are not UTF-8: each names its line and column. */
START_TEST(test_import_dataset__record_shape)
{
	const char text[] = "a,b,c\n1,2\n1,2,3,4\n1,2,3,4,5\n1,x\0y,3\n1,\xc3(,3\n";
	gp_csv *c = csv_of(text, sizeof text - 1);
	ck_assert_int_eq(gp_check_record(c, NULL, NULL, 0, 1), GEOPOL_EINVAL);
	expect_msg("2:c: expected 3 fields, found 2");
	ck_assert_int_eq(gp_csv_next(c), 1);
	ck_assert_int_eq(gp_check_record(c, NULL, NULL, 1, 1), GEOPOL_OK);
	ck_assert_int_eq(gp_check_record(c, NULL, NULL, 0, 1), GEOPOL_EINVAL);
	expect_msg("3:c: expected 3 fields, found 4");
	ck_assert_int_eq(gp_csv_next(c), 1);
	ck_assert_int_eq(gp_check_record(c, NULL, NULL, 1, 1), GEOPOL_EINVAL);
	expect_msg("4:c: expected 3 fields, found 5");
	ck_assert_int_eq(gp_csv_next(c), 1);
	ck_assert_int_eq(gp_check_record(c, NULL, NULL, 0, 1), GEOPOL_EINVAL);
	expect_msg("5:b: a NUL byte inside the field");
	ck_assert_int_eq(gp_csv_next(c), 1);
	ck_assert_int_eq(gp_check_record(c, NULL, NULL, 0, 0), GEOPOL_OK);
	ck_assert_int_eq(gp_check_record(c, NULL, NULL, 0, 1), GEOPOL_EINVAL);
	expect_msg("6:b: not valid UTF-8 (byte 0xC3 at offset 0)");
	gp_csv_free(c);
}
END_TEST

/* A write that failed: its message, prefixed with the file and line. */
START_TEST(test_import_dataset__row_fail)
{
	const char text[] = "org,member\nORG,ORG\n";
	gp_csv *c = csv_of(text, sizeof text - 1);
	int64_t org, src;
	ck_assert_int_eq(gp_entity_id(db, "ORG", "org", &org), GEOPOL_OK);
	ck_assert_int_eq(gp_source_id(db, "treaty", &src), GEOPOL_OK);
	ck_assert_int_eq(gp_savepoint(db), GEOPOL_OK);
	int rc = gp_coded_membership(db, "cow-igo-3", org, "ORG", org, "ORG", GEOPOL_ROLE_MEMBER,
				     tu_date("2000"), tu_date("2001"), src, NULL);
	ck_assert_int_eq(rc, GEOPOL_EINVAL);
	ck_assert_int_eq(gp_row_fail(c, rc), GEOPOL_EINVAL);
	expect_msg("2: 'ORG' cannot be a member of itself");
	ck_assert_int_eq(gp_release(db, rc), GEOPOL_EINVAL);
	gp_csv_free(c);
}
END_TEST

START_TEST(test_import_dataset__strict_numbers)
{
	long i = 7;
	double d = 7;
	ck_assert_int_eq(gp_parse_int("-42", &i), 0);
	ck_assert_int_eq(i, -42);
	static const char *const bad_int[] = {"", "12x", " ", "1.5", "99999999999999999999999"};
	for (size_t k = 0; k < sizeof bad_int / sizeof bad_int[0]; k++)
		ck_assert_msg(gp_parse_int(bad_int[k], &i) == -1, "'%s'", bad_int[k]);
	ck_assert_int_eq(gp_parse_int(NULL, &i), -1);
	ck_assert_int_eq(i, -42);   /* untouched */
	ck_assert_int_eq(gp_parse_double("-3.5e2", &d), 0);
	ck_assert(d == -350.0);
	static const char *const bad_double[] = {"", "1,5", "nan", "inf", "1e999", "2.5 "};
	for (size_t k = 0; k < sizeof bad_double / sizeof bad_double[0]; k++)
		ck_assert_msg(gp_parse_double(bad_double[k], &d) == -1, "'%s'", bad_double[k]);
	ck_assert(d == -350.0);
}
END_TEST

static int64_t id_of(const char *code)
{
	int64_t id;
	ck_assert_int_eq(gp_entity_id(db, code, "entity", &id), GEOPOL_OK);
	return id;
}

static int coded(const char *member, const char *from, const char *to, int64_t src)
{
	return gp_coded_membership(db, "cow-igo-3", id_of("ORG"), "ORG", id_of(member), member,
				   GEOPOL_ROLE_MEMBER, tu_date(from), tu_date(to), src, "row 1");
}

/* The same row again is unchanged; an overlapping other one of the same
 * coding is a conflict naming the stored fact, with nothing written;
 * beside the curated rows, a coding of its own. */
START_TEST(test_import_dataset__coded_membership)
{
	int64_t src;
	ck_assert_int_eq(gp_source_id(db, "treaty", &src), GEOPOL_OK);
	ck_assert_int_eq(gp_savepoint(db), GEOPOL_OK);
	ck_assert_int_eq(coded("AAA", "1995", "2001", src), GEOPOL_OK);
	ck_assert_int_eq(gp_release(db, GEOPOL_OK), GEOPOL_OK);
	int64_t fact = tu_count(db, "SELECT fact_id FROM membership WHERE coding = 'cow-igo-3'");
	ck_assert_int_eq(tu_count(db, "SELECT count(*) FROM citation c JOIN membership m ON "
				  "m.id = c.membership_id WHERE m.coding = 'cow-igo-3' AND "
				  "c.quote = 'row 1'"), 1);
	char *before = tu_dump(db);
	ck_assert_int_eq(gp_savepoint(db), GEOPOL_OK);
	ck_assert_int_eq(coded("AAA", "1995", "2001", src), GP_UNCHANGED);
	int rc = coded("AAA", "1999", "2003", src);
	ck_assert_int_eq(rc, GEOPOL_ECONFLICT);
	char want[256];
	snprintf(want, sizeof want, "membership of 'AAA' in 'ORG' as member overlaps a stored one "
		 "of the same coding cow-igo-3 (fact %lld)", (long long)fact);
	ck_assert_str_eq(geopol_errmsg(db), want);
	ck_assert_int_eq(gp_release(db, rc), GEOPOL_ECONFLICT);
	char *after = tu_dump(db);
	ck_assert_str_eq(after, before);
	free(before);
	free(after);
	/* the curated answer is still the curated one */
	char *got = tu_members(db, "ORG", "2000-06-01", 0, 0);
	ck_assert_str_eq(got, "AAA founding_member definite");
	free(got);
}
END_TEST

/* An attribute's new value closes the old one in recorded time. */
START_TEST(test_import_dataset__entity_attr)
{
	int64_t src, org = id_of("ORG");
	ck_assert_int_eq(gp_source_id(db, "treaty", &src), GEOPOL_OK);
	ck_assert_int_eq(gp_savepoint(db), GEOPOL_OK);
	ck_assert_int_eq(gp_entity_attr_set(db, org, "domain", "security", src), GEOPOL_OK);
	ck_assert_int_eq(gp_entity_attr_set(db, org, "domain", "security", src), GP_UNCHANGED);
	ck_assert_int_eq(gp_release(db, GEOPOL_OK), GEOPOL_OK);
	ck_assert_int_eq(gp_savepoint(db), GEOPOL_OK);
	ck_assert_int_eq(gp_entity_attr_set(db, org, "domain", "economic", src), GP_CORRECTED);
	ck_assert_int_eq(gp_release(db, GEOPOL_OK), GEOPOL_OK);
	ck_assert_int_eq(tu_count(db, "SELECT count(*) FROM entity_attr WHERE key = 'domain'"), 2);
	ck_assert_int_eq(tu_count(db, "SELECT count(*) FROM entity_attr WHERE key = 'domain' AND "
				  "value = 'security' AND rec_to < 9223372036854775807"), 1);
	ck_assert_int_eq(tu_count(db, "SELECT count(*) FROM entity_attr WHERE key = 'domain' AND "
				  "value = 'economic' AND rec_to = 9223372036854775807"), 1);
}
END_TEST

/* A release: the coded rows of its source it did not give again are
 * closed at its stamp, counted as retracted; the curated rows and the
 * rows it gave stay. */
START_TEST(test_import_dataset__release_retracts)
{
	geopol_source_spec spec = GEOPOL_SOURCE_SPEC_INIT;
	spec.code = "cow-igo-test";
	spec.title = "A release";
	int64_t src;
	ck_assert_int_eq(gp_savepoint(db), GEOPOL_OK);
	ck_assert_int_eq(gp_dataset_source(db, &spec, &src), GEOPOL_OK);
	ck_assert_int_eq(coded("AAA", "1995", "2001", src), GEOPOL_OK);
	ck_assert_int_eq(coded("CCC", "2015", "2017", src), GEOPOL_OK);
	ck_assert_int_eq(gp_release(db, GEOPOL_OK), GEOPOL_OK);
	int64_t curated = tu_count(db, "SELECT count(*) FROM membership WHERE coding = 'curated' "
				       "AND rec_to = 9223372036854775807");
	/* the next release gives AAA's row again, not CCC's */
	geopol_import_stats st;
	memset(&st, 0, sizeof st);
	ck_assert_int_eq(gp_savepoint(db), GEOPOL_OK);
	ck_assert_int_eq(gp_release_begin(db), GEOPOL_OK);
	int64_t again;
	ck_assert_int_eq(gp_dataset_source(db, &spec, &again), GEOPOL_OK);
	ck_assert_int_eq(again, src);
	ck_assert_int_eq(coded("AAA", "1995", "2001", src), GP_UNCHANGED);
	ck_assert_int_eq(gp_release_end(db, &st), GEOPOL_OK);
	ck_assert_int_eq(gp_release(db, GEOPOL_OK), GEOPOL_OK);
	ck_assert_int_eq(st.retracted, 1);
	ck_assert_int_eq(tu_count(db, "SELECT count(*) FROM membership m JOIN entity e ON "
				  "e.id = m.member_id WHERE m.coding = 'cow-igo-3' AND "
				  "m.rec_to = 9223372036854775807"), 1);
	ck_assert_int_eq(tu_count(db, "SELECT count(*) FROM membership m JOIN entity e ON "
				  "e.id = m.member_id WHERE m.coding = 'cow-igo-3' AND e.code = 'CCC' "
				  "AND m.rec_to < 9223372036854775807"), 1);
	ck_assert_int_eq(tu_count(db, "SELECT count(*) FROM membership WHERE coding = 'curated' "
				  "AND rec_to = 9223372036854775807"), curated);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("import_dataset");
	TCase *core = tcase_create("core");
	tcase_add_checked_fixture(core, setup, teardown);
	tcase_add_test(core, test_import_dataset__bad_row);
	tcase_add_test(core, test_import_dataset__record_shape);
	tcase_add_test(core, test_import_dataset__row_fail);
	tcase_add_test(core, test_import_dataset__strict_numbers);
	tcase_add_test(core, test_import_dataset__coded_membership);
	tcase_add_test(core, test_import_dataset__entity_attr);
	tcase_add_test(core, test_import_dataset__release_retracts);
	suite_add_tcase(s, core);
	return tu_run(s);
}
