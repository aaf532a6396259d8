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
#include "core/geopol_internal.h"

#define FIX GEOPOL_SOURCE_DIR "/tests/fixtures/"
#define REAL GEOPOL_SHARED_DIR "/data/atop/"

#define have_real(file) tu_have_file(REAL file)




static char *attrs(geopol_db *db, const char *code)
{
	static char out[256];
	char *rows = tu_rows(db, "SELECT a.key || '=' || a.value FROM entity_attr a "
		"JOIN entity e ON e.id = a.entity_id WHERE e.code = $1 ORDER BY a.key", 1,
		(tu_param[]){TU_TEXT(code)});
	out[0] = '\0';
	for (char *line = strtok(rows, "\n"); line; line = strtok(NULL, "\n")) {
		strcat(out, out[0] ? " " : "");
		strcat(out, line);
	}
	free(rows);
	return out;
}

START_TEST(test_import_atop__alliance_4220)
{
	geopol_db *db = tu_open();
	geopol_import_stats st;
	tu_import_ok(db, "atop", FIX "atop.csv", &st);
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
	ck_assert_int_eq(tu_count(db, "SELECT count(*) FROM entity WHERE code = 'ATOP:4220' AND kind = 2 "
				   "AND subkind = 'alliance' AND to_prec = 0"), 1);
	ck_assert_int_eq(tu_count(db, "SELECT count(*) FROM entity_xref WHERE scheme = 'atop' AND value = '4220'"), 1);
	/* Phases kept: 16 rows for 4220, each citing atop-4 with its phase. */
	ck_assert_int_eq(tu_count(db, "SELECT count(*) FROM membership m JOIN entity o ON o.id = m.org_id "
				   "JOIN citation c ON c.membership_id = m.id JOIN source s ON s.id = c.source_id "
				   "WHERE o.code = 'ATOP:4220' AND s.code = 'atop-4' AND c.quote LIKE 'ATOP 4220, phase _, member %'"), 16);
	geopol_close(db);
}
END_TEST

START_TEST(test_import_atop__overlapping_phases)
{
	/* ATOP 3610 codes Romania in phases 2 and 3 at once (from 1993-01-01). */
	geopol_db *db = tu_open();
	tu_import_ok(db, "atop", FIX "atop.csv", NULL);
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
	tu_import_ok(db, "atop", FIX "atop.csv", &st);
	tu_reimport_adds_nothing(db, "atop", FIX "atop.csv");
	geopol_close(db);
}
END_TEST

START_TEST(test_import_atop__bad_rows)
{
	/* Line 2 (alliance 3610, Czechoslovakia): entry month 13. */
	char *path = tu_doctored(FIX "atop.csv", 2, ",1968,8,16,", ",1968,13,16,");
	geopol_db *db = tu_open();
	int64_t before = tu_total_rows(db);
	ck_assert_int_eq(tu_import_file(db, "atop", path, NULL, NULL), GEOPOL_EINVAL);
	char want[512];
	snprintf(want, sizeof want, "%s:2:yrent: '1968-13-16' is not a date", path);
	ck_assert_str_eq(geopol_errmsg(db), want);
	ck_assert_int_eq(tu_total_rows(db), before);
	/* Skipped instead: reported, counted, the rest imported. */
	geopol_import_options o = GEOPOL_IMPORT_OPTIONS_INIT;
	o.skip_bad_rows = 1;
	o.skipped = tu_on_skip;
	geopol_import_stats st;
	tu_n_reported = 0;
	ck_assert_int_eq(tu_import_file(db, "atop", path, &o, &st), GEOPOL_OK);
	ck_assert_int_eq(st.skipped, 1);
	ck_assert_int_eq(tu_n_reported, 1);
	ck_assert_ptr_nonnull(strstr(tu_last_report, ":2:yrent: "));
	char *m = tu_members(db, "ATOP:4220", "2002-10-07", 0, 0);
	ck_assert_ptr_nonnull(strstr(m, "RUS member definite"));
	free(m);
	unlink(path);
	free(path);
	geopol_close(db);
}
END_TEST

