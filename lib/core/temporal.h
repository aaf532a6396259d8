/*
 * temporal.h - the temporal rules of geopol, written once. This comment is
 * the reference; the C predicates and the SQL fragments below are the only
 * statement of the rules, and every engine uses them: the SQL queries
 * (query/), the in-memory index (memindex.c), the packed blocks and the
 * snapshot (pack.c, snapshot.c), the writes (fact.c, import_dataset.c).
 * tests/check_temporal.c tests them on the boundary days.
 *
 * Days. A date is a day number and a precision (date.c); a partial date
 * stands for every day it covers (2015: 2015-01-01 .. 2015-12-31). A stored
 * interval [from, to) keeps four days: from_lo, from_hi, the first and the
 * last day its start may stand for, and to_lo, to_hi, the same for its end
 * (gp_from_lo() .. gp_to_hi()). An open start is GP_OPEN_START in both,
 * an open end GP_OPEN_END. Intervals are half-open: a fact [lo, hi) holds
 * on the day hi - 1 and not on the day hi.
 *
 * Holds at D. A question "at D" asks about the span of days [dlo, dhi]:
 * D itself for a day, every day of it for a month or a year (gp_at_span;
 * diff asks at two spans). A row answers when it may hold on a day of the
 * span for some reading of its imprecise ends:
 *
 *     to_hi > dlo  AND  from_lo <= dhi          gp_holds(), GP_SQL_HOLDS
 *
 * Certainty. A row that answers is DEFINITE when every day of the span lies
 * in it for every reading of its ends, POSSIBLE otherwise (a membership
 * "since 2015" asked about 2015-06-01); GEOPOL_DEFINITE_ONLY drops the
 * possible ones. gp_certainty() is the rule, 0 meaning "does not hold":
 *
 *     definite:  from_hi <= dlo  AND  dhi < to_lo
 *     possible:  gp_holds() and not definite
 *
 * Windows. Events, a dyad's history, the panel and a span export ask about
 * a window of days [wlo, whi] instead: an event answers when its date may
 * fall in the window, definite when all of its days do
 * (gp_event_certainty, GP_SQL_EVENT_WINDOW over [:d1lo, :d2lo)); a fact
 * answers when it may hold on some day of the window (GP_SQL_HOLDS_AT with
 * the window's ends), definite when it holds on some day of it whatever its
 * ends stand for (gp_overlap_certainty).
 *
 * Known at k. Every row also carries its recorded interval [rec_from,
 * rec_to): when the database learned it, and when a correction or a
 * deletion closed it; a row that is current knowledge has rec_to =
 * GP_REC_CURRENT. A question "as known at k" keeps the rows with
 *
 *     rec_from <= k  AND  rec_to > k            gp_known(), GP_SQL_KNOWN
 *
 * and current knowledge is asked as k = GP_K_CURRENT (GP_REC_CURRENT - 1),
 * which keeps exactly the rows with rec_to = GP_REC_CURRENT: one SQL text
 * serves both, and the stores that hold only current rows (the in-memory
 * index, the packed blocks) answer only that k.
 *
 * Write conflicts. Two rows of the same key (organization, member, role)
 * may not both be current knowledge if they definitely overlap, that is
 * share a day for every reading of their ends ([1992, 2012) and [2012, ..)
 * may touch and do not conflict):
 *
 *     a.from_hi < b.to_lo  AND  b.from_hi < a.to_lo
 *                                  gp_overlaps_definitely(), GP_SQL_OVERLAPS_DEFINITELY
 *
 * Order. Answers come in the order of their question's ORDER BY
 * (store/sql_internal.h: members by member code then from_lo, memberships by
 * organization code then from_lo, relations by from_lo, type, codes). Rows
 * the ORDER BY leaves tied come in the order of the interval indexes of
 * schema/004: to_hi, from_lo, rec_from, then row id. An engine that answers
 * without SQL (memindex.c) sorts by these same keys; the snapshot and the
 * packed blocks go in row id order.
 *
 * No edge without its nodes. A membership or relation holds only within
 * the lives of its two entities: gp_clip() narrows its interval to them,
 * in the snapshot and the exports and in the answers ("at D", history,
 * diff: gp_clip_answer in query.c,
 * which clips what the model means to precede or outlive a life, signed
 * treaties and successions, to the one entity that must live).
 */
