/*
 * sqlite_store.c - the SQLite store (store.h): the rows of an "at D"
 * question from the in-memory index when the handle has a fresh one and
 * the question is one it holds (current knowledge, the default
 * memberships), else from the named SQL of store/sql_internal.h, whose
 * plans tests/check_plans.c checks.
 */
#include "store/store.h"
#include "store/sqlite_internal.h"
#include "store/memindex_internal.h"
#include "store/params.h"
#include "store/sql_internal.h"

#include <stdlib.h>

/* ---- rows from a statement */

typedef struct sql_cursor {
	gp_row_cursor base;          /* first: the store's cursor */
	geopol_db *db;
	sqlite3_stmt *st;
	int kind, pairs;
} sql_cursor;

static int sql_next(gp_row_cursor *c, gp_edge_row *rows)
{
	sql_cursor *s = (sql_cursor *)c;
	int rc = sqlite3_step(s->st);
	if (rc == SQLITE_DONE)
		return GEOPOL_ITEROVER;
	if (rc != SQLITE_ROW)
		return gp_sql_error(s->db, "running a query");
	gp_edge_row_read(&rows[0], s->kind, s->st, 0, 0);
	if (s->pairs)
		gp_edge_row_read(&rows[1], s->kind, s->st, GP_MEMBERSHIP_NCOLS, 0);
	return GEOPOL_OK;
}

static void sql_free(gp_row_cursor *c)
{
	sql_cursor *s = (sql_cursor *)c;
	gp_stmt_give(s->db, s->st);
	free(s);
}

static const char *spells_sql(const gp_spells_query *q)
{
	static const char members[] = GP_SQL_MEMBERS;
	static const char memberships[] = GP_SQL_MEMBERSHIPS;
	static const char common[] = GP_SQL_COMMON;
	static const char relations_one[] = GP_SQL_RELATIONS_ONE;
	static const char relations_two[] = GP_SQL_RELATIONS_TWO;
	static const char pledges[] = GP_SQL_PLEDGES;
	switch (q->what) {
	case GP_SPELLS_MEMBERS: return members;
	case GP_SPELLS_MEMBERSHIPS: return memberships;
	case GP_SPELLS_COMMON: return common;
	case GP_SPELLS_PLEDGES: return pledges;
	default: return q->other ? relations_two : relations_one;
	}
}

static int sql_spells(gp_row_cursor **out, geopol_db *db, const gp_spells_query *q)
{
	sql_cursor *s = calloc(1, sizeof *s);
	if (!s)
		return gp_oom(db);
	*s = (sql_cursor){{sql_next, sql_free, NULL}, db, NULL,
			  q->what == GP_SPELLS_RELATIONS ? GEOPOL_FACT_RELATION : GEOPOL_FACT_MEMBERSHIP,
			  q->what == GP_SPELLS_COMMON || q->what == GP_SPELLS_PLEDGES};
	gp_params p = {.ent = q->ent, .other = q->other, .dlo = q->dlo, .dhi = q->dhi,
		       .k = q->q->known_at, .stages = q->q->stages, .cshadow = q->q->shadow,
		       .coding = q->q->coding, .type = q->type,
		       .defonly = (q->q->flags & GEOPOL_DEFINITE_ONLY) != 0, .lang = q->q->lang};
	int rc = (s->st = gp_stmt_take(db, spells_sql(q))) ? gp_bind_params(db, s->st, &p)
							   : gp_stmt_failed(db);
	if (rc) {
		sql_free(&s->base);
		return rc;
	}
	*out = &s->base;
	return GEOPOL_OK;
}

/* ---- the rows a check names (gp_store.audit) */

static const char audit_clipped_m[] = GP_SQL_CLIPPED_M;
static const char audit_clipped_r[] = GP_SQL_CLIPPED_R;
static const char audit_uncited_m[] = GP_SQL_UNCITED_M_AT(":k");
static const char audit_uncited_r[] = GP_SQL_UNCITED_R_AT(":k");

static int audit(gp_row_cursor **out, geopol_db *db, int what, int kind, int64_t k)
{
	*out = NULL;
	int rel = kind == GEOPOL_FACT_RELATION;
	if ((what != GP_AUDIT_CLIPPED && what != GP_AUDIT_UNCITED) ||
	    (!rel && kind != GEOPOL_FACT_MEMBERSHIP))
		return gp_error(db, GEOPOL_EINTERNAL, "internal: no audit %d of kind %d", what, kind);
	const char *sql = what == GP_AUDIT_CLIPPED ? (rel ? audit_clipped_r : audit_clipped_m)
						   : (rel ? audit_uncited_r : audit_uncited_m);
	sql_cursor *s = calloc(1, sizeof *s);
	if (!s)
		return gp_oom(db);
	*s = (sql_cursor){{sql_next, sql_free, NULL}, db, NULL, kind, 0};
	gp_params p = {.k = k};
	int rc = (s->st = gp_stmt_take(db, sql)) ? gp_bind_params(db, s->st, &p) : gp_stmt_failed(db);
	if (rc) {
		sql_free(&s->base);
		return rc;
	}
	*out = &s->base;
	return GEOPOL_OK;
}

/* ---- the in-memory index, when it can answer */

/* *out stays NULL when the index cannot answer: SQL does. */
static int index_spells(gp_row_cursor **out, geopol_db *db, const gp_spells_query *q)
{
	/* The index keeps no obligations: pledges are SQL's. */
	if (!q->q->current || !q->q->plain || q->what == GP_SPELLS_PLEDGES)
		return GEOPOL_OK;
	gp_memindex *mi = gp_memindex_acquire(db, 1);
	if (!mi)
		return GEOPOL_OK;
	int64_t ent = gp_memindex_entity(mi, q->ent);
	int64_t other = q->other ? gp_memindex_entity(mi, q->other) : -1;
	if (ent < 0 || (q->other && other < 0)) {
		/* Not in the index: cannot happen for a fresh one; SQL answers. */
		gp_memindex_release(mi);
		return GEOPOL_OK;
	}
	return gp_memindex_spells(out, db, mi, q->what, ent, other, q->dlo, q->dhi);
}

