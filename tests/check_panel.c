/*
 * check_panel.c - panels (lib/query/panel.c): the dyad-years of the built-in
 * dataset checked by hand, the rules (1 July, any day, certainty, as known
 * on), every unit, the populations, the output formats and bad input.
 *
 * The expected values of the KAZ-RUS and KAZ-TUR dyad-years 2020-2025 come
 * from the existing queries, run by hand on the built-in dataset:
 *   geopol common KAZ RUS --at 2022-07-01 (and every year 2020-2025)
 *   geopol events --actor KAZ --with RUS --from 2020 --to 2026 --format json
 *   geopol history KAZ RUS
 * KAZ and RUS share nine organizations as full members each year (CICA,
 * CIS, CSTO, CSTO-PA, EACU, EAEU, OSCE, SCO, UN; OIC is left out, Russia
 * being an observer), KAZ and TUR seven (CICA, ECO, OIC, OSCE, OTS,
 * TURKSOY, UN; NATO and the SCO are left out: Kazakhstan is a NATO
 * partner, Turkey an SCO dialogue partner). The events are listed where
 * they are asserted.
 */
#include <check.h>
#include <glob.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "test_util.h"
#include "query/panel_internal.h"

static geopol_db *db;

static void load(void)
{
	db = tu_open_dataset();
}

static void unload(void)
{
	geopol_close(db);
	db = NULL;
}

/* ---- a panel drained into a table */

#define MAX_ROWS 4000
#define MAX_COLS 128

typedef struct table {
	size_t n, ncols;
	char names[MAX_COLS][64];
	char period[MAX_ROWS][8];
	char a[MAX_ROWS][16], b[MAX_ROWS][16];
	double v[MAX_ROWS][MAX_COLS];
	char rule[640];
} table;

static table t;

static int run_panel(const geopol_panel_options *o, const geopol_query *q)
{
	geopol_panel_iter *p;
	memset(&t, 0, sizeof t);
	int rc = geopol_panel(&p, db, o, q);
	if (rc)
		return rc;
	const char *const *names;
	t.ncols = geopol_panel_columns(p, &names);
	ck_assert_uint_le(t.ncols, MAX_COLS);
	for (size_t i = 0; i < t.ncols; i++)
		snprintf(t.names[i], sizeof t.names[i], "%s", names[i]);
	snprintf(t.rule, sizeof t.rule, "%s", geopol_panel_rule_text(p));
	const geopol_panel_row *r;
	while ((rc = geopol_panel_next(p, &r)) == GEOPOL_OK) {
		ck_assert_uint_lt(t.n, MAX_ROWS);
		ck_assert_uint_eq(r->n_values, t.ncols);
		snprintf(t.period[t.n], 8, "%s", r->period);
		snprintf(t.a[t.n], 16, "%s", r->a);
		snprintf(t.b[t.n], 16, "%s", r->b ? r->b : "");
		memcpy(t.v[t.n], r->values, t.ncols * sizeof(double));
		t.n++;
	}
	ck_assert_msg(rc == GEOPOL_ITEROVER, "panel: %s", geopol_errmsg(db));
	geopol_panel_free(p);
	return GEOPOL_OK;
}

static int col_index(const char *name)
{
	for (size_t i = 0; i < t.ncols; i++)
		if (strcmp(t.names[i], name) == 0)
			return (int)i;
	return -1;
}

/* The value of a column in the row (period, a, b); fails when absent. */
static double val(const char *period, const char *a, const char *b, const char *col)
{
	int c = col_index(col);
	ck_assert_msg(c >= 0, "no column %s", col);
	for (size_t i = 0; i < t.n; i++)
		if (strcmp(t.period[i], period) == 0 && strcmp(t.a[i], a) == 0 && strcmp(t.b[i], b) == 0)
			return t.v[i][c];
	ck_abort_msg("no row %s %s %s", period, a, b);
	return NAN;
}

static int has_row(const char *period, const char *a, const char *b)
{
	for (size_t i = 0; i < t.n; i++)
		if (strcmp(t.period[i], period) == 0 && strcmp(t.a[i], a) == 0 && strcmp(t.b[i], b) == 0)
			return 1;
	return 0;
}

static const char *const trio[] = {"KAZ", "RUS", "TUR"};

static geopol_panel_options trio_options(const char *const *vars, size_t n_vars)
{
	geopol_panel_options o = GEOPOL_PANEL_OPTIONS_INIT;
	o.population = GEOPOL_PANEL_LIST;
	o.codes = trio;
	o.n_codes = 3;
	o.vars = vars;
	o.n_vars = n_vars;
	o.from = tu_date("2020");
	o.to = tu_date("2026");
	return o;
}

#define NV(a) (sizeof(a) / sizeof((a)[0]))

/* ---- the hand-checked dyad-years */

START_TEST(test_panel__kaz_dyads_shared)
{
	static const char *const vars[] = {"shared", "member:NATO", "member:CSTO"};
	geopol_panel_options o = trio_options(vars, NV(vars));
	ck_assert_int_eq(run_panel(&o, NULL), GEOPOL_OK);
	ck_assert_uint_eq(t.n, 6 * 3); /* 2020-2025, three pairs */
	static const char *const years[] = {"2020", "2021", "2022", "2023", "2024", "2025"};
	for (int y = 0; y < 6; y++) {
		ck_assert_double_eq(val(years[y], "KAZ", "RUS", "shared"), 9);
		ck_assert_double_eq(val(years[y], "KAZ", "RUS", "shared_possible"), 0);
		ck_assert_double_eq(val(years[y], "KAZ", "TUR", "shared"), 7);
		/* Kazakhstan is a NATO partner, not a member; Turkey a member. */
		ck_assert_double_eq(val(years[y], "KAZ", "TUR", "member_NATO_a"), 0);
		ck_assert_double_eq(val(years[y], "KAZ", "TUR", "member_NATO_b"), 1);
		ck_assert_double_eq(val(years[y], "KAZ", "RUS", "member_CSTO_b"), 1);
		ck_assert_double_eq(val(years[y], "KAZ", "TUR", "member_CSTO_b"), 0);
	}
	ck_assert_ptr_nonnull(strstr(t.rule, "holds on 1 July"));
}
END_TEST