#ifndef GEOPOL_TEMPORAL_H
#define GEOPOL_TEMPORAL_H

#include "geopol.h"
#include <stdint.h>

/* Sentinels for open interval ends, as stored (schema/001_core.sql). */
#define GP_OPEN_START ((int64_t)INT32_MIN)
#define GP_OPEN_END ((int64_t)INT32_MAX)

/* rec_to of a row that is current knowledge, and the same as SQL text. */
#define GP_REC_CURRENT INT64_MAX
#define GP_REC_CURRENT_DIGITS 9223372036854775807
#define GP_TEMPORAL_STR_(x) #x
#define GP_TEMPORAL_STR(x) GP_TEMPORAL_STR_(x)
#define GP_SQL_REC_CURRENT GP_TEMPORAL_STR(GP_REC_CURRENT_DIGITS)
_Static_assert(GP_REC_CURRENT_DIGITS == GP_REC_CURRENT,
	       "GP_SQL_REC_CURRENT must spell GP_REC_CURRENT");
/* The recorded time that asks for current knowledge. */
#define GP_K_CURRENT (GP_REC_CURRENT - 1)

/* ---- the rules in C */

/* May [from, to) hold on a day of [dlo, dhi]? */
static inline int gp_holds(int64_t from_lo, int64_t to_hi, int64_t dlo, int64_t dhi)
{
	return to_hi > dlo && from_lo <= dhi;
}

/* Is a row recorded [rec_from, rec_to) known at k? */
static inline int gp_known(int64_t rec_from, int64_t rec_to, int64_t k)
{
	return rec_from <= k && rec_to > k;
}

/* Certainty of a stored interval at the span [dlo, dhi]: GEOPOL_DEFINITE,
 * GEOPOL_POSSIBLE, or 0 when it does not hold. dlo > dhi asks no span:
 * every row is definite. */
static inline int gp_certainty(int64_t from_lo, int64_t from_hi, int64_t to_lo, int64_t to_hi,
			       int64_t dlo, int64_t dhi)
{
	if (dlo > dhi)
		return GEOPOL_DEFINITE;
	if (from_hi <= dlo && dhi < to_lo)
		return GEOPOL_DEFINITE;
	if (gp_holds(from_lo, to_hi, dlo, dhi))
		return GEOPOL_POSSIBLE;
	return 0;
}

/* Certainty of an event's date, the days [date_lo, date_hi], in a window
 * of days [wlo, whi]: every day of the date inside, definite; some,
 * possible; none, 0. */
static inline int gp_event_certainty(int64_t date_lo, int64_t date_hi, int64_t wlo, int64_t whi)
{
	if (wlo <= date_lo && date_hi <= whi)
		return GEOPOL_DEFINITE;
	if (date_lo <= whi && wlo <= date_hi)
		return GEOPOL_POSSIBLE;
	return 0;
}

/* Certainty that a stored interval holds on some day of [wlo, whi]:
 * definite when it does whatever its imprecise ends stand for (the latest
 * start, the earliest end), possible when only for some readings. */
static inline int gp_overlap_certainty(int64_t from_lo, int64_t from_hi, int64_t to_lo,
				       int64_t to_hi, int64_t wlo, int64_t whi)
{
	if (from_hi <= whi && wlo < to_lo && from_hi < to_lo)
		return GEOPOL_DEFINITE;
	if (gp_holds(from_lo, to_hi, wlo, whi))
		return GEOPOL_POSSIBLE;
	return 0;
}

/* Do two stored intervals share a day for every reading of their ends?
 * (a write conflict between two rows of one key). */
static inline int gp_overlaps_definitely(int64_t a_from_hi, int64_t a_to_lo, int64_t b_from_hi,
					 int64_t b_to_lo)
{
	return a_from_hi < b_to_lo && b_from_hi < a_to_lo;
}

