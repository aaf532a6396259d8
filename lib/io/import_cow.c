/*
 * import_cow.c - Correlates of War: State System Membership (cow-states,
 * states2016.csv) and Intergovernmental Organizations v3 in IGO-year format
 * (cow-igo, igo_year_format3.csv).
 *
 * cow-states: each row is a spell of a state in the interstate system. The
 * system is the organization COW:SYSTEM; a spell is a day-exact membership
 * of coding 'cow-states-2016'. A spell that runs to the last day of the
 * data (31 December of the `version` year) is left open.
 *
 * cow-igo: each row is an organization in a year, with one column per state
 * (1 full member, 2 associate, 3 observer; 0, -1 and NA not a member; -9
 * missing). Consecutive years of one status merge into one membership of
 * coding 'cow-igo-3' with year precision, [first year, last year + 1): the
 * fact held somewhere in those years, definitely inside them. A missing
 * year (-9, or a year with no row) neither extends nor ends a run: the same
 * status seen on both sides of a gap is taken as continuous, and a change
 * across a gap is placed at the first year it is seen. Before 1965 the data
 * were collected every five years and the years between carry the last
 * observation (column accuracyofpre1965membershipdates says how sure COW
 * is): the importer keeps COW's yearly values as given, so a change dated
 * before 1965 may really lie up to five years earlier. A run that reaches
 * the organization's last year in the file while the organization is alive
 * (deaddate NA) is left open: the end of the data is not an exit.
 */
#include "io/dataset_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

static const geopol_source_spec cow_states_source = {
	GEOPOL_SOURCE_SPEC_VERSION, "cow-states-2016",
	"Correlates of War State System Membership v2016", "Correlates of War Project",
	"Correlates of War Project", NULL,
	"https://correlatesofwar.org/data-sets/state-system-membership/", "states2016.csv",
	{0, GEOPOL_DATE_NONE}};

static const geopol_source_spec cow_igo_source = {
	GEOPOL_SOURCE_SPEC_VERSION, "cow-igo-3",
	"Correlates of War Intergovernmental Organizations Data, version 3.0 (IGO-year format, 1816-2014)",
	"Jon C. W. Pevehouse, Timothy Nordstrom, Roseanne W. McManus, Anne Spencer Jamison",
	"Correlates of War Project", "en", "https://correlatesofwar.org/data-sets/igos/",
	"../shared/data/cow/igo_year_format3.csv", {0, GEOPOL_DATE_NONE}};

#define SYSTEM_CODE "COW:SYSTEM"

/* Find the named columns; a missing one is an error on line 1. */
static int need_columns(gp_csv *c, const char *const *names, int *idx, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		idx[i] = gp_csv_col(c, names[i]);
		if (idx[i] < 0)
			return gp_error(c->db, GEOPOL_EINVAL, "%s:1:%s: missing column", c->path, names[i]);
	}
	return GEOPOL_OK;
}

static int parse_range(gp_csv *c, int col, long lo, long hi, long *out)
{
	return gp_csv_is_na(c, (size_t)col) || gp_parse_int(c->field[col], out) ||
	       *out < lo || *out > hi ? -1 : 0;
}

/* ---- cow-states */

enum { S_ABB, S_CCODE, S_NAME, S_SY, S_SM, S_SD, S_EY, S_EM, S_ED, S_VERSION, S_NCOLS };
static const char *const state_cols[S_NCOLS] = {"stateabb", "ccode", "statenme", "styear",
	"stmonth", "stday", "endyear", "endmonth", "endday", "version"};

/* The states of the file: the life of those the dataset dates (made by
 * this import, or by an earlier one of this dataset) follows their spells
 * (Germany 1816-1945, then 1955-) and is set when the file is read. */
typedef struct made_entity {
	int64_t id;
	int created;
	geopol_date from, to;
} made_entity;

/* Set the lives gathered (gp_entity_life): a release dating a state
 * differently corrects it. */
