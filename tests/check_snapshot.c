/*
 * check_snapshot.c - the snapshot iterator (lib/query/snapshot.c) and the
 * streaming JSON writer of the exports (lib/io/json_item.c): the citations the
 * snapshot streams by merge join are the ones geopol_iter_citations' own
 * query finds, the exports' JSON rows are geopol_iter_json's bytes, NDJSON
 * parses line by line, and the plans stay scans without sorts (the SQLite
 * store's; the rest on PostgreSQL too with GEOPOL_TEST_PG=1); on the small
 * world of common_util.c, nodes come before edges.
 */
#include <check.h>
#include <cjson/cJSON.h>
#include <glob.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "test_util.h"
#include "io/export_internal.h"

static geopol_db *db;

/* The built-in dataset (the JSON files of data/), fresh for each test. */
static void load(void)
{
	db = tu_open_dataset();
}

static void unload(void)
{
	geopol_close(db);
	db = NULL;
}

static const char *const dates[] = {"1950-01-01", "1991-12-26", "2004-05", "2022-01-06", "2025"};
#define N_DATES (sizeof dates / sizeof dates[0])

static int same_str(const char *a, const char *b)
{
	return (!a && !b) || (a && b && strcmp(a, b) == 0);
}

/* The citations of one fact row, as geopol_iter_citations' query has them. */
typedef struct cites_seen {
	int64_t row;
	const geopol_citation *c;
	size_t n, i;
} cites_seen;

static void cite_row(void *ctx, int n, const char *const *v)
{
	cites_seen *s = ctx;
	ck_assert_int_eq(n, 3);
	ck_assert_msg(s->i < s->n, "row %lld: more citations in SQL than streamed", (long long)s->row);
	ck_assert_str_eq(v[0], s->c[s->i].source);
	ck_assert(same_str(v[1], s->c[s->i].title));
	ck_assert(same_str(v[2], s->c[s->i].quote));
	s->i++;
}

static void check_cites_sql(int kind, int64_t row, const geopol_citation *c, size_t n)
{
	static const char *const sql[] = {
		"SELECT s.code, s.title, c.quote FROM citation c JOIN source s ON s.id = c.source_id "
		"WHERE c.membership_id = $1 ORDER BY c.id",
		"SELECT s.code, s.title, c.quote FROM citation c JOIN source s ON s.id = c.source_id "
		"WHERE c.relation_id = $1 ORDER BY c.id"};
	cites_seen seen = {row, c, n, 0};
	tu_each(db, sql[kind == GEOPOL_FACT_MEMBERSHIP ? 0 : 1], 1, (tu_param[]){TU_INT(row)}, cite_row,
		&seen);
	ck_assert_msg(seen.i == n, "row %lld: %zu citations in SQL, %zu streamed", (long long)row, seen.i,
		      n);
}

/* Every edge's streamed citations equal the SQL answer; `every` asks only
 * one item in so many (the merge then skips or seeks), twice when `twice`. */
static size_t check_all_citations(const char *at, int every, int twice)
{
	geopol_iter *it;
	ck_assert_int_eq(geopol_snapshot(&it, db, tu_date(at), NULL), GEOPOL_OK);
	const geopol_item *item;
	size_t k = 0, checked = 0, cited = 0;
	int rc;
	while ((rc = geopol_iter_next(it, &item)) == GEOPOL_OK) {
		if (item->kind == GEOPOL_ITEM_ENTITY || k++ % (size_t)every)
			continue;
		for (int r = 0; r <= twice; r++) {
			const geopol_citation *c;
			size_t n;
			ck_assert_int_eq(geopol_iter_citations(it, &c, &n), GEOPOL_OK);
			check_cites_sql(it->cite_kind, it->cite_row, c, n);
			cited += n > 0;
		}
		checked++;
	}
	ck_assert_int_eq(rc, GEOPOL_ITEROVER);
	geopol_iter_free(it);
	ck_assert_uint_gt(cited, 0);
	return checked;
}

