/*
 * check_temporal.c - the temporal rules (lib/core/temporal.h) on their
 * boundary days: holds at D for a half-open [lo, hi), certainty with
 * imprecise ends, known at k at the recorded-time boundaries, definite
 * overlap; that the SQL fragments say what the C predicates say (on the
 * suite's store: SQLite, or PostgreSQL with GEOPOL_TEST_PG=1); and that
 * the engines (SQL, the in-memory index, the snapshot with and without the
 * packed blocks) answer the same on those days.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "test_util.h"
#include "core/geopol_internal.h"
#include "store/memindex_internal.h"
#include "store/pack_internal.h"

static int64_t day(const char *s)
{
	return tu_date(s).day;
}

/* A stored interval from two partial dates ("" for an open end). */
static gp_span span_of(const char *from, const char *to)
{
	geopol_date f = GEOPOL_DATE_OPEN_INIT, t = GEOPOL_DATE_OPEN_INIT;
	if (*from)
		f = tu_date(from);
	if (*to)
		t = tu_date(to);
	return (gp_span){gp_from_lo(f), gp_from_hi(f), gp_to_lo(t), gp_to_hi(t), f.precision,
			 t.precision};
}

static int cert_at(gp_span s, const char *at)
{
	int64_t lo, hi;
	gp_at_span(tu_date(at), &lo, &hi);
	return gp_certainty(s.flo, s.fhi, s.tlo, s.thi, lo, hi);
}

START_TEST(test_temporal_holds__half_open_day_bounds)
{
	/* [2020-03-10, 2020-06-01): holds on its first day and on the day
	 * before its end, not on the end day, definite wherever it holds. */
	gp_span s = span_of("2020-03-10", "2020-06-01");
	int64_t lo = day("2020-03-10"), hi = day("2020-06-01");
	ck_assert(!gp_holds(s.flo, s.thi, lo - 1, lo - 1));
	ck_assert(gp_holds(s.flo, s.thi, lo, lo));
	ck_assert(gp_holds(s.flo, s.thi, hi - 1, hi - 1));
	ck_assert(!gp_holds(s.flo, s.thi, hi, hi));
	ck_assert_int_eq(cert_at(s, "2020-03-09"), 0);
	ck_assert_int_eq(cert_at(s, "2020-03-10"), GEOPOL_DEFINITE);
	ck_assert_int_eq(cert_at(s, "2020-05-31"), GEOPOL_DEFINITE);
	ck_assert_int_eq(cert_at(s, "2020-06-01"), 0);
	/* A span of days: March holds on some days only, April on all. */
	ck_assert_int_eq(cert_at(s, "2020-03"), GEOPOL_POSSIBLE);
	ck_assert_int_eq(cert_at(s, "2020-04"), GEOPOL_DEFINITE);
	ck_assert_int_eq(cert_at(s, "2020-06"), 0);
	ck_assert_int_eq(cert_at(s, "2020"), GEOPOL_POSSIBLE);
	/* No span asked (dlo > dhi): definite. */
	ck_assert_int_eq(gp_certainty(s.flo, s.fhi, s.tlo, s.thi, 1, 0), GEOPOL_DEFINITE);
}
END_TEST

START_TEST(test_temporal_certainty__imprecise_ends)
{
	/* [2015, 2020): the start may be any day of 2015, the end any day of
	 * 2020; on 2020-12-31 no reading leaves the fact in force (the end
	 * day is outside [from, to)). */
	gp_span s = span_of("2015", "2020");
	ck_assert_int_eq(cert_at(s, "2014-12-31"), 0);
	ck_assert_int_eq(cert_at(s, "2015-01-01"), GEOPOL_POSSIBLE);
	ck_assert_int_eq(cert_at(s, "2015-12-30"), GEOPOL_POSSIBLE);
	/* Every reading of the start has begun by its last day. */
	ck_assert_int_eq(cert_at(s, "2015-12-31"), GEOPOL_DEFINITE);
	ck_assert_int_eq(cert_at(s, "2019-12-31"), GEOPOL_DEFINITE);
	ck_assert_int_eq(cert_at(s, "2020-01-01"), GEOPOL_POSSIBLE);
	ck_assert_int_eq(cert_at(s, "2020-12-30"), GEOPOL_POSSIBLE);
	ck_assert_int_eq(cert_at(s, "2020-12-31"), 0);
	/* Open ends: definite from the start on, before it nothing. */
	gp_span open = span_of("", "2001-05");
	ck_assert_int_eq(cert_at(open, "0001-01-01"), GEOPOL_DEFINITE);
	ck_assert_int_eq(cert_at(open, "2001-04-30"), GEOPOL_DEFINITE);
	ck_assert_int_eq(cert_at(open, "2001-05-01"), GEOPOL_POSSIBLE);
	ck_assert_int_eq(cert_at(open, "2001-05-31"), 0);
	gp_span since = span_of("2001-05", "");
	ck_assert_int_eq(cert_at(since, "9999-12-31"), GEOPOL_DEFINITE);
}
END_TEST

