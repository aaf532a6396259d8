/*
 * import_dataset.c - what the dataset importers share: sources, coded
 * memberships, cited names, bad-row handling and strict number parsing.
 */
#include "io/dataset_internal.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>


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

static int text_int(geopol_db *db, const char *sql, const char *text)
{
	sqlite3_stmt *st = gp_stmt(db, sql);
	if (!st)
		return gp_stmt_failed(db);
	sqlite3_bind_text(st, 1, text, -1, SQLITE_STATIC);
	int rc = sqlite3_step(st);
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? GEOPOL_OK : gp_sql_error(db, "noting a key of a release");
}

int gp_dataset_source(geopol_db *db, const geopol_source_spec *spec, int64_t *id)
{
	int rc = gp_source_id(db, spec->code, id);
	if (rc == GEOPOL_ENOTFOUND) {
		if ((rc = gp_source_add(db, spec)) < 0)
			return rc;
		rc = gp_source_id(db, spec->code, id);
	}
	if (!rc && db->release)
		rc = exec_int(db, "INSERT OR IGNORE INTO temp.gp_release_source(id) VALUES (?1)", *id, 0,
			      "noting a release's source");
	return rc;
}

int gp_release_begin(geopol_db *db)
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
	db->release = rc == GEOPOL_OK;
	return rc;
}

int gp_release_span(geopol_db *db, int64_t source_id, int by_added, int64_t lo, int64_t hi)
{
	if (!db->release)
		return GEOPOL_OK;
	sqlite3_stmt *st = gp_stmt(db, "INSERT INTO temp.gp_release_span(source_id, by_added, lo, hi) "
				   "VALUES (?1, ?2, ?3, ?4)");
	if (!st)
		return gp_stmt_failed(db);
	sqlite3_bind_int64(st, 1, source_id);
	sqlite3_bind_int(st, 2, by_added);
	sqlite3_bind_int64(st, 3, lo);
	sqlite3_bind_int64(st, 4, hi);
	int rc = sqlite3_step(st);
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? GEOPOL_OK : gp_sql_error(db, "noting a release's span");
}

int gp_release_mark(geopol_db *db, int kind, int64_t row)
{
	if (!db->release)
		return GEOPOL_OK;
	return exec_int(db, "INSERT OR IGNORE INTO temp.gp_release_seen(kind, row) VALUES (?1, ?2)",
			kind, row, "marking a row of a release");
}

int gp_release_seen(geopol_db *db, int kind, int64_t row)
{
	if (!db->release)
		return 0;
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

/*
 * What the release no longer has, closed at the import's stamp so that
 * "known at" an earlier time still answers as the earlier release did:
 * - the current memberships of a dataset coding citing one of its sources
 *   (COW and ATOP files are each the whole dataset);
 * - the events with a dataset id citing one of its sources and lying in the
 *   span its files cover (gp_release_span: the days of their events, or the
 *   DATEADDED of GDELT's own exports), so that a new GDELT day or one ICEWS
 *   year retracts nothing outside itself;
 * - the names citing one of its sources of the entities it names again;
 * - the attributes, of the keys it writes, of the entities it writes some
 *   of, that it gave no more.
 */
int gp_release_end(geopol_db *db, geopol_import_stats *stats)
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
		"FROM temp.gp_release_seen WHERE kind = " GP_SEEN_ENTITY_SQL ") AND id IN (SELECT name_id "
		"FROM citation WHERE name_id IS NOT NULL AND source_id IN "
		"(SELECT id FROM temp.gp_release_source))",
		"UPDATE entity_attr SET rec_to = ?1 WHERE rec_to = " GP_SQL_REC_CURRENT " AND id NOT IN "
		"(SELECT row FROM temp.gp_release_seen WHERE kind = ?2) AND entity_id IN (SELECT row "
		"FROM temp.gp_release_seen WHERE kind = " GP_SEEN_ENTITY_SQL ") AND key IN (SELECT key "
		"FROM temp.gp_release_key) AND source_id IN (SELECT id FROM temp.gp_release_source)",
	};
	static const int kinds[] = {GEOPOL_FACT_MEMBERSHIP, GEOPOL_FACT_EVENT, GEOPOL_FACT_NAME,
				    GP_SEEN_ATTR};
	int rc = GEOPOL_OK;
	for (size_t k = 0; k < sizeof sql / sizeof sql[0] && !rc; k++) {
		rc = exec_int(db, sql[k], db->stamp, kinds[k], "retracting what a release no longer has");
		if (!rc)
			stats->retracted += (uint64_t)sqlite3_changes(db->sql);
	}
	db->release = 0;
	return rc;
}

