/*
 * pg_import.c - the dataset importers' members of the PostgreSQL store
 * (store.h: gp_store.release_begin to .import_put): the statements of
 * sqlite_import.c in PostgreSQL's SQL, with $n parameters. A release's
 * bookkeeping lives in temporary tables of the connection (pg_temp), as
 * SQLite's in its temp schema; GDELT's DATEADDED is read from the details'
 * JSON with ->> where SQLite has json_extract. A coded membership is
 * fact_add's (pg_write.c).
 */
#include "store/pg_internal.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#define CURRENT GP_SQL_REC_CURRENT

/* ---- a release */

int gp_pg_release_begin(geopol_db *db)
{
	static const char *const sql[] = {
		"CREATE TEMP TABLE IF NOT EXISTS gp_release_seen(kind integer NOT NULL, row_id bigint "
		"NOT NULL, PRIMARY KEY (kind, row_id))",
		"CREATE TEMP TABLE IF NOT EXISTS gp_release_source(id bigint PRIMARY KEY)",
		"CREATE TEMP TABLE IF NOT EXISTS gp_release_key(key text COLLATE \"C\" PRIMARY KEY)",
		"CREATE TEMP TABLE IF NOT EXISTS gp_release_span(source_id bigint NOT NULL, by_added "
		"integer NOT NULL, lo bigint NOT NULL, hi bigint NOT NULL)",
		"DELETE FROM pg_temp.gp_release_seen",
		"DELETE FROM pg_temp.gp_release_source",
		"DELETE FROM pg_temp.gp_release_key",
		"DELETE FROM pg_temp.gp_release_span",
	};
	int rc = GEOPOL_OK;
	for (size_t i = 0; i < sizeof sql / sizeof sql[0] && !rc; i++)
		rc = gp_pg_do(db, sql[i], NULL, "starting a release");
	return rc;
}

int gp_pg_release_note(geopol_db *db, const gp_release_note *n)
{
	gp_pg_args a = {0};
	switch (n->what) {
	case GP_NOTE_SOURCE:
		gp_pg_int(&a, n->source_id);
		return gp_pg_do(db, "INSERT INTO pg_temp.gp_release_source(id) VALUES ($1) "
				"ON CONFLICT DO NOTHING", &a, "noting a release's source");
	case GP_NOTE_KEY:
		gp_pg_text(&a, n->key);
		return gp_pg_do(db, "INSERT INTO pg_temp.gp_release_key(key) VALUES ($1) "
				"ON CONFLICT DO NOTHING", &a, "noting a key of a release");
	case GP_NOTE_SPAN:
		gp_pg_int(&a, n->source_id);
		gp_pg_int(&a, n->by_added);
		gp_pg_int(&a, n->lo);
		gp_pg_int(&a, n->hi);
		return gp_pg_do(db, "INSERT INTO pg_temp.gp_release_span(source_id, by_added, lo, hi) "
				"VALUES ($1, $2::int, $3, $4)", &a, "noting a release's span");
	default:
		return gp_error(db, GEOPOL_EINTERNAL, "internal: nothing to note (%d)", n->what);
	}
}

int gp_pg_release_mark(geopol_db *db, int kind, const int64_t *rows, size_t n)
{
	int rc = GEOPOL_OK;
	for (size_t i = 0; i < n && !rc; i++) {
		gp_pg_args a = {0};
		gp_pg_int(&a, kind);
		gp_pg_int(&a, rows[i]);
		rc = gp_pg_do(db, "INSERT INTO pg_temp.gp_release_seen(kind, row_id) VALUES ($1::int, $2) "
			      "ON CONFLICT DO NOTHING", &a, "marking a row of a release");
	}
	return rc;
}

int gp_pg_release_seen(geopol_db *db, int kind, int64_t row)
{
	gp_pg_args a = {0};
	gp_pg_int(&a, kind);
	gp_pg_int(&a, row);
	int rc;
	PGresult *r = gp_pg_run(db, "SELECT 1 FROM pg_temp.gp_release_seen WHERE kind = $1 AND "
				"row_id = $2", &a, "looking up a row of a release", &rc);
	if (!r)
		return rc;
	int seen = PQntuples(r) > 0;
	PQclear(r);
	return seen;
}

