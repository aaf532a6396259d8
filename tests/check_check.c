/*
 * check_check.c - geopol_check(): each rule finds the defect it is for,
 * names the record and says why, finds nothing in data without it, and
 * writes nothing.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "test_util.h"

static geopol_db *db;

static void setup(void)
{
	db = tu_open();
}

static void teardown(void)
{
	geopol_close(db);
	db = NULL;
}

/* Findings as "severity rule record: message" lines. */
typedef struct found {
	char text[8192];
} found;

static void collect(void *ctx, const geopol_finding *f)
{
	found *out = ctx;
	size_t n = strlen(out->text);
	snprintf(out->text + n, sizeof out->text - n, "%s %s %s: %s\n",
		 f->severity == GEOPOL_CHECK_ERROR ? "error" : "warning", f->rule, f->record, f->message);
}

static geopol_check_stats run(found *out, const char *const *dirs)
{
	geopol_check_options o = GEOPOL_CHECK_OPTIONS_INIT;
	o.finding = collect;
	o.ctx = out;
	o.file_dirs = dirs;
	out->text[0] = '\0';
	geopol_check_stats st;
	ck_assert_int_eq(geopol_check(db, &o, &st), GEOPOL_OK);
	return st;
}

static void load(const char *body)
{
	char json[8192];
	snprintf(json, sizeof json, "{\"format\":\"geopol-dataset\",\"version\":1,%s}", body);
	int rc = tu_import(db, json);
	ck_assert_msg(rc == GEOPOL_OK, "import: %s", geopol_errmsg(db));
}

static long long fact(const char *sql)
{
	return (long long)tu_count(db, sql);
}

#define STATES \
	"\"entities\":[{\"code\":\"NATO\",\"kind\":\"organization\",\"from\":\"1949-08-24\"}," \
	"{\"code\":\"DEU\",\"kind\":\"state\",\"from\":\"1990-10-03\"}," \
	"{\"code\":\"SUN\",\"kind\":\"state\",\"from\":\"1922-12-30\",\"to\":\"1991-12-26\"}," \
	"{\"code\":\"FRA\",\"kind\":\"state\"}]"

/* The audit's Germany: in NATO from 1955 while the entity starts in 1990. */
START_TEST(test_check_life__before_the_state)
{
	load(STATES ",\"memberships\":[{\"org\":\"NATO\",\"member\":\"DEU\",\"from\":\"1955-05-06\"},"
	     "{\"org\":\"NATO\",\"member\":\"FRA\",\"from\":\"1949-08-24\"}]");
	found f;
	geopol_check_stats st = run(&f, NULL);
	char want[512];
	snprintf(want, sizeof want,
		 "error life membership %lld: DEU in NATO as member [1955-05-06, open): "
		 "starts 1955-05-06, before DEU exists (from 1990-10-03)\n",
		 fact("SELECT m.fact_id FROM membership m JOIN entity e ON e.id = m.member_id WHERE e.code = 'DEU'"));
	ck_assert_str_eq(f.text, want);
	ck_assert_uint_eq(st.errors, 1);
	ck_assert_uint_eq(st.warnings, 0);
}
END_TEST

/* A row still in force for a state that has ended; an open start ("since
 * the entity began") and a row that ends with the state are fine. */
START_TEST(test_check_life__after_the_state)
{
	load(STATES ",\"memberships\":[{\"org\":\"NATO\",\"member\":\"SUN\",\"from\":\"1950\"},"
	     "{\"org\":\"NATO\",\"member\":\"DEU\",\"role\":\"observer\",\"to\":\"1991-12-26\"}],"
	     "\"relations\":[{\"a\":\"FRA\",\"b\":\"SUN\",\"type\":\"treaty\",\"from\":\"1966\",\"to\":\"1992-01-01\"},"
	     "{\"a\":\"FRA\",\"b\":\"SUN\",\"type\":\"border\",\"to\":\"1991-12-26\"}]");
	found f;
	geopol_check_stats st = run(&f, NULL);
	char want[1024];
	snprintf(want, sizeof want,
		 "error life membership %lld: SUN in NATO as member [1950, open): "
		 "is still in force, but SUN ended (1991-12-26)\n"
		 "error life relation %lld: FRA treaty SUN [1966, 1992-01-01): "
		 "ends 1992-01-01, after SUN ended (1991-12-26)\n",
		 fact("SELECT m.fact_id FROM membership m JOIN entity e ON e.id = m.member_id WHERE e.code = 'SUN'"),
		 fact("SELECT fact_id FROM relation WHERE type = 'treaty'"));
	ck_assert_str_eq(f.text, want);
	ck_assert_uint_eq(st.errors, 2);
}
END_TEST