/* geopol_pledges as lines ("" for none). */
static char *pledges(geopol_db *db, const char *a, const char *b, const char *obligation,
		     geopol_date at)
{
	geopol_iter *it;
	int rc = geopol_pledges(&it, db, a, b, obligation, at, NULL);
	ck_assert_msg(rc == GEOPOL_OK, "%s", geopol_errmsg(db));
	return tu_lines(it);
}

START_TEST(test_import_atop__member_obligations)
{
	/* ATOP 1110 (1840): GBR, Prussia (255), Austria (300), Russia and
	 * Turkey; Turkey pledges no defense, Prussia and Russia no offense. The
	 * alliance's OR of them says defense and offense for all. */
	geopol_db *db = tu_open();
	tu_import_ok(db, "atop", FIX "atop-1110.csv", NULL);
	geopol_date at = tu_date("1840-08-01");
	geopol_iter *it;
	char *s = pledges(db, "GBR", "TUR", NULL, at);
	ck_assert_str_eq(s, "ATOP:1110 GBR member definite\nATOP:1110 TUR member definite");
	free(s);
	s = pledges(db, "TUR", "GBR", "defense", at);
	ck_assert_str_eq(s, "");
	free(s);
	s = pledges(db, "TUR", "GBR", "offense", at);
	ck_assert_str_eq(s, "ATOP:1110 TUR member definite\nATOP:1110 GBR member definite");
	free(s);
	s = pledges(db, "RUS", "GBR", "offense", at);
	ck_assert_str_eq(s, "");
	free(s);
	/* Before the alliance, nothing. */
	s = pledges(db, "GBR", "TUR", NULL, tu_date("1840-07-14"));
	ck_assert_str_eq(s, "");
	free(s);
	ck_assert_int_eq(geopol_pledges(&it, db, "GBR", "TUR", "friendship", at, NULL), GEOPOL_EINVAL);
	ck_assert_ptr_null(it);
	ck_assert_str_eq(geopol_errmsg(db), "unknown obligation 'friendship' (defense, offense, "
			 "neutrality, non_aggression, consultation)");
	/* Each member's other provisions are kept with its membership. */
	ck_assert_int_eq(tu_count(db, tu_dialect(db,
				  "SELECT count(*) FROM membership_attr WHERE key = 'provisions' "
				  "AND json_extract(value, '$.asymm') = '1'",
				  /* json_extract's text '1' is a JSON string "1" */
				  "SELECT count(*) FROM membership_attr WHERE key = 'provisions' "
				  "AND json_typeof(value::json -> 'asymm') = 'string' "
				  "AND value::json ->> 'asymm' = '1'")), 5);
	/* The alliance-level file: the alliance's provisions, once. */
	geopol_import_stats st;
	tu_import_ok(db, "atop", FIX "atop-alliance-1110.csv", &st);
	ck_assert_int_eq(st.rows, 1);
	ck_assert_int_eq(st.added, 1);
	ck_assert_int_eq(tu_count(db, tu_dialect(db,
				  "SELECT json_extract(a.value, '$.conditio') + 10 * "
				  "json_extract(a.value, '$.begyr') FROM entity_attr a JOIN entity e ON "
				  "e.id = a.entity_id WHERE e.code = 'ATOP:1110' AND a.key = 'provisions'",
				  "SELECT (a.value::json ->> 'conditio')::numeric + 10 * "
				  "(a.value::json ->> 'begyr')::numeric FROM entity_attr a JOIN entity e ON "
				  "e.id = a.entity_id WHERE e.code = 'ATOP:1110' AND a.key = 'provisions'")), 18401);
	tu_import_ok(db, "atop", FIX "atop-alliance-1110.csv", &st);
	ck_assert_int_eq(st.added, 0);
	ck_assert_int_eq(st.unchanged, 1);
	/* Read through the API: the alliance's attributes as one object. */
	char *json = NULL;
	ck_assert_int_eq(geopol_entity_attrs(db, "ATOP:1110", &json), GEOPOL_OK);
	ck_assert_ptr_nonnull(json);
	ck_assert_ptr_nonnull(strstr(json, "{\"consultation\":\"0\",\"defense\":\"1\",\"neutrality\":\"0\","
				     "\"non_aggression\":\"0\",\"offense\":\"1\",\"provisions\":\"{"));
	ck_assert_ptr_nonnull(strstr(json, "\\\"asymm\\\":\\\"1\\\""));
	geopol_free(json);
	ck_assert_int_eq(geopol_entity_attrs(db, "GBR", &json), GEOPOL_OK);
	ck_assert_ptr_null(json);
	geopol_close(db);

	/* An alliance-level row for an alliance not imported stops the import. */
	db = tu_open();
	int64_t before = tu_total_rows(db);
	ck_assert_int_eq(tu_import_file(db, "atop", FIX "atop-alliance-1110.csv", NULL, NULL), GEOPOL_EINVAL);
	ck_assert_str_eq(geopol_errmsg(db), FIX "atop-alliance-1110.csv:2:atopid: alliance 1110 is not "
			 "stored: import the member-level file first");
	ck_assert_int_eq(tu_total_rows(db), before);
	geopol_close(db);
}
END_TEST

