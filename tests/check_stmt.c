/*
 * check_stmt.c - the statement cache of a handle (lib/store/stmt.c): one
 * prepared statement per SQL literal (keyed by its address, not its text),
 * handed back reset with its bindings cleared; a statement an iterator
 * took is not handed to anyone else meanwhile; a full cache is an error
 * for gp_stmt and not for gp_stmt_take; bad SQL is EDB naming the step.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "test_util.h"
#include "core/geopol_internal.h"

static const char sql_one[] = "SELECT ?1, 42";
static const char sql_same_text[] = "SELECT ?1, 42";

START_TEST(test_stmt__keyed_by_literal)
{
	geopol_db *db = tu_open();
	sqlite3_stmt *a = gp_stmt(db, sql_one);
	ck_assert_ptr_nonnull(a);
	ck_assert_ptr_eq(gp_stmt(db, sql_one), a);
	/* The same text at another address is another statement. */
	sqlite3_stmt *b = gp_stmt(db, sql_same_text);
	ck_assert_ptr_nonnull(b);
	ck_assert_ptr_ne(a, b);
	/* Handed back reset, bindings cleared. */
	sqlite3_bind_int64(a, 1, 7);
	ck_assert_int_eq(sqlite3_step(a), SQLITE_ROW);
	ck_assert_int_eq(sqlite3_column_int64(a, 0), 7);
	a = gp_stmt(db, sql_one);
	ck_assert_int_eq(sqlite3_step(a), SQLITE_ROW);
	ck_assert_int_eq(sqlite3_column_type(a, 0), SQLITE_NULL);
	ck_assert_int_eq(sqlite3_column_int64(a, 1), 42);
	sqlite3_reset(a);
	geopol_close(db);
}
END_TEST

static const char sql_take[] = "SELECT 1 UNION ALL SELECT 2";

START_TEST(test_stmt__taken_is_not_shared)
{
	geopol_db *db = tu_open();
	sqlite3_stmt *t1 = gp_stmt_take(db, sql_take);
	ck_assert_ptr_nonnull(t1);
	ck_assert_int_eq(sqlite3_step(t1), SQLITE_ROW);
	/* While t1 is taken, the same literal gets a statement of its own:
	 * t1's row is not disturbed. */
	sqlite3_stmt *t2 = gp_stmt_take(db, sql_take);
	ck_assert_ptr_nonnull(t2);
	ck_assert_ptr_ne(t1, t2);
	ck_assert_int_eq(sqlite3_step(t2), SQLITE_ROW);
	ck_assert_int_eq(sqlite3_step(t2), SQLITE_ROW);
	ck_assert_int_eq(sqlite3_column_int(t2, 0), 2);
	ck_assert_int_eq(sqlite3_column_int(t1, 0), 1);
	gp_stmt_give(db, t2); /* not the cached one: finalized */
	gp_stmt_give(db, t1); /* the cached one: reset and free again */
	sqlite3_stmt *t3 = gp_stmt_take(db, sql_take);
	ck_assert_ptr_eq(t3, t1);
	ck_assert_int_eq(sqlite3_step(t3), SQLITE_ROW);
	ck_assert_int_eq(sqlite3_column_int(t3, 0), 1); /* from the start again */
	gp_stmt_give(db, t3);
	gp_stmt_give(db, NULL); /* harmless */
	geopol_close(db);
}
END_TEST

START_TEST(test_stmt__full_cache)
{
	geopol_db *db = tu_open();
	/* Distinct literals (distinct addresses) until the cache refuses. */
	static char sql[GP_STMT_SLOTS + 1][16];
	int full_at = -1;
	for (int i = 0; i <= GP_STMT_SLOTS; i++) {
		snprintf(sql[i], sizeof sql[i], "SELECT %d", i);
		if (!gp_stmt(db, sql[i])) {
			full_at = i;
			break;
		}
	}
	ck_assert_int_ge(full_at, 0);
	ck_assert_str_eq(geopol_errmsg(db), "statement cache full (raise GP_STMT_SLOTS)");
	ck_assert_int_eq(gp_stmt_failed(db), GEOPOL_EINTERNAL);
	/* Every slot is taken by now, the ones made here included. */
	int used = 0;
	for (int i = 0; i < GP_STMT_SLOTS; i++)
		used += db->stmts[i].sql != NULL;
	ck_assert_int_eq(used, GP_STMT_SLOTS);
	/* An iterator's statement does not need a slot. */
	sqlite3_stmt *t = gp_stmt_take(db, sql[full_at]);
	ck_assert_ptr_nonnull(t);
	ck_assert_int_eq(sqlite3_step(t), SQLITE_ROW);
	ck_assert_int_eq(sqlite3_column_int(t, 0), full_at);
	gp_stmt_give(db, t);
	geopol_close(db);
}
END_TEST

