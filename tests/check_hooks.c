/*
 * check_hooks.c - the commit and close hooks of a handle (lib/store/hooks.c):
 * commit hooks run once for an autocommit write and once for a whole
 * transaction, in the order registered, never for a rollback or a refused
 * write; registering a function again only replaces its ctx; close hooks run
 * at geopol_close in the reverse order; the table's limit is an error.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "test_util.h"
#include "core/geopol_internal.h"

static char log_[256];

static void note(const char *what)
{
	strncat(log_, what, sizeof log_ - strlen(log_) - 1);
}

static void commit_a(geopol_db *db, void *ctx)
{
	(void)db;
	note(ctx ? ctx : "a");
}

static void commit_b(geopol_db *db, void *ctx)
{
	(void)db;
	(void)ctx;
	note("b");
}

static void close_x(geopol_db *db, void *ctx)
{
	(void)db;
	(void)ctx;
	note("X");
}

static void close_y(geopol_db *db, void *ctx)
{
	(void)db;
	(void)ctx;
	note("Y");
}

static int add_state(geopol_db *db, const char *code)
{
	geopol_entity_spec e = GEOPOL_ENTITY_SPEC_INIT;
	e.kind = GEOPOL_KIND_STATE;
	e.code = code;
	return geopol_entity_add(db, &e);
}

START_TEST(test_hooks__commit_once_per_write_or_transaction)
{
	geopol_db *db = tu_open();
	log_[0] = '\0';
	ck_assert_int_eq(gp_on_commit(db, commit_a, NULL), GEOPOL_OK);
	ck_assert_int_eq(gp_on_commit(db, commit_b, NULL), GEOPOL_OK);
	/* An autocommit write: one commit, the hooks in the order registered. */
	ck_assert_int_eq(add_state(db, "AAA"), GEOPOL_OK);
	ck_assert_str_eq(log_, "ab");
	/* Three writes in one transaction: nothing until the commit, then once. */
	log_[0] = '\0';
	ck_assert_int_eq(geopol_begin(db), GEOPOL_OK);
	ck_assert_int_eq(add_state(db, "BBB"), GEOPOL_OK);
	ck_assert_int_eq(add_state(db, "CCC"), GEOPOL_OK);
	ck_assert_int_eq(add_state(db, "DDD"), GEOPOL_OK);
	ck_assert_str_eq(log_, "");
	ck_assert_int_eq(geopol_commit(db), GEOPOL_OK);
	ck_assert_str_eq(log_, "ab");
	/* A rollback and a refused write commit nothing. */
	log_[0] = '\0';
	ck_assert_int_eq(geopol_begin(db), GEOPOL_OK);
	ck_assert_int_eq(add_state(db, "EEE"), GEOPOL_OK);
	ck_assert_int_eq(geopol_rollback(db), GEOPOL_OK);
	ck_assert_int_eq(add_state(db, "AAA"), GEOPOL_ECONFLICT);
	ck_assert_str_eq(log_, "");
	geopol_close(db);
}
END_TEST

START_TEST(test_hooks__same_function_replaces_ctx)
{
	geopol_db *db = tu_open();
	log_[0] = '\0';
	int n = db->n_hooks;
	ck_assert_int_eq(gp_on_commit(db, commit_a, "1"), GEOPOL_OK);
	ck_assert_int_eq(gp_on_commit(db, commit_a, "2"), GEOPOL_OK);
	ck_assert_int_eq(db->n_hooks, n + 1);
	ck_assert_str_eq(gp_hook_ctx(db, commit_a), "2");
	ck_assert_ptr_null(gp_hook_ctx(db, commit_b));
	ck_assert_int_eq(add_state(db, "AAA"), GEOPOL_OK);
	ck_assert_str_eq(log_, "2");
	/* The same function as a close hook is another hook. */
	ck_assert_int_eq(gp_on_close(db, commit_a, "3"), GEOPOL_OK);
	ck_assert_int_eq(db->n_hooks, n + 2);
	log_[0] = '\0';
	geopol_close(db);
	ck_assert_str_eq(log_, "3");
}
END_TEST

START_TEST(test_hooks__close_in_reverse_order)
{
	geopol_db *db = tu_open();
	log_[0] = '\0';
	ck_assert_int_eq(gp_on_close(db, close_x, NULL), GEOPOL_OK);
	ck_assert_int_eq(gp_on_close(db, close_y, NULL), GEOPOL_OK);
	ck_assert_int_eq(gp_on_commit(db, commit_b, NULL), GEOPOL_OK);
	ck_assert_int_eq(add_state(db, "AAA"), GEOPOL_OK);
	ck_assert_str_eq(log_, "b"); /* close hooks do not run at a commit */
	log_[0] = '\0';
	geopol_close(db);
	ck_assert_str_eq(log_, "YX");
}
END_TEST

static void close_z(geopol_db *db, void *ctx)
{
	(void)db;
	(void)ctx;
	note("Z");
}

START_TEST(test_hooks__limit)
{
	geopol_db *db = tu_open();
	static void (*const fns[])(geopol_db *, void *) = {commit_a, commit_b, close_x, close_y, close_z};
	int before = db->n_hooks, added = 0, rc = GEOPOL_OK;
	/* Ten distinct (kind, function) pairs: more than the table holds. */
	for (int kind = 0; kind < 2 && !rc; kind++)
		for (int i = 0; i < 5 && !rc; i++) {
			rc = kind ? gp_on_close(db, fns[i], NULL) : gp_on_commit(db, fns[i], NULL);
			added += rc == GEOPOL_OK;
		}
	ck_assert_int_eq(rc, GEOPOL_EINTERNAL);
	ck_assert_ptr_nonnull(strstr(geopol_errmsg(db), "too many hooks"));
	ck_assert_int_eq(added, GP_HOOKS_MAX - before);
	ck_assert_int_eq(db->n_hooks, GP_HOOKS_MAX);
	/* Full, a hook already there still takes a new ctx. */
	ck_assert_int_eq(gp_on_commit(db, commit_a, "again"), GEOPOL_OK);
	ck_assert_str_eq(gp_hook_ctx(db, commit_a), "again");
	geopol_close(db);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("hooks");
	TCase *core = tcase_create("core");
	tcase_add_test(core, test_hooks__commit_once_per_write_or_transaction);
	tcase_add_test(core, test_hooks__same_function_replaces_ctx);
	tcase_add_test(core, test_hooks__close_in_reverse_order);
	suite_add_tcase(s, core);
	TCase *errors = tcase_create("errors");
	tcase_add_test(errors, test_hooks__limit);
	suite_add_tcase(s, errors);
	return tu_run(s);
}
