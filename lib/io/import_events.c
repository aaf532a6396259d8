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
 * "Country", the country at the end of GDELT's ActionGeo_FullName); with
 * neither, its named actors are kept as they are (nonstate_actor); an
 * event with none of these is a bad row.
 * Intensity: ICEWS Intensity, GDELT GoldsteinScale. Location: the place
 * text. Title (en): "<source actor> -> <target actor>" as the data name
 * them. Each event cites the dataset with the story (ICEWS: story id,
 * sentence, publisher) or the source URL (GDELT) as the quote. A CAMEO code
 * the database does not know yet is declared with the name "CAMEO <code>";
 * importing cameo (before or after) gives it its real name.
 */
#include "io/dataset_internal.h"
#include "io/export_internal.h"

#include <math.h>
#include <stdarg.h>
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

static const geopol_source_spec gdelt2_source = {
	GEOPOL_SOURCE_SPEC_VERSION, "gdelt-2.0", "GDELT 2.0 Event Database",
	"Kalev Leetaru", "The GDELT Project", "en",
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

/* An event type's name and Goldstein value, copied. */
typedef struct type_state_row {
	char *name;
	double goldstein;
} type_state_row;

static int take_type(void *ctx, const gp_look_row *r)
{
	type_state_row *t = ctx;
	t->name = strdup(r->text);
	t->goldstein = r->real;
	return t->name ? 1 : GEOPOL_ENOMEM;
}

static int type_state(geopol_db *db, const char *code, int *exists, char **name, double *goldstein)
{
	gp_look q = {.what = GP_LOOK_EVENT_TYPE, .code = code};
	type_state_row t = {NULL, NAN};
	int rc = gp_store_of(db)->look(db, &q, take_type, &t);
	*exists = rc == 1;
	if (rc == GEOPOL_ENOMEM)
		return gp_oom(db);
	if (rc < 0)
		return rc;
	*name = t.name;
	*goldstein = t.goldstein;
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
		gp_import_put p = {.what = GP_PUT_EVENT_TYPE, .key = code, .value = name, .root = root};
		rc = gp_store_of(db)->import_put(db, &p, NULL);
	} else {
		if (!exists)
			return gp_bad_row(c, opts, stats, gp_csv_colname(c, (size_t)ccode),
					  "unknown CAMEO code '%s' (import the event codes first)", code);
		if (same_g) {
			stats->unchanged++;
			return GEOPOL_OK;
		}
		gp_import_put p = {.what = GP_PUT_GOLDSTEIN, .key = code, .real = g};
		rc = gp_store_of(db)->import_put(db, &p, NULL);
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
		/* cameo-codes.csv has bytes that are not UTF-8 in its unused
		 * example column: only the name is checked (cameo_row). */
		rc = gp_check_record(c, opts, stats, 0, 0);
		if (!rc)
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
	const char *where_col;    /* the column naming the place, for messages */
	/* the span of the file's events, for a release (gp_release_span) */
	int by_added;             /* GDELT's own exports: by DATEADDED, else by day */
	int64_t span_lo, span_hi;
	int64_t added_at;         /* the row's DATEADDED (by_added) */
	int spanned;              /* a row was read into the span */
	int stored_run;           /* the last row was stored already (store_event) */
	/* header columns kept in event_detail's own columns, not in attrs */
	unsigned char dedicated[GP_CSV_MAX_FIELDS];
	unsigned char known_type[5][10000]; /* [digits][value]: the type exists */
	/* the details of the row as JSON text (detail_attrs) */
	char out_buf[GP_OUT_BUFSIZE];
	char *json;
	size_t json_len, json_cap;
	/* each column's name as a JSON key, `"name":`, written once
	 * (detail_keys): column k's is keys[key_at[k]] to keys[key_at[k + 1]] */
	char *keys;
	size_t keys_len, keys_cap;
	size_t key_at[GP_CSV_MAX_FIELDS + 1];
	int have_keys;
	/* the row's title, ICEWS location and quote, whole (row_text) */
	char *text[3];
	size_t text_cap[3];
} events;

enum { T_TITLE, T_LOCATION, T_QUOTE };

/* Format one of the row's texts into its own buffer, grown to hold it
 * whole: a long name is never cut. NULL when out of memory. */
static const char *row_text(events *e, int slot, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
static const char *row_text(events *e, int slot, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(e->text[slot], e->text_cap[slot], fmt, ap);
	va_end(ap);
	if (n < 0)
		return NULL;
	if ((size_t)n >= e->text_cap[slot]) {
		char *p = gp_grow(e->text[slot], &e->text_cap[slot], (size_t)n + 1, 1, 64);
		if (!p)
			return NULL;
		e->text[slot] = p;
		va_start(ap, fmt);
		vsnprintf(p, (size_t)n + 1, fmt, ap);
		va_end(ap);
	}
	return e->text[slot];
}

/* 1 when this import made sure the event type exists (ensure_type). */
static int type_known(const events *e, const char *code)
{
	return e->known_type[strlen(code)][atoi(code)];
}

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
	gp_import_put p = {.what = GP_PUT_EVENT_TYPE, .key = code, .value = name, .root = root,
			   .keep = 1};
	int rc = gp_store_of(e->db)->import_put(e->db, &p, NULL);
	if (rc)
		return rc;
	e->known_type[len][v] = 1;
	return GEOPOL_OK;
}

typedef struct event_row {
	char ext_id[48];
	const char *type;
	geopol_date date;
	double intensity;
	const char *actor[2];     /* source, target entity codes (NULL: none) */
	const char *actor_name[2]; /* the dataset's names of the two actors (NULL: none) */
	const char *actor_code[2]; /* GDELT's CAMEO actor codes (NULL: none) */
	const char *host;
	const char *location;
	const char *title;        /* "" for none */
	const char *quote;
	/* event_detail (schema 009): NaN / -1 when absent */
	char digest[17];
	int quad;
	long mentions, sources, articles;
	double tone, lat, lon;
} event_row;

static int make_title(events *e, event_row *x)
{
	const char *a = x->actor_name[0], *b = x->actor_name[1];
	x->title = a && b ? row_text(e, T_TITLE, "%s -> %s", a, b) : row_text(e, T_TITLE, "%s", a ? a : b ? b : "");
	return x->title ? GEOPOL_OK : gp_oom(e->db);
}

/* The fingerprint of a record's content (FNV-1a over the fields from
 * `off`): the same row read again has the same digest. */
static void record_digest(const gp_csv *c, size_t off, char out[17])
{
	uint64_t h = GP_FNV_OFFSET;
	for (size_t i = off; i < c->n; i++)
		h = (gp_fnv1a(h, c->field[i]) ^ 0x1F) * GP_FNV_PRIME;
	snprintf(out, 17, "%016llx", (unsigned long long)h);
}

/* The JSON text of a row's details grows here (gp_out's writer). */
static int detail_append(void *ctx, const char *data, size_t len)
{
	events *e = ctx;
	char *p = gp_grow(e->json, &e->json_cap, e->json_len + len + 1, 1, 256);
	if (!p)
		return -1;
	e->json = p;
	memcpy(e->json + e->json_len, data, len);
	e->json_len += len;
	e->json[e->json_len] = '\0';
	return 0;
}

/* The column names as JSON keys grow here (gp_out's writer). */
static int key_append(void *ctx, const char *data, size_t len)
{
	events *e = ctx;
	char *p = gp_grow(e->keys, &e->keys_cap, e->keys_len + len, 1, 256);
	if (!p)
		return -1;
	e->keys = p;
	memcpy(e->keys + e->keys_len, data, len);
	e->keys_len += len;
	return 0;
}

/* Each column's name as a JSON key, escaped once for the file rather than
 * once a row. 0, or -1 when out of memory. */
static int detail_keys(events *e)
{
	gp_csv *c = e->c;
	gp_out o = {key_append, e, 0, e->out_buf, 0};
	e->keys_len = 0;
	for (size_t k = 0; k < c->n_header; k++) {
		e->key_at[k] = e->keys_len;
		gp_json_string(&o, gp_csv_colname(c, k));
		gp_out_byte(&o, ':');
		if (gp_out_flush(&o) != GEOPOL_OK || o.failed)
			return -1;
	}
	e->key_at[c->n_header] = e->keys_len;
	e->have_keys = 1;
	return 0;
}

/* The row's other columns as a JSON object {"Actor1Code": "GEOGOV", ...}:
 * every field that is not empty or NA and has no column of its own; NULL
 * when none (or out of memory: *failed). Written straight as text, the
 * bytes cJSON_PrintUnformatted gives, without a tree per row (a fifth of
 * the import's work when it was one). */
static const char *detail_attrs(events *e, size_t off, int *failed)
{
	gp_csv *c = e->c;
	if (!e->have_keys && detail_keys(e)) {
		*failed = 1;
		return NULL;
	}
	gp_out o = {detail_append, e, 0, e->out_buf, 0};
	int n = 0;
	e->json_len = 0;
	for (size_t i = off; i < c->n; i++) {
		size_t k = i - off;
		if (e->dedicated[k] || gp_csv_is_na(c, i))
			continue;
		const char *v = gp_csv_trim(c, i);
		if (!*v)
			continue;
		gp_out_byte(&o, n++ ? ',' : '{');
		gp_out_write(&o, e->keys + e->key_at[k], e->key_at[k + 1] - e->key_at[k]);
		gp_json_string(&o, v);
	}
	if (n)
		gp_out_byte(&o, '}');
	*failed = gp_out_flush(&o) != GEOPOL_OK || o.failed;
	return n && !*failed ? e->json : NULL;
}

static int store_detail(events *e, int64_t row, const event_row *x, size_t off)
{
	int failed;
	const char *attrs = detail_attrs(e, off, &failed);
	if (failed)
		return gp_error(e->db, GEOPOL_ENOMEM, "out of memory");
	gp_event_detail d = {.digest = x->digest, .quad = x->quad,
			     .counts = {x->mentions, x->sources, x->articles},
			     .reals = {x->tone, x->lat, x->lon}, .attrs = attrs,
			     .attrs_len = attrs ? e->json_len : 0};
	gp_import_put p = {.what = GP_PUT_EVENT_DETAIL, .id = row, .detail = &d};
	return gp_store_of(e->db)->import_put(e->db, &p, NULL);
}

/* The digest of the event found, copied, and its row. */
typedef struct stored_digest {
	char *digest;
	int has;
	gp_look_row row;
} stored_digest;

static int take_digest(void *ctx, const gp_look_row *r)
{
	stored_digest *s = ctx;
	s->has = r->text != NULL;
	if (s->has)
		snprintf(s->digest, 17, "%s", r->text);
	s->row = *r;
	s->row.text = NULL; /* borrowed for the call only */
	return 1;
}

/* The current event stored under an external id: 1 with its digest (NULL
 * for an event stored before schema 8), row and fact id; 0 when none. */
static int stored_event(events *e, const char *ext_id, char digest[17], int *has_digest,
			int64_t *row, int64_t *fact)
{
	gp_look q = {.what = GP_LOOK_EVENT_EXT, .code = ext_id};
	stored_digest s = {.digest = digest};
	int rc = gp_store_of(e->db)->look(e->db, &q, take_digest, &s);
	if (rc < 0)
		return rc;
	*has_digest = s.has;
	*row = s.row.id;
	*fact = s.row.fact;
	return rc == 1;
}

/*
 * What to do with a row: *same (the event is stored as it is: its row),
 * *correct (a release changed the event: its fact id), or neither (add it).
 * A dataset's id seen again with other content outside a release, or twice
 * within one, is another event (GDELT reuses ids across its files): it is
 * kept as "<id>#<digest>", so that neither is lost and a second import of
 * either file finds its own.
 */
static int choose_id(events *e, event_row *x, int64_t *same, int64_t *correct)
{
	char have[17];
	int has_digest;
	int64_t row, fact;
	*same = *correct = 0;
	int found = stored_event(e, x->ext_id, have, &has_digest, &row, &fact);
	if (found < 0)
		return found;
	if (found && (!has_digest || strcmp(have, x->digest) == 0)) {
		*same = row;
		return GEOPOL_OK;
	}
	if (!found)
		return GEOPOL_OK;
	int seen = gp_release_seen(e->db, GEOPOL_FACT_EVENT, row);
	if (seen < 0)
		return seen;
	if (e->db->release && !seen) {
		*correct = fact;
		return GEOPOL_OK;
	}
	size_t len = strlen(x->ext_id);
	snprintf(x->ext_id + len, sizeof x->ext_id - len, "#%s", x->digest);
	found = stored_event(e, x->ext_id, have, &has_digest, &row, &fact);
	if (found < 0)
		return found;
	if (found)
		*same = row;
	else
		e->stats->reused++;
	return GEOPOL_OK;
}

/*
 * An actor that is no state, for an event that would otherwise have none
 * (ICEWS "World Health Organization -> United Nations", GDELT's IGOs and
 * groups where no place names a country): the organization of that English
 * name when exactly one is stored, else an entity of its own, kind other,
 * subkind actor, named as the dataset names it and citing it. It is known
 * by the whole code or name the dataset gives (external id icews-actor or
 * gdelt-actor), so that nothing is merged: its entity code is
 * "<DATASET>-ACTOR:<code or name>" (white space as '_') when that fits in
 * a code's 64 bytes; a longer one is cut at a character boundary and ends
 * in "~" and 8 hex digits of a hash of the whole text, and a code another
 * text holds already (a hash collision, or "A_B" beside "A B") takes a
 * number after it. Events with a state actor keep their other actors only
 * in their title and details, as before.
 */
#define GP_ACTOR_CODE_SIZE (GP_CODE_MAX + 1)

/* The code of the n-th try for `what` (see nonstate_actor): 1 when it
 * spells the text whole, 0 when cut or numbered. */
static int actor_code(const char *prefix, const char *what, unsigned n, char out[GP_ACTOR_CODE_SIZE])
{
	/* "ICEWS:" -> "ICEWS-ACTOR:" */
	size_t p = (size_t)snprintf(out, GP_ACTOR_CODE_SIZE, "%.*s-ACTOR:", (int)strlen(prefix) - 1, prefix);
	char tail[32] = "";
	if (n || p + strlen(what) >= GP_ACTOR_CODE_SIZE) {
		uint64_t h = gp_hash_str(what);
		int w = snprintf(tail, sizeof tail, "~%08x", (unsigned)(h ^ (h >> 32)));
		if (n)
			snprintf(tail + w, sizeof tail - (size_t)w, "-%u", n + 1);
	}
	size_t room = GP_ACTOR_CODE_SIZE - 1 - strlen(tail);
	for (const char *s = what; *s;) {
		size_t len = 1;
		while (((unsigned char)s[len] & 0xC0) == 0x80)
			len++;
		if (p + len > room)
			break;
		for (size_t i = 0; i < len; i++)
			out[p++] = (unsigned char)s[i] <= ' ' ? '_' : s[i];
		s += len;
	}
	strcpy(out + p, tail);
	return !tail[0];
}

/* The code of entity `id` into out. */
static int code_of(geopol_db *db, int64_t id, char out[GP_ACTOR_CODE_SIZE])
{
	gp_look q = {.what = GP_LOOK_ENTITY, .id = id};
	int found, rc = gp_look_one(db, &q, NULL, out, GP_ACTOR_CODE_SIZE, &found);
	if (!rc && !found)
		return gp_error(db, GEOPOL_EDB, "looking up an actor: entity %lld is not stored",
				(long long)id);
	return rc;
}

/* 1 when entity `id` is an actor of no known text in `scheme`: one made
 * before the external ids were kept, from the text its code spells. */
static int legacy_actor(geopol_db *db, int64_t id, int kind, const char *scheme)
{
	if (kind != GEOPOL_KIND_OTHER)
		return 0;
	gp_look q = {.what = GP_LOOK_XREF, .id = id, .code = scheme};
	int found, rc = gp_look_one(db, &q, NULL, NULL, 0, &found);
	return rc ? rc : !found;
}

/* The organizations a name names: how many, the first one's code. */
typedef struct named_org {
	char *out;
	int n;
} named_org;

static int count_org(void *ctx, const gp_look_row *r)
{
	named_org *s = ctx;
	if (s->n++ == 0)
		snprintf(s->out, GP_ACTOR_CODE_SIZE, "%s", r->text);
	return 0;
}

/* The organization of this English name when exactly one is stored: 1
 * with its code in out, 0 when none or several. */
static int actor_org(geopol_db *db, const char *name, char out[GP_ACTOR_CODE_SIZE])
{
	char *key = NULL;
	if (!name || gp_normalize(name, strlen(name), &key) != GEOPOL_OK)
		return 0;
	gp_look q = {.what = GP_LOOK_NAMED, .key = key, .kind = GEOPOL_KIND_ORGANIZATION};
	named_org s = {out, 0};
	int rc = gp_store_of(db)->look(db, &q, count_org, &s);
	geopol_free(key);
	if (rc)
		return rc;
	return s.n == 1;
}

static int new_actor(events *e, const char *code, const char *scheme, const char *what, const char *name)
{
	geopol_entity_spec s = GEOPOL_ENTITY_SPEC_INIT;
	s.code = code;
	s.kind = GEOPOL_KIND_OTHER;
	s.subkind = "actor";
	int rc;
	if ((rc = gp_entity_add(e->db, &s)) < 0 || (rc = gp_xref_add(e->db, code, scheme, what)) < 0)
		return rc;
	e->stats->added++;
	if (name && (rc = gp_cited_name(e->db, code, name, "en", GEOPOL_NAME_SHORT, e->src)) < 0)
		return rc;
	return GEOPOL_OK;
}

static int nonstate_actor(events *e, const char *name, const char *code, char out[GP_ACTOR_CODE_SIZE])
{
	geopol_db *db = e->db;
	int rc = actor_org(db, name, out);
	if (rc)
		return rc < 0 ? rc : GEOPOL_OK;
	const char *what = code ? code : name;
	char scheme[16];
	size_t n = strlen(e->prefix) - 1;
	for (size_t i = 0; i < n; i++)
		scheme[i] = (char)(e->prefix[i] | 0x20); /* "ICEWS:" -> "icews-actor" */
	snprintf(scheme + n, sizeof scheme - n, "-actor");
	int64_t id = gp_xref_lookup(db, scheme, what);
	if (id)
		return code_of(db, id, out);
	for (unsigned k = 0;; k++) {
		int kind, whole = actor_code(e->prefix, what, k, out);
		rc = gp_entity_lookup(db, out, "actors", &id, &kind);
		if (rc == GEOPOL_ENOTFOUND) {
			gp_clear_error(db);
			return new_actor(e, out, scheme, what, name);
		}
		if (rc)
			return rc;
		/* Taken: an actor stored before its text was kept is this one
		 * when its code spells the text whole. */
		int legacy = whole ? legacy_actor(db, id, kind, scheme) : 0;
		if (legacy < 0)
			return legacy;
		if (legacy)
			return (rc = gp_xref_add(db, out, scheme, what)) < 0 ? rc : GEOPOL_OK;
	}
}

/* The event added with its details, citation and release mark; GP_UNCHANGED
 * (nothing written) when its id is stored already. */
static int add_event(events *e, const event_row *x, const geopol_event_spec *s, int64_t correct,
		     size_t off)
{
	int64_t fact;
	int rc = gp_event_add(e->db, s, correct, &fact);
	if (rc == GP_UNCHANGED)
		return rc;
	if (rc < 0)
		return gp_row_fail(e->c, rc);
	int64_t row = e->db->last_row;
	gp_count(e->stats, correct ? GP_CORRECTED : GEOPOL_OK);
	if ((rc = store_detail(e, row, x, off)) ||
	    (rc = gp_cite_row(e->db, GEOPOL_FACT_EVENT, row, e->src, x->quote)) ||
	    (rc = gp_release_mark(e->db, GEOPOL_FACT_EVENT, row)))
		return gp_row_fail(e->c, rc);
	return GEOPOL_OK;
}

static int store_event(events *e, event_row *x, size_t off)
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
	char codes[2][GP_ACTOR_CODE_SIZE];
	int stateless = n == 0;
	for (int k = 0; stateless && k < 2; k++) {
		if (!x->actor_name[k] && !x->actor_code[k])
			continue;
		if ((rc = nonstate_actor(e, x->actor_name[k], x->actor_code[k], codes[k])))
			return gp_row_fail(e->c, rc);
		actors[n++] = (geopol_actor_spec){codes[k], k ? GEOPOL_ACTOR_TARGET : GEOPOL_ACTOR_SOURCE};
	}
	if (!n)
		return gp_bad_row(e->c, e->opts, e->stats, e->where_col,
				  "no actor and no country for the place: an event needs one");
	int64_t at = e->by_added ? e->added_at : x->date.day;
	if (!e->spanned || at < e->span_lo)
		e->span_lo = at;
	if (!e->spanned || at > e->span_hi)
		e->span_hi = at;
	e->spanned = 1;
	s.ext_id = x->ext_id; /* choose_id may give it a digest: the same buffer */
	s.type = x->type;
	s.date = x->date;
	s.actors = actors;
	s.n_actors = n;
	s.intensity = x->intensity;
	s.location = x->location;
	if (x->title && x->title[0]) {
		s.texts = &text;
		s.n_texts = 1;
	}
	/* A new id, the common case, is found by adding the event: the store
	 * adds nothing for an id it holds (GP_UNCHANGED), and only then is the
	 * stored event looked up (choose_id). While the rows are stored
	 * already (a file imported again), each is looked up first instead,
	 * until one is new. Not in a release, which looks first to correct,
	 * nor for a type not yet known, which choose_id may find needs no
	 * placeholder. */
	if (!e->db->release && !e->stored_run && type_known(e, x->type)) {
		rc = add_event(e, x, &s, 0, off);
		if (rc != GP_UNCHANGED)
			return rc;
	}
	int64_t same, correct;
	if ((rc = choose_id(e, x, &same, &correct)))
		return gp_row_fail(e->c, rc);
	e->stored_run = same != 0;
	if (same) {
		e->stats->unchanged++;
		return (rc = gp_release_mark(e->db, GEOPOL_FACT_EVENT, same)) ? gp_row_fail(e->c, rc) : GEOPOL_OK;
	}
	int64_t old_row;
	if (correct && (rc = gp_close_current(e->db, GEOPOL_FACT_EVENT, correct, &old_row)))
		return gp_row_fail(e->c, rc);
	if ((rc = ensure_type(e, x->type)))
		return rc;
	rc = add_event(e, x, &s, correct, off);
	if (rc == GP_UNCHANGED)
		rc = gp_row_fail(e->c, gp_error(e->db, GEOPOL_ECONFLICT, "event '%s' is stored "
						"already", x->ext_id));
	return rc;
}

