/*
 * check_country_map.c - the country tables the dataset importers map
 * through (lib/io/country_map.c), held to the built-in dataset
 * data/10-states.json and to the COW files themselves: every COW number,
 * ISO code, COW IGO column and dataset spelling maps to the entity the
 * dataset gives it, on an empty database (the entity is made) and on one
 * holding the dataset.
 */
#include <check.h>
#include <cjson/cJSON.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "io/dataset_internal.h"
#include "test_util.h"

static char *slurp(const char *path)
{
	FILE *f = fopen(path, "rb");
	ck_assert_msg(f != NULL, "cannot open %s", path);
	ck_assert_int_eq(fseek(f, 0, SEEK_END), 0);
	long n = ftell(f);
	ck_assert_int_ge(n, 0);
	rewind(f);
	char *s = malloc((size_t)n + 1);
	ck_assert_ptr_nonnull(s);
	ck_assert_uint_eq(fread(s, 1, (size_t)n, f), (size_t)n);
	s[n] = '\0';
	fclose(f);
	return s;
}

static char *states_text;
static cJSON *states;

static void load_states(void)
{
	states_text = slurp(GEOPOL_SOURCE_DIR "/data/10-states.json");
	states = cJSON_Parse(states_text);
	ck_assert_ptr_nonnull(states);
}

static void free_states(void)
{
	cJSON_Delete(states);
	free(states_text);
}

static const char *str(const cJSON *o, const char *key)
{
	return cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(o, key));
}

static const char *id_of(const cJSON *e, const char *scheme)
{
	return str(cJSON_GetObjectItemCaseSensitive(e, "ids"), scheme);
}

/* The English name of a kind still in use (no "to"), or NULL. */
static const char *english(const cJSON *e, const char *kind)
{
	const cJSON *n;
	cJSON_ArrayForEach(n, cJSON_GetObjectItemCaseSensitive(e, "names"))
		if (strcmp(str(n, "lang"), "en") == 0 && strcmp(str(n, "kind"), kind) == 0 &&
		    !cJSON_GetObjectItemCaseSensitive(n, "to"))
			return str(n, "text");
	return NULL;
}

static const cJSON *entity_with_cow(int ccode)
{
	char num[16];
	snprintf(num, sizeof num, "%d", ccode);
	const cJSON *e;
	cJSON_ArrayForEach(e, cJSON_GetObjectItemCaseSensitive(states, "entities")) {
		const char *cow = id_of(e, "cow");
		if (cow && strcmp(cow, num) == 0)
			return e;
	}
	return NULL;
}

static const cJSON *entity_with_code(const char *code)
{
	const cJSON *e;
	cJSON_ArrayForEach(e, cJSON_GetObjectItemCaseSensitive(states, "entities"))
		if (strcmp(str(e, "code"), code) == 0)
			return e;
	return NULL;
}

/* An empty database, or one holding data/10-states.json. */
static geopol_db *open_db(int with_states)
{
	geopol_db *db = tu_open();
	if (with_states)
		ck_assert_msg(tu_import(db, states_text) == GEOPOL_OK, "%s", geopol_errmsg(db));
	return db;
}

static const char *cow_code(gp_resolver *r, int ccode, int *created)
{
	const char *code = NULL;
	int64_t id = 0;
	ck_assert_int_eq(gp_resolve_cow(r, ccode, NULL, NULL, &code, &id, created), GEOPOL_OK);
	ck_assert_int_gt(id, 0);
	return code;
}

static const char *iso_code(gp_resolver *r, const char *alpha3)
{
	const char *code = NULL;
	ck_assert_int_eq(gp_resolve_iso(r, alpha3, &code), GEOPOL_OK);
	return code;
}

/* kind/subkind and English short name of an entity of the database. */
static void entity_row(geopol_db *db, const char *code, char *out, size_t size)
{
	char *rows = tu_rows(db, "SELECT e.kind, coalesce(e.subkind, '-'), n.text FROM entity e "
		"LEFT JOIN name n ON n.entity_id = e.id AND n.lang = 'en' AND n.kind = $2 "
		"WHERE e.code = $1", 2, (tu_param[]){TU_TEXT(code), TU_INT(GEOPOL_NAME_SHORT)});
	ck_assert_msg(*rows, "no entity %s", code);
	/* The first row: "kind|subkind|text". */
	rows[strcspn(rows, "\n")] = '\0';
	char *subkind = strchr(rows, '|');
	ck_assert_ptr_nonnull(subkind);
	*subkind++ = '\0';
	char *text = strchr(subkind, '|');
	ck_assert_ptr_nonnull(text);
	*text++ = '\0';
	snprintf(out, size, "%s %s %s", geopol_kind_name((int)strtol(rows, NULL, 10)), subkind, text);
	free(rows);
}

