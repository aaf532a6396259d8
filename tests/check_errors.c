/*
 * check_errors.c - every kind of bad input of DESIGN.md section 7 is
 * refused with a message naming what and where, and leaves the database
 * exactly as it was.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "test_util.h"
#include "core/geopol_internal.h"

static const char *const BASE =
	"{\"sources\":[{\"code\":\"s1\",\"title\":\"Source one\"}],"
	"\"entities\":[{\"code\":\"ORG\",\"kind\":\"organization\"},{\"code\":\"AAA\",\"kind\":\"state\"},"
	"{\"code\":\"BBB\",\"kind\":\"state\"}],"
	"\"memberships\":[{\"org\":\"ORG\",\"member\":\"AAA\",\"from\":\"2000-01-01\",\"to\":\"2010-01-01\"}],"
	"\"event_types\":[{\"code\":\"042\",\"name\":\"Make a visit\"}]}";

static geopol_db *base(void)
{
	geopol_db *db = tu_open();
	ck_assert_msg(tu_import(db, BASE) == GEOPOL_OK, "%s", geopol_errmsg(db));
	return db;
}

/* Import `json`, expect `status` and a message containing `want`, and the
 * database byte for byte as it was. */
static void refused(const char *json, int status, const char *want)
{
	geopol_db *db = base();
	char *before = tu_dump(db);
	int rc = tu_import(db, json);
	ck_assert_msg(rc == status, "status %d (want %d) for %s: %s", rc, status, json, geopol_errmsg(db));
	ck_assert_msg(strstr(geopol_errmsg(db), want) != NULL, "message '%s' lacks '%s'",
		      geopol_errmsg(db), want);
	char *after = tu_dump(db);
	ck_assert_str_eq(before, after);
	free(before);
	free(after);
	geopol_close(db);
}

START_TEST(test_errors_import__malformed_json)
{
	refused("{\"entities\": [\n  {\"code\": \"X\",\n   \"kind\": }\n]}", GEOPOL_EINVAL,
		"test.json:3:");
	refused("{\"entities\": [", GEOPOL_EINVAL, "malformed JSON");
	refused("[1,2]", GEOPOL_EINVAL, "expected a JSON object");
	refused("{\"entitys\": []}", GEOPOL_EINVAL, "unknown field 'entitys'");
	refused("{\"format\": \"other\"}", GEOPOL_EINVAL, "field 'format'");
	refused("{\"version\": 2}", GEOPOL_EINVAL, "field 'version'");
}
END_TEST

START_TEST(test_errors_import__unknown_entity)
{
	/* The second record fails: the first must not stay either. */
	refused("{\"entities\":[{\"code\":\"CCC\",\"kind\":\"state\"}],"
		"\"memberships\":[{\"org\":\"ORG\",\"member\":\"BBB\"},{\"org\":\"ORG\",\"member\":\"ZZZ\"}]}",
		GEOPOL_ENOTFOUND, "test.json: memberships[1]: field 'member': unknown entity 'ZZZ'");
	refused("{\"relations\":[{\"a\":\"AAA\",\"b\":\"NOPE\",\"type\":\"alliance\"}]}",
		GEOPOL_ENOTFOUND, "relations[0]: field 'b': unknown entity 'NOPE'");
	refused("{\"memberships\":[{\"org\":\"ORG\",\"member\":\"BBB\",\"sources\":[{\"source\":\"nope\"}]}]}",
		GEOPOL_ENOTFOUND, "memberships[0]: field 'source': unknown source 'nope'");
}
END_TEST

START_TEST(test_errors_import__impossible_dates)
{
	refused("{\"memberships\":[{\"org\":\"ORG\",\"member\":\"BBB\",\"from\":\"2022-02-30\"}]}",
		GEOPOL_EINVAL, "memberships[0]: field 'from': '2022-02-30' is not a date");
	refused("{\"memberships\":[{\"org\":\"ORG\",\"member\":\"BBB\",\"from\":\"2022-13\"}]}",
		GEOPOL_EINVAL, "'2022-13' is not a date");
	refused("{\"memberships\":[{\"org\":\"ORG\",\"member\":\"BBB\",\"from\":20220101}]}",
		GEOPOL_EINVAL, "field 'from': expected a string");
	refused("{\"events\":[{\"type\":\"042\",\"actors\":[{\"code\":\"AAA\"}]}]}",
		GEOPOL_EINVAL, "events[0]: field 'date' is required");
}
END_TEST

