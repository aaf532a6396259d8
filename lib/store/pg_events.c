/*
 * pg_events.c - the PostgreSQL store's events (gp_store.events, store.h),
 * the answers of sqlite_events.c in two statements: the events a question
 * picks, each with its row, type, title and dataset fields (one join), and
 * the actors of all of them (one more), merged by event id. The window
 * and "known at" are temporal.h's fragments; the filters are SQLite's
 * with PostgreSQL's spelling (strpos for instr, and lower() of the "C"
 * collation, which folds ASCII only, as SQLite's does).
 *
 * Parameters: $1 the actor, $2 another actor, $3 the window's first day,
 * $4 the day after it, $5 defonly, $6 k, $7 the type prefix, $8 the text,
 * $9 the quad class, $10 the limit (NULL: none), $11 the title's
 * language, $12 the row.
 */
#include "store/pg_internal.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define WINDOW GP_SQL_EVENT_WINDOW_AT("$3", "$4", "$5") " AND " GP_SQL_KNOWN_AT("e", "$6")
#define CONTAINS(col) "strpos(lower(" col " COLLATE \"C\"), lower($8 COLLATE \"C\")) > 0"
#define COMMON \
	" AND ($7::text IS NULL OR substr(e.type, 1, length($7)) = $7) AND " WINDOW \
	" AND ($8::text IS NULL OR EXISTS (SELECT 1 FROM event_text x WHERE x.event_id = e.id" \
	" AND (" CONTAINS("x.title") " OR " CONTAINS("x.description") ")))" \
	" AND ($9::bigint IS NULL OR EXISTS (SELECT 1 FROM event_detail d WHERE d.event_id = e.id" \
	" AND d.quad_class = $9))"

/* Which events: (id, from_lo), in the question's order; the window's
 * bounds on from_lo leave out the partitions of other years (schema/pg/005),
 * and the parts are read from the partition of each event's from_lo. */
#define PICK_ACTOR \
	"SELECT DISTINCT e.id, e.from_lo FROM event_actor a JOIN event e ON e.id = a.event_id " \
	"WHERE a.entity_id = $1 AND ($2::bigint IS NULL OR EXISTS (SELECT 1 FROM event_actor b " \
	"WHERE b.event_id = e.id AND b.entity_id = $2))" COMMON " ORDER BY e.from_lo, e.id LIMIT $10"
#define PICK_ALL \
	"SELECT e.id, e.from_lo FROM event e WHERE true" COMMON " ORDER BY e.from_lo, e.id LIMIT $10"
#define PICK_WINDOW \
	"SELECT e.id, e.from_lo FROM event e WHERE " WINDOW " AND ($1::bigint IS NULL OR EXISTS " \
	"(SELECT 1 FROM event_actor a WHERE a.event_id = e.id AND a.entity_id = $1))"
#define PICK_ONE "SELECT k.id, k.from_lo FROM event_key k WHERE k.id = $12"
#define PICK_UNCITED \
	"SELECT e.id, e.from_lo FROM event e WHERE " GP_SQL_KNOWN_AT("e", "$6") " AND NOT EXISTS " \
	"(SELECT 1 FROM citation c WHERE c.event_id = e.id)"

/* The picked events' parts: the row and its type, the title in $11, else
 * English, else any, and the dataset's fields. Each row is joined by
 * (id, from_lo); a question over a window bounds the rows read here as
 * the pick does (`bound`), so the partitions of other years are left out
 * of both (schema/pg/005). A lateral read of each row in its partition
 * prunes per row but costs ~0.8 ms a row at 46 partitions (bench_pg's
 * one-year diff: 3.4 s against 30 ms). */
