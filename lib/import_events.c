/*
 * import_events.c - event data: the CAMEO ontology (cameo), ICEWS coded
 * events (icews, the .tab files) and GDELT 1.0 events (gdelt).
 *
 * cameo reads cameo-codes.csv (code, name, goldstein), or the two tab files
 * CAMEO.eventcodes.txt (names) and CAMEO.goldsteinscale.txt (Goldstein
 * values of codes already known), told apart by their header.
 *
 * icews and gdelt: one event per row, id ICEWS:<Event ID> / GDELT:<id> (a
 * second import of the same row adds nothing), dated by day, typed by its
 * CAMEO code. Actors are states: ICEWS "Source Country" and "Target
 * Country" (English names), GDELT Actor1CountryCode / Actor2CountryCode
 * (CAMEO country codes, ISO alpha-3), as source and target; a value that is
 * no country (GDELT's regions EUR, AFR...) is left out. An event with no
 * state actor takes the country where it happened as its host (ICEWS
 * "Country", the country at the end of GDELT's ActionGeo_FullName); an event
 * with none of these cannot be stored and is counted only in stats->rows.
 * Intensity: ICEWS Intensity, GDELT GoldsteinScale. Location: the place
 * text. Title (en): "<source actor> -> <target actor>" as the data name
 * them. Each event cites the dataset with the story (ICEWS: story id,
 * sentence, publisher) or the source URL (GDELT) as the quote. A CAMEO code
 * the database does not know yet is declared with the name "CAMEO <code>";
 * importing cameo (before or after) gives it its real name.
 */
#include "dataset_internal.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const geopol_source_spec cameo_source = {
	GEOPOL_SOURCE_SPEC_VERSION, "cameo-1.1b3",
	"Conflict and Mediation Event Observations (CAMEO) event codebook",
	"Philip A. Schrodt", "Event Data Project, Penn State University", "en",
	"http://data.gdeltproject.org/documentation/CAMEO.Manual.1.1b3.pdf", NULL,
	{0, GEOPOL_DATE_NONE}};

static const geopol_source_spec icews_source = {
	GEOPOL_SOURCE_SPEC_VERSION, "icews",
	"Integrated Crisis Early Warning System (ICEWS) Coded Event Data",
	"Elizabeth Boschee, Jennifer Lautenschlager, Sean O'Brien, Steve Shellman, James Starz, Michael Ward",
	"Harvard Dataverse", "en", "https://doi.org/10.7910/DVN/28075", NULL, {0, GEOPOL_DATE_NONE}};

static const geopol_source_spec gdelt_source = {
	GEOPOL_SOURCE_SPEC_VERSION, "gdelt-1.0", "GDELT 1.0 Event Database",
	"Kalev Leetaru, Philip A. Schrodt", "The GDELT Project", "en",
	"https://www.gdeltproject.org/data.html", NULL, {0, GEOPOL_DATE_NONE}};

/* A CAMEO code: 2 to 4 digits. */
static int cameo_code_ok(const char *s)
{
	size_t n = 0;
	for (; s[n]; n++)
		if (s[n] < '0' || s[n] > '9')
			return 0;
	return n >= 2 && n <= 4;
}

/* ---- cameo */

static int type_state(geopol_db *db, const char *code, int *exists, char **name, double *goldstein)
{
	sqlite3_stmt *st = gp_stmt(db, "SELECT name, goldstein FROM event_type WHERE code = ?1");
	if (!st)
		return GEOPOL_EDB;
	sqlite3_bind_text(st, 1, code, -1, SQLITE_STATIC);
	*exists = sqlite3_step(st) == SQLITE_ROW;
	if (*exists) {
		if (name)
			*name = strdup((const char *)sqlite3_column_text(st, 0));
		if (goldstein)
			*goldstein = sqlite3_column_type(st, 1) == SQLITE_NULL ? NAN : sqlite3_column_double(st, 1);
	}
	sqlite3_reset(st);
	return GEOPOL_OK;
}

