/*
 * store.h - the storage interface the query front end talks to, in the
 * style of libgit2's git_refdb_backend: a struct of function pointers that
 * a store fills in, and a cursor that each store embeds first in its own.
 *
 * The front end (query/) owns the answers: which rows make an item, their
 * certainty (core/temporal.h), GEOPOL_DEFINITE_ONLY, the items and their
 * iterators. A store owns where rows live and how they are found: it
 * returns the rows of a key that may hold at a span as known at a recorded
 * time, in the question's order (temporal.h, "Order"), each as a
 * gp_edge_row (core/row.h). The SQLite store (sqlite_store.c) is the
 * whole implementation; the in-memory index (memindex.c) and the packed
 * blocks (pack.c) are its caches, consulted by the store itself, not read
 * paths the front end picks between. The PostgreSQL store (pg_store.c,
 * issue 21) implements the open, the transactions, the writes, the
 * reads of spells, scan, walk, events, entities, the dictionaries,
 * citations (in row order and of a row), a membership's attributes and
 * the coding ranks (pg_read.c, pg_walk.c, pg_events.c, pg_dict.c), names,
 * audit, entity_attrs and resolve's read_txn, name_keys and candidate
 * (pg_names.c), check_rows (pg_check.c), the panels' rows (pg_panel.c)
 * and the dataset importers' members (pg_import.c); the SQL of names,
 * resolve and check is written once for both stores (sql_names.h,
 * sql_check.h). The paths below that
 * call SQLite directly answer "... not yet available on the postgresql
 * store (issue 21)".
 *
 * Nothing here assumes SQLite: ids (entities, rows) are opaque 64-bit
 * integers the store hands out, and a question carries its parameters as
 * values, so a PostgreSQL store (issue 21) fills in the same struct with
 * its own SQL, indexes and caches.
 *
 * Moved behind the interface so far: the "at D" questions (members,
 * memberships, organizations in common, relations, pledges), the
 * snapshot (its entities, rows and the citations it reads by row, with
 * the maps of edge_maps.c) and the diff's rows and events, traversals,
 * the events (geopol_events, a dyad's history, an event read by row),
 * geopol_entities and geopol_entity_get, names (geopol_names, as
 * gp_name_row) and the checks geopol_clipped and geopol_uncited (audit,
 * GP_EVENTS_UNCITED, GP_NAMES_UNCITED), an item's citations
 * (geopol_iter_citations), an entity's attributes (entity_attrs) and an
 * ATOP membership's (membership_attrs, json_item.c), a relation type's
 * existence (find, export_focus.c), geopol_resolve's lookups (read_txn,
 * name_keys, candidate), geopol_check's rows (check_rows, read by column:
 * sqlite_check.c), the panels' rows (panel: every entity by code, the
 * memberships and relations a chunk of periods adds, entity by entity, and
 * a period's events with their actors; sqlite_panel.c, whose statements
 * tests/check_panel.c plan-checks), whole tables for geopol_copy
 * (copy.c: SQLite to PostgreSQL and back), transactions and the
 * recorded-time clock, and the writes of sources, entities, external
 * ids, relation and event types, facts (names, memberships, relations, events: added, corrected,
 * retracted) and citations (entity.c and fact.c keep the checks, the code
 * caches, the stamp, the savepoint and the messages), and the dataset
 * importers' own rows (release_begin to import_put: a release's
 * bookkeeping, their lookups, coded memberships through fact_add, a
 * membership version copied, entity attributes and lives, ATOP's
 * membership attributes, event types, GDELT's and ICEWS's event details
 * and an event by dataset id; sqlite_import.c), which io/import_dataset.c,
 * import_cow.c, import_atop.c, import_events.c and country_map.c keep the
 * rules of. query/query.c, events.c, diff.c, snapshot.c, edge_maps.c,
 * graph.c, check.c, panel.c, store/iter.c, entity.c, io/json_item.c,
 * export_focus.c, the importers (io/import*.c, country_map.c) and
 * search/resolve.c call no SQLite. store/sqlite_phased.c keeps the
 * statements the queries ran before, as the reference tests/check_diff.c
 * compares the diff with; no query runs it.
 *
 * Still calling SQLite directly (its own SQL): store/db.c's
 * gp_bulk_cache (a SQLite page-cache PRAGMA, skipped on another store's
 * handle; open, migrations and close are the store's). query/sql.c runs
 * the caller's read-only SQL on SQLite's file itself (with its
 * authorizer), and on another store through gp_store.user_sql (the
 * caller's SQL names the store's tables and views: PostgreSQL's are
 * SQLite's views, schema/pg/004). On another store's handle the paths
 * that call SQLite fail in gp_stmt (stmt.c).
 */
#ifndef GEOPOL_STORE_H
#define GEOPOL_STORE_H

#include "core/geopol_internal.h"

#include <string.h>

/* A value of a whole-table copy (gp_store.table_read, table_write_row). */
enum { GP_VALUE_NULL = 0, GP_VALUE_INT, GP_VALUE_REAL, GP_VALUE_TEXT };
typedef struct gp_value {
	int type;                /* GP_VALUE_* */
	int64_t i;               /* GP_VALUE_INT */
	double r;                /* GP_VALUE_REAL */
	const char *s;           /* GP_VALUE_TEXT: s[0..len), NUL-terminated too */
	size_t len;
} gp_value;

/* Which rows of a key a question reads. */
enum {
	GP_SPELLS_MEMBERS = 1,   /* memberships in organization ent, by member code, from_lo */
	GP_SPELLS_MEMBERSHIPS,   /* memberships of entity ent, by organization code, from_lo */
	GP_SPELLS_COMMON,        /* pairs: ent's and other's memberships in one organization,
				  * by organization code, ent's from_lo, other's from_lo */
	GP_SPELLS_RELATIONS,     /* relations of ent (with other if not 0), by from_lo, type,
				  * codes */
	GP_SPELLS_PLEDGES        /* pairs as COMMON, in the alliances where ent's membership
				  * pledges the obligation `type` (ATOP's membership_attr) */
};

/* A question for the rows of a key. */
typedef struct gp_spells_query {
	int what;                /* GP_SPELLS_* */
	int64_t ent, other;      /* entity ids (opaque); other 0: none */
	int64_t dlo, dhi;        /* the span asked (gp_at_span) */
	const char *type;        /* GP_SPELLS_PLEDGES: the obligation */
	const gp_q *q;           /* known_at, stages, coding, shadow (query_internal.h) */
} gp_spells_query;

