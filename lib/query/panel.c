/*
 * panel.c - state-year and dyad-year panels (geopol_panel, README "Panels").
 *
 * A panel goes period by period: each state's organizations as two bitsets
 * (definitely / possibly a full member under the rule), the relations and
 * the period's events summed per unit into a hash of small arrays, and the
 * rows made from those; the shared memberships of a pair are two popcounts
 * of ANDed bitsets, not a join. Memory does not grow with the span: the
 * memberships and relations of the span are read in order of start, one
 * statement each held open across the periods, into a window that holds
 * the rows touching the current period (those that start by its last day
 * join, those that ended before its first day leave); the events are read
 * period by period, and only one period's sums are held at a time.
 *
 * The time rules are the library's: a fact "holds" at a span by
 * gp_certainty() (core/temporal.h). The rows come from the store
 * (gp_store.panel, store/store.h: every entity by code, the memberships
 * and relations that start in a chunk, a period's events with their
 * actors), which applies recorded time and the question's stages and
 * codings; this file calls no SQLite.
 */
#include "query/panel_internal.h"
#include "query/query_internal.h"
#include "store/store.h"

#include <cjson/cJSON.h>
#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- the rules */

int gp_panel_root(const char *cameo)
{
	if (!cameo || !isdigit((unsigned char)cameo[0]) || !isdigit((unsigned char)cameo[1]))
		return 0;
	int r = (cameo[0] - '0') * 10 + (cameo[1] - '0');
	return r >= 1 && r <= 20 ? r : 0;
}

/* The standard CAMEO-to-QuadClass grouping (README "Panels" cites the
 * GDELT 1.0 codebook for the four classes and the icews R package's CAMEO
 * table for the ranges):
 * roots 01-05 verbal cooperation, 06-08 material cooperation, 09-13
 * verbal conflict, 14-20 material conflict. */
int gp_panel_quad(const char *cameo)
{
	int r = gp_panel_root(cameo);
	return r == 0 ? 0 : r <= 5 ? 1 : r <= 8 ? 2 : r <= 13 ? 3 : 4;
}

int gp_panel_certainty_some_day(int64_t from_lo, int64_t from_hi, int64_t to_lo, int64_t to_hi,
				int64_t dlo, int64_t dhi)
{
	if (!gp_certainty(from_lo, from_hi, to_lo, to_hi, dlo, dhi))
		return 0;
	/* The first day of the span that every reading of the start has
	 * reached: if the fact is definite on any day of the span, it is on
	 * this one. */
	int64_t d = from_hi > dlo ? from_hi : dlo;
	if (d <= dhi && gp_certainty(from_lo, from_hi, to_lo, to_hi, d, d) == GEOPOL_DEFINITE)
		return GEOPOL_DEFINITE;
	return GEOPOL_POSSIBLE;
}

/* ---- the panel's state */

/* ATOP's obligation types, as the importer stores them (import_atop.c). */
static const char *const obligations[] = {"defense", "offense", "neutrality", "non_aggression",
					   "consultation"};
#define N_OBLIGATIONS 5

enum { PV_SHARED = 1, PV_OWN, PV_SUM, PV_FLAG, PV_MEAN, PV_PLEDGE };

typedef struct pn_col {
	char *name;
	int kind;       /* PV_* */
	int mask;       /* PV_SHARED, PV_OWN: org mask index, -1 = every organization */
	int flag;       /* PV_SHARED: 0/1 whether any, not the count */
	int possible;   /* the count of possible-only facts, not of definite ones */
	int side;       /* PV_OWN: 0 the unit's a, 1 its b; PV_PLEDGE: the obligation */
	int slot, slot2;/* PV_SUM/PV_FLAG: the slot (and the possible slot); PV_MEAN: sum, n */
	int dir;        /* -1 undirected; 0 from a (out), 1 towards a (in) */
} pn_col;

/* A relation variable: rel:TYPE or rel:TYPE.ATTR. */
typedef struct pn_rvar {
	char *type, *attr;
	int directed;
	int slot_def, slot_poss, slot_sum, slot_sum_poss;
} pn_rvar;

typedef struct pn_mspell {
	uint32_t member, org;
	int32_t flo, fhi, tlo, thi;
	unsigned pledges;   /* bit k: the member takes on obligations[k] */
} pn_mspell;

typedef struct pn_rspell {
	uint32_t a, b;
	int32_t flo, fhi, tlo, thi;
	uint32_t match;  /* bit k: relation variable k is of its type */
	int64_t id;      /* its row: a period adds relations in row order */
} pn_rspell;

typedef struct pn_order {
	int64_t id;
	uint32_t i;
} pn_order;

typedef struct pn_actor {
	uint32_t ent;
	unsigned roles;  /* bit (role - 1) */
} pn_actor;

struct geopol_panel_iter {
	geopol_db *db;
	geopol_panel_options o;
	int definite_only;
	gp_q qd;                 /* the query's options: memberships' stages and codings */
	int64_t k;                    /* recorded time asked */
	char *rule_text;
	/* entities: the states and the listed codes, by code */
	size_t n_ent;
	int64_t *ent_id;
	char **ent_code;
	int *ent_kind;
	int32_t (*ent_when)[4];       /* from_lo, from_hi, to_lo, to_hi */
	int32_t *ent_map;             /* entity row id -> dense index, -1 none */
	int64_t ent_map_len;
	uint8_t *listed, *focus;
	/* organizations: their ids and subkinds (NULL: none), by code */
	size_t n_org, words, org_cap;
	int64_t *org_id;
	char **org_subkind;
	gp_span *org_life;            /* as known at k */
	int32_t *org_map;
	int64_t org_map_len;
	uint64_t *masks;              /* n_masks bitsets of `words` words */
	size_t n_masks;
	/* the windows: the memberships and relations that touch the current
	 * period (below, "the windows") */
	pn_mspell *m;
	size_t n_m, m_cap;
	pn_rvar *rv;
	size_t n_rv;
	pn_rspell *r;            /* in row order */
	size_t n_r, r_cap;
	double *rvals;           /* n_rv values a relation, in the order of r */
	pn_rspell *rn;           /* the relations a period adds, before the merge */
	double *rnvals;
	struct pn_order *rorder;
	size_t n_rn, rn_cap;
	int64_t read_to;         /* the rows that start by this day are read */
	int new_into_window;     /* add_rspell: append to r, not to rn */
	char *coding;            /* the query's coding, kept for the reads */
	int read_relations, read_events, read_pledges;
	/* event slots, -1 when not asked */
	int s_events, s_evposs, s_quad, s_root, s_gsum, s_gn;
	int n_slots;
	pn_col *cols;
	size_t n_cols;
	const char **col_names;
	/* the current period */
	int period_index, n_periods;
	int64_t plo, phi;             /* its days */
	char label[GEOPOL_DATE_BUFSIZE];
	uint64_t *def, *any;          /* n_ent bitsets */
	uint64_t *pdef, *pany;        /* the same per obligation: N_OBLIGATIONS x n_ent */
	uint32_t *cand;               /* units' entities alive in the period, by code */
	size_t n_cand, ci, cj;
	int in_period;
	/* per-unit sums: key -> offset into pool */
	gp_map sums;
	double *pool;
	size_t pool_n, pool_cap;
	pn_actor *actors;
	size_t n_actors, actors_cap;
	/* the row handed out */
	geopol_panel_row row;
	double *values;
};

static int oom(geopol_db *db)
{
	return gp_oom(db);
}

static char *dupstr(const char *s)
{
	size_t n = strlen(s) + 1;
	char *p = malloc(n);
	if (p)
		memcpy(p, s, n);
	return p;
}

/* ---- columns */

static int is_state_unit(const geopol_panel_iter *p)
{
	return p->o.unit == GEOPOL_PANEL_STATE;
}

/* The direction suffixes of the unit: dyads _ab and _ba (directed dyads
 * only _ab: the reverse is its own row), states _out and _in. */
static int dir_suffixes(const geopol_panel_iter *p, const char **sfx)
{
	if (is_state_unit(p)) {
		sfx[0] = "_out";
		sfx[1] = "_in";
		return 2;
	}
	sfx[0] = "_ab";
	sfx[1] = "_ba";
	return p->o.unit == GEOPOL_PANEL_DIRECTED_DYAD ? 1 : 2;
}

/* Append a column; the name is "prefix" + "suffix", made safe for every
 * reader (letters, digits and '_'). */
