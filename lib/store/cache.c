/*
 * cache.c - small in-memory maps from codes (entity, source, type) to row
 * ids, so that bulk writes and queries do not ask SQLite for the same code
 * again and again. Entries are only ever added for rows that exist; every
 * rollback on the handle clears the maps, since a rolled-back insert's id
 * may be handed out again.
 */
#include "core/geopol_internal.h"

#include <stdlib.h>
#include <string.h>

/* FNV-1a: short keys, good enough spread for a power-of-two table. */
static size_t hash(const char *s)
{
	uint64_t h = 1469598103934665603ull;
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211ull;
	return (size_t)h;
}

static gp_cache_entry *find(const gp_cache *c, const char *key)
{
	if (!c->cap)
		return NULL;
	for (size_t i = hash(key) & (c->cap - 1);; i = (i + 1) & (c->cap - 1)) {
		gp_cache_entry *e = &c->slots[i];
		if (!e->key || strcmp(e->key, key) == 0)
			return e;
	}
}

int gp_cache_get(const gp_cache *c, const char *key, int64_t *id, int *kind)
{
	gp_cache_entry *e = find(c, key);
	if (!e || !e->key)
		return 0;
	*id = e->id;
	if (kind)
		*kind = e->kind;
	return 1;
}

static int grow(gp_cache *c)
{
	size_t cap = c->cap ? c->cap * 2 : 256;
	gp_cache_entry *slots = calloc(cap, sizeof *slots);
	if (!slots)
		return GEOPOL_ENOMEM;
	gp_cache old = *c;
	c->slots = slots;
	c->cap = cap;
	for (size_t i = 0; i < old.cap; i++)
		if (old.slots[i].key)
			*find(c, old.slots[i].key) = old.slots[i];
	free(old.slots);
	return GEOPOL_OK;
}

void gp_cache_put(gp_cache *c, const char *key, int64_t id, int kind)
{
	/* A full cache only costs lookups: failing to grow is not an error. */
	if ((c->n + 1) * 2 > c->cap && grow(c))
		return;
	gp_cache_entry *e = find(c, key);
	if (!e->key) {
		if (!(e->key = strdup(key)))
			return;
		c->n++;
	}
	e->id = id;
	e->kind = kind;
}

void gp_cache_clear(gp_cache *c)
{
	for (size_t i = 0; i < c->cap; i++)
		free(c->slots[i].key);
	free(c->slots);
	c->slots = NULL;
	c->cap = c->n = 0;
}

void gp_caches_clear(geopol_db *db)
{
	gp_cache_clear(&db->entity_ids);
	gp_cache_clear(&db->source_ids);
	gp_cache_clear(&db->type_ids);
	db->fresh_kind = 0;
}
