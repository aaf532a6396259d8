/*
 * check_resolve.c - names typed as the sources spell them (lib/search/resolve.c,
 * schema/002_search.sql, data/25-names.json; issue 3).
 *
 * The world is the built-in dataset: the states of Debian iso-codes, the
 * organizations, and the variant spellings and cities of 25-names.json,
 * imported once before the tests fork (an unchecked fixture): on SQLite
 * into a :memory: database the forked tests inherit; with GEOPOL_TEST_PG=1
 * into a database of the cluster, closed again, that each test connects
 * to by a handle of its own (a checked fixture), since forked tests must
 * not share one libpq connection. The tests only read it.
 */
#include "core/geopol_internal.h"

#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "test_pg.h"
#include "test_util.h"

#ifndef GEOPOL_SOURCE_DIR
#define GEOPOL_SOURCE_DIR "."
#endif

/* The handle the tests ask; on SQLite the world itself. */
static geopol_db *db;
/* On PostgreSQL, the path of the world's database (empty on SQLite). */
static char world_path[1500];

static void world_setup(void)
{
	static const char *const paths[] = {
		GEOPOL_SOURCE_DIR "/data/10-states.json",
		GEOPOL_SOURCE_DIR "/data/20-organizations.json",
		GEOPOL_SOURCE_DIR "/data/25-names.json",
	};
	if (world_path[0])
		return; /* on PostgreSQL, imported for an earlier TCase */
	const char *path = ":memory:";
#ifdef GEOPOL_HAVE_LIBPQ
	if (tu_pg_suites())
		path = tu_pg_open_path();
#endif
	ck_assert_int_eq(geopol_open(&db, path, NULL), GEOPOL_OK);
	int rc = geopol_import(db, "json", paths, sizeof paths / sizeof paths[0], NULL, NULL);
	ck_assert_msg(rc == GEOPOL_OK, "import: %s", geopol_errmsg(db));
	if (tu_on_pg(db)) {
		snprintf(world_path, sizeof world_path, "%s", path);
		geopol_close(db);
		db = NULL;
	}
}

static void world_teardown(void)
{
	geopol_close(db);
	db = NULL;
}

/* On PostgreSQL, each test's own connection to the world. */
static void test_open(void)
{
	if (world_path[0])
		ck_assert_int_eq(geopol_open(&db, world_path, NULL), GEOPOL_OK);
}

static void test_close(void)
{
	if (world_path[0])
		world_teardown();
}

/* The code geopol_resolve_one() gives, or the status as text. */
static const char *one(const char *text)
{
	static char buf[64];
	int rc = geopol_resolve_one(db, text, buf, sizeof buf);
	if (rc != GEOPOL_OK)
		snprintf(buf, sizeof buf, "status %d (%s)", rc, geopol_errmsg(db));
	return buf;
}

typedef struct spelling {
	const char *text;
	const char *code;
} spelling;

/* Real spellings, as typed: Arabic, Cyrillic (Russian, Kazakh), Latin
 * (English, Kazakh Latin, Turkish), Chinese; with harakat, proclitics,
 * typos, capitals and dots. */
