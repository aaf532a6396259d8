/*
 * edge_maps.c - the maps a store's raw rows are read through (edge_maps.h):
 * entity codes and lives, relation types, shadowed memberships, read from
 * the store (store.h: size, entities, relation_types, shadowed).
 */
#include "query/edge_maps.h"
#include "store/store.h"

#include <stdlib.h>
#include <string.h>

/* ---- the id map */

void gp_idmap_dense(gp_idmap *m, int64_t max_key, int64_t count)
{
	if (max_key > 0 && max_key <= 2 * count + 1024 &&
	    (m->dense = calloc((size_t)max_key + 1, sizeof *m->dense)))
		m->n_dense = (size_t)max_key + 1;
}

const void *gp_idmap_hashed(const gp_idmap *m, int64_t key)
{
	const uint64_t *v = gp_map_get(&m->map, (uint64_t)key);
	return v ? (const void *)(uintptr_t)*v : NULL;
}

int gp_idmap_put(gp_idmap *m, int64_t key, const void *val)
{
	if ((uint64_t)key < m->n_dense) {
		m->dense[key] = val;
		return GEOPOL_OK;
	}
	return gp_map_put(&m->map, (uint64_t)key, (uint64_t)(uintptr_t)val) ? GEOPOL_ENOMEM : GEOPOL_OK;
}

void gp_idmap_free(gp_idmap *m)
{
	free(m->dense);
	gp_map_free(&m->map);
}

/* ---- relation types */

static const gp_rtype *type_find(const gp_edge_maps *m, const char *code)
{
	return gp_strmap_get(&m->types, sizeof(gp_rtype), code);
}

const gp_rtype *gp_edge_type(gp_edge_maps *m, const char *code)
{
	/* Rows come in runs of one type, and a block stores each type once:
	 * the same pointer again is most often the same code (checked). */
	if (code && code == m->last_type && m->last_rtype && strcmp(m->last_rtype->code, code) == 0)
		return m->last_rtype;
	const gp_rtype *t = type_find(m, code);
	m->last_type = code;
	m->last_rtype = t;
	return t;
}

static int add_type(void *ctx, const char *code, int directed)
{
	gp_edge_maps *m = ctx;
	int err = 0, added;
	if (!code || type_find(m, code))
		return GEOPOL_OK;
	const char *copy = gp_chain_strdup(&m->strings, code, &err);
	gp_rtype *t = copy ? gp_strmap_add(&m->types, sizeof *t, copy, &added) : NULL;
	if (!t)
		return GEOPOL_ENOMEM;
	t->directed = directed;
	return GEOPOL_OK;
}

static int load_types(geopol_db *db, gp_edge_maps *m)
{
	const gp_store *store = gp_store_of(db);
	int64_t max_id, n;
	int rc = store->size(db, GP_SIZE_RELATION_TYPES, &max_id, &n);
	if (rc)
		return rc;
	if (gp_strmap_reserve(&m->types, sizeof(gp_rtype), (size_t)n + 1))
		return gp_oom(db);
	rc = store->relation_types(db, add_type, m);
	return rc == GEOPOL_ENOMEM ? gp_oom(db) : rc;
}

/* ---- entities */

/* The entity codes and lives (one per entity), the lives as known at k
 * (schema 012): edges are clipped to them. */
static int load_entities(geopol_db *db, gp_edge_maps *m, int64_t k)
{
	const gp_store *store = gp_store_of(db);
	int64_t max_id, n;
	int rc = store->size(db, GP_SIZE_ENTITIES, &max_id, &n), err = 0;
	if (rc)
		return rc;
	gp_idmap_dense(&m->codes, max_id, n);
	gp_idmap_dense(&m->lives, max_id, n);
	if (!(m->life = calloc((size_t)n + 1, sizeof *m->life)))
		return gp_oom(db);
	gp_entities_query q = {.what = GP_ENTITIES_LIVES, .k = k};
	gp_entity_cursor *c;
	gp_entity_row r;
	if ((rc = store->entities(&c, db, &q)))
		return rc;
	while (m->n_life < (size_t)n + 1 && (rc = c->next(c, &r)) == GEOPOL_OK) {
		const char *code = gp_chain_strdup(&m->strings, r.code, &err);
		gp_span *l = &m->life[m->n_life++];
		*l = r.life;
		if (err || gp_idmap_put(&m->codes, r.id, code) || gp_idmap_put(&m->lives, r.id, l)) {
			rc = gp_oom(db);
			break;
		}
	}
	gp_entity_cursor_free(c);
	return rc == GEOPOL_ITEROVER ? GEOPOL_OK : rc;
}

/* The memberships a better-ranked coding of their pair outranks: few (the
 * imported rows of pairs the curated data has too), kept by row id. */
static int add_shadowed(void *ctx, int64_t row)
{
	gp_edge_maps *m = ctx;
	return gp_idmap_put(&m->shadowed, row, m);
}

static int load_shadowed(geopol_db *db, gp_edge_maps *m, int64_t k)
{
	int rc = gp_store_of(db)->shadowed(db, k, add_shadowed, m);
	return rc == GEOPOL_ENOMEM ? gp_oom(db) : rc;
}

int gp_edge_maps_load(geopol_db *db, gp_edge_maps *m, const gp_q *q)
{
	int rc = load_types(db, m);
	if (!rc)
		rc = load_entities(db, m, q->known_at);
	if (!rc && q->shadow)
		rc = load_shadowed(db, m, q->known_at);
	return rc;
}

void gp_edge_maps_free(gp_edge_maps *m)
{
	gp_idmap_free(&m->codes);
	gp_idmap_free(&m->lives);
	gp_idmap_free(&m->shadowed);
	free(m->life);
	gp_strmap_free(&m->types);
	gp_chain_free(&m->strings);
}

int gp_edge_resolve(gp_edge_maps *m, const gp_q *q, gp_edge_row *e)
{
	e->a = gp_idmap_get(&m->codes, e->a_id);
	e->b = gp_idmap_get(&m->codes, e->b_id);
	if (!e->a || !e->b)
		return 0;
	if (e->kind == GEOPOL_FACT_MEMBERSHIP)
		return gp_membership_visible(q, e->stage, e->coding) &&
		       !(q->shadow && gp_idmap_get(&m->shadowed, e->id));
	const gp_rtype *t = gp_edge_type(m, e->type);
	if (!t)
		return 0;
	e->type = t->code;
	e->directed = t->directed;
	return 1;
}