static int add_col(geopol_panel_iter *p, const pn_col *c, const char *prefix, const char *suffix)
{
	pn_col *n = realloc(p->cols, (p->n_cols + 1) * sizeof *n);
	if (!n)
		return oom(p->db);
	p->cols = n;
	size_t len = strlen(prefix) + strlen(suffix) + 1;
	char *name = malloc(len);
	if (!name)
		return oom(p->db);
	snprintf(name, len, "%s%s", prefix, suffix);
	for (char *s = name; *s; s++)
		if (!isalnum((unsigned char)*s) && *s != '_')
			*s = '_';
	n[p->n_cols] = *c;
	n[p->n_cols].name = name;
	p->n_cols++;
	return GEOPOL_OK;
}

/* A count column and, unless only definite facts are asked, its
 * "_possible" companion. */
static int add_counted(geopol_panel_iter *p, pn_col c, const char *name, const char *suffix)
{
	int rc = add_col(p, &c, name, suffix);
	if (rc || p->definite_only)
		return rc;
	c.possible = 1;
	char buf[256];
	snprintf(buf, sizeof buf, "%s%s", suffix, "_possible");
	return add_col(p, &c, name, buf);
}

static int new_mask(geopol_panel_iter *p)
{
	uint64_t *m = realloc(p->masks, (p->n_masks + 1) * p->words * sizeof *m);
	if (!m && p->words)
		return -1;
	p->masks = m;
	if (p->words)
		memset(m + p->n_masks * p->words, 0, p->words * sizeof *m);
	return (int)p->n_masks++;
}

static void mask_set(geopol_panel_iter *p, int mask, int64_t org_id)
{
	if (org_id < 0 || org_id >= p->org_map_len || p->org_map[org_id] < 0)
		return;
	uint32_t o = (uint32_t)p->org_map[org_id];
	p->masks[(size_t)mask * p->words + o / 64] |= 1ull << (o % 64);
}

/* A new mask of the organizations of subkind `subkind`; *found counts
 * them when not NULL (the state system among them, though no mask holds
 * it: load_entities). */
static int mask_of_subkind(geopol_panel_iter *p, const char *subkind, int *mask, size_t *found)
{
	if ((*mask = new_mask(p)) < 0)
		return oom(p->db);
	size_t n = 0;
	for (size_t o = 0; o < p->n_org; o++) {
		if (!p->org_subkind[o] || strcmp(p->org_subkind[o], subkind) != 0)
			continue;
		mask_set(p, *mask, p->org_id[o]);
		n++;
	}
	if (found)
		*found = n;
	return GEOPOL_OK;
}

static int by_text(const void *x, const void *y)
{
	return strcmp(*(const char *const *)x, *(const char *const *)y);
}

/* shared:kind=K where no organization has subkind K: an error naming
 * the subkinds the database has (a misspelt kind would otherwise give a
 * column of zeros). */
static int unknown_org_kind(geopol_panel_iter *p, const char *var, const char *kind)
{
	char list[512] = "";
	size_t len = 0, n = 0;
	const char **kinds = malloc((p->n_org + 1) * sizeof *kinds);
	if (!kinds)
		return oom(p->db);
	for (size_t o = 0; o < p->n_org; o++)
		if (p->org_subkind[o])
			kinds[n++] = p->org_subkind[o];
	qsort(kinds, n, sizeof *kinds, by_text);
	for (size_t i = 0; i < n && len < sizeof list; i++) {
		if (i && strcmp(kinds[i], kinds[i - 1]) == 0)
			continue;
		int w = snprintf(list + len, sizeof list - len, "%s%s", len ? ", " : "", kinds[i]);
		len = w < 0 ? sizeof list : len + (size_t)w;
	}
	free(kinds);
	if (len >= sizeof list)
		strcpy(list + sizeof list - 5, "...");
	return gp_error(p->db, GEOPOL_EINVAL, "panel variable '%s': no organization has the "
			"kind '%s' (the kinds stored: %s)", var, kind, len ? list : "none");
}

static int org_mask_of_list(geopol_panel_iter *p, const char *list, const char *var, int *mask)
{
	if ((*mask = new_mask(p)) < 0)
		return oom(p->db);
	char *copy = dupstr(list);
	if (!copy)
		return oom(p->db);
	int rc = GEOPOL_OK;
	for (char *save = NULL, *t = strtok_r(copy, "+", &save); t && !rc; t = strtok_r(NULL, "+", &save)) {
		int64_t id;
		int kind;
		if ((rc = gp_entity_lookup(p->db, t, var, &id, &kind)))
			break;
		if (kind != GEOPOL_KIND_ORGANIZATION)
			rc = gp_error(p->db, GEOPOL_EINVAL, "panel variable '%s': %s is not an organization",
				      var, t);
		else
			mask_set(p, *mask, id);
	}
	free(copy);
	return rc;
}


/* shared, shared:kind=K, shared:orgs=A+B, alliance */
static int var_shared(geopol_panel_iter *p, const char *var, const char *arg)
{
	pn_col c = {NULL, PV_SHARED, -1, 0, 0, 0, 0, 0, -1};
	if (is_state_unit(p))
		return gp_error(p->db, GEOPOL_EINVAL, "panel variable '%s' needs dyads "
				"(states have 'memberships')", var);
	int rc;
	if (!arg)
		return add_counted(p, c, "shared", "");
	if (strncmp(arg, "kind=", 5) == 0 && arg[5]) {
		size_t found;
		if ((rc = mask_of_subkind(p, arg + 5, &c.mask, &found)))
			return rc;
		if (!found)
			return unknown_org_kind(p, var, arg + 5);
		return add_counted(p, c, "shared_", arg + 5);
	}
	if (strncmp(arg, "orgs=", 5) == 0 && arg[5]) {
		if ((rc = org_mask_of_list(p, arg + 5, var, &c.mask)))
			return rc;
		return add_counted(p, c, "shared_", arg + 5);
	}
	return gp_error(p->db, GEOPOL_EINVAL, "panel variable '%s': after 'shared:' give "
			"kind=SUBKIND or orgs=CODE+CODE", var);
}

/* alliance: an alliance in common (dyads) or the alliances of a state;
 * then for each ATOP obligation, whether a pledges it in an alliance b
 * belongs to (_ab) and the reverse (_ba), or for a state in how many
 * alliances it pledges it. */
static int var_alliance(geopol_panel_iter *p)
{
	int states = is_state_unit(p);
	pn_col c = {NULL, states ? PV_OWN : PV_SHARED, -1, !states, 0, 0, 0, 0, -1};
	int rc = mask_of_subkind(p, "alliance", &c.mask, NULL);
	if (rc || (rc = add_counted(p, c, states ? "alliances" : "alliance", "")))
		return rc;
	p->read_pledges = 1;
	const char *sfx[2];
	int nd = states ? 1 : dir_suffixes(p, sfx);
	char prefix[64];
	for (int k = 0; k < N_OBLIGATIONS; k++) {
		snprintf(prefix, sizeof prefix, "alliance_%s", obligations[k]);
		for (int d = 0; d < nd; d++) {
			pn_col x = {NULL, PV_PLEDGE, -1, !states, 0, k, 0, 0, states ? 0 : d};
			if ((rc = add_counted(p, x, prefix, states ? "" : sfx[d])))
				return rc;
		}
	}
	return GEOPOL_OK;
}

/* memberships, member:ORG: per side for dyads. */
static int var_own(geopol_panel_iter *p, const char *var, const char *org)
{
	pn_col c = {NULL, PV_OWN, -1, 0, 0, 0, 0, 0, -1};
	int rc;
	char prefix[256];
	snprintf(prefix, sizeof prefix, "%s%s", org ? "member_" : "memberships", org ? org : "");
	if (org && (rc = org_mask_of_list(p, org, var, &c.mask)))
		return rc;
	if (is_state_unit(p))
		return add_counted(p, c, prefix, "");
	if ((rc = add_counted(p, c, prefix, "_a")))
		return rc;
	c.side = 1;
	return add_counted(p, c, prefix, "_b");
}

static int new_slot(geopol_panel_iter *p)
{
	return p->n_slots++;
}

