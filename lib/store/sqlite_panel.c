/*
 * sqlite_panel.c - the SQLite store's reads for the panels (gp_store.panel,
 * store.h): every entity by code, the memberships and relations a chunk of
 * periods adds to the panel's window, read entity by entity through the
 * (member, to_hi, from_lo) and (a, to_hi, from_lo) indexes, and a period's
 * events through the date index, each with its actors (the statement's
 * rows of one event, one an actor, gathered into one). tests/check_panel.c
 * checks the plans of these very statements (gp_panel_sql_*).
 */
#include "store/store.h"
#include "store/sqlite_internal.h"
#include "store/params.h"
#include "store/sql_internal.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* The rows of an entity (:ent) that start in (:d1lo, :dhi] and end after
 * :dlo: the ones a chunk of periods adds to the panel's window. */
#define PN_STARTS(t) t ".from_lo > :d1lo AND " t ".from_lo <= :dhi AND " t ".to_hi > :dlo"
const char gp_panel_sql_memberships[] =
	"SELECT m.member_id, m.org_id, m.from_lo, m.from_hi, m.to_lo, m.to_hi, NULL, m.stage "
	"FROM membership m "
	"WHERE m.member_id = :ent AND " PN_STARTS("m") " AND m.role IN (1, 2) AND "
	GP_SQL_KNOWN("m") " AND " GP_SQL_MVISIBLE("m");
/* The same with the obligations the member takes on: its own (ATOP per
 * member, membership_attr), else those of the alliance (entity_attr), as
 * "key=value,key=value". */
const char gp_panel_sql_memberships_pledges[] =
	"SELECT m.member_id, m.org_id, m.from_lo, m.from_hi, m.to_lo, m.to_hi, "
	"coalesce((SELECT group_concat(a.key || '=' || a.value) FROM membership_attr a "
	"WHERE a.membership_id = m.id), (SELECT group_concat(x.key || '=' || x.value) "
	"FROM entity_attr x WHERE x.entity_id = m.org_id AND " GP_SQL_KNOWN("x") ")), m.stage "
	"FROM membership m "
	"WHERE m.member_id = :ent AND " PN_STARTS("m") " AND m.role IN (1, 2) AND "
	GP_SQL_KNOWN("m") " AND " GP_SQL_MVISIBLE("m");
const char gp_panel_sql_relations[] =
	"SELECT r.a_id, r.b_id, r.type, t.directed, r.attrs, r.from_lo, r.from_hi, r.to_lo, r.to_hi, "
	"r.id FROM relation r JOIN relation_type t ON t.code = r.type "
	"WHERE r.a_id = :ent AND " PN_STARTS("r") " AND " GP_SQL_KNOWN("r");
/* The period's window is [:d1lo, :d2lo): the events' window rule, the one
 * geopol_events uses (GP_SQL_EVENT_WINDOW). */
const char gp_panel_sql_events[] =
	"SELECT e.id, e.type, e.from_lo, e.from_hi, coalesce(e.intensity, t.goldstein), "
	"a.entity_id, a.role, d.quad_class FROM event e JOIN event_type t ON t.code = e.type "
	"JOIN event_actor a ON a.event_id = e.id LEFT JOIN event_detail d ON d.event_id = e.id "
	"WHERE " GP_SQL_EVENT_WINDOW " AND " GP_SQL_KNOWN("e")
	" ORDER BY e.from_lo, e.id";
/* The lives as known at :k (schema 012), as every answer clips to them. */
static const char sql_entities[] =
	"SELECT x.id, x.code, x.kind, x.subkind, " GP_SQL_LIFE("from_lo") ", " GP_SQL_LIFE("from_hi")
	", " GP_SQL_LIFE("to_lo") ", " GP_SQL_LIFE("to_hi") " FROM entity x ORDER BY x.code";

/* An event gathered from its rows (one an actor), its fields copied: the
 * statement has moved on to the next event's first row when it is done. */
typedef struct pn_event {
	int64_t id, flo, fhi;
	double value;
	int quad;
	char *type;
	size_t type_cap;
	gp_panel_actor *actors;
	size_t n_actors, actors_cap;
} pn_event;

