/*
 * check_db.c - opening, migrating and closing a file and the rules of
 * savepoints and transactions (lib/store/db.c), and what a new handle
 * keeps beside the tables (lib/store/extensions.c): one savepoint a public
 * write, which begins and commits a transaction of its own outside
 * geopol_begin and only undoes itself inside one; the first error's
 * message kept through the rollback; the commit hooks once per commit and
 * never for a rollback; stamps strictly increasing; a file of an older
 * schema migrated on open, each migration in a transaction of its own (one
 * that fails leaves the file at the version before it); the packer
 * attached before the migrations.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "test_util.h"
#include "core/geopol_internal.h"
#include "store/store.h"

struct gp_migration { int version; const char *name; const char *sql; };
extern const struct gp_migration gp_migrations[];

static int commits;

static void count_commit(geopol_db *db, void *ctx)
{
	(void)db;
	(void)ctx;
	commits++;
}

static geopol_db *open_counted(void)
{
	geopol_db *db = tu_open();
	commits = 0;
	ck_assert_int_eq(gp_on_commit(db, count_commit, NULL), GEOPOL_OK);
	ck_assert_int_eq(gp_exec(db, "CREATE TEMP TABLE t(x)"), GEOPOL_OK);
	return db;
}

static int64_t rows_of_t(geopol_db *db)
{
	return tu_count(db, "SELECT count(*) FROM temp.t");
}

/* ---- savepoints */

START_TEST(test_db_savepoint__autocommit_write)
{
	geopol_db *db = open_counted();
	const gp_store *s = gp_store_of(db);
	ck_assert_int_eq(gp_savepoint(db), GEOPOL_OK);
	/* Outside geopol_begin the write's savepoint is in a transaction of
	 * its own, holding the write lock. */
	ck_assert_int_eq(s->in_txn(db), 1);
	ck_assert_int_eq(db->sp_depth, 1);
	ck_assert_int_eq(db->sp_txn, 1);
	ck_assert_int_eq(gp_exec(db, "INSERT INTO temp.t VALUES (1)"), GEOPOL_OK);
	ck_assert_int_eq(gp_release(db, GEOPOL_OK), GEOPOL_OK);
	/* Released: committed, the hook heard it once. */
	ck_assert_int_eq(s->in_txn(db), 0);
	ck_assert_int_eq(db->sp_depth, 0);
	ck_assert_int_eq(commits, 1);
	ck_assert_int_eq(rows_of_t(db), 1);
	geopol_close(db);
}
END_TEST

START_TEST(test_db_savepoint__failed_write_undone)
{
	geopol_db *db = open_counted();
	ck_assert_int_eq(gp_savepoint(db), GEOPOL_OK);
	ck_assert_int_eq(gp_exec(db, "INSERT INTO temp.t VALUES (1)"), GEOPOL_OK);
	int rc = gp_error(db, GEOPOL_EINVAL, "the first error");
	/* The write's status is returned, its message kept, nothing left. */
	ck_assert_int_eq(gp_release(db, rc), GEOPOL_EINVAL);
	ck_assert_str_eq(geopol_errmsg(db), "the first error");
	ck_assert_int_eq(gp_store_of(db)->in_txn(db), 0);
	ck_assert_int_eq(rows_of_t(db), 0);
	ck_assert_int_eq(commits, 0);
	geopol_close(db);
}
END_TEST

