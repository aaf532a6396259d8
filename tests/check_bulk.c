/*
 * check_bulk.c - the bulk transaction (geopol_begin_bulk; the SQLite
 * store's steps in lib/store/sqlite_bulk.c): the same writes give the same
 * results, errors and messages as in an ordinary transaction, and the same
 * file after the commit (rows, schema, indexes); a failed write inside it
 * leaves the transaction as it was; a rollback or a close without commit
 * leaves the file and its indexes as they were; the indexes it defers are
 * back and used after the commit; no write's check scans a table while
 * they are gone.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "test_util.h"
#include "core/geopol_internal.h"

/* A fixed recorded time, so that two loads write the same stamps. */
#define CLOCK 1700000000000000LL


/* Two long texts equal, or the first line where they differ named. */
static void same(const char *got, const char *want, const char *what)
{
	size_t i = 0, line = 0;
	while (got[i] && got[i] == want[i])
		if (got[i++] == '\n')
			line = i;
	ck_assert_msg(!got[i] && !want[i], "%s differ at: '%.120s' against '%.120s'", what, got + line,
		      want + line);
}

static char *temp_path(const char *tag)
{
	static int n;
	char *p = malloc(256);
	ck_assert_ptr_nonnull(p);
	snprintf(p, 256, "/tmp/geopol-check-bulk-%ld-%s-%d.db", (long)getpid(), tag, n++);
	return p;
}

static void remove_db(const char *path)
{
	char p[300];
	unlink(path);
	snprintf(p, sizeof p, "%s-wal", path);
	unlink(p);
	snprintf(p, sizeof p, "%s-shm", path);
	unlink(p);
}

static geopol_db *open_file(const char *path)
{
	geopol_db *db = NULL;
	ck_assert_msg(geopol_open(&db, path, NULL) == GEOPOL_OK, "open: %s", geopol_errmsg(db));
	geopol_set_clock(db, CLOCK);
	return db;
}

/* The file's schema: every table, index, trigger and view with its SQL. */
static char *schema(geopol_db *db)
{
	tu_text t = {0};
	tu_text_add(&t, "");
	sqlite3_stmt *st;
	ck_assert_int_eq(sqlite3_prepare_v2(db->sql, "SELECT type, name, tbl_name, sql FROM sqlite_master "
					    "ORDER BY type, name", -1, &st, NULL), SQLITE_OK);
	while (sqlite3_step(st) == SQLITE_ROW) {
		for (int c = 0; c < 4; c++) {
			const char *v = (const char *)sqlite3_column_text(st, c);
			tu_text_add(&t, v ? v : "NULL");
			tu_text_add(&t, "|");
		}
		tu_text_add(&t, "\n");
	}
	sqlite3_finalize(st);
	return t.s;
}

/* One line of SQL's answer, as text. */
static char *one(geopol_db *db, const char *sql)
{
	sqlite3_stmt *st;
	ck_assert_msg(sqlite3_prepare_v2(db->sql, sql, -1, &st, NULL) == SQLITE_OK, "%s: %s", sql,
		      sqlite3_errmsg(db->sql));
	tu_text t = {0};
	tu_text_add(&t, "");
	while (sqlite3_step(st) == SQLITE_ROW) {
		const char *v = (const char *)sqlite3_column_text(st, sqlite3_column_count(st) - 1);
		tu_text_add(&t, v ? v : "NULL");
		tu_text_add(&t, "\n");
	}
	sqlite3_finalize(st);
	return t.s;
}

/* Log a call's result and message. */
static void logged(tu_text *log, geopol_db *db, const char *what, int rc, int64_t id)
{
	char line[600];
	snprintf(line, sizeof line, "%s: %d %lld %s\n", what, rc, (long long)(rc ? 0 : id),
		 rc ? geopol_errmsg(db) : "");
	tu_text_add(log, line);
}

static const char *const rel_types[] = {"alliance", "sanctions", "trade", "no_such_type"};

/* A random world through the public writes, each call's result logged:
 * sources, entities, names; memberships, relations and events, some
 * overlapping, repeated, or naming what does not exist; citations, some
 * twice; a correction and a retraction. n scales it. */
