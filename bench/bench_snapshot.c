/*
 * bench_snapshot.c - the whole graph at a recent date: the snapshot
 * iterator read to the end, and streamed to NDJSON and to GEXF through
 * geopol_export() into a writer that only counts bytes; each run in a
 * fresh child process so that its peak resident memory is its own. The
 * baseline is a plain scan of the same rows on the obvious schema. Then the
 * diff between two dates a year apart.
 *
 *   bench_snapshot <source dir>     (GEOPOL_BENCH_SCALE, GEOPOL_BENCH_DIR)
 */
#include "world.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

typedef struct result {
	double ms;
	long rss_kb;
	size_t rows, bytes;
} result;

static int count_bytes(void *ctx, const char *data, size_t len)
{
	(void)data;
	*(size_t *)ctx += len;
	return 0;
}

static volatile size_t sink;

enum { RUN_ITER, RUN_NDJSON, RUN_GEXF, RUN_BASE, RUN_DIFF };

static const char base_nodes[] =
	"SELECT id, code, kind FROM entity WHERE (from_day IS NULL OR from_day <= ?1) "
	"AND (to_day IS NULL OR to_day > ?1) ORDER BY code";
static const char base_m[] =
	"SELECT m.id, o.code, e.code, m.role, m.from_day, m.from_prec, m.to_day, m.to_prec "
	"FROM membership m JOIN entity o ON o.id = m.org_id JOIN entity e ON e.id = m.member_id "
	"WHERE (m.from_day IS NULL OR m.from_day <= ?1) AND (m.to_day IS NULL OR m.to_day > ?1)";
static const char base_r[] =
	"SELECT r.id, a.code, b.code, r.type, r.attrs, r.from_day, r.from_prec, r.to_day, r.to_prec "
	"FROM relation r JOIN entity a ON a.id = r.a_id JOIN entity b ON b.id = r.b_id "
	"WHERE (r.from_day IS NULL OR r.from_day <= ?1) AND (r.to_day IS NULL OR r.to_day > ?1)";

/* One measurement, in this (child) process. Opens its own handle. */
static int run(int what, const char *lib_path, const char *base_path, result *r)
{
	geopol_date at = gpw_recent_date();
	memset(r, 0, sizeof *r);
	if (what == RUN_BASE) {
		sqlite3 *b;
		if (sqlite3_open(base_path, &b) != SQLITE_OK)
			return 1;
		const char *sql[3] = {base_nodes, base_m, base_r};
		for (int warm = 0; warm < 2; warm++) {
			double t0 = gpw_now();
			r->rows = 0;
			for (int k = 0; k < 3; k++) {
				sqlite3_stmt *st;
				sqlite3_prepare_v2(b, sql[k], -1, &st, NULL);
				sqlite3_bind_int(st, 1, at.day);
				while (sqlite3_step(st) == SQLITE_ROW) {
					sink += (size_t)sqlite3_column_text(st, 1)[0];
					r->rows++;
				}
				sqlite3_finalize(st);
			}
			r->ms = (gpw_now() - t0) * 1e3;
		}
		sqlite3_close(b);
		r->rss_kb = gpw_peak_rss_kb();
		return 0;
	}
	geopol_db *db;
	if (geopol_open(&db, lib_path, NULL)) {
		fprintf(stderr, "bench_snapshot: %s: %s\n", lib_path, geopol_errmsg(db));
		geopol_close(db);
		return 1;
	}
	/* The second run is the one timed: warm, as an analyst's second export. */
	for (int warm = 0; warm < 2; warm++) {
		double t0 = gpw_now();
		int rc = GEOPOL_OK;
		r->rows = r->bytes = 0;
		if (what == RUN_ITER || what == RUN_DIFF) {
			geopol_iter *it;
			geopol_date d1 = at;
			d1.day -= 365;
			rc = what == RUN_ITER ? geopol_snapshot(&it, db, at, NULL)
					      : geopol_diff(&it, db, d1, at, NULL, NULL);
			if (rc == GEOPOL_OK) {
				const geopol_item *item;
				while ((rc = geopol_iter_next(it, &item)) == GEOPOL_OK)
					r->rows++;
				if (rc == GEOPOL_ITEROVER)
					rc = GEOPOL_OK;
				geopol_iter_free(it);
			}
		} else {
			geopol_export_options o = GEOPOL_EXPORT_OPTIONS_INIT;
			o.format = what == RUN_NDJSON ? GEOPOL_FORMAT_NDJSON : GEOPOL_FORMAT_GEXF;
			o.at = at;
			rc = geopol_export(db, &o, NULL, count_bytes, &r->bytes);
		}
		r->ms = (gpw_now() - t0) * 1e3;
		if (rc) {
			fprintf(stderr, "bench_snapshot: %s\n", geopol_errmsg(db));
			geopol_close(db);
			return 1;
		}
	}
	geopol_close(db);
	r->rss_kb = gpw_peak_rss_kb();
	return 0;
}

