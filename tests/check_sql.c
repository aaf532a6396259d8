/*
 * check_sql.c - geopol_sql() and the views of schema/010_views.sql, on the
 * small world of common_util.c: readable columns, the certainty pattern of
 * README, and every statement that is not a read refused before it runs.
 * On both stores (with GEOPOL_TEST_PG=1, the PostgreSQL store's user_sql,
 * lib/store/pg_sql.c): geopol's own rules and messages are the same; what
 * the engine itself words (an unknown column, the name it gives an
 * expression's column) is each store's, asserted as each words it.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "test_util.h"

static geopol_db *world(void)
{
	geopol_db *db = tu_open();
	ck_assert_msg(tu_import(db, TU_WORLD) == GEOPOL_OK, "import: %s", geopol_errmsg(db));
	return db;
}

typedef struct grid {
	char text[4096];   /* "h:col|col\nrow|row\n": NULL as "~", numbers as "#n" */
	int calls, stop_after;
} grid;

static int collect(void *ctx, const geopol_sql_row *row)
{
	grid *g = ctx;
	size_t n = strlen(g->text);
	if (!row->values)
		n += (size_t)snprintf(g->text + n, sizeof g->text - n, "h:");
	for (int i = 0; i < row->ncols; i++) {
		const char *v = row->values ? row->values[i] : row->names[i];
		n += (size_t)snprintf(g->text + n, sizeof g->text - n, "%s%s%s", i ? "|" : "",
				      row->values && v && row->numeric[i] ? "#" : "", v ? v : "~");
	}
	snprintf(g->text + n, sizeof g->text - n, "\n");
	return ++g->calls == g->stop_after;
}

static const char *sql(geopol_db *db, grid *g, const char *stmt)
{
	memset(g, 0, sizeof *g);
	ck_assert_msg(geopol_sql(db, stmt, collect, g) == GEOPOL_OK, "%s", geopol_errmsg(db));
	return g->text;
}

START_TEST(test_sql__views_read_as_a_person_writes)
{
	geopol_db *db = world();
	grid g;
	ck_assert_str_eq(sql(db, &g, "SELECT org, member, role, from_date, to_date, sources "
			     "FROM v_memberships WHERE member = 'BBB' ORDER BY from_date"),
			 "h:org|member|role|from_date|to_date|sources\n"
			 "ORG|BBB|founding_member|1992-05-15|1999-04-20|treaty\n"
			 "ORG|BBB|member|2006-08-16|2012-12-19|news; treaty\n");
	ck_assert_str_eq(sql(db, &g, "SELECT code, kind, name, from_date, to_date FROM v_entities "
			     "WHERE code IN ('ORG', 'AAA') ORDER BY code"),
			 "h:code|kind|name|from_date|to_date\n"
			 "AAA|state|Aland|~|~\n"
			 "ORG|organization|The Organization|1992-05-15|~\n");
	ck_assert_str_eq(sql(db, &g, "SELECT a, type, b, directed, from_date, from_first, from_last "
			     "FROM v_relations WHERE type = 'sanctions'"),
			 "h:a|type|b|directed|from_date|from_first|from_last\n"
			 "AAA|sanctions|CCC|#1|2014-03|2014-03-01|2014-03-31\n");
	ck_assert_str_eq(sql(db, &g, "SELECT e.date, e.end_date, e.type, a.code, a.role FROM v_events e "
			     "JOIN v_event_actors a ON a.event = e.id WHERE e.type = '0871' ORDER BY a.code"),
			 "h:date|end_date|type|code|role\n"
			 "2022-01-06|2022-01-20|0871|AAA|host\n"
			 "2022-01-06|2022-01-20|0871|ORG|source\n");
	geopol_close(db);
}
END_TEST

/* README's pattern gives members' certainty: CCC is a member from 2015, so
 * possible on 2015-06-01 and definite on 2016-01-01; BBB has left by then. */
