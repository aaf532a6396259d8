/*
 * check_import_events.c - the event importers: cameo, icews, gdelt. Fixtures are cut
 * from the real files (tests/fixtures/); the whole files are read from
 * ../shared/data when it is there.
 */
#include <check.h>
#include <cjson/cJSON.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <zip.h>

#include "test_util.h"
#include "core/geopol_internal.h"

#define FIX GEOPOL_SOURCE_DIR "/tests/fixtures/"
#define REAL GEOPOL_SHARED_DIR "/data/"




/* The first column of the first row of a query, as text ("" for none). */
static const char *one(geopol_db *db, const char *sql)
{
	return tu_one(db, sql);
}

/* An event's actors: code:role, by role (then entity, the order of the
 * table's key), joined by ','; "" for none. */
static const char *actors_of(geopol_db *db, const char *where)
{
	static char out[1024];
	char sql[512];
	snprintf(sql, sizeof sql, "SELECT x.code || ':' || a.role FROM event_actor a JOIN event e ON "
		 "e.id = a.event_id JOIN entity x ON x.id = a.entity_id WHERE %s ORDER BY a.role, "
		 "a.entity_id", where);
	char *j = tu_joined(db, sql, ",");
	snprintf(out, sizeof out, "%s", j);
	free(j);
	return out;
}

/* An event as one line: type goldstein intensity actors | title | location |
 * source quote | day ("" when a part is missing). The first version of
 * ext (by rec_to, the order of the index event_ext); its first title (by
 * language) and citation (by id); goldstein and intensity as printf's %g
 * (a NULL as 0, as SQLite's printf gives it). */
static const char *event_line(geopol_db *db, const char *ext)
{
	static char out[2048];
	out[0] = '\0';
	char *row = tu_rows(db, "SELECT e.id, e.type, (SELECT goldstein FROM event_type WHERE code = e.type), "
		"e.intensity, COALESCE((SELECT title FROM event_text WHERE event_id = e.id ORDER BY lang "
		"LIMIT 1), '') || ' | ' || COALESCE(e.location, '') || ' | ' || (SELECT s.code || ' ' || "
		"COALESCE(c.quote, '-') FROM citation c JOIN source s ON s.id = c.source_id WHERE "
		"c.event_id = e.id ORDER BY c.id LIMIT 1) || ' | ' || e.from_lo FROM event e "
		"WHERE e.ext_id = $1 ORDER BY e.rec_to LIMIT 1", 1, (tu_param[]){TU_TEXT(ext)});
	/* id|type|goldstein|intensity|the rest (which may hold '|'). */
	char *f[5] = {row};
	for (int k = 1; k < 5 && f[k - 1]; k++)
		if ((f[k] = strchr(f[k - 1], '|')))
			*f[k]++ = '\0';
	if (f[4] && strcmp(f[4], "NULL") != 0) {
		char where[64];
		snprintf(where, sizeof where, "e.id = %s", f[0]);
		const char *actors = actors_of(db, where);
		double g = strcmp(f[2], "NULL") ? strtod(f[2], NULL) : 0;
		double i = strcmp(f[3], "NULL") ? strtod(f[3], NULL) : 0;
		if (*actors)
			snprintf(out, sizeof out, "%s %g %g %s | %s", f[1], g, i, actors, f[4]);
	}
	free(row);
	return out;
}

/* The actors of the current version of an event. */
static const char *current_actors(geopol_db *db, const char *ext)
{
	char where[128];
	snprintf(where, sizeof where, "e.ext_id = '%s' AND e.rec_to = 9223372036854775807", ext);
	return actors_of(db, where);
}

static int64_t day(const char *s)
{
	return tu_date(s).day;
}

START_TEST(test_import_events__cameo)
{
	geopol_db *db = tu_open();
	geopol_import_stats st;
	tu_import_ok(db, "cameo", FIX "cameo-codes.csv", &st);
	ck_assert_int_eq(st.rows, 15);
	ck_assert_int_eq(st.added, 15);
	char *row = tu_rows(db, "SELECT name, goldstein, root FROM event_type WHERE code = '190'", 0, NULL);
	ck_assert_str_eq(row, "Use conventional military force|-10.0|19");
	free(row);
	ck_assert_str_eq(one(db, "SELECT name FROM event_type WHERE code = '04'"), "CONSULT");
	tu_import_ok(db, "cameo", FIX "cameo-codes.csv", &st);
	ck_assert_int_eq(st.added, 0);
	ck_assert_int_eq(st.unchanged, 15);
	geopol_close(db);
}
END_TEST

START_TEST(test_import_events__gdelt)
{
	geopol_db *db = tu_open();
	geopol_import_stats st;
	tu_import_ok(db, "cameo", FIX "cameo-codes.csv", NULL);
	const char *paths[2] = {FIX "gdelt-apr2012.csv", FIX "gdelt-april13.csv"};
	ck_assert_msg(geopol_import(db, "gdelt", paths, 2, NULL, &st) == GEOPOL_OK, "%s", geopol_errmsg(db));
	ck_assert_int_eq(st.rows, 15);
	ck_assert_int_eq(st.added, 15);
	/* Actor2CountryCode GBR as target; Goldstein 2.8; no URL in 2012. */
	char want[1024];
	snprintf(want, sizeof want, "043 2.8 2.8 GBR:2 | SCOTLAND | Georgia | gdelt-1.0 - | %lld",
		 (long long)day("2012-04-01"));
	ck_assert_str_eq(event_line(db, "GDELT:189359358"), want);
	/* No state actor: Georgia, where it happened, is the host. */
	snprintf(want, sizeof want, "190 -10 -10 GEO:4 | POLICE | Georgia | gdelt-1.0 - | %lld",
		 (long long)day("2012-04-01"));
	ck_assert_str_eq(event_line(db, "GDELT:189358751"), want);
	/* An R-written file (row names first), with the source URL. */
	snprintf(want, sizeof want, "010 0 0 ARM:2 | MINISTRY -> ARMENIA | Stepantsminda, Georgia (general), "
		 "Georgia | gdelt-1.0 http://armenpress.am/eng/news/713439/ | %lld", (long long)day("2013-04-01"));
	ck_assert_str_eq(event_line(db, "GDELT:253472894"), want);
	/* Again: nothing added. */
	int64_t before = tu_total_rows(db);
	ck_assert_int_eq(geopol_import(db, "gdelt", paths, 2, NULL, &st), GEOPOL_OK);
	ck_assert_int_eq(st.added, 0);
	ck_assert_int_eq(st.unchanged, 15);
	ck_assert_int_eq(tu_total_rows(db), before);
	geopol_close(db);
}
END_TEST

