/*
 * check_import_cow.c - the Correlates of War importers: cow-states
 * (states2016.csv) and cow-igo (igo_year_format3.csv). Fixtures are cut
 * from the real files (tests/fixtures/); the whole files are read from
 * ../shared/data when it is there.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "test_util.h"
#include "core/geopol_internal.h"

#define FIX GEOPOL_SOURCE_DIR "/tests/fixtures/"
#define REAL GEOPOL_SHARED_DIR "/data/cow/"

#define have_real(file) tu_have_file(REAL file)


/* ---- cow-states */

START_TEST(test_import_cow__states_spells)
{
	geopol_db *db = tu_open();
	geopol_import_stats st;
	tu_import_ok(db, "cow-states", FIX "cow-states.csv", &st);
	ck_assert_int_eq(st.rows, 17);
	/* On an empty database the states are made with ISO codes. */
	char *m = tu_members(db, "COW:SYSTEM", "1950-01-01", GEOPOL_DEFINITE_ONLY, 0);
	/* The GDR enters on 1954-03-25, the GFR on 1955-05-05. */
	ck_assert_str_eq(m, "CUB member definite\nRUS member definite\nUSA member definite");
	free(m);
	/* Germany: GMY to 1945-05-08, GFR from 1955-05-05 (both DEU), GMY again. */
	m = tu_members(db, "COW:SYSTEM", "1945-05-08", 0, 0);
	ck_assert_ptr_nonnull(strstr(m, "DEU member definite"));
	free(m);
	m = tu_members(db, "COW:SYSTEM", "1945-05-09", 0, 0);
	ck_assert_ptr_null(strstr(m, "DEU"));
	free(m);
	m = tu_members(db, "COW:SYSTEM", "1960", 0, 0);
	ck_assert_ptr_nonnull(strstr(m, "DEU member definite"));
	free(m);
	/* The Baltic states: in 1930, out in 1960, back in 1995. */
	m = tu_members(db, "COW:SYSTEM", "1930", 0, 0);
	ck_assert_ptr_nonnull(strstr(m, "EST member definite"));
	ck_assert_ptr_nonnull(strstr(m, "LVA member definite"));
	free(m);
	m = tu_members(db, "COW:SYSTEM", "1960", 0, 0);
	ck_assert_ptr_null(strstr(m, "EST"));
	free(m);
	m = tu_members(db, "COW:SYSTEM", "2016-12-31", 0, 0);
	ck_assert_ptr_nonnull(strstr(m, "LTU member definite"));
	ck_assert_ptr_nonnull(strstr(m, "KAZ member definite"));
	free(m);
	/* Bavaria has no ISO code: COW:245. The COW ids stay on the entities. */
	ck_assert_int_eq(tu_count(db, "SELECT count(*) FROM entity WHERE code = 'COW:245'"), 1);
	ck_assert_int_eq(tu_count(db, "SELECT count(*) FROM entity_xref x JOIN entity e ON e.id = x.entity_id "
				   "WHERE e.code = 'DEU' AND ((x.scheme = 'cow' AND x.value IN ('255','260')) "
				   "OR (x.scheme = 'cow-abb' AND x.value IN ('GMY','GFR')))"), 4);
	/* The spell still running at the end of the data is open. */
	ck_assert_int_eq(tu_count(db, "SELECT count(*) FROM membership m JOIN entity e ON e.id = m.member_id "
				   "WHERE e.code = 'USA' AND m.to_prec = 0 AND m.coding = 'cow-states-2016'"), 1);
	/* Each spell cites the source. */
	ck_assert_int_eq(tu_count(db, "SELECT count(*) FROM membership m WHERE NOT EXISTS (SELECT 1 FROM "
				   "citation c JOIN source s ON s.id = c.source_id WHERE c.membership_id = m.id "
				   "AND s.code = 'cow-states-2016')"), 0);
	geopol_close(db);
}
END_TEST

START_TEST(test_import_cow__states_reimport)
{
	geopol_db *db = tu_open();
	geopol_import_stats st;
	tu_import_ok(db, "cow-states", FIX "cow-states.csv", &st);
	tu_reimport_adds_nothing(db, "cow-states", FIX "cow-states.csv");
	geopol_close(db);
}
END_TEST

START_TEST(test_import_cow__states_on_builtin_codes)
{
	/* An entity carrying cow=705 is used whatever its code. */
	geopol_db *db = tu_open();
	ck_assert_int_eq(tu_import(db, "{\"entities\":[{\"code\":\"KAZAKH\",\"kind\":\"state\","
				       "\"ids\":{\"cow\":\"705\"}}]}"), GEOPOL_OK);
	tu_import_ok(db, "cow-states", FIX "cow-states.csv", NULL);
	char *m = tu_members(db, "COW:SYSTEM", "2000", 0, 0);
	ck_assert_ptr_nonnull(strstr(m, "KAZAKH member definite"));
	ck_assert_ptr_null(strstr(m, "KAZ member"));
	free(m);
	geopol_close(db);
}
END_TEST

/* ---- cow-igo */

START_TEST(test_import_cow__igo_csto)
{
	geopol_db *db = tu_open();
	geopol_import_stats st;
	tu_import_ok(db, "cow-igo", FIX "cow-igo.csv", &st);
	ck_assert_int_eq(st.rows, 68);
	char *m = tu_members(db, "CSTO", "2011", GEOPOL_DEFINITE_ONLY, 0);
	ck_assert_str_eq(m, "ARM member definite\nBLR member definite\nKAZ member definite\n"
			    "KGZ member definite\nRUS member definite\nTJK member definite\n"
			    "UZB member definite");
	free(m);
	m = tu_members(db, "CSTO", "2012", GEOPOL_DEFINITE_ONLY, 0);
	ck_assert_str_eq(m, "ARM member definite\nBLR member definite\nKAZ member definite\n"
			    "KGZ member definite\nRUS member definite\nTJK member definite");
	free(m);
	/* COW: Uzbekistan a member in 2011, not in 2012: the exit lies in 2012. */
	m = tu_members(db, "CSTO", "2012-06-01", 0, 0);
	ck_assert_ptr_nonnull(strstr(m, "UZB member possible"));
	free(m);
	/* Observers from 2014 (Afghanistan, Serbia). */
	m = tu_members(db, "CSTO", "2014", GEOPOL_DEFINITE_ONLY, 0);
	ck_assert_ptr_nonnull(strstr(m, "AFG observer definite"));
	ck_assert_ptr_nonnull(strstr(m, "SRB observer definite"));
	free(m);
	geopol_close(db);
}
END_TEST

