/*
 * check_pack.c - the packed blocks the snapshot reads (schema 006,
 * lib/store/pack.c): the snapshot read from blocks equals, item by item and
 * citation by citation, the snapshot read from the tables, on worlds with
 * corrections, retractions, partial dates and several citations per fact;
 * and a block never answers for rows changed behind its back.
 */
#include <check.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "test_util.h"
#include "io/export_internal.h"
#include "store/pack_internal.h"
#include "io/dataset_internal.h"

#define BLOCK 16   /* small blocks: many of them, holes and tails in a small world */

/* ---- a random world */

/* Entities 0-5 are organizations O0..O5, the others states S6..S19. */
static const char *code_of(int i, char buf[8])
{
	snprintf(buf, 8, "%c%d", i < 6 ? 'O' : 'S', i);
	return buf;
}

static void add_facts(geopol_db *db, uint64_t *s, int n)
{
	static const char *const types[] = {"alliance", "trade", "sanctions", "recognizes"};
	static const char *const quotes[] = {NULL, "q", "\xd9\x83\xd8\xa7\xd8\xb2\xd8\xa7\xd8\xae"};
	char a[8], b[8];
	for (int i = 0; i < n; i++) {
		int64_t fact;
		int rc, kind;
		if (tu_rand(s) % 2) {
			geopol_membership_spec m = GEOPOL_MEMBERSHIP_SPEC_INIT;
			m.org = code_of((int)(tu_rand(s) % 6), a);
			m.member = code_of(6 + (int)(tu_rand(s) % 14), b);
			m.role = 1 + (int)(tu_rand(s) % 8);
			m.from = tu_world_date(s);
			m.to = tu_world_date(s);
			m.stage = (int)(tu_rand(s) % 8);   /* 0: in force, or suspended by role */
			kind = GEOPOL_FACT_MEMBERSHIP;
			/* A quarter of them from one of two imported codings. */
			static const char *const codings[] = {"cow-igo-3", "atop-4"};
			int coded = tu_rand(s) % 4 == 0;
			const char *coding = codings[tu_rand(s) % 2];
			if (coded) {
				int64_t org, member, src;
				ck_assert_int_eq(gp_entity_id(db, m.org, "org", &org), GEOPOL_OK);
				ck_assert_int_eq(gp_entity_id(db, m.member, "member", &member), GEOPOL_OK);
				ck_assert_int_eq(gp_source_id(db, "src", &src), GEOPOL_OK);
				rc = gp_coded_membership(db, coding, org, m.org, member, m.member, m.role,
							 m.from, m.to, src, NULL);
				fact = db->last_row;
			} else {
				rc = geopol_membership_add(db, &m, &fact);
			}
		} else {
			geopol_relation_spec r = GEOPOL_RELATION_SPEC_INIT;
			r.a = code_of((int)(tu_rand(s) % 20), a);
			r.b = code_of((int)(tu_rand(s) % 20), b);
			r.type = types[tu_rand(s) % 4];
			r.attrs = tu_rand(s) % 3 == 0 ? "{\"usd\":12,\"note\":\"\\u00e9\"}" : NULL;
			r.from = tu_world_date(s);
			r.to = tu_world_date(s);
			kind = GEOPOL_FACT_RELATION;
			rc = geopol_relation_add(db, &r, &fact);
		}
		for (int c = rc == GEOPOL_OK ? (int)(tu_rand(s) % 3) : 0; c > 0; c--)
			geopol_cite(db, kind, fact, tu_rand(s) % 2 ? "src" : "src2", quotes[tu_rand(s) % 3]);
	}
}

/* A world packed in blocks of BLOCK ids, with corrections and retractions
 * made after the packing (at recorded time 1.8e15). */