/* A citation as a store keeps it: the source's id and the quoted passage
 * (borrowed like the row's strings). */
typedef struct gp_cite_ref {
	int64_t source_id;
	const char *quote;
} gp_cite_ref;

/* A cursor over rows, valid until freed (or its handle closed). Each store
 * puts it first in its own struct. */
typedef struct gp_row_cursor gp_row_cursor;
struct gp_row_cursor {
	/* The next row into rows[0] (GP_SPELLS_COMMON and _PLEDGES: the next
	 * pair, ent's in rows[0] and other's in rows[1]); strings are borrowed until the
	 * next call. GEOPOL_OK, GEOPOL_ITEROVER, or an error with the
	 * handle's message set. */
	int (*next)(gp_row_cursor *c, gp_edge_row *rows);
	/* Free the cursor (NULL is accepted by gp_row_cursor_free). */
	void (*free)(gp_row_cursor *c);
	/* Optional (NULL): citation i of the row last returned, when the
	 * store keeps them with the row. GEOPOL_OK, GEOPOL_ITEROVER past the
	 * last, GEOPOL_ENOTFOUND when this row's are not at hand (the front
	 * end then reads them by row), or an error. */
	int (*cite)(gp_row_cursor *c, size_t i, gp_cite_ref *out);
};

/* A walk: breadth-first from `from` over the memberships and relations
 * that hold at [dlo, dhi] as known at q->known_at and that the question
 * sees (gp_membership_visible), either direction, each entity reached once
 * through the first edge met in GP_SQL_EDGES order (memberships as the
 * organization, as the member, relations as a, as b); to `depth` hops, or
 * until `to` (not 0) is reached. */
typedef struct gp_walk_query {
	int64_t from, to;        /* entity ids (opaque); to 0: neighbours */
	int depth;
	int64_t dlo, dhi;
	const gp_q *q;
} gp_walk_query;

/* Which events gp_store.events reads. */
enum {
	GP_EVENTS_MATCH = 1,     /* geopol_events: every filter of gp_events_query; by
				  * date (from_lo), then row id; at most `limit` */
	GP_EVENTS_WINDOW,        /* the diff's: the window, k and the actor ent only (no
				  * limit), in the same order; the window is long, the
				  * store may let the date drive */
	GP_EVENTS_ONE,           /* the event row `row`, whatever the window and k */
	GP_EVENTS_UNCITED        /* those known at k that no citation cites, by date
				  * (from_lo): geopol_uncited's; no window, no limit */
};

/* A question for events. The window is the days [wlo, whi): an event is in
 * it when its date may stand for a day of it (GP_SQL_EVENT_WINDOW,
 * gp_event_certainty), with defonly only when every day of its date is. */
typedef struct gp_events_query {
	int what;                /* GP_EVENTS_* */
	int64_t row;             /* GP_EVENTS_ONE */
	int64_t ent, other;      /* an actor, and another of the same event (entity ids;
				  * 0: any; other only with ent) */
	int64_t wlo, whi;        /* the window */
	int defonly;
	int64_t k;               /* known at: rec_from <= k < rec_to */
	const char *type;        /* a prefix of the type's code (CAMEO's tree), NULL: any */
	const char *text;        /* in a title or description, any case, NULL: any */
	int quad;                /* the dataset's QuadClass (1..4), 0: any */
	int64_t limit;           /* < 0: none */
	const char *lang;        /* the title's language: this, else English, else any
				  * (NULL: English) */
} gp_events_query;

/* The event rows: gp_event_row (core/row.h). */
typedef struct gp_event_cursor gp_event_cursor;
struct gp_event_cursor {
	/* The next event into *row: GEOPOL_OK, GEOPOL_ITEROVER, or an error
	 * with the handle's message set. */
	int (*next)(gp_event_cursor *c, gp_event_row *row);
	void (*free)(gp_event_cursor *c);
};

/* Which entities gp_store.entities reads; lives as known at k (schema
 * 012). */
enum {
	GP_ENTITIES_LIVES = 1,   /* every entity, in no order: id, code and life only */
	GP_ENTITIES_ALIVE,       /* those known at k whose life may hold in [dlo, dhi], by
				  * code: the snapshot's */
	GP_ENTITIES_KIND,        /* those known at k of `kind` (0: any), by code */
	GP_ENTITIES_ONE          /* the entity `id`, whatever k */
};

typedef struct gp_entities_query {
	int what;                /* GP_ENTITIES_* */
	int64_t id;              /* GP_ENTITIES_ONE */
	int kind;                /* GP_ENTITIES_KIND */
	int64_t dlo, dhi;        /* GP_ENTITIES_ALIVE */
	int64_t k;
} gp_entities_query;

typedef struct gp_entity_cursor gp_entity_cursor;
struct gp_entity_cursor {
	/* The next entity into *row (gp_entity_row, core/row.h): GEOPOL_OK,
	 * GEOPOL_ITEROVER, or an error with the handle's message set. */
	int (*next)(gp_entity_cursor *c, gp_entity_row *row);
	void (*free)(gp_entity_cursor *c);
};

/* The sizes of a dictionary (gp_store.size): its highest id and its
 * number of rows, to size maps by id. */
enum { GP_SIZE_ENTITIES = 1, GP_SIZE_SOURCES, GP_SIZE_RELATION_TYPES };

/* The citations of a table's rows (gp_store.cites), by cited row then in
 * the order geopol_iter_citations() gives them, for a merge join with a
 * scan in id order. While a move answers GEOPOL_OK the cursor stands on a
 * citation: `row` the row it cites, `ref` it (the quote borrowed until the
 * cursor moves). */
typedef struct gp_cite_cursor gp_cite_cursor;
struct gp_cite_cursor {
	int64_t row;
	gp_cite_ref ref;
	/* To the first citation of a row >= row: GEOPOL_OK, GEOPOL_ITEROVER
	 * (none), or an error with the handle's message set. */
	int (*seek)(gp_cite_cursor *c, int64_t row);
	/* To the next citation: the same answers. */
	int (*step)(gp_cite_cursor *c);
	void (*free)(gp_cite_cursor *c);
};

