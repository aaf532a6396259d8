/*
 * bench_pg.c - the PostgreSQL store against the SQLite store, in the same
 * run, on the same world (issue 21, point 6): the load (through the
 * library's write path, as bench_bulk; and by geopol_copy from the SQLite
 * file, PostgreSQL's COPY), the "at D" point questions (as bench_query),
 * the snapshot and the one-year diff (as bench_snapshot). Every ratio is
 * PostgreSQL's figure divided by the SQLite store's: for times lower is
 * better, for rates higher is better. Each answer is also counted on both
 * stores, and a difference fails the bench: a fast wrong answer is no
 * figure.
 *
 *   bench_pg [--has-libpq | <source dir>]   (GEOPOL_BENCH_SCALE, GEOPOL_BENCH_DIR,
 *                            GEOPOL_BENCH_PG: the libpq conninfo of a
 *                            server where the bench may create and drop
 *                            its own databases; bench/run.sh starts a
 *                            throw-away cluster with tests/pg/cluster.sh.
 *                            Unset, or built without libpq: a note, exit 0)
 *
 * GEOPOL_BENCH_PG_API=0 skips the load through the write path (at full
 * scale it takes minutes: a statement's round trip per row); the copy is
 * always timed, since the questions need a loaded database.
 */
#include "world.h"
#include "store/memindex_internal.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#ifndef GEOPOL_HAVE_LIBPQ
/* `bench_pg --has-libpq` (bench/run.sh): exit 0 when built with the
 * PostgreSQL store, 1 without. */
int main(int argc, char **argv)
{
	if (argc > 1 && !strcmp(argv[1], "--has-libpq"))
		return 1;
	gpw_note("bench_pg: built without libpq (no PostgreSQL store): nothing to measure");
	return 0;
}
#else

#include <libpq-fe.h>

#define N_QUERIES 2000
#define N_WARM 200

/* ---- databases of the bench's own on the server */

/* Drop and create database `name`, then write the path geopol opens it
 * by ("postgresql:" and the conninfo naming it) into path. */
static int fresh_database(const char *server, const char *name, char *path, size_t size)
{
	PGconn *c = PQconnectdb(server);
	if (PQstatus(c) != CONNECTION_OK) {
		fprintf(stderr, "bench_pg: %s: %s", server, PQerrorMessage(c));
		PQfinish(c);
		return -1;
	}
	/* The name is the bench's own constant; identifiers cannot be bound. */
	char sql[256];
	int rc = 0;
	const char *steps[2] = {"DROP DATABASE IF EXISTS %s", "CREATE DATABASE %s"};
	for (int i = 0; i < 2 && !rc; i++) {
		snprintf(sql, sizeof sql, steps[i], name);
		PGresult *r = PQexec(c, sql);
		if (PQresultStatus(r) != PGRES_COMMAND_OK) {
			fprintf(stderr, "bench_pg: %s: %s", sql, PQerrorMessage(c));
			rc = -1;
		}
		PQclear(r);
	}
	PQfinish(c);
	if ((size_t)snprintf(path, size, "postgresql:%s dbname=%s", server, name) >= size)
		return -1;
	return rc;
}

static int open_db(geopol_db **db, const char *path)
{
	int rc = geopol_open(db, path, NULL);
	if (rc)
		fprintf(stderr, "bench_pg: %s: %s\n", path, geopol_errmsg(*db));
	return rc;
}

/* ---- the load */

/* Load the world through the write path into path; seconds, or < 0. */
static double load_api(const char *path, const gpw_world *w, gpw_counts *counts)
{
	geopol_db *db;
	if (open_db(&db, path))
		return -1;
	double t0 = gpw_now();
	int rc = gpw_load_library(db, w, counts);
	double s = gpw_now() - t0;
	if (rc)
		fprintf(stderr, "bench_pg: load into %s: %s\n", path, geopol_errmsg(db));
	geopol_close(db);
	return rc ? -1 : s;
}