/* The two-digit root of a code, as fact.c stores it. */
static void root_of(const char *code, char root[3])
{
	root[0] = code[0];
	root[1] = code[1];
	root[2] = '\0';
}

enum { CAMEO_FULL, CAMEO_NAMES, CAMEO_GOLDSTEIN };

static int cameo_row(gp_csv *c, int kind, int ccode, int cname, int cgold,
		     const geopol_import_options *opts, geopol_import_stats *stats)
{
	geopol_db *db = c->db;
	const char *code = gp_csv_trim(c, (size_t)ccode);
	const char *name = cname >= 0 ? gp_csv_trim(c, (size_t)cname) : NULL;
	double g = NAN;
	if (!cameo_code_ok(code))
		return gp_bad_row(c, opts, stats, gp_csv_colname(c, (size_t)ccode),
				  "'%s' is not a CAMEO code (2 to 4 digits)", code);
	if (cname >= 0 && (!*name || gp_check_utf8(db, "name", name)))
		return gp_bad_row(c, opts, stats, gp_csv_colname(c, (size_t)cname),
				  "empty or not UTF-8 event name");
	if (cgold >= 0 && !gp_csv_is_na(c, (size_t)cgold) &&
	    (gp_parse_double(gp_csv_trim(c, (size_t)cgold), &g) || g < -10 || g > 10))
		return gp_bad_row(c, opts, stats, gp_csv_colname(c, (size_t)cgold),
				  "'%s' is not a Goldstein value in [-10, 10]", c->field[cgold]);
	int exists, rc;
	char *have_name = NULL;
	double have_g = NAN;
	if ((rc = type_state(db, code, &exists, &have_name, &have_g)))
		return rc;
	int same_name = exists && name && strcmp(have_name, name) == 0;
	int same_g = exists && ((isnan(g) && isnan(have_g)) || g == have_g);
	free(have_name);
	if (kind == CAMEO_FULL) {
		if (same_name && same_g) {
			stats->unchanged++;
			return GEOPOL_OK;
		}
		rc = gp_event_type_add(db, code, name, g);
	} else if (kind == CAMEO_NAMES) {
		if (same_name) {
			stats->unchanged++;
			return GEOPOL_OK;
		}
		char root[3];
		root_of(code, root);
		sqlite3_stmt *st = gp_stmt(db,
			"INSERT INTO event_type(code, name, root) VALUES (?1, ?2, ?3) "
			"ON CONFLICT(code) DO UPDATE SET name = excluded.name");
		if (!st)
			return GEOPOL_EDB;
		sqlite3_bind_text(st, 1, code, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 2, name, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 3, root, -1, SQLITE_STATIC);
		rc = sqlite3_step(st) == SQLITE_DONE ? GEOPOL_OK : gp_sql_error(db, "adding an event type");
		sqlite3_reset(st);
	} else {
		if (!exists)
			return gp_bad_row(c, opts, stats, gp_csv_colname(c, (size_t)ccode),
					  "unknown CAMEO code '%s' (import the event codes first)", code);
		if (same_g) {
			stats->unchanged++;
			return GEOPOL_OK;
		}
		sqlite3_stmt *st = gp_stmt(db, "UPDATE event_type SET goldstein = ?2 WHERE code = ?1");
		if (!st)
			return GEOPOL_EDB;
		sqlite3_bind_text(st, 1, code, -1, SQLITE_STATIC);
		if (!isnan(g))
			sqlite3_bind_double(st, 2, g);
		rc = sqlite3_step(st) == SQLITE_DONE ? GEOPOL_OK : gp_sql_error(db, "setting a Goldstein value");
		sqlite3_reset(st);
	}
	if (rc)
		return gp_row_fail(c, rc);
	stats->added++;
	return GEOPOL_OK;
}

