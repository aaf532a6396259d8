/*
 * cmd_check.c - geopol check [DIR...]: the findings of geopol_check(), one
 * a line (or a JSON array, or CSV), a summary on stderr, exit 1 on errors.
 */
#include "cli.h"

typedef struct printer {
	cli *c;
	int n;   /* findings printed */
} printer;

static const char *severity_name(int severity)
{
	return severity == GEOPOL_CHECK_ERROR ? "error" : "warning";
}

static void print_finding(void *ctx, const geopol_finding *f)
{
	printer *p = ctx;
	FILE *out = p->c->out;
	const char *cells[] = {severity_name(f->severity), f->rule, f->record, f->message};
	if (p->c->format == FMT_JSON) {
		static const char *const keys[] = {"severity", "rule", "record", "message"};
		fputs(p->n ? ",\n{" : "{", out);
		for (int i = 0; i < 4; i++) {
			fprintf(out, "%s\"%s\":", i ? "," : "", keys[i]);
			cli_json_string(out, cells[i]);
		}
		fputc('}', out);
	} else if (p->c->format == FMT_CSV) {
		for (int i = 0; i < 4; i++)
			cli_csv_field(out, cells[i], i == 0);
		fputc('\n', out);
	} else {
		fprintf(out, "%-7s %-11s %s: %s\n", cells[0], cells[1], cells[2], cells[3]);
	}
	p->n++;
}

int cmd_check(cli *c)
{
	printer p = {c, 0};
	geopol_check_options o = GEOPOL_CHECK_OPTIONS_INIT;
	o.finding = print_finding;
	o.ctx = &p;
	/* c->pos is NULL-terminated. */
	if (c->npos)
		o.file_dirs = c->pos;
	if (c->format == FMT_JSON)
		fputc('[', c->out);
	else if (c->format == FMT_CSV)
		fputs("severity,rule,record,message\n", c->out);
	geopol_check_stats st;
	int rc = geopol_check(c->db, &o, &st);
	if (c->format == FMT_JSON)
		fputs("]\n", c->out);
	if (rc)
		return cli_db_error(c, rc);
	fprintf(stderr, "check: %zu error%s, %zu warning%s; %zu quote%s checked against their files, "
		"%zu whose file is not at hand\n", st.errors, st.errors == 1 ? "" : "s", st.warnings,
		st.warnings == 1 ? "" : "s", st.quotes_checked, st.quotes_checked == 1 ? "" : "s",
		st.quotes_unchecked);
	return st.errors ? CLI_FAIL : CLI_OK;
}
