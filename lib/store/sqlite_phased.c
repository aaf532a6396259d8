/*
 * sqlite_phased.c - statements run in phases (sqlite_phased.h): the SQLite
 * reference tests/check_diff.c compares the diff with. Rows are read by
 * the row readers of the store: gp_edge_row_read (sqlite_row.c) and
 * gp_store.events for an event's parts.
 */
#include "store/sqlite_phased.h"
#include "store/store.h"

#include <stdlib.h>

/* The event row `row` into the item, with the certainty of its date in the
 * window [wlo, whi] (wlo > whi: definite) and its title in `lang`. */
static int read_event(geopol_iter *it, int64_t row, int64_t wlo, int64_t whi, const char *lang)
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
	gp_edge_row r;
	switch (ph->reader) {
	case GP_READ_MEMBERSHIP:
	case GP_READ_RELATION:
		gp_edge_row_read(&r, ph->reader == GP_READ_MEMBERSHIP ? GEOPOL_FACT_MEMBERSHIP
								      : GEOPOL_FACT_RELATION, st, 0, 0);
		certainty = gp_fill_edge(it, &r, lo, hi);
		break;
	case GP_READ_EVENT: {
		int rc = read_event(it, sqlite3_column_int64(st, 0), lo, hi, s->p.lang);
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

/* Begin a query: check arguments, allocate state. */
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
