/*
 * export_focus.c - the items an export writes: the snapshot at a date, or
 * every element of a span with its interval clipped to the span, and of
 * those only the ones the focus keeps (geopol.h, geopol_export_options).
 *
 * The focus needs the whole graph before the first node is written (a
 * node's neighbourhood is known only once the edges are read), so it reads
 * the items twice: a first pass keeps each node's code and kind and each
 * edge's ends and decides what stays; the second pass streams the items
 * again and lets through only those. Memory grows with the graph only
 * when there is a focus; without one the items stream as before.
 */
#include "io/export_internal.h"
#include "store/store.h"

#include <stdlib.h>
#include <string.h>

#define DEPTH_MAX 10

typedef struct fnode {
	const char *code;
	int kind, ok, keep;
	int dist;
} fnode;

typedef struct fedge {
	int64_t key;      /* row id * 2 + 1 for a relation */
	int a, b;         /* node indices, -1: not in the graph */
	int ok;
} fedge;

struct gp_focus {
	fnode *nodes;
	size_t n_nodes, cap_nodes;
	gp_strmap index;  /* code -> node index (fslot) */
	fedge *edges;
	size_t n_edges, cap_edges;
	int64_t *kept;    /* the keys of the edges kept, sorted */
	size_t n_kept;
	gp_chain strings;
};

typedef struct fslot {
	const char *code; /* the node's, in strings */
	int node;
} fslot;

static int node_find(const struct gp_focus *f, const char *code)
{
	const fslot *x = gp_strmap_get(&f->index, sizeof(fslot), code);
	return x ? x->node : -1;
}

static int add_node(struct gp_focus *f, const geopol_entity *e)
{
	int err = 0;
	if (node_find(f, e->code) >= 0)
		return 0;
	fnode *nodes = GP_GROW(f->nodes, f->cap_nodes, f->n_nodes + 1, 64);
	if (!nodes)
		return -1;
	f->nodes = nodes;
	fnode *n = &f->nodes[f->n_nodes++];
	n->code = gp_chain_strdup(&f->strings, e->code, &err);
	n->kind = e->kind;
	n->ok = n->keep = 0;
	n->dist = -1;
	if (err)
		return -1;
	int added;
	fslot *x = gp_strmap_add(&f->index, sizeof *x, n->code, &added);
	if (!x)
		return -1;
	x->node = (int)f->n_nodes - 1;
	return 0;
}

static int in_list(const char *const *list, size_t n, const char *s)
{
	for (size_t i = 0; i < n; i++)
		if (list[i] && s && strcmp(list[i], s) == 0)
			return 1;
	return 0;
}

static int64_t edge_key(const geopol_iter *it, const geopol_item *item)
{
	return it->cite_row * 2 + (item->kind == GEOPOL_ITEM_RELATION);
}

static int add_edge(struct gp_focus *f, const geopol_export_options *o, const geopol_iter *it,
		    const geopol_item *item)
{
	fedge *edges = GP_GROW(f->edges, f->cap_edges, f->n_edges + 1, 64);
	if (!edges)
		return -1;
	f->edges = edges;
	fedge *e = &f->edges[f->n_edges++];
	const char *a, *b;
	int type_ok = 1;
	if (item->kind == GEOPOL_ITEM_MEMBERSHIP) {
		a = item->membership->member;
		b = item->membership->org;
	} else {
		a = item->relation->a;
		b = item->relation->b;
		type_ok = !o->n_types || in_list(o->types, o->n_types, item->relation->type);
	}
	e->key = edge_key(it, item);
	e->a = node_find(f, a);
	e->b = node_find(f, b);
	e->ok = type_ok && e->a >= 0 && e->b >= 0;
	return 0;
}

/* Step 1 of the focus: what the kinds, organizations and types let in. */
static void filter_nodes(struct gp_focus *f, const geopol_export_options *o)
{
	for (size_t i = 0; i < f->n_nodes; i++) {
		fnode *n = &f->nodes[i];
		n->ok = (!o->kinds || (o->kinds & GEOPOL_KIND_BIT((unsigned)n->kind))) &&
			(n->kind != GEOPOL_KIND_ORGANIZATION || !o->n_orgs ||
			 in_list(o->orgs, o->n_orgs, n->code));
	}
	for (size_t i = 0; i < f->n_edges; i++) {
		fedge *e = &f->edges[i];
		e->ok = e->ok && f->nodes[e->a].ok && f->nodes[e->b].ok;
	}
}

