/*
 * sqlite_internal.h - what the SQLite store's files share: its functions
 * behind gp_sqlite_store (store.h), and the SQL tests check the plans of.
 */
#ifndef GEOPOL_SQLITE_INTERNAL_H
#define GEOPOL_SQLITE_INTERNAL_H

#include "store/store.h"

/* gp_store.scan (sqlite_scan.c). */
int gp_sqlite_scan(gp_row_cursor **out, geopol_db *db, int kind, int64_t dlo, int64_t dhi,
		   int64_t k);

/* gp_store.walk (sqlite_walk.c). */
int gp_sqlite_walk(gp_hop_cursor **out, geopol_db *db, const gp_walk_query *q);

/* The scan's SQL, for tests/check_snapshot.c's plan checks (also declared
 * in io/export_internal.h, where the tests find it). */
extern const char gp_snapshot_sql_memberships[];
extern const char gp_snapshot_sql_relations[];
extern const char gp_snapshot_sql_blocks[];

#endif
