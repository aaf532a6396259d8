/*
 * check_copy.c - geopol_copy (store/copy.c): a whole database into a new
 * one, SQLite to SQLite and, with the pg fixture, SQLite to PostgreSQL and
 * back (issue 21, point 5). The source is the built-in dataset imported
 * into a file with a GDELT and an ICEWS fixture, then one membership
 * retracted at a later recorded time, so that it has history. A copy is checked as a user would: every table row
 * for row (the round trip through PostgreSQL included), the members of the
 * CSTO as known before and after the retraction, names found by the
 * rebuilt search index; and what is refused leaves the destination as it
 * was.
 */
#include "test_util.h"
#include "core/geopol_internal.h"
#include "store/copy_internal.h"

#include <check.h>
#include <glob.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "test_pg.h"

static char dir[] = "/tmp/geopol-copy.XXXXXX";
static char src_path[64];
static int64_t imported_at, retracted_at;

static char *path_in(const char *name)
{
	static char p[4][96];
	static int k;
	k = (k + 1) % 4;
	snprintf(p[k], sizeof p[k], "%s/%s", dir, name);
	return p[k];
}

static geopol_db *open_path(const char *path)
{
	geopol_db *db = NULL;
	int rc = geopol_open(&db, path, NULL);
	ck_assert_msg(rc == GEOPOL_OK, "open %s: %s", path, geopol_errmsg(db));
	return db;
}

static int64_t count(geopol_db *db, const char *sql)
{
	sqlite3_stmt *st;
	ck_assert_msg(sqlite3_prepare_v2(db->sql, sql, -1, &st, NULL) == SQLITE_OK, "%s: %s", sql,
		      sqlite3_errmsg(db->sql));
	ck_assert_int_eq(sqlite3_step(st), SQLITE_ROW);
	int64_t n = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return n;
}

/* The built-in dataset in a file, with one CSTO membership retracted a
 * day after the import in recorded time. */
static void make_source(void)
{
	ck_assert_ptr_nonnull(mkdtemp(dir));
	snprintf(src_path, sizeof src_path, "%s/src.db", dir);
	glob_t g;
	ck_assert_int_eq(glob(GEOPOL_SOURCE_DIR "/data/*.json", 0, NULL, &g), 0);
	geopol_db *db = open_path(src_path);
	imported_at = geopol_now(db);
	int rc = geopol_import(db, "json", (const char *const *)g.gl_pathv, g.gl_pathc, NULL, NULL);
	ck_assert_msg(rc == GEOPOL_OK, "import: %s", geopol_errmsg(db));
	globfree(&g);
	/* Events with their details (GDELT's tone and coordinates: doubles
	 * of 15 and more digits) and ICEWS's actors that are no state. */
	const char *gdelt = GEOPOL_SOURCE_DIR "/tests/fixtures/gdelt-apr2012.csv";
	const char *icews = GEOPOL_SOURCE_DIR "/tests/fixtures/icews-nonstate.tab";
	ck_assert_msg(geopol_import(db, "gdelt", &gdelt, 1, NULL, NULL) == GEOPOL_OK, "gdelt: %s", geopol_errmsg(db));
	ck_assert_msg(geopol_import(db, "icews", &icews, 1, NULL, NULL) == GEOPOL_OK, "icews: %s", geopol_errmsg(db));
	retracted_at = geopol_now(db) + 86400LL * 1000000;
	geopol_set_clock(db, retracted_at);
	int64_t fact = count(db, "SELECT m.fact_id FROM membership m JOIN entity o ON o.id = m.org_id "
			     "JOIN entity x ON x.id = m.member_id WHERE o.code = 'CSTO' AND x.code = 'KAZ'");
	ck_assert_int_eq(geopol_retract(db, GEOPOL_FACT_MEMBERSHIP, fact), GEOPOL_OK);
	geopol_close(db);
}

static void remove_dir(void)
{
	char cmd[128];
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
	ck_assert_int_eq(system(cmd), 0);
}

/* The rows of every copied table of `a` and of the file `b_path`, the same
 * row for row: counts, and nothing in one that the other lacks (SQLite's
 * EXCEPT tells 1 from '1'). Returns the rows in all. */
