/* common_util.c - helpers the Check suites share. */
#include "test_util.h"

#include <check.h>
#include <glob.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/geopol_internal.h"
#include "test_pg.h"

int tu_run(Suite *s)
{
	SRunner *sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	int failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}

geopol_db *tu_open(void)
{
	geopol_db *db = NULL;
	const char *path = ":memory:";
#ifdef GEOPOL_HAVE_LIBPQ
	/* The same suite on PostgreSQL (test_pg.h). */
	if (tu_pg_suites())
		path = tu_pg_open_path();
#endif
	int rc = geopol_open(&db, path, NULL);
	ck_assert_msg(rc == GEOPOL_OK, "open: %s", geopol_errmsg(db));
	return db;
}

geopol_db *tu_open_sqlite(void)
{
	geopol_db *db = NULL;
	int rc = geopol_open(&db, ":memory:", NULL);
	ck_assert_msg(rc == GEOPOL_OK, "open: %s", geopol_errmsg(db));
	return db;
}

static void import_dataset(geopol_db *db)
{
	glob_t g;
	ck_assert_int_eq(glob(GEOPOL_SOURCE_DIR "/data/*.json", 0, NULL, &g), 0);
	int rc = geopol_import(db, "json", (const char *const *)g.gl_pathv, g.gl_pathc, NULL, NULL);
	ck_assert_msg(rc == GEOPOL_OK, "import: %s", geopol_errmsg(db));
	globfree(&g);
}

#ifdef GEOPOL_HAVE_LIBPQ
static char dataset_tpl[64];
#endif

void tu_dataset_template(void)
{
#ifdef GEOPOL_HAVE_LIBPQ
	if (!tu_pg_suites() || dataset_tpl[0])
		return;
	char name[64];
	snprintf(name, sizeof name, "tu_%ld_tpl", (long)getpid());
	geopol_db *db = NULL;
	int rc = geopol_open(&db, tu_pg_fresh(name), NULL);
	ck_assert_msg(rc == GEOPOL_OK, "open: %s", geopol_errmsg(db));
	import_dataset(db);
	geopol_close(db);
	snprintf(dataset_tpl, sizeof dataset_tpl, "%s", name);
#endif
}

geopol_db *tu_open_dataset(void)
{
#ifdef GEOPOL_HAVE_LIBPQ
	if (dataset_tpl[0]) {
		geopol_db *db = NULL;
		int rc = geopol_open(&db, tu_pg_open_copy(dataset_tpl), NULL);
		ck_assert_msg(rc == GEOPOL_OK, "open: %s", geopol_errmsg(db));
		return db;
	}
#endif
	geopol_db *db = tu_open();
	import_dataset(db);
	return db;
}

geopol_date tu_date(const char *s)
{
	geopol_date d = {0, 0};
	if (s)
		ck_assert_msg(geopol_date_parse(&d, s) == GEOPOL_OK, "bad test date %s", s);
	return d;
}

static const char *const tables[] = {"source", "entity", "entity_xref", "name", "membership",
				     "relation_type", "relation", "event_type", "event",
				     "event_actor", "event_text", "citation"};

int64_t tu_total_rows(geopol_db *db)
{
	int64_t total = 0;
	for (size_t i = 0; i < sizeof tables / sizeof tables[0]; i++) {
		char sql[128];
		snprintf(sql, sizeof sql, "SELECT count(*) FROM %s", tables[i]);
		total += tu_count(db, sql);
	}
	return total;
}

#ifdef GEOPOL_HAVE_LIBPQ
/* The rows of a test's SQL on a PostgreSQL handle's own connection
 * (GEOPOL_TEST_PG=1): the same tables, so the same counts and dumps. */
static PGresult *pg_rows(geopol_db *db, const char *sql)
{
	PGresult *r = PQexec((PGconn *)db->pg, sql);
	ck_assert_msg(PQresultStatus(r) == PGRES_TUPLES_OK, "%s: %s", sql,
		      PQerrorMessage((PGconn *)db->pg));
	return r;
}
#endif

