/*
 * check_export.c - focused exports (around, depth, kinds, orgs, types), spans
 * clipped to their bounds, one directedness in GraphML and GEXF, GEXF 1.2,
 * older option structs, bad options, the JSON document, NDJSON and a writer
 * that refuses, on the small world of common_util.c.
 */
#include <check.h>
#include <stddef.h>
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

/* The CSV export reduced to what a reader checks: "node CODE" and
 * "edge SOURCE TYPE TARGET FROM TO" lines, in the export's order. */
static char *graph(geopol_db *db, geopol_export_options *o)
{
	sink k = {NULL, 0};
	o->format = GEOPOL_FORMAT_CSV;
	o->with_sources = 0;
	ck_assert_msg(geopol_export(db, o, NULL, collect, &k) == GEOPOL_OK, "%s", geopol_errmsg(db));
	char *out = calloc(1, k.len + 1), *p = out;
	char *save = NULL;
	strtok_r(k.s, "\n", &save);   /* the header */
	for (char *line; (line = strtok_r(NULL, "\n", &save));) {
		char *f[13] = {0};
		int n = 0;
		/* the fields used hold no comma: plain split, empty fields kept */
		for (char *c = line; n < 13; n++) {
			f[n] = c;
			char *comma = strchr(c, ',');
			if (!comma)
				break;
			*comma = '\0';
			c = comma + 1;
		}
		if (strcmp(f[0], "node") == 0)
			p += sprintf(p, "%snode %s", p == out ? "" : "\n", f[1]);
		else
			p += sprintf(p, "%sedge %s %s %s %s %s", p == out ? "" : "\n", f[5], f[7], f[6],
				     f[9], f[10]);
	}
	free(k.s);
	return out;
}

static void expect_graph(geopol_db *db, geopol_export_options *o, const char *want)
{
	char *got = graph(db, o);
	ck_assert_str_eq(got, want);
	free(got);
}

START_TEST(test_export_focus__around_depth)
{
	geopol_db *db = world();
	const char *aaa[] = {"AAA"}, *ccc[] = {"CCC"};
	geopol_export_options o = GEOPOL_EXPORT_OPTIONS_INIT;
	o.at = tu_date("2010-01-01");
	o.around = aaa;
	o.n_around = 1;
	/* BBB through the partnership, ORG through the membership; CCC (a
	 * member from 2015) and the boss (from 2019) are not there yet. */
	expect_graph(db, &o,
		     "node AAA\nnode BBB\nnode ORG\n"
		     "edge AAA founding_member ORG 1992-05-15 \n"
		     "edge BBB member ORG 2006-08-16 2012-12-19\n"
		     "edge AAA strategic_partnership BBB 2000-01-01 2025-11-12");
	/* CCC holds no edge in 2010: it stands alone. */
	o.around = ccc;
	expect_graph(db, &o, "node CCC");
	/* In 2020, two hops from CCC: ORG and AAA, then BBB and the boss. */
	o.at = tu_date("2020-01-01");
	expect_graph(db, &o,
		     "node AAA\nnode CCC\nnode ORG\n"
		     "edge AAA founding_member ORG 1992-05-15 \n"
		     "edge CCC member ORG 2015 \n"
		     "edge AAA sanctions CCC 2014-03 ");
	o.depth = 2;
	expect_graph(db, &o,
		     "node AAA\nnode BBB\nnode CCC\nnode ORG\nnode boss\n"
		     "edge AAA founding_member ORG 1992-05-15 \n"
		     "edge CCC member ORG 2015 \n"
		     "edge AAA strategic_partnership BBB 2000-01-01 2025-11-12\n"
		     "edge AAA sanctions CCC 2014-03 \n"
		     "edge boss head_of_state AAA 2019-03-20 ");
	geopol_close(db);
}
END_TEST

