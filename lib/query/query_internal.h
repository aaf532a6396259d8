/*
 * query_internal.h - what the queries share: the events' part of a
 * question (events.c).
 */
#ifndef GEOPOL_QUERY_INTERNAL_H
#define GEOPOL_QUERY_INTERNAL_H

#include "core/geopol_internal.h"
#include "store/params.h"
#include "store/store.h"

/* The events' part of a question (gp_q) in eq: definite only, known at,
 * language, no limit (events.c). */
void gp_events_query_of(const gp_q *d, gp_events_query *eq);
/* The next event of c into the item, with its certainty in the window of
 * days [wlo, whi]; possible ones left out when flags ask for definite ones
 * only (events.c). */
int gp_next_event(geopol_iter *it, gp_event_cursor *c, unsigned flags, int64_t wlo, int64_t whi);

#endif