/* Which names gp_store.names reads. */
enum {
	GP_NAMES_OF = 1,         /* of the entity ent, in the language lang (NULL: any),
				  * that may hold at [dlo, dhi] and are known at k; by
				  * language, kind, from_lo, text: geopol_names' */
	GP_NAMES_UNCITED         /* every name known at k that no citation cites, by
				  * entity code, language: geopol_uncited's */
};

typedef struct gp_names_query {
	int what;                /* GP_NAMES_* */
	int64_t ent;             /* GP_NAMES_OF: an entity id */
	const char *lang;        /* GP_NAMES_OF */
	int64_t dlo, dhi;        /* GP_NAMES_OF */
	int64_t k;
} gp_names_query;

typedef struct gp_name_cursor gp_name_cursor;
struct gp_name_cursor {
	/* The next name into *row (gp_name_row, core/row.h): GEOPOL_OK,
	 * GEOPOL_ITEROVER, or an error with the handle's message set. */
	int (*next)(gp_name_cursor *c, gp_name_row *row);
	void (*free)(gp_name_cursor *c);
};

/* Which rows gp_store.audit reads: memberships or relations known at k
 * that a check of the data names (geopol_clipped, geopol_uncited), in the
 * joined form (codes). */
enum {
	GP_AUDIT_CLIPPED = 1,    /* those that outlive an entity (a start before the later
				  * of their entities' starts or an end after the earlier
				  * of their ends: what gp_clip changes), by the two codes,
				  * from_lo, row id */
	GP_AUDIT_UNCITED         /* those that no citation cites, by the two codes */
};

/* Which names gp_store.name_keys looks up for search/resolve.c: names
 * current at k (GP_SQL_KNOWN) of entities recorded by k, each handed to
 * each(ctx, row) as a gp_name_key (strings borrowed for the call), in no
 * order. */
enum {
	GP_KEYS_CODE = 1,        /* the entities whose code is `key`, ASCII case ignored
				  * (name_id 0, name_kind 0, key NULL) */
	GP_KEYS_EXACT,           /* names whose search key is `key`; at most 512 */
	GP_KEYS_VARIANTS,        /* names with a variant of their first letters in
				  * `variants` (a JSON array of strings: schema/002's
				  * deletion index), of key length in [klo, khi]; at
				  * most 512 */
	GP_KEYS_BETWEEN          /* names whose key is > key and < hi, in bytes; at most 64 */
};

typedef struct gp_keys_query {
	int what;                /* GP_KEYS_* */
	const char *key, *hi;
	const char *variants;    /* GP_KEYS_VARIANTS, variants_len bytes */
	size_t variants_len;
	int klo, khi;
	int64_t k;
	const char *lang;        /* lang_match: the name is in this language */
} gp_keys_query;

typedef struct gp_name_key {
	int64_t name_id, entity_id;
	int name_kind, entity_kind;
	const char *key;         /* the name's search key */
	int lang_match;
} gp_name_key;

/* An entity as geopol_resolve gives it (gp_store.candidate); strings
 * borrowed for the call. */
typedef struct gp_candidate {
	const char *code;
	int kind;
	const char *name;        /* its display name at k: in the language asked, else
				  * English, else a current one, short, official, the
				  * first */
	const char *matched, *lang; /* the text and language of the name asked for
				  * (name_id 0: NULL) */
} gp_candidate;

/* The rows of geopol_check's rules (gp_store.check_rows; the rules and
 * their messages are query/check.c's, which lists each one's columns). */
enum {
	GP_CHECK_LIFE_M = 1,     /* current memberships outside their entities' lives */
	GP_CHECK_LIFE_R,         /* the same of relations (successions left out) */
	GP_CHECK_NAME_CLASH,     /* one name of two entities of one kind at one time */
	GP_CHECK_OVERLAP,        /* pairs of one coding's memberships that share a day */
	GP_CHECK_SUSPENDED,      /* a suspension overlapping a membership */
	GP_CHECK_PERSON_NAMES,   /* people without a current name in the language `arg` */
	GP_CHECK_QUOTES,         /* the quoted citations of sources with a file */
	GP_CHECK_CLIPPED_M,      /* current memberships that outlive an entity */
	GP_CHECK_CLIPPED_R       /* the same of relations */
};

/* A cursor over rows read by column: integers (NULL: 0) and texts (NULL:
 * NULL), borrowed until it moves. */
typedef struct gp_tuple_cursor gp_tuple_cursor;
struct gp_tuple_cursor {
	/* To the next row: GEOPOL_OK, GEOPOL_ITEROVER, or an error with the
	 * handle's message set. */
	int (*next)(gp_tuple_cursor *c);
	int64_t (*i)(gp_tuple_cursor *c, int col);
	const char *(*t)(gp_tuple_cursor *c, int col);
	void (*free)(gp_tuple_cursor *c);
};

/* ---- what the writes carry: values the front end checked and resolved;
 * strings are borrowed for the call. */

/* Which dictionary row gp_store.find looks for. */
enum {
	GP_FIND_ENTITY = 1,      /* by code: id, kind */
	GP_FIND_SOURCE,          /* by code: id */
	GP_FIND_XREF,            /* by (scheme = code, value): the entity's id */
	GP_FIND_RELATION_TYPE,   /* by code: directed (id 0) */
	GP_FIND_EVENT_TYPE       /* by code: (id 0) */
};

typedef struct gp_find {
	int what;                /* GP_FIND_* */
	const char *code;
	const char *value;       /* GP_FIND_XREF */
} gp_find;

/* An entity to add. */
typedef struct gp_entity_put {
	const char *code;
	int kind;
	const char *subkind;     /* NULL: none */
	geopol_date from, to;
	int64_t rec_from;
} gp_entity_put;

/* A relation type (what GP_FIND_RELATION_TYPE) or an event type
 * (GP_FIND_EVENT_TYPE) to add. */
typedef struct gp_type_put {
	int what;
	const char *code;
	int directed;            /* relation type */
	const char *label;       /* relation type, NULL: none */
	const char *name;        /* event type */
	double goldstein;        /* event type, NaN: none */
	const char *root;        /* event type: its CAMEO root, NULL: none */
} gp_type_put;

