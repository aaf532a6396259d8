/*
 * import_json.c - the geopol JSON dataset format (docs/FORMAT.md,
 * schema/dataset.schema.json). The caller (import.c) holds the transaction;
 * an error names the file, the record (section[index]) and the field.
 */
#include "io/import_internal.h"

#include <cjson/cJSON.h>
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct ctx {
	geopol_db *db;
	const char *file;
	geopol_import_stats *stats;
	char where[160];   /* "memberships[3]" */
	size_t done, total; /* records of the file imported, and in all */
} ctx;

/* Prefix the message the failing call left with the file and record. */
static int fail(ctx *c, int rc)
{
	char detail[GP_ERRMSG_SIZE];
	snprintf(detail, sizeof detail, "%s", c->db->errmsg);
	gp_error(c->db, rc, "%s: %s: %s", c->file, c->where, detail);
	return rc;
}

static int bad(ctx *c, const char *fmt, const char *field, const char *detail)
{
	gp_error(c->db, GEOPOL_EINVAL, fmt, field, detail);
	return fail(c, GEOPOL_EINVAL);
}

static void count(ctx *c, int rc)
{
	if (rc == GP_UNCHANGED)
		c->stats->unchanged++;
	else
		c->stats->added++;
}

/* Optional string field: NULL when absent or null; EINVAL when not a string. */
static int get_str(ctx *c, const cJSON *obj, const char *field, const char **out)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, field);
	*out = NULL;
	if (!v || cJSON_IsNull(v))
		return GEOPOL_OK;
	if (!cJSON_IsString(v))
		return bad(c, "field '%s': expected a string%s", field, "");
	*out = v->valuestring;
	return gp_check_utf8(c->db, field, *out) ? fail(c, GEOPOL_EINVAL) : GEOPOL_OK;
}

static int need_str(ctx *c, const cJSON *obj, const char *field, const char **out)
{
	int rc = get_str(c, obj, field, out);
	if (!rc && (!*out || !**out))
		return bad(c, "field '%s' is required%s", field, "");
	return rc;
}

static int get_date(ctx *c, const cJSON *obj, const char *field, geopol_date *out)
{
	const char *s;
	int rc = get_str(c, obj, field, &s);
	out->day = 0;
	out->precision = GEOPOL_DATE_NONE;
	if (rc || !s)
		return rc;
	if (geopol_date_parse(out, s))
		return bad(c, "field '%s': '%s' is not a date (YYYY, YYYY-MM or YYYY-MM-DD, "
			   "a real day of years 1-9999)", field, gp_short(s));
	return GEOPOL_OK;
}

/* Reject keys the format does not know: a typo must not pass silently. */
static int check_keys(ctx *c, const cJSON *obj, const char *const *known)
{
	if (!cJSON_IsObject(obj))
		return bad(c, "%s%s", "expected a JSON object", "");
	for (const cJSON *k = obj->child; k; k = k->next) {
		int ok = 0;
		for (const char *const *p = known; *p && !ok; p++)
			ok = strcmp(*p, k->string) == 0;
		if (!ok)
			return bad(c, "unknown field '%s'%s", gp_short(k->string), "");
	}
	return GEOPOL_OK;
}

static int import_citations(ctx *c, const cJSON *obj, int kind)
{
	static const char *const keys[] = {"source", "quote", NULL};
	const cJSON *list = cJSON_GetObjectItemCaseSensitive(obj, "sources");
	if (!list || cJSON_IsNull(list))
		return GEOPOL_OK;
	if (!cJSON_IsArray(list))
		return bad(c, "field '%s': expected an array%s", "sources", "");
	int64_t row = c->db->last_row;
	for (const cJSON *s = list->child; s; s = s->next) {
		const char *source, *quote;
		int64_t src;
		int rc;
		if ((rc = check_keys(c, s, keys)) || (rc = need_str(c, s, "source", &source)) ||
		    (rc = get_str(c, s, "quote", &quote)))
			return rc;
		if ((rc = gp_source_id(c->db, source, &src)) ||
		    (rc = gp_cite_row(c->db, kind, row, src, quote)))
			return fail(c, rc);
	}
	return GEOPOL_OK;
}

