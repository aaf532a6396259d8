/*
 * json_item.c - one item as a JSON object: the row shapes every JSON output
 * shares (geopol_iter_json(), hence the CLI's --format json, and the JSON
 * and NDJSON exports), written by one streaming writer, gp_item_json_write():
 * straight to the output stream, no tree and no allocation per item, since a
 * snapshot has ~200,000 of them. The bytes are cJSON's (its escaping, number
 * format and key order), which tests/check_json_item.c checks item by item
 * against a cJSON tree; cJSON itself is used only to rewrite attrs and
 * details that are not already in its form.
 */
#include "io/export_internal.h"
#include "store/store.h"

#include <cjson/cJSON.h>
#include <float.h>
#include <limits.h>
#include <locale.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const change_names[] = {NULL, "joined", "left", "relation_started",
					   "relation_ended", "event"};

/* ---- the streaming writer */

/* The days of 0001-01-01 (0) .. 9999-12-31, the years of four digits. */
#define LAST_DAY 3652058u

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
	int y, m, dd;
	geopol_date_to_ymd(d.day, &y, &m, &dd);
	p = put_2digits(p, (unsigned)y / 100);
	p = put_2digits(p, (unsigned)y % 100);
	if (d.precision >= GEOPOL_DATE_MONTH) {
		*p++ = '-';
		p = put_2digits(p, (unsigned)m);
	}
	if (d.precision == GEOPOL_DATE_DAY) {
		*p++ = '-';
		p = put_2digits(p, (unsigned)dd);
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

/* JSON text as cJSON prints it back: the text itself when it is already
 * in that form, else cJSON's rewrite (*tmp, to free). Returns GEOPOL_OK with
 * *out NULL when cJSON cannot read it. */
static int json_canonical(geopol_iter *it, const char *text, const char **out, char **tmp)
{
	*out = *tmp = NULL;
	const char *end = canonical_value(text, 0);
	if (end && !*end) {
		*out = text;
		return GEOPOL_OK;
	}
	cJSON *j = cJSON_Parse(text);
	if (!j)
		return GEOPOL_OK;
	*out = *tmp = cJSON_PrintUnformatted(j);
	cJSON_Delete(j);
	return *tmp ? GEOPOL_OK : gp_oom(it->db);
}

/* A relation's attrs: {} when there are none or cJSON cannot read them. */
static int json_attrs(gp_out *o, geopol_iter *it, const char *attrs)
{
	const char *text = NULL;
	char *tmp = NULL;
	int rc = attrs ? json_canonical(it, attrs, &text, &tmp) : GEOPOL_OK;
	if (rc)
		return rc;
	if (text)
		gp_out_str(o, text);
	else
		GP_OUT_LIT(o, "{}");
	free(tmp);
	return GEOPOL_OK;
}

/* cJSON's compare_double: equal to within a relative DBL_EPSILON. */
static int same_double(double a, double b)
{
	double most = fabs(a) > fabs(b) ? fabs(a) : fabs(b);
	return fabs(a - b) <= most * DBL_EPSILON;
}

/* A number as cJSON 1.7 prints it (print_number): null for NaN and the
 * infinities, an integer of the int range with %d, else %1.15g, or %1.17g
 * when that does not read back as the same double; '.' whatever the
 * locale's decimal point. */
static void json_number(gp_out *o, double d)
{
	if (isnan(d) || isinf(d)) {
		GP_OUT_LIT(o, "null");
		return;
	}
	if (d >= INT_MIN && d <= INT_MAX && d == (double)(int)d) {
		gp_out_i64(o, (int)d);
		return;
	}
	char buf[32];
	double back;
	snprintf(buf, sizeof buf, "%1.15g", d);
	if (sscanf(buf, "%lg", &back) != 1 || !same_double(back, d))
		snprintf(buf, sizeof buf, "%1.17g", d);
	char point = localeconv()->decimal_point[0];
	for (char *p = buf; *p; p++)
		if (*p == point)
			*p = '.';
	gp_out_str(o, buf);
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

#define KEY_NUM(o, key, v) (GP_OUT_LIT(o, key), json_number(o, v))

/* The opening of an item: "{", and its "record" key when with_kind. */
static void json_open(gp_out *o, int with_kind, const char *record)
{
	if (with_kind) {
		GP_OUT_LIT(o, "{\"record\":");
		gp_json_string(o, record);
		gp_out_byte(o, ',');
	} else {
		gp_out_byte(o, '{');
	}
}

static int json_event(gp_out *o, geopol_iter *it, const geopol_event *e, int with_kind)
{
	json_open(o, with_kind, "event");
	KEY_NUM(o, "\"id\":", (double)e->fact_id);
	if (e->ext_id)
		KEY_STR(o, ",\"ext_id\":", e->ext_id);
	KEY_DATE(o, ",\"date\":", e->date);
	KEY_DATE(o, ",\"end\":", e->end);
	KEY_STR(o, ",\"type\":", e->type);
	KEY_STR(o, ",\"type_name\":", e->type_name);
	KEY_NUM(o, ",\"goldstein\":", e->goldstein);
	GP_OUT_LIT(o, ",\"actors\":[");
	for (size_t i = 0; i < e->n_actors; i++) {
		if (i)
			gp_out_byte(o, ',');
		GP_OUT_LIT(o, "{\"code\":");
		gp_json_string(o, e->actors[i].entity);
		KEY_STR(o, ",\"role\":", geopol_actor_role_name(e->actors[i].role));
		gp_out_byte(o, '}');
	}
	gp_out_byte(o, ']');
	KEY_STR(o, ",\"title\":", e->title);
	KEY_STR(o, ",\"title_lang\":", e->title_lang);
	KEY_NUM(o, ",\"intensity\":", e->intensity);
	KEY_STR(o, ",\"location\":", e->location);
	KEY_STR(o, ",\"certainty\":", geopol_certainty_name(e->certainty));
	/* The dataset's own fields (GDELT, ICEWS), when it has any that read. */
	const char *details = NULL;
	char *tmp = NULL;
	int rc = e->details ? json_canonical(it, e->details, &details, &tmp) : GEOPOL_OK;
	if (details) {
		GP_OUT_LIT(o, ",\"details\":");
		gp_out_str(o, details);
	}
	free(tmp);
	return rc;
}

/*
 * An ATOP member's own obligations and provisions (membership_attr, which
 * only the atop importer writes: asked of its codings alone, so that no
 * other row costs a lookup), as "attrs":{"consultation":"0","defense":"1",
 * ..., "provisions":{...}}, of the version the item is (its fact id and
 * recorded time).
 */
typedef struct member_attrs {
	gp_out *o;
	geopol_iter *it;
	int n;
} member_attrs;

static int json_member_attr(void *ctx, const char *key, const char *value)
{
	member_attrs *a = ctx;
	gp_out *o = a->o;
	if (a->n++)
		gp_out_byte(o, ',');
	else
		GP_OUT_LIT(o, ",\"attrs\":{");
	gp_json_string(o, key);
	gp_out_byte(o, ':');
	if (strcmp(key, "provisions") == 0)
		/* JSON text of the row's other columns: an object. */
		return json_attrs(o, a->it, value);
	gp_json_string(o, value);
	return 0;
}

static int json_member_attrs(gp_out *o, geopol_iter *it, const geopol_membership *m)
{
	if (!m->coding || strncmp(m->coding, "atop", 4) != 0)
		return GEOPOL_OK;
	member_attrs a = {o, it, 0};
	int rc = gp_store_of(it->db)->membership_attrs(it->db, m->fact_id, m->recorded,
						       json_member_attr, &a);
	if (!rc && a.n)
		gp_out_byte(o, '}');
	return rc;
}

static void json_name(gp_out *o, const geopol_name *n, int with_kind)
{
	json_open(o, with_kind, "name");
	KEY_STR(o, "\"entity\":", n->entity);
	KEY_STR(o, ",\"text\":", n->text);
	KEY_STR(o, ",\"lang\":", n->lang);
	KEY_STR(o, ",\"kind\":", geopol_name_kind_name(n->kind));
	KEY_DATE(o, ",\"from\":", n->from);
	KEY_DATE(o, ",\"to\":", n->to);
	KEY_STR(o, ",\"certainty\":", geopol_certainty_name(n->certainty));
}

static void json_candidate(gp_out *o, const geopol_candidate *c, int with_kind)
{
	json_open(o, with_kind, "candidate");
	KEY_STR(o, "\"code\":", c->code);
	KEY_STR(o, ",\"kind\":", geopol_kind_name(c->kind));
	KEY_STR(o, ",\"name\":", c->name);
	KEY_STR(o, ",\"matched\":", c->matched);
	KEY_STR(o, ",\"lang\":", c->lang);
	KEY_NUM(o, ",\"score\":", c->score);
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
		rc = json_member_attrs(o, it, m);
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
	case GEOPOL_ITEM_EVENT:
		if ((rc = json_event(o, it, item->event, with_kind)))
			return rc;
		break;
	case GEOPOL_ITEM_NAME:
		json_name(o, item->name, with_kind);
		break;
	case GEOPOL_ITEM_CANDIDATE:
		json_candidate(o, item->candidate, with_kind);
		with_sources = 0;   /* candidates are not cited */
		break;
	default:
		return gp_error(it->db, GEOPOL_EMISUSE, "no item to write");
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

/* ---- geopol_iter_json(): the same writer into memory */

/* Where the writer's buffer goes when one item outgrows it. */
typedef struct mem_sink {
	char *s;
	size_t len, cap;
} mem_sink;

static int mem_write(void *ctx, const char *data, size_t len)
{
	mem_sink *m = ctx;
	char *s = gp_grow(m->s, &m->cap, m->len + len + 1, 1, 256);
	if (!s)
		return -1;
	m->s = s;
	memcpy(m->s + m->len, data, len);
	m->len += len;
	return 0;
}

int geopol_iter_json(geopol_iter *it, char **out)
{
	if (!it || !out || !it->db || !it->item.kind)
		return GEOPOL_EMISUSE;
	*out = NULL;
	mem_sink m = {NULL, 0, 0};
	gp_out o = {mem_write, &m, 0, malloc(GP_OUT_BUFSIZE), 0};
	if (!o.buf)
		return gp_oom(it->db);
	int rc = gp_item_json_write(&o, it, &it->item, 0, 1);
	char *text = NULL;
	if (!rc && !m.len) {
		/* The usual case: the item fits the buffer, which becomes it. */
		text = realloc(o.buf, o.len + 1);
		text = text ? text : o.buf;
		o.buf = NULL;
		text[o.len] = '\0';
	} else if (!rc && !gp_out_flush(&o) && !o.failed && !mem_write(&m, "", 1)) {
		text = m.s;
		m.s = NULL;
	}
	free(o.buf);
	free(m.s);
	if (rc && rc != GEOPOL_EIO)
		return rc;
	if (!text)
		return gp_oom(it->db);
	/* malloc'd, so geopol_free() frees it. */
	*out = text;
	return GEOPOL_OK;
}
