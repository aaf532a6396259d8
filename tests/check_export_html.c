/*
 * check_export_html.c - the HTML view (lib/io/export_html.c): the page is
 * viewer/viewer.html with cytoscape.js and the graph written where its
 * markers stand; the graph of a focus over a span is checked whole (nodes
 * with all their names, edges with their citations and their intervals as
 * day numbers, the slider's bounds); without a span every element of the
 * history is there; a refusing writer is EIO.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "test_util.h"
#include "io/export_internal.h"

#define MARK_LIB "@@GEOPOL_LIB@@"
#define MARK_DATA "@@GEOPOL_DATA@@"

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

static int have_viewer(void)
{
	if (gp_viewer_lib[0])
		return 1;
	fprintf(stderr, "skipped: built without the viewer (npm could not fetch cytoscape)\n");
	return 0;
}

static geopol_db *world(void)
{
	geopol_db *db = tu_open();
	ck_assert_msg(tu_import(db, TU_WORLD) == GEOPOL_OK, "import: %s", geopol_errmsg(db));
	return db;
}

/* The page's graph: the page must be the template with the library at its
 * first marker and the data at its second; returns a copy of the data. */
static char *page_data(const char *page, size_t len)
{
	const char *t = gp_viewer_template;
	const char *lib = strstr(t, MARK_LIB), *data = strstr(t, MARK_DATA);
	ck_assert_ptr_nonnull(lib);
	ck_assert_ptr_nonnull(data);
	size_t head = (size_t)(lib - t), mid = (size_t)(data - lib) - strlen(MARK_LIB);
	size_t nlib = strlen(gp_viewer_lib), tail = strlen(data + strlen(MARK_DATA));
	ck_assert_uint_ge(len, head + nlib + mid + tail);
	ck_assert(memcmp(page, t, head) == 0);
	ck_assert(memcmp(page + head, gp_viewer_lib, nlib) == 0);
	ck_assert(memcmp(page + head + nlib, lib + strlen(MARK_LIB), mid) == 0);
	ck_assert_str_eq(page + len - tail, data + strlen(MARK_DATA));
	size_t at = head + nlib + mid, n = len - tail - at;
	char *out = malloc(n + 1);
	memcpy(out, page + at, n);
	out[n] = '\0';
	return out;
}

static char *html_data(geopol_db *db, const geopol_export_options *o)
{
	sink k = {NULL, 0};
	int rc = geopol_export(db, o, NULL, collect, &k);
	ck_assert_msg(rc == GEOPOL_OK, "export: %s", geopol_errmsg(db));
	char *data = page_data(k.s, k.len);
	free(k.s);
	return data;
}

static long day(const char *s)
{
	return (long)tu_date(s).day;
}

/* Around CCC from 2014 to 2016: CCC, AAA (sanctions, from 2014-03) and ORG
 * (CCC a member "from 2015"), each clipped to the span; BBB and the boss
 * are two hops away. An interval is [earliest start, latest start,
 * earliest end, latest end]: "2015" starts on some day of 2015. */
START_TEST(test_export_html__focus_over_a_span)
{
	if (!have_viewer())
		return;
	geopol_db *db = world();
	const char *ccc[] = {"CCC"};
	geopol_export_options o = GEOPOL_EXPORT_OPTIONS_INIT;
	o.format = GEOPOL_FORMAT_HTML;
	o.around = ccc;
	o.n_around = 1;
	o.from = tu_date("2014");
	o.to = tu_date("2016");
	char *got = html_data(db, &o);
	long a = day("2014-01-01"), z = day("2016-01-01");
	char want[4096];
	snprintf(want, sizeof want,
		 "{\"nodes\":["
		 "{\"id\":\"AAA\",\"label\":\"Aland\",\"kind\":\"state\",\"from\":\"2014-01-01\","
		 "\"to\":\"2016-01-01\",\"iv\":[%ld,%ld,%ld,%ld],\"names\":[[\"Aland\",\"en\"]]},\n"
		 "{\"id\":\"CCC\",\"label\":\"Cland\",\"kind\":\"state\",\"from\":\"2014-01-01\","
		 "\"to\":\"2016-01-01\",\"iv\":[%ld,%ld,%ld,%ld],\"names\":[[\"Cland\",\"en\"]]},\n"
		 "{\"id\":\"ORG\",\"label\":\"The Organization\",\"kind\":\"organization\","
		 "\"from\":\"2014-01-01\",\"to\":\"2016-01-01\",\"iv\":[%ld,%ld,%ld,%ld],"
		 "\"names\":[[\"المنظمة\",\"ar\"],[\"The Organization\",\"en\"]]}],"
		 "\"edges\":["
		 "{\"id\":\"m1\",\"kind\":\"membership\",\"source\":\"AAA\",\"target\":\"ORG\","
		 "\"type\":\"founding_member\",\"directed\":false,\"from\":\"2014-01-01\","
		 "\"to\":\"2016-01-01\",\"iv\":[%ld,%ld,%ld,%ld],\"sources\":[{\"source\":\"treaty\","
		 "\"title\":\"The Treaty\",\"quote\":\"Article 1\"}]},\n"
		 "{\"id\":\"m4\",\"kind\":\"membership\",\"source\":\"CCC\",\"target\":\"ORG\","
		 "\"type\":\"member\",\"directed\":false,\"from\":\"2015\",\"to\":\"2016-01-01\","
		 "\"iv\":[%ld,%ld,%ld,%ld],\"sources\":[]},\n"
		 "{\"id\":\"r3\",\"kind\":\"relation\",\"source\":\"AAA\",\"target\":\"CCC\","
		 "\"type\":\"sanctions\",\"directed\":true,\"from\":\"2014-03\",\"to\":\"2016-01-01\","
		 "\"iv\":[%ld,%ld,%ld,%ld],\"sources\":[]}],"
		 "\"epoch\":%ld,\"first\":%ld,\"last\":%ld,\"start\":%ld,\"around\":[\"CCC\"],"
		 "\"spanFrom\":\"2014\",\"spanTo\":\"2016\"}",
		 a, a, z, z, a, a, z, z, a, a, z, z, a, a, z, z,
		 day("2015-01-01"), day("2015-12-31"), z, z,
		 day("2014-03-01"), day("2014-03-31"), z, z,
		 day("1970-01-01"), a, day("2015-12-31"), a);
	ck_assert_str_eq(got, want);
	free(got);
	geopol_close(db);
}
END_TEST

