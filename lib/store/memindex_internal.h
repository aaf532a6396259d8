/*
 * memindex_internal.h - an in-memory index of current knowledge (the rows
 * with rec_to = max) of memberships and relations, kept on the handle, so
 * that the "at D" questions and the traversals of current knowledge answer
 * without a SQLite step per row (issue 7, docs/PERFORMANCE.md).
 *
 * The index is built lazily by one scan of each table and checked on every
 * use against the handle's writes (sqlite3_total_changes64) and other
 * connections' commits (PRAGMA data_version): a stale index is never used.
 * It is reference counted: an iterator keeps the index it reads alive, so a
 * write while the iterator is open builds a new index for the next question
 * and the old one goes with its last iterator. Items point into it.
 */
#ifndef GEOPOL_MEMINDEX_INTERNAL_H
#define GEOPOL_MEMINDEX_INTERNAL_H

#include "core/geopol_internal.h"

/* One current membership row. Days fit in 32 bits: the stored open-end
 * sentinels are INT32_MIN and INT32_MAX (schema/001_core.sql). The index
 * holds only the rows the default question answers with (de jure stages,
 * the best-ranked coding of each pair: gp_q.plain); other questions go to
 * SQL. */
typedef struct gp_mspell {
	int64_t row, fact_id, rec_from;
	int32_t from_lo, from_hi, to_lo, to_hi;
	uint32_t org, member;        /* entity indexes */
	uint32_t coding;             /* offset + 1 in the string arena; 0 = curated */
	uint8_t role, from_prec, to_prec, stage;
} gp_mspell;

/* One current relation row. */
typedef struct gp_rspell {
	int64_t row, fact_id, rec_from;
	int32_t from_lo, from_hi, to_lo, to_hi;
	uint32_t a, b;               /* entity indexes */
	uint32_t attrs;              /* offset + 1 in the string arena; 0 = NULL */
	uint16_t type;               /* index into the types, which are in code order */
	uint8_t from_prec, to_prec;
} gp_rspell;

/* A spell in a per-key list, with the two days an "at D" test reads, so
 * that filtering a key's list reads 12 bytes a spell, in sequence. */
typedef struct gp_slot {
	int32_t lo, hi;              /* from_lo, to_hi */
	uint32_t i;                  /* index into the spell array */
} gp_slot;

/* Per-key lists: key k's slots are s[off[k]] .. s[off[k + 1] - 1]. */
typedef struct gp_order {
	uint32_t *off;
	gp_slot *s;
} gp_order;

/* An edge as a traversal sees it: the spell (GP_EDGE_REL set for a
 * relation), the entity at the other end, and the day it starts. */
#define GP_EDGE_REL 0x80000000u
typedef struct gp_hop {
	uint32_t edge;
	uint32_t other;
	int32_t from_lo;
} gp_hop;

/* The adjacency at one date span, collapsed to distinct neighbours: entity
 * u's neighbours are nbr[off[u]] .. nbr[off[u + 1] - 1], in the order the
 * traversal SQL meets them, each with the first edge that reaches it. bits
 * holds the same sets as bitsets (`words` words an entity) when the world
 * is small enough, else NULL. */
typedef struct gp_reach {
	int64_t dlo, dhi;
	uint64_t used;               /* LRU clock; 0 = empty slot */
	uint32_t *off, *nbr, *edge;
	uint64_t *bits;
	size_t words;
} gp_reach;

#define GP_REACH_CACHE 4

