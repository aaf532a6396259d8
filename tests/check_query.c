/*
 * check_query.c - events, the history of a dyad, diffs, neighbours, paths,
 * snapshots and the JSON export, on the small world of common_util.c.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "test_util.h"

static geopol_db *world(void)
{
	geopol_db *db = tu_open();
	ck_assert_msg(tu_import(db, TU_WORLD) == GEOPOL_OK, "import: %s", geopol_errmsg(db));
	return db;
}

static char *events(geopol_db *db, const geopol_event_filter *f)
{
	geopol_iter *it;
	ck_assert_msg(geopol_events(&it, db, f, NULL) == GEOPOL_OK, "%s", geopol_errmsg(db));
	return tu_lines(it);
}

START_TEST(test_query_events__filters)
{
	geopol_db *db = world();
	geopol_event_filter f = GEOPOL_EVENT_FILTER_INIT;
	char *got = events(db, &f);
	ck_assert_str_eq(got, "2020-02 042 A visit\n2022-01-06 0871 Troops deployed");
	free(got);
	f.actor = "ORG";
	got = events(db, &f);
	ck_assert_str_eq(got, "2022-01-06 0871 Troops deployed");
	free(got);
	f.actor = "AAA";
	f.with = "BBB";
	got = events(db, &f);
	ck_assert_str_eq(got, "2020-02 042 A visit");
	free(got);
	f.with = NULL;
	f.type = "08";
	got = events(db, &f);
	ck_assert_str_eq(got, "2022-01-06 0871 Troops deployed");
	free(got);
	f.type = NULL;
	f.from = tu_date("2021");
	got = events(db, &f);
	ck_assert_str_eq(got, "2022-01-06 0871 Troops deployed");
	free(got);
	f.from = tu_date("2020-02-15");   /* inside the month of the visit */
	f.to = tu_date("2020-03-01");
	got = events(db, &f);
	ck_assert_str_eq(got, "2020-02 042 A visit");
	free(got);
	f = (geopol_event_filter)GEOPOL_EVENT_FILTER_INIT;
	f.text = "القوات";
	got = events(db, &f);
	ck_assert_str_eq(got, "2022-01-06 0871 Troops deployed");
	free(got);
	f.text = "TROOPS";
	got = events(db, &f);
	ck_assert_str_eq(got, "2022-01-06 0871 Troops deployed");
	free(got);
	geopol_close(db);
}
END_TEST

START_TEST(test_query_events__details_and_language)
{
	geopol_db *db = world();
	geopol_query q = GEOPOL_QUERY_INIT;
	q.lang = "ar";
	geopol_event_filter f = GEOPOL_EVENT_FILTER_INIT;
	f.actor = "ORG";
	geopol_iter *it;
	ck_assert_int_eq(geopol_events(&it, db, &f, &q), GEOPOL_OK);
	const geopol_item *item;
	ck_assert_int_eq(geopol_iter_next(it, &item), GEOPOL_OK);
	const geopol_event *e = item->event;
	ck_assert_str_eq(e->title, "نشر القوات");
	ck_assert_str_eq(e->title_lang, "ar");
	ck_assert_str_eq(e->type_name, "Deploy peacekeepers");
	ck_assert(e->goldstein > 9.19 && e->goldstein < 9.21);
	ck_assert_uint_eq(e->n_actors, 2);
	ck_assert_str_eq(e->actors[0].entity, "ORG");
	ck_assert_int_eq(e->actors[0].role, GEOPOL_ACTOR_SOURCE);
	ck_assert_str_eq(e->actors[1].entity, "AAA");
	ck_assert_int_eq(e->actors[1].role, GEOPOL_ACTOR_HOST);
	ck_assert_str_eq(e->ext_id, "e1");
	char end[GEOPOL_DATE_BUFSIZE];
	geopol_date_format(e->end, end, sizeof end);
	ck_assert_str_eq(end, "2022-01-20");
	char *json;
	ck_assert_int_eq(geopol_iter_json(it, &json), GEOPOL_OK);
	ck_assert_ptr_nonnull(strstr(json, "\"actors\":[{\"code\":\"ORG\",\"role\":\"source\"},"
					   "{\"code\":\"AAA\",\"role\":\"host\"}]"));
	ck_assert_ptr_nonnull(strstr(json, "\"sources\":[{\"source\":\"news\",\"quote\":null}]"));
	geopol_free(json);
	geopol_iter_free(it);
	geopol_close(db);
}
END_TEST

