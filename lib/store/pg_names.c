/*
 * pg_names.c - the PostgreSQL store's reads of names and of what
 * geopol_uncited, geopol_clipped, an entity's attributes and
 * geopol_resolve ask (store.h): names (gp_store.names), the memberships
 * and relations a check names (audit), an entity's attributes
 * (entity_attrs), a read transaction (read_txn), names by their search
 * keys (name_keys) and a candidate (candidate). The SQL is the SQLite
 * store's own (sql_names.h, sql_internal.h), given $n parameters; what
 * differs is said where it does: a code's ASCII case (SQLite's COLLATE
 * NOCASE: lower() under COLLATE "C" folds ASCII only), the JSON array of
 * the deletion index's variants (schema/pg/002_search.sql), and an
 * entity's attributes as one JSON object (SQLite's json_group_object).
 */
#include "store/pg_internal.h"
#include "store/sql_names.h"

#include <stdlib.h>
#include <string.h>

/* ---- names */

/* $1 the entity, $2 the language, $3 dlo, $4 dhi, $5 k; uncited: $1 k. */
static const char sql_names_of[] = GP_SQL_NAMES_OF_AT("$1", "$2", "$3", "$4", "$5");
static const char sql_names_uncited[] = GP_SQL_NAMES_UNCITED_AT("$1");

typedef struct name_cursor {
	gp_name_cursor base;         /* first */
	PGresult *res;
	int i, n;
} name_cursor;

static int name_next(gp_name_cursor *base, gp_name_row *r)
{
	name_cursor *c = (name_cursor *)base;
	if (c->i >= c->n)
		return GEOPOL_ITEROVER;
	const PGresult *res = c->res;
	int i = c->i++;
	*r = (gp_name_row){.id = gp_pg_get_int(res, i, 0), .fact_id = gp_pg_get_int(res, i, 1),
			   .entity = gp_pg_get_text(res, i, 2), .text = gp_pg_get_text(res, i, 3),
			   .lang = gp_pg_get_text(res, i, 4), .kind = (int)gp_pg_get_int(res, i, 5),
			   .when = {gp_pg_get_int(res, i, 6), gp_pg_get_int(res, i, 7),
				    gp_pg_get_int(res, i, 9), gp_pg_get_int(res, i, 10),
				    (int)gp_pg_get_int(res, i, 8), (int)gp_pg_get_int(res, i, 11)}};
	return GEOPOL_OK;
}

static void name_free(gp_name_cursor *base)
{
	name_cursor *c = (name_cursor *)base;
	PQclear(c->res);
	free(c);
}

int gp_pg_names(gp_name_cursor **out, geopol_db *db, const gp_names_query *q)
{
	*out = NULL;
	gp_pg_args a = {0};
	const char *sql = sql_names_of;
	if (q->what == GP_NAMES_OF) {
		gp_pg_int(&a, q->ent);
		gp_pg_text(&a, q->lang);
		gp_pg_int(&a, q->dlo);
		gp_pg_int(&a, q->dhi);
		gp_pg_int(&a, q->k);
	} else if (q->what == GP_NAMES_UNCITED) {
		sql = sql_names_uncited;
		gp_pg_int(&a, q->k);
	} else {
		return gp_error(db, GEOPOL_EINTERNAL, "internal: no names question %d", q->what);
	}
	int rc;
	PGresult *res = gp_pg_run(db, sql, &a, "reading names", &rc);
	if (!res)
		return rc;
	name_cursor *c = calloc(1, sizeof *c);
	if (!c) {
		PQclear(res);
		return gp_oom(db);
	}
	*c = (name_cursor){{name_next, name_free}, res, 0, PQntuples(res)};
	*out = &c->base;
	return GEOPOL_OK;
}

/* ---- the memberships and relations a check names, joined (codes) */

static const char sql_clipped_m[] = GP_SQL_CLIPPED_M_AT("$1");
static const char sql_clipped_r[] = GP_SQL_CLIPPED_R_AT("$1");
static const char sql_uncited_m[] = GP_SQL_UNCITED_M_AT("$1");
static const char sql_uncited_r[] = GP_SQL_UNCITED_R_AT("$1");

