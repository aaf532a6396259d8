/*
 * check_pg_cluster.c - the PostgreSQL store beyond one connection (issue
 * 21, point 4), on the pg fixture's cluster (tests/pg/cluster.sh): a
 * streaming replica (tests/pg/standby.sh: pg_basebackup -R, a hot standby)
 * answering the "at D" questions with what the primary wrote, the rows
 * written after the standby started included, and refusing writes; and
 * four processes writing to one database at once, each its own
 * memberships and all four one of the same state in the same organization
 * from different years (overlapping rows), of which exactly one is kept and
 * the three others are GEOPOL_ECONFLICT, nothing lost; and recorded time
 * stamped at commit (point 2, schema/pg/003): an "as known at k" answer
 * asked while other connections write is the same when asked again after
 * they commit, interleaved by hand and with three writer processes; and
 * fresh answers across processes (point 3): what another process commits,
 * the next question of a handle that has answered before sees.
 */
#include "test_util.h"
#include "test_pg.h"

#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#ifdef GEOPOL_HAVE_LIBPQ

static char *sql_text(PGconn *c, const char *sql)
{
	PGresult *r = PQexec(c, sql);
	ck_assert_msg(PQresultStatus(r) == PGRES_TUPLES_OK, "%s: %s", sql, PQerrorMessage(c));
	char *v = strdup(PQgetvalue(r, 0, 0));
	PQclear(r);
	return v;
}

static geopol_db *open_ok(const char *path, int read_only)
{
	geopol_open_options o = GEOPOL_OPEN_OPTIONS_INIT;
	o.read_only = read_only;
	geopol_db *db = NULL;
	int rc = geopol_open(&db, path, &o);
	ck_assert_msg(rc == GEOPOL_OK, "open %s: %s", path, geopol_errmsg(db));
	return db;
}

static void add_entity(geopol_db *db, const char *code, int kind)
{
	geopol_entity_spec e = GEOPOL_ENTITY_SPEC_INIT;
	e.code = code;
	e.kind = kind;
	ck_assert_msg(geopol_entity_add(db, &e) == GEOPOL_OK, "%s: %s", code, geopol_errmsg(db));
}

static int add_membership(geopol_db *db, const char *member, const char *from)
{
	geopol_membership_spec m = GEOPOL_MEMBERSHIP_SPEC_INIT;
	m.org = "ORG";
	m.member = member;
	m.from = tu_date(from);
	int64_t id = 0;
	return geopol_membership_add(db, &m, &id);
}

/* ---- a streaming replica */

/* The standby's state folder: beside the fixture's, so that the suite's
 * teardown finds it even when a test failed half-way. */
static char standby_state[1100];

static void standby(const char *cmd)
{
	char line[2048];
	snprintf(standby_state, sizeof standby_state, "%s/standby", tu_pg_state());
	if (strcmp(cmd, "start") == 0)
		snprintf(line, sizeof line, "sh '%s/tests/pg/standby.sh' start '%s' '%s' >/dev/null",
			 GEOPOL_SOURCE_DIR, tu_pg_state(), standby_state);
	else
		snprintf(line, sizeof line, "sh '%s/tests/pg/standby.sh' stop '%s'", GEOPOL_SOURCE_DIR,
			 standby_state);
	ck_assert_msg(system(line) == 0, "%s", line);
}

/* Wait until the standby has replayed everything the primary wrote. */
static void wait_replayed(const char *primary_info, const char *standby_info)
{
	PGconn *p = tu_pg_connect(primary_info), *s = tu_pg_connect(standby_info);
	char *target = sql_text(p, "SELECT pg_current_wal_lsn()");
	char sql[160];
	snprintf(sql, sizeof sql, "SELECT pg_last_wal_replay_lsn() >= '%s'::pg_lsn", target);
	int done = 0;
	for (int i = 0; i < 600 && !done; i++) {
		char *v = sql_text(s, sql);
		done = strcmp(v, "t") == 0;
		free(v);
		if (!done)
			nanosleep(&(struct timespec){0, 100000000}, NULL);
	}
	ck_assert_msg(done, "the standby did not replay up to %s within 60 s", target);
	free(target);
	PQfinish(p);
	PQfinish(s);
}