static const spelling spellings[] = {
	/* Kazakhstan: the spellings of issue 3 first */
	{"كازاخستان", "KAZ"},
	{"كازخستان", "KAZ"},             /* a variant used in print */
	{"قازاقستان", "KAZ"},            /* Kazakh in Arabic script */
	{"لكازاخستان", "KAZ"},           /* with the proclitic ل */
	{"Казахстан", "KAZ"},
	{"Қазақстан", "KAZ"},
	{"Qazaqstan", "KAZ"},
	{"Kazakstan", "KAZ"},
	{"KAZAKHSTAN", "KAZ"},
	{"وكازاخستان", "KAZ"},
	{"كَازَاخِسْتَان", "KAZ"},       /* with harakat */
	{"جمهورية كازاخستان", "KAZ"},    /* without the shadda of the stored name */
	{"Republic of Kazakhstan", "KAZ"},
	{"Республика Казахстан", "KAZ"},
	{"Қазақстан Республикасы", "KAZ"},
	{"Qazaqstan Respublikasy", "KAZ"},
	{"Kazakistan", "KAZ"},
	{"Kazakistan Cumhuriyeti", "KAZ"},
	{"哈萨克斯坦", "KAZ"},
	{"Kazahstan", "KAZ"},            /* typo */
	{"Kazakhtsan", "KAZ"},           /* swapped letters */
	/* typos in the first letters, which the deletion index of a key's
	 * first 8 letters (schema/002_search.sql) must cover as well as the
	 * ones further on, and typos in other scripts */
	{"zbekistan", "UZB"},            /* first letter left out */
	{"aKzakhstan", "KAZ"},           /* first two letters swapped */
	{"Xazakhstan", "KAZ"},           /* first letter wrong */
	{"Казахтан", "KAZ"},             /* Cyrillic, a letter left out */
	{"Кзахстан", "KAZ"},             /* Cyrillic, the second letter left out */
	{"كازاخستن", "KAZ"},             /* Arabic, a letter left out */
	{"ازاخستان", "KAZ"},             /* Arabic, the first letter left out */
	{"زاخستان", "KAZ"},              /* Arabic, the first two left out */
	{"kaz", "KAZ"},                  /* the code */
	/* the CSTO */
	{"منظمة معاهدة الأمن الجماعي", "CSTO"},
	{"منظمة معاهدة الامن الجماعي", "CSTO"},
	{"ОДКБ", "CSTO"},
	{"CSTO", "CSTO"},
	{"Collective Security Treaty Organization", "CSTO"},
	{"Collective Security Treaty Organisation", "CSTO"},
	{"Организация Договора о коллективной безопасности", "CSTO"},
	{"ҰҚШҰ", "CSTO"},
	{"لمنظمة معاهدة الأمن الجماعي", "CSTO"},
	/* one city under its names at different dates */
	{"نور سلطان", "astana"},
	{"Nur-Sultan", "astana"},
	{"Nur Sultan", "astana"},
	{"NUR-SULTAN", "astana"},
	{"Нур-Султан", "astana"},
	{"Нұр-Сұлтан", "astana"},
	{"努尔苏丹", "astana"},
	{"Astana", "astana"},
	{"Астана", "astana"},
	{"أستانا", "astana"},
	{"استانا", "astana"},
	{"阿斯塔纳", "astana"},
	{"Akmola", "astana"},
	{"Ақмола", "astana"},
	{"Tselinograd", "astana"},
	{"Целиноград", "astana"},
	{"Akmolinsk", "astana"},
	{"Alma-Ata", "almaty"},
	{"Алма-Ата", "almaty"},
	{"Almaty", "almaty"},
	{"Алматы", "almaty"},
	{"ألماتي", "almaty"},
	/* Russia */
	{"Russia", "RUS"},
	{"Russian Federation", "RUS"},
	{"Россия", "RUS"},
	{"Российская Федерация", "RUS"},
	{"Ресей", "RUS"},
	{"روسيا", "RUS"},
	{"الاتحاد الروسي", "RUS"},
	{"Rusya", "RUS"},
	{"Rusya Federasyonu", "RUS"},
	{"俄罗斯", "RUS"},
	/* China */
	{"China", "CHN"},
	{"الصين", "CHN"},
	{"بالصين", "CHN"},
	{"Китай", "CHN"},
	{"Қытай", "CHN"},
	{"Çin", "CHN"},
	{"中国", "CHN"},
	{"中华人民共和国", "CHN"},
	/* Central Asia */
	{"Uzbekistan", "UZB"},
	{"أوزبكستان", "UZB"},
	{"اوزبكستان", "UZB"},
	{"Узбекистан", "UZB"},
	{"Өзбекстан", "UZB"},
	{"Özbekistan", "UZB"},
	{"Uzbekstan", "UZB"},            /* typo */
	{"乌兹别克斯坦", "UZB"},
	{"Kyrgyzstan", "KGZ"},
	{"Kyrgyz Republic", "KGZ"},
	{"Киргизия", "KGZ"},
	{"Кыргызстан", "KGZ"},
	{"Қырғызстан", "KGZ"},
	{"Kırgızistan", "KGZ"},
	{"قيرغزستان", "KGZ"},
	{"Tajikistan", "TJK"},
	{"Таджикистан", "TJK"},
	{"Тәжікстан", "TJK"},
	{"طاجيكستان", "TJK"},
	{"Tacikistan", "TJK"},
	{"Turkmenistan", "TKM"},
	{"Туркменистан", "TKM"},
	{"Түрікменстан", "TKM"},
	{"Türkmenistan", "TKM"},
	{"تركمانستان", "TKM"},
	/* Türkiye, Iran, the United States */
	{"Turkey", "TUR"},
	{"Türkiye", "TUR"},
	{"Turkiye", "TUR"},
	{"تركيا", "TUR"},
	{"Турция", "TUR"},
	{"土耳其", "TUR"},
	{"Iran", "IRN"},
	{"İran", "IRN"},
	{"إيران", "IRN"},
	{"ایران", "IRN"},                /* Persian yeh */
	{"Иран", "IRN"},
	{"伊朗", "IRN"},
	{"United States", "USA"},
	{"USA", "USA"},
	{"U.S.A.", "USA"},
	{"США", "USA"},
	{"АҚШ", "USA"},
	{"الولايات المتحدة", "USA"},
	{"ABD", "USA"},
	{"美国", "USA"},
};

