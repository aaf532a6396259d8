/*
 * pg_copy.c - the PostgreSQL store's whole tables (store.h, geopol_copy):
 * a table's columns from information_schema (generated ones, such as
 * `valid`, left out), its rows streamed in single-row mode, and rows
 * appended with COPY ... FROM STDIN in text format, after which the
 * table's identity is moved past the ids written. Table and column names
 * come from copy.c's own list and are written as quoted identifiers;
 * values travel as COPY data, never as SQL.
 */
#include "store/pg_internal.h"
#include "core/util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* libpq's type oids (catalog/pg_type.h is the server's header). */
enum { OID_BOOL = 16, OID_INT8 = 20, OID_INT2 = 21, OID_INT4 = 23, OID_FLOAT4 = 700,
       OID_FLOAT8 = 701, OID_NUMERIC = 1700 };

/* Flushed to the server at this size. */
#define COPY_CHUNK (256 * 1024)

typedef struct pg_writer {
	char table[64];
	int has_id;                /* the table has an identity column "id" */
	int has_rec;               /* ... recorded time (rec_from, and rec_to?) */
	int day_col;               /* event's from_lo, whose year's partition a row
				    * needs (schema/pg/005); -1 for another table */
	char *sql;                 /* the COPY, begun again after a partition is made */
	size_t n;                  /* columns */
	char *buf;
	size_t len, cap;
} pg_writer;

typedef struct text_buf {
	char *s;
	size_t len, cap;
	int failed;
} text_buf;

static void put(text_buf *b, const char *s, size_t len)
{
	if (b->failed)
		return;
	char *grown = GP_GROW(b->s, b->cap, b->len + len + 1, 256);
	if (!grown) {
		b->failed = 1;
		return;
	}
	b->s = grown;
	memcpy(b->s + b->len, s, len);
	b->len += len;
	b->s[b->len] = '\0';
}

static void puts_(text_buf *b, const char *s)
{
	put(b, s, strlen(s));
}

/* "SELECT "c1", "c2" FROM "t" ORDER BY id" (ctid for a table without an
 * id: its rows are never updated, so that is the order they were written
 * in) or "COPY "t"("c1", "c2") FROM STDIN". */
static char *table_sql(const char *table, const char *const *cols, size_t n, int select)
{
	text_buf b = {0};
	int has_id = 0;
	puts_(&b, select ? "SELECT " : "COPY \"");
	if (!select) {
		puts_(&b, table);
		puts_(&b, "\" (");
	}
	for (size_t i = 0; i < n; i++) {
		puts_(&b, i ? ", \"" : "\"");
		puts_(&b, cols[i]);
		puts_(&b, "\"");
		has_id |= strcmp(cols[i], "id") == 0;
	}
	if (select) {
		puts_(&b, " FROM \"");
		puts_(&b, table);
		puts_(&b, has_id ? "\" ORDER BY id" : "\" ORDER BY ctid");
	} else {
		puts_(&b, ") FROM STDIN");
	}
	if (b.failed) {
		free(b.s);
		return NULL;
	}
	return b.s;
}

int gp_pg_table_columns(geopol_db *db, const char *table, char ***cols, size_t *n)
{
	int rc;
	gp_pg_args a = {0};
	gp_pg_text(&a, table);
	*cols = NULL;
	*n = 0;
	PGresult *r = gp_pg_run(db, "SELECT column_name FROM information_schema.columns "
				"WHERE table_schema = current_schema() AND table_name = $1 "
				"AND is_generated = 'NEVER' ORDER BY ordinal_position", &a,
				"reading a table's columns", &rc);
	if (!r)
		return rc;
	size_t rows = (size_t)PQntuples(r);
	if (!rows) {
		PQclear(r);
		return gp_error(db, GEOPOL_ENOTFOUND, "no table '%s' in this database", table);
	}
	*cols = calloc(rows, sizeof **cols);
	for (size_t i = 0; *cols && i < rows; i++) {
		if (!((*cols)[i] = strdup(PQgetvalue(r, (int)i, 0))))
			break;
		*n = i + 1;
	}
	PQclear(r);
	if (*cols && *n == rows)
		return GEOPOL_OK;
	for (size_t i = 0; *cols && i < *n; i++)
		free((*cols)[i]);
	free(*cols);
	*cols = NULL;
	*n = 0;
	return gp_oom(db);
}