static void load(geopol_db *db, uint64_t seed, int n, tu_text *log)
{
	uint64_t s = seed;
	char code[64], code2[64], ext[64];
	int64_t id = 0;
	const char *src[] = {"src:a", "src:b", "src:c"};
	for (int i = 0; i < 3; i++) {
		geopol_source_spec sp = GEOPOL_SOURCE_SPEC_INIT;
		sp.code = src[i];
		sp.title = "A source";
		logged(log, db, "source", geopol_source_add(db, &sp), 0);
	}
	logged(log, db, "event type", geopol_event_type_add(db, "010", "Make statement", 0.0), 0);
	logged(log, db, "event type", geopol_event_type_add(db, "190", "Fight", -10.0), 0);
	for (int i = 0; i < 6; i++) {
		geopol_entity_spec e = GEOPOL_ENTITY_SPEC_INIT;
		snprintf(code, sizeof code, "O%d", i);
		e.code = code;
		e.kind = GEOPOL_KIND_ORGANIZATION;
		logged(log, db, "org", geopol_entity_add(db, &e), 0);
	}
	for (int i = 0; i < 24; i++) {
		geopol_entity_spec e = GEOPOL_ENTITY_SPEC_INIT;
		snprintf(code, sizeof code, "S%02d", i);
		e.code = code;
		e.kind = GEOPOL_KIND_STATE;
		e.from = tu_world_date(&s);
		logged(log, db, "state", geopol_entity_add(db, &e), 0);
		geopol_name_spec nm = GEOPOL_NAME_SPEC_INIT;
		char name[64];
		snprintf(name, sizeof name, "State number %d", i % 20);
		nm.entity = code;
		nm.text = name;
		nm.lang = i % 3 ? "en" : "fr";
		int rc = geopol_name_add(db, &nm, &id);
		logged(log, db, "name", rc, id);
		if (!rc)
			logged(log, db, "cite name", geopol_cite(db, GEOPOL_FACT_NAME, id, src[i % 3], NULL), 0);
	}
	int64_t some_membership = 0;
	for (int i = 0; i < 10 * n; i++) {
		geopol_membership_spec m = GEOPOL_MEMBERSHIP_SPEC_INIT;
		snprintf(code, sizeof code, "O%d", (int)(tu_rand(&s) % 7)); /* O6 does not exist */
		int k = (int)(tu_rand(&s) % 26);
		if (k < 24)
			snprintf(code2, sizeof code2, "S%02d", k);
		else
			snprintf(code2, sizeof code2, "O%d", k - 24); /* an org may be a member */
		m.org = code;
		m.member = code2;
		m.role = 1 + (int)(tu_rand(&s) % 3);
		m.from = tu_world_date(&s);
		m.to = tu_world_date(&s);
		int rc = geopol_membership_add(db, &m, &id);
		logged(log, db, "membership", rc, id);
		if (!rc) {
			some_membership = id;
			int times = 1 + (int)(tu_rand(&s) % 2);
			for (int c = 0; c < times; c++)
				logged(log, db, "cite membership",
				       geopol_cite(db, GEOPOL_FACT_MEMBERSHIP, id, src[tu_rand(&s) % 3], NULL), 0);
		}
	}
	for (int i = 0; i < 10 * n; i++) {
		geopol_relation_spec r = GEOPOL_RELATION_SPEC_INIT;
		snprintf(code, sizeof code, "S%02d", (int)(tu_rand(&s) % 24));
		snprintf(code2, sizeof code2, "S%02d", (int)(tu_rand(&s) % 24));
		r.a = code;
		r.b = code2;
		r.type = rel_types[tu_rand(&s) % 4];
		r.from = tu_world_date(&s);
		r.to = tu_world_date(&s);
		if (tu_rand(&s) % 4 == 0)
			r.attrs = tu_rand(&s) % 2 ? "{\"usd\": 12}" : "[1]";
		int rc = geopol_relation_add(db, &r, &id);
		logged(log, db, "relation", rc, id);
		if (!rc)
			logged(log, db, "cite relation",
			       geopol_cite(db, GEOPOL_FACT_RELATION, id, src[tu_rand(&s) % 3], "p. 1"), 0);
	}
	for (int i = 0; i < 10 * n; i++) {
		geopol_actor_spec actors[3];
		int na = (int)(tu_rand(&s) % 4); /* 0: refused */
		for (int a = 0; a < na; a++) {
			snprintf(a ? code2 : code, 64, "S%02d", (int)(tu_rand(&s) % 25)); /* S24: unknown */
			actors[a].entity = a ? (a == 1 ? code2 : "O1") : code;
			actors[a].role = 1 + (int)(tu_rand(&s) % 4);
		}
		geopol_event_spec e = GEOPOL_EVENT_SPEC_INIT;
		snprintf(ext, sizeof ext, "E%d", (int)(tu_rand(&s) % (8 * n))); /* some again */
		e.ext_id = ext;
		e.type = tu_rand(&s) % 9 ? (tu_rand(&s) % 2 ? "010" : "190") : "999";
		e.date = tu_world_date(&s);
		e.actors = actors;
		e.n_actors = (size_t)na;
		int rc = geopol_event_add(db, &e, &id);
		logged(log, db, "event", rc, id);
		if (!rc)
			logged(log, db, "cite event",
			       geopol_cite(db, GEOPOL_FACT_EVENT, id, src[tu_rand(&s) % 3], NULL), 0);
	}
	if (some_membership) {
		geopol_membership_spec m = GEOPOL_MEMBERSHIP_SPEC_INIT;
		m.org = "O0";
		m.member = "S23";
		m.role = GEOPOL_ROLE_OBSERVER;
		m.from = tu_date("1800");
		m.to = tu_date("1801");
		logged(log, db, "correct", geopol_membership_correct(db, some_membership, &m), 0);
		logged(log, db, "retract", geopol_retract(db, GEOPOL_FACT_MEMBERSHIP, some_membership), 0);
	}
}

