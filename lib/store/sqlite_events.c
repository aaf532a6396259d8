/*
 * sqlite_events.c - the SQLite store's events (gp_store.events, store.h):
 * the statement that picks the events of a question, then, for each, its
 * row, actors, dataset fields and title, each from a statement of its own
 * that the cursor holds until it is freed, so that the row's strings stay
 * valid until the next call. The diff's window (GP_EVENTS_WINDOW) is read
 * a chunk at a time instead (sqlite_event_window.c, which sqlite_store.c
 * calls for it).
 */
#include "store/store.h"
#include "store/sqlite_internal.h"
#include "store/params.h"
#include "store/sql_internal.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* The filters of geopol_events; with an actor, the actor index drives,
 * otherwise the date index. */
#define EVENT_COMMON \
	" AND (:type IS NULL OR substr(e.type, 1, length(:type)) = :type)" \
	" AND " GP_SQL_EVENT_WINDOW " AND " GP_SQL_KNOWN("e") \
	" AND (:text IS NULL OR EXISTS (SELECT 1 FROM event_text x WHERE x.event_id = e.id" \
	" AND (instr(lower(x.title), lower(:text)) OR instr(lower(x.description), lower(:text)))))" \
	" AND (:quad IS NULL OR EXISTS (SELECT 1 FROM event_detail d WHERE d.event_id = e.id" \
	" AND d.quad_class = :quad))"

static const char sql_actor[] =
	"SELECT DISTINCT e.id, e.from_lo FROM event_actor a JOIN event e ON e.id = a.event_id "
	"WHERE a.entity_id = :ent AND (:other IS NULL OR EXISTS (SELECT 1 FROM event_actor b "
	"WHERE b.event_id = e.id AND b.entity_id = :other))" EVENT_COMMON
	" ORDER BY e.from_lo, e.id LIMIT :limit";
static const char sql_all[] =
	"SELECT e.id, e.from_lo FROM event e WHERE 1" EVENT_COMMON
	" ORDER BY e.from_lo, e.id LIMIT :limit";
/* geopol_uncited's events. */
static const char sql_uncited[] = "SELECT e.id FROM event e WHERE " GP_SQL_KNOWN("e")
	" AND NOT EXISTS (SELECT 1 FROM citation c WHERE c.event_id = e.id) ORDER BY e.from_lo";

/* One event's parts, by its row id (?1). */
static const char sql_row[] =
	"SELECT " GP_SQL_EVENT_COLS " FROM event e JOIN event_type t ON t.code = e.type "
	"WHERE e.id = ?1";
static const char sql_actors[] =
	"SELECT x.code, a.role FROM event_actor a JOIN entity x ON x.id = a.entity_id "
	"WHERE a.event_id = ?1 ORDER BY a.role, x.code";
/* The dataset's own fields (schema 008). */
static const char sql_details[] =
	"SELECT " GP_SQL_EVENT_DETAILS " FROM event_detail WHERE event_id = ?1";
/* The title in the asked language (?2), else English, else any. */
static const char sql_text[] =
	"SELECT lang, title, description FROM event_text WHERE event_id = ?1 "
	"ORDER BY " GP_SQL_TITLE_ORDER("?2") " LIMIT 1";

enum { ST_PICK, ST_ROW, ST_ACTORS, ST_DETAILS, ST_TEXT, N_ST };

typedef struct event_cursor {
	gp_event_cursor base;        /* first */
	geopol_db *db;
	sqlite3_stmt *st[N_ST];
	char *lang, *type, *text;    /* the question's strings, bound to the statements */
	geopol_actor *actors;        /* the row's; codes in `codes` */
	size_t actors_cap;
	gp_chain codes;
	int64_t one;                 /* GP_EVENTS_ONE: the row (no ST_PICK) */
	int done;
} event_cursor;

static double real_or_nan(sqlite3_stmt *st, int c)
{
	return sqlite3_column_type(st, c) == SQLITE_NULL ? NAN : sqlite3_column_double(st, c);
}

void gp_sqlite_event_cols(sqlite3_stmt *st, int c, int64_t id, gp_event_row *r)
{
	*r = (gp_event_row){.id = id, .fact_id = sqlite3_column_int64(st, c),
			    .ext_id = (const char *)sqlite3_column_text(st, c + 1),
			    .type = (const char *)sqlite3_column_text(st, c + 2),
			    .type_name = (const char *)sqlite3_column_text(st, c + 3),
			    .goldstein = real_or_nan(st, c + 4), .intensity = real_or_nan(st, c + 5),
			    .location = (const char *)sqlite3_column_text(st, c + 6),
			    .when = {sqlite3_column_int64(st, c + 7), sqlite3_column_int64(st, c + 8),
				     sqlite3_column_int64(st, c + 10), sqlite3_column_int64(st, c + 11),
				     sqlite3_column_int(st, c + 9), sqlite3_column_int(st, c + 12)},
			    .rec_from = sqlite3_column_int64(st, c + 13)};
}

