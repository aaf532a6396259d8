/*
 * pg_read.c - the PostgreSQL store's reads: the rows of an "at D" question
 * (gp_store.spells) by the GiST indexes on (key, valid), each with the
 * lives of its entities as known at the question (so the front end clips
 * it without asking again); the scan and the walk are not there yet.
 *
 * The temporal rules are temporal.h's: "holds at [dlo, dhi]" is
 * to_hi > dlo AND from_lo <= dhi, here valid && [dlo, dhi] with valid =
 * [from_lo, to_hi); "known at k" is rec_from <= k AND rec_to > k. The
 * order is the SQLite store's ORDER BY, with the ties of its indexes
 * (to_hi, rec_from, id) spelled out. Parameters: $1 the entity, $2 the
 * other, $3 dlo, $4 dhi, $5 k, $6 the stages, $7 the coding, $8 shadow,
 * $9 the obligation.
 */
#include "store/pg_internal.h"

#include <stdlib.h>
#include <string.h>

#define HOLDS(t) t ".valid && int4range($3::int, LEAST($4::bigint + 1, 2147483647)::int)"
#define KNOWN(t) t ".rec_from <= $5 AND " t ".rec_to > $5"
#define RANK(t) "COALESCE((SELECT c.rank FROM coding c WHERE c.name = COALESCE(" t ".coding, '" \
	GP_CODING_CURATED "')), " GP_CODING_RANK_DEFAULT_SQL ")"
/* gp_membership_visible, and no better-ranked coding of the pair (shadow). */
#define VISIBLE(t) \
	"(($6 >> " t ".stage) & 1) = 1 AND ($7::text IS NULL OR COALESCE(" t ".coding, '" \
	GP_CODING_CURATED "') = $7) AND ($8 = 0 OR NOT EXISTS (SELECT 1 FROM membership y " \
	"WHERE y.org_id = " t ".org_id AND y.member_id = " t ".member_id AND " KNOWN("y") \
	" AND " RANK("y") " < " RANK(t) "))"
/* An entity's life column as known at k (GP_SQL_LIFE). */
#define LIFE(x, col) \
	"(CASE WHEN " x ".life_rec IS NULL OR " x ".life_rec <= $5 THEN " x "." col " ELSE (SELECT l." \
	col " FROM entity_life l WHERE l.entity_id = " x ".id AND l.rec_to > $5 ORDER BY l.rec_to " \
	"LIMIT 1) END)"
/* Its six columns, in gp_span's order. */
#define LIFE_COLS(x) \
	LIFE(x, "from_lo") ", " LIFE(x, "from_hi") ", " LIFE(x, "to_lo") ", " LIFE(x, "to_hi") ", " \
	LIFE(x, "from_prec") ", " LIFE(x, "to_prec")
#define LIFE_NCOLS 6

#define MFROM " FROM membership m JOIN entity o ON o.id = m.org_id JOIN entity e ON e.id = m.member_id "
#define RFROM " FROM relation r JOIN relation_type t ON t.code = r.type " \
	"JOIN entity ea ON ea.id = r.a_id JOIN entity eb ON eb.id = r.b_id "
#define MWHERE(t) HOLDS(t) " AND " KNOWN(t) " AND " VISIBLE(t)

static const char members_sql[] =
	"SELECT " GP_MEMBERSHIP_COLS ", " LIFE_COLS("o") ", " LIFE_COLS("e") MFROM
	"WHERE m.org_id = $1 AND " MWHERE("m")
	" ORDER BY e.code, m.from_lo, m.to_hi, m.rec_from, m.id";
static const char memberships_sql[] =
	"SELECT " GP_MEMBERSHIP_COLS ", " LIFE_COLS("o") ", " LIFE_COLS("e") MFROM
	"WHERE m.member_id = $1 AND " MWHERE("m")
	" ORDER BY o.code, m.from_lo, m.to_hi, m.rec_from, m.id";
#define PAIR_COLS \
	"SELECT " GP_MEMBERSHIP_COLS ", " GP_MEMBERSHIP_COLS_OF("mb", "o", "eb") ", " \
	LIFE_COLS("o") ", " LIFE_COLS("e") ", " LIFE_COLS("eb") MFROM