int gp_import_cameo(geopol_db *db, const char *path, const geopol_import_options *opts,
		    geopol_import_stats *stats)
{
	gp_csv *c;
	int64_t src;
	int rc = gp_csv_new(&c, db, path, 0);
	if (rc)
		return rc;
	int kind, ccode, cname = -1, cgold = -1;
	if ((ccode = gp_csv_col(c, "code")) >= 0 && (cname = gp_csv_col(c, "name")) >= 0) {
		kind = CAMEO_FULL;
		cgold = gp_csv_col(c, "goldstein");
	} else if ((ccode = gp_csv_col(c, "CAMEOEVENTCODE")) >= 0 &&
		   (cname = gp_csv_col(c, "EVENTDESCRIPTION")) >= 0) {
		kind = CAMEO_NAMES;
	} else if (ccode >= 0 && (cgold = gp_csv_col(c, "GOLDSTEINSCALE")) >= 0) {
		kind = CAMEO_GOLDSTEIN;
		cname = -1;
	} else {
		rc = gp_error(db, GEOPOL_EINVAL, "%s:1: not a CAMEO table: expected the columns code, "
			      "name, goldstein (cameo-codes.csv), CAMEOEVENTCODE and EVENTDESCRIPTION, or "
			      "CAMEOEVENTCODE and GOLDSTEINSCALE", path);
		goto done;
	}
	/* The source is declared for the record; event types cite nothing. */
	if ((rc = gp_dataset_source(db, &cameo_source, &src)))
		goto done;
	while ((rc = gp_csv_next(c)) == 1) {
		stats->rows++;
		gp_csv_progress(c, opts);
		rc = cameo_row(c, kind, ccode, cname, cgold, opts, stats);
		if (rc == GP_SKIP)
			continue;
		if (rc)
			goto done;
	}
done:
	gp_csv_free(c);
	return rc < 0 ? rc : GEOPOL_OK;
}

/* ---- events */

typedef struct events {
	geopol_db *db;
	gp_csv *c;
	gp_resolver *r;
	const geopol_import_options *opts;
	geopol_import_stats *stats;
	int64_t src;
	const char *prefix;       /* "ICEWS:" or "GDELT:" */
	unsigned char known_type[5][10000]; /* [digits][value]: the type exists */
} events;

/* Make sure the event type exists (a placeholder until cameo names it). */
static int ensure_type(events *e, const char *code)
{
	size_t len = strlen(code);
	int v = atoi(code);
	if (e->known_type[len][v])
		return GEOPOL_OK;
	char name[16], root[3];
	snprintf(name, sizeof name, "CAMEO %s", code);
	root_of(code, root);
	sqlite3_stmt *st = gp_stmt(e->db,
		"INSERT INTO event_type(code, name, root) VALUES (?1, ?2, ?3) ON CONFLICT(code) DO NOTHING");
	if (!st)
		return GEOPOL_EDB;
	sqlite3_bind_text(st, 1, code, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, name, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, root, -1, SQLITE_STATIC);
	int rc = sqlite3_step(st);
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return gp_sql_error(e->db, "declaring an event type");
	e->known_type[len][v] = 1;
	return GEOPOL_OK;
}

typedef struct event_row {
	char ext_id[48];
	const char *type;
	geopol_date date;
	double intensity;
	const char *actor[2];     /* source, target entity codes (NULL: none) */
	const char *host;
	const char *location;
	char title[256];
	const char *quote;
} event_row;

static void make_title(char *out, size_t size, const char *a, const char *b)
{
	if (a && b)
		snprintf(out, size, "%s -> %s", a, b);
	else
		snprintf(out, size, "%s", a ? a : b ? b : "");
}