/* ---- COW */

/* Whether the dataset knows an entity by an ISO code. */
static int iso_coded(const cJSON *e)
{
	return id_of(e, "iso3166-1-alpha3") || id_of(e, "iso3166-3-alpha4");
}

/* What a COW number of the dataset maps to on a database without the
 * dataset: its entity's code if that is an ISO code, else COW:<n>. */
static const char *without_dataset(const cJSON *e, int ccode)
{
	static char buf[24];
	if (iso_coded(e))
		return str(e, "code");
	snprintf(buf, sizeof buf, "COW:%d", ccode);
	return buf;
}

START_TEST(test_country_map_cow__dataset_states)
{
	/* Every entity the dataset gives a COW number is that number's, with
	 * its COW abbreviation, whether or not the dataset is loaded. */
	for (int with_states = 0; with_states <= 1; with_states++) {
		geopol_db *db = open_db(with_states);
		gp_resolver *r;
		ck_assert_int_eq(gp_resolver_new(&r, db), GEOPOL_OK);
		int n = 0;
		const cJSON *e;
		cJSON_ArrayForEach(e, cJSON_GetObjectItemCaseSensitive(states, "entities")) {
			const char *cow = id_of(e, "cow");
			if (!cow)
				continue;
			int ccode = atoi(cow);
			const gp_cow_state *t = gp_cow_state_by_code(ccode);
			ck_assert_msg(t != NULL, "COW %d not in the table", ccode);
			ck_assert_str_eq(t->abb, id_of(e, "cow-abb"));
			const char *want = without_dataset(e, ccode);
			ck_assert_str_eq(t->iso3 ? t->iso3 : "-", iso_coded(e) ? str(e, "code") : "-");
			int created;
			ck_assert_str_eq(cow_code(r, ccode, &created), with_states ? str(e, "code") : want);
			ck_assert_int_eq(created, !with_states);
			n++;
		}
		ck_assert_int_ge(n, 197);
		gp_resolver_free(r);
		geopol_close(db);
	}
}
END_TEST

/* Fields of one line of states2016.csv (no quoted fields there). */
static int csv_fields(char *line, char **f, int max)
{
	int n = 0;
	for (char *p = line; n < max;) {
		f[n++] = p;
		p = strpbrk(p, ",\r\n");
		if (!p || *p != ',') {
			if (p)
				*p = '\0';
			break;
		}
		*p++ = '\0';
	}
	return n;
}

START_TEST(test_country_map_cow__every_cow_state)
{
	/* On a database without the dataset, each state of COW v2016 is in
	 * the table with COW's abbreviation and name, and maps to the
	 * dataset's entity for it when that has an ISO code; the German
	 * Federal Republic (260) to DEU, the Federal Republic of Germany (the
	 * December 2026 audit, row S1); the others, states with no ISO code,
	 * to COW:<n>, made as a state with COW's name. */
	const char *path = GEOPOL_SHARED_DIR "/data/cow/states2016.csv";
	if (!tu_have_file(path))
		return;
	geopol_db *db = open_db(0);
	gp_resolver *r;
	ck_assert_int_eq(gp_resolver_new(&r, db), GEOPOL_OK);
	FILE *f = fopen(path, "r");
	ck_assert_ptr_nonnull(f);
	char line[512], *fld[10];
	int last = -1, states_seen = 0;
	ck_assert_ptr_nonnull(fgets(line, sizeof line, f)); /* header */
	while (fgets(line, sizeof line, f)) {
		ck_assert_int_eq(csv_fields(line, fld, 10), 10);
		int ccode = atoi(fld[1]);
		if (ccode == last)
			continue; /* another spell of the same state */
		last = ccode;
		states_seen++;
		const gp_cow_state *t = gp_cow_state_by_code(ccode);
		ck_assert_msg(t != NULL, "COW %d not in the table", ccode);
		ck_assert_str_eq(t->abb, fld[0]);
		ck_assert_str_eq(t->name, fld[2]);
		const cJSON *e = entity_with_cow(ccode);
		const char *want = e && iso_coded(e) ? str(e, "code") : ccode == 260 ? "DEU" : NULL;
		char other[24];
		if (!want) {
			snprintf(other, sizeof other, "COW:%d", ccode);
			want = other;
			ck_assert_ptr_null(t->iso3);
		}
		int created;
		ck_assert_str_eq(cow_code(r, ccode, &created), want);
		if (want == other) {
			char row[256], expect[256];
			entity_row(db, other, row, sizeof row);
			snprintf(expect, sizeof expect, "state - %s", fld[2]);
			ck_assert_str_eq(row, expect);
		}
	}
	fclose(f);
	ck_assert_int_eq(states_seen, 217);
	/* Nothing else: the table has the 217 states and no other. */
	int rows = 0;
	for (int cc = 0; cc < 1000; cc++)
		rows += gp_cow_state_by_code(cc) != NULL;
	ck_assert_int_eq(rows, 217);
	gp_resolver_free(r);
	geopol_close(db);
}
END_TEST

