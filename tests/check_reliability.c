/*
 * check_reliability.c - the defects of the reliability audit of December
 * 2026 (docs/audits/reliability-2026-12.md in the shared folder), each
 * reproduced first: a second writer waits for the busy timeout, then fails
 * with GEOPOL_EBUSY; a read-only open works on a file and folder the user
 * cannot write; bad input through the C API is refused with an error.
 */
#define _DEFAULT_SOURCE /* mmap MAP_ANONYMOUS, mkdtemp */
#include <check.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "test_util.h"
#include "core/geopol_internal.h"

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
	/* Timed from before the writer starts: the writer holds the lock 600 ms
	 * after taking it, so an import that waited ends at least 600 ms after
	 * this, however late this process is scheduled (a clock started after
	 * the pipe's read failed under a load of 20 on two cores). */
	double t0 = now_ms();
	pid_t w = writer_holding(path, 600);
	int rc = geopol_import_json_text(db, SOURCE_B, strlen(SOURCE_B), "b.json", NULL);
	double waited = now_ms() - t0;
	ck_assert_msg(rc == GEOPOL_OK, "rc %d: %s", rc, geopol_errmsg(db));
	ck_assert_msg(waited >= 590, "did not wait for the writer (%.0f ms)", waited);
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

/* A write open by a user who may only read the file: one message that says
 * so (not "cannot read"), naming the file. */
static int write_open_refused(const char *path)
{
	geopol_db *db = NULL;
	int rc = geopol_open(&db, path, NULL);
	const char *m = geopol_errmsg(db);
	int ok = rc == GEOPOL_EDB && strstr(m, path) &&
		 strstr(m, ": cannot be opened for writing: the file or its folder is read-only "
			   "for this user (") &&
		 strstr(m, "; open it read-only to query it") && !strstr(m, "cannot read");
	if (!ok)
		fprintf(stderr, "rc %d: %s\n", rc, m);
	geopol_close(db);
	return ok ? 0 : 30;
}

/* The bytes of a file, hashed (FNV-1a): to see that nothing was written. */
static uint64_t file_hash(const char *path)
{
	uint64_t h = 0xcbf29ce484222325ULL;
	FILE *f = fopen(path, "rb");
	ck_assert_ptr_nonnull(f);
	int c;
	while ((c = getc(f)) != EOF)
		h = (h ^ (uint64_t)c) * 0x100000001b3ULL;
	fclose(f);
	return h;
}

/* Both journal modes: WAL (the reader cannot make its -shm) and rollback
 * (the built-in dataset's, where the first write is what fails). */
START_TEST(test_reliability_read_only__write_open_refused_clearly)
{
	for (int rollback = 0; rollback <= 1; rollback++) {
		char dir[64];
		char *path = world_file(dir, sizeof dir);
		if (rollback) {
			sqlite3 *s = NULL;
			ck_assert_int_eq(sqlite3_open(path, &s), SQLITE_OK);
			ck_assert_int_eq(sqlite3_exec(s, "PRAGMA journal_mode = DELETE", NULL, NULL,
						      NULL), SQLITE_OK);
			sqlite3_close(s);
		}
		uint64_t before = file_hash(path);
		ck_assert_int_eq(as_reader(dir, path, write_open_refused), 0);
		ck_assert_msg(file_hash(path) == before, "the file changed (rollback %d)", rollback);
		ck_assert_msg(!exists(path, "-wal") && !exists(path, "-shm") &&
			      !exists(path, "-journal"), "files left beside it");
		remove_world(dir, path);
		free(path);
	}
}
END_TEST

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


/* ---- bad input through the JSON importer and the C API */

static geopol_db *world(void)
{
	geopol_db *db = tu_open();
	ck_assert_msg(tu_import(db, TU_WORLD) == GEOPOL_OK, "%s", geopol_errmsg(db));
	return db;
}

/* Import `len` bytes of `json` into the small world: expect `status` and
 * exactly the message `want`, and (on failure) the database unchanged. */
static void import_expect(const char *json, size_t len, int status, const char *want)
{
	geopol_db *db = world();
	char *before = tu_dump(db);
	geopol_import_stats st;
	int rc = geopol_import_json_text(db, json, len, "t.json", &st);
	ck_assert_msg(rc == status, "status %d (want %d): %s", rc, status, geopol_errmsg(db));
	if (want)
		ck_assert_str_eq(geopol_errmsg(db), want);
	if (status != GEOPOL_OK) {
		ck_assert_uint_eq(st.added, 0); /* all or nothing, the count too */
		char *after = tu_dump(db);
		ck_assert_str_eq(before, after);
		free(after);
	}
	free(before);
	geopol_close(db);
}

static const char *const ONE_ENTITY =
	"{\"entities\":[{\"code\":\"XXA\",\"kind\":\"state\","
	"\"names\":[{\"text\":\"Xaland\",\"lang\":\"en\"}]}]}";

/* D7: only `len` bytes are read. The text ends where a page that cannot be
 * read begins, so a read past it crashes even without ASan. */