static geopol_db *world(uint64_t seed, int n)
{
	geopol_db *db = tu_open();
	gp_pack_config(db, BLOCK, 1);
	uint64_t s = seed;
	geopol_set_clock(db, 1700000000000000);
	const char *const srcs[] = {"src", "src2"};
	for (int i = 0; i < 2; i++) {
		geopol_source_spec src = GEOPOL_SOURCE_SPEC_INIT;
		src.code = srcs[i];
		src.title = i ? "Second source" : NULL;
		ck_assert_int_eq(geopol_source_add(db, &src), GEOPOL_OK);
	}
	for (int i = 0; i < 20; i++) {
		char code[8];
		geopol_entity_spec e = GEOPOL_ENTITY_SPEC_INIT;
		e.code = code_of(i, code);
		e.kind = i < 6 ? GEOPOL_KIND_ORGANIZATION : GEOPOL_KIND_STATE;
		ck_assert_int_eq(geopol_entity_add(db, &e), GEOPOL_OK);
	}
	ck_assert_int_eq(geopol_begin(db), GEOPOL_OK);
	add_facts(db, &s, n);
	ck_assert_int_eq(geopol_commit(db), GEOPOL_OK);
	geopol_set_clock(db, 1800000000000000);
	for (int64_t f = 1; f < n / 2; f += 7) {
		geopol_membership_spec m = GEOPOL_MEMBERSHIP_SPEC_INIT;
		char org[8], member[8];
		m.org = code_of((int)(f % 6), org);
		m.member = code_of(6 + (int)(f % 14), member);
		m.from = tu_world_date(&s);
		geopol_membership_correct(db, f, &m);
		geopol_retract(db, GEOPOL_FACT_RELATION, f + 3);
	}
	geopol_set_clock(db, 0);
	return db;
}

/* ---- the snapshot as text: every field, every citation */

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
	}
	memcpy(t->s + t->len, s, n + 1);
	t->len += n;
}

static void put_item(text *t, geopol_iter *it, const geopol_item *item)
{
	char *json, line[128];
	ck_assert_int_eq(geopol_iter_json(it, &json), GEOPOL_OK);
	put(t, json);
	geopol_free(json);
	if (item->kind == GEOPOL_ITEM_MEMBERSHIP)
		snprintf(line, sizeof line, " fact %lld rec %lld", (long long)item->membership->fact_id,
			 (long long)item->membership->recorded);
	else if (item->kind == GEOPOL_ITEM_RELATION)
		snprintf(line, sizeof line, " fact %lld rec %lld", (long long)item->relation->fact_id,
			 (long long)item->relation->recorded);
	else
		line[0] = '\0';
	put(t, line);
	const geopol_citation *c;
	size_t n;
	ck_assert_int_eq(geopol_iter_citations(it, &c, &n), GEOPOL_OK);
	for (size_t i = 0; i < n; i++) {
		put(t, " [");
		put(t, c[i].source);
		put(t, "|");
		put(t, c[i].title ? c[i].title : "-");
		put(t, "|");
		put(t, c[i].quote ? c[i].quote : "-");
		put(t, "]");
	}
	put(t, "\n");
}

/* What the membership questions ask besides: stages, one coding, or all
 * of them (set by a test around its calls). */
static unsigned ask_stages, ask_flags;
static const char *ask_coding;

/* The snapshot at `at` (or the span [lo, hi] without certainty if at is
 * NULL), read from blocks or only from the tables. */
static char *snapshot(geopol_db *db, const char *at, int64_t lo, int64_t hi, unsigned flags,
		      int64_t known_at, int blocks, size_t *items)
{
	geopol_query q = GEOPOL_QUERY_INIT;
	q.flags = flags | ask_flags;
	q.known_at = known_at;
	q.stages = ask_stages;
	q.coding = ask_coding;
	gp_pack_config(db, BLOCK, blocks);
	geopol_iter *it;
	int rc = at ? geopol_snapshot(&it, db, tu_date(at), &q)
		    : gp_snapshot_span(&it, db, lo, hi, 0, &q);
	ck_assert_msg(rc == GEOPOL_OK, "%s", geopol_errmsg(db));
	text t = {NULL, 0, 0};
	put(&t, "");
	const geopol_item *item;
	*items = 0;
	while ((rc = geopol_iter_next(it, &item)) == GEOPOL_OK) {
		put_item(&t, it, item);
		(*items)++;
	}
	ck_assert_msg(rc == GEOPOL_ITEROVER, "%s", geopol_errmsg(db));
	geopol_iter_free(it);
	gp_pack_config(db, BLOCK, 1);
	return t.s;
}