static int store_event(events *e, event_row *x)
{
	geopol_actor_spec actors[3];
	geopol_text_spec text = {"en", x->title, NULL};
	geopol_event_spec s = GEOPOL_EVENT_SPEC_INIT;
	size_t n = 0;
	int rc;
	if (x->actor[0])
		actors[n++] = (geopol_actor_spec){x->actor[0], GEOPOL_ACTOR_SOURCE};
	if (x->actor[1])
		actors[n++] = (geopol_actor_spec){x->actor[1], GEOPOL_ACTOR_TARGET};
	if (!n && x->host)
		actors[n++] = (geopol_actor_spec){x->host, GEOPOL_ACTOR_HOST};
	if (!n)
		return GEOPOL_OK; /* no state involved: nothing this model can hold */
	if ((rc = ensure_type(e, x->type)))
		return rc;
	s.ext_id = x->ext_id;
	s.type = x->type;
	s.date = x->date;
	s.actors = actors;
	s.n_actors = n;
	s.intensity = x->intensity;
	s.location = x->location;
	if (x->title[0] && !gp_check_utf8(e->db, "title", x->title)) {
		s.texts = &text;
		s.n_texts = 1;
	}
	int64_t fact;
	rc = gp_event_add(e->db, &s, 0, &fact);
	if (rc < 0)
		return gp_row_fail(e->c, rc);
	gp_count(e->stats, rc);
	if (rc == GEOPOL_OK &&
	    (rc = gp_cite_row(e->db, GEOPOL_FACT_EVENT, e->db->last_row, e->src, x->quote)))
		return gp_row_fail(e->c, rc);
	return GEOPOL_OK;
}

static int open_events(events **out, geopol_db *db, const char *path, char sep,
		       const geopol_source_spec *source, const char *prefix,
		       const geopol_import_options *opts, geopol_import_stats *stats)
{
	events *e = calloc(1, sizeof *e);
	if (!e)
		return gp_error(db, GEOPOL_ENOMEM, "out of memory");
	e->db = db;
	e->opts = opts;
	e->stats = stats;
	e->prefix = prefix;
	int rc = gp_csv_new(&e->c, db, path, sep);
	if (!rc)
		rc = gp_resolver_new(&e->r, db);
	if (!rc)
		rc = gp_dataset_source(db, source, &e->src);
	*out = e;
	return rc;
}

static void close_events(events *e)
{
	if (!e)
		return;
	gp_resolver_free(e->r);
	gp_csv_free(e->c);
	free(e);
}

static int need(events *e, const char *name, int *col)
{
	*col = gp_csv_col(e->c, name);
	if (*col < 0)
		return gp_error(e->db, GEOPOL_EINVAL, "%s:1:%s: missing column", e->c->path, name);
	return GEOPOL_OK;
}

/* A text field: NULL when absent; the field must be valid UTF-8. */
static const char *text_field(events *e, int col, size_t off)
{
	size_t k = (size_t)col + off;
	if (gp_csv_is_na(e->c, k))
		return NULL;
	const char *s = gp_csv_trim(e->c, k);
	return *s && !gp_check_utf8(e->db, "text", s) ? s : NULL;
}

/* ---- icews */

enum { C_ID, C_DATE, C_SNAME, C_SCOUNTRY, C_CAMEO, C_INTENSITY, C_TNAME, C_TCOUNTRY,
       C_STORY, C_SENTENCE, C_PUBLISHER, C_CITY, C_PROVINCE, C_COUNTRY, C_NCOLS };
static const char *const icews_cols[C_NCOLS] = {"Event ID", "Event Date", "Source Name",
	"Source Country", "CAMEO Code", "Intensity", "Target Name", "Target Country", "Story ID",
	"Sentence Number", "Publisher", "City", "Province", "Country"};