#define WINDOW_BOUND "WHERE e.from_lo > $3 - 366 AND e.from_lo < $4 "
#define PARTS(pick, bound) \
	"SELECT e.id, e.fact_id, e.ext_id, e.type, t.name, t.goldstein, e.intensity, e.location, " \
	"e.from_lo, e.from_hi, e.from_prec, e.to_lo, e.to_hi, e.to_prec, e.rec_from, " \
	"x.lang, x.title, x.description, d.quad_class, d.num_mentions, d.num_sources, " \
	"d.num_articles, d.avg_tone, d.lat, d.lon, d.attrs " \
	"FROM (" pick ") p JOIN event e ON e.id = p.id AND e.from_lo = p.from_lo " \
	"JOIN event_type t ON t.code = e.type " \
	"LEFT JOIN event_detail d ON d.event_id = e.id LEFT JOIN LATERAL (SELECT lang, title, " \
	"description FROM event_text WHERE event_id = e.id ORDER BY lang = $11 DESC, lang = 'en' " \
	"DESC, lang LIMIT 1) x ON true " bound "ORDER BY e.from_lo, e.id"
enum { C_ID, C_FACT, C_EXT, C_TYPE, C_TNAME, C_GOLD, C_INT, C_LOC, C_FLO, C_FHI, C_FPREC, C_TLO,
       C_THI, C_TPREC, C_REC, C_LANG, C_TITLE, C_DESC, C_QUAD, C_ATTRS = C_QUAD + 7 };
/* By GP_EVENTS_*, then geopol_events with an actor. */
#define WITH_ACTOR (GP_EVENTS_UNCITED + 1)
static const char *const parts_sql[] = {
	NULL, PARTS(PICK_ALL, WINDOW_BOUND), PARTS(PICK_WINDOW, WINDOW_BOUND), PARTS(PICK_ONE, ""),
	PARTS(PICK_UNCITED, ""), PARTS(PICK_ACTOR, WINDOW_BOUND)};
_Static_assert(GP_EVENTS_MATCH == 1 && GP_EVENTS_WINDOW == 2 && GP_EVENTS_ONE == 3 &&
	       GP_EVENTS_UNCITED == 4, "parts_sql follows GP_EVENTS_*");

/* The actors of the events $1 (an array of ids), by event, role, code. */
static const char actors_sql[] =
	"SELECT a.event_id, x.code, a.role FROM event_actor a JOIN entity x ON x.id = a.entity_id "
	"WHERE a.event_id = ANY ($1::bigint[]) ORDER BY a.event_id, a.role, x.code";

const char *gp_pg_events_sql(int what)
{
	return what >= GP_EVENTS_MATCH && what <= WITH_ACTOR ? parts_sql[what] : NULL;
}

typedef struct event_cursor {
	gp_event_cursor base;        /* first */
	geopol_db *db;
	PGresult *events, *actors;
	int i, n;
	geopol_actor *row_actors;
	size_t actors_cap;
	char *details;               /* the row's */
} event_cursor;

static double real_or_nan(const PGresult *r, int i, int c)
{
	return PQgetisnull(r, i, c) ? NAN : strtod(PQgetvalue(r, i, c), NULL);
}

/* The dataset's fields as the SQLite store gives them (pg_details.c). */
static int read_details(event_cursor *c, int i)
{
	free(c->details);
	c->details = NULL;
	return gp_pg_details(c->db, c->events, i, C_QUAD, &c->details);
}

/* The actors of event `id`: its run in the actors' result. */
static int read_actors(event_cursor *c, int64_t id, gp_event_row *r)
{
	const PGresult *a = c->actors;
	int lo = 0, hi = a ? PQntuples(a) : 0, n = hi;
	while (lo < hi) {
		int mid = lo + (hi - lo) / 2;
		if (gp_pg_get_int(a, mid, 0) < id)
			lo = mid + 1;
		else
			hi = mid;
	}
	size_t k = 0;
	for (int j = lo; j < n && gp_pg_get_int(a, j, 0) == id; j++, k++) {
		geopol_actor *p = GP_GROW(c->row_actors, c->actors_cap, k + 1, 4);
		if (!p)
			return gp_oom(c->db);
		c->row_actors = p;
		c->row_actors[k] = (geopol_actor){gp_pg_get_text(a, j, 1), (int)gp_pg_get_int(a, j, 2)};
	}
	r->actors = c->row_actors;
	r->n_actors = k;
	return GEOPOL_OK;
}