/* Blocks and tables give the same snapshot; returns its items. */
static size_t same(geopol_db *db, const char *at, unsigned flags, int64_t known_at)
{
	size_t n1, n2;
	char *a = snapshot(db, at, 0, 0, flags, known_at, 1, &n1);
	char *b = snapshot(db, at, 0, 0, flags, known_at, 0, &n2);
	size_t i = 0, line = 0;
	while (a[i] && a[i] == b[i])
		line += a[i++] == '\n';
	if (a[i] || b[i]) {
		size_t from = i;
		while (from && a[from - 1] != '\n')
			from--;
		fprintf(stderr, "blocks: %.200s\ntables: %.200s\n", a + from, b + from);
	}
	ck_assert_msg(!a[i] && !b[i], "at %s known %lld: blocks and tables differ at item %zu",
		      at ? at : "(span)", (long long)known_at, line);
	ck_assert_uint_eq(n1, n2);
	free(a);
	free(b);
	return n1;
}

static const char *const dates[] = {"1950-01-01", "1991", "1991-12-26", "2000-06", "2012-01-01",
				    "2015", "2015-06-30", "2022-01-06", "2030-01-01"};

/* ---- same answers */

START_TEST(test_pack_same__random_worlds)
{
	size_t items = 0;
	for (uint64_t seed = 1; seed <= 4; seed++) {
		geopol_db *db = world(seed * 0x9E3779B97F4A7C15ull, 900);
		ck_assert_int_gt(tu_count(db, "SELECT count(*) FROM edge_pack"), 20);
		for (size_t i = 0; i < sizeof dates / sizeof *dates; i++) {
			items += same(db, dates[i], 0, 0);
			items += same(db, dates[i], GEOPOL_DEFINITE_ONLY, 0);
			/* Before the corrections: the blocks that lost rows to them
			 * cannot answer, the others still can. */
			items += same(db, dates[i], 0, 1750000000000000);
			items += same(db, dates[i], 0, 1650000000000000);
			/* Other stages and codings than the default question's. */
			ask_stages = GEOPOL_STAGES_DE_FACTO;
			items += same(db, dates[i], 0, 0);
			ask_stages = GEOPOL_STAGES_ALL;
			ask_flags = GEOPOL_ALL_CODINGS;
			items += same(db, dates[i], 0, 0);
			ask_flags = 0;
			ask_coding = "atop-4";
			items += same(db, dates[i], 0, 1750000000000000);
			ask_coding = NULL;
			ask_stages = 0;
		}
		size_t n1, n2;
		char *a = snapshot(db, NULL, 700000, 740000, 0, 0, 1, &n1);
		char *b = snapshot(db, NULL, 700000, 740000, 0, 0, 0, &n2);
		ck_assert_str_eq(a, b);
		ck_assert_uint_gt(n1, 100);
		free(a);
		free(b);
		geopol_close(db);
	}
	ck_assert_uint_gt(items, 10000);
}
END_TEST

/* The blocks are what answers: a record changed inside a blob (no
 * trigger sees that) shows in the snapshot read from blocks only. */
START_TEST(test_pack_same__blocks_are_read)
{
	geopol_db *db = world(7, 400);
	sqlite3_stmt *st;
	ck_assert_int_eq(sqlite3_prepare_v2(db->sql, "SELECT id, data, first_id, last_id FROM edge_pack "
				"WHERE kind = 2 AND length(data) > 16 ORDER BY last_id LIMIT 1", -1, &st, NULL),
			 SQLITE_OK);
	ck_assert_int_eq(sqlite3_step(st), SQLITE_ROW);
	int64_t block = sqlite3_column_int64(st, 0);
	size_t len = (size_t)sqlite3_column_bytes(st, 1);
	unsigned char *blob = malloc(len);
	memcpy(blob, sqlite3_column_blob(st, 1), len);
	gp_pack_view v;
	ck_assert(gp_pack_view_open(&v, blob, len, sqlite3_column_int64(st, 2),
				    sqlite3_column_int64(st, 3)));
	sqlite3_finalize(st);
	ck_assert_uint_gt(v.n_rows, 0);
	/* Every row of the block: observer from 1800 on, certainly. */
	for (uint32_t i = 0; i < v.n_rows; i++) {
		gp_pack_row r;
		gp_pack_row_at(&v, i, &r);
		r.type = GP_PACK_ROLE_STAGE(GEOPOL_ROLE_OBSERVER, GEOPOL_STAGE_IN_FORCE);
		r.from_lo = 657071; /* 1800-01-01 */
		r.from_span = 0;
		r.from_prec = GEOPOL_DATE_DAY;
		r.to_lo = (int32_t)GP_OPEN_END;
		r.to_span = 0;
		r.to_prec = 0;
		memcpy((unsigned char *)v.rows + i * sizeof r, &r, sizeof r);
	}
	ck_assert_int_eq(sqlite3_prepare_v2(db->sql, "UPDATE edge_pack SET data = ?1 WHERE id = ?2", -1,
					    &st, NULL), SQLITE_OK);
	sqlite3_bind_blob(st, 1, blob, (int)len, SQLITE_STATIC);
	sqlite3_bind_int64(st, 2, block);
	ck_assert_int_eq(sqlite3_step(st), SQLITE_DONE);
	sqlite3_finalize(st);
	size_t n1, n2;
	char *a = snapshot(db, "1900-01-01", 0, 0, 0, 0, 1, &n1);
	char *b = snapshot(db, "1900-01-01", 0, 0, 0, 0, 0, &n2);
	ck_assert_msg(strstr(a, "\"role\":\"observer\",\"from\":\"1800-01-01\""), "no changed row");
	ck_assert_msg(!strstr(b, "\"from\":\"1800-01-01\""), "the tables changed");
	ck_assert_uint_gt(n1, n2);
	free(a);
	free(b);
	free(blob);
	geopol_close(db);
}
END_TEST

