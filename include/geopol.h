/**
 * @file geopol.h
 * The public interface of libgeopol.
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
 *  - Each function's "Returns" lists the codes it gives for its own
 *    reasons. One that reads or writes the file may also give a storage error:
 *    GEOPOL_ENOMEM, GEOPOL_EBUSY (another connection held a lock past the
 *    busy timeout: retry later) or GEOPOL_EDB (SQLite failed: a damaged
 *    file, a full disk). Any function may also give GEOPOL_EINTERNAL: a
 *    limit of this build or a bug, not the caller's doing (nothing was
 *    written; report it with geopol_errmsg()). Builds before it reported
 *    those as GEOPOL_EMISUSE.
 *  - Ownership: what a function returns is either owned by the library
 *    object named in its doc (the handle, an iterator, a panel) and valid
 *    until the next call on that object, or allocated for the caller and
 *    freed with geopol_free() (never free()), or static.
 *  - Several iterators may be open on one handle at once, of one question
 *    or of several, and stepped in any order; each item is valid until the
 *    next call on its own iterator.
 *  - Callbacks (geopol_write_fn of the exports and panels, geopol_sql_fn,
 *    geopol_finding_fn, the import's progress and skipped) run inside a
 *    call on the handle: they must not call any function on that handle or
 *    its iterators (open a second handle for that). They may call functions
 *    that take no handle (dates, vocabularies, geopol_normalize()).
 *  - The adds are idempotent where a re-import needs it: adding again a
 *    source, name, membership, relation, external id or type identical to
 *    a current one returns GEOPOL_OK (and the stored fact's id) and adds
 *    no row. An entity or an event (by ext_id) that exists is
 *    GEOPOL_ECONFLICT. Each _add says its own rule.
 *  - In every vocabulary (geopol_kind, geopol_role, geopol_stage...), 0 is
 *    no member: the unknown value the _parse functions return.
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

/* GEOPOL_API marks the public functions: exported when the library is
 * built (GEOPOL_BUILDING_SHARED, CMake defines it), imported from the DLL
 * by its users on Windows, nothing for a static library's users there
 * (define GEOPOL_STATIC; CMake's geopol_static target does), and default
 * visibility elsewhere, the library being built with hidden visibility. */
#if defined(_WIN32) && defined(GEOPOL_BUILDING_SHARED)
#  define GEOPOL_API __declspec(dllexport)
#elif defined(_WIN32) && !defined(GEOPOL_STATIC)
#  define GEOPOL_API __declspec(dllimport)
#elif defined(_WIN32)
#  define GEOPOL_API
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

/**
 * The library's version number, to compare with GEOPOL_VERSION_NUMBER
 * (the header's): a program built against one header and run with another
 * library can tell.
 * @return major * 10000 + minor * 100 + patch of the library linked.
 */
GEOPOL_API int geopol_version_number(void);
/**
 * The library's version string ("0.1.0").
 * @return a static string, never NULL.
 */
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
	GEOPOL_EINTERNAL = -11, /**< a limit of this build or a bug, not the caller's doing: report it
				 *   with geopol_errmsg() (older builds said GEOPOL_EMISUSE) */
	GEOPOL_ITEROVER = -100  /**< the iteration is over (not an error) */
} geopol_status;

/**
 * A fixed English text for a status code ("not found").
 * @param status a geopol_status; any other value has a text too.
 * @return a static string, never NULL ("unknown status" for a value that is
 *         no status).
 */
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
 * @param out receives the date, at the precision written; NULL gives
 *        GEOPOL_EINVAL.
 * @param text the date, NUL-terminated; NULL gives GEOPOL_EINVAL.
 * @return GEOPOL_OK, or GEOPOL_EINVAL for anything else, including
 *         impossible days (2022-02-30), a month or day 00 and trailing
 *         characters (*out is then not written).
 */
GEOPOL_API int geopol_date_parse(geopol_date *out, const char *text);

/**
 * Build a date from its parts: month 0 gives a year, day 0 a month.
 * @param out receives the date; NULL gives GEOPOL_EINVAL.
 * @param year 1 to 9999.
 * @param month 1 to 12, or 0 for a year (day must then be 0).
 * @param day 1 to the month's last day, or 0 for a month.
 * @return GEOPOL_OK, or GEOPOL_EINVAL for an impossible date or a NULL out.
 */
GEOPOL_API int geopol_date_from_ymd(geopol_date *out, int year, int month, int day);

/**
 * Split a day number into year, month and day. Any day number works (no
 * overflow): days outside years 1-9999 give their proleptic year (0 and
 * below, or past 9999).
 * @param day a day number (0 is 0001-01-01).
 * @param year receives the year; may be NULL (not wanted).
 * @param month receives the month, 1 to 12; may be NULL.
 * @param mday receives the day of the month, 1 to 31; may be NULL.
 */
GEOPOL_API void geopol_date_to_ymd(int32_t day, int *year, int *month, int *mday);

/**
 * Write the date at its precision into buf: "2022", "2022-05",
 * "2022-05-10"; "" for an absent date (precision NONE) or an unknown
 * precision.
 * @param date the date.
 * @param buf receives the text and its NUL; may be NULL (GEOPOL_EINVAL).
 * @param size the size of buf: at least GEOPOL_DATE_BUFSIZE.
 * @return the length written (0 to 10), or GEOPOL_EINVAL when buf is NULL,
 *         size is smaller than GEOPOL_DATE_BUFSIZE, or the day lies outside
 *         years 1-9999 (buf is then "" if it has room).
 */
GEOPOL_API int geopol_date_format(geopol_date date, char *buf, size_t size);

/**
 * The last day a date covers: 2022-12-31 for "2022", 2022-05-31 for
 * "2022-05", the day itself for a day.
 * @param date the date; a day outside years 1-9999 is returned as it is.
 * @return a day number.
 */
GEOPOL_API int32_t geopol_date_last_day(geopol_date date);

/**
 * Today's date in UTC, at day precision (the system clock, not the
 * handle's clock of geopol_set_clock()).
 * @return the date.
 */
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

/**
 * The lowercase name of an entity kind (geopol_kind), as written in files and on the
 * command line: "state", "organization", "person", "other".
 * @param kind a value of the enum; 0 is the unknown value (no member is 0).
 * @return a static string, or NULL for 0 and for any value out of range.
 */
GEOPOL_API const char *geopol_kind_name(int kind);
/**
 * The value of an entity kind (geopol_kind) for its lowercase name: "state" gives GEOPOL_KIND_STATE.
 * @param name the name, exact and lowercase; may be NULL.
 * @return the value, or 0, the unknown value (no member of the enum is 0),
 *         for an unknown name or a NULL one.
 */
GEOPOL_API int geopol_kind_parse(const char *name);
/**
 * The lowercase name of a name kind (geopol_name_kind), as written in files and on the
 * command line: "official", "short", "acronym"....
 * @param kind a value of the enum; 0 is the unknown value (no member is 0).
 * @return a static string, or NULL for 0 and for any value out of range.
 */
GEOPOL_API const char *geopol_name_kind_name(int kind);
/**
 * The value of a name kind (geopol_name_kind) for its lowercase name: "acronym" gives GEOPOL_NAME_ACRONYM.
 * @param name the name, exact and lowercase; may be NULL.
 * @return the value, or 0, the unknown value (no member of the enum is 0),
 *         for an unknown name or a NULL one.
 */
GEOPOL_API int geopol_name_kind_parse(const char *name);
/**
 * The lowercase name of a membership role (geopol_role), as written in files and on the
 * command line: "founding_member", "member", "observer"....
 * @param role a value of the enum; 0 is the unknown value (no member is 0).
 * @return a static string, or NULL for 0 and for any value out of range.
 */
GEOPOL_API const char *geopol_role_name(int role);
/**
 * The value of a membership role (geopol_role) for its lowercase name: "observer" gives GEOPOL_ROLE_OBSERVER.
 * @param name the name, exact and lowercase; may be NULL.
 * @return the value, or 0, the unknown value (no member of the enum is 0),
 *         for an unknown name or a NULL one.
 */
GEOPOL_API int geopol_role_parse(const char *name);
/**
 * The lowercase name of an event actor's role (geopol_actor_role), as written in files and on the
 * command line: "source", "target", "participant", "host".
 * @param role a value of the enum; 0 is the unknown value (no member is 0).
 * @return a static string, or NULL for 0 and for any value out of range.
 */
