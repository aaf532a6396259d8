/*
 * check_edge_maps.c - the maps a store's raw rows are read through
 * (lib/query/edge_maps.c): the id map (dense and hashed keys), and on the
 * small world every entity's code and life and every relation type's
 * direction equal to what the tables hold; a raw row given its codes, and
 * dropped when an entity or a type does not exist or the question does not
 * see the membership.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "test_util.h"
#include "query/edge_maps.h"

START_TEST(test_edge_maps_idmap__dense_and_hashed)
{
	static const char vals[4] = "abc";
	gp_idmap m = {0};
	gp_idmap_dense(&m, 100, 90);
	ck_assert_uint_eq(m.n_dense, 101);
	ck_assert_int_eq(gp_idmap_put(&m, 7, &vals[0]), GEOPOL_OK);
	ck_assert_int_eq(gp_idmap_put(&m, 100, &vals[1]), GEOPOL_OK);
	ck_assert_int_eq(gp_idmap_put(&m, 1000000007, &vals[2]), GEOPOL_OK); /* past the array */
	ck_assert_ptr_eq(gp_idmap_get(&m, 7), &vals[0]);
	ck_assert_ptr_eq(gp_idmap_get(&m, 100), &vals[1]);
	ck_assert_ptr_eq(gp_idmap_get(&m, 1000000007), &vals[2]);
	ck_assert_ptr_null(gp_idmap_get(&m, 8));
	ck_assert_ptr_null(gp_idmap_get(&m, 101));
	ck_assert_ptr_null(gp_idmap_get(&m, 1000000008));
	ck_assert_int_eq(gp_idmap_put(&m, 1000000007, &vals[0]), GEOPOL_OK); /* replaced */
	ck_assert_ptr_eq(gp_idmap_get(&m, 1000000007), &vals[0]);
	gp_idmap_free(&m);
	/* Mostly holes: no array, every key hashed. */
	gp_idmap h = {0};
	gp_idmap_dense(&h, 5000000, 3);
	ck_assert_uint_eq(h.n_dense, 0);
	for (int64_t k = 1; k <= 5000; k++)
		ck_assert_int_eq(gp_idmap_put(&h, k * 1000, &vals[k % 3]), GEOPOL_OK);
	for (int64_t k = 1; k <= 5000; k++) {
		ck_assert_ptr_eq(gp_idmap_get(&h, k * 1000), &vals[k % 3]);
		ck_assert_ptr_null(gp_idmap_get(&h, k * 1000 + 1));
	}
	gp_idmap_free(&h);
}
END_TEST

static geopol_db *world(void)
{
	geopol_db *db = tu_open();
	ck_assert_int_eq(tu_import(db, TU_WORLD), GEOPOL_OK);
	return db;
}

START_TEST(test_edge_maps_load__codes_lives_types)
{
	geopol_db *db = world();
	gp_q q;
	ck_assert_int_eq(gp_query_defaults(db, &q, NULL), GEOPOL_OK);
	gp_edge_maps m = {0};
	ck_assert_int_eq(gp_edge_maps_load(db, &m, &q), GEOPOL_OK);
	/* Every entity, by id, with its code and life as the table has them. */
	char *rows = tu_rows(db, "SELECT id, code, from_lo, from_hi, to_lo, to_hi FROM entity", 0, NULL);
	int n = 0;
	for (char *line = strtok(rows, "\n"); line; line = strtok(NULL, "\n")) {
		long long id, flo, fhi, tlo, thi;
		char code[64];
		ck_assert_int_eq(sscanf(line, "%lld|%63[^|]|%lld|%lld|%lld|%lld", &id, code, &flo, &fhi,
					&tlo, &thi), 6);
		ck_assert_str_eq(gp_idmap_get(&m.codes, id), code);
		const gp_span *l = gp_edge_life(&m, id);
		ck_assert_ptr_nonnull(l);
		ck_assert_int_eq(l->flo, flo);
		ck_assert_int_eq(l->fhi, fhi);
		ck_assert_int_eq(l->tlo, tlo);
		ck_assert_int_eq(l->thi, thi);
		ck_assert_uint_lt((size_t)(l - m.life), m.n_life);
		n++;
	}
	free(rows);
	ck_assert_int_eq(n, 5);
	ck_assert_uint_eq(m.n_life, 5);
	ck_assert_ptr_null(gp_edge_life(&m, 999));
	/* Every relation type with its direction; each its own slot. */
	rows = tu_rows(db, "SELECT code, CAST(directed AS INTEGER) FROM relation_type", 0, NULL);
	int n_types = 0;
	char *seen = calloc(m.types.cap, 1);
	for (char *line = strtok(rows, "\n"); line; line = strtok(NULL, "\n")) {
		char *bar = strchr(line, '|');
		ck_assert_ptr_nonnull(bar);
		*bar = '\0';
		const char *code = line;
		const gp_rtype *t = gp_edge_type(&m, code);
		ck_assert_msg(t != NULL, "type %s not found", code);
		ck_assert_str_eq(t->code, code);
		ck_assert_int_eq(t->directed, atoi(bar + 1));
		size_t slot = gp_edge_type_slot(&m, t);
		ck_assert_uint_lt(slot, m.types.cap);
		ck_assert_ptr_eq(gp_edge_type_at(&m, slot), t);
		ck_assert_int_eq(seen[slot], 0);
		seen[slot] = 1;
		n_types++;
	}
	free(rows);
	free(seen);
	ck_assert_int_ge(n_types, 4);
	ck_assert_uint_eq(m.types.n, (size_t)n_types);
	ck_assert_ptr_null(gp_edge_type(&m, "no_such_type"));
	ck_assert_ptr_null(gp_edge_type(&m, NULL));
	/* The last code asked is remembered; another code with the same text
	 * at another address is found all the same. */
	char copy[] = "sanctions";
	ck_assert_ptr_eq(gp_edge_type(&m, copy), gp_edge_type(&m, "sanctions"));
	gp_edge_maps_free(&m);
	geopol_close(db);
}
END_TEST

