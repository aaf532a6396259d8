/*
 * import.c - geopol_import(): one transaction around any number of files of
 * one format, all or nothing.
 */
#include "io/dataset_internal.h"

#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static const struct {
	const char *name;
	gp_importer_fn fn;
} importers[] = {
	{"json", gp_import_json_file},
	{"cow-states", gp_import_cow_states},
	{"cow-igo", gp_import_cow_igo},
	{"atop", gp_import_atop},
	{"cameo", gp_import_cameo},
	{"icews", gp_import_icews},
	{"gdelt", gp_import_gdelt},
};

/* Progress over all the files of one import: each importer reports its own
 * file's progress (bytes or records); it is scaled to that file's share of
 * the total size, so the caller sees one count that only goes up. */
typedef struct overall {
	const geopol_import_options *user;
	uint64_t before;   /* bytes of the files already imported */
	uint64_t size;     /* bytes of the file under way */
	uint64_t total;    /* bytes of all the files */
} overall;

static void overall_progress(void *ctx, uint64_t done, uint64_t total)
{
	overall *o = ctx;
	uint64_t part = total ? (uint64_t)((double)o->size * ((double)done / (double)total)) : 0;
	if (part > o->size)
		part = o->size;
	o->user->progress(o->user->ctx, o->before + part, o->total);
}

/* Both callbacks share one ctx: the skipped-row one gets the caller's back. */
static void overall_skipped(void *ctx, const char *message)
{
	overall *o = ctx;
	o->user->skipped(o->user->ctx, message);
}

static uint64_t file_size(const char *path)
{
	struct stat st;
	return stat(path, &st) == 0 && st.st_size > 0 ? (uint64_t)st.st_size : 0;
}

static int import_files(geopol_db *db, gp_importer_fn fn, const char *const *paths, size_t n_paths,
			const geopol_import_options *opts, geopol_import_stats *stats)
{
	overall o = {opts, 0, 0, 0};
	geopol_import_options scaled;
	if (opts && opts->progress) {
		for (size_t i = 0; i < n_paths; i++)
			o.total += file_size(paths[i]);
		scaled = *opts;
		scaled.progress = overall_progress;
		scaled.skipped = opts->skipped ? overall_skipped : NULL;
		scaled.ctx = &o;
		opts = &scaled;
	}
	int rc = GEOPOL_OK;
	for (size_t i = 0; !rc && i < n_paths; i++) {
		o.size = file_size(paths[i]);
		rc = fn(db, paths[i], opts, stats);
		o.before += o.size;
	}
	if (!rc && o.user && o.user->progress)
		o.user->progress(o.user->ctx, o.total, o.total);
	return rc;
}

/*
 * A large import into a small database loads in a bulk transaction of its
 * own (geopol_begin_bulk: the indexes of the questions dropped, then built
 * once, sorted, when it commits, rather than kept row by row): when no
 * transaction is open, the store has one, and the files are at least as
 * large as the database (the rebuild sorts what the database holds; the
 * rows of the files cost more each than a sorted index entry). A small
 * import into a large database keeps the indexes as the rows go.
 */
static int bulk_worth(geopol_db *db, const char *const *paths, size_t n_paths)
{
	if (db->txn_depth || db->read_only || !db->sql || !gp_store_of(db)->bulk)
		return 0;
	uint64_t bytes = 0;
	for (size_t i = 0; i < n_paths; i++)
		bytes += file_size(paths[i]);
	int64_t pages = 0, page_size = 0;
	if (gp_query_ints(db, "PRAGMA page_count", 0, &pages, 1) ||
	    gp_query_ints(db, "PRAGMA page_size", 0, &page_size, 1)) {
		gp_clear_error(db);
		return 0;
	}
	return bytes >= (uint64_t)pages * (uint64_t)page_size;
}

/* The end of an import's own bulk transaction: committed when the import
 * succeeded, else (or when the commit fails) rolled back, its error kept. */
