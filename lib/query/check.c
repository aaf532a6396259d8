/*
 * check.c - geopol_check(): facts that contradict each other or the model.
 *
 * Each rule is one function over the current rows (rule table at the end):
 * it reads the rows the store gives it (gp_store.check_rows: the SQLite
 * store's statements are in store/sqlite_check.c, their columns listed
 * there) and reports each finding through report(). A new rule is one
 * more function, one more line in the table and one more statement.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/geopol_internal.h"
#include "store/store.h"

typedef struct checker {
	geopol_db *db;
	const geopol_check_options *o;
	geopol_check_stats *stats;
	const char *const *langs;    /* core languages of people's names */
	/* the source file last read for the quote rule */
	int64_t file_source;         /* its source id, 0 for none */
	char *text;                  /* its content, or NULL when not at hand */
	size_t len;
} checker;

static const char *const default_langs[] = {"ar", "ru", "kk", "en", "tr", "zh", NULL};
static const char *const default_dirs[] = {".", NULL};

/* One finding: counted, then given to the caller's callback. */
static void report(checker *c, int severity, const char *rule, const char *record, const char *fmt, ...)
{
	char why[512];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(why, sizeof why, fmt, ap);
	va_end(ap);
	if (severity == GEOPOL_CHECK_ERROR)
		c->stats->errors++;
	else
		c->stats->warnings++;
	if (c->o->finding) {
		geopol_finding f = {severity, rule, record, why};
		c->o->finding(c->o->ctx, &f);
	}
}

/* A stored bound as written ("2012-12-19", "2012", or "open"). */
static const char *bound(char *buf, size_t size, int64_t lo, int prec)
{
	if (!prec || lo == GP_OPEN_START || lo == GP_OPEN_END)
		return "open";
	geopol_date_format(gp_date_stored(lo, prec), buf, size);
	return buf;
}

/* "[from, to)" of a stored interval. */
static const char *span(char *buf, size_t size, int64_t flo, int fprec, int64_t tlo, int tprec)
{
	char a[GEOPOL_DATE_BUFSIZE], b[GEOPOL_DATE_BUFSIZE];
	snprintf(buf, size, "[%s, %s)", bound(a, sizeof a, flo, fprec), bound(b, sizeof b, tlo, tprec));
	return buf;
}

#define COL_I(cur, col) (cur)->i((cur), (col))
#define COL_T(cur, col) (cur)->t((cur), (col))

/* The rows of a check (GP_CHECK_*), or an error. */
static int rows(checker *c, int what, const char *arg, gp_tuple_cursor **st)
{
	return gp_store_of(c->db)->check_rows(st, c->db, what, arg);
}

/* The end of a check's rows: GEOPOL_OK when they all were read. */
static int rows_end(gp_tuple_cursor *st, int rc)
{
	gp_tuple_cursor_free(st);
	return rc == GEOPOL_ITEROVER ? GEOPOL_OK : rc;
}

/* ---- rule: a membership or relation outside the life of its entities */

/* Says which end of the fact lies outside which entity's life. The fact's
 * bounds are columns 0-3 (from lo/prec, to lo/prec) of `f`; the entity's
 * code and bounds follow from column `e`. */
static void outside(char *why, size_t size, gp_tuple_cursor *st, int e, int before)
{
	char d1[GEOPOL_DATE_BUFSIZE], d2[GEOPOL_DATE_BUFSIZE];
	if (before)
		snprintf(why, size, "starts %s, before %s exists (from %s)",
			 bound(d1, sizeof d1, COL_I(st, 0), (int)COL_I(st, 1)), COL_T(st, e),
			 bound(d2, sizeof d2, COL_I(st, e + 1), (int)COL_I(st, e + 2)));
	else if (COL_I(st, 3))
		snprintf(why, size, "ends %s, after %s ended (%s)",
			 bound(d1, sizeof d1, COL_I(st, 2), (int)COL_I(st, 3)), COL_T(st, e),
			 bound(d2, sizeof d2, COL_I(st, e + 3), (int)COL_I(st, e + 4)));
	else
		snprintf(why, size, "is still in force, but %s ended (%s)", COL_T(st, e),
			 bound(d2, sizeof d2, COL_I(st, e + 3), (int)COL_I(st, e + 4)));
}

/* GP_CHECK_LIFE_M and _R's columns: fact bounds 0-3 (from lo/prec, to
 * lo/prec); entity x code, from lo/prec, to lo/prec 4-8; entity y 9-13; x
 * before, x after, y before, y after 14-17; then the record's own columns
 * (memberships: fact id, role, of a dataset's coding; relations: fact id,
 * type). */
