/*
 * bench_panel.c - the dyad-year panel of the bench world (issue 19): every
 * pair of states that shares a fact (an organization, a relation or an
 * event), 1979-2025, with shared memberships and event counts by QuadClass
 * in each direction, streamed as CSV into a writer that counts bytes;
 * against the same aggregation written in bare SQLite SQL on the baseline
 * file of the same world, in the same run. Each measurement runs in a
 * child process of its own, so that its peak resident memory is its own;
 * the figures are medians of GEOPOL_BENCH_RUNS runs (default 3;
 * GEOPOL_BENCH_BASE_RUNS for the baseline, which takes half an hour on the
 * full world; 0 skips it), each run's figure noted as it comes, with the
 * spread. Then the panel's peak memory over spans of 5, 23 and 47 years
 * ending in 2025: it should not grow with the span. DuckDB is not measured: Debian packages no DuckDB.
 *
 *   bench_panel <source dir>     (GEOPOL_BENCH_SCALE, GEOPOL_BENCH_DIR)
 */
#include "world.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

typedef struct result {
	double ms;
	double cpu_ms;  /* user + system: the machine may be shared */
	long rss_kb;
	size_t rows, bytes;
} result;

#define FIRST_YEAR 1979
#define LAST_YEAR 2025

typedef struct counter {
	size_t bytes, lines;
} counter;

static int count_write(void *ctx, const char *data, size_t len)
{
	counter *c = ctx;
	c->bytes += len;
	for (size_t i = 0; i < len; i++)
		c->lines += data[i] == '\n';
	return 0;
}

/* The same panel in SQL on the baseline schema (bench/common_world.c): a
 * membership or relation counts for a year when it holds on 1 July (the
 * baseline keeps a date's first day only, so it cannot tell definite from
 * possible); an event in the year of its day. Pairs are (lower id, higher
 * id); direction ab is from the lower id. QuadClass from the CAMEO root. */
static const char base_sql[] =
	"WITH st(id) AS (SELECT id FROM entity WHERE kind = 1), "
	"sh(y, a, b, n) AS (SELECT y.y, m1.member_id, m2.member_id, count(DISTINCT m1.org_id) "
	" FROM years y JOIN membership m1 ON m1.role IN (1, 2) AND m1.from_day <= y.jul1 "
	" AND (m1.to_day IS NULL OR m1.to_day > y.jul1) "
	" JOIN membership m2 ON m2.org_id = m1.org_id AND m2.member_id > m1.member_id "
	" AND m2.role IN (1, 2) AND m2.from_day <= y.jul1 AND (m2.to_day IS NULL OR m2.to_day > y.jul1) "
	" WHERE m1.member_id IN st AND m2.member_id IN st GROUP BY 1, 2, 3), "
	"rl(y, a, b) AS (SELECT DISTINCT y.y, min(r.a_id, r.b_id), max(r.a_id, r.b_id) "
	" FROM years y JOIN relation r ON r.from_day <= y.jul1 AND (r.to_day IS NULL OR r.to_day > y.jul1) "
	" WHERE r.a_id IN st AND r.b_id IN st AND r.a_id <> r.b_id), "
	"ev(y, a, b, q, d) AS (SELECT y.y, x.entity_id, z.entity_id, "
	" CASE WHEN substr(e.type, 1, 2) <= '05' THEN 1 WHEN substr(e.type, 1, 2) <= '08' THEN 2 "
	" WHEN substr(e.type, 1, 2) <= '13' THEN 3 ELSE 4 END, "
	" CASE WHEN x.role = 1 AND z.role = 2 THEN 0 WHEN z.role = 1 AND x.role = 2 THEN 1 ELSE -1 END "
	" FROM years y JOIN event e ON e.day BETWEEN y.lo AND y.hi "
	" JOIN event_actor x ON x.event_id = e.id JOIN event_actor z ON z.event_id = e.id "
	" AND z.entity_id > x.entity_id WHERE x.entity_id IN st AND z.entity_id IN st), "
	"u(y, a, b, n, q1ab, q2ab, q3ab, q4ab, q1ba, q2ba, q3ba, q4ba) AS ("
	" SELECT y, a, b, n, 0, 0, 0, 0, 0, 0, 0, 0 FROM sh "
	" UNION ALL SELECT y, a, b, 0, 0, 0, 0, 0, 0, 0, 0, 0 FROM rl "
	" UNION ALL SELECT y, a, b, 0, q = 1 AND d = 0, q = 2 AND d = 0, q = 3 AND d = 0, "
	" q = 4 AND d = 0, q = 1 AND d = 1, q = 2 AND d = 1, q = 3 AND d = 1, q = 4 AND d = 1 FROM ev) "
	"SELECT y, a, b, sum(n), sum(q1ab), sum(q2ab), sum(q3ab), sum(q4ab), sum(q1ba), sum(q2ba), "
	"sum(q3ba), sum(q4ba) FROM u GROUP BY y, a, b ORDER BY y, a, b";