START_TEST(test_reliability_json_text__reads_only_len)
{
	long page = sysconf(_SC_PAGESIZE);
	char *map = mmap(NULL, (size_t)page * 2, PROT_READ | PROT_WRITE,
			 MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	ck_assert_ptr_ne(map, MAP_FAILED);
	ck_assert_int_eq(mprotect(map + page, (size_t)page, PROT_NONE), 0);
	size_t len = strlen(ONE_ENTITY);
	char *text = map + page - len;
	memcpy(text, ONE_ENTITY, len);
	geopol_db *db = world();
	int rc = geopol_import_json_text(db, text, len, "t.json", NULL);
	ck_assert_msg(rc == GEOPOL_OK, "%s", geopol_errmsg(db));
	ck_assert_int_eq(tu_count(db, "SELECT count(*) FROM entity WHERE code = 'XXA'"), 1);
	/* Bytes past len are not part of the document. */
	char with_tail[256];
	snprintf(with_tail, sizeof with_tail, "%sNOT JSON", ONE_ENTITY);
	ck_assert_int_eq(geopol_import_json_text(db, with_tail, len, "t.json", NULL), GEOPOL_OK);
	geopol_close(db);
	munmap(map, (size_t)page * 2);
}
END_TEST

/* D1: anything but white space after the document is refused. */
START_TEST(test_reliability_json__trailing_garbage)
{
	const char *doc = "{\"entities\":[{\"code\":\"XXA\",\"kind\":\"state\"}]}\n"
			  "} ] this is not JSON\n";
	import_expect(doc, strlen(doc), GEOPOL_EINVAL,
		      "t.json:2:1: text after the end of the JSON document");
	const char *two = "{\"entities\":[]} {\"entities\":[]}";
	import_expect(two, strlen(two), GEOPOL_EINVAL,
		      "t.json:1:17: text after the end of the JSON document");
	const char *ws = "{\"entities\":[{\"code\":\"XXA\",\"kind\":\"state\"}]}\n \t\r\n";
	import_expect(ws, strlen(ws), GEOPOL_OK, NULL);
}
END_TEST

/* D2: a \u0000 escape would cut a code, a name or a quote short: an entity
 * "KAZ\u0000EVIL" was merged into KAZ. */
START_TEST(test_reliability_json__nul_escape_refused)
{
	const char *code = "{\"entities\":[{\"code\":\"AAA\\u0000EVIL\",\"kind\":\"state\",\n"
			   "\"names\":[{\"text\":\"Evilstan\",\"lang\":\"en\"}]}]}";
	import_expect(code, strlen(code), GEOPOL_EINVAL,
		      "t.json:1:26: a NUL character (\\u0000) in a string: geopol text cannot hold one");
	const char *name = "{\"entities\":[{\"code\":\"XXA\",\"kind\":\"state\","
			   "\"names\":[{\"text\":\"Test\\u0000land\",\"lang\":\"en\"}]}]}";
	import_expect(name, strlen(name), GEOPOL_EINVAL,
		      "t.json:1:65: a NUL character (\\u0000) in a string: geopol text cannot hold one");
	const char *quote = "{\"memberships\":[{\"org\":\"ORG\",\"member\":\"CCC\",\"from\":\"1990\","
			    "\"to\":\"1991\",\"sources\":[{\"source\":\"news\",\"quote\":\"before\\u0000after\"}]}]}";
	import_expect(quote, strlen(quote), GEOPOL_EINVAL,
		      "t.json:1:114: a NUL character (\\u0000) in a string: geopol text cannot hold one");
	/* An escaped backslash then "u0000" is six plain characters. */
	const char *plain = "{\"entities\":[{\"code\":\"XXA\",\"kind\":\"state\","
			    "\"names\":[{\"text\":\"a\\\\u0000b\",\"lang\":\"en\"}]}]}";
	geopol_db *db = world();
	ck_assert_int_eq(tu_import(db, plain), GEOPOL_OK);
	ck_assert_int_eq(tu_count(db, "SELECT count(*) FROM name WHERE text = 'a\\u0000b'"), 1);
	geopol_close(db);
}
END_TEST

/* D13: a raw NUL byte and invalid UTF-8 are named as such, with the place. */
START_TEST(test_reliability_json__raw_nul_and_bad_utf8_located)
{
	static const char raw[] = "{\"entities\":[\n {\"code\":\"A\0B\",\"kind\":\"state\"}]}";
	import_expect(raw, sizeof raw - 1, GEOPOL_EINVAL, "t.json:2:12: a NUL byte in the text");
	const char *bad = "{\"entities\":[{\"code\":\"XXA\",\"kind\":\"state\",\n"
			  "\"names\":[{\"text\":\"Bad\xff\xfename\",\"lang\":\"en\"}]}]}";
	import_expect(bad, strlen(bad), GEOPOL_EINVAL, "t.json:2:22: not valid UTF-8 (byte 0xFF)");
	/* An overlong encoding of '/' and a UTF-16 surrogate. */
	const char *overlong = "{\"sources\":[{\"code\":\"s\xc0\xaf\"}]}";
	import_expect(overlong, strlen(overlong), GEOPOL_EINVAL, "t.json:1:23: not valid UTF-8 (byte 0xC0)");
	const char *surrogate = "{\"sources\":[{\"code\":\"s\xed\xa0\x80\"}]}";
	import_expect(surrogate, strlen(surrogate), GEOPOL_EINVAL,
		      "t.json:1:23: not valid UTF-8 (byte 0xED)");
}
END_TEST

/* D13: nesting past cJSON's limit is said so, not "malformed JSON". */
START_TEST(test_reliability_json__deep_nesting_named)
{
	size_t depth = 100000, n = 0;
	char *doc = malloc(2 * depth + 64);
	n += (size_t)sprintf(doc, "{\"relations\":[{\"attrs\":");
	for (size_t i = 0; i < depth; i++)
		doc[n++] = '[';
	for (size_t i = 0; i < depth; i++)
		doc[n++] = ']';
	n += (size_t)sprintf(doc + n, "}]}");
	geopol_db *db = world();
	ck_assert_int_eq(geopol_import_json_text(db, doc, n, "t.json", NULL), GEOPOL_EINVAL);
	ck_assert_msg(strstr(geopol_errmsg(db), "t.json:1:") == geopol_errmsg(db) &&
		      strstr(geopol_errmsg(db), ": JSON nested deeper than 1000 levels"),
		      "%s", geopol_errmsg(db));
	geopol_close(db);
	free(doc);
}
END_TEST

/* D3: an error about a huge value gives the reason and a short quote. */
START_TEST(test_reliability_json__long_values_short_message)
{
	size_t big = 1000000;
	char *doc = malloc(big + 256);
	int n = sprintf(doc, "{\"entities\":[{\"code\":\"XXA\",\"kind\":\"state\","
			"\"names\":[{\"text\":\"");
	memset(doc + n, 'A', big);
	n += (int)big;
	n += sprintf(doc + n, "\",\"lang\":\"en\"}]}]}");
	char sixty[61];
	memset(sixty, 'A', 60);
	sixty[60] = '\0';
	char want[512];
	snprintf(want, sizeof want, "t.json: entities[0].names[0]: field 'text': '%s\xE2\x80\xA6 "
		 "(1000000 bytes)' is longer than a name may be (4096 bytes)", sixty);
	import_expect(doc, (size_t)n, GEOPOL_EINVAL, want);
	/* A 100,000-byte code is refused for its length. */
	n = sprintf(doc, "{\"entities\":[{\"code\":\"");
	memset(doc + n, 'C', 100000);
	n += 100000;
	n += sprintf(doc + n, "\",\"kind\":\"state\"}]}");
	memset(sixty, 'C', 60);
	snprintf(want, sizeof want, "t.json: entities[0]: field 'code': '%s\xE2\x80\xA6 "
		 "(100000 bytes)' is longer than 64 bytes", sixty);
	import_expect(doc, (size_t)n, GEOPOL_EINVAL, want);
	free(doc);
	/* Control characters in a quoted value are escaped: one line. */
	const char *ctl = "{\"memberships\":[{\"org\":\"ORG\",\"member\":\"NO\\nSUCH\"}]}";
	import_expect(ctl, strlen(ctl), GEOPOL_ENOTFOUND,
		      "t.json: memberships[0]: field 'member': unknown entity 'NO\\x0ASUCH'");
}
END_TEST

/* D8: an iterator outlives its handle: it answers GEOPOL_EMISUSE and can
 * still be freed (no use after free, ASan). */
START_TEST(test_reliability_iter__after_close)
{
	geopol_db *db = world();
	geopol_iter *fresh, *started, *snap, *found;
	const geopol_item *item;
	ck_assert_int_eq(geopol_members(&fresh, db, "ORG", tu_date("2010"), NULL), GEOPOL_OK);
	ck_assert_int_eq(geopol_members(&started, db, "ORG", tu_date("2010"), NULL), GEOPOL_OK);
	ck_assert_int_eq(geopol_iter_next(started, &item), GEOPOL_OK);
	ck_assert_int_eq(geopol_snapshot(&snap, db, tu_date("2010"), NULL), GEOPOL_OK);
	ck_assert_int_eq(geopol_iter_next(snap, &item), GEOPOL_OK);
	ck_assert_int_eq(geopol_resolve(&found, db, "Aland", 0, NULL), GEOPOL_OK);
	geopol_close(db);
	geopol_iter *all[] = {fresh, started, snap, found};
	for (size_t i = 0; i < 4; i++) {
		const geopol_citation *c;
		size_t n = 99;
		char *json = NULL;
		item = (const geopol_item *)1;
		ck_assert_int_eq(geopol_iter_next(all[i], &item), GEOPOL_EMISUSE);
		ck_assert_ptr_null(item);
		ck_assert_int_eq(geopol_iter_citations(all[i], &c, &n), GEOPOL_EMISUSE);
		ck_assert_uint_eq(n, 0);
		ck_assert_int_eq(geopol_iter_json(all[i], &json), GEOPOL_EMISUSE);
		ck_assert_ptr_null(json);
		geopol_iter_free(all[i]);
	}
}
END_TEST

/* Freeing iterators in any order before the close leaves the handle's
 * list of iterators sound. */
START_TEST(test_reliability_iter__freed_before_close)
{
	geopol_db *db = world();
	geopol_iter *a, *b, *c;
	const geopol_item *item;
	ck_assert_int_eq(geopol_members(&a, db, "ORG", tu_date("2010"), NULL), GEOPOL_OK);
	ck_assert_int_eq(geopol_members(&b, db, "ORG", tu_date("2010"), NULL), GEOPOL_OK);
	ck_assert_int_eq(geopol_members(&c, db, "ORG", tu_date("2010"), NULL), GEOPOL_OK);
	geopol_iter_free(b);
	ck_assert_int_eq(geopol_iter_next(a, &item), GEOPOL_OK);
	ck_assert_str_eq(item->membership->member, "AAA");
	geopol_iter_free(a);
	geopol_close(db);
	ck_assert_int_eq(geopol_iter_next(c, &item), GEOPOL_EMISUSE);
	geopol_iter_free(c);
}
END_TEST

/* D9: specs are checked like options: versions 1 to the current one. */
START_TEST(test_reliability_versions__specs_and_options)
{
	geopol_db *db = world();
	int64_t rows = tu_total_rows(db);
	geopol_entity_spec e = GEOPOL_ENTITY_SPEC_INIT;
	e.code = "NEW";
	e.kind = GEOPOL_KIND_STATE;
	e.version = 99;
	ck_assert_int_eq(geopol_entity_add(db, &e), GEOPOL_EMISUSE);
	ck_assert_str_eq(geopol_errmsg(db), "geopol_entity_spec: unknown version 99 (this geopol reads 1 to 1)");
	e.version = 0;
	ck_assert_int_eq(geopol_entity_add(db, &e), GEOPOL_EMISUSE);
	geopol_source_spec so = GEOPOL_SOURCE_SPEC_INIT;
	so.code = "new";
	so.version = 2;
	ck_assert_int_eq(geopol_source_add(db, &so), GEOPOL_EMISUSE);
	geopol_name_spec n = GEOPOL_NAME_SPEC_INIT;
	n.entity = "AAA";
	n.text = "Alandia";
	n.lang = "en";
	n.version = 0;
	ck_assert_int_eq(geopol_name_add(db, &n, NULL), GEOPOL_EMISUSE);
	geopol_membership_spec m = GEOPOL_MEMBERSHIP_SPEC_INIT;
	m.org = "ORG";
	m.member = "CCC";
	m.version = 12345;
	ck_assert_int_eq(geopol_membership_add(db, &m, NULL), GEOPOL_EMISUSE);
	ck_assert_str_eq(geopol_errmsg(db),
			 "geopol_membership_spec: unknown version 12345 (this geopol reads 1 to 2)");
	ck_assert_int_eq(geopol_membership_correct(db, 1, &m), GEOPOL_EMISUSE);
	geopol_relation_spec r = GEOPOL_RELATION_SPEC_INIT;
	r.a = "AAA";
	r.b = "CCC";
	r.type = "alliance";
	r.version = 7;
	ck_assert_int_eq(geopol_relation_add(db, &r, NULL), GEOPOL_EMISUSE);
	ck_assert_int_eq(geopol_relation_correct(db, 1, &r), GEOPOL_EMISUSE);
	geopol_event_spec ev = GEOPOL_EVENT_SPEC_INIT;
	ev.version = 0;
	ck_assert_int_eq(geopol_event_add(db, &ev, NULL), GEOPOL_EMISUSE);
	ck_assert_int_eq(geopol_event_correct(db, 1, &ev), GEOPOL_EMISUSE);
	n.version = 5;
	ck_assert_int_eq(geopol_name_correct(db, 1, &n), GEOPOL_EMISUSE);
	ck_assert_int_eq(tu_total_rows(db), rows);
	/* The current versions are accepted. */
	e.version = GEOPOL_ENTITY_SPEC_VERSION;
	ck_assert_int_eq(geopol_entity_add(db, &e), GEOPOL_OK);
	m.version = GEOPOL_MEMBERSHIP_SPEC_VERSION;
	m.from = tu_date("1990");
	m.to = tu_date("1991");
	ck_assert_int_eq(geopol_membership_add(db, &m, NULL), GEOPOL_OK);
	/* Options: version 0 is refused the same way everywhere. */
	geopol_iter *it = NULL;
	geopol_query q = GEOPOL_QUERY_INIT;
	q.version = 0;
	ck_assert_int_eq(geopol_members(&it, db, "ORG", tu_date("2010"), &q), GEOPOL_EMISUSE);
	ck_assert_str_eq(geopol_errmsg(db), "geopol_query: unknown version 0 (this geopol reads 1 to 2)");
	ck_assert_int_eq(geopol_resolve(&it, db, "Aland", 0, &q), GEOPOL_EMISUSE);
	ck_assert_int_eq(geopol_snapshot(&it, db, tu_date("2010"), &q), GEOPOL_EMISUSE);
	geopol_event_filter f = GEOPOL_EVENT_FILTER_INIT;
	f.version = 0;
	ck_assert_int_eq(geopol_events(&it, db, &f, NULL), GEOPOL_EMISUSE);
	geopol_import_options io = GEOPOL_IMPORT_OPTIONS_INIT;
	io.version = 0;
	const char *paths[] = {"/nonexistent.json"};
	ck_assert_int_eq(geopol_import(db, "json", paths, 1, &io, NULL), GEOPOL_EMISUSE);
	geopol_export_options eo = GEOPOL_EXPORT_OPTIONS_INIT;
	eo.version = 0;
	ck_assert_int_eq(geopol_export_file(db, &eo, NULL, "/nonexistent/x.json"), GEOPOL_EMISUSE);
	geopol_close(db);
	geopol_open_options oo = GEOPOL_OPEN_OPTIONS_INIT;
	oo.version = 0;
	ck_assert_int_eq(geopol_open(&db, ":memory:", &oo), GEOPOL_EMISUSE);
	ck_assert_str_eq(geopol_errmsg(db), "geopol_open_options: unknown version 0 (this geopol reads 1 to 2)");
	geopol_close(db);
}
END_TEST


/* D10: every pointer argument given NULL, one call per case in a child
 * process (a crash fails the case, not the suite). `want`: the status; the
 * database must be unchanged. Cases marked OK are NULLs the header allows. */
typedef struct null_case {
	const char *name;
	int want;
} null_case;

static const null_case NULL_CASES[] = {
	{"open out", GEOPOL_EMISUSE}, {"open path", GEOPOL_EINVAL},
	{"begin db", GEOPOL_EMISUSE}, {"commit db", GEOPOL_EMISUSE},
	{"rollback db", GEOPOL_EMISUSE}, {"schema_version db", 0},
	{"date_parse out", GEOPOL_EINVAL}, {"date_parse text", GEOPOL_EINVAL},
	{"date_from_ymd out", GEOPOL_EINVAL}, {"date_to_ymd outs", GEOPOL_OK},
	{"date_format buf", GEOPOL_EINVAL},
	{"source_add spec", GEOPOL_EMISUSE}, {"source_add db", GEOPOL_EMISUSE},
	{"entity_add spec", GEOPOL_EMISUSE}, {"entity_add code", GEOPOL_EINVAL},
	{"xref_add entity", GEOPOL_EINVAL}, {"xref_add scheme", GEOPOL_EINVAL},
	{"xref_add value", GEOPOL_EINVAL},
	{"name_add spec", GEOPOL_EMISUSE}, {"membership_add spec", GEOPOL_EMISUSE},
	{"membership_add org", GEOPOL_EINVAL}, {"relation_add spec", GEOPOL_EMISUSE},
	{"relation_type_add code", GEOPOL_EINVAL}, {"event_type_add code", GEOPOL_EINVAL},
	{"event_type_add name", GEOPOL_EINVAL}, {"event_add spec", GEOPOL_EMISUSE},
	{"event_add actors", GEOPOL_EMISUSE}, {"event_add texts", GEOPOL_EMISUSE},
	{"cite source", GEOPOL_EINVAL}, {"membership_correct spec", GEOPOL_EMISUSE},
	{"relation_correct spec", GEOPOL_EMISUSE}, {"name_correct spec", GEOPOL_EMISUSE},
	{"event_correct spec", GEOPOL_EMISUSE}, {"retract db", GEOPOL_EMISUSE},
	{"iter_next it", GEOPOL_EMISUSE}, {"iter_citations it", GEOPOL_EMISUSE},
	{"iter_json it", GEOPOL_EMISUSE}, {"iter_free it", GEOPOL_OK},
	{"entity_get code", GEOPOL_EINVAL}, {"entity_get out", GEOPOL_EMISUSE},
	{"names entity", GEOPOL_EINVAL}, {"members org", GEOPOL_EINVAL},
	{"memberships entity", GEOPOL_EINVAL}, {"common b", GEOPOL_EINVAL},
	{"relations entity", GEOPOL_EINVAL}, {"history a", GEOPOL_EINVAL},
	{"neighbors entity", GEOPOL_EINVAL}, {"path b", GEOPOL_EINVAL},
	{"snapshot out", GEOPOL_EMISUSE}, {"uncited db", GEOPOL_EMISUSE},
	{"events db", GEOPOL_EMISUSE}, {"diff out", GEOPOL_EMISUSE},
	{"import format", GEOPOL_EINVAL}, {"import paths", GEOPOL_EMISUSE},
	{"import path element", GEOPOL_EMISUSE}, {"import db", GEOPOL_EMISUSE},
	{"import_json_text text", GEOPOL_EMISUSE}, {"import_json_text db", GEOPOL_EMISUSE},
	{"export write", GEOPOL_EMISUSE}, {"export_file path", GEOPOL_EMISUSE},
	{"normalize text", GEOPOL_EINVAL}, {"normalize out", GEOPOL_EINVAL},
	{"resolve text", GEOPOL_EINVAL}, {"resolve_one text", GEOPOL_EINVAL},
	{"resolve_one buf", GEOPOL_EINVAL}, {"free p", GEOPOL_OK},
	{"kind_parse name", 0}, {"format_parse name", 0},
	{"close db", GEOPOL_OK}, {"errmsg db", GEOPOL_OK},
};

static int null_call(size_t i, geopol_db *db)
{
	geopol_iter *it = NULL;
	const geopol_item *item;
	geopol_date d = tu_date("2010");
	geopol_event_spec ev = GEOPOL_EVENT_SPEC_INIT;
	geopol_actor_spec actor = {"AAA", GEOPOL_ACTOR_SOURCE};
	geopol_entity_spec e = GEOPOL_ENTITY_SPEC_INIT;
	geopol_membership_spec m = GEOPOL_MEMBERSHIP_SPEC_INIT;
	const char *one_null[] = {NULL};
	char buf[32];
	char *out;
	size_t n;
	int y;
	ev.type = "042";
	ev.date = d;
	e.kind = GEOPOL_KIND_STATE;
	m.member = "CCC";
	switch (i) {
	case 0: return geopol_open(NULL, ":memory:", NULL);
	case 1: { geopol_db *x; int rc = geopol_open(&x, NULL, NULL); geopol_close(x); return rc; }
	case 2: return geopol_begin(NULL);
	case 3: return geopol_commit(NULL);
	case 4: return geopol_rollback(NULL);
	case 5: return geopol_schema_version(NULL);
	case 6: return geopol_date_parse(NULL, "2022");
	case 7: return geopol_date_parse(&d, NULL);
	case 8: return geopol_date_from_ymd(NULL, 2022, 1, 1);
	case 9: geopol_date_to_ymd(1000, NULL, NULL, NULL); geopol_date_to_ymd(1000, &y, NULL, NULL);
		return y == 3 ? GEOPOL_OK : -1000;
	case 10: return geopol_date_format(d, NULL, 64);
	case 11: return geopol_source_add(db, NULL);
	case 12: { geopol_source_spec s = GEOPOL_SOURCE_SPEC_INIT; s.code = "x"; return geopol_source_add(NULL, &s); }
	case 13: return geopol_entity_add(db, NULL);
	case 14: return geopol_entity_add(db, &e);
	case 15: return geopol_entity_xref_add(db, NULL, "cow", "1");
	case 16: return geopol_entity_xref_add(db, "AAA", NULL, "1");
	case 17: return geopol_entity_xref_add(db, "AAA", "cow", NULL);
	case 18: return geopol_name_add(db, NULL, NULL);
	case 19: return geopol_membership_add(db, NULL, NULL);
	case 20: return geopol_membership_add(db, &m, NULL);
	case 21: return geopol_relation_add(db, NULL, NULL);
	case 22: return geopol_relation_type_add(db, NULL, 1, "x");
	case 23: return geopol_event_type_add(db, NULL, "x", 1.0);
	case 24: return geopol_event_type_add(db, "999", NULL, 1.0);
	case 25: return geopol_event_add(db, NULL, NULL);
	case 26: ev.n_actors = 2; return geopol_event_add(db, &ev, NULL);
	case 27: ev.actors = &actor; ev.n_actors = 1; ev.n_texts = 3; return geopol_event_add(db, &ev, NULL);
	case 28: return geopol_cite(db, GEOPOL_FACT_MEMBERSHIP, 1, NULL, "q");
	case 29: return geopol_membership_correct(db, 1, NULL);
	case 30: return geopol_relation_correct(db, 1, NULL);
	case 31: return geopol_name_correct(db, 1, NULL);
	case 32: return geopol_event_correct(db, 1, NULL);
	case 33: return geopol_retract(NULL, GEOPOL_FACT_MEMBERSHIP, 1);
	case 34: return geopol_iter_next(NULL, &item);
	case 35: { const geopol_citation *c; return geopol_iter_citations(NULL, &c, &n); }
	case 36: return geopol_iter_json(NULL, &out);
	case 37: geopol_iter_free(NULL); return GEOPOL_OK;
	case 38: return geopol_entity_get(&it, db, NULL, NULL);
	case 39: return geopol_entity_get(NULL, db, "AAA", NULL);
	case 40: return geopol_names(&it, db, NULL, NULL, d, NULL);
	case 41: return geopol_members(&it, db, NULL, d, NULL);
	case 42: return geopol_memberships(&it, db, NULL, d, NULL);
	case 43: return geopol_common(&it, db, "AAA", NULL, d, NULL);
	case 44: return geopol_relations(&it, db, NULL, NULL, d, NULL);
	case 45: return geopol_history(&it, db, NULL, "BBB", d, d, NULL);
	case 46: return geopol_neighbors(&it, db, NULL, d, 1, NULL);
	case 47: return geopol_path(&it, db, "AAA", NULL, d, NULL);
	case 48: return geopol_snapshot(NULL, db, d, NULL);
	case 49: return geopol_uncited(&it, NULL, NULL);
	case 50: return geopol_events(&it, NULL, NULL, NULL);
	case 51: return geopol_diff(NULL, db, d, d, NULL, NULL);
	case 52: return geopol_import(db, NULL, NULL, 0, NULL, NULL);
	case 53: return geopol_import(db, "json", NULL, 1, NULL, NULL);
	case 54: return geopol_import(db, "json", one_null, 1, NULL, NULL);
	case 55: return geopol_import(NULL, "json", one_null, 1, NULL, NULL);
	case 56: return geopol_import_json_text(db, NULL, 10, "x", NULL);
	case 57: return geopol_import_json_text(NULL, "{}", 2, "x", NULL);
	case 58: return geopol_export(db, NULL, NULL, NULL, NULL);
	case 59: return geopol_export_file(db, NULL, NULL, NULL);
	case 60: return geopol_normalize(NULL, 3, &out);
	case 61: return geopol_normalize("abc", 3, NULL);
	case 62: return geopol_resolve(&it, db, NULL, 0, NULL);
	case 63: return geopol_resolve_one(db, NULL, buf, sizeof buf);
	case 64: return geopol_resolve_one(db, "Aland", NULL, 0);
	case 65: geopol_free(NULL); return GEOPOL_OK;
	case 66: return geopol_kind_parse(NULL);
	case 67: return geopol_format_parse(NULL);
	case 68: geopol_close(NULL); return GEOPOL_OK;
	case 69: return geopol_errmsg(NULL)[0] ? GEOPOL_OK : -1000;
	default: return -1000;
	}
}

START_TEST(test_reliability_null__every_argument)
{
	size_t n = sizeof NULL_CASES / sizeof NULL_CASES[0];
	char failures[4096] = "";
	for (size_t i = 0; i < n; i++) {
		geopol_db *db = world();
		char *before = tu_dump(db);
		fflush(NULL);
		pid_t pid = fork();
		ck_assert_int_ge(pid, 0);
		if (pid == 0) {
			int rc = null_call(i, db);
			char *after = tu_dump(db);
			int same = strcmp(before, after) == 0;
			/* The status travels as an exit code: 0..255, so shift it. */
			_exit(!same ? 254 : rc == NULL_CASES[i].want ? 0 : 100 + (rc & 0x7f));
		}
		int status;
		ck_assert_int_eq(waitpid(pid, &status, 0), pid);
		if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
			size_t len = strlen(failures);
			snprintf(failures + len, sizeof failures - len, "\n  %s: %s %d", NULL_CASES[i].name,
				 WIFSIGNALED(status) ? "signal" : "exit",
				 WIFSIGNALED(status) ? WTERMSIG(status) : WEXITSTATUS(status));
		}
		free(before);
		geopol_close(db);
	}
	ck_assert_msg(failures[0] == '\0', "NULL arguments mishandled:%s", failures);
}
END_TEST