void tu_text_add(tu_text *t, const char *s)
{
	size_t n = strlen(s);
	if (t->len + n + 1 > t->cap) {
		t->cap = (t->len + n + 1) * 2;
		t->s = realloc(t->s, t->cap);
		ck_assert_ptr_nonnull(t->s);
	}
	memcpy(t->s + t->len, s, n + 1);
	t->len += n;
}


char *tu_dump(geopol_db *db)
{
	tu_text b = {0};
	tu_text_add(&b, "");
	for (size_t i = 0; i < sizeof tables / sizeof tables[0]; i++) {
		char sql[128];
		sqlite3_stmt *st;
		snprintf(sql, sizeof sql, "SELECT * FROM %s ORDER BY 1, 2", tables[i]);
		tu_text_add(&b, tables[i]);
		tu_text_add(&b, ":\n");
#ifdef GEOPOL_HAVE_LIBPQ
		if (db->pg) {
			PGresult *r = pg_rows(db, sql);
			for (int row = 0; row < PQntuples(r); row++) {
				for (int c = 0; c < PQnfields(r); c++) {
					tu_text_add(&b, PQgetisnull(r, row, c) ? "NULL" : PQgetvalue(r, row, c));
					tu_text_add(&b, "|");
				}
				tu_text_add(&b, "\n");
			}
			PQclear(r);
			continue;
		}
#endif
		ck_assert_int_eq(sqlite3_prepare_v2(db->sql, sql, -1, &st, NULL), SQLITE_OK);
		while (sqlite3_step(st) == SQLITE_ROW) {
			for (int c = 0; c < sqlite3_column_count(st); c++) {
				const char *t = (const char *)sqlite3_column_text(st, c);
				tu_text_add(&b, t ? t : "NULL");
				tu_text_add(&b, "|");
			}
			tu_text_add(&b, "\n");
		}
		sqlite3_finalize(st);
	}
	return b.s;
}

static const char *cert(int c)
{
	return c == GEOPOL_DEFINITE ? "definite" : c == GEOPOL_POSSIBLE ? "possible" : "none";
}

char *tu_lines(geopol_iter *it)
{
	tu_text b = {0};
	tu_text_add(&b, "");
	const geopol_item *item;
	int rc;
	char line[1024], d[GEOPOL_DATE_BUFSIZE];
	while ((rc = geopol_iter_next(it, &item)) == GEOPOL_OK) {
		switch (item->kind) {
		case GEOPOL_ITEM_MEMBERSHIP:
			snprintf(line, sizeof line, "%s %s %s %s", item->membership->org,
				 item->membership->member, geopol_role_name(item->membership->role),
				 cert(item->membership->certainty));
			break;
		case GEOPOL_ITEM_RELATION:
			snprintf(line, sizeof line, "%s %s %s %s", item->relation->a, item->relation->b,
				 item->relation->type, cert(item->relation->certainty));
			break;
		case GEOPOL_ITEM_EVENT:
			geopol_date_format(item->event->date, d, sizeof d);
			snprintf(line, sizeof line, "%s %s %s", d, item->event->type,
				 item->event->title ? item->event->title : "-");
			break;
		case GEOPOL_ITEM_ENTITY:
			snprintf(line, sizeof line, "%s", item->entity->code);
			break;
		case GEOPOL_ITEM_NAME:
			snprintf(line, sizeof line, "%s %s", item->name->lang, item->name->text);
			break;
		case GEOPOL_ITEM_CANDIDATE:
			snprintf(line, sizeof line, "%s", item->candidate->code);
			break;
		default:
			snprintf(line, sizeof line, "?");
		}
		if (b.len)
			tu_text_add(&b, "\n");
		tu_text_add(&b, line);
	}
	ck_assert_msg(rc == GEOPOL_ITEROVER, "iteration failed: %d", rc);
	geopol_iter_free(it);
	return b.s;
}