/* Columns kept in their own place (event, event_detail) rather than in
 * attrs; derived ones (GDELT's MonthYear...) are dropped. */
static void mark_dedicated(events *e, const char *const *names)
{
	for (; *names; names++) {
		int k = gp_csv_col(e->c, *names);
		if (k >= 0)
			e->dedicated[k] = 1;
	}
}

/* An optional number column (col -1: the file has none): NaN when absent
 * or NA; a value that is not a number is a bad row. */
static int opt_number(events *e, int col, size_t off, double lo, double hi, double *out)
{
	*out = NAN;
	if (col < 0 || gp_csv_is_na(e->c, (size_t)col + off))
		return GEOPOL_OK;
	const char *f = gp_csv_trim(e->c, (size_t)col + off);
	if (gp_parse_double(f, out) || *out < lo || *out > hi)
		return gp_bad_row(e->c, e->opts, e->stats, gp_csv_colname(e->c, (size_t)col),
				  "'%s' is not a number in [%g, %g]", f, lo, hi);
	return GEOPOL_OK;
}

static int open_events(events **out, geopol_db *db, const char *path, char sep,
		       const geopol_source_spec *source, const char *prefix,
		       const geopol_import_options *opts, geopol_import_stats *stats)
{
	events *e = calloc(1, sizeof *e);
	if (!e)
		return gp_oom(db);
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

/* The file is read: a release covers its span, and no more. */
static int close_events(events *e, int rc)
{
	if (!e)
		return rc;
	if (rc >= 0 && e->spanned)
		rc = gp_release_span(e->db, e->src, e->by_added, e->span_lo, e->span_hi);
	gp_resolver_free(e->r);
	gp_csv_free(e->c);
	free(e->json);
	free(e->keys);
	for (int k = 0; k < 3; k++)
		free(e->text[k]);
	free(e);
	return rc;
}

static int need(events *e, const char *name, int *col)
{
	*col = gp_csv_col(e->c, name);
	if (*col < 0)
		return gp_error(e->db, GEOPOL_EINVAL, "%s:1:%s: missing column", e->c->path, name);
	return GEOPOL_OK;
}

/* A text field: NULL when absent (gp_check_record checked its UTF-8). */
static const char *text_field(events *e, int col, size_t off)
{
	size_t k = (size_t)col + off;
	if (gp_csv_is_na(e->c, k))
		return NULL;
	const char *s = gp_csv_trim(e->c, k);
	return *s ? s : NULL;
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
	const char *city = text_field(e, col[C_CITY], 0), *prov = text_field(e, col[C_PROVINCE], 0);
	const char *location = row_text(e, T_LOCATION, "%s%s%s%s%s", city ? city : "",
					city && (prov || where) ? ", " : "", prov ? prov : "",
					prov && where ? ", " : "", where ? where : "");
	x.actor_name[0] = text_field(e, col[C_SNAME], 0);
	x.actor_name[1] = text_field(e, col[C_TNAME], 0);
	const char *story = text_field(e, col[C_STORY], 0), *sentence = text_field(e, col[C_SENTENCE], 0);
	const char *publisher = text_field(e, col[C_PUBLISHER], 0);
	x.quote = row_text(e, T_QUOTE, "story %s, sentence %s%s%s", story ? story : "?",
			   sentence ? sentence : "?", publisher ? ", " : "", publisher ? publisher : "");
	if (!location || !x.quote)
		return gp_oom(e->db);
	x.location = location[0] ? location : NULL;
	if ((rc = make_title(e, &x)))
		return rc;
	x.quad = -1;
	x.mentions = x.sources = x.articles = -1;
	x.tone = NAN;
	if ((rc = opt_number(e, gp_csv_col(c, "Latitude"), 0, -90, 90, &x.lat)) ||
	    (rc = opt_number(e, gp_csv_col(c, "Longitude"), 0, -180, 180, &x.lon)))
		return rc;
	record_digest(c, 0, x.digest);
	return store_event(e, &x, 0);
}

int gp_import_icews(geopol_db *db, const char *path, const geopol_import_options *opts,
		    geopol_import_stats *stats)
{
	events *e = NULL;
	int col[C_NCOLS];
	int rc = open_events(&e, db, path, '\t', &icews_source, "ICEWS:", opts, stats);
	for (int k = 0; !rc && k < C_NCOLS; k++)
		rc = need(e, icews_cols[k], &col[k]);
	if (!rc) {
		static const char *const own[] = {"Event ID", "Event Date", "CAMEO Code", "Intensity",
						   "Latitude", "Longitude", NULL};
		mark_dedicated(e, own);
		e->where_col = "Country";
	}
	while (!rc && (rc = gp_csv_next(e->c)) == 1) {
		stats->rows++;
		gp_csv_progress(e->c, opts);
		rc = gp_check_record(e->c, opts, stats, 0, 1);
		if (!rc)
			rc = icews_row(e, col);
		if (rc == GP_SKIP)
			rc = GEOPOL_OK;
	}
	rc = close_events(e, rc);
	return rc < 0 ? rc : GEOPOL_OK;
}

/* ---- gdelt */

enum { G_ID, G_DATE, G_A1NAME, G_A1COUNTRY, G_A2NAME, G_A2COUNTRY, G_CODE, G_GOLDSTEIN,
       G_GEO, G_NCOLS };
static const char *const gdelt_cols[G_NCOLS] = {"GLOBALEVENTID", "SQLDATE", "Actor1Name",
	"Actor1CountryCode", "Actor2Name", "Actor2CountryCode", "EventCode", "GoldsteinScale",
	"ActionGeo_FullName"};

/* Optional columns: the analysts' measures and the source (GDELT 2.0
 * names it SOURCEURL too; the 1.0 backfiles before April 2013 have none). */
enum { O_QUAD, O_MENTIONS, O_SOURCES, O_ARTICLES, O_TONE, O_GEOTYPE, O_LAT, O_LON, O_URL, O_A1CODE,
       O_A2CODE, O_ADDED, O_NCOLS };
static const char *const gdelt_opt_cols[O_NCOLS] = {"QuadClass", "NumMentions", "NumSources",
	"NumArticles", "AvgTone", "ActionGeo_Type", "ActionGeo_Lat", "ActionGeo_Long", "SOURCEURL",
	"Actor1Code", "Actor2Code", "DATEADDED"};

/*
 * The files GDELT publishes have no header line (the monthly samples do):
 * GDELT 1.0 daily and backfile exports have 57 columns (58 with SOURCEURL
 * from April 2013), GDELT 2.0 event exports 61 (an ADM2 code for each of
 * the three places). The codebooks give the order.
 */
#define GDELT_ACTOR(n) "Actor" n "Code", "Actor" n "Name", "Actor" n "CountryCode", \
	"Actor" n "KnownGroupCode", "Actor" n "EthnicCode", "Actor" n "Religion1Code", \
	"Actor" n "Religion2Code", "Actor" n "Type1Code", "Actor" n "Type2Code", "Actor" n "Type3Code"
#define GDELT_GEO1(p) p "_Type", p "_FullName", p "_CountryCode", p "_ADM1Code", p "_Lat", \
	p "_Long", p "_FeatureID"
#define GDELT_GEO2(p) p "_Type", p "_FullName", p "_CountryCode", p "_ADM1Code", p "_ADM2Code", \
	p "_Lat", p "_Long", p "_FeatureID"
#define GDELT_EVENT "IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass", \
	"GoldsteinScale", "NumMentions", "NumSources", "NumArticles", "AvgTone"
static const char *const gdelt1_header[] = {"GLOBALEVENTID", "SQLDATE", "MonthYear", "Year",
	"FractionDate", GDELT_ACTOR("1"), GDELT_ACTOR("2"), GDELT_EVENT, GDELT_GEO1("Actor1Geo"),
	GDELT_GEO1("Actor2Geo"), GDELT_GEO1("ActionGeo"), "DATEADDED", "SOURCEURL"};
static const char *const gdelt2_header[] = {"GLOBALEVENTID", "SQLDATE", "MonthYear", "Year",
	"FractionDate", GDELT_ACTOR("1"), GDELT_ACTOR("2"), GDELT_EVENT, GDELT_GEO2("Actor1Geo"),
	GDELT_GEO2("Actor2Geo"), GDELT_GEO2("ActionGeo"), "DATEADDED", "SOURCEURL"};
#define N_OF(a) (sizeof a / sizeof a[0])

/* A headerless GDELT file: name its columns by their count. */
static int gdelt_header(events *e)
{
	gp_csv *c = e->c;
	long id;
	if (c->n_header == 0 || gp_parse_int(c->header[0], &id))
		return GEOPOL_OK; /* a header line */
	e->by_added = 1; /* each export is one batch of DATEADDED */
	if (c->n_header == N_OF(gdelt2_header)) {
		int rc = gp_dataset_source(e->db, &gdelt2_source, &e->src);
		return rc ? rc : gp_csv_set_header(c, gdelt2_header, N_OF(gdelt2_header));
	}
	if (c->n_header == N_OF(gdelt1_header) || c->n_header == N_OF(gdelt1_header) - 1)
		return gp_csv_set_header(c, gdelt1_header, c->n_header);
	return gp_error(e->db, GEOPOL_EINVAL, "%s:1: a GDELT file with no header line has 57 or 58 "
			"columns (GDELT 1.0) or 61 (GDELT 2.0), not %zu", c->path, c->n_header);
}

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

static int gdelt_measures(events *e, const int *opt, size_t off, event_row *x)
{
	double v[4];
	static const double hi[4] = {4, 1e12, 1e12, 1e12};
	int rc;
	for (int k = 0; k < 4; k++)
		if ((rc = opt_number(e, opt[O_QUAD + k], off, k == 0 ? 1 : 0, hi[k], &v[k])))
			return rc;
	if (!isnan(v[0]) && v[0] != floor(v[0]))
		return gp_bad_row(e->c, e->opts, e->stats, "QuadClass", "'%g' is not 1, 2, 3 or 4", v[0]);
	x->quad = isnan(v[0]) ? -1 : (int)v[0];
	x->mentions = isnan(v[1]) ? -1 : (long)v[1];
	x->sources = isnan(v[2]) ? -1 : (long)v[2];
	x->articles = isnan(v[3]) ? -1 : (long)v[3];
	if ((rc = opt_number(e, opt[O_TONE], off, -100, 100, &x->tone)))
		return rc;
	x->lat = x->lon = NAN;
	/* ActionGeo_Type 0 (or NA): no place; its 0, 0 coordinates are not one. */
	double type;
	if ((rc = opt_number(e, opt[O_GEOTYPE], off, 0, 5, &type)))
		return rc;
	if (!isnan(type) && type > 0 &&
	    ((rc = opt_number(e, opt[O_LAT], off, -90, 90, &x->lat)) ||
	     (rc = opt_number(e, opt[O_LON], off, -180, 180, &x->lon))))
		return rc;
	return GEOPOL_OK;
}

static int gdelt_row(events *e, const int *col, const int *opt, size_t off)
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
	if ((rc = opt_number(e, col[G_GOLDSTEIN], off, -10, 10, &x.intensity)) ||
	    (rc = gdelt_measures(e, opt, off, &x)))
		return rc;
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
	x.actor_name[0] = text_field(e, col[G_A1NAME], off);
	x.actor_name[1] = text_field(e, col[G_A2NAME], off);
	for (int k = 0; k < 2; k++)
		x.actor_code[k] = opt[O_A1CODE + k] >= 0 ? text_field(e, opt[O_A1CODE + k], off) : NULL;
	if ((rc = make_title(e, &x)))
		return rc;
	x.quote = opt[O_URL] >= 0 ? text_field(e, opt[O_URL], off) : NULL;
	long added;
	f = opt[O_ADDED] >= 0 ? gp_csv_trim(c, (size_t)opt[O_ADDED] + off) : "";
	if (e->by_added && (gp_parse_int(f, &added) || added < 19000101))
		return gp_bad_row(c, e->opts, e->stats, "DATEADDED", "'%s' is not a DATEADDED "
				  "(YYYYMMDD, or YYYYMMDDHHMMSS in GDELT 2.0)", f);
	e->added_at = e->by_added ? added : 0;
#undef COL
	record_digest(c, off, x.digest);
	return store_event(e, &x, off);
}

