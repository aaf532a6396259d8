/*
 * check_plans.c - EXPLAIN QUERY PLAN of every hot query (issue 7): an index
 * that stops being used fails here, not in a benchmark nobody reads. The
 * read queries are the library's own text (lib/store/sql_internal.h); the write
 * checks are fact.c's, copied below (see the note there).
 */
#include "store/sql_internal.h"
#include "store/sqlite_internal.h"

#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "test_util.h"

/* The plan of a statement, one detail line each, "\n"-joined. */
static char *plan_of(geopol_db *db, const char *sql)
{
	char *q = sqlite3_mprintf("EXPLAIN QUERY PLAN %s", sql);
	sqlite3_stmt *st = NULL;
	ck_assert_msg(sqlite3_prepare_v2(db->sql, q, -1, &st, NULL) == SQLITE_OK, "%s: %s", sql,
		      sqlite3_errmsg(db->sql));
	sqlite3_free(q);
	size_t cap = 4096, len = 0;
	char *out = calloc(1, cap);
	while (sqlite3_step(st) == SQLITE_ROW) {
		const char *d = (const char *)sqlite3_column_text(st, 3);
		size_t n = strlen(d);
		if (len + n + 2 > cap) {
			cap = (len + n + 2) * 2;
			out = realloc(out, cap);
		}
		memcpy(out + len, d, n);
		len += n;
		out[len++] = '\n';
		out[len] = '\0';
	}
	sqlite3_finalize(st);
	return out;
}

static geopol_db *db;

static void setup(void)
{
	ck_assert_int_eq(geopol_open(&db, ":memory:", NULL), GEOPOL_OK);
}

static void teardown(void)
{
	geopol_close(db);
	db = NULL;
}

/* Every `want` line must be in the plan; no `bad` substring may be. */
static void check_plan(const char *what, const char *sql, const char *const *want,
		       const char *const *bad)
{
	char *plan = plan_of(db, sql);
	for (; want && *want; want++)
		ck_assert_msg(strstr(plan, *want), "%s: expected \"%s\" in the plan:\n%s", what, *want, plan);
	for (; bad && *bad; bad++)
		ck_assert_msg(!strstr(plan, *bad), "%s: unexpected \"%s\" in the plan:\n%s", what, *bad, plan);
	free(plan);
}

/* Scanning a fact table whole is what the interval indexes exist to avoid. */
static const char *const no_scan[] = {"SCAN m\n", "SCAN r\n", "SCAN membership\n",
				      "SCAN relation\n", "SCAN x\n", "SCAN e\n", NULL};

START_TEST(test_plans_query__members)
{
	const char *const want[] = {"SEARCH m USING INDEX membership_org_at (org_id=? AND to_hi>?)",
				    "SEARCH e USING INTEGER PRIMARY KEY (rowid=?)", NULL};
	check_plan("members", GP_SQL_MEMBERS, want, no_scan);
}
END_TEST

START_TEST(test_plans_query__memberships)
{
	const char *const want[] = {
		"SEARCH m USING INDEX membership_member_at (member_id=? AND to_hi>?)",
		"SEARCH o USING INTEGER PRIMARY KEY (rowid=?)", NULL};
	check_plan("memberships", GP_SQL_MEMBERSHIPS, want, no_scan);
}
END_TEST

START_TEST(test_plans_query__common)
{
	const char *const want[] = {
		"SEARCH m USING INDEX membership_member_at (member_id=? AND to_hi>?)",
		"SEARCH mb USING INDEX membership_", NULL};
	check_plan("common", GP_SQL_COMMON, want, no_scan);
}
END_TEST

START_TEST(test_plans_query__relations)
{
	const char *const want[] = {"SEARCH r USING INDEX relation_a_at (a_id=? AND to_hi>?)",
				    "SEARCH r USING INDEX relation_b_at (b_id=? AND to_hi>?)", NULL};
	check_plan("relations of one", GP_SQL_RELATIONS_ONE, want, no_scan);
	const char *const want2[] = {"SEARCH r USING INDEX relation_", "_id=? AND to_hi>?)", NULL};
	check_plan("relations of two", GP_SQL_RELATIONS_TWO, want2, no_scan);
}
END_TEST

START_TEST(test_plans_graph__edges)
{
	const char *const want[] = {"SEARCH m USING INDEX membership_org_at (org_id=? AND to_hi>?)",
				    "SEARCH m USING INDEX membership_member_at (member_id=? AND to_hi>?)",
				    "SEARCH r USING INDEX relation_a_at (a_id=? AND to_hi>?)",
				    "SEARCH r USING INDEX relation_b_at (b_id=? AND to_hi>?)", NULL};
	check_plan("neighbour edges", GP_SQL_EDGES, want, no_scan);
}
END_TEST