static void value_of(const PGresult *r, int c, gp_value *v)
{
	if (PQgetisnull(r, 0, c)) {
		*v = (gp_value){.type = GP_VALUE_NULL};
		return;
	}
	const char *s = PQgetvalue(r, 0, c);
	switch (PQftype(r, c)) {
	case OID_INT2: case OID_INT4: case OID_INT8:
		*v = (gp_value){.type = GP_VALUE_INT, .i = strtoll(s, NULL, 10)};
		break;
	case OID_BOOL:
		*v = (gp_value){.type = GP_VALUE_INT, .i = s[0] == 't'};
		break;
	case OID_FLOAT4: case OID_FLOAT8: case OID_NUMERIC:
		*v = (gp_value){.type = GP_VALUE_REAL, .r = strtod(s, NULL)};
		break;
	default:
		*v = (gp_value){.type = GP_VALUE_TEXT, .s = s, .len = (size_t)PQgetlength(r, 0, c)};
	}
}

/* The rest of a query's results, read and dropped. */
static void drain(geopol_db *db)
{
	PGresult *r;
	while ((r = PQgetResult(db->pg)))
		PQclear(r);
}

int gp_pg_table_read(geopol_db *db, const char *table, const char *const *cols, size_t n,
		     int (*each)(void *ctx, const gp_value *row), void *ctx)
{
	char *sql = table_sql(table, cols, n, 1);
	if (!sql)
		return gp_oom(db);
	int sent = PQsendQuery(db->pg, sql) && PQsetSingleRowMode(db->pg);
	free(sql);
	if (!sent) {
		drain(db);
		return gp_pg_error(db, NULL, "reading a table");
	}
	gp_value *row = calloc(n ? n : 1, sizeof *row);
	int rc = row ? GEOPOL_OK : gp_oom(db);
	PGresult *r;
	while ((r = PQgetResult(db->pg))) {
		ExecStatusType st = PQresultStatus(r);
		if (!rc && st == PGRES_SINGLE_TUPLE) {
			for (size_t k = 0; k < n; k++)
				value_of(r, (int)k, &row[k]);
			rc = each(ctx, row);
		} else if (!rc && st != PGRES_TUPLES_OK) {
			rc = gp_pg_error(db, r, "reading a table");
		}
		PQclear(r);
	}
	free(row);
	return rc > 0 ? GEOPOL_OK : rc;
}

/* The COPY under way sent: PGRES_COPY_IN, then rows. */
static int copy_start(geopol_db *db, pg_writer *w)
{
	PGresult *r = PQexec(db->pg, w->sql);
	int rc = r && PQresultStatus(r) == PGRES_COPY_IN ? GEOPOL_OK
	       : gp_pg_error(db, r, "writing a table");
	PQclear(r);
	return rc;
}

static void writer_free(pg_writer *w)
{
	free(w->sql);
	free(w->buf);
	free(w);
}

int gp_pg_table_write_begin(geopol_db *db, const char *table, const char *const *cols, size_t n,
			    int replace)
{
	if (db->table_writer)
		return gp_error(db, GEOPOL_EINTERNAL, "internal: a table write is under way already");
	pg_writer *w = calloc(1, sizeof *w);
	if (!w || strlen(table) >= sizeof w->table) {
		free(w);
		return w ? gp_error(db, GEOPOL_EINTERNAL, "internal: table name too long") : gp_oom(db);
	}
	strcpy(w->table, table);
	w->n = n;
	w->day_col = -1;
	for (size_t i = 0; i < n; i++) {
		w->has_id |= strcmp(cols[i], "id") == 0;
		w->has_rec |= strcmp(cols[i], "rec_from") == 0;
		w->has_rec |= (strcmp(cols[i], "rec_to") == 0) << 1;
		if (strcmp(table, "event") == 0 && strcmp(cols[i], "from_lo") == 0)
			w->day_col = (int)i;
	}
	int rc = GEOPOL_OK;
	if (replace) {
		char del[128];
		snprintf(del, sizeof del, "DELETE FROM \"%s\"", table);
		rc = gp_pg_do(db, del, NULL, "emptying a table");
	}
	if (!rc && !(w->sql = table_sql(table, cols, n, 0)))
		rc = gp_oom(db);
	if (!rc)
		rc = copy_start(db, w);
	if (rc) {
		writer_free(w);
		return rc;
	}
	db->table_writer = w;
	return GEOPOL_OK;
}

/* COPY's text format: backslash, tab, newline and carriage return escaped. */
static void put_text(text_buf *b, const char *s, size_t len)
{
	size_t from = 0;
	for (size_t i = 0; i < len; i++) {
		const char *esc = s[i] == '\\' ? "\\\\" : s[i] == '\t' ? "\\t" : s[i] == '\n' ? "\\n"
			: s[i] == '\r' ? "\\r" : NULL;
		if (!esc)
			continue;
		put(b, s + from, i - from);
		puts_(b, esc);
		from = i + 1;
	}
	put(b, s + from, len - from);
}

static int flush(geopol_db *db, pg_writer *w)
{
	if (w->len && PQputCopyData(db->pg, w->buf, (int)w->len) != 1)
		return gp_pg_error(db, NULL, "writing a table");
	w->len = 0;
	return GEOPOL_OK;
}