START_TEST(test_country_map_cow__igo_columns)
{
	/* Every state column of COW IGO v3 (between "year" and "sdate") names
	 * one COW state, each a different one. */
	const char *path = GEOPOL_SHARED_DIR "/data/cow/igo_year_format3.csv";
	if (!tu_have_file(path))
		return;
	FILE *f = fopen(path, "r");
	ck_assert_ptr_nonnull(f);
	static char line[16384];
	ck_assert_ptr_nonnull(fgets(line, sizeof line, f));
	fclose(f);
	static char seen[1000];
	memset(seen, 0, sizeof seen);
	int n = 0, in_states = 0;
	for (char *tok = strtok(line, ",\r\n"); tok; tok = strtok(NULL, ",\r\n")) {
		char col[64];
		snprintf(col, sizeof col, "%.*s", (int)strlen(tok) - 2, tok + 1); /* unquoted */
		if (strcmp(col, "sdate") == 0)
			break;
		if (in_states) {
			const gp_cow_state *t = gp_cow_state_by_column(col);
			ck_assert_msg(t != NULL, "IGO column %s not in the table", col);
			ck_assert_str_eq(t->igo_column, col);
			ck_assert_msg(!seen[t->ccode], "two columns for COW %d", t->ccode);
			seen[t->ccode] = 1;
			n++;
		}
		in_states |= strcmp(col, "year") == 0;
	}
	ck_assert_int_eq(n, 217);
	ck_assert_ptr_null(gp_cow_state_by_column("year"));
	ck_assert_ptr_null(gp_cow_state_by_column(""));
}
END_TEST

/* ---- ISO */

START_TEST(test_country_map_iso__current_codes)
{
	/* Every ISO 3166-1 entity of the dataset is in the table with its
	 * English names, and its code maps to it; on an empty database it is
	 * made with the dataset's kind and its common (else short) name. */
	geopol_db *db = open_db(0);
	gp_resolver *r;
	ck_assert_int_eq(gp_resolver_new(&r, db), GEOPOL_OK);
	int n = 0;
	const cJSON *e;
	cJSON_ArrayForEach(e, cJSON_GetObjectItemCaseSensitive(states, "entities")) {
		const char *code = str(e, "code");
		if (!id_of(e, "iso3166-1-alpha3"))
			continue;
		n++;
		const gp_iso_country *c = gp_iso_by_alpha3(code);
		ck_assert_msg(c != NULL, "%s not in the table", code);
		ck_assert_str_eq(c->name, english(e, "short"));
		const char *official = english(e, "official"), *common = english(e, "alias");
		ck_assert_msg((c->official == NULL) == (official == NULL), "%s official", code);
		if (official)
			ck_assert_str_eq(c->official, official);
		ck_assert_msg((c->common == NULL) == (common == NULL), "%s common", code);
		if (common)
			ck_assert_str_eq(c->common, common);
		int state = strcmp(str(e, "kind"), "state") == 0;
		ck_assert_int_eq(c->state, state);
		const char *got = iso_code(r, code);
		ck_assert_ptr_nonnull(got);
		ck_assert_str_eq(got, code);
		char row[512], expect[512];
		entity_row(db, code, row, sizeof row);
		snprintf(expect, sizeof expect, "%s %s %s", state ? "state" : "other",
			 state ? "-" : "territory", common ? common : english(e, "short"));
		ck_assert_str_eq(row, expect);
	}
	ck_assert_int_eq(n, 249);
	gp_resolver_free(r);
	geopol_close(db);
}
END_TEST