START_TEST(test_pg_cluster__replica_answers)
{
	char path[1400], primary_info[1024], standby_info[1024], standby_path[1400];
	snprintf(path, sizeof path, "%s", tu_pg_fresh("geopol_replica"));
	snprintf(primary_info, sizeof primary_info, "%s", tu_pg_conninfo());
	geopol_db *primary = open_ok(path, 0);
	add_entity(primary, "ORG", GEOPOL_KIND_ORGANIZATION);
	add_entity(primary, "AAA", GEOPOL_KIND_STATE);
	add_entity(primary, "BBB", GEOPOL_KIND_STATE);
	ck_assert_int_eq(add_membership(primary, "AAA", "2000"), GEOPOL_OK);
	standby("start");
	/* Written after the standby began: reaches it by streaming. */
	ck_assert_int_eq(add_membership(primary, "BBB", "2010-06-30"), GEOPOL_OK);
	snprintf(standby_info, sizeof standby_info, "%s", tu_pg_conninfo_of(standby_state));
	snprintf(standby_info + strlen(standby_info), sizeof standby_info - strlen(standby_info),
		 " dbname=geopol_replica");
	wait_replayed(primary_info, standby_info);
	snprintf(standby_path, sizeof standby_path, "postgresql:%s", standby_info);
	geopol_db *replica = open_ok(standby_path, 1);
	static const char *const days[] = {"1999", "2005", "2010-06-29", "2010-06-30", "2020"};
	for (size_t i = 0; i < sizeof days / sizeof days[0]; i++) {
		char *want = tu_members(primary, "ORG", days[i], 0, 0);
		char *got = tu_members(replica, "ORG", days[i], 0, 0);
		ck_assert_str_eq(got, want);
		free(want);
		free(got);
	}
	char *now = tu_members(replica, "ORG", "2020", 0, 0);
	ck_assert_str_eq(now, "AAA member definite\nBBB member definite");
	free(now);
	/* The standby takes no write. */
	ck_assert_int_eq(add_membership(replica, "AAA", "1990"), GEOPOL_EMISUSE);
	geopol_db *rw = NULL;
	int rc = geopol_open(&rw, standby_path, NULL);
	if (rc == GEOPOL_OK) {
		geopol_entity_spec e = GEOPOL_ENTITY_SPEC_INIT;
		e.code = "CCC";
		e.kind = GEOPOL_KIND_STATE;
		rc = geopol_entity_add(rw, &e);
	}
	ck_assert_int_eq(rc, GEOPOL_EDB);
	ck_assert_msg(strstr(geopol_errmsg(rw), "read-only transaction") != NULL, "%s", geopol_errmsg(rw));
	geopol_close(rw);
	geopol_close(replica);
	geopol_close(primary);
	standby("stop");
}
END_TEST

/* ---- four writers at once */

#define WRITERS 4
#define OWN 20

/* A writer's process: its own OWN memberships, then the shared one;
 * exits 0 when it kept the shared one, 1 when that was a conflict, 2 on
 * anything else. */
static int writer(const char *path, int k, int go)
{
	char byte;
	if (read(go, &byte, 1) < 0)
		return 2;
	geopol_db *db = NULL;
	if (geopol_open(&db, path, NULL) != GEOPOL_OK)
		return 2;
	int status = 0;
	for (int i = 0; i < OWN && status == 0; i++) {
		char code[16];
		snprintf(code, sizeof code, "W%d_%02d", k, i);
		if (add_membership(db, code, "2000") != GEOPOL_OK) {
			fprintf(stderr, "writer %d: %s: %s\n", k, code, geopol_errmsg(db));
			status = 2;
		}
	}
	if (status == 0) {
		/* Each its own start: all four rows overlap (an identical one
		 * would be one fact re-added, which adds nothing). */
		char from[16];
		snprintf(from, sizeof from, "%d", 2001 + k);
		int rc = add_membership(db, "SHARED", from);
		status = rc == GEOPOL_OK ? 0 : rc == GEOPOL_ECONFLICT ? 1 : 2;
		if (status == 2)
			fprintf(stderr, "writer %d: SHARED: %s\n", k, geopol_errmsg(db));
	}
	geopol_close(db);
	return status;
}

