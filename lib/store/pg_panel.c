/*
 * pg_panel.c - the PostgreSQL store's reads for the panels (gp_store.panel,
 * store.h): sqlite_panel.c's statements with $n parameters, each read as
 * one result. The entities of a chunk's memberships and relations are one
 * array parameter (= ANY) instead of one run a entity, so their rows come
 * in no order (store.h allows it: the panel keeps relations in row order
 * itself where the order matters).
 *
 * Parameters of the memberships and relations: $1 the entities (an array
 * of bigint as text), $2 after, $3 dlo, $4 dhi, $5 k, $6 the stages, $7 the
 * coding, $8 shadow (GP_PG_KNOWN, GP_PG_VISIBLE). Of the events: $1 the
 * window's first day, $2 the day after it, $3 defonly, $4 k.
 */
#include "store/pg_internal.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Start in ($2, $4], end after $3; "valid" ([from_lo, to_hi)) lets the
 * GiST index on (entity, valid) find them. */
#define STARTS(t) \
	t ".valid && int4range($3::int, LEAST($4::bigint + 1, 2147483647)::int) AND " \
	t ".from_lo > $2 AND " t ".from_lo <= $4 AND " t ".to_hi > $3"
static const char memberships_sql[] =
	"SELECT m.member_id, m.org_id, m.from_lo, m.from_hi, m.to_lo, m.to_hi, NULL, m.stage "
	"FROM membership m "
	"WHERE m.member_id = ANY($1::text::bigint[]) AND " STARTS("m") " AND m.role IN (1, 2) AND "
	GP_PG_KNOWN("m") " AND " GP_PG_VISIBLE("m");
static const char pledges_sql[] =
	"SELECT m.member_id, m.org_id, m.from_lo, m.from_hi, m.to_lo, m.to_hi, "
	"coalesce((SELECT string_agg(a.key || '=' || a.value, ',') FROM membership_attr a "
	"WHERE a.membership_id = m.id), (SELECT string_agg(x.key || '=' || x.value, ',') "
	"FROM entity_attr x WHERE x.entity_id = m.org_id AND " GP_SQL_KNOWN_AT("x", "$5") ")), m.stage "
	"FROM membership m "
	"WHERE m.member_id = ANY($1::text::bigint[]) AND " STARTS("m") " AND m.role IN (1, 2) AND "
	GP_PG_KNOWN("m") " AND " GP_PG_VISIBLE("m");
static const char relations_sql[] =
	"SELECT r.a_id, r.b_id, r.type, t.directed, r.attrs, r.from_lo, r.from_hi, r.to_lo, r.to_hi, "
	"r.id FROM relation r JOIN relation_type t ON t.code = r.type "
	"WHERE r.a_id = ANY($1::text::bigint[]) AND " STARTS("r") " AND " GP_PG_KNOWN("r");
static const char events_sql[] =
	"SELECT e.id, e.type, e.from_lo, e.from_hi, coalesce(e.intensity, t.goldstein), "
	"a.entity_id, a.role, d.quad_class FROM event e JOIN event_type t ON t.code = e.type "
	"JOIN event_actor a ON a.event_id = e.id LEFT JOIN event_detail d ON d.event_id = e.id "
	"WHERE " GP_SQL_EVENT_WINDOW_AT("$1", "$2", "$3") " AND " GP_SQL_KNOWN_AT("e", "$4")
	" ORDER BY e.from_lo, e.id, a.entity_id, a.role";
/* The lives as known at $1 (the entity's life history), as every answer
 * clips to them. */
static const char entities_sql[] =
	"SELECT x.id, x.code, x.kind, x.subkind, " GP_SQL_LIFE_AT("x", "from_lo", "$1") ", "
	GP_SQL_LIFE_AT("x", "from_hi", "$1") ", " GP_SQL_LIFE_AT("x", "to_lo", "$1") ", "
	GP_SQL_LIFE_AT("x", "to_hi", "$1") " FROM entity x ORDER BY x.code";

typedef struct panel_cursor {
	gp_panel_cursor base;        /* first */
	geopol_db *db;
	int what;
	PGresult *res;
	int i, n;
	gp_panel_actor *actors;      /* events: the actors of the one handed out */
	size_t actors_cap;
} panel_cursor;

static int64_t col_int(const PGresult *r, int i, int c)
{
	return gp_pg_get_int(r, i, c);
}

static gp_span span(const PGresult *r, int i, int c, int ends)
{
	return (gp_span){col_int(r, i, c), col_int(r, i, c + 1), ends ? col_int(r, i, c + 2) : 0,
			 ends ? col_int(r, i, c + 3) : 0, 0, 0};
}

