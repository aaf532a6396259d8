/*
 * check_events.c - events (lib/query/events.c): the filters, details and
 * languages, and the history of a dyad, on the small world of common_util.c.
 */
#include <check.h>
#include <math.h>
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

/* A zero written as -0.0 reads back +0.0 on both stores (SQLite keeps a
 * whole REAL as an integer; the PostgreSQL store writes it so too), so
 * that an event's intensity and a type's Goldstein score print "0", never
 * "-0". */
START_TEST(test_query_events__negative_zero_reads_zero)
{
	geopol_db *db = world();
	ck_assert_int_eq(geopol_event_type_add(db, "000", "Zero", -0.0), GEOPOL_OK);
	geopol_actor_spec actors[] = {{"AAA", GEOPOL_ACTOR_SOURCE}};
	geopol_event_spec e = GEOPOL_EVENT_SPEC_INIT;
	e.date = tu_date("2023-03-04");
	e.type = "000";
	e.intensity = -0.0;
	e.actors = actors;
	e.n_actors = 1;
	ck_assert_msg(geopol_event_add(db, &e, NULL) == GEOPOL_OK, "%s", geopol_errmsg(db));
	geopol_event_filter f = GEOPOL_EVENT_FILTER_INIT;
	f.type = "000";
	geopol_iter *it;
	ck_assert_int_eq(geopol_events(&it, db, &f, NULL), GEOPOL_OK);
	const geopol_item *item;
	ck_assert_int_eq(geopol_iter_next(it, &item), GEOPOL_OK);
	ck_assert(item->event->intensity == 0 && !signbit(item->event->intensity));
	ck_assert(item->event->goldstein == 0 && !signbit(item->event->goldstein));
	char *json;
	ck_assert_int_eq(geopol_iter_json(it, &json), GEOPOL_OK);
	ck_assert_msg(strstr(json, ":-0") == NULL, "%s", json);
	geopol_free(json);
	geopol_iter_free(it);
	geopol_close(db);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("events");
	TCase *core = tcase_create("core");
	tcase_add_test(core, test_query_events__filters);
	tcase_add_test(core, test_query_events__details_and_language);
	tcase_add_test(core, test_query_history__dyad_in_date_order);
	tcase_add_test(core, test_query_events__negative_zero_reads_zero);
	suite_add_tcase(s, core);
	return tu_run(s);
}
