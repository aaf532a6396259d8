/*
 * check_sqlite_import.c - the SQLite store's members for the dataset
 * importers (lib/store/sqlite_import.c; store.h: release_begin to
 * import_put, and fact_add's coded memberships), driven through the
 * gp_store interface as a second store would be: what a release notes
 * and marks, what its end closes (each kind, with the rows it keeps), the
 * lookups' rows, a membership version copied, and the rows only the
 * datasets write. Each expectation is the exact rows of the tables.
 */
#include <check.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "test_util.h"
#include "core/geopol_internal.h"
#include "store/store.h"

static const gp_store *S;
static geopol_db *db;
static int64_t org, aaa, bbb, src, other_src, third_src;

static int64_t entity(const char *code, int kind)
{
	gp_entity_put e = {code, kind, NULL, tu_date("1950"), (geopol_date)GEOPOL_DATE_OPEN_INIT, 1000};
	int64_t id = 0;
	ck_assert_int_eq(S->entity_add(db, &e, &id), GEOPOL_OK);
	return id;
}

static int64_t source(const char *code)
{
	geopol_source_spec s = GEOPOL_SOURCE_SPEC_INIT;
	s.code = code;
	ck_assert_int_eq(S->source_add(db, &s, 1000), GEOPOL_OK);
	int64_t id;
	int aux;
	gp_find f = {GP_FIND_SOURCE, code, NULL};
	ck_assert_int_eq(S->find(db, &f, &id, &aux), GEOPOL_OK);
	return id;
}

static void setup(void)
{
	db = tu_open();
	S = gp_store_of(db);
	org = entity("ORG", GEOPOL_KIND_ORGANIZATION);
	aaa = entity("AAA", GEOPOL_KIND_STATE);
	bbb = entity("BBB", GEOPOL_KIND_STATE);
	src = source("ds:1");
	other_src = source("other");
	third_src = source("third");
}

static void teardown(void)
{
	geopol_close(db);
}

/* The rows a query gives, each as its columns joined by '|', ';' after
 * each (NULL as "-"). */
static char *rows(const char *sql)
{
	sqlite3_stmt *st;
	ck_assert_msg(sqlite3_prepare_v2(db->sql, sql, -1, &st, NULL) == SQLITE_OK, "%s",
		      sqlite3_errmsg(db->sql));
	static char out[2048];
	size_t w = 0;
	out[0] = '\0';
	while (sqlite3_step(st) == SQLITE_ROW) {
		for (int i = 0; i < sqlite3_column_count(st); i++) {
			const char *v = (const char *)sqlite3_column_text(st, i);
			w += (size_t)snprintf(out + w, sizeof out - w, "%s%s", i ? "|" : "", v ? v : "-");
		}
		w += (size_t)snprintf(out + w, sizeof out - w, ";");
	}
	sqlite3_finalize(st);
	return out;
}

/* A membership of ORG with member m from `from` (open end), of coding
 * `coding` (NULL: none), recorded at 2000: its row. */
static int64_t membership(int64_t m, const char *from, const char *coding)
{
	gp_fact_put f = {.kind = GEOPOL_FACT_MEMBERSHIP, .rec_from = 2000, .ent = org, .other = m,
			 .from = tu_date(from), .to = (geopol_date)GEOPOL_DATE_OPEN_INIT,
			 .code = GEOPOL_ROLE_MEMBER, .stage = GEOPOL_STAGE_IN_FORCE, .coding = coding};
	int64_t fact, row = 0;
	ck_assert_int_eq(S->fact_add(db, &f, &fact, &row), GEOPOL_OK);
	return row;
}

static int64_t event(const char *ext_id, const char *date)
{
	gp_fact_put e = {.kind = GEOPOL_FACT_EVENT, .rec_from = 2000, .from = tu_date(date),
			 .to = (geopol_date)GEOPOL_DATE_OPEN_INIT, .type = "042", .intensity = NAN,
			 .ext_id = ext_id};
	int64_t fact, row = 0;
	ck_assert_int_eq(S->fact_add(db, &e, &fact, &row), GEOPOL_OK);
	return row;
}

static int64_t keyed_name(int64_t ent, const char *text, const char *key, int64_t *fact)
{
	gp_fact_put f = {.kind = GEOPOL_FACT_NAME, .rec_from = 2000, .ent = ent,
			 .code = GEOPOL_NAME_SHORT, .from = tu_date("1950"),
			 .to = (geopol_date)GEOPOL_DATE_OPEN_INIT, .lang = "en", .text = text, .key = key};
	int64_t row = 0;
	ck_assert_int_eq(S->fact_add(db, &f, fact, &row), GEOPOL_OK);
	return row;
}

