/*
 * test_pg.h - what the PostgreSQL suites share (common_pg.c): the pg
 * fixture's cluster (tests/pg/cluster.sh) and databases of a test's own.
 */
#ifndef GEOPOL_TEST_PG_H
#define GEOPOL_TEST_PG_H
#ifdef GEOPOL_HAVE_LIBPQ

#include <libpq-fe.h>

/* The fixture's state folder (GEOPOL_TEST_PG_STATE); fails the test when
 * the suite was not run through ctest. */
const char *tu_pg_state(void);
/* The conninfo a state folder's cluster is reached by ("host=DIR
 * user=geopol dbname=geopol"), in a static buffer. */
const char *tu_pg_conninfo_of(const char *state);
/* The fixture's. */
const char *tu_pg_conninfo(void);
/* A libpq connection by conninfo, its notices silenced. */
PGconn *tu_pg_connect(const char *info);
/* A new empty database `name` (a constant of the test) on the fixture's
 * cluster, and the path geopol opens it by ("postgresql:" and its
 * conninfo), in a static buffer. */
const char *tu_pg_fresh(const char *name);
/* Whether the store-neutral suites run on PostgreSQL (GEOPOL_TEST_PG=1,
 * set by CTest's *_pg tests): tu_open() then opens a new database of
 * the fixture's cluster, from tu_pg_open_path(), named after the process
 * (tu_PID_N; those of ended processes are dropped first). */
int tu_pg_suites(void);
const char *tu_pg_open_path(void);
/* A new database of this process (as tu_pg_open_path's) made from the
 * database `tpl` (CREATE DATABASE ... TEMPLATE: a copy of its files, no
 * connection to tpl may be open), and the path geopol opens it by. */
const char *tu_pg_open_copy(const char *tpl);

#endif
#endif
