/*
 * check_core.c - the temporal model end to end on a small world: a state
 * that leaves an organization and rejoins it, a membership "since 2015", a
 * fact corrected later; members on every boundary day, the certainty of
 * each row, and the "as known on" answers before and after the correction.
 */
#include <check.h>
#include <stdlib.h>
#include <string.h>
#include <stdio.h>
#include <unistd.h>

#include "test_util.h"
#include "core/geopol_internal.h"

static geopol_db *world(void)
{
	geopol_db *db = tu_open();
	ck_assert_msg(tu_import(db, TU_WORLD) == GEOPOL_OK, "import: %s", geopol_errmsg(db));
	return db;
}

static void expect_members(geopol_db *db, const char *at, unsigned flags, const char *want)
{
	char *got = tu_members(db, "ORG", at, flags, 0);
	ck_assert_msg(strcmp(got, want) == 0, "members at %s:\n got: %s\nwant: %s", at, got, want);
	free(got);
}

START_TEST(test_core_members__leaves_and_rejoins)
{
	geopol_db *db = world();
	expect_members(db, "1992-05-14", 0, "");
	expect_members(db, "1992-05-15", 0, "AAA founding_member definite\nBBB founding_member definite");
	expect_members(db, "1999-04-19", 0, "AAA founding_member definite\nBBB founding_member definite");
	expect_members(db, "1999-04-20", 0, "AAA founding_member definite");
	expect_members(db, "2006-08-15", 0, "AAA founding_member definite");
	expect_members(db, "2006-08-16", 0, "AAA founding_member definite\nBBB member definite");
	expect_members(db, "2012-12-18", 0, "AAA founding_member definite\nBBB member definite");
	expect_members(db, "2012-12-19", 0, "AAA founding_member definite");
	geopol_close(db);
}
END_TEST

START_TEST(test_core_members__since_2015_is_possible_during_2015)
{
	geopol_db *db = world();
	expect_members(db, "2014-12-31", 0, "AAA founding_member definite");
	expect_members(db, "2015-01-01", 0, "AAA founding_member definite\nCCC member possible");
	expect_members(db, "2015-06-01", 0, "AAA founding_member definite\nCCC member possible");
	expect_members(db, "2015-06-01", GEOPOL_DEFINITE_ONLY, "AAA founding_member definite");
	expect_members(db, "2015-12-31", 0, "AAA founding_member definite\nCCC member definite");
	expect_members(db, "2016-01-01", GEOPOL_DEFINITE_ONLY,
		       "AAA founding_member definite\nCCC member definite");
	/* Asked about the whole of 2012: BBB left during it. */
	expect_members(db, "2012", 0, "AAA founding_member definite\nBBB member possible");
	geopol_close(db);
}
END_TEST

START_TEST(test_core_memberships__sources_quoted)
{
	geopol_db *db = world();
	geopol_iter *it;
	ck_assert_int_eq(geopol_memberships(&it, db, "BBB", tu_date("2010-01-01"), NULL), GEOPOL_OK);
	const geopol_item *item;
	ck_assert_int_eq(geopol_iter_next(it, &item), GEOPOL_OK);
	ck_assert_str_eq(item->membership->org, "ORG");
	char from[GEOPOL_DATE_BUFSIZE], to[GEOPOL_DATE_BUFSIZE];
	geopol_date_format(item->membership->from, from, sizeof from);
	geopol_date_format(item->membership->to, to, sizeof to);
	ck_assert_str_eq(from, "2006-08-16");
	ck_assert_str_eq(to, "2012-12-19");
	const geopol_citation *c;
	size_t n;
	ck_assert_int_eq(geopol_iter_citations(it, &c, &n), GEOPOL_OK);
	ck_assert_uint_eq(n, 2);
	ck_assert_str_eq(c[0].source, "news");
	ck_assert_str_eq(c[0].quote, "عادت");
	ck_assert_str_eq(c[0].title, "A newspaper");
	ck_assert_str_eq(c[1].source, "treaty");
	ck_assert_ptr_null(c[1].quote);
	char *json;
	ck_assert_int_eq(geopol_iter_json(it, &json), GEOPOL_OK);
	ck_assert_str_eq(json, "{\"org\":\"ORG\",\"member\":\"BBB\",\"role\":\"member\","
			 "\"from\":\"2006-08-16\",\"to\":\"2012-12-19\",\"certainty\":\"definite\","
			 "\"stage\":\"in_force\",\"coding\":\"curated\","
			 "\"sources\":[{\"source\":\"news\",\"quote\":\"عادت\"},"
			 "{\"source\":\"treaty\",\"quote\":null}]}");
	geopol_free(json);
	ck_assert_int_eq(geopol_iter_next(it, &item), GEOPOL_ITEROVER);
	ck_assert_int_eq(geopol_iter_next(it, &item), GEOPOL_ITEROVER);
	geopol_iter_free(it);
	geopol_close(db);
}
END_TEST