char *tu_members(geopol_db *db, const char *org, const char *at, unsigned flags, int64_t known_at)
{
	geopol_query q = GEOPOL_QUERY_INIT;
	q.flags = flags;
	q.known_at = known_at;
	geopol_iter *it;
	int rc = geopol_members(&it, db, org, tu_date(at), &q);
	ck_assert_msg(rc == GEOPOL_OK, "members: %s", geopol_errmsg(db));
	/* Shorter lines: "MEMBER role certainty". */
	tu_text b = {0};
	tu_text_add(&b, "");
	const geopol_item *item;
	while ((rc = geopol_iter_next(it, &item)) == GEOPOL_OK) {
		char line[256];
		snprintf(line, sizeof line, "%s%s %s %s", b.len ? "\n" : "", item->membership->member,
			 geopol_role_name(item->membership->role), cert(item->membership->certainty));
		tu_text_add(&b, line);
	}
	ck_assert_int_eq(rc, GEOPOL_ITEROVER);
	geopol_iter_free(it);
	return b.s;
}

int tu_import(geopol_db *db, const char *json)
{
	return geopol_import_json_text(db, json, strlen(json), "test.json", NULL);
}

/* A small world: ORG with founding members AAA and BBB; BBB leaves in
 * 1999 and rejoins 2006-2012; CCC a member "since 2015"; relations and
 * two events, most of them cited. */
const char *const TU_WORLD =
	"{\"format\":\"geopol-dataset\",\"version\":1,"
	"\"sources\":[{\"code\":\"treaty\",\"title\":\"The Treaty\"},"
	"             {\"code\":\"news\",\"title\":\"A newspaper\",\"lang\":\"ar\"}],"
	"\"entities\":["
	" {\"code\":\"ORG\",\"kind\":\"organization\",\"from\":\"1992-05-15\","
	"  \"names\":[{\"text\":\"The Organization\",\"lang\":\"en\"},"
	"            {\"text\":\"المنظمة\",\"lang\":\"ar\",\"sources\":[{\"source\":\"news\"}]}]},"
	" {\"code\":\"AAA\",\"kind\":\"state\",\"names\":[{\"text\":\"Aland\",\"lang\":\"en\",\"kind\":\"short\"}]},"
	" {\"code\":\"BBB\",\"kind\":\"state\",\"names\":[{\"text\":\"Bland\",\"lang\":\"en\"}]},"
	" {\"code\":\"CCC\",\"kind\":\"state\",\"names\":[{\"text\":\"Cland\",\"lang\":\"en\"}]},"
	" {\"code\":\"boss\",\"kind\":\"person\",\"names\":[{\"text\":\"The Boss\",\"lang\":\"en\"}]}],"
	"\"memberships\":["
	" {\"org\":\"ORG\",\"member\":\"AAA\",\"role\":\"founding_member\",\"from\":\"1992-05-15\","
	"  \"sources\":[{\"source\":\"treaty\",\"quote\":\"Article 1\"}]},"
	" {\"org\":\"ORG\",\"member\":\"BBB\",\"role\":\"founding_member\",\"from\":\"1992-05-15\",\"to\":\"1999-04-20\","
	"  \"sources\":[{\"source\":\"treaty\"}]},"
	" {\"org\":\"ORG\",\"member\":\"BBB\",\"role\":\"member\",\"from\":\"2006-08-16\",\"to\":\"2012-12-19\","
	"  \"sources\":[{\"source\":\"news\",\"quote\":\"عادت\"},{\"source\":\"treaty\"}]},"
	" {\"org\":\"ORG\",\"member\":\"CCC\",\"role\":\"member\",\"from\":\"2015\"}],"
	"\"relations\":["
	" {\"a\":\"AAA\",\"b\":\"BBB\",\"type\":\"strategic_partnership\",\"from\":\"2000-01-01\",\"to\":\"2025-11-12\","
	"  \"sources\":[{\"source\":\"news\"}]},"
	" {\"a\":\"BBB\",\"b\":\"AAA\",\"type\":\"comprehensive_strategic_partnership_alliance\",\"from\":\"2025-11-12\","
	"  \"attrs\":{\"treaty\":\"Declaration\"},\"sources\":[{\"source\":\"news\",\"quote\":\"تحالف\"}]},"
	" {\"a\":\"AAA\",\"b\":\"CCC\",\"type\":\"sanctions\",\"from\":\"2014-03\"},"
	" {\"a\":\"boss\",\"b\":\"AAA\",\"type\":\"head_of_state\",\"from\":\"2019-03-20\"}],"
	"\"event_types\":[{\"code\":\"042\",\"name\":\"Make a visit\",\"goldstein\":1.9},"
	"                 {\"code\":\"0871\",\"name\":\"Deploy peacekeepers\",\"goldstein\":9.2}],"
	"\"events\":["
	" {\"id\":\"e1\",\"type\":\"0871\",\"date\":\"2022-01-06\",\"end\":\"2022-01-20\","
	"  \"actors\":[{\"code\":\"ORG\",\"role\":\"source\"},{\"code\":\"AAA\",\"role\":\"host\"}],"
	"  \"title\":{\"en\":\"Troops deployed\",\"ar\":\"نشر القوات\"},\"sources\":[{\"source\":\"news\"}]},"
	" {\"id\":\"e2\",\"type\":\"042\",\"date\":\"2020-02\","
	"  \"actors\":[{\"code\":\"BBB\",\"role\":\"source\"},{\"code\":\"AAA\",\"role\":\"target\"}],"
	"  \"title\":{\"en\":\"A visit\"}}]}";