START_TEST(test_import_events__options_v1)
{
	/* A caller built against options version 1 has the stats of that
	 * version: four counts, and nothing is written past them (ASan would
	 * see it; the guard word says so without). */
	geopol_db *db = tu_open();
	geopol_import_options o = GEOPOL_IMPORT_OPTIONS_INIT;
	o.version = 1;
	uint64_t *v1 = malloc(5 * sizeof *v1);
	v1[4] = 0x5A5A5A5A5A5A5A5AULL;
	const char *paths[1] = {FIX "gdelt-apr2012.csv"};
	ck_assert_int_eq(geopol_import(db, "gdelt", paths, 1, &o, (geopol_import_stats *)(void *)v1),
			 GEOPOL_OK);
	ck_assert_int_eq(v1[0], 10); /* rows */
	ck_assert_int_eq(v1[1], 10); /* added */
	ck_assert_int_eq(v1[2], 0);  /* unchanged */
	ck_assert_int_eq(v1[3], 0);  /* skipped */
	ck_assert(v1[4] == 0x5A5A5A5A5A5A5A5AULL);
	free(v1);
	geopol_close(db);
}
END_TEST

START_TEST(test_import_events__gdelt_before_cameo)
{
	/* Unknown codes get a placeholder type; cameo names it later. */
	geopol_db *db = tu_open();
	tu_import_ok(db, "gdelt", FIX "gdelt-apr2012.csv", NULL);
	ck_assert_str_eq(one(db, "SELECT name FROM event_type WHERE code = '190'"), "CAMEO 190");
	tu_import_ok(db, "cameo", FIX "cameo-codes.csv", NULL);
	ck_assert_str_eq(one(db, "SELECT name FROM event_type WHERE code = '190'"),
			 "Use conventional military force");
	geopol_close(db);
}
END_TEST

START_TEST(test_import_events__icews)
{
	geopol_db *db = tu_open();
	geopol_import_stats st;
	tu_import_ok(db, "cameo", FIX "cameo-codes.csv", NULL);
	tu_import_ok(db, "icews", FIX "icews.tab", &st);
	ck_assert_int_eq(st.rows, 12);
	ck_assert_int_eq(st.added, 12);
	char want[1024];
	snprintf(want, sizeof want, "040 1 1 BGD:1,VNM:2 | Foreign Affairs (Bangladesh) -> High Ranking "
		 "Military Personnel (Vietnam) | Hanoi, Thanh Pho Ha Noi, Vietnam | icews story 47400351, "
		 "sentence 2, Vietnam News Agency Bulletin | %lld", (long long)day("2018-06-01"));
	ck_assert_str_eq(event_line(db, "ICEWS:32889836"), want);
	/* "United States" and "China" by their English names. */
	char *codes = tu_joined(db, "SELECT x.code FROM event e JOIN event_actor a ON a.event_id = e.id "
				"JOIN entity x ON x.id = a.entity_id WHERE e.ext_id = 'ICEWS:32891068' "
				"ORDER BY e.rec_to, a.entity_id, a.role", ",");
	ck_assert_str_eq(codes, "USA,CHN");
	free(codes);
	tu_import_ok(db, "icews", FIX "icews.tab", &st);
	ck_assert_int_eq(st.added, 0);
	geopol_close(db);
}
END_TEST

START_TEST(test_import_events__bad_rows)
{
	char *path = tu_doctored(FIX "gdelt-apr2012.csv", 4, ",20120401,", ",20120431,");
	geopol_db *db = tu_open();
	int64_t before = tu_total_rows(db);
	ck_assert_int_eq(tu_import_file(db, "gdelt", path, NULL, NULL), GEOPOL_EINVAL);
	char want[512];
	snprintf(want, sizeof want, "%s:4:SQLDATE: '20120431' is not a date (YYYYMMDD)", path);
	ck_assert_str_eq(geopol_errmsg(db), want);
	ck_assert_int_eq(tu_total_rows(db), before);
	geopol_import_options o = GEOPOL_IMPORT_OPTIONS_INIT;
	o.skip_bad_rows = 1;
	o.skipped = tu_on_skip;
	geopol_import_stats st;
	tu_n_reported = 0;
	ck_assert_int_eq(tu_import_file(db, "gdelt", path, &o, &st), GEOPOL_OK);
	ck_assert_int_eq(st.skipped, 1);
	ck_assert_int_eq(st.added, 9);
	ck_assert_int_eq(tu_n_reported, 1);
	ck_assert_str_eq(tu_last_report, want);
	unlink(path);
	free(path);
	/* A truncated record; an unterminated quote. */
	path = tu_doctored(FIX "icews.tab", 3, "\tConsult\t", "\n");
	db = (geopol_close(db), tu_open());
	ck_assert_int_eq(tu_import_file(db, "icews", path, NULL, NULL), GEOPOL_EINVAL);
	ck_assert_ptr_nonnull(strstr(geopol_errmsg(db), ":3:Event Text: expected 20 fields, found 5"));
	unlink(path);
	free(path);
	path = tu_doctored(FIX "gdelt-apr2012.csv", 11, ",\"\"\n", ",\"\n");
	ck_assert_int_eq(tu_import_file(db, "gdelt", path, NULL, NULL), GEOPOL_EINVAL);
	snprintf(want, sizeof want, "%s:11: unterminated quoted field", path);
	ck_assert_str_eq(geopol_errmsg(db), want);
	unlink(path);
	free(path);
	geopol_close(db);
}
END_TEST

/* A bad row either stops the import with FILE:LINE:COLUMN: what, leaving
 * the database as it was, or is skipped and counted with that reason. */
static void bad_row_case(const char *format, const char *path, const char *want_tail,
			 uint64_t rows, uint64_t added)
{
	geopol_db *db = tu_open();
	int64_t before = tu_total_rows(db);
	char want[1024];
	snprintf(want, sizeof want, "%s:%s", path, want_tail);
	ck_assert_int_eq(tu_import_file(db, format, path, NULL, NULL), GEOPOL_EINVAL);
	ck_assert_str_eq(geopol_errmsg(db), want);
	ck_assert_int_eq(tu_total_rows(db), before);
	geopol_import_options o = GEOPOL_IMPORT_OPTIONS_INIT;
	o.skip_bad_rows = 1;
	o.skipped = tu_on_skip;
	geopol_import_stats st;
	tu_n_reported = 0;
	ck_assert_int_eq(tu_import_file(db, format, path, &o, &st), GEOPOL_OK);
	ck_assert_int_eq(st.rows, rows);
	ck_assert_int_eq(st.skipped, 1);
	ck_assert_int_eq(st.added, added);
	ck_assert_int_eq(st.unchanged, 0);
	ck_assert_int_eq(tu_n_reported, 1);
	ck_assert_str_eq(tu_last_report, want);
	geopol_close(db);
}