static int64_t same_tables(geopol_db *a, const char *b_path)
{
	char sql[512];
	snprintf(sql, sizeof sql, "ATTACH '%s' AS b", b_path);
	ck_assert_int_eq(sqlite3_exec(a->sql, sql, NULL, NULL, NULL), SQLITE_OK);
	int64_t total = 0;
	for (size_t i = 0; gp_copy_table(i); i++) {
		const char *t = gp_copy_table(i);
		snprintf(sql, sizeof sql, "SELECT count(*) FROM main.%s", t);
		int64_t na = count(a, sql);
		snprintf(sql, sizeof sql, "SELECT count(*) FROM b.%s", t);
		ck_assert_msg(count(a, sql) == na, "%s: %lld rows against %lld", t, (long long)count(a, sql),
			      (long long)na);
		snprintf(sql, sizeof sql, "SELECT count(*) FROM (SELECT * FROM main.%s EXCEPT SELECT * FROM b.%s)",
			 t, t);
		ck_assert_msg(count(a, sql) == 0, "%s: rows differ", t);
		snprintf(sql, sizeof sql, "SELECT count(*) FROM (SELECT * FROM b.%s EXCEPT SELECT * FROM main.%s)",
			 t, t);
		ck_assert_msg(count(a, sql) == 0, "%s: rows differ", t);
		total += na;
	}
	ck_assert_int_eq(sqlite3_exec(a->sql, "DETACH b", NULL, NULL, NULL), SQLITE_OK);
	return total;
}

/* The CSTO on the day its troops entered Kazakhstan, as known right after
 * the import and as known now: the retraction shows between them. */
static void same_answers(geopol_db *a, geopol_db *b)
{
	int64_t known[] = {imported_at + 1000000, 0};
	for (int k = 0; k < 2; k++) {
		char *x = tu_members(a, "CSTO", "2022-01-06", 0, known[k]);
		char *y = tu_members(b, "CSTO", "2022-01-06", 0, known[k]);
		ck_assert_str_eq(x, y);
		ck_assert_msg((strstr(x, "KAZ ") != NULL) == (k == 0), "KAZ as known %s: %s",
			      k ? "now" : "before the retraction", x);
		free(x);
		free(y);
	}
}

START_TEST(test_copy__sqlite_to_sqlite)
{
	geopol_db *src = open_path(src_path), *dst = open_path(path_in("copy.db"));
	int64_t rows = -1;
	ck_assert_msg(geopol_copy(dst, src, &rows) == GEOPOL_OK, "copy: %s", geopol_errmsg(dst));
	ck_assert_int_eq(same_tables(src, path_in("copy.db")), rows);
	ck_assert_int_gt(rows, 10000);
	same_answers(src, dst);
	/* The search index is the destination's own, built from the names. */
	char code[64];
	ck_assert_int_eq(geopol_resolve_one(dst, "مولدوفا", code, sizeof code), GEOPOL_OK);
	ck_assert_str_eq(code, "MDA");
	ck_assert_int_eq(count(dst, "SELECT count(*) FROM name_variant"), count(src, "SELECT count(*) FROM name_variant"));
	/* The next write takes ids after the copied ones. */
	geopol_entity_spec e = GEOPOL_ENTITY_SPEC_INIT;
	e.code = "NEWSTATE";
	e.kind = GEOPOL_KIND_STATE;
	ck_assert_int_eq(geopol_entity_add(dst, &e), GEOPOL_OK);
	ck_assert_int_eq(count(dst, "SELECT id FROM entity WHERE code = 'NEWSTATE'"),
			 count(src, "SELECT max(id) FROM entity") + 1);
	geopol_close(src);
	geopol_close(dst);
}
END_TEST

/* From a read-only handle (the built-in dataset is opened so) and from
 * an in-memory database. */
START_TEST(test_copy__read_only_source)
{
	geopol_open_options o = GEOPOL_OPEN_OPTIONS_INIT;
	o.read_only = 1;
	geopol_db *src = NULL, *dst = open_path(path_in("ro.db"));
	ck_assert_int_eq(geopol_open(&src, src_path, &o), GEOPOL_OK);
	int64_t rows;
	ck_assert_msg(geopol_copy(dst, src, &rows) == GEOPOL_OK, "copy: %s", geopol_errmsg(dst));
	ck_assert_int_eq(same_tables(src, path_in("ro.db")), rows);
	geopol_close(src);
	geopol_close(dst);
}
END_TEST

/* Every table of a new SQLite database is copied or derived, and every
 * table copied exists. */
