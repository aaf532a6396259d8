/*
 * check_export_picture.c - the pictures (lib/io/export_picture.c): the DOT
 * text handed to Graphviz, read back through a stand-in `dot` that copies
 * its input (members drawn in their organization's box, an observer's grey
 * line, relations of one pair on one line, a sanction both ways one line
 * with two arrows, the title and the legend of a span); the SVG and PNG of
 * the real dot when it is installed; a missing or failing dot is one clear
 * error, with nothing written and no temporary file left.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <dirent.h>
#include <unistd.h>

#include "test_util.h"

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

/* The small world, with QQQ an observer of ORG (from 2009), a border of
 * BBB and AAA (from 2000) and CCC's sanctions on AAA (from 2016-05-01). */
static geopol_db *world(void)
{
	geopol_db *db = tu_open();
	ck_assert_msg(tu_import(db, TU_WORLD) == GEOPOL_OK, "import: %s", geopol_errmsg(db));
	ck_assert_int_eq(tu_import(db, "{\"format\":\"geopol-dataset\",\"version\":1,\"entities\":["
				       "{\"code\":\"QQQ\",\"kind\":\"state\",\"names\":[{\"text\":\"Qland\","
				       "\"lang\":\"en\"}]}],\"memberships\":[{\"org\":\"ORG\",\"member\":"
				       "\"QQQ\",\"role\":\"observer\",\"from\":\"2009\"}],\"relations\":["
				       "{\"a\":\"BBB\",\"b\":\"AAA\",\"type\":\"border\",\"from\":\"2000\"},"
				       "{\"a\":\"CCC\",\"b\":\"AAA\",\"type\":\"sanctions\",\"from\":"
				       "\"2016-05-01\"}]}"),
			 GEOPOL_OK);
	return db;
}

/* A directory for stand-in programs and one for dot's temporary files. */
static char bin[64], tmp[64];

static void stub_dot(const char *body)
{
	strcpy(bin, "/tmp/geopol-check-picture-XXXXXX");
	ck_assert_ptr_nonnull(mkdtemp(bin));
	char path[128];
	snprintf(path, sizeof path, "%s/dot", bin);
	FILE *f = fopen(path, "w");
	ck_assert_ptr_nonnull(f);
	fprintf(f, "#!/bin/sh\n%s\n", body);
	fclose(f);
	ck_assert_int_eq(chmod(path, 0755), 0);
	char env[256];
	snprintf(env, sizeof env, "%s:%s", bin, getenv("PATH"));
	ck_assert_int_eq(setenv("PATH", env, 1), 0);
	strcpy(tmp, "/tmp/geopol-check-picture-tmp-XXXXXX");
	ck_assert_ptr_nonnull(mkdtemp(tmp));
	ck_assert_int_eq(setenv("TMPDIR", tmp, 1), 0);
}

/* dot left no temporary file behind; the directories go. */
static void unstub(void)
{
	DIR *d = opendir(tmp);
	ck_assert_ptr_nonnull(d);
	for (struct dirent *e; (e = readdir(d));)
		ck_assert_msg(e->d_name[0] == '.', "left behind: %s", e->d_name);
	closedir(d);
	ck_assert_int_eq(rmdir(tmp), 0);
	char path[128];
	snprintf(path, sizeof path, "%s/dot", bin);
	unlink(path);
	rmdir(bin);
}

static char *picture(geopol_db *db, int format, const char *at, const char *from, const char *to,
		     const char *around, int depth)
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
		o.depth = depth;
	}
	sink k = {NULL, 0};
	int rc = geopol_export(db, &o, NULL, collect, &k);
	ck_assert_msg(rc == GEOPOL_OK, "export: %s", geopol_errmsg(db));
	ck_assert_ptr_nonnull(k.s);
	return k.s;
}

#define GRAPH_HEAD \
	"digraph geopol {\n" \
	"  graph [fontname=\"DejaVu Sans\", fontsize=18, labelloc=t, rankdir=LR, compound=true, " \
	"newrank=true, nodesep=0.25, ranksep=0.9, pad=0.3, bgcolor=white];\n" \
	"  node [fontname=\"DejaVu Sans\", fontsize=11, style=filled, margin=\"0.12,0.04\"];\n" \
	"  edge [fontname=\"DejaVu Sans\", fontsize=9];\n"