/* D11: any day number, however far out, without overflow; dates outside
 * years 1-9999 cannot be formatted. */
START_TEST(test_reliability_dates__out_of_range)
{
	int y, m, d;
	char buf[GEOPOL_DATE_BUFSIZE];
	geopol_date_to_ymd(0, &y, &m, &d);
	ck_assert(y == 1 && m == 1 && d == 1);
	geopol_date_to_ymd(3652058, &y, &m, &d);
	ck_assert(y == 9999 && m == 12 && d == 31);
	geopol_date_to_ymd(-1, &y, &m, &d);
	ck_assert(y == 0 && m == 12 && d == 31);
	const int32_t far[] = {INT32_MAX, INT32_MIN, INT32_MAX - 306, INT32_MIN + 1, 3652059, -306};
	for (size_t i = 0; i < sizeof far / sizeof far[0]; i++) {
		geopol_date_to_ymd(far[i], &y, &m, &d);
		ck_assert_msg(m >= 1 && m <= 12 && d >= 1 && d <= 31, "day %d: %d-%d-%d", far[i], y, m, d);
		for (int p = GEOPOL_DATE_YEAR; p <= GEOPOL_DATE_DAY; p++) {
			geopol_date date = {far[i], p};
			strcpy(buf, "untouched");
			ck_assert_int_eq(geopol_date_format(date, buf, sizeof buf), GEOPOL_EINVAL);
			ck_assert_str_eq(buf, "");
			ck_assert_int_eq(geopol_date_last_day(date), far[i]);
		}
	}
	geopol_date_to_ymd(INT32_MAX, &y, &m, &d);
	ck_assert_int_eq(y, 5879611);
	geopol_date last = {3652058, GEOPOL_DATE_DAY};
	ck_assert_int_eq(geopol_date_format(last, buf, sizeof buf), 10);
	ck_assert_str_eq(buf, "9999-12-31");
	geopol_date year = {3652058 - 364, GEOPOL_DATE_YEAR};
	ck_assert_int_eq(geopol_date_last_day(year), 3652058);
	/* A membership with such a date is refused, nothing written. */
	geopol_db *db = world();
	int64_t rows = tu_total_rows(db);
	geopol_membership_spec ms = GEOPOL_MEMBERSHIP_SPEC_INIT;
	ms.org = "ORG";
	ms.member = "CCC";
	ms.from.day = INT32_MAX;
	ms.from.precision = GEOPOL_DATE_YEAR;
	ck_assert_int_eq(geopol_membership_add(db, &ms, NULL), GEOPOL_EINVAL);
	ck_assert_str_eq(geopol_errmsg(db), "membership: date out of range");
	ck_assert_int_eq(tu_total_rows(db), rows);
	geopol_close(db);
}
END_TEST

