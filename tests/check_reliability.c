/*
 * check_reliability.c - the defects of the reliability audit of December
 * 2026 (docs/audits/reliability-2026-12.md in the shared folder), each
 * reproduced first: a second writer waits for the busy timeout, then fails
 * with GEOPOL_EBUSY; a read-only open works on a file and folder the user
 * cannot write; bad input through the C API is refused with an error.
 */
#include <check.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "test_util.h"
#include "geopol_internal.h"

/* ---- helpers */

static double now_ms(void)
{
	struct timeval tv;
	gettimeofday(&tv, NULL);
	return tv.tv_sec * 1000.0 + tv.tv_usec / 1000.0;
}

static void sleep_ms(int ms)
{
	struct timespec ts = {ms / 1000, (long)(ms % 1000) * 1000000L};
	while (nanosleep(&ts, &ts) != 0 && errno == EINTR)
		;
}

/* A scratch folder (its name has characters a URI would read otherwise)
 * holding a file database with the small test world; returns its path. */
static char *world_file(char *dir, size_t size)
{
	snprintf(dir, size, "/tmp/geopol rel %%#?.XXXXXX");
	ck_assert_ptr_nonnull(mkdtemp(dir));
	size_t n = strlen(dir) + sizeof "/world.db";
	char *path = malloc(n);
	snprintf(path, n, "%s/world.db", dir);
	geopol_db *db = NULL;
	ck_assert_int_eq(geopol_open(&db, path, NULL), GEOPOL_OK);
	ck_assert_msg(tu_import(db, TU_WORLD) == GEOPOL_OK, "%s", geopol_errmsg(db));
	geopol_close(db);
	return path;
}

static void remove_world(const char *dir, const char *path)
{
	char p[512];
	chmod(dir, 0700);
	unlink(path);
	snprintf(p, sizeof p, "%s-wal", path);
	unlink(p);
	snprintf(p, sizeof p, "%s-shm", path);
	unlink(p);
	rmdir(dir);
}

static int exists(const char *path, const char *suffix)
{
	char p[512];
	struct stat st;
	snprintf(p, sizeof p, "%s%s", path, suffix);
	return stat(p, &st) == 0;
}

static int64_t count_sources(const char *path, const char *code)
{
	geopol_db *db = NULL;
	ck_assert_int_eq(geopol_open(&db, path, NULL), GEOPOL_OK);
	sqlite3_stmt *st;
	ck_assert_int_eq(sqlite3_prepare_v2(db->sql, "SELECT count(*) FROM source WHERE code = ?1",
					    -1, &st, NULL), SQLITE_OK);
	sqlite3_bind_text(st, 1, code, -1, SQLITE_STATIC);
	ck_assert_int_eq(sqlite3_step(st), SQLITE_ROW);
	int64_t n = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	geopol_close(db);
	return n;
}

/* A second process opens the file, takes the write lock (geopol_begin),
 * writes a source, says so on the pipe, keeps the lock `hold_ms`, commits. */
static pid_t writer_holding(const char *path, int hold_ms)
{
	int fd[2];
	ck_assert_int_eq(pipe(fd), 0);
	pid_t pid = fork();
	ck_assert_int_ge(pid, 0);
	if (pid == 0) {
		close(fd[0]);
		geopol_db *db = NULL;
		geopol_source_spec s = GEOPOL_SOURCE_SPEC_INIT;
		s.code = "held:1";
		if (geopol_open(&db, path, NULL) || geopol_begin(db) || geopol_source_add(db, &s))
			_exit(2);
		if (write(fd[1], "x", 1) != 1)
			_exit(3);
		sleep_ms(hold_ms);
		int rc = geopol_commit(db);
		geopol_close(db);
		_exit(rc ? 4 : 0);
	}
	close(fd[1]);
	char c;
	ck_assert_int_eq(read(fd[0], &c, 1), 1);
	close(fd[0]);
	return pid;
}

static void writer_done(pid_t pid)
{
	int status;
	ck_assert_int_eq(waitpid(pid, &status, 0), pid);
	ck_assert_msg(WIFEXITED(status) && WEXITSTATUS(status) == 0, "writer status %d", status);
}

