/*
 * check_open.c - opening a file that must exist (must_exist, like SQLite
 * without SQLITE_OPEN_CREATE), and the options' versions.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "test_util.h"

static void scratch(char *path, size_t size)
{
	snprintf(path, size, "/tmp/geopol-open-XXXXXX");
	int fd = mkstemp(path);
	ck_assert_int_ge(fd, 0);
	close(fd);
	unlink(path);
}

START_TEST(test_open__must_exist_creates_nothing)
{
	char path[64];
	scratch(path, sizeof path);
	geopol_open_options o = GEOPOL_OPEN_OPTIONS_INIT;
	o.must_exist = 1;
	geopol_db *db = NULL;
	ck_assert_int_eq(geopol_open(&db, path, &o), GEOPOL_ENOTFOUND);
	char want[128];
	snprintf(want, sizeof want, "%s: no such database file", path);
	ck_assert_str_eq(geopol_errmsg(db), want);
	geopol_close(db);
	ck_assert_int_ne(access(path, F_OK), 0);
	/* Once the file exists (made by a default open), it opens and writes. */
	ck_assert_int_eq(geopol_open(&db, path, NULL), GEOPOL_OK);
	geopol_close(db);
	ck_assert_int_eq(geopol_open(&db, path, &o), GEOPOL_OK);
	ck_assert_int_eq(tu_import(db, TU_WORLD), GEOPOL_OK);
	char *got = tu_members(db, "ORG", "2000-01-01", 0, 0);
	ck_assert_str_eq(got, "AAA founding_member definite");
	free(got);
	geopol_close(db);
	ck_assert_int_eq(geopol_open(&db, ":memory:", &o), GEOPOL_OK);
	geopol_close(db);
	unlink(path);
	char wal[80];
	snprintf(wal, sizeof wal, "%s-wal", path);
	unlink(wal);
	snprintf(wal, sizeof wal, "%s-shm", path);
	unlink(wal);
}
END_TEST

START_TEST(test_open__versions)
{
	char path[64];
	scratch(path, sizeof path);
	/* A caller built against version 1 (no must_exist field read) still
	 * opens, and creates the file as it always did. */
	geopol_open_options o = GEOPOL_OPEN_OPTIONS_INIT;
	o.version = 1;
	o.must_exist = 1;
	geopol_db *db = NULL;
	ck_assert_int_eq(geopol_open(&db, path, &o), GEOPOL_OK);
	geopol_close(db);
	ck_assert_int_eq(access(path, F_OK), 0);
	o.version = GEOPOL_OPEN_OPTIONS_VERSION + 1;
	ck_assert_int_eq(geopol_open(&db, path, &o), GEOPOL_EMISUSE);
	geopol_close(db);
	o.version = 0;
	ck_assert_int_eq(geopol_open(&db, path, &o), GEOPOL_EMISUSE);
	geopol_close(db);
	unlink(path);
	char wal[80];
	snprintf(wal, sizeof wal, "%s-wal", path);
	unlink(wal);
	snprintf(wal, sizeof wal, "%s-shm", path);
	unlink(wal);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("open");
	TCase *core = tcase_create("core");
	tcase_add_test(core, test_open__must_exist_creates_nothing);
	tcase_add_test(core, test_open__versions);
	suite_add_tcase(s, core);
	return tu_run(s);
}
