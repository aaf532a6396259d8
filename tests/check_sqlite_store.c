/*
 * check_sqlite_store.c - the SQLite store (lib/store/store.c,
 * sqlite_store.c, sqlite_scan.c, sqlite_walk.c, sqlite_row.c,
 * sqlite_write.c, sqlite_events.c, sqlite_dict.c) through the gp_store
 * interface itself, as a second store would be driven: the choice of a
 * store by path; the writes' answers (GP_UNCHANGED, GEOPOL_ECONFLICT with
 * the stored fact's id and nothing written, a version closed, a citation
 * given twice kept once); the reads (a key's spells in the question's
 * order, a table's scan at a span in id order with rec_to, a walk's hops,
 * events with their actors, entities, dictionaries, citations in row
 * order, names, the rows a check of the data names, uncited events, a
 * row's citations, an entity's and a membership's attributes, resolve's
 * names by key and candidates, geopol_check's rows, the panels' rows).
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

/* A small world written through the store: ORG with members ZZZ (from
 * 2000) and AAA (1990-1995, then from 2005), a relation AAA-BBB, BBB not a
 * member. Row ids in that order. */
static int64_t org, aaa, zzz, bbb, src;
static int64_t m_zzz, m_aaa1, m_aaa2, rel;

static int64_t entity(const char *code, int kind)
{
	gp_entity_put e = {code, kind, NULL, tu_date("1950"), (geopol_date)GEOPOL_DATE_OPEN_INIT, 1000};
	int64_t id = 0;
	ck_assert_int_eq(S->entity_add(db, &e, &id), GEOPOL_OK);
	ck_assert_int_gt(id, 0);
	return id;
}

static int membership(int64_t o, int64_t m, const char *from, const char *to, int64_t *fact,
		      int64_t *row)
{
	gp_fact_put f = {.kind = GEOPOL_FACT_MEMBERSHIP, .rec_from = 2000, .ent = o, .other = m,
			 .from = tu_date(from), .code = GEOPOL_ROLE_MEMBER,
			 .stage = GEOPOL_STAGE_IN_FORCE};
	f.to = to ? tu_date(to) : (geopol_date)GEOPOL_DATE_OPEN_INIT;
	return S->fact_add(db, &f, fact, row);
}

static void setup(void)
{
	db = tu_open();
	S = gp_store_of(db);
	org = entity("ORG", GEOPOL_KIND_ORGANIZATION);
	zzz = entity("ZZZ", GEOPOL_KIND_STATE);
	aaa = entity("AAA", GEOPOL_KIND_STATE);
	bbb = entity("BBB", GEOPOL_KIND_STATE);
	int64_t fact;
	ck_assert_int_eq(membership(org, zzz, "2000", NULL, &fact, &m_zzz), GEOPOL_OK);
	ck_assert_int_eq(membership(org, aaa, "1990", "1995", &fact, &m_aaa1), GEOPOL_OK);
	ck_assert_int_eq(membership(org, aaa, "2005", NULL, &fact, &m_aaa2), GEOPOL_OK);
	gp_type_put t = {.what = GP_FIND_RELATION_TYPE, .code = "ally", .directed = 0};
	ck_assert_int_eq(S->type_add(db, &t), GEOPOL_OK);
	gp_fact_put r = {.kind = GEOPOL_FACT_RELATION, .rec_from = 2000, .ent = aaa, .other = bbb,
			 .from = tu_date("2001"), .to = (geopol_date)GEOPOL_DATE_OPEN_INIT,
			 .type = "ally"};
	ck_assert_int_eq(S->fact_add(db, &r, &fact, &rel), GEOPOL_OK);
	geopol_source_spec s = GEOPOL_SOURCE_SPEC_INIT;
	s.code = "src:1";
	s.title = "A source";
	ck_assert_int_eq(S->source_add(db, &s, 1500), GEOPOL_OK);
	int aux;
	gp_find f = {GP_FIND_SOURCE, "src:1", NULL};
	ck_assert_int_eq(S->find(db, &f, &src, &aux), GEOPOL_OK);
}

static void teardown(void)
{
	geopol_close(db);
	db = NULL;
}

static void span(const char *d, int64_t *lo, int64_t *hi)
{
	gp_at_span(tu_date(d), lo, hi);
}

/* ---- the store of a path */

START_TEST(test_sqlite_store__chosen_by_path)
{
	ck_assert_ptr_eq(gp_store_for("x.db"), &gp_sqlite_store);
	ck_assert_ptr_eq(gp_store_for(":memory:"), &gp_sqlite_store);
	ck_assert_ptr_eq(S, &gp_sqlite_store);
	ck_assert_str_eq(S->name, "sqlite");
	ck_assert_uint_eq(S->version, GP_STORE_VERSION);
	/* SQLite is asked last (it claims every path), after the PostgreSQL
	 * store, which takes the postgresql: paths (or refuses them by name
	 * in a build without libpq). */
	size_t n = 0;
	while (gp_stores[n])
		n++;
	ck_assert_uint_eq(n, 2);
	ck_assert_ptr_eq(gp_stores[n - 1], &gp_sqlite_store);
	ck_assert_ptr_ne(gp_store_for("postgresql://localhost/geopol"), &gp_sqlite_store);
	ck_assert_ptr_eq(gp_store_for("./postgresql:x.db"), &gp_sqlite_store);
}
END_TEST

/* ---- writes */

START_TEST(test_sqlite_store__find)
{
	int64_t id = 0;
	int aux = 0;
	gp_find f = {GP_FIND_ENTITY, "ORG", NULL};
	ck_assert_int_eq(S->find(db, &f, &id, &aux), GEOPOL_OK);
	ck_assert_int_eq(id, org);
	ck_assert_int_eq(aux, GEOPOL_KIND_ORGANIZATION);
	f = (gp_find){GP_FIND_RELATION_TYPE, "ally", NULL};
	ck_assert_int_eq(S->find(db, &f, &id, &aux), GEOPOL_OK);
	ck_assert_int_eq(aux, 0);
	/* Not there: ENOTFOUND and no message. */
	f = (gp_find){GP_FIND_ENTITY, "NOPE", NULL};
	gp_clear_error(db);
	ck_assert_int_eq(S->find(db, &f, &id, &aux), GEOPOL_ENOTFOUND);
	ck_assert_str_eq(geopol_errmsg(db), "no error");
}
END_TEST

START_TEST(test_sqlite_store__fact_add_unchanged_and_conflict)
{
	int64_t rows = tu_total_rows(db), fact = 0, row = 0;
	gp_clear_error(db);
	/* The same membership again: nothing added, the stored fact named. */
	ck_assert_int_eq(membership(org, zzz, "2000", NULL, &fact, &row), GP_UNCHANGED);
	ck_assert_int_eq(fact, m_zzz);
	/* Other dates that definitely overlap it: a conflict with that fact. */
	fact = 0;
	ck_assert_int_eq(membership(org, zzz, "2003", "2010", &fact, &row), GEOPOL_ECONFLICT);
	ck_assert_int_eq(fact, m_zzz);
	/* The second of AAA's, not the first (over by 1995). */
	ck_assert_int_eq(membership(org, aaa, "2006", NULL, &fact, &row), GEOPOL_ECONFLICT);
	ck_assert_int_eq(fact, m_aaa2);
	ck_assert_str_eq(geopol_errmsg(db), "no error");
	ck_assert_int_eq(tu_total_rows(db), rows);
	/* Where they do not overlap: added. */
	ck_assert_int_eq(membership(org, aaa, "1996", "2004", &fact, &row), GEOPOL_OK);
	ck_assert_int_eq(tu_total_rows(db), rows + 1);
	ck_assert_int_eq(fact, row);
	/* An undirected relation written the other way round is the same. */
	gp_fact_put r = {.kind = GEOPOL_FACT_RELATION, .rec_from = 3000, .ent = bbb, .other = aaa,
			 .from = tu_date("2001"), .to = (geopol_date)GEOPOL_DATE_OPEN_INIT,
			 .type = "ally"};
	ck_assert_int_eq(S->fact_add(db, &r, &fact, &row), GP_UNCHANGED);
	ck_assert_int_eq(fact, rel);
}
END_TEST

START_TEST(test_sqlite_store__fact_close)
{
	int64_t row = 0, lo, hi;
	ck_assert_int_eq(S->fact_current(db, GEOPOL_FACT_MEMBERSHIP, m_zzz, &row), GEOPOL_OK);
	ck_assert_int_eq(row, m_zzz);
	ck_assert_int_eq(S->fact_close(db, GEOPOL_FACT_MEMBERSHIP, m_zzz, 5000), GEOPOL_OK);
	ck_assert_int_eq(S->fact_current(db, GEOPOL_FACT_MEMBERSHIP, m_zzz, &row), GEOPOL_ENOTFOUND);
	/* Known before 5000, not at it. */
	span("2010-06-01", &lo, &hi);
	for (int64_t k = 4999; k <= 5000; k++) {
		gp_row_cursor *c;
		gp_edge_row e;
		ck_assert_int_eq(S->scan(&c, db, GEOPOL_FACT_MEMBERSHIP, lo, hi, k), GEOPOL_OK);
		int found = 0, rc;
		while ((rc = c->next(c, &e)) == GEOPOL_OK)
			if (e.id == m_zzz) {
				found = 1;
				ck_assert_int_eq(e.rec_to, 5000);
			}
		ck_assert_int_eq(rc, GEOPOL_ITEROVER);
		gp_row_cursor_free(c);
		ck_assert_int_eq(found, k < 5000);
	}
}
END_TEST