START_TEST(test_core_relations__before_and_after)
{
	geopol_db *db = world();
	geopol_iter *it;
	ck_assert_int_eq(geopol_relations(&it, db, "AAA", "BBB", tu_date("2025-06-01"), NULL), GEOPOL_OK);
	char *got = tu_lines(it);
	ck_assert_str_eq(got, "AAA BBB strategic_partnership definite");
	free(got);
	ck_assert_int_eq(geopol_relations(&it, db, "BBB", "AAA", tu_date("2025-11-12"), NULL), GEOPOL_OK);
	got = tu_lines(it);
	ck_assert_str_eq(got, "BBB AAA comprehensive_strategic_partnership_alliance definite");
	free(got);
	/* All of AAA's relations at 2022: sanctions since "2014-03", the
	 * partnership, the head of state. */
	ck_assert_int_eq(geopol_relations(&it, db, "AAA", NULL, tu_date("2022-01-01"), NULL), GEOPOL_OK);
	got = tu_lines(it);
	ck_assert_str_eq(got, "AAA BBB strategic_partnership definite\n"
			      "AAA CCC sanctions definite\n"
			      "boss AAA head_of_state definite");
	free(got);
	ck_assert_int_eq(geopol_relations(&it, db, "AAA", "CCC", tu_date("2014-03-10"), NULL), GEOPOL_OK);
	got = tu_lines(it);
	ck_assert_str_eq(got, "AAA CCC sanctions possible");
	free(got);
	geopol_close(db);
}
END_TEST

START_TEST(test_core_common__shared_organizations)
{
	geopol_db *db = world();
	geopol_iter *it;
	ck_assert_int_eq(geopol_common(&it, db, "AAA", "BBB", tu_date("2010-01-01"), NULL), GEOPOL_OK);
	char *got = tu_lines(it);
	ck_assert_str_eq(got, "ORG AAA founding_member definite\nORG BBB member definite");
	free(got);
	ck_assert_int_eq(geopol_common(&it, db, "AAA", "BBB", tu_date("2001-01-01"), NULL), GEOPOL_OK);
	got = tu_lines(it);
	ck_assert_str_eq(got, "");
	free(got);
	/* CCC is only possibly a member in 2015: the pair is possible. */
	ck_assert_int_eq(geopol_common(&it, db, "AAA", "CCC", tu_date("2015-03-01"), NULL), GEOPOL_OK);
	got = tu_lines(it);
	ck_assert_str_eq(got, "ORG AAA founding_member possible\nORG CCC member possible");
	free(got);
	geopol_close(db);
}
END_TEST

