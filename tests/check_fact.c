/*
 * check_fact.c - the rules of the _add functions as geopol.h states them
 * (lib/store/fact.c, lib/store/entity.c): which adds are idempotent (the
 * same record again returns GEOPOL_OK, the stored fact's id, and adds no
 * row) and which give GEOPOL_ECONFLICT instead, each with its message and
 * nothing written.
 */
#include <check.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "test_util.h"

static geopol_db *world(void)
{
	geopol_db *db = tu_open();
	ck_assert_msg(tu_import(db, TU_WORLD) == GEOPOL_OK, "import: %s", geopol_errmsg(db));
	return db;
}

/* Names, memberships, relations, sources, external ids and types: the
 * same record again is OK, gives the stored id, adds no row. */
START_TEST(test_fact_add__same_again_is_ok)
{
	geopol_db *db = world();
	geopol_name_spec n = GEOPOL_NAME_SPEC_INIT;
	n.entity = "AAA";
	n.text = "Alandia";
	n.lang = "fr";
	int64_t id1 = 0, id2 = 0;
	ck_assert_int_eq(geopol_name_add(db, &n, &id1), GEOPOL_OK);
	int64_t rows = tu_total_rows(db);
	ck_assert_int_eq(geopol_name_add(db, &n, &id2), GEOPOL_OK);
	ck_assert(id1 == id2);
	ck_assert_int_eq(tu_total_rows(db), rows);

	geopol_membership_spec m = GEOPOL_MEMBERSHIP_SPEC_INIT;
	m.org = "ORG";
	m.member = "boss";
	m.from = tu_date("2019");
	ck_assert_int_eq(geopol_membership_add(db, &m, &id1), GEOPOL_OK);
	rows = tu_total_rows(db);
	ck_assert_int_eq(geopol_membership_add(db, &m, &id2), GEOPOL_OK);
	ck_assert(id1 == id2);
	ck_assert_int_eq(tu_total_rows(db), rows);

	/* A symmetric relation is the same fact either way round. */
	geopol_relation_spec r = GEOPOL_RELATION_SPEC_INIT;
	r.a = "BBB";
	r.b = "AAA";
	r.type = "strategic_partnership";
	r.from = tu_date("2000-01-01");
	r.to = tu_date("2025-11-12");
	ck_assert_int_eq(geopol_relation_add(db, &r, &id2), GEOPOL_OK);
	ck_assert_int_eq(tu_total_rows(db), rows);
	geopol_iter *it;
	ck_assert_int_eq(geopol_relations(&it, db, "AAA", "BBB", tu_date("2010"), NULL), GEOPOL_OK);
	const geopol_item *item;
	ck_assert_int_eq(geopol_iter_next(it, &item), GEOPOL_OK);
	ck_assert(item->relation->fact_id == id2);
	geopol_iter_free(it);

	geopol_source_spec s = GEOPOL_SOURCE_SPEC_INIT;
	s.code = "treaty";
	s.title = "The Treaty";
	ck_assert_int_eq(geopol_source_add(db, &s), GEOPOL_OK);
	ck_assert_int_eq(tu_total_rows(db), rows);
	ck_assert_int_eq(geopol_entity_xref_add(db, "AAA", "cow", "1"), GEOPOL_OK);
	rows = tu_total_rows(db);
	ck_assert_int_eq(geopol_entity_xref_add(db, "AAA", "cow", "1"), GEOPOL_OK);
	ck_assert_int_eq(geopol_relation_type_add(db, "sanctions", 1, "other label"), GEOPOL_OK);
	ck_assert_int_eq(tu_total_rows(db), rows);
	geopol_close(db);
}
END_TEST

/* The same code for an entity, an event's ext_id, a source with other
 * fields, an external id of another entity, a type of the other
 * directedness, an overlapping membership: GEOPOL_ECONFLICT, nothing
 * written. */
START_TEST(test_fact_add__conflicts)
{
	geopol_db *db = world();
	int64_t rows = tu_total_rows(db);
	geopol_entity_spec e = GEOPOL_ENTITY_SPEC_INIT;
	e.code = "AAA";
	e.kind = GEOPOL_KIND_STATE;
	ck_assert_int_eq(geopol_entity_add(db, &e), GEOPOL_ECONFLICT);
	ck_assert_str_eq(geopol_errmsg(db), "entity 'AAA' exists already");

	geopol_source_spec s = GEOPOL_SOURCE_SPEC_INIT;
	s.code = "treaty";
	s.title = "Another Treaty";
	ck_assert_int_eq(geopol_source_add(db, &s), GEOPOL_ECONFLICT);
	ck_assert_str_eq(geopol_errmsg(db), "source 'treaty' exists already with other details");

	geopol_actor_spec actor = {"AAA", GEOPOL_ACTOR_SOURCE};
	geopol_event_spec ev = GEOPOL_EVENT_SPEC_INIT;
	ev.ext_id = "e1";
	ev.type = "042";
	ev.date = tu_date("2023-01-01");
	ev.actors = &actor;
	ev.n_actors = 1;
	ck_assert_int_eq(geopol_event_add(db, &ev, NULL), GEOPOL_ECONFLICT);
	ck_assert_str_eq(geopol_errmsg(db), "an event with id 'e1' exists already");

	ck_assert_int_eq(geopol_relation_type_add(db, "sanctions", 0, NULL), GEOPOL_ECONFLICT);
	ck_assert_str_eq(geopol_errmsg(db), "relation type 'sanctions' exists already as directed");

	/* BBB was a member [2006-08-16, 2012-12-19): 2010 to 2011 overlaps. */
	geopol_membership_spec m = GEOPOL_MEMBERSHIP_SPEC_INIT;
	m.org = "ORG";
	m.member = "BBB";
	m.from = tu_date("2010");
	m.to = tu_date("2011");
	ck_assert_int_eq(geopol_membership_add(db, &m, NULL), GEOPOL_ECONFLICT);
	ck_assert_ptr_nonnull(strstr(geopol_errmsg(db),
				     "membership of 'BBB' in 'ORG' as member overlaps a stored one"));
	ck_assert_int_eq(tu_total_rows(db), rows);

	ck_assert_int_eq(geopol_entity_xref_add(db, "AAA", "cow", "1"), GEOPOL_OK);
	rows = tu_total_rows(db);
	ck_assert_int_eq(geopol_entity_xref_add(db, "BBB", "cow", "1"), GEOPOL_ECONFLICT);
	ck_assert_str_eq(geopol_errmsg(db), "external id cow '1' belongs to another entity already");
	ck_assert_int_eq(tu_total_rows(db), rows);
	geopol_close(db);
}
END_TEST

