/*
 * events.c - events filtered by actors, type, span and text; the history of
 * a dyad (its relations and shared events in date order).
 *
 * Both ask about a window [from, to): an event whose date may stand for a
 * day in it is kept, definite when every such day is inside, possible when
 * only some are; a relation is kept when it may hold on some day of it.
 * The rows come from the store (store.h: gp_store.events for the events,
 * gp_store.spells for the dyad's relations); the answers are made here.
 */
#include "query/query_internal.h"

#include <stddef.h>
#include <stdlib.h>
#include <string.h>

/* The window of days [wlo, whi) of an interval, open ends the widest. */
static void window_of(geopol_date from, geopol_date to, int64_t *wlo, int64_t *whi)
{
	*wlo = from.precision ? from.day : GP_OPEN_START;
	*whi = to.precision ? to.day : GP_OPEN_END;
}

/* ---- the events of a question, in the store's order */

typedef struct events_state {
	gp_event_cursor *c;
	unsigned flags;
	int64_t wlo, whi;            /* the window's first and last day */
} events_state;

int gp_next_event(geopol_iter *it, gp_event_cursor *c, unsigned flags, int64_t wlo, int64_t whi)
{
	for (;;) {
		gp_event_row r;
		int rc = c->next(c, &r);
		if (!rc)
			rc = gp_fill_event(it, &r, wlo, whi);
		if (rc)
			return rc;
		if (!(it->event.certainty == GEOPOL_POSSIBLE && (flags & GEOPOL_DEFINITE_ONLY)))
			return GEOPOL_OK;
	}
}

static int events_next(geopol_iter *it)
{
	events_state *s = it->state;
	return gp_next_event(it, s->c, s->flags, s->wlo, s->whi);
}

static void events_destroy(geopol_iter *it)
{
	events_state *s = it->state;
	if (!s)
		return;
	gp_event_cursor_free(s->c);
	free(s);
}

void gp_events_query_of(const gp_q *d, gp_events_query *eq)
{
	eq->defonly = (d->flags & GEOPOL_DEFINITE_ONLY) != 0;
	eq->k = d->known_at;
	eq->lang = d->lang;
	eq->limit = -1;
}

static int events_start(geopol_iter **out, geopol_db *db, const gp_q *d, const gp_events_query *eq)
{
	events_state *s = calloc(1, sizeof *s);
	if (!s)
		return gp_oom(db);
	*s = (events_state){.flags = d->flags, .wlo = eq->wlo, .whi = eq->whi - 1};
	int rc = gp_store_of(db)->events(&s->c, db, eq);
	if (rc) {
		free(s);
		return rc;
	}
	geopol_iter *it = gp_iter_new(db, events_next, events_destroy, s);
	if (!it)
		return GEOPOL_ENOMEM;
	*out = it;
	return GEOPOL_OK;
}

/* The checks and defaults every entry point starts with. */
static int begin(geopol_iter **out, geopol_db *db, const geopol_query *q, gp_q *d)
{
	if (!out || !db)
		return GEOPOL_EMISUSE;
	*out = NULL;
	gp_clear_error(db);
	return gp_query_defaults(db, d, q);
}

int geopol_events(geopol_iter **out, geopol_db *db, const geopol_event_filter *f,
		  const geopol_query *q)
{
	geopol_event_filter none = GEOPOL_EVENT_FILTER_INIT, v2 = GEOPOL_EVENT_FILTER_INIT;
	gp_q d;
	gp_events_query eq = {.what = GP_EVENTS_MATCH};
	int rc = begin(out, db, q, &d);
	if (rc)
		return rc;
	if (!f)
		f = &none;
	if ((rc = gp_check_version(db, "geopol_event_filter", f, GEOPOL_EVENT_FILTER_VERSION)))
		return rc;
	if (f->version == 1) {
		/* A version 1 struct ends before quad_class. */
		memcpy(&v2, f, offsetof(geopol_event_filter, quad_class));
		v2.version = GEOPOL_EVENT_FILTER_VERSION;
		f = &v2;
	}
	if (f->quad_class < 0 || f->quad_class > 4)
		return gp_error(db, GEOPOL_EINVAL, "event filter: QuadClass %d is not 1, 2, 3 or 4",
				f->quad_class);
	if (f->with && !f->actor)
		return gp_error(db, GEOPOL_EINVAL, "event filter: 'with' needs 'actor' too");
	if ((f->actor && (rc = gp_entity_id(db, f->actor, "actor", &eq.ent))) ||
	    (f->with && (rc = gp_entity_id(db, f->with, "with", &eq.other))) ||
	    (rc = gp_check_utf8(db, "text", f->text)) ||
	    (rc = gp_check_interval(db, "event filter", f->from, f->to)))
		return rc;
	gp_events_query_of(&d, &eq);
	window_of(f->from, f->to, &eq.wlo, &eq.whi);
	eq.type = f->type && *f->type ? f->type : NULL;
	eq.text = f->text && *f->text ? f->text : NULL;
	eq.limit = f->limit ? (int64_t)f->limit : -1;
	eq.quad = f->quad_class;
	return events_start(out, db, &d, &eq);
}

/* ---- the history of a dyad: its relations and its events, merged by
 * date (from_lo as stored), relations first on a tie, then by row id */

typedef struct hist_rel {
	gp_edge_row r;               /* clipped to its entities' lives */
	int64_t from_lo;             /* as stored: the order */
	int certainty;               /* of holding on some day of the window */
} hist_rel;