GEOPOL_API const char *geopol_actor_role_name(int role);
/**
 * The value of an event actor's role (geopol_actor_role) for its lowercase name: "host" gives GEOPOL_ACTOR_HOST.
 * @param name the name, exact and lowercase; may be NULL.
 * @return the value, or 0, the unknown value (no member of the enum is 0),
 *         for an unknown name or a NULL one.
 */
GEOPOL_API int geopol_actor_role_parse(const char *name);
/**
 * The lowercase name of a certainty (geopol_certainty), as written in files and on the
 * command line: "definite", "possible".
 * @param certainty a value of the enum; 0 is the unknown value (no member is 0).
 * @return a static string, or NULL for 0 and for any value out of range.
 */
GEOPOL_API const char *geopol_certainty_name(int certainty);
/**
 * The lowercase name of a membership stage (geopol_stage), as written in files and on the
 * command line: "in_force", "signed", "withdrawn"....
 * @param stage a value of the enum; 0 is the unknown value (no member is 0).
 * @return a static string, or NULL for 0 and for any value out of range.
 */
GEOPOL_API const char *geopol_stage_name(int stage);
/**
 * The value of a membership stage (geopol_stage) for its lowercase name: "signed" gives GEOPOL_STAGE_SIGNED.
 * @param name the name, exact and lowercase; may be NULL.
 * @return the value, or 0, the unknown value (no member of the enum is 0),
 *         for an unknown name or a NULL one.
 */
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
 * Open the database at path, creating it (unless opts->must_exist or
 * opts->read_only) and migrating it to this geopol's schema as needed.
 * A handle and its iterators belong to one thread at a time: open one
 * handle per thread (many readers and one writer may share the file).
 * Several iterators may be open on one handle at once (see geopol_iter_next()).
 * @param out receives the new handle, to close with geopol_close(); NULL
 *        gives GEOPOL_EMISUSE. On failure *out is still set when a handle
 *        could be allocated (geopol_errmsg(*out) tells why): close it.
 * @param path the file; ":memory:" opens a private in-memory database.
 *        NULL gives GEOPOL_EINVAL.
 * @param opts may be NULL (the defaults); a struct of any version from 1 to
 *        GEOPOL_OPEN_OPTIONS_VERSION is accepted.
 * @return GEOPOL_OK; GEOPOL_ENOTFOUND for a missing file with must_exist;
 *         GEOPOL_EVERSION for a file written by a newer geopol; GEOPOL_EDB
 *         for a file that is not SQLite or is damaged, or cannot be opened;
 *         GEOPOL_EBUSY when another connection holds the file past the busy
 *         timeout; GEOPOL_EMISUSE for a NULL out or an unknown opts version;
 *         GEOPOL_EINVAL for a NULL path; GEOPOL_ENOMEM (*out is then NULL).
 */
GEOPOL_API int geopol_open(geopol_db **out, const char *path,
			   const geopol_open_options *opts);

/**
 * Close the handle; NULL is a harmless no-op. An open transaction is
 * rolled back. Its iterators still open are ended (see the conventions
 * above): they answer GEOPOL_EMISUSE and must still be freed. Panels are
 * not: free them before.
 * @param db the handle, or NULL.
 */
GEOPOL_API void geopol_close(geopol_db *db);

/**
 * The detail of the last error on this handle ("data.json: memberships[3]:
 * field 'from': impossible date '2022-02-30'"), or "no error". The message
 * is one line: control bytes and invalid UTF-8 in a value it quotes are
 * written as \\xHH, and a long value is cut to its first 60 bytes.
 * @param db the handle; may be NULL (a fixed text).
 * @return a string owned by the handle, valid until the next call on it;
 *         never NULL.
 */
GEOPOL_API const char *geopol_errmsg(const geopol_db *db);

/**
 * The schema version of the open file (its PRAGMA user_version).
 * @param db the handle; may be NULL.
 * @return the version, or 0 for a NULL db.
 */
GEOPOL_API int geopol_schema_version(const geopol_db *db);

/**
 * Begin a transaction: the writes until geopol_commit() or
 * geopol_rollback() are kept or dropped together (every write is atomic on
 * its own; this groups several). geopol_begin() takes the file's write lock
 * at once, waiting up to the busy timeout for another writer; every single
 * write (and import) outside a transaction does the same. Each write in the
 * transaction is stamped with the clock when it is made (geopol_set_clock()).
 * @param db the handle; NULL gives GEOPOL_EMISUSE.
 * @return GEOPOL_OK; GEOPOL_EMISUSE on a read-only handle or when a
 *         transaction is already open; GEOPOL_EBUSY when another writer held
 *         the lock past the busy timeout; GEOPOL_EDB.
 */
GEOPOL_API int geopol_begin(geopol_db *db);
/**
 * Begin a transaction for a large load: the same as geopol_begin() (the
 * same checks, messages and results for every write; a failed write leaves
 * the transaction as it was), made cheaper to load. On a SQLite file the
 * secondary indexes that no write's check reads (those of the questions:
 * by entity and date, the events' window and actors by entity) are dropped
 * at the start and built again, sorted once, by geopol_commit() inside the
 * same transaction, and the foreign keys, which every write resolves and
 * checks itself, are not checked a second time by SQLite. geopol_rollback(),
 * a failed commit or a crash leaves the file, indexes included, as it was.
 * Questions asked inside the transaction read without those indexes
 * (slower). On PostgreSQL it is geopol_begin().
 * @param db the handle; NULL gives GEOPOL_EMISUSE.
 * @return as geopol_begin().
 */
GEOPOL_API int geopol_begin_bulk(geopol_db *db);
/**
 * Commit the transaction geopol_begin() opened.
 * @param db the handle; NULL gives GEOPOL_EMISUSE.
 * @return GEOPOL_OK; GEOPOL_EMISUSE when no transaction is open; GEOPOL_EDB
 *         or GEOPOL_EBUSY if SQLite could not commit (the handle still
 *         counts the transaction as open: end it with geopol_rollback()).
 */
GEOPOL_API int geopol_commit(geopol_db *db);
/**
 * Drop every write of the transaction geopol_begin() opened.
 * @param db the handle; NULL gives GEOPOL_EMISUSE.
 * @return GEOPOL_OK; GEOPOL_EMISUSE when no transaction is open; GEOPOL_EDB.
 */
GEOPOL_API int geopol_rollback(geopol_db *db);

/**
 * Copy a whole database into another: every entity, name, fact, event,
 * source and citation, every version in recorded time (so that --known-on
 * answers are the same on both), every id kept. Either handle may be a
 * SQLite file or a PostgreSQL database, so this moves a database between
 * the stores in either direction. What a store derives from the facts
 * (SQLite's name index and packed blocks) is rebuilt by the destination.
 * The destination must hold no facts yet (a new database: geopol_open of a
 * new file or an empty PostgreSQL database); the copy is one transaction
 * of it, all or nothing, read from one consistent state of the source.
 * @param dst the database written, opened for writing, with no transaction open.
 * @param src the database read (may be read-only, such as the built-in dataset).
 * @param rows if not NULL, set to the number of rows copied (0 on error).
 * @return GEOPOL_OK; GEOPOL_ECONFLICT when dst holds facts already (nothing
 *         is written; the message names a table that has rows);
 *         GEOPOL_EINVAL when src has a column dst's schema lacks (a newer
 *         geopol wrote src); GEOPOL_EMISUSE for a NULL handle, one handle
 *         twice, an open transaction or a read-only dst; the errors of
 *         either store (GEOPOL_EDB, GEOPOL_EBUSY, GEOPOL_ENOMEM). The
 *         message is dst's (geopol_errmsg(dst)).
 */
GEOPOL_API int geopol_copy(geopol_db *dst, geopol_db *src, int64_t *rows);

/**
 * The handle's clock, in microseconds since 1970-01-01 UTC (recorded
 * time): the real time, or the value geopol_set_clock() fixed.
 * @param db the handle; may be NULL (the real time).
 * @return microseconds since 1970-01-01 UTC.
 */
