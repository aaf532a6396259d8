/*
 * bench_import_big.c - the GDELT and ICEWS importers on a large file
 * (issue 17, item 2: 200,000 rows per second or more on a 1,000,000-row
 * file, memory flat). The file is made by repeating the real rows of
 * ../shared/data (read in place) with fresh event ids, written into the
 * bench world folder (GEOPOL_BENCH_DIR) and removed after: 1,000,000 rows at
 * "full" and "x10", 100,000 at "small" (CI).
 *
 * Each import runs in a child process of its own into a fresh file, so
 * that its peak resident set is its own; the same is done with a file of a
 * tenth of the rows, to show whether memory follows the file. The
 * baseline, in the same run, reads the same file with the same CSV reader
 * and inserts the first eight fields of each record with one prepared
 * INSERT in one transaction (no lookups, no checks, no citations).
 *
 *   import_<fmt>_big_baseline  <rows/s> rows/s -
 *   import_<fmt>_big           <rows/s> rows/s <ratio to the baseline>
 *   import_<fmt>_big_target    <rows/s / 200,000> x -
 *   import_<fmt>_big_cpu       <rows per CPU second> rows/s <ratio to the
 *                              baseline's>: the figure a shared machine
 *                              does not change
 *   import_<fmt>_big_peak_rss  <MB> MB <ratio to the tenth-size file's>
 *
 *   bench_import_big <source dir>   (the data are <source dir>/../shared/data)
 */
/* wait4(): the child's own peak resident set */
#define _DEFAULT_SOURCE
#include "world.h"
#include "io/csv_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#define TARGET_ROWS_PER_S 200000.0

typedef struct source_set {
	const char *format;
	const char *ext;           /* of the file made */
	char sep;
	const char *files[24];
} source_set;

/* june2011.csv has a header of its own (other columns): left out. */
static const source_set sets[] = {
	{"gdelt", "csv", ',',
	 {"gdelt/apr2012.csv", "gdelt/april13.csv", "gdelt/aug2011.csv", "gdelt/aug2012.csv",
	  "gdelt/dec2011.csv", "gdelt/december12.csv", "gdelt/feb2012.csv", "gdelt/february13.csv",
	  "gdelt/jan2012.csv", "gdelt/january13.csv", "gdelt/july2011.csv", "gdelt/july2012.csv",
	  "gdelt/june2012.csv", "gdelt/mar2012.csv", "gdelt/may13.csv", "gdelt/may2012.csv",
	  "gdelt/nov2011.csv", "gdelt/nov2012.csv", "gdelt/oct2011.csv", "gdelt/oct2012.csv",
	  "gdelt/sept2011.csv", "gdelt/sept2012.csv"}},
	{"icews", "tab", '\t', {"icews/events.2018.sample.tab"}},
};

/* The data rows of a set, each without its id field (and without the row
 * name some GDELT files carry first), and the first file's header. */
typedef struct rows {
	char *header;
	char **rest;     /* from the separator after the id to the line's end */
	size_t n, cap;
} rows;

static int rows_read(rows *r, const char *data, const source_set *s)
{
	char path[1200], *line = NULL;
	size_t cap = 0;
	for (size_t f = 0; f < 24 && s->files[f]; f++) {
		snprintf(path, sizeof path, "%s/%s", data, s->files[f]);
		FILE *in = fopen(path, "r");
		ssize_t len;
		if (!in) {
			perror(path);
			return -1;
		}
		for (int first = 1; (len = getline(&line, &cap, in)) > 0; first = 0) {
			char *p = line;
			if (first) {
				if (!r->header)
					r->header = strdup(line);
				continue;
			}
			if (*p == '"') /* a row name written by R: skip it */
				p = strchr(p, s->sep);
			if (p && *p == s->sep)
				p++;
			p = p ? strchr(p, s->sep) : NULL; /* the end of the id */
			if (!p)
				continue;
			if (r->n == r->cap) {
				r->cap = r->cap ? r->cap * 2 : 4096;
				r->rest = realloc(r->rest, r->cap * sizeof *r->rest);
			}
			r->rest[r->n++] = strdup(p);
		}
		fclose(in);
	}
	free(line);
	return r->header && r->n ? 0 : -1;
}

