/*
 * check_time.c - time that means what the analyst means (issue 12): the
 * certainty of events over a window, on the window's boundary days.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "test_util.h"
#include "io/export_internal.h"
#include "store/memindex_internal.h"


/* Events dated around January 2022 at every precision; all have actor AAA. */
static const char EVENTS_WORLD[] =
	"{\"format\":\"geopol-dataset\",\"version\":1,"
	"\"entities\":[{\"code\":\"AAA\",\"kind\":\"state\"},{\"code\":\"BBB\",\"kind\":\"state\"}],"
	"\"relations\":["
	" {\"a\":\"AAA\",\"b\":\"BBB\",\"type\":\"trade\",\"from\":\"2021\",\"to\":\"2022\"},"
	" {\"a\":\"AAA\",\"b\":\"BBB\",\"type\":\"alliance\",\"from\":\"2022-01-31\",\"to\":\"2022-03-01\"}],"
	"\"event_types\":[{\"code\":\"042\",\"name\":\"Make a visit\"}],"
	"\"events\":["
	" {\"id\":\"y2022\",\"type\":\"042\",\"date\":\"2022\",\"actors\":[{\"code\":\"AAA\",\"role\":\"source\"},{\"code\":\"BBB\",\"role\":\"target\"}],\"title\":{\"en\":\"year 2022\"}},"
	" {\"id\":\"m2022-01\",\"type\":\"042\",\"date\":\"2022-01\",\"actors\":[{\"code\":\"AAA\",\"role\":\"source\"},{\"code\":\"BBB\",\"role\":\"target\"}],\"title\":{\"en\":\"month 2022-01\"}},"
	" {\"id\":\"d2022-01-01\",\"type\":\"042\",\"date\":\"2022-01-01\",\"actors\":[{\"code\":\"AAA\",\"role\":\"source\"}],\"title\":{\"en\":\"first day\"}},"
	" {\"id\":\"d2022-01-31\",\"type\":\"042\",\"date\":\"2022-01-31\",\"end\":\"2022-02-10\",\"actors\":[{\"code\":\"AAA\",\"role\":\"source\"}],\"title\":{\"en\":\"last day\"}},"
	" {\"id\":\"d2022-02-01\",\"type\":\"042\",\"date\":\"2022-02-01\",\"actors\":[{\"code\":\"AAA\",\"role\":\"source\"}],\"title\":{\"en\":\"day after\"}},"
	" {\"id\":\"d2021-12-31\",\"type\":\"042\",\"date\":\"2021-12-31\",\"actors\":[{\"code\":\"AAA\",\"role\":\"source\"}],\"title\":{\"en\":\"day before\"}},"
	" {\"id\":\"m2021-12\",\"type\":\"042\",\"date\":\"2021-12\",\"actors\":[{\"code\":\"AAA\",\"role\":\"source\"}],\"title\":{\"en\":\"month before\"}},"
	" {\"id\":\"y2021\",\"type\":\"042\",\"date\":\"2021\",\"actors\":[{\"code\":\"AAA\",\"role\":\"source\"}],\"title\":{\"en\":\"year 2021\"}}]}";

static geopol_db *events_world(void)
{
	geopol_db *db = tu_open();
	ck_assert_msg(tu_import(db, EVENTS_WORLD) == GEOPOL_OK, "import: %s", geopol_errmsg(db));
	return db;
}

/* "title certainty" lines (relations: "type certainty"), in order. */
static char *window_lines(geopol_iter *it)
{
	char *out = calloc(1, 4096);
	const geopol_item *item;
	int rc;
	while ((rc = geopol_iter_next(it, &item)) == GEOPOL_OK) {
		const char *what = item->event ? item->event->title : item->relation->type;
		int c = item->event ? item->event->certainty : item->relation->certainty;
		size_t n = strlen(out);
		snprintf(out + n, 4096 - n, "%s%s %s", n ? "\n" : "", what, geopol_certainty_name(c));
	}
	ck_assert_int_eq(rc, GEOPOL_ITEROVER);
	geopol_iter_free(it);
	return out;
}

static char *window_events(geopol_db *db, const char *from, const char *to, unsigned flags,
			   size_t limit)
{
	geopol_event_filter f = GEOPOL_EVENT_FILTER_INIT;
	geopol_query q = GEOPOL_QUERY_INIT;
	f.actor = "AAA";
	f.from = tu_date(from);
	f.to = tu_date(to);
	f.limit = limit;
	q.flags = flags;
	geopol_iter *it;
	ck_assert_msg(geopol_events(&it, db, &f, &q) == GEOPOL_OK, "%s", geopol_errmsg(db));
	return window_lines(it);
}

START_TEST(test_time_events__window_certainty_on_boundary_days)
{
	geopol_db *db = events_world();
	char *got = window_events(db, "2022-01-01", "2022-02-01", 0, 0);
	/* The year is possible in January; the month, its first and last day
	 * are definite; 2021-12-31 and 2022-02-01 lie outside. */
	ck_assert_str_eq(got, "year 2022 possible\nmonth 2022-01 definite\nfirst day definite\n"
			      "last day definite");
	free(got);
	got = window_events(db, "2022-01-01", "2022-02-01", GEOPOL_DEFINITE_ONLY, 0);
	ck_assert_str_eq(got, "month 2022-01 definite\nfirst day definite\nlast day definite");
	free(got);
	/* The limit counts what is returned: the possible year is not one. */
	got = window_events(db, "2022-01-01", "2022-02-01", GEOPOL_DEFINITE_ONLY, 1);
	ck_assert_str_eq(got, "month 2022-01 definite");
	free(got);
	/* A window of one day, the last of January: the month and the year are
	 * only possible there. */
	got = window_events(db, "2022-01-31", "2022-02-01", 0, 0);
	ck_assert_str_eq(got, "year 2022 possible\nmonth 2022-01 possible\nlast day definite");
	free(got);
	/* A window of the whole year 2022: the year is definite. */
	got = window_events(db, "2022", "2023", GEOPOL_DEFINITE_ONLY, 0);
	ck_assert_str_eq(got, "year 2022 definite\nmonth 2022-01 definite\nfirst day definite\n"
			      "last day definite\nday after definite");
	free(got);
	/* The year's own window as days, [2022-01-01, 2023-01-01): definite;
	 * shifted one day either way, or ending on its last day (exclusive),
	 * it misses a day of 2022: possible, and left out by definite-only. */
	got = window_events(db, "2022-01-01", "2023-01-01", GEOPOL_DEFINITE_ONLY, 0);
	ck_assert_str_eq(got, "year 2022 definite\nmonth 2022-01 definite\nfirst day definite\n"
			      "last day definite\nday after definite");
	free(got);
	static const char *const short_of_the_year[][3] = {
		{"2021-12-31", "2022-12-31",
		 "year 2021 possible\nmonth before possible\nday before definite\nyear 2022 possible\n"
		 "month 2022-01 definite\nfirst day definite\nlast day definite\nday after definite"},
		{"2022-01-01", "2022-12-31",
		 "year 2022 possible\nmonth 2022-01 definite\nfirst day definite\nlast day definite\n"
		 "day after definite"},
		{"2022-01-02", "2023-01-01",
		 "year 2022 possible\nmonth 2022-01 possible\nlast day definite\nday after definite"}};
	for (size_t i = 0; i < 3; i++) {
		const char *const *w = short_of_the_year[i];
		got = window_events(db, w[0], w[1], 0, 0);
		ck_assert_msg(strcmp(got, w[2]) == 0, "[%s, %s): got\n%s", w[0], w[1], got);
		free(got);
		got = window_events(db, w[0], w[1], GEOPOL_DEFINITE_ONLY, 0);
		ck_assert_msg(!strstr(got, "possible") && !strstr(got, "year 2022") &&
			      strstr(got, "last day definite"), "[%s, %s) definite only: %s", w[0], w[1], got);
		free(got);
	}
	/* A window starting 2021-12-31: the month before and the year 2021 are
	 * possible on that day, the day itself definite. */
	got = window_events(db, "2021-12-31", "2022-01-01", 0, 0);
	ck_assert_str_eq(got, "year 2021 possible\nmonth before possible\nday before definite");
	free(got);
	geopol_close(db);
}
END_TEST

