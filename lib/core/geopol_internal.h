/*
 * geopol_internal.h - what the library's files share, never installed.
 */
#ifndef GEOPOL_INTERNAL_H
#define GEOPOL_INTERNAL_H

#include "geopol.h"
#include "core/temporal.h"
#include "core/row.h"
#include "core/util.h"
#include <sqlite3.h>
#include <stdarg.h>


#define GP_ERRMSG_SIZE 1024
#define GP_STMT_SLOTS 128
#define GP_HOOKS_MAX 8

/* A function the handle calls at a commit or at close (store/hooks.c). */
typedef void (*gp_hook_fn)(geopol_db *db, void *ctx);
typedef struct gp_hook {
	int kind;             /* GP_HOOK_COMMIT or GP_HOOK_CLOSE */
	gp_hook_fn fn;
	void *ctx;
} gp_hook;
enum { GP_HOOK_COMMIT = 1, GP_HOOK_CLOSE };

typedef struct gp_stmt_slot {
	const char *sql;      /* the literal's address is the key */
	sqlite3_stmt *stmt;
	int busy;             /* taken by an open iterator */
} gp_stmt_slot;

/* A map from a code to a row id and a small integer (cache.c): a
 * gp_strmap (core/util.h) of these entries, each owning its key. */
typedef struct gp_cache_entry {
	char *key;
	int64_t id;
	int kind;
} gp_cache_entry;

typedef gp_strmap gp_cache;

struct gp_store;

struct geopol_db {
	const struct gp_store *store; /* where the facts live (store/store.h), set at open */
	sqlite3 *sql;         /* the SQLite store's connection (NULL on another store's
			       * handle: gp_stmt refuses, naming the store) */
	struct pg_conn *pg;   /* the PostgreSQL store's connection (libpq's PGconn) */
	struct gp_pg_state *pgs; /* and what it keeps between calls (pg_internal.h) */
	char errmsg[GP_ERRMSG_SIZE];
	int errstatus;        /* the status errmsg was set with (gp_error); 0 when clear */
	gp_stmt_slot stmts[GP_STMT_SLOTS];
	int64_t clock_fixed;  /* 0: real time */
	int64_t clock_last;   /* last stamp handed out: stamps strictly increase */
	int txn_depth;        /* geopol_begin nesting (0 or 1) */
	int read_only;
	int busy_ms;          /* the busy timeout, for messages */
	int sp_txn;           /* the outermost savepoint began the transaction */
	int64_t stamp;        /* recorded time of the write under way */
	int64_t last_row;     /* row id of the last fact version written */
	int fresh_kind;       /* fact kind and row just inserted: its first */
	int64_t fresh_row;    /* citation needs no duplicate check */
	gp_cache entity_ids;  /* entity code -> id, kind */
	gp_cache source_ids;  /* source code -> id */
	gp_cache type_ids;    /* "r:" relation type -> directed; "e:" event type */
	struct geopol_iter *iters; /* the iterators not yet freed: closing ends them */
	int sp_depth;         /* open gp_write savepoints */
	gp_hook hooks[GP_HOOKS_MAX]; /* what the derived data asked to hear of */
	int n_hooks;
	int release;          /* an import with opts->release under way (import.c) */
	void *table_writer;   /* the store's whole-table write under way (geopol_copy) */
	int read_txn_own;     /* the store's read transaction began a transaction of its
			       * own (gp_store.read_txn), not a savepoint */
	int bulk;             /* the open transaction is geopol_begin_bulk()'s */
	char *bulk_sql;       /* and the SQL of what it deferred to its commit (the SQLite
			       * store's secondary indexes, sqlite_bulk.c); NULL once built */
};

/* Returned by the gp_*_add functions when an identical fact is stored
 * already: nothing was written (re-imports add nothing). */
#define GP_UNCHANGED 1

