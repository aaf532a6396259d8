/*
 * sqlite_event_window.c - the SQLite store's events of a window of days
 * (gp_store.events, GP_EVENTS_WINDOW: a diff's events), read a chunk at a
 * time. The rows come with their columns from the covering index
 * event_window (schema 013), in the answer's order (date, then row id),
 * without a visit to the table. Then, for the chunk, its actors, dataset
 * fields and titles are read by one statement each over the chunk's row
 * ids in ascending order (json_each), so that those tables, keyed by the
 * event's row id, are read in their own order: the events of one year may
 * lie anywhere in them, and a read by event would cost a random page each.
 * The answers are those of the statements of sqlite_events.c, event by
 * event (tests/check_diff.c).
 */
#include "store/store.h"
#include "store/sqlite_internal.h"
#include "store/params.h"
#include "store/sql_internal.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char sql_rows[] = GP_SQL_DIFF_EVENT_ROWS;
/* ?1: a JSON array of row ids, ascending (plans: tests/check_plans.c). */
const char gp_event_window_sql_actors[] =
	"SELECT v.value, a.entity_id, a.role FROM json_each(?1) v "
	"JOIN event_actor a ON a.event_id = v.value";
const char gp_event_window_sql_details[] =
	"SELECT v.value, " GP_SQL_EVENT_DETAILS " FROM json_each(?1) v "
	"JOIN event_detail d ON d.event_id = v.value";
const char gp_event_window_sql_texts[] =
	"SELECT v.value, t.lang, t.title, t.description FROM json_each(?1) v "
	"JOIN event_text t ON t.event_id = v.value AND t.lang = (SELECT lang FROM event_text x "
	"WHERE x.event_id = v.value ORDER BY " GP_SQL_TITLE_ORDER("?2") " LIMIT 1)";
static const char sql_code[] = "SELECT code FROM entity WHERE id = ?1";

size_t gp_event_window_chunk = GP_EVENT_WINDOW_CHUNK;

enum { ST_ROWS, ST_ACTORS, ST_DETAILS, ST_TEXTS, ST_CODE, N_ST };

/* Strings that stay where they are until the arena is emptied. */
typedef struct arena_block {
	struct arena_block *next;
	size_t used, cap;
	char data[];
} arena_block;

typedef struct arena {
	arena_block *head;
} arena;

typedef struct by_id {
	int64_t id;
	size_t at;                   /* its event in the chunk */
} by_id;

typedef struct actor_at {
	size_t at;                   /* its event in the chunk */
	const char *code;
	int role;
} actor_at;

typedef struct window_cursor {
	gp_event_cursor base;        /* first */
	geopol_db *db;
	sqlite3_stmt *st[N_ST];
	char *lang;
	gp_event_row *ev;            /* the chunk, in answer order */
	size_t n, cap, pos;
	size_t *first, *count;       /* per event: its actors in `actors` */
	by_id *ids;                  /* the chunk's, ascending */
	actor_at *tmp;               /* the actors as read */
	geopol_actor *actors;
	size_t n_actors, actors_cap, tmp_cap;
	char *json;                  /* the ids as a JSON array */
	size_t json_cap;
	arena strings;               /* the chunk's strings */
	arena names;                 /* the entity codes, kept */
	gp_map codes;                /* entity id -> its code in `names` */
	int rows_done;
} window_cursor;

/* ---- the arena */

static const char *arena_dup(arena *a, const char *s)
{
	if (!s)
		return NULL;
	size_t n = strlen(s) + 1;
	arena_block *b = a->head;
	if (!b || b->cap - b->used < n) {
		size_t cap = n > 65536 ? n : 65536;
		if (!(b = malloc(sizeof *b + cap)))
			return NULL;
		*b = (arena_block){a->head, 0, cap};
		a->head = b;
	}
	char *p = memcpy(b->data + b->used, s, n);
	b->used += n;
	return p;
}

/* An arena's copy of column c of st; *err set when out of memory. */
static const char *arena_col(arena *a, sqlite3_stmt *st, int c, int *err)
{
	const char *s = (const char *)sqlite3_column_text(st, c);
	const char *p = arena_dup(a, s);
	if (s && !p)
		*err = 1;
	return p;
}

