/*
 * fact.c - names, memberships, relations and events: adding, citing,
 * correcting and retracting them. Corrections never overwrite: the current
 * version is closed in recorded time (rec_to) and a new version appended
 * under the same fact_id.
 */
#include "core/geopol_internal.h"

#include <cjson/cJSON.h>
#include <math.h>
#include <stdio.h>
#include <string.h>


/* A BCP 47 tag, loosely: letters, digits and hyphens, 2 to 35 characters,
 * starting with a letter. */
static int check_lang(geopol_db *db, const char *lang)
{
	size_t n = lang ? strlen(lang) : 0;
	if (n < 2 || n > 35)
		return gp_error(db, GEOPOL_EINVAL, "field 'lang': '%s' is not a language tag",
				gp_short(lang));
	for (size_t i = 0; i < n; i++) {
		char c = lang[i];
		int ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
			 (i > 0 && ((c >= '0' && c <= '9') || c == '-'));
		if (!ok)
			return gp_error(db, GEOPOL_EINVAL, "field 'lang': '%s' is not a language tag", gp_short(lang));
	}
	return GEOPOL_OK;
}

/* The row just inserted has no citation yet: its first one can skip the
 * duplicate check. */
static void mark_fresh(geopol_db *db, int kind)
{
	db->fresh_kind = kind;
	db->fresh_row = db->last_row;
}

static int step_done(geopol_db *db, sqlite3_stmt *st, const char *what)
{
	int rc = sqlite3_step(st);
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return gp_sql_error(db, what);
	return GEOPOL_OK;
}

/* ---- names */

int gp_name_add(geopol_db *db, const geopol_name_spec *spec, int64_t fact_id, int64_t *out)
{
	int64_t entity = 0;
	int rc;
	if (!spec->text || !*spec->text)
		return gp_error(db, GEOPOL_EINVAL, "field 'text': the name is empty");
	if ((rc = gp_check_utf8(db, "text", spec->text)) || (rc = check_lang(db, spec->lang)))
		return rc;
	if (!geopol_name_kind_name(spec->kind))
		return gp_error(db, GEOPOL_EINVAL, "field 'kind': unknown name kind %d", spec->kind);
	if ((rc = gp_check_interval(db, "name", spec->from, spec->to)) ||
	    (rc = gp_entity_id(db, spec->entity, "entity", &entity)))
		return rc;
	size_t len = strlen(spec->text);
	if (len > GP_NORMALIZE_MAX)
		return gp_error(db, GEOPOL_EINVAL, "field 'text': '%s' is longer than a name may be "
				"(%d bytes)", gp_short(spec->text), GP_NORMALIZE_MAX);
	char *key = NULL;
	rc = gp_normalize(spec->text, len, &key);
	if (rc)
		return gp_error(db, rc, "field 'text': '%s' cannot be normalized for search",
				gp_short(spec->text));
	if (!fact_id) {
		sqlite3_stmt *st = gp_stmt(db,
			"SELECT fact_id FROM name WHERE entity_id = ?1 AND lang = ?2 AND text = ?3 "
			"AND kind = ?4 AND from_lo = ?5 AND from_prec = ?6 AND to_lo = ?7 AND to_prec = ?8 "
			"AND rec_to = " GP_SQL_REC_CURRENT);
		if (!st) {
			geopol_free(key);
			return GEOPOL_EDB;
		}
		sqlite3_bind_int64(st, 1, entity);
		sqlite3_bind_text(st, 2, spec->lang, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 3, spec->text, -1, SQLITE_STATIC);
		sqlite3_bind_int(st, 4, spec->kind);
		sqlite3_bind_int64(st, 5, gp_from_lo(spec->from));
		sqlite3_bind_int(st, 6, spec->from.precision);
		sqlite3_bind_int64(st, 7, gp_to_lo(spec->to));
		sqlite3_bind_int(st, 8, spec->to.precision);
		if (sqlite3_step(st) == SQLITE_ROW) {
			if (out)
				*out = sqlite3_column_int64(st, 0);
			sqlite3_reset(st);
			geopol_free(key);
			return GP_UNCHANGED;
		}
		sqlite3_reset(st);
	}
	sqlite3_stmt *st = gp_stmt(db,
		"INSERT INTO name(fact_id, entity_id, lang, kind, text, key, from_lo, from_hi, "
		"from_prec, to_lo, to_hi, to_prec, rec_from) VALUES (COALESCE(?1, "
		"(SELECT IFNULL(MAX(id), 0) + 1 FROM name)),?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12,?13)");
	if (!st) {
		geopol_free(key);
		return GEOPOL_EDB;
	}
	if (fact_id)
		sqlite3_bind_int64(st, 1, fact_id);
	sqlite3_bind_int64(st, 2, entity);
	sqlite3_bind_text(st, 3, spec->lang, -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 4, spec->kind);
	sqlite3_bind_text(st, 5, spec->text, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 6, key, -1, SQLITE_STATIC);
	gp_bind_interval(st, 7, spec->from, spec->to);
	sqlite3_bind_int64(st, 13, db->stamp);
	rc = step_done(db, st, "adding a name");
	geopol_free(key);
	if (rc)
		return rc;
	db->last_row = sqlite3_last_insert_rowid(db->sql);
	mark_fresh(db, GEOPOL_FACT_NAME);
	if (out)
		*out = fact_id ? fact_id : db->last_row;
	return GEOPOL_OK;
}