int tu_import_file(geopol_db *db, const char *format, const char *path,
		   const geopol_import_options *o, geopol_import_stats *st)
{
	const char *paths[1] = {path};
	return geopol_import(db, format, paths, 1, o, st);
}

void tu_import_ok(geopol_db *db, const char *format, const char *path, geopol_import_stats *st)
{
	int rc = tu_import_file(db, format, path, NULL, st);
	ck_assert_msg(rc == GEOPOL_OK, "%s %s: %s", format, path, geopol_errmsg(db));
}

int64_t tu_count(geopol_db *db, const char *sql)
{
#ifdef GEOPOL_HAVE_LIBPQ
	if (db->pg) {
		PGresult *r = pg_rows(db, sql);
		ck_assert_int_eq(PQntuples(r), 1);
		int64_t n = strtoll(PQgetvalue(r, 0, 0), NULL, 10);
		PQclear(r);
		return n;
	}
#endif
	sqlite3_stmt *st;
	ck_assert_msg(sqlite3_prepare_v2(db->sql, sql, -1, &st, NULL) == SQLITE_OK, "%s",
		      sqlite3_errmsg(db->sql));
	ck_assert_int_eq(sqlite3_step(st), SQLITE_ROW);
	int64_t n = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return n;
}

int tu_on_pg(geopol_db *db)
{
	return db->pg != NULL;
}

#ifdef GEOPOL_HAVE_LIBPQ
/* A REAL's text as SQLite gives it ("%!.15g": 15 significant digits, a
 * whole number keeps ".0": 7.0, 1.0e+20). */
static void sqlite_real(double v, char *out, size_t size)
{
	char tmp[40];
	snprintf(tmp, sizeof tmp, "%.15g", v);
	char *e = strchr(tmp, 'e');
	if (!isfinite(v) || strchr(tmp, '.'))
		snprintf(out, size, "%s", tmp);
	else if (e)
		snprintf(out, size, "%.*s.0%s", (int)(e - tmp), tmp, e);
	else
		snprintf(out, size, "%s.0", tmp);
}

static PGresult *pg_params(geopol_db *db, const char *sql, int n, const tu_param *p)
{
	Oid types[16];
	const char *values[16];
	char text[16][40];
	ck_assert_int_le(n, 16);
	for (int i = 0; i < n; i++) {
		types[i] = p[i].type == 'i' ? 20 : p[i].type == 'd' ? 701 : 0;
		values[i] = p[i].type == 't' ? p[i].s : p[i].type == 'n' ? NULL : text[i];
		if (p[i].type == 'i')
			snprintf(text[i], sizeof text[i], "%lld", (long long)p[i].i);
		else if (p[i].type == 'd')
			snprintf(text[i], sizeof text[i], "%.17g", p[i].d);
	}
	return PQexecParams((PGconn *)db->pg, sql, n, types, values, NULL, NULL, 0);
}
#endif

