/*
 * sqlite_internal.h - what the SQLite store's files share: its functions
 * behind gp_sqlite_store (store.h), and the SQL tests check the plans of.
 */
#ifndef GEOPOL_SQLITE_INTERNAL_H
#define GEOPOL_SQLITE_INTERNAL_H

#include "store/store.h"

/* gp_store.open, .close, .schema_version (sqlite_open.c). */
int gp_sqlite_open(geopol_db *db, const char *path, const geopol_open_options *opts);
void gp_sqlite_close(geopol_db *db);
int gp_sqlite_bulk(geopol_db *db, int step);
int gp_sqlite_schema_version(const geopol_db *db);

/* gp_store.scan (sqlite_scan.c). */
int gp_sqlite_scan(gp_row_cursor **out, geopol_db *db, int kind, int64_t dlo, int64_t dhi,
		   int64_t k);

/* gp_store.walk (sqlite_walk.c). */
int gp_sqlite_walk(gp_hop_cursor **out, geopol_db *db, const gp_walk_query *q);

/* gp_store.events: its GP_EVENTS_WINDOW (sqlite_event_window.c), the
 * others (sqlite_events.c). */
int gp_sqlite_events(gp_event_cursor **out, geopol_db *db, const gp_events_query *q);
int gp_sqlite_event_window(gp_event_cursor **out, geopol_db *db, const gp_events_query *q);
/* Events a chunk of the window holds at most: the larger, the fewer pages
 * of the actor table a chunk reads again after the one before, and the
 * more memory (about 150 bytes an event with its strings). Tests lower it
 * to cross chunks. */
#define GP_EVENT_WINDOW_CHUNK 32768
extern size_t gp_event_window_chunk;
/* Columns c.. of st (GP_SQL_EVENT_COLS) into *r, the event of row id;
 * the strings are st's until it steps again. */
void gp_sqlite_event_cols(sqlite3_stmt *st, int c, int64_t id, gp_event_row *r);

/* The dictionaries and citations by row (sqlite_dict.c): gp_store.entities
 * to .cites. */
int gp_sqlite_entities(gp_entity_cursor **out, geopol_db *db, const gp_entities_query *q);
int gp_sqlite_size(geopol_db *db, int what, int64_t *max_id, int64_t *count);
int gp_sqlite_relation_types(geopol_db *db, int (*each)(void *ctx, const char *code, int directed),
			     void *ctx);
int gp_sqlite_shadowed(geopol_db *db, int64_t k, int (*each)(void *ctx, int64_t row), void *ctx);
int gp_sqlite_source_get(geopol_db *db, int64_t id, const char **code, const char **title);
int gp_sqlite_cites(gp_cite_cursor **out, geopol_db *db, int kind);
int gp_sqlite_coding_rank(geopol_db *db, const char *coding, int *rank);
int gp_sqlite_coding_rank_set(geopol_db *db, const char *coding, int rank);

/* gp_store.names (sqlite_names.c). */
int gp_sqlite_names(gp_name_cursor **out, geopol_db *db, const gp_names_query *q);

/* gp_store.citations, .entity_attrs, .membership_attrs (sqlite_attrs.c). */
int gp_sqlite_citations(geopol_db *db, int kind, int64_t row,
			int (*each)(void *ctx, const char *source, const char *title, const char *quote),
			void *ctx);
int gp_sqlite_entity_attrs(geopol_db *db, int64_t id, int64_t k, char **json);
int gp_sqlite_membership_attrs(geopol_db *db, int64_t fact_id, int64_t rec_from,
			       int (*each)(void *ctx, const char *key, const char *value), void *ctx);

/* gp_store.read_txn, .name_keys, .candidate (sqlite_resolve.c). */
int gp_sqlite_read_txn(geopol_db *db, int end);
int gp_sqlite_name_keys(geopol_db *db, const gp_keys_query *q,
			int (*each)(void *ctx, const gp_name_key *row), void *ctx);
int gp_sqlite_candidate(geopol_db *db, int64_t entity, int64_t name_id, int64_t k,
			const char *lang, int (*each)(void *ctx, const gp_candidate *c), void *ctx);

/* gp_store.check_rows (sqlite_check.c). */
int gp_sqlite_check_rows(gp_tuple_cursor **out, geopol_db *db, int what, const char *arg);

