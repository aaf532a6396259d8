/*
 * pg_write.c - the PostgreSQL store's writes (gp_store.find to
 * .cites_copy, store.h): the rows of sqlite_write.c with the same probes
 * for the same row stored already (GP_UNCHANGED) and an overlapping
 * membership (GEOPOL_ECONFLICT, with that row's fact), in PostgreSQL's
 * SQL. A fact's first version takes its own id as fact id: the id is
 * drawn from the identity column's sequence first. The exclusion
 * constraint of memberships (schema/pg/001) holds the overlap rule
 * against another writer that got in between the probe and the insert:
 * the insert then adds nothing (ON CONFLICT DO NOTHING) and the probe,
 * asked again, names the row that won.
 */
#include "store/pg_internal.h"

#include <math.h>
#include <string.h>

/* Run sql and read the first column of its first row: GEOPOL_OK with *out,
 * GEOPOL_ENOTFOUND (no message) when there is no row, or the error. */
static int one_int(geopol_db *db, const char *sql, const gp_pg_args *a, const char *what,
		   int64_t *out)
{
	int rc;
	PGresult *r = gp_pg_run(db, sql, a, what, &rc);
	if (!r)
		return rc;
	int found = PQntuples(r) > 0;
	if (found && out)
		*out = gp_pg_get_int(r, 0, 0);
	PQclear(r);
	return found ? GEOPOL_OK : GEOPOL_ENOTFOUND;
}

/* ---- dictionary rows */

static const char *find_sql(int what)
{
	switch (what) {
	case GP_FIND_ENTITY: return "SELECT id, kind FROM entity WHERE code = $1";
	case GP_FIND_SOURCE: return "SELECT id FROM source WHERE code = $1";
	case GP_FIND_XREF: return "SELECT entity_id FROM entity_xref WHERE scheme = $1 AND value = $2";
	case GP_FIND_RELATION_TYPE: return "SELECT directed FROM relation_type WHERE code = $1";
	case GP_FIND_EVENT_TYPE: return "SELECT 1 FROM event_type WHERE code = $1";
	default: return NULL;
	}
}

int gp_pg_find(geopol_db *db, const gp_find *f, int64_t *id, int *aux)
{
	const char *sql = find_sql(f->what);
	if (!sql)
		return gp_error(db, GEOPOL_EMISUSE, "internal: nothing to find (%d)", f->what);
	gp_pg_args a = {0};
	gp_pg_text(&a, f->code);
	if (f->what == GP_FIND_XREF)
		gp_pg_text(&a, f->value);
	int rc;
	PGresult *r = gp_pg_run(db, sql, &a, "looking up a code", &rc);
	if (!r)
		return rc;
	int found = PQntuples(r) > 0;
	if (found) {
		int first = f->what != GP_FIND_RELATION_TYPE && f->what != GP_FIND_EVENT_TYPE;
		if (id)
			*id = first ? gp_pg_get_int(r, 0, 0) : 0;
		if (aux)
			*aux = f->what == GP_FIND_ENTITY ? (int)gp_pg_get_int(r, 0, 1)
			     : f->what == GP_FIND_RELATION_TYPE ? (int)gp_pg_get_int(r, 0, 0) : 0;
	}
	PQclear(r);
	return found ? GEOPOL_OK : GEOPOL_ENOTFOUND;
}

int gp_pg_entity_add(geopol_db *db, const gp_entity_put *e, int64_t *id)
{
	gp_pg_args a = {0};
	gp_pg_text(&a, e->code);
	gp_pg_int(&a, e->kind);
	gp_pg_text(&a, e->subkind);
	gp_pg_interval(&a, e->from, e->to);
	gp_pg_int(&a, e->rec_from);
	return one_int(db, "INSERT INTO entity(code, kind, subkind, from_lo, from_hi, from_prec, "
		       "to_lo, to_hi, to_prec, rec_from) VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10) "
		       "RETURNING id", &a, "adding an entity", id);
}