START_TEST(test_panel__kaz_dyads_events)
{
	static const char *const vars[] = {"events", "quad", "goldstein", "root:16"};
	geopol_panel_options o = trio_options(vars, NV(vars));
	ck_assert_int_eq(run_panel(&o, NULL), GEOPOL_OK);
	/* Events with both among the actors, any roles: 2021 one (017, RUS
	 * target, KAZ host), 2022 ten (with Tokayev's refusal at SPIEF beside
	 * Putin and the CPC ruling reversed, audit section 6), 2025 six (with
	 * the documents of 2025-11-12); KAZ-TUR 2022 five. */
	static const char *const years[] = {"2020", "2021", "2022", "2023", "2024", "2025"};
	static const double rus[] = {0, 1, 10, 0, 0, 6}, tur[] = {0, 0, 5, 0, 0, 0};
	for (int y = 0; y < 6; y++) {
		ck_assert_double_eq(val(years[y], "KAZ", "RUS", "events"), rus[y]);
		ck_assert_double_eq(val(years[y], "KAZ", "TUR", "events"), tur[y]);
		ck_assert_double_eq(val(years[y], "KAZ", "RUS", "events_possible"), 0);
	}
	/* 2022, KAZ source and RUS target: 1212 (reject military cooperation,
	 * root 12, Goldstein -4). RUS source, KAZ target: 130 (threaten, -4.4),
	 * 1661 (-7) and 163 (-8), roots 13, 16, 16, and the reversal of the CPC
	 * ruling, 081 (ease administrative sanctions, root 08, +5). The 074
	 * deployment has KAZ as host, not target: not directed; at SPIEF
	 * Putin and Russia take part, they are not the target. */
	ck_assert_double_eq(val("2022", "KAZ", "RUS", "quad3_ab"), 1);
	ck_assert_double_eq(val("2022", "KAZ", "RUS", "quad4_ab"), 0);
	ck_assert_double_eq(val("2022", "KAZ", "RUS", "quad2_ba"), 1);
	ck_assert_double_eq(val("2022", "KAZ", "RUS", "quad3_ba"), 1);
	ck_assert_double_eq(val("2022", "KAZ", "RUS", "quad4_ba"), 2);
	ck_assert_double_eq(val("2022", "KAZ", "RUS", "root16_ba"), 2);
	ck_assert_double_eq(val("2022", "KAZ", "RUS", "goldstein_sum_ab"), -4);
	ck_assert_double_eq_tol(val("2022", "KAZ", "RUS", "goldstein_sum_ba"), -14.4, 1e-9);
	ck_assert_double_eq_tol(val("2022", "KAZ", "RUS", "goldstein_mean_ba"), -14.4 / 4, 1e-9);
	/* 2025: 051 praise both ways (+3.4 each). */
	ck_assert_double_eq(val("2025", "KAZ", "RUS", "quad1_ab"), 1);
	ck_assert_double_eq(val("2025", "KAZ", "RUS", "quad1_ba"), 1);
	ck_assert_double_eq_tol(val("2025", "KAZ", "RUS", "goldstein_mean_ab"), 3.4, 1e-9);
	/* KAZ-TUR 2022: TUR source, KAZ target: 0211 (appeal, root 02, +3.4). */
	ck_assert_double_eq(val("2022", "KAZ", "TUR", "quad1_ba"), 1);
	ck_assert_double_eq(val("2022", "KAZ", "TUR", "quad1_ab"), 0);
	ck_assert_double_eq_tol(val("2022", "KAZ", "TUR", "goldstein_sum_ba"), 3.4, 1e-9);
	/* No directed event: no mean. */
	ck_assert(isnan(val("2023", "KAZ", "RUS", "goldstein_mean_ab")));
	ck_assert_double_eq(val("2023", "KAZ", "RUS", "goldstein_sum_ab"), 0);
}
END_TEST

/* A QuadClass stored by the dataset (GDELT's, event_detail) wins over the
 * class of the CAMEO root. */
START_TEST(test_panel__stored_quad_class)
{
	static const char *const vars[] = {"quad"};
	geopol_panel_options o = trio_options(vars, NV(vars));
	tu_exec(db, "INSERT INTO event_detail(event_id, quad_class) "
		"SELECT id, 1 FROM event WHERE type = '1212'", 0, NULL);
	ck_assert_int_eq(run_panel(&o, NULL), GEOPOL_OK);
	/* The refusal of troops (1212), stored as class 1, beside Kazakhstan's
	 * own call-off of the Victory Day parade (017, audit E5: the Defence
	 * Ministry, not Tokayev, with Russia as target). */
	ck_assert_double_eq(val("2022", "KAZ", "RUS", "quad1_ab"), 2);
	ck_assert_double_eq(val("2022", "KAZ", "RUS", "quad3_ab"), 0);
	ck_assert_double_eq(val("2022", "KAZ", "RUS", "quad3_ba"), 1);
}
END_TEST

/* ATOP obligations, per member (tests/fixtures/atop-1110.csv, 1840: Turkey
 * pledges no defense, Russia no offense): the panel's pledge columns say
 * what geopol_pledges says, for every ordered pair and obligation. */
START_TEST(test_panel__atop_pledges)
{
	geopol_db *d = tu_open();
	tu_import_ok(d, "atop", GEOPOL_SOURCE_DIR "/tests/fixtures/atop-1110.csv", NULL);
	geopol_db *saved = db;
	db = d;
	static const char *const vars[] = {"alliance"};
	static const char *const members[] = {"GBR", "RUS", "TUR"};
	static const char *const obl[] = {"defense", "offense", "neutrality", "non_aggression",
					  "consultation"};
	geopol_panel_options o = GEOPOL_PANEL_OPTIONS_INIT;
	o.unit = GEOPOL_PANEL_DIRECTED_DYAD;
	o.period = GEOPOL_PANEL_MONTH;
	o.population = GEOPOL_PANEL_LIST;
	o.codes = members;
	o.n_codes = 3;
	o.vars = vars;
	o.n_vars = 1;
	o.from = tu_date("1840-08");
	o.to = tu_date("1840-09");
	ck_assert_int_eq(run_panel(&o, NULL), GEOPOL_OK);
	ck_assert_uint_eq(t.n, 6);
	int pledged = 0;
	for (int i = 0; i < 3; i++)
		for (int j = 0; j < 3; j++)
			for (int k = 0; i != j && k < 5; k++) {
				geopol_iter *it;
				ck_assert_int_eq(geopol_pledges(&it, d, members[i], members[j], obl[k],
								tu_date("1840-08-15"), NULL), GEOPOL_OK);
				const geopol_item *item;
				int want = geopol_iter_next(it, &item) == GEOPOL_OK;
				geopol_iter_free(it);
				char col[64];
				snprintf(col, sizeof col, "alliance_%s_ab", obl[k]);
				ck_assert_msg(val("1840-08", members[i], members[j], col) == want,
					      "%s %s %s", members[i], members[j], obl[k]);
				pledged += want;
			}
	ck_assert_double_eq(val("1840-08", "TUR", "GBR", "alliance_defense_ab"), 0);
	ck_assert_double_eq(val("1840-08", "TUR", "GBR", "alliance_offense_ab"), 1);
	ck_assert_double_eq(val("1840-08", "RUS", "GBR", "alliance_offense_ab"), 0);
	ck_assert_double_eq(val("1840-08", "RUS", "TUR", "alliance"), 1);
	ck_assert_int_eq(pledged, 8);
	/* The year 1840 on 1 July: the alliance (from 15 July) not yet. */
	o.period = GEOPOL_PANEL_YEAR;
	o.from = tu_date("1840");
	o.to = tu_date("1841");
	ck_assert_int_eq(run_panel(&o, NULL), GEOPOL_OK);
	ck_assert_double_eq(val("1840", "GBR", "TUR", "alliance"), 0);
	o.rule = GEOPOL_PANEL_ANY_DAY;
	ck_assert_int_eq(run_panel(&o, NULL), GEOPOL_OK);
	ck_assert_double_eq(val("1840", "GBR", "TUR", "alliance_defense_ab"), 1);
	db = saved;
	geopol_close(d);
}
END_TEST

