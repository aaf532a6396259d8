/*
 * pg_internal.h - what the PostgreSQL store's files share (issue 21):
 * running a statement with its parameters (pg_exec.c), its errors mapped
 * to geopol's statuses, and the functions behind gp_pg_store (store.h).
 * Every statement is a literal with $n parameters, prepared once per
 * connection and run with PQexecPrepared: nothing a user wrote is ever
 * part of the SQL text.
 */
#ifndef GEOPOL_PG_INTERNAL_H
#define GEOPOL_PG_INTERNAL_H

#include "store/store.h"
#include "store/sql_internal.h"

#include <libpq-fe.h>

/* A statement's parameters, as text (libpq's text format). */
#define GP_PG_ARGS_MAX 16
typedef struct gp_pg_args {
	int n, over;                   /* over: one too many was given */
	const char *v[GP_PG_ARGS_MAX];
	Oid types[GP_PG_ARGS_MAX];     /* bigint, text or double precision: typed, a
					* parameter a statement leaves unused is fine */
	char num[GP_PG_ARGS_MAX][32];  /* the numbers' text */
} gp_pg_args;

/* Append a parameter: an integer, a text (NULL: SQL NULL, the text is
 * borrowed until the statement ran), a double (NaN: NULL), or an integer
 * that is NULL. */
void gp_pg_int(gp_pg_args *a, int64_t x);
void gp_pg_null_int(gp_pg_args *a);
void gp_pg_text(gp_pg_args *a, const char *s);
void gp_pg_double(gp_pg_args *a, double d);
/* The six interval columns (from_lo, from_hi, from_prec, to_lo, to_hi,
 * to_prec), as SQLite's gp_bind_interval binds them. */
void gp_pg_interval(gp_pg_args *a, geopol_date from, geopol_date to);

/* Run sql with a's parameters (a may be NULL): the result, or NULL with
 * *rc the error (the handle's message set, naming `what`). sql is a
 * literal: the first run prepares it on the connection (PQprepare), keyed
 * by its address, and the next ones run the prepared statement
 * (PQexecPrepared); past GP_PG_PREPARED_MAX statements, with other
 * parameter types than it was prepared with, or another text at the same
 * address (SQL written into a buffer), it runs unprepared. */
PGresult *gp_pg_run(geopol_db *db, const char *sql, const gp_pg_args *a, const char *what, int *rc);
/* The same without rows kept: GEOPOL_OK or the error. */
int gp_pg_do(geopol_db *db, const char *sql, const gp_pg_args *a, const char *what);
/* Column c of row i as an integer (0 for NULL). */
int64_t gp_pg_get_int(const PGresult *r, int i, int c);
/* Column c of row i as a string, NULL for NULL. */
const char *gp_pg_get_text(const PGresult *r, int i, int c);

/* The error of a failed statement (r may be NULL: the connection's) as a
 * status with the handle's message: EBUSY for a lock wait past the busy
 * timeout, a deadlock or a serialization failure; ECONFLICT for a
 * constraint's exclusion; EDB otherwise. */
int gp_pg_error(geopol_db *db, const PGresult *r, const char *what);
/* An event's dataset fields (pg_details.c) from the 8 columns of row i
 * from column c (quad_class, num_mentions, num_sources, num_articles,
 * avg_tone, lat, lon, attrs of event_detail) as the SQLite store gives
 * them: *out a malloc'd JSON object, or NULL for none. */
int gp_pg_details(geopol_db *db, const PGresult *r, int i, int c, char **out);
/* geopol_sql's statement (gp_store.user_sql, pg_sql.c). */
int gp_pg_user_sql(geopol_db *db, const char *sql, geopol_sql_fn fn, void *ctx);

/* What a handle keeps between calls (db->pgs, pg_store.c): the result a
 * borrowed answer points into (gp_store.source_get). */
/* A statement prepared on the connection (pg_exec.c): the SQL literal it
 * was prepared from, its parameters' types, named "gp<index>". */
typedef struct gp_pg_prepared {
	const char *sql;
	char *text;                    /* its text then: a buffer reused for other SQL
					* (a table's name in it) runs unprepared */
	int n;
	Oid types[GP_PG_ARGS_MAX];
} gp_pg_prepared;
#define GP_PG_PREPARED_MAX 128

/* Provisional recorded-time stamps of a write transaction (schema/pg/003):
 * from -2^62, one per write, rewritten at commit into the commit's. */
#define GP_PG_PROVISIONAL_BASE (-4611686018427387904LL)