static int after_add(ctx *c, int rc, int kind, int64_t fact_id, const cJSON *obj)
{
	if (rc < 0)
		return fail(c, rc);
	count(c, rc);
	/* After an "unchanged" add, citations go to the stored current row. */
	if (rc == GP_UNCHANGED && (rc = gp_current_row(c->db, kind, fact_id, &c->db->last_row)))
		return fail(c, rc);
	return import_citations(c, obj, kind);
}

static int import_source(ctx *c, const cJSON *o)
{
	static const char *const keys[] = {"code", "title", "author", "publisher", "published",
					   "lang", "url", "file", NULL};
	geopol_source_spec s = GEOPOL_SOURCE_SPEC_INIT;
	int rc;
	if ((rc = check_keys(c, o, keys)) || (rc = need_str(c, o, "code", &s.code)) ||
	    (rc = get_str(c, o, "title", &s.title)) || (rc = get_str(c, o, "author", &s.author)) ||
	    (rc = get_str(c, o, "publisher", &s.publisher)) || (rc = get_str(c, o, "lang", &s.lang)) ||
	    (rc = get_str(c, o, "url", &s.url)) || (rc = get_str(c, o, "file", &s.file)) ||
	    (rc = get_date(c, o, "published", &s.published)))
		return rc;
	rc = gp_source_add(c->db, &s);
	if (rc < 0)
		return fail(c, rc);
	count(c, rc);
	return GEOPOL_OK;
}

static int import_relation_type(ctx *c, const cJSON *o)
{
	static const char *const keys[] = {"code", "directed", "label", NULL};
	const char *code, *label;
	int rc;
	if ((rc = check_keys(c, o, keys)) || (rc = need_str(c, o, "code", &code)) ||
	    (rc = get_str(c, o, "label", &label)))
		return rc;
	const cJSON *d = cJSON_GetObjectItemCaseSensitive(o, "directed");
	if (!cJSON_IsBool(d))
		return bad(c, "field '%s': expected true or false%s", "directed", "");
	rc = gp_relation_type_add(c->db, code, cJSON_IsTrue(d), label);
	if (rc < 0)
		return fail(c, rc);
	count(c, rc);
	return GEOPOL_OK;
}

static int get_number(ctx *c, const cJSON *o, const char *field, double *out)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, field);
	*out = NAN;
	if (!v || cJSON_IsNull(v))
		return GEOPOL_OK;
	if (!cJSON_IsNumber(v))
		return bad(c, "field '%s': expected a number%s", field, "");
	*out = v->valuedouble;
	return GEOPOL_OK;
}

static int import_event_type(ctx *c, const cJSON *o)
{
	static const char *const keys[] = {"code", "name", "goldstein", NULL};
	const char *code, *name;
	double g;
	int rc;
	if ((rc = check_keys(c, o, keys)) || (rc = need_str(c, o, "code", &code)) ||
	    (rc = need_str(c, o, "name", &name)) || (rc = get_number(c, o, "goldstein", &g)))
		return rc;
	rc = gp_event_type_add(c->db, code, name, g);
	if (rc < 0)
		return fail(c, rc);
	count(c, rc);
	return GEOPOL_OK;
}

static int get_enum(ctx *c, const cJSON *o, const char *field, int (*parse)(const char *),
		    int dflt, int *out)
{
	const char *s;
	int rc = get_str(c, o, field, &s);
	if (rc)
		return rc;
	if (!s) {
		if (!dflt)
			return bad(c, "field '%s' is required%s", field, "");
		*out = dflt;
		return GEOPOL_OK;
	}
	*out = parse(s);
	if (!*out)
		return bad(c, "field '%s': unknown value '%s'", field, gp_short(s));
	return GEOPOL_OK;
}