/* Not conflicts: a membership that only touches a stored one, a relation
 * that overlaps one (another fact), an event type declared again (its
 * name replaced). */
START_TEST(test_fact_add__not_conflicts)
{
	geopol_db *db = world();
	geopol_membership_spec m = GEOPOL_MEMBERSHIP_SPEC_INIT;
	m.org = "ORG";
	m.member = "BBB";
	m.from = tu_date("2012-12-19");
	m.to = tu_date("2014");
	int64_t id = 0;
	ck_assert_int_eq(geopol_membership_add(db, &m, &id), GEOPOL_OK);
	ck_assert_int_gt(id, 0);

	geopol_relation_spec r = GEOPOL_RELATION_SPEC_INIT;
	r.a = "AAA";
	r.b = "BBB";
	r.type = "strategic_partnership";
	r.from = tu_date("2010");
	int64_t rid = 0;
	ck_assert_int_eq(geopol_relation_add(db, &r, &rid), GEOPOL_OK);
	geopol_iter *it;
	ck_assert_int_eq(geopol_relations(&it, db, "AAA", "BBB", tu_date("2011-06-01"), NULL), GEOPOL_OK);
	char *got = tu_lines(it);
	ck_assert_str_eq(got, "AAA BBB strategic_partnership definite\n"
			      "AAA BBB strategic_partnership definite");
	free(got);

	ck_assert_int_eq(geopol_event_type_add(db, "042", "Make a state visit", 2.0), GEOPOL_OK);
	ck_assert_int_eq(tu_count(db, "SELECT count(*) FROM event_type WHERE code = '042' "
				      "AND name = 'Make a state visit' AND goldstein = 2.0"), 1);
	geopol_close(db);
}
END_TEST

/* How many of AAA's memberships in ORG hold in 2003. */
static int orgs_in_2003(geopol_db *db)
{
	geopol_iter *it;
	const geopol_item *item;
	ck_assert_int_eq(geopol_memberships(&it, db, "AAA", tu_date("2003"), NULL), GEOPOL_OK);
	int n = 0;
	while (geopol_iter_next(it, &item) == GEOPOL_OK)
		n += strcmp(item->membership->org, "ORG") == 0;
	geopol_iter_free(it);
	return n;
}

/* A correction that would make a fact identical to another current fact is
 * a conflict (two facts cannot be one): ECONFLICT, naming the other fact,
 * and the fact keeps its current version. */
START_TEST(test_fact_correct__identical_to_another_fact)
{
	geopol_db *db = world();
	geopol_membership_spec a = GEOPOL_MEMBERSHIP_SPEC_INIT;
	a.org = "ORG";
	a.member = "AAA";
	a.from = tu_date("1990");
	a.to = tu_date("1995");
	geopol_membership_spec b = a;
	b.from = tu_date("2001");
	b.to = tu_date("2005");
	int64_t ida = 0, idb = 0;
	ck_assert_int_eq(geopol_membership_add(db, &a, &ida), GEOPOL_OK);
	ck_assert_int_eq(geopol_membership_add(db, &b, &idb), GEOPOL_OK);
	ck_assert(ida != idb);
	int64_t rows = tu_total_rows(db);
	int before = orgs_in_2003(db);
	ck_assert_int_eq(geopol_membership_correct(db, idb, &a), GEOPOL_ECONFLICT);
	char want[160];
	snprintf(want, sizeof want,
		 "the corrected membership is identical to fact %lld, which is current: "
		 "retract fact %lld instead",
		 (long long)ida, (long long)idb);
	ck_assert_str_eq(geopol_errmsg(db), want);
	ck_assert_int_eq(tu_total_rows(db), rows);
	/* Fact b still holds in 2003, as before. */
	ck_assert_int_eq(orgs_in_2003(db), before);
	ck_assert_int_ge(before, 1);
	geopol_close(db);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("fact");
	TCase *core = tcase_create("core");
	tcase_add_test(core, test_fact_add__same_again_is_ok);
	tcase_add_test(core, test_fact_add__not_conflicts);
	suite_add_tcase(s, core);
	TCase *errors = tcase_create("errors");
	tcase_add_test(errors, test_fact_add__conflicts);
	tcase_add_test(errors, test_fact_correct__identical_to_another_fact);
	suite_add_tcase(s, errors);
	return tu_run(s);
}