/* The parts of event `id` into r. */
static int read_parts(event_cursor *c, int64_t id, gp_event_row *r)
{
	geopol_db *db = c->db;
	for (int i = ST_ROW; i < N_ST; i++) {
		sqlite3_reset(c->st[i]);
		sqlite3_bind_int64(c->st[i], 1, id);
	}
	sqlite3_stmt *st = c->st[ST_ROW];
	if (sqlite3_step(st) != SQLITE_ROW)
		return gp_sql_error(db, "reading an event");
	gp_sqlite_event_cols(st, 0, id, r);

	gp_chain_free(&c->codes);
	st = c->st[ST_ACTORS];
	size_t n = 0;
	int rc, err = 0;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		geopol_actor *p = GP_GROW(c->actors, c->actors_cap, n + 1, 4);
		if (!p)
			return gp_oom(db);
		c->actors = p;
		c->actors[n].entity = gp_chain_strdup(&c->codes, (const char *)sqlite3_column_text(st, 0),
						      &err);
		c->actors[n].role = sqlite3_column_int(st, 1);
		if (err)
			return gp_oom(db);
		n++;
	}
	if (rc != SQLITE_DONE)
		return gp_sql_error(db, "reading event actors");
	r->actors = c->actors;
	r->n_actors = n;

	st = c->st[ST_DETAILS];
	if (sqlite3_step(st) == SQLITE_ROW && sqlite3_column_text(st, 0) &&
	    strcmp((const char *)sqlite3_column_text(st, 0), "{}") != 0)
		r->details = (const char *)sqlite3_column_text(st, 0);

	st = c->st[ST_TEXT];
	sqlite3_bind_text(st, 2, c->lang ? c->lang : "en", -1, SQLITE_STATIC);
	if (sqlite3_step(st) == SQLITE_ROW) {
		r->title_lang = (const char *)sqlite3_column_text(st, 0);
		r->title = (const char *)sqlite3_column_text(st, 1);
		r->description = (const char *)sqlite3_column_text(st, 2);
	}
	return GEOPOL_OK;
}

static int event_next(gp_event_cursor *base, gp_event_row *r)
{
	event_cursor *c = (event_cursor *)base;
	if (c->done)
		return GEOPOL_ITEROVER;
	if (!c->st[ST_PICK]) {
		c->done = 1;
		return read_parts(c, c->one, r);
	}
	int step = sqlite3_step(c->st[ST_PICK]);
	if (step == SQLITE_DONE) {
		c->done = 1;
		return GEOPOL_ITEROVER;
	}
	if (step != SQLITE_ROW)
		return gp_sql_error(c->db, "running a query");
	return read_parts(c, sqlite3_column_int64(c->st[ST_PICK], 0), r);
}

static void event_free(gp_event_cursor *base)
{
	event_cursor *c = (event_cursor *)base;
	for (int i = 0; i < N_ST; i++)
		gp_stmt_give(c->db, c->st[i]);
	free(c->lang);
	free(c->type);
	free(c->text);
	free(c->actors);
	gp_chain_free(&c->codes);
	free(c);
}

static int dup(const char *s, char **out)
{
	*out = NULL;
	return s && !(*out = strdup(s));
}

int gp_sqlite_events(gp_event_cursor **out, geopol_db *db, const gp_events_query *q)
{
	*out = NULL;
	event_cursor *c = calloc(1, sizeof *c);
	if (!c)
		return gp_oom(db);
	c->base = (gp_event_cursor){event_next, event_free};
	c->db = db;
	if (dup(q->lang, &c->lang) | dup(q->type, &c->type) | dup(q->text, &c->text)) {
		event_free(&c->base);
		return gp_oom(db);
	}
	const char *pick = q->what == GP_EVENTS_ONE ? NULL
			 : q->what == GP_EVENTS_UNCITED ? sql_uncited
			 : q->ent ? sql_actor : sql_all;
	const char *sql[N_ST] = {pick, sql_row, sql_actors, sql_details, sql_text};
	gp_params p = {.ent = q->ent, .other = q->other, .d1lo = q->wlo, .d2lo = q->whi,
		       .defonly = q->defonly, .k = q->k, .type = c->type, .text = c->text,
		       .quad = q->quad, .limit = q->limit};
	int rc = GEOPOL_OK;
	for (int i = 0; i < N_ST && !rc; i++)
		if (sql[i] && !(c->st[i] = gp_stmt_take(db, sql[i])))
			rc = gp_stmt_failed(db);
	c->one = q->row;
	if (!rc && pick)
		rc = gp_bind_params(db, c->st[ST_PICK], &p);
	if (rc) {
		event_free(&c->base);
		return rc;
	}
	*out = &c->base;
	return GEOPOL_OK;
}
