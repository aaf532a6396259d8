/*
 * country_map.c - the country tables the dataset importers map through, and
 * the resolution of COW numbers, ISO codes and country names to entities.
 *
 * The tables are generated at build time (tools/make_country_tables.c) from
 * the data they must agree with: gp_cow_states, the 217 states of COW State
 * System Membership v2016 with their abbreviation, the column name the COW
 * IGO data v3 gives them (data/cow-states.tsv) and their ISO 3166 alpha-3
 * code where one exists (data/10-states.json's "cow" ids, plus GFR -> DEU).
 * States with no ISO code (Bavaria, Korea before 1905, the Republic of
 * Vietnam...) become COW:<n>. gp_iso_countries: ISO 3166-1 and the
 * withdrawn states (ISO 3166-3) of data/10-states.json, with its English
 * names from the Debian iso-codes package. gp_country_aliases:
 * data/country-aliases.tsv. tests/check_country_map.c holds them to the
 * dataset and to the COW files.
 */
#include "io/dataset_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const gp_cow_state *gp_cow_state_by_code(int ccode)
{
	size_t lo = 0, hi = gp_n_cow_states;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		if (gp_cow_states[mid].ccode == ccode)
			return &gp_cow_states[mid];
		if (gp_cow_states[mid].ccode < ccode)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

const gp_cow_state *gp_cow_state_by_column(const char *column)
{
	for (size_t i = 0; i < gp_n_cow_states; i++)
		if (strcmp(gp_cow_states[i].igo_column, column) == 0)
			return &gp_cow_states[i];
	return NULL;
}

const gp_iso_country *gp_iso_by_alpha3(const char *alpha3)
{
	size_t lo = 0, hi = gp_n_iso_countries;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		int c = strcmp(gp_iso_countries[mid].alpha3, alpha3);
		if (c == 0)
			return &gp_iso_countries[mid];
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

/* ASCII letters and digits, lowercased; everything else dropped. Enough to
 * match the English spellings of the table ("Moldova, Republic of"). */
static void fold(const char *s, char *out, size_t size)
{
	size_t n = 0;
	for (; *s && n + 1 < size; s++) {
		char ch = *s;
		if (ch >= 'A' && ch <= 'Z')
			out[n++] = (char)(ch - 'A' + 'a');
		else if ((ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9'))
			out[n++] = ch;
	}
	out[n] = '\0';
}

static int same_name(const char *key, const char *name)
{
	char buf[128];
	if (!name)
		return 0;
	fold(name, buf, sizeof buf);
	return strcmp(key, buf) == 0;
}

const gp_iso_country *gp_iso_by_name(const char *name)
{
	char key[128];
	fold(name, key, sizeof key);
	if (!key[0])
		return NULL;
	for (size_t i = 0; i < gp_n_country_aliases; i++)
		if (same_name(key, gp_country_aliases[i].name))
			return gp_iso_by_alpha3(gp_country_aliases[i].alpha3);
	for (size_t i = 0; i < gp_n_iso_countries; i++) {
		const gp_iso_country *c = &gp_iso_countries[i];
		if (same_name(key, c->name) || same_name(key, c->common) || same_name(key, c->official))
			return c;
	}
	return NULL;
}

/* ---- the resolver */

#define COW_MAX 10000
#define NAME_CACHE 2048
#define CODE_SIZE 24

enum { UNSEEN = 0, KNOWN = 1, NONE = 2 };

struct gp_resolver {
	geopol_db *db;
	char cow_code[COW_MAX][CODE_SIZE];
	int64_t cow_id[COW_MAX];
	unsigned char iso_state[26 * 26 * 26];
	struct {
		char name[64];
		char code[CODE_SIZE];
		int found;
	} names[NAME_CACHE];
	size_t n_names;
	char transient[CODE_SIZE];
};

int gp_resolver_new(gp_resolver **out, geopol_db *db)
{
	*out = calloc(1, sizeof **out);
	if (!*out)
		return gp_oom(db);
	(*out)->db = db;
	return GEOPOL_OK;
}

void gp_resolver_free(gp_resolver *r)
{
	free(r);
}

static int entity_code_of(geopol_db *db, int64_t id, char *out)
{
	gp_look q = {.what = GP_LOOK_ENTITY, .id = id};
	int found, rc = gp_look_one(db, &q, NULL, out, CODE_SIZE, &found);
	if (!rc && !found)
		return gp_error(db, GEOPOL_EDB, "looking up an entity: entity %lld is not stored",
				(long long)id);
	return rc;
}

/* Add an entity with an English name; the name cites nothing (it comes
 * from this file's tables, not from the dataset being read). */
static int make_entity(geopol_db *db, const char *code, int kind, const char *subkind,
		       const char *name)
{
	geopol_entity_spec e = GEOPOL_ENTITY_SPEC_INIT;
	e.code = code;
	e.kind = kind;
	e.subkind = subkind;
	int rc = gp_entity_add(db, &e);
	if (rc < 0)
		return rc;
	if (name && *name) {
		geopol_name_spec n = GEOPOL_NAME_SPEC_INIT;
		n.entity = code;
		n.text = name;
		n.lang = "en";
		n.kind = GEOPOL_NAME_SHORT;
		int64_t fact;
		int nrc = gp_name_add(db, &n, 0, &fact);
		if (nrc < 0)
			return nrc;
	}
	return rc;
}

int gp_resolve_cow(gp_resolver *r, int ccode, const char *abb, const char *name,
		   const char **code, int64_t *id, int *created)
{
	geopol_db *db = r->db;
	int rc;
	if (created)
		*created = 0;
	if (ccode <= 0 || ccode >= COW_MAX)
		return gp_error(db, GEOPOL_EINVAL, "COW state number %d out of range", ccode);
	if (r->cow_id[ccode]) {
		*code = r->cow_code[ccode];
		if (id)
			*id = r->cow_id[ccode];
		return GEOPOL_OK;
	}
	const gp_cow_state *t = gp_cow_state_by_code(ccode);
	char num[16];
	snprintf(num, sizeof num, "%d", ccode);
	int64_t eid = gp_xref_lookup(db, "cow", num);
	char *buf = r->cow_code[ccode];
	if (eid) {
		if ((rc = entity_code_of(db, eid, buf)))
			return rc;
	} else {
		if (t && t->iso3)
			snprintf(buf, CODE_SIZE, "%s", t->iso3);
		else
			snprintf(buf, CODE_SIZE, "COW:%d", ccode);
		rc = gp_entity_id(db, buf, "entity", &eid);
		if (rc == GEOPOL_ENOTFOUND) {
			char fallback[40];
			snprintf(fallback, sizeof fallback, "COW state %d", ccode);
			rc = make_entity(db, buf, GEOPOL_KIND_STATE, NULL,
					 name ? name : t ? t->name : fallback);
			if (rc < 0 || (rc = gp_entity_id(db, buf, "entity", &eid)))
				return rc;
			if (created)
				*created = 1;
		} else if (rc) {
			return rc;
		}
		if ((rc = gp_xref_add(db, buf, "cow", num)) < 0)
			return rc;
	}
	if (!abb && t)
		abb = t->abb;
	/* The abbreviation is a courtesy: if another entity holds it already
	 * (a dataset that maps it differently), keep that one. */
	if (abb && *abb && !gp_xref_lookup(db, "cow-abb", abb) &&
	    (rc = gp_xref_add(db, buf, "cow-abb", abb)) < 0)
		return rc;
	r->cow_id[ccode] = eid;
	*code = buf;
	if (id)
		*id = eid;
	return GEOPOL_OK;
}

static int iso_index(const char *a)
{
	int idx = 0;
	for (int i = 0; i < 3; i++) {
		if (a[i] < 'A' || a[i] > 'Z')
			return -1;
		idx = idx * 26 + (a[i] - 'A');
	}
	return a[3] == '\0' ? idx : -1;
}

int gp_resolve_iso(gp_resolver *r, const char *alpha3, const char **code)
{
	*code = NULL;
	int idx = iso_index(alpha3);
	if (idx < 0)
		return GEOPOL_OK;
	const gp_iso_country *c = NULL;
	if (r->iso_state[idx] == NONE)
		return GEOPOL_OK;
	c = gp_iso_by_alpha3(alpha3);
	if (!c) {
		r->iso_state[idx] = NONE;
		return GEOPOL_OK;
	}
	if (r->iso_state[idx] == UNSEEN) {
		int64_t id;
		int rc = gp_entity_id(r->db, c->alpha3, "entity", &id);
		if (rc == GEOPOL_ENOTFOUND)
			rc = make_entity(r->db, c->alpha3, c->state ? GEOPOL_KIND_STATE : GEOPOL_KIND_OTHER,
					 c->state ? NULL : "territory", c->common ? c->common : c->name);
		if (rc < 0)
			return rc;
		r->iso_state[idx] = KNOWN;
	}
	*code = c->alpha3;
	return GEOPOL_OK;
}

/* The states a name names: how many, and the first one's code. */
typedef struct state_codes {
	char *out;
	int n;
} state_codes;

static int count_state(void *ctx, const gp_look_row *r)
{
	state_codes *s = ctx;
	if (s->n++ == 0)
		snprintf(s->out, CODE_SIZE, "%s", r->text);
	return 0;
}

/* A state whose English name has this search key, if exactly one. */
static int lookup_name(geopol_db *db, const char *name, char *out, int *found)
{
	char *key = NULL;
	*found = 0;
	if (gp_normalize(name, strlen(name), &key))
		return GEOPOL_OK; /* not valid UTF-8: no match, the caller reports */
	gp_look q = {.what = GP_LOOK_NAMED, .key = key, .kind = GEOPOL_KIND_STATE};
	state_codes s = {.out = out};
	int rc = gp_store_of(db)->look(db, &q, count_state, &s);
	free(key);
	if (rc)
		return rc;
	*found = s.n == 1;
	return GEOPOL_OK;
}

int gp_resolve_country_name(gp_resolver *r, const char *name, const char **code)
{
	*code = NULL;
	for (size_t i = 0; i < r->n_names; i++)
		if (strcmp(r->names[i].name, name) == 0) {
			*code = r->names[i].found ? r->names[i].code : NULL;
			return GEOPOL_OK;
		}
	char found_code[CODE_SIZE] = "";
	int found = 0, rc;
	const gp_iso_country *c = gp_iso_by_name(name);
	if (c) {
		const char *iso;
		if ((rc = gp_resolve_iso(r, c->alpha3, &iso)))
			return rc;
		if (iso) {
			snprintf(found_code, sizeof found_code, "%s", iso);
			found = 1;
		}
	} else if ((rc = lookup_name(r->db, name, found_code, &found))) {
		return rc;
	}
	if (r->n_names < NAME_CACHE && strlen(name) < sizeof r->names[0].name) {
		size_t i = r->n_names++;
		snprintf(r->names[i].name, sizeof r->names[i].name, "%s", name);
		snprintf(r->names[i].code, sizeof r->names[i].code, "%s", found_code);
		r->names[i].found = found;
		*code = found ? r->names[i].code : NULL;
		return GEOPOL_OK;
	}
	/* Not cached (a long name, or a full cache): a transient answer. */
	snprintf(r->transient, sizeof r->transient, "%s", found_code);
	*code = found ? r->transient : NULL;
	return GEOPOL_OK;
}