/* A stored source of this code: GP_UNCHANGED with the same details,
 * GEOPOL_ECONFLICT with others, GEOPOL_ENOTFOUND without one. */
static int stored_source(geopol_db *db, const geopol_source_spec *spec)
{
	const char *values[] = {spec->title, spec->author, spec->publisher, spec->lang,
				spec->url, spec->file};
	gp_pg_args a = {0};
	gp_pg_text(&a, spec->code);
	for (int i = 0; i < 6; i++)
		gp_pg_text(&a, values[i]);
	int64_t same;
	int rc = one_int(db, "SELECT (title IS NOT DISTINCT FROM $2 AND author IS NOT DISTINCT FROM $3 "
			 "AND publisher IS NOT DISTINCT FROM $4 AND lang IS NOT DISTINCT FROM $5 "
			 "AND url IS NOT DISTINCT FROM $6 AND file IS NOT DISTINCT FROM $7)::int "
			 "FROM source WHERE code = $1", &a, "looking up a source", &same);
	if (rc)
		return rc;
	return same ? GP_UNCHANGED : GEOPOL_ECONFLICT;
}

int gp_pg_source_add(geopol_db *db, const geopol_source_spec *spec, int64_t rec_from)
{
	int rc = stored_source(db, spec);
	if (rc != GEOPOL_ENOTFOUND)
		return rc;
	const char *values[] = {spec->title, spec->author, spec->publisher, spec->lang,
				spec->url, spec->file};
	gp_pg_args a = {0};
	gp_pg_text(&a, spec->code);
	for (int i = 0; i < 6; i++)
		gp_pg_text(&a, values[i]);
	if (spec->published.precision)
		gp_pg_int(&a, spec->published.day);
	else
		gp_pg_null_int(&a);
	gp_pg_int(&a, spec->published.precision);
	gp_pg_int(&a, rec_from);
	rc = one_int(db, "INSERT INTO source(code, title, author, publisher, lang, url, file, "
		     "published, published_prec, rec_from) VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10) "
		     "ON CONFLICT (code) DO NOTHING RETURNING id", &a, "adding a source", NULL);
	/* Another writer added the code meanwhile: as if it had been there. */
	return rc == GEOPOL_ENOTFOUND ? stored_source(db, spec) : rc;
}

int gp_pg_xref_add(geopol_db *db, int64_t entity, const char *scheme, const char *value)
{
	gp_pg_args a = {0};
	gp_pg_int(&a, entity);
	gp_pg_text(&a, scheme);
	gp_pg_text(&a, value);
	return gp_pg_do(db, "INSERT INTO entity_xref(entity_id, scheme, value) VALUES ($1, $2, $3)",
			&a, "adding an external id");
}

static int relation_type_add(geopol_db *db, const gp_type_put *t)
{
	gp_pg_args a = {0};
	gp_pg_text(&a, t->code);
	int64_t have;
	int rc = one_int(db, "SELECT directed FROM relation_type WHERE code = $1", &a,
			 "looking up a relation type", &have);
	if (rc == GEOPOL_OK)
		return have != (t->directed != 0) ? GEOPOL_ECONFLICT : GP_UNCHANGED;
	if (rc != GEOPOL_ENOTFOUND)
		return rc;
	gp_pg_int(&a, t->directed != 0);
	gp_pg_text(&a, t->label);
	return gp_pg_do(db, "INSERT INTO relation_type(code, directed, label) VALUES ($1, $2, $3)",
			&a, "adding a relation type");
}

static int event_type_add(geopol_db *db, const gp_type_put *t)
{
	gp_pg_args a = {0};
	gp_pg_text(&a, t->code);
	gp_pg_text(&a, t->name);
	gp_pg_double(&a, t->goldstein);
	gp_pg_text(&a, t->root);
	int rc = one_int(db,
		"INSERT INTO event_type(code, name, goldstein, root) VALUES ($1, $2, $3, $4) "
		"ON CONFLICT (code) DO UPDATE SET name = excluded.name, goldstein = excluded.goldstein "
		"WHERE event_type.name IS DISTINCT FROM excluded.name "
		"OR event_type.goldstein IS DISTINCT FROM excluded.goldstein RETURNING 1",
		&a, "adding an event type", NULL);
	return rc == GEOPOL_ENOTFOUND ? GP_UNCHANGED : rc;
}