/* ---- packing: when, what, and what stays out */

START_TEST(test_pack_blocks__tile_the_full_ids)
{
	geopol_db *db = world(11, 500);
	for (int kind = 2; kind <= 3; kind++) {
		const char *table = kind == 2 ? "membership" : "relation";
		char sql[256];
		snprintf(sql, sizeof sql, "SELECT max(id) FROM %s", table);
		int64_t max_id = tu_count(db, sql);
		snprintf(sql, sizeof sql, "SELECT count(*) FROM edge_pack WHERE kind = %d", kind);
		int64_t blocks = tu_count(db, sql);
		/* Full blocks from id 1; the last partial one stays in the table. */
		ck_assert_int_eq(blocks, max_id / BLOCK);
		snprintf(sql, sizeof sql, "SELECT count(*) FROM edge_pack a JOIN edge_pack b ON "
			 "a.kind = b.kind AND a.id <> b.id AND a.first_id <= b.last_id AND "
			 "b.first_id <= a.last_id WHERE a.kind = %d", kind);
		ck_assert_int_eq(tu_count(db, sql), 0);
		snprintf(sql, sizeof sql, "SELECT total(last_id - first_id + 1) = max(last_id) "
			 "AND min(first_id) = 1 FROM edge_pack WHERE kind = %d", kind);
		ck_assert_int_eq(tu_count(db, sql), 1);
	}
	/* The built-in block size leaves a world this small in the tables. */
	geopol_db *plain = tu_open();
	ck_assert_int_eq(tu_import(plain, TU_WORLD), GEOPOL_OK);
	ck_assert_int_eq(tu_count(plain, "SELECT count(*) FROM edge_pack"), 0);
	geopol_close(plain);
	geopol_close(db);
}
END_TEST

/* A correction updates a packed row: the trigger drops its block, the
 * write's end packs the hole again, with the row closed. */
