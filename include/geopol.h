/*
 * geopol.h - the public interface of libgeopol.
 *
 * geopol keeps the relations between states, international organizations and
 * people as a temporal graph in one SQLite file and answers "what held on
 * this date?" questions about it. This header is the manual.
 *
 * Conventions (see docs in README.md):
 *  - Every function that can fail returns a status code: GEOPOL_OK (0) or a
 *    negative GEOPOL_E* code; geopol_errmsg() gives the detail.
 *  - Constructors fill an out-parameter given first; destructors accept NULL.
 *  - Query results come back through a geopol_iter: call geopol_iter_next()
 *    until it returns GEOPOL_ITEROVER. The item and every string it points to
 *    are owned by the iterator and valid until the next call on it.
 *  - Entities are named by their code ("KAZ", "CSTO", "tokayev").
 *  - Dates are geopol_date values (day number + precision); parse and format
 *    them with geopol_date_parse() / geopol_date_format().
 *  - NULL arguments never crash. A NULL handle (db), iterator, spec or
 *    out-parameter gives GEOPOL_EMISUSE (functions that return no status
 *    say what they do); a NULL code, name or text that is required gives
 *    GEOPOL_EINVAL with a message. An argument that may be NULL is marked so
 *    below, with what NULL means; options structs may always be NULL (the
 *    defaults). Destructors (geopol_close, geopol_iter_free,
 *    geopol_panel_free, geopol_free) accept NULL.
 *  - Versioned structs (options and specs) are checked alike: versions 1
 *    to the current one are accepted, so a caller built against an older,
 *    shorter struct keeps working; any other is GEOPOL_EMISUSE.
 *  - Closing a handle ends its iterators: geopol_close() frees what they
 *    hold in the database, and from then on geopol_iter_next(),
 *    geopol_iter_citations() and geopol_iter_json() return GEOPOL_EMISUSE;
 *    each must still be freed with geopol_iter_free() (before or after the
 *    close). Items taken from them before the close are gone with it.
 *    Panels (geopol_panel_iter) are not ended: free them before the close.
 *
 * Copyright (c) 2026 the geopol authors. MIT License.
 */
#ifndef GEOPOL_H
#define GEOPOL_H

#include <math.h>   /* NAN, for GEOPOL_EVENT_SPEC_INIT */
#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#if defined(_WIN32) && defined(GEOPOL_BUILDING_SHARED)
#  define GEOPOL_API __declspec(dllexport)
#elif defined(__GNUC__)
#  define GEOPOL_API __attribute__((visibility("default")))
#else
#  define GEOPOL_API
#endif

#define GEOPOL_VERSION_MAJOR 0
#define GEOPOL_VERSION_MINOR 1
#define GEOPOL_VERSION_PATCH 0
#define GEOPOL_VERSION_NUMBER \
	(GEOPOL_VERSION_MAJOR * 10000 + GEOPOL_VERSION_MINOR * 100 + GEOPOL_VERSION_PATCH)
#define GEOPOL_VERSION_STRING "0.1.0"

/** The library's version number, to compare with GEOPOL_VERSION_NUMBER. */
GEOPOL_API int geopol_version_number(void);
/** The library's version string. Static storage. */
GEOPOL_API const char *geopol_version_string(void);

/* ------------------------------------------------------------------------
 * Status codes. Never renumbered; new ones are only appended.
 */
typedef enum geopol_status {
	GEOPOL_OK = 0,
	GEOPOL_ENOMEM = -1,     /**< out of memory */
	GEOPOL_EINVAL = -2,     /**< bad input: see geopol_errmsg() */
	GEOPOL_ENOTFOUND = -3,  /**< no such entity, source, fact or type */
	GEOPOL_ECONFLICT = -4,  /**< the fact contradicts one already stored */
	GEOPOL_EIO = -5,        /**< a file could not be read or written */
	GEOPOL_EDB = -6,        /**< the database refused (damaged, not SQLite, read-only) */
	GEOPOL_EVERSION = -7,   /**< the file was written by a newer geopol */
	GEOPOL_EAMBIGUOUS = -8, /**< a name matches several entities */
	GEOPOL_EMISUSE = -9,    /**< the API was called out of order */
	GEOPOL_EBUSY = -10,     /**< another connection held a lock past the busy timeout: retry later */
	GEOPOL_ITEROVER = -100  /**< the iteration is over (not an error) */
} geopol_status;

/** A fixed English text for a status code. Static storage. */
GEOPOL_API const char *geopol_strerror(int status);

/* ------------------------------------------------------------------------
 * Dates. A date is a day number (days since 0001-01-01 of the proleptic
 * Gregorian calendar; 0001-01-01 is day 0) of the first day it covers, and
 * a precision. "2022" covers 365 days, "2022-05" 31, "2022-05-10" one.
 */
typedef enum geopol_precision {
	GEOPOL_DATE_NONE = 0, /**< no date: an open start or end */
	GEOPOL_DATE_YEAR = 1,
	GEOPOL_DATE_MONTH = 2,
	GEOPOL_DATE_DAY = 3
} geopol_precision;

typedef struct geopol_date {
	int32_t day;       /**< first day covered; ignored when precision is NONE */
	int32_t precision; /**< a geopol_precision */
} geopol_date;

/** The absent date (an open end): precision GEOPOL_DATE_NONE. */
#define GEOPOL_DATE_OPEN_INIT {0, GEOPOL_DATE_NONE}

/** Longest string geopol_date_format() writes, with its NUL. */
#define GEOPOL_DATE_BUFSIZE 11

/**
 * Parse "YYYY", "YYYY-MM" or "YYYY-MM-DD" (years 1 to 9999) into *out.
 * Returns GEOPOL_EINVAL for anything else, including impossible days
 * (2022-02-30) and trailing characters, and for a NULL out or text.
 */
GEOPOL_API int geopol_date_parse(geopol_date *out, const char *text);

/** Build a date from parts; month/day 0 lower the precision. EINVAL if impossible or out is NULL. */
GEOPOL_API int geopol_date_from_ymd(geopol_date *out, int year, int month, int day);

/**
 * Split a day number into year, month and day. Any day number works (no
 * overflow): days outside years 1-9999 give their proleptic year (0 and
 * below, or past 9999). Each of year, month, mday may be NULL (not wanted).
 */
GEOPOL_API void geopol_date_to_ymd(int32_t day, int *year, int *month, int *mday);

/**
 * Write the date at its precision into buf ("2022", "2022-05", "2022-05-10";
 * "" for an absent date or an unknown precision). Returns the length
 * written, or GEOPOL_EINVAL (buf "" if it has room) when buf is NULL, size
 * is smaller than GEOPOL_DATE_BUFSIZE, or the day lies outside years 1-9999.
 */
GEOPOL_API int geopol_date_format(geopol_date date, char *buf, size_t size);

/** The last day a date covers (its first day for day precision; the day
 *  itself for a day outside years 1-9999). */
GEOPOL_API int32_t geopol_date_last_day(geopol_date date);

/** Today's date in UTC, day precision. */
GEOPOL_API geopol_date geopol_date_today(void);

/* ------------------------------------------------------------------------
 * The model's vocabularies.
 */
typedef enum geopol_kind {
	GEOPOL_KIND_STATE = 1,
	GEOPOL_KIND_ORGANIZATION = 2,
	GEOPOL_KIND_PERSON = 3,
	GEOPOL_KIND_OTHER = 4
} geopol_kind;

typedef enum geopol_name_kind {
	GEOPOL_NAME_OFFICIAL = 1,
	GEOPOL_NAME_SHORT = 2,
	GEOPOL_NAME_ACRONYM = 3,
	GEOPOL_NAME_ALIAS = 4,
	GEOPOL_NAME_HISTORICAL = 5,
	GEOPOL_NAME_MISSPELLING = 6
} geopol_name_kind;

typedef enum geopol_role {
	GEOPOL_ROLE_FOUNDING_MEMBER = 1,
	GEOPOL_ROLE_MEMBER = 2,
	GEOPOL_ROLE_ASSOCIATE = 3,
	GEOPOL_ROLE_OBSERVER = 4,
	GEOPOL_ROLE_PARTNER = 5,
	GEOPOL_ROLE_DIALOGUE_PARTNER = 6,
	GEOPOL_ROLE_CANDIDATE = 7,
	GEOPOL_ROLE_SUSPENDED = 8
} geopol_role;

typedef enum geopol_actor_role {
	GEOPOL_ACTOR_SOURCE = 1,
	GEOPOL_ACTOR_TARGET = 2,
	GEOPOL_ACTOR_PARTICIPANT = 3,
	GEOPOL_ACTOR_HOST = 4
} geopol_actor_role;

/** The kinds of fact that can be cited, corrected and retracted. */
typedef enum geopol_fact_kind {
	GEOPOL_FACT_NAME = 1,
	GEOPOL_FACT_MEMBERSHIP = 2,
	GEOPOL_FACT_RELATION = 3,
	GEOPOL_FACT_EVENT = 4
} geopol_fact_kind;

