/*
 * check_util.c - the growable arrays and hash maps of lib/core/util.h:
 * the capacities an array grows through (and the overflow refused), a
 * failed growth leaving the array as it was, gp_map and gp_strmap against
 * a plain array as the reference through growth, clearing and keys that
 * collide in the table, and the hash functions' values.
 */
#include <check.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "test_util.h"
#include "core/util.h"

START_TEST(test_util_grow__capacities)
{
	/* Empty: `first`, doubled until it holds what is needed. */
	ck_assert_uint_eq(gp_grow_cap(0, 1, 64, 8), 64);
	ck_assert_uint_eq(gp_grow_cap(0, 64, 64, 8), 64);
	ck_assert_uint_eq(gp_grow_cap(0, 65, 64, 8), 128);
	ck_assert_uint_eq(gp_grow_cap(0, 1000, 64, 8), 1024);
	ck_assert_uint_eq(gp_grow_cap(0, 0, 0, 8), 1);
	/* Not empty: its own capacity, doubled; kept when it is enough. */
	ck_assert_uint_eq(gp_grow_cap(100, 100, 64, 8), 100);
	ck_assert_uint_eq(gp_grow_cap(100, 101, 64, 8), 200);
	ck_assert_uint_eq(gp_grow_cap(100, 401, 64, 8), 800);
	ck_assert_uint_eq(gp_grow_cap(3, 4, 64, 1), 6);
	/* Sizes past size_t: refused. */
	ck_assert_uint_eq(gp_grow_cap(SIZE_MAX / 2 + 1, SIZE_MAX / 2 + 2, 1, 1), 0);
	ck_assert_uint_eq(gp_grow_cap(0, SIZE_MAX / 8, 1, 16), 0);
	ck_assert_ptr_null(gp_realloc_n(NULL, SIZE_MAX / 4, 8));
}
END_TEST

START_TEST(test_util_grow__appends_keep_contents)
{
	int64_t *v = NULL;
	size_t cap = 0, seen_caps = 0, last = 0;
	for (int64_t i = 0; i < 10000; i++) {
		int64_t *nv = GP_GROW(v, cap, (size_t)i + 1, 16);
		ck_assert_ptr_nonnull(nv);
		v = nv;
		ck_assert_uint_ge(cap, (size_t)i + 1);
		if (cap != last) {
			seen_caps++;
			last = cap;
		}
		v[i] = i * 7;
	}
	/* 16, 32, ..., 16384: ten reallocations for 10,000 appends. */
	ck_assert_uint_eq(cap, 16384);
	ck_assert_uint_eq(seen_caps, 11);
	for (int64_t i = 0; i < 10000; i++)
		ck_assert_int_eq(v[i], i * 7);
	/* Asking for what it holds moves nothing. */
	ck_assert_ptr_eq(GP_GROW(v, cap, 5000, 16), v);
	ck_assert_uint_eq(cap, 16384);
	free(v);
}
END_TEST

START_TEST(test_util_grow__failure_leaves_array)
{
	char *v = NULL;
	size_t cap = 0;
	v = gp_grow(v, &cap, 10, 1, 16);
	ck_assert_ptr_nonnull(v);
	memcpy(v, "unchanged", 10);
	/* An impossible size: NULL, and the array and capacity are the caller's still. */
	ck_assert_ptr_null(gp_grow(v, &cap, SIZE_MAX - 1, 4, 16));
	ck_assert_uint_eq(cap, 16);
	ck_assert_str_eq(v, "unchanged");
	free(v);
}
END_TEST

START_TEST(test_util_hash__values)
{
	/* FNV-1a 64 test vectors (the FNV reference's "" and "a", "foobar"). */
	ck_assert_uint_eq(gp_hash_str(""), 0xcbf29ce484222325ull);
	ck_assert_uint_eq(gp_hash_str("a"), 0xaf63dc4c8601ec8cull);
	ck_assert_uint_eq(gp_hash_str("foobar"), 0x85944171f73967e8ull);
	/* The mix of a key: 0 stays 0; nearby keys land far apart. */
	ck_assert_uint_eq(gp_hash_u64(0), 0);
	uint64_t a = gp_hash_u64(1), b = gp_hash_u64(2);
	ck_assert_uint_ne(a & 1023, b & 1023);
	ck_assert_uint_eq(a, (1ull * 0xff51afd7ed558ccdull) ^ ((1ull * 0xff51afd7ed558ccdull) >> 33));
}
END_TEST

