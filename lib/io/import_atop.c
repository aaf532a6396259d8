/*
 * import_atop.c - Alliance Treaty Obligations and Provisions (ATOP) v4.01,
 * member-level data (atop-member-level.csv): one row per member and phase.
 *
 * Each alliance becomes an organization ATOP:<atopid> (subkind alliance,
 * named "ATOP alliance <atopid>", external id atop=<atopid>), valid from its
 * first entry to its last exit (open if a member is still in it). Its
 * obligation types are entity attributes (entity_attr, schema 003):
 * defense, offense, neutrality, non_aggression, consultation = '1' when any
 * member row of the alliance carries the obligation, else '0'. Each row is a
 * membership of coding 'atop-4': day-exact entry and exit; a blank day
 * lowers the date to month precision; yrexit 0 means still in force at the
 * end of the data (an open end). The exit date is the first day the member
 * is out: phase 1 ending on 2002-10-07 and phase 2 starting that day touch,
 * they do not overlap. Phases stay separate rows, each its own coding
 * ('atop-4 phase 2': ATOP has a few phases of one alliance that overlap for
 * the same member); the citation's quote says which ("ATOP 4220, phase 2,
 * member 365").
 *
 * Rows of one alliance are consecutive in the file; they are gathered (one
 * alliance at a time, never the file) so that the alliance's own interval
 * and obligations are known before its memberships are written.
 */
#include "io/dataset_internal.h"

#include <cjson/cJSON.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const geopol_source_spec atop_source = {
	GEOPOL_SOURCE_SPEC_VERSION, "atop-4",
	"Alliance Treaty Obligations and Provisions (ATOP), version 4.01, member-level data",
	"Brett Ashley Leeds et al.", "ATOP project, Rice University", "en", "http://www.atopdata.org/",
	"../shared/data/atop/atop-member-level.csv", {0, GEOPOL_DATE_NONE}};

enum { A_ID, A_MEMBER, A_YE, A_ME, A_DE, A_YX, A_MX, A_DX, A_PHASE,
       A_DEF, A_OFF, A_NEU, A_NON, A_CON, A_NCOLS };
static const char *const atop_cols[A_NCOLS] = {"atopid", "member", "yrent", "moent", "dayent",
	"yrexit", "moexit", "dayexit", "phase", "defense", "offense", "neutral", "nonagg", "consul"};
#define N_OBLIGATIONS 5
static const char *const obligation_keys[N_OBLIGATIONS] = {"defense", "offense", "neutrality",
	"non_aggression", "consultation"};

typedef struct atop_row {
	long line;
	int member;
	int phase;
	geopol_date from, to;
	unsigned char pledge[N_OBLIGATIONS]; /* this member's obligations */
	char *provisions;         /* the row's other columns, a JSON object (cJSON_free) */
} atop_row;

typedef struct atop {
	geopol_db *db;
	gp_csv *c;
	gp_resolver *r;
	geopol_import_stats *stats;
	int64_t src;
	long id;                  /* alliance being gathered, 0 = none */
	int obligations[N_OBLIGATIONS];
	atop_row *rows;
	size_t n, cap;
	unsigned char skip[GP_CSV_MAX_FIELDS]; /* columns kept elsewhere */
} atop;

/* Parse a date from year/month/day columns; blank or 0 month/day lower
 * the precision. -1 when not a date. */
static int parse_date(gp_csv *c, int cy, int cm, int cd, geopol_date *out)
{
	long y, m = 0, d = 0;
	if (gp_csv_is_na(c, (size_t)cy) || gp_parse_int(c->field[cy], &y))
		return -1;
	if (!gp_csv_is_na(c, (size_t)cm) && gp_parse_int(c->field[cm], &m))
		return -1;
	if (m && !gp_csv_is_na(c, (size_t)cd) && gp_parse_int(c->field[cd], &d))
		return -1;
	if (y < 1 || y > 9999 || m < 0 || m > 12 || d < 0 || d > 31)
		return -1;
	return geopol_date_from_ymd(out, (int)y, (int)m, (int)d) ? -1 : 0;
}

static int membership_attr(geopol_db *db, int64_t row, const char *key, const char *value)
{
	gp_import_put p = {.what = GP_PUT_MEMBERSHIP_ATTR, .id = row, .key = key, .value = value};
	return gp_store_of(db)->import_put(db, &p, NULL);
}

/* What one member takes on (membership_attr, schema 008): its obligations,
 * which differ between members of an asymmetric alliance, and the row's
 * other provisions. */
