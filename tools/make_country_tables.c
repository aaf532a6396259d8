/*
 * make_country_tables.c - writes the country tables of the dataset
 * importers (lib/io/country_map.c) as C, at build time, from the data they
 * must agree with:
 *
 *   data/10-states.json      ISO codes, English names and kinds, and each
 *                            state's COW number and abbreviation (the ISO
 *                            code of a COW state is the entity's with that
 *                            number, if it has one);
 *   data/cow-states.tsv      the 217 COW states with their names and IGO
 *                            columns (and the one ISO code 10-states.json
 *                            cannot give);
 *   data/country-aliases.tsv names the event datasets write.
 *
 * Usage: make_country_tables STATES.json COW.tsv ALIASES.tsv OUT.c
 *
 * Rows of the ISO table: every entity with an "iso3166-1-alpha3" id (its
 * English short, official and alias names still in use; a state if its kind
 * is "state"), and every withdrawn state (an "iso3166-3-alpha4" id, kind
 * "state") with its ISO 3166-3 name: the English historical name the others
 * are cut from ("USSR, Union of Soviet Socialist Republics"). Anything that
 * does not fit (a COW number of the dataset missing from the TSV, two
 * abbreviations, an alias of an unknown code...) stops the build with the
 * place named.
 */
#include <cjson/cJSON.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_ROWS 512

typedef struct cow_row {
	int ccode;
	const char *abb, *name, *column, *iso3;
} cow_row;

typedef struct iso_row {
	const char *alpha3, *name, *official, *common;
	int state;
} iso_row;

typedef struct alias_row {
	const char *name, *alpha3;
} alias_row;

static const char *prog = "make_country_tables";

static void die(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	fprintf(stderr, "%s: ", prog);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
	va_end(ap);
	exit(1);
}

static char *slurp(const char *path)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		die("cannot open %s", path);
	char *s = NULL;
	size_t len = 0, cap = 0, n;
	do {
		if (len + 4096 + 1 > cap) {
			cap = (len + 4096 + 1) * 2;
			if (!(s = realloc(s, cap)))
				die("out of memory");
		}
		n = fread(s + len, 1, 4096, f);
		len += n;
	} while (n == 4096);
	if (ferror(f))
		die("cannot read %s", path);
	fclose(f);
	s[len] = '\0';
	return s;
}

/* ---- the TSV files: a header line, then rows; # comments, no quoting */

typedef struct tsv {
	const char *path;
	char *text, *next;
	int line;
} tsv;

/* The next row's fields (NULL after the last), or -1 at the end. */
static int tsv_row_fields(tsv *t, char **f, int max)
{
	for (;;) {
		if (!*t->next)
			return -1;
		char *line = t->next, *nl = strchr(line, '\n');
		t->next = nl ? nl + 1 : line + strlen(line);
		if (nl)
			*nl = '\0';
		t->line++;
		if (*line == '#' || *line == '\0')
			continue;
		int n = 0;
		for (char *p = line; p; n++) {
			if (n == max - 1)
				die("%s:%d: too many fields", t->path, t->line);
			f[n] = p;
			if ((p = strchr(p, '\t')))
				*p++ = '\0';
		}
		f[n] = NULL;
		return n;
	}
}

static void tsv_open(tsv *t, const char *path, const char *header)
{
	t->path = path;
	t->text = t->next = slurp(path);
	t->line = 0;
	char *f[8];
	if (tsv_row_fields(t, f, 8) < 0)
		die("%s: no header line", path);
	char got[256] = "";
	for (int i = 0; i < 8 && f[i]; i++)
		snprintf(got + strlen(got), sizeof got - strlen(got), "%s%s", i ? "\t" : "", f[i]);
	if (strcmp(got, header) != 0)
		die("%s:%d: header is not '%s'", path, t->line, header);
}

static int parse_ccode(const tsv *t, const char *s)
{
	char *end;
	long v = strtol(s, &end, 10);
	if (*s < '1' || *s > '9' || *end || v > 9999)
		die("%s:%d: COW number '%s'", t->path, t->line, s);
	return (int)v;
}

