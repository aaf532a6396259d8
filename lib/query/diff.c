/*
 * diff.c - what changed between two dates: memberships joined and left,
 * relations started and ended, events in between.
 *
 * A membership "joined" when it holds at D2 and no row of the same
 * (organization, member, role) holds at D1; "left" the other way round. So
 * a state that left and rejoined between the dates shows no change, and a
 * change of role shows as one left and one joined. A relation "started"
 * when it holds at D2 and no relation of the same type between the same
 * entities (either way round when the type is undirected) holds at D1;
 * "ended" the other way round. Rows are clipped to their entities' lives
 * first (gp_clip_answer), as in the "at D" answers: a fact that outlives
 * an entity ends with it.
 *
 * The memberships and relations come from one pass of the store's scan
 * over the days [D1, D2] (store.h, the snapshot's rows): each row that
 * holds at D1 or at D2 marks its key in a hash set, and a row that holds at
 * one date only is kept as a candidate; a candidate is a change when its
 * key holds nowhere at the other date. Memory is the key set (one slot per
 * key valid at either date) and the candidates (the rows that changed).
 * Items come in the order of GP_SQL_DIFF_* (store/sql_internal.h), ties
 * as those statements' plans give them: memberships by organization code,
 * member code, then row id (the table scanned in rowid order); relations
 * by from_lo (started) or to_lo (ended), type, then the relation_pair
 * index (a_id, b_id, type, from_lo, to_hi, rec_to, rec_from, row id). The events
 * of [D1, D2) are the store's (gp_store.events, GP_EVENTS_WINDOW; the
 * SQLite store reads them a chunk at a time, store/sqlite_event_window.c,
 * in the order of GP_SQL_DIFF_EVENTS). tests/check_diff.c compares every
 * item with those statements, each event read by row, on random worlds.
 */
#include "query/edge_maps.h"
#include "query/query_internal.h"
#include "store/store.h"

#include <stdlib.h>
#include <string.h>

enum { AT1 = 1, AT2 = 2 };

/* A key: (organization, member, role) or (a, b, type), as dense numbers. */
typedef struct dkey {
	uint32_t a, b, t, at;    /* at: AT1 | AT2, where a row of the key holds */
} dkey;

typedef struct keyset {
	dkey *slots;             /* at == 0: empty */
	size_t cap, n;
} keyset;

/* A row that holds at one of the dates only. */
typedef struct cand {
	gp_edge_row e;
	dkey key;
	int at;                  /* AT1 or AT2 */
	uint32_t ra, rb, rt;     /* the ranks of the codes of a, b and the type */
} cand;

typedef struct candlist {
	cand *v;
	size_t n, cap;
} candlist;

typedef struct diff_state {
	gp_q q;
	gp_params p;
	gp_edge_maps maps;
	uint32_t *rank;          /* entity number -> rank of its code */
	uint32_t *trank;         /* type slot -> rank of its code */
	keyset keys[2];          /* memberships, relations */
	candlist out[4];         /* joined, left, started, ended: in answer order */
	gp_chain strings;        /* the candidates' attrs and codings */
	int phase;               /* 0..3 the lists, 4 the events, 5 done */
	size_t pos;
	gp_event_cursor *events; /* the store's events of [D1, D2) */
} diff_state;

/* ---- the key set */

static size_t key_hash(const dkey *k, size_t cap)
{
	uint64_t h = ((uint64_t)k->a << 32 | k->b) * 0x9E3779B97F4A7C15ull;
	h ^= (h >> 29) + (uint64_t)k->t * 0xBF58476D1CE4E5B9ull;
	return (size_t)(h * 0x94D049BB133111EBull >> 20) & (cap - 1);
}

static dkey *key_slot(keyset *s, const dkey *k)
{
	size_t i = key_hash(k, s->cap);
	for (;; i = (i + 1) & (s->cap - 1)) {
		dkey *x = &s->slots[i];
		if (!x->at || (x->a == k->a && x->b == k->b && x->t == k->t))
			return x;
	}
}

static int key_mark(keyset *s, const dkey *k, uint32_t at)
{
	if ((s->n + 1) * 2 > s->cap) {
		keyset old = *s;
		s->cap = old.cap ? old.cap * 2 : 4096;
		if (!(s->slots = calloc(s->cap, sizeof *s->slots))) {
			*s = old;
			return GEOPOL_ENOMEM;
		}
		for (size_t i = 0; i < old.cap; i++)
			if (old.slots[i].at)
				*key_slot(s, &old.slots[i]) = old.slots[i];
		free(old.slots);
	}
	dkey *x = key_slot(s, k);
	if (!x->at) {
		*x = *k;
		s->n++;
	}
	x->at |= at;
	return GEOPOL_OK;
}