/* The relations (geopol history KAZ RUS): alliance [1992-05-25,
 * 2025-11-12), comprehensive_strategic_partnership_alliance from
 * 2025-11-12, trade [2021, 2022) at year precision. */
START_TEST(test_panel__rules)
{
	static const char *const vars[] = {"rel:alliance", "rel:comprehensive_strategic_partnership_alliance",
					   "rel:trade", "rel:trade.usd"};
	geopol_panel_options o = trio_options(vars, NV(vars));
	ck_assert_int_eq(run_panel(&o, NULL), GEOPOL_OK);
	/* On 1 July 2025 the old alliance still held, the new one not yet. */
	ck_assert_double_eq(val("2025", "KAZ", "RUS", "rel_alliance"), 1);
	ck_assert_double_eq(val("2025", "KAZ", "RUS", "rel_comprehensive_strategic_partnership_alliance"), 0);
	ck_assert_double_eq(val("2020", "KAZ", "RUS", "rel_alliance"), 1);
	/* Trade "from 2021": on 1 July 2021 it only possibly held. */
	ck_assert_double_eq(val("2021", "KAZ", "RUS", "rel_trade"), 0);
	ck_assert_double_eq(val("2021", "KAZ", "RUS", "rel_trade_possible"), 1);
	ck_assert_double_eq(val("2021", "KAZ", "RUS", "rel_trade_usd_possible"), 25500000000.0);
	ck_assert_double_eq(val("2021", "KAZ", "RUS", "rel_trade_usd"), 0);
	ck_assert_double_eq(val("2023", "KAZ", "RUS", "rel_trade_possible"), 0);

	o.rule = GEOPOL_PANEL_ANY_DAY;
	ck_assert_int_eq(run_panel(&o, NULL), GEOPOL_OK);
	ck_assert_ptr_nonnull(strstr(t.rule, "any day of the year"));
	/* Any day of 2025: both alliances. */
	ck_assert_double_eq(val("2025", "KAZ", "RUS", "rel_alliance"), 1);
	ck_assert_double_eq(val("2025", "KAZ", "RUS", "rel_comprehensive_strategic_partnership_alliance"), 1);
	ck_assert_double_eq(val("2024", "KAZ", "RUS", "rel_comprehensive_strategic_partnership_alliance"), 0);
	/* Trade "from 2021 to 2022": definitely on some day of 2021, possibly
	 * on some of 2022. */
	ck_assert_double_eq(val("2021", "KAZ", "RUS", "rel_trade"), 1);
	ck_assert_double_eq(val("2021", "KAZ", "RUS", "rel_trade_usd"), 25500000000.0);
	ck_assert_double_eq(val("2022", "KAZ", "RUS", "rel_trade"), 0);
	ck_assert_double_eq(val("2022", "KAZ", "RUS", "rel_trade_possible"), 1);
	ck_assert_double_eq(val("2021", "KAZ", "TUR", "rel_trade_usd"), 5300000000.0);

	/* Definite only: no _possible column, the possible trade not counted. */
	geopol_query q = GEOPOL_QUERY_INIT;
	q.flags = GEOPOL_DEFINITE_ONLY;
	o.rule = GEOPOL_PANEL_MIDPOINT;
	ck_assert_int_eq(run_panel(&o, &q), GEOPOL_OK);
	ck_assert_int_eq(col_index("rel_trade_possible"), -1);
	ck_assert_double_eq(val("2021", "KAZ", "RUS", "rel_trade"), 0);
	ck_assert_ptr_nonnull(strstr(t.rule, "definite facts only"));
}
END_TEST

START_TEST(test_panel__certainty_some_day)
{
	geopol_date y2021 = tu_date("2021"), y2022 = tu_date("2022");
	int64_t flo = y2021.day, fhi = geopol_date_last_day(y2021);
	int64_t tlo = y2022.day, thi = geopol_date_last_day(y2022);
	/* [2021, 2022): some day of 2021 for sure; of 2022 maybe; 2020 never. */
	ck_assert_int_eq(gp_panel_certainty_some_day(flo, fhi, tlo, thi, flo, fhi), GEOPOL_DEFINITE);
	ck_assert_int_eq(gp_panel_certainty_some_day(flo, fhi, tlo, thi, tlo, thi), GEOPOL_POSSIBLE);
	ck_assert_int_eq(gp_panel_certainty_some_day(flo, fhi, tlo, thi, flo - 366, flo - 1), 0);
	/* A one-day span is the "at D" rule itself. */
	geopol_date d = tu_date("2021-07-01");
	ck_assert_int_eq(gp_panel_certainty_some_day(flo, fhi, tlo, thi, d.day, d.day),
			 gp_certainty(flo, fhi, tlo, thi, d.day, d.day));
	/* Day-exact [2021-03-05, 2021-03-06): definite on some day of March. */
	geopol_date a = tu_date("2021-03-05"), m = tu_date("2021-03");
	ck_assert_int_eq(gp_panel_certainty_some_day(a.day, a.day, a.day + 1, a.day + 1, m.day,
						     geopol_date_last_day(m)), GEOPOL_DEFINITE);
}
END_TEST

START_TEST(test_panel__quad_class)
{
	ck_assert_int_eq(gp_panel_quad("010"), 1);
	ck_assert_int_eq(gp_panel_quad("057"), 1);
	ck_assert_int_eq(gp_panel_quad("061"), 2);
	ck_assert_int_eq(gp_panel_quad("0874"), 2);
	ck_assert_int_eq(gp_panel_quad("090"), 3);
	ck_assert_int_eq(gp_panel_quad("1382"), 3);
	ck_assert_int_eq(gp_panel_quad("140"), 4);
	ck_assert_int_eq(gp_panel_quad("204"), 4);
	ck_assert_int_eq(gp_panel_quad("210"), 0);
	ck_assert_int_eq(gp_panel_quad("x1"), 0);
	ck_assert_int_eq(gp_panel_root("1661"), 16);
}
END_TEST

/* As known on: a correction and an event added later change the panel
 * of now, not that of before. */