static int in_child(int what, const char *lib_path, const char *base_path, result *r)
{
	int fd[2];
	if (pipe(fd))
		return 1;
	pid_t pid = fork();
	if (pid == 0) {
		close(fd[0]);
		result cr;
		int rc = run(what, lib_path, base_path, &cr);
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
	/* Say how the child ended: a silent failure cannot be told from a crash. */
	if (WIFSIGNALED(status))
		fprintf(stderr, "bench_snapshot: measurement %d: killed by signal %d\n", what,
			WTERMSIG(status));
	else
		fprintf(stderr, "bench_snapshot: measurement %d: exit status %d\n", what,
			WIFEXITED(status) ? WEXITSTATUS(status) : -1);
	return 1;
}

int main(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	gpw_config cfg;
	if (gpw_config_init(&cfg, NULL))
		return 2;
	char lib_path[1024], base_path[1024];
	gpw_db_path(lib_path, sizeof lib_path, &cfg, "geopol");
	gpw_db_path(base_path, sizeof base_path, &cfg, "baseline");
	/* Make sure both files exist and are migrated, in a child of its own:
	 * a migration that rebuilds indexes grows the heap by hundreds of MB
	 * at x10, and children forked from that would start with it. */
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
	int prep_status = 0;
	if (prep < 0 || waitpid(prep, &prep_status, 0) < 0 || !WIFEXITED(prep_status) ||
	    WEXITSTATUS(prep_status) != 0) {
		fprintf(stderr, "bench_snapshot: could not prepare the world files\n");
		return 1;
	}
	result base, r;
	if (in_child(RUN_BASE, lib_path, base_path, &base))
		return 1;
	gpw_note("baseline plain scan: %zu rows in %.1f ms, peak RSS %ld kB", base.rows, base.ms,
		 base.rss_kb);
	static const struct { int what; const char *name; } runs[] = {
		{RUN_ITER, "snapshot_iter"}, {RUN_NDJSON, "snapshot_ndjson"}, {RUN_GEXF, "snapshot_gexf"},
	};
	int failed = 0;
	for (size_t i = 0; i < sizeof runs / sizeof runs[0]; i++) {
		if (in_child(runs[i].what, lib_path, base_path, &r)) {
			gpw_note("%s failed (see the message above)", runs[i].name);
			failed = 1;
			continue;
		}
		char name[64];
		gpw_report(runs[i].name, r.ms, "ms", r.ms / base.ms);
		snprintf(name, sizeof name, "%s_peak_rss", runs[i].name);
		gpw_report(name, (double)r.rss_kb, "kB", (double)r.rss_kb / (double)base.rss_kb);
		gpw_note("%s: %zu items, %zu bytes", runs[i].name, r.rows, r.bytes);
	}
	if (in_child(RUN_DIFF, lib_path, base_path, &r))
		return 1;
	if (failed)
		return 1;
	gpw_report("diff_one_year", r.ms, "ms", NAN);
	gpw_note("diff_one_year: %zu items (joins, exits, relations begun and ended, events)", r.rows);
	return 0;
}
