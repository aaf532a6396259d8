/*
 * iter.c - the one iterator type every query returns, and the citations of
 * its current item, loaded on demand from the store (gp_store.citations).
 */
#include "core/geopol_internal.h"
#include "store/store.h"

#include <stdlib.h>
#include <string.h>

geopol_iter *gp_iter_new(geopol_db *db, int (*next)(geopol_iter *),
			 void (*destroy)(geopol_iter *), void *state)
{
	geopol_iter *it = calloc(1, sizeof *it);
	if (!it) {
		if (destroy && state) {
			geopol_iter tmp;
			memset(&tmp, 0, sizeof tmp);
			tmp.state = state;
			destroy(&tmp);
		}
		gp_oom(db);
		return NULL;
	}
	it->db = db;
	it->next = next;
	it->destroy = destroy;
	it->state = state;
	it->live_next = db->iters;
	if (db->iters)
		db->iters->live_prev = it;
	db->iters = it;
	return it;
}

static void unlink_live(geopol_iter *it)
{
	if (!it->db)
		return;
	if (it->live_prev)
		it->live_prev->live_next = it->live_next;
	else
		it->db->iters = it->live_next;
	if (it->live_next)
		it->live_next->live_prev = it->live_prev;
	it->live_prev = it->live_next = NULL;
}

void gp_iters_end(geopol_db *db)
{
	/* A destroy may free other iterators of the list: take the head anew. */
	while (db->iters) {
		geopol_iter *it = db->iters;
		unlink_live(it);
		if (it->destroy)
			it->destroy(it);
		it->destroy = NULL;
		it->state = NULL;
		it->citations = NULL;
		it->done = 1;
		it->db = NULL;
		gp_iter_reset_item(it);
	}
}

typedef struct gp_copy {
	struct gp_copy *next;
	char text[];
} gp_copy;

const char *gp_chain_strdup(gp_chain *c, const char *s, int *err)
{
	if (!s)
		return NULL;
	size_t n = strlen(s) + 1;
	gp_copy *block = malloc(sizeof *block + n);
	if (!block) {
		if (err)
			*err = GEOPOL_ENOMEM;
		return NULL;
	}
	memcpy(block->text, s, n);
	block->next = c->head;
	c->head = block;
	return block->text;
}

void gp_chain_free(gp_chain *c)
{
	gp_copy *b = c->head;
	while (b) {
		gp_copy *n = b->next;
		free(b);
		b = n;
	}
	c->head = NULL;
}

const char *gp_iter_strdup(geopol_iter *it, const char *s)
{
	return gp_chain_strdup(&it->strings, s, NULL);
}

int gp_fill_edge(geopol_iter *it, const gp_edge_row *r, int64_t dlo, int64_t dhi)
{
	const gp_span *w = &r->when;
	int certainty = gp_certainty(w->flo, w->fhi, w->tlo, w->thi, dlo, dhi);
	geopol_date from = gp_date_stored(w->flo, w->fprec), to = gp_date_stored(w->tlo, w->tprec);
	if (r->kind == GEOPOL_FACT_MEMBERSHIP) {
		geopol_membership *m = &it->membership;
		m->fact_id = r->fact_id;
		m->org = r->a;
		m->member = r->b;
		m->role = r->role;
		m->stage = r->stage;
		m->coding = r->coding ? r->coding : GP_CODING_CURATED;
		m->from = from;
		m->to = to;
		m->recorded = r->rec_from;
		m->certainty = certainty;
		it->item.kind = GEOPOL_ITEM_MEMBERSHIP;
		it->item.membership = m;
	} else {
		geopol_relation *x = &it->relation;
		x->fact_id = r->fact_id;
		x->a = r->a;
		x->b = r->b;
		x->type = r->type;
		x->directed = r->directed;
		x->attrs = r->attrs;
		x->from = from;
		x->to = to;
		x->recorded = r->rec_from;
		x->certainty = certainty;
		it->item.kind = GEOPOL_ITEM_RELATION;
		it->item.relation = x;
	}
	it->cite_kind = r->kind;
	it->cite_row = r->id;
	return certainty;
}

void gp_fill_entity(geopol_iter *it, const gp_entity_row *r)
{
	geopol_entity *e = &it->entity;
	e->id = r->id;
	e->code = r->code;
	e->kind = r->kind;
	e->subkind = r->subkind;
	e->from = gp_date_stored(r->life.flo, r->life.fprec);
	e->to = gp_date_stored(r->life.tlo, r->life.tprec);
	e->name = r->name;
	it->item.kind = GEOPOL_ITEM_ENTITY;
	it->item.entity = e;
}

int gp_fill_name(geopol_iter *it, const gp_name_row *r, int64_t dlo, int64_t dhi)
{
	const gp_span *w = &r->when;
	geopol_name *n = &it->name;
	n->fact_id = r->fact_id;
	n->entity = r->entity;
	n->text = r->text;
	n->lang = r->lang;
	n->kind = r->kind;
	n->from = gp_date_stored(w->flo, w->fprec);
	n->to = gp_date_stored(w->tlo, w->tprec);
	n->certainty = gp_certainty(w->flo, w->fhi, w->tlo, w->thi, dlo, dhi);
	it->item.kind = GEOPOL_ITEM_NAME;
	it->item.name = n;
	it->cite_kind = GEOPOL_FACT_NAME;
	it->cite_row = r->id;
	return n->certainty;
}