typedef struct panel_cursor {
	gp_panel_cursor base;        /* first */
	geopol_db *db;
	sqlite3_stmt *st;
	int what;
	const char *reading;         /* for the message of an error */
	const int64_t *ents;         /* by entity: the next one is ents[i] */
	size_t n_ents, i;
	int ent;                     /* :ent's index; 0: not by entity */
	int running, done;
	pn_event ev[2];              /* events: the one handed out, the next begun */
	int cur, pending;            /* ev[cur] is begun (pending) or handed out */
} panel_cursor;

static int64_t col_int(sqlite3_stmt *st, int c)
{
	return sqlite3_column_int64(st, c);
}

static void fill(const panel_cursor *c, gp_panel_row *r)
{
	sqlite3_stmt *st = c->st;
	*r = (gp_panel_row){.value = NAN};
	switch (c->what) {
	case GP_PANEL_ENTITIES:
		r->id = col_int(st, 0);
		r->text = (const char *)sqlite3_column_text(st, 1);
		r->kind = sqlite3_column_int(st, 2);
		r->subkind = (const char *)sqlite3_column_text(st, 3);
		r->when = (gp_span){col_int(st, 4), col_int(st, 5), col_int(st, 6), col_int(st, 7), 0, 0};
		break;
	case GP_PANEL_MEMBERSHIPS:
	case GP_PANEL_PLEDGES:
		r->a = col_int(st, 0);
		r->b = col_int(st, 1);
		r->when = (gp_span){col_int(st, 2), col_int(st, 3), col_int(st, 4), col_int(st, 5), 0, 0};
		if (c->what == GP_PANEL_PLEDGES)
			r->attrs = (const char *)sqlite3_column_text(st, 6);
		r->stage = (int)col_int(st, 7);
		break;
	case GP_PANEL_RELATIONS:
		r->a = col_int(st, 0);
		r->b = col_int(st, 1);
		r->text = (const char *)sqlite3_column_text(st, 2);
		r->attrs = (const char *)sqlite3_column_text(st, 4);
		r->when = (gp_span){col_int(st, 5), col_int(st, 6), col_int(st, 7), col_int(st, 8), 0, 0};
		r->id = col_int(st, 9);
		break;
	}
}

/* ---- events: the rows of one event (one an actor) make one row */

static int event_actor(panel_cursor *c, pn_event *e)
{
	gp_panel_actor *a = GP_GROW(e->actors, e->actors_cap, e->n_actors + 1, 8);
	if (!a)
		return gp_oom(c->db);
	e->actors = a;
	a[e->n_actors++] = (gp_panel_actor){col_int(c->st, 5), sqlite3_column_int(c->st, 6)};
	return GEOPOL_OK;
}

/* Begin e with the statement's row: its fields and first actor. */
static int event_begin(panel_cursor *c, pn_event *e)
{
	sqlite3_stmt *st = c->st;
	const char *type = (const char *)sqlite3_column_text(st, 1);
	size_t len = type ? (size_t)sqlite3_column_bytes(st, 1) : 0;
	if (len + 1 > e->type_cap) {
		char *t = realloc(e->type, len + 1);
		if (!t)
			return gp_oom(c->db);
		e->type = t;
		e->type_cap = len + 1;
	}
	memcpy(e->type, type ? type : "", len);
	e->type[len] = '\0';
	e->id = col_int(st, 0);
	e->flo = col_int(st, 2);
	e->fhi = col_int(st, 3);
	e->value = sqlite3_column_type(st, 4) == SQLITE_NULL ? NAN : sqlite3_column_double(st, 4);
	e->quad = sqlite3_column_int(st, 7);
	e->n_actors = 0;
	return event_actor(c, e);
}

