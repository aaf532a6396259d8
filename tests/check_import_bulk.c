/*
 * check_import_bulk.c - a large import into a small SQLite database runs
 * in a bulk transaction of its own (geopol_import, import.c: the indexes of
 * the questions dropped and built once at the end) and records exactly
 * what an ordinary import records: the same rows in every table, the same
 * schema, the same answers and exports, the same errors, and nothing
 * written when it fails. SQLite only: PostgreSQL has no bulk transaction.
 */
#include <check.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "test_util.h"
#include "core/geopol_internal.h"
#include "io/dataset_internal.h"

#define FIX GEOPOL_SOURCE_DIR "/tests/fixtures/"

/* A file of n records made from a fixture's records repeated, each with a
 * fresh id (the fixture's first field) 1..n, as bench_import_big makes
 * its big files; every 97th record takes the id of the record before it
 * (another event under a reused id: "<id>#<digest>"), every 101st is the
 * record before it again, whole (the same event: unchanged). The record
 * numbered `bad` (1 for the first after the header; 0: none) has `from`
 * replaced by `to`. */
static char *make_file(const char *fixture, char sep, int n, int bad, const char *from,
		       const char *to)
{
	FILE *in = fopen(fixture, "r");
	ck_assert_ptr_nonnull(in);
	char header[1 << 14], rows[32][1 << 13];
	int n_rows = 0;
	ck_assert_ptr_nonnull(fgets(header, sizeof header, in));
	while (n_rows < 32 && fgets(rows[n_rows], sizeof rows[n_rows], in))
		n_rows++;
	fclose(in);
	ck_assert_int_gt(n_rows, 1);
	char *path = strdup("/tmp/geopol-bulk-XXXXXX");
	int fd = mkstemp(path);
	ck_assert_int_ge(fd, 0);
	FILE *out = fdopen(fd, "w");
	fputs(header, out);
	char line[1 << 13], prev[1 << 13] = "";
	for (int i = 1; i <= n; i++) {
		int id = i % 97 == 0 ? i - 1 : i;
		const char *rest = strchr(rows[i % n_rows], sep);
		ck_assert_ptr_nonnull(rest);
		snprintf(line, sizeof line, "%d%s", id, rest);
		if (i % 101 == 0)
			snprintf(line, sizeof line, "%s", prev);
		char *p;
		if (i == bad && (p = strstr(line, from))) {
			char fixed[1 << 13];
			snprintf(fixed, sizeof fixed, "%.*s%s%s", (int)(p - line), line, to, p + strlen(from));
			snprintf(line, sizeof line, "%s", fixed);
		}
		fputs(line, out);
		snprintf(prev, sizeof prev, "%s", line);
	}
	fclose(out);
	return path;
}

/* Seen by the progress callback, inside the import's transaction: whether
 * the index event_window was there (0, 1; -1 before any call). */
static int window_seen;

static void on_progress(void *ctx, uint64_t done, uint64_t total)
{
	(void)done;
	(void)total;
	window_seen = (int)tu_count(ctx, "SELECT count(*) FROM sqlite_master WHERE name = 'event_window'");
}

/* Imports with opts->release (0, 1). */
static int release_imports;

static int import_watched(geopol_db *db, const char *format, const char *path, geopol_import_stats *st)
{
	geopol_import_options o = GEOPOL_IMPORT_OPTIONS_INIT;
	o.release = release_imports;
	o.progress = on_progress;
	o.ctx = db;
	window_seen = -1;
	return geopol_import(db, format, &path, 1, &o, st);
}

static int write_text(void *ctx, const char *data, size_t len)
{
	tu_text *t = ctx;
	char *s = strndup(data, len);
	ck_assert_ptr_nonnull(s);
	tu_text_add(t, s);
	free(s);
	return 0;
}

/* What a user reads back: every row of every table, the schema, the events
 * as geopol_events lists them and a JSON export, as one text. */
static char *everything(geopol_db *db)
{
	tu_text t = {0};
	char *dump = tu_dump(db);
	tu_text_add(&t, dump);
	free(dump);
	char *schema = tu_joined(db, "SELECT type || ' ' || name || ' ' || COALESCE(sql, '') FROM "
				 "sqlite_master ORDER BY name", "\n");
	tu_text_add(&t, schema);
	free(schema);
	geopol_iter *it;
	ck_assert_int_eq(geopol_events(&it, db, NULL, NULL), GEOPOL_OK);
	char *lines = tu_lines(it);
	tu_text_add(&t, lines);
	free(lines);
	geopol_export_options eo = GEOPOL_EXPORT_OPTIONS_INIT;
	eo.at = tu_date("2012-04-15");
	ck_assert_int_eq(geopol_export(db, &eo, NULL, write_text, &t), GEOPOL_OK);
	return t.s;
}