START_TEST(test_time_events__history_and_diff_carry_the_window)
{
	geopol_db *db = events_world();
	geopol_iter *it;
	geopol_query q = GEOPOL_QUERY_INIT;
	ck_assert_int_eq(geopol_history(&it, db, "AAA", "BBB", tu_date("2022-01-01"),
					tu_date("2022-02-01"), NULL), GEOPOL_OK);
	char *got = window_lines(it);
	/* trade [2021, 2022) ends on some day of 2022: it may have held on
	 * 2022-01-01; the alliance holds from 2022-01-31, inside. */
	ck_assert_str_eq(got, "trade possible\nyear 2022 possible\nmonth 2022-01 definite\n"
			      "alliance definite");
	free(got);
	q.flags = GEOPOL_DEFINITE_ONLY;
	ck_assert_int_eq(geopol_history(&it, db, "AAA", "BBB", tu_date("2022-01-01"),
					tu_date("2022-02-01"), &q), GEOPOL_OK);
	got = window_lines(it);
	ck_assert_str_eq(got, "month 2022-01 definite\nalliance definite");
	free(got);
	/* The alliance starts on the window's last day: still definite; a
	 * window ending the day before leaves it out. */
	ck_assert_int_eq(geopol_history(&it, db, "AAA", "BBB", tu_date("2022-01-30"),
					tu_date("2022-01-31"), NULL), GEOPOL_OK);
	got = window_lines(it);
	ck_assert_str_eq(got, "trade possible\nyear 2022 possible\nmonth 2022-01 possible");
	free(got);

	/* diff: the events of [D1, D2) with the same rule. */
	ck_assert_int_eq(geopol_diff(&it, db, tu_date("2022-01-01"), tu_date("2022-02-01"), "AAA", &q),
			 GEOPOL_OK);
	const geopol_item *item;
	char lines[1024] = "";
	int rc;
	while ((rc = geopol_iter_next(it, &item)) == GEOPOL_OK)
		if (item->kind == GEOPOL_ITEM_EVENT) {
			strcat(lines, item->event->title);
			strcat(lines, ";");
		}
	ck_assert_int_eq(rc, GEOPOL_ITEROVER);
	geopol_iter_free(it);
	ck_assert_str_eq(lines, "month 2022-01;first day;last day;");
	ck_assert_int_eq(geopol_diff(&it, db, tu_date("2022-01-01"), tu_date("2022-02-01"), "AAA", NULL),
			 GEOPOL_OK);
	lines[0] = '\0';
	while ((rc = geopol_iter_next(it, &item)) == GEOPOL_OK)
		if (item->kind == GEOPOL_ITEM_EVENT) {
			strcat(lines, item->event->title);
			strcat(lines, " ");
			strcat(lines, geopol_certainty_name(item->event->certainty));
			strcat(lines, ";");
		}
	ck_assert_int_eq(rc, GEOPOL_ITEROVER);
	geopol_iter_free(it);
	ck_assert_str_eq(lines, "year 2022 possible;month 2022-01 definite;first day definite;"
				"last day definite;");
	geopol_close(db);
}
END_TEST

START_TEST(test_time_events__json_row_shows_certainty)
{
	geopol_db *db = events_world();
	geopol_event_filter f = GEOPOL_EVENT_FILTER_INIT;
	f.from = tu_date("2022-01");
	f.to = tu_date("2022-02");
	f.limit = 1;
	geopol_iter *it;
	const geopol_item *item;
	ck_assert_int_eq(geopol_events(&it, db, &f, NULL), GEOPOL_OK);
	ck_assert_int_eq(geopol_iter_next(it, &item), GEOPOL_OK);
	char *json;
	ck_assert_int_eq(geopol_iter_json(it, &json), GEOPOL_OK);
	ck_assert_msg(strstr(json, "\"title\":\"year 2022\"") && strstr(json, "\"certainty\":\"possible\""),
		      "%s", json);
	geopol_free(json);
	geopol_iter_free(it);
	geopol_close(db);
}
END_TEST

/* ---- legal stages: the examples of issue 12, with their own dates */

static const char STAGES_WORLD[] =
	"{\"format\":\"geopol-dataset\",\"version\":1,"
	"\"sources\":[{\"code\":\"s\"}],"
	"\"entities\":[{\"code\":\"CIS\",\"kind\":\"organization\"},{\"code\":\"EAEU\",\"kind\":\"organization\"},"
	" {\"code\":\"CSTO\",\"kind\":\"organization\"},{\"code\":\"AZE\",\"kind\":\"state\"},"
	" {\"code\":\"ARM\",\"kind\":\"state\"},{\"code\":\"UZB\",\"kind\":\"state\"},{\"code\":\"KAZ\",\"kind\":\"state\"}],"
	"\"memberships\":["
	" {\"org\":\"CIS\",\"member\":\"AZE\",\"role\":\"founding_member\",\"stage\":\"signed\",\"from\":\"1991-12-21\",\"to\":\"1993-09-24\",\"sources\":[{\"source\":\"s\"}]},"
	" {\"org\":\"CIS\",\"member\":\"AZE\",\"role\":\"founding_member\",\"from\":\"1993-09-24\",\"sources\":[{\"source\":\"s\"}]},"
	" {\"org\":\"EAEU\",\"member\":\"KAZ\",\"role\":\"founding_member\",\"stage\":\"signed\",\"from\":\"2014-05-29\",\"to\":\"2015-01-01\"},"
	" {\"org\":\"EAEU\",\"member\":\"KAZ\",\"role\":\"founding_member\",\"stage\":\"in_force\",\"from\":\"2015-01-01\"},"
	" {\"org\":\"CSTO\",\"member\":\"ARM\",\"role\":\"founding_member\",\"from\":\"2003-09-18\",\"to\":\"2024-02-22\"},"
	" {\"org\":\"CSTO\",\"member\":\"ARM\",\"role\":\"founding_member\",\"stage\":\"frozen\",\"from\":\"2024-02-22\"},"
	" {\"org\":\"CSTO\",\"member\":\"UZB\",\"role\":\"member\",\"from\":\"2006-08-16\",\"to\":\"2012-12-19\"},"
	" {\"org\":\"CSTO\",\"member\":\"UZB\",\"role\":\"member\",\"stage\":\"suspended\",\"from\":\"2012-12-19\"}]}";

