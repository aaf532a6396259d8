/*
 * json_item.c - one item as a JSON object: the row shapes every JSON output
 * shares (the CLI's --format json, the JSON and NDJSON exports).
 *
 * Two writers make the same bytes. geopol_iter_json() builds a cJSON tree
 * (every kind of item). The exports write entities, memberships and
 * relations straight to their output stream with gp_item_json_write():
 * cJSON's escaping and key order, no tree and no allocation per item, since
 * a snapshot has ~200,000 of them; other kinds go through the tree.
 * tests/check_snapshot.c holds the two to the same bytes.
 */
#include "export_internal.h"
#include "json_internal.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

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

/* ---- the streaming writer */

int gp_date_text(geopol_date d, char *buf)
{
	if (d.precision < GEOPOL_DATE_YEAR || d.precision > GEOPOL_DATE_DAY) {
		buf[0] = '\0';
		return 0;
	}
	int y, m, dd;
	geopol_date_to_ymd(d.day, &y, &m, &dd);
	if (y < 1 || y > 9999) {
		/* Out of the parseable range: whatever geopol_date_format() says. */
		int n = geopol_date_format(d, buf, GEOPOL_DATE_BUFSIZE);
		return n > 0 ? (int)strlen(buf) : 0;
	}
	buf[0] = (char)('0' + y / 1000);
	buf[1] = (char)('0' + y / 100 % 10);
	buf[2] = (char)('0' + y / 10 % 10);
	buf[3] = (char)('0' + y % 10);
	int n = 4;
	if (d.precision >= GEOPOL_DATE_MONTH) {
		buf[4] = '-';
		buf[5] = (char)('0' + m / 10);
		buf[6] = (char)('0' + m % 10);
		n = 7;
	}
	if (d.precision == GEOPOL_DATE_DAY) {
		buf[7] = '-';
		buf[8] = (char)('0' + dd / 10);
		buf[9] = (char)('0' + dd % 10);
		n = 10;
	}
	buf[n] = '\0';
	return n;
}

/* cJSON's print_string_ptr: '"', '\\' and the control characters escaped
 * (\b \f \n \r \t, else \u00xx in lowercase); every other byte as is. */
void gp_json_string(gp_out *o, const char *s)
{
	if (!s) {
		GP_OUT_LIT(o, "null");
		return;
	}
	gp_out_byte(o, '"');
	const char *run = s;
	for (;; s++) {
		unsigned char c = (unsigned char)*s;
		if (c >= 0x20 && c != '"' && c != '\\')
			continue;
		gp_out_write(o, run, (size_t)(s - run));
		if (!c)
			break;
		char esc[8] = {'\\', 0};
		size_t n = 2;
		switch (c) {
		case '"': esc[1] = '"'; break;
		case '\\': esc[1] = '\\'; break;
		case '\b': esc[1] = 'b'; break;
		case '\f': esc[1] = 'f'; break;
		case '\n': esc[1] = 'n'; break;
		case '\r': esc[1] = 'r'; break;
		case '\t': esc[1] = 't'; break;
		default:
			esc[1] = 'u';
			esc[2] = '0';
			esc[3] = '0';
			esc[4] = "0123456789abcdef"[c >> 4];
			esc[5] = "0123456789abcdef"[c & 15];
			n = 6;
		}
		gp_out_write(o, esc, n);
		run = s + 1;
	}
	gp_out_byte(o, '"');
}

static void json_date(gp_out *o, geopol_date d)
{
	char buf[GEOPOL_DATE_BUFSIZE];
	int n = gp_date_text(d, buf);
	if (n <= 0) {
		GP_OUT_LIT(o, "null");
		return;
	}
	gp_out_byte(o, '"');
	gp_out_write(o, buf, (size_t)n);
	gp_out_byte(o, '"');
}

/* Whether JSON text is already what cJSON would print back after parsing
 * it: no white space, strings without escapes or control characters,
 * numbers that are integers of at most nine digits (cJSON prints those
 * with %d), nesting within reason, nothing after the value. Then the text
 * is copied as is; anything else goes through cJSON. Returns the end of
 * the value, or NULL. */
static const char *canonical_value(const char *s, int depth)
{
	if (depth > 64)
		return NULL;
	switch (*s) {
	case '{':
	case '[': {
		char close = *s == '{' ? '}' : ']';
		s++;
		if (*s == close)
			return s + 1;
		for (;;) {
			if (close == '}') {
				if (*s != '"' || !(s = canonical_value(s, depth + 1)) || *s != ':')
					return NULL;
				s++;
			}
			if (!(s = canonical_value(s, depth + 1)))
				return NULL;
			if (*s == close)
				return s + 1;
			if (*s != ',')
				return NULL;
			s++;
		}
	}
	case '"':
		for (s++; *s != '"'; s++)
			if (!*s || *s == '\\' || (unsigned char)*s < 0x20)
				return NULL;
		return s + 1;
	case 't': return strncmp(s, "true", 4) == 0 ? s + 4 : NULL;
	case 'f': return strncmp(s, "false", 5) == 0 ? s + 5 : NULL;
	case 'n': return strncmp(s, "null", 4) == 0 ? s + 4 : NULL;
	default: {
		const char *p = s + (*s == '-');
		if (*p == '0')
			return *s == '-' || (p[1] >= '0' && p[1] <= '9') ? NULL : p + 1;
		int n = 0;
		while (p[n] >= '0' && p[n] <= '9')
			n++;
		if (n == 0 || n > 9 || p[n] == '.' || p[n] == 'e' || p[n] == 'E')
			return NULL;
		return p + n;
	}
	}
}

