/*
 * check_export_focus.c - what an export keeps (lib/io/export_focus.c), on
 * a chain pp - AAA - BBB - CCC - DDD - ORG: the entities within `depth` hops
 * of the centre and every edge between two of them; the kinds, the
 * organizations and the relation types let in before the hops are
 * counted; the organizations as the centre when no `around` is given; an
 * edge that does not hold at the date is no hop; an unknown centre and an
 * organization that is not one refused before a byte is written.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "test_util.h"

static const char *const CHAIN =
	"{\"format\":\"geopol-dataset\",\"version\":1,"
	"\"entities\":[{\"code\":\"ORG\",\"kind\":\"organization\"},{\"code\":\"AAA\",\"kind\":\"state\"},"
	"{\"code\":\"BBB\",\"kind\":\"state\"},{\"code\":\"CCC\",\"kind\":\"state\"},"
	"{\"code\":\"DDD\",\"kind\":\"state\"},{\"code\":\"pp\",\"kind\":\"person\"}],"
	"\"memberships\":[{\"org\":\"ORG\",\"member\":\"DDD\",\"from\":\"2000-01-01\"}],"
	"\"relations\":[{\"a\":\"AAA\",\"b\":\"BBB\",\"type\":\"sanctions\",\"from\":\"2000-01-01\"},"
	"{\"a\":\"BBB\",\"b\":\"CCC\",\"type\":\"strategic_partnership\",\"from\":\"2000-01-01\"},"
	"{\"a\":\"CCC\",\"b\":\"DDD\",\"type\":\"sanctions\",\"from\":\"2000-01-01\",\"to\":\"2010-01-01\"},"
	"{\"a\":\"pp\",\"b\":\"AAA\",\"type\":\"head_of_state\",\"from\":\"2000-01-01\"}]}";

typedef struct buf {
	char *s;
	size_t len;
	int calls;
} buf;

static int collect(void *ctx, const char *data, size_t len)
{
	buf *b = ctx;
	b->calls++;
	b->s = realloc(b->s, b->len + len + 1);
	memcpy(b->s + b->len, data, len);
	b->len += len;
	b->s[b->len] = '\0';
	return 0;
}

/* The value of "key":"..." in a line, copied to out. */
static void field(const char *line, const char *key, char *out, size_t size)
{
	char pat[32];
	snprintf(pat, sizeof pat, "\"%s\":\"", key);
	const char *p = strstr(line, pat);
	ck_assert_ptr_nonnull(p);
	p += strlen(pat);
	size_t n = strcspn(p, "\"");
	ck_assert_uint_lt(n, size);
	memcpy(out, p, n);
	out[n] = '\0';
}

static int by_str(const void *x, const void *y)
{
	return strcmp(*(char *const *)x, *(char *const *)y);
}