static sqlite3_stmt *sqlite_params(geopol_db *db, const char *sql, int n, const tu_param *p)
{
	sqlite3_stmt *st;
	ck_assert_msg(sqlite3_prepare_v2(db->sql, sql, -1, &st, NULL) == SQLITE_OK, "%s: %s", sql,
		      sqlite3_errmsg(db->sql));
	for (int i = 0; i < n; i++) {
		char name[16];
		snprintf(name, sizeof name, "$%d", i + 1);
		int at = sqlite3_bind_parameter_index(st, name);
		ck_assert_msg(at > 0, "%s: no parameter %s", sql, name);
		if (p[i].type == 'i')
			sqlite3_bind_int64(st, at, p[i].i);
		else if (p[i].type == 'd')
			sqlite3_bind_double(st, at, p[i].d);
		else if (p[i].type == 't')
			sqlite3_bind_text(st, at, p[i].s, -1, SQLITE_STATIC);
		else
			sqlite3_bind_null(st, at);
	}
	return st;
}

void tu_exec(geopol_db *db, const char *sql, int n, const tu_param *p)
{
#ifdef GEOPOL_HAVE_LIBPQ
	if (db->pg) {
		PGresult *r = pg_params(db, sql, n, p);
		ck_assert_msg(PQresultStatus(r) == PGRES_COMMAND_OK || PQresultStatus(r) == PGRES_TUPLES_OK,
			      "%s: %s", sql, PQerrorMessage((PGconn *)db->pg));
		PQclear(r);
		return;
	}
#endif
	sqlite3_stmt *st = sqlite_params(db, sql, n, p);
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		;
	ck_assert_msg(rc == SQLITE_DONE, "%s: %s", sql, sqlite3_errmsg(db->sql));
	sqlite3_finalize(st);
}

char *tu_rows(geopol_db *db, const char *sql, int n, const tu_param *p)
{
	tu_text b = {0};
	tu_text_add(&b, "");
#ifdef GEOPOL_HAVE_LIBPQ
	if (db->pg) {
		char real[48];
		PGresult *r = pg_params(db, sql, n, p);
		ck_assert_msg(PQresultStatus(r) == PGRES_TUPLES_OK, "%s: %s", sql,
			      PQerrorMessage((PGconn *)db->pg));
		for (int row = 0; row < PQntuples(r); row++) {
			if (row)
				tu_text_add(&b, "\n");
			for (int c = 0; c < PQnfields(r); c++) {
				const char *v = PQgetisnull(r, row, c) ? "NULL" : PQgetvalue(r, row, c);
				if (!PQgetisnull(r, row, c) && (PQftype(r, c) == 700 || PQftype(r, c) == 701)) {
					sqlite_real(strtod(v, NULL), real, sizeof real);
					v = real;
				}
				tu_text_add(&b, c ? "|" : "");
				tu_text_add(&b, v);
			}
		}
		PQclear(r);
		return b.s;
	}
#endif
	sqlite3_stmt *st = sqlite_params(db, sql, n, p);
	int rc;
	for (int row = 0; (rc = sqlite3_step(st)) == SQLITE_ROW; row++) {
		if (row)
			tu_text_add(&b, "\n");
		for (int c = 0; c < sqlite3_column_count(st); c++) {
			const char *v = (const char *)sqlite3_column_text(st, c);
			tu_text_add(&b, c ? "|" : "");
			tu_text_add(&b, v ? v : "NULL");
		}
	}
	ck_assert_msg(rc == SQLITE_DONE, "%s: %s", sql, sqlite3_errmsg(db->sql));
	sqlite3_finalize(st);
	return b.s;
}