/* A succession links a state to one that has ended: not a finding. */
START_TEST(test_check_life__successions_left_out)
{
	load(STATES ",\"relations\":[{\"a\":\"DEU\",\"b\":\"SUN\",\"type\":\"successor_of\",\"from\":\"1991-12-26\"}]");
	found f;
	geopol_check_stats st = run(&f, NULL);
	ck_assert_str_eq(f.text, "");
	ck_assert_uint_eq(st.errors, 0);
}
END_TEST

/* The audit's Moldova: the Maldives' Arabic name. Names only clash when both
 * entities and both names hold on a same day, and within one kind. */
START_TEST(test_check_name_clash)
{
	load("\"entities\":["
	     "{\"code\":\"MDA\",\"kind\":\"state\",\"names\":[{\"text\":\"المالديف\",\"lang\":\"ar\",\"kind\":\"alias\"}]},"
	     "{\"code\":\"MDV\",\"kind\":\"state\",\"names\":[{\"text\":\"المالديف\",\"lang\":\"ar\",\"kind\":\"short\"},"
	     "  {\"text\":\"Maldives\",\"lang\":\"en\",\"kind\":\"short\"}]},"
	     "{\"code\":\"MDVX\",\"kind\":\"other\",\"names\":[{\"text\":\"Maldives\",\"lang\":\"en\",\"kind\":\"short\"}]},"
	     "{\"code\":\"DDR\",\"kind\":\"state\",\"to\":\"1990-10-03\",\"names\":[{\"text\":\"Germany\",\"lang\":\"en\",\"kind\":\"alias\"}]},"
	     "{\"code\":\"DEU\",\"kind\":\"state\",\"from\":\"1990-10-03\",\"names\":[{\"text\":\"GERMANY\",\"lang\":\"en\",\"kind\":\"short\"},"
	     "  {\"text\":\"Bonn\",\"lang\":\"de\",\"kind\":\"alias\",\"to\":\"1991\"}]},"
	     "{\"code\":\"BON\",\"kind\":\"state\",\"names\":[{\"text\":\"Bonn\",\"lang\":\"de\",\"kind\":\"alias\",\"from\":\"1995\"}]}]");
	found f;
	geopol_check_stats st = run(&f, NULL);
	char want[512];
	snprintf(want, sizeof want,
		 "error name-clash name %lld of MDA (ar) \"المالديف\": name %lld of MDV, \"المالديف\", "
		 "is the same name in the same language at the same time\n",
		 fact("SELECT n.fact_id FROM name n JOIN entity x ON x.id = n.entity_id WHERE x.code = 'MDA'"),
		 fact("SELECT n.fact_id FROM name n JOIN entity x ON x.id = n.entity_id WHERE x.code = 'MDV' AND n.lang = 'ar'"));
	ck_assert_str_eq(f.text, want);
	ck_assert_uint_eq(st.errors, 1);
}
END_TEST

#define CSTO \
	"\"entities\":[{\"code\":\"CSTO\",\"kind\":\"organization\"},{\"code\":\"UZB\",\"kind\":\"state\"}]"

/* Two rows of one coding on the same days, reported once; rows that meet
 * at a boundary day (half-open) do not overlap. */
START_TEST(test_check_overlap)
{
	load(CSTO ",\"memberships\":["
	     "{\"org\":\"CSTO\",\"member\":\"UZB\",\"role\":\"member\",\"from\":\"2006-08-16\",\"to\":\"2012-12-19\"},"
	     "{\"org\":\"CSTO\",\"member\":\"UZB\",\"role\":\"observer\",\"from\":\"2012-01-01\",\"to\":\"2013-01-01\"},"
	     "{\"org\":\"CSTO\",\"member\":\"UZB\",\"role\":\"partner\",\"from\":\"2013-01-01\"}]");
	found f;
	geopol_check_stats st = run(&f, NULL);
	char want[512];
	snprintf(want, sizeof want,
		 "error overlap membership %lld: UZB in CSTO as member [2006-08-16, 2012-12-19): holds on the same "
		 "days as membership %lld (observer [2012-01-01, 2013-01-01)) of the curated coding\n",
		 fact("SELECT fact_id FROM membership WHERE role = 2"), fact("SELECT fact_id FROM membership WHERE role = 4"));
	ck_assert_str_eq(f.text, want);
	ck_assert_uint_eq(st.errors, 1);
}
END_TEST

/* The audit's Uzbekistan as it was: a suspension from the request of
 * 2012-06-28 beside the member row to 2012-12-19. Fixed, it is clean. */
