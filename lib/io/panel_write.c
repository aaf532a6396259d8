/*
 * panel_write.c - a panel streamed as CSV or NDJSON (geopol_panel_write):
 * a header (CSV: the column names, a plain table that pandas and R read as
 * they are; NDJSON: an object naming the rule and the columns), then one
 * line a row, through the buffered output stream the exports use.
 */
#include "io/export_internal.h"
#include "query/panel_internal.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>

/* A value as a number: integers without a fraction, others with ten
 * significant digits. NaN is written by the caller (empty, or null). */
static void put_number(gp_out *o, double v)
{
	if (v == (double)(int64_t)v && fabs(v) < 1e15)
		gp_out_i64(o, (int64_t)v);
	else
		gp_out_printf(o, "%.10g", v);
}

/* A CSV field: quoted when it holds a comma, a quote or a line break. */
static void csv_field(gp_out *o, const char *s)
{
	if (!strpbrk(s, ",\"\r\n")) {
		gp_out_str(o, s);
		return;
	}
	gp_out_byte(o, '"');
	for (; *s; s++) {
		if (*s == '"')
			gp_out_byte(o, '"');
		gp_out_byte(o, *s);
	}
	gp_out_byte(o, '"');
}

static void csv_header(gp_out *o, geopol_panel_iter *p)
{
	const char *period;
	int states;
	geopol_db *db;
	gp_panel_keys(p, &period, &states, &db);
	gp_out_str(o, period);
	gp_out_str(o, states ? ",state" : ",a,b");
	const char *const *names;
	size_t n = geopol_panel_columns(p, &names);
	for (size_t i = 0; i < n; i++) {
		gp_out_byte(o, ',');
		gp_out_str(o, names[i]);
	}
	gp_out_byte(o, '\n');
}

static void csv_row(gp_out *o, const geopol_panel_row *r)
{
	gp_out_str(o, r->period);
	gp_out_byte(o, ',');
	csv_field(o, r->a);
	if (r->b) {
		gp_out_byte(o, ',');
		csv_field(o, r->b);
	}
	for (size_t i = 0; i < r->n_values; i++) {
		gp_out_byte(o, ',');
		if (!isnan(r->values[i]))
			put_number(o, r->values[i]);
	}
	gp_out_byte(o, '\n');
}

static void json_header(gp_out *o, geopol_panel_iter *p)
{
	const char *period;
	int states;
	geopol_db *db;
	gp_panel_keys(p, &period, &states, &db);
	GP_OUT_LIT(o, "{\"panel\":{\"rule\":");
	gp_json_string(o, geopol_panel_rule_text(p));
	GP_OUT_LIT(o, ",\"keys\":[");
	gp_json_string(o, period);
	gp_out_str(o, states ? ",\"state\"]" : ",\"a\",\"b\"]");
	GP_OUT_LIT(o, ",\"columns\":[");
	const char *const *names;
	size_t n = geopol_panel_columns(p, &names);
	for (size_t i = 0; i < n; i++) {
		if (i)
			gp_out_byte(o, ',');
		gp_json_string(o, names[i]);
	}
	GP_OUT_LIT(o, "]}}\n");
}

static void json_row(gp_out *o, geopol_panel_iter *p, const geopol_panel_row *r)
{
	const char *period;
	int states;
	geopol_db *db;
	gp_panel_keys(p, &period, &states, &db);
	const char *const *names;
	geopol_panel_columns(p, &names);
	gp_out_byte(o, '{');
	gp_json_string(o, period);
	gp_out_byte(o, ':');
	gp_json_string(o, r->period);
	gp_out_str(o, states ? ",\"state\":" : ",\"a\":");
	gp_json_string(o, r->a);
	if (r->b) {
		GP_OUT_LIT(o, ",\"b\":");
		gp_json_string(o, r->b);
	}
	for (size_t i = 0; i < r->n_values; i++) {
		gp_out_byte(o, ',');
		gp_json_string(o, names[i]);
		gp_out_byte(o, ':');
		if (isnan(r->values[i]))
			GP_OUT_LIT(o, "null");
		else
			put_number(o, r->values[i]);
	}
	GP_OUT_LIT(o, "}\n");
}

int geopol_panel_write(geopol_panel_iter *p, int format, geopol_write_fn write, void *ctx)
{
	if (!p || !write)
		return GEOPOL_EMISUSE;
	const char *period;
	int states;
	geopol_db *db;
	gp_panel_keys(p, &period, &states, &db);
	if (format != GEOPOL_FORMAT_CSV && format != GEOPOL_FORMAT_NDJSON)
		return gp_error(db, GEOPOL_EINVAL, "panel: format %d is neither CSV nor NDJSON", format);
	gp_out out = {write, ctx, 0, malloc(GP_OUT_BUFSIZE), 0};
	if (!out.buf)
		return gp_oom(db);
	int csv = format == GEOPOL_FORMAT_CSV;
	if (csv)
		csv_header(&out, p);
	else
		json_header(&out, p);
	const geopol_panel_row *r;
	int rc;
	while (!out.failed && (rc = geopol_panel_next(p, &r)) == GEOPOL_OK) {
		if (csv)
			csv_row(&out, r);
		else
			json_row(&out, p, r);
	}
	if (out.failed)
		rc = GEOPOL_EIO;
	else if (rc == GEOPOL_ITEROVER)
		rc = gp_out_flush(&out);
	free(out.buf);
	if (rc == GEOPOL_EIO && out.failed)
		gp_error(db, GEOPOL_EIO, "panel: the output refused the data");
	return rc;
}
