/*
 * util.h - the library's growable arrays and hash maps, each rule written
 * once (review 2026-12, item 9; the anchors are libgit2's src/util/array.h
 * and Redis's dict.c):
 *
 *   - growth: an array of cap elements grows to the smallest cap * 2^j
 *     (or first * 2^j when it is empty) that holds what is needed, so that
 *     appending n elements costs O(n); sizes that would overflow size_t
 *     are refused like a failed allocation (gp_grow_cap, gp_grow);
 *   - hashing: FNV-1a for text (gp_hash_str), a multiply-xorshift for
 *     64-bit keys (gp_hash_u64);
 *   - maps: open addressing with linear probing in a power-of-two table
 *     kept at most half full, so a probe ends at an empty slot. gp_map maps
 *     64-bit keys (all but GP_MAP_EMPTY) to 64-bit values; gp_strmap holds
 *     entries of any size whose first member is their key, a `const char *`
 *     (NULL: empty), and never copies or frees the text.
 *
 * Nothing here knows a handle: a failure is a NULL or -1 for the caller to
 * report (gp_oom). The maps are read only by key: no answer depends on the
 * order of their slots.
 */
#ifndef GEOPOL_UTIL_H
#define GEOPOL_UTIL_H

#include <stddef.h>
#include <stdint.h>

/* The capacity an array of `cap` elements grows to so as to hold `need`
 * (cap itself when it already does and is not 0); 0 when that would not
 * fit in size_t with elements of `size` bytes. `first` is the capacity of
 * an empty array (at least 1). */
size_t gp_grow_cap(size_t cap, size_t need, size_t first, size_t size);

/* realloc for n elements of `size` bytes; NULL (p unchanged and still the
 * caller's) when out of memory or when n * size overflows. */
void *gp_realloc_n(void *p, size_t n, size_t size);

/* Make the array p of *cap elements hold at least `need` (gp_grow_cap).
 * Returns the array to use, p itself when nothing had to move, with *cap
 * updated; NULL when out of memory, with p and *cap unchanged. */
void *gp_grow(void *p, size_t *cap, size_t need, size_t size, size_t first);

/* gp_grow for a typed array; on success the caller stores the result:
 *   T *v = GP_GROW(a->v, a->cap, a->n + 1, 64);
 *   if (!v) return GEOPOL_ENOMEM;
 *   a->v = v; */
#define GP_GROW(ptr, cap, need, first) gp_grow((ptr), &(cap), (need), sizeof *(ptr), (first))

/* FNV-1a (64-bit): gp_fnv1a carries a hash h on over the bytes of s, for
 * a hash of several strings; gp_hash_str is one string's. */
#define GP_FNV_OFFSET 14695981039346656037ull
#define GP_FNV_PRIME 1099511628211ull

static inline uint64_t gp_fnv1a(uint64_t h, const char *s)
{
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * GP_FNV_PRIME;
	return h;
}

static inline uint64_t gp_hash_str(const char *s)
{
	return gp_fnv1a(GP_FNV_OFFSET, s);
}

/* A 64-bit key mixed so that its low bits depend on all of it. */
static inline uint64_t gp_hash_u64(uint64_t k)
{
	k ^= k >> 33;
	k *= 0xff51afd7ed558ccdull;
	k ^= k >> 33;
	return k;
}

/* ---- 64-bit keys to 64-bit values */

#define GP_MAP_EMPTY UINT64_MAX

typedef struct gp_map {
	uint64_t *keys;  /* GP_MAP_EMPTY: a free slot */
	uint64_t *vals;
	size_t cap, n;
} gp_map;

/* The value of key, NULL when it is not in the map. */
uint64_t *gp_map_get(const gp_map *m, uint64_t key);
/* Set key's value (added or replaced); -1 when out of memory (the map
 * unchanged) or key is GP_MAP_EMPTY. */
int gp_map_put(gp_map *m, uint64_t key, uint64_t val);
/* Room for `n` keys in all without growing again; -1 when out of memory. */
int gp_map_reserve(gp_map *m, size_t n);
/* Forget every key, keeping the table for the next ones. */
void gp_map_clear(gp_map *m);
void gp_map_free(gp_map *m);

/* ---- entries keyed by text */

typedef struct gp_strmap {
	void *slots;     /* cap entries of the size every call is given */
	size_t cap, n;
} gp_strmap;

/* Each call names the entries' size (sizeof the entry struct), which must
 * not change while the map holds any; a zeroed gp_strmap is empty. */

/* The entry of key, NULL when there is none (or key is NULL). */
void *gp_strmap_get(const gp_strmap *m, size_t size, const char *key);
/* The entry of key, made if there is none: a new entry is zeroed but for
 * its key, which points at the caller's text (kept until the entry goes).
 * *added says which. NULL when out of memory (the map unchanged). */
void *gp_strmap_add(gp_strmap *m, size_t size, const char *key, int *added);
/* Room for `n` entries in all without growing again; -1 when out of memory. */
int gp_strmap_reserve(gp_strmap *m, size_t size, size_t n);
/* Entry i of the table (0 .. cap - 1), for a walk over every entry (one
 * that frees the keys, say): its key is NULL when the slot is free. */
static inline void *gp_strmap_slot(const gp_strmap *m, size_t size, size_t i)
{
	return (unsigned char *)m->slots + i * size;
}
void gp_strmap_free(gp_strmap *m);

#endif
