/*
 * graph.c - traversals at a date: neighbours to depth k and a shortest path
 * (the whole-graph snapshot is in snapshot.c).
 *
 * The store walks (store.h, gp_store.walk: breadth-first over the edges
 * valid at D, either direction) and hands over the hops it kept; this file
 * checks the question, writes its errors and makes the items: each hop's
 * edge, clipped to its entities' lives as known at k as the store's walk
 * clipped it to decide to follow it (gp_clip_row), with the certainty at D
 * of the clipped interval, the entity it leaves and its depth.
 */
#include "store/store.h"

#include <stdlib.h>

#define MAX_PATH_HOPS 6

typedef struct walk_state {
	gp_hop_cursor *c;
	int64_t dlo, dhi;
	gp_edge_row row;
	gp_lives lives;              /* known at the question's k */
} walk_state;

static int walk_next(geopol_iter *it)
{
	walk_state *s = it->state;
	int rc = s->c->base.next(&s->c->base, &s->row);
	if (rc)
		return rc;
	if ((rc = gp_clip_row(it->db, &s->lives, &s->row)) < 0)
		return rc; /* 0 cannot happen: the walk followed it */
	gp_fill_edge(it, &s->row, s->dlo, s->dhi);
	it->item.via = s->c->via;
	it->item.depth = s->c->depth;
	return GEOPOL_OK;
}

static void walk_destroy(geopol_iter *it)
{
	walk_state *s = it->state;
	if (!s)
		return;
	if (s->c)
		gp_row_cursor_free(&s->c->base);
	gp_lives_free(&s->lives);
	free(s);
}

/* Ask the store for the walk and start an iterator over its hops. */
static int walk(geopol_iter **out, geopol_db *db, gp_walk_query *wq)
{
	walk_state *s = calloc(1, sizeof *s);
	if (!s)
		return gp_oom(db);
	s->dlo = wq->dlo;
	s->dhi = wq->dhi;
	s->lives.k = wq->q->known_at;
	int rc = gp_store_of(db)->walk(&s->c, db, wq);
	if (rc) {
		free(s);
		return rc;
	}
	geopol_iter *it = gp_iter_new(db, walk_next, walk_destroy, s);
	if (!it)
		return GEOPOL_ENOMEM;
	*out = it;
	return GEOPOL_OK;
}

/* Check the options, fill d and the span: the start of both questions. */
static int walk_begin(geopol_iter **out, geopol_db *db, const geopol_query *q, gp_q *d)
{
	if (!out || !db)
		return GEOPOL_EMISUSE;
	*out = NULL;
	gp_clear_error(db);
	return gp_query_defaults(db, d, q);
}

int geopol_neighbors(geopol_iter **out, geopol_db *db, const char *entity, geopol_date at,
		     int depth, const geopol_query *q)
{
	gp_q d;
	gp_walk_query wq = {.depth = depth, .q = &d};
	int rc = walk_begin(out, db, q, &d);
	if (rc)
		return rc;
	if (depth < 1 || depth > 10)
		return gp_error(db, GEOPOL_EINVAL, "neighbors: depth %d is outside 1..10", depth);
	if ((rc = gp_entity_id(db, entity, "entity", &wq.from)))
		return rc;
	gp_at_span(at, &wq.dlo, &wq.dhi);
	return walk(out, db, &wq);
}

int geopol_path(geopol_iter **out, geopol_db *db, const char *a, const char *b,
		geopol_date at, const geopol_query *q)
{
	gp_q d;
	gp_walk_query wq = {.depth = MAX_PATH_HOPS, .q = &d};
	int rc = walk_begin(out, db, q, &d);
	if (rc || (rc = gp_entity_id(db, a, "a", &wq.from)) || (rc = gp_entity_id(db, b, "b", &wq.to)))
		return rc;
	gp_at_span(at, &wq.dlo, &wq.dhi);
	rc = walk(out, db, &wq);
	if (rc == GEOPOL_ENOTFOUND)
		rc = gp_error(db, rc, "no path from '%s' to '%s' within %d hops at that date",
			      gp_short(a), gp_short(b), MAX_PATH_HOPS);
	return rc;
}