START_TEST(test_panel__known_on)
{
	geopol_set_clock(db, 0);
	int64_t before = geopol_now(db);
	geopol_set_clock(db, before + 1000000);
	/* Kazakhstan's OTS membership, corrected to end in 2022. */
	geopol_iter *it;
	ck_assert_int_eq(geopol_memberships(&it, db, "KAZ", tu_date("2023-07-01"), NULL), GEOPOL_OK);
	const geopol_item *item;
	int64_t fact = 0;
	geopol_membership_spec spec = GEOPOL_MEMBERSHIP_SPEC_INIT;
	while (geopol_iter_next(it, &item) == GEOPOL_OK)
		if (strcmp(item->membership->org, "OTS") == 0) {
			fact = item->membership->fact_id;
			spec.role = item->membership->role;
			spec.from = item->membership->from;
		}
	geopol_iter_free(it);
	ck_assert_int_ne(fact, 0);
	spec.org = "OTS";
	spec.member = "KAZ";
	spec.to = tu_date("2022-12-01");
	ck_assert_int_eq(geopol_membership_correct(db, fact, &spec), GEOPOL_OK);
	geopol_actor_spec actors[] = {{"KAZ", GEOPOL_ACTOR_SOURCE}, {"TUR", GEOPOL_ACTOR_TARGET}};
	geopol_event_spec ev = GEOPOL_EVENT_SPEC_INIT;
	ev.type = "111";
	ev.date = tu_date("2023-03-01");
	ev.actors = actors;
	ev.n_actors = 2;
	ck_assert_int_eq(geopol_event_add(db, &ev, NULL), GEOPOL_OK);

	static const char *const vars[] = {"shared", "quad"};
	geopol_panel_options o = trio_options(vars, NV(vars));
	ck_assert_int_eq(run_panel(&o, NULL), GEOPOL_OK);
	ck_assert_double_eq(val("2022", "KAZ", "TUR", "shared"), 7);
	ck_assert_double_eq(val("2023", "KAZ", "TUR", "shared"), 6);
	ck_assert_double_eq(val("2023", "KAZ", "TUR", "quad3_ab"), 1);
	geopol_query q = GEOPOL_QUERY_INIT;
	q.known_at = before;
	ck_assert_int_eq(run_panel(&o, &q), GEOPOL_OK);
	ck_assert_double_eq(val("2023", "KAZ", "TUR", "shared"), 7);
	ck_assert_double_eq(val("2023", "KAZ", "TUR", "quad3_ab"), 0);
	ck_assert_ptr_nonnull(strstr(t.rule, "as known on"));
}
END_TEST

/* As known on, the entities' lives too: a COW IGO release that dates the
 * EEC's death a year later (1992 -> 1993; tests/fixtures/cow-igo-eec-eu.csv,
 * as check_import_cow's release test) adds its memberships of 1993 to the
 * panel of now, not to that of the day before, when the EEC was known to
 * have ended in 1992 and its edges were clipped to that life (as the
 * snapshot and the at-D answers of that day clip them). */
START_TEST(test_panel__known_on_lives)
{
	const char *fix = GEOPOL_SOURCE_DIR "/tests/fixtures/cow-igo-eec-eu.csv";
	char *a = tu_doctored(fix, 2, ",1958,1992,", ",1958,1993,");
	char *b = tu_doctored(a, 3, ",1958,1992,", ",1958,1993,");
	char *release = tu_doctored(b, 4, ",1958,1992,", ",1958,1993,");
	geopol_db *d = tu_open();
	geopol_set_clock(d, geopol_recorded_end_of(tu_date("2025-06-01")));
	tu_import_ok(d, "cow-igo", fix, NULL);
	int64_t day_before = geopol_recorded_end_of(tu_date("2026-05-31"));
	geopol_set_clock(d, geopol_recorded_end_of(tu_date("2026-06-01")));
	geopol_import_options io = GEOPOL_IMPORT_OPTIONS_INIT;
	io.release = 1;
	ck_assert_int_eq(tu_import_file(d, "cow-igo", release, &io, NULL), GEOPOL_OK);
	geopol_db *saved = db;
	db = d;
	static const char *const vars[] = {"shared"};
	static const char *const pair[] = {"BEL", "FRA"};
	geopol_panel_options o = GEOPOL_PANEL_OPTIONS_INIT;
	o.population = GEOPOL_PANEL_LIST;
	o.codes = pair;
	o.n_codes = 2;
	o.vars = vars;
	o.n_vars = 1;
	o.from = tu_date("1992");
	o.to = tu_date("1994");
	/* The EEC's membership ends in 1993 and the EU's begins in 1993 (year
	 * precision): both possibly held on 1 July. */
	ck_assert_int_eq(run_panel(&o, NULL), GEOPOL_OK);
	ck_assert_double_eq(val("1992", "BEL", "FRA", "shared"), 1);
	ck_assert_double_eq(val("1993", "BEL", "FRA", "shared"), 0);
	ck_assert_double_eq(val("1993", "BEL", "FRA", "shared_possible"), 2);
	geopol_query q = GEOPOL_QUERY_INIT;
	q.known_at = day_before;
	ck_assert_int_eq(run_panel(&o, &q), GEOPOL_OK);
	/* Known to end in 1992 (year precision), the EEC possibly lives on 1
	 * July 1992, and so does its membership. */
	ck_assert_double_eq(val("1992", "BEL", "FRA", "shared"), 0);
	ck_assert_double_eq(val("1992", "BEL", "FRA", "shared_possible"), 1);
	ck_assert_double_eq(val("1993", "BEL", "FRA", "shared"), 0);
	ck_assert_double_eq(val("1993", "BEL", "FRA", "shared_possible"), 1); /* the EU */
	/* The panel agrees with the answers of that day. */
	geopol_iter *it;
	const geopol_item *item;
	ck_assert_int_eq(geopol_common(&it, d, "BEL", "FRA", tu_date("1992-07-01"), &q), GEOPOL_OK);
	ck_assert_int_eq(geopol_iter_next(it, &item), GEOPOL_OK);
	ck_assert_str_eq(item->membership->org, "COW:IGO:EEC");
	ck_assert_int_eq(item->membership->certainty, GEOPOL_POSSIBLE);
	geopol_iter_free(it);
	ck_assert_int_eq(geopol_common(&it, d, "BEL", "FRA", tu_date("1993-07-01"), &q), GEOPOL_OK);
	ck_assert_int_eq(geopol_iter_next(it, &item), GEOPOL_OK);
	ck_assert_str_eq(item->membership->org, "EU");
	ck_assert_int_eq(geopol_iter_next(it, &item), GEOPOL_OK); /* the pair's second */
	ck_assert_int_eq(geopol_iter_next(it, &item), GEOPOL_ITEROVER);
	geopol_iter_free(it);
	db = saved;
	geopol_close(d);
	free(a);
	free(b);
	free(release);
}
END_TEST

