/*
 * export_graph.c - the graph exports: CSV, GraphML, GEXF 1.3 or 1.2 (dynamic,
 * with spells for Gephi's timeline) and Graphviz DOT.
 *
 * One driver walks the export's items (export_focus.c: nodes first, then
 * edges) and hands each element to the format's writer, so every format
 * streams: memory does not grow with the graph (but for a focus). With a
 * span (opts->from / opts->to) the items are everything that held at some
 * time in [from, to), each with its own interval clipped to the span;
 * "certainty" is an at-a-date notion and is left out then.
 *
 * An element's interval [from, to) becomes the GEXF spell [first day it may
 * hold, last day it may hold]: GEXF spells are closed, so the exclusive
 * `to` becomes the day before; an imprecise end takes the widest reading.
 */
#include "io/export_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* An edge, whatever its kind: membership (member -> org, typed by role) or
 * relation (a -> b, typed by its type). */
typedef struct gedge {
	char id[32];
	size_t id_len;
	const char *kind, *source, *target, *type;
	int directed;
	geopol_date from, to;
	const char *certainty; /* NULL in a span export */
} gedge;

typedef struct gwriter {
	int (*begin)(gp_out *o, const geopol_export_options *opts);
	int (*node)(gp_out *o, const geopol_entity *e);
	int (*edges)(gp_out *o);      /* between the nodes and the edges; may be NULL */
	int (*edge)(gp_out *o, const gedge *e, const char *sources);
	int (*end)(gp_out *o);
} gwriter;

static int status(const gp_out *o)
{
	return o->failed ? GEOPOL_EIO : GEOPOL_OK;
}

static int is_span(const geopol_export_options *opts)
{
	return gp_export_is_span(opts);
}

/* ---- escaping */

#define BIT(c) ((uint64_t)1 << (c))

/* The bytes below 64 that XML text takes as they are: not & < > " ', none
 * of the control characters but tab, line feed and carriage return (and
 * not NUL, the end of the string). */
static const uint64_t xml_plain_low = (BIT('\t') | BIT('\n') | BIT('\r') | ~(uint64_t)0 << 0x20) &
				      ~(BIT('&') | BIT('<') | BIT('>') | BIT('"') | BIT('\''));

/* A byte XML text cannot hold as is: its entity, or nothing for the control
 * characters XML 1.0 forbids. */
static char *put_xml_escape(char *p, unsigned char c)
{
	switch (c) {
	case '&': return GP_PUT_LIT(p, "&amp;");
	case '<': return GP_PUT_LIT(p, "&lt;");
	case '>': return GP_PUT_LIT(p, "&gt;");
	case '"': return GP_PUT_LIT(p, "&quot;");
	case '\'': return GP_PUT_LIT(p, "&apos;");
	default: return p;
	}
}

/* A string is copied in pieces of at most XML_PIECE bytes, each after making
 * room for its escaped form (6 bytes a byte at most): no strlen() first, and
 * short strings, the usual ones, are one piece. */
#define XML_PIECE 64

/* The bytes of s, escaped, up to its end or XML_PIECE bytes; *rest is where
 * the copy stopped (at the NUL when s is done). */
static char *put_xml_piece(char *p, const char *s, const char **rest)
{
	size_t i;
	for (i = 0; i < XML_PIECE; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c >= 64 || ((xml_plain_low >> c) & 1))
			*p++ = (char)c;
		else if (c)
			p = put_xml_escape(p, c);
		else
			break;
	}
	*rest = s + i;
	return p;
}

/* XML text or attribute value; characters XML 1.0 forbids are dropped. */
static void xml_text(gp_out *o, const char *s)
{
	if (!s)
		return;
	for (;;) {
		char *p = gp_out_room(o, 6 * XML_PIECE);
		gp_out_end(o, put_xml_piece(p, s, &s));
		if (!*s)
			break;
	}
}

