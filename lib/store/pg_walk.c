/*
 * pg_walk.c - the PostgreSQL store's walks (store.h, gp_store.walk), as
 * the SQLite store's walk on SQL (sqlite_walk.c): breadth-first over the
 * memberships and relations that hold at a span, either direction, each
 * entity reached once through the first edge met in GP_SQL_EDGES order
 * (memberships as the organization, as the member, relations as a, as b;
 * within each, the order of SQLite's interval indexes: to_hi, from_lo,
 * rec_to, rec_from, id). An edge is followed only when it holds at the
 * span once clipped to its entities' lives as known at k (gp_clip_answer),
 * which come with each row. Two statements a node (memberships,
 * relations); their results are kept until the cursor is freed, and the
 * hops point into them.
 */
#include "store/pg_internal.h"

#include <stdlib.h>
#include <string.h>

/* The edges of $1, with the other end's id, the joined row and the lives
 * of its two entities. */
#define M_BRANCH(b, key, other) \
	"SELECT " b " AS branch, m." other " AS other, m.* FROM membership m WHERE m." key \
	" = $1 AND " GP_PG_HOLDS("m") " AND " GP_PG_KNOWN("m") " AND " GP_PG_VISIBLE("m")
static const char edges_m_sql[] =
	"SELECT m.branch, m.other, " GP_MEMBERSHIP_COLS ", " GP_PG_LIFE_COLS("o") ", "
	GP_PG_LIFE_COLS("e") " FROM (" M_BRANCH("1", "org_id", "member_id") " UNION ALL "
	M_BRANCH("2", "member_id", "org_id") ") m JOIN entity o ON o.id = m.org_id "
	"JOIN entity e ON e.id = m.member_id "
	"ORDER BY m.branch, m.to_hi, m.from_lo, m.rec_to, m.rec_from, m.id";
#define R_BRANCH(b, key, other) \
	"SELECT " b " AS branch, r." other " AS other, r.* FROM relation r WHERE r." key \
	" = $1 AND " GP_PG_HOLDS("r") " AND " GP_PG_KNOWN("r")
static const char edges_r_sql[] =
	"SELECT r.branch, r.other, " GP_RELATION_COLS ", " GP_PG_LIFE_COLS("ea") ", "
	GP_PG_LIFE_COLS("eb") " FROM (" R_BRANCH("3", "a_id", "b_id") " UNION ALL "
	R_BRANCH("4", "b_id", "a_id") ") r JOIN relation_type t ON t.code = r.type "
	"JOIN entity ea ON ea.id = r.a_id JOIN entity eb ON eb.id = r.b_id "
	"ORDER BY r.branch, r.to_hi, r.from_lo, r.rec_to, r.rec_from, r.id";
/* Where the row's columns begin, and its entities' lives. */
#define ROW_COL 2

/* An entity reached: its id and code, and the hop that reached it. */
typedef struct node {
	int64_t id;
	const char *code;            /* borrowed from a kept result */
	size_t parent;               /* SIZE_MAX: the start */
	int kind;                    /* the hop's edge: kind, result and row */
	const PGresult *res;
	int row, depth;
} node;

typedef struct walk {
	geopol_db *db;
	const gp_walk_query *q;
	node *v;
	size_t n, cap;
	gp_map seen;                 /* entity id -> index in v */
	PGresult **kept;
	size_t n_kept, kept_cap;
} walk;

static int keep(walk *w, PGresult *r)
{
	PGresult **p = GP_GROW(w->kept, w->kept_cap, w->n_kept + 1, 16);
	if (!p) {
		PQclear(r);
		return gp_oom(w->db);
	}
	w->kept = p;
	w->kept[w->n_kept++] = r;
	return GEOPOL_OK;
}

static int add_node(walk *w, node x)
{
	node *v = GP_GROW(w->v, w->cap, w->n + 1, 64);
	if (!v || gp_map_put(&w->seen, (uint64_t)x.id, w->n))
		return gp_oom(w->db);
	w->v = v;
	w->v[w->n++] = x;
	return GEOPOL_OK;
}

static void walk_free(walk *w)
{
	free(w->v);
	gp_map_free(&w->seen);
	for (size_t i = 0; i < w->n_kept; i++)
		PQclear(w->kept[i]);
	free(w->kept);
}

/* The lives of row i's entities (after the row's columns). */
static void row_lives(const PGresult *r, int i, int kind, gp_span *a, gp_span *b)
{
	int c = ROW_COL + (kind == GEOPOL_FACT_MEMBERSHIP ? GP_MEMBERSHIP_NCOLS : GP_RELATION_NCOLS);
	*a = gp_pg_read_span(r, i, c);
	*b = gp_pg_read_span(r, i, c + GP_PG_LIFE_NCOLS);
}

/* Whether row i, clipped to its entities' lives, may hold at the span. */
static int edge_holds(const walk *w, const PGresult *r, int i, int kind)
{
	gp_edge_row e;
	gp_span a, b;
	gp_pg_read_row(&e, kind, r, i, ROW_COL, 0);
	row_lives(r, i, kind, &a, &b);
	return gp_clip_answer(&e, &a, &b) && gp_holds(e.when.flo, e.when.thi, w->q->dlo, w->q->dhi);
}

/* The edges of node `from` of one kind, in order: the unseen entities they
 * reach join the walk at depth d. *hit: the target was reached. */