/* A new version of a membership row, the same in all but recorded time
 * (ATOP: a member's obligations changed in a new release): the row is
 * closed, its copy appended with the citations; *out is the copy. */
int gp_membership_new_version(geopol_db *db, int64_t row, int64_t *out)
{
	int rc = exec_int(db, "UPDATE membership SET rec_to = ?2 WHERE id = ?1", row, db->stamp,
			  "closing a membership version");
	if (!rc)
		rc = exec_int(db, "INSERT INTO membership(fact_id, org_id, member_id, role, from_lo, "
			      "from_hi, from_prec, to_lo, to_hi, to_prec, rec_from, coding, stage) SELECT "
			      "fact_id, org_id, member_id, role, from_lo, from_hi, from_prec, to_lo, to_hi, "
			      "to_prec, ?2, coding, stage FROM membership WHERE id = ?1", row, db->stamp,
			      "adding a membership version");
	if (rc)
		return rc;
	*out = sqlite3_last_insert_rowid(db->sql);
	db->last_row = *out;
	if ((rc = gp_copy_citations(db, GEOPOL_FACT_MEMBERSHIP, row, *out)))
		return rc;
	return gp_release_mark(db, GEOPOL_FACT_MEMBERSHIP, *out);
}

int gp_coded_membership(geopol_db *db, const char *coding, int64_t org_id, const char *org,
			int64_t member_id, const char *member, int role, geopol_date from,
			geopol_date to, int64_t source_id, const char *quote)
{
	int rc = gp_check_interval(db, "membership", from, to);
	if (rc)
		return rc;
	if (org_id == member_id)
		return gp_error(db, GEOPOL_EINVAL, "'%s' cannot be a member of itself", gp_short(member));
	sqlite3_stmt *st = gp_stmt(db,
		"SELECT fact_id, from_lo = ?5 AND from_prec = ?6 AND to_lo = ?7 AND to_prec = ?8, id "
		"FROM membership WHERE org_id = ?1 AND member_id = ?2 AND role = ?3 AND coding = ?4 "
		"AND rec_to = " GP_SQL_REC_CURRENT " AND " GP_SQL_OVERLAPS_DEFINITELY("membership", "?7", "?9")
		" LIMIT 1");
	if (!st)
		return gp_stmt_failed(db);
	sqlite3_bind_int64(st, 1, org_id);
	sqlite3_bind_int64(st, 2, member_id);
	sqlite3_bind_int(st, 3, role);
	sqlite3_bind_text(st, 4, coding, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 5, gp_from_lo(from));
	sqlite3_bind_int(st, 6, from.precision);
	sqlite3_bind_int64(st, 7, gp_to_lo(to));
	sqlite3_bind_int(st, 8, to.precision);
	sqlite3_bind_int64(st, 9, gp_from_hi(from));
	rc = sqlite3_step(st);
	int64_t fact = 0;
	if (rc == SQLITE_ROW) {
		int64_t have = sqlite3_column_int64(st, 0), row = sqlite3_column_int64(st, 2);
		int same = sqlite3_column_int(st, 1);
		sqlite3_reset(st);
		if (same)
			return (rc = gp_release_mark(db, GEOPOL_FACT_MEMBERSHIP, row)) ? rc : GP_UNCHANGED;
		/* A release may correct a row of the earlier one, once. */
		int seen = gp_release_seen(db, GEOPOL_FACT_MEMBERSHIP, row);
		if (seen < 0)
			return seen;
		if (!db->release || seen)
			return gp_error(db, GEOPOL_ECONFLICT,
					"membership of '%s' in '%s' as %s overlaps a stored one of the "
					"same coding %s (fact %lld)", gp_short(member), gp_short(org),
					geopol_role_name(role), gp_short(coding), (long long)have);
		int64_t old;
		if ((rc = gp_close_current(db, GEOPOL_FACT_MEMBERSHIP, have, &old)))
			return rc;
		fact = have;
	} else {
		sqlite3_reset(st);
		if (rc != SQLITE_DONE)
			return gp_sql_error(db, "looking up a membership");
	}
	st = gp_stmt(db,
		"INSERT INTO membership(fact_id, org_id, member_id, role, from_lo, from_hi, from_prec, "
		"to_lo, to_hi, to_prec, rec_from, coding, stage) VALUES (COALESCE(?13, "
		"(SELECT IFNULL(MAX(id), 0) + 1 FROM membership)),?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12)");
	if (!st)
		return gp_stmt_failed(db);
	sqlite3_bind_int64(st, 1, org_id);
	sqlite3_bind_int64(st, 2, member_id);
	sqlite3_bind_int(st, 3, role);
	gp_bind_interval(st, 4, from, to);
	sqlite3_bind_int64(st, 10, db->stamp);
	sqlite3_bind_text(st, 11, coding, -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 12, gp_stage_stored(role, 0));
	if (fact)
		sqlite3_bind_int64(st, 13, fact);
	rc = sqlite3_step(st);
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return gp_sql_error(db, "adding a membership");
	int64_t row = sqlite3_last_insert_rowid(db->sql);
	db->last_row = row;
	if ((rc = gp_cite_row(db, GEOPOL_FACT_MEMBERSHIP, row, source_id, quote)) ||
	    (rc = gp_release_mark(db, GEOPOL_FACT_MEMBERSHIP, row)))
		return rc;
	db->last_row = row;
	return fact ? GP_CORRECTED : GEOPOL_OK;
}