/* ---- memberships */

int gp_stage_stored(int role, int stage)
{
	if (stage)
		return stage;
	return role == GEOPOL_ROLE_SUSPENDED ? GEOPOL_STAGE_SUSPENDED : GEOPOL_STAGE_IN_FORCE;
}

static int spec_stage(const geopol_membership_spec *spec)
{
	return gp_stage_stored(spec->role, spec->version >= 2 ? spec->stage : 0);
}

static int check_membership(geopol_db *db, const geopol_membership_spec *spec,
			    int64_t *org, int64_t *member)
{
	int rc;
	if (!geopol_role_name(spec->role))
		return gp_error(db, GEOPOL_EINVAL, "field 'role': unknown membership role %d", spec->role);
	if (!geopol_stage_name(spec_stage(spec)))
		return gp_error(db, GEOPOL_EINVAL, "field 'stage': unknown membership stage %d",
				spec->stage);
	int kind = 0;
	if ((rc = gp_check_interval(db, "membership", spec->from, spec->to)) ||
	    (rc = gp_entity_lookup(db, spec->org, "org", org, &kind)) ||
	    (rc = gp_entity_id(db, spec->member, "member", member)))
		return rc;
	if (*org == *member)
		return gp_error(db, GEOPOL_EINVAL, "field 'member': '%s' cannot be a member of itself",
				gp_short(spec->member));
	if (kind != GEOPOL_KIND_ORGANIZATION)
		return gp_error(db, GEOPOL_EINVAL, "field 'org': '%s' is a %s, not an organization",
				gp_short(spec->org), geopol_kind_name(kind));
	return GEOPOL_OK;
}

int gp_membership_add(geopol_db *db, const geopol_membership_spec *spec, int64_t fact_id,
		      int64_t *out)
{
	int64_t org = 0, member = 0;
	int rc = check_membership(db, spec, &org, &member);
	if (rc)
		return rc;
	/* The same pair in the same role may not hold twice at once: an
	 * identical row is a re-import, an overlapping one a conflict. Only a
	 * definite overlap counts: [1992, 2012) and [2012, ...) may touch.
	 * Rows imported from a dataset's coding (coding not NULL, schema 003,
	 * lib/io/import_dataset.c) are another reading and do not conflict. */
	int stage = spec_stage(spec);
	sqlite3_stmt *st = gp_stmt(db,
		"SELECT fact_id, from_lo = ?4 AND from_prec = ?5 AND to_lo = ?6 AND to_prec = ?7 "
		"AND stage = ?11 FROM membership WHERE org_id = ?1 AND member_id = ?2 AND role = ?3 "
		"AND coding IS NULL "
		"AND rec_to = " GP_SQL_REC_CURRENT " AND fact_id IS NOT ?10 "
		"AND " GP_SQL_OVERLAPS_DEFINITELY("membership", "?8", "?9") " LIMIT 1");
	if (!st)
		return GEOPOL_EDB;
	sqlite3_bind_int64(st, 1, org);
	sqlite3_bind_int64(st, 2, member);
	sqlite3_bind_int(st, 3, spec->role);
	sqlite3_bind_int64(st, 4, gp_from_lo(spec->from));
	sqlite3_bind_int(st, 5, spec->from.precision);
	sqlite3_bind_int64(st, 6, gp_to_lo(spec->to));
	sqlite3_bind_int(st, 7, spec->to.precision);
	sqlite3_bind_int64(st, 8, gp_to_lo(spec->to));
	sqlite3_bind_int64(st, 9, gp_from_hi(spec->from));
	if (fact_id)
		sqlite3_bind_int64(st, 10, fact_id);
	sqlite3_bind_int(st, 11, stage);
	if (sqlite3_step(st) == SQLITE_ROW) {
		int64_t have = sqlite3_column_int64(st, 0);
		int same = sqlite3_column_int(st, 1);
		sqlite3_reset(st);
		if (same) {
			if (out)
				*out = have;
			return GP_UNCHANGED;
		}
		return gp_error(db, GEOPOL_ECONFLICT,
				"membership of '%s' in '%s' as %s overlaps a stored one (fact %lld)",
				gp_short(spec->member), gp_short(spec->org), geopol_role_name(spec->role),
				(long long)have);
	}
	sqlite3_reset(st);
	st = gp_stmt(db,
		"INSERT INTO membership(fact_id, org_id, member_id, role, from_lo, from_hi, from_prec, "
		"to_lo, to_hi, to_prec, rec_from, stage) VALUES (COALESCE(?1, "
		"(SELECT IFNULL(MAX(id), 0) + 1 FROM membership)),?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12)");
	if (!st)
		return GEOPOL_EDB;
	if (fact_id)
		sqlite3_bind_int64(st, 1, fact_id);
	sqlite3_bind_int64(st, 2, org);
	sqlite3_bind_int64(st, 3, member);
	sqlite3_bind_int(st, 4, spec->role);
	gp_bind_interval(st, 5, spec->from, spec->to);
	sqlite3_bind_int64(st, 11, db->stamp);
	sqlite3_bind_int(st, 12, stage);
	if ((rc = step_done(db, st, "adding a membership")))
		return rc;
	db->last_row = sqlite3_last_insert_rowid(db->sql);
	mark_fresh(db, GEOPOL_FACT_MEMBERSHIP);
	if (out)
		*out = fact_id ? fact_id : db->last_row;
	return GEOPOL_OK;
}