static int expand_kind(walk *w, size_t from, int kind, int d, int *hit)
{
	const gp_walk_query *q = w->q;
	gp_pg_args a = {0};
	gp_pg_at_args(&a, w->v[from].id, 0, q->dlo, q->dhi, q->q, NULL);
	int rc;
	PGresult *r = gp_pg_run(w->db, kind == GEOPOL_FACT_MEMBERSHIP ? edges_m_sql : edges_r_sql, &a,
				"walking the graph", &rc);
	if (!r || (rc = keep(w, r)))
		return rc;
	for (int i = 0, n = PQntuples(r); i < n; i++) {
		int64_t other = gp_pg_get_int(r, i, 1);
		if (gp_map_get(&w->seen, (uint64_t)other) || !edge_holds(w, r, i, kind))
			continue;
		/* The other end's code: b when the walk left from a. */
		int branch = (int)gp_pg_get_int(r, i, 0);
		int a_col = ROW_COL + (kind == GEOPOL_FACT_MEMBERSHIP ? GP_MC_A : GP_RC_A);
		const char *code = gp_pg_get_text(r, i, branch == 1 || branch == 3 ? a_col + 1 : a_col);
		if ((rc = add_node(w, (node){other, code, from, kind, r, i, d})))
			return rc;
		if (other == q->to) {
			*hit = 1;
			return GEOPOL_OK;
		}
	}
	return GEOPOL_OK;
}

/* Breadth-first from q->from to q->depth hops, or until q->to. */
static int run(walk *w)
{
	gp_pg_args a = {0};
	gp_pg_int(&a, w->q->from);
	int rc;
	PGresult *r = gp_pg_run(w->db, "SELECT code FROM entity WHERE id = $1", &a,
				"walking the graph", &rc);
	if (!r || (rc = keep(w, r)))
		return rc;
	if (!PQntuples(r))
		return gp_error(w->db, GEOPOL_EINTERNAL, "internal: no entity %lld to walk from",
				(long long)w->q->from);
	if ((rc = add_node(w, (node){w->q->from, gp_pg_get_text(r, 0, 0), SIZE_MAX, 0, NULL, 0, 0})))
		return rc;
	size_t level_start = 0;
	int hit = 0;
	for (int d = 1; d <= w->q->depth && level_start < w->n; d++) {
		size_t level_end = w->n;
		for (size_t i = level_start; i < level_end; i++) {
			if ((rc = expand_kind(w, i, GEOPOL_FACT_MEMBERSHIP, d, &hit)) || hit ||
			    (rc = expand_kind(w, i, GEOPOL_FACT_RELATION, d, &hit)) || hit)
				return rc;
		}
		level_start = level_end;
	}
	return GEOPOL_OK;
}

/* The hops: indexes into the walk's nodes, in the order given. */
typedef struct hops {
	gp_hop_cursor base;          /* first */
	walk w;
	size_t *at;
	size_t n, cur;
	gp_span lives[2];
} hops;

static int hops_next(gp_row_cursor *c, gp_edge_row *rows)
{
	hops *s = (hops *)c;
	if (s->cur >= s->n)
		return GEOPOL_ITEROVER;
	const node *x = &s->w.v[s->at[s->cur++]];
	gp_pg_read_row(&rows[0], x->kind, x->res, x->row, ROW_COL, 0);
	row_lives(x->res, x->row, x->kind, &s->lives[0], &s->lives[1]);
	rows[0].a_life = &s->lives[0];
	rows[0].b_life = &s->lives[1];
	s->base.via = s->w.v[x->parent].code;
	s->base.depth = x->depth;
	return GEOPOL_OK;
}

static void hops_free(gp_row_cursor *c)
{
	hops *s = (hops *)c;
	walk_free(&s->w);
	free(s->at);
	free(s);
}

int gp_pg_walk(gp_hop_cursor **out, geopol_db *db, const gp_walk_query *q)
{
	*out = NULL;
	hops *s = calloc(1, sizeof *s);
	if (!s)
		return gp_oom(db);
	s->base.base = (gp_row_cursor){hops_next, hops_free, NULL};
	s->w = (walk){.db = db, .q = q};
	int rc = run(&s->w);
	size_t end = SIZE_MAX;
	if (!rc && q->to) {
		for (size_t i = 0; i < s->w.n; i++)
			if (s->w.v[i].id == q->to)
				end = i;
		if (end == SIZE_MAX)
			rc = GEOPOL_ENOTFOUND;
		else
			for (size_t i = end; s->w.v[i].parent != SIZE_MAX; i = s->w.v[i].parent)
				s->n++;
	} else if (!rc) {
		s->n = s->w.n - 1;
	}
	if (!rc && !(s->at = malloc((s->n ? s->n : 1) * sizeof *s->at)))
		rc = gp_oom(db);
	if (rc) {
		hops_free(&s->base.base);
		return rc;
	}
	if (q->to)
		for (size_t i = end, k = s->n; s->w.v[i].parent != SIZE_MAX; i = s->w.v[i].parent)
			s->at[--k] = i;
	else
		for (size_t i = 1; i < s->w.n; i++)
			s->at[i - 1] = i;
	/* The question is the caller's: nothing after this reads it. */
	s->w.q = NULL;
	*out = &s->base;
	return GEOPOL_OK;
}