START_TEST(test_snapshot_citations__streamed_equal_sql)
{
	size_t total = 0;
	for (size_t d = 0; d < N_DATES; d++)
		total += check_all_citations(dates[d], 1, 0);
	ck_assert_uint_gt(total, 1000);
}
END_TEST

START_TEST(test_snapshot_citations__sparse_and_repeated_asks)
{
	for (size_t d = 0; d < N_DATES; d++) {
		check_all_citations(dates[d], 3, 1);
		check_all_citations(dates[d], 97, 0);
	}
}
END_TEST

/* A relation and a membership cited several times, with quotes and one
 * uncited: the run of citations of each row, in citation order. */
START_TEST(test_snapshot_citations__several_per_fact)
{
	geopol_db *m = tu_open();
	ck_assert_int_eq(tu_import(m, TU_WORLD), GEOPOL_OK);
	geopol_entity_spec es = GEOPOL_ENTITY_SPEC_INIT;
	es.kind = GEOPOL_KIND_STATE;
	es.code = "DDD";
	ck_assert_int_eq(geopol_entity_add(m, &es), GEOPOL_OK);
	es.code = "EEE";
	ck_assert_int_eq(geopol_entity_add(m, &es), GEOPOL_OK);
	geopol_membership_spec ms = GEOPOL_MEMBERSHIP_SPEC_INIT;
	ms.org = "ORG";
	ms.member = "DDD";
	ms.from = tu_date("2001");
	int64_t fid;
	ck_assert_int_eq(geopol_membership_add(m, &ms, &fid), GEOPOL_OK);
	ck_assert_int_eq(geopol_cite(m, GEOPOL_FACT_MEMBERSHIP, fid, "news", "first \"quoted\"\n"),
			 GEOPOL_OK);
	ck_assert_int_eq(geopol_cite(m, GEOPOL_FACT_MEMBERSHIP, fid, "treaty", NULL), GEOPOL_OK);
	ms.member = "EEE";
	ck_assert_int_eq(geopol_membership_add(m, &ms, NULL), GEOPOL_OK);
	geopol_iter *it;
	ck_assert_int_eq(geopol_snapshot(&it, m, tu_date("2010-01-01"), NULL), GEOPOL_OK);
	const geopol_item *item;
	int seen = 0;
	while (geopol_iter_next(it, &item) == GEOPOL_OK) {
		if (item->kind != GEOPOL_ITEM_MEMBERSHIP || strcmp(item->membership->org, "ORG"))
			continue;
		const geopol_citation *c;
		size_t n;
		ck_assert_int_eq(geopol_iter_citations(it, &c, &n), GEOPOL_OK);
		if (strcmp(item->membership->member, "DDD") == 0) {
			ck_assert_uint_eq(n, 2);
			ck_assert_str_eq(c[0].source, "news");
			ck_assert_str_eq(c[0].quote, "first \"quoted\"\n");
			ck_assert_str_eq(c[1].source, "treaty");
			ck_assert_ptr_null(c[1].quote);
			seen++;
		} else if (strcmp(item->membership->member, "EEE") == 0) {
			ck_assert_uint_eq(n, 0);
			seen++;
		}
	}
	geopol_iter_free(it);
	ck_assert_int_eq(seen, 2);
	geopol_close(m);
}
END_TEST