/* ---- relations */

static int relation_directed(geopol_db *db, const char *type, int *directed)
{
	if (!type || !*type)
		return gp_error(db, GEOPOL_EINVAL, "field 'type': no relation type given");
	char key[128];
	int64_t unused;
	snprintf(key, sizeof key, "r:%s", type);
	if (gp_cache_get(&db->type_ids, key, &unused, directed))
		return GEOPOL_OK;
	sqlite3_stmt *st = gp_stmt(db, "SELECT directed FROM relation_type WHERE code = ?1");
	if (!st)
		return GEOPOL_EDB;
	sqlite3_bind_text(st, 1, type, -1, SQLITE_STATIC);
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		*directed = sqlite3_column_int(st, 0);
	sqlite3_reset(st);
	if (rc != SQLITE_ROW)
		return gp_error(db, GEOPOL_EINVAL, "field 'type': unknown relation type '%s'", gp_short(type));
	if (strlen(type) < sizeof key - 2)
		gp_cache_put(&db->type_ids, key, 0, *directed);
	return GEOPOL_OK;
}

static int check_attrs(geopol_db *db, const char *attrs)
{
	if (!attrs)
		return GEOPOL_OK;
	int rc = gp_check_utf8(db, "attrs", attrs);
	if (rc)
		return rc;
	cJSON *j = cJSON_Parse(attrs);
	int ok = j && cJSON_IsObject(j);
	cJSON_Delete(j);
	if (!ok)
		return gp_error(db, GEOPOL_EINVAL, "field 'attrs': not a JSON object");
	return GEOPOL_OK;
}

int gp_relation_add(geopol_db *db, const geopol_relation_spec *spec, int64_t fact_id, int64_t *out)
{
	int64_t a = 0, b = 0;
	int directed = 0, rc;
	if ((rc = relation_directed(db, spec->type, &directed)) ||
	    (rc = gp_check_interval(db, "relation", spec->from, spec->to)) ||
	    (rc = check_attrs(db, spec->attrs)) ||
	    (rc = gp_entity_id(db, spec->a, "a", &a)) ||
	    (rc = gp_entity_id(db, spec->b, "b", &b)))
		return rc;
	if (a == b)
		return gp_error(db, GEOPOL_EINVAL, "fields 'a' and 'b': a relation needs two entities, "
				"got '%s' twice", gp_short(spec->a));
	if (!fact_id) {
		/* A symmetric relation is the same fact whichever way it is written. */
		sqlite3_stmt *st = gp_stmt(db,
			"SELECT fact_id FROM relation WHERE type = ?3 AND rec_to = " GP_SQL_REC_CURRENT
			" AND ((a_id = ?1 AND b_id = ?2) OR (?8 = 0 AND a_id = ?2 AND b_id = ?1))"
			" AND from_lo = ?4 AND from_prec = ?5 AND to_lo = ?6 AND to_prec = ?7"
			" AND attrs IS json(?9) LIMIT 1");
		if (!st)
			return GEOPOL_EDB;
		sqlite3_bind_int64(st, 1, a);
		sqlite3_bind_int64(st, 2, b);
		sqlite3_bind_text(st, 3, spec->type, -1, SQLITE_STATIC);
		sqlite3_bind_int64(st, 4, gp_from_lo(spec->from));
		sqlite3_bind_int(st, 5, spec->from.precision);
		sqlite3_bind_int64(st, 6, gp_to_lo(spec->to));
		sqlite3_bind_int(st, 7, spec->to.precision);
		sqlite3_bind_int(st, 8, directed);
		if (spec->attrs)
			sqlite3_bind_text(st, 9, spec->attrs, -1, SQLITE_STATIC);
		if (sqlite3_step(st) == SQLITE_ROW) {
			if (out)
				*out = sqlite3_column_int64(st, 0);
			sqlite3_reset(st);
			return GP_UNCHANGED;
		}
		sqlite3_reset(st);
	}
	sqlite3_stmt *st = gp_stmt(db,
		"INSERT INTO relation(fact_id, a_id, b_id, type, attrs, from_lo, from_hi, from_prec, "
		"to_lo, to_hi, to_prec, rec_from) VALUES (COALESCE(?1, "
		"(SELECT IFNULL(MAX(id), 0) + 1 FROM relation)),?2,?3,?4,json(?5),?6,?7,?8,?9,?10,?11,?12)");
	if (!st)
		return GEOPOL_EDB;
	if (fact_id)
		sqlite3_bind_int64(st, 1, fact_id);
	sqlite3_bind_int64(st, 2, a);
	sqlite3_bind_int64(st, 3, b);
	sqlite3_bind_text(st, 4, spec->type, -1, SQLITE_STATIC);
	if (spec->attrs)
		sqlite3_bind_text(st, 5, spec->attrs, -1, SQLITE_STATIC);
	gp_bind_interval(st, 6, spec->from, spec->to);
	sqlite3_bind_int64(st, 12, db->stamp);
	if ((rc = step_done(db, st, "adding a relation")))
		return rc;
	db->last_row = sqlite3_last_insert_rowid(db->sql);
	mark_fresh(db, GEOPOL_FACT_RELATION);
	if (out)
		*out = fact_id ? fact_id : db->last_row;
	return GEOPOL_OK;
}

