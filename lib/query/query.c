/*
 * query.c - the machinery every query shares: statements run in phases,
 * parameters bound by name, rows read into items; and the simple "at D"
 * questions (members, memberships, common, relations, names, entities).
 */
#include "store/store.h"
#include "query/query_internal.h"
#include "store/sql_internal.h"

#include <stdlib.h>
#include <string.h>

/* ---- reading rows into items */

/* A membership or relation of the joined column list at column c. */
static int read_edge(geopol_iter *it, int kind, sqlite3_stmt *st, int c, int64_t dlo, int64_t dhi)
{
	gp_edge_row r;
	gp_edge_row_read(&r, kind, st, c, 0);
	return gp_fill_edge(it, &r, dlo, dhi);
}

static void read_name(geopol_iter *it, sqlite3_stmt *st, int64_t dlo, int64_t dhi)
{
	geopol_name *n = &it->name;
	n->fact_id = sqlite3_column_int64(st, 1);
	n->entity = (const char *)sqlite3_column_text(st, 2);
	n->text = (const char *)sqlite3_column_text(st, 3);
	n->lang = (const char *)sqlite3_column_text(st, 4);
	n->kind = sqlite3_column_int(st, 5);
	int64_t flo = sqlite3_column_int64(st, 6), fhi = sqlite3_column_int64(st, 7);
	int64_t tlo = sqlite3_column_int64(st, 9), thi = sqlite3_column_int64(st, 10);
	n->from = gp_date_stored(flo, sqlite3_column_int(st, 8));
	n->to = gp_date_stored(tlo, sqlite3_column_int(st, 11));
	n->certainty = gp_certainty(flo, fhi, tlo, thi, dlo, dhi);
	it->item.kind = GEOPOL_ITEM_NAME;
	it->item.name = n;
	it->cite_kind = GEOPOL_FACT_NAME;
	it->cite_row = sqlite3_column_int64(st, 0);
}

int gp_read_event(geopol_iter *it, int64_t row, int64_t wlo, int64_t whi, const char *lang)
{
	gp_events_query q = {.what = GP_EVENTS_ONE, .row = row, .lang = lang};
	gp_event_cursor *c;
	gp_event_row r;
	int rc = gp_store_of(it->db)->events(&c, it->db, &q);
	if (rc)
		return rc;
	if ((rc = c->next(c, &r)) == GEOPOL_OK)
		rc = gp_fill_event(it, &r, wlo, whi);
	gp_event_cursor_free(c);
	return rc == GEOPOL_ITEROVER ? gp_error(it->db, GEOPOL_EDB, "reading an event: no row %lld",
						(long long)row) : rc;
}

/* ---- phased statement iterators */


static void phased_destroy(geopol_iter *it)
{
	gp_phased *s = it->state;
	if (!s)
		return;
	gp_stmt_give(it->db, s->st);
	free(s);
}

/* Read one row of the current phase into the item; 0 to emit, 1 to skip. */
static int read_row(geopol_iter *it, gp_phased *s, const gp_phase *ph)
{
	int64_t lo = s->p.dlo, hi = s->p.dhi;
	if (ph->span == GP_SPAN_D1) { lo = s->p.d1lo; hi = s->p.d1hi; }
	else if (ph->span == GP_SPAN_D2) { lo = s->p.d2lo; hi = s->p.d2hi; }
	else if (ph->span == GP_SPAN_NONE) { lo = 1; hi = 0; }
	else if (ph->span == GP_SPAN_WINDOW) { lo = s->p.d1lo; hi = s->p.d2lo - 1; }
	sqlite3_stmt *st = s->st;
	int certainty = GEOPOL_DEFINITE;
	switch (ph->reader) {
	case GP_READ_NAME:
		read_name(it, st, lo, hi);
		certainty = it->name.certainty;
		break;
	case GP_READ_MEMBERSHIP:
		certainty = read_edge(it, GEOPOL_FACT_MEMBERSHIP, st, 0, lo, hi);
		break;
	case GP_READ_RELATION:
		certainty = read_edge(it, GEOPOL_FACT_RELATION, st, 0, lo, hi);
		break;
	case GP_READ_EVENT: {
		int rc = gp_read_event(it, sqlite3_column_int64(st, 0), lo, hi, s->p.lang);
		if (rc)
			return rc;
		certainty = it->event.certainty;
		break;
	}
	}
	it->item.change = ph->change;
	if (certainty == GEOPOL_POSSIBLE && (s->flags & GEOPOL_DEFINITE_ONLY))
		return 1;
	return 0;
}

