/*
 * check_pg_partition.c - events partitioned by year on the PostgreSQL
 * store (schema/pg/005, lib/store/pg_partition.c), on the throw-away
 * cluster of the CTest fixture `pg`. What a user checks: events of
 * several years, of every precision and of the far past, each in its
 * year's partition (tableoid, pg_inherits), the partitions made as the
 * writes need them and not before; a question about events at a date
 * reads only the partitions of the years its window covers (EXPLAIN
 * ANALYZE of the store's own statement, as prepared once and as prepared
 * for every run); an external id stored in one year refused in another
 * with the message of the SQLite store, nothing written, not even the new
 * year's partition, and that year usable after; the database's own
 * refusal of a duplicate by any other writer; a second connection that
 * goes on reading and writing beside a transaction that made a year, and
 * waits for it only to make a year itself; a version 4 database with
 * events migrated to 5, its rows, views and answers unchanged, and a
 * version 5 one to 6 (schema/pg/006), its keys too; the check of a
 * reference to an event by event_key's index, on a new database and a
 * migrated one; a copy from a SQLite file and back, whose events land in
 * their years.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "test_util.h"
#include "test_pg.h"
#include "store/store.h"

#ifdef GEOPOL_HAVE_LIBPQ
#include "store/pg_internal.h"

#include <libpq-fe.h>
#include <unistd.h>

/* ---- helpers */

static geopol_db *open_ok(const char *path)
{
	geopol_db *db = NULL;
	int rc = geopol_open(&db, path, NULL);
	ck_assert_msg(rc == GEOPOL_OK, "open %s: %s", path, geopol_errmsg(db));
	return db;
}

/* A libpq connection to the database a path opens ("postgresql:" and a
 * conninfo). */
static PGconn *connect_path(const char *path)
{
	return tu_pg_connect(strchr(path, ':') + 1);
}

/* Every row of a query, its columns joined by '|', one line a row. */
static char *rows(PGconn *c, const char *sql)
{
	PGresult *r = PQexec(c, sql);
	ck_assert_msg(PQresultStatus(r) == PGRES_TUPLES_OK, "%s: %s", sql, PQerrorMessage(c));
	size_t cap = 64, len = 0;
	char *s = malloc(cap);
	ck_assert_ptr_nonnull(s);
	s[0] = '\0';
	for (int i = 0; i < PQntuples(r); i++)
		for (int k = 0; k < PQnfields(r); k++) {
			const char *v = PQgetisnull(r, i, k) ? "NULL" : PQgetvalue(r, i, k);
			size_t n = strlen(v) + 2;
			if (len + n + 1 > cap) {
				cap = (len + n + 1) * 2;
				s = realloc(s, cap);
				ck_assert_ptr_nonnull(s);
			}
			len += (size_t)snprintf(s + len, cap - len, "%s%s", v,
						k + 1 < PQnfields(r) ? "|" : "\n");
		}
	PQclear(r);
	return s;
}

static long long sql_int(PGconn *c, const char *sql)
{
	char *s = rows(c, sql);
	long long v = atoll(s);
	free(s);
	return v;
}

static void sql_ok(PGconn *c, const char *sql)
{
	PGresult *r = PQexec(c, sql);
	ck_assert_msg(PQresultStatus(r) == PGRES_COMMAND_OK || PQresultStatus(r) == PGRES_TUPLES_OK,
		      "%s: %s", sql, PQerrorMessage(c));
	PQclear(r);
}

/* Two states and an event type, on either store. */
static void world(geopol_db *db)
{
	static const char *const codes[] = {"AAA", "BBB"};
	for (int i = 0; i < 2; i++) {
		geopol_entity_spec e = GEOPOL_ENTITY_SPEC_INIT;
		e.code = codes[i];
		e.kind = GEOPOL_KIND_STATE;
		ck_assert_msg(geopol_entity_add(db, &e) == GEOPOL_OK, "%s", geopol_errmsg(db));
	}
	ck_assert_int_eq(geopol_event_type_add(db, "042", "Make a visit", 1.9), GEOPOL_OK);
}

/* An event of AAA towards BBB, titled, on a date ("1914", "1816-05",
 * "2022-02-24"). */
static int add_event(geopol_db *db, const char *ext_id, const char *date, const char *title)
{
	geopol_event_spec e = GEOPOL_EVENT_SPEC_INIT;
	e.ext_id = ext_id;
	e.type = "042";
	e.date = tu_date(date);
	geopol_actor_spec who[] = {{"AAA", GEOPOL_ACTOR_SOURCE}, {"BBB", GEOPOL_ACTOR_TARGET}};
	geopol_text_spec text[] = {{"en", title, NULL}};
	e.actors = who;
	e.n_actors = 2;
	e.texts = text;
	e.n_texts = 1;
	return geopol_event_add(db, &e, NULL);
}

/* The events over [from, to) as known at k (0: now): "ext date title"
 * a line, in the answer's order. */
