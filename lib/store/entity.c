/*
 * entity.c - sources, entities and their external ids; lookups by code;
 * the input checks every write shares.
 */
#include "core/geopol_internal.h"

#include <string.h>

/* A required text field: present, non-empty, valid UTF-8. */
static int check_text(geopol_db *db, const char *field, const char *s)
{
	if (!s || !*s)
		return gp_error(db, GEOPOL_EINVAL, "field '%s' is missing or empty", field);
	return gp_check_utf8(db, field, s);
}

int gp_entity_lookup(geopol_db *db, const char *code, const char *role, int64_t *id, int *kind)
{
	if (!code || !*code)
		return gp_error(db, GEOPOL_EINVAL, "field '%s': no entity code given", role);
	if (gp_cache_get(&db->entity_ids, code, id, kind))
		return GEOPOL_OK;
	sqlite3_stmt *st = gp_stmt(db, "SELECT id, kind FROM entity WHERE code = ?1");
	if (!st)
		return GEOPOL_EDB;
	sqlite3_bind_text(st, 1, code, -1, SQLITE_STATIC);
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		*id = sqlite3_column_int64(st, 0);
		int k = sqlite3_column_int(st, 1);
		if (kind)
			*kind = k;
		sqlite3_reset(st);
		gp_cache_put(&db->entity_ids, code, *id, k);
		return GEOPOL_OK;
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return gp_sql_error(db, "looking up an entity");
	return gp_error(db, GEOPOL_ENOTFOUND, "field '%s': unknown entity '%s'", role, gp_short(code));
}

int gp_entity_id(geopol_db *db, const char *code, const char *role, int64_t *id)
{
	return gp_entity_lookup(db, code, role, id, NULL);
}

int gp_source_id(geopol_db *db, const char *code, int64_t *id)
{
	if (!code || !*code)
		return gp_error(db, GEOPOL_EINVAL, "field 'source': no source code given");
	if (gp_cache_get(&db->source_ids, code, id, NULL))
		return GEOPOL_OK;
	sqlite3_stmt *st = gp_stmt(db, "SELECT id FROM source WHERE code = ?1");
	if (!st)
		return GEOPOL_EDB;
	sqlite3_bind_text(st, 1, code, -1, SQLITE_STATIC);
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		*id = sqlite3_column_int64(st, 0);
		sqlite3_reset(st);
		gp_cache_put(&db->source_ids, code, *id, 0);
		return GEOPOL_OK;
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return gp_sql_error(db, "looking up a source");
	return gp_error(db, GEOPOL_ENOTFOUND, "field 'source': unknown source '%s'", gp_short(code));
}

static void bind_opt_text(sqlite3_stmt *st, int i, const char *s)
{
	if (s)
		sqlite3_bind_text(st, i, s, -1, SQLITE_STATIC);
	else
		sqlite3_bind_null(st, i);
}