/**
 * The legal stage of a membership row (docs/FORMAT.md "Stages"). Each
 * stage is a row of its own, with its dates and sources: "signed
 * 1991-12-21 to 1993-09-24", then "in force from 1993-09-24". A row stored
 * without a stage is in force. "Members at D" answers de jure by default
 * (GEOPOL_STAGES_DE_JURE); geopol_query.stages asks otherwise.
 */
typedef enum geopol_stage {
	GEOPOL_STAGE_IN_FORCE = 1,            /**< a member (the default) */
	GEOPOL_STAGE_SIGNED = 2,              /**< signed, not yet ratified */
	GEOPOL_STAGE_RATIFIED = 3,            /**< ratified, not yet in force */
	GEOPOL_STAGE_SUSPENDED = 4,           /**< suspended by the organization: member de jure only */
	GEOPOL_STAGE_FROZEN = 5,              /**< participation frozen by the member: member de jure only */
	GEOPOL_STAGE_WITHDRAWAL_NOTIFIED = 6, /**< notified its withdrawal, still bound until it takes effect */
	GEOPOL_STAGE_WITHDRAWN = 7            /**< withdrawn: no longer a member */
} geopol_stage;

/** A set of stages, for geopol_query.stages. */
#define GEOPOL_STAGE_BIT(stage) (1u << (stage))
/** Members in law: in force, suspended, frozen or notified their withdrawal (the default). */
#define GEOPOL_STAGES_DE_JURE (GEOPOL_STAGE_BIT(GEOPOL_STAGE_IN_FORCE) | \
	GEOPOL_STAGE_BIT(GEOPOL_STAGE_SUSPENDED) | GEOPOL_STAGE_BIT(GEOPOL_STAGE_FROZEN) | \
	GEOPOL_STAGE_BIT(GEOPOL_STAGE_WITHDRAWAL_NOTIFIED))
/** Members taking part: in force, or notified their withdrawal but not yet out. */
#define GEOPOL_STAGES_DE_FACTO (GEOPOL_STAGE_BIT(GEOPOL_STAGE_IN_FORCE) | \
	GEOPOL_STAGE_BIT(GEOPOL_STAGE_WITHDRAWAL_NOTIFIED))
/** States that had ratified (and not withdrawn): ratified, or any de jure stage. */
#define GEOPOL_STAGES_RATIFIED (GEOPOL_STAGE_BIT(GEOPOL_STAGE_RATIFIED) | GEOPOL_STAGES_DE_JURE)
/** States that had signed (and not withdrawn). */
#define GEOPOL_STAGES_SIGNED (GEOPOL_STAGE_BIT(GEOPOL_STAGE_SIGNED) | GEOPOL_STAGES_RATIFIED)
/** Every stage, withdrawn included. */
#define GEOPOL_STAGES_ALL (GEOPOL_STAGES_SIGNED | GEOPOL_STAGE_BIT(GEOPOL_STAGE_WITHDRAWN))

/** How sure an "at D" answer is (DESIGN.md section 3). */
typedef enum geopol_certainty {
	GEOPOL_DEFINITE = 1, /**< holds whatever days the imprecise ends stand for */
	GEOPOL_POSSIBLE = 2  /**< holds only for some of those days */
} geopol_certainty;

/* The lowercase names used in files and on the command line ("state",
 * "founding_member", "source", "official"...). The _name functions return
 * static strings, or NULL for a value out of range; the _parse functions
 * return the value, or 0 for an unknown name or NULL. */
GEOPOL_API const char *geopol_kind_name(int kind);
GEOPOL_API int geopol_kind_parse(const char *name);
GEOPOL_API const char *geopol_name_kind_name(int kind);
GEOPOL_API int geopol_name_kind_parse(const char *name);
GEOPOL_API const char *geopol_role_name(int role);
GEOPOL_API int geopol_role_parse(const char *name);
GEOPOL_API const char *geopol_actor_role_name(int role);
GEOPOL_API int geopol_actor_role_parse(const char *name);
GEOPOL_API const char *geopol_certainty_name(int certainty);
GEOPOL_API const char *geopol_stage_name(int stage);
GEOPOL_API int geopol_stage_parse(const char *name);

/* ------------------------------------------------------------------------
 * Opening a database.
 */
typedef struct geopol_db geopol_db;

#define GEOPOL_OPEN_OPTIONS_VERSION 2
typedef struct geopol_open_options {
	unsigned version;  /**< GEOPOL_OPEN_OPTIONS_VERSION (1 is still accepted: no must_exist) */
	/** Open without creating, migrating or writing anything, even beside
	 *  the file: a WAL-mode file in a folder the user cannot write (no -shm
	 *  can be created there) is read as an immutable file when no log is
	 *  pending (no -wal, or an empty one); it must then not be written by
	 *  anyone while open. Writes on the handle give GEOPOL_EMISUSE. */
	int read_only;
	/** How long a write waits for another connection's write lock (and a
	 *  read for a recovery under way) before GEOPOL_EBUSY; 0 = 5000. */
	int busy_timeout_ms;
	/** Open an existing file only (like SQLite without SQLITE_OPEN_CREATE):
	 *  where no file is, GEOPOL_ENOTFOUND ("PATH: no such database file")
	 *  instead of a new empty database. Version 2. */
	int must_exist;
} geopol_open_options;
#define GEOPOL_OPEN_OPTIONS_INIT {GEOPOL_OPEN_OPTIONS_VERSION, 0, 0, 0}

/**
 * Fill *opts as GEOPOL_OPEN_OPTIONS_INIT does, at `version` (1 to GEOPOL_OPEN_OPTIONS_VERSION), for
 * bindings that cannot expand the macro: only the fields of that version
 * are written (an older struct is shorter), and its version field is set.
 * @param opts the struct to fill; NULL gives GEOPOL_EMISUSE.
 * @param version the version of the caller's struct, normally GEOPOL_OPEN_OPTIONS_VERSION.
 * @return GEOPOL_OK, or GEOPOL_EMISUSE for a NULL opts or a version
 *         outside 1 to GEOPOL_OPEN_OPTIONS_VERSION (*opts is then left untouched).
 */
GEOPOL_API int geopol_open_options_init(geopol_open_options *opts, unsigned version);

/**
 * Open (creating, unless opts->must_exist or read_only, or migrating as
 * needed) the database at path; ":memory:" opens a private in-memory one. opts may be NULL. On success *out is a new
 * handle, to close with geopol_close(). On failure *out is still set when a
 * handle could be allocated, so geopol_errmsg(*out) can tell why; close it.
 * A file written by a newer geopol gives GEOPOL_EVERSION; a file that is not
 * SQLite gives GEOPOL_EDB. A handle and its iterators belong to one thread
 * at a time: open one handle per thread (many readers and one writer may
 * share the file).
 */
GEOPOL_API int geopol_open(geopol_db **out, const char *path,
			   const geopol_open_options *opts);

/**
 * Close the handle; NULL is a harmless no-op. An open transaction is rolled
 * back. Its iterators still open are ended (see the conventions above):
 * they answer GEOPOL_EMISUSE and must still be freed.
 */
GEOPOL_API void geopol_close(geopol_db *db);

/**
 * The detail of the last error on this handle ("data.json: memberships[3]:
 * field 'from': impossible date '2022-02-30'"). Owned by the handle, valid
 * until the next call on it. Never NULL; db may be NULL (a fixed text).
 * The message is one line: control bytes and invalid UTF-8 in a value it
 * quotes are written as \\xHH, and a long value is cut to its first 60 bytes.
 */
GEOPOL_API const char *geopol_errmsg(const geopol_db *db);

/** The schema version of the open file (PRAGMA user_version); 0 for a NULL db. */
GEOPOL_API int geopol_schema_version(const geopol_db *db);

/**
 * Transactions. Every write is atomic on its own; these group several.
 * geopol_begin() takes the file's write lock at once, waiting up to the busy
 * timeout for another writer, then GEOPOL_EBUSY; every single write (and
 * import) outside a transaction does the same. GEOPOL_EMISUSE on a
 * read-only handle, for a second begin, or commit/rollback without begin.
 */
GEOPOL_API int geopol_begin(geopol_db *db);
GEOPOL_API int geopol_commit(geopol_db *db);
GEOPOL_API int geopol_rollback(geopol_db *db);

/**
 * Recorded time, in microseconds since 1970-01-01 UTC. Each write is
 * stamped with the handle's clock, which never goes backwards: two writes
 * get two distinct, increasing stamps. geopol_set_clock() fixes the clock at
 * a value (tests, replays of a dated import); 0 returns it to real time.
 * With a NULL db, geopol_now() gives the real time and geopol_set_clock()
 * does nothing.
 */
GEOPOL_API int64_t geopol_now(geopol_db *db);
GEOPOL_API void geopol_set_clock(geopol_db *db, int64_t usec);

/** The recorded-time stamp of the end of a day (its last microsecond). */
GEOPOL_API int64_t geopol_recorded_end_of(geopol_date date);