START_TEST(test_sqlite_store__cite_once)
{
	ck_assert_int_eq(S->cite_add(db, GEOPOL_FACT_MEMBERSHIP, m_aaa2, src, "q", 1), GEOPOL_OK);
	ck_assert_int_eq(S->cite_add(db, GEOPOL_FACT_MEMBERSHIP, m_aaa2, src, "q", 0), GEOPOL_OK);
	ck_assert_int_eq(S->cite_add(db, GEOPOL_FACT_MEMBERSHIP, m_aaa2, src, NULL, 0), GEOPOL_OK);
	ck_assert_int_eq(S->cite_add(db, GEOPOL_FACT_MEMBERSHIP, m_aaa2, src, NULL, 0), GEOPOL_OK);
	ck_assert_int_eq(S->cite_add(db, GEOPOL_FACT_MEMBERSHIP, m_zzz, src, "z", 1), GEOPOL_OK);
	ck_assert_int_eq(tu_count(db, "SELECT count(*) FROM citation"), 3);
	ck_assert_int_eq(S->cites_copy(db, GEOPOL_FACT_MEMBERSHIP, m_aaa2, m_aaa1), GEOPOL_OK);
	/* The cursor, in row order then as given: m_aaa1's two (copied), then
	 * m_aaa2's. */
	gp_cite_cursor *c;
	ck_assert_int_eq(S->cites(&c, db, GEOPOL_FACT_MEMBERSHIP), GEOPOL_OK);
	ck_assert_int_eq(c->seek(c, m_aaa1), GEOPOL_OK);
	ck_assert_int_eq(c->row, m_aaa1);
	ck_assert_int_eq(c->ref.source_id, src);
	ck_assert_str_eq(c->ref.quote, "q");
	ck_assert_int_eq(c->step(c), GEOPOL_OK);
	ck_assert_int_eq(c->row, m_aaa1);
	ck_assert_ptr_null(c->ref.quote);
	ck_assert_int_eq(c->step(c), GEOPOL_OK);
	ck_assert_int_eq(c->row, m_aaa2);
	ck_assert_int_eq(c->step(c), GEOPOL_OK);
	ck_assert_int_eq(c->row, m_aaa2);
	ck_assert_int_eq(c->step(c), GEOPOL_ITEROVER);
	/* Seek past every cited row; and back. */
	ck_assert_int_eq(c->seek(c, m_aaa2 + 1), GEOPOL_ITEROVER);
	ck_assert_int_eq(c->seek(c, m_zzz), GEOPOL_OK);
	ck_assert_int_eq(c->row, m_zzz);
	ck_assert_str_eq(c->ref.quote, "z");
	gp_cite_cursor_free(c);
	/* Relations have none. */
	ck_assert_int_eq(S->cites(&c, db, GEOPOL_FACT_RELATION), GEOPOL_OK);
	ck_assert_int_eq(c->seek(c, 0), GEOPOL_ITEROVER);
	gp_cite_cursor_free(c);
}
END_TEST

START_TEST(test_sqlite_store__transactions)
{
	int64_t rows = tu_total_rows(db), fact, row;
	ck_assert_int_eq(S->in_txn(db), 0);
	ck_assert_int_eq(S->txn(db, GP_TXN_BEGIN), GEOPOL_OK);
	ck_assert_int_eq(S->in_txn(db), 1);
	ck_assert_int_eq(S->txn(db, GP_TXN_SAVEPOINT), GEOPOL_OK);
	ck_assert_int_eq(membership(org, bbb, "2000", NULL, &fact, &row), GEOPOL_OK);
	ck_assert_int_eq(S->txn(db, GP_TXN_UNDO), GEOPOL_OK);
	ck_assert_int_eq(tu_total_rows(db), rows);
	ck_assert_int_eq(S->txn(db, GP_TXN_SAVEPOINT), GEOPOL_OK);
	ck_assert_int_eq(membership(org, bbb, "2000", NULL, &fact, &row), GEOPOL_OK);
	ck_assert_int_eq(S->txn(db, GP_TXN_RELEASE), GEOPOL_OK);
	ck_assert_int_eq(tu_total_rows(db), rows + 1);
	ck_assert_int_eq(S->txn(db, GP_TXN_ROLLBACK), GEOPOL_OK);
	ck_assert_int_eq(S->in_txn(db), 0);
	ck_assert_int_eq(tu_total_rows(db), rows);
	ck_assert_int_eq(S->txn(db, 99), GEOPOL_EINTERNAL);
	/* The clock is the process's: microseconds since 1970, after 2020. */
	ck_assert_int_gt(S->now(db), INT64_C(1577836800000000));
}
END_TEST

/* ---- reads */

static char *spell_lines(const gp_spells_query *sq)
{
	gp_row_cursor *c;
	gp_edge_row r[2];
	char *out = calloc(1, 512);
	int rc;
	ck_assert_int_eq(S->spells(&c, db, sq), GEOPOL_OK);
	while ((rc = c->next(c, r)) == GEOPOL_OK) {
		char line[64];
		snprintf(line, sizeof line, "%s %s %lld;", r[0].a, r[0].b, (long long)r[0].when.flo);
		strcat(out, line);
	}
	ck_assert_int_eq(rc, GEOPOL_ITEROVER);
	gp_row_cursor_free(c);
	return out;
}

START_TEST(test_sqlite_store__spells_in_order)
{
	gp_q d;
	ck_assert_int_eq(gp_query_defaults(db, &d, NULL), GEOPOL_OK);
	gp_spells_query sq = {.what = GP_SPELLS_MEMBERS, .ent = org, .q = &d};
	/* In 2010: by member code, AAA before ZZZ though added after it. */
	span("2010", &sq.dlo, &sq.dhi);
	char *got = spell_lines(&sq), want[128];
	snprintf(want, sizeof want, "ORG AAA %d;ORG ZZZ %d;", tu_date("2005").day,
		 tu_date("2000").day);
	ck_assert_str_eq(got, want);
	free(got);
	/* In 1992: AAA's first only. */
	span("1992-03-01", &sq.dlo, &sq.dhi);
	got = spell_lines(&sq);
	snprintf(want, sizeof want, "ORG AAA %d;", tu_date("1990").day);
	ck_assert_str_eq(got, want);
	free(got);
	/* AAA's memberships over all time: by organization, then from. */
	sq = (gp_spells_query){.what = GP_SPELLS_MEMBERSHIPS, .ent = aaa, .q = &d,
			       .dlo = GP_OPEN_START, .dhi = GP_OPEN_END};
	got = spell_lines(&sq);
	snprintf(want, sizeof want, "ORG AAA %d;ORG AAA %d;", tu_date("1990").day,
		 tu_date("2005").day);
	ck_assert_str_eq(got, want);
	free(got);
	/* A relation from either end. */
	sq = (gp_spells_query){.what = GP_SPELLS_RELATIONS, .ent = bbb, .q = &d};
	span("2010", &sq.dlo, &sq.dhi);
	got = spell_lines(&sq);
	snprintf(want, sizeof want, "AAA BBB %d;", tu_date("2001").day);
	ck_assert_str_eq(got, want);
	free(got);
}
END_TEST

START_TEST(test_sqlite_store__scan_at_a_span)
{
	int64_t lo, hi;
	gp_row_cursor *c;
	gp_edge_row e;
	/* 1993 to 2003: AAA's first and ZZZ's, in id order (ZZZ's first), in
	 * the raw form: ids, no codes. */
	span("1993", &lo, &hi);
	span("2003", &(int64_t){0}, &hi);
	ck_assert_int_eq(S->scan(&c, db, GEOPOL_FACT_MEMBERSHIP, lo, hi, 2000), GEOPOL_OK);
	ck_assert_int_eq(c->next(c, &e), GEOPOL_OK);
	ck_assert_int_eq(e.id, m_zzz);
	ck_assert_int_eq(e.a_id, org);
	ck_assert_int_eq(e.b_id, zzz);
	ck_assert_int_eq(e.rec_from, 2000);
	ck_assert_int_eq(e.rec_to, GP_REC_CURRENT);
	ck_assert_int_eq(c->next(c, &e), GEOPOL_OK);
	ck_assert_int_eq(e.id, m_aaa1);
	ck_assert_int_eq(c->next(c, &e), GEOPOL_ITEROVER);
	gp_row_cursor_free(c);
	/* Known at 1999, before any row was: none. */
	ck_assert_int_eq(S->scan(&c, db, GEOPOL_FACT_MEMBERSHIP, lo, hi, 1999), GEOPOL_OK);
	ck_assert_int_eq(c->next(c, &e), GEOPOL_ITEROVER);
	gp_row_cursor_free(c);
	/* Relations: the one, its type as stored. */
	ck_assert_int_eq(S->scan(&c, db, GEOPOL_FACT_RELATION, lo, hi, 2000), GEOPOL_OK);
	ck_assert_int_eq(c->next(c, &e), GEOPOL_OK);
	ck_assert_int_eq(e.id, rel);
	ck_assert_str_eq(e.type, "ally");
	ck_assert_int_eq(c->next(c, &e), GEOPOL_ITEROVER);
	gp_row_cursor_free(c);
}
END_TEST