static char *events(geopol_db *db, const char *from, const char *to, int64_t k)
{
	geopol_event_filter f = GEOPOL_EVENT_FILTER_INIT;
	f.from = tu_date(from);
	f.to = tu_date(to);
	geopol_query q = GEOPOL_QUERY_INIT;
	q.known_at = k;
	geopol_iter *it = NULL;
	ck_assert_msg(geopol_events(&it, db, &f, &q) == GEOPOL_OK, "events: %s", geopol_errmsg(db));
	size_t cap = 4096, len = 0;
	char *s = calloc(1, cap);
	ck_assert_ptr_nonnull(s);
	const geopol_item *item;
	int rc;
	while ((rc = geopol_iter_next(it, &item)) == GEOPOL_OK) {
		char d[GEOPOL_DATE_BUFSIZE];
		geopol_date_format(item->event->date, d, sizeof d);
		len += (size_t)snprintf(s + len, cap - len, "%s %s %s\n",
					item->event->ext_id ? item->event->ext_id : "-", d,
					item->event->title ? item->event->title : "-");
		ck_assert(len < cap);
	}
	ck_assert_msg(rc == GEOPOL_ITEROVER, "events: %s", geopol_errmsg(db));
	geopol_iter_free(it);
	return s;
}

#define WHERE_EVENTS "SELECT tableoid::regclass, ext_id FROM event ORDER BY id"
#define PARTITIONS \
	"SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid " \
	"WHERE i.inhparent = 'event'::regclass ORDER BY 1"

/* ---- tests */

/* Events of several years, written in no order of years, of every
 * precision, on both sides of a new year and in years 1 and 800, each in
 * its year's partition, made as the writes needed them; and a day before
 * year 1 (only the store's own put can write one: the API refuses it) in
 * event_before. The questions give the same answers as on SQLite. */
START_TEST(test_partition__years)
{
	char path[1400];
	snprintf(path, sizeof path, "%s", tu_pg_fresh("t_part_years"));
	geopol_db *pg = open_ok(path), *lite = open_ok(":memory:");
	PGconn *c = connect_path(path);
	char *got = rows(c, PARTITIONS);
	ck_assert_str_eq(got, "");
	free(got);
	static const char *const dates[][2] = {
		{"e:1", "2022-02-24"}, {"e:2", "1914"}, {"e:3", "1816-05"}, {"e:4", "1914-12-31"},
		{"e:5", "1915-01-01"}, {"e:6", "0800-12-25"}, {"e:7", "0001-01-01"}, {"e:8", "2022-12"},
		{"e:9", "1917-12-31"},
	};
	geopol_db *both[] = {lite, pg};
	for (int i = 0; i < 2; i++) {
		world(both[i]);
		for (size_t k = 0; k < sizeof dates / sizeof dates[0]; k++)
			ck_assert_msg(add_event(both[i], dates[k][0], dates[k][1], dates[k][1]) ==
				      GEOPOL_OK, "%s", geopol_errmsg(both[i]));
	}
	got = rows(c, WHERE_EVENTS);
	ck_assert_str_eq(got, "event_y2022|e:1\nevent_y1914|e:2\nevent_y1816|e:3\nevent_y1914|e:4\n"
			 "event_y1915|e:5\nevent_y0800|e:6\nevent_y0001|e:7\nevent_y2022|e:8\n"
			 "event_y1917|e:9\n");
	free(got);
	got = rows(c, PARTITIONS);
	ck_assert_str_eq(got, "event_y0001\nevent_y0800\nevent_y1816\nevent_y1914\nevent_y1915\n"
			 "event_y1917\nevent_y2022\n");
	free(got);
	/* Each key names its row's partition, and every row has one. */
	ck_assert_int_eq(sql_int(c, "SELECT count(*) FROM event_key k JOIN event e ON e.id = k.id "
				 "AND e.from_lo = k.from_lo AND e.ext_id = k.ext_id AND "
				 "e.rec_to = k.rec_to AND e.type = k.type"), 9);
	ck_assert_int_eq(sql_int(c, "SELECT count(*) FROM event_key"), 9);
	/* The same answers as SQLite's, over spans across the years. */
	static const char *const spans[][2] = {
		{"0001-01-01", "0002-01-01"}, {"0800-01-01", "0900-01-01"}, {"1914-06-01", "1915-01-02"},
		{"1914-12-31", "1915-01-01"}, {"1816-05-31", "1816-06-01"}, {"2022-02-24", "2022-02-25"},
		{"2022-12-15", "2023-01-01"}, {"1917-12-31", "1918-01-01"}, {"0001-01-01", "9999-01-01"},
	};
	for (size_t k = 0; k < sizeof spans / sizeof spans[0]; k++) {
		char *x = events(lite, spans[k][0], spans[k][1], 0);
		char *y = events(pg, spans[k][0], spans[k][1], 0);
		ck_assert_msg(strcmp(x, y) == 0, "events over [%s, %s): SQLite\n%s\nPostgreSQL\n%s",
			      spans[k][0], spans[k][1], x, y);
		free(x);
		free(y);
	}
	got = events(pg, "1914-06-01", "1915-01-02", 0);
	ck_assert_str_eq(got, "e:2 1914 1914\ne:4 1914-12-31 1914-12-31\ne:5 1915-01-01 1915-01-01\n");
	free(got);
	/* A day before year 1, through the store's own put. */
	gp_fact_put f = {.kind = GEOPOL_FACT_EVENT, .rec_from = 5, .type = "042", .intensity = 0.0 / 0.0,
			 .from = {-3, GEOPOL_DATE_DAY}, .to = GEOPOL_DATE_OPEN_INIT, .ext_id = "e:old"};
	int64_t fact = 0, row = 0;
	ck_assert_int_eq(geopol_begin(pg), GEOPOL_OK);
	ck_assert_msg(gp_store_of(pg)->fact_add(pg, &f, &fact, &row) == GEOPOL_OK, "%s",
		      geopol_errmsg(pg));
	ck_assert_int_eq(geopol_commit(pg), GEOPOL_OK);
	ck_assert_int_eq(sql_int(c, "SELECT count(*) FROM event_before WHERE ext_id = 'e:old'"), 1);
	PQfinish(c);
	geopol_close(pg);
	geopol_close(lite);
}
END_TEST