/* Empty the arena, keeping one block for what comes next. */
static void arena_reset(arena *a)
{
	arena_block *b = a->head;
	if (!b)
		return;
	for (arena_block *n = b->next, *x; n; n = x) {
		x = n->next;
		free(n);
	}
	b->next = NULL;
	b->used = 0;
}

static void arena_free(arena *a)
{
	arena_reset(a);
	free(a->head);
	a->head = NULL;
}

/* ---- a chunk */

/* The chunk's next rows from the window statement. */
static int read_rows(window_cursor *c)
{
	sqlite3_stmt *st = c->st[ST_ROWS];
	c->n = c->pos = 0;
	arena_reset(&c->strings);
	while (c->n < gp_event_window_chunk) {
		int rc = sqlite3_step(st);
		if (rc == SQLITE_DONE) {
			c->rows_done = 1;
			break;
		}
		if (rc != SQLITE_ROW)
			return gp_sql_error(c->db, "running a query");
		gp_event_row *p = GP_GROW(c->ev, c->cap, c->n + 1, 1024);
		if (!p)
			return gp_oom(c->db);
		c->ev = p;
		gp_event_row *r = &c->ev[c->n];
		gp_sqlite_event_cols(st, 1, sqlite3_column_int64(st, 0), r);
		int err = 0;
		r->ext_id = arena_col(&c->strings, st, 2, &err);
		r->type = arena_col(&c->strings, st, 3, &err);
		r->type_name = arena_col(&c->strings, st, 4, &err);
		r->location = arena_col(&c->strings, st, 7, &err);
		if (err)
			return gp_oom(c->db);
		c->n++;
	}
	return GEOPOL_OK;
}

static int by_id_cmp(const void *a, const void *b)
{
	int64_t x = ((const by_id *)a)->id, y = ((const by_id *)b)->id;
	return (x > y) - (x < y);
}

/* The chunk's ids, ascending, in ids and as a JSON array bound to the
 * statements that read by id. */
static int sort_ids(window_cursor *c)
{
	by_id *ids = realloc(c->ids, (c->n ? c->n : 1) * sizeof *ids);
	size_t need = c->n * 21 + 3;
	char *json = need > c->json_cap ? realloc(c->json, need) : c->json;
	if (!ids || !json) {
		if (ids)
			c->ids = ids;
		if (json)
			c->json = json;
		return gp_oom(c->db);
	}
	c->ids = ids;
	c->json = json;
	c->json_cap = need > c->json_cap ? need : c->json_cap;
	for (size_t i = 0; i < c->n; i++)
		ids[i] = (by_id){c->ev[i].id, i};
	qsort(ids, c->n, sizeof *ids, by_id_cmp);
	size_t len = 0;
	json[len++] = '[';
	for (size_t i = 0; i < c->n; i++)
		len += (size_t)snprintf(json + len, need - len, "%s%" PRId64, i ? "," : "",
					ids[i].id);
	json[len++] = ']';
	json[len] = '\0';
	for (int i = ST_ACTORS; i <= ST_TEXTS; i++) {
		sqlite3_reset(c->st[i]);
		sqlite3_bind_text(c->st[i], 1, json, (int)len, SQLITE_STATIC);
	}
	return GEOPOL_OK;
}

/* The chunk's event of row id (one of the chunk's); *hint: where the last
 * was found, the rows come in ascending order. */
static size_t event_of(const window_cursor *c, int64_t id, size_t *hint)
{
	size_t h = *hint;
	if (h < c->n && c->ids[h].id == id)
		return c->ids[h].at;
	if (h + 1 < c->n && c->ids[h + 1].id == id) {
		*hint = h + 1;
		return c->ids[h + 1].at;
	}
	by_id key = {id, 0};
	const by_id *f = bsearch(&key, c->ids, c->n, sizeof *c->ids, by_id_cmp);
	if (!f)
		return SIZE_MAX;
	*hint = (size_t)(f - c->ids);
	return f->at;
}

