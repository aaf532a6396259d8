/*
 * row.h - a membership or a relation row ("an edge"), the one form in
 * which every engine hands a fact version to the query front end: the SQL
 * queries, the in-memory index, the packed blocks and the snapshot's scan.
 *
 * The columns of each kind are declared once, below, as an X-macro: each
 * X(NAME, joined, raw) names a field, its column in the queries that join
 * the entity codes (GP_MEMBERSHIP_COLS, "o.code") and its column in the
 * scans that read the table alone (GP_MEMBERSHIP_RAW_COLS, "m.org_id").
 * The SQL column lists and the column offsets (GP_MC_*, GP_RC_*) derive
 * from it, and gp_edge_row_read() reads a row with those offsets: adding a
 * column is one line here, one in gp_edge_row and one in each reader.
 * gp_fill_edge() turns a row into the iterator's item, in one place.
 */
#ifndef GEOPOL_ROW_H
#define GEOPOL_ROW_H

#include "core/temporal.h"
#include <sqlite3.h>

/* Membership: alias m of the table, o and e of the organization and member
 * entities (joined form). */
#define GP_MEMBERSHIP_FIELDS(F, X, m, o, e) \
	F(ID, m ".id", m ".id") \
	X(FACT, m ".fact_id", m ".fact_id") \
	X(A, o ".code", m ".org_id") \
	X(B, e ".code", m ".member_id") \
	X(ROLE, m ".role", m ".role") \
	X(FLO, m ".from_lo", m ".from_lo") \
	X(FHI, m ".from_hi", m ".from_hi") \
	X(FPREC, m ".from_prec", m ".from_prec") \
	X(TLO, m ".to_lo", m ".to_lo") \
	X(THI, m ".to_hi", m ".to_hi") \
	X(TPREC, m ".to_prec", m ".to_prec") \
	X(REC, m ".rec_from", m ".rec_from") \
	X(STAGE, m ".stage", m ".stage") \
	X(CODING, m ".coding", m ".coding")

/* Relation: alias r of the table, t of its type, a and b of the entities.
 * The raw scans take `directed` from their own map of the types. */
#define GP_RELATION_FIELDS(F, X, r, t, a, b) \
	F(ID, r ".id", r ".id") \
	X(FACT, r ".fact_id", r ".fact_id") \
	X(A, a ".code", r ".a_id") \
	X(B, b ".code", r ".b_id") \
	X(TYPE, r ".type", r ".type") \
	X(DIRECTED, t ".directed", "0") \
	X(ATTRS, r ".attrs", r ".attrs") \
	X(FLO, r ".from_lo", r ".from_lo") \
	X(FHI, r ".from_hi", r ".from_hi") \
	X(FPREC, r ".from_prec", r ".from_prec") \
	X(TLO, r ".to_lo", r ".to_lo") \
	X(THI, r ".to_hi", r ".to_hi") \
	X(TPREC, r ".to_prec", r ".to_prec") \
	X(REC, r ".rec_from", r ".rec_from")

/* ---- what derives from them */
#define GP_ROW_COL_(n, joined, raw) joined
#define GP_ROW_NEXT_COL_(n, joined, raw) ", " joined
#define GP_ROW_RAW_(n, joined, raw) raw
#define GP_ROW_NEXT_RAW_(n, joined, raw) ", " raw
#define GP_ROW_MC_(n, joined, raw) GP_MC_##n,
#define GP_ROW_RC_(n, joined, raw) GP_RC_##n,

enum { GP_MEMBERSHIP_FIELDS(GP_ROW_MC_, GP_ROW_MC_, "", "", "") GP_MEMBERSHIP_NCOLS };
enum { GP_RELATION_FIELDS(GP_ROW_RC_, GP_ROW_RC_, "", "", "", "") GP_RELATION_NCOLS };

/* The column lists, for given aliases and for the usual ones. */
#define GP_MEMBERSHIP_COLS_OF(m, o, e) GP_MEMBERSHIP_FIELDS(GP_ROW_COL_, GP_ROW_NEXT_COL_, m, o, e)
#define GP_MEMBERSHIP_COLS GP_MEMBERSHIP_COLS_OF("m", "o", "e")
#define GP_MEMBERSHIP_RAW_COLS GP_MEMBERSHIP_FIELDS(GP_ROW_RAW_, GP_ROW_NEXT_RAW_, "m", "", "")
#define GP_RELATION_COLS \
	GP_RELATION_FIELDS(GP_ROW_COL_, GP_ROW_NEXT_COL_, "r", "t", "ea", "eb")
#define GP_RELATION_RAW_COLS GP_RELATION_FIELDS(GP_ROW_RAW_, GP_ROW_NEXT_RAW_, "r", "", "", "")

