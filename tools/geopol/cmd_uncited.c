/*
 * cmd_uncited.c - geopol uncited: the facts that cite no source
 * (geopol_uncited()), one a row: memberships, relations, events, names. A
 * count goes to stderr; finding some is not a failure (the model allows a
 * fact without a citation, as long as it can be found).
 */
#include "cli.h"

#include <string.h>

/* "[from, to)" of an interval, open ends as "open". */
static void interval(sbuf *s, geopol_date from, geopol_date to)
{
	char a[GEOPOL_DATE_BUFSIZE], b[GEOPOL_DATE_BUFSIZE];
	cli_date_str(from, a);
	cli_date_str(to, b);
	sb_printf(s, "[%s, %s)", a[0] ? a : "open", b[0] ? b : "open");
}

/* The fact's kind, its id and what it says, in words. */
static const char *describe(const geopol_item *item, sbuf *s, int64_t *id)
{
	char d[GEOPOL_DATE_BUFSIZE];
	switch (item->kind) {
	case GEOPOL_ITEM_MEMBERSHIP: {
		const geopol_membership *m = item->membership;
		*id = m->fact_id;
		sb_printf(s, "%s in %s as %s ", m->member, m->org, geopol_role_name(m->role));
		interval(s, m->from, m->to);
		return "membership";
	}
	case GEOPOL_ITEM_RELATION: {
		const geopol_relation *r = item->relation;
		*id = r->fact_id;
		sb_printf(s, "%s %s %s ", r->a, r->type, r->b);
		interval(s, r->from, r->to);
		return "relation";
	}
	case GEOPOL_ITEM_EVENT: {
		const geopol_event *e = item->event;
		*id = e->fact_id;
		sb_printf(s, "%s %s %s", cli_date_str(e->date, d), e->ext_id ? e->ext_id : "-",
			  e->title ? e->title : "");
		return "event";
	}
	default: {
		const geopol_name *n = item->name;
		*id = n->fact_id;
		sb_printf(s, "%s (%s, %s) \"%s\"", n->entity, n->lang, geopol_name_kind_name(n->kind), n->text);
		return "name";
	}
	}
}

int cmd_uncited(cli *c)
{
	geopol_iter *it = NULL;
	int rc = geopol_uncited(&it, c->db, &c->q);
	if (rc)
		return cli_db_error(c, rc);
	static const char *const cols[] = {"fact", "id", "record"};
	static const int numeric[] = {0, 1, 0};
	cli_grid *g = cli_grid_begin(c, 3, cols);
	if (!g) {
		geopol_iter_free(it);
		return cli_error(CLI_FAIL, "out of memory");
	}
	size_t n[4] = {0, 0, 0, 0};   /* memberships, relations, events, names */
	const geopol_item *item;
	while (!rc && (rc = geopol_iter_next(it, &item)) == GEOPOL_OK) {
		sbuf s = {0};
		int64_t id = 0;
		const char *kind = describe(item, &s, &id);
		char idbuf[24];
		snprintf(idbuf, sizeof idbuf, "%lld", (long long)id);
		const char *row[] = {kind, idbuf, sb_str(&s)};
		rc = cli_grid_row(g, row, numeric);
		sb_free(&s);
		n[item->kind == GEOPOL_ITEM_MEMBERSHIP ? 0 : item->kind == GEOPOL_ITEM_RELATION ? 1
			: item->kind == GEOPOL_ITEM_EVENT ? 2 : 3]++;
	}
	if (rc == GEOPOL_ITEROVER)
		rc = GEOPOL_OK;
	cli_grid_end(g, rc == GEOPOL_OK, "every fact cites a source");
	geopol_iter_free(it);
	if (rc == GEOPOL_ENOMEM)
		return cli_error(CLI_FAIL, "out of memory");
	if (rc)
		return cli_db_error(c, rc);
	size_t total = n[0] + n[1] + n[2] + n[3];
	fprintf(stderr, "uncited: %zu fact%s (%zu membership%s, %zu relation%s, %zu event%s, %zu name%s)\n",
		total, total == 1 ? "" : "s", n[0], n[0] == 1 ? "" : "s", n[1], n[1] == 1 ? "" : "s",
		n[2], n[2] == 1 ? "" : "s", n[3], n[3] == 1 ? "" : "s");
	return CLI_OK;
}