typedef struct gp_memindex {
	int refs;
	int64_t changes, version;    /* the stamp it was built at */
	size_t bytes;                /* memory held, for the docs and the bench */
	size_t n_ent;
	int64_t *ent_id;             /* dense index -> row id, ascending */
	int32_t *id_map;             /* row id -> dense index (-1: none), or NULL */
	int64_t id_map_len;
	const char **code;           /* dense index -> code */
	gp_span *life;               /* dense index -> the entity's current life */
	uint32_t *rank;              /* dense index -> position in code order */
	size_t n_types;
	const char **type;           /* relation type codes, in code order */
	int *directed;
	gp_mspell *m;
	size_t n_m;
	gp_rspell *r;
	size_t n_r;
	/* per organization, by member code, from_lo (GP_SQL_MEMBERS order) */
	gp_order members;
	/* per member, by organization code, from_lo (GP_SQL_MEMBERSHIPS) */
	gp_order memberships;
	/* per entity, either end, by from_lo, type, a code, b code
	 * (GP_SQL_RELATIONS_ONE) */
	gp_order relations;
	/* per entity, four segments in GP_SQL_EDGES order: memberships as the
	 * organization, as the member, relations as a, as b; each by to_hi,
	 * from_lo, rec_from, row id (the order of the interval indexes).
	 * Entity e's segment k is adj[adj_off[4e + k]] .. adj[adj_off[4e + k + 1] - 1]. */
	uint32_t *adj_off;
	gp_hop *adj;
	char *strings;               /* codes, types and attrs */
	gp_reach reach[GP_REACH_CACHE];
	uint64_t reach_clock;
} gp_memindex;

/* How a handle uses the index. AUTO builds it once the handle has asked
 * GP_MEMINDEX_WARM units of current-knowledge questions since the data
 * last changed (a one-shot CLI query never pays for a build); OFF keeps
 * every question on SQL (tests compare the two); ALWAYS builds at once. */
enum { GP_MEMINDEX_AUTO = 0, GP_MEMINDEX_OFF = 1, GP_MEMINDEX_ALWAYS = 2 };
#define GP_MEMINDEX_WARM 16

int gp_memindex_mode(geopol_db *db, int mode);
/* A fresh index with a reference taken, or NULL: answer with SQL. `weight`
 * is what the question would cost on SQL, in point queries. Never fails
 * the question: a build error only means SQL answers. */
gp_memindex *gp_memindex_acquire(geopol_db *db, int weight);
void gp_memindex_release(gp_memindex *mi);
/* How many indexes the handle has built (tests, benchmarks). */
int64_t gp_memindex_builds(const geopol_db *db);
/* Bytes the handle's current index holds, with its cached adjacencies. */
size_t gp_memindex_bytes(const geopol_db *db);
/* Dense index of an entity row id, or -1. */
int64_t gp_memindex_entity(const gp_memindex *mi, int64_t id);

/* A spell (edge tag) as the row the front end fills items from. Strings
 * point into the index. */
void gp_memindex_edge_row(const gp_memindex *mi, uint32_t edge, gp_edge_row *r);
/* Whether the edge, clipped to its entities' lives (gp_clip_answer), may
 * hold on a day of [dlo, dhi]: the edges a walk follows (issue 12). */
int gp_memindex_edge_holds(const gp_memindex *mi, uint32_t edge, int64_t dlo, int64_t dhi);

/* The collapsed adjacency at a span, from the cache, or when `build` is
 * set built now (one pass over the adjacency). Valid until the next call
 * on mi. NULL: not cached (build 0) or out of memory. */
const gp_reach *gp_memindex_reach(gp_memindex *mi, int64_t dlo, int64_t dhi, int build);
/* Entity u's hops of adjacency segment k (0..3) that end after dlo. */
void gp_memindex_hops(const gp_memindex *mi, uint32_t u, int k, int64_t dlo,
		      const gp_hop **begin, const gp_hop **end);

/* The rows of an "at D" question (what: GP_SPELLS_*, store.h) from the
 * index, as a store cursor; the SQLite store asks it for current knowledge.
 * ent and other are dense indexes (other -1: none). Takes over the
 * reference on mi, released when the cursor is freed (or on error). */
struct gp_row_cursor;
int gp_memindex_spells(struct gp_row_cursor **out, geopol_db *db, gp_memindex *mi, int what,
		       int64_t ent, int64_t other, int64_t dlo, int64_t dhi);

#endif