/* rel:TYPE or rel:TYPE.ATTR */
static int var_rel(geopol_panel_iter *p, const char *var, const char *arg)
{
	char *type = dupstr(arg);
	if (!type)
		return oom(p->db);
	char *attr = strchr(type, '.');
	if (attr)
		*attr++ = '\0';
	gp_find f = {GP_FIND_RELATION_TYPE, type, NULL};
	int64_t id;
	int directed = 0, found = gp_store_of(p->db)->find(p->db, &f, &id, &directed);
	if (found != GEOPOL_OK && found != GEOPOL_ENOTFOUND) {
		free(type);
		return found;
	}
	found = found == GEOPOL_OK;
	directed = found && directed;
	if (!found || (attr && !*attr)) {
		int rc = gp_error(p->db, found ? GEOPOL_EINVAL : GEOPOL_ENOTFOUND,
				  found ? "panel variable '%s': no attribute after '.'"
					: "panel variable '%s': no relation type '%s'", var, type);
		free(type);
		return rc;
	}
	pn_rvar *n = realloc(p->rv, (p->n_rv + 1) * sizeof *n);
	if (!n) {
		free(type);
		return oom(p->db);
	}
	p->rv = n;
	pn_rvar *v = &n[p->n_rv++];
	v->type = type;
	v->attr = attr;
	v->directed = directed;
	v->slot_def = new_slot(p);
	v->slot_poss = new_slot(p);
	v->slot_sum = attr ? new_slot(p) : -1;
	v->slot_sum_poss = attr ? new_slot(p) : -1;
	p->read_relations = 1;
	char prefix[256];
	snprintf(prefix, sizeof prefix, "rel_%s%s%s", type, attr ? "_" : "", attr ? attr : "");
	const char *sfx[2];
	int nd = directed ? dir_suffixes(p, sfx) : 1;
	for (int d = 0; d < nd; d++) {
		pn_col c = {NULL, attr ? PV_SUM : PV_FLAG, -1, 0, 0, 0, attr ? v->slot_sum : v->slot_def,
			    attr ? v->slot_sum_poss : v->slot_poss, directed ? d : -1};
		/* States count their relations of the type; dyads say 0/1. */
		if (is_state_unit(p) && !attr)
			c.kind = PV_SUM;
		int rc = add_counted(p, c, prefix, directed ? sfx[d] : "");
		if (rc)
			return rc;
	}
	return GEOPOL_OK;
}

/* events, quad, root, root:NN, goldstein */
static int var_events(geopol_panel_iter *p, const char *name, const char *arg)
{
	const char *sfx[2];
	int nd = dir_suffixes(p, sfx), rc;
	char buf[32];
	p->read_events = 1;
	if (p->s_events < 0) {
		p->s_events = new_slot(p);
		p->s_evposs = new_slot(p);
	}
	if (strcmp(name, "events") == 0) {
		pn_col c = {NULL, PV_SUM, -1, 0, 0, 0, p->s_events, p->s_evposs, -1};
		if ((rc = add_col(p, &c, "events", "")))
			return rc;
		c.slot = p->s_evposs;
		return p->definite_only ? GEOPOL_OK : add_col(p, &c, "events_possible", "");
	}
	if (strcmp(name, "quad") == 0) {
		if (p->s_quad < 0) {
			p->s_quad = p->n_slots;
			p->n_slots += 4;
		}
		for (int d = 0; d < nd; d++)
			for (int q = 0; q < 4; q++) {
				pn_col c = {NULL, PV_SUM, -1, 0, 0, 0, p->s_quad + q, -1, d};
				snprintf(buf, sizeof buf, "quad%d", q + 1);
				if ((rc = add_col(p, &c, buf, sfx[d])))
					return rc;
			}
		return GEOPOL_OK;
	}
	if (strcmp(name, "root") == 0) {
		int lo = 1, hi = 20;
		if (arg) {
			char code[3] = {arg[0], arg[0] ? arg[1] : 0, 0};
			lo = hi = gp_panel_root(code);
			if (!lo || strlen(arg) != 2)
				return gp_error(p->db, GEOPOL_EINVAL, "panel variable 'root:%s': a CAMEO "
						"root is two digits, 01 to 20", arg);
		}
		if (p->s_root < 0) {
			p->s_root = p->n_slots;
			p->n_slots += 20;
		}
		for (int d = 0; d < nd; d++)
			for (int r = lo; r <= hi; r++) {
				pn_col c = {NULL, PV_SUM, -1, 0, 0, 0, p->s_root + r - 1, -1, d};
				snprintf(buf, sizeof buf, "root%02d", r);
				if ((rc = add_col(p, &c, buf, sfx[d])))
					return rc;
			}
		return GEOPOL_OK;
	}
	/* goldstein */
	if (p->s_gsum < 0) {
		p->s_gsum = new_slot(p);
		p->s_gn = new_slot(p);
	}
	for (int d = 0; d < nd; d++) {
		pn_col c = {NULL, PV_SUM, -1, 0, 0, 0, p->s_gsum, -1, d};
		if ((rc = add_col(p, &c, "goldstein_sum", sfx[d])))
			return rc;
		c.kind = PV_MEAN;
		c.slot2 = p->s_gn;
		if ((rc = add_col(p, &c, "goldstein_mean", sfx[d])))
			return rc;
	}
	return GEOPOL_OK;
}

static int parse_var(geopol_panel_iter *p, const char *var)
{
	char name[32];
	const char *colon = strchr(var, ':');
	size_t n = colon ? (size_t)(colon - var) : strlen(var);
	const char *arg = colon ? colon + 1 : NULL;
	if (n >= sizeof name || (arg && !*arg))
		goto bad;
	memcpy(name, var, n);
	name[n] = '\0';
	if (strcmp(name, "shared") == 0)
		return var_shared(p, var, arg);
	if (strcmp(name, "alliance") == 0 && !arg)
		return var_alliance(p);
	if (strcmp(name, "memberships") == 0 && !arg)
		return var_own(p, var, NULL);
	if (strcmp(name, "member") == 0 && arg)
		return var_own(p, var, arg);
	if (strcmp(name, "rel") == 0 && arg)
		return var_rel(p, var, arg);
	if ((strcmp(name, "events") == 0 || strcmp(name, "quad") == 0 ||
	     strcmp(name, "goldstein") == 0) && !arg)
		return var_events(p, name, NULL);
	if (strcmp(name, "root") == 0)
		return var_events(p, name, arg);
bad:
	return gp_error(p->db, GEOPOL_EINVAL, "unknown panel variable '%s' (shared, shared:kind=K, "
			"shared:orgs=A+B, member:ORG, memberships, alliance, rel:TYPE, rel:TYPE.ATTR, "
			"events, quad, root, root:NN, goldstein)", var);
}

/* ---- loading */

/* An organization (by code, after those before it): its id and subkind
 * kept for the masks by subkind (shared:kind=K, alliance). */
static int add_org(geopol_panel_iter *p, const gp_panel_row *r)
{
	if (p->n_org == p->org_cap) {
		size_t cap = gp_grow_cap(p->org_cap, p->n_org + 1, 64, sizeof *p->org_subkind);
		int64_t *a = cap ? gp_realloc_n(p->org_id, cap, sizeof *a) : NULL;
		if (a)
			p->org_id = a;
		char **b = cap ? gp_realloc_n(p->org_subkind, cap, sizeof *b) : NULL;
		if (b)
			p->org_subkind = b;
		gp_span *l = cap ? gp_realloc_n(p->org_life, cap, sizeof *l) : NULL;
		if (l)
			p->org_life = l;
		if (!a || !b || !l)
			return oom(p->db);
		p->org_cap = cap;
	}
	size_t o = p->n_org;
	p->org_id[o] = r->id;
	p->org_life[o] = r->when;
	p->org_subkind[o] = r->subkind ? dupstr(r->subkind) : NULL;
	if (r->subkind && !p->org_subkind[o])
		return oom(p->db);
	p->n_org++;
	/* The state system of COW (cow-states) is not an organization states
	 * join: it takes no part in the counts. */
	p->org_map[r->id] = r->subkind && strcmp(r->subkind, "state system") == 0 ? -1 : (int32_t)o;
	return GEOPOL_OK;
}

/* An entity of the panel (a state or a listed code), after those before
 * it by code. */
