/*
 * graph.c - traversals at a date: neighbours to depth k, a shortest path,
 * and the whole-graph snapshot.
 *
 * Traversals run breadth-first in C over the edges valid at D (memberships
 * and relations, either direction), then stream the edges they kept.
 */
#include "query_internal.h"
#include "sql_internal.h"

#include <stdlib.h>
#include <string.h>

#define MAX_PATH_HOPS 6

/* A growable set of visited entity ids with the edge that reached each. */
typedef struct visit {
	int64_t id;
	size_t parent;   /* index into the visit list; SIZE_MAX for the start */
	gp_edge edge;
} visit;

typedef struct bfs {
	visit *v;
	size_t n, cap;
	int64_t *slots;  /* open addressing: visit index + 1; 0 = empty */
	size_t nslots;
} bfs;

static size_t slot_of(const bfs *b, int64_t id)
{
	size_t h = (size_t)((uint64_t)id * 0x9E3779B97F4A7C15ull >> 20) & (b->nslots - 1);
	while (b->slots[h] && b->v[b->slots[h] - 1].id != id)
		h = (h + 1) & (b->nslots - 1);
	return h;
}

static int bfs_seen(const bfs *b, int64_t id)
{
	return b->slots[slot_of(b, id)] != 0;
}

static int bfs_add(bfs *b, int64_t id, size_t parent, gp_edge e)
{
	if ((b->n + 1) * 2 > b->nslots) {
		size_t ns = b->nslots ? b->nslots * 2 : 64;
		int64_t *slots = calloc(ns, sizeof *slots);
		if (!slots)
			return GEOPOL_ENOMEM;
		free(b->slots);
		b->slots = slots;
		b->nslots = ns;
		for (size_t i = 0; i < b->n; i++)
			b->slots[slot_of(b, b->v[i].id)] = (int64_t)i + 1;
	}
	if (b->n == b->cap) {
		size_t cap = b->cap ? b->cap * 2 : 64;
		visit *v = realloc(b->v, cap * sizeof *v);
		if (!v)
			return GEOPOL_ENOMEM;
		b->v = v;
		b->cap = cap;
	}
	b->v[b->n] = (visit){id, parent, e};
	b->slots[slot_of(b, id)] = (int64_t)b->n + 1;
	b->n++;
	return GEOPOL_OK;
}

static void bfs_free(bfs *b)
{
	free(b->v);
	free(b->slots);
}

/* Edges of one entity valid at the span: (kind, row id, other end). */
static const char edges_sql[] = GP_SQL_EDGES;

/* Breadth-first from `start` to `depth` hops; stops early once `target`
 * (if nonzero) is reached. */
static int run_bfs(geopol_db *db, gp_phased *s, int64_t start, int depth, int64_t target, bfs *b)
{
	gp_edge none = {0, 0, 0, 0};
	int rc = bfs_add(b, start, SIZE_MAX, none);
	if (rc)
		return gp_error(db, rc, "out of memory");
	sqlite3_stmt *st = gp_stmt_take(db, edges_sql);
	if (!st)
		return GEOPOL_EDB;
	size_t level_start = 0;
	for (int d = 1; d <= depth && level_start < b->n; d++) {
		size_t level_end = b->n;
		for (size_t i = level_start; i < level_end; i++) {
			gp_params p = s->p;
			p.ent = b->v[i].id;
			sqlite3_reset(st);
			if ((rc = gp_bind_params(db, st, &p)))
				goto done;
			while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
				int64_t other = sqlite3_column_int64(st, 2);
				if (bfs_seen(b, other))
					continue;
				gp_edge e = {sqlite3_column_int(st, 0), sqlite3_column_int64(st, 1),
					     b->v[i].id, d};
				if (bfs_add(b, other, i, e)) {
					rc = gp_error(db, GEOPOL_ENOMEM, "out of memory");
					goto done;
				}
				if (other == target) {
					rc = GEOPOL_OK;
					goto done;
				}
			}
			if (rc != SQLITE_DONE) {
				rc = gp_sql_error(db, "walking the graph");
				goto done;
			}
		}
		level_start = level_end;
	}
	rc = GEOPOL_OK;
done:
	gp_stmt_give(db, st);
	return rc;
}

static const char via_sql[] = "SELECT code FROM entity WHERE id = ?1";

static int edges_next(geopol_iter *it)
{
	gp_phased *s = it->state;
	if (s->cur_edge >= s->n_edges)
		return GEOPOL_ITEROVER;
	gp_edge *e = &s->edges[s->cur_edge++];
	int rc = gp_read_byrow(it, s, e->kind, e->row, s->p.dlo, s->p.dhi);
	if (rc)
		return rc;
	sqlite3_stmt *st = gp_stmt(it->db, via_sql);
	if (!st)
		return GEOPOL_EDB;
	sqlite3_bind_int64(st, 1, e->via);
	if (sqlite3_step(st) == SQLITE_ROW)
		it->item.via = gp_iter_strdup(it, (const char *)sqlite3_column_text(st, 0));
	sqlite3_reset(st);
	it->item.depth = e->depth;
	return GEOPOL_OK;
}