START_TEST(test_copy__every_table)
{
	geopol_db *db = open_path(path_in("fresh.db"));
	sqlite3_stmt *st;
	ck_assert_int_eq(sqlite3_prepare_v2(db->sql, "SELECT name FROM sqlite_master WHERE type = 'table' "
					    "AND name NOT LIKE 'sqlite_%'", -1, &st, NULL), SQLITE_OK);
	int n = 0;
	while (sqlite3_step(st) == SQLITE_ROW) {
		const char *t = (const char *)sqlite3_column_text(st, 0);
		int found = 0;
		for (size_t i = 0; gp_copy_table(i); i++)
			found |= strcmp(gp_copy_table(i), t) == 0;
		for (size_t i = 0; gp_copy_derived(i); i++)
			found |= strcmp(gp_copy_derived(i), t) == 0;
		ck_assert_msg(found, "table %s is neither copied nor derived", t);
		n++;
	}
	sqlite3_finalize(st);
	ck_assert_int_ge(n, 20);
	for (size_t i = 0; gp_copy_table(i); i++) {
		char sql[128];
		snprintf(sql, sizeof sql, "SELECT count(*) FROM sqlite_master WHERE name = '%s'", gp_copy_table(i));
		ck_assert_msg(count(db, sql) == 1, "no table %s", gp_copy_table(i));
	}
	geopol_close(db);
}
END_TEST

START_TEST(test_copy__refusals)
{
	geopol_db *src = open_path(src_path), *dst = open_path(path_in("twice.db"));
	ck_assert_int_eq(geopol_copy(dst, src, NULL), GEOPOL_OK);
	int64_t before = tu_total_rows(dst);
	/* Into a database that holds facts: nothing written. */
	int64_t rows = 7;
	ck_assert_int_eq(geopol_copy(dst, src, &rows), GEOPOL_ECONFLICT);
	ck_assert_int_eq(rows, 0);
	ck_assert_str_eq(geopol_errmsg(dst), "copy: the destination is not empty (table 'source' has "
			 "rows): copy into a new database");
	ck_assert_int_eq(tu_total_rows(dst), before);
	ck_assert_int_eq(sqlite3_get_autocommit(dst->sql), 1);
	/* One handle twice, a transaction open, a read-only destination. */
	ck_assert_int_eq(geopol_copy(src, src, NULL), GEOPOL_EMISUSE);
	ck_assert_str_eq(geopol_errmsg(src), "copy: the source and the destination are one handle");
	geopol_db *empty = open_path(path_in("empty.db"));
	ck_assert_int_eq(geopol_begin(empty), GEOPOL_OK);
	ck_assert_int_eq(geopol_copy(empty, src, NULL), GEOPOL_EMISUSE);
	ck_assert_str_eq(geopol_errmsg(empty), "copy: a transaction is open on the destination: end it first");
	ck_assert_int_eq(geopol_rollback(empty), GEOPOL_OK);
	geopol_close(empty);
	geopol_open_options o = GEOPOL_OPEN_OPTIONS_INIT;
	o.read_only = 1;
	geopol_db *ro = NULL;
	ck_assert_int_eq(geopol_open(&ro, path_in("empty.db"), &o), GEOPOL_OK);
	ck_assert_int_eq(geopol_copy(ro, src, NULL), GEOPOL_EMISUSE);
	ck_assert_str_eq(geopol_errmsg(ro), "the database was opened read-only");
	ck_assert_int_eq(count(ro, "SELECT count(*) FROM entity") + count(ro, "SELECT count(*) FROM source"), 0);
	geopol_close(ro);
	ck_assert_int_eq(geopol_copy(NULL, src, NULL), GEOPOL_EMISUSE);
	geopol_close(src);
	geopol_close(dst);
}
END_TEST