/* Load a world into a new file in a bulk or an ordinary transaction; the
 * log of every call's result in *log, the dump and schema after commit. */
static void load_file(const char *path, int bulk, uint64_t seed, int n, char **log, char **dump,
		      char **sch)
{
	remove_db(path);
	geopol_db *db = open_file(path);
	tu_text t = {0};
	tu_text_add(&t, "");
	ck_assert_int_eq(bulk ? geopol_begin_bulk(db) : geopol_begin(db), GEOPOL_OK);
	load(db, seed, n, &t);
	ck_assert_msg(geopol_commit(db) == GEOPOL_OK, "commit: %s", geopol_errmsg(db));
	*log = t.s;
	*dump = tu_dump(db);
	*sch = schema(db);
	geopol_close(db);
}

/* The same calls give the same results and messages, and the same file. */
START_TEST(test_bulk__same_as_ordinary)
{
	char *pa = temp_path("ordinary"), *pb = temp_path("bulk");
	for (uint64_t seed = 1; seed <= 3; seed++) {
		char *la, *da, *sa, *lb, *db_, *sb;
		load_file(pa, 0, seed, 20, &la, &da, &sa);
		load_file(pb, 1, seed, 20, &lb, &db_, &sb);
		/* The world has both successes and each kind of error. */
		ck_assert_ptr_nonnull(strstr(la, "overlaps a stored one"));
		ck_assert_ptr_nonnull(strstr(la, "exists already"));
		ck_assert_ptr_nonnull(strstr(la, "unknown relation type 'no_such_type'"));
		ck_assert_ptr_nonnull(strstr(la, "needs at least one actor"));
		ck_assert_ptr_nonnull(strstr(la, "membership: 0 "));
		same(lb, la, "the results");
		same(db_, da, "the rows");
		same(sb, sa, "the schemas");
		/* And the same answers, through the questions. */
		geopol_db *a = open_file(pa), *b = open_file(pb);
		const char *orgs[] = {"O0", "O1", "O2", "O3"}, *at[] = {"1960", "1995", "2013", "2023"};
		for (int o = 0; o < 4; o++)
			for (int d = 0; d < 4; d++) {
				char *ma = tu_members(a, orgs[o], at[d], 0, 0);
				char *mb = tu_members(b, orgs[o], at[d], 0, 0);
				same(mb, ma, "the members");
				free(ma);
				free(mb);
			}
		geopol_close(a);
		geopol_close(b);
		free(la), free(da), free(sa), free(lb), free(db_), free(sb);
	}
	remove_db(pa);
	remove_db(pb);
	free(pa);
	free(pb);
}
END_TEST

/* Inside a bulk load, a refused write gives the ordinary message and
 * leaves the transaction exactly as it was. */
