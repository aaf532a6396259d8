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

/* Why rows were skipped, for the summary: one count per column and
 * reason, the values left out ("SQLDATE: '…' is not a date"). */
#define MAX_REASONS 8
typedef struct skips {
	progress bar;       /* first: draw_progress gets the same ctx */
	const char *const *paths;
	int n_paths;
	char reason[MAX_REASONS][96];
	unsigned long long count[MAX_REASONS];
	unsigned long long other;
} skips;

/* "FILE:LINE:COLUMN: what ('x' ...) (detail)" -> "COLUMN: what ('…' ...)". */
static void reason_of(const skips *k, const char *msg, char *out, size_t size)
{
	for (int i = 0; i < k->n_paths; i++) {
		size_t len = strlen(k->paths[i]);
		if (strncmp(msg, k->paths[i], len) == 0 && msg[len] == ':') {
			msg += len + 1;
			break;
		}
	}
	const char *p = strchr(msg, ':'); /* after the line number */
	if (p)
		msg = p + 1;
	size_t w = 0;
	for (; *msg && w + 4 < size; msg++) {
		if (*msg == '\'') {
			const char *end = strchr(msg + 1, '\'');
			if (end) {
				memcpy(out + w, "'\xE2\x80\xA6'", 5);
				w += 5;
				msg = end;
				continue;
			}
		}
		if (msg[0] == ' ' && msg[1] == '(')
			break;
		out[w++] = *msg;
	}
	out[w] = '\0';
}

static void report_skipped(void *ctx, const char *message)
{
	skips *k = ctx;
	char why[96];
	clear_progress(&k->bar);
	fprintf(stderr, "geopol: skipped: %s\n", message);
	reason_of(k, message, why, sizeof why);
	for (int i = 0; i < MAX_REASONS; i++) {
		if (!k->count[i])
			snprintf(k->reason[i], sizeof k->reason[i], "%s", why);
		if (strcmp(k->reason[i], why) == 0) {
			k->count[i]++;
			return;
		}
	}
	k->other++;
}

static void summary(size_t files, const geopol_import_stats *st, const skips *k, int release)
{
	char rows[32], added[32], same[32], n[32];
	cli_thousands(st->rows, rows, sizeof rows);
	cli_thousands(st->added, added, sizeof added);
	cli_thousands(st->unchanged, same, sizeof same);
	fprintf(stderr, "imported %zu file%s: %s records, %s added, %s unchanged", files,
		files == 1 ? "" : "s", rows, added, same);
	if (release || st->corrected || st->retracted) {
		cli_thousands(st->corrected, n, sizeof n);
		fprintf(stderr, ", %s corrected", n);
		cli_thousands(st->retracted, n, sizeof n);
		fprintf(stderr, ", %s retracted", n);
	}
	if (st->reused) {
		cli_thousands(st->reused, n, sizeof n);
		fprintf(stderr, ", %s with an id another event had (kept as ID#DIGEST)", n);
	}
	if (st->skipped) {
		cli_thousands(st->skipped, n, sizeof n);
		fprintf(stderr, ", %s skipped", n);
		const char *sep = " (";
		for (int i = 0; i < MAX_REASONS && k->count[i]; i++, sep = "; ") {
			cli_thousands(k->count[i], n, sizeof n);
			fprintf(stderr, "%s%s %s", sep, n, k->reason[i]);
		}
		if (k->other) {
			cli_thousands(k->other, n, sizeof n);
			fprintf(stderr, "; %s for other reasons", n);
		}
		if (k->count[0])
			fputc(')', stderr);
	}
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
	skips k;
	memset(&k, 0, sizeof k);
	k.bar.last = -1;
	k.paths = c->pos;
	k.n_paths = c->npos;
	geopol_import_options o = GEOPOL_IMPORT_OPTIONS_INIT;
	o.skip_bad_rows = c->skip_bad_rows;
	o.release = c->release;
	o.progress = isatty(2) ? draw_progress : NULL;
	o.skipped = report_skipped;
	o.ctx = &k;
	/* "-": standard input (once). */
	int dashes = 0;
	for (int i = 0; i < c->npos; i++)
		if (strcmp(c->pos[i], "-") == 0 && ++dashes)
			c->pos[i] = "/dev/stdin";
	if (dashes > 1)
		return cli_error(CLI_USAGE, "import: '-' (standard input) may be given once");
	geopol_import_stats st;
	int rc = geopol_import(c->db, format, c->pos, (size_t)c->npos, &o, &st);
	clear_progress(&k.bar);
	if (rc)
		return cli_db_error(c, rc);
	summary((size_t)c->npos, &st, &k, c->release);
	return CLI_OK;
}
