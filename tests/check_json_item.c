/*
 * check_json_item.c - geopol_iter_json()'s bytes (lib/io/json_item.c), held
 * to cJSON's: every kind of item (entities, names, memberships, relations,
 * events with their dataset fields, candidates; changes, depths) from the
 * built-in dataset and the event fixtures, and odd values (control
 * characters, NaN, large ids, attrs cJSON rewrites), against a cJSON tree
 * built here from the item's fields, as the library once built it.
 */
#include <check.h>
#include <cjson/cJSON.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/geopol_internal.h"
#include "test_util.h"

#define FIX GEOPOL_SOURCE_DIR "/tests/fixtures/"

/* ---- the reference: the item as a cJSON tree */

static void add_date(cJSON *o, const char *key, geopol_date d)
{
	char buf[GEOPOL_DATE_BUFSIZE];
	if (d.precision && geopol_date_format(d, buf, sizeof buf) > 0)
		cJSON_AddStringToObject(o, key, buf);
	else
		cJSON_AddNullToObject(o, key);
}

static void add_str(cJSON *o, const char *key, const char *s)
{
	if (s)
		cJSON_AddStringToObject(o, key, s);
	else
		cJSON_AddNullToObject(o, key);
}

static void add_num(cJSON *o, const char *key, double v)
{
	if (isnan(v))
		cJSON_AddNullToObject(o, key);
	else
		cJSON_AddNumberToObject(o, key, v);
}

static void add_sources(geopol_iter *it, cJSON *o)
{
	const geopol_citation *c;
	size_t n;
	ck_assert_int_eq(geopol_iter_citations(it, &c, &n), GEOPOL_OK);
	cJSON *list = cJSON_AddArrayToObject(o, "sources");
	for (size_t i = 0; i < n; i++) {
		cJSON *x = cJSON_CreateObject();
		add_str(x, "source", c[i].source);
		add_str(x, "quote", c[i].quote);
		cJSON_AddItemToArray(list, x);
	}
}

static void membership(cJSON *o, const geopol_membership *m)
{
	add_str(o, "org", m->org);
	add_str(o, "member", m->member);
	add_str(o, "role", geopol_role_name(m->role));
	add_date(o, "from", m->from);
	add_date(o, "to", m->to);
	add_str(o, "certainty", geopol_certainty_name(m->certainty));
	add_str(o, "stage", geopol_stage_name(m->stage));
	add_str(o, "coding", m->coding);
}

static void relation(cJSON *o, const geopol_relation *r)
{
	add_str(o, "a", r->a);
	add_str(o, "b", r->b);
	add_str(o, "type", r->type);
	cJSON_AddBoolToObject(o, "directed", r->directed);
	add_date(o, "from", r->from);
	add_date(o, "to", r->to);
	cJSON *attrs = r->attrs ? cJSON_Parse(r->attrs) : NULL;
	if (attrs)
		cJSON_AddItemToObject(o, "attrs", attrs);
	else
		cJSON_AddObjectToObject(o, "attrs");
	add_str(o, "certainty", geopol_certainty_name(r->certainty));
}

static void event(cJSON *o, const geopol_event *e)
{
	cJSON_AddNumberToObject(o, "id", (double)e->fact_id);
	if (e->ext_id)
		add_str(o, "ext_id", e->ext_id);
	add_date(o, "date", e->date);
	add_date(o, "end", e->end);
	add_str(o, "type", e->type);
	add_str(o, "type_name", e->type_name);
	add_num(o, "goldstein", e->goldstein);
	cJSON *actors = cJSON_AddArrayToObject(o, "actors");
	for (size_t i = 0; i < e->n_actors; i++) {
		cJSON *a = cJSON_CreateObject();
		add_str(a, "code", e->actors[i].entity);
		add_str(a, "role", geopol_actor_role_name(e->actors[i].role));
		cJSON_AddItemToArray(actors, a);
	}
	add_str(o, "title", e->title);
	add_str(o, "title_lang", e->title_lang);
	add_num(o, "intensity", e->intensity);
	add_str(o, "location", e->location);
	add_str(o, "certainty", geopol_certainty_name(e->certainty));
	cJSON *details = e->details ? cJSON_Parse(e->details) : NULL;
	if (details)
		cJSON_AddItemToObject(o, "details", details);
}

static void entity(cJSON *o, const geopol_entity *e)
{
	add_str(o, "code", e->code);
	add_str(o, "kind", geopol_kind_name(e->kind));
	add_str(o, "subkind", e->subkind);
	add_str(o, "name", e->name);
	add_date(o, "from", e->from);
	add_date(o, "to", e->to);
}

static void name(cJSON *o, const geopol_name *n)
{
	add_str(o, "entity", n->entity);
	add_str(o, "text", n->text);
	add_str(o, "lang", n->lang);
	add_str(o, "kind", geopol_name_kind_name(n->kind));
	add_date(o, "from", n->from);
	add_date(o, "to", n->to);
	add_str(o, "certainty", geopol_certainty_name(n->certainty));
}