/* ------------------------------------------------------------------------
 * Writing facts. Each call is atomic: on failure nothing was written.
 * Dates of an interval are [from, to): `to` is the first day the fact no
 * longer holds; a NONE `from` means an open start, a NONE `to` an open end.
 */

#define GEOPOL_SOURCE_SPEC_VERSION 1
typedef struct geopol_source_spec {
	unsigned version;
	const char *code;      /**< required, unique ("seed:000", "cow-igo-3") */
	const char *title, *author, *publisher, *lang, *url, *file; /**< optional */
	geopol_date published; /**< optional */
} geopol_source_spec;
#define GEOPOL_SOURCE_SPEC_INIT {GEOPOL_SOURCE_SPEC_VERSION, NULL, NULL, NULL, NULL, NULL, NULL, NULL, GEOPOL_DATE_OPEN_INIT}

/**
 * Fill *spec as GEOPOL_SOURCE_SPEC_INIT does, at `version` (1 to GEOPOL_SOURCE_SPEC_VERSION), for
 * bindings that cannot expand the macro: only the fields of that version
 * are written (an older struct is shorter), and its version field is set.
 * @param spec the struct to fill; NULL gives GEOPOL_EMISUSE.
 * @param version the version of the caller's struct, normally GEOPOL_SOURCE_SPEC_VERSION.
 * @return GEOPOL_OK, or GEOPOL_EMISUSE for a NULL spec or a version
 *         outside 1 to GEOPOL_SOURCE_SPEC_VERSION (*spec is then left untouched).
 */
GEOPOL_API int geopol_source_spec_init(geopol_source_spec *spec, unsigned version);

/** Add a source. GEOPOL_ECONFLICT if the code exists with other fields.
 *  spec must not be NULL; its optional strings may be. */
GEOPOL_API int geopol_source_add(geopol_db *db, const geopol_source_spec *spec);

#define GEOPOL_ENTITY_SPEC_VERSION 1
typedef struct geopol_entity_spec {
	unsigned version;
	const char *code;     /**< required, unique */
	int kind;             /**< a geopol_kind */
	const char *subkind;  /**< optional: alliance, union, territory, ... */
	geopol_date from, to; /**< the entity's own valid interval */
} geopol_entity_spec;
#define GEOPOL_ENTITY_SPEC_INIT {GEOPOL_ENTITY_SPEC_VERSION, NULL, 0, NULL, GEOPOL_DATE_OPEN_INIT, GEOPOL_DATE_OPEN_INIT}

/**
 * Fill *spec as GEOPOL_ENTITY_SPEC_INIT does, at `version` (1 to GEOPOL_ENTITY_SPEC_VERSION), for
 * bindings that cannot expand the macro: only the fields of that version
 * are written (an older struct is shorter), and its version field is set.
 * @param spec the struct to fill; NULL gives GEOPOL_EMISUSE.
 * @param version the version of the caller's struct, normally GEOPOL_ENTITY_SPEC_VERSION.
 * @return GEOPOL_OK, or GEOPOL_EMISUSE for a NULL spec or a version
 *         outside 1 to GEOPOL_ENTITY_SPEC_VERSION (*spec is then left untouched).
 */
GEOPOL_API int geopol_entity_spec_init(geopol_entity_spec *spec, unsigned version);

/** Add an entity. GEOPOL_ECONFLICT if its code exists. spec must not be
 *  NULL; subkind may be. A code has no white space and at most 64 bytes. */
GEOPOL_API int geopol_entity_add(geopol_db *db, const geopol_entity_spec *spec);

/**
 * The attributes of an entity the model has no column for (an importer's:
 * an ATOP alliance's obligations and provisions, a COW organization's
 * domain and fate) as a JSON object {"key": "value", ...} in *json,
 * allocated by the library (geopol_free), or NULL when it has none. A NULL
 * db, entity or json is GEOPOL_EMISUSE.
 */
GEOPOL_API int geopol_entity_attrs(geopol_db *db, const char *entity, char **json);

/** Attach an external id (scheme "cow", value "705") to an entity. None of
 *  entity, scheme, value may be NULL (GEOPOL_EINVAL). */
GEOPOL_API int geopol_entity_xref_add(geopol_db *db, const char *entity,
				      const char *scheme, const char *value);

#define GEOPOL_NAME_SPEC_VERSION 1
typedef struct geopol_name_spec {
	unsigned version;
	const char *entity;   /**< entity code */
	const char *text;     /**< the name, valid UTF-8 */
	const char *lang;     /**< BCP 47 tag: "ar", "kk-Latn" */
	int kind;             /**< a geopol_name_kind */
	geopol_date from, to; /**< when the name was in use (optional) */
} geopol_name_spec;
#define GEOPOL_NAME_SPEC_INIT {GEOPOL_NAME_SPEC_VERSION, NULL, NULL, NULL, GEOPOL_NAME_OFFICIAL, GEOPOL_DATE_OPEN_INIT, GEOPOL_DATE_OPEN_INIT}

/**
 * Fill *spec as GEOPOL_NAME_SPEC_INIT does, at `version` (1 to GEOPOL_NAME_SPEC_VERSION), for
 * bindings that cannot expand the macro: only the fields of that version
 * are written (an older struct is shorter), and its version field is set.
 * @param spec the struct to fill; NULL gives GEOPOL_EMISUSE.
 * @param version the version of the caller's struct, normally GEOPOL_NAME_SPEC_VERSION.
 * @return GEOPOL_OK, or GEOPOL_EMISUSE for a NULL spec or a version
 *         outside 1 to GEOPOL_NAME_SPEC_VERSION (*spec is then left untouched).
 */
GEOPOL_API int geopol_name_spec_init(geopol_name_spec *spec, unsigned version);

/** Add a name; *fact_id (may be NULL) receives its fact id. spec must not
 *  be NULL; a name is at most 4096 bytes. */
GEOPOL_API int geopol_name_add(geopol_db *db, const geopol_name_spec *spec, int64_t *fact_id);

/* Version 2 added `stage`; a version 1 struct is still accepted. */
#define GEOPOL_MEMBERSHIP_SPEC_VERSION 2
typedef struct geopol_membership_spec {
	unsigned version;
	const char *org;      /**< organization code */
	const char *member;   /**< member entity code */
	int role;             /**< a geopol_role */
	geopol_date from, to;
	/** A geopol_stage; 0 means in force (role "suspended" means suspended). */
	int stage;
} geopol_membership_spec;
#define GEOPOL_MEMBERSHIP_SPEC_INIT {GEOPOL_MEMBERSHIP_SPEC_VERSION, NULL, NULL, GEOPOL_ROLE_MEMBER, GEOPOL_DATE_OPEN_INIT, GEOPOL_DATE_OPEN_INIT, 0}

/**
 * Fill *spec as GEOPOL_MEMBERSHIP_SPEC_INIT does, at `version` (1 to GEOPOL_MEMBERSHIP_SPEC_VERSION), for
 * bindings that cannot expand the macro: only the fields of that version
 * are written (an older struct is shorter), and its version field is set.
 * @param spec the struct to fill; NULL gives GEOPOL_EMISUSE.
 * @param version the version of the caller's struct, normally GEOPOL_MEMBERSHIP_SPEC_VERSION.
 * @return GEOPOL_OK, or GEOPOL_EMISUSE for a NULL spec or a version
 *         outside 1 to GEOPOL_MEMBERSHIP_SPEC_VERSION (*spec is then left untouched).
 */
GEOPOL_API int geopol_membership_spec_init(geopol_membership_spec *spec, unsigned version);

/** Add a membership; *fact_id (may be NULL) receives its fact id. spec
 *  must not be NULL. */
GEOPOL_API int geopol_membership_add(geopol_db *db, const geopol_membership_spec *spec, int64_t *fact_id);

#define GEOPOL_RELATION_SPEC_VERSION 1
typedef struct geopol_relation_spec {
	unsigned version;
	const char *a, *b;    /**< entity codes; for a directed type, a acts on b */
	const char *type;     /**< a relation type code ("sanctions") */
	const char *attrs;    /**< a JSON object as text, or NULL */
	geopol_date from, to;
} geopol_relation_spec;
#define GEOPOL_RELATION_SPEC_INIT {GEOPOL_RELATION_SPEC_VERSION, NULL, NULL, NULL, NULL, GEOPOL_DATE_OPEN_INIT, GEOPOL_DATE_OPEN_INIT}

/**
 * Fill *spec as GEOPOL_RELATION_SPEC_INIT does, at `version` (1 to GEOPOL_RELATION_SPEC_VERSION), for
 * bindings that cannot expand the macro: only the fields of that version
 * are written (an older struct is shorter), and its version field is set.
 * @param spec the struct to fill; NULL gives GEOPOL_EMISUSE.
 * @param version the version of the caller's struct, normally GEOPOL_RELATION_SPEC_VERSION.
 * @return GEOPOL_OK, or GEOPOL_EMISUSE for a NULL spec or a version
 *         outside 1 to GEOPOL_RELATION_SPEC_VERSION (*spec is then left untouched).
 */
