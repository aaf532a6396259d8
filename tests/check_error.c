/*
 * check_error.c - the handle's error message and status (lib/core/error.c):
 * every message one printable line (control bytes and bad UTF-8 as \xHH,
 * cut on a character boundary), long values shortened with their length,
 * SQLite's errors mapped to a status with SQLite's words (on PostgreSQL,
 * the server's words through the store's gp_pg_error), the version
 * checks of versioned structs (1 to current; a NULL options struct is the
 * defaults, a NULL spec is an error), and a text for every status.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "test_util.h"
#include "core/geopol_internal.h"
#ifdef GEOPOL_HAVE_LIBPQ
#include "store/pg_internal.h"
#endif

START_TEST(test_error__message_and_status)
{
	geopol_db *db = tu_open();
	ck_assert_str_eq(geopol_errmsg(db), "no error");
	ck_assert_int_eq(gp_error(db, GEOPOL_EINVAL, "field '%s': %d", "from", 7), GEOPOL_EINVAL);
	ck_assert_str_eq(geopol_errmsg(db), "field 'from': 7");
	ck_assert_int_eq(gp_oom(db), GEOPOL_ENOMEM);
	ck_assert_str_eq(geopol_errmsg(db), "out of memory");
	gp_clear_error(db);
	ck_assert_str_eq(geopol_errmsg(db), "no error");
	/* No handle: the status all the same, and a message that says so. */
	ck_assert_int_eq(gp_error(NULL, GEOPOL_EIO, "x"), GEOPOL_EIO);
	ck_assert_str_eq(geopol_errmsg(NULL), "no database handle (out of memory?)");
	geopol_close(db);
}
END_TEST

START_TEST(test_error__one_printable_line)
{
	geopol_db *db = tu_open();
	gp_error(db, GEOPOL_EINVAL, "bad '%s'", "a\nb\tc\x7f" "d\xC3" "\xA9" "e\xFF" "f");
	ck_assert_str_eq(geopol_errmsg(db), "bad 'a\\x0Ab\\x09c\\x7Fd\xC3\xA9" "e\\xFFf'");
	/* A message longer than the buffer is cut whole characters first. */
	char big[3000];
	for (size_t i = 0; i + 2 < sizeof big; i += 2)
		memcpy(big + i, "\xD0\x96", 2); /* Ж */
	big[sizeof big - 2] = '\0';
	gp_error(db, GEOPOL_EINVAL, "%s", big);
	size_t n = strlen(geopol_errmsg(db));
	ck_assert_uint_lt(n, GP_ERRMSG_SIZE);
	ck_assert_uint_eq(n % 2, 0);
	ck_assert_uint_eq(gp_utf8_valid_len(geopol_errmsg(db), n), n);
	geopol_close(db);
}
END_TEST

START_TEST(test_error__printable_bounds)
{
	char out[8];
	/* "\x01" takes 4 bytes; "\x02" would end past the NUL's byte. */
	ck_assert_uint_eq(gp_printable(out, sizeof out, "ab\x01\x02", 4), 6);
	ck_assert_str_eq(out, "ab\\x01");
	ck_assert_uint_eq(gp_printable(out, sizeof out, "\xE2\x82\xAC\xE2\x82\xAC\xE2\x82\xAC", 9), 6);
	ck_assert_str_eq(out, "\xE2\x82\xAC\xE2\x82\xAC");
	ck_assert_uint_eq(gp_printable(out, 1, "abc", 3), 0);
	ck_assert_str_eq(out, "");
}
END_TEST

START_TEST(test_error__short_values)
{
	ck_assert_str_eq(gp_short("KAZ"), "KAZ");
	ck_assert_str_eq(gp_short(NULL), "");
	char s[200];
	memset(s, 'x', 150);
	s[150] = '\0';
	char want[200];
	snprintf(want, sizeof want, "%.60s\xE2\x80\xA6 (150 bytes)", s);
	ck_assert_str_eq(gp_short(s), want);
	/* Cut after a whole character: 59 'y' then a 2-byte character. */
	memset(s, 'y', 59);
	memcpy(s + 59, "\xC3\xA9zzzz", 7);
	const char *got = gp_short(s);
	ck_assert_int_eq(strncmp(got, s, 61), 0);
	ck_assert_str_eq(got + 61, "\xE2\x80\xA6 (65 bytes)");
	/* Four results can be used in one message. */
	const char *a = gp_short("a"), *b = gp_short("b"), *c = gp_short("c"), *d = gp_short("d");
	ck_assert_str_eq(a, "a");
	ck_assert_str_eq(b, "b");
	ck_assert_str_eq(c, "c");
	ck_assert_str_eq(d, "d");
}
END_TEST

