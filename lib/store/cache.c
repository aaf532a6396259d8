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

int gp_cache_get(const gp_cache *c, const char *key, int64_t *id, int *kind)
{
	const gp_cache_entry *e = gp_strmap_get(c, sizeof(gp_cache_entry), key);
	if (!e)
		return 0;
	*id = e->id;
	if (kind)
		*kind = e->kind;
	return 1;
}

void gp_cache_put(gp_cache *c, const char *key, int64_t id, int kind)
{
	/* A full cache only costs lookups: failing to grow is not an error. */
	gp_cache_entry *e = gp_strmap_get(c, sizeof(gp_cache_entry), key);
	if (!e) {
		char *copy = strdup(key);
		int added;
		if (!copy || !(e = gp_strmap_add(c, sizeof *e, copy, &added))) {
			free(copy);
			return;
		}
	}
	e->id = id;
	e->kind = kind;
}

void gp_cache_clear(gp_cache *c)
{
	for (size_t i = 0; i < c->cap; i++)
		free(((gp_cache_entry *)gp_strmap_slot(c, sizeof(gp_cache_entry), i))->key);
	gp_strmap_free(c);
}

void gp_caches_clear(geopol_db *db)
{
	gp_cache_clear(&db->entity_ids);
	gp_cache_clear(&db->source_ids);
	gp_cache_clear(&db->type_ids);
	db->fresh_kind = 0;
}
