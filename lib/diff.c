/*
 * diff.c - what changed between two dates: memberships joined and left,
 * relations started and ended, events in between.
 *
 * A membership "joined" when it holds at D2 and no row of the same
 * (organization, member, role) holds at D1; "left" the other way round. So
 * a state that left and rejoined between the dates shows no change, and a
 * change of role shows as one left and one joined.
 */
#include "query_internal.h"

#define AT1(t) t ".from_lo <= :d1hi AND " t ".to_hi > :d1lo"
#define AT2(t) t ".from_lo <= :d2hi AND " t ".to_hi > :d2lo"
#define MFROM " FROM membership m JOIN entity o ON o.id = m.org_id JOIN entity e ON e.id = m.member_id "
#define RFROM " FROM relation r JOIN relation_type t ON t.code = r.type " \
	"JOIN entity ea ON ea.id = r.a_id JOIN entity eb ON eb.id = r.b_id "
#define MENT " AND (:ent IS NULL OR m.org_id = :ent OR m.member_id = :ent)"
#define RENT " AND (:ent IS NULL OR r.a_id = :ent OR r.b_id = :ent)"
#define SAME_M(t) t ".org_id = m.org_id AND " t ".member_id = m.member_id AND " t ".role = m.role"
#define SAME_R(t) t ".type = r.type AND ((" t ".a_id = r.a_id AND " t ".b_id = r.b_id) OR " \
	"(t.directed = 0 AND " t ".a_id = r.b_id AND " t ".b_id = r.a_id))"

int geopol_diff(geopol_iter **out, geopol_db *db, geopol_date d1, geopol_date d2,
		const char *entity, const geopol_query *q)
{
	static const char joined[] = "SELECT " GP_MEMBERSHIP_COLS MFROM "WHERE " AT2("m")
		" AND " GP_KNOWN("m") MENT " AND NOT EXISTS (SELECT 1 FROM membership x WHERE "
		SAME_M("x") " AND " AT1("x") " AND " GP_KNOWN("x") ") ORDER BY o.code, e.code";
	static const char left[] = "SELECT " GP_MEMBERSHIP_COLS MFROM "WHERE " AT1("m")
		" AND " GP_KNOWN("m") MENT " AND NOT EXISTS (SELECT 1 FROM membership x WHERE "
		SAME_M("x") " AND " AT2("x") " AND " GP_KNOWN("x") ") ORDER BY o.code, e.code";
	static const char started[] = "SELECT " GP_RELATION_COLS RFROM "WHERE " AT2("r")
		" AND " GP_KNOWN("r") RENT " AND NOT EXISTS (SELECT 1 FROM relation x WHERE "
		SAME_R("x") " AND " AT1("x") " AND " GP_KNOWN("x") ") ORDER BY r.from_lo, r.type";
	static const char ended[] = "SELECT " GP_RELATION_COLS RFROM "WHERE " AT1("r")
		" AND " GP_KNOWN("r") RENT " AND NOT EXISTS (SELECT 1 FROM relation x WHERE "
		SAME_R("x") " AND " AT2("x") " AND " GP_KNOWN("x") ") ORDER BY r.to_lo, r.type";
	static const char events[] = "SELECT e.id FROM event e WHERE e.from_lo >= :d1lo "
		"AND e.from_lo < :d2lo AND " GP_KNOWN("e") " AND (:ent IS NULL OR EXISTS (SELECT 1 "
		"FROM event_actor a WHERE a.event_id = e.id AND a.entity_id = :ent)) "
		"ORDER BY e.from_lo, e.id";
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
	gp_phase_add(s, events, GP_READ_EVENT, GP_SPAN_NONE, GEOPOL_CHANGE_EVENT);
	return gp_phased_start(out, db, s);
}
