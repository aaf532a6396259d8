/*
 * check_export_graph.c - the graph exports (lib/io/export_graph.c): the
 * whole GraphML, GEXF and DOT documents of the small world of common_util.c
 * on a date, checked line by line; escaping of a name holding XML, DOT and
 * CSV specials; the sources of an edge joined; a span without certainty;
 * a writer that refuses.
 */
#include <check.h>
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

typedef struct sink {
	char *s;
	size_t len;
} sink;

static int collect(void *ctx, const char *data, size_t len)
{
	sink *k = ctx;
	k->s = realloc(k->s, k->len + len + 1);
	memcpy(k->s + k->len, data, len);
	k->len += len;
	k->s[k->len] = '\0';
	return 0;
}

/* The export of the world in a format at a date (or over [from, to)). */
static char *export_text(geopol_db *db, int format, const char *at, const char *from,
			 const char *to, const char *around)
{
	geopol_export_options o = GEOPOL_EXPORT_OPTIONS_INIT;
	o.format = format;
	o.at = tu_date(at);
	o.from = tu_date(from);
	o.to = tu_date(to);
	const char *codes[1] = {around};
	if (around) {
		o.around = codes;
		o.n_around = 1;
	}
	sink k = {NULL, 0};
	int rc = geopol_export(db, &o, NULL, collect, &k);
	ck_assert_msg(rc == GEOPOL_OK, "export: %s", geopol_errmsg(db));
	ck_assert_ptr_nonnull(k.s);
	return k.s;
}

/* The world on 2000-06-01: five entities, AAA a founding member of ORG
 * (BBB left in 1999 and is back in 2006, CCC joins in 2015), the AAA-BBB
 * partnership begun on 2000-01-01. */
START_TEST(test_export_graph__graphml_document)
{
	geopol_db *db = world();
	char *got = export_text(db, GEOPOL_FORMAT_GRAPHML, "2000-06-01", NULL, NULL, NULL);
	ck_assert_str_eq(got,
		"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
		"<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\" "
		"xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" "
		"xsi:schemaLocation=\"http://graphml.graphdrawing.org/xmlns "
		"http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd\">\n"
		"  <key id=\"kind\" for=\"node\" attr.name=\"kind\" attr.type=\"string\"/>\n"
		"  <key id=\"subkind\" for=\"node\" attr.name=\"subkind\" attr.type=\"string\"/>\n"
		"  <key id=\"name\" for=\"node\" attr.name=\"name\" attr.type=\"string\"/>\n"
		"  <key id=\"nfrom\" for=\"node\" attr.name=\"from\" attr.type=\"string\"/>\n"
		"  <key id=\"nto\" for=\"node\" attr.name=\"to\" attr.type=\"string\"/>\n"
		"  <key id=\"ekind\" for=\"edge\" attr.name=\"kind\" attr.type=\"string\"/>\n"
		"  <key id=\"type\" for=\"edge\" attr.name=\"type\" attr.type=\"string\"/>\n"
		"  <key id=\"efrom\" for=\"edge\" attr.name=\"from\" attr.type=\"string\"/>\n"
		"  <key id=\"eto\" for=\"edge\" attr.name=\"to\" attr.type=\"string\"/>\n"
		"  <key id=\"certainty\" for=\"edge\" attr.name=\"certainty\" attr.type=\"string\"/>\n"
		"  <key id=\"sources\" for=\"edge\" attr.name=\"sources\" attr.type=\"string\"/>\n"
		"  <key id=\"directed\" for=\"edge\" attr.name=\"directed\" attr.type=\"boolean\"/>\n"
		"  <graph id=\"geopol\" edgedefault=\"directed\">\n"
		"    <node id=\"AAA\">\n"
		"      <data key=\"kind\">state</data>\n"
		"      <data key=\"name\">Aland</data>\n"
		"    </node>\n"
		"    <node id=\"BBB\">\n"
		"      <data key=\"kind\">state</data>\n"
		"      <data key=\"name\">Bland</data>\n"
		"    </node>\n"
		"    <node id=\"CCC\">\n"
		"      <data key=\"kind\">state</data>\n"
		"      <data key=\"name\">Cland</data>\n"
		"    </node>\n"
		"    <node id=\"ORG\">\n"
		"      <data key=\"kind\">organization</data>\n"
		"      <data key=\"name\">The Organization</data>\n"
		"      <data key=\"nfrom\">1992-05-15</data>\n"
		"    </node>\n"
		"    <node id=\"boss\">\n"
		"      <data key=\"kind\">person</data>\n"
		"      <data key=\"name\">The Boss</data>\n"
		"    </node>\n"
		"    <edge id=\"m1\" source=\"AAA\" target=\"ORG\">\n"
		"      <data key=\"ekind\">membership</data>\n"
		"      <data key=\"type\">founding_member</data>\n"
		"      <data key=\"efrom\">1992-05-15</data>\n"
		"      <data key=\"certainty\">definite</data>\n"
		"      <data key=\"sources\">treaty</data>\n"
		"      <data key=\"directed\">false</data>\n"
		"    </edge>\n"
		"    <edge id=\"r1\" source=\"AAA\" target=\"BBB\">\n"
		"      <data key=\"ekind\">relation</data>\n"
		"      <data key=\"type\">strategic_partnership</data>\n"
		"      <data key=\"efrom\">2000-01-01</data>\n"
		"      <data key=\"eto\">2025-11-12</data>\n"
		"      <data key=\"certainty\">definite</data>\n"
		"      <data key=\"sources\">news</data>\n"
		"      <data key=\"directed\">false</data>\n"
		"    </edge>\n"
		"  </graph>\n"
		"</graphml>\n");
	free(got);
	geopol_close(db);
}
END_TEST