/* ---- errors (core/error.c) */
int gp_error(geopol_db *db, int status, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* GEOPOL_ENOMEM with the message "out of memory". */
int gp_oom(geopol_db *db);
/* Report the SQLite error of the handle as GEOPOL_EDB (ENOMEM when out of
 * memory, EBUSY when a lock outlived the busy timeout). */
int gp_sql_error(geopol_db *db, const char *what);
void gp_clear_error(geopol_db *db);
/* A value from the user, ready to quote in a message: its first 60 bytes
 * (cut on a character boundary, then "…" and its size), control bytes and
 * invalid UTF-8 as \xHH, so that the message stays one line and its reason
 * still fits. The text lives in one of four per-thread buffers used in
 * turn: up to four values in one message. NULL gives "". */
const char *gp_short(const char *s);
/* Copy len bytes of `in` to `out` (size bytes, NUL-terminated) with control
 * bytes and invalid UTF-8 written \xHH, cut on a character boundary: the
 * rule of every message (gp_error). Returns the bytes written. */
size_t gp_printable(char *out, size_t size, const char *in, size_t len);

/* Options structs and specs start with their `unsigned version`. Versions 1
 * to `current` are accepted (a caller built against an older, shorter
 * struct keeps working: read a field only when the version has it); any
 * other is GEOPOL_EMISUSE naming `type`. gp_check_version lets s be NULL
 * (the defaults); gp_check_spec does not. */
int gp_check_version(geopol_db *db, const char *type, const void *s, unsigned current);
int gp_check_spec(geopol_db *db, const char *type, const void *s, unsigned current);

/* ---- statements (store/stmt.c): prepared once, cached by the literal's address.
 * The returned statement is reset and its bindings cleared. */
sqlite3_stmt *gp_stmt(geopol_db *db, const char *sql);
/* What a caller returns when gp_stmt or gp_stmt_take gave NULL: the status
 * they reported (GEOPOL_EDB, ENOMEM or EBUSY from SQLite, GEOPOL_EINTERNAL
 * for a full cache); never GEOPOL_OK. */
static inline int gp_stmt_failed(const geopol_db *db)
{
	return db->errstatus < 0 ? db->errstatus : GEOPOL_EDB;
}
/* An iterator holds its statement across calls: take it from the cache
 * (or prepare a private one if another iterator holds it) and give it back. */
sqlite3_stmt *gp_stmt_take(geopol_db *db, const char *sql);
void gp_stmt_give(geopol_db *db, sqlite3_stmt *st);
/* Finalize every cached statement (closing the handle). */
void gp_stmts_finalize(geopol_db *db);
/* Run one statement without results (cached; prepared for the call when
 * the cache is full). */
int gp_exec(geopol_db *db, const char *sql);
/* The first n columns of a one-row query, as integers (0 for NULL or no
 * row); ?1, if the statement has it, is bound to arg. */
int gp_query_ints(geopol_db *db, const char *sql, int64_t arg, int64_t *out, size_t n);

/* ---- savepoints (db.c): every public write runs inside one; opening one
 * takes the recorded-time stamp of the write (db->stamp). Outside a
 * transaction the outermost one first takes the write lock (BEGIN
 * IMMEDIATE), waiting up to the busy timeout, and its release commits. */
int gp_savepoint(geopol_db *db);
/* The same for a public write given a spec: checked first (gp_check_spec). */
int gp_savepoint_spec(geopol_db *db, const char *type, const void *spec, unsigned current);
int gp_release(geopol_db *db, int status); /* rolls back when status != OK */

/* ---- hooks (store/hooks.c): the data kept beside the tables (the packed blocks,
 * the in-memory index) hears of the handle's commits and of its close
 * through these, so that the store never calls up into what it serves.
 * Registering a function already registered for that kind replaces its
 * ctx; GEOPOL_EINTERNAL once GP_HOOKS_MAX are taken (an internal limit). */
/* fn(db, ctx) runs before every commit of writes: at the release of an
 * outermost savepoint outside geopol_begin(), in geopol_commit(), and once
 * after migrations at open (in a write transaction of its own). It must
 * not fail the write: it keeps the handle's message and undoes its own
 * work on error. */
int gp_on_commit(geopol_db *db, gp_hook_fn fn, void *ctx);
/* fn(db, ctx) runs when the handle closes, after its iterators ended and
 * before its statements are finalized; the last registered runs first. */
int gp_on_close(geopol_db *db, gp_hook_fn fn, void *ctx);
/* The ctx registered with fn (of any kind), or NULL: a hook's state. */
void *gp_hook_ctx(const geopol_db *db, gp_hook_fn fn);
/* Run the commit hooks in the order registered (db.c); the close hooks,
 * last registered first, and forget them all. */
void gp_hooks_commit(geopol_db *db);
void gp_hooks_close(geopol_db *db);
/* Attach the data kept beside the tables to a new handle (before it
 * migrates): store/extensions.c. */
int gp_extensions_attach(geopol_db *db);

/* A large page cache for bulk writes (1), SQLite's default again (0). */
void gp_bulk_cache(geopol_db *db, int on);

/* Recorded-time stamp for a write (store/clock.c): the store's clock,
 * strictly increasing on a handle unless geopol_set_clock fixed it. */
int64_t gp_stamp(geopol_db *db);
/* The process's clock, microseconds since 1970 (store/clock.c). */
int64_t gp_clock_real(void);

/* ---- code caches (cache.c); cleared on every rollback */
int gp_cache_get(const gp_cache *c, const char *key, int64_t *id, int *kind);
void gp_cache_put(gp_cache *c, const char *key, int64_t id, int kind);
void gp_cache_clear(gp_cache *c);
void gp_caches_clear(geopol_db *db);

/* ---- dates (date.c) */
/* First and last day of a date; open start/end sentinels for NONE. */
int64_t gp_from_lo(geopol_date d);
int64_t gp_from_hi(geopol_date d);
int64_t gp_to_lo(geopol_date d);
int64_t gp_to_hi(geopol_date d);
/* Rebuild a date from stored (lo, precision). */
geopol_date gp_date_stored(int64_t lo, int prec);
/* Bind the six interval columns (from_lo, from_hi, from_prec, to_lo,
 * to_hi, to_prec) at parameter index first..first+5. */
int gp_bind_interval(sqlite3_stmt *st, int first, geopol_date from, geopol_date to);
/* EINVAL with a message when to <= from. `what` names the fact. */
int gp_check_interval(geopol_db *db, const char *what, geopol_date from, geopol_date to);
/* Certainty, gp_span and gp_clip: core/temporal.h. */

/* ---- entities (entity.c) */
/* Entity row id for a code, or ENOTFOUND with a message naming `role`. */
int gp_entity_id(geopol_db *db, const char *code, const char *role, int64_t *id);
/* The same, with the entity's kind. */
int gp_entity_lookup(geopol_db *db, const char *code, const char *role, int64_t *id, int *kind);
int gp_source_id(geopol_db *db, const char *code, int64_t *id);
/* Longest entity code (bytes). */
#define GP_CODE_MAX 64

/* ---- unlocked writes (fact.c): the public functions wrap these in a
 * savepoint; the importers call them inside their own transaction. */
int gp_source_add(geopol_db *db, const geopol_source_spec *spec);
int gp_entity_add(geopol_db *db, const geopol_entity_spec *spec);
int gp_xref_add(geopol_db *db, const char *entity, const char *scheme, const char *value);
int gp_name_add(geopol_db *db, const geopol_name_spec *spec, int64_t fact_id, int64_t *out);
int gp_membership_add(geopol_db *db, const geopol_membership_spec *spec, int64_t fact_id, int64_t *out);
int gp_relation_add(geopol_db *db, const geopol_relation_spec *spec, int64_t fact_id, int64_t *out);
int gp_event_add(geopol_db *db, const geopol_event_spec *spec, int64_t fact_id, int64_t *out);
int gp_relation_type_add(geopol_db *db, const char *code, int directed, const char *label);
int gp_event_type_add(geopol_db *db, const char *code, const char *name, double goldstein);
int gp_cite(geopol_db *db, int kind, int64_t fact_id, const char *source, const char *quote);
/* Cite a source for one stored row (a fact version). */
int gp_cite_row(geopol_db *db, int kind, int64_t row_id, int64_t source_id, const char *quote);
/* The row id of the current version of a fact (ENOTFOUND if none). */
int gp_current_row(geopol_db *db, int kind, int64_t fact_id, int64_t *row);
/* Close the current version of a fact in recorded time; *row gets its id. */
int gp_close_current(geopol_db *db, int kind, int64_t fact_id, int64_t *row);
/* Copy the citations of one row to another (corrections keep them). */
int gp_copy_citations(geopol_db *db, int kind, int64_t from_row, int64_t to_row);
/* Entity with this external id, or 0. */
int64_t gp_xref_lookup(geopol_db *db, const char *scheme, const char *value);

/* ---- text (core/utf8.c, core/normalize.c) */
/* Bytes of the valid UTF-8 character at s (at most `avail` of them), or 0. */
size_t gp_utf8_seq(const char *s, size_t avail);
/* Bytes of the longest valid UTF-8 prefix of s[0..len) (a NUL byte counts
 * as a character: callers that refuse it look for it themselves). */
size_t gp_utf8_valid_len(const char *s, size_t len);
/* Check a string is valid UTF-8 (EINVAL naming `field`). */
int gp_check_utf8(geopol_db *db, const char *field, const char *s);
/* Longest input accepted, in bytes. Names are short; a bound keeps a
 * hostile megabyte from costing anything but a length test. */
#define GP_NORMALIZE_MAX 4096
/* Search key of a string; EINVAL for invalid UTF-8 or longer than
 * GP_NORMALIZE_MAX. *out from malloc(). */
int gp_normalize(const char *text, size_t len, char **out);

/* ---- iterators (iter.c) */
/* Strings copied for an item: each in its own block, chained, so pointers
 * stay valid until the chain is freed. */
typedef struct gp_chain {
	void *head;
} gp_chain;
const char *gp_chain_strdup(gp_chain *c, const char *s, int *err);
void gp_chain_free(gp_chain *c);

struct geopol_iter {
	geopol_db *db;                     /* NULL once the handle closed */
	struct geopol_iter *live_prev, *live_next; /* the handle's list of iterators */
	int (*next)(geopol_iter *it);      /* fill it->item; OK, ITEROVER or error */
	void (*destroy)(geopol_iter *it);  /* free `state` (may be NULL) */
	void *state;
	geopol_item item;
	/* storage the item's pointers point into */
	geopol_entity entity;
	geopol_name name;
	geopol_membership membership;
	geopol_relation relation;
	geopol_event event;
	geopol_candidate candidate;
	geopol_actor *actors;
	size_t actors_cap;
	/* the row whose citations geopol_iter_citations() loads */
	int cite_kind;                     /* a geopol_fact_kind, 0 = none */
	int64_t cite_row;
	/* An iterator that streams its items' citations itself (the snapshot's
	 * merge join, snapshot.c) sets this; NULL: one query per item. Called
	 * only when cite_kind is set; fills *cites and *n like the public call. */
	int (*citations)(geopol_iter *it, const geopol_citation **cites, size_t *n);
	geopol_citation *cites;
	size_t cites_cap;
	gp_chain cite_strings;
	gp_chain strings;                  /* per-item copies, freed each next */
	int done;
};

geopol_iter *gp_iter_new(geopol_db *db, int (*next)(geopol_iter *),
			 void (*destroy)(geopol_iter *), void *state);
/* End every iterator of the handle (geopol_close): their state is freed,
 * their statements given back; each then answers GEOPOL_EMISUSE until it
 * is freed. */
void gp_iters_end(geopol_db *db);
/* Clear the item before filling it anew (resets `strings`). */
void gp_iter_reset_item(geopol_iter *it);
/* Copy a string for the current item (NULL stays NULL). */
const char *gp_iter_strdup(geopol_iter *it, const char *s);

/* The membership and relation columns and rows: core/row.h. */
/* Column `col` of entity x's life as known at :k (schema 012): its own
 * when the current life was recorded by then, else the earlier life that
 * was still the answer at :k (entity_life; the first one before the entity
 * was recorded at all). _AT: of alias x, k a parameter or an expression
 * (the PostgreSQL store's "$5"). */
#define GP_SQL_LIFE_AT(x, col, k) \
	"(CASE WHEN " x ".life_rec IS NULL OR " x ".life_rec <= " k " THEN " x "." col " ELSE (SELECT l." \
	col " FROM entity_life l WHERE l.entity_id = " x ".id AND l.rec_to > " k " ORDER BY l.rec_to " \
	"LIMIT 1) END)"
#define GP_SQL_LIFE(col) GP_SQL_LIFE_AT("x", col, ":k")

/* Query options with defaults filled in. */
typedef struct gp_q {
	unsigned flags;
	int64_t known_at;     /* GP_REC_CURRENT - 1 when asking current knowledge */
	int current;          /* 1: current knowledge (rec_to = max) */
	const char *lang;
	unsigned stages;      /* the membership stages kept (never 0) */
	const char *coding;   /* one coding asked, or NULL */
	int shadow;           /* 1: hide the rows of a pair's worse-ranked codings */
	int plain;            /* 1: the default memberships (what the memory index holds) */
} gp_q;
/* Check q's version (EMISUSE with a message) and fill out. */
int gp_query_defaults(geopol_db *db, gp_q *out, const geopol_query *q);
/* Whether a membership row of this stage and coding (NULL: curated) is
 * one the question asks about, before the ranks of codings (GP_SQL_MVISIBLE
 * in SQL). */
int gp_membership_visible(const gp_q *q, int stage, const char *coding);
/* The stage a membership row stores: none given (0) is in force, but a row
 * in the role "suspended" (how a suspension was written before stages) is
 * suspended. */
int gp_stage_stored(int role, int stage);
/* The name of the coding of the rows whose coding column is NULL. */
#define GP_CODING_CURATED "curated"
/* The rank of a coding no one ranked (the same number, for the SQL). */
#define GP_CODING_RANK_DEFAULT 100
#define GP_CODING_RANK_DEFAULT_SQL "100"
/* Whether a stored stage passes a set of stages. */
#define GP_STAGE_IN(stages, stage) ((stage) >= 1 && (stage) <= 7 && ((stages) >> (stage) & 1u))


#endif
