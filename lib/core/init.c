/*
 * init.c - the _init functions of the versioned structs (options and
 * specs), for bindings that cannot expand the _INIT macros (libgit2's
 * git_checkout_options_init). Each fills a struct as its _INIT macro does,
 * at the version asked: a caller built against an older header has a
 * shorter struct, so only the bytes of that version are written.
 */
#include "core/geopol_internal.h"

#include <stddef.h>
#include <string.h>

/* A version added to a struct needs its size here too. */
#define SIZES_CHECK(sizes, current) \
	_Static_assert(sizeof(sizes) / sizeof((sizes)[0]) == (current) + 1, \
		       "one size per version of " #current)

/* sizes[v] is the size of version v of the struct (sizes[0] unused): up to
 * the first field a later version added. */
static int init_from(void *s, unsigned version, const void *tmpl, const size_t *sizes,
		     unsigned current)
{
	if (!s || version < 1 || version > current)
		return GEOPOL_EMISUSE;
	memcpy(s, tmpl, sizes[version]);
	/* The first member of every versioned struct is its version. */
	memcpy(s, &version, sizeof version);
	return GEOPOL_OK;
}

int geopol_open_options_init(geopol_open_options *opts, unsigned version)
{
	static const geopol_open_options tmpl = GEOPOL_OPEN_OPTIONS_INIT;
	static const size_t sizes[] = {0, offsetof(geopol_open_options, must_exist),
				       sizeof(geopol_open_options)};
	SIZES_CHECK(sizes, GEOPOL_OPEN_OPTIONS_VERSION);
	return init_from(opts, version, &tmpl, sizes, GEOPOL_OPEN_OPTIONS_VERSION);
}

int geopol_source_spec_init(geopol_source_spec *spec, unsigned version)
{
	static const geopol_source_spec tmpl = GEOPOL_SOURCE_SPEC_INIT;
	static const size_t sizes[] = {0, sizeof(geopol_source_spec)};
	SIZES_CHECK(sizes, GEOPOL_SOURCE_SPEC_VERSION);
	return init_from(spec, version, &tmpl, sizes, GEOPOL_SOURCE_SPEC_VERSION);
}

int geopol_entity_spec_init(geopol_entity_spec *spec, unsigned version)
{
	static const geopol_entity_spec tmpl = GEOPOL_ENTITY_SPEC_INIT;
	static const size_t sizes[] = {0, sizeof(geopol_entity_spec)};
	SIZES_CHECK(sizes, GEOPOL_ENTITY_SPEC_VERSION);
	return init_from(spec, version, &tmpl, sizes, GEOPOL_ENTITY_SPEC_VERSION);
}

int geopol_name_spec_init(geopol_name_spec *spec, unsigned version)
{
	static const geopol_name_spec tmpl = GEOPOL_NAME_SPEC_INIT;
	static const size_t sizes[] = {0, sizeof(geopol_name_spec)};
	SIZES_CHECK(sizes, GEOPOL_NAME_SPEC_VERSION);
	return init_from(spec, version, &tmpl, sizes, GEOPOL_NAME_SPEC_VERSION);
}

int geopol_membership_spec_init(geopol_membership_spec *spec, unsigned version)
{
	static const geopol_membership_spec tmpl = GEOPOL_MEMBERSHIP_SPEC_INIT;
	static const size_t sizes[] = {0, offsetof(geopol_membership_spec, stage),
				       sizeof(geopol_membership_spec)};
	SIZES_CHECK(sizes, GEOPOL_MEMBERSHIP_SPEC_VERSION);
	return init_from(spec, version, &tmpl, sizes, GEOPOL_MEMBERSHIP_SPEC_VERSION);
}

int geopol_relation_spec_init(geopol_relation_spec *spec, unsigned version)
{
	static const geopol_relation_spec tmpl = GEOPOL_RELATION_SPEC_INIT;
	static const size_t sizes[] = {0, sizeof(geopol_relation_spec)};
	SIZES_CHECK(sizes, GEOPOL_RELATION_SPEC_VERSION);
	return init_from(spec, version, &tmpl, sizes, GEOPOL_RELATION_SPEC_VERSION);
}

int geopol_event_spec_init(geopol_event_spec *spec, unsigned version)
{
	static const geopol_event_spec tmpl = GEOPOL_EVENT_SPEC_INIT;
	static const size_t sizes[] = {0, sizeof(geopol_event_spec)};
	SIZES_CHECK(sizes, GEOPOL_EVENT_SPEC_VERSION);
	return init_from(spec, version, &tmpl, sizes, GEOPOL_EVENT_SPEC_VERSION);
}

int geopol_query_init(geopol_query *q, unsigned version)
{
	static const geopol_query tmpl = GEOPOL_QUERY_INIT;
	static const size_t sizes[] = {0, offsetof(geopol_query, stages), sizeof(geopol_query)};
	SIZES_CHECK(sizes, GEOPOL_QUERY_VERSION);
	return init_from(q, version, &tmpl, sizes, GEOPOL_QUERY_VERSION);
}

int geopol_event_filter_init(geopol_event_filter *filter, unsigned version)
{
	static const geopol_event_filter tmpl = GEOPOL_EVENT_FILTER_INIT;
	static const size_t sizes[] = {0, offsetof(geopol_event_filter, quad_class),
				       sizeof(geopol_event_filter)};
	SIZES_CHECK(sizes, GEOPOL_EVENT_FILTER_VERSION);
	return init_from(filter, version, &tmpl, sizes, GEOPOL_EVENT_FILTER_VERSION);
}

int geopol_check_options_init(geopol_check_options *opts, unsigned version)
{
	static const geopol_check_options tmpl = GEOPOL_CHECK_OPTIONS_INIT;
	static const size_t sizes[] = {0, sizeof(geopol_check_options)};
	SIZES_CHECK(sizes, GEOPOL_CHECK_OPTIONS_VERSION);
	return init_from(opts, version, &tmpl, sizes, GEOPOL_CHECK_OPTIONS_VERSION);
}

int geopol_import_options_init(geopol_import_options *opts, unsigned version)
{
	static const geopol_import_options tmpl = GEOPOL_IMPORT_OPTIONS_INIT;
	static const size_t sizes[] = {0, offsetof(geopol_import_options, release),
				       sizeof(geopol_import_options)};
	SIZES_CHECK(sizes, GEOPOL_IMPORT_OPTIONS_VERSION);
	return init_from(opts, version, &tmpl, sizes, GEOPOL_IMPORT_OPTIONS_VERSION);
}

int geopol_export_options_init(geopol_export_options *opts, unsigned version)
{
	static const geopol_export_options tmpl = GEOPOL_EXPORT_OPTIONS_INIT;
	static const size_t sizes[] = {0, offsetof(geopol_export_options, around),
				       sizeof(geopol_export_options)};
	SIZES_CHECK(sizes, GEOPOL_EXPORT_OPTIONS_VERSION);
	return init_from(opts, version, &tmpl, sizes, GEOPOL_EXPORT_OPTIONS_VERSION);
}

int geopol_panel_options_init(geopol_panel_options *opts, unsigned version)
{
	static const geopol_panel_options tmpl = GEOPOL_PANEL_OPTIONS_INIT;
	static const size_t sizes[] = {0, sizeof(geopol_panel_options)};
	SIZES_CHECK(sizes, GEOPOL_PANEL_OPTIONS_VERSION);
	return init_from(opts, version, &tmpl, sizes, GEOPOL_PANEL_OPTIONS_VERSION);
}