static int64_t name(int64_t ent, const char *text, int64_t *fact)
{
	return keyed_name(ent, text, text, fact);
}

static void cite(int kind, int64_t row, int64_t source_id)
{
	ck_assert_int_eq(S->cite_add(db, kind, row, source_id, NULL, 1), GEOPOL_OK);
}

/* ---- a release: notes, marks, what its end closes */

START_TEST(test_sqlite_import__release_marks)
{
	ck_assert_int_eq(S->release_begin(db), GEOPOL_OK);
	int64_t marked[] = {7, 9, 7};
	ck_assert_int_eq(S->release_mark(db, GEOPOL_FACT_MEMBERSHIP, marked, 3), GEOPOL_OK);
	ck_assert_int_eq(S->release_mark(db, GP_RELEASE_ENTITY, marked + 1, 1), GEOPOL_OK);
	/* Each once, by kind. */
	ck_assert_str_eq(rows("SELECT kind, row FROM temp.gp_release_seen ORDER BY kind, row"),
			 "2|7;2|9;10|9;");
	ck_assert_int_eq(S->release_seen(db, GEOPOL_FACT_MEMBERSHIP, 7), 1);
	ck_assert_int_eq(S->release_seen(db, GEOPOL_FACT_MEMBERSHIP, 8), 0);
	ck_assert_int_eq(S->release_seen(db, GEOPOL_FACT_EVENT, 7), 0);
	ck_assert_int_eq(S->release_seen(db, GP_RELEASE_ENTITY, 9), 1);
	gp_release_note n = {.what = GP_NOTE_SOURCE, .source_id = src};
	ck_assert_int_eq(S->release_note(db, &n), GEOPOL_OK);
	ck_assert_int_eq(S->release_note(db, &n), GEOPOL_OK);
	n = (gp_release_note){.what = GP_NOTE_KEY, .key = "domain"};
	ck_assert_int_eq(S->release_note(db, &n), GEOPOL_OK);
	n = (gp_release_note){.what = GP_NOTE_SPAN, .source_id = src, .by_added = 1, .lo = 20130401,
			      .hi = 20130402};
	ck_assert_int_eq(S->release_note(db, &n), GEOPOL_OK);
	ck_assert_str_eq(rows("SELECT id FROM temp.gp_release_source"), "1;");
	ck_assert_str_eq(rows("SELECT key FROM temp.gp_release_key"), "domain;");
	ck_assert_str_eq(rows("SELECT source_id, by_added, lo, hi FROM temp.gp_release_span"),
			 "1|1|20130401|20130402;");
	n.what = 0;
	ck_assert_int_eq(S->release_note(db, &n), GEOPOL_EINTERNAL);
	/* A new release starts with nothing. */
	ck_assert_int_eq(S->release_begin(db), GEOPOL_OK);
	ck_assert_int_eq(S->release_seen(db, GEOPOL_FACT_MEMBERSHIP, 7), 0);
	ck_assert_str_eq(rows("SELECT (SELECT count(*) FROM temp.gp_release_source) + (SELECT count(*) "
			      "FROM temp.gp_release_key) + (SELECT count(*) FROM temp.gp_release_span)"),
			 "0;");
}
END_TEST