/* The code of entity `id`, from the cursor's map, else read. */
static int code_of(window_cursor *c, int64_t id, const char **code)
{
	uint64_t *v = gp_map_get(&c->codes, (uint64_t)id);
	if (v) {
		*code = (const char *)(uintptr_t)*v;
		return GEOPOL_OK;
	}
	sqlite3_stmt *st = c->st[ST_CODE];
	sqlite3_reset(st);
	sqlite3_bind_int64(st, 1, id);
	if (sqlite3_step(st) != SQLITE_ROW)
		return gp_sql_error(c->db, "reading event actors");
	int err = 0;
	*code = arena_col(&c->names, st, 0, &err);
	sqlite3_reset(st);
	if (err || !*code || gp_map_put(&c->codes, (uint64_t)id, (uint64_t)(uintptr_t)*code))
		return gp_oom(c->db);
	return GEOPOL_OK;
}

/* By role, then entity code: the order an event's actors answer in; by
 * event first when the rows came unsorted. */
static int actor_cmp(const void *a, const void *b)
{
	const actor_at *x = a, *y = b;
	if (x->at != y->at)
		return x->at < y->at ? -1 : 1;
	if (x->role != y->role)
		return x->role < y->role ? -1 : 1;
	return strcmp(x->code, y->code);
}

/* Each event's actors together (first[i] .. first[i] + count[i] of tmp)
 * and in answer order. The rows come by event (json_each's order); had
 * they not, all are sorted by event. */
static void settle_actors(window_cursor *c, size_t n, int grouped)
{
	actor_at *t = c->tmp;
	if (!grouped)
		qsort(t, n, sizeof *t, actor_cmp);
	for (size_t i = 0; i < c->n; i++)
		c->count[i] = 0;
	for (size_t j = 0, end; j < n; j = end) {
		for (end = j + 1; end < n && t[end].at == t[j].at; end++)
			;
		if (grouped)
			for (size_t k = j + 1; k < end; k++)
				for (size_t m = k; m > j && actor_cmp(&t[m - 1], &t[m]) > 0; m--) {
					actor_at x = t[m];
					t[m] = t[m - 1];
					t[m - 1] = x;
				}
		c->first[t[j].at] = j;
		c->count[t[j].at] = end - j;
	}
	for (size_t j = 0; j < n; j++)
		c->actors[j] = (geopol_actor){t[j].code, t[j].role};
}

/* The chunk's actors. */
static int read_actors(window_cursor *c)
{
	sqlite3_stmt *st = c->st[ST_ACTORS];
	size_t n = 0, hint = 0, prev = SIZE_MAX;
	int rc, grouped = 1;
	size_t *first = realloc(c->first, c->n * sizeof *first);
	size_t *count = first ? realloc(c->count, c->n * sizeof *count) : NULL;
	if (first)
		c->first = first;
	if (count)
		c->count = count;
	if (!first || !count)
		return gp_oom(c->db);
	for (size_t i = 0; i < c->n; i++)
		count[i] = 0;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		size_t at = event_of(c, sqlite3_column_int64(st, 0), &hint);
		if (at == SIZE_MAX)
			return gp_error(c->db, GEOPOL_EDB, "reading event actors: an event not asked");
		if (at != prev && count[at])
			grouped = 0;   /* seen before, and not just before */
		count[at] = 1;
		prev = at;
		actor_at *p = GP_GROW(c->tmp, c->tmp_cap, n + 1, 1024);
		if (!p)
			return gp_oom(c->db);
		c->tmp = p;
		p[n] = (actor_at){at, NULL, sqlite3_column_int(st, 2)};
		if ((rc = code_of(c, sqlite3_column_int64(st, 1), &p[n].code)))
			return rc;
		n++;
	}
	if (rc != SQLITE_DONE)
		return gp_sql_error(c->db, "reading event actors");
	geopol_actor *a = GP_GROW(c->actors, c->actors_cap, n ? n : 1, 1024);
	if (!a)
		return gp_oom(c->db);
	c->actors = a;
	settle_actors(c, n, grouped);
	return GEOPOL_OK;
}