/* D13: an empty file (/dev/null) opened read-only is "not a geopol
 * database", not a file that "needs migration". */
START_TEST(test_reliability_read_only__empty_file)
{
	geopol_open_options o = GEOPOL_OPEN_OPTIONS_INIT;
	o.read_only = 1;
	geopol_db *db = NULL;
	ck_assert_int_eq(geopol_open(&db, "/dev/null", &o), GEOPOL_EDB);
	ck_assert_str_eq(geopol_errmsg(db), "/dev/null: not a geopol database (empty, or no geopol "
			 "schema in it; 'geopol init' creates one)");
	geopol_close(db);
}
END_TEST


/* Found by fuzz_import_cameo and fuzz_import_cow_igo: a message quoting a
 * CSV header with a newline or invalid UTF-8 in it came out on two lines
 * with raw bytes. Every message is one printable line. */
START_TEST(test_reliability_messages__one_printable_line)
{
	geopol_db *db = world();
	char *path = tu_doctored(GEOPOL_SOURCE_DIR "/tests/fixtures/cow-igo.csv", 1, "\"afghanistan\"",
				 "\"a\nb\xff\"");
	int64_t rows = tu_total_rows(db);
	ck_assert_int_eq(tu_import_file(db, "cow-igo", path, NULL, NULL), GEOPOL_EINVAL);
	char want[512];
	snprintf(want, sizeof want, "%s:1:a\\x0Ab\\xFF: not a COW state column", path);
	ck_assert_str_eq(geopol_errmsg(db), want);
	ck_assert_int_eq(tu_total_rows(db), rows);
	unlink(path);
	free(path);
	geopol_close(db);
}
END_TEST