/* The NDJSON export as sorted "E code", "M org member", "R a b" words. */
static char *summary(const char *ndjson)
{
	char *copy = strdup(ndjson), *words[64], *save = NULL;
	size_t n = 0;
	for (char *line = strtok_r(copy, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
		char a[32], b[32], w[80];
		if (strstr(line, "\"record\":\"entity\"")) {
			field(line, "code", a, sizeof a);
			snprintf(w, sizeof w, "E %s", a);
		} else if (strstr(line, "\"record\":\"membership\"")) {
			field(line, "org", a, sizeof a);
			field(line, "member", b, sizeof b);
			snprintf(w, sizeof w, "M %s %s", a, b);
		} else if (strstr(line, "\"record\":\"relation\"")) {
			field(line, "a", a, sizeof a);
			field(line, "b", b, sizeof b);
			snprintf(w, sizeof w, "R %s %s", a, b);
		} else {
			continue;
		}
		ck_assert_uint_lt(n, 64);
		words[n++] = strdup(w);
	}
	qsort(words, n, sizeof *words, by_str);
	char *out = calloc(1, 64 * 80);
	for (size_t i = 0; i < n; i++) {
		if (i)
			strcat(out, ", ");
		strcat(out, words[i]);
		free(words[i]);
	}
	free(copy);
	return out;
}

static geopol_db *chain(void)
{
	geopol_db *db = tu_open();
	ck_assert_int_eq(tu_import(db, CHAIN), GEOPOL_OK);
	return db;
}

/* Export at `at` with o's focus; the summary, or NULL on an error (rc). */
static char *focus(geopol_db *db, geopol_export_options *o, const char *at, int *rc, int *calls)
{
	buf b = {NULL, 0, 0};
	o->format = GEOPOL_FORMAT_NDJSON;
	o->at = tu_date(at);
	*rc = geopol_export(db, o, NULL, collect, &b);
	if (calls)
		*calls = b.calls;
	char *s = *rc ? NULL : summary(b.s ? b.s : "");
	free(b.s);
	return s;
}

static void expect(geopol_db *db, geopol_export_options *o, const char *at, const char *want)
{
	int rc;
	char *got = focus(db, o, at, &rc, NULL);
	ck_assert_int_eq(rc, GEOPOL_OK);
	ck_assert_str_eq(got, want);
	free(got);
}

START_TEST(test_export_focus__hops)
{
	geopol_db *db = chain();
	static const char *const aaa[] = {"AAA"};
	geopol_export_options o = GEOPOL_EXPORT_OPTIONS_INIT;
	o.around = aaa;
	o.n_around = 1;
	o.depth = 0; /* 1 */
	expect(db, &o, "2005-01-01", "E AAA, E BBB, E pp, R AAA BBB, R pp AAA");
	o.depth = 2;
	expect(db, &o, "2005-01-01", "E AAA, E BBB, E CCC, E pp, R AAA BBB, R BBB CCC, R pp AAA");
	o.depth = 3;
	expect(db, &o, "2005-01-01",
	       "E AAA, E BBB, E CCC, E DDD, E pp, R AAA BBB, R BBB CCC, R CCC DDD, R pp AAA");
	o.depth = 4;
	expect(db, &o, "2005-01-01",
	       "E AAA, E BBB, E CCC, E DDD, E ORG, E pp, M ORG DDD, R AAA BBB, R BBB CCC, R CCC DDD, R pp AAA");
	/* In 2012 CCC - DDD has ended: DDD and ORG are out of reach. */
	expect(db, &o, "2012-01-01", "E AAA, E BBB, E CCC, E pp, R AAA BBB, R BBB CCC, R pp AAA");
	geopol_close(db);
}
END_TEST

START_TEST(test_export_focus__filters_first)
{
	geopol_db *db = chain();
	geopol_export_options o = GEOPOL_EXPORT_OPTIONS_INIT;
	/* No centre: the kinds alone; isolated entities stay. */
	o.kinds = GEOPOL_KIND_BIT(GEOPOL_KIND_STATE);
	expect(db, &o, "2005-01-01",
	       "E AAA, E BBB, E CCC, E DDD, R AAA BBB, R BBB CCC, R CCC DDD");
	/* Only sanctions: BBB's partnership is no hop. */
	static const char *const sanctions[] = {"sanctions"}, *const bbb[] = {"BBB"};
	o.kinds = 0;
	o.types = sanctions;
	o.n_types = 1;
	o.around = bbb;
	o.n_around = 1;
	o.depth = 3;
	expect(db, &o, "2005-01-01", "E AAA, E BBB, R AAA BBB");
	/* The organizations as the centre. */
	static const char *const org[] = {"ORG"};
	geopol_export_options p = GEOPOL_EXPORT_OPTIONS_INIT;
	p.orgs = org;
	p.n_orgs = 1;
	expect(db, &p, "2005-01-01", "E DDD, E ORG, M ORG DDD");
	p.depth = 2;
	expect(db, &p, "2005-01-01", "E CCC, E DDD, E ORG, M ORG DDD, R CCC DDD");
	geopol_close(db);
}
END_TEST

START_TEST(test_export_focus__errors_write_nothing)
{
	geopol_db *db = chain();
	static const char *const zzz[] = {"ZZZ"}, *const aaa[] = {"AAA"};
	geopol_export_options o = GEOPOL_EXPORT_OPTIONS_INIT;
	o.around = zzz;
	o.n_around = 1;
	int rc, calls = -1;
	ck_assert_ptr_null(focus(db, &o, "2005-01-01", &rc, &calls));
	ck_assert_int_eq(rc, GEOPOL_ENOTFOUND);
	ck_assert_int_eq(calls, 0);
	ck_assert_ptr_nonnull(strstr(geopol_errmsg(db), "ZZZ"));
	geopol_export_options p = GEOPOL_EXPORT_OPTIONS_INIT;
	p.orgs = aaa;
	p.n_orgs = 1;
	ck_assert_ptr_null(focus(db, &p, "2005-01-01", &rc, &calls));
	ck_assert_int_eq(rc, GEOPOL_EINVAL);
	ck_assert_int_eq(calls, 0);
	ck_assert_ptr_nonnull(strstr(geopol_errmsg(db), "AAA"));
	geopol_close(db);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("export_focus");
	TCase *core = tcase_create("core");
	tcase_add_test(core, test_export_focus__hops);
	tcase_add_test(core, test_export_focus__filters_first);
	suite_add_tcase(s, core);
	TCase *errors = tcase_create("errors");
	tcase_add_test(errors, test_export_focus__errors_write_nothing);
	suite_add_tcase(s, errors);
	return tu_run(s);
}