static void life_findings(checker *c, gp_tuple_cursor *st, const char *record, int severity)
{
	char why[256];
	for (int k = 0; k < 4; k++) {
		if (!COL_I(st, 14 + k))
			continue;
		outside(why, sizeof why, st, k < 2 ? 4 : 9, !(k & 1));
		report(c, severity, "life", record, "%s", why);
	}
}

static int rule_life(checker *c)
{
	/* Rows of a dataset's coding follow that dataset's own idea of a state
	 * (COW continues the USSR as Russia): a warning, not an error. */
	char record[256], iv[64];
	gp_tuple_cursor *st;
	int rc = rows(c, GP_CHECK_LIFE_M, NULL, &st);
	if (rc)
		return rc;
	while ((rc = st->next(st)) == GEOPOL_OK) {
		snprintf(record, sizeof record, "membership %lld: %s in %s as %s %s", (long long)COL_I(st, 18),
			 COL_T(st, 4), COL_T(st, 9), geopol_role_name((int)COL_I(st, 19)),
			 span(iv, sizeof iv, COL_I(st, 0), (int)COL_I(st, 1), COL_I(st, 2), (int)COL_I(st, 3)));
		life_findings(c, st, record, COL_I(st, 20) ? GEOPOL_CHECK_WARNING : GEOPOL_CHECK_ERROR);
	}
	if ((rc = rows_end(st, rc)) || (rc = rows(c, GP_CHECK_LIFE_R, NULL, &st)))
		return rc;
	/* A succession links a state to one that has ended, by definition:
	 * the store leaves successions out. */
	while ((rc = st->next(st)) == GEOPOL_OK) {
		snprintf(record, sizeof record, "relation %lld: %s %s %s %s", (long long)COL_I(st, 18),
			 COL_T(st, 4), COL_T(st, 19), COL_T(st, 9),
			 span(iv, sizeof iv, COL_I(st, 0), (int)COL_I(st, 1), COL_I(st, 2), (int)COL_I(st, 3)));
		life_findings(c, st, record, GEOPOL_CHECK_ERROR);
	}
	return rows_end(st, rc);
}

/* ---- rule: one name for two entities of one kind in one language */

static int rule_name_clash(checker *c)
{
	/* Only names valid at the same time, of entities alive at the same
	 * time: a successor may carry its predecessor's name. Columns: the
	 * two entities' codes, the language, the two texts, the two fact ids. */
	char record[512];
	gp_tuple_cursor *st;
	int rc = rows(c, GP_CHECK_NAME_CLASH, NULL, &st);
	if (rc)
		return rc;
	while ((rc = st->next(st)) == GEOPOL_OK) {
		snprintf(record, sizeof record, "name %lld of %s (%s) \"%s\"", (long long)COL_I(st, 5),
			 COL_T(st, 0), COL_T(st, 2), COL_T(st, 3));
		report(c, GEOPOL_CHECK_ERROR, "name-clash", record,
		       "name %lld of %s, \"%s\", is the same name in the same language at the same time",
		       (long long)COL_I(st, 6), COL_T(st, 1), COL_T(st, 4));
	}
	return rows_end(st, rc);
}

/* ---- rules: rows of one coding that hold on the same day */

/* A row's stage, said only when it is not the default (in force) nor
 * what the role already says (the role 'suspended' of schemas before 9). */
static int says_stage(int64_t role, int64_t stage)
{
	return stage != GEOPOL_STAGE_IN_FORCE && !(role == GEOPOL_ROLE_SUSPENDED && stage == GEOPOL_STAGE_SUSPENDED);
}

static const char *stage_sep(int64_t role, int64_t stage)
{
	return says_stage(role, stage) ? ", " : "";
}

static const char *stage_text(int64_t role, int64_t stage)
{
	return says_stage(role, stage) ? geopol_stage_name((int)stage) : "";
}

/* GP_CHECK_OVERLAP and _SUSPENDED: pairs of current membership rows of
 * one organization, member and coding that surely share a day. Columns:
 * member code, organization code; a's fact id, role, from lo/prec, to
 * lo/prec (2-7); b's (8-13); the coding; a's stage, b's stage. */
static int pairs(checker *c, int which, const char *rule, const char *what)
{
	char record[256], why[256], i1[64], i2[64];
	gp_tuple_cursor *st;
	int rc = rows(c, which, NULL, &st);
	if (rc)
		return rc;
	while ((rc = st->next(st)) == GEOPOL_OK) {
		snprintf(record, sizeof record, "membership %lld: %s in %s as %s%s%s %s", (long long)COL_I(st, 2),
			 COL_T(st, 0), COL_T(st, 1), geopol_role_name((int)COL_I(st, 3)), stage_sep(COL_I(st, 3), COL_I(st, 15)),
			 stage_text(COL_I(st, 3), COL_I(st, 15)),
			 span(i1, sizeof i1, COL_I(st, 4), (int)COL_I(st, 5), COL_I(st, 6), (int)COL_I(st, 7)));
		snprintf(why, sizeof why, "%s membership %lld (%s%s%s %s) of the %s coding", what,
			 (long long)COL_I(st, 8), geopol_role_name((int)COL_I(st, 9)), stage_sep(COL_I(st, 9), COL_I(st, 16)),
			 stage_text(COL_I(st, 9), COL_I(st, 16)),
			 span(i2, sizeof i2, COL_I(st, 10), (int)COL_I(st, 11), COL_I(st, 12), (int)COL_I(st, 13)),
			 COL_T(st, 14));
		report(c, GEOPOL_CHECK_ERROR, rule, record, "%s", why);
	}
	return rows_end(st, rc);
}

