/*
 * edge_maps.c - the maps a store's raw rows are read through (edge_maps.h):
 * entity codes and lives, relation types, shadowed memberships.
 */
#include "query/edge_maps.h"
#include "store/sql_internal.h"

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

static int load_types(geopol_db *db, gp_edge_maps *m)
{
	int rc, err = 0, added;
	sqlite3_stmt *st = gp_stmt(db, "SELECT COUNT(*) FROM relation_type");
	if (!st)
		return GEOPOL_EDB;
	size_t n = sqlite3_step(st) == SQLITE_ROW ? (size_t)sqlite3_column_int64(st, 0) : 0;
	sqlite3_reset(st);
	if (gp_strmap_reserve(&m->types, sizeof(gp_rtype), n + 1))
		return gp_oom(db);
	if (!(st = gp_stmt(db, "SELECT code, directed FROM relation_type")))
		return GEOPOL_EDB;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *code = (const char *)sqlite3_column_text(st, 0);
		if (!code || type_find(m, code))
			continue;
		const char *copy = gp_chain_strdup(&m->strings, code, &err);
		gp_rtype *t = copy ? gp_strmap_add(&m->types, sizeof *t, copy, &added) : NULL;
		if (!t) {
			err = 1;
			break;
		}
		t->directed = sqlite3_column_int(st, 1);
	}
	sqlite3_reset(st);
	if (err)
		return gp_oom(db);
	if (rc != SQLITE_DONE && rc != SQLITE_ROW)
		return gp_sql_error(db, "reading relation types");
	return GEOPOL_OK;
}

/* ---- entities */

/* The entity codes and lives (one per entity), the lives as known at k
 * (schema 012): edges are clipped to them. */
static int load_entities(geopol_db *db, gp_edge_maps *m, int64_t k)
{
	int64_t ent[2];
	int rc = gp_query_ints(db, "SELECT max(id), count(*) FROM entity", 0, ent, 2), err = 0;
	if (rc)
		return rc;
	gp_idmap_dense(&m->codes, ent[0], ent[1]);
	gp_idmap_dense(&m->lives, ent[0], ent[1]);
	if (!(m->life = calloc((size_t)ent[1] + 1, sizeof *m->life)))
		return gp_oom(db);
	sqlite3_stmt *st = gp_stmt(db, "SELECT x.id, x.code, " GP_SQL_LIFE("from_lo") ", "
				   GP_SQL_LIFE("from_hi") ", " GP_SQL_LIFE("from_prec") ", " GP_SQL_LIFE("to_lo")
				   ", " GP_SQL_LIFE("to_hi") ", " GP_SQL_LIFE("to_prec") " FROM entity x");
	if (!st)
		return GEOPOL_EDB;
	sqlite3_bind_int64(st, sqlite3_bind_parameter_index(st, ":k"), k);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW && m->n_life < (size_t)ent[1] + 1) {
		const char *code = gp_chain_strdup(&m->strings,
						   (const char *)sqlite3_column_text(st, 1), &err);
		gp_span *l = &m->life[m->n_life++];
		*l = (gp_span){sqlite3_column_int64(st, 2), sqlite3_column_int64(st, 3),
			       sqlite3_column_int64(st, 5), sqlite3_column_int64(st, 6),
			       sqlite3_column_int(st, 4), sqlite3_column_int(st, 7)};
		if (err || gp_idmap_put(&m->codes, sqlite3_column_int64(st, 0), code) ||
		    gp_idmap_put(&m->lives, sqlite3_column_int64(st, 0), l)) {
			err = 1;
			break;
		}
	}
	sqlite3_reset(st);
	if (err)
		return gp_oom(db);
	if (rc != SQLITE_DONE)
		return gp_sql_error(db, "reading entity codes");
	return GEOPOL_OK;
}

/* The memberships a better-ranked coding of their pair outranks: few (the
 * imported rows of pairs the curated data has too), kept by row id. */
static int load_shadowed(geopol_db *db, gp_edge_maps *m, int64_t k)
{
	sqlite3_stmt *st = gp_stmt(db, GP_SQL_SHADOWED);
	if (!st)
		return GEOPOL_EDB;
	gp_params p = {.k = k};
	int rc = gp_bind_params(db, st, &p), step = SQLITE_DONE;
	while (!rc && (step = sqlite3_step(st)) == SQLITE_ROW)
		if (gp_idmap_put(&m->shadowed, sqlite3_column_int64(st, 0), m))
			rc = gp_oom(db);
	sqlite3_reset(st);
	if (!rc && step != SQLITE_DONE)
		rc = gp_sql_error(db, "reading the codings");
	return rc;
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
