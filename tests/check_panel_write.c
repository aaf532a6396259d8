/*
 * check_panel_write.c - a panel written as CSV and NDJSON
 * (lib/io/panel_write.c), on the small world of common_util.c and a state
 * whose code holds a comma and a quote: every row of a dyad-year table
 * (a CSV field quoted, a mean of nothing empty in CSV and null in NDJSON,
 * a fraction and integers), the NDJSON header naming the rule and the
 * columns, a state-year table's keys, and the refusals.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "test_util.h"

static geopol_db *db;

/* "D,\"E" joins ORG "from 2019": possible on 1 July 2019, definite in
 * 2020. BBB visits AAA in 2020-02 (CAMEO 042, Goldstein 1.9). */
static void setup(void)
{
	db = tu_open();
	ck_assert_msg(tu_import(db, TU_WORLD) == GEOPOL_OK, "import: %s", geopol_errmsg(db));
	ck_assert_int_eq(tu_import(db, "{\"format\":\"geopol-dataset\",\"version\":1,\"entities\":["
				       "{\"code\":\"D,\\\"E\",\"kind\":\"state\",\"names\":[{\"text\":"
				       "\"Dland\",\"lang\":\"en\"}]}],\"memberships\":[{\"org\":\"ORG\","
				       "\"member\":\"D,\\\"E\",\"role\":\"member\",\"from\":\"2019\"}]}"),
			 GEOPOL_OK);
}

static void teardown(void)
{
	geopol_close(db);
	db = NULL;
}

typedef struct sink {
	char *s;
	size_t len;
	int refuse;
} sink;

static int collect(void *ctx, const char *data, size_t len)
{
	sink *k = ctx;
	if (k->refuse)
		return -1;
	k->s = realloc(k->s, k->len + len + 1);
	memcpy(k->s + k->len, data, len);
	k->len += len;
	k->s[k->len] = '\0';
	return 0;
}

static const char *const codes[] = {"AAA", "BBB", "CCC", "D,\"E"};

static char *written(int unit, const char *const *vars, size_t n_vars, int format)
{
	geopol_panel_options o = GEOPOL_PANEL_OPTIONS_INIT;
	o.unit = unit;
	o.population = GEOPOL_PANEL_LIST;
	o.codes = codes;
	o.n_codes = 4;
	o.vars = vars;
	o.n_vars = n_vars;
	o.from = tu_date("2019");
	o.to = tu_date("2021");
	geopol_panel_iter *p;
	ck_assert_msg(geopol_panel(&p, db, &o, NULL) == GEOPOL_OK, "%s", geopol_errmsg(db));
	sink k = {NULL, 0, 0};
	ck_assert_msg(geopol_panel_write(p, format, collect, &k) == GEOPOL_OK, "%s", geopol_errmsg(db));
	geopol_panel_free(p);
	return k.s;
}

static const char *const dyad_vars[] = {"shared", "goldstein"};

START_TEST(test_panel_write__csv_rows)
{
	char *got = written(GEOPOL_PANEL_DYAD, dyad_vars, 2, GEOPOL_FORMAT_CSV);
	ck_assert_str_eq(got,
		"year,a,b,shared,shared_possible,goldstein_sum_ab,goldstein_mean_ab,goldstein_sum_ba,"
		"goldstein_mean_ba\n"
		"2019,AAA,BBB,0,0,0,,0,\n"
		"2019,AAA,CCC,1,0,0,,0,\n"
		"2019,AAA,\"D,\"\"E\",0,1,0,,0,\n"
		"2019,BBB,CCC,0,0,0,,0,\n"
		"2019,BBB,\"D,\"\"E\",0,0,0,,0,\n"
		"2019,CCC,\"D,\"\"E\",0,1,0,,0,\n"
		"2020,AAA,BBB,0,0,0,,1.9,1.9\n"
		"2020,AAA,CCC,1,0,0,,0,\n"
		"2020,AAA,\"D,\"\"E\",1,0,0,,0,\n"
		"2020,BBB,CCC,0,0,0,,0,\n"
		"2020,BBB,\"D,\"\"E\",0,0,0,,0,\n"
		"2020,CCC,\"D,\"\"E\",1,0,0,,0,\n");
	free(got);
}
END_TEST