#define LEGEND_HEAD \
	"  subgraph cluster_legend {\n" \
	"    label=\"Legend\"; fontsize=12; style=\"rounded\"; color=\"#bbbbbb\"; margin=8;\n" \
	"    node [shape=point, width=0.01, style=invis];\n" \
	"    legend_a0 -> legend_b0 [label=\"member of another group\", color=\"#9a9a9a\", " \
	"arrowhead=none, fontsize=10, minlen=2];\n" \
	"    legend_a1 -> legend_b1 [label=\"relation\", color=\"#8b1e3f\", penwidth=1.6, " \
	"arrowhead=none, fontsize=10, minlen=2];\n" \
	"    legend_a2 -> legend_b2 [label=\"directed relation\", color=\"#8b1e3f\", penwidth=1.6, " \
	"arrowhead=normal, fontsize=10, minlen=2];\n"
#define LEGEND_TAIL \
	"    legend_box [shape=box, style=\"rounded,filled\", fillcolor=\"#f7f9fc\", " \
	"color=\"#2f5d8a\", width=0, height=0, fontsize=10, label=\"a box: an organization\\n" \
	"and the members drawn in it\"];\n  }\n}\n"

/* On 2015-06-01: AAA and CCC are full members of ORG, drawn in its box
 * (no line of their own); QQQ, an observer, is a grey labelled line to the
 * box; the partnership and the border of AAA and BBB are one line. */
START_TEST(test_export_picture__dot_text)
{
	stub_dot("cp \"$2\" \"$4\"");
	geopol_db *db = world();
	char *got = picture(db, GEOPOL_FORMAT_SVG, "2015-06-01", NULL, NULL, NULL, 0);
	ck_assert_str_eq(got,
		GRAPH_HEAD
		"  label=\"The network on 2015-06-01\";\n"
		"  subgraph cluster_3 {\n"
		"    style=\"rounded,filled\"; fillcolor=\"#f7f9fc\"; color=\"#2f5d8a\"; margin=10; label=\"\";\n"
		"    \"ORG\" [label=\"The Organization\", shape=box, style=\"filled,bold\", "
		"fillcolor=\"#dce8f7\", color=\"#2f5d8a\"];\n"
		"    \"AAA\" [label=\"Aland\", shape=ellipse, fillcolor=\"#fff4d6\", color=\"#b08a2e\"];\n"
		"    \"CCC\" [label=\"Cland\", shape=ellipse, fillcolor=\"#fff4d6\", color=\"#b08a2e\"];\n"
		"  }\n"
		"    \"BBB\" [label=\"Bland\", shape=ellipse, fillcolor=\"#fff4d6\", color=\"#b08a2e\"];\n"
		"    \"QQQ\" [label=\"Qland\", shape=ellipse, fillcolor=\"#fff4d6\", color=\"#b08a2e\"];\n"
		"    \"boss\" [label=\"The Boss\", shape=note, fillcolor=\"#e8f4e4\", color=\"#4a7a3d\"];\n"
		"  \"QQQ\" -> \"ORG\" [color=\"#9a9a9a\", arrowhead=none, fontcolor=\"#666666\", "
		"label=\"observer\", lhead=cluster_3];\n"
		"  \"AAA\" -> \"BBB\" [color=\"#8b1e3f\", fontcolor=\"#8b1e3f\", penwidth=1.6, "
		"label=\"strategic partnership\\nborder\", arrowhead=none];\n"
		"  \"AAA\" -> \"CCC\" [color=\"#8b1e3f\", fontcolor=\"#8b1e3f\", penwidth=1.6, "
		"label=\"sanctions\", arrowhead=normal];\n"
		LEGEND_HEAD
		"    legend_a3 -> legend_b3 [label=\"possible on the date\", color=\"#8b1e3f\", "
		"penwidth=1.6, style=dashed, arrowhead=none, fontsize=10, minlen=2];\n"
		LEGEND_TAIL);
	free(got);
	/* From 2016-05-01 CCC sanctions AAA too: one line, an arrow each end. */
	got = picture(db, GEOPOL_FORMAT_SVG, "2017-01-01", NULL, NULL, NULL, 0);
	ck_assert_ptr_nonnull(strstr(got, "\n  \"AAA\" -> \"CCC\" [color=\"#8b1e3f\", "
					  "fontcolor=\"#8b1e3f\", penwidth=1.6, label=\"sanctions\", "
					  "dir=both];\n"));
	ck_assert_ptr_null(strstr(got, "\"CCC\" -> \"AAA\""));
	free(got);
	geopol_close(db);
	unstub();
}
END_TEST

/* A focus over a span: the title names it by its label and its hops;
 * certainty is not shown over a span, so the legend has no dashed row. */