/* A version of a fact to add. When fact_id is 0 (a new fact) and a
 * current version of another fact is the same, the store adds nothing and
 * answers GP_UNCHANGED with that fact: a name of the same entity, language,
 * text, kind and dates (bounds and precisions); a relation of the same
 * type, entities (either way round when not directed), dates and attrs (as
 * JSON values); an event of the same ext_id (whatever fact_id). A
 * membership is checked whatever fact_id: a current one of the same
 * organization, member and role, not of a dataset's coding and not the
 * fact fact_id, that definitely overlaps it ([from_hi, to_lo) of each
 * meet) is GP_UNCHANGED when its dates and stage are the same, else
 * GEOPOL_ECONFLICT. */
typedef struct gp_fact_put {
	int kind;                /* GEOPOL_FACT_* */
	int64_t fact_id;         /* 0: a new fact (its id the store's); else a version of it */
	int64_t rec_from;        /* the write's stamp */
	int64_t ent, other;      /* name: the entity; membership: organization, member;
				  * relation: a, b */
	geopol_date from, to;    /* validity; an event's date and end */
	int code;                /* name: its kind; membership: its role */
	int stage;               /* membership: as stored (gp_stage_stored) */
	int directed;            /* relation: (b, a) is another fact */
	const char *type;        /* relation, event */
	const char *lang, *text, *key; /* name: language, as written, its search key */
	const char *attrs;       /* relation: a JSON object, NULL: none */
	const char *ext_id, *location; /* event, NULL: none */
	double intensity;        /* event, NaN: none */
	const char *coding;      /* membership: a dataset's coding (schema 003), NULL:
				  * none. A coded membership is added unchecked: its
				  * importer probed (gp_store.look, GP_LOOK_CODED) */
} gp_fact_put;

/* An event's actor: an entity id and a role (GEOPOL_ACTOR_*). */
typedef struct gp_actor_put {
	int64_t entity;
	int role;
} gp_actor_put;

/* The entities' lives as known at k, looked up once per question and
 * entity (store/sqlite_row.c), to clip the rows of an answer to them. */
typedef struct gp_lives {
	int64_t k;
	gp_cache ix;                 /* entity code -> index in v */
	gp_span *v;
	size_t n, cap;
} gp_lives;
/* Clip r to the lives of its entities as known at l->k (gp_clip_answer):
 * r->a_life/b_life when set, else looked up once per entity and cached in
 * l. 1: something is left, 0: nothing, < 0: error. */
int gp_clip_row_lives(geopol_db *db, gp_lives *l, gp_edge_row *r);
static inline int gp_clip_row(geopol_db *db, gp_lives *l, gp_edge_row *r)
{
	return gp_lives_unbounded(r->a_life, r->b_life) ? 1 : gp_clip_row_lives(db, l, r);
}
void gp_lives_free(gp_lives *l);

/* A walk's hops: each as the edge row taken (rows[0] of next) and, after
 * next, where it leads from. */
typedef struct gp_hop_cursor {
	gp_row_cursor base;      /* first */
	const char *via;         /* code of the entity the hop leaves (borrowed
				  * like the row's strings) */
	int depth;               /* hops from the start, 1.. */
} gp_hop_cursor;

/* ---- what the dataset importers carry (io/import_dataset.c,
 * import_cow.c, import_atop.c, country_map.c; gp_store.release_* to
 * import_put, issue 14 point 2). Values, as the writes above. */

/* What a release marks seen beside the facts (GEOPOL_FACT_*: names by fact
 * id, the others by row id). */
enum {
	GP_RELEASE_ENTITY = 10,  /* an entity the release names or sets attributes of */
	GP_RELEASE_ATTR = 11     /* an entity_attr row */
};

/* What a release notes (gp_store.release_note). */
enum {
	GP_NOTE_SOURCE = 1,      /* a source of its files: source_id */
	GP_NOTE_KEY,             /* an attribute key it writes: key */
	GP_NOTE_SPAN             /* the span a file covers for source_id's events: the
				  * days lo..hi (by_added 0) or GDELT's DATEADDED values
				  * (by_added 1) */
};

typedef struct gp_release_note {
	int what;                /* GP_NOTE_* */
	int64_t source_id;
	const char *key;
	int by_added;
	int64_t lo, hi;
} gp_release_note;

/* Which rows gp_store.look finds; each answer a gp_look_row with the
 * fields named here. "Current": rec_to is GP_REC_CURRENT. */
enum {
	GP_LOOK_ENTITY = 1,      /* the entity `id` (0: the one of code `code`): id, text
				  * (its code), kind, v (its life as stored), source (the
				  * source that dated it, 0: none), rec (when that life
				  * was recorded) */
	GP_LOOK_XREF,            /* the external ids of entity `id` in scheme `code`:
				  * text (the value) */
	GP_LOOK_NAME_KEY,        /* a current name of entity `id` whose search key is
				  * `key`: at most one row, id (the name's row) */
	GP_LOOK_NAMED,           /* the entities of kind `kind` with a current English
				  * name whose search key is `key`: text (the code), each
				  * once, at most two */
	GP_LOOK_CODED,           /* a current membership of coding `code`, organization
				  * `id`, member `other` and role `role` that definitely
				  * overlaps [from, to]: at most one, id (its row), fact,
				  * same (its dates are from and to) */
	GP_LOOK_MEMBERSHIP_FROM, /* the current membership of coding `code`, organization
				  * `id` and member `other` that begins on from's first
				  * day: id (its row) */
	GP_LOOK_MEMBERSHIP_ATTRS,/* the attributes of membership row `id`: text (the key),
				  * text2 (the value), in no order */
	GP_LOOK_ATTR,            /* the current attribute `key` of entity `id`: id (its
				  * row), same (its value is `value`) */
	GP_LOOK_EVENT_TYPE,      /* the event type `code`: text (its name), real (its
				  * Goldstein value, NaN: none) */
	GP_LOOK_EVENT_EXT        /* the current event of dataset id `code`: id (its row),
				  * fact, text (its details' digest, NULL: none) */
};

typedef struct gp_look {
	int what;                /* GP_LOOK_* */
	int64_t id, other;
	int role, kind;
	const char *code, *key, *value;
	geopol_date from, to;
} gp_look;

