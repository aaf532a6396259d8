/*
 * hooks.c - the functions a handle calls at its commits and at its close
 * (geopol_internal.h): how the data kept beside the tables (the packed
 * blocks, the in-memory index) follows the store without the store
 * calling up into it.
 */
#include "core/geopol_internal.h"

static int hook_add(geopol_db *db, int kind, gp_hook_fn fn, void *ctx)
{
	for (int i = 0; i < db->n_hooks; i++) {
		if (db->hooks[i].kind == kind && db->hooks[i].fn == fn) {
			db->hooks[i].ctx = ctx;
			return GEOPOL_OK;
		}
	}
	if (db->n_hooks == GP_HOOKS_MAX)
		return gp_error(db, GEOPOL_EINTERNAL, "too many hooks (raise GP_HOOKS_MAX)");
	db->hooks[db->n_hooks++] = (gp_hook){kind, fn, ctx};
	return GEOPOL_OK;
}

int gp_on_commit(geopol_db *db, gp_hook_fn fn, void *ctx)
{
	return hook_add(db, GP_HOOK_COMMIT, fn, ctx);
}

int gp_on_close(geopol_db *db, gp_hook_fn fn, void *ctx)
{
	return hook_add(db, GP_HOOK_CLOSE, fn, ctx);
}

void *gp_hook_ctx(const geopol_db *db, gp_hook_fn fn)
{
	for (int i = 0; i < db->n_hooks; i++)
		if (db->hooks[i].fn == fn)
			return db->hooks[i].ctx;
	return NULL;
}

void gp_hooks_commit(geopol_db *db)
{
	for (int i = 0; i < db->n_hooks; i++)
		if (db->hooks[i].kind == GP_HOOK_COMMIT)
			db->hooks[i].fn(db, db->hooks[i].ctx);
}

void gp_hooks_close(geopol_db *db)
{
	for (int i = db->n_hooks; i-- > 0;)
		if (db->hooks[i].kind == GP_HOOK_CLOSE)
			db->hooks[i].fn(db, db->hooks[i].ctx);
	db->n_hooks = 0;
}
