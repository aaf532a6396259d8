/*
 * check_query.c - the "at D" questions (lib/query/query.c) on the small
 * world of common_util.c, on the days a user checks: the first day of a
 * membership and the day before, its end (exclusive) and the day before,
 * a year-precise start (possible through its year but its last day, definite from then), a
 * question asked for a whole year, "as known" before a correction, the
 * organizations two entities share, relations with anyone or one other,
 * names by language and date, entities by kind, uncited facts, and the
 * errors that name the bad code.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "test_util.h"

static geopol_db *db;

static void setup(void)
{
	db = tu_open();
	ck_assert_msg(tu_import(db, TU_WORLD) == GEOPOL_OK, "import: %s", geopol_errmsg(db));
}

static void teardown(void)
{
	geopol_close(db);
	db = NULL;
}

static void expect_members(const char *at, unsigned flags, int64_t known_at, const char *want)
{
	char *got = tu_members(db, "ORG", at, flags, known_at);
	ck_assert_msg(strcmp(got, want) == 0, "ORG at %s: got\n%s\nwant\n%s", at, got, want);
	free(got);
}

/* A membership holds from its first day to the day before its end. */
START_TEST(test_query_members__boundary_days)
{
	expect_members("1992-05-14", 0, 0, "");
	expect_members("1992-05-15", 0, 0,
		       "AAA founding_member definite\nBBB founding_member definite");
	expect_members("1999-04-19", 0, 0,
		       "AAA founding_member definite\nBBB founding_member definite");
	expect_members("1999-04-20", 0, 0, "AAA founding_member definite");
	expect_members("2006-08-15", 0, 0, "AAA founding_member definite");
	expect_members("2006-08-16", 0, 0, "AAA founding_member definite\nBBB member definite");
	expect_members("2012-12-18", 0, 0, "AAA founding_member definite\nBBB member definite");
	expect_members("2012-12-19", 0, 0, "AAA founding_member definite");
}
END_TEST

/* CCC is a member "from 2015": not before 2015, possible on the days of 2015
 * it may not have joined by, definite from its last day on; left out of
 * a definite-only answer while possible. */
START_TEST(test_query_members__year_precise_start)
{
	expect_members("2014-12-31", 0, 0, "AAA founding_member definite");
	expect_members("2015-01-01", 0, 0, "AAA founding_member definite\nCCC member possible");
	expect_members("2015-12-30", 0, 0, "AAA founding_member definite\nCCC member possible");
	expect_members("2015-12-31", 0, 0, "AAA founding_member definite\nCCC member definite");
	expect_members("2016-01-01", 0, 0, "AAA founding_member definite\nCCC member definite");
	expect_members("2015-06-01", GEOPOL_DEFINITE_ONLY, 0, "AAA founding_member definite");
	expect_members("2016-01-01", GEOPOL_DEFINITE_ONLY, 0,
		       "AAA founding_member definite\nCCC member definite");
}
END_TEST

/* A year or a month asked: definite when the fact holds on every day of
 * it, possible when on some. */
START_TEST(test_query_members__partial_dates)
{
	expect_members("1999", 0, 0, "AAA founding_member definite\nBBB founding_member possible");
	expect_members("1999-04", 0, 0, "AAA founding_member definite\nBBB founding_member possible");
	expect_members("1999-03", 0, 0, "AAA founding_member definite\nBBB founding_member definite");
	expect_members("2012", 0, 0, "AAA founding_member definite\nBBB member possible");
	expect_members("2015", 0, 0, "AAA founding_member definite\nCCC member possible");
	expect_members("2016", 0, 0, "AAA founding_member definite\nCCC member definite");
}
END_TEST

/* A correction is an answer from then on: asked as known before it, the
 * answer is the earlier one. */