static geopol_db *stages_world(void)
{
	geopol_db *db = tu_open();
	ck_assert_msg(tu_import(db, STAGES_WORLD) == GEOPOL_OK, "import: %s", geopol_errmsg(db));
	return db;
}

/* Members of org at a date for a set of stages: "MEMBER stage" lines. */
static char *staged(geopol_db *db, const char *org, const char *at, unsigned stages)
{
	geopol_query q = GEOPOL_QUERY_INIT;
	q.stages = stages;
	geopol_iter *it;
	ck_assert_msg(geopol_members(&it, db, org, tu_date(at), &q) == GEOPOL_OK, "%s", geopol_errmsg(db));
	char *out = calloc(1, 1024);
	const geopol_item *item;
	int rc;
	while ((rc = geopol_iter_next(it, &item)) == GEOPOL_OK) {
		size_t n = strlen(out);
		snprintf(out + n, 1024 - n, "%s%s %s", n ? "\n" : "", item->membership->member,
			 geopol_stage_name(item->membership->stage));
	}
	ck_assert_int_eq(rc, GEOPOL_ITEROVER);
	geopol_iter_free(it);
	return out;
}

#define STAGED_EQ(org, at, stages, want) do { \
		char *got_ = staged(db, org, at, stages); \
		ck_assert_msg(strcmp(got_, want) == 0, "%s at %s (stages 0x%x): got '%s', want '%s'", \
			      org, at, (unsigned)(stages), got_, want); \
		free(got_); \
	} while (0)

START_TEST(test_time_stages__signed_ratified_in_force_on_boundary_days)
{
	geopol_db *db = stages_world();
	/* Azerbaijan signed the CIS agreement in 1991, ratified it 1993-09-24. */
	STAGED_EQ("CIS", "1993-09-23", 0, "");
	STAGED_EQ("CIS", "1993-09-23", GEOPOL_STAGES_SIGNED, "AZE signed");
	STAGED_EQ("CIS", "1993-09-23", GEOPOL_STAGES_RATIFIED, "");
	STAGED_EQ("CIS", "1993-09-24", 0, "AZE in_force");
	STAGED_EQ("CIS", "1993-09-24", GEOPOL_STAGES_RATIFIED, "AZE in_force");
	STAGED_EQ("CIS", "1991-12-20", GEOPOL_STAGES_ALL, "");
	/* The EAEU treaty: signed 2014-05-29, in force 2015-01-01. */
	STAGED_EQ("EAEU", "2014-05-28", GEOPOL_STAGES_ALL, "");
	STAGED_EQ("EAEU", "2014-05-29", GEOPOL_STAGE_BIT(GEOPOL_STAGE_SIGNED), "KAZ signed");
	STAGED_EQ("EAEU", "2014-12-31", 0, "");
	STAGED_EQ("EAEU", "2015-01-01", 0, "KAZ in_force");
	STAGED_EQ("EAEU", "2015-01-01", GEOPOL_STAGE_BIT(GEOPOL_STAGE_SIGNED), "");
	geopol_close(db);
}
END_TEST

START_TEST(test_time_stages__de_jure_and_de_facto)
{
	geopol_db *db = stages_world();
	/* Armenia froze its CSTO participation on 2024-02-22, a member de jure. */
	STAGED_EQ("CSTO", "2024-02-21", GEOPOL_STAGES_DE_FACTO, "ARM in_force");
	STAGED_EQ("CSTO", "2024-02-22", 0, "ARM frozen\nUZB suspended");
	STAGED_EQ("CSTO", "2024-02-22", GEOPOL_STAGES_DE_JURE, "ARM frozen\nUZB suspended");
	STAGED_EQ("CSTO", "2024-02-22", GEOPOL_STAGES_DE_FACTO, "");
	/* Uzbekistan's membership suspended on 2012-12-19. */
	STAGED_EQ("CSTO", "2012-12-18", GEOPOL_STAGES_DE_FACTO, "ARM in_force\nUZB in_force");
	STAGED_EQ("CSTO", "2012-12-19", GEOPOL_STAGES_DE_FACTO, "ARM in_force");
	STAGED_EQ("CSTO", "2012-12-19", 0, "ARM in_force\nUZB suspended");
	/* A version 1 query struct still works, and asks de jure. */
	struct { unsigned version, flags; int64_t known_at; const char *lang; } v1 = {1, 0, 0, NULL};
	geopol_iter *it;
	ck_assert_int_eq(geopol_members(&it, db, "CSTO", tu_date("2024-02-22"), (const geopol_query *)&v1),
			 GEOPOL_OK);
	char *got = tu_lines(it);
	ck_assert_str_eq(got, "CSTO ARM founding_member definite\nCSTO UZB member definite");
	free(got);
	geopol_close(db);
}
END_TEST

START_TEST(test_time_stages__diff_snapshot_and_memberships_follow_the_stages)
{
	geopol_db *db = stages_world();
	geopol_query q = GEOPOL_QUERY_INIT;
	geopol_iter *it;
	const geopol_item *item;
	int rc;
	/* De jure nothing changed for Armenia over 2024; de facto it left. */
	for (int facto = 0; facto < 2; facto++) {
		q.stages = facto ? GEOPOL_STAGES_DE_FACTO : 0;
		ck_assert_int_eq(geopol_diff(&it, db, tu_date("2024-01-01"), tu_date("2025-01-01"), "ARM", &q),
				 GEOPOL_OK);
		char lines[256] = "";
		while ((rc = geopol_iter_next(it, &item)) == GEOPOL_OK)
			snprintf(lines + strlen(lines), sizeof lines - strlen(lines), "%d %s;", item->change,
				 item->membership->org);
		ck_assert_int_eq(rc, GEOPOL_ITEROVER);
		geopol_iter_free(it);
		ck_assert_str_eq(lines, facto ? "2 CSTO;" : "");
	}
	/* The snapshot at a date keeps the same rows. */
	for (int facto = 0; facto < 2; facto++) {
		q.stages = facto ? GEOPOL_STAGES_DE_FACTO : 0;
		ck_assert_int_eq(geopol_snapshot(&it, db, tu_date("2024-03-01"), &q), GEOPOL_OK);
		char lines[256] = "";
		while ((rc = geopol_iter_next(it, &item)) == GEOPOL_OK)
			if (item->kind == GEOPOL_ITEM_MEMBERSHIP)
				snprintf(lines + strlen(lines), sizeof lines - strlen(lines), "%s %s %s;",
					 item->membership->org, item->membership->member,
					 geopol_stage_name(item->membership->stage));
		ck_assert_int_eq(rc, GEOPOL_ITEROVER);
		geopol_iter_free(it);
		ck_assert_str_eq(lines, facto ? "CIS AZE in_force;EAEU KAZ in_force;"
					      : "CIS AZE in_force;EAEU KAZ in_force;CSTO ARM frozen;"
						"CSTO UZB suspended;");
	}
	/* The JSON row shows the stage. */
	ck_assert_int_eq(geopol_memberships(&it, db, "ARM", tu_date("2024-02-22"), NULL), GEOPOL_OK);
	ck_assert_int_eq(geopol_iter_next(it, &item), GEOPOL_OK);
	char *json;
	ck_assert_int_eq(geopol_iter_json(it, &json), GEOPOL_OK);
	ck_assert_msg(strstr(json, "\"stage\":\"frozen\",\"coding\":\"curated\""), "%s", json);
	geopol_free(json);
	geopol_iter_free(it);
	geopol_close(db);
}
END_TEST