int gp_pg_type_add(geopol_db *db, const gp_type_put *t)
{
	if (t->what == GP_FIND_RELATION_TYPE)
		return relation_type_add(db, t);
	if (t->what == GP_FIND_EVENT_TYPE)
		return event_type_add(db, t);
	return gp_error(db, GEOPOL_EMISUSE, "internal: no type kind %d", t->what);
}

/* ---- facts */

/* The insert of a fact version into table t: $1 the fact id (NULL: a new
 * fact, whose id is the row's own), then the columns given. */
#define FACT_INSERT(t, cols, vals) \
	"WITH n AS (SELECT nextval(pg_get_serial_sequence('" t "', 'id')) AS id) " \
	"INSERT INTO " t "(id, fact_id, " cols ") SELECT n.id, COALESCE($1::bigint, n.id), " vals \
	" FROM n ON CONFLICT DO NOTHING RETURNING id, fact_id"
#define INTERVAL_COLS "from_lo, from_hi, from_prec, to_lo, to_hi, to_prec"

/* Run a FACT_INSERT: GEOPOL_OK with *fact and *row, GEOPOL_ENOTFOUND
 * (no message) when a constraint's conflict left it out. */
static int insert_fact(geopol_db *db, const char *sql, const gp_pg_args *a, const char *what,
		       int64_t *fact, int64_t *row)
{
	int rc;
	PGresult *r = gp_pg_run(db, sql, a, what, &rc);
	if (!r)
		return rc;
	int added = PQntuples(r) > 0;
	if (added) {
		*row = gp_pg_get_int(r, 0, 0);
		*fact = gp_pg_get_int(r, 0, 1);
	}
	PQclear(r);
	return added ? GEOPOL_OK : GEOPOL_ENOTFOUND;
}

/* $1 the fact id or NULL. */
static void fact_id_arg(gp_pg_args *a, int64_t fact_id)
{
	if (fact_id)
		gp_pg_int(a, fact_id);
	else
		gp_pg_null_int(a);
}

static int name_add(geopol_db *db, const gp_fact_put *f, int64_t *fact, int64_t *row)
{
	if (!f->fact_id) {
		gp_pg_args p = {0};
		gp_pg_int(&p, f->ent);
		gp_pg_text(&p, f->lang);
		gp_pg_text(&p, f->text);
		gp_pg_int(&p, f->code);
		gp_pg_int(&p, gp_from_lo(f->from));
		gp_pg_int(&p, f->from.precision);
		gp_pg_int(&p, gp_to_lo(f->to));
		gp_pg_int(&p, f->to.precision);
		int rc = one_int(db, "SELECT fact_id FROM name WHERE entity_id = $1 AND lang = $2 "
				 "AND text = $3 AND kind = $4 AND from_lo = $5 AND from_prec = $6 "
				 "AND to_lo = $7 AND to_prec = $8 AND rec_to = " GP_SQL_REC_CURRENT
				 " LIMIT 1", &p, "looking up a name", fact);
		if (rc != GEOPOL_ENOTFOUND)
			return rc ? rc : GP_UNCHANGED;
	}
	gp_pg_args a = {0};
	fact_id_arg(&a, f->fact_id);
	gp_pg_int(&a, f->ent);
	gp_pg_text(&a, f->lang);
	gp_pg_int(&a, f->code);
	gp_pg_text(&a, f->text);
	gp_pg_text(&a, f->key);
	gp_pg_interval(&a, f->from, f->to);
	gp_pg_int(&a, f->rec_from);
	int rc = insert_fact(db, FACT_INSERT("name", "entity_id, lang, kind, text, key, "
					     INTERVAL_COLS ", rec_from",
					     "$2::bigint, $3, $4::int, $5, $6, $7::int, $8::int, $9::int, "
					     "$10::int, $11::int, $12::int, $13::bigint"),
			     &a, "adding a name", fact, row);
	return rc == GEOPOL_ENOTFOUND ? gp_error(db, GEOPOL_EDB, "adding a name: not added") : rc;
}