/* Codes of the dataset's withdrawn (ISO 3166-3) states the importers map. */
static int withdrawn_state(const cJSON *e)
{
	return e && !id_of(e, "iso3166-1-alpha3") && id_of(e, "iso3166-3-alpha4") &&
	       strcmp(str(e, "kind"), "state") == 0;
}

START_TEST(test_country_map_iso__every_code)
{
	/* Of all three-letter codes, exactly the dataset's ISO 3166-1 codes
	 * and its withdrawn states (CSK, DDR, SCG, SUN, YMD, YUG) map, each to
	 * itself; withdrawn territories, renamed codes (BUR, ZAR) and the rest
	 * map to nothing. With and without the dataset loaded. */
	for (int with_states = 0; with_states <= 1; with_states++) {
		geopol_db *db = open_db(with_states);
		gp_resolver *r;
		ck_assert_int_eq(gp_resolver_new(&r, db), GEOPOL_OK);
		char a3[4] = "AAA";
		int mapped = 0, withdrawn = 0;
		for (int i = 0; i < 26 * 26 * 26; i++) {
			a3[0] = (char)('A' + i / 676);
			a3[1] = (char)('A' + i / 26 % 26);
			a3[2] = (char)('A' + i % 26);
			const cJSON *e = entity_with_code(a3);
			int want = e && (id_of(e, "iso3166-1-alpha3") || withdrawn_state(e));
			const char *got = iso_code(r, a3);
			ck_assert_msg((got != NULL) == want, "%s: %s", a3, got ? got : "nothing");
			if (got)
				ck_assert_str_eq(got, a3);
			mapped += want;
			withdrawn += withdrawn_state(e);
		}
		ck_assert_int_eq(mapped, 255);
		ck_assert_int_eq(withdrawn, 6);
		ck_assert_ptr_null(iso_code(r, "kaz"));
		ck_assert_ptr_null(iso_code(r, "KAZA"));
		gp_resolver_free(r);
		geopol_close(db);
	}
}
END_TEST

START_TEST(test_country_map_iso__withdrawn_names)
{
	/* A withdrawn state's table name is ISO 3166-3's text, the dataset's
	 * English historical name the others are cut from; on an empty
	 * database it is made a state, as the dataset has it. */
	static const char *const rows[][2] = {
		{"CSK", "Czechoslovakia, Czechoslovak Socialist Republic"},
		{"DDR", "German Democratic Republic"},
		{"SCG", "Serbia and Montenegro"},
		{"SUN", "USSR, Union of Soviet Socialist Republics"},
		{"YMD", "Yemen, Democratic, People's Democratic Republic of"},
		{"YUG", "Yugoslavia, (Socialist) Federal Republic of"},
	};
	geopol_db *db = open_db(0);
	gp_resolver *r;
	ck_assert_int_eq(gp_resolver_new(&r, db), GEOPOL_OK);
	for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
		const gp_iso_country *c = gp_iso_by_alpha3(rows[i][0]);
		ck_assert_ptr_nonnull(c);
		ck_assert_str_eq(c->name, rows[i][1]);
		ck_assert_ptr_null(c->official);
		ck_assert_ptr_null(c->common);
		const cJSON *e = entity_with_code(rows[i][0]);
		ck_assert(withdrawn_state(e));
		int found = 0;
		const cJSON *n;
		cJSON_ArrayForEach(n, cJSON_GetObjectItemCaseSensitive(e, "names"))
			found |= strcmp(str(n, "lang"), "en") == 0 &&
				 strcmp(str(n, "kind"), "historical") == 0 &&
				 strcmp(str(n, "text"), rows[i][1]) == 0;
		ck_assert_msg(found, "%s: no historical name %s", rows[i][0], rows[i][1]);
		char row[256], expect[256];
		ck_assert_str_eq(iso_code(r, rows[i][0]), rows[i][0]);
		entity_row(db, rows[i][0], row, sizeof row);
		snprintf(expect, sizeof expect, "state - %s", rows[i][1]);
		ck_assert_str_eq(row, expect);
	}
	gp_resolver_free(r);
	geopol_close(db);
}
END_TEST