int gp_relation_type_add(geopol_db *db, const char *code, int directed, const char *label)
{
	int rc;
	if (!code || !*code)
		return gp_error(db, GEOPOL_EINVAL, "field 'code': no relation type code given");
	if ((rc = gp_check_utf8(db, "code", code)) || (rc = gp_check_utf8(db, "label", label)))
		return rc;
	sqlite3_stmt *st = gp_stmt(db, "SELECT directed FROM relation_type WHERE code = ?1");
	if (!st)
		return GEOPOL_EDB;
	sqlite3_bind_text(st, 1, code, -1, SQLITE_STATIC);
	if (sqlite3_step(st) == SQLITE_ROW) {
		int have = sqlite3_column_int(st, 0);
		sqlite3_reset(st);
		if (have != (directed != 0))
			return gp_error(db, GEOPOL_ECONFLICT, "relation type '%s' exists already as %s",
					gp_short(code), have ? "directed" : "symmetric");
		return GP_UNCHANGED;
	}
	sqlite3_reset(st);
	st = gp_stmt(db, "INSERT INTO relation_type(code, directed, label) VALUES (?1, ?2, ?3)");
	if (!st)
		return GEOPOL_EDB;
	sqlite3_bind_text(st, 1, code, -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 2, directed != 0);
	if (label)
		sqlite3_bind_text(st, 3, label, -1, SQLITE_STATIC);
	return step_done(db, st, "adding a relation type");
}

int gp_event_type_add(geopol_db *db, const char *code, const char *name, double goldstein)
{
	int rc;
	if (!code || !*code)
		return gp_error(db, GEOPOL_EINVAL, "field 'code': no event type code given");
	if (!name || !*name)
		return gp_error(db, GEOPOL_EINVAL, "field 'name': event type '%s' has no name", gp_short(code));
	if ((rc = gp_check_utf8(db, "code", code)) || (rc = gp_check_utf8(db, "name", name)))
		return rc;
	if (!isnan(goldstein) && (goldstein < -10.0 || goldstein > 10.0))
		return gp_error(db, GEOPOL_EINVAL, "field 'goldstein': %g is outside [-10, 10]", goldstein);
	/* CAMEO codes share their root with their first two digits. */
	char root[3] = {0};
	if (code[0] >= '0' && code[0] <= '9' && code[1] >= '0' && code[1] <= '9') {
		root[0] = code[0];
		root[1] = code[1];
	}
	sqlite3_stmt *st = gp_stmt(db,
		"INSERT INTO event_type(code, name, goldstein, root) VALUES (?1, ?2, ?3, ?4) "
		"ON CONFLICT(code) DO UPDATE SET name = excluded.name, goldstein = excluded.goldstein "
		"WHERE name IS NOT excluded.name OR goldstein IS NOT excluded.goldstein");
	if (!st)
		return GEOPOL_EDB;
	sqlite3_bind_text(st, 1, code, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, name, -1, SQLITE_STATIC);
	if (!isnan(goldstein))
		sqlite3_bind_double(st, 3, goldstein);
	if (root[0])
		sqlite3_bind_text(st, 4, root, -1, SQLITE_TRANSIENT);
	rc = step_done(db, st, "adding an event type");
	if (!rc && sqlite3_changes(db->sql) == 0)
		return GP_UNCHANGED;
	return rc;
}