static int base_years(sqlite3 *b)
{
	if (sqlite3_exec(b, "CREATE TEMP TABLE years(y INTEGER PRIMARY KEY, jul1, lo, hi)", NULL, NULL,
			 NULL) != SQLITE_OK)
		return 1;
	sqlite3_stmt *st;
	sqlite3_prepare_v2(b, "INSERT INTO years VALUES (?1, ?2, ?3, ?4)", -1, &st, NULL);
	for (int y = FIRST_YEAR; y <= LAST_YEAR; y++) {
		geopol_date jan, jul;
		geopol_date_from_ymd(&jan, y, 0, 0);
		geopol_date_from_ymd(&jul, y, 7, 1);
		sqlite3_bind_int(st, 1, y);
		sqlite3_bind_int(st, 2, jul.day);
		sqlite3_bind_int(st, 3, jan.day);
		sqlite3_bind_int(st, 4, geopol_date_last_day(jan));
		sqlite3_step(st);
		sqlite3_reset(st);
	}
	sqlite3_finalize(st);
	return 0;
}

static double cpu_ms(void)
{
	struct rusage u;
	getrusage(RUSAGE_SELF, &u);
	return (double)(u.ru_utime.tv_sec + u.ru_stime.tv_sec) * 1e3 +
	       (double)(u.ru_utime.tv_usec + u.ru_stime.tv_usec) / 1e3;
}

/* One measurement in this (child) process: the SQL baseline when last_year
 * is 0, else geopol's panel of first_year..last_year. */
static int run(int first_year, int last_year, const char *lib_path, const char *base_path,
	       result *r)
{
	memset(r, 0, sizeof *r);
	if (!last_year) {
		sqlite3 *b;
		if (sqlite3_open(base_path, &b) != SQLITE_OK || base_years(b))
			return 1;
		double t0 = gpw_now(), c0 = cpu_ms();
		sqlite3_stmt *st;
		if (sqlite3_prepare_v2(b, base_sql, -1, &st, NULL) != SQLITE_OK) {
			fprintf(stderr, "bench_panel: baseline: %s\n", sqlite3_errmsg(b));
			return 1;
		}
		/* The rows are formatted as CSV too, so both sides do the same. */
		counter c = {0, 0};
		char line[256];
		while (sqlite3_step(st) == SQLITE_ROW) {
			int n = snprintf(line, sizeof line, "%d,%lld,%lld", sqlite3_column_int(st, 0),
					 (long long)sqlite3_column_int64(st, 1),
					 (long long)sqlite3_column_int64(st, 2));
			for (int k = 3; k < 12; k++)
				n += snprintf(line + n, sizeof line - (size_t)n, ",%lld",
					      (long long)sqlite3_column_int64(st, k));
			line[n++] = '\n';
			count_write(&c, line, (size_t)n);
		}
		sqlite3_finalize(st);
		r->ms = (gpw_now() - t0) * 1e3;
		r->cpu_ms = cpu_ms() - c0;
		r->rows = c.lines;
		r->bytes = c.bytes;
		sqlite3_close(b);
		r->rss_kb = gpw_peak_rss_kb();
		return 0;
	}
	geopol_db *db;
	if (geopol_open(&db, lib_path, NULL)) {
		fprintf(stderr, "bench_panel: %s: %s\n", lib_path, geopol_errmsg(db));
		geopol_close(db);
		return 1;
	}
	static const char *const vars[] = {"shared", "quad"};
	geopol_panel_options o = GEOPOL_PANEL_OPTIONS_INIT;
	o.population = GEOPOL_PANEL_SHARED;
	o.vars = vars;
	o.n_vars = 2;
	geopol_date_from_ymd(&o.from, first_year, 0, 0);
	geopol_date_from_ymd(&o.to, last_year + 1, 0, 0);
	double t0 = gpw_now(), c0 = cpu_ms();
	geopol_panel_iter *p;
	counter c = {0, 0};
	int rc = geopol_panel(&p, db, &o, NULL);
	if (!rc)
		rc = geopol_panel_write(p, GEOPOL_FORMAT_CSV, count_write, &c);
	geopol_panel_free(p);
	r->ms = (gpw_now() - t0) * 1e3;
	r->cpu_ms = cpu_ms() - c0;
	if (rc) {
		fprintf(stderr, "bench_panel: %s\n", geopol_errmsg(db));
		geopol_close(db);
		return 1;
	}
	r->rows = c.lines - 1; /* less the column names */
	r->bytes = c.bytes;
	geopol_close(db);
	r->rss_kb = gpw_peak_rss_kb();
	return 0;
}

