/*
 * check_pg.c - the PostgreSQL store (lib/store/pg_*.c, issue 21), on the
 * throw-away cluster the CTest fixture `pg` starts (tests/pg/cluster.sh;
 * GEOPOL_TEST_PG_STATE names its folder, whose `conninfo` says where it
 * listens). Each test works in a database of its own, created empty.
 * What a user checks: the same writes give the same answers as on a
 * SQLite file (members, memberships, relations, organizations in common
 * of the built-in dataset on every boundary day of its rows, with the
 * same certainty); an overlapping membership refused with the same
 * message and nothing written, also against another connection's
 * uncommitted row; corrections and retractions as known-on answers;
 * migrations applied once; a connection that fails; the paths not there
 * yet refused by one message. The other reads, asked of a SQLite file and
 * a PostgreSQL database loaded with the same facts, item by item: the
 * snapshot with its citations at a dozen days, the diff between them,
 * events by every filter, dyads' histories, neighbours and paths,
 * entities, as known before, between and after corrections, with a
 * dataset's coding outranked and outranking; the names of every entity,
 * resolve of codes, names in four scripts and typos, the clipped and
 * uncited facts, an entity's attributes and geopol_check's findings, of
 * the built-in dataset and of a world made to trip every rule, as known
 * before and after a correction. Built without libpq, the one test is that
 * a PostgreSQL database is refused with a message saying why.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "test_util.h"
#include "test_pg.h"
#include "store/store.h"

#ifdef GEOPOL_HAVE_LIBPQ
#include <libpq-fe.h>
#include <pthread.h>
#include <sqlite3.h>
#include <time.h>
#include <unistd.h>

/* ---- the cluster and a database of the test's own */

/* The fixture's conninfo ("host=DIR user=geopol dbname=geopol"). */
static const char *cluster(void)
{
	return tu_pg_conninfo();
}

/* A libpq connection to the cluster's database `name` (NULL: the
 * fixture's). */
static PGconn *connect_to(const char *name)
{
	char info[1200];
	snprintf(info, sizeof info, "%s%s%s", cluster(), name ? " dbname=" : "", name ? name : "");
	return tu_pg_connect(info);
}

static void sql_ok(PGconn *c, const char *sql)
{
	PGresult *r = PQexec(c, sql);
	ck_assert_msg(PQresultStatus(r) == PGRES_COMMAND_OK || PQresultStatus(r) == PGRES_TUPLES_OK,
		      "%s: %s", sql, PQerrorMessage(c));
	PQclear(r);
}

static long long sql_int(PGconn *c, const char *sql)
{
	PGresult *r = PQexec(c, sql);
	ck_assert_msg(PQresultStatus(r) == PGRES_TUPLES_OK, "%s: %s", sql, PQerrorMessage(c));
	long long v = atoll(PQgetvalue(r, 0, 0));
	PQclear(r);
	return v;
}

/* A new empty database (name: a constant of the test) and the path that
 * opens it, "postgresql:" and its conninfo. */
static const char *fresh_db(const char *name)
{
	return tu_pg_fresh(name);
}

static geopol_db *open_ok(const char *path)
{
	geopol_db *db = NULL;
	int rc = geopol_open(&db, path, NULL);
	ck_assert_msg(rc == GEOPOL_OK, "open %s: %s", path, geopol_errmsg(db));
	return db;
}

/* Rows in the tables a write touches: "nothing was written". */
static long long pg_rows(PGconn *c)
{
	return sql_int(c, "SELECT (SELECT count(*) FROM entity) + (SELECT count(*) FROM source) + "
		       "(SELECT count(*) FROM membership) + (SELECT count(*) FROM relation) + "
		       "(SELECT count(*) FROM name) + (SELECT count(*) FROM citation) + "
		       "(SELECT sum(rec_to % 1000003) FROM membership)");
}

/* ---- answers as text, to compare */

typedef struct text {
	char *s;
	size_t len, cap;
} text;

static void put(text *t, const char *s)
{
	size_t n = strlen(s);
	if (t->len + n + 1 > t->cap) {
		t->cap = (t->len + n + 1) * 2;
		t->s = realloc(t->s, t->cap);
		ck_assert(t->s != NULL);
	}
	memcpy(t->s + t->len, s, n + 1);
	t->len += n;
}

/* Every item of an answer, with its fact, dates, role, stage, coding and
 * certainty ("recorded" differs: each store stamped its own writes). */
static char *lines(geopol_db *db, geopol_iter *it)
{
	text t = {0};
	put(&t, "");
	const geopol_item *item;
	int rc;
	while ((rc = geopol_iter_next(it, &item)) == GEOPOL_OK) {
		char line[1024], f[GEOPOL_DATE_BUFSIZE], u[GEOPOL_DATE_BUFSIZE];
		if (item->kind == GEOPOL_ITEM_MEMBERSHIP) {
			const geopol_membership *m = item->membership;
			geopol_date_format(m->from, f, sizeof f);
			geopol_date_format(m->to, u, sizeof u);
			snprintf(line, sizeof line, "%lld %s %s %s %s [%s, %s) %d %s\n",
				 (long long)m->fact_id, m->org, m->member, geopol_role_name(m->role),
				 geopol_stage_name(m->stage), f, u, m->certainty, m->coding);
		} else {
			const geopol_relation *r = item->relation;
			geopol_date_format(r->from, f, sizeof f);
			geopol_date_format(r->to, u, sizeof u);
			snprintf(line, sizeof line, "%lld %s %s %s %d [%s, %s) %d %s\n",
				 (long long)r->fact_id, r->a, r->b, r->type, r->directed, f, u,
				 r->certainty, r->attrs ? r->attrs : "-");
		}
		put(&t, line);
	}
	ck_assert_msg(rc == GEOPOL_ITEROVER, "iteration: %s", geopol_errmsg(db));
	geopol_iter_free(it);
	return t.s;
}

enum { MEMBERS, MEMBERSHIPS, RELATIONS, COMMON };

static char *ask(geopol_db *db, int what, const char *a, const char *b, geopol_date at,
		 int64_t known_at)
{
	geopol_query q = GEOPOL_QUERY_INIT;
	q.known_at = known_at;
	geopol_iter *it = NULL;
	int rc = what == MEMBERS ? geopol_members(&it, db, a, at, &q)
	       : what == MEMBERSHIPS ? geopol_memberships(&it, db, a, at, &q)
	       : what == COMMON ? geopol_common(&it, db, a, b, at, &q)
	       : geopol_relations(&it, db, a, b, at, &q);
	ck_assert_msg(rc == GEOPOL_OK, "question %d %s at %d: %s", what, a, at.day, geopol_errmsg(db));
	return lines(db, it);
}

/* The same question of both stores gives the same answer; 1 when it has
 * items. */
static int same_answer(geopol_db *lite, geopol_db *pg, int what, const char *a, const char *b,
		       geopol_date at, int64_t known_at)
{
	char *x = ask(lite, what, a, b, at, known_at);
	char *y = ask(pg, what, a, b, at, known_at);
	ck_assert_msg(strcmp(x, y) == 0, "question %d of %s %s at day %d (precision %d): "
		      "SQLite answered\n%s\nPostgreSQL answered\n%s", what, a, b ? b : "", at.day,
		      at.precision, x, y);
	int some = *x != '\0';
	free(x);
	free(y);
	return some;
}

/* ---- tests */

START_TEST(test_pg__claims)
{
	ck_assert_ptr_eq(gp_store_for("postgresql://geopol@/g?host=/tmp"), &gp_pg_store);
	ck_assert_ptr_eq(gp_store_for("postgres://h/g"), &gp_pg_store);
	ck_assert_ptr_eq(gp_store_for("postgresql:service=geopol"), &gp_pg_store);
	ck_assert_ptr_eq(gp_store_for("postgres:host=/tmp dbname=g"), &gp_pg_store);
	/* Files, whatever their names. */
	ck_assert_ptr_eq(gp_store_for("./postgresql:x.db"), &gp_sqlite_store);
	ck_assert_ptr_eq(gp_store_for("postgresql.db"), &gp_sqlite_store);
	ck_assert_ptr_eq(gp_store_for("host=/tmp dbname=g"), &gp_sqlite_store);
	ck_assert_ptr_eq(gp_store_for(":memory:"), &gp_sqlite_store);
}
END_TEST

/* Opened twice: the schema is created once (migrations 1 to 5), each
 * version recorded once;
 * the URL form opens the same database as the conninfo form. */
START_TEST(test_pg__migrations_once)
{
	const char *path = fresh_db("t_migrations");
	geopol_db *db = open_ok(path);
	ck_assert_int_eq(geopol_schema_version(db), 6);
	geopol_close(db);
	char url[1400], host[1024];
	ck_assert_int_eq(sscanf(cluster(), "host=%1023s", host), 1);
	snprintf(url, sizeof url, "postgresql://geopol@/t_migrations?host=%s", host);
	db = open_ok(url);
	ck_assert_int_eq(geopol_schema_version(db), 6);
	geopol_close(db);
	PGconn *c = connect_to("t_migrations");
	ck_assert_int_eq(sql_int(c, "SELECT count(*) FROM geopol_schema_version"), 6);
	ck_assert_int_eq(sql_int(c, "SELECT count(*) FROM relation_type"), 24);
	PQfinish(c);
}
END_TEST

/* An empty database opened read-only is not a geopol database, and stays
 * empty; a server that is not there is named without the path. */
START_TEST(test_pg__open_errors)
{
	const char *path = fresh_db("t_empty");
	geopol_open_options o = GEOPOL_OPEN_OPTIONS_INIT;
	o.read_only = 1;
	geopol_db *db = NULL;
	ck_assert_int_eq(geopol_open(&db, path, &o), GEOPOL_EDB);
	char host[1024], want[2048];
	ck_assert_int_eq(sscanf(cluster(), "host=%1023s", host), 1);
	snprintf(want, sizeof want, "PostgreSQL database 't_empty' on %s: not a geopol database "
		 "(no geopol schema in it; 'geopol init' creates one)", host);
	ck_assert_str_eq(geopol_errmsg(db), want);
	geopol_close(db);
	PGconn *c = connect_to("t_empty");
	ck_assert_int_eq(sql_int(c, "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'"), 0);
	PQfinish(c);
}
END_TEST

