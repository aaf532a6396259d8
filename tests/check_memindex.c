/*
 * check_memindex.c - the in-memory index of current knowledge (memindex.c)
 * gives the answers the SQL path gives, item by item and field by field,
 * on the small world, the built-in dataset, the benchmarks' generated world
 * and a random world with corrections, retractions and many ties; and it is
 * never stale: writes on the handle, in a transaction, and by a second
 * connection are seen, and an iterator open across a write keeps its data.
 */
/* The benchmarks' world generator, compiled in (the tests link only
 * tests/common_*.c besides the library); first, because check.h defines
 * a fail() macro and common_world.c a fail() function. */
#include "../bench/common_world.c"

#include <check.h>
#include <glob.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "test_util.h"
#include "store/memindex_internal.h"
#include "io/dataset_internal.h"

/* ---- rendering an answer completely */

typedef struct text {
	char *s;
	size_t len, cap;
} text;

static void put(text *t, const char *s)
{
	size_t n = strlen(s);
	if (t->len + n + 1 > t->cap) {
		t->cap = (t->len + n + 1) * 2;
		t->s = realloc(t->s, t->cap);
		ck_assert_ptr_nonnull(t->s);
	}
	memcpy(t->s + t->len, s, n + 1);
	t->len += n;
}

static const char *fmt_date(geopol_date d, char *buf)
{
	geopol_date_format(d, buf, GEOPOL_DATE_BUFSIZE);
	return buf;
}

/* Every field a caller can read, the citations, and the row the citations
 * come from. */
static void render_item(text *t, geopol_iter *it, const geopol_item *item)
{
	char line[1024], f[GEOPOL_DATE_BUFSIZE], to[GEOPOL_DATE_BUFSIZE];
	if (item->kind == GEOPOL_ITEM_MEMBERSHIP) {
		const geopol_membership *m = item->membership;
		snprintf(line, sizeof line, "M fact=%lld %s %s role=%d %s..%s c=%d rec=%lld stage=%d %s",
			 (long long)m->fact_id, m->org, m->member, m->role, fmt_date(m->from, f),
			 fmt_date(m->to, to), m->certainty, (long long)m->recorded, m->stage, m->coding);
	} else if (item->kind == GEOPOL_ITEM_RELATION) {
		const geopol_relation *r = item->relation;
		snprintf(line, sizeof line, "R fact=%lld %s %s %s dir=%d attrs=%s %s..%s c=%d rec=%lld",
			 (long long)r->fact_id, r->a, r->b, r->type, r->directed,
			 r->attrs ? r->attrs : "NULL", fmt_date(r->from, f), fmt_date(r->to, to),
			 r->certainty, (long long)r->recorded);
	} else {
		snprintf(line, sizeof line, "kind %d", item->kind);
	}
	put(t, line);
	snprintf(line, sizeof line, " depth=%d via=%s change=%d row=%d:%lld [", item->depth,
		 item->via ? item->via : "-", item->change, it->cite_kind, (long long)it->cite_row);
	put(t, line);
	const geopol_citation *c;
	size_t n;
	ck_assert_int_eq(geopol_iter_citations(it, &c, &n), GEOPOL_OK);
	for (size_t i = 0; i < n; i++) {
		snprintf(line, sizeof line, "%s%s|%s", i ? ", " : "", c[i].source,
			 c[i].quote ? c[i].quote : "-");
		put(t, line);
	}
	put(t, "]\n");
}

enum { Q_MEMBERS, Q_MEMBERSHIPS, Q_COMMON, Q_RELATIONS, Q_BETWEEN, Q_NEIGHBORS, Q_PATH };

typedef struct ask {
	int what;
	const char *a, *b;
	geopol_date at;
	unsigned flags;
	int64_t known_at;
	int depth;
} ask;

static int start(geopol_iter **it, geopol_db *db, const ask *q)
{
	geopol_query o = GEOPOL_QUERY_INIT;
	o.flags = q->flags;
	o.known_at = q->known_at;
	switch (q->what) {
	case Q_MEMBERS: return geopol_members(it, db, q->a, q->at, &o);
	case Q_MEMBERSHIPS: return geopol_memberships(it, db, q->a, q->at, &o);
	case Q_COMMON: return geopol_common(it, db, q->a, q->b, q->at, &o);
	case Q_RELATIONS: return geopol_relations(it, db, q->a, NULL, q->at, &o);
	case Q_BETWEEN: return geopol_relations(it, db, q->a, q->b, q->at, &o);
	case Q_NEIGHBORS: return geopol_neighbors(it, db, q->a, q->at, q->depth, &o);
	default: return geopol_path(it, db, q->a, q->b, q->at, &o);
	}
}

/* The whole answer as text: every item, or the status and message. */
static char *answer(geopol_db *db, const ask *q)
{
	text t = {NULL, 0, 0};
	put(&t, "");
	geopol_iter *it = NULL;
	int rc = start(&it, db, q);
	if (rc) {
		char line[1200];
		snprintf(line, sizeof line, "status %d: %s", rc, geopol_errmsg(db));
		put(&t, line);
		ck_assert_ptr_null(it);
		return t.s;
	}
	const geopol_item *item;
	while ((rc = geopol_iter_next(it, &item)) == GEOPOL_OK)
		render_item(&t, it, item);
	ck_assert_msg(rc == GEOPOL_ITEROVER, "iteration: %d %s", rc, geopol_errmsg(db));
	geopol_iter_free(it);
	return t.s;
}