START_TEST(test_db_savepoint__inside_a_transaction)
{
	geopol_db *db = open_counted();
	const gp_store *s = gp_store_of(db);
	ck_assert_int_eq(geopol_begin(db), GEOPOL_OK);
	ck_assert_int_eq(gp_savepoint(db), GEOPOL_OK);
	ck_assert_int_eq(db->sp_txn, 0);
	ck_assert_int_eq(gp_exec(db, "INSERT INTO temp.t VALUES (1)"), GEOPOL_OK);
	ck_assert_int_eq(gp_release(db, GEOPOL_OK), GEOPOL_OK);
	/* A write that fails undoes itself only: the transaction goes on. */
	ck_assert_int_eq(gp_savepoint(db), GEOPOL_OK);
	ck_assert_int_eq(gp_exec(db, "INSERT INTO temp.t VALUES (2)"), GEOPOL_OK);
	ck_assert_int_eq(gp_release(db, gp_error(db, GEOPOL_ECONFLICT, "no")), GEOPOL_ECONFLICT);
	ck_assert_int_eq(s->in_txn(db), 1);
	ck_assert_int_eq(rows_of_t(db), 1);
	/* No commit until geopol_commit, then one. */
	ck_assert_int_eq(commits, 0);
	ck_assert_int_eq(geopol_commit(db), GEOPOL_OK);
	ck_assert_int_eq(commits, 1);
	ck_assert_int_eq(s->in_txn(db), 0);
	ck_assert_int_eq(rows_of_t(db), 1);
	/* A rollback: no hook, nothing kept. */
	ck_assert_int_eq(geopol_begin(db), GEOPOL_OK);
	ck_assert_int_eq(gp_savepoint(db), GEOPOL_OK);
	ck_assert_int_eq(gp_exec(db, "INSERT INTO temp.t VALUES (3)"), GEOPOL_OK);
	ck_assert_int_eq(gp_release(db, GEOPOL_OK), GEOPOL_OK);
	ck_assert_int_eq(geopol_rollback(db), GEOPOL_OK);
	ck_assert_int_eq(commits, 1);
	ck_assert_int_eq(rows_of_t(db), 1);
	geopol_close(db);
}
END_TEST

START_TEST(test_db_savepoint__stamps_increase)
{
	geopol_db *db = tu_open();
	int64_t last = 0;
	for (int i = 0; i < 100; i++) {
		ck_assert_int_eq(gp_savepoint(db), GEOPOL_OK);
		ck_assert_int_gt(db->stamp, last);
		last = db->stamp;
		ck_assert_int_eq(gp_release(db, GEOPOL_OK), GEOPOL_OK);
	}
	geopol_close(db);
}
END_TEST

START_TEST(test_db_transactions__misuse)
{
	geopol_db *db = tu_open();
	ck_assert_int_eq(geopol_commit(db), GEOPOL_EMISUSE);
	ck_assert_str_eq(geopol_errmsg(db), "no transaction is open");
	ck_assert_int_eq(geopol_rollback(db), GEOPOL_EMISUSE);
	ck_assert_str_eq(geopol_errmsg(db), "no transaction is open");
	ck_assert_int_eq(geopol_begin(db), GEOPOL_OK);
	ck_assert_int_eq(geopol_begin(db), GEOPOL_EMISUSE);
	ck_assert_str_eq(geopol_errmsg(db), "a transaction is already open");
	ck_assert_int_eq(geopol_rollback(db), GEOPOL_OK);
	ck_assert_int_eq(geopol_begin(NULL), GEOPOL_EMISUSE);
	ck_assert_int_eq(gp_savepoint(NULL), GEOPOL_EMISUSE);
	geopol_close(db);
}
END_TEST

/* ---- files: migration, read-only, close */

static char *temp_file(void)
{
	char *path = strdup("/tmp/geopol-db-XXXXXX");
	int fd = mkstemp(path);
	ck_assert_int_ge(fd, 0);
	close(fd);
	return path;
}

static void remove_file(char *path)
{
	char side[64];
	unlink(path);
	snprintf(side, sizeof side, "%s-wal", path);
	unlink(side);
	snprintf(side, sizeof side, "%s-shm", path);
	unlink(side);
	free(path);
}

static int latest(void)
{
	int v = 0;
	for (const struct gp_migration *m = gp_migrations; m->sql; m++)
		v = m->version > v ? m->version : v;
	return v;
}

