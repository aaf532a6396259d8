/*
 * graph.c - traversals at a date: neighbours to depth k and a shortest path
 * (the whole-graph snapshot is in snapshot.c).
 *
 * Traversals run breadth-first in C over the edges valid at D (memberships
 * and relations, either direction), then stream the edges they kept. For
 * current knowledge they walk the in-memory index's adjacency at D
 * (memindex.c): each entity's distinct neighbours, with the first edge to
 * each in the order the SQL below meets them, so both walks visit the same
 * entities through the same edges. Otherwise one indexed query a node.
 */
#include "store/memindex_internal.h"
#include "query/query_internal.h"
#include "store/sql_internal.h"

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
		return gp_oom(db);
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
					rc = gp_oom(db);
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

/* ---- the same walks on the in-memory adjacency */

typedef struct mwalk {
	uint32_t *node;      /* entities in visiting order */
	uint32_t *parent;    /* index in node[] of the entity each was reached from */
	uint32_t *edge;      /* the edge that reached it (a memindex edge tag) */
	int *depth;
	uint64_t *seen;      /* bitset over entities */
	size_t n;
} mwalk;

static void mwalk_free(mwalk *w)
{
	free(w->node);
	free(w->parent);
	free(w->edge);
	free(w->depth);
	free(w->seen);
}

static int mwalk_init(mwalk *w, size_t n_ent)
{
	size_t n = n_ent ? n_ent : 1;
	*w = (mwalk){malloc(n * sizeof *w->node), malloc(n * sizeof *w->parent),
		     malloc(n * sizeof *w->edge), malloc(n * sizeof *w->depth),
		     calloc((n + 63) / 64, sizeof *w->seen), 0};
	if (w->node && w->parent && w->edge && w->depth && w->seen)
		return GEOPOL_OK;
	mwalk_free(w);
	return GEOPOL_ENOMEM;
}

static void mwalk_add(mwalk *w, uint32_t v, uint32_t parent, uint32_t edge, int depth)
{
	w->seen[v / 64] |= 1ull << (v % 64);
	w->node[w->n] = v;
	w->parent[w->n] = parent;
	w->edge[w->n] = edge;
	w->depth[w->n++] = depth;
}

/* Whether u has a neighbour not seen yet. Late in a walk most entities
 * have none: a few words of AND skip their lists. */
static int has_unseen(const gp_reach *r, const mwalk *w, uint32_t u)
{
	if (!r->bits)
		return 1;
	const uint64_t *b = r->bits + (size_t)u * r->words;
	for (size_t i = 0; i < r->words; i++)
		if (b[i] & ~w->seen[i])
			return 1;
	return 0;
}

/* Add u's unseen neighbours (u is node i) at depth d, in GP_SQL_EDGES
 * order: from the collapsed adjacency when the date has one, else from
 * the raw adjacency (a path stops early: collapsing first would cost a
 * pass over every edge). Returns 1 when `target` was added. */
static int expand(const gp_memindex *mi, const gp_reach *r, int64_t dlo, int64_t dhi, mwalk *w,
		  size_t i, int d, int64_t target)
{
	uint32_t u = w->node[i];
	if (r) {
		if (!has_unseen(r, w, u))
			return 0;
		for (uint32_t j = r->off[u]; j < r->off[u + 1]; j++) {
			uint32_t v = r->nbr[j];
			if (w->seen[v / 64] & (1ull << (v % 64)))
				continue;
			mwalk_add(w, v, (uint32_t)i, r->edge[j], d);
			if ((int64_t)v == target)
				return 1;
		}
		return 0;
	}
	for (int k = 0; k < 4; k++) {
		const gp_hop *h, *end;
		for (gp_memindex_hops(mi, u, k, dlo, &h, &end); h < end; h++) {
			uint32_t v = h->other;
			if (h->from_lo > dhi || (w->seen[v / 64] & (1ull << (v % 64))))
				continue;
			mwalk_add(w, v, (uint32_t)i, h->edge, d);
			if ((int64_t)v == target)
				return 1;
		}
	}
	return 0;
}

/* run_bfs in memory: the same visiting order, since both adjacencies list
 * each entity's edges in GP_SQL_EDGES order (the collapsed one keeps the
 * first edge to each neighbour, the one a walk takes). */
static void mwalk_run(const gp_memindex *mi, const gp_reach *r, int64_t dlo, int64_t dhi, mwalk *w,
		      uint32_t start, int depth, int64_t target)
{
	mwalk_add(w, start, UINT32_MAX, 0, 0);
	size_t level_start = 0;
	for (int d = 1; d <= depth && level_start < w->n; d++) {
		size_t level_end = w->n;
		for (size_t i = level_start; i < level_end; i++)
			if (expand(mi, r, dlo, dhi, w, i, d, target))
				return;
		level_start = level_end;
	}
}

typedef struct mhop {
	uint32_t edge, via;
	int depth;
} mhop;

typedef struct mhops {
	gp_memindex *mi;
	mhop *hops;
	size_t n, cur;
	int64_t dlo, dhi;
} mhops;

static int mhops_next(geopol_iter *it)
{
	mhops *s = it->state;
	if (s->cur >= s->n)
		return GEOPOL_ITEROVER;
	const mhop *h = &s->hops[s->cur++];
	gp_memindex_fill(it, s->mi, h->edge, s->dlo, s->dhi);
	it->item.via = s->mi->code[h->via];
	it->item.depth = h->depth;
	return GEOPOL_OK;
}

static void mhops_destroy(geopol_iter *it)
{
	mhops *s = it->state;
	if (!s)
		return;
	gp_memindex_release(s->mi);
	free(s->hops);
	free(s);
}

