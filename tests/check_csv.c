/*
 * check_csv.c - the streaming CSV/TSV reader of the importers
 * (lib/io/csv.c): quoting, CRLF, a UTF-8 BOM, tabs, blank lines, NA, gzip,
 * and the errors that name file and line (an unterminated quote, an
 * overlong record, an empty file).
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <zlib.h>

#include "test_util.h"
#include "io/csv_internal.h"

static char path[64];

/* A temporary file holding len bytes of text. */
static const char *file_of(const char *text, size_t len)
{
	strcpy(path, "/tmp/geopol-check-csv-XXXXXX");
	int fd = mkstemp(path);
	ck_assert_int_ge(fd, 0);
	ck_assert_int_eq(write(fd, text, len), (ssize_t)len);
	close(fd);
	return path;
}

static gp_csv *open_text(geopol_db *db, const char *text)
{
	gp_csv *c = NULL;
	int rc = gp_csv_new(&c, db, file_of(text, strlen(text)), 0);
	ck_assert_msg(rc == GEOPOL_OK, "%s", geopol_errmsg(db));
	return c;
}

START_TEST(test_csv__quoting)
{
	geopol_db *db = tu_open();
	gp_csv *c = open_text(db, "a,b,c\n"
				  "\"x, y\",\"say \"\"hi\"\"\",\"two\nlines\"\n"
				  "plain,\"\",NA\n");
	ck_assert_uint_eq(c->n_header, 3);
	ck_assert_int_eq(gp_csv_col(c, "c"), 2);
	ck_assert_int_eq(gp_csv_col(c, "d"), -1);
	ck_assert_int_eq(gp_csv_next(c), 1);
	ck_assert_uint_eq(c->n, 3);
	ck_assert_str_eq(c->field[0], "x, y");
	ck_assert_str_eq(c->field[1], "say \"hi\"");
	ck_assert_str_eq(c->field[2], "two\nlines");
	ck_assert_int_eq(c->quoted[0], 1);
	ck_assert_int_eq(c->line, 2);
	/* The quoted line break counts: the next record starts on line 4. */
	ck_assert_int_eq(gp_csv_next(c), 1);
	ck_assert_int_eq(c->line, 4);
	ck_assert_str_eq(c->field[0], "plain");
	ck_assert_int_eq(c->quoted[0], 0);
	/* An empty field and an unquoted NA are absent values. */
	ck_assert(gp_csv_is_na(c, 1));
	ck_assert(gp_csv_is_na(c, 2));
	ck_assert(!gp_csv_is_na(c, 0));
	ck_assert(gp_csv_is_na(c, 7));
	ck_assert_int_eq(gp_csv_next(c), 0);
	gp_csv_free(c);
	unlink(path);
	geopol_close(db);
}
END_TEST

/* CRLF line ends and a BOM are read as if they were not there; blank
 * lines are no records; a quoted "NA" is a value. */
START_TEST(test_csv__crlf_bom_blank_lines)
{
	geopol_db *db = tu_open();
	gp_csv *c = open_text(db, "\xEF\xBB\xBF" "code,name\r\n\r\nKAZ,\"NA\"\r\n\r\nRUS, Russia \r\n");
	ck_assert_int_eq(gp_csv_col(c, "code"), 0);
	ck_assert_str_eq(gp_csv_colname(c, 1), "name");
	ck_assert_str_eq(gp_csv_colname(c, 2), "?");
	ck_assert_int_eq(gp_csv_next(c), 1);
	ck_assert_str_eq(c->field[0], "KAZ");
	ck_assert_str_eq(c->field[1], "NA");
	ck_assert(!gp_csv_is_na(c, 1));
	ck_assert_int_eq(c->line, 3);
	ck_assert_int_eq(gp_csv_next(c), 1);
	ck_assert_str_eq(c->field[1], " Russia ");
	ck_assert_str_eq(gp_csv_trim(c, 1), "Russia");
	ck_assert_int_eq(c->line, 5);
	ck_assert_int_eq(gp_csv_next(c), 0);
	gp_csv_free(c);
	unlink(path);
	geopol_close(db);
}
END_TEST