static int is_alpha3(const char *s)
{
	return strlen(s) == 3 && s[0] >= 'A' && s[0] <= 'Z' && s[1] >= 'A' && s[1] <= 'Z' &&
	       s[2] >= 'A' && s[2] <= 'Z';
}

static size_t read_cow(tsv *t, const char *path, cow_row *rows)
{
	tsv_open(t, path, "ccode\tabb\tname\tigo_column\tiso3");
	size_t n = 0;
	char *f[8];
	int k;
	while ((k = tsv_row_fields(t, f, 8)) >= 0) {
		if (k != 4 && k != 5)
			die("%s:%d: %d fields, not 4 or 5", path, t->line, k);
		if (n == MAX_ROWS)
			die("%s: more than %d rows", path, MAX_ROWS);
		cow_row *r = &rows[n];
		r->ccode = parse_ccode(t, f[0]);
		r->abb = f[1];
		r->name = f[2];
		r->column = f[3];
		r->iso3 = k == 5 ? f[4] : NULL;
		if (!*r->abb || !*r->name || !*r->column || (r->iso3 && !is_alpha3(r->iso3)))
			die("%s:%d: an empty field or a bad ISO code", path, t->line);
		if (n && r->ccode <= rows[n - 1].ccode)
			die("%s:%d: COW %d is not after %d", path, t->line, r->ccode, rows[n - 1].ccode);
		for (size_t i = 0; i < n; i++)
			if (strcmp(rows[i].column, r->column) == 0)
				die("%s:%d: IGO column %s twice", path, t->line, r->column);
		n++;
	}
	return n;
}

static size_t read_aliases(tsv *t, const char *path, alias_row *rows)
{
	tsv_open(t, path, "name\tiso3");
	size_t n = 0;
	char *f[8];
	int k;
	while ((k = tsv_row_fields(t, f, 8)) >= 0) {
		if (k != 2 || !*f[0] || !is_alpha3(f[1]))
			die("%s:%d: not a name and an ISO code", path, t->line);
		if (n == MAX_ROWS)
			die("%s: more than %d rows", path, MAX_ROWS);
		rows[n].name = f[0];
		rows[n].alpha3 = f[1];
		n++;
	}
	return n;
}

/* ---- data/10-states.json */

static const char *str(const cJSON *o, const char *key)
{
	return cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(o, key));
}

/* Whether the string at key is s. */
static int is(const cJSON *o, const char *key, const char *s)
{
	const char *v = str(o, key);
	return v && strcmp(v, s) == 0;
}

static const char *id_of(const cJSON *e, const char *scheme)
{
	return str(cJSON_GetObjectItemCaseSensitive(e, "ids"), scheme);
}

/* The one English name of a kind still in use (no "to"), NULL if none. */
static const char *english(const cJSON *e, const char *kind)
{
	const char *found = NULL;
	const cJSON *n;
	cJSON_ArrayForEach(n, cJSON_GetObjectItemCaseSensitive(e, "names")) {
		if (!is(n, "lang", "en") || !is(n, "kind", kind) ||
		    cJSON_GetObjectItemCaseSensitive(n, "to"))
			continue;
		if (found)
			die("%s: two English %s names", str(e, "code"), kind);
		found = str(n, "text");
	}
	return found;
}

/* ISO 3166-3's name of a withdrawn state: the English historical name that
 * holds every other one ("USSR, Union of Soviet Socialist Republics"). */
static const char *withdrawn_name(const cJSON *e)
{
	const cJSON *n, *m;
	cJSON_ArrayForEach(n, cJSON_GetObjectItemCaseSensitive(e, "names")) {
		const char *text = str(n, "text");
		if (!text || !is(n, "lang", "en") || !is(n, "kind", "historical"))
			continue;
		int all = 1;
		cJSON_ArrayForEach(m, cJSON_GetObjectItemCaseSensitive(e, "names"))
			if (is(m, "lang", "en") && is(m, "kind", "historical") && str(m, "text") &&
			    !strstr(text, str(m, "text")))
				all = 0;
		if (all)
			return text;
	}
	die("%s: no English historical name holds the others", str(e, "code"));
	return NULL;
}