START_TEST(test_import_cow__igo_opec_alone)
{
	/* A database holding only this import answers for OPEC by its name. */
	geopol_db *db = tu_open();
	tu_import_ok(db, "cow-igo", FIX "cow-igo.csv", NULL);
	char code[64];
	ck_assert_int_eq(geopol_resolve_one(db, "OPEC", code, sizeof code), GEOPOL_OK);
	ck_assert_str_eq(code, "COW:IGO:OPEC");
	char *m = tu_members(db, code, "1995-06-01", 0, 0);
	ck_assert_str_eq(m, "ARE member definite\nDZA member definite\nGAB member definite\n"
			    "IDN member definite\nIRN member definite\nIRQ member definite\n"
			    "KWT member definite\nLBY member definite\nNGA member definite\n"
			    "QAT member definite\nSAU member definite\nVEN member definite");
	free(m);
	/* Ecuador: suspended 1993-2007 in COW's coding. */
	m = tu_members(db, code, "2000", 0, 0);
	ck_assert_ptr_null(strstr(m, "ECU"));
	free(m);
	m = tu_members(db, code, "2010", 0, 0);
	ck_assert_ptr_nonnull(strstr(m, "ECU member definite"));
	free(m);
	ck_assert_int_eq(tu_count(db, "SELECT count(*) FROM entity_xref WHERE scheme = 'cow-igo' AND value = '3840'"), 1);
	geopol_close(db);
}
END_TEST

/* UZB's rows in CSTO at a date as "coding from" lines, for a query. */
static char *uzb_codings(geopol_db *db, const char *at, const geopol_query *q)
{
	geopol_iter *it;
	ck_assert_msg(geopol_members(&it, db, "CSTO", tu_date(at), q) == GEOPOL_OK, "%s",
		      geopol_errmsg(db));
	static char out[512];
	out[0] = '\0';
	const geopol_item *item;
	int rc;
	while ((rc = geopol_iter_next(it, &item)) == GEOPOL_OK) {
		char from[GEOPOL_DATE_BUFSIZE];
		if (strcmp(item->membership->member, "UZB") != 0)
			continue;
		geopol_date_format(item->membership->from, from, sizeof from);
		snprintf(out + strlen(out), sizeof out - strlen(out), "%s%s %s", *out ? "\n" : "",
			 item->membership->coding, from);
	}
	ck_assert_int_eq(rc, GEOPOL_ITEROVER);
	geopol_iter_free(it);
	return out;
}

START_TEST(test_import_cow__igo_beside_curated)
{
	/* The curated rows (day-exact) and COW's (year rows) are both kept,
	 * whichever comes first, each citing its own source. A question
	 * answers from the best-ranked coding of the pair (curated), unless
	 * asked for one coding or all of them side by side. */
	static const char *const curated =
		"{\"sources\":[{\"code\":\"tass\"}],\"entities\":[{\"code\":\"CSTO\",\"kind\":\"organization\"},"
		"{\"code\":\"UZB\",\"kind\":\"state\",\"ids\":{\"cow\":\"704\"}}],"
		"\"memberships\":[{\"org\":\"CSTO\",\"member\":\"UZB\",\"from\":\"2006-08-16\","
		"\"to\":\"2012-12-19\",\"sources\":[{\"source\":\"tass\"}]}]}";
	for (int order = 0; order < 2; order++) {
		geopol_db *db = tu_open();
		if (order == 0)
			ck_assert_int_eq(tu_import(db, curated), GEOPOL_OK);
		tu_import_ok(db, "cow-igo", FIX "cow-igo.csv", NULL);
		if (order == 1)
			ck_assert_msg(tu_import(db, curated) == GEOPOL_OK, "%s", geopol_errmsg(db));
		char *m = tu_members(db, "CSTO", "2010", 0, 0);
		ck_assert_ptr_nonnull(strstr(m, "UZB member definite"));
		ck_assert_ptr_null(strstr(m, "UZB member definite\nUZB member definite"));
		free(m);
		m = tu_members(db, "CSTO", "2010", GEOPOL_ALL_CODINGS, 0);
		ck_assert_ptr_nonnull(strstr(m, "UZB member definite\nUZB member definite"));
		free(m);
		ck_assert_str_eq(uzb_codings(db, "2010", NULL), "curated 2006-08-16");
		geopol_query q = GEOPOL_QUERY_INIT;
		q.flags = GEOPOL_ALL_CODINGS;
		ck_assert_str_eq(uzb_codings(db, "2010", &q), "cow-igo-3 2002\ncurated 2006-08-16");
		q.flags = 0;
		q.coding = "cow-igo-3";
		ck_assert_str_eq(uzb_codings(db, "2010", &q), "cow-igo-3 2002");
		/* The curated data has the pair: COW's rows do not answer even
		 * where the curated ones say nothing. */
		ck_assert_str_eq(uzb_codings(db, "2004", NULL), "");
		ck_assert_str_eq(uzb_codings(db, "2004", &q), "cow-igo-3 2002");
		/* Ranked above the curated data, COW answers. */
		ck_assert_int_eq(geopol_coding_rank_set(db, "cow-igo-3", -1), GEOPOL_OK);
		ck_assert_str_eq(uzb_codings(db, "2010", NULL), "cow-igo-3 2002");
		int rank = 0;
		ck_assert_int_eq(geopol_coding_rank(db, "cow-igo-3", &rank), GEOPOL_OK);
		ck_assert_int_eq(rank, -1);
		ck_assert_int_eq(geopol_coding_rank(db, "atop-4", &rank), GEOPOL_OK);
		ck_assert_int_eq(rank, 100);
		ck_assert_int_eq(tu_count(db, "SELECT count(*) FROM membership m JOIN citation c ON c.membership_id = m.id "
					   "JOIN source s ON s.id = c.source_id JOIN entity e ON e.id = m.member_id "
					   "WHERE e.code = 'UZB' AND ((m.coding IS NULL AND s.code = 'tass') OR "
					   "(m.coding = 'cow-igo-3' AND s.code = 'cow-igo-3'))"), 2);
		geopol_close(db);
	}
}
END_TEST