START_TEST(test_pg_cluster__four_writers)
{
	char path[1400];
	snprintf(path, sizeof path, "%s", tu_pg_fresh("geopol_writers"));
	geopol_db *db = open_ok(path, 0);
	add_entity(db, "ORG", GEOPOL_KIND_ORGANIZATION);
	add_entity(db, "SHARED", GEOPOL_KIND_STATE);
	for (int k = 0; k < WRITERS; k++)
		for (int i = 0; i < OWN; i++) {
			char code[16];
			snprintf(code, sizeof code, "W%d_%02d", k, i);
			add_entity(db, code, GEOPOL_KIND_STATE);
		}
	int go[2];
	ck_assert_int_eq(pipe(go), 0);
	pid_t pids[WRITERS];
	for (int k = 0; k < WRITERS; k++) {
		pids[k] = fork();
		ck_assert_int_ge(pids[k], 0);
		if (pids[k] == 0) {
			close(go[1]);
			_exit(writer(path, k, go[0]));
		}
	}
	close(go[0]);
	close(go[1]); /* all four start now */
	int kept = 0, conflicts = 0;
	for (int k = 0; k < WRITERS; k++) {
		int st;
		ck_assert_int_eq(waitpid(pids[k], &st, 0), pids[k]);
		ck_assert_msg(WIFEXITED(st) && WEXITSTATUS(st) < 2, "writer %d failed", k);
		kept += WEXITSTATUS(st) == 0;
		conflicts += WEXITSTATUS(st) == 1;
	}
	ck_assert_int_eq(kept, 1);
	ck_assert_int_eq(conflicts, WRITERS - 1);
	/* Nothing lost: every writer's memberships, and the shared one once. */
	char *got = tu_members(db, "ORG", "2005", 0, 0);
	int lines = 1, shared = 0;
	for (const char *p = got; *p; p++)
		lines += *p == '\n';
	shared = strstr(got, "SHARED member") != NULL;
	ck_assert_int_eq(lines, WRITERS * OWN + 1);
	ck_assert_int_eq(shared, 1);
	for (int k = 0; k < WRITERS; k++)
		for (int i = 0; i < OWN; i++) {
			char line[48];
			snprintf(line, sizeof line, "W%d_%02d member definite", k, i);
			ck_assert_msg(strstr(got, line) != NULL, "lost: %s", line);
		}
	free(got);
	geopol_close(db);
}
END_TEST

/* ---- recorded time stamped at commit */

static void sleep_ms(long ms)
{
	nanosleep(&(struct timespec){ms / 1000, (ms % 1000) * 1000000}, NULL);
}

/* The recorded stamp of member's current membership in ORG. */
static int64_t recorded(geopol_db *db, const char *member)
{
	geopol_iter *it = NULL;
	ck_assert_int_eq(geopol_members(&it, db, "ORG", tu_date("2020"), NULL), GEOPOL_OK);
	const geopol_item *item;
	int64_t rec = -1;
	while (geopol_iter_next(it, &item) == GEOPOL_OK)
		if (strcmp(item->membership->member, member) == 0)
			rec = item->membership->recorded;
	geopol_iter_free(it);
	ck_assert_msg(rec > 0, "no membership of %s", member);
	return rec;
}

/* Two writers' transactions interleaved by hand, a reader between each
 * step: what it saw as known at k1 and k2 it sees again after both
 * commits, though W1 wrote before k1 (stamped at write time, W1's row
 * would appear at k1 once committed). Commits are stamped in commit
 * order, after the readers' k; a transaction's writes keep their order. */