static int add_entity(geopol_panel_iter *p, const gp_panel_row *r, const uint8_t *listed,
		      const uint8_t *focus, size_t *cap)
{
	int64_t id = r->id;
	if (p->n_ent == *cap) {
		/* Six arrays of one length: each grows to the same capacity. */
		size_t c = gp_grow_cap(*cap, p->n_ent + 1, 256, sizeof *p->ent_when);
		int64_t *a = c ? gp_realloc_n(p->ent_id, c, sizeof *a) : NULL;
		if (a) p->ent_id = a;
		char **b = c ? gp_realloc_n(p->ent_code, c, sizeof *b) : NULL;
		if (b) p->ent_code = b;
		int *k = c ? gp_realloc_n(p->ent_kind, c, sizeof *k) : NULL;
		if (k) p->ent_kind = k;
		int32_t (*w)[4] = c ? gp_realloc_n(p->ent_when, c, sizeof *w) : NULL;
		if (w) p->ent_when = w;
		uint8_t *l = c ? gp_realloc_n(p->listed, c, 1) : NULL;
		if (l) p->listed = l;
		uint8_t *f = c ? gp_realloc_n(p->focus, c, 1) : NULL;
		if (f) p->focus = f;
		if (!a || !b || !k || !w || !l || !f)
			return oom(p->db);
		*cap = c;
	}
	size_t i = p->n_ent;
	p->ent_id[i] = id;
	p->ent_code[i] = dupstr(r->text ? r->text : "");
	p->ent_kind[i] = r->kind;
	p->ent_when[i][0] = (int32_t)r->when.flo;
	p->ent_when[i][1] = (int32_t)r->when.fhi;
	p->ent_when[i][2] = (int32_t)r->when.tlo;
	p->ent_when[i][3] = (int32_t)r->when.thi;
	p->listed[i] = listed[id];
	p->focus[i] = focus[id];
	p->n_ent++;
	p->ent_map[id] = (int32_t)i;
	return p->ent_code[i] ? GEOPOL_OK : oom(p->db);
}

static int load_entities(geopol_panel_iter *p)
{
	geopol_db *db = p->db;
	const gp_store *store = gp_store_of(db);
	int64_t max_id, count;
	int rc = store->size(db, GP_SIZE_ENTITIES, &max_id, &count);
	if (rc)
		return rc;
	p->ent_map_len = p->org_map_len = max_id + 1;
	p->ent_map = malloc((size_t)p->ent_map_len * sizeof *p->ent_map);
	p->org_map = malloc((size_t)p->org_map_len * sizeof *p->org_map);
	if (!p->ent_map || !p->org_map)
		return oom(db);
	for (int64_t i = 0; i < p->ent_map_len; i++)
		p->ent_map[i] = p->org_map[i] = -1;
	/* The listed codes first, marked; then every state, in code order. */
	uint8_t *listed = calloc((size_t)p->ent_map_len, 1);
	if (!listed)
		return oom(db);
	for (size_t i = 0; i < p->o.n_codes && !rc; i++) {
		int64_t id;
		if (!(rc = gp_entity_id(db, p->o.codes[i], "panel code", &id)))
			listed[id] = 1;
	}
	uint8_t *focus = calloc((size_t)p->ent_map_len, 1);
	for (size_t i = 0; focus && i < p->o.n_focus && !rc; i++) {
		int64_t id;
		if (!(rc = gp_entity_id(db, p->o.focus[i], "panel focus", &id)))
			focus[id] = 1;
	}
	if (!focus)
		rc = oom(db);
	gp_panel_cursor *c = NULL;
	gp_panel_query q = {.what = GP_PANEL_ENTITIES, .k = p->k}; /* lives as known at k */
	if (!rc)
		rc = store->panel(&c, db, &q);
	size_t cap = 0;
	gp_panel_row r;
	while (!rc && !(rc = c->next(c, &r))) {
		if (r.id < 0 || r.id >= p->ent_map_len)
			continue;  /* added since the size was read */
		if (r.kind == GEOPOL_KIND_ORGANIZATION && (rc = add_org(p, &r)))
			break;
		if (r.kind != GEOPOL_KIND_STATE && !listed[r.id])
			continue;
		rc = add_entity(p, &r, listed, focus, &cap);
	}
	if (rc == GEOPOL_ITEROVER)
		rc = GEOPOL_OK;
	gp_panel_cursor_free(c);
	free(listed);
	free(focus);
	/* One word at least: no bitset is empty. */
	p->words = p->n_org / 64 + 1;
	return rc;
}

static int32_t member_of(const geopol_panel_iter *p, int64_t id)
{
	return id >= 0 && id < p->ent_map_len ? p->ent_map[id] : -1;
}

/* The life of the panel's entity i, as known at k. */
static gp_span ent_life(const geopol_panel_iter *p, int32_t i)
{
	const int32_t *w = p->ent_when[i];
	return (gp_span){w[0], w[1], w[2], w[3], 0, 0};
}

/* No edge without its nodes: a spell clipped to the lives of its entities
 * as known at k (a: the organization or relation's a), by the rule the
 * answers clip by (gp_clip_answer), so that a panel counts what
 * geopol_common and geopol_relations give on its days. 0: nothing left. */
static int clip_spell(gp_span *when, int kind, int stage, const char *type, const gp_span *a,
		      const gp_span *b)
{
	gp_edge_row e = {.kind = kind, .stage = stage, .type = type, .when = *when};
	if (!gp_clip_answer(&e, a, b))
		return 0;
	*when = e.when;
	return 1;
}

/* "defense=1,offense=0,..." as obligation bits. */
static unsigned parse_pledges(const char *text)
{
	unsigned bits = 0;
	while (text && *text) {
		const char *end = strchr(text, ',');
		size_t n = end ? (size_t)(end - text) : strlen(text);
		for (int k = 0; k < N_OBLIGATIONS; k++) {
			size_t kl = strlen(obligations[k]);
			if (n == kl + 2 && strncmp(text, obligations[k], kl) == 0 &&
			    text[kl] == '=' && text[kl + 1] == '1')
				bits |= 1u << k;
		}
		text = end ? end + 1 : NULL;
	}
	return bits;
}

/* The days of period `index` of the span, and its label. */
static void period_days(const geopol_panel_iter *p, int index, int64_t *lo, int64_t *hi, char *label)
{
	int y, m, d;
	geopol_date_to_ymd(p->o.from.day, &y, &m, &d);
	geopol_date g;
	if (p->o.period == GEOPOL_PANEL_YEAR) {
		geopol_date_from_ymd(&g, y + index, 0, 0);
	} else {
		int mm = (m - 1) + index;
		geopol_date_from_ymd(&g, y + mm / 12, mm % 12 + 1, 0);
	}
	*lo = g.day;
	*hi = geopol_date_last_day(g);
	if (label)
		geopol_date_format(g, label, GEOPOL_DATE_BUFSIZE);
}

/* ---- the windows of memberships and relations
 *
 * The rows are read chunk by chunk: at the first period of a chunk (8
 * years of periods), the rows that start in the chunk (after the last day
 * read, up to the chunk's last day) and end after the period's first day
 * join the window; before each period, those that ended before its first
 * day leave it (they cannot hold in this period or a later one). A row
 * that starts in a later period of the chunk waits in the window, where
 * the rule finds it does not hold yet. They are read by entity of the
 * panel through the (member, to_hi, from_lo) and (a, to_hi, from_lo)
 * indexes (the start tested in the index, so only the rows kept are
 * read from the table). So the window holds the rows that touch one
 * chunk, and memory does not grow with the span; the index is walked once
 * a chunk, not once a period (a period by period walk cost ten times the
 * reading: every later row ends after the period's first day). */
#define PN_CHUNK_YEARS 8

/* Read the rows of kind `what` (GP_PANEL_MEMBERSHIPS, _PLEDGES or
 * _RELATIONS) of every entity of the panel that start after the last day
 * read and by `hi`, and end after the period's first day, and `add` each. */
static int read_starts(geopol_panel_iter *p, int what, int64_t hi,
		       int (*add)(geopol_panel_iter *, const gp_panel_row *))
{
	gp_panel_query q = {.what = what, .ents = p->ent_id, .n_ents = p->n_ent,
			    .after = p->read_to, .dlo = p->plo, .dhi = hi, .k = p->k, .q = &p->qd};
	gp_panel_cursor *c;
	int rc = gp_store_of(p->db)->panel(&c, p->db, &q);
	if (rc)
		return rc;
	gp_panel_row r;
	while (!(rc = c->next(c, &r)) && !(rc = add(p, &r)))
		;
	gp_panel_cursor_free(c);
	return rc == GEOPOL_ITEROVER ? GEOPOL_OK : rc;
}

