/*
 * check_utf8.c - the strict UTF-8 of lib/core/utf8.c: every code point
 * encoded in its shortest form is one sequence of its length, and nothing
 * else is: surrogates, overlong forms, code points past U+10FFFF, stray
 * or missing continuation bytes, sequences cut by the end of the text.
 * gp_utf8_valid_len gives the longest valid prefix.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "test_util.h"
#include "core/geopol_internal.h"

/* Encode c in n bytes (n may be longer than needed: an overlong form). */
static size_t encode(unsigned c, size_t n, unsigned char *out)
{
	static const unsigned char lead[5] = {0, 0x00, 0xC0, 0xE0, 0xF0};
	for (size_t i = n - 1; i > 0; i--) {
		out[i] = (unsigned char)(0x80 | (c & 0x3F));
		c >>= 6;
	}
	out[0] = (unsigned char)(lead[n] | c);
	return n;
}

static size_t shortest(unsigned c)
{
	return c < 0x80 ? 1 : c < 0x800 ? 2 : c < 0x10000 ? 3 : 4;
}

/* Check's assertions each report to the runner: over a million cases,
 * count the wrong answers and assert once, naming the first. */
static unsigned n_wrong, first_wrong;

static void wrong(unsigned c)
{
	if (!n_wrong++)
		first_wrong = c;
}

START_TEST(test_utf8_seq__every_code_point)
{
	unsigned char b[8];
	size_t accepted = 0;
	n_wrong = 0;
	for (unsigned c = 1; c <= 0x10FFFF; c++) {
		size_t n = encode(c, shortest(c), b);
		b[n] = 'x';
		size_t got = gp_utf8_seq((const char *)b, n + 1);
		if (c >= 0xD800 && c <= 0xDFFF) {
			if (got != 0) /* a surrogate */
				wrong(c);
			continue;
		}
		if (got != n)
			wrong(c);
		accepted += got == n;
		/* Cut by the end of the text: refused. */
		if (n > 1 && gp_utf8_seq((const char *)b, n - 1) != 0)
			wrong(c);
	}
	ck_assert_msg(n_wrong == 0, "%u wrong answers, the first for U+%04X", n_wrong, first_wrong);
	ck_assert_uint_eq(accepted, 0x10FFFF - 2048);
}
END_TEST

START_TEST(test_utf8_seq__overlong_forms_refused)
{
	unsigned char b[8];
	n_wrong = 0;
	/* Every code point that fits a shorter form, in each longer form. */
	for (unsigned c = 0; c < 0x10000; c++)
		for (size_t n = shortest(c) + 1; n <= 4; n++) {
			encode(c, n, b);
			if (gp_utf8_seq((const char *)b, n) != 0)
				wrong(c);
		}
	ck_assert_msg(n_wrong == 0, "%u overlong forms accepted, the first of U+%04X", n_wrong, first_wrong);
}
END_TEST

START_TEST(test_utf8_seq__bad_bytes)
{
	/* Past U+10FFFF, leads that start nothing, stray continuations. */
	ck_assert_uint_eq(gp_utf8_seq("\xF4\x90\x80\x80", 4), 0);
	ck_assert_uint_eq(gp_utf8_seq("\xF4\x8F\xBF\xBF", 4), 4);
	ck_assert_uint_eq(gp_utf8_seq("\xF5\x80\x80\x80", 4), 0);
	ck_assert_uint_eq(gp_utf8_seq("\xF8\x88\x80\x80\x80", 5), 0);
	ck_assert_uint_eq(gp_utf8_seq("\xFF", 1), 0);
	ck_assert_uint_eq(gp_utf8_seq("\x80", 1), 0);
	ck_assert_uint_eq(gp_utf8_seq("\xBF", 1), 0);
	/* A lead followed by something that is not a continuation. */
	ck_assert_uint_eq(gp_utf8_seq("\xC3" "A", 2), 0);
	ck_assert_uint_eq(gp_utf8_seq("\xE2\x82" "A", 3), 0);
	ck_assert_uint_eq(gp_utf8_seq("\xE2\x82\xAC", 3), 3); /* the euro sign */
	ck_assert_uint_eq(gp_utf8_seq("\xF0\x9F\x98\x80", 4), 4);
	ck_assert_uint_eq(gp_utf8_seq("\xF0\x9F\x98", 3), 0);
	/* NUL is a character like any other here (the callers refuse it). */
	ck_assert_uint_eq(gp_utf8_seq("", 1), 1);
}
END_TEST

START_TEST(test_utf8_valid_len__prefix)
{
	const char *s = "Kaz" "\xD0\x9A" "\xE2\x82\xAC" "\xF0\x9F\x98\x80" "!";
	size_t len = strlen(s);
	ck_assert_uint_eq(gp_utf8_valid_len(s, len), len);
	/* Cut inside the 4-byte sequence: the prefix ends before it. */
	ck_assert_uint_eq(gp_utf8_valid_len(s, 3 + 2 + 3 + 2), 3 + 2 + 3);
	ck_assert_uint_eq(gp_utf8_valid_len(s, 4), 3);
	ck_assert_uint_eq(gp_utf8_valid_len(s, 0), 0);
	/* A bad byte in the middle: the valid part before it. */
	ck_assert_uint_eq(gp_utf8_valid_len("ab\xC0\xAF" "cd", 6), 2);
	ck_assert_uint_eq(gp_utf8_valid_len("ab\xED\xA0\x80" "cd", 7), 2);
	ck_assert_uint_eq(gp_utf8_valid_len("\x80" "abc", 4), 0);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("utf8");
	TCase *core = tcase_create("core");
	tcase_add_test(core, test_utf8_seq__every_code_point);
	tcase_add_test(core, test_utf8_seq__overlong_forms_refused);
	tcase_add_test(core, test_utf8_seq__bad_bytes);
	tcase_add_test(core, test_utf8_valid_len__prefix);
	suite_add_tcase(s, core);
	return tu_run(s);
}