static void rows_free(rows *r)
{
	for (size_t i = 0; i < r->n; i++)
		free(r->rest[i]);
	free(r->rest);
	free(r->header);
}

/* Write n rows, repeating the real ones, with ids 1..n. */
static int write_file(const char *path, const rows *r, size_t n)
{
	FILE *out = fopen(path, "w");
	if (!out)
		return -1;
	fputs(r->header, out);
	for (size_t i = 0; i < n; i++)
		fprintf(out, "%zu%s", i + 1, r->rest[i % r->n]);
	return fclose(out) ? -1 : 0;
}

/* The bare-SQLite baseline on the same file: rows read, or -1. */
static long baseline(const char *dbpath, const char *file)
{
	geopol_db *gdb;
	sqlite3 *db;
	sqlite3_stmt *st;
	gp_csv *c;
	long n = 0;
	if (geopol_open(&gdb, ":memory:", NULL) || sqlite3_open(dbpath, &db) != SQLITE_OK)
		return -1;
	sqlite3_exec(db, "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL;"
		     "CREATE TABLE r(a, b, c, d, e, f, g, h); BEGIN", NULL, NULL, NULL);
	sqlite3_prepare_v2(db, "INSERT INTO r VALUES (?1,?2,?3,?4,?5,?6,?7,?8)", -1, &st, NULL);
	if (gp_csv_new(&c, gdb, file, 0))
		return -1;
	while (gp_csv_next(c) == 1) {
		for (int k = 0; k < 8; k++) {
			if ((size_t)k < c->n)
				sqlite3_bind_text(st, k + 1, c->field[k], -1, SQLITE_STATIC);
			else
				sqlite3_bind_null(st, k + 1);
		}
		if (sqlite3_step(st) != SQLITE_DONE)
			n = -1;
		sqlite3_reset(st);
		if (n >= 0)
			n++;
	}
	gp_csv_free(c);
	sqlite3_finalize(st);
	if (sqlite3_exec(db, "COMMIT", NULL, NULL, NULL) != SQLITE_OK)
		n = -1;
	sqlite3_close(db);
	geopol_close(gdb);
	return n;
}

/* The library's importer: rows read, or -1. */
static long import(const char *dbpath, const char *format, const char *file)
{
	geopol_db *db;
	geopol_import_options io = GEOPOL_IMPORT_OPTIONS_INIT;
	geopol_import_stats st;
	io.skip_bad_rows = 1;
	if (geopol_open(&db, dbpath, NULL)) {
		fprintf(stderr, "bench_import_big: %s\n", geopol_errmsg(db));
		return -1;
	}
	if (geopol_import(db, format, &file, 1, &io, &st)) {
		fprintf(stderr, "bench_import_big: %s: %s\n", format, geopol_errmsg(db));
		geopol_close(db);
		return -1;
	}
	if (st.skipped)
		gpw_note("%s: %llu rows skipped as bad", format, (unsigned long long)st.skipped);
	geopol_close(db);
	return (long)st.rows;
}

typedef struct run {
	double secs;
	long rows;
	double rss_mb;
	double cpu;      /* user + system seconds of the child */
} run;

/* Run one load in a child; its time, rows and peak resident set. */
static int in_child(run *out, const char *dir, const char *format, const char *file, int base)
{
	char dbpath[1200];
	int fd[2];
	snprintf(dbpath, sizeof dbpath, "%s/import-big-%s-%s.db", dir, format, base ? "base" : "lib");
	gpw_remove_db(dbpath);
	if (pipe(fd))
		return -1;
	fflush(stdout);
	pid_t pid = fork();
	if (pid < 0)
		return -1;
	if (pid == 0) {
		close(fd[0]);
		double t0 = gpw_now();
		long n = base ? baseline(dbpath, file) : import(dbpath, format, file);
		run r = {gpw_now() - t0, n, 0, 0};
		_exit(write(fd[1], &r, sizeof r) == (ssize_t)sizeof r && n > 0 ? 0 : 1);
	}
	close(fd[1]);
	int status;
	struct rusage ru;
	ssize_t got = read(fd[0], out, sizeof *out);
	close(fd[0]);
	wait4(pid, &status, 0, &ru);
	gpw_remove_db(dbpath);
	if (got != (ssize_t)sizeof *out || !WIFEXITED(status) || WEXITSTATUS(status) != 0) {
		fprintf(stderr, "bench_import_big: %s %s failed (status %d)\n", format,
			base ? "baseline" : "import", status);
		return -1;
	}
	out->rss_mb = (double)ru.ru_maxrss / 1024.0;
	out->cpu = (double)(ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) +
		   (double)(ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) * 1e-6;
	return 0;
}

