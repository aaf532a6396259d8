/*
 * check_normalize.c - the search key (lib/core/normalize.c, DESIGN.md section 4).
 */
#include "core/geopol_internal.h"

#include <check.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "test_util.h"

typedef struct key_case {
	const char *text;
	const char *key;
} key_case;

/* What a user types, and the key it must fold to. */
static const key_case core_cases[] = {
	/* case folding, Latin */
	{"Kazakhstan", "kazakhstan"},
	{"KAZAKHSTAN", "kazakhstan"},
	{"kAzAkHsTaN", "kazakhstan"},
	{"Straße", "strasse"},
	/* diacritics stripped */
	{"Türkiye", "turkiye"},
	{"İstanbul", "istanbul"},
	{"República Islámica de Afganistán", "republica islamica de afganistan"},
	{"Qazaqstan Respublıkasy", "qazaqstan respublıkasy"}, /* ı is a base letter */
	/* Cyrillic: ё → е, Kazakh letters kept distinct */
	{"Ёлка", "елка"},
	{"Казахстан", "казахстан"},
	{"Қазақстан", "қазақстан"},
	{"ҚАЗАҚСТАН", "қазақстан"},
	{"ОДКБ", "одкб"},
	/* NFKC */
	{"ＫＡＺ", "kaz"},
	{"ﬁnland", "finland"},
	{"\xEF\xBB\x9B\xEF\xBA\x8E\xEF\xBA\xAF\xEF\xBA\x8D\xEF\xBA\xA7\xEF\xBA\xB4"
	 "\xEF\xBA\x98\xEF\xBA\x8E\xEF\xBB\xA5", "كازاخستان"}, /* presentation forms */
	/* Arabic folds */
	{"كازاخستان", "كازاخستان"},
	{"أفغانستان", "افغانستان"},
	{"إيران", "ايران"},
	{"آسيا", "اسيا"},
	{"ٱلقاهرة", "القاهره"},
	{"موسى", "موسي"},
	{"مؤتمر", "موتمر"},
	{"رئيس", "رييس"},
	{"جمهوريّة النّمسا", "جمهوريه النمسا"},
	{"مُنَظَّمَةُ", "منظمه"},
	{"كازاخـــستان", "كازاخستان"},
	{"ایران", "ايران"},           /* Persian yeh */
	{"کشور", "كشور"},             /* Persian keheh */
	{"٢٠٢٢", "2022"},
	{"۱۹۹۱", "1991"},
	{"منظمة معاهدة الأمن الجماعي", "منظمه معاهده الامن الجماعي"},
	{"نور سلطان", "نور سلطان"},
	/* punctuation and white space */
	{"Nur-Sultan", "nur sultan"},
	{"  Nur \t  Sultan \n", "nur sultan"},
	{"Нур-Султан", "нур султан"},
	{"Korea, Republic of", "korea republic of"},
	{"Guinea–Bissau", "guinea bissau"},
	{"C5+1", "c5 1"},
	{"Bosnia & Herzegovina", "bosnia herzegovina"},
	{"(Kazakhstan)", "kazakhstan"},
	{"Kazak\xC2\xADhstan", "kazakhstan"}, /* soft hyphen: default ignorable */
	{"Kazakh\xE2\x80\x8Bstan", "kazakhstan"}, /* zero-width space */
	/* apostrophes join, dotted single letters join */
	{"Côte d'Ivoire", "cote divoire"},
	{"Côte d’Ivoire", "cote divoire"},
	{"Oʻzbekiston", "ozbekiston"},
	{"Democratic People's Republic of Korea", "democratic peoples republic of korea"},
	{"U.S.A.", "usa"},
	{"U.S.A", "usa"},
	{"U. S. A.", "usa"},
	{"Washington, D.C.", "washington dc"},
	{"St. Petersburg", "st petersburg"},
	{"1.5", "1 5"},
	{"A-B", "a b"},
	/* Chinese */
	{"哈萨克斯坦", "哈萨克斯坦"},
	{"集体安全条约组织", "集体安全条约组织"},
};

START_TEST(test_normalize_core__cases)
{
	const key_case *c = &core_cases[_i];
	char *key = NULL;
	int rc = gp_normalize(c->text, strlen(c->text), &key);
	ck_assert_msg(rc == GEOPOL_OK, "'%s': status %d", c->text, rc);
	ck_assert_str_eq(key, c->key);
	free(key);
}
END_TEST