START_TEST(test_import_events__nothing_lost)
{
	/* NUL bytes inside a field (a URL, an actor name). */
	bad_row_case("gdelt", FIX "gdelt-url-nul.csv", "2:SOURCEURL: a NUL byte inside the field", 1, 0);
	bad_row_case("icews", FIX "icews-nul.tab", "2:Source Name: a NUL byte inside the field", 1, 0);
	/* Text that is not UTF-8: a GDELT place, an ICEWS actor name. */
	bad_row_case("gdelt", FIX "gdelt-geo-badutf8.csv",
		     "2:ActionGeo_FullName: not valid UTF-8 (byte 0xFF at offset 4)", 1, 0);
	bad_row_case("icews", FIX "icews-badutf8.tab",
		     "2:Source Name: not valid UTF-8 (byte 0xFF at offset 0)", 1, 0);
}
END_TEST

START_TEST(test_import_events__nonstate_actors)
{
	/* The two rows of the real ICEWS sample that name no country anywhere:
	 * "Protester (Google) -> Unspecified Actor" and "World Health
	 * Organization -> United Nations". Their actors are kept: an
	 * organization of that English name when one is stored (the UN), else
	 * an entity of the dataset's actor, named as ICEWS names it. */
	geopol_db *db = tu_open();
	geopol_entity_spec un = GEOPOL_ENTITY_SPEC_INIT;
	un.code = "UN";
	un.kind = GEOPOL_KIND_ORGANIZATION;
	ck_assert_int_eq(geopol_entity_add(db, &un), GEOPOL_OK);
	geopol_name_spec n = GEOPOL_NAME_SPEC_INIT;
	n.entity = "UN";
	n.text = "United Nations";
	n.lang = "en";
	ck_assert_int_eq(geopol_name_add(db, &n, NULL), GEOPOL_OK);
	geopol_import_stats st;
	tu_import_ok(db, "icews", FIX "icews-nonstate.tab", &st);
	ck_assert_int_eq(st.rows, 2);
	ck_assert_int_eq(st.skipped, 0);
	ck_assert_int_eq(st.added, 2 + 3); /* two events, three actors */
	ck_assert_str_eq(current_actors(db, "ICEWS:32891407"),
			 "ICEWS-ACTOR:Protester_(Google):1,ICEWS-ACTOR:Unspecified_Actor:2");
	ck_assert_str_eq(current_actors(db, "ICEWS:32888261"), "ICEWS-ACTOR:World_Health_Organization:1,UN:2");
	ck_assert_str_eq(one(db, "SELECT e.kind || ' ' || e.subkind || ' ' || n.text || ' ' || s.code FROM entity e "
			     "JOIN name n ON n.entity_id = e.id JOIN citation c ON c.name_id = n.id JOIN source s "
			     "ON s.id = c.source_id WHERE e.code = 'ICEWS-ACTOR:World_Health_Organization'"),
			 "4 actor World Health Organization icews");
	/* Found again on a second import: nothing added. */
	int64_t before = tu_total_rows(db);
	tu_import_ok(db, "icews", FIX "icews-nonstate.tab", &st);
	ck_assert_int_eq(st.added, 0);
	ck_assert_int_eq(st.unchanged, 2);
	ck_assert_int_eq(tu_total_rows(db), before);
	geopol_close(db);
	/* GDELT: Georgian police with no place; the actor is coded by its
	 * CAMEO actor code (COP) and named as GDELT names it. */
	char *nogeo = tu_doctored(FIX "gdelt-apr2012.csv", 4, "1,\"Georgia\",\"GG\",\"GG\",42,43.5,0,20130203",
				  "0,NA,NA,NA,0,0,NA,20130203");
	db = tu_open();
	tu_import_ok(db, "gdelt", nogeo, &st);
	ck_assert_int_eq(st.skipped, 0);
	ck_assert_str_eq(current_actors(db, "GDELT:189358751"), "GDELT-ACTOR:COP:2");
	char *names = tu_joined(db, "SELECT n.text FROM name n JOIN entity e ON e.id = n.entity_id "
				"WHERE e.code = 'GDELT-ACTOR:COP' ORDER BY n.id", ",");
	ck_assert_str_eq(names, "POLICE");
	free(names);
	geopol_close(db);
	unlink(nogeo);
	free(nogeo);
	/* A row with no actor and no place at all is still a bad row. */
	char *path = tu_doctored(FIX "icews-nonstate.tab", 3, "\tWorld Health Organization\t", "\tNA\t");
	char *bare = tu_doctored(path, 3, "\tUnited Nations\t", "\tNA\t");
	char want[1024];
	snprintf(want, sizeof want, "%s:3:Country: no actor and no country for the place: an event needs one",
		 bare);
	db = tu_open();
	before = tu_total_rows(db);
	ck_assert_int_eq(tu_import_file(db, "icews", bare, NULL, NULL), GEOPOL_EINVAL);
	ck_assert_str_eq(geopol_errmsg(db), want);
	ck_assert_int_eq(tu_total_rows(db), before);
	geopol_close(db);
	unlink(path);
	unlink(bare);
	free(path);
	free(bare);
}
END_TEST

/* The actor entities of the events: code|whole text (xref)|English names
 * (joined by ','), one a line, by code; one without an English name left
 * out. */
static char *actor_entities(geopol_db *db)
{
	char *rows = tu_rows(db, "SELECT e.id, e.code || '|' || COALESCE((SELECT value FROM entity_xref "
			     "WHERE entity_id = e.id AND scheme = 'icews-actor'), '-') FROM entity e "
			     "WHERE e.subkind = 'actor' ORDER BY e.code", 0, NULL);
	char *out = calloc(1, strlen(rows) * 3 + 1024);
	ck_assert_ptr_nonnull(out);
	for (char *line = strtok(rows, "\n"); line; line = strtok(NULL, "\n")) {
		char *bar = strchr(line, '|'), sql[256];
		ck_assert_ptr_nonnull(bar);
		*bar = '\0';
		snprintf(sql, sizeof sql, "SELECT text FROM name WHERE entity_id = %s AND lang = 'en' "
			 "ORDER BY id", line);
		char *names = tu_joined(db, sql, ",");
		if (*names)
			sprintf(out + strlen(out), "%s%s|%s", *out ? "\n" : "", bar + 1, names);
		free(names);
	}
	free(rows);
	return out;
}