START_TEST(test_import_cow__igo_reimport)
{
	geopol_db *db = tu_open();
	geopol_import_stats st;
	tu_import_ok(db, "cow-igo", FIX "cow-igo.csv", &st);
	ck_assert_int_gt(st.added, 0);
	tu_reimport_adds_nothing(db, "cow-igo", FIX "cow-igo.csv");
	geopol_close(db);
}
END_TEST

/* ---- errors */

START_TEST(test_import_cow__igo_bad_cell)
{
	/* Line 3 is CSTO 2003: kazakhstan's cell becomes "x". */
	char *path = tu_doctored(FIX "cow-igo.csv", 3, "\"CSTO\",\"Collective Security Treaty Organization\",2003,",
			      "\"CSTO\",\"Collective Security Treaty Organization\",2003,x");
	geopol_db *db = tu_open();
	tu_import_ok(db, "cow-states", FIX "cow-states.csv", NULL);
	int64_t before = tu_total_rows(db);
	geopol_import_stats st;
	int rc = tu_import_file(db, "cow-igo", path, NULL, &st);
	ck_assert_int_eq(rc, GEOPOL_EINVAL);
	char want[512];
	snprintf(want, sizeof want, "%s:3:afghanistan: 'x0' is not a COW membership status "
		 "(0, 1, 2, 3, -1, -9 or NA)", path);
	ck_assert_str_eq(geopol_errmsg(db), want);
	ck_assert_int_eq(tu_total_rows(db), before);
	unlink(path);
	free(path);
	geopol_close(db);
}
END_TEST

START_TEST(test_import_cow__igo_short_row)
{
	/* A row with 3 of its 235 fields (the reliability audit's D4). */
	const char *path = FIX "cow-igo-shortrow.csv";
	geopol_db *db = tu_open();
	int64_t before = tu_total_rows(db);
	ck_assert_int_eq(tu_import_file(db, "cow-igo", path, NULL, NULL), GEOPOL_EINVAL);
	ck_assert_str_eq(geopol_errmsg(db), FIX "cow-igo-shortrow.csv:4:afghanistan: expected 235 fields, found 3");
	ck_assert_int_eq(tu_total_rows(db), before);
	geopol_import_options o = GEOPOL_IMPORT_OPTIONS_INIT;
	o.skip_bad_rows = 1;
	o.skipped = tu_on_skip;
	geopol_import_stats st;
	tu_n_reported = 0;
	ck_assert_int_eq(tu_import_file(db, "cow-igo", path, &o, &st), GEOPOL_OK);
	ck_assert_int_eq(st.rows, 3);
	ck_assert_int_eq(st.skipped, 1);
	ck_assert_int_eq(tu_n_reported, 1);
	ck_assert_str_eq(tu_last_report, FIX "cow-igo-shortrow.csv:4:afghanistan: expected 235 fields, found 3");
	geopol_close(db);
}
END_TEST

START_TEST(test_import_cow__igo_skip_bad_rows)
{
	char *path = tu_doctored(FIX "cow-igo.csv", 3, "\"CSTO\",\"Collective Security Treaty Organization\",2003,",
			      "\"CSTO\",\"Collective Security Treaty Organization\",2003,x");
	geopol_db *db = tu_open();
	geopol_import_options o = GEOPOL_IMPORT_OPTIONS_INIT;
	o.skip_bad_rows = 1;
	o.skipped = tu_on_skip;
	geopol_import_stats st;
	tu_n_reported = 0;
	ck_assert_int_eq(tu_import_file(db, "cow-igo", path, &o, &st), GEOPOL_OK);
	ck_assert_int_eq(st.skipped, 1);
	ck_assert_int_eq(tu_n_reported, 1);
	ck_assert_ptr_nonnull(strstr(tu_last_report, ":3:afghanistan: 'x0'"));
	/* The skipped year is a gap: CSTO's runs go on across it. */
	char *m = tu_members(db, "CSTO", "2011", GEOPOL_DEFINITE_ONLY, 0);
	ck_assert_ptr_nonnull(strstr(m, "KAZ member definite"));
	free(m);
	unlink(path);
	free(path);
	geopol_close(db);
}
END_TEST

START_TEST(test_import_cow__states_bad_date)
{
	char *path = tu_doctored(FIX "cow-states.csv", 2, ",1816,1,1,", ",1816,2,30,");
	geopol_db *db = tu_open();
	int64_t before = tu_total_rows(db);
	ck_assert_int_eq(tu_import_file(db, "cow-states", path, NULL, NULL), GEOPOL_EINVAL);
	char want[512];
	snprintf(want, sizeof want, "%s:2:stday: no such day 1816-02-30", path);
	ck_assert_str_eq(geopol_errmsg(db), want);
	ck_assert_int_eq(tu_total_rows(db), before);
	unlink(path);
	free(path);
	geopol_close(db);
}
END_TEST

START_TEST(test_import_cow__missing_file_and_column)
{
	geopol_db *db = tu_open();
	ck_assert_int_eq(tu_import_file(db, "cow-igo", "/nonexistent/igo.csv", NULL, NULL), GEOPOL_EIO);
	ck_assert_ptr_nonnull(strstr(geopol_errmsg(db), "/nonexistent/igo.csv: cannot open"));
	/* A states file is not an IGO file. */
	ck_assert_int_eq(tu_import_file(db, "cow-igo", FIX "cow-states.csv", NULL, NULL), GEOPOL_EINVAL);
	ck_assert_ptr_nonnull(strstr(geopol_errmsg(db), "cow-states.csv:1:ioname: missing column"));
	geopol_close(db);
}
END_TEST