static int date_states(geopol_db *db, int64_t src, const made_entity *made, size_t n,
		       geopol_import_stats *stats)
{
	for (size_t m = 0; m < n; m++) {
		int rc = gp_entity_life(db, made[m].id, made[m].from, made[m].to, src, made[m].created);
		if (rc < 0)
			return rc;
		if (rc == GP_CORRECTED)
			stats->corrected++;
	}
	return GEOPOL_OK;
}

static int system_entity(geopol_db *db, int64_t src, int64_t *id, geopol_import_stats *stats)
{
	geopol_entity_spec e = GEOPOL_ENTITY_SPEC_INIT;
	e.code = SYSTEM_CODE;
	e.kind = GEOPOL_KIND_ORGANIZATION;
	e.subkind = "state system";
	int rc = gp_entity_add(db, &e);
	if (rc < 0)
		return rc;
	gp_count(stats, rc);
	rc = gp_cited_name(db, SYSTEM_CODE, "Correlates of War interstate system", "en",
			   GEOPOL_NAME_OFFICIAL, src);
	if (rc < 0)
		return rc;
	gp_count(stats, rc);
	return gp_entity_id(db, SYSTEM_CODE, "org", id);
}

#define MADE_MAX 1024

int gp_import_cow_states(geopol_db *db, const char *path, const geopol_import_options *opts,
			 geopol_import_stats *stats)
{
	gp_csv *c = NULL;
	gp_resolver *r = NULL;
	made_entity *made = NULL;
	size_t n_made = 0;
	int col[S_NCOLS];
	int64_t src, sys;
	int rc = gp_csv_new(&c, db, path, ',');
	if (rc)
		return rc;
	if ((rc = need_columns(c, state_cols, col, S_NCOLS)) || (rc = gp_resolver_new(&r, db)) ||
	    (rc = gp_dataset_source(db, &cow_states_source, &src)) ||
	    (rc = system_entity(db, src, &sys, stats)))
		goto done;
	made = calloc(MADE_MAX, sizeof *made);
	if (!made) {
		rc = gp_oom(db);
		goto done;
	}
	while ((rc = gp_csv_next(c)) == 1) {
		long v[S_NCOLS] = {0};
		static const long lo[S_NCOLS] = {0, 1, 0, 1, 1, 1, 1, 1, 1, 1};
		static const long hi[S_NCOLS] = {0, 999, 0, 9999, 12, 31, 9999, 12, 31, 9999};
		stats->rows++;
		gp_csv_progress(c, opts);
		rc = gp_check_record(c, opts, stats, 0, 1);
		for (int k = S_CCODE; k < S_NCOLS && !rc; k++) {
			if (k == S_NAME)
				continue;
			if (parse_range(c, col[k], lo[k], hi[k], &v[k]))
				rc = gp_bad_row(c, opts, stats, state_cols[k], "'%s' is not a number in %ld..%ld",
						(size_t)col[k] < c->n ? c->field[col[k]] : "", lo[k], hi[k]);
		}
		const char *abb = (size_t)col[S_ABB] < c->n ? gp_csv_trim(c, (size_t)col[S_ABB]) : "";
		const char *name = (size_t)col[S_NAME] < c->n ? gp_csv_trim(c, (size_t)col[S_NAME]) : "";
		if (!rc && !*abb)
			rc = gp_bad_row(c, opts, stats, "stateabb", "empty state abbreviation");
		if (!rc && (!*name || gp_check_utf8(db, "statenme", name)))
			rc = gp_bad_row(c, opts, stats, "statenme", "empty or not UTF-8");
		geopol_date from, last, to = GEOPOL_DATE_OPEN_INIT;
		if (!rc && geopol_date_from_ymd(&from, (int)v[S_SY], (int)v[S_SM], (int)v[S_SD]))
			rc = gp_bad_row(c, opts, stats, "stday", "no such day %ld-%02ld-%02ld",
					v[S_SY], v[S_SM], v[S_SD]);
		if (!rc && geopol_date_from_ymd(&last, (int)v[S_EY], (int)v[S_EM], (int)v[S_ED]))
			rc = gp_bad_row(c, opts, stats, "endday", "no such day %ld-%02ld-%02ld",
					v[S_EY], v[S_EM], v[S_ED]);
		if (!rc && last.day < from.day)
			rc = gp_bad_row(c, opts, stats, "endyear", "the spell ends before it starts");
		if (rc == GP_SKIP)
			continue;
		if (rc)
			goto done;
		/* COW gives the last day in the system; the interval is [from, to). */
		if (!(v[S_EY] == v[S_VERSION] && v[S_EM] == 12 && v[S_ED] == 31)) {
			to.day = last.day + 1;
			to.precision = GEOPOL_DATE_DAY;
		}
		const char *code;
		int64_t id;
		int created;
		if ((rc = gp_resolve_cow(r, (int)v[S_CCODE], abb, name, &code, &id, &created)))
			goto fail;
		if (created)
			stats->added++;
		size_t m = 0;
		while (m < n_made && made[m].id != id)
			m++;
		if (m == n_made && n_made == MADE_MAX) {
			rc = gp_error(db, GEOPOL_EINVAL, "more than %d states in one file", MADE_MAX);
			goto fail;
		} else if (m == n_made) {
			made[n_made++] = (made_entity){id, created, from, to};
		} else {
			if (from.day < made[m].from.day)
				made[m].from = from;
			if (made[m].to.precision && (!to.precision || to.day > made[m].to.day))
				made[m].to = to;
		}
		char quote[160];
		snprintf(quote, sizeof quote, "%s (%ld) %s: %04ld-%02ld-%02ld to %04ld-%02ld-%02ld", abb,
			 v[S_CCODE], name, v[S_SY], v[S_SM], v[S_SD], v[S_EY], v[S_EM], v[S_ED]);
		rc = gp_coded_membership(db, cow_states_source.code, sys, SYSTEM_CODE, id, code,
					 GEOPOL_ROLE_MEMBER, from, to, src, quote);
		if (rc < 0)
			goto fail;
		gp_count(stats, rc);
	}
	if (rc == 0)
		rc = date_states(db, src, made, n_made, stats);
	goto done;
fail:
	gp_row_fail(c, rc);
done:
	free(made);
	gp_resolver_free(r);
	gp_csv_free(c);
	return rc < 0 ? rc : GEOPOL_OK;
}