/* A relation's attrs as relation() above prints them. */
static int json_attrs(gp_out *o, geopol_iter *it, const char *attrs)
{
	if (!attrs) {
		GP_OUT_LIT(o, "{}");
		return GEOPOL_OK;
	}
	const char *end = canonical_value(attrs, 0);
	if (end && !*end) {
		gp_out_write(o, attrs, (size_t)(end - attrs));
		return GEOPOL_OK;
	}
	cJSON *j = cJSON_Parse(attrs);
	if (!j) {
		GP_OUT_LIT(o, "{}");
		return GEOPOL_OK;
	}
	char *text = cJSON_PrintUnformatted(j);
	cJSON_Delete(j);
	if (!text)
		return gp_error(it->db, GEOPOL_ENOMEM, "out of memory");
	gp_out_str(o, text);
	free(text);
	return GEOPOL_OK;
}

static int json_sources(gp_out *o, geopol_iter *it)
{
	const geopol_citation *c;
	size_t n;
	int rc = geopol_iter_citations(it, &c, &n);
	if (rc)
		return rc;
	GP_OUT_LIT(o, ",\"sources\":[");
	for (size_t i = 0; i < n; i++) {
		if (i)
			gp_out_byte(o, ',');
		GP_OUT_LIT(o, "{\"source\":");
		gp_json_string(o, c[i].source);
		GP_OUT_LIT(o, ",\"quote\":");
		gp_json_string(o, c[i].quote);
		gp_out_byte(o, '}');
	}
	gp_out_byte(o, ']');
	return GEOPOL_OK;
}

/* A key and a string value, the key a literal with its quotes and colon. */
#define KEY_STR(o, key, v) (GP_OUT_LIT(o, key), gp_json_string(o, v))
#define KEY_DATE(o, key, d) (GP_OUT_LIT(o, key), json_date(o, d))

/* Through the cJSON tree: items the streaming writer does not know. */
static int json_via_tree(gp_out *o, geopol_iter *it, const geopol_item *item, int with_kind,
			 int with_sources)
{
	cJSON *j;
	int rc = gp_item_json(it, item, with_kind, &j);
	if (rc)
		return rc;
	if (!with_sources)
		cJSON_DeleteItemFromObject(j, "sources");
	char *text = cJSON_PrintUnformatted(j);
	cJSON_Delete(j);
	if (!text)
		return gp_error(it->db, GEOPOL_ENOMEM, "out of memory");
	gp_out_str(o, text);
	free(text);
	return GEOPOL_OK;
}

int gp_item_json_write(gp_out *o, geopol_iter *it, const geopol_item *item, int with_kind,
		       int with_sources)
{
	int rc = GEOPOL_OK;
	switch (item->kind) {
	case GEOPOL_ITEM_ENTITY: {
		const geopol_entity *e = item->entity;
		if (with_kind)
			GP_OUT_LIT(o, "{\"record\":\"entity\",\"code\":");
		else
			GP_OUT_LIT(o, "{\"code\":");
		gp_json_string(o, e->code);
		KEY_STR(o, ",\"kind\":", geopol_kind_name(e->kind));
		KEY_STR(o, ",\"subkind\":", e->subkind);
		KEY_STR(o, ",\"name\":", e->name);
		KEY_DATE(o, ",\"from\":", e->from);
		KEY_DATE(o, ",\"to\":", e->to);
		with_sources = 0;   /* entities are not cited */
		break;
	}
	case GEOPOL_ITEM_MEMBERSHIP: {
		const geopol_membership *m = item->membership;
		if (with_kind)
			GP_OUT_LIT(o, "{\"record\":\"membership\",\"org\":");
		else
			GP_OUT_LIT(o, "{\"org\":");
		gp_json_string(o, m->org);
		KEY_STR(o, ",\"member\":", m->member);
		KEY_STR(o, ",\"role\":", geopol_role_name(m->role));
		KEY_DATE(o, ",\"from\":", m->from);
		KEY_DATE(o, ",\"to\":", m->to);
		KEY_STR(o, ",\"certainty\":", geopol_certainty_name(m->certainty));
		break;
	}
	case GEOPOL_ITEM_RELATION: {
		const geopol_relation *r = item->relation;
		if (with_kind)
			GP_OUT_LIT(o, "{\"record\":\"relation\",\"a\":");
		else
			GP_OUT_LIT(o, "{\"a\":");
		gp_json_string(o, r->a);
		KEY_STR(o, ",\"b\":", r->b);
		KEY_STR(o, ",\"type\":", r->type);
		if (r->directed)
			GP_OUT_LIT(o, ",\"directed\":true");
		else
			GP_OUT_LIT(o, ",\"directed\":false");
		KEY_DATE(o, ",\"from\":", r->from);
		KEY_DATE(o, ",\"to\":", r->to);
		GP_OUT_LIT(o, ",\"attrs\":");
		if ((rc = json_attrs(o, it, r->attrs)))
			return rc;
		KEY_STR(o, ",\"certainty\":", geopol_certainty_name(r->certainty));
		break;
	}
	default:
		return json_via_tree(o, it, item, with_kind, with_sources);
	}
	if (item->change > 0 && item->change <= 5)
		KEY_STR(o, ",\"change\":", change_names[item->change]);
	if (item->depth) {
		GP_OUT_LIT(o, ",\"depth\":");
		gp_out_i64(o, item->depth);
		KEY_STR(o, ",\"via\":", item->via);
	}
	if (with_sources && (rc = json_sources(o, it)))
		return rc;
	gp_out_byte(o, '}');
	return o->failed ? GEOPOL_EIO : GEOPOL_OK;
}
