/*
 * check_import_json.c - the JSON dataset importer (lib/io/import_json.c):
 * each error names the file, the record and the field, or the line and
 * column of malformed JSON, and leaves the database as it was.
 */
#include <check.h>
#include <stdio.h>
#include <string.h>

#include "test_util.h"

/* Import text named `name`; expect `status` and the message, and no row
 * written. */
static void refused(geopol_db *db, const char *text, const char *name, int status,
		    const char *message)
{
	int64_t rows = tu_total_rows(db);
	geopol_import_stats st;
	memset(&st, 0xff, sizeof st);
	ck_assert_int_eq(geopol_import_json_text(db, text, strlen(text), name, &st), status);
	ck_assert_str_eq(geopol_errmsg(db), message);
	ck_assert_uint_eq(st.added, 0);
	ck_assert_int_eq(tu_total_rows(db), rows);
}

START_TEST(test_import_json__errors_name_where)
{
	geopol_db *db = tu_open();
	refused(db, "{\"format\":\"geopol-dataset\",\"version\":1,"
		    "\"entities\":[{\"code\":\"ORG\",\"kind\":\"organization\"},{\"code\":\"AAA\",\"kind\":\"state\"}],"
		    "\"memberships\":[{\"org\":\"ORG\",\"member\":\"AAA\",\"from\":\"2022-02-30\"}]}",
		"x.json", GEOPOL_EINVAL,
		"x.json: memberships[0]: field 'from': '2022-02-30' is not a date (YYYY, YYYY-MM or "
		"YYYY-MM-DD, a real day of years 1-9999)");
	refused(db, "{\"format\":\"geopol-dataset\",\"version\":1,\n \"entities\": [ {\"code\": \"A\", }]}",
		NULL, GEOPOL_EINVAL, "<text>:2:31: malformed JSON");
	refused(db, "{\"format\":\"geopol-dataset\",\"version\":1,\"entitys\":[]}", "y.json",
		GEOPOL_EINVAL, "y.json: document: unknown field 'entitys'");
	refused(db, "{\"format\":\"other\",\"version\":1}", "z.json", GEOPOL_EINVAL,
		"z.json: document: field 'format': expected \"geopol-dataset\"");
	geopol_close(db);
}
END_TEST

/* The whole text or nothing: a bad record after good ones keeps none. */
START_TEST(test_import_json__all_or_nothing)
{
	geopol_db *db = tu_open();
	refused(db, "{\"format\":\"geopol-dataset\",\"version\":1,"
		    "\"entities\":[{\"code\":\"AAA\",\"kind\":\"state\"},{\"code\":\"BBB\",\"kind\":\"nation\"}]}",
		"w.json", GEOPOL_EINVAL, "w.json: entities[1]: field 'kind': unknown value 'nation'");
	geopol_iter *it = NULL;
	ck_assert_int_eq(geopol_entity_get(&it, db, "AAA", NULL), GEOPOL_ENOTFOUND);
	/* The same text without the bad record imports, and again adds nothing. */
	const char *good = "{\"format\":\"geopol-dataset\",\"version\":1,"
			   "\"entities\":[{\"code\":\"AAA\",\"kind\":\"state\"}]}";
	geopol_import_stats st;
	ck_assert_int_eq(geopol_import_json_text(db, good, strlen(good), NULL, &st), GEOPOL_OK);
	ck_assert_uint_eq(st.added, 1);
	ck_assert_int_eq(geopol_import_json_text(db, good, strlen(good), NULL, &st), GEOPOL_OK);
	ck_assert_uint_eq(st.added, 0);
	ck_assert_uint_eq(st.unchanged, 1);
	/* Exactly len bytes are read: what follows them is not looked at. */
	char buf[256];
	snprintf(buf, sizeof buf, "%s garbage", good);
	ck_assert_int_eq(geopol_import_json_text(db, buf, strlen(good), NULL, &st), GEOPOL_OK);
	ck_assert_int_eq(geopol_import_json_text(db, NULL, 0, NULL, &st), GEOPOL_EMISUSE);
	geopol_close(db);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("import_json");
	TCase *core = tcase_create("core");
	tcase_add_test(core, test_import_json__all_or_nothing);
	suite_add_tcase(s, core);
	TCase *errors = tcase_create("errors");
	tcase_add_test(errors, test_import_json__errors_name_where);
	suite_add_tcase(s, errors);
	return tu_run(s);
}
