/*
 * params.c - a question's options with their defaults filled in (gp_q,
 * gp_query_defaults), the rule of the memberships it sees, and the named
 * parameters of its SQL bound from a gp_params: what the query front end,
 * the SQLite store and the in-memory index share.
 */
#include "store/params.h"
#include "store/store.h"

#include <string.h>

/* Whether any membership row belongs to an imported coding: if none, no
 * row can outrank another (one index probe, schema/003's partial index). */
static int has_codings(geopol_db *db)
{
	int64_t n = 0;
	/* Another store than SQLite's: shadow (always right, only not skipped
	 * when no row could be outranked). */
	if (!db->sql)
		return 1;
	if (gp_query_ints(db, "SELECT EXISTS (SELECT 1 FROM membership WHERE coding IS NOT NULL)",
			  0, &n, 1))
		gp_clear_error(db);
	return n != 0;
}

int gp_query_defaults(geopol_db *db, gp_q *out, const geopol_query *q)
{
	if (gp_check_version(db, "geopol_query", q, GEOPOL_QUERY_VERSION))
		return GEOPOL_EMISUSE;
	/* A version 1 struct ends after `lang`. */
	int v2 = q && q->version >= 2;
	out->flags = q ? q->flags : 0;
	out->current = !q || q->known_at == 0;
	/* "rec_from <= K AND rec_to > K" with K = max - 1 keeps exactly the
	 * current rows, so one SQL text serves both cases. */
	out->known_at = out->current ? GP_K_CURRENT : q->known_at;
	const gp_store *store = gp_store_of(db);
	if (!out->current && store->settle) {
		int rc = store->settle(db, out->known_at);
		if (rc)
			return rc;
	}
	out->lang = q && q->lang ? q->lang : "en";
	out->stages = v2 && q->stages ? q->stages : GEOPOL_STAGES_DE_JURE;
	if (out->stages & ~(unsigned)GEOPOL_STAGES_ALL)
		return gp_error(db, GEOPOL_EINVAL, "geopol_query: stages 0x%x: no such stage",
				out->stages);
	out->coding = v2 && q->coding && *q->coding ? q->coding : NULL;
	int all = (out->flags & GEOPOL_ALL_CODINGS) != 0;
	if (out->coding && all)
		return gp_error(db, GEOPOL_EINVAL,
				"geopol_query: a coding and all the codings cannot both be asked");
	out->shadow = !out->coding && !all && has_codings(db);
	out->plain = out->stages == GEOPOL_STAGES_DE_JURE && !out->coding && !all;
	return GEOPOL_OK;
}

int gp_membership_visible(const gp_q *q, int stage, const char *coding)
{
	return GP_STAGE_IN(q->stages, stage) &&
	       (!q->coding || strcmp(q->coding, coding ? coding : GP_CODING_CURATED) == 0);
}

static int bind_param(sqlite3_stmt *st, int i, const char *name, const gp_params *p)
{
	struct { const char *name; const int64_t *v; } ints[] = {
		{":ent", &p->ent}, {":other", &p->other}, {":dlo", &p->dlo}, {":dhi", &p->dhi},
		{":d1lo", &p->d1lo}, {":d1hi", &p->d1hi}, {":d2lo", &p->d2lo}, {":d2hi", &p->d2hi},
		{":k", &p->k}, {":limit", &p->limit}, {":kind", &p->kind}, {":defonly", &p->defonly},
		{":quad", &p->quad},
		{":stages", &p->stages}, {":cshadow", &p->cshadow}, {":after", &p->after},
	};
	struct { const char *name; const char *v; } texts[] = {
		{":type", p->type}, {":text", p->text}, {":lang", p->lang}, {":coding", p->coding},
	};
	for (size_t j = 0; j < sizeof ints / sizeof ints[0]; j++) {
		if (strcmp(name, ints[j].name) == 0) {
			/* Entity ids start at 1: 0 means "none" and binds NULL. */
			int is_id = j < 2 || j == 10 || j == 12;
			if (is_id && *ints[j].v == 0)
				return sqlite3_bind_null(st, i);
			return sqlite3_bind_int64(st, i, *ints[j].v);
		}
	}
	for (size_t j = 0; j < sizeof texts / sizeof texts[0]; j++)
		if (strcmp(name, texts[j].name) == 0)
			return texts[j].v ? sqlite3_bind_text(st, i, texts[j].v, -1, SQLITE_STATIC)
					  : sqlite3_bind_null(st, i);
	return SQLITE_ERROR;
}

int gp_bind_params(geopol_db *db, sqlite3_stmt *st, const gp_params *p)
{
	int n = sqlite3_bind_parameter_count(st);
	for (int i = 1; i <= n; i++) {
		const char *name = sqlite3_bind_parameter_name(st, i);
		if (!name || bind_param(st, i, name, p) != SQLITE_OK)
			return gp_error(db, GEOPOL_EINTERNAL, "internal: cannot bind parameter %s",
					name ? name : "?");
	}
	return GEOPOL_OK;
}