GEOPOL_API int geopol_relation_spec_init(geopol_relation_spec *spec, unsigned version);

/** Add a relation; *fact_id (may be NULL) receives its fact id. spec
 *  must not be NULL; its attrs may be. */
GEOPOL_API int geopol_relation_add(geopol_db *db, const geopol_relation_spec *spec, int64_t *fact_id);

/**
 * The rank of a coding in this database: memberships answer, for each
 * (organization, member) pair, from the coding of lowest rank that has rows
 * for the pair. "curated" (the API and JSON rows) is 0; an imported
 * dataset's coding ("cow-igo-3", "atop-4 phase 2") is 100 unless set here.
 * Ranks go from -1000000 to 1000000; equal ranks answer side by side.
 * A NULL coding is GEOPOL_EINVAL; a NULL db or rank, GEOPOL_EMISUSE.
 */
GEOPOL_API int geopol_coding_rank_set(geopol_db *db, const char *coding, int rank);
/** The rank of a coding (the default for one never set). */
GEOPOL_API int geopol_coding_rank(geopol_db *db, const char *coding, int *rank);

/** Declare a relation type (code, directed or not, label). label may be NULL. */
GEOPOL_API int geopol_relation_type_add(geopol_db *db, const char *code, int directed, const char *label);

/** Declare an event type (a CAMEO code such as "042"), its name and Goldstein
 *  value (NaN: none). Neither code nor name may be NULL (GEOPOL_EINVAL). */
GEOPOL_API int geopol_event_type_add(geopol_db *db, const char *code, const char *name, double goldstein);

typedef struct geopol_actor_spec {
	const char *entity;   /**< entity code */
	int role;             /**< a geopol_actor_role */
} geopol_actor_spec;

typedef struct geopol_text_spec {
	const char *lang;
	const char *title;
	const char *description; /**< may be NULL */
} geopol_text_spec;

#define GEOPOL_EVENT_SPEC_VERSION 1
typedef struct geopol_event_spec {
	unsigned version;
	const char *ext_id;   /**< optional external id, unique ("GDELT:123") */
	const char *type;     /**< event type code */
	geopol_date date;     /**< required: when it happened (or began) */
	geopol_date end;      /**< optional: first day after it ended */
	const geopol_actor_spec *actors; size_t n_actors;
	const geopol_text_spec *texts; size_t n_texts;
	double intensity;     /**< NaN when unknown */
	const char *location; /**< optional: an entity code or a place name */
} geopol_event_spec;
#define GEOPOL_EVENT_SPEC_INIT {GEOPOL_EVENT_SPEC_VERSION, NULL, NULL, GEOPOL_DATE_OPEN_INIT, GEOPOL_DATE_OPEN_INIT, NULL, 0, NULL, 0, NAN, NULL}

/**
 * Fill *spec as GEOPOL_EVENT_SPEC_INIT does, at `version` (1 to GEOPOL_EVENT_SPEC_VERSION), for
 * bindings that cannot expand the macro: only the fields of that version
 * are written (an older struct is shorter), and its version field is set.
 * @param spec the struct to fill; NULL gives GEOPOL_EMISUSE.
 * @param version the version of the caller's struct, normally GEOPOL_EVENT_SPEC_VERSION.
 * @return GEOPOL_OK, or GEOPOL_EMISUSE for a NULL spec or a version
 *         outside 1 to GEOPOL_EVENT_SPEC_VERSION (*spec is then left untouched).
 */
GEOPOL_API int geopol_event_spec_init(geopol_event_spec *spec, unsigned version);

/**
 * Add an event; *fact_id (may be NULL) receives its fact id. An event whose
 * ext_id is already stored gives GEOPOL_ECONFLICT. spec must not be NULL;
 * actors must not be NULL (n_actors is at least 1), texts may be NULL only
 * when n_texts is 0 (else GEOPOL_EMISUSE); ext_id, location and a text's
 * description may be NULL.
 */
GEOPOL_API int geopol_event_add(geopol_db *db, const geopol_event_spec *spec, int64_t *fact_id);

/** Cite a source for the current version of a fact; quote may be NULL,
 *  source may not (GEOPOL_EINVAL). */
GEOPOL_API int geopol_cite(geopol_db *db, int kind, int64_t fact_id,
			   const char *source, const char *quote);

/**
 * Corrections never overwrite: the current version of the fact is closed in
 * recorded time and the new one appended with the same fact id; its
 * citations are carried over. GEOPOL_ENOTFOUND if no current version exists.
 * spec must not be NULL (GEOPOL_EMISUSE).
 */
GEOPOL_API int geopol_membership_correct(geopol_db *db, int64_t fact_id, const geopol_membership_spec *spec);
GEOPOL_API int geopol_relation_correct(geopol_db *db, int64_t fact_id, const geopol_relation_spec *spec);
GEOPOL_API int geopol_name_correct(geopol_db *db, int64_t fact_id, const geopol_name_spec *spec);
GEOPOL_API int geopol_event_correct(geopol_db *db, int64_t fact_id, const geopol_event_spec *spec);

/** Retract a fact: its current version is closed in recorded time. */
GEOPOL_API int geopol_retract(geopol_db *db, int kind, int64_t fact_id);

/* ------------------------------------------------------------------------
 * Results.
 */
typedef struct geopol_entity {
	int64_t id;
	const char *code;
	int kind;              /**< a geopol_kind */
	const char *subkind;   /**< or NULL */
	const char *name;      /**< display name: English short/official, else any; may be NULL */
	geopol_date from, to;
} geopol_entity;

typedef struct geopol_name {
	int64_t fact_id;
	const char *entity;
	const char *text;
	const char *lang;
	int kind;              /**< a geopol_name_kind */
	geopol_date from, to;
	int certainty;         /**< a geopol_certainty (DEFINITE when not asked at a date) */
} geopol_name;

typedef struct geopol_membership {
	int64_t fact_id;
	const char *org;
	const char *member;
	int role;              /**< a geopol_role */
	geopol_date from, to;
	int certainty;
	int64_t recorded;      /**< recorded time of this version (µs since 1970) */
	int stage;             /**< a geopol_stage */
	/** The coding the row belongs to: "curated" for the data entered
	 *  through the API or the JSON format, else the imported dataset's
	 *  ("cow-igo-3"). See geopol_coding_rank_set(). */
	const char *coding;
} geopol_membership;

typedef struct geopol_relation {
	int64_t fact_id;
	const char *a, *b;
	const char *type;
	int directed;
	const char *attrs;     /**< JSON object text, or NULL */
	geopol_date from, to;
	int certainty;
	int64_t recorded;
} geopol_relation;

typedef struct geopol_actor {
	const char *entity;
	int role;              /**< a geopol_actor_role */
} geopol_actor;

typedef struct geopol_event {
	int64_t fact_id;
	const char *ext_id;    /**< or NULL */
	const char *type;
	const char *type_name; /**< or NULL */
	double goldstein;      /**< NaN when the type has none */
	geopol_date date, end;
	double intensity;      /**< NaN when unknown */
	const char *title;     /**< in the asked language, else English, else any; may be NULL */
	const char *title_lang;
	const char *description;
	const char *location;
	const geopol_actor *actors; size_t n_actors;
	/** Over a window (geopol_events, geopol_history, geopol_diff): DEFINITE
	 *  when every day `date` may stand for lies in the window, POSSIBLE when
	 *  only some do; DEFINITE when not asked over a window. */
	int certainty;
	int64_t recorded;
	/** The dataset's own fields, a JSON object, or NULL: GDELT QuadClass,
	 *  NumMentions, NumSources, NumArticles, AvgTone, the place's lat/lon,
	 *  actor codes, names and types...; ICEWS sectors, event text, district,
	 *  lat/lon ("quad_class", "num_mentions", "num_sources", "num_articles",
	 *  "avg_tone", "lat", "lon", then the other columns under their names). */
	const char *details;
} geopol_event;

/** A name-search candidate (see geopol_resolve()). */
typedef struct geopol_candidate {
	const char *code;
	int kind;
	const char *name;      /**< display name of the entity */
	const char *matched;   /**< the stored name that matched */
	const char *lang;      /**< that name's language */
	double score;          /**< 1.0 exact; lower for fuzzier matches */
} geopol_candidate;

typedef struct geopol_citation {
	const char *source;    /**< source code */
	const char *title;     /**< source title, or NULL */
	const char *quote;     /**< or NULL */
} geopol_citation;

typedef enum geopol_item_kind {
	GEOPOL_ITEM_ENTITY = 1,
	GEOPOL_ITEM_NAME = 2,
	GEOPOL_ITEM_MEMBERSHIP = 3,
	GEOPOL_ITEM_RELATION = 4,
	GEOPOL_ITEM_EVENT = 5,
	GEOPOL_ITEM_CANDIDATE = 6
} geopol_item_kind;