START_TEST(test_sqlite_store__walk)
{
	gp_q d;
	ck_assert_int_eq(gp_query_defaults(db, &d, NULL), GEOPOL_OK);
	gp_walk_query w = {.from = zzz, .depth = 3, .q = &d};
	span("2010", &w.dlo, &w.dhi);
	gp_hop_cursor *h;
	gp_edge_row r;
	/* ZZZ -> ORG (depth 1) -> AAA (2) -> BBB (3, by the relation). */
	ck_assert_int_eq(S->walk(&h, db, &w), GEOPOL_OK);
	static const char *const via[] = {"ZZZ", "ORG", "AAA"};
	for (int i = 0; i < 3; i++) {
		ck_assert_int_eq(h->base.next(&h->base, &r), GEOPOL_OK);
		ck_assert_str_eq(h->via, via[i]);
		ck_assert_int_eq(h->depth, i + 1);
		ck_assert_int_eq(r.kind, i < 2 ? GEOPOL_FACT_MEMBERSHIP : GEOPOL_FACT_RELATION);
	}
	ck_assert_int_eq(h->base.next(&h->base, &r), GEOPOL_ITEROVER);
	gp_row_cursor_free(&h->base);
	/* A path to BBB within 2 hops: none, and no message. */
	w = (gp_walk_query){.from = zzz, .to = bbb, .depth = 2, .dlo = w.dlo, .dhi = w.dhi, .q = &d};
	gp_clear_error(db);
	ck_assert_int_eq(S->walk(&h, db, &w), GEOPOL_ENOTFOUND);
	ck_assert_str_eq(geopol_errmsg(db), "no error");
}
END_TEST

START_TEST(test_sqlite_store__events)
{
	gp_type_put t = {.what = GP_FIND_EVENT_TYPE, .code = "042", .name = "Visit",
			 .goldstein = 1.5};
	ck_assert_int_eq(S->type_add(db, &t), GEOPOL_OK);
	int64_t fact, row[2];
	const char *dates[] = {"2010-05-02", "2010-05-01"};
	for (int i = 0; i < 2; i++) {
		gp_fact_put e = {.kind = GEOPOL_FACT_EVENT, .rec_from = 2000, .from = tu_date(dates[i]),
				 .to = (geopol_date)GEOPOL_DATE_OPEN_INIT, .type = "042",
				 .intensity = NAN};
		ck_assert_int_eq(S->fact_add(db, &e, &fact, &row[i]), GEOPOL_OK);
	}
	gp_actor_put actors[] = {{zzz, GEOPOL_ACTOR_SOURCE}, {aaa, GEOPOL_ACTOR_TARGET},
				 {bbb, GEOPOL_ACTOR_SOURCE}};
	geopol_text_spec texts[] = {{"en", "A visit", NULL},
				    {"fr", "Une visite", NULL}};
	ck_assert_int_eq(S->event_parts(db, row[0], actors, 3, texts, 2), GEOPOL_OK);
	ck_assert_int_eq(S->event_parts(db, row[1], actors, 1, NULL, 0), GEOPOL_OK);
	/* ZZZ's events in May 2010: by date, the second written first. */
	gp_events_query q = {.what = GP_EVENTS_MATCH, .ent = zzz, .k = 2000, .limit = -1,
			     .wlo = tu_date("2010-05-01").day, .whi = tu_date("2010-06-01").day,
			     .lang = "fr"};
	gp_event_cursor *c;
	gp_event_row r;
	ck_assert_int_eq(S->events(&c, db, &q), GEOPOL_OK);
	ck_assert_int_eq(c->next(c, &r), GEOPOL_OK);
	ck_assert_int_eq(r.id, row[1]);
	ck_assert_uint_eq(r.n_actors, 1);
	ck_assert_ptr_null(r.title);
	ck_assert_int_eq(c->next(c, &r), GEOPOL_OK);
	ck_assert_int_eq(r.id, row[0]);
	ck_assert_str_eq(r.type, "042");
	ck_assert_str_eq(r.type_name, "Visit");
	ck_assert(r.goldstein == 1.5);
	ck_assert(isnan(r.intensity));
	ck_assert_int_eq(r.when.flo, tu_date("2010-05-02").day);
	/* Actors by role, then code; the title in the language asked. */
	ck_assert_uint_eq(r.n_actors, 3);
	ck_assert_str_eq(r.actors[0].entity, "BBB");
	ck_assert_int_eq(r.actors[0].role, GEOPOL_ACTOR_SOURCE);
	ck_assert_str_eq(r.actors[1].entity, "ZZZ");
	ck_assert_str_eq(r.actors[2].entity, "AAA");
	ck_assert_int_eq(r.actors[2].role, GEOPOL_ACTOR_TARGET);
	ck_assert_str_eq(r.title_lang, "fr");
	ck_assert_str_eq(r.title, "Une visite");
	ck_assert_int_eq(c->next(c, &r), GEOPOL_ITEROVER);
	ck_assert_int_eq(c->next(c, &r), GEOPOL_ITEROVER);
	gp_event_cursor_free(c);
	/* With BBB too and a limit of 1: the one they share. */
	q.other = bbb;
	ck_assert_int_eq(S->events(&c, db, &q), GEOPOL_OK);
	ck_assert_int_eq(c->next(c, &r), GEOPOL_OK);
	ck_assert_int_eq(r.id, row[0]);
	ck_assert_int_eq(c->next(c, &r), GEOPOL_ITEROVER);
	gp_event_cursor_free(c);
	/* Known at 1999: none; the window from May 2: the first only. */
	q = (gp_events_query){.what = GP_EVENTS_WINDOW, .k = 1999, .wlo = q.wlo, .whi = q.whi};
	ck_assert_int_eq(S->events(&c, db, &q), GEOPOL_OK);
	ck_assert_int_eq(c->next(c, &r), GEOPOL_ITEROVER);
	gp_event_cursor_free(c);
	q.k = 2000;
	q.wlo = tu_date("2010-05-02").day;
	ck_assert_int_eq(S->events(&c, db, &q), GEOPOL_OK);
	ck_assert_int_eq(c->next(c, &r), GEOPOL_OK);
	ck_assert_int_eq(r.id, row[0]);
	ck_assert_str_eq(r.title, "A visit");
	ck_assert_int_eq(c->next(c, &r), GEOPOL_ITEROVER);
	gp_event_cursor_free(c);
	/* One by row; a row that is not there is an error naming it. */
	q = (gp_events_query){.what = GP_EVENTS_ONE, .row = row[1]};
	ck_assert_int_eq(S->events(&c, db, &q), GEOPOL_OK);
	ck_assert_int_eq(c->next(c, &r), GEOPOL_OK);
	ck_assert_int_eq(r.id, row[1]);
	ck_assert_int_eq(c->next(c, &r), GEOPOL_ITEROVER);
	gp_event_cursor_free(c);
	q.row = 999;
	ck_assert_int_eq(S->events(&c, db, &q), GEOPOL_OK);
	ck_assert_int_eq(c->next(c, &r), GEOPOL_EDB);
	ck_assert_ptr_nonnull(strstr(geopol_errmsg(db), "reading an event"));
	gp_event_cursor_free(c);
}
END_TEST

static char *entity_codes(const gp_entities_query *q)
{
	gp_entity_cursor *c;
	gp_entity_row r;
	char *out = calloc(1, 256);
	int rc;
	ck_assert_int_eq(S->entities(&c, db, q), GEOPOL_OK);
	while ((rc = c->next(c, &r)) == GEOPOL_OK) {
		strcat(out, r.code);
		strcat(out, r.name ? "+" : " ");
	}
	ck_assert_int_eq(rc, GEOPOL_ITEROVER);
	gp_entity_cursor_free(c);
	return out;
}