START_TEST(test_export_focus__kinds_orgs_types)
{
	geopol_db *db = world();
	const char *org[] = {"ORG"}, *sanctions[] = {"sanctions"}, *aaa[] = {"AAA"};
	geopol_export_options o = GEOPOL_EXPORT_OPTIONS_INIT;
	o.at = tu_date("2020-01-01");
	o.kinds = GEOPOL_KIND_BIT(GEOPOL_KIND_STATE);
	expect_graph(db, &o,
		     "node AAA\nnode BBB\nnode CCC\n"
		     "edge AAA strategic_partnership BBB 2000-01-01 2025-11-12\n"
		     "edge AAA sanctions CCC 2014-03 ");
	/* The organization and its members, with what binds them. */
	o.kinds = 0;
	o.orgs = org;
	o.n_orgs = 1;
	expect_graph(db, &o,
		     "node AAA\nnode CCC\nnode ORG\n"
		     "edge AAA founding_member ORG 1992-05-15 \n"
		     "edge CCC member ORG 2015 \n"
		     "edge AAA sanctions CCC 2014-03 ");
	/* Only sanctions among the relations: BBB (a partner) and the boss go. */
	o.orgs = NULL;
	o.n_orgs = 0;
	o.around = aaa;
	o.n_around = 1;
	o.types = sanctions;
	o.n_types = 1;
	expect_graph(db, &o,
		     "node AAA\nnode CCC\nnode ORG\n"
		     "edge AAA founding_member ORG 1992-05-15 \n"
		     "edge CCC member ORG 2015 \n"
		     "edge AAA sanctions CCC 2014-03 ");
	/* The same focus in every format: the JSON snapshot has the same
	 * three nodes. */
	sink k = {NULL, 0};
	o.format = GEOPOL_FORMAT_JSON;
	ck_assert_int_eq(geopol_export(db, &o, NULL, collect, &k), GEOPOL_OK);
	ck_assert_ptr_nonnull(strstr(k.s, "\"code\":\"CCC\""));
	ck_assert_ptr_null(strstr(k.s, "\"code\":\"BBB\""));
	ck_assert_ptr_null(strstr(k.s, "strategic_partnership"));
	free(k.s);
	geopol_close(db);
}
END_TEST

/* A span's elements are clipped to it: nothing starts before its first day
 * or runs past its end, in the CSV dates and in the GEXF spells. */
START_TEST(test_export_span__clipped)
{
	geopol_db *db = world();
	const char *aaa[] = {"AAA"};
	geopol_export_options o = GEOPOL_EXPORT_OPTIONS_INIT;
	o.from = tu_date("2020");
	o.to = tu_date("2026");
	o.around = aaa;
	o.n_around = 1;
	o.kinds = GEOPOL_KIND_BIT(GEOPOL_KIND_STATE);
	expect_graph(db, &o,
		     "node AAA\nnode BBB\nnode CCC\n"
		     "edge AAA strategic_partnership BBB 2020-01-01 2025-11-12\n"
		     "edge BBB comprehensive_strategic_partnership_alliance AAA 2025-11-12 2026-01-01\n"
		     "edge AAA sanctions CCC 2020-01-01 2026-01-01");
	sink k = {NULL, 0};
	o.format = GEOPOL_FORMAT_GEXF;
	o.kinds = 0;
	ck_assert_int_eq(geopol_export(db, &o, NULL, collect, &k), GEOPOL_OK);
	ck_assert_ptr_nonnull(strstr(k.s, "<spell start=\"2020-01-01\" end=\"2025-11-11\"/>"));
	ck_assert_ptr_nonnull(strstr(k.s, "<spell start=\"2025-11-12\" end=\"2025-12-31\"/>"));
	/* ORG (from 1992) and AAA's membership (open at both ends) too */
	ck_assert_ptr_null(strstr(k.s, "start=\"1992"));
	ck_assert_ptr_null(strstr(k.s, "start=\"2019-12"));
	for (const char *p = k.s; (p = strstr(p, "<spells>")); p++)
		ck_assert_msg(strncmp(p, "<spells><spell start=\"20", 24) == 0, "%.60s", p);
	free(k.s);
	geopol_close(db);
}
END_TEST