/** What a diff item says happened between the two dates. */
typedef enum geopol_change {
	GEOPOL_CHANGE_NONE = 0,
	GEOPOL_CHANGE_JOINED = 1,           /**< membership holds at D2, not at D1 */
	GEOPOL_CHANGE_LEFT = 2,             /**< membership holds at D1, not at D2 */
	GEOPOL_CHANGE_RELATION_STARTED = 3,
	GEOPOL_CHANGE_RELATION_ENDED = 4,
	GEOPOL_CHANGE_EVENT = 5             /**< an event dated in [D1, D2) */
} geopol_change;

/**
 * One result. Exactly one of the pointers matches `kind`; the others are
 * NULL. Owned by the iterator; valid until the next call on it.
 */
typedef struct geopol_item {
	int kind;                       /**< a geopol_item_kind */
	const geopol_entity *entity;
	const geopol_name *name;
	const geopol_membership *membership;
	const geopol_relation *relation;
	const geopol_event *event;
	const geopol_candidate *candidate;
	int change;                     /**< diff: a geopol_change */
	int depth;                      /**< neighbors/path: hops from the start */
	const char *via;                /**< neighbors/path: entity reached from */
} geopol_item;

typedef struct geopol_iter geopol_iter;

/**
 * Step to the next result: GEOPOL_OK with *item set, GEOPOL_ITEROVER at the
 * end, or an error code (see geopol_errmsg() on the iterator's db).
 * GEOPOL_EMISUSE for a NULL it or item, and once the iterator's handle has
 * been closed (*item is then NULL).
 */
GEOPOL_API int geopol_iter_next(geopol_iter *it, const geopol_item **item);

/**
 * The citations of the current item (membership, relation, event or name),
 * loaded on demand. *cites is owned by the iterator, valid until the next
 * call on it; *n may be 0 (an uncited fact). No argument may be NULL;
 * GEOPOL_EMISUSE once the iterator's handle has been closed.
 */
GEOPOL_API int geopol_iter_citations(geopol_iter *it, const geopol_citation **cites, size_t *n);

/**
 * The current item as one JSON object (the row shapes of README "JSON
 * rows": membership {"org","member","role","from","to","certainty",
 * "sources"}, relation, event, entity, name, candidate; diff and traversal
 * items add "change", "depth" and "via"). Citations are included. *out is
 * allocated by the library: free it with geopol_free(). No argument may be
 * NULL; GEOPOL_EMISUSE before the first item, after the last, and once the
 * iterator's handle has been closed.
 */
GEOPOL_API int geopol_iter_json(geopol_iter *it, char **out);

/** Free an iterator, before or after its handle is closed; NULL is a no-op. */
GEOPOL_API void geopol_iter_free(geopol_iter *it);

/* ------------------------------------------------------------------------
 * Questions. In every one, out and db must not be NULL (GEOPOL_EMISUSE), and
 * an entity code it names must not be NULL (GEOPOL_EINVAL, "no entity code
 * given") unless marked optional; q may be NULL. On success *out is a new
 * iterator, to free with geopol_iter_free(); on failure it is NULL.
 * Every "at D" question takes query options: NULL means
 * current knowledge, possible and definite rows alike. A partial D (2022)
 * is answered over every day it covers: definite when the fact holds on all
 * of them whatever the imprecise ends stand for, possible when on some.
 */
#define GEOPOL_DEFINITE_ONLY 0x1u /**< leave out the possible rows */
/** Memberships of every coding side by side, not only the best-ranked one. */
#define GEOPOL_ALL_CODINGS 0x2u

/* Version 2 added `stages` and `coding`; a version 1 struct is still
 * accepted (and asks de jure, best-ranked coding). */
#define GEOPOL_QUERY_VERSION 2
typedef struct geopol_query {
	unsigned version;
	unsigned flags;       /**< GEOPOL_DEFINITE_ONLY, GEOPOL_ALL_CODINGS */
	int64_t known_at;     /**< recorded time to ask "as known on"; 0 = now */
	const char *lang;     /**< preferred language for titles and names; NULL = "en" */
	/** The membership stages kept (GEOPOL_STAGE_BIT()s, GEOPOL_STAGES_DE_FACTO,
	 *  GEOPOL_STAGES_RATIFIED...); 0 = GEOPOL_STAGES_DE_JURE. */
	unsigned stages;
	/** Memberships of this coding only ("curated", "cow-igo-3"); NULL = for
	 *  each (organization, member) pair, the best-ranked coding that has
	 *  rows for it (or all of them with GEOPOL_ALL_CODINGS). */
	const char *coding;
} geopol_query;
#define GEOPOL_QUERY_INIT {GEOPOL_QUERY_VERSION, 0, 0, NULL, 0, NULL}

/**
 * Fill *q as GEOPOL_QUERY_INIT does, at `version` (1 to GEOPOL_QUERY_VERSION), for
 * bindings that cannot expand the macro: only the fields of that version
 * are written (an older struct is shorter), and its version field is set.
 * @param q the struct to fill; NULL gives GEOPOL_EMISUSE.
 * @param version the version of the caller's struct, normally GEOPOL_QUERY_VERSION.
 * @return GEOPOL_OK, or GEOPOL_EMISUSE for a NULL q or a version
 *         outside 1 to GEOPOL_QUERY_VERSION (*q is then left untouched).
 */
GEOPOL_API int geopol_query_init(geopol_query *q, unsigned version);

/** One ENTITY item for a code, or GEOPOL_ENOTFOUND. */
GEOPOL_API int geopol_entity_get(geopol_iter **out, geopol_db *db, const char *code,
				 const geopol_query *q);

/** All entities, or those of one kind (0 = all), in code order: ENTITY items. */
GEOPOL_API int geopol_entities(geopol_iter **out, geopol_db *db, int kind, const geopol_query *q);

/** NAME items of an entity, in a language (NULL: all) valid at `at` (NONE: any time). */
GEOPOL_API int geopol_names(geopol_iter **out, geopol_db *db, const char *entity,
			    const char *lang, geopol_date at, const geopol_query *q);

/**
 * geopol_entity_attrs() as known at q->known_at (q may be NULL: now). An
 * attribute is never overwritten: a new value (a dataset's new release)
 * closes the one known until then, so that asking as known on an earlier
 * day gives the values known that day.
 */
GEOPOL_API int geopol_entity_attrs_known(geopol_db *db, const char *entity, const geopol_query *q,
					 char **json);

/** MEMBERSHIP items: the members of an organization at `at`, by member code. */
GEOPOL_API int geopol_members(geopol_iter **out, geopol_db *db, const char *org,
			      geopol_date at, const geopol_query *q);

/** MEMBERSHIP items: the organizations an entity belongs to at `at`, by org code. */
GEOPOL_API int geopol_memberships(geopol_iter **out, geopol_db *db, const char *entity,
				  geopol_date at, const geopol_query *q);

/**
 * MEMBERSHIP items, two per organization that a and b both belong to at
 * `at` (a's row, then b's), by org code. The pair's certainty is the weaker.
 */
GEOPOL_API int geopol_common(geopol_iter **out, geopol_db *db, const char *a, const char *b,
			     geopol_date at, const geopol_query *q);

/**
 * MEMBERSHIP items, two per alliance in which a pledges `obligation` and b
 * is a member at `at` (a's row, then b's), by alliance code: "a defense
 * pledge from a to b". The obligations are ATOP's, per member (an
 * asymmetric alliance binds its members differently): "defense" (NULL),
 * "offense", "neutrality", "non_aggression", "consultation"; GEOPOL_EINVAL
 * for another word.
 */
GEOPOL_API int geopol_pledges(geopol_iter **out, geopol_db *db, const char *a, const char *b,
			      const char *obligation, geopol_date at, const geopol_query *q);

/** RELATION items of an entity (other NULL) or between two, at `at`. */
GEOPOL_API int geopol_relations(geopol_iter **out, geopol_db *db, const char *entity,
				const char *other, geopol_date at, const geopol_query *q);

/**
 * The history of the dyad a-b over [from, to) (NONE for open ends): RELATION
 * items that overlap the span and EVENT items with both among the actors,
 * in date order. A relation is DEFINITE when it holds on some day of the
 * span whatever its imprecise ends stand for; an event as in geopol_events().
 */
GEOPOL_API int geopol_history(geopol_iter **out, geopol_db *db, const char *a, const char *b,
			      geopol_date from, geopol_date to, const geopol_query *q);

#define GEOPOL_EVENT_FILTER_VERSION 2
typedef struct geopol_event_filter {
	unsigned version;     /**< GEOPOL_EVENT_FILTER_VERSION (1 is still accepted) */
	const char *actor;    /**< an entity code among the actors, or NULL */
	const char *with;     /**< a second actor code, or NULL */
	const char *type;     /**< type code; a prefix matches its subtypes ("04" → 042) */
	geopol_date from, to; /**< the span, [from, to) */
	const char *text;     /**< substring of a title or description, any language */
	size_t limit;         /**< 0 = no limit */
	/** Since version 2: the dataset's QuadClass (GDELT): 1 verbal
	 *  cooperation, 2 material cooperation, 3 verbal conflict, 4 material
	 *  conflict; 0 = any. */
	int quad_class;
} geopol_event_filter;
#define GEOPOL_EVENT_FILTER_INIT {GEOPOL_EVENT_FILTER_VERSION, NULL, NULL, NULL, GEOPOL_DATE_OPEN_INIT, GEOPOL_DATE_OPEN_INIT, NULL, 0, 0}