START_TEST(test_errors_import__interval_backwards)
{
	refused("{\"memberships\":[{\"org\":\"ORG\",\"member\":\"BBB\",\"from\":\"2010-05-01\",\"to\":\"2009\"}]}",
		GEOPOL_EINVAL, "memberships[0]: membership: the interval ends (2009) before it starts (2010-05-01)");
	refused("{\"relations\":[{\"a\":\"AAA\",\"b\":\"BBB\",\"type\":\"alliance\",\"from\":\"2010\",\"to\":\"2010-01-01\"}]}",
		GEOPOL_EINVAL, "ends (2010-01-01) before it starts (2010)");
	refused("{\"events\":[{\"type\":\"042\",\"date\":\"2020-01-05\",\"end\":\"2020-01-05\","
		"\"actors\":[{\"code\":\"AAA\"}]}]}", GEOPOL_EINVAL, "events[0]: event: the interval ends");
}
END_TEST

START_TEST(test_errors_import__invalid_utf8)
{
	refused("{\"entities\":[{\"code\":\"CCC\",\"kind\":\"state\",\"names\":[{\"text\":\"\xC3\x28\",\"lang\":\"en\"}]}]}",
		GEOPOL_EINVAL, "not valid UTF-8");
	geopol_db *db = base();
	int64_t before = tu_total_rows(db);
	geopol_name_spec n = GEOPOL_NAME_SPEC_INIT;
	n.entity = "AAA";
	n.lang = "ar";
	n.text = "\xD9\x83\xD8";  /* truncated Arabic */
	ck_assert_int_eq(geopol_name_add(db, &n, NULL), GEOPOL_EINVAL);
	ck_assert_ptr_nonnull(strstr(geopol_errmsg(db), "field 'text': invalid UTF-8"));
	n.text = "\xED\xA0\x80";  /* a surrogate */
	ck_assert_int_eq(geopol_name_add(db, &n, NULL), GEOPOL_EINVAL);
	n.text = "\xC0\xAF";      /* overlong '/' */
	ck_assert_int_eq(geopol_name_add(db, &n, NULL), GEOPOL_EINVAL);
	ck_assert(tu_total_rows(db) == before);
	geopol_close(db);
}
END_TEST

START_TEST(test_errors_import__unknown_role_and_type)
{
	refused("{\"memberships\":[{\"org\":\"ORG\",\"member\":\"BBB\",\"role\":\"overlord\"}]}",
		GEOPOL_EINVAL, "memberships[0]: field 'role': unknown value 'overlord'");
	refused("{\"relations\":[{\"a\":\"AAA\",\"b\":\"BBB\",\"type\":\"frenemies\"}]}",
		GEOPOL_EINVAL, "relations[0]: field 'type': unknown relation type 'frenemies'");
	refused("{\"events\":[{\"type\":\"999\",\"date\":\"2020\",\"actors\":[{\"code\":\"AAA\"}]}]}",
		GEOPOL_EINVAL, "events[0]: field 'type': unknown event type '999'");
	refused("{\"events\":[{\"type\":\"042\",\"date\":\"2020\",\"actors\":[{\"code\":\"AAA\",\"role\":\"villain\"}]}]}",
		GEOPOL_EINVAL, "field 'role': unknown value 'villain'");
	refused("{\"entities\":[{\"code\":\"X\",\"kind\":\"planet\"}]}", GEOPOL_EINVAL,
		"entities[0]: field 'kind': unknown value 'planet'");
	refused("{\"entities\":[{\"code\":\"X\",\"kind\":\"state\",\"names\":[{\"text\":\"X\",\"lang\":\"en\",\"kind\":\"nickname\"}]}]}",
		GEOPOL_EINVAL, "entities[0].names[0]: field 'kind': unknown value 'nickname'");
	refused("{\"memberships\":[{\"org\":\"AAA\",\"member\":\"BBB\"}]}", GEOPOL_EINVAL,
		"field 'org': 'AAA' is a state, not an organization");
}
END_TEST