static const char *const what_names[] = {"members", "memberships", "common", "relations",
					 "between", "neighbors", "path"};

/* The question on SQL, then on the index: the same text. Returns the
 * number of items, to show the comparison was not vacuous. */
static size_t same(geopol_db *db, const ask *q)
{
	gp_memindex_mode(db, GP_MEMINDEX_OFF);
	char *sql = answer(db, q);
	gp_memindex_mode(db, GP_MEMINDEX_ALWAYS);
	char *mem = answer(db, q);
	char d[GEOPOL_DATE_BUFSIZE];
	ck_assert_msg(strcmp(sql, mem) == 0, "%s %s %s at %s flags %u:\n--- SQL\n%s--- index\n%s",
		      what_names[q->what], q->a, q->b ? q->b : "", fmt_date(q->at, d), q->flags, sql, mem);
	size_t n = 0;
	for (const char *p = sql; *p; p++)
		n += *p == '\n';
	free(sql);
	free(mem);
	return n;
}

/* ---- worlds */

static geopol_db *tu_world(void)
{
	geopol_db *db = tu_open();
	ck_assert_msg(tu_import(db, TU_WORLD) == GEOPOL_OK, "import: %s", geopol_errmsg(db));
	return db;
}

typedef struct codes {
	char **v;
	size_t n;
} codes;

static codes entity_codes(geopol_db *db, int kind)
{
	codes c = {NULL, 0};
	geopol_iter *it;
	ck_assert_int_eq(geopol_entities(&it, db, kind, NULL), GEOPOL_OK);
	const geopol_item *item;
	while (geopol_iter_next(it, &item) == GEOPOL_OK) {
		c.v = realloc(c.v, (c.n + 1) * sizeof *c.v);
		c.v[c.n++] = strdup(item->entity->code);
	}
	geopol_iter_free(it);
	return c;
}

static void codes_free(codes *c)
{
	for (size_t i = 0; i < c->n; i++)
		free(c->v[i]);
	free(c->v);
}

static uint64_t rnd(uint64_t *s)
{
	return gpw_rand(s);
}

/* A date for a question: mostly days, some months and years (answered
 * over every day they cover: the possible rows). */
static geopol_date ask_date(uint64_t *s, int y0, int y1)
{
	int y = y0 + (int)(rnd(s) % (uint64_t)(y1 - y0 + 1));
	int m = 1 + (int)(rnd(s) % 12), d = 1 + (int)(rnd(s) % 28);
	int p = (int)(rnd(s) % 10);
	geopol_date out;
	geopol_date_from_ymd(&out, y, p < 2 ? 0 : m, p < 4 ? 0 : d);
	return out;
}

/* n random questions of every kind on the world's codes. */
static size_t compare_random(geopol_db *db, size_t n, uint64_t seed, int y0, int y1)
{
	codes all = entity_codes(db, 0), orgs = entity_codes(db, GEOPOL_KIND_ORGANIZATION);
	ck_assert_uint_gt(all.n, 1);
	ck_assert_uint_gt(orgs.n, 0);
	uint64_t s = seed;
	size_t items = 0;
	for (size_t i = 0; i < n; i++) {
		ask q = {(int)(i % 5), NULL, NULL, ask_date(&s, y0, y1), 0, 0, 0};
		q.a = q.what == Q_MEMBERS ? orgs.v[rnd(&s) % orgs.n] : all.v[rnd(&s) % all.n];
		q.b = all.v[rnd(&s) % all.n];
		q.flags = rnd(&s) % 3 == 0 ? GEOPOL_DEFINITE_ONLY : 0;
		items += same(db, &q);
	}
	codes_free(&all);
	codes_free(&orgs);
	return items;
}

/* Traversals: neighbours at depths 1..4 and paths, on random entities. */
static size_t compare_walks(geopol_db *db, size_t n, uint64_t seed, int y0, int y1)
{
	codes all = entity_codes(db, 0);
	uint64_t s = seed;
	size_t items = 0;
	geopol_date last = ask_date(&s, y0, y1);
	for (size_t i = 0; i < n; i++) {
		/* Half the paths at the date the neighbours before them were
		 * asked (the adjacency at that date is cached: the path walks
		 * it), half at a new date (the path walks the raw adjacency). */
		ask q = {i % 2 ? Q_PATH : Q_NEIGHBORS, all.v[rnd(&s) % all.n], all.v[rnd(&s) % all.n],
			 ask_date(&s, y0, y1), 0, 0, 1 + (int)(rnd(&s) % 4)};
		if (q.what == Q_PATH && rnd(&s) % 2)
			q.at = last;
		last = q.at;
		items += same(db, &q);
	}
	codes_free(&all);
	return items;
}

