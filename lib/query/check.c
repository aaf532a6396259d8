/*
 * check.c - geopol_check(): facts that contradict each other or the model.
 *
 * Each rule is one function over the current rows (rule table at the end):
 * it reads with its own SQL and reports each finding through report(). A
 * new rule is one more function and one more line in the table.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/geopol_internal.h"
#include "store/sql_internal.h"

#define CUR GP_SQL_REC_CURRENT   /* rec_to of a current row */

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

#define COL_I(st, i) sqlite3_column_int64(st, i)
#define COL_T(st, i) ((const char *)sqlite3_column_text(st, i))

static int step_error(checker *c, sqlite3_stmt *st, int rc)
{
	gp_stmt_give(c->db, st);
	return rc == SQLITE_DONE ? GEOPOL_OK : gp_sql_error(c->db, "check");
}

/* ---- rule: a membership or relation outside the life of its entities */

/* Says which end of the fact lies outside which entity's life. The fact's
 * bounds are columns 0-3 (from lo/prec, to lo/prec) of `f`; the entity's
 * code and bounds follow from column `e`. */
static void outside(char *why, size_t size, sqlite3_stmt *st, int e, int before)
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

/* A fact that surely starts before entity x: an open start ("since the
 * entity began") never does; an open end after an ended entity always is. */
#define BEFORE(f, x) "(" f ".from_prec > 0 AND " f ".from_hi < " x ".from_lo)"

/* Columns: fact bounds 0-3; entity x code, from lo/prec, to lo/prec 4-8;
 * entity y 9-13; x before, x after, y before, y after 14-17; then the
 * record's own columns. */
#define LIFE_COLS(f, x, y, y_before) \
	f ".from_lo, " f ".from_prec, " f ".to_lo, " f ".to_prec, " \
	x ".code, " x ".from_lo, " x ".from_prec, " x ".to_lo, " x ".to_prec, " \
	y ".code, " y ".from_lo, " y ".from_prec, " y ".to_lo, " y ".to_prec, " \
	BEFORE(f, x) ", " f ".to_lo > " x ".to_hi, " y_before ", " f ".to_lo > " y ".to_hi"
#define LIFE_WHERE(f, x, y, y_before) \
	"(" BEFORE(f, x) " OR " f ".to_lo > " x ".to_hi OR " y_before " OR " f ".to_lo > " y ".to_hi)"
/* A treaty is signed and ratified before the organization it founds
 * exists: those stages may start before the organization, not before the
 * member. */
#define ORG_BEFORE "(m.stage NOT IN (2, 3) AND " BEFORE("m", "o") ")"

static void life_findings(checker *c, sqlite3_stmt *st, const char *record, int severity)
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
	static const char sql_m[] = "SELECT " LIFE_COLS("m", "e", "o", ORG_BEFORE) ", m.fact_id, m.role, m.coding IS NOT NULL "
		"FROM membership m JOIN entity o ON o.id = m.org_id JOIN entity e ON e.id = m.member_id "
		"WHERE m.rec_to = " CUR " AND " LIFE_WHERE("m", "e", "o", ORG_BEFORE) " ORDER BY o.code, e.code, m.from_lo";
	/* A succession links a state to one that has ended, by definition. */
	static const char sql_r[] = "SELECT " LIFE_COLS("r", "a", "b", BEFORE("r", "b")) ", r.fact_id, r.type "
		"FROM relation r JOIN entity a ON a.id = r.a_id JOIN entity b ON b.id = r.b_id "
		"WHERE r.rec_to = " CUR " AND r.type NOT IN ('successor_of', 'continuator_of') AND "
		LIFE_WHERE("r", "a", "b", BEFORE("r", "b")) " ORDER BY a.code, b.code, r.from_lo";
	char record[256], iv[64];
	sqlite3_stmt *st = gp_stmt_take(c->db, sql_m);
	if (!st)
		return gp_sql_error(c->db, "check");
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		snprintf(record, sizeof record, "membership %lld: %s in %s as %s %s", (long long)COL_I(st, 18),
			 COL_T(st, 4), COL_T(st, 9), geopol_role_name((int)COL_I(st, 19)),
			 span(iv, sizeof iv, COL_I(st, 0), (int)COL_I(st, 1), COL_I(st, 2), (int)COL_I(st, 3)));
		life_findings(c, st, record, COL_I(st, 20) ? GEOPOL_CHECK_WARNING : GEOPOL_CHECK_ERROR);
	}
	if ((rc = step_error(c, st, rc)))
		return rc;
	if (!(st = gp_stmt_take(c->db, sql_r)))
		return gp_sql_error(c->db, "check");
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		snprintf(record, sizeof record, "relation %lld: %s %s %s %s", (long long)COL_I(st, 18),
			 COL_T(st, 4), COL_T(st, 19), COL_T(st, 9),
			 span(iv, sizeof iv, COL_I(st, 0), (int)COL_I(st, 1), COL_I(st, 2), (int)COL_I(st, 3)));
		life_findings(c, st, record, GEOPOL_CHECK_ERROR);
	}
	return step_error(c, st, rc);
}