START_TEST(test_panel_write__ndjson_rows)
{
	char *got = written(GEOPOL_PANEL_DYAD, dyad_vars, 2, GEOPOL_FORMAT_NDJSON);
	const char *head =
		"{\"panel\":{\"rule\":\"unit=dyad-year (undirected: a before b by code); "
		"population=list; periods=2019 to 2020; rule: a membership or relation counts when "
		"it holds on 1 July, an event in the year its date falls in; certainty: definite "
		"facts in each column, possible-only ones in its _possible column; current "
		"knowledge\",\"keys\":[\"year\",\"a\",\"b\"],\"columns\":[\"shared\","
		"\"shared_possible\",\"goldstein_sum_ab\",\"goldstein_mean_ab\",\"goldstein_sum_ba\","
		"\"goldstein_mean_ba\"]}}\n";
	ck_assert_msg(strncmp(got, head, strlen(head)) == 0, "%s", got);
	int n = 0;
	for (const char *p = got; *p; p++)
		n += *p == '\n';
	ck_assert_int_eq(n, 13);
	ck_assert_ptr_nonnull(strstr(got,
		"\n{\"year\":\"2019\",\"a\":\"AAA\",\"b\":\"D,\\\"E\",\"shared\":0,\"shared_possible\":1,"
		"\"goldstein_sum_ab\":0,\"goldstein_mean_ab\":null,\"goldstein_sum_ba\":0,"
		"\"goldstein_mean_ba\":null}\n"));
	ck_assert_ptr_nonnull(strstr(got,
		"\n{\"year\":\"2020\",\"a\":\"AAA\",\"b\":\"BBB\",\"shared\":0,\"shared_possible\":0,"
		"\"goldstein_sum_ab\":0,\"goldstein_mean_ab\":null,\"goldstein_sum_ba\":1.9,"
		"\"goldstein_mean_ba\":1.9}\n"));
	free(got);
}
END_TEST

/* A state-year table: one key "state", no b. */
START_TEST(test_panel_write__state_keys)
{
	static const char *const vars[] = {"memberships"};
	char *got = written(GEOPOL_PANEL_STATE, vars, 1, GEOPOL_FORMAT_CSV);
	ck_assert_str_eq(got,
		"year,state,memberships,memberships_possible\n"
		"2019,AAA,1,0\n2019,BBB,0,0\n2019,CCC,1,0\n2019,\"D,\"\"E\",0,1\n"
		"2020,AAA,1,0\n2020,BBB,0,0\n2020,CCC,1,0\n2020,\"D,\"\"E\",1,0\n");
	free(got);
	got = written(GEOPOL_PANEL_STATE, vars, 1, GEOPOL_FORMAT_NDJSON);
	ck_assert_ptr_nonnull(strstr(got, "\"keys\":[\"year\",\"state\"],\"columns\":[\"memberships\","
					  "\"memberships_possible\"]}}\n"
					  "{\"year\":\"2019\",\"state\":\"AAA\",\"memberships\":1,"
					  "\"memberships_possible\":0}\n"));
	ck_assert_ptr_null(strstr(got, "\"b\":"));
	free(got);
}
END_TEST

/* NULL arguments, a format that is not a panel's, a writer that refuses. */
START_TEST(test_panel_write__refusals)
{
	geopol_panel_options o = GEOPOL_PANEL_OPTIONS_INIT;
	o.population = GEOPOL_PANEL_LIST;
	o.codes = codes;
	o.n_codes = 2;
	o.vars = dyad_vars;
	o.n_vars = 1;
	o.from = tu_date("2019");
	o.to = tu_date("2021");
	geopol_panel_iter *p;
	ck_assert_int_eq(geopol_panel(&p, db, &o, NULL), GEOPOL_OK);
	sink k = {NULL, 0, 0};
	ck_assert_int_eq(geopol_panel_write(NULL, GEOPOL_FORMAT_CSV, collect, &k), GEOPOL_EMISUSE);
	ck_assert_int_eq(geopol_panel_write(p, GEOPOL_FORMAT_CSV, NULL, &k), GEOPOL_EMISUSE);
	ck_assert_int_eq(geopol_panel_write(p, GEOPOL_FORMAT_GRAPHML, collect, &k), GEOPOL_EINVAL);
	ck_assert_str_eq(geopol_errmsg(db), "panel: format 4 is neither CSV nor NDJSON");
	ck_assert_ptr_null(k.s);
	k.refuse = 1;
	ck_assert_int_eq(geopol_panel_write(p, GEOPOL_FORMAT_NDJSON, collect, &k), GEOPOL_EIO);
	ck_assert_str_eq(geopol_errmsg(db), "panel: the output refused the data");
	geopol_panel_free(p);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("panel_write");
	TCase *core = tcase_create("core");
	tcase_add_checked_fixture(core, setup, teardown);
	tcase_add_test(core, test_panel_write__csv_rows);
	tcase_add_test(core, test_panel_write__ndjson_rows);
	tcase_add_test(core, test_panel_write__state_keys);
	tcase_add_test(core, test_panel_write__refusals);
	suite_add_tcase(s, core);
	return tu_run(s);
}