START_TEST(test_errors_import__conflicts)
{
	refused("{\"memberships\":[{\"org\":\"ORG\",\"member\":\"AAA\",\"from\":\"2005\",\"to\":\"2012\"}]}",
		GEOPOL_ECONFLICT, "membership of 'AAA' in 'ORG' as member overlaps a stored one");
	refused("{\"entities\":[{\"code\":\"AAA\",\"kind\":\"person\"}]}", GEOPOL_ECONFLICT,
		"entity 'AAA' exists already as a state, not a person");
	refused("{\"sources\":[{\"code\":\"s1\",\"title\":\"Another\"}]}", GEOPOL_ECONFLICT,
		"source 's1' exists already with other details");
}
END_TEST

START_TEST(test_errors_api__nothing_written)
{
	geopol_db *db = base();
	char *before = tu_dump(db);
	geopol_membership_spec m = GEOPOL_MEMBERSHIP_SPEC_INIT;
	m.org = "ORG";
	m.member = "BBB";
	m.role = 99;
	ck_assert_int_eq(geopol_membership_add(db, &m, NULL), GEOPOL_EINVAL);
	ck_assert_str_eq(geopol_errmsg(db), "field 'role': unknown membership role 99");
	m.role = GEOPOL_ROLE_MEMBER;
	m.member = "BBB";
	m.org = "BBB";
	ck_assert_int_eq(geopol_membership_add(db, &m, NULL), GEOPOL_EINVAL);
	geopol_relation_spec r = GEOPOL_RELATION_SPEC_INIT;
	r.a = "AAA";
	r.b = "BBB";
	r.type = "trade";
	r.attrs = "[1,2]";
	ck_assert_int_eq(geopol_relation_add(db, &r, NULL), GEOPOL_EINVAL);
	ck_assert_str_eq(geopol_errmsg(db), "field 'attrs': not a JSON object");
	r.attrs = NULL;
	r.b = "AAA";
	ck_assert_int_eq(geopol_relation_add(db, &r, NULL), GEOPOL_EINVAL);
	geopol_event_spec e = GEOPOL_EVENT_SPEC_INIT;
	e.type = "042";
	e.date = tu_date("2020-01-01");
	ck_assert_int_eq(geopol_event_add(db, &e, NULL), GEOPOL_EINVAL);
	ck_assert_str_eq(geopol_errmsg(db), "field 'actors': an event needs at least one actor");
	/* An event whose second actor is unknown leaves no half-written event. */
	geopol_actor_spec actors[] = {{"AAA", GEOPOL_ACTOR_SOURCE}, {"ZZZ", GEOPOL_ACTOR_TARGET}};
	e.actors = actors;
	e.n_actors = 2;
	ck_assert_int_eq(geopol_event_add(db, &e, NULL), GEOPOL_ENOTFOUND);
	ck_assert_int_eq(geopol_cite(db, GEOPOL_FACT_MEMBERSHIP, 12345, "s1", NULL), GEOPOL_ENOTFOUND);
	ck_assert_int_eq(geopol_cite(db, 77, 1, "s1", NULL), GEOPOL_EINVAL);
	ck_assert_int_eq(geopol_membership_correct(db, 999, &m), GEOPOL_ENOTFOUND);
	geopol_name_spec n = GEOPOL_NAME_SPEC_INIT;
	n.entity = "AAA";
	n.text = "Aland";
	n.lang = "english language";
	ck_assert_int_eq(geopol_name_add(db, &n, NULL), GEOPOL_EINVAL);
	n.lang = "en";
	n.text = "";
	ck_assert_int_eq(geopol_name_add(db, &n, NULL), GEOPOL_EINVAL);
	char *after = tu_dump(db);
	ck_assert_str_eq(before, after);
	free(before);
	free(after);
	geopol_close(db);
}
END_TEST

