/*
 * params.h - a question as the store runs it: the named parameters of its
 * SQL (:ent, :dlo, :k...), bound by name from one gp_params (params.c).
 */
#ifndef GEOPOL_PARAMS_H
#define GEOPOL_PARAMS_H

#include "core/geopol_internal.h"

typedef struct gp_params {
	int64_t ent, other;           /* entity ids; 0 binds NULL */
	int64_t dlo, dhi;             /* the "at" span, first and last day */
	int64_t d1lo, d1hi, d2lo, d2hi;
	int64_t k;                    /* recorded time asked */
	int64_t limit;
	int64_t kind;                 /* 0 binds NULL */
	int64_t defonly;              /* 1: GEOPOL_DEFINITE_ONLY asked */
	int64_t quad;                 /* an event's QuadClass; 0 binds NULL */
	int64_t stages, cshadow;      /* memberships: gp_q's stages and shadow */
	int64_t after;                /* rows read so far: ids up to it (chunked scans) */
	const char *type, *text, *lang;
	const char *coding;           /* memberships: the coding asked, or NULL */
} gp_params;

/* Bind every parameter st names from p (GEOPOL_EINTERNAL for a name p lacks: a bug). */
int gp_bind_params(geopol_db *db, sqlite3_stmt *st, const gp_params *p);

#endif
