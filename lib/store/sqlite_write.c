/*
 * sqlite_write.c - the SQLite store's writes (gp_store.find to
 * .cites_copy, store.h): each adds the rows it is given with the
 * statements fact.c and entity.c ran before the seam, and reports a row in
 * its way (the same one stored, an overlapping membership) as GP_UNCHANGED
 * or GEOPOL_ECONFLICT with that row's id, leaving the message to the front
 * end. The identical-row and overlap probes use the indexes of schema/005
 * and the partial indexes on current rows.
 */
#include "store/store.h"
#include "store/sqlite_internal.h"
#include "store/sql_internal.h"

#include <math.h>

static int step_done(geopol_db *db, sqlite3_stmt *st, const char *what)
{
	int rc = sqlite3_step(st);
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return gp_sql_error(db, what);
	return GEOPOL_OK;
}

static void bind_opt_text(sqlite3_stmt *st, int i, const char *s)
{
	if (s)
		sqlite3_bind_text(st, i, s, -1, SQLITE_STATIC);
	else
		sqlite3_bind_null(st, i);
}

/* ---- dictionary rows */

static const char *find_sql(int what)
{
	switch (what) {
	case GP_FIND_ENTITY: return "SELECT id, kind FROM entity WHERE code = ?1";
	case GP_FIND_SOURCE: return "SELECT id FROM source WHERE code = ?1";
	case GP_FIND_XREF: return "SELECT entity_id FROM entity_xref WHERE scheme = ?1 AND value = ?2";
	case GP_FIND_RELATION_TYPE: return "SELECT directed FROM relation_type WHERE code = ?1";
	case GP_FIND_EVENT_TYPE: return "SELECT 1 FROM event_type WHERE code = ?1";
	default: return NULL;
	}
}

int gp_sqlite_find(geopol_db *db, const gp_find *f, int64_t *id, int *aux)
{
	static const char *const what[] = {NULL, "looking up an entity", "looking up a source",
					   "looking up an external id", "looking up a relation type",
					   "looking up an event type"};
	const char *sql = find_sql(f->what);
	if (!sql)
		return gp_error(db, GEOPOL_EINTERNAL, "internal: nothing to find (%d)", f->what);
	sqlite3_stmt *st = gp_stmt(db, sql);
	if (!st)
		return gp_stmt_failed(db);
	sqlite3_bind_text(st, 1, f->code, -1, SQLITE_STATIC);
	if (f->what == GP_FIND_XREF)
		sqlite3_bind_text(st, 2, f->value, -1, SQLITE_STATIC);
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		int first = f->what != GP_FIND_RELATION_TYPE && f->what != GP_FIND_EVENT_TYPE;
		if (id)
			*id = first ? sqlite3_column_int64(st, 0) : 0;
		if (aux)
			*aux = f->what == GP_FIND_ENTITY ? sqlite3_column_int(st, 1)
			     : f->what == GP_FIND_RELATION_TYPE ? sqlite3_column_int(st, 0) : 0;
	}
	sqlite3_reset(st);
	if (rc == SQLITE_ROW)
		return GEOPOL_OK;
	if (rc != SQLITE_DONE)
		return gp_sql_error(db, what[f->what]);
	return GEOPOL_ENOTFOUND;
}

int gp_sqlite_entity_add(geopol_db *db, const gp_entity_put *e, int64_t *id)
{
	sqlite3_stmt *st = gp_stmt(db, "INSERT INTO entity(code, kind, subkind, from_lo, from_hi, from_prec, "
			 "to_lo, to_hi, to_prec, rec_from) VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9,?10)");
	if (!st)
		return gp_stmt_failed(db);
	sqlite3_bind_text(st, 1, e->code, -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 2, e->kind);
	bind_opt_text(st, 3, e->subkind);
	gp_bind_interval(st, 4, e->from, e->to);
	sqlite3_bind_int64(st, 10, e->rec_from);
	if (sqlite3_step(st) != SQLITE_DONE)
		return gp_sql_error(db, "adding an entity");
	*id = sqlite3_last_insert_rowid(db->sql);
	return GEOPOL_OK;
}