#define PAIR_ORDER " ORDER BY o.code, m.from_lo, mb.from_lo, m.to_hi, m.rec_from, m.id, mb.id"
static const char common_sql[] =
	PAIR_COLS "JOIN membership mb ON mb.org_id = m.org_id AND mb.member_id = $2 "
	"JOIN entity eb ON eb.id = mb.member_id "
	"WHERE m.member_id = $1 AND " MWHERE("m") " AND " MWHERE("mb") PAIR_ORDER;
static const char pledges_sql[] =
	PAIR_COLS "JOIN membership_attr p ON p.membership_id = m.id AND p.key = $9 "
	"AND p.value = '1' JOIN membership mb ON mb.org_id = m.org_id AND mb.member_id = $2 "
	"JOIN entity eb ON eb.id = mb.member_id "
	"WHERE m.member_id = $1 AND " MWHERE("m") " AND " MWHERE("mb") PAIR_ORDER;
#define RSELECT "SELECT " GP_RELATION_COLS ", " LIFE_COLS("ea") ", " LIFE_COLS("eb") RFROM
static const char relations_one_sql[] =
	RSELECT "WHERE r.id IN (SELECT x.id FROM relation x WHERE x.a_id = $1 AND " HOLDS("x")
	" UNION SELECT x.id FROM relation x WHERE x.b_id = $1 AND " HOLDS("x") ") AND " KNOWN("r")
	" ORDER BY r.from_lo, r.type, ea.code, eb.code, r.to_hi, r.rec_from, r.id";
static const char relations_two_sql[] =
	RSELECT "WHERE ((r.a_id = $1 AND r.b_id = $2) OR (r.a_id = $2 AND r.b_id = $1)) AND "
	HOLDS("r") " AND " KNOWN("r") " ORDER BY r.from_lo, r.type, r.to_hi, r.rec_from, r.id";

static const char *spells_sql(const gp_spells_query *q)
{
	switch (q->what) {
	case GP_SPELLS_MEMBERS: return members_sql;
	case GP_SPELLS_MEMBERSHIPS: return memberships_sql;
	case GP_SPELLS_COMMON: return common_sql;
	case GP_SPELLS_PLEDGES: return pledges_sql;
	default: return q->other ? relations_two_sql : relations_one_sql;
	}
}

/* ---- rows from a result */

static gp_span read_span(const PGresult *r, int i, int c)
{
	return (gp_span){gp_pg_get_int(r, i, c), gp_pg_get_int(r, i, c + 1),
			 gp_pg_get_int(r, i, c + 2), gp_pg_get_int(r, i, c + 3),
			 (int)gp_pg_get_int(r, i, c + 4), (int)gp_pg_get_int(r, i, c + 5)};
}

static void read_when(gp_edge_row *e, const PGresult *r, int i, int flo)
{
	/* from_lo, from_hi, from_prec, to_lo, to_hi, to_prec follow each other
	 * in both column lists (core/row.h). */
	e->when.flo = gp_pg_get_int(r, i, flo);
	e->when.fhi = gp_pg_get_int(r, i, flo + 1);
	e->when.fprec = (int)gp_pg_get_int(r, i, flo + 2);
	e->when.tlo = gp_pg_get_int(r, i, flo + 3);
	e->when.thi = gp_pg_get_int(r, i, flo + 4);
	e->when.tprec = (int)gp_pg_get_int(r, i, flo + 5);
}

_Static_assert(GP_MC_FHI == GP_MC_FLO + 1 && GP_MC_TPREC == GP_MC_FLO + 5 &&
	       GP_RC_FHI == GP_RC_FLO + 1 && GP_RC_TPREC == GP_RC_FLO + 5,
	       "the interval columns follow each other (read_when)");

