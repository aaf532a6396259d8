/*
 * bench_resolve.c - name lookup over 100,000 names (issue 3: median under
 * 50 µs).
 *
 * Builds a temporary database of 100,000 deterministic pseudo-random names
 * (Latin, Cyrillic and Arabic syllables, one to three words, on 50,000
 * entities), then times 10,000 geopol_resolve() calls on names as stored
 * ("exact") and 10,000 on names with one random typo ("typo"), each call
 * reading every candidate. The baseline, in the same run and on the same
 * file, is bare SQLite doing the indexed exact-key lookup the library
 * starts with. Prints one line per figure:
 *
 *   resolve_build_names <seconds> s <names per second>
 *   sqlite_exact_key_median <µs> us 1.00x
 *   resolve_exact_median <µs> us <ratio to the baseline>x
 *   resolve_typo_median <µs> us <ratio>x
 *   resolve_typo_edge_median <µs> us <ratio>x   (the typo at the first
 *                            letter or in the last two)
 *   resolve_typo_recall, resolve_typo_edge_recall <%> %
 */
#include "core/geopol_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#define N_ENTITIES 50000
#define N_NAMES 100000
#define N_LOOKUPS 10000

static uint64_t rng_state = 0x9E3779B97F4A7C15u;

/* xorshift64*: deterministic across runs and platforms */
static uint32_t rnd(uint32_t n)
{
	rng_state ^= rng_state >> 12;
	rng_state ^= rng_state << 25;
	rng_state ^= rng_state >> 27;
	return (uint32_t)((rng_state * 0x2545F4914F6CDD1Du) >> 32) % n;
}

static const char *const latin[] = {
	"ka", "za", "kh", "stan", "ri", "mo", "lu", "ta", "ne", "go", "bi", "sa", "ur",
	"al", "en", "dor", "vi", "ja", "pe", "ru", "so", "mi", "ba", "ly", "tor", "qa",
	"zh", "os", "il", "an", "ver", "kes", "tu", "na", "ho", "ge", "ya", "li", "ma",
};
static const char *const cyrillic[] = {
	"ка", "за", "хс", "тан", "ри", "мо", "лу", "та", "не", "го", "би", "са", "қа",
	"ал", "ен", "дор", "ви", "жа", "пе", "ру", "со", "ми", "ба", "ұр", "тор", "өз",
};
static const char *const arabic[] = {
	"كا", "زا", "خس", "تان", "ري", "مو", "لو", "طا", "ني", "غو", "بي", "سا", "قا",
	"ال", "ين", "دور", "في", "جا", "بي", "رو", "صو", "مي", "با", "ور", "تور", "عز",
};

/* A random name of one to three words of two to four syllables. */
static void make_name(char *buf, size_t size)
{
	const char *const *syl;
	size_t nsyl;
	uint32_t script = rnd(8);
	size_t o = 0;
	if (script < 5) {
		syl = latin;
		nsyl = sizeof latin / sizeof latin[0];
	} else if (script < 7) {
		syl = cyrillic;
		nsyl = sizeof cyrillic / sizeof cyrillic[0];
	} else {
		syl = arabic;
		nsyl = sizeof arabic / sizeof arabic[0];
	}
	uint32_t words = 1 + rnd(3);
	for (uint32_t w = 0; w < words; w++) {
		uint32_t k = 2 + rnd(3);
		if (w > 0)
			buf[o++] = ' ';
		for (uint32_t i = 0; i < k && o + 8 < size; i++) {
			const char *s = syl[rnd((uint32_t)nsyl)];
			memcpy(buf + o, s, strlen(s));
			o += strlen(s);
		}
	}
	buf[o] = '\0';
	if (script < 5)
		buf[0] = (char)(buf[0] - 'a' + 'A'); /* capitalised, as typed */
}

/* One random edit of a UTF-8 string, on code point boundaries: delete,
 * duplicate, swap two neighbours, or replace a letter by 'e'; inside the
 * name, or (edge) at its first or last letter. */