START_TEST(test_sqlite_store__entities)
{
	gp_entities_query q = {.what = GP_ENTITIES_KIND, .k = 1000};
	char *got = entity_codes(&q);
	ck_assert_str_eq(got, "AAA BBB ORG ZZZ ");
	free(got);
	q.kind = GEOPOL_KIND_ORGANIZATION;
	got = entity_codes(&q);
	ck_assert_str_eq(got, "ORG ");
	free(got);
	q = (gp_entities_query){.what = GP_ENTITIES_KIND, .k = 999};
	got = entity_codes(&q);
	ck_assert_str_eq(got, "");
	free(got);
	/* Alive in 1940: none (all from 1950); in 1960: all, by code. */
	q = (gp_entities_query){.what = GP_ENTITIES_ALIVE, .k = 1000};
	span("1940", &q.dlo, &q.dhi);
	got = entity_codes(&q);
	ck_assert_str_eq(got, "");
	free(got);
	span("1960", &q.dlo, &q.dhi);
	got = entity_codes(&q);
	ck_assert_str_eq(got, "AAA BBB ORG ZZZ ");
	free(got);
	/* One, with its life. */
	q = (gp_entities_query){.what = GP_ENTITIES_ONE, .id = zzz, .k = 1000};
	gp_entity_cursor *c;
	gp_entity_row r;
	ck_assert_int_eq(S->entities(&c, db, &q), GEOPOL_OK);
	ck_assert_int_eq(c->next(c, &r), GEOPOL_OK);
	ck_assert_str_eq(r.code, "ZZZ");
	ck_assert_int_eq(r.kind, GEOPOL_KIND_STATE);
	ck_assert_int_eq(r.life.flo, tu_date("1950").day);
	ck_assert_int_eq(r.life.fprec, GEOPOL_DATE_YEAR);
	ck_assert_int_eq(r.life.tprec, GEOPOL_DATE_NONE);
	ck_assert_int_eq(c->next(c, &r), GEOPOL_ITEROVER);
	gp_entity_cursor_free(c);
	/* Every life: four, each id once. */
	q = (gp_entities_query){.what = GP_ENTITIES_LIVES, .k = 1000};
	ck_assert_int_eq(S->entities(&c, db, &q), GEOPOL_OK);
	int64_t seen = 0;
	int n = 0;
	while (c->next(c, &r) == GEOPOL_OK) {
		seen |= INT64_C(1) << r.id;
		n++;
	}
	gp_entity_cursor_free(c);
	ck_assert_int_eq(n, 4);
	ck_assert_int_eq(seen, (INT64_C(1) << org) | (INT64_C(1) << zzz) | (INT64_C(1) << aaa) |
				       (INT64_C(1) << bbb));
}
END_TEST

static int count_type(void *ctx, const char *code, int directed)
{
	ck_assert_str_eq(code, "ally");
	ck_assert_int_eq(directed, 0);
	++*(int *)ctx;
	return 0;
}

static int stop_at_first(void *ctx, int64_t row)
{
	*(int64_t *)ctx = row;
	return 7;
}

START_TEST(test_sqlite_store__dictionaries)
{
	int64_t max_id, n;
	ck_assert_int_eq(S->size(db, GP_SIZE_ENTITIES, &max_id, &n), GEOPOL_OK);
	ck_assert_int_eq(max_id, bbb);
	ck_assert_int_eq(n, 4);
	ck_assert_int_eq(S->size(db, GP_SIZE_SOURCES, &max_id, &n), GEOPOL_OK);
	ck_assert_int_eq(max_id, src);
	ck_assert_int_eq(n, 1);
	ck_assert_int_eq(S->size(db, GP_SIZE_RELATION_TYPES, &max_id, &n), GEOPOL_OK);
	ck_assert_int_eq(n, tu_count(db, "SELECT count(*) FROM relation_type"));
	int types = 0;
	gp_exec(db, "DELETE FROM relation_type WHERE code <> 'ally'");
	ck_assert_int_eq(S->relation_types(db, count_type, &types), GEOPOL_OK);
	ck_assert_int_eq(types, 1);
	const char *code, *title;
	ck_assert_int_eq(S->source_get(db, src, &code, &title), GEOPOL_OK);
	ck_assert_str_eq(code, "src:1");
	ck_assert_str_eq(title, "A source");
	ck_assert_int_eq(S->source_get(db, src + 1, &code, &title), GEOPOL_ENOTFOUND);
	/* A membership of a worse coding than the curated one of its pair is
	 * shadowed; the walk stops at the callback's answer. */
	int64_t row = 0;
	ck_assert_int_eq(S->shadowed(db, 2000, stop_at_first, &row), GEOPOL_OK);
	ck_assert_int_eq(row, 0);
	ck_assert_int_eq(gp_exec(db, "INSERT INTO membership(fact_id, org_id, member_id, role, "
				 "from_lo, from_hi, from_prec, to_lo, to_hi, to_prec, rec_from, stage, "
				 "coding) SELECT 99, org_id, member_id, role, from_lo, from_hi, from_prec, "
				 "to_lo, to_hi, to_prec, rec_from, stage, 'cow' FROM membership "
				 "WHERE id = 1"), GEOPOL_OK);
	int64_t cow = tu_count(db, "SELECT max(id) FROM membership");
	ck_assert_int_eq(S->shadowed(db, 2000, stop_at_first, &row), 7);
	ck_assert_int_eq(row, cow);
	ck_assert_int_eq(S->size(db, 0, &max_id, &n), GEOPOL_EINTERNAL);
	/* Coding ranks: none until set, then the last set. */
	int rank = -1;
	gp_clear_error(db);
	ck_assert_int_eq(S->coding_rank(db, "atop", &rank), GEOPOL_ENOTFOUND);
	ck_assert_str_eq(geopol_errmsg(db), "no error");
	ck_assert_int_eq(S->coding_rank_set(db, "atop", 5), GEOPOL_OK);
	ck_assert_int_eq(S->coding_rank_set(db, "atop", -7), GEOPOL_OK);
	ck_assert_int_eq(S->coding_rank(db, "atop", &rank), GEOPOL_OK);
	ck_assert_int_eq(rank, -7);
}
END_TEST

/* ---- names, the rows a check names, uncited events */

static int64_t name(int64_t ent, const char *lang, const char *text, int kind, const char *from,
		    const char *to)
{
	gp_fact_put f = {.kind = GEOPOL_FACT_NAME, .rec_from = 2000, .ent = ent, .code = kind,
			 .from = tu_date(from), .lang = lang, .text = text, .key = text};
	f.to = to ? tu_date(to) : (geopol_date)GEOPOL_DATE_OPEN_INIT;
	int64_t fact, row = 0;
	ck_assert_int_eq(S->fact_add(db, &f, &fact, &row), GEOPOL_OK);
	return row;
}

static char *name_lines(const gp_names_query *q)
{
	gp_name_cursor *c;
	gp_name_row r;
	char *out = calloc(1, 512);
	int rc;
	ck_assert_int_eq(S->names(&c, db, q), GEOPOL_OK);
	while ((rc = c->next(c, &r)) == GEOPOL_OK) {
		char line[96];
		snprintf(line, sizeof line, "%s %s %s %d;", r.entity, r.lang, r.text, r.kind);
		strcat(out, line);
	}
	ck_assert_int_eq(rc, GEOPOL_ITEROVER);
	gp_name_cursor_free(c);
	return out;
}

START_TEST(test_sqlite_store__names)
{
	int64_t zed = name(zzz, "en", "Zed", GEOPOL_NAME_OFFICIAL, "1950", NULL);
	name(zzz, "fr", "Zede", GEOPOL_NAME_OFFICIAL, "1960", "1970");
	name(zzz, "en", "Old Zed", GEOPOL_NAME_HISTORICAL, "1950", "1960");
	name(aaa, "en", "Ay", GEOPOL_NAME_OFFICIAL, "1950", NULL);
	/* ZZZ's in 1965: by language, then kind; Old Zed is over. */
	gp_names_query q = {.what = GP_NAMES_OF, .ent = zzz, .k = 2000};
	span("1965", &q.dlo, &q.dhi);
	char *got = name_lines(&q);
	ck_assert_str_eq(got, "ZZZ en Zed 1;ZZZ fr Zede 1;");
	free(got);
	/* In French only; every row's fields. */
	q.lang = "fr";
	gp_name_cursor *c;
	gp_name_row r;
	ck_assert_int_eq(S->names(&c, db, &q), GEOPOL_OK);
	ck_assert_int_eq(c->next(c, &r), GEOPOL_OK);
	ck_assert_int_eq(r.id, zed + 1);
	ck_assert_int_eq(r.fact_id, zed + 1);
	ck_assert_str_eq(r.text, "Zede");
	ck_assert_int_eq(r.when.flo, tu_date("1960").day);
	ck_assert_int_eq(r.when.fprec, GEOPOL_DATE_YEAR);
	ck_assert_int_eq(r.when.tlo, tu_date("1970").day);
	ck_assert_int_eq(r.when.thi, tu_date("1970-12-31").day);
	ck_assert_int_eq(r.when.tprec, GEOPOL_DATE_YEAR);
	ck_assert_int_eq(c->next(c, &r), GEOPOL_ITEROVER);
	gp_name_cursor_free(c);
	/* Known at 1999: none. Any time: all three, by language, kind. */
	q = (gp_names_query){.what = GP_NAMES_OF, .ent = zzz, .k = 1999, .dlo = GP_OPEN_START,
			     .dhi = GP_OPEN_END};
	got = name_lines(&q);
	ck_assert_str_eq(got, "");
	free(got);
	q.k = 2000;
	got = name_lines(&q);
	ck_assert_str_eq(got, "ZZZ en Zed 1;ZZZ en Old Zed 5;ZZZ fr Zede 1;");
	free(got);
	/* Uncited: every entity's, by code then language; Zed is cited. */
	ck_assert_int_eq(S->cite_add(db, GEOPOL_FACT_NAME, zed, src, NULL, 1), GEOPOL_OK);
	q = (gp_names_query){.what = GP_NAMES_UNCITED, .k = 2000};
	got = name_lines(&q);
	ck_assert_str_eq(got, "AAA en Ay 1;ZZZ en Old Zed 5;ZZZ fr Zede 1;");
	free(got);
	q.what = 0;
	ck_assert_int_eq(S->names(&c, db, &q), GEOPOL_EINTERNAL);
}
END_TEST