/* ---- cow-igo */

/*
 * COW organizations the built-in dataset holds (data/20-organizations.json).
 * A mapping is used only when the entity is this organization: it must be
 * an organization, one of its names must be COW's ioname, orgname or
 * longorgname, it must be born within a year of COW's sdate and, when COW
 * says the organization died, end within a year after deaddate. Otherwise
 * the COW organization is its own entity COW:IGO:<ioname>, tied to the
 * built-in one by a corresponds_to relation saying what differs. When the
 * entity is not stored, the ioname that `names` it creates it.
 */
static const struct {
	const char *ioname, *code;
	int names;                /* may create the entity when absent */
} igo_codes[] = {
	{"CSTO", "CSTO", 1}, {"SCO", "SCO", 1}, {"CIS", "CIS", 1}, {"EAEC", "EURASEC", 1},
	{"NATO", "NATO", 1}, {"EU", "EU", 1}, {"EEC", "EU", 0}, {"UN", "UN", 1}, {"OSCE", "OSCE", 1},
	{"OIC", "OIC", 1}, {"ECO", "ECO", 1},
};

/*
 * Successions between two COW organizations: the predecessor's deaddate is
 * the year before the successor's sdate, and the built-in dataset names the
 * successor by the predecessor's name in those years (EU: "European
 * Economic Community" until 1993-11-01). Each becomes a successor_of
 * relation from the successor's first year, citing COW.
 */
static const struct {
	const char *successor, *predecessor;
} igo_successions[] = {
	{"EU", "EEC"},
};
#define N_SUCCESSIONS (sizeof igo_successions / sizeof igo_successions[0])

/* Columns kept as attributes of the organization (entity_attr), from its
 * last row: the domain, and what became of it (dead, integrated into
 * another, replaced by another). */
static const char *const igo_attr_cols[] = {"political", "social", "economic", "dead",
	"integrated", "replaced", "igocode", "version", "accuracyofpre1965membershipdates",
	"imputed", "sourcesandnotes"};
