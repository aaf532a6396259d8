/*
 * bench_query.c - the "at D" point queries, warm: members of an
 * organization, organizations of an entity, relations of an entity. Each
 * figure is the median over 10,000 random (key, D) queries (keys uniform,
 * D uniform over 1946..2025), every row read; the baseline runs the same
 * questions on the obvious schema ((key, from) indexes, hand-written SQL,
 * prepared statements) in the same process. The same medians at the
 * snapshot's recent date follow, with the rows they return.
 *
 * The library answers current knowledge from its in-memory index
 * (lib/store/memindex.c), built during the warm-up; notes give the build's time
 * and memory and the same medians on the SQL path (GP_MEMINDEX_OFF).
 *
 *   bench_query <source dir>     (GEOPOL_BENCH_SCALE, GEOPOL_BENCH_DIR)
 */
#include "world.h"
#include "store/memindex_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define N_QUERIES 10000
#define N_WARM 2000

enum { Q_MEMBERS, Q_MEMBERSHIPS, Q_RELATIONS, N_KINDS };
static const char *const names[N_KINDS] = {"members_at_d", "orgs_of_state_at_d",
					    "relations_of_state_at_d"};

/* The baseline's SQL: what an application writes first. Open ends are
 * NULL, so the from-day index can only narrow the key. */
static const char *const base_sql[N_KINDS] = {
	"SELECT m.id, o.code, e.code, m.role, m.from_day, m.from_prec, m.to_day, m.to_prec "
	"FROM membership m JOIN entity o ON o.id = m.org_id JOIN entity e ON e.id = m.member_id "
	"WHERE m.org_id = (SELECT id FROM entity WHERE code = ?1) "
	"AND (m.from_day IS NULL OR m.from_day <= ?2) AND (m.to_day IS NULL OR m.to_day > ?2) "
	"ORDER BY e.code, m.from_day",
	"SELECT m.id, o.code, e.code, m.role, m.from_day, m.from_prec, m.to_day, m.to_prec "
	"FROM membership m JOIN entity o ON o.id = m.org_id JOIN entity e ON e.id = m.member_id "
	"WHERE m.member_id = (SELECT id FROM entity WHERE code = ?1) "
	"AND (m.from_day IS NULL OR m.from_day <= ?2) AND (m.to_day IS NULL OR m.to_day > ?2) "
	"ORDER BY o.code, m.from_day",
	"SELECT r.id, a.code, b.code, r.type, r.attrs, r.from_day, r.from_prec, r.to_day, r.to_prec "
	"FROM relation r JOIN entity a ON a.id = r.a_id JOIN entity b ON b.id = r.b_id "
	"WHERE (r.a_id = (SELECT id FROM entity WHERE code = ?1) OR "
	"r.b_id = (SELECT id FROM entity WHERE code = ?1)) "
	"AND (r.from_day IS NULL OR r.from_day <= ?2) AND (r.to_day IS NULL OR r.to_day > ?2) "
	"ORDER BY r.from_day, r.type, a.code, b.code",
};

typedef struct query {
	const char *code;
	geopol_date at;
} query;

static volatile size_t sink;

static int run_lib(geopol_db *db, int kind, const query *q, size_t *rows)
{
	geopol_iter *it = NULL;
	int rc;
	switch (kind) {
	case Q_MEMBERS: rc = geopol_members(&it, db, q->code, q->at, NULL); break;
	case Q_MEMBERSHIPS: rc = geopol_memberships(&it, db, q->code, q->at, NULL); break;
	default: rc = geopol_relations(&it, db, q->code, NULL, q->at, NULL); break;
	}
	if (rc) {
		fprintf(stderr, "bench_query: %s\n", geopol_errmsg(db));
		return rc;
	}
	const geopol_item *item;
	size_t n = 0;
	while ((rc = geopol_iter_next(it, &item)) == GEOPOL_OK) {
		/* Touch what a caller reads. */
		sink += item->kind == GEOPOL_ITEM_MEMBERSHIP ? (size_t)item->membership->member[0]
							     : (size_t)item->relation->b[0];
		n++;
	}
	geopol_iter_free(it);
	*rows = n;
	return rc == GEOPOL_ITEROVER ? 0 : rc;
}

static int run_base(sqlite3_stmt *st, const query *q, size_t *rows)
{
	sqlite3_reset(st);
	sqlite3_bind_text(st, 1, q->code, -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 2, q->at.day);
	size_t n = 0;
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		sink += (size_t)sqlite3_column_text(st, 2)[0];
		sink += (size_t)sqlite3_column_int(st, 3);
		n++;
	}
	*rows = n;
	return rc == SQLITE_DONE ? 0 : -1;
}

/* Median microseconds over the queries; *mean_rows gets the rows each. */
static double measure(geopol_db *db, sqlite3_stmt *st, int kind, const query *qs, size_t nq,
		      double *mean_rows)
{
	double *t = malloc(nq * sizeof *t);
	size_t total = 0;
	for (size_t i = 0; i < nq; i++) {
		size_t rows = 0;
		double t0 = gpw_now();
		int rc = db ? run_lib(db, kind, &qs[i], &rows) : run_base(st, &qs[i], &rows);
		t[i] = (gpw_now() - t0) * 1e6;
		if (rc) {
			free(t);
			return NAN;
		}
		total += rows;
	}
	double med = gpw_median(t, nq);
	free(t);
	*mean_rows = (double)total / (double)nq;
	return med;
}

/* Time one build of the index, forced (AUTO would build it during the
 * warm-up anyway), with the memory it holds. */
