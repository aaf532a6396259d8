/*
 * dataset_internal.h - what the importers of the field's datasets share
 * (import_cow.c, import_atop.c, import_events.c): the COW and ISO country
 * tables (country_map.c), entity resolution, coded memberships, sources,
 * and the handling of bad rows (import_dataset.c).
 */
#ifndef GEOPOL_DATASET_INTERNAL_H
#define GEOPOL_DATASET_INTERNAL_H

#include "io/csv_internal.h"
#include "io/import_internal.h"
#include "store/store.h"

/* ---- tables (country_map.c) */
typedef struct gp_cow_state {
	int ccode;               /* COW state number */
	const char *abb;         /* COW abbreviation ("KZK") */
	const char *iso3;        /* ISO 3166 alpha-3, or NULL when none */
	const char *name;        /* COW name ("Kazakhstan") */
	const char *igo_column;  /* column name in the COW IGO data ("kazakhstan") */
} gp_cow_state;

typedef struct gp_iso_country {
	const char *alpha3;
	const char *name, *official, *common; /* English; official/common may be NULL */
	int state;               /* 1: a sovereign state; 0: a territory */
} gp_iso_country;

typedef struct gp_country_alias {
	const char *name, *alpha3; /* a name datasets write, and its ISO code */
} gp_country_alias;

/* Generated at build time from data/ (tools/make_country_tables.c): COW
 * states by number, ISO countries by alpha-3 (strcmp order), aliases. */
extern const gp_cow_state gp_cow_states[];
extern const size_t gp_n_cow_states;
extern const gp_iso_country gp_iso_countries[];
extern const size_t gp_n_iso_countries;
extern const gp_country_alias gp_country_aliases[];
extern const size_t gp_n_country_aliases;

const gp_cow_state *gp_cow_state_by_code(int ccode);
const gp_cow_state *gp_cow_state_by_column(const char *column);
const gp_iso_country *gp_iso_by_alpha3(const char *alpha3);
/* By an English name as datasets write it ("Russian Federation", "Russia",
 * "Occupied Palestinian Territory"); case, spaces and punctuation ignored. */
const gp_iso_country *gp_iso_by_name(const char *name);

/* ---- entity resolution (country_map.c). Codes returned point into the
 * resolver and stay valid until gp_resolver_free(). */
typedef struct gp_resolver gp_resolver;
int gp_resolver_new(gp_resolver **out, geopol_db *db);
void gp_resolver_free(gp_resolver *r);

/* The entity for a COW state number: the one carrying the external id
 * cow=<ccode>; else the ISO alpha-3 entity of the COW table; else a new
 * entity (ISO code when known, else COW:<ccode>). The COW number and
 * abbreviation are attached as external ids (cow, cow-abb) either way.
 * `name` (may be NULL) names a new entity; `created` (may be NULL) is set
 * when the entity was made here. */
int gp_resolve_cow(gp_resolver *r, int ccode, const char *abb, const char *name,
		   const char **code, int64_t *id, int *created);

/* The entity for an ISO alpha-3 code (GDELT's CAMEO country codes): an
 * entity with that code, else one made from the ISO table. *code NULL when
 * the code is not a country (regions such as EUR, AFR). */
int gp_resolve_iso(gp_resolver *r, const char *alpha3, const char **code);

/* The entity for an English country name (ICEWS): the ISO table, else an
 * English name of a state stored in the database. *code NULL when none. */
int gp_resolve_country_name(gp_resolver *r, const char *name, const char **code);

/* ---- shared importer helpers (import_dataset.c) */

/* The id of a source, adding it from spec when it is not stored. A stored
 * source of that code is used as it is (the built-in dataset declares
 * cow-igo-3, atop-4 and cow-states-2016 with the same meaning). */
int gp_dataset_source(geopol_db *db, const geopol_source_spec *spec, int64_t *id);

/*
 * Add a membership of one dataset's coding (membership.coding, schema
 * 003): the same org, member and role may hold in several codings at once
 * (COW's year rows beside the curated day-exact ones); within one coding
 * an identical row is GP_UNCHANGED and an overlapping one a conflict. The
 * new row cites source_id with quote (may be NULL).
 */
int gp_coded_membership(geopol_db *db, const char *coding, int64_t org_id, const char *org,
			int64_t member_id, const char *member, int role, geopol_date from,
			geopol_date to, int64_t source_id, const char *quote);

/* Set an attribute of an entity (entity_attr, schema 011): ATOP's
 * provisions, COW's domain and fate of an organization, given by source_id.
 * GP_UNCHANGED when it holds that value; a new value closes the current one
 * in recorded time (GP_CORRECTED), never overwrites it. */
int gp_entity_attr_set(geopol_db *db, int64_t entity, const char *key, const char *value,
		       int64_t source_id);

