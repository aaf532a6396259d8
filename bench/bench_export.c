/*
 * bench_export.c - exports stream: a graph ten times larger takes no more
 * peak memory.
 *
 * Builds a synthetic world of N entities (and one ten times larger) in
 * temporary files through the public API, then, in a fresh child process
 * per measurement, exports NDJSON and GEXF to a sink that only counts
 * bytes, and reports the time and the growth of the child's peak resident
 * set during the export. The baseline is a bare SQLite scan of the same rows
 * (entities, memberships, relations joined to their codes) in the same run.
 *
 *   export_ndjson_ms_small <ms> ms <ratio to baseline>
 *   export_gexf_peak_kb_large <kB growth> kB
 *   export_memory_ratio <large growth / small growth>
 *
 * GEOPOL_BENCH_SCALE (default 1) multiplies N (2,000 entities at scale 1).
 * Exits 1 if the large export's memory growth is not flat.
 */
#include <geopol.h>
#include <sqlite3.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

/* AddressSanitizer keeps freed blocks in quarantine, so the resident set
 * grows with every allocation made: the memory verdict means nothing then. */
#if defined(__SANITIZE_ADDRESS__)
#define UNDER_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define UNDER_ASAN 1
#endif
#endif
#ifndef UNDER_ASAN
#define UNDER_ASAN 0
#endif

#define BASE_ENTITIES 2000
#define ORG_EVERY 20          /* one organization per 20 entities */
#define FLAT_SLACK_KB 4096    /* SQLite's page cache may fill up to its limit */

typedef struct result {
	double ms;
	long peak_kb;
	unsigned long long bytes;
} result;

static double now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static long maxrss_kb(void)
{
	struct rusage ru;
	getrusage(RUSAGE_SELF, &ru);
	return ru.ru_maxrss;
}

static void die(geopol_db *db, const char *what, int rc)
{
	fprintf(stderr, "bench_export: %s: %s\n", what, db ? geopol_errmsg(db) : geopol_strerror(rc));
	exit(1);
}

static geopol_date day_of(int y, int m, int d)
{
	geopol_date out;
	geopol_date_from_ymd(&out, y, m, d);
	return out;
}

static void add_entities(geopol_db *db, int n, int orgs)
{
	char code[32];
	for (int i = 0; i < n; i++) {
		geopol_entity_spec e = GEOPOL_ENTITY_SPEC_INIT;
		int org = i < orgs;
		snprintf(code, sizeof code, org ? "O%06d" : "S%06d", i);
		e.code = code;
		e.kind = org ? GEOPOL_KIND_ORGANIZATION : GEOPOL_KIND_STATE;
		e.from = day_of(1900 + i % 100, 1 + i % 12, 1);
		int rc = geopol_entity_add(db, &e);
		if (rc)
			die(db, "entity", rc);
		geopol_name_spec nm = GEOPOL_NAME_SPEC_INIT;
		nm.entity = code;
		nm.text = code;
		nm.lang = "en";
		if ((rc = geopol_name_add(db, &nm, NULL)))
			die(db, "name", rc);
	}
}

/* Each state joins three organizations and has one partnership. */
static void add_edges(geopol_db *db, int n, int orgs)
{
	char org[32], member[32], other[32];
	for (int i = orgs; i < n; i++) {
		snprintf(member, sizeof member, "S%06d", i);
		for (int k = 0; k < 3; k++) {
			geopol_membership_spec m = GEOPOL_MEMBERSHIP_SPEC_INIT;
			snprintf(org, sizeof org, "O%06d", (i + k) % orgs);
			m.org = org;
			m.member = member;
			m.from = day_of(2000 + k, 1 + i % 12, 1);
			int rc = geopol_membership_add(db, &m, NULL);
			if (rc)
				die(db, "membership", rc);
		}
		geopol_relation_spec r = GEOPOL_RELATION_SPEC_INIT;
		snprintf(other, sizeof other, "S%06d", i + 1 < n ? i + 1 : orgs);
		r.a = member;
		r.b = other;
		r.type = "strategic_partnership";
		r.from = day_of(2010, 1 + i % 12, 1);
		r.attrs = "{\"weight\":1}";
		int rc = geopol_relation_add(db, &r, NULL);
		if (rc)
			die(db, "relation", rc);
	}
}

static void build_world(const char *path, int n)
{
	geopol_db *db = NULL;
	remove(path);
	int rc = geopol_open(&db, path, NULL);
	if (rc)
		die(db, path, rc);
	int orgs = n / ORG_EVERY < 3 ? 3 : n / ORG_EVERY;
	if ((rc = geopol_begin(db)))
		die(db, "begin", rc);
	add_entities(db, n, orgs);
	add_edges(db, n, orgs);
	if ((rc = geopol_commit(db)))
		die(db, "commit", rc);
	geopol_close(db);
}

static int count_sink(void *ctx, const char *data, size_t len)
{
	(void)data;
	*(unsigned long long *)ctx += len;
	return 0;
}

static result run_export(const char *path, int format)
{
	geopol_db *db = NULL;
	geopol_open_options o = GEOPOL_OPEN_OPTIONS_INIT;
	o.read_only = 1;
	int rc = geopol_open(&db, path, &o);
	if (rc)
		die(db, path, rc);
	geopol_export_options x = GEOPOL_EXPORT_OPTIONS_INIT;
	x.format = format;
	geopol_date_parse(&x.at, "2020-06-01");
	result r = {0, 0, 0};
	long before = maxrss_kb();
	double t0 = now_ms();
	if ((rc = geopol_export(db, &x, NULL, count_sink, &r.bytes)))
		die(db, "export", rc);
	r.ms = now_ms() - t0;
	r.peak_kb = maxrss_kb() - before;
	geopol_close(db);
	return r;
}