/* The joined row of kind `kind` whose first column is c (core/row.h). */
static void read_row(gp_edge_row *e, int kind, const PGresult *r, int i, int c)
{
	memset(e, 0, sizeof *e);
	e->kind = kind;
	e->rec_to = 0;
	if (kind == GEOPOL_FACT_MEMBERSHIP) {
		e->id = gp_pg_get_int(r, i, c + GP_MC_ID);
		e->fact_id = gp_pg_get_int(r, i, c + GP_MC_FACT);
		e->a = gp_pg_get_text(r, i, c + GP_MC_A);
		e->b = gp_pg_get_text(r, i, c + GP_MC_B);
		e->role = (int)gp_pg_get_int(r, i, c + GP_MC_ROLE);
		read_when(e, r, i, c + GP_MC_FLO);
		e->rec_from = gp_pg_get_int(r, i, c + GP_MC_REC);
		e->stage = (int)gp_pg_get_int(r, i, c + GP_MC_STAGE);
		e->coding = gp_pg_get_text(r, i, c + GP_MC_CODING);
		return;
	}
	e->id = gp_pg_get_int(r, i, c + GP_RC_ID);
	e->fact_id = gp_pg_get_int(r, i, c + GP_RC_FACT);
	e->a = gp_pg_get_text(r, i, c + GP_RC_A);
	e->b = gp_pg_get_text(r, i, c + GP_RC_B);
	e->type = gp_pg_get_text(r, i, c + GP_RC_TYPE);
	e->directed = (int)gp_pg_get_int(r, i, c + GP_RC_DIRECTED);
	e->attrs = gp_pg_get_text(r, i, c + GP_RC_ATTRS);
	read_when(e, r, i, c + GP_RC_FLO);
	e->rec_from = gp_pg_get_int(r, i, c + GP_RC_REC);
}

/* A cursor over a whole result (a step: single-row mode for the long
 * answers is for later). */
typedef struct pg_cursor {
	gp_row_cursor base;          /* first */
	PGresult *res;
	int i, n;
	int kind, pairs;
	gp_span lives[3];            /* the current row's entities': a, b, and the
				      * pair's other member */
} pg_cursor;

static int pg_next(gp_row_cursor *c, gp_edge_row *rows)
{
	pg_cursor *s = (pg_cursor *)c;
	if (s->i >= s->n)
		return GEOPOL_ITEROVER;
	int i = s->i++;
	int ncols = s->kind == GEOPOL_FACT_MEMBERSHIP ? GP_MEMBERSHIP_NCOLS : GP_RELATION_NCOLS;
	int lives = ncols * (s->pairs ? 2 : 1);
	read_row(&rows[0], s->kind, s->res, i, 0);
	for (int k = 0; k < (s->pairs ? 3 : 2); k++)
		s->lives[k] = read_span(s->res, i, lives + k * LIFE_NCOLS);
	rows[0].a_life = &s->lives[0];
	rows[0].b_life = &s->lives[1];
	if (s->pairs) {
		read_row(&rows[1], s->kind, s->res, i, GP_MEMBERSHIP_NCOLS);
		rows[1].a_life = &s->lives[0];
		rows[1].b_life = &s->lives[2];
	}
	return GEOPOL_OK;
}

static void pg_free(gp_row_cursor *c)
{
	pg_cursor *s = (pg_cursor *)c;
	PQclear(s->res);
	free(s);
}

int gp_pg_spells(gp_row_cursor **out, geopol_db *db, const gp_spells_query *q)
{
	*out = NULL;
	gp_pg_args a = {0};
	gp_pg_int(&a, q->ent);
	gp_pg_int(&a, q->other);
	gp_pg_int(&a, q->dlo);
	gp_pg_int(&a, q->dhi);
	gp_pg_int(&a, q->q->known_at);
	gp_pg_int(&a, q->q->stages);
	gp_pg_text(&a, q->q->coding);
	gp_pg_int(&a, q->q->shadow);
	gp_pg_text(&a, q->type);
	int rc;
	PGresult *res = gp_pg_run(db, spells_sql(q), &a, "running a query", &rc);
	if (!res)
		return rc;
	pg_cursor *s = calloc(1, sizeof *s);
	if (!s) {
		PQclear(res);
		return gp_oom(db);
	}
	*s = (pg_cursor){{pg_next, pg_free, NULL}, res, 0, PQntuples(res),
			 q->what == GP_SPELLS_RELATIONS ? GEOPOL_FACT_RELATION : GEOPOL_FACT_MEMBERSHIP,
			 q->what == GP_SPELLS_COMMON || q->what == GP_SPELLS_PLEDGES, {{0}}};
	*out = &s->base;
	return GEOPOL_OK;
}

/* ---- not yet on this store */

int gp_pg_scan(gp_row_cursor **out, geopol_db *db, int kind, int64_t dlo, int64_t dhi, int64_t k)
{
	(void)kind, (void)dlo, (void)dhi, (void)k;
	*out = NULL;
	return gp_error(db, GEOPOL_EDB, "the snapshot and the diff are not yet available on the "
			"postgresql store (issue 21)");
}