/* The store's statement of an events question, prepared on c with the
 * types the store gives its parameters, and EXPLAIN ANALYZE of it asked
 * over [d1, d2): the partitions it reads, each line that scans one
 * outside `years` being one that never ran. */
static void reads_only(PGconn *c, const char *mode, const char *d1, const char *d2,
		       const char *const *years)
{
	static const Oid types[] = {20, 20, 20, 20, 20, 20, 25, 25, 20, 20, 25, 20};
	char sql[512];
	snprintf(sql, sizeof sql, "SET plan_cache_mode = %s", mode);
	sql_ok(c, sql);
	sql_ok(c, "DEALLOCATE ALL");
	PGresult *r = PQprepare(c, "q", gp_pg_events_sql(GP_EVENTS_MATCH), 12, types);
	ck_assert_msg(PQresultStatus(r) == PGRES_COMMAND_OK, "prepare: %s", PQerrorMessage(c));
	PQclear(r);
	/* The window of the question, as the store binds it: $3 its first
	 * day, $4 the day after it, $6 "known now". */
	snprintf(sql, sizeof sql, "EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF, SUMMARY OFF) EXECUTE "
		 "q(NULL, NULL, %d, %d, 0, 9223372036854775806, NULL, NULL, NULL, NULL, 'en', 0)",
		 tu_date(d1).day, tu_date(d2).day);
	char *plan = rows(c, sql);
	if (getenv("GEOPOL_TEST_SHOW_PLAN"))
		fprintf(stderr, "%s\n", plan);
	int read = 0;
	for (char *line = strtok(plan, "\n"); line; line = strtok(NULL, "\n")) {
		const char *on = strstr(line, " on event_y");
		if (!on)
			on = strstr(line, " on event_before");
		if (!on)
			on = strstr(line, " on event_after");
		if (!on)
			continue;
		int mine = 0;
		for (size_t k = 0; years[k]; k++)
			mine |= strncmp(on + 4, years[k], strlen(years[k])) == 0;
		ck_assert_msg(mine || strstr(line, "(never executed)"),
			      "%s plan over [%s, %s) reads another year: %s", mode, d1, d2, line);
		read += mine && !strstr(line, "(never executed)");
	}
	ck_assert_msg(read >= 2, "%s plan over [%s, %s) read no partition of its years", mode, d1,
		      d2);
	free(plan);
}

/* A question about events at a date reads the partitions of the years
 * its window covers (a date "2021" may stand for a day in 2022's first
 * days of the window: the window reaches back 366 days), as the first
 * runs plan it with the values and as the prepared statement's generic
 * plan does from the sixth on; and the answer is the events of those
 * days. */
START_TEST(test_partition__question_reads_its_years)
{
	char path[1400];
	snprintf(path, sizeof path, "%s", tu_pg_fresh("t_part_pruned"));
	geopol_db *pg = open_ok(path);
	world(pg);
	static const char *const dates[] = {"1816-05", "1914-06-28", "1990", "2021-12-01",
					    "2022-06-01", "2022-06-15", "2023-03-01", "2024"};
	for (size_t k = 0; k < sizeof dates / sizeof dates[0]; k++) {
		char ext[16];
		snprintf(ext, sizeof ext, "e:%zu", k);
		ck_assert_msg(add_event(pg, ext, dates[k], dates[k]) == GEOPOL_OK, "%s",
			      geopol_errmsg(pg));
	}
	char *got = events(pg, "2022-06-01", "2022-06-02", 0);
	ck_assert_str_eq(got, "e:4 2022-06-01 2022-06-01\n");
	free(got);
	PGconn *c = connect_path(path);
	sql_ok(c, "ANALYZE event");
	static const char *const y22[] = {"event_y2021 ", "event_y2022 ", NULL};
	reads_only(c, "force_custom_plan", "2022-06-01", "2022-06-02", y22);
	reads_only(c, "force_generic_plan", "2022-06-01", "2022-06-02", y22);
	static const char *const y14[] = {"event_y1913 ", "event_y1914 ", NULL};
	reads_only(c, "force_custom_plan", "1914-06-28", "1914-06-29", y14);
	reads_only(c, "force_generic_plan", "1914-06-28", "1914-06-29", y14);
	PQfinish(c);
	geopol_close(pg);
}
END_TEST

/* An external id stored in one year, written again in another: refused
 * with the SQLite store's message, nothing written (no row, no key, no
 * actor, not even the partition of the new year, made for the write and
 * taken back with it); that year then takes another event. By any other
 * writer (SQL, COPY), the database refuses it. A correction that moves
 * the event to another year keeps its id: the old version's key is
 * closed with it. */