GEOPOL_API int64_t geopol_now(geopol_db *db);
/**
 * Fix the handle's clock at a value (tests, replays of a dated import);
 * 0 returns it to real time. In real time each write is stamped with the
 * clock and two writes get two distinct, increasing stamps; with a fixed
 * clock every write gets exactly that value, earlier stamps or not. The
 * clock is read when a write is made, so in an open transaction (geopol_begin())
 * the writes made before the call keep their stamps and the later ones take
 * the new value; the transaction is not otherwise touched (an import takes
 * one stamp for all its rows).
 * @param db the handle; NULL does nothing.
 * @param usec microseconds since 1970-01-01 UTC, or 0 for real time.
 */
GEOPOL_API void geopol_set_clock(geopol_db *db, int64_t usec);

/**
 * The recorded-time stamp of the end of a day (its last microsecond, UTC):
 * for geopol_query.known_at, "as known at the end of that day".
 * @param date the date; a year or month stands for its last day.
 * @return microseconds since 1970-01-01 UTC.
 */
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

/**
 * Add a source (a document facts cite). Adding the same source again (the
 * same code and the same fields) is a no-op that returns GEOPOL_OK, so
 * re-imports succeed; the same code with any other field gives
 * GEOPOL_ECONFLICT.
 * @param db the handle; NULL gives GEOPOL_EMISUSE.
 * @param spec the source; NULL gives GEOPOL_EMISUSE; its optional strings
 *        may be NULL.
 * @return GEOPOL_OK; GEOPOL_ECONFLICT; GEOPOL_EINVAL for an empty code,
 *         invalid UTF-8 or a bad date; GEOPOL_EMISUSE for a NULL db or spec,
 *         an unknown spec version or a read-only handle; or a storage error.
 */
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

/**
 * Add an entity. Unlike the other _add functions an existing code is
 * always an error, even with the same fields: GEOPOL_ECONFLICT ("entity 'KAZ'
 * exists already").
 * @param db the handle; NULL gives GEOPOL_EMISUSE.
 * @param spec the entity; NULL gives GEOPOL_EMISUSE; subkind may be NULL.
 *        A code has no white space and at most 64 bytes.
 * @return GEOPOL_OK; GEOPOL_ECONFLICT; GEOPOL_EINVAL for a missing, too long
 *         or spaced code, an unknown kind, invalid UTF-8 or a bad interval;
 *         GEOPOL_EMISUSE for a NULL db or spec, an unknown spec version or a
 *         read-only handle; or a storage error.
 */
GEOPOL_API int geopol_entity_add(geopol_db *db, const geopol_entity_spec *spec);

/**
 * The attributes of an entity the model has no column for (an importer's:
 * an ATOP alliance's obligations and provisions, a COW organization's
 * domain and fate), as a JSON object {"key": "value", ...}.
 * @param db the handle; NULL gives GEOPOL_EMISUSE.
 * @param entity the entity's code; NULL gives GEOPOL_EMISUSE.
 * @param json receives the object, allocated by the library (free it with
 *        geopol_free()), or NULL when the entity has none; NULL gives
 *        GEOPOL_EMISUSE.
 * @return GEOPOL_OK; GEOPOL_ENOTFOUND for an unknown code; GEOPOL_EINVAL for
 *         an empty one; GEOPOL_EMISUSE; or a storage error.
 */
GEOPOL_API int geopol_entity_attrs(geopol_db *db, const char *entity, char **json);

/**
 * Attach an external id (scheme "cow", value "705") to an entity. The same
 * id on the same entity again is a no-op that returns GEOPOL_OK; an id that
 * belongs to another entity gives GEOPOL_ECONFLICT.
 * @param db the handle; NULL gives GEOPOL_EMISUSE.
 * @param entity the entity's code; NULL gives GEOPOL_EINVAL.
 * @param scheme the id's scheme; NULL or empty gives GEOPOL_EINVAL.
 * @param value the id; NULL or empty gives GEOPOL_EINVAL.
 * @return GEOPOL_OK; GEOPOL_ECONFLICT; GEOPOL_ENOTFOUND for an unknown
 *         entity; GEOPOL_EINVAL; GEOPOL_EMISUSE on a read-only handle; or a storage error.
 */
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

/**
 * Add a name of an entity. A name identical to a current one (entity,
 * language, text, kind and dates) is a no-op that returns GEOPOL_OK and
 * gives the stored fact's id; any other name is added, even one that
 * overlaps in time (an entity has many names).
 * @param db the handle; NULL gives GEOPOL_EMISUSE.
 * @param spec the name; NULL gives GEOPOL_EMISUSE. A name is at most 4096
 *        bytes of valid UTF-8.
 * @param fact_id receives the fact id (the new one, or the stored one); may
 *        be NULL.
 * @return GEOPOL_OK; GEOPOL_ENOTFOUND for an unknown entity; GEOPOL_EINVAL
 *         for an empty or too long text, invalid UTF-8, a bad language tag,
 *         an unknown kind, a bad interval or no entity code; GEOPOL_EMISUSE
 *         for a NULL db or spec, an unknown spec version or a read-only
 *         handle; or a storage error.
 */
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

/**
 * Add a membership. A row identical to a current one (organization,
 * member, role, stage and dates) is a no-op that returns GEOPOL_OK and
 * gives the stored fact's id; a row of the same organization, member and
 * role that surely overlaps a stored one in time (not only touches it, as
 * [1992, 2012) and [2012, ...) may) gives GEOPOL_ECONFLICT. Rows of an
 * imported dataset's coding do not conflict with it.
 * @param db the handle; NULL gives GEOPOL_EMISUSE.
 * @param spec the membership; NULL gives GEOPOL_EMISUSE. A version 1 spec
 *        (no stage) is accepted.
 * @param fact_id receives the fact id (the new one, or the stored one); may
 *        be NULL.
 * @return GEOPOL_OK; GEOPOL_ECONFLICT; GEOPOL_ENOTFOUND for an unknown
 *         organization or member; GEOPOL_EINVAL for an org that is not an
 *         organization, a member of itself, an unknown role or stage, a bad
 *         interval or a missing code; GEOPOL_EMISUSE for a NULL db or spec,
 *         an unknown spec version or a read-only handle; or a storage error.
 */
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

/**
 * Add a relation. A relation identical to a current one (type, entities,
 * dates and attrs; either way round for a symmetric type) is a no-op that
 * returns GEOPOL_OK and gives the stored fact's id; any other is added,
 * overlapping or not (no GEOPOL_ECONFLICT).
 * @param db the handle; NULL gives GEOPOL_EMISUSE.
 * @param spec the relation; NULL gives GEOPOL_EMISUSE; its attrs may be NULL.
 * @param fact_id receives the fact id (the new one, or the stored one); may
 *        be NULL.
 * @return GEOPOL_OK; GEOPOL_ENOTFOUND for an unknown entity; GEOPOL_EINVAL
 *         for an unknown or missing relation type (declare it with
 *         geopol_relation_type_add()), the same entity twice, attrs that are
 *         not a JSON object, a bad interval or a missing code;
 *         GEOPOL_EMISUSE for a NULL db or spec, an unknown spec version or a
 *         read-only handle; or a storage error.
 */
GEOPOL_API int geopol_relation_add(geopol_db *db, const geopol_relation_spec *spec, int64_t *fact_id);

/**
 * Set the rank of a coding in this database: memberships answer, for each
 * (organization, member) pair, from the coding of lowest rank that has rows
 * for the pair. "curated" (the API and JSON rows) is 0; an imported
 * dataset's coding ("cow-igo-3", "atop-4 phase 2") is 100 unless set here.
 * Equal ranks answer side by side. Setting a rank again replaces it.
 * @param db the handle; NULL gives GEOPOL_EMISUSE.
 * @param coding the coding's name; NULL or empty gives GEOPOL_EINVAL.
 * @param rank from -1000000 to 1000000.
 * @return GEOPOL_OK; GEOPOL_EINVAL for a missing name or a rank out of
 *         range; GEOPOL_EMISUSE for a NULL db or a read-only handle; or a storage error.
 */
GEOPOL_API int geopol_coding_rank_set(geopol_db *db, const char *coding, int rank);
/**
 * The rank of a coding (see geopol_coding_rank_set()).
 * @param db the handle; NULL gives GEOPOL_EMISUSE.
 * @param coding the coding's name; NULL or empty gives GEOPOL_EINVAL.
 * @param rank receives the rank set, or the default for a coding never set
 *        (0 for "curated", 100 for the others); NULL gives GEOPOL_EMISUSE.
 * @return GEOPOL_OK; GEOPOL_EINVAL; GEOPOL_EMISUSE; or a storage error.
 */