int gp_sqlite_source_add(geopol_db *db, const geopol_source_spec *spec, int64_t rec_from)
{
	const char *values[] = {spec->title, spec->author, spec->publisher, spec->lang,
				spec->url, spec->file};
	sqlite3_stmt *st = gp_stmt(db,
		"SELECT title IS ?2 AND author IS ?3 AND publisher IS ?4 AND lang IS ?5 "
		"AND url IS ?6 AND file IS ?7 FROM source WHERE code = ?1");
	if (!st)
		return gp_stmt_failed(db);
	sqlite3_bind_text(st, 1, spec->code, -1, SQLITE_STATIC);
	for (int i = 0; i < 6; i++)
		bind_opt_text(st, i + 2, values[i]);
	int step = sqlite3_step(st);
	if (step == SQLITE_ROW) {
		int same = sqlite3_column_int(st, 0);
		sqlite3_reset(st);
		return same ? GP_UNCHANGED : GEOPOL_ECONFLICT;
	}
	sqlite3_reset(st);
	st = gp_stmt(db, "INSERT INTO source(code, title, author, publisher, lang, url, file, "
			 "published, published_prec, rec_from) VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9,?10)");
	if (!st)
		return gp_stmt_failed(db);
	sqlite3_bind_text(st, 1, spec->code, -1, SQLITE_STATIC);
	for (int i = 0; i < 6; i++)
		bind_opt_text(st, i + 2, values[i]);
	if (spec->published.precision)
		sqlite3_bind_int64(st, 8, spec->published.day);
	sqlite3_bind_int(st, 9, spec->published.precision);
	sqlite3_bind_int64(st, 10, rec_from);
	if (sqlite3_step(st) != SQLITE_DONE)
		return gp_sql_error(db, "adding a source");
	return GEOPOL_OK;
}

int gp_sqlite_xref_add(geopol_db *db, int64_t entity, const char *scheme, const char *value)
{
	sqlite3_stmt *st = gp_stmt(db, "INSERT INTO entity_xref(entity_id, scheme, value) VALUES (?1,?2,?3)");
	if (!st)
		return gp_stmt_failed(db);
	sqlite3_bind_int64(st, 1, entity);
	sqlite3_bind_text(st, 2, scheme, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, value, -1, SQLITE_STATIC);
	if (sqlite3_step(st) != SQLITE_DONE)
		return gp_sql_error(db, "adding an external id");
	return GEOPOL_OK;
}

static int relation_type_add(geopol_db *db, const gp_type_put *t)
{
	sqlite3_stmt *st = gp_stmt(db, "SELECT directed FROM relation_type WHERE code = ?1");
	if (!st)
		return gp_stmt_failed(db);
	sqlite3_bind_text(st, 1, t->code, -1, SQLITE_STATIC);
	if (sqlite3_step(st) == SQLITE_ROW) {
		int have = sqlite3_column_int(st, 0);
		sqlite3_reset(st);
		return have != (t->directed != 0) ? GEOPOL_ECONFLICT : GP_UNCHANGED;
	}
	sqlite3_reset(st);
	st = gp_stmt(db, "INSERT INTO relation_type(code, directed, label) VALUES (?1, ?2, ?3)");
	if (!st)
		return gp_stmt_failed(db);
	sqlite3_bind_text(st, 1, t->code, -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 2, t->directed != 0);
	if (t->label)
		sqlite3_bind_text(st, 3, t->label, -1, SQLITE_STATIC);
	return step_done(db, st, "adding a relation type");
}

static int event_type_add(geopol_db *db, const gp_type_put *t)
{
	sqlite3_stmt *st = gp_stmt(db,
		"INSERT INTO event_type(code, name, goldstein, root) VALUES (?1, ?2, ?3, ?4) "
		"ON CONFLICT(code) DO UPDATE SET name = excluded.name, goldstein = excluded.goldstein "
		"WHERE name IS NOT excluded.name OR goldstein IS NOT excluded.goldstein");
	if (!st)
		return gp_stmt_failed(db);
	sqlite3_bind_text(st, 1, t->code, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, t->name, -1, SQLITE_STATIC);
	if (!isnan(t->goldstein))
		sqlite3_bind_double(st, 3, t->goldstein);
	if (t->root)
		sqlite3_bind_text(st, 4, t->root, -1, SQLITE_TRANSIENT);
	int rc = step_done(db, st, "adding an event type");
	if (!rc && sqlite3_changes(db->sql) == 0)
		return GP_UNCHANGED;
	return rc;
}