/* The exports' JSON rows are geopol_iter_json's bytes, "record" aside. */
START_TEST(test_snapshot_json__writer_equals_iter_json)
{
	char *buf = malloc(GP_OUT_BUFSIZE);
	for (size_t d = 0; d < N_DATES; d++) {
		geopol_iter *it;
		ck_assert_int_eq(geopol_snapshot(&it, db, tu_date(dates[d]), NULL), GEOPOL_OK);
		const geopol_item *item;
		while (geopol_iter_next(it, &item) == GEOPOL_OK) {
			char *ref;
			ck_assert_int_eq(geopol_iter_json(it, &ref), GEOPOL_OK);
			/* a gp_out with no writer call: the row fits the buffer */
			gp_out o = {NULL, NULL, 0, buf, 0};
			ck_assert_int_eq(gp_item_json_write(&o, it, item, 0, 1), GEOPOL_OK);
			ck_assert_uint_lt(o.len, GP_OUT_BUFSIZE);
			buf[o.len] = '\0';
			ck_assert_str_eq(buf, ref);
			geopol_free(ref);
		}
		geopol_iter_free(it);
	}
	free(buf);
}
END_TEST

/* Attrs that cJSON prints back differently go through cJSON: white space,
 * escapes, floats, big and negative numbers, leading zeros, trailing text,
 * text that is not JSON. Stored with SQL: the API refuses some of them. */
START_TEST(test_snapshot_json__attrs_as_cjson_prints_them)
{
	static const char *const attrs[] = {
		"{\"usd\":12,\"year\":2020}", "{ \"usd\" : 12 }", "{\"w\":1.50,\"x\":1e3,\"y\":-0}",
		"{\"n\":12345678901,\"m\":-123456789,\"k\":0}", "{\"s\":\"caf\\u00e9 \\\"q\\\" \\/\"}",
		"{\"a\":[1,[2,{}],\"x\"],\"b\":true,\"c\":false,\"d\":null}", "{\"e\":\"\xc3\xa9t\xc3\xa9\"}",
		"{}", "{\"z\":007}", "{\"t\":1} x", "not json", "[1,2]", "{\"c\":\"\x01\"}"};
	geopol_db *m = tu_open();
	ck_assert_int_eq(tu_import(m, TU_WORLD), GEOPOL_OK);
	for (size_t i = 0; i < sizeof attrs / sizeof attrs[0]; i++) {
		geopol_relation_spec r = GEOPOL_RELATION_SPEC_INIT;
		r.a = "CCC";
		r.b = "AAA";
		r.type = "trade";
		r.from = tu_date("1990");
		r.from.day += 400 * (int32_t)i;   /* distinct facts */
		int64_t fid;
		ck_assert_int_eq(geopol_relation_add(m, &r, &fid), GEOPOL_OK);
		tu_exec(m, "UPDATE relation SET attrs = $1 WHERE fact_id = $2", 2,
			(tu_param[]){TU_TEXT(attrs[i]), TU_INT(fid)});
	}
	char *buf = malloc(GP_OUT_BUFSIZE);
	geopol_iter *it;
	ck_assert_int_eq(geopol_snapshot(&it, m, tu_date("2024-01-01"), NULL), GEOPOL_OK);
	const geopol_item *item;
	int relations = 0;
	while (geopol_iter_next(it, &item) == GEOPOL_OK) {
		if (item->kind != GEOPOL_ITEM_RELATION)
			continue;
		char *ref;
		ck_assert_int_eq(geopol_iter_json(it, &ref), GEOPOL_OK);
		gp_out o = {NULL, NULL, 0, buf, 0};
		ck_assert_int_eq(gp_item_json_write(&o, it, item, 0, 1), GEOPOL_OK);
		buf[o.len] = '\0';
		ck_assert_str_eq(buf, ref);
		geopol_free(ref);
		relations++;
	}
	geopol_iter_free(it);
	ck_assert_int_ge(relations, (int)(sizeof attrs / sizeof attrs[0]));
	free(buf);
	geopol_close(m);
}
END_TEST