static void bench_load_api(const char *server, const gpw_world *w)
{
	const char *skip = getenv("GEOPOL_BENCH_PG_API");
	if (skip && !strcmp(skip, "0")) {
		gpw_note("load through the write path skipped (GEOPOL_BENCH_PG_API=0)");
		return;
	}
	char pg[1024], lite[1024];
	gpw_db_path(lite, sizeof lite, &w->cfg, "pgbench-sqlite");
	gpw_remove_db(lite);
	if (fresh_database(server, "geopol_bench_api", pg, sizeof pg))
		return;
	gpw_counts cl, cp;
	double sl = load_api(lite, w, &cl);
	double sp = load_api(pg, w, &cp);
	gpw_remove_db(lite);
	if (sl < 0 || sp < 0)
		return;
	double rows = (double)gpw_counts_rows(&cp);
	gpw_report("pg_load_api", rows / sp, "rows/s", (rows / sp) / (rows / sl));
	gpw_note("pg_load_api: %.0f rows, every fact cited, one transaction: PostgreSQL %.1f s, "
		 "the SQLite store %.1f s (%.0f rows/s)", rows, sp, sl, rows / sl);
}

/* The copy from the SQLite world (the database the questions run on). */
static int bench_load_copy(const char *server, geopol_db *lite, const gpw_world *w,
			   char *pg, size_t size)
{
	if (fresh_database(server, "geopol_bench_world", pg, size))
		return -1;
	geopol_db *db;
	if (open_db(&db, pg))
		return -1;
	int64_t rows = 0;
	double t0 = gpw_now();
	int rc = geopol_copy(db, lite, &rows);
	double s = gpw_now() - t0;
	if (rc) {
		fprintf(stderr, "bench_pg: copy: %s\n", geopol_errmsg(db));
		geopol_close(db);
		return -1;
	}
	geopol_close(db);
	/* The SQLite side of the same copy: into a new file. */
	char path[1024];
	gpw_db_path(path, sizeof path, &w->cfg, "pgbench-copy");
	gpw_remove_db(path);
	if (open_db(&db, path))
		return -1;
	int64_t rows2 = 0;
	double t1 = gpw_now();
	rc = geopol_copy(db, lite, &rows2);
	double s2 = gpw_now() - t1;
	geopol_close(db);
	gpw_remove_db(path);
	if (rc || rows2 != rows) {
		fprintf(stderr, "bench_pg: copy into SQLite: %lld rows against %lld\n",
			(long long)rows2, (long long)rows);
		return -1;
	}
	gpw_report("pg_load_copy", (double)rows / s, "rows/s", s2 / s);
	gpw_note("pg_load_copy: geopol_copy of the SQLite world, %lld rows (every table, "
		 "recorded time included): into PostgreSQL %.1f s, into a new SQLite file %.1f s",
		 (long long)rows, s, s2);
	return 0;
}

/* ---- the point questions */

enum { Q_MEMBERS, Q_MEMBERSHIPS, Q_RELATIONS, N_KINDS };
static const char *const q_names[N_KINDS] = {"pg_members_at_d", "pg_orgs_of_state_at_d",
					     "pg_relations_of_state_at_d"};

typedef struct query {
	const char *code;
	geopol_date at;
} query;

/* An order-sensitive digest (FNV-1a) of what a user reads of an item:
 * the two stores must give the same items in the same order. */
static uint64_t mix(uint64_t h, const void *p, size_t n)
{
	const unsigned char *b = p;
	for (size_t i = 0; i < n; i++)
		h = (h ^ b[i]) * 1099511628211ULL;
	return h;
}

static uint64_t mix_str(uint64_t h, const char *s)
{
	return mix(h, s ? s : "", s ? strlen(s) + 1 : 1);
}

static uint64_t digest(uint64_t h, const geopol_item *item)
{
	h = mix(h, &item->kind, sizeof item->kind);
	if (item->membership) {
		const geopol_membership *m = item->membership;
		h = mix_str(mix_str(h, m->org), m->member);
		h = mix(mix(h, &m->role, sizeof m->role), &m->certainty, sizeof m->certainty);
		h = mix(mix(h, &m->from, sizeof m->from), &m->to, sizeof m->to);
	} else if (item->relation) {
		const geopol_relation *r = item->relation;
		h = mix_str(mix_str(mix_str(h, r->a), r->b), r->type);
		h = mix(mix(h, &r->from, sizeof r->from), &r->to, sizeof r->to);
		h = mix(h, &r->certainty, sizeof r->certainty);
	} else if (item->entity) {
		h = mix_str(h, item->entity->code);
	} else if (item->event) {
		h = mix(h, &item->event->fact_id, sizeof item->event->fact_id);
	}
	return mix(h, &item->change, sizeof item->change);
}