static int member_attrs(geopol_db *db, int64_t row, const atop_row *x)
{
	int rc = GEOPOL_OK;
	for (int k = 0; k < N_OBLIGATIONS && !rc; k++)
		rc = membership_attr(db, row, obligation_keys[k], x->pledge[k] ? "1" : "0");
	if (!rc && x->provisions)
		rc = membership_attr(db, row, "provisions", x->provisions);
	return rc;
}

/* Comparing a row's attributes with those of an ATOP row. */
typedef struct attrs_cmp {
	const atop_row *x;
	int n, same;
} attrs_cmp;

static int compare_attr(void *ctx, const gp_look_row *r)
{
	attrs_cmp *a = ctx;
	const char *key = r->text, *value = r->text2, *want = NULL;
	for (int k = 0; k < N_OBLIGATIONS; k++)
		if (strcmp(key, obligation_keys[k]) == 0)
			want = a->x->pledge[k] ? "1" : "0";
	if (strcmp(key, "provisions") == 0)
		want = a->x->provisions;
	a->same &= want && strcmp(want, value) == 0;
	a->n++;
	return 0;
}

/* 1 when the row holds exactly the obligations and provisions of x. */
static int member_attrs_same(geopol_db *db, int64_t row, const atop_row *x)
{
	gp_look q = {.what = GP_LOOK_MEMBERSHIP_ATTRS, .id = row};
	attrs_cmp a = {.x = x, .same = 1};
	int rc = gp_store_of(db)->look(db, &q, compare_attr, &a);
	if (rc)
		return rc;
	return a.same && a.n == N_OBLIGATIONS + (x->provisions != NULL);
}

/* The current row of a membership of this coding stored already. */
static int membership_row(geopol_db *db, int64_t org, int64_t member, const char *coding,
			  const atop_row *x, int64_t *row)
{
	gp_look q = {.what = GP_LOOK_MEMBERSHIP_FROM, .id = org, .other = member, .code = coding,
		     .from = x->from};
	gp_look_row r;
	int found, rc = gp_look_one(db, &q, &r, NULL, 0, &found);
	*row = found ? r.id : 0;
	if (!rc && !found)
		return gp_error(db, GEOPOL_EDB, "looking up a membership of coding %s: not stored",
				gp_short(coding));
	return rc;
}

static void clear_rows(atop *a)
{
	for (size_t i = 0; i < a->n; i++)
		cJSON_free(a->rows[i].provisions);
	a->n = 0;
}

/* The columns of a row not stored elsewhere, as a JSON object of the
 * non-empty values ({"conditio":"0","defcon":"1",...}); NULL if none. */
static char *row_provisions(gp_csv *c, const unsigned char *skip)
{
	cJSON *o = cJSON_CreateObject();
	if (!o)
		return NULL;
	for (size_t i = 0; i < c->n; i++) {
		if (skip[i] || gp_csv_is_na(c, i))
			continue;
		const char *v = gp_csv_trim(c, i);
		if (*v && !cJSON_AddStringToObject(o, gp_csv_colname(c, i), v))
			break;
	}
	char *out = cJSON_GetArraySize(o) ? cJSON_PrintUnformatted(o) : NULL;
	cJSON_Delete(o);
	return out;
}