static int event_next(gp_event_cursor *base, gp_event_row *r)
{
	event_cursor *c = (event_cursor *)base;
	if (c->i >= c->n)
		return GEOPOL_ITEROVER;
	int i = c->i++;
	const PGresult *e = c->events;
	*r = (gp_event_row){.id = gp_pg_get_int(e, i, C_ID), .fact_id = gp_pg_get_int(e, i, C_FACT),
			    .ext_id = gp_pg_get_text(e, i, C_EXT), .type = gp_pg_get_text(e, i, C_TYPE),
			    .type_name = gp_pg_get_text(e, i, C_TNAME),
			    .goldstein = real_or_nan(e, i, C_GOLD), .intensity = real_or_nan(e, i, C_INT),
			    .location = gp_pg_get_text(e, i, C_LOC),
			    .when = {gp_pg_get_int(e, i, C_FLO), gp_pg_get_int(e, i, C_FHI),
				     gp_pg_get_int(e, i, C_TLO), gp_pg_get_int(e, i, C_THI),
				     (int)gp_pg_get_int(e, i, C_FPREC), (int)gp_pg_get_int(e, i, C_TPREC)},
			    .rec_from = gp_pg_get_int(e, i, C_REC),
			    .title_lang = gp_pg_get_text(e, i, C_LANG),
			    .title = gp_pg_get_text(e, i, C_TITLE),
			    .description = gp_pg_get_text(e, i, C_DESC)};
	int rc = read_actors(c, r->id, r);
	if (!rc)
		rc = read_details(c, i);
	r->details = c->details;
	return rc;
}

static void event_free(gp_event_cursor *base)
{
	event_cursor *c = (event_cursor *)base;
	PQclear(c->events);
	PQclear(c->actors);
	free(c->row_actors);
	free(c->details);
	free(c);
}

/* The actors of the events picked, as one array parameter. */
static int load_actors(event_cursor *c)
{
	if (!c->n)
		return GEOPOL_OK;
	size_t cap = (size_t)c->n * 21 + 3, len = 0;
	char *ids = malloc(cap);
	if (!ids)
		return gp_oom(c->db);
	ids[len++] = '{';
	for (int i = 0; i < c->n; i++)
		len += (size_t)snprintf(ids + len, cap - len, "%s%s", i ? "," : "",
					PQgetvalue(c->events, i, C_ID));
	ids[len++] = '}';
	ids[len] = '\0';
	gp_pg_args a = {0};
	gp_pg_text(&a, ids);
	int rc;
	c->actors = gp_pg_run(c->db, actors_sql, &a, "reading event actors", &rc);
	free(ids);
	return c->actors ? GEOPOL_OK : rc;
}

static void id_or_null(gp_pg_args *a, int64_t id)
{
	if (id)
		gp_pg_int(a, id);
	else
		gp_pg_null_int(a);
}

int gp_pg_events(gp_event_cursor **out, geopol_db *db, const gp_events_query *q)
{
	*out = NULL;
	int which = q->what == GP_EVENTS_MATCH && q->ent ? WITH_ACTOR : q->what;
	if (which < GP_EVENTS_MATCH || which > WITH_ACTOR)
		return gp_error(db, GEOPOL_EINTERNAL, "internal: no events question %d", q->what);
	gp_pg_args a = {0};
	id_or_null(&a, q->ent);
	id_or_null(&a, q->other);
	gp_pg_int(&a, q->wlo);
	gp_pg_int(&a, q->whi);
	gp_pg_int(&a, q->defonly);
	gp_pg_int(&a, q->k);
	gp_pg_text(&a, q->type);
	gp_pg_text(&a, q->text);
	id_or_null(&a, q->quad);
	if (q->limit >= 0)
		gp_pg_int(&a, q->limit);
	else
		gp_pg_null_int(&a);
	gp_pg_text(&a, q->lang ? q->lang : "en");
	gp_pg_int(&a, q->row);
	event_cursor *c = calloc(1, sizeof *c);
	if (!c)
		return gp_oom(db);
	c->base = (gp_event_cursor){event_next, event_free};
	c->db = db;
	int rc;
	if (!(c->events = gp_pg_run(db, parts_sql[which], &a, "running a query", &rc))) {
		event_free(&c->base);
		return rc;
	}
	c->n = PQntuples(c->events);
	if ((rc = load_actors(c))) {
		event_free(&c->base);
		return rc;
	}
	*out = &c->base;
	return GEOPOL_OK;
}