START_TEST(test_pack_blocks__correction_repacks)
{
	geopol_db *db = world(13, 300);
	/* A current row in the first block whose pair has no other observer
	 * row, so that making it an observer contradicts nothing. */
	int64_t row = tu_count(db, "SELECT min(id) FROM membership m WHERE rec_to = "
				"9223372036854775807 AND id <= 16 AND NOT EXISTS (SELECT 1 FROM "
				"membership x WHERE x.org_id = m.org_id AND x.member_id = m.member_id "
				"AND x.role = 4 AND x.rec_to = 9223372036854775807 AND x.id <> m.id)");
	ck_assert_int_gt(row, 0);
	char sql[300];
	snprintf(sql, sizeof sql, "SELECT fact_id FROM membership WHERE id = %lld", (long long)row);
	int64_t fact = tu_count(db, sql);
	snprintf(sql, sizeof sql, "SELECT closed_max FROM edge_pack WHERE kind = 2 AND first_id <= %lld "
		 "AND last_id >= %lld", (long long)row, (long long)row);
	int64_t before = tu_count(db, sql);
	geopol_set_clock(db, 1900000000000000);
	geopol_membership_spec m = GEOPOL_MEMBERSHIP_SPEC_INIT;
	char org[8], member[8];
	snprintf(sql, sizeof sql, "SELECT org_id - 1 FROM membership WHERE id = %lld", (long long)row);
	m.org = code_of((int)tu_count(db, sql), org);
	snprintf(sql, sizeof sql, "SELECT member_id - 1 FROM membership WHERE id = %lld", (long long)row);
	m.member = code_of((int)tu_count(db, sql), member);
	m.role = GEOPOL_ROLE_OBSERVER;
	m.from = tu_date("1999-09-09");
	snprintf(sql, sizeof sql, "SELECT closed_max FROM edge_pack WHERE kind = 2 AND first_id <= %lld "
		 "AND last_id >= %lld", (long long)row, (long long)row);
	ck_assert_int_eq(geopol_membership_correct(db, fact, &m), GEOPOL_OK);
	ck_assert_int_eq(tu_count(db, sql), 1900000000000000);
	ck_assert_int_lt(before, 1900000000000000);
	geopol_set_clock(db, 0);
	for (size_t i = 0; i < sizeof dates / sizeof *dates; i++) {
		same(db, dates[i], 0, 0);
		same(db, dates[i], 0, 1850000000000000);
	}
	size_t n;
	char *a = snapshot(db, "2030-01-01", 0, 0, 0, 0, 1, &n);
	char want[128];
	snprintf(want, sizeof want, "\"org\":\"%s\",\"member\":\"%s\",\"role\":\"observer\","
		 "\"from\":\"1999-09-09\"", org, member);
	ck_assert_msg(strstr(a, want), "no corrected row %s", want);
	free(a);
	geopol_close(db);
}
END_TEST

/* Another program changes rows, or cites them, without the library: the
 * blocks it touched are not read, and the answers stay those of the tables. */
START_TEST(test_pack_blocks__writes_behind_the_library)
{
	geopol_db *db = world(17, 400);
	int64_t blocks = tu_count(db, "SELECT count(*) FROM edge_pack");
	ck_assert_int_eq(sqlite3_exec(db->sql, "UPDATE membership SET to_lo = 720000, to_hi = 720000, "
				      "to_prec = 3 WHERE id = 20", NULL, NULL, NULL), SQLITE_OK);
	ck_assert_int_eq(sqlite3_exec(db->sql, "DELETE FROM relation WHERE id = (SELECT min(id) FROM "
				      "relation r WHERE id > 32 AND NOT EXISTS (SELECT 1 FROM citation c "
				      "WHERE c.relation_id = r.id))", NULL, NULL, NULL),
			 SQLITE_OK);
	ck_assert_int_eq(tu_count(db, "SELECT count(*) FROM edge_pack"), blocks - 2);
	ck_assert_int_eq(tu_count(db, "SELECT count(*) FROM edge_pack WHERE kind = 2 AND first_id <= 20 "
				   "AND last_id >= 20"), 0);
	/* A citation added: no trigger; found by its id above cite_max. */
	int64_t cited = tu_count(db, "SELECT max(id) FROM membership WHERE rec_to = 9223372036854775807 "
				  "AND id < 48 AND id > 32");
	char sql[256];
	snprintf(sql, sizeof sql, "INSERT INTO citation(source_id, membership_id, quote) VALUES "
		 "(1, %lld, 'added behind')", (long long)cited);
	ck_assert_int_eq(sqlite3_exec(db->sql, sql, NULL, NULL, NULL), SQLITE_OK);
	/* A citation updated and one deleted: their blocks go. */
	ck_assert_int_eq(sqlite3_exec(db->sql, "UPDATE citation SET quote = 'changed' WHERE id = "
				      "(SELECT min(id) FROM citation WHERE relation_id > 100)",
				      NULL, NULL, NULL), SQLITE_OK);
	ck_assert_int_eq(sqlite3_exec(db->sql, "DELETE FROM citation WHERE id = (SELECT max(id) FROM "
				      "citation WHERE membership_id BETWEEN 100 AND 200)", NULL, NULL,
				      NULL), SQLITE_OK);
	ck_assert_int_lt(tu_count(db, "SELECT count(*) FROM edge_pack"), blocks - 2);
	for (size_t i = 0; i < sizeof dates / sizeof *dates; i++)
		same(db, dates[i], 0, 0);
	size_t n;
	char *a = snapshot(db, NULL, -2000000000, 2000000000, 0, 0, 1, &n);
	ck_assert_msg(strstr(a, "added behind"), "the late citation");
	free(a);
	/* The library's next write packs the holes and takes the citation in. */
	geopol_source_spec src = GEOPOL_SOURCE_SPEC_INIT;
	src.code = "src3";
	ck_assert_int_eq(geopol_source_add(db, &src), GEOPOL_OK);
	ck_assert_int_eq(tu_count(db, "SELECT count(*) FROM edge_pack"), blocks);
	ck_assert_int_eq(tu_count(db, "SELECT cite_max = (SELECT max(id) FROM citation) FROM edge_pack_state"),
			 1);
	for (size_t i = 0; i < sizeof dates / sizeof *dates; i++)
		same(db, dates[i], 0, 0);
	geopol_close(db);
}
END_TEST