/* ---- events */

static int check_event(geopol_db *db, const geopol_event_spec *spec)
{
	int rc;
	if (!spec->type || !*spec->type)
		return gp_error(db, GEOPOL_EINVAL, "field 'type': no event type given");
	if (!spec->date.precision)
		return gp_error(db, GEOPOL_EINVAL, "field 'date': an event needs a date");
	if ((rc = gp_check_interval(db, "event", spec->date, spec->end)) ||
	    (rc = gp_check_utf8(db, "id", spec->ext_id)) ||
	    (rc = gp_check_utf8(db, "location", spec->location)))
		return rc;
	if (!isnan(spec->intensity) && !isfinite(spec->intensity))
		return gp_error(db, GEOPOL_EINVAL, "field 'intensity': not a finite number");
	char key[128];
	int64_t unused;
	snprintf(key, sizeof key, "e:%s", spec->type);
	if (!gp_cache_get(&db->type_ids, key, &unused, NULL)) {
		sqlite3_stmt *st = gp_stmt(db, "SELECT 1 FROM event_type WHERE code = ?1");
		if (!st)
			return GEOPOL_EDB;
		sqlite3_bind_text(st, 1, spec->type, -1, SQLITE_STATIC);
		int known = sqlite3_step(st) == SQLITE_ROW;
		sqlite3_reset(st);
		if (!known)
			return gp_error(db, GEOPOL_EINVAL, "field 'type': unknown event type '%s'",
					gp_short(spec->type));
		if (strlen(spec->type) < sizeof key - 2)
			gp_cache_put(&db->type_ids, key, 0, 0);
	}
	if (spec->n_actors == 0)
		return gp_error(db, GEOPOL_EINVAL, "field 'actors': an event needs at least one actor");
	if (!spec->actors)
		return gp_error(db, GEOPOL_EMISUSE, "field 'actors': n_actors is %zu but actors is NULL",
				spec->n_actors);
	if (spec->n_texts && !spec->texts)
		return gp_error(db, GEOPOL_EMISUSE, "field 'texts': n_texts is %zu but texts is NULL",
				spec->n_texts);
	for (size_t i = 0; i < spec->n_actors; i++)
		if (!geopol_actor_role_name(spec->actors[i].role))
			return gp_error(db, GEOPOL_EINVAL, "field 'actors[%zu].role': unknown actor role %d",
					i, spec->actors[i].role);
	for (size_t i = 0; i < spec->n_texts; i++) {
		if ((rc = check_lang(db, spec->texts[i].lang)) ||
		    (rc = gp_check_utf8(db, "title", spec->texts[i].title)) ||
		    (rc = gp_check_utf8(db, "description", spec->texts[i].description)))
			return rc;
	}
	return GEOPOL_OK;
}

static int event_children(geopol_db *db, int64_t row, const geopol_event_spec *spec)
{
	int rc;
	for (size_t i = 0; i < spec->n_actors; i++) {
		int64_t id;
		if ((rc = gp_entity_id(db, spec->actors[i].entity, "actors", &id)))
			return rc;
		sqlite3_stmt *st = gp_stmt(db,
			"INSERT OR IGNORE INTO event_actor(event_id, entity_id, role) VALUES (?1, ?2, ?3)");
		if (!st)
			return GEOPOL_EDB;
		sqlite3_bind_int64(st, 1, row);
		sqlite3_bind_int64(st, 2, id);
		sqlite3_bind_int(st, 3, spec->actors[i].role);
		if ((rc = step_done(db, st, "adding an event actor")))
			return rc;
	}
	for (size_t i = 0; i < spec->n_texts; i++) {
		sqlite3_stmt *st = gp_stmt(db,
			"INSERT OR REPLACE INTO event_text(event_id, lang, title, description) VALUES (?1,?2,?3,?4)");
		if (!st)
			return GEOPOL_EDB;
		sqlite3_bind_int64(st, 1, row);
		sqlite3_bind_text(st, 2, spec->texts[i].lang, -1, SQLITE_STATIC);
		if (spec->texts[i].title)
			sqlite3_bind_text(st, 3, spec->texts[i].title, -1, SQLITE_STATIC);
		if (spec->texts[i].description)
			sqlite3_bind_text(st, 4, spec->texts[i].description, -1, SQLITE_STATIC);
		if ((rc = step_done(db, st, "adding an event text")))
			return rc;
	}
	return GEOPOL_OK;
}