/* ---- the whole files */

START_TEST(test_import_cow__real_states)
{
	if (!have_real("states2016.csv"))
		return;
	geopol_db *db = tu_open();
	geopol_import_stats st;
	tu_import_ok(db, "cow-states", REAL "states2016.csv", &st);
	ck_assert_int_eq(st.rows, 243);
	/* 195 states in the system at the end of 2016, per the file. */
	char *m = tu_members(db, "COW:SYSTEM", "2016-12-31", 0, 0);
	int n = 1;
	for (const char *p = m; *p; p++)
		n += *p == '\n';
	ck_assert_int_eq(n, 195);
	free(m);
	geopol_close(db);
}
END_TEST

/* Relations of a type as "A TYPE B: quote" lines, by A. */
static char *relations_of(geopol_db *db, const char *type)
{
	char sql[512];
	snprintf(sql, sizeof sql, "SELECT a.code || ' ' || r.type || ' ' || b.code || ': ' || "
		 "COALESCE(c.quote, '') FROM relation r JOIN entity a ON a.id = r.a_id JOIN entity b ON "
		 "b.id = r.b_id LEFT JOIN citation c ON c.relation_id = r.id WHERE r.type = '%s' "
		 "ORDER BY a.code, r.id, c.id", type);
	return tu_joined(db, sql, "\n");
}

/* The English and other names of an entity, by text, joined by '|'. */
static char *names_of(geopol_db *db, const char *code)
{
	char sql[256];
	snprintf(sql, sizeof sql, "SELECT n.text FROM name n JOIN entity e ON e.id = n.entity_id "
		 "WHERE e.code = '%s' ORDER BY n.text", code);
	return tu_joined(db, sql, "|");
}

START_TEST(test_import_cow__igo_identity)
{
	/* No EU stored: the EU's rows make it (its own name and life), the
	 * EEC's a second organization, and the EU succeeds the EEC. */
	geopol_db *db = tu_open();
	tu_import_ok(db, "cow-igo", FIX "cow-igo-eec-eu.csv", NULL);
	char *names = names_of(db, "EU");
	ck_assert_str_eq(names, "EU|European Union|European Union (EU)");
	free(names);
	ck_assert_int_eq(tu_count(db, "SELECT from_lo FROM entity WHERE code = 'EU'"), tu_date("1993").day);
	ck_assert_int_eq(tu_count(db, "SELECT from_lo FROM entity WHERE code = 'COW:IGO:EEC'"), tu_date("1958").day);
	char *r = relations_of(db, "successor_of");
	ck_assert_str_eq(r, "EU successor_of COW:IGO:EEC: EU begins in 1993 as EEC ends (COW sdate and deaddate)");
	free(r);
	r = relations_of(db, "corresponds_to");
	ck_assert_str_eq(r, "");
	free(r);
	char *m = tu_members(db, "COW:IGO:EEC", "1991", GEOPOL_DEFINITE_ONLY, 0);
	ck_assert_ptr_nonnull(strstr(m, "FRA member definite"));
	free(m);
	tu_reimport_adds_nothing(db, "cow-igo", FIX "cow-igo-eec-eu.csv");
	geopol_close(db);

	/* A stored EU from 1958 (the EEC's name until 1993, as the built-in
	 * dataset has it) is neither COW's EEC (which ends in 1992) nor COW's EU
	 * (which begins in 1993): both are their own, each tied to it. */
	db = tu_open();
	ck_assert_int_eq(tu_import(db, "{\"entities\":[{\"code\":\"EU\",\"kind\":\"organization\","
			 "\"from\":\"1958-01-01\",\"names\":[{\"text\":\"European Union\",\"lang\":\"en\","
			 "\"kind\":\"official\",\"from\":\"1993-11-01\"},{\"text\":\"European Economic Community\","
			 "\"lang\":\"en\",\"kind\":\"historical\",\"to\":\"1993-11-01\"}]}]}"), GEOPOL_OK);
	tu_import_ok(db, "cow-igo", FIX "cow-igo-eec-eu.csv", NULL);
	r = relations_of(db, "corresponds_to");
	ck_assert_str_eq(r, "COW:IGO:EEC corresponds_to EU: COW EEC: deaddate 1992; EU has no end\n"
			 "COW:IGO:EU corresponds_to EU: COW EU: sdate 1993; EU begins in 1958");
	free(r);
	r = relations_of(db, "successor_of");
	ck_assert_str_eq(r, "COW:IGO:EU successor_of COW:IGO:EEC: EU begins in 1993 as EEC ends (COW sdate "
			 "and deaddate)");
	free(r);
	ck_assert_int_eq(tu_count(db, "SELECT count(*) FROM membership m JOIN entity e ON e.id = m.org_id "
				  "WHERE e.code = 'EU'"), 0);
	/* COW's domain and fate of each organization are kept. */
	char *kept = tu_joined(db, "SELECT a.key || '=' || a.value FROM entity_attr a JOIN entity e ON "
			       "e.id = a.entity_id WHERE e.code = 'COW:IGO:EEC' AND a.key IN ('political', "
			       "'social', 'economic', 'dead', 'integrated', 'replaced') ORDER BY a.key, a.id", " ");
	ck_assert_str_eq(kept, "dead=1 economic=1 integrated=0 political=0 replaced=0 social=0");
	free(kept);
	geopol_close(db);
}
END_TEST

/* 1 when the snapshot at `at`, known at k, has the node `code`. */
static int has_node(geopol_db *db, const char *code, const char *at, int64_t k)
{
	geopol_query q = GEOPOL_QUERY_INIT;
	q.known_at = k;
	geopol_iter *it;
	const geopol_item *item;
	int found = 0;
	ck_assert_int_eq(geopol_snapshot(&it, db, tu_date(at), &q), GEOPOL_OK);
	while (geopol_iter_next(it, &item) == GEOPOL_OK)
		if (item->kind == GEOPOL_ITEM_ENTITY && strcmp(item->entity->code, code) == 0)
			found = 1;
	geopol_iter_free(it);
	return found;
}