START_TEST(test_query_members__known_before_a_correction)
{
	geopol_iter *it;
	const geopol_item *item;
	ck_assert_int_eq(geopol_memberships(&it, db, "CCC", tu_date("2016-01-01"), NULL), GEOPOL_OK);
	ck_assert_int_eq(geopol_iter_next(it, &item), GEOPOL_OK);
	int64_t fact = item->membership->fact_id;
	geopol_iter_free(it);
	int64_t before = geopol_now(db);
	geopol_membership_spec m = GEOPOL_MEMBERSHIP_SPEC_INIT;
	m.org = "ORG";
	m.member = "CCC";
	m.from = tu_date("2016-03-01");
	ck_assert_msg(geopol_membership_correct(db, fact, &m) == GEOPOL_OK, "%s", geopol_errmsg(db));
	expect_members("2016-01-01", 0, 0, "AAA founding_member definite");
	expect_members("2016-03-01", 0, 0, "AAA founding_member definite\nCCC member definite");
	expect_members("2016-01-01", 0, before, "AAA founding_member definite\nCCC member definite");
	expect_members("2015-06-01", 0, before, "AAA founding_member definite\nCCC member possible");
}
END_TEST

/* rc and the iterator a question gave (read after the call). */
static char *lines(int rc, geopol_iter **it)
{
	ck_assert_msg(rc == GEOPOL_OK, "%s", geopol_errmsg(db));
	return tu_lines(*it);
}

static void expect(char *got, const char *want)
{
	ck_assert_msg(strcmp(got, want) == 0, "got\n%s\nwant\n%s", got, want);
	free(got);
}

/* An entity's organizations; the ones two entities share, a's row then
 * b's; on BBB's last day in ORG and the day it left. */
START_TEST(test_query_memberships__and_common)
{
	geopol_iter *it;
	expect(lines(geopol_memberships(&it, db, "BBB", tu_date("2012-12-18"), NULL), &it),
	       "ORG BBB member definite");
	expect(lines(geopol_memberships(&it, db, "BBB", tu_date("2012-12-19"), NULL), &it), "");
	expect(lines(geopol_common(&it, db, "AAA", "BBB", tu_date("2012-12-18"), NULL), &it),
	       "ORG AAA founding_member definite\nORG BBB member definite");
	expect(lines(geopol_common(&it, db, "AAA", "BBB", tu_date("2012-12-19"), NULL), &it), "");
	/* the pair's certainty is the weaker of the two */
	expect(lines(geopol_common(&it, db, "CCC", "AAA", tu_date("2015-06-01"), NULL), &it),
	       "ORG CCC member possible\nORG AAA founding_member possible");
	/* a state has no members: an empty answer, no error */
	expect(lines(geopol_members(&it, db, "AAA", tu_date("2015-06-01"), NULL), &it), "");
}
END_TEST

/* The partnership of AAA and BBB ends on 2025-11-12, the day their
 * alliance begins; sanctions "from 2014-03" are possible in March 2014. */
START_TEST(test_query_relations__boundary_days)
{
	geopol_iter *it;
	expect(lines(geopol_relations(&it, db, "AAA", "BBB", tu_date("1999-12-31"), NULL), &it), "");
	expect(lines(geopol_relations(&it, db, "AAA", "BBB", tu_date("2000-01-01"), NULL), &it),
	       "AAA BBB strategic_partnership definite");
	expect(lines(geopol_relations(&it, db, "AAA", "BBB", tu_date("2025-11-11"), NULL), &it),
	       "AAA BBB strategic_partnership definite");
	expect(lines(geopol_relations(&it, db, "BBB", "AAA", tu_date("2025-11-12"), NULL), &it),
	       "BBB AAA comprehensive_strategic_partnership_alliance definite");
	expect(lines(geopol_relations(&it, db, "AAA", "CCC", tu_date("2014-02-28"), NULL), &it), "");
	expect(lines(geopol_relations(&it, db, "AAA", "CCC", tu_date("2014-03-15"), NULL), &it),
	       "AAA CCC sanctions possible");
	expect(lines(geopol_relations(&it, db, "AAA", "CCC", tu_date("2014-04-01"), NULL), &it),
	       "AAA CCC sanctions definite");
	/* with anyone: the boss's office from 2019-03-20 too */
	expect(lines(geopol_relations(&it, db, "AAA", NULL, tu_date("2019-03-20"), NULL), &it),
	       "AAA BBB strategic_partnership definite\nAAA CCC sanctions definite\n"
	       "boss AAA head_of_state definite");
	expect(lines(geopol_relations(&it, db, "AAA", NULL, tu_date("2019-03-19"), NULL), &it),
	       "AAA BBB strategic_partnership definite\nAAA CCC sanctions definite");
}
END_TEST