static geopol_db *dataset_world(void)
{
	geopol_db *db = tu_open();
	glob_t g;
	ck_assert_int_eq(glob(GEOPOL_SOURCE_DIR "/data/*.json", 0, NULL, &g), 0);
	int rc = geopol_import(db, "json", (const char *const *)g.gl_pathv, g.gl_pathc, NULL, NULL);
	ck_assert_msg(rc == GEOPOL_OK, "import: %s", geopol_errmsg(db));
	globfree(&g);
	return db;
}

/* The benchmarks' small world without its events (they play no part). */
static geopol_db *bench_world(void)
{
	gpw_config cfg;
	ck_assert_int_eq(gpw_config_init(&cfg, "small"), 0);
	gpw_world w;
	ck_assert_int_eq(gpw_generate(&w, &cfg), 0);
	w.cfg.n_events = 0;
	geopol_db *db = tu_open();
	ck_assert_msg(gpw_load_library(db, &w, NULL) == GEOPOL_OK, "load: %s", geopol_errmsg(db));
	gpw_free(&w);
	return db;
}

/* A random world made for ties: few distinct dates, several roles and
 * relation types between the same few entities, partial and open ends,
 * corrections and retractions (rows that are no longer current). */
static void random_facts(geopol_db *db, uint64_t *s, const codes *ents, int n_m, int n_r)
{
	static const char *const types[] = {"alliance", "trade", "sanctions", "recognizes", "treaty"};
	int64_t fact;
	for (int i = 0; i < n_m; i++) {
		geopol_membership_spec m = GEOPOL_MEMBERSHIP_SPEC_INIT;
		char org[8];
		snprintf(org, sizeof org, "O%llu", (unsigned long long)(rnd(s) % 6));
		m.org = org;
		m.member = ents->v[rnd(s) % ents->n];
		m.role = 1 + (int)(rnd(s) % 8);
		m.from = tu_world_date(s);
		m.to = tu_world_date(s);
		m.stage = (int)(rnd(s) % 8);   /* 0: in force, or suspended by role */
		if (rnd(s) % 4 == 0) {
			/* An imported coding's row: ranked below the curated ones. */
			int64_t org_id, member_id, src;
			ck_assert_int_eq(gp_entity_id(db, m.org, "org", &org_id), GEOPOL_OK);
			ck_assert_int_eq(gp_entity_id(db, m.member, "member", &member_id), GEOPOL_OK);
			ck_assert_int_eq(gp_source_id(db, "src", &src), GEOPOL_OK);
			gp_coded_membership(db, rnd(s) % 2 ? "cow-igo-3" : "atop-4", org_id, m.org,
					    member_id, m.member, m.role, m.from, m.to, src, NULL);
			continue;
		}
		if (geopol_membership_add(db, &m, &fact) == GEOPOL_OK && rnd(s) % 3 == 0)
			geopol_cite(db, GEOPOL_FACT_MEMBERSHIP, fact, "src", rnd(s) % 2 ? "q" : NULL);
	}
	for (int i = 0; i < n_r; i++) {
		geopol_relation_spec r = GEOPOL_RELATION_SPEC_INIT;
		r.a = ents->v[rnd(s) % ents->n];
		r.b = ents->v[rnd(s) % ents->n];
		r.type = types[rnd(s) % 5];
		r.attrs = rnd(s) % 4 == 0 ? "{\"usd\":12}" : NULL;
		r.from = tu_world_date(s);
		r.to = tu_world_date(s);
		if (geopol_relation_add(db, &r, &fact) == GEOPOL_OK && rnd(s) % 3 == 0)
			geopol_cite(db, GEOPOL_FACT_RELATION, fact, "src", NULL);
	}
}

static geopol_db *random_world(uint64_t seed)
{
	geopol_db *db = tu_open();
	uint64_t s = seed;
	geopol_set_clock(db, 1700000000000000);
	geopol_source_spec src = GEOPOL_SOURCE_SPEC_INIT;
	src.code = "src";
	ck_assert_int_eq(geopol_source_add(db, &src), GEOPOL_OK);
	codes ents = {NULL, 0};
	for (int i = 0; i < 20; i++) {
		char code[8];
		geopol_entity_spec e = GEOPOL_ENTITY_SPEC_INIT;
		/* codes out of id order, so code order is not row order */
		if (i < 6)
			snprintf(code, sizeof code, "O%d", i);
		else
			snprintf(code, sizeof code, "%c%d", 'Z' - i, i);
		e.code = code;
		e.kind = i < 6 ? GEOPOL_KIND_ORGANIZATION : GEOPOL_KIND_STATE;
		ck_assert_int_eq(geopol_entity_add(db, &e), GEOPOL_OK);
		ents.v = realloc(ents.v, (ents.n + 1) * sizeof *ents.v);
		ents.v[ents.n++] = strdup(code);
	}
	ck_assert_int_eq(geopol_begin(db), GEOPOL_OK);
	random_facts(db, &s, &ents, 600, 600);
	ck_assert_int_eq(geopol_commit(db), GEOPOL_OK);
	/* Correct and retract some facts: their old rows stay, not current. */
	geopol_set_clock(db, 1800000000000000);
	for (int64_t f = 1; f < 400; f += 7) {
		geopol_membership_spec m = GEOPOL_MEMBERSHIP_SPEC_INIT;
		m.org = "O1";
		m.member = ents.v[f % ents.n];
		m.from = tu_world_date(&s);
		geopol_membership_correct(db, f, &m);
		geopol_retract(db, GEOPOL_FACT_RELATION, f + 3);
	}
	codes_free(&ents);
	geopol_set_clock(db, 0);
	return db;
}