static int import_names(ctx *c, const cJSON *o, const char *code)
{
	static const char *const keys[] = {"text", "lang", "kind", "from", "to", "sources", NULL};
	const cJSON *list = cJSON_GetObjectItemCaseSensitive(o, "names");
	if (!list || cJSON_IsNull(list))
		return GEOPOL_OK;
	if (!cJSON_IsArray(list))
		return bad(c, "field '%s': expected an array%s", "names", "");
	size_t base = strlen(c->where), i = 0;
	int rc = GEOPOL_OK;
	for (const cJSON *n = list->child; n && !rc; n = n->next, i++) {
		snprintf(c->where + base, sizeof c->where - base, ".names[%zu]", i);
		geopol_name_spec s = GEOPOL_NAME_SPEC_INIT;
		s.entity = code;
		int64_t fact;
		if ((rc = check_keys(c, n, keys)) || (rc = need_str(c, n, "text", &s.text)) ||
		    (rc = need_str(c, n, "lang", &s.lang)) ||
		    (rc = get_enum(c, n, "kind", geopol_name_kind_parse, GEOPOL_NAME_OFFICIAL, &s.kind)) ||
		    (rc = get_date(c, n, "from", &s.from)) || (rc = get_date(c, n, "to", &s.to)))
			break;
		rc = gp_name_add(c->db, &s, 0, &fact);
		rc = after_add(c, rc, GEOPOL_FACT_NAME, fact, n);
	}
	c->where[base] = '\0';
	return rc;
}

static int import_ids(ctx *c, const cJSON *o, const char *code)
{
	const cJSON *ids = cJSON_GetObjectItemCaseSensitive(o, "ids");
	if (!ids || cJSON_IsNull(ids))
		return GEOPOL_OK;
	if (!cJSON_IsObject(ids))
		return bad(c, "field '%s': expected an object%s", "ids", "");
	for (const cJSON *v = ids->child; v; v = v->next) {
		if (!cJSON_IsString(v))
			return bad(c, "field 'ids.%s': expected a string%s", gp_short(v->string), "");
		int rc = gp_xref_add(c->db, code, v->string, v->valuestring);
		if (rc < 0)
			return fail(c, rc);
	}
	return GEOPOL_OK;
}

static int import_entity(ctx *c, const cJSON *o)
{
	static const char *const keys[] = {"code", "kind", "subkind", "from", "to", "ids",
					   "names", "sources", NULL};
	geopol_entity_spec s = GEOPOL_ENTITY_SPEC_INIT;
	int rc;
	if ((rc = check_keys(c, o, keys)) || (rc = need_str(c, o, "code", &s.code)) ||
	    (rc = get_enum(c, o, "kind", geopol_kind_parse, 0, &s.kind)) ||
	    (rc = get_str(c, o, "subkind", &s.subkind)) ||
	    (rc = get_date(c, o, "from", &s.from)) || (rc = get_date(c, o, "to", &s.to)))
		return rc;
	const cJSON *srcs = cJSON_GetObjectItemCaseSensitive(o, "sources");
	if (srcs && !cJSON_IsNull(srcs) && !cJSON_IsArray(srcs))
		return bad(c, "field '%s': expected an array%s", "sources", "");
	for (const cJSON *x = srcs ? srcs->child : NULL; x; x = x->next) {
		/* Entity-level sources are checked to exist; they document where
		 * the entity record came from. */
		const char *code;
		int64_t id;
		if ((rc = need_str(c, x, "source", &code)))
			return rc;
		if ((rc = gp_source_id(c->db, code, &id)))
			return fail(c, rc);
	}
	rc = gp_entity_add(c->db, &s);
	if (rc < 0)
		return fail(c, rc);
	count(c, rc);
	if ((rc = import_ids(c, o, s.code)))
		return rc;
	return import_names(c, o, s.code);
}

static int import_membership(ctx *c, const cJSON *o)
{
	static const char *const keys[] = {"org", "member", "role", "stage", "from", "to", "sources",
					   NULL};
	geopol_membership_spec s = GEOPOL_MEMBERSHIP_SPEC_INIT;
	int64_t fact;
	int rc;
	if ((rc = check_keys(c, o, keys)) || (rc = need_str(c, o, "org", &s.org)) ||
	    (rc = need_str(c, o, "member", &s.member)) ||
	    (rc = get_enum(c, o, "role", geopol_role_parse, GEOPOL_ROLE_MEMBER, &s.role)) ||
	    (cJSON_GetObjectItemCaseSensitive(o, "stage") &&
	     (rc = get_enum(c, o, "stage", geopol_stage_parse, GEOPOL_STAGE_IN_FORCE, &s.stage))) ||
	    (rc = get_date(c, o, "from", &s.from)) || (rc = get_date(c, o, "to", &s.to)))
		return rc;
	rc = gp_membership_add(c->db, &s, 0, &fact);
	return after_add(c, rc, GEOPOL_FACT_MEMBERSHIP, fact, o);
}