static geopol_db *open_at_clock(void)
{
	geopol_db *db = tu_open();
	geopol_set_clock(db, geopol_recorded_end_of(tu_date("2025-06-01")));
	/* Something stored before, cited, with its events. */
	tu_import_ok(db, "icews", FIX "icews.tab", NULL);
	return db;
}

static void same_as_ordinary(const char *format, const char *fixture, char sep, int n,
			     uint64_t added, uint64_t reused, uint64_t unchanged)
{
	char *path = make_file(fixture, sep, n, 0, NULL, NULL);
	geopol_db *bulk = open_at_clock(), *ordinary = open_at_clock();
	geopol_import_stats sb, so;
	ck_assert_msg(import_watched(bulk, format, path, &sb) == GEOPOL_OK, "%s", geopol_errmsg(bulk));
	ck_assert_int_eq(window_seen, 0); /* loaded in bulk */
	ck_assert_int_eq(geopol_begin(ordinary), GEOPOL_OK);
	ck_assert_msg(import_watched(ordinary, format, path, &so) == GEOPOL_OK, "%s",
		      geopol_errmsg(ordinary));
	ck_assert_int_eq(window_seen, 1); /* in the caller's transaction: as the rows go */
	ck_assert_int_eq(geopol_commit(ordinary), GEOPOL_OK);
	ck_assert_int_eq(sb.rows, (uint64_t)n);
	ck_assert_int_eq(sb.added, added);
	ck_assert_int_eq(sb.reused, reused);
	ck_assert_int_eq(sb.unchanged, unchanged);
	ck_assert_int_eq(so.rows, sb.rows);
	ck_assert_int_eq(so.added, sb.added);
	ck_assert_int_eq(so.reused, sb.reused);
	ck_assert_int_eq(so.unchanged, sb.unchanged);
	ck_assert_int_eq(so.skipped, sb.skipped);
	char *a = everything(bulk), *b = everything(ordinary);
	ck_assert_str_eq(a, b);
	/* The indexes were built again, and the questions use them. */
	ck_assert_ptr_nonnull(strstr(a, "index event_window CREATE INDEX event_window ON event("));
	ck_assert_ptr_nonnull(strstr(a, "index event_actor_entity CREATE INDEX event_actor_entity ON event_actor("));
	ck_assert_str_eq(tu_one(bulk, "PRAGMA integrity_check"), "ok");
	/* The connection's settings are back (gp_sqlite_open's). */
	ck_assert_str_eq(tu_one(bulk, "PRAGMA foreign_keys"), "1");
	ck_assert_str_eq(tu_one(bulk, "PRAGMA temp_store"), "2");
	free(a);
	free(b);
	/* The same file again adds nothing, in bulk or not. */
	int64_t rows = tu_total_rows(bulk);
	ck_assert_int_eq(import_watched(bulk, format, path, &sb), GEOPOL_OK);
	ck_assert_int_eq(sb.added, 0);
	ck_assert_int_eq(tu_total_rows(bulk), rows);
	geopol_close(bulk);
	geopol_close(ordinary);
	unlink(path);
	free(path);
}

START_TEST(test_import_bulk__gdelt_same_as_ordinary)
{
	/* 3,000 records: 29 of the 30 reused ids (every 97th) are other
	 * events (2,425 takes the id 2,424, which the record of that id, a
	 * repeat of 2,423, did not store), the 29 repeats (every 101st) are
	 * the same. */
	same_as_ordinary("gdelt", FIX "gdelt-apr2012.csv", ',', 3000, 3000 - 29, 29, 29);
}
END_TEST

/* A release (its bookkeeping in temporary tables) loaded in bulk. */
START_TEST(test_import_bulk__gdelt_release_same_as_ordinary)
{
	release_imports = 1;
	same_as_ordinary("gdelt", FIX "gdelt-apr2012.csv", ',', 3000, 3000 - 29, 29, 29);
	release_imports = 0;
}
END_TEST

START_TEST(test_import_bulk__icews_same_as_ordinary)
{
	same_as_ordinary("icews", FIX "icews.tab", '\t', 3000, 3000 - 29, 29, 29);
}
END_TEST

/* A bad record in the middle of a bulk import: its error names the file,
 * the line and the column, and the database is exactly as it was, indexes
 * and all. */