/* The key of a key is itself: stored keys and typed queries agree. */
START_TEST(test_normalize_core__idempotent)
{
	const key_case *c = &core_cases[_i];
	char *k1 = NULL, *k2 = NULL;
	ck_assert_int_eq(gp_normalize(c->text, strlen(c->text), &k1), GEOPOL_OK);
	ck_assert_int_eq(gp_normalize(k1, strlen(k1), &k2), GEOPOL_OK);
	ck_assert_str_eq(k1, k2);
	free(k1);
	free(k2);
}
END_TEST

/* Spellings that must share one key. */
START_TEST(test_normalize_core__same_key)
{
	static const char *const groups[][4] = {
		{"Nur-Sultan", "nur sultan", "NUR SULTAN", "Nur–Sultan"},
		{"كازاخستان", "كَازَاخِسْتَان", "كازاخـستان", "ﻛﺎﺯﺍﺧﺴﺘﺎﻥ"},
		{"أستانا", "استانا", "إستانا", "آستانا"},
		{"جمهورية", "جمهوريّة", "جمهوريه", "جمهوريۀ"},
	};
	for (size_t g = 0; g < sizeof groups / sizeof groups[0]; g++) {
		char *first = NULL;
		ck_assert_int_eq(gp_normalize(groups[g][0], strlen(groups[g][0]), &first), GEOPOL_OK);
		for (size_t i = 1; i < 4; i++) {
			char *k = NULL;
			if (g == 3 && i == 3)
				continue; /* ۀ (heh with yeh) is a letter of its own */
			ck_assert_int_eq(gp_normalize(groups[g][i], strlen(groups[g][i]), &k), GEOPOL_OK);
			ck_assert_msg(strcmp(first, k) == 0, "'%s' → '%s', '%s' → '%s'",
				      groups[g][0], first, groups[g][i], k);
			free(k);
		}
		free(first);
	}
}
END_TEST

/* Kazakh letters are not Russian letters with marks. */
START_TEST(test_normalize_core__kazakh_distinct)
{
	char *a = NULL, *b = NULL;
	ck_assert_int_eq(gp_normalize("Қазақстан", strlen("Қазақстан"), &a), GEOPOL_OK);
	ck_assert_int_eq(gp_normalize("Казахстан", strlen("Казахстан"), &b), GEOPOL_OK);
	ck_assert_str_ne(a, b);
	free(a);
	free(b);
}
END_TEST

/* The public pair: the key is owned by the caller, freed by geopol_free. */
START_TEST(test_normalize_core__public)
{
	char *key = NULL;
	ck_assert_int_eq(geopol_normalize("Nur-Sultan", 10, &key), GEOPOL_OK);
	ck_assert_str_eq(key, "nur sultan");
	geopol_free(key);
	geopol_free(NULL);
	/* len counts bytes; the text need not be NUL-terminated */
	ck_assert_int_eq(geopol_normalize("Astana, Kazakhstan", 6, &key), GEOPOL_OK);
	ck_assert_str_eq(key, "astana");
	geopol_free(key);
}
END_TEST

/* ---- errors */

typedef struct bad_case {
	const char *what;
	const char *bytes;
	size_t len;
} bad_case;

static const bad_case bad_cases[] = {
	{"lone continuation byte", "\x80", 1},
	{"0xFF byte", "Kaz\xFFkhstan", 10},
	{"truncated sequence", "Kaz\xC3", 4},
	{"truncated 3-byte sequence", "\xE2\x82", 2},
	{"overlong slash", "\xC0\xAF", 2},
	{"overlong 3-byte", "\xE0\x80\xAF", 3},
	{"UTF-16 surrogate", "\xED\xA0\x80", 3},
	{"beyond U+10FFFF", "\xF4\x90\x80\x80", 4},
	{"5-byte form", "\xF8\x88\x80\x80\x80", 5},
	{"Latin-1 text", "C\xF4te", 4},
	{"embedded NUL", "Kaz\0akhstan", 11},
	{"empty", "", 0},
	{"only spaces", "   \t\n ", 6},
	{"only punctuation", "-.,;!?()", 8},
	{"only Arabic punctuation", "؟،؛", 6},
	{"only tatweel", "ـــ", 6},
	{"only marks", "\xCC\x81\xCC\x88", 4},
	{"only a zero-width space", "\xE2\x80\x8B", 3},
};

START_TEST(test_normalize_errors__refused)
{
	const bad_case *c = &bad_cases[_i];
	char *key = (char *)"untouched";
	int rc = gp_normalize(c->bytes, c->len, &key);
	ck_assert_msg(rc == GEOPOL_EINVAL, "%s: status %d", c->what, rc);
	ck_assert_msg(key == NULL, "%s: *out not cleared", c->what);
}
END_TEST