/* The legal stage of a row (schema 9) reads as its name, as in JSON. */
START_TEST(test_sql__memberships_show_their_stage)
{
	geopol_db *db = world();
	ck_assert_msg(tu_import(db, "{\"memberships\": ["
				 "{\"org\": \"ORG\", \"member\": \"AAA\", \"role\": \"member\", "
				 "\"stage\": \"signed\", \"from\": \"2020-03-01\", \"to\": \"2021-01-01\"},"
				 "{\"org\": \"ORG\", \"member\": \"AAA\", \"role\": \"member\", "
				 "\"from\": \"2021-01-01\"}]}") == GEOPOL_OK,
		      "import: %s", geopol_errmsg(db));
	grid g;
	ck_assert_str_eq(sql(db, &g, "SELECT member, role, stage, from_date, to_date FROM v_memberships "
			     "WHERE member = 'AAA' AND from_date >= '2020' ORDER BY from_date"),
			 "h:member|role|stage|from_date|to_date\n"
			 "AAA|member|signed|2020-03-01|2021-01-01\n"
			 "AAA|member|in_force|2021-01-01|~\n");
	geopol_close(db);
}
END_TEST

START_TEST(test_sql__certainty_pattern_is_the_library_rule)
{
	geopol_db *db = world();
	const char *at[] = {"2015-06-01", "2016-01-01", "1999-04-19", "1999-04-20"};
	for (size_t i = 0; i < sizeof at / sizeof at[0]; i++) {
		char stmt[512], want[512] = "h:member|role|certainty\n";
		snprintf(stmt, sizeof stmt,
			 "WITH at(d) AS (VALUES ('%s')) SELECT member, role, CASE WHEN from_last <= d "
			 "AND d < to_first THEN 'definite' ELSE 'possible' END AS certainty FROM "
			 "v_memberships, at WHERE org = 'ORG' AND from_first <= d AND d < to_last "
			 "ORDER BY member, role", at[i]);
		geopol_iter *it;
		ck_assert_int_eq(geopol_members(&it, db, "ORG", tu_date(at[i]), NULL), GEOPOL_OK);
		const geopol_item *item;
		while (geopol_iter_next(it, &item) == GEOPOL_OK)
			snprintf(want + strlen(want), sizeof want - strlen(want), "%s|%s|%s\n",
				 item->membership->member, geopol_role_name(item->membership->role),
				 geopol_certainty_name(item->membership->certainty));
		geopol_iter_free(it);
		grid g;
		ck_assert_str_eq(sql(db, &g, stmt), want);
	}
	/* An unnamed expression's column: SQLite names it by its text,
	 * PostgreSQL by its kind ("case"); the row is the same. */
	grid g;
	ck_assert_str_eq(sql(db, &g, "WITH at(d) AS (VALUES ('2015-06-01')) SELECT member, "
			     "CASE WHEN from_last <= d AND d < to_first THEN 'definite' ELSE 'possible' END "
			     "FROM v_memberships, at WHERE member = 'CCC' AND from_first <= d AND d < to_last"),
			 tu_dialect(db, "h:member|CASE WHEN from_last <= d AND d < to_first THEN 'definite' "
				    "ELSE 'possible' END\nCCC|possible\n",
				    "h:member|case\nCCC|possible\n"));
	geopol_close(db);
}
END_TEST