START_TEST(test_error__sql_error)
{
	geopol_db *db = tu_open();
#ifdef GEOPOL_HAVE_LIBPQ
	if (tu_on_pg(db)) {
		/* The PostgreSQL store's statements fail through gp_pg_error,
		 * which names what was done and gives the server's message;
		 * gp_sql_error then keeps it. */
		int rc = GEOPOL_OK;
		ck_assert_ptr_null(gp_pg_run(db, "SELECT FROM WHERE", NULL, "reading", &rc));
		ck_assert_int_eq(rc, GEOPOL_EDB);
		ck_assert_str_eq(geopol_errmsg(db), "reading: syntax error at or near \"WHERE\"");
		ck_assert_int_eq(gp_sql_error(db, "reading"), GEOPOL_EDB);
		ck_assert_str_eq(geopol_errmsg(db), "reading: syntax error at or near \"WHERE\"");
		geopol_close(db);
		return;
	}
#endif
	ck_assert_int_eq(sqlite3_exec(db->sql, "SELECT FROM", NULL, NULL, NULL), SQLITE_ERROR);
	ck_assert_int_eq(gp_sql_error(db, "reading"), GEOPOL_EDB);
	ck_assert_str_eq(geopol_errmsg(db), "reading: near \"FROM\": syntax error");
	geopol_close(db);
}
END_TEST

typedef struct versioned {
	unsigned version;
	int field;
} versioned;

START_TEST(test_error__versions)
{
	geopol_db *db = tu_open();
	versioned v = {1, 0};
	ck_assert_int_eq(gp_check_version(db, "geopol_thing", &v, 3), GEOPOL_OK);
	v.version = 3;
	ck_assert_int_eq(gp_check_version(db, "geopol_thing", &v, 3), GEOPOL_OK);
	ck_assert_int_eq(gp_check_version(db, "geopol_thing", NULL, 3), GEOPOL_OK); /* the defaults */
	v.version = 4;
	ck_assert_int_eq(gp_check_version(db, "geopol_thing", &v, 3), GEOPOL_EMISUSE);
	ck_assert_str_eq(geopol_errmsg(db), "geopol_thing: unknown version 4 (this geopol reads 1 to 3)");
	v.version = 0;
	ck_assert_int_eq(gp_check_version(db, "geopol_thing", &v, 3), GEOPOL_EMISUSE);
	ck_assert_str_eq(geopol_errmsg(db), "geopol_thing: unknown version 0 (this geopol reads 1 to 3)");
	/* A spec is required. */
	ck_assert_int_eq(gp_check_spec(db, "geopol_thing_spec", NULL, 1), GEOPOL_EMISUSE);
	ck_assert_str_eq(geopol_errmsg(db), "no geopol_thing_spec given (NULL)");
	v.version = 1;
	ck_assert_int_eq(gp_check_spec(db, "geopol_thing_spec", &v, 1), GEOPOL_OK);
	v.version = 2;
	ck_assert_int_eq(gp_check_spec(db, "geopol_thing_spec", &v, 1), GEOPOL_EMISUSE);
	geopol_close(db);
}
END_TEST

START_TEST(test_error__strerror)
{
	static const int codes[] = {GEOPOL_OK, GEOPOL_ENOMEM, GEOPOL_EINVAL, GEOPOL_ENOTFOUND,
				    GEOPOL_ECONFLICT, GEOPOL_EIO, GEOPOL_EDB, GEOPOL_EVERSION,
				    GEOPOL_EAMBIGUOUS, GEOPOL_EMISUSE, GEOPOL_EBUSY, GEOPOL_EINTERNAL,
				    GEOPOL_ITEROVER};
	size_t n = sizeof codes / sizeof *codes;
	for (size_t i = 0; i < n; i++) {
		const char *s = geopol_strerror(codes[i]);
		ck_assert_str_ne(s, "unknown status");
		for (size_t j = 0; j < i; j++)
			ck_assert_str_ne(s, geopol_strerror(codes[j]));
	}
	ck_assert_str_eq(geopol_strerror(GEOPOL_OK), "ok");
	ck_assert_str_eq(geopol_strerror(GEOPOL_EBUSY), "database busy (locked by another connection)");
	ck_assert_str_eq(geopol_strerror(-99), "unknown status");
	ck_assert_str_eq(geopol_strerror(1), "unknown status");
}
END_TEST

int main(void)
{
	Suite *s = suite_create("error");
	TCase *core = tcase_create("core");
	tcase_add_test(core, test_error__message_and_status);
	tcase_add_test(core, test_error__one_printable_line);
	tcase_add_test(core, test_error__printable_bounds);
	tcase_add_test(core, test_error__short_values);
	tcase_add_test(core, test_error__sql_error);
	tcase_add_test(core, test_error__versions);
	tcase_add_test(core, test_error__strerror);
	suite_add_tcase(s, core);
	return tu_run(s);
}