/* On 2015-06-01 CCC's membership "from 2015" only possibly holds; the
 * partnership ends on 2025-11-12, so its closed spell ends the day before;
 * sanctions "from 2014-03" start on the month's first day. */
START_TEST(test_export_graph__gexf_spells)
{
	geopol_db *db = world();
	char *got = export_text(db, GEOPOL_FORMAT_GEXF, "2015-06-01", NULL, NULL, NULL);
	const char *nodes =
		"    <nodes>\n"
		"      <node id=\"AAA\" label=\"Aland\">\n"
		"        <attvalues>\n"
		"          <attvalue for=\"kind\" value=\"state\"/>\n"
		"          <attvalue for=\"code\" value=\"AAA\"/>\n"
		"        </attvalues>\n"
		"      </node>\n"
		"      <node id=\"BBB\" label=\"Bland\">\n"
		"        <attvalues>\n"
		"          <attvalue for=\"kind\" value=\"state\"/>\n"
		"          <attvalue for=\"code\" value=\"BBB\"/>\n"
		"        </attvalues>\n"
		"      </node>\n"
		"      <node id=\"CCC\" label=\"Cland\">\n"
		"        <attvalues>\n"
		"          <attvalue for=\"kind\" value=\"state\"/>\n"
		"          <attvalue for=\"code\" value=\"CCC\"/>\n"
		"        </attvalues>\n"
		"      </node>\n"
		"      <node id=\"ORG\" label=\"The Organization\">\n"
		"        <attvalues>\n"
		"          <attvalue for=\"kind\" value=\"organization\"/>\n"
		"          <attvalue for=\"code\" value=\"ORG\"/>\n"
		"        </attvalues>\n"
		"        <spells><spell start=\"1992-05-15\"/></spells>\n"
		"      </node>\n"
		"      <node id=\"boss\" label=\"The Boss\">\n"
		"        <attvalues>\n"
		"          <attvalue for=\"kind\" value=\"person\"/>\n"
		"          <attvalue for=\"code\" value=\"boss\"/>\n"
		"        </attvalues>\n"
		"      </node>\n"
		"    </nodes>\n";
	const char *edges =
		"    <edges>\n"
		"      <edge id=\"m1\" source=\"AAA\" target=\"ORG\" label=\"founding_member\">\n"
		"        <attvalues>\n"
		"          <attvalue for=\"kind\" value=\"membership\"/>\n"
		"          <attvalue for=\"type\" value=\"founding_member\"/>\n"
		"          <attvalue for=\"certainty\" value=\"definite\"/>\n"
		"          <attvalue for=\"sources\" value=\"treaty\"/>\n"
		"          <attvalue for=\"directed\" value=\"false\"/>\n"
		"        </attvalues>\n"
		"        <spells><spell start=\"1992-05-15\"/></spells>\n"
		"      </edge>\n"
		"      <edge id=\"m4\" source=\"CCC\" target=\"ORG\" label=\"member\">\n"
		"        <attvalues>\n"
		"          <attvalue for=\"kind\" value=\"membership\"/>\n"
		"          <attvalue for=\"type\" value=\"member\"/>\n"
		"          <attvalue for=\"certainty\" value=\"possible\"/>\n"
		"          <attvalue for=\"directed\" value=\"false\"/>\n"
		"        </attvalues>\n"
		"        <spells><spell start=\"2015-01-01\"/></spells>\n"
		"      </edge>\n"
		"      <edge id=\"r1\" source=\"AAA\" target=\"BBB\" label=\"strategic_partnership\">\n"
		"        <attvalues>\n"
		"          <attvalue for=\"kind\" value=\"relation\"/>\n"
		"          <attvalue for=\"type\" value=\"strategic_partnership\"/>\n"
		"          <attvalue for=\"certainty\" value=\"definite\"/>\n"
		"          <attvalue for=\"sources\" value=\"news\"/>\n"
		"          <attvalue for=\"directed\" value=\"false\"/>\n"
		"        </attvalues>\n"
		"        <spells><spell start=\"2000-01-01\" end=\"2025-11-11\"/></spells>\n"
		"      </edge>\n"
		"      <edge id=\"r3\" source=\"AAA\" target=\"CCC\" label=\"sanctions\">\n"
		"        <attvalues>\n"
		"          <attvalue for=\"kind\" value=\"relation\"/>\n"
		"          <attvalue for=\"type\" value=\"sanctions\"/>\n"
		"          <attvalue for=\"certainty\" value=\"definite\"/>\n"
		"          <attvalue for=\"directed\" value=\"true\"/>\n"
		"        </attvalues>\n"
		"        <spells><spell start=\"2014-03-01\"/></spells>\n"
		"      </edge>\n"
		"    </edges>\n"
		"  </graph>\n"
		"</gexf>\n";
	const char *head = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
			   "<gexf xmlns=\"http://gexf.net/1.3\" version=\"1.3\">\n"
			   "  <meta><creator>geopol " GEOPOL_VERSION_STRING "</creator>"
			   "<description>at 2015-06-01</description></meta>\n"
			   "  <graph defaultedgetype=\"directed\" mode=\"dynamic\" timeformat=\"date\">\n";
	ck_assert_msg(strncmp(got, head, strlen(head)) == 0, "%.300s", got);
	const char *n = strstr(got, "    <nodes>\n");
	ck_assert_ptr_nonnull(n);
	size_t nl = strlen(nodes);
	ck_assert_msg(strncmp(n, nodes, nl) == 0, "%s", n);
	ck_assert_str_eq(n + nl, edges);
	free(got);
	geopol_close(db);
}
END_TEST