/* Keys 4096 apart (their low 12 bits all equal: the mix must spread them),
 * put in random order with values replaced, checked against a plain
 * array through growth, with the keys in between absent. */
START_TEST(test_util_map__against_array)
{
	enum { N = 20000 };
	uint64_t *ref = calloc(N, sizeof *ref);
	gp_map m = {0};
	ck_assert_ptr_null(gp_map_get(&m, 5));
	uint64_t s = 42;
	for (int round = 0; round < 3 * N; round++) {
		size_t k = (size_t)(tu_rand(&s) % N);
		uint64_t v = tu_rand(&s) | 1;
		ck_assert_int_eq(gp_map_put(&m, (uint64_t)k * 4096, v), 0);
		ref[k] = v;
	}
	size_t n = 0;
	for (size_t k = 0; k < N; k++) {
		const uint64_t *got = gp_map_get(&m, (uint64_t)k * 4096);
		if (ref[k]) {
			n++;
			ck_assert_ptr_nonnull(got);
			ck_assert_uint_eq(*got, ref[k]);
		} else {
			ck_assert_ptr_null(got);
		}
		ck_assert_ptr_null(gp_map_get(&m, (uint64_t)k * 4096 + 1));
	}
	ck_assert_uint_eq(m.n, n);
	/* At most half full, a power of two. */
	ck_assert_uint_ge(m.cap, 2 * m.n);
	ck_assert_uint_eq(m.cap & (m.cap - 1), 0);
	/* Key 0 is a key like any other; GP_MAP_EMPTY is refused. */
	ck_assert_int_eq(gp_map_put(&m, 0, 9), 0);
	ck_assert_uint_eq(*gp_map_get(&m, 0), 9);
	ck_assert_int_eq(gp_map_put(&m, GP_MAP_EMPTY, 1), -1);
	ck_assert_ptr_null(gp_map_get(&m, GP_MAP_EMPTY));
	/* Cleared: no key left, the table kept and used again. */
	size_t cap = m.cap;
	gp_map_clear(&m);
	ck_assert_uint_eq(m.n, 0);
	ck_assert_uint_eq(m.cap, cap);
	ck_assert_ptr_null(gp_map_get(&m, 0));
	ck_assert_ptr_null(gp_map_get(&m, 4096));
	ck_assert_int_eq(gp_map_put(&m, 4096, 3), 0);
	ck_assert_uint_eq(*gp_map_get(&m, 4096), 3);
	gp_map_free(&m);
	ck_assert_ptr_null(gp_map_get(&m, 4096));
	gp_map_free(&m); /* twice is harmless */
	free(ref);
}
END_TEST

START_TEST(test_util_map__reserve)
{
	gp_map m = {0};
	ck_assert_int_eq(gp_map_reserve(&m, 1000), 0);
	size_t cap = m.cap;
	ck_assert_uint_eq(cap, 2048);
	for (uint64_t k = 1; k <= 1000; k++)
		ck_assert_int_eq(gp_map_put(&m, k, k * k), 0);
	ck_assert_uint_eq(m.cap, cap); /* no growth while filling what was reserved */
	for (uint64_t k = 1; k <= 1000; k++)
		ck_assert_uint_eq(*gp_map_get(&m, k), k * k);
	gp_map_free(&m);
}
END_TEST

typedef struct entry {
	const char *key;
	int value;
	char tag;
} entry;