static int events_next(panel_cursor *c, gp_panel_row *r)
{
	pn_event *e = &c->ev[c->cur];
	int rc = GEOPOL_OK;
	if (!c->pending) {
		int step = c->done ? SQLITE_DONE : sqlite3_step(c->st);
		c->done = step != SQLITE_ROW;
		if (step != SQLITE_ROW)
			return step == SQLITE_DONE ? GEOPOL_ITEROVER : gp_sql_error(c->db, c->reading);
		if ((rc = event_begin(c, e)))
			return rc;
	}
	c->pending = 0;
	/* Its other actors, up to the next event's first row. */
	while (!rc && !c->done) {
		int step = sqlite3_step(c->st);
		if (step != SQLITE_ROW) {
			c->done = 1;
			if (step != SQLITE_DONE)
				return gp_sql_error(c->db, c->reading);
		} else if (col_int(c->st, 0) == e->id) {
			rc = event_actor(c, e);
		} else {
			rc = event_begin(c, &c->ev[1 - c->cur]);
			c->pending = 1;
			break;
		}
	}
	if (rc)
		return rc;
	*r = (gp_panel_row){.id = e->id, .text = e->type, .value = e->value, .quad = e->quad,
			    .when = {e->flo, e->fhi, 0, 0, 0, 0}, .actors = e->actors,
			    .n_actors = e->n_actors};
	/* The next call hands out the one begun. */
	if (c->pending)
		c->cur = 1 - c->cur;
	return GEOPOL_OK;
}

static int panel_next(gp_panel_cursor *base, gp_panel_row *r)
{
	panel_cursor *c = (panel_cursor *)base;
	if (c->what == GP_PANEL_EVENTS)
		return events_next(c, r);
	while (!c->done) {
		if (c->ent && !c->running) {
			/* The next entity: the same statement, :ent bound anew. */
			if (c->i >= c->n_ents)
				break;
			sqlite3_reset(c->st);
			sqlite3_bind_int64(c->st, c->ent, c->ents[c->i++]);
			c->running = 1;
		}
		int rc = sqlite3_step(c->st);
		if (rc == SQLITE_ROW) {
			fill(c, r);
			return GEOPOL_OK;
		}
		if (rc != SQLITE_DONE) {
			c->done = 1;
			return gp_sql_error(c->db, c->reading);
		}
		c->running = 0;
		if (!c->ent)
			break;
	}
	c->done = 1;
	return GEOPOL_ITEROVER;
}

static void panel_free(gp_panel_cursor *base)
{
	panel_cursor *c = (panel_cursor *)base;
	gp_stmt_give(c->db, c->st);
	for (int i = 0; i < 2; i++) {
		free(c->ev[i].type);
		free(c->ev[i].actors);
	}
	free(c);
}

int gp_sqlite_panel(gp_panel_cursor **out, geopol_db *db, const gp_panel_query *q)
{
	*out = NULL;
	static const char *const sql[] = {NULL, sql_entities, gp_panel_sql_memberships,
					  gp_panel_sql_memberships_pledges, gp_panel_sql_relations,
					  gp_panel_sql_events};
	if (q->what < GP_PANEL_ENTITIES || q->what > GP_PANEL_EVENTS)
		return gp_error(db, GEOPOL_EINTERNAL, "internal: no panel read %d", q->what);
	panel_cursor *c = calloc(1, sizeof *c);
	if (!c)
		return gp_oom(db);
	*c = (panel_cursor){.base = {panel_next, panel_free}, .db = db, .what = q->what,
			    .ents = q->ents, .n_ents = q->n_ents};
	c->reading = q->what == GP_PANEL_ENTITIES ? "reading entities"
		   : q->what == GP_PANEL_EVENTS ? "reading events" : "reading the panel's facts";
	gp_params p = {.k = q->k, .dlo = q->dlo, .dhi = q->dhi, .d1lo = q->after};
	if (q->what == GP_PANEL_EVENTS) {
		/* The window of days [dlo, dhi + 1). */
		p.d1lo = q->dlo;
		p.d2lo = q->dhi + 1;
		p.defonly = q->defonly;
	} else if (q->what != GP_PANEL_ENTITIES) {
		p.ent = q->n_ents ? q->ents[0] : 0;
		if (q->q) {
			p.stages = q->q->stages;
			p.cshadow = q->q->shadow;
			p.coding = q->q->coding;
		}
	}
	int rc = (c->st = gp_stmt_take(db, sql[q->what])) ? gp_bind_params(db, c->st, &p)
							  : gp_stmt_failed(db);
	if (rc) {
		panel_free(&c->base);
		return rc;
	}
	if (q->what != GP_PANEL_ENTITIES && q->what != GP_PANEL_EVENTS)
		c->ent = sqlite3_bind_parameter_index(c->st, ":ent");
	*out = &c->base;
	return GEOPOL_OK;
}