static int add_mspell(geopol_panel_iter *p, const gp_panel_row *r)
{
	int32_t e = member_of(p, r->a);
	int64_t org = r->b;
	if (e < 0 || org < 0 || org >= p->org_map_len || p->org_map[org] < 0)
		return GEOPOL_OK;
	gp_span when = r->when, life = ent_life(p, e);
	if (!clip_spell(&when, GEOPOL_FACT_MEMBERSHIP, r->stage, NULL, &p->org_life[p->org_map[org]],
			&life))
		return GEOPOL_OK;
	pn_mspell *m = GP_GROW(p->m, p->m_cap, p->n_m + 1, 1024);
	if (!m)
		return oom(p->db);
	p->m = m;
	pn_mspell *s = &p->m[p->n_m++];
	s->member = (uint32_t)e;
	s->org = (uint32_t)p->org_map[org];
	s->flo = (int32_t)when.flo;
	s->fhi = (int32_t)when.fhi;
	s->tlo = (int32_t)when.tlo;
	s->thi = (int32_t)when.thi;
	s->pledges = p->read_pledges ? parse_pledges(r->attrs) : 0;
	return GEOPOL_OK;
}

/* Memberships go into bitsets: their order in the window does not matter. */
static void drop_memberships(geopol_panel_iter *p)
{
	size_t n = 0;
	for (size_t i = 0; i < p->n_m; i++)
		if (p->m[i].thi > p->plo)
			p->m[n++] = p->m[i];
	p->n_m = n;
}

/* The value of attribute `attr` in a JSON object: a number, or a numeric
 * string; NaN otherwise. */
static double attr_value(const char *json, const char *attr)
{
	double v = NAN;
	cJSON *o = json ? cJSON_Parse(json) : NULL;
	const cJSON *x = o ? cJSON_GetObjectItemCaseSensitive(o, attr) : NULL;
	if (cJSON_IsNumber(x)) {
		v = x->valuedouble;
	} else if (cJSON_IsString(x)) {
		char *end;
		double d = strtod(x->valuestring, &end);
		if (end != x->valuestring && !*end)
			v = d;
	}
	cJSON_Delete(o);
	return v;
}

/* Room for n relations (with their values) in an array of capacity *cap. */
static int room_for(geopol_panel_iter *p, pn_rspell **r, double **vals, size_t *cap, size_t n)
{
	if (n <= *cap)
		return GEOPOL_OK;
	size_t w = p->n_rv ? p->n_rv : 1;  /* values a relation */
	size_t c = gp_grow_cap(*cap, n, 1024, w * sizeof **vals);
	pn_rspell *a = c ? gp_realloc_n(*r, c, sizeof *a) : NULL;
	if (a)
		*r = a;
	double *v = a ? gp_realloc_n(*vals, c, w * sizeof *v) : NULL;
	if (v)
		*vals = v;
	if (!a || !v)
		return oom(p->db);
	*cap = c;
	return GEOPOL_OK;
}

/* A relation that starts in the period, between the panel's entities: of
 * an asked type, or for the "shared" population of any (it marks a pair). */
static int add_rspell(geopol_panel_iter *p, const gp_panel_row *r)
{
	int32_t a = member_of(p, r->a);
	int32_t b = member_of(p, r->b);
	if (a < 0 || b < 0 || a == b)
		return GEOPOL_OK;
	const char *type = r->text;
	uint32_t match = 0;
	for (size_t k = 0; k < p->n_rv && k < 32; k++)
		if (type && strcmp(p->rv[k].type, type) == 0)
			match |= 1u << k;
	if (!match && p->o.population != GEOPOL_PANEL_SHARED)
		return GEOPOL_OK;
	gp_span when = r->when, la = ent_life(p, a), lb = ent_life(p, b);
	if (!clip_spell(&when, GEOPOL_FACT_RELATION, 0, type, &la, &lb))
		return GEOPOL_OK;
	/* Into the window itself, or with the new ones to merge in. */
	int w = p->new_into_window;
	pn_rspell **arr = w ? &p->r : &p->rn;
	double **vals = w ? &p->rvals : &p->rnvals;
	size_t *n = w ? &p->n_r : &p->n_rn;
	int rc = room_for(p, arr, vals, w ? &p->r_cap : &p->rn_cap, *n + 1);
	if (rc)
		return rc;
	pn_rspell *s = &(*arr)[*n];
	s->a = (uint32_t)a;
	s->b = (uint32_t)b;
	s->match = match;
	s->flo = (int32_t)when.flo;
	s->fhi = (int32_t)when.fhi;
	s->tlo = (int32_t)when.tlo;
	s->thi = (int32_t)when.thi;
	s->id = r->id;
	const char *attrs = r->attrs;
	double *v = *vals + *n * p->n_rv;
	for (size_t k = 0; k < p->n_rv; k++)
		v[k] = (match >> k & 1) && p->rv[k].attr ? attr_value(attrs, p->rv[k].attr) : NAN;
	(*n)++;
	return GEOPOL_OK;
}

static int by_row(const void *x, const void *y)
{
	int64_t a = ((const pn_order *)x)->id, b = ((const pn_order *)y)->id;
	return (a > b) - (a < b);
}

static void drop_relations(geopol_panel_iter *p)
{
	size_t nv = p->n_rv, n = 0;
	for (size_t i = 0; i < p->n_r; i++) {
		if (p->r[i].thi <= p->plo)
			continue;
		p->r[n] = p->r[i];
		memmove(p->rvals + n * nv, p->rvals + i * nv, nv * sizeof *p->rvals);
		n++;
	}
	p->n_r = n;
}

/* Whether a period's sums depend on the order it adds relations in: an
 * attribute's values (doubles) do; the counts (small integers) do not. */
static int order_matters(const geopol_panel_iter *p)
{
	for (size_t k = 0; k < p->n_rv; k++)
		if (p->rv[k].attr)
			return 1;
	return 0;
}

/* Read the relations that start by `hi` into the window. When the order
 * matters, the window is kept in row order: a period adds the values in
 * that order, whatever the span, so a sum comes out to the same bits. */
static int read_relations(geopol_panel_iter *p, int64_t hi)
{
	size_t nv = p->n_rv, n = p->n_r;
	if (!order_matters(p)) {
		p->new_into_window = 1;
		int rc = read_starts(p, GP_PANEL_RELATIONS, hi, add_rspell);
		p->new_into_window = 0;
		return rc;
	}
	p->n_rn = 0;
	int rc = read_starts(p, GP_PANEL_RELATIONS, hi, add_rspell);
	if (rc || !p->n_rn)
		return rc;
	pn_order *order = realloc(p->rorder, p->n_rn * sizeof *order);
	if (!order)
		return oom(p->db);
	p->rorder = order;
	for (size_t i = 0; i < p->n_rn; i++) {
		order[i].id = p->rn[i].id;
		order[i].i = (uint32_t)i;
	}
	qsort(order, p->n_rn, sizeof *order, by_row);
	if ((rc = room_for(p, &p->r, &p->rvals, &p->r_cap, n + p->n_rn)))
		return rc;
	/* Merge from the end: the slot written is never one still to read. */
	size_t i = n, j = p->n_rn, k = n + p->n_rn;
	while (j > 0) {
		const pn_order *x = &order[j - 1];
		k--;
		if (i > 0 && p->r[i - 1].id > x->id) {
			i--;
			p->r[k] = p->r[i];
			memmove(p->rvals + k * nv, p->rvals + i * nv, nv * sizeof *p->rvals);
		} else {
			j--;
			p->r[k] = p->rn[x->i];
			memcpy(p->rvals + k * nv, p->rnvals + (size_t)x->i * nv, nv * sizeof *p->rvals);
		}
	}
	p->n_r = n + p->n_rn;
	return GEOPOL_OK;
}

/* The windows for the current period: the rows that ended leave; at the
 * first period of a chunk, the rows that start in the chunk join. */
static int window_advance(geopol_panel_iter *p)
{
	drop_memberships(p);
	if (p->read_relations)
		drop_relations(p);
	if (p->phi <= p->read_to)
		return GEOPOL_OK;
	int per = p->o.period == GEOPOL_PANEL_YEAR ? PN_CHUNK_YEARS : 12 * PN_CHUNK_YEARS;
	int last = p->period_index + per - 1;
	int64_t lo, hi;
	period_days(p, last < p->n_periods ? last : p->n_periods - 1, &lo, &hi, NULL);
	int rc = read_starts(p, p->read_pledges ? GP_PANEL_PLEDGES : GP_PANEL_MEMBERSHIPS, hi,
			     add_mspell);
	if (!rc && p->read_relations)
		rc = read_relations(p, hi);
	p->read_to = hi;
	return rc;
}

/* ---- periods */

/* Certainty of a membership, relation or entity interval in the current
 * period, by the panel's rule. */