typedef struct gp_look_row {
	int64_t id, fact;
	int kind, same;
	const char *text, *text2; /* borrowed for the call */
	int64_t v[6];            /* an interval as stored: from_lo, from_hi, from_prec,
				  * to_lo, to_hi, to_prec */
	int64_t source, rec;
	double real;
} gp_look_row;

/* An event's dataset fields (event_detail, schema 008), for
 * GP_PUT_EVENT_DETAIL; the strings borrowed for the call. */
typedef struct gp_event_detail {
	const char *digest;      /* the record's digest (16 hex digits) */
	int quad;                /* QuadClass 1..4, 0: none */
	long counts[3];          /* mentions, sources, articles; < 0: none */
	double reals[3];         /* tone, lat, lon; NaN: none */
	const char *attrs;       /* the other fields as a JSON object, attrs_len bytes;
				  * NULL: none */
	size_t attrs_len;
} gp_event_detail;

/* Which rows gp_store.import_put writes. */
enum {
	GP_PUT_ATTR = 1,         /* attribute key = value of entity `id` given by `source`,
				  * recorded from rec_from; the row `replaces` (0: none)
				  * is closed at rec_from, never overwritten; *row the new
				  * row */
	GP_PUT_LIFE,             /* entity `id` dated [from, to] by `source`; with keep,
				  * the life stored until now moves to entity_life closed
				  * at rec_from, and rec_from becomes when the new one was
				  * recorded (without, that is unchanged) */
	GP_PUT_MEMBERSHIP_ATTR,  /* attribute key = value of membership row `id`, added or
				  * replaced (ATOP's obligations of a member) */
	GP_PUT_EVENT_TYPE,       /* event type `key` named `value` under CAMEO root `root`,
				  * added; a stored one keeps its name with keep, else
				  * takes this one (its Goldstein value kept either way) */
	GP_PUT_GOLDSTEIN,        /* the Goldstein value `real` (NaN: none) of the stored
				  * event type `key` */
	GP_PUT_EVENT_DETAIL      /* the dataset fields `detail` of event row `id` */
};

typedef struct gp_import_put {
	int what;                /* GP_PUT_* */
	int64_t id;
	const char *key, *value;
	int64_t source, rec_from, replaces;
	geopol_date from, to;
	int keep;
	const char *root;
	double real;
	const gp_event_detail *detail;
} gp_import_put;

/* ---- the panels (query/panel.c; issue 14, point 2): gp_store.panel */
/* Which rows gp_store.panel reads. The panel reads its memberships and
 * relations a chunk of periods at a time: the rows of the entities
 * ents[0..n_ents) that start in (after, dhi], end after dlo (to_hi > dlo)
 * and are known at k, in no order (the SQLite store reads them entity by
 * entity through its (entity, to_hi) indexes, the PostgreSQL store all at
 * once); and its events a period at a time. */
enum {
	GP_PANEL_ENTITIES = 1,   /* every entity, by code (bytewise): id, text (its code),
				  * kind, subkind, its life as the entity row stores it
				  * (current knowledge, whatever k) */
	GP_PANEL_MEMBERSHIPS,    /* full memberships (role founding member or member) of
				  * the members ents that the question sees (q:
				  * gp_membership_visible and the coding ranks): a the
				  * member, b the organization, when */
	GP_PANEL_PLEDGES,        /* the same, attrs the obligations the member takes on
				  * as "key=value,key=value" (in no order): its own
				  * (membership_attr), else the organization's attributes
				  * known at k (entity_attr); NULL: none */
	GP_PANEL_RELATIONS,      /* relations whose a is in ents: id the row, a, b, text
				  * its type, attrs (JSON, NULL: none), when */
	GP_PANEL_EVENTS          /* the events known at k whose date may stand for a day
				  * of [dlo, dhi] (GP_SQL_EVENT_WINDOW; with defonly only
				  * those whose every day is) that have an actor, by date
				  * (from_lo) then row id, one row an event: id the event
				  * row, text its type, value its intensity, else its
				  * type's Goldstein value (NaN: none), quad the dataset's
				  * QuadClass (0: none), when its date, actors its actors
				  * (in no order) */
};

typedef struct gp_panel_query {
	int what;                /* GP_PANEL_* */
	const int64_t *ents;     /* MEMBERSHIPS, PLEDGES, RELATIONS: entity ids, borrowed
				  * until the cursor is freed */
	size_t n_ents;
	int64_t after, dlo, dhi; /* see GP_PANEL_*; EVENTS: the days [dlo, dhi] */
	int64_t k;
	int defonly;             /* EVENTS */
	const gp_q *q;           /* MEMBERSHIPS, PLEDGES: stages, coding, shadow */
} gp_panel_query;

/* A row of a panel's read; which fields a kind sets is said at GP_PANEL_*.
 * Strings are borrowed until the cursor moves. */
/* An event's actor (GP_PANEL_EVENTS): an entity id and its role. */
typedef struct gp_panel_actor {
	int64_t entity;
	int role;                /* GEOPOL_ACTOR_* */
} gp_panel_actor;

typedef struct gp_panel_row {
	int64_t id;
	int64_t a, b;
	const char *text;
	const char *subkind;
	const char *attrs;
	int kind, quad;
	int stage;               /* memberships: its stage (GEOPOL_STAGE_*) */
	double value;
	gp_span when;            /* from_lo, from_hi, to_lo, to_hi (precisions 0) */
	const gp_panel_actor *actors;
	size_t n_actors;
} gp_panel_row;

typedef struct gp_panel_cursor gp_panel_cursor;
struct gp_panel_cursor {
	/* The next row into *row: GEOPOL_OK, GEOPOL_ITEROVER, or an error
	 * with the handle's message set. */
	int (*next)(gp_panel_cursor *c, gp_panel_row *row);
	void (*free)(gp_panel_cursor *c);
};