/* Step 2: breadth first from the centre, over the edges let in, as many
 * rounds as hops (the focused graphs are small; a round is one pass over
 * the edges). */
static void reach(struct gp_focus *f, const char *const *centre, size_t n, int depth)
{
	for (size_t i = 0; i < n; i++) {
		int k = node_find(f, centre[i]);
		if (k >= 0 && f->nodes[k].ok)
			f->nodes[k].dist = 0;
	}
	for (int d = 0; d < depth; d++)
		for (size_t i = 0; i < f->n_edges; i++) {
			fedge *e = &f->edges[i];
			if (!e->ok)
				continue;
			fnode *a = &f->nodes[e->a], *b = &f->nodes[e->b];
			if (a->dist == d && b->dist < 0)
				b->dist = d + 1;
			else if (b->dist == d && a->dist < 0)
				a->dist = d + 1;
		}
	for (size_t i = 0; i < f->n_nodes; i++)
		f->nodes[i].ok = f->nodes[i].dist >= 0;
}

static int cmp_i64(const void *x, const void *y)
{
	int64_t a = *(const int64_t *)x, b = *(const int64_t *)y;
	return (a > b) - (a < b);
}

static int decide(struct gp_focus *f, const geopol_export_options *o)
{
	filter_nodes(f, o);
	int depth = o->depth > 0 ? o->depth : 1;
	if (o->n_around)
		reach(f, o->around, o->n_around, depth);
	else if (o->n_orgs)
		reach(f, o->orgs, o->n_orgs, depth);
	for (size_t i = 0; i < f->n_nodes; i++)
		f->nodes[i].keep = f->nodes[i].ok;
	if (!(f->kept = malloc((f->n_edges + 1) * sizeof *f->kept)))
		return -1;
	for (size_t i = 0; i < f->n_edges; i++) {
		fedge *e = &f->edges[i];
		if (e->ok && f->nodes[e->a].keep && f->nodes[e->b].keep)
			f->kept[f->n_kept++] = e->key;
	}
	qsort(f->kept, f->n_kept, sizeof *f->kept, cmp_i64);
	return 0;
}

static void focus_free(struct gp_focus *f)
{
	if (!f)
		return;
	free(f->nodes);
	gp_strmap_free(&f->index);
	free(f->edges);
	free(f->kept);
	gp_chain_free(&f->strings);
	free(f);
}

geopol_date gp_export_at(const geopol_export_options *opts)
{
	return opts->at.precision ? opts->at : geopol_date_today();
}

int gp_export_is_span(const geopol_export_options *opts)
{
	return opts->from.precision || opts->to.precision;
}

int gp_export_has_focus(const geopol_export_options *o)
{
	return o->n_around || o->kinds || o->n_orgs || o->n_types;
}

/* The codes of `around` and `orgs` name entities; `orgs` organizations. */
static int check_codes(geopol_db *db, const geopol_export_options *o)
{
	for (int list = 0; list < 2; list++) {
		const char *const *codes = list ? o->orgs : o->around;
		size_t n = list ? o->n_orgs : o->n_around;
		for (size_t i = 0; i < n; i++) {
			geopol_iter *it;
			const geopol_item *item;
			const char *what = list ? "orgs" : "around";
			if (!codes || !codes[i])
				return gp_error(db, GEOPOL_EMISUSE, "export: %s[%zu] is NULL", what, i);
			int rc = geopol_entity_get(&it, db, codes[i], NULL);
			if (rc == GEOPOL_ENOTFOUND)
				return gp_error(db, rc, "export: %s: no entity '%s'", what, codes[i]);
			if (rc)
				return rc;
			rc = geopol_iter_next(it, &item);
			int kind = rc == GEOPOL_OK ? item->entity->kind : 0;
			geopol_iter_free(it);
			if (rc)
				return rc;
			if (list && kind != GEOPOL_KIND_ORGANIZATION)
				return gp_error(db, GEOPOL_EINVAL, "export: orgs: '%s' is not an organization",
						codes[i]);
		}
	}
	for (size_t i = 0; i < o->n_types; i++) {
		if (!o->types || !o->types[i])
			return gp_error(db, GEOPOL_EMISUSE, "export: types[%zu] is NULL", i);
		gp_find f = {GP_FIND_RELATION_TYPE, o->types[i], NULL};
		int64_t id;
		int directed;
		int rc = gp_store_of(db)->find(db, &f, &id, &directed);
		if (rc == GEOPOL_ENOTFOUND)
			return gp_error(db, GEOPOL_ENOTFOUND, "export: types: no relation type '%s'",
					o->types[i]);
		if (rc)
			return rc;
	}
	if (o->depth < 0 || o->depth > DEPTH_MAX)
		return gp_error(db, GEOPOL_EINVAL, "export: depth %d is not between 1 and %d", o->depth,
				DEPTH_MAX);
	return GEOPOL_OK;
}

