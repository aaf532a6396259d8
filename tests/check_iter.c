/*
 * check_iter.c - the iterator every question returns (lib/store/iter.c):
 * several open on one handle at once, stepped in any order; what it
 * answers after its end; citations of items that cannot be cited; and the
 * codes the header gives for the entity a question names (a state asked
 * for its members, an unknown code, none).
 */
#include <check.h>
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

/* One item as a line, as tu_lines writes memberships and relations. */
static void put_line(char *buf, size_t size, const geopol_item *item)
{
	size_t n = strlen(buf);
	if (item->membership)
		snprintf(buf + n, size - n, "%s %s %s\n", item->membership->org,
			 item->membership->member, geopol_role_name(item->membership->role));
	else if (item->relation)
		snprintf(buf + n, size - n, "%s %s %s\n", item->relation->a, item->relation->b,
			 item->relation->type);
}

/* Three iterators open at once on one handle, two of them the same
 * question (the same cached statement), stepped in turn: each gives the
 * answer it gives alone. */
START_TEST(test_iter__several_open_at_once)
{
	geopol_db *db = world();
	geopol_date at = tu_date("2010-01-01");
	geopol_iter *it[3];
	ck_assert_int_eq(geopol_members(&it[0], db, "ORG", at, NULL), GEOPOL_OK);
	ck_assert_int_eq(geopol_members(&it[1], db, "ORG", at, NULL), GEOPOL_OK);
	ck_assert_int_eq(geopol_relations(&it[2], db, "AAA", NULL, at, NULL), GEOPOL_OK);
	char got[3][256] = {"", "", ""};
	int live = 3, over[3] = {0, 0, 0};
	while (live) {
		for (int i = 0; i < 3; i++) {
			if (over[i])
				continue;
			const geopol_item *item;
			int rc = geopol_iter_next(it[i], &item);
			if (rc == GEOPOL_ITEROVER) {
				over[i] = 1;
				live--;
				continue;
			}
			ck_assert_int_eq(rc, GEOPOL_OK);
			put_line(got[i], sizeof got[i], item);
		}
	}
	ck_assert_str_eq(got[0], "ORG AAA founding_member\nORG BBB member\n");
	ck_assert_str_eq(got[1], got[0]);
	ck_assert_str_eq(got[2], "AAA BBB strategic_partnership\n");
	for (int i = 0; i < 3; i++)
		geopol_iter_free(it[i]);
	geopol_close(db);
}
END_TEST

/* After the end: ITEROVER again, no item, no citations, no JSON. */
START_TEST(test_iter__after_the_end)
{
	geopol_db *db = world();
	geopol_iter *it;
	ck_assert_int_eq(geopol_entity_get(&it, db, "AAA", NULL), GEOPOL_OK);
	const geopol_item *item;
	ck_assert_int_eq(geopol_iter_next(it, &item), GEOPOL_OK);
	ck_assert_str_eq(item->entity->code, "AAA");
	/* An entity cannot be cited: no citations, not an error. */
	const geopol_citation *c = NULL;
	size_t n = 99;
	ck_assert_int_eq(geopol_iter_citations(it, &c, &n), GEOPOL_OK);
	ck_assert_uint_eq(n, 0);
	ck_assert_int_eq(geopol_iter_next(it, &item), GEOPOL_ITEROVER);
	ck_assert_ptr_null(item);
	ck_assert_int_eq(geopol_iter_next(it, &item), GEOPOL_ITEROVER);
	n = 99;
	ck_assert_int_eq(geopol_iter_citations(it, &c, &n), GEOPOL_OK);
	ck_assert_uint_eq(n, 0);
	char *json = NULL;
	ck_assert_int_eq(geopol_iter_json(it, &json), GEOPOL_EMISUSE);
	ck_assert_ptr_null(json);
	geopol_iter_free(it);
	geopol_close(db);
}
END_TEST

/* geopol_members of an entity that is no organization: an empty answer,
 * not an error; geopol_memberships of an organization that belongs to
 * nothing: the same. */
START_TEST(test_iter__members_of_a_state)
{
	geopol_db *db = world();
	geopol_iter *it;
	ck_assert_int_eq(geopol_members(&it, db, "AAA", tu_date("2010-01-01"), NULL), GEOPOL_OK);
	char *got = tu_lines(it);
	ck_assert_str_eq(got, "");
	free(got);
	ck_assert_int_eq(geopol_memberships(&it, db, "ORG", tu_date("2010-01-01"), NULL), GEOPOL_OK);
	got = tu_lines(it);
	ck_assert_str_eq(got, "");
	free(got);
	geopol_close(db);
}
END_TEST

/* An unknown code is GEOPOL_ENOTFOUND, none (NULL or "") GEOPOL_EINVAL,
 * each with its message; *out is NULL after a failure. */
START_TEST(test_iter__unknown_and_missing_codes)
{
	geopol_db *db = world();
	geopol_iter *it = (geopol_iter *)db; /* not NULL, to see it set */
	ck_assert_int_eq(geopol_members(&it, db, "ZZZ", tu_date("2010"), NULL), GEOPOL_ENOTFOUND);
	ck_assert_ptr_null(it);
	ck_assert_str_eq(geopol_errmsg(db), "field 'org': unknown entity 'ZZZ'");
	ck_assert_int_eq(geopol_members(&it, db, NULL, tu_date("2010"), NULL), GEOPOL_EINVAL);
	ck_assert_str_eq(geopol_errmsg(db), "field 'org': no entity code given");
	ck_assert_int_eq(geopol_common(&it, db, "AAA", "", tu_date("2010"), NULL), GEOPOL_EINVAL);
	ck_assert_int_eq(geopol_neighbors(&it, db, "AAA", tu_date("2010"), 11, NULL), GEOPOL_EINVAL);
	ck_assert_str_eq(geopol_errmsg(db), "neighbors: depth 11 is outside 1..10");
	ck_assert_int_eq(geopol_members(NULL, db, "ORG", tu_date("2010"), NULL), GEOPOL_EMISUSE);
	ck_assert_int_eq(geopol_members(&it, NULL, "ORG", tu_date("2010"), NULL), GEOPOL_EMISUSE);
	geopol_close(db);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("iter");
	TCase *core = tcase_create("core");
	tcase_add_test(core, test_iter__several_open_at_once);
	tcase_add_test(core, test_iter__after_the_end);
	tcase_add_test(core, test_iter__members_of_a_state);
	suite_add_tcase(s, core);
	TCase *errors = tcase_create("errors");
	tcase_add_test(errors, test_iter__unknown_and_missing_codes);
	suite_add_tcase(s, errors);
	return tu_run(s);
}