START_TEST(test_sqlite_import__release_end)
{
	gp_type_put t = {.what = GP_FIND_EVENT_TYPE, .code = "042", .name = "Visit", .goldstein = NAN};
	ck_assert_int_eq(S->type_add(db, &t), GEOPOL_OK);
	/* Memberships: coded citing the release's source (seen, unseen),
	 * coded citing a source it does not note, uncoded citing it. */
	int64_t m_seen = membership(aaa, "1990", "cow"), m_gone = membership(bbb, "1990", "cow");
	int64_t m_other = membership(aaa, "2000", "cow"), m_plain = membership(bbb, "2000", NULL);
	cite(GEOPOL_FACT_MEMBERSHIP, m_seen, src);
	cite(GEOPOL_FACT_MEMBERSHIP, m_gone, src);
	cite(GEOPOL_FACT_MEMBERSHIP, m_other, third_src);
	cite(GEOPOL_FACT_MEMBERSHIP, m_plain, src);
	/* Events with a dataset id citing the source: in the span by day
	 * (unseen, seen), after it, without an id; one cited by DATEADDED. */
	int64_t e_gone = event("x1", "2013-04-01"), e_seen = event("x2", "2013-04-01");
	int64_t e_late = event("x3", "2013-04-03"), e_noid = event(NULL, "2013-04-01");
	int64_t e_added = event("x4", "2001-01-01");
	int64_t evs[] = {e_gone, e_seen, e_late, e_noid, e_added};
	for (int i = 0; i < 5; i++)
		cite(GEOPOL_FACT_EVENT, evs[i], i == 4 ? other_src : src);
	char sql[256];
	snprintf(sql, sizeof sql, "INSERT INTO event_detail(event_id, attrs) VALUES (%lld, "
		 "'{\"DATEADDED\":20130402}')", (long long)e_added);
	ck_assert_int_eq(gp_exec(db, sql), GEOPOL_OK);
	/* Names citing the source: of an entity marked (one fact seen), of
	 * one not marked. */
	int64_t f_seen, f_gone, f_unmarked;
	int64_t n_seen = name(aaa, "aaa one", &f_seen), n_gone = name(aaa, "aaa two", &f_gone);
	int64_t n_unmarked = name(bbb, "bbb", &f_unmarked);
	cite(GEOPOL_FACT_NAME, n_seen, src);
	cite(GEOPOL_FACT_NAME, n_gone, src);
	cite(GEOPOL_FACT_NAME, n_unmarked, src);
	/* Attributes of AAA (marked): a key noted (seen, unseen), a key not
	 * noted; of BBB (not marked) a key noted; one of a source not noted. */
	ck_assert_int_eq(gp_exec(db, "INSERT INTO entity_attr(id, entity_id, key, value, source_id, "
				 "rec_from) VALUES (1, 2, 'domain', 'a', 1, 2000), (2, 2, 'fate', 'b', 1, "
				 "2000), (3, 2, 'other', 'c', 1, 2000), (4, 3, 'domain', 'd', 1, 2000), "
				 "(5, 2, 'size', 'e', 3, 2000)"), GEOPOL_OK);

	ck_assert_int_eq(S->release_begin(db), GEOPOL_OK);
	gp_release_note n = {.what = GP_NOTE_SOURCE, .source_id = src};
	ck_assert_int_eq(S->release_note(db, &n), GEOPOL_OK);
	n = (gp_release_note){.what = GP_NOTE_SOURCE, .source_id = other_src};
	ck_assert_int_eq(S->release_note(db, &n), GEOPOL_OK);
	const char *keys[] = {"domain", "fate", "size"};
	for (int i = 0; i < 3; i++) {
		n = (gp_release_note){.what = GP_NOTE_KEY, .key = keys[i]};
		ck_assert_int_eq(S->release_note(db, &n), GEOPOL_OK);
	}
	n = (gp_release_note){.what = GP_NOTE_SPAN, .source_id = src,
			      .lo = tu_date("2013-04-01").day, .hi = tu_date("2013-04-02").day};
	ck_assert_int_eq(S->release_note(db, &n), GEOPOL_OK);
	n = (gp_release_note){.what = GP_NOTE_SPAN, .source_id = other_src, .by_added = 1,
			      .lo = 20130401, .hi = 20130402};
	ck_assert_int_eq(S->release_note(db, &n), GEOPOL_OK);
	ck_assert_int_eq(S->release_mark(db, GEOPOL_FACT_MEMBERSHIP, &m_seen, 1), GEOPOL_OK);
	ck_assert_int_eq(S->release_mark(db, GEOPOL_FACT_EVENT, &e_seen, 1), GEOPOL_OK);
	ck_assert_int_eq(S->release_mark(db, GEOPOL_FACT_NAME, &f_seen, 1), GEOPOL_OK);
	ck_assert_int_eq(S->release_mark(db, GP_RELEASE_ENTITY, &aaa, 1), GEOPOL_OK);
	int64_t attr_seen = 1;
	ck_assert_int_eq(S->release_mark(db, GP_RELEASE_ATTR, &attr_seen, 1), GEOPOL_OK);
	uint64_t closed = 5;
	ck_assert_int_eq(S->release_end(db, 3000, &closed), GEOPOL_OK);
	/* 1 membership, 2 events, 1 name, 1 attribute, added to the 5. */
	ck_assert_uint_eq(closed, 5 + 1 + 2 + 1 + 1);
	snprintf(sql, sizeof sql, "SELECT id, rec_to FROM membership WHERE rec_to < 3001 ORDER BY id");
	char want[256];
	snprintf(want, sizeof want, "%lld|3000;", (long long)m_gone);
	ck_assert_str_eq(rows(sql), want);
	(void)m_other, (void)m_plain;
	snprintf(want, sizeof want, "%lld|3000;%lld|3000;", (long long)e_gone, (long long)e_added);
	ck_assert_str_eq(rows("SELECT id, rec_to FROM event WHERE rec_to < 3001 ORDER BY id"), want);
	snprintf(want, sizeof want, "%lld|3000;", (long long)n_gone);
	ck_assert_str_eq(rows("SELECT id, rec_to FROM name WHERE rec_to < 3001 ORDER BY id"), want);
	ck_assert_str_eq(rows("SELECT id, rec_to FROM entity_attr WHERE rec_to < 3001 ORDER BY id"),
			 "2|3000;");
	(void)e_late, (void)e_noid, (void)n_unmarked;
}
END_TEST

