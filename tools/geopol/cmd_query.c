/*
 * cmd_query.c - the question commands: resolve, show, members, memberships,
 * common, relations, events, history, diff, neighbors, path. Each resolves
 * its entity arguments, asks the library, and hands the iterator to the
 * renderer.
 */
#include "cli.h"

#include <cjson/cJSON.h>

#include <stdlib.h>
#include <string.h>

/* Render an answer, or report why the question could not be asked. */
static int answer(cli *c, int rc, geopol_iter *it, const view *v)
{
	if (rc) {
		geopol_iter_free(it);
		return cli_db_error(c, rc);
	}
	return cli_render(c, it, v);
}

int cmd_resolve(cli *c)
{
	geopol_iter *it = NULL;
	int rc = geopol_resolve(&it, c->db, c->pos[0], 0, &c->q);
	view v = {SHAPE_LIST, NULL, NULL, "no entity has that name", NULL, GEOPOL_ITEM_CANDIDATE};
	return answer(c, rc, it, &v);
}

static char *title(const char *fmt, const char *a, const char *b)
{
	sbuf s = {0};
	sb_printf(&s, fmt, a, b);
	return sb_take(&s);
}

/* show's attributes (an importer's: ATOP provisions, COW domain...), when
 * the entity has any: a JSON member, or "key  value" lines. */
static int show_attributes(cli *c, const char *code)
{
	char *json = NULL;
	int rc = geopol_entity_attrs_known(c->db, code, &c->q, &json);
	if (rc)
		return cli_db_error(c, rc);
	if (!json)
		return CLI_OK;
	if (c->format == FMT_JSON) {
		fprintf(c->out, "%s\"attributes\":%s", c->doc_members++ ? ",\n" : "", json);
	} else if (c->format == FMT_TEXT) {
		cJSON *o = cJSON_Parse(json);
		fputs("\nAttributes:\n", c->out);
		for (cJSON *x = o ? o->child : NULL; x; x = x->next)
			fprintf(c->out, "  %-14s %s\n", x->string, cJSON_GetStringValue(x) ? cJSON_GetStringValue(x) : "");
		cJSON_Delete(o);
	}
	geopol_free(json);
	return CLI_OK;
}

int cmd_show(cli *c)
{
	char code[CLI_CODE_SIZE], at[GEOPOL_DATE_BUFSIZE];
	if (cli_entity(c, c->pos[0], code, sizeof code))
		return CLI_FAIL;
	cli_date_str(c->at, at);
	geopol_iter *it = NULL;
	char *t_m = title("\nMemberships at %s%s:", at, ""), *t_r = title("\nRelations at %s%s:", at, "");
	view ve = {SHAPE_ONE, "entity", NULL, NULL, NULL, GEOPOL_ITEM_ENTITY};
	view vn = {SHAPE_LIST, "names", "\nNames:", "no names", NULL, GEOPOL_ITEM_NAME};
	view vm = {SHAPE_LIST, "memberships", t_m, "none", NULL, 0};
	view vr = {SHAPE_LIST, "relations", t_r, "none", NULL, 0};
	geopol_date any = GEOPOL_DATE_OPEN_INIT;
	cli_doc_begin(c);
	int rc = geopol_entity_get(&it, c->db, code, &c->q);
	rc = answer(c, rc, it, &ve);
	if (!rc) {
		rc = geopol_names(&it, c->db, code, NULL, any, &c->q);
		rc = answer(c, rc, it, &vn);
	}
	if (!rc) {
		rc = geopol_memberships(&it, c->db, code, c->at, &c->q);
		rc = answer(c, rc, it, &vm);
	}
	if (!rc) {
		rc = geopol_relations(&it, c->db, code, NULL, c->at, &c->q);
		rc = answer(c, rc, it, &vr);
	}
	if (!rc)
		rc = show_attributes(c, code);
	if (!rc)
		cli_doc_end(c);
	free(t_m);
	free(t_r);
	return rc;
}