#ifdef GEOPOL_HAVE_LIBPQ
START_TEST(test_copy__postgresql_round_trip)
{
	const char *pg_path = tu_pg_fresh("geopol_copy_trip");
	geopol_db *src = open_path(src_path), *pg = open_path(pg_path);
	int64_t there = -1, back = -1;
	ck_assert_msg(geopol_copy(pg, src, &there) == GEOPOL_OK, "copy to PostgreSQL: %s", geopol_errmsg(pg));
	/* Every copied table has the planner's statistics (reltuples is -1
	 * until a table is first analyzed): the first questions after a copy
	 * do not plan as for empty tables. */
	PGconn *c = tu_pg_connect(strchr(pg_path, ':') + 1);
	for (size_t k = 0; gp_copy_table(k); k++) {
		const char *v[1] = {gp_copy_table(k)};
		PGresult *r = PQexecParams(c, "SELECT reltuples FROM pg_class WHERE oid = "
					   "to_regclass(quote_ident($1))", 1, NULL, v, NULL, NULL, 0);
		ck_assert_int_eq(PQresultStatus(r), PGRES_TUPLES_OK);
		ck_assert_int_eq(PQntuples(r), 1);
		ck_assert_msg(atof(PQgetvalue(r, 0, 0)) >= 0, "table %s not analyzed after the copy "
			      "(reltuples %s)", v[0], PQgetvalue(r, 0, 0));
		PQclear(r);
	}
	/* "At D" questions on PostgreSQL give the source's answers, as known
	 * before and after the retraction. */
	same_answers(src, pg);
	/* Its search index was filled by its own triggers as COPY wrote the
	 * names (schema/pg/002): the same variants as SQLite's, and resolve
	 * finds a name through them. */
	PGresult *r = PQexec(c, "SELECT count(*) FROM name_variant");
	ck_assert_int_eq(PQresultStatus(r), PGRES_TUPLES_OK);
	ck_assert_int_eq(atoll(PQgetvalue(r, 0, 0)), count(src, "SELECT count(*) FROM name_variant"));
	PQclear(r);
	PQfinish(c);
	char code[64];
	ck_assert_int_eq(geopol_resolve_one(pg, "Молдоава", code, sizeof code), GEOPOL_OK);
	ck_assert_str_eq(code, "MDA");
	geopol_db *again = open_path(path_in("back.db"));
	ck_assert_msg(geopol_copy(again, pg, &back) == GEOPOL_OK, "copy back: %s", geopol_errmsg(again));
	ck_assert_int_eq(back, there);
	/* The round trip is the source, row for row. */
	ck_assert_int_eq(same_tables(src, path_in("back.db")), there);
	same_answers(src, again);
	/* A second copy into it is refused, nothing written. */
	ck_assert_int_eq(geopol_copy(pg, src, NULL), GEOPOL_ECONFLICT);
	ck_assert_str_eq(geopol_errmsg(pg), "copy: the destination is not empty (table 'source' has "
			 "rows): copy into a new database");
	/* The identities moved past the copied ids: a new entity writes. */
	geopol_entity_spec e = GEOPOL_ENTITY_SPEC_INIT;
	e.code = "NEWSTATE";
	e.kind = GEOPOL_KIND_STATE;
	ck_assert_msg(geopol_entity_add(pg, &e) == GEOPOL_OK, "entity_add: %s", geopol_errmsg(pg));
	geopol_close(src);
	geopol_close(pg);
	geopol_close(again);
}
END_TEST

/* Every table of a new PostgreSQL database is copied or derived (its
 * search index, schema/pg/002; its commit clock, 003), and every copied
 * table is there. */
START_TEST(test_copy__every_postgresql_table)
{
	const char *pg_path = tu_pg_fresh("geopol_copy_tables");
	geopol_db *pg = open_path(pg_path);
	geopol_close(pg);
	PGconn *c = tu_pg_connect(strchr(pg_path, ':') + 1);
	PGresult *r = PQexec(c, "SELECT table_name FROM information_schema.tables WHERE table_schema = "
			     "current_schema() AND table_type = 'BASE TABLE' AND table_name <> "
			     "'geopol_schema_version'");
	ck_assert_int_eq(PQresultStatus(r), PGRES_TUPLES_OK);
	size_t listed = 0, copied = 0;
	while (gp_copy_table(listed))
		listed++;
	for (int i = 0; i < PQntuples(r); i++) {
		int found = 0, derived = 0;
		for (size_t k = 0; gp_copy_table(k); k++)
			found |= strcmp(gp_copy_table(k), PQgetvalue(r, i, 0)) == 0;
		for (size_t k = 0; gp_copy_derived(k); k++)
			derived |= strcmp(gp_copy_derived(k), PQgetvalue(r, i, 0)) == 0;
		ck_assert_msg(found || derived, "table %s is neither copied nor derived",
			      PQgetvalue(r, i, 0));
		copied += found;
	}
	ck_assert_int_eq(copied, listed);
	PQclear(r);
	PQfinish(c);
}
END_TEST
#endif

static Suite *suite(void)
{
	Suite *s = suite_create("copy");
	TCase *tc = tcase_create("copy");
	tcase_set_timeout(tc, 300);
	tcase_add_unchecked_fixture(tc, make_source, remove_dir);
	tcase_add_test(tc, test_copy__sqlite_to_sqlite);
	tcase_add_test(tc, test_copy__read_only_source);
	tcase_add_test(tc, test_copy__every_table);
	tcase_add_test(tc, test_copy__refusals);
#ifdef GEOPOL_HAVE_LIBPQ
	tcase_add_test(tc, test_copy__postgresql_round_trip);
	tcase_add_test(tc, test_copy__every_postgresql_table);
#endif
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	return tu_run(suite());
}