GEOPOL_API int geopol_coding_rank(geopol_db *db, const char *coding, int *rank);

/**
 * Declare a relation type. Declaring it again with the same directedness
 * is a no-op that returns GEOPOL_OK (the label is not changed); with the
 * other directedness it gives GEOPOL_ECONFLICT.
 * @param db the handle; NULL gives GEOPOL_EMISUSE.
 * @param code the type's code ("sanctions"); NULL or empty gives
 *        GEOPOL_EINVAL.
 * @param directed nonzero when a acts on b, 0 for a symmetric type.
 * @param label a label in English; may be NULL.
 * @return GEOPOL_OK; GEOPOL_ECONFLICT; GEOPOL_EINVAL for a missing code or
 *         invalid UTF-8; GEOPOL_EMISUSE on a read-only handle; or a storage error.
 */
GEOPOL_API int geopol_relation_type_add(geopol_db *db, const char *code, int directed, const char *label);

/**
 * Declare an event type (a CAMEO code such as "042"). Declaring it again
 * replaces its name and Goldstein value (GEOPOL_OK, never GEOPOL_ECONFLICT).
 * @param db the handle; NULL gives GEOPOL_EMISUSE.
 * @param code the type's code; NULL or empty gives GEOPOL_EINVAL.
 * @param name its name; NULL or empty gives GEOPOL_EINVAL.
 * @param goldstein its Goldstein value, from -10 to 10, or NaN for none.
 * @return GEOPOL_OK; GEOPOL_EINVAL for a missing code or name, invalid UTF-8
 *         or a Goldstein value out of range; GEOPOL_EMISUSE on a read-only
 *         handle; or a storage error.
 */
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
 * Add an event. An event whose ext_id is already stored gives
 * GEOPOL_ECONFLICT, whatever its other fields (unlike the names,
 * memberships and relations, an event is not recognized as a re-import);
 * events without an ext_id are always added.
 * @param db the handle; NULL gives GEOPOL_EMISUSE.
 * @param spec the event; NULL gives GEOPOL_EMISUSE. actors must not be NULL
 *        (n_actors is at least 1); texts may be NULL only when n_texts is 0
 *        (else GEOPOL_EMISUSE); ext_id, location and a text's description
 *        may be NULL.
 * @param fact_id receives the new fact id; may be NULL.
 * @return GEOPOL_OK; GEOPOL_ECONFLICT; GEOPOL_ENOTFOUND for an unknown actor;
 *         GEOPOL_EINVAL for a missing or unknown type, no date, no actor, an
 *         unknown actor role, a bad text or interval, an intensity that is
 *         not finite; GEOPOL_EMISUSE for a NULL db or spec, NULL arrays with
 *         counts, an unknown spec version or a read-only handle; or a storage error.
 */
GEOPOL_API int geopol_event_add(geopol_db *db, const geopol_event_spec *spec, int64_t *fact_id);

/**
 * Cite a source for the current version of a fact. The same citation
 * (source and quote) again is a no-op that returns GEOPOL_OK.
 * @param db the handle; NULL gives GEOPOL_EMISUSE.
 * @param kind a geopol_fact_kind; another value gives GEOPOL_EINVAL.
 * @param fact_id the fact's id (from the _add call, or an item's fact_id).
 * @param source the source's code; NULL or empty gives GEOPOL_EINVAL.
 * @param quote the words of the source that say it; may be NULL.
 * @return GEOPOL_OK; GEOPOL_ENOTFOUND for no current fact of that id, or an
 *         unknown source; GEOPOL_EINVAL; GEOPOL_EMISUSE on a read-only
 *         handle; or a storage error.
 */
GEOPOL_API int geopol_cite(geopol_db *db, int kind, int64_t fact_id,
			   const char *source, const char *quote);

/**
 * Correct a membership: its current version is closed in recorded time and
 * the new one appended under the same fact id; its citations are carried
 * over. Nothing is overwritten: a question asked "known at" a time before
 * the correction still gets the old version.
 * @param db the handle; NULL gives GEOPOL_EMISUSE.
 * @param fact_id the fact to correct.
 * @param spec the new version, checked as by geopol_membership_add(); NULL gives
 *        GEOPOL_EMISUSE.
 * @return GEOPOL_OK; GEOPOL_ENOTFOUND if the fact has no current version
 *         (never added, or retracted); GEOPOL_ECONFLICT if the new version
 *         is identical to another current fact (nothing is written); the
 *         codes of geopol_membership_add().
 */
GEOPOL_API int geopol_membership_correct(geopol_db *db, int64_t fact_id, const geopol_membership_spec *spec);
/**
 * Correct a relation: its current version is closed in recorded time and
 * the new one appended under the same fact id; its citations are carried
 * over. Nothing is overwritten: a question asked "known at" a time before
 * the correction still gets the old version.
 * @param db the handle; NULL gives GEOPOL_EMISUSE.
 * @param fact_id the fact to correct.
 * @param spec the new version, checked as by geopol_relation_add(); NULL gives
 *        GEOPOL_EMISUSE.
 * @return GEOPOL_OK; GEOPOL_ENOTFOUND if the fact has no current version
 *         (never added, or retracted); GEOPOL_ECONFLICT if the new version
 *         is identical to another current fact (nothing is written); the
 *         codes of geopol_relation_add().
 */
GEOPOL_API int geopol_relation_correct(geopol_db *db, int64_t fact_id, const geopol_relation_spec *spec);
/**
 * Correct a name: its current version is closed in recorded time and
 * the new one appended under the same fact id; its citations are carried
 * over. Nothing is overwritten: a question asked "known at" a time before
 * the correction still gets the old version.
 * @param db the handle; NULL gives GEOPOL_EMISUSE.
 * @param fact_id the fact to correct.
 * @param spec the new version, checked as by geopol_name_add(); NULL gives
 *        GEOPOL_EMISUSE.
 * @return GEOPOL_OK; GEOPOL_ENOTFOUND if the fact has no current version
 *         (never added, or retracted); GEOPOL_ECONFLICT if the new version
 *         is identical to another current fact (nothing is written); the
 *         codes of geopol_name_add().
 */
GEOPOL_API int geopol_name_correct(geopol_db *db, int64_t fact_id, const geopol_name_spec *spec);
/**
 * Correct an event: its current version is closed in recorded time and
 * the new one appended under the same fact id; its citations are carried
 * over. Nothing is overwritten: a question asked "known at" a time before
 * the correction still gets the old version.
 * @param db the handle; NULL gives GEOPOL_EMISUSE.
 * @param fact_id the fact to correct.
 * @param spec the new version, checked as by geopol_event_add(); NULL gives
 *        GEOPOL_EMISUSE.
 * @return GEOPOL_OK; GEOPOL_ENOTFOUND if the fact has no current version
 *         (never added, or retracted); GEOPOL_ECONFLICT if the new version
 *         is identical to another current fact (nothing is written); the
 *         codes of geopol_event_add().
 */
GEOPOL_API int geopol_event_correct(geopol_db *db, int64_t fact_id, const geopol_event_spec *spec);

