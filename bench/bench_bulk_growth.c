/*
 * bench_bulk_growth.c - does the load slow down per row as the file grows?
 * (issue 17, item 1: the rate at 10 times the world within 20 % of the
 * rate at 1 time.) Loads the world of GEOPOL_BENCH_SCALE and the same world
 * with every count times ten, each into a fresh file, through the library
 * and into the plain baseline (indexes built after the load), and reports
 * the 10x rate as a ratio of the 1x rate:
 *
 *   bulk_import_rate_1x    <rows/s> rows/s -
 *   bulk_import_rate_10x   <rows/s> rows/s <10x / 1x>   (target >= 0.8)
 *   bulk_import_cpu_rate_10x <rows per CPU second> rows/s <10x / 1x>
 *   bulk_baseline_rate_1x  <rows/s> rows/s -
 *   bulk_baseline_rate_10x <rows/s> rows/s <10x / 1x>
 *
 * At "small" the 10x world is about 600,000 rows (seconds); at "full" it
 * is the x10 scale (15 million rows, several minutes); at "x10" it is
 * skipped. The 1x loads are the median of three runs at small scale.
 *
 *   bench_bulk_growth <source dir>     (GEOPOL_BENCH_SCALE, GEOPOL_BENCH_DIR)
 */
#include "world.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Seconds to load w through the library into a fresh file (or the plain
 * baseline when base), rows loaded in *rows; negative on failure. */
static double load_once(const gpw_world *w, int base, size_t *rows, double *cpu)
{
	double c0 = gpw_cpu_now();
	char path[1024];
	gpw_counts n;
	double t0, s = -1;
	gpw_db_path(path, sizeof path, &w->cfg, base ? "growth-baseline" : "growth-geopol");
	gpw_remove_db(path);
	if (base) {
		sqlite3 *db;
		if (sqlite3_open(path, &db) == SQLITE_OK && !gpw_baseline_tables(db)) {
			t0 = gpw_now();
			if (!gpw_load_baseline(db, w, &n) && !gpw_baseline_indexes(db))
				s = gpw_now() - t0;
		}
		sqlite3_close(db);
	} else {
		geopol_db *db;
		if (!geopol_open(&db, path, NULL)) {
			t0 = gpw_now();
			if (!gpw_load_library(db, w, &n))
				s = gpw_now() - t0;
		} else {
			fprintf(stderr, "bench_bulk_growth: %s: %s\n", path, geopol_errmsg(db));
		}
		geopol_close(db);
	}
	*cpu = gpw_cpu_now() - c0;
	gpw_remove_db(path);
	*rows = s < 0 ? 0 : gpw_counts_rows(&n);
	return s;
}

/* The rates of one world (median of runs), library and baseline. */
static int rates(const gpw_config *c, int runs, double *lib, double *base, double *lib_cpu,
		 double *base_cpu)
{
	gpw_world w;
	double r[2][3], rc[2][3], cpu;
	size_t rows = 0;
	if (gpw_generate(&w, c)) {
		fprintf(stderr, "bench_bulk_growth: out of memory\n");
		return -1;
	}
	for (int k = 0; k < runs; k++)
		for (int b = 0; b < 2; b++) {
			double s = load_once(&w, b, &rows, &cpu);
			if (s < 0) {
				gpw_free(&w);
				return -1;
			}
			r[b][k] = (double)rows / s;
			rc[b][k] = (double)rows / cpu;
		}
	gpw_note("%s: %zu rows, %d run(s)", c->scale, rows, runs);
	gpw_free(&w);
	*lib = gpw_median(r[0], (size_t)runs);
	*base = gpw_median(r[1], (size_t)runs);
	*lib_cpu = gpw_median(rc[0], (size_t)runs);
	*base_cpu = gpw_median(rc[1], (size_t)runs);
	return 0;
}

int main(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	gpw_config c1, c10;
	if (gpw_config_init(&c1, NULL)) {
		fprintf(stderr, "bench_bulk_growth: unknown GEOPOL_BENCH_SCALE\n");
		return 2;
	}
	if (strcmp(c1.scale, "small") != 0 && strcmp(c1.scale, "full") != 0) {
		gpw_note("bench_bulk_growth: skipped at scale %s (10x would be too large)", c1.scale);
		return 0;
	}
	c10 = c1;
	if (strcmp(c1.scale, "full") == 0)
		gpw_config_init(&c10, "x10");
	else
		gpw_config_times(&c10, 10);
	double l1, b1, l10, b10, lc1, bc1, lc10, bc10;
	if (rates(&c1, strcmp(c1.scale, "small") == 0 ? 3 : 1, &l1, &b1, &lc1, &bc1) ||
	    rates(&c10, 1, &l10, &b10, &lc10, &bc10))
		return 1;
	gpw_report("bulk_import_rate_1x", l1, "rows/s", NAN);
	gpw_report("bulk_import_rate_10x", l10, "rows/s", l10 / l1);
	gpw_report("bulk_import_cpu_rate_10x", lc10, "rows/s", lc10 / lc1);
	gpw_report("bulk_baseline_rate_1x", b1, "rows/s", NAN);
	gpw_report("bulk_baseline_rate_10x", b10, "rows/s", b10 / b1);
	gpw_note("per CPU second (user + system): library %.0f at 1x, %.0f at 10x (ratio %.3f); "
		 "baseline %.0f, %.0f (ratio %.3f)", lc1, lc10, lc10 / lc1, bc1, bc10, bc10 / bc1);
	gpw_note("target: bulk_import_rate_10x ratio >= 0.8 (within 20 %% of the 1x rate)");
	return 0;
}
