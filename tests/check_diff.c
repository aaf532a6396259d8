/*
 * check_diff.c - what changed between two dates (lib/query/diff.c), on the
 * small world of common_util.c; and, item by item, the same answers as the
 * statements the diff ran before it read the store's rows (GP_SQL_DIFF_*,
 * run here as the reference) on random worlds made for ties.
 */
#include <check.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "test_util.h"
#include "io/dataset_internal.h"
#include "store/sqlite_phased.h"
#include "store/pack_internal.h"
#include "store/sql_internal.h"
#include "store/sqlite_internal.h"

static geopol_db *world(void)
{
	geopol_db *db = tu_open();
	ck_assert_msg(tu_import(db, TU_WORLD) == GEOPOL_OK, "import: %s", geopol_errmsg(db));
	return db;
}

START_TEST(test_query_diff__joins_exits_relations_events)
{
	geopol_db *db = world();
	geopol_iter *it;
	ck_assert_int_eq(geopol_diff(&it, db, tu_date("2012-01-01"), tu_date("2016-01-01"), NULL, NULL),
			 GEOPOL_OK);
	const geopol_item *item;
	char lines[2048] = "";
	int rc;
	while ((rc = geopol_iter_next(it, &item)) == GEOPOL_OK) {
		char line[256];
		if (item->kind == GEOPOL_ITEM_MEMBERSHIP)
			snprintf(line, sizeof line, "%d %s\n", item->change, item->membership->member);
		else if (item->kind == GEOPOL_ITEM_RELATION)
			snprintf(line, sizeof line, "%d %s-%s %s\n", item->change, item->relation->a,
				 item->relation->b, item->relation->type);
		else
			snprintf(line, sizeof line, "%d %s\n", item->change, item->event->type);
		strcat(lines, line);
	}
	ck_assert_int_eq(rc, GEOPOL_ITEROVER);
	geopol_iter_free(it);
	/* CCC joined, BBB left, the sanctions began in 2014. */
	ck_assert_str_eq(lines, "1 CCC\n2 BBB\n3 AAA-CCC sanctions\n");
	ck_assert_int_eq(geopol_diff(&it, db, tu_date("2021-12-31"), tu_date("2025-12-31"), "AAA", NULL),
			 GEOPOL_OK);
	lines[0] = '\0';
	while ((rc = geopol_iter_next(it, &item)) == GEOPOL_OK) {
		char line[256];
		if (item->kind == GEOPOL_ITEM_RELATION)
			snprintf(line, sizeof line, "%d %s\n", item->change, item->relation->type);
		else if (item->kind == GEOPOL_ITEM_EVENT)
			snprintf(line, sizeof line, "%d %s\n", item->change, item->event->type);
		else
			snprintf(line, sizeof line, "%d %s\n", item->change, item->membership->member);
		strcat(lines, line);
	}
	geopol_iter_free(it);
	ck_assert_str_eq(lines, "3 comprehensive_strategic_partnership_alliance\n"
				"4 strategic_partnership\n5 0871\n");
	geopol_close(db);
}
END_TEST

/* ---- the same answers as the SQL statements */

/* The diff as it was answered by SQL: one statement per kind of change,
 * each row's key probed at the other date (NOT EXISTS), in the statements'
 * ORDER BY. */
static int sql_diff(geopol_iter **out, geopol_db *db, geopol_date d1, geopol_date d2,
		    const char *entity, const geopol_query *q)
{
	static const char joined[] = GP_SQL_DIFF_JOINED;
	static const char left[] = GP_SQL_DIFF_LEFT;
	static const char started[] = GP_SQL_DIFF_STARTED;
	static const char ended[] = GP_SQL_DIFF_ENDED;
	static const char events[] = GP_SQL_DIFF_EVENTS;
	gp_phased *s;
	int rc = gp_query_begin(out, db, q, &s);
	if (rc)
		return rc;
	if (entity && (rc = gp_entity_id(db, entity, "entity", &s->p.ent)))
		return gp_query_fail(s, rc);
	gp_at_span(d1, &s->p.d1lo, &s->p.d1hi);
	gp_at_span(d2, &s->p.d2lo, &s->p.d2hi);
	gp_phase_add(s, joined, GP_READ_MEMBERSHIP, GP_SPAN_D2, GEOPOL_CHANGE_JOINED);
	gp_phase_add(s, left, GP_READ_MEMBERSHIP, GP_SPAN_D1, GEOPOL_CHANGE_LEFT);
	gp_phase_add(s, started, GP_READ_RELATION, GP_SPAN_D2, GEOPOL_CHANGE_RELATION_STARTED);
	gp_phase_add(s, ended, GP_READ_RELATION, GP_SPAN_D1, GEOPOL_CHANGE_RELATION_ENDED);
	gp_phase_add(s, events, GP_READ_EVENT, GP_SPAN_WINDOW, GEOPOL_CHANGE_EVENT);
	return gp_phased_start(out, db, s);
}

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

