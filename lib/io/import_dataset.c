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


/* The store of the handle, whose members the importers' rows go through. */
#define STORE(db) gp_store_of(db)

int gp_dataset_source(geopol_db *db, const geopol_source_spec *spec, int64_t *id)
{
	int rc = gp_source_id(db, spec->code, id);
	if (rc == GEOPOL_ENOTFOUND) {
		if ((rc = gp_source_add(db, spec)) < 0)
			return rc;
		rc = gp_source_id(db, spec->code, id);
	}
	if (!rc && db->release) {
		gp_release_note n = {.what = GP_NOTE_SOURCE, .source_id = *id};
		rc = STORE(db)->release_note(db, &n);
	}
	return rc;
}

int gp_release_begin(geopol_db *db)
{
	int rc = STORE(db)->release_begin(db);
	db->release = rc == GEOPOL_OK;
	return rc;
}

int gp_release_span(geopol_db *db, int64_t source_id, int by_added, int64_t lo, int64_t hi)
{
	if (!db->release)
		return GEOPOL_OK;
	gp_release_note n = {.what = GP_NOTE_SPAN, .source_id = source_id, .by_added = by_added,
			     .lo = lo, .hi = hi};
	return STORE(db)->release_note(db, &n);
}

int gp_release_mark(geopol_db *db, int kind, int64_t row)
{
	if (!db->release)
		return GEOPOL_OK;
	return STORE(db)->release_mark(db, kind, &row, 1);
}

int gp_release_seen(geopol_db *db, int kind, int64_t row)
{
	if (!db->release)
		return 0;
	return STORE(db)->release_seen(db, kind, row);
}

/*
 * What the release no longer has, closed at the import's stamp so that
 * "known at" an earlier time still answers as the earlier release did
 * (gp_store.release_end, one statement a kind):
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
	int rc = STORE(db)->release_end(db, db->stamp, &stats->retracted);
	db->release = 0;
	return rc;
}

/* A new version of a membership row, the same in all but recorded time
 * (ATOP: a member's obligations changed in a new release): the row is
 * closed, its copy appended with the citations; *out is the copy. */
int gp_membership_new_version(geopol_db *db, int64_t row, int64_t *out)
{
	int rc = STORE(db)->fact_close(db, GEOPOL_FACT_MEMBERSHIP, row, db->stamp);
	if (!rc)
		rc = STORE(db)->fact_copy(db, GEOPOL_FACT_MEMBERSHIP, row, db->stamp, out);
	if (rc)
		return rc;
	db->last_row = *out;
	if ((rc = gp_copy_citations(db, GEOPOL_FACT_MEMBERSHIP, row, *out)))
		return rc;
	return gp_release_mark(db, GEOPOL_FACT_MEMBERSHIP, *out);
}

typedef struct first_row {
	gp_look_row row;
	char *text;
	size_t size;
} first_row;

/* The first row a lookup finds, copied (its text into the buffer). */
static int take_first(void *ctx, const gp_look_row *r)
{
	first_row *f = ctx;
	f->row = *r;
	f->row.text = f->row.text2 = NULL; /* borrowed for the call only */
	if (f->text)
		snprintf(f->text, f->size, "%s", r->text ? r->text : "");
	return 1;
}

int gp_look_one(geopol_db *db, const gp_look *q, gp_look_row *r, char *text, size_t size,
		int *found)
{
	first_row f = {.text = text, .size = size};
	int rc = STORE(db)->look(db, q, take_first, &f);
	*found = rc == 1;
	if (r)
		*r = f.row;
	return rc == 1 ? GEOPOL_OK : rc;
}

static int look_one(geopol_db *db, const gp_look *q, gp_look_row *r, int *found)
{
	return gp_look_one(db, q, r, NULL, 0, found);
}