static geopol_db *open_timeout(const char *path, int ms)
{
	geopol_open_options o = GEOPOL_OPEN_OPTIONS_INIT;
	o.busy_timeout_ms = ms;
	geopol_db *db = NULL;
	ck_assert_msg(geopol_open(&db, path, &o) == GEOPOL_OK, "%s", geopol_errmsg(db));
	return db;
}

static const char *const SOURCE_B =
	"{\"format\":\"geopol-dataset\",\"version\":1,\"sources\":[{\"code\":\"b:1\"}]}";

/* ---- D12: a second writer waits */

/* The import reads (the source lookup) before it writes: it used to fail at
 * once with "database is locked" while the other writer held the lock. */
START_TEST(test_reliability_writers__second_waits_then_succeeds)
{
	char dir[64];
	char *path = world_file(dir, sizeof dir);
	geopol_db *db = open_timeout(path, 5000);
	pid_t w = writer_holding(path, 600);
	double t0 = now_ms();
	int rc = geopol_import_json_text(db, SOURCE_B, strlen(SOURCE_B), "b.json", NULL);
	double waited = now_ms() - t0;
	ck_assert_msg(rc == GEOPOL_OK, "rc %d: %s", rc, geopol_errmsg(db));
	ck_assert_msg(waited >= 300, "did not wait for the writer (%.0f ms)", waited);
	writer_done(w);
	geopol_close(db);
	ck_assert_int_eq(count_sources(path, "b:1"), 1);
	ck_assert_int_eq(count_sources(path, "held:1"), 1);
	remove_world(dir, path);
	free(path);
}
END_TEST

/* Past the busy timeout: GEOPOL_EBUSY, a message saying so, nothing written. */
START_TEST(test_reliability_writers__busy_after_timeout)
{
	char dir[64];
	char *path = world_file(dir, sizeof dir);
	geopol_db *db = open_timeout(path, 300);
	pid_t w = writer_holding(path, 2500);
	double t0 = now_ms();
	int rc = geopol_import_json_text(db, SOURCE_B, strlen(SOURCE_B), "b.json", NULL);
	double waited = now_ms() - t0;
	ck_assert_int_eq(rc, GEOPOL_EBUSY);
	ck_assert_str_eq(geopol_errmsg(db),
			 "cannot start writing: another connection holds the write lock "
			 "(waited 300 ms, the busy timeout)");
	ck_assert_msg(waited >= 250 && waited < 2000, "waited %.0f ms for a 300 ms timeout", waited);
	/* The same for a single write and for an explicit transaction. */
	geopol_entity_spec e = GEOPOL_ENTITY_SPEC_INIT;
	e.code = "NEW";
	e.kind = GEOPOL_KIND_STATE;
	ck_assert_int_eq(geopol_entity_add(db, &e), GEOPOL_EBUSY);
	ck_assert_int_eq(geopol_begin(db), GEOPOL_EBUSY);
	ck_assert_int_eq(geopol_commit(db), GEOPOL_EMISUSE);
	ck_assert_str_eq(geopol_strerror(GEOPOL_EBUSY), "database busy (locked by another connection)");
	writer_done(w);
	/* Once the other writer is gone, the same handle writes. */
	ck_assert_int_eq(geopol_entity_add(db, &e), GEOPOL_OK);
	geopol_close(db);
	ck_assert_int_eq(count_sources(path, "b:1"), 0);
	ck_assert_int_eq(count_sources(path, "held:1"), 1);
	remove_world(dir, path);
	free(path);
}
END_TEST

/* ---- D5: a read-only open of a file in a folder the user cannot write */

/* Runs `fn` in a child that cannot write `dir`: as nobody when we are root
 * (root ignores permissions), else as ourselves with the folder made
 * read-only. Returns the child's exit status. */
static int as_reader(const char *dir, const char *path, int (*fn)(const char *))
{
	ck_assert_int_eq(chmod(path, 0444), 0);
	ck_assert_int_eq(chmod(dir, 0555), 0);
	pid_t pid = fork();
	ck_assert_int_ge(pid, 0);
	if (pid == 0) {
		if (geteuid() == 0 && (setgid(65534) != 0 || setuid(65534) != 0))
			_exit(90);
		_exit(fn(path));
	}
	int status;
	ck_assert_int_eq(waitpid(pid, &status, 0), pid);
	chmod(dir, 0700);
	ck_assert_msg(WIFEXITED(status), "reader died (status %d)", status);
	return WEXITSTATUS(status);
}

