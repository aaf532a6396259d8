/*
 * export.c - exports of the graph at a date: the dispatcher and the JSON
 * formats (one document; NDJSON, one object a line).
 * Every export streams from a snapshot iterator: memory does not grow with
 * the graph. Output is gathered in a 64 kB buffer and handed to the
 * caller's write function when full, not string by string.
 */
#include "io/export_internal.h"

#include <assert.h>
#include <errno.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* Write each snapshot item as a JSON object; `sep` goes between them and
 * `before_edges` once where the nodes end. */
static int snapshot_objects(geopol_db *db, const geopol_export_options *opts, const geopol_query *q,
			    gp_out *out, const char *sep, const char *before_edges, int with_kind)
{
	gp_items items;
	int rc = gp_items_open(&items, db, opts, q);
	if (rc)
		return rc;
	const geopol_item *item;
	int first = 1, in_edges = 0;
	while ((rc = gp_items_next(&items, &item)) == GEOPOL_OK) {
		if (!in_edges && item->kind != GEOPOL_ITEM_ENTITY) {
			in_edges = 1;
			first = 1;
			if (before_edges && (rc = gp_out_str(out, before_edges)))
				break;
		}
		if (!first && sep && (rc = gp_out_str(out, sep)))
			break;
		if ((rc = gp_item_json_write(out, items.it, item, with_kind, opts->with_sources)))
			break;
		if (!sep && (rc = gp_out_byte(out, '\n')))
			break;
		first = 0;
	}
	gp_items_close(&items);
	if (rc == GEOPOL_ITEROVER)
		rc = in_edges || !before_edges ? GEOPOL_OK : gp_out_str(out, before_edges);
	return rc;
}

int gp_export_json(geopol_db *db, const geopol_export_options *opts, const geopol_query *q, gp_out *out)
{
	char a[GEOPOL_DATE_BUFSIZE], b[GEOPOL_DATE_BUFSIZE];
	int rc;
	if (gp_export_is_span(opts)) {
		gp_date_text(opts->from, a);
		gp_date_text(opts->to, b);
		rc = gp_out_printf(out, "{\"format\":\"geopol-snapshot\",\"from\":\"%s\",\"to\":\"%s\","
				   "\"nodes\":[", a, b);
	} else {
		gp_date_text(gp_export_at(opts), a);
		rc = gp_out_printf(out, "{\"format\":\"geopol-snapshot\",\"at\":\"%s\",\"nodes\":[", a);
	}
	if (!rc)
		rc = snapshot_objects(db, opts, q, out, ",", "],\"edges\":[", 1);
	if (!rc)
		rc = gp_out_str(out, "]}\n");
	return rc;
}

int gp_export_ndjson(geopol_db *db, const geopol_export_options *opts, const geopol_query *q, gp_out *out)
{
	return snapshot_objects(db, opts, q, out, NULL, NULL, 1);
}

static const struct {
	int format;
	const char *name;
	gp_exporter_fn fn;
} exporters[] = {
	{GEOPOL_FORMAT_JSON, "json", gp_export_json},
	{GEOPOL_FORMAT_NDJSON, "ndjson", gp_export_ndjson},
	{GEOPOL_FORMAT_CSV, "csv", gp_export_csv},
	{GEOPOL_FORMAT_GRAPHML, "graphml", gp_export_graphml},
	{GEOPOL_FORMAT_GEXF, "gexf", gp_export_gexf},
	{GEOPOL_FORMAT_DOT, "dot", gp_export_dot},
	{GEOPOL_FORMAT_SVG, "svg", gp_export_svg},
	{GEOPOL_FORMAT_PNG, "png", gp_export_png},
	{GEOPOL_FORMAT_HTML, "html", gp_export_html},
};
#define N_EXPORTERS (sizeof exporters / sizeof exporters[0])

