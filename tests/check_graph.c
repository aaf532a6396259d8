/*
 * check_graph.c - neighbours and paths (lib/query/graph.c), on the small
 * world of common_util.c.
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

START_TEST(test_query_graph__neighbors_and_path)
{
	geopol_db *db = world();
	geopol_iter *it;
	ck_assert_int_eq(geopol_neighbors(&it, db, "CCC", tu_date("2020-01-01"), 1, NULL), GEOPOL_OK);
	char *got = tu_lines(it);
	ck_assert_str_eq(got, "ORG CCC member definite\nAAA CCC sanctions definite");
	free(got);
	ck_assert_int_eq(geopol_neighbors(&it, db, "CCC", tu_date("2020-01-01"), 2, NULL), GEOPOL_OK);
	const geopol_item *item;
	int n = 0, rc, saw_boss = 0;
	while ((rc = geopol_iter_next(it, &item)) == GEOPOL_OK) {
		n++;
		ck_assert_int_le(item->depth, 2);
		if (item->kind == GEOPOL_ITEM_RELATION && strcmp(item->relation->a, "boss") == 0) {
			saw_boss = 1;
			ck_assert_int_eq(item->depth, 2);
			ck_assert_str_eq(item->via, "AAA");
		}
	}
	geopol_iter_free(it);
	/* ORG, AAA at depth 1; BBB (member of ORG then? no: left 2012; via the
	 * partnership with AAA) and boss at depth 2. */
	ck_assert_int_eq(n, 4);
	ck_assert(saw_boss);
	/* A path from boss to CCC in 2020: boss -> AAA -> CCC. */
	ck_assert_int_eq(geopol_path(&it, db, "boss", "CCC", tu_date("2020-01-01"), NULL), GEOPOL_OK);
	got = tu_lines(it);
	ck_assert_str_eq(got, "boss AAA head_of_state definite\nAAA CCC sanctions definite");
	free(got);
	/* In 2010 boss held no office: no path. */
	ck_assert_int_eq(geopol_path(&it, db, "boss", "CCC", tu_date("2010-01-01"), NULL), GEOPOL_ENOTFOUND);
	ck_assert_ptr_nonnull(strstr(geopol_errmsg(db), "no path from 'boss' to 'CCC'"));
	geopol_close(db);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("graph");
	TCase *core = tcase_create("core");
	tcase_add_test(core, test_query_graph__neighbors_and_path);
	suite_add_tcase(s, core);
	return tu_run(s);
}
