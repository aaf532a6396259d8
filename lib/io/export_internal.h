/* export_internal.h - the output stream the exports write to, the JSON row
 * writer they share, and the snapshot iterator they read. */
#ifndef GEOPOL_EXPORT_INTERNAL_H
#define GEOPOL_EXPORT_INTERNAL_H

#include "core/geopol_internal.h"

#include <string.h>

/* Bytes gathered before each call of the caller's write function: one call
 * per GP_OUT_BUFSIZE, not one per item or per string. */
#define GP_OUT_BUFSIZE (64 * 1024)

typedef struct gp_out {
	geopol_write_fn write;
	void *ctx;
	int failed;      /* the writer refused: stop with GEOPOL_EIO */
	char *buf;       /* GP_OUT_BUFSIZE bytes */
	size_t len;      /* bytes in buf not yet written */
} gp_out;

/* Writes go to the buffer, which goes to the writer when full. Once the
 * writer has refused, the bytes are dropped and o->failed stays set: the
 * formats test it once per item, geopol_export() at the end. */
int gp_out_printf(gp_out *o, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Hand the buffered bytes to the writer. */
int gp_out_flush(gp_out *o);
/* A signed integer in decimal. */
int gp_out_i64(gp_out *o, int64_t v);
/* The slow paths of the inline functions below. */
int gp_out_write_full(gp_out *o, const char *s, size_t n);
char *gp_out_room_full(gp_out *o, size_t n);

static inline int gp_out_write(gp_out *o, const char *s, size_t n)
{
	if (GP_OUT_BUFSIZE - o->len < n)
		return gp_out_write_full(o, s, n);
	memcpy(o->buf + o->len, s, n);
	o->len += n;
	return GEOPOL_OK;
}

static inline int gp_out_byte(gp_out *o, char c)
{
	return gp_out_write(o, &c, 1);
}

static inline int gp_out_str(gp_out *o, const char *s)
{
	return gp_out_write(o, s, strlen(s));
}

/* A literal: the length is known at compile time, so is the copy. */
#define GP_OUT_LIT(o, lit) gp_out_write((o), "" lit, sizeof(lit) - 1)

/* Writing in place: gp_out_room() makes room for n bytes (n at most
 * GP_OUT_BUFSIZE; the buffer goes to the writer first when it has less) and
 * returns where they go; the gp_put* helpers write there and return the end;
 * gp_out_end() takes the end back. One bound check for several small
 * writes, and no call for a copy whose length is a constant:
 *
 *	char *p = gp_out_room(o, 16 + 6 * n);
 *	p = GP_PUT_LIT(p, "<x a=\"");
 *	...
 *	gp_out_end(o, p);
 */
static inline char *gp_out_room(gp_out *o, size_t n)
{
	return GP_OUT_BUFSIZE - o->len < n ? gp_out_room_full(o, n) : o->buf + o->len;
}

static inline void gp_out_end(gp_out *o, char *end)
{
	o->len = (size_t)(end - o->buf);
}

static inline char *gp_put(char *p, const char *s, size_t n)
{
	memcpy(p, s, n);
	return p + n;
}

#define GP_PUT_LIT(p, lit) gp_put((p), "" lit, sizeof(lit) - 1)

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

/* ---- the snapshot iterator (snapshot.c) */
/* Everything that holds somewhere in the days [dlo, dhi]: entities (by
 * code), then memberships and relations (each by row id). with_certainty:
 * certainty is computed against the span (an "at D" snapshot); 0: every
 * row reads as definite (span exports). The iterator streams its items'
 * citations by a merge join (geopol_iter_citations costs no query). */
int gp_snapshot_span(geopol_iter **out, geopol_db *db, int64_t dlo, int64_t dhi,
		     int with_certainty, const geopol_query *q);
/* Its SQL, for tests/check_snapshot.c's plan checks. */
extern const char gp_snapshot_sql_nodes[];
extern const char gp_snapshot_sql_memberships[];
extern const char gp_snapshot_sql_relations[];
extern const char gp_snapshot_sql_cite_memberships[];
extern const char gp_snapshot_sql_cite_relations[];
extern const char gp_snapshot_sql_blocks[];   /* a table's packed blocks (pack.c) */

typedef int (*gp_exporter_fn)(geopol_db *db, const geopol_export_options *opts,
			      const geopol_query *q, gp_out *out);

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