START_TEST(test_normalize_errors__null)
{
	char *key = NULL;
	ck_assert_int_eq(gp_normalize(NULL, 3, &key), GEOPOL_EINVAL);
	ck_assert_ptr_null(key);
	ck_assert_int_eq(gp_normalize("abc", 3, NULL), GEOPOL_EINVAL);
	ck_assert_int_eq(geopol_normalize(NULL, 0, &key), GEOPOL_EINVAL);
	ck_assert_int_eq(geopol_normalize("\xFF", 1, &key), GEOPOL_EINVAL);
}
END_TEST

/* ---- limits */

START_TEST(test_normalize_limits__longest_accepted)
{
	char buf[4097];
	char *key = NULL;
	memset(buf, 'a', 4096);
	buf[4096] = '\0';
	for (size_t i = 100; i < 4096; i += 101)
		buf[i] = ' ';
	ck_assert_int_eq(gp_normalize(buf, 4096, &key), GEOPOL_OK);
	ck_assert_uint_gt(strlen(key), 3900);
	ck_assert(key[0] == 'a' && key[strlen(key) - 1] != ' ');
	free(key);

	/* 2048 two-byte letters: 4096 bytes */
	for (size_t i = 0; i < 4096; i += 2)
		memcpy(buf + i, "ق", 2);
	ck_assert_int_eq(gp_normalize(buf, 4096, &key), GEOPOL_OK);
	ck_assert_uint_eq(strlen(key), 4096);
	free(key);
}
END_TEST

START_TEST(test_normalize_limits__too_long)
{
	char buf[4098];
	char *key = NULL;
	memset(buf, 'a', sizeof buf);
	ck_assert_int_eq(gp_normalize(buf, 4097, &key), GEOPOL_EINVAL);
	ck_assert_ptr_null(key);
}
END_TEST

/* A megabyte is refused at once, without being read. */
START_TEST(test_normalize_limits__megabyte)
{
	size_t n = 1u << 20;
	char *big = malloc(n + 1);
	char *key = NULL;
	clock_t t0;
	ck_assert_ptr_nonnull(big);
	for (size_t i = 0; i < n; i++)
		big[i] = (char)('a' + i % 26);
	big[n] = '\0';
	t0 = clock();
	for (int i = 0; i < 1000; i++)
		ck_assert_int_eq(geopol_normalize(big, n, &key), GEOPOL_EINVAL);
	ck_assert_ptr_null(key);
	/* 1000 refusals cost nothing like 1000 megabyte scans */
	ck_assert_double_lt((double)(clock() - t0) / CLOCKS_PER_SEC, 0.5);
	free(big);
}
END_TEST

/* Compatibility forms that expand (ﷺ is 3 bytes, its key 30) fit. */
START_TEST(test_normalize_limits__expanding)
{
	static const char *const texts[] = {"ﬃ", "ß", "İ", "ﷺ", "㍿", "ǅ"};
	for (size_t i = 0; i < sizeof texts / sizeof texts[0]; i++) {
		char *key = NULL;
		int rc = gp_normalize(texts[i], strlen(texts[i]), &key);
		ck_assert_int_eq(rc, GEOPOL_OK);
		ck_assert_uint_gt(strlen(key), 0);
		free(key);
	}
}
END_TEST

static Suite *normalize_suite(void)
{
	Suite *s = suite_create("normalize");
	TCase *core = tcase_create("core");
	TCase *errors = tcase_create("errors");
	TCase *limits = tcase_create("limits");
	int ncore = (int)(sizeof core_cases / sizeof core_cases[0]);
	int nbad = (int)(sizeof bad_cases / sizeof bad_cases[0]);

	tcase_add_loop_test(core, test_normalize_core__cases, 0, ncore);
	tcase_add_loop_test(core, test_normalize_core__idempotent, 0, ncore);
	tcase_add_test(core, test_normalize_core__same_key);
	tcase_add_test(core, test_normalize_core__kazakh_distinct);
	tcase_add_test(core, test_normalize_core__public);
	tcase_add_loop_test(errors, test_normalize_errors__refused, 0, nbad);
	tcase_add_test(errors, test_normalize_errors__null);
	tcase_add_test(limits, test_normalize_limits__longest_accepted);
	tcase_add_test(limits, test_normalize_limits__too_long);
	tcase_add_test(limits, test_normalize_limits__megabyte);
	tcase_add_test(limits, test_normalize_limits__expanding);
	suite_add_tcase(s, core);
	suite_add_tcase(s, errors);
	suite_add_tcase(s, limits);
	return s;
}

int main(void)
{
	return tu_run(normalize_suite());
}