static int read_members(const char *path)
{
	geopol_open_options o = GEOPOL_OPEN_OPTIONS_INIT;
	o.read_only = 1;
	geopol_db *db = NULL;
	if (geopol_open(&db, path, &o) != GEOPOL_OK) {
		fprintf(stderr, "open: %s\n", geopol_errmsg(db));
		return 10;
	}
	geopol_iter *it = NULL;
	geopol_date at;
	geopol_date_parse(&at, "2010");
	if (geopol_members(&it, db, "ORG", at, NULL) != GEOPOL_OK)
		return 11;
	char *got = tu_lines(it); /* frees it */
	int same = strcmp(got, "ORG AAA founding_member definite\nORG BBB member definite") == 0;
	if (!same)
		fprintf(stderr, "members: '%s'\n", got);
	free(got);
	/* A write on a read-only handle is a misuse, not a database error. */
	geopol_entity_spec e = GEOPOL_ENTITY_SPEC_INIT;
	e.code = "NEW";
	e.kind = GEOPOL_KIND_STATE;
	int w = geopol_entity_add(db, &e);
	geopol_close(db);
	if (!same)
		return 12;
	return w == GEOPOL_EMISUSE ? 0 : 13;
}

static int open_fails_clearly(const char *path)
{
	geopol_open_options o = GEOPOL_OPEN_OPTIONS_INIT;
	o.read_only = 1;
	geopol_db *db = NULL;
	int rc = geopol_open(&db, path, &o);
	const char *want = "cannot be read without write access to its folder";
	int ok = rc == GEOPOL_EDB && strstr(geopol_errmsg(db), want) &&
		 strstr(geopol_errmsg(db), path) && !strstr(geopol_errmsg(db), "not a geopol database");
	if (!ok)
		fprintf(stderr, "rc %d: %s\n", rc, geopol_errmsg(db));
	geopol_close(db);
	return ok ? 0 : 20;
}

START_TEST(test_reliability_read_only__folder_not_writable)
{
	char dir[64];
	char *path = world_file(dir, sizeof dir);
	ck_assert_msg(!exists(path, "-wal") && !exists(path, "-shm"), "left a -wal or -shm");
	/* The file is in WAL mode (as the built-in dataset). */
	FILE *f = fopen(path, "rb");
	unsigned char head[20];
	ck_assert_int_eq(fread(head, 1, sizeof head, f), sizeof head);
	fclose(f);
	ck_assert_int_eq(head[18], 2);
	ck_assert_int_eq(head[19], 2);
	ck_assert_int_eq(as_reader(dir, path, read_members), 0);
	ck_assert_msg(!exists(path, "-wal") && !exists(path, "-shm"), "the reader created files");
	remove_world(dir, path);
	free(path);
}
END_TEST

/* A log not yet checkpointed cannot be read without its -shm: a message
 * saying so, not "not a geopol database". */
START_TEST(test_reliability_read_only__pending_log_refused_clearly)
{
	char dir[64];
	char *path = world_file(dir, sizeof dir);
	char wal[512];
	snprintf(wal, sizeof wal, "%s-wal", path);
	FILE *f = fopen(wal, "wb");
	ck_assert_ptr_nonnull(f);
	fputs("not yet checkpointed", f);
	fclose(f);
	chmod(wal, 0444);
	ck_assert_int_eq(as_reader(dir, path, open_fails_clearly), 0);
	remove_world(dir, path);
	free(path);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("reliability");
	TCase *writers = tcase_create("writers");
	tcase_set_timeout(writers, 60);
	tcase_add_test(writers, test_reliability_writers__second_waits_then_succeeds);
	tcase_add_test(writers, test_reliability_writers__busy_after_timeout);
	suite_add_tcase(s, writers);
	TCase *ro = tcase_create("read_only");
	tcase_add_test(ro, test_reliability_read_only__folder_not_writable);
	tcase_add_test(ro, test_reliability_read_only__pending_log_refused_clearly);
	suite_add_tcase(s, ro);
	SRunner *sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	int failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