START_TEST(test_snapshot_json__dates_as_geopol_date_format)
{
	char a[GEOPOL_DATE_BUFSIZE], b[GEOPOL_DATE_BUFSIZE];
	/* 0001-01-01 to 9999-12-31 at the three precisions: every day near
	 * the ends, every fifth day between (all days of the month come up) */
	for (int32_t day = 0; day <= 3652058; day += day < 4000 || day > 3648000 ? 1 : 5) {
		for (int p = GEOPOL_DATE_YEAR; p <= GEOPOL_DATE_DAY; p++) {
			if (p != GEOPOL_DATE_DAY && day % 13)
				continue;
			geopol_date d = {day, p};
			int n = gp_date_text(d, a);
			ck_assert_int_eq(n, geopol_date_format(d, b, sizeof b));
			ck_assert_str_eq(a, b);
		}
	}
	geopol_date none = GEOPOL_DATE_OPEN_INIT;
	ck_assert_int_eq(gp_date_text(none, a), 0);
	ck_assert_str_eq(a, "");
}
END_TEST

typedef struct sink {
	char *s;
	size_t len;
	int calls;
} sink;

static int collect(void *ctx, const char *data, size_t len)
{
	sink *k = ctx;
	k->s = realloc(k->s, k->len + len + 1);
	memcpy(k->s + k->len, data, len);
	k->len += len;
	k->s[k->len] = '\0';
	k->calls++;
	return 0;
}

/* NDJSON of the dataset: one object a line, each parses, nodes first. */
START_TEST(test_snapshot_ndjson__parses_line_by_line)
{
	for (size_t d = 0; d < N_DATES; d++) {
		geopol_export_options o = GEOPOL_EXPORT_OPTIONS_INIT;
		o.format = GEOPOL_FORMAT_NDJSON;
		o.at = tu_date(dates[d]);
		sink k = {NULL, 0, 0};
		ck_assert_int_eq(geopol_export(db, &o, NULL, collect, &k), GEOPOL_OK);
		ck_assert_ptr_nonnull(k.s);
		ck_assert_int_eq(k.s[k.len - 1], '\n');
		/* buffered: far fewer writer calls than lines */
		size_t lines = 0, nodes = 0, edges = 0, sources = 0;
		int in_edges = 0;
		for (char *line = k.s, *nl; (nl = strchr(line, '\n')); line = nl + 1) {
			*nl = '\0';
			cJSON *j = cJSON_Parse(line);
			ck_assert_msg(j != NULL, "%s: line %zu does not parse: %s", dates[d], lines + 1, line);
			const char *rec = cJSON_GetStringValue(cJSON_GetObjectItem(j, "record"));
			ck_assert_ptr_nonnull(rec);
			if (strcmp(rec, "entity") == 0) {
				ck_assert_msg(!in_edges, "a node after the edges");
				nodes++;
			} else {
				ck_assert(strcmp(rec, "membership") == 0 || strcmp(rec, "relation") == 0);
				ck_assert(cJSON_IsArray(cJSON_GetObjectItem(j, "sources")));
				sources += (size_t)cJSON_GetArraySize(cJSON_GetObjectItem(j, "sources"));
				in_edges = 1;
				edges++;
			}
			cJSON_Delete(j);
			lines++;
		}
		ck_assert_uint_gt(nodes, 100);
		ck_assert_uint_gt(edges, 0);
		ck_assert_uint_gt(sources, 0);
		ck_assert_uint_lt((size_t)k.calls, lines);
		free(k.s);
	}
}
END_TEST

/* The definite-only flag drops exactly the possible rows; returns how many
 * rows were possible. */