START_TEST(test_bulk__error_leaves_transaction)
{
	char *p = temp_path("error");
	remove_db(p);
	geopol_db *db = open_file(p);
	tu_text t = {0};
	tu_text_add(&t, "");
	ck_assert_int_eq(geopol_begin_bulk(db), GEOPOL_OK);
	load(db, 7, 5, &t);
	free(t.s);
	geopol_membership_spec m = GEOPOL_MEMBERSHIP_SPEC_INIT;
	m.org = "O5";
	m.member = "S00";
	m.role = GEOPOL_ROLE_OBSERVER;
	m.from = tu_date("2100");
	m.to = tu_date("2110");
	int64_t id = 0;
	ck_assert_int_eq(geopol_membership_add(db, &m, &id), GEOPOL_OK);
	char *before = tu_dump(db);
	m.from = tu_date("2105");
	m.to = tu_date("2120");
	ck_assert_int_eq(geopol_membership_add(db, &m, NULL), GEOPOL_ECONFLICT);
	char want[200];
	snprintf(want, sizeof want, "membership of 'S00' in 'O5' as observer overlaps a stored one "
		 "(fact %lld)", (long long)id);
	ck_assert_str_eq(geopol_errmsg(db), want);
	char *after = tu_dump(db);
	same(after, before, "the rows");
	free(after);

	geopol_actor_spec actor = {"S01", GEOPOL_ACTOR_SOURCE};
	geopol_event_spec e = GEOPOL_EVENT_SPEC_INIT;
	e.ext_id = "bulk-1";
	e.type = "010";
	e.date = tu_date("2001-02-03");
	e.actors = &actor;
	e.n_actors = 1;
	ck_assert_int_eq(geopol_event_add(db, &e, &id), GEOPOL_OK);
	free(before);
	before = tu_dump(db);
	ck_assert_int_eq(geopol_event_add(db, &e, NULL), GEOPOL_ECONFLICT);
	ck_assert_str_eq(geopol_errmsg(db), "an event with id 'bulk-1' exists already");
	actor.entity = "NOWHERE";
	e.ext_id = "bulk-2";
	ck_assert_int_eq(geopol_event_add(db, &e, NULL), GEOPOL_ENOTFOUND);
	ck_assert_str_eq(geopol_errmsg(db), "field 'actors': unknown entity 'NOWHERE'");
	ck_assert_int_eq(geopol_cite(db, GEOPOL_FACT_EVENT, id, "src:none", NULL), GEOPOL_ENOTFOUND);
	ck_assert_str_eq(geopol_errmsg(db), "field 'source': unknown source 'src:none'");
	after = tu_dump(db);
	same(after, before, "the rows");
	ck_assert_int_eq(geopol_commit(db), GEOPOL_OK);
	free(after);
	after = tu_dump(db);
	same(after, before, "the rows");
	free(before);
	free(after);
	geopol_close(db);
	remove_db(p);
	free(p);
}
END_TEST

/* Inside the transaction the deferred indexes are gone and the foreign
 * keys off; a rollback, or a close without a commit, leaves the file, its
 * rows and its indexes as they were, and the foreign keys on. */
START_TEST(test_bulk__rollback_leaves_file)
{
	char *p = temp_path("rollback");
	remove_db(p);
	geopol_db *db = open_file(p);
	tu_text t = {0};
	tu_text_add(&t, "");
	ck_assert_int_eq(geopol_begin(db), GEOPOL_OK);
	load(db, 11, 3, &t);
	ck_assert_int_eq(geopol_commit(db), GEOPOL_OK);
	char *rows = tu_dump(db), *sch = schema(db);
	ck_assert_ptr_nonnull(strstr(sch, "index|event_window|"));
	ck_assert_ptr_nonnull(strstr(sch, "index|membership_org_at|"));
	for (int close_only = 0; close_only < 2; close_only++) {
		ck_assert_int_eq(geopol_begin_bulk(db), GEOPOL_OK);
		char *during = schema(db);
		ck_assert_ptr_null(strstr(during, "index|event_window|"));
		ck_assert_ptr_null(strstr(during, "index|event_actor_entity|"));
		ck_assert_ptr_null(strstr(during, "index|membership_org_at|"));
		ck_assert_ptr_nonnull(strstr(during, "index|membership_pair|"));
		free(during);
		ck_assert_int_eq(tu_count(db, "PRAGMA foreign_keys"), 0);
		load(db, 12, 5, &t);
		ck_assert_int_gt(tu_total_rows(db), 0);
		if (close_only) {
			geopol_close(db);
			db = open_file(p);
		} else {
			ck_assert_int_eq(geopol_rollback(db), GEOPOL_OK);
		}
		ck_assert_int_eq(tu_count(db, "PRAGMA foreign_keys"), 1);
		char *r2 = tu_dump(db), *s2 = schema(db);
		same(r2, rows, "the rows");
		same(s2, sch, "the schemas");
		free(r2);
		free(s2);
		char *ok = one(db, "PRAGMA integrity_check");
		ck_assert_str_eq(ok, "ok\n");
		free(ok);
	}
	free(t.s);
	free(rows);
	free(sch);
	geopol_close(db);
	remove_db(p);
	free(p);
}
END_TEST

/* After the commit the deferred indexes are back, whole, and the
 * questions' statements use them. */