/* ---- core */

START_TEST(test_memindex_same__small_world)
{
	geopol_db *db = tu_world();
	const char *const ents[] = {"ORG", "AAA", "BBB", "CCC", "boss"};
	const char *const dates[] = {"1992", "1992-05", "1992-05-15", "1999", "1999-04-20", "2000",
				     "2006-08-16", "2012", "2014", "2014-03", "2015", "2015-06-01",
				     "2020-01-01", "2025", "2025-11-12", "2030"};
	size_t items = 0;
	for (size_t d = 0; d < sizeof dates / sizeof dates[0]; d++)
		for (int what = Q_MEMBERS; what <= Q_BETWEEN; what++)
			for (size_t a = 0; a < 5; a++)
				for (size_t b = 0; b < 5; b++)
					for (unsigned flags = 0; flags <= GEOPOL_DEFINITE_ONLY; flags++) {
						ask q = {what, ents[a], ents[b], tu_date(dates[d]), flags, 0, 0};
						items += same(db, &q);
					}
	ck_assert_uint_gt(items, 1000);
	/* One build served every question: nothing was written. */
	ck_assert_int_eq(gp_memindex_builds(db), 1);
	geopol_close(db);
}
END_TEST

START_TEST(test_memindex_same__dataset)
{
	geopol_db *db = dataset_world();
	size_t items = compare_random(db, 600, 7, 1900, 2030);
	ck_assert_uint_gt(items, 1000);
	/* Kazakhstan and the CSTO, on the day troops entered. */
	ask q = {Q_MEMBERS, "CSTO", NULL, tu_date("2022-01-06"), 0, 0, 0};
	ck_assert_uint_ge(same(db, &q), 6);
	ck_assert_int_eq(gp_memindex_builds(db), 1);
	geopol_close(db);
}
END_TEST

START_TEST(test_memindex_same__bench_world)
{
	geopol_db *db = bench_world();
	size_t items = compare_random(db, 500, 11, 1946, 2025);
	ck_assert_uint_gt(items, 2000);
	geopol_close(db);
}
END_TEST

START_TEST(test_memindex_same__random_world_with_ties)
{
	for (uint64_t seed = 1; seed <= 3; seed++) {
		geopol_db *db = random_world(seed);
		size_t items = compare_random(db, 400, seed * 31, 1940, 2030);
		ck_assert_uint_gt(items, 1000);
		geopol_close(db);
	}
}
END_TEST

/* The relations of an entity come from its order in the index, or, when
 * an entity has more relations than an order holds, sorted per question:
 * both give SQL's answer, and the order is what the index spends memory on. */
START_TEST(test_memindex_same__relations_sorted_per_question)
{
	geopol_db *kept = bench_world(), *db = bench_world();
	ck_assert_int_eq(gp_memindex_rel_order_max(db, 0), GEOPOL_OK);
	size_t items = compare_random(db, 500, 11, 1946, 2025);
	ck_assert_uint_gt(items, 2000);
	codes states = entity_codes(kept, GEOPOL_KIND_STATE);
	ask q = {Q_RELATIONS, states.v[0], NULL, tu_date("2020-01-01"), 0, 0, 0};
	ck_assert_uint_gt(same(kept, &q), 0);
	codes_free(&states);
	/* 16 bits a position for each end of each relation, and the offsets */
	ck_assert_uint_gt(gp_memindex_bytes(kept), gp_memindex_bytes(db));
	geopol_close(kept);
	geopol_close(db);
	for (uint64_t seed = 1; seed <= 3; seed++) {
		db = random_world(seed);
		ck_assert_int_eq(gp_memindex_rel_order_max(db, 2), GEOPOL_OK);
		ck_assert_uint_gt(compare_random(db, 400, seed * 31, 1940, 2030), 1000);
		geopol_close(db);
	}
}
END_TEST

START_TEST(test_memindex_walks__same_as_sql)
{
	geopol_db *db = tu_world();
	ck_assert_uint_gt(compare_walks(db, 60, 3, 1990, 2030), 10);
	geopol_close(db);
	db = random_world(5);
	ck_assert_uint_gt(compare_walks(db, 120, 5, 1940, 2030), 100);
	geopol_close(db);
	db = bench_world();
	ck_assert_uint_gt(compare_walks(db, 40, 9, 1946, 2025), 1000);
	geopol_close(db);
}
END_TEST

/* The adjacency at a date is cached: a repeated date reuses it, and a
 * walk still answers when more dates than the cache holds are asked. */
START_TEST(test_memindex_walks__date_cache)
{
	geopol_db *db = random_world(8);
	gp_memindex_mode(db, GP_MEMINDEX_ALWAYS);
	for (int round = 0; round < 3; round++)
		for (int y = 1990; y < 1990 + 2 * GP_REACH_CACHE; y++) {
			char d[8];
			snprintf(d, sizeof d, "%d", y);
			ask q = {Q_NEIGHBORS, "O1", NULL, tu_date(d), 0, 0, 3};
			same(db, &q);
		}
	ck_assert_int_eq(gp_memindex_builds(db), 1);
	geopol_close(db);
}
END_TEST