/* Names by language, every language, and the entities by kind. */
START_TEST(test_query_names_entities)
{
	geopol_iter *it;
	geopol_date any = GEOPOL_DATE_OPEN_INIT;
	expect(lines(geopol_names(&it, db, "ORG", NULL, any, NULL), &it),
	       "ar المنظمة\nen The Organization");
	expect(lines(geopol_names(&it, db, "ORG", "ar", any, NULL), &it), "ar المنظمة");
	expect(lines(geopol_names(&it, db, "ORG", "fr", any, NULL), &it), "");
	expect(lines(geopol_entities(&it, db, GEOPOL_KIND_STATE, NULL), &it), "AAA\nBBB\nCCC");
	expect(lines(geopol_entities(&it, db, 0, NULL), &it), "AAA\nBBB\nCCC\nORG\nboss");
	expect(lines(geopol_entity_get(&it, db, "boss", NULL), &it), "boss");
	/* CCC's membership and two relations cite nothing, nor the names of
	 * AAA, BBB, CCC and the boss, ORG's English one, nor the visit */
	expect(lines(geopol_uncited(&it, db, NULL), &it),
	       "ORG CCC member definite\nAAA CCC sanctions definite\n"
	       "boss AAA head_of_state definite\n2020-02 042 A visit\n"
	       "en Aland\nen Bland\nen Cland\nen The Organization\nen The Boss");
}
END_TEST

/* A bad code is named, and no iterator is returned. */
START_TEST(test_query__errors)
{
	geopol_iter *it = (geopol_iter *)&it;
	ck_assert_int_eq(geopol_members(&it, db, "ZZZ", tu_date("2020-01-01"), NULL), GEOPOL_ENOTFOUND);
	ck_assert_ptr_null(it);
	ck_assert_str_eq(geopol_errmsg(db), "field 'org': unknown entity 'ZZZ'");
	ck_assert_int_eq(geopol_common(&it, db, "AAA", "YYY", tu_date("2020-01-01"), NULL),
			 GEOPOL_ENOTFOUND);
	ck_assert_str_eq(geopol_errmsg(db), "field 'other': unknown entity 'YYY'");
	ck_assert_int_eq(geopol_relations(&it, db, NULL, NULL, tu_date("2020-01-01"), NULL),
			 GEOPOL_EINVAL);
	ck_assert_str_eq(geopol_errmsg(db), "field 'entity': no entity code given");
	ck_assert_int_eq(geopol_entities(&it, db, 99, NULL), GEOPOL_EINVAL);
	ck_assert_str_eq(geopol_errmsg(db), "unknown entity kind 99");
	ck_assert_int_eq(geopol_pledges(&it, db, "AAA", "BBB", "attack", tu_date("2020-01-01"), NULL),
			 GEOPOL_EINVAL);
	ck_assert_str_eq(geopol_errmsg(db), "unknown obligation 'attack' (defense, offense, neutrality, non_aggression, consultation)");
	ck_assert_int_eq(geopol_members(NULL, db, "ORG", tu_date("2020-01-01"), NULL), GEOPOL_EMISUSE);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("query");
	TCase *core = tcase_create("core");
	tcase_add_checked_fixture(core, setup, teardown);
	tcase_add_test(core, test_query_members__boundary_days);
	tcase_add_test(core, test_query_members__year_precise_start);
	tcase_add_test(core, test_query_members__partial_dates);
	tcase_add_test(core, test_query_members__known_before_a_correction);
	tcase_add_test(core, test_query_memberships__and_common);
	tcase_add_test(core, test_query_relations__boundary_days);
	tcase_add_test(core, test_query_names_entities);
	tcase_add_test(core, test_query__errors);
	suite_add_tcase(s, core);
	return tu_run(s);
}