START_TEST(test_query_history__dyad_in_date_order)
{
	geopol_db *db = world();
	geopol_iter *it;
	ck_assert_int_eq(geopol_history(&it, db, "AAA", "BBB", (geopol_date)GEOPOL_DATE_OPEN_INIT,
					(geopol_date)GEOPOL_DATE_OPEN_INIT, NULL), GEOPOL_OK);
	char *got = tu_lines(it);
	ck_assert_str_eq(got, "AAA BBB strategic_partnership definite\n"
			      "2020-02 042 A visit\n"
			      "BBB AAA comprehensive_strategic_partnership_alliance definite");
	free(got);
	ck_assert_int_eq(geopol_history(&it, db, "BBB", "AAA", tu_date("2021-01-01"),
					(geopol_date)GEOPOL_DATE_OPEN_INIT, NULL), GEOPOL_OK);
	got = tu_lines(it);
	ck_assert_str_eq(got, "AAA BBB strategic_partnership definite\n"
			      "BBB AAA comprehensive_strategic_partnership_alliance definite");
	free(got);
	geopol_close(db);
}
END_TEST

START_TEST(test_query_diff__joins_exits_relations_events)
{
	geopol_db *db = world();
	geopol_iter *it;
	ck_assert_int_eq(geopol_diff(&it, db, tu_date("2012-01-01"), tu_date("2016-01-01"), NULL, NULL),
			 GEOPOL_OK);
	const geopol_item *item;
	char lines[2048] = "";
	int rc;
	while ((rc = geopol_iter_next(it, &item)) == GEOPOL_OK) {
		char line[256];
		if (item->kind == GEOPOL_ITEM_MEMBERSHIP)
			snprintf(line, sizeof line, "%d %s\n", item->change, item->membership->member);
		else if (item->kind == GEOPOL_ITEM_RELATION)
			snprintf(line, sizeof line, "%d %s-%s %s\n", item->change, item->relation->a,
				 item->relation->b, item->relation->type);
		else
			snprintf(line, sizeof line, "%d %s\n", item->change, item->event->type);
		strcat(lines, line);
	}
	ck_assert_int_eq(rc, GEOPOL_ITEROVER);
	geopol_iter_free(it);
	/* CCC joined, BBB left, the sanctions began in 2014. */
	ck_assert_str_eq(lines, "1 CCC\n2 BBB\n3 AAA-CCC sanctions\n");
	ck_assert_int_eq(geopol_diff(&it, db, tu_date("2021-12-31"), tu_date("2025-12-31"), "AAA", NULL),
			 GEOPOL_OK);
	lines[0] = '\0';
	while ((rc = geopol_iter_next(it, &item)) == GEOPOL_OK) {
		char line[256];
		if (item->kind == GEOPOL_ITEM_RELATION)
			snprintf(line, sizeof line, "%d %s\n", item->change, item->relation->type);
		else if (item->kind == GEOPOL_ITEM_EVENT)
			snprintf(line, sizeof line, "%d %s\n", item->change, item->event->type);
		else
			snprintf(line, sizeof line, "%d %s\n", item->change, item->membership->member);
		strcat(lines, line);
	}
	geopol_iter_free(it);
	ck_assert_str_eq(lines, "3 comprehensive_strategic_partnership_alliance\n"
				"4 strategic_partnership\n5 0871\n");
	geopol_close(db);
}
END_TEST

START_TEST(test_query_graph__neighbors_and_path)
{
	geopol_db *db = world();
	geopol_iter *it;
	ck_assert_int_eq(geopol_neighbors(&it, db, "CCC", tu_date("2020-01-01"), 1, NULL), GEOPOL_OK);
	char *got = tu_lines(it);
	ck_assert_str_eq(got, "ORG CCC member definite\nAAA CCC sanctions definite");
	free(got);
	ck_assert_int_eq(geopol_neighbors(&it, db, "CCC", tu_date("2020-01-01"), 2, NULL), GEOPOL_OK);
	const geopol_item *item;
	int n = 0, rc, saw_boss = 0;
	while ((rc = geopol_iter_next(it, &item)) == GEOPOL_OK) {
		n++;
		ck_assert_int_le(item->depth, 2);
		if (item->kind == GEOPOL_ITEM_RELATION && strcmp(item->relation->a, "boss") == 0) {
			saw_boss = 1;
			ck_assert_int_eq(item->depth, 2);
			ck_assert_str_eq(item->via, "AAA");
		}
	}
	geopol_iter_free(it);
	/* ORG, AAA at depth 1; BBB (member of ORG then? no: left 2012; via the
	 * partnership with AAA) and boss at depth 2. */
	ck_assert_int_eq(n, 4);
	ck_assert(saw_boss);
	/* A path from boss to CCC in 2020: boss -> AAA -> CCC. */
	ck_assert_int_eq(geopol_path(&it, db, "boss", "CCC", tu_date("2020-01-01"), NULL), GEOPOL_OK);
	got = tu_lines(it);
	ck_assert_str_eq(got, "boss AAA head_of_state definite\nAAA CCC sanctions definite");
	free(got);
	/* In 2010 boss held no office: no path. */
	ck_assert_int_eq(geopol_path(&it, db, "boss", "CCC", tu_date("2010-01-01"), NULL), GEOPOL_ENOTFOUND);
	ck_assert_ptr_nonnull(strstr(geopol_errmsg(db), "no path from 'boss' to 'CCC'"));
	geopol_close(db);
}
END_TEST

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