/* A current curated membership of f's organization, member and role, not
 * of the fact f->fact_id, that definitely overlaps f: GP_UNCHANGED with its
 * fact when its dates and stage are f's, GEOPOL_ECONFLICT when not,
 * GEOPOL_ENOTFOUND when there is none. */
static int overlapping(geopol_db *db, const gp_fact_put *f, int64_t *fact)
{
	gp_pg_args a = {0};
	gp_pg_int(&a, f->ent);
	gp_pg_int(&a, f->other);
	gp_pg_int(&a, f->code);
	gp_pg_int(&a, gp_from_lo(f->from));
	gp_pg_int(&a, f->from.precision);
	gp_pg_int(&a, gp_to_lo(f->to));
	gp_pg_int(&a, f->to.precision);
	gp_pg_int(&a, gp_to_lo(f->to));
	gp_pg_int(&a, gp_from_hi(f->from));
	fact_id_arg(&a, f->fact_id);
	gp_pg_int(&a, f->stage);
	int rc;
	PGresult *r = gp_pg_run(db,
		"SELECT fact_id, (from_lo = $4 AND from_prec = $5 AND to_lo = $6 AND to_prec = $7 "
		"AND stage = $11)::int FROM membership WHERE org_id = $1 AND member_id = $2 "
		"AND role = $3 AND coding IS NULL AND rec_to = " GP_SQL_REC_CURRENT
		" AND fact_id IS DISTINCT FROM $10::bigint AND "
		GP_SQL_OVERLAPS_DEFINITELY("membership", "$8", "$9") " LIMIT 1",
		&a, "looking for an overlapping membership", &rc);
	if (!r)
		return rc;
	if (PQntuples(r) == 0) {
		PQclear(r);
		return GEOPOL_ENOTFOUND;
	}
	*fact = gp_pg_get_int(r, 0, 0);
	int same = (int)gp_pg_get_int(r, 0, 1);
	PQclear(r);
	return same ? GP_UNCHANGED : GEOPOL_ECONFLICT;
}

/* A membership; one of a dataset's coding (f->coding) unchecked, as on
 * SQLite: its importer probed (GP_LOOK_CODED, pg_import.c), and the
 * exclusion constraint holds only curated rows. */
static int membership_add(geopol_db *db, const gp_fact_put *f, int64_t *fact, int64_t *row)
{
	int rc = f->coding ? GEOPOL_ENOTFOUND : overlapping(db, f, fact);
	if (rc != GEOPOL_ENOTFOUND)
		return rc;
	gp_pg_args a = {0};
	fact_id_arg(&a, f->fact_id);
	gp_pg_int(&a, f->ent);
	gp_pg_int(&a, f->other);
	gp_pg_int(&a, f->code);
	gp_pg_interval(&a, f->from, f->to);
	gp_pg_int(&a, f->rec_from);
	gp_pg_int(&a, f->stage);
	gp_pg_text(&a, f->coding);
	rc = insert_fact(db, FACT_INSERT("membership", "org_id, member_id, role, " INTERVAL_COLS
					 ", rec_from, stage, coding",
					 "$2::bigint, $3::bigint, $4::int, $5::int, $6::int, $7::int, "
					 "$8::int, $9::int, $10::int, $11::bigint, $12::int, $13"),
			 &a, "adding a membership", fact, row);
	if (rc != GEOPOL_ENOTFOUND)
		return rc;
	if (f->coding) /* no constraint leaves a coded row out */
		return gp_error(db, GEOPOL_EDB, "adding a membership: not added");
	/* The exclusion constraint left it out: another writer's row came
	 * first; the probe names it. */
	rc = overlapping(db, f, fact);
	return rc == GEOPOL_ENOTFOUND ? gp_error(db, GEOPOL_ECONFLICT, "adding a membership: it "
						 "overlaps another current one") : rc;
}