static int64_t id_of(geopol_db *db, const char *code)
{
	int64_t id = 0;
	ck_assert_int_eq(gp_entity_id(db, code, "test", &id), GEOPOL_OK);
	return id;
}

START_TEST(test_edge_maps_resolve__rows)
{
	geopol_db *db = world();
	gp_q q;
	ck_assert_int_eq(gp_query_defaults(db, &q, NULL), GEOPOL_OK);
	gp_edge_maps m = {0};
	ck_assert_int_eq(gp_edge_maps_load(db, &m, &q), GEOPOL_OK);
	gp_edge_row r = {0};
	r.kind = GEOPOL_FACT_RELATION;
	r.a_id = id_of(db, "AAA");
	r.b_id = id_of(db, "CCC");
	char type[] = "sanctions";
	r.type = type;
	ck_assert_int_eq(gp_edge_resolve(&m, &q, &r), 1);
	ck_assert_str_eq(r.a, "AAA");
	ck_assert_str_eq(r.b, "CCC");
	ck_assert_ptr_eq(r.type, gp_edge_type(&m, "sanctions")->code); /* the map's string */
	ck_assert_int_eq(r.directed, 1);
	r.type = "strategic_partnership";
	ck_assert_int_eq(gp_edge_resolve(&m, &q, &r), 1);
	ck_assert_int_eq(r.directed, 0);
	r.type = "no_such_type";
	ck_assert_int_eq(gp_edge_resolve(&m, &q, &r), 0);
	r.type = "sanctions";
	r.b_id = 999;
	ck_assert_int_eq(gp_edge_resolve(&m, &q, &r), 0);
	/* A membership: seen at de jure stages, not once withdrawn. */
	gp_edge_row mb = {0};
	mb.kind = GEOPOL_FACT_MEMBERSHIP;
	mb.a_id = id_of(db, "ORG");
	mb.b_id = id_of(db, "BBB");
	mb.stage = GEOPOL_STAGE_IN_FORCE;
	ck_assert_int_eq(gp_edge_resolve(&m, &q, &mb), 1);
	ck_assert_str_eq(mb.a, "ORG");
	ck_assert_str_eq(mb.b, "BBB");
	mb.stage = GEOPOL_STAGE_WITHDRAWN;
	ck_assert_int_eq(gp_edge_resolve(&m, &q, &mb), 0);
	gp_edge_maps_free(&m);
	geopol_close(db);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("edge_maps");
	TCase *core = tcase_create("core");
	tcase_add_test(core, test_edge_maps_idmap__dense_and_hashed);
	tcase_add_test(core, test_edge_maps_load__codes_lives_types);
	tcase_add_test(core, test_edge_maps_resolve__rows);
	suite_add_tcase(s, core);
	return tu_run(s);
}