static int ask(geopol_db *db, int kind, const query *q, size_t *rows, uint64_t *h)
{
	geopol_iter *it = NULL;
	int rc;
	switch (kind) {
	case Q_MEMBERS: rc = geopol_members(&it, db, q->code, q->at, NULL); break;
	case Q_MEMBERSHIPS: rc = geopol_memberships(&it, db, q->code, q->at, NULL); break;
	default: rc = geopol_relations(&it, db, q->code, NULL, q->at, NULL); break;
	}
	if (rc) {
		fprintf(stderr, "bench_pg: %s\n", geopol_errmsg(db));
		return rc;
	}
	const geopol_item *item;
	size_t n = 0;
	while ((rc = geopol_iter_next(it, &item)) == GEOPOL_OK) {
		*h = digest(*h, item);
		n++;
	}
	geopol_iter_free(it);
	*rows = n;
	return rc == GEOPOL_ITEROVER ? 0 : rc;
}

/* Median microseconds; *total gets the rows of all the questions, *h
 * their digest. */
static double measure(geopol_db *db, int kind, const query *qs, size_t nq, size_t *total,
		      uint64_t *h)
{
	double *t = malloc(nq * sizeof *t);
	if (!t)
		return NAN;
	*total = 0;
	*h = 14695981039346656037ULL;
	for (size_t i = 0; i < nq; i++) {
		size_t rows = 0;
		double t0 = gpw_now();
		if (ask(db, kind, &qs[i], &rows, h)) {
			free(t);
			return NAN;
		}
		t[i] = (gpw_now() - t0) * 1e6;
		*total += rows;
	}
	double med = gpw_median(t, nq);
	free(t);
	return med;
}

static void make_queries(const gpw_world *w, int kind, query *qs, size_t n, uint64_t seed)
{
	uint64_t s = seed;
	for (size_t i = 0; i < n; i++) {
		size_t e = kind == Q_MEMBERS ? w->cfg.n_states + gpw_below(&s, w->cfg.n_orgs)
					     : gpw_below(&s, w->cfg.n_states);
		qs[i].code = w->ent[e].code;
		qs[i].at = gpw_random_date(&s);
	}
}

static int bench_questions(geopol_db *pg, geopol_db *lite, const gpw_world *w)
{
	query *qs = malloc(N_QUERIES * sizeof *qs);
	if (!qs)
		return -1;
	int bad = 0;
	for (int k = 0; k < N_KINDS && !bad; k++) {
		size_t rp, rl, rs;
		uint64_t hp, hl, hs;
		make_queries(w, k, qs, N_WARM, w->cfg.seed + 99 + (uint64_t)k);
		measure(pg, k, qs, N_WARM, &rp, &hp);
		measure(lite, k, qs, N_WARM, &rl, &hl);
		make_queries(w, k, qs, N_QUERIES, w->cfg.seed + 7 + (uint64_t)k);
		double tp = measure(pg, k, qs, N_QUERIES, &rp, &hp);
		double tl = measure(lite, k, qs, N_QUERIES, &rl, &hl);
		/* SQLite's own SQL path, the in-memory index off: SQL against SQL. */
		gp_memindex_mode(lite, GP_MEMINDEX_OFF);
		double ts = measure(lite, k, qs, N_QUERIES, &rs, &hs);
		gp_memindex_mode(lite, GP_MEMINDEX_AUTO);
		if (isnan(tp) || isnan(tl) || isnan(ts) || rp != rl || rs != rl || hp != hl ||
		    hs != hl) {
			fprintf(stderr, "bench_pg: %s: %zu rows on PostgreSQL, %zu on SQLite "
				"(%zu on its SQL path), the same items: %s\n", q_names[k], rp, rl, rs,
				hp == hl && hs == hl ? "yes" : "no");
			bad = 1;
			break;
		}
		gpw_report(q_names[k], tp, "us", tp / tl);
		gpw_note("%s: %d questions, %.1f rows each, the same on both stores: PostgreSQL "
			 "%.1f us, SQLite %.1f us (%.1f us with its in-memory index off; "
			 "PostgreSQL / SQLite's SQL %.2f)", q_names[k], N_QUERIES,
			 (double)rp / N_QUERIES, tp, tl, ts, tp / ts);
	}
	free(qs);
	return bad ? -1 : 0;
}