START_TEST(test_export_graph__one_directedness)
{
	geopol_db *db = world();
	geopol_export_options o = GEOPOL_EXPORT_OPTIONS_INIT;
	o.at = tu_date("2020-01-01");
	o.format = GEOPOL_FORMAT_GRAPHML;
	sink k = {NULL, 0};
	ck_assert_int_eq(geopol_export(db, &o, NULL, collect, &k), GEOPOL_OK);
	ck_assert_ptr_nonnull(strstr(k.s, "edgedefault=\"directed\""));
	ck_assert_ptr_null(strstr(k.s, "undirected"));
	ck_assert_ptr_null(strstr(k.s, " directed=\""));
	/* sanctions are directed, the membership is not */
	ck_assert_ptr_nonnull(strstr(k.s, "<data key=\"type\">sanctions</data>\n"
					  "      <data key=\"efrom\">2014-03</data>\n"
					  "      <data key=\"certainty\">definite</data>\n"
					  "      <data key=\"directed\">true</data>"));
	ck_assert_ptr_nonnull(strstr(k.s, "<data key=\"type\">member</data>\n"
					  "      <data key=\"efrom\">2015</data>\n"
					  "      <data key=\"certainty\">definite</data>\n"
					  "      <data key=\"directed\">false</data>"));
	free(k.s);
	k.s = NULL;
	k.len = 0;
	o.format = GEOPOL_FORMAT_GEXF;
	o.gexf_version = 12;
	ck_assert_int_eq(geopol_export(db, &o, NULL, collect, &k), GEOPOL_OK);
	ck_assert_ptr_nonnull(strstr(k.s, "<gexf xmlns=\"http://www.gexf.net/1.2draft\" version=\"1.2\">"));
	ck_assert_ptr_nonnull(strstr(k.s, "defaultedgetype=\"directed\""));
	ck_assert_ptr_null(strstr(k.s, " type=\"directed\""));
	ck_assert_ptr_nonnull(strstr(k.s, "<attvalue for=\"directed\" value=\"true\"/>"));
	free(k.s);
	geopol_close(db);
}
END_TEST

/* A version 1 struct ends at with_sources: what lies after it in memory is
 * not read. */
START_TEST(test_export_options__version_1)
{
	geopol_db *db = world();
	union {
		geopol_export_options o;
		unsigned char bytes[sizeof(geopol_export_options)];
	} u;
	memset(u.bytes, 0xA5, sizeof u.bytes);
	geopol_export_options v1 = GEOPOL_EXPORT_OPTIONS_INIT;
	v1.version = 1;
	v1.format = GEOPOL_FORMAT_CSV;
	v1.at = tu_date("2020-01-01");
	memcpy(&u.o, &v1, offsetof(geopol_export_options, around));
	sink a = {NULL, 0}, b = {NULL, 0};
	ck_assert_int_eq(geopol_export(db, &u.o, NULL, collect, &a), GEOPOL_OK);
	v1.version = GEOPOL_EXPORT_OPTIONS_VERSION;
	ck_assert_int_eq(geopol_export(db, &v1, NULL, collect, &b), GEOPOL_OK);
	ck_assert_str_eq(a.s, b.s);
	ck_assert_ptr_nonnull(strstr(a.s, "node,boss,person"));
	free(a.s);
	free(b.s);
	a.s = NULL;
	a.len = 0;
	v1.version = GEOPOL_EXPORT_OPTIONS_VERSION + 1;
	ck_assert_int_eq(geopol_export(db, &v1, NULL, collect, &a), GEOPOL_EMISUSE);
	ck_assert_str_eq(geopol_errmsg(db), "geopol_export_options: unknown version 3 (this geopol reads 1 to 2)");
	ck_assert_ptr_null(a.s);
	geopol_close(db);
}
END_TEST

static void expect_refused(geopol_db *db, const geopol_export_options *o, int status,
			   const char *msg)
{
	sink k = {NULL, 0};
	ck_assert_int_eq(geopol_export(db, o, NULL, collect, &k), status);
	ck_assert_str_eq(geopol_errmsg(db), msg);
	ck_assert_ptr_null(k.s);   /* nothing written */
	ck_assert_int_eq(geopol_export_file(db, o, NULL, "/tmp/geopol-check-export-refused.csv"),
			 status);
	FILE *f = fopen("/tmp/geopol-check-export-refused.csv", "r");
	ck_assert_ptr_null(f);
}