int tu_each(geopol_db *db, const char *sql, int n, const tu_param *p, tu_row_fn fn, void *ctx)
{
	const char *v[32];
	int rows = 0;
#ifdef GEOPOL_HAVE_LIBPQ
	if (db->pg) {
		char real[32][48];
		PGresult *r = pg_params(db, sql, n, p);
		ck_assert_msg(PQresultStatus(r) == PGRES_TUPLES_OK, "%s: %s", sql,
			      PQerrorMessage((PGconn *)db->pg));
		int nc = PQnfields(r);
		ck_assert_int_le(nc, 32);
		for (; rows < PQntuples(r); rows++) {
			for (int c = 0; c < nc; c++) {
				v[c] = PQgetisnull(r, rows, c) ? NULL : PQgetvalue(r, rows, c);
				if (v[c] && (PQftype(r, c) == 700 || PQftype(r, c) == 701)) {
					sqlite_real(strtod(v[c], NULL), real[c], sizeof real[c]);
					v[c] = real[c];
				}
			}
			fn(ctx, nc, v);
		}
		PQclear(r);
		return rows;
	}
#endif
	sqlite3_stmt *st = sqlite_params(db, sql, n, p);
	int nc = sqlite3_column_count(st), rc;
	ck_assert_int_le(nc, 32);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		for (int c = 0; c < nc; c++)
			v[c] = (const char *)sqlite3_column_text(st, c);
		fn(ctx, nc, v);
		rows++;
	}
	ck_assert_msg(rc == SQLITE_DONE, "%s: %s", sql, sqlite3_errmsg(db->sql));
	sqlite3_finalize(st);
	return rows;
}

const char *tu_one(geopol_db *db, const char *sql)
{
	static char out[1024];
	out[0] = '\0';
#ifdef GEOPOL_HAVE_LIBPQ
	if (db->pg) {
		PGresult *r = pg_params(db, sql, 0, NULL);
		ck_assert_msg(PQresultStatus(r) == PGRES_TUPLES_OK, "%s: %s", sql,
			      PQerrorMessage((PGconn *)db->pg));
		if (PQntuples(r) && !PQgetisnull(r, 0, 0)) {
			const char *v = PQgetvalue(r, 0, 0);
			if (PQftype(r, 0) == 700 || PQftype(r, 0) == 701)
				sqlite_real(strtod(v, NULL), out, sizeof out);
			else
				snprintf(out, sizeof out, "%s", v);
		}
		PQclear(r);
		return out;
	}
#endif
	sqlite3_stmt *st = sqlite_params(db, sql, 0, NULL);
	if (sqlite3_step(st) == SQLITE_ROW && sqlite3_column_text(st, 0))
		snprintf(out, sizeof out, "%s", (const char *)sqlite3_column_text(st, 0));
	sqlite3_finalize(st);
	return out;
}

char *tu_joined(geopol_db *db, const char *sql, const char *sep)
{
	tu_text b = {0};
	tu_text_add(&b, "");
	char real[48];
#ifdef GEOPOL_HAVE_LIBPQ
	if (db->pg) {
		PGresult *r = pg_params(db, sql, 0, NULL);
		ck_assert_msg(PQresultStatus(r) == PGRES_TUPLES_OK, "%s: %s", sql,
			      PQerrorMessage((PGconn *)db->pg));
		ck_assert_int_eq(PQnfields(r), 1);
		for (int row = 0, n = 0; row < PQntuples(r); row++) {
			if (PQgetisnull(r, row, 0))
				continue;   /* group_concat skips NULLs */
			const char *v = PQgetvalue(r, row, 0);
			if (PQftype(r, 0) == 700 || PQftype(r, 0) == 701) {
				sqlite_real(strtod(v, NULL), real, sizeof real);
				v = real;
			}
			tu_text_add(&b, n++ ? sep : "");
			tu_text_add(&b, v);
		}
		PQclear(r);
		return b.s;
	}
#endif
	(void)real;
	sqlite3_stmt *st = sqlite_params(db, sql, 0, NULL);
	ck_assert_int_eq(sqlite3_column_count(st), 1);
	int rc, n = 0;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *v = (const char *)sqlite3_column_text(st, 0);
		if (!v)
			continue;
		tu_text_add(&b, n++ ? sep : "");
		tu_text_add(&b, v);
	}
	ck_assert_msg(rc == SQLITE_DONE, "%s: %s", sql, sqlite3_errmsg(db->sql));
	sqlite3_finalize(st);
	return b.s;
}