/* ---- lookups */

static int look_line(void *ctx, const gp_look_row *r)
{
	char *out = ctx, real[32] = "";
	size_t w = strlen(out);
	if (isnan(r->real))
		snprintf(real, sizeof real, " nan");
	else if (r->real != 0)
		snprintf(real, sizeof real, " %g", r->real);
	snprintf(out + w, 512 - w, "%lld %lld %d %d %s %s %lld..%lld/%lld %lld..%lld/%lld %lld %lld%s;",
		 (long long)r->id, (long long)r->fact, r->kind, r->same, r->text ? r->text : "-",
		 r->text2 ? r->text2 : "-", (long long)r->v[0], (long long)r->v[1], (long long)r->v[2],
		 (long long)r->v[3], (long long)r->v[4], (long long)r->v[5], (long long)r->source,
		 (long long)r->rec, real);
	return 0;
}

static char *look(gp_look q)
{
	static char out[512];
	out[0] = '\0';
	ck_assert_int_eq(S->look(db, &q, look_line, out), GEOPOL_OK);
	return out;
}

static int stop_look(void *ctx, const gp_look_row *r)
{
	(void)r;
	++*(int *)ctx;
	return 7;
}

START_TEST(test_sqlite_import__look)
{
	char want[512];
	geopol_date from = tu_date("1950"), open = GEOPOL_DATE_OPEN_INIT;
	/* An entity by id and by code: its life as stored, no source, the
	 * time it was recorded. */
	snprintf(want, sizeof want, "%lld 0 1 0 AAA - %lld..%lld/%d %lld..%lld/0 0 1000;", (long long)aaa,
		 (long long)gp_from_lo(from), (long long)gp_from_hi(from), from.precision,
		 (long long)gp_to_lo(open), (long long)gp_to_hi(open));
	ck_assert_str_eq(look((gp_look){.what = GP_LOOK_ENTITY, .id = aaa}), want);
	ck_assert_str_eq(look((gp_look){.what = GP_LOOK_ENTITY, .code = "AAA"}), want);
	ck_assert_str_eq(look((gp_look){.what = GP_LOOK_ENTITY, .code = "aaa"}), "");
	ck_assert_int_eq(gp_exec(db, "UPDATE entity SET life_source = 2, life_rec = 1700 WHERE code = "
				 "'AAA'"), GEOPOL_OK);
	ck_assert_ptr_nonnull(strstr(look((gp_look){.what = GP_LOOK_ENTITY, .id = aaa}), " 2 1700;"));
	/* External ids of a scheme. */
	ck_assert_int_eq(S->xref_add(db, org, "cow-igo", "42"), GEOPOL_OK);
	ck_assert_int_eq(S->xref_add(db, org, "cow", "7"), GEOPOL_OK);
	ck_assert_str_eq(look((gp_look){.what = GP_LOOK_XREF, .id = org, .code = "cow-igo"}),
			 "0 0 0 0 42 - 0..0/0 0..0/0 0 0;");
	ck_assert_str_eq(look((gp_look){.what = GP_LOOK_XREF, .id = aaa, .code = "cow-igo"}), "");
	/* Names by search key: current ones of the entity only. */
	int64_t fact, n1 = name(aaa, "alpha", &fact);
	name(bbb, "beta", &fact);
	snprintf(want, sizeof want, "%lld 0 0 0 - - 0..0/0 0..0/0 0 0;", (long long)n1);
	ck_assert_str_eq(look((gp_look){.what = GP_LOOK_NAME_KEY, .id = aaa, .key = "alpha"}), want);
	ck_assert_str_eq(look((gp_look){.what = GP_LOOK_NAME_KEY, .id = bbb, .key = "alpha"}), "");
	ck_assert_int_eq(S->fact_close(db, GEOPOL_FACT_NAME, n1, 2500), GEOPOL_OK);
	ck_assert_str_eq(look((gp_look){.what = GP_LOOK_NAME_KEY, .id = aaa, .key = "alpha"}), "");
	/* Entities of a kind by an English name: each once, at most two. */
	name(aaa, "gamma", &fact);
	keyed_name(aaa, "Gamma", "gamma", &fact); /* another fact, the same entity */
	name(org, "gamma", &fact);
	ck_assert_str_eq(look((gp_look){.what = GP_LOOK_NAMED, .key = "gamma", .kind = GEOPOL_KIND_STATE}),
			 "0 0 0 0 AAA - 0..0/0 0..0/0 0 0;");
	name(bbb, "gamma", &fact);
	int64_t ccc = entity("CCC", GEOPOL_KIND_STATE);
	name(ccc, "gamma", &fact);
	ck_assert_str_eq(look((gp_look){.what = GP_LOOK_NAMED, .key = "gamma", .kind = GEOPOL_KIND_STATE}),
			 "0 0 0 0 AAA - 0..0/0 0..0/0 0 0;0 0 0 0 BBB - 0..0/0 0..0/0 0 0;");
	/* Organizations: ORG only. */
	ck_assert_str_eq(look((gp_look){.what = GP_LOOK_NAMED, .key = "gamma",
					.kind = GEOPOL_KIND_ORGANIZATION}),
			 "0 0 0 0 ORG - 0..0/0 0..0/0 0 0;");
	/* A coded membership that definitely overlaps: same dates or not. */
	int64_t m = membership(aaa, "1990", "cow");
	membership(aaa, "1980", NULL);
	gp_look c = {.what = GP_LOOK_CODED, .id = org, .other = aaa, .role = GEOPOL_ROLE_MEMBER,
		     .code = "cow", .from = tu_date("1990"), .to = (geopol_date)GEOPOL_DATE_OPEN_INIT};
	snprintf(want, sizeof want, "%lld %lld 0 1 - - 0..0/0 0..0/0 0 0;", (long long)m, (long long)m);
	ck_assert_str_eq(look(c), want);
	c.from = tu_date("1991");
	snprintf(want, sizeof want, "%lld %lld 0 0 - - 0..0/0 0..0/0 0 0;", (long long)m, (long long)m);
	ck_assert_str_eq(look(c), want);
	c.to = tu_date("1989"); /* 1980-1989: no day shared */
	c.from = tu_date("1980");
	ck_assert_str_eq(look(c), "");
	c = (gp_look){.what = GP_LOOK_CODED, .id = org, .other = aaa, .role = GEOPOL_ROLE_MEMBER,
		      .code = "atop", .from = tu_date("1990"), .to = (geopol_date)GEOPOL_DATE_OPEN_INIT};
	ck_assert_str_eq(look(c), "");
	c.code = "cow";
	c.role = GEOPOL_ROLE_OBSERVER;
	ck_assert_str_eq(look(c), "");
	/* The current one of a coding from a first day. */
	gp_look f = {.what = GP_LOOK_MEMBERSHIP_FROM, .id = org, .other = aaa, .code = "cow",
		     .from = tu_date("1990")};
	snprintf(want, sizeof want, "%lld 0 0 0 - - 0..0/0 0..0/0 0 0;", (long long)m);
	ck_assert_str_eq(look(f), want);
	f.from = tu_date("1980");
	ck_assert_str_eq(look(f), "");
	/* A membership row's attributes. */
	snprintf(want, sizeof want, "INSERT INTO membership_attr(membership_id, key, value) VALUES "
		 "(%lld, 'defense', '1'), (%lld, 'offense', '0')", (long long)m, (long long)m);
	ck_assert_int_eq(gp_exec(db, want), GEOPOL_OK);
	ck_assert_str_eq(rows("SELECT 1"), "1;");
	char *got = look((gp_look){.what = GP_LOOK_MEMBERSHIP_ATTRS, .id = m});
	ck_assert_ptr_nonnull(strstr(got, " defense 1 "));
	ck_assert_ptr_nonnull(strstr(got, " offense 0 "));
	ck_assert_int_eq((int)strlen(got), (int)strlen("0 0 0 0 defense 1 0..0/0 0..0/0 0 0;") * 2);
	/* An entity's current attribute, the same value or not. */
	ck_assert_int_eq(gp_exec(db, "INSERT INTO entity_attr(id, entity_id, key, value, source_id, "
				 "rec_from, rec_to) VALUES (8, 1, 'domain', 'old', 1, 1000, 2000), "
				 "(9, 1, 'domain', 'new', 1, 2000, 9223372036854775807)"), GEOPOL_OK);
	ck_assert_str_eq(look((gp_look){.what = GP_LOOK_ATTR, .id = org, .key = "domain", .value = "new"}),
			 "9 0 0 1 - - 0..0/0 0..0/0 0 0;");
	ck_assert_str_eq(look((gp_look){.what = GP_LOOK_ATTR, .id = org, .key = "domain", .value = "old"}),
			 "9 0 0 0 - - 0..0/0 0..0/0 0 0;");
	ck_assert_str_eq(look((gp_look){.what = GP_LOOK_ATTR, .id = org, .key = "fate", .value = "x"}), "");
	/* A stop is returned; an unknown lookup is internal. */
	int calls = 0;
	gp_look q = {.what = GP_LOOK_NAMED, .key = "gamma", .kind = GEOPOL_KIND_STATE};
	ck_assert_int_eq(S->look(db, &q, stop_look, &calls), 7);
	ck_assert_int_eq(calls, 1);
	q.what = 0;
	ck_assert_int_eq(S->look(db, &q, stop_look, &calls), GEOPOL_EINTERNAL);
}
END_TEST