START_TEST(test_resolve_core__spellings)
{
	const spelling *s = &spellings[_i];
	ck_assert_msg(strcmp(one(s->text), s->code) == 0, "'%s': expected %s, got %s",
		      s->text, s->code, one(s->text));
}
END_TEST

/* Look-alikes: each name finds its own entity first, and alone. */
static const spelling lookalikes[] = {
	{"Austria", "AUT"}, {"Australia", "AUS"},
	{"النمسا", "AUT"}, {"أستراليا", "AUS"},
	{"Австрия", "AUT"}, {"Австралия", "AUS"},
	{"Avusturya", "AUT"}, {"Avustralya", "AUS"},
	{"奥地利", "AUT"}, {"澳大利亚", "AUS"},
	{"Niger", "NER"}, {"Nigeria", "NGA"},
	{"النيجر", "NER"}, {"نيجيريا", "NGA"},
	{"Нигер", "NER"}, {"Нигерия", "NGA"},
	{"Nijer", "NER"}, {"Nijerya", "NGA"},
	{"尼日尔", "NER"}, {"尼日利亚", "NGA"},
	{"Guinea", "GIN"}, {"Guinea-Bissau", "GNB"}, {"Equatorial Guinea", "GNQ"},
	{"Republic of Guinea", "GIN"}, {"Republic of Guinea-Bissau", "GNB"},
	{"غينيا", "GIN"}, {"غينيا بيساو", "GNB"}, {"غينيا الاستوائية", "GNQ"},
	{"Гвинея", "GIN"}, {"Гвинея-Бисау", "GNB"}, {"Экваториальная Гвинея", "GNQ"},
	{"Gine", "GIN"}, {"Gine-Bissau", "GNB"}, {"Ekvator Ginesi", "GNQ"},
	{"几内亚", "GIN"}, {"几内亚比绍", "GNB"}, {"赤道几内亚", "GNQ"},
	{"Dominica", "DMA"}, {"Dominican Republic", "DOM"},
	{"Commonwealth of Dominica", "DMA"},
	{"دومينيكا", "DMA"}, {"جمهورية الدومينيكان", "DOM"},
	{"Доминика", "DMA"}, {"Доминиканская республика", "DOM"},
	{"Dominika", "DMA"}, {"Dominik Cumhuriyeti", "DOM"},
	{"多米尼克", "DMA"}, {"多米尼加共和国", "DOM"},
	{"South Korea", "KOR"}, {"North Korea", "PRK"},
	{"Republic of Korea", "KOR"}, {"Democratic People's Republic of Korea", "PRK"},
	{"Korea, Republic of", "KOR"}, {"Korea, Democratic People's Republic of", "PRK"},
	{"Южная Корея", "KOR"}, {"Северная Корея", "PRK"},
	{"Оңтүстік Корея", "KOR"}, {"Солтүстік Корея", "PRK"},
	{"كوريا الجنوبية", "KOR"}, {"كوريا الشمالية", "PRK"},
	{"Güney Kore", "KOR"}, {"Kuzey Kore", "PRK"},
	{"韩国", "KOR"}, {"朝鲜", "PRK"},
};