START_TEST(test_pg__cannot_connect)
{
	geopol_db *db = NULL;
	ck_assert_int_eq(geopol_open(&db, "postgresql:host=/nonexistent-geopol dbname=g "
				     "password=secret", NULL), GEOPOL_EDB);
	const char *msg = geopol_errmsg(db);
	const char *want = "PostgreSQL database 'g' on /nonexistent-geopol: cannot connect: ";
	ck_assert_msg(strncmp(msg, want, strlen(want)) == 0, "%s", msg);
	ck_assert_ptr_null(strstr(msg, "secret"));
	geopol_close(db);
}
END_TEST
#endif

#ifdef GEOPOL_HAVE_LIBPQ
/* The built-in dataset (the JSON files of data/) into a handle. */
static void import_dataset(geopol_db *db)
{
	static const char *const files[] = {"10-states.json", "20-organizations.json",
					    "25-names.json", "30-kazakhstan.json",
					    "90-names-supplement.json"};
	char paths[5][1024];
	const char *p[5];
	for (int i = 0; i < 5; i++) {
		snprintf(paths[i], sizeof paths[i], "%s/data/%s", GEOPOL_SOURCE_DIR, files[i]);
		p[i] = paths[i];
	}
	geopol_import_stats st = {0};
	int rc = geopol_import(db, "json", p, 5, NULL, &st);
	ck_assert_msg(rc == GEOPOL_OK, "import: %s", geopol_errmsg(db));
	ck_assert_int_gt(st.added, 9000);
}

static geopol_date day(int64_t d)
{
	return (geopol_date){(int32_t)d, GEOPOL_DATE_DAY};
}

/* Every boundary day of a stored interval and its neighbours, the year
 * and the month of its start. */
static int boundary_days(sqlite3_stmt *st, int c, geopol_date *out)
{
	int n = 0;
	for (int k = 0; k < 4; k++) {
		int64_t d = sqlite3_column_int64(st, c + k);
		if (d <= -2147483647 || d >= 2147483647 || d < 1)
			continue;
		out[n++] = day(d - 1);
		out[n++] = day(d);
		out[n++] = day(d + 1);
	}
	int64_t from = sqlite3_column_int64(st, c);
	if (from > 0 && from < 2147483647) {
		out[n] = day(from);
		out[n++].precision = GEOPOL_DATE_YEAR;
		out[n] = day(from);
		out[n++].precision = GEOPOL_DATE_MONTH;
	}
	return n;
}

/* A question to ask both stores. */
typedef struct question {
	int what;
	char a[64], b[64];
	geopol_date at;
} question;

typedef struct questions {
	question *v;
	size_t n, cap;
} questions;

static void add_question(questions *qs, int what, const char *a, const char *b, geopol_date at)
{
	if (qs->n == qs->cap) {
		qs->cap = qs->cap ? qs->cap * 2 : 1024;
		qs->v = realloc(qs->v, qs->cap * sizeof *qs->v);
		ck_assert(qs->v != NULL);
	}
	question *q = &qs->v[qs->n++];
	memset(q, 0, sizeof *q);
	q->what = what;
	snprintf(q->a, sizeof q->a, "%s", a);
	snprintf(q->b, sizeof q->b, "%s", b ? b : "");
	q->at = at;
}

static int question_cmp(const void *x, const void *y)
{
	const question *p = x, *q = y;
	int c = p->what - q->what;
	if (!c)
		c = strcmp(p->a, q->a);
	if (!c)
		c = strcmp(p->b, q->b);
	if (!c)
		c = (p->at.day > q->at.day) - (p->at.day < q->at.day);
	if (!c)
		c = p->at.precision - q->at.precision;
	return c;
}

/* The boundary days of every stored row of `sql` (two codes, then
 * from_lo, from_hi, to_lo, to_hi), each asked as `what` of the first code
 * and as `what2` of the second (with the first when `pair`). */
static void rows_questions(questions *qs, sqlite3 *raw, const char *sql, int what, int what2,
			   int pair)
{
	sqlite3_stmt *st;
	ck_assert_int_eq(sqlite3_prepare_v2(raw, sql, -1, &st, NULL), SQLITE_OK);
	while (sqlite3_step(st) == SQLITE_ROW) {
		geopol_date at[14];
		int n = boundary_days(st, 2, at);
		const char *a = (const char *)sqlite3_column_text(st, 0);
		const char *b = (const char *)sqlite3_column_text(st, 1);
		for (int i = 0; i < n; i++) {
			add_question(qs, what, a, NULL, at[i]);
			add_question(qs, what2, b, pair ? a : NULL, at[i]);
		}
	}
	sqlite3_finalize(st);
}

/* The built-in dataset written through each store: every organization's
 * members and every member's memberships on every boundary day of each
 * membership (and the day before and after, its year and its month), and
 * every relation's on its own, are the same items (fact, dates, role,
 * stage, coding) with the same certainty. */
