/*
 * diff.c - what changed between two dates: memberships joined and left,
 * relations started and ended, events in between.
 *
 * A membership "joined" when it holds at D2 and no row of the same
 * (organization, member, role) holds at D1; "left" the other way round. So
 * a state that left and rejoined between the dates shows no change, and a
 * change of role shows as one left and one joined.
 */
#include "query/query_internal.h"
#include "store/sql_internal.h"

int geopol_diff(geopol_iter **out, geopol_db *db, geopol_date d1, geopol_date d2,
		const char *entity, const geopol_query *q)
{
	static const char joined[] = GP_SQL_DIFF_JOINED;
	static const char left[] = GP_SQL_DIFF_LEFT;
	static const char started[] = GP_SQL_DIFF_STARTED;
	static const char ended[] = GP_SQL_DIFF_ENDED;
	static const char events[] = GP_SQL_DIFF_EVENTS;
	gp_phased *s;
	int rc = gp_query_begin(out, db, q, &s);
	if (rc)
		return rc;
	if (entity && (rc = gp_entity_id(db, entity, "entity", &s->p.ent)))
		return gp_query_fail(s, rc);
	if (!d1.precision || !d2.precision)
		return gp_query_fail(s, gp_error(db, GEOPOL_EINVAL, "diff: both dates are required"));
	if (d2.day <= d1.day)
		return gp_query_fail(s, gp_error(db, GEOPOL_EINVAL,
					"diff: the second date must come after the first"));
	gp_at_span(d1, &s->p.d1lo, &s->p.d1hi);
	gp_at_span(d2, &s->p.d2lo, &s->p.d2hi);
	gp_phase_add(s, joined, GP_READ_MEMBERSHIP, GP_SPAN_D2, GEOPOL_CHANGE_JOINED);
	gp_phase_add(s, left, GP_READ_MEMBERSHIP, GP_SPAN_D1, GEOPOL_CHANGE_LEFT);
	gp_phase_add(s, started, GP_READ_RELATION, GP_SPAN_D2, GEOPOL_CHANGE_RELATION_STARTED);
	gp_phase_add(s, ended, GP_READ_RELATION, GP_SPAN_D1, GEOPOL_CHANGE_RELATION_ENDED);
	gp_phase_add(s, events, GP_READ_EVENT, GP_SPAN_WINDOW, GEOPOL_CHANGE_EVENT);
	return gp_phased_start(out, db, s);
}
