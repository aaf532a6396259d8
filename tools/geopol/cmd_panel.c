/*
 * cmd_panel.c - geopol panel: a state-year or dyad-year table (README
 * "Panels"), streamed by the library as CSV or NDJSON to stdout or a file;
 * the rule its values follow into --rule-file.
 */
#include "cli.h"

#include <stdlib.h>
#include <string.h>

static const struct {
	const char *name;
	int unit, period;
} units[] = {
	{"state-year", GEOPOL_PANEL_STATE, GEOPOL_PANEL_YEAR},
	{"dyad-year", GEOPOL_PANEL_DYAD, GEOPOL_PANEL_YEAR},
	{"directed-dyad-year", GEOPOL_PANEL_DIRECTED_DYAD, GEOPOL_PANEL_YEAR},
	{"state-month", GEOPOL_PANEL_STATE, GEOPOL_PANEL_MONTH},
	{"dyad-month", GEOPOL_PANEL_DYAD, GEOPOL_PANEL_MONTH},
	{"directed-dyad-month", GEOPOL_PANEL_DIRECTED_DYAD, GEOPOL_PANEL_MONTH},
};

/* Split a comma-separated list in place; NULL text gives no items. */
static size_t split(char *text, const char **items, size_t max)
{
	size_t n = 0;
	for (char *save = NULL, *t = text ? strtok_r(text, ",", &save) : NULL; t && n < max;
	     t = strtok_r(NULL, ",", &save))
		items[n++] = t;
	return n;
}

/* Entity names or codes, each resolved to its code (into codes[]). */
static int resolve_list(cli *c, const char *opt, char *text, const char **items, char (*codes)[CLI_CODE_SIZE],
			size_t max, size_t *n)
{
	*n = split(text, items, max);
	if (text && !*n)
		return cli_error(CLI_USAGE, "panel: %s needs at least one code", opt);
	for (size_t i = 0; i < *n; i++) {
		if (cli_entity(c, items[i], codes[i], CLI_CODE_SIZE))
			return CLI_FAIL;
		items[i] = codes[i];
	}
	return CLI_OK;
}

static int parse_options(cli *c, geopol_panel_options *o)
{
	const char *u = c->unit_s ? c->unit_s : "dyad-year";
	size_t i;
	for (i = 0; i < sizeof units / sizeof units[0]; i++)
		if (strcmp(units[i].name, u) == 0)
			break;
	if (i == sizeof units / sizeof units[0])
		return cli_error(CLI_USAGE, "panel: --unit must be state-year, dyad-year, "
				 "directed-dyad-year, state-month, dyad-month or directed-dyad-month, not '%s'", u);
	o->unit = units[i].unit;
	o->period = units[i].period;
	const char *pop = c->population_s ? c->population_s
			: c->codes_s ? "list" : o->unit == GEOPOL_PANEL_STATE ? "all" : "shared";
	if (strcmp(pop, "all") == 0)
		o->population = GEOPOL_PANEL_ALL;
	else if (strcmp(pop, "list") == 0)
		o->population = GEOPOL_PANEL_LIST;
	else if (strcmp(pop, "shared") == 0)
		o->population = GEOPOL_PANEL_SHARED;
	else
		return cli_error(CLI_USAGE, "panel: --population must be all, list or shared, not '%s'", pop);
	const char *rule = c->rule_s ? c->rule_s : "midpoint";
	if (strcmp(rule, "midpoint") == 0)
		o->rule = GEOPOL_PANEL_MIDPOINT;
	else if (strcmp(rule, "any-day") == 0)
		o->rule = GEOPOL_PANEL_ANY_DAY;
	else
		return cli_error(CLI_USAGE, "panel: --rule must be midpoint or any-day, not '%s'", rule);
	if (!c->from_s || !c->to_s)
		return cli_error(CLI_USAGE, "panel: give the span with --from and --to");
	if (cli_date("--from", c->from_s, &o->from) || cli_date("--to", c->to_s, &o->to))
		return CLI_FAIL;
	return CLI_OK;
}

static int out_write(void *ctx, const char *data, size_t len)
{
	return fwrite(data, 1, len, ctx) == len ? 0 : -1;
}