/* A file at schema `version`, as a geopol of then left it, with one
 * state in it. */
static char *file_at(int version, const char *extra_sql)
{
	char *path = temp_file();
	sqlite3 *s;
	ck_assert_int_eq(sqlite3_open(path, &s), SQLITE_OK);
	for (const struct gp_migration *m = gp_migrations; m->sql && m->version <= version; m++)
		ck_assert_msg(sqlite3_exec(s, m->sql, NULL, NULL, NULL) == SQLITE_OK, "%s: %s", m->name,
			      sqlite3_errmsg(s));
	char sql[512];
	snprintf(sql, sizeof sql, "INSERT INTO entity(code, kind, from_lo, from_hi, from_prec, to_lo, "
		 "to_hi, to_prec, rec_from) VALUES ('OLD', 1, %d, %d, 1, 2147483647, 2147483647, 0, 1);"
		 "%s PRAGMA user_version = %d", tu_date("1960").day, tu_date("1961").day - 1,
		 extra_sql ? extra_sql : "", version);
	ck_assert_msg(sqlite3_exec(s, sql, NULL, NULL, NULL) == SQLITE_OK, "%s", sqlite3_errmsg(s));
	sqlite3_close(s);
	return path;
}

static int file_version(const char *path)
{
	sqlite3 *s;
	sqlite3_stmt *st;
	ck_assert_int_eq(sqlite3_open(path, &s), SQLITE_OK);
	ck_assert_int_eq(sqlite3_prepare_v2(s, "PRAGMA user_version", -1, &st, NULL), SQLITE_OK);
	ck_assert_int_eq(sqlite3_step(st), SQLITE_ROW);
	int v = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	sqlite3_close(s);
	return v;
}

START_TEST(test_db_migrate__from_an_older_schema)
{
	ck_assert_int_ge(latest(), 12);
	char *path = file_at(11, NULL);
	geopol_db *db;
	ck_assert_int_eq(geopol_open(&db, path, NULL), GEOPOL_OK);
	ck_assert_int_eq(geopol_schema_version(db), latest());
	/* The state is there, its life as it was (schema 12 added the
	 * lives' history beside it). */
	char *life = tu_life(db, "OLD", 0);
	ck_assert_str_eq(life, "1960 -");
	free(life);
	ck_assert_int_eq(tu_count(db, "SELECT count(*) FROM entity_life"), 0);
	geopol_close(db);
	ck_assert_int_eq(file_version(path), latest());
	/* Opened again: nothing to do. */
	ck_assert_int_eq(geopol_open(&db, path, NULL), GEOPOL_OK);
	ck_assert_int_eq(geopol_schema_version(db), latest());
	geopol_close(db);
	remove_file(path);
}
END_TEST

START_TEST(test_db_migrate__failure_leaves_the_file)
{
	/* Something in the way of migration 12: it fails, and the file stays
	 * at 11 with what it had. */
	char *path = file_at(11, "CREATE TABLE entity_life(x);");
	geopol_db *db;
	ck_assert_int_eq(geopol_open(&db, path, NULL), GEOPOL_EDB);
	ck_assert_ptr_nonnull(strstr(geopol_errmsg(db), "applying schema/012_entity_life.sql: "));
	ck_assert_ptr_nonnull(strstr(geopol_errmsg(db), "entity_life"));
	geopol_close(db);
	ck_assert_int_eq(file_version(path), 11);
	sqlite3 *s;
	ck_assert_int_eq(sqlite3_open(path, &s), SQLITE_OK);
	ck_assert_int_eq(sqlite3_exec(s, "SELECT life_rec FROM entity", NULL, NULL, NULL), SQLITE_ERROR);
	sqlite3_close(s);
	remove_file(path);
}
END_TEST