START_TEST(test_pg_cluster__stamped_at_commit)
{
	char path[1400];
	snprintf(path, sizeof path, "%s", tu_pg_fresh("geopol_stamps"));
	geopol_db *w1 = open_ok(path, 0), *w2 = open_ok(path, 0), *r = open_ok(path, 1);
	add_entity(w1, "ORG", GEOPOL_KIND_ORGANIZATION);
	add_entity(w1, "S1", GEOPOL_KIND_STATE);
	add_entity(w1, "S2", GEOPOL_KIND_STATE);
	add_entity(w1, "S3", GEOPOL_KIND_STATE);
	ck_assert_int_eq(geopol_begin(w1), GEOPOL_OK);
	ck_assert_int_eq(add_membership(w1, "S1", "2000"), GEOPOL_OK);
	/* W1's own transaction sees its row. */
	char *got = tu_members(w1, "ORG", "2020", 0, 0);
	ck_assert_str_eq(got, "S1 member definite");
	free(got);
	sleep_ms(5);
	int64_t k1 = geopol_now(r);
	sleep_ms(5);
	got = tu_members(r, "ORG", "2020", 0, k1);
	ck_assert_str_eq(got, "");
	free(got);
	ck_assert_int_eq(geopol_begin(w2), GEOPOL_OK);
	ck_assert_int_eq(add_membership(w2, "S2", "2001"), GEOPOL_OK);
	ck_assert_int_eq(geopol_commit(w2), GEOPOL_OK);
	sleep_ms(5);
	int64_t k2 = geopol_now(r);
	sleep_ms(5);
	got = tu_members(r, "ORG", "2020", 0, k2);
	ck_assert_str_eq(got, "S2 member definite");
	free(got);
	/* A second write of W1, then a correction of it in the same
	 * transaction: two versions, of which only the last was committed. */
	geopol_membership_spec m = GEOPOL_MEMBERSHIP_SPEC_INIT;
	m.org = "ORG";
	m.member = "S3";
	m.from = tu_date("2002");
	int64_t s3 = 0;
	ck_assert_int_eq(geopol_membership_add(w1, &m, &s3), GEOPOL_OK);
	m.from = tu_date("2003");
	ck_assert_msg(geopol_membership_correct(w1, s3, &m) == GEOPOL_OK, "%s", geopol_errmsg(w1));
	ck_assert_int_eq(geopol_commit(w1), GEOPOL_OK);
	/* Asked again after both commits: the same answers. */
	got = tu_members(r, "ORG", "2020", 0, k1);
	ck_assert_str_eq(got, "");
	free(got);
	got = tu_members(r, "ORG", "2020", 0, k2);
	ck_assert_str_eq(got, "S2 member definite");
	free(got);
	got = tu_members(r, "ORG", "2020", 0, 0);
	ck_assert_str_eq(got, "S1 member definite\nS2 member definite\nS3 member definite");
	free(got);
	/* Stamps in commit order, after k2; W1's writes in their order. */
	int64_t t1 = recorded(r, "S1"), t2 = recorded(r, "S2"), t3 = recorded(r, "S3");
	ck_assert_int_gt(t2, k1);
	ck_assert_int_gt(t1, k2);
	ck_assert_int_gt(t1, t2);
	ck_assert_int_gt(t3, t1);
	/* The replaced version of S3 (from 2002) was known only between two
	 * of the commit's own stamps (as on SQLite, a transaction's writes
	 * keep their order): not before the commit, nor after it. */
	int64_t around[2] = {t1 - 1, t3};
	for (int i = 0; i < 2; i++) {
		got = tu_members(r, "ORG", "2002-06-01", 0, around[i]);
		ck_assert_msg(strstr(got, "S3") == NULL, "S3 from 2002 known at %lld: %s",
			      (long long)around[i], got);
		free(got);
	}
	geopol_close(w1);
	geopol_close(w2);
	geopol_close(r);
}
END_TEST

/* Three processes write transactions that stay open a few milliseconds;
 * a reader meanwhile asks, again and again, who is a member as known at
 * that moment; after the writers end, every one of those answers is asked
 * again and must be the same. */
#define STAMP_WRITERS 3
#define STAMP_TXNS 12
#define STAMP_READS 150

static int stamp_writer(const char *path, int k, int go)
{
	char c;
	if (read(go, &c, 1) != 0)
		return 2;
	geopol_db *db = NULL;
	if (geopol_open(&db, path, NULL)) {
		geopol_close(db);
		return 2;
	}
	int rc = 0;
	for (int t = 0; t < STAMP_TXNS && !rc; t++) {
		char code[16];
		snprintf(code, sizeof code, "T%d_%02d", k, t);
		rc = geopol_begin(db);
		if (!rc)
			rc = add_membership(db, code, "1990");
		sleep_ms(3 + (k + t) % 5);
		if (!rc)
			rc = geopol_commit(db);
		sleep_ms(1 + t % 3);
	}
	geopol_close(db);
	return rc ? 2 : 0;
}

/* geopol_now() on PostgreSQL is after every stamp given and before every
 * later commit's, whatever this process's clock says: here the commit
 * clock runs 10 s ahead of the server's (as after the server's clock was
 * stepped back, or a transaction of ten million writes). A write committed
 * just before the call is known at its answer; one committed just after
 * is not. */