static char *audit_lines(int what, int kind, int64_t k)
{
	gp_row_cursor *c;
	gp_edge_row r[2];
	char *out = calloc(1, 512);
	int rc;
	ck_assert_int_eq(S->audit(&c, db, what, kind, k), GEOPOL_OK);
	while ((rc = c->next(c, r)) == GEOPOL_OK) {
		char line[64];
		ck_assert_int_eq(r[0].kind, kind);
		snprintf(line, sizeof line, "%s %s %lld;", r[0].a, r[0].b, (long long)r[0].fact_id);
		strcat(out, line);
	}
	ck_assert_int_eq(rc, GEOPOL_ITEROVER);
	gp_row_cursor_free(c);
	return out;
}

START_TEST(test_sqlite_store__audits)
{
	/* BBB in ORG from 1940, ZZZ-BBB allies from 1945: both before BBB
	 * (from 1950), so clipped; nothing else is. */
	int64_t fact, m_bbb, r_zb;
	ck_assert_int_eq(membership(org, bbb, "1940", NULL, &fact, &m_bbb), GEOPOL_OK);
	gp_fact_put f = {.kind = GEOPOL_FACT_RELATION, .rec_from = 3000, .ent = zzz, .other = bbb,
			 .from = tu_date("1945"), .to = (geopol_date)GEOPOL_DATE_OPEN_INIT,
			 .type = "ally"};
	ck_assert_int_eq(S->fact_add(db, &f, &fact, &r_zb), GEOPOL_OK);
	char *got = audit_lines(GP_AUDIT_CLIPPED, GEOPOL_FACT_MEMBERSHIP, 2000), want[128];
	snprintf(want, sizeof want, "ORG BBB %lld;", (long long)m_bbb);
	ck_assert_str_eq(got, want);
	free(got);
	got = audit_lines(GP_AUDIT_CLIPPED, GEOPOL_FACT_RELATION, 3000);
	snprintf(want, sizeof want, "ZZZ BBB %lld;", (long long)r_zb);
	ck_assert_str_eq(got, want);
	free(got);
	/* Known at 2999, before the relation was: none. */
	got = audit_lines(GP_AUDIT_CLIPPED, GEOPOL_FACT_RELATION, 2999);
	ck_assert_str_eq(got, "");
	free(got);
	/* Uncited, by the two codes: ZZZ's membership and the first relation
	 * cited. */
	ck_assert_int_eq(S->cite_add(db, GEOPOL_FACT_MEMBERSHIP, m_zzz, src, NULL, 1), GEOPOL_OK);
	ck_assert_int_eq(S->cite_add(db, GEOPOL_FACT_RELATION, rel, src, NULL, 1), GEOPOL_OK);
	got = audit_lines(GP_AUDIT_UNCITED, GEOPOL_FACT_MEMBERSHIP, 2000);
	char other[128];
	snprintf(want, sizeof want, "ORG AAA %lld;ORG AAA %lld;ORG BBB %lld;", (long long)m_aaa1,
		 (long long)m_aaa2, (long long)m_bbb);
	snprintf(other, sizeof other, "ORG AAA %lld;ORG AAA %lld;ORG BBB %lld;", (long long)m_aaa2,
		 (long long)m_aaa1, (long long)m_bbb);
	ck_assert_msg(strcmp(got, want) == 0 || strcmp(got, other) == 0, "got %s", got);
	free(got);
	got = audit_lines(GP_AUDIT_UNCITED, GEOPOL_FACT_RELATION, 3000);
	snprintf(want, sizeof want, "ZZZ BBB %lld;", (long long)r_zb);
	ck_assert_str_eq(got, want);
	free(got);
	got = audit_lines(GP_AUDIT_UNCITED, GEOPOL_FACT_MEMBERSHIP, 1999);
	ck_assert_str_eq(got, "");
	free(got);
	gp_row_cursor *c;
	ck_assert_int_eq(S->audit(&c, db, 0, GEOPOL_FACT_MEMBERSHIP, 2000), GEOPOL_EINTERNAL);
	ck_assert_int_eq(S->audit(&c, db, GP_AUDIT_UNCITED, GEOPOL_FACT_NAME, 2000),
			 GEOPOL_EINTERNAL);
}
END_TEST

START_TEST(test_sqlite_store__uncited_events)
{
	gp_type_put t = {.what = GP_FIND_EVENT_TYPE, .code = "042", .name = "Visit",
			 .goldstein = 1.5};
	ck_assert_int_eq(S->type_add(db, &t), GEOPOL_OK);
	int64_t fact, row[3];
	const char *dates[] = {"2010-05-02", "2010-05-01", "2009-01-01"};
	for (int i = 0; i < 3; i++) {
		gp_fact_put e = {.kind = GEOPOL_FACT_EVENT, .rec_from = 2000 + i,
				 .from = tu_date(dates[i]), .to = (geopol_date)GEOPOL_DATE_OPEN_INIT,
				 .type = "042", .intensity = NAN};
		ck_assert_int_eq(S->fact_add(db, &e, &fact, &row[i]), GEOPOL_OK);
	}
	ck_assert_int_eq(S->cite_add(db, GEOPOL_FACT_EVENT, row[1], src, NULL, 1), GEOPOL_OK);
	/* The uncited by date (the third, then the first), whatever the
	 * window; known at 2001, before the third was: the first only. */
	gp_events_query q = {.what = GP_EVENTS_UNCITED, .k = 2002, .limit = -1};
	gp_event_cursor *c;
	gp_event_row r;
	ck_assert_int_eq(S->events(&c, db, &q), GEOPOL_OK);
	ck_assert_int_eq(c->next(c, &r), GEOPOL_OK);
	ck_assert_int_eq(r.id, row[2]);
	ck_assert_str_eq(r.type_name, "Visit");
	ck_assert_int_eq(c->next(c, &r), GEOPOL_OK);
	ck_assert_int_eq(r.id, row[0]);
	ck_assert_int_eq(c->next(c, &r), GEOPOL_ITEROVER);
	gp_event_cursor_free(c);
	q.k = 2001;
	ck_assert_int_eq(S->events(&c, db, &q), GEOPOL_OK);
	ck_assert_int_eq(c->next(c, &r), GEOPOL_OK);
	ck_assert_int_eq(r.id, row[0]);
	ck_assert_int_eq(c->next(c, &r), GEOPOL_ITEROVER);
	gp_event_cursor_free(c);
}
END_TEST

/* ---- what hangs off a row: citations, attributes */

static int cite_line(void *ctx, const char *source, const char *title, const char *quote)
{
	char line[96];
	snprintf(line, sizeof line, "%s|%s|%s;", source, title ? title : "-", quote ? quote : "-");
	strcat(ctx, line);
	return 0;
}

static int stop_cite(void *ctx, const char *source, const char *title, const char *quote)
{
	(void)title, (void)quote;
	strcat(ctx, source);
	return 9;
}

static int attr_line(void *ctx, const char *key, const char *value)
{
	char line[96];
	snprintf(line, sizeof line, "%s=%s;", key, value);
	strcat(ctx, line);
	return 0;
}

START_TEST(test_sqlite_store__citations)
{
	geopol_source_spec spec = GEOPOL_SOURCE_SPEC_INIT;
	spec.code = "src:0";
	ck_assert_int_eq(S->source_add(db, &spec, 1500), GEOPOL_OK);
	int64_t src0;
	int aux;
	gp_find f = {GP_FIND_SOURCE, "src:0", NULL};
	ck_assert_int_eq(S->find(db, &f, &src0, &aux), GEOPOL_OK);
	/* In the order given, not by source. */
	ck_assert_int_eq(S->cite_add(db, GEOPOL_FACT_MEMBERSHIP, m_aaa2, src, "p. 4", 1), GEOPOL_OK);
	ck_assert_int_eq(S->cite_add(db, GEOPOL_FACT_MEMBERSHIP, m_aaa2, src0, NULL, 0), GEOPOL_OK);
	ck_assert_int_eq(S->cite_add(db, GEOPOL_FACT_RELATION, rel, src0, "r", 1), GEOPOL_OK);
	char got[256] = "";
	ck_assert_int_eq(S->citations(db, GEOPOL_FACT_MEMBERSHIP, m_aaa2, cite_line, got), GEOPOL_OK);
	ck_assert_str_eq(got, "src:1|A source|p. 4;src:0|-|-;");
	/* Another row, another table: its own only. */
	got[0] = '\0';
	ck_assert_int_eq(S->citations(db, GEOPOL_FACT_MEMBERSHIP, m_aaa1, cite_line, got), GEOPOL_OK);
	ck_assert_str_eq(got, "");
	ck_assert_int_eq(S->citations(db, GEOPOL_FACT_RELATION, rel, cite_line, got), GEOPOL_OK);
	ck_assert_str_eq(got, "src:0|-|r;");
	/* The callback's answer stops the walk and is returned. */
	got[0] = '\0';
	ck_assert_int_eq(S->citations(db, GEOPOL_FACT_MEMBERSHIP, m_aaa2, stop_cite, got), 9);
	ck_assert_str_eq(got, "src:1");
	ck_assert_int_eq(S->citations(db, 0, m_aaa2, cite_line, got), GEOPOL_EINTERNAL);
}
END_TEST