static int in_child(int first_year, int last_year, const char *lib_path, const char *base_path,
		    result *r)
{
	int fd[2];
	if (pipe(fd))
		return 1;
	pid_t pid = fork();
	if (pid == 0) {
		close(fd[0]);
		result cr;
		int rc = run(first_year, last_year, lib_path, base_path, &cr);
		if (write(fd[1], &cr, sizeof cr) != (ssize_t)sizeof cr)
			rc = 1;
		_exit(rc);
	}
	close(fd[1]);
	ssize_t got = read(fd[0], r, sizeof *r);
	close(fd[0]);
	int status = 0;
	waitpid(pid, &status, 0);
	if (got == (ssize_t)sizeof *r && WIFEXITED(status) && WEXITSTATUS(status) == 0)
		return 0;
	fprintf(stderr, "bench_panel: measurement %d: %s %d\n", last_year,
		WIFSIGNALED(status) ? "killed by signal" : "exit status",
		WIFSIGNALED(status) ? WTERMSIG(status) : WEXITSTATUS(status));
	return 1;
}

static void spread(const char *what, double *v, int n)
{
	double lo = v[0], hi = v[0];
	for (int i = 1; i < n; i++) {
		lo = v[i] < lo ? v[i] : lo;
		hi = v[i] > hi ? v[i] : hi;
	}
	gpw_note("%s: median %.0f ms of %d runs, spread %.0f-%.0f ms", what,
		 gpw_median(v, (size_t)n), n, lo, hi);
}

/* The median of `runs` measurements; rows and bytes of the last, the
 * largest peak memory. */
static int measure(int last_year, const char *lib, const char *base, int runs, result *out)
{
	double ms[32], cpu[32];
	long rss = 0;
	for (int i = 0; i < runs; i++) {
		if (in_child(FIRST_YEAR, last_year, lib, base, out))
			return 1;
		ms[i] = out->ms;
		cpu[i] = out->cpu_ms;
		gpw_note("%s run %d: %.0f ms, %.0f ms of CPU, %zu rows, peak RSS %ld kB",
			 last_year ? "panel" : "baseline", i + 1, out->ms, out->cpu_ms, out->rows,
			 out->rss_kb);
		fflush(stdout);
		if (out->rss_kb > rss)
			rss = out->rss_kb;
	}
	const char *who = last_year ? "panel" : "baseline";
	char what[64];
	snprintf(what, sizeof what, "%s wall", who);
	spread(what, ms, runs);
	snprintf(what, sizeof what, "%s CPU", who);
	spread(what, cpu, runs);
	out->ms = gpw_median(ms, (size_t)runs);
	out->cpu_ms = gpw_median(cpu, (size_t)runs);
	out->rss_kb = rss;
	return 0;
}