START_TEST(test_import_events__long_actor_names)
{
	/* Two real ICEWS actor names (events.2018.sample.tab lines 1526 and
	 * 3658) that agree on their first 52 bytes, all an actor code had
	 * room for after "ICEWS-ACTOR:"; their countries set to NA so that
	 * the actors become entities of their own. They were one entity,
	 * named after the first; now two, each with its whole name, coded by
	 * the first bytes that fit and 8 hex digits of FNV-1a over the whole
	 * name (its two 32-bit halves XOR-ed; checked with Python). */
	geopol_db *db = tu_open();
	geopol_import_stats st;
	tu_import_ok(db, "icews", FIX "icews-long-actors.tab", &st);
	ck_assert_int_eq(st.rows, 2);
	ck_assert_int_eq(st.added, 2 + 4); /* two events, four actors */
	char *actors = actor_entities(db);
	ck_assert_str_eq(actors,
		"ICEWS-ACTOR:China|China|China\n"
		"ICEWS-ACTOR:Government_(Malaysia)|Government (Malaysia)|Government (Malaysia)\n"
		"ICEWS-ACTOR:Information_/_Communication_/_Transparency_~532ce253|"
		"Information / Communication / Transparency Ministry (Malaysia)|"
		"Information / Communication / Transparency Ministry (Malaysia)\n"
		"ICEWS-ACTOR:Information_/_Communication_/_Transparency_~dc230f37|"
		"Information / Communication / Transparency Ministry (Tunisia)|"
		"Information / Communication / Transparency Ministry (Tunisia)");
	free(actors);
	ck_assert_str_eq(current_actors(db, "ICEWS:32888268"),
			 "ICEWS-ACTOR:Information_/_Communication_/_Transparency_~dc230f37:1,"
			 "ICEWS-ACTOR:China:2");
	ck_assert_str_eq(current_actors(db, "ICEWS:32899570"),
			 "ICEWS-ACTOR:Information_/_Communication_/_Transparency_~532ce253:1,"
			 "ICEWS-ACTOR:Government_(Malaysia):2");
	/* The title keeps both names whole. */
	ck_assert_str_eq(one(db, "SELECT title FROM event_text t JOIN event e ON e.id = t.event_id "
			     "WHERE e.ext_id = 'ICEWS:32899570'"),
			 "Information / Communication / Transparency Ministry (Malaysia) -> Government (Malaysia)");
	/* Found again by their whole names: nothing added. */
	int64_t before = tu_total_rows(db);
	tu_import_ok(db, "icews", FIX "icews-long-actors.tab", &st);
	ck_assert_int_eq(st.added, 0);
	ck_assert_int_eq(st.unchanged, 2);
	ck_assert_int_eq(tu_total_rows(db), before);
	geopol_close(db);

	/* A code another text holds: "Unspecified_Actor" (underscore) is not
	 * "Unspecified Actor" (space), though both spell the same code. */
	char *other = tu_doctored(FIX "icews-nonstate.tab", 2, "\tUnspecified Actor\t", "\tUnspecified_Actor\t");
	char *both = tu_doctored(other, 2, "32891407", "32891408");
	db = tu_open();
	tu_import_ok(db, "icews", FIX "icews-nonstate.tab", NULL);
	tu_import_ok(db, "icews", both, &st);
	ck_assert_int_eq(st.added, 1 + 1); /* the event, the new actor */
	ck_assert_str_eq(current_actors(db, "ICEWS:32891408"),
			 "ICEWS-ACTOR:Protester_(Google):1,ICEWS-ACTOR:Unspecified_Actor~53dd8221-2:2");
	geopol_close(db);

	/* An actor stored before the whole texts were kept (no external id)
	 * is found by its code, and keeps it. */
	db = tu_open();
	geopol_entity_spec old = GEOPOL_ENTITY_SPEC_INIT;
	old.code = "ICEWS-ACTOR:China";
	old.kind = GEOPOL_KIND_OTHER;
	old.subkind = "actor";
	ck_assert_int_eq(geopol_entity_add(db, &old), GEOPOL_OK);
	tu_import_ok(db, "icews", FIX "icews-long-actors.tab", &st);
	ck_assert_int_eq(st.added, 2 + 3);
	ck_assert_str_eq(current_actors(db, "ICEWS:32888268"),
			 "ICEWS-ACTOR:Information_/_Communication_/_Transparency_~dc230f37:1,"
			 "ICEWS-ACTOR:China:2");
	ck_assert_int_eq(tu_count(db, "SELECT count(*) FROM entity_xref x JOIN entity e ON e.id = x.entity_id "
				  "WHERE e.code = 'ICEWS-ACTOR:China' AND x.value = 'China'"), 1);
	geopol_close(db);
	unlink(other);
	unlink(both);
	free(other);
	free(both);
}
END_TEST

/* A copy of a fixture: each line with `prefix` before it and `from`
 * replaced by `to` (when given), the lines holding `drop` left out. */
static char *rewritten(const char *fixture, const char *prefix, const char *from, const char *to,
		       const char *drop)
{
	FILE *in = fopen(fixture, "r");
	ck_assert_ptr_nonnull(in);
	char *path = strdup("/tmp/geopol-fixture-XXXXXX");
	int fd = mkstemp(path);
	ck_assert_int_ge(fd, 0);
	FILE *out = fdopen(fd, "w");
	static char line[1 << 16];
	while (fgets(line, sizeof line, in)) {
		char *p = from ? strstr(line, from) : NULL;
		if (drop && strstr(line, drop))
			continue;
		fputs(prefix, out);
		if (p) {
			fwrite(line, 1, (size_t)(p - line), out);
			fputs(to, out);
			fputs(p + strlen(from), out);
		} else {
			fputs(line, out);
		}
	}
	fclose(in);
	fclose(out);
	return path;
}

/* Events of a dataset id prefix current as known at k (0: now). */
static int64_t gdelt_events_known(geopol_db *db, int64_t k)
{
	char sql[256];
	snprintf(sql, sizeof sql, "SELECT count(*) FROM event WHERE ext_id LIKE 'GDELT:%%' AND rec_from <= %lld "
		 "AND rec_to > %lld", (long long)(k ? k : INT64_MAX - 1), (long long)(k ? k : INT64_MAX - 1));
	return tu_count(db, sql);
}