static int rule_certainty(const geopol_panel_iter *p, int64_t flo, int64_t fhi, int64_t tlo, int64_t thi)
{
	int c;
	if (p->o.rule == GEOPOL_PANEL_ANY_DAY) {
		c = gp_panel_certainty_some_day(flo, fhi, tlo, thi, p->plo, p->phi);
	} else {
		/* 1 July of a year, the 15th of a month */
		int64_t mid = p->plo + (p->o.period == GEOPOL_PANEL_YEAR
			? (p->phi - p->plo == 365 ? 182 : 181) : 14);
		c = gp_certainty(flo, fhi, tlo, thi, mid, mid);
	}
	return c == GEOPOL_POSSIBLE && p->definite_only ? 0 : c;
}

/* ---- per-unit sums */

static uint64_t pair_key(uint32_t x, uint32_t y)
{
	return x < y ? (uint64_t)x << 32 | y : (uint64_t)y << 32 | x;
}

static double *sums_find(const geopol_panel_iter *p, uint64_t key)
{
	const uint64_t *off = gp_map_get(&p->sums, key);
	return off ? p->pool + *off : NULL;
}

/* The sums of a unit (2 entries a slot: from the key's first entity, and
 * towards it), made on first use; NULL when out of memory. */
static double *sums_get(geopol_panel_iter *p, uint64_t key)
{
	double *s = sums_find(p, key);
	if (s)
		return s;
	/* A unit with no slot still needs an address: it marks the unit. */
	size_t w = (size_t)(p->n_slots ? p->n_slots : 1) * 2;
	if (p->pool_n + w > p->pool_cap) {
		double *n = GP_GROW(p->pool, p->pool_cap, p->pool_n + w, 4096);
		if (!n)
			return NULL;
		p->pool = n;
	}
	if (gp_map_put(&p->sums, key, p->pool_n))
		return NULL;
	s = p->pool + p->pool_n;
	memset(s, 0, w * sizeof *s);
	p->pool_n += w;
	return s;
}

static void sums_clear(geopol_panel_iter *p)
{
	gp_map_clear(&p->sums);
	p->pool_n = 0;
}

/* Add v to slot s of a unit: in direction d (0 from the key's first
 * entity, 1 towards it), or both entries when undirected (d < 0). */
static void add_to(double *sums, int s, int d, double v)
{
	if (s < 0)
		return;
	if (d <= 0)
		sums[2 * s] += v;
	if (d != 0)
		sums[2 * s + 1] += v;
}

/* ---- one period's data */

static void period_memberships(geopol_panel_iter *p)
{
	size_t n = p->n_ent * p->words;
	memset(p->def, 0, n * sizeof *p->def);
	memset(p->any, 0, n * sizeof *p->any);
	if (p->read_pledges) {
		memset(p->pdef, 0, N_OBLIGATIONS * n * sizeof *p->pdef);
		memset(p->pany, 0, N_OBLIGATIONS * n * sizeof *p->pany);
	}
	for (size_t i = 0; i < p->n_m; i++) {
		const pn_mspell *s = &p->m[i];
		int c = rule_certainty(p, s->flo, s->fhi, s->tlo, s->thi);
		if (!c)
			continue;
		size_t w = (size_t)s->member * p->words + s->org / 64;
		uint64_t bit = 1ull << (s->org % 64);
		p->any[w] |= bit;
		if (c == GEOPOL_DEFINITE)
			p->def[w] |= bit;
		for (int k = 0; k < N_OBLIGATIONS && s->pledges; k++) {
			if (!(s->pledges >> k & 1))
				continue;
			size_t pw = (size_t)k * n + w;
			p->pany[pw] |= bit;
			if (c == GEOPOL_DEFINITE)
				p->pdef[pw] |= bit;
		}
	}
}

static int period_relations(geopol_panel_iter *p)
{
	for (size_t i = 0; i < p->n_r; i++) {
		const pn_rspell *s = &p->r[i];
		int c = rule_certainty(p, s->flo, s->fhi, s->tlo, s->thi);
		if (!c)
			continue;
		/* dyads: one key a pair; states: each side its own key, the
		 * a side "from", the b side "towards" */
		int nkeys = is_state_unit(p) ? 2 : 1;
		for (int k = 0; k < nkeys; k++) {
			uint64_t key = is_state_unit(p) ? (k ? s->b : s->a) : pair_key(s->a, s->b);
			double *sums = sums_get(p, key);
			if (!sums)
				return oom(p->db);
			int from_first = is_state_unit(p) ? k == 0 : s->a < s->b;
			for (size_t v = 0; v < p->n_rv; v++) {
				if (!(s->match >> v & 1))
					continue;
				const pn_rvar *rv = &p->rv[v];
				int d = rv->directed ? (from_first ? 0 : 1) : -1;
				add_to(sums, c == GEOPOL_DEFINITE ? rv->slot_def : rv->slot_poss, d, 1);
				double x = p->rvals[i * p->n_rv + v];
				if (rv->slot_sum >= 0 && !isnan(x))
					add_to(sums, c == GEOPOL_DEFINITE ? rv->slot_sum : rv->slot_sum_poss,
					       d, x);
			}
		}
	}
	return GEOPOL_OK;
}

/* What one event adds, in one direction, to a unit's sums. */
static void add_directed(const geopol_panel_iter *p, double *sums, int d, int quad, int root, double g)
{
	if (p->s_quad >= 0 && quad)
		add_to(sums, p->s_quad + quad - 1, d, 1);
	if (p->s_root >= 0 && root)
		add_to(sums, p->s_root + root - 1, d, 1);
	if (p->s_gsum >= 0 && !isnan(g)) {
		add_to(sums, p->s_gsum, d, g);
		add_to(sums, p->s_gn, d, 1);
	}
}

#define SRC (1u << (GEOPOL_ACTOR_SOURCE - 1))
#define TGT (1u << (GEOPOL_ACTOR_TARGET - 1))

/* Add the gathered event (its actors in p->actors) to the sums. Its date
 * counts in the period as the period's days lie around it: definite when
 * every day the date may stand for is in the period. */
static int flush_event(geopol_panel_iter *p, const char *type, int stored_quad, int64_t flo,
		       int64_t fhi, double g)
{
	if (!p->n_actors)
		return GEOPOL_OK;
	int c = gp_certainty(p->plo, p->plo, p->phi + 1, p->phi + 1, flo, fhi);
	if (!c || (c == GEOPOL_POSSIBLE && p->definite_only))
		return GEOPOL_OK;
	int definite = c == GEOPOL_DEFINITE;
	/* The dataset's own QuadClass (GDELT), else the class of the root. */
	int quad = stored_quad >= 1 && stored_quad <= 4 ? stored_quad : gp_panel_quad(type);
	int root = gp_panel_root(type);
	for (size_t i = 0; i < p->n_actors; i++) {
		const pn_actor *x = &p->actors[i];
		if (is_state_unit(p)) {
			double *s = sums_get(p, x->ent);
			if (!s)
				return oom(p->db);
			add_to(s, definite ? p->s_events : p->s_evposs, 0, 1);
			if (definite && (x->roles & SRC))
				add_directed(p, s, 0, quad, root, g);
			if (definite && (x->roles & TGT))
				add_directed(p, s, 1, quad, root, g);
			continue;
		}
		for (size_t j = i + 1; j < p->n_actors; j++) {
			const pn_actor *y = &p->actors[j];
			double *s = sums_get(p, pair_key(x->ent, y->ent));
			if (!s)
				return oom(p->db);
			add_to(s, definite ? p->s_events : p->s_evposs, -1, 1);
			if (!definite)
				continue;
			/* direction 0: from the key's first (lower) entity */
			int x_first = x->ent < y->ent;
			if ((x->roles & SRC) && (y->roles & TGT))
				add_directed(p, s, x_first ? 0 : 1, quad, root, g);
			if ((y->roles & SRC) && (x->roles & TGT))
				add_directed(p, s, x_first ? 1 : 0, quad, root, g);
		}
	}
	p->n_actors = 0;
	return GEOPOL_OK;
}

static int add_actor(geopol_panel_iter *p, int32_t ent, int role)
{
	for (size_t i = 0; i < p->n_actors; i++)
		if (p->actors[i].ent == (uint32_t)ent) {
			p->actors[i].roles |= 1u << (role - 1);
			return GEOPOL_OK;
		}
	pn_actor *n = GP_GROW(p->actors, p->actors_cap, p->n_actors + 1, 8);
	if (!n)
		return oom(p->db);
	p->actors = n;
	p->actors[p->n_actors].ent = (uint32_t)ent;
	p->actors[p->n_actors].roles = 1u << (role - 1);
	p->n_actors++;
	return GEOPOL_OK;
}