static void edges_destroy(geopol_iter *it)
{
	gp_phased *s = it->state;
	if (!s)
		return;
	for (int k = 0; k < GP_BYROW_KINDS; k++)
		gp_stmt_give(it->db, s->byrow[k]);
	free(s->edges);
	free(s);
}

static int start_edges(geopol_iter **out, geopol_db *db, gp_phased *s)
{
	geopol_iter *it = gp_iter_new(db, edges_next, edges_destroy, s);
	if (!it)
		return GEOPOL_ENOMEM;
	*out = it;
	return GEOPOL_OK;
}

int geopol_neighbors(geopol_iter **out, geopol_db *db, const char *entity, geopol_date at,
		     int depth, const geopol_query *q)
{
	gp_phased *s;
	int rc = gp_query_begin(out, db, q, &s);
	if (rc)
		return rc;
	if (depth < 1 || depth > 10)
		return gp_query_fail(s, gp_error(db, GEOPOL_EINVAL,
					"neighbors: depth %d is outside 1..10", depth));
	int64_t start;
	if ((rc = gp_entity_id(db, entity, "entity", &start)))
		return gp_query_fail(s, rc);
	gp_at_span(at, &s->p.dlo, &s->p.dhi);
	bfs b = {0};
	if ((rc = run_bfs(db, s, start, depth, 0, &b))) {
		bfs_free(&b);
		return gp_query_fail(s, rc);
	}
	s->n_edges = b.n - 1;
	s->edges = malloc((b.n ? b.n : 1) * sizeof *s->edges);
	if (!s->edges) {
		bfs_free(&b);
		return gp_query_fail(s, gp_error(db, GEOPOL_ENOMEM, "out of memory"));
	}
	for (size_t i = 1; i < b.n; i++)
		s->edges[i - 1] = b.v[i].edge;
	bfs_free(&b);
	return start_edges(out, db, s);
}

int geopol_path(geopol_iter **out, geopol_db *db, const char *a, const char *b,
		geopol_date at, const geopol_query *q)
{
	gp_phased *s;
	int rc = gp_query_begin(out, db, q, &s);
	if (rc)
		return rc;
	int64_t from, to;
	if ((rc = gp_entity_id(db, a, "a", &from)) || (rc = gp_entity_id(db, b, "b", &to)))
		return gp_query_fail(s, rc);
	gp_at_span(at, &s->p.dlo, &s->p.dhi);
	bfs w = {0};
	if ((rc = run_bfs(db, s, from, MAX_PATH_HOPS, to, &w))) {
		bfs_free(&w);
		return gp_query_fail(s, rc);
	}
	size_t end = SIZE_MAX;
	for (size_t i = 0; i < w.n; i++)
		if (w.v[i].id == to)
			end = i;
	if (end == SIZE_MAX) {
		bfs_free(&w);
		return gp_query_fail(s, gp_error(db, GEOPOL_ENOTFOUND,
					"no path from '%s' to '%s' within %d hops at that date",
					a, b, MAX_PATH_HOPS));
	}
	size_t hops = 0;
	for (size_t i = end; w.v[i].parent != SIZE_MAX; i = w.v[i].parent)
		hops++;
	s->edges = malloc((hops ? hops : 1) * sizeof *s->edges);
	if (!s->edges) {
		bfs_free(&w);
		return gp_query_fail(s, gp_error(db, GEOPOL_ENOMEM, "out of memory"));
	}
	s->n_edges = hops;
	for (size_t i = end, k = hops; w.v[i].parent != SIZE_MAX; i = w.v[i].parent)
		s->edges[--k] = w.v[i].edge;
	bfs_free(&w);
	return start_edges(out, db, s);
}

int geopol_snapshot(geopol_iter **out, geopol_db *db, geopol_date at, const geopol_query *q)
{
	static const char nodes[] = "SELECT " GP_ENTITY_COLS " FROM entity x "
		"WHERE x.from_lo <= :dhi AND x.to_hi > :dlo AND x.rec_from <= :k ORDER BY x.code";
	static const char memberships[] = GP_SQL_SNAPSHOT_MEMBERSHIPS;
	static const char relations[] = GP_SQL_SNAPSHOT_RELATIONS;
	gp_phased *s;
	int rc = gp_query_begin(out, db, q, &s);
	if (rc)
		return rc;
	gp_at_span(at, &s->p.dlo, &s->p.dhi);
	gp_phase_add(s, nodes, GP_READ_ENTITY, GP_SPAN_AT, 0);
	gp_phase_add(s, memberships, GP_READ_MEMBERSHIP, GP_SPAN_AT, 0);
	gp_phase_add(s, relations, GP_READ_RELATION, GP_SPAN_AT, 0);
	return gp_phased_start(out, db, s);
}