/* The day span [lo, hi] of an "at" date (today when NONE). */
void gp_at_span(geopol_date at, int64_t *lo, int64_t *hi);

/* An interval as stored: the first and last day its start may stand for,
 * the same for its end, and the two precisions. */
typedef struct gp_span {
	int64_t flo, fhi, tlo, thi;
	int fprec, tprec;
} gp_span;
/* The rule "no edge without its nodes" (issue 12), written once: clip the
 * interval of a membership or relation to the lives of its two entities.
 * The bounds are exact (the latest start, the earliest end, for
 * certainty); the precisions are those of the bound that won (ties: the
 * fact's own). Returns 1 if anything is left, 0 if the clipped interval is
 * empty; *changed (may be NULL) says whether it differs from the fact's
 * own. (A span export is clipped to its span in export_focus.c.) */
int gp_clip(gp_span *f, const gp_span *a, const gp_span *b, int *changed);

/* A life without bounds: clipping to it changes nothing. A store that has
 * found a row already within its entities' lives (the in-memory index, at
 * its build) gives this as both lives, and gp_clip_answer (row.h) then
 * returns at once. */
extern const gp_span gp_life_unbounded;

/* Whether clipping to the lives a and b leaves every fact as it is: the
 * test gp_clip_answer and gp_clip_row make first, inline so that a row
 * from the index costs no call. */
static inline int gp_lives_unbounded(const gp_span *a, const gp_span *b)
{
	return a == &gp_life_unbounded && b == &gp_life_unbounded;
}

/* ---- the rules in SQL, for a table alias t ("m") and the columns of
 * schema/001. The _AT forms take the parameters or expressions to compare
 * with (positional statements: "?1"); the plain forms use the named
 * parameters :dlo, :dhi and :k that gp_params binds (query_internal.h).
 * The interval test names to_hi first: the (key, to_hi, from_lo, ...)
 * indexes of schema/004 seek on to_hi and filter from_lo in the index, and
 * a scan (the snapshot's) drops most ended rows on its first column. */
#define GP_SQL_HOLDS_AT(t, dlo, dhi) t ".to_hi > " dlo " AND " t ".from_lo <= " dhi
#define GP_SQL_KNOWN_AT(t, k) t ".rec_from <= " k " AND " t ".rec_to > " k
#define GP_SQL_HOLDS(t) GP_SQL_HOLDS_AT(t, ":dlo", ":dhi")
#define GP_SQL_KNOWN(t) GP_SQL_KNOWN_AT(t, ":k")
/* Diff's two dates. */
#define GP_SQL_AT1(t) GP_SQL_HOLDS_AT(t, ":d1lo", ":d1hi")
#define GP_SQL_AT2(t) GP_SQL_HOLDS_AT(t, ":d2lo", ":d2hi")
/* Current knowledge, for the writes and the stores of current rows. */
#define GP_SQL_CURRENT(t) t ".rec_to = " GP_SQL_REC_CURRENT
/* A row of t definitely overlaps the interval whose to_lo and from_hi are
 * given (a write conflict). */
#define GP_SQL_OVERLAPS_DEFINITELY(t, to_lo, from_hi) \
	t ".from_hi < " to_lo " AND " from_hi " < " t ".to_lo"
/* An event whose date may stand for a day of the window [:d1lo, :d2lo);
 * with :defonly, only one whose every day lies in it. A date covers at most
 * 366 days, so from_lo > :d1lo - 366 follows, and bounds the date index. */
#define GP_SQL_EVENT_WINDOW_AT(d1lo, d2lo, defonly) \
	"e.from_lo > " d1lo " - 366 AND e.from_lo < " d2lo " AND e.from_hi >= " d1lo \
	" AND (" defonly " = 0 OR (e.from_lo >= " d1lo " AND e.from_hi < " d2lo "))"
#define GP_SQL_EVENT_WINDOW GP_SQL_EVENT_WINDOW_AT(":d1lo", ":d2lo", ":defonly")

#endif
