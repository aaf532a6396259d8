/*
 * pg_sql.c - geopol_sql() on the PostgreSQL store (gp_store.user_sql): the
 * caller's one statement, run as it is written (it is the caller's query,
 * as in psql; nothing is added to it), in a READ ONLY transaction that is
 * rolled back after, so it cannot change the database, and only when it
 * begins as a query does (SELECT, WITH, VALUES, TABLE). The views of
 * schema/pg/004 have SQLite's names and columns, so the questions of
 * README's "SQL views" run on both stores.
 */
#include "store/pg_internal.h"

#include <ctype.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

static const char only_reads[] = "sql: only a statement that reads (SELECT, WITH, VALUES) may "
				 "run here: this one would change the database or the connection";

/* The statement's first word, past blanks and comments, is a query's. */
static int begins_as_query(const char *s)
{
	for (;;) {
		while (*s && isspace((unsigned char)*s))
			s++;
		if (s[0] == '-' && s[1] == '-')
			s += strcspn(s, "\n");
		else if (s[0] == '/' && s[1] == '*') {
			const char *end = strstr(s + 2, "*/");
			s = end ? end + 2 : s + strlen(s);
		} else if (*s == '(')
			s++;
		else
			break;
	}
	static const char *const words[] = {"select", "with", "values", "table"};
	for (size_t i = 0; i < sizeof words / sizeof words[0]; i++) {
		size_t n = strlen(words[i]);
		if (strncasecmp(s, words[i], n) == 0 && !isalnum((unsigned char)s[n]) && s[n] != '_')
			return 1;
	}
	return 0;
}

/* A column's type is a number's (int2, int4, int8, float4, float8, numeric,
 * oid). */
static int numeric_type(Oid t)
{
	return t == 20 || t == 21 || t == 23 || t == 700 || t == 701 || t == 1700 || t == 26;
}

/* A float as SQLite writes a REAL (its "%!.15g"): 15 significant digits,
 * and a whole number keeps ".0" (7.0, 1.0e+20), so that both stores give
 * the same text. */
static const char *sqlite_real(const char *pg, char *buf, size_t size)
{
	char *end;
	double v = strtod(pg, &end);
	if (*end || !isfinite(v))
		return pg;
	char tmp[40];
	snprintf(tmp, sizeof tmp, "%.15g", v);
	char *e = strchr(tmp, 'e');
	if (strchr(tmp, '.'))
		snprintf(buf, size, "%s", tmp);
	else if (e)
		snprintf(buf, size, "%.*s.0%s", (int)(e - tmp), tmp, e);
	else
		snprintf(buf, size, "%s.0", tmp);
	return buf;
}

static int walk(geopol_db *db, const PGresult *r, geopol_sql_fn fn, void *ctx)
{
	int n = PQnfields(r);
	const char **names = calloc((size_t)n + 1, sizeof *names);
	const char **values = calloc((size_t)n + 1, sizeof *values);
	int *numeric = calloc((size_t)n + 1, sizeof *numeric);
	char (*reals)[48] = calloc((size_t)n + 1, sizeof *reals);
	int rc = GEOPOL_OK;
	if (!names || !values || !numeric || !reals) {
		rc = gp_oom(db);
		goto done;
	}
	for (int i = 0; i < n; i++) {
		names[i] = PQfname(r, i);
		numeric[i] = numeric_type(PQftype(r, i));
	}
	geopol_sql_row row = {n, names, NULL, numeric};
	if (fn(ctx, &row) != 0)
		goto done;
	row.values = values;
	for (int k = 0; k < PQntuples(r); k++) {
		for (int i = 0; i < n; i++) {
			Oid t = PQftype(r, i);
			values[i] = PQgetisnull(r, k, i) ? NULL : PQgetvalue(r, k, i);
			if (values[i] && (t == 700 || t == 701))
				values[i] = sqlite_real(values[i], reals[i], sizeof reals[i]);
		}
		if (fn(ctx, &row) != 0)
			break;
	}
done:
	free(names);
	free(values);
	free(numeric);
	free(reals);
	return rc;
}

/* The statement, in the transaction run() opened. */
static int run_in(geopol_db *db, const char *sql, geopol_sql_fn fn, void *ctx)
{
	/* The unnamed statement, parsed alone: two statements are refused
	 * by the server ("cannot insert multiple commands ..."). */
	PGresult *r = PQprepare(db->pg, "", sql, 0, NULL);
	int rc = GEOPOL_OK;
	if (PQresultStatus(r) != PGRES_COMMAND_OK)
		rc = gp_error(db, GEOPOL_EINVAL, "sql: %s",
			      PQresultErrorField(r, PG_DIAG_MESSAGE_PRIMARY)
				      ? PQresultErrorField(r, PG_DIAG_MESSAGE_PRIMARY)
				      : "the statement could not be parsed");
	PQclear(r);
	if (rc)
		return rc;
	r = PQexecPrepared(db->pg, "", 0, NULL, NULL, NULL, 0);
	ExecStatusType st = PQresultStatus(r);
	const char *state = PQresultErrorField(r, PG_DIAG_SQLSTATE);
	if (st == PGRES_TUPLES_OK)
		rc = walk(db, r, fn, ctx);
	else if (st == PGRES_COMMAND_OK || (state && strcmp(state, "25006") == 0))
		rc = gp_error(db, GEOPOL_EINVAL, only_reads);
	else
		rc = gp_error(db, GEOPOL_EINVAL, "sql: %s",
			      PQresultErrorField(r, PG_DIAG_MESSAGE_PRIMARY)
				      ? PQresultErrorField(r, PG_DIAG_MESSAGE_PRIMARY)
				      : "the statement failed");
	PQclear(r);
	return rc;
}

int gp_pg_user_sql(geopol_db *db, const char *sql, geopol_sql_fn fn, void *ctx)
{
	if (!begins_as_query(sql))
		return gp_error(db, GEOPOL_EINVAL, only_reads);
	if (PQtransactionStatus(db->pg) != PQTRANS_IDLE)
		return gp_error(db, GEOPOL_EMISUSE, "sql: a transaction is open on this "
				"PostgreSQL handle: commit or roll it back first");
	int rc = gp_pg_do(db, "BEGIN READ ONLY", NULL, "sql: starting a read-only transaction");
	if (rc)
		return rc;
	rc = run_in(db, sql, fn, ctx);
	char keep[GP_ERRMSG_SIZE];
	memcpy(keep, db->errmsg, sizeof keep);
	int end = gp_pg_do(db, "ROLLBACK", NULL, "sql: ending the read-only transaction");
	if (rc)
		memcpy(db->errmsg, keep, sizeof keep);
	return rc ? rc : end;
}