/* ---- rows written */

START_TEST(test_sqlite_import__coded_and_copied)
{
	/* An uncoded membership, then a coded one over it: not checked. */
	int64_t plain = membership(aaa, "1990", NULL), coded = membership(aaa, "1990", "cow");
	char want[256], sql[256];
	snprintf(want, sizeof want, "%lld|%lld|-|2000;%lld|%lld|cow|2000;", (long long)plain,
		 (long long)plain, (long long)coded, (long long)coded);
	ck_assert_str_eq(rows("SELECT id, fact_id, coding, rec_from FROM membership ORDER BY id"), want);
	/* A second uncoded one is still checked. */
	gp_fact_put f = {.kind = GEOPOL_FACT_MEMBERSHIP, .rec_from = 2000, .ent = org, .other = aaa,
			 .from = tu_date("1990"), .to = (geopol_date)GEOPOL_DATE_OPEN_INIT,
			 .code = GEOPOL_ROLE_MEMBER, .stage = GEOPOL_STAGE_IN_FORCE};
	int64_t fact = 0, row = 0;
	ck_assert_int_eq(S->fact_add(db, &f, &fact, &row), GP_UNCHANGED);
	ck_assert_int_eq(fact, plain);
	/* A copy of the coded version from 3000: the same fact, dates,
	 * coding and stage. */
	int64_t copy = 0;
	ck_assert_int_eq(S->fact_copy(db, GEOPOL_FACT_MEMBERSHIP, coded, 3000, &copy), GEOPOL_OK);
	ck_assert_int_eq(copy, coded + 1);
	snprintf(sql, sizeof sql, "SELECT fact_id, org_id, member_id, role, from_lo, from_hi, from_prec, "
		 "to_lo, to_hi, to_prec, coding, stage, rec_from, rec_to FROM membership WHERE id IN "
		 "(%lld, %lld) ORDER BY id", (long long)coded, (long long)copy);
	char *got = rows(sql);
	char *semi = strchr(got, ';');
	ck_assert_ptr_nonnull(semi);
	/* The two rows alike up to rec_from. */
	char *first = strndup(got, (size_t)(semi - got));
	char *second = strndup(semi + 1, strlen(semi + 1) - 1);
	ck_assert_ptr_nonnull(strstr(first, "|cow|1|2000|9223372036854775807"));
	ck_assert_ptr_nonnull(strstr(second, "|cow|1|3000|9223372036854775807"));
	ck_assert_int_eq(strncmp(first, second, strlen(first) - strlen("2000|9223372036854775807")), 0);
	free(first);
	free(second);
	ck_assert_int_eq(S->fact_copy(db, GEOPOL_FACT_NAME, 1, 3000, &copy), GEOPOL_EINTERNAL);
}
END_TEST