START_TEST(test_resolve_core__lookalikes)
{
	const spelling *s = &lookalikes[_i];
	geopol_iter *it = NULL;
	const geopol_item *item;
	ck_assert_str_eq(one(s->text), s->code);
	/* ranked first in the candidate list too */
	ck_assert_int_eq(geopol_resolve(&it, db, s->text, 5, NULL), GEOPOL_OK);
	ck_assert_int_eq(geopol_iter_next(it, &item), GEOPOL_OK);
	ck_assert_int_eq(item->kind, GEOPOL_ITEM_CANDIDATE);
	ck_assert_str_eq(item->candidate->code, s->code);
	double first = item->candidate->score;
	ck_assert_double_ge(first, 0.9);
	/* any look-alike that follows is well behind */
	while (geopol_iter_next(it, &item) == GEOPOL_OK)
		ck_assert_double_lt(item->candidate->score, first - 0.1);
	geopol_iter_free(it);
}
END_TEST

/* Candidates carry what the user needs to choose, best first. */
START_TEST(test_resolve_core__candidates)
{
	geopol_iter *it = NULL;
	const geopol_item *item;
	double last = 2.0;
	int n = 0, seen_gin = 0, seen_gnb = 0, seen_gnq = 0;

	ck_assert_int_eq(geopol_resolve(&it, db, "Guinea", 0, NULL), GEOPOL_OK);
	while (geopol_iter_next(it, &item) == GEOPOL_OK) {
		const geopol_candidate *c = item->candidate;
		ck_assert_ptr_nonnull(c);
		ck_assert_ptr_nonnull(c->code);
		ck_assert_ptr_nonnull(c->matched);
		ck_assert_ptr_nonnull(c->lang);
		ck_assert_double_le(c->score, last);
		last = c->score;
		if (!strcmp(c->code, "GIN")) {
			ck_assert_int_eq(n, 0);
			ck_assert_str_eq(c->matched, "Guinea");
			ck_assert_str_eq(c->lang, "en");
			ck_assert_str_eq(c->name, "Guinea");
			ck_assert_int_eq(c->kind, GEOPOL_KIND_STATE);
			seen_gin = 1;
		}
		seen_gnb |= !strcmp(c->code, "GNB");
		seen_gnq |= !strcmp(c->code, "GNQ");
		n++;
	}
	ck_assert(seen_gin && seen_gnb && seen_gnq);
	ck_assert_int_le(n, 10);
	geopol_iter_free(it);

	/* a code match scores 1.0 and shows the code as the match */
	ck_assert_int_eq(geopol_resolve(&it, db, "csto", 3, NULL), GEOPOL_OK);
	ck_assert_int_eq(geopol_iter_next(it, &item), GEOPOL_OK);
	ck_assert_str_eq(item->candidate->code, "CSTO");
	ck_assert_double_eq(item->candidate->score, 1.0);
	ck_assert_str_eq(item->candidate->matched, "CSTO");
	ck_assert_int_eq(item->candidate->kind, GEOPOL_KIND_ORGANIZATION);
	geopol_iter_free(it);

	/* a proclitic costs a little; a typo more; a misspelling on record less */
	ck_assert_int_eq(geopol_resolve(&it, db, "لكازاخستان", 3, NULL), GEOPOL_OK);
	ck_assert_int_eq(geopol_iter_next(it, &item), GEOPOL_OK);
	ck_assert_str_eq(item->candidate->matched, "كازاخستان");
	double proclitic = item->candidate->score;
	geopol_iter_free(it);
	ck_assert_int_eq(geopol_resolve(&it, db, "Kazahstan", 3, NULL), GEOPOL_OK);
	ck_assert_int_eq(geopol_iter_next(it, &item), GEOPOL_OK);
	ck_assert_str_eq(item->candidate->matched, "Kazakhstan");
	double typo = item->candidate->score;
	geopol_iter_free(it);
	ck_assert_double_lt(proclitic, 0.95);
	ck_assert_double_lt(typo, proclitic);
	ck_assert_double_gt(typo, 0.5);
}
END_TEST

