/*
 * edge_maps.h - what turns a store's raw rows (entity ids, type codes;
 * store.h, gp_store.scan) into answers: the entity codes and lives, the
 * relation types and the memberships a better-ranked coding outranks,
 * loaded once per question. The snapshot (snapshot.c) and the diff
 * (diff.c) read through them; entities and types are few (~850 in the 1M-
 * fact world), so a row needs no join.
 */
#ifndef GEOPOL_EDGE_MAPS_H
#define GEOPOL_EDGE_MAPS_H

#include "core/geopol_internal.h"
#include "store/params.h"
#include "core/util.h"

/* A map from row id to a pointer. Row ids are usually 1..n: then keys up
 * to a bound go in a plain array, the others in a gp_map (core/util.h). */
typedef struct gp_idmap {
	const void **dense;  /* keys below n_dense, when the ids are dense */
	size_t n_dense;
	gp_map map;          /* the other keys; the pointer as an integer */
} gp_idmap;

/* Keys up to max_key in a plain array, unless they are mostly holes. */
void gp_idmap_dense(gp_idmap *m, int64_t max_key, int64_t count);
const void *gp_idmap_hashed(const gp_idmap *m, int64_t key);
static inline const void *gp_idmap_get(const gp_idmap *m, int64_t key)
{
	if ((uint64_t)key < m->n_dense)
		return m->dense[key];
	return gp_idmap_hashed(m, key);
}
int gp_idmap_put(gp_idmap *m, int64_t key, const void *val);
void gp_idmap_free(gp_idmap *m);

typedef struct gp_rtype {
	const char *code;
	int directed;
} gp_rtype;

typedef struct gp_edge_maps {
	gp_idmap codes;        /* entity id -> code */
	gp_idmap lives;        /* entity id -> its gp_span, in `life` */
	gp_span *life;         /* an entity's index in it is its dense number */
	size_t n_life;
	gp_strmap types;       /* relation types (gp_rtype) by code */
	const char *last_type; /* the code last looked up, and its type */
	const gp_rtype *last_rtype;
	gp_idmap shadowed;     /* membership rows a better coding outranks (q.shadow) */
	gp_chain strings;      /* the maps' strings */
} gp_edge_maps;

/* Load the maps (zeroed before); the shadowed rows when q->shadow, as
 * known at q->known_at. Free with gp_edge_maps_free, also after a failure. */
int gp_edge_maps_load(geopol_db *db, gp_edge_maps *m, const gp_q *q);
void gp_edge_maps_free(gp_edge_maps *m);

/* A relation type by code, NULL if unknown. */
const gp_rtype *gp_edge_type(gp_edge_maps *m, const char *code);

/* The types' table: slot i (0 .. m->types.cap - 1; code NULL when free)
 * and a type's slot, a small number for keys of types. */
static inline const gp_rtype *gp_edge_type_at(const gp_edge_maps *m, size_t i)
{
	return gp_strmap_slot(&m->types, sizeof(gp_rtype), i);
}
static inline size_t gp_edge_type_slot(const gp_edge_maps *m, const gp_rtype *t)
{
	return (size_t)((const unsigned char *)t - (const unsigned char *)m->types.slots) / sizeof *t;
}

/* Set a raw row's codes (and a relation's type and direction) from the
 * maps; 0 when no answer has it: an entity or a type that does not exist
 * (the joins of the SQL drop them), a membership the question does not
 * see (gp_membership_visible, the ranks of codings). */
int gp_edge_resolve(gp_edge_maps *m, const gp_q *q, gp_edge_row *e);

/* An entity's life by id (NULL if it does not exist), and its dense
 * number (0 .. n_life - 1), for keys of entities. */
static inline const gp_span *gp_edge_life(const gp_edge_maps *m, int64_t id)
{
	return gp_idmap_get(&m->lives, id);
}

#endif