/* The memberships of `org` in the snapshot at `at`, known at k: their count. */
static int edges_to(geopol_db *db, const char *org, const char *at, int64_t k)
{
	geopol_query q = GEOPOL_QUERY_INIT;
	q.known_at = k;
	geopol_iter *it;
	const geopol_item *item;
	int n = 0;
	ck_assert_int_eq(geopol_snapshot(&it, db, tu_date(at), &q), GEOPOL_OK);
	while (geopol_iter_next(it, &item) == GEOPOL_OK)
		if (item->kind == GEOPOL_ITEM_MEMBERSHIP && strcmp(item->membership->org, org) == 0)
			n++;
	geopol_iter_free(it);
	return n;
}

START_TEST(test_import_cow__release_state_life)
{
	/* A cow-states release that has Kazakhstan enter ten days earlier: its
	 * spell and the life of the state this dataset made are corrected; a
	 * state the dataset did not make keeps its own life. */
	char *release = tu_doctored(FIX "cow-states.csv", 18, "KZK,705,Kazakhstan,1991,12,26,",
				    "KZK,705,Kazakhstan,1991,12,16,");
	geopol_db *db = tu_open();
	ck_assert_int_eq(tu_import(db, "{\"entities\":[{\"code\":\"CUB\",\"kind\":\"state\","
			 "\"from\":\"1900-01-01\"}]}"), GEOPOL_OK);
	geopol_set_clock(db, geopol_recorded_end_of(tu_date("2025-06-01")));
	tu_import_ok(db, "cow-states", FIX "cow-states.csv", NULL);
	char *cub = tu_life(db, "CUB", 0);
	ck_assert_str_eq(cub, "1900-01-01 -");
	geopol_set_clock(db, geopol_recorded_end_of(tu_date("2026-06-01")));
	geopol_import_options o = GEOPOL_IMPORT_OPTIONS_INIT;
	o.release = 1;
	geopol_import_stats st;
	ck_assert_msg(tu_import_file(db, "cow-states", release, &o, &st) == GEOPOL_OK, "%s", geopol_errmsg(db));
	ck_assert_int_eq(st.corrected, 1 + 1); /* the spell, the state's life */
	ck_assert_int_eq(st.added + st.retracted, 0);
	char *known = tu_life(db, "KAZ", geopol_recorded_end_of(tu_date("2026-05-31")));
	char *now = tu_life(db, "KAZ", 0);
	ck_assert_str_eq(known, "1991-12-26 -");
	ck_assert_str_eq(now, "1991-12-16 -");
	free(known);
	free(now);
	free(cub);
	cub = tu_life(db, "CUB", 0);
	ck_assert_str_eq(cub, "1900-01-01 -");
	free(cub);
	geopol_close(db);
	unlink(release);
	free(release);
}
END_TEST

START_TEST(test_import_cow__release_entity_life)
{
	/* A COW IGO release that dates the EEC's death a year later (deaddate
	 * 1993, in each of its rows): the organization's own life is
	 * corrected in recorded time, as its facts are. Known the day before
	 * the release, the EEC lives 1958-1992 and is no node in 1993; now it
	 * lives 1958-1993. */
	char *a = tu_doctored(FIX "cow-igo-eec-eu.csv", 2, ",1958,1992,", ",1958,1993,");
	char *b = tu_doctored(a, 3, ",1958,1992,", ",1958,1993,");
	char *release = tu_doctored(b, 4, ",1958,1992,", ",1958,1993,");
	geopol_db *db = tu_open();
	geopol_set_clock(db, geopol_recorded_end_of(tu_date("2025-06-01")));
	tu_import_ok(db, "cow-igo", FIX "cow-igo-eec-eu.csv", NULL);
	int64_t day_before = geopol_recorded_end_of(tu_date("2026-05-31"));
	char *before = tu_life(db, "COW:IGO:EEC", 0);
	ck_assert_str_eq(before, "1958 1992");
	ck_assert(!has_node(db, "COW:IGO:EEC", "1993-07-01", 0));
	int edges_before = edges_to(db, "COW:IGO:EEC", "1993-07-01", 0);
	geopol_set_clock(db, geopol_recorded_end_of(tu_date("2026-06-01")));
	geopol_import_options o = GEOPOL_IMPORT_OPTIONS_INIT;
	o.release = 1;
	geopol_import_stats st;
	ck_assert_msg(tu_import_file(db, "cow-igo", release, &o, &st) == GEOPOL_OK, "%s", geopol_errmsg(db));
	ck_assert_int_eq(st.corrected, 1); /* the EEC's life */
	ck_assert_int_eq(st.added, 0);
	ck_assert_int_eq(st.retracted, 0);
	char *known = tu_life(db, "COW:IGO:EEC", day_before), *now = tu_life(db, "COW:IGO:EEC", 0);
	ck_assert_str_eq(known, "1958 1992");
	ck_assert_str_eq(now, "1958 1993");
	ck_assert(!has_node(db, "COW:IGO:EEC", "1993-07-01", day_before));
	ck_assert(has_node(db, "COW:IGO:EEC", "1993-07-01", 0));
	/* Edges are clipped to the life known then: the export of the day
	 * before is the earlier one's, and now the EEC's 1993 edges show. */
	ck_assert_int_eq(edges_to(db, "COW:IGO:EEC", "1993-07-01", day_before), edges_before);
	ck_assert_int_eq(edges_before, 0);
	ck_assert_int_gt(edges_to(db, "COW:IGO:EEC", "1993-07-01", 0), 0);
	/* Before the first import the entity was not known at all; the EU,
	 * which the release dates as before, is unchanged. */
	ck_assert(!has_node(db, "COW:IGO:EEC", "1990-07-01", geopol_recorded_end_of(tu_date("2025-05-31"))));
	char *eu = tu_life(db, "EU", day_before);
	ck_assert_str_eq(eu, "1993 -");
	free(eu);
	eu = tu_life(db, "EU", 0);
	ck_assert_str_eq(eu, "1993 -");
	/* The same release again: nothing to do. */
	geopol_set_clock(db, geopol_recorded_end_of(tu_date("2026-07-01")));
	ck_assert_int_eq(tu_import_file(db, "cow-igo", release, &o, &st), GEOPOL_OK);
	ck_assert_int_eq(st.added + st.corrected + st.retracted, 0);
	/* The earlier file again corrects it back, a third version: each
	 * day answers as it knew. */
	geopol_set_clock(db, geopol_recorded_end_of(tu_date("2026-08-01")));
	tu_import_ok(db, "cow-igo", FIX "cow-igo-eec-eu.csv", &st);
	ck_assert_int_eq(st.corrected, 1);
	static const char *const days[] = {"2025-06-01", "2026-06-30", "2026-08-01"};
	static const char *const lives[] = {"1958 1992", "1958 1993", "1958 1992"};
	for (int i = 0; i < 3; i++) {
		char *l = tu_life(db, "COW:IGO:EEC", geopol_recorded_end_of(tu_date(days[i])));
		ck_assert_str_eq(l, lives[i]);
		free(l);
	}
	ck_assert_int_eq(tu_count(db, "SELECT count(*) FROM entity_life"), 2);
	geopol_close(db);

	/* A built-in entity a dataset maps onto keeps the life it was given:
	 * a release dating COW's EU otherwise does not touch the stored EU. */
	db = tu_open();
	ck_assert_int_eq(tu_import(db, "{\"entities\":[{\"code\":\"EU\",\"kind\":\"organization\","
			 "\"from\":\"1993-11-01\",\"names\":[{\"text\":\"European Union\",\"lang\":\"en\","
			 "\"kind\":\"official\"}]}]}"), GEOPOL_OK);
	tu_import_ok(db, "cow-igo", FIX "cow-igo-eec-eu.csv", NULL);
	char *eu2 = tu_doctored(FIX "cow-igo-eec-eu.csv", 5, ",1993,NA,", ",1992,NA,");
	ck_assert_msg(tu_import_file(db, "cow-igo", eu2, &o, &st) == GEOPOL_OK, "%s", geopol_errmsg(db));
	ck_assert_int_eq(st.corrected, 0);
	char *l = tu_life(db, "EU", 0);
	ck_assert_str_eq(l, "1993-11-01 -");
	free(l);
	geopol_close(db);
	unlink(eu2);
	free(eu2);
	free(eu);
	free(before);
	free(known);
	free(now);
	unlink(a);
	unlink(b);
	unlink(release);
	free(a);
	free(b);
	free(release);
}
END_TEST