static void candidate(cJSON *o, const geopol_candidate *c)
{
	add_str(o, "code", c->code);
	add_str(o, "kind", geopol_kind_name(c->kind));
	add_str(o, "name", c->name);
	add_str(o, "matched", c->matched);
	add_str(o, "lang", c->lang);
	cJSON_AddNumberToObject(o, "score", c->score);
}

static char *reference(geopol_iter *it, const geopol_item *item)
{
	static const char *const changes[] = {NULL, "joined", "left", "relation_started",
					      "relation_ended", "event"};
	cJSON *o = cJSON_CreateObject();
	int cited = 1;
	switch (item->kind) {
	case GEOPOL_ITEM_ENTITY: entity(o, item->entity); cited = 0; break;
	case GEOPOL_ITEM_NAME: name(o, item->name); break;
	case GEOPOL_ITEM_MEMBERSHIP: membership(o, item->membership); break;
	case GEOPOL_ITEM_RELATION: relation(o, item->relation); break;
	case GEOPOL_ITEM_EVENT: event(o, item->event); break;
	case GEOPOL_ITEM_CANDIDATE: candidate(o, item->candidate); cited = 0; break;
	}
	if (item->change > 0 && item->change <= 5)
		cJSON_AddStringToObject(o, "change", changes[item->change]);
	if (item->depth) {
		cJSON_AddNumberToObject(o, "depth", item->depth);
		add_str(o, "via", item->via);
	}
	if (cited)
		add_sources(it, o);
	char *text = cJSON_PrintUnformatted(o);
	cJSON_Delete(o);
	ck_assert_ptr_nonnull(text);
	return text;
}

/* Every item of the iterator, geopol_iter_json() against the reference;
 * returns the count of items of each kind into kinds[1..6]. */
/* itp is the address the call that made rc filled: read only here, after
 * that call (an argument's value would be read in an unspecified order,
 * before the call or after). */
static void same_bytes(geopol_iter **itp, int rc, int *kinds)
{
	ck_assert_int_eq(rc, GEOPOL_OK);
	geopol_iter *it = *itp;
	const geopol_item *item;
	while ((rc = geopol_iter_next(it, &item)) == GEOPOL_OK) {
		char *want = reference(it, item), *got = NULL;
		ck_assert_int_eq(geopol_iter_json(it, &got), GEOPOL_OK);
		ck_assert_str_eq(got, want);
		kinds[item->kind]++;
		geopol_free(got);
		free(want);
	}
	ck_assert_int_eq(rc, GEOPOL_ITEROVER);
	geopol_iter_free(it);
}

static geopol_db *dataset;

static void load_dataset(void)
{
	static const char *const files[] = {
		GEOPOL_SOURCE_DIR "/data/10-states.json", GEOPOL_SOURCE_DIR "/data/20-organizations.json",
		GEOPOL_SOURCE_DIR "/data/25-names.json", GEOPOL_SOURCE_DIR "/data/30-kazakhstan.json",
		GEOPOL_SOURCE_DIR "/data/90-names-supplement.json"};
	dataset = tu_open();
	ck_assert_int_eq(geopol_import(dataset, "json", files, 5, NULL, NULL), GEOPOL_OK);
	const char *cameo = FIX "cameo-codes.csv", *gdelt = FIX "gdelt-apr2012.csv",
		   *icews = FIX "icews.tab";
	ck_assert_int_eq(geopol_import(dataset, "cameo", &cameo, 1, NULL, NULL), GEOPOL_OK);
	ck_assert_int_eq(geopol_import(dataset, "gdelt", &gdelt, 1, NULL, NULL), GEOPOL_OK);
	ck_assert_int_eq(geopol_import(dataset, "icews", &icews, 1, NULL, NULL), GEOPOL_OK);
}

static void close_dataset(void)
{
	geopol_close(dataset);
}

START_TEST(test_json_item_core__every_kind)
{
	geopol_db *db = dataset;
	geopol_iter *it;
	int kinds[7] = {0};
	geopol_date at = tu_date("2022-01-06"), open = GEOPOL_DATE_OPEN_INIT;
	same_bytes(&it, geopol_entities(&it, db, 0, NULL), kinds);
	same_bytes(&it, geopol_names(&it, db, "KAZ", NULL, open, NULL), kinds);
	same_bytes(&it, geopol_names(&it, db, "SUN", NULL, open, NULL), kinds);
	same_bytes(&it, geopol_memberships(&it, db, "KAZ", open, NULL), kinds);
	same_bytes(&it, geopol_members(&it, db, "CSTO", at, NULL), kinds);
	same_bytes(&it, geopol_relations(&it, db, "KAZ", NULL, open, NULL), kinds);
	same_bytes(&it, geopol_relations(&it, db, "RUS", NULL, open, NULL), kinds);
	same_bytes(&it, geopol_history(&it, db, "KAZ", "RUS", open, open, NULL), kinds);
	same_bytes(&it, geopol_diff(&it, db, tu_date("1990-01-01"), at, NULL, NULL), kinds);
	same_bytes(&it, geopol_neighbors(&it, db, "KAZ", at, 2, NULL), kinds);
	same_bytes(&it, geopol_path(&it, db, "KAZ", "USA", at, NULL), kinds);
	geopol_event_filter f = GEOPOL_EVENT_FILTER_INIT;
	same_bytes(&it, geopol_events(&it, db, &f, NULL), kinds);
	same_bytes(&it, geopol_resolve(&it, db, "Kazakh", 0, NULL), kinds);
	same_bytes(&it, geopol_resolve(&it, db, "Russa", 0, NULL), kinds);
	same_bytes(&it, geopol_snapshot(&it, db, at, NULL), kinds);
	for (int k = GEOPOL_ITEM_ENTITY; k <= GEOPOL_ITEM_CANDIDATE; k++)
		ck_assert_msg(kinds[k] > 0, "no item of kind %d", k);
	ck_assert_int_gt(kinds[GEOPOL_ITEM_EVENT], 100);
}
END_TEST