#define N_IGO_ATTRS (sizeof igo_attr_cols / sizeof igo_attr_cols[0])

#define MAX_STATES GP_CSV_MAX_FIELDS

enum { I_IONAME, I_ORGNAME, I_YEAR, I_SDATE, I_DEAD, I_LONG, I_IONUM, I_NCOLS };
static const char *const igo_cols[I_NCOLS] = {"ioname", "orgname", "year", "sdate",
	"deaddate", "longorgname", "ionum"};

typedef struct igo {
	geopol_db *db;
	gp_csv *c;
	gp_resolver *r;
	geopol_import_stats *stats;
	int64_t src;
	/* the state columns */
	size_t n_states;
	int state_col[MAX_STATES];
	const gp_cow_state *state[MAX_STATES];
	/* the organization being read */
	char ioname[64];
	char code[96];
	int64_t org_id;
	int alive;                /* deaddate NA */
	long first_year, last_year;
	/* per state: the run under way */
	signed char cur[MAX_STATES];  /* 0: none; 1..3: a status */
	long start[MAX_STATES], last[MAX_STATES];
	/* the organization's attributes: columns, and values of its last row */
	int attr_col[N_IGO_ATTRS];
	char *attr[N_IGO_ATTRS];  /* NULL when NA; whole (sourcesandnotes runs to 621 bytes) */
	/* the organizations of igo_successions seen: code and first year */
	char succ_code[N_SUCCESSIONS][2][96];
	long succ_year[N_SUCCESSIONS][2];
	long sdate, dead;         /* 0 when NA */
	char ionum[24];           /* "" when NA */
} igo;

static int year_date(long y, geopol_date *d)
{
	return geopol_date_from_ymd(d, (int)y, 0, 0);
}

/* Store the run of state j. `at_end`: the organization's rows are over. */
static int emit_run(igo *g, size_t j, int at_end)
{
	static const int roles[4] = {0, GEOPOL_ROLE_MEMBER, GEOPOL_ROLE_ASSOCIATE, GEOPOL_ROLE_OBSERVER};
	static const char *const what[4] = {"", "full member", "associate member", "observer"};
	int status = g->cur[j];
	g->cur[j] = 0;
	if (!status)
		return GEOPOL_OK;
	const gp_cow_state *t = g->state[j];
	const char *member;
	int64_t member_id;
	int created, rc;
	if ((rc = gp_resolve_cow(g->r, t->ccode, t->abb, t->name, &member, &member_id, &created)))
		return rc;
	if (created)
		g->stats->added++;
	geopol_date from, to = GEOPOL_DATE_OPEN_INIT;
	int open = at_end && g->alive && g->last[j] == g->last_year;
	if (year_date(g->start[j], &from) || (!open && year_date(g->last[j] + 1, &to)))
		return gp_error(g->db, GEOPOL_EINVAL, "year out of range");
	char quote[200];
	snprintf(quote, sizeof quote, "%s: %s = %d (%s), %ld-%ld%s", g->ioname, t->igo_column,
		 status, what[status], g->start[j], g->last[j], open ? " (end of data)" : "");
	rc = gp_coded_membership(g->db, cow_igo_source.code, g->org_id, g->code, member_id, member,
				 roles[status], from, to, g->src, quote);
	if (rc < 0)
		return rc;
	gp_count(g->stats, rc);
	return GEOPOL_OK;
}

static void free_attrs(igo *g)
{
	for (size_t k = 0; k < N_IGO_ATTRS; k++) {
		free(g->attr[k]);
		g->attr[k] = NULL;
	}
}

static int flush_org(igo *g)
{
	int rc = GEOPOL_OK;
	for (size_t j = 0; j < g->n_states && !rc; j++)
		rc = emit_run(g, j, 1);
	for (size_t k = 0; k < N_IGO_ATTRS && !rc; k++)
		if (g->attr[k])
			rc = gp_count_attr(g->stats, gp_entity_attr_set(g->db, g->org_id, igo_attr_cols[k], g->attr[k],
							      g->src));
	g->ioname[0] = '\0';
	free_attrs(g);
	return rc;
}