/**
 * Fill *filter as GEOPOL_EVENT_FILTER_INIT does, at `version` (1 to GEOPOL_EVENT_FILTER_VERSION), for
 * bindings that cannot expand the macro: only the fields of that version
 * are written (an older struct is shorter), and its version field is set.
 * @param filter the struct to fill; NULL gives GEOPOL_EMISUSE.
 * @param version the version of the caller's struct, normally GEOPOL_EVENT_FILTER_VERSION.
 * @return GEOPOL_OK, or GEOPOL_EMISUSE for a NULL filter or a version
 *         outside 1 to GEOPOL_EVENT_FILTER_VERSION (*filter is then left untouched).
 */
GEOPOL_API int geopol_event_filter_init(geopol_event_filter *filter, unsigned version);

/**
 * EVENT items matching the filter (NULL: all), in date order: those whose
 * date may stand for a day of [from, to). An event is DEFINITE when every
 * day of its date lies in the span ("2022-01-06" in January 2022), POSSIBLE
 * when only some do ("2022" in January 2022); GEOPOL_DEFINITE_ONLY leaves
 * the possible ones out (before `limit` counts).
 */
GEOPOL_API int geopol_events(geopol_iter **out, geopol_db *db, const geopol_event_filter *filter,
			     const geopol_query *q);

/**
 * What changed between d1 and d2 (entity NULL: everywhere; else facts that
 * involve it): memberships joined and left, relations started and ended
 * (a changed relation shows as one ended and one started), and the events
 * whose date may lie in [d1, d2), each with its certainty in that window as
 * in geopol_events(). Items carry `change`.
 */
GEOPOL_API int geopol_diff(geopol_iter **out, geopol_db *db, geopol_date d1, geopol_date d2,
			   const char *entity, const geopol_query *q);

/**
 * Breadth-first neighbours of an entity at `at`, to `depth` hops, through
 * memberships and relations valid then. Each item is the edge that first
 * reached an entity (MEMBERSHIP or RELATION) with `depth` and `via` set.
 */
GEOPOL_API int geopol_neighbors(geopol_iter **out, geopol_db *db, const char *entity,
				geopol_date at, int depth, const geopol_query *q);

/**
 * A shortest path from a to b where every hop is valid at `at`: the edges in
 * order (MEMBERSHIP or RELATION items; `via` is the entity the hop leaves,
 * `depth` its position from 1). GEOPOL_ENOTFOUND if none within 6 hops.
 */
GEOPOL_API int geopol_path(geopol_iter **out, geopol_db *db, const char *a, const char *b,
			   geopol_date at, const geopol_query *q);

/**
 * The whole graph at `at`: first every ENTITY valid then (nodes, by code),
 * then every MEMBERSHIP and RELATION valid then (edges, in no promised
 * order). Streams: memory does not grow with the size of the graph.
 */
GEOPOL_API int geopol_snapshot(geopol_iter **out, geopol_db *db, geopol_date at,
			       const geopol_query *q);

/**
 * The memberships and relations that outlive one of their entities: their
 * interval starts before an entity's start or ends after its end (for
 * some reading of the imprecise dates). Answers and exports clip such a
 * fact to its entities' lives (no edge without its nodes) and leave it out
 * where nothing is left; this lists them, with their stored dates, for
 * `geopol check`: MEMBERSHIP items by organization and member code, then
 * RELATION items by a and b code. Every coding and stage is listed.
 */
GEOPOL_API int geopol_clipped(geopol_iter **out, geopol_db *db, const geopol_query *q);

/**
 * The whole graph over the span [from, to) (NONE for an open end): every
 * ENTITY, MEMBERSHIP and RELATION that held at some time in it, each with
 * its own interval, in the order of geopol_snapshot(). An imprecise end
 * takes its widest reading; certainty is GEOPOL_DEFINITE on every item,
 * since it applies to one date only. The export's span (from/to of
 * geopol_export_options) reads the same rows. Streams.
 */
GEOPOL_API int geopol_snapshot_span(geopol_iter **out, geopol_db *db, geopol_date from,
				    geopol_date to, const geopol_query *q);

/** Facts with no citation: MEMBERSHIP, RELATION, EVENT and NAME items. */
GEOPOL_API int geopol_uncited(geopol_iter **out, geopol_db *db, const geopol_query *q);

/* ------------------------------------------------------------------------
 * Checking a database: facts that contradict each other or the model.
 */

/** How bad a finding of geopol_check() is. */
typedef enum geopol_check_severity {
	GEOPOL_CHECK_ERROR = 1,   /**< a contradiction: the data is wrong somewhere */
	GEOPOL_CHECK_WARNING = 2  /**< worth a look; the data may still be right */
} geopol_check_severity;

/** One finding. The strings are valid during the callback only. */
typedef struct geopol_finding {
	int severity;          /**< a geopol_check_severity */
	const char *rule;      /**< "life", "name-clash", "overlap", "suspended", "person-name", "quote", "clipped" */
	const char *record;    /**< the record, e.g. "membership 17: UZB in CSTO as suspended [2012-06-28, 2012-12-19)" */
	const char *message;   /**< why it is a finding */
} geopol_finding;

/** Called once per finding, in rule order. */
typedef void (*geopol_finding_fn)(void *ctx, const geopol_finding *finding);

#define GEOPOL_CHECK_OPTIONS_VERSION 1
typedef struct geopol_check_options {
	unsigned version;                /**< GEOPOL_CHECK_OPTIONS_VERSION */
	/** Directories where a source's relative `file` is looked for, in
	 * order, NULL-terminated; NULL means the current directory. */
	const char *const *file_dirs;
	/** Languages every person should have a name in, NULL-terminated;
	 * NULL means ar, ru, kk, en, tr, zh. */
	const char *const *core_langs;
	geopol_finding_fn finding;       /**< may be NULL: only count */
	void *ctx;                       /**< passed to finding */
} geopol_check_options;
#define GEOPOL_CHECK_OPTIONS_INIT {GEOPOL_CHECK_OPTIONS_VERSION, NULL, NULL, NULL, NULL}

/**
 * Fill *opts as GEOPOL_CHECK_OPTIONS_INIT does, at `version` (1 to GEOPOL_CHECK_OPTIONS_VERSION), for
 * bindings that cannot expand the macro: only the fields of that version
 * are written (an older struct is shorter), and its version field is set.
 * @param opts the struct to fill; NULL gives GEOPOL_EMISUSE.
 * @param version the version of the caller's struct, normally GEOPOL_CHECK_OPTIONS_VERSION.
 * @return GEOPOL_OK, or GEOPOL_EMISUSE for a NULL opts or a version
 *         outside 1 to GEOPOL_CHECK_OPTIONS_VERSION (*opts is then left untouched).
 */
GEOPOL_API int geopol_check_options_init(geopol_check_options *opts, unsigned version);

/** What geopol_check() found and read. */
typedef struct geopol_check_stats {
	size_t errors, warnings;
	size_t quotes_checked;    /**< quotes compared with their source's file */
	size_t quotes_unchecked;  /**< quotes whose source's file was not at hand */
} geopol_check_stats;

/**
 * Checks the current rows of the database and reports each finding through
 * opts->finding, naming the record and why:
 * - error "life": a membership or relation that starts before one of its
 *   entities exists or lasts after it ended (a warning for a row of an
 *   imported dataset's coding, which follows its own state definitions;
 *   successions, which link a state to one that has ended, are left out);
 * - error "name-clash": a name of one entity equal, after normalization, to
 *   a name of another entity of the same kind in the same language, both
 *   valid at the same time;
 * - error "overlap": two membership rows of one organization, member and
 *   coding that hold on the same day (each pair once);
 * - error "suspended": a suspended row that overlaps a row with a role;
 * - warning "person-name": a person without a name in a core language;
 * - error "quote": a quote that is not, byte for byte, in its source's
 *   file, when the file is at hand (else counted in quotes_unchecked);
 * - warning "clipped": a membership or relation that may outlive one of its
 *   entities (geopol_clipped()) and is not a "life" error, with the
 *   interval the snapshot and the exports show instead, or that they leave
 *   it out; an open end taking the entity's date, a treaty signed or
 *   ratified before its organization exists and a succession are clipped
 *   too but are no finding.
 * Only days that surely fall inside both intervals count, so imprecise
 * dates that may just touch are not findings.
 * Returns GEOPOL_OK when the check ran, whatever it found (see
 * stats->errors); an error code if it could not read the database. opts
 * and stats may be NULL; a NULL db is GEOPOL_EINVAL.
 */
GEOPOL_API int geopol_check(geopol_db *db, const geopol_check_options *opts, geopol_check_stats *stats);

