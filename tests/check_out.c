/*
 * check_out.c - the exports' output stream (lib/io/out.c): bytes reach the
 * caller's writer in order and whole, in calls of at most the buffer's
 * size (one call per 64 kB, not per string), a write larger than the
 * buffer in one call of its own; a refusing writer is asked once, then
 * every later byte is dropped with GEOPOL_EIO; integers and printf output
 * of any length; writing in place.
 */
#include <check.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "test_util.h"
#include "io/out.h"

typedef struct sink {
	char *data;
	size_t len, cap;
	int calls;
	size_t largest;
	size_t sizes[64];  /* of the first 64 calls */
	int refuse_from;   /* refuse this call and later ones (0: never) */
} sink;

static int sink_write(void *ctx, const char *data, size_t len)
{
	sink *s = ctx;
	s->calls++;
	if (s->refuse_from && s->calls >= s->refuse_from)
		return -1;
	if (s->len + len > s->cap) {
		s->cap = (s->len + len) * 2;
		s->data = realloc(s->data, s->cap);
		ck_assert_ptr_nonnull(s->data);
	}
	memcpy(s->data + s->len, data, len);
	s->len += len;
	if (len > s->largest)
		s->largest = len;
	if (s->calls <= 64)
		s->sizes[s->calls - 1] = len;
	return 0;
}

static void open_out(gp_out *o, sink *s)
{
	memset(s, 0, sizeof *s);
	memset(o, 0, sizeof *o);
	o->write = sink_write;
	o->ctx = s;
	o->buf = malloc(GP_OUT_BUFSIZE);
	ck_assert_ptr_nonnull(o->buf);
}

START_TEST(test_out__buffered_in_order)
{
	gp_out o;
	sink s;
	open_out(&o, &s);
	/* 200,000 bytes as small strings: nothing reaches the writer until
	 * the buffer is full, then whole buffers. */
	char expect[200001];
	size_t n = 0;
	for (int i = 0; n + 16 < sizeof expect - 1; i++) {
		char word[16];
		int w = snprintf(word, sizeof word, "%d,", i);
		ck_assert_int_eq(gp_out_str(&o, word), GEOPOL_OK);
		memcpy(expect + n, word, (size_t)w);
		n += (size_t)w;
		if (n < GP_OUT_BUFSIZE)
			ck_assert_int_eq(s.calls, 0);
	}
	ck_assert_int_eq(gp_out_flush(&o), GEOPOL_OK);
	ck_assert_uint_eq(s.len, n);
	ck_assert_int_eq(memcmp(s.data, expect, n), 0);
	ck_assert_uint_le(s.largest, GP_OUT_BUFSIZE);
	/* Each call but the last carried a full buffer, less than one word. */
	ck_assert_int_ge(s.calls, 4);
	for (int i = 0; i + 1 < s.calls; i++)
		ck_assert_uint_gt(s.sizes[i], GP_OUT_BUFSIZE - 16);
	/* Flushing an empty buffer calls nobody. */
	int calls = s.calls;
	ck_assert_int_eq(gp_out_flush(&o), GEOPOL_OK);
	ck_assert_int_eq(s.calls, calls);
	free(o.buf);
	free(s.data);
}
END_TEST

START_TEST(test_out__large_write_goes_whole)
{
	gp_out o;
	sink s;
	open_out(&o, &s);
	size_t big = GP_OUT_BUFSIZE + 12345;
	char *b = malloc(big);
	for (size_t i = 0; i < big; i++)
		b[i] = (char)('a' + i % 26);
	ck_assert_int_eq(GP_OUT_LIT(&o, "head:"), GEOPOL_OK);
	ck_assert_int_eq(gp_out_write(&o, b, big), GEOPOL_OK);
	/* The 5 buffered bytes first, then the large write in one call. */
	ck_assert_int_eq(s.calls, 2);
	ck_assert_uint_eq(s.largest, big);
	ck_assert_int_eq(GP_OUT_LIT(&o, ":tail"), GEOPOL_OK);
	ck_assert_int_eq(gp_out_flush(&o), GEOPOL_OK);
	ck_assert_uint_eq(s.len, 5 + big + 5);
	ck_assert_int_eq(memcmp(s.data, "head:", 5), 0);
	ck_assert_int_eq(memcmp(s.data + 5, b, big), 0);
	ck_assert_int_eq(memcmp(s.data + 5 + big, ":tail", 5), 0);
	free(b);
	free(o.buf);
	free(s.data);
}
END_TEST