/*
 * The life of entity `id` as the dataset source_id dates it (schema 012):
 * an entity made by this import (made = 1) takes it, and the source as its
 * life's own. An entity whose life that source gave is corrected when the
 * life differs: the life known until now moves to entity_life, closed at
 * the import's stamp (GP_CORRECTED), never overwritten. An entity dated by
 * hand or by another source (a built-in entity a dataset maps onto) keeps
 * its life (GP_UNCHANGED).
 */
int gp_entity_life(geopol_db *db, int64_t id, geopol_date from, geopol_date to, int64_t source_id,
		   int made);

/* Add an entity a dataset dates (spec->from, spec->to), or correct its
 * life as gp_entity_life does: GEOPOL_OK (added), GP_UNCHANGED,
 * GP_CORRECTED, or an error. */
int gp_dataset_entity(geopol_db *db, const geopol_entity_spec *spec, int64_t source_id);

/* Add a name (GP_UNCHANGED if stored) and cite it. */
int gp_cited_name(geopol_db *db, const char *entity, const char *text, const char *lang,
		  int kind, int64_t source_id);

/* A bad row: "<file>:<line>:<column>: <what>". With opts->skip_bad_rows the
 * row is reported through opts->skipped, counted in stats->skipped, and
 * GP_SKIP returned (go on with the next row); else EINVAL with the message. */
#define GP_SKIP 2
int gp_bad_row(gp_csv *c, const geopol_import_options *opts, geopol_import_stats *stats,
	       const char *column, const char *fmt, ...) __attribute__((format(printf, 5, 6)));

/* A record's shape: as many fields as the header (up to `extra` more, for
 * files written with row names), no NUL byte in any field and, with utf8,
 * every field valid UTF-8; else a bad row naming the column. */
int gp_check_record(gp_csv *c, const geopol_import_options *opts, geopol_import_stats *stats,
		    size_t extra, int utf8);

/* Field i, to be stored as text, must be valid UTF-8; else a bad row. */
int gp_check_text(gp_csv *c, const geopol_import_options *opts, geopol_import_stats *stats,
		  size_t i, const char *column);

/* Prefix the message of a failed write with "<file>:<line>: ". */
int gp_row_fail(gp_csv *c, int rc);

/* A fact of an earlier release corrected by this one (a new version of
 * the same fact, in recorded time). */
#define GP_CORRECTED 3

/* Count an add: GP_UNCHANGED in unchanged, GP_CORRECTED in corrected,
 * else in added. */
static inline void gp_count(geopol_import_stats *s, int rc)
{
	if (rc == GP_UNCHANGED)
		s->unchanged++;
	else if (rc == GP_CORRECTED)
		s->corrected++;
	else
		s->added++;
}

/* Count an attribute set (gp_entity_attr_set): only its corrections; the
 * records' counts are of facts. Returns rc, or GEOPOL_OK for a count. */
static inline int gp_count_attr(geopol_import_stats *s, int rc)
{
	if (rc == GP_CORRECTED)
		s->corrected++;
	return rc < 0 ? rc : GEOPOL_OK;
}

/*
 * Releases (opts->release, import.c). Every fact version a release import
 * finds or writes is marked seen; at the end, the current dataset facts
 * (memberships of a coding, events with a dataset id) that cite a source
 * of the import and were not seen are retracted. gp_release_begin/end
 * are import.c's; the importers mark through gp_release_mark.
 */
int gp_release_begin(geopol_db *db);
int gp_release_end(geopol_db *db, geopol_import_stats *stats);
/* kind: a GEOPOL_FACT_* (names by fact id, the others by row), or: */
#define GP_SEEN_ENTITY GP_RELEASE_ENTITY /* an entity the release names or sets attributes of */
#define GP_SEEN_ATTR GP_RELEASE_ATTR     /* an entity_attr row */
int gp_release_mark(geopol_db *db, int kind, int64_t row);
/* The span a file of the release covers, for its events of source_id:
 * days (by_added 0) or GDELT DATEADDED values (by_added 1), lo..hi. */
int gp_release_span(geopol_db *db, int64_t source_id, int by_added, int64_t lo, int64_t hi);
/* A new version of a membership row, the same in all but recorded time. */
int gp_membership_new_version(geopol_db *db, int64_t row, int64_t *out);
/* 1 when the row was seen in this release import, 0 if not, or an error. */
int gp_release_seen(geopol_db *db, int kind, int64_t row);

/* The first row a lookup of the store finds (gp_store.look): GEOPOL_OK
 * with *found 0 or 1, the row in *r (may be NULL; its texts not kept) and
 * its text in text[0..size) (text may be NULL), or an error. */
int gp_look_one(geopol_db *db, const gp_look *q, gp_look_row *r, char *text, size_t size,
		int *found);

/* Strict number parsing for fields: the whole field must be the number. */
int gp_parse_int(const char *s, long *out);
int gp_parse_double(const char *s, double *out);

/* Report progress now and then. */
void gp_csv_progress(gp_csv *c, const geopol_import_options *opts);

#endif