START_TEST(test_sqlite_store__attrs)
{
	/* ORG's attributes: b and a now (from 2000), c until 1500. */
	ck_assert_int_eq(gp_exec(db, "INSERT INTO entity_attr(entity_id, key, value, rec_from, rec_to) "
				 "VALUES (1, 'b', '2', 2000, 9223372036854775807), (1, 'a', '1', 2000, "
				 "9223372036854775807), (1, 'c', 'x', 1000, 1500)"), GEOPOL_OK);
	ck_assert_int_eq(org, 1);
	char *json = NULL;
	ck_assert_int_eq(S->entity_attrs(db, org, 2000, &json), GEOPOL_OK);
	ck_assert_str_eq(json, "{\"a\":\"1\",\"b\":\"2\"}");
	free(json);
	ck_assert_int_eq(S->entity_attrs(db, org, 1499, &json), GEOPOL_OK);
	ck_assert_str_eq(json, "{\"c\":\"x\"}");
	free(json);
	/* None: NULL. */
	ck_assert_int_eq(S->entity_attrs(db, org, 1500, &json), GEOPOL_OK);
	ck_assert_ptr_null(json);
	ck_assert_int_eq(S->entity_attrs(db, zzz, 2000, &json), GEOPOL_OK);
	ck_assert_ptr_null(json);
	/* AAA's second membership's, by key, of the version recorded at 2000. */
	char sql[256];
	snprintf(sql, sizeof sql, "INSERT INTO membership_attr(membership_id, key, value) VALUES "
		 "(%lld, 'provisions', '{\"x\":1}'), (%lld, 'defense', '1'), (%lld, 'offense', '0')",
		 (long long)m_aaa2, (long long)m_aaa2, (long long)m_aaa1);
	ck_assert_int_eq(gp_exec(db, sql), GEOPOL_OK);
	char got[256] = "";
	ck_assert_int_eq(S->membership_attrs(db, m_aaa2, 2000, attr_line, got), GEOPOL_OK);
	ck_assert_str_eq(got, "defense=1;provisions={\"x\":1};");
	got[0] = '\0';
	ck_assert_int_eq(S->membership_attrs(db, m_aaa2, 1999, attr_line, got), GEOPOL_OK);
	ck_assert_str_eq(got, "");
	ck_assert_int_eq(S->membership_attrs(db, m_zzz, 2000, attr_line, got), GEOPOL_OK);
	ck_assert_str_eq(got, "");
}
END_TEST

/* ---- resolve's reads: names by key, a candidate */

static int64_t keyed_name(int64_t ent, const char *lang, const char *text, const char *key,
			  int kind)
{
	gp_fact_put f = {.kind = GEOPOL_FACT_NAME, .rec_from = 2000, .ent = ent, .code = kind,
			 .from = tu_date("1950"), .to = (geopol_date)GEOPOL_DATE_OPEN_INIT,
			 .lang = lang, .text = text, .key = key};
	int64_t fact, row = 0;
	ck_assert_int_eq(S->fact_add(db, &f, &fact, &row), GEOPOL_OK);
	return row;
}

/* The rows as "entity/name/kind/entity kind/key/lang_match;", sorted (the
 * store gives them in no order). */
static int key_line(void *ctx, const gp_name_key *r)
{
	char line[96];
	snprintf(line, sizeof line, "%lld/%lld/%d/%d/%s/%d;", (long long)r->entity_id,
		 (long long)r->name_id, r->name_kind, r->entity_kind, r->key ? r->key : "-",
		 r->lang_match);
	strcat(ctx, line);
	return 0;
}

static char *keys(gp_keys_query *q)
{
	char *out = calloc(1, 512);
	ck_assert_int_eq(S->name_keys(db, q, key_line, out), GEOPOL_OK);
	return out;
}

static int copy_candidate(void *ctx, const gp_candidate *c)
{
	snprintf(ctx, 128, "%s %d %s %s %s", c->code, c->kind, c->name ? c->name : "-",
		 c->matched ? c->matched : "-", c->lang ? c->lang : "-");
	return 0;
}

START_TEST(test_sqlite_store__resolve_reads)
{
	int64_t zed = keyed_name(zzz, "en", "Zedland", "zedland", GEOPOL_NAME_OFFICIAL);
	int64_t zedr = keyed_name(zzz, "fr", "Zedland Republique", "zedland republique",
				  GEOPOL_NAME_SHORT);
	int64_t ay = keyed_name(aaa, "en", "Aland", "aland", GEOPOL_NAME_OFFICIAL);
	char want[256];
	/* A code, any case; not before the entity was recorded. */
	gp_keys_query q = {.what = GP_KEYS_CODE, .key = "zZz", .k = 2000, .lang = "en"};
	char *got = keys(&q);
	snprintf(want, sizeof want, "%lld/0/0/%d/-/0;", (long long)zzz, GEOPOL_KIND_STATE);
	ck_assert_str_eq(got, want);
	free(got);
	q.k = 999;
	got = keys(&q);
	ck_assert_str_eq(got, "");
	free(got);
	/* A key, in the language asked or not. */
	q = (gp_keys_query){.what = GP_KEYS_EXACT, .key = "zedland", .k = 2000, .lang = "fr"};
	got = keys(&q);
	snprintf(want, sizeof want, "%lld/%lld/%d/%d/zedland/0;", (long long)zzz, (long long)zed,
		 GEOPOL_NAME_OFFICIAL, GEOPOL_KIND_STATE);
	ck_assert_str_eq(got, want);
	free(got);
	q.lang = "en";
	q.k = 1999;
	got = keys(&q);
	ck_assert_str_eq(got, "");
	free(got);
	/* Keys between two: the longer name only. */
	q = (gp_keys_query){.what = GP_KEYS_BETWEEN, .key = "zedland ", .hi = "zedland!", .k = 2000,
			    .lang = "fr"};
	got = keys(&q);
	snprintf(want, sizeof want, "%lld/%lld/%d/%d/zedland republique/1;", (long long)zzz,
		 (long long)zedr, GEOPOL_NAME_SHORT, GEOPOL_KIND_STATE);
	ck_assert_str_eq(got, want);
	free(got);
	/* The deletion index: "zedlan" is a variant of zedland's first
	 * letters (length 7), "alnd" of aland's (5). */
	static const char variants[] = "[\"zedlan\",\"alnd\"]";
	q = (gp_keys_query){.what = GP_KEYS_VARIANTS, .variants = variants,
			    .variants_len = sizeof variants - 1, .klo = 5, .khi = 7, .k = 2000,
			    .lang = "en"};
	got = keys(&q);
	char want2[256];
	snprintf(want, sizeof want, "%lld/%lld/1/1/zedland/1;%lld/%lld/1/1/aland/1;", (long long)zzz,
		 (long long)zed, (long long)aaa, (long long)ay);
	snprintf(want2, sizeof want2, "%lld/%lld/1/1/aland/1;%lld/%lld/1/1/zedland/1;",
		 (long long)aaa, (long long)ay, (long long)zzz, (long long)zed);
	ck_assert_msg(strcmp(got, want) == 0 || strcmp(got, want2) == 0, "got %s", got);
	free(got);
	/* Lengths 6 to 7: not aland. */
	q.klo = 6;
	got = keys(&q);
	snprintf(want, sizeof want, "%lld/%lld/1/1/zedland/1;", (long long)zzz, (long long)zed);
	ck_assert_str_eq(got, want);
	free(got);
	q.what = 0;
	ck_assert_int_eq(S->name_keys(db, &q, key_line, want), GEOPOL_EINTERNAL);
	/* A candidate: its display name in the language asked, else English;
	 * the name asked for. */
	char c[128];
	ck_assert_int_eq(S->candidate(db, zzz, zedr, 2000, "fr", copy_candidate, c), GEOPOL_OK);
	ck_assert_str_eq(c, "ZZZ 1 Zedland Republique Zedland Republique fr");
	ck_assert_int_eq(S->candidate(db, zzz, 0, 2000, "de", copy_candidate, c), GEOPOL_OK);
	ck_assert_str_eq(c, "ZZZ 1 Zedland - -");
	ck_assert_int_eq(S->candidate(db, bbb, 0, 2000, "en", copy_candidate, c), GEOPOL_OK);
	ck_assert_str_eq(c, "BBB 1 - - -");
	ck_assert_int_eq(S->candidate(db, 999, 0, 2000, "en", copy_candidate, c), GEOPOL_EDB);
	ck_assert_str_eq(geopol_errmsg(db), "entity row 999 vanished");
	/* A read transaction, inside one or not. */
	ck_assert_int_eq(S->read_txn(db, 0), GEOPOL_OK);
	ck_assert_int_eq(S->in_txn(db), 1);
	ck_assert_int_eq(S->read_txn(db, 1), GEOPOL_OK);
	ck_assert_int_eq(S->in_txn(db), 0);
}
END_TEST

/* ---- geopol_check's rows */

