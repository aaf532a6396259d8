/*
 * bench_bulk.c - bulk import of the whole world through the library's write
 * path (gp_*_add with their duplicate and overlap checks, one citation per
 * fact, one transaction) against the same rows written into a minimal schema
 * on bare SQLite with hand-written prepared INSERTs, in the same process.
 *
 * The two files it writes are the cached worlds the other benches open.
 *
 *   bench_bulk <source dir>     (GEOPOL_BENCH_SCALE, GEOPOL_BENCH_DIR)
 */
#include "world.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	gpw_config cfg;
	if (gpw_config_init(&cfg, NULL)) {
		fprintf(stderr, "bench_bulk: unknown GEOPOL_BENCH_SCALE\n");
		return 2;
	}
	gpw_world w;
	double t0 = gpw_now();
	if (gpw_generate(&w, &cfg)) {
		fprintf(stderr, "bench_bulk: out of memory\n");
		return 1;
	}
	gpw_note("scale %s seed %llu: %zu entities, %zu memberships, %zu relations, %zu events "
		 "(generated in %.2f s)", cfg.scale, (unsigned long long)cfg.seed, w.n_ent, w.n_mem,
		 w.n_rel, cfg.n_events, gpw_now() - t0);

	char base_path[1024], lib_path[1024];
	gpw_db_path(base_path, sizeof base_path, &cfg, "baseline");
	gpw_db_path(lib_path, sizeof lib_path, &cfg, "geopol");
	gpw_remove_db(base_path);
	gpw_remove_db(lib_path);

	/* Baseline first: bare SQLite, same rows, same file settings. */
	sqlite3 *bdb;
	if (sqlite3_open(base_path, &bdb) != SQLITE_OK || gpw_baseline_schema(bdb)) {
		fprintf(stderr, "bench_bulk: %s: %s (does GEOPOL_BENCH_DIR exist?)\n", base_path,
			sqlite3_errmsg(bdb));
		return 1;
	}
	gpw_counts bc;
	t0 = gpw_now();
	if (gpw_load_baseline(bdb, &w, &bc))
		return 1;
	double base_s = gpw_now() - t0;
	sqlite3_exec(bdb, "PRAGMA wal_checkpoint(TRUNCATE)", NULL, NULL, NULL);
	sqlite3_close(bdb);

	geopol_db *db;
	if (geopol_open(&db, lib_path, NULL)) {
		fprintf(stderr, "bench_bulk: %s\n", geopol_errmsg(db));
		return 1;
	}
	gpw_counts lc;
	t0 = gpw_now();
	if (gpw_load_library(db, &w, &lc))
		return 1;
	double lib_s = gpw_now() - t0;
	sqlite3_exec(db->sql, "PRAGMA wal_checkpoint(TRUNCATE)", NULL, NULL, NULL);
	geopol_close(db);

	size_t rows = gpw_counts_rows(&lc), brows = gpw_counts_rows(&bc);
	if (rows != brows)
		gpw_note("warning: the library kept %zu rows, the baseline %zu", rows, brows);
	gpw_note("%zu rows (%zu sources, %zu entities, %zu names, %zu memberships, %zu relations, "
		 "%zu events with %zu actors), each fact cited", rows, lc.sources, lc.entities,
		 lc.names, lc.memberships, lc.relations, lc.events, lc.actors);
	double lib_rate = (double)rows / lib_s, base_rate = (double)brows / base_s;
	gpw_report("bulk_import_baseline", base_rate, "rows/s", NAN);
	gpw_report("bulk_import", lib_rate, "rows/s", lib_rate / base_rate);
	gpw_note("library %.2f s, baseline %.2f s; target ratio >= 0.7", lib_s, base_s);
	gpw_free(&w);
	return 0;
}