START_TEST(test_export_focus__bad_options)
{
	geopol_db *db = world();
	const char *zzz[] = {"ZZZ"}, *aaa[] = {"AAA"}, *nope[] = {"nope"};
	geopol_export_options o = GEOPOL_EXPORT_OPTIONS_INIT;
	o.format = GEOPOL_FORMAT_CSV;
	o.around = zzz;
	o.n_around = 1;
	expect_refused(db, &o, GEOPOL_ENOTFOUND, "export: around: no entity 'ZZZ'");
	o.around = aaa;
	o.orgs = aaa;
	o.n_orgs = 1;
	expect_refused(db, &o, GEOPOL_EINVAL, "export: orgs: 'AAA' is not an organization");
	o.orgs = NULL;
	o.n_orgs = 0;
	o.types = nope;
	o.n_types = 1;
	expect_refused(db, &o, GEOPOL_ENOTFOUND, "export: types: no relation type 'nope'");
	o.types = NULL;
	o.n_types = 0;
	o.depth = 11;
	expect_refused(db, &o, GEOPOL_EINVAL, "export: depth 11 is not between 1 and 10");
	o.depth = 0;
	o.gexf_version = 11;
	expect_refused(db, &o, GEOPOL_EINVAL, "export: GEXF version 11 (12 or 13)");
	geopol_close(db);
}
END_TEST

/* The page: nothing written when the focus is refused; a quote cannot end
 * the script element its data stands in. */
START_TEST(test_export_html__data_escaped)
{
	geopol_db *db = world();
	const char *zzz[] = {"ZZZ"};
	geopol_export_options o = GEOPOL_EXPORT_OPTIONS_INIT;
	o.format = GEOPOL_FORMAT_HTML;
	o.around = zzz;
	o.n_around = 1;
	sink k = {NULL, 0};
	int rc = geopol_export(db, &o, NULL, collect, &k);
	if (rc == GEOPOL_EINVAL && strstr(geopol_errmsg(db), "built without its viewer")) {
		fprintf(stderr, "skipped: %s\n", geopol_errmsg(db));
		geopol_close(db);
		return;
	}
	ck_assert_int_eq(rc, GEOPOL_ENOTFOUND);
	ck_assert_ptr_null(k.s);
	geopol_iter *it;
	const geopol_item *item;
	ck_assert_int_eq(geopol_relations(&it, db, "AAA", "CCC", tu_date("2020-01-01"), NULL), GEOPOL_OK);
	ck_assert_int_eq(geopol_iter_next(it, &item), GEOPOL_OK);
	int64_t fact = item->relation->fact_id;
	geopol_iter_free(it);
	ck_assert_int_eq(geopol_cite(db, GEOPOL_FACT_RELATION, fact, "news", "</script><b>&"), GEOPOL_OK);
	o.around = NULL;
	o.n_around = 0;
	ck_assert_int_eq(geopol_export(db, &o, NULL, collect, &k), GEOPOL_OK);
	ck_assert_ptr_null(strstr(k.s, "</script><b>"));
	ck_assert_ptr_nonnull(strstr(k.s, "\"quote\":\"\\u003c/script\\u003e\\u003cb\\u003e\\u0026\""));
	ck_assert_ptr_nonnull(strstr(k.s, "<!DOCTYPE html>"));
	ck_assert_ptr_null(strstr(k.s, "@@GEOPOL_"));
	free(k.s);
	geopol_close(db);
}
END_TEST

static int refuse(void *ctx, const char *data, size_t len)
{
	(void)ctx, (void)data, (void)len;
	return -1;
}