/* ---- the items */

static int open_items(geopol_iter **it, geopol_db *db, const geopol_export_options *o,
		      const geopol_query *q)
{
	/* The HTML page's slider runs over a span: the whole history when
	 * none is given. */
	if (!gp_export_is_span(o) && o->format != GEOPOL_FORMAT_HTML)
		return geopol_snapshot(it, db, gp_export_at(o), q);
	return geopol_snapshot_span(it, db, o->from, o->to, q);
}

static int first_pass(struct gp_focus *f, geopol_db *db, const geopol_export_options *o,
		      const geopol_query *q)
{
	geopol_iter *it;
	const geopol_item *item;
	int rc = open_items(&it, db, o, q);
	if (rc)
		return rc;
	int err = 0;
	while (!err && (rc = geopol_iter_next(it, &item)) == GEOPOL_OK)
		err = item->kind == GEOPOL_ITEM_ENTITY ? add_node(f, item->entity)
						       : add_edge(f, o, it, item);
	geopol_iter_free(it);
	if (err)
		return gp_oom(db);
	if (rc != GEOPOL_ITEROVER)
		return rc;
	return decide(f, o) ? gp_oom(db) : GEOPOL_OK;
}

int gp_items_open(gp_items *s, geopol_db *db, const geopol_export_options *o,
		  const geopol_query *q)
{
	memset(s, 0, sizeof *s);
	s->opts = o;
	int rc = GEOPOL_OK;
	if (gp_export_has_focus(o)) {
		if ((rc = check_codes(db, o)))
			return rc;
		if (!(s->focus = calloc(1, sizeof *s->focus)))
			return gp_oom(db);
		rc = first_pass(s->focus, db, o, q);
	}
	if (!rc)
		rc = open_items(&s->it, db, o, q);
	if (rc)
		gp_items_close(s);
	return rc;
}

/* The interval of an element of a span export, clipped to the span: an
 * element that may start before it starts on its first day; one that may
 * end after it (or never ends) ends with it. The one place spans clip. */
static void clip(const geopol_export_options *o, geopol_date *from, geopol_date *to)
{
	if (o->from.precision && (!from->precision || from->day < o->from.day)) {
		from->day = o->from.day;
		from->precision = GEOPOL_DATE_DAY;
	}
	if (o->to.precision && (!to->precision || geopol_date_last_day(*to) > o->to.day)) {
		to->day = o->to.day;
		to->precision = GEOPOL_DATE_DAY;
	}
}

static int kept(const struct gp_focus *f, const geopol_iter *it, const geopol_item *item)
{
	if (item->kind == GEOPOL_ITEM_ENTITY) {
		int k = node_find(f, item->entity->code);
		return k >= 0 && f->nodes[k].keep;
	}
	int64_t key = edge_key(it, item);
	return bsearch(&key, f->kept, f->n_kept, sizeof key, cmp_i64) != NULL;
}

int gp_items_next(gp_items *s, const geopol_item **out)
{
	const geopol_item *item;
	int rc;
	while ((rc = geopol_iter_next(s->it, &item)) == GEOPOL_OK) {
		if (s->focus && !kept(s->focus, s->it, item))
			continue;
		if (gp_export_is_span(s->opts)) {
			geopol_iter *it = s->it;
			if (item->kind == GEOPOL_ITEM_ENTITY)
				clip(s->opts, &it->entity.from, &it->entity.to);
			else if (item->kind == GEOPOL_ITEM_MEMBERSHIP)
				clip(s->opts, &it->membership.from, &it->membership.to);
			else
				clip(s->opts, &it->relation.from, &it->relation.to);
		}
		*out = item;
		return GEOPOL_OK;
	}
	return rc;
}

void gp_items_close(gp_items *s)
{
	geopol_iter_free(s->it);
	focus_free(s->focus);
	s->it = NULL;
	s->focus = NULL;
}