START_TEST(test_sql__writes_refused_before_they_run)
{
	geopol_db *db = world();
	char *before = tu_dump(db);
	const char *writes[] = {"DELETE FROM entity", "UPDATE entity SET code = 'X'",
				"INSERT INTO meta VALUES ('k', 'v')", "DROP VIEW v_entities",
				"CREATE TABLE t(x)", "ATTACH ':memory:' AS x", "PRAGMA foreign_keys = OFF",
				"BEGIN", "WITH x AS (SELECT 1) DELETE FROM meta"};
	for (size_t i = 0; i < sizeof writes / sizeof writes[0]; i++) {
		grid g = {{0}, 0, 0};
		ck_assert_int_eq(geopol_sql(db, writes[i], collect, &g), GEOPOL_EINVAL);
		ck_assert_str_eq(geopol_errmsg(db), "sql: only a statement that reads (SELECT, WITH, "
				 "VALUES) may run here: this one would change the database or the connection");
		ck_assert_int_eq(g.calls, 0);
	}
	grid g = {{0}, 0, 0};
	ck_assert_int_eq(geopol_sql(db, "SELECT 1; DELETE FROM meta", collect, &g), GEOPOL_EINVAL);
	ck_assert_str_eq(geopol_errmsg(db), "sql: one statement at a time");
	ck_assert_int_eq(geopol_sql(db, "SELECT 1 /* ; */ ; -- ;\n ; SELECT 2", collect, &g), GEOPOL_EINVAL);
	ck_assert_str_eq(geopol_errmsg(db), "sql: one statement at a time");
	/* The engine's own words for an unknown column, after "sql: ". */
	ck_assert_int_eq(geopol_sql(db, "SELECT nope FROM v_entities", collect, &g), GEOPOL_EINVAL);
	ck_assert_str_eq(geopol_errmsg(db), tu_dialect(db, "sql: no such column: nope",
						       "sql: column \"nope\" does not exist"));
	ck_assert_int_eq(geopol_sql(db, "  -- nothing\n", collect, &g), GEOPOL_EINVAL);
	ck_assert_str_eq(geopol_errmsg(db), "sql: no statement given");
	ck_assert_int_eq(geopol_sql(db, " ; /* nothing */ ;", collect, &g), GEOPOL_EINVAL);
	ck_assert_str_eq(geopol_errmsg(db), "sql: no statement given");
	ck_assert_int_eq(geopol_sql(db, NULL, collect, &g), GEOPOL_EMISUSE);
	ck_assert_int_eq(g.calls, 0);
	char *after = tu_dump(db);
	ck_assert_str_eq(after, before);
	free(before);
	free(after);
	/* The handle still writes afterwards: nothing was left authorized off. */
	ck_assert_int_eq(tu_import(db, "{\"format\":\"geopol-dataset\",\"version\":1,"
				   "\"entities\":[{\"code\":\"DDD\",\"kind\":\"state\"}]}"), GEOPOL_OK);
	geopol_close(db);
}
END_TEST

START_TEST(test_sql__header_first_and_stop_early)
{
	geopol_db *db = world();
	grid g;
	ck_assert_str_eq(sql(db, &g, "SELECT code FROM v_entities WHERE code = 'none'"), "h:code\n");
	memset(&g, 0, sizeof g);
	g.stop_after = 2;
	ck_assert_int_eq(geopol_sql(db, "SELECT code FROM v_entities ORDER BY code", collect, &g),
			 GEOPOL_OK);
	ck_assert_str_eq(g.text, "h:code\nAAA\n");
	ck_assert_str_eq(sql(db, &g, "VALUES (1, 2.5, NULL, 'x')"),
			 "h:column1|column2|column3|column4\n#1|#2.5|~|x\n");
	/* One statement: a ';' quoted, in a quoted name or a comment does not
	 * end it; empty statements around it are nothing. */
	ck_assert_str_eq(sql(db, &g, " ; SELECT ';' AS \"a;b\", 'it''s; ok' AS t -- ;\n ; /* ; */ ;"),
			 "h:a;b|t\n;|it's; ok\n");
	geopol_close(db);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("sql");
	TCase *core = tcase_create("core");
	tcase_add_test(core, test_sql__views_read_as_a_person_writes);
	tcase_add_test(core, test_sql__memberships_show_their_stage);
	tcase_add_test(core, test_sql__certainty_pattern_is_the_library_rule);
	tcase_add_test(core, test_sql__writes_refused_before_they_run);
	tcase_add_test(core, test_sql__header_first_and_stop_early);
	suite_add_tcase(s, core);
	return tu_run(s);
}