static size_t check_definite_only(geopol_db *d, const char *at)
{
	geopol_query q = GEOPOL_QUERY_INIT;
	q.flags = GEOPOL_DEFINITE_ONLY;
	geopol_iter *all, *def;
	ck_assert_int_eq(geopol_snapshot(&all, d, tu_date(at), NULL), GEOPOL_OK);
	ck_assert_int_eq(geopol_snapshot(&def, d, tu_date(at), &q), GEOPOL_OK);
	size_t n_all_definite = 0, n_def = 0, possible = 0;
	const geopol_item *item;
	while (geopol_iter_next(all, &item) == GEOPOL_OK) {
		int c = item->membership ? item->membership->certainty
			: item->relation ? item->relation->certainty : GEOPOL_DEFINITE;
		n_all_definite += c == GEOPOL_DEFINITE;
		possible += c == GEOPOL_POSSIBLE;
	}
	while (geopol_iter_next(def, &item) == GEOPOL_OK) {
		int c = item->membership ? item->membership->certainty
			: item->relation ? item->relation->certainty : GEOPOL_DEFINITE;
		ck_assert_int_eq(c, GEOPOL_DEFINITE);
		n_def++;
	}
	ck_assert_uint_eq(n_def, n_all_definite);
	geopol_iter_free(all);
	geopol_iter_free(def);
	return possible;
}

START_TEST(test_snapshot_definite__only_drops_possible)
{
	for (size_t d = 0; d < N_DATES; d++)
		check_definite_only(db, dates[d]);
	/* the small world has a membership "since 2015": possible during 2015 */
	geopol_db *m = tu_open();
	ck_assert_int_eq(tu_import(m, TU_WORLD), GEOPOL_OK);
	ck_assert_uint_gt(check_definite_only(m, "2015"), 0);
	geopol_close(m);
}
END_TEST

/* ---- the span: geopol_snapshot_span */

/* Whether the iterator yields a membership of member in org at a stage. */
static int has_membership(geopol_iter *it, const char *org, const char *member, int stage)
{
	const geopol_item *item;
	int found = 0, rc;
	while ((rc = geopol_iter_next(it, &item)) == GEOPOL_OK)
		if (item->kind == GEOPOL_ITEM_MEMBERSHIP && !strcmp(item->membership->org, org) &&
		    !strcmp(item->membership->member, member) && item->membership->stage == stage) {
			ck_assert_int_eq(item->membership->certainty, GEOPOL_DEFINITE);
			found = 1;
		}
	ck_assert_int_eq(rc, GEOPOL_ITEROVER);
	geopol_iter_free(it);
	return found;
}

/* The fact ids and entity codes of a snapshot or span, one line each. */
static char *span_keys(geopol_iter *it)
{
	size_t cap = 1 << 16, len = 0;
	char *buf = malloc(cap);
	const geopol_item *item;
	int rc;
	while ((rc = geopol_iter_next(it, &item)) == GEOPOL_OK) {
		if (len + 64 > cap)
			buf = realloc(buf, cap *= 2);
		if (item->kind == GEOPOL_ITEM_ENTITY)
			len += (size_t)snprintf(buf + len, 64, "e %s\n", item->entity->code);
		else if (item->kind == GEOPOL_ITEM_MEMBERSHIP)
			len += (size_t)snprintf(buf + len, 64, "m %lld\n",
						(long long)item->membership->fact_id);
		else
			len += (size_t)snprintf(buf + len, 64, "r %lld\n",
						(long long)item->relation->fact_id);
	}
	ck_assert_int_eq(rc, GEOPOL_ITEROVER);
	geopol_iter_free(it);
	buf[len] = '\0';
	return buf;
}