START_TEST(test_import_atop__release_obligations)
{
	/* A new ATOP release in which Turkey pledges defense in 1110 too: its
	 * membership gets a new version carrying the new obligations; as known
	 * the day before, Turkey pledged none. */
	char *release = tu_doctored(FIX "atop-1110.csv", 6, ",1,5,3,0,1,0,0,0,", ",1,5,3,1,1,0,0,0,");
	geopol_db *db = tu_open();
	geopol_set_clock(db, geopol_recorded_end_of(tu_date("2025-06-01")));
	tu_import_ok(db, "atop", FIX "atop-1110.csv", NULL);
	geopol_set_clock(db, geopol_recorded_end_of(tu_date("2026-06-01")));
	geopol_import_options o = GEOPOL_IMPORT_OPTIONS_INIT;
	o.release = 1;
	geopol_import_stats st;
	ck_assert_msg(tu_import_file(db, "atop", release, &o, &st) == GEOPOL_OK, "%s", geopol_errmsg(db));
	ck_assert_int_eq(st.added, 0);
	ck_assert_int_eq(st.corrected, 1);
	ck_assert_int_eq(st.retracted, 0);
	geopol_date at = tu_date("1840-08-01");
	geopol_query before = GEOPOL_QUERY_INIT;
	before.known_at = geopol_recorded_end_of(tu_date("2026-05-31"));
	geopol_iter *it;
	ck_assert_int_eq(geopol_pledges(&it, db, "TUR", "GBR", "defense", at, &before), GEOPOL_OK);
	char *s = tu_lines(it);
	ck_assert_str_eq(s, "");
	free(s);
	s = pledges(db, "TUR", "GBR", "defense", at);
	ck_assert_str_eq(s, "ATOP:1110 TUR member definite\nATOP:1110 GBR member definite");
	free(s);
	/* Turkey's membership: one fact, two versions; the others untouched. */
	ck_assert_int_eq(tu_count(db, "SELECT count(DISTINCT fact_id) * 10 + count(*) FROM membership m JOIN "
				  "entity e ON e.id = m.member_id WHERE e.code = 'TUR'"), 12);
	ck_assert_int_eq(tu_count(db, "SELECT count(*) FROM membership"), 6);
	/* The same release again: nothing to do. */
	geopol_set_clock(db, geopol_recorded_end_of(tu_date("2026-07-01")));
	ck_assert_int_eq(tu_import_file(db, "atop", release, &o, &st), GEOPOL_OK);
	ck_assert_int_eq(st.added + st.corrected + st.retracted, 0);
	geopol_close(db);
	unlink(release);
	free(release);
}
END_TEST