int gp_import_gdelt(geopol_db *db, const char *path, const geopol_import_options *opts,
		    geopol_import_stats *stats)
{
	events *e = NULL;
	int col[G_NCOLS], opt[O_NCOLS];
	/* The monthly samples are comma-separated, GDELT's own exports
	 * tab-separated: the first line tells. */
	int rc = open_events(&e, db, path, 0, &gdelt_source, "GDELT:", opts, stats);
	if (!rc)
		rc = gdelt_header(e);
	for (int k = 0; !rc && k < G_NCOLS; k++)
		rc = need(e, gdelt_cols[k], &col[k]);
	if (!rc) {
		static const char *const own[] = {"GLOBALEVENTID", "SQLDATE", "MonthYear", "Year",
			"FractionDate", "EventCode", "GoldsteinScale", "QuadClass", "NumMentions",
			"NumSources", "NumArticles", "AvgTone", "ActionGeo_Lat", "ActionGeo_Long",
			"ActionGeo_FullName", "SOURCEURL", NULL};
		mark_dedicated(e, own);
		for (int k = 0; k < O_NCOLS; k++)
			opt[k] = gp_csv_col(e->c, gdelt_opt_cols[k]);
		e->where_col = "ActionGeo_FullName";
	}
	while (!rc && (rc = gp_csv_next(e->c)) == 1) {
		gp_csv *c = e->c;
		stats->rows++;
		gp_csv_progress(c, opts);
		/* Some GDELT extracts were written by R with row names: one more
		 * field than the header, first. */
		rc = gp_check_record(c, opts, stats, 1, 1);
		if (!rc)
			rc = gdelt_row(e, col, opt, c->n - c->n_header);
		if (rc == GP_SKIP)
			rc = GEOPOL_OK;
	}
	rc = close_events(e, rc);
	return rc < 0 ? rc : GEOPOL_OK;
}
