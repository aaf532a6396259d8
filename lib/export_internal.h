/* export_internal.h - the output stream the exports write to, the JSON row
 * writer they share, and the snapshot iterator they read. */
#ifndef GEOPOL_EXPORT_INTERNAL_H
#define GEOPOL_EXPORT_INTERNAL_H

#include "geopol_internal.h"

#include <string.h>

/* Bytes gathered before each call of the caller's write function: one call
 * per GP_OUT_BUFSIZE, not one per item or per string. */
#define GP_OUT_BUFSIZE (64 * 1024)

typedef struct gp_out {
	geopol_write_fn write;
	void *ctx;
	int failed;      /* the writer refused: stop with GEOPOL_EIO */
	char *buf;       /* GP_OUT_BUFSIZE bytes, or NULL: unbuffered */
	size_t len;      /* bytes in buf not yet written */
} gp_out;

int gp_out_write(gp_out *o, const char *s, size_t n);
int gp_out_str(gp_out *o, const char *s);
int gp_out_printf(gp_out *o, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Hand the buffered bytes to the writer. */
int gp_out_flush(gp_out *o);
/* A signed integer in decimal. */
int gp_out_i64(gp_out *o, int64_t v);

static inline int gp_out_byte(gp_out *o, char c)
{
	if (o->buf && o->len < GP_OUT_BUFSIZE) {
		o->buf[o->len++] = c;
		return GEOPOL_OK;
	}
	return gp_out_write(o, &c, 1);
}

/* A literal: the length is known at compile time. */
#define GP_OUT_LIT(o, lit) gp_out_write((o), "" lit, sizeof(lit) - 1)

/* ---- the JSON rows of the exports (json_item.c) */
/* The item as one JSON object, the same bytes as geopol_iter_json() (plus a
 * leading "record" key when with_kind; without "sources" when
 * !with_sources), written straight to the stream: no tree, no allocation
 * per item. Citations come from geopol_iter_citations(). */
int gp_item_json_write(gp_out *o, geopol_iter *it, const geopol_item *item, int with_kind,
		       int with_sources);
/* A JSON string (cJSON's escaping) or null for NULL. */
void gp_json_string(gp_out *o, const char *s);
/* A date at its precision into buf (GEOPOL_DATE_BUFSIZE bytes), the same
 * text as geopol_date_format(); returns its length, 0 for no date. */
int gp_date_text(geopol_date d, char *buf);

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

typedef int (*gp_exporter_fn)(geopol_db *db, const geopol_export_options *opts,
			      const geopol_query *q, gp_out *out);

/* The snapshot date of the options (today when absent). */
geopol_date gp_export_at(const geopol_export_options *opts);

int gp_export_json(geopol_db *db, const geopol_export_options *opts, const geopol_query *q, gp_out *out);
int gp_export_ndjson(geopol_db *db, const geopol_export_options *opts, const geopol_query *q, gp_out *out);
/* export_graph.c */
int gp_export_csv(geopol_db *db, const geopol_export_options *opts, const geopol_query *q, gp_out *out);
int gp_export_graphml(geopol_db *db, const geopol_export_options *opts, const geopol_query *q, gp_out *out);
int gp_export_gexf(geopol_db *db, const geopol_export_options *opts, const geopol_query *q, gp_out *out);
int gp_export_dot(geopol_db *db, const geopol_export_options *opts, const geopol_query *q, gp_out *out);

#endif