/* ---- ranks of codes, for the ORDER BY */

static const char *const *sort_codes;

static int by_code(const void *x, const void *y)
{
	const char *a = sort_codes[*(const uint32_t *)x], *b = sort_codes[*(const uint32_t *)y];
	return strcmp(a ? a : "", b ? b : "");
}

/* rank[i] for the n codes: their order under SQLite's BINARY collation
 * (strcmp, for text without NULs). */
static int code_ranks(const char **codes, size_t n, uint32_t **out)
{
	uint32_t *idx = malloc((n ? n : 1) * sizeof *idx), *rank = calloc(n ? n : 1, sizeof *rank);
	if (!idx || !rank) {
		free(idx);
		free(rank);
		return GEOPOL_ENOMEM;
	}
	for (size_t i = 0; i < n; i++)
		idx[i] = (uint32_t)i;
	sort_codes = codes;
	qsort(idx, n, sizeof *idx, by_code);
	sort_codes = NULL;
	for (size_t i = 0; i < n; i++)
		rank[idx[i]] = (uint32_t)i;
	free(idx);
	*out = rank;
	return GEOPOL_OK;
}

static int load_ranks(diff_state *s)
{
	gp_edge_maps *m = &s->maps;
	size_t n = m->n_life, nt = m->types.cap;
	const char **codes = calloc((n > nt ? n : nt) + 1, sizeof *codes);
	if (!codes)
		return GEOPOL_ENOMEM;
	/* The entity numbers are the order the map read them in: their codes
	 * are found again through the map, by id, as rows name them. */
	for (size_t i = 0; i < m->codes.n_dense; i++)
		if (m->codes.dense[i])
			codes[(const gp_span *)m->lives.dense[i] - m->life] = m->codes.dense[i];
	const gp_map *hashed = &m->codes.map;
	for (size_t i = 0; i < hashed->cap; i++)
		if (hashed->keys[i] != GP_MAP_EMPTY)
			codes[(const gp_span *)gp_idmap_get(&m->lives, (int64_t)hashed->keys[i]) - m->life] =
				(const char *)(uintptr_t)hashed->vals[i];
	int rc = code_ranks(codes, n, &s->rank);
	for (size_t i = 0; i < nt; i++)
		codes[i] = gp_edge_type_at(m, i)->code;
	if (!rc)
		rc = code_ranks(codes, nt, &s->trank);
	free(codes);
	return rc;
}

/* ---- the pass over the rows */

static uint32_t entity_number(const diff_state *s, int64_t id)
{
	return (uint32_t)(gp_edge_life(&s->maps, id) - s->maps.life);
}

static int add_cand(diff_state *s, candlist *l, const gp_edge_row *e, const dkey *k, int at)
{
	cand *v = GP_GROW(l->v, l->cap, l->n + 1, 256);
	if (!v)
		return GEOPOL_ENOMEM;
	l->v = v;
	cand *c = &l->v[l->n];
	int err = 0;
	c->e = *e;
	/* The row's strings are borrowed until the scan moves on. */
	c->e.attrs = gp_chain_strdup(&s->strings, e->attrs, &err);
	c->e.coding = gp_chain_strdup(&s->strings, e->coding, &err);
	if (err)
		return GEOPOL_ENOMEM;
	c->key = *k;
	c->at = at;
	c->ra = s->rank[entity_number(s, e->a_id)];
	c->rb = s->rank[entity_number(s, e->b_id)];
	c->rt = e->kind == GEOPOL_FACT_RELATION ? s->trank[k->t] : 0;
	l->n++;
	return GEOPOL_OK;
}

/* One row of the scan: its key marked where it holds, kept if at one date
 * only. */
