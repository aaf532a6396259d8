/*
 * check_cache.c - the code -> id maps of a handle (lib/store/cache.c):
 * what is put is found, through growth; clearing empties them; and a
 * rolled-back insert leaves no cached id behind (the maps are cleared on
 * every rollback, since the id may be handed out again).
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "test_util.h"
#include "core/geopol_internal.h"

START_TEST(test_cache__put_get_through_growth)
{
	gp_cache c = {NULL, 0, 0};
	int64_t id = -1;
	int kind = -1;
	ck_assert_int_eq(gp_cache_get(&c, "KAZ", &id, &kind), 0);
	char key[32];
	/* 256 slots at first, grown at half full: 2000 keys grow it thrice. */
	for (int i = 0; i < 2000; i++) {
		snprintf(key, sizeof key, "E%d", i);
		gp_cache_put(&c, key, 1000 + i, i % 4);
	}
	ck_assert_uint_eq(c.n, 2000);
	ck_assert_uint_ge(c.cap, 4000);
	for (int i = 0; i < 2000; i++) {
		snprintf(key, sizeof key, "E%d", i);
		ck_assert_int_eq(gp_cache_get(&c, key, &id, &kind), 1);
		ck_assert_int_eq(id, 1000 + i);
		ck_assert_int_eq(kind, i % 4);
	}
	/* Putting a key again replaces its values; kind may be unwanted. */
	gp_cache_put(&c, "E7", 77, 3);
	ck_assert_uint_eq(c.n, 2000);
	ck_assert_int_eq(gp_cache_get(&c, "E7", &id, NULL), 1);
	ck_assert_int_eq(id, 77);
	ck_assert_int_eq(gp_cache_get(&c, "E2000", &id, &kind), 0);
	gp_cache_clear(&c);
	ck_assert_uint_eq(c.n, 0);
	ck_assert_int_eq(gp_cache_get(&c, "E7", &id, &kind), 0);
	gp_cache_clear(&c); /* twice is harmless */
}
END_TEST

/* An entity added in a transaction that is rolled back is not found
 * afterwards: its cached id went with the rollback. */
START_TEST(test_cache__cleared_by_rollback)
{
	geopol_db *db = tu_open();
	geopol_entity_spec e = GEOPOL_ENTITY_SPEC_INIT;
	e.kind = GEOPOL_KIND_STATE;
	e.code = "GONE";
	ck_assert_int_eq(geopol_begin(db), GEOPOL_OK);
	ck_assert_int_eq(geopol_entity_add(db, &e), GEOPOL_OK);
	int64_t id;
	ck_assert_int_eq(gp_cache_get(&db->entity_ids, "GONE", &id, NULL), 1);
	ck_assert_int_eq(geopol_rollback(db), GEOPOL_OK);
	ck_assert_int_eq(gp_cache_get(&db->entity_ids, "GONE", &id, NULL), 0);
	geopol_iter *it = NULL;
	ck_assert_int_eq(geopol_entity_get(&it, db, "GONE", NULL), GEOPOL_ENOTFOUND);
	/* Another entity may now take the id; the code is free again. */
	e.code = "OTHER";
	ck_assert_int_eq(geopol_entity_add(db, &e), GEOPOL_OK);
	e.code = "GONE";
	ck_assert_int_eq(geopol_entity_add(db, &e), GEOPOL_OK);
	ck_assert_int_eq(geopol_entity_get(&it, db, "GONE", NULL), GEOPOL_OK);
	char *got = tu_lines(it);
	ck_assert_str_eq(got, "GONE");
	free(got);
	geopol_close(db);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("cache");
	TCase *core = tcase_create("core");
	tcase_add_test(core, test_cache__put_get_through_growth);
	tcase_add_test(core, test_cache__cleared_by_rollback);
	suite_add_tcase(s, core);
	return tu_run(s);
}