int gp_sqlite_type_add(geopol_db *db, const gp_type_put *t)
{
	if (t->what == GP_FIND_RELATION_TYPE)
		return relation_type_add(db, t);
	if (t->what == GP_FIND_EVENT_TYPE)
		return event_type_add(db, t);
	return gp_error(db, GEOPOL_EINTERNAL, "internal: no type kind %d", t->what);
}

/* ---- facts */

static int name_add(geopol_db *db, const gp_fact_put *f, int64_t *fact, int64_t *row)
{
	if (!f->fact_id) {
		sqlite3_stmt *st = gp_stmt(db,
			"SELECT fact_id FROM name WHERE entity_id = ?1 AND lang = ?2 AND text = ?3 "
			"AND kind = ?4 AND from_lo = ?5 AND from_prec = ?6 AND to_lo = ?7 AND to_prec = ?8 "
			"AND rec_to = " GP_SQL_REC_CURRENT);
		if (!st)
			return gp_stmt_failed(db);
		sqlite3_bind_int64(st, 1, f->ent);
		sqlite3_bind_text(st, 2, f->lang, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 3, f->text, -1, SQLITE_STATIC);
		sqlite3_bind_int(st, 4, f->code);
		sqlite3_bind_int64(st, 5, gp_from_lo(f->from));
		sqlite3_bind_int(st, 6, f->from.precision);
		sqlite3_bind_int64(st, 7, gp_to_lo(f->to));
		sqlite3_bind_int(st, 8, f->to.precision);
		if (sqlite3_step(st) == SQLITE_ROW) {
			*fact = sqlite3_column_int64(st, 0);
			sqlite3_reset(st);
			return GP_UNCHANGED;
		}
		sqlite3_reset(st);
	}
	sqlite3_stmt *st = gp_stmt(db,
		"INSERT INTO name(fact_id, entity_id, lang, kind, text, key, from_lo, from_hi, "
		"from_prec, to_lo, to_hi, to_prec, rec_from) VALUES (COALESCE(?1, "
		"(SELECT IFNULL(MAX(id), 0) + 1 FROM name)),?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12,?13)");
	if (!st)
		return gp_stmt_failed(db);
	if (f->fact_id)
		sqlite3_bind_int64(st, 1, f->fact_id);
	sqlite3_bind_int64(st, 2, f->ent);
	sqlite3_bind_text(st, 3, f->lang, -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 4, f->code);
	sqlite3_bind_text(st, 5, f->text, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 6, f->key, -1, SQLITE_STATIC);
	gp_bind_interval(st, 7, f->from, f->to);
	sqlite3_bind_int64(st, 13, f->rec_from);
	int rc = step_done(db, st, "adding a name");
	if (rc)
		return rc;
	*row = sqlite3_last_insert_rowid(db->sql);
	*fact = f->fact_id ? f->fact_id : *row;
	return GEOPOL_OK;
}

/* The uncoded membership's check (gp_fact_put): GP_UNCHANGED or
 * GEOPOL_ECONFLICT with *fact, or GEOPOL_OK when none is in the way. */
static int membership_probe(geopol_db *db, const gp_fact_put *f, int64_t *fact)
{
	sqlite3_stmt *st = gp_stmt(db,
		"SELECT fact_id, from_lo = ?4 AND from_prec = ?5 AND to_lo = ?6 AND to_prec = ?7 "
		"AND stage = ?11 FROM membership WHERE org_id = ?1 AND member_id = ?2 AND role = ?3 "
		"AND coding IS NULL "
		"AND rec_to = " GP_SQL_REC_CURRENT " AND fact_id IS NOT ?10 "
		"AND " GP_SQL_OVERLAPS_DEFINITELY("membership", "?8", "?9") " LIMIT 1");
	if (!st)
		return gp_stmt_failed(db);
	sqlite3_bind_int64(st, 1, f->ent);
	sqlite3_bind_int64(st, 2, f->other);
	sqlite3_bind_int(st, 3, f->code);
	sqlite3_bind_int64(st, 4, gp_from_lo(f->from));
	sqlite3_bind_int(st, 5, f->from.precision);
	sqlite3_bind_int64(st, 6, gp_to_lo(f->to));
	sqlite3_bind_int(st, 7, f->to.precision);
	sqlite3_bind_int64(st, 8, gp_to_lo(f->to));
	sqlite3_bind_int64(st, 9, gp_from_hi(f->from));
	if (f->fact_id)
		sqlite3_bind_int64(st, 10, f->fact_id);
	sqlite3_bind_int(st, 11, f->stage);
	if (sqlite3_step(st) == SQLITE_ROW) {
		*fact = sqlite3_column_int64(st, 0);
		int same = sqlite3_column_int(st, 1);
		sqlite3_reset(st);
		return same ? GP_UNCHANGED : GEOPOL_ECONFLICT;
	}
	sqlite3_reset(st);
	return GEOPOL_OK;
}