/* ------------------------------------------------------------------------
 * Import and export.
 */
#define GEOPOL_IMPORT_OPTIONS_VERSION 2
typedef struct geopol_import_options {
	unsigned version;     /**< GEOPOL_IMPORT_OPTIONS_VERSION (1 is still accepted) */
	int skip_bad_rows;    /**< skip malformed rows (and report them) instead of failing */
	/** Called now and then with the bytes imported so far and the total
	 *  bytes of all the files: the count only goes up. */
	void (*progress)(void *ctx, uint64_t done, uint64_t total);
	/** Called once per skipped row with the reason (file:line:column: what). */
	void (*skipped)(void *ctx, const char *message);
	void *ctx;
	/** Since version 2. The files are a new release of a dataset already
	 *  imported: what changed is corrected, and what the release no longer
	 *  has is retracted, in recorded time (so "known at" a time before the
	 *  import still answers as the earlier release did): memberships,
	 *  events, names and attributes (README, New releases). Events are
	 *  retracted only within the span the files cover (a GDELT export's
	 *  DATEADDED, else the days of their events). */
	int release;
} geopol_import_options;
#define GEOPOL_IMPORT_OPTIONS_INIT {GEOPOL_IMPORT_OPTIONS_VERSION, 0, NULL, NULL, NULL, 0}

/**
 * Fill *opts as GEOPOL_IMPORT_OPTIONS_INIT does, at `version` (1 to GEOPOL_IMPORT_OPTIONS_VERSION), for
 * bindings that cannot expand the macro: only the fields of that version
 * are written (an older struct is shorter), and its version field is set.
 * @param opts the struct to fill; NULL gives GEOPOL_EMISUSE.
 * @param version the version of the caller's struct, normally GEOPOL_IMPORT_OPTIONS_VERSION.
 * @return GEOPOL_OK, or GEOPOL_EMISUSE for a NULL opts or a version
 *         outside 1 to GEOPOL_IMPORT_OPTIONS_VERSION (*opts is then left untouched).
 */
GEOPOL_API int geopol_import_options_init(geopol_import_options *opts, unsigned version);

typedef struct geopol_import_stats {
	uint64_t rows;        /**< records read */
	uint64_t added;       /**< facts added */
	uint64_t unchanged;   /**< records already in the database */
	uint64_t skipped;     /**< bad rows skipped */
	uint64_t reused;      /**< events whose dataset id was taken by another
				   event (GDELT): kept as "<id>#<digest>" */
	uint64_t corrected;   /**< release: facts whose content changed */
	uint64_t retracted;   /**< release: facts the new release no longer has */
} geopol_import_stats;

/**
 * Import files of the named format ("json", "cow-states", "cow-igo", "atop",
 * "cameo", "icews", "gdelt") in one transaction: all or nothing. On error
 * the message names the file, the record or line, and the field or column.
 * Dataset files may be compressed (.gz, or a .zip holding one file).
 * opts and stats may be NULL; paths may be NULL only when n_paths is 0, and
 * none of its elements may be (GEOPOL_EMISUSE); a NULL format is
 * GEOPOL_EINVAL. On failure stats->added is 0 (nothing was kept). With
 * options of version 1, only the counts of that version (rows to skipped)
 * are written into *stats.
 */
GEOPOL_API int geopol_import(geopol_db *db, const char *format, const char *const *paths,
			     size_t n_paths, const geopol_import_options *opts,
			     geopol_import_stats *stats);

/**
 * Import a JSON dataset held in memory: exactly len bytes of text are read
 * (no NUL needed after them). `name` labels error messages (NULL:
 * "<text>"); stats may be NULL; text must not be (GEOPOL_EMISUSE).
 */
GEOPOL_API int geopol_import_json_text(geopol_db *db, const char *text, size_t len,
				       const char *name, geopol_import_stats *stats);

typedef enum geopol_format {
	GEOPOL_FORMAT_JSON = 1,
	GEOPOL_FORMAT_NDJSON = 2,
	GEOPOL_FORMAT_CSV = 3,
	GEOPOL_FORMAT_GRAPHML = 4,
	GEOPOL_FORMAT_GEXF = 5,
	GEOPOL_FORMAT_DOT = 6,
	GEOPOL_FORMAT_SVG = 7,  /**< a picture laid out by Graphviz (the DOT export, clustered) */
	GEOPOL_FORMAT_PNG = 8,  /**< the same picture as PNG */
	GEOPOL_FORMAT_HTML = 9  /**< one self-contained page: the network with a time slider */
} geopol_format;

/** The format for a name ("json", "gexf", "svg", "html"...), or 0 (also for NULL). */
GEOPOL_API int geopol_format_parse(const char *name);

/** Receives exported bytes; returns 0, or nonzero to stop with GEOPOL_EIO. */
typedef int (*geopol_write_fn)(void *ctx, const char *data, size_t len);

/** An entity kind as a bit of geopol_export_options.kinds. */
#define GEOPOL_KIND_BIT(kind) (1u << (kind))

/**
 * What to export. Version 1 ends at with_sources; a version 1 struct is
 * still accepted (the fields after it read as their defaults).
 *
 * The focus (version 2) keeps part of the graph; every format honours it:
 *  1. entities not of `kinds`, and organizations not in `orgs`, are left
 *     out with their edges; so are relations whose type is not in `types`;
 *  2. then, if `around` is given (else `orgs`), only the entities within
 *     `depth` hops of them remain, with every edge between two of them.
 * Without `around` and `orgs` there is no step 2 (isolated entities stay).
 * An unknown code in `around` or `orgs` is GEOPOL_ENOTFOUND; a code in
 * `orgs` that is not an organization, GEOPOL_EINVAL.
 *
 * With a span (from/to), every element that held at some time in it is
 * exported and its interval is clipped to the span: nothing starts before
 * `from` or ends after `to`. JSON and NDJSON are snapshots at `at` only.
 */
#define GEOPOL_EXPORT_OPTIONS_VERSION 2
typedef struct geopol_export_options {
	unsigned version;
	int format;           /**< a geopol_format */
	geopol_date at;       /**< snapshot date (NONE: today) */
	geopol_date from, to; /**< a span [from, to) instead of `at` (not JSON, NDJSON) */
	int with_sources;     /**< include citations on edges */
	/* version 2 */
	const char *const *around; /**< entity codes at the centre of the focus */
	size_t n_around;
	int depth;            /**< hops from the centre: 1 to 10; 0 means 1 */
	unsigned kinds;       /**< GEOPOL_KIND_BIT()s of the entities kept; 0 = all */
	const char *const *orgs;   /**< the only organizations kept (NULL: all) */
	size_t n_orgs;
	const char *const *types;  /**< the only relation types kept (NULL: all); memberships stay */
	size_t n_types;
	int gexf_version;     /**< 0 or 13: GEXF 1.3 (Gephi); 12: GEXF 1.2draft (networkx 2.x) */
} geopol_export_options;
#define GEOPOL_EXPORT_OPTIONS_INIT {GEOPOL_EXPORT_OPTIONS_VERSION, GEOPOL_FORMAT_JSON, GEOPOL_DATE_OPEN_INIT, GEOPOL_DATE_OPEN_INIT, GEOPOL_DATE_OPEN_INIT, 1, NULL, 0, 0, 0, NULL, 0, NULL, 0, 0}

/**
 * Fill *opts as GEOPOL_EXPORT_OPTIONS_INIT does, at `version` (1 to GEOPOL_EXPORT_OPTIONS_VERSION), for
 * bindings that cannot expand the macro: only the fields of that version
 * are written (an older struct is shorter), and its version field is set.
 * @param opts the struct to fill; NULL gives GEOPOL_EMISUSE.
 * @param version the version of the caller's struct, normally GEOPOL_EXPORT_OPTIONS_VERSION.
 * @return GEOPOL_OK, or GEOPOL_EMISUSE for a NULL opts or a version
 *         outside 1 to GEOPOL_EXPORT_OPTIONS_VERSION (*opts is then left untouched).
 */
GEOPOL_API int geopol_export_options_init(geopol_export_options *opts, unsigned version);

/** Stream an export through `write` (not NULL: GEOPOL_EMISUSE); opts and
 *  q may be NULL; ctx is passed to write as it is. */
GEOPOL_API int geopol_export(geopol_db *db, const geopol_export_options *opts,
			     const geopol_query *q, geopol_write_fn write, void *ctx);

/** Export into a file (written whole, or not at all on error). path must
 *  not be NULL (GEOPOL_EMISUSE); opts and q may be. */
GEOPOL_API int geopol_export_file(geopol_db *db, const geopol_export_options *opts,
				  const geopol_query *q, const char *path);

/* ------------------------------------------------------------------------
 * Panels: the state-year and dyad-year tables of quantitative analysis
 * (README "Panels" defines every variable). One row per unit and period,
 * streamed period by period; memory does not grow with the span (the memberships
 * and relations are read chunk by chunk, the events period by period).
 */