/**
 * Retract a fact: its current version is closed in recorded time (a
 * question "known at" an earlier time still sees it).
 * @param db the handle; NULL gives GEOPOL_EMISUSE.
 * @param kind a geopol_fact_kind; another value gives GEOPOL_EINVAL.
 * @param fact_id the fact.
 * @return GEOPOL_OK; GEOPOL_ENOTFOUND if the fact has no current version;
 *         GEOPOL_EINVAL; GEOPOL_EMISUSE on a read-only handle; or a storage error.
 */
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
 * Step to the next result. Several iterators may be open on one handle at
 * once, of the same question or of different ones, and stepped in any
 * order: each keeps its own statement.
 * @param it the iterator; NULL gives GEOPOL_EMISUSE.
 * @param item receives the item, owned by the iterator and valid (with
 *        every string it points to) until the next call on it; NULL gives
 *        GEOPOL_EMISUSE. Set to NULL when there is no item.
 * @return GEOPOL_OK with *item set; GEOPOL_ITEROVER at the end (and on every
 *         call after it, and after an error); GEOPOL_EMISUSE for a NULL
 *         argument and once the iterator's handle has been closed; or a storage error
 *         (see geopol_errmsg() on the iterator's handle).
 */
GEOPOL_API int geopol_iter_next(geopol_iter *it, const geopol_item **item);

/**
 * The citations of the current item (membership, relation, event or name),
 * loaded on demand.
 * @param it the iterator; NULL gives GEOPOL_EMISUSE.
 * @param cites receives the citations, owned by the iterator and valid
 *        until the next call on it; NULL gives GEOPOL_EMISUSE.
 * @param n receives their number: 0 for an uncited fact, for an item that
 *        cannot be cited (entity, candidate) and when there is no current
 *        item; NULL gives GEOPOL_EMISUSE.
 * @return GEOPOL_OK; GEOPOL_EMISUSE for a NULL argument and once the
 *         iterator's handle has been closed; or a storage error.
 */
GEOPOL_API int geopol_iter_citations(geopol_iter *it, const geopol_citation **cites, size_t *n);

/**
 * The current item as one JSON object (the row shapes of README "JSON
 * rows": membership {"org","member","role","from","to","certainty",
 * "sources"}, relation, event, entity, name, candidate; diff and traversal
 * items add "change", "depth" and "via"). Citations are included.
 * @param it the iterator; NULL gives GEOPOL_EMISUSE.
 * @param out receives the text, allocated by the library: free it with
 *        geopol_free(); NULL gives GEOPOL_EMISUSE.
 * @return GEOPOL_OK; GEOPOL_EMISUSE for a NULL argument, before the first
 *         item, after the last, and once the iterator's handle has been
 *         closed; or a storage error.
 */
GEOPOL_API int geopol_iter_json(geopol_iter *it, char **out);

/**
 * Free an iterator and what it owns (its item, strings and citations),
 * before or after its handle is closed.
 * @param it the iterator; NULL is a no-op.
 */
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

/**
 * One ENTITY item: the entity of a code.
 * @param out receives the new iterator, to free with geopol_iter_free();
 *        NULL on failure. NULL gives GEOPOL_EMISUSE.
 * @param db the handle; NULL gives GEOPOL_EMISUSE.
 * @param code the entity's code; NULL gives GEOPOL_EINVAL.
 * @param q query options; NULL means current knowledge, possible and
 *        definite rows, de jure members, the best-ranked coding.
 * @return GEOPOL_OK; GEOPOL_ENOTFOUND for an unknown entity code;
 *         GEOPOL_EINVAL for a NULL or empty one, or a bad q
 *         (an unknown stage, a coding with GEOPOL_ALL_CODINGS);
 *         GEOPOL_EMISUSE for a NULL out or db or an unknown q version;
 *         or a storage error.
 */
GEOPOL_API int geopol_entity_get(geopol_iter **out, geopol_db *db, const char *code,
				 const geopol_query *q);

/**
 * All entities, or those of one kind, in code order: ENTITY items.
 * @param out receives the new iterator, to free with geopol_iter_free();
 *        NULL on failure. NULL gives GEOPOL_EMISUSE.
 * @param db the handle; NULL gives GEOPOL_EMISUSE.
 * @param kind a geopol_kind, or 0 for all.
 * @param q query options; NULL means current knowledge, possible and
 *        definite rows, de jure members, the best-ranked coding.
 * @return GEOPOL_OK; GEOPOL_EINVAL for an unknown kind; GEOPOL_EMISUSE for a
 *         NULL out or db or an unknown q version; or a storage error.
 */
GEOPOL_API int geopol_entities(geopol_iter **out, geopol_db *db, int kind, const geopol_query *q);

/**
 * NAME items of an entity, by language, kind and start.
 * @param out receives the new iterator, to free with geopol_iter_free();
 *        NULL on failure. NULL gives GEOPOL_EMISUSE.
 * @param db the handle; NULL gives GEOPOL_EMISUSE.
 * @param entity the entity's code; NULL gives GEOPOL_EINVAL.
 * @param lang a language tag ("ar"); NULL for every language.
 * @param at the names valid on that date; precision NONE for every name,
 *        whenever valid (each then DEFINITE).
 * @param q query options; NULL means current knowledge, possible and
 *        definite rows, de jure members, the best-ranked coding.
 * @return GEOPOL_OK; GEOPOL_ENOTFOUND for an unknown entity code;
 *         GEOPOL_EINVAL for a NULL or empty one, or a bad q
 *         (an unknown stage, a coding with GEOPOL_ALL_CODINGS);
 *         GEOPOL_EMISUSE for a NULL out or db or an unknown q version;
 *         or a storage error.
 */
GEOPOL_API int geopol_names(geopol_iter **out, geopol_db *db, const char *entity,
			    const char *lang, geopol_date at, const geopol_query *q);

/**
 * geopol_entity_attrs() as known at q->known_at. An attribute is never
 * overwritten: a new value (a dataset's new release) closes the one known
 * until then, so that asking as known on an earlier day gives the values
 * known that day.
 * @param db the handle; NULL gives GEOPOL_EMISUSE.
 * @param entity the entity's code; NULL gives GEOPOL_EMISUSE.
 * @param q query options (only known_at is read); NULL means now.
 * @param json receives the object, allocated by the library (free it with
 *        geopol_free()), or NULL when the entity had none then; NULL gives
 *        GEOPOL_EMISUSE.
 * @return GEOPOL_OK; GEOPOL_ENOTFOUND for an unknown code; GEOPOL_EINVAL for
 *         an empty one; GEOPOL_EMISUSE for a NULL argument or an unknown q
 *         version; or a storage error.
 */
GEOPOL_API int geopol_entity_attrs_known(geopol_db *db, const char *entity, const geopol_query *q,
					 char **json);

/**
 * MEMBERSHIP items: the members of an organization at `at`, by member
 * code. An entity that is not an organization (a state) is no error: it
 * has no members, and the answer is empty.
 * As every "at D" question (members, memberships, common, pledges,
 * relations), and as history and diff do, it clips each row to the lives
 * of its two entities as known at q->known_at, as the snapshot does: an
 * item's from and to are the clipped ones, its certainty that of the
 * clipped interval, and a row that holds at `at` only outside a life is
 * left out. A treaty signed or
 * ratified before its organization exists is clipped to the member's life
 * only, a succession (successor_of, continuator_of) to the successor's.
 * @param out receives the new iterator, to free with geopol_iter_free();
 *        NULL on failure. NULL gives GEOPOL_EMISUSE.
 * @param db the handle; NULL gives GEOPOL_EMISUSE.
 * @param org the organization's code; NULL gives GEOPOL_EINVAL.
 * @param at the date asked; a year or month is answered over every day it
 *        covers (definite or possible); precision NONE means today.
 * @param q query options; NULL means current knowledge, possible and
 *        definite rows, de jure members, the best-ranked coding.
 * @return GEOPOL_OK; GEOPOL_ENOTFOUND for an unknown entity code;
 *         GEOPOL_EINVAL for a NULL or empty one, or a bad q
 *         (an unknown stage, a coding with GEOPOL_ALL_CODINGS);
 *         GEOPOL_EMISUSE for a NULL out or db or an unknown q version;
 *         or a storage error.
 */
GEOPOL_API int geopol_members(geopol_iter **out, geopol_db *db, const char *org,
			      geopol_date at, const geopol_query *q);

/**
 * MEMBERSHIP items: the organizations an entity belongs to at `at`, by
 * organization code.
 * @param out receives the new iterator, to free with geopol_iter_free();
 *        NULL on failure. NULL gives GEOPOL_EMISUSE.
 * @param db the handle; NULL gives GEOPOL_EMISUSE.
 * @param entity the member's code; NULL gives GEOPOL_EINVAL.
 * @param at the date asked; a year or month is answered over every day it
 *        covers (definite or possible); precision NONE means today.
 * @param q query options; NULL means current knowledge, possible and
 *        definite rows, de jure members, the best-ranked coding.
 * @return GEOPOL_OK; GEOPOL_ENOTFOUND for an unknown entity code;
 *         GEOPOL_EINVAL for a NULL or empty one, or a bad q
 *         (an unknown stage, a coding with GEOPOL_ALL_CODINGS);
 *         GEOPOL_EMISUSE for a NULL out or db or an unknown q version;
 *         or a storage error.
 */
GEOPOL_API int geopol_memberships(geopol_iter **out, geopol_db *db, const char *entity,
				  geopol_date at, const geopol_query *q);

/**
 * MEMBERSHIP items, two per organization that a and b both belong to at
 * `at` (a's row, then b's), by organization code. The pair's certainty is
 * the weaker of the two.
 * @param out receives the new iterator, to free with geopol_iter_free();
 *        NULL on failure. NULL gives GEOPOL_EMISUSE.
 * @param db the handle; NULL gives GEOPOL_EMISUSE.
 * @param a the first entity's code; NULL gives GEOPOL_EINVAL.
 * @param b the second entity's code; NULL gives GEOPOL_EINVAL.
 * @param at the date asked; a year or month is answered over every day it
 *        covers (definite or possible); precision NONE means today.
 * @param q query options; NULL means current knowledge, possible and
 *        definite rows, de jure members, the best-ranked coding.
 * @return GEOPOL_OK; GEOPOL_ENOTFOUND for an unknown entity code;
 *         GEOPOL_EINVAL for a NULL or empty one, or a bad q
 *         (an unknown stage, a coding with GEOPOL_ALL_CODINGS);
 *         GEOPOL_EMISUSE for a NULL out or db or an unknown q version;
 *         or a storage error.
 */
GEOPOL_API int geopol_common(geopol_iter **out, geopol_db *db, const char *a, const char *b,
			     geopol_date at, const geopol_query *q);

/**
 * MEMBERSHIP items, two per alliance in which a pledges `obligation` and b
 * is a member at `at` (a's row, then b's), by alliance code: "a defense
 * pledge from a to b". The obligations are ATOP's, per member (an
 * asymmetric alliance binds its members differently).
 * @param out receives the new iterator, to free with geopol_iter_free();
 *        NULL on failure. NULL gives GEOPOL_EMISUSE.
 * @param db the handle; NULL gives GEOPOL_EMISUSE.
 * @param a the code of the state that pledges; NULL gives GEOPOL_EINVAL.
 * @param b the code of the state pledged to; NULL gives GEOPOL_EINVAL.
 * @param obligation "defense" (also NULL or ""), "offense", "neutrality",
 *        "non_aggression" or "consultation".
 * @param at the date asked; a year or month is answered over every day it
 *        covers (definite or possible); precision NONE means today.
 * @param q query options; NULL means current knowledge, possible and
 *        definite rows, de jure members, the best-ranked coding.
 * @return GEOPOL_OK; GEOPOL_ENOTFOUND for an unknown entity code;
 *         GEOPOL_EINVAL for a NULL or empty one, or another obligation, or a bad q
 *         (an unknown stage, a coding with GEOPOL_ALL_CODINGS);
 *         GEOPOL_EMISUSE for a NULL out or db or an unknown q version;
 *         or a storage error.
 */
GEOPOL_API int geopol_pledges(geopol_iter **out, geopol_db *db, const char *a, const char *b,
			      const char *obligation, geopol_date at, const geopol_query *q);

/**
 * RELATION items of an entity, or between two entities, at `at`.
 * @param out receives the new iterator, to free with geopol_iter_free();
 *        NULL on failure. NULL gives GEOPOL_EMISUSE.
 * @param db the handle; NULL gives GEOPOL_EMISUSE.
 * @param entity the entity's code; NULL gives GEOPOL_EINVAL.
 * @param other the other entity's code, or NULL for relations with anyone.
 * @param at the date asked; a year or month is answered over every day it
 *        covers (definite or possible); precision NONE means today.
 * @param q query options; NULL means current knowledge, possible and
 *        definite rows, de jure members, the best-ranked coding.
 * @return GEOPOL_OK; GEOPOL_ENOTFOUND for an unknown entity code;
 *         GEOPOL_EINVAL for a NULL or empty one, or a bad q
 *         (an unknown stage, a coding with GEOPOL_ALL_CODINGS);
 *         GEOPOL_EMISUSE for a NULL out or db or an unknown q version;
 *         or a storage error.
 */
GEOPOL_API int geopol_relations(geopol_iter **out, geopol_db *db, const char *entity,
				const char *other, geopol_date at, const geopol_query *q);

/**
 * The history of the dyad a-b over [from, to): RELATION items that overlap
 * the span and EVENT items with both among the actors, in date order. A
 * relation is DEFINITE when it holds on some day of the span whatever its
 * imprecise ends stand for; an event as in geopol_events().
 * @param out receives the new iterator, to free with geopol_iter_free();
 *        NULL on failure. NULL gives GEOPOL_EMISUSE.
 * @param db the handle; NULL gives GEOPOL_EMISUSE.
 * @param a the first entity's code; NULL gives GEOPOL_EINVAL.
 * @param b the second entity's code; NULL gives GEOPOL_EINVAL.
 * @param from the span's first day; precision NONE for an open start.
 * @param to the first day after the span; precision NONE for an open end.
 * @param q query options; NULL means current knowledge, possible and
 *        definite rows, de jure members, the best-ranked coding.
 * @return GEOPOL_OK; GEOPOL_ENOTFOUND for an unknown entity code;
 *         GEOPOL_EINVAL for a NULL or empty one, or a span whose end is not after its start, or a bad q
 *         (an unknown stage, a coding with GEOPOL_ALL_CODINGS);
 *         GEOPOL_EMISUSE for a NULL out or db or an unknown q version;
 *         or a storage error.
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
 * EVENT items matching the filter, in date order: those whose date may
 * stand for a day of [from, to). An event is DEFINITE when every day of
 * its date lies in the span ("2022-01-06" in January 2022), POSSIBLE
 * when only some do ("2022" in January 2022); GEOPOL_DEFINITE_ONLY
 * leaves the possible ones out (before `limit` counts).
 * @param out receives the new iterator, to free with geopol_iter_free();
 *        NULL on failure. NULL gives GEOPOL_EMISUSE.
 * @param db the handle; NULL gives GEOPOL_EMISUSE.
 * @param filter the filter; NULL for every event. A version 1 struct (no
 *        quad_class) is accepted.
 * @param q query options; NULL means current knowledge, possible and
 *        definite rows, de jure members, the best-ranked coding.
 * @return GEOPOL_OK; GEOPOL_ENOTFOUND for an unknown actor or with code;
 *         GEOPOL_EINVAL for `with` without `actor`, a QuadClass other than
 *         0 to 4, invalid UTF-8 in text or a bad span; GEOPOL_EMISUSE for a
 *         NULL out or db or an unknown filter or q version; or a storage error.
 */
GEOPOL_API int geopol_events(geopol_iter **out, geopol_db *db, const geopol_event_filter *filter,
			     const geopol_query *q);

/**
 * What changed between d1 and d2: memberships joined and left, relations
 * started and ended (a changed relation shows as one ended and one
 * started), and the events whose date may lie in [d1, d2), each with its
 * certainty in that window as in geopol_events(). Items carry `change`.
 * @param out receives the new iterator, to free with geopol_iter_free();
 *        NULL on failure. NULL gives GEOPOL_EMISUSE.
 * @param db the handle; NULL gives GEOPOL_EMISUSE.
 * @param d1 the first date (required).
 * @param d2 the second date, after d1 (required).
 * @param entity only the facts that involve this entity's code; NULL for
 *        every fact.
 * @param q query options; NULL means current knowledge, possible and
 *        definite rows, de jure members, the best-ranked coding.
 * @return GEOPOL_OK; GEOPOL_ENOTFOUND for an unknown entity; GEOPOL_EINVAL
 *         when a date is missing (precision NONE) or d2 is not after d1;
 *         GEOPOL_EMISUSE for a NULL out or db or an unknown q version;
 *         or a storage error.
 */
GEOPOL_API int geopol_diff(geopol_iter **out, geopol_db *db, geopol_date d1, geopol_date d2,
			   const char *entity, const geopol_query *q);

/**
 * Breadth-first neighbours of an entity at `at`, to `depth` hops, through
 * memberships and relations valid then. Each item is the edge that first
 * reached an entity (MEMBERSHIP or RELATION) with `depth` and `via` set.
 * @param out receives the new iterator, to free with geopol_iter_free();
 *        NULL on failure. NULL gives GEOPOL_EMISUSE.
 * @param db the handle; NULL gives GEOPOL_EMISUSE.
 * @param entity the starting entity's code; NULL gives GEOPOL_EINVAL.
 * @param at the date asked; a year or month is answered over every day it
 *        covers (definite or possible); precision NONE means today.
 * @param depth hops, 1 to 10.
 * @param q query options; NULL means current knowledge, possible and
 *        definite rows, de jure members, the best-ranked coding.
 * @return GEOPOL_OK; GEOPOL_ENOTFOUND for an unknown entity code;
 *         GEOPOL_EINVAL for a NULL or empty one, or a depth outside 1 to 10, or a bad q
 *         (an unknown stage, a coding with GEOPOL_ALL_CODINGS);
 *         GEOPOL_EMISUSE for a NULL out or db or an unknown q version;
 *         or a storage error.
 */
GEOPOL_API int geopol_neighbors(geopol_iter **out, geopol_db *db, const char *entity,
				geopol_date at, int depth, const geopol_query *q);

/**
 * A shortest path from a to b where every hop is valid at `at`: the edges
 * in order (MEMBERSHIP or RELATION items; `via` is the entity the hop
 * leaves, `depth` its position from 1).
 * @param out receives the new iterator, to free with geopol_iter_free();
 *        NULL on failure. NULL gives GEOPOL_EMISUSE.
 * @param db the handle; NULL gives GEOPOL_EMISUSE.
 * @param a the starting entity's code; NULL gives GEOPOL_EINVAL.
 * @param b the code of the entity to reach; NULL gives GEOPOL_EINVAL.
 * @param at the date asked; a year or month is answered over every day it
 *        covers (definite or possible); precision NONE means today.
 * @param q query options; NULL means current knowledge, possible and
 *        definite rows, de jure members, the best-ranked coding.
 * @return GEOPOL_OK; GEOPOL_ENOTFOUND for an unknown entity code, and when
 *         no path is within 6 hops ("no path from 'boss' to 'CCC' within 6
 *         hops at that date"); GEOPOL_EINVAL for a NULL or empty code;
 *         GEOPOL_EMISUSE for a NULL out or db or an unknown q version;
 *         or a storage error.
 */
GEOPOL_API int geopol_path(geopol_iter **out, geopol_db *db, const char *a, const char *b,
			   geopol_date at, const geopol_query *q);

/**
 * The whole graph at `at`: first every ENTITY valid then (nodes, by code),
 * then every MEMBERSHIP and RELATION valid then (edges, in no promised
 * order). Streams: memory does not grow with the size of the graph.
 * @param out receives the new iterator, to free with geopol_iter_free();
 *        NULL on failure. NULL gives GEOPOL_EMISUSE.
 * @param db the handle; NULL gives GEOPOL_EMISUSE.
 * @param at the date asked; a year or month is answered over every day it
 *        covers (definite or possible); precision NONE means today.
 * @param q query options; NULL means current knowledge, possible and
 *        definite rows, de jure members, the best-ranked coding.
 * @return GEOPOL_OK; GEOPOL_EMISUSE for a NULL out or db or an unknown q
 *         version; GEOPOL_EINVAL for bad q stages or coding; or a storage error.
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
 * @param out receives the new iterator, to free with geopol_iter_free();
 *        NULL on failure. NULL gives GEOPOL_EMISUSE.
 * @param db the handle; NULL gives GEOPOL_EMISUSE.
 * @param q query options; NULL means current knowledge, possible and
 *        definite rows, de jure members, the best-ranked coding.
 * @return GEOPOL_OK; GEOPOL_EMISUSE for a NULL out or db or an unknown q
 *         version; GEOPOL_EINVAL for bad q stages or coding; or a storage error.
 */
GEOPOL_API int geopol_clipped(geopol_iter **out, geopol_db *db, const geopol_query *q);

/**
 * The whole graph over the span [from, to): every ENTITY, MEMBERSHIP and
 * RELATION that held at some time in it, each with its own interval, in
 * the order of geopol_snapshot(). An imprecise end takes its widest
 * reading; certainty is GEOPOL_DEFINITE on every item, since it applies
 * to one date only. The export's span (from/to of geopol_export_options)
 * reads the same rows. Streams.
 * @param out receives the new iterator, to free with geopol_iter_free();
 *        NULL on failure. NULL gives GEOPOL_EMISUSE.
 * @param db the handle; NULL gives GEOPOL_EMISUSE.
 * @param from the span's first day; precision NONE for an open start.
 * @param to the first day after the span; precision NONE for an open end.
 * @param q query options; NULL means current knowledge, possible and
 *        definite rows, de jure members, the best-ranked coding.
 * @return GEOPOL_OK; GEOPOL_EMISUSE for a NULL out or db or an unknown q
 *         version; GEOPOL_EINVAL for bad q stages or coding; or a storage error.
 */
GEOPOL_API int geopol_snapshot_span(geopol_iter **out, geopol_db *db, geopol_date from,
				    geopol_date to, const geopol_query *q);

/**
 * Facts with no citation: MEMBERSHIP, RELATION, EVENT and NAME items.
 * @param out receives the new iterator, to free with geopol_iter_free();
 *        NULL on failure. NULL gives GEOPOL_EMISUSE.
 * @param db the handle; NULL gives GEOPOL_EMISUSE.
 * @param q query options; NULL means current knowledge, possible and
 *        definite rows, de jure members, the best-ranked coding.
 * @return GEOPOL_OK; GEOPOL_EMISUSE for a NULL out or db or an unknown q
 *         version; GEOPOL_EINVAL for bad q stages or coding; or a storage error.
 */
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
 * Check the current rows of the database and report each finding through
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
 * dates that may just touch are not findings. The finding callback must not
 * call into the same handle.
 * @param db the handle; NULL gives GEOPOL_EINVAL (not EMISUSE: an old rule
 *        of this call, kept).
 * @param opts may be NULL (only count).
 * @param stats receives the counts; may be NULL.
 * @return GEOPOL_OK when the check ran, whatever it found (see
 *         stats->errors); GEOPOL_EMISUSE for an unknown opts version; or a storage error
 *         when it could not read the database.
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
 * Import files of the named format in one transaction: all or nothing.
 * On error the message names the file, the record or line, and the field
 * or column. Dataset files may be compressed (.gz, or a .zip holding one
 * file). What is already stored is counted as unchanged, not added again,
 * so importing a file twice adds nothing. The progress and skipped
 * callbacks must not call into the same handle.
 * @param db the handle; NULL gives GEOPOL_EMISUSE.
 * @param format "json", "cow-states", "cow-igo", "atop", "cameo", "icews" or
 *        "gdelt"; NULL or another gives GEOPOL_EINVAL.
 * @param paths the files; may be NULL only when n_paths is 0, and none of
 *        its elements may be NULL (GEOPOL_EMISUSE).
 * @param n_paths the number of files.
 * @param opts may be NULL (the defaults); versions 1 and 2 are accepted.
 * @param stats receives the counts; may be NULL. With options of version 1,
 *        only the counts of that version (rows to skipped) are written. On
 *        failure stats->added is 0 (nothing was kept).
 * @return GEOPOL_OK; GEOPOL_EINVAL for a bad record (the message says where),
 *         an unknown format or a release of "json" or "cameo"; GEOPOL_EIO
 *         for a file that cannot be read; the codes of the _add functions
 *         (GEOPOL_ECONFLICT, GEOPOL_ENOTFOUND) for a record they refuse;
 *         GEOPOL_EMISUSE for NULL paths, an unknown opts version or a
 *         read-only handle; or a storage error.
 */
GEOPOL_API int geopol_import(geopol_db *db, const char *format, const char *const *paths,
			     size_t n_paths, const geopol_import_options *opts,
			     geopol_import_stats *stats);

/**
 * Import a JSON dataset held in memory, as geopol_import() does a "json"
 * file: in one transaction, all or nothing.
 * @param db the handle; NULL gives GEOPOL_EMISUSE.
 * @param text the JSON text: exactly len bytes are read (no NUL needed
 *        after them); NULL gives GEOPOL_EMISUSE.
 * @param len its length in bytes.
 * @param name labels error messages; NULL means "<text>".
 * @param stats receives the counts; may be NULL. On failure stats->added is 0.
 * @return as geopol_import().
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

/**
 * The export format for a name.
 * @param name "json", "ndjson", "csv", "graphml", "gexf", "dot", "svg",
 *        "png" or "html"; may be NULL.
 * @return a geopol_format, or 0, the unknown value, for another name or NULL.
 */
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

/**
 * Stream an export through `write`, in pieces of any size, in order.
 * The write function must not call into the same handle.
 * @param db the handle; NULL gives GEOPOL_EMISUSE.
 * @param opts what and how to export; NULL for the defaults (a JSON snapshot
 *        today with sources). Versions 1 and 2 are accepted.
 * @param q query options for the rows exported; may be NULL.
 * @param write receives the bytes; NULL gives GEOPOL_EMISUSE.
 * @param ctx passed to write as it is.
 * @return GEOPOL_OK; GEOPOL_EIO when write returned nonzero; GEOPOL_ENOTFOUND
 *         for an unknown code in around or orgs, or an unknown relation type
 *         in types; GEOPOL_EINVAL for an unknown format, a code in orgs that
 *         is not an organization, a depth outside 1 to 10, a GEXF version
 *         other than 12 or 13; GEOPOL_EMISUSE for a NULL write or an unknown
 *         opts version; or a storage error.
 */
GEOPOL_API int geopol_export(geopol_db *db, const geopol_export_options *opts,
			     const geopol_query *q, geopol_write_fn write, void *ctx);

/**
 * Export into a file, written beside it and renamed: the file appears
 * whole, or not at all on error.
 * @param db the handle; NULL gives GEOPOL_EMISUSE.
 * @param opts as for geopol_export(); may be NULL.
 * @param q as for geopol_export(); may be NULL.
 * @param path the file; NULL gives GEOPOL_EMISUSE.
 * @return as geopol_export(); GEOPOL_EIO when the file cannot be written
 *         ("PATH: cannot write: ...").
 */
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
 * Build a panel. The variables are checked and the entities resolved here.
 * @param out receives the new panel, to free with geopol_panel_free()
 *        (before closing its handle); NULL on failure. NULL gives
 *        GEOPOL_EMISUSE.
 * @param db the handle; NULL gives GEOPOL_EMISUSE.
 * @param opts the panel; NULL gives GEOPOL_EMISUSE.
 * @param q query options: known_at asks as known on that recorded time;
 *        GEOPOL_DEFINITE_ONLY drops the "_possible" columns and counts
 *        definite facts only. May be NULL.
 * @return GEOPOL_OK; GEOPOL_EINVAL naming a bad variable or option (unit,
 *         period, rule, population, a missing span, codes missing for a
 *         list); GEOPOL_ENOTFOUND for an unknown code; GEOPOL_EMISUSE for a
 *         NULL out, db or opts or an unknown opts or q version; or a storage error.
 */
GEOPOL_API int geopol_panel(geopol_panel_iter **out, geopol_db *db,
			    const geopol_panel_options *opts, const geopol_query *q);

/**
 * The names of the value columns.
 * @param p the panel; NULL has no columns.
 * @param names receives the names, owned by the panel (valid until it is
 *        freed); may be NULL (only the count wanted).
 * @return the number of columns (0 for a NULL p).
 */
GEOPOL_API size_t geopol_panel_columns(const geopol_panel_iter *p, const char *const **names);

/**
 * The rule the values follow, in one English line (NDJSON's first object
 * and the CLI's --rule-file carry it).
 * @param p the panel; may be NULL.
 * @return a string owned by the panel, valid until it is freed; "" for a
 *         NULL p.
 */
GEOPOL_API const char *geopol_panel_rule_text(const geopol_panel_iter *p);

/**
 * The next row.
 * @param p the panel; NULL gives GEOPOL_EMISUSE.
 * @param row receives the row, owned by the panel and valid until the next
 *        call on it; NULL gives GEOPOL_EMISUSE.
 * @return GEOPOL_OK; GEOPOL_ITEROVER at the end; GEOPOL_EMISUSE; or a storage error.
 */
GEOPOL_API int geopol_panel_next(geopol_panel_iter *p, const geopol_panel_row **row);

/**
 * Stream the remaining rows as GEOPOL_FORMAT_CSV (the column names, then
 * the rows: a plain table, which pandas and R's read.csv load as it is; the
 * rule is geopol_panel_rule_text()) or GEOPOL_FORMAT_NDJSON (a first object
 * {"panel":{...}} naming the rule and the columns, then one object per row).
 * The write function must not call into the same handle.
 * @param p the panel; NULL gives GEOPOL_EMISUSE.
 * @param format GEOPOL_FORMAT_CSV or GEOPOL_FORMAT_NDJSON; another gives
 *        GEOPOL_EINVAL.
 * @param write receives the bytes; NULL gives GEOPOL_EMISUSE.
 * @param ctx passed to write as it is.
 * @return GEOPOL_OK; GEOPOL_EIO when write returned nonzero; GEOPOL_EINVAL;
 *         GEOPOL_EMISUSE; or a storage error.
 */
GEOPOL_API int geopol_panel_write(geopol_panel_iter *p, int format, geopol_write_fn write,
				  void *ctx);

/**
 * Free a panel. Free it before closing its handle: unlike a
 * geopol_iter, a panel is not ended by geopol_close().
 * @param p the panel; NULL is a no-op.
 */
GEOPOL_API void geopol_panel_free(geopol_panel_iter *p);

/* ------------------------------------------------------------------------
 * Name search (DESIGN.md section 4).
 */

/**
 * The search key of a string: NFKC, case folded, marks stripped, Arabic
 * letters folded, punctuation and spaces folded. Needs no handle.
 * @param text the string: only len bytes are read (it need not end with a
 *        NUL); NULL gives GEOPOL_EINVAL.
 * @param len its length in bytes, at most 4096.
 * @param out receives the key, allocated by the library: free it with
 *        geopol_free(); NULL gives GEOPOL_EINVAL.
 * @return GEOPOL_OK; GEOPOL_EINVAL for invalid UTF-8, more than 4096 bytes
 *         or a NULL argument; GEOPOL_ENOMEM.
 */
GEOPOL_API int geopol_normalize(const char *text, size_t len, char **out);

/**
 * Free memory the library allocated for the caller (geopol_normalize(),
 * geopol_iter_json(), geopol_entity_attrs()): never with free().
 * @param p the memory; NULL is a no-op.
 */
GEOPOL_API void geopol_free(void *p);

/**
 * CANDIDATE items for a code or name typed any way, best first: exact
 * code, then exact key matches, then typo-tolerant ones, each with a score.
 * @param out receives the new iterator, to free with geopol_iter_free();
 *        NULL gives GEOPOL_EMISUSE.
 * @param db the handle; NULL gives GEOPOL_EMISUSE.
 * @param text what was typed; NULL gives GEOPOL_EINVAL.
 * @param limit the most candidates; 0 means 10.
 * @param q query options (lang: the language of the names shown); may be
 *        NULL.
 * @return GEOPOL_OK (with no item when nothing matches); GEOPOL_EINVAL;
 *         GEOPOL_EMISUSE; or a storage error.
 */
GEOPOL_API int geopol_resolve(geopol_iter **out, geopol_db *db, const char *text,
			      size_t limit, const geopol_query *q);

/**
 * The one entity a code or name means; its code is copied into buf.
 * @param db the handle; NULL gives GEOPOL_EMISUSE.
 * @param text what was typed; NULL gives GEOPOL_EINVAL.
 * @param buf receives the code and its NUL; NULL gives GEOPOL_EINVAL.
 * @param size the size of buf.
 * @return GEOPOL_OK; GEOPOL_ENOTFOUND if no entity matches; GEOPOL_EAMBIGUOUS
 *         if several match equally well (the message lists them);
 *         GEOPOL_EINVAL for a NULL text or buf, or a buffer too small for
 *         the code; or a storage error.
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
 * NULL), then once per row; fn must not call into the same handle.
 * @param db the handle; NULL gives GEOPOL_EMISUSE.
 * @param sql the statement; NULL gives GEOPOL_EMISUSE.
 * @param fn receives the rows; the row and its strings are valid during the
 *        call only. It returns nonzero to stop (not an error). NULL gives
 *        GEOPOL_EMISUSE.
 * @param ctx passed to fn as it is.
 * @return GEOPOL_OK (also when fn stopped); GEOPOL_EINVAL for a statement
 *         that would write, attach a file, change a pragma or open a
 *         transaction (refused before it runs), for several statements at
 *         once and for SQL errors (geopol_errmsg() says why); GEOPOL_EMISUSE;
 *         or a storage error.
 */
GEOPOL_API int geopol_sql(geopol_db *db, const char *sql, geopol_sql_fn fn, void *ctx);

#ifdef __cplusplus
}
#endif
#endif /* GEOPOL_H */