static int panel_next(gp_panel_cursor *base, gp_panel_row *row)
{
	panel_cursor *c = (panel_cursor *)base;
	if (c->i >= c->n)
		return GEOPOL_ITEROVER;
	const PGresult *r = c->res;
	int i = c->i++;
	*row = (gp_panel_row){.value = NAN};
	switch (c->what) {
	case GP_PANEL_ENTITIES:
		row->id = col_int(r, i, 0);
		row->text = gp_pg_get_text(r, i, 1);
		row->kind = (int)col_int(r, i, 2);
		row->subkind = gp_pg_get_text(r, i, 3);
		row->when = span(r, i, 4, 1);
		break;
	case GP_PANEL_MEMBERSHIPS:
	case GP_PANEL_PLEDGES:
		row->a = col_int(r, i, 0);
		row->b = col_int(r, i, 1);
		row->when = span(r, i, 2, 1);
		if (c->what == GP_PANEL_PLEDGES)
			row->attrs = gp_pg_get_text(r, i, 6);
		row->stage = (int)col_int(r, i, 7);
		break;
	case GP_PANEL_RELATIONS:
		row->a = col_int(r, i, 0);
		row->b = col_int(r, i, 1);
		row->text = gp_pg_get_text(r, i, 2);
		row->attrs = gp_pg_get_text(r, i, 4);
		row->when = span(r, i, 5, 1);
		row->id = col_int(r, i, 9);
		break;
	default: /* GP_PANEL_EVENTS: the rows of one event, one an actor */
		row->id = col_int(r, i, 0);
		row->text = gp_pg_get_text(r, i, 1);
		row->when = span(r, i, 2, 0);
		if (!PQgetisnull(r, i, 4))
			row->value = strtod(PQgetvalue(r, i, 4), NULL);
		row->quad = (int)col_int(r, i, 7);
		for (c->i = i; c->i < c->n && col_int(r, c->i, 0) == row->id; c->i++) {
			gp_panel_actor *a = GP_GROW(c->actors, c->actors_cap, row->n_actors + 1, 8);
			if (!a)
				return gp_oom(c->db);
			c->actors = a;
			a[row->n_actors++] = (gp_panel_actor){col_int(r, c->i, 5),
							      (int)col_int(r, c->i, 6)};
		}
		row->actors = c->actors;
		break;
	}
	return GEOPOL_OK;
}

static void panel_free(gp_panel_cursor *base)
{
	panel_cursor *c = (panel_cursor *)base;
	PQclear(c->res);
	free(c->actors);
	free(c);
}

/* The entities as a PostgreSQL array literal: "{1,2,3}" (the caller frees it). */
static char *id_array(const int64_t *ids, size_t n)
{
	char *s = malloc(n * 21 + 3), *p = s;
	if (!s)
		return NULL;
	*p++ = '{';
	for (size_t i = 0; i < n; i++)
		p += sprintf(p, "%s%lld", i ? "," : "", (long long)ids[i]);
	strcpy(p, "}");
	return s;
}

int gp_pg_panel(gp_panel_cursor **out, geopol_db *db, const gp_panel_query *q)
{
	*out = NULL;
	static const char *const sql[] = {NULL, entities_sql, memberships_sql, pledges_sql,
					  relations_sql, events_sql};
	if (q->what < GP_PANEL_ENTITIES || q->what > GP_PANEL_EVENTS)
		return gp_error(db, GEOPOL_EINTERNAL, "internal: no panel read %d", q->what);
	panel_cursor *c = calloc(1, sizeof *c);
	if (!c)
		return gp_oom(db);
	c->base = (gp_panel_cursor){panel_next, panel_free};
	c->db = db;
	c->what = q->what;
	gp_pg_args a = {0};
	char *ids = NULL;
	if (q->what == GP_PANEL_EVENTS) {
		gp_pg_int(&a, q->dlo);
		gp_pg_int(&a, q->dhi + 1);
		gp_pg_int(&a, q->defonly);
		gp_pg_int(&a, q->k);
	} else if (q->what != GP_PANEL_ENTITIES) {
		if (!(ids = id_array(q->ents, q->n_ents))) {
			free(c);
			return gp_oom(db);
		}
		gp_pg_text(&a, ids);
		gp_pg_int(&a, q->after);
		gp_pg_int(&a, q->dlo);
		gp_pg_int(&a, q->dhi);
		gp_pg_int(&a, q->k);
		gp_pg_int(&a, q->q ? q->q->stages : 0);
		gp_pg_text(&a, q->q ? q->q->coding : NULL);
		gp_pg_int(&a, q->q ? q->q->shadow : 0);
	} else {
		gp_pg_int(&a, q->k);
	}
	int rc = GEOPOL_OK;
	const char *reading = q->what == GP_PANEL_ENTITIES ? "reading entities"
			    : q->what == GP_PANEL_EVENTS ? "reading events" : "reading the panel's facts";
	c->res = gp_pg_run(db, sql[q->what], &a, reading, &rc);
	free(ids);
	if (!c->res) {
		free(c);
		return rc ? rc : GEOPOL_EDB;
	}
	c->n = PQntuples(c->res);
	*out = &c->base;
	return GEOPOL_OK;
}