/* GP_RELEASE_ENTITY in the SQL. */
#define SEEN_ENTITY_SQL "10"
_Static_assert(GP_RELEASE_ENTITY == 10, "SEEN_ENTITY_SQL is GP_RELEASE_ENTITY");
#define NOT_SEEN(col) col " NOT IN (SELECT row_id FROM pg_temp.gp_release_seen WHERE kind = $2)"
#define ENTITY_SEEN \
	"entity_id IN (SELECT row_id FROM pg_temp.gp_release_seen WHERE kind = " SEEN_ENTITY_SQL ")"
#define OF_SOURCE "(SELECT id FROM pg_temp.gp_release_source)"

int gp_pg_release_end(geopol_db *db, int64_t rec_to, uint64_t *closed)
{
	static const char *const sql[] = {
		"UPDATE membership SET rec_to = $1 WHERE rec_to = " CURRENT " AND coding IS NOT NULL "
		"AND " NOT_SEEN("id") " AND id IN (SELECT membership_id FROM citation WHERE "
		"membership_id IS NOT NULL AND source_id IN " OF_SOURCE ")",
		"UPDATE event SET rec_to = $1 WHERE rec_to = " CURRENT " AND ext_id IS NOT NULL AND "
		NOT_SEEN("id") " AND EXISTS (SELECT 1 FROM citation c JOIN pg_temp.gp_release_span s "
		"ON s.source_id = c.source_id WHERE c.event_id = event.id AND CASE s.by_added WHEN 0 "
		"THEN event.from_lo ELSE (SELECT substring(d.attrs::jsonb ->> 'DATEADDED' FROM "
		"'^\\s*-?[0-9]+')::bigint FROM event_detail d WHERE d.event_id = event.id) END "
		"BETWEEN s.lo AND s.hi)",
		"UPDATE name SET rec_to = $1 WHERE rec_to = " CURRENT " AND " NOT_SEEN("fact_id")
		" AND " ENTITY_SEEN " AND id IN (SELECT name_id FROM citation WHERE name_id IS NOT "
		"NULL AND source_id IN " OF_SOURCE ")",
		"UPDATE entity_attr SET rec_to = $1 WHERE rec_to = " CURRENT " AND " NOT_SEEN("id")
		" AND " ENTITY_SEEN " AND key IN (SELECT key FROM pg_temp.gp_release_key) AND "
		"source_id IN " OF_SOURCE,
	};
	static const int kinds[] = {GEOPOL_FACT_MEMBERSHIP, GEOPOL_FACT_EVENT, GEOPOL_FACT_NAME,
				    GP_RELEASE_ATTR};
	int rc = GEOPOL_OK;
	for (size_t k = 0; k < sizeof sql / sizeof sql[0] && !rc; k++) {
		gp_pg_args a = {0};
		gp_pg_int(&a, rec_to);
		gp_pg_int(&a, kinds[k]);
		PGresult *r = gp_pg_run(db, sql[k], &a, "retracting what a release no longer has", &rc);
		if (!r)
			return rc;
		*closed += (uint64_t)strtoull(PQcmdTuples(r), NULL, 10);
		PQclear(r);
	}
	return rc;
}

/* ---- lookups: each what's statement and parameters */