START_TEST(test_plans_diff__subqueries)
{
	/* Covering (schema 007): no table lookup per candidate row. */
	const char *const want_m[] = {
		"SEARCH x USING COVERING INDEX membership_pair (org_id=? AND member_id=? AND role=?", NULL};
	check_plan("diff joined", GP_SQL_DIFF_JOINED, want_m, NULL);
	check_plan("diff left", GP_SQL_DIFF_LEFT, want_m, NULL);
	const char *const want_r[] = {
		"SEARCH x USING COVERING INDEX relation_pair (a_id=? AND b_id=? AND type=?", NULL};
	check_plan("diff started", GP_SQL_DIFF_STARTED, want_r, NULL);
	check_plan("diff ended", GP_SQL_DIFF_ENDED, want_r, NULL);
	/* Schema 013: the events' columns from the covering index, in its
	 * order (no sort), the year before D1 dropped in the index. */
	const char *const want_e[] = {
		"SEARCH e USING COVERING INDEX event_window (from_lo>? AND from_lo<?)", NULL};
	const char *const no_sort[] = {"SCAN e\n", "TEMP B-TREE", NULL};
	check_plan("diff events", GP_SQL_DIFF_EVENTS, want_e, no_sort);
	check_plan("diff event rows", GP_SQL_DIFF_EVENT_ROWS, want_e, no_sort);
}
END_TEST

/* A chunk of a window's events: its actors, fields and titles read by
 * row id, one search each, no scan of the tables. */
START_TEST(test_plans_event_window__by_id)
{
	const char *const no_scan_e[] = {"SCAN a\n", "SCAN d\n", "SCAN t\n", "SCAN x\n",
					"TEMP B-TREE", NULL};
	const char *const want_a[] = {"SEARCH a USING PRIMARY KEY (event_id=?)", NULL};
	check_plan("window actors", gp_event_window_sql_actors, want_a, no_scan_e);
	const char *const want_d[] = {"SEARCH d USING INTEGER PRIMARY KEY (rowid=?)", NULL};
	check_plan("window details", gp_event_window_sql_details, want_d, no_scan_e);
	const char *const want_t[] = {"SEARCH t USING PRIMARY KEY (event_id=? AND lang=?)",
				      "SEARCH x USING PRIMARY KEY (event_id=?)", NULL};
	check_plan("window texts", gp_event_window_sql_texts, want_t, NULL);
}
END_TEST

/* The checks every write makes (lib/store/fact.c). fact.c keeps its literals;
 * these are copies of its text, kept in step by hand until fact.c takes
 * them from sql_internal.h. Each must probe one pair, not a whole key. */
static const char fact_membership_overlap[] =
	"SELECT fact_id, from_lo = ?4 AND from_prec = ?5 AND to_lo = ?6 AND to_prec = ?7 "
	"FROM membership WHERE org_id = ?1 AND member_id = ?2 AND role = ?3 "
	"AND rec_to = 9223372036854775807 AND fact_id IS NOT ?10 "
	"AND from_hi < ?8 AND ?9 < to_lo LIMIT 1";
static const char fact_relation_duplicate[] =
	"SELECT fact_id FROM relation WHERE type = ?3 AND rec_to = 9223372036854775807"
	" AND ((a_id = ?1 AND b_id = ?2) OR (?8 = 0 AND a_id = ?2 AND b_id = ?1))"
	" AND from_lo = ?4 AND from_prec = ?5 AND to_lo = ?6 AND to_prec = ?7"
	" AND attrs IS json(?9) LIMIT 1";
static const char fact_event_ext[] =
	"SELECT fact_id FROM event WHERE ext_id = ?1 AND rec_to = 9223372036854775807";

START_TEST(test_plans_fact__write_checks)
{
	const char *const want_m[] = {
		"SEARCH membership USING INDEX membership_pair (org_id=? AND member_id=? AND role=? AND rec_to=?)",
		NULL};
	check_plan("membership overlap check", fact_membership_overlap, want_m, no_scan);
	const char *const want_r[] = {
		"SEARCH relation USING INDEX relation_pair (a_id=? AND b_id=? AND type=? AND from_lo=?)", NULL};
	check_plan("relation duplicate check", fact_relation_duplicate, want_r, no_scan);
	const char *const want_e[] = {"SEARCH event USING INDEX event_ext (ext_id=? AND rec_to=?)", NULL};
	check_plan("event id check", fact_event_ext, want_e, no_scan);
}
END_TEST

static Suite *plans_suite(void)
{
	Suite *s = suite_create("plans");
	TCase *tc = tcase_create("core");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_plans_query__members);
	tcase_add_test(tc, test_plans_query__memberships);
	tcase_add_test(tc, test_plans_query__common);
	tcase_add_test(tc, test_plans_query__relations);
	tcase_add_test(tc, test_plans_graph__edges);
	tcase_add_test(tc, test_plans_diff__subqueries);
	tcase_add_test(tc, test_plans_event_window__by_id);
	tcase_add_test(tc, test_plans_fact__write_checks);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	return tu_run(plans_suite());
}