START_TEST(test_import_events__release_span)
{
	/* A release covers its own span: a new GDELT day (DATEADDED
	 * 20130204) imported with --release adds that day and retracts
	 * nothing of the day before; a corrected day retracts only what it
	 * no longer has; a monthly sample only within its month. */
	char *day2 = rewritten(FIX "gdelt1-daily.export.CSV", "9", "\t20130203\t", "\t20130204\t", NULL);
	char *day1_fixed = rewritten(FIX "gdelt1-daily.export.CSV", "", NULL, NULL, "86074552\t");
	geopol_db *db = tu_open();
	geopol_import_options o = GEOPOL_IMPORT_OPTIONS_INIT;
	o.release = 1;
	geopol_import_stats st;
	geopol_set_clock(db, geopol_recorded_end_of(tu_date("2025-06-01")));
	tu_import_ok(db, "gdelt", FIX "gdelt1-daily.export.CSV", &st);
	ck_assert_int_eq(st.added, 3);
	geopol_set_clock(db, geopol_recorded_end_of(tu_date("2025-06-02")));
	ck_assert_msg(tu_import_file(db, "gdelt", day2, &o, &st) == GEOPOL_OK, "%s", geopol_errmsg(db));
	ck_assert_int_eq(st.added, 3);
	ck_assert_int_eq(st.retracted, 0);
	ck_assert_int_eq(gdelt_events_known(db, 0), 6);
	/* Day 1 again, without event 86074552: that one only is retracted. */
	geopol_set_clock(db, geopol_recorded_end_of(tu_date("2025-06-03")));
	ck_assert_msg(tu_import_file(db, "gdelt", day1_fixed, &o, &st) == GEOPOL_OK, "%s", geopol_errmsg(db));
	ck_assert_int_eq(st.added, 0);
	ck_assert_int_eq(st.unchanged, 2);
	ck_assert_int_eq(st.retracted, 1);
	ck_assert_int_eq(gdelt_events_known(db, 0), 5);
	ck_assert_int_eq(tu_count(db, "SELECT count(*) FROM event WHERE ext_id = 'GDELT:86074552' AND rec_to = "
				  "9223372036854775807"), 0);
	ck_assert_int_eq(gdelt_events_known(db, geopol_recorded_end_of(tu_date("2025-06-02"))), 6);
	ck_assert_int_eq(gdelt_events_known(db, geopol_recorded_end_of(tu_date("2025-06-01"))), 3);
	geopol_close(db);
	/* Monthly samples: April 2012 and April 2013; a release of April 2012
	 * without one event retracts that event and nothing of 2013. */
	char *apr_fixed = rewritten(FIX "gdelt-apr2012.csv", "", NULL, NULL, "189358751,");
	db = tu_open();
	const char *both[2] = {FIX "gdelt-apr2012.csv", FIX "gdelt-april13.csv"};
	geopol_set_clock(db, geopol_recorded_end_of(tu_date("2025-06-01")));
	ck_assert_int_eq(geopol_import(db, "gdelt", both, 2, NULL, &st), GEOPOL_OK);
	ck_assert_int_eq(st.added, 15);
	geopol_set_clock(db, geopol_recorded_end_of(tu_date("2025-06-02")));
	ck_assert_msg(tu_import_file(db, "gdelt", apr_fixed, &o, &st) == GEOPOL_OK, "%s", geopol_errmsg(db));
	ck_assert_int_eq(st.unchanged, 9);
	ck_assert_int_eq(st.retracted, 1);
	ck_assert_int_eq(gdelt_events_known(db, 0), 14);
	ck_assert_int_eq(tu_count(db, "SELECT count(*) FROM event WHERE ext_id = 'GDELT:189358751' AND rec_to = "
				  "9223372036854775807"), 0);
	geopol_close(db);
	unlink(day2);
	unlink(day1_fixed);
	unlink(apr_fixed);
	free(day2);
	free(day1_fixed);
	free(apr_fixed);
}
END_TEST

START_TEST(test_import_events__reused_id)
{
	/* The same GDELT id in a second file for another event (date, code and
	 * actor differ): both are kept, each found again on a re-import. */
	char *other = tu_doctored(FIX "gdelt-apr2012.csv", 4, "20120401,201204,2012,2012.2493",
				  "20121110,201211,2012,2012.8603");
	geopol_db *db = tu_open();
	const char *paths[2] = {FIX "gdelt-apr2012.csv", other};
	geopol_import_stats st;
	ck_assert_msg(geopol_import(db, "gdelt", paths, 2, NULL, &st) == GEOPOL_OK, "%s", geopol_errmsg(db));
	ck_assert_int_eq(st.rows, 20);
	ck_assert_int_eq(st.added, 11);
	ck_assert_int_eq(st.unchanged, 9);
	ck_assert_int_eq(st.reused, 1);
	ck_assert_int_eq(tu_count(db, "SELECT count(*) FROM event WHERE ext_id = 'GDELT:189358751'"), 1);
	ck_assert_int_eq(tu_count(db, "SELECT count(*) FROM event WHERE ext_id LIKE 'GDELT:189358751#%' "
				  "AND from_lo - (SELECT from_lo FROM event WHERE ext_id = 'GDELT:189358751') = 223"), 1);
	int64_t before = tu_total_rows(db);
	ck_assert_int_eq(geopol_import(db, "gdelt", paths, 2, NULL, &st), GEOPOL_OK);
	ck_assert_int_eq(st.added, 0);
	ck_assert_int_eq(st.unchanged, 20);
	ck_assert_int_eq(st.reused, 0);
	ck_assert_int_eq(tu_total_rows(db), before);
	geopol_close(db);
	unlink(other);
	free(other);
}
END_TEST

/* A copy of a file without its line n (1-based); a temporary path. */
static char *without_line(const char *path, int n)
{
	FILE *in = fopen(path, "r");
	ck_assert_ptr_nonnull(in);
	char *out_path = strdup("/tmp/geopol-fixture-XXXXXX");
	int fd = mkstemp(out_path);
	ck_assert_int_ge(fd, 0);
	FILE *out = fdopen(fd, "w");
	static char line[1 << 16];
	for (int i = 1; fgets(line, sizeof line, in); i++)
		if (i != n)
			fputs(line, out);
	fclose(in);
	fclose(out);
	return out_path;
}

/* Every event as "ext_id intensity" lines, as known at k (0: now). */
static char *events_known(geopol_db *db, int64_t k)
{
	geopol_query q = GEOPOL_QUERY_INIT;
	q.known_at = k;
	geopol_iter *it;
	const geopol_item *item;
	ck_assert_int_eq(geopol_events(&it, db, NULL, &q), GEOPOL_OK);
	char buf[8192] = "";
	while (geopol_iter_next(it, &item) == GEOPOL_OK)
		snprintf(buf + strlen(buf), sizeof buf - strlen(buf), "%s %g\n", item->event->ext_id,
			 item->event->intensity);
	geopol_iter_free(it);
	return strdup(buf);
}