/* Without a date or a span, the page holds the whole history: every
 * entity, and every membership and relation that ever held, BBB's two
 * spells in ORG among them, with their own dates. */
START_TEST(test_export_html__whole_history)
{
	if (!have_viewer())
		return;
	geopol_db *db = world();
	geopol_export_options o = GEOPOL_EXPORT_OPTIONS_INIT;
	o.format = GEOPOL_FORMAT_HTML;
	char *got = html_data(db, &o);
	static const char *const want[] = {
		"{\"id\":\"AAA\",", "{\"id\":\"BBB\",", "{\"id\":\"CCC\",", "{\"id\":\"ORG\",",
		"{\"id\":\"boss\",",
		"{\"id\":\"m2\",\"kind\":\"membership\",\"source\":\"BBB\",\"target\":\"ORG\","
		"\"type\":\"founding_member\",\"directed\":false,\"from\":\"1992-05-15\",\"to\":\"1999-04-20\"",
		"{\"id\":\"m3\",\"kind\":\"membership\",\"source\":\"BBB\",\"target\":\"ORG\","
		"\"type\":\"member\",\"directed\":false,\"from\":\"2006-08-16\",\"to\":\"2012-12-19\"",
		"\"sources\":[{\"source\":\"news\",\"title\":\"A newspaper\",\"quote\":\"عادت\"},"
		"{\"source\":\"treaty\",\"title\":\"The Treaty\",\"quote\":null}]",
		"{\"id\":\"r2\",\"kind\":\"relation\",\"source\":\"BBB\",\"target\":\"AAA\","
		"\"type\":\"comprehensive_strategic_partnership_alliance\"",
		"{\"id\":\"r4\",\"kind\":\"relation\",\"source\":\"boss\",\"target\":\"AAA\","
		"\"type\":\"head_of_state\"",
		"\"around\":[],\"spanFrom\":null,\"spanTo\":null}",
	};
	for (size_t i = 0; i < sizeof want / sizeof want[0]; i++)
		ck_assert_msg(strstr(got, want[i]), "no %s in %s", want[i], got);
	/* four memberships and four relations, each once */
	int n = 0;
	for (const char *p = got; (p = strstr(p, "\"kind\":\"membership\"")); p++)
		n++;
	ck_assert_int_eq(n, 4);
	n = 0;
	for (const char *p = got; (p = strstr(p, "\"kind\":\"relation\"")); p++)
		n++;
	ck_assert_int_eq(n, 4);
	/* The slider starts at the first day anything starts: ORG's founding. */
	char first[64];
	snprintf(first, sizeof first, "\"first\":%ld,", day("1992-05-15"));
	ck_assert_ptr_nonnull(strstr(got, first));
	free(got);
	geopol_close(db);
}
END_TEST

static int refuse(void *ctx, const char *data, size_t len)
{
	(void)ctx, (void)data, (void)len;
	return -1;
}

START_TEST(test_export_html__refused_writer)
{
	if (!have_viewer())
		return;
	geopol_db *db = world();
	geopol_export_options o = GEOPOL_EXPORT_OPTIONS_INIT;
	o.format = GEOPOL_FORMAT_HTML;
	ck_assert_int_eq(geopol_export(db, &o, NULL, refuse, NULL), GEOPOL_EIO);
	/* an empty database: a page with no element, still whole */
	geopol_db *empty = tu_open();
	o.at = tu_date("2010-01-01");
	char *got = html_data(empty, &o);
	char want[256];
	long d = day("2010-01-01");
	snprintf(want, sizeof want, "{\"nodes\":[],\"edges\":[],\"epoch\":%ld,\"first\":%ld,\"last\":",
		 day("1970-01-01"), d);
	ck_assert_msg(strncmp(got, want, strlen(want)) == 0, "%s", got);
	snprintf(want, sizeof want, ",\"start\":%ld,\"around\":[],\"spanFrom\":null,\"spanTo\":null}", d);
	ck_assert_ptr_nonnull(strstr(got, want));
	free(got);
	geopol_close(empty);
	geopol_close(db);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("export_html");
	TCase *core = tcase_create("core");
	tcase_add_test(core, test_export_html__focus_over_a_span);
	tcase_add_test(core, test_export_html__whole_history);
	tcase_add_test(core, test_export_html__refused_writer);
	suite_add_tcase(s, core);
	return tu_run(s);
}