/* A damaged blob is never trusted: its rows come from the table. */
START_TEST(test_pack_blocks__damaged_blob_ignored)
{
	geopol_db *db = world(19, 400);
	ck_assert_int_eq(sqlite3_exec(db->sql,
		"UPDATE edge_pack SET data = substr(data, 1, length(data) - 1) WHERE id % 3 = 0;"
		"UPDATE edge_pack SET data = X'00' WHERE id % 3 = 1;", NULL, NULL, NULL), SQLITE_OK);
	for (size_t i = 0; i < sizeof dates / sizeof *dates; i++)
		same(db, dates[i], 0, 0);
	geopol_close(db);
}
END_TEST

/* Packing is part of the write: rolled back with it, and a failed write
 * packs nothing. */
START_TEST(test_pack_blocks__rolled_back_with_the_write)
{
	geopol_db *db = world(23, 200);
	int64_t blocks = tu_count(db, "SELECT count(*) FROM edge_pack");
	char *dump = tu_dump(db);
	uint64_t s = 99;
	ck_assert_int_eq(geopol_begin(db), GEOPOL_OK);
	add_facts(db, &s, 200);
	ck_assert_int_eq(geopol_rollback(db), GEOPOL_OK);
	ck_assert_int_eq(tu_count(db, "SELECT count(*) FROM edge_pack"), blocks);
	/* An import that fails after a block's worth of rows leaves
	 * everything as it was. */
	char json[4096] = "{\"entities\":[{\"code\":\"NEW\",\"kind\":\"organization\"}],"
			  "\"memberships\":[";
	char code[8];
	for (int i = 6; i < 20; i++)
		for (int role = 1; role <= 2; role++)
			snprintf(json + strlen(json), sizeof json - strlen(json),
				 "{\"org\":\"NEW\",\"member\":\"%s\",\"role\":\"%s\",\"from\":\"%d\"},",
				 code_of(i, code), geopol_role_name(role), 1900 + role);
	strcat(json, "{\"org\":\"NEW\",\"member\":\"NOPE\"}]}");
	ck_assert_int_eq(tu_import(db, json), GEOPOL_ENOTFOUND);
	ck_assert_str_eq(geopol_errmsg(db), "test.json: memberships[28]: field 'member': unknown entity 'NOPE'");
	char *after = tu_dump(db);
	ck_assert_str_eq(dump, after);
	free(dump);
	free(after);
	geopol_close(db);
}
END_TEST

/* A row whose values a record cannot hold (here an uncertain start wider
 * than 65,535 days) leaves its block stored empty: the span is read from
 * the table, and the next writes do not try to pack it again. */
START_TEST(test_pack_blocks__unpackable_row_stays_in_the_table)
{
	geopol_db *db = world(31, 400);
	int64_t row = tu_count(db, "SELECT min(id) FROM membership WHERE id > 40 AND "
				"rec_to = 9223372036854775807 AND from_prec > 0");
	char sql[256];
	snprintf(sql, sizeof sql, "UPDATE membership SET from_lo = from_lo - 70000 WHERE id = %lld",
		 (long long)row);
	ck_assert_int_eq(sqlite3_exec(db->sql, sql, NULL, NULL, NULL), SQLITE_OK);
	geopol_source_spec src = GEOPOL_SOURCE_SPEC_INIT;
	src.code = "src3";
	ck_assert_int_eq(geopol_source_add(db, &src), GEOPOL_OK);
	snprintf(sql, sizeof sql, "SELECT length(data) FROM edge_pack WHERE kind = 2 AND "
		 "first_id <= %lld AND last_id >= %lld", (long long)row, (long long)row);
	ck_assert_int_eq(tu_count(db, sql), 0);
	int64_t blocks = tu_count(db, "SELECT count(*) FROM edge_pack");
	src.code = "src4";
	ck_assert_int_eq(geopol_source_add(db, &src), GEOPOL_OK);
	ck_assert_int_eq(tu_count(db, "SELECT count(*) FROM edge_pack"), blocks);
	for (size_t i = 0; i < sizeof dates / sizeof *dates; i++)
		same(db, dates[i], 0, 0);
	size_t n1, n2;
	char *a = snapshot(db, NULL, -2000000000, 2000000000, 0, 0, 1, &n1);
	char *b = snapshot(db, NULL, -2000000000, 2000000000, 0, 0, 0, &n2);
	ck_assert_str_eq(a, b);
	free(a);
	free(b);
	geopol_close(db);
}
END_TEST