START_TEST(test_core_correction__as_known_on)
{
	geopol_db *db = tu_open();
	geopol_set_clock(db, 1000);
	ck_assert_int_eq(tu_import(db, TU_WORLD), GEOPOL_OK);
	/* CCC's membership, first recorded "since 2015", is corrected at
	 * recorded time 2000 to 2015-03-01. */
	geopol_iter *it;
	ck_assert_int_eq(geopol_memberships(&it, db, "CCC", tu_date("2016-01-01"), NULL), GEOPOL_OK);
	const geopol_item *item;
	ck_assert_int_eq(geopol_iter_next(it, &item), GEOPOL_OK);
	int64_t fact = item->membership->fact_id;
	geopol_iter_free(it);
	geopol_membership_spec fix = GEOPOL_MEMBERSHIP_SPEC_INIT;
	fix.org = "ORG";
	fix.member = "CCC";
	fix.from = tu_date("2015-03-01");
	geopol_set_clock(db, 2000);
	ck_assert_int_eq(geopol_cite(db, GEOPOL_FACT_MEMBERSHIP, fact, "treaty", "ratified"), GEOPOL_OK);
	ck_assert_int_eq(geopol_membership_correct(db, fact, &fix), GEOPOL_OK);
	/* Now: definite from 2015-03-01, absent before. */
	expect_members(db, "2015-03-01", 0, "AAA founding_member definite\nCCC member definite");
	expect_members(db, "2015-02-28", 0, "AAA founding_member definite");
	/* As known at 1500: the old, imprecise version. */
	char *got = tu_members(db, "ORG", "2015-06-01", 0, 1500);
	ck_assert_str_eq(got, "AAA founding_member definite\nCCC member possible");
	free(got);
	got = tu_members(db, "ORG", "2015-02-28", 0, 1500);
	ck_assert_str_eq(got, "AAA founding_member definite\nCCC member possible");
	free(got);
	/* As known at 999: nothing had been recorded. */
	got = tu_members(db, "ORG", "2015-06-01", 0, 999);
	ck_assert_str_eq(got, "");
	free(got);
	/* As known at 2000 and later: the corrected one, same fact id, with
	 * the citation carried over. */
	geopol_query q = GEOPOL_QUERY_INIT;
	q.known_at = 2500;
	ck_assert_int_eq(geopol_memberships(&it, db, "CCC", tu_date("2015-06-01"), &q), GEOPOL_OK);
	ck_assert_int_eq(geopol_iter_next(it, &item), GEOPOL_OK);
	ck_assert(item->membership->fact_id == fact);
	ck_assert(item->membership->recorded == 2000);
	ck_assert_int_eq(item->membership->certainty, GEOPOL_DEFINITE);
	const geopol_citation *c;
	size_t n;
	ck_assert_int_eq(geopol_iter_citations(it, &c, &n), GEOPOL_OK);
	ck_assert_uint_eq(n, 1);
	ck_assert_str_eq(c[0].quote, "ratified");
	geopol_iter_free(it);
	/* Retraction: gone now, still there as known at 2500. */
	geopol_set_clock(db, 3000);
	ck_assert_int_eq(geopol_retract(db, GEOPOL_FACT_MEMBERSHIP, fact), GEOPOL_OK);
	expect_members(db, "2016-01-01", 0, "AAA founding_member definite");
	got = tu_members(db, "ORG", "2016-01-01", 0, 2500);
	ck_assert_str_eq(got, "AAA founding_member definite\nCCC member definite");
	free(got);
	ck_assert_int_eq(geopol_retract(db, GEOPOL_FACT_MEMBERSHIP, fact), GEOPOL_ENOTFOUND);
	geopol_close(db);
}
END_TEST

START_TEST(test_core_clock__stamps_increase)
{
	geopol_db *db = tu_open();
	geopol_entity_spec e = GEOPOL_ENTITY_SPEC_INIT;
	e.kind = GEOPOL_KIND_STATE;
	e.code = "X1";
	ck_assert_int_eq(geopol_entity_add(db, &e), GEOPOL_OK);
	e.code = "X2";
	ck_assert_int_eq(geopol_entity_add(db, &e), GEOPOL_OK);
	e.code = "ORG";
	e.kind = GEOPOL_KIND_ORGANIZATION;
	ck_assert_int_eq(geopol_entity_add(db, &e), GEOPOL_OK);
	geopol_membership_spec m = GEOPOL_MEMBERSHIP_SPEC_INIT;
	m.org = "ORG";
	m.member = "X1";
	int64_t f1, f2;
	ck_assert_int_eq(geopol_membership_add(db, &m, &f1), GEOPOL_OK);
	m.member = "X2";
	ck_assert_int_eq(geopol_membership_add(db, &m, &f2), GEOPOL_OK);
	geopol_iter *it;
	ck_assert_int_eq(geopol_members(&it, db, "ORG", tu_date("2020-01-01"), NULL), GEOPOL_OK);
	const geopol_item *item;
	int64_t r1, r2;
	ck_assert_int_eq(geopol_iter_next(it, &item), GEOPOL_OK);
	r1 = item->membership->recorded;
	ck_assert_int_eq(geopol_iter_next(it, &item), GEOPOL_OK);
	r2 = item->membership->recorded;
	geopol_iter_free(it);
	ck_assert(r2 > r1);
	/* As known between the two writes: only the first. */
	char *got = tu_members(db, "ORG", "2020-01-01", 0, r1);
	ck_assert_str_eq(got, "X1 member definite");
	free(got);
	geopol_close(db);
}
END_TEST

/* geopol_set_clock in an open transaction: the writes made before it keep
 * their stamps, the later ones take the new value, and a fixed clock gives
 * every write exactly its value, even one before an earlier stamp. */