START_TEST(test_time_stages__bad_input_writes_nothing)
{
	geopol_db *db = stages_world();
	int64_t before = tu_total_rows(db);
	/* A stage overlapping another of the same role is a conflict. */
	geopol_membership_spec m = GEOPOL_MEMBERSHIP_SPEC_INIT;
	m.org = "CSTO";
	m.member = "ARM";
	m.role = GEOPOL_ROLE_FOUNDING_MEMBER;
	m.stage = GEOPOL_STAGE_WITHDRAWAL_NOTIFIED;
	m.from = tu_date("2025-01-01");
	ck_assert_int_eq(geopol_membership_add(db, &m, NULL), GEOPOL_ECONFLICT);
	m.stage = 9;
	ck_assert_int_eq(geopol_membership_add(db, &m, NULL), GEOPOL_EINVAL);
	ck_assert_str_eq(geopol_errmsg(db), "field 'stage': unknown membership stage 9");
	ck_assert_int_eq(tu_import(db, "{\"memberships\":[{\"org\":\"CSTO\",\"member\":\"KAZ\","
				       "\"stage\":\"froze\",\"from\":\"2003\"}]}"), GEOPOL_EINVAL);
	ck_assert_msg(strstr(geopol_errmsg(db), "field 'stage': unknown value 'froze'"), "%s",
		      geopol_errmsg(db));
	geopol_query q = GEOPOL_QUERY_INIT;
	q.stages = 1u << 9;
	geopol_iter *it = NULL;
	ck_assert_int_eq(geopol_members(&it, db, "CSTO", tu_date("2024"), &q), GEOPOL_EINVAL);
	ck_assert_str_eq(geopol_errmsg(db), "geopol_query: stages 0x200: no such stage");
	q.stages = 0;
	q.coding = "curated";
	q.flags = GEOPOL_ALL_CODINGS;
	ck_assert_int_eq(geopol_members(&it, db, "CSTO", tu_date("2024"), &q), GEOPOL_EINVAL);
	ck_assert_int_eq(tu_total_rows(db), before);
	/* A version 1 membership spec is still accepted: in force. */
	struct { unsigned version; const char *org, *member; int role; geopol_date from, to; } v1 = {
		1, "CSTO", "KAZ", GEOPOL_ROLE_FOUNDING_MEMBER, tu_date("2003-09-18"), {0, 0}};
	ck_assert_int_eq(geopol_membership_add(db, (const geopol_membership_spec *)&v1, NULL), GEOPOL_OK);
	STAGED_EQ("CSTO", "2024-02-22", GEOPOL_STAGES_DE_FACTO, "KAZ in_force");
	geopol_close(db);
}
END_TEST

/* ---- no edge without its nodes */

static const char LIVES_WORLD[] =
	"{\"format\":\"geopol-dataset\",\"version\":1,"
	"\"entities\":[{\"code\":\"NATO\",\"kind\":\"organization\",\"from\":\"1949-08-24\"},"
	" {\"code\":\"DEAD\",\"kind\":\"organization\",\"from\":\"1960\",\"to\":\"1999\"},"
	" {\"code\":\"DEU\",\"kind\":\"state\",\"from\":\"1990-10-03\"},"
	" {\"code\":\"XXX\",\"kind\":\"state\"}],"
	"\"memberships\":["
	" {\"org\":\"NATO\",\"member\":\"DEU\",\"from\":\"1955-05-06\"},"
	" {\"org\":\"NATO\",\"member\":\"XXX\",\"from\":\"1952\"},"
	" {\"org\":\"DEAD\",\"member\":\"XXX\",\"from\":\"1970-01-01\"}],"
	"\"relations\":[{\"a\":\"XXX\",\"b\":\"DEU\",\"type\":\"trade\",\"from\":\"1980\",\"to\":\"2030\"}]}";

/* An iterator's memberships and relations, "org member member from..to
 * certainty" / "a b type from..to certainty", one a line. */
static char *edge_lines(geopol_iter *it)
{
	char *out = calloc(1, 2048);
	const geopol_item *item;
	int rc;
	while ((rc = geopol_iter_next(it, &item)) == GEOPOL_OK) {
		char f[GEOPOL_DATE_BUFSIZE], t[GEOPOL_DATE_BUFSIZE];
		const char *x, *y, *what;
		geopol_date df, dt;
		int c;
		if (item->kind == GEOPOL_ITEM_MEMBERSHIP) {
			x = item->membership->org, y = item->membership->member, what = "member";
			df = item->membership->from, dt = item->membership->to, c = item->membership->certainty;
		} else if (item->kind == GEOPOL_ITEM_RELATION) {
			x = item->relation->a, y = item->relation->b, what = item->relation->type;
			df = item->relation->from, dt = item->relation->to, c = item->relation->certainty;
		} else {
			continue;
		}
		geopol_date_format(df, f, sizeof f);
		geopol_date_format(dt, t, sizeof t);
		size_t n = strlen(out);
		snprintf(out + n, 2048 - n, "%s%s %s %s %s..%s %s", n ? "\n" : "", x, y, what, f, t,
			 geopol_certainty_name(c));
	}
	ck_assert_int_eq(rc, GEOPOL_ITEROVER);
	geopol_iter_free(it);
	return out;
}

/* The edges of the snapshot at `at` (or over [from, to) when at is NULL). */
static char *edges_at(geopol_db *db, const char *at, const char *from, const char *to)
{
	geopol_iter *it;
	if (at)
		ck_assert_int_eq(geopol_snapshot(&it, db, tu_date(at), NULL), GEOPOL_OK);
	else
		ck_assert_int_eq(gp_snapshot_span(&it, db, tu_date(from).day, tu_date(to).day - 1, 0, NULL),
				 GEOPOL_OK);
	return edge_lines(it);
}

#define EDGES_EQ(at, from, to, want) do { \
		char *got_ = edges_at(db, at, from, to); \
		ck_assert_msg(strcmp(got_, want) == 0, "%s: got\n%s\nwant\n%s", at ? at : from, got_, want); \
		free(got_); \
	} while (0)

static int write_file(void *ctx, const char *data, size_t len)
{
	return fwrite(data, 1, len, ctx) == len ? 0 : 1;
}