START_TEST(test_bulk__indexes_back_and_used)
{
	char *p = temp_path("indexes");
	remove_db(p);
	geopol_db *db = open_file(p);
	char *fresh = schema(db);
	tu_text t = {0};
	tu_text_add(&t, "");
	ck_assert_int_eq(geopol_begin_bulk(db), GEOPOL_OK);
	load(db, 5, 10, &t);
	ck_assert_int_eq(geopol_commit(db), GEOPOL_OK);
	free(t.s);
	char *sch = schema(db);
	same(sch, fresh, "the schemas");
	ck_assert_int_eq(tu_count(db, "PRAGMA foreign_keys"), 1);
	char *ok = one(db, "PRAGMA integrity_check");
	ck_assert_str_eq(ok, "ok\n");
	free(ok);
	char *fk = one(db, "PRAGMA foreign_key_check");
	ck_assert_str_eq(fk, "");
	free(fk);
	/* Each index in full: as many entries as rows. */
	ck_assert_int_eq(tu_count(db, "SELECT count(*) FROM event INDEXED BY event_window"),
			 tu_count(db, "SELECT count(*) FROM event"));
	ck_assert_int_eq(tu_count(db, "SELECT count(*) FROM membership INDEXED BY membership_org_at "
				  "WHERE org_id > 0"),
			 tu_count(db, "SELECT count(*) FROM membership"));
	static const char *const plans[][2] = {
		{"EXPLAIN QUERY PLAN SELECT id FROM membership WHERE org_id = 1 AND to_hi > 5",
		 "membership_org_at"},
		{"EXPLAIN QUERY PLAN SELECT id FROM membership WHERE member_id = 1 AND to_hi > 5",
		 "membership_member_at"},
		{"EXPLAIN QUERY PLAN SELECT id FROM relation WHERE a_id = 1 AND to_hi > 5",
		 "relation_a_at"},
		{"EXPLAIN QUERY PLAN SELECT id FROM relation WHERE b_id = 1 AND to_hi > 5",
		 "relation_b_at"},
		{"EXPLAIN QUERY PLAN SELECT id, type FROM event WHERE from_lo BETWEEN 10 AND 20",
		 "event_window"},
		{"EXPLAIN QUERY PLAN SELECT event_id FROM event_actor WHERE entity_id = 3",
		 "event_actor_entity"},
	};
	for (size_t i = 0; i < sizeof plans / sizeof plans[0]; i++) {
		char *plan = one(db, plans[i][0]);
		ck_assert_msg(strstr(plan, plans[i][1]), "%s: %s", plans[i][0], plan);
		free(plan);
	}
	free(sch);
	free(fresh);
	geopol_close(db);
	remove_db(p);
	free(p);
}
END_TEST

/* While the indexes are gone, no write's check scans a table: every
 * statement the writes ran (the handle's statement cache) stepped through
 * a full scan fewer times than a scan of the rows would take. */
START_TEST(test_bulk__checks_do_not_scan)
{
	char *p = temp_path("scan");
	remove_db(p);
	geopol_db *db = open_file(p);
	tu_text t = {0};
	tu_text_add(&t, "");
	ck_assert_int_eq(geopol_begin_bulk(db), GEOPOL_OK);
	load(db, 3, 300, &t);
	int64_t n = tu_count(db, "SELECT count(*) FROM membership") +
		    tu_count(db, "SELECT count(*) FROM relation");
	ck_assert_int_gt(n, 1000);
	int seen = 0;
	for (int i = 0; i < GP_STMT_SLOTS; i++) {
		sqlite3_stmt *st = db->stmts[i].stmt;
		if (!st)
			continue;
		int runs = sqlite3_stmt_status(st, SQLITE_STMTSTATUS_RUN, 0);
		int scans = sqlite3_stmt_status(st, SQLITE_STMTSTATUS_FULLSCAN_STEP, 0);
		/* A name's trigger reads search_seq (a few dozen rows). */
		ck_assert_msg(scans <= 64 * (runs + 1), "%s: %d full-scan steps in %d runs",
			      sqlite3_sql(st), scans, runs);
		seen += runs > 0;
	}
	ck_assert_int_gt(seen, 8);
	ck_assert_int_eq(geopol_commit(db), GEOPOL_OK);
	free(t.s);
	geopol_close(db);
	remove_db(p);
	free(p);
}
END_TEST

static Suite *suite(void)
{
	Suite *s = suite_create("bulk");
	TCase *tc = tcase_create("core");
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, test_bulk__same_as_ordinary);
	tcase_add_test(tc, test_bulk__error_leaves_transaction);
	tcase_add_test(tc, test_bulk__rollback_leaves_file);
	tcase_add_test(tc, test_bulk__indexes_back_and_used);
	tcase_add_test(tc, test_bulk__checks_do_not_scan);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	return tu_run(suite());
}