START_TEST(test_import_events__release)
{
	/* An ICEWS correction: one event's intensity changes, one is withdrawn. */
	char *a = tu_doctored(FIX "icews.tab", 2, "\tConsult\t040\t1\t", "\tConsult\t040\t3\t");
	char *release = without_line(a, 4); /* 32891290 */
	geopol_db *db = tu_open();
	geopol_set_clock(db, geopol_recorded_end_of(tu_date("2025-06-01")));
	tu_import_ok(db, "icews", FIX "icews.tab", NULL);
	char *before = events_known(db, 0);
	ck_assert_ptr_nonnull(strstr(before, "ICEWS:32889836 1\n"));
	ck_assert_ptr_nonnull(strstr(before, "ICEWS:32891290 "));
	geopol_set_clock(db, geopol_recorded_end_of(tu_date("2026-06-01")));
	geopol_import_options o = GEOPOL_IMPORT_OPTIONS_INIT;
	o.release = 1;
	geopol_import_stats st;
	ck_assert_msg(tu_import_file(db, "icews", release, &o, &st) == GEOPOL_OK, "%s", geopol_errmsg(db));
	ck_assert_int_eq(st.corrected, 1);
	ck_assert_int_eq(st.retracted, 1);
	ck_assert_int_eq(st.added, 0);
	char *known = events_known(db, geopol_recorded_end_of(tu_date("2026-05-31")));
	ck_assert_str_eq(known, before);
	char *now = events_known(db, 0);
	ck_assert_ptr_nonnull(strstr(now, "ICEWS:32889836 3\n"));
	ck_assert_ptr_null(strstr(now, "ICEWS:32891290 "));
	free(before);
	free(known);
	free(now);
	geopol_close(db);
	unlink(a);
	unlink(release);
	free(a);
	free(release);
}
END_TEST

#define have(file) tu_have_file(REAL file)

/* The details of one event (geopol_events item), "" if none. */
static char *details_of(geopol_db *db, const geopol_event_filter *f, const char *ext_id)
{
	geopol_iter *it;
	const geopol_item *item;
	ck_assert_int_eq(geopol_events(&it, db, f, NULL), GEOPOL_OK);
	char *out = NULL;
	while (geopol_iter_next(it, &item) == GEOPOL_OK)
		if (!out && strcmp(item->event->ext_id, ext_id) == 0)
			out = strdup(item->event->details ? item->event->details : "");
	geopol_iter_free(it);
	ck_assert_ptr_nonnull(out);
	return out;
}

static char *ext_ids(geopol_db *db, const geopol_event_filter *f)
{
	geopol_iter *it;
	const geopol_item *item;
	ck_assert_int_eq(geopol_events(&it, db, f, NULL), GEOPOL_OK);
	char buf[4096] = "";
	while (geopol_iter_next(it, &item) == GEOPOL_OK)
		snprintf(buf + strlen(buf), sizeof buf - strlen(buf), "%s%s", *buf ? " " : "",
			 item->event->ext_id);
	geopol_iter_free(it);
	return strdup(buf);
}

START_TEST(test_import_events__details)
{
	geopol_db *db = tu_open();
	tu_import_ok(db, "gdelt", FIX "gdelt-apr2012.csv", NULL);
	tu_import_ok(db, "icews", FIX "icews.tab", NULL);
	/* GDELT: the measures, the place's coordinates, the actor codes. */
	geopol_event_filter f = GEOPOL_EVENT_FILTER_INIT;
	char *d = details_of(db, &f, "GDELT:189358751");
	ck_assert_ptr_nonnull(strstr(d, "{\"quad_class\":4,\"num_mentions\":4,\"num_sources\":1,"
				     "\"num_articles\":4,\"avg_tone\":2.06185567010309,\"lat\":42.0,\"lon\":43.5,"
				     "\"Actor2Code\":\"COP\",\"Actor2Name\":\"POLICE\",\"Actor2Type1Code\":\"COP\","));
	free(d);
	/* ICEWS: sectors, event text, district, coordinates. */
	d = details_of(db, &f, "ICEWS:32889836");
	ck_assert_ptr_nonnull(strstr(d, "\"lat\":21.0245,\"lon\":105.841,"));
	ck_assert_ptr_nonnull(strstr(d, "\"Source Sectors\":\"Executive,Foreign Ministry,Government\""));
	ck_assert_ptr_nonnull(strstr(d, "\"Event Text\":\"Consult\""));
	ck_assert_ptr_nonnull(strstr(d, "\"Target Sectors\":\"Military,Government\""));
	free(d);
	/* Events by QuadClass: only GDELT's carry one. */
	f.quad_class = 4;
	char *ids = ext_ids(db, &f);
	ck_assert_str_eq(ids, "GDELT:189358751");
	free(ids);
	f.quad_class = 5;
	geopol_iter *it;
	ck_assert_int_eq(geopol_events(&it, db, &f, NULL), GEOPOL_EINVAL);
	ck_assert_str_eq(geopol_errmsg(db), "event filter: QuadClass 5 is not 1, 2, 3 or 4");
	/* The details are the JSON text cJSON would print, escapes included:
	 * every stored object prints back to the same bytes. */
	char *odd = tu_doctored(FIX "icews.tab", 2, "\tConsult\t040\t1\t", "\tCon\"sult\\x\t040\t1\t");
	geopol_close(db);
	db = tu_open();
	tu_import_ok(db, "icews", odd, NULL);
	tu_import_ok(db, "gdelt", FIX "gdelt-apr2012.csv", NULL);
	f.quad_class = 0;
	d = details_of(db, &f, "ICEWS:32889836");
	ck_assert_ptr_nonnull(strstr(d, "\"Event Text\":\"Con\\\"sult\\\\x\""));
	free(d);
	char *rows = tu_rows(db, "SELECT attrs FROM event_detail", 0, NULL);
	int n = 0;
	for (char *text = strtok(rows, "\n"); text; text = strtok(NULL, "\n")) {
		cJSON *o = cJSON_Parse(text);
		ck_assert_msg(o != NULL, "not JSON: %s", text);
		char *again = cJSON_PrintUnformatted(o);
		ck_assert_str_eq(again, text);
		cJSON_free(again);
		cJSON_Delete(o);
		n++;
	}
	free(rows);
	ck_assert_int_eq(n, 12 + 10);
	unlink(odd);
	free(odd);
	geopol_close(db);
}
END_TEST

