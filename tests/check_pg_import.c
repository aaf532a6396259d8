/*
 * check_pg_import.c - the dataset importers' members of the PostgreSQL
 * store (lib/store/pg_import.c, and pg_write.c's coded memberships)
 * against the SQLite store's (sqlite_import.c, whose own suite,
 * check_sqlite_import.c, pins their rows): the same calls through the
 * gp_store interface on a SQLite file and on a PostgreSQL database of the
 * pg fixture's cluster (tests/pg/cluster.sh) give the same transcript of
 * answers, line by line: every lookup, hits and misses, after the writes
 * only the importers make (coded memberships, a copied version,
 * attributes replaced, lives kept, membership attributes, event types,
 * event details) and after a release's end, with the number of rows it
 * closed; and ATOP's obligations of each member, imported into
 * PostgreSQL, answering geopol_pledges as on SQLite. Built without libpq, the one test is that a PostgreSQL
 * database is refused.
 */
#include <check.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "test_util.h"
#include "test_pg.h"
#include "core/geopol_internal.h"
#include "store/store.h"

#ifdef GEOPOL_HAVE_LIBPQ

/* The transcript of one store. */
typedef struct transcript {
	char s[16384];
	size_t len;
} transcript;

static void say(transcript *l, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void say(transcript *l, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(l->s + l->len, sizeof l->s - l->len, fmt, ap);
	va_end(ap);
	ck_assert_int_lt(l->len + (size_t)n, sizeof l->s);
	l->len += (size_t)n;
}

/* The rows of a lookup, each a line; unordered answers (attributes)
 * sorted. */
typedef struct rows {
	char lines[8][256];
	int n;
} rows;

static int take(void *ctx, const gp_look_row *r)
{
	rows *o = ctx;
	ck_assert_int_lt(o->n, 8);
	char real[32] = "";
	if (isnan(r->real))
		snprintf(real, sizeof real, " nan");
	else if (r->real != 0)
		snprintf(real, sizeof real, " %g", r->real);
	snprintf(o->lines[o->n++], sizeof o->lines[0],
		 "%lld %lld %d %d %s %s %lld..%lld/%lld %lld..%lld/%lld %lld %lld%s",
		 (long long)r->id, (long long)r->fact, r->kind, r->same, r->text ? r->text : "-",
		 r->text2 ? r->text2 : "-", (long long)r->v[0], (long long)r->v[1], (long long)r->v[2],
		 (long long)r->v[3], (long long)r->v[4], (long long)r->v[5], (long long)r->source,
		 (long long)r->rec, real);
	return 0;
}

static int line_cmp(const void *a, const void *b)
{
	return strcmp(a, b);
}

static void look(geopol_db *db, transcript *l, const char *what, gp_look q)
{
	rows o = {.n = 0};
	int rc = gp_store_of(db)->look(db, &q, take, &o);
	ck_assert_msg(rc == GEOPOL_OK, "%s: %s", what, geopol_errmsg(db));
	qsort(o.lines, (size_t)o.n, sizeof o.lines[0], line_cmp);
	say(l, "%s:", what);
	for (int i = 0; i < o.n; i++)
		say(l, " [%s]", o.lines[i]);
	say(l, "\n");
}

#define OK(call) ck_assert_msg((call) == GEOPOL_OK, "%s: %s", #call, geopol_errmsg(db))

static int64_t entity(geopol_db *db, const char *code, int kind)
{
	gp_entity_put e = {code, kind, NULL, tu_date("1950"), (geopol_date)GEOPOL_DATE_OPEN_INIT, 1000};
	int64_t id = 0;
	OK(gp_store_of(db)->entity_add(db, &e, &id));
	return id;
}

static int64_t source(geopol_db *db, const char *code)
{
	geopol_source_spec s = GEOPOL_SOURCE_SPEC_INIT;
	s.code = code;
	OK(gp_store_of(db)->source_add(db, &s, 1000));
	int64_t id;
	int aux;
	gp_find f = {GP_FIND_SOURCE, code, NULL};
	OK(gp_store_of(db)->find(db, &f, &id, &aux));
	return id;
}

static int64_t name(geopol_db *db, int64_t ent, const char *text, const char *key)
{
	gp_fact_put f = {.kind = GEOPOL_FACT_NAME, .rec_from = 2000, .ent = ent,
			 .code = GEOPOL_NAME_SHORT, .from = tu_date("1950"),
			 .to = (geopol_date)GEOPOL_DATE_OPEN_INIT, .lang = "en", .text = text, .key = key};
	int64_t fact, row = 0;
	OK(gp_store_of(db)->fact_add(db, &f, &fact, &row));
	return row;
}

static int64_t coded(geopol_db *db, int64_t org, int64_t m, const char *from, const char *to,
		     const char *coding)
{
	gp_fact_put f = {.kind = GEOPOL_FACT_MEMBERSHIP, .rec_from = 2000, .ent = org, .other = m,
			 .from = tu_date(from), .code = GEOPOL_ROLE_MEMBER,
			 .stage = GEOPOL_STAGE_IN_FORCE, .coding = coding};
	f.to = to ? tu_date(to) : (geopol_date)GEOPOL_DATE_OPEN_INIT;
	int64_t fact, row = 0;
	OK(gp_store_of(db)->fact_add(db, &f, &fact, &row));
	return row;
}

static int64_t event(geopol_db *db, const char *ext_id, const char *date)
{
	gp_fact_put e = {.kind = GEOPOL_FACT_EVENT, .rec_from = 2000, .from = tu_date(date),
			 .to = (geopol_date)GEOPOL_DATE_OPEN_INIT, .type = "0421", .intensity = NAN,
			 .ext_id = ext_id};
	int64_t fact, row = 0;
	OK(gp_store_of(db)->fact_add(db, &e, &fact, &row));
	return row;
}

/* The same calls on either store, their answers into l. */
static void script(geopol_db *db, transcript *l)
{
	const gp_store *S = gp_store_of(db);
	OK(S->txn(db, GP_TXN_BEGIN));
	int64_t org = entity(db, "ORG", GEOPOL_KIND_ORGANIZATION), aaa = entity(db, "AAA", GEOPOL_KIND_STATE);
	int64_t bbb = entity(db, "BBB", GEOPOL_KIND_STATE), ccc = entity(db, "CCC", GEOPOL_KIND_STATE);
	int64_t src = source(db, "ds:1"), other = source(db, "other"), third = source(db, "third");
	say(l, "ids %lld %lld %lld %lld; %lld %lld %lld\n", (long long)org, (long long)aaa,
	    (long long)bbb, (long long)ccc, (long long)src, (long long)other, (long long)third);
	/* Entities, external ids, names. */
	look(db, l, "entity by id", (gp_look){.what = GP_LOOK_ENTITY, .id = aaa});
	look(db, l, "entity by code", (gp_look){.what = GP_LOOK_ENTITY, .code = "ORG"});
	look(db, l, "no entity", (gp_look){.what = GP_LOOK_ENTITY, .code = "org"});
	OK(S->xref_add(db, org, "cow-igo", "42"));
	OK(S->xref_add(db, org, "cow", "7"));
	look(db, l, "xref", (gp_look){.what = GP_LOOK_XREF, .id = org, .code = "cow-igo"});
	look(db, l, "no xref", (gp_look){.what = GP_LOOK_XREF, .id = aaa, .code = "cow-igo"});
	int64_t n1 = name(db, aaa, "Alpha", "alpha");
	name(db, aaa, "Gamma", "gamma");
	name(db, aaa, "GAMMA", "gamma");
	name(db, org, "Gamma", "gamma");
	name(db, bbb, "Gamma", "gamma");
	look(db, l, "name key", (gp_look){.what = GP_LOOK_NAME_KEY, .id = aaa, .key = "alpha"});
	look(db, l, "no name key", (gp_look){.what = GP_LOOK_NAME_KEY, .id = bbb, .key = "alpha"});
	OK(S->fact_close(db, GEOPOL_FACT_NAME, n1, 2500));
	look(db, l, "closed name key", (gp_look){.what = GP_LOOK_NAME_KEY, .id = aaa, .key = "alpha"});
	look(db, l, "states named", (gp_look){.what = GP_LOOK_NAMED, .key = "gamma",
					      .kind = GEOPOL_KIND_STATE});
	look(db, l, "orgs named", (gp_look){.what = GP_LOOK_NAMED, .key = "gamma",
					    .kind = GEOPOL_KIND_ORGANIZATION});
	look(db, l, "none named", (gp_look){.what = GP_LOOK_NAMED, .key = "delta",
					    .kind = GEOPOL_KIND_STATE});
	/* Coded memberships, with an uncoded one under them. */
	int64_t m = coded(db, org, aaa, "1990", "2000-06", "cow");
	coded(db, org, aaa, "1990", "2000-06", NULL);
	coded(db, org, bbb, "1991", NULL, "cow");
	gp_look c = {.what = GP_LOOK_CODED, .id = org, .other = aaa, .role = GEOPOL_ROLE_MEMBER,
		     .code = "cow", .from = tu_date("1990"), .to = tu_date("2000-06")};
	look(db, l, "coded same", c);
	c.to = tu_date("2000-07");
	look(db, l, "coded other end", c);
	c.to = tu_date("2000-06");
	c.from = tu_date("1990-02");
	look(db, l, "coded other start", c);
	c.from = tu_date("1980");
	c.to = tu_date("1989");
	look(db, l, "coded apart", c);
	c = (gp_look){.what = GP_LOOK_CODED, .id = org, .other = aaa, .role = GEOPOL_ROLE_OBSERVER,
		      .code = "cow", .from = tu_date("1990"), .to = tu_date("2000-06")};
	look(db, l, "coded other role", c);
	c.role = GEOPOL_ROLE_MEMBER;
	c.code = "atop";
	look(db, l, "coded other coding", c);
	look(db, l, "from", (gp_look){.what = GP_LOOK_MEMBERSHIP_FROM, .id = org, .other = aaa,
				      .code = "cow", .from = tu_date("1990")});
	look(db, l, "not from", (gp_look){.what = GP_LOOK_MEMBERSHIP_FROM, .id = org, .other = aaa,
					  .code = "cow", .from = tu_date("1991")});
	/* ATOP: attributes of a row, a new version. */
	const char *kv[][2] = {{"defense", "0"}, {"offense", "1"}, {"defense", "1"}};
	for (int i = 0; i < 3; i++) {
		gp_import_put p = {.what = GP_PUT_MEMBERSHIP_ATTR, .id = m, .key = kv[i][0],
				   .value = kv[i][1]};
		OK(S->import_put(db, &p, NULL));
	}
	look(db, l, "membership attrs", (gp_look){.what = GP_LOOK_MEMBERSHIP_ATTRS, .id = m});
	int64_t copy = 0;
	OK(S->fact_close(db, GEOPOL_FACT_MEMBERSHIP, m, 3000));
	OK(S->fact_copy(db, GEOPOL_FACT_MEMBERSHIP, m, 3000, &copy));
	say(l, "copy %lld of %lld\n", (long long)copy, (long long)m);
	look(db, l, "coded after copy", (gp_look){.what = GP_LOOK_CODED, .id = org, .other = aaa,
						  .role = GEOPOL_ROLE_MEMBER, .code = "cow",
						  .from = tu_date("1990"), .to = tu_date("2000-06")});
	look(db, l, "copy attrs", (gp_look){.what = GP_LOOK_MEMBERSHIP_ATTRS, .id = copy});
	/* Attributes of an entity: replaced, never overwritten. */
	gp_import_put a = {.what = GP_PUT_ATTR, .id = org, .key = "domain", .value = "a",
			   .source = src, .rec_from = 2000};
	int64_t attr = 0;
	OK(S->import_put(db, &a, &attr));
	look(db, l, "attr same", (gp_look){.what = GP_LOOK_ATTR, .id = org, .key = "domain", .value = "a"});
	look(db, l, "attr other", (gp_look){.what = GP_LOOK_ATTR, .id = org, .key = "domain", .value = "b"});
	a.value = "b";
	a.rec_from = 3000;
	a.replaces = attr;
	OK(S->import_put(db, &a, &attr));
	say(l, "attr row %lld\n", (long long)attr);
	look(db, l, "attr replaced", (gp_look){.what = GP_LOOK_ATTR, .id = org, .key = "domain", .value = "b"});
	a = (gp_import_put){.what = GP_PUT_ATTR, .id = aaa, .key = "fate", .value = "x",
			    .source = src, .rec_from = 2000};
	OK(S->import_put(db, &a, &attr));
	a = (gp_import_put){.what = GP_PUT_ATTR, .id = aaa, .key = "size", .value = "y",
			    .source = third, .rec_from = 2000};
	OK(S->import_put(db, &a, &attr));
	/* Lives: set, then corrected and the earlier one kept. */
	gp_import_put life = {.what = GP_PUT_LIFE, .id = bbb, .from = tu_date("1960"),
			      .to = tu_date("1990-06"), .source = src, .rec_from = 2000};
	OK(S->import_put(db, &life, NULL));
	look(db, l, "life set", (gp_look){.what = GP_LOOK_ENTITY, .id = bbb});
	life.from = tu_date("1961-03-04");
	life.rec_from = 3000;
	life.keep = 1;
	OK(S->import_put(db, &life, NULL));
	look(db, l, "life kept", (gp_look){.what = GP_LOOK_ENTITY, .id = bbb});
	/* Event types and details. */
	gp_import_put t = {.what = GP_PUT_EVENT_TYPE, .key = "0421", .value = "CAMEO 0421",
			   .root = "04", .keep = 1};
	OK(S->import_put(db, &t, NULL));
	t.value = "Other";
	OK(S->import_put(db, &t, NULL));
	look(db, l, "type kept", (gp_look){.what = GP_LOOK_EVENT_TYPE, .code = "0421"});
	t = (gp_import_put){.what = GP_PUT_GOLDSTEIN, .key = "0421", .real = -2.5};
	OK(S->import_put(db, &t, NULL));
	t = (gp_import_put){.what = GP_PUT_EVENT_TYPE, .key = "0421", .value = "Visit", .root = "99"};
	OK(S->import_put(db, &t, NULL));
	look(db, l, "type named", (gp_look){.what = GP_LOOK_EVENT_TYPE, .code = "0421"});
	t = (gp_import_put){.what = GP_PUT_GOLDSTEIN, .key = "0421", .real = NAN};
	OK(S->import_put(db, &t, NULL));
	look(db, l, "type without goldstein", (gp_look){.what = GP_LOOK_EVENT_TYPE, .code = "0421"});
	look(db, l, "no type", (gp_look){.what = GP_LOOK_EVENT_TYPE, .code = "042"});
	int64_t e1 = event(db, "x1", "2013-04-01"), e2 = event(db, "x2", "2013-04-01");
	int64_t e3 = event(db, "x3", "2013-04-03"), e4 = event(db, "x4", "2001-01-01");
	int64_t e5 = event(db, "x5", "2001-01-01");
	gp_event_detail d = {.digest = "00112233aabbccdd", .quad = 4, .counts = {3, 2, 1},
			     .reals = {-1.5, 43.25, 76.5}, .attrs = "{\"DATEADDED\":\"20130402\"}xyz",
			     .attrs_len = 24};
	gp_import_put p = {.what = GP_PUT_EVENT_DETAIL, .id = e4, .detail = &d};
	OK(S->import_put(db, &p, NULL));
	gp_event_detail d5 = {.digest = "ffffffffffffffff", .counts = {-1, -1, -1},
			      .reals = {NAN, NAN, NAN}, .attrs = "{\"DATEADDED\":\"20130403\"}",
			      .attrs_len = 24};
	p.id = e5;
	p.detail = &d5;
	OK(S->import_put(db, &p, NULL));
	look(db, l, "event with details", (gp_look){.what = GP_LOOK_EVENT_EXT, .code = "x4"});
	look(db, l, "event without", (gp_look){.what = GP_LOOK_EVENT_EXT, .code = "x1"});
	look(db, l, "no event", (gp_look){.what = GP_LOOK_EVENT_EXT, .code = "x9"});
	/* Citations, then a release that has some of it. */
	int64_t cm = coded(db, org, ccc, "1995", NULL, "cow");
	const int64_t cite_m[][2] = {{copy, src}, {cm, src}, {3, third}};
	for (int i = 0; i < 3; i++)
		OK(S->cite_add(db, GEOPOL_FACT_MEMBERSHIP, cite_m[i][0], cite_m[i][1], NULL, 1));
	const int64_t evs[] = {e1, e2, e3, e4, e5};
	for (int i = 0; i < 5; i++)
		OK(S->cite_add(db, GEOPOL_FACT_EVENT, evs[i], i >= 3 ? other : src, NULL, 1));
	int64_t na = name(db, aaa, "Aleph", "aleph"), nb = name(db, bbb, "Beth", "beth");
	OK(S->cite_add(db, GEOPOL_FACT_NAME, na, src, NULL, 1));
	OK(S->cite_add(db, GEOPOL_FACT_NAME, nb, src, NULL, 1));
	OK(S->release_begin(db));
	gp_release_note notes[] = {
		{.what = GP_NOTE_SOURCE, .source_id = src},
		{.what = GP_NOTE_SOURCE, .source_id = other},
		{.what = GP_NOTE_SOURCE, .source_id = src},
		{.what = GP_NOTE_KEY, .key = "domain"},
		{.what = GP_NOTE_KEY, .key = "fate"},
		{.what = GP_NOTE_KEY, .key = "size"},
		{.what = GP_NOTE_SPAN, .source_id = src, .lo = tu_date("2013-04-01").day,
		 .hi = tu_date("2013-04-02").day},
		{.what = GP_NOTE_SPAN, .source_id = other, .by_added = 1, .lo = 20130401,
		 .hi = 20130402},
	};
	for (size_t i = 0; i < sizeof notes / sizeof notes[0]; i++)
		OK(S->release_note(db, &notes[i]));
	const int64_t seen_m[] = {cm, cm};
	OK(S->release_mark(db, GEOPOL_FACT_MEMBERSHIP, seen_m, 2));
	OK(S->release_mark(db, GEOPOL_FACT_EVENT, &e2, 1));
	OK(S->release_mark(db, GP_RELEASE_ENTITY, &aaa, 1));
	say(l, "seen %d %d %d\n", S->release_seen(db, GEOPOL_FACT_MEMBERSHIP, cm),
	    S->release_seen(db, GEOPOL_FACT_MEMBERSHIP, copy), S->release_seen(db, GEOPOL_FACT_EVENT, cm));
	uint64_t closed = 100;
	OK(S->release_end(db, 4000, &closed));
	say(l, "closed %llu\n", (unsigned long long)closed);
	look(db, l, "copy after the release", (gp_look){.what = GP_LOOK_MEMBERSHIP_FROM, .id = org,
							.other = aaa, .code = "cow", .from = tu_date("1990")});
	look(db, l, "seen after the release", (gp_look){.what = GP_LOOK_MEMBERSHIP_FROM, .id = org,
							.other = ccc, .code = "cow", .from = tu_date("1995")});
	const char *ext[] = {"x1", "x2", "x3", "x4", "x5"};
	for (int i = 0; i < 5; i++)
		look(db, l, ext[i], (gp_look){.what = GP_LOOK_EVENT_EXT, .code = ext[i]});
	look(db, l, "aleph", (gp_look){.what = GP_LOOK_NAME_KEY, .id = aaa, .key = "aleph"});
	look(db, l, "beth", (gp_look){.what = GP_LOOK_NAME_KEY, .id = bbb, .key = "beth"});
	look(db, l, "fate", (gp_look){.what = GP_LOOK_ATTR, .id = aaa, .key = "fate", .value = "x"});
	look(db, l, "size", (gp_look){.what = GP_LOOK_ATTR, .id = aaa, .key = "size", .value = "y"});
	OK(S->txn(db, GP_TXN_COMMIT));
}

START_TEST(test_pg_import__same_as_sqlite)
{
	geopol_db *lite = tu_open(), *pg = NULL;
	const char *path = tu_pg_fresh("t_import");
	ck_assert_msg(geopol_open(&pg, path, NULL) == GEOPOL_OK, "%s", geopol_errmsg(pg));
	static transcript a, b;
	a.len = b.len = 0;
	script(lite, &a);
	script(pg, &b);
	ck_assert_str_eq(b.s, a.s);
	/* Not an empty agreement: the release closed the copied coded
	 * membership, the unseen event of the span and the one of the
	 * DATEADDED span, the name and attribute of AAA (marked) and its
	 * noted source. */
	ck_assert_ptr_nonnull(strstr(a.s, "closed 105\n"));
	ck_assert_ptr_nonnull(strstr(a.s, "copy after the release:\n"));
	ck_assert_ptr_nonnull(strstr(a.s, "coded other end: [1 1 0 0 "));
	ck_assert_ptr_nonnull(strstr(a.s, "attr other: [1 0 0 0 "));
	geopol_close(lite);
	geopol_close(pg);
}
END_TEST

/* geopol_pledges as lines ("" for none). */
static char *pledges(geopol_db *db, const char *a, const char *b, const char *obligation)
{
	geopol_iter *it;
	int rc = geopol_pledges(&it, db, a, b, obligation, tu_date("1840-08-01"), NULL);
	ck_assert_msg(rc == GEOPOL_OK, "%s", geopol_errmsg(db));
	return tu_lines(it);
}

START_TEST(test_pg_import__atop_pledges)
{
	/* ATOP 1110 imported into a PostgreSQL database: each member's own
	 * obligations answer geopol_pledges as on SQLite (check_import_atop:
	 * Turkey pledges no defense, Russia no offense). */
	geopol_db *pg = NULL;
	const char *path = tu_pg_fresh("t_import_atop");
	ck_assert_msg(geopol_open(&pg, path, NULL) == GEOPOL_OK, "%s", geopol_errmsg(pg));
	geopol_import_stats st;
	tu_import_ok(pg, "atop", GEOPOL_SOURCE_DIR "/tests/fixtures/atop-1110.csv", &st);
	ck_assert_uint_eq(st.rows, 5);
	const char *q[][4] = {
		{"GBR", "TUR", NULL, "ATOP:1110 GBR member definite\nATOP:1110 TUR member definite"},
		{"TUR", "GBR", "defense", ""},
		{"TUR", "GBR", "offense", "ATOP:1110 TUR member definite\nATOP:1110 GBR member definite"},
		{"RUS", "GBR", "offense", ""},
	};
	for (int i = 0; i < 4; i++) {
		char *got = pledges(pg, q[i][0], q[i][1], q[i][2]);
		ck_assert_str_eq(got, q[i][3]);
		free(got);
	}
	geopol_close(pg);
}
END_TEST

#else

START_TEST(test_pg_import__refused_without_libpq)
{
	geopol_db *db = NULL;
	ck_assert_int_eq(geopol_open(&db, "postgresql://h/g", NULL), GEOPOL_EINVAL);
	geopol_close(db);
}
END_TEST

#endif

int main(void)
{
	Suite *s = suite_create("pg_import");
	TCase *tc = tcase_create("members");
	tcase_set_timeout(tc, 120);
#ifdef GEOPOL_HAVE_LIBPQ
	tcase_add_test(tc, test_pg_import__same_as_sqlite);
	tcase_add_test(tc, test_pg_import__atop_pledges);
#else
	tcase_add_test(tc, test_pg_import__refused_without_libpq);
#endif
	suite_add_tcase(s, tc);
	return tu_run(s);
}