/* A DOT quoted string's contents. */
static void dot_text(gp_out *o, const char *s)
{
	for (; s && *s; s++) {
		if (*s == '"' || *s == '\\')
			gp_out_write(o, "\\", 1);
		if (*s == '\n')
			gp_out_str(o, "\\n");
		else if ((unsigned char)*s >= 0x20)
			gp_out_write(o, s, 1);
	}
}

/* RFC 4180: quoted when it holds a comma, a quote or a line break. */
static void csv_field(gp_out *o, const char *s, int first)
{
	if (!first)
		gp_out_write(o, ",", 1);
	if (!s)
		return;
	if (!strpbrk(s, ",\"\r\n")) {
		gp_out_str(o, s);
		return;
	}
	gp_out_write(o, "\"", 1);
	for (const char *run = s;; s++) {
		if (*s == '"' || !*s) {
			gp_out_write(o, run, (size_t)(s - run + (*s == '"')));
			if (!*s)
				break;
			gp_out_write(o, "\"", 1);
			run = s + 1;
		}
	}
	gp_out_write(o, "\"", 1);
}

static const char *date_text(geopol_date d, char *buf)
{
	gp_date_text(d, buf);
	return buf;
}

static const char *node_label(const geopol_entity *e)
{
	return e->name && *e->name ? e->name : e->code;
}

/* ---- CSV: one table of nodes then edges, told apart by `record`. */

static int csv_begin(gp_out *o, const geopol_export_options *opts)
{
	(void)opts;
	gp_out_str(o, "record,id,kind,subkind,name,source,target,type,directed,from,to,"
		      "certainty,sources\n");
	return status(o);
}

static int csv_node(gp_out *o, const geopol_entity *e)
{
	char f[GEOPOL_DATE_BUFSIZE], t[GEOPOL_DATE_BUFSIZE];
	const char *cells[] = {"node", e->code, geopol_kind_name(e->kind), e->subkind, e->name,
			       "", "", "", "", date_text(e->from, f), date_text(e->to, t), "", ""};
	for (size_t i = 0; i < sizeof cells / sizeof cells[0]; i++)
		csv_field(o, cells[i], i == 0);
	gp_out_write(o, "\n", 1);
	return status(o);
}

static int csv_edge(gp_out *o, const gedge *e, const char *sources)
{
	char f[GEOPOL_DATE_BUFSIZE], t[GEOPOL_DATE_BUFSIZE];
	const char *cells[] = {"edge", e->id, e->kind, "", "", e->source, e->target, e->type,
			       e->directed ? "true" : "false", date_text(e->from, f),
			       date_text(e->to, t), e->certainty, sources};
	for (size_t i = 0; i < sizeof cells / sizeof cells[0]; i++)
		csv_field(o, cells[i], i == 0);
	gp_out_write(o, "\n", 1);
	return status(o);
}

static int csv_end(gp_out *o)
{
	return status(o);
}

/* ---- GraphML */

static int graphml_begin(gp_out *o, const geopol_export_options *opts)
{
	static const char *const keys[][3] = {
		{"kind", "node", "kind"}, {"subkind", "node", "subkind"}, {"name", "node", "name"},
		{"nfrom", "node", "from"}, {"nto", "node", "to"}, {"ekind", "edge", "kind"},
		{"type", "edge", "type"}, {"efrom", "edge", "from"}, {"eto", "edge", "to"},
		{"certainty", "edge", "certainty"}, {"sources", "edge", "sources"}};
	/* Every edge goes one way (member -> organization, a -> b), so that
	 * readers that take one directedness for the whole graph (networkx,
	 * igraph) read it; `directed` says whether the relation's type is. */
	(void)opts;
	gp_out_str(o, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
		      "<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\" "
		      "xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" "
		      "xsi:schemaLocation=\"http://graphml.graphdrawing.org/xmlns "
		      "http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd\">\n");
	for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++)
		gp_out_printf(o, "  <key id=\"%s\" for=\"%s\" attr.name=\"%s\" attr.type=\"string\"/>\n",
			      keys[i][0], keys[i][1], keys[i][2]);
	gp_out_str(o, "  <key id=\"directed\" for=\"edge\" attr.name=\"directed\" "
		      "attr.type=\"boolean\"/>\n"
		      "  <graph id=\"geopol\" edgedefault=\"directed\">\n");
	return status(o);
}