static void make_typo(const char *in, char *out, int edge)
{
	size_t starts[257], n = 0, len = strlen(in);
	for (size_t i = 0; i < len && n < 256; i++)
		if (((unsigned char)in[i] & 0xC0) != 0x80)
			starts[n++] = i;
	starts[n] = len;
	if (n < 4) {
		strcpy(out, in);
		return;
	}
	size_t p = 1 + rnd((uint32_t)(n - 2)); /* not the first or last letter */
	if (edge)
		p = rnd(2) ? 0 : n - 2; /* the first letter, or the last two */
	size_t a = starts[p], b = starts[p + 1], c = starts[p + 2 <= n ? p + 2 : n];
	switch (rnd(4)) {
	case 0: /* delete */
		memcpy(out, in, a);
		strcpy(out + a, in + b);
		break;
	case 1: /* duplicate */
		memcpy(out, in, b);
		strcpy(out + b, in + a);
		break;
	case 2: /* swap with the next */
		memcpy(out, in, a);
		memcpy(out + a, in + b, c - b);
		memcpy(out + a + (c - b), in + a, b - a);
		strcpy(out + c, in + c);
		break;
	default: /* substitute */
		memcpy(out, in, a);
		out[a] = 'e';
		strcpy(out + a + 1, in + b);
		break;
	}
}

static double now_us(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e6 + (double)ts.tv_nsec / 1e3;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return (x > y) - (x < y);
}

