/*
 * sqlite_row.c - a membership or relation row of a SQLite statement into a
 * gp_edge_row, by the offsets core/row.h derives from its column lists.
 */
#include "core/geopol_internal.h"

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