START_TEST(test_out__refusing_writer)
{
	gp_out o;
	sink s;
	open_out(&o, &s);
	s.refuse_from = 1;
	ck_assert_int_eq(gp_out_str(&o, "lost"), GEOPOL_OK); /* buffered: not yet known */
	ck_assert_int_eq(gp_out_flush(&o), GEOPOL_EIO);
	ck_assert_int_eq(o.failed, 1);
	ck_assert_int_eq(s.calls, 1);
	/* Later bytes are dropped without asking the writer again. */
	char *b = calloc(1, 2 * GP_OUT_BUFSIZE);
	ck_assert_int_eq(gp_out_write(&o, b, 2 * GP_OUT_BUFSIZE), GEOPOL_EIO);
	ck_assert_int_eq(gp_out_flush(&o), GEOPOL_EIO);
	ck_assert_int_eq(s.calls, 1);
	ck_assert_uint_eq(s.len, 0);
	free(b);
	free(o.buf);
	free(s.data);
}
END_TEST

START_TEST(test_out__refused_midway_keeps_what_went)
{
	gp_out o;
	sink s;
	open_out(&o, &s);
	s.refuse_from = 2;
	char *b = malloc(GP_OUT_BUFSIZE);
	memset(b, 'x', GP_OUT_BUFSIZE);
	ck_assert_int_eq(gp_out_write(&o, b, GP_OUT_BUFSIZE - 1), GEOPOL_OK);
	ck_assert_int_eq(gp_out_write(&o, "yy", 2), GEOPOL_OK); /* first call: accepted */
	ck_assert_int_eq(s.calls, 1);
	ck_assert_uint_eq(s.len, GP_OUT_BUFSIZE - 1);
	ck_assert_int_eq(gp_out_flush(&o), GEOPOL_EIO);          /* second: refused */
	ck_assert_int_eq(o.failed, 1);
	ck_assert_uint_eq(s.len, GP_OUT_BUFSIZE - 1);
	free(b);
	free(o.buf);
	free(s.data);
}
END_TEST

START_TEST(test_out__integers_and_printf)
{
	gp_out o;
	sink s;
	open_out(&o, &s);
	const int64_t v[] = {0, 7, -1, 10, -10, 1234567890123LL, INT64_MAX, INT64_MIN};
	for (size_t i = 0; i < sizeof v / sizeof *v; i++) {
		ck_assert_int_eq(gp_out_i64(&o, v[i]), GEOPOL_OK);
		ck_assert_int_eq(gp_out_byte(&o, ' '), GEOPOL_OK);
	}
	ck_assert_int_eq(gp_out_printf(&o, "[%s|%05d]", "k", 42), GEOPOL_OK);
	/* Longer than printf's 1 kB stack buffer. */
	char *long_s = malloc(5001);
	memset(long_s, 'z', 5000);
	long_s[5000] = '\0';
	ck_assert_int_eq(gp_out_printf(&o, "<%s>", long_s), GEOPOL_OK);
	ck_assert_int_eq(gp_out_flush(&o), GEOPOL_OK);
	const char *head = "0 7 -1 10 -10 1234567890123 9223372036854775807 -9223372036854775808 [k|00042]<";
	size_t hl = strlen(head);
	ck_assert_uint_eq(s.len, hl + 5000 + 1);
	ck_assert_int_eq(memcmp(s.data, head, hl), 0);
	ck_assert_int_eq(memcmp(s.data + hl, long_s, 5000), 0);
	ck_assert_int_eq(s.data[hl + 5000], '>');
	free(long_s);
	free(o.buf);
	free(s.data);
}
END_TEST

START_TEST(test_out__in_place)
{
	gp_out o;
	sink s;
	open_out(&o, &s);
	char *b = malloc(GP_OUT_BUFSIZE);
	memset(b, '.', GP_OUT_BUFSIZE);
	ck_assert_int_eq(gp_out_write(&o, b, GP_OUT_BUFSIZE - 3), GEOPOL_OK);
	/* 8 bytes do not fit the 3 left: the buffer goes first, then room. */
	char *p = gp_out_room(&o, 8);
	ck_assert_int_eq(s.calls, 1);
	p = GP_PUT_LIT(p, "<x a=");
	p = gp_put(p, "\"1\"", 3);
	gp_out_end(&o, p);
	ck_assert_int_eq(gp_out_flush(&o), GEOPOL_OK);
	ck_assert_uint_eq(s.len, GP_OUT_BUFSIZE - 3 + 8);
	ck_assert_int_eq(memcmp(s.data + GP_OUT_BUFSIZE - 3, "<x a=\"1\"", 8), 0);
	free(b);
	free(o.buf);
	free(s.data);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("out");
	TCase *core = tcase_create("core");
	tcase_add_test(core, test_out__buffered_in_order);
	tcase_add_test(core, test_out__large_write_goes_whole);
	tcase_add_test(core, test_out__integers_and_printf);
	tcase_add_test(core, test_out__in_place);
	suite_add_tcase(s, core);
	TCase *errors = tcase_create("errors");
	tcase_add_test(errors, test_out__refusing_writer);
	tcase_add_test(errors, test_out__refused_midway_keeps_what_went);
	suite_add_tcase(s, errors);
	return tu_run(s);
}