const char *tu_dialect(geopol_db *db, const char *sqlite_sql, const char *pg_sql)
{
	return db->pg ? pg_sql : sqlite_sql;
}

int tu_have_file(const char *path)
{
	if (access(path, R_OK) == 0)
		return 1;
	fprintf(stderr, "skipped: %s not found (../shared/data absent)\n", path);
	return 0;
}

char *tu_doctored(const char *fixture, int line, const char *from, const char *to)
{
	FILE *in = fopen(fixture, "r");
	ck_assert_ptr_nonnull(in);
	char *path = strdup("/tmp/geopol-fixture-XXXXXX");
	int fd = mkstemp(path);
	ck_assert_int_ge(fd, 0);
	FILE *out = fdopen(fd, "w");
	static char line_buf[1 << 16];
	int n = 0;
	while (fgets(line_buf, sizeof line_buf, in)) {
		char *p;
		if (++n == line && (p = strstr(line_buf, from))) {
			fwrite(line_buf, 1, (size_t)(p - line_buf), out);
			fputs(to, out);
			fputs(p + strlen(from), out);
		} else {
			fputs(line_buf, out);
		}
	}
	fclose(in);
	fclose(out);
	return path;
}

int tu_n_reported;
char tu_last_report[512];

void tu_on_skip(void *ctx, const char *msg)
{
	(void)ctx;
	tu_n_reported++;
	snprintf(tu_last_report, sizeof tu_last_report, "%s", msg);
}

void tu_reimport_adds_nothing(geopol_db *db, const char *format, const char *path)
{
	geopol_import_stats st;
	int64_t before = tu_total_rows(db);
	tu_import_ok(db, format, path, &st);
	ck_assert_int_eq(st.added, 0);
	ck_assert_int_eq(tu_total_rows(db), before);
}

uint64_t tu_rand(uint64_t *s)
{
	uint64_t z = (*s += 0x9E3779B97F4A7C15ull);
	z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
	z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
	return z ^ (z >> 31);
}

geopol_date tu_world_date(uint64_t *s)
{
	static const int years[] = {1950, 1991, 1991, 2000, 2012, 2015, 2015, 2022};
	int p = (int)(tu_rand(s) % 6);
	if (p == 0)
		return (geopol_date)GEOPOL_DATE_OPEN_INIT;
	geopol_date d;
	geopol_date_from_ymd(&d, years[tu_rand(s) % 8], p < 3 ? 0 : p < 4 ? 6 : 1, p < 5 ? 0 : 1);
	return d;
}

/* An entity's life as geopol_entity_get answers it, known at k (0: now):
 * "from to" ("-" for open). */
char *tu_life(geopol_db *db, const char *code, int64_t k)
{
	geopol_query q = GEOPOL_QUERY_INIT;
	q.known_at = k;
	geopol_iter *it;
	const geopol_item *item;
	ck_assert_int_eq(geopol_entity_get(&it, db, code, &q), GEOPOL_OK);
	ck_assert_int_eq(geopol_iter_next(it, &item), GEOPOL_OK);
	char f[GEOPOL_DATE_BUFSIZE] = "-", t[GEOPOL_DATE_BUFSIZE] = "-", out[64];
	if (item->entity->from.precision)
		geopol_date_format(item->entity->from, f, sizeof f);
	if (item->entity->to.precision)
		geopol_date_format(item->entity->to, t, sizeof t);
	snprintf(out, sizeof out, "%s %s", f, t);
	geopol_iter_free(it);
	return strdup(out);
}