START_TEST(test_query_export__json_document)
{
	geopol_db *db = world();
	geopol_export_options o = GEOPOL_EXPORT_OPTIONS_INIT;
	o.at = tu_date("2000-06-01");
	sink k = {NULL, 0};
	ck_assert_int_eq(geopol_export(db, &o, NULL, collect, &k), GEOPOL_OK);
	ck_assert_str_eq(k.s,
		"{\"format\":\"geopol-snapshot\",\"at\":\"2000-06-01\",\"nodes\":["
		"{\"record\":\"entity\",\"code\":\"AAA\",\"kind\":\"state\",\"subkind\":null,\"name\":\"Aland\",\"from\":null,\"to\":null},"
		"{\"record\":\"entity\",\"code\":\"BBB\",\"kind\":\"state\",\"subkind\":null,\"name\":\"Bland\",\"from\":null,\"to\":null},"
		"{\"record\":\"entity\",\"code\":\"CCC\",\"kind\":\"state\",\"subkind\":null,\"name\":\"Cland\",\"from\":null,\"to\":null},"
		"{\"record\":\"entity\",\"code\":\"ORG\",\"kind\":\"organization\",\"subkind\":null,\"name\":\"The Organization\",\"from\":\"1992-05-15\",\"to\":null},"
		"{\"record\":\"entity\",\"code\":\"boss\",\"kind\":\"person\",\"subkind\":null,\"name\":\"The Boss\",\"from\":null,\"to\":null}"
		"],\"edges\":["
		"{\"record\":\"membership\",\"org\":\"ORG\",\"member\":\"AAA\",\"role\":\"founding_member\",\"from\":\"1992-05-15\",\"to\":null,\"certainty\":\"definite\",\"stage\":\"in_force\",\"coding\":\"curated\",\"sources\":[{\"source\":\"treaty\",\"quote\":\"Article 1\"}]},"
		"{\"record\":\"relation\",\"a\":\"AAA\",\"b\":\"BBB\",\"type\":\"strategic_partnership\",\"directed\":false,\"from\":\"2000-01-01\",\"to\":\"2025-11-12\",\"attrs\":{},\"certainty\":\"definite\",\"sources\":[{\"source\":\"news\",\"quote\":null}]}"
		"]}\n");
	free(k.s);
	geopol_close(db);
}
END_TEST

START_TEST(test_query_export__ndjson_and_refusing_writer)
{
	geopol_db *db = world();
	geopol_export_options o = GEOPOL_EXPORT_OPTIONS_INIT;
	o.format = GEOPOL_FORMAT_NDJSON;
	o.at = tu_date("2010-01-01");
	o.with_sources = 0;
	sink k = {NULL, 0};
	ck_assert_int_eq(geopol_export(db, &o, NULL, collect, &k), GEOPOL_OK);
	int lines = 0;
	for (char *p = k.s; *p; p++)
		lines += *p == '\n';
	ck_assert_int_eq(lines, 8);
	ck_assert_ptr_null(strstr(k.s, "\"sources\""));
	free(k.s);
	ck_assert_int_eq(geopol_export(db, &o, NULL, refuse, NULL), GEOPOL_EIO);
	ck_assert_int_eq(geopol_export_file(db, &o, NULL, "/nonexistent-dir/out.json"), GEOPOL_EIO);
	ck_assert_ptr_nonnull(strstr(geopol_errmsg(db), "/nonexistent-dir/out.json: cannot write"));
	ck_assert_int_eq(geopol_format_parse("gexf"), GEOPOL_FORMAT_GEXF);
	ck_assert_int_eq(geopol_format_parse("pdf"), 0);
	geopol_close(db);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("export");
	TCase *core = tcase_create("core");
	tcase_add_test(core, test_export_focus__around_depth);
	tcase_add_test(core, test_export_focus__kinds_orgs_types);
	tcase_add_test(core, test_export_span__clipped);
	tcase_add_test(core, test_export_graph__one_directedness);
	tcase_add_test(core, test_export_options__version_1);
	tcase_add_test(core, test_export_focus__bad_options);
	tcase_add_test(core, test_export_html__data_escaped);
	tcase_add_test(core, test_query_export__json_document);
	tcase_add_test(core, test_query_export__ndjson_and_refusing_writer);
	suite_add_tcase(s, core);
	return tu_run(s);
}
