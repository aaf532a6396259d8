/* snapshot_internal.h - the snapshot iterator (snapshot.c) the exports
 * read. */
#ifndef GEOPOL_SNAPSHOT_INTERNAL_H
#define GEOPOL_SNAPSHOT_INTERNAL_H

#include "core/geopol_internal.h"

/* Everything that holds somewhere in the days [dlo, dhi]: entities (by
 * code), then memberships and relations (each by row id). with_certainty:
 * certainty is computed against the span (an "at D" snapshot); 0: every
 * row reads as definite (span exports). The iterator streams its items'
 * citations by a merge join (geopol_iter_citations costs no query). */
int gp_snapshot_span(geopol_iter **out, geopol_db *db, int64_t dlo, int64_t dhi,
		     int with_certainty, const geopol_query *q);
/* The SQLite store's SQL of it (store/sqlite_scan.c, sqlite_dict.c,
 * pack.c), for tests/check_snapshot.c's plan checks. */
extern const char gp_snapshot_sql_nodes[];
extern const char gp_snapshot_sql_memberships[];
extern const char gp_snapshot_sql_relations[];
extern const char gp_snapshot_sql_cite_memberships[];
extern const char gp_snapshot_sql_cite_relations[];
extern const char gp_snapshot_sql_blocks[];   /* a table's packed blocks (pack.c) */

#endif