/* ---- the snapshot and the diff */

/* The second of two runs (warm), milliseconds; *rows gets the items. */
static double time_iter(geopol_db *db, int diff, size_t *rows, uint64_t *h)
{
	geopol_date at = gpw_recent_date(), before = at;
	before.day -= 365;
	double ms = NAN;
	for (int warm = 0; warm < 2; warm++) {
		geopol_iter *it;
		double t0 = gpw_now();
		int rc = diff ? geopol_diff(&it, db, before, at, NULL, NULL)
			      : geopol_snapshot(&it, db, at, NULL);
		if (rc) {
			fprintf(stderr, "bench_pg: %s\n", geopol_errmsg(db));
			return NAN;
		}
		const geopol_item *item;
		*rows = 0;
		*h = 14695981039346656037ULL;
		while ((rc = geopol_iter_next(it, &item)) == GEOPOL_OK) {
			*h = digest(*h, item);
			(*rows)++;
		}
		geopol_iter_free(it);
		if (rc != GEOPOL_ITEROVER) {
			fprintf(stderr, "bench_pg: %s\n", geopol_errmsg(db));
			return NAN;
		}
		ms = (gpw_now() - t0) * 1e3;
	}
	return ms;
}

static int bench_graph(geopol_db *pg, geopol_db *lite)
{
	static const char *const names[2] = {"pg_snapshot_iter", "pg_diff_one_year"};
	for (int diff = 0; diff <= 1; diff++) {
		size_t np = 0, nl = 0;
		uint64_t hp = 0, hl = 0;
		double tp = time_iter(pg, diff, &np, &hp);
		double tl = time_iter(lite, diff, &nl, &hl);
		if (isnan(tp) || isnan(tl) || np != nl || hp != hl) {
			fprintf(stderr, "bench_pg: %s: %zu items on PostgreSQL, %zu on SQLite, "
				"the same items: %s\n", names[diff], np, nl, hp == hl ? "yes" : "no");
			return -1;
		}
		gpw_report(names[diff], tp, "ms", tp / tl);
		gpw_note("%s: %zu items on both stores: PostgreSQL %.1f ms, SQLite %.1f ms",
			 names[diff], np, tp, tl);
	}
	return 0;
}

int main(int argc, char **argv)
{
	if (argc > 1 && !strcmp(argv[1], "--has-libpq"))
		return 0;
	const char *server = getenv("GEOPOL_BENCH_PG");
	if (!server || !*server) {
		gpw_note("bench_pg: GEOPOL_BENCH_PG (a server's conninfo) is not set: nothing "
			 "to measure (bench/run.sh sets it)");
		return 0;
	}
	gpw_config cfg;
	if (gpw_config_init(&cfg, NULL))
		return 2;
	gpw_world w;
	if (gpw_generate(&w, &cfg))
		return 1;
	geopol_db *lite, *pg;
	char pg_path[1024];
	if (gpw_open_library(&lite, &w))
		return 1;
	bench_load_api(server, &w);
	int rc = bench_load_copy(server, lite, &w, pg_path, sizeof pg_path);
	if (!rc)
		rc = open_db(&pg, pg_path);
	if (!rc) {
		rc = bench_questions(pg, lite, &w);
		if (!rc)
			rc = bench_graph(pg, lite);
		geopol_close(pg);
	}
	geopol_close(lite);
	gpw_free(&w);
	return rc ? 1 : 0;
}
#endif