/* The days of one partition of event, [lo, hi) (pg_partition.c). */
typedef struct gp_pg_span {
	int64_t lo, hi;
} gp_pg_span;

typedef struct gp_pg_state {
	PGresult *kept;
	int64_t provisional;  /* provisional stamps handed out in this transaction */
	int64_t settled;      /* "known at k" is final for k < this (server time) */
	int64_t clock_offset; /* the server's clock minus this process's, at open */
	gp_pg_prepared prepared[GP_PG_PREPARED_MAX]; /* by the literal's address */
	gp_pg_span *years;    /* the partitions of event seen, by day (pg_partition.c) */
	size_t n_years, years_cap;
} gp_pg_state;
/* Free what the handle keeps (pg_store.c's close). */
void gp_pg_state_free(gp_pg_state *s);
/* Keep r as the handle's borrowed result, clearing the one before. */
void gp_pg_keep(geopol_db *db, PGresult *r);

/* The yearly partitions of event (pg_partition.c, schema/pg/005): the one
 * day's row belongs in made unless the handle has seen it; whether it has
 * (asking nothing: a COPY under way cannot be asked); and forgetting
 * them, at a rollback that may have taken one back. */
int gp_pg_event_partition(geopol_db *db, int64_t day);
int gp_pg_partition_known(const geopol_db *db, int64_t day);
void gp_pg_partitions_forget(geopol_db *db);

/* ---- the reads' SQL (pg_read.c, pg_walk.c). The rules are core/temporal.h's
 * and sql_internal.h's, with the parameters of an "at D" question: $1 the
 * entity, $2 the other, $3 dlo, $4 dhi, $5 k, $6 the stages, $7 the
 * coding, $8 shadow, $9 the obligation. "Holds" also asks the GiST index
 * on (key, valid) with valid = [from_lo, to_hi) (schema/pg/001): the same
 * rows, found by the index. */
#define GP_PG_HOLDS(t) \
	t ".valid && int4range($3::int, LEAST($4::bigint + 1, 2147483647)::int) AND " \
	GP_SQL_HOLDS_AT(t, "$3", "$4")
#define GP_PG_KNOWN(t) GP_SQL_KNOWN_AT(t, "$5")
#define GP_PG_VISIBLE(t) GP_SQL_MVISIBLE_AT(t, "$6", "$7", "$8", "$5")
/* An entity's life as known at $5, its six columns in gp_span's order. */
#define GP_PG_LIFE_COLS(x) \
	GP_SQL_LIFE_AT(x, "from_lo", "$5") ", " GP_SQL_LIFE_AT(x, "from_hi", "$5") ", " \
	GP_SQL_LIFE_AT(x, "to_lo", "$5") ", " GP_SQL_LIFE_AT(x, "to_hi", "$5") ", " \
	GP_SQL_LIFE_AT(x, "from_prec", "$5") ", " GP_SQL_LIFE_AT(x, "to_prec", "$5")
#define GP_PG_LIFE_NCOLS 6
/* The parameters of an "at D" question, in that order. */
void gp_pg_at_args(gp_pg_args *a, int64_t ent, int64_t other, int64_t dlo, int64_t dhi,
		   const gp_q *q, const char *type);

/* Read the row of kind `kind` whose first column is c from row i of r,
 * laid out as the joined (raw = 0) or raw (raw = 1) column list
 * (core/row.h); a span of GP_PG_LIFE_NCOLS columns. */
void gp_pg_read_row(gp_edge_row *e, int kind, const PGresult *r, int i, int c, int raw);
gp_span gp_pg_read_span(const PGresult *r, int i, int c);

/* gp_store's operations (pg_write.c, pg_read.c, pg_walk.c, pg_events.c,
 * pg_dict.c). */
int gp_pg_find(geopol_db *db, const gp_find *f, int64_t *id, int *aux);
int gp_pg_entity_add(geopol_db *db, const gp_entity_put *e, int64_t *id);
int gp_pg_source_add(geopol_db *db, const geopol_source_spec *s, int64_t rec_from);
int gp_pg_xref_add(geopol_db *db, int64_t entity, const char *scheme, const char *value);
int gp_pg_type_add(geopol_db *db, const gp_type_put *t);
int gp_pg_fact_add(geopol_db *db, const gp_fact_put *f, int64_t *fact, int64_t *row);
int gp_pg_event_parts(geopol_db *db, int64_t row, const gp_actor_put *actors, size_t n_actors,
		      const geopol_text_spec *texts, size_t n_texts);