START_TEST(test_db_migrate__read_only)
{
	char *path = file_at(11, NULL);
	geopol_open_options o = GEOPOL_OPEN_OPTIONS_INIT;
	o.read_only = 1;
	geopol_db *db;
	ck_assert_int_eq(geopol_open(&db, path, &o), GEOPOL_EVERSION);
	ck_assert_ptr_nonnull(strstr(geopol_errmsg(db), ": the database needs migration to schema 12 "
				     "but was opened read-only"));
	geopol_close(db);
	remove_file(path);
}
END_TEST

START_TEST(test_db_read_only__writes_refused)
{
	char *path = temp_file();
	geopol_db *db;
	ck_assert_int_eq(geopol_open(&db, path, NULL), GEOPOL_OK);
	geopol_close(db);
	geopol_open_options o = GEOPOL_OPEN_OPTIONS_INIT;
	o.read_only = 1;
	ck_assert_int_eq(geopol_open(&db, path, &o), GEOPOL_OK);
	ck_assert_int_eq(gp_savepoint(db), GEOPOL_EMISUSE);
	ck_assert_str_eq(geopol_errmsg(db), "the database was opened read-only");
	ck_assert_int_eq(geopol_begin(db), GEOPOL_EMISUSE);
	ck_assert_int_eq(gp_store_of(db)->in_txn(db), 0);
	geopol_close(db);
	remove_file(path);
}
END_TEST

/* ---- extensions.c: the packer, attached to every handle */

START_TEST(test_db_extensions__packer_attached)
{
	geopol_db *db = tu_open();
	/* One hook a new handle has: a commit hook. */
	ck_assert_int_eq(db->n_hooks, 1);
	ck_assert_int_eq(db->hooks[0].kind, GP_HOOK_COMMIT);
	/* It packs: rows enough for blocks, then any public write's commit. */
	ck_assert_int_eq(tu_import(db, "{\"entities\":[{\"code\":\"AAA\",\"kind\":\"state\"},"
				       "{\"code\":\"BBB\",\"kind\":\"state\"}],"
				       "\"relation_types\":[{\"code\":\"trade\",\"directed\":false}]}"),
			 GEOPOL_OK);
	ck_assert_int_eq(sqlite3_exec(db->sql,
		"WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 8192) "
		"INSERT INTO relation(fact_id, a_id, b_id, type, from_lo, from_hi, from_prec, to_lo, "
		"to_hi, to_prec, rec_from) SELECT i, 1, 2, 'trade', 700000 + i, 700000 + i, 3, "
		"2147483647, 2147483647, 0, 1 FROM n", NULL, NULL, NULL), SQLITE_OK);
	ck_assert_int_eq(tu_count(db, "SELECT count(*) FROM edge_pack"), 0);
	geopol_entity_spec e = GEOPOL_ENTITY_SPEC_INIT;
	e.code = "CCC";
	e.kind = GEOPOL_KIND_STATE;
	ck_assert_int_eq(geopol_entity_add(db, &e), GEOPOL_OK);
	ck_assert_int_ge(tu_count(db, "SELECT count(*) FROM edge_pack WHERE kind = 3"), 2);
	geopol_close(db);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("db");
	TCase *sp = tcase_create("savepoints");
	tcase_add_test(sp, test_db_savepoint__autocommit_write);
	tcase_add_test(sp, test_db_savepoint__failed_write_undone);
	tcase_add_test(sp, test_db_savepoint__inside_a_transaction);
	tcase_add_test(sp, test_db_savepoint__stamps_increase);
	tcase_add_test(sp, test_db_transactions__misuse);
	suite_add_tcase(s, sp);
	TCase *files = tcase_create("files");
	tcase_add_test(files, test_db_migrate__from_an_older_schema);
	tcase_add_test(files, test_db_migrate__failure_leaves_the_file);
	tcase_add_test(files, test_db_migrate__read_only);
	tcase_add_test(files, test_db_read_only__writes_refused);
	tcase_add_test(files, test_db_extensions__packer_attached);
	suite_add_tcase(s, files);
	return tu_run(s);
}