static const char *look_args(const gp_look *q, gp_pg_args *a)
{
	switch (q->what) {
	case GP_LOOK_ENTITY:
		if (q->id) {
			gp_pg_int(a, q->id);
			return "SELECT id, code, kind, from_lo, from_hi, from_prec, to_lo, to_hi, "
			       "to_prec, COALESCE(life_source, 0), COALESCE(life_rec, rec_from) FROM "
			       "entity WHERE id = $1";
		}
		gp_pg_text(a, q->code);
		return "SELECT id, code, kind, from_lo, from_hi, from_prec, to_lo, to_hi, to_prec, "
		       "COALESCE(life_source, 0), COALESCE(life_rec, rec_from) FROM entity WHERE code = $1";
	case GP_LOOK_XREF:
		gp_pg_int(a, q->id);
		gp_pg_text(a, q->code);
		return "SELECT value FROM entity_xref WHERE entity_id = $1 AND scheme = $2";
	case GP_LOOK_NAME_KEY:
		gp_pg_int(a, q->id);
		gp_pg_text(a, q->key);
		return "SELECT id FROM name WHERE entity_id = $1 AND key = $2 AND rec_to = " CURRENT
		       " LIMIT 1";
	case GP_LOOK_NAMED:
		gp_pg_text(a, q->key);
		gp_pg_int(a, q->kind);
		return "SELECT DISTINCT e.code FROM name n JOIN entity e ON e.id = n.entity_id "
		       "WHERE n.key = $1 AND n.lang = 'en' AND n.rec_to = " CURRENT " AND e.kind = $2 "
		       "LIMIT 2";
	case GP_LOOK_CODED:
		gp_pg_int(a, q->id);
		gp_pg_int(a, q->other);
		gp_pg_int(a, q->role);
		gp_pg_text(a, q->code);
		gp_pg_int(a, gp_from_lo(q->from));
		gp_pg_int(a, q->from.precision);
		gp_pg_int(a, gp_to_lo(q->to));
		gp_pg_int(a, q->to.precision);
		gp_pg_int(a, gp_from_hi(q->from));
		return "SELECT fact_id, (from_lo = $5 AND from_prec = $6 AND to_lo = $7 AND to_prec "
		       "= $8)::int, id FROM membership WHERE org_id = $1 AND member_id = $2 AND role = "
		       "$3 AND coding = $4 AND rec_to = " CURRENT " AND "
		       GP_SQL_OVERLAPS_DEFINITELY("membership", "$7", "$9") " LIMIT 1";
	case GP_LOOK_MEMBERSHIP_FROM:
		gp_pg_int(a, q->id);
		gp_pg_int(a, q->other);
		gp_pg_text(a, q->code);
		gp_pg_int(a, gp_from_lo(q->from));
		return "SELECT id FROM membership WHERE org_id = $1 AND member_id = $2 AND coding = $3 "
		       "AND from_lo = $4 AND rec_to = " CURRENT;
	case GP_LOOK_MEMBERSHIP_ATTRS:
		gp_pg_int(a, q->id);
		return "SELECT key, value FROM membership_attr WHERE membership_id = $1";
	case GP_LOOK_ATTR:
		gp_pg_int(a, q->id);
		gp_pg_text(a, q->key);
		gp_pg_text(a, q->value);
		return "SELECT id, (value = $3)::int FROM entity_attr WHERE entity_id = $1 AND key = $2 "
		       "AND rec_to = " CURRENT;
	case GP_LOOK_EVENT_TYPE:
		gp_pg_text(a, q->code);
		return "SELECT name, goldstein FROM event_type WHERE code = $1";
	case GP_LOOK_EVENT_EXT:
		gp_pg_text(a, q->code);
		/* By event_key's index on (ext_id, rec_to), then in the one
		 * partition the key names (schema/pg/005). */
		return "SELECT d.digest, v.id, v.fact_id FROM event_key k JOIN event v ON v.id = k.id "
		       "AND v.from_lo = k.from_lo LEFT JOIN event_detail d ON d.event_id = v.id "
		       "WHERE k.ext_id = $1 AND k.rec_to = " CURRENT;
	default:
		return NULL;
	}
}

/* Row i of r into *row, as sqlite_import.c's read_look reads it. */
static void read_look(const PGresult *r, int i, int what, gp_look_row *row)
{
	switch (what) {
	case GP_LOOK_ENTITY:
		row->id = gp_pg_get_int(r, i, 0);
		row->text = gp_pg_get_text(r, i, 1);
		row->kind = (int)gp_pg_get_int(r, i, 2);
		for (int k = 0; k < 6; k++)
			row->v[k] = gp_pg_get_int(r, i, 3 + k);
		row->source = gp_pg_get_int(r, i, 9);
		row->rec = gp_pg_get_int(r, i, 10);
		break;
	case GP_LOOK_XREF:
	case GP_LOOK_NAMED:
		row->text = gp_pg_get_text(r, i, 0);
		break;
	case GP_LOOK_NAME_KEY:
	case GP_LOOK_MEMBERSHIP_FROM:
		row->id = gp_pg_get_int(r, i, 0);
		break;
	case GP_LOOK_CODED:
		row->fact = gp_pg_get_int(r, i, 0);
		row->same = (int)gp_pg_get_int(r, i, 1);
		row->id = gp_pg_get_int(r, i, 2);
		break;
	case GP_LOOK_MEMBERSHIP_ATTRS:
		row->text = gp_pg_get_text(r, i, 0);
		row->text2 = gp_pg_get_text(r, i, 1);
		break;
	case GP_LOOK_ATTR:
		row->id = gp_pg_get_int(r, i, 0);
		row->same = (int)gp_pg_get_int(r, i, 1);
		break;
	case GP_LOOK_EVENT_TYPE: {
		const char *g = gp_pg_get_text(r, i, 1);
		row->text = gp_pg_get_text(r, i, 0);
		row->real = g ? strtod(g, NULL) : NAN;
		break;
	}
	case GP_LOOK_EVENT_EXT:
		row->text = gp_pg_get_text(r, i, 0);
		row->id = gp_pg_get_int(r, i, 1);
		row->fact = gp_pg_get_int(r, i, 2);
		break;
	}
}