/* Keep the row's attribute values, whole: of each column, the last value
 * the organization's rows give (COW writes sourcesandnotes in one row of
 * the 187 organizations that have notes, mostly the first). */
static int read_attrs(igo *g)
{
	for (size_t k = 0; k < N_IGO_ATTRS; k++) {
		int col = g->attr_col[k];
		if (col < 0 || gp_csv_is_na(g->c, (size_t)col) || !*gp_csv_trim(g->c, (size_t)col))
			continue;
		free(g->attr[k]);
		if (!(g->attr[k] = strdup(gp_csv_trim(g->c, (size_t)col))))
			return gp_oom(g->db);
	}
	return GEOPOL_OK;
}

static int count_add(igo *g, int rc)
{
	if (rc >= 0)
		gp_count(g->stats, rc);
	return rc < 0 ? rc : GEOPOL_OK;
}

static int year_of(int64_t day)
{
	int y, m, d;
	geopol_date_to_ymd((int32_t)day, &y, &m, &d);
	return y;
}

/* Whether one of the names (each may hold several, split by '/') is a
 * name of the entity, compared by search key. */
static int has_name(geopol_db *db, int64_t id, const char *const *names, size_t n, int *found)
{
	*found = 0;
	int rc = GEOPOL_OK;
	for (size_t i = 0; i < n && !*found && !rc; i++) {
		for (const char *p = names[i]; p && *p && !*found && !rc;) {
			size_t len = strcspn(p, "/");
			char *key = NULL;
			if (geopol_normalize(p, len, &key) == GEOPOL_OK && *key) {
				gp_look q = {.what = GP_LOOK_NAME_KEY, .id = id, .key = key};
				rc = gp_look_one(db, &q, NULL, NULL, 0, found);
			}
			geopol_free(key);
			p += len + (p[len] == '/');
		}
	}
	return rc;
}

enum { FIT_ABSENT, FIT_YES, FIT_NO, FIT_OTHER /* another COW organization */ };

/* Is the stored entity `code` this COW organization? (see igo_codes). On
 * FIT_NO, `why` says what differs. */
static int builtin_fits(igo *g, const char *code, const char *const *names, int *fit,
			char *why, size_t size)
{
	gp_look q = {.what = GP_LOOK_ENTITY, .code = code};
	gp_look_row e;
	int found, rc;
	if ((rc = gp_look_one(g->db, &q, &e, NULL, 0, &found)))
		return rc;
	if (!found) {
		*fit = FIT_ABSENT;
		return GEOPOL_OK;
	}
	int64_t id = e.id;
	int kind = e.kind;
	int from_prec = (int)e.v[2], to_prec = (int)e.v[5];
	int from_y = year_of(e.v[0]), to_y = year_of(e.v[3]);
	/* An entity a COW import made is that COW organization, and no other. */
	char value[64];
	int is_cow;
	q = (gp_look){.what = GP_LOOK_XREF, .id = id, .code = "cow-igo"};
	if ((rc = gp_look_one(g->db, &q, NULL, value, sizeof value, &is_cow)))
		return rc;
	int same = is_cow && strcmp(value, g->ionum) == 0;
	if (is_cow) {
		*fit = same ? FIT_YES : FIT_OTHER;
		return GEOPOL_OK;
	}
	int named;
	if ((rc = has_name(g->db, id, names, 3, &named)))
		return rc;
	named = named || strcasecmp(code, g->ioname) == 0; /* its code is its acronym */
	*fit = FIT_NO;
	if (kind != GEOPOL_KIND_ORGANIZATION)
		snprintf(why, size, "%s is a %s", code, geopol_kind_name(kind));
	else if (!named)
		snprintf(why, size, "%s has no name '%s'", code, names[0]);
	else if (g->sdate && from_prec && (from_y < g->sdate - 1 || from_y > g->sdate + 1))
		snprintf(why, size, "COW %s: sdate %ld; %s begins in %d", g->ioname, g->sdate, code, from_y);
	else if (g->dead && !to_prec)
		snprintf(why, size, "COW %s: deaddate %ld; %s has no end", g->ioname, g->dead, code);
	else if (g->dead && (to_y < g->dead || to_y > g->dead + 1))
		snprintf(why, size, "COW %s: deaddate %ld; %s ends in %d", g->ioname, g->dead, code, to_y);
	else if (!g->dead && to_prec && g->sdate && to_y <= g->sdate)
		snprintf(why, size, "COW %s: sdate %ld, not dead; %s ends in %d", g->ioname, g->sdate, code, to_y);
	else
		*fit = FIT_YES;
	return GEOPOL_OK;
}