/* A tab in the first line makes a TSV file; a gzip file is read as it is. */
START_TEST(test_csv__tabs_and_gzip)
{
	geopol_db *db = tu_open();
	strcpy(path, "/tmp/geopol-check-csv-XXXXXX");
	int fd = mkstemp(path);
	ck_assert_int_ge(fd, 0);
	gzFile gz = gzdopen(fd, "wb");
	ck_assert_ptr_nonnull(gz);
	gzputs(gz, "a\tb\n1,5\t2\n");
	ck_assert_int_eq(gzclose(gz), Z_OK);
	gp_csv *c = NULL;
	ck_assert_int_eq(gp_csv_new(&c, db, path, 0), GEOPOL_OK);
	ck_assert_int_eq(c->sep, '\t');
	ck_assert_int_eq(gp_csv_next(c), 1);
	ck_assert_uint_eq(c->n, 2);
	ck_assert_str_eq(c->field[0], "1,5");
	ck_assert_int_eq(gp_csv_next(c), 0);
	gp_csv_free(c);
	unlink(path);
	geopol_close(db);
}
END_TEST

START_TEST(test_csv__errors_name_file_and_line)
{
	geopol_db *db = tu_open();
	char want[128];
	/* An unterminated quote, on the line where its record starts. */
	gp_csv *c = open_text(db, "a,b\n1,2\n3,\"open\n");
	ck_assert_int_eq(gp_csv_next(c), 1);
	ck_assert_int_eq(gp_csv_next(c), GEOPOL_EINVAL);
	snprintf(want, sizeof want, "%s:3: unterminated quoted field", path);
	ck_assert_str_eq(geopol_errmsg(db), want);
	gp_csv_free(c);
	unlink(path);
	/* An empty file has no header. */
	c = NULL;
	ck_assert_int_eq(gp_csv_new(&c, db, file_of("", 0), 0), GEOPOL_EINVAL);
	ck_assert_ptr_null(c);
	snprintf(want, sizeof want, "%s:1: empty file, expected a header line", path);
	ck_assert_str_eq(geopol_errmsg(db), want);
	unlink(path);
	/* No such file. */
	ck_assert_int_eq(gp_csv_new(&c, db, "/nonexistent/x.csv", 0), GEOPOL_EIO);
	geopol_close(db);
}
END_TEST

/* A record longer than GP_CSV_RECORD_MAX is an error, not a reason to
 * grow; one just under it is read. */
START_TEST(test_csv__overlong_record)
{
	geopol_db *db = tu_open();
	size_t big = GP_CSV_RECORD_MAX + 10;
	char *text = malloc(2 * big + 64);
	strcpy(text, "a\nok\n");
	size_t len = strlen(text);
	memset(text + len, 'x', GP_CSV_RECORD_MAX - 1);
	len += GP_CSV_RECORD_MAX - 1;
	text[len++] = '\n';
	memset(text + len, 'y', big);
	len += big;
	text[len++] = '\n';
	gp_csv *c = NULL;
	ck_assert_int_eq(gp_csv_new(&c, db, file_of(text, len), 0), GEOPOL_OK);
	ck_assert_int_eq(gp_csv_next(c), 1);
	ck_assert_str_eq(c->field[0], "ok");
	ck_assert_int_eq(gp_csv_next(c), 1);
	ck_assert_uint_eq(strlen(c->field[0]), GP_CSV_RECORD_MAX - 1);
	ck_assert_int_eq(gp_csv_next(c), GEOPOL_EINVAL);
	char want[128];
	snprintf(want, sizeof want, "%s:4: record longer than %d bytes", path, GP_CSV_RECORD_MAX);
	ck_assert_str_eq(geopol_errmsg(db), want);
	gp_csv_free(c);
	unlink(path);
	free(text);
	geopol_close(db);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("csv");
	TCase *core = tcase_create("core");
	tcase_add_test(core, test_csv__quoting);
	tcase_add_test(core, test_csv__crlf_bom_blank_lines);
	tcase_add_test(core, test_csv__tabs_and_gzip);
	suite_add_tcase(s, core);
	TCase *errors = tcase_create("errors");
	tcase_add_test(errors, test_csv__errors_name_file_and_line);
	suite_add_tcase(s, errors);
	TCase *limits = tcase_create("limits");
	tcase_add_test(limits, test_csv__overlong_record);
	suite_add_tcase(s, limits);
	return tu_run(s);
}