START_TEST(test_time_lives__snapshot_clips_to_the_entities_lives)
{
	geopol_db *db = tu_open();
	ck_assert_msg(tu_import(db, LIVES_WORLD) == GEOPOL_OK, "%s", geopol_errmsg(db));
	/* The day before unified Germany: no DEU edge; its first day: both. */
	EDGES_EQ("1990-10-02", NULL, NULL,
		 "NATO XXX member 1952.. definite\nDEAD XXX member 1970-01-01..1999 definite");
	EDGES_EQ("1990-10-03", NULL, NULL,
		 "NATO DEU member 1990-10-03.. definite\nNATO XXX member 1952.. definite\n"
		 "DEAD XXX member 1970-01-01..1999 definite\nXXX DEU trade 1990-10-03..2030 definite");
	/* DEAD ends some day of 1999: possible then, gone in 2000. */
	EDGES_EQ("1998-12-31", NULL, NULL,
		 "NATO DEU member 1990-10-03.. definite\nNATO XXX member 1952.. definite\n"
		 "DEAD XXX member 1970-01-01..1999 definite\nXXX DEU trade 1990-10-03..2030 definite");
	EDGES_EQ("1999-06-01", NULL, NULL,
		 "NATO DEU member 1990-10-03.. definite\nNATO XXX member 1952.. definite\n"
		 "DEAD XXX member 1970-01-01..1999 possible\nXXX DEU trade 1990-10-03..2030 definite");
	EDGES_EQ("2000-07-01", NULL, NULL,
		 "NATO DEU member 1990-10-03.. definite\nNATO XXX member 1952.. definite\n"
		 "XXX DEU trade 1990-10-03..2030 definite");
	/* A span: the edges within the lives, kept when they may hold on some
	 * day of the span after clipping (the export clips them to the span). */
	EDGES_EQ(NULL, "2000", "2026",
		 "NATO DEU member 1990-10-03.. definite\nNATO XXX member 1952.. definite\n"
		 "XXX DEU trade 1990-10-03..2030 definite");
	EDGES_EQ(NULL, "1985", "1990-10-03",
		 "NATO XXX member 1952.. definite\nDEAD XXX member 1970-01-01..1999 definite");
	EDGES_EQ(NULL, "1985", "1990-10-04",
		 "NATO DEU member 1990-10-03.. definite\nNATO XXX member 1952.. definite\n"
		 "DEAD XXX member 1970-01-01..1999 definite\nXXX DEU trade 1990-10-03..2030 definite");
	/* Through the export, a dynamic CSV over 1985-1995: spells within the
	 * span and the lives. */
	geopol_export_options o = GEOPOL_EXPORT_OPTIONS_INIT;
	o.format = GEOPOL_FORMAT_CSV;
	o.from = tu_date("1985");
	o.to = tu_date("1995");
	o.with_sources = 0;
	char *csv = NULL;
	size_t len = 0;
	FILE *mem = open_memstream(&csv, &len);
	ck_assert_int_eq(geopol_export(db, &o, NULL, write_file, mem), GEOPOL_OK);
	fclose(mem);
	ck_assert_msg(strstr(csv, "edge,m1,membership,,,DEU,NATO,member,false,1990-10-03,1995-01-01,"), "%s", csv);
	ck_assert_msg(strstr(csv, "edge,r1,relation,,,XXX,DEU,trade,false,1990-10-03,1995-01-01,"), "%s", csv);
	ck_assert_msg(strstr(csv, "edge,m3,membership,,,XXX,DEAD,member,false,1985-01-01,1995-01-01,"), "%s", csv);
	free(csv);
	geopol_close(db);
}
END_TEST

START_TEST(test_time_lives__clipped_facts_listed)
{
	geopol_db *db = tu_open();
	ck_assert_msg(tu_import(db, LIVES_WORLD) == GEOPOL_OK, "%s", geopol_errmsg(db));
	geopol_iter *it;
	ck_assert_int_eq(geopol_clipped(&it, db, NULL), GEOPOL_OK);
	char *got = tu_lines(it);
	/* DEU joined NATO in 1955 as another state; DEAD ended in 1999; the
	 * trade started before DEU. NATO-XXX lies within both lives. */
	ck_assert_str_eq(got, "DEAD XXX member definite\nNATO DEU member definite\nXXX DEU trade definite");
	free(got);
	/* The SQL of the listing and gp_clip() say the same of every row. */
	char *rows = tu_rows(db,
		"SELECT m.from_lo, m.from_hi, m.to_lo, m.to_hi, m.from_prec, m.to_prec, "
		"o.from_lo, o.from_hi, o.to_lo, o.to_hi, o.from_prec, o.to_prec, "
		"e.from_lo, e.from_hi, e.to_lo, e.to_hi, e.from_prec, e.to_prec, o.code || ' ' || e.code "
		"FROM membership m JOIN entity o ON o.id = m.org_id JOIN entity e ON e.id = m.member_id "
		"UNION ALL SELECT r.from_lo, r.from_hi, r.to_lo, r.to_hi, r.from_prec, r.to_prec, "
		"a.from_lo, a.from_hi, a.to_lo, a.to_hi, a.from_prec, a.to_prec, "
		"b.from_lo, b.from_hi, b.to_lo, b.to_hi, b.from_prec, b.to_prec, a.code || ' ' || b.code "
		"FROM relation r JOIN entity a ON a.id = r.a_id JOIN entity b ON b.id = r.b_id "
		"ORDER BY 19", 0, NULL);
	char changed_rows[256] = "";
	for (char *line = strtok(rows, "\n"); line; line = strtok(NULL, "\n")) {
		/* 18 integers, then the pair. */
		int64_t v[18];
		char *p = line;
		for (int c = 0; c < 18; c++) {
			v[c] = strtoll(p, &p, 10);
			ck_assert_msg(*p == '|', "%s", line);
			p++;
		}
		gp_span x[3];
		for (int k = 0; k < 3; k++)
			x[k] = (gp_span){v[6 * k], v[6 * k + 1], v[6 * k + 2], v[6 * k + 3],
					 (int)v[6 * k + 4], (int)v[6 * k + 5]};
		int changed = 0;
		gp_clip(&x[0], &x[1], &x[2], &changed);
		if (changed) {
			strcat(changed_rows, p);
			strcat(changed_rows, ";");
		}
	}
	free(rows);
	ck_assert_str_eq(changed_rows, "DEAD XXX;NATO DEU;XXX DEU;");
	geopol_close(db);
}
END_TEST

static void on_finding(void *ctx, const geopol_finding *f)
{
	char *out = ctx;
	if (strcmp(f->rule, "clipped") != 0)
		return;
	size_t n = strlen(out);
	snprintf(out + n, 1024 - n, "%s: %s\n", f->record, f->message);
}

/* geopol check reports what the exports clip, when it is not already a
 * "life" error: here a membership dated only "1990" of a state born on
 * 1990-10-03, and one of an organization that may have ended first. */
START_TEST(test_time_lives__check_reports_clipped_facts)
{
	geopol_db *db = tu_open();
	ck_assert_msg(tu_import(db,
		"{\"entities\":[{\"code\":\"NATO\",\"kind\":\"organization\",\"from\":\"1949-08-24\"},"
		" {\"code\":\"DEAD\",\"kind\":\"organization\",\"to\":\"1999\"},"
		" {\"code\":\"DEU\",\"kind\":\"state\",\"from\":\"1990-10-03\"}],"
		"\"memberships\":[{\"org\":\"NATO\",\"member\":\"DEU\",\"from\":\"1990\"},"
		" {\"org\":\"DEAD\",\"member\":\"DEU\",\"from\":\"1991\",\"to\":\"1999-07-01\"}]}") == GEOPOL_OK,
		"%s", geopol_errmsg(db));
	char out[1024] = "";
	geopol_check_options o = GEOPOL_CHECK_OPTIONS_INIT;
	o.finding = on_finding;
	o.ctx = out;
	geopol_check_stats st;
	ck_assert_int_eq(geopol_check(db, &o, &st), GEOPOL_OK);
	ck_assert_str_eq(out,
		"membership 2: DEU in DEAD as member [1991, 1999-07-01): outlives DEAD or DEU: the snapshot "
		"and the exports show it as [1991, 1999)\n"
		"membership 1: DEU in NATO as member [1990, open): outlives NATO or DEU: the snapshot and "
		"the exports show it as [1990-10-03, open)\n");
	ck_assert_uint_eq(st.errors, 0);
	geopol_close(db);
}
END_TEST