START_TEST(test_check_suspended)
{
	load(CSTO ",\"memberships\":["
	     "{\"org\":\"CSTO\",\"member\":\"UZB\",\"role\":\"member\",\"from\":\"2006-08-16\",\"to\":\"2012-12-19\"},"
	     "{\"org\":\"CSTO\",\"member\":\"UZB\",\"role\":\"suspended\",\"from\":\"2012-06-28\",\"to\":\"2012-12-19\"}]");
	found f;
	geopol_check_stats st = run(&f, NULL);
	char want[512];
	snprintf(want, sizeof want,
		 "error suspended membership %lld: UZB in CSTO as suspended [2012-06-28, 2012-12-19): a suspension "
		 "while a member: it overlaps membership %lld (member [2006-08-16, 2012-12-19)) of the curated coding\n",
		 fact("SELECT fact_id FROM membership WHERE role = 8"), fact("SELECT fact_id FROM membership WHERE role = 2"));
	ck_assert_str_eq(f.text, want);
	ck_assert_uint_eq(st.errors, 1);

	geopol_close(db);
	db = tu_open();
	load(CSTO ",\"memberships\":["
	     "{\"org\":\"CSTO\",\"member\":\"UZB\",\"role\":\"member\",\"from\":\"2006-08-16\",\"to\":\"2012-12-19\"},"
	     "{\"org\":\"CSTO\",\"member\":\"UZB\",\"role\":\"suspended\",\"from\":\"2012-12-19\"}]");
	st = run(&f, NULL);
	ck_assert_str_eq(f.text, "");
	ck_assert_uint_eq(st.errors, 0);
}
END_TEST

/* Legal stages (schema 9) that follow each other are no defect: a treaty
 * signed before the organization it founds exists, then in force, then a
 * frozen participation. (Rows of one role that overlap, whatever their
 * stage, are refused when they are written.) */
START_TEST(test_check_stages_in_sequence)
{
	load("\"entities\":[{\"code\":\"CSTO\",\"kind\":\"organization\",\"from\":\"2003-09-18\"},"
	     "{\"code\":\"ARM\",\"kind\":\"state\",\"from\":\"1991-09-21\"}],"
	     "\"memberships\":["
	     "{\"org\":\"CSTO\",\"member\":\"ARM\",\"role\":\"founding_member\",\"stage\":\"signed\",\"from\":\"2002-10-07\",\"to\":\"2003-09-18\"},"
	     "{\"org\":\"CSTO\",\"member\":\"ARM\",\"role\":\"founding_member\",\"from\":\"2003-09-18\",\"to\":\"2024-02-22\"},"
	     "{\"org\":\"CSTO\",\"member\":\"ARM\",\"role\":\"founding_member\",\"stage\":\"frozen\",\"from\":\"2024-02-22\"}]");
	found f;
	geopol_check_stats st = run(&f, NULL);
	ck_assert_str_eq(f.text, "");
	ck_assert_uint_eq(st.errors, 0);
	/* Signed before the member itself existed is still a finding. */
	geopol_close(db);
	db = tu_open();
	load("\"entities\":[{\"code\":\"CSTO\",\"kind\":\"organization\",\"from\":\"2003-09-18\"},"
	     "{\"code\":\"ARM\",\"kind\":\"state\",\"from\":\"2002-11-01\"}],"
	     "\"memberships\":["
	     "{\"org\":\"CSTO\",\"member\":\"ARM\",\"role\":\"founding_member\",\"stage\":\"signed\",\"from\":\"2002-10-07\",\"to\":\"2003-09-18\"}]");
	st = run(&f, NULL);
	char want[512];
	snprintf(want, sizeof want, "error life membership %lld: ARM in CSTO as founding_member [2002-10-07, 2003-09-18): "
		 "starts 2002-10-07, before ARM exists (from 2002-11-01)\n", fact("SELECT fact_id FROM membership"));
	ck_assert_str_eq(f.text, want);
}
END_TEST

/* A person without a name in a core language: a warning per language. */
START_TEST(test_check_person_names)
{
	load("\"entities\":[{\"code\":\"putin\",\"kind\":\"person\",\"names\":["
	     "{\"text\":\"Vladimir Putin\",\"lang\":\"en\",\"kind\":\"official\"},"
	     "{\"text\":\"Путин\",\"lang\":\"ru\",\"kind\":\"alias\"}]}]");
	found f;
	geopol_check_stats st = run(&f, NULL);
	ck_assert_str_eq(f.text, "warning person-name person putin: has no name in ar\n"
				 "warning person-name person putin: has no name in kk\n"
				 "warning person-name person putin: has no name in tr\n"
				 "warning person-name person putin: has no name in zh\n");
	ck_assert_uint_eq(st.errors, 0);
	ck_assert_uint_eq(st.warnings, 4);
	/* The caller's own core languages. */
	static const char *const langs[] = {"ru", NULL};
	geopol_check_options o = GEOPOL_CHECK_OPTIONS_INIT;
	o.core_langs = langs;
	ck_assert_int_eq(geopol_check(db, &o, &st), GEOPOL_OK);
	ck_assert_uint_eq(st.warnings, 0);
}
END_TEST