/* ---- staying fresh */

static char *members_now(geopol_db *db, const char *org, const char *at)
{
	geopol_iter *it;
	ck_assert_int_eq(geopol_members(&it, db, org, tu_date(at), NULL), GEOPOL_OK);
	return tu_lines(it);
}

START_TEST(test_memindex_fresh__writes_on_the_handle)
{
	geopol_db *db = tu_world();
	gp_memindex_mode(db, GP_MEMINDEX_ALWAYS);
	char *got = members_now(db, "ORG", "2020-01-01");
	ck_assert_str_eq(got, "ORG AAA founding_member definite\nORG CCC member definite");
	free(got);
	geopol_membership_spec m = GEOPOL_MEMBERSHIP_SPEC_INIT;
	m.org = "ORG";
	m.member = "boss";
	m.role = GEOPOL_ROLE_OBSERVER;
	m.from = tu_date("2019");
	int64_t fact;
	ck_assert_int_eq(geopol_membership_add(db, &m, &fact), GEOPOL_OK);
	got = members_now(db, "ORG", "2020-01-01");
	ck_assert_str_eq(got, "ORG AAA founding_member definite\nORG CCC member definite\n"
			      "ORG boss observer definite");
	free(got);
	ck_assert_int_eq(gp_memindex_builds(db), 2);
	/* A correction and a retraction are writes too. */
	m.from = tu_date("2021");
	ck_assert_int_eq(geopol_membership_correct(db, fact, &m), GEOPOL_OK);
	got = members_now(db, "ORG", "2020-01-01");
	ck_assert_str_eq(got, "ORG AAA founding_member definite\nORG CCC member definite");
	free(got);
	ck_assert_int_eq(geopol_retract(db, GEOPOL_FACT_RELATION, 1), GEOPOL_OK);
	geopol_iter *it;
	ck_assert_int_eq(geopol_relations(&it, db, "AAA", "BBB", tu_date("2020-01-01"), NULL), GEOPOL_OK);
	got = tu_lines(it);
	ck_assert_str_eq(got, "");
	free(got);
	geopol_close(db);
}
END_TEST

START_TEST(test_memindex_fresh__transaction_rolled_back)
{
	geopol_db *db = tu_world();
	gp_memindex_mode(db, GP_MEMINDEX_ALWAYS);
	free(members_now(db, "ORG", "2020-01-01"));
	ck_assert_int_eq(geopol_begin(db), GEOPOL_OK);
	geopol_membership_spec m = GEOPOL_MEMBERSHIP_SPEC_INIT;
	m.org = "ORG";
	m.member = "BBB";
	m.from = tu_date("2019");
	ck_assert_int_eq(geopol_membership_add(db, &m, NULL), GEOPOL_OK);
	/* Inside the transaction: its own write is seen (on SQL)... */
	char *got = members_now(db, "ORG", "2020-01-01");
	ck_assert_str_eq(got, "ORG AAA founding_member definite\nORG BBB member definite\n"
			      "ORG CCC member definite");
	free(got);
	ck_assert_int_eq(gp_memindex_builds(db), 1);
	ck_assert_int_eq(geopol_rollback(db), GEOPOL_OK);
	/* ...and gone after the rollback. */
	got = members_now(db, "ORG", "2020-01-01");
	ck_assert_str_eq(got, "ORG AAA founding_member definite\nORG CCC member definite");
	free(got);
	geopol_close(db);
}
END_TEST

START_TEST(test_memindex_fresh__second_connection)
{
	char path[] = "/tmp/geopol-memindex-XXXXXX";
	int fd = mkstemp(path);
	ck_assert_int_ge(fd, 0);
	close(fd);
	unlink(path);
	geopol_db *a, *b;
	ck_assert_int_eq(geopol_open(&a, path, NULL), GEOPOL_OK);
	ck_assert_int_eq(tu_import(a, TU_WORLD), GEOPOL_OK);
	ck_assert_int_eq(geopol_open(&b, path, NULL), GEOPOL_OK);
	gp_memindex_mode(a, GP_MEMINDEX_ALWAYS);
	char *got = members_now(a, "ORG", "2020-01-01");
	ck_assert_str_eq(got, "ORG AAA founding_member definite\nORG CCC member definite");
	free(got);
	geopol_membership_spec m = GEOPOL_MEMBERSHIP_SPEC_INIT;
	m.org = "ORG";
	m.member = "BBB";
	m.from = tu_date("2019");
	ck_assert_int_eq(geopol_membership_add(b, &m, NULL), GEOPOL_OK);
	got = members_now(a, "ORG", "2020-01-01");
	ck_assert_str_eq(got, "ORG AAA founding_member definite\nORG BBB member definite\n"
			      "ORG CCC member definite");
	free(got);
	ck_assert_int_eq(gp_memindex_builds(a), 2);
	/* And a neighbour walk on a sees b's edge. */
	geopol_iter *it;
	ck_assert_int_eq(geopol_neighbors(&it, a, "BBB", tu_date("2020-01-01"), 1, NULL), GEOPOL_OK);
	got = tu_lines(it);
	ck_assert_str_eq(got, "ORG BBB member definite\nAAA BBB strategic_partnership definite");
	free(got);
	geopol_close(a);
	geopol_close(b);
	char side[sizeof path + 8];
	unlink(path);
	snprintf(side, sizeof side, "%s-wal", path);
	unlink(side);
	snprintf(side, sizeof side, "%s-shm", path);
	unlink(side);
}
END_TEST