/* Found by fuzz_import_cameo: a skipped-row report naming a column whose
 * header holds a newline came out on two lines. */
START_TEST(test_reliability_messages__skip_report_one_line)
{
	char path[] = "/tmp/geopol-rel-cameo-XXXXXX";
	int fd = mkstemp(path);
	ck_assert_int_ge(fd, 0);
	FILE *f = fdopen(fd, "w");
	fputs("\"\",\"eventtype_ID\",\"name\",\"code\",\"goldstein\",\"nsLeft\",\"nsRight\","
	      "\"description\",\"usage_notes\",\"example\",\"root_code\",\"order\",\"x\ny\"\n"
	      "\"1\",1,\"MAKE PUBLIC STATEMENT\",\"01\",0,1,22,NA,NA,NA,\"00\",0\n", f);
	fclose(f);
	geopol_db *db = world();
	geopol_import_options o = GEOPOL_IMPORT_OPTIONS_INIT;
	geopol_import_stats st;
	o.skip_bad_rows = 1;
	o.skipped = tu_on_skip;
	tu_n_reported = 0;
	ck_assert_int_eq(tu_import_file(db, "cameo", path, &o, &st), GEOPOL_OK);
	ck_assert_int_eq(tu_n_reported, 1);
	char want[256];
	snprintf(want, sizeof want, "%s:3:x\\x0Ay: expected 13 fields, found 12", path);
	ck_assert_str_eq(tu_last_report, want);
	unlink(path);
	geopol_close(db);
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
	tcase_add_test(ro, test_reliability_read_only__write_open_refused_clearly);
	tcase_add_test(ro, test_reliability_read_only__pending_log_refused_clearly);
	suite_add_tcase(s, ro);
	TCase *input = tcase_create("input");
	tcase_set_timeout(input, 60);
	tcase_add_test(input, test_reliability_json_text__reads_only_len);
	tcase_add_test(input, test_reliability_json__trailing_garbage);
	tcase_add_test(input, test_reliability_json__nul_escape_refused);
	tcase_add_test(input, test_reliability_json__raw_nul_and_bad_utf8_located);
	tcase_add_test(input, test_reliability_json__deep_nesting_named);
	tcase_add_test(input, test_reliability_json__long_values_short_message);
	tcase_add_test(input, test_reliability_iter__after_close);
	tcase_add_test(input, test_reliability_iter__freed_before_close);
	tcase_add_test(input, test_reliability_versions__specs_and_options);
	tcase_add_test(input, test_reliability_null__every_argument);
	tcase_add_test(input, test_reliability_dates__out_of_range);
	tcase_add_test(input, test_reliability_read_only__empty_file);
	tcase_add_test(input, test_reliability_messages__one_printable_line);
	tcase_add_test(input, test_reliability_messages__skip_report_one_line);
	suite_add_tcase(s, input);
	return tu_run(s);
}