int geopol_format_parse(const char *name)
{
	for (size_t i = 0; name && i < N_EXPORTERS; i++)
		if (strcmp(name, exporters[i].name) == 0)
			return exporters[i].format;
	return 0;
}

/* The options at the current version: an older struct is copied as far as
 * it goes, the rest keeps its defaults. */
static int options_of(geopol_db *db, const geopol_export_options *opts, geopol_export_options *o)
{
	static const size_t sizes[] = {0, offsetof(geopol_export_options, around),
				       sizeof(geopol_export_options)};
	geopol_export_options dflt = GEOPOL_EXPORT_OPTIONS_INIT;
	*o = dflt;
	if (!opts)
		return GEOPOL_OK;
	if (gp_check_version(db, "geopol_export_options", opts, GEOPOL_EXPORT_OPTIONS_VERSION))
		return GEOPOL_EMISUSE;
	memcpy(o, opts, sizes[opts->version]);
	o->version = GEOPOL_EXPORT_OPTIONS_VERSION;
	if (o->gexf_version && o->gexf_version != 12 && o->gexf_version != 13)
		return gp_error(db, GEOPOL_EINVAL, "export: GEXF version %d (12 or 13)",
				o->gexf_version);
	return GEOPOL_OK;
}

int geopol_export(geopol_db *db, const geopol_export_options *opts, const geopol_query *q,
		  geopol_write_fn write, void *ctx)
{
	if (!db)
		return GEOPOL_EMISUSE;
	gp_clear_error(db);
	if (!write)
		return gp_error(db, GEOPOL_EMISUSE, "export: no write function given (NULL)");
	geopol_export_options o;
	int rc = options_of(db, opts, &o);
	if (rc)
		return rc;
	for (size_t i = 0; i < N_EXPORTERS; i++) {
		if (exporters[i].format != o.format)
			continue;
		gp_out out = {write, ctx, 0, malloc(GP_OUT_BUFSIZE), 0};
		if (!out.buf)
			return gp_oom(db);
		rc = exporters[i].fn(db, &o, q, &out);
		if (!rc)
			rc = gp_out_flush(&out);
		free(out.buf);
		if (rc == GEOPOL_EIO && out.failed)
			gp_error(db, GEOPOL_EIO, "export: the output refused the data");
		return rc;
	}
	return gp_error(db, GEOPOL_EINVAL, "export: unknown format %d", o.format);
}

static int file_write(void *ctx, const char *data, size_t len)
{
	return fwrite(data, 1, len, ctx) == len ? 0 : -1;
}

int geopol_export_file(geopol_db *db, const geopol_export_options *opts, const geopol_query *q,
		       const char *path)
{
	if (!db)
		return GEOPOL_EMISUSE;
	if (!path)
		return gp_error(db, GEOPOL_EMISUSE, "export: no path given (NULL)");
	if (gp_check_version(db, "geopol_export_options", opts, GEOPOL_EXPORT_OPTIONS_VERSION))
		return GEOPOL_EMISUSE;
	/* Write beside the target, then rename: the file appears whole or not at all. */
	size_t n = strlen(path) + 16;
	char *tmp = malloc(n);
	if (!tmp)
		return gp_oom(db);
	snprintf(tmp, n, "%s.tmp%ld", path, (long)getpid());
	FILE *f = fopen(tmp, "wb");
	if (!f) {
		int rc = gp_error(db, GEOPOL_EIO, "%s: cannot write: %s", path, strerror(errno));
		free(tmp);
		return rc;
	}
	int rc = geopol_export(db, opts, q, file_write, f);
	if (fclose(f) != 0 && !rc)
		rc = gp_error(db, GEOPOL_EIO, "%s: cannot write: %s", path, strerror(errno));
	if (!rc && rename(tmp, path) != 0)
		rc = gp_error(db, GEOPOL_EIO, "%s: cannot write: %s", path, strerror(errno));
	if (rc)
		remove(tmp);
	free(tmp);
	return rc;
}