/* An iterator open across a write keeps reading the index it started on
 * (under ASan a freed index would fail here), while a new question sees
 * the write. */
START_TEST(test_memindex_fresh__iterator_alive_across_write)
{
	geopol_db *db = tu_world();
	gp_memindex_mode(db, GP_MEMINDEX_ALWAYS);
	geopol_iter *old, *walk;
	ck_assert_int_eq(geopol_relations(&old, db, "AAA", NULL, tu_date("2020-01-01"), NULL), GEOPOL_OK);
	ck_assert_int_eq(geopol_neighbors(&walk, db, "CCC", tu_date("2020-01-01"), 2, NULL), GEOPOL_OK);
	const geopol_item *item, *w;
	ck_assert_int_eq(geopol_iter_next(old, &item), GEOPOL_OK);
	const char *a = item->relation->a;
	ck_assert_int_eq(geopol_retract(db, GEOPOL_FACT_RELATION, 1), GEOPOL_OK);
	geopol_relation_spec r = GEOPOL_RELATION_SPEC_INIT;
	r.a = "CCC";
	r.b = "BBB";
	r.type = "trade";
	r.from = tu_date("2019");
	ck_assert_int_eq(geopol_relation_add(db, &r, NULL), GEOPOL_OK);
	char *now = members_now(db, "ORG", "2020-01-01");
	free(now);
	ck_assert_int_eq(gp_memindex_builds(db), 2);
	ck_assert_str_eq(a, "AAA");
	ck_assert_str_eq(item->relation->b, "BBB");
	ck_assert_str_eq(item->relation->type, "strategic_partnership");
	char *rest = tu_lines(old);
	ck_assert_str_eq(rest, "AAA CCC sanctions definite\nboss AAA head_of_state definite");
	free(rest);
	ck_assert_int_eq(geopol_iter_next(walk, &w), GEOPOL_OK);
	ck_assert_str_eq(w->membership->org, "ORG");
	free(tu_lines(walk));
	/* The new index has the write and not the retracted row. */
	geopol_iter *it;
	ck_assert_int_eq(geopol_relations(&it, db, "BBB", NULL, tu_date("2020-01-01"), NULL), GEOPOL_OK);
	rest = tu_lines(it);
	ck_assert_str_eq(rest, "CCC BBB trade definite");
	free(rest);
	geopol_close(db);
}
END_TEST

/* ---- errors */

START_TEST(test_memindex_errors__same_failures)
{
	geopol_db *db = tu_world();
	const ask qs[] = {
		{Q_MEMBERS, "NOPE", NULL, tu_date("2020"), 0, 0, 0},
		{Q_COMMON, "AAA", "NOPE", tu_date("2020"), 0, 0, 0},
		{Q_BETWEEN, "AAA", "NOPE", tu_date("2020"), 0, 0, 0},
		{Q_NEIGHBORS, "AAA", NULL, tu_date("2020"), 0, 0, 0},
		{Q_NEIGHBORS, "AAA", NULL, tu_date("2020"), 0, 0, 11},
		{Q_PATH, "boss", "CCC", tu_date("2010-01-01"), 0, 0, 0},
		{Q_PATH, "NOPE", "CCC", tu_date("2010-01-01"), 0, 0, 0},
	};
	for (size_t i = 0; i < sizeof qs / sizeof qs[0]; i++) {
		gp_memindex_mode(db, GP_MEMINDEX_ALWAYS);
		char *got = answer(db, &qs[i]);
		ck_assert_msg(strncmp(got, "status -", 8) == 0, "%s", got);
		free(got);
		same(db, &qs[i]);
	}
	geopol_close(db);
}
END_TEST

/* As-known-on questions are not in the index (current rows only): they
 * keep their SQL answer when the index is on. */
START_TEST(test_memindex_errors__known_at_stays_on_sql)
{
	geopol_db *db = tu_open();
	geopol_set_clock(db, 1000);
	ck_assert_int_eq(tu_import(db, TU_WORLD), GEOPOL_OK);
	geopol_set_clock(db, 5000);
	geopol_membership_spec m = GEOPOL_MEMBERSHIP_SPEC_INIT;
	m.org = "ORG";
	m.member = "CCC";
	m.from = tu_date("2021");
	ck_assert_int_eq(geopol_membership_correct(db, 4, &m), GEOPOL_OK);
	gp_memindex_mode(db, GP_MEMINDEX_ALWAYS);
	char *then = tu_members(db, "ORG", "2020-01-01", 0, 2000);
	ck_assert_str_eq(then, "AAA founding_member definite\nCCC member definite");
	free(then);
	char *now = tu_members(db, "ORG", "2020-01-01", 0, 0);
	ck_assert_str_eq(now, "AAA founding_member definite");
	free(now);
	ask q = {Q_RELATIONS, "AAA", NULL, tu_date("2020"), 0, 2000, 0};
	same(db, &q);
	q.what = Q_NEIGHBORS;
	q.depth = 2;
	same(db, &q);
	geopol_close(db);
}
END_TEST

