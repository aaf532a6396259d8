/*
 * sqlite_walk.c - the SQLite store's walks (store.h, gp_store.walk):
 * breadth-first over the memberships and relations that hold at a span,
 * either direction, each entity reached once through the first edge met
 * in GP_SQL_EDGES order. An edge is followed only when it holds at the
 * span once clipped to its entities' lives as known at k (gp_clip_answer:
 * no edge without its nodes, issue 12), as the other answers clip it. For current knowledge, when the handle has a
 * fresh in-memory index, the walk runs on its adjacency at D (memindex.c):
 * each entity's distinct neighbours, with the first edge to each in the
 * order the SQL meets them, so both walks visit the same entities through
 * the same edges. Otherwise one indexed query a node.
 */
#include "store/store.h"
#include "store/sqlite_internal.h"
#include "store/memindex_internal.h"
#include "store/params.h"
#include "store/sql_internal.h"

#include <stdlib.h>
#include <string.h>

/* ---- the walk on SQL */

/* A hop kept: the edge taken (kind, row id), the entity it leaves, depth. */
typedef struct sql_hop {
	int kind;       /* GEOPOL_FACT_MEMBERSHIP or _RELATION */
	int64_t row;
	int64_t via;
	int depth;
} sql_hop;

/* A growable set of visited entity ids with the hop that reached each. */
typedef struct visit {
	int64_t id;
	size_t parent;   /* index into the visit list; SIZE_MAX for the start */
	sql_hop hop;
} visit;

typedef struct bfs {
	visit *v;
	size_t n, cap;
	gp_map seen;     /* entity id -> its index in v */
} bfs;

static int bfs_seen(const bfs *b, int64_t id)
{
	return gp_map_get(&b->seen, (uint64_t)id) != NULL;
}

static int bfs_add(bfs *b, int64_t id, size_t parent, sql_hop e)
{
	visit *v = GP_GROW(b->v, b->cap, b->n + 1, 64);
	if (!v)
		return GEOPOL_ENOMEM;
	b->v = v;
	if (gp_map_put(&b->seen, (uint64_t)id, b->n))
		return GEOPOL_ENOMEM;
	b->v[b->n] = (visit){id, parent, e};
	b->n++;
	return GEOPOL_OK;
}

static void bfs_free(bfs *b)
{
	free(b->v);
	gp_map_free(&b->seen);
}

/* Edges of one entity valid at the span: (kind, row id, other end). */
static const char edges_sql[] = GP_SQL_EDGES;
static const char *const byrow_sql[2] = {GP_SQL_MEMBERSHIP_BYROW, GP_SQL_RELATION_BYROW};

/* Whether edge `row` of `kind`, clipped to its entities' lives as known at
 * l->k (gp_clip_row), may hold on a day of [dlo, dhi]. 1: yes, 0: no,
 * < 0: error. */
static int edge_holds(geopol_db *db, sqlite3_stmt *byrow[2], gp_lives *l, int kind, int64_t row,
		      int64_t dlo, int64_t dhi)
{
	int k = kind == GEOPOL_FACT_MEMBERSHIP ? 0 : 1;
	if (!byrow[k] && !(byrow[k] = gp_stmt_take(db, byrow_sql[k])))
		return gp_stmt_failed(db);
	sqlite3_stmt *st = byrow[k];
	sqlite3_reset(st);
	sqlite3_bind_int64(st, 1, row);
	if (sqlite3_step(st) != SQLITE_ROW)
		return gp_sql_error(db, "reading a fact by id");
	gp_edge_row r;
	gp_edge_row_read(&r, kind, st, 0, 0);
	int kept = gp_clip_row(db, l, &r);
	sqlite3_reset(st);
	if (kept <= 0)
		return kept;
	return gp_holds(r.when.flo, r.when.thi, dlo, dhi);
}

/* Breadth-first from `start` to `depth` hops; stops early once `target`
 * (if nonzero) is reached. */