START_TEST(test_core_clock__set_in_a_transaction)
{
	geopol_db *db = tu_open();
	ck_assert_int_eq(tu_import(db, TU_WORLD), GEOPOL_OK);
	geopol_relation_spec r = GEOPOL_RELATION_SPEC_INIT;
	r.b = "CCC";
	r.type = "sanctions";
	r.from = tu_date("2020");
	ck_assert_int_eq(geopol_begin(db), GEOPOL_OK);
	geopol_set_clock(db, 5000);
	r.a = "BBB";
	ck_assert_int_eq(geopol_relation_add(db, &r, NULL), GEOPOL_OK);
	geopol_set_clock(db, 4000);
	r.a = "boss";
	ck_assert_int_eq(geopol_relation_add(db, &r, NULL), GEOPOL_OK);
	ck_assert_int_eq(geopol_commit(db), GEOPOL_OK);
	geopol_iter *it;
	ck_assert_int_eq(geopol_relations(&it, db, "CCC", NULL, tu_date("2021"), NULL), GEOPOL_OK);
	const geopol_item *item;
	int64_t bbb = 0, boss = 0;
	while (geopol_iter_next(it, &item) == GEOPOL_OK) {
		if (strcmp(item->relation->a, "BBB") == 0)
			bbb = item->relation->recorded;
		if (strcmp(item->relation->a, "boss") == 0)
			boss = item->relation->recorded;
	}
	geopol_iter_free(it);
	ck_assert(bbb == 5000);
	ck_assert(boss == 4000);
	geopol_close(db);
}
END_TEST

START_TEST(test_core_names__at_a_date)
{
	geopol_db *db = world();
	geopol_name_spec n = GEOPOL_NAME_SPEC_INIT;
	n.entity = "AAA";
	n.lang = "en";
	n.text = "Old Aland";
	n.kind = GEOPOL_NAME_HISTORICAL;
	n.to = tu_date("1995-01-01");
	ck_assert_int_eq(geopol_name_add(db, &n, NULL), GEOPOL_OK);
	geopol_iter *it;
	ck_assert_int_eq(geopol_names(&it, db, "AAA", "en", tu_date("1990-01-01"), NULL), GEOPOL_OK);
	char *got = tu_lines(it);
	ck_assert_str_eq(got, "en Aland\nen Old Aland");
	free(got);
	ck_assert_int_eq(geopol_names(&it, db, "AAA", "en", tu_date("2000-01-01"), NULL), GEOPOL_OK);
	got = tu_lines(it);
	ck_assert_str_eq(got, "en Aland");
	free(got);
	ck_assert_int_eq(geopol_names(&it, db, "ORG", NULL, (geopol_date)GEOPOL_DATE_OPEN_INIT, NULL),
			 GEOPOL_OK);
	got = tu_lines(it);
	ck_assert_str_eq(got, "ar المنظمة\nen The Organization");
	free(got);
	geopol_close(db);
}
END_TEST

START_TEST(test_core_entity__get_and_list)
{
	geopol_db *db = world();
	geopol_iter *it;
	ck_assert_int_eq(geopol_entity_get(&it, db, "AAA", NULL), GEOPOL_OK);
	const geopol_item *item;
	ck_assert_int_eq(geopol_iter_next(it, &item), GEOPOL_OK);
	ck_assert_str_eq(item->entity->code, "AAA");
	ck_assert_str_eq(item->entity->name, "Aland");
	ck_assert_int_eq(item->entity->kind, GEOPOL_KIND_STATE);
	geopol_iter_free(it);
	ck_assert_int_eq(geopol_entity_get(&it, db, "ZZZ", NULL), GEOPOL_ENOTFOUND);
	ck_assert_ptr_null(it);
	ck_assert_ptr_nonnull(strstr(geopol_errmsg(db), "unknown entity 'ZZZ'"));
	ck_assert_int_eq(geopol_entities(&it, db, GEOPOL_KIND_STATE, NULL), GEOPOL_OK);
	char *got = tu_lines(it);
	ck_assert_str_eq(got, "AAA\nBBB\nCCC");
	free(got);
	geopol_close(db);
}
END_TEST

START_TEST(test_core_uncited__findable)
{
	geopol_db *db = world();
	geopol_iter *it;
	ck_assert_int_eq(geopol_uncited(&it, db, NULL), GEOPOL_OK);
	char *got = tu_lines(it);
	/* CCC's membership, the sanctions and the head of state relations,
	 * the visit, and every name but the Arabic one. */
	ck_assert_str_eq(got, "ORG CCC member definite\n"
			      "AAA CCC sanctions definite\n"
			      "boss AAA head_of_state definite\n"
			      "2020-02 042 A visit\n"
			      "en Aland\nen Bland\nen Cland\nen The Organization\nen The Boss");
	free(got);
	geopol_close(db);
}
END_TEST