/* One candidate per entity: the city has three names "Astana". */
START_TEST(test_resolve_core__one_per_entity)
{
	geopol_iter *it = NULL;
	const geopol_item *item;
	int astana = 0;
	ck_assert_int_eq(geopol_resolve(&it, db, "Астана", 10, NULL), GEOPOL_OK);
	while (geopol_iter_next(it, &item) == GEOPOL_OK)
		astana += !strcmp(item->candidate->code, "astana");
	geopol_iter_free(it);
	ck_assert_int_eq(astana, 1);
}
END_TEST

/* Names valid in time: found whatever the date, given at the right date. */
static const char *name_at(const char *entity, const char *lang, const char *date)
{
	static char text[128];
	geopol_date d;
	geopol_iter *it = NULL;
	const geopol_item *item;
	int n = 0;
	ck_assert_int_eq(geopol_date_parse(&d, date), GEOPOL_OK);
	ck_assert_int_eq(geopol_names(&it, db, entity, lang, d, NULL), GEOPOL_OK);
	text[0] = '\0';
	while (geopol_iter_next(it, &item) == GEOPOL_OK) {
		if (item->name->kind == GEOPOL_NAME_MISSPELLING)
			continue;
		snprintf(text, sizeof text, "%s", item->name->text);
		n++;
	}
	geopol_iter_free(it);
	ck_assert_msg(n == 1, "%s in %s at %s: %d names", entity, lang, date, n);
	return text;
}

START_TEST(test_resolve_core__names_in_time)
{
	ck_assert_str_eq(one("Nur-Sultan"), "astana");
	ck_assert_str_eq(one("Tselinograd"), "astana");
	ck_assert_str_eq(name_at("astana", "en", "2020-01-01"), "Nur-Sultan");
	ck_assert_str_eq(name_at("astana", "en", "2023-01-01"), "Astana");
	ck_assert_str_eq(name_at("astana", "en", "2010-06-15"), "Astana");
	ck_assert_str_eq(name_at("astana", "en", "1975-01-01"), "Tselinograd");
	ck_assert_str_eq(name_at("astana", "ru", "2020-01-01"), "Нур-Султан");
	ck_assert_str_eq(name_at("astana", "ar", "2020-01-01"), "نور سلطان");
	ck_assert_str_eq(name_at("astana", "kk", "2021-06-01"), "Нұр-Сұлтан");
	ck_assert_str_eq(name_at("astana", "kk", "2023-01-01"), "Астана");
	ck_assert_str_eq(name_at("astana", "en", "2019-03-23"), "Nur-Sultan");
	ck_assert_str_eq(name_at("astana", "en", "2019-03-22"), "Astana");
	ck_assert_str_eq(name_at("almaty", "ru", "1980-01-01"), "Алма-Ата");
}
END_TEST

/* A name typed ambiguously is reported so, with the candidates. */
START_TEST(test_resolve_core__ambiguous)
{
	char buf[16];
	ck_assert_int_eq(geopol_resolve_one(db, "Korea", buf, sizeof buf), GEOPOL_EAMBIGUOUS);
	ck_assert_ptr_nonnull(strstr(geopol_errmsg(db), "KOR"));
	ck_assert_ptr_nonnull(strstr(geopol_errmsg(db), "PRK"));
	/* one typo away from both Niger and Nigeria */
	ck_assert_int_eq(geopol_resolve_one(db, "Nigera", buf, sizeof buf), GEOPOL_EAMBIGUOUS);
	ck_assert_ptr_nonnull(strstr(geopol_errmsg(db), "NER"));
	ck_assert_ptr_nonnull(strstr(geopol_errmsg(db), "NGA"));
}
END_TEST

/* Every state's English short name leads back to that state. */
START_TEST(test_resolve_core__every_state)
{
	geopol_iter *it = NULL, *names = NULL;
	const geopol_item *item, *nm;
	geopol_date any = GEOPOL_DATE_OPEN_INIT;
	int states = 0;
	ck_assert_int_eq(geopol_entities(&it, db, GEOPOL_KIND_STATE, NULL), GEOPOL_OK);
	while (geopol_iter_next(it, &item) == GEOPOL_OK) {
		char code[32];
		snprintf(code, sizeof code, "%s", item->entity->code);
		ck_assert_int_eq(geopol_names(&names, db, code, "en", any, NULL), GEOPOL_OK);
		while (geopol_iter_next(names, &nm) == GEOPOL_OK) {
			if (nm->name->kind != GEOPOL_NAME_SHORT)
				continue;
			ck_assert_msg(strcmp(one(nm->name->text), code) == 0, "'%s': expected %s, got %s",
				      nm->name->text, code, one(nm->name->text));
		}
		geopol_iter_free(names);
		states++;
	}
	geopol_iter_free(it);
	ck_assert_int_gt(states, 190);
}
END_TEST