/* Write the gathered alliance: entity, name, id, obligations, memberships. */
static int flush_alliance(atop *a)
{
	if (!a->id || !a->n)
		return GEOPOL_OK;
	geopol_db *db = a->db;
	char code[32], name[48], idtext[24];
	snprintf(code, sizeof code, "ATOP:%ld", a->id);
	snprintf(name, sizeof name, "ATOP alliance %ld", a->id);
	snprintf(idtext, sizeof idtext, "%ld", a->id);
	geopol_entity_spec e = GEOPOL_ENTITY_SPEC_INIT;
	e.code = code;
	e.kind = GEOPOL_KIND_ORGANIZATION;
	e.subkind = "alliance";
	e.from = a->rows[0].from;
	e.to = a->rows[0].to;
	for (size_t i = 1; i < a->n; i++) {
		if (a->rows[i].from.day < e.from.day)
			e.from = a->rows[i].from;
		if (e.to.precision && (!a->rows[i].to.precision || a->rows[i].to.day > e.to.day))
			e.to = a->rows[i].to;
	}
	int64_t org;
	int rc = gp_dataset_entity(db, &e, a->src);
	if (rc < 0)
		return rc;
	gp_count(a->stats, rc);
	if ((rc = gp_entity_id(db, code, "org", &org)))
		return rc;
	if ((rc = gp_cited_name(db, code, name, "en", GEOPOL_NAME_OFFICIAL, a->src)) < 0)
		return rc;
	gp_count(a->stats, rc);
	if ((rc = gp_xref_add(db, code, "atop", idtext)) < 0)
		return rc;
	for (int k = 0; k < N_OBLIGATIONS; k++)
		if ((rc = gp_count_attr(a->stats, gp_entity_attr_set(db, org, obligation_keys[k],
								       a->obligations[k] ? "1" : "0", a->src))))
			return rc;
	for (size_t i = 0; i < a->n; i++) {
		const atop_row *x = &a->rows[i];
		const char *member;
		int64_t member_id;
		int created;
		char quote[96];
		a->c->line = x->line; /* errors name the row's own line */
		if ((rc = gp_resolve_cow(a->r, x->member, NULL, NULL, &member, &member_id, &created)))
			return rc;
		if (created)
			a->stats->added++;
		snprintf(quote, sizeof quote, "ATOP %ld, phase %d, member %d", a->id, x->phase, x->member);
		/* ATOP codes a few overlapping phases for the same member (3610,
		 * 4070...): each phase is its own coding unit. */
		char coding[32];
		snprintf(coding, sizeof coding, "%s phase %d", atop_source.code, x->phase);
		rc = gp_coded_membership(db, coding, org, code, member_id, member,
					 GEOPOL_ROLE_MEMBER, x->from, x->to, a->src, quote);
		if (rc < 0)
			return rc;
		/* The member's obligations on the row: a new one, the one this
		 * release corrected, or the stored one, which obligations that
		 * differ turn into a new version (never overwritten). */
		int64_t row = rc == GP_UNCHANGED ? 0 : db->last_row;
		if (!row) {
			int same;
			int64_t have;
			if ((same = membership_row(db, org, member_id, coding, x, &have)) < 0 ||
			    (same = member_attrs_same(db, have, x)) < 0)
				return same;
			if (!same && (same = gp_membership_new_version(db, have, &row)))
				return same;
			if (!row)
				rc = GP_UNCHANGED;
			else
				rc = GP_CORRECTED;
		}
		gp_count(a->stats, rc);
		if (row && (rc = member_attrs(db, row, x)))
			return rc;
	}
	clear_rows(a);
	memset(a->obligations, 0, sizeof a->obligations);
	return GEOPOL_OK;
}

/* Validate one row; on success append it to the alliance being gathered. */
static int read_row(atop *a, const int *col, const geopol_import_options *opts, long *id)
{
	gp_csv *c = a->c;
	long member, phase = 0, flag[N_OBLIGATIONS];
	atop_row x = {c->line, 0, 0, GEOPOL_DATE_OPEN_INIT, GEOPOL_DATE_OPEN_INIT, {0}, NULL};
	const char *f;
#define FIELD(k) ((size_t)col[k] < c->n ? c->field[col[k]] : "")
	if (gp_parse_int(FIELD(A_ID), id) || *id <= 0)
		return gp_bad_row(c, opts, a->stats, "atopid", "'%s' is not an alliance number", FIELD(A_ID));
	if (gp_parse_int(FIELD(A_MEMBER), &member) || member <= 0 || member >= 10000)
		return gp_bad_row(c, opts, a->stats, "member", "'%s' is not a COW state number",
				  FIELD(A_MEMBER));
	if (parse_date(c, col[A_YE], col[A_ME], col[A_DE], &x.from))
		return gp_bad_row(c, opts, a->stats, "yrent", "'%s-%s-%s' is not a date", FIELD(A_YE),
				  FIELD(A_ME), FIELD(A_DE));
	f = FIELD(A_YX);
	if (strcmp(f, "0") != 0 && parse_date(c, col[A_YX], col[A_MX], col[A_DX], &x.to))
		return gp_bad_row(c, opts, a->stats, "yrexit", "'%s-%s-%s' is not a date (0: in force)",
				  f, FIELD(A_MX), FIELD(A_DX));
	if (x.to.precision && gp_to_hi(x.to) <= gp_from_lo(x.from))
		return gp_bad_row(c, opts, a->stats, "yrexit", "the membership ends before it starts");
	if (!gp_csv_is_na(c, (size_t)col[A_PHASE]) &&
	    (gp_parse_int(FIELD(A_PHASE), &phase) || phase < 0 || phase > 999))
		return gp_bad_row(c, opts, a->stats, "phase", "'%s' is not a phase number", FIELD(A_PHASE));
	for (int k = 0; k < N_OBLIGATIONS; k++) {
		f = FIELD(A_DEF + k);
		if (gp_parse_int(f, &flag[k]) || flag[k] < 0 || flag[k] > 1)
			return gp_bad_row(c, opts, a->stats, atop_cols[A_DEF + k], "'%s' is not 0 or 1", f);
	}
#undef FIELD
	x.member = (int)member;
	x.phase = (int)phase;
	for (int k = 0; k < N_OBLIGATIONS; k++)
		x.pledge[k] = flag[k] != 0;
	if (*id != a->id) {
		int rc = flush_alliance(a);
		if (rc)
			return gp_row_fail(c, rc);
		c->line = x.line;
		a->id = *id;
	}
	atop_row *p = GP_GROW(a->rows, a->cap, a->n + 1, 64);
	if (!p)
		return gp_oom(a->db);
	a->rows = p;
	x.provisions = row_provisions(c, a->skip);
	a->rows[a->n++] = x;
	for (int k = 0; k < N_OBLIGATIONS; k++)
		a->obligations[k] |= flag[k] != 0;
	return GEOPOL_OK;
}