/* Members of COW:SYSTEM at several dates, as known at k (0: now). */
static char *system_at(geopol_db *db, int64_t k)
{
	static const char *const dates[] = {"1850", "1906-09-26", "1906-09-28", "2000"};
	char *all = strdup("");
	for (size_t i = 0; i < sizeof dates / sizeof dates[0]; i++) {
		char *m = tu_members(db, "COW:SYSTEM", dates[i], 0, k);
		char *next = malloc(strlen(all) + strlen(m) + 32);
		sprintf(next, "%s[%s]\n%s\n", all, dates[i], m);
		free(all);
		free(m);
		all = next;
	}
	return all;
}

START_TEST(test_import_cow__release)
{
	/* A new release: Cuba's first spell ends three days later (corrected),
	 * Bavaria is gone (retracted), Turkmenistan is new (added). */
	char *a = tu_doctored(FIX "cow-states.csv", 3, "1906,9,25", "1906,9,28");
	char *b = tu_doctored(a, 5, "BAV,245,Bavaria,1816,1,1,1871,1,18,2016", "");
	char *release = tu_doctored(b, 18, "KZK,705,Kazakhstan,1991,12,26,2016,12,31,2016",
				    "KZK,705,Kazakhstan,1991,12,26,2016,12,31,2016\n"
				    "TKM,701,Turkmenistan,1991,12,27,2016,12,31,2016");
	geopol_db *db = tu_open();
	geopol_set_clock(db, geopol_recorded_end_of(tu_date("2025-06-01")));
	tu_import_ok(db, "cow-states", FIX "cow-states.csv", NULL);
	char *before = system_at(db, 0);
	ck_assert_ptr_nonnull(strstr(before, "COW:245 member definite"));
	geopol_set_clock(db, geopol_recorded_end_of(tu_date("2026-06-01")));
	geopol_import_options o = GEOPOL_IMPORT_OPTIONS_INIT;
	o.release = 1;
	geopol_import_stats st;
	ck_assert_msg(tu_import_file(db, "cow-states", release, &o, &st) == GEOPOL_OK, "%s", geopol_errmsg(db));
	ck_assert_int_eq(st.rows, 17);
	ck_assert_int_eq(st.added, 2); /* Turkmenistan and its spell */
	ck_assert_int_eq(st.corrected, 1);
	ck_assert_int_eq(st.retracted, 1);
	/* As known the day before, exactly the earlier release's answers. */
	char *known = system_at(db, geopol_recorded_end_of(tu_date("2026-05-31")));
	ck_assert_str_eq(known, before);
	/* Now: the new release's. */
	char *now = system_at(db, 0);
	ck_assert_ptr_null(strstr(now, "COW:245"));
	char *m = tu_members(db, "COW:SYSTEM", "1906-09-27", 0, 0);
	ck_assert_ptr_nonnull(strstr(m, "CUB member definite"));
	free(m);
	m = tu_members(db, "COW:SYSTEM", "2000", 0, 0);
	ck_assert_ptr_nonnull(strstr(m, "TKM member definite"));
	free(m);
	/* The corrected spell is one fact in two versions. */
	ck_assert_int_eq(tu_count(db, "SELECT CAST(count(DISTINCT fact_id) AS TEXT) || CAST(count(*) AS TEXT) FROM membership m JOIN "
				  "entity e ON e.id = m.member_id WHERE e.code = 'CUB' AND m.from_lo = "
				  "(SELECT min(from_lo) FROM membership m2 WHERE m2.member_id = e.id)"), 12);
	/* The same release again: nothing to do. */
	geopol_set_clock(db, geopol_recorded_end_of(tu_date("2026-07-01")));
	ck_assert_int_eq(tu_import_file(db, "cow-states", release, &o, &st), GEOPOL_OK);
	ck_assert_int_eq(st.added + st.corrected + st.retracted, 0);
	ck_assert_int_eq(st.unchanged, 19); /* 17 spells, COW:SYSTEM and its name */
	/* A release of json is refused. */
	ck_assert_int_eq(tu_import_file(db, "json", release, &o, &st), GEOPOL_EINVAL);
	free(before);
	free(known);
	free(now);
	geopol_close(db);
	unlink(a);
	unlink(b);
	unlink(release);
	free(a);
	free(b);
	free(release);
}
END_TEST