static int phased_next(geopol_iter *it)
{
	gp_phased *s = it->state;
	for (;;) {
		if (s->cur >= s->n)
			return GEOPOL_ITEROVER;
		if (!s->st) {
			s->st = gp_stmt_take(it->db, s->phases[s->cur].sql);
			if (!s->st)
				return gp_stmt_failed(it->db);
			int rc = gp_bind_params(it->db, s->st, &s->p);
			if (rc)
				return rc;
		}
		int rc = sqlite3_step(s->st);
		if (rc == SQLITE_ROW) {
			const gp_phase *ph = &s->phases[s->cur];
			int skip = read_row(it, s, ph);
			if (skip < 0)
				return skip;
			if (skip)
				continue;
			return GEOPOL_OK;
		}
		if (rc != SQLITE_DONE)
			return gp_sql_error(it->db, "running a query");
		gp_stmt_give(it->db, s->st);
		s->st = NULL;
		s->cur++;
	}
}

gp_phased *gp_phased_new(const gp_q *qd)
{
	gp_phased *s = calloc(1, sizeof *s);
	if (!s)
		return NULL;
	gp_q d = *qd;
	s->flags = d.flags;
	s->plain = d.plain;
	s->p.stages = d.stages;
	s->p.cshadow = d.shadow;
	s->p.coding = d.coding;
	s->p.defonly = (d.flags & GEOPOL_DEFINITE_ONLY) != 0;
	s->p.k = d.known_at;
	s->p.lang = d.lang;
	return s;
}

void gp_phase_add(gp_phased *s, const char *sql, int reader, int span, int change)
{
	gp_phase *ph = &s->phases[s->n++];
	ph->sql = sql;
	ph->reader = reader;
	ph->span = span;
	ph->change = change;
}

int gp_phased_start(geopol_iter **out, geopol_db *db, gp_phased *s)
{
	geopol_iter *it = gp_iter_new(db, phased_next, phased_destroy, s);
	if (!it)
		return GEOPOL_ENOMEM;
	*out = it;
	return GEOPOL_OK;
}

/* Begin a query: check arguments, resolve entity codes, allocate state. */
int gp_query_begin(geopol_iter **out, geopol_db *db, const geopol_query *q, gp_phased **s)
{
	if (!out || !db)
		return GEOPOL_EMISUSE;
	*out = NULL;
	gp_clear_error(db);
	gp_q d;
	int rc = gp_query_defaults(db, &d, q);
	if (rc)
		return rc;
	*s = gp_phased_new(&d);
	if (!*s)
		return gp_oom(db);
	return GEOPOL_OK;
}

int gp_query_fail(gp_phased *s, int rc)
{
	free(s);
	return rc;
}

/* ---- the simple questions */

/* The "at D" questions read the rows of one key from the store (store.h)
 * and make the answers here: certainty, GEOPOL_DEFINITE_ONLY, items. */
typedef struct spells_state {
	gp_row_cursor *c;
	unsigned flags;
	int64_t dlo, dhi;
	int pairs;                   /* common: rows come in pairs */
	int pending;                 /* the pair's second item is still to give */
	int pair_certainty;
	gp_edge_row rows[2];
	gp_lives lives;              /* known at the question's k */
} spells_state;

static void spells_destroy(geopol_iter *it)
{
	spells_state *s = it->state;
	if (!s)
		return;
	gp_row_cursor_free(s->c);
	gp_lives_free(&s->lives);
	free(s);
}

static int row_certainty(const spells_state *s, const gp_edge_row *r)
{
	const gp_span *w = &r->when;
	return gp_certainty(w->flo, w->fhi, w->tlo, w->thi, s->dlo, s->dhi);
}