/*
 * The alliance-level file (atop-alliance-level.csv: one row per alliance,
 * no member column): every provision of an alliance imported from the
 * member-level file, as the attribute 'provisions' (a JSON object of the
 * row's non-empty columns).
 */
static int import_alliance_level(atop *a, const geopol_import_options *opts)
{
	gp_csv *c = a->c;
	int rc, cid = gp_csv_col(c, "atopid");
	a->skip[cid] = 1;
	while ((rc = gp_csv_next(c)) == 1) {
		long id = 0;
		int64_t org = 0;
		char code[32];
		a->stats->rows++;
		gp_csv_progress(c, opts);
		rc = gp_check_record(c, opts, a->stats, 0, 1);
		if (!rc && (gp_parse_int(c->field[cid], &id) || id <= 0))
			rc = gp_bad_row(c, opts, a->stats, "atopid", "'%s' is not an alliance number",
					c->field[cid]);
		snprintf(code, sizeof code, "ATOP:%ld", id);
		if (!rc && gp_entity_lookup(a->db, code, "atopid", &org, NULL))
			rc = gp_bad_row(c, opts, a->stats, "atopid", "alliance %ld is not stored: import "
					"the member-level file first", id);
		if (rc == GP_SKIP)
			continue;
		if (rc)
			return rc;
		gp_clear_error(a->db);
		char *json = row_provisions(c, a->skip);
		rc = json ? gp_entity_attr_set(a->db, org, "provisions", json, a->src) : GP_UNCHANGED;
		cJSON_free(json);
		if (rc < 0)
			return gp_row_fail(c, rc);
		gp_count(a->stats, rc);
	}
	return rc;
}

int gp_import_atop(geopol_db *db, const char *path, const geopol_import_options *opts,
		   geopol_import_stats *stats)
{
	atop a;
	memset(&a, 0, sizeof a);
	a.db = db;
	a.stats = stats;
	int col[A_NCOLS];
	int rc = gp_csv_new(&a.c, db, path, ',');
	if (rc)
		return rc;
	if (gp_csv_col(a.c, "atopid") >= 0 && gp_csv_col(a.c, "member") < 0) {
		if (!(rc = gp_dataset_source(db, &atop_source, &a.src)))
			rc = import_alliance_level(&a, opts);
		goto done;
	}
	for (int k = 0; k < A_NCOLS && !rc; k++) {
		col[k] = gp_csv_col(a.c, atop_cols[k]);
		if (col[k] < 0)
			rc = gp_error(db, GEOPOL_EINVAL, "%s:1:%s: missing column", path, atop_cols[k]);
		else
			a.skip[col[k]] = 1;
	}
	if (rc || (rc = gp_resolver_new(&a.r, db)) || (rc = gp_dataset_source(db, &atop_source, &a.src)))
		goto done;
	while ((rc = gp_csv_next(a.c)) == 1) {
		long id;
		stats->rows++;
		gp_csv_progress(a.c, opts);
		rc = gp_check_record(a.c, opts, stats, 0, 1);
		if (!rc)
			rc = read_row(&a, col, opts, &id);
		if (rc == GP_SKIP)
			continue;
		if (rc)
			goto done;
	}
	if (rc == 0 && (rc = flush_alliance(&a)))
		gp_row_fail(a.c, rc);
done:
	clear_rows(&a);
	free(a.rows);
	gp_resolver_free(a.r);
	gp_csv_free(a.c);
	return rc < 0 ? rc : GEOPOL_OK;
}