START_TEST(test_temporal_windows__events_and_overlap)
{
	int64_t wlo = day("2022-01-01"), whi = day("2022-01-31");
	/* An event on a day, in a month, in a year, against January. */
	ck_assert_int_eq(gp_event_certainty(wlo, wlo, wlo, whi), GEOPOL_DEFINITE);
	ck_assert_int_eq(gp_event_certainty(whi, whi, wlo, whi), GEOPOL_DEFINITE);
	ck_assert_int_eq(gp_event_certainty(whi + 1, whi + 1, wlo, whi), 0);
	ck_assert_int_eq(gp_event_certainty(wlo - 1, wlo - 1, wlo, whi), 0);
	ck_assert_int_eq(gp_event_certainty(day("2022-01-01"), day("2022-12-31"), wlo, whi),
			 GEOPOL_POSSIBLE);
	/* A fact ending 2022-01-01 exactly holds on no day of January; one
	 * ending in 2022 (any day) may; one ending 2022-01-02 does. */
	gp_span a = span_of("2000", "2022-01-01"), b = span_of("2000", "2022"),
		c = span_of("2000", "2022-01-02");
	ck_assert_int_eq(gp_overlap_certainty(a.flo, a.fhi, a.tlo, a.thi, wlo, whi), 0);
	ck_assert_int_eq(gp_overlap_certainty(b.flo, b.fhi, b.tlo, b.thi, wlo, whi), GEOPOL_POSSIBLE);
	ck_assert_int_eq(gp_overlap_certainty(c.flo, c.fhi, c.tlo, c.thi, wlo, whi), GEOPOL_DEFINITE);
}
END_TEST

START_TEST(test_temporal_known__recorded_bounds)
{
	ck_assert(!gp_known(100, 200, 99));
	ck_assert(gp_known(100, 200, 100));
	ck_assert(gp_known(100, 200, 199));
	ck_assert(!gp_known(100, 200, 200));
	/* Current knowledge: the current row, not a closed one. */
	ck_assert(gp_known(100, GP_REC_CURRENT, GP_K_CURRENT));
	ck_assert(!gp_known(100, 200, GP_K_CURRENT));
	ck_assert(!gp_known(GP_K_CURRENT + 1, GP_REC_CURRENT, GP_K_CURRENT));
	/* The SQL spelling of "current" is the C value. */
	ck_assert_int_eq(strtoll(GP_SQL_REC_CURRENT, NULL, 10), GP_REC_CURRENT);
}
END_TEST

START_TEST(test_temporal_conflict__definite_overlap)
{
	/* [1992, 2012) and [2012, ..) may touch: no conflict; [1992, 2013)
	 * and [2012, ..) share 2012 whatever the days: a conflict. */
	gp_span a = span_of("1992", "2012"), b = span_of("2012", ""), c = span_of("1992", "2013");
	ck_assert(!gp_overlaps_definitely(a.fhi, a.tlo, b.fhi, b.tlo));
	ck_assert(!gp_overlaps_definitely(b.fhi, b.tlo, a.fhi, a.tlo));
	ck_assert(gp_overlaps_definitely(c.fhi, c.tlo, b.fhi, b.tlo));
	/* Days: [d, e) and [e, ..) touch; [d, e + 1) and [e, ..) share e. */
	gp_span d = span_of("2020-01-01", "2020-02-01"), e = span_of("2020-02-01", ""),
		f = span_of("2020-01-01", "2020-02-02");
	ck_assert(!gp_overlaps_definitely(d.fhi, d.tlo, e.fhi, e.tlo));
	ck_assert(gp_overlaps_definitely(f.fhi, f.tlo, e.fhi, e.tlo));
}
END_TEST