int gp_coded_membership(geopol_db *db, const char *coding, int64_t org_id, const char *org,
			int64_t member_id, const char *member, int role, geopol_date from,
			geopol_date to, int64_t source_id, const char *quote)
{
	int rc = gp_check_interval(db, "membership", from, to), found;
	if (rc)
		return rc;
	if (org_id == member_id)
		return gp_error(db, GEOPOL_EINVAL, "'%s' cannot be a member of itself", gp_short(member));
	gp_look q = {.what = GP_LOOK_CODED, .id = org_id, .other = member_id, .role = role,
		     .code = coding, .from = from, .to = to};
	gp_look_row have;
	if ((rc = look_one(db, &q, &have, &found)))
		return rc;
	int64_t fact = 0;
	if (found) {
		if (have.same)
			return (rc = gp_release_mark(db, GEOPOL_FACT_MEMBERSHIP, have.id)) ? rc : GP_UNCHANGED;
		/* A release may correct a row of the earlier one, once. */
		int seen = gp_release_seen(db, GEOPOL_FACT_MEMBERSHIP, have.id);
		if (seen < 0)
			return seen;
		if (!db->release || seen)
			return gp_error(db, GEOPOL_ECONFLICT,
					"membership of '%s' in '%s' as %s overlaps a stored one of the "
					"same coding %s (fact %lld)", gp_short(member), gp_short(org),
					geopol_role_name(role), gp_short(coding), (long long)have.fact);
		int64_t old;
		if ((rc = gp_close_current(db, GEOPOL_FACT_MEMBERSHIP, have.fact, &old)))
			return rc;
		fact = have.fact;
	}
	gp_fact_put f = {.kind = GEOPOL_FACT_MEMBERSHIP, .fact_id = fact, .rec_from = db->stamp,
			 .ent = org_id, .other = member_id, .from = from, .to = to, .code = role,
			 .stage = gp_stage_stored(role, 0), .coding = coding};
	int64_t got, row;
	if ((rc = STORE(db)->fact_add(db, &f, &got, &row)))
		return rc;
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
	int rc, found;
	if (db->release) {
		gp_release_note n = {.what = GP_NOTE_KEY, .key = key};
		if ((rc = gp_release_mark(db, GP_SEEN_ENTITY, entity)) ||
		    (rc = STORE(db)->release_note(db, &n)))
			return rc;
	}
	gp_look q = {.what = GP_LOOK_ATTR, .id = entity, .key = key, .value = value};
	gp_look_row have;
	if ((rc = look_one(db, &q, &have, &found)))
		return rc;
	if (found && have.same)
		return (rc = gp_release_mark(db, GP_SEEN_ATTR, have.id)) ? rc : GP_UNCHANGED;
	/* Never overwritten: the value known until now is closed. */
	gp_import_put p = {.what = GP_PUT_ATTR, .id = entity, .key = key, .value = value,
			   .source = source_id, .rec_from = db->stamp, .replaces = found ? have.id : 0};
	int64_t row;
	if ((rc = STORE(db)->import_put(db, &p, &row)) || (rc = gp_release_mark(db, GP_SEEN_ATTR, row)))
		return rc;
	return found ? GP_CORRECTED : GEOPOL_OK;
}

int gp_entity_life(geopol_db *db, int64_t id, geopol_date from, geopol_date to, int64_t source_id,
		   int made)
{
	gp_look q = {.what = GP_LOOK_ENTITY, .id = id};
	gp_look_row l;
	int found, rc = gp_check_interval(db, "entity", from, to);
	if (rc || (rc = look_one(db, &q, &l, &found)))
		return rc;
	if (!found)
		return gp_error(db, GEOPOL_EDB, "reading an entity's life: entity %lld is not stored",
				(long long)id);
	if (!made && l.source != source_id)
		return GP_UNCHANGED;
	const int64_t want[6] = {gp_from_lo(from), gp_from_hi(from), from.precision,
				 gp_to_lo(to), gp_to_hi(to), to.precision};
	if (!made && memcmp(want, l.v, sizeof want) == 0)
		return GP_UNCHANGED;
	/* A life recorded before this import is kept as it was known; one
	 * this import wrote (recorded at its stamp) is only finished. Not
	 * "l.rec < db->stamp": a store that stamps at commit (PostgreSQL)
	 * hands out provisional stamps below every committed one. */
	int closes = !made && l.rec != db->stamp;
	gp_import_put p = {.what = GP_PUT_LIFE, .id = id, .from = from, .to = to, .source = source_id,
			   .rec_from = db->stamp, .keep = closes};
	if ((rc = STORE(db)->import_put(db, &p, NULL)))
		return rc;
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

/* A plain decimal, [-]digits[.digits] with at most 15 digits in all (the
 * datasets' coordinates, tones, Goldstein values), as strtod reads it: the
 * digits as an integer below 2^53 and a power of ten up to 10^15 are both
 * exact doubles, so their quotient, rounded once, is the correctly rounded
 * value (Clinger's fast path). 0 with *out; -1 for anything else, which
 * strtod reads. */
static int plain_decimal(const char *s, double *out)
{
	static const double ten[16] = {1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
				       1e12, 1e13, 1e14, 1e15};
	int neg = *s == '-', digits = 0, frac = -1;
	uint64_t m = 0;
	for (s += neg;; s++) {
		if (*s >= '0' && *s <= '9') {
			if (++digits > 15)
				return -1;
			m = m * 10 + (uint64_t)(*s - '0');
			if (frac >= 0)
				frac++;
		} else if (*s == '.' && frac < 0) {
			frac = 0;
		} else {
			break;
		}
	}
	if (*s || !digits)
		return -1;
	double v = (double)m / ten[frac > 0 ? frac : 0];
	*out = neg ? -v : v;
	return 0;
}

int gp_parse_double(const char *s, double *out)
{
	if (s && plain_decimal(s, out) == 0)
		return 0;
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