typedef struct audit_cursor {
	gp_row_cursor base;          /* first */
	PGresult *res;
	int kind, i, n;
} audit_cursor;

static int audit_next(gp_row_cursor *base, gp_edge_row *rows)
{
	audit_cursor *c = (audit_cursor *)base;
	if (c->i >= c->n)
		return GEOPOL_ITEROVER;
	gp_pg_read_row(&rows[0], c->kind, c->res, c->i++, 0, 0);
	return GEOPOL_OK;
}

static void audit_free(gp_row_cursor *base)
{
	audit_cursor *c = (audit_cursor *)base;
	PQclear(c->res);
	free(c);
}

int gp_pg_audit(gp_row_cursor **out, geopol_db *db, int what, int kind, int64_t k)
{
	*out = NULL;
	int rel = kind == GEOPOL_FACT_RELATION;
	if ((what != GP_AUDIT_CLIPPED && what != GP_AUDIT_UNCITED) ||
	    (!rel && kind != GEOPOL_FACT_MEMBERSHIP))
		return gp_error(db, GEOPOL_EINTERNAL, "internal: no audit %d of kind %d", what, kind);
	const char *sql = what == GP_AUDIT_CLIPPED ? (rel ? sql_clipped_r : sql_clipped_m)
						   : (rel ? sql_uncited_r : sql_uncited_m);
	gp_pg_args a = {0};
	gp_pg_int(&a, k);
	int rc;
	PGresult *res = gp_pg_run(db, sql, &a, "reading the facts a check names", &rc);
	if (!res)
		return rc;
	audit_cursor *c = calloc(1, sizeof *c);
	if (!c) {
		PQclear(res);
		return gp_oom(db);
	}
	*c = (audit_cursor){{audit_next, audit_free, NULL}, res, kind, 0, PQntuples(res)};
	*out = &c->base;
	return GEOPOL_OK;
}

/* ---- an entity's attributes: one JSON object of strings, keys in byte
 * order, as SQLite's json_group_object writes it (to_json escapes a
 * string as SQLite's json_quote does: \" \\ \b \f \n \r \t, \u00XX for
 * the other control characters, the rest as it is). */

int gp_pg_entity_attrs(geopol_db *db, int64_t id, int64_t k, char **json)
{
	*json = NULL;
	gp_pg_args a = {0};
	gp_pg_int(&a, id);
	gp_pg_int(&a, k);
	int rc;
	PGresult *r = gp_pg_run(db, "SELECT '{' || string_agg(to_json(key)::text || ':' || "
				"to_json(value)::text, ',' ORDER BY key) || '}' FROM entity_attr "
				"WHERE entity_id = $1 AND rec_from <= $2 AND rec_to > $2 HAVING count(*) > 0",
				&a, "reading attributes", &rc);
	if (!r)
		return rc;
	if (PQntuples(r) && !PQgetisnull(r, 0, 0) && !(*json = strdup(PQgetvalue(r, 0, 0))))
		rc = gp_oom(db);
	PQclear(r);
	return rc;
}

/* ---- geopol_resolve's reads */

int gp_pg_read_txn(geopol_db *db, int end)
{
	if (end) {
		int own = db->read_txn_own;
		db->read_txn_own = 0;
		return own ? gp_pg_do(db, "COMMIT", NULL, "ending a read")
			   : gp_pg_do(db, "RELEASE SAVEPOINT gp_read", NULL, "ending a read");
	}
	if (gp_store_of(db)->in_txn(db))
		return gp_pg_do(db, "SAVEPOINT gp_read", NULL, "starting a read");
	int rc = gp_pg_do(db, "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY", NULL, "starting a read");
	db->read_txn_own = rc == GEOPOL_OK;
	return rc;
}