/* The entity of the organization being started: a built-in one that fits,
 * else COW:IGO:<ioname>. *other is the built-in code that did not fit. */
static int choose_code(igo *g, const char *const *names, const char **other, char *why, size_t size)
{
	const char *mapped = NULL;
	int may_create = 0, fit = FIT_NO, rc;
	*other = NULL;
	snprintf(g->code, sizeof g->code, "COW:IGO:%s", g->ioname);
	for (size_t i = 0; i < sizeof igo_codes / sizeof igo_codes[0]; i++)
		if (strcmp(igo_codes[i].ioname, g->ioname) == 0) {
			mapped = igo_codes[i].code;
			may_create = igo_codes[i].names;
		}
	if (!mapped)
		return GEOPOL_OK;
	if ((rc = builtin_fits(g, mapped, names, &fit, why, size)))
		return rc;
	if (fit == FIT_YES || (fit == FIT_ABSENT && may_create))
		snprintf(g->code, sizeof g->code, "%s", mapped);
	else if (fit == FIT_NO)
		*other = mapped;
	return GEOPOL_OK;
}

static int cited_relation(igo *g, const char *a, const char *b, const char *type, geopol_date from,
			  geopol_date to, const char *quote)
{
	geopol_relation_spec r = GEOPOL_RELATION_SPEC_INIT;
	r.a = a;
	r.b = b;
	r.type = type;
	r.from = from;
	r.to = to;
	int64_t fact;
	int rc = gp_relation_add(g->db, &r, 0, &fact);
	if (rc == GEOPOL_OK)
		rc = gp_cite_row(g->db, GEOPOL_FACT_RELATION, g->db->last_row, g->src, quote);
	return count_add(g, rc);
}

/* Remember the organizations of igo_successions. */
static void note_succession(igo *g, long year)
{
	for (size_t i = 0; i < N_SUCCESSIONS; i++)
		for (int k = 0; k < 2; k++)
			if (strcmp(k ? igo_successions[i].predecessor : igo_successions[i].successor,
				   g->ioname) == 0) {
				snprintf(g->succ_code[i][k], sizeof g->succ_code[i][k], "%s", g->code);
				g->succ_year[i][k] = g->sdate ? g->sdate : year;
			}
}

/* After the file: a successor_of relation for each succession seen whole. */
static int add_successions(igo *g)
{
	for (size_t i = 0; i < N_SUCCESSIONS; i++) {
		if (!g->succ_code[i][0][0] || !g->succ_code[i][1][0])
			continue;
		geopol_date from, to = GEOPOL_DATE_OPEN_INIT;
		char quote[200];
		if (year_date(g->succ_year[i][0], &from))
			continue;
		snprintf(quote, sizeof quote, "%s begins in %ld as %s ends (COW sdate and deaddate)",
			 igo_successions[i].successor, g->succ_year[i][0], igo_successions[i].predecessor);
		int rc = cited_relation(g, g->succ_code[i][0], g->succ_code[i][1], "successor_of", from,
					to, quote);
		if (rc)
			return rc;
	}
	return GEOPOL_OK;
}