/* The same rows through bare SQLite: what any export must at least read. */
static result run_baseline(const char *path)
{
	static const char *const sql[] = {
		"SELECT x.code, x.kind, x.subkind, x.from_lo, x.to_lo FROM entity x",
		"SELECT o.code, e.code, m.role, m.from_lo, m.to_lo FROM membership m "
		"JOIN entity o ON o.id = m.org_id JOIN entity e ON e.id = m.member_id",
		"SELECT a.code, b.code, r.type, r.attrs, r.from_lo, r.to_lo FROM relation r "
		"JOIN entity a ON a.id = r.a_id JOIN entity b ON b.id = r.b_id"};
	sqlite3 *db;
	result r = {0, 0, 0};
	if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK) {
		fprintf(stderr, "bench_export: %s: %s\n", path, sqlite3_errmsg(db));
		exit(1);
	}
	long before = maxrss_kb();
	double t0 = now_ms();
	for (size_t q = 0; q < sizeof sql / sizeof sql[0]; q++) {
		sqlite3_stmt *st;
		if (sqlite3_prepare_v2(db, sql[q], -1, &st, NULL) != SQLITE_OK) {
			fprintf(stderr, "bench_export: baseline: %s\n", sqlite3_errmsg(db));
			exit(1);
		}
		while (sqlite3_step(st) == SQLITE_ROW)
			for (int c = 0; c < sqlite3_column_count(st); c++)
				r.bytes += (unsigned long long)sqlite3_column_bytes(st, c);
		sqlite3_finalize(st);
	}
	r.ms = now_ms() - t0;
	r.peak_kb = maxrss_kb() - before;
	sqlite3_close(db);
	return r;
}

/* Measure in a fresh child, so one export's peak does not hide the next. */
static result measure(const char *path, int format)
{
	int fd[2];
	result r = {0, 0, 0};
	if (pipe(fd) != 0) {
		perror("bench_export: pipe");
		exit(1);
	}
	pid_t pid = fork();
	if (pid < 0) {
		perror("bench_export: fork");
		exit(1);
	}
	if (pid == 0) {
		close(fd[0]);
		r = format ? run_export(path, format) : run_baseline(path);
		ssize_t w = write(fd[1], &r, sizeof r);
		_exit(w == (ssize_t)sizeof r ? 0 : 1);
	}
	close(fd[1]);
	ssize_t got = read(fd[0], &r, sizeof r);
	close(fd[0]);
	int status;
	waitpid(pid, &status, 0);
	if (got != (ssize_t)sizeof r || !WIFEXITED(status) || WEXITSTATUS(status) != 0) {
		fprintf(stderr, "bench_export: a measurement failed\n");
		exit(1);
	}
	return r;
}

int main(void)
{
	const char *s = getenv("GEOPOL_BENCH_SCALE");
	int scale = s && atoi(s) > 0 ? atoi(s) : 1;
	const char *tmp = getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp";
	const char *names[] = {"small", "large"};
	int sizes[] = {BASE_ENTITIES * scale, BASE_ENTITIES * scale * 10};
	static const struct { const char *name; int format; } formats[] = {
		{"ndjson", GEOPOL_FORMAT_NDJSON}, {"gexf", GEOPOL_FORMAT_GEXF}};
	long growth[2][2];
	char path[2][512];
	for (int z = 0; z < 2; z++) {
		snprintf(path[z], sizeof path[z], "%s/geopol-bench-export-%ld-%s.db", tmp, (long)getpid(),
			 names[z]);
		build_world(path[z], sizes[z]);
		result base = measure(path[z], 0);
		printf("baseline_scan_ms_%s %.1f ms 1.00 (%d entities)\n", names[z], base.ms, sizes[z]);
		for (int f = 0; f < 2; f++) {
			result r = measure(path[z], formats[f].format);
			printf("export_%s_ms_%s %.1f ms %.2f\n", formats[f].name, names[z], r.ms,
			       base.ms > 0 ? r.ms / base.ms : 0.0);
			printf("export_%s_peak_kb_%s %ld kB (%llu bytes written)\n", formats[f].name,
			       names[z], r.peak_kb, r.bytes);
			growth[z][f] = r.peak_kb;
		}
	}
	int flat = 1;
	for (int f = 0; f < 2; f++) {
		printf("export_%s_memory_ratio %.2f (large/small peak growth, 10x the graph)\n",
		       formats[f].name,
		       (double)(growth[1][f] + 1) / (double)(growth[0][f] + 1));
		if (growth[1][f] > 2 * growth[0][f] + FLAT_SLACK_KB)
			flat = 0;
	}
	if (UNDER_ASAN) {
		printf("export_memory_flat skipped (AddressSanitizer build)\n");
		flat = 1;
	} else {
		printf("export_memory_flat %s\n", flat ? "yes" : "NO");
	}
	for (int z = 0; z < 2; z++) {
		char extra[sizeof path + 8];
		remove(path[z]);
		snprintf(extra, sizeof extra, "%s-wal", path[z]);
		remove(extra);
		snprintf(extra, sizeof extra, "%s-shm", path[z]);
		remove(extra);
	}
	return flat ? 0 : 1;
}