static int take_row(diff_state *s, gp_edge_row *e)
{
	const gp_params *p = &s->p;
	int rel = e->kind == GEOPOL_FACT_RELATION;
	if (p->ent && e->a_id != p->ent && e->b_id != p->ent)
		return GEOPOL_OK;
	uint32_t at = (gp_holds(e->when.flo, e->when.thi, p->d1lo, p->d1hi) ? AT1 : 0) |
		      (gp_holds(e->when.flo, e->when.thi, p->d2lo, p->d2hi) ? AT2 : 0);
	if (!at || !gp_edge_resolve(&s->maps, &s->q, e))
		return GEOPOL_OK;
	/* No edge without its nodes, as in the "at D" answers: clipped, the
	 * row may hold at fewer of the two dates (never more). */
	if (!gp_clip_answer(e, gp_edge_life(&s->maps, e->a_id), gp_edge_life(&s->maps, e->b_id)))
		return GEOPOL_OK;
	at = (gp_holds(e->when.flo, e->when.thi, p->d1lo, p->d1hi) ? AT1 : 0) |
	     (gp_holds(e->when.flo, e->when.thi, p->d2lo, p->d2hi) ? AT2 : 0);
	if (!at)
		return GEOPOL_OK;
	dkey k = {entity_number(s, e->a_id), entity_number(s, e->b_id),
		  rel ? (uint32_t)gp_edge_type_slot(&s->maps, gp_edge_type(&s->maps, e->type)) : (uint32_t)e->role,
		  0};
	if (rel && !e->directed && k.a > k.b) {
		uint32_t t = k.a;
		k.a = k.b;
		k.b = t;
	}
	if (key_mark(&s->keys[rel], &k, at))
		return GEOPOL_ENOMEM;
	if (at == (AT1 | AT2))
		return GEOPOL_OK;
	/* joined 0, left 1, started 2, ended 3 */
	return add_cand(s, &s->out[2 * rel + (at == AT1)], e, &k, (int)at);
}

static int scan_table(geopol_db *db, diff_state *s, int kind)
{
	gp_row_cursor *c;
	int rc = gp_store_of(db)->scan(&c, db, kind, s->p.d1lo, s->p.d2hi, s->p.k);
	gp_edge_row e;
	while (!rc && (rc = c->next(c, &e)) == GEOPOL_OK)
		if ((rc = take_row(s, &e)) == GEOPOL_ENOMEM)
			rc = gp_oom(db);
	gp_row_cursor_free(c);
	return rc == GEOPOL_ITEROVER ? GEOPOL_OK : rc;
}

/* ---- the answers' order */

static int cmp_u(uint64_t a, uint64_t b)
{
	return (a > b) - (a < b);
}

static int cmp_i(int64_t a, int64_t b)
{
	return (a > b) - (a < b);
}

/* ORDER BY o.code, e.code; the table scanned in rowid order. */
static int by_codes(const void *x, const void *y)
{
	const cand *a = x, *b = y;
	int c = cmp_u(a->ra, b->ra);
	if (!c)
		c = cmp_u(a->rb, b->rb);
	return c ? c : cmp_i(a->e.id, b->e.id);
}

/* The relation_pair index's order: (a_id, b_id, type, from_lo, to_hi,
 * rec_to, rec_from), then the row id. */
static int by_pair(const cand *a, const cand *b)
{
	const gp_edge_row *p = &a->e, *q = &b->e;
	int c = cmp_i(p->a_id, q->a_id);
	if (!c)
		c = cmp_i(p->b_id, q->b_id);
	if (!c)
		c = cmp_u(a->rt, b->rt);
	if (!c)
		c = cmp_i(p->when.flo, q->when.flo);
	if (!c)
		c = cmp_i(p->when.thi, q->when.thi);
	if (!c)
		c = cmp_i(p->rec_to, q->rec_to);
	if (!c)
		c = cmp_i(p->rec_from, q->rec_from);
	return c ? c : cmp_i(p->id, q->id);
}

/* ORDER BY r.from_lo, r.type */
static int by_start(const void *x, const void *y)
{
	const cand *a = x, *b = y;
	int c = cmp_i(a->e.when.flo, b->e.when.flo);
	if (!c)
		c = cmp_u(a->rt, b->rt);
	return c ? c : by_pair(a, b);
}

/* ORDER BY r.to_lo, r.type */
static int by_end(const void *x, const void *y)
{
	const cand *a = x, *b = y;
	int c = cmp_i(a->e.when.tlo, b->e.when.tlo);
	if (!c)
		c = cmp_u(a->rt, b->rt);
	return c ? c : by_pair(a, b);
}

/* Keep the candidates whose key holds nowhere at the other date, in the
 * answers' order. */
static void settle(diff_state *s)
{
	for (int i = 0; i < 4; i++) {
		candlist *l = &s->out[i];
		keyset *ks = &s->keys[i / 2];
		size_t n = 0;
		for (size_t j = 0; j < l->n; j++)
			if (key_slot(ks, &l->v[j].key)->at == (uint32_t)l->v[j].at)
				l->v[n++] = l->v[j];
		l->n = n;
		if (n > 1)   /* l->v is NULL when nothing changed */
			qsort(l->v, n, sizeof *l->v, i < 2 ? by_codes : i == 2 ? by_start : by_end);
	}
	for (int i = 0; i < 2; i++) {
		free(s->keys[i].slots);
		s->keys[i] = (keyset){0};
	}
}

/* ---- the iterator */