/* Organizations in common come as pairs of memberships, given as two
 * items with the pair's certainty (the better of the two). */
static int spells_next(geopol_iter *it)
{
	spells_state *s = it->state;
	if (s->pending) {
		s->pending = 0;
		gp_fill_edge(it, &s->rows[1], s->dlo, s->dhi);
		it->membership.certainty = s->pair_certainty;
		return GEOPOL_OK;
	}
	for (;;) {
		int rc = s->c->next(s->c, s->rows);
		if (rc)
			return rc;
		int kept = gp_clip_row(it->db, &s->lives, &s->rows[0]);
		if (kept > 0 && s->pairs)
			kept = gp_clip_row(it->db, &s->lives, &s->rows[1]);
		if (kept < 0)
			return kept;
		if (!kept)
			continue;
		int c = row_certainty(s, &s->rows[0]);
		if (s->pairs) {
			int cb = row_certainty(s, &s->rows[1]);
			c = !c || !cb ? 0 : c > cb ? c : cb;
		}
		if (!c)
			continue; /* it held at D only outside an entity's life */
		if (c == GEOPOL_POSSIBLE && (s->flags & GEOPOL_DEFINITE_ONLY))
			continue;
		gp_fill_edge(it, &s->rows[0], s->dlo, s->dhi);
		if (s->pairs) {
			it->membership.certainty = s->pair_certainty = c;
			s->pending = 1;
		}
		return GEOPOL_OK;
	}
}

/* The key a question asks about: an entity and, for pairs and two-sided
 * relations, another (roles name them in messages), and pledges' obligation. */
typedef struct spells_key {
	int what;                    /* GP_SPELLS_* */
	const char *ent, *ent_role;
	const char *other, *other_role;  /* other NULL: none */
	const char *obligation;      /* GP_SPELLS_PLEDGES */
} spells_key;

/* The obligations a pledge may name ("" or NULL: defense). */
static int check_obligation(geopol_db *db, const char *obligation, const char **out)
{
	static const char *const known[] = {"defense", "offense", "neutrality", "non_aggression",
					    "consultation"};
	const char *key = obligation && *obligation ? obligation : "defense";
	for (size_t i = 0; i < sizeof known / sizeof known[0]; i++)
		if (strcmp(known[i], key) == 0) {
			*out = known[i];
			return GEOPOL_OK;
		}
	return gp_error(db, GEOPOL_EINVAL, "unknown obligation '%s' (defense, "
			"offense, neutrality, non_aggression, consultation)", key);
}

static int spells_query(geopol_iter **out, geopol_db *db, const geopol_query *q, geopol_date at,
			const spells_key *key)
{
	if (!out || !db)
		return GEOPOL_EMISUSE;
	*out = NULL;
	gp_clear_error(db);
	gp_q d;
	gp_spells_query sq = {.what = key->what, .q = &d};
	int rc = gp_query_defaults(db, &d, q);
	if (rc || (key->what == GP_SPELLS_PLEDGES &&
		   (rc = check_obligation(db, key->obligation, &sq.type))) ||
	    (rc = gp_entity_id(db, key->ent, key->ent_role, &sq.ent)) ||
	    (key->other && (rc = gp_entity_id(db, key->other, key->other_role, &sq.other))))
		return rc;
	gp_at_span(at, &sq.dlo, &sq.dhi);
	spells_state *s = calloc(1, sizeof *s);
	if (!s)
		return gp_oom(db);
	*s = (spells_state){.flags = d.flags, .dlo = sq.dlo, .dhi = sq.dhi,
			    .lives = {.k = d.known_at},
			    .pairs = key->what == GP_SPELLS_COMMON || key->what == GP_SPELLS_PLEDGES};
	if ((rc = gp_store_of(db)->spells(&s->c, db, &sq))) {
		free(s);
		return rc;
	}
	geopol_iter *it = gp_iter_new(db, spells_next, spells_destroy, s);
	if (!it)
		return GEOPOL_ENOMEM;
	*out = it;
	return GEOPOL_OK;
}