/* The fact id of the current event with this external id. */
static int stored_event(geopol_db *db, const char *ext_id, int64_t *out)
{
	sqlite3_stmt *st = gp_stmt(db,
		"SELECT fact_id FROM event WHERE ext_id = ?1 AND rec_to = " GP_SQL_REC_CURRENT);
	if (!st)
		return GEOPOL_EDB;
	sqlite3_bind_text(st, 1, ext_id, -1, SQLITE_STATIC);
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW && out)
		*out = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	if (rc != SQLITE_ROW)
		return gp_sql_error(db, "looking up a stored event");
	return GP_UNCHANGED;
}

int gp_event_add(geopol_db *db, const geopol_event_spec *spec, int64_t fact_id, int64_t *out)
{
	int rc = check_event(db, spec);
	if (rc)
		return rc;
	/* An event whose external id is stored already is a re-import: the
	 * unique index (ext_id, rec_to) ignores the insert, and only then is
	 * the stored fact looked up. */
	sqlite3_stmt *st = gp_stmt(db,
		"INSERT OR IGNORE INTO event(fact_id, ext_id, type, intensity, location, from_lo, "
		"from_hi, from_prec, to_lo, to_hi, to_prec, rec_from) VALUES (COALESCE(?1, "
		"(SELECT IFNULL(MAX(id), 0) + 1 FROM event)),?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12)");
	if (!st)
		return GEOPOL_EDB;
	if (fact_id)
		sqlite3_bind_int64(st, 1, fact_id);
	if (spec->ext_id)
		sqlite3_bind_text(st, 2, spec->ext_id, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, spec->type, -1, SQLITE_STATIC);
	if (!isnan(spec->intensity))
		sqlite3_bind_double(st, 4, spec->intensity);
	if (spec->location)
		sqlite3_bind_text(st, 5, spec->location, -1, SQLITE_STATIC);
	gp_bind_interval(st, 6, spec->date, spec->end);
	sqlite3_bind_int64(st, 12, db->stamp);
	if ((rc = step_done(db, st, "adding an event")))
		return rc;
	if (sqlite3_changes(db->sql) == 0)
		return stored_event(db, spec->ext_id, out);
	int64_t row = sqlite3_last_insert_rowid(db->sql);
	if ((rc = event_children(db, row, spec)))
		return rc;
	db->last_row = row;
	mark_fresh(db, GEOPOL_FACT_EVENT);
	if (out)
		*out = fact_id ? fact_id : row;
	return GEOPOL_OK;
}

/* ---- citations, corrections, retractions */

static const char *const fact_tables[] = {NULL, "name", "membership", "relation", "event"};

static int check_kind(geopol_db *db, int kind)
{
	if (kind < GEOPOL_FACT_NAME || kind > GEOPOL_FACT_EVENT)
		return gp_error(db, GEOPOL_EINVAL, "unknown fact kind %d", kind);
	return GEOPOL_OK;
}

/* The current row of a fact: its first version is the row whose id is the
 * fact id; later versions are in the partial index (schema/005). */
#define CURRENT_ROW_SQL(t) \
	"SELECT id FROM " t " WHERE id = ?1 AND fact_id = ?1 AND rec_to = " GP_SQL_REC_CURRENT \
	" UNION ALL SELECT id FROM " t " WHERE fact_id = ?1 AND fact_id <> id AND rec_to = " \
	GP_SQL_REC_CURRENT

int gp_current_row(geopol_db *db, int kind, int64_t fact_id, int64_t *row)
{
	static const char *const sql[] = {
		NULL, CURRENT_ROW_SQL("name"), CURRENT_ROW_SQL("membership"),
		CURRENT_ROW_SQL("relation"), CURRENT_ROW_SQL("event"),
	};
	int rc = check_kind(db, kind);
	if (rc)
		return rc;
	sqlite3_stmt *st = gp_stmt(db, sql[kind]);
	if (!st)
		return GEOPOL_EDB;
	sqlite3_bind_int64(st, 1, fact_id);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		*row = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	if (rc != SQLITE_ROW)
		return gp_error(db, GEOPOL_ENOTFOUND, "no current %s with fact id %lld",
				fact_tables[kind], (long long)fact_id);
	return GEOPOL_OK;
}

