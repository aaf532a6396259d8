/*
 * events.c - events filtered by actors, type, span and text; the history of
 * a dyad (its relations and shared events in date order).
 *
 * Both ask about a window [from, to): an event whose date may stand for a
 * day in it is kept, definite when every such day is inside, possible when
 * only some are; a relation is kept when it may hold on some day of it.
 */
#include "query/query_internal.h"
#include "store/sql_internal.h"

#include <stddef.h>
#include <string.h>

#define EVENT_COMMON \
	" AND (:type IS NULL OR substr(e.type, 1, length(:type)) = :type)" \
	" AND " GP_SQL_EVENT_WINDOW " AND " GP_SQL_KNOWN("e") \
	" AND (:text IS NULL OR EXISTS (SELECT 1 FROM event_text x WHERE x.event_id = e.id" \
	" AND (instr(lower(x.title), lower(:text)) OR instr(lower(x.description), lower(:text)))))" \
	" AND (:quad IS NULL OR EXISTS (SELECT 1 FROM event_detail d WHERE d.event_id = e.id" \
	" AND d.quad_class = :quad))"

static void span_or_open(geopol_date from, geopol_date to, gp_params *p)
{
	p->d1lo = from.precision ? from.day : GP_OPEN_START;
	p->d2lo = to.precision ? to.day : GP_OPEN_END;
}

int geopol_events(geopol_iter **out, geopol_db *db, const geopol_event_filter *f,
		  const geopol_query *q)
{
	/* With an actor, the actor index drives; otherwise the date index. */
	static const char sql_actor[] =
		"SELECT DISTINCT e.id, e.from_lo FROM event_actor a JOIN event e ON e.id = a.event_id "
		"WHERE a.entity_id = :ent AND (:other IS NULL OR EXISTS (SELECT 1 FROM event_actor b "
		"WHERE b.event_id = e.id AND b.entity_id = :other))" EVENT_COMMON
		" ORDER BY e.from_lo, e.id LIMIT :limit";
	static const char sql_all[] =
		"SELECT e.id, e.from_lo FROM event e WHERE 1" EVENT_COMMON
		" ORDER BY e.from_lo, e.id LIMIT :limit";
	geopol_event_filter none = GEOPOL_EVENT_FILTER_INIT, v2 = GEOPOL_EVENT_FILTER_INIT;
	gp_phased *s;
	int rc = gp_query_begin(out, db, q, &s);
	if (rc)
		return rc;
	if (!f)
		f = &none;
	if ((rc = gp_check_version(db, "geopol_event_filter", f, GEOPOL_EVENT_FILTER_VERSION)))
		return gp_query_fail(s, rc);
	if (f->version == 1) {
		/* A version 1 struct ends before quad_class. */
		memcpy(&v2, f, offsetof(geopol_event_filter, quad_class));
		v2.version = GEOPOL_EVENT_FILTER_VERSION;
		f = &v2;
	}
	if (f->quad_class < 0 || f->quad_class > 4)
		return gp_query_fail(s, gp_error(db, GEOPOL_EINVAL, "event filter: QuadClass %d is not "
					"1, 2, 3 or 4", f->quad_class));
	if (f->with && !f->actor)
		return gp_query_fail(s, gp_error(db, GEOPOL_EINVAL,
					"event filter: 'with' needs 'actor' too"));
	if ((f->actor && (rc = gp_entity_id(db, f->actor, "actor", &s->p.ent))) ||
	    (f->with && (rc = gp_entity_id(db, f->with, "with", &s->p.other))) ||
	    (rc = gp_check_utf8(db, "text", f->text)) ||
	    (rc = gp_check_interval(db, "event filter", f->from, f->to)))
		return gp_query_fail(s, rc);
	span_or_open(f->from, f->to, &s->p);
	s->p.type = f->type && *f->type ? f->type : NULL;
	s->p.text = f->text && *f->text ? f->text : NULL;
	s->p.limit = f->limit ? (int64_t)f->limit : -1;
	s->p.quad = f->quad_class;
	gp_phase_add(s, f->actor ? sql_actor : sql_all, GP_READ_EVENT, GP_SPAN_WINDOW, 0);
	return gp_phased_start(out, db, s);
}

int geopol_history(geopol_iter **out, geopol_db *db, const char *a, const char *b,
		   geopol_date from, geopol_date to, const geopol_query *q)
{
	/* Rows are (item kind, row id, date), merged in date order. */
	static const char sql[] =
		"SELECT 4, r.id, r.from_lo FROM relation r WHERE ((r.a_id = :ent AND r.b_id = :other) "
		"OR (r.a_id = :other AND r.b_id = :ent)) AND "
		GP_SQL_HOLDS_AT("r", ":d1lo", ":d2lo - 1") " AND " GP_SQL_KNOWN("r") " "
		"UNION ALL "
		"SELECT 5, e.id, e.from_lo FROM event e WHERE e.id IN (SELECT x.event_id FROM "
		"event_actor x JOIN event_actor y ON y.event_id = x.event_id WHERE x.entity_id = :ent "
		"AND y.entity_id = :other) AND " GP_SQL_EVENT_WINDOW " "
		"AND " GP_SQL_KNOWN("e") " ORDER BY 3, 1, 2";
	gp_phased *s;
	int rc = gp_query_begin(out, db, q, &s);
	if (rc)
		return rc;
	if ((rc = gp_entity_id(db, a, "a", &s->p.ent)) ||
	    (rc = gp_entity_id(db, b, "b", &s->p.other)) ||
	    (rc = gp_check_interval(db, "history", from, to)))
		return gp_query_fail(s, rc);
	span_or_open(from, to, &s->p);
	gp_phase_add(s, sql, GP_READ_BYROW, GP_SPAN_WINDOW, 0);
	return gp_phased_start(out, db, s);
}