/* Write to stdout, or to FILE whole: a temporary file renamed at the end.
 * panel: the panel's rows; else the rule, one line. */
static int write_file(cli *c, const char *path, geopol_panel_iter *p, int format, int panel)
{
	if (panel && (!path || strcmp(path, "-") == 0)) {
		int rc = geopol_panel_write(p, format, out_write, stdout);
		return rc ? cli_db_error(c, rc) : CLI_OK;
	}
	sbuf tmp = {0};
	sb_printf(&tmp, "%s.tmp", path);
	FILE *f = fopen(sb_str(&tmp), "wb");
	if (!f) {
		cli_error(CLI_FAIL, "%s: cannot write", path);
		sb_free(&tmp);
		return CLI_FAIL;
	}
	int rc = panel ? geopol_panel_write(p, format, out_write, f)
		       : fprintf(f, "%s\n", geopol_panel_rule_text(p)) < 0;
	int closed = fclose(f) == 0;
	int status = CLI_OK;
	if (rc)
		status = panel ? cli_db_error(c, rc) : cli_error(CLI_FAIL, "%s: cannot write", path);
	else if (!closed || rename(sb_str(&tmp), path) != 0)
		status = cli_error(CLI_FAIL, "%s: cannot write", path);
	if (status)
		remove(sb_str(&tmp));
	sb_free(&tmp);
	return status;
}

#define MAX_LIST 4096

int cmd_panel(cli *c)
{
	const char *name = c->format_s ? c->format_s : "csv";
	int format = strcmp(name, "csv") == 0 ? GEOPOL_FORMAT_CSV
		   : strcmp(name, "ndjson") == 0 ? GEOPOL_FORMAT_NDJSON : 0;
	if (!format)
		return cli_error(CLI_USAGE, "panel: --format must be csv or ndjson, not '%s'", name);
	geopol_panel_options o = GEOPOL_PANEL_OPTIONS_INIT;
	int rc = parse_options(c, &o);
	if (rc)
		return rc;
	char *codes_s = c->codes_s ? strdup(c->codes_s) : NULL;
	char *focus_s = c->focus_s ? strdup(c->focus_s) : NULL;
	char *vars_s = c->vars_s ? strdup(c->vars_s) : NULL;
	const char **codes = calloc(MAX_LIST, sizeof *codes);
	const char **focus = calloc(MAX_LIST, sizeof *focus);
	const char **vars = calloc(MAX_LIST, sizeof *vars);
	char (*codes_buf)[CLI_CODE_SIZE] = calloc(MAX_LIST, CLI_CODE_SIZE);
	char (*focus_buf)[CLI_CODE_SIZE] = calloc(MAX_LIST, CLI_CODE_SIZE);
	geopol_panel_iter *p = NULL;
	if (!codes || !focus || !vars || !codes_buf || !focus_buf ||
	    (c->codes_s && !codes_s) || (c->focus_s && !focus_s) || (c->vars_s && !vars_s)) {
		rc = cli_error(CLI_FAIL, "out of memory");
		goto done;
	}
	if ((rc = resolve_list(c, "--codes", codes_s, codes, codes_buf, MAX_LIST, &o.n_codes)) ||
	    (rc = resolve_list(c, "--focus", focus_s, focus, focus_buf, MAX_LIST, &o.n_focus)))
		goto done;
	o.codes = codes;
	o.focus = focus;
	o.n_vars = split(vars_s, vars, MAX_LIST);
	o.vars = vars;
	if ((rc = geopol_panel(&p, c->db, &o, &c->q))) {
		rc = cli_db_error(c, rc);
		goto done;
	}
	/* The rule first: a file that cannot be written stops before the rows. */
	if (c->rule_file && (rc = write_file(c, c->rule_file, p, format, 0)))
		goto done;
	rc = write_file(c, c->output, p, format, 1);
	if (rc && c->rule_file)
		remove(c->rule_file);
done:
	geopol_panel_free(p);
	free(codes_s);
	free(focus_s);
	free(vars_s);
	free(codes);
	free(focus);
	free(vars);
	free(codes_buf);
	free(focus_buf);
	return rc;
}