static const char *fmt(geopol_date d, char *buf)
{
	geopol_date_format(d, buf, GEOPOL_DATE_BUFSIZE);
	return buf;
}

/* Every field a caller can read, and the citations. */
static void render(text *t, geopol_iter *it, const geopol_item *item)
{
	char line[1024], f[GEOPOL_DATE_BUFSIZE], to[GEOPOL_DATE_BUFSIZE];
	if (item->kind == GEOPOL_ITEM_MEMBERSHIP) {
		const geopol_membership *m = item->membership;
		snprintf(line, sizeof line, "M fact=%lld %s %s role=%d %s..%s c=%d rec=%lld stage=%d %s",
			 (long long)m->fact_id, m->org, m->member, m->role, fmt(m->from, f),
			 fmt(m->to, to), m->certainty, (long long)m->recorded, m->stage, m->coding);
	} else if (item->kind == GEOPOL_ITEM_RELATION) {
		const geopol_relation *r = item->relation;
		snprintf(line, sizeof line, "R fact=%lld %s %s %s dir=%d attrs=%s %s..%s c=%d rec=%lld",
			 (long long)r->fact_id, r->a, r->b, r->type, r->directed,
			 r->attrs ? r->attrs : "NULL", fmt(r->from, f), fmt(r->to, to), r->certainty,
			 (long long)r->recorded);
	} else {
		const geopol_event *e = item->event;
		snprintf(line, sizeof line, "E fact=%lld ext=%s %s %s g=%g i=%g loc=%s %s..%s c=%d "
			 "rec=%lld details=%s title=%s|%s|%s actors=%zu", (long long)e->fact_id,
			 e->ext_id ? e->ext_id : "-", e->type, e->type_name, e->goldstein, e->intensity,
			 e->location ? e->location : "-", fmt(e->date, f), fmt(e->end, to), e->certainty,
			 (long long)e->recorded, e->details ? e->details : "-",
			 e->title_lang ? e->title_lang : "-", e->title ? e->title : "-",
			 e->description ? e->description : "-", e->n_actors);
		put(t, line);
		for (size_t i = 0; i < e->n_actors; i++) {
			snprintf(line, sizeof line, " %s/%d", e->actors[i].entity, e->actors[i].role);
			put(t, line);
		}
		line[0] = '\0';
	}
	put(t, line);
	snprintf(line, sizeof line, " change=%d [", item->change);
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

typedef int (*diff_fn)(geopol_iter **, geopol_db *, geopol_date, geopol_date, const char *,
		       const geopol_query *);

/* The whole answer as text (or the status and message); *n its items. */
static char *answer(diff_fn fn, geopol_db *db, geopol_date d1, geopol_date d2, const char *ent,
		    const geopol_query *q, size_t *n)
{
	text t = {NULL, 0, 0};
	put(&t, "");
	geopol_iter *it = NULL;
	int rc = fn(&it, db, d1, d2, ent, q);
	if (rc) {
		char line[1200];
		snprintf(line, sizeof line, "status %d: %s", rc, geopol_errmsg(db));
		put(&t, line);
		return t.s;
	}
	const geopol_item *item;
	while ((rc = geopol_iter_next(it, &item)) == GEOPOL_OK) {
		render(&t, it, item);
		++*n;
	}
	ck_assert_msg(rc == GEOPOL_ITEROVER, "iteration: %d %s", rc, geopol_errmsg(db));
	geopol_iter_free(it);
	return t.s;
}

static geopol_date ask_date(uint64_t *s)
{
	int y = 1948 + (int)(tu_rand(s) % 80), p = (int)(tu_rand(s) % 10);
	geopol_date d;
	geopol_date_from_ymd(&d, y, p < 2 ? 0 : 1 + (int)(tu_rand(s) % 12),
			     p < 4 ? 0 : 1 + (int)(tu_rand(s) % 28));
	return d;
}

static const char *const ents[] = {"O0", "O1", "O2", "O3", "Z6", "Y7", "X8", "W9", "V10",
				   "U11", "T12", "S13", "R14", "Q15"};
#define N_ENTS (sizeof ents / sizeof ents[0])

static const char *const langs[] = {NULL, "fr", "de", "en"};

/* n random diffs, each asked of both: geopol_diff of db, the statements
 * of ref (db itself on SQLite; on PostgreSQL a SQLite database of the same
 * world); returns the items compared. */
static size_t compare(geopol_db *db, geopol_db *ref, uint64_t seed, int n, int64_t known)
{
	uint64_t s = seed;
	size_t items = 0;
	for (int i = 0; i < n; i++) {
		geopol_date d1 = ask_date(&s), d2 = ask_date(&s);
		if (d2.day < d1.day) {
			geopol_date x = d1;
			d1 = d2;
			d2 = x;
		}
		geopol_query q = GEOPOL_QUERY_INIT;
		q.flags = (tu_rand(&s) % 3 == 0 ? GEOPOL_DEFINITE_ONLY : 0) |
			  (tu_rand(&s) % 4 == 0 ? GEOPOL_ALL_CODINGS : 0);
		q.stages = tu_rand(&s) % 4 == 0 ? GEOPOL_STAGES_DE_FACTO : 0;
		q.known_at = tu_rand(&s) % 3 == 0 ? known : 0;
		q.lang = langs[tu_rand(&s) % 4];
		const char *ent = tu_rand(&s) % 3 == 0 ? ents[tu_rand(&s) % N_ENTS] : NULL;
		size_t na = 0, nb = 0;
		char *a = answer(geopol_diff, db, d1, d2, ent, &q, &na);
		char *b = answer(sql_diff, ref, d1, d2, ent, &q, &nb);
		if (d2.day > d1.day) {
			/* The first line that differs, and the lines before it. */
			size_t at = 0, line = 0;
			while (a[at] && a[at] == b[at])
				if (a[at++] == '\n')
					line = at;
			ck_assert_msg(strcmp(a, b) == 0, "diff %d..%d %s flags %u stages %u known %lld, "
				      "item %zu of %zu/%zu:\n%.300s\nSQL:\n%.300s", (int)d1.day,
				      (int)d2.day, ent ? ent : "-", q.flags, q.stages,
				      (long long)q.known_at, (size_t)0, na, nb, a + line, b + line);
			items += na;
		}
		free(a);
		free(b);
	}
	return items;
}

/* A world made for ties: few distinct dates, several roles, stages,
 * codings and relation types (directed and not) between the same few
 * entities, both ways round; corrections and retractions later; events;
 * packed blocks of 64 rows beside the table's rows. */
static geopol_db *random_world(geopol_db *db, uint64_t seed, int64_t *known)
{
	static const char *const types[] = {"alliance", "trade", "sanctions", "recognizes", "treaty"};
	gp_pack_config(db, 64, 1);
	uint64_t s = seed;
	geopol_set_clock(db, 1700000000000000);
	geopol_source_spec src = GEOPOL_SOURCE_SPEC_INIT;
	src.code = "src";
	ck_assert_int_eq(geopol_source_add(db, &src), GEOPOL_OK);
	ck_assert_int_eq(geopol_event_type_add(db, "042", "Make a visit", 1.9), GEOPOL_OK);
	ck_assert_int_eq(geopol_event_type_add(db, "190", "Use conventional military force", NAN),
			 GEOPOL_OK);
	for (size_t i = 0; i < N_ENTS; i++) {
		geopol_entity_spec e = GEOPOL_ENTITY_SPEC_INIT;
		e.code = ents[i];   /* codes out of id order: code order is not row order */
		e.kind = ents[i][0] == 'O' ? GEOPOL_KIND_ORGANIZATION : GEOPOL_KIND_STATE;
		ck_assert_int_eq(geopol_entity_add(db, &e), GEOPOL_OK);
	}
	ck_assert_int_eq(geopol_begin(db), GEOPOL_OK);
	int64_t fact;
	for (int i = 0; i < 700; i++) {
		geopol_membership_spec m = GEOPOL_MEMBERSHIP_SPEC_INIT;
		m.org = ents[tu_rand(&s) % 4];
		m.member = ents[tu_rand(&s) % N_ENTS];
		m.role = 1 + (int)(tu_rand(&s) % 3);
		m.from = tu_world_date(&s);
		m.to = tu_world_date(&s);
		m.stage = (int)(tu_rand(&s) % 4);
		if (tu_rand(&s) % 4 == 0) {
			int64_t org_id, member_id, src_id;
			ck_assert_int_eq(gp_entity_id(db, m.org, "org", &org_id), GEOPOL_OK);
			ck_assert_int_eq(gp_entity_id(db, m.member, "member", &member_id), GEOPOL_OK);
			ck_assert_int_eq(gp_source_id(db, "src", &src_id), GEOPOL_OK);
			gp_coded_membership(db, tu_rand(&s) % 2 ? "cow-igo-3" : "atop-4", org_id, m.org,
					    member_id, m.member, m.role, m.from, m.to, src_id, NULL);
			continue;
		}
		if (geopol_membership_add(db, &m, &fact) == GEOPOL_OK && tu_rand(&s) % 3 == 0)
			geopol_cite(db, GEOPOL_FACT_MEMBERSHIP, fact, "src", tu_rand(&s) % 2 ? "q" : NULL);
	}
	for (int i = 0; i < 700; i++) {
		geopol_relation_spec r = GEOPOL_RELATION_SPEC_INIT;
		r.a = ents[4 + tu_rand(&s) % (N_ENTS - 4)];
		r.b = ents[4 + tu_rand(&s) % (N_ENTS - 4)];
		r.type = types[tu_rand(&s) % 5];
		r.attrs = tu_rand(&s) % 4 == 0 ? "{\"usd\":12}" : NULL;
		r.from = tu_world_date(&s);
		r.to = tu_world_date(&s);
		if (geopol_relation_add(db, &r, &fact) == GEOPOL_OK && tu_rand(&s) % 3 == 0)
			geopol_cite(db, GEOPOL_FACT_RELATION, fact, "src", "quoted");
	}
	/* Events of every shape: 1 to 4 actors of any role (an entity twice
	 * with two roles), titles in some languages, external ids, ends,
	 * intensities and places; dataset fields below. */
	static const geopol_text_spec texts[] = {{"fr", "Visite", NULL}, {"en", "Visit", "A visit"},
						 {"ar", "Ziyara", "z"}, {"de", "Besuch", NULL}};
	for (int i = 0; i < 300; i++) {
		geopol_actor_spec actors[4];
		size_t na = 1 + tu_rand(&s) % 4;
		size_t base = tu_rand(&s) % N_ENTS;
		for (size_t k = 0; k < na; k++)
			actors[k] = (geopol_actor_spec){ents[(base + k * 5) % N_ENTS],
							1 + (int)(tu_rand(&s) % 4)};
		if (na == 4 && tu_rand(&s) % 2)
			actors[3] = (geopol_actor_spec){actors[0].entity, 1 + actors[0].role % 4};
		geopol_event_spec e = GEOPOL_EVENT_SPEC_INIT;
		e.type = tu_rand(&s) % 3 ? "042" : "190";
		e.date = tu_world_date(&s);
		if (!e.date.precision)
			continue;
		if (tu_rand(&s) % 3 == 0)
			e.end = tu_world_date(&s);
		if (e.end.precision && e.end.day <= e.date.day)
			e.end = (geopol_date)GEOPOL_DATE_OPEN_INIT;
		char ext[32];
		snprintf(ext, sizeof ext, "T:%llu:%d", (unsigned long long)seed, i);
		e.ext_id = tu_rand(&s) % 2 ? ext : NULL;
		e.intensity = tu_rand(&s) % 2 ? -2.5 * (double)(i % 5) : NAN;
		e.location = tu_rand(&s) % 4 == 0 ? "Geneva" : NULL;
		size_t first = tu_rand(&s) % 4;
		e.texts = texts + first;
		e.n_texts = tu_rand(&s) % (5 - first);
		e.actors = actors;
		e.n_actors = na;
		geopol_event_add(db, &e, NULL);
	}
	ck_assert_int_eq(geopol_commit(db), GEOPOL_OK);
	tu_exec(db, "INSERT INTO event_detail(event_id, quad_class, "
		"num_mentions, avg_tone, lat, attrs) SELECT id, 1 + id % 4, CASE WHEN id % 3 <> 0 THEN id END, "
		"-1.5, CASE WHEN id % 5 = 0 THEN 46.2 END, CASE id % 4 WHEN 0 THEN NULL WHEN 1 THEN "
		"'{\"Actor1Code\":\"X\"}' WHEN 2 THEN '{\"quad_class\":2,\"z\":[1]}' ELSE '{}' END "
		"FROM event WHERE id % 7 <> 3", 0, NULL);
	/* Correct and retract some facts: their old rows stay, not current. */
	*known = 1750000000000000;
	geopol_set_clock(db, 1800000000000000);
	for (int64_t f = 1; f < 500; f += 7) {
		geopol_membership_spec m = GEOPOL_MEMBERSHIP_SPEC_INIT;
		m.org = "O1";
		m.member = ents[f % N_ENTS];
		m.from = tu_world_date(&s);
		geopol_membership_correct(db, f, &m);
		geopol_retract(db, GEOPOL_FACT_RELATION, f + 3);
	}
	geopol_set_clock(db, 0);
	return db;
}

START_TEST(test_query_diff__same_as_sql_random_worlds)
{
	size_t items = 0;
	for (uint64_t seed = 1; seed <= 4; seed++) {
		int64_t known;
		geopol_db *db = random_world(tu_open(), seed * 7919, &known);
		/* On PostgreSQL, its answers against SQLite's statements on the
		 * same world; SQLite's packed blocks are not there. */
		geopol_db *ref = db;
		if (tu_on_pg(db))
			ref = random_world(tu_open_sqlite(), seed * 7919, &known);
		ck_assert_int_gt(tu_count(ref, "SELECT count(*) FROM edge_pack"), 0);
		items += compare(db, ref, seed, 60, known);
		/* The table alone, no blocks; the events in chunks of a few. */
		gp_pack_config(ref, 64, 0);
		gp_event_window_chunk = 1 + seed * 2;
		items += compare(db, ref, seed + 100, 20, known);
		gp_event_window_chunk = GP_EVENT_WINDOW_CHUNK;
		if (ref != db)
			geopol_close(ref);
		geopol_close(db);
	}
	/* Enough answers were compared to mean something. */
	ck_assert_uint_gt(items, 2000);
}
END_TEST

START_TEST(test_query_diff__same_as_sql_small_world)
{
	geopol_db *db = tu_open();
	geopol_db *ref = db;
	if (tu_on_pg(db)) {
		/* The same world recorded at the same time on both stores. */
		ref = tu_open_sqlite();
		geopol_set_clock(db, 1700000000000000);
		geopol_set_clock(ref, 1700000000000000);
		ck_assert_int_eq(tu_import(ref, TU_WORLD), GEOPOL_OK);
	}
	ck_assert_int_eq(tu_import(db, TU_WORLD), GEOPOL_OK);
	int64_t known = 0;
	size_t items = compare(db, ref, 42, 80, known);
	ck_assert_uint_gt(items, 20);
	if (ref != db)
		geopol_close(ref);
	geopol_close(db);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("diff");
	TCase *core = tcase_create("core");
	tcase_add_test(core, test_query_diff__joins_exits_relations_events);
	suite_add_tcase(s, core);
	/* Hundreds of diffs asked twice: well under a second of CPU, more on
	 * a loaded machine. */
	TCase *same = tcase_create("same_as_sql");
	tcase_set_timeout(same, 120);
	tcase_add_test(same, test_query_diff__same_as_sql_random_worlds);
	tcase_add_test(same, test_query_diff__same_as_sql_small_world);
	suite_add_tcase(s, same);
	return tu_run(s);
}