/* ---- the SQL fragments against the C predicates, on a grid of days */

/* The one integer a fragment's query gives, on the suite's store (the
 * PostgreSQL store runs the same fragments with $n parameters). */
static int64_t sql_int(geopol_db *db, const char *sql, const int64_t *v, int n)
{
	tu_param p[4];
	for (int i = 0; i < n; i++)
		p[i] = TU_INT(v[i]);
	char *rows = tu_rows(db, sql, n, p);
	char *end;
	int64_t r = strtoll(rows, &end, 10);
	ck_assert_msg(*rows && !*end, "%s: %s", sql, rows);
	free(rows);
	return r;
}

START_TEST(test_temporal_sql__says_what_c_says)
{
	geopol_db *db = tu_open();
	static const char holds[] = "SELECT count(*) FROM (SELECT $1 AS from_lo, $2 AS to_hi) t "
		"WHERE " GP_SQL_HOLDS_AT("t", "$3", "$4");
	static const char known[] = "SELECT count(*) FROM (SELECT $1 AS rec_from, $2 AS rec_to) t "
		"WHERE " GP_SQL_KNOWN_AT("t", "$3");
	static const char overlap[] = "SELECT count(*) FROM (SELECT $1 AS from_hi, $2 AS to_lo) t "
		"WHERE " GP_SQL_OVERLAPS_DEFINITELY("t", "$4", "$3");
	static const char current[] = "SELECT count(*) FROM (SELECT $1 AS rec_to) t WHERE "
		GP_SQL_CURRENT("t");
	for (int64_t lo = 0; lo < 4; lo++)
		for (int64_t hi = lo; hi < 5; hi++)
			for (int64_t dlo = -1; dlo < 6; dlo++)
				for (int64_t dhi = dlo; dhi < 6; dhi++) {
					int64_t v[4] = {lo, hi, dlo, dhi};
					ck_assert_int_eq(sql_int(db, holds, v, 4), gp_holds(lo, hi, dlo, dhi));
					ck_assert_int_eq(sql_int(db, known, v, 3), gp_known(lo, hi, dlo));
					ck_assert_int_eq(sql_int(db, overlap, v, 4),
							 gp_overlaps_definitely(lo, hi, dlo, dhi));
				}
	int64_t cur[2] = {GP_REC_CURRENT, GP_K_CURRENT};
	ck_assert_int_eq(sql_int(db, current, &cur[0], 1), 1);
	ck_assert_int_eq(sql_int(db, current, &cur[1], 1), 0);
	geopol_close(db);
}
END_TEST

/* ---- the engines on the boundary days */

#define BLOCK 2   /* ids per packed block: the small world fills several */

/* members of ORG at a date, through SQL, the in-memory index, and the
 * snapshot read from the tables and from the packed blocks. */
static char *members_by(geopol_db *db, const char *at, int engine, int64_t known_at)
{
	geopol_query q = GEOPOL_QUERY_INIT;
	q.known_at = known_at;
	if (engine < 2) {
		gp_memindex_mode(db, engine ? GP_MEMINDEX_ALWAYS : GP_MEMINDEX_OFF);
		return tu_members(db, "ORG", at, 0, known_at);
	}
	gp_pack_config(db, BLOCK, engine == 3);
	geopol_iter *it;
	ck_assert_int_eq(geopol_snapshot(&it, db, tu_date(at), &q), GEOPOL_OK);
	const geopol_item *item;
	char *out = calloc(1, 4096);
	size_t len = 0;
	int rc;
	while ((rc = geopol_iter_next(it, &item)) == GEOPOL_OK) {
		const geopol_membership *m = item->membership;
		if (item->kind != GEOPOL_ITEM_MEMBERSHIP || strcmp(m->org, "ORG") != 0)
			continue;
		len += (size_t)snprintf(out + len, 4096 - len, "%s%s %s %s", len ? "\n" : "", m->member,
					geopol_role_name(m->role), geopol_certainty_name(m->certainty));
	}
	ck_assert_int_eq(rc, GEOPOL_ITEROVER);
	geopol_iter_free(it);
	return out;
}