static char *tuple_lines(int what, const char *arg, const int *cols, int n)
{
	gp_tuple_cursor *c;
	char *out = calloc(1, 512);
	int rc;
	ck_assert_int_eq(S->check_rows(&c, db, what, arg), GEOPOL_OK);
	while ((rc = c->next(c)) == GEOPOL_OK) {
		for (int k = 0; k < n; k++) {
			char v[64];
			/* 100 + n: column n as text */
			const char *t = cols[k] >= 100 ? c->t(c, cols[k] - 100) : NULL;
			if (cols[k] >= 100)
				snprintf(v, sizeof v, "%s%s", k ? " " : "", t ? t : "-");
			else
				snprintf(v, sizeof v, "%s%lld", k ? " " : "", (long long)c->i(c, cols[k]));
			strcat(out, v);
		}
		strcat(out, ";");
	}
	ck_assert_int_eq(rc, GEOPOL_ITEROVER);
	gp_tuple_cursor_free(c);
	return out;
}

START_TEST(test_sqlite_store__check_rows)
{
	/* A person with a name in English only. */
	int64_t p = entity("PPP", GEOPOL_KIND_PERSON);
	gp_fact_put f = {.kind = GEOPOL_FACT_NAME, .rec_from = 2000, .ent = p,
			 .code = GEOPOL_NAME_OFFICIAL, .from = tu_date("1950"),
			 .to = (geopol_date)GEOPOL_DATE_OPEN_INIT, .lang = "en", .text = "P",
			 .key = "p"};
	int64_t fact, row;
	ck_assert_int_eq(S->fact_add(db, &f, &fact, &row), GEOPOL_OK);
	static const int code[] = {100};
	char *got = tuple_lines(GP_CHECK_PERSON_NAMES, "en", code, 1);
	ck_assert_str_eq(got, "");
	free(got);
	got = tuple_lines(GP_CHECK_PERSON_NAMES, "fr", code, 1);
	ck_assert_str_eq(got, "PPP;");
	free(got);
	/* BBB in ORG from 1940, before BBB and ORG (from 1950): outside both
	 * lives (member code, organization code, member before, after,
	 * organization before, after, fact id), and clipped (fact id, codes,
	 * its start, the life rule's flag). */
	ck_assert_int_eq(membership(org, bbb, "1940", NULL, &fact, &row), GEOPOL_OK);
	static const int life[] = {104, 109, 14, 15, 16, 17, 18};
	got = tuple_lines(GP_CHECK_LIFE_M, NULL, life, 7);
	char want[128];
	snprintf(want, sizeof want, "BBB ORG 1 0 1 0 %lld;", (long long)fact);
	ck_assert_str_eq(got, want);
	free(got);
	static const int clip[] = {0, 101, 102, 4, 22};
	got = tuple_lines(GP_CHECK_CLIPPED_M, NULL, clip, 5);
	snprintf(want, sizeof want, "%lld ORG BBB %d 1;", (long long)fact, tu_date("1940").day);
	ck_assert_str_eq(got, want);
	free(got);
	/* Relations: none outside or clipped. */
	got = tuple_lines(GP_CHECK_LIFE_R, NULL, life, 7);
	ck_assert_str_eq(got, "");
	free(got);
	gp_tuple_cursor *c;
	ck_assert_int_eq(S->check_rows(&c, db, 0, NULL), GEOPOL_EINTERNAL);
	ck_assert_ptr_null(c);
}
END_TEST

/* ---- the panels' reads (gp_store.panel, sqlite_panel.c) */

static int by_actor(const void *x, const void *y)
{
	const gp_panel_actor *a = x, *b = y;
	return a->entity != b->entity ? (a->entity > b->entity) - (a->entity < b->entity)
				      : a->role - b->role;
}

/* The rows of a panel read as lines: "id a b text subkind attrs kind quad
 * value flo fhi tlo thi" with the fields the kind sets, then an event's
 * actors " entity/role" (by entity: the store gives them in no order). */
static char *panel_lines(const gp_panel_query *q)
{
	gp_panel_cursor *c;
	gp_panel_row r;
	char *out = calloc(1, 4096);
	int rc;
	ck_assert_int_eq(S->panel(&c, db, q), GEOPOL_OK);
	while ((rc = c->next(c, &r)) == GEOPOL_OK) {
		char line[512];
		int n = snprintf(line, sizeof line, "%lld %lld %lld %s %s %s %d %d %g %lld %lld %lld %lld",
				 (long long)r.id, (long long)r.a, (long long)r.b, r.text ? r.text : "-",
				 r.subkind ? r.subkind : "-", r.attrs ? r.attrs : "-", r.kind, r.quad,
				 r.value, (long long)r.when.flo, (long long)r.when.fhi,
				 (long long)r.when.tlo, (long long)r.when.thi);
		gp_panel_actor actors[8];
		ck_assert_uint_le(r.n_actors, 8);
		if (r.n_actors)
			memcpy(actors, r.actors, r.n_actors * sizeof *actors);
		qsort(actors, r.n_actors, sizeof *actors, by_actor);
		for (size_t i = 0; i < r.n_actors; i++)
			n += snprintf(line + n, sizeof line - n, " %lld/%d", (long long)actors[i].entity,
				      actors[i].role);
		strcat(line, ";");
		ck_assert_uint_lt(strlen(out) + strlen(line), 4096);
		strcat(out, line);
	}
	ck_assert_int_eq(rc, GEOPOL_ITEROVER);
	ck_assert_int_eq(c->next(c, &r), GEOPOL_ITEROVER);
	gp_panel_cursor_free(c);
	return out;
}

static void expect_panel(const gp_panel_query *q, const char *want)
{
	char *got = panel_lines(q);
	ck_assert_str_eq(got, want);
	free(got);
}

/* An expected row of panel_lines: the ids, the rest, and the interval of
 * dates from and to (NULL: open); an event's (to "event"): its date only,
 * to_lo and to_hi 0. */
static char *line(char *buf, size_t size, int64_t id, int64_t a, int64_t b, const char *rest,
		  const char *from, const char *to)
{
	geopol_date f = tu_date(from), t = (geopol_date)GEOPOL_DATE_OPEN_INIT;
	int event = to && strcmp(to, "event") == 0;
	if (to && !event)
		t = tu_date(to);
	size_t n = strlen(buf);
	snprintf(buf + n, size - n, "%lld %lld %lld %s %lld %lld %lld %lld;", (long long)id,
		 (long long)a, (long long)b, rest, (long long)gp_from_lo(f), (long long)gp_from_hi(f),
		 event ? 0LL : (long long)gp_to_lo(t), event ? 0LL : (long long)gp_to_hi(t));
	return buf;
}

/* An expected event: line()'s with its actors (" entity/role", by entity). */
static void event_line(char *buf, size_t size, int64_t id, const char *rest, const char *date,
		       const char *actors)
{
	line(buf, size, id, 0, 0, rest, date, "event");
	size_t n = strlen(buf) - 1;  /* over the ';' */
	snprintf(buf + n, size - n, "%s;", actors);
}