static const char sql_bad[] = "SELECT FROM WHERE";

/* A full cache reaches the caller of a public function as an internal
 * error (not as the caller's misuse, nor as a database fault), with
 * nothing written. */
START_TEST(test_stmt__full_cache_is_internal)
{
	geopol_db *db = tu_open();
	int64_t rows = tu_total_rows(db);
	static char sql[GP_STMT_SLOTS][16];
	for (int i = 0; i < GP_STMT_SLOTS; i++) {
		snprintf(sql[i], sizeof sql[i], "SELECT %d", i);
		gp_stmt(db, sql[i]);
	}
	geopol_entity_spec e = GEOPOL_ENTITY_SPEC_INIT;
	e.code = "AAA";
	e.kind = GEOPOL_KIND_STATE;
	ck_assert_int_eq(geopol_entity_add(db, &e), GEOPOL_EINTERNAL);
	ck_assert_str_eq(geopol_errmsg(db), "statement cache full (raise GP_STMT_SLOTS)");
	ck_assert_str_eq(geopol_strerror(GEOPOL_EINTERNAL),
			 "internal error (a limit or a bug: please report it)");
	ck_assert_int_eq(tu_total_rows(db), rows);
	ck_assert_int_eq(sqlite3_get_autocommit(db->sql), 1);
	geopol_close(db);
}
END_TEST

START_TEST(test_stmt__bad_sql)
{
	geopol_db *db = tu_open();
	ck_assert_ptr_null(gp_stmt(db, sql_bad));
	ck_assert_ptr_nonnull(strstr(geopol_errmsg(db), "preparing a statement"));
	ck_assert_ptr_null(gp_stmt_take(db, sql_bad));
	ck_assert_int_eq(gp_exec(db, sql_bad), GEOPOL_EDB);
	/* The failed literal took no slot: the next one still prepares. */
	ck_assert_ptr_nonnull(gp_stmt(db, sql_one));
	geopol_close(db);
}
END_TEST

static const char sql_two_ints[] = "SELECT ?1 * 2, ?1 + 1 WHERE ?1 > 0";

START_TEST(test_stmt__query_ints)
{
	geopol_db *db = tu_open();
	int64_t out[2] = {-1, -1};
	ck_assert_int_eq(gp_query_ints(db, sql_two_ints, 21, out, 2), GEOPOL_OK);
	ck_assert_int_eq(out[0], 42);
	ck_assert_int_eq(out[1], 22);
	/* No row: zeros. */
	ck_assert_int_eq(gp_query_ints(db, sql_two_ints, -5, out, 2), GEOPOL_OK);
	ck_assert_int_eq(out[0], 0);
	ck_assert_int_eq(out[1], 0);
	ck_assert_int_eq(gp_exec(db, "CREATE TEMP TABLE t(x)"), GEOPOL_OK);
	ck_assert_int_eq(gp_exec(db, "INSERT INTO t VALUES (1), (2), (3)"), GEOPOL_OK);
	ck_assert_int_eq(gp_query_ints(db, "SELECT count(*), sum(x) FROM t", 0, out, 2), GEOPOL_OK);
	ck_assert_int_eq(out[0], 3);
	ck_assert_int_eq(out[1], 6);
	geopol_close(db);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("stmt");
	TCase *core = tcase_create("core");
	tcase_add_test(core, test_stmt__keyed_by_literal);
	tcase_add_test(core, test_stmt__taken_is_not_shared);
	tcase_add_test(core, test_stmt__query_ints);
	suite_add_tcase(s, core);
	TCase *errors = tcase_create("errors");
	tcase_add_test(errors, test_stmt__full_cache);
	tcase_add_test(errors, test_stmt__full_cache_is_internal);
	tcase_add_test(errors, test_stmt__bad_sql);
	suite_add_tcase(s, errors);
	return tu_run(s);
}