/* A membership; one of a dataset's coding (f->coding) unchecked: its
 * importer probed (GP_LOOK_CODED, sqlite_import.c). */
static int membership_add(geopol_db *db, const gp_fact_put *f, int64_t *fact, int64_t *row)
{
	sqlite3_stmt *st;
	if (!f->coding) {
		int rc = membership_probe(db, f, fact);
		if (rc)
			return rc;
	}
	st = gp_stmt(db,
		"INSERT INTO membership(fact_id, org_id, member_id, role, from_lo, from_hi, from_prec, "
		"to_lo, to_hi, to_prec, rec_from, stage, coding) VALUES (COALESCE(?1, "
		"(SELECT IFNULL(MAX(id), 0) + 1 FROM membership)),?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12,?13)");
	if (!st)
		return gp_stmt_failed(db);
	if (f->fact_id)
		sqlite3_bind_int64(st, 1, f->fact_id);
	sqlite3_bind_int64(st, 2, f->ent);
	sqlite3_bind_int64(st, 3, f->other);
	sqlite3_bind_int(st, 4, f->code);
	gp_bind_interval(st, 5, f->from, f->to);
	sqlite3_bind_int64(st, 11, f->rec_from);
	sqlite3_bind_int(st, 12, f->stage);
	bind_opt_text(st, 13, f->coding);
	int rc = step_done(db, st, "adding a membership");
	if (rc)
		return rc;
	*row = sqlite3_last_insert_rowid(db->sql);
	*fact = f->fact_id ? f->fact_id : *row;
	return GEOPOL_OK;
}