/* ---- limits */

START_TEST(test_memindex_limits__empty_world)
{
	geopol_db *db = tu_open();
	geopol_entity_spec e = GEOPOL_ENTITY_SPEC_INIT;
	e.code = "LONE";
	e.kind = GEOPOL_KIND_STATE;
	ck_assert_int_eq(geopol_entity_add(db, &e), GEOPOL_OK);
	for (int what = Q_MEMBERS; what <= Q_PATH; what++) {
		ask q = {what, "LONE", "LONE", tu_date("2000"), 0, 0, 2};
		ck_assert_uint_eq(same(db, &q), 0);
	}
	ck_assert_int_eq(gp_memindex_builds(db), 1);
	geopol_close(db);
}
END_TEST

START_TEST(test_memindex_limits__extreme_dates)
{
	geopol_db *db = tu_world();
	const char *const dates[] = {"0001", "0001-01-01", "9999", "9999-12-31"};
	for (size_t i = 0; i < 4; i++)
		for (int what = Q_MEMBERS; what <= Q_PATH; what++) {
			ask q = {what, what == Q_MEMBERS ? "ORG" : "AAA", "BBB", tu_date(dates[i]), 0, 0, 3};
			same(db, &q);
		}
	geopol_close(db);
}
END_TEST

/* AUTO builds only once the handle has asked enough since the data last
 * changed: a one-shot question stays on SQL; a walk starts a build at
 * once. The slice's budget is made ample so that the build ends in the
 * question that starts it even under a sanitizer on a loaded machine: the
 * slices themselves are tested below (test_memindex_slices__*). */
START_TEST(test_memindex_limits__auto_threshold)
{
	geopol_db *db = tu_world();
	ck_assert_int_eq(gp_memindex_slicing(db, 0, 600000), GEOPOL_OK);
	for (int i = 0; i < GP_MEMINDEX_WARM - 1; i++)
		free(members_now(db, "ORG", "2020-01-01"));
	ck_assert_int_eq(gp_memindex_builds(db), 0);
	geopol_entity_spec e = GEOPOL_ENTITY_SPEC_INIT;
	e.code = "NEW";
	e.kind = GEOPOL_KIND_STATE;
	ck_assert_int_eq(geopol_entity_add(db, &e), GEOPOL_OK);
	/* The write started the count again. */
	for (int i = 0; i < GP_MEMINDEX_WARM - 1; i++)
		free(members_now(db, "ORG", "2020-01-01"));
	ck_assert_int_eq(gp_memindex_builds(db), 0);
	free(members_now(db, "ORG", "2020-01-01"));
	ck_assert_int_eq(gp_memindex_builds(db), 1);
	ck_assert_int_eq(geopol_entity_add(db, &(geopol_entity_spec){GEOPOL_ENTITY_SPEC_VERSION, "NEW2",
			 GEOPOL_KIND_STATE, NULL, GEOPOL_DATE_OPEN_INIT, GEOPOL_DATE_OPEN_INIT}), GEOPOL_OK);
	geopol_iter *it;
	ck_assert_int_eq(geopol_neighbors(&it, db, "CCC", tu_date("2020-01-01"), 3, NULL), GEOPOL_OK);
	geopol_iter_free(it);
	ck_assert_int_eq(gp_memindex_builds(db), 2);
	geopol_close(db);
}
END_TEST

/* ---- the build in slices (issue 17 item 3) */

/* Random questions asked first on SQL, then again in mode AUTO with a
 * build of one step a question (chunks of 7 rows): every answer is the
 * same whether the index is built yet or not, the build took many
 * questions, and it ended in one index. */
START_TEST(test_memindex_slices__answers_same_while_building)
{
	geopol_db *db = random_world(5);
	codes all = entity_codes(db, 0), orgs = entity_codes(db, GEOPOL_KIND_ORGANIZATION);
	enum { N = 400 };
	ask qs[N];
	char *want[N];
	uint64_t s = 77;
	gp_memindex_mode(db, GP_MEMINDEX_OFF);
	for (size_t i = 0; i < N; i++) {
		qs[i] = (ask){(int)(i % 5), NULL, NULL, ask_date(&s, 1940, 2030), 0, 0, 0};
		qs[i].a = qs[i].what == Q_MEMBERS ? orgs.v[rnd(&s) % orgs.n] : all.v[rnd(&s) % all.n];
		qs[i].b = all.v[rnd(&s) % all.n];
		want[i] = answer(db, &qs[i]);
	}
	gp_memindex_mode(db, GP_MEMINDEX_AUTO);
	ck_assert_int_eq(gp_memindex_slicing(db, 7, 0), GEOPOL_OK);
	size_t built_at = 0;
	for (size_t round = 0; round < 3; round++)
		for (size_t i = 0; i < N; i++) {
			char *got = answer(db, &qs[i]);
			ck_assert_msg(strcmp(want[i], got) == 0, "question %zu, round %zu:\n--- SQL\n%s--- now\n%s",
				      i, round, want[i], got);
			free(got);
			if (!built_at && gp_memindex_builds(db) == 1)
				built_at = round * N + i + 1;
		}
	int64_t slices;
	double max_ms;
	gp_memindex_slices(db, &slices, &max_ms);
	ck_assert_int_eq(gp_memindex_builds(db), 1);
	/* 16 questions of warm-up, then one step a question (the last step
	 * ends the build and answers its question from the index): the rows
	 * in chunks of 7, the three orders' passes and their sorts. */
	ck_assert_int_gt(slices, 20);
	ck_assert_uint_eq(built_at, 15 + (size_t)slices);
	for (size_t i = 0; i < N; i++)
		free(want[i]);
	codes_free(&all);
	codes_free(&orgs);
	geopol_close(db);
}
END_TEST