static int icews_row(events *e, const int *col)
{
	gp_csv *c = e->c;
	event_row x;
	long id;
	int rc;
	memset(&x, 0, sizeof x);
	const char *f = gp_csv_trim(c, (size_t)col[C_ID]);
	if (gp_parse_int(f, &id) || id < 0)
		return gp_bad_row(c, e->opts, e->stats, "Event ID", "'%s' is not an event id", f);
	snprintf(x.ext_id, sizeof x.ext_id, "%s%ld", e->prefix, id);
	f = gp_csv_trim(c, (size_t)col[C_DATE]);
	if (strlen(f) != 10 || geopol_date_parse(&x.date, f))
		return gp_bad_row(c, e->opts, e->stats, "Event Date", "'%s' is not a date (YYYY-MM-DD)", f);
	x.type = gp_csv_trim(c, (size_t)col[C_CAMEO]);
	if (!cameo_code_ok(x.type))
		return gp_bad_row(c, e->opts, e->stats, "CAMEO Code", "'%s' is not a CAMEO code", x.type);
	x.intensity = NAN;
	f = gp_csv_trim(c, (size_t)col[C_INTENSITY]);
	if (!gp_csv_is_na(c, (size_t)col[C_INTENSITY]) &&
	    (gp_parse_double(f, &x.intensity) || x.intensity < -10 || x.intensity > 10))
		return gp_bad_row(c, e->opts, e->stats, "Intensity", "'%s' is not a number in [-10, 10]", f);
	const int country_col[2] = {col[C_SCOUNTRY], col[C_TCOUNTRY]};
	for (int k = 0; k < 2; k++) {
		const char *name = text_field(e, country_col[k], 0);
		if (name && (rc = gp_resolve_country_name(e->r, name, &x.actor[k])))
			return gp_row_fail(c, rc);
	}
	const char *where = text_field(e, col[C_COUNTRY], 0);
	if (where && (rc = gp_resolve_country_name(e->r, where, &x.host)))
		return gp_row_fail(c, rc);
	char location[256];
	const char *city = text_field(e, col[C_CITY], 0), *prov = text_field(e, col[C_PROVINCE], 0);
	snprintf(location, sizeof location, "%s%s%s%s%s", city ? city : "", city && (prov || where) ? ", " : "",
		 prov ? prov : "", prov && where ? ", " : "", where ? where : "");
	x.location = location[0] ? location : NULL;
	make_title(x.title, sizeof x.title, text_field(e, col[C_SNAME], 0), text_field(e, col[C_TNAME], 0));
	char quote[512];
	const char *story = text_field(e, col[C_STORY], 0), *sentence = text_field(e, col[C_SENTENCE], 0);
	const char *publisher = text_field(e, col[C_PUBLISHER], 0);
	snprintf(quote, sizeof quote, "story %s, sentence %s%s%s", story ? story : "?",
		 sentence ? sentence : "?", publisher ? ", " : "", publisher ? publisher : "");
	x.quote = quote;
	return store_event(e, &x);
}

int gp_import_icews(geopol_db *db, const char *path, const geopol_import_options *opts,
		    geopol_import_stats *stats)
{
	events *e = NULL;
	int col[C_NCOLS];
	int rc = open_events(&e, db, path, '\t', &icews_source, "ICEWS:", opts, stats);
	for (int k = 0; !rc && k < C_NCOLS; k++)
		rc = need(e, icews_cols[k], &col[k]);
	while (!rc && (rc = gp_csv_next(e->c)) == 1) {
		stats->rows++;
		gp_csv_progress(e->c, opts);
		if (e->c->n != e->c->n_header)
			rc = gp_bad_row(e->c, opts, stats, gp_csv_colname(e->c, e->c->n < e->c->n_header ? e->c->n : e->c->n_header),
					"expected %zu fields, found %zu", e->c->n_header, e->c->n);
		else
			rc = icews_row(e, col);
		if (rc == GP_SKIP)
			rc = GEOPOL_OK;
	}
	close_events(e);
	return rc < 0 ? rc : GEOPOL_OK;
}

/* ---- gdelt */

enum { G_ID, G_DATE, G_A1NAME, G_A1COUNTRY, G_A2NAME, G_A2COUNTRY, G_CODE, G_GOLDSTEIN,
       G_GEO, G_URL, G_NCOLS };
static const char *const gdelt_cols[G_NCOLS] = {"GLOBALEVENTID", "SQLDATE", "Actor1Name",
	"Actor1CountryCode", "Actor2Name", "Actor2CountryCode", "EventCode", "GoldsteinScale",
	"ActionGeo_FullName", "SOURCEURL"};

/* The country at the end of a GDELT place name ("Tbilisi, Georgia
 * (general), Georgia" -> "Georgia"). */