static int relation_add(geopol_db *db, const gp_fact_put *f, int64_t *fact, int64_t *row)
{
	if (!f->fact_id) {
		/* A symmetric relation is the same fact whichever way it is written. */
		sqlite3_stmt *st = gp_stmt(db,
			"SELECT fact_id FROM relation WHERE type = ?3 AND rec_to = " GP_SQL_REC_CURRENT
			" AND ((a_id = ?1 AND b_id = ?2) OR (?8 = 0 AND a_id = ?2 AND b_id = ?1))"
			" AND from_lo = ?4 AND from_prec = ?5 AND to_lo = ?6 AND to_prec = ?7"
			" AND attrs IS json(?9) LIMIT 1");
		if (!st)
			return gp_stmt_failed(db);
		sqlite3_bind_int64(st, 1, f->ent);
		sqlite3_bind_int64(st, 2, f->other);
		sqlite3_bind_text(st, 3, f->type, -1, SQLITE_STATIC);
		sqlite3_bind_int64(st, 4, gp_from_lo(f->from));
		sqlite3_bind_int(st, 5, f->from.precision);
		sqlite3_bind_int64(st, 6, gp_to_lo(f->to));
		sqlite3_bind_int(st, 7, f->to.precision);
		sqlite3_bind_int(st, 8, f->directed);
		if (f->attrs)
			sqlite3_bind_text(st, 9, f->attrs, -1, SQLITE_STATIC);
		if (sqlite3_step(st) == SQLITE_ROW) {
			*fact = sqlite3_column_int64(st, 0);
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
		return gp_stmt_failed(db);
	if (f->fact_id)
		sqlite3_bind_int64(st, 1, f->fact_id);
	sqlite3_bind_int64(st, 2, f->ent);
	sqlite3_bind_int64(st, 3, f->other);
	sqlite3_bind_text(st, 4, f->type, -1, SQLITE_STATIC);
	if (f->attrs)
		sqlite3_bind_text(st, 5, f->attrs, -1, SQLITE_STATIC);
	gp_bind_interval(st, 6, f->from, f->to);
	sqlite3_bind_int64(st, 12, f->rec_from);
	int rc = step_done(db, st, "adding a relation");
	if (rc)
		return rc;
	*row = sqlite3_last_insert_rowid(db->sql);
	*fact = f->fact_id ? f->fact_id : *row;
	return GEOPOL_OK;
}

/* The fact id of the current event with this external id. */
static int stored_event(geopol_db *db, const char *ext_id, int64_t *fact)
{
	sqlite3_stmt *st = gp_stmt(db,
		"SELECT fact_id FROM event WHERE ext_id = ?1 AND rec_to = " GP_SQL_REC_CURRENT);
	if (!st)
		return gp_stmt_failed(db);
	sqlite3_bind_text(st, 1, ext_id, -1, SQLITE_STATIC);
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		*fact = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	if (rc != SQLITE_ROW)
		return gp_sql_error(db, "looking up a stored event");
	return GP_UNCHANGED;
}

static int event_add(geopol_db *db, const gp_fact_put *f, int64_t *fact, int64_t *row)
{
	/* An event whose external id is stored already is a re-import: the
	 * unique index (ext_id, rec_to) ignores the insert, and only then is
	 * the stored fact looked up. */
	sqlite3_stmt *st = gp_stmt(db,
		"INSERT OR IGNORE INTO event(fact_id, ext_id, type, intensity, location, from_lo, "
		"from_hi, from_prec, to_lo, to_hi, to_prec, rec_from) VALUES (COALESCE(?1, "
		"(SELECT IFNULL(MAX(id), 0) + 1 FROM event)),?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12)");
	if (!st)
		return gp_stmt_failed(db);
	if (f->fact_id)
		sqlite3_bind_int64(st, 1, f->fact_id);
	if (f->ext_id)
		sqlite3_bind_text(st, 2, f->ext_id, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, f->type, -1, SQLITE_STATIC);
	if (!isnan(f->intensity))
		sqlite3_bind_double(st, 4, f->intensity);
	if (f->location)
		sqlite3_bind_text(st, 5, f->location, -1, SQLITE_STATIC);
	gp_bind_interval(st, 6, f->from, f->to);
	sqlite3_bind_int64(st, 12, f->rec_from);
	int rc = step_done(db, st, "adding an event");
	if (rc)
		return rc;
	if (sqlite3_changes(db->sql) == 0)
		return stored_event(db, f->ext_id, fact);
	*row = sqlite3_last_insert_rowid(db->sql);
	*fact = f->fact_id ? f->fact_id : *row;
	return GEOPOL_OK;
}

int gp_sqlite_fact_add(geopol_db *db, const gp_fact_put *f, int64_t *fact, int64_t *row)
{
	switch (f->kind) {
	case GEOPOL_FACT_NAME: return name_add(db, f, fact, row);
	case GEOPOL_FACT_MEMBERSHIP: return membership_add(db, f, fact, row);
	case GEOPOL_FACT_RELATION: return relation_add(db, f, fact, row);
	case GEOPOL_FACT_EVENT: return event_add(db, f, fact, row);
	default: return gp_error(db, GEOPOL_EINTERNAL, "internal: no fact kind %d", f->kind);
	}
}

int gp_sqlite_event_parts(geopol_db *db, int64_t row, const gp_actor_put *actors, size_t n_actors,
		       const geopol_text_spec *texts, size_t n_texts)
{
	int rc;
	for (size_t i = 0; i < n_actors; i++) {
		sqlite3_stmt *st = gp_stmt(db,
			"INSERT OR IGNORE INTO event_actor(event_id, entity_id, role) VALUES (?1, ?2, ?3)");
		if (!st)
			return gp_stmt_failed(db);
		sqlite3_bind_int64(st, 1, row);
		sqlite3_bind_int64(st, 2, actors[i].entity);
		sqlite3_bind_int(st, 3, actors[i].role);
		if ((rc = step_done(db, st, "adding an event actor")))
			return rc;
	}
	for (size_t i = 0; i < n_texts; i++) {
		sqlite3_stmt *st = gp_stmt(db,
			"INSERT OR REPLACE INTO event_text(event_id, lang, title, description) VALUES (?1,?2,?3,?4)");
		if (!st)
			return gp_stmt_failed(db);
		sqlite3_bind_int64(st, 1, row);
		sqlite3_bind_text(st, 2, texts[i].lang, -1, SQLITE_STATIC);
		if (texts[i].title)
			sqlite3_bind_text(st, 3, texts[i].title, -1, SQLITE_STATIC);
		if (texts[i].description)
			sqlite3_bind_text(st, 4, texts[i].description, -1, SQLITE_STATIC);
		if ((rc = step_done(db, st, "adding an event text")))
			return rc;
	}
	return GEOPOL_OK;
}

/* ---- versions and citations */

/* The current row of a fact: its first version is the row whose id is the
 * fact id; later versions are in the partial index (schema/005). */
#define CURRENT_ROW_SQL(t) \
	"SELECT id FROM " t " WHERE id = ?1 AND fact_id = ?1 AND rec_to = " GP_SQL_REC_CURRENT \
	" UNION ALL SELECT id FROM " t " WHERE fact_id = ?1 AND fact_id <> id AND rec_to = " \
	GP_SQL_REC_CURRENT

static int bad_kind(geopol_db *db, int kind)
{
	if (kind < GEOPOL_FACT_NAME || kind > GEOPOL_FACT_EVENT)
		return gp_error(db, GEOPOL_EINTERNAL, "internal: no fact kind %d", kind);
	return GEOPOL_OK;
}

int gp_sqlite_fact_current(geopol_db *db, int kind, int64_t fact_id, int64_t *row)
{
	static const char *const sql[] = {
		NULL, CURRENT_ROW_SQL("name"), CURRENT_ROW_SQL("membership"),
		CURRENT_ROW_SQL("relation"), CURRENT_ROW_SQL("event"),
	};
	int rc = bad_kind(db, kind);
	if (rc)
		return rc;
	sqlite3_stmt *st = gp_stmt(db, sql[kind]);
	if (!st)
		return gp_stmt_failed(db);
	sqlite3_bind_int64(st, 1, fact_id);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		*row = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	return rc == SQLITE_ROW ? GEOPOL_OK : GEOPOL_ENOTFOUND;
}

int gp_sqlite_fact_close(geopol_db *db, int kind, int64_t row, int64_t rec_to)
{
	static const char *const sql[] = {
		NULL,
		"UPDATE name SET rec_to = ?2 WHERE id = ?1",
		"UPDATE membership SET rec_to = ?2 WHERE id = ?1",
		"UPDATE relation SET rec_to = ?2 WHERE id = ?1",
		"UPDATE event SET rec_to = ?2 WHERE id = ?1",
	};
	int rc = bad_kind(db, kind);
	if (rc)
		return rc;
	sqlite3_stmt *st = gp_stmt(db, sql[kind]);
	if (!st)
		return gp_stmt_failed(db);
	sqlite3_bind_int64(st, 1, row);
	sqlite3_bind_int64(st, 2, rec_to);
	return step_done(db, st, "closing a fact version");
}

int gp_sqlite_cite_add(geopol_db *db, int kind, int64_t row, int64_t source, const char *quote,
		    int fresh)
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
	int rc = bad_kind(db, kind);
	if (rc)
		return rc;
	sqlite3_stmt *st = gp_stmt(db, fresh ? first_sql[kind] : sql[kind]);
	if (!st)
		return gp_stmt_failed(db);
	sqlite3_bind_int64(st, 1, source);
	sqlite3_bind_int64(st, 2, row);
	if (quote)
		sqlite3_bind_text(st, 3, quote, -1, SQLITE_STATIC);
	return step_done(db, st, "adding a citation");
}

int gp_sqlite_cites_copy(geopol_db *db, int kind, int64_t from, int64_t to)
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
	int rc = bad_kind(db, kind);
	if (rc)
		return rc;
	sqlite3_stmt *st = gp_stmt(db, sql[kind]);
	if (!st)
		return gp_stmt_failed(db);
	sqlite3_bind_int64(st, 1, from);
	sqlite3_bind_int64(st, 2, to);
	return step_done(db, st, "carrying citations over");
}