/* An entity's English names and attributes as known at k (0: now). */
static char *names_attrs(geopol_db *db, const char *code, int64_t k)
{
	geopol_query q = GEOPOL_QUERY_INIT;
	q.known_at = k;
	geopol_iter *it;
	ck_assert_int_eq(geopol_names(&it, db, code, "en", (geopol_date)GEOPOL_DATE_OPEN_INIT, &q), GEOPOL_OK);
	char *names = tu_lines(it), *attrs = NULL;
	ck_assert_int_eq(geopol_entity_attrs_known(db, code, &q, &attrs), GEOPOL_OK);
	char *out = malloc(strlen(names) + (attrs ? strlen(attrs) : 4) + 2);
	sprintf(out, "%s\n%s", names, attrs ? attrs : "none");
	free(names);
	geopol_free(attrs);
	return out;
}

START_TEST(test_import_cow__igo_release_names_attrs)
{
	/* COW IGO's next release renames OPEC (its long name, from its first
	 * row) and grades its pre-1965 dates differently (an attribute, from
	 * its last row). Both are new versions in recorded time: known the day
	 * before, the earlier release's name and value; now, the new ones. */
	char *a = tu_doctored(FIX "cow-igo.csv", 15, "\"Organization of Petroleum Exporting Countries (OPEC)\"",
			      "\"Organisation of the Petroleum Exporting Countries (OPEC)\"");
	char *release = tu_doctored(a, 69, "\"Completely accurate\"", "\"Mostly accurate\"");
	geopol_db *db = tu_open();
	geopol_set_clock(db, geopol_recorded_end_of(tu_date("2025-06-01")));
	tu_import_ok(db, "cow-igo", FIX "cow-igo.csv", NULL);
	char *before = names_attrs(db, "COW:IGO:OPEC", 0);
	ck_assert_ptr_nonnull(strstr(before, "en Organization of Petroleum Exporting Countries (OPEC)\n"));
	ck_assert_ptr_nonnull(strstr(before, "\"accuracyofpre1965membershipdates\":\"Completely accurate\""));
	int64_t members = tu_count(db, "SELECT count(*) FROM membership WHERE rec_to = 9223372036854775807");
	geopol_set_clock(db, geopol_recorded_end_of(tu_date("2026-06-01")));
	geopol_import_options o = GEOPOL_IMPORT_OPTIONS_INIT;
	o.release = 1;
	geopol_import_stats st;
	ck_assert_msg(tu_import_file(db, "cow-igo", release, &o, &st) == GEOPOL_OK, "%s", geopol_errmsg(db));
	ck_assert_int_eq(st.added, 1);     /* the new name */
	ck_assert_int_eq(st.corrected, 1); /* the attribute */
	ck_assert_int_eq(st.retracted, 1); /* the old name */
	char *known = names_attrs(db, "COW:IGO:OPEC", geopol_recorded_end_of(tu_date("2026-05-31")));
	ck_assert_str_eq(known, before);
	char *now = names_attrs(db, "COW:IGO:OPEC", 0);
	ck_assert_ptr_null(strstr(now, "Organization of Petroleum Exporting Countries (OPEC)"));
	ck_assert_ptr_nonnull(strstr(now, "en Organisation of the Petroleum Exporting Countries (OPEC)\n"));
	ck_assert_ptr_nonnull(strstr(now, "\"accuracyofpre1965membershipdates\":\"Mostly accurate\""));
	/* geopol_entity_attrs answers now, as NULL query options do. */
	char *current = NULL;
	ck_assert_int_eq(geopol_entity_attrs(db, "COW:IGO:OPEC", &current), GEOPOL_OK);
	ck_assert_ptr_nonnull(strstr(now, current));
	geopol_free(current);
	/* The memberships did not change. */
	ck_assert_int_eq(tu_count(db, "SELECT count(*) FROM membership WHERE rec_to = 9223372036854775807"),
			 members);
	/* The same release again: nothing to do. */
	geopol_set_clock(db, geopol_recorded_end_of(tu_date("2026-07-01")));
	ck_assert_int_eq(tu_import_file(db, "cow-igo", release, &o, &st), GEOPOL_OK);
	ck_assert_int_eq(st.added + st.corrected + st.retracted, 0);
	char *again = names_attrs(db, "COW:IGO:OPEC", 0);
	ck_assert_str_eq(again, now);
	/* Outside a release an attribute is never overwritten either: the
	 * earlier file again closes the new value and appends the old. */
	geopol_set_clock(db, geopol_recorded_end_of(tu_date("2026-08-01")));
	tu_import_ok(db, "cow-igo", FIX "cow-igo.csv", &st);
	ck_assert_int_eq(st.corrected, 1);
	ck_assert_int_eq(tu_count(db, "SELECT count(*) FROM entity_attr a JOIN entity e ON e.id = a.entity_id "
				  "WHERE e.code = 'COW:IGO:OPEC' AND a.key = 'accuracyofpre1965membershipdates'"), 3);
	free(before);
	free(known);
	free(now);
	free(again);
	geopol_close(db);
	unlink(a);
	unlink(release);
	free(a);
	free(release);
}
END_TEST