static double note_build(geopol_db *db, const gpw_world *w)
{
	gp_memindex_mode(db, GP_MEMINDEX_ALWAYS);
	geopol_iter *it = NULL;
	double t0 = gpw_now();
	int rc = geopol_members(&it, db, w->ent[w->cfg.n_states].code, gpw_recent_date(), NULL);
	double t = gpw_now() - t0;
	geopol_iter_free(it);
	gpw_note("memindex: built in %.0f ms (%s), %.1f MB, peak RSS %.0f MB", t * 1e3,
		 rc ? "failed" : "ok", (double)gp_memindex_bytes(db) / 1e6,
		 (double)gpw_peak_rss_kb() / 1e3);
	gpw_report("memindex_bytes", (double)gp_memindex_bytes(db) / 1e6, "MB",
		   (double)gp_memindex_bytes(db) / 30e6);
	gp_memindex_mode(db, GP_MEMINDEX_AUTO);
	return t * 1e3;
}

static void make_queries(const gpw_world *w, int kind, query *qs, size_t n, uint64_t seed,
			 int recent);

/* The first questions of a fresh handle (issue 17 item 3): no question may
 * pay more than 50 ms for building the index, which is built a slice at a
 * time (memindex_internal.h). The longest of the first N_FIRST questions,
 * against the build done whole (note_build) in the same run. */
#define N_FIRST 400
static void first_questions(const gpw_world *w, double whole_ms)
{
	geopol_db *db;
	query *qs = malloc(N_FIRST * sizeof *qs);
	if (!qs || gpw_open_library(&db, w)) {
		free(qs);
		return;
	}
	make_queries(w, Q_MEMBERS, qs, N_FIRST, w->cfg.seed + 5, 0);
	double worst = 0;
	size_t ready = 0;
	for (size_t i = 0; i < N_FIRST; i++) {
		size_t rows;
		double t0 = gpw_now();
		run_lib(db, Q_MEMBERS, &qs[i], &rows);
		double t = (gpw_now() - t0) * 1e3;
		if (t > worst)
			worst = t;
		if (!ready && gp_memindex_builds(db))
			ready = i + 1;
	}
	int64_t slices;
	double slice_max;
	gp_memindex_slices(db, &slices, &slice_max);
	gpw_report("first_questions_max", worst, "ms", worst / whole_ms);
	gpw_note("first %d questions of a fresh handle: the longest %.1f ms (target: no build "
		 "over 50 ms in one question), the build in %lld slices, the longest %.1f ms, "
		 "the index answering from question %zu; the build done whole took %.0f ms",
		 N_FIRST, worst, (long long)slices, slice_max, ready, whole_ms);
	geopol_close(db);
	free(qs);
}

static void make_queries(const gpw_world *w, int kind, query *qs, size_t n, uint64_t seed,
			 int recent)
{
	uint64_t s = seed;
	for (size_t i = 0; i < n; i++) {
		size_t e = kind == Q_MEMBERS ? w->cfg.n_states + gpw_below(&s, w->cfg.n_orgs)
					     : gpw_below(&s, w->cfg.n_states);
		qs[i].code = w->ent[e].code;
		qs[i].at = recent ? gpw_recent_date() : gpw_random_date(&s);
	}
}

int main(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	gpw_config cfg;
	if (gpw_config_init(&cfg, NULL))
		return 2;
	gpw_world w;
	if (gpw_generate(&w, &cfg))
		return 1;
	geopol_db *db;
	sqlite3 *bdb;
	if (gpw_open_library(&db, &w) || gpw_open_baseline(&bdb, &w))
		return 1;
	query *qs = malloc(N_QUERIES * sizeof *qs);
	first_questions(&w, note_build(db, &w));
	for (int recent = 0; recent <= 1; recent++) {
		for (int k = 0; k < N_KINDS; k++) {
			sqlite3_stmt *st;
			if (sqlite3_prepare_v2(bdb, base_sql[k], -1, &st, NULL) != SQLITE_OK) {
				fprintf(stderr, "bench_query: %s\n", sqlite3_errmsg(bdb));
				return 1;
			}
			double rows_l, rows_b;
			/* Warm both: page caches, statement caches. */
			make_queries(&w, k, qs, N_WARM, cfg.seed + 99 + (uint64_t)k, recent);
			measure(db, NULL, k, qs, N_WARM, &rows_l);
			measure(NULL, st, k, qs, N_WARM, &rows_b);
			make_queries(&w, k, qs, N_QUERIES, cfg.seed + 7 + (uint64_t)k, recent);
			double lib = measure(db, NULL, k, qs, N_QUERIES, &rows_l);
			double base = measure(NULL, st, k, qs, N_QUERIES, &rows_b);
			/* The same questions on SQL, for the record. */
			gp_memindex_mode(db, GP_MEMINDEX_OFF);
			double rows_s;
			double sql = measure(db, NULL, k, qs, N_QUERIES, &rows_s);
			gp_memindex_mode(db, GP_MEMINDEX_AUTO);
			sqlite3_finalize(st);
			char name[64];
			snprintf(name, sizeof name, "%s%s", names[k], recent ? "_recent" : "");
			gpw_report(name, lib, "us", lib / base);
			gpw_note("%s: library %.1f rows a query, baseline %.1f (%.1f us), "
				 "library on SQL %.1f us", name, rows_l, rows_b, base, sql);
		}
	}
	free(qs);
	geopol_close(db);
	sqlite3_close(bdb);
	gpw_free(&w);
	return 0;
}
