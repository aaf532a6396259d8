/*
 * memindex_internal.h - an in-memory index of current knowledge (the rows
 * with rec_to = max) of memberships and relations, kept on the handle, so
 * that the "at D" questions and the traversals of current knowledge answer
 * without a SQLite step per row (issue 7, docs/PERFORMANCE.md).
 *
 * The index is built lazily from the tables, a slice of at most
 * GP_MEMINDEX_SLICE_MS a question (SQL answers until it is done), and
 * checked on every use against the handle's writes (sqlite3_total_changes64)
 * and other connections' commits (PRAGMA data_version): a stale index is
 * never used, and a write drops a build under way.
 * It is reference counted: an iterator keeps the index it reads alive, so a
 * write while the iterator is open builds a new index for the next question
 * and the old one goes with its last iterator. Items point into it.
 */
#ifndef GEOPOL_MEMINDEX_INTERNAL_H
#define GEOPOL_MEMINDEX_INTERNAL_H

#include "core/geopol_internal.h"

/* One current row, a membership or a relation: a spell, 36 bytes. The
 * index holds only the rows the default question answers with (de jure
 * stages, the best-ranked coding of each pair: gp_q.plain); other
 * questions go to SQL. Days fit in 32 bits (the stored open-end sentinels
 * are INT32_MIN and INT32_MAX, schema/001_core.sql); a date's uncertainty
 * (hi - lo) and a row id must fit the narrower fields below, or the index
 * is not built and SQL answers (no real database comes near: 65,535 days
 * is 179 years). */
typedef struct gp_spell {
	uint32_t row;                /* the row id */
	uint32_t rec;                /* rec_from: index into recs (ascending) */
	int32_t from_lo, to_hi;      /* what an "at D" test reads */
	uint16_t from_span, to_span; /* from_hi - from_lo, to_hi - to_lo */
	uint32_t a, b;               /* entity indexes: organization, member; a, b */
	uint32_t str;                /* membership coding, relation attrs: offset + 1
				      * in the string arena; 0 = NULL (curated, no attrs) */
	uint16_t what;               /* membership: role | stage << 8; relation: type index
				      * (types are in code order) */
	uint8_t from_prec : 7;
	uint8_t within_lives : 1;    /* clipping it to its entities' lives (gp_clip_answer)
				      * leaves it as it is: its rows carry gp_life_unbounded */
	uint8_t to_prec : 7;
	uint8_t corrected : 1;       /* its fact id is not its row id: the index's
				      * fact_back list holds row - fact_id */
} gp_spell;

/* A corrected spell's edge tag and its row - fact_id. */
typedef struct gp_fact_back {
	uint32_t tag, back;
} gp_fact_back;

#define GP_SPELL_ROLE(s) ((int)((s)->what & 0xFFu))
#define GP_SPELL_STAGE(s) ((int)((s)->what >> 8))

/* Per-key lists of spell indexes: key k's are s[off[k]] .. s[off[k + 1] - 1]. */
typedef struct gp_order {
	uint32_t *off;
	uint32_t *s;
} gp_order;

/* An edge tag: a spell index, GP_EDGE_REL set for a relation. The
 * adjacency lists edge tags; the entity at the other end and the day the
 * edge starts are read from its spell (gp_memindex_other, _from_lo). */
#define GP_EDGE_REL 0x80000000u

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
	gp_spell *m;                 /* memberships, in row id order */
	size_t n_m;
	gp_spell *r;                 /* relations, in row id order */
	size_t n_r;
	int64_t *recs;               /* the distinct rec_from, ascending */
	size_t n_recs;
	/* The corrected spells (a later version of a fact: row id != fact
	 * id), by edge tag, ascending. Few rows are corrections, so the
	 * spells do not carry the field. */
	gp_fact_back *back;
	size_t n_back;
	/* per organization, by member code, from_lo (GP_SQL_MEMBERS order) */
	gp_order members;
	/* per member, by organization code, from_lo (GP_SQL_MEMBERSHIPS) */
	gp_order memberships;
	/* per entity, four segments in GP_SQL_EDGES order: memberships as the
	 * organization, as the member, relations as a, as b; each by to_hi,
	 * from_lo, rec_from, row id (the order of the interval indexes). The
	 * Entity e's segment k is adj[adj_off[4e + k]] .. adj[adj_off[4e + k + 1] - 1]. */
	uint32_t *adj_off;
	uint32_t *adj;
	/* Per entity, its relations in GP_SQL_RELATIONS_ONE's order (from_lo,
	 * type, a's code, b's code, to_hi, rec_from, row id; as a before as
	 * b), each as its position in the entity's last two adjacency
	 * segments taken as one list: entity e's are rel_pos[rel_off[e]] ..
	 * rel_pos[rel_off[e + 1] - 1]. 16 bits a position keeps the index
	 * within about 60 bytes a fact; NULL when an entity has more than
	 * 65,535 relations, and the relations of an entity are sorted per
	 * question instead. */
	uint32_t *rel_off;
	uint16_t *rel_pos;
	char *strings;               /* codes, types and attrs */
	gp_reach reach[GP_REACH_CACHE];
	uint64_t reach_clock;
} gp_memindex;