int gp_pg_look(geopol_db *db, const gp_look *q, int (*each)(void *ctx, const gp_look_row *r),
	       void *ctx)
{
	gp_pg_args a = {0};
	const char *sql = look_args(q, &a);
	if (!sql)
		return gp_error(db, GEOPOL_EINTERNAL, "internal: nothing to look up (%d)", q->what);
	int rc;
	PGresult *r = gp_pg_run(db, sql, &a, "looking up what an import has", &rc);
	if (!r)
		return rc;
	for (int i = 0, n = PQntuples(r); i < n && !rc; i++) {
		gp_look_row row = {0};
		read_look(r, i, q->what, &row);
		rc = each(ctx, &row);
	}
	PQclear(r);
	return rc;
}

/* ---- rows written */

/* Run sql and read the id it returns into *out. */
static int returning(geopol_db *db, const char *sql, const gp_pg_args *a, const char *what,
		     int64_t *out)
{
	int rc;
	PGresult *r = gp_pg_run(db, sql, a, what, &rc);
	if (!r)
		return rc;
	int got = PQntuples(r) > 0;
	if (got)
		*out = gp_pg_get_int(r, 0, 0);
	PQclear(r);
	return got ? GEOPOL_OK : gp_error(db, GEOPOL_EDB, "%s: nothing added", what);
}

int gp_pg_fact_copy(geopol_db *db, int kind, int64_t row, int64_t rec_from, int64_t *out)
{
	if (kind != GEOPOL_FACT_MEMBERSHIP)
		return gp_error(db, GEOPOL_EINTERNAL, "internal: no copy of a version of kind %d", kind);
	gp_pg_args a = {0};
	gp_pg_int(&a, row);
	gp_pg_int(&a, rec_from);
	return returning(db, "INSERT INTO membership(fact_id, org_id, member_id, role, from_lo, "
			 "from_hi, from_prec, to_lo, to_hi, to_prec, rec_from, coding, stage) SELECT "
			 "fact_id, org_id, member_id, role, from_lo, from_hi, from_prec, to_lo, to_hi, "
			 "to_prec, $2, coding, stage FROM membership WHERE id = $1 RETURNING id", &a,
			 "adding a membership version", out);
}

static int put_attr(geopol_db *db, const gp_import_put *p, int64_t *row)
{
	int rc;
	if (p->replaces) {
		gp_pg_args c = {0};
		gp_pg_int(&c, p->replaces);
		gp_pg_int(&c, p->rec_from);
		if ((rc = gp_pg_do(db, "UPDATE entity_attr SET rec_to = $2 WHERE id = $1", &c,
				   "closing an entity attribute")))
			return rc;
	}
	gp_pg_args a = {0};
	gp_pg_int(&a, p->id);
	gp_pg_text(&a, p->key);
	gp_pg_text(&a, p->value);
	gp_pg_int(&a, p->source);
	gp_pg_int(&a, p->rec_from);
	return returning(db, "INSERT INTO entity_attr(entity_id, key, value, source_id, rec_from) "
			 "VALUES ($1, $2, $3, $4, $5) RETURNING id", &a, "adding an entity attribute",
			 row);
}