/* The questions about one entity at a date. */
static int at_one(cli *c, int (*ask)(geopol_iter **, geopol_db *, const char *, geopol_date,
				     const geopol_query *), const char *empty)
{
	char code[CLI_CODE_SIZE];
	if (cli_entity(c, c->pos[0], code, sizeof code))
		return CLI_FAIL;
	geopol_iter *it = NULL;
	view v = {SHAPE_LIST, NULL, NULL, empty, NULL, 0};
	int rc = ask(&it, c->db, code, c->at, &c->q);
	return answer(c, rc, it, &v);
}

int cmd_members(cli *c)
{
	return at_one(c, geopol_members, "no members at that date");
}

int cmd_coding_rank(cli *c)
{
	int rank = 0, rc;
	if (c->npos > 1) {
		char *end;
		long v = strtol(c->pos[1], &end, 10);
		if (!*c->pos[1] || *end || v < -1000000 || v > 1000000)
			return cli_error(CLI_USAGE, "coding-rank: '%s' is not a rank from -1000000 to 1000000",
					 c->pos[1]);
		if ((rc = geopol_coding_rank_set(c->db, c->pos[0], (int)v)))
			return cli_db_error(c, rc);
	}
	if ((rc = geopol_coding_rank(c->db, c->pos[0], &rank)))
		return cli_db_error(c, rc);
	if (c->format == FMT_JSON) {
		fputs("{\"coding\":", c->out);
		cli_json_string(c->out, c->pos[0]);
		fprintf(c->out, ",\"rank\":%d}\n", rank);
	} else if (c->format == FMT_CSV) {
		if (!c->no_header)
			fputs("coding,rank\n", c->out);
		cli_csv_field(c->out, c->pos[0], 1);
		fprintf(c->out, ",%d\n", rank);
	} else
		fprintf(c->out, "%s %d\n", c->pos[0], rank);
	return CLI_OK;
}

int cmd_memberships(cli *c)
{
	return at_one(c, geopol_memberships, "no memberships at that date");
}

/* Resolve the two entity arguments A and B. */
static int two_entities(cli *c, char *a, char *b)
{
	if (cli_entity(c, c->pos[0], a, CLI_CODE_SIZE) || cli_entity(c, c->pos[1], b, CLI_CODE_SIZE))
		return CLI_FAIL;
	return CLI_OK;
}

int cmd_common(cli *c)
{
	char a[CLI_CODE_SIZE], b[CLI_CODE_SIZE];
	if (two_entities(c, a, b))
		return CLI_FAIL;
	geopol_iter *it = NULL;
	view v = {SHAPE_LIST, NULL, NULL, "no organization in common at that date", NULL, 0};
	int rc = geopol_common(&it, c->db, a, b, c->at, &c->q);
	return answer(c, rc, it, &v);
}

int cmd_pledges(cli *c)
{
	char a[CLI_CODE_SIZE], b[CLI_CODE_SIZE];
	if (two_entities(c, a, b))
		return CLI_FAIL;
	geopol_iter *it = NULL;
	view v = {SHAPE_LIST, NULL, NULL, "no such pledge at that date", NULL, 0};
	int rc = geopol_pledges(&it, c->db, a, b, c->npos > 2 ? c->pos[2] : NULL, c->at, &c->q);
	return answer(c, rc, it, &v);
}

int cmd_relations(cli *c)
{
	char a[CLI_CODE_SIZE], b[CLI_CODE_SIZE];
	if (cli_entity(c, c->pos[0], a, sizeof a))
		return CLI_FAIL;
	if (c->npos > 1 && cli_entity(c, c->pos[1], b, sizeof b))
		return CLI_FAIL;
	geopol_iter *it = NULL;
	view v = {SHAPE_LIST, NULL, NULL, "no relations at that date", NULL, 0};
	int rc = geopol_relations(&it, c->db, a, c->npos > 1 ? b : NULL, c->at, &c->q);
	return answer(c, rc, it, &v);
}

/* --from / --to as an optional span. */
static int span(cli *c, geopol_date *from, geopol_date *to)
{
	if (cli_date_opt("--from", c->from_s, from) || cli_date_opt("--to", c->to_s, to))
		return CLI_FAIL;
	return CLI_OK;
}