START_TEST(test_import_bulk__bad_row_leaves_database)
{
	char *path = make_file(FIX "gdelt-apr2012.csv", ',', 3000, 1500, ",20120401,", ",20120431,");
	geopol_db *db = open_at_clock();
	char *before = everything(db);
	geopol_import_stats st;
	ck_assert_int_eq(import_watched(db, "gdelt", path, &st), GEOPOL_EINVAL);
	ck_assert_int_eq(window_seen, 0); /* the progress of the first 1,024 lines, in bulk */
	char want[512];
	snprintf(want, sizeof want, "%s:1501:SQLDATE: '20120431' is not a date (YYYYMMDD)", path);
	ck_assert_str_eq(geopol_errmsg(db), want);
	ck_assert_int_eq(st.added, 0);
	char *after = everything(db);
	ck_assert_str_eq(after, before);
	ck_assert_str_eq(tu_one(db, "PRAGMA integrity_check"), "ok");
	/* The handle is usable: no transaction is left open. */
	ck_assert_int_eq(geopol_begin(db), GEOPOL_OK);
	ck_assert_int_eq(geopol_rollback(db), GEOPOL_OK);
	free(before);
	free(after);
	geopol_close(db);
	unlink(path);
	free(path);
}
END_TEST

/* A small file into a database larger than it keeps the indexes as the
 * rows go (rebuilding them would cost more than the rows). */
START_TEST(test_import_bulk__small_file_ordinary)
{
	geopol_db *db = open_at_clock();
	geopol_import_stats st;
	ck_assert_int_eq(import_watched(db, "gdelt", FIX "gdelt-apr2012.csv", &st), GEOPOL_OK);
	ck_assert_int_eq(window_seen, 1);
	ck_assert_int_eq(st.added, 10);
	geopol_close(db);
}
END_TEST

/* The importers' numbers (gp_parse_double, with its fast path for plain
 * decimals) read to the same double, bit for bit, as strtod reads them,
 * and the same texts are refused. */
START_TEST(test_import_bulk__numbers_as_strtod)
{
	static const char *const fixed[] = {"0", "-0", "0.0", "-0.0", "1", "-1", "10", ".5", "-.5",
		"5.", "3.2626427406199", "-3.2626427406199", "41.7167", "44.7833", "999999999999999",
		"0.000000000000001", "9007199254740993", "1234567890.12345", "123456789012345.6",
		"0.1", "0.2", "0.3", "2.5", "-10", "1e3", "+5", " 5", "5 ", "", "-", ".", "-.", "1.2.3",
		"0x10", "inf", "nan", "1,5", "--1", "00000000000000000001", NULL};
	size_t n_fixed = sizeof fixed / sizeof fixed[0] - 1;
	char buf[64];
	uint64_t seed = 17;
	for (size_t i = 0; i < n_fixed + 200000; i++) {
		const char *s = buf;
		if (i < n_fixed) {
			s = fixed[i];
		} else {
			/* a random plain decimal of 1 to 17 digits, a dot anywhere or none */
			int n = 1 + (int)(tu_rand(&seed) % 17), dot = (int)(tu_rand(&seed) % (uint64_t)(n + 2));
			size_t w = 0;
			if (tu_rand(&seed) % 2)
				buf[w++] = '-';
			for (int k = 0; k < n; k++) {
				if (k == dot)
					buf[w++] = '.';
				buf[w++] = (char)('0' + tu_rand(&seed) % 10);
			}
			buf[w] = '\0';
		}
		char *end;
		double want = strtod(s, &end), got = 12345;
		int ok = *s && *end == '\0' && end != s && isfinite(want);
		int rc = gp_parse_double(s, &got);
		ck_assert_msg(rc == (ok ? 0 : -1), "'%s': %d", s, rc);
		if (ok)
			ck_assert_msg(memcmp(&got, &want, sizeof got) == 0, "'%s': %.17g, strtod %.17g", s,
				      got, want);
	}
}
END_TEST

static Suite *suite(void)
{
	Suite *s = suite_create("import_bulk");
	TCase *core = tcase_create("core");
	tcase_set_timeout(core, 60);
	tcase_add_test(core, test_import_bulk__gdelt_same_as_ordinary);
	tcase_add_test(core, test_import_bulk__icews_same_as_ordinary);
	tcase_add_test(core, test_import_bulk__gdelt_release_same_as_ordinary);
	tcase_add_test(core, test_import_bulk__bad_row_leaves_database);
	tcase_add_test(core, test_import_bulk__small_file_ordinary);
	tcase_add_test(core, test_import_bulk__numbers_as_strtod);
	suite_add_tcase(s, core);
	return s;
}

int main(void)
{
	return tu_run(suite());
}