START_TEST(test_export_picture__span_title_legend)
{
	stub_dot("cp \"$2\" \"$4\"");
	geopol_db *db = world();
	char *got = picture(db, GEOPOL_FORMAT_PNG, NULL, "2016", "2017", "AAA", 2);
	ck_assert_ptr_nonnull(strstr(got, "\n  label=\"Around Aland (2 hops), from 2016 to 2017\";\n"));
	ck_assert_ptr_nonnull(strstr(got, LEGEND_HEAD LEGEND_TAIL));
	ck_assert_ptr_null(strstr(got, "possible on the date"));
	free(got);
	got = picture(db, GEOPOL_FORMAT_PNG, NULL, "2016", "2017", "QQQ", 1);
	ck_assert_ptr_nonnull(strstr(got, "\n  label=\"Around Qland, from 2016 to 2017\";\n"));
	free(got);
	geopol_close(db);
	unstub();
}
END_TEST

static int have_dot(void)
{
	if (system("command -v dot >/dev/null 2>&1") == 0)
		return 1;
	fprintf(stderr, "skipped: Graphviz's dot is not installed\n");
	return 0;
}

/* The real dot: an SVG whose nodes are the picture's, whose lines are the
 * relations and the observer's (members in the box have none), titled by
 * the date; a PNG. */
START_TEST(test_export_picture__svg_png_with_dot)
{
	if (!have_dot())
		return;
	geopol_db *db = world();
	char *got = picture(db, GEOPOL_FORMAT_SVG, "2015-06-01", NULL, NULL, NULL, 0);
	ck_assert_ptr_nonnull(strstr(got, "<svg "));
	ck_assert_ptr_nonnull(strstr(got, ">The network on 2015&#45;06&#45;01</text>"));
	static const char *const titles[] = {
		"<title>ORG</title>", "<title>AAA</title>", "<title>BBB</title>", "<title>CCC</title>",
		"<title>QQQ</title>", "<title>boss</title>", "<title>QQQ&#45;&gt;ORG</title>",
		"<title>AAA&#45;&gt;BBB</title>", "<title>AAA&#45;&gt;CCC</title>",
		">strategic partnership</text>", ">border</text>", ">observer</text>",
	};
	for (size_t i = 0; i < sizeof titles / sizeof titles[0]; i++)
		ck_assert_msg(strstr(got, titles[i]), "no %s", titles[i]);
	ck_assert_ptr_null(strstr(got, "<title>AAA&#45;&gt;ORG</title>"));
	ck_assert_ptr_null(strstr(got, "<title>CCC&#45;&gt;ORG</title>"));
	free(got);
	got = picture(db, GEOPOL_FORMAT_PNG, "2015-06-01", NULL, NULL, NULL, 0);
	ck_assert(memcmp(got, "\x89PNG\r\n\x1a\n", 8) == 0);
	free(got);
	geopol_close(db);
}
END_TEST

static void expect_refused(geopol_db *db, int format, const char *msg)
{
	geopol_export_options o = GEOPOL_EXPORT_OPTIONS_INIT;
	o.format = format;
	o.at = tu_date("2015-06-01");
	sink k = {NULL, 0};
	ck_assert_int_eq(geopol_export(db, &o, NULL, collect, &k), GEOPOL_EIO);
	ck_assert_str_eq(geopol_errmsg(db), msg);
	ck_assert_ptr_null(k.s);
}

/* No dot on the PATH; a dot that fails. */
START_TEST(test_export_picture__dot_missing_or_failing)
{
	geopol_db *db = world();
	strcpy(tmp, "/tmp/geopol-check-picture-tmp-XXXXXX");
	ck_assert_ptr_nonnull(mkdtemp(tmp));
	ck_assert_int_eq(setenv("TMPDIR", tmp, 1), 0);
	ck_assert_int_eq(setenv("PATH", "/nonexistent-geopol-bin", 1), 0);
	expect_refused(db, GEOPOL_FORMAT_SVG, "export: svg needs Graphviz's 'dot' program: "
					      "No such file or directory (Debian: apt-get install graphviz)");
	ck_assert_int_eq(rmdir(tmp), 0);   /* the DOT file is gone */
	ck_assert_int_eq(setenv("PATH", "/usr/bin:/bin", 1), 0);
	stub_dot("echo partial >\"$4\"; exit 3");
	expect_refused(db, GEOPOL_FORMAT_PNG, "export: Graphviz's dot failed to draw the png "
					      "(exit status 3)");
	geopol_close(db);
	unstub();
}
END_TEST

int main(void)
{
	Suite *s = suite_create("export_picture");
	TCase *core = tcase_create("core");
	tcase_add_test(core, test_export_picture__dot_text);
	tcase_add_test(core, test_export_picture__span_title_legend);
	tcase_add_test(core, test_export_picture__svg_png_with_dot);
	tcase_add_test(core, test_export_picture__dot_missing_or_failing);
	suite_add_tcase(s, core);
	return tu_run(s);
}