#define FIX GEOPOL_SOURCE_DIR "/tests/fixtures/"

/* An "at D" question's edges as known at k (0: now): what 'R' relations,
 * 'M' memberships, 'O' members, 'C' organizations in common (with USA). */
static char *answer_at(geopol_db *db, char what, const char *ent, const char *at, int64_t k,
		       unsigned flags)
{
	geopol_query q = GEOPOL_QUERY_INIT;
	q.known_at = k;
	q.flags = flags;
	geopol_iter *it;
	int rc = what == 'R' ? geopol_relations(&it, db, ent, NULL, tu_date(at), &q)
		: what == 'M' ? geopol_memberships(&it, db, ent, tu_date(at), &q)
		: what == 'O' ? geopol_members(&it, db, ent, tu_date(at), &q)
		: geopol_common(&it, db, ent, "USA", tu_date(at), &q);
	ck_assert_msg(rc == GEOPOL_OK, "%s", geopol_errmsg(db));
	return edge_lines(it);
}

/* The history of a and b over [from, to), known at k (0: now). */
static char *history_of(geopol_db *db, const char *a, const char *b, const char *from,
			const char *to, int64_t k)
{
	geopol_query q = GEOPOL_QUERY_INIT;
	q.known_at = k;
	geopol_iter *it;
	ck_assert_msg(geopol_history(&it, db, a, b, tu_date(from), tu_date(to), &q) == GEOPOL_OK, "%s",
		      geopol_errmsg(db));
	return edge_lines(it);
}

#define HISTORY_EQ(from, to, k, want) do { \
		char *got_ = history_of(db, "COW:245", "USA", from, to, k); \
		ck_assert_msg(strcmp(got_, want) == 0, "history [%s, %s): got\n%s\nwant\n%s", from, to, \
			      got_, want); \
		free(got_); \
	} while (0)

/* What changed around Bavaria between d1 and d2, known at k: "change
 * x y what" lines (memberships and relations). */
static char *bavaria_diff(geopol_db *db, const char *d1, const char *d2, int64_t k)
{
	geopol_query q = GEOPOL_QUERY_INIT;
	q.known_at = k;
	geopol_iter *it;
	ck_assert_msg(geopol_diff(&it, db, tu_date(d1), tu_date(d2), "COW:245", &q) == GEOPOL_OK, "%s",
		      geopol_errmsg(db));
	static const char *const change[] = {"none", "joined", "left", "relation_started",
					     "relation_ended", "event"};
	char *out = calloc(1, 1024);
	const geopol_item *item;
	int rc;
	while ((rc = geopol_iter_next(it, &item)) == GEOPOL_OK) {
		size_t n = strlen(out);
		if (item->kind == GEOPOL_ITEM_MEMBERSHIP)
			snprintf(out + n, 1024 - n, "%s%s %s in %s", n ? "\n" : "",
				 change[item->change], item->membership->member, item->membership->org);
		else if (item->kind == GEOPOL_ITEM_RELATION)
			snprintf(out + n, 1024 - n, "%s%s %s %s %s", n ? "\n" : "",
				 change[item->change], item->relation->a, item->relation->type,
				 item->relation->b);
	}
	ck_assert_int_eq(rc, GEOPOL_ITEROVER);
	geopol_iter_free(it);
	return out;
}

#define DIFF_EQ(d1, d2, k, want) do { \
		char *got_ = bavaria_diff(db, d1, d2, k); \
		ck_assert_msg(strcmp(got_, want) == 0, "diff %s..%s: got\n%s\nwant\n%s", d1, d2, got_, want); \
		free(got_); \
	} while (0)

/* neighbors of a (b NULL, depth 1) or the path from a to b at `at`, as
 * known at k (0: now), "ENOTFOUND" when there is no path. Current
 * knowledge is asked twice, on the in-memory index's adjacency and on SQL
 * (one query a node), and must give the same hops. */
static char *walk_once(geopol_db *db, const char *a, const char *b, const char *at, int64_t k)
{
	geopol_query q = GEOPOL_QUERY_INIT;
	q.known_at = k;
	geopol_iter *it;
	int rc = b ? geopol_path(&it, db, a, b, tu_date(at), &q)
		   : geopol_neighbors(&it, db, a, tu_date(at), 1, &q);
	if (b && rc == GEOPOL_ENOTFOUND)
		return strdup("ENOTFOUND");
	ck_assert_msg(rc == GEOPOL_OK, "%s", geopol_errmsg(db));
	return edge_lines(it);
}

static char *walk_at(geopol_db *db, const char *a, const char *b, const char *at, int64_t k)
{
	if (k)
		return walk_once(db, a, b, at, k);
	gp_memindex_mode(db, GP_MEMINDEX_ALWAYS);
	char *mem = walk_once(db, a, b, at, 0);
	gp_memindex_mode(db, GP_MEMINDEX_OFF);
	char *sql = walk_once(db, a, b, at, 0);
	gp_memindex_mode(db, GP_MEMINDEX_AUTO);
	ck_assert_msg(strcmp(mem, sql) == 0, "walk %s %s at %s: index\n%s\nSQL\n%s", a, b ? b : "",
		      at, mem, sql);
	free(sql);
	return mem;
}

#define WALK_EQ(a, b, at, k, want) do { \
		char *got_ = walk_at(db, a, b, at, k); \
		ck_assert_msg(strcmp(got_, want) == 0, "walk %s %s at %s: got\n%s\nwant\n%s", a, \
			      (const char *)(b) ? (const char *)(b) : "", at, got_, want); \
		free(got_); \
	} while (0)

#define ANSWER_EQ(what, ent, at, k, want) do { \
		char *got_ = answer_at(db, what, ent, at, k, 0); \
		ck_assert_msg(strcmp(got_, want) == 0, "%c %s at %s: got\n%s\nwant\n%s", what, ent, at, \
			      got_, want); \
		free(got_); \
	} while (0)

/* The "at D" answers (relations, memberships, members, common) clip an
 * edge to its entities' lives as known at k, as the snapshot does (issue
 * 12 point 4): on a state's first and last day, before and after a
 * release corrects them. The cow-states fixture's Bavaria (COW:245) lives
 * 1816-01-01 .. 1871-01-18, its last day; Kazakhstan from 1991-12-26. A
 * release moves Bavaria's end a week on and Kazakhstan's entry ten days
 * back. */