static const int change_of[4] = {GEOPOL_CHANGE_JOINED, GEOPOL_CHANGE_LEFT,
				 GEOPOL_CHANGE_RELATION_STARTED, GEOPOL_CHANGE_RELATION_ENDED};

static int next_event(geopol_iter *it, diff_state *s)
{
	if (!s->events) {
		gp_events_query eq = {.what = GP_EVENTS_WINDOW, .ent = s->p.ent, .wlo = s->p.d1lo,
				      .whi = s->p.d2lo};
		gp_events_query_of(&s->q, &eq);
		int rc = gp_store_of(it->db)->events(&s->events, it->db, &eq);
		if (rc)
			return rc;
	}
	int rc = gp_next_event(it, s->events, s->q.flags, s->p.d1lo, s->p.d2lo - 1);
	if (!rc)
		it->item.change = GEOPOL_CHANGE_EVENT;
	return rc;
}

static int diff_next(geopol_iter *it)
{
	diff_state *s = it->state;
	while (s->phase < 4) {
		candlist *l = &s->out[s->phase];
		if (s->pos == l->n) {
			s->phase++;
			s->pos = 0;
			continue;
		}
		const cand *c = &l->v[s->pos++];
		int64_t lo = c->at == AT1 ? s->p.d1lo : s->p.d2lo, hi = c->at == AT1 ? s->p.d1hi : s->p.d2hi;
		int certainty = gp_fill_edge(it, &c->e, lo, hi);
		it->item.change = change_of[s->phase];
		if (!(certainty == GEOPOL_POSSIBLE && (s->q.flags & GEOPOL_DEFINITE_ONLY)))
			return GEOPOL_OK;
	}
	if (s->phase == 4) {
		int rc = next_event(it, s);
		if (rc != GEOPOL_ITEROVER)
			return rc;
		s->phase = 5;
	}
	return GEOPOL_ITEROVER;
}

static void diff_free(diff_state *s)
{
	gp_edge_maps_free(&s->maps);
	free(s->rank);
	free(s->trank);
	for (int i = 0; i < 2; i++)
		free(s->keys[i].slots);
	for (int i = 0; i < 4; i++)
		free(s->out[i].v);
	gp_chain_free(&s->strings);
	free(s);
}

static void diff_destroy(geopol_iter *it)
{
	diff_state *s = it->state;
	if (!s)
		return;
	gp_event_cursor_free(s->events);
	diff_free(s);
}

/* Everything but the events, read before the first item. */
static int diff_load(geopol_db *db, diff_state *s)
{
	int rc = gp_edge_maps_load(db, &s->maps, &s->q);
	if (!rc && load_ranks(s))
		rc = gp_oom(db);
	if (!rc)
		rc = scan_table(db, s, GEOPOL_FACT_MEMBERSHIP);
	if (!rc)
		rc = scan_table(db, s, GEOPOL_FACT_RELATION);
	if (!rc)
		settle(s);
	return rc;
}

int geopol_diff(geopol_iter **out, geopol_db *db, geopol_date d1, geopol_date d2,
		const char *entity, const geopol_query *q)
{
	if (!out || !db)
		return GEOPOL_EMISUSE;
	*out = NULL;
	gp_clear_error(db);
	gp_q d;
	int rc = gp_query_defaults(db, &d, q);
	if (rc)
		return rc;
	diff_state *s = calloc(1, sizeof *s);
	if (!s)
		return gp_oom(db);
	s->q = d;
	s->p.stages = d.stages;
	s->p.cshadow = d.shadow;
	s->p.coding = d.coding;
	s->p.defonly = (d.flags & GEOPOL_DEFINITE_ONLY) != 0;
	s->p.k = d.known_at;
	s->p.lang = d.lang;
	if (entity && (rc = gp_entity_id(db, entity, "entity", &s->p.ent)))
		goto fail;
	if (!d1.precision || !d2.precision) {
		rc = gp_error(db, GEOPOL_EINVAL, "diff: both dates are required");
		goto fail;
	}
	if (d2.day <= d1.day) {
		rc = gp_error(db, GEOPOL_EINVAL, "diff: the second date must come after the first");
		goto fail;
	}
	gp_at_span(d1, &s->p.d1lo, &s->p.d1hi);
	gp_at_span(d2, &s->p.d2lo, &s->p.d2hi);
	if ((rc = diff_load(db, s)))
		goto fail;
	geopol_iter *it = gp_iter_new(db, diff_next, diff_destroy, s);
	if (!it)
		return GEOPOL_ENOMEM;
	*out = it;
	return GEOPOL_OK;
fail:
	diff_free(s);
	return rc;
}