int gp_source_add(geopol_db *db, const geopol_source_spec *spec)
{
	int rc = check_text(db, "code", spec->code);
	const char *fields[] = {"title", "author", "publisher", "lang", "url", "file"};
	const char *values[] = {spec->title, spec->author, spec->publisher, spec->lang,
				spec->url, spec->file};
	for (int i = 0; !rc && i < 6; i++)
		rc = gp_check_utf8(db, fields[i], values[i]);
	if (!rc)
		rc = gp_check_interval(db, "source 'published'", spec->published,
				       (geopol_date)GEOPOL_DATE_OPEN_INIT);
	if (rc)
		return rc;
	/* The same source twice is fine (re-imports); the same code for two
	 * different documents is not. */
	sqlite3_stmt *st = gp_stmt(db,
		"SELECT title IS ?2 AND author IS ?3 AND publisher IS ?4 AND lang IS ?5 "
		"AND url IS ?6 AND file IS ?7 FROM source WHERE code = ?1");
	if (!st)
		return GEOPOL_EDB;
	sqlite3_bind_text(st, 1, spec->code, -1, SQLITE_STATIC);
	for (int i = 0; i < 6; i++)
		bind_opt_text(st, i + 2, values[i]);
	int step = sqlite3_step(st);
	if (step == SQLITE_ROW) {
		int same = sqlite3_column_int(st, 0);
		sqlite3_reset(st);
		if (!same)
			return gp_error(db, GEOPOL_ECONFLICT,
					"source '%s' exists already with other details", gp_short(spec->code));
		return GP_UNCHANGED;
	}
	sqlite3_reset(st);
	st = gp_stmt(db, "INSERT INTO source(code, title, author, publisher, lang, url, file, "
			 "published, published_prec, rec_from) VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9,?10)");
	if (!st)
		return GEOPOL_EDB;
	sqlite3_bind_text(st, 1, spec->code, -1, SQLITE_STATIC);
	for (int i = 0; i < 6; i++)
		bind_opt_text(st, i + 2, values[i]);
	if (spec->published.precision)
		sqlite3_bind_int64(st, 8, spec->published.day);
	sqlite3_bind_int(st, 9, spec->published.precision);
	sqlite3_bind_int64(st, 10, db->stamp);
	if (sqlite3_step(st) != SQLITE_DONE)
		return gp_sql_error(db, "adding a source");
	return GEOPOL_OK;
}

int gp_entity_add(geopol_db *db, const geopol_entity_spec *spec)
{
	int rc = check_text(db, "code", spec->code);
	if (rc)
		return rc;
	for (const char *p = spec->code; *p; p++)
		if (*p == ' ' || *p == '\t' || *p == '\n')
			return gp_error(db, GEOPOL_EINVAL, "field 'code': '%s' contains white space",
					gp_short(spec->code));
	if (strlen(spec->code) > GP_CODE_MAX)
		return gp_error(db, GEOPOL_EINVAL, "field 'code': '%s' is longer than %d bytes",
				gp_short(spec->code), GP_CODE_MAX);
	if (!geopol_kind_name(spec->kind))
		return gp_error(db, GEOPOL_EINVAL, "field 'kind': unknown entity kind %d", spec->kind);
	if ((rc = gp_check_utf8(db, "subkind", spec->subkind)) ||
	    (rc = gp_check_interval(db, "entity", spec->from, spec->to)))
		return rc;
	int64_t have;
	int kind;
	if (gp_entity_lookup(db, spec->code, "code", &have, &kind) == GEOPOL_OK) {
		if (kind != spec->kind)
			return gp_error(db, GEOPOL_ECONFLICT,
					"entity '%s' exists already as a %s, not a %s", gp_short(spec->code),
					geopol_kind_name(kind), geopol_kind_name(spec->kind));
		return GP_UNCHANGED;
	}
	gp_clear_error(db);
	sqlite3_stmt *st = gp_stmt(db, "INSERT INTO entity(code, kind, subkind, from_lo, from_hi, from_prec, "
			 "to_lo, to_hi, to_prec, rec_from) VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9,?10)");
	if (!st)
		return GEOPOL_EDB;
	sqlite3_bind_text(st, 1, spec->code, -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 2, spec->kind);
	bind_opt_text(st, 3, spec->subkind);
	gp_bind_interval(st, 4, spec->from, spec->to);
	sqlite3_bind_int64(st, 10, db->stamp);
	if (sqlite3_step(st) != SQLITE_DONE)
		return gp_sql_error(db, "adding an entity");
	gp_cache_put(&db->entity_ids, spec->code, sqlite3_last_insert_rowid(db->sql), spec->kind);
	return GEOPOL_OK;
}

