/*
 * temporal.c - the parts of the temporal rules (temporal.h) that are not
 * one-line predicates: the day span of an "at" date, and clipping a fact
 * to the lives of its entities.
 */
#include "core/temporal.h"
#include "core/row.h"

#include <stdint.h>
#include <string.h>

void gp_at_span(geopol_date at, int64_t *lo, int64_t *hi)
{
	if (!at.precision)
		at = geopol_date_today();
	*lo = at.day;
	*hi = geopol_date_last_day(at);
}

/* The later of two starts: exact bounds, the precision of the one that
 * starts later (ties: keep f's). */
static void later_start(gp_span *f, int64_t lo, int64_t hi, int prec)
{
	if (lo > f->flo || (lo == f->flo && hi > f->fhi))
		f->fprec = prec;
	if (lo > f->flo)
		f->flo = lo;
	if (hi > f->fhi)
		f->fhi = hi;
}

static void earlier_end(gp_span *f, int64_t lo, int64_t hi, int prec)
{
	if (lo < f->tlo || (lo == f->tlo && hi < f->thi))
		f->tprec = prec;
	if (lo < f->tlo)
		f->tlo = lo;
	if (hi < f->thi)
		f->thi = hi;
}

int gp_clip(gp_span *f, const gp_span *a, const gp_span *b, int *changed)
{
	gp_span was = *f;
	later_start(f, a->flo, a->fhi, a->fprec);
	later_start(f, b->flo, b->fhi, b->fprec);
	earlier_end(f, a->tlo, a->thi, a->tprec);
	earlier_end(f, b->tlo, b->thi, b->tprec);
	if (changed)
		*changed = was.flo != f->flo || was.fhi != f->fhi || was.tlo != f->tlo ||
			   was.thi != f->thi || was.fprec != f->fprec || was.tprec != f->tprec;
	/* Empty when no reading of the ends leaves a day between them. */
	return f->flo < f->thi;
}

const gp_span gp_life_unbounded = {INT64_MIN, INT64_MIN, INT64_MAX, INT64_MAX, 0, 0};

/* No edge without its nodes, in an answer: row.h. */
int gp_clip_answer(gp_edge_row *r, const gp_span *a, const gp_span *b)
{
	if (gp_lives_unbounded(a, b))
		return 1; /* what gp_clip would find, without the work */
	if (r->kind == GEOPOL_FACT_MEMBERSHIP &&
	    (r->stage == GEOPOL_STAGE_SIGNED || r->stage == GEOPOL_STAGE_RATIFIED))
		return gp_clip(&r->when, b, b, NULL);
	if (r->kind == GEOPOL_FACT_RELATION && r->type &&
	    (strcmp(r->type, "successor_of") == 0 || strcmp(r->type, "continuator_of") == 0))
		return gp_clip(&r->when, a, a, NULL);
	return gp_clip(&r->when, a, b, NULL);
}