static int bench_set(const char *data, const char *dir, const source_set *s, size_t n)
{
	rows r = {0};
	char big[1200], small[1200];
	run lib, lib10, base;
	if (rows_read(&r, data, s)) {
		fprintf(stderr, "bench_import_big: no rows read for %s\n", s->format);
		return -1;
	}
	snprintf(big, sizeof big, "%s/import-big-%s.%s", dir, s->format, s->ext);
	snprintf(small, sizeof small, "%s/import-big-%s-tenth.%s", dir, s->format, s->ext);
	int rc = write_file(big, &r, n) || write_file(small, &r, n / 10);
	size_t real = r.n;
	rows_free(&r);
	if (rc)
		fprintf(stderr, "bench_import_big: cannot write %s\n", big);
	if (!rc)
		rc = in_child(&base, dir, s->format, big, 1) || in_child(&lib, dir, s->format, big, 0) ||
		     in_child(&lib10, dir, s->format, small, 0);
	unlink(big);
	unlink(small);
	if (rc)
		return -1;
	double rate = (double)lib.rows / lib.secs, brate = (double)base.rows / base.secs;
	char name[64];
	gpw_note("%s: %ld rows (%zu real rows repeated, fresh ids) in %.2f s (%.2f s CPU, %.0f "
		 "rows per CPU second); a tenth of them in %.2f s, %.1f MB; baseline %.2f s (%.2f s "
		 "CPU), %.1f MB", s->format, lib.rows, real, lib.secs, lib.cpu,
		 (double)lib.rows / lib.cpu, lib10.secs, lib10.rss_mb, base.secs, base.cpu,
		 base.rss_mb);
	snprintf(name, sizeof name, "import_%s_big_baseline", s->format);
	gpw_report(name, brate, "rows/s", NAN);
	snprintf(name, sizeof name, "import_%s_big", s->format);
	gpw_report(name, rate, "rows/s", rate / brate);
	snprintf(name, sizeof name, "import_%s_big_target", s->format);
	gpw_report(name, rate / TARGET_ROWS_PER_S, "x", NAN);
	/* per CPU second: what the machine's other jobs do not change */
	double crate = (double)lib.rows / lib.cpu, cbrate = (double)base.rows / base.cpu;
	snprintf(name, sizeof name, "import_%s_big_cpu", s->format);
	gpw_report(name, crate, "rows/s", crate / cbrate);
	snprintf(name, sizeof name, "import_%s_big_peak_rss", s->format);
	gpw_report(name, lib.rss_mb, "MB", lib.rss_mb / lib10.rss_mb);
	return 0;
}

int main(int argc, char **argv)
{
	const char *src = argc > 1 ? argv[1] : ".";
	char data[1024], probe[1100];
	gpw_config cfg;
	if (gpw_config_init(&cfg, NULL)) {
		fprintf(stderr, "bench_import_big: unknown GEOPOL_BENCH_SCALE\n");
		return 2;
	}
	snprintf(data, sizeof data, "%s/../shared/data", src);
	snprintf(probe, sizeof probe, "%s/gdelt/apr2012.csv", data);
	if (access(probe, R_OK) != 0) {
		gpw_note("bench_import_big: skipped, %s not found (../shared/data absent)", probe);
		return 0;
	}
	const char *dir = getenv("GEOPOL_BENCH_DIR");
	if (!dir || !*dir)
		dir = ".";
	size_t n = strcmp(cfg.scale, "small") == 0 ? 100000 : 1000000;
	int rc = 0;
	for (size_t i = 0; i < sizeof sets / sizeof sets[0]; i++)
		rc |= bench_set(data, dir, &sets[i], n);
	gpw_note("target: import_*_big >= %.0f rows/s (import_*_big_target >= 1), peak RSS flat "
		 "(import_*_big_peak_rss ratio near 1)", TARGET_ROWS_PER_S);
	return rc ? 1 : 0;
}
