/*
 * cmd_export.c - the whole graph at a date (or over a span, for the dynamic
 * formats), streamed by the library to stdout or written whole to a file.
 */
#include "cli.h"

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

/* --from/--to: a span for the formats that carry intervals per element. */
static int export_span(cli *c, int format, geopol_export_options *o)
{
	if (!c->from_s && !c->to_s)
		return CLI_OK;
	if (format == GEOPOL_FORMAT_JSON || format == GEOPOL_FORMAT_NDJSON)
		return cli_error(CLI_USAGE, "export: --from/--to apply to gexf, graphml, csv and dot");
	if (!c->from_s || !c->to_s || c->at_s)
		return cli_error(CLI_USAGE, "export: give --from and --to together, without --at");
	if (cli_date("--from", c->from_s, &o->from) || cli_date("--to", c->to_s, &o->to))
		return CLI_FAIL;
	if (o->to.day <= o->from.day)
		return cli_error(CLI_FAIL, "export: --to %s must come after --from %s", c->to_s,
				 c->from_s);
	return CLI_OK;
}

int cmd_export(cli *c)
{
	const char *name = c->format_s ? c->format_s : "json";
	int format = geopol_format_parse(name);
	if (!format)
		return cli_error(CLI_USAGE, "export: unknown format '%s' "
				 "(json, ndjson, csv, graphml, gexf, dot)", name);
	geopol_export_options o = GEOPOL_EXPORT_OPTIONS_INIT;
	o.format = format;
	o.at = c->at;
	int rc = export_span(c, format, &o);
	return rc ? rc : export_to(c, &o, c->output);
}