START_TEST(test_sqlite_import__import_put)
{
	/* An attribute, then its new value: the first closed, not overwritten. */
	gp_import_put p = {.what = GP_PUT_ATTR, .id = org, .key = "domain", .value = "a",
			   .source = src, .rec_from = 2000};
	int64_t row = 0;
	ck_assert_int_eq(S->import_put(db, &p, &row), GEOPOL_OK);
	ck_assert_int_eq(row, 1);
	p.value = "b";
	p.rec_from = 3000;
	p.replaces = 1;
	ck_assert_int_eq(S->import_put(db, &p, &row), GEOPOL_OK);
	ck_assert_int_eq(row, 2);
	ck_assert_str_eq(rows("SELECT id, entity_id, key, value, source_id, rec_from, rec_to FROM "
			      "entity_attr ORDER BY id"),
			 "1|1|domain|a|1|2000|3000;2|1|domain|b|1|3000|9223372036854775807;");
	/* A life: set (not kept), then corrected (kept in entity_life). */
	p = (gp_import_put){.what = GP_PUT_LIFE, .id = aaa, .from = tu_date("1960"),
			    .to = tu_date("1990-06"), .source = src, .rec_from = 2000};
	ck_assert_int_eq(S->import_put(db, &p, &row), GEOPOL_OK);
	ck_assert_int_eq(row, 0);
	char want[256];
	snprintf(want, sizeof want, "%d|1|%d|2|1|-;", tu_date("1960").day, tu_date("1990-06").day);
	ck_assert_str_eq(rows("SELECT from_lo, from_prec, to_lo, to_prec, life_source, life_rec FROM "
			      "entity WHERE code = 'AAA'"), want);
	ck_assert_str_eq(rows("SELECT count(*) FROM entity_life"), "0;");
	p.from = tu_date("1961");
	p.rec_from = 3000;
	p.keep = 1;
	ck_assert_int_eq(S->import_put(db, &p, NULL), GEOPOL_OK);
	snprintf(want, sizeof want, "%d|1|%d|2|1|3000;", tu_date("1961").day, tu_date("1990-06").day);
	ck_assert_str_eq(rows("SELECT from_lo, from_prec, to_lo, to_prec, life_source, life_rec FROM "
			      "entity WHERE code = 'AAA'"), want);
	/* The life known until 3000: recorded when the entity was (1000). */
	snprintf(want, sizeof want, "2|%d|1|%d|2|1|1000|3000;", tu_date("1960").day, tu_date("1990-06").day);
	ck_assert_str_eq(rows("SELECT entity_id, from_lo, from_prec, to_lo, to_prec, source_id, "
			      "rec_from, rec_to FROM entity_life"), want);
	/* A membership's attribute, added then replaced. */
	int64_t m = membership(aaa, "1990", "atop");
	p = (gp_import_put){.what = GP_PUT_MEMBERSHIP_ATTR, .id = m, .key = "defense", .value = "0"};
	ck_assert_int_eq(S->import_put(db, &p, NULL), GEOPOL_OK);
	p.value = "1";
	ck_assert_int_eq(S->import_put(db, &p, NULL), GEOPOL_OK);
	snprintf(want, sizeof want, "%lld|defense|1;", (long long)m);
	ck_assert_str_eq(rows("SELECT membership_id, key, value FROM membership_attr"), want);
	p.what = 0;
	ck_assert_int_eq(S->import_put(db, &p, NULL), GEOPOL_EINTERNAL);
}
END_TEST