static int rule_overlap(checker *c)
{
	/* Each pair once; a suspension is the next rule's. The stages of one
	 * membership (signed, in force, frozen...) follow each other. */
	return pairs(c, GP_CHECK_OVERLAP, "overlap", "holds on the same days as");
}

static int rule_suspended(checker *c)
{
	return pairs(c, GP_CHECK_SUSPENDED, "suspended", "a suspension while a member: it overlaps");
}

/* ---- rule: a person without a name in a core language */

static int rule_person_names(checker *c)
{
	/* Columns: the person's code. */
	char record[128];
	for (const char *const *lang = c->langs; *lang; lang++) {
		gp_tuple_cursor *st;
		int rc = rows(c, GP_CHECK_PERSON_NAMES, *lang, &st);
		if (rc)
			return rc;
		while ((rc = st->next(st)) == GEOPOL_OK) {
			snprintf(record, sizeof record, "person %s", COL_T(st, 0));
			report(c, GEOPOL_CHECK_WARNING, "person-name", record, "has no name in %s", *lang);
		}
		if ((rc = rows_end(st, rc)))
			return rc;
	}
	return GEOPOL_OK;
}

/* ---- rule: a quote that is not in its source's file */

/* The whole file, or NULL when it cannot be read. */
static char *read_file(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return NULL;
	char *buf = NULL;
	size_t cap = 0, n = 0, got;
	do {
		char *grown = gp_grow(buf, &cap, n + 65536 + 1, 1, 65536 + 1);
		if (!grown) {
			free(buf);
			fclose(f);
			return NULL;
		}
		buf = grown;
		got = fread(buf + n, 1, cap - n - 1, f);
		n += got;
	} while (got > 0);
	int bad = ferror(f);
	fclose(f);
	if (bad) {
		free(buf);
		return NULL;
	}
	buf[n] = '\0';
	*len = n;
	return buf;
}

/* Load the file of source `id` (once per source): an absolute path as is,
 * a relative one under each directory of the options in turn. */
static void load_source_file(checker *c, int64_t id, const char *file)
{
	if (c->file_source == id)
		return;
	free(c->text);
	c->text = NULL;
	c->file_source = id;
	if (file[0] == '/') {
		c->text = read_file(file, &c->len);
		return;
	}
	const char *const *dirs = c->o->file_dirs ? c->o->file_dirs : default_dirs;
	for (; *dirs && !c->text; dirs++) {
		size_t n = strlen(*dirs) + strlen(file) + 2;
		char *path = malloc(n);
		if (!path)
			return;
		snprintf(path, n, "%s/%s", *dirs, file);
		c->text = read_file(path, &c->len);
		free(path);
	}
}

/* A quote may hold NUL-free text only; memmem is not in C11. */
static int contains(const char *hay, size_t n, const char *needle)
{
	size_t m = strlen(needle);
	if (m == 0)
		return 1;
	for (const char *p = hay; m <= (size_t)(hay + n - p); p++) {
		p = memchr(p, needle[0], (size_t)(hay + n - p) - m + 1);
		if (!p)
			return 0;
		if (!memcmp(p, needle, m))
			return 1;
	}
	return 0;
}

static int rule_quotes(checker *c)
{
	/* Columns: the source's id, code and file, the quote, the record cited
	 * (NULL: a removed row). */
	char record[256];
	gp_tuple_cursor *st;
	int rc = rows(c, GP_CHECK_QUOTES, NULL, &st);
	if (rc)
		return rc;
	while ((rc = st->next(st)) == GEOPOL_OK) {
		load_source_file(c, COL_I(st, 0), COL_T(st, 2));
		if (!c->text) {
			c->stats->quotes_unchecked++;
			continue;
		}
		c->stats->quotes_checked++;
		if (contains(c->text, c->len, COL_T(st, 3)))
			continue;
		snprintf(record, sizeof record, "citation of %s", COL_T(st, 4) ? COL_T(st, 4) : "a removed row");
		report(c, GEOPOL_CHECK_ERROR, "quote", record, "the quote \"%.120s%s\" is not in %s (source %s)",
		       COL_T(st, 3), strlen(COL_T(st, 3)) > 120 ? "..." : "", COL_T(st, 2), COL_T(st, 1));
	}
	return rows_end(st, rc);
}

