/*
 * cmd_demo.c - a guided tour of the built-in dataset: Kazakhstan, the CSTO
 * deployment of January 2022, and what followed. Every answer goes through
 * the same renderer as the commands it names, sources included.
 */
#include "cli.h"

#include <string.h>

#define DEPLOYMENT "2022-01-06"

typedef struct demo {
	cli *c;
	char kaz[CLI_CODE_SIZE], rus[CLI_CODE_SIZE], csto[CLI_CODE_SIZE];
	geopol_date deployment;
} demo;

static int show(demo *d, int rc, geopol_iter *it, const view *v)
{
	if (rc) {
		geopol_iter_free(it);
		return cli_db_error(d->c, rc);
	}
	return cli_render(d->c, it, v);
}

/* Names typed as people type them: the Arabic name finds Kazakhstan. */
static int step_names(demo *d)
{
	cli *c = d->c;
	geopol_iter *it = NULL;
	cli_say(c, "Names are looked up in any script, as people type them.\n"
		"$ geopol resolve كازاخستان\n");
	view v = {SHAPE_LIST, "resolve", NULL, "no match", NULL, GEOPOL_ITEM_CANDIDATE};
	int rc = geopol_resolve(&it, c->db, "كازاخستان", 3, &c->q);
	return show(d, rc, it, &v);
}

static int step_csto(demo *d)
{
	cli *c = d->c;
	geopol_iter *it = NULL;
	cli_say(c, "\n1. On %s the CSTO began deploying troops to Kazakhstan. Who were its\n"
		"   members that day?\n$ geopol members CSTO --at %s\n", DEPLOYMENT, DEPLOYMENT);
	view v = {SHAPE_LIST, "csto_members_" "2022_01_06", NULL, "none", NULL, 0};
	int rc = geopol_members(&it, c->db, d->csto, d->deployment, &c->q);
	return show(d, rc, it, &v);
}

static int step_orgs(demo *d)
{
	cli *c = d->c;
	geopol_iter *it = NULL;
	char today[GEOPOL_DATE_BUFSIZE];
	cli_date_str(geopol_date_today(), today);
	cli_say(c, "\n2. Kazakhstan's organizations then...\n$ geopol memberships KAZ --at %s\n",
		DEPLOYMENT);
	view then = {SHAPE_LIST, "kazakhstan_organizations_then", NULL, "none", NULL, 0};
	int rc = geopol_memberships(&it, c->db, d->kaz, d->deployment, &c->q);
	rc = show(d, rc, it, &then);
	if (rc)
		return rc;
	cli_say(c, "\n   ...and now (%s).\n$ geopol memberships KAZ\n", today);
	view now = {SHAPE_LIST, "kazakhstan_organizations_now", NULL, "none", NULL, 0};
	rc = geopol_memberships(&it, c->db, d->kaz, geopol_date_today(), &c->q);
	return show(d, rc, it, &now);
}

static int step_history(demo *d)
{
	cli *c = d->c;
	geopol_iter *it = NULL;
	geopol_date open = GEOPOL_DATE_OPEN_INIT;
	cli_say(c, "\n3. Kazakhstan and Russia: their relations and shared events, in date order.\n"
		"$ geopol history KAZ RUS\n");
	view v = {SHAPE_LIST, "kazakhstan_russia_history", NULL, "none", NULL, 0};
	int rc = geopol_history(&it, c->db, d->kaz, d->rus, open, open, &c->q);
	return show(d, rc, it, &v);
}

static int step_diff(demo *d)
{
	cli *c = d->c;
	geopol_iter *it = NULL;
	geopol_date d1, d2;
	geopol_date_parse(&d1, "2021-12-31");
	geopol_date_parse(&d2, "2025-12-31");
	cli_say(c, "\n4. What changed for Kazakhstan between 2021-12-31 and 2025-12-31?\n"
		"$ geopol diff --from 2021-12-31 --to 2025-12-31 --entity KAZ\n");
	view v = {SHAPE_DIFF, "kazakhstan_changes", NULL, "no change", NULL, 0};
	int rc = geopol_diff(&it, c->db, d1, d2, d->kaz, &c->q);
	return show(d, rc, it, &v);
}

static int step_snapshot(demo *d)
{
	cli *c = d->c;
	const char *path = c->output ? c->output : "kazakhstan-" DEPLOYMENT ".gexf";
	cli_say(c, "\n5. The whole network on %s, for Gephi.\n"
		"$ geopol export --format gexf --at %s -o %s\n", DEPLOYMENT, DEPLOYMENT, path);
	int rc = cli_export_file(c, GEOPOL_FORMAT_GEXF, d->deployment, path);
	if (rc)
		return rc;
	if (c->format == FMT_JSON) {
		fprintf(c->out, "%s\"snapshot\":", c->doc_members++ ? ",\n" : "");
		cli_json_string(c->out, path);
	}
	cli_say(c, "  wrote %s (GEXF 1.3; in Gephi: File > Open, then the timeline)\n", path);
	return CLI_OK;
}

int cmd_demo(cli *c)
{
	demo d = {.c = c};
	/* Its answers have different columns: CSV, one table per command, has
	 * none to offer. */
	if (c->format == FMT_CSV)
		return cli_error(CLI_USAGE, "demo: --format must be text or json (its answers are "
				 "several tables; run the commands it shows for CSV)");
	geopol_date_parse(&d.deployment, DEPLOYMENT);
	if (cli_entity(c, "KAZ", d.kaz, sizeof d.kaz) || cli_entity(c, "RUS", d.rus, sizeof d.rus) ||
	    cli_entity(c, "CSTO", d.csto, sizeof d.csto))
		return CLI_FAIL;
	int (*const steps[])(demo *) = {step_names, step_csto, step_orgs, step_history, step_diff,
					step_snapshot};
	cli_say(c, "geopol demo: Kazakhstan in January 2022, and after.\n"
		"Every answer lists its sources under each row.\n\n");
	cli_doc_begin(c);
	for (size_t i = 0; i < sizeof steps / sizeof steps[0]; i++) {
		int rc = steps[i](&d);
		if (rc)
			return rc;
	}
	cli_doc_end(c);
	cli_say(c, "\nTry 'geopol --help' and 'geopol COMMAND --help' for more.\n");
	return CLI_OK;
}