int gp_pg_walk(gp_hop_cursor **out, geopol_db *db, const gp_walk_query *q)
{
	(void)q;
	*out = NULL;
	return gp_error(db, GEOPOL_EDB, "neighbors and paths are not yet available on the "
			"postgresql store (issue 21)");
}

/* The read members added behind the store for events, entities, sources,
 * citations and coding ranks (issue 14): not yet written for this store. */
static int not_yet(geopol_db *db, const char *what)
{
	return gp_error(db, GEOPOL_EDB, "%s: not yet available on the postgresql store (issue 21)",
			what);
}

int gp_pg_events(gp_event_cursor **out, geopol_db *db, const gp_events_query *q)
{
	(void)q;
	*out = NULL;
	return not_yet(db, "events and history");
}

int gp_pg_entities(gp_entity_cursor **out, geopol_db *db, const gp_entities_query *q)
{
	(void)q;
	*out = NULL;
	return not_yet(db, "entities");
}

int gp_pg_size(geopol_db *db, int what, int64_t *max_id, int64_t *count)
{
	(void)what;
	*max_id = *count = 0;
	return not_yet(db, "the snapshot's dictionaries");
}

int gp_pg_relation_types(geopol_db *db, int (*each)(void *ctx, const char *code, int directed),
			 void *ctx)
{
	(void)each, (void)ctx;
	return not_yet(db, "the snapshot's relation types");
}

int gp_pg_shadowed(geopol_db *db, int64_t k, int (*each)(void *ctx, int64_t row), void *ctx)
{
	(void)k, (void)each, (void)ctx;
	return not_yet(db, "the snapshot's outranked memberships");
}

int gp_pg_source_get(geopol_db *db, int64_t id, const char **code, const char **title)
{
	(void)id;
	*code = *title = NULL;
	return not_yet(db, "sources by id");
}

int gp_pg_cites(gp_cite_cursor **out, geopol_db *db, int kind)
{
	(void)kind;
	*out = NULL;
	return not_yet(db, "the snapshot's citations");
}

int gp_pg_coding_rank(geopol_db *db, const char *coding, int *rank)
{
	(void)coding;
	*rank = 0;
	return not_yet(db, "coding ranks");
}

int gp_pg_coding_rank_set(geopol_db *db, const char *coding, int rank)
{
	(void)coding, (void)rank;
	return not_yet(db, "coding ranks");
}

int gp_pg_names(gp_name_cursor **out, geopol_db *db, const gp_names_query *q)
{
	(void)q;
	*out = NULL;
	return not_yet(db, "names");
}

int gp_pg_audit(gp_row_cursor **out, geopol_db *db, int what, int kind, int64_t k)
{
	(void)what, (void)kind, (void)k;
	*out = NULL;
	return not_yet(db, "clipped and uncited facts");
}

int gp_pg_citations(geopol_db *db, int kind, int64_t row,
		    int (*each)(void *ctx, const char *source, const char *title, const char *quote),
		    void *ctx)
{
	(void)kind, (void)row, (void)each, (void)ctx;
	return not_yet(db, "citations");
}

int gp_pg_entity_attrs(geopol_db *db, int64_t id, int64_t k, char **json)
{
	(void)id, (void)k;
	*json = NULL;
	return not_yet(db, "attributes");
}

int gp_pg_membership_attrs(geopol_db *db, int64_t fact_id, int64_t rec_from,
			   int (*each)(void *ctx, const char *key, const char *value), void *ctx)
{
	(void)fact_id, (void)rec_from, (void)each, (void)ctx;
	return not_yet(db, "a membership's attributes");
}

int gp_pg_read_txn(geopol_db *db, int end)
{
	(void)end;
	return not_yet(db, "resolve");
}

int gp_pg_name_keys(geopol_db *db, const gp_keys_query *q,
		    int (*each)(void *ctx, const gp_name_key *row), void *ctx)
{
	(void)q, (void)each, (void)ctx;
	return not_yet(db, "resolve");
}

int gp_pg_candidate(geopol_db *db, int64_t entity, int64_t name_id, int64_t k, const char *lang,
		    int (*each)(void *ctx, const gp_candidate *c), void *ctx)
{
	(void)entity, (void)name_id, (void)k, (void)lang, (void)each, (void)ctx;
	return not_yet(db, "resolve");
}

int gp_pg_check_rows(gp_tuple_cursor **out, geopol_db *db, int what, const char *arg)
{
	(void)what, (void)arg;
	*out = NULL;
	return not_yet(db, "check");
}