static int put_life(geopol_db *db, const gp_import_put *p)
{
	int rc;
	if (p->keep) {
		gp_pg_args k = {0};
		gp_pg_int(&k, p->id);
		gp_pg_int(&k, p->rec_from);
		if ((rc = gp_pg_do(db, "INSERT INTO entity_life(entity_id, from_lo, from_hi, from_prec, "
				   "to_lo, to_hi, to_prec, source_id, rec_from, rec_to) SELECT id, from_lo, "
				   "from_hi, from_prec, to_lo, to_hi, to_prec, life_source, COALESCE(life_rec, "
				   "rec_from), $2 FROM entity WHERE id = $1", &k,
				   "keeping an entity's earlier life")))
			return rc;
	}
	gp_pg_args a = {0};
	gp_pg_int(&a, p->id);
	gp_pg_interval(&a, p->from, p->to);
	gp_pg_int(&a, p->source);
	gp_pg_int(&a, p->keep);
	gp_pg_int(&a, p->rec_from);
	return gp_pg_do(db, "UPDATE entity SET from_lo = $2::int, from_hi = $3::int, from_prec = "
			"$4::int, to_lo = $5::int, to_hi = $6::int, to_prec = $7::int, life_source = $8, "
			"life_rec = CASE WHEN $9 <> 0 THEN $10 ELSE life_rec END WHERE id = $1", &a,
			"dating an entity");
}

static int put_event_detail(geopol_db *db, const gp_import_put *p)
{
	const gp_event_detail *x = p->detail;
	char *attrs = NULL;
	if (x->attrs && !(attrs = strndup(x->attrs, x->attrs_len)))
		return gp_oom(db);
	gp_pg_args a = {0};
	gp_pg_int(&a, p->id);
	gp_pg_text(&a, x->digest);
	if (x->quad > 0)
		gp_pg_int(&a, x->quad);
	else
		gp_pg_null_int(&a);
	for (int k = 0; k < 3; k++)
		if (x->counts[k] >= 0)
			gp_pg_int(&a, x->counts[k]);
		else
			gp_pg_null_int(&a);
	for (int k = 0; k < 3; k++)
		gp_pg_double(&a, x->reals[k]);
	gp_pg_text(&a, attrs);
	int rc = gp_pg_do(db, "INSERT INTO event_detail(event_id, digest, quad_class, num_mentions, "
			  "num_sources, num_articles, avg_tone, lat, lon, attrs) VALUES ($1, $2, "
			  "$3::int, $4::int, $5::int, $6::int, $7, $8, $9, $10)", &a,
			  "adding an event's details");
	free(attrs);
	return rc;
}

int gp_pg_import_put(geopol_db *db, const gp_import_put *p, int64_t *row)
{
	int64_t added = 0;
	gp_pg_args a = {0};
	int rc;
	switch (p->what) {
	case GP_PUT_ATTR:
		rc = put_attr(db, p, &added);
		break;
	case GP_PUT_LIFE:
		rc = put_life(db, p);
		break;
	case GP_PUT_MEMBERSHIP_ATTR:
		gp_pg_int(&a, p->id);
		gp_pg_text(&a, p->key);
		gp_pg_text(&a, p->value);
		rc = gp_pg_do(db, "INSERT INTO membership_attr(membership_id, key, value) VALUES ($1, "
			      "$2, $3) ON CONFLICT (membership_id, key) DO UPDATE SET value = "
			      "excluded.value", &a, "adding a membership attribute");
		break;
	case GP_PUT_EVENT_TYPE:
		gp_pg_text(&a, p->key);
		gp_pg_text(&a, p->value);
		gp_pg_text(&a, p->root);
		rc = p->keep ? gp_pg_do(db, "INSERT INTO event_type(code, name, root) VALUES ($1, $2, "
					"$3) ON CONFLICT (code) DO NOTHING", &a,
					"declaring an event type")
			     : gp_pg_do(db, "INSERT INTO event_type(code, name, root) VALUES ($1, $2, "
					"$3) ON CONFLICT (code) DO UPDATE SET name = excluded.name", &a,
					"adding an event type");
		break;
	case GP_PUT_GOLDSTEIN:
		gp_pg_text(&a, p->key);
		gp_pg_double(&a, p->real);
		rc = gp_pg_do(db, "UPDATE event_type SET goldstein = $2 WHERE code = $1", &a,
			      "setting a Goldstein value");
		break;
	case GP_PUT_EVENT_DETAIL:
		rc = put_event_detail(db, p);
		break;
	default:
		return gp_error(db, GEOPOL_EINTERNAL, "internal: nothing to write (%d)", p->what);
	}
	if (!rc && row)
		*row = added;
	return rc;
}