/* A quote that is not in its source's file, when the file is at hand. */
START_TEST(test_check_quotes)
{
	char dir[] = "/tmp/geopol-check-XXXXXX";
	ck_assert_ptr_nonnull(mkdtemp(dir));
	char path[256];
	snprintf(path, sizeof path, "%s/seed.txt", dir);
	FILE *fp = fopen(path, "w");
	ck_assert_ptr_nonnull(fp);
	fputs("وصل توكاييف إلى رئاسة كازاخستان في آذار 2019\n", fp);
	fclose(fp);
	load("\"sources\":[{\"code\":\"seed\",\"file\":\"seed.txt\"},{\"code\":\"gone\",\"file\":\"missing.txt\"}],"
	     "\"entities\":[{\"code\":\"tokayev\",\"kind\":\"person\",\"names\":["
	     "{\"text\":\"توكاييف\",\"lang\":\"ar\",\"kind\":\"alias\",\"sources\":["
	     "  {\"source\":\"seed\",\"quote\":\"وصل توكاييف إلى رئاسة كازاخستان\"},"
	     "  {\"source\":\"seed\",\"quote\":\"وصل توكاييف إلى رئاسة كازاخستان في آذار 2020\"},"
	     "  {\"source\":\"gone\",\"quote\":\"anything\"}]}]}]");
	static const char *const langs[] = {"ar", NULL};
	const char *dirs[] = {"/nonexistent", dir, NULL};
	geopol_check_options o = GEOPOL_CHECK_OPTIONS_INIT;
	found f;
	f.text[0] = '\0';
	o.finding = collect;
	o.ctx = &f;
	o.file_dirs = dirs;
	o.core_langs = langs;
	geopol_check_stats st;
	ck_assert_int_eq(geopol_check(db, &o, &st), GEOPOL_OK);
	char want[512];
	snprintf(want, sizeof want,
		 "error quote citation of name %lld of tokayev (ar): the quote \"وصل توكاييف إلى رئاسة كازاخستان في آذار 2020\" "
		 "is not in seed.txt (source seed)\n",
		 fact("SELECT fact_id FROM name"));
	ck_assert_str_eq(f.text, want);
	ck_assert_uint_eq(st.errors, 1);
	ck_assert_uint_eq(st.quotes_checked, 2);
	ck_assert_uint_eq(st.quotes_unchecked, 1);
	unlink(path);
	rmdir(dir);
}
END_TEST

/* The check reads: the database is the same after it, row for row. */
START_TEST(test_check_writes_nothing)
{
	ck_assert_int_eq(tu_import(db, TU_WORLD), GEOPOL_OK);
	char *before = tu_dump(db);
	found f;
	run(&f, NULL);
	char *after = tu_dump(db);
	ck_assert_str_eq(before, after);
	free(before);
	free(after);
}
END_TEST

START_TEST(test_check_errors__bad_version)
{
	geopol_check_options o = GEOPOL_CHECK_OPTIONS_INIT;
	o.version = 99;
	ck_assert_int_eq(geopol_check(db, &o, NULL), GEOPOL_EMISUSE);
	ck_assert_str_eq(geopol_errmsg(db), "geopol_check_options: unknown version 99 (this geopol reads 1 to 1)");
	ck_assert_int_eq(geopol_check(NULL, NULL, NULL), GEOPOL_EINVAL);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("check");
	TCase *tc = tcase_create("core");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_check_life__before_the_state);
	tcase_add_test(tc, test_check_life__after_the_state);
	tcase_add_test(tc, test_check_life__successions_left_out);
	tcase_add_test(tc, test_check_name_clash);
	tcase_add_test(tc, test_check_overlap);
	tcase_add_test(tc, test_check_suspended);
	tcase_add_test(tc, test_check_stages_in_sequence);
	tcase_add_test(tc, test_check_person_names);
	tcase_add_test(tc, test_check_quotes);
	tcase_add_test(tc, test_check_writes_nothing);
	tcase_add_test(tc, test_check_errors__bad_version);
	suite_add_tcase(s, tc);
	return tu_run(s);
}