static int relation_add(geopol_db *db, const gp_fact_put *f, int64_t *fact, int64_t *row)
{
	if (!f->fact_id) {
		/* A symmetric relation is the same fact whichever way it is written. */
		gp_pg_args p = {0};
		gp_pg_int(&p, f->ent);
		gp_pg_int(&p, f->other);
		gp_pg_text(&p, f->type);
		gp_pg_int(&p, gp_from_lo(f->from));
		gp_pg_int(&p, f->from.precision);
		gp_pg_int(&p, gp_to_lo(f->to));
		gp_pg_int(&p, f->to.precision);
		gp_pg_int(&p, f->directed);
		gp_pg_text(&p, f->attrs);
		int rc = one_int(db, "SELECT fact_id FROM relation WHERE type = $3 AND rec_to = "
				 GP_SQL_REC_CURRENT " AND ((a_id = $1 AND b_id = $2) OR ($8::int = 0 "
				 "AND a_id = $2 AND b_id = $1)) AND from_lo = $4 AND from_prec = $5 "
				 "AND to_lo = $6 AND to_prec = $7 AND attrs::jsonb IS NOT DISTINCT FROM "
				 "$9::jsonb LIMIT 1", &p, "looking up a relation", fact);
		if (rc != GEOPOL_ENOTFOUND)
			return rc ? rc : GP_UNCHANGED;
	}
	gp_pg_args a = {0};
	fact_id_arg(&a, f->fact_id);
	gp_pg_int(&a, f->ent);
	gp_pg_int(&a, f->other);
	gp_pg_text(&a, f->type);
	gp_pg_text(&a, f->attrs);
	gp_pg_interval(&a, f->from, f->to);
	gp_pg_int(&a, f->rec_from);
	int rc = insert_fact(db, FACT_INSERT("relation", "a_id, b_id, type, attrs, " INTERVAL_COLS
					     ", rec_from",
					     "$2::bigint, $3::bigint, $4, $5, $6::int, $7::int, $8::int, "
					     "$9::int, $10::int, $11::int, $12::bigint"),
			     &a, "adding a relation", fact, row);
	return rc == GEOPOL_ENOTFOUND ? gp_error(db, GEOPOL_EDB, "adding a relation: not added") : rc;
}

/* The insert of an event version (schema/pg/005): its key first, in
 * event_key, whose unique index (ext_id, rec_to) leaves a stored external
 * id out (ON CONFLICT DO NOTHING, waiting for another writer's row as
 * version 1's index on event did), and the row only when its key went
 * in; the trigger on event then finds the key there. $1 the fact id or
 * NULL, $2 the external id, $3 the type, $6 from_lo. */
#define EVENT_INSERT \
	"WITH n AS (SELECT nextval(pg_get_serial_sequence('event', 'id')) AS id), " \
	"k AS (INSERT INTO event_key(id, from_lo, ext_id, rec_to, type) SELECT n.id, $6::int, $2, " \
	GP_SQL_REC_CURRENT ", $3 FROM n ON CONFLICT DO NOTHING RETURNING id) " \
	"INSERT INTO event(id, fact_id, ext_id, type, intensity, location, " INTERVAL_COLS \
	", rec_from) SELECT k.id, COALESCE($1::bigint, k.id), $2, $3, $4::double precision, $5, " \
	"$6::int, $7::int, $8::int, $9::int, $10::int, $11::int, $12::bigint FROM k " \
	"RETURNING id, fact_id"

