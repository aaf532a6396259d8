/*
 * export_html.c - one self-contained HTML page: viewer/viewer.html with
 * cytoscape.js and the exported graph as JSON written where its markers
 * stand. The page lays the graph out once and shows, for the day chosen on
 * a slider, which memberships and relations hold (viewer/viewer.html).
 *
 * The graph is every element of the span (the whole history when no span
 * is given), each with its interval as four day numbers: the earliest and
 * latest day it may start, the earliest and latest day it may have ended
 * by. The page derives "holds", "definite" and "possible" from them on any
 * day, by the rule of DESIGN.md section 3. Nodes carry all their names, for
 * the search; edges their citations, with the quotes.
 */
#include "io/export_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MARK_LIB "@@GEOPOL_LIB@@"
#define MARK_DATA "@@GEOPOL_DATA@@"

/* A JSON string that may stand inside <script>: <, > and & are escaped, so
 * no "</script>" or "<!--" can end or change the script element. */
static void js_str(gp_out *o, const char *s)
{
	if (!s) {
		GP_OUT_LIT(o, "null");
		return;
	}
	gp_out_byte(o, '"');
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		if (*p == '"' || *p == '\\') {
			gp_out_byte(o, '\\');
			gp_out_byte(o, (char)*p);
		} else if (*p < 0x20 || *p == '<' || *p == '>' || *p == '&') {
			gp_out_printf(o, "\\u%04x", *p);
		} else {
			gp_out_byte(o, (char)*p);
		}
	}
	gp_out_byte(o, '"');
}

static void js_date(gp_out *o, geopol_date d)
{
	char buf[GEOPOL_DATE_BUFSIZE];
	if (!gp_date_text(d, buf))
		GP_OUT_LIT(o, "null");
	else
		gp_out_printf(o, "\"%s\"", buf);
}

static void js_day(gp_out *o, int has, int64_t day)
{
	if (has)
		gp_out_i64(o, day);
	else
		GP_OUT_LIT(o, "null");
}

/* The days bounding an interval, and the span they widen. */
typedef struct bounds {
	int64_t first, last;
	int any;
} bounds;

static void js_interval(gp_out *o, geopol_date from, geopol_date to, bounds *b)
{
	int64_t flo = from.day, fhi = geopol_date_last_day(from);
	int64_t tlo = to.day, thi = geopol_date_last_day(to);
	GP_OUT_LIT(o, ",\"from\":");
	js_date(o, from);
	GP_OUT_LIT(o, ",\"to\":");
	js_date(o, to);
	GP_OUT_LIT(o, ",\"iv\":[");
	js_day(o, from.precision, flo);
	gp_out_byte(o, ',');
	js_day(o, from.precision, fhi);
	gp_out_byte(o, ',');
	js_day(o, to.precision, tlo);
	gp_out_byte(o, ',');
	js_day(o, to.precision, thi);
	gp_out_byte(o, ']');
	if (from.precision && (!b->any || flo < b->first)) {
		b->first = flo;
		b->any = 1;
	}
	if (to.precision && thi - 1 > b->last)
		b->last = thi - 1;
}

/* Every name of the entity, any language, any time: [text, lang]. */
static int js_names(gp_out *o, geopol_db *db, const char *code, const geopol_query *q)
{
	geopol_iter *it;
	const geopol_item *item;
	geopol_date any = GEOPOL_DATE_OPEN_INIT;
	int rc = geopol_names(&it, db, code, NULL, any, q);
	if (rc)
		return rc;
	GP_OUT_LIT(o, ",\"names\":[");
	int first = 1;
	while ((rc = geopol_iter_next(it, &item)) == GEOPOL_OK) {
		if (!first)
			gp_out_byte(o, ',');
		first = 0;
		gp_out_byte(o, '[');
		js_str(o, item->name->text);
		gp_out_byte(o, ',');
		js_str(o, item->name->lang);
		gp_out_byte(o, ']');
	}
	geopol_iter_free(it);
	gp_out_byte(o, ']');
	return rc == GEOPOL_ITEROVER ? GEOPOL_OK : rc;
}

static int js_node(gp_out *o, geopol_db *db, const geopol_entity *e, const geopol_query *q,
		   bounds *b)
{
	GP_OUT_LIT(o, "{\"id\":");
	js_str(o, e->code);
	GP_OUT_LIT(o, ",\"label\":");
	js_str(o, e->name && *e->name ? e->name : e->code);
	GP_OUT_LIT(o, ",\"kind\":");
	js_str(o, geopol_kind_name(e->kind));
	js_interval(o, e->from, e->to, b);
	int rc = js_names(o, db, e->code, q);
	gp_out_byte(o, '}');
	return rc;
}

static int js_sources(gp_out *o, geopol_iter *it)
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
		js_str(o, c[i].source);
		GP_OUT_LIT(o, ",\"title\":");
		js_str(o, c[i].title);
		GP_OUT_LIT(o, ",\"quote\":");
		js_str(o, c[i].quote);
		gp_out_byte(o, '}');
	}
	gp_out_byte(o, ']');
	return GEOPOL_OK;
}