/* The first row of an organization: its entity, names and external id. */
static int start_org(igo *g, const int *col, long year)
{
	gp_csv *c = g->c;
	const char *ioname = c->field[col[I_IONAME]];
	const char *orgname = gp_csv_is_na(c, (size_t)col[I_ORGNAME]) ? NULL : c->field[col[I_ORGNAME]];
	const char *longname = gp_csv_is_na(c, (size_t)col[I_LONG]) ? NULL : c->field[col[I_LONG]];
	const char *ionum = gp_csv_is_na(c, (size_t)col[I_IONUM]) ? NULL : c->field[col[I_IONUM]];
	int rc;
	snprintf(g->ioname, sizeof g->ioname, "%s", ioname);
	snprintf(g->ionum, sizeof g->ionum, "%s", ionum ? ionum : "");
	g->sdate = g->dead = 0;
	if (gp_csv_is_na(c, (size_t)col[I_SDATE]) || gp_parse_int(c->field[col[I_SDATE]], &g->sdate))
		g->sdate = 0;
	if (gp_csv_is_na(c, (size_t)col[I_DEAD]) || gp_parse_int(c->field[col[I_DEAD]], &g->dead))
		g->dead = 0;
	const char *names[3] = {ioname, orgname, longname}, *other;
	char why[200] = "";
	if ((rc = choose_code(g, names, &other, why, sizeof why)))
		return rc;
	geopol_entity_spec e = GEOPOL_ENTITY_SPEC_INIT;
	e.code = g->code;
	e.kind = GEOPOL_KIND_ORGANIZATION;
	if (g->sdate)
		year_date(g->sdate, &e.from);
	g->alive = gp_csv_is_na(c, (size_t)col[I_DEAD]);
	if (g->dead && year_date(g->dead, &e.to) == 0 && e.from.precision && e.to.day <= e.from.day)
		e.to.precision = GEOPOL_DATE_NONE; /* dead the year it was born: keep it open */
	if ((rc = count_add(g, gp_dataset_entity(g->db, &e, g->src))) ||
	    (rc = gp_entity_id(g->db, g->code, "org", &g->org_id)) ||
	    (rc = count_add(g, gp_cited_name(g->db, g->code, ioname, "en", GEOPOL_NAME_ACRONYM, g->src))))
		return rc;
	if (orgname && strcmp(orgname, ioname) != 0 &&
	    (rc = count_add(g, gp_cited_name(g->db, g->code, orgname, "en", GEOPOL_NAME_SHORT, g->src))))
		return rc;
	if (longname && (rc = count_add(g, gp_cited_name(g->db, g->code, longname, "en",
							   GEOPOL_NAME_OFFICIAL, g->src))))
		return rc;
	if (ionum && (rc = gp_xref_add(g->db, g->code, "cow-igo", ionum)) < 0)
		return rc;
	if (other && (rc = cited_relation(g, g->code, other, "corresponds_to", e.from, e.to, why)))
		return rc;
	note_succession(g, year);
	g->first_year = g->last_year = year;
	return GEOPOL_OK;
}

/* Validate one row into status[]: 0 end, 1..3 a status, -9 unknown. */
static int read_statuses(igo *g, const geopol_import_options *opts, signed char *status)
{
	gp_csv *c = g->c;
	for (size_t j = 0; j < g->n_states; j++) {
		size_t k = (size_t)g->state_col[j];
		const char *v = k < c->n ? c->field[k] : "";
		if (gp_csv_is_na(c, k) || strcmp(v, "0") == 0 || strcmp(v, "-1") == 0)
			status[j] = 0;
		else if (strcmp(v, "-9") == 0)
			status[j] = -9;
		else if ((v[0] == '1' || v[0] == '2' || v[0] == '3') && v[1] == '\0')
			status[j] = (signed char)(v[0] - '0');
		else
			return gp_bad_row(c, opts, g->stats, g->state[j]->igo_column,
					  "'%s' is not a COW membership status (0, 1, 2, 3, -1, -9 or NA)", v);
	}
	return GEOPOL_OK;
}

static int apply_row(igo *g, const signed char *status, long year)
{
	for (size_t j = 0; j < g->n_states; j++) {
		int s = status[j];
		if (s == -9)
			continue; /* unknown: neither extends nor ends the run */
		if (s && s == g->cur[j]) {
			g->last[j] = year;
			continue;
		}
		int rc = emit_run(g, j, 0);
		if (rc)
			return rc;
		if (s) {
			g->cur[j] = (signed char)s;
			g->start[j] = g->last[j] = year;
		}
	}
	g->last_year = year;
	return GEOPOL_OK;
}