/* The COPY under way ended (ok: its rows kept, else abandoned), its
 * results read. */
static int copy_end(geopol_db *db, pg_writer *w, int ok)
{
	int rc = ok ? flush(db, w) : GEOPOL_OK;
	if (PQputCopyEnd(db->pg, ok && !rc ? NULL : "geopol copy: abandoned") != 1 && !rc)
		rc = gp_pg_error(db, NULL, "writing a table");
	PGresult *r;
	while ((r = PQgetResult(db->pg))) {
		if (ok && !rc && PQresultStatus(r) != PGRES_COMMAND_OK)
			rc = gp_pg_error(db, r, "writing a table");
		PQclear(r);
	}
	return rc;
}

/* An event row of a year whose partition the handle has not seen: the
 * COPY is ended, the partition made, and the COPY begun again (a COPY
 * under way takes no other statement). */
static int partition_for(geopol_db *db, pg_writer *w, const gp_value *row)
{
	if (w->day_col < 0 || row[w->day_col].type != GP_VALUE_INT ||
	    gp_pg_partition_known(db, row[w->day_col].i))
		return GEOPOL_OK;
	int rc = copy_end(db, w, 1);
	if (!rc)
		rc = gp_pg_event_partition(db, row[w->day_col].i);
	return rc ? rc : copy_start(db, w);
}

int gp_pg_table_write_row(geopol_db *db, const gp_value *row)
{
	pg_writer *w = db->table_writer;
	int rc = partition_for(db, w, row);
	if (rc)
		return rc;
	text_buf b = {w->buf, w->len, w->cap, 0};
	for (size_t k = 0; k < w->n; k++) {
		char num[40];
		if (k)
			put(&b, "\t", 1);
		switch (row[k].type) {
		case GP_VALUE_INT: snprintf(num, sizeof num, "%lld", (long long)row[k].i); puts_(&b, num); break;
		case GP_VALUE_REAL: snprintf(num, sizeof num, "%.17g", row[k].r); puts_(&b, num); break;
		case GP_VALUE_TEXT: put_text(&b, row[k].s, row[k].len); break;
		default: puts_(&b, "\\N");
		}
	}
	put(&b, "\n", 1);
	w->buf = b.s;
	w->len = b.len;
	w->cap = b.cap;
	if (b.failed)
		return gp_oom(db);
	return w->len >= COPY_CHUNK ? flush(db, w) : GEOPOL_OK;
}

int gp_pg_table_write_end(geopol_db *db, int ok)
{
	pg_writer *w = db->table_writer;
	db->table_writer = NULL;
	if (!w)
		return GEOPOL_OK;
	int rc = copy_end(db, w, ok);
	if (ok && !rc && w->has_id) {
		/* The next id a write takes comes after the ids copied. */
		char sql[256];
		snprintf(sql, sizeof sql, "SELECT setval(pg_get_serial_sequence($1, 'id'), "
			 "COALESCE((SELECT max(id) FROM \"%s\"), 1), "
			 "(SELECT max(id) FROM \"%s\") IS NOT NULL)", w->table, w->table);
		gp_pg_args a = {0};
		char quoted[70];
		snprintf(quoted, sizeof quoted, "\"%s\"", w->table);
		gp_pg_text(&a, quoted);
		rc = gp_pg_do(db, sql, &a, "moving a table's identity past the ids copied");
	}
	if (ok && !rc && w->has_rec) {
		/* Commits after the copy are stamped after every stamp copied
		 * (schema/pg/003's clock), whatever clock wrote them. */
		char sql[512];
		snprintf(sql, sizeof sql, "UPDATE geopol_clock SET last = greatest(last, (SELECT "
			 "COALESCE(max(%s), 0) FROM \"%s\"))", w->has_rec & 2
			 ? "greatest(rec_from, CASE WHEN rec_to < 9223372036854775807 THEN rec_to END)"
			 : "rec_from", w->table);
		rc = gp_pg_do(db, sql, NULL, "moving the commit clock past the stamps copied");
	}
	if (ok && !rc) {
		/* The planner's statistics now, not when autovacuum next wakes:
		 * without them the first questions after a copy plan as for empty
		 * tables (the one-year diff of bench_pg's small world: 6.4 s
		 * against 51 ms once analyzed). The table is one of copy.c's. */
		char sql[128];
		snprintf(sql, sizeof sql, "ANALYZE \"%s\"", w->table);
		rc = gp_pg_do(db, sql, NULL, "gathering a copied table's statistics");
	}
	if (ok && !rc && w->day_col >= 0)
		rc = gp_pg_do(db, "ANALYZE event_key", NULL, "gathering a copied table's statistics");
	writer_free(w);
	return rc;
}