/* $1 the key (the variants' JSON array), $2 k, $3 the language, $4 the
 * upper key, $5 and $6 the lengths. A code: ASCII case ignored, as
 * SQLite's COLLATE NOCASE (schema/pg/002's index entity_code_ascii). */
static const char sql_code[] =
	"SELECT id, kind FROM entity WHERE lower(code) = lower($1 COLLATE \"C\") AND rec_from <= $2";
static const char sql_exact[] = GP_SQL_KEYS_EXACT_AT("$1", "$2", "$3");
static const char sql_variants[] = GP_SQL_KEYS_VARIANTS_AT(
	"json_array_elements_text($1::json) AS v(value)", "$5", "$6", "$2", "$3");
static const char sql_between[] = GP_SQL_KEYS_BETWEEN_AT("$1", "$4", "$2", "$3");

int gp_pg_name_keys(geopol_db *db, const gp_keys_query *q,
		    int (*each)(void *ctx, const gp_name_key *row), void *ctx)
{
	static const char *const what[] = {NULL, "looking up a code", "looking up a name",
					   "looking up names near a key",
					   "looking up names by their first words"};
	static const char *const sql[] = {NULL, sql_code, sql_exact, sql_variants, sql_between};
	if (q->what < GP_KEYS_CODE || q->what > GP_KEYS_BETWEEN)
		return gp_error(db, GEOPOL_EINTERNAL, "internal: no name lookup %d", q->what);
	/* The variants are a JSON array of variants_len bytes. */
	char *variants = NULL;
	if (q->what == GP_KEYS_VARIANTS && !(variants = strndup(q->variants, q->variants_len)))
		return gp_oom(db);
	gp_pg_args a = {0};
	gp_pg_text(&a, variants ? variants : q->key);
	gp_pg_int(&a, q->k);
	gp_pg_text(&a, q->lang);
	gp_pg_text(&a, q->hi);
	gp_pg_int(&a, q->klo);
	gp_pg_int(&a, q->khi);
	int rc;
	PGresult *r = gp_pg_run(db, sql[q->what], &a, what[q->what], &rc);
	free(variants);
	if (!r)
		return rc;
	for (int i = 0, n = PQntuples(r); i < n && !rc; i++) {
		gp_name_key k;
		if (q->what == GP_KEYS_CODE)
			k = (gp_name_key){0, gp_pg_get_int(r, i, 0), 0, (int)gp_pg_get_int(r, i, 1), NULL, 0};
		else
			k = (gp_name_key){gp_pg_get_int(r, i, 0), gp_pg_get_int(r, i, 1),
					  (int)gp_pg_get_int(r, i, 2), (int)gp_pg_get_int(r, i, 3),
					  gp_pg_get_text(r, i, 4), (int)gp_pg_get_int(r, i, 5)};
		rc = each(ctx, &k);
	}
	PQclear(r);
	return rc;
}

/* $1 the entity, $2 k, $3 the language, $4 the name. */
static const char sql_candidate[] = GP_SQL_CANDIDATE_AT("$1", "$2", "$3", "$4");

int gp_pg_candidate(geopol_db *db, int64_t entity, int64_t name_id, int64_t k, const char *lang,
		    int (*each)(void *ctx, const gp_candidate *c), void *ctx)
{
	gp_pg_args a = {0};
	gp_pg_int(&a, entity);
	gp_pg_int(&a, k);
	gp_pg_text(&a, lang);
	gp_pg_int(&a, name_id);
	int rc;
	PGresult *r = gp_pg_run(db, sql_candidate, &a, "reading a candidate", &rc);
	if (!r)
		return rc;
	if (!PQntuples(r)) {
		PQclear(r);
		return gp_error(db, GEOPOL_EDB, "entity row %lld vanished", (long long)entity);
	}
	gp_candidate c = {gp_pg_get_text(r, 0, 0), (int)gp_pg_get_int(r, 0, 1), gp_pg_get_text(r, 0, 2),
			  gp_pg_get_text(r, 0, 3), gp_pg_get_text(r, 0, 4)};
	rc = each(ctx, &c);
	PQclear(r);
	return rc;
}