static int js_edge(gp_out *o, geopol_iter *it, const geopol_item *item, bounds *b)
{
	char id[24];
	const char *kind, *src, *dst, *type;
	int directed = 0;
	geopol_date from, to;
	if (item->kind == GEOPOL_ITEM_MEMBERSHIP) {
		const geopol_membership *m = item->membership;
		snprintf(id, sizeof id, "m%lld", (long long)m->fact_id);
		kind = "membership";
		src = m->member;
		dst = m->org;
		type = geopol_role_name(m->role);
		from = m->from;
		to = m->to;
	} else {
		const geopol_relation *r = item->relation;
		snprintf(id, sizeof id, "r%lld", (long long)r->fact_id);
		kind = "relation";
		src = r->a;
		dst = r->b;
		type = r->type;
		directed = r->directed;
		from = r->from;
		to = r->to;
	}
	GP_OUT_LIT(o, "{\"id\":");
	js_str(o, id);
	GP_OUT_LIT(o, ",\"kind\":");
	js_str(o, kind);
	GP_OUT_LIT(o, ",\"source\":");
	js_str(o, src);
	GP_OUT_LIT(o, ",\"target\":");
	js_str(o, dst);
	GP_OUT_LIT(o, ",\"type\":");
	js_str(o, type);
	gp_out_str(o, directed ? ",\"directed\":true" : ",\"directed\":false");
	js_interval(o, from, to, b);
	int rc = js_sources(o, it);
	gp_out_byte(o, '}');
	return rc;
}

/* The page up to its data, the graph as one JSON object (viewer.html
 * reads its fields); `head` is written once the items are open, so that a
 * refused focus writes nothing. */
static int js_graph(gp_out *o, geopol_db *db, const geopol_export_options *opts,
		    const geopol_query *q, void (*head)(gp_out *o))
{
	gp_items items;
	int rc = gp_items_open(&items, db, opts, q);
	if (rc)
		return rc;
	head(o);
	bounds b = {0, 0, 0};
	const geopol_item *item;
	int first = 1, in_edges = 0;
	GP_OUT_LIT(o, "{\"nodes\":[");
	while ((rc = gp_items_next(&items, &item)) == GEOPOL_OK) {
		if (!in_edges && item->kind != GEOPOL_ITEM_ENTITY) {
			GP_OUT_LIT(o, "],\"edges\":[");
			in_edges = 1;
			first = 1;
		}
		if (!first)
			GP_OUT_LIT(o, ",\n");
		first = 0;
		rc = item->kind == GEOPOL_ITEM_ENTITY ? js_node(o, db, item->entity, q, &b)
						      : js_edge(o, items.it, item, &b);
		if (rc)
			break;
	}
	gp_items_close(&items);
	if (rc != GEOPOL_ITEROVER)
		return rc;
	if (!in_edges)
		GP_OUT_LIT(o, "],\"edges\":[");
	/* The slider's span: the export's, else from the earliest start to
	 * the latest end or today, whichever is later. */
	geopol_date at = gp_export_at(opts), epoch;
	geopol_date_parse(&epoch, "1970-01-01");
	int64_t today = geopol_date_today().day;
	int64_t lo = b.any ? b.first : at.day;
	int64_t hi = b.last > today ? b.last : today;
	if (opts->from.precision)
		lo = opts->from.day;
	if (opts->to.precision)
		hi = (int64_t)opts->to.day - 1;
	if (hi < lo)
		hi = lo;
	int64_t start = opts->at.precision ? at.day : gp_export_is_span(opts) ? lo : at.day;
	gp_out_printf(o, "],\"epoch\":%d,\"first\":%lld,\"last\":%lld,\"start\":%lld,\"around\":[",
		      epoch.day, (long long)lo, (long long)hi, (long long)start);
	for (size_t i = 0; i < opts->n_around; i++) {
		if (i)
			gp_out_byte(o, ',');
		js_str(o, opts->around[i]);
	}
	GP_OUT_LIT(o, "],\"spanFrom\":");
	js_date(o, opts->from);
	GP_OUT_LIT(o, ",\"spanTo\":");
	js_date(o, opts->to);
	GP_OUT_LIT(o, "}");
	return o->failed ? GEOPOL_EIO : GEOPOL_OK;
}

static void page_head(gp_out *out)
{
	const char *t = gp_viewer_template;
	const char *lib = strstr(t, MARK_LIB), *data = strstr(lib, MARK_DATA);
	gp_out_write(out, t, (size_t)(lib - t));
	gp_out_str(out, gp_viewer_lib);
	lib += strlen(MARK_LIB);
	gp_out_write(out, lib, (size_t)(data - lib));
}

int gp_export_html(geopol_db *db, const geopol_export_options *opts, const geopol_query *q, gp_out *out)
{
	const char *lib = strstr(gp_viewer_template, MARK_LIB);
	const char *data = lib ? strstr(lib, MARK_DATA) : NULL;
	if (!gp_viewer_lib[0] || !data)
		return gp_error(db, GEOPOL_EINVAL, "export: html: this geopol was built without its "
				"viewer (npm could not fetch cytoscape when it was configured)");
	int rc = js_graph(out, db, opts, q, page_head);
	if (!rc)
		gp_out_str(out, data + strlen(MARK_DATA));
	return rc ? rc : out->failed ? GEOPOL_EIO : GEOPOL_OK;
}