START_TEST(test_partition__external_id_across_years)
{
	char path[1400];
	snprintf(path, sizeof path, "%s", tu_pg_fresh("t_part_ext"));
	geopol_db *pg = open_ok(path), *lite = open_ok(":memory:");
	world(pg);
	world(lite);
	ck_assert_int_eq(add_event(pg, "gdelt:1", "2021-03-01", "first"), GEOPOL_OK);
	ck_assert_int_eq(add_event(lite, "gdelt:1", "2021-03-01", "first"), GEOPOL_OK);
	PGconn *c = connect_path(path);
	static const char count_all[] = "SELECT (SELECT count(*) FROM event) || ' ' || "
		"(SELECT count(*) FROM event_key) || ' ' || (SELECT count(*) FROM event_actor) || ' ' "
		"|| (SELECT count(*) FROM event_text) || ' ' || (SELECT count(*) FROM citation)";
	char *before = rows(c, count_all);
	ck_assert_str_eq(before, "1 1 2 1 0\n");
	ck_assert_int_eq(add_event(lite, "gdelt:1", "2023-07-01", "again"), GEOPOL_ECONFLICT);
	ck_assert_int_eq(add_event(pg, "gdelt:1", "2023-07-01", "again"), GEOPOL_ECONFLICT);
	ck_assert_str_eq(geopol_errmsg(pg), geopol_errmsg(lite));
	ck_assert_str_eq(geopol_errmsg(pg), "an event with id 'gdelt:1' exists already");
	char *after = rows(c, count_all);
	ck_assert_str_eq(after, before);
	free(after);
	char *parts = rows(c, PARTITIONS);
	ck_assert_str_eq(parts, "event_y2021\n");
	free(parts);
	/* 2023 still takes an event: its partition is made again. */
	ck_assert_msg(add_event(pg, "gdelt:2", "2023-07-01", "other") == GEOPOL_OK, "%s",
		      geopol_errmsg(pg));
	char *where = rows(c, WHERE_EVENTS);
	ck_assert_str_eq(where, "event_y2021|gdelt:1\nevent_y2023|gdelt:2\n");
	free(where);
	/* In one transaction, the refused write's savepoint takes the
	 * partition back; the transaction goes on and makes it again. */
	ck_assert_int_eq(geopol_begin(pg), GEOPOL_OK);
	ck_assert_int_eq(add_event(pg, "gdelt:1", "1999-01-01", "again"), GEOPOL_ECONFLICT);
	ck_assert_msg(add_event(pg, "gdelt:3", "1999-02-01", "third") == GEOPOL_OK, "%s",
		      geopol_errmsg(pg));
	ck_assert_int_eq(geopol_commit(pg), GEOPOL_OK);
	where = rows(c, WHERE_EVENTS);
	ck_assert_str_eq(where, "event_y2021|gdelt:1\nevent_y2023|gdelt:2\nevent_y1999|gdelt:3\n");
	free(where);
	/* Any other writer: refused by the database itself, in another
	 * year's partition too. */
	PGresult *r = PQexec(c, "INSERT INTO event(fact_id, ext_id, type, from_lo, from_hi, "
			     "from_prec, to_lo, to_hi, to_prec, rec_from) SELECT 0, 'gdelt:1', '042', "
			     "from_lo, from_hi, from_prec, to_lo, to_hi, to_prec, 1 FROM event WHERE "
			     "ext_id = 'gdelt:3'");
	ck_assert_str_eq(PQresultErrorField(r, PG_DIAG_SQLSTATE), "23505");
	ck_assert_str_eq(PQresultErrorField(r, PG_DIAG_CONSTRAINT_NAME), "event_key_ext");
	PQclear(r);
	/* An actor of no event version is refused, as before. */
	r = PQexec(c, "INSERT INTO event_actor(event_id, entity_id, role) VALUES (999, 1, 1)");
	ck_assert_str_eq(PQresultErrorField(r, PG_DIAG_SQLSTATE), "23503");
	PQclear(r);
	/* A correction to another year: the new version in 2024 under the
	 * same fact and external id, the old one closed, its key too. */
	geopol_event_spec e = GEOPOL_EVENT_SPEC_INIT;
	e.ext_id = "gdelt:1";
	e.type = "042";
	e.date = tu_date("2024-01-05");
	geopol_actor_spec who[] = {{"AAA", GEOPOL_ACTOR_SOURCE}};
	e.actors = who;
	e.n_actors = 1;
	ck_assert_msg(geopol_event_correct(pg, 1, &e) == GEOPOL_OK, "%s", geopol_errmsg(pg));
	where = rows(c, "SELECT tableoid::regclass, fact_id, ext_id, rec_to = 9223372036854775807, "
		     "(SELECT k.rec_to = e.rec_to FROM event_key k WHERE k.id = e.id) FROM event e "
		     "WHERE ext_id = 'gdelt:1' ORDER BY id");
	ck_assert_str_eq(where, "event_y2021|1|gdelt:1|f|t\nevent_y2024|1|gdelt:1|t|t\n");
	free(where);
	free(before);
	PQfinish(c);
	geopol_close(pg);
	geopol_close(lite);
}
END_TEST

/* Two connections: while one's transaction holds a year's partition it
 * made, the other reads events and writes in a year that has its
 * partition without waiting; a year it must make waits for the first
 * transaction to end (with a short busy timeout it gives up as busy,
 * having written nothing), and once that commits it finds the first's
 * year made and makes its own. A transaction that declared an event type
 * holds up no one making a year (the reference to event_type is on
 * event_key, not on the partitions). */