/* ---- units and populations */

/* Kazakhstan's full memberships at 1 July, counted with geopol_memberships. */
static int kaz_memberships(const char *at)
{
	geopol_iter *it;
	ck_assert_int_eq(geopol_memberships(&it, db, "KAZ", tu_date(at), NULL), GEOPOL_OK);
	const geopol_item *item;
	int n = 0;
	char last[64] = "";
	while (geopol_iter_next(it, &item) == GEOPOL_OK) {
		int role = item->membership->role;
		if ((role == GEOPOL_ROLE_MEMBER || role == GEOPOL_ROLE_FOUNDING_MEMBER) &&
		    strcmp(last, item->membership->org) != 0 &&
		    strcmp(item->membership->org, "COW:SYSTEM") != 0) {
			n++;
			snprintf(last, sizeof last, "%s", item->membership->org);
		}
	}
	geopol_iter_free(it);
	return n;
}

START_TEST(test_panel__state_year)
{
	static const char *const vars[] = {"memberships", "events", "quad", "rel:sanctions"};
	static const char *const kaz[] = {"KAZ"};
	geopol_panel_options o = GEOPOL_PANEL_OPTIONS_INIT;
	o.unit = GEOPOL_PANEL_STATE;
	o.population = GEOPOL_PANEL_ALL;
	o.focus = kaz;
	o.n_focus = 1;
	o.vars = vars;
	o.n_vars = NV(vars);
	o.from = tu_date("2015");
	o.to = tu_date("2026");
	ck_assert_int_eq(run_panel(&o, NULL), GEOPOL_OK);
	ck_assert_uint_eq(t.n, 11);
	ck_assert_int_ge(col_index("quad4_in"), 0);
	ck_assert_int_ge(col_index("rel_sanctions_out"), 0);
	char year[8], at[16];
	for (int y = 2015; y <= 2025; y++) {
		snprintf(year, sizeof year, "%d", y);
		snprintf(at, sizeof at, "%d-07-01", y);
		ck_assert_double_eq(val(year, "KAZ", "", "memberships"), kaz_memberships(at));
	}
	/* 2022: RUS on KAZ 130, 1661, 163 (quad 3, 4, 4), CSTO on KAZ 1661: one
	 * event, counted once for KAZ as target; the Russian commentators' 111
	 * ("betrayal", audit section 6) is verbal conflict on KAZ too. */
	ck_assert_double_eq(val("2022", "KAZ", "", "quad4_in"), 2);
	ck_assert_double_eq(val("2022", "KAZ", "", "quad3_in"), 2);
}
END_TEST

START_TEST(test_panel__directed_and_months)
{
	static const char *const vars[] = {"events", "quad"};
	geopol_panel_options o = trio_options(vars, NV(vars));
	o.unit = GEOPOL_PANEL_DIRECTED_DYAD;
	o.from = tu_date("2022");
	o.to = tu_date("2023");
	ck_assert_int_eq(run_panel(&o, NULL), GEOPOL_OK);
	ck_assert_uint_eq(t.n, 6);
	ck_assert_int_eq(col_index("quad4_ba"), -1);
	ck_assert_double_eq(val("2022", "RUS", "KAZ", "quad4_ab"), 2);
	ck_assert_double_eq(val("2022", "KAZ", "RUS", "quad4_ab"), 0);
	ck_assert_double_eq(val("2022", "KAZ", "RUS", "quad3_ab"), 1);

	o.unit = GEOPOL_PANEL_DYAD;
	o.period = GEOPOL_PANEL_MONTH;
	ck_assert_int_eq(run_panel(&o, NULL), GEOPOL_OK);
	ck_assert_uint_eq(t.n, 12 * 3);
	/* January 2022: the 074 deployment (01-06) and 1661 (01-19); the three
	 * events dated only "2022" may fall in any month. */
	/* Every KAZ-RUS event of 2022 now has its day or month (audit E5, E7,
	 * E8): none may fall in January without surely falling there. */
	ck_assert_double_eq(val("2022-01", "KAZ", "RUS", "events"), 2);
	ck_assert_double_eq(val("2022-01", "KAZ", "RUS", "events_possible"), 0);
	/* June 2022: Zatulin's warning and Tokayev's refusal at SPIEF (06-17). */
	ck_assert_double_eq(val("2022-06", "KAZ", "RUS", "events"), 2);
	ck_assert_double_eq(val("2022-01", "KAZ", "RUS", "quad4_ba"), 1);
	ck_assert_double_eq(val("2022-07", "KAZ", "RUS", "quad4_ba"), 1);
	ck_assert_double_eq(val("2022-05", "KAZ", "TUR", "events"), 4);
	ck_assert_ptr_nonnull(strstr(t.rule, "on the 15th"));
}
END_TEST

START_TEST(test_panel__populations)
{
	static const char *const kaz[] = {"KAZ"};
	static const char *const vars[] = {"shared"};
	/* A state that belongs to nothing: only in the "all" population,
	 * until it shares an event with Kazakhstan. */
	geopol_entity_spec e = GEOPOL_ENTITY_SPEC_INIT;
	e.code = "ZZZ";
	e.kind = GEOPOL_KIND_STATE;
	e.from = tu_date("2000");
	ck_assert_int_eq(geopol_entity_add(db, &e), GEOPOL_OK);
	geopol_panel_options o = GEOPOL_PANEL_OPTIONS_INIT;
	o.focus = kaz;
	o.n_focus = 1;
	o.vars = vars;
	o.n_vars = 1;
	o.from = tu_date("2022");
	o.to = tu_date("2023");
	ck_assert_int_eq(run_panel(&o, NULL), GEOPOL_OK);
	/* Shared: every row has KAZ, and shares something. */
	ck_assert(has_row("2022", "KAZ", "RUS") && has_row("2022", "KAZ", "TUR") &&
		  has_row("2022", "CHN", "KAZ"));
	for (size_t i = 0; i < t.n; i++)
		ck_assert(strcmp(t.a[i], "KAZ") == 0 || strcmp(t.b[i], "KAZ") == 0);
	ck_assert(!has_row("2022", "KAZ", "ZZZ"));
	size_t shared_rows = t.n;

	o.population = GEOPOL_PANEL_ALL;
	ck_assert_int_eq(run_panel(&o, NULL), GEOPOL_OK);
	/* All: KAZ with every other state alive on 1 July 2022. */
	int64_t alive = tu_count(db, "SELECT count(*) FROM entity WHERE kind = 1 "
				 "AND from_lo <= 738336 AND to_hi > 738336");
	ck_assert_int_eq(tu_date("2022-07-01").day, 738336);
	ck_assert_uint_eq(t.n, (size_t)alive - 1);
	ck_assert_uint_eq(t.n, shared_rows + 1);
	ck_assert(has_row("2022", "KAZ", "ZZZ"));
	ck_assert_double_eq(val("2022", "KAZ", "ZZZ", "shared"), 0);
	/* Pairs without KAZ never come. */
	ck_assert(!has_row("2022", "RUS", "TUR"));

	geopol_actor_spec actors[] = {{"ZZZ", GEOPOL_ACTOR_SOURCE}, {"KAZ", GEOPOL_ACTOR_TARGET}};
	geopol_event_spec ev = GEOPOL_EVENT_SPEC_INIT;
	ev.type = "042";
	ev.date = tu_date("2022-09-01");
	ev.actors = actors;
	ev.n_actors = 2;
	ck_assert_int_eq(geopol_event_add(db, &ev, NULL), GEOPOL_OK);
	o.population = GEOPOL_PANEL_SHARED;
	ck_assert_int_eq(run_panel(&o, NULL), GEOPOL_OK);
	ck_assert(has_row("2022", "KAZ", "ZZZ"));
	ck_assert_uint_eq(t.n, shared_rows + 1);
}
END_TEST