START_TEST(test_sqlite_import__events)
{
	/* An event type: added (a placeholder), kept, then named; its
	 * Goldstein value set, then none. */
	gp_import_put p = {.what = GP_PUT_EVENT_TYPE, .key = "0421", .value = "CAMEO 0421",
			   .root = "04", .keep = 1};
	ck_assert_int_eq(S->import_put(db, &p, NULL), GEOPOL_OK);
	p.value = "Other";
	ck_assert_int_eq(S->import_put(db, &p, NULL), GEOPOL_OK);
	ck_assert_str_eq(rows("SELECT code, name, goldstein, root FROM event_type"), "0421|CAMEO 0421|-|04;");
	p = (gp_import_put){.what = GP_PUT_GOLDSTEIN, .key = "0421", .real = 2.5};
	ck_assert_int_eq(S->import_put(db, &p, NULL), GEOPOL_OK);
	p = (gp_import_put){.what = GP_PUT_EVENT_TYPE, .key = "0421", .value = "Visit", .root = "99"};
	ck_assert_int_eq(S->import_put(db, &p, NULL), GEOPOL_OK);
	ck_assert_str_eq(rows("SELECT code, name, goldstein, root FROM event_type"), "0421|Visit|2.5|04;");
	ck_assert_str_eq(look((gp_look){.what = GP_LOOK_EVENT_TYPE, .code = "0421"}),
			 "0 0 0 0 Visit - 0..0/0 0..0/0 0 0 2.5;");
	p = (gp_import_put){.what = GP_PUT_GOLDSTEIN, .key = "0421", .real = NAN};
	ck_assert_int_eq(S->import_put(db, &p, NULL), GEOPOL_OK);
	ck_assert_str_eq(look((gp_look){.what = GP_LOOK_EVENT_TYPE, .code = "0421"}),
			 "0 0 0 0 Visit - 0..0/0 0..0/0 0 0 nan;");
	ck_assert_str_eq(look((gp_look){.what = GP_LOOK_EVENT_TYPE, .code = "042"}), "");
	/* An event's details, all of them and none but the digest. */
	gp_fact_put e = {.kind = GEOPOL_FACT_EVENT, .rec_from = 2000, .from = tu_date("2013-04-01"),
			 .to = (geopol_date)GEOPOL_DATE_OPEN_INIT, .type = "0421", .intensity = NAN,
			 .ext_id = "g1"};
	int64_t fact, row1, row2;
	ck_assert_int_eq(S->fact_add(db, &e, &fact, &row1), GEOPOL_OK);
	e.ext_id = "g2";
	ck_assert_int_eq(S->fact_add(db, &e, &fact, &row2), GEOPOL_OK);
	gp_event_detail d = {.digest = "00112233aabbccdd", .quad = 4, .counts = {3, 2, 1},
			     .reals = {-1.5, 43.25, 76.5}, .attrs = "{\"a\":1}xyz", .attrs_len = 7};
	p = (gp_import_put){.what = GP_PUT_EVENT_DETAIL, .id = row1, .detail = &d};
	ck_assert_int_eq(S->import_put(db, &p, NULL), GEOPOL_OK);
	gp_event_detail none = {.digest = "ffffffffffffffff", .counts = {-1, -1, -1},
				.reals = {NAN, NAN, NAN}};
	p.id = row2;
	p.detail = &none;
	ck_assert_int_eq(S->import_put(db, &p, NULL), GEOPOL_OK);
	char want[512];
	snprintf(want, sizeof want, "%lld|00112233aabbccdd|4|3|2|1|-1.5|43.25|76.5|{\"a\":1};"
		 "%lld|ffffffffffffffff|-|-|-|-|-|-|-|-;", (long long)row1, (long long)row2);
	ck_assert_str_eq(rows("SELECT event_id, digest, quad_class, num_mentions, num_sources, "
			      "num_articles, avg_tone, lat, lon, attrs FROM event_detail ORDER BY event_id"),
			 want);
	/* The current event of a dataset id, with its digest; one without
	 * details; a closed one is not found. */
	snprintf(want, sizeof want, "%lld %lld 0 0 00112233aabbccdd - 0..0/0 0..0/0 0 0;",
		 (long long)row1, (long long)row1);
	ck_assert_str_eq(look((gp_look){.what = GP_LOOK_EVENT_EXT, .code = "g1"}), want);
	e.ext_id = "g3";
	int64_t row3;
	ck_assert_int_eq(S->fact_add(db, &e, &fact, &row3), GEOPOL_OK);
	snprintf(want, sizeof want, "%lld %lld 0 0 - - 0..0/0 0..0/0 0 0;", (long long)row3,
		 (long long)row3);
	ck_assert_str_eq(look((gp_look){.what = GP_LOOK_EVENT_EXT, .code = "g3"}), want);
	ck_assert_int_eq(S->fact_close(db, GEOPOL_FACT_EVENT, row1, 3000), GEOPOL_OK);
	ck_assert_str_eq(look((gp_look){.what = GP_LOOK_EVENT_EXT, .code = "g1"}), "");
}
END_TEST

int main(void)
{
	Suite *s = suite_create("sqlite_import");
	TCase *t = tcase_create("members");
	tcase_add_checked_fixture(t, setup, teardown);
	tcase_add_test(t, test_sqlite_import__release_marks);
	tcase_add_test(t, test_sqlite_import__release_end);
	tcase_add_test(t, test_sqlite_import__look);
	tcase_add_test(t, test_sqlite_import__coded_and_copied);
	tcase_add_test(t, test_sqlite_import__import_put);
	tcase_add_test(t, test_sqlite_import__events);
	suite_add_tcase(s, t);
	return tu_run(s);
}