static int import_relation(ctx *c, const cJSON *o)
{
	static const char *const keys[] = {"a", "b", "type", "from", "to", "attrs", "sources", NULL};
	geopol_relation_spec s = GEOPOL_RELATION_SPEC_INIT;
	int64_t fact;
	int rc;
	if ((rc = check_keys(c, o, keys)) || (rc = need_str(c, o, "a", &s.a)) ||
	    (rc = need_str(c, o, "b", &s.b)) || (rc = need_str(c, o, "type", &s.type)) ||
	    (rc = get_date(c, o, "from", &s.from)) || (rc = get_date(c, o, "to", &s.to)))
		return rc;
	const cJSON *attrs = cJSON_GetObjectItemCaseSensitive(o, "attrs");
	char *text = NULL;
	if (attrs && !cJSON_IsNull(attrs)) {
		if (!cJSON_IsObject(attrs))
			return bad(c, "field '%s': expected an object%s", "attrs", "");
		text = cJSON_PrintUnformatted(attrs);
		if (!text)
			return gp_oom(c->db);
		s.attrs = text;
	}
	rc = gp_relation_add(c->db, &s, 0, &fact);
	cJSON_free(text);
	return after_add(c, rc, GEOPOL_FACT_RELATION, fact, o);
}

#define MAX_EVENT_PARTS 32

static int event_texts(ctx *c, const cJSON *o, geopol_text_spec *texts, size_t *n)
{
	const cJSON *title = cJSON_GetObjectItemCaseSensitive(o, "title");
	const cJSON *desc = cJSON_GetObjectItemCaseSensitive(o, "description");
	*n = 0;
	const cJSON *maps[2] = {title, desc};
	for (int m = 0; m < 2; m++) {
		const cJSON *map = maps[m];
		if (!map || cJSON_IsNull(map))
			continue;
		if (!cJSON_IsObject(map))
			return bad(c, "field '%s': expected an object of language: text%s",
				   m ? "description" : "title", "");
		for (const cJSON *t = map->child; t; t = t->next) {
			if (!cJSON_IsString(t))
				return bad(c, "field '%s': expected a string%s", gp_short(t->string), "");
			if (gp_check_utf8(c->db, t->string, t->valuestring))
				return fail(c, GEOPOL_EINVAL);
			size_t i = 0;
			while (i < *n && strcmp(texts[i].lang, t->string) != 0)
				i++;
			if (i == *n) {
				if (*n == MAX_EVENT_PARTS)
					return bad(c, "field '%s': more than 32 languages%s", "title", "");
				texts[i] = (geopol_text_spec){t->string, NULL, NULL};
				(*n)++;
			}
			if (m)
				texts[i].description = t->valuestring;
			else
				texts[i].title = t->valuestring;
		}
	}
	return GEOPOL_OK;
}

static int import_event(ctx *c, const cJSON *o)
{
	static const char *const keys[] = {"id", "type", "date", "end", "actors", "intensity",
					   "title", "description", "location", "sources", NULL};
	static const char *const actor_keys[] = {"code", "role", NULL};
	geopol_event_spec s = GEOPOL_EVENT_SPEC_INIT;
	geopol_actor_spec actors[MAX_EVENT_PARTS];
	geopol_text_spec texts[MAX_EVENT_PARTS];
	int64_t fact;
	int rc;
	if ((rc = check_keys(c, o, keys)) || (rc = get_str(c, o, "id", &s.ext_id)) ||
	    (rc = need_str(c, o, "type", &s.type)) || (rc = get_date(c, o, "date", &s.date)) ||
	    (rc = get_date(c, o, "end", &s.end)) || (rc = get_str(c, o, "location", &s.location)) ||
	    (rc = get_number(c, o, "intensity", &s.intensity)) ||
	    (rc = event_texts(c, o, texts, &s.n_texts)))
		return rc;
	if (!s.date.precision)
		return bad(c, "field '%s' is required%s", "date", "");
	const cJSON *list = cJSON_GetObjectItemCaseSensitive(o, "actors");
	if (!cJSON_IsArray(list))
		return bad(c, "field '%s': expected an array%s", "actors", "");
	for (const cJSON *a = list->child; a; a = a->next) {
		if (s.n_actors == MAX_EVENT_PARTS)
			return bad(c, "field '%s': more than 32 actors%s", "actors", "");
		geopol_actor_spec *x = &actors[s.n_actors++];
		if ((rc = check_keys(c, a, actor_keys)) || (rc = need_str(c, a, "code", &x->entity)) ||
		    (rc = get_enum(c, a, "role", geopol_actor_role_parse, GEOPOL_ACTOR_PARTICIPANT,
				   &x->role)))
			return rc;
	}
	s.actors = actors;
	s.texts = texts;
	rc = gp_event_add(c->db, &s, 0, &fact);
	return after_add(c, rc, GEOPOL_FACT_EVENT, fact, o);
}