/* ---- errors */

START_TEST(test_resolve_errors__bad_text)
{
	geopol_iter *it = (geopol_iter *)&it;
	char buf[16];
	ck_assert_int_eq(geopol_resolve(&it, db, "Kaz\xFFkhstan", 5, NULL), GEOPOL_EINVAL);
	ck_assert_ptr_null(it);
	ck_assert_ptr_nonnull(strstr(geopol_errmsg(db), "UTF-8"));
	ck_assert_int_eq(geopol_resolve_one(db, "\xC0\xAF", buf, sizeof buf), GEOPOL_EINVAL);
	ck_assert_int_eq(geopol_resolve_one(db, "\xED\xA0\x80", buf, sizeof buf), GEOPOL_EINVAL);
	ck_assert_int_eq(geopol_resolve(&it, db, "", 5, NULL), GEOPOL_EINVAL);
	ck_assert_int_eq(geopol_resolve_one(db, "", buf, sizeof buf), GEOPOL_EINVAL);
	ck_assert_int_eq(geopol_resolve_one(db, "  -- ", buf, sizeof buf), GEOPOL_EINVAL);
	ck_assert_int_eq(geopol_resolve_one(db, NULL, buf, sizeof buf), GEOPOL_EINVAL);
	ck_assert_int_eq(geopol_resolve(NULL, db, "KAZ", 5, NULL), GEOPOL_EMISUSE);
	ck_assert_int_eq(geopol_resolve(&it, NULL, "KAZ", 5, NULL), GEOPOL_EMISUSE);
	ck_assert_int_eq(geopol_resolve_one(NULL, "KAZ", buf, sizeof buf), GEOPOL_EMISUSE);
}
END_TEST

START_TEST(test_resolve_errors__not_found)
{
	char buf[16];
	geopol_iter *it = NULL;
	const geopol_item *item;
	ck_assert_int_eq(geopol_resolve_one(db, "Atlantis", buf, sizeof buf), GEOPOL_ENOTFOUND);
	ck_assert_ptr_nonnull(strstr(geopol_errmsg(db), "Atlantis"));
	/* the list is simply empty */
	ck_assert_int_eq(geopol_resolve(&it, db, "Atlantis", 5, NULL), GEOPOL_OK);
	ck_assert_int_eq(geopol_iter_next(it, &item), GEOPOL_ITEROVER);
	geopol_iter_free(it);
}
END_TEST

START_TEST(test_resolve_errors__buffer)
{
	char buf[4];
	ck_assert_int_eq(geopol_resolve_one(db, "Kazakhstan", NULL, 16), GEOPOL_EINVAL);
	ck_assert_int_eq(geopol_resolve_one(db, "Kazakhstan", buf, 0), GEOPOL_EINVAL);
	ck_assert_int_eq(geopol_resolve_one(db, "Kazakhstan", buf, 4), GEOPOL_OK);
	ck_assert_str_eq(buf, "KAZ");
	ck_assert_int_eq(geopol_resolve_one(db, "Nur-Sultan", buf, 4), GEOPOL_EINVAL);
}
END_TEST

/* ---- limits */

START_TEST(test_resolve_limits__megabyte)
{
	size_t n = 1u << 20;
	char *big = malloc(n + 1);
	char buf[16];
	geopol_iter *it = NULL;
	clock_t t0;
	ck_assert_ptr_nonnull(big);
	for (size_t i = 0; i < n; i++)
		big[i] = "Kazakhstan "[i % 11];
	big[n] = '\0';
	t0 = clock();
	ck_assert_int_eq(geopol_resolve(&it, db, big, 5, NULL), GEOPOL_EINVAL);
	ck_assert_ptr_null(it);
	ck_assert_ptr_nonnull(strstr(geopol_errmsg(db), "longer than"));
	ck_assert_int_eq(geopol_resolve_one(db, big, buf, sizeof buf), GEOPOL_EINVAL);
	ck_assert_double_lt((double)(clock() - t0) / CLOCKS_PER_SEC, 0.5);
	free(big);
}
END_TEST