/* ---- output */

typedef struct sink {
	char *buf;
	size_t n;
	int refuse;
} sink;

static int sink_write(void *ctx, const char *data, size_t len)
{
	sink *s = ctx;
	if (s->refuse)
		return -1;
	s->buf = realloc(s->buf, s->n + len + 1);
	memcpy(s->buf + s->n, data, len);
	s->n += len;
	s->buf[s->n] = '\0';
	return 0;
}

START_TEST(test_panel__write_csv_ndjson)
{
	static const char *const vars[] = {"shared", "goldstein"};
	geopol_panel_options o = trio_options(vars, NV(vars));
	o.from = tu_date("2022");
	o.to = tu_date("2023");
	geopol_panel_iter *p;
	ck_assert_int_eq(geopol_panel(&p, db, &o, NULL), GEOPOL_OK);
	sink s = {NULL, 0, 0};
	ck_assert_int_eq(geopol_panel_write(p, GEOPOL_FORMAT_CSV, sink_write, &s), GEOPOL_OK);
	geopol_panel_free(p);
	/* A plain table: the column names first (the rule is not in it). */
	ck_assert_msg(strncmp(s.buf, "year,a,b,shared,shared_possible,goldstein_sum_ab,"
			      "goldstein_mean_ab,goldstein_sum_ba,goldstein_mean_ba\n", 98) == 0,
		      "%s", s.buf);
	ck_assert_ptr_null(strchr(s.buf, '#'));
	/* RUS on KAZ: 130, 1661, 163 and the reversal of the CPC ruling (081,
	 * +5): -14.4 over four events. */
	ck_assert_ptr_nonnull(strstr(s.buf, "\n2022,KAZ,RUS,9,0,-4,-2,-14.4,-3.6\n"));
	/* RUS-TUR: CICA, OSCE, UN (geopol common RUS TUR --at 2022-07-01); no
	 * directed event, so no mean: an empty field. */
	ck_assert_ptr_nonnull(strstr(s.buf, "\n2022,RUS,TUR,3,0,0,,0,\n"));
	free(s.buf);

	ck_assert_int_eq(geopol_panel(&p, db, &o, NULL), GEOPOL_OK);
	s.buf = NULL;
	s.n = 0;
	ck_assert_int_eq(geopol_panel_write(p, GEOPOL_FORMAT_NDJSON, sink_write, &s), GEOPOL_OK);
	geopol_panel_free(p);
	ck_assert_msg(strncmp(s.buf, "{\"panel\":{\"rule\":\"unit=dyad-year", 32) == 0, "%s", s.buf);
	ck_assert_ptr_nonnull(strstr(s.buf, "\"keys\":[\"year\",\"a\",\"b\"],\"columns\":[\"shared\","));
	ck_assert_ptr_nonnull(strstr(s.buf, "\n{\"year\":\"2022\",\"a\":\"KAZ\",\"b\":\"TUR\",\"shared\":7,"
				     "\"shared_possible\":0,\"goldstein_sum_ab\":0,\"goldstein_mean_ab\":null,"
				     "\"goldstein_sum_ba\":3.4,\"goldstein_mean_ba\":3.4}\n"));
	free(s.buf);

	/* A writer that refuses: EIO. A format that is not a panel's: EINVAL. */
	ck_assert_int_eq(geopol_panel(&p, db, &o, NULL), GEOPOL_OK);
	s.buf = NULL;
	s.refuse = 1;
	ck_assert_int_eq(geopol_panel_write(p, GEOPOL_FORMAT_CSV, sink_write, &s), GEOPOL_EIO);
	ck_assert_int_eq(geopol_panel_write(p, GEOPOL_FORMAT_GEXF, sink_write, &s), GEOPOL_EINVAL);
	ck_assert_str_eq(geopol_errmsg(db), "panel: format 5 is neither CSV nor NDJSON");
	geopol_panel_free(p);
}
END_TEST

/* ---- the span read window by window */

/* The rows of a panel as its CSV writes them, without the header lines. */
static char *csv_rows(const geopol_panel_options *o)
{
	geopol_panel_iter *p;
	ck_assert_msg(geopol_panel(&p, db, o, NULL) == GEOPOL_OK, "%s", geopol_errmsg(db));
	sink s = {NULL, 0, 0};
	ck_assert_int_eq(geopol_panel_write(p, GEOPOL_FORMAT_CSV, sink_write, &s), GEOPOL_OK);
	geopol_panel_free(p);
	char *body = s.buf;
	while (*body == '#')
		body = strchr(body, '\n') + 1;
	body = strchr(body, '\n') + 1;  /* the column names */
	char *out = strdup(body);
	free(s.buf);
	return out;
}

/* The panel of a long span equals, byte for byte, the panels of its
 * periods one by one: the memberships and relations read chunk by chunk
 * (8 years, or 96 months, at a time) give what one period's reading gives,
 * across the chunks' bounds, for every kind of variable (attribute sums,
 * pledges, relation flags and the shared population's pairs). */