START_TEST(test_time_lives__answers_at_d_clip_to_the_lives_known_at_k)
{
	char *a = tu_doctored(FIX "cow-states.csv", 5, "BAV,245,Bavaria,1816,1,1,1871,1,18,",
			      "BAV,245,Bavaria,1816,1,1,1871,1,25,");
	char *release = tu_doctored(a, 18, "KZK,705,Kazakhstan,1991,12,26,",
				    "KZK,705,Kazakhstan,1991,12,16,");
	geopol_db *db = tu_open();
	geopol_set_clock(db, geopol_recorded_end_of(tu_date("2025-06-01")));
	tu_import_ok(db, "cow-states", FIX "cow-states.csv", NULL);
	ck_assert_msg(tu_import(db,
		"{\"entities\":[{\"code\":\"ZOLL\",\"kind\":\"organization\",\"from\":\"1834-01-01\"}],"
		"\"memberships\":[{\"org\":\"ZOLL\",\"member\":\"COW:245\",\"from\":\"1834-01-01\",\"to\":\"1880\"},"
		" {\"org\":\"ZOLL\",\"member\":\"USA\",\"from\":\"1834-01-01\"},"
		" {\"org\":\"ZOLL\",\"member\":\"KAZ\",\"from\":\"1991-12-01\"}],"
		"\"relations\":[{\"a\":\"COW:245\",\"b\":\"USA\",\"type\":\"trade\",\"from\":\"1860-01-01\","
		"\"to\":\"1880-01-01\"},"
		" {\"a\":\"KAZ\",\"b\":\"USA\",\"type\":\"trade\",\"from\":\"1991-12-01\"}]}") == GEOPOL_OK,
		"%s", geopol_errmsg(db));
	/* Bavaria's last day: its edges end with it; the day after, none. */
	ANSWER_EQ('R', "COW:245", "1871-01-18", 0, "COW:245 USA trade 1860-01-01..1871-01-19 definite");
	ANSWER_EQ('R', "COW:245", "1871-01-19", 0, "");
	ANSWER_EQ('M', "COW:245", "1871-01-18", 0,
		  "COW:SYSTEM COW:245 member 1816-01-01..1871-01-19 definite\n"
		  "ZOLL COW:245 member 1834-01-01..1871-01-19 definite");
	ANSWER_EQ('M', "COW:245", "1871-01-19", 0, "");
	ANSWER_EQ('O', "ZOLL", "1871-01-19", 0, "ZOLL USA member 1834-01-01.. definite");
	ANSWER_EQ('C', "COW:245", "1871-01-18", 0,
		  "COW:SYSTEM COW:245 member 1816-01-01..1871-01-19 definite\n"
		  "COW:SYSTEM USA member 1816-01-01.. definite\n"
		  "ZOLL COW:245 member 1834-01-01..1871-01-19 definite\n"
		  "ZOLL USA member 1834-01-01.. definite");
	ANSWER_EQ('C', "COW:245", "1871-01-19", 0, "");
	/* history over a window clips the same way: a window from Bavaria's
	 * last day has the trade (to that day), one from the day after not. */
	HISTORY_EQ("1871-01-18", "1872", 0, "COW:245 USA trade 1860-01-01..1871-01-19 definite");
	HISTORY_EQ("1871-01-19", "1872", 0, "");
	/* diff: the trade and ZOLL end with Bavaria, between its last day
	 * and the next; nothing changes between the two days after. */
	DIFF_EQ("1871-01-18", "1871-01-19", 0,
		"left COW:245 in COW:SYSTEM\nleft COW:245 in ZOLL\nrelation_ended COW:245 trade USA");
	DIFF_EQ("1871-01-19", "1871-01-20", 0, "");
	/* Kazakhstan's first day: the edges start with it; the day before, none. */
	ANSWER_EQ('R', "KAZ", "1991-12-25", 0, "");
	ANSWER_EQ('R', "KAZ", "1991-12-26", 0, "KAZ USA trade 1991-12-26.. definite");
	ANSWER_EQ('O', "ZOLL", "1991-12-25", 0, "ZOLL USA member 1834-01-01.. definite");
	ANSWER_EQ('O', "ZOLL", "1991-12-26", 0,
		  "ZOLL KAZ member 1991-12-26.. definite\nZOLL USA member 1834-01-01.. definite");

	/* neighbors and path follow an edge only while it holds once clipped,
	 * on the index (now) and on SQL (now and as known at k1): Bavaria's
	 * trade and memberships end on its last day, so on the day after it
	 * has no neighbour, ZOLL only USA, and no path leads to it. */
	int64_t k1 = geopol_recorded_end_of(tu_date("2025-06-01"));
	for (int i = 0; i < 2; i++) {
		int64_t k = i ? k1 : 0;
		WALK_EQ("COW:245", NULL, "1871-01-18", k,
			"COW:SYSTEM COW:245 member 1816-01-01..1871-01-19 definite\n"
			"ZOLL COW:245 member 1834-01-01..1871-01-19 definite\n"
			"COW:245 USA trade 1860-01-01..1871-01-19 definite");
		WALK_EQ("COW:245", NULL, "1871-01-19", k, "");
		WALK_EQ("ZOLL", NULL, "1871-01-19", k, "ZOLL USA member 1834-01-01.. definite");
		WALK_EQ("COW:245", "USA", "1871-01-18", k,
			"COW:245 USA trade 1860-01-01..1871-01-19 definite");
		WALK_EQ("COW:245", "USA", "1871-01-19", k, "ENOTFOUND");
		WALK_EQ("USA", "COW:245", "1871-01-19", k, "ENOTFOUND");
		/* Kazakhstan's first day and the day before. */
		WALK_EQ("KAZ", NULL, "1991-12-25", k, "");
		WALK_EQ("KAZ", NULL, "1991-12-26", k,
			"ZOLL KAZ member 1991-12-26.. definite\n"
			"COW:SYSTEM KAZ member 1991-12-26.. definite\n"
			"KAZ USA trade 1991-12-26.. definite");
		WALK_EQ("KAZ", "USA", "1991-12-25", k, "ENOTFOUND");
		WALK_EQ("USA", "KAZ", "1991-12-25", k, "ENOTFOUND");
		WALK_EQ("KAZ", "USA", "1991-12-26", k, "KAZ USA trade 1991-12-26.. definite");
	}

	/* The release: Bavaria lives until 1871-01-25, Kazakhstan from 1991-12-16. */
	geopol_set_clock(db, geopol_recorded_end_of(tu_date("2026-06-01")));
	geopol_import_options o = GEOPOL_IMPORT_OPTIONS_INIT;
	o.release = 1;
	geopol_import_stats st;
	ck_assert_msg(tu_import_file(db, "cow-states", release, &o, &st) == GEOPOL_OK, "%s",
		      geopol_errmsg(db));
	int64_t before = geopol_recorded_end_of(tu_date("2026-05-31"));
	char *life = tu_life(db, "COW:245", 0);
	ck_assert_str_eq(life, "1816-01-01 1871-01-26");
	free(life);
	/* Now: the new last and first days. */
	ANSWER_EQ('R', "COW:245", "1871-01-25", 0, "COW:245 USA trade 1860-01-01..1871-01-26 definite");
	ANSWER_EQ('R', "COW:245", "1871-01-26", 0, "");
	ANSWER_EQ('M', "COW:245", "1871-01-25", 0,
		  "COW:SYSTEM COW:245 member 1816-01-01..1871-01-26 definite\n"
		  "ZOLL COW:245 member 1834-01-01..1871-01-26 definite");
	ANSWER_EQ('R', "KAZ", "1991-12-15", 0, "");
	ANSWER_EQ('R', "KAZ", "1991-12-16", 0, "KAZ USA trade 1991-12-16.. definite");
	ANSWER_EQ('O', "ZOLL", "1991-12-16", 0,
		  "ZOLL KAZ member 1991-12-16.. definite\nZOLL USA member 1834-01-01.. definite");
	/* As known the day before the release: the earlier lives' answers. */
	ANSWER_EQ('R', "COW:245", "1871-01-18", before, "COW:245 USA trade 1860-01-01..1871-01-19 definite");
	ANSWER_EQ('R', "COW:245", "1871-01-19", before, "");
	ANSWER_EQ('M', "COW:245", "1871-01-25", before, "");
	ANSWER_EQ('R', "KAZ", "1991-12-16", before, "");
	HISTORY_EQ("1871-01-19", "1872", 0, "COW:245 USA trade 1860-01-01..1871-01-26 definite");
	HISTORY_EQ("1871-01-26", "1872", 0, "");
	HISTORY_EQ("1871-01-19", "1872", before, "");
	DIFF_EQ("1871-01-18", "1871-01-19", 0, "");
	DIFF_EQ("1871-01-25", "1871-01-26", 0,
		"left COW:245 in COW:SYSTEM\nleft COW:245 in ZOLL\nrelation_ended COW:245 trade USA");
	DIFF_EQ("1871-01-18", "1871-01-19", before,
		"left COW:245 in COW:SYSTEM\nleft COW:245 in ZOLL\nrelation_ended COW:245 trade USA");
	ANSWER_EQ('R', "KAZ", "1991-12-26", before, "KAZ USA trade 1991-12-26.. definite");
	ANSWER_EQ('O', "ZOLL", "1991-12-25", before, "ZOLL USA member 1834-01-01.. definite");
	/* The walks after the release: the new last and first days now, the
	 * old ones as known before it (SQL). */
	WALK_EQ("COW:245", "USA", "1871-01-25", 0, "COW:245 USA trade 1860-01-01..1871-01-26 definite");
	WALK_EQ("COW:245", "USA", "1871-01-26", 0, "ENOTFOUND");
	WALK_EQ("COW:245", NULL, "1871-01-26", 0, "");
	WALK_EQ("ZOLL", NULL, "1871-01-25", 0,
		"ZOLL COW:245 member 1834-01-01..1871-01-26 definite\nZOLL USA member 1834-01-01.. definite");
	WALK_EQ("KAZ", "USA", "1991-12-15", 0, "ENOTFOUND");
	WALK_EQ("KAZ", "USA", "1991-12-16", 0, "KAZ USA trade 1991-12-16.. definite");
	WALK_EQ("COW:245", "USA", "1871-01-18", before, "COW:245 USA trade 1860-01-01..1871-01-19 definite");
	WALK_EQ("COW:245", NULL, "1871-01-19", before, "");
	WALK_EQ("ZOLL", NULL, "1871-01-25", before, "ZOLL USA member 1834-01-01.. definite");
	WALK_EQ("KAZ", "USA", "1991-12-16", before, "ENOTFOUND");
	WALK_EQ("KAZ", "USA", "1991-12-26", before, "KAZ USA trade 1991-12-26.. definite");
	/* The snapshot agrees, now and as known before. */
	EDGES_EQ("1871-01-25", NULL, NULL,
		 "COW:SYSTEM USA member 1816-01-01.. definite\nCOW:SYSTEM DEU member 1816-01-01..1945-05-09 definite\n"
		 "COW:SYSTEM RUS member 1816-01-01.. definite\nZOLL COW:245 member 1834-01-01..1871-01-26 definite\n"
		 "ZOLL USA member 1834-01-01.. definite\n"
		 "COW:SYSTEM COW:245 member 1816-01-01..1871-01-26 definite\n"
		 "COW:245 USA trade 1860-01-01..1871-01-26 definite");
	geopol_close(db);
	unlink(a);
	unlink(release);
	free(a);
	free(release);
}
END_TEST