static int parse_count(const char *opt, const char *text, long lo, long hi, long *out)
{
	char *end;
	long v = strtol(text, &end, 10);
	if (!*text || *end || v < lo || v > hi)
		return cli_error(CLI_USAGE, "%s: '%s' is not a number from %ld to %ld", opt, text, lo, hi);
	*out = v;
	return CLI_OK;
}

int cmd_events(cli *c)
{
	geopol_event_filter f = GEOPOL_EVENT_FILTER_INIT;
	char actor[CLI_CODE_SIZE], with[CLI_CODE_SIZE];
	long limit = 0;
	if (c->with && !c->actor)
		return cli_error(CLI_USAGE, "events: --with needs --actor too");
	if (c->limit_s && parse_count("--limit", c->limit_s, 1, 1000000000L, &limit))
		return CLI_USAGE;
	long quad = 0;
	if (c->quad_s && parse_count("--quad", c->quad_s, 1, 4, &quad))
		return CLI_USAGE;
	f.quad_class = (int)quad;
	if (span(c, &f.from, &f.to))
		return CLI_FAIL;
	if (c->actor && cli_entity(c, c->actor, actor, sizeof actor))
		return CLI_FAIL;
	if (c->with && cli_entity(c, c->with, with, sizeof with))
		return CLI_FAIL;
	f.actor = c->actor ? actor : NULL;
	f.with = c->with ? with : NULL;
	f.type = c->type;
	f.text = c->text;
	f.limit = (size_t)limit;
	geopol_iter *it = NULL;
	view v = {SHAPE_LIST, NULL, NULL, "no events", NULL, 0};
	int rc = geopol_events(&it, c->db, &f, &c->q);
	return answer(c, rc, it, &v);
}

int cmd_history(cli *c)
{
	char a[CLI_CODE_SIZE], b[CLI_CODE_SIZE];
	geopol_date from, to;
	if (span(c, &from, &to) || two_entities(c, a, b))
		return CLI_FAIL;
	geopol_iter *it = NULL;
	view v = {SHAPE_LIST, NULL, NULL, "no shared history in that span", NULL, 0};
	int rc = geopol_history(&it, c->db, a, b, from, to, &c->q);
	return answer(c, rc, it, &v);
}

int cmd_diff(cli *c)
{
	char code[CLI_CODE_SIZE];
	geopol_date d1, d2;
	if (!c->from_s || !c->to_s)
		return cli_error(CLI_USAGE, "diff: --from and --to are both required "
				 "(see 'geopol diff --help')");
	if (span(c, &d1, &d2))
		return CLI_FAIL;
	if (c->entity && cli_entity(c, c->entity, code, sizeof code))
		return CLI_FAIL;
	geopol_iter *it = NULL;
	view v = {SHAPE_DIFF, NULL, NULL, "no change", NULL, 0};
	int rc = geopol_diff(&it, c->db, d1, d2, c->entity ? code : NULL, &c->q);
	return answer(c, rc, it, &v);
}

int cmd_neighbors(cli *c)
{
	char code[CLI_CODE_SIZE];
	long depth = 1;
	if (c->depth_s && parse_count("--depth", c->depth_s, 1, 10, &depth))
		return CLI_USAGE;
	if (cli_entity(c, c->pos[0], code, sizeof code))
		return CLI_FAIL;
	geopol_iter *it = NULL;
	view v = {SHAPE_LIST, NULL, NULL, "no neighbours at that date", NULL, 0};
	int rc = geopol_neighbors(&it, c->db, code, c->at, (int)depth, &c->q);
	return answer(c, rc, it, &v);
}

int cmd_path(cli *c)
{
	char a[CLI_CODE_SIZE], b[CLI_CODE_SIZE];
	if (two_entities(c, a, b))
		return CLI_FAIL;
	geopol_iter *it = NULL;
	view v = {SHAPE_PATH, NULL, NULL, "no path", a, 0};
	int rc = geopol_path(&it, c->db, a, b, c->at, &c->q);
	return answer(c, rc, it, &v);
}
