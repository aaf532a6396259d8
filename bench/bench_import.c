/*
 * bench_import.c - the dataset importers on the real files of ../shared/data
 * (COW, ATOP, CAMEO, ICEWS, GDELT): records per second through
 * geopol_import() into a fresh file database, against a bare-SQLite
 * baseline in the same run that reads the same records with the same CSV
 * reader and inserts one row per record with one prepared INSERT in one
 * transaction (no lookups, no checks, no citations).
 *
 *   bench_import <source dir>      (the data are <source dir>/../shared/data)
 *
 * Lines: import_<format>_rows_per_s <value> rows/s <ratio to baseline>.
 * Skips with a note when the data are absent.
 */
#include "world.h"
#include "io/csv_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

typedef struct dataset {
	const char *format;
	const char *files[24];
} dataset;

static const dataset datasets[] = {
	{"cow-states", {"cow/states2016.csv"}},
	{"cow-igo", {"cow/igo_year_format3.csv"}},
	{"atop", {"atop/atop-member-level.csv"}},
	{"cameo", {"cameo/cameo-codes.csv"}},
	{"icews", {"icews/events.2018.sample.tab"}},
	{"gdelt", {"gdelt/apr2012.csv", "gdelt/april13.csv", "gdelt/aug2011.csv", "gdelt/aug2012.csv",
		   "gdelt/dec2011.csv", "gdelt/december12.csv", "gdelt/feb2012.csv",
		   "gdelt/february13.csv", "gdelt/jan2012.csv", "gdelt/january13.csv",
		   "gdelt/july2011.csv", "gdelt/july2012.csv", "gdelt/june2011.csv", "gdelt/june2012.csv",
		   "gdelt/mar2012.csv", "gdelt/may13.csv", "gdelt/may2012.csv", "gdelt/nov2011.csv",
		   "gdelt/nov2012.csv", "gdelt/oct2011.csv", "gdelt/oct2012.csv", "gdelt/sept2011.csv",
		   "gdelt/sept2012.csv"}},
};

/* The baseline: the same records, the first eight fields of each stored
 * as one row. */
static int baseline(const char *dbpath, char paths[][1200], size_t n, uint64_t *rows, double *secs)
{
	geopol_db *gdb;
	sqlite3 *db;
	sqlite3_stmt *st;
	if (geopol_open(&gdb, ":memory:", NULL) || sqlite3_open(dbpath, &db) != SQLITE_OK)
		return -1;
	sqlite3_exec(db, "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL;"
		     "CREATE TABLE r(a, b, c, d, e, f, g, h)", NULL, NULL, NULL);
	double t0 = gpw_now();
	sqlite3_exec(db, "BEGIN", NULL, NULL, NULL);
	sqlite3_prepare_v2(db, "INSERT INTO r VALUES (?1,?2,?3,?4,?5,?6,?7,?8)", -1, &st, NULL);
	*rows = 0;
	for (size_t i = 0; i < n; i++) {
		gp_csv *c;
		if (gp_csv_new(&c, gdb, paths[i], 0))
			return -1;
		while (gp_csv_next(c) == 1) {
			for (int k = 0; k < 8; k++) {
				if ((size_t)k < c->n)
					sqlite3_bind_text(st, k + 1, c->field[k], -1, SQLITE_STATIC);
				else
					sqlite3_bind_null(st, k + 1);
			}
			sqlite3_step(st);
			sqlite3_reset(st);
			(*rows)++;
		}
		gp_csv_free(c);
	}
	sqlite3_finalize(st);
	sqlite3_exec(db, "COMMIT", NULL, NULL, NULL);
	*secs = gpw_now() - t0;
	sqlite3_close(db);
	geopol_close(gdb);
	return 0;
}

int main(int argc, char **argv)
{
	const char *src = argc > 1 ? argv[1] : ".";
	char data[1024];
	snprintf(data, sizeof data, "%s/../shared/data", src);
	char probe[1100];
	snprintf(probe, sizeof probe, "%s/gdelt/apr2012.csv", data);
	if (access(probe, R_OK) != 0) {
		gpw_note("bench_import: skipped, %s not found (../shared/data absent)", probe);
		return 0;
	}
	char dir[512];
	snprintf(dir, sizeof dir, "%s", getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp");
	/* One database through all the formats, in order, as a user would. */
	char libdb[1024];
	snprintf(libdb, sizeof libdb, "%s/geopol-bench-import-%ld.db", dir, (long)getpid());
	gpw_remove_db(libdb);
	geopol_db *db;
	if (geopol_open(&db, libdb, NULL)) {
		fprintf(stderr, "bench_import: %s\n", geopol_errmsg(db));
		return 1;
	}
	for (size_t d = 0; d < sizeof datasets / sizeof datasets[0]; d++) {
		const dataset *ds = &datasets[d];
		char paths[24][1200];
		const char *p[24];
		size_t n = 0;
		for (; n < 24 && ds->files[n]; n++) {
			snprintf(paths[n], sizeof paths[n], "%s/%s", data, ds->files[n]);
			p[n] = paths[n];
		}
		/* As an analyst imports a raw file: rows the importer refuses
		 * (none in the real files) are skipped and counted, not a reason
		 * to stop the benchmark. */
		geopol_import_options io = GEOPOL_IMPORT_OPTIONS_INIT;
		io.skip_bad_rows = 1;
		geopol_import_stats st;
		double t0 = gpw_now();
		if (geopol_import(db, ds->format, p, n, &io, &st)) {
			fprintf(stderr, "bench_import: %s: %s\n", ds->format, geopol_errmsg(db));
			return 1;
		}
		double t = gpw_now() - t0;
		/* Importing again adds nothing; how fast it finds that out. */
		geopol_import_stats again;
		double t1 = gpw_now();
		geopol_import(db, ds->format, p, n, &io, &again);
		double t_again = gpw_now() - t1;

		char basedb[1024];
		snprintf(basedb, sizeof basedb, "%s/geopol-bench-import-base-%ld.db", dir, (long)getpid());
		gpw_remove_db(basedb);
		uint64_t brows;
		double bt;
		if (baseline(basedb, paths, n, &brows, &bt)) {
			fprintf(stderr, "bench_import: baseline %s failed\n", ds->format);
			return 1;
		}
		gpw_remove_db(basedb);
		double rate = (double)st.rows / t, brate = (double)brows / bt;
		char name[64];
		gpw_note("%s: %llu records in %.3f s, %llu facts added, %llu bad rows skipped; "
			 "again: %llu added in %.3f s; baseline %.3f s", ds->format,
			 (unsigned long long)st.rows, t, (unsigned long long)st.added,
			 (unsigned long long)st.skipped, (unsigned long long)again.added, t_again, bt);
		snprintf(name, sizeof name, "import_%s_rows_per_s", ds->format);
		for (char *c = name; *c; c++)
			if (*c == '-')
				*c = '_';
		gpw_report(name, rate, "rows/s", rate / brate);
	}
	gpw_note("peak RSS %ld kB", gpw_peak_rss_kb());
	geopol_close(db);
	gpw_remove_db(libdb);
	return 0;
}
