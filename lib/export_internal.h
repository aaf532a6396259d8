/* export_internal.h - the output stream the exports write to. */
#ifndef GEOPOL_EXPORT_INTERNAL_H
#define GEOPOL_EXPORT_INTERNAL_H

#include "geopol_internal.h"

typedef struct gp_out {
	geopol_write_fn write;
	void *ctx;
	int failed;      /* the writer refused: stop with GEOPOL_EIO */
} gp_out;

int gp_out_write(gp_out *o, const char *s, size_t n);
int gp_out_str(gp_out *o, const char *s);
int gp_out_printf(gp_out *o, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

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