int gp_xref_add(geopol_db *db, const char *entity, const char *scheme, const char *value)
{
	int64_t id;
	int rc;
	if ((rc = check_text(db, "scheme", scheme)) || (rc = check_text(db, "value", value)) ||
	    (rc = gp_entity_id(db, entity, "entity", &id)))
		return rc;
	int64_t have = gp_xref_lookup(db, scheme, value);
	if (have == id)
		return GP_UNCHANGED;
	if (have)
		return gp_error(db, GEOPOL_ECONFLICT,
				"external id %s '%s' belongs to another entity already",
				gp_short(scheme), gp_short(value));
	sqlite3_stmt *st = gp_stmt(db, "INSERT INTO entity_xref(entity_id, scheme, value) VALUES (?1,?2,?3)");
	if (!st)
		return GEOPOL_EDB;
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_text(st, 2, scheme, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, value, -1, SQLITE_STATIC);
	if (sqlite3_step(st) != SQLITE_DONE)
		return gp_sql_error(db, "adding an external id");
	return GEOPOL_OK;
}

int64_t gp_xref_lookup(geopol_db *db, const char *scheme, const char *value)
{
	sqlite3_stmt *st = gp_stmt(db, "SELECT entity_id FROM entity_xref WHERE scheme = ?1 AND value = ?2");
	if (!st)
		return 0;
	sqlite3_bind_text(st, 1, scheme, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, value, -1, SQLITE_STATIC);
	int64_t id = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
	sqlite3_reset(st);
	return id;
}

/* ---- public wrappers: one savepoint each, so a failure writes nothing. */

int geopol_source_add(geopol_db *db, const geopol_source_spec *spec)
{
	int rc = gp_savepoint_spec(db, "geopol_source_spec", spec, GEOPOL_SOURCE_SPEC_VERSION);
	if (rc)
		return rc;
	rc = gp_source_add(db, spec);
	return gp_release(db, rc == GP_UNCHANGED ? GEOPOL_OK : rc);
}

int geopol_entity_add(geopol_db *db, const geopol_entity_spec *spec)
{
	int rc = gp_savepoint_spec(db, "geopol_entity_spec", spec, GEOPOL_ENTITY_SPEC_VERSION);
	if (rc)
		return rc;
	rc = gp_entity_add(db, spec);
	if (rc == GP_UNCHANGED)
		rc = gp_error(db, GEOPOL_ECONFLICT, "entity '%s' exists already", gp_short(spec->code));
	return gp_release(db, rc);
}

int geopol_entity_xref_add(geopol_db *db, const char *entity, const char *scheme, const char *value)
{
	int rc = gp_savepoint(db);
	if (rc)
		return rc;
	rc = gp_xref_add(db, entity, scheme, value);
	return gp_release(db, rc == GP_UNCHANGED ? GEOPOL_OK : rc);
}

int geopol_entity_attrs(geopol_db *db, const char *entity, char **json)
{
	return geopol_entity_attrs_known(db, entity, NULL, json);
}

int geopol_entity_attrs_known(geopol_db *db, const char *entity, const geopol_query *q, char **json)
{
	if (!db || !entity || !json)
		return db ? gp_error(db, GEOPOL_EMISUSE, "geopol_entity_attrs: NULL argument") : GEOPOL_EMISUSE;
	*json = NULL;
	gp_clear_error(db);
	if (gp_check_version(db, "geopol_query", q, GEOPOL_QUERY_VERSION))
		return GEOPOL_EMISUSE;
	int64_t id;
	int rc = gp_entity_id(db, entity, "entity", &id);
	if (rc)
		return rc;
	sqlite3_stmt *st = gp_stmt(db, "SELECT json_group_object(key, value) FROM (SELECT key, value "
				   "FROM entity_attr WHERE entity_id = ?1 AND rec_from <= ?2 AND rec_to > ?2 "
				   "ORDER BY key) HAVING count(*) > 0");
	if (!st)
		return GEOPOL_EDB;
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_int64(st, 2, q && q->known_at ? q->known_at : GP_REC_CURRENT - 1);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW && sqlite3_column_text(st, 0)) {
		*json = strdup((const char *)sqlite3_column_text(st, 0));
		if (!*json)
			rc = SQLITE_NOMEM;
	}
	sqlite3_reset(st);
	if (rc == SQLITE_NOMEM)
		return gp_oom(db);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? GEOPOL_OK : gp_sql_error(db, "reading attributes");
}