/* A write between two slices drops the build under way: the index that
 * ends it was read after the write, and sees it. */
START_TEST(test_memindex_slices__write_restarts_the_build)
{
	geopol_db *db = tu_world();
	ck_assert_int_eq(gp_memindex_slicing(db, 1, 0), GEOPOL_OK);
	for (int i = 0; i < 20; i++) {
		char *got = members_now(db, "ORG", "2020-01-01");
		ck_assert_str_eq(got, "ORG AAA founding_member definite\nORG CCC member definite");
		free(got);
	}
	int64_t slices;
	double max_ms;
	gp_memindex_slices(db, &slices, &max_ms);
	ck_assert_int_ge(slices, 3);
	ck_assert_int_eq(gp_memindex_builds(db), 0);
	geopol_membership_spec m = GEOPOL_MEMBERSHIP_SPEC_INIT;
	m.org = "ORG";
	m.member = "boss";
	m.role = GEOPOL_ROLE_OBSERVER;
	m.from = tu_date("2019");
	ck_assert_int_eq(geopol_membership_add(db, &m, NULL), GEOPOL_OK);
	for (int i = 0; i < 400 && gp_memindex_builds(db) == 0; i++) {
		char *got = members_now(db, "ORG", "2020-01-01");
		ck_assert_str_eq(got, "ORG AAA founding_member definite\nORG CCC member definite\n"
				      "ORG boss observer definite");
		free(got);
	}
	ck_assert_int_eq(gp_memindex_builds(db), 1);
	/* The index answers now, with the row written mid-build. */
	gp_memindex *mi = gp_memindex_acquire(db, 1);
	ck_assert_ptr_nonnull(mi);
	gp_memindex_release(mi);
	char *got = members_now(db, "ORG", "2020-01-01");
	ck_assert_str_eq(got, "ORG AAA founding_member definite\nORG CCC member definite\n"
			      "ORG boss observer definite");
	free(got);
	geopol_close(db);
}
END_TEST

/* In mode ALWAYS the build is whole, in one slice. */
START_TEST(test_memindex_slices__always_builds_at_once)
{
	geopol_db *db = tu_world();
	ck_assert_int_eq(gp_memindex_slicing(db, 1, 0), GEOPOL_OK);
	gp_memindex_mode(db, GP_MEMINDEX_ALWAYS);
	free(members_now(db, "ORG", "2020-01-01"));
	int64_t slices;
	double max_ms;
	gp_memindex_slices(db, &slices, &max_ms);
	ck_assert_int_eq(slices, 1);
	ck_assert_int_eq(gp_memindex_builds(db), 1);
	geopol_close(db);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("memindex");
	TCase *core = tcase_create("core");
	tcase_set_timeout(core, 600);
	tcase_add_test(core, test_memindex_same__small_world);
	tcase_add_test(core, test_memindex_same__dataset);
	tcase_add_test(core, test_memindex_same__bench_world);
	tcase_add_test(core, test_memindex_same__random_world_with_ties);
	tcase_add_test(core, test_memindex_same__relations_sorted_per_question);
	tcase_add_test(core, test_memindex_walks__same_as_sql);
	tcase_add_test(core, test_memindex_walks__date_cache);
	tcase_add_test(core, test_memindex_fresh__writes_on_the_handle);
	tcase_add_test(core, test_memindex_fresh__transaction_rolled_back);
	tcase_add_test(core, test_memindex_fresh__second_connection);
	tcase_add_test(core, test_memindex_fresh__iterator_alive_across_write);
	tcase_add_test(core, test_memindex_slices__answers_same_while_building);
	tcase_add_test(core, test_memindex_slices__write_restarts_the_build);
	tcase_add_test(core, test_memindex_slices__always_builds_at_once);
	suite_add_tcase(s, core);
	TCase *errors = tcase_create("errors");
	tcase_add_test(errors, test_memindex_errors__same_failures);
	tcase_add_test(errors, test_memindex_errors__known_at_stays_on_sql);
	suite_add_tcase(s, errors);
	TCase *limits = tcase_create("limits");
	tcase_add_test(limits, test_memindex_limits__empty_world);
	tcase_add_test(limits, test_memindex_limits__extreme_dates);
	tcase_add_test(limits, test_memindex_limits__auto_threshold);
	suite_add_tcase(s, limits);
	return tu_run(s);
}