/* ---- rule: facts that answers and exports clip to their entities' lives */

/* GP_CHECK_CLIPPED_M and _R's columns: record id, a code, b code, what
 * (role or type), then the bounds (lo, hi, prec of from, the same of to)
 * of the fact (4-9), a (10-15) and b (16-21), then whether the "life" rule
 * reports it. */
static gp_span span_at(gp_tuple_cursor *st, int c)
{
	return (gp_span){COL_I(st, c), COL_I(st, c + 1), COL_I(st, c + 3), COL_I(st, c + 4),
			 (int)COL_I(st, c + 2), (int)COL_I(st, c + 5)};
}

/* Only an open end that takes the entity's date ("since the entity
 * began"): the reading the model gives an open end, not a finding. */
static int open_ends_only(const gp_span *was, const gp_span *now)
{
	int from = was->flo != now->flo || was->fhi != now->fhi;
	int to = was->tlo != now->tlo || was->thi != now->thi;
	return (!from || !was->fprec) && (!to || !was->tprec);
}

static int clipped_rows(checker *c, int which, int relation)
{
	gp_tuple_cursor *st;
	int rc = rows(c, which, NULL, &st);
	if (rc)
		return rc;
	while ((rc = st->next(st)) == GEOPOL_OK) {
		gp_span f = span_at(st, 4), a = span_at(st, 10), b = span_at(st, 16), was = f;
		int left = gp_clip(&f, &a, &b, NULL);
		/* What the "life" rule reports as an error is not repeated. */
		if (COL_I(st, 22) || (left && open_ends_only(&was, &f)))
			continue;
		char record[256], iv[64], now[64];
		const char *what = relation ? COL_T(st, 3) : geopol_role_name((int)COL_I(st, 3));
		span(iv, sizeof iv, was.flo, was.fprec, was.tlo, was.tprec);
		if (relation)
			snprintf(record, sizeof record, "relation %lld: %s %s %s %s", (long long)COL_I(st, 0),
				 COL_T(st, 1), what, COL_T(st, 2), iv);
		else
			snprintf(record, sizeof record, "membership %lld: %s in %s as %s %s",
				 (long long)COL_I(st, 0), COL_T(st, 2), COL_T(st, 1), what, iv);
		if (left)
			report(c, GEOPOL_CHECK_WARNING, "clipped", record,
			       "outlives %s or %s: the snapshot and the exports show it as %s", COL_T(st, 1),
			       COL_T(st, 2), span(now, sizeof now, f.flo, f.fprec, f.tlo, f.tprec));
		else
			report(c, GEOPOL_CHECK_WARNING, "clipped", record,
			       "lies outside the lives of %s and %s: the snapshot and the exports leave it out",
			       COL_T(st, 1), COL_T(st, 2));
	}
	return rows_end(st, rc);
}

/* What geopol_clipped() lists, with the interval the snapshot and the
 * exports show (gp_clip()), but for the rows the "life" rule reports (the
 * last column), open ends, and what the model means to precede or outlive
 * a life (a treaty signed or ratified before its organization exists, a
 * succession): those are clipped too, and are no finding. */
static int rule_clipped(checker *c)
{
	int rc = clipped_rows(c, GP_CHECK_CLIPPED_M, 0);
	return rc ? rc : clipped_rows(c, GP_CHECK_CLIPPED_R, 1);
}

/* ---- the rules, in the order they run */

static const struct {
	const char *name;
	int (*fn)(checker *c);
} rules[] = {
	{"life", rule_life},
	{"name-clash", rule_name_clash},
	{"overlap", rule_overlap},
	{"suspended", rule_suspended},
	{"person-name", rule_person_names},
	{"quote", rule_quotes},
	{"clipped", rule_clipped},
};

int geopol_check(geopol_db *db, const geopol_check_options *opts, geopol_check_stats *stats)
{
	static const geopol_check_options defaults = GEOPOL_CHECK_OPTIONS_INIT;
	if (!db)
		return GEOPOL_EINVAL;
	gp_clear_error(db);
	int rc = gp_check_version(db, "geopol_check_options", opts, GEOPOL_CHECK_OPTIONS_VERSION);
	if (rc)
		return rc;
	geopol_check_stats local;
	if (!stats)
		stats = &local;
	memset(stats, 0, sizeof *stats);
	checker c = {db, opts ? opts : &defaults, stats, NULL, 0, NULL, 0};
	c.langs = c.o->core_langs ? c.o->core_langs : default_langs;
	for (size_t i = 0; !rc && i < sizeof rules / sizeof rules[0]; i++)
		rc = rules[i].fn(&c);
	free(c.text);
	return rc;
}
