/*
 * check_entity.c - entities and the input checks every write shares
 * (lib/store/entity.c): the strict UTF-8 check, the rules of an entity's
 * code and kind, and an entity's attributes when it has none.
 */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "test_util.h"
#include "core/geopol_internal.h"

/* Valid UTF-8 is read whole; overlongs, surrogates, code points past
 * U+10FFFF and cut sequences stop the count where they begin. */
START_TEST(test_entity_utf8__strict)
{
	ck_assert_uint_eq(gp_utf8_valid_len("abc", 3), 3);
	ck_assert_uint_eq(gp_utf8_valid_len("\xD0\x9A\xD0\x97", 4), 4);          /* КЗ */
	ck_assert_uint_eq(gp_utf8_valid_len("a\xF0\x9F\x98\x80", 5), 5);          /* U+1F600 */
	ck_assert_uint_eq(gp_utf8_valid_len("a\xC0\xAF", 3), 1);                  /* overlong '/' */
	ck_assert_uint_eq(gp_utf8_valid_len("ab\xED\xA0\x80", 5), 2);             /* surrogate */
	ck_assert_uint_eq(gp_utf8_valid_len("\xF4\x90\x80\x80", 4), 0);           /* past U+10FFFF */
	ck_assert_uint_eq(gp_utf8_valid_len("x\xE2\x82", 3), 1);                  /* cut */
	ck_assert_uint_eq(gp_utf8_valid_len("\x80", 1), 0);                       /* lone continuation */
}
END_TEST

static int add(geopol_db *db, const char *code, int kind, const char *subkind)
{
	geopol_entity_spec e = GEOPOL_ENTITY_SPEC_INIT;
	e.code = code;
	e.kind = kind;
	e.subkind = subkind;
	return geopol_entity_add(db, &e);
}

START_TEST(test_entity_add__code_and_kind_rules)
{
	geopol_db *db = tu_open();
	int64_t rows = tu_total_rows(db);
	ck_assert_int_eq(add(db, "A B", GEOPOL_KIND_STATE, NULL), GEOPOL_EINVAL);
	ck_assert_str_eq(geopol_errmsg(db), "field 'code': 'A B' contains white space");
	ck_assert_int_eq(add(db, "", GEOPOL_KIND_STATE, NULL), GEOPOL_EINVAL);
	ck_assert_str_eq(geopol_errmsg(db), "field 'code' is missing or empty");
	ck_assert_int_eq(add(db, "KAZ", 0, NULL), GEOPOL_EINVAL);
	ck_assert_str_eq(geopol_errmsg(db), "field 'kind': unknown entity kind 0");
	ck_assert_int_eq(add(db, "KAZ", GEOPOL_KIND_STATE, "bad\xC0\xAF"), GEOPOL_EINVAL);
	ck_assert_str_eq(geopol_errmsg(db), "field 'subkind': invalid UTF-8");
	char code[GP_CODE_MAX + 2];
	memset(code, 'X', sizeof code - 1);
	code[sizeof code - 1] = '\0';
	ck_assert_int_eq(add(db, code, GEOPOL_KIND_STATE, NULL), GEOPOL_EINVAL);
	ck_assert_ptr_nonnull(strstr(geopol_errmsg(db), "is longer than 64 bytes"));
	ck_assert_int_eq(tu_total_rows(db), rows);
	/* 64 bytes is a code. */
	code[GP_CODE_MAX] = '\0';
	ck_assert_int_eq(add(db, code, GEOPOL_KIND_STATE, NULL), GEOPOL_OK);
	geopol_close(db);
}
END_TEST

START_TEST(test_entity_attrs__none_and_unknown)
{
	geopol_db *db = tu_open();
	ck_assert_int_eq(add(db, "KAZ", GEOPOL_KIND_STATE, NULL), GEOPOL_OK);
	char *json = (char *)"not touched";
	ck_assert_int_eq(geopol_entity_attrs(db, "KAZ", &json), GEOPOL_OK);
	ck_assert_ptr_null(json);
	ck_assert_int_eq(geopol_entity_attrs(db, "ZZZ", &json), GEOPOL_ENOTFOUND);
	ck_assert_str_eq(geopol_errmsg(db), "field 'entity': unknown entity 'ZZZ'");
	ck_assert_int_eq(geopol_entity_attrs(db, NULL, &json), GEOPOL_EMISUSE);
	ck_assert_int_eq(geopol_entity_attrs(db, "KAZ", NULL), GEOPOL_EMISUSE);
	geopol_close(db);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("entity");
	TCase *core = tcase_create("core");
	tcase_add_test(core, test_entity_attrs__none_and_unknown);
	suite_add_tcase(s, core);
	TCase *errors = tcase_create("errors");
	tcase_add_test(errors, test_entity_add__code_and_kind_rules);
	suite_add_tcase(s, errors);
	TCase *limits = tcase_create("limits");
	tcase_add_test(limits, test_entity_utf8__strict);
	suite_add_tcase(s, limits);
	return tu_run(s);
}
