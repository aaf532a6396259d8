/*
 * pg_exec.c - the PostgreSQL store's statements: parameters as text, one
 * call to run a literal with them (prepared once per connection, then
 * PQexecPrepared), the columns of a result, and libpq's errors as
 * geopol's statuses and messages.
 */
#include "store/pg_internal.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The types' oids (PostgreSQL's catalog, pg_type.dat: fixed). */
#define OID_INT8 20
#define OID_TEXT 25
#define OID_FLOAT8 701

static char *next_num(gp_pg_args *a)
{
	return a->num[a->n];
}

void gp_pg_int(gp_pg_args *a, int64_t x)
{
	if (a->n >= GP_PG_ARGS_MAX) {
		a->over = 1; /* refused by gp_pg_run */
		return;
	}
	snprintf(next_num(a), sizeof a->num[0], "%lld", (long long)x);
	a->types[a->n] = OID_INT8;
	a->v[a->n] = a->num[a->n];
	a->n++;
}

void gp_pg_null_int(gp_pg_args *a)
{
	if (a->n >= GP_PG_ARGS_MAX) {
		a->over = 1;
		return;
	}
	a->types[a->n] = OID_INT8;
	a->v[a->n++] = NULL;
}

void gp_pg_text(gp_pg_args *a, const char *s)
{
	if (a->n >= GP_PG_ARGS_MAX)
		a->over = 1;
	else {
		a->types[a->n] = OID_TEXT;
		a->v[a->n++] = s;
	}
}

void gp_pg_double(gp_pg_args *a, double d)
{
	if (a->n >= GP_PG_ARGS_MAX) {
		a->over = 1;
		return;
	}
	a->types[a->n] = OID_FLOAT8;
	if (isnan(d)) {
		a->v[a->n++] = NULL;
		return;
	}
	/* A zero is kept as SQLite keeps it: SQLite writes a whole REAL as an
	 * integer, so -0.0 reads back 0.0 there. */
	if (d == 0)
		d = 0.0;
	snprintf(next_num(a), sizeof a->num[0], "%.17g", d);
	a->v[a->n] = a->num[a->n];
	a->n++;
}

void gp_pg_interval(gp_pg_args *a, geopol_date from, geopol_date to)
{
	gp_pg_int(a, gp_from_lo(from));
	gp_pg_int(a, gp_from_hi(from));
	gp_pg_int(a, from.precision);
	gp_pg_int(a, gp_to_lo(to));
	gp_pg_int(a, gp_to_hi(to));
	gp_pg_int(a, to.precision);
}

/* libpq's message without its trailing newline, into buf. */
static const char *one_line(const char *msg, char *buf, size_t size)
{
	snprintf(buf, size, "%s", msg && *msg ? msg : "unknown error");
	size_t n = strlen(buf);
	while (n && (buf[n - 1] == '\n' || buf[n - 1] == ' '))
		buf[--n] = '\0';
	return buf;
}

int gp_pg_error(geopol_db *db, const PGresult *r, const char *what)
{
	char buf[GP_ERRMSG_SIZE];
	const char *state = r ? PQresultErrorField(r, PG_DIAG_SQLSTATE) : NULL;
	const char *msg = r ? PQresultErrorField(r, PG_DIAG_MESSAGE_PRIMARY) : NULL;
	if (!msg)
		msg = db->pg ? PQerrorMessage(db->pg) : "not connected";
	one_line(msg, buf, sizeof buf);
	if (state && (strcmp(state, "55P03") == 0 || strcmp(state, "40P01") == 0 ||
		      strcmp(state, "40001") == 0))
		return gp_error(db, GEOPOL_EBUSY, "%s: another connection holds what this needs "
				"(waited up to %d ms, the busy timeout): %s", what, db->busy_ms, buf);
	if (state && strcmp(state, "23P01") == 0)
		return gp_error(db, GEOPOL_ECONFLICT, "%s: %s", what, buf);
	return gp_error(db, GEOPOL_EDB, "%s: %s", what, buf);
}

/* Whether sql is prepared on the connection with these parameter types,
 * preparing it if there is room: 1 with its name in `name`, 0 to run it
 * unprepared (no room, other types, or the prepare failed: the run then
 * reports the error). */
static int prepared(geopol_db *db, const char *sql, int n, const Oid *types, char name[16])
{
	if (!db->pgs)
		return 0;
	gp_pg_prepared *p = db->pgs->prepared;
	size_t h = ((size_t)(uintptr_t)sql >> 3) % GP_PG_PREPARED_MAX;
	for (size_t i = 0; i < GP_PG_PREPARED_MAX; i++) {
		size_t at = (h + i) % GP_PG_PREPARED_MAX;
		snprintf(name, 16, "gp%zu", at);
		if (p[at].sql == sql)
			return p[at].n == n && strcmp(p[at].text, sql) == 0 &&
			       (!n || memcmp(p[at].types, types, (size_t)n * sizeof *types) == 0);
		if (p[at].sql)
			continue;
		char *text = strdup(sql);
		PGresult *r = text ? PQprepare(db->pg, name, sql, n, types) : NULL;
		int done = r && PQresultStatus(r) == PGRES_COMMAND_OK;
		PQclear(r);
		if (!done) {
			free(text);
			return 0;
		}
		p[at].sql = sql;
		p[at].text = text;
		p[at].n = n;
		if (n)
			memcpy(p[at].types, types, (size_t)n * sizeof *types);
		return 1;
	}
	return 0;
}

void gp_pg_state_free(gp_pg_state *s)
{
	if (!s)
		return;
	PQclear(s->kept);
	for (size_t i = 0; i < GP_PG_PREPARED_MAX; i++)
		free(s->prepared[i].text);
	free(s->years);
	free(s);
}

PGresult *gp_pg_run(geopol_db *db, const char *sql, const gp_pg_args *a, const char *what, int *rc)
{
	*rc = GEOPOL_OK;
	if (a && a->over) {
		*rc = gp_error(db, GEOPOL_EMISUSE, "internal: too many parameters (%s)", what);
		return NULL;
	}
	if (!db->pg) {
		*rc = gp_error(db, GEOPOL_EMISUSE, "%s: the database is not open", what);
		return NULL;
	}
	int n = a ? a->n : 0;
	const Oid *types = a ? a->types : NULL;
	const char *const *v = a ? a->v : NULL;
	char name[16];
	PGresult *r = prepared(db, sql, n, types, name)
		? PQexecPrepared(db->pg, name, n, v, NULL, NULL, 0)
		: PQexecParams(db->pg, sql, n, types, v, NULL, NULL, 0);
	ExecStatusType st = r ? PQresultStatus(r) : PGRES_FATAL_ERROR;
	if (st == PGRES_COMMAND_OK || st == PGRES_TUPLES_OK)
		return r;
	*rc = gp_pg_error(db, r, what);
	PQclear(r);
	return NULL;
}

int gp_pg_do(geopol_db *db, const char *sql, const gp_pg_args *a, const char *what)
{
	int rc;
	PQclear(gp_pg_run(db, sql, a, what, &rc));
	return rc;
}

int64_t gp_pg_get_int(const PGresult *r, int i, int c)
{
	if (PQgetisnull(r, i, c))
		return 0;
	return strtoll(PQgetvalue(r, i, c), NULL, 10);
}

const char *gp_pg_get_text(const PGresult *r, int i, int c)
{
	return PQgetisnull(r, i, c) ? NULL : PQgetvalue(r, i, c);
}
