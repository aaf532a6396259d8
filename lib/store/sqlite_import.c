/*
 * sqlite_import.c - the SQLite store's members for the dataset importers
 * (store.h: gp_store.release_begin to .import_put): a release's
 * bookkeeping in temp tables (gp_release_*, the connection's own, so a
 * release import sees only its own notes), the importers' lookups and the
 * rows only the datasets write. The statements are those io/import_*.c
 * and io/country_map.c ran before the seam, moved unchanged; the rules
 * (what is the same row, a correction, a conflict) stay with them.
 */
#include "store/store.h"
#include "store/sqlite_internal.h"

#include <math.h>

/* One statement of two integer parameters run to its end. */
static int exec_int(geopol_db *db, const char *sql, int64_t a, int64_t b, const char *what)
{
	sqlite3_stmt *st = gp_stmt(db, sql);
	if (!st)
		return gp_stmt_failed(db);
	sqlite3_bind_int64(st, 1, a);
	sqlite3_bind_int64(st, 2, b);
	int rc = sqlite3_step(st);
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? GEOPOL_OK : gp_sql_error(db, what);
}

static int step_done(geopol_db *db, sqlite3_stmt *st, const char *what)
{
	int rc = sqlite3_step(st);
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? GEOPOL_OK : gp_sql_error(db, what);
}

/* ---- a release */

int gp_sqlite_release_begin(geopol_db *db)
{
	static const char *const sql[] = {
		"CREATE TEMP TABLE IF NOT EXISTS gp_release_seen(kind INTEGER NOT NULL, row INTEGER NOT "
		"NULL, PRIMARY KEY (kind, row)) WITHOUT ROWID",
		"CREATE TEMP TABLE IF NOT EXISTS gp_release_source(id INTEGER PRIMARY KEY)",
		"CREATE TEMP TABLE IF NOT EXISTS gp_release_key(key TEXT PRIMARY KEY) WITHOUT ROWID",
		"CREATE TEMP TABLE IF NOT EXISTS gp_release_span(source_id INTEGER NOT NULL, by_added "
		"INTEGER NOT NULL, lo INTEGER NOT NULL, hi INTEGER NOT NULL)",
		"DELETE FROM temp.gp_release_seen",
		"DELETE FROM temp.gp_release_source",
		"DELETE FROM temp.gp_release_key",
		"DELETE FROM temp.gp_release_span",
	};
	int rc = GEOPOL_OK;
	for (size_t i = 0; i < sizeof sql / sizeof sql[0] && !rc; i++)
		rc = gp_exec(db, sql[i]);
	return rc;
}

int gp_sqlite_release_note(geopol_db *db, const gp_release_note *n)
{
	sqlite3_stmt *st;
	switch (n->what) {
	case GP_NOTE_SOURCE:
		return exec_int(db, "INSERT OR IGNORE INTO temp.gp_release_source(id) VALUES (?1)",
				n->source_id, 0, "noting a release's source");
	case GP_NOTE_KEY:
		if (!(st = gp_stmt(db, "INSERT OR IGNORE INTO temp.gp_release_key(key) VALUES (?1)")))
			return gp_stmt_failed(db);
		sqlite3_bind_text(st, 1, n->key, -1, SQLITE_STATIC);
		return step_done(db, st, "noting a key of a release");
	case GP_NOTE_SPAN:
		if (!(st = gp_stmt(db, "INSERT INTO temp.gp_release_span(source_id, by_added, lo, hi) "
				   "VALUES (?1, ?2, ?3, ?4)")))
			return gp_stmt_failed(db);
		sqlite3_bind_int64(st, 1, n->source_id);
		sqlite3_bind_int(st, 2, n->by_added);
		sqlite3_bind_int64(st, 3, n->lo);
		sqlite3_bind_int64(st, 4, n->hi);
		return step_done(db, st, "noting a release's span");
	default:
		return gp_error(db, GEOPOL_EINTERNAL, "internal: nothing to note (%d)", n->what);
	}
}

int gp_sqlite_release_mark(geopol_db *db, int kind, const int64_t *rows, size_t n)
{
	int rc = GEOPOL_OK;
	for (size_t i = 0; i < n && !rc; i++)
		rc = exec_int(db, "INSERT OR IGNORE INTO temp.gp_release_seen(kind, row) VALUES (?1, ?2)",
			      kind, rows[i], "marking a row of a release");
	return rc;
}

