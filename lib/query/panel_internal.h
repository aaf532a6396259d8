/*
 * panel_internal.h - what lib/query/panel.c shares with its tests: the SQL
 * the SQLite store runs for it (store/sqlite_panel.c, gp_store.panel;
 * tests/check_panel.c asks their query plans), the QuadClass of a CAMEO
 * root and the "holds on some day of a span" certainty.
 */
#ifndef GEOPOL_PANEL_INTERNAL_H
#define GEOPOL_PANEL_INTERNAL_H

#include "core/geopol_internal.h"

/* The rows the SQLite store reads for a panel (store/sqlite_panel.c, also
 * declared in store/sqlite_internal.h), a chunk of periods at a time, by
 * entity (:ent, starting in (:d1lo, :dhi], ending after :dlo, known at :k):
 * full memberships (founding_member, member) and relations. */
extern const char gp_panel_sql_memberships[];
extern const char gp_panel_sql_memberships_pledges[];
extern const char gp_panel_sql_relations[];
/* The events of one period, with their actors: (event row, type, from_lo,
 * from_hi, Goldstein value, actor entity id, actor role, stored
 * QuadClass or NULL), one row per actor, an event's rows together, in
 * date order. */
extern const char gp_panel_sql_events[];

/* GDELT's QuadClass of a CAMEO event type, for events whose dataset
 * stored none (event_detail.quad_class is used when set) (1 verbal cooperation, 2
 * material cooperation, 3 verbal conflict, 4 material conflict) from its
 * root, the code's first two digits; 0 when the code has no root 01-20. */
int gp_panel_quad(const char *cameo);
/* The root (1-20) of a CAMEO code, or 0. */
int gp_panel_root(const char *cameo);

/* Certainty that a stored interval holds on at least one day of [dlo, dhi]:
 * definite when some day of the span lies inside it whatever the imprecise
 * ends stand for, possible when it overlaps the span for some reading, 0
 * otherwise. Written with gp_certainty() (date.c), the one "holds at" rule. */
int gp_panel_certainty_some_day(int64_t from_lo, int64_t from_hi, int64_t to_lo, int64_t to_hi,
				int64_t dlo, int64_t dhi);

/* The names of the key columns: the period ("year" or "month") and
 * whether the units are states (one entity column, "state") or dyads
 * ("a", "b"); the database handle, for errors. */
void gp_panel_keys(const geopol_panel_iter *p, const char **period, int *states, geopol_db **db);

#endif