typedef struct hist_state {
	gp_q q;
	gp_spells_query sq;          /* the dyad's relations over the window */
	gp_event_cursor *events;
	int loaded;
	hist_rel *rels;
	size_t n, cap, pos;
	gp_chain strings;            /* the relations' strings */
	gp_event_row ev;             /* the event read ahead */
	int ev_state;                /* 0 none read ahead, 1 in ev, 2 no more */
} hist_state;

static int by_date(const void *x, const void *y)
{
	const hist_rel *a = x, *b = y;
	if (a->from_lo != b->from_lo)
		return a->from_lo < b->from_lo ? -1 : 1;
	return (a->r.id > b->r.id) - (a->r.id < b->r.id);
}

/* One relation of the dyad, kept when, clipped to its entities' lives, it
 * may hold on some day of the window. */
static int keep_relation(geopol_db *db, hist_state *s, gp_lives *lives, gp_edge_row *r)
{
	int64_t from_lo = r->when.flo;
	int kept = gp_clip_row(db, lives, r);
	if (kept <= 0)
		return kept;
	const gp_span *f = &r->when;
	int c = gp_overlap_certainty(f->flo, f->fhi, f->tlo, f->thi, s->sq.dlo, s->sq.dhi);
	if (!c)
		return 0;
	hist_rel *v = GP_GROW(s->rels, s->cap, s->n + 1, 8);
	if (!v)
		return gp_oom(db);
	s->rels = v;
	hist_rel *h = &s->rels[s->n++];
	int err = 0;
	h->r = *r;
	h->r.a = gp_chain_strdup(&s->strings, r->a, &err);
	h->r.b = gp_chain_strdup(&s->strings, r->b, &err);
	h->r.type = gp_chain_strdup(&s->strings, r->type, &err);
	h->r.attrs = gp_chain_strdup(&s->strings, r->attrs, &err);
	h->r.coding = gp_chain_strdup(&s->strings, r->coding, &err);
	h->r.a_life = h->r.b_life = NULL;
	h->from_lo = from_lo;
	h->certainty = c;
	return err ? gp_oom(db) : 1;
}

static int load_relations(geopol_db *db, hist_state *s)
{
	gp_row_cursor *c;
	gp_lives lives = {.k = s->q.known_at};
	gp_edge_row r;
	int rc = gp_store_of(db)->spells(&c, db, &s->sq);
	while (!rc && (rc = c->next(c, &r)) == GEOPOL_OK)
		if ((rc = keep_relation(db, s, &lives, &r)) > 0)
			rc = GEOPOL_OK;
	gp_row_cursor_free(c);
	gp_lives_free(&lives);
	if (rc != GEOPOL_ITEROVER)
		return rc;
	if (s->n > 1)
		qsort(s->rels, s->n, sizeof *s->rels, by_date);
	return GEOPOL_OK;
}

static int hist_next(geopol_iter *it)
{
	hist_state *s = it->state;
	int rc;
	if (!s->loaded) {
		if ((rc = load_relations(it->db, s)))
			return rc;
		s->loaded = 1;
	}
	for (;;) {
		if (s->ev_state == 0) {
			rc = s->events->next(s->events, &s->ev);
			if (rc && rc != GEOPOL_ITEROVER)
				return rc;
			s->ev_state = rc ? 2 : 1;
		}
		if (s->pos < s->n && (s->ev_state == 2 || s->rels[s->pos].from_lo <= s->ev.when.flo)) {
			const hist_rel *h = &s->rels[s->pos++];
			gp_fill_edge(it, &h->r, s->sq.dlo, s->sq.dhi);
			it->relation.certainty = h->certainty;
		} else if (s->ev_state == 1) {
			s->ev_state = 0;
			if ((rc = gp_fill_event(it, &s->ev, s->sq.dlo, s->sq.dhi)))
				return rc;
		} else {
			return GEOPOL_ITEROVER;
		}
		int c = it->item.kind == GEOPOL_ITEM_RELATION ? it->relation.certainty
								: it->event.certainty;
		if (!(c == GEOPOL_POSSIBLE && (s->q.flags & GEOPOL_DEFINITE_ONLY)))
			return GEOPOL_OK;
	}
}

static void hist_destroy(geopol_iter *it)
{
	hist_state *s = it->state;
	if (!s)
		return;
	gp_event_cursor_free(s->events);
	free(s->rels);
	gp_chain_free(&s->strings);
	free(s);
}

int geopol_history(geopol_iter **out, geopol_db *db, const char *a, const char *b,
		   geopol_date from, geopol_date to, const geopol_query *q)
{
	gp_q d;
	gp_events_query eq = {.what = GP_EVENTS_MATCH};
	int rc = begin(out, db, q, &d);
	if (rc)
		return rc;
	if ((rc = gp_entity_id(db, a, "a", &eq.ent)) ||
	    (rc = gp_entity_id(db, b, "b", &eq.other)) ||
	    (rc = gp_check_interval(db, "history", from, to)))
		return rc;
	gp_events_query_of(&d, &eq);
	window_of(from, to, &eq.wlo, &eq.whi);
	hist_state *s = calloc(1, sizeof *s);
	if (!s)
		return gp_oom(db);
	s->q = d;
	s->sq = (gp_spells_query){.what = GP_SPELLS_RELATIONS, .ent = eq.ent, .other = eq.other,
				  .dlo = eq.wlo, .dhi = eq.whi - 1, .q = &s->q};
	if ((rc = gp_store_of(db)->events(&s->events, db, &eq))) {
		free(s);
		return rc;
	}
	geopol_iter *it = gp_iter_new(db, hist_next, hist_destroy, s);
	if (!it)
		return GEOPOL_ENOMEM;
	*out = it;
	return GEOPOL_OK;
}
