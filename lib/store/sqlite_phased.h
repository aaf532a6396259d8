/*
 * sqlite_phased.h - statements run in phases, each row read into an item:
 * how the queries were answered before they read the store's rows (the
 * diff's statements, GP_SQL_DIFF_*), kept as the SQLite reference that
 * tests/check_diff.c compares the store's answers with, item by item. No
 * query of the library runs it. A query is one or more SQL statements
 * ("phases") run in turn; every statement names its parameters (:ent,
 * :dlo, :k...) and they are bound by name from one gp_params.
 */
#ifndef GEOPOL_SQLITE_PHASED_H
#define GEOPOL_SQLITE_PHASED_H

#include "core/geopol_internal.h"
#include "store/params.h"

/* What a phase's rows are: a membership or a relation in the joined
 * column list (core/row.h), or an event's row id. */
enum { GP_READ_MEMBERSHIP = 1, GP_READ_RELATION, GP_READ_EVENT };
/* Which span a phase's certainty is computed against: the "at" date, one
 * of diff's two dates, none (every row definite), or the window
 * [d1lo, d2lo) of events, history and diff (an event's date must lie in it,
 * a relation hold on some day of it). */
enum { GP_SPAN_AT = 0, GP_SPAN_D1, GP_SPAN_D2, GP_SPAN_NONE, GP_SPAN_WINDOW };

typedef struct gp_phase {
	const char *sql;
	int reader;   /* GP_READ_*; EVENT rows are the event's row id */
	int span;
	int change;   /* geopol_change tag for diff items */
} gp_phase;

#define GP_MAX_PHASES 8

typedef struct gp_phased {
	gp_phase phases[GP_MAX_PHASES];
	int n, cur;
	sqlite3_stmt *st;
	gp_params p;
	unsigned flags;
	int plain;      /* gp_q.plain */
} gp_phased;

gp_phased *gp_phased_new(const gp_q *q);
void gp_phase_add(gp_phased *s, const char *sql, int reader, int span, int change);
int gp_phased_start(geopol_iter **out, geopol_db *db, gp_phased *s);
int gp_query_begin(geopol_iter **out, geopol_db *db, const geopol_query *q, gp_phased **s);
/* Free the state of a query that failed before it started; returns rc. */
int gp_query_fail(gp_phased *s, int rc);

#endif