START_TEST(test_import_events__gdelt_exports)
{
	/* GDELT's own exports: no header line, tab-separated; 1.0 daily (58
	 * columns) gzip-compressed, 2.0 (61 columns) in a .zip, read as they
	 * are and giving what the plain files give. */
	geopol_db *db = tu_open();
	geopol_import_stats st;
	tu_import_ok(db, "gdelt", FIX "gdelt1-daily.export.CSV.gz", &st);
	ck_assert_int_eq(st.rows, 3);
	ck_assert_int_eq(st.added, 3);
	char want[1024];
	snprintf(want, sizeof want, "036 0 4 AZE:2 | BAKU | Tbilisi, Georgia (general), Georgia | gdelt-1.0 "
		 "http://example.org/86073934 | %lld", (long long)day("2012-02-01"));
	ck_assert_str_eq(event_line(db, "GDELT:86073934"), want);
	tu_import_ok(db, "gdelt", FIX "gdelt1-daily.export.CSV", &st);
	ck_assert_int_eq(st.added, 0);
	ck_assert_int_eq(st.unchanged, 3);
	geopol_close(db);

	db = tu_open();
	tu_import_ok(db, "gdelt", FIX "gdelt2.export.CSV.zip", &st);
	ck_assert_int_eq(st.rows, 3);
	ck_assert_int_eq(st.added, 3);
	snprintf(want, sizeof want, "036 0 4 AZE:2 | BAKU | Tbilisi, Georgia (general), Georgia | gdelt-2.0 "
		 "http://example.org/2/86073934 | %lld", (long long)day("2012-02-01"));
	ck_assert_str_eq(event_line(db, "GDELT:86073934"), want);
	geopol_event_filter f = GEOPOL_EVENT_FILTER_INIT;
	char *d = details_of(db, &f, "GDELT:86073934");
	ck_assert_ptr_nonnull(strstr(d, "\"quad_class\":1,\"num_mentions\":2,\"num_sources\":1,"
				     "\"num_articles\":2,\"avg_tone\":0.0,\"lat\":41.725,\"lon\":44.7908,"));
	ck_assert_ptr_nonnull(strstr(d, "\"Actor2Geo_ADM2Code\":\"AJ0901\""));
	ck_assert_ptr_nonnull(strstr(d, "\"DATEADDED\":\"20130203231500\""));
	free(d);
	tu_import_ok(db, "gdelt", FIX "gdelt2.export.CSV", &st);
	ck_assert_int_eq(st.added, 0);
	ck_assert_int_eq(st.unchanged, 3);
	geopol_close(db);

	/* A cut compressed file, and a headerless file of another width. */
	char *cut = strdup("/tmp/geopol-fixture-XXXXXX");
	int fd = mkstemp(cut);
	ck_assert_int_ge(fd, 0);
	FILE *in = fopen(FIX "gdelt1-daily.export.CSV.gz", "rb");
	char buf[200];
	size_t n = fread(buf, 1, sizeof buf, in);
	fclose(in);
	ck_assert_int_eq(write(fd, buf, n), (ssize_t)n);
	close(fd);
	db = tu_open();
	int64_t before = tu_total_rows(db);
	ck_assert_int_eq(tu_import_file(db, "gdelt", cut, NULL, NULL), GEOPOL_EIO);
	snprintf(want, sizeof want, "%s: the compressed file ends early (truncated?)", cut);
	ck_assert_str_eq(geopol_errmsg(db), want);
	ck_assert_int_eq(tu_total_rows(db), before);
	unlink(cut);
	free(cut);
	char *narrow = tu_doctored(FIX "gdelt2.export.CSV", 1, "86073934\t", "");
	ck_assert_int_eq(tu_import_file(db, "gdelt", narrow, NULL, NULL), GEOPOL_EINVAL);
	ck_assert_ptr_nonnull(strstr(geopol_errmsg(db), "a GDELT file with no header line has 57 or 58 "
				     "columns (GDELT 1.0) or 61 (GDELT 2.0), not 60"));
	unlink(narrow);
	free(narrow);
	geopol_close(db);
}
END_TEST

START_TEST(test_import_events__real_details)
{
	/* feb2012.csv, counted from the raw file: QuadClass 1 5,140, 2 1,018,
	 * 3 1,068, 4 1,258; NumMentions 114,298; NumArticles 109,441; 8,471
	 * rows with an ActionGeo place. Read through the API and the table. */
	if (!have("gdelt/feb2012.csv"))
		return;
	geopol_db *db = tu_open();
	tu_import_ok(db, "gdelt", REAL "gdelt/feb2012.csv", NULL);
	static const int64_t want[5] = {0, 5140, 1018, 1068, 1258};
	for (int q = 1; q <= 4; q++) {
		geopol_event_filter f = GEOPOL_EVENT_FILTER_INIT;
		f.quad_class = q;
		geopol_iter *it;
		const geopol_item *item;
		ck_assert_int_eq(geopol_events(&it, db, &f, NULL), GEOPOL_OK);
		int64_t n = 0;
		while (geopol_iter_next(it, &item) == GEOPOL_OK)
			n++;
		geopol_iter_free(it);
		ck_assert_int_eq(n, want[q]);
	}
	ck_assert_int_eq(tu_count(db, "SELECT sum(num_mentions) FROM event_detail"), 114298);
	ck_assert_int_eq(tu_count(db, "SELECT sum(num_articles) FROM event_detail"), 109441);
	ck_assert_int_eq(tu_count(db, "SELECT count(lat) FROM event_detail WHERE lon IS NOT NULL"), 8471);
	ck_assert_int_eq(tu_count(db, "SELECT round(sum(avg_tone) * 1000) FROM event_detail"), 47455226);
	/* The same file gzip-compressed reads the same rows: every one is found
	 * again, digest and all. */
	char gz[] = "/tmp/geopol-feb2012-XXXXXX";
	int fd = mkstemp(gz);
	ck_assert_int_ge(fd, 0);
	close(fd);
	char cmd[1024];
	snprintf(cmd, sizeof cmd, "gzip -c '%s' > '%s'", REAL "gdelt/feb2012.csv", gz);
	ck_assert_int_eq(system(cmd), 0);
	geopol_import_stats st;
	int64_t before = tu_total_rows(db);
	tu_import_ok(db, "gdelt", gz, &st);
	ck_assert_int_eq(st.rows, 8484);
	ck_assert_int_eq(st.unchanged, 8484);
	ck_assert_int_eq(tu_total_rows(db), before);
	unlink(gz);
	/* And in a .zip, as GDELT serves its files (written with libzip). */
	char tmp[] = "/tmp/geopol-feb2012-XXXXXX", zp[64];
	fd = mkstemp(tmp);
	ck_assert_int_ge(fd, 0);
	close(fd);
	snprintf(zp, sizeof zp, "%s.zip", tmp);
	int err;
	zip_t *z = zip_open(zp, ZIP_CREATE | ZIP_TRUNCATE, &err);
	ck_assert_ptr_nonnull(z);
	zip_source_t *zs = zip_source_file(z, REAL "gdelt/feb2012.csv", 0, -1);
	ck_assert_ptr_nonnull(zs);
	ck_assert_int_ge(zip_file_add(z, "feb2012.csv", zs, ZIP_FL_OVERWRITE), 0);
	ck_assert_int_eq(zip_close(z), 0);
	tu_import_ok(db, "gdelt", zp, &st);
	ck_assert_int_eq(st.rows, 8484);
	ck_assert_int_eq(st.unchanged, 8484);
	ck_assert_int_eq(tu_total_rows(db), before);
	unlink(zp);
	unlink(tmp);
	geopol_close(db);
}
END_TEST

