/*
 * check_diff.c - what changed between two dates (lib/query/diff.c), on the
 * small world of common_util.c.
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

START_TEST(test_query_diff__joins_exits_relations_events)
{
	geopol_db *db = world();
	geopol_iter *it;
	ck_assert_int_eq(geopol_diff(&it, db, tu_date("2012-01-01"), tu_date("2016-01-01"), NULL, NULL),
			 GEOPOL_OK);
	const geopol_item *item;
	char lines[2048] = "";
	int rc;
	while ((rc = geopol_iter_next(it, &item)) == GEOPOL_OK) {
		char line[256];
		if (item->kind == GEOPOL_ITEM_MEMBERSHIP)
			snprintf(line, sizeof line, "%d %s\n", item->change, item->membership->member);
		else if (item->kind == GEOPOL_ITEM_RELATION)
			snprintf(line, sizeof line, "%d %s-%s %s\n", item->change, item->relation->a,
				 item->relation->b, item->relation->type);
		else
			snprintf(line, sizeof line, "%d %s\n", item->change, item->event->type);
		strcat(lines, line);
	}
	ck_assert_int_eq(rc, GEOPOL_ITEROVER);
	geopol_iter_free(it);
	/* CCC joined, BBB left, the sanctions began in 2014. */
	ck_assert_str_eq(lines, "1 CCC\n2 BBB\n3 AAA-CCC sanctions\n");
	ck_assert_int_eq(geopol_diff(&it, db, tu_date("2021-12-31"), tu_date("2025-12-31"), "AAA", NULL),
			 GEOPOL_OK);
	lines[0] = '\0';
	while ((rc = geopol_iter_next(it, &item)) == GEOPOL_OK) {
		char line[256];
		if (item->kind == GEOPOL_ITEM_RELATION)
			snprintf(line, sizeof line, "%d %s\n", item->change, item->relation->type);
		else if (item->kind == GEOPOL_ITEM_EVENT)
			snprintf(line, sizeof line, "%d %s\n", item->change, item->event->type);
		else
			snprintf(line, sizeof line, "%d %s\n", item->change, item->membership->member);
		strcat(lines, line);
	}
	geopol_iter_free(it);
	ck_assert_str_eq(lines, "3 comprehensive_strategic_partnership_alliance\n"
				"4 strategic_partnership\n5 0871\n");
	geopol_close(db);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("diff");
	TCase *core = tcase_create("core");
	tcase_add_test(core, test_query_diff__joins_exits_relations_events);
	suite_add_tcase(s, core);
	return tu_run(s);
}