START_TEST(test_import_cow__real_igo)
{
	if (!have_real("igo_year_format3.csv"))
		return;
	geopol_db *db = tu_open();
	geopol_import_stats st;
	tu_import_ok(db, "cow-igo", REAL "igo_year_format3.csv", &st);
	ck_assert_int_eq(st.rows, 19335);
	/* 534 organizations: EEC and EU are two. */
	ck_assert_int_eq(tu_count(db, "SELECT count(*) FROM entity WHERE kind = 2"), 534);
	/* COW's notes are kept whole: 187 organizations have them, each in
	 * one of its rows (mostly the first), the longest 621 bytes (counted
	 * with Python's csv module). */
	/* (Bytes: SQLite's length of a BLOB, PostgreSQL's octet_length.) */
	ck_assert_int_eq(tu_count(db, tu_dialect(db,
				  "SELECT count(*) * 1000 + max(length(CAST(value AS BLOB))) FROM "
				  "entity_attr WHERE key = 'sourcesandnotes' AND rec_to = 9223372036854775807",
				  "SELECT count(*) * 1000 + max(octet_length(value)) FROM "
				  "entity_attr WHERE key = 'sourcesandnotes' AND rec_to = 9223372036854775807")),
			 187 * 1000 + 621);
	/* The file's CSTO rows for 2011 and 2012. */
	char *m = tu_members(db, "CSTO", "2011", GEOPOL_DEFINITE_ONLY, 0);
	ck_assert_str_eq(m, "ARM member definite\nBLR member definite\nKAZ member definite\n"
			    "KGZ member definite\nRUS member definite\nTJK member definite\n"
			    "UZB member definite");
	free(m);
	m = tu_members(db, "CSTO", "2012", GEOPOL_DEFINITE_ONLY, 0);
	ck_assert_str_eq(m, "ARM member definite\nBLR member definite\nKAZ member definite\n"
			    "KGZ member definite\nRUS member definite\nTJK member definite");
	free(m);
	m = tu_members(db, "COW:IGO:OPEC", "1995-06-01", 0, 0);
	ck_assert_str_eq(m, "ARE member definite\nDZA member definite\nGAB member definite\n"
			    "IDN member definite\nIRN member definite\nIRQ member definite\n"
			    "KWT member definite\nLBY member definite\nNGA member definite\n"
			    "QAT member definite\nSAU member definite\nVEN member definite");
	free(m);
	/* EEC and EU are two organizations, the EU the EEC's successor: the EU
	 * (made here, no built-in one) has the EU's name and life, not the
	 * EEC's. */
	m = tu_members(db, "COW:IGO:EEC", "1980", GEOPOL_DEFINITE_ONLY, 0);
	ck_assert_ptr_nonnull(strstr(m, "FRA member definite"));
	free(m);
	m = tu_members(db, "EU", "1980", 0, 0);
	ck_assert_str_eq(m, "");
	free(m);
	m = tu_members(db, "EU", "2000", GEOPOL_DEFINITE_ONLY, 0);
	ck_assert_ptr_nonnull(strstr(m, "FRA member definite"));
	free(m);
	char *names = names_of(db, "EU");
	ck_assert_str_eq(names, "EU|European Union|European Union (EU)");
	free(names);
	ck_assert_int_eq(tu_count(db, "SELECT from_lo FROM entity WHERE code = 'EU' AND from_prec = 1 "
				  "AND to_prec = 0"), tu_date("1993").day);
	ck_assert_int_eq(tu_count(db, "SELECT count(*) FROM relation r JOIN entity a ON a.id = r.a_id "
				  "JOIN entity b ON b.id = r.b_id WHERE a.code = 'EU' AND b.code = 'COW:IGO:EEC' "
				  "AND r.type = 'successor_of'"), 1);
	tu_reimport_adds_nothing(db, "cow-igo", REAL "igo_year_format3.csv");
	/* The same file as a release: nothing corrected, nothing retracted. */
	geopol_import_options o = GEOPOL_IMPORT_OPTIONS_INIT;
	o.release = 1;
	int64_t before = tu_total_rows(db);
	ck_assert_int_eq(tu_import_file(db, "cow-igo", REAL "igo_year_format3.csv", &o, &st), GEOPOL_OK);
	ck_assert_int_eq(st.added + st.corrected + st.retracted, 0);
	ck_assert_int_eq(tu_total_rows(db), before);
	geopol_close(db);
}
END_TEST

static Suite *suite(void)
{
	Suite *s = suite_create("import_cow");
	TCase *core = tcase_create("core");
	tcase_add_test(core, test_import_cow__states_spells);
	tcase_add_test(core, test_import_cow__states_reimport);
	tcase_add_test(core, test_import_cow__states_on_builtin_codes);
	tcase_add_test(core, test_import_cow__igo_csto);
	tcase_add_test(core, test_import_cow__igo_opec_alone);
	tcase_add_test(core, test_import_cow__igo_beside_curated);
	tcase_add_test(core, test_import_cow__igo_reimport);
	suite_add_tcase(s, core);
	TCase *errors = tcase_create("errors");
	tcase_add_test(errors, test_import_cow__igo_bad_cell);
	tcase_add_test(errors, test_import_cow__igo_skip_bad_rows);
	tcase_add_test(errors, test_import_cow__igo_short_row);
	tcase_add_test(errors, test_import_cow__igo_identity);
	tcase_add_test(errors, test_import_cow__release);
	tcase_add_test(errors, test_import_cow__igo_release_names_attrs);
	tcase_add_test(errors, test_import_cow__release_entity_life);
	tcase_add_test(errors, test_import_cow__release_state_life);
	tcase_add_test(errors, test_import_cow__states_bad_date);
	tcase_add_test(errors, test_import_cow__missing_file_and_column);
	suite_add_tcase(s, errors);
	TCase *limits = tcase_create("limits");
	tcase_set_timeout(limits, 120);
	tcase_add_test(limits, test_import_cow__real_states);
	tcase_add_test(limits, test_import_cow__real_igo);
	suite_add_tcase(s, limits);
	return s;
}

int main(void)
{
	return tu_run(suite());
}
