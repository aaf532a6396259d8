/*
 * cmd_export.c - the graph at a date (or over a span), whole or focused,
 * streamed by the library to stdout or written whole to a file.
 */
#include "cli.h"

#include <stdlib.h>
#include <string.h>

static int stdout_write(void *ctx, const char *data, size_t len)
{
	return fwrite(data, 1, len, ctx) == len ? 0 : -1;
}

static int export_to(cli *c, const geopol_export_options *o, const char *path)
{
	int rc = path && strcmp(path, "-") != 0 ? geopol_export_file(c->db, o, &c->q, path)
						 : geopol_export(c->db, o, &c->q, stdout_write, stdout);
	return rc ? cli_db_error(c, rc) : CLI_OK;
}

int cli_export_file(cli *c, int format, geopol_date at, const char *path)
{
	geopol_export_options o = GEOPOL_EXPORT_OPTIONS_INIT;
	o.format = format;
	o.at = at;
	return export_to(c, &o, path);
}

/* --from/--to: a span for every format but the JSON snapshots. */
static int export_span(cli *c, int format, geopol_export_options *o)
{
	if (!c->from_s && !c->to_s)
		return CLI_OK;
	if (format == GEOPOL_FORMAT_JSON || format == GEOPOL_FORMAT_NDJSON)
		return cli_error(CLI_USAGE, "export: --from/--to apply to every format but json and ndjson");
	/* html: --at is the day the page opens on */
	if (!c->from_s || !c->to_s || (c->at_s && format != GEOPOL_FORMAT_HTML))
		return cli_error(CLI_USAGE, "export: give --from and --to together, without --at");
	if (cli_date("--from", c->from_s, &o->from) || cli_date("--to", c->to_s, &o->to))
		return CLI_FAIL;
	if (o->to.day <= o->from.day)
		return cli_error(CLI_FAIL, "export: --to %s must come after --from %s", c->to_s,
				 c->from_s);
	return CLI_OK;
}

/* A comma-separated list, split in place in a copy; empty items are an error. */
typedef struct list {
	char *copy;
	const char **items;
	size_t n;
	size_t owned;   /* items[0 .. owned) are copies of their own */
} list;

static void list_free(list *l)
{
	for (size_t i = 0; i < l->owned; i++)
		free((void *)l->items[i]);
	free(l->items);
	free(l->copy);
}

static int split(const char *opt, const char *text, list *l)
{
	memset(l, 0, sizeof *l);
	if (!text)
		return CLI_OK;
	size_t len = strlen(text), cap = 1;
	for (size_t i = 0; i < len; i++)
		cap += text[i] == ',';
	l->copy = malloc(len + 1);
	l->items = calloc(cap, sizeof *l->items);
	if (!l->copy || !l->items)
		return cli_error(CLI_FAIL, "out of memory");
	memcpy(l->copy, text, len + 1);
	for (char *p = l->copy;;) {
		char *comma = strchr(p, ',');
		if (comma)
			*comma = '\0';
		if (!*p)
			return cli_error(CLI_USAGE, "%s: '%s' has an empty item", opt, text);
		l->items[l->n++] = p;
		if (!comma)
			break;
		p = comma + 1;
	}
	return CLI_OK;
}

/* Names typed any way become codes (each a copy, freed by list_free). */
static int resolve_all(cli *c, list *l)
{
	for (size_t i = 0; i < l->n; i++) {
		char code[CLI_CODE_SIZE];
		if (cli_entity(c, l->items[i], code, sizeof code))
			return CLI_FAIL;
		char *dup = strdup(code);
		if (!dup)
			return cli_error(CLI_FAIL, "out of memory");
		l->items[i] = dup;
		l->owned = i + 1;
	}
	return CLI_OK;
}

static int parse_kinds(const char *text, unsigned *out)
{
	list l;
	int rc = split("--kinds", text, &l);
	for (size_t i = 0; !rc && i < l.n; i++) {
		int k = geopol_kind_parse(l.items[i]);
		if (!k)
			rc = cli_error(CLI_USAGE, "--kinds: unknown kind '%s' (state, organization, "
				       "person, other)", l.items[i]);
		*out |= GEOPOL_KIND_BIT((unsigned)k);
	}
	list_free(&l);
	return rc;
}

static int parse_focus(cli *c, int format, geopol_export_options *o, list *around, list *orgs,
		       list *types)
{
	int rc;
	if ((rc = split("--around", c->around, around)) || (rc = split("--orgs", c->orgs, orgs)) ||
	    (rc = split("--types", c->types, types)))
		return rc;
	if (c->kinds_s && (rc = parse_kinds(c->kinds_s, &o->kinds)))
		return rc;
	if (c->depth_s) {
		char *end;
		long d = strtol(c->depth_s, &end, 10);
		if (!*c->depth_s || *end || d < 1 || d > 10)
			return cli_error(CLI_USAGE, "--depth: '%s' is not a number from 1 to 10", c->depth_s);
		if (!c->around && !c->orgs)
			return cli_error(CLI_USAGE, "export: --depth needs --around or --orgs");
		o->depth = (int)d;
	}
	if (c->gexf_s) {
		if (format != GEOPOL_FORMAT_GEXF)
			return cli_error(CLI_USAGE, "export: --gexf-version applies to --format gexf");
		if (strcmp(c->gexf_s, "1.2") != 0 && strcmp(c->gexf_s, "1.3") != 0)
			return cli_error(CLI_USAGE, "--gexf-version: '%s' is not 1.2 or 1.3", c->gexf_s);
		o->gexf_version = c->gexf_s[2] == '2' ? 12 : 13;
	}
	if ((rc = resolve_all(c, around)) || (rc = resolve_all(c, orgs)))
		return rc;
	o->around = around->items;
	o->n_around = around->n;
	o->orgs = orgs->items;
	o->n_orgs = orgs->n;
	o->types = types->items;
	o->n_types = types->n;
	return CLI_OK;
}

int cmd_export(cli *c)
{
	const char *name = c->format_s ? c->format_s : "json";
	int format = geopol_format_parse(name);
	if (!format)
		return cli_error(CLI_USAGE, "export: unknown format '%s' "
				 "(json, ndjson, csv, graphml, gexf, dot, svg, png, html)", name);
	geopol_export_options o = GEOPOL_EXPORT_OPTIONS_INIT;
	o.format = format;
	o.at = c->at;
	list around, orgs, types;
	memset(&around, 0, sizeof around);
	memset(&orgs, 0, sizeof orgs);
	memset(&types, 0, sizeof types);
	int rc = export_span(c, format, &o);
	if (!rc)
		rc = parse_focus(c, format, &o, &around, &orgs, &types);
	if (!rc)
		rc = export_to(c, &o, c->output);
	list_free(&around);
	list_free(&orgs);
	list_free(&types);
	return rc;
}