START_TEST(test_panel__long_span_is_its_periods)
{
	static const char *const vars[] = {"shared", "shared:kind=alliance", "alliance", "memberships",
					   "member:CSTO", "rel:trade.agreements_usd",
					   "rel:energy_cooperation.share_of_kazakh_oil_exports",
					   "rel:sanctions", "rel:supplies", "events", "quad", "goldstein"};
	static const char *const focus[] = {"KAZ"};
	static const struct { int unit, period, rule; const char *from, *to, *step; } spans[] = {
		{GEOPOL_PANEL_DYAD, GEOPOL_PANEL_YEAR, GEOPOL_PANEL_MIDPOINT, "1946", "2027", "y"},
		{GEOPOL_PANEL_DYAD, GEOPOL_PANEL_YEAR, GEOPOL_PANEL_ANY_DAY, "1946", "2027", "y"},
		{GEOPOL_PANEL_DIRECTED_DYAD, GEOPOL_PANEL_MONTH, GEOPOL_PANEL_ANY_DAY, "2012-06", "2026-01",
		 "m"},
	};
	for (size_t k = 0; k < NV(spans); k++) {
		geopol_panel_options o = GEOPOL_PANEL_OPTIONS_INIT;
		o.unit = spans[k].unit;
		o.period = spans[k].period;
		o.rule = spans[k].rule;
		o.focus = focus;
		o.n_focus = 1;
		o.vars = vars;
		o.n_vars = NV(vars);
		o.from = tu_date(spans[k].from);
		o.to = tu_date(spans[k].to);
		char *whole = csv_rows(&o);
		/* The same periods one at a time. */
		size_t cap = strlen(whole) + 1, n = 0;
		char *parts = calloc(cap + 1, 1);
		int y, m, d;
		geopol_date_to_ymd(o.from.day, &y, &m, &d);
		geopol_date end = o.to;
		for (;;) {
			geopol_date from, to;
			if (spans[k].step[0] == 'y') {
				geopol_date_from_ymd(&from, y, 0, 0);
				geopol_date_from_ymd(&to, y + 1, 0, 0);
				y++;
			} else {
				geopol_date_from_ymd(&from, y, m, 0);
				geopol_date_from_ymd(&to, y + (m == 12), m % 12 + 1, 0);
				y += m == 12;
				m = m % 12 + 1;
			}
			if (from.day >= end.day)
				break;
			o.from = from;
			o.to = to;
			char *one = csv_rows(&o);
			size_t len = strlen(one);
			ck_assert_msg(n + len <= cap, "span %zu: the periods give more rows", k);
			memcpy(parts + n, one, len);
			n += len;
			free(one);
		}
		parts[n] = '\0';
		ck_assert_msg(strcmp(whole, parts) == 0, "span %zu: the long span differs from its periods",
			      k);
		/* Not an empty comparison: rows with shared organizations, an
		 * attribute sum and events are in it. */
		ck_assert_msg(strlen(whole) > 10000, "span %zu: %zu bytes", k, strlen(whole));
		free(whole);
		free(parts);
	}
}
END_TEST

/* ---- bad input */

static void bad_var(const char *var, int want, const char *msg)
{
	const char *vars[] = {var};
	geopol_panel_options o = trio_options(vars, 1);
	geopol_panel_iter *p = (geopol_panel_iter *)&o;
	ck_assert_int_eq(geopol_panel(&p, db, &o, NULL), want);
	ck_assert_ptr_null(p);
	ck_assert_str_eq(geopol_errmsg(db), msg);
}

START_TEST(test_panel__errors)
{
	int64_t rows = tu_total_rows(db);
	bad_var("sharred", GEOPOL_EINVAL, "unknown panel variable 'sharred' (shared, shared:kind=K, "
		"shared:orgs=A+B, member:ORG, memberships, alliance, rel:TYPE, rel:TYPE.ATTR, "
		"events, quad, root, root:NN, goldstein)");
	bad_var("member:NOPE", GEOPOL_ENOTFOUND, "field 'member:NOPE': unknown entity 'NOPE'");
	bad_var("member:KAZ", GEOPOL_EINVAL, "panel variable 'member:KAZ': KAZ is not an organization");
	bad_var("rel:friendship", GEOPOL_ENOTFOUND, "panel variable 'rel:friendship': no relation type 'friendship'");
	bad_var("root:21", GEOPOL_EINVAL, "panel variable 'root:21': a CAMEO root is two digits, 01 to 20");
	bad_var("shared:colour=red", GEOPOL_EINVAL,
		"panel variable 'shared:colour=red': after 'shared:' give kind=SUBKIND or orgs=CODE+CODE");
	/* A kind no organization has (here misspelt) is refused, naming the
	 * stored kinds, rather than giving a column of zeros. */
	{
		const char *vars1[] = {"shared:kind=alliace"};
		geopol_panel_options o = trio_options(vars1, 1);
		geopol_panel_iter *p = NULL;
		ck_assert_int_eq(geopol_panel(&p, db, &o, NULL), GEOPOL_EINVAL);
		ck_assert_ptr_null(p);
		const char *m = geopol_errmsg(db);
		const char *want = "panel variable 'shared:kind=alliace': no organization has the "
				   "kind 'alliace' (the kinds stored: ";
		ck_assert_msg(strncmp(m, want, strlen(want)) == 0, "message: %s", m);
		ck_assert_msg(strstr(m, "alliance") != NULL, "the stored kinds lack alliance: %s", m);
	}

	static const char *const vars[] = {"shared"};
	geopol_panel_options o = trio_options(vars, 1);
	geopol_panel_iter *p;
	o.unit = GEOPOL_PANEL_STATE;
	ck_assert_int_eq(geopol_panel(&p, db, &o, NULL), GEOPOL_EINVAL);
	ck_assert_str_eq(geopol_errmsg(db), "panel variable 'shared' needs dyads (states have 'memberships')");
	o = trio_options(vars, 1);
	o.to = o.from;
	ck_assert_int_eq(geopol_panel(&p, db, &o, NULL), GEOPOL_EINVAL);
	ck_assert_str_eq(geopol_errmsg(db), "panel: the span ends before it starts");
	o = trio_options(vars, 1);
	o.unit = GEOPOL_PANEL_STATE;
	o.population = GEOPOL_PANEL_SHARED;
	ck_assert_int_eq(geopol_panel(&p, db, &o, NULL), GEOPOL_EINVAL);
	o = trio_options(vars, 1);
	o.n_codes = 0;
	ck_assert_int_eq(geopol_panel(&p, db, &o, NULL), GEOPOL_EINVAL);
	ck_assert_str_eq(geopol_errmsg(db), "panel: the 'list' population needs codes");
	static const char *const nobody[] = {"XXX"};
	o = trio_options(vars, 1);
	o.codes = nobody;
	o.n_codes = 1;
	ck_assert_int_eq(geopol_panel(&p, db, &o, NULL), GEOPOL_ENOTFOUND);
	ck_assert_str_eq(geopol_errmsg(db), "field 'panel code': unknown entity 'XXX'");
	o = trio_options(vars, 1);
	o.version = 99;
	ck_assert_int_eq(geopol_panel(&p, db, &o, NULL), GEOPOL_EMISUSE);
	geopol_panel_free(NULL);
	ck_assert_int_eq(tu_total_rows(db), rows);
}
END_TEST

/* The organizations of a kind (shared:kind=K): an unknown kind's message
 * lists every subkind of an organization, each once, in byte order, as
 * the tables give them; COW's state system (cow-states) is a kind one may
 * ask for, but it is never counted, not even by 'shared'. */