START_TEST(test_import_events__real_reused_ids)
{
	/* july2011 then nov2011: GDELT:233596613 is two events, both kept. */
	if (!have("gdelt/july2011.csv") || !have("gdelt/nov2011.csv"))
		return;
	geopol_db *db = tu_open();
	const char *paths[2] = {REAL "gdelt/july2011.csv", REAL "gdelt/nov2011.csv"};
	geopol_import_stats st;
	ck_assert_msg(geopol_import(db, "gdelt", paths, 2, NULL, &st) == GEOPOL_OK, "%s", geopol_errmsg(db));
	ck_assert_int_eq(st.rows, 11619);
	ck_assert_int_eq(st.added, 11619);
	ck_assert_int_eq(st.unchanged, 0);
	ck_assert_int_eq(st.reused, 1);
	/* Day 0 is 0001-01-01, Julian day 1721425.5. */
	char *rows = tu_rows(db, "SELECT type, from_lo FROM event WHERE ext_id LIKE 'GDELT:233596613%' "
			     "ORDER BY from_lo, id", 0, NULL);
	char dates[256] = "";
	for (char *line = strtok(rows, "\n"); line; line = strtok(NULL, "\n")) {
		char *bar = strchr(line, '|');
		ck_assert_ptr_nonnull(bar);
		*bar = '\0';
		char d[GEOPOL_DATE_BUFSIZE];
		geopol_date_format((geopol_date){(int32_t)strtol(bar + 1, NULL, 10), GEOPOL_DATE_DAY}, d, sizeof d);
		snprintf(dates + strlen(dates), sizeof dates - strlen(dates), "%s%s %s", *dates ? ", " : "", line, d);
	}
	free(rows);
	ck_assert_str_eq(dates, "1122 2011-07-08, 042 2011-11-10");
	geopol_close(db);
}
END_TEST

START_TEST(test_import_events__real)
{
	if (!have("gdelt/apr2012.csv") || !have("icews/events.2018.sample.tab") ||
	    !have("cameo/cameo-codes.csv"))
		return;
	static const char *const months[] = {"apr2012", "april13", "aug2011", "aug2012", "dec2011",
		"december12", "feb2012", "february13", "jan2012", "january13", "july2011", "july2012",
		"june2011", "june2012", "mar2012", "may13", "may2012", "nov2011", "nov2012", "oct2011",
		"oct2012", "sept2011", "sept2012"};
	geopol_db *db = tu_open();
	geopol_import_stats st;
	tu_import_ok(db, "cameo", REAL "cameo/cameo-codes.csv", &st);
	ck_assert_int_eq(st.added, 312);
	char paths[23][512];
	const char *p[23];
	for (int i = 0; i < 23; i++) {
		snprintf(paths[i], sizeof paths[i], "%sgdelt/%s.csv", REAL, months[i]);
		p[i] = paths[i];
	}
	ck_assert_msg(geopol_import(db, "gdelt", p, 23, NULL, &st) == GEOPOL_OK, "%s", geopol_errmsg(db));
	ck_assert_int_eq(st.rows, 105444);
	/* Six ids appear in two monthly files for two different events: both
	 * are kept, the second under "<id>#<digest>". */
	ck_assert_int_eq(st.added, 105444);
	ck_assert_int_eq(st.unchanged, 0);
	ck_assert_int_eq(st.reused, 6);
	ck_assert_int_eq(tu_count(db, "SELECT count(*) FROM event WHERE ext_id LIKE 'GDELT:%'"), (int64_t)st.added);
	ck_assert_int_eq(tu_count(db, "SELECT count(*) FROM event WHERE ext_id LIKE 'GDELT:233596613%'"), 2);
	/* The last row of may13.csv, as the file has it. */
	ck_assert_ptr_nonnull(strstr(event_line(db, "GDELT:255521368"),
				     "gdelt-1.0 http://www.rferl.org/content/ivanishvili-georgia-russia-border-breakaway-ossetia/25002971.html"));
	/* Every ICEWS row is kept, the two that name no country at all with
	 * their actors as entities of their own (lines 357 and 1524). */
	ck_assert_msg(tu_import_file(db, "icews", REAL "icews/events.2018.sample.tab", NULL, &st) == GEOPOL_OK,
		      "%s", geopol_errmsg(db));
	ck_assert_int_eq(st.rows, 3705);
	ck_assert_int_eq(st.skipped, 0);
	ck_assert_int_eq(st.added, 3705 + 4);
	ck_assert_int_eq(tu_count(db, "SELECT count(*) FROM event WHERE ext_id LIKE 'ICEWS:%'"), 3705);
	ck_assert_str_eq(current_actors(db, "ICEWS:32891407"),
			 "ICEWS-ACTOR:Protester_(Google):1,ICEWS-ACTOR:Unspecified_Actor:2");
	ck_assert_str_eq(current_actors(db, "ICEWS:32888261"),
			 "ICEWS-ACTOR:World_Health_Organization:1,ICEWS-ACTOR:United_Nations:2");
	int64_t before = tu_total_rows(db);
	ck_assert_int_eq(geopol_import(db, "gdelt", p, 23, NULL, &st), GEOPOL_OK);
	ck_assert_int_eq(st.added, 0);
	ck_assert_int_eq(tu_total_rows(db), before);
	geopol_close(db);
}
END_TEST

static Suite *suite(void)
{
	Suite *s = suite_create("import_events");
	TCase *core = tcase_create("core");
	tcase_add_test(core, test_import_events__cameo);
	tcase_add_test(core, test_import_events__gdelt);
	tcase_add_test(core, test_import_events__gdelt_before_cameo);
	tcase_add_test(core, test_import_events__options_v1);
	tcase_add_test(core, test_import_events__icews);
	tcase_add_test(core, test_import_events__details);
	tcase_add_test(core, test_import_events__release);
	tcase_add_test(core, test_import_events__release_span);
	tcase_add_test(core, test_import_events__gdelt_exports);
	suite_add_tcase(s, core);
	TCase *errors = tcase_create("errors");
	tcase_add_test(errors, test_import_events__bad_rows);
	tcase_add_test(errors, test_import_events__nonstate_actors);
	tcase_add_test(errors, test_import_events__long_actor_names);
	tcase_add_test(errors, test_import_events__nothing_lost);
	tcase_add_test(errors, test_import_events__reused_id);
	suite_add_tcase(s, errors);
	TCase *limits = tcase_create("limits");
	tcase_set_timeout(limits, 300);
	tcase_add_test(limits, test_import_events__real);
	tcase_add_test(limits, test_import_events__real_reused_ids);
	tcase_add_test(limits, test_import_events__real_details);
	suite_add_tcase(s, limits);
	return s;
}

int main(void)
{
	return tu_run(suite());
}
