/* fuzz_common.c - the built-in dataset in memory, and small helpers. */
#include "fuzz_common.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void fz_fail(const char *what, const char *detail)
{
	fprintf(stderr, "geopol fuzz: %s: %s\n", what, detail ? detail : "");
	abort();
}

static int by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

geopol_db *fz_world(void)
{
	static geopol_db *db;
	if (db)
		return db;
	if (geopol_open(&db, ":memory:", NULL) != GEOPOL_OK)
		fz_fail("open", geopol_errmsg(db));
	const char *dir = GEOPOL_SOURCE_DIR "/data";
	DIR *d = opendir(dir);
	if (!d)
		fz_fail("no dataset folder", dir);
	char *paths[64];
	size_t n = 0;
	struct dirent *e;
	while ((e = readdir(d)) && n < 64) {
		size_t len = strlen(e->d_name);
		if (len < 5 || strcmp(e->d_name + len - 5, ".json") != 0)
			continue;
		paths[n] = malloc(strlen(dir) + len + 2);
		sprintf(paths[n++], "%s/%s", dir, e->d_name);
	}
	closedir(d);
	qsort(paths, n, sizeof paths[0], by_name);
	if (geopol_import(db, "json", (const char *const *)paths, n, NULL, NULL) != GEOPOL_OK)
		fz_fail("importing the built-in dataset", geopol_errmsg(db));
	for (size_t i = 0; i < n; i++)
		free(paths[i]);
	return db;
}

char *fz_exact(const uint8_t *data, size_t size)
{
	char *p = malloc(size ? size : 1);
	if (!p)
		abort();
	if (size)
		memcpy(p, data, size);
	return p;
}

char *fz_string(const uint8_t *data, size_t size)
{
	char *p = malloc(size + 1);
	if (!p)
		abort();
	if (size)
		memcpy(p, data, size);
	p[size] = '\0';
	return p;
}