START_TEST(test_snapshot_span__one_day_is_the_snapshot)
{
	/* Uzbekistan's CSTO membership in force ends on 2012-12-19 (the first
	 * day out), when its suspension begins: a span up to that day has the
	 * one, a span from that day the other. */
	geopol_iter *it;
	ck_assert_int_eq(geopol_snapshot_span(&it, db, tu_date("2012-12-18"), tu_date("2012-12-19"),
					      NULL), GEOPOL_OK);
	ck_assert(has_membership(it, "CSTO", "UZB", GEOPOL_STAGE_IN_FORCE));
	ck_assert_int_eq(geopol_snapshot_span(&it, db, tu_date("2012-12-18"), tu_date("2012-12-19"),
					      NULL), GEOPOL_OK);
	ck_assert(!has_membership(it, "CSTO", "UZB", GEOPOL_STAGE_SUSPENDED));
	ck_assert_int_eq(geopol_snapshot_span(&it, db, tu_date("2012-12-19"), tu_date("2014"),
					      NULL), GEOPOL_OK);
	ck_assert(!has_membership(it, "CSTO", "UZB", GEOPOL_STAGE_IN_FORCE));
	ck_assert_int_eq(geopol_snapshot_span(&it, db, tu_date("2012-12-19"), tu_date("2014"),
					      NULL), GEOPOL_OK);
	ck_assert(has_membership(it, "CSTO", "UZB", GEOPOL_STAGE_SUSPENDED));
	ck_assert_int_eq(geopol_snapshot_span(&it, db, tu_date("2012"), tu_date("2013"), NULL),
			 GEOPOL_OK);
	ck_assert(has_membership(it, "CSTO", "UZB", GEOPOL_STAGE_IN_FORCE));
	/* A span of one day holds what the snapshot of that day holds, definite
	 * or possible. */
	static const char *const days[][2] = {{"1991-12-26", "1991-12-27"},
					      {"2022-01-06", "2022-01-07"}};
	for (size_t d = 0; d < 2; d++) {
		geopol_iter *a, *b;
		ck_assert_int_eq(geopol_snapshot(&a, db, tu_date(days[d][0]), NULL), GEOPOL_OK);
		ck_assert_int_eq(geopol_snapshot_span(&b, db, tu_date(days[d][0]), tu_date(days[d][1]),
						      NULL), GEOPOL_OK);
		char *ka = span_keys(a), *kb = span_keys(b);
		ck_assert_uint_gt(strlen(ka), 1000);
		ck_assert_str_eq(ka, kb);
		free(ka);
		free(kb);
	}
}
END_TEST

/* ---- errors */

static int refuse_after(void *ctx, const char *data, size_t len)
{
	(void)data;
	size_t *left = ctx;
	if (*left < len)
		return -1;
	*left -= len;
	return 0;
}

START_TEST(test_snapshot_errors__writer_refuses_midway)
{
	static const int formats[] = {GEOPOL_FORMAT_JSON, GEOPOL_FORMAT_NDJSON, GEOPOL_FORMAT_CSV,
				      GEOPOL_FORMAT_GRAPHML, GEOPOL_FORMAT_GEXF, GEOPOL_FORMAT_DOT};
	for (size_t f = 0; f < sizeof formats / sizeof formats[0]; f++) {
		geopol_export_options o = GEOPOL_EXPORT_OPTIONS_INIT;
		o.format = formats[f];
		o.at = tu_date("2022-01-06");
		size_t left = 100;   /* the first buffer written is refused */
		ck_assert_int_eq(geopol_export(db, &o, NULL, refuse_after, &left), GEOPOL_EIO);
		ck_assert_ptr_nonnull(strstr(geopol_errmsg(db), "refused"));
	}
}
END_TEST

START_TEST(test_snapshot_errors__bad_arguments)
{
	geopol_iter *it = (geopol_iter *)1;
	geopol_query q = GEOPOL_QUERY_INIT;
	q.version = 99;
	ck_assert_int_eq(geopol_snapshot(&it, db, tu_date("2022"), &q), GEOPOL_EMISUSE);
	ck_assert_ptr_null(it);
	ck_assert_int_eq(geopol_snapshot(NULL, db, tu_date("2022"), NULL), GEOPOL_EMISUSE);
	ck_assert_int_eq(geopol_snapshot(&it, NULL, tu_date("2022"), NULL), GEOPOL_EMISUSE);
	/* citations of an entity item: none, and no query */
	ck_assert_int_eq(geopol_snapshot(&it, db, tu_date("2022"), NULL), GEOPOL_OK);
	const geopol_item *item;
	ck_assert_int_eq(geopol_iter_next(it, &item), GEOPOL_OK);
	ck_assert_int_eq(item->kind, GEOPOL_ITEM_ENTITY);
	const geopol_citation *c = (const geopol_citation *)1;
	size_t n = 9;
	ck_assert_int_eq(geopol_iter_citations(it, &c, &n), GEOPOL_OK);
	ck_assert_ptr_null(c);
	ck_assert_uint_eq(n, 0);
	geopol_iter_free(it);
}
END_TEST