START_TEST(test_errors_open__not_sqlite_and_newer)
{
	char path[] = "/tmp/geopol-err-XXXXXX";
	int fd = mkstemp(path);
	ck_assert_int_ge(fd, 0);
	const char junk[] = "this is not a database, just some text that is long enough........"
			    "................................................................";
	ck_assert_int_eq(write(fd, junk, sizeof junk), (int)sizeof junk);
	close(fd);
	geopol_db *db;
	ck_assert_int_eq(geopol_open(&db, path, NULL), GEOPOL_EDB);
	ck_assert_ptr_nonnull(strstr(geopol_errmsg(db), "not a geopol database"));
	geopol_close(db);
	remove(path);

	/* A file from a newer geopol: user_version past ours. */
	ck_assert_int_eq(geopol_open(&db, path, NULL), GEOPOL_OK);
	int mine = geopol_schema_version(db);
	geopol_close(db);
	sqlite3 *raw;
	ck_assert_int_eq(sqlite3_open(path, &raw), SQLITE_OK);
	char sql[64];
	snprintf(sql, sizeof sql, "PRAGMA user_version = %d", mine + 1);
	ck_assert_int_eq(sqlite3_exec(raw, sql, NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(raw);
	ck_assert_int_eq(geopol_open(&db, path, NULL), GEOPOL_EVERSION);
	ck_assert_ptr_nonnull(strstr(geopol_errmsg(db), "newer than this geopol"));
	geopol_close(db);
	remove(path);
	ck_assert_int_eq(geopol_open(&db, "/nonexistent-dir/x.db", NULL), GEOPOL_EDB);
	ck_assert_ptr_nonnull(strstr(geopol_errmsg(db), "/nonexistent-dir/x.db"));
	geopol_close(db);
	geopol_close(NULL);
}
END_TEST

START_TEST(test_errors_import__missing_file_and_format)
{
	geopol_db *db = base();
	const char *paths[] = {"/nonexistent/data.json"};
	ck_assert_int_eq(geopol_import(db, "json", paths, 1, NULL, NULL), GEOPOL_EIO);
	ck_assert_ptr_nonnull(strstr(geopol_errmsg(db), "/nonexistent/data.json: cannot open"));
	ck_assert_int_eq(geopol_import(db, "shapefile", paths, 1, NULL, NULL), GEOPOL_EINVAL);
	ck_assert_str_eq(geopol_errmsg(db), "unknown import format 'shapefile'");
	geopol_close(db);
}
END_TEST

START_TEST(test_errors_limits__misuse)
{
	geopol_db *db = base();
	ck_assert_int_eq(geopol_commit(db), GEOPOL_EMISUSE);
	ck_assert_int_eq(geopol_begin(db), GEOPOL_OK);
	ck_assert_int_eq(geopol_begin(db), GEOPOL_EMISUSE);
	ck_assert_int_eq(geopol_rollback(db), GEOPOL_OK);
	geopol_query q = GEOPOL_QUERY_INIT;
	q.version = 99;
	geopol_iter *it;
	ck_assert_int_eq(geopol_members(&it, db, "ORG", tu_date("2020"), &q), GEOPOL_EMISUSE);
	ck_assert_int_eq(geopol_neighbors(&it, db, "AAA", tu_date("2020"), 0, NULL), GEOPOL_EINVAL);
	ck_assert_int_eq(geopol_diff(&it, db, tu_date("2020"), tu_date("2019"), NULL, NULL), GEOPOL_EINVAL);
	geopol_iter_free(NULL);
	ck_assert_str_eq(geopol_strerror(GEOPOL_ENOTFOUND), "not found");
	ck_assert_int_eq(geopol_version_number(), GEOPOL_VERSION_NUMBER);
	/* A 100 KB name is stored and found again. */
	char *big = malloc(100001);
	memset(big, 'a', 100000);
	big[100000] = '\0';
	geopol_name_spec n = GEOPOL_NAME_SPEC_INIT;
	n.entity = "AAA";
	n.lang = "en";
	n.text = big;
	int rc = geopol_name_add(db, &n, NULL);
	/* Either stored or refused cleanly by the search-key limit. */
	ck_assert(rc == GEOPOL_OK || rc == GEOPOL_EINVAL);
	free(big);
	geopol_close(db);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("errors");
	TCase *errors = tcase_create("errors"), *limits = tcase_create("limits");
	tcase_add_test(errors, test_errors_import__malformed_json);
	tcase_add_test(errors, test_errors_import__unknown_entity);
	tcase_add_test(errors, test_errors_import__impossible_dates);
	tcase_add_test(errors, test_errors_import__interval_backwards);
	tcase_add_test(errors, test_errors_import__invalid_utf8);
	tcase_add_test(errors, test_errors_import__unknown_role_and_type);
	tcase_add_test(errors, test_errors_import__conflicts);
	tcase_add_test(errors, test_errors_api__nothing_written);
	tcase_add_test(errors, test_errors_open__not_sqlite_and_newer);
	tcase_add_test(errors, test_errors_import__missing_file_and_format);
	tcase_add_test(limits, test_errors_limits__misuse);
	suite_add_tcase(s, errors);
	suite_add_tcase(s, limits);
	return tu_run(s);
}