/* ---- names */

START_TEST(test_country_map_names__dataset_spellings)
{
	/* Names as the event datasets write them; case, spaces and
	 * punctuation do not count. */
	static const char *const rows[][2] = {
		{"Russia", "RUS"},
		{"Russian Federation", "RUS"},
		{"russian  federation", "RUS"},
		{"Occupied Palestinian Territory", "PSE"},
		{"Congo, Democratic Republic of", "COD"},
		{"Democratic Republic of Congo", "COD"},
		{"Republic of Congo", "COG"},
		{"Ivory Coast", "CIV"},
		{"Cote d'Ivoire", "CIV"},
		{"Côte d'Ivoire", "CIV"},
		{"Moldova, Republic of", "MDA"},
		{"Moldova", "MDA"},
		{"Swaziland", "SWZ"},
		{"Burma", "MMR"},
		{"Soviet Union", "SUN"},
		{"USSR", "SUN"},
		{"Serbia and Montenegro", "SCG"},
		{"Taiwan", "TWN"},
		{"Macau", "MAC"},
		{"Great Britain", "GBR"},
		{"United States of America", "USA"},
		{"Kazakhstan", "KAZ"},
		{"Republic of Kazakhstan", "KAZ"},
	};
	for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
		const gp_iso_country *c = gp_iso_by_name(rows[i][0]);
		ck_assert_msg(c != NULL, "%s: no country", rows[i][0]);
		ck_assert_str_eq(c->alpha3, rows[i][1]);
	}
	ck_assert_ptr_null(gp_iso_by_name("Kosovo"));
	ck_assert_ptr_null(gp_iso_by_name("Atlantis"));
	ck_assert_ptr_null(gp_iso_by_name(""));
	ck_assert_ptr_null(gp_iso_by_name("--"));
}
END_TEST

START_TEST(test_country_map_names__english_names)
{
	/* Every English short, official and common name of an ISO 3166-1
	 * entity of the dataset finds that entity. */
	int n = 0;
	const cJSON *e;
	cJSON_ArrayForEach(e, cJSON_GetObjectItemCaseSensitive(states, "entities")) {
		if (!id_of(e, "iso3166-1-alpha3"))
			continue;
		static const char *const kinds[] = {"short", "official", "alias"};
		for (int k = 0; k < 3; k++) {
			const char *text = english(e, kinds[k]);
			if (!text)
				continue;
			const gp_iso_country *c = gp_iso_by_name(text);
			ck_assert_msg(c != NULL, "%s: no country", text);
			ck_assert_msg(strcmp(c->alpha3, str(e, "code")) == 0, "%s: %s, not %s", text,
				      c->alpha3, str(e, "code"));
			n++;
		}
	}
	ck_assert_int_gt(n, 400);
}
END_TEST

static Suite *country_map_suite(void)
{
	Suite *s = suite_create("country_map");
	TCase *cow = tcase_create("cow");
	TCase *iso = tcase_create("iso");
	TCase *names = tcase_create("names");
	TCase *all[] = {cow, iso, names};
	for (size_t i = 0; i < 3; i++) {
		tcase_add_unchecked_fixture(all[i], load_states, free_states);
		tcase_set_timeout(all[i], 120);
	}
	tcase_add_test(cow, test_country_map_cow__dataset_states);
	tcase_add_test(cow, test_country_map_cow__every_cow_state);
	tcase_add_test(cow, test_country_map_cow__igo_columns);
	tcase_add_test(iso, test_country_map_iso__current_codes);
	tcase_add_test(iso, test_country_map_iso__every_code);
	tcase_add_test(iso, test_country_map_iso__withdrawn_names);
	tcase_add_test(names, test_country_map_names__dataset_spellings);
	tcase_add_test(names, test_country_map_names__english_names);
	suite_add_tcase(s, cow);
	suite_add_tcase(s, iso);
	suite_add_tcase(s, names);
	return s;
}

int main(void)
{
	return tu_run(country_map_suite());
}