START_TEST(test_partition__two_writers)
{
	char path[1400];
	snprintf(path, sizeof path, "%s", tu_pg_fresh("t_part_two"));
	geopol_db *a = open_ok(path), *b = NULL;
	world(a);
	ck_assert_int_eq(add_event(a, "w:0", "2022-01-01", "zero"), GEOPOL_OK);
	geopol_open_options o = GEOPOL_OPEN_OPTIONS_INIT;
	o.busy_timeout_ms = 200;
	ck_assert_int_eq(geopol_open(&b, path, &o), GEOPOL_OK);
	ck_assert_int_eq(geopol_begin(a), GEOPOL_OK);
	ck_assert_int_eq(add_event(a, "w:1", "1990-05-01", "one"), GEOPOL_OK);
	char *got = events(b, "2022-01-01", "2023-01-01", 0);
	ck_assert_str_eq(got, "w:0 2022-01-01 zero\n");
	free(got);
	ck_assert_msg(add_event(b, "w:2", "2022-02-01", "two") == GEOPOL_OK, "%s", geopol_errmsg(b));
	ck_assert_int_eq(add_event(b, "w:3", "1991-05-01", "three"), GEOPOL_EBUSY);
	ck_assert_msg(strstr(geopol_errmsg(b), "making the partition of an event's year: another "
			     "connection holds what this needs") != NULL, "%s", geopol_errmsg(b));
	ck_assert_int_eq(add_event(b, "w:4", "1990-06-01", "four"), GEOPOL_EBUSY);
	PGconn *c = connect_path(path);
	got = rows(c, WHERE_EVENTS);
	ck_assert_str_eq(got, "event_y2022|w:0\nevent_y2022|w:2\n");
	free(got);
	ck_assert_int_eq(geopol_commit(a), GEOPOL_OK);
	ck_assert_msg(add_event(b, "w:4", "1990-06-01", "four") == GEOPOL_OK, "%s", geopol_errmsg(b));
	ck_assert_msg(add_event(b, "w:3", "1991-05-01", "three") == GEOPOL_OK, "%s", geopol_errmsg(b));
	got = rows(c, WHERE_EVENTS);
	ck_assert_str_eq(got, "event_y2022|w:0\nevent_y1990|w:1\nevent_y2022|w:2\n"
			 "event_y1990|w:4\nevent_y1991|w:3\n");
	free(got);
	got = rows(c, PARTITIONS);
	ck_assert_str_eq(got, "event_y1990\nevent_y1991\nevent_y2022\n");
	free(got);
	/* A transaction that declared an event type (an import's does) and
	 * wrote in a year that was there holds up no one making a year. */
	ck_assert_int_eq(geopol_begin(a), GEOPOL_OK);
	ck_assert_int_eq(geopol_event_type_add(a, "043", "Host a visit", 2.8), GEOPOL_OK);
	ck_assert_int_eq(add_event(a, "w:5", "2022-03-01", "five"), GEOPOL_OK);
	ck_assert_msg(add_event(b, "w:6", "1700-01-01", "six") == GEOPOL_OK, "%s", geopol_errmsg(b));
	ck_assert_int_eq(geopol_commit(a), GEOPOL_OK);
	got = rows(c, "SELECT tableoid::regclass FROM event WHERE ext_id = 'w:6'");
	ck_assert_str_eq(got, "event_y1700\n");
	free(got);
	PQfinish(c);
	geopol_close(b);
	geopol_close(a);
}
END_TEST

/* The migrations as the library embeds them (pg_store.c). */
struct gp_migration { int version; const char *name; const char *sql; };
extern const struct gp_migration gp_pg_migrations[];

/* Migration `version` applied and recorded, as the library does it. */
static void apply_version(PGconn *c, int version)
{
	for (const struct gp_migration *m = gp_pg_migrations; m->sql; m++) {
		if (m->version != version)
			continue;
		sql_ok(c, m->sql); /* one implicit transaction, as PQexec runs it */
		char sql[256];
		snprintf(sql, sizeof sql, "INSERT INTO geopol_schema_version VALUES (%d, '%s', 1)",
			 m->version, m->name);
		sql_ok(c, sql);
		return;
	}
	ck_abort_msg("no migration %d", version);
}

/* A version 4 database, as geopol made it before version 5: the
 * migrations 1 to 4 applied and recorded. */
static void make_v4(PGconn *c)
{
	sql_ok(c, "CREATE TABLE geopol_schema_version (version integer PRIMARY KEY, name text NOT "
		  "NULL, applied bigint NOT NULL)");
	for (int v = 1; v <= 4; v++)
		apply_version(c, v);
}

/* Events of version 4 as its writes left them: three facts, one corrected
 * (two versions, the first closed at 200), in 1816, 1914 and 2022, with
 * actors, titles, a dataset's fields and citations. */