int gp_fill_event(geopol_iter *it, const gp_event_row *r, int64_t wlo, int64_t whi)
{
	geopol_event *e = &it->event;
	const gp_span *w = &r->when;
	e->fact_id = r->fact_id;
	e->ext_id = gp_iter_strdup(it, r->ext_id);
	e->type = gp_iter_strdup(it, r->type);
	e->type_name = gp_iter_strdup(it, r->type_name);
	e->goldstein = r->goldstein;
	e->intensity = r->intensity;
	e->location = gp_iter_strdup(it, r->location);
	e->date = gp_date_stored(w->flo, w->fprec);
	e->end = gp_date_stored(w->tlo, w->tprec);
	e->recorded = r->rec_from;
	/* The window decides, not the end: an event is "in January" when it
	 * happened (or began) then. */
	e->certainty = wlo > whi ? GEOPOL_DEFINITE : gp_event_certainty(w->flo, w->fhi, wlo, whi);
	if (!e->certainty)
		e->certainty = GEOPOL_DEFINITE;
	if (r->n_actors > it->actors_cap) {
		geopol_actor *p = GP_GROW(it->actors, it->actors_cap, r->n_actors, 4);
		if (!p)
			return gp_oom(it->db);
		it->actors = p;
	}
	for (size_t i = 0; i < r->n_actors; i++) {
		it->actors[i].entity = gp_iter_strdup(it, r->actors[i].entity);
		it->actors[i].role = r->actors[i].role;
	}
	e->actors = it->actors;
	e->n_actors = r->n_actors;
	e->details = gp_iter_strdup(it, r->details);
	e->title_lang = gp_iter_strdup(it, r->title_lang);
	e->title = gp_iter_strdup(it, r->title);
	e->description = gp_iter_strdup(it, r->description);
	it->item.kind = GEOPOL_ITEM_EVENT;
	it->item.event = e;
	it->cite_kind = GEOPOL_FACT_EVENT;
	it->cite_row = r->id;
	return GEOPOL_OK;
}

void gp_iter_reset_item(geopol_iter *it)
{
	gp_chain_free(&it->strings);
	memset(&it->item, 0, sizeof it->item);
	it->cite_kind = 0;
	it->cite_row = 0;
}

int geopol_iter_next(geopol_iter *it, const geopol_item **item)
{
	if (!it || !item)
		return GEOPOL_EMISUSE;
	*item = NULL;
	if (!it->db)
		return GEOPOL_EMISUSE; /* its handle was closed */
	if (it->done)
		return GEOPOL_ITEROVER;
	gp_iter_reset_item(it);
	int rc = it->next(it);
	if (rc == GEOPOL_OK)
		*item = &it->item;
	else
		it->done = 1;
	return rc;
}

/* The citations of the item, gathered into it->cites (strings copied). */
typedef struct cite_gather {
	geopol_iter *it;
	size_t n;
	int err;
} cite_gather;

static int gather_cite(void *ctx, const char *source, const char *title, const char *quote)
{
	cite_gather *g = ctx;
	geopol_iter *it = g->it;
	geopol_citation *p = GP_GROW(it->cites, it->cites_cap, g->n + 1, 4);
	if (!p)
		return gp_oom(it->db);
	it->cites = p;
	geopol_citation *c = &it->cites[g->n++];
	c->source = gp_chain_strdup(&it->cite_strings, source, &g->err);
	c->title = gp_chain_strdup(&it->cite_strings, title, &g->err);
	c->quote = gp_chain_strdup(&it->cite_strings, quote, &g->err);
	return 0;
}

int geopol_iter_citations(geopol_iter *it, const geopol_citation **cites, size_t *n)
{
	if (!it || !cites || !n)
		return GEOPOL_EMISUSE;
	*cites = NULL;
	*n = 0;
	if (!it->db)
		return GEOPOL_EMISUSE; /* its handle was closed */
	if (!it->cite_kind)
		return GEOPOL_OK;
	if (it->citations)
		return it->citations(it, cites, n);
	gp_chain_free(&it->cite_strings);
	cite_gather g = {it, 0, 0};
	int rc = gp_store_of(it->db)->citations(it->db, it->cite_kind, it->cite_row, gather_cite, &g);
	if (rc)
		return rc;
	if (g.err)
		return gp_oom(it->db);
	*cites = it->cites;
	*n = g.n;
	return GEOPOL_OK;
}

void geopol_iter_free(geopol_iter *it)
{
	if (!it)
		return;
	unlink_live(it);
	if (it->destroy)
		it->destroy(it);
	gp_chain_free(&it->strings);
	gp_chain_free(&it->cite_strings);
	free(it->actors);
	free(it->cites);
	free(it);
}