static int period_events(geopol_panel_iter *p)
{
	gp_panel_query q = {.what = GP_PANEL_EVENTS, .dlo = p->plo, .dhi = p->phi, .k = p->k,
			    .defonly = p->definite_only};
	gp_panel_cursor *c;
	int err = gp_store_of(p->db)->panel(&c, p->db, &q);
	if (err)
		return err;
	gp_panel_row r;
	while (!(err = c->next(c, &r))) {
		p->n_actors = 0;
		for (size_t i = 0; i < r.n_actors && !err; i++) {
			int32_t e = member_of(p, r.actors[i].entity);
			int role = r.actors[i].role;
			if (e >= 0 && role >= 1 && role <= 4)
				err = add_actor(p, e, role);
		}
		if (err || (err = flush_event(p, r.text ? r.text : "", r.quad, r.when.flo, r.when.fhi,
					      r.value)))
			break;
	}
	gp_panel_cursor_free(c);
	return err == GEOPOL_ITEROVER ? GEOPOL_OK : err;
}

/* The entities the period's units are made of: alive, by code. */
static void period_candidates(geopol_panel_iter *p)
{
	p->n_cand = 0;
	for (size_t i = 0; i < p->n_ent; i++) {
		if (p->o.population == GEOPOL_PANEL_LIST ? !p->listed[i]
							 : p->ent_kind[i] != GEOPOL_KIND_STATE)
			continue;
		const int32_t *w = p->ent_when[i];
		if (rule_certainty(p, w[0], w[1], w[2], w[3]))
			p->cand[p->n_cand++] = (uint32_t)i;
	}
}

static int period_start(geopol_panel_iter *p)
{
	period_days(p, p->period_index, &p->plo, &p->phi, p->label);
	sums_clear(p);
	int rc = window_advance(p);
	if (rc)
		return rc;
	period_memberships(p);
	period_candidates(p);
	if (p->read_relations)
		rc = period_relations(p);
	if (!rc && p->read_events)
		rc = period_events(p);
	p->ci = 0;
	p->cj = 0;
	p->in_period = 1;
	return rc;
}

/* ---- rows */

static int popc_and(const uint64_t *x, const uint64_t *y, const uint64_t *mask, size_t words)
{
	int n = 0;
	for (size_t w = 0; w < words; w++)
		n += __builtin_popcountll(x[w] & y[w] & (mask ? mask[w] : ~0ull));
	return n;
}

static int popc_own(const uint64_t *x, const uint64_t *mask, size_t words)
{
	return popc_and(x, x, mask, words);
}

static double col_value(const geopol_panel_iter *p, const pn_col *c, uint32_t a, uint32_t b,
			const double *sums, int a_first)
{
	size_t W = p->words;
	const uint64_t *mask = c->mask >= 0 ? p->masks + (size_t)c->mask * W : NULL;
	switch (c->kind) {
	case PV_SHARED: {
		int def = popc_and(p->def + a * W, p->def + b * W, mask, W);
		int any = popc_and(p->any + a * W, p->any + b * W, mask, W);
		if (c->flag)
			return c->possible ? (def == 0 && any > 0) : def > 0;
		return c->possible ? any - def : def;
	}
	case PV_OWN: {
		uint32_t e = c->side ? b : a;
		int def = popc_own(p->def + e * W, mask, W);
		int any = popc_own(p->any + e * W, mask, W);
		return c->possible ? any - def : def;
	}
	case PV_PLEDGE: {
		/* A pledge from x (the row's a, or b for _ba) to y: x's pledging
		 * membership and y's membership, in one alliance. */
		uint32_t x = c->dir == 1 ? b : a, y = c->dir == 1 ? a : b;
		size_t off = (size_t)c->side * p->n_ent * W;
		const uint64_t *pd = p->pdef + off + x * W, *pa = p->pany + off + x * W;
		int def = c->flag ? popc_and(pd, p->def + y * W, NULL, W) : popc_own(pd, NULL, W);
		int any = c->flag ? popc_and(pa, p->any + y * W, NULL, W) : popc_own(pa, NULL, W);
		if (c->flag)
			return c->possible ? (def == 0 && any > 0) : def > 0;
		return c->possible ? any - def : def;
	}
	default:
		break;
	}
	if (!sums)
		return c->kind == PV_MEAN ? NAN : 0;
	/* Entry 0 of a slot is from the key's first entity: for the row's
	 * direction, flip when the row's a is not that entity. */
	int e = c->dir < 0 ? 0 : (a_first ? c->dir : 1 - c->dir);
	switch (c->kind) {
	case PV_SUM:
		return sums[2 * (c->possible ? c->slot2 : c->slot) + e];
	case PV_FLAG: {
		double def = sums[2 * c->slot + e], poss = sums[2 * c->slot2 + e];
		return c->possible ? (def == 0 && poss > 0) : def > 0;
	}
	case PV_MEAN: {
		double n = sums[2 * c->slot2 + e];
		return n > 0 ? sums[2 * c->slot + e] / n : NAN;
	}
	}
	return NAN;
}

/* Whether the dyad (a, b) belongs to the period's population. */
static int dyad_in(const geopol_panel_iter *p, uint32_t a, uint32_t b, const double **sums)
{
	if (p->o.n_focus && !p->focus[a] && !p->focus[b])
		return 0;
	*sums = sums_find(p, pair_key(a, b));
	if (p->o.population != GEOPOL_PANEL_SHARED || *sums)
		return 1;
	size_t W = p->words;
	return popc_and(p->any + a * W, p->any + b * W, NULL, W) > 0;
}

/* The next unit of the period: 1 with (a, b) set (b = a for states), 0
 * when the period has no more. */
static int next_unit(geopol_panel_iter *p, uint32_t *a, uint32_t *b, const double **sums)
{
	int unit = p->o.unit;
	while (p->ci < p->n_cand) {
		uint32_t x = p->cand[p->ci];
		if (unit == GEOPOL_PANEL_STATE) {
			p->ci++;
			if (p->o.n_focus && !p->focus[x])
				continue;
			*a = *b = x;
			*sums = sums_find(p, x);
			return 1;
		}
		if (p->cj == 0)
			p->cj = unit == GEOPOL_PANEL_DYAD ? p->ci + 1 : 0;
		while (p->cj < p->n_cand) {
			uint32_t y = p->cand[p->cj++];
			if (y == x)
				continue;
			if (dyad_in(p, x, y, sums)) {
				*a = x;
				*b = y;
				return 1;
			}
		}
		p->ci++;
		p->cj = 0;
	}
	return 0;
}

int geopol_panel_next(geopol_panel_iter *p, const geopol_panel_row **row)
{
	if (!p || !row)
		return GEOPOL_EMISUSE;
	for (;;) {
		if (!p->in_period) {
			if (p->period_index >= p->n_periods)
				return GEOPOL_ITEROVER;
			int rc = period_start(p);
			if (rc)
				return rc;
		}
		uint32_t a, b;
		const double *sums;
		if (!next_unit(p, &a, &b, &sums)) {
			p->in_period = 0;
			p->period_index++;
			continue;
		}
		int a_first = is_state_unit(p) || a < b;
		for (size_t i = 0; i < p->n_cols; i++)
			p->values[i] = col_value(p, &p->cols[i], a, b, sums, a_first);
		p->row.period = p->label;
		p->row.a = p->ent_code[a];
		p->row.b = is_state_unit(p) ? NULL : p->ent_code[b];
		p->row.values = p->values;
		p->row.n_values = p->n_cols;
		*row = &p->row;
		return GEOPOL_OK;
	}
}

/* ---- construction */

static int check_options(geopol_db *db, const geopol_panel_options *o)
{
	if (gp_check_version(db, "geopol_panel_options", o, GEOPOL_PANEL_OPTIONS_VERSION))
		return GEOPOL_EMISUSE;
	if (o->unit < GEOPOL_PANEL_STATE || o->unit > GEOPOL_PANEL_DIRECTED_DYAD)
		return gp_error(db, GEOPOL_EINVAL, "panel: unknown unit %d", o->unit);
	if (o->period != GEOPOL_PANEL_YEAR && o->period != GEOPOL_PANEL_MONTH)
		return gp_error(db, GEOPOL_EINVAL, "panel: unknown period %d", o->period);
	if (o->rule != GEOPOL_PANEL_MIDPOINT && o->rule != GEOPOL_PANEL_ANY_DAY)
		return gp_error(db, GEOPOL_EINVAL, "panel: unknown rule %d", o->rule);
	if (o->population < GEOPOL_PANEL_ALL || o->population > GEOPOL_PANEL_SHARED)
		return gp_error(db, GEOPOL_EINVAL, "panel: unknown population %d", o->population);
	if (o->population == GEOPOL_PANEL_SHARED && o->unit == GEOPOL_PANEL_STATE)
		return gp_error(db, GEOPOL_EINVAL, "panel: the 'shared' population is of dyads; "
				"for states use 'all' or 'list'");
	if (o->population == GEOPOL_PANEL_LIST && !o->n_codes)
		return gp_error(db, GEOPOL_EINVAL, "panel: the 'list' population needs codes");
	if (!o->from.precision || !o->to.precision)
		return gp_error(db, GEOPOL_EINVAL, "panel: the span needs a start and an end");
	if (o->to.day <= o->from.day)
		return gp_error(db, GEOPOL_EINVAL, "panel: the span ends before it starts");
	return GEOPOL_OK;
}