static void members_are(geopol_db *db, const char *at, int64_t known_at, const char *want)
{
	static const char *const names[] = {"SQL", "memindex", "snapshot (tables)",
					    "snapshot (blocks)"};
	for (int engine = 0; engine < 4; engine++) {
		if (engine == 1 && known_at)
			continue;   /* the index holds current knowledge only */
		char *got = members_by(db, at, engine, known_at);
		ck_assert_msg(strcmp(got, want) == 0, "%s at %s: got\n%s\nwant\n%s", names[engine], at,
			      got, want);
		free(got);
	}
}

START_TEST(test_temporal_engines__agree_on_boundary_days)
{
	geopol_db *db = tu_open();
	gp_pack_config(db, BLOCK, 1);
	ck_assert_msg(tu_import(db, TU_WORLD) == GEOPOL_OK, "import: %s", geopol_errmsg(db));
	/* SQLite's packed blocks; on PostgreSQL the four "engines" are its
	 * one answer, asked four times. */
	if (!tu_on_pg(db))
		ck_assert_int_gt(tu_count(db, "SELECT count(*) FROM edge_pack"), 0);
	/* BBB [2006-08-16, 2012-12-19); CCC since 2015 (a year). */
	members_are(db, "2012-12-18", 0, "AAA founding_member definite\nBBB member definite");
	members_are(db, "2012-12-19", 0, "AAA founding_member definite");
	members_are(db, "2006-08-15", 0, "AAA founding_member definite");
	members_are(db, "2006-08-16", 0, "AAA founding_member definite\nBBB member definite");
	members_are(db, "2015-06-01", 0, "AAA founding_member definite\nCCC member possible");
	members_are(db, "2016-01-01", 0, "AAA founding_member definite\nCCC member definite");
	geopol_close(db);
}
END_TEST

START_TEST(test_temporal_engines__known_at_recorded_bounds)
{
	geopol_db *db = tu_open();
	gp_pack_config(db, BLOCK, 1);
	geopol_set_clock(db, 1000000);
	ck_assert_msg(tu_import(db, TU_WORLD) == GEOPOL_OK, "import: %s", geopol_errmsg(db));
	int64_t fact = tu_count(db, "SELECT m.fact_id FROM membership m JOIN entity e ON "
				    "e.id = m.member_id WHERE e.code = 'CCC'");
	int64_t learned = tu_count(db, "SELECT m.rec_from FROM membership m JOIN entity e ON "
				       "e.id = m.member_id WHERE e.code = 'CCC'");
	geopol_set_clock(db, 2000000);
	ck_assert_int_eq(geopol_retract(db, GEOPOL_FACT_MEMBERSHIP, fact), GEOPOL_OK);
	int64_t closed = tu_count(db, "SELECT m.rec_to FROM membership m JOIN entity e ON "
				      "e.id = m.member_id WHERE e.code = 'CCC'");
	ck_assert_int_gt(closed, learned);
	const char *with = "AAA founding_member definite\nCCC member definite";
	const char *without = "AAA founding_member definite";
	members_are(db, "2016-01-01", learned - 1, "");
	members_are(db, "2016-01-01", learned, with);
	members_are(db, "2016-01-01", closed - 1, with);
	members_are(db, "2016-01-01", closed, without);
	members_are(db, "2016-01-01", 0, without);
	geopol_close(db);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("temporal");
	TCase *core = tcase_create("core"), *engines = tcase_create("engines");
	tcase_add_test(core, test_temporal_holds__half_open_day_bounds);
	tcase_add_test(core, test_temporal_certainty__imprecise_ends);
	tcase_add_test(core, test_temporal_windows__events_and_overlap);
	tcase_add_test(core, test_temporal_known__recorded_bounds);
	tcase_add_test(core, test_temporal_conflict__definite_overlap);
	tcase_add_test(core, test_temporal_sql__says_what_c_says);
	tcase_add_test(engines, test_temporal_engines__agree_on_boundary_days);
	tcase_add_test(engines, test_temporal_engines__known_at_recorded_bounds);
	suite_add_tcase(s, core);
	suite_add_tcase(s, engines);
	return tu_run(s);
}