int geopol_members(geopol_iter **out, geopol_db *db, const char *org, geopol_date at,
		   const geopol_query *q)
{
	spells_key k = {GP_SPELLS_MEMBERS, org, "org", NULL, NULL, NULL};
	return spells_query(out, db, q, at, &k);
}

int geopol_memberships(geopol_iter **out, geopol_db *db, const char *entity, geopol_date at,
		       const geopol_query *q)
{
	spells_key k = {GP_SPELLS_MEMBERSHIPS, entity, "entity", NULL, NULL, NULL};
	return spells_query(out, db, q, at, &k);
}

int geopol_common(geopol_iter **out, geopol_db *db, const char *a, const char *b,
		  geopol_date at, const geopol_query *q)
{
	/* b is required here ("" is refused as no code given). */
	spells_key k = {GP_SPELLS_COMMON, a, "a", b ? b : "", "other", NULL};
	return spells_query(out, db, q, at, &k);
}

int geopol_pledges(geopol_iter **out, geopol_db *db, const char *a, const char *b,
		   const char *obligation, geopol_date at, const geopol_query *q)
{
	/* b is required here, as in geopol_common. */
	spells_key k = {GP_SPELLS_PLEDGES, a, "a", b ? b : "", "b", obligation};
	return spells_query(out, db, q, at, &k);
}

int geopol_relations(geopol_iter **out, geopol_db *db, const char *entity, const char *other,
		     geopol_date at, const geopol_query *q)
{
	spells_key k = {GP_SPELLS_RELATIONS, entity, "entity", other, "other", NULL};
	return spells_query(out, db, q, at, &k);
}

int geopol_names(geopol_iter **out, geopol_db *db, const char *entity, const char *lang,
		 geopol_date at, const geopol_query *q)
{
	static const char sql_at[] =
		"SELECT n.id, n.fact_id, x.code, n.text, n.lang, n.kind, n.from_lo, n.from_hi, "
		"n.from_prec, n.to_lo, n.to_hi, n.to_prec FROM name n JOIN entity x ON x.id = n.entity_id "
		"WHERE n.entity_id = :ent AND (:lang IS NULL OR n.lang = :lang) AND " GP_SQL_HOLDS("n")
		" AND " GP_SQL_KNOWN("n") " ORDER BY n.lang, n.kind, n.from_lo, n.text";
	gp_phased *s;
	int rc = gp_query_begin(out, db, q, &s);
	if (rc)
		return rc;
	if ((rc = gp_entity_id(db, entity, "entity", &s->p.ent)))
		return gp_query_fail(s, rc);
	s->p.lang = lang;
	if (at.precision) {
		gp_at_span(at, &s->p.dlo, &s->p.dhi);
		gp_phase_add(s, sql_at, GP_READ_NAME, GP_SPAN_AT, 0);
	} else {
		/* Any time: the widest span, every row definite. */
		s->p.dlo = GP_OPEN_START;
		s->p.dhi = GP_OPEN_END;
		gp_phase_add(s, sql_at, GP_READ_NAME, GP_SPAN_NONE, 0);
	}
	return gp_phased_start(out, db, s);
}

/* Entities from the store (gp_store.entities), as they come. */
typedef struct entities_state {
	gp_entity_cursor *c;
	gp_entity_row row;           /* the item's */
} entities_state;

static int entities_next(geopol_iter *it)
{
	entities_state *s = it->state;
	int rc = s->c->next(s->c, &s->row);
	if (!rc)
		gp_fill_entity(it, &s->row);
	return rc;
}

static void entities_destroy(geopol_iter *it)
{
	entities_state *s = it->state;
	if (!s)
		return;
	gp_entity_cursor_free(s->c);
	free(s);
}

static int entities_query(geopol_iter **out, geopol_db *db, const gp_entities_query *eq)
{
	entities_state *s = calloc(1, sizeof *s);
	if (!s)
		return gp_oom(db);
	int rc = gp_store_of(db)->entities(&s->c, db, eq);
	if (rc) {
		free(s);
		return rc;
	}
	geopol_iter *it = gp_iter_new(db, entities_next, entities_destroy, s);
	if (!it)
		return GEOPOL_ENOMEM;
	*out = it;
	return GEOPOL_OK;
}