/* How a handle uses the index. AUTO builds it once the handle has asked
 * GP_MEMINDEX_WARM units of current-knowledge questions since the data
 * last changed (a one-shot CLI query never pays for a build), a slice at
 * a time: each question after that goes on with the build for at most
 * GP_MEMINDEX_SLICE_MS (and one step: GP_MEMINDEX_CHUNK rows read, one
 * pass over 8 chunks of an order's items, or the sorts of as many items),
 * and SQL answers it until the index is done, so that no question stalls
 * on the build (issue 17 item 3). OFF keeps every question on SQL (tests
 * compare the two); ALWAYS builds at once, whole. */
enum { GP_MEMINDEX_AUTO = 0, GP_MEMINDEX_OFF = 1, GP_MEMINDEX_ALWAYS = 2 };
#define GP_MEMINDEX_WARM 16
#define GP_MEMINDEX_SLICE_MS 20
#define GP_MEMINDEX_CHUNK 4096

int gp_memindex_mode(geopol_db *db, int mode);
/* A fresh index with a reference taken, or NULL: answer with SQL. `weight`
 * is what the question would cost on SQL, in point queries. Never fails
 * the question: a build error only means SQL answers. */
gp_memindex *gp_memindex_acquire(geopol_db *db, int weight);
void gp_memindex_release(gp_memindex *mi);
/* For tests and benchmarks: the rows a build step reads (0: the default)
 * and a slice's budget in milliseconds (0: one step a slice). */
int gp_memindex_slicing(geopol_db *db, size_t chunk, int64_t slice_ms);
/* For tests: the most relations of one entity that the index keeps in
 * order (gp_memindex.rel_pos; at most, and by default, 65,535). An entity
 * with more leaves every entity's relations to be sorted per question. */
int gp_memindex_rel_order_max(geopol_db *db, size_t most);
/* The slices of build the handle's questions went on with, and the
 * longest, in milliseconds. */
void gp_memindex_slices(const geopol_db *db, int64_t *slices, double *max_ms);
/* How many indexes the handle has built (tests, benchmarks). */
int64_t gp_memindex_builds(const geopol_db *db);
/* Bytes the handle's current index holds, with its cached adjacencies. */
size_t gp_memindex_bytes(const geopol_db *db);
/* Dense index of an entity row id, or -1. */
int64_t gp_memindex_entity(const gp_memindex *mi, int64_t id);

/* A spell (edge tag) as the row the front end fills items from. Strings
 * point into the index. */
void gp_memindex_edge_row(const gp_memindex *mi, uint32_t edge, gp_edge_row *r);

/* The collapsed adjacency at a span, from the cache, or when `build` is
 * set built now (one pass over the adjacency). Valid until the next call
 * on mi. NULL: not cached (build 0) or out of memory. */
const gp_reach *gp_memindex_reach(gp_memindex *mi, int64_t dlo, int64_t dhi, int build);
/* Entity u's edges of adjacency segment k (0..3) that end after dlo. */
void gp_memindex_hops(const gp_memindex *mi, uint32_t u, int k, int64_t dlo,
		      const uint32_t **begin, const uint32_t **end);

/* An edge's spell. */
static inline const gp_spell *gp_memindex_spell(const gp_memindex *mi, uint32_t edge)
{
	return edge & GP_EDGE_REL ? &mi->r[edge & ~GP_EDGE_REL] : &mi->m[edge];
}

/* The spells adjacency segment k's edges index (memberships, then
 * relations): a walk picks them once a segment, not once an edge. */
static inline const gp_spell *gp_memindex_segment_spells(const gp_memindex *mi, int k)
{
	return k < 2 ? mi->m : mi->r;
}

/* Whether edge (its spell s), clipped to its entities' lives
 * (gp_clip_answer), may hold on a day of [dlo, dhi]: the edges a walk
 * follows (issue 12). A spell within its entities' lives is tested
 * inline, the others clipped. */
int gp_memindex_clipped_holds(const gp_memindex *mi, uint32_t edge, int64_t dlo, int64_t dhi);
static inline int gp_memindex_spell_holds(const gp_memindex *mi, const gp_spell *s, uint32_t edge,
					  int64_t dlo, int64_t dhi)
{
	return s->within_lives ? gp_holds(s->from_lo, s->to_hi, dlo, dhi)
			       : gp_memindex_clipped_holds(mi, edge, dlo, dhi);
}

/* The entity at the other end of spell s from u. */
static inline uint32_t gp_spell_other(const gp_spell *s, uint32_t u)
{
	return s->a == u ? s->b : s->a;
}

static inline uint32_t gp_memindex_other(const gp_memindex *mi, uint32_t edge, uint32_t u)
{
	return gp_spell_other(gp_memindex_spell(mi, edge), u);
}

/* The rows of an "at D" question (what: GP_SPELLS_*, store.h) from the
 * index, as a store cursor; the SQLite store asks it for current knowledge.
 * ent and other are dense indexes (other -1: none). Takes over the
 * reference on mi, released when the cursor is freed (or on error). */
struct gp_row_cursor;
int gp_memindex_spells(struct gp_row_cursor **out, geopol_db *db, gp_memindex *mi, int what,
		       int64_t ent, int64_t other, int64_t dlo, int64_t dhi);

#endif
