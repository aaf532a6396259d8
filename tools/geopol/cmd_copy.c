/*
 * cmd_copy.c - geopol copy [SRC] DST: a whole database into a new one
 * (geopol_copy()), between SQLite files and PostgreSQL databases in either
 * direction. Without SRC the source is --db's database (the built-in
 * dataset by default). A DST file this command created is removed again
 * when the copy fails, so that a failure leaves nothing behind.
 */
#include "cli.h"

#include <stdio.h>
#include <string.h>
#include <unistd.h>

static int is_server(const char *path)
{
	return strncmp(path, "postgresql:", 11) == 0 || strncmp(path, "postgres:", 9) == 0;
}

/* A new SQLite file and its logs, gone again. */
static void remove_file(const char *path)
{
	static const char *const tails[] = {"", "-wal", "-shm", "-journal"};
	for (size_t i = 0; i < sizeof tails / sizeof tails[0]; i++) {
		char buf[4096];
		if ((size_t)snprintf(buf, sizeof buf, "%s%s", path, tails[i]) < sizeof buf)
			unlink(buf);
	}
}

int cmd_copy(cli *c)
{
	const char *dst_path = c->pos[c->npos - 1];
	int rc = cli_not_builtin("copy", dst_path);
	if (rc)
		return rc;
	if (c->npos == 2)
		c->db_path = c->pos[0];
	if ((rc = cli_open_db(c, DB_READ)))
		return rc;
	int created = !is_server(dst_path) && access(dst_path, F_OK) != 0;
	geopol_db *dst = NULL;
	int64_t rows = 0;
	rc = geopol_open(&dst, dst_path, NULL);
	if (!rc)
		rc = geopol_copy(dst, c->db, &rows);
	if (rc) {
		const char *msg = dst ? geopol_errmsg(dst) : "";
		cli_error(CLI_FAIL, "copy: %s: %s", dst_path, *msg ? msg : geopol_strerror(rc));
	}
	geopol_close(dst);
	if (rc) {
		if (created)
			remove_file(dst_path);
		return CLI_FAIL;
	}
	char n[32];
	cli_thousands((uint64_t)rows, n, sizeof n);
	fprintf(stderr, "copied %s rows into %s\n", n, dst_path);
	return CLI_OK;
}
