/*
 * check_import.c - geopol_import itself (lib/io/import.c): its arguments,
 * the progress callback over several files, and one transaction for all
 * of them.
 */
#include <check.h>
#include <stdio.h>
#include <string.h>

#include "test_util.h"

#define DATA GEOPOL_SOURCE_DIR "/data/"

START_TEST(test_import__arguments)
{
	geopol_db *db = tu_open();
	int64_t rows = tu_total_rows(db);
	geopol_import_stats st;
	const char *paths[] = {"/nonexistent/a.json"};
	ck_assert_int_eq(geopol_import(db, "json", paths, 1, NULL, &st), GEOPOL_EIO);
	ck_assert_str_eq(geopol_errmsg(db), "/nonexistent/a.json: cannot open: No such file or directory");
	ck_assert_int_eq(geopol_import(db, "xml", paths, 1, NULL, &st), GEOPOL_EINVAL);
	ck_assert_str_eq(geopol_errmsg(db), "unknown import format 'xml'");
	ck_assert_int_eq(geopol_import(db, NULL, paths, 1, NULL, &st), GEOPOL_EINVAL);
	ck_assert_int_eq(geopol_import(db, "json", NULL, 1, NULL, &st), GEOPOL_EMISUSE);
	ck_assert_str_eq(geopol_errmsg(db), "no paths given (NULL) for 1 files");
	const char *with_null[] = {"/nonexistent/a.json", NULL};
	ck_assert_int_eq(geopol_import(db, "json", with_null, 2, NULL, &st), GEOPOL_EMISUSE);
	ck_assert_str_eq(geopol_errmsg(db), "paths[1] is NULL");
	geopol_import_options o = GEOPOL_IMPORT_OPTIONS_INIT;
	o.release = 1;
	ck_assert_int_eq(geopol_import(db, "json", paths, 1, &o, &st), GEOPOL_EINVAL);
	ck_assert_str_eq(geopol_errmsg(db), "--release is for the datasets' formats, not json");
	ck_assert_int_eq(geopol_import(db, "json", NULL, 0, NULL, NULL), GEOPOL_OK);
	ck_assert_int_eq(geopol_import(NULL, "json", paths, 1, NULL, &st), GEOPOL_EMISUSE);
	ck_assert_int_eq(tu_total_rows(db), rows);
	geopol_close(db);
}
END_TEST

typedef struct progress {
	uint64_t done, total;
	int calls, backwards, total_changed;
} progress;

static void on_progress(void *ctx, uint64_t done, uint64_t total)
{
	progress *p = ctx;
	if (done < p->done)
		p->backwards = 1;
	if (p->calls && total != p->total)
		p->total_changed = 1;
	p->done = done;
	p->total = total;
	p->calls++;
}

/* Over two files: the count only goes up, against one total (the bytes of
 * both files), and ends at it. */
START_TEST(test_import__progress_over_files)
{
	geopol_db *db = tu_open();
	const char *paths[] = {DATA "10-states.json", DATA "20-organizations.json"};
	long size = 0;
	for (int i = 0; i < 2; i++) {
		FILE *f = fopen(paths[i], "rb");
		ck_assert_ptr_nonnull(f);
		fseek(f, 0, SEEK_END);
		size += ftell(f);
		fclose(f);
	}
	progress p = {0, 0, 0, 0, 0};
	geopol_import_options o = GEOPOL_IMPORT_OPTIONS_INIT;
	o.progress = on_progress;
	o.ctx = &p;
	geopol_import_stats st;
	ck_assert_int_eq(geopol_import(db, "json", paths, 2, &o, &st), GEOPOL_OK);
	ck_assert_int_gt(st.added, 0);
	ck_assert_int_ge(p.calls, 2);
	ck_assert_int_eq(p.backwards, 0);
	ck_assert_int_eq(p.total_changed, 0);
	ck_assert_uint_eq(p.total, (uint64_t)size);
	ck_assert_uint_eq(p.done, (uint64_t)size);
	geopol_close(db);
}
END_TEST

/* One transaction for all the files: a missing second file keeps nothing
 * of the first. */
START_TEST(test_import__all_files_or_none)
{
	geopol_db *db = tu_open();
	const char *paths[] = {DATA "10-states.json", "/nonexistent/b.json"};
	int64_t rows = tu_total_rows(db);
	geopol_import_stats st;
	ck_assert_int_eq(geopol_import(db, "json", paths, 2, NULL, &st), GEOPOL_EIO);
	ck_assert_uint_eq(st.added, 0);
	ck_assert_int_gt(st.rows, 0);
	ck_assert_int_eq(tu_total_rows(db), rows);
	geopol_close(db);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("import");
	TCase *core = tcase_create("core");
	tcase_set_timeout(core, 120);
	tcase_add_test(core, test_import__progress_over_files);
	tcase_add_test(core, test_import__all_files_or_none);
	suite_add_tcase(s, core);
	TCase *errors = tcase_create("errors");
	tcase_add_test(errors, test_import__arguments);
	suite_add_tcase(s, errors);
	return tu_run(s);
}