static const char *last_part(const char *s)
{
	const char *p = strrchr(s, ',');
	if (!p)
		return s;
	p++;
	while (*p == ' ')
		p++;
	return p;
}

static int gdelt_row(events *e, const int *col, size_t off)
{
	gp_csv *c = e->c;
	event_row x;
	long id, ymd;
	int rc;
	memset(&x, 0, sizeof x);
#define COL(k) ((size_t)col[k] + off)
	const char *f = gp_csv_trim(c, COL(G_ID));
	if (gp_parse_int(f, &id) || id < 0)
		return gp_bad_row(c, e->opts, e->stats, "GLOBALEVENTID", "'%s' is not an event id", f);
	snprintf(x.ext_id, sizeof x.ext_id, "%s%ld", e->prefix, id);
	f = gp_csv_trim(c, COL(G_DATE));
	if (strlen(f) != 8 || gp_parse_int(f, &ymd) ||
	    geopol_date_from_ymd(&x.date, (int)(ymd / 10000), (int)(ymd / 100 % 100), (int)(ymd % 100)) ||
	    ymd % 100 == 0 || ymd / 100 % 100 == 0)
		return gp_bad_row(c, e->opts, e->stats, "SQLDATE", "'%s' is not a date (YYYYMMDD)", f);
	x.type = gp_csv_trim(c, COL(G_CODE));
	if (!cameo_code_ok(x.type))
		return gp_bad_row(c, e->opts, e->stats, "EventCode", "'%s' is not a CAMEO code", x.type);
	x.intensity = NAN;
	f = gp_csv_trim(c, COL(G_GOLDSTEIN));
	if (!gp_csv_is_na(c, COL(G_GOLDSTEIN)) &&
	    (gp_parse_double(f, &x.intensity) || x.intensity < -10 || x.intensity > 10))
		return gp_bad_row(c, e->opts, e->stats, "GoldsteinScale", "'%s' is not a number in [-10, 10]", f);
	const int country[2] = {G_A1COUNTRY, G_A2COUNTRY};
	for (int k = 0; k < 2; k++) {
		if (gp_csv_is_na(c, COL(country[k])))
			continue;
		if ((rc = gp_resolve_iso(e->r, gp_csv_trim(c, COL(country[k])), &x.actor[k])))
			return gp_row_fail(c, rc);
	}
	x.location = text_field(e, col[G_GEO], off);
	if (!x.actor[0] && !x.actor[1] && x.location &&
	    (rc = gp_resolve_country_name(e->r, last_part(x.location), &x.host)))
		return gp_row_fail(c, rc);
	make_title(x.title, sizeof x.title, text_field(e, col[G_A1NAME], off),
		   text_field(e, col[G_A2NAME], off));
	x.quote = text_field(e, col[G_URL], off);
#undef COL
	return store_event(e, &x);
}

int gp_import_gdelt(geopol_db *db, const char *path, const geopol_import_options *opts,
		    geopol_import_stats *stats)
{
	events *e = NULL;
	int col[G_NCOLS];
	int rc = open_events(&e, db, path, ',', &gdelt_source, "GDELT:", opts, stats);
	for (int k = 0; !rc && k < G_NCOLS; k++)
		rc = need(e, gdelt_cols[k], &col[k]);
	while (!rc && (rc = gp_csv_next(e->c)) == 1) {
		gp_csv *c = e->c;
		stats->rows++;
		gp_csv_progress(c, opts);
		/* Some GDELT extracts were written by R with row names: one more
		 * field than the header, first. */
		if (c->n == c->n_header)
			rc = gdelt_row(e, col, 0);
		else if (c->n == c->n_header + 1)
			rc = gdelt_row(e, col, 1);
		else
			rc = gp_bad_row(c, opts, stats, gp_csv_colname(c, c->n < c->n_header ? c->n : c->n_header - 1),
					"expected %zu fields, found %zu", c->n_header, c->n);
		if (rc == GP_SKIP)
			rc = GEOPOL_OK;
	}
	close_events(e);
	return rc < 0 ? rc : GEOPOL_OK;
}
