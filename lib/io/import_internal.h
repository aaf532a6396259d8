/*
 * import_internal.h - what the importers share. Each importer reads one file
 * inside the transaction geopol_import() holds, adds through the gp_*_add
 * functions, counts into stats, and on error leaves a message naming the
 * file, the record or line, and the field or column.
 */
#ifndef GEOPOL_IMPORT_INTERNAL_H
#define GEOPOL_IMPORT_INTERNAL_H

#include "core/geopol_internal.h"

typedef int (*gp_importer_fn)(geopol_db *db, const char *path,
			      const geopol_import_options *opts, geopol_import_stats *stats);

int gp_import_json_text(geopol_db *db, const char *text, size_t len, const char *name,
			const geopol_import_options *opts, geopol_import_stats *stats);
int gp_import_json_file(geopol_db *db, const char *path, const geopol_import_options *opts,
			geopol_import_stats *stats);

/* The dataset importers (import_<name>.c). */
int gp_import_cow_states(geopol_db *db, const char *path, const geopol_import_options *opts,
			 geopol_import_stats *stats);
int gp_import_cow_igo(geopol_db *db, const char *path, const geopol_import_options *opts,
		      geopol_import_stats *stats);
int gp_import_atop(geopol_db *db, const char *path, const geopol_import_options *opts,
		   geopol_import_stats *stats);
int gp_import_cameo(geopol_db *db, const char *path, const geopol_import_options *opts,
		    geopol_import_stats *stats);
int gp_import_icews(geopol_db *db, const char *path, const geopol_import_options *opts,
		    geopol_import_stats *stats);
int gp_import_gdelt(geopol_db *db, const char *path, const geopol_import_options *opts,
		    geopol_import_stats *stats);

#endif