/* ---- limits: the plans that keep it streaming */

static char *plan_of(const char *sql)
{
	char *q = sqlite3_mprintf("EXPLAIN QUERY PLAN %s", sql);
	sqlite3_stmt *st;
	ck_assert_msg(sqlite3_prepare_v2(db->sql, q, -1, &st, NULL) == SQLITE_OK, "%s",
		      sqlite3_errmsg(db->sql));
	sqlite3_free(q);
	static char plan[2048];
	plan[0] = '\0';
	while (sqlite3_step(st) == SQLITE_ROW) {
		strncat(plan, (const char *)sqlite3_column_text(st, 3), sizeof plan - strlen(plan) - 2);
		strcat(plan, "\n");
	}
	sqlite3_finalize(st);
	return plan;
}

START_TEST(test_snapshot_limits__plans_scan_without_sorting)
{
	/* The SQLite store's statements and SQLite's planner; the PostgreSQL
	 * store reads its snapshot with its own statements (pg_read.c), planned
	 * by the server from the tables' statistics, so no plan is asserted
	 * there (check_copy asserts a copy leaves statistics; bench_pg times
	 * the snapshot against SQLite's). */
	if (tu_on_pg(db))
		return;
	/* The ids no block covers: a range of the table's rowids, in order. */
	const char *p = plan_of(gp_snapshot_sql_memberships);
	ck_assert_msg(strstr(p, "SEARCH m USING INTEGER PRIMARY KEY (rowid>? AND rowid<?)") &&
		      !strstr(p, "TEMP B-TREE"), "%s", p);
	p = plan_of(gp_snapshot_sql_relations);
	ck_assert_msg(strstr(p, "SEARCH r USING INTEGER PRIMARY KEY (rowid>? AND rowid<?)") &&
		      !strstr(p, "TEMP B-TREE"), "%s", p);
	p = plan_of(gp_snapshot_sql_blocks);
	ck_assert_msg(strstr(p, "edge_pack_span") && !strstr(p, "TEMP B-TREE"), "%s", p);
	p = plan_of(gp_snapshot_sql_cite_memberships);
	ck_assert_msg(strstr(p, "citation_membership") && !strstr(p, "TEMP B-TREE"), "%s", p);
	p = plan_of(gp_snapshot_sql_cite_relations);
	ck_assert_msg(strstr(p, "citation_relation") && !strstr(p, "TEMP B-TREE"), "%s", p);
}
END_TEST

/* Many iterators open at once each hold their own statements. */
START_TEST(test_snapshot_limits__two_at_once)
{
	geopol_iter *a, *b;
	ck_assert_int_eq(geopol_snapshot(&a, db, tu_date("2022-01-06"), NULL), GEOPOL_OK);
	ck_assert_int_eq(geopol_snapshot(&b, db, tu_date("2022-01-06"), NULL), GEOPOL_OK);
	const geopol_item *ia, *ib;
	size_t n = 0;
	int ra, rb;
	while ((ra = geopol_iter_next(a, &ia)) == GEOPOL_OK &&
	       (rb = geopol_iter_next(b, &ib)) == GEOPOL_OK) {
		ck_assert_int_eq(ia->kind, ib->kind);
		const geopol_citation *ca, *cb;
		size_t na, nb;
		ck_assert_int_eq(geopol_iter_citations(a, &ca, &na), GEOPOL_OK);
		ck_assert_int_eq(geopol_iter_citations(b, &cb, &nb), GEOPOL_OK);
		ck_assert_uint_eq(na, nb);
		for (size_t i = 0; i < na; i++)
			ck_assert_str_eq(ca[i].source, cb[i].source);
		n++;
	}
	ck_assert_int_eq(ra, GEOPOL_ITEROVER);
	ck_assert_uint_gt(n, 100);
	geopol_iter_free(a);
	geopol_iter_free(b);
}
END_TEST

