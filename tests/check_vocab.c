/*
 * check_vocab.c - the lowercase names of the model's enumerations
 * (lib/core/vocab.c): each name parses back to its value, 0 is the unknown
 * value of every vocabulary, and out-of-range values have no name.
 */
#include <check.h>
#include <string.h>

#include "test_util.h"

typedef struct vocab {
	const char *(*name)(int);
	int (*parse)(const char *); /* NULL: no parse function */
	int first, last;
} vocab;

static const vocab vocabs[] = {
	{geopol_kind_name, geopol_kind_parse, GEOPOL_KIND_STATE, GEOPOL_KIND_OTHER},
	{geopol_name_kind_name, geopol_name_kind_parse, GEOPOL_NAME_OFFICIAL, GEOPOL_NAME_MISSPELLING},
	{geopol_role_name, geopol_role_parse, GEOPOL_ROLE_FOUNDING_MEMBER, GEOPOL_ROLE_SUSPENDED},
	{geopol_actor_role_name, geopol_actor_role_parse, GEOPOL_ACTOR_SOURCE, GEOPOL_ACTOR_HOST},
	{geopol_certainty_name, NULL, GEOPOL_DEFINITE, GEOPOL_POSSIBLE},
	{geopol_stage_name, geopol_stage_parse, GEOPOL_STAGE_IN_FORCE, GEOPOL_STAGE_WITHDRAWN},
};
#define N_VOCABS (sizeof vocabs / sizeof vocabs[0])

START_TEST(test_vocab__names_parse_back)
{
	for (size_t v = 0; v < N_VOCABS; v++) {
		for (int i = vocabs[v].first; i <= vocabs[v].last; i++) {
			const char *name = vocabs[v].name(i);
			ck_assert_ptr_nonnull(name);
			if (vocabs[v].parse)
				ck_assert_int_eq(vocabs[v].parse(name), i);
		}
	}
	ck_assert_str_eq(geopol_kind_name(GEOPOL_KIND_ORGANIZATION), "organization");
	ck_assert_str_eq(geopol_role_name(GEOPOL_ROLE_DIALOGUE_PARTNER), "dialogue_partner");
	ck_assert_str_eq(geopol_stage_name(GEOPOL_STAGE_WITHDRAWAL_NOTIFIED), "withdrawal_notified");
	ck_assert_str_eq(geopol_certainty_name(GEOPOL_POSSIBLE), "possible");
}
END_TEST

/* 0 is no member of any vocabulary: no name, and what _parse gives for a
 * name it does not know, for NULL and for the wrong case. */
START_TEST(test_vocab__zero_is_unknown)
{
	for (size_t v = 0; v < N_VOCABS; v++) {
		ck_assert_ptr_null(vocabs[v].name(0));
		ck_assert_ptr_null(vocabs[v].name(-1));
		ck_assert_ptr_null(vocabs[v].name(vocabs[v].last + 1));
		if (!vocabs[v].parse)
			continue;
		ck_assert_int_eq(vocabs[v].parse(NULL), 0);
		ck_assert_int_eq(vocabs[v].parse(""), 0);
		ck_assert_int_eq(vocabs[v].parse("no such name"), 0);
	}
	ck_assert_int_eq(geopol_kind_parse("State"), 0);
	ck_assert_int_eq(geopol_role_parse("member "), 0);
	ck_assert_int_eq(geopol_format_parse(NULL), 0);
	ck_assert_int_eq(geopol_format_parse("JSON"), 0);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("vocab");
	TCase *core = tcase_create("core");
	tcase_add_test(core, test_vocab__names_parse_back);
	suite_add_tcase(s, core);
	TCase *limits = tcase_create("limits");
	tcase_add_test(limits, test_vocab__zero_is_unknown);
	suite_add_tcase(s, limits);
	return tu_run(s);
}