/* One membership or relation row. Strings are borrowed from where the row
 * was read (a statement's row, the index, a block) until it moves on. */
typedef struct gp_edge_row {
	int kind;                /* GEOPOL_FACT_MEMBERSHIP or GEOPOL_FACT_RELATION */
	int64_t id, fact_id;     /* the row (one version of the fact) and the fact */
	int64_t a_id, b_id;      /* raw form: organization and member, or a and b */
	const char *a, *b;       /* their codes (joined form, or set by the reader) */
	gp_span when;            /* valid time, as stored (or clipped) */
	int64_t rec_from;        /* recorded time it was learned */
	int64_t rec_to;          /* and closed (GP_REC_CURRENT: current); set only by the
				  * store's scan (store.h) */
	int role, stage;         /* membership */
	const char *coding;      /* membership: NULL for curated */
	const char *type, *attrs; /* relation */
	int directed;            /* relation */
	/* The lives of a and b as known at the question, when the store has
	 * them at hand (the in-memory index); NULL: the front end looks them
	 * up (query.c, to clip the row to them). */
	const gp_span *a_life, *b_life;
} gp_edge_row;

/* Read the row of kind `kind` whose first column is c from st, laid out as
 * the joined (raw = 0) or raw (raw = 1) column list (store/sqlite_row.c). */
void gp_edge_row_read(gp_edge_row *r, int kind, sqlite3_stmt *st, int c, int raw);

/* The row into it->item, with its certainty at the span [dlo, dhi] (dlo >
 * dhi: definite), which is returned (0: it does not hold). Strings are not
 * copied: the row's must outlive the item (store/iter.c). */
int gp_fill_edge(geopol_iter *it, const gp_edge_row *r, int64_t dlo, int64_t dhi);

/* An entity (store.h, gp_store.entities); strings borrowed like an event
 * row's. */
typedef struct gp_entity_row {
	int64_t id;
	const char *code;
	int kind;                        /* GEOPOL_KIND_*; GP_ENTITIES_LIVES: 0 */
	const char *subkind;             /* NULL: none; GP_ENTITIES_LIVES: NULL */
	gp_span life;                    /* as known at the question's k */
	const char *name;                /* its display name (English first, then the
					  * short, the official, the first); GP_ENTITIES_LIVES:
					  * NULL */
} gp_entity_row;

/* The entity into it->item (strings not copied: the row's must outlive
 * the item) (store/iter.c). */
void gp_fill_entity(geopol_iter *it, const gp_entity_row *r);

/* A name (store.h, gp_store.names), filled by the store in one place;
 * strings borrowed like an event row's. */
typedef struct gp_name_row {
	int64_t id, fact_id;             /* the row (one version of the fact) and the fact */
	const char *entity;              /* its entity's code */
	const char *text, *lang;
	int kind;                        /* a geopol_name_kind */
	gp_span when;                    /* valid time, as stored */
} gp_name_row;

/* The name into it->item, with its certainty at the span [dlo, dhi] (dlo >
 * dhi: definite), which is returned. Strings are not copied: the row's
 * must outlive the item (store/iter.c). */
int gp_fill_name(geopol_iter *it, const gp_name_row *r, int64_t dlo, int64_t dhi);

/* An event row with its parts (store.h, gp_store.events), filled by the
 * store in one place; strings and actors are borrowed from it until its
 * cursor moves on. */
typedef struct gp_event_row {
	int64_t id, fact_id;
	const char *ext_id, *type, *type_name, *location;
	double goldstein, intensity;     /* NaN: none */
	gp_span when;                    /* its date (from_*) and end (to_*), as stored */
	int64_t rec_from;
	const geopol_actor *actors;      /* by role, then entity code */
	size_t n_actors;
	const char *details;             /* the dataset's fields as a JSON object, NULL: none */
	const char *title_lang, *title, *description; /* NULL: no text */
} gp_event_row;

/* The event into it->item, strings copied, with the certainty of its date
 * in the window of days [wlo, whi] (wlo > whi: definite) (store/iter.c).
 * GEOPOL_OK, or GEOPOL_ENOMEM with the handle's message set. */
int gp_fill_event(geopol_iter *it, const gp_event_row *r, int64_t wlo, int64_t whi);

/* No edge without its nodes, in an answer (issue 12): r's interval clipped
 * to the lives a and b of its two entities (gp_clip), but a treaty signed
 * or ratified before its organization exists to the member's life only,
 * and a succession (successor_of, continuator_of) to the successor's. 1:
 * something is left, 0: nothing. (The snapshot clips to both, always.) */
int gp_clip_answer(gp_edge_row *r, const gp_span *a, const gp_span *b);

#endif
