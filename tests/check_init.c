/*
 * check_init.c - the _init functions of the versioned structs (lib/core/
 * init.c): the same struct as the _INIT macro, only the fields of an older
 * version written, bad versions refused; and the version check of the
 * panel options, alike with the other structs.
 */
#include <check.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "test_util.h"

#define FILL 0xA5

/* Every byte of s from `from` on is still FILL. */
static int untouched(const void *s, size_t from, size_t size)
{
	const unsigned char *p = s;
	for (size_t i = from; i < size; i++)
		if (p[i] != FILL)
			return 0;
	return 1;
}

/* At the current version: byte for byte the _INIT macro (static objects
 * have zeroed padding, as the library's templates do). */
#define SAME_AS_MACRO(type, fn, INIT, VERSION)                                   \
	do {                                                                     \
		static const type want = INIT;                                   \
		type got;                                                        \
		memset(&got, FILL, sizeof got);                                  \
		ck_assert_int_eq(fn(&got, VERSION), GEOPOL_OK);                  \
		ck_assert_msg(memcmp(&got, &want, sizeof got) == 0, #fn " differs from " #INIT); \
	} while (0)

START_TEST(test_init__same_as_the_macros)
{
	SAME_AS_MACRO(geopol_open_options, geopol_open_options_init, GEOPOL_OPEN_OPTIONS_INIT,
		      GEOPOL_OPEN_OPTIONS_VERSION);
	SAME_AS_MACRO(geopol_source_spec, geopol_source_spec_init, GEOPOL_SOURCE_SPEC_INIT,
		      GEOPOL_SOURCE_SPEC_VERSION);
	SAME_AS_MACRO(geopol_entity_spec, geopol_entity_spec_init, GEOPOL_ENTITY_SPEC_INIT,
		      GEOPOL_ENTITY_SPEC_VERSION);
	SAME_AS_MACRO(geopol_name_spec, geopol_name_spec_init, GEOPOL_NAME_SPEC_INIT,
		      GEOPOL_NAME_SPEC_VERSION);
	SAME_AS_MACRO(geopol_membership_spec, geopol_membership_spec_init,
		      GEOPOL_MEMBERSHIP_SPEC_INIT, GEOPOL_MEMBERSHIP_SPEC_VERSION);
	SAME_AS_MACRO(geopol_relation_spec, geopol_relation_spec_init, GEOPOL_RELATION_SPEC_INIT,
		      GEOPOL_RELATION_SPEC_VERSION);
	SAME_AS_MACRO(geopol_event_spec, geopol_event_spec_init, GEOPOL_EVENT_SPEC_INIT,
		      GEOPOL_EVENT_SPEC_VERSION);
	SAME_AS_MACRO(geopol_query, geopol_query_init, GEOPOL_QUERY_INIT, GEOPOL_QUERY_VERSION);
	SAME_AS_MACRO(geopol_event_filter, geopol_event_filter_init, GEOPOL_EVENT_FILTER_INIT,
		      GEOPOL_EVENT_FILTER_VERSION);
	SAME_AS_MACRO(geopol_check_options, geopol_check_options_init, GEOPOL_CHECK_OPTIONS_INIT,
		      GEOPOL_CHECK_OPTIONS_VERSION);
	SAME_AS_MACRO(geopol_import_options, geopol_import_options_init,
		      GEOPOL_IMPORT_OPTIONS_INIT, GEOPOL_IMPORT_OPTIONS_VERSION);
	SAME_AS_MACRO(geopol_export_options, geopol_export_options_init,
		      GEOPOL_EXPORT_OPTIONS_INIT, GEOPOL_EXPORT_OPTIONS_VERSION);
	SAME_AS_MACRO(geopol_panel_options, geopol_panel_options_init, GEOPOL_PANEL_OPTIONS_INIT,
		      GEOPOL_PANEL_OPTIONS_VERSION);
}
END_TEST

/* A caller built against an older header has a shorter struct: nothing
 * past its last field is written. */
START_TEST(test_init__older_version_writes_only_its_fields)
{
	geopol_query q;
	memset(&q, FILL, sizeof q);
	ck_assert_int_eq(geopol_query_init(&q, 1), GEOPOL_OK);
	ck_assert_uint_eq(q.version, 1);
	ck_assert_uint_eq(q.flags, 0);
	ck_assert_int_eq(q.known_at, 0);
	ck_assert_ptr_null(q.lang);
	ck_assert(untouched(&q, offsetof(geopol_query, stages), sizeof q));

	geopol_membership_spec m;
	memset(&m, FILL, sizeof m);
	ck_assert_int_eq(geopol_membership_spec_init(&m, 1), GEOPOL_OK);
	ck_assert_uint_eq(m.version, 1);
	ck_assert_int_eq(m.role, GEOPOL_ROLE_MEMBER);
	ck_assert_int_eq(m.from.precision, GEOPOL_DATE_NONE);
	ck_assert_int_eq(m.to.precision, GEOPOL_DATE_NONE);
	ck_assert(untouched(&m, offsetof(geopol_membership_spec, stage), sizeof m));

	geopol_open_options oo;
	memset(&oo, FILL, sizeof oo);
	ck_assert_int_eq(geopol_open_options_init(&oo, 1), GEOPOL_OK);
	ck_assert_uint_eq(oo.version, 1);
	ck_assert_int_eq(oo.read_only, 0);
	ck_assert_int_eq(oo.busy_timeout_ms, 0);
	ck_assert(untouched(&oo, offsetof(geopol_open_options, must_exist), sizeof oo));

	geopol_event_filter f;
	memset(&f, FILL, sizeof f);
	ck_assert_int_eq(geopol_event_filter_init(&f, 1), GEOPOL_OK);
	ck_assert_uint_eq(f.version, 1);
	ck_assert_ptr_null(f.actor);
	ck_assert_uint_eq(f.limit, 0);
	ck_assert(untouched(&f, offsetof(geopol_event_filter, quad_class), sizeof f));

	geopol_import_options io;
	memset(&io, FILL, sizeof io);
	ck_assert_int_eq(geopol_import_options_init(&io, 1), GEOPOL_OK);
	ck_assert_uint_eq(io.version, 1);
	ck_assert_ptr_null(io.ctx);
	ck_assert(untouched(&io, offsetof(geopol_import_options, release), sizeof io));

	geopol_export_options eo;
	memset(&eo, FILL, sizeof eo);
	ck_assert_int_eq(geopol_export_options_init(&eo, 1), GEOPOL_OK);
	ck_assert_uint_eq(eo.version, 1);
	ck_assert_int_eq(eo.format, GEOPOL_FORMAT_JSON);
	ck_assert_int_eq(eo.with_sources, 1);
	ck_assert(untouched(&eo, offsetof(geopol_export_options, around), sizeof eo));
}
END_TEST

/* NULL and versions outside 1..current are refused; the struct is left
 * as it was. */
START_TEST(test_init__errors)
{
	geopol_query q;
	memset(&q, FILL, sizeof q);
	ck_assert_int_eq(geopol_query_init(&q, 0), GEOPOL_EMISUSE);
	ck_assert_int_eq(geopol_query_init(&q, GEOPOL_QUERY_VERSION + 1), GEOPOL_EMISUSE);
	ck_assert(untouched(&q, 0, sizeof q));
	ck_assert_int_eq(geopol_query_init(NULL, GEOPOL_QUERY_VERSION), GEOPOL_EMISUSE);

	geopol_panel_options po;
	memset(&po, FILL, sizeof po);
	ck_assert_int_eq(geopol_panel_options_init(&po, 2), GEOPOL_EMISUSE);
	ck_assert(untouched(&po, 0, sizeof po));
	ck_assert_int_eq(geopol_open_options_init(NULL, 1), GEOPOL_EMISUSE);
	ck_assert_int_eq(geopol_source_spec_init(NULL, 1), GEOPOL_EMISUSE);
	ck_assert_int_eq(geopol_entity_spec_init(NULL, 1), GEOPOL_EMISUSE);
	ck_assert_int_eq(geopol_name_spec_init(NULL, 1), GEOPOL_EMISUSE);
	ck_assert_int_eq(geopol_membership_spec_init(NULL, 1), GEOPOL_EMISUSE);
	ck_assert_int_eq(geopol_relation_spec_init(NULL, 1), GEOPOL_EMISUSE);
	ck_assert_int_eq(geopol_event_spec_init(NULL, 1), GEOPOL_EMISUSE);
	ck_assert_int_eq(geopol_event_filter_init(NULL, 1), GEOPOL_EMISUSE);
	ck_assert_int_eq(geopol_check_options_init(NULL, 1), GEOPOL_EMISUSE);
	ck_assert_int_eq(geopol_import_options_init(NULL, 1), GEOPOL_EMISUSE);
	ck_assert_int_eq(geopol_export_options_init(NULL, 1), GEOPOL_EMISUSE);
	ck_assert_int_eq(geopol_panel_options_init(NULL, 1), GEOPOL_EMISUSE);
}
END_TEST

/* Structs from the _init functions work in the calls, at version 1 too. */
START_TEST(test_init__structs_work_in_calls)
{
	geopol_open_options oo;
	geopol_open_options_init(&oo, 1);
	geopol_db *db = NULL;
	ck_assert_int_eq(geopol_open(&db, ":memory:", &oo), GEOPOL_OK);
	ck_assert_int_eq(tu_import(db, TU_WORLD), GEOPOL_OK);

	geopol_membership_spec m;
	ck_assert_int_eq(geopol_membership_spec_init(&m, 1), GEOPOL_OK);
	m.org = "ORG";
	m.member = "boss";
	m.from = tu_date("2020");
	int64_t fact = 0;
	ck_assert_int_eq(geopol_membership_add(db, &m, &fact), GEOPOL_OK);
	ck_assert_int_gt(fact, 0);

	/* A version 1 query asks de jure, as the default: the row added
	 * above (no stage: in force) is there. */
	geopol_query q;
	ck_assert_int_eq(geopol_query_init(&q, 1), GEOPOL_OK);
	q.flags = GEOPOL_DEFINITE_ONLY;
	geopol_iter *it = NULL;
	ck_assert_int_eq(geopol_members(&it, db, "ORG", tu_date("2021-06-01"), &q), GEOPOL_OK);
	char *lines = tu_lines(it);
	ck_assert_str_eq(lines, "ORG AAA founding_member definite\n"
				"ORG CCC member definite\n"
				"ORG boss member definite");
	free(lines);
	geopol_close(db);
}
END_TEST

/* The panel options are checked like every other versioned struct. */
START_TEST(test_init__panel_options_checked_alike)
{
	geopol_db *db = tu_open();
	geopol_panel_options o;
	ck_assert_int_eq(geopol_panel_options_init(&o, GEOPOL_PANEL_OPTIONS_VERSION), GEOPOL_OK);
	geopol_panel_iter *p = NULL;
	o.version = 0;
	ck_assert_int_eq(geopol_panel(&p, db, &o, NULL), GEOPOL_EMISUSE);
	ck_assert_str_eq(geopol_errmsg(db), "geopol_panel_options: unknown version 0 (this geopol reads 1 to 1)");
	o.version = 2;
	ck_assert_int_eq(geopol_panel(&p, db, &o, NULL), GEOPOL_EMISUSE);
	ck_assert_str_eq(geopol_errmsg(db), "geopol_panel_options: unknown version 2 (this geopol reads 1 to 1)");
	ck_assert_ptr_null(p);
	/* Version 1 passes the check; the span is what is missing then. */
	o.version = 1;
	ck_assert_int_eq(geopol_panel(&p, db, &o, NULL), GEOPOL_EINVAL);
	ck_assert_ptr_null(p);
	geopol_close(db);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("init");
	TCase *core = tcase_create("core");
	tcase_add_test(core, test_init__same_as_the_macros);
	tcase_add_test(core, test_init__older_version_writes_only_its_fields);
	tcase_add_test(core, test_init__structs_work_in_calls);
	suite_add_tcase(s, core);
	TCase *errors = tcase_create("errors");
	tcase_add_test(errors, test_init__errors);
	tcase_add_test(errors, test_init__panel_options_checked_alike);
	suite_add_tcase(s, errors);
	return tu_run(s);
}
