/*
 * issue14-callgrind-driver.c - the warm questions of bench_graph and bench_query
 * in a loop, for callgrind (issue14-points-3-4.md, "Point 4's slower figures").
 * Build from a tree (its own bench/common_world.c and library):
 *   gcc -O2 -g -o drv issue14-callgrind-driver.c bench/common_world.c -Iinclude -Ilib -Ibench \
 *       build/libgeopol_internal.a $(pkg-config --libs sqlite3 libcjson libutf8proc zlib libzip libpq) -lm
 * Run: GEOPOL_BENCH_SCALE=small GEOPOL_BENCH_DIR=<worlds> valgrind --tool=callgrind \
 *       --instr-atstart=no ./drv n3|path|rel|mem|orgs 3000
 * (mem: members of an organization at D; orgs: a state's organizations at D.)
 */
#include "world.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <valgrind/callgrind.h>
static volatile size_t sink;
int main(int argc, char **argv)
{
	const char *what = argc > 1 ? argv[1] : "n3";
	int reps = argc > 2 ? atoi(argv[2]) : 200;
	gpw_config cfg;
	if (gpw_config_init(&cfg, NULL)) return 2;
	gpw_world w;
	if (gpw_generate(&w, &cfg)) return 1;
	geopol_db *db;
	if (gpw_open_library(&db, &w)) return 1;
	geopol_date at = gpw_recent_date();
	uint64_t s = cfg.seed + 5;
	size_t items = 0;
	for (int i = 0; i < reps + 200; i++) {
		if (i == 200) CALLGRIND_START_INSTRUMENTATION;
		size_t ia = gpw_below(&s, cfg.n_states), ib = gpw_below(&s, cfg.n_states);
		if (ia == ib) ib = (ib + 1) % cfg.n_states;
		geopol_iter *it = NULL;
		int rc;
		if (!strcmp(what, "n3")) rc = geopol_neighbors(&it, db, w.ent[ia].code, at, 3, NULL);
		else if (!strcmp(what, "path")) rc = geopol_path(&it, db, w.ent[ia].code, w.ent[ib].code, at, NULL);
		else if (!strcmp(what, "mem"))
			rc = geopol_members(&it, db, w.ent[cfg.n_states + ia % cfg.n_orgs].code, at, NULL);
		else if (!strcmp(what, "orgs")) rc = geopol_memberships(&it, db, w.ent[ia].code, at, NULL);
		else rc = geopol_relations(&it, db, w.ent[ia].code, NULL, at, NULL);
		if (rc == GEOPOL_OK) {
			const geopol_item *item;
			while (geopol_iter_next(it, &item) == GEOPOL_OK) { sink += (size_t)item->depth; items++; }
		}
		geopol_iter_free(it);
	}
	CALLGRIND_STOP_INSTRUMENTATION;
	printf("%s %d reps %zu items\n", what, reps, items);
	geopol_close(db);
	gpw_free(&w);
	return 0;
}