/* The hops to emit: every entity reached (neighbours, end < 0), or the
 * path back from node[end], in order. */
static int mhops_from(mhops *s, const mwalk *w, int64_t end)
{
	size_t n = 0;
	if (end < 0)
		n = w->n - 1;
	else
		for (size_t i = (size_t)end; w->parent[i] != UINT32_MAX; i = w->parent[i])
			n++;
	s->hops = malloc((n ? n : 1) * sizeof *s->hops);
	if (!s->hops)
		return GEOPOL_ENOMEM;
	s->n = n;
	if (end < 0)
		for (size_t i = 1; i < w->n; i++)
			s->hops[i - 1] = (mhop){w->edge[i], w->node[w->parent[i]], w->depth[i]};
	else
		for (size_t i = (size_t)end, k = n; w->parent[i] != UINT32_MAX; i = w->parent[i])
			s->hops[--k] = (mhop){w->edge[i], w->node[w->parent[i]], w->depth[i]};
	return GEOPOL_OK;
}

/* Walk from `from` (entity index) to `depth` hops, or to `to` (>= 0) within
 * MAX_PATH_HOPS, and start an iterator over the kept hops. *end gets the
 * node index of `to`, -1 if not reached. Takes over mi. */
static int mwalk_start(geopol_iter **out, geopol_db *db, gp_memindex *mi, int64_t dlo, int64_t dhi,
		       uint32_t from, int depth, int64_t to, int64_t *end)
{
	mhops *s = calloc(1, sizeof *s);
	/* Neighbours reach most of the graph: collapse the adjacency at D once
	 * and keep it for the next walk at D. A path walks the raw adjacency
	 * unless D is cached already. */
	const gp_reach *r = s ? gp_memindex_reach(mi, dlo, dhi, to < 0) : NULL;
	mwalk w;
	if (!s || (to < 0 && !r) || mwalk_init(&w, mi->n_ent)) {
		free(s);
		gp_memindex_release(mi);
		return gp_oom(db);
	}
	*s = (mhops){mi, NULL, 0, 0, dlo, dhi};
	*end = -1;
	mwalk_run(mi, r, dlo, dhi, &w, from, depth, to);
	for (size_t i = 0; to >= 0 && i < w.n; i++)
		if ((int64_t)w.node[i] == to)
			*end = (int64_t)i;
	int rc = to >= 0 && *end < 0 ? GEOPOL_ENOTFOUND : mhops_from(s, &w, to >= 0 ? *end : -1);
	mwalk_free(&w);
	geopol_iter *it = rc ? NULL : gp_iter_new(db, mhops_next, mhops_destroy, s);
	if (!it) {
		if (rc)
			mhops_destroy(&(geopol_iter){.state = s});
		return rc == GEOPOL_ENOTFOUND ? rc : gp_oom(db);
	}
	*out = it;
	return GEOPOL_OK;
}

/* Current knowledge walks the index when the handle has a fresh one.
 * `weight`: what the SQL walk would cost, in point queries (memindex.c).
 * *done says whether it answered; from/to are row ids (to 0: neighbours). */
static int from_memindex(geopol_iter **out, geopol_db *db, const geopol_query *q, gp_phased *s,
			 int weight, int64_t from, int depth, int64_t to, int *done)
{
	*done = 0;
	if ((q && q->known_at != 0) || !s->plain)
		return GEOPOL_OK;
	gp_memindex *mi = gp_memindex_acquire(db, weight);
	if (!mi)
		return GEOPOL_OK;
	int64_t f = gp_memindex_entity(mi, from), t = to ? gp_memindex_entity(mi, to) : -1;
	if (f < 0 || (to && t < 0)) {
		gp_memindex_release(mi);
		return GEOPOL_OK;
	}
	*done = 1;
	int64_t end;
	return mwalk_start(out, db, mi, s->p.dlo, s->p.dhi, (uint32_t)f, depth, t, &end);
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
	/* The SQL walk at depth 3 reads most of the graph: as costly as a
	 * build of the index, so it warrants one at once. */
	int done;
	if ((rc = from_memindex(out, db, q, s, GP_MEMINDEX_WARM, start, depth, 0, &done)) || done)
		return gp_query_fail(s, rc);
	bfs b = {0};
	if ((rc = run_bfs(db, s, start, depth, 0, &b))) {
		bfs_free(&b);
		return gp_query_fail(s, rc);
	}
	s->n_edges = b.n - 1;
	s->edges = malloc((b.n ? b.n : 1) * sizeof *s->edges);
	if (!s->edges) {
		bfs_free(&b);
		return gp_query_fail(s, gp_oom(db));
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
	/* A path stops early: a few point queries' worth of SQL. */
	int done;
	rc = from_memindex(out, db, q, s, 4, from, MAX_PATH_HOPS, to, &done);
	if (rc == GEOPOL_ENOTFOUND)
		rc = gp_error(db, rc, "no path from '%s' to '%s' within %d hops at that date",
			      gp_short(a), gp_short(b), MAX_PATH_HOPS);
	if (rc || done)
		return gp_query_fail(s, rc);
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
					gp_short(a), gp_short(b), MAX_PATH_HOPS));
	}
	size_t hops = 0;
	for (size_t i = end; w.v[i].parent != SIZE_MAX; i = w.v[i].parent)
		hops++;
	s->edges = malloc((hops ? hops : 1) * sizeof *s->edges);
	if (!s->edges) {
		bfs_free(&w);
		return gp_query_fail(s, gp_oom(db));
	}
	s->n_edges = hops;
	for (size_t i = end, k = hops; w.v[i].parent != SIZE_MAX; i = w.v[i].parent)
		s->edges[--k] = w.v[i].edge;
	bfs_free(&w);
	return start_edges(out, db, s);
}