int main(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	gpw_config cfg;
	if (gpw_config_init(&cfg, NULL))
		return 2;
	const char *env = getenv("GEOPOL_BENCH_RUNS");
	int runs = env && atoi(env) > 0 ? atoi(env) : 3;
	if (runs > 32)
		runs = 32;
	char lib_path[1024], base_path[1024];
	gpw_db_path(lib_path, sizeof lib_path, &cfg, "geopol");
	gpw_db_path(base_path, sizeof base_path, &cfg, "baseline");
	/* Both files made (or migrated) in a child of their own, as in
	 * bench_snapshot: the measurements start from a small heap. */
	pid_t prep = fork();
	if (prep == 0) {
		gpw_world w;
		geopol_db *db;
		sqlite3 *b;
		if (gpw_generate(&w, &cfg) || gpw_open_library(&db, &w) || gpw_open_baseline(&b, &w))
			_exit(1);
		geopol_close(db);
		sqlite3_close(b);
		gpw_free(&w);
		_exit(0);
	}
	int st = 0;
	if (prep < 0 || waitpid(prep, &st, 0) < 0 || !WIFEXITED(st) || WEXITSTATUS(st) != 0) {
		fprintf(stderr, "bench_panel: could not prepare the world files\n");
		return 1;
	}
	/* GEOPOL_BENCH_BASE_RUNS=0 skips the baseline (half an hour at full
	 * scale): the ratios are then not printed. */
	env = getenv("GEOPOL_BENCH_BASE_RUNS");
	int base_runs = env && atoi(env) >= 0 && atoi(env) <= 32 ? atoi(env) : runs;
	result base, r, lib;
	/* geopol first: its figures come in minutes, the baseline's in far more. */
	if (measure(LAST_YEAR, lib_path, base_path, runs, &lib))
		return 1;
	memset(&base, 0, sizeof base);
	base.ms = base.cpu_ms = NAN;
	if (base_runs && measure(0, lib_path, base_path, base_runs, &base))
		return 1;
	if (!base_runs)
		gpw_note("panel baseline skipped (GEOPOL_BENCH_BASE_RUNS=0)");
	r = lib;
	gpw_note("panel baseline (bare SQLite SQL, %d-%d): %zu rows in %.0f ms, %.0f ms of CPU "
		 "(medians of %d), peak RSS %ld kB", FIRST_YEAR, LAST_YEAR, base.rows, base.ms,
		 base.cpu_ms, base_runs, base.rss_kb);
	gpw_report("panel_dyad_year", r.ms, "ms", r.ms / base.ms);
	gpw_report("panel_dyad_year_cpu", r.cpu_ms, "ms", r.cpu_ms / base.cpu_ms);
	gpw_report("panel_dyad_year_peak_rss", (double)r.rss_kb, "kB",
		   base_runs ? (double)r.rss_kb / (double)base.rss_kb : NAN);
	gpw_note("panel_dyad_year: %zu rows, %zu bytes of CSV (median of %d runs)", r.rows, r.bytes,
		 runs);
	gpw_note("DuckDB not measured: no Debian package provides it");
	/* Memory against the span: 5, 23 and 47 years ending in 2025 (the
	 * span grows back in time, its densest years always in it), then 5
	 * and 23 years from 1979 (these grow into the world's denser recent
	 * years as well as in length). */
	static const int spans[][2] = {{2021, LAST_YEAR}, {2003, LAST_YEAR}, {FIRST_YEAR, LAST_YEAR},
				       {FIRST_YEAR, 1983}, {FIRST_YEAR, 2001}};
	long rss[5];
	for (int i = 0; i < 5; i++) {
		if (in_child(spans[i][0], spans[i][1], lib_path, base_path, &r))
			return 1;
		rss[i] = r.rss_kb;
		gpw_note("panel %d-%d: %zu rows in %.0f ms, %.0f ms of CPU, peak RSS %ld kB",
			 spans[i][0], spans[i][1], r.rows, r.ms, r.cpu_ms, r.rss_kb);
	}
	gpw_report("panel_rss_47y_over_5y", (double)rss[2] / (double)rss[0], "x", NAN);
	gpw_report("panel_rss_47y_over_1979_5y", (double)rss[2] / (double)rss[3], "x", NAN);
	return 0;
}
