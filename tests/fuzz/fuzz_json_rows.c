/* fuzz_json_rows.c - the JSON row writer: the input, cut at 0xFF bytes,
 * gives the strings of an entity (code, name, language), a membership's
 * citation quote, a relation's attributes and an event's title; whatever
 * the library stores, every row it writes (geopol_iter_json, NDJSON and
 * JSON exports) is valid JSON holding the stored strings unchanged. */
#include "fuzz_common.h"

#include <cjson/cJSON.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

typedef struct sink {
	char *buf;
	size_t len;
} sink;

static int to_sink(void *ctx, const char *data, size_t len)
{
	sink *s = ctx;
	char *p = realloc(s->buf, s->len + len + 1);
	if (!p)
		return -1;
	memcpy(p + s->len, data, len);
	s->buf = p;
	s->len += len;
	s->buf[s->len] = '\0';
	return 0;
}

/* Every row is valid JSON; the name row holds `text` unchanged. */
static void check_rows(geopol_db *db, geopol_iter *it, const char *text)
{
	const geopol_item *item;
	int rc, found = 0;
	while ((rc = geopol_iter_next(it, &item)) == GEOPOL_OK) {
		char *json = NULL;
		if (geopol_iter_json(it, &json) != GEOPOL_OK)
			fz_fail("iter_json", geopol_errmsg(db));
		cJSON *o = cJSON_Parse(json);
		if (!o)
			fz_fail("a row is not valid JSON", json);
		const cJSON *t = cJSON_GetObjectItemCaseSensitive(o, "text");
		if (text && cJSON_IsString(t) && strcmp(t->valuestring, text) == 0)
			found = 1;
		cJSON_Delete(o);
		geopol_free(json);
	}
	if (rc != GEOPOL_ITEROVER)
		fz_fail("iteration", geopol_errmsg(db));
	if (text && !found)
		fz_fail("the stored name did not come back unchanged", text);
	geopol_iter_free(it);
}

static void check_export(geopol_db *db, int format, geopol_date at)
{
	geopol_export_options o = GEOPOL_EXPORT_OPTIONS_INIT;
	o.format = format;
	o.at = at;
	sink s = {NULL, 0};
	if (geopol_export(db, &o, NULL, to_sink, &s) != GEOPOL_OK)
		fz_fail("export", geopol_errmsg(db));
	if (format == GEOPOL_FORMAT_JSON) {
		cJSON *doc = cJSON_ParseWithLength(s.buf, s.len);
		if (!doc)
			fz_fail("the JSON export is not valid JSON", s.buf);
		cJSON_Delete(doc);
	} else {
		for (char *line = s.buf, *nl; line && *line; line = nl ? nl + 1 : NULL) {
			nl = strchr(line, '\n');
			cJSON *o2 = cJSON_ParseWithLength(line, nl ? (size_t)(nl - line) : strlen(line));
			if (!o2)
				fz_fail("an NDJSON line is not valid JSON", line);
			cJSON_Delete(o2);
		}
	}
	free(s.buf);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static geopol_db *db;
	if (!db && geopol_open(&db, ":memory:", NULL) != GEOPOL_OK)
		fz_fail("open", geopol_errmsg(db));
	char *all = fz_string(data, size);
	const char *part[6] = {"X", "Name", "en", "quote", "{}", "Title"};
	char *p = all;
	for (int i = 0; i < 6 && p; i++) {
		char *cut = strchr(p, '\xff');
		if (cut)
			*cut = '\0';
		part[i] = p;
		p = cut ? cut + 1 : NULL;
	}
	geopol_date at;
	geopol_date_parse(&at, "2020");
	if (geopol_begin(db) != GEOPOL_OK)
		fz_fail("begin", geopol_errmsg(db));
	geopol_source_spec src = GEOPOL_SOURCE_SPEC_INIT;
	src.code = "fuzz";
	src.title = part[5];
	if (geopol_source_add(db, &src) != GEOPOL_OK) {
		src.title = NULL;
		geopol_source_add(db, &src);
	}
	geopol_entity_spec org = GEOPOL_ENTITY_SPEC_INIT, e = GEOPOL_ENTITY_SPEC_INIT;
	org.code = "ORG";
	org.kind = GEOPOL_KIND_ORGANIZATION;
	geopol_entity_add(db, &org);
	e.code = part[0];
	e.kind = GEOPOL_KIND_STATE;
	const char *name = NULL;
	if (geopol_entity_add(db, &e) == GEOPOL_OK) {
		geopol_name_spec n = GEOPOL_NAME_SPEC_INIT;
		n.entity = part[0];
		n.text = part[1];
		n.lang = part[2];
		if (geopol_name_add(db, &n, NULL) == GEOPOL_OK)
			name = part[1];
		geopol_membership_spec m = GEOPOL_MEMBERSHIP_SPEC_INIT;
		m.org = "ORG";
		m.member = part[0];
		int64_t fact;
		if (geopol_membership_add(db, &m, &fact) == GEOPOL_OK)
			geopol_cite(db, GEOPOL_FACT_MEMBERSHIP, fact, "fuzz", part[3]);
		geopol_relation_spec r = GEOPOL_RELATION_SPEC_INIT;
		r.a = part[0];
		r.b = "ORG";
		r.type = "partnership";
		r.attrs = part[4];
		geopol_relation_type_add(db, "partnership", 0, "Partnership");
		geopol_relation_add(db, &r, NULL);
		geopol_event_type_add(db, "042", "Make a visit", 1.9);
		geopol_actor_spec actor = {part[0], GEOPOL_ACTOR_SOURCE};
		geopol_text_spec t = {part[2], part[5], part[3]};
		geopol_event_spec ev = GEOPOL_EVENT_SPEC_INIT;
		ev.type = "042";
		ev.date = at;
		ev.actors = &actor;
		ev.n_actors = 1;
		ev.texts = &t;
		ev.n_texts = 1;
		geopol_event_add(db, &ev, NULL);
	}
	geopol_iter *it;
	if (geopol_names(&it, db, part[0], NULL, (geopol_date)GEOPOL_DATE_OPEN_INIT, NULL) == GEOPOL_OK)
		check_rows(db, it, name);
	if (geopol_snapshot(&it, db, at, NULL) == GEOPOL_OK)
		check_rows(db, it, NULL);
	if (geopol_events(&it, db, NULL, NULL) == GEOPOL_OK)
		check_rows(db, it, NULL);
	check_export(db, GEOPOL_FORMAT_JSON, at);
	check_export(db, GEOPOL_FORMAT_NDJSON, at);
	if (geopol_rollback(db) != GEOPOL_OK)
		fz_fail("rollback", geopol_errmsg(db));
	free(all);
	return 0;
}