/* DOT: organizations boxes, people ovals; what only possibly holds is
 * dashed; a directed type carries an arrow. */
START_TEST(test_export_graph__dot_document)
{
	geopol_db *db = world();
	char *got = export_text(db, GEOPOL_FORMAT_DOT, "2015-06-01", NULL, NULL, NULL);
	ck_assert_str_eq(got,
		"graph geopol {\n"
		"  graph [label=\"geopol at 2015-06-01\", overlap=false, fontsize=10];\n"
		"  node [fontsize=10];\n"
		"  edge [fontsize=8];\n"
		"  \"AAA\" [label=\"Aland\", shape=ellipse];\n"
		"  \"BBB\" [label=\"Bland\", shape=ellipse];\n"
		"  \"CCC\" [label=\"Cland\", shape=ellipse];\n"
		"  \"ORG\" [label=\"The Organization\", shape=box];\n"
		"  \"boss\" [label=\"The Boss\", shape=oval];\n"
		"  \"AAA\" -- \"ORG\" [label=\"founding_member\"];\n"
		"  \"CCC\" -- \"ORG\" [label=\"member\", style=dashed];\n"
		"  \"AAA\" -- \"BBB\" [label=\"strategic_partnership\"];\n"
		"  \"AAA\" -- \"CCC\" [label=\"sanctions\", dir=forward];\n"
		"}\n");
	free(got);
	geopol_close(db);
}
END_TEST