typedef enum geopol_panel_unit {
	GEOPOL_PANEL_STATE = 1,         /**< one row per state and period */
	GEOPOL_PANEL_DYAD = 2,          /**< undirected: one row per pair, a before b by code */
	GEOPOL_PANEL_DIRECTED_DYAD = 3  /**< both (a, b) and (b, a) */
} geopol_panel_unit;

typedef enum geopol_panel_period {
	GEOPOL_PANEL_YEAR = 1,
	GEOPOL_PANEL_MONTH = 2
} geopol_panel_period;

/** Which units a period has. Only units whose entities are alive in the
 *  period (their own interval holds under the rule) are ever listed. */
typedef enum geopol_panel_population {
	GEOPOL_PANEL_ALL = 1,    /**< every state, or every pair of states */
	GEOPOL_PANEL_LIST = 2,   /**< the entities of `codes`, or every pair of them */
	GEOPOL_PANEL_SHARED = 3  /**< dyads only: pairs of states that share a fact in the
				      period (an organization, a relation, an event) */
} geopol_panel_population;

/** When a membership or relation counts for a period. Events always count
 *  in the period their date falls in. */
typedef enum geopol_panel_rule {
	GEOPOL_PANEL_MIDPOINT = 1, /**< it holds on 1 July (a month: on the 15th) */
	GEOPOL_PANEL_ANY_DAY = 2   /**< it holds on at least one day of the period */
} geopol_panel_rule;

#define GEOPOL_PANEL_OPTIONS_VERSION 1
typedef struct geopol_panel_options {
	unsigned version;        /**< GEOPOL_PANEL_OPTIONS_VERSION */
	int unit;                /**< a geopol_panel_unit */
	int period;              /**< a geopol_panel_period */
	geopol_date from, to;    /**< required: the periods that begin in [from, to) */
	int population;          /**< a geopol_panel_population */
	const char *const *codes; size_t n_codes; /**< GEOPOL_PANEL_LIST: entity codes */
	const char *const *focus; size_t n_focus; /**< if set: only units with one of these */
	const char *const *vars; size_t n_vars;   /**< variable names ("shared", "quad",
						       "member:CSTO", "rel:trade.usd"...) */
	int rule;                /**< a geopol_panel_rule */
} geopol_panel_options;
#define GEOPOL_PANEL_OPTIONS_INIT {GEOPOL_PANEL_OPTIONS_VERSION, GEOPOL_PANEL_DYAD, \
	GEOPOL_PANEL_YEAR, GEOPOL_DATE_OPEN_INIT, GEOPOL_DATE_OPEN_INIT, GEOPOL_PANEL_SHARED, \
	NULL, 0, NULL, 0, NULL, 0, GEOPOL_PANEL_MIDPOINT}

/**
 * Fill *opts as GEOPOL_PANEL_OPTIONS_INIT does, at `version` (1 to GEOPOL_PANEL_OPTIONS_VERSION), for
 * bindings that cannot expand the macro: only the fields of that version
 * are written (an older struct is shorter), and its version field is set.
 * @param opts the struct to fill; NULL gives GEOPOL_EMISUSE.
 * @param version the version of the caller's struct, normally GEOPOL_PANEL_OPTIONS_VERSION.
 * @return GEOPOL_OK, or GEOPOL_EMISUSE for a NULL opts or a version
 *         outside 1 to GEOPOL_PANEL_OPTIONS_VERSION (*opts is then left untouched).
 */
GEOPOL_API int geopol_panel_options_init(geopol_panel_options *opts, unsigned version);

/** One row of a panel. Owned by the iterator; valid until the next call. */
typedef struct geopol_panel_row {
	const char *period;      /**< "2022" or "2022-05" */
	const char *a;           /**< the state, or the dyad's first side */
	const char *b;           /**< the dyad's second side; NULL for states */
	const double *values;    /**< one per column; NaN: no value (a mean of nothing) */
	size_t n_values;
} geopol_panel_row;

typedef struct geopol_panel_iter geopol_panel_iter;

/**
 * Build a panel. The variables are checked and the entities resolved here:
 * GEOPOL_EINVAL names a bad variable or option, GEOPOL_ENOTFOUND an unknown
 * code. q: known_at asks as known on that recorded time; GEOPOL_DEFINITE_ONLY
 * drops the "_possible" columns and counts definite facts only. On success
 * *out is a new iterator, to free with geopol_panel_free().
 */
GEOPOL_API int geopol_panel(geopol_panel_iter **out, geopol_db *db,
			    const geopol_panel_options *opts, const geopol_query *q);

/** The names of the value columns; *names is owned by the iterator. A NULL
 *  p has no columns (0). */
GEOPOL_API size_t geopol_panel_columns(const geopol_panel_iter *p, const char *const **names);

/** The rule the values follow, in one English line (NDJSON's first object
 *  and the CLI's --rule-file carry it). Owned by the iterator (a fixed text
 *  for a NULL p). */
GEOPOL_API const char *geopol_panel_rule_text(const geopol_panel_iter *p);

/** The next row: GEOPOL_OK, GEOPOL_ITEROVER at the end, or an error;
 *  GEOPOL_EMISUSE for a NULL p or row. */
GEOPOL_API int geopol_panel_next(geopol_panel_iter *p, const geopol_panel_row **row);

/**
 * Stream the remaining rows as GEOPOL_FORMAT_CSV (the column names, then
 * the rows: a plain table, which pandas and R's read.csv load as it is; the
 * rule is geopol_panel_rule_text()) or GEOPOL_FORMAT_NDJSON (a first object
 * {"panel":{...}} naming the rule and the columns, then one object per row). A nonzero return of `write` stops with GEOPOL_EIO.
 * A NULL p or write is GEOPOL_EMISUSE; ctx is passed to write as it is.
 */
GEOPOL_API int geopol_panel_write(geopol_panel_iter *p, int format, geopol_write_fn write,
				  void *ctx);

/** Free a panel iterator; NULL is a no-op. Free it before closing its
 *  handle: unlike a geopol_iter, a panel is not ended by geopol_close(). */
GEOPOL_API void geopol_panel_free(geopol_panel_iter *p);

/* ------------------------------------------------------------------------
 * Name search (DESIGN.md section 4).
 */

/**
 * The search key of a string: NFKC, case folded, marks stripped, Arabic
 * letters folded, punctuation and spaces folded. *out is allocated by the
 * library; free it with geopol_free(). GEOPOL_EINVAL for invalid UTF-8, for
 * more than 4096 bytes, and for a NULL text or out. Only len bytes of text
 * are read (it need not end with a NUL).
 */
GEOPOL_API int geopol_normalize(const char *text, size_t len, char **out);

/** Free memory the library allocated for the caller; NULL is a no-op. */
GEOPOL_API void geopol_free(void *p);

/**
 * CANDIDATE items for a code or name typed any way, best first: exact code,
 * then exact key matches, then typo-tolerant ones, each with a score.
 * `limit` 0 means 10. text must not be NULL (GEOPOL_EINVAL).
 */
GEOPOL_API int geopol_resolve(geopol_iter **out, geopol_db *db, const char *text,
			      size_t limit, const geopol_query *q);

/**
 * The one entity a code or name means: its code is copied into buf.
 * GEOPOL_ENOTFOUND if none; GEOPOL_EAMBIGUOUS if several match equally well
 * (the message lists them). GEOPOL_EINVAL for a NULL text or buf, or a
 * buffer too small for the code.
 */
GEOPOL_API int geopol_resolve_one(geopol_db *db, const char *text, char *buf, size_t size);

/* ------------------------------------------------------------------------
 * Ad-hoc questions in SQL.
 */

/** One row of geopol_sql(): its columns' names and values as text. */
typedef struct geopol_sql_row {
	int ncols;
	const char *const *names;   /**< column names */
	const char *const *values;  /**< NULL for the header call; a value is NULL for SQL NULL */
	const int *numeric;         /**< 1 where the value is an SQL integer or real */
} geopol_sql_row;

/** Receives the rows of geopol_sql(); returns 0, or nonzero to stop (not an error). */
typedef int (*geopol_sql_fn)(void *ctx, const geopol_sql_row *row);

/**
 * Run one SQL statement that only reads (SELECT, WITH ... SELECT, VALUES),
 * most usefully on the read-only views of the file: v_entities, v_names,
 * v_memberships, v_relations, v_events, v_event_actors, v_citations and
 * v_sources (codes rather than ids, names rather than numbers, ISO dates;
 * README, "SQL views"). fn is called first with the header (row->values
 * NULL), then once per row; the row and its strings are valid during the
 * call only. A statement that would write, attach a file, change a pragma or
 * open a transaction is refused with GEOPOL_EINVAL before it runs, as are
 * several statements at once and SQL errors (geopol_errmsg() says why).
 * A NULL db, sql or fn is GEOPOL_EMISUSE; ctx is passed to fn as it is.
 */
GEOPOL_API int geopol_sql(geopol_db *db, const char *sql, geopol_sql_fn fn, void *ctx);

#ifdef __cplusplus
}
#endif
#endif /* GEOPOL_H */