START_TEST(test_json_item_core__odd_values)
{
	/* Control characters, quotes and backslashes in strings; attrs and
	 * details cJSON rewrites (spaces, escapes, floats, big numbers) or
	 * cannot read; events without goldstein or intensity. */
	geopol_db *db = tu_open();
	ck_assert_int_eq(tu_import(db, TU_WORLD), GEOPOL_OK);
	geopol_event_spec e = GEOPOL_EVENT_SPEC_INIT;
	geopol_actor_spec actors[] = {{"AAA", GEOPOL_ACTOR_SOURCE}, {"BBB", GEOPOL_ACTOR_TARGET}};
	geopol_text_spec text = {"en", "tab\there \"quoted\" back\\slash \001\037 \177 نص", "d"};
	e.date = tu_date("2020-02-03");
	e.type = "042";
	e.actors = actors;
	e.n_actors = 2;
	e.texts = &text;
	e.n_texts = 1;
	/* The dataset's fields as the importers store them (event_detail). */
	static const char *const details[] = {"{\"a\": 1}", "{\"f\":2.5,\"g\":-0.125e3}",
					      "{\"big\":12345678901,\"s\":\"\\u00e9\\n\"}",
					      "{\"t\":1.0000000000000002,\"u\":1e-300}", "{}",
					      "{\"x\":{},\"y\":[true,false,null]}"};
	static const double tones[] = {-3.3333333333333335, 0.1, 1e21, 2.5, NAN, -0.0};
	int64_t id;
	for (size_t i = 0; i < sizeof details / sizeof details[0]; i++) {
		e.intensity = i % 3 ? NAN : 1e20 / (double)(i + 1);
		e.date.day += 1;
		ck_assert_msg(geopol_event_add(db, &e, &id) == GEOPOL_OK, "%s", geopol_errmsg(db));
		tu_exec(db, "INSERT INTO event_detail(event_id, avg_tone, attrs) "
			"SELECT id, $2, $3 FROM event WHERE fact_id = $1", 3,
			(tu_param[]){TU_INT(id), isnan(tones[i]) ? TU_NULL : TU_REAL(tones[i]),
				     TU_TEXT(details[i])});
	}
	geopol_relation_spec r = GEOPOL_RELATION_SPEC_INIT;
	r.a = "AAA";
	r.b = "BBB";
	r.type = "sanctions";
	static const char *const attrs[] = {"{ \"w\" : 1 }", "{\"w\":0.1}", "{\"s\":\"a\\\"b\"}",
					    "{\"n\":1e400}", "{\"deep\":[[[[1]]]]}"};
	for (size_t i = 0; i < sizeof attrs / sizeof attrs[0]; i++) {
		r.attrs = attrs[i];
		r.from = tu_date(i % 2 ? "2001" : "2001-05");
		int64_t rid;
		int rc = geopol_relation_add(db, &r, &rid);
		ck_assert_msg(rc >= 0, "%s", geopol_errmsg(db));
	}
	geopol_iter *it;
	int kinds[7] = {0};
	geopol_event_filter f = GEOPOL_EVENT_FILTER_INIT;
	geopol_date open = GEOPOL_DATE_OPEN_INIT;
	same_bytes(&it, geopol_events(&it, db, &f, NULL), kinds);
	same_bytes(&it, geopol_relations(&it, db, "AAA", NULL, open, NULL), kinds);
	same_bytes(&it, geopol_history(&it, db, "AAA", "BBB", open, open, NULL), kinds);
	ck_assert_int_ge(kinds[GEOPOL_ITEM_EVENT], 6);
	ck_assert_int_ge(kinds[GEOPOL_ITEM_RELATION], 1);
	geopol_close(db);
}
END_TEST

static Suite *json_item_suite(void)
{
	Suite *s = suite_create("json_item");
	TCase *core = tcase_create("core");
	tcase_add_unchecked_fixture(core, load_dataset, close_dataset);
	tcase_set_timeout(core, 300);
	tcase_add_test(core, test_json_item_core__every_kind);
	tcase_add_test(core, test_json_item_core__odd_values);
	suite_add_tcase(s, core);
	return s;
}

int main(void)
{
	return tu_run(json_item_suite());
}