typedef int (*record_fn)(ctx *c, const cJSON *o);

static int import_section(ctx *c, const cJSON *doc, const char *name, record_fn fn,
			  const geopol_import_options *opts)
{
	const cJSON *list = cJSON_GetObjectItemCaseSensitive(doc, name);
	if (!list || cJSON_IsNull(list))
		return GEOPOL_OK;
	snprintf(c->where, sizeof c->where, "%s", name);
	if (!cJSON_IsArray(list))
		return bad(c, "%s%s", "expected an array", "");
	size_t i = 0;
	for (const cJSON *o = list->child; o; o = o->next, i++, c->done++) {
		snprintf(c->where, sizeof c->where, "%s[%zu]", name, i);
		c->stats->rows++;
		int rc = fn(c, o);
		if (rc)
			return rc;
		/* One count over every section, so that progress only goes up. */
		if (opts && opts->progress && (c->done & 255) == 0)
			opts->progress(opts->ctx, c->done, c->total);
	}
	return GEOPOL_OK;
}

/* Where in the text a place is, as line:column (columns count bytes). */
static void locate(const char *text, const char *at, int *line, int *col)
{
	*line = 1;
	*col = 1;
	for (const char *p = text; p < at; p++) {
		if (*p == '\n') {
			(*line)++;
			*col = 1;
		} else {
			(*col)++;
		}
	}
}

static int text_error(geopol_db *db, const char *name, const char *text, const char *at,
		      const char *what)
{
	int line, col;
	locate(text, at, &line, &col);
	return gp_error(db, GEOPOL_EINVAL, "%s:%d:%d: %s", name, line, col, what);
}

/* The text must be UTF-8 with no NUL, raw or escaped (\u0000): geopol's
 * strings end at a NUL, so one would silently cut a code or a name short. */
static int check_text(geopol_db *db, const char *name, const char *text, size_t len)
{
	const char *nul = memchr(text, '\0', len);
	size_t limit = nul ? (size_t)(nul - text) : len;
	size_t valid = gp_utf8_valid_len(text, limit);
	if (valid < limit) {
		char what[64];
		snprintf(what, sizeof what, "not valid UTF-8 (byte 0x%02X)", (unsigned char)text[valid]);
		return text_error(db, name, text, text + valid, what);
	}
	if (nul)
		return text_error(db, name, text, nul, "a NUL byte in the text");
	/* A backslash only escapes inside a string (elsewhere the parser
	 * refuses it): the escaped character is skipped, so "\\u0000" is
	 * the six characters it reads as. */
	for (size_t i = 0; i + 1 < len; i++) {
		if (text[i] != '\\')
			continue;
		if (text[i + 1] == 'u' && i + 5 < len && strncmp(text + i + 2, "0000", 4) == 0)
			return text_error(db, name, text, text + i,
					  "a NUL character (\\u0000) in a string: geopol text cannot hold one");
		i++;
	}
	return GEOPOL_OK;
}

/* How deep the text is nested (objects and arrays) just before `at`. */
static int depth_at(const char *text, const char *at)
{
	int depth = 0, in_string = 0;
	for (const char *p = text; p < at; p++) {
		if (in_string) {
			if (*p == '\\' && p + 1 < at)
				p++;
			else if (*p == '"')
				in_string = 0;
		} else if (*p == '"') {
			in_string = 1;
		} else if (*p == '[' || *p == '{') {
			depth++;
		} else if (*p == ']' || *p == '}') {
			depth--;
		}
	}
	return depth;
}

/* Parse the whole text as one JSON document (nothing but white space after
 * it), or fail with a message naming the line and column. */