/* A file from before schema 6: opening it migrates and packs its facts at
 * once, so that a reader gets the blocks without any write. */
START_TEST(test_pack_blocks__packed_when_migrated)
{
	char path[] = "/tmp/geopol-pack-XXXXXX";
	int fd = mkstemp(path);
	ck_assert_int_ge(fd, 0);
	close(fd);
	geopol_db *db;
	ck_assert_int_eq(geopol_open(&db, path, NULL), GEOPOL_OK);
	uint64_t s = 5;
	ck_assert_int_eq(tu_import(db, "{\"sources\":[{\"code\":\"src\"},{\"code\":\"src2\"}],"
				       "\"entities\":[{\"code\":\"O0\",\"kind\":\"organization\"},"
				       "{\"code\":\"O1\",\"kind\":\"organization\"},"
				       "{\"code\":\"O2\",\"kind\":\"organization\"},"
				       "{\"code\":\"O3\",\"kind\":\"organization\"},"
				       "{\"code\":\"O4\",\"kind\":\"organization\"},"
				       "{\"code\":\"O5\",\"kind\":\"organization\"}]}"), GEOPOL_OK);
	for (int i = 6; i < 20; i++) {
		char code[8];
		geopol_entity_spec e = GEOPOL_ENTITY_SPEC_INIT;
		e.code = code_of(i, code);
		e.kind = GEOPOL_KIND_STATE;
		ck_assert_int_eq(geopol_entity_add(db, &e), GEOPOL_OK);
	}
	ck_assert_int_eq(geopol_begin(db), GEOPOL_OK);
	add_facts(db, &s, 5000);   /* under a built-in block's worth of each table */
	ck_assert_int_eq(geopol_commit(db), GEOPOL_OK);
	ck_assert_int_eq(tu_count(db, "SELECT count(*) FROM edge_pack"), 0);
	/* Back to schema 5, as an older geopol left it. */
	ck_assert_int_eq(sqlite3_exec(db->sql,
		"DROP TABLE edge_pack; DROP TABLE edge_pack_state; DROP TRIGGER membership_unpack_update;"
		"DROP TRIGGER membership_unpack_delete; DROP TRIGGER relation_unpack_update;"
		"DROP TRIGGER relation_unpack_delete; DROP TRIGGER citation_unpack_update;"
		"DROP TRIGGER citation_unpack_delete; DROP INDEX membership_pair; DROP TABLE coding;"
		"DROP VIEW v_entities; DROP VIEW v_names; DROP VIEW v_memberships; DROP VIEW v_relations;"
		"DROP VIEW v_events; DROP VIEW v_event_actors; DROP VIEW v_citations; DROP VIEW v_sources;"
		"ALTER TABLE membership DROP COLUMN stage; DROP TABLE entity_life;"
		"ALTER TABLE entity DROP COLUMN life_source; ALTER TABLE entity DROP COLUMN life_rec;"
		"PRAGMA user_version = 5", NULL, NULL, NULL),
		SQLITE_OK);
	/* Enough rows for built-in blocks: 4,096 more relations behind it. */
	ck_assert_int_eq(sqlite3_exec(db->sql,
		"WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 8192) "
		"INSERT INTO relation(fact_id, a_id, b_id, type, from_lo, from_hi, from_prec, to_lo, "
		"to_hi, to_prec, rec_from) SELECT 0, 7, 8, 'trade', 700000 + i, 700000 + i, 3, "
		"2147483647, 2147483647, 0, 1 FROM n; UPDATE relation SET fact_id = id WHERE fact_id = 0",
		NULL, NULL, NULL), SQLITE_OK);
	geopol_close(db);
	ck_assert_int_eq(geopol_open(&db, path, NULL), GEOPOL_OK);
	ck_assert_int_ge(geopol_schema_version(db), 6);
	ck_assert_int_ge(tu_count(db, "SELECT count(*) FROM edge_pack WHERE kind = 3 AND length(data) > 0"), 2);
	ck_assert_int_eq(tu_count(db, "SELECT cite_max = (SELECT max(id) FROM citation) FROM edge_pack_state"), 1);
	geopol_close(db);
	/* Read-only, the blocks answer as the tables do. */
	geopol_open_options o = GEOPOL_OPEN_OPTIONS_INIT;
	o.read_only = 1;
	ck_assert_int_eq(geopol_open(&db, path, &o), GEOPOL_OK);
	size_t n1, n2;
	char *a = snapshot(db, "2015", 0, 0, 0, 0, 1, &n1);
	char *b = snapshot(db, "2015", 0, 0, 0, 0, 0, &n2);
	ck_assert_str_eq(a, b);
	ck_assert_uint_gt(n1, 4000);
	free(a);
	free(b);
	geopol_close(db);
	unlink(path);
	char side[64];
	snprintf(side, sizeof side, "%s-wal", path);
	unlink(side);
	snprintf(side, sizeof side, "%s-shm", path);
	unlink(side);
}
END_TEST