static void graphml_data(gp_out *o, const char *key, const char *value)
{
	if (!value || !*value)
		return;
	GP_OUT_LIT(o, "      <data key=\"");
	gp_out_str(o, key);
	GP_OUT_LIT(o, "\">");
	xml_text(o, value);
	GP_OUT_LIT(o, "</data>\n");
}

static int graphml_node(gp_out *o, const geopol_entity *e)
{
	char f[GEOPOL_DATE_BUFSIZE], t[GEOPOL_DATE_BUFSIZE];
	gp_out_str(o, "    <node id=\"");
	xml_text(o, e->code);
	gp_out_str(o, "\">\n");
	graphml_data(o, "kind", geopol_kind_name(e->kind));
	graphml_data(o, "subkind", e->subkind);
	graphml_data(o, "name", e->name);
	graphml_data(o, "nfrom", date_text(e->from, f));
	graphml_data(o, "nto", date_text(e->to, t));
	gp_out_str(o, "    </node>\n");
	return status(o);
}

static int graphml_edge(gp_out *o, const gedge *e, const char *sources)
{
	char f[GEOPOL_DATE_BUFSIZE], t[GEOPOL_DATE_BUFSIZE];
	GP_OUT_LIT(o, "    <edge id=\"");
	gp_out_write(o, e->id, e->id_len);
	GP_OUT_LIT(o, "\" source=\"");
	xml_text(o, e->source);
	GP_OUT_LIT(o, "\" target=\"");
	xml_text(o, e->target);
	GP_OUT_LIT(o, "\">\n");
	graphml_data(o, "ekind", e->kind);
	graphml_data(o, "type", e->type);
	graphml_data(o, "efrom", date_text(e->from, f));
	graphml_data(o, "eto", date_text(e->to, t));
	graphml_data(o, "certainty", e->certainty);
	graphml_data(o, "sources", sources);
	graphml_data(o, "directed", e->directed ? "true" : "false");
	gp_out_str(o, "    </edge>\n");
	return status(o);
}

static int graphml_end(gp_out *o)
{
	gp_out_str(o, "  </graph>\n</graphml>\n");
	return status(o);
}

/* ---- GEXF 1.3 (../shared/data/gexf-1.3/gexf.xsd), or 1.2draft for the
 * readers that know no later one (networkx 2.x): the same elements, only
 * the namespace and version differ. Like GraphML, a directed graph whose
 * `directed` attribute says whether the relation's type is. */