/* ---- rule: one name for two entities of one kind in one language */

/* Two intervals [f1, t1) and [f2, t2) that surely share a day. */
#define SURELY_MEET(f1, t1, f2, t2) f1 ".from_hi < " t2 ".to_lo AND " f2 ".from_hi < " t1 ".to_lo"

static int rule_name_clash(checker *c)
{
	/* Only names valid at the same time, of entities alive at the same
	 * time: a successor may carry its predecessor's name. */
	static const char sql[] = "SELECT ea.code, eb.code, a.lang, a.text, b.text, a.fact_id, b.fact_id "
		"FROM name a JOIN name b ON b.key = a.key AND b.lang = a.lang AND b.entity_id > a.entity_id "
		"JOIN entity ea ON ea.id = a.entity_id JOIN entity eb ON eb.id = b.entity_id "
		"WHERE ea.kind = eb.kind AND a.rec_to = " CUR " AND b.rec_to = " CUR " AND "
		SURELY_MEET("a", "a", "b", "b") " AND " SURELY_MEET("ea", "ea", "eb", "eb") " AND "
		SURELY_MEET("a", "a", "eb", "eb") " AND " SURELY_MEET("b", "b", "ea", "ea") " AND "
		SURELY_MEET("a", "a", "ea", "ea") " AND " SURELY_MEET("b", "b", "eb", "eb")
		" ORDER BY ea.code, eb.code, a.lang";
	char record[512];
	sqlite3_stmt *st = gp_stmt_take(c->db, sql);
	if (!st)
		return gp_sql_error(c->db, "check");
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		snprintf(record, sizeof record, "name %lld of %s (%s) \"%s\"", (long long)COL_I(st, 5),
			 COL_T(st, 0), COL_T(st, 2), COL_T(st, 3));
		report(c, GEOPOL_CHECK_ERROR, "name-clash", record,
		       "name %lld of %s, \"%s\", is the same name in the same language at the same time",
		       (long long)COL_I(st, 6), COL_T(st, 1), COL_T(st, 4));
	}
	return step_error(c, st, rc);
}

/* ---- rules: rows of one coding that hold on the same day */

/* Pairs of current membership rows of one organization, member and coding
 * that surely share a day; `pair` picks which roles. */
#define PAIRS(pair) "SELECT e.code, o.code, a.fact_id, a.role, a.from_lo, a.from_prec, a.to_lo, a.to_prec, " \
	"b.fact_id, b.role, b.from_lo, b.from_prec, b.to_lo, b.to_prec, COALESCE(a.coding, 'curated'), " \
	"a.stage, b.stage " \
	"FROM membership a JOIN membership b ON b.org_id = a.org_id AND b.member_id = a.member_id " \
	"AND b.coding IS a.coding AND b.id <> a.id " \
	"JOIN entity o ON o.id = a.org_id JOIN entity e ON e.id = a.member_id " \
	"WHERE a.rec_to = " CUR " AND b.rec_to = " CUR " AND " pair " AND " \
	SURELY_MEET("a", "a", "b", "b") " ORDER BY o.code, e.code, a.from_lo"

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

static int pairs(checker *c, const char *sql, const char *rule, const char *what)
{
	char record[256], why[256], i1[64], i2[64];
	sqlite3_stmt *st = gp_stmt_take(c->db, sql);
	if (!st)
		return gp_sql_error(c->db, "check");
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
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
	return step_error(c, st, rc);
}

/* A suspension: the stage (schema 9), or the role it was written as before. */
#define SUSPENDED(x) "(" x ".stage = 4 OR " x ".role = 8)"

static int rule_overlap(checker *c)
{
	/* Each pair once; a suspension is the next rule's. The stages of one
	 * membership (signed, in force, frozen...) follow each other. */
	static const char sql[] = PAIRS("a.id < b.id AND NOT " SUSPENDED("a") " AND NOT " SUSPENDED("b"));
	return pairs(c, sql, "overlap", "holds on the same days as");
}

static int rule_suspended(checker *c)
{
	static const char sql[] = PAIRS(SUSPENDED("a") " AND NOT " SUSPENDED("b"));
	return pairs(c, sql, "suspended", "a suspension while a member: it overlaps");
}

/* ---- rule: a person without a name in a core language */

