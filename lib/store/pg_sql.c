/*
 * pg_sql.c - geopol_sql() on the PostgreSQL store (gp_store.user_sql): the
 * caller's one statement, run as it is written (it is the caller's query,
 * as in psql; nothing is added to it), in a READ ONLY transaction that is
 * rolled back after, so it cannot change the database, and only when it
 * begins as a query does (SELECT, WITH, VALUES, TABLE). As on SQLite, an
 * empty text is "no statement given" and a second statement "one
 * statement at a time" (the end of the first found by PostgreSQL's
 * lexical rules: statement_end). The views of
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

/* Past a block comment that begins at s (PostgreSQL nests them), or to
 * the end of the text when it is not closed. */
static const char *past_comment(const char *s)
{
	int depth = 0;
	do {
		if (s[0] == '/' && s[1] == '*') {
			depth++;
			s += 2;
		} else if (s[0] == '*' && s[1] == '/') {
			depth--;
			s += 2;
		} else {
			s++;
		}
	} while (*s && depth > 0);
	return s;
}

/* Past blanks, comments and empty statements (semicolons). */
static const char *past_blanks(const char *s)
{
	for (;;) {
		if (isspace((unsigned char)*s) || *s == ';')
			s++;
		else if (s[0] == '-' && s[1] == '-')
			s += strcspn(s, "\n");
		else if (s[0] == '/' && s[1] == '*')
			s = past_comment(s);
		else
			return s;
	}
}

/* A byte of an identifier or keyword (PostgreSQL's: letters, digits, _,
 * $ and every non-ASCII byte). */
static int word_byte(char c)
{
	return isalnum((unsigned char)c) || c == '_' || c == '$' || (unsigned char)c >= 0x80;
}

/* Past a quoted text that begins at s (its quote q, doubled inside;
 * backslash escapes too when esc), or to the end when it is not closed. */
static const char *past_quoted(const char *s, char q, int esc)
{
	for (s++; *s; s++) {
		if (esc && *s == '\\' && s[1])
			s++;
		else if (*s == q && s[1] == q)
			s++;
		else if (*s == q)
			return s + 1;
	}
	return s;
}

/* Past a dollar-quoted text ($tag$ ... $tag$) when one begins at s;
 * NULL when s is no such opening ($1 is a parameter). */
static const char *past_dollar(const char *s)
{
	size_t n = 1;
	if (isdigit((unsigned char)s[1]))
		return NULL;
	while (s[n] && s[n] != '$' && word_byte(s[n]))
		n++;
	if (s[n] != '$')
		return NULL;
	n++;
	for (const char *p = s + n; (p = strchr(p, '$')) != NULL; p++)
		if (strncmp(p, s, n) == 0)
			return p + n;
	return s + strlen(s);
}

/* Where the statement that begins at s ends: its first ';' outside
 * quotes, quoted names, dollar quotes and comments, or the text's end. */
static const char *statement_end(const char *s)
{
	const char *start = s;
	while (*s && *s != ';') {
		const char *d;
		int after_word = s > start && word_byte(s[-1]);
		if (*s == '\'') {
			/* E'...' (not part of a longer word) reads backslashes. */
			int esc = s > start && (s[-1] == 'E' || s[-1] == 'e') &&
				  (s - 1 == start || !word_byte(s[-2]));
			s = past_quoted(s, '\'', esc);
		} else if (*s == '"') {
			s = past_quoted(s, '"', 0);
		} else if (*s == '$' && !after_word && (d = past_dollar(s)) != NULL) {
			s = d;
		} else if (s[0] == '-' && s[1] == '-') {
			s += strcspn(s, "\n");
		} else if (s[0] == '/' && s[1] == '*') {
			s = past_comment(s);
		} else {
			s++;
		}
	}
	return s;
}

/* The statement's first word, past blanks and comments, is a query's. */
static int begins_as_query(const char *s)
{
	for (s = past_blanks(s); *s == '('; s = past_blanks(s + 1))
		;
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
	/* The unnamed statement (gp_pg_user_sql saw that there is one). */
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
	const char *start = past_blanks(sql);
	if (!*start)
		return gp_error(db, GEOPOL_EINVAL, "sql: no statement given");
	if (!begins_as_query(start))
		return gp_error(db, GEOPOL_EINVAL, only_reads);
	if (*past_blanks(statement_end(start)))
		return gp_error(db, GEOPOL_EINVAL, "sql: one statement at a time");
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