int geopol_entity_get(geopol_iter **out, geopol_db *db, const char *code, const geopol_query *q)
{
	if (!out || !db)
		return GEOPOL_EMISUSE;
	*out = NULL;
	gp_clear_error(db);
	gp_q d;
	gp_entities_query eq = {.what = GP_ENTITIES_ONE};
	int rc = gp_query_defaults(db, &d, q);
	if (rc || (rc = gp_entity_id(db, code, "entity", &eq.id)))
		return rc;
	eq.k = d.known_at;
	return entities_query(out, db, &eq);
}

int geopol_entities(geopol_iter **out, geopol_db *db, int kind, const geopol_query *q)
{
	if (!out || !db)
		return GEOPOL_EMISUSE;
	*out = NULL;
	gp_clear_error(db);
	gp_q d;
	int rc = gp_query_defaults(db, &d, q);
	if (rc)
		return rc;
	if (kind && !geopol_kind_name(kind))
		return gp_error(db, GEOPOL_EINVAL, "unknown entity kind %d", kind);
	gp_entities_query eq = {.what = GP_ENTITIES_KIND, .kind = kind, .k = d.known_at};
	return entities_query(out, db, &eq);
}

int geopol_clipped(geopol_iter **out, geopol_db *db, const geopol_query *q)
{
	static const char sql_m[] = GP_SQL_CLIPPED_M;
	static const char sql_r[] = GP_SQL_CLIPPED_R;
	gp_phased *s;
	int rc = gp_query_begin(out, db, q, &s);
	if (rc)
		return rc;
	gp_phase_add(s, sql_m, GP_READ_MEMBERSHIP, GP_SPAN_NONE, 0);
	gp_phase_add(s, sql_r, GP_READ_RELATION, GP_SPAN_NONE, 0);
	return gp_phased_start(out, db, s);
}

int geopol_uncited(geopol_iter **out, geopol_db *db, const geopol_query *q)
{
	static const char sql_m[] = "SELECT " GP_MEMBERSHIP_COLS GP_SQL_MFROM
		"WHERE " GP_SQL_KNOWN("m") " AND NOT EXISTS (SELECT 1 FROM citation c WHERE c.membership_id = m.id)"
		" ORDER BY o.code, e.code";
	static const char sql_r[] = "SELECT " GP_RELATION_COLS GP_SQL_RFROM
		"WHERE " GP_SQL_KNOWN("r") " AND NOT EXISTS (SELECT 1 FROM citation c WHERE c.relation_id = r.id)"
		" ORDER BY ea.code, eb.code";
	static const char sql_e[] = "SELECT e.id FROM event e WHERE " GP_SQL_KNOWN("e")
		" AND NOT EXISTS (SELECT 1 FROM citation c WHERE c.event_id = e.id) ORDER BY e.from_lo";
	static const char sql_n[] =
		"SELECT n.id, n.fact_id, x.code, n.text, n.lang, n.kind, n.from_lo, n.from_hi, "
		"n.from_prec, n.to_lo, n.to_hi, n.to_prec FROM name n JOIN entity x ON x.id = n.entity_id "
		"WHERE " GP_SQL_KNOWN("n") " AND NOT EXISTS (SELECT 1 FROM citation c WHERE c.name_id = n.id)"
		" ORDER BY x.code, n.lang";
	gp_phased *s;
	int rc = gp_query_begin(out, db, q, &s);
	if (rc)
		return rc;
	gp_phase_add(s, sql_m, GP_READ_MEMBERSHIP, GP_SPAN_NONE, 0);
	gp_phase_add(s, sql_r, GP_READ_RELATION, GP_SPAN_NONE, 0);
	gp_phase_add(s, sql_e, GP_READ_EVENT, GP_SPAN_NONE, 0);
	gp_phase_add(s, sql_n, GP_READ_NAME, GP_SPAN_NONE, 0);
	return gp_phased_start(out, db, s);
}
