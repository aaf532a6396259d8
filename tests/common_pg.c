/* common_pg.c - helpers the PostgreSQL suites share (test_pg.h). */
#include "test_pg.h"

#ifdef GEOPOL_HAVE_LIBPQ
#include <check.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

const char *tu_pg_state(void)
{
	const char *state = getenv("GEOPOL_TEST_PG_STATE");
	ck_assert_msg(state && *state, "GEOPOL_TEST_PG_STATE is not set: run the suite through ctest, "
		      "whose fixture pg_cluster_start starts the cluster");
	return state;
}

const char *tu_pg_conninfo_of(const char *state)
{
	static char info[1024];
	char path[1024];
	snprintf(path, sizeof path, "%s/conninfo", state);
	FILE *f = fopen(path, "r");
	ck_assert_msg(f != NULL, "%s: no cluster running (tests/pg/cluster.sh start failed?)", path);
	ck_assert(fgets(info, sizeof info, f) != NULL);
	fclose(f);
	info[strcspn(info, "\n")] = '\0';
	return info;
}

const char *tu_pg_conninfo(void)
{
	return tu_pg_conninfo_of(tu_pg_state());
}

/* "database ... does not exist, skipping" is no news. */
static void quiet(void *arg, const char *message)
{
	(void)arg;
	(void)message;
}

PGconn *tu_pg_connect(const char *info)
{
	PGconn *c = PQconnectdb(info);
	ck_assert_msg(PQstatus(c) == CONNECTION_OK, "connect: %s", PQerrorMessage(c));
	PQsetNoticeProcessor(c, quiet, NULL);
	return c;
}

const char *tu_pg_fresh(const char *name)
{
	static char path[1400];
	char info[1024];
	snprintf(info, sizeof info, "%s", tu_pg_conninfo());
	PGconn *c = tu_pg_connect(info);
	char sql[256];
	snprintf(sql, sizeof sql, "DROP DATABASE IF EXISTS %s", name);
	PQclear(PQexec(c, sql));
	snprintf(sql, sizeof sql, "CREATE DATABASE %s", name);
	PGresult *r = PQexec(c, sql);
	ck_assert_msg(PQresultStatus(r) == PGRES_COMMAND_OK, "%s: %s", sql, PQerrorMessage(c));
	PQclear(r);
	PQfinish(c);
	snprintf(path, sizeof path, "postgresql:%s dbname=%s", info, name);
	return path;
}

int tu_pg_suites(void)
{
	const char *on = getenv("GEOPOL_TEST_PG");
	return on && strcmp(on, "1") == 0;
}

/* The databases of tu_pg_open whose process has ended (named
 * tu_PID_N): dropped, so that a suite's hundreds of tests do not fill the
 * disk. A live process's are its own. */
static void drop_ended(PGconn *c)
{
	PGresult *r = PQexec(c, "SELECT datname FROM pg_database WHERE datname LIKE 'tu\\_%'");
	for (int i = 0; PQresultStatus(r) == PGRES_TUPLES_OK && i < PQntuples(r); i++) {
		const char *name = PQgetvalue(r, i, 0);
		long pid = strtol(name + 3, NULL, 10);
		if (pid <= 0 || kill((pid_t)pid, 0) == 0)
			continue;
		char sql[256];
		snprintf(sql, sizeof sql, "DROP DATABASE IF EXISTS %s", name);
		PQclear(PQexec(c, sql));
	}
	PQclear(r);
}

static int n_opened;

const char *tu_pg_open_copy(const char *tpl)
{
	static char path[1400];
	char info[1024], sql[256];
	snprintf(info, sizeof info, "%s", tu_pg_conninfo());
	PGconn *c = tu_pg_connect(info);
	snprintf(sql, sizeof sql, "CREATE DATABASE tu_%ld_%d TEMPLATE %s", (long)getpid(), n_opened, tpl);
	PGresult *r = PQexec(c, sql);
	ck_assert_msg(PQresultStatus(r) == PGRES_COMMAND_OK, "%s: %s", sql, PQerrorMessage(c));
	PQclear(r);
	PQfinish(c);
	snprintf(path, sizeof path, "postgresql:%s dbname=tu_%ld_%d", info, (long)getpid(), n_opened++);
	return path;
}

const char *tu_pg_open_path(void)
{
	char info[1024], name[64];
	snprintf(info, sizeof info, "%s", tu_pg_conninfo());
	PGconn *c = tu_pg_connect(info);
	drop_ended(c);
	PQfinish(c);
	snprintf(name, sizeof name, "tu_%ld_%d", (long)getpid(), n_opened++);
	return tu_pg_fresh(name);
}
#endif