int gp_sqlite_release_seen(geopol_db *db, int kind, int64_t row)
{
	sqlite3_stmt *st = gp_stmt(db, "SELECT 1 FROM temp.gp_release_seen WHERE kind = ?1 AND row = ?2");
	if (!st)
		return gp_stmt_failed(db);
	sqlite3_bind_int64(st, 1, kind);
	sqlite3_bind_int64(st, 2, row);
	int rc = sqlite3_step(st);
	sqlite3_reset(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return gp_sql_error(db, "looking up a row of a release");
	return rc == SQLITE_ROW;
}

/* GP_RELEASE_ENTITY in the SQL. */
#define SEEN_ENTITY_SQL "10"
_Static_assert(GP_RELEASE_ENTITY == 10, "SEEN_ENTITY_SQL is GP_RELEASE_ENTITY");

int gp_sqlite_release_end(geopol_db *db, int64_t rec_to, uint64_t *closed)
{
	static const char *const sql[] = {
		"UPDATE membership SET rec_to = ?1 WHERE rec_to = " GP_SQL_REC_CURRENT " AND coding IS NOT "
		"NULL AND id NOT IN (SELECT row FROM temp.gp_release_seen WHERE kind = ?2) AND id IN "
		"(SELECT membership_id FROM citation WHERE membership_id IS NOT NULL AND source_id IN "
		"(SELECT id FROM temp.gp_release_source))",
		"UPDATE event SET rec_to = ?1 WHERE rec_to = " GP_SQL_REC_CURRENT " AND ext_id IS NOT NULL "
		"AND id NOT IN (SELECT row FROM temp.gp_release_seen WHERE kind = ?2) AND EXISTS "
		"(SELECT 1 FROM citation c JOIN temp.gp_release_span s ON s.source_id = c.source_id "
		"WHERE c.event_id = event.id AND CASE s.by_added WHEN 0 THEN event.from_lo ELSE "
		"(SELECT CAST(json_extract(d.attrs, '$.DATEADDED') AS INTEGER) FROM event_detail d "
		"WHERE d.event_id = event.id) END BETWEEN s.lo AND s.hi)",
		"UPDATE name SET rec_to = ?1 WHERE rec_to = " GP_SQL_REC_CURRENT " AND fact_id NOT IN "
		"(SELECT row FROM temp.gp_release_seen WHERE kind = ?2) AND entity_id IN (SELECT row "
		"FROM temp.gp_release_seen WHERE kind = " SEEN_ENTITY_SQL ") AND id IN (SELECT name_id "
		"FROM citation WHERE name_id IS NOT NULL AND source_id IN "
		"(SELECT id FROM temp.gp_release_source))",
		"UPDATE entity_attr SET rec_to = ?1 WHERE rec_to = " GP_SQL_REC_CURRENT " AND id NOT IN "
		"(SELECT row FROM temp.gp_release_seen WHERE kind = ?2) AND entity_id IN (SELECT row "
		"FROM temp.gp_release_seen WHERE kind = " SEEN_ENTITY_SQL ") AND key IN (SELECT key "
		"FROM temp.gp_release_key) AND source_id IN (SELECT id FROM temp.gp_release_source)",
	};
	static const int kinds[] = {GEOPOL_FACT_MEMBERSHIP, GEOPOL_FACT_EVENT, GEOPOL_FACT_NAME,
				    GP_RELEASE_ATTR};
	int rc = GEOPOL_OK;
	for (size_t k = 0; k < sizeof sql / sizeof sql[0] && !rc; k++) {
		rc = exec_int(db, sql[k], rec_to, kinds[k], "retracting what a release no longer has");
		if (!rc)
			*closed += (uint64_t)sqlite3_changes(db->sql);
	}
	return rc;
}

/* ---- lookups */

static const char *look_sql(const gp_look *q)
{
	switch (q->what) {
	case GP_LOOK_ENTITY:
		return q->id ? "SELECT id, code, kind, from_lo, from_hi, from_prec, to_lo, to_hi, to_prec, "
			       "IFNULL(life_source, 0), IFNULL(life_rec, rec_from) FROM entity WHERE id = ?1"
			     : "SELECT id, code, kind, from_lo, from_hi, from_prec, to_lo, to_hi, to_prec, "
			       "IFNULL(life_source, 0), IFNULL(life_rec, rec_from) FROM entity WHERE code = ?2";
	case GP_LOOK_XREF:
		return "SELECT value FROM entity_xref WHERE entity_id = ?1 AND scheme = ?2";
	case GP_LOOK_NAME_KEY:
		return "SELECT id FROM name WHERE entity_id = ?1 AND key = ?3 "
		       "AND rec_to = " GP_SQL_REC_CURRENT " LIMIT 1";
	case GP_LOOK_NAMED:
		return "SELECT DISTINCT e.code FROM name n JOIN entity e ON e.id = n.entity_id "
		       "WHERE n.key = ?3 AND n.lang = 'en' AND n.rec_to = " GP_SQL_REC_CURRENT " "
		       "AND e.kind = ?11 LIMIT 2";
	case GP_LOOK_CODED:
		return "SELECT fact_id, from_lo = ?5 AND from_prec = ?6 AND to_lo = ?7 AND to_prec = ?8, "
		       "id FROM membership WHERE org_id = ?1 AND member_id = ?4 AND role = ?9 AND "
		       "coding = ?2 AND rec_to = " GP_SQL_REC_CURRENT " AND "
		       GP_SQL_OVERLAPS_DEFINITELY("membership", "?7", "?10") " LIMIT 1";
	case GP_LOOK_MEMBERSHIP_FROM:
		return "SELECT id FROM membership WHERE org_id = ?1 AND member_id = ?4 "
		       "AND coding = ?2 AND from_lo = ?5 AND rec_to = " GP_SQL_REC_CURRENT;
	case GP_LOOK_MEMBERSHIP_ATTRS:
		return "SELECT key, value FROM membership_attr WHERE membership_id = ?1";
	case GP_LOOK_ATTR:
		return "SELECT id, value = ?4 FROM entity_attr WHERE entity_id = ?1 "
		       "AND key = ?3 AND rec_to = " GP_SQL_REC_CURRENT;
	case GP_LOOK_EVENT_TYPE:
		return "SELECT name, goldstein FROM event_type WHERE code = ?2";
	case GP_LOOK_EVENT_EXT:
		return "SELECT d.digest, v.id, v.fact_id FROM event v LEFT JOIN event_detail d ON "
		       "d.event_id = v.id WHERE v.ext_id = ?2 AND v.rec_to = " GP_SQL_REC_CURRENT;
	default:
		return NULL;
	}
}

static void bind_look(sqlite3_stmt *st, const gp_look *q)
{
	/* ?1 id, ?2 code, ?3 key, ?4 other or value, ?5.. the interval, ?9 role,
	 * ?11 kind */
	sqlite3_bind_int64(st, 1, q->id);
	if (q->code)
		sqlite3_bind_text(st, 2, q->code, -1, SQLITE_STATIC);
	if (q->key)
		sqlite3_bind_text(st, 3, q->key, -1, SQLITE_STATIC);
	if (q->what == GP_LOOK_ATTR)
		sqlite3_bind_text(st, 4, q->value, -1, SQLITE_STATIC);
	else
		sqlite3_bind_int64(st, 4, q->other);
	if (q->what == GP_LOOK_CODED || q->what == GP_LOOK_MEMBERSHIP_FROM) {
		sqlite3_bind_int64(st, 5, gp_from_lo(q->from));
		sqlite3_bind_int(st, 6, q->from.precision);
		sqlite3_bind_int64(st, 7, gp_to_lo(q->to));
		sqlite3_bind_int(st, 8, q->to.precision);
		sqlite3_bind_int(st, 9, q->role);
		sqlite3_bind_int64(st, 10, gp_from_hi(q->from));
	}
	if (q->what == GP_LOOK_NAMED)
		sqlite3_bind_int(st, 11, q->kind);
}

static void read_look(sqlite3_stmt *st, int what, gp_look_row *r)
{
	switch (what) {
	case GP_LOOK_ENTITY:
		r->id = sqlite3_column_int64(st, 0);
		r->text = (const char *)sqlite3_column_text(st, 1);
		r->kind = sqlite3_column_int(st, 2);
		for (int k = 0; k < 6; k++)
			r->v[k] = sqlite3_column_int64(st, 3 + k);
		r->source = sqlite3_column_int64(st, 9);
		r->rec = sqlite3_column_int64(st, 10);
		break;
	case GP_LOOK_XREF:
	case GP_LOOK_NAMED:
		r->text = (const char *)sqlite3_column_text(st, 0);
		break;
	case GP_LOOK_NAME_KEY:
	case GP_LOOK_MEMBERSHIP_FROM:
		r->id = sqlite3_column_int64(st, 0);
		break;
	case GP_LOOK_CODED:
		r->fact = sqlite3_column_int64(st, 0);
		r->same = sqlite3_column_int(st, 1);
		r->id = sqlite3_column_int64(st, 2);
		break;
	case GP_LOOK_MEMBERSHIP_ATTRS:
		r->text = (const char *)sqlite3_column_text(st, 0);
		r->text2 = (const char *)sqlite3_column_text(st, 1);
		break;
	case GP_LOOK_ATTR:
		r->id = sqlite3_column_int64(st, 0);
		r->same = sqlite3_column_int(st, 1);
		break;
	case GP_LOOK_EVENT_TYPE:
		r->text = (const char *)sqlite3_column_text(st, 0);
		r->real = sqlite3_column_type(st, 1) == SQLITE_NULL ? NAN : sqlite3_column_double(st, 1);
		break;
	case GP_LOOK_EVENT_EXT:
		r->text = (const char *)sqlite3_column_text(st, 0);
		r->id = sqlite3_column_int64(st, 1);
		r->fact = sqlite3_column_int64(st, 2);
		break;
	}
}

int gp_sqlite_look(geopol_db *db, const gp_look *q, int (*each)(void *ctx, const gp_look_row *r),
		   void *ctx)
{
	const char *sql = look_sql(q);
	if (!sql)
		return gp_error(db, GEOPOL_EINTERNAL, "internal: nothing to look up (%d)", q->what);
	sqlite3_stmt *st = gp_stmt(db, sql);
	if (!st)
		return gp_stmt_failed(db);
	bind_look(st, q);
	int rc, stop = 0;
	while (!stop && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		gp_look_row r = {0};
		read_look(st, q->what, &r);
		stop = each(ctx, &r);
	}
	sqlite3_reset(st);
	if (stop)
		return stop;
	return rc == SQLITE_DONE ? GEOPOL_OK : gp_sql_error(db, "looking up what an import has");
}

/* ---- rows written */

int gp_sqlite_fact_copy(geopol_db *db, int kind, int64_t row, int64_t rec_from, int64_t *out)
{
	if (kind != GEOPOL_FACT_MEMBERSHIP)
		return gp_error(db, GEOPOL_EINTERNAL, "internal: no copy of a version of kind %d", kind);
	int rc = exec_int(db, "INSERT INTO membership(fact_id, org_id, member_id, role, from_lo, "
			  "from_hi, from_prec, to_lo, to_hi, to_prec, rec_from, coding, stage) SELECT "
			  "fact_id, org_id, member_id, role, from_lo, from_hi, from_prec, to_lo, to_hi, "
			  "to_prec, ?2, coding, stage FROM membership WHERE id = ?1", row, rec_from,
			  "adding a membership version");
	if (!rc)
		*out = sqlite3_last_insert_rowid(db->sql);
	return rc;
}

static int put_attr(geopol_db *db, const gp_import_put *p, int64_t *row)
{
	int rc;
	if (p->replaces && (rc = exec_int(db, "UPDATE entity_attr SET rec_to = ?2 WHERE id = ?1",
					  p->replaces, p->rec_from, "closing an entity attribute")))
		return rc;
	sqlite3_stmt *st = gp_stmt(db, "INSERT INTO entity_attr(entity_id, key, value, source_id, "
				   "rec_from) VALUES (?1, ?2, ?3, ?4, ?5)");
	if (!st)
		return gp_stmt_failed(db);
	sqlite3_bind_int64(st, 1, p->id);
	sqlite3_bind_text(st, 2, p->key, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, p->value, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 4, p->source);
	sqlite3_bind_int64(st, 5, p->rec_from);
	if ((rc = step_done(db, st, "adding an entity attribute")))
		return rc;
	*row = sqlite3_last_insert_rowid(db->sql);
	return GEOPOL_OK;
}

static int put_life(geopol_db *db, const gp_import_put *p)
{
	sqlite3_stmt *st;
	int rc;
	if (p->keep) {
		if ((rc = exec_int(db, "INSERT INTO entity_life(entity_id, from_lo, from_hi, from_prec, "
				   "to_lo, to_hi, to_prec, source_id, rec_from, rec_to) SELECT id, from_lo, "
				   "from_hi, from_prec, to_lo, to_hi, to_prec, life_source, IFNULL(life_rec, "
				   "rec_from), ?2 FROM entity WHERE id = ?1", p->id, p->rec_from,
				   "keeping an entity's earlier life")))
			return rc;
	}
	st = gp_stmt(db, "UPDATE entity SET from_lo = ?2, from_hi = ?3, from_prec = ?4, to_lo = ?5, "
		     "to_hi = ?6, to_prec = ?7, life_source = ?8, life_rec = CASE WHEN ?9 THEN ?10 "
		     "ELSE life_rec END WHERE id = ?1");
	if (!st)
		return gp_stmt_failed(db);
	sqlite3_bind_int64(st, 1, p->id);
	gp_bind_interval(st, 2, p->from, p->to);
	sqlite3_bind_int64(st, 8, p->source);
	sqlite3_bind_int(st, 9, p->keep);
	sqlite3_bind_int64(st, 10, p->rec_from);
	return step_done(db, st, "dating an entity");
}

static int put_membership_attr(geopol_db *db, const gp_import_put *p)
{
	sqlite3_stmt *st = gp_stmt(db, "INSERT OR REPLACE INTO membership_attr(membership_id, key, "
				   "value) VALUES (?1, ?2, ?3)");
	if (!st)
		return gp_stmt_failed(db);
	sqlite3_bind_int64(st, 1, p->id);
	sqlite3_bind_text(st, 2, p->key, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, p->value, -1, SQLITE_STATIC);
	return step_done(db, st, "adding a membership attribute");
}

static int put_event_type(geopol_db *db, const gp_import_put *p)
{
	sqlite3_stmt *st = gp_stmt(db, p->keep
		? "INSERT INTO event_type(code, name, root) VALUES (?1, ?2, ?3) ON CONFLICT(code) DO NOTHING"
		: "INSERT INTO event_type(code, name, root) VALUES (?1, ?2, ?3) "
		  "ON CONFLICT(code) DO UPDATE SET name = excluded.name");
	if (!st)
		return gp_stmt_failed(db);
	sqlite3_bind_text(st, 1, p->key, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, p->value, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, p->root, -1, SQLITE_STATIC);
	return step_done(db, st, p->keep ? "declaring an event type" : "adding an event type");
}

static int put_goldstein(geopol_db *db, const gp_import_put *p)
{
	sqlite3_stmt *st = gp_stmt(db, "UPDATE event_type SET goldstein = ?2 WHERE code = ?1");
	if (!st)
		return gp_stmt_failed(db);
	sqlite3_bind_text(st, 1, p->key, -1, SQLITE_STATIC);
	if (!isnan(p->real))
		sqlite3_bind_double(st, 2, p->real);
	return step_done(db, st, "setting a Goldstein value");
}

static int put_event_detail(geopol_db *db, const gp_import_put *p)
{
	const gp_event_detail *x = p->detail;
	sqlite3_stmt *st = gp_stmt(db,
		"INSERT INTO event_detail(event_id, digest, quad_class, num_mentions, num_sources, "
		"num_articles, avg_tone, lat, lon, attrs) VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9,?10)");
	if (!st)
		return gp_stmt_failed(db);
	sqlite3_bind_int64(st, 1, p->id);
	sqlite3_bind_text(st, 2, x->digest, -1, SQLITE_STATIC);
	if (x->quad > 0)
		sqlite3_bind_int(st, 3, x->quad);
	for (int k = 0; k < 3; k++)
		if (x->counts[k] >= 0)
			sqlite3_bind_int64(st, 4 + k, x->counts[k]);
	for (int k = 0; k < 3; k++)
		if (!isnan(x->reals[k]))
			sqlite3_bind_double(st, 7 + k, x->reals[k]);
	if (x->attrs)
		sqlite3_bind_text(st, 10, x->attrs, (int)x->attrs_len, SQLITE_STATIC);
	return step_done(db, st, "adding an event's details");
}

int gp_sqlite_import_put(geopol_db *db, const gp_import_put *p, int64_t *row)
{
	int64_t added = 0;
	int rc;
	switch (p->what) {
	case GP_PUT_ATTR: rc = put_attr(db, p, &added); break;
	case GP_PUT_LIFE: rc = put_life(db, p); break;
	case GP_PUT_MEMBERSHIP_ATTR: rc = put_membership_attr(db, p); break;
	case GP_PUT_EVENT_TYPE: rc = put_event_type(db, p); break;
	case GP_PUT_GOLDSTEIN: rc = put_goldstein(db, p); break;
	case GP_PUT_EVENT_DETAIL: rc = put_event_detail(db, p); break;
	default: return gp_error(db, GEOPOL_EINTERNAL, "internal: nothing to write (%d)", p->what);
	}
	if (!rc && row)
		*row = added;
	return rc;
}