static void v4_events(PGconn *c)
{
	sql_ok(c, "INSERT INTO source(code, title, rec_from) VALUES ('src', 'A source', 10)");
	sql_ok(c, "INSERT INTO entity(code, kind, from_lo, from_hi, from_prec, to_lo, to_hi, to_prec, "
		  "rec_from) VALUES ('AAA', 1, -2147483648, -2147483648, 0, 2147483647, 2147483647, "
		  "0, 10), ('BBB', 1, -2147483648, -2147483648, 0, 2147483647, 2147483647, 0, 10)");
	sql_ok(c, "INSERT INTO event_type(code, name, goldstein) VALUES ('042', 'Make a visit', 1.9)");
	static const struct { int id, fact; const char *ext, *date; long long from, to; } v[] = {
		{1, 1, "x:1", "1914-06-28", 100, 200}, {2, 2, NULL, "1816", 100, 0},
		{3, 1, "x:1", "1914-07-28", 200, 0},   {4, 4, "x:4", "2022-02-24", 300, 0},
	};
	for (size_t i = 0; i < sizeof v / sizeof v[0]; i++) {
		geopol_date d = tu_date(v[i].date);
		char sql[1024];
		snprintf(sql, sizeof sql, "INSERT INTO event(id, fact_id, ext_id, type, intensity, "
			 "from_lo, from_hi, from_prec, to_lo, to_hi, to_prec, rec_from, rec_to) VALUES "
			 "(%d, %d, %s%s%s, '042', 2.5, %d, %d, %d, 2147483647, 2147483647, 0, %lld, "
			 "%lld)", v[i].id, v[i].fact, v[i].ext ? "'" : "", v[i].ext ? v[i].ext : "NULL",
			 v[i].ext ? "'" : "", d.day, geopol_date_last_day(d), d.precision, v[i].from,
			 v[i].to ? v[i].to : 9223372036854775807LL);
		sql_ok(c, sql);
		snprintf(sql, sizeof sql, "INSERT INTO event_actor VALUES (%d, 1, 1), (%d, 2, 2); "
			 "INSERT INTO event_text VALUES (%d, 'en', 'visit %d', NULL); INSERT INTO "
			 "citation(source_id, event_id, quote) VALUES (1, %d, 'q%d')", v[i].id, v[i].id,
			 v[i].id, v[i].id, v[i].id, v[i].id);
		sql_ok(c, sql);
	}
	sql_ok(c, "INSERT INTO event_detail(event_id, quad_class, num_mentions, attrs) VALUES "
		  "(4, 1, 12, '{\"Actor1Code\":\"AAA\"}')");
	sql_ok(c, "SELECT setval(pg_get_serial_sequence('event', 'id'), 4)");
}

/* What a user reads of the events in SQL: every column of every version
 * and of what refers to it, and the views. */
static char *v4_state(PGconn *c)
{
	static const char *const q[] = {
		"SELECT * FROM event ORDER BY id", "SELECT * FROM event_actor ORDER BY 1, 2, 3",
		"SELECT * FROM event_text ORDER BY 1, 2", "SELECT * FROM event_detail ORDER BY 1",
		"SELECT * FROM citation ORDER BY id", "SELECT * FROM v_events ORDER BY id",
		"SELECT * FROM v_event_actors ORDER BY 1, 2, 3", "SELECT * FROM v_citations ORDER BY 1, 2",
	};
	size_t cap = 1, len = 0;
	char *all = calloc(1, cap);
	for (size_t i = 0; i < sizeof q / sizeof q[0]; i++) {
		char *s = rows(c, q[i]);
		cap = len + strlen(s) + strlen(q[i]) + 3;
		all = realloc(all, cap);
		ck_assert_ptr_nonnull(all);
		len += (size_t)snprintf(all + len, cap - len, "%s\n%s\n", q[i], s);
		free(s);
	}
	return all;
}

/* A version 4 database with events, opened: migrated by 5 with its events
 * kept, row for row, in their years' partitions, each with its key; the
 * views and the answers as before, as known now and before the
 * correction; the next event after the ids it had; its references and
 * its external ids held as before. */
START_TEST(test_partition__v4_migrates)
{
	char path[1400];
	snprintf(path, sizeof path, "%s", tu_pg_fresh("t_part_v4"));
	PGconn *c = connect_path(path);
	make_v4(c);
	v4_events(c);
	char *before = v4_state(c);
	ck_assert_ptr_nonnull(strstr(before, "visit 3|AAA; BBB|src"));
	geopol_db *pg = open_ok(path);
	ck_assert_int_eq(geopol_schema_version(pg), 6);
	char *after = v4_state(c);
	ck_assert_str_eq(after, before);
	char *got = rows(c, "SELECT e.tableoid::regclass, e.id, k.from_lo = e.from_lo, k.ext_id, "
			 "k.rec_to = e.rec_to FROM event e JOIN event_key k ON k.id = e.id ORDER BY id");
	ck_assert_str_eq(got, "event_y1914|1|t|x:1|t\nevent_y1816|2|t|NULL|t\n"
			 "event_y1914|3|t|x:1|t\nevent_y2022|4|t|x:4|t\n");
	free(got);
	got = events(pg, "1800-01-01", "2100-01-01", 0);
	ck_assert_str_eq(got, "- 1816 visit 2\nx:1 1914-07-28 visit 3\nx:4 2022-02-24 visit 4\n");
	free(got);
	got = events(pg, "1800-01-01", "2100-01-01", 150);
	ck_assert_str_eq(got, "- 1816 visit 2\nx:1 1914-06-28 visit 1\n");
	free(got);
	/* Ids go on after the ones the database had. */
	ck_assert_int_eq(add_event(pg, "x:5", "1990-10-03", "new"), GEOPOL_OK);
	ck_assert_int_eq(sql_int(c, "SELECT id FROM event WHERE ext_id = 'x:5'"), 5);
	ck_assert_int_eq(add_event(pg, "x:4", "1990-10-04", "again"), GEOPOL_ECONFLICT);
	ck_assert_str_eq(geopol_errmsg(pg), "an event with id 'x:4' exists already");
	PGresult *r = PQexec(c, "DELETE FROM event WHERE id = 4");
	ck_assert_str_eq(PQresultErrorField(r, PG_DIAG_SQLSTATE), "23503");
	PQclear(r);
	free(before);
	free(after);
	PQfinish(c);
	geopol_close(pg);
}
END_TEST