/* A name holding every special character of the formats, on an observer
 * QQQ of ORG: XML entities, DOT backslashes, a CSV field quoted with its
 * line break kept. */
START_TEST(test_export_graph__escaping)
{
	geopol_db *db = world();
	ck_assert_int_eq(tu_import(db, "{\"format\":\"geopol-dataset\",\"version\":1,\"entities\":["
				       "{\"code\":\"QQQ\",\"kind\":\"state\",\"names\":[{\"text\":"
				       "\"Q \\\"x\\\", <y> & 'z' \\\\ w\\nv\",\"lang\":\"en\"}]}],"
				       "\"memberships\":[{\"org\":\"ORG\",\"member\":\"QQQ\","
				       "\"role\":\"observer\",\"from\":\"2009\"}]}"),
			 GEOPOL_OK);
	char *got = export_text(db, GEOPOL_FORMAT_GRAPHML, "2010-01-01", NULL, NULL, "QQQ");
	ck_assert_ptr_nonnull(strstr(got, "    <node id=\"QQQ\">\n"
					  "      <data key=\"kind\">state</data>\n"
					  "      <data key=\"name\">Q &quot;x&quot;, &lt;y&gt; &amp; "
					  "&apos;z&apos; \\ w\nv</data>\n    </node>\n"));
	free(got);
	got = export_text(db, GEOPOL_FORMAT_GEXF, "2010-01-01", NULL, NULL, "QQQ");
	ck_assert_ptr_nonnull(strstr(got, "<node id=\"QQQ\" label=\"Q &quot;x&quot;, &lt;y&gt; "
					  "&amp; &apos;z&apos; \\ w\nv\">"));
	free(got);
	got = export_text(db, GEOPOL_FORMAT_DOT, "2010-01-01", NULL, NULL, "QQQ");
	ck_assert_ptr_nonnull(strstr(got, "\n  \"QQQ\" [label=\"Q \\\"x\\\", <y> & 'z' \\\\ w\\nv\", "
					  "shape=ellipse];\n  \"QQQ\" -- \"ORG\" [label=\"observer\"];\n}\n"));
	free(got);
	got = export_text(db, GEOPOL_FORMAT_CSV, "2010-01-01", NULL, NULL, "QQQ");
	ck_assert_str_eq(got,
		"record,id,kind,subkind,name,source,target,type,directed,from,to,certainty,sources\n"
		"node,ORG,organization,,The Organization,,,,,1992-05-15,,,\n"
		"node,QQQ,state,,\"Q \"\"x\"\", <y> & 'z' \\ w\nv\",,,,,,,,\n"
		"edge,m5,membership,,,QQQ,ORG,observer,false,2009,,definite,\n");
	free(got);
	geopol_close(db);
}
END_TEST

/* An edge cited twice lists both sources, "a; b"; over a span the edges
 * carry no certainty and their dates are clipped to it. */
