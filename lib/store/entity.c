/*
 * entity.c - sources, entities and their external ids; lookups by code;
 * the input checks every write shares. The rows are the store's
 * (gp_store.find, .entity_add, .source_add, .xref_add): here are the
 * checks, the code caches and the messages.
 */
#include "core/geopol_internal.h"
#include "store/store.h"

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
	int k = 0;
	int rc = gp_store_of(db)->find(db, &(gp_find){GP_FIND_ENTITY, code, NULL}, id, &k);
	if (rc == GEOPOL_OK) {
		if (kind)
			*kind = k;
		gp_cache_put(&db->entity_ids, code, *id, k);
		return GEOPOL_OK;
	}
	if (rc != GEOPOL_ENOTFOUND)
		return rc;
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
	int rc = gp_store_of(db)->find(db, &(gp_find){GP_FIND_SOURCE, code, NULL}, id, NULL);
	if (rc == GEOPOL_OK) {
		gp_cache_put(&db->source_ids, code, *id, 0);
		return GEOPOL_OK;
	}
	if (rc != GEOPOL_ENOTFOUND)
		return rc;
	return gp_error(db, GEOPOL_ENOTFOUND, "field 'source': unknown source '%s'", gp_short(code));
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
	rc = gp_store_of(db)->source_add(db, spec, db->stamp);
	if (rc == GEOPOL_ECONFLICT)
		return gp_error(db, GEOPOL_ECONFLICT, "source '%s' exists already with other details",
				gp_short(spec->code));
	return rc;
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
	gp_entity_put e = {spec->code, spec->kind, spec->subkind, spec->from, spec->to, db->stamp};
	if ((rc = gp_store_of(db)->entity_add(db, &e, &have)))
		return rc;
	gp_cache_put(&db->entity_ids, spec->code, have, spec->kind);
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
	return gp_store_of(db)->xref_add(db, id, scheme, value);
}

int64_t gp_xref_lookup(geopol_db *db, const char *scheme, const char *value)
{
	int64_t id = 0;
	if (gp_store_of(db)->find(db, &(gp_find){GP_FIND_XREF, scheme, value}, &id, NULL))
		return 0;
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
	return gp_store_of(db)->entity_attrs(db, id, q && q->known_at ? q->known_at : GP_REC_CURRENT - 1,
					     json);
}
