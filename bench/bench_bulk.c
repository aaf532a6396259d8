/*
 * bench_bulk.c - bulk import of the whole world through the library's write
 * path (gp_*_add with their duplicate and overlap checks, one citation per
 * fact, one transaction) against the same rows written into a minimal schema
 * on bare SQLite with hand-written prepared INSERTs, in the same process.
 *
 * Two baselines (issue 17, item 1):
 *   bulk_import_baseline_plain    the tables alone during the load, their
 *                                 unique keys and indexes built after it
 *                                 (what an analyst does with a plain
 *                                 schema): the reference of the target
 *   bulk_import_baseline_indexed  the same schema with its indexes kept
 *                                 during the load (this bench's baseline
 *                                 until issue 17)
 * bulk_import_cpu is the library's rate per CPU second (user + system)
 * against the plain baseline's, in a bulk transaction (geopol_begin_bulk:
 * the indexes of the questions built at its commit);
 * bulk_import_ordinary_txn_cpu the same in an ordinary one (geopol_begin): on a machine shared with other jobs the
 * wall-clock rates follow the load, the CPU time much less.
 * Both end with the same file; the plain one is the cached world the other
 * benches open.
 *
 *   bench_bulk <source dir>     (GEOPOL_BENCH_SCALE, GEOPOL_BENCH_DIR)
 */
#include "world.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* Load the baseline into path; indexes after the load when plain. Returns
 * the seconds taken, negative on failure. */
static double load_baseline(const char *path, const gpw_world *w, int plain, gpw_counts *bc,
			    double *cpu)
{
	sqlite3 *bdb;
	gpw_remove_db(path);
	if (sqlite3_open(path, &bdb) != SQLITE_OK ||
	    (plain ? gpw_baseline_tables(bdb) : gpw_baseline_schema(bdb))) {
		fprintf(stderr, "bench_bulk: %s: %s (does GEOPOL_BENCH_DIR exist?)\n", path,
			sqlite3_errmsg(bdb));
		return -1;
	}
	double t0 = gpw_now(), c0 = gpw_cpu_now();
	if (gpw_load_baseline(bdb, w, bc) || (plain && gpw_baseline_indexes(bdb)))
		return -1;
	double s = gpw_now() - t0;
	*cpu = gpw_cpu_now() - c0;
	sqlite3_exec(bdb, "PRAGMA wal_checkpoint(TRUNCATE)", NULL, NULL, NULL);
	sqlite3_close(bdb);
	return s;
}

/* Load the world through the library into path, in a bulk transaction
 * (geopol_begin_bulk) or an ordinary one. Seconds, negative on failure. */
static double load_library(const char *path, const gpw_world *w, int bulk, gpw_counts *n,
			   double *cpu)
{
	geopol_db *db;
	if (geopol_open(&db, path, NULL)) {
		fprintf(stderr, "bench_bulk: %s\n", geopol_errmsg(db));
		geopol_close(db);
		return -1;
	}
	double t0 = gpw_now(), c0 = gpw_cpu_now();
	int rc = bulk ? gpw_load_library(db, w, n) : gpw_load_library_plain_txn(db, w, n);
	double s = gpw_now() - t0;
	*cpu = gpw_cpu_now() - c0;
	sqlite3_exec(db->sql, "PRAGMA wal_checkpoint(TRUNCATE)", NULL, NULL, NULL);
	geopol_close(db);
	return rc ? -1 : s;
}

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

	char base_path[1024], idx_path[1024], lib_path[1024];
	gpw_db_path(base_path, sizeof base_path, &cfg, "baseline");
	gpw_db_path(idx_path, sizeof idx_path, &cfg, "baseline-indexed");
	gpw_db_path(lib_path, sizeof lib_path, &cfg, "geopol");
	gpw_remove_db(lib_path);

	/* Baselines first: bare SQLite, same rows, same file settings. */
	gpw_counts bc, ic;
	double plain_cpu = 0, idx_cpu = 0;
	double plain_s = load_baseline(base_path, &w, 1, &bc, &plain_cpu);
	double idx_s = plain_s < 0 ? -1 : load_baseline(idx_path, &w, 0, &ic, &idx_cpu);
	gpw_remove_db(idx_path);
	if (plain_s < 0 || idx_s < 0)
		return 1;

	/* The ordinary transaction (geopol_begin) first, into a file removed
	 * after; then the bulk one (geopol_begin_bulk), whose file stays. */
	gpw_counts lc, oc;
	double ord_cpu = 0, lib_cpu = 0;
	double ord_s = load_library(lib_path, &w, 0, &oc, &ord_cpu);
	gpw_remove_db(lib_path);
	double lib_s = ord_s < 0 ? -1 : load_library(lib_path, &w, 1, &lc, &lib_cpu);
	if (ord_s < 0 || lib_s < 0)
		return 1;
	size_t rows = gpw_counts_rows(&lc), brows = gpw_counts_rows(&bc);
	if (rows != brows || gpw_counts_rows(&ic) != brows)
		gpw_note("warning: the library kept %zu rows, the baselines %zu and %zu", rows, brows,
			 gpw_counts_rows(&ic));
	gpw_note("%zu rows (%zu sources, %zu entities, %zu names, %zu memberships, %zu relations, "
		 "%zu events with %zu actors), each fact cited", rows, lc.sources, lc.entities,
		 lc.names, lc.memberships, lc.relations, lc.events, lc.actors);
	double lib_rate = (double)rows / lib_s, plain_rate = (double)brows / plain_s;
	double idx_rate = (double)brows / idx_s;
	gpw_report("bulk_import_baseline_plain", plain_rate, "rows/s", NAN);
	gpw_report("bulk_import_baseline_indexed", idx_rate, "rows/s", idx_rate / plain_rate);
	gpw_report("bulk_import", lib_rate, "rows/s", lib_rate / plain_rate);
	gpw_report("bulk_import_vs_indexed", lib_rate, "rows/s", lib_rate / idx_rate);
	gpw_report("bulk_import_cpu", (double)rows / lib_cpu, "rows/s", plain_cpu / lib_cpu);
	gpw_report("bulk_import_ordinary_txn_cpu", (double)rows / ord_cpu, "rows/s",
		   plain_cpu / ord_cpu);
	gpw_note("library %.2f s, plain baseline %.2f s (indexes after the load), indexed "
		 "baseline %.2f s; target: bulk_import ratio >= 0.7", lib_s, plain_s, idx_s);
	gpw_note("CPU time (user + system): library %.2f s, plain baseline %.2f s, indexed "
		 "baseline %.2f s; ratio on CPU %.3f (plain), %.3f (indexed)", lib_cpu, plain_cpu,
		 idx_cpu, plain_cpu / lib_cpu, idx_cpu / lib_cpu);
	gpw_note("the library in an ordinary transaction (geopol_begin): %.2f s, %.2f s CPU; "
		 "ratio on CPU %.3f (plain); the bulk one (geopol_begin_bulk) %.3f of its CPU",
		 ord_s, ord_cpu, plain_cpu / ord_cpu, lib_cpu / ord_cpu);
	if (gpw_counts_rows(&oc) != rows)
		gpw_note("warning: the ordinary transaction kept %zu rows", gpw_counts_rows(&oc));
	gpw_free(&w);
	return 0;
}