START_TEST(test_pg_cluster__now_after_every_stamp)
{
	char path[1400];
	snprintf(path, sizeof path, "%s", tu_pg_fresh("geopol_now_stamps"));
	geopol_db *w = open_ok(path, 0);
	add_entity(w, "ORG", GEOPOL_KIND_ORGANIZATION);
	add_entity(w, "S1", GEOPOL_KIND_STATE);
	add_entity(w, "S2", GEOPOL_KIND_STATE);
	PGconn *c = tu_pg_connect(path + strlen("postgresql:"));
	PGresult *r = PQexec(c, "UPDATE geopol_clock SET last = "
			     "(extract(epoch FROM clock_timestamp()) * 1000000)::bigint + 10000000");
	ck_assert_msg(PQresultStatus(r) == PGRES_COMMAND_OK, "%s", PQerrorMessage(c));
	PQclear(r);
	ck_assert_int_eq(add_membership(w, "S1", "2000"), GEOPOL_OK);
	int64_t k = geopol_now(w);
	char *stamp = sql_text(c, "SELECT max(rec_from) FROM membership");
	ck_assert_int_ge(k, strtoll(stamp, NULL, 10));
	free(stamp);
	ck_assert_int_eq(add_membership(w, "S2", "2001"), GEOPOL_OK);
	char *got = tu_members(w, "ORG", "2020", 0, k);
	ck_assert_str_eq(got, "S1 member definite");
	free(got);
	got = tu_members(w, "ORG", "2020", 0, 0);
	ck_assert_str_eq(got, "S1 member definite\nS2 member definite");
	free(got);
	PQfinish(c);
	geopol_close(w);
}
END_TEST

START_TEST(test_pg_cluster__known_at_never_changes)
{
	char path[1400];
	snprintf(path, sizeof path, "%s", tu_pg_fresh("geopol_stamp_writers"));
	geopol_db *db = open_ok(path, 0);
	add_entity(db, "ORG", GEOPOL_KIND_ORGANIZATION);
	for (int k = 0; k < STAMP_WRITERS; k++)
		for (int t = 0; t < STAMP_TXNS; t++) {
			char code[16];
			snprintf(code, sizeof code, "T%d_%02d", k, t);
			add_entity(db, code, GEOPOL_KIND_STATE);
		}
	int go[2];
	ck_assert_int_eq(pipe(go), 0);
	pid_t pids[STAMP_WRITERS];
	for (int k = 0; k < STAMP_WRITERS; k++) {
		pids[k] = fork();
		ck_assert_int_ge(pids[k], 0);
		if (pids[k] == 0) {
			close(go[1]);
			_exit(stamp_writer(path, k, go[0]));
		}
	}
	close(go[0]);
	close(go[1]);
	int64_t ks[STAMP_READS];
	char *seen[STAMP_READS];
	int distinct = 0;
	for (int i = 0; i < STAMP_READS; i++) {
		ks[i] = geopol_now(db);
		seen[i] = tu_members(db, "ORG", "2020", 0, ks[i]);
		distinct += i && strcmp(seen[i], seen[i - 1]) != 0;
		sleep_ms(1);
	}
	for (int k = 0; k < STAMP_WRITERS; k++) {
		int st;
		ck_assert_int_eq(waitpid(pids[k], &st, 0), pids[k]);
		ck_assert_msg(WIFEXITED(st) && WEXITSTATUS(st) == 0, "writer %d failed", k);
	}
	/* The reads overlapped the writes: the answers moved while asked. */
	ck_assert_msg(distinct > 0, "the reader saw no commit happen");
	for (int i = 0; i < STAMP_READS; i++) {
		char *again = tu_members(db, "ORG", "2020", 0, ks[i]);
		ck_assert_msg(strcmp(again, seen[i]) == 0, "known at %lld, read %d: changed after the "
			      "fact\nthen:\n%s\nnow:\n%s", (long long)ks[i], i, seen[i], again);
		free(again);
		free(seen[i]);
	}
	char *all = tu_members(db, "ORG", "2020", 0, 0);
	int lines = 1;
	for (const char *p = all; *p; p++)
		lines += *p == '\n';
	ck_assert_int_eq(lines, STAMP_WRITERS * STAMP_TXNS);
	free(all);
	geopol_close(db);
}
END_TEST

/* ---- fresh answers across processes */

/* In a process of its own: a new membership of A, B's corrected to start
 * in 2015, and a new organization ORG2 with A as member. */