static int end_bulk_import(geopol_db *db, int rc)
{
	if (!rc)
		rc = geopol_commit(db);
	if (rc) {
		char keep[GP_ERRMSG_SIZE];
		memcpy(keep, db->errmsg, sizeof keep);
		geopol_rollback(db);
		memcpy(db->errmsg, keep, sizeof keep);
	}
	return rc;
}

int geopol_import(geopol_db *db, const char *format, const char *const *paths, size_t n_paths,
		  const geopol_import_options *opts, geopol_import_stats *stats)
{
	/* The counts are made in `all` and copied out: a caller of options
	 * version 1 has the stats struct of that version, which ends before
	 * `reused`, and only that much is written. */
	geopol_import_stats all;
	geopol_import_options v2 = GEOPOL_IMPORT_OPTIONS_INIT;
	size_t out_size = opts && opts->version == 1 ? offsetof(geopol_import_stats, reused)
						     : sizeof all;
	memset(&all, 0, sizeof all);
	if (stats)
		memset(stats, 0, out_size);
	if (!db)
		return GEOPOL_EMISUSE;
	gp_clear_error(db);
	if (gp_check_version(db, "geopol_import_options", opts, GEOPOL_IMPORT_OPTIONS_VERSION))
		return GEOPOL_EMISUSE;
	if (opts && opts->version == 1) {
		/* A version 1 struct ends before `release`. */
		v2.skip_bad_rows = opts->skip_bad_rows;
		v2.progress = opts->progress;
		v2.skipped = opts->skipped;
		v2.ctx = opts->ctx;
		opts = &v2;
	}
	if (n_paths && !paths)
		return gp_error(db, GEOPOL_EMISUSE, "no paths given (NULL) for %zu files", n_paths);
	for (size_t i = 0; i < n_paths; i++)
		if (!paths[i])
			return gp_error(db, GEOPOL_EMISUSE, "paths[%zu] is NULL", i);
	gp_importer_fn fn = NULL;
	for (size_t i = 0; i < sizeof importers / sizeof importers[0]; i++)
		if (format && strcmp(format, importers[i].name) == 0)
			fn = importers[i].fn;
	if (!fn)
		return gp_error(db, GEOPOL_EINVAL, "unknown import format '%s'", gp_short(format));
	int release = opts && opts->release, rc_bulk;
	if (release && strcmp(format, "json") == 0)
		return gp_error(db, GEOPOL_EINVAL, "--release is for the datasets' formats, not json");
	if (release && strcmp(format, "cameo") == 0)
		return gp_error(db, GEOPOL_EINVAL, "--release: the CAMEO tables are updated in place; "
				"import them without it");
	int bulk = bulk_worth(db, paths, n_paths);
	if (bulk && (rc_bulk = geopol_begin_bulk(db)))
		return rc_bulk;
	if (!db->txn_depth)
		gp_bulk_cache(db, 1);
	int rc = gp_savepoint(db);
	if (!rc && release)
		rc = gp_release_begin(db);
	if (!rc)
		rc = import_files(db, fn, paths, n_paths, opts, &all);
	if (!rc && release)
		rc = gp_release_end(db, &all);
	db->release = 0;
	rc = gp_release(db, rc);
	if (bulk)
		rc = end_bulk_import(db, rc);
	if (rc) {
		/* All or nothing: the counts describe what was not kept. */
		all.added = all.corrected = all.retracted = all.reused = 0;
	}
	if (!db->txn_depth)
		gp_bulk_cache(db, 0);
	if (stats)
		memcpy(stats, &all, out_size);
	return rc;
}

int geopol_import_json_text(geopol_db *db, const char *text, size_t len, const char *name,
			    geopol_import_stats *stats)
{
	geopol_import_stats local;
	if (!db)
		return GEOPOL_EMISUSE;
	if (!text)
		return gp_error(db, GEOPOL_EMISUSE, "no text given (NULL)");
	if (!stats)
		stats = &local;
	memset(stats, 0, sizeof *stats);
	int rc = gp_savepoint(db);
	if (!rc)
		rc = gp_import_json_text(db, text, len, name ? name : "<text>", NULL, stats);
	if (rc)
		stats->added = 0; /* all or nothing, as geopol_import */
	return gp_release(db, rc);
}