static int run_bfs(geopol_db *db, const gp_params *p0, int64_t start, int depth, int64_t target,
		   bfs *b)
{
	sql_hop none = {0, 0, 0, 0};
	int rc = bfs_add(b, start, SIZE_MAX, none);
	if (rc)
		return gp_oom(db);
	sqlite3_stmt *st = gp_stmt_take(db, edges_sql);
	if (!st)
		return gp_stmt_failed(db);
	sqlite3_stmt *byrow[2] = {NULL, NULL};
	gp_lives lives = {.k = p0->k};
	size_t level_start = 0;
	for (int d = 1; d <= depth && level_start < b->n; d++) {
		size_t level_end = b->n;
		for (size_t i = level_start; i < level_end; i++) {
			gp_params p = *p0;
			p.ent = b->v[i].id;
			sqlite3_reset(st);
			if ((rc = gp_bind_params(db, st, &p)))
				goto done;
			while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
				int64_t other = sqlite3_column_int64(st, 2);
				if (bfs_seen(b, other))
					continue;
				int kind = sqlite3_column_int(st, 0) == GEOPOL_ITEM_MEMBERSHIP
						   ? GEOPOL_FACT_MEMBERSHIP : GEOPOL_FACT_RELATION;
				int holds = edge_holds(db, byrow, &lives, kind, sqlite3_column_int64(st, 1),
						       p0->dlo, p0->dhi);
				if (holds < 0) {
					rc = holds;
					goto done;
				}
				if (!holds)
					continue;
				sql_hop e = {kind, sqlite3_column_int64(st, 1), b->v[i].id, d};
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
	for (int k = 0; k < 2; k++)
		gp_stmt_give(db, byrow[k]);
	gp_lives_free(&lives);
	return rc;
}

/* The hops kept, read by row id one at a time. */
typedef struct sql_hops {
	gp_hop_cursor base;          /* first: the store's cursor */
	geopol_db *db;
	sql_hop *hops;
	size_t n, cur;
	sqlite3_stmt *byrow[2];      /* membership, relation */
	char *via;                   /* the code base.via points to */
} sql_hops;

static const char via_sql[] = "SELECT code FROM entity WHERE id = ?1";

static int sql_hops_next(gp_row_cursor *c, gp_edge_row *rows)
{
	sql_hops *s = (sql_hops *)c;
	if (s->cur >= s->n)
		return GEOPOL_ITEROVER;
	const sql_hop *h = &s->hops[s->cur++];
	int k = h->kind == GEOPOL_FACT_MEMBERSHIP ? 0 : 1;
	if (!s->byrow[k] && !(s->byrow[k] = gp_stmt_take(s->db, byrow_sql[k])))
		return gp_stmt_failed(s->db);
	sqlite3_stmt *st = s->byrow[k];
	sqlite3_reset(st);
	sqlite3_bind_int64(st, 1, h->row);
	if (sqlite3_step(st) != SQLITE_ROW)
		return gp_sql_error(s->db, "reading a fact by id");
	gp_edge_row_read(&rows[0], h->kind, st, 0, 0);
	free(s->via);
	s->via = NULL;
	sqlite3_stmt *v = gp_stmt(s->db, via_sql);
	if (!v)
		return gp_stmt_failed(s->db);
	sqlite3_bind_int64(v, 1, h->via);
	if (sqlite3_step(v) == SQLITE_ROW && !(s->via = strdup((const char *)sqlite3_column_text(v, 0)))) {
		sqlite3_reset(v);
		return gp_oom(s->db);
	}
	sqlite3_reset(v);
	s->base.via = s->via;
	s->base.depth = h->depth;
	return GEOPOL_OK;
}

static void sql_hops_free(gp_row_cursor *c)
{
	sql_hops *s = (sql_hops *)c;
	for (int k = 0; k < 2; k++)
		gp_stmt_give(s->db, s->byrow[k]);
	free(s->hops);
	free(s->via);
	free(s);
}

static int sql_walk(gp_hop_cursor **out, geopol_db *db, const gp_walk_query *q)
{
	gp_params p = {.dlo = q->dlo, .dhi = q->dhi, .k = q->q->known_at, .stages = q->q->stages,
		       .cshadow = q->q->shadow, .coding = q->q->coding, .lang = q->q->lang,
		       .defonly = (q->q->flags & GEOPOL_DEFINITE_ONLY) != 0};
	bfs b = {0};
	int rc = run_bfs(db, &p, q->from, q->depth, q->to, &b);
	size_t end = 0, n = 0;
	if (!rc && q->to) {
		end = SIZE_MAX;
		for (size_t i = 0; i < b.n; i++)
			if (b.v[i].id == q->to)
				end = i;
		if (end == SIZE_MAX)
			rc = GEOPOL_ENOTFOUND;
		else
			for (size_t i = end; b.v[i].parent != SIZE_MAX; i = b.v[i].parent)
				n++;
	} else if (!rc) {
		n = b.n - 1;
	}
	sql_hops *s = rc ? NULL : calloc(1, sizeof *s);
	sql_hop *hops = s ? malloc((n ? n : 1) * sizeof *hops) : NULL;
	if (!rc && !hops) {
		free(s);
		rc = gp_oom(db);
	}
	if (rc) {
		bfs_free(&b);
		return rc;
	}
	if (q->to)
		for (size_t i = end, k = n; b.v[i].parent != SIZE_MAX; i = b.v[i].parent)
			hops[--k] = b.v[i].hop;
	else
		for (size_t i = 1; i < b.n; i++)
			hops[i - 1] = b.v[i].hop;
	bfs_free(&b);
	*s = (sql_hops){.base = {.base = {sql_hops_next, sql_hops_free, NULL}}, .db = db,
			.hops = hops, .n = n};
	*out = &s->base;
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

static inline void mwalk_add(mwalk *w, uint32_t v, uint32_t parent, uint32_t edge, int depth)
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
		const uint32_t *h, *end;
		const gp_spell *spells = gp_memindex_segment_spells(mi, k);
		for (gp_memindex_hops(mi, u, k, dlo, &h, &end); h < end; h++) {
			const gp_spell *s = &spells[*h & ~GP_EDGE_REL];
			uint32_t v = gp_spell_other(s, u);
			if (s->from_lo > dhi || (w->seen[v / 64] & (1ull << (v % 64))) ||
			    !gp_memindex_spell_holds(mi, s, *h, dlo, dhi))
				continue;
			mwalk_add(w, v, (uint32_t)i, *h, d);
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
	gp_hop_cursor base;          /* first: the store's cursor */
	gp_memindex *mi;
	mhop *hops;
	size_t n, cur;
} mhops;

static int mhops_next(gp_row_cursor *c, gp_edge_row *rows)
{
	mhops *s = (mhops *)c;
	if (s->cur >= s->n)
		return GEOPOL_ITEROVER;
	const mhop *h = &s->hops[s->cur++];
	gp_memindex_edge_row(s->mi, h->edge, &rows[0]);
	s->base.via = s->mi->code[h->via];
	s->base.depth = h->depth;
	return GEOPOL_OK;
}

static void mhops_free(gp_row_cursor *c)
{
	mhops *s = (mhops *)c;
	gp_memindex_release(s->mi);
	free(s->hops);
	free(s);
}

/* The hops to give: every entity reached (neighbours, end < 0), or the
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

/* Walk from `from` (entity index) to `depth` hops, or to `to` (>= 0), and
 * keep the hops in a cursor. Takes over mi. */
static int mwalk_start(gp_hop_cursor **out, geopol_db *db, gp_memindex *mi, int64_t dlo,
		       int64_t dhi, uint32_t from, int depth, int64_t to)
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
	*s = (mhops){.base = {.base = {mhops_next, mhops_free, NULL}}, .mi = mi};
	int64_t end = -1;
	mwalk_run(mi, r, dlo, dhi, &w, from, depth, to);
	for (size_t i = 0; to >= 0 && i < w.n; i++)
		if ((int64_t)w.node[i] == to)
			end = (int64_t)i;
	int rc = to >= 0 && end < 0 ? GEOPOL_ENOTFOUND : mhops_from(s, &w, end);
	mwalk_free(&w);
	if (rc) {
		mhops_free(&s->base.base);
		return rc == GEOPOL_ENOTFOUND ? rc : gp_oom(db);
	}
	*out = &s->base;
	return GEOPOL_OK;
}

/* Current knowledge walks the index when the handle has a fresh one.
 * *out stays NULL when the index cannot answer: SQL does. */
static int index_walk(gp_hop_cursor **out, geopol_db *db, const gp_walk_query *q)
{
	if (!q->q->current || !q->q->plain)
		return GEOPOL_OK;
	/* What the SQL walk would cost, in point queries: neighbours at
	 * depth 3 read most of the graph, as costly as a build of the index,
	 * so they warrant one at once; a path stops early, a few queries. */
	gp_memindex *mi = gp_memindex_acquire(db, q->to ? 4 : GP_MEMINDEX_WARM);
	if (!mi)
		return GEOPOL_OK;
	int64_t f = gp_memindex_entity(mi, q->from), t = q->to ? gp_memindex_entity(mi, q->to) : -1;
	if (f < 0 || (q->to && t < 0)) {
		gp_memindex_release(mi);
		return GEOPOL_OK;
	}
	return mwalk_start(out, db, mi, q->dlo, q->dhi, (uint32_t)f, q->depth, t);
}

int gp_sqlite_walk(gp_hop_cursor **out, geopol_db *db, const gp_walk_query *q)
{
	*out = NULL;
	int rc = index_walk(out, db, q);
	if (rc || *out)
		return rc;
	return sql_walk(out, db, q);
}
