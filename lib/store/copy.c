/*
 * copy.c - geopol_copy: a whole database into another, table by table
 * through each store's whole-table members (store.h), so that a SQLite
 * file and a PostgreSQL database (issue 21) copy into each other in either
 * direction with every version in recorded time and every id kept.
 *
 * The tables, in an order where each refers only to tables before it, are
 * listed once here; a store's derived tables (SQLite's search index and
 * packed blocks) are not copied but rebuilt by the destination as its
 * writes do. The columns of a table are those both stores keep; a column
 * the source has and the destination lacks is an error, never dropped.
 * The destination must hold no facts; the copy is one transaction of it,
 * read from one consistent state of the source.
 */
#include "store/store.h"
#include "store/copy_internal.h"

#include <stdlib.h>
#include <string.h>

/* replace: the destination has rows of its own there from its creation
 * (the curated coding, the built-in relation types), which the source's
 * replace; every other table must be empty. */
static const struct copied_table {
	const char *name;
	int replace;
} tables[] = {
	{"meta", 1},        {"coding", 1},          {"source", 0},        {"entity", 0},
	{"entity_life", 0}, {"entity_xref", 0},     {"entity_attr", 0},   {"name", 0},
	{"membership", 0},  {"membership_attr", 0}, {"relation_type", 1}, {"relation", 0},
	{"event_type", 0},  {"event", 0},           {"event_actor", 0},   {"event_text", 0},
	{"event_detail", 0}, {"citation", 0},
};
#define N_TABLES (sizeof tables / sizeof tables[0])

/* Derived from the tables above, rebuilt, not copied: the SQLite store's
 * search index and packed blocks; the PostgreSQL store's commit clock
 * (schema/pg/003), moved past the stamps copied, and its events' keys
 * (schema/pg/005), which a trigger writes for every event row. */
static const char *const derived[] = {"edge_pack", "edge_pack_state", "name_variant", "search_seq",
				      "geopol_clock", "event_key", NULL};

const char *gp_copy_table(size_t i)
{
	return i < N_TABLES ? tables[i].name : NULL;
}

const char *gp_copy_derived(size_t i)
{
	return derived[i];
}

typedef struct column_list {
	char **v;
	size_t n;
} column_list;

static void columns_free(column_list *c)
{
	for (size_t i = 0; i < c->n; i++)
		free(c->v[i]);
	free(c->v);
	*c = (column_list){0};
}

static int has(const column_list *c, const char *name)
{
	for (size_t i = 0; i < c->n; i++)
		if (strcmp(c->v[i], name) == 0)
			return 1;
	return 0;
}

/* The source's columns of `table` that the destination keeps too, in
 * the source's order, into *common (borrowed from s): every one, or an
 * error naming the first the destination lacks. */
static int common_columns(geopol_db *dst, const char *table, const column_list *s, const column_list *d,
			  const char **common)
{
	for (size_t i = 0; i < s->n; i++) {
		if (!has(d, s->v[i]))
			return gp_error(dst, GEOPOL_EINVAL, "copy: column '%s' of table '%s' has no place in "
					"the destination (a geopol older than the source's?)", s->v[i], table);
		common[i] = s->v[i];
	}
	return GEOPOL_OK;
}

static int stop_at_first(void *ctx, const gp_value *row)
{
	(void)row;
	*(int *)ctx = 1;
	return 1;
}

typedef struct copying {
	geopol_db *dst;
	int64_t rows;
} copying;

static int copy_row(void *ctx, const gp_value *row)
{
	copying *c = ctx;
	int rc = gp_store_of(c->dst)->table_write_row(c->dst, row);
	if (!rc)
		c->rows++;
	return rc;
}

/* The destination holds none of the source's kind of rows yet. */
static int check_empty(geopol_db *dst, const char *table, const char *const *cols, size_t n)
{
	int any = 0;
	int rc = gp_store_of(dst)->table_read(dst, table, cols, n, stop_at_first, &any);
	if (rc)
		return rc;
	if (any)
		return gp_error(dst, GEOPOL_ECONFLICT, "copy: the destination is not empty (table '%s' "
				"has rows): copy into a new database", table);
	return GEOPOL_OK;
}

static int copy_table(geopol_db *dst, geopol_db *src, const struct copied_table *t, int64_t *rows)
{
	const gp_store *in = gp_store_of(src), *out = gp_store_of(dst);
	column_list s = {0}, d = {0};
	int rc = in->table_columns(src, t->name, &s.v, &s.n);
	if (rc) {
		if (src != dst)
			gp_error(dst, rc, "copy: reading the source: %s", geopol_errmsg(src));
		return rc;
	}
	if (!(rc = out->table_columns(dst, t->name, &d.v, &d.n))) {
		const char **cols = calloc(s.n, sizeof *cols);
		rc = cols ? common_columns(dst, t->name, &s, &d, cols) : gp_oom(dst);
		if (!rc && !t->replace)
			rc = check_empty(dst, t->name, cols, s.n);
		if (!rc)
			rc = out->table_write_begin(dst, t->name, cols, s.n, t->replace);
		if (!rc) {
			copying c = {dst, 0};
			rc = in->table_read(src, t->name, cols, s.n, copy_row, &c);
			if (rc && src->errmsg[0] && !dst->errmsg[0])
				gp_error(dst, rc, "copy: reading the source: %s", geopol_errmsg(src));
			int end = out->table_write_end(dst, rc == GEOPOL_OK);
			rc = rc ? rc : end;
			*rows += c.rows;
		}
		free(cols);
	}
	columns_free(&s);
	columns_free(&d);
	return rc;
}

int geopol_copy(geopol_db *dst, geopol_db *src, int64_t *rows)
{
	if (rows)
		*rows = 0;
	if (!dst || !src)
		return GEOPOL_EMISUSE;
	gp_clear_error(dst);
	gp_clear_error(src);
	if (dst == src)
		return gp_error(dst, GEOPOL_EMISUSE, "copy: the source and the destination are one handle");
	if (src->txn_depth || dst->txn_depth)
		return gp_error(dst, GEOPOL_EMISUSE, "copy: a transaction is open on %s: end it first",
				src->txn_depth ? "the source" : "the destination");
	int rc = geopol_begin(dst);
	if (rc)
		return rc;
	int64_t n = 0;
	if ((rc = gp_store_of(src)->read_txn(src, 0)))
		gp_error(dst, rc, "copy: reading the source: %s", geopol_errmsg(src));
	else {
		for (size_t i = 0; !rc && i < N_TABLES; i++)
			rc = copy_table(dst, src, &tables[i], &n);
		gp_store_of(src)->read_txn(src, 1);
	}
	if (rc) {
		/* The rollback must not take the message along. */
		char keep[GP_ERRMSG_SIZE];
		memcpy(keep, dst->errmsg, sizeof keep);
		geopol_rollback(dst);
		memcpy(dst->errmsg, keep, sizeof keep);
		dst->errstatus = rc;
		return rc;
	}
	if ((rc = geopol_commit(dst))) {
		geopol_rollback(dst);
		return rc;
	}
	if (rows)
		*rows = n;
	return GEOPOL_OK;
}