static cow_row *cow_find(cow_row *rows, size_t n, int ccode)
{
	for (size_t i = 0; i < n; i++)
		if (rows[i].ccode == ccode)
			return &rows[i];
	return NULL;
}

/* The COW rows' ISO codes from the entities' "cow" ids. */
static void link_cow(const cJSON *entities, cow_row *rows, size_t n, const char *path)
{
	const cJSON *e;
	cJSON_ArrayForEach(e, entities) {
		const char *cow = id_of(e, "cow"), *code = str(e, "code");
		if (!cow)
			continue;
		cow_row *r = cow_find(rows, n, atoi(cow));
		if (!r)
			die("%s: %s's COW number %s is not in %s", "10-states.json", code, cow, path);
		if (r->iso3)
			die("%s: COW %d is %s's in 10-states.json: give it there only", path, r->ccode,
			    code);
		const char *abb = id_of(e, "cow-abb");
		if (!abb || strcmp(abb, r->abb))
			die("%s: COW %d is %s there, %s in 10-states.json", path, r->ccode, r->abb,
			    abb ? abb : "nothing");
		/* Only an ISO code: a state the dataset knows by another code
		 * (YAR) is found by its "cow" id once the dataset is loaded, and
		 * is COW:<n> on a database without it. */
		if (id_of(e, "iso3166-1-alpha3") || id_of(e, "iso3166-3-alpha4"))
			r->iso3 = code;
	}
}

static size_t iso_rows(const cJSON *entities, iso_row *rows)
{
	size_t n = 0;
	const cJSON *e;
	cJSON_ArrayForEach(e, entities) {
		const char *code = str(e, "code"), *alpha3 = id_of(e, "iso3166-1-alpha3");
		int state = is(e, "kind", "state");
		if (!alpha3 && !(state && id_of(e, "iso3166-3-alpha4")))
			continue;
		if (!code || !is_alpha3(code) || (alpha3 && strcmp(alpha3, code)))
			die("10-states.json: entity %s has ISO code %s", code ? code : "?",
			    alpha3 ? alpha3 : "?");
		if (n == MAX_ROWS)
			die("10-states.json: more than %d ISO codes", MAX_ROWS);
		iso_row *r = &rows[n++];
		r->alpha3 = code;
		r->state = state;
		if (alpha3) {
			r->name = english(e, "short");
			r->official = english(e, "official");
			r->common = english(e, "alias");
			if (!r->name)
				die("10-states.json: %s has no English short name", code);
		} else {
			r->name = withdrawn_name(e);
			r->official = r->common = NULL;
		}
	}
	return n;
}

static int by_alpha3(const void *a, const void *b)
{
	return strcmp(((const iso_row *)a)->alpha3, ((const iso_row *)b)->alpha3);
}

/* ---- output */

static void put_str(FILE *out, const char *s)
{
	if (!s) {
		fputs("NULL", out);
		return;
	}
	fputc('"', out);
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;
		if (c == '"' || c == '\\')
			fprintf(out, "\\%c", c);
		else if (c < 0x20 || c >= 0x7f)
			fprintf(out, "\\%03o", c); /* octal: never runs into what follows */
		else
			fputc(c, out);
	}
	fputc('"', out);
}

