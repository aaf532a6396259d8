/*
 * fact.c - names, memberships, relations and events: adding, citing,
 * correcting and retracting them. Corrections never overwrite: the current
 * version is closed in recorded time (rec_to) and a new version appended
 * under the same fact_id. Here are the rules of every write (the checks,
 * what is a re-import and what a conflict, the stamp, the messages); the
 * rows are the store's (gp_store.fact_add and what follows it, store.h).
 */
#include "core/geopol_internal.h"
#include "store/store.h"

#include <cjson/cJSON.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
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

/* Add a fact's version through the store: the row written becomes the
 * handle's last and fresh one; *out gets the fact id (the stored one's
 * when GP_UNCHANGED or GEOPOL_ECONFLICT, without a message). */
static int put_fact(geopol_db *db, const gp_fact_put *f, int64_t *out)
{
	int64_t fact = 0, row = 0;
	int rc = gp_store_of(db)->fact_add(db, f, &fact, &row);
	if (rc == GEOPOL_OK) {
		db->last_row = row;
		mark_fresh(db, f->kind);
	}
	if ((rc == GEOPOL_OK || rc == GP_UNCHANGED || rc == GEOPOL_ECONFLICT) && out)
		*out = fact;
	return rc;
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
	gp_fact_put f = {.kind = GEOPOL_FACT_NAME, .fact_id = fact_id, .rec_from = db->stamp,
			 .ent = entity, .from = spec->from, .to = spec->to, .code = spec->kind,
			 .lang = spec->lang, .text = spec->text, .key = key};
	rc = put_fact(db, &f, out);
	geopol_free(key);
	return rc;
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
	gp_fact_put f = {.kind = GEOPOL_FACT_MEMBERSHIP, .fact_id = fact_id, .rec_from = db->stamp,
			 .ent = org, .other = member, .from = spec->from, .to = spec->to,
			 .code = spec->role, .stage = spec_stage(spec)};
	int64_t have = 0;
	rc = put_fact(db, &f, &have);
	if (rc == GEOPOL_ECONFLICT)
		return gp_error(db, GEOPOL_ECONFLICT,
				"membership of '%s' in '%s' as %s overlaps a stored one (fact %lld)",
				gp_short(spec->member), gp_short(spec->org), geopol_role_name(spec->role),
				(long long)have);
	if ((rc == GEOPOL_OK || rc == GP_UNCHANGED) && out)
		*out = have;
	return rc;
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
	if (gp_store_of(db)->find(db, &(gp_find){GP_FIND_RELATION_TYPE, type, NULL}, NULL, directed))
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
	gp_fact_put f = {.kind = GEOPOL_FACT_RELATION, .fact_id = fact_id, .rec_from = db->stamp,
			 .ent = a, .other = b, .from = spec->from, .to = spec->to,
			 .directed = directed, .type = spec->type, .attrs = spec->attrs};
	return put_fact(db, &f, out);
}

int gp_relation_type_add(geopol_db *db, const char *code, int directed, const char *label)
{
	int rc;
	if (!code || !*code)
		return gp_error(db, GEOPOL_EINVAL, "field 'code': no relation type code given");
	if ((rc = gp_check_utf8(db, "code", code)) || (rc = gp_check_utf8(db, "label", label)))
		return rc;
	gp_type_put t = {.what = GP_FIND_RELATION_TYPE, .code = code, .directed = directed,
			 .label = label};
	rc = gp_store_of(db)->type_add(db, &t);
	if (rc == GEOPOL_ECONFLICT)
		return gp_error(db, GEOPOL_ECONFLICT, "relation type '%s' exists already as %s",
				gp_short(code), directed ? "symmetric" : "directed");
	return rc;
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
	gp_type_put t = {.what = GP_FIND_EVENT_TYPE, .code = code, .name = name,
			 .goldstein = goldstein, .root = root[0] ? root : NULL};
	return gp_store_of(db)->type_add(db, &t);
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
		gp_find f = {GP_FIND_EVENT_TYPE, spec->type, NULL};
		if (gp_store_of(db)->find(db, &f, NULL, NULL))
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

/* The actors resolved, then the event's parts added through the store. */
static int event_children(geopol_db *db, int64_t row, const geopol_event_spec *spec)
{
	gp_actor_put some[8], *actors = some;
	if (spec->n_actors > sizeof some / sizeof some[0] &&
	    !(actors = malloc(spec->n_actors * sizeof *actors)))
		return gp_oom(db);
	int rc = GEOPOL_OK;
	for (size_t i = 0; !rc && i < spec->n_actors; i++) {
		actors[i].role = spec->actors[i].role;
		rc = gp_entity_id(db, spec->actors[i].entity, "actors", &actors[i].entity);
	}
	if (!rc)
		rc = gp_store_of(db)->event_parts(db, row, actors, spec->n_actors, spec->texts,
						   spec->n_texts);
	if (actors != some)
		free(actors);
	return rc;
}

int gp_event_add(geopol_db *db, const geopol_event_spec *spec, int64_t fact_id, int64_t *out)
{
	int rc = check_event(db, spec);
	if (rc)
		return rc;
	gp_fact_put f = {.kind = GEOPOL_FACT_EVENT, .fact_id = fact_id, .rec_from = db->stamp,
			 .from = spec->date, .to = spec->end, .type = spec->type,
			 .ext_id = spec->ext_id, .location = spec->location,
			 .intensity = spec->intensity};
	int64_t fact = 0, row = 0;
	rc = gp_store_of(db)->fact_add(db, &f, &fact, &row);
	if (rc == GP_UNCHANGED && out)
		*out = fact;
	if (rc)
		return rc;
	if ((rc = event_children(db, row, spec)))
		return rc;
	db->last_row = row;
	mark_fresh(db, GEOPOL_FACT_EVENT);
	if (out)
		*out = fact;
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

int gp_current_row(geopol_db *db, int kind, int64_t fact_id, int64_t *row)
{
	int rc = check_kind(db, kind);
	if (rc)
		return rc;
	rc = gp_store_of(db)->fact_current(db, kind, fact_id, row);
	if (rc == GEOPOL_ENOTFOUND)
		return gp_error(db, GEOPOL_ENOTFOUND, "no current %s with fact id %lld",
				fact_tables[kind], (long long)fact_id);
	return rc;
}

int gp_cite_row(geopol_db *db, int kind, int64_t row_id, int64_t source_id, const char *quote)
{
	int rc = check_kind(db, kind);
	if (rc || (rc = gp_check_utf8(db, "quote", quote)))
		return rc;
	int first = kind == db->fresh_kind && row_id == db->fresh_row;
	if ((rc = gp_store_of(db)->cite_add(db, kind, row_id, source_id, quote, first)))
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
	int rc = gp_current_row(db, kind, fact_id, row);
	if (rc)
		return rc;
	return gp_store_of(db)->fact_close(db, kind, *row, db->stamp);
}

int gp_copy_citations(geopol_db *db, int kind, int64_t from_row, int64_t to_row)
{
	db->fresh_kind = 0;
	return gp_store_of(db)->cites_copy(db, kind, from_row, to_row);
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
