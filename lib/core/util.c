/*
 * util.c - growable arrays and the two hash maps (util.h).
 */
#include "core/util.h"

#include <stdlib.h>
#include <string.h>

size_t gp_grow_cap(size_t cap, size_t need, size_t first, size_t size)
{
	if (need <= cap && cap)
		return cap;
	size_t c = cap ? cap : first ? first : 1;
	while (c < need) {
		if (c > SIZE_MAX / 2)
			return 0;
		c *= 2;
	}
	if (size && c > SIZE_MAX / size)
		return 0;
	return c;
}

void *gp_realloc_n(void *p, size_t n, size_t size)
{
	if (size && n > SIZE_MAX / size)
		return NULL;
	size_t bytes = n * size;
	return realloc(p, bytes ? bytes : 1);
}

void *gp_grow(void *p, size_t *cap, size_t need, size_t size, size_t first)
{
	size_t c = gp_grow_cap(*cap, need, first, size);
	if (!c)
		return NULL;
	if (c == *cap)
		return p;
	void *q = realloc(p, c * size);
	if (!q)
		return NULL;
	*cap = c;
	return q;
}

/* ---- gp_map */

static size_t map_slot(const uint64_t *keys, size_t cap, uint64_t key)
{
	size_t i = (size_t)gp_hash_u64(key) & (cap - 1);
	while (keys[i] != GP_MAP_EMPTY && keys[i] != key)
		i = (i + 1) & (cap - 1);
	return i;
}

uint64_t *gp_map_get(const gp_map *m, uint64_t key)
{
	if (!m->cap || key == GP_MAP_EMPTY)
		return NULL;
	size_t i = map_slot(m->keys, m->cap, key);
	return m->keys[i] == key ? &m->vals[i] : NULL;
}

/* The table that keeps n keys at most half full (at least 16 slots). */
static size_t table_cap(size_t cap, size_t n)
{
	size_t c = cap ? cap : 16;
	while (c / 2 < n) {
		if (c > SIZE_MAX / 4)
			return 0;
		c *= 2;
	}
	return c;
}

int gp_map_reserve(gp_map *m, size_t n)
{
	size_t cap = table_cap(m->cap, n);
	if (!cap)
		return -1;
	if (cap == m->cap)
		return 0;
	uint64_t *keys = gp_realloc_n(NULL, cap, sizeof *keys);
	uint64_t *vals = gp_realloc_n(NULL, cap, sizeof *vals);
	if (!keys || !vals) {
		free(keys);
		free(vals);
		return -1;
	}
	memset(keys, 0xff, cap * sizeof *keys);
	for (size_t i = 0; i < m->cap; i++)
		if (m->keys[i] != GP_MAP_EMPTY) {
			size_t j = map_slot(keys, cap, m->keys[i]);
			keys[j] = m->keys[i];
			vals[j] = m->vals[i];
		}
	free(m->keys);
	free(m->vals);
	m->keys = keys;
	m->vals = vals;
	m->cap = cap;
	return 0;
}

int gp_map_put(gp_map *m, uint64_t key, uint64_t val)
{
	if (key == GP_MAP_EMPTY || gp_map_reserve(m, m->n + 1))
		return -1;
	size_t i = map_slot(m->keys, m->cap, key);
	if (m->keys[i] == GP_MAP_EMPTY) {
		m->keys[i] = key;
		m->n++;
	}
	m->vals[i] = val;
	return 0;
}

void gp_map_clear(gp_map *m)
{
	if (m->cap)
		memset(m->keys, 0xff, m->cap * sizeof *m->keys);
	m->n = 0;
}

void gp_map_free(gp_map *m)
{
	free(m->keys);
	free(m->vals);
	m->keys = m->vals = NULL;
	m->cap = m->n = 0;
}

/* ---- gp_strmap */

static const char *key_at(const unsigned char *slot)
{
	const char *k;
	memcpy(&k, slot, sizeof k);
	return k;
}

/* The slot of key in a table of cap entries: its entry or a free slot. */
static unsigned char *str_slot(unsigned char *slots, size_t cap, size_t size, const char *key)
{
	for (size_t i = (size_t)gp_hash_str(key) & (cap - 1);; i = (i + 1) & (cap - 1)) {
		unsigned char *s = slots + i * size;
		const char *k = key_at(s);
		if (!k || strcmp(k, key) == 0)
			return s;
	}
}

void *gp_strmap_get(const gp_strmap *m, size_t size, const char *key)
{
	if (!m->cap || !key)
		return NULL;
	unsigned char *s = str_slot(m->slots, m->cap, size, key);
	return key_at(s) ? s : NULL;
}

int gp_strmap_reserve(gp_strmap *m, size_t size, size_t n)
{
	size_t cap = table_cap(m->cap, n);
	if (!cap || cap > SIZE_MAX / size)
		return -1;
	if (cap == m->cap)
		return 0;
	unsigned char *slots = calloc(cap, size);
	if (!slots)
		return -1;
	for (size_t i = 0; i < m->cap; i++) {
		unsigned char *s = gp_strmap_slot(m, size, i);
		const char *k = key_at(s);
		if (k)
			memcpy(str_slot(slots, cap, size, k), s, size);
	}
	free(m->slots);
	m->slots = slots;
	m->cap = cap;
	return 0;
}

void *gp_strmap_add(gp_strmap *m, size_t size, const char *key, int *added)
{
	*added = 0;
	if (!key || gp_strmap_reserve(m, size, m->n + 1))
		return NULL;
	unsigned char *s = str_slot(m->slots, m->cap, size, key);
	if (!key_at(s)) {
		memcpy(s, &key, sizeof key);
		m->n++;
		*added = 1;
	}
	return s;
}

void gp_strmap_free(gp_strmap *m)
{
	free(m->slots);
	m->slots = NULL;
	m->cap = m->n = 0;
}
