/*
 * bench_graph.c - traversals at D, warm: neighbours to depth 3 and the
 * shortest path between two states, through memberships and relations
 * valid at D. The baseline is a recursive CTE over the obvious schema in
 * the same process (for the path it gives only the distance: a CTE has no
 * cheap way to keep the edges).
 *
 * The library walks its in-memory adjacency (lib/store/memindex.c), collapsed to
 * distinct neighbours at D and cached for the last few dates: "warm" means
 * the date was asked before. Notes give the walk at a new date each time
 * (one pass over the adjacency first), the index's build and the walk on
 * SQL (GP_MEMINDEX_OFF).
 *
 *   bench_graph <source dir>     (GEOPOL_BENCH_SCALE, GEOPOL_BENCH_DIR)
 */
#include "world.h"
#include "store/memindex_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define HOLDS_M "(m.from_day IS NULL OR m.from_day <= ?2) AND (m.to_day IS NULL OR m.to_day > ?2)"
#define HOLDS_R "(r.from_day IS NULL OR r.from_day <= ?2) AND (r.to_day IS NULL OR r.to_day > ?2)"
#define EDGES \
	"edge(x, y) AS (SELECT m.org_id, m.member_id FROM membership m WHERE " HOLDS_M \
	" UNION ALL SELECT m.member_id, m.org_id FROM membership m WHERE " HOLDS_M \
	" UNION ALL SELECT r.a_id, r.b_id FROM relation r WHERE " HOLDS_R \
	" UNION ALL SELECT r.b_id, r.a_id FROM relation r WHERE " HOLDS_R ")"

/* Per-hop edges through the (key, from) indexes, breadth first. */
static const char cte_neighbors[] =
	"WITH RECURSIVE " EDGES ", reach(id, depth) AS ("
	" SELECT (SELECT id FROM entity WHERE code = ?1), 0"
	" UNION SELECT e.y, r.depth + 1 FROM reach r JOIN edge e ON e.x = r.id WHERE r.depth < ?3)"
	" SELECT x.code, MIN(depth) FROM reach JOIN entity x ON x.id = reach.id GROUP BY reach.id";
static const char cte_path[] =
	"WITH RECURSIVE " EDGES ", reach(id, depth) AS ("
	" SELECT (SELECT id FROM entity WHERE code = ?1), 0"
	" UNION SELECT e.y, r.depth + 1 FROM reach r JOIN edge e ON e.x = r.id WHERE r.depth < 6)"
	" SELECT depth FROM reach WHERE id = (SELECT id FROM entity WHERE code = ?3) LIMIT 1";

static volatile size_t sink;

static double lib_query(geopol_db *db, int path, const char *a, const char *b, geopol_date at,
			size_t *rows)
{
	geopol_iter *it = NULL;
	double t0 = gpw_now();
	int rc = path ? geopol_path(&it, db, a, b, at, NULL) : geopol_neighbors(&it, db, a, at, 3, NULL);
	size_t n = 0;
	if (rc == GEOPOL_OK) {
		const geopol_item *item;
		while ((rc = geopol_iter_next(it, &item)) == GEOPOL_OK) {
			sink += (size_t)item->depth + (size_t)item->via[0];
			n++;
		}
	}
	double t = gpw_now() - t0;
	geopol_iter_free(it);
	*rows = n;
	return t * 1e3;
}

static double base_query(sqlite3_stmt *st, const char *a, const char *b, geopol_date at,
			 size_t *rows)
{
	double t0 = gpw_now();
	sqlite3_reset(st);
	sqlite3_bind_text(st, 1, a, -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 2, at.day);
	if (b)
		sqlite3_bind_text(st, 3, b, -1, SQLITE_STATIC);
	else
		sqlite3_bind_int(st, 3, 3);
	size_t n = 0;
	while (sqlite3_step(st) == SQLITE_ROW) {
		sink += (size_t)sqlite3_column_int(st, 0);
		n++;
	}
	*rows = n;
	return (gpw_now() - t0) * 1e3;
}

/* Median ms of nq walks from random states, each at its own random date
 * (new_dates) or all at `at`. */