START_TEST(test_query_snapshot__nodes_then_edges)
{
	geopol_db *db = world();
	geopol_iter *it;
	ck_assert_int_eq(geopol_snapshot(&it, db, tu_date("2010-01-01"), NULL), GEOPOL_OK);
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
	geopol_close(db);
}
END_TEST

typedef struct sink {
	char *s;
	size_t len;
} sink;

static int collect(void *ctx, const char *data, size_t len)
{
	sink *k = ctx;
	k->s = realloc(k->s, k->len + len + 1);
	memcpy(k->s + k->len, data, len);
	k->len += len;
	k->s[k->len] = '\0';
	return 0;
}

static int refuse(void *ctx, const char *data, size_t len)
{
	(void)ctx, (void)data, (void)len;
	return -1;
}

START_TEST(test_query_export__json_document)
{
	geopol_db *db = world();
	geopol_export_options o = GEOPOL_EXPORT_OPTIONS_INIT;
	o.at = tu_date("2000-06-01");
	sink k = {NULL, 0};
	ck_assert_int_eq(geopol_export(db, &o, NULL, collect, &k), GEOPOL_OK);
	ck_assert_str_eq(k.s,
		"{\"format\":\"geopol-snapshot\",\"at\":\"2000-06-01\",\"nodes\":["
		"{\"record\":\"entity\",\"code\":\"AAA\",\"kind\":\"state\",\"subkind\":null,\"name\":\"Aland\",\"from\":null,\"to\":null},"
		"{\"record\":\"entity\",\"code\":\"BBB\",\"kind\":\"state\",\"subkind\":null,\"name\":\"Bland\",\"from\":null,\"to\":null},"
		"{\"record\":\"entity\",\"code\":\"CCC\",\"kind\":\"state\",\"subkind\":null,\"name\":\"Cland\",\"from\":null,\"to\":null},"
		"{\"record\":\"entity\",\"code\":\"ORG\",\"kind\":\"organization\",\"subkind\":null,\"name\":\"The Organization\",\"from\":\"1992-05-15\",\"to\":null},"
		"{\"record\":\"entity\",\"code\":\"boss\",\"kind\":\"person\",\"subkind\":null,\"name\":\"The Boss\",\"from\":null,\"to\":null}"
		"],\"edges\":["
		"{\"record\":\"membership\",\"org\":\"ORG\",\"member\":\"AAA\",\"role\":\"founding_member\",\"from\":\"1992-05-15\",\"to\":null,\"certainty\":\"definite\",\"stage\":\"in_force\",\"coding\":\"curated\",\"sources\":[{\"source\":\"treaty\",\"quote\":\"Article 1\"}]},"
		"{\"record\":\"relation\",\"a\":\"AAA\",\"b\":\"BBB\",\"type\":\"strategic_partnership\",\"directed\":false,\"from\":\"2000-01-01\",\"to\":\"2025-11-12\",\"attrs\":{},\"certainty\":\"definite\",\"sources\":[{\"source\":\"news\",\"quote\":null}]}"
		"]}\n");
	free(k.s);
	geopol_close(db);
}
END_TEST

START_TEST(test_query_export__ndjson_and_refusing_writer)
{
	geopol_db *db = world();
	geopol_export_options o = GEOPOL_EXPORT_OPTIONS_INIT;
	o.format = GEOPOL_FORMAT_NDJSON;
	o.at = tu_date("2010-01-01");
	o.with_sources = 0;
	sink k = {NULL, 0};
	ck_assert_int_eq(geopol_export(db, &o, NULL, collect, &k), GEOPOL_OK);
	int lines = 0;
	for (char *p = k.s; *p; p++)
		lines += *p == '\n';
	ck_assert_int_eq(lines, 8);
	ck_assert_ptr_null(strstr(k.s, "\"sources\""));
	free(k.s);
	ck_assert_int_eq(geopol_export(db, &o, NULL, refuse, NULL), GEOPOL_EIO);
	ck_assert_int_eq(geopol_export_file(db, &o, NULL, "/nonexistent-dir/out.json"), GEOPOL_EIO);
	ck_assert_ptr_nonnull(strstr(geopol_errmsg(db), "/nonexistent-dir/out.json: cannot write"));
	ck_assert_int_eq(geopol_format_parse("gexf"), GEOPOL_FORMAT_GEXF);
	ck_assert_int_eq(geopol_format_parse("pdf"), 0);
	geopol_close(db);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("query");
	TCase *core = tcase_create("core");
	tcase_add_test(core, test_query_events__filters);
	tcase_add_test(core, test_query_events__details_and_language);
	tcase_add_test(core, test_query_history__dyad_in_date_order);
	tcase_add_test(core, test_query_diff__joins_exits_relations_events);
	tcase_add_test(core, test_query_graph__neighbors_and_path);
	tcase_add_test(core, test_query_snapshot__nodes_then_edges);
	tcase_add_test(core, test_query_export__json_document);
	tcase_add_test(core, test_query_export__ndjson_and_refusing_writer);
	suite_add_tcase(s, core);
	SRunner *sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	int failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
