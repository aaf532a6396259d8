/*
 * extensions.c - what a new handle keeps beside the tables, attached by
 * geopol_open() before it migrates: each registers its own hooks
 * (gp_on_commit, gp_on_close), so that db.c never names them. The packed
 * blocks listen from the start, since a migration at open packs; the
 * in-memory index registers itself when first asked (memindex.c).
 */
#include "core/geopol_internal.h"
#include "store/pack_internal.h"

int gp_extensions_attach(geopol_db *db)
{
	return gp_pack_attach(db);
}