/* The plan a connection keeps for the check PostgreSQL runs for each row
 * that refers to an event version (its text in ri_triggers.c), prepared
 * and run as the check is: after five runs with a key stored, the plan it
 * keeps for the rest of the connection, whatever the table grows to. */
static char *key_check_plan(PGconn *c)
{
	sql_ok(c, "PREPARE key_check(bigint) AS SELECT 1 FROM ONLY event_key x WHERE id = $1 "
		  "FOR KEY SHARE OF x");
	char run[64], explain[80];
	snprintf(run, sizeof run, "EXECUTE key_check(%lld)", sql_int(c, "SELECT min(id) FROM event_key"));
	snprintf(explain, sizeof explain, "EXPLAIN %s", run);
	for (int i = 0; i < 6; i++)
		sql_ok(c, run);
	char *plan = rows(c, explain);
	sql_ok(c, "DEALLOCATE key_check");
	return plan;
}

/* A new database, one event written: the check of a reference to an event
 * goes by event_key's primary key, not by reading every key (schema/pg/006:
 * version 5 left the table analyzed while empty, and a connection kept a
 * sequential scan, one per actor, text and citation, each reading every
 * key written before it in the transaction). */
START_TEST(test_partition__key_check_by_index)
{
	char path[1400];
	snprintf(path, sizeof path, "%s", tu_pg_fresh("t_part_keycheck"));
	geopol_db *pg = open_ok(path);
	ck_assert_int_eq(geopol_schema_version(pg), 6);
	world(pg);
	ck_assert_int_eq(add_event(pg, "k:1", "2022-02-24", "one"), GEOPOL_OK);
	PGconn *c = connect_path(path);
	char *plan = key_check_plan(c);
	ck_assert_msg(strstr(plan, "Index Scan using event_key_pkey on event_key x") &&
		      !strstr(plan, "Seq Scan"), "the key check's plan:\n%s", plan);
	free(plan);
	PQfinish(c);
	geopol_close(pg);
}
END_TEST

/* A version 5 database with events (version 4's, moved by migration 5),
 * opened: migrated to 6 with its events, keys and references kept row for
 * row, the views and answers as before, the key check by index; the
 * references and the external ids held as before, nothing written by a
 * refused write, and the next event after the ids it had. */
START_TEST(test_partition__v5_migrates)
{
	char path[1400];
	snprintf(path, sizeof path, "%s", tu_pg_fresh("t_part_v5"));
	PGconn *c = connect_path(path);
	make_v4(c);
	v4_events(c);
	apply_version(c, 5);
	static const char keys_sql[] = "SELECT * FROM event_key ORDER BY id";
	char *before = v4_state(c), *keys_before = rows(c, keys_sql);
	ck_assert_str_eq(keys_before, "1|698886|x:1|200|042\n2|662914|NULL|9223372036854775807|042\n"
			 "3|698916|x:1|9223372036854775807|042\n4|738209|x:4|9223372036854775807|042\n");
	char *plan = key_check_plan(c);
	ck_assert_msg(strstr(plan, "Seq Scan on event_key x"), "version 5's plan:\n%s", plan);
	free(plan);
	geopol_db *pg = open_ok(path);
	ck_assert_int_eq(geopol_schema_version(pg), 6);
	char *after = v4_state(c), *keys_after = rows(c, keys_sql);
	ck_assert_str_eq(after, before);
	ck_assert_str_eq(keys_after, keys_before);
	PQfinish(c);
	c = connect_path(path); /* a connection of its own, as a writer's */
	plan = key_check_plan(c);
	ck_assert_msg(strstr(plan, "Index Scan using event_key_pkey on event_key x") &&
		      !strstr(plan, "Seq Scan"), "the key check's plan:\n%s", plan);
	free(plan);
	char *got = events(pg, "1800-01-01", "2100-01-01", 150);
	ck_assert_str_eq(got, "- 1816 visit 2\nx:1 1914-06-28 visit 1\n");
	free(got);
	/* The references and the external ids, held by the new table. */
	PGresult *r = PQexec(c, "DELETE FROM event WHERE id = 4");
	ck_assert_str_eq(PQresultErrorField(r, PG_DIAG_SQLSTATE), "23503");
	PQclear(r);
	r = PQexec(c, "INSERT INTO event_actor VALUES (99, 1, 1)");
	ck_assert_str_eq(PQresultErrorField(r, PG_DIAG_SQLSTATE), "23503");
	PQclear(r);
	/* Ids go on after the ones the database had. */
	ck_assert_int_eq(add_event(pg, "x:5", "1990-10-03", "new"), GEOPOL_OK);
	ck_assert_int_eq(sql_int(c, "SELECT id FROM event_key WHERE ext_id = 'x:5'"), 5);
	free(before);
	before = v4_state(c);
	free(keys_before);
	keys_before = rows(c, keys_sql);
	ck_assert_int_eq(add_event(pg, "x:4", "1990-10-04", "again"), GEOPOL_ECONFLICT);
	ck_assert_str_eq(geopol_errmsg(pg), "an event with id 'x:4' exists already");
	char *unchanged = v4_state(c), *keys_unchanged = rows(c, keys_sql);
	ck_assert_str_eq(unchanged, before);
	ck_assert_str_eq(keys_unchanged, keys_before);
	free(before);
	free(after);
	free(unchanged);
	free(keys_before);
	free(keys_after);
	free(keys_unchanged);
	PQfinish(c);
	geopol_close(pg);
}
END_TEST

