/*
 * cmd_import.c - init (an empty database) and import (files into it, in one
 * transaction), with a progress bar on stderr when stderr is a terminal.
 */
#include "cli.h"

#include <string.h>
#include <unistd.h>

int cmd_init(cli *c)
{
	geopol_db *db = NULL;
	int rc = cli_not_builtin("init", c->pos[0]);
	if (rc)
		return rc;
	rc = geopol_open(&db, c->pos[0], NULL);
	if (rc) {
		const char *msg = db ? geopol_errmsg(db) : geopol_strerror(rc);
		cli_error(CLI_FAIL, "%s", *msg ? msg : geopol_strerror(rc));
		geopol_close(db);
		return CLI_FAIL;
	}
	geopol_close(db);
	return CLI_OK;
}

#define BAR_WIDTH 40

typedef struct progress {
	int shown;    /* a bar is on the screen */
	int last;     /* last permille drawn */
} progress;

/* Redraws only when the bar moves, so a terminal is not flooded. */
static void draw_progress(void *ctx, uint64_t done, uint64_t total)
{
	progress *p = ctx;
	int permille = total ? (int)(done * 1000 / total) : 0;
	if (permille > 1000)
		permille = 1000;
	if (p->shown && permille == p->last)
		return;
	char bar[BAR_WIDTH + 1];
	int fill = permille * BAR_WIDTH / 1000;
	for (int i = 0; i < BAR_WIDTH; i++)
		bar[i] = i < fill ? '#' : '.';
	bar[BAR_WIDTH] = '\0';
	fprintf(stderr, "\rimporting [%s] %3d%%", bar, permille / 10);
	fflush(stderr);
	p->shown = 1;
	p->last = permille;
}

static void clear_progress(progress *p)
{
	if (p->shown)
		fprintf(stderr, "\r%*s\r", BAR_WIDTH + 20, "");
	p->shown = 0;
}

static void report_skipped(void *ctx, const char *message)
{
	clear_progress(ctx);
	fprintf(stderr, "geopol: skipped: %s\n", message);
}

static void summary(size_t files, const geopol_import_stats *st)
{
	char rows[32], added[32], same[32], skipped[32];
	cli_thousands(st->rows, rows, sizeof rows);
	cli_thousands(st->added, added, sizeof added);
	cli_thousands(st->unchanged, same, sizeof same);
	cli_thousands(st->skipped, skipped, sizeof skipped);
	fprintf(stderr, "imported %zu file%s: %s records, %s added, %s unchanged", files,
		files == 1 ? "" : "s", rows, added, same);
	if (st->skipped)
		fprintf(stderr, ", %s skipped", skipped);
	fputc('\n', stderr);
}

static int known_format(const char *name)
{
	static const char *const names[] = {"json", "cow-states", "cow-igo", "atop", "cameo",
					    "icews", "gdelt"};
	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
		if (strcmp(name, names[i]) == 0)
			return 1;
	return 0;
}

int cmd_import(cli *c)
{
	const char *format = c->format_s ? c->format_s : "json";
	if (!known_format(format))
		return cli_error(CLI_USAGE, "import: unknown format '%s' (json, cow-states, cow-igo, "
				 "atop, cameo, icews, gdelt)", format);
	progress bar = {0, -1};
	geopol_import_options o = GEOPOL_IMPORT_OPTIONS_INIT;
	o.skip_bad_rows = c->skip_bad_rows;
	o.progress = isatty(2) ? draw_progress : NULL;
	o.skipped = report_skipped;
	o.ctx = &bar;
	/* "-": standard input (once). */
	int dashes = 0;
	for (int i = 0; i < c->npos; i++)
		if (strcmp(c->pos[i], "-") == 0 && ++dashes)
			c->pos[i] = "/dev/stdin";
	if (dashes > 1)
		return cli_error(CLI_USAGE, "import: '-' (standard input) may be given once");
	geopol_import_stats st;
	int rc = geopol_import(c->db, format, c->pos, (size_t)c->npos, &o, &st);
	clear_progress(&bar);
	if (rc)
		return cli_db_error(c, rc);
	summary((size_t)c->npos, &st);
	return CLI_OK;
}