/* The chunk's dataset fields and titles. */
static int read_details_texts(window_cursor *c)
{
	sqlite3_stmt *st = c->st[ST_DETAILS];
	size_t hint = 0;
	int rc, err = 0;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		size_t at = event_of(c, sqlite3_column_int64(st, 0), &hint);
		const char *d = (const char *)sqlite3_column_text(st, 1);
		if (at != SIZE_MAX && d && strcmp(d, "{}") != 0)
			c->ev[at].details = arena_col(&c->strings, st, 1, &err);
	}
	if (rc != SQLITE_DONE)
		return gp_sql_error(c->db, "reading event details");
	st = c->st[ST_TEXTS];
	sqlite3_bind_text(st, 2, c->lang ? c->lang : "en", -1, SQLITE_STATIC);
	hint = 0;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		size_t at = event_of(c, sqlite3_column_int64(st, 0), &hint);
		if (at == SIZE_MAX)
			continue;
		c->ev[at].title_lang = arena_col(&c->strings, st, 1, &err);
		c->ev[at].title = arena_col(&c->strings, st, 2, &err);
		c->ev[at].description = arena_col(&c->strings, st, 3, &err);
	}
	if (rc != SQLITE_DONE)
		return gp_sql_error(c->db, "reading event texts");
	return err ? gp_oom(c->db) : GEOPOL_OK;
}

static int read_chunk(window_cursor *c)
{
	int rc = read_rows(c);
	if (!rc && c->n)
		rc = sort_ids(c);
	if (!rc && c->n)
		rc = read_actors(c);
	if (!rc && c->n)
		rc = read_details_texts(c);
	for (int i = ST_ACTORS; i <= ST_TEXTS; i++)
		sqlite3_reset(c->st[i]);
	return rc;
}

/* ---- the cursor */

static int window_next(gp_event_cursor *base, gp_event_row *r)
{
	window_cursor *c = (window_cursor *)base;
	if (c->pos == c->n) {
		if (c->rows_done)
			return GEOPOL_ITEROVER;
		int rc = read_chunk(c);
		if (rc) {
			c->n = c->pos = 0;
			return rc;
		}
		if (!c->n)
			return GEOPOL_ITEROVER;
	}
	size_t i = c->pos++;
	*r = c->ev[i];
	r->n_actors = c->count[i];
	r->actors = r->n_actors ? c->actors + c->first[i] : NULL;
	return GEOPOL_OK;
}

static void window_free(gp_event_cursor *base)
{
	window_cursor *c = (window_cursor *)base;
	for (int i = 0; i < N_ST; i++)
		gp_stmt_give(c->db, c->st[i]);
	free(c->lang);
	free(c->ev);
	free(c->first);
	free(c->count);
	free(c->ids);
	free(c->tmp);
	free(c->actors);
	free(c->json);
	arena_free(&c->strings);
	arena_free(&c->names);
	gp_map_free(&c->codes);
	free(c);
}

int gp_sqlite_event_window(gp_event_cursor **out, geopol_db *db, const gp_events_query *q)
{
	*out = NULL;
	window_cursor *c = calloc(1, sizeof *c);
	if (!c)
		return gp_oom(db);
	c->base = (gp_event_cursor){window_next, window_free};
	c->db = db;
	if (q->lang && !(c->lang = strdup(q->lang))) {
		window_free(&c->base);
		return gp_oom(db);
	}
	const char *sql[N_ST] = {sql_rows, gp_event_window_sql_actors, gp_event_window_sql_details,
				 gp_event_window_sql_texts, sql_code};
	int rc = GEOPOL_OK;
	for (int i = 0; i < N_ST && !rc; i++)
		if (!(c->st[i] = gp_stmt_take(db, sql[i])))
			rc = gp_stmt_failed(db);
	gp_params p = {.ent = q->ent, .d1lo = q->wlo, .d2lo = q->whi, .defonly = q->defonly,
		       .k = q->k, .limit = -1};
	if (!rc)
		rc = gp_bind_params(db, c->st[ST_ROWS], &p);
	if (rc) {
		window_free(&c->base);
		return rc;
	}
	*out = &c->base;
	return GEOPOL_OK;
}