START_TEST(test_pg__same_answers_as_sqlite)
{
	char file[] = "/tmp/geopol-check-pg-XXXXXX";
	int fd = mkstemp(file);
	ck_assert_int_ge(fd, 0);
	close(fd);
	unlink(file);
	geopol_db *lite = open_ok(file);
	geopol_db *pg = open_ok(fresh_db("t_same"));
	import_dataset(lite);
	import_dataset(pg);

	questions qs = {0};
	sqlite3 *raw;
	ck_assert_int_eq(sqlite3_open_v2(file, &raw, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
	rows_questions(&qs, raw, "SELECT o.code, e.code, m.from_lo, m.from_hi, m.to_lo, m.to_hi "
		       "FROM membership m JOIN entity o ON o.id = m.org_id "
		       "JOIN entity e ON e.id = m.member_id", MEMBERS, MEMBERSHIPS, 0);
	rows_questions(&qs, raw, "SELECT a.code, b.code, r.from_lo, r.from_hi, r.to_lo, r.to_hi "
		       "FROM relation r JOIN entity a ON a.id = r.a_id JOIN entity b ON b.id = r.b_id",
		       RELATIONS, RELATIONS, 1);
	sqlite3_close(raw);
	/* Organizations in common, pairs of states, on days of Kazakhstan's
	 * story. */
	static const char *const pairs[][2] = {{"KAZ", "RUS"}, {"ARM", "AZE"}, {"UZB", "KGZ"},
					       {"USA", "CAN"}, {"FRA", "DEU"}};
	static const char *const days[] = {"1991-12-21", "1992-05-15", "2012-12-19", "2022-01-06",
					   "2024-02-22", "2024"};
	for (size_t i = 0; i < sizeof pairs / sizeof pairs[0]; i++)
		for (size_t j = 0; j < sizeof days / sizeof days[0]; j++)
			add_question(&qs, COMMON, pairs[i][0], pairs[i][1], tu_date(days[j]));
	qsort(qs.v, qs.n, sizeof *qs.v, question_cmp);
	int asked = 0, answered = 0;
	for (size_t i = 0; i < qs.n; i++) {
		if (i && question_cmp(&qs.v[i - 1], &qs.v[i]) == 0)
			continue;
		const question *q = &qs.v[i];
		answered += same_answer(lite, pg, q->what, q->a, *q->b ? q->b : NULL, q->at, 0);
		asked++;
	}
	free(qs.v);
	/* Not a vacuous comparison: most questions had answers. */
	ck_assert_int_gt(asked, 3000);
	ck_assert_int_gt(answered, asked / 2);
	fprintf(stderr, "check_pg: %d questions, %d with items, the same on both stores\n", asked,
		answered);
	geopol_close(lite);
	geopol_close(pg);
	unlink(file);
}
END_TEST

/* A small world written the same way into a handle, at fixed clocks. */
static void small_world(geopol_db *db)
{
	geopol_set_clock(db, 1000000);
	geopol_source_spec s = GEOPOL_SOURCE_SPEC_INIT;
	s.code = "src";
	s.title = "A source";
	ck_assert_int_eq(geopol_source_add(db, &s), GEOPOL_OK);
	static const char *const codes[] = {"ORG", "AAA", "BBB"};
	for (int i = 0; i < 3; i++) {
		geopol_entity_spec e = GEOPOL_ENTITY_SPEC_INIT;
		e.code = codes[i];
		e.kind = i ? GEOPOL_KIND_STATE : GEOPOL_KIND_ORGANIZATION;
		ck_assert_msg(geopol_entity_add(db, &e) == GEOPOL_OK, "%s", geopol_errmsg(db));
	}
}

static int64_t add_membership(geopol_db *db, const char *member, const char *from, const char *to)
{
	geopol_membership_spec m = GEOPOL_MEMBERSHIP_SPEC_INIT;
	m.org = "ORG";
	m.member = member;
	m.from = tu_date(from);
	if (to)
		m.to = tu_date(to);
	int64_t id = 0;
	ck_assert_msg(geopol_membership_add(db, &m, &id) == GEOPOL_OK, "%s", geopol_errmsg(db));
	ck_assert_int_eq(geopol_cite(db, GEOPOL_FACT_MEMBERSHIP, id, "src", "quoted"), GEOPOL_OK);
	return id;
}

/* Imprecise dates, on the boundary days: "since 2015" asked in 2015 is
 * possible, in 2016 definite; an end in March 2020 is possible in March. */
START_TEST(test_pg__imprecise_dates)
{
	geopol_db *both[] = {tu_open(), open_ok(fresh_db("t_imprecise"))};
	for (int i = 0; i < 2; i++) {
		small_world(both[i]);
		add_membership(both[i], "AAA", "2015", "2020-03");
		add_membership(both[i], "BBB", "2015-06-15", NULL);
	}
	static const struct { const char *at, *want; } cases[] = {
		{"2014-12-31", ""},
		{"2015-01-01", "AAA member possible"},
		{"2015-06-14", "AAA member possible"},
		{"2015-06-15", "AAA member possible\nBBB member definite"},
		{"2016-01-01", "AAA member definite\nBBB member definite"},
		{"2020-02-29", "AAA member definite\nBBB member definite"},
		{"2020-03-01", "AAA member possible\nBBB member definite"},
		/* An end in March: the last day it may hold is the 30th. */
		{"2020-03-30", "AAA member possible\nBBB member definite"},
		{"2020-03-31", "BBB member definite"},
		{"2015", "AAA member possible\nBBB member possible"},
		{"2020-03", "AAA member possible\nBBB member definite"},
	};
	for (size_t c = 0; c < sizeof cases / sizeof cases[0]; c++)
		for (int i = 0; i < 2; i++) {
			char *got = tu_members(both[i], "ORG", cases[c].at, 0, 0);
			ck_assert_msg(strcmp(got, cases[c].want) == 0, "at %s (%s): %s", cases[c].at,
				      i ? "pg" : "sqlite", got);
			free(got);
		}
	geopol_close(both[0]);
	geopol_close(both[1]);
}
END_TEST

/* A membership that surely overlaps a current one is refused, with
 * SQLite's message, and nothing is written; one that only touches it is
 * added; the same one again is the stored fact. */
START_TEST(test_pg__overlap_refused)
{
	geopol_db *lite = tu_open();
	geopol_db *pg = open_ok(fresh_db("t_overlap"));
	geopol_db *both[] = {lite, pg};
	char msg[2][1024];
	int64_t first[2];
	PGconn *c = connect_to("t_overlap");
	for (int i = 0; i < 2; i++) {
		small_world(both[i]);
		first[i] = add_membership(both[i], "AAA", "2000", "2010");
		long long before = i ? pg_rows(c) : 0;
		int64_t rows = i ? 0 : tu_total_rows(lite);
		geopol_membership_spec m = GEOPOL_MEMBERSHIP_SPEC_INIT;
		m.org = "ORG";
		m.member = "AAA";
		m.from = tu_date("2005-03");
		int64_t id = -1;
		ck_assert_int_eq(geopol_membership_add(both[i], &m, &id), GEOPOL_ECONFLICT);
		snprintf(msg[i], sizeof msg[i], "%s", geopol_errmsg(both[i]));
		if (i)
			ck_assert_int_eq(pg_rows(c), before);
		else
			ck_assert_int_eq(tu_total_rows(lite), rows);
		/* Touching: [2010, ...) after [2000, 2010). */
		m.from = tu_date("2010");
		ck_assert_int_eq(geopol_membership_add(both[i], &m, &id), GEOPOL_OK);
		ck_assert_int_ne(id, first[i]);
		/* The same again: the stored fact. */
		m.from = tu_date("2000");
		m.to = tu_date("2010");
		ck_assert_int_eq(geopol_membership_add(both[i], &m, &id), GEOPOL_OK);
		ck_assert_int_eq(id, first[i]);
	}
	ck_assert_str_eq(msg[1], msg[0]);
	ck_assert_ptr_nonnull(strstr(msg[1], "overlap"));
	ck_assert_int_eq(first[0], first[1]);
	ck_assert_int_eq(sql_int(c, "SELECT count(*) FROM membership"), 2);
	PQfinish(c);
	geopol_close(lite);
	geopol_close(pg);
}
END_TEST

/* The exclusion constraint holds the rule for any client. */
START_TEST(test_pg__exclusion_constraint)
{
	geopol_db *pg = open_ok(fresh_db("t_exclusion"));
	small_world(pg);
	add_membership(pg, "AAA", "2000", "2010");
	geopol_close(pg);
	PGconn *c = connect_to("t_exclusion");
	PGresult *r = PQexec(c, "INSERT INTO membership(fact_id, org_id, member_id, role, from_lo, "
			     "from_hi, from_prec, to_lo, to_hi, to_prec, rec_from) SELECT 99, org_id, "
			     "member_id, role, from_lo + 400, from_hi, 3, to_lo, to_hi, 3, 5 FROM membership");
	ck_assert_str_eq(PQresultErrorField(r, PG_DIAG_SQLSTATE), "23P01");
	PQclear(r);
	PQfinish(c);
}
END_TEST

typedef struct committer {
	geopol_db *db;
	int rc;
} committer;

static void *commit_later(void *arg)
{
	committer *k = arg;
	struct timespec wait = {0, 300 * 1000 * 1000};
	nanosleep(&wait, NULL);
	k->rc = geopol_commit(k->db);
	return NULL;
}

/* Two connections: the second's overlapping membership waits for the
 * first's transaction and is refused once it commits, naming its fact;
 * with a short busy timeout it gives up as busy, having written nothing. */
START_TEST(test_pg__overlap_across_connections)
{
	const char *path = fresh_db("t_two");
	geopol_db *a = open_ok(path);
	small_world(a);
	geopol_open_options o = GEOPOL_OPEN_OPTIONS_INIT;
	o.busy_timeout_ms = 200;
	geopol_db *b = NULL, *b2 = open_ok(path);
	ck_assert_int_eq(geopol_open(&b, path, &o), GEOPOL_OK);
	ck_assert_int_eq(geopol_begin(a), GEOPOL_OK);
	int64_t fa = add_membership(a, "AAA", "2000", "2010");
	geopol_membership_spec m = GEOPOL_MEMBERSHIP_SPEC_INIT;
	m.org = "ORG";
	m.member = "AAA";
	m.from = tu_date("2001");
	int64_t id = -1;
	ck_assert_int_eq(geopol_membership_add(b, &m, &id), GEOPOL_EBUSY);
	ck_assert_ptr_nonnull(strstr(geopol_errmsg(b), "busy timeout"));
	committer k = {a, -1};
	pthread_t t;
	ck_assert_int_eq(pthread_create(&t, NULL, commit_later, &k), 0);
	ck_assert_int_eq(geopol_membership_add(b2, &m, &id), GEOPOL_ECONFLICT);
	pthread_join(t, NULL);
	ck_assert_int_eq(k.rc, GEOPOL_OK);
	char want[64];
	snprintf(want, sizeof want, "fact %lld", (long long)fa);
	ck_assert_msg(strstr(geopol_errmsg(b2), want) != NULL, "%s", geopol_errmsg(b2));
	char *got = tu_members(b2, "ORG", "2005", 0, 0);
	ck_assert_str_eq(got, "AAA member definite");
	free(got);
	geopol_close(a);
	geopol_close(b);
	geopol_close(b2);
}
END_TEST

/* A correction and a retraction, each at its own recorded time: asked as
 * known before, between and after, both stores give the same answers, and
 * these. */
START_TEST(test_pg__corrections_known_on)
{
	geopol_db *lite = tu_open();
	geopol_db *pg = open_ok(fresh_db("t_known"));
	geopol_db *both[] = {lite, pg};
	for (int i = 0; i < 2; i++) {
		small_world(both[i]);
		int64_t f = add_membership(both[i], "AAA", "2000", NULL);
		add_membership(both[i], "BBB", "1999-05", NULL);
		geopol_set_clock(both[i], 2000000);
		geopol_membership_spec m = GEOPOL_MEMBERSHIP_SPEC_INIT;
		m.org = "ORG";
		m.member = "AAA";
		m.from = tu_date("2003-02-01");
		ck_assert_int_eq(geopol_membership_correct(both[i], f, &m), GEOPOL_OK);
		geopol_set_clock(both[i], 3000000);
		ck_assert_int_eq(geopol_retract(both[i], GEOPOL_FACT_MEMBERSHIP, f), GEOPOL_OK);
	}
	static const struct { int64_t k; const char *at, *want; } cases[] = {
		{1500000, "2001-06-01", "AAA member definite\nBBB member definite"},
		{2500000, "2001-06-01", "BBB member definite"},
		{2500000, "2003-02-01", "AAA member definite\nBBB member definite"},
		{3500000, "2003-02-01", "BBB member definite"},
		{0, "2003-02-01", "BBB member definite"},
		{999999, "2003-02-01", ""},
	};
	for (size_t c = 0; c < sizeof cases / sizeof cases[0]; c++) {
		for (int i = 0; i < 2; i++) {
			char *got = tu_members(both[i], "ORG", cases[c].at, 0, cases[c].k);
			ck_assert_msg(strcmp(got, cases[c].want) == 0, "%s known at %lld (%s): %s",
				      cases[c].at, (long long)cases[c].k, i ? "pg" : "sqlite", got);
			free(got);
		}
		same_answer(lite, pg, MEMBERS, "ORG", NULL, tu_date(cases[c].at), cases[c].k);
	}
	/* The correction kept the citation. */
	PGconn *c = connect_to("t_known");
	ck_assert_int_eq(sql_int(c, "SELECT count(*) FROM citation"), 3);
	PQfinish(c);
	geopol_close(lite);
	geopol_close(pg);
}
END_TEST

static int no_rows(void *ctx, const geopol_sql_row *row)
{
	(void)ctx;
	(void)row;
	return 0;
}

/* ---- the whole answers of the other questions, item by item */

static void put_date(text *t, geopol_date d)
{
	char b[GEOPOL_DATE_BUFSIZE];
	geopol_date_format(d, b, sizeof b);
	put(t, b);
}

static void put_num(text *t, const char *fmt, double v)
{
	char b[64];
	snprintf(b, sizeof b, fmt, v);
	put(t, b);
}

/* Any item as one line: every field a user reads ("recorded" aside: each
 * store stamped its own writes), its change, depth and via, and with
 * `cites` its citations. */
static void put_item(text *t, geopol_iter *it, const geopol_item *item, int cites)
{
	char line[2048];
	snprintf(line, sizeof line, "%d c%d d%d %s: ", item->kind, item->change, item->depth,
		 item->via ? item->via : "-");
	put(t, line);
	if (item->kind == GEOPOL_ITEM_ENTITY) {
		const geopol_entity *e = item->entity;
		snprintf(line, sizeof line, "%lld %s %d %s %s ", (long long)e->id, e->code, e->kind,
			 e->subkind ? e->subkind : "-", e->name ? e->name : "-");
		put(t, line);
		put_date(t, e->from);
		put(t, " ");
		put_date(t, e->to);
	} else if (item->kind == GEOPOL_ITEM_MEMBERSHIP) {
		const geopol_membership *m = item->membership;
		snprintf(line, sizeof line, "%lld %s %s %s %s %d %s ", (long long)m->fact_id, m->org,
			 m->member, geopol_role_name(m->role), geopol_stage_name(m->stage),
			 m->certainty, m->coding ? m->coding : "-");
		put(t, line);
		put_date(t, m->from);
		put(t, " ");
		put_date(t, m->to);
	} else if (item->kind == GEOPOL_ITEM_RELATION) {
		const geopol_relation *r = item->relation;
		snprintf(line, sizeof line, "%lld %s %s %s %d %d %s ", (long long)r->fact_id, r->a, r->b,
			 r->type, r->directed, r->certainty, r->attrs ? r->attrs : "-");
		put(t, line);
		put_date(t, r->from);
		put(t, " ");
		put_date(t, r->to);
	} else if (item->kind == GEOPOL_ITEM_EVENT) {
		const geopol_event *e = item->event;
		snprintf(line, sizeof line, "%lld %s %s %s %d %s %s %s %s %s ", (long long)e->fact_id,
			 e->ext_id ? e->ext_id : "-", e->type, e->type_name ? e->type_name : "-",
			 e->certainty, e->title_lang ? e->title_lang : "-", e->title ? e->title : "-",
			 e->description ? e->description : "-", e->location ? e->location : "-",
			 e->details ? e->details : "-");
		put(t, line);
		put_num(t, "%.17g ", e->goldstein);
		put_num(t, "%.17g ", e->intensity);
		put_date(t, e->date);
		put(t, " ");
		put_date(t, e->end);
		for (size_t i = 0; i < e->n_actors; i++) {
			snprintf(line, sizeof line, " %s/%d", e->actors[i].entity, e->actors[i].role);
			put(t, line);
		}
	} else if (item->kind == GEOPOL_ITEM_NAME) {
		const geopol_name *nm = item->name;
		snprintf(line, sizeof line, "%lld %s %s %s %d %d ", (long long)nm->fact_id, nm->entity,
			 nm->text, nm->lang, nm->kind, nm->certainty);
		put(t, line);
		put_date(t, nm->from);
		put(t, " ");
		put_date(t, nm->to);
	} else if (item->kind == GEOPOL_ITEM_CANDIDATE) {
		const geopol_candidate *c = item->candidate;
		snprintf(line, sizeof line, "%s %d %s %s %s %.17g", c->code, c->kind,
			 c->name ? c->name : "-", c->matched ? c->matched : "-", c->lang ? c->lang : "-",
			 c->score);
		put(t, line);
	}
	if (cites) {
		const geopol_citation *c;
		size_t n;
		ck_assert_int_eq(geopol_iter_citations(it, &c, &n), GEOPOL_OK);
		for (size_t i = 0; i < n; i++) {
			snprintf(line, sizeof line, " [%s|%s|%s]", c[i].source, c[i].title ? c[i].title : "-",
				 c[i].quote ? c[i].quote : "-");
			put(t, line);
		}
	}
	put(t, "\n");
}

/* Every item of an iterator (rc: what opened it), or the error. */
static char *all_items(geopol_db *db, int rc, geopol_iter *it, int cites)
{
	text t = {0};
	put(&t, "");
	if (rc) {
		char line[1200];
		snprintf(line, sizeof line, "error %d: %s", rc, geopol_errmsg(db));
		put(&t, line);
		return t.s;
	}
	const geopol_item *item;
	while ((rc = geopol_iter_next(it, &item)) == GEOPOL_OK)
		put_item(&t, it, item, cites);
	ck_assert_msg(rc == GEOPOL_ITEROVER, "iteration: %s", geopol_errmsg(db));
	geopol_iter_free(it);
	return t.s;
}

/* One question of the reads below, asked of a handle. */
enum { Q_SNAPSHOT, Q_DIFF, Q_EVENTS, Q_HISTORY, Q_NEIGHBORS, Q_PATH, Q_ENTITIES, Q_ENTITY,
       Q_NAMES, Q_RESOLVE, Q_CLIPPED, Q_UNCITED };

typedef struct read_q {
	int what;
	const char *a, *b;           /* entities; events: actor and with */
	const char *d1, *d2;         /* dates (NULL: open) */
	int n;                       /* depth, kind, limit */
	const char *type, *text;     /* events' filters; names: the language (type); resolve:
				      * the text and the language of the names shown */
	int64_t known_at;
} read_q;

static geopol_date date_or_open(const char *d)
{
	geopol_date open = GEOPOL_DATE_OPEN_INIT;
	return d ? tu_date(d) : open;
}

static char *ask_read(geopol_db *db, const read_q *r)
{
	geopol_query q = GEOPOL_QUERY_INIT;
	q.known_at = r->known_at;
	geopol_iter *it = NULL;
	geopol_date d1 = date_or_open(r->d1), d2 = date_or_open(r->d2);
	int rc;
	switch (r->what) {
	case Q_SNAPSHOT: rc = geopol_snapshot(&it, db, d1, &q); break;
	case Q_DIFF: rc = geopol_diff(&it, db, d1, d2, r->a, &q); break;
	case Q_EVENTS: {
		geopol_event_filter f = GEOPOL_EVENT_FILTER_INIT;
		f.actor = r->a;
		f.with = r->b;
		f.from = d1;
		f.to = d2;
		f.limit = (size_t)r->n;
		f.type = r->type;
		f.text = r->text;
		rc = geopol_events(&it, db, &f, &q);
		break;
	}
	case Q_HISTORY: rc = geopol_history(&it, db, r->a, r->b, d1, d2, &q); break;
	case Q_NEIGHBORS: rc = geopol_neighbors(&it, db, r->a, d1, r->n, &q); break;
	case Q_PATH: rc = geopol_path(&it, db, r->a, r->b, d1, &q); break;
	case Q_ENTITIES: rc = geopol_entities(&it, db, r->n, &q); break;
	case Q_NAMES: rc = geopol_names(&it, db, r->a, r->type, d1, &q); break;
	case Q_RESOLVE:
		q.lang = r->type;
		rc = geopol_resolve(&it, db, r->text, (size_t)r->n, &q);
		/* Candidates are not cited. */
		return all_items(db, rc, it, 0);
	case Q_CLIPPED: rc = geopol_clipped(&it, db, &q); break;
	case Q_UNCITED: rc = geopol_uncited(&it, db, &q); break;
	default: rc = geopol_entity_get(&it, db, r->a, &q); break;
	}
	/* With each item's citations: the snapshot's by its merge join, the
	 * others' by row (gp_store.citations). */
	return all_items(db, rc, it, 1);
}

/* The same read of both stores gives the same items; their number. */
static int same_read(geopol_db *lite, geopol_db *pg, const read_q *r)
{
	char *x = ask_read(lite, r);
	char *y = ask_read(pg, r);
	/* The first line that differs, and where. */
	size_t at = 0, line = 1;
	while (x[at] && x[at] == y[at])
		line += x[at++] == '\n';
	size_t start = at;
	while (start && x[start - 1] != '\n')
		start--;
	ck_assert_msg(strcmp(x, y) == 0, "read %d %s %s %s %s depth/kind %d, line %zu: SQLite "
		      "answered\n%.300s\nPostgreSQL answered\n%.300s", r->what, r->a ? r->a : "-",
		      r->b ? r->b : "-", r->d1 ? r->d1 : "-", r->d2 ? r->d2 : "-", r->n, line,
		      x + start, y + start);
	int n = 0;
	for (const char *p = x; *p; p++)
		n += *p == '\n';
	/* A path not found is an answer; any other error is not. */
	ck_assert_msg(strncmp(x, "error", 5) != 0 || (r->what == Q_PATH && strstr(x, "no path")),
		      "both stores failed: %s", x);
	free(x);
	free(y);
	return n;
}

/* The two stores loaded with the built-in dataset, once for the reads. */
static geopol_db *reads_lite, *reads_pg;
static char reads_file[] = "/tmp/geopol-check-pg-reads-XXXXXX";
static char reads_pg_path[1400];

static void reads_setup(void)
{
	int fd = mkstemp(reads_file);
	ck_assert_int_ge(fd, 0);
	close(fd);
	unlink(reads_file);
	reads_lite = open_ok(reads_file);
	snprintf(reads_pg_path, sizeof reads_pg_path, "%s", fresh_db("t_reads"));
	reads_pg = open_ok(reads_pg_path);
	import_dataset(reads_lite);
	import_dataset(reads_pg);
}

static void reads_teardown(void)
{
	geopol_close(reads_lite);
	geopol_close(reads_pg);
	unlink(reads_file);
}

static const char *const read_days[] = {"1945-10-24", "1991-12-08", "1991-12-21", "1992-05-15",
					"2004-05-01", "2012-12-19", "2015-01-01", "2020-02",
					"2022-01-06", "2024", "2024-02-22", "2026-01-01"};
#define N_READ_DAYS (sizeof read_days / sizeof read_days[0])

/* The snapshot (entities, memberships, relations, with their citations)
 * at each day, and the diff between each two days that follow each other,
 * whole and of one entity. */
START_TEST(test_pg__snapshot_and_diff_as_sqlite)
{
	int items = 0;
	for (size_t i = 0; i < N_READ_DAYS; i++)
		items += same_read(reads_lite, reads_pg, &(read_q){.what = Q_SNAPSHOT, .d1 = read_days[i]});
	for (size_t i = 0; i + 1 < N_READ_DAYS; i++) {
		items += same_read(reads_lite, reads_pg, &(read_q){.what = Q_DIFF, .d1 = read_days[i],
								   .d2 = read_days[i + 1]});
		items += same_read(reads_lite, reads_pg, &(read_q){.what = Q_DIFF, .a = "KAZ", .d1 = read_days[i],
								   .d2 = read_days[i + 1]});
	}
	items += same_read(reads_lite, reads_pg, &(read_q){.what = Q_DIFF, .d1 = "1900", .d2 = "2026"});
	ck_assert_int_gt(items, 8000);
	fprintf(stderr, "check_pg: snapshots and diffs, %d items, the same on both stores\n", items);
}
END_TEST

/* Events: all, of each actor, of pairs, by type prefix and text (any
 * case, ASCII folding only, as SQLite), limited; histories of dyads. */
START_TEST(test_pg__events_as_sqlite)
{
	static const char *const actors[] = {"KAZ", "RUS", "USA", "CHN", "UZB", "KGZ", "TKM", "FRA"};
	int n = sizeof actors / sizeof actors[0], items = 0;
	items += same_read(reads_lite, reads_pg, &(read_q){.what = Q_EVENTS});
	items += same_read(reads_lite, reads_pg, &(read_q){.what = Q_EVENTS, .n = 5});
	items += same_read(reads_lite, reads_pg, &(read_q){.what = Q_EVENTS, .d1 = "2020", .d2 = "2022-06"});
	items += same_read(reads_lite, reads_pg, &(read_q){.what = Q_EVENTS, .type = "04"});
	items += same_read(reads_lite, reads_pg, &(read_q){.what = Q_EVENTS, .text = "VISIT"});
	items += same_read(reads_lite, reads_pg, &(read_q){.what = Q_EVENTS, .text = "казахстан"});
	items += same_read(reads_lite, reads_pg, &(read_q){.what = Q_EVENTS, .text = "Казахстан"});
	for (int i = 0; i < n; i++) {
		items += same_read(reads_lite, reads_pg, &(read_q){.what = Q_EVENTS, .a = actors[i]});
		items += same_read(reads_lite, reads_pg, &(read_q){.what = Q_EVENTS, .a = actors[i], .d1 = "2022"});
		for (int j = 0; j < n; j++) {
			if (i == j)
				continue;
			items += same_read(reads_lite, reads_pg, &(read_q){.what = Q_EVENTS, .a = actors[i], .b = actors[j]});
			items += same_read(reads_lite, reads_pg, &(read_q){.what = Q_HISTORY, .a = actors[i], .b = actors[j]});
			items += same_read(reads_lite, reads_pg, &(read_q){.what = Q_HISTORY, .a = actors[i],
									   .b = actors[j], .d1 = "2014", .d2 = "2023"});
		}
	}
	ck_assert_int_gt(items, 500);
	fprintf(stderr, "check_pg: events and histories, %d items, the same on both stores\n", items);
}
END_TEST

/* Neighbours to depths 1-3 and paths on several days; the entities of
 * each kind, and single entities. */
START_TEST(test_pg__walks_and_entities_as_sqlite)
{
	static const char *const from[] = {"KAZ", "CSTO", "USA", "ARM", "EU", "NATO"};
	static const char *const days[] = {"1991-12-21", "2004-05-01", "2022-01-06", "2024"};
	int n = sizeof from / sizeof from[0], items = 0;
	for (size_t d = 0; d < sizeof days / sizeof days[0]; d++)
		for (int i = 0; i < n; i++) {
			for (int depth = 1; depth <= 3; depth++)
				items += same_read(reads_lite, reads_pg,
						   &(read_q){.what = Q_NEIGHBORS, .a = from[i], .d1 = days[d], .n = depth});
			for (int j = 0; j < n; j++)
				if (i != j)
					items += same_read(reads_lite, reads_pg,
							   &(read_q){.what = Q_PATH, .a = from[i], .b = from[j], .d1 = days[d]});
		}
	for (int kind = 0; kind <= 4; kind++)
		items += same_read(reads_lite, reads_pg, &(read_q){.what = Q_ENTITIES, .n = kind});
	for (int i = 0; i < n; i++)
		items += same_read(reads_lite, reads_pg, &(read_q){.what = Q_ENTITY, .a = from[i]});
	ck_assert_int_gt(items, 5000);
	fprintf(stderr, "check_pg: walks and entities, %d items, the same on both stores\n", items);
}
END_TEST

/* The codes of every entity of a handle, NULL-terminated (free each and
 * the array). */
static char **all_codes(geopol_db *db, size_t *n)
{
	geopol_iter *it;
	const geopol_item *item;
	ck_assert_int_eq(geopol_entities(&it, db, 0, NULL), GEOPOL_OK);
	size_t cap = 64;
	char **v = malloc(cap * sizeof *v);
	*n = 0;
	while (geopol_iter_next(it, &item) == GEOPOL_OK) {
		if (*n + 1 >= cap)
			v = realloc(v, (cap *= 2) * sizeof *v);
		v[(*n)++] = strdup(item->entity->code);
	}
	v[*n] = NULL;
	geopol_iter_free(it);
	return v;
}

/* s less its code point at index i (a typo). */
static void drop_code_point(const char *s, int i, char *out, size_t size)
{
	const char *p = s;
	for (int k = 0; k < i && *p; k++)
		do
			p++;
		while ((*p & 0xC0) == 0x80);
	const char *q = p;
	if (*q)
		do
			q++;
		while ((*q & 0xC0) == 0x80);
	snprintf(out, size, "%.*s%s", (int)(p - s), s, q);
}

/* A geopol_check's findings, one a line, and its counts. */
static void put_finding(void *ctx, const geopol_finding *f)
{
	char line[2048];
	snprintf(line, sizeof line, "%d %s | %s | %s\n", f->severity, f->rule, f->record, f->message);
	put(ctx, line);
}

static char *check_findings(geopol_db *db, geopol_check_stats *st)
{
	char seeds[1100];
	snprintf(seeds, sizeof seeds, "%s/../shared/seeds", GEOPOL_SOURCE_DIR);
	const char *const dirs[] = {seeds, GEOPOL_SOURCE_DIR, NULL};
	text t = {0};
	put(&t, "");
	geopol_check_options o = GEOPOL_CHECK_OPTIONS_INIT;
	o.file_dirs = dirs;
	o.finding = put_finding;
	o.ctx = &t;
	ck_assert_msg(geopol_check(db, &o, st) == GEOPOL_OK, "check: %s", geopol_errmsg(db));
	return t.s;
}

/* Names, resolve, the checks of the data: the names of every entity,
 * whole and in Russian on a day; resolve of codes, names in Arabic,
 * Russian, Kazakh and English and typos of a fifth of all the names,
 * the candidates' names shown in several languages; the clipped and the
 * uncited facts; an entity's attributes; geopol_check's findings, with
 * the quotes checked against the seeds' files. */
START_TEST(test_pg__names_resolve_checks_as_sqlite)
{
	/* A connection of this test's own: each test runs in a process forked
	 * from the fixture's, so statements the tests before prepared on
	 * reads_pg's connection are there, unknown to this copy of the handle
	 * (a prepare of the same name would fail, and inside resolve's read
	 * transaction abort it). */
	geopol_db *lite = reads_lite, *pg = open_ok(reads_pg_path);
	size_t n_codes;
	char **codes = all_codes(lite, &n_codes);
	ck_assert_int_gt(n_codes, 250);
	int names = 0, cands = 0;
	for (size_t i = 0; i < n_codes; i++) {
		names += same_read(lite, pg, &(read_q){.what = Q_NAMES, .a = codes[i]});
		names += same_read(lite, pg, &(read_q){.what = Q_NAMES, .a = codes[i],
								   .type = "ru", .d1 = "2022-01-06"});
		char *x = NULL, *y = NULL;
		ck_assert_int_eq(geopol_entity_attrs(lite, codes[i], &x), GEOPOL_OK);
		ck_assert_int_eq(geopol_entity_attrs(pg, codes[i], &y), GEOPOL_OK);
		ck_assert_msg((!x && !y) || (x && y && strcmp(x, y) == 0), "%s: attributes %s and %s",
			      codes[i], x ? x : "NULL", y ? y : "NULL");
		geopol_free(x);
		geopol_free(y);
		/* Its code as typed in lower case. */
		char lower[64];
		snprintf(lower, sizeof lower, "%s", codes[i]);
		for (char *c = lower; *c; c++)
			*c = (char)(*c >= 'A' && *c <= 'Z' ? *c - 'A' + 'a' : *c);
		cands += same_read(lite, pg, &(read_q){.what = Q_RESOLVE, .a = lower, .text = lower});
		free(codes[i]);
	}
	free(codes);
	ck_assert_int_gt(names, 5000);
	static const char *const texts[] = {
		"مولدوفا", "المالديف", "كازاخستان", "روسيا", "منظمة معاهدة الأمن الجماعي", "قزاخستان",
		"Токаев", "Путин", "Казахстан", "Казахтан", "Россия", "ОДКБ", "Организация Договора",
		"Қазақстан", "Қазақстан Республикасы", "Ресей", "Тоқаев", "Kazakhstan", "kazakstan",
		"Kazakhtan", "Russia", "korea", "republic", "united", "csto", "CSTO", "nato", "EAEU",
		"Shanghai Cooperation", "Shangai", "european union", "tokayev", "putin", "x", "zz",
		"Moldova", "Молдоава", "Turkmenistan", "Uzbekstan", "Кыргызстан", NULL};
	static const char *const langs[] = {NULL, "ru", "kk", "ar"};
	for (int i = 0; texts[i]; i++)
		for (int l = 0; l < 4; l++)
			cands += same_read(lite, pg, &(read_q){.what = Q_RESOLVE, .a = texts[i],
									   .text = texts[i], .type = langs[l], .n = 20});
	/* A fifth of every name, as written and with a typo. */
	sqlite3_stmt *st;
	ck_assert_int_eq(sqlite3_prepare_v2(lite->sql, "SELECT DISTINCT text FROM name WHERE id % 5 = 0 "
					    "ORDER BY text", -1, &st, NULL), SQLITE_OK);
	int asked = 0;
	while (sqlite3_step(st) == SQLITE_ROW) {
		const char *t = (const char *)sqlite3_column_text(st, 0);
		char typo[1024];
		drop_code_point(t, 2 + asked % 3, typo, sizeof typo);
		cands += same_read(lite, pg, &(read_q){.what = Q_RESOLVE, .a = t, .text = t});
		cands += same_read(lite, pg, &(read_q){.what = Q_RESOLVE, .a = typo, .text = typo});
		asked += 2;
	}
	sqlite3_finalize(st);
	ck_assert_int_gt(asked, 1000);
	ck_assert_int_gt(cands, 3000);
	int audited = same_read(lite, pg, &(read_q){.what = Q_CLIPPED});
	ck_assert_int_gt(audited, 5);
	same_read(lite, pg, &(read_q){.what = Q_UNCITED});
	geopol_check_stats a = {0}, b = {0};
	char *x = check_findings(lite, &a), *y = check_findings(pg, &b);
	ck_assert_str_eq(x, y);
	ck_assert_int_eq(a.errors, b.errors);
	ck_assert_int_eq(a.warnings, b.warnings);
	ck_assert_int_gt(a.warnings, 30);
	ck_assert_int_eq(a.quotes_checked, b.quotes_checked);
	ck_assert_int_eq(a.quotes_unchecked, b.quotes_unchecked);
	free(x);
	free(y);
	fprintf(stderr, "check_pg: %d names of %zu entities, %d candidates of %d resolves, %d clipped, "
		"%zu findings (%zu quotes checked), the same on both stores\n", names, n_codes, cands,
		asked + 160 + (int)n_codes, audited, a.errors + a.warnings, a.quotes_checked);
	geopol_close(pg);
}
END_TEST

/* ---- panels (gp_store.panel, pg_panel.c) */

typedef struct buf {
	char *s;
	size_t n, cap;
} buf;

static int buf_write(void *ctx, const char *data, size_t len)
{
	buf *b = ctx;
	if (b->n + len + 1 > b->cap) {
		b->cap = (b->n + len + 1) * 2;
		b->s = realloc(b->s, b->cap);
		ck_assert_ptr_nonnull(b->s);
	}
	memcpy(b->s + b->n, data, len);
	b->n += len;
	b->s[b->n] = '\0';
	return 0;
}

/* A panel as CSV with its rule, or "error: message". */
static char *panel_csv(geopol_db *db, const geopol_panel_options *o, const geopol_query *q)
{
	buf b = {calloc(1, 1), 0, 1};
	geopol_panel_iter *p;
	int rc = geopol_panel(&p, db, o, q);
	if (!rc) {
		const char *rule = geopol_panel_rule_text(p);
		buf_write(&b, rule, strlen(rule));
		buf_write(&b, "\n", 1);
		rc = geopol_panel_write(p, GEOPOL_FORMAT_CSV, buf_write, &b);
		geopol_panel_free(p);
	}
	if (rc) {
		char e[512];
		snprintf(e, sizeof e, "error %d: %s", rc, geopol_errmsg(db));
		free(b.s);
		return strdup(e);
	}
	return b.s;
}

/* Panels of every unit, population, rule and kind of variable, by year
 * and by month, definite only and as known on a day: the same CSV, byte
 * for byte, from both stores. */
START_TEST(test_pg__panels_as_sqlite)
{
	static const char *const all_vars[] = {
		"shared", "shared:kind=alliance", "shared:orgs=CSTO+EAEU", "memberships",
		"member:NATO", "alliance", "rel:trade", "rel:trade.usd", "rel:supplies",
		"rel:sanctions", "rel:border", "events", "quad", "root", "goldstein"};
	static const char *const state_vars[] = {
		"memberships", "member:CSTO", "alliance", "rel:trade", "rel:supplies", "events",
		"quad", "root:04", "goldstein"};
	static const char *const codes[] = {"KAZ", "RUS", "TUR", "USA", "CHN", "UZB"};
	static const char *const focus[] = {"KAZ"};
	struct {
		int unit, period, population, rule, definite, known, focus;
		const char *from, *to;
	} cases[] = {
		{GEOPOL_PANEL_DYAD, GEOPOL_PANEL_YEAR, GEOPOL_PANEL_SHARED, GEOPOL_PANEL_MIDPOINT, 0, 0, 0,
		 "2020", "2023"},
		{GEOPOL_PANEL_DYAD, GEOPOL_PANEL_YEAR, GEOPOL_PANEL_SHARED, GEOPOL_PANEL_ANY_DAY, 1, 0, 1,
		 "1945", "2026"},
		{GEOPOL_PANEL_DIRECTED_DYAD, GEOPOL_PANEL_YEAR, GEOPOL_PANEL_LIST, GEOPOL_PANEL_MIDPOINT,
		 0, 0, 0, "2000", "2026"},
		{GEOPOL_PANEL_DYAD, GEOPOL_PANEL_MONTH, GEOPOL_PANEL_LIST, GEOPOL_PANEL_ANY_DAY, 0, 0, 0,
		 "2021-06", "2023-03"},
		{GEOPOL_PANEL_STATE, GEOPOL_PANEL_YEAR, GEOPOL_PANEL_ALL, GEOPOL_PANEL_MIDPOINT, 0, 0, 0,
		 "1816", "2026"},
		{GEOPOL_PANEL_STATE, GEOPOL_PANEL_MONTH, GEOPOL_PANEL_LIST, GEOPOL_PANEL_ANY_DAY, 0, 1, 0,
		 "2021", "2023"},
	};
	/* The obligations the panel reads (the built-in dataset has none):
	 * ATOP-like ones of CSTO's members KAZ and RUS, and NATO's own, one
	 * known now and one no longer. The same SQL on both stores. */
	static const char *const pledges[] = {
		"INSERT INTO membership_attr(membership_id, key, value) SELECT m.id, 'defense', '1' "
		"FROM membership m JOIN entity o ON o.id = m.org_id JOIN entity e ON e.id = m.member_id "
		"WHERE o.code = 'CSTO' AND e.code IN ('KAZ', 'RUS')",
		"INSERT INTO entity_attr(entity_id, key, value, rec_from, rec_to) SELECT id, 'offense', "
		"'1', 1, 9223372036854775807 FROM entity WHERE code = 'NATO'",
		"INSERT INTO entity_attr(entity_id, key, value, rec_from, rec_to) SELECT id, "
		"'neutrality', '1', 1, 2 FROM entity WHERE code = 'NATO'"};
	PGconn *c = connect_to("t_reads");
	for (size_t i = 0; i < 3; i++) {
		sql_ok(c, pledges[i]);
		ck_assert_int_eq(sqlite3_exec(reads_lite->sql, pledges[i], NULL, NULL, NULL), SQLITE_OK);
	}
	ck_assert_int_gt(sql_int(c, "SELECT count(*) FROM membership_attr"), 1);
	PQfinish(c);
	/* A connection of this test's own (see names_resolve_checks). */
	geopol_db *pg = open_ok(reads_pg_path);
	size_t bytes = 0;
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		geopol_panel_options o = GEOPOL_PANEL_OPTIONS_INIT;
		o.unit = cases[i].unit;
		o.period = cases[i].period;
		o.population = cases[i].population;
		o.rule = cases[i].rule;
		o.from = tu_date(cases[i].from);
		o.to = tu_date(cases[i].to);
		o.codes = codes;
		o.n_codes = sizeof codes / sizeof codes[0];
		if (cases[i].focus) {
			o.focus = focus;
			o.n_focus = 1;
		}
		int states = o.unit == GEOPOL_PANEL_STATE;
		o.vars = states ? state_vars : all_vars;
		o.n_vars = states ? sizeof state_vars / sizeof state_vars[0]
				  : sizeof all_vars / sizeof all_vars[0];
		geopol_query q = GEOPOL_QUERY_INIT;
		if (cases[i].definite)
			q.flags |= GEOPOL_DEFINITE_ONLY;
		/* As known in 1970: no fact yet (the entities are the table's). */
		if (cases[i].known)
			q.known_at = 1;
		char *x = panel_csv(reads_lite, &o, &q);
		char *y = panel_csv(pg, &o, &q);
		ck_assert_msg(strncmp(x, "error", 5) != 0, "case %zu: %s", i, x);
		size_t at = 0;
		while (x[at] && x[at] == y[at])
			at++;
		ck_assert_msg(strcmp(x, y) == 0, "case %zu differs at byte %zu: SQLite\n%.200s\n"
			      "PostgreSQL\n%.200s", i, at, x + at, y + at);
		ck_assert_uint_gt(strlen(x), 200);
		bytes += strlen(x);
		free(x);
		free(y);
	}
	fprintf(stderr, "check_pg: panels, %zu bytes of CSV, the same on both stores\n", bytes);
	geopol_close(pg);
}
END_TEST

/* Known-on reads at fixed clocks: the snapshot, the diff, the neighbours
 * and the entities as known before, between and after a correction and a
 * retraction; coding ranks set and read. */
START_TEST(test_pg__reads_known_on_as_sqlite)
{
	geopol_db *lite = tu_open();
	geopol_db *pg = open_ok(fresh_db("t_reads_known"));
	geopol_db *both[] = {lite, pg};
	for (int i = 0; i < 2; i++) {
		small_world(both[i]);
		int64_t f = add_membership(both[i], "AAA", "2000", NULL);
		add_membership(both[i], "BBB", "1999-05", NULL);
		geopol_set_clock(both[i], 2000000);
		geopol_membership_spec m = GEOPOL_MEMBERSHIP_SPEC_INIT;
		m.org = "ORG";
		m.member = "AAA";
		m.from = tu_date("2003-02-01");
		ck_assert_int_eq(geopol_membership_correct(both[i], f, &m), GEOPOL_OK);
		geopol_set_clock(both[i], 3000000);
		ck_assert_int_eq(geopol_retract(both[i], GEOPOL_FACT_MEMBERSHIP, f), GEOPOL_OK);
		int rank = -1;
		ck_assert_int_eq(geopol_coding_rank(both[i], "test-coding", &rank), GEOPOL_OK);
		ck_assert_int_eq(rank, GP_CODING_RANK_DEFAULT);
		ck_assert_int_eq(geopol_coding_rank_set(both[i], "test-coding", 5), GEOPOL_OK);
		ck_assert_int_eq(geopol_coding_rank_set(both[i], "test-coding", 7), GEOPOL_OK);
		ck_assert_int_eq(geopol_coding_rank(both[i], "test-coding", &rank), GEOPOL_OK);
		ck_assert_int_eq(rank, 7);
	}
	static const int64_t ks[] = {999999, 1500000, 2500000, 3500000, 0};
	for (size_t k = 0; k < sizeof ks / sizeof ks[0]; k++) {
		same_read(lite, pg, &(read_q){.what = Q_SNAPSHOT, .d1 = "2001-06-01", .known_at = ks[k]});
		same_read(lite, pg, &(read_q){.what = Q_SNAPSHOT, .d1 = "2003-06-01", .known_at = ks[k]});
		same_read(lite, pg, &(read_q){.what = Q_DIFF, .d1 = "1999", .d2 = "2004", .known_at = ks[k]});
		same_read(lite, pg, &(read_q){.what = Q_NEIGHBORS, .a = "ORG", .d1 = "2003-06-01", .n = 2,
					      .known_at = ks[k]});
		same_read(lite, pg, &(read_q){.what = Q_ENTITIES, .known_at = ks[k]});
	}
	/* Not vacuous: known between, AAA is a member in 2003; after, not. */
	char *got = ask_read(pg, &(read_q){.what = Q_SNAPSHOT, .d1 = "2003-06-01", .known_at = 2500000});
	ck_assert_ptr_nonnull(strstr(got, "ORG AAA member"));
	free(got);
	got = ask_read(pg, &(read_q){.what = Q_SNAPSHOT, .d1 = "2003-06-01", .known_at = 3500000});
	ck_assert_ptr_null(strstr(got, "ORG AAA member"));
	ck_assert_ptr_nonnull(strstr(got, "ORG BBB member"));
	ck_assert_ptr_nonnull(strstr(got, "[src|A source|quoted]"));
	free(got);
	/* An event with a title in French, and the dataset's fields a GDELT
	 * import keeps (written as the importer does: it is not on this
	 * store yet): a search folds ASCII only, as SQLite's lower(). */
	for (int i = 0; i < 2; i++) {
		ck_assert_int_eq(geopol_event_type_add(both[i], "042", "Make a visit", 1.9), GEOPOL_OK);
		geopol_event_spec e = GEOPOL_EVENT_SPEC_INIT;
		e.ext_id = "test:1";
		e.type = "042";
		e.date = tu_date("2003-04");
		geopol_actor_spec who[] = {{"BBB", GEOPOL_ACTOR_SOURCE}, {"AAA", GEOPOL_ACTOR_TARGET}};
		geopol_text_spec texts[] = {{"fr", "Visite d'État à AAA", "Une visite ÉCLAIR"},
					    {"en", "State visit to AAA", NULL}};
		e.actors = who;
		e.n_actors = 2;
		e.texts = texts;
		e.n_texts = 2;
		e.intensity = 1.5;
		ck_assert_msg(geopol_event_add(both[i], &e, NULL) == GEOPOL_OK, "%s",
			      geopol_errmsg(both[i]));
	}
	static const char detail[] = "INSERT INTO event_detail(event_id, quad_class, num_mentions, "
		"avg_tone, lat, attrs) SELECT id, 1, 12, 3.0, -2.125, '{\"Actor1Code\":\"BBB\"}' "
		"FROM event";
	ck_assert_int_eq(sqlite3_exec(lite->sql, detail, NULL, NULL, NULL), SQLITE_OK);
	PGconn *dc = connect_to("t_reads_known");
	sql_ok(dc, detail);
	PQfinish(dc);
	static const char *const texts[] = {"état", "éclair", "ÉTAT", "visite d", "STATE", NULL};
	for (int i = 0; i < 6; i++)
		same_read(lite, pg, &(read_q){.what = Q_EVENTS, .text = texts[i]});
	char *ev = ask_read(pg, &(read_q){.what = Q_EVENTS, .text = "ÉTAT"});
	ck_assert_msg(strstr(ev, "{\"quad_class\":1,\"num_mentions\":12,\"avg_tone\":3.0,\"lat\":-2.125,"
			     "\"Actor1Code\":\"BBB\"}") != NULL, "%s", ev);
	free(ev);
	ev = ask_read(pg, &(read_q){.what = Q_EVENTS, .text = "état"});
	ck_assert_str_eq(ev, "");
	free(ev);
	same_read(lite, pg, &(read_q){.what = Q_HISTORY, .a = "AAA", .b = "BBB"});

	/* A dataset's row of BBB's membership, as an importer writes it (the
	 * importers are not on this store yet): outranked by the curated one
	 * at rank 7, outranking it at -1. */
	char coded[512];
	snprintf(coded, sizeof coded, "INSERT INTO membership(fact_id, org_id, member_id, role, "
		 "from_lo, from_hi, from_prec, to_lo, to_hi, to_prec, rec_from, coding) SELECT "
		 "(SELECT max(id) + 1 FROM membership), o.id, e.id, 1, %d, %d, 3, 2147483647, "
		 "2147483647, 0, 1500000, 'test-coding' FROM entity o, entity e WHERE o.code = 'ORG' "
		 "AND e.code = 'BBB'", tu_date("1998-01-01").day, tu_date("1998-01-01").day);
	ck_assert_int_eq(sqlite3_exec(lite->sql, coded, NULL, NULL, NULL), SQLITE_OK);
	PGconn *c = connect_to("t_reads_known");
	sql_ok(c, coded);
	PQfinish(c);
	for (int rank = 7; rank >= -1; rank -= 8) {
		for (int i = 0; i < 2; i++)
			ck_assert_int_eq(geopol_coding_rank_set(both[i], "test-coding", rank), GEOPOL_OK);
		same_read(lite, pg, &(read_q){.what = Q_SNAPSHOT, .d1 = "2001-06-01"});
		same_read(lite, pg, &(read_q){.what = Q_DIFF, .d1 = "1997", .d2 = "2004"});
		same_read(lite, pg, &(read_q){.what = Q_NEIGHBORS, .a = "BBB", .d1 = "2001-06-01", .n = 1});
		char *snap = ask_read(pg, &(read_q){.what = Q_SNAPSHOT, .d1 = "2001-06-01"});
		ck_assert_msg((strstr(snap, "ORG BBB founding_member in_force 1 test-coding") != NULL) ==
			      (rank < 0), "rank %d: %s", rank, snap);
		free(snap);
	}
	geopol_close(lite);
	geopol_close(pg);
}
END_TEST

/* A world with what the checks look for, written the same way into a
 * handle at fixed clocks: uncited names, memberships, relations and an
 * event; an entity with a life that facts outlive; a name of two states;
 * two rows of a dataset's coding that overlap (written as an importer
 * does); a person without names; a name corrected later. */
static void checked_world(geopol_db *db, const char *dbname)
{
	small_world(db);
	geopol_entity_spec e = GEOPOL_ENTITY_SPEC_INIT;
	e.code = "CCC";
	e.kind = GEOPOL_KIND_STATE;
	e.from = tu_date("1990-05");
	e.to = tu_date("2000-03-01");
	ck_assert_int_eq(geopol_entity_add(db, &e), GEOPOL_OK);
	e = (geopol_entity_spec)GEOPOL_ENTITY_SPEC_INIT;
	e.code = "pp";
	e.kind = GEOPOL_KIND_PERSON;
	ck_assert_int_eq(geopol_entity_add(db, &e), GEOPOL_OK);
	static const char *const names[][3] = {{"AAA", "en", "Aaaland"}, {"AAA", "ru", "Ааастан"},
					       {"BBB", "en", "Aaaland"}, {"CCC", "kk", "Цеңгір"},
					       {"ORG", "ar", "منظمة أ"}, {"BBB", "ru", "Ааастан"}};
	int64_t first = 0;
	for (int i = 0; i < 6; i++) {
		geopol_name_spec n = GEOPOL_NAME_SPEC_INIT;
		n.entity = names[i][0];
		n.lang = names[i][1];
		n.text = names[i][2];
		int64_t id;
		ck_assert_msg(geopol_name_add(db, &n, &id) == GEOPOL_OK, "%s", geopol_errmsg(db));
		if (!first)
			first = id;
		if (i % 2 == 0)
			ck_assert_int_eq(geopol_cite(db, GEOPOL_FACT_NAME, id, "src", "named"), GEOPOL_OK);
	}
	add_membership(db, "AAA", "2000", NULL);
	geopol_membership_spec m = GEOPOL_MEMBERSHIP_SPEC_INIT;
	m.org = "ORG";
	m.member = "CCC";
	m.from = tu_date("1985");
	m.to = tu_date("2004-06");
	ck_assert_int_eq(geopol_membership_add(db, &m, NULL), GEOPOL_OK);
	geopol_relation_spec r = GEOPOL_RELATION_SPEC_INIT;
	r.a = "AAA";
	r.b = "CCC";
	r.type = "border";
	r.from = tu_date("1995");
	ck_assert_int_eq(geopol_relation_add(db, &r, NULL), GEOPOL_OK);
	/* Possibly before CCC began: clipped, no error. */
	r.a = "BBB";
	r.type = "trade";
	r.from = tu_date("1990");
	r.to = tu_date("2000");
	ck_assert_int_eq(geopol_relation_add(db, &r, NULL), GEOPOL_OK);
	ck_assert_int_eq(geopol_event_type_add(db, "042", "Make a visit", 1.9), GEOPOL_OK);
	geopol_event_spec ev = GEOPOL_EVENT_SPEC_INIT;
	ev.type = "042";
	ev.date = tu_date("2003-04");
	geopol_actor_spec who[] = {{"BBB", GEOPOL_ACTOR_SOURCE}, {"AAA", GEOPOL_ACTOR_TARGET}};
	ev.actors = who;
	ev.n_actors = 2;
	ck_assert_int_eq(geopol_event_add(db, &ev, NULL), GEOPOL_OK);
	/* Later, AAA's English name corrected. */
	geopol_set_clock(db, 2000000);
	geopol_name_spec n = GEOPOL_NAME_SPEC_INIT;
	n.entity = "AAA";
	n.lang = "en";
	n.text = "Aaa Republic";
	n.from = tu_date("1991");
	ck_assert_int_eq(geopol_name_correct(db, first, &n), GEOPOL_OK);
	/* An importer's rows and ORG's attributes (an importer writes them:
	 * not on this store yet), one closed at 1500000. */
	static const char *const raw[] = {
		"INSERT INTO membership(fact_id, org_id, member_id, role, from_lo, from_hi, from_prec, "
		"to_lo, to_hi, to_prec, rec_from, coding) SELECT 900 + v, o.id, e.id, 1, 729000 + v, "
		"729000 + v, 3, 731000, 731000, 3, 1000000, 'test-coding' FROM entity o, entity e, "
		"(SELECT 1 AS v UNION ALL SELECT 2) x WHERE o.code = 'ORG' AND e.code = 'BBB'",
		"INSERT INTO entity_attr(entity_id, key, value, rec_from, rec_to) SELECT id, 'b', "
		"'two \"quoted\" and\ta tab', 1000000, 9223372036854775807 FROM entity WHERE code = 'ORG'",
		"INSERT INTO entity_attr(entity_id, key, value, rec_from, rec_to) SELECT id, 'a', "
		"'Ааа \\ é', 1000000, 9223372036854775807 FROM entity WHERE code = 'ORG'",
		"INSERT INTO entity_attr(entity_id, key, value, rec_from, rec_to) SELECT id, 'B', "
		"'until 1500000', 1000000, 1500000 FROM entity WHERE code = 'ORG'",
		NULL};
	PGconn *c = dbname ? connect_to(dbname) : NULL;
	for (int i = 0; raw[i]; i++) {
		if (c)
			sql_ok(c, raw[i]);
		else
			ck_assert_msg(sqlite3_exec(db->sql, raw[i], NULL, NULL, NULL) == SQLITE_OK, "%s",
				      sqlite3_errmsg(db->sql));
	}
	if (c)
		PQfinish(c);
}

/* The checks of the data and the names, as known before and after the
 * correction: uncited and clipped facts, geopol_check's findings (every
 * rule but the quotes'), an entity's attributes as JSON with escapes,
 * names, resolve of the clashing name. */
START_TEST(test_pg__checks_known_on_as_sqlite)
{
	geopol_db *lite = tu_open();
	geopol_db *pg = open_ok(fresh_db("t_checks"));
	checked_world(lite, NULL);
	checked_world(pg, "t_checks");
	static const int64_t ks[] = {999999, 1200000, 1500000, 2500000, 0};
	for (size_t k = 0; k < sizeof ks / sizeof ks[0]; k++) {
		same_read(lite, pg, &(read_q){.what = Q_UNCITED, .known_at = ks[k]});
		same_read(lite, pg, &(read_q){.what = Q_CLIPPED, .known_at = ks[k]});
		for (int i = 0; i < 4; i++) {
			static const char *const who[] = {"AAA", "BBB", "CCC", "ORG"};
			same_read(lite, pg, &(read_q){.what = Q_NAMES, .a = who[i], .known_at = ks[k]});
			same_read(lite, pg, &(read_q){.what = Q_NAMES, .a = who[i], .type = "en",
						      .d1 = "1990", .known_at = ks[k]});
		}
		geopol_query q = GEOPOL_QUERY_INIT;
		q.known_at = ks[k];
		char *x = NULL, *y = NULL;
		ck_assert_int_eq(geopol_entity_attrs_known(lite, "ORG", &q, &x), GEOPOL_OK);
		ck_assert_int_eq(geopol_entity_attrs_known(pg, "ORG", &q, &y), GEOPOL_OK);
		ck_assert_msg((!x && !y) || (x && y && strcmp(x, y) == 0), "ORG's attributes at %lld: %s "
			      "and %s", (long long)ks[k], x ? x : "NULL", y ? y : "NULL");
		geopol_free(x);
		geopol_free(y);
		same_read(lite, pg, &(read_q){.what = Q_RESOLVE, .a = "aaaland", .text = "aaaland",
					      .known_at = ks[k]});
		same_read(lite, pg, &(read_q){.what = Q_RESOLVE, .a = "Ааастн", .text = "Ааастн",
					      .type = "ru", .known_at = ks[k]});
	}
	/* Not vacuous. */
	char *got = ask_read(pg, &(read_q){.what = Q_UNCITED});
	ck_assert_msg(strstr(got, "BBB Aaaland") == NULL && strstr(got, "AAA Ааастан ru") != NULL &&
		      strstr(got, "ORG CCC member") != NULL && strstr(got, "AAA CCC border") != NULL,
		      "%s", got);
	free(got);
	got = ask_read(pg, &(read_q){.what = Q_RESOLVE, .text = "aaaland"});
	ck_assert_msg(strstr(got, "BBB 1 Aaaland Aaaland en") != NULL, "%s", got);
	free(got);
	char *attrs = NULL;
	ck_assert_int_eq(geopol_entity_attrs(pg, "ORG", &attrs), GEOPOL_OK);
	ck_assert_str_eq(attrs, "{\"a\":\"Ааа \\\\ é\",\"b\":\"two \\\"quoted\\\" and\\ta tab\"}");
	geopol_free(attrs);
	geopol_check_stats a = {0}, b = {0};
	char *x = check_findings(lite, &a), *y = check_findings(pg, &b);
	ck_assert_str_eq(x, y);
	ck_assert_int_eq(a.errors, b.errors);
	ck_assert_int_eq(a.warnings, b.warnings);
	static const char *const rules[] = {" life ", " name-clash ", " overlap ", " person-name ",
					    " clipped ", NULL};
	for (int i = 0; rules[i]; i++)
		ck_assert_msg(strstr(y, rules[i]) != NULL, "no%sfinding: %s", rules[i], y);
	free(x);
	free(y);
	geopol_close(lite);
	geopol_close(pg);
}
END_TEST

/* The statements on the handle's own connection (prepared ones live
 * there only). */
static long long prepared_count(geopol_db *db)
{
	return sql_int((PGconn *)db->pg, "SELECT count(*) FROM pg_prepared_statements");
}

/* A statement is prepared once on a connection and run prepared after
 * that: the same question again prepares nothing new; a rolled-back
 * write keeps them (PostgreSQL's prepared statements are not
 * transactional) and the next write runs as before. */
START_TEST(test_pg__prepared_once)
{
	geopol_db *pg = open_ok(fresh_db("t_prepared"));
	small_world(pg);
	add_membership(pg, "AAA", "2000", NULL);
	char *got = tu_members(pg, "ORG", "2001", 0, 0);
	ck_assert_str_eq(got, "AAA member definite");
	free(got);
	long long n = prepared_count(pg);
	ck_assert_int_gt(n, 5);
	got = tu_members(pg, "ORG", "2002", 0, 0);
	ck_assert_str_eq(got, "AAA member definite");
	free(got);
	ck_assert_int_eq(prepared_count(pg), n);
	ck_assert_int_eq(geopol_begin(pg), GEOPOL_OK);
	add_membership(pg, "BBB", "2000", NULL);
	ck_assert_int_eq(geopol_rollback(pg), GEOPOL_OK);
	add_membership(pg, "BBB", "2001", NULL);
	got = tu_members(pg, "ORG", "2002", 0, 0);
	ck_assert_str_eq(got, "AAA member definite\nBBB member definite");
	free(got);
	geopol_close(pg);
}
END_TEST

/* What this store cannot answer yet says so, once, and nothing crashes. */
/* geopol_sql's rows, "name=value" joined by ' ' a row, rows by '\n'. */
static int collect_sql(void *ctx, const geopol_sql_row *row)
{
	char *out = ctx;
	if (!row->values)
		return 0;
	for (int i = 0; i < row->ncols; i++)
		snprintf(out + strlen(out), 4096 - strlen(out), "%s%s=%s", i ? " " : "",
			 row->names[i], row->values[i] ? row->values[i] : "NULL");
	snprintf(out + strlen(out), 4096 - strlen(out), "\n");
	return 0;
}

/* geopol_sql on a writable PostgreSQL handle: the views answer; a
 * statement that would write is refused with SQLite's message, in any
 * form (a writing CTE passes the first word: the READ ONLY transaction
 * stops it), and nothing is written; two statements are refused with
 * SQLite's message, a ';' in PostgreSQL's quotes ending nothing; inside
 * an open transaction it is refused. */
START_TEST(test_pg__sql)
{
	geopol_db *pg = open_ok(fresh_db("t_sql"));
	small_world(pg);
	add_membership(pg, "AAA", "1990", NULL);
	add_membership(pg, "BBB", "1995-06", "2001");
	char out[4096] = "";
	ck_assert_msg(geopol_sql(pg, "SELECT org, member, role, from_date, to_date, to_last, sources "
				 "FROM v_memberships ORDER BY member", collect_sql, out) == GEOPOL_OK,
		      "%s", geopol_errmsg(pg));
	ck_assert_str_eq(out, "org=ORG member=AAA role=member from_date=1990 to_date=NULL "
			 "to_last=9999-12-31 sources=src\n"
			 "org=ORG member=BBB role=member from_date=1995-06 to_date=2001 "
			 "to_last=2001-12-31 sources=src\n");
	PGconn *c = connect_to("t_sql");
	long long citations = sql_int(c, "SELECT count(*) FROM citation");
	ck_assert_int_gt(citations, 0);
	static const char *const writes[] = {
		"DELETE FROM citation",
		"WITH d AS (DELETE FROM citation RETURNING id) SELECT count(*) FROM d",
		"  /* a comment */ (WITH d AS (DELETE FROM citation RETURNING id) SELECT 1)",
		"SELECT 1 INTO TEMP t",
	};
	for (size_t i = 0; i < sizeof writes / sizeof writes[0]; i++) {
		ck_assert_msg(geopol_sql(pg, writes[i], no_rows, NULL) == GEOPOL_EINVAL, "%s", writes[i]);
		ck_assert_str_eq(geopol_errmsg(pg), "sql: only a statement that reads (SELECT, WITH, "
				 "VALUES) may run here: this one would change the database or the "
				 "connection");
	}
	ck_assert_int_eq(geopol_sql(pg, "SELECT 1; SELECT 2", no_rows, NULL), GEOPOL_EINVAL);
	ck_assert_str_eq(geopol_errmsg(pg), "sql: one statement at a time");
	/* PostgreSQL's own quoting: a ';' in a dollar quote, an E'' string
	 * after an escaped quote, or a nested comment ends nothing. */
	out[0] = '\0';
	ck_assert_msg(geopol_sql(pg, "SELECT $$;$$ AS a, $t$ '; $$ $t$ AS b, E'\\';' AS c "
				 "/* /* ; */ ; */ ;", collect_sql, out) == GEOPOL_OK,
		      "%s", geopol_errmsg(pg));
	ck_assert_str_eq(out, "a=; b= '; $$  c=';\n");
	ck_assert_int_eq(geopol_sql(pg, "SELECT 1 AS a$b$ ; SELECT 2", no_rows, NULL), GEOPOL_EINVAL);
	ck_assert_str_eq(geopol_errmsg(pg), "sql: one statement at a time");
	ck_assert_int_eq(geopol_begin(pg), GEOPOL_OK);
	ck_assert_int_eq(geopol_sql(pg, "SELECT 1", no_rows, NULL), GEOPOL_EMISUSE);
	ck_assert_str_eq(geopol_errmsg(pg), "sql: a transaction is open on this PostgreSQL handle: "
			 "commit or roll it back first");
	ck_assert_int_eq(geopol_rollback(pg), GEOPOL_OK);
	ck_assert_int_eq(sql_int(c, "SELECT count(*) FROM citation"), citations);
	PQfinish(c);
	geopol_close(pg);
}
END_TEST

#else

START_TEST(test_pg__refused_without_libpq)
{
	geopol_db *db = NULL;
	ck_assert_int_eq(geopol_open(&db, "postgresql://h/g", NULL), GEOPOL_EINVAL);
	ck_assert_str_eq(geopol_errmsg(db), "a PostgreSQL database cannot be opened: this geopol was "
			 "built without libpq (install libpq-dev and build again)");
	geopol_close(db);
}
END_TEST

#endif

static Suite *suite(void)
{
	Suite *s = suite_create("pg");
	TCase *tc = tcase_create("store");
	tcase_set_timeout(tc, 120);
#ifdef GEOPOL_HAVE_LIBPQ
	tcase_add_test(tc, test_pg__claims);
	tcase_add_test(tc, test_pg__migrations_once);
	tcase_add_test(tc, test_pg__open_errors);
	tcase_add_test(tc, test_pg__cannot_connect);
	tcase_add_test(tc, test_pg__same_answers_as_sqlite);
	tcase_add_test(tc, test_pg__imprecise_dates);
	tcase_add_test(tc, test_pg__overlap_refused);
	tcase_add_test(tc, test_pg__exclusion_constraint);
	tcase_add_test(tc, test_pg__overlap_across_connections);
	tcase_add_test(tc, test_pg__corrections_known_on);
	tcase_add_test(tc, test_pg__reads_known_on_as_sqlite);
	tcase_add_test(tc, test_pg__checks_known_on_as_sqlite);
	tcase_add_test(tc, test_pg__prepared_once);
	tcase_add_test(tc, test_pg__sql);
	suite_add_tcase(s, tc);
	/* The reads of the built-in dataset, loaded into both stores once. */
	tc = tcase_create("reads");
	tcase_set_timeout(tc, 300);
	tcase_add_unchecked_fixture(tc, reads_setup, reads_teardown);
	tcase_add_test(tc, test_pg__snapshot_and_diff_as_sqlite);
	tcase_add_test(tc, test_pg__events_as_sqlite);
	tcase_add_test(tc, test_pg__walks_and_entities_as_sqlite);
	tcase_add_test(tc, test_pg__names_resolve_checks_as_sqlite);
	tcase_add_test(tc, test_pg__panels_as_sqlite);
#else
	tcase_add_test(tc, test_pg__refused_without_libpq);
#endif
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	return tu_run(suite());
}