int gp_entity_attr_set(geopol_db *db, int64_t entity, const char *key, const char *value,
		       int64_t source_id)
{
	int rc;
	if (db->release &&
	    ((rc = gp_release_mark(db, GP_SEEN_ENTITY, entity)) ||
	     (rc = text_int(db, "INSERT OR IGNORE INTO temp.gp_release_key(key) VALUES (?1)", key))))
		return rc;
	sqlite3_stmt *st = gp_stmt(db, "SELECT id, value = ?3 FROM entity_attr WHERE entity_id = ?1 "
				   "AND key = ?2 AND rec_to = " GP_SQL_REC_CURRENT);
	if (!st)
		return gp_stmt_failed(db);
	sqlite3_bind_int64(st, 1, entity);
	sqlite3_bind_text(st, 2, key, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, value, -1, SQLITE_STATIC);
	rc = sqlite3_step(st);
	int64_t have = rc == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
	int same = rc == SQLITE_ROW && sqlite3_column_int(st, 1);
	sqlite3_reset(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return gp_sql_error(db, "looking up an entity attribute");
	if (same)
		return (rc = gp_release_mark(db, GP_SEEN_ATTR, have)) ? rc : GP_UNCHANGED;
	/* Never overwritten: the value known until now is closed. */
	if (have && (rc = exec_int(db, "UPDATE entity_attr SET rec_to = ?2 WHERE id = ?1", have,
				   db->stamp, "closing an entity attribute")))
		return rc;
	st = gp_stmt(db, "INSERT INTO entity_attr(entity_id, key, value, source_id, rec_from) "
		     "VALUES (?1, ?2, ?3, ?4, ?5)");
	if (!st)
		return gp_stmt_failed(db);
	sqlite3_bind_int64(st, 1, entity);
	sqlite3_bind_text(st, 2, key, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, value, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 4, source_id);
	sqlite3_bind_int64(st, 5, db->stamp);
	rc = sqlite3_step(st);
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return gp_sql_error(db, "adding an entity attribute");
	if ((rc = gp_release_mark(db, GP_SEEN_ATTR, sqlite3_last_insert_rowid(db->sql))))
		return rc;
	return have ? GP_CORRECTED : GEOPOL_OK;
}

/* An entity's life as stored: its interval, the source that gave it (0:
 * none) and when it was recorded. */
typedef struct stored_life {
	int64_t v[6];             /* from_lo, from_hi, from_prec, to_lo, to_hi, to_prec */
	int64_t source, rec;
} stored_life;

static int read_life(geopol_db *db, int64_t id, stored_life *l)
{
	sqlite3_stmt *st = gp_stmt(db, "SELECT from_lo, from_hi, from_prec, to_lo, to_hi, to_prec, "
				   "IFNULL(life_source, 0), IFNULL(life_rec, rec_from) FROM entity WHERE id = ?1");
	if (!st)
		return gp_stmt_failed(db);
	sqlite3_bind_int64(st, 1, id);
	int rc = sqlite3_step(st);
	for (int k = 0; rc == SQLITE_ROW && k < 6; k++)
		l->v[k] = sqlite3_column_int64(st, k);
	if (rc == SQLITE_ROW) {
		l->source = sqlite3_column_int64(st, 6);
		l->rec = sqlite3_column_int64(st, 7);
	}
	sqlite3_reset(st);
	return rc == SQLITE_ROW ? GEOPOL_OK : gp_sql_error(db, "reading an entity's life");
}

int gp_entity_life(geopol_db *db, int64_t id, geopol_date from, geopol_date to, int64_t source_id,
		   int made)
{
	stored_life l;
	int rc = gp_check_interval(db, "entity", from, to);
	if (rc || (rc = read_life(db, id, &l)))
		return rc;
	if (!made && l.source != source_id)
		return GP_UNCHANGED;
	const int64_t want[6] = {gp_from_lo(from), gp_from_hi(from), from.precision,
				 gp_to_lo(to), gp_to_hi(to), to.precision};
	if (!made && memcmp(want, l.v, sizeof want) == 0)
		return GP_UNCHANGED;
	/* A life recorded before this import is kept as it was known; one
	 * this import wrote is only finished. */
	int closes = !made && l.rec < db->stamp;
	sqlite3_stmt *st;
	if (closes) {
		st = gp_stmt(db, "INSERT INTO entity_life(entity_id, from_lo, from_hi, from_prec, to_lo, "
			     "to_hi, to_prec, source_id, rec_from, rec_to) SELECT id, from_lo, from_hi, "
			     "from_prec, to_lo, to_hi, to_prec, life_source, IFNULL(life_rec, rec_from), ?2 "
			     "FROM entity WHERE id = ?1");
		if (!st)
			return gp_stmt_failed(db);
		sqlite3_bind_int64(st, 1, id);
		sqlite3_bind_int64(st, 2, db->stamp);
		rc = sqlite3_step(st);
		sqlite3_reset(st);
		if (rc != SQLITE_DONE)
			return gp_sql_error(db, "keeping an entity's earlier life");
	}
	st = gp_stmt(db, "UPDATE entity SET from_lo = ?2, from_hi = ?3, from_prec = ?4, to_lo = ?5, "
		     "to_hi = ?6, to_prec = ?7, life_source = ?8, life_rec = CASE WHEN ?9 THEN ?10 "
		     "ELSE life_rec END WHERE id = ?1");
	if (!st)
		return gp_stmt_failed(db);
	sqlite3_bind_int64(st, 1, id);
	gp_bind_interval(st, 2, from, to);
	sqlite3_bind_int64(st, 8, source_id);
	sqlite3_bind_int(st, 9, closes);
	sqlite3_bind_int64(st, 10, db->stamp);
	rc = sqlite3_step(st);
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return gp_sql_error(db, "dating an entity");
	return closes ? GP_CORRECTED : made ? GEOPOL_OK : GP_UNCHANGED;
}

int gp_dataset_entity(geopol_db *db, const geopol_entity_spec *spec, int64_t source_id)
{
	int rc = gp_entity_add(db, spec), life;
	int64_t id;
	if (rc < 0)
		return rc;
	if ((life = gp_entity_id(db, spec->code, "entity", &id)) ||
	    (life = gp_entity_life(db, id, spec->from, spec->to, source_id, rc == GEOPOL_OK)) < 0)
		return life;
	return life == GP_CORRECTED ? life : rc;
}

int gp_cited_name(geopol_db *db, const char *entity, const char *text, const char *lang,
		  int kind, int64_t source_id)
{
	geopol_name_spec n = GEOPOL_NAME_SPEC_INIT;
	n.entity = entity;
	n.text = text;
	n.lang = lang;
	n.kind = kind;
	int64_t fact, id;
	int rc = gp_name_add(db, &n, 0, &fact);
	if (rc == GEOPOL_OK)
		rc = gp_cite_row(db, GEOPOL_FACT_NAME, db->last_row, source_id, NULL);
	if (rc < 0 || !db->release)
		return rc;
	int mark = gp_entity_id(db, entity, "entity", &id);
	if (!mark)
		mark = gp_release_mark(db, GP_SEEN_ENTITY, id);
	if (!mark)
		mark = gp_release_mark(db, GEOPOL_FACT_NAME, fact);
	return mark ? mark : rc;
}

/* A value quoted in a message: bytes that are not UTF-8 text, and control
 * characters, as \xHH, so that stderr gets one clean line. */
static void clean_text(char *out, size_t size, const char *in)
{
	size_t w = 0;
	while (*in && w + 5 < size) {
		long bad = gp_utf8_bad(in);
		size_t ok = bad < 0 ? strlen(in) : (size_t)bad;
		for (size_t i = 0; i < ok && w + 5 < size; i++, in++) {
			unsigned char b = (unsigned char)*in;
			if (b < 0x20 || b == 0x7F)
				w += (size_t)snprintf(out + w, size - w, "\\x%02X", b);
			else
				out[w++] = (char)b;
		}
		if (bad >= 0 && *in && w + 5 < size)
			w += (size_t)snprintf(out + w, size - w, "\\x%02X", (unsigned char)*in++);
	}
	out[w] = '\0';
}

int gp_bad_row(gp_csv *c, const geopol_import_options *opts, geopol_import_stats *stats,
	       const char *column, const char *fmt, ...)
{
	char raw[512], what[512];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(raw, sizeof raw, fmt, ap);
	va_end(ap);
	clean_text(what, sizeof what, raw);
	if (opts && opts->skip_bad_rows) {
		char line[GP_ERRMSG_SIZE], msg[GP_ERRMSG_SIZE];
		snprintf(line, sizeof line, "%s:%ld:%s: %s", c->path, c->line, column, what);
		/* One printable line, as every message (a column name may hold a
		 * newline: found by fuzz_import_cameo). */
		gp_printable(msg, sizeof msg, line, strlen(line));
		stats->skipped++;
		if (opts->skipped)
			opts->skipped(opts->ctx, msg);
		return GP_SKIP;
	}
	return gp_error(c->db, GEOPOL_EINVAL, "%s:%ld:%s: %s", c->path, c->line, column, what);
}

int gp_check_record(gp_csv *c, const geopol_import_options *opts, geopol_import_stats *stats,
		    size_t extra, int utf8)
{
	if (c->n < c->n_header || c->n > c->n_header + extra) {
		size_t at = c->n < c->n_header ? c->n : c->n_header - 1;
		return gp_bad_row(c, opts, stats, gp_csv_colname(c, at), "expected %zu fields, found %zu",
				  c->n_header, c->n);
	}
	if (c->nul_field >= 0) {
		size_t k = (size_t)c->nul_field - (c->n - c->n_header);
		return gp_bad_row(c, opts, stats, gp_csv_colname(c, k), "a NUL byte inside the field");
	}
	for (size_t i = 0; utf8 && i < c->n; i++) {
		size_t k = i - (c->n - c->n_header);
		int rc = gp_check_text(c, opts, stats, i, gp_csv_colname(c, k));
		if (rc)
			return rc;
	}
	return GEOPOL_OK;
}

int gp_check_text(gp_csv *c, const geopol_import_options *opts, geopol_import_stats *stats,
		  size_t i, const char *column)
{
	if (i >= c->n)
		return GEOPOL_OK;
	long bad = gp_utf8_bad(c->field[i]);
	if (bad < 0)
		return GEOPOL_OK;
	return gp_bad_row(c, opts, stats, column, "not valid UTF-8 (byte 0x%02X at offset %ld)",
			  (unsigned char)c->field[i][bad], bad);
}

int gp_row_fail(gp_csv *c, int rc)
{
	char detail[GP_ERRMSG_SIZE];
	snprintf(detail, sizeof detail, "%s", c->db->errmsg);
	gp_error(c->db, rc, "%s:%ld: %s", c->path, c->line, detail);
	return rc;
}

int gp_parse_int(const char *s, long *out)
{
	char *end;
	if (!s || !*s)
		return -1;
	errno = 0;
	long v = strtol(s, &end, 10);
	if (errno || *end || end == s)
		return -1;
	*out = v;
	return 0;
}

int gp_parse_double(const char *s, double *out)
{
	char *end;
	if (!s || !*s)
		return -1;
	errno = 0;
	double v = strtod(s, &end);
	if (errno || *end || end == s || !isfinite(v))
		return -1;
	*out = v;
	return 0;
}

void gp_csv_progress(gp_csv *c, const geopol_import_options *opts)
{
	if (opts && opts->progress && (c->line & 1023) == 0)
		opts->progress(opts->ctx, gp_csv_position(c), c->size);
}