START_TEST(test_util_strmap__against_array)
{
	enum { N = 5000 };
	char (*keys)[16] = malloc(N * sizeof *keys);
	gp_strmap m = {0};
	int added = -1;
	ck_assert_ptr_null(gp_strmap_get(&m, sizeof(entry), "x"));
	ck_assert_ptr_null(gp_strmap_get(&m, sizeof(entry), NULL));
	for (int i = 0; i < N; i++) {
		snprintf(keys[i], sizeof keys[i], "K%d", i);
		entry *e = gp_strmap_add(&m, sizeof *e, keys[i], &added);
		ck_assert_ptr_nonnull(e);
		ck_assert_int_eq(added, 1);
		/* A new entry is zeroed but for its key, which is the caller's text. */
		ck_assert_ptr_eq(e->key, keys[i]);
		ck_assert_int_eq(e->value, 0);
		ck_assert_int_eq(e->tag, 0);
		e->value = i;
		e->tag = (char)('a' + i % 26);
	}
	ck_assert_uint_eq(m.n, N);
	ck_assert_uint_ge(m.cap, 2 * N);
	for (int i = 0; i < N; i++) {
		char probe[16];
		snprintf(probe, sizeof probe, "K%d", i); /* another copy of the text */
		entry *e = gp_strmap_get(&m, sizeof *e, probe);
		ck_assert_ptr_nonnull(e);
		ck_assert_int_eq(e->value, i);
		ck_assert_int_eq(e->tag, 'a' + i % 26);
	}
	ck_assert_ptr_null(gp_strmap_get(&m, sizeof(entry), "K5000"));
	ck_assert_ptr_null(gp_strmap_get(&m, sizeof(entry), "K"));
	ck_assert_ptr_null(gp_strmap_get(&m, sizeof(entry), ""));
	/* Adding a key again finds its entry, unchanged. */
	entry *again = gp_strmap_add(&m, sizeof *again, "K17", &added);
	ck_assert_int_eq(added, 0);
	ck_assert_int_eq(again->value, 17);
	ck_assert_ptr_eq(again->key, keys[17]);
	ck_assert_uint_eq(m.n, N);
	/* A walk over the slots meets every entry once. */
	size_t filled = 0;
	long sum = 0;
	for (size_t i = 0; i < m.cap; i++) {
		const entry *e = gp_strmap_slot(&m, sizeof *e, i);
		if (e->key) {
			filled++;
			sum += e->value;
		}
	}
	ck_assert_uint_eq(filled, N);
	ck_assert_int_eq(sum, (long)N * (N - 1) / 2);
	ck_assert_ptr_null(gp_strmap_add(&m, sizeof(entry), NULL, &added));
	gp_strmap_free(&m);
	ck_assert_uint_eq(m.n, 0);
	ck_assert_ptr_null(gp_strmap_get(&m, sizeof(entry), "K1"));
	free(keys);
}
END_TEST

START_TEST(test_util_strmap__reserve)
{
	gp_strmap m = {0};
	int added;
	ck_assert_int_eq(gp_strmap_reserve(&m, sizeof(entry), 100), 0);
	size_t cap = m.cap;
	static const char *const codes[] = {"alliance", "sanction", "war", "treaty", "rivalry"};
	for (int i = 0; i < 5; i++)
		ck_assert_ptr_nonnull(gp_strmap_add(&m, sizeof(entry), codes[i], &added));
	ck_assert_uint_eq(m.cap, cap);
	ck_assert_int_eq(gp_strmap_reserve(&m, sizeof(entry), (size_t)-1), -1);
	ck_assert_uint_eq(m.cap, cap); /* a refused reservation changes nothing */
	for (int i = 0; i < 5; i++)
		ck_assert_str_eq(((entry *)gp_strmap_get(&m, sizeof(entry), codes[i]))->key, codes[i]);
	gp_strmap_free(&m);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("util");
	TCase *grow = tcase_create("grow");
	tcase_add_test(grow, test_util_grow__capacities);
	tcase_add_test(grow, test_util_grow__appends_keep_contents);
	tcase_add_test(grow, test_util_grow__failure_leaves_array);
	suite_add_tcase(s, grow);
	TCase *maps = tcase_create("maps");
	tcase_add_test(maps, test_util_hash__values);
	tcase_add_test(maps, test_util_map__against_array);
	tcase_add_test(maps, test_util_map__reserve);
	tcase_add_test(maps, test_util_strmap__against_array);
	tcase_add_test(maps, test_util_strmap__reserve);
	suite_add_tcase(s, maps);
	return tu_run(s);
}