static int parse(geopol_db *db, const char *name, const char *text, size_t len, cJSON **doc)
{
	int rc = check_text(db, name, text, len);
	if (rc)
		return rc;
	const char *end = NULL;
	*doc = cJSON_ParseWithLengthOpts(text, len, &end, 0);
	if (!*doc) {
		const char *at = end ? end : text;
		if (depth_at(text, at) >= CJSON_NESTING_LIMIT) {
			char what[64];
			snprintf(what, sizeof what, "JSON nested deeper than %d levels",
				 CJSON_NESTING_LIMIT);
			return text_error(db, name, text, at, what);
		}
		return text_error(db, name, text, at, "malformed JSON");
	}
	while (end < text + len && (*end == ' ' || *end == '\t' || *end == '\n' || *end == '\r'))
		end++;
	if (end < text + len) {
		cJSON_Delete(*doc);
		*doc = NULL;
		return text_error(db, name, text, end, "text after the end of the JSON document");
	}
	return GEOPOL_OK;
}

int gp_import_json_text(geopol_db *db, const char *text, size_t len, const char *name,
			const geopol_import_options *opts, geopol_import_stats *stats)
{
	static const char *const keys[] = {"format", "version", "sources", "relation_types",
					   "event_types", "entities", "memberships", "relations",
					   "events", NULL};
	ctx c = {db, name, stats, "document", 0, 0};
	cJSON *doc;
	int rc = parse(db, name, text, len, &doc);
	if (rc)
		return rc;
	rc = check_keys(&c, doc, keys);
	const cJSON *fmt = cJSON_GetObjectItemCaseSensitive(doc, "format");
	const cJSON *ver = cJSON_GetObjectItemCaseSensitive(doc, "version");
	if (!rc && fmt && (!cJSON_IsString(fmt) || strcmp(fmt->valuestring, "geopol-dataset") != 0))
		rc = bad(&c, "field '%s': expected \"geopol-dataset\"%s", "format", "");
	if (!rc && ver && (!cJSON_IsNumber(ver) || ver->valuedouble != 1))
		rc = bad(&c, "field '%s': this geopol reads version 1%s", "version", "");
	struct { const char *name; record_fn fn; } sections[] = {
		{"sources", import_source}, {"relation_types", import_relation_type},
		{"event_types", import_event_type}, {"entities", import_entity},
		{"memberships", import_membership}, {"relations", import_relation},
		{"events", import_event},
	};
	for (size_t i = 0; i < sizeof sections / sizeof sections[0]; i++) {
		const cJSON *list = cJSON_GetObjectItemCaseSensitive(doc, sections[i].name);
		if (cJSON_IsArray(list))
			c.total += (size_t)cJSON_GetArraySize(list);
	}
	for (size_t i = 0; !rc && i < sizeof sections / sizeof sections[0]; i++)
		rc = import_section(&c, doc, sections[i].name, sections[i].fn, opts);
	cJSON_Delete(doc);
	return rc;
}

/* A whole file, NUL-terminated, into *out (*len bytes before the NUL):
 * GEOPOL_OK, or EIO or ENOMEM with a message naming the file. */
static int read_file(geopol_db *db, const char *path, char **out, size_t *len)
{
	*out = NULL;
	FILE *f = fopen(path, "rb");
	if (!f)
		return gp_error(db, GEOPOL_EIO, "%s: cannot open: %s", path, strerror(errno));
	size_t cap = 1 << 16, n = 0;
	char *buf = malloc(cap);
	while (buf) {
		n += fread(buf + n, 1, cap - n - 1, f);
		if (n < cap - 1)
			break;
		char *p = gp_grow(buf, &cap, cap + 1, 1, cap);
		if (!p) {
			free(buf);
			buf = NULL;
			break;
		}
		buf = p;
	}
	int err = ferror(f);
	fclose(f);
	if (!buf)
		return gp_error(db, GEOPOL_ENOMEM, "%s: out of memory", path);
	if (err) {
		free(buf);
		return gp_error(db, GEOPOL_EIO, "%s: read error", path);
	}
	buf[n] = '\0';
	*len = n;
	*out = buf;
	return GEOPOL_OK;
}

int gp_import_json_file(geopol_db *db, const char *path, const geopol_import_options *opts,
			geopol_import_stats *stats)
{
	size_t len = 0;
	char *text;
	int rc = read_file(db, path, &text, &len);
	if (rc)
		return rc;
	rc = gp_import_json_text(db, text, len, path, opts, stats);
	free(text);
	return rc;
}