typedef struct gp_store {
	unsigned version;
	const char *name;        /* "sqlite", "postgresql", for messages */
	/* Whether the store keeps the database `path` names (a file name, a
	 * URL): geopol_open asks the stores of gp_stores[] in turn and the
	 * first that claims the path is the handle's. */
	int (*claims)(const char *path);
	/* Connect the handle to the database `path` names (db->read_only
	 * set, the options checked), creating or migrating its schema unless
	 * read-only: GEOPOL_OK, or an error with the handle's message set (the
	 * handle is then closed by the caller). A store must provide it. */
	int (*open)(geopol_db *db, const char *path, const geopol_open_options *opts);
	/* Disconnect (rolling back what is open); after the handle's
	 * iterators ended and its hooks ran. */
	void (*close)(geopol_db *db);
	/* The schema version of the store's database (its own numbering). */
	int (*schema_version)(const geopol_db *db);
	/* The rows of a key that may hold at [dlo, dhi] (gp_holds) and are
	 * known at q->known_at (gp_known), in the question's order; rows the
	 * question does not see (gp_membership_visible, the coding ranks) are
	 * left out. A store must provide it. */
	int (*spells)(gp_row_cursor **out, geopol_db *db, const gp_spells_query *q);
	/* Every row of a table (kind: GEOPOL_FACT_MEMBERSHIP or _RELATION)
	 * that may hold at [dlo, dhi] and is known at k, in id order, in the
	 * raw form (entity ids, no codes) with its rec_to: the snapshot and
	 * the diff. A store must provide it. */
	int (*scan)(gp_row_cursor **out, geopol_db *db, int kind, int64_t dlo, int64_t dhi,
		    int64_t k);
	/* A walk's hops (gp_walk_query): for neighbours (to 0) every entity
	 * reached, in visiting order; for a path the hops from `from` to `to`
	 * in order, or GEOPOL_ENOTFOUND, with no message, when `to` is not
	 * reached within `depth`. A store must provide it. */
	int (*walk)(gp_hop_cursor **out, geopol_db *db, const gp_walk_query *q);
	/* The events a question reads (gp_events_query), each with its
	 * actors, dataset fields and title. A store must provide it. */
	int (*events)(gp_event_cursor **out, geopol_db *db, const gp_events_query *q);
	/* The entities a question reads (gp_entities_query). A store must
	 * provide it. */
	int (*entities)(gp_entity_cursor **out, geopol_db *db, const gp_entities_query *q);
	/* A dictionary's highest id and number of rows (GP_SIZE_*), 0 when
	 * empty. */
	int (*size)(geopol_db *db, int what, int64_t *max_id, int64_t *count);
	/* Every relation type, each once, in no order: each(ctx, code,
	 * directed) is called for it (the code borrowed for the call), and a
	 * non-zero answer stops the walk and is returned. */
	int (*relation_types)(geopol_db *db, int (*each)(void *ctx, const char *code, int directed),
			      void *ctx);
	/* The memberships known at k that a better-ranked coding of their
	 * pair outranks (gp_membership_visible's shadow; few), each(ctx, row)
	 * for each row id, stopped as relation_types. */
	int (*shadowed)(geopol_db *db, int64_t k, int (*each)(void *ctx, int64_t row), void *ctx);
	/* A source by id: GEOPOL_OK with its code and title (borrowed until
	 * the next call to the store), GEOPOL_ENOTFOUND with no message. */
	int (*source_get)(geopol_db *db, int64_t id, const char **code, const char **title);
	/* A cursor over the citations of the memberships or the relations
	 * (kind GEOPOL_FACT_*), standing nowhere until its first seek. */
	int (*cites)(gp_cite_cursor **out, geopol_db *db, int kind);
	/* The rank of a coding (schema/009): GEOPOL_OK with *rank, or
	 * GEOPOL_ENOTFOUND with no message when no one ranked it. */
	int (*coding_rank)(geopol_db *db, const char *coding, int *rank);

	/* ---- writes. The front end keeps the rules (db.c: one savepoint a
	 * public write, its stamp, the commit hooks, the caches cleared on a
	 * rollback; clock.c: stamps strictly increase) and asks the store
	 * for the steps. */
	/* A step of the handle's transaction (GP_TXN_*): GEOPOL_OK, or an
	 * error with the handle's message set. A store must provide it. */
	int (*txn)(geopol_db *db, int step);
	/* Optional (NULL: geopol_begin_bulk is geopol_begin): the steps of a
	 * bulk transaction (GP_BULK_*), which a store may make cheaper to
	 * load by deferring what no write's check reads (SQLite: its
	 * secondary indexes, sqlite_bulk.c). GEOPOL_OK or an error with the
	 * handle's message set. */
	int (*bulk)(geopol_db *db, int step);
	/* Whether a transaction is open on the handle's connection. */
	int (*in_txn)(const geopol_db *db);
	/* The store's clock: microseconds since 1970-01-01 UTC, which a
	 * write's recorded time is taken from (clock.c). */
	int64_t (*now)(const geopol_db *db);
	/* Optional (NULL: a write is stamped with `now`, clock.c): the stamp
	 * of a write in real time when the store stamps at commit (the
	 * PostgreSQL store, schema/pg/003: provisional stamps, rewritten in
	 * write order into the commit's). Not called with a fixed clock. */
	int64_t (*provisional_stamp)(geopol_db *db);
	/* Optional (NULL: nothing to wait for): make "as known at k"
	 * answers final before a question reads (gp_query_defaults): wait
	 * for any commit being stamped, so that every later commit is
	 * stamped after k. GEOPOL_OK or an error with the message set. */
	int (*settle)(geopol_db *db, int64_t k);

	/* ---- rows written. The front end (entity.c, fact.c) checks the
	 * input, resolves codes (through its caches, which ask `find`),
	 * stamps the write, holds its savepoint and writes every message;
	 * the store adds the rows it is given and reports what it found in
	 * its way: GP_UNCHANGED for the same row stored already, and
	 * GEOPOL_ECONFLICT for a row its constraints refuse, each with the
	 * stored row's id and no message. Other errors set the handle's
	 * message. All must be provided. */
	/* A dictionary row by its key (gp_find): GEOPOL_OK with *id (and
	 * *aux: an entity's kind, a relation type's directedness), or
	 * GEOPOL_ENOTFOUND with no message. */
	int (*find)(geopol_db *db, const gp_find *f, int64_t *id, int *aux);
	/* A new entity (its code is not stored: the front end looked):
	 * *id its id. */
	int (*entity_add)(geopol_db *db, const gp_entity_put *e, int64_t *id);
	/* A source: GP_UNCHANGED when its code is stored with the same
	 * details, GEOPOL_ECONFLICT when with others. */
	int (*source_add)(geopol_db *db, const geopol_source_spec *s, int64_t rec_from);
	/* An external id (scheme, value) of an entity (not stored: the front
	 * end looked). */
	int (*xref_add)(geopol_db *db, int64_t entity, const char *scheme, const char *value);
	/* A relation type (t->what GP_FIND_RELATION_TYPE): GP_UNCHANGED when
	 * its code is stored with the same directedness, GEOPOL_ECONFLICT
	 * with the other. An event type (GP_FIND_EVENT_TYPE): added, or its
	 * name and goldstein replaced; GP_UNCHANGED when they were the same. */
	int (*type_add)(geopol_db *db, const gp_type_put *t);
	/* A fact's version (gp_fact_put): GEOPOL_OK with *fact (the fact id:
	 * f->fact_id or a new one) and *row (the version's row id);
	 * GP_UNCHANGED with *fact the stored fact that is the same (see
	 * gp_fact_put); GEOPOL_ECONFLICT with *fact a current membership the
	 * new one overlaps. */
	int (*fact_add)(geopol_db *db, const gp_fact_put *f, int64_t *fact, int64_t *row);
	/* An event row's actors (entity ids, each once a role) and texts (one
	 * a language, the last given kept). */
	int (*event_parts)(geopol_db *db, int64_t row, const gp_actor_put *actors, size_t n_actors,
			   const geopol_text_spec *texts, size_t n_texts);
	/* The row of the current version of a fact: GEOPOL_OK with *row, or
	 * GEOPOL_ENOTFOUND with no message. */
	int (*fact_current)(geopol_db *db, int kind, int64_t fact_id, int64_t *row);
	/* Close a version in recorded time: its rec_to becomes `rec_to`. */
	int (*fact_close)(geopol_db *db, int kind, int64_t row, int64_t rec_to);
	/* Cite a source for a row; the same (source, quote) twice is one
	 * citation. fresh: the row was added by this write and has none yet,
	 * so the store may skip looking. */
	int (*cite_add)(geopol_db *db, int kind, int64_t row, int64_t source, const char *quote,
			int fresh);
	/* Give row `to` the citations of row `from` (a correction). */
	int (*cites_copy)(geopol_db *db, int kind, int64_t from, int64_t to);
	/* Set the rank of a coding, added or replaced. */
	int (*coding_rank_set)(geopol_db *db, const char *coding, int rank);

	/* ---- reads added after the writes (issue 14, point 2). */
	/* Names (gp_names_query), as gp_name_row. */
	int (*names)(gp_name_cursor **out, geopol_db *db, const gp_names_query *q);
	/* The rows of a table (kind GEOPOL_FACT_MEMBERSHIP or _RELATION) that
	 * a check names (what: GP_AUDIT_*), known at k, as gp_edge_row in the
	 * joined form; its next fills rows[0]. */
	int (*audit)(gp_row_cursor **out, geopol_db *db, int what, int kind, int64_t k);
	/* The citations of row `row` of a fact kind (GEOPOL_FACT_*), in the
	 * order they were given: each(ctx, source code, source title, quote)
	 * (strings borrowed for the call, title and quote NULL when none); a
	 * non-zero answer stops the walk and is returned. */
	int (*citations)(geopol_db *db, int kind, int64_t row,
			 int (*each)(void *ctx, const char *source, const char *title,
				     const char *quote),
			 void *ctx);
	/* The attributes of entity `id` known at k as one JSON object, keys in
	 * order, in *json (the caller frees it); *json NULL when it has none. */
	int (*entity_attrs)(geopol_db *db, int64_t id, int64_t k, char **json);
	/* The attributes of the membership version of fact `fact_id` recorded
	 * at rec_from (membership_attr: ATOP's obligations and provisions), by
	 * key: each(ctx, key, value), stopped as citations. */
	int (*membership_attrs)(geopol_db *db, int64_t fact_id, int64_t rec_from,
				int (*each)(void *ctx, const char *key, const char *value),
				void *ctx);
	/* A read transaction (end 0: begin, 1: end), so that the reads of one
	 * answer (a lookup, a whole-database copy) see one state of the
	 * database: a savepoint inside the caller's transaction, else a
	 * transaction that only reads. */
	int (*read_txn)(geopol_db *db, int end);
	/* Names by their search keys (gp_keys_query): each(ctx, row) for
	 * each, stopped as citations. */
	int (*name_keys)(geopol_db *db, const gp_keys_query *q,
			 int (*each)(void *ctx, const gp_name_key *row), void *ctx);
	/* The entity `entity` as a candidate (gp_candidate), known at k, with
	 * the name name_id (0: none), handed to each(ctx, c), whose answer is
	 * returned; an entity that is not there is GEOPOL_EDB with the
	 * handle's message set. */
	int (*candidate)(geopol_db *db, int64_t entity, int64_t name_id, int64_t k,
			 const char *lang, int (*each)(void *ctx, const gp_candidate *c),
			 void *ctx);

	/* ---- whole tables, for geopol_copy (copy.c), which names the tables
	 * and their columns from its own list, never from a caller. */
	/* The columns of `table` the store keeps (generated ones left out), in
	 * the table's order: *cols an array of *n strings, each and the array
	 * freed with geopol_free; GEOPOL_ENOTFOUND when there is no such table. */
	int (*table_columns)(geopol_db *db, const char *table, char ***cols, size_t *n);
	/* Every row of `table`, the n columns named, in id order (a table
	 * without an id: the order its rows were written in), each given to
	 * `each` (values borrowed until it returns); a positive return from
	 * `each` stops the read with GEOPOL_OK. */
	int (*table_read)(geopol_db *db, const char *table, const char *const *cols, size_t n,
			  int (*each)(void *ctx, const gp_value *row), void *ctx);
	/* Append rows to `table` as they are given, ids and all, inside the
	 * handle's transaction: begin (replace: remove the table's rows first),
	 * a row at a time, then end, which also moves the table's id counter
	 * past the ids written. end(ok 0) abandons what was begun. */
	int (*table_write_begin)(geopol_db *db, const char *table, const char *const *cols, size_t n,
				 int replace);
	int (*table_write_row)(geopol_db *db, const gp_value *row);
	int (*table_write_end)(geopol_db *db, int ok);
	/* The rows of a rule of geopol_check (GP_CHECK_*; arg borrowed until
	 * the cursor is freed), standing before the first. */
	int (*check_rows)(gp_tuple_cursor **out, geopol_db *db, int what, const char *arg);

	/* ---- the dataset importers (io/import_dataset.c, import_cow.c,
	 * import_atop.c, import_events.c, country_map.c; issue 14 point 2).
	 * The importers keep the rules (the same row, a release's correction,
	 * a conflict, what a release retracts) and every message; the store
	 * keeps what a release noted and finds and writes the rows. A coded
	 * membership is fact_add's (gp_fact_put.coding); citations are
	 * cite_add's and cites_copy's; a version closed, fact_close's. All
	 * must be provided. */
	/* Start a release import: nothing noted, nothing seen. */
	int (*release_begin)(geopol_db *db);
	/* Note a source, a key or a span of the release (gp_release_note). */
	int (*release_note)(geopol_db *db, const gp_release_note *n);
	/* Mark n rows of a kind (a GEOPOL_FACT_*, GP_RELEASE_*) seen, each
	 * once however often marked. */
	int (*release_mark)(geopol_db *db, int kind, const int64_t *rows, size_t n);
	/* 1 when the row was marked seen, 0 if not, or an error. */
	int (*release_seen)(geopol_db *db, int kind, int64_t row);
	/* Close at rec_to what the release no longer has, adding the number
	 * of rows closed to *closed: the current memberships of a coding that
	 * cite a noted source; the current events with a dataset id that cite
	 * a noted source and lie in one of its spans (the event's date, or its
	 * DATEADDED); the current names citing a noted source of the entities
	 * marked; the current attributes of a noted key and source of the
	 * entities marked. In each, the rows marked seen are kept. */
	int (*release_end)(geopol_db *db, int64_t rec_to, uint64_t *closed);
	/* The rows a lookup finds (gp_look): each(ctx, row) for each, stopped
	 * as citations. */
	int (*look)(geopol_db *db, const gp_look *q, int (*each)(void *ctx, const gp_look_row *r),
		    void *ctx);
	/* A copy of version `row` of a membership (kind GEOPOL_FACT_MEMBERSHIP),
	 * the same in all but its recorded time, from rec_from on: *out its row
	 * (its citations are cites_copy's). */
	int (*fact_copy)(geopol_db *db, int kind, int64_t row, int64_t rec_from, int64_t *out);
	/* A row only the datasets write (gp_import_put); *row (may be NULL) the
	 * row added, 0 when none. */
	int (*import_put)(geopol_db *db, const gp_import_put *p, int64_t *row);

	/* ---- the panels (issue 14, point 2: query/panel.c calls no SQLite) */
	/* The rows a panel reads (gp_panel_query), as gp_panel_row. */
	int (*panel)(gp_panel_cursor **out, geopol_db *db, const gp_panel_query *q);

	/* ---- geopol_sql on a store other than SQLite's (query/sql.c runs
	 * SQLite's itself, with its authorizer). Optional (NULL: refused).
	 * The caller's one statement, read-only, on the store's tables and
	 * views (the PostgreSQL store: schema/pg/004's views, the same as
	 * SQLite's), its header then each row handed to fn. */
	int (*user_sql)(geopol_db *db, const char *sql, geopol_sql_fn fn, void *ctx);
} gp_store;

