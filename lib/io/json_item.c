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
#include "io/export_internal.h"
#include "io/json_internal.h"

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
	add_str(o, "certainty", geopol_certainty_name(e->certainty));
	/* The dataset's own fields (GDELT, ICEWS), when it has any. */
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
	if (!it || !out || !it->db || !it->item.kind)
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

/* geopol_date_to_ymd() for the days of 0001-01-01 (0) .. 9999-12-31
 * (3652058), by the Neri-Schneider algorithm ("Euclidean affine functions
 * and their application to calendar algorithms", 2022): a short chain of
 * unsigned multiplications, no signed division. It gives the same dates
 * for every day of the range (checked day by day against
 * geopol_date_to_ymd; tests/check_snapshot.c compares the text). */
#define LAST_DAY 3652058u

static void day_to_ymd(uint32_t day, unsigned *y, unsigned *m, unsigned *d)
{
	/* Days since 0000-03-01, the year starting in March. */
	uint32_t n1 = 4 * (day + 306) + 3;
	uint32_t century = n1 / 146097, in_century = n1 % 146097 / 4;
	uint64_t p2 = (uint64_t)2939745 * (4 * in_century + 3);
	uint32_t year = (uint32_t)(p2 >> 32), in_year = (uint32_t)p2 / 2939745 / 4;
	uint32_t n3 = 2141 * in_year + 197913;
	uint32_t jan_feb = in_year >= 306;
	*y = 100 * century + year + jan_feb;
	*m = jan_feb ? (n3 >> 16) - 12 : n3 >> 16;
	*d = (n3 & 0xffff) / 2141 + 1;
}

/* v in 0..99 as two digits, from a table: no division. */
static char *put_2digits(char *p, unsigned v)
{
	static const char digits[] = "00010203040506070809101112131415161718192021222324"
				     "25262728293031323334353637383940414243444546474849"
				     "50515253545556575859606162636465666768697071727374"
				     "75767778798081828384858687888990919293949596979899";
	return gp_put(p, digits + 2 * v, 2);
}

char *gp_put_date(char *p, geopol_date d)
{
	if (d.precision < GEOPOL_DATE_YEAR || d.precision > GEOPOL_DATE_DAY)
		return p;
	if (d.day < 0 || (uint32_t)d.day > LAST_DAY) {
		/* Out of the parseable range: whatever geopol_date_format() says. */
		char buf[GEOPOL_DATE_BUFSIZE];
		int n = geopol_date_format(d, buf, sizeof buf);
		return n > 0 ? gp_put(p, buf, strlen(buf)) : p;
	}
	unsigned y, m, dd;
	day_to_ymd((uint32_t)d.day, &y, &m, &dd);
	p = put_2digits(p, y / 100);
	p = put_2digits(p, y % 100);
	if (d.precision >= GEOPOL_DATE_MONTH) {
		*p++ = '-';
		p = put_2digits(p, m);
	}
	if (d.precision == GEOPOL_DATE_DAY) {
		*p++ = '-';
		p = put_2digits(p, dd);
	}
	return p;
}

int gp_date_text(geopol_date d, char *buf)
{
	char *end = gp_put_date(buf, d);
	*end = '\0';
	return (int)(end - buf);
}

/* A byte that needs escaping in a JSON string as cJSON's print_string_ptr
 * writes it: '"', '\\' and the control characters (\b \f \n \r \t, else
 * \u00xx in lowercase). At most 6 bytes. */
static char *put_json_escape(char *p, unsigned char c)
{
	*p++ = '\\';
	switch (c) {
	case '"': *p++ = '"'; break;
	case '\\': *p++ = '\\'; break;
	case '\b': *p++ = 'b'; break;
	case '\f': *p++ = 'f'; break;
	case '\n': *p++ = 'n'; break;
	case '\r': *p++ = 'r'; break;
	case '\t': *p++ = 't'; break;
	default:
		p = GP_PUT_LIT(p, "u00");
		*p++ = "0123456789abcdef"[c >> 4];
		*p++ = "0123456789abcdef"[c & 15];
	}
	return p;
}

/* A string is copied in pieces of at most JSON_PIECE bytes, each after
 * making room for its escaped form (6 bytes a byte at most): no strlen()
 * first, and short strings, the usual ones, are one piece. */
#define JSON_PIECE 64

/* The bytes of s, escaped, up to its end or JSON_PIECE bytes; *rest is
 * where the copy stopped (at the NUL when s is done). */
static char *put_json_piece(char *p, const char *s, const char **rest)
{
	size_t i;
	for (i = 0; i < JSON_PIECE; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c >= 0x20 && c != '"' && c != '\\')
			*p++ = (char)c;
		else if (c)
			p = put_json_escape(p, c);
		else
			break;
	}
	*rest = s + i;
	return p;
}

/* A JSON string, or null for NULL. */
void gp_json_string(gp_out *o, const char *s)
{
	if (!s) {
		GP_OUT_LIT(o, "null");
		return;
	}
	char *p = gp_out_room(o, 6 * JSON_PIECE + 2);
	*p++ = '"';
	for (;;) {
		p = put_json_piece(p, s, &s);
		if (!*s)
			break;
		gp_out_end(o, p);
		p = gp_out_room(o, 6 * JSON_PIECE + 1);
	}
	*p++ = '"';
	gp_out_end(o, p);
}

/* A date as a JSON string, or null for no date. */
static void json_date(gp_out *o, geopol_date d)
{
	char *p = gp_out_room(o, GP_DATE_MAXLEN + 2);
	char *end = gp_put_date(p + 1, d);
	if (end == p + 1) {
		p = GP_PUT_LIT(p, "null");
	} else {
		*p = '"';
		p = end;
		*p++ = '"';
	}
	gp_out_end(o, p);
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
		KEY_STR(o, ",\"stage\":", geopol_stage_name(m->stage));
		KEY_STR(o, ",\"coding\":", m->coding);
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