START_TEST(test_time_lives__clip_rule_on_boundaries)
{
	/* gp_clip: the later start, the earlier end, the winner's precision. */
	geopol_date y1990 = tu_date("1990"), d1990 = tu_date("1990-10-03"), y2000 = tu_date("2000");
	gp_span f = {gp_from_lo(y1990), gp_from_hi(y1990), GP_OPEN_END, GP_OPEN_END, 1, 0};
	gp_span a = {gp_from_lo(d1990), gp_from_hi(d1990), gp_to_lo(y2000), gp_to_hi(y2000), 3, 1};
	gp_span b = {GP_OPEN_START, GP_OPEN_START, GP_OPEN_END, GP_OPEN_END, 0, 0};
	int changed = 0;
	ck_assert_int_eq(gp_clip(&f, &a, &b, &changed), 1);
	ck_assert_int_eq(changed, 1);
	ck_assert_int_eq(f.flo, d1990.day);
	ck_assert_int_eq(f.fhi, gp_from_hi(y1990));   /* exact: the year may end later */
	ck_assert_int_eq(f.fprec, GEOPOL_DATE_DAY);
	ck_assert_int_eq(f.tlo, y2000.day);
	ck_assert_int_eq(f.tprec, GEOPOL_DATE_YEAR);
	/* An entity that ends the day the fact starts leaves nothing. */
	gp_span g = {d1990.day, d1990.day, GP_OPEN_END, GP_OPEN_END, 3, 0};
	gp_span dead = {GP_OPEN_START, GP_OPEN_START, d1990.day, d1990.day, 0, 3};
	ck_assert_int_eq(gp_clip(&g, &dead, &b, &changed), 0);
	/* Within both lives: unchanged. */
	gp_span h = {d1990.day, d1990.day, y2000.day, y2000.day, 3, 3};
	ck_assert_int_eq(gp_clip(&h, &b, &b, &changed), 1);
	ck_assert_int_eq(changed, 0);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("time");
	TCase *core = tcase_create("core");
	tcase_add_test(core, test_time_events__window_certainty_on_boundary_days);
	tcase_add_test(core, test_time_events__history_and_diff_carry_the_window);
	tcase_add_test(core, test_time_events__json_row_shows_certainty);
	tcase_add_test(core, test_time_stages__signed_ratified_in_force_on_boundary_days);
	tcase_add_test(core, test_time_stages__de_jure_and_de_facto);
	tcase_add_test(core, test_time_stages__diff_snapshot_and_memberships_follow_the_stages);
	tcase_add_test(core, test_time_stages__bad_input_writes_nothing);
	tcase_add_test(core, test_time_lives__snapshot_clips_to_the_entities_lives);
	tcase_add_test(core, test_time_lives__clipped_facts_listed);
	tcase_add_test(core, test_time_lives__clip_rule_on_boundaries);
	tcase_add_test(core, test_time_lives__answers_at_d_clip_to_the_lives_known_at_k);
	tcase_add_test(core, test_time_lives__check_reports_clipped_facts);
	suite_add_tcase(s, core);
	return tu_run(s);
}