static int event_add(geopol_db *db, const gp_fact_put *f, int64_t *fact, int64_t *row)
{
	/* An event whose external id is stored already is a re-import: its
	 * key is left out, and only then is the stored fact looked up. The
	 * partition of its year first (pg_partition.c). */
	int rc = gp_pg_event_partition(db, gp_from_lo(f->from));
	if (rc)
		return rc;
	gp_pg_args a = {0};
	fact_id_arg(&a, f->fact_id);
	gp_pg_text(&a, f->ext_id);
	gp_pg_text(&a, f->type);
	gp_pg_double(&a, f->intensity);
	gp_pg_text(&a, f->location);
	gp_pg_interval(&a, f->from, f->to);
	gp_pg_int(&a, f->rec_from);
	rc = insert_fact(db, EVENT_INSERT, &a, "adding an event", fact, row);
	if (rc != GEOPOL_ENOTFOUND)
		return rc;
	gp_pg_args p = {0};
	gp_pg_text(&p, f->ext_id);
	rc = one_int(db, "SELECT e.fact_id FROM event_key k JOIN event e ON e.id = k.id AND "
		     "e.from_lo = k.from_lo WHERE k.ext_id = $1 AND k.rec_to = " GP_SQL_REC_CURRENT,
		     &p, "looking up a stored event", fact);
	if (rc == GEOPOL_ENOTFOUND)
		return gp_error(db, GEOPOL_EDB, "adding an event: not added");
	return rc ? rc : GP_UNCHANGED;
}

int gp_pg_fact_add(geopol_db *db, const gp_fact_put *f, int64_t *fact, int64_t *row)
{
	switch (f->kind) {
	case GEOPOL_FACT_NAME: return name_add(db, f, fact, row);
	case GEOPOL_FACT_MEMBERSHIP: return membership_add(db, f, fact, row);
	case GEOPOL_FACT_RELATION: return relation_add(db, f, fact, row);
	case GEOPOL_FACT_EVENT: return event_add(db, f, fact, row);
	default: return gp_error(db, GEOPOL_EMISUSE, "internal: no fact kind %d", f->kind);
	}
}

int gp_pg_event_parts(geopol_db *db, int64_t row, const gp_actor_put *actors, size_t n_actors,
		      const geopol_text_spec *texts, size_t n_texts)
{
	int rc = GEOPOL_OK;
	for (size_t i = 0; !rc && i < n_actors; i++) {
		gp_pg_args a = {0};
		gp_pg_int(&a, row);
		gp_pg_int(&a, actors[i].entity);
		gp_pg_int(&a, actors[i].role);
		rc = gp_pg_do(db, "INSERT INTO event_actor(event_id, entity_id, role) VALUES ($1, $2, $3) "
			      "ON CONFLICT DO NOTHING", &a, "adding an event actor");
	}
	for (size_t i = 0; !rc && i < n_texts; i++) {
		gp_pg_args a = {0};
		gp_pg_int(&a, row);
		gp_pg_text(&a, texts[i].lang);
		gp_pg_text(&a, texts[i].title);
		gp_pg_text(&a, texts[i].description);
		rc = gp_pg_do(db, "INSERT INTO event_text(event_id, lang, title, description) "
			      "VALUES ($1, $2, $3, $4) ON CONFLICT (event_id, lang) DO UPDATE SET "
			      "title = excluded.title, description = excluded.description",
			      &a, "adding an event text");
	}
	return rc;
}

/* ---- versions and citations */

/* The current row of a fact: its first version is the row whose id is the
 * fact id; later versions are in the partial index on fact_id. */
#define CURRENT_ROW_SQL(t) \
	"SELECT id FROM " t " WHERE id = $1 AND fact_id = $1 AND rec_to = " GP_SQL_REC_CURRENT \
	" UNION ALL SELECT id FROM " t " WHERE fact_id = $1 AND fact_id <> id AND rec_to = " \
	GP_SQL_REC_CURRENT

static int bad_kind(geopol_db *db, int kind)
{
	if (kind < GEOPOL_FACT_NAME || kind > GEOPOL_FACT_EVENT)
		return gp_error(db, GEOPOL_EMISUSE, "internal: no fact kind %d", kind);
	return GEOPOL_OK;
}