static void write_tables(FILE *out, const cow_row *cow, size_t ncow, const iso_row *iso,
			 size_t niso, const alias_row *alias, size_t nalias)
{
	fputs("/* Generated by tools/make_country_tables.c from data/10-states.json,\n"
	      " * data/cow-states.tsv and data/country-aliases.tsv: do not edit. */\n"
	      "#include \"io/dataset_internal.h\"\n\n"
	      "const gp_cow_state gp_cow_states[] = {\n", out);
	for (size_t i = 0; i < ncow; i++) {
		fprintf(out, "\t{%d, ", cow[i].ccode);
		put_str(out, cow[i].abb);
		fputs(", ", out);
		put_str(out, cow[i].iso3);
		fputs(", ", out);
		put_str(out, cow[i].name);
		fputs(", ", out);
		put_str(out, cow[i].column);
		fputs("},\n", out);
	}
	fprintf(out, "};\nconst size_t gp_n_cow_states = %zu;\n\n", ncow);
	fputs("const gp_iso_country gp_iso_countries[] = {\n", out);
	for (size_t i = 0; i < niso; i++) {
		fputs("\t{", out);
		put_str(out, iso[i].alpha3);
		fputs(", ", out);
		put_str(out, iso[i].name);
		fputs(", ", out);
		put_str(out, iso[i].official);
		fputs(", ", out);
		put_str(out, iso[i].common);
		fprintf(out, ", %d},\n", iso[i].state);
	}
	fprintf(out, "};\nconst size_t gp_n_iso_countries = %zu;\n\n", niso);
	fputs("const gp_country_alias gp_country_aliases[] = {\n", out);
	for (size_t i = 0; i < nalias; i++) {
		fputs("\t{", out);
		put_str(out, alias[i].name);
		fputs(", ", out);
		put_str(out, alias[i].alpha3);
		fputs("},\n", out);
	}
	fprintf(out, "};\nconst size_t gp_n_country_aliases = %zu;\n", nalias);
}

int main(int argc, char **argv)
{
	static cow_row cow[MAX_ROWS];
	static iso_row iso[MAX_ROWS];
	static alias_row alias[MAX_ROWS];
	if (argc != 5)
		die("usage: make_country_tables STATES.json COW.tsv ALIASES.tsv OUT.c");
	char *json = slurp(argv[1]);
	cJSON *states = cJSON_Parse(json);
	const cJSON *entities = cJSON_GetObjectItemCaseSensitive(states, "entities");
	if (!cJSON_IsArray(entities))
		die("%s: no entities", argv[1]);
	tsv cow_file, alias_file;
	size_t ncow = read_cow(&cow_file, argv[2], cow);
	size_t nalias = read_aliases(&alias_file, argv[3], alias);
	link_cow(entities, cow, ncow, argv[2]);
	size_t niso = iso_rows(entities, iso);
	qsort(iso, niso, sizeof iso[0], by_alpha3);
	for (size_t i = 1; i < niso; i++)
		if (!strcmp(iso[i].alpha3, iso[i - 1].alpha3))
			die("%s: ISO code %s twice", argv[1], iso[i].alpha3);
	for (size_t i = 0; i < ncow; i++)
		if (cow[i].iso3 && !bsearch(&(iso_row){cow[i].iso3, 0, 0, 0, 0}, iso, niso,
					    sizeof iso[0], by_alpha3))
			die("%s: COW %d's ISO code %s is not in %s", argv[2], cow[i].ccode,
			    cow[i].iso3, argv[1]);
	for (size_t i = 0; i < nalias; i++)
		if (!bsearch(&(iso_row){alias[i].alpha3, 0, 0, 0, 0}, iso, niso, sizeof iso[0],
			     by_alpha3))
			die("%s: alias %s of %s, an unknown ISO code", argv[3], alias[i].name,
			    alias[i].alpha3);

	char tmp[4096];
	snprintf(tmp, sizeof tmp, "%s.tmp", argv[4]);
	FILE *out = fopen(tmp, "w");
	if (!out)
		die("cannot write %s", tmp);
	write_tables(out, cow, ncow, iso, niso, alias, nalias);
	if (fclose(out) || rename(tmp, argv[4]))
		die("cannot write %s", argv[4]);
	cJSON_Delete(states);
	free(json);
	free(cow_file.text);
	free(alias_file.text);
	return 0;
}
