/* export_internal.h - the JSON row writer the exports share, the snapshot
 * iterator they read, and the exporters. (Their output stream: out.h.) */
#ifndef GEOPOL_EXPORT_INTERNAL_H
#define GEOPOL_EXPORT_INTERNAL_H

#include "core/geopol_internal.h"
#include "io/out.h"
#include "query/snapshot_internal.h"

/* ---- the JSON rows (json_item.c) */
/* The item as one JSON object, the one writer of JSON rows (the exports;
 * geopol_iter_json() with !with_kind and with_sources, into memory): a
 * leading "record" key when with_kind, no "sources" when !with_sources;
 * written straight to the stream, no tree, no allocation per item.
 * Citations come from geopol_iter_citations(). */
int gp_item_json_write(gp_out *o, geopol_iter *it, const geopol_item *item, int with_kind,
		       int with_sources);
/* A JSON string (cJSON's escaping) or null for NULL. */
void gp_json_string(gp_out *o, const char *s);
/* A date at its precision into buf (GEOPOL_DATE_BUFSIZE bytes), the same
 * text as geopol_date_format(); returns its length, 0 for no date. */
int gp_date_text(geopol_date d, char *buf);
/* The same text written at p (GP_DATE_MAXLEN bytes at most); returns its
 * end, p for no date. */
char *gp_put_date(char *p, geopol_date d);
#define GP_DATE_MAXLEN (GEOPOL_DATE_BUFSIZE - 1)

typedef int (*gp_exporter_fn)(geopol_db *db, const geopol_export_options *opts,
			      const geopol_query *q, gp_out *out);

/* ---- the options (export_focus.c) */
/* The snapshot date of the options (today when absent). */
geopol_date gp_export_at(const geopol_export_options *opts);
/* Whether the options ask for a span (from/to) rather than a date. */
int gp_export_is_span(const geopol_export_options *opts);
/* Whether they keep part of the graph only (around, kinds, orgs, types). */
int gp_export_has_focus(const geopol_export_options *opts);

/* ---- the items an export writes (export_focus.c): the snapshot at
 * opts->at, or everything that held in the span with its interval clipped
 * to it; only what the focus keeps. Nodes first, then edges. */
typedef struct gp_items {
	geopol_iter *it;          /* the current item's citations: geopol_iter_citations(it) */
	const geopol_export_options *opts;
	struct gp_focus *focus;   /* NULL: everything */
} gp_items;

int gp_items_open(gp_items *s, geopol_db *db, const geopol_export_options *opts,
		  const geopol_query *q);
/* GEOPOL_OK with *item, GEOPOL_ITEROVER, or an error. */
int gp_items_next(gp_items *s, const geopol_item **item);
void gp_items_close(gp_items *s);

int gp_export_json(geopol_db *db, const geopol_export_options *opts, const geopol_query *q, gp_out *out);
int gp_export_ndjson(geopol_db *db, const geopol_export_options *opts, const geopol_query *q, gp_out *out);
/* export_graph.c */
int gp_export_csv(geopol_db *db, const geopol_export_options *opts, const geopol_query *q, gp_out *out);
int gp_export_graphml(geopol_db *db, const geopol_export_options *opts, const geopol_query *q, gp_out *out);
int gp_export_gexf(geopol_db *db, const geopol_export_options *opts, const geopol_query *q, gp_out *out);
int gp_export_dot(geopol_db *db, const geopol_export_options *opts, const geopol_query *q, gp_out *out);
/* export_picture.c: the DOT of a picture, laid out by Graphviz */
int gp_export_svg(geopol_db *db, const geopol_export_options *opts, const geopol_query *q, gp_out *out);
int gp_export_png(geopol_db *db, const geopol_export_options *opts, const geopol_query *q, gp_out *out);
/* export_html.c: viewer/viewer.html and cytoscape.js, embedded at build
 * time (cmake/embed_viewer.cmake); gp_viewer_lib is "" when npm could not
 * fetch it. */
extern const char gp_viewer_template[];
extern const char gp_viewer_lib[];
int gp_export_html(geopol_db *db, const geopol_export_options *opts, const geopol_query *q, gp_out *out);

#endif