/* An event version by id, in the one partition its key names (schema/pg/005). */
#define EVENT_BY_ID "id = $1 AND from_lo = (SELECT from_lo FROM event_key WHERE id = $1)"

int gp_pg_fact_current(geopol_db *db, int kind, int64_t fact_id, int64_t *row)
{
	static const char *const sql[] = {
		NULL, CURRENT_ROW_SQL("name"), CURRENT_ROW_SQL("membership"),
		CURRENT_ROW_SQL("relation"),
		"SELECT id FROM event WHERE " EVENT_BY_ID " AND fact_id = $1 AND rec_to = "
		GP_SQL_REC_CURRENT " UNION ALL SELECT id FROM event WHERE fact_id = $1 AND "
		"fact_id <> id AND rec_to = " GP_SQL_REC_CURRENT,
	};
	int rc = bad_kind(db, kind);
	if (rc)
		return rc;
	gp_pg_args a = {0};
	gp_pg_int(&a, fact_id);
	return one_int(db, sql[kind], &a, "looking up a fact's current version", row);
}

int gp_pg_fact_close(geopol_db *db, int kind, int64_t row, int64_t rec_to)
{
	static const char *const sql[] = {
		NULL,
		"UPDATE name SET rec_to = $2 WHERE id = $1",
		"UPDATE membership SET rec_to = $2 WHERE id = $1",
		"UPDATE relation SET rec_to = $2 WHERE id = $1",
		"UPDATE event SET rec_to = $2 WHERE " EVENT_BY_ID,
	};
	int rc = bad_kind(db, kind);
	if (rc)
		return rc;
	gp_pg_args a = {0};
	gp_pg_int(&a, row);
	gp_pg_int(&a, rec_to);
	return gp_pg_do(db, sql[kind], &a, "closing a fact version");
}

#define CITE_SQL(col) \
	"INSERT INTO citation(source_id, " col ", quote) SELECT $1, $2, $3 WHERE NOT EXISTS " \
	"(SELECT 1 FROM citation WHERE " col " = $2 AND source_id = $1 AND quote IS NOT DISTINCT " \
	"FROM $3)"
#define CITE_FIRST_SQL(col) "INSERT INTO citation(source_id, " col ", quote) VALUES ($1, $2, $3)"

int gp_pg_cite_add(geopol_db *db, int kind, int64_t row, int64_t source, const char *quote,
		   int fresh)
{
	static const char *const sql[] = {
		NULL, CITE_SQL("name_id"), CITE_SQL("membership_id"), CITE_SQL("relation_id"),
		CITE_SQL("event_id"),
	};
	static const char *const first_sql[] = {
		NULL, CITE_FIRST_SQL("name_id"), CITE_FIRST_SQL("membership_id"),
		CITE_FIRST_SQL("relation_id"), CITE_FIRST_SQL("event_id"),
	};
	int rc = bad_kind(db, kind);
	if (rc)
		return rc;
	gp_pg_args a = {0};
	gp_pg_int(&a, source);
	gp_pg_int(&a, row);
	gp_pg_text(&a, quote);
	return gp_pg_do(db, fresh ? first_sql[kind] : sql[kind], &a, "adding a citation");
}

#define COPY_SQL(col) \
	"INSERT INTO citation(source_id, " col ", quote) SELECT source_id, $2, quote " \
	"FROM citation WHERE " col " = $1 ORDER BY id"

int gp_pg_cites_copy(geopol_db *db, int kind, int64_t from, int64_t to)
{
	static const char *const sql[] = {
		NULL, COPY_SQL("name_id"), COPY_SQL("membership_id"), COPY_SQL("relation_id"),
		COPY_SQL("event_id"),
	};
	int rc = bad_kind(db, kind);
	if (rc)
		return rc;
	gp_pg_args a = {0};
	gp_pg_int(&a, from);
	gp_pg_int(&a, to);
	return gp_pg_do(db, sql[kind], &a, "carrying citations over");
}