int gp_cite_row(geopol_db *db, int kind, int64_t row_id, int64_t source_id, const char *quote)
{
	static const char *const sql[] = {
		NULL,
		"INSERT INTO citation(source_id, name_id, quote) SELECT ?1, ?2, ?3 WHERE NOT EXISTS "
		"(SELECT 1 FROM citation WHERE name_id = ?2 AND source_id = ?1 AND quote IS ?3)",
		"INSERT INTO citation(source_id, membership_id, quote) SELECT ?1, ?2, ?3 WHERE NOT EXISTS "
		"(SELECT 1 FROM citation WHERE membership_id = ?2 AND source_id = ?1 AND quote IS ?3)",
		"INSERT INTO citation(source_id, relation_id, quote) SELECT ?1, ?2, ?3 WHERE NOT EXISTS "
		"(SELECT 1 FROM citation WHERE relation_id = ?2 AND source_id = ?1 AND quote IS ?3)",
		"INSERT INTO citation(source_id, event_id, quote) SELECT ?1, ?2, ?3 WHERE NOT EXISTS "
		"(SELECT 1 FROM citation WHERE event_id = ?2 AND source_id = ?1 AND quote IS ?3)",
	};
	static const char *const first_sql[] = {
		NULL,
		"INSERT INTO citation(source_id, name_id, quote) VALUES (?1, ?2, ?3)",
		"INSERT INTO citation(source_id, membership_id, quote) VALUES (?1, ?2, ?3)",
		"INSERT INTO citation(source_id, relation_id, quote) VALUES (?1, ?2, ?3)",
		"INSERT INTO citation(source_id, event_id, quote) VALUES (?1, ?2, ?3)",
	};
	int rc = check_kind(db, kind);
	if (rc || (rc = gp_check_utf8(db, "quote", quote)))
		return rc;
	int first = kind == db->fresh_kind && row_id == db->fresh_row;
	sqlite3_stmt *st = gp_stmt(db, first ? first_sql[kind] : sql[kind]);
	if (!st)
		return GEOPOL_EDB;
	sqlite3_bind_int64(st, 1, source_id);
	sqlite3_bind_int64(st, 2, row_id);
	if (quote)
		sqlite3_bind_text(st, 3, quote, -1, SQLITE_STATIC);
	if ((rc = step_done(db, st, "adding a citation")))
		return rc;
	db->fresh_kind = 0;
	return GEOPOL_OK;
}

int gp_cite(geopol_db *db, int kind, int64_t fact_id, const char *source, const char *quote)
{
	int64_t row = 0, src = 0;
	int rc;
	if ((rc = gp_current_row(db, kind, fact_id, &row)) || (rc = gp_source_id(db, source, &src)))
		return rc;
	return gp_cite_row(db, kind, row, src, quote);
}

int gp_close_current(geopol_db *db, int kind, int64_t fact_id, int64_t *row)
{
	static const char *const sql[] = {
		NULL,
		"UPDATE name SET rec_to = ?2 WHERE id = ?1",
		"UPDATE membership SET rec_to = ?2 WHERE id = ?1",
		"UPDATE relation SET rec_to = ?2 WHERE id = ?1",
		"UPDATE event SET rec_to = ?2 WHERE id = ?1",
	};
	int rc = gp_current_row(db, kind, fact_id, row);
	if (rc)
		return rc;
	sqlite3_stmt *st = gp_stmt(db, sql[kind]);
	if (!st)
		return GEOPOL_EDB;
	sqlite3_bind_int64(st, 1, *row);
	sqlite3_bind_int64(st, 2, db->stamp);
	return step_done(db, st, "closing a fact version");
}

int gp_copy_citations(geopol_db *db, int kind, int64_t from_row, int64_t to_row)
{
	static const char *const sql[] = {
		NULL,
		"INSERT INTO citation(source_id, name_id, quote) SELECT source_id, ?2, quote "
		"FROM citation WHERE name_id = ?1",
		"INSERT INTO citation(source_id, membership_id, quote) SELECT source_id, ?2, quote "
		"FROM citation WHERE membership_id = ?1",
		"INSERT INTO citation(source_id, relation_id, quote) SELECT source_id, ?2, quote "
		"FROM citation WHERE relation_id = ?1",
		"INSERT INTO citation(source_id, event_id, quote) SELECT source_id, ?2, quote "
		"FROM citation WHERE event_id = ?1",
	};
	sqlite3_stmt *st = gp_stmt(db, sql[kind]);
	if (!st)
		return GEOPOL_EDB;
	sqlite3_bind_int64(st, 1, from_row);
	sqlite3_bind_int64(st, 2, to_row);
	db->fresh_kind = 0;
	return step_done(db, st, "carrying citations over");
}

/* ---- public wrappers */

static int finish_add(geopol_db *db, int rc)
{
	return gp_release(db, rc == GP_UNCHANGED ? GEOPOL_OK : rc);
}

int geopol_name_add(geopol_db *db, const geopol_name_spec *spec, int64_t *fact_id)
{
	int rc = gp_savepoint_spec(db, "geopol_name_spec", spec, GEOPOL_NAME_SPEC_VERSION);
	return rc ? rc : finish_add(db, gp_name_add(db, spec, 0, fact_id));
}