/* The steps of a transaction (gp_store.txn). */
enum {
	GP_TXN_BEGIN = 1,  /* start one, holding the write lock now (waiting up to the
			    * busy timeout, then GEOPOL_EBUSY) */
	GP_TXN_COMMIT,
	GP_TXN_ROLLBACK,
	GP_TXN_SAVEPOINT,  /* open the one savepoint of a public write (not nested) */
	GP_TXN_RELEASE,    /* end it, keeping its work in the transaction */
	GP_TXN_UNDO        /* undo its work and end it */
};

/* The steps of a bulk transaction (gp_store.bulk). */
enum {
	GP_BULK_BEFORE = 1, /* before GP_TXN_BEGIN: the connection's settings */
	GP_BULK_BEGIN,     /* just after GP_TXN_BEGIN, in the transaction: defer */
	GP_BULK_FINISH,    /* before the commit: build what was deferred, in the
			    * transaction (a failed commit's rollback drops it too) */
	GP_BULK_END        /* after the commit or the rollback: the connection's
			    * settings as before, what was kept freed */
};

#define GP_STORE_VERSION 1

/* The store of a handle, chosen when it was opened. */
static inline const gp_store *gp_store_of(const geopol_db *db)
{
	return db->store;
}

/* The stores built in, in the order geopol_open asks them, ending with
 * NULL (store.c). The SQLite store is last: it claims every path. */
