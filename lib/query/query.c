/*
 * query.c - the simple questions: "at D" (members, memberships, common,
 * pledges, relations), names, entities, and the checks of the data
 * (clipped, uncited), each from the store's rows (store.h) made into items
 * here.
 */
#include "store/store.h"
#include "query/query_internal.h"

#include <stdlib.h>
#include <string.h>

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
		if (!s->pairs) {
			/* The item's certainty is the row's, worked out once; a
			 * row left out leaves an item no caller is given. 0: it
			 * held at D only outside an entity's life. */
			int c = gp_fill_edge(it, &s->rows[0], s->dlo, s->dhi);
			if (!c || (c == GEOPOL_POSSIBLE && (s->flags & GEOPOL_DEFINITE_ONLY)))
				continue;
			return GEOPOL_OK;
		}
		/* A pair: the better of the two certainties, if both hold. */
		int c = row_certainty(s, &s->rows[0]), cb = row_certainty(s, &s->rows[1]);
		c = !c || !cb ? 0 : c > cb ? c : cb;
		if (!c)
			continue; /* it held at D only outside an entity's life */
		if (c == GEOPOL_POSSIBLE && (s->flags & GEOPOL_DEFINITE_ONLY))
			continue;
		gp_fill_edge(it, &s->rows[0], s->dlo, s->dhi);
		it->membership.certainty = s->pair_certainty = c;
		s->pending = 1;
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

/* ---- names, and the rows a check of the data names: the store's cursors
 * read in turn ("parts") */

enum { PART_NAMES = 1, PART_EDGES, PART_EVENTS };

typedef struct part {
	int type;                    /* PART_* */
	int what, kind;              /* PART_NAMES: GP_NAMES_*; PART_EDGES: GP_AUDIT_*, the
				      * table */
} part;

typedef struct parts_state {
	part parts[4];
	int n, cur;
	unsigned flags;
	int64_t dlo, dhi;            /* the names' certainty at [dlo, dhi] (dlo > dhi: definite) */
	gp_names_query nq;           /* what, k and, for GP_NAMES_OF, the rest */
	gp_q d;
	gp_name_cursor *names;
	gp_row_cursor *edges;
	gp_event_cursor *events;
} parts_state;

static void parts_close(parts_state *s)
{
	gp_name_cursor_free(s->names);
	gp_row_cursor_free(s->edges);
	gp_event_cursor_free(s->events);
	s->names = NULL;
	s->edges = NULL;
	s->events = NULL;
}

static void parts_destroy(geopol_iter *it)
{
	parts_state *s = it->state;
	if (!s)
		return;
	parts_close(s);
	free(s);
}

static int part_open(geopol_db *db, parts_state *s, const part *p)
{
	const gp_store *st = gp_store_of(db);
	switch (p->type) {
	case PART_NAMES:
		if (s->names)
			return GEOPOL_OK;
		s->nq.what = p->what;
		return st->names(&s->names, db, &s->nq);
	case PART_EDGES:
		return s->edges ? GEOPOL_OK : st->audit(&s->edges, db, p->what, p->kind, s->d.known_at);
	default: {
		if (s->events)
			return GEOPOL_OK;
		gp_events_query eq = {.what = GP_EVENTS_UNCITED};
		gp_events_query_of(&s->d, &eq);
		return st->events(&s->events, db, &eq);
	}
	}
}

/* The next item of the part open: GEOPOL_OK, GEOPOL_ITEROVER or an error. */
static int part_next(geopol_iter *it, parts_state *s, const part *p)
{
	if (p->type == PART_EVENTS)
		return gp_next_event(it, s->events, s->flags, 1, 0);
	for (;;) {
		int rc, certainty;
		if (p->type == PART_NAMES) {
			gp_name_row r;
			if ((rc = s->names->next(s->names, &r)))
				return rc;
			certainty = gp_fill_name(it, &r, s->dlo, s->dhi);
		} else {
			gp_edge_row r[2];
			if ((rc = s->edges->next(s->edges, r)))
				return rc;
			certainty = gp_fill_edge(it, &r[0], 1, 0);
		}
		if (!(certainty == GEOPOL_POSSIBLE && (s->flags & GEOPOL_DEFINITE_ONLY)))
			return GEOPOL_OK;
	}
}