int gp_pg_fact_current(geopol_db *db, int kind, int64_t fact_id, int64_t *row);
int gp_pg_fact_close(geopol_db *db, int kind, int64_t row, int64_t rec_to);
int gp_pg_cite_add(geopol_db *db, int kind, int64_t row, int64_t source, const char *quote,
		   int fresh);
int gp_pg_cites_copy(geopol_db *db, int kind, int64_t from, int64_t to);
int gp_pg_spells(gp_row_cursor **out, geopol_db *db, const gp_spells_query *q);
int gp_pg_scan(gp_row_cursor **out, geopol_db *db, int kind, int64_t dlo, int64_t dhi, int64_t k);
int gp_pg_walk(gp_hop_cursor **out, geopol_db *db, const gp_walk_query *q);
/* Whole tables, for geopol_copy (pg_copy.c): gp_store.table_*. */
int gp_pg_table_columns(geopol_db *db, const char *table, char ***cols, size_t *n);
int gp_pg_table_read(geopol_db *db, const char *table, const char *const *cols, size_t n,
		     int (*each)(void *ctx, const gp_value *row), void *ctx);
int gp_pg_table_write_begin(geopol_db *db, const char *table, const char *const *cols, size_t n,
			    int replace);
int gp_pg_table_write_row(geopol_db *db, const gp_value *row);
int gp_pg_table_write_end(geopol_db *db, int ok);
int gp_pg_events(gp_event_cursor **out, geopol_db *db, const gp_events_query *q);
/* The statement of an events question (GP_EVENTS_*, or GP_EVENTS_UNCITED
 * + 1: one with an actor), for tests to EXPLAIN; NULL for another. */
const char *gp_pg_events_sql(int what);
int gp_pg_entities(gp_entity_cursor **out, geopol_db *db, const gp_entities_query *q);
int gp_pg_size(geopol_db *db, int what, int64_t *max_id, int64_t *count);
int gp_pg_relation_types(geopol_db *db, int (*each)(void *ctx, const char *code, int directed),
			 void *ctx);
int gp_pg_shadowed(geopol_db *db, int64_t k, int (*each)(void *ctx, int64_t row), void *ctx);
int gp_pg_source_get(geopol_db *db, int64_t id, const char **code, const char **title);
int gp_pg_cites(gp_cite_cursor **out, geopol_db *db, int kind);
int gp_pg_coding_rank(geopol_db *db, const char *coding, int *rank);
int gp_pg_coding_rank_set(geopol_db *db, const char *coding, int rank);
int gp_pg_names(gp_name_cursor **out, geopol_db *db, const gp_names_query *q);
int gp_pg_audit(gp_row_cursor **out, geopol_db *db, int what, int kind, int64_t k);
int gp_pg_citations(geopol_db *db, int kind, int64_t row,
		    int (*each)(void *ctx, const char *source, const char *title, const char *quote),
		    void *ctx);
int gp_pg_entity_attrs(geopol_db *db, int64_t id, int64_t k, char **json);
int gp_pg_membership_attrs(geopol_db *db, int64_t fact_id, int64_t rec_from,
			   int (*each)(void *ctx, const char *key, const char *value), void *ctx);
int gp_pg_read_txn(geopol_db *db, int end);
int gp_pg_name_keys(geopol_db *db, const gp_keys_query *q,
		    int (*each)(void *ctx, const gp_name_key *row), void *ctx);
int gp_pg_candidate(geopol_db *db, int64_t entity, int64_t name_id, int64_t k, const char *lang,
		    int (*each)(void *ctx, const gp_candidate *c), void *ctx);
int gp_pg_check_rows(gp_tuple_cursor **out, geopol_db *db, int what, const char *arg);
/* The dataset importers' members (pg_import.c). */
int gp_pg_release_begin(geopol_db *db);
int gp_pg_release_note(geopol_db *db, const gp_release_note *n);
int gp_pg_release_mark(geopol_db *db, int kind, const int64_t *rows, size_t n);
int gp_pg_release_seen(geopol_db *db, int kind, int64_t row);
int gp_pg_release_end(geopol_db *db, int64_t rec_to, uint64_t *closed);
int gp_pg_look(geopol_db *db, const gp_look *q, int (*each)(void *ctx, const gp_look_row *r),
	       void *ctx);
int gp_pg_fact_copy(geopol_db *db, int kind, int64_t row, int64_t rec_from, int64_t *out);
int gp_pg_import_put(geopol_db *db, const gp_import_put *p, int64_t *row);
/* gp_store.panel (pg_panel.c). */
int gp_pg_panel(gp_panel_cursor **out, geopol_db *db, const gp_panel_query *q);

#endif
