/*
 * sqlite_row.c - a membership or relation row of a SQLite statement into a
 * gp_edge_row, by the offsets core/row.h derives from its column lists;
 * and the entities' lives an answer clips such a row to (store.h).
 */
#include "store/store.h"

#include <stdlib.h>

static const char *text(sqlite3_stmt *st, int c)
{
	return (const char *)sqlite3_column_text(st, c);
}

static void read_when(gp_edge_row *r, sqlite3_stmt *st, int flo, int fhi, int fprec, int tlo,
		      int thi, int tprec)
{
	r->when.flo = sqlite3_column_int64(st, flo);
	r->when.fhi = sqlite3_column_int64(st, fhi);
	r->when.fprec = sqlite3_column_int(st, fprec);
	r->when.tlo = sqlite3_column_int64(st, tlo);
	r->when.thi = sqlite3_column_int64(st, thi);
	r->when.tprec = sqlite3_column_int(st, tprec);
}

/* The two entity columns: codes in the joined form, ids in the raw one. */
static void read_ends(gp_edge_row *r, sqlite3_stmt *st, int a, int b, int raw)
{
	r->a_life = r->b_life = NULL;
	if (raw) {
		r->a_id = sqlite3_column_int64(st, a);
		r->b_id = sqlite3_column_int64(st, b);
		r->a = r->b = NULL;
	} else {
		r->a_id = r->b_id = 0;
		r->a = text(st, a);
		r->b = text(st, b);
	}
}

void gp_edge_row_read(gp_edge_row *r, int kind, sqlite3_stmt *st, int c, int raw)
{
	r->kind = kind;
	if (kind == GEOPOL_FACT_MEMBERSHIP) {
		r->id = sqlite3_column_int64(st, c + GP_MC_ID);
		r->fact_id = sqlite3_column_int64(st, c + GP_MC_FACT);
		read_ends(r, st, c + GP_MC_A, c + GP_MC_B, raw);
		r->role = sqlite3_column_int(st, c + GP_MC_ROLE);
		read_when(r, st, c + GP_MC_FLO, c + GP_MC_FHI, c + GP_MC_FPREC, c + GP_MC_TLO,
			  c + GP_MC_THI, c + GP_MC_TPREC);
		r->rec_from = sqlite3_column_int64(st, c + GP_MC_REC);
		r->stage = sqlite3_column_int(st, c + GP_MC_STAGE);
		r->coding = text(st, c + GP_MC_CODING);
		r->type = r->attrs = NULL;
		r->directed = 0;
		return;
	}
	r->id = sqlite3_column_int64(st, c + GP_RC_ID);
	r->fact_id = sqlite3_column_int64(st, c + GP_RC_FACT);
	read_ends(r, st, c + GP_RC_A, c + GP_RC_B, raw);
	r->type = text(st, c + GP_RC_TYPE);
	r->directed = sqlite3_column_int(st, c + GP_RC_DIRECTED);
	r->attrs = text(st, c + GP_RC_ATTRS);
	read_when(r, st, c + GP_RC_FLO, c + GP_RC_FHI, c + GP_RC_FPREC, c + GP_RC_TLO,
		  c + GP_RC_THI, c + GP_RC_TPREC);
	r->rec_from = sqlite3_column_int64(st, c + GP_RC_REC);
	r->role = r->stage = 0;
	r->coding = NULL;
}

/* ---- no edge without its nodes: the lives an answer clips its rows to */

/* The life of the entity `code` as known at l->k (the snapshot's, GP_SQL_LIFE),
 * looked up once per question and entity. 1: found, 0: no such entity. */
static int entity_life(geopol_db *db, gp_lives *l, const char *code, gp_span *out)
{
	int64_t ix;
	if (gp_cache_get(&l->ix, code, &ix, NULL)) {
		*out = l->v[ix];
		return 1;
	}
	sqlite3_stmt *st = gp_stmt(db, "SELECT " GP_SQL_LIFE("from_lo") ", " GP_SQL_LIFE("from_hi") ", "
				   GP_SQL_LIFE("to_lo") ", " GP_SQL_LIFE("to_hi") ", " GP_SQL_LIFE("from_prec")
				   ", " GP_SQL_LIFE("to_prec") " FROM entity x WHERE x.code = :code");
	if (!st)
		return gp_stmt_failed(db);
	sqlite3_bind_int64(st, sqlite3_bind_parameter_index(st, ":k"), l->k);
	sqlite3_bind_text(st, sqlite3_bind_parameter_index(st, ":code"), code, -1, SQLITE_TRANSIENT);
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		*out = (gp_span){sqlite3_column_int64(st, 0), sqlite3_column_int64(st, 1),
				 sqlite3_column_int64(st, 2), sqlite3_column_int64(st, 3),
				 sqlite3_column_int(st, 4), sqlite3_column_int(st, 5)};
	sqlite3_reset(st);
	if (rc != SQLITE_ROW)
		return rc == SQLITE_DONE ? 0 : gp_sql_error(db, "reading an entity's life");
	if (l->n == l->cap) {
		size_t cap = l->cap ? l->cap * 2 : 16;
		gp_span *p = realloc(l->v, cap * sizeof *p);
		if (!p)
			return 1; /* not kept: asked again next time */
		l->v = p;
		l->cap = cap;
	}
	l->v[l->n] = *out;
	gp_cache_put(&l->ix, code, (int64_t)l->n++, 0);
	return 1;
}

void gp_lives_free(gp_lives *l)
{
	gp_cache_clear(&l->ix);
	free(l->v);
}

/* No edge without its nodes (issue 12 point 4): the row's interval clipped
 * to the lives of its two entities as known at k (gp_clip_answer, row.h),
 * as the snapshot and the exports clip it (gp_clip). What the model means to precede or outlive a
 * life is clipped to the one entity that must live (geopol check's
 * "clipped" rule leaves the same out): a treaty signed or ratified before
 * its organization exists, to the member's life; a succession, whose
 * predecessor has ended by definition, to the successor's. (The snapshot
 * has no edge without both nodes, so it leaves those out.)
 * 1: something is left, 0: nothing, < 0: error. */
int gp_clip_row_lives(geopol_db *db, gp_lives *l, gp_edge_row *r)
{
	if (r->a_life && r->b_life)
		return gp_clip_answer(r, r->a_life, r->b_life);
	gp_span a, b;
	int fa = r->a_life ? (a = *r->a_life, 1) : entity_life(db, l, r->a, &a);
	if (fa < 0)
		return fa;
	int fb = r->b_life ? (b = *r->b_life, 1) : entity_life(db, l, r->b, &b);
	if (fb < 0)
		return fb;
	if (!fa || !fb)
		return 1; /* cannot happen: the rows join their entities */
	return gp_clip_answer(r, &a, &b);
}
