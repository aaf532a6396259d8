/*
 * world.h - the benchmarks' workload: a deterministic, seeded world of
 * states, organizations, memberships, relations and events, every fact
 * cited; the code that loads it through the library and into a bare
 * SQLite baseline; timing and reporting helpers.
 *
 * Scales (GEOPOL_BENCH_SCALE): "small" (CI, seconds), "full" (250 states,
 * 600 organizations, 200,000 memberships, 300,000 relations, 1,000,000
 * events) and "x10" (every count times ten).
 */
#ifndef GEOPOL_BENCH_WORLD_H
#define GEOPOL_BENCH_WORLD_H

#include "core/geopol_internal.h"

#include <sqlite3.h>
#include <stddef.h>
#include <stdint.h>

typedef struct gpw_config {
	char scale[16];
	uint64_t seed;
	size_t n_states, n_orgs, n_memberships, n_relations, n_events, n_sources;
} gpw_config;

/* Fill a config for a scale name (NULL: $GEOPOL_BENCH_SCALE, default
 * "small"). Returns -1 for an unknown scale. */
int gpw_config_init(gpw_config *c, const char *scale);

typedef struct gpw_entity {
	char code[16];
	int kind;               /* GEOPOL_KIND_STATE or _ORGANIZATION */
	geopol_date from, to;
} gpw_entity;

typedef struct gpw_membership {
	uint32_t org, member;   /* entity indexes */
	uint8_t role;
	geopol_date from, to;
	uint32_t source;
} gpw_membership;

typedef struct gpw_relation {
	uint32_t a, b;
	uint8_t type;           /* index into gpw_relation_types */
	geopol_date from, to;
	uint32_t source;
	int64_t usd;            /* trade rows: attrs {"usd":..,"year":..} */
} gpw_relation;

typedef struct gpw_event {
	uint32_t actor[3];
	uint8_t role[3];
	uint8_t n_actors;
	uint8_t type;           /* index into gpw_event_types */
	geopol_date date;
	double intensity;       /* NaN when unknown */
	uint32_t source;
	uint64_t ext;           /* ext_id "W:<ext>" */
} gpw_event;

typedef struct gpw_type {
	const char *code;
	int directed;           /* relations */
	const char *name;       /* events */
	double goldstein;
} gpw_type;

extern const gpw_type gpw_relation_types[];
extern const size_t gpw_n_relation_types;
extern const gpw_type gpw_event_types[];
extern const size_t gpw_n_event_types;

typedef struct gpw_world {
	gpw_config cfg;
	gpw_entity *ent;        /* states first, then organizations */
	size_t n_ent;
	gpw_membership *mem;
	size_t n_mem;
	gpw_relation *rel;
	size_t n_rel;
	uint32_t *actor_cdf;    /* skewed actor choice for events (internal) */
} gpw_world;

int gpw_generate(gpw_world *w, const gpw_config *c);
void gpw_free(gpw_world *w);
/* Events are generated on demand from (seed, index): no memory for them. */
void gpw_event_get(const gpw_world *w, size_t i, gpw_event *ev);

/* The names of an entity (5 of them: English short and official, French,
 * Russian, Arabic), written into buf. Returns how many. */
typedef struct gpw_name {
	const char *text, *lang;
	int kind;
} gpw_name;
size_t gpw_names(const gpw_world *w, size_t ent, gpw_name out[6], char *buf, size_t size);

/* Every row the loaders write, counted the same way for both. */
typedef struct gpw_counts {
	size_t sources, entities, names, memberships, relations, events, actors;
} gpw_counts;
size_t gpw_counts_rows(const gpw_counts *c);

/* Load the world through the library's write path (gp_*_add + gp_cite_row)
 * in one transaction. */
int gpw_load_library(geopol_db *db, const gpw_world *w, gpw_counts *out);
/* The same in an ordinary transaction (geopol_begin) rather than a bulk one
 * (geopol_begin_bulk, what gpw_load_library opens). */
int gpw_load_library_plain_txn(geopol_db *db, const gpw_world *w, gpw_counts *out);

/* Multiply every count of a config by mult (the world at mult times its
 * size; the scale's name, and so its cached files, says so). */
void gpw_config_times(gpw_config *c, size_t mult);

/* The baseline: the obvious schema, hand-written SQL, prepared statements,
 * one transaction. gpw_baseline_schema creates the tables with their
 * indexes (maintained during the load); gpw_baseline_tables creates the
 * tables alone and gpw_baseline_indexes the indexes after the load, in a
 * transaction of their own, as an analyst loads a plain schema. The two
 * end with the same file. */
int gpw_baseline_schema(sqlite3 *db);
int gpw_baseline_tables(sqlite3 *db);
int gpw_baseline_indexes(sqlite3 *db);
int gpw_load_baseline(sqlite3 *db, const gpw_world *w, gpw_counts *out);

/* Database files cached between the bench programs of one run:
 * <dir>/world-<scale>-<seed>-<kind>.db. gpw_open_* build the file if it is
 * missing (not timed). */
void gpw_db_path(char *buf, size_t size, const gpw_config *c, const char *kind);
int gpw_open_library(geopol_db **out, const gpw_world *w);
int gpw_open_baseline(sqlite3 **out, const gpw_world *w);
/* Remove a database file with its -wal and -shm. */
void gpw_remove_db(const char *path);

/* Timing and reporting. */
double gpw_now(void);                    /* seconds, monotonic */
/* CPU seconds (user + system) of this process: the fairer figure on a
 * machine shared with other jobs. */
double gpw_cpu_now(void);
long gpw_peak_rss_kb(void);              /* this process's peak resident set */
/* One figure: "name value unit ratio" (ratio "-" when NaN). */
void gpw_report(const char *name, double value, const char *unit, double ratio);
/* A note line (starts with '#'). */
void gpw_note(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
int gpw_cmp_double(const void *a, const void *b);
double gpw_median(double *v, size_t n);

/* A small seeded generator (splitmix64). */
uint64_t gpw_rand(uint64_t *state);
double gpw_unit(uint64_t *state);        /* [0, 1) */
size_t gpw_below(uint64_t *state, size_t n);

/* The date queries ask about: the snapshot's "recent date" and the range
 * random point queries draw from. */
geopol_date gpw_recent_date(void);
geopol_date gpw_random_date(uint64_t *state);

#endif