START_TEST(test_panel__org_kinds)
{
	char want[1024] = "panel variable 'shared:kind=nosuch': no organization has the kind "
			  "'nosuch' (the kinds stored: ";
	char *kinds = tu_joined(db, "SELECT DISTINCT subkind FROM entity WHERE kind = 2 AND "
				"subkind IS NOT NULL ORDER BY subkind", ", ");
	ck_assert_ptr_nonnull(strstr(kinds, ", "));
	strcat(want, kinds);
	strcat(want, ")");
	free(kinds);
	static const char *const bad[] = {"shared:kind=nosuch"};
	geopol_panel_options o = trio_options(bad, 1);
	geopol_panel_iter *p = NULL;
	ck_assert_int_eq(geopol_panel(&p, db, &o, NULL), GEOPOL_EINVAL);
	ck_assert_str_eq(geopol_errmsg(db), want);

	static const char *const before[] = {"shared", "memberships"};
	o = trio_options(before, NV(before));
	ck_assert_int_eq(run_panel(&o, NULL), GEOPOL_OK);
	double kaz = val("2022", "KAZ", "RUS", "memberships_a");
	double rus = val("2022", "KAZ", "RUS", "memberships_b");
	ck_assert_double_gt(kaz, 0);

	geopol_entity_spec e = GEOPOL_ENTITY_SPEC_INIT;
	e.code = "SYS";
	e.kind = GEOPOL_KIND_ORGANIZATION;
	e.subkind = "state system";
	e.from = tu_date("1816");
	ck_assert_int_eq(geopol_entity_add(db, &e), GEOPOL_OK);
	for (int i = 0; i < 2; i++) {
		geopol_membership_spec m = GEOPOL_MEMBERSHIP_SPEC_INIT;
		m.org = "SYS";
		m.member = trio[i];
		m.from = tu_date("1992");
		ck_assert_int_eq(geopol_membership_add(db, &m, NULL), GEOPOL_OK);
	}
	static const char *const vars[] = {"shared", "shared:kind=state system", "memberships"};
	o = trio_options(vars, NV(vars));
	ck_assert_int_eq(run_panel(&o, NULL), GEOPOL_OK);
	ck_assert_double_eq(val("2022", "KAZ", "RUS", "shared"), 9);
	ck_assert_double_eq(val("2022", "KAZ", "RUS", "shared_state_system"), 0);
	ck_assert_double_eq(val("2022", "KAZ", "RUS", "shared_state_system_possible"), 0);
	ck_assert_double_eq(val("2022", "KAZ", "RUS", "memberships_a"), kaz);
	ck_assert_double_eq(val("2022", "KAZ", "RUS", "memberships_b"), rus);
}
END_TEST

static void plan_of(const char *sql, char *plan, size_t size)
{
	char *q = sqlite3_mprintf("EXPLAIN QUERY PLAN %s", sql);
	sqlite3_stmt *st;
	ck_assert_int_eq(sqlite3_prepare_v2(db->sql, q, -1, &st, NULL), SQLITE_OK);
	plan[0] = '\0';
	while (sqlite3_step(st) == SQLITE_ROW) {
		strncat(plan, (const char *)sqlite3_column_text(st, 3), size - strlen(plan) - 2);
		strcat(plan, "\n");
	}
	sqlite3_finalize(st);
	sqlite3_free(q);
}

/* The events of a period are read through the date index, in its order:
 * no full scan, no sort. The memberships and relations a chunk of periods
 * adds are read by entity through the (entity, to_hi, ...) indexes, not by
 * a scan of the tables. */
START_TEST(test_panel__plan)
{
	/* The SQLite store's statements and SQLite's planner. The PostgreSQL
	 * store's panel (pg_panel.c) is planned by the server from the tables'
	 * statistics (a test's fresh tables have none), so no plan is
	 * asserted there; check_pg compares its panels with SQLite's. */
	if (tu_on_pg(db))
		return;
	char plan[2048];
	plan_of(gp_panel_sql_events, plan, sizeof plan);
	ck_assert_msg(strstr(plan, "SEARCH e USING COVERING INDEX event_window (from_lo>? AND "
			  "from_lo<?)") != NULL, "%s", plan);
	ck_assert_msg(strstr(plan, "TEMP B-TREE") == NULL, "%s", plan);
	plan_of(gp_panel_sql_memberships, plan, sizeof plan);
	ck_assert_msg(strstr(plan, "SEARCH m USING INDEX membership_member_at (member_id=? AND "
			  "to_hi>?)") != NULL, "%s", plan);
	plan_of(gp_panel_sql_memberships_pledges, plan, sizeof plan);
	ck_assert_msg(strstr(plan, "SEARCH m USING INDEX membership_member_at (member_id=? AND "
			  "to_hi>?)") != NULL, "%s", plan);
	plan_of(gp_panel_sql_relations, plan, sizeof plan);
	ck_assert_msg(strstr(plan, "SEARCH r USING INDEX relation_a_at (a_id=? AND to_hi>?)") != NULL,
		      "%s", plan);
}
END_TEST

static Suite *suite(void)
{
	Suite *s = suite_create("panel");
	/* Each test loads the built-in dataset: generous timeouts for a
	 * loaded machine. */
	TCase *core = tcase_create("core");
	tcase_add_unchecked_fixture(core, tu_dataset_template, NULL);
	tcase_add_checked_fixture(core, load, unload);
	tcase_set_timeout(core, 120);
	tcase_add_test(core, test_panel__kaz_dyads_shared);
	tcase_add_test(core, test_panel__kaz_dyads_events);
	tcase_add_test(core, test_panel__rules);
	tcase_add_test(core, test_panel__stored_quad_class);
	tcase_add_test(core, test_panel__atop_pledges);
	tcase_add_test(core, test_panel__known_on);
	tcase_add_test(core, test_panel__known_on_lives);
	tcase_add_test(core, test_panel__state_year);
	tcase_add_test(core, test_panel__directed_and_months);
	tcase_add_test(core, test_panel__populations);
	tcase_add_test(core, test_panel__write_csv_ndjson);
	tcase_add_test(core, test_panel__plan);
	tcase_add_test(core, test_panel__long_span_is_its_periods);
	suite_add_tcase(s, core);
	TCase *rules = tcase_create("rules");
	tcase_add_test(rules, test_panel__certainty_some_day);
	tcase_add_test(rules, test_panel__quad_class);
	suite_add_tcase(s, rules);
	TCase *errors = tcase_create("errors");
	tcase_add_unchecked_fixture(errors, tu_dataset_template, NULL);
	tcase_add_checked_fixture(errors, load, unload);
	tcase_set_timeout(errors, 120);
	tcase_add_test(errors, test_panel__errors);
	tcase_add_test(errors, test_panel__org_kinds);
	suite_add_tcase(s, errors);
	return s;
}

int main(void)
{
	return tu_run(suite());
}