/* The small world of common_util.c, for the tests that ask about it. */
static geopol_db *world(void)
{
	geopol_db *w = tu_open();
	ck_assert_msg(tu_import(w, TU_WORLD) == GEOPOL_OK, "import: %s", geopol_errmsg(w));
	return w;
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

START_TEST(test_query_snapshot__nodes_then_edges)
{
	geopol_db *w = world();
	geopol_iter *it;
	ck_assert_int_eq(geopol_snapshot(&it, w, tu_date("2010-01-01"), NULL), GEOPOL_OK);
	char *got = tu_lines(it);
	/* Nodes come first, by code; edges after them, in no promised order. */
	const char *edges_at = strstr(got, "\nORG ");
	ck_assert_ptr_nonnull(edges_at);
	ck_assert(strncmp(got, "AAA\nBBB\nCCC\nORG\nboss\n", (size_t)(edges_at - got) + 1) == 0);
	char *lines[8];
	size_t n = 0;
	for (char *p = strtok((char *)edges_at + 1, "\n"); p && n < 8; p = strtok(NULL, "\n"))
		lines[n++] = p;
	qsort(lines, n, sizeof lines[0], cmp_str);
	ck_assert_uint_eq(n, 3);
	ck_assert_str_eq(lines[0], "AAA BBB strategic_partnership definite");
	ck_assert_str_eq(lines[1], "ORG AAA founding_member definite");
	ck_assert_str_eq(lines[2], "ORG BBB member definite");
	free(got);
	geopol_close(w);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("snapshot");
	TCase *core = tcase_create("core");
	tcase_add_unchecked_fixture(core, tu_dataset_template, NULL);
	tcase_add_checked_fixture(core, load, unload);
	tcase_set_timeout(core, 120);
	tcase_add_test(core, test_snapshot_citations__streamed_equal_sql);
	tcase_add_test(core, test_snapshot_citations__sparse_and_repeated_asks);
	tcase_add_test(core, test_snapshot_citations__several_per_fact);
	tcase_add_test(core, test_snapshot_json__writer_equals_iter_json);
	tcase_add_test(core, test_snapshot_json__attrs_as_cjson_prints_them);
	tcase_add_test(core, test_snapshot_json__dates_as_geopol_date_format);
	tcase_add_test(core, test_snapshot_ndjson__parses_line_by_line);
	tcase_add_test(core, test_snapshot_definite__only_drops_possible);
	tcase_add_test(core, test_snapshot_span__one_day_is_the_snapshot);
	suite_add_tcase(s, core);
	TCase *errors = tcase_create("errors");
	tcase_add_unchecked_fixture(errors, tu_dataset_template, NULL);
	tcase_add_checked_fixture(errors, load, unload);
	tcase_add_test(errors, test_snapshot_errors__writer_refuses_midway);
	tcase_add_test(errors, test_snapshot_errors__bad_arguments);
	suite_add_tcase(s, errors);
	TCase *limits = tcase_create("limits");
	tcase_add_unchecked_fixture(limits, tu_dataset_template, NULL);
	tcase_add_checked_fixture(limits, load, unload);
	tcase_add_test(limits, test_snapshot_limits__plans_scan_without_sorting);
	tcase_add_test(limits, test_snapshot_limits__two_at_once);
	suite_add_tcase(s, limits);
	TCase *small = tcase_create("small_world");
	tcase_add_test(small, test_query_snapshot__nodes_then_edges);
	suite_add_tcase(s, small);
	return tu_run(s);
}