START_TEST(test_sqlite_store__panel)
{
	gp_entity_put e = {"ALL", GEOPOL_KIND_ORGANIZATION, "alliance", tu_date("1960"),
			   (geopol_date)GEOPOL_DATE_OPEN_INIT, 1000};
	int64_t all, fact, obs;
	ck_assert_int_eq(S->entity_add(db, &e, &all), GEOPOL_OK);
	/* Every entity by code, its life as the row stores it. */
	char want[4096] = "";
	gp_panel_query q = {.what = GP_PANEL_ENTITIES};
	line(want, sizeof want, aaa, 0, 0, "AAA - - 1 0 nan", "1950", NULL);
	line(want, sizeof want, all, 0, 0, "ALL alliance - 2 0 nan", "1960", NULL);
	line(want, sizeof want, bbb, 0, 0, "BBB - - 1 0 nan", "1950", NULL);
	line(want, sizeof want, org, 0, 0, "ORG - - 2 0 nan", "1950", NULL);
	line(want, sizeof want, zzz, 0, 0, "ZZZ - - 1 0 nan", "1950", NULL);
	expect_panel(&q, want);

	/* Full memberships of the members asked that start in (after, dhi]
	 * and end after dlo, known at k; the SQLite store reads them entity
	 * by entity, in the order asked. BBB's is an observer's: never read. */
	gp_fact_put f = {.kind = GEOPOL_FACT_MEMBERSHIP, .rec_from = 2000, .ent = org, .other = bbb,
			 .from = tu_date("1990"), .to = (geopol_date)GEOPOL_DATE_OPEN_INIT,
			 .code = GEOPOL_ROLE_OBSERVER, .stage = GEOPOL_STAGE_IN_FORCE};
	ck_assert_int_eq(S->fact_add(db, &f, &fact, &obs), GEOPOL_OK);
	gp_q d;
	ck_assert_int_eq(gp_query_defaults(db, &d, NULL), GEOPOL_OK);
	const int64_t ents[] = {zzz, aaa, bbb};
	q = (gp_panel_query){.what = GP_PANEL_MEMBERSHIPS, .ents = ents, .n_ents = 3,
			     .after = INT64_MIN, .dlo = tu_date("1993-01-01").day,
			     .dhi = tu_date("2006-12-31").day, .k = 2000, .q = &d};
	/* (Within an entity SQLite's order is its index's, by to_hi.) */
	want[0] = '\0';
	line(want, sizeof want, 0, zzz, org, "- - - 0 0 nan", "2000", NULL);
	line(want, sizeof want, 0, aaa, org, "- - - 0 0 nan", "1990", "1995");
	line(want, sizeof want, 0, aaa, org, "- - - 0 0 nan", "2005", NULL);
	expect_panel(&q, want);
	/* After 2004: AAA's second only; ending by 1995-12-31: not AAA's first. */
	q.after = tu_date("2004-12-31").day;
	q.dlo = tu_date("1995-12-31").day;
	want[0] = '\0';
	line(want, sizeof want, 0, aaa, org, "- - - 0 0 nan", "2005", NULL);
	expect_panel(&q, want);
	q.after = INT64_MIN;
	q.dhi = tu_date("1999-12-31").day;
	expect_panel(&q, "");
	/* Not known at 1999; not of the coding asked; no entity asked. */
	q.dhi = tu_date("2006-12-31").day;
	q.k = 1999;
	expect_panel(&q, "");
	q.k = 2000;
	d.coding = "cow";
	expect_panel(&q, "");
	d.coding = NULL;
	q.n_ents = 0;
	expect_panel(&q, "");

	/* The obligations: the membership's own, else the organization's
	 * known at k. */
	char sql[512];
	snprintf(sql, sizeof sql, "INSERT INTO membership_attr(membership_id, key, value) VALUES "
		 "(%lld, 'defense', '1')", (long long)m_aaa2);
	ck_assert_int_eq(gp_exec(db, sql), GEOPOL_OK);
	/* (gp_exec caches a statement by its text's address: one buffer each.) */
	char sql2[512];
	snprintf(sql2, sizeof sql2, "INSERT INTO entity_attr(entity_id, key, value, rec_from, rec_to) "
		 "VALUES (%lld, 'offense', '1', 2000, 9223372036854775807), (%lld, 'neutrality', "
		 "'1', 1000, 2000)", (long long)org, (long long)org);
	ck_assert_int_eq(gp_exec(db, sql2), GEOPOL_OK);
	q = (gp_panel_query){.what = GP_PANEL_PLEDGES, .ents = ents + 1, .n_ents = 1,
			     .after = INT64_MIN, .dlo = tu_date("1993-01-01").day,
			     .dhi = tu_date("2006-12-31").day, .k = 2000, .q = &d};
	/* (An entity's rows come in no order.) */
	char *got = panel_lines(&q), first[256] = "", second[256] = "";
	line(first, sizeof first, 0, aaa, org, "- - offense=1 0 0 nan", "1990", "1995");
	line(second, sizeof second, 0, aaa, org, "- - defense=1 0 0 nan", "2005", NULL);
	ck_assert_ptr_nonnull(strstr(got, first));
	ck_assert_ptr_nonnull(strstr(got, second));
	ck_assert_uint_eq(strlen(got), strlen(first) + strlen(second));
	free(got);

	/* Relations whose a side is asked. */
	q = (gp_panel_query){.what = GP_PANEL_RELATIONS, .ents = ents, .n_ents = 3,
			     .after = INT64_MIN, .dlo = tu_date("2001-06-01").day,
			     .dhi = tu_date("2001-12-31").day, .k = 2000};
	want[0] = '\0';
	line(want, sizeof want, rel, aaa, bbb, "ally - - 0 0 nan", "2001", NULL);
	expect_panel(&q, want);
	q.ents = ents + 2;
	q.n_ents = 1;
	expect_panel(&q, "");

	/* Events: one row an event with its actors, by date then row; the
	 * Goldstein value of the type unless the event has an intensity; the
	 * stored QuadClass. */
	gp_type_put t = {.what = GP_FIND_EVENT_TYPE, .code = "042", .name = "Visit",
			 .goldstein = 1.5};
	ck_assert_int_eq(S->type_add(db, &t), GEOPOL_OK);
	gp_fact_put ev = {.kind = GEOPOL_FACT_EVENT, .rec_from = 2000, .from = tu_date("2010-05-02"),
			  .to = (geopol_date)GEOPOL_DATE_OPEN_INIT, .type = "042", .intensity = NAN};
	int64_t e1, e2;
	ck_assert_int_eq(S->fact_add(db, &ev, &fact, &e1), GEOPOL_OK);
	ev.from = tu_date("2010");
	ev.intensity = -2;
	ck_assert_int_eq(S->fact_add(db, &ev, &fact, &e2), GEOPOL_OK);
	gp_actor_put one[] = {{aaa, GEOPOL_ACTOR_TARGET}, {zzz, GEOPOL_ACTOR_SOURCE}};
	gp_actor_put two[] = {{bbb, GEOPOL_ACTOR_SOURCE}};
	ck_assert_int_eq(S->event_parts(db, e1, one, 2, NULL, 0), GEOPOL_OK);
	ck_assert_int_eq(S->event_parts(db, e2, two, 1, NULL, 0), GEOPOL_OK);
	/* The window's edges: the last day of May in, the days around it out. */
	const char *edges[] = {"2010-05-31", "2010-04-30", "2010-06-01"};
	int64_t e3 = 0;
	for (int i = 0; i < 3; i++) {
		int64_t ei;
		ev.from = tu_date(edges[i]);
		ev.intensity = 7;
		ck_assert_int_eq(S->fact_add(db, &ev, &fact, &ei), GEOPOL_OK);
		gp_actor_put z[] = {{zzz, GEOPOL_ACTOR_SOURCE}};
		ck_assert_int_eq(S->event_parts(db, ei, z, 1, NULL, 0), GEOPOL_OK);
		if (i == 0)
			e3 = ei;
	}
	char sql3[128];
	snprintf(sql3, sizeof sql3, "INSERT INTO event_detail(event_id, quad_class) VALUES (%lld, 3)",
		 (long long)e1);
	ck_assert_int_eq(gp_exec(db, sql3), GEOPOL_OK);
	q = (gp_panel_query){.what = GP_PANEL_EVENTS, .dlo = tu_date("2010-05-01").day,
			     .dhi = tu_date("2010-05-31").day, .k = 2000};
	want[0] = '\0';
	char act[64];
	snprintf(act, sizeof act, " %lld/1", (long long)bbb);
	event_line(want, sizeof want, e2, "042 - - 0 0 -2", "2010", act);
	snprintf(act, sizeof act, " %lld/1 %lld/2", (long long)zzz, (long long)aaa);
	ck_assert_int_lt(zzz, aaa);
	event_line(want, sizeof want, e1, "042 - - 0 3 1.5", "2010-05-02", act);
	snprintf(act, sizeof act, " %lld/1", (long long)zzz);
	event_line(want, sizeof want, e3, "042 - - 0 0 7", "2010-05-31", act);
	got = panel_lines(&q);
	ck_assert_str_eq(got, want);
	free(got);
	/* Definite only: the year-long date is not; before May: neither. */
	q.defonly = 1;
	want[0] = '\0';
	snprintf(act, sizeof act, " %lld/1 %lld/2", (long long)zzz, (long long)aaa);
	event_line(want, sizeof want, e1, "042 - - 0 3 1.5", "2010-05-02", act);
	snprintf(act, sizeof act, " %lld/1", (long long)zzz);
	event_line(want, sizeof want, e3, "042 - - 0 0 7", "2010-05-31", act);
	expect_panel(&q, want);
	q.defonly = 0;
	q.k = 1999;
	expect_panel(&q, "");
	q.k = 2000;
	q.dlo = tu_date("2009-01-01").day;
	q.dhi = tu_date("2009-12-31").day;
	expect_panel(&q, "");

	gp_panel_cursor *c;
	q.what = 0;
	ck_assert_int_eq(S->panel(&c, db, &q), GEOPOL_EINTERNAL);
	ck_assert_ptr_null(c);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("sqlite_store");
	TCase *w = tcase_create("writes");
	tcase_add_checked_fixture(w, setup, teardown);
	tcase_add_test(w, test_sqlite_store__chosen_by_path);
	tcase_add_test(w, test_sqlite_store__find);
	tcase_add_test(w, test_sqlite_store__fact_add_unchanged_and_conflict);
	tcase_add_test(w, test_sqlite_store__fact_close);
	tcase_add_test(w, test_sqlite_store__cite_once);
	tcase_add_test(w, test_sqlite_store__transactions);
	suite_add_tcase(s, w);
	TCase *r = tcase_create("reads");
	tcase_add_checked_fixture(r, setup, teardown);
	tcase_add_test(r, test_sqlite_store__spells_in_order);
	tcase_add_test(r, test_sqlite_store__scan_at_a_span);
	tcase_add_test(r, test_sqlite_store__walk);
	tcase_add_test(r, test_sqlite_store__events);
	tcase_add_test(r, test_sqlite_store__entities);
	tcase_add_test(r, test_sqlite_store__dictionaries);
	tcase_add_test(r, test_sqlite_store__names);
	tcase_add_test(r, test_sqlite_store__audits);
	tcase_add_test(r, test_sqlite_store__uncited_events);
	tcase_add_test(r, test_sqlite_store__citations);
	tcase_add_test(r, test_sqlite_store__attrs);
	tcase_add_test(r, test_sqlite_store__resolve_reads);
	tcase_add_test(r, test_sqlite_store__check_rows);
	tcase_add_test(r, test_sqlite_store__panel);
	suite_add_tcase(s, r);
	return tu_run(s);
}