extern const gp_store *const gp_stores[];
/* The store that claims path (never NULL: SQLite takes the rest). */
const gp_store *gp_store_for(const char *path);

/* The SQLite store (sqlite_store.c). */
extern const gp_store gp_sqlite_store;
/* The PostgreSQL store (pg_store.c), built with libpq (GEOPOL_HAVE_LIBPQ). */
extern const gp_store gp_pg_store;
/* Whether path names a PostgreSQL database. The rule, written once: a
 * path that begins with the scheme "postgresql:" or "postgres:", either
 * libpq's URL ("postgresql://host/db") or a libpq conninfo after the
 * scheme ("postgresql:host=/tmp dbname=geopol", "postgresql:service=g").
 * Nothing else is claimed, so no file name is taken from SQLite by
 * accident: a file really named so is opened as "./postgresql:...". */
static inline int gp_pg_claims(const char *path)
{
	return path && (strncmp(path, "postgresql:", 11) == 0 || strncmp(path, "postgres:", 9) == 0);
}

static inline void gp_row_cursor_free(gp_row_cursor *c)
{
	if (c)
		c->free(c);
}

static inline void gp_event_cursor_free(gp_event_cursor *c)
{
	if (c)
		c->free(c);
}

static inline void gp_entity_cursor_free(gp_entity_cursor *c)
{
	if (c)
		c->free(c);
}

static inline void gp_name_cursor_free(gp_name_cursor *c)
{
	if (c)
		c->free(c);
}

static inline void gp_tuple_cursor_free(gp_tuple_cursor *c)
{
	if (c)
		c->free(c);
}

static inline void gp_cite_cursor_free(gp_cite_cursor *c)
{
	if (c)
		c->free(c);
}

static inline void gp_panel_cursor_free(gp_panel_cursor *c)
{
	if (c)
		c->free(c);
}

#endif