/* Validate one row: its ioname, its year after the last one, its statuses. */
static int read_org_row(igo *g, const int *col, const geopol_import_options *opts,
			const char *ioname, long *year_out, signed char *status)
{
	gp_csv *c = g->c;
	geopol_import_stats *stats = g->stats;
	long year;
	if (!*ioname || strlen(ioname) >= sizeof g->ioname || strchr(ioname, ' ') ||
	    gp_check_utf8(g->db, "ioname", ioname))
		return gp_bad_row(c, opts, stats, "ioname", "'%s' is not an organization short name",
				  ioname);
	if (parse_range(c, col[I_YEAR], 1, 9998, &year))
		return gp_bad_row(c, opts, stats, "year", "'%s' is not a year", c->field[col[I_YEAR]]);
	long ionum;
	if (!gp_csv_is_na(c, (size_t)col[I_IONUM]) &&
	    (strlen(c->field[col[I_IONUM]]) >= sizeof g->ionum || gp_parse_int(c->field[col[I_IONUM]], &ionum)))
		return gp_bad_row(c, opts, stats, "ionum", "'%s' is not an organization number",
				  c->field[col[I_IONUM]]);
	if (strcmp(ioname, g->ioname) == 0 && year <= g->last_year)
		return gp_bad_row(c, opts, stats, "year", "%ld does not follow %ld for %s", year,
				  g->last_year, ioname);
	*year_out = year;
	return read_statuses(g, opts, status);
}


int gp_import_cow_igo(geopol_db *db, const char *path, const geopol_import_options *opts,
		      geopol_import_stats *stats)
{
	igo *g = calloc(1, sizeof *g);
	if (!g)
		return gp_oom(db);
	int col[I_NCOLS];
	int rc = gp_csv_new(&g->c, db, path, ',');
	gp_csv *c = g->c;
	g->db = db;
	g->stats = stats;
	if (rc || (rc = need_columns(c, igo_cols, col, I_NCOLS)) ||
	    (rc = gp_resolver_new(&g->r, db)) || (rc = gp_dataset_source(db, &cow_igo_source, &g->src)))
		goto done;
	/* The state columns lie between year and sdate; each must be a COW state. */
	for (int k = col[I_YEAR] + 1; k < col[I_SDATE]; k++) {
		const gp_cow_state *t = gp_cow_state_by_column(c->header[k]);
		if (!t) {
			rc = gp_error(db, GEOPOL_EINVAL, "%s:1:%s: not a COW state column", path, c->header[k]);
			goto done;
		}
		g->state_col[g->n_states] = k;
		g->state[g->n_states++] = t;
	}
	for (size_t k = 0; k < N_IGO_ATTRS; k++)
		g->attr_col[k] = gp_csv_col(c, igo_attr_cols[k]);
	signed char status[MAX_STATES];
	while ((rc = gp_csv_next(c)) == 1) {
		long year = 0;
		stats->rows++;
		gp_csv_progress(c, opts);
		const char *ioname = (size_t)col[I_IONAME] < c->n ? c->field[col[I_IONAME]] : "";
		rc = gp_check_record(c, opts, stats, 0, 1);
		if (!rc)
			rc = read_org_row(g, col, opts, ioname, &year, status);
		if (rc == GP_SKIP)
			continue;
		if (rc)
			goto done;
		if (strcmp(ioname, g->ioname) != 0) {
			if ((g->ioname[0] && (rc = flush_org(g))) || (rc = start_org(g, col, year)))
				goto fail;
		}
		if ((rc = read_attrs(g)) || (rc = apply_row(g, status, year)))
			goto fail;
	}
	if (rc == 0 && g->ioname[0] && (rc = flush_org(g)))
		goto fail;
	if (rc == 0 && (rc = add_successions(g)))
		goto fail;
	goto done;
fail:
	gp_row_fail(c, rc);
done:
	free_attrs(g);
	gp_resolver_free(g->r);
	gp_csv_free(g->c);
	free(g);
	return rc < 0 ? rc : GEOPOL_OK;
}