/* A SQLite file's events, written in no order of years, copied into a new
 * PostgreSQL database: each in its year's partition (the copy makes them
 * as the rows come), with its key; copied back, the same rows and the
 * same answers. */
START_TEST(test_partition__copy_round_trip)
{
	char dir[] = "/tmp/geopol-part-XXXXXX", file[64], back[64];
	ck_assert_ptr_nonnull(mkdtemp(dir));
	snprintf(file, sizeof file, "%s/src.db", dir);
	snprintf(back, sizeof back, "%s/back.db", dir);
	geopol_db *lite = open_ok(file);
	world(lite);
	static const char *const dates[] = {"2022-02-24", "1816", "2022-03", "0800-12-25",
					    "1914-06-28", "1816-05-01"};
	for (size_t k = 0; k < sizeof dates / sizeof dates[0]; k++) {
		char ext[16];
		snprintf(ext, sizeof ext, "c:%zu", k);
		ck_assert_int_eq(add_event(lite, ext, dates[k], dates[k]), GEOPOL_OK);
	}
	char path[1400];
	snprintf(path, sizeof path, "%s", tu_pg_fresh("t_part_copy"));
	geopol_db *pg = open_ok(path);
	ck_assert_msg(geopol_copy(pg, lite, NULL) == GEOPOL_OK, "%s", geopol_errmsg(pg));
	PGconn *c = connect_path(path);
	char *got = rows(c, WHERE_EVENTS);
	ck_assert_str_eq(got, "event_y2022|c:0\nevent_y1816|c:1\nevent_y2022|c:2\nevent_y0800|c:3\n"
			 "event_y1914|c:4\nevent_y1816|c:5\n");
	free(got);
	ck_assert_int_eq(sql_int(c, "SELECT count(*) FROM event_key k JOIN event e ON e.id = k.id "
				 "AND e.from_lo = k.from_lo AND e.ext_id = k.ext_id"), 6);
	geopol_db *again = open_ok(back);
	ck_assert_msg(geopol_copy(again, pg, NULL) == GEOPOL_OK, "%s", geopol_errmsg(again));
	char *x = events(lite, "0001-01-01", "9999-01-01", 0);
	char *y = events(pg, "0001-01-01", "9999-01-01", 0);
	char *z = events(again, "0001-01-01", "9999-01-01", 0);
	ck_assert_str_eq(y, x);
	ck_assert_str_eq(z, x);
	ck_assert_str_eq(x, "c:3 0800-12-25 0800-12-25\nc:1 1816 1816\nc:5 1816-05-01 1816-05-01\n"
			 "c:4 1914-06-28 1914-06-28\nc:0 2022-02-24 2022-02-24\nc:2 2022-03 2022-03\n");
	free(x);
	free(y);
	free(z);
	/* New writes after the copy take the next id, in a year the copy made
	 * and in one it did not. */
	ck_assert_int_eq(add_event(pg, "c:6", "1816-07-01", "after"), GEOPOL_OK);
	ck_assert_int_eq(add_event(pg, "c:7", "1700-07-01", "after"), GEOPOL_OK);
	got = rows(c, "SELECT tableoid::regclass, id FROM event WHERE ext_id IN ('c:6', 'c:7') ORDER BY id");
	ck_assert_str_eq(got, "event_y1816|7\nevent_y1700|8\n");
	free(got);
	PQfinish(c);
	geopol_close(again);
	geopol_close(pg);
	geopol_close(lite);
	unlink(file);
	unlink(back);
	rmdir(dir);
}
END_TEST

#else

START_TEST(test_partition__without_libpq)
{
	geopol_db *db = NULL;
	ck_assert_int_eq(geopol_open(&db, "postgresql://h/g", NULL), GEOPOL_EINVAL);
	geopol_close(db);
}
END_TEST

#endif

static Suite *suite(void)
{
	Suite *s = suite_create("pg_partition");
	TCase *tc = tcase_create("partition");
	tcase_set_timeout(tc, 120);
#ifdef GEOPOL_HAVE_LIBPQ
	tcase_add_test(tc, test_partition__years);
	tcase_add_test(tc, test_partition__question_reads_its_years);
	tcase_add_test(tc, test_partition__external_id_across_years);
	tcase_add_test(tc, test_partition__two_writers);
	tcase_add_test(tc, test_partition__v4_migrates);
	tcase_add_test(tc, test_partition__v5_migrates);
	tcase_add_test(tc, test_partition__key_check_by_index);
	tcase_add_test(tc, test_partition__copy_round_trip);
#else
	tcase_add_test(tc, test_partition__without_libpq);
#endif
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	return tu_run(suite());
}