static int count_periods(geopol_panel_iter *p)
{
	/* The periods that begin in [from, to): the first begins at from's
	 * year (or month), rounded up when from lies inside it. */
	int y, m, d;
	geopol_date_to_ymd(p->o.from.day, &y, &m, &d);
	geopol_date first;
	if (p->o.period == GEOPOL_PANEL_YEAR)
		geopol_date_from_ymd(&first, (m == 1 && d == 1) ? y : y + 1, 0, 0);
	else
		geopol_date_from_ymd(&first, d == 1 ? y : y + (m == 12), d == 1 ? m : m % 12 + 1, 0);
	p->o.from = first;
	p->n_periods = 0;
	for (;;) {
		int64_t lo, hi;
		period_days(p, p->n_periods, &lo, &hi, NULL);
		if (lo >= p->o.to.day)
			break;
		if (++p->n_periods > 12 * 10000)
			return gp_error(p->db, GEOPOL_EINVAL, "panel: too many periods");
	}
	return GEOPOL_OK;
}

static int make_rule_text(geopol_panel_iter *p, const geopol_query *q)
{
	static const char *const units[] = {"", "state", "dyad", "directed-dyad"};
	static const char *const notes[] = {"", "", " (undirected: a before b by code)", ""};
	static const char *const pops[] = {"", "all", "list", "shared (pairs that share a fact)"};
	int year = p->o.period == GEOPOL_PANEL_YEAR;
	char known[64] = "current knowledge";
	if (q && q->known_at) {
		geopol_date epoch;
		geopol_date_from_ymd(&epoch, 1970, 1, 1);
		geopol_date k = {epoch.day + (int32_t)(q->known_at / 86400000000LL), GEOPOL_DATE_DAY};
		char buf[GEOPOL_DATE_BUFSIZE];
		geopol_date_format(k, buf, sizeof buf);
		snprintf(known, sizeof known, "as known on %s", buf);
	}
	char span[64] = "";
	if (p->n_periods) {
		char a[GEOPOL_DATE_BUFSIZE], b[GEOPOL_DATE_BUFSIZE];
		int64_t lo, hi;
		period_days(p, 0, &lo, &hi, a);
		period_days(p, p->n_periods - 1, &lo, &hi, b);
		snprintf(span, sizeof span, "%s to %s", a, b);
	}
	const char *rule = p->o.rule == GEOPOL_PANEL_ANY_DAY
		? (year ? "on any day of the year" : "on any day of the month")
		: (year ? "on 1 July" : "on the 15th");
	char buf[640];
	snprintf(buf, sizeof buf,
		 "unit=%s-%s%s; population=%s; periods=%s; rule: a membership or relation counts "
		 "when it holds %s, an event in the %s its date falls in; certainty: %s; %s",
		 units[p->o.unit], year ? "year" : "month", notes[p->o.unit], pops[p->o.population],
		 span, rule,
		 year ? "year" : "month",
		 p->definite_only ? "definite facts only"
				  : "definite facts in each column, possible-only ones in its _possible column",
		 known);
	p->rule_text = dupstr(buf);
	return p->rule_text ? GEOPOL_OK : oom(p->db);
}

int geopol_panel(geopol_panel_iter **out, geopol_db *db, const geopol_panel_options *opts,
		 const geopol_query *q)
{
	if (!out || !db || !opts)
		return GEOPOL_EMISUSE;
	*out = NULL;
	gp_clear_error(db);
	gp_q d;
	int rc = gp_query_defaults(db, &d, q);
	if (rc || (rc = check_options(db, opts)))
		return rc;
	geopol_panel_iter *p = calloc(1, sizeof *p);
	if (!p)
		return oom(db);
	p->qd = d;
	p->db = db;
	/* The rows are read as the periods go: keep the coding asked. */
	if (d.coding && !(p->qd.coding = p->coding = dupstr(d.coding))) {
		free(p);
		return oom(db);
	}
	p->o = *opts;
	p->k = d.known_at;
	p->definite_only = (d.flags & GEOPOL_DEFINITE_ONLY) != 0;
	p->s_events = p->s_evposs = p->s_quad = p->s_root = p->s_gsum = p->s_gn = -1;
	if ((rc = count_periods(p)) || (rc = load_entities(p)))
		goto fail;
	for (size_t i = 0; i < opts->n_vars && !rc; i++)
		rc = parse_var(p, opts->vars[i]);
	if (rc)
		goto fail;
	if (p->n_rv > 32) {
		rc = gp_error(db, GEOPOL_EINVAL, "panel: at most 32 relation variables");
		goto fail;
	}
	if (opts->population == GEOPOL_PANEL_SHARED)
		p->read_relations = p->read_events = 1;
	p->read_to = INT64_MIN;
	size_t nb = p->read_pledges ? N_OBLIGATIONS * p->n_ent * p->words + 1 : 1;
	p->pdef = calloc(nb, sizeof *p->pdef);
	p->pany = calloc(nb, sizeof *p->pany);
	p->def = calloc(p->n_ent * p->words + 1, sizeof *p->def);
	p->any = calloc(p->n_ent * p->words + 1, sizeof *p->any);
	p->cand = malloc((p->n_ent + 1) * sizeof *p->cand);
	p->values = malloc((p->n_cols + 1) * sizeof *p->values);
	p->col_names = malloc((p->n_cols + 1) * sizeof *p->col_names);
	if (!p->def || !p->any || !p->pdef || !p->pany || !p->cand || !p->values || !p->col_names) {
		rc = oom(db);
		goto fail;
	}
	for (size_t i = 0; i < p->n_cols; i++)
		p->col_names[i] = p->cols[i].name;
	if ((rc = make_rule_text(p, q)))
		goto fail;
	*out = p;
	return GEOPOL_OK;
fail:
	geopol_panel_free(p);
	return rc;
}

void gp_panel_keys(const geopol_panel_iter *p, const char **period, int *states, geopol_db **db)
{
	*period = p->o.period == GEOPOL_PANEL_YEAR ? "year" : "month";
	*states = is_state_unit(p);
	*db = p->db;
}

size_t geopol_panel_columns(const geopol_panel_iter *p, const char *const **names)
{
	if (names)
		*names = p ? p->col_names : NULL;
	return p ? p->n_cols : 0;
}

const char *geopol_panel_rule_text(const geopol_panel_iter *p)
{
	return p && p->rule_text ? p->rule_text : "";
}

void geopol_panel_free(geopol_panel_iter *p)
{
	if (!p)
		return;
	for (size_t i = 0; i < p->n_ent; i++)
		free(p->ent_code[i]);
	for (size_t i = 0; i < p->n_cols; i++)
		free(p->cols[i].name);
	for (size_t i = 0; i < p->n_rv; i++)
		free(p->rv[i].type);
	free(p->ent_id);
	free(p->ent_code);
	free(p->ent_kind);
	free(p->ent_when);
	free(p->ent_map);
	free(p->listed);
	free(p->focus);
	for (size_t i = 0; i < p->n_org; i++)
		free(p->org_subkind[i]);
	free(p->org_id);
	free(p->org_life);
	free(p->org_subkind);
	free(p->org_map);
	free(p->masks);
	free(p->m);
	free(p->rv);
	free(p->r);
	free(p->rvals);
	free(p->rn);
	free(p->rnvals);
	free(p->rorder);
	free(p->coding);
	free(p->cols);
	free(p->col_names);
	free(p->rule_text);
	free(p->def);
	free(p->any);
	free(p->pdef);
	free(p->pany);
	free(p->cand);
	gp_map_free(&p->sums);
	free(p->pool);
	free(p->actors);
	free(p->values);
	free(p);
}