static double walks(geopol_db *db, const gpw_world *w, int path, size_t nq, int new_dates,
		    geopol_date at, uint64_t seed)
{
	double *t = malloc(nq * sizeof *t);
	uint64_t s = seed;
	for (size_t i = 0; i < nq; i++) {
		size_t ia = gpw_below(&s, w->cfg.n_states), ib = (ia + 1) % w->cfg.n_states;
		geopol_date d = new_dates ? gpw_random_date(&s) : at;
		size_t rows;
		t[i] = lib_query(db, path, w->ent[ia].code, path ? w->ent[ib].code : NULL, d, &rows);
	}
	double m = gpw_median(t, nq);
	free(t);
	return m;
}

/* The index's build, forced and timed (the first walk would build it). */
static void note_build(geopol_db *db, const gpw_world *w)
{
	gp_memindex_mode(db, GP_MEMINDEX_ALWAYS);
	double t0 = gpw_now();
	size_t rows;
	lib_query(db, 1, w->ent[0].code, w->ent[1].code, gpw_random_date(&(uint64_t){1}), &rows);
	gpw_note("memindex: built (and one path walked) in %.0f ms, %.1f MB",
		 (gpw_now() - t0) * 1e3, (double)gp_memindex_bytes(db) / 1e6);
	gp_memindex_mode(db, GP_MEMINDEX_AUTO);
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
	sqlite3_stmt *st[2];
	if (sqlite3_prepare_v2(bdb, cte_neighbors, -1, &st[0], NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(bdb, cte_path, -1, &st[1], NULL) != SQLITE_OK) {
		fprintf(stderr, "bench_graph: %s\n", sqlite3_errmsg(bdb));
		return 1;
	}
	/* Few queries: at full scale one traversal reads most of the graph. */
	size_t nq = strcmp(cfg.scale, "small") == 0 ? 40 : 12;
	geopol_date at = gpw_recent_date();
	const char *names[2] = {"neighbors3_at_d", "path_at_d"};
	note_build(db, &w);
	for (int path = 0; path <= 1; path++) {
		double *tl = malloc(nq * sizeof *tl), *tb = malloc(nq * sizeof *tb);
		size_t rows_l = 0, rows_b = 0;
		uint64_t s = cfg.seed + 5 + (uint64_t)path;
		/* Warm once; then measure. */
		for (size_t i = 0; i < nq + 2; i++) {
			size_t ia = gpw_below(&s, cfg.n_states), ib = gpw_below(&s, cfg.n_states);
			if (ia == ib)
				ib = (ib + 1) % cfg.n_states;
			const char *a = w.ent[ia].code, *b = w.ent[ib].code;
			size_t rl, rb;
			double l = lib_query(db, path, a, path ? b : NULL, at, &rl);
			double bt = base_query(st[path], a, path ? b : NULL, at, &rb);
			if (i < 2)
				continue;
			tl[i - 2] = l;
			tb[i - 2] = bt;
			rows_l += rl;
			rows_b += rb;
		}
		double ml = gpw_median(tl, nq), mb = gpw_median(tb, nq);
		gpw_report(names[path], ml, "ms", ml / mb);
		gpw_note("%s: library %.1f items a query, recursive CTE %.1f rows (%.2f ms), ratio 1/%.0f",
			 names[path], (double)rows_l / (double)nq, (double)rows_b / (double)nq, mb, mb / ml);
		gpw_note("%s: at a new date each time %.3f ms", names[path],
			 walks(db, &w, path, nq, 1, at, cfg.seed + 11));
		gp_memindex_mode(db, GP_MEMINDEX_OFF);
		gpw_note("%s: on SQL %.3f ms", names[path], walks(db, &w, path, 3, 0, at, cfg.seed + 13));
		gp_memindex_mode(db, GP_MEMINDEX_AUTO);
		free(tl);
		free(tb);
	}
	sqlite3_finalize(st[0]);
	sqlite3_finalize(st[1]);
	geopol_close(db);
	sqlite3_close(bdb);
	gpw_free(&w);
	return 0;
}