static int gexf_begin(gp_out *o, const geopol_export_options *opts)
{
	char a[GEOPOL_DATE_BUFSIZE], b[GEOPOL_DATE_BUFSIZE];
	gp_out_str(o, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
	if (opts->gexf_version == 12)
		gp_out_str(o, "<gexf xmlns=\"http://www.gexf.net/1.2draft\" version=\"1.2\">\n");
	else
		gp_out_str(o, "<gexf xmlns=\"http://gexf.net/1.3\" version=\"1.3\">\n");
	gp_out_str(o, "  <meta><creator>geopol " GEOPOL_VERSION_STRING "</creator>");
	if (is_span(opts))
		gp_out_printf(o, "<description>from %s to %s</description>",
			      date_text(opts->from, a), date_text(opts->to, b));
	else
		gp_out_printf(o, "<description>at %s</description>",
			      date_text(gp_export_at(opts), a));
	gp_out_str(o, "</meta>\n  <graph defaultedgetype=\"directed\" mode=\"dynamic\" "
		      "timeformat=\"date\">\n"
		      "    <attributes class=\"node\" mode=\"static\">\n"
		      "      <attribute id=\"kind\" title=\"kind\" type=\"string\"/>\n"
		      "      <attribute id=\"subkind\" title=\"subkind\" type=\"string\"/>\n"
		      "      <attribute id=\"code\" title=\"code\" type=\"string\"/>\n"
		      "    </attributes>\n"
		      "    <attributes class=\"edge\" mode=\"static\">\n"
		      "      <attribute id=\"kind\" title=\"kind\" type=\"string\"/>\n"
		      "      <attribute id=\"type\" title=\"type\" type=\"string\"/>\n"
		      "      <attribute id=\"certainty\" title=\"certainty\" type=\"string\"/>\n"
		      "      <attribute id=\"sources\" title=\"sources\" type=\"string\"/>\n"
		      "      <attribute id=\"directed\" title=\"directed\" type=\"boolean\"/>\n"
		      "    </attributes>\n    <nodes>\n");
	return status(o);
}

/* One spell for the interval, or nothing when both ends are open. */
static void gexf_spell(gp_out *o, geopol_date from, geopol_date to)
{
	if (!from.precision && !to.precision)
		return;
	char *p = gp_out_room(o, 64 + 2 * GP_DATE_MAXLEN);
	p = GP_PUT_LIT(p, "        <spells><spell");
	if (from.precision) {
		geopol_date first = {from.day, GEOPOL_DATE_DAY};
		p = GP_PUT_LIT(p, " start=\"");
		p = gp_put_date(p, first);
		*p++ = '"';
	}
	if (to.precision) {
		geopol_date last = {(int32_t)((int64_t)geopol_date_last_day(to) - 1), GEOPOL_DATE_DAY};
		p = GP_PUT_LIT(p, " end=\"");
		p = gp_put_date(p, last);
		*p++ = '"';
	}
	gp_out_end(o, GP_PUT_LIT(p, "/></spells>\n"));
}

/* An attribute value, left out when empty; id is a literal. */
#define GEXF_ATTVALUE(o, id, value) \
	gexf_attvalue(o, ATTVALUE_HEAD(id), sizeof(ATTVALUE_HEAD(id)) - 1, value)
#define ATTVALUE_HEAD(id) "          <attvalue for=\"" id "\" value=\""

static void gexf_attvalue(gp_out *o, const char *head, size_t n, const char *value)
{
	if (!value || !*value)
		return;
	gp_out_write(o, head, n);
	xml_text(o, value);
	GP_OUT_LIT(o, "\"/>\n");
}

static int gexf_node(gp_out *o, const geopol_entity *e)
{
	gp_out_str(o, "      <node id=\"");
	xml_text(o, e->code);
	gp_out_str(o, "\" label=\"");
	xml_text(o, node_label(e));
	gp_out_str(o, "\">\n        <attvalues>\n");
	GEXF_ATTVALUE(o, "kind", geopol_kind_name(e->kind));
	GEXF_ATTVALUE(o, "subkind", e->subkind);
	GEXF_ATTVALUE(o, "code", e->code);
	gp_out_str(o, "        </attvalues>\n");
	gexf_spell(o, e->from, e->to);
	gp_out_str(o, "      </node>\n");
	return status(o);
}

static int gexf_edges(gp_out *o)
{
	gp_out_str(o, "    </nodes>\n    <edges>\n");
	return status(o);
}

static int gexf_edge(gp_out *o, const gedge *e, const char *sources)
{
	GP_OUT_LIT(o, "      <edge id=\"");
	gp_out_write(o, e->id, e->id_len);
	GP_OUT_LIT(o, "\" source=\"");
	xml_text(o, e->source);
	GP_OUT_LIT(o, "\" target=\"");
	xml_text(o, e->target);
	GP_OUT_LIT(o, "\" label=\"");
	xml_text(o, e->type);
	GP_OUT_LIT(o, "\">\n        <attvalues>\n");
	GEXF_ATTVALUE(o, "kind", e->kind);
	GEXF_ATTVALUE(o, "type", e->type);
	GEXF_ATTVALUE(o, "certainty", e->certainty);
	GEXF_ATTVALUE(o, "sources", sources);
	GEXF_ATTVALUE(o, "directed", e->directed ? "true" : "false");
	GP_OUT_LIT(o, "        </attvalues>\n");
	gexf_spell(o, e->from, e->to);
	GP_OUT_LIT(o, "      </edge>\n");
	return status(o);
}

static int gexf_end(gp_out *o)
{
	gp_out_str(o, "    </edges>\n  </graph>\n</gexf>\n");
	return status(o);
}

/* ---- DOT: organizations as boxes, people as ellipses, states as plain
 * ellipses; memberships member -- org labelled by role (dashed when only
 * possible); a directed relation carries an arrow. */

static int dot_begin(gp_out *o, const geopol_export_options *opts)
{
	char a[GEOPOL_DATE_BUFSIZE], b[GEOPOL_DATE_BUFSIZE];
	gp_out_str(o, "graph geopol {\n  graph [label=\"geopol ");
	if (is_span(opts))
		gp_out_printf(o, "%s to %s", date_text(opts->from, a), date_text(opts->to, b));
	else
		gp_out_printf(o, "at %s", date_text(gp_export_at(opts), a));
	gp_out_str(o, "\", overlap=false, fontsize=10];\n"
		      "  node [fontsize=10];\n  edge [fontsize=8];\n");
	return status(o);
}

static int dot_node(gp_out *o, const geopol_entity *e)
{
	static const char *const shapes[] = {"ellipse", "ellipse", "box", "oval", "diamond"};
	int k = e->kind >= 1 && e->kind <= 4 ? e->kind : 0;
	gp_out_str(o, "  \"");
	dot_text(o, e->code);
	gp_out_str(o, "\" [label=\"");
	dot_text(o, node_label(e));
	gp_out_printf(o, "\", shape=%s];\n", shapes[k]);
	return status(o);
}

static int dot_edge(gp_out *o, const gedge *e, const char *sources)
{
	(void)sources;
	gp_out_str(o, "  \"");
	dot_text(o, e->source);
	gp_out_str(o, "\" -- \"");
	dot_text(o, e->target);
	gp_out_str(o, "\" [label=\"");
	dot_text(o, e->type);
	gp_out_byte(o, '"');
	if (e->directed)
		GP_OUT_LIT(o, ", dir=forward");
	if (e->certainty && strcmp(e->certainty, "possible") == 0)
		GP_OUT_LIT(o, ", style=dashed");
	GP_OUT_LIT(o, "];\n");
	return status(o);
}

static int dot_end(gp_out *o)
{
	gp_out_str(o, "}\n");
	return status(o);
}

/* ---- the driver */

/* "m123" / "r123": snprintf's "%c%lld" without the format parsing. */
static size_t edge_id(char *buf, char prefix, int64_t id)
{
	char tmp[24], *p = tmp + sizeof tmp;
	uint64_t u = id < 0 ? 0 - (uint64_t)id : (uint64_t)id;
	do
		*--p = (char)('0' + u % 10);
	while (u /= 10);
	if (id < 0)
		*--p = '-';
	*buf++ = prefix;
	size_t n = (size_t)(tmp + sizeof tmp - p);
	memcpy(buf, p, n);
	buf[n] = '\0';
	return n + 1;
}

static void edge_of(const geopol_item *item, int span, gedge *e)
{
	/* Every field is set: no memset of the id buffer per edge. */
	if (item->kind == GEOPOL_ITEM_MEMBERSHIP) {
		const geopol_membership *m = item->membership;
		e->id_len = edge_id(e->id, 'm', m->fact_id);
		e->kind = "membership";
		e->source = m->member;
		e->target = m->org;
		e->type = geopol_role_name(m->role);
		e->directed = 0;
		e->from = m->from;
		e->to = m->to;
		e->certainty = span ? NULL : geopol_certainty_name(m->certainty);
	} else {
		const geopol_relation *r = item->relation;
		e->id_len = edge_id(e->id, 'r', r->fact_id);
		e->kind = "relation";
		e->source = r->a;
		e->target = r->b;
		e->type = r->type;
		e->directed = r->directed;
		e->from = r->from;
		e->to = r->to;
		e->certainty = span ? NULL : geopol_certainty_name(r->certainty);
	}
}

/* The source codes of the current item, "a; b", in a reused buffer. */
static int sources_of(geopol_iter *it, char **buf, size_t *cap, const char **out)
{
	const geopol_citation *c;
	size_t n, len = 0;
	*out = NULL;
	int rc = geopol_iter_citations(it, &c, &n);
	if (rc || n == 0)
		return rc;
	for (size_t i = 0; i < n; i++) {
		size_t k = strlen(c[i].source), need = len + k + 3;
		char *p = gp_grow(*buf, cap, need, 1, 256);
		if (!p)
			return gp_oom(it->db);
		*buf = p;
		if (i) {
			memcpy(*buf + len, "; ", 2);
			len += 2;
		}
		memcpy(*buf + len, c[i].source, k + 1);
		len += k;
	}
	*out = *buf;
	return GEOPOL_OK;
}

static int write_item(geopol_iter *it, const geopol_item *item, const gwriter *w, gp_out *out,
		      int span, int with_sources, char **buf, size_t *cap)
{
	if (item->kind == GEOPOL_ITEM_ENTITY)
		return w->node(out, item->entity);
	gedge e;
	const char *sources = NULL;
	edge_of(item, span, &e);
	int rc = with_sources ? sources_of(it, buf, cap, &sources) : GEOPOL_OK;
	return rc ? rc : w->edge(out, &e, sources);
}

static int export_graph(geopol_db *db, const geopol_export_options *opts, const geopol_query *q,
			gp_out *out, const gwriter *w)
{
	int span = is_span(opts);
	gp_items items;
	int rc = gp_items_open(&items, db, opts, q);
	if (rc)
		return rc;
	const geopol_item *item;
	char *buf = NULL;
	size_t cap = 0;
	int in_edges = 0;
	rc = w->begin(out, opts);
	while (!rc && (rc = gp_items_next(&items, &item)) == GEOPOL_OK) {
		if (!in_edges && item->kind != GEOPOL_ITEM_ENTITY) {
			in_edges = 1;
			if (w->edges && (rc = w->edges(out)))
				break;
		}
		rc = write_item(items.it, item, w, out, span, opts->with_sources, &buf, &cap);
	}
	if (rc == GEOPOL_ITEROVER) {
		rc = !in_edges && w->edges ? w->edges(out) : GEOPOL_OK;
		if (!rc)
			rc = w->end(out);
	}
	free(buf);
	gp_items_close(&items);
	return rc;
}

static const gwriter csv_writer = {csv_begin, csv_node, NULL, csv_edge, csv_end};
static const gwriter graphml_writer = {graphml_begin, graphml_node, NULL, graphml_edge, graphml_end};
static const gwriter gexf_writer = {gexf_begin, gexf_node, gexf_edges, gexf_edge, gexf_end};
static const gwriter dot_writer = {dot_begin, dot_node, NULL, dot_edge, dot_end};

int gp_export_csv(geopol_db *db, const geopol_export_options *opts, const geopol_query *q, gp_out *out)
{
	return export_graph(db, opts, q, out, &csv_writer);
}

int gp_export_graphml(geopol_db *db, const geopol_export_options *opts, const geopol_query *q,
		      gp_out *out)
{
	return export_graph(db, opts, q, out, &graphml_writer);
}

int gp_export_gexf(geopol_db *db, const geopol_export_options *opts, const geopol_query *q, gp_out *out)
{
	return export_graph(db, opts, q, out, &gexf_writer);
}

int gp_export_dot(geopol_db *db, const geopol_export_options *opts, const geopol_query *q, gp_out *out)
{
	return export_graph(db, opts, q, out, &dot_writer);
}