START_TEST(test_resolve_limits__limit)
{
	geopol_iter *it = NULL;
	const geopol_item *item;
	int n = 0;
	ck_assert_int_eq(geopol_resolve(&it, db, "Republic", 1, NULL), GEOPOL_OK);
	while (geopol_iter_next(it, &item) == GEOPOL_OK)
		n++;
	geopol_iter_free(it);
	ck_assert_int_eq(n, 1);
	ck_assert_int_eq(geopol_resolve(&it, db, "Republic", 0, NULL), GEOPOL_OK);
	for (n = 0; geopol_iter_next(it, &item) == GEOPOL_OK;)
		n++;
	geopol_iter_free(it);
	ck_assert_int_eq(n, 10);
}
END_TEST

/* Asked as known before the import, nothing was named yet. */
START_TEST(test_resolve_limits__known_at)
{
	geopol_iter *it = NULL;
	const geopol_item *item;
	geopol_query q = GEOPOL_QUERY_INIT;
	q.known_at = 1;
	ck_assert_int_eq(geopol_resolve(&it, db, "Kazakhstan", 5, &q), GEOPOL_OK);
	ck_assert_int_eq(geopol_iter_next(it, &item), GEOPOL_ITEROVER);
	geopol_iter_free(it);
	q.known_at = geopol_now(db);
	ck_assert_int_eq(geopol_resolve(&it, db, "Kazakhstan", 5, &q), GEOPOL_OK);
	ck_assert_int_eq(geopol_iter_next(it, &item), GEOPOL_OK);
	ck_assert_str_eq(item->candidate->code, "KAZ");
	geopol_iter_free(it);
}
END_TEST

/* The longest text accepted still resolves (to nothing), quickly. */
START_TEST(test_resolve_limits__longest)
{
	char text[4097];
	geopol_iter *it = NULL;
	const geopol_item *item;
	for (size_t i = 0; i < 4096; i++)
		text[i] = "kazakhstan "[i % 11];
	text[4096] = '\0';
	ck_assert_int_eq(geopol_resolve(&it, db, text, 5, NULL), GEOPOL_OK);
	ck_assert_int_eq(geopol_iter_next(it, &item), GEOPOL_ITEROVER);
	geopol_iter_free(it);
}
END_TEST

static Suite *resolve_suite(void)
{
	Suite *s = suite_create("resolve");
	TCase *core = tcase_create("core");
	TCase *errors = tcase_create("errors");
	TCase *limits = tcase_create("limits");
	TCase *all[] = {core, errors, limits};

	for (size_t i = 0; i < 3; i++) {
		tcase_add_unchecked_fixture(all[i], world_setup, world_teardown);
		tcase_add_checked_fixture(all[i], test_open, test_close);
		tcase_set_timeout(all[i], 120);
	}
	tcase_add_loop_test(core, test_resolve_core__spellings, 0,
			    (int)(sizeof spellings / sizeof spellings[0]));
	tcase_add_loop_test(core, test_resolve_core__lookalikes, 0,
			    (int)(sizeof lookalikes / sizeof lookalikes[0]));
	tcase_add_test(core, test_resolve_core__candidates);
	tcase_add_test(core, test_resolve_core__one_per_entity);
	tcase_add_test(core, test_resolve_core__names_in_time);
	tcase_add_test(core, test_resolve_core__ambiguous);
	tcase_add_test(core, test_resolve_core__every_state);
	tcase_add_test(errors, test_resolve_errors__bad_text);
	tcase_add_test(errors, test_resolve_errors__not_found);
	tcase_add_test(errors, test_resolve_errors__buffer);
	tcase_add_test(limits, test_resolve_limits__megabyte);
	tcase_add_test(limits, test_resolve_limits__limit);
	tcase_add_test(limits, test_resolve_limits__known_at);
	tcase_add_test(limits, test_resolve_limits__longest);
	suite_add_tcase(s, core);
	suite_add_tcase(s, errors);
	suite_add_tcase(s, limits);
	return s;
}

int main(void)
{
	return tu_run(resolve_suite());
}