START_TEST(test_export_graph__sources_and_span)
{
	geopol_db *db = world();
	char *got = export_text(db, GEOPOL_FORMAT_CSV, "2010-01-01", NULL, NULL, NULL);
	ck_assert_ptr_nonnull(strstr(got, "\nedge,m3,membership,,,BBB,ORG,member,false,2006-08-16,"
					  "2012-12-19,definite,news; treaty\n"));
	free(got);
	got = export_text(db, GEOPOL_FORMAT_CSV, NULL, "1999-01-01", "2000-01-02", NULL);
	ck_assert_str_eq(got,
		"record,id,kind,subkind,name,source,target,type,directed,from,to,certainty,sources\n"
		"node,AAA,state,,Aland,,,,,1999-01-01,2000-01-02,,\n"
		"node,BBB,state,,Bland,,,,,1999-01-01,2000-01-02,,\n"
		"node,CCC,state,,Cland,,,,,1999-01-01,2000-01-02,,\n"
		"node,ORG,organization,,The Organization,,,,,1999-01-01,2000-01-02,,\n"
		"node,boss,person,,The Boss,,,,,1999-01-01,2000-01-02,,\n"
		"edge,m1,membership,,,AAA,ORG,founding_member,false,1999-01-01,2000-01-02,,treaty\n"
		"edge,m2,membership,,,BBB,ORG,founding_member,false,1999-01-01,1999-04-20,,treaty\n"
		"edge,r1,relation,,,AAA,BBB,strategic_partnership,false,2000-01-01,2000-01-02,,news\n");
	free(got);
	got = export_text(db, GEOPOL_FORMAT_GEXF, NULL, "1999-01-01", "2000-01-02", NULL);
	ck_assert_ptr_nonnull(strstr(got, "<description>from 1999-01-01 to 2000-01-02</description>"));
	ck_assert_ptr_null(strstr(got, "for=\"certainty\" value="));
	ck_assert_ptr_nonnull(strstr(got, "<spell start=\"1999-01-01\" end=\"1999-04-19\"/>"));
	free(got);
	got = export_text(db, GEOPOL_FORMAT_DOT, NULL, "1999-01-01", "2000-01-02", NULL);
	ck_assert_ptr_nonnull(strstr(got, "graph [label=\"geopol 1999-01-01 to 2000-01-02\""));
	free(got);
	geopol_close(db);
}
END_TEST

/* An empty graph is still a whole document; a writer that refuses is EIO. */
static int refuse(void *ctx, const char *data, size_t len)
{
	(void)ctx, (void)data, (void)len;
	return -1;
}

START_TEST(test_export_graph__empty_and_refused)
{
	geopol_db *db = tu_open();
	char *got = export_text(db, GEOPOL_FORMAT_GEXF, "2010-01-01", NULL, NULL, NULL);
	ck_assert_ptr_nonnull(strstr(got, "    <nodes>\n    </nodes>\n    <edges>\n    </edges>\n"
					  "  </graph>\n</gexf>\n"));
	free(got);
	got = export_text(db, GEOPOL_FORMAT_DOT, "2010-01-01", NULL, NULL, NULL);
	ck_assert_str_eq(got, "graph geopol {\n"
			      "  graph [label=\"geopol at 2010-01-01\", overlap=false, fontsize=10];\n"
			      "  node [fontsize=10];\n  edge [fontsize=8];\n}\n");
	free(got);
	geopol_close(db);
	db = world();
	geopol_export_options o = GEOPOL_EXPORT_OPTIONS_INIT;
	o.at = tu_date("2010-01-01");
	static const int formats[] = {GEOPOL_FORMAT_CSV, GEOPOL_FORMAT_GRAPHML, GEOPOL_FORMAT_GEXF,
				      GEOPOL_FORMAT_DOT};
	for (size_t i = 0; i < sizeof formats / sizeof formats[0]; i++) {
		o.format = formats[i];
		ck_assert_int_eq(geopol_export(db, &o, NULL, refuse, NULL), GEOPOL_EIO);
	}
	geopol_close(db);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("export_graph");
	TCase *core = tcase_create("core");
	tcase_add_test(core, test_export_graph__graphml_document);
	tcase_add_test(core, test_export_graph__gexf_spells);
	tcase_add_test(core, test_export_graph__dot_document);
	tcase_add_test(core, test_export_graph__escaping);
	tcase_add_test(core, test_export_graph__sources_and_span);
	tcase_add_test(core, test_export_graph__empty_and_refused);
	suite_add_tcase(s, core);
	return tu_run(s);
}