int geopol_membership_add(geopol_db *db, const geopol_membership_spec *spec, int64_t *fact_id)
{
	int rc = gp_savepoint_spec(db, "geopol_membership_spec", spec, GEOPOL_MEMBERSHIP_SPEC_VERSION);
	return rc ? rc : finish_add(db, gp_membership_add(db, spec, 0, fact_id));
}

int geopol_relation_add(geopol_db *db, const geopol_relation_spec *spec, int64_t *fact_id)
{
	int rc = gp_savepoint_spec(db, "geopol_relation_spec", spec, GEOPOL_RELATION_SPEC_VERSION);
	return rc ? rc : finish_add(db, gp_relation_add(db, spec, 0, fact_id));
}

int geopol_event_add(geopol_db *db, const geopol_event_spec *spec, int64_t *fact_id)
{
	int rc = gp_savepoint_spec(db, "geopol_event_spec", spec, GEOPOL_EVENT_SPEC_VERSION);
	if (rc)
		return rc;
	rc = gp_event_add(db, spec, 0, fact_id);
	if (rc == GP_UNCHANGED)
		rc = gp_error(db, GEOPOL_ECONFLICT, "an event with id '%s' exists already",
			      gp_short(spec->ext_id));
	return gp_release(db, rc);
}

int geopol_relation_type_add(geopol_db *db, const char *code, int directed, const char *label)
{
	int rc = gp_savepoint(db);
	return rc ? rc : finish_add(db, gp_relation_type_add(db, code, directed, label));
}

int geopol_event_type_add(geopol_db *db, const char *code, const char *name, double goldstein)
{
	int rc = gp_savepoint(db);
	return rc ? rc : finish_add(db, gp_event_type_add(db, code, name, goldstein));
}

int geopol_cite(geopol_db *db, int kind, int64_t fact_id, const char *source, const char *quote)
{
	int rc = gp_savepoint(db);
	return rc ? rc : gp_release(db, gp_cite(db, kind, fact_id, source, quote));
}

/* A correction: close the current version, append the new one under the
 * same fact id, carry the citations over. */
static int correct(geopol_db *db, int kind, int64_t fact_id, const void *spec)
{
	static const char *const types[] = {NULL, "geopol_name_spec", "geopol_membership_spec",
					    "geopol_relation_spec", "geopol_event_spec"};
	static const unsigned versions[] = {0, GEOPOL_NAME_SPEC_VERSION, GEOPOL_MEMBERSHIP_SPEC_VERSION,
					    GEOPOL_RELATION_SPEC_VERSION, GEOPOL_EVENT_SPEC_VERSION};
	int64_t old_row = 0;
	int rc = gp_savepoint_spec(db, types[kind], spec, versions[kind]);
	if (rc)
		return rc;
	rc = gp_close_current(db, kind, fact_id, &old_row);
	if (!rc) {
		int64_t out;
		switch (kind) {
		case GEOPOL_FACT_NAME: rc = gp_name_add(db, spec, fact_id, &out); break;
		case GEOPOL_FACT_MEMBERSHIP: rc = gp_membership_add(db, spec, fact_id, &out); break;
		case GEOPOL_FACT_RELATION: rc = gp_relation_add(db, spec, fact_id, &out); break;
		default: rc = gp_event_add(db, spec, fact_id, &out); break;
		}
		/* The new version equals another current fact: two facts
		 * cannot become one by a correction. */
		if (rc == GP_UNCHANGED)
			rc = gp_error(db, GEOPOL_ECONFLICT,
				      "the corrected %s is identical to fact %lld, which is current: "
				      "retract fact %lld instead",
				      fact_tables[kind], (long long)out, (long long)fact_id);
	}
	if (!rc)
		rc = gp_copy_citations(db, kind, old_row, db->last_row);
	return gp_release(db, rc);
}

int geopol_membership_correct(geopol_db *db, int64_t fact_id, const geopol_membership_spec *spec)
{
	return correct(db, GEOPOL_FACT_MEMBERSHIP, fact_id, spec);
}

int geopol_relation_correct(geopol_db *db, int64_t fact_id, const geopol_relation_spec *spec)
{
	return correct(db, GEOPOL_FACT_RELATION, fact_id, spec);
}

int geopol_name_correct(geopol_db *db, int64_t fact_id, const geopol_name_spec *spec)
{
	return correct(db, GEOPOL_FACT_NAME, fact_id, spec);
}

int geopol_event_correct(geopol_db *db, int64_t fact_id, const geopol_event_spec *spec)
{
	return correct(db, GEOPOL_FACT_EVENT, fact_id, spec);
}

int geopol_retract(geopol_db *db, int kind, int64_t fact_id)
{
	int64_t row = 0;
	int rc = gp_savepoint(db);
	return rc ? rc : gp_release(db, gp_close_current(db, kind, fact_id, &row));
}