static double median(double *v, size_t n)
{
	qsort(v, n, sizeof *v, cmp_double);
	return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

static void die(geopol_db *db, const char *what, int rc)
{
	fprintf(stderr, "bench_resolve: %s: %s (%d)\n", what, db ? geopol_errmsg(db) : "", rc);
	exit(1);
}

/* Time one resolve, reading every candidate; returns µs. */
static double time_resolve(geopol_db *db, const char *text, int *found)
{
	geopol_iter *it = NULL;
	const geopol_item *item;
	double t0 = now_us();
	int rc = geopol_resolve(&it, db, text, 10, NULL);
	if (rc)
		die(db, text, rc);
	while (geopol_iter_next(it, &item) == GEOPOL_OK)
		(*found)++;
	geopol_iter_free(it);
	return now_us() - t0;
}

int main(void)
{
	char path[] = "/tmp/geopol-bench-resolve-XXXXXX";
	int fd = mkstemp(path);
	geopol_db *db = NULL;
	char (*names)[160] = malloc(sizeof(*names) * N_NAMES);
	char (*typos)[160] = malloc(sizeof(*typos) * N_LOOKUPS);
	char (*edges)[160] = malloc(sizeof(*edges) * N_LOOKUPS);
	char **keys = calloc(N_LOOKUPS, sizeof *keys);
	double *t = malloc(sizeof *t * N_LOOKUPS);
	uint32_t *pick = malloc(sizeof *pick * N_LOOKUPS);
	int rc, found = 0;

	if (fd < 0 || !names || !typos || !edges || !keys || !t || !pick) {
		fprintf(stderr, "bench_resolve: out of memory or no temp file\n");
		return 1;
	}
	close(fd);
	unlink(path); /* geopol_open creates it anew */

	if ((rc = geopol_open(&db, path, NULL)))
		die(db, "open", rc);

	/* ---- build */
	double t0 = now_us();
	if ((rc = geopol_begin(db)))
		die(db, "begin", rc);
	for (int e = 0; e < N_ENTITIES; e++) {
		char code[16];
		geopol_entity_spec es = GEOPOL_ENTITY_SPEC_INIT;
		snprintf(code, sizeof code, "B%05d", e);
		es.code = code;
		es.kind = 1 + e % 4;
		if ((rc = geopol_entity_add(db, &es)))
			die(db, "entity", rc);
		for (int k = 0; k < N_NAMES / N_ENTITIES; k++) {
			int i = e * (N_NAMES / N_ENTITIES) + k;
			geopol_name_spec ns = GEOPOL_NAME_SPEC_INIT;
			make_name(names[i], sizeof names[i]);
			ns.entity = code;
			ns.text = names[i];
			ns.lang = k == 0 ? "en" : "ru";
			ns.kind = k == 0 ? GEOPOL_NAME_OFFICIAL : GEOPOL_NAME_ALIAS;
			if ((rc = geopol_name_add(db, &ns, NULL)))
				die(db, "name", rc);
		}
	}
	if ((rc = geopol_commit(db)))
		die(db, "commit", rc);
	double build = (now_us() - t0) / 1e6;
	printf("resolve_build_names %.2f s %.0f\n", build, N_NAMES / build);

	for (int i = 0; i < N_LOOKUPS; i++) {
		pick[i] = rnd(N_NAMES);
		make_typo(names[pick[i]], typos[i], 0);
		if (gp_normalize(names[pick[i]], strlen(names[pick[i]]), &keys[i]))
			die(NULL, "normalize", 0);
	}

	/* after the others, so that their draws stay those of earlier runs */
	for (int i = 0; i < N_LOOKUPS; i++)
		make_typo(names[pick[i]], edges[i], 1);

	/* ---- baseline: bare SQLite, indexed exact key, on the same file */
	sqlite3 *raw = NULL;
	sqlite3_stmt *st = NULL;
	if (sqlite3_open_v2(path, &raw, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(raw, "SELECT id, entity_id FROM name WHERE key = ?1", -1, &st,
			       NULL) != SQLITE_OK) {
		fprintf(stderr, "bench_resolve: baseline: %s\n", sqlite3_errmsg(raw));
		return 1;
	}
	int64_t sink = 0;
	for (int i = 0; i < N_LOOKUPS; i++) {
		double t1 = now_us();
		sqlite3_bind_text(st, 1, keys[i], -1, SQLITE_STATIC);
		while (sqlite3_step(st) == SQLITE_ROW)
			sink += sqlite3_column_int64(st, 1);
		sqlite3_reset(st);
		t[i] = now_us() - t1;
	}
	double base = median(t, N_LOOKUPS);
	sqlite3_finalize(st);
	sqlite3_close(raw);
	if (sink == 0)
		fprintf(stderr, "bench_resolve: the baseline found nothing\n");
	printf("sqlite_exact_key_median %.2f us 1.00x\n", base);

	/* ---- geopol_resolve, exact and with a typo */
	for (int i = 0; i < 200; i++) /* warm the statement cache */
		time_resolve(db, names[pick[i]], &found);
	found = 0;
	for (int i = 0; i < N_LOOKUPS; i++)
		t[i] = time_resolve(db, names[pick[i]], &found);
	double exact = median(t, N_LOOKUPS);
	printf("resolve_exact_median %.2f us %.2fx\n", exact, exact / base);

	int typo_found = 0;
	for (int i = 0; i < N_LOOKUPS; i++)
		t[i] = time_resolve(db, typos[i], &typo_found);
	double typo = median(t, N_LOOKUPS);
	printf("resolve_typo_median %.2f us %.2fx\n", typo, typo / base);

	for (int i = 0; i < N_LOOKUPS; i++)
		t[i] = time_resolve(db, edges[i], &typo_found);
	double edge = median(t, N_LOOKUPS);
	printf("resolve_typo_edge_median %.2f us %.2fx\n", edge, edge / base);

	/* Recall of the typo lookups: the intended entity among the candidates. */
	for (int e = 0; e < 2; e++) {
		int hit = 0;
		for (int i = 0; i < 1000; i++) {
			geopol_iter *it = NULL;
			const geopol_item *item;
			char want[16];
			snprintf(want, sizeof want, "B%05u", pick[i] / (N_NAMES / N_ENTITIES));
			if (geopol_resolve(&it, db, e ? edges[i] : typos[i], 10, NULL) == GEOPOL_OK) {
				while (geopol_iter_next(it, &item) == GEOPOL_OK)
					if (!strcmp(item->candidate->code, want)) {
						hit++;
						break;
					}
			}
			geopol_iter_free(it);
		}
		printf("%s %.1f %%\n", e ? "resolve_typo_edge_recall" : "resolve_typo_recall",
		       hit / 10.0);
	}

	geopol_close(db);
	for (int i = 0; i < N_LOOKUPS; i++)
		geopol_free(keys[i]);
	free(keys);
	free(names);
	free(typos);
	free(edges);
	free(t);
	free(pick);
	unlink(path);
	{
		/* the WAL and shared-memory files of the temp database */
		char side[sizeof path + 8];
		snprintf(side, sizeof side, "%s-wal", path);
		unlink(side);
		snprintf(side, sizeof side, "%s-shm", path);
		unlink(side);
	}
	return 0;
}