static int parts_next(geopol_iter *it)
{
	parts_state *s = it->state;
	for (; s->cur < s->n; s->cur++) {
		const part *p = &s->parts[s->cur];
		int rc = part_open(it->db, s, p);
		if (!rc)
			rc = part_next(it, s, p);
		if (rc != GEOPOL_ITEROVER)
			return rc;
		parts_close(s);
	}
	return GEOPOL_ITEROVER;
}

/* Begin a question read in parts: the options checked, the state with
 * definite certainty (no span). */
static int parts_begin(geopol_iter **out, geopol_db *db, const geopol_query *q, parts_state **s)
{
	if (!out || !db)
		return GEOPOL_EMISUSE;
	*out = NULL;
	gp_clear_error(db);
	gp_q d;
	int rc = gp_query_defaults(db, &d, q);
	if (rc)
		return rc;
	if (!(*s = calloc(1, sizeof **s)))
		return gp_oom(db);
	**s = (parts_state){.flags = d.flags, .dlo = 1, .dhi = 0, .nq = {.k = d.known_at}, .d = d};
	return GEOPOL_OK;
}

static void part_add(parts_state *s, int type, int what, int kind)
{
	s->parts[s->n++] = (part){type, what, kind};
}

static int parts_start(geopol_iter **out, geopol_db *db, parts_state *s)
{
	geopol_iter *it = gp_iter_new(db, parts_next, parts_destroy, s);
	if (!it)
		return GEOPOL_ENOMEM;
	*out = it;
	return GEOPOL_OK;
}

int geopol_names(geopol_iter **out, geopol_db *db, const char *entity, const char *lang,
		 geopol_date at, const geopol_query *q)
{
	parts_state *s;
	int rc = parts_begin(out, db, q, &s);
	if (rc)
		return rc;
	if ((rc = gp_entity_id(db, entity, "entity", &s->nq.ent))) {
		free(s);
		return rc;
	}
	s->nq.lang = lang;
	if (at.precision) {
		gp_at_span(at, &s->nq.dlo, &s->nq.dhi);
		s->dlo = s->nq.dlo;
		s->dhi = s->nq.dhi;
	} else {
		/* Any time: the widest span, every row definite. */
		s->nq.dlo = GP_OPEN_START;
		s->nq.dhi = GP_OPEN_END;
	}
	part_add(s, PART_NAMES, GP_NAMES_OF, 0);
	return parts_start(out, db, s);
}

int geopol_clipped(geopol_iter **out, geopol_db *db, const geopol_query *q)
{
	parts_state *s;
	int rc = parts_begin(out, db, q, &s);
	if (rc)
		return rc;
	part_add(s, PART_EDGES, GP_AUDIT_CLIPPED, GEOPOL_FACT_MEMBERSHIP);
	part_add(s, PART_EDGES, GP_AUDIT_CLIPPED, GEOPOL_FACT_RELATION);
	return parts_start(out, db, s);
}

int geopol_uncited(geopol_iter **out, geopol_db *db, const geopol_query *q)
{
	parts_state *s;
	int rc = parts_begin(out, db, q, &s);
	if (rc)
		return rc;
	part_add(s, PART_EDGES, GP_AUDIT_UNCITED, GEOPOL_FACT_MEMBERSHIP);
	part_add(s, PART_EDGES, GP_AUDIT_UNCITED, GEOPOL_FACT_RELATION);
	part_add(s, PART_EVENTS, 0, 0);
	part_add(s, PART_NAMES, GP_NAMES_UNCITED, 0);
	return parts_start(out, db, s);
}