static int rule_person_names(checker *c)
{
	static const char sql[] = "SELECT x.code FROM entity x WHERE x.kind = 3 AND NOT EXISTS "
		"(SELECT 1 FROM name n WHERE n.entity_id = x.id AND n.lang = ?1 AND n.rec_to = " CUR ") "
		"ORDER BY x.code";
	char record[128];
	for (const char *const *lang = c->langs; *lang; lang++) {
		sqlite3_stmt *st = gp_stmt_take(c->db, sql);
		if (!st)
			return gp_sql_error(c->db, "check");
		sqlite3_bind_text(st, 1, *lang, -1, SQLITE_STATIC);
		int rc;
		while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
			snprintf(record, sizeof record, "person %s", COL_T(st, 0));
			report(c, GEOPOL_CHECK_WARNING, "person-name", record, "has no name in %s", *lang);
		}
		if ((rc = step_error(c, st, rc)))
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
	static const char sql[] = "SELECT s.id, s.code, s.file, c.quote, CASE "
		"WHEN c.name_id IS NOT NULL THEN (SELECT 'name ' || n.fact_id || ' of ' || x.code || ' (' || n.lang || ')' "
		"FROM name n JOIN entity x ON x.id = n.entity_id WHERE n.id = c.name_id) "
		"WHEN c.membership_id IS NOT NULL THEN (SELECT 'membership ' || m.fact_id || ': ' || e.code || ' in ' || o.code "
		"FROM membership m JOIN entity e ON e.id = m.member_id JOIN entity o ON o.id = m.org_id WHERE m.id = c.membership_id) "
		"WHEN c.relation_id IS NOT NULL THEN (SELECT 'relation ' || r.fact_id || ': ' || a.code || ' ' || r.type || ' ' || b.code "
		"FROM relation r JOIN entity a ON a.id = r.a_id JOIN entity b ON b.id = r.b_id WHERE r.id = c.relation_id) "
		"ELSE (SELECT 'event ' || COALESCE(v.ext_id, v.fact_id) FROM event v WHERE v.id = c.event_id) END "
		"FROM citation c JOIN source s ON s.id = c.source_id "
		"WHERE c.quote IS NOT NULL AND s.file IS NOT NULL ORDER BY s.id, c.id";
	char record[256];
	sqlite3_stmt *st = gp_stmt_take(c->db, sql);
	if (!st)
		return gp_sql_error(c->db, "check");
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
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
	return step_error(c, st, rc);
}

/* ---- rule: facts that answers and exports clip to their entities' lives */

/* Columns: record id, a code, b code, what (role or type), then the bounds
 * (lo, hi, prec of from, the same of to) of the fact, a and b. */
#define CLIP_BOUNDS(t) t ".from_lo, " t ".from_hi, " t ".from_prec, " t ".to_lo, " t ".to_hi, " t ".to_prec"

static gp_span span_at(sqlite3_stmt *st, int c)
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

static int clipped_rows(checker *c, const char *sql, int relation)
{
	sqlite3_stmt *st = gp_stmt_take(c->db, sql);
	if (!st)
		return gp_sql_error(c->db, "check");
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
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
	return step_error(c, st, rc);
}

/* What geopol_clipped() lists, with the interval the snapshot and the
 * exports show (gp_clip()), but for the rows the "life" rule reports (the
 * last column), open ends, and what the model means to precede or outlive
 * a life (a treaty signed or ratified before its organization exists, a
 * succession): those are clipped too, and are no finding. */
static int rule_clipped(checker *c)
{
	static const char sql_m[] = "SELECT m.fact_id, o.code, e.code, m.role, " CLIP_BOUNDS("m") ", "
		CLIP_BOUNDS("o") ", " CLIP_BOUNDS("e") ", " LIFE_WHERE("m", "e", "o", ORG_BEFORE)
		" FROM membership m JOIN entity o ON o.id = m.org_id "
		"JOIN entity e ON e.id = m.member_id WHERE m.rec_to = " CUR " AND m.stage NOT IN (2, 3) AND "
		GP_SQL_OUTLIVES("m", "o", "e") " ORDER BY o.code, e.code, m.from_lo, m.id";
	static const char sql_r[] = "SELECT r.fact_id, a.code, b.code, r.type, " CLIP_BOUNDS("r") ", "
		CLIP_BOUNDS("a") ", " CLIP_BOUNDS("b") ", " LIFE_WHERE("r", "a", "b", BEFORE("r", "b"))
		" FROM relation r JOIN entity a ON a.id = r.a_id "
		"JOIN entity b ON b.id = r.b_id WHERE r.rec_to = " CUR " AND r.type NOT IN ('successor_of', "
		"'continuator_of') AND " GP_SQL_OUTLIVES("r", "a", "b") " ORDER BY a.code, b.code, r.from_lo, r.id";
	int rc = clipped_rows(c, sql_m, 0);
	return rc ? rc : clipped_rows(c, sql_r, 1);
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