/* gp_store.panel (sqlite_panel.c), and its SQL, for tests/check_panel.c's
 * plan checks (also declared in query/panel_internal.h, where the tests
 * find it). */
int gp_sqlite_panel(gp_panel_cursor **out, geopol_db *db, const gp_panel_query *q);
extern const char gp_panel_sql_memberships[];
extern const char gp_panel_sql_memberships_pledges[];
extern const char gp_panel_sql_relations[];
extern const char gp_panel_sql_events[];

/* The writes (sqlite_write.c): gp_store.find to .cites_copy. */
int gp_sqlite_find(geopol_db *db, const gp_find *f, int64_t *id, int *aux);
int gp_sqlite_entity_add(geopol_db *db, const gp_entity_put *e, int64_t *id);
int gp_sqlite_source_add(geopol_db *db, const geopol_source_spec *s, int64_t rec_from);
int gp_sqlite_xref_add(geopol_db *db, int64_t entity, const char *scheme, const char *value);
int gp_sqlite_type_add(geopol_db *db, const gp_type_put *t);
int gp_sqlite_fact_add(geopol_db *db, const gp_fact_put *f, int64_t *fact, int64_t *row);
int gp_sqlite_event_parts(geopol_db *db, int64_t row, const gp_actor_put *actors, size_t n_actors,
			  const geopol_text_spec *texts, size_t n_texts);
int gp_sqlite_fact_current(geopol_db *db, int kind, int64_t fact_id, int64_t *row);
int gp_sqlite_fact_close(geopol_db *db, int kind, int64_t row, int64_t rec_to);
int gp_sqlite_cite_add(geopol_db *db, int kind, int64_t row, int64_t source, const char *quote,
		       int fresh);
int gp_sqlite_cites_copy(geopol_db *db, int kind, int64_t from, int64_t to);

/* The dataset importers' members (sqlite_import.c): gp_store.release_begin
 * to .import_put. */
int gp_sqlite_release_begin(geopol_db *db);
int gp_sqlite_release_note(geopol_db *db, const gp_release_note *n);
int gp_sqlite_release_mark(geopol_db *db, int kind, const int64_t *rows, size_t n);
int gp_sqlite_release_seen(geopol_db *db, int kind, int64_t row);
int gp_sqlite_release_end(geopol_db *db, int64_t rec_to, uint64_t *closed);
int gp_sqlite_look(geopol_db *db, const gp_look *q, int (*each)(void *ctx, const gp_look_row *r),
		   void *ctx);
int gp_sqlite_fact_copy(geopol_db *db, int kind, int64_t row, int64_t rec_from, int64_t *out);
int gp_sqlite_import_put(geopol_db *db, const gp_import_put *p, int64_t *row);

/* The window's reads by row id (sqlite_event_window.c), for
 * tests/check_plans.c. */
extern const char gp_event_window_sql_actors[];
extern const char gp_event_window_sql_details[];
extern const char gp_event_window_sql_texts[];

/* Whole tables, for geopol_copy (sqlite_copy.c): gp_store.table_*. */
int gp_sqlite_table_columns(geopol_db *db, const char *table, char ***cols, size_t *n);
int gp_sqlite_table_read(geopol_db *db, const char *table, const char *const *cols, size_t n,
			 int (*each)(void *ctx, const gp_value *row), void *ctx);
int gp_sqlite_table_write_begin(geopol_db *db, const char *table, const char *const *cols, size_t n,
				int replace);
int gp_sqlite_table_write_row(geopol_db *db, const gp_value *row);
int gp_sqlite_table_write_end(geopol_db *db, int ok);

/* The scan's SQL, for tests/check_snapshot.c's plan checks (also declared
 * in io/export_internal.h, where the tests find it). */
extern const char gp_snapshot_sql_memberships[];
extern const char gp_snapshot_sql_relations[];
extern const char gp_snapshot_sql_blocks[];
/* sqlite_dict.c's, for the same checks (snapshot_internal.h). */
extern const char gp_snapshot_sql_nodes[];
extern const char gp_snapshot_sql_cite_memberships[];
extern const char gp_snapshot_sql_cite_relations[];

#endif