static int spells(gp_row_cursor **out, geopol_db *db, const gp_spells_query *q)
{
	*out = NULL;
	int rc = index_spells(out, db, q);
	if (rc || *out)
		return rc;
	return sql_spells(out, db, q);
}

/* ---- writes */

/* BEGIN takes the write lock now rather than at the first write: a
 * deferred transaction that has read cannot wait for another writer
 * (SQLite gives SQLITE_BUSY at once, the busy timeout never applies),
 * while BEGIN IMMEDIATE waits for it. */
static int begin_write(geopol_db *db)
{
	if (gp_exec(db, "BEGIN IMMEDIATE") == GEOPOL_OK)
		return GEOPOL_OK;
	if (sqlite3_errcode(db->sql) == SQLITE_BUSY || sqlite3_errcode(db->sql) == SQLITE_LOCKED)
		return gp_error(db, GEOPOL_EBUSY,
				"cannot start writing: another connection holds the write lock "
				"(waited %d ms, the busy timeout)", db->busy_ms);
	return gp_sql_error(db, "cannot start writing");
}

static int txn(geopol_db *db, int step)
{
	switch (step) {
	case GP_TXN_BEGIN: return begin_write(db);
	case GP_TXN_COMMIT: return gp_exec(db, "COMMIT");
	case GP_TXN_ROLLBACK: return gp_exec(db, "ROLLBACK");
	case GP_TXN_SAVEPOINT: return gp_exec(db, "SAVEPOINT gp_write");
	case GP_TXN_RELEASE: return gp_exec(db, "RELEASE gp_write");
	case GP_TXN_UNDO: {
		int rc = gp_exec(db, "ROLLBACK TO gp_write");
		int rc2 = gp_exec(db, "RELEASE gp_write");
		return rc ? rc : rc2;
	}
	default: return gp_error(db, GEOPOL_EINTERNAL, "internal: no transaction step %d", step);
	}
}

static int in_txn(const geopol_db *db)
{
	return !sqlite3_get_autocommit(db->sql);
}

/* SQLite has no clock of its own: the process's. */
static int64_t now(const geopol_db *db)
{
	(void)db;
	return gp_clock_real();
}

/* A diff's window of days a chunk at a time (sqlite_event_window.c); the
 * other questions event by event (sqlite_events.c). */
static int events(gp_event_cursor **out, geopol_db *db, const gp_events_query *q)
{
	return q->what == GP_EVENTS_WINDOW ? gp_sqlite_event_window(out, db, q)
					   : gp_sqlite_events(out, db, q);
}

/* Any path that no store before it claimed is a file name (or
 * ":memory:") for SQLite. */
static int claims(const char *path)
{
	(void)path;
	return 1;
}

const gp_store gp_sqlite_store = {
	.version = GP_STORE_VERSION,
	.name = "sqlite",
	.claims = claims,
	.open = gp_sqlite_open,
	.close = gp_sqlite_close,
	.schema_version = gp_sqlite_schema_version,
	.spells = spells,
	.scan = gp_sqlite_scan,
	.walk = gp_sqlite_walk,
	.events = events,
	.entities = gp_sqlite_entities,
	.size = gp_sqlite_size,
	.relation_types = gp_sqlite_relation_types,
	.shadowed = gp_sqlite_shadowed,
	.source_get = gp_sqlite_source_get,
	.cites = gp_sqlite_cites,
	.coding_rank = gp_sqlite_coding_rank,
	.txn = txn,
	.bulk = gp_sqlite_bulk,
	.in_txn = in_txn,
	.now = now,
	.find = gp_sqlite_find,
	.entity_add = gp_sqlite_entity_add,
	.source_add = gp_sqlite_source_add,
	.xref_add = gp_sqlite_xref_add,
	.type_add = gp_sqlite_type_add,
	.fact_add = gp_sqlite_fact_add,
	.event_parts = gp_sqlite_event_parts,
	.fact_current = gp_sqlite_fact_current,
	.fact_close = gp_sqlite_fact_close,
	.cite_add = gp_sqlite_cite_add,
	.cites_copy = gp_sqlite_cites_copy,
	.coding_rank_set = gp_sqlite_coding_rank_set,
	.names = gp_sqlite_names,
	.audit = audit,
	.citations = gp_sqlite_citations,
	.entity_attrs = gp_sqlite_entity_attrs,
	.membership_attrs = gp_sqlite_membership_attrs,
	.read_txn = gp_sqlite_read_txn,
	.name_keys = gp_sqlite_name_keys,
	.candidate = gp_sqlite_candidate,
	.table_columns = gp_sqlite_table_columns,
	.table_read = gp_sqlite_table_read,
	.table_write_begin = gp_sqlite_table_write_begin,
	.table_write_row = gp_sqlite_table_write_row,
	.table_write_end = gp_sqlite_table_write_end,
	.check_rows = gp_sqlite_check_rows,
	.release_begin = gp_sqlite_release_begin,
	.release_note = gp_sqlite_release_note,
	.release_mark = gp_sqlite_release_mark,
	.release_seen = gp_sqlite_release_seen,
	.release_end = gp_sqlite_release_end,
	.look = gp_sqlite_look,
	.fact_copy = gp_sqlite_fact_copy,
	.import_put = gp_sqlite_import_put,
	.panel = gp_sqlite_panel,
};
