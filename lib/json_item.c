/*
 * json_item.c - one item as a JSON object: the row shapes every JSON output
 * shares (the CLI's --format json, the JSON and NDJSON exports).
 */
#include "json_internal.h"

#include <math.h>
#include <stdlib.h>

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

static int add_sources(geopol_iter *it, cJSON *o)
{
	const geopol_citation *c;
	size_t n;
	int rc = geopol_iter_citations(it, &c, &n);
	if (rc)
		return rc;
	cJSON *list = cJSON_AddArrayToObject(o, "sources");
	for (size_t i = 0; list && i < n; i++) {
		cJSON *x = cJSON_CreateObject();
		add_str(x, "source", c[i].source);
		add_str(x, "quote", c[i].quote);
		cJSON_AddItemToArray(list, x);
	}
	return GEOPOL_OK;
}

static void membership(cJSON *o, const geopol_membership *m)
{
	add_str(o, "org", m->org);
	add_str(o, "member", m->member);
	add_str(o, "role", geopol_role_name(m->role));
	add_date(o, "from", m->from);
	add_date(o, "to", m->to);
	add_str(o, "certainty", geopol_certainty_name(m->certainty));
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
	for (size_t i = 0; actors && i < e->n_actors; i++) {
		cJSON *a = cJSON_CreateObject();
		add_str(a, "code", e->actors[i].entity);
		add_str(a, "role", geopol_actor_role_name(e->actors[i].role));
		cJSON_AddItemToArray(actors, a);
	}
	add_str(o, "title", e->title);
	add_str(o, "title_lang", e->title_lang);
	add_num(o, "intensity", e->intensity);
	add_str(o, "location", e->location);
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

static const char *const change_names[] = {NULL, "joined", "left", "relation_started",
					   "relation_ended", "event"};

int gp_item_json(geopol_iter *it, const geopol_item *item, int with_kind, cJSON **out)
{
	static const char *const kinds[] = {NULL, "entity", "name", "membership", "relation",
					    "event", "candidate"};
	cJSON *o = cJSON_CreateObject();
	if (!o)
		return gp_error(it->db, GEOPOL_ENOMEM, "out of memory");
	if (with_kind && item->kind >= 1 && item->kind <= 6)
		cJSON_AddStringToObject(o, "record", kinds[item->kind]);
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
		cJSON_AddStringToObject(o, "change", change_names[item->change]);
	if (item->depth) {
		cJSON_AddNumberToObject(o, "depth", item->depth);
		add_str(o, "via", item->via);
	}
	int rc = cited ? add_sources(it, o) : GEOPOL_OK;
	if (rc) {
		cJSON_Delete(o);
		return rc;
	}
	*out = o;
	return GEOPOL_OK;
}

int geopol_iter_json(geopol_iter *it, char **out)
{
	if (!it || !out || !it->item.kind)
		return GEOPOL_EMISUSE;
	*out = NULL;
	cJSON *o;
	int rc = gp_item_json(it, &it->item, 0, &o);
	if (rc)
		return rc;
	char *text = cJSON_PrintUnformatted(o);
	cJSON_Delete(o);
	if (!text)
		return gp_error(it->db, GEOPOL_ENOMEM, "out of memory");
	/* cJSON allocates with malloc (hooks unset), so geopol_free() frees it. */
	*out = text;
	return GEOPOL_OK;
}