static int other_writer(const char *path)
{
	geopol_db *db = NULL;
	if (geopol_open(&db, path, NULL)) {
		geopol_close(db);
		return 2;
	}
	geopol_membership_spec m = GEOPOL_MEMBERSHIP_SPEC_INIT;
	m.org = "ORG";
	m.member = "B";
	m.from = tu_date("2015");
	geopol_iter *it = NULL;
	const geopol_item *item;
	int64_t b = 0;
	int rc = geopol_members(&it, db, "ORG", tu_date("2020"), NULL);
	while (!rc && geopol_iter_next(it, &item) == GEOPOL_OK)
		if (strcmp(item->membership->member, "B") == 0)
			b = item->membership->fact_id;
	geopol_iter_free(it);
	geopol_entity_spec e = GEOPOL_ENTITY_SPEC_INIT;
	e.code = "ORG2";
	e.kind = GEOPOL_KIND_ORGANIZATION;
	if (rc || !b || add_membership(db, "A", "2001") ||
	    geopol_membership_correct(db, b, &m) || geopol_entity_add(db, &e))
		rc = 1;
	m.org = "ORG2";
	m.member = "A";
	m.from = tu_date("2010");
	if (!rc && geopol_membership_add(db, &m, NULL))
		rc = 1;
	if (rc)
		fprintf(stderr, "other writer: %s\n", geopol_errmsg(db));
	geopol_close(db);
	return rc;
}

START_TEST(test_pg_cluster__fresh_across_processes)
{
	char path[1400];
	snprintf(path, sizeof path, "%s", tu_pg_fresh("geopol_fresh"));
	geopol_db *db = open_ok(path, 0);
	add_entity(db, "ORG", GEOPOL_KIND_ORGANIZATION);
	add_entity(db, "A", GEOPOL_KIND_STATE);
	add_entity(db, "B", GEOPOL_KIND_STATE);
	ck_assert_int_eq(add_membership(db, "B", "2000"), GEOPOL_OK);
	/* The reader answers, several times, before the other process writes. */
	for (int i = 0; i < 20; i++) {
		char *got = tu_members(db, "ORG", "2010", 0, 0);
		ck_assert_str_eq(got, "B member definite");
		free(got);
	}
	geopol_iter *it = NULL;
	ck_assert_int_eq(geopol_members(&it, db, "ORG2", tu_date("2020"), NULL), GEOPOL_ENOTFOUND);
	geopol_iter_free(it);
	pid_t pid = fork();
	ck_assert_int_ge(pid, 0);
	if (pid == 0)
		_exit(other_writer(path));
	int st;
	ck_assert_int_eq(waitpid(pid, &st, 0), pid);
	ck_assert_msg(WIFEXITED(st) && WEXITSTATUS(st) == 0, "the other writer failed");
	/* The very next questions see it. */
	char *got = tu_members(db, "ORG", "2010", 0, 0);
	ck_assert_str_eq(got, "A member definite");
	free(got);
	got = tu_members(db, "ORG", "2020", 0, 0);
	ck_assert_str_eq(got, "A member definite\nB member definite");
	free(got);
	got = tu_members(db, "ORG2", "2020", 0, 0);
	ck_assert_str_eq(got, "A member definite");
	free(got);
	geopol_close(db);
}
END_TEST
#endif

#ifdef GEOPOL_HAVE_LIBPQ
/* A standby left running by a failed test is stopped. */
static void stop_standby(void)
{
	const char *state = getenv("GEOPOL_TEST_PG_STATE");
	if (!state || !*state)
		return;
	char line[2048];
	snprintf(line, sizeof line, "sh '%s/tests/pg/standby.sh' stop '%s/standby'", GEOPOL_SOURCE_DIR, state);
	if (system(line) != 0)
		fprintf(stderr, "%s: failed\n", line);
}
#endif

static Suite *suite(void)
{
	Suite *s = suite_create("pg_cluster");
	TCase *tc = tcase_create("cluster");
	tcase_set_timeout(tc, 180);
#ifdef GEOPOL_HAVE_LIBPQ
	tcase_add_unchecked_fixture(tc, NULL, stop_standby);
	tcase_add_test(tc, test_pg_cluster__replica_answers);
	tcase_add_test(tc, test_pg_cluster__four_writers);
	tcase_add_test(tc, test_pg_cluster__stamped_at_commit);
	tcase_add_test(tc, test_pg_cluster__known_at_never_changes);
	tcase_add_test(tc, test_pg_cluster__now_after_every_stamp);
	tcase_add_test(tc, test_pg_cluster__fresh_across_processes);
#endif
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	return tu_run(suite());
}