/* A write on the handle while a snapshot reads blocks: the write's packing
 * replaces blocks under the walk. The walk goes on without fault (ASan
 * checks the memory) and each item it gives is a row of the tables. */
START_TEST(test_pack_blocks__write_during_a_walk)
{
	geopol_db *db = world(29, 600);
	geopol_iter *it;
	ck_assert_int_eq(geopol_snapshot(&it, db, tu_date("2022-01-06"), NULL), GEOPOL_OK);
	const geopol_item *item;
	size_t n = 0, relations = 0;
	int rc;
	while ((rc = geopol_iter_next(it, &item)) == GEOPOL_OK) {
		const geopol_citation *c;
		size_t nc;
		ck_assert_int_eq(geopol_iter_citations(it, &c, &nc), GEOPOL_OK);
		n++;
		/* Inside the relations' first blocks. */
		if (item->kind == GEOPOL_ITEM_RELATION && ++relations == 5) {
			/* Retract a packed row and drop a block behind the library. */
			int64_t fact = tu_count(db, "SELECT max(fact_id) FROM relation WHERE id < 100 AND "
						 "rec_to = 9223372036854775807");
			ck_assert_int_eq(geopol_retract(db, GEOPOL_FACT_RELATION, fact), GEOPOL_OK);
			ck_assert_int_eq(sqlite3_exec(db->sql, "DELETE FROM edge_pack WHERE id IN "
						      "(SELECT id FROM edge_pack WHERE kind = 3 ORDER BY last_id LIMIT 3)",
						      NULL, NULL, NULL), SQLITE_OK);
		}
		if (item->kind == GEOPOL_ITEM_RELATION)
			ck_assert_ptr_nonnull(item->relation->type);
	}
	ck_assert_int_eq(rc, GEOPOL_ITEROVER);
	ck_assert_uint_gt(n, 100);
	geopol_iter_free(it);
	geopol_close(db);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("pack");
	TCase *same_tc = tcase_create("same");
	tcase_set_timeout(same_tc, 300);
	tcase_add_test(same_tc, test_pack_same__random_worlds);
	tcase_add_test(same_tc, test_pack_same__blocks_are_read);
	suite_add_tcase(s, same_tc);
	TCase *blocks = tcase_create("blocks");
	tcase_set_timeout(blocks, 300);
	tcase_add_test(blocks, test_pack_blocks__tile_the_full_ids);
	tcase_add_test(blocks, test_pack_blocks__correction_repacks);
	tcase_add_test(blocks, test_pack_blocks__writes_behind_the_library);
	tcase_add_test(blocks, test_pack_blocks__damaged_blob_ignored);
	tcase_add_test(blocks, test_pack_blocks__rolled_back_with_the_write);
	tcase_add_test(blocks, test_pack_blocks__write_during_a_walk);
	tcase_add_test(blocks, test_pack_blocks__packed_when_migrated);
	tcase_add_test(blocks, test_pack_blocks__unpackable_row_stays_in_the_table);
	suite_add_tcase(s, blocks);
	return tu_run(s);
}