START_TEST(test_core_reimport__adds_nothing)
{
	geopol_db *db = world();
	char *before = tu_dump(db);
	geopol_import_stats st;
	int rc = geopol_import_json_text(db, TU_WORLD, strlen(TU_WORLD), "again.json", &st);
	ck_assert_msg(rc == GEOPOL_OK, "%s", geopol_errmsg(db));
	char *after = tu_dump(db);
	ck_assert_str_eq(before, after);
	ck_assert(st.added == 0);
	ck_assert(st.rows > 0);
	ck_assert(st.unchanged >= st.rows);
	free(before);
	free(after);
	geopol_close(db);
}
END_TEST

START_TEST(test_core_open__file_wal_and_version)
{
	char path[] = "/tmp/geopol-core-XXXXXX";
	int fd = mkstemp(path);
	ck_assert_int_ge(fd, 0);
	close(fd);
	remove(path);
	geopol_db *db;
	ck_assert_int_eq(geopol_open(&db, path, NULL), GEOPOL_OK);
	ck_assert_int_ge(geopol_schema_version(db), 5);
	/* The file is in WAL mode with foreign keys enforced. */
	ck_assert_int_eq(tu_count(db, "PRAGMA foreign_keys"), 1);
	sqlite3_stmt *st;
	ck_assert_int_eq(sqlite3_prepare_v2(db->sql, "PRAGMA journal_mode", -1, &st, NULL), SQLITE_OK);
	ck_assert_int_eq(sqlite3_step(st), SQLITE_ROW);
	ck_assert_str_eq((const char *)sqlite3_column_text(st, 0), "wal");
	sqlite3_finalize(st);
	ck_assert_int_eq(tu_import(db, TU_WORLD), GEOPOL_OK);
	geopol_close(db);
	/* Reopen: the data is there, no migration repeated. */
	ck_assert_int_eq(geopol_open(&db, path, NULL), GEOPOL_OK);
	char *got = tu_members(db, "ORG", "2010-01-01", 0, 0);
	ck_assert_str_eq(got, "AAA founding_member definite\nBBB member definite");
	free(got);
	geopol_close(db);
	/* A reader and a writer at once (WAL). */
	geopol_db *w, *r;
	ck_assert_int_eq(geopol_open(&w, path, NULL), GEOPOL_OK);
	geopol_open_options ro = GEOPOL_OPEN_OPTIONS_INIT;
	ro.read_only = 1;
	ck_assert_int_eq(geopol_open(&r, path, &ro), GEOPOL_OK);
	ck_assert_int_eq(geopol_begin(w), GEOPOL_OK);
	geopol_entity_spec e = GEOPOL_ENTITY_SPEC_INIT;
	e.code = "NEW";
	e.kind = GEOPOL_KIND_STATE;
	ck_assert_int_eq(geopol_entity_add(w, &e), GEOPOL_OK);
	got = tu_members(r, "ORG", "2010-01-01", 0, 0);
	ck_assert_str_eq(got, "AAA founding_member definite\nBBB member definite");
	free(got);
	ck_assert_int_eq(geopol_entity_add(r, &e), GEOPOL_EMISUSE);
	ck_assert_int_eq(geopol_commit(w), GEOPOL_OK);
	geopol_close(r);
	geopol_close(w);
	char wal[300];
	snprintf(wal, sizeof wal, "%s-wal", path);
	remove(wal);
	snprintf(wal, sizeof wal, "%s-shm", path);
	remove(wal);
	remove(path);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("core");
	TCase *core = tcase_create("core");
	tcase_add_test(core, test_core_members__leaves_and_rejoins);
	tcase_add_test(core, test_core_members__since_2015_is_possible_during_2015);
	tcase_add_test(core, test_core_memberships__sources_quoted);
	tcase_add_test(core, test_core_relations__before_and_after);
	tcase_add_test(core, test_core_common__shared_organizations);
	tcase_add_test(core, test_core_correction__as_known_on);
	tcase_add_test(core, test_core_clock__stamps_increase);
	tcase_add_test(core, test_core_clock__set_in_a_transaction);
	tcase_add_test(core, test_core_names__at_a_date);
	tcase_add_test(core, test_core_entity__get_and_list);
	tcase_add_test(core, test_core_uncited__findable);
	tcase_add_test(core, test_core_reimport__adds_nothing);
	tcase_add_test(core, test_core_open__file_wal_and_version);
	suite_add_tcase(s, core);
	return tu_run(s);
}
