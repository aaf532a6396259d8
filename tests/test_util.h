/* test_util.h - helpers the Check suites share (tests/common_util.c). */
#ifndef GEOPOL_TEST_UTIL_H
#define GEOPOL_TEST_UTIL_H

#include <check.h>
#include <geopol.h>
#include <stdint.h>

/* Run a suite (the main() of every check_<module>.c): EXIT_SUCCESS when
 * no test failed. */
int tu_run(Suite *s);

/* A fresh :memory: database (with GEOPOL_TEST_PG=1 a new PostgreSQL
 * database, test_pg.h); fails the test if it cannot open. */
geopol_db *tu_open(void);
/* A fresh :memory: SQLite database whatever store the suite runs on: the
 * reference a PostgreSQL run compares its answers with. */
geopol_db *tu_open_sqlite(void);
/* The built-in dataset (the JSON files of data/), a fresh database of it for each
 * call (tu_open's, imported). With GEOPOL_TEST_PG=1, after the unchecked
 * fixture tu_dataset_template (run once in the suite's process, before
 * the tests fork) imported it once into a template database, each call is
 * a copy of that (CREATE DATABASE ... TEMPLATE), not a new import. */
geopol_db *tu_open_dataset(void);
void tu_dataset_template(void);
geopol_date tu_date(const char *s);
/* Rows in every table of the database: a fingerprint of "nothing changed". */
int64_t tu_total_rows(geopol_db *db);
/* A growing text: tu_text_add appends s (NUL-terminated; the first call
 * on {0} allocates), failing the test when memory runs out. */
typedef struct tu_text {
	char *s;
	size_t len, cap;
} tu_text;
void tu_text_add(tu_text *t, const char *s);

/* The whole database as text (every row of every table), to compare. */
char *tu_dump(geopol_db *db);
/* Drain an iterator into one line per item: memberships "ORG MEMBER role
 * certainty", relations "A B type certainty", events "date type title",
 * entities "code", names "lang text", candidates "code"; joined by '\n'.
 * Returns a malloc'd string; fails the test on an iteration error. */
char *tu_lines(geopol_iter *it);
/* Members of org at a date (flags, known_at) as "CODE role certainty" lines. */
char *tu_members(geopol_db *db, const char *org, const char *at, unsigned flags, int64_t known_at);
/* Import a JSON text; returns the status. */
int tu_import(geopol_db *db, const char *json);

/* Import one file of a format; tu_import_ok fails the test on error. */
int tu_import_file(geopol_db *db, const char *format, const char *path,
		   const geopol_import_options *o, geopol_import_stats *st);
void tu_import_ok(geopol_db *db, const char *format, const char *path, geopol_import_stats *st);
/* Importing the file again adds nothing: no fact, no row anywhere. */
void tu_reimport_adds_nothing(geopol_db *db, const char *format, const char *path);
/* The one integer a SQL query returns. */
int64_t tu_count(geopol_db *db, const char *sql);
/* SQL below the API on either store (on PostgreSQL with GEOPOL_TEST_PG=1
 * too): SQL that SQLite and PostgreSQL both read, its parameters $1,
 * $2, ... given as n tu_params (bound as typed values on SQLite, sent
 * with their types to PostgreSQL). tu_exec fails the test unless the
 * statement runs; tu_rows returns the rows a query gives as text, a row's
 * columns joined by '|' and rows by '\n', NULL as "NULL", a REAL as
 * SQLite writes it (7.0, 0.1, 1.0e+20) on both (malloc'd). */
typedef struct tu_param {
	char type; /* 'i', 'd', 't' or 'n' (NULL) */
	int64_t i;
	double d;
	const char *s;
} tu_param;
#define TU_INT(x) ((tu_param){'i', (x), 0.0, NULL})
#define TU_REAL(x) ((tu_param){'d', 0, (x), NULL})
#define TU_TEXT(x) ((tu_param){'t', 0, 0.0, (x)})
#define TU_NULL ((tu_param){'n', 0, 0.0, NULL})
void tu_exec(geopol_db *db, const char *sql, int n, const tu_param *p);
char *tu_rows(geopol_db *db, const char *sql, int n, const tu_param *p);
/* The first column of a query's first row as text, "" for no row or NULL
 * (a static buffer of 1024 bytes, reused by the next call). */
const char *tu_one(geopol_db *db, const char *sql);
/* Each row of a query to fn, its n columns as text (NULL for NULL, a REAL
 * as SQLite writes it); returns the rows seen. */
typedef void (*tu_row_fn)(void *ctx, int n, const char *const *values);
int tu_each(geopol_db *db, const char *sql, int n, const tu_param *p, tu_row_fn fn, void *ctx);
/* The rows of a one-column query joined by sep, in the query's ORDER BY
 * (SQLite's group_concat over an ordered subquery), "" for none
 * (malloc'd). */
char *tu_joined(geopol_db *db, const char *sql, const char *sep);
/* The SQL of the store db is on, where the two dialects must differ
 * (json_extract, ...): the same question written twice. */
const char *tu_dialect(geopol_db *db, const char *sqlite_sql, const char *pg_sql);
/* Whether db is a PostgreSQL handle (the suite runs with GEOPOL_TEST_PG=1):
 * for the few assertions about one store's own machinery. */
int tu_on_pg(geopol_db *db);
/* Whether a real dataset file is there; says "skipped" on stderr if not. */
int tu_have_file(const char *path);
/* A copy of a fixture with `from` replaced by `to` on line `line` (1-based);
 * returns a temporary path (free it, unlink it). */
char *tu_doctored(const char *fixture, int line, const char *from, const char *to);
/* An import_options.skipped callback that counts and keeps the last message. */
extern int tu_n_reported;
extern char tu_last_report[512];
void tu_on_skip(void *ctx, const char *msg);
/* An entity's life as geopol_entity_get answers it, known at known_at (0:
 * now): "from to", "-" for an open end. */
char *tu_life(geopol_db *db, const char *code, int64_t known_at);

/* Random worlds: a seeded generator (splitmix64, the benchmarks' too) and
 * a date from a few years that collide on purpose, at day, month or year
 * precision, or open. */
uint64_t tu_rand(uint64_t *s);
geopol_date tu_world_date(uint64_t *s);

/* The small world of tests/common_util.c, as a JSON dataset. */
extern const char *const TU_WORLD;

#endif