START_TEST(test_import_atop__release_alliance_life)
{
	/* A new ATOP release that ends alliance 1110 a month later (every
	 * member's exit 1840-12-27): each membership and the alliance's own
	 * life are corrected in recorded time. */
	char *path = strdup(FIX "atop-1110.csv");
	for (int line = 2; line <= 6; line++) {
		char *next = tu_doctored(path, line, ",1840,7,15,1840,11,27,", ",1840,7,15,1840,12,27,");
		if (line > 2)
			unlink(path);
		free(path);
		path = next;
	}
	geopol_db *db = tu_open();
	geopol_set_clock(db, geopol_recorded_end_of(tu_date("2025-06-01")));
	tu_import_ok(db, "atop", FIX "atop-1110.csv", NULL);
	geopol_set_clock(db, geopol_recorded_end_of(tu_date("2026-06-01")));
	geopol_import_options o = GEOPOL_IMPORT_OPTIONS_INIT;
	o.release = 1;
	geopol_import_stats st;
	ck_assert_msg(tu_import_file(db, "atop", path, &o, &st) == GEOPOL_OK, "%s", geopol_errmsg(db));
	ck_assert_int_eq(st.added, 0);
	ck_assert_int_eq(st.corrected, 5 + 1); /* five memberships, the alliance's life */
	ck_assert_int_eq(st.retracted, 0);
	char *known = tu_life(db, "ATOP:1110", geopol_recorded_end_of(tu_date("2026-05-31")));
	char *now = tu_life(db, "ATOP:1110", 0);
	ck_assert_str_eq(known, "1840-07-15 1840-11-27");
	ck_assert_str_eq(now, "1840-07-15 1840-12-27");
	free(known);
	free(now);
	geopol_close(db);
	unlink(path);
	free(path);
}
END_TEST

START_TEST(test_import_atop__real)
{
	if (!have_real("atop-member-level.csv"))
		return;
	geopol_db *db = tu_open();
	geopol_import_stats st;
	tu_import_ok(db, "atop", REAL "atop-member-level.csv", &st);
	ck_assert_int_eq(st.rows, 2398);
	ck_assert_int_eq(tu_count(db, "SELECT count(*) FROM entity WHERE code LIKE 'ATOP:%'"), 745);
	char *m = tu_members(db, "ATOP:4220", "2002-10-07", 0, 0);
	ck_assert_str_eq(m, "ARM member definite\nBLR member definite\nKAZ member definite\n"
			    "KGZ member definite\nRUS member definite\nTJK member definite");
	free(m);
	ck_assert_int_eq(tu_count(db, "SELECT count(*) FROM membership WHERE coding LIKE 'atop-4 phase %'"), 2398);
	/* Each member's obligations: 64 alliances bind their members differently. */
	ck_assert_int_eq(tu_count(db, "SELECT count(*) FROM (SELECT m.org_id FROM membership m JOIN "
				  "membership_attr a ON a.membership_id = m.id WHERE a.key IN ('defense', "
				  "'offense', 'neutrality', 'non_aggression', 'consultation') GROUP BY m.org_id "
				  "HAVING count(DISTINCT a.key || a.value) > (SELECT count(DISTINCT a2.key) FROM "
				  "membership m2 JOIN membership_attr a2 ON a2.membership_id = m2.id WHERE "
				  "m2.org_id = m.org_id AND a2.key <> 'provisions')) AS bound"), 64);
	tu_reimport_adds_nothing(db, "atop", REAL "atop-member-level.csv");
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
	tcase_add_test(core, test_import_atop__member_obligations);
	tcase_add_test(core, test_import_atop__release_obligations);
	tcase_add_test(core, test_import_atop__release_alliance_life);
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
	return tu_run(suite());
}
