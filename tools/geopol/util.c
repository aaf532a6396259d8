/*
 * util.c - the command's small shared helpers: error lines, dates, entity
 * arguments, growable strings.
 */
#include "cli.h"

#include <stdlib.h>
#include <string.h>

int cli_error(int status, const char *fmt, ...)
{
	va_list ap;
	fputs("geopol: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	return status;
}

int cli_db_error(cli *c, int rc)
{
	const char *msg = c->db ? geopol_errmsg(c->db) : "";
	return cli_error(CLI_FAIL, "%s", *msg ? msg : geopol_strerror(rc));
}

int cli_date(const char *opt, const char *text, geopol_date *out)
{
	if (geopol_date_parse(out, text) != GEOPOL_OK)
		return cli_error(CLI_FAIL, "%s: '%s' is not a valid date", opt, text);
	return CLI_OK;
}

int cli_date_opt(const char *opt, const char *text, geopol_date *out)
{
	geopol_date open = GEOPOL_DATE_OPEN_INIT;
	*out = open;
	return text ? cli_date(opt, text, out) : CLI_OK;
}

int cli_stages(const char *opt, const char *text, unsigned *out)
{
	static const struct { const char *name; unsigned set; } presets[] = {
		{"de_jure", GEOPOL_STAGES_DE_JURE}, {"de_facto", GEOPOL_STAGES_DE_FACTO},
		{"had_signed", GEOPOL_STAGES_SIGNED}, {"had_ratified", GEOPOL_STAGES_RATIFIED},
		{"all", GEOPOL_STAGES_ALL},
	};
	unsigned set = 0;
	const char *p = text;
	for (;;) {
		size_t n = strcspn(p, ",");
		char name[32];
		unsigned one = 0;
		if (n > 0 && n < sizeof name) {
			memcpy(name, p, n);
			name[n] = '\0';
			int stage = geopol_stage_parse(name);
			one = stage ? GEOPOL_STAGE_BIT(stage) : 0;
			for (size_t i = 0; !one && i < sizeof presets / sizeof presets[0]; i++)
				if (strcmp(name, presets[i].name) == 0)
					one = presets[i].set;
		}
		if (!one)
			return cli_error(CLI_USAGE, "%s: '%.*s' is not a stage (in_force, signed, ratified, "
					 "suspended, frozen, withdrawal_notified, withdrawn, de_jure, de_facto, "
					 "had_signed, had_ratified, all)", opt, (int)n, p);
		set |= one;
		if (!p[n])
			break;
		p += n + 1;
	}
	*out = set;
	return CLI_OK;
}

int cli_entity(cli *c, const char *text, char *buf, size_t size)
{
	int rc = geopol_resolve_one(c->db, text, buf, size);
	if (rc == GEOPOL_OK)
		return CLI_OK;
	/* ENOTFOUND and EAMBIGUOUS messages name the text and the candidates. */
	return cli_db_error(c, rc);
}

const char *cli_date_str(geopol_date d, char *buf)
{
	buf[0] = '\0';
	if (d.precision)
		geopol_date_format(d, buf, GEOPOL_DATE_BUFSIZE);
	return buf;
}

void cli_thousands(unsigned long long v, char *buf, size_t size)
{
	char digits[32];
	int n = snprintf(digits, sizeof digits, "%llu", v);
	size_t o = 0;
	for (int i = 0; i < n && o + 2 < size; i++) {
		if (i && (n - i) % 3 == 0)
			buf[o++] = ',';
		buf[o++] = digits[i];
	}
	buf[o] = '\0';
}

/* ---- growable strings: allocation failure is fatal for a command-line tool */

static void sb_reserve(sbuf *b, size_t more)
{
	if (b->n + more + 1 <= b->cap)
		return;
	size_t cap = b->cap ? b->cap : 64;
	while (cap < b->n + more + 1)
		cap *= 2;
	char *s = realloc(b->s, cap);
	if (!s) {
		cli_error(CLI_FAIL, "out of memory");
		exit(CLI_FAIL);
	}
	b->s = s;
	b->cap = cap;
}

void sb_add(sbuf *b, const char *s)
{
	size_t n = strlen(s);
	sb_reserve(b, n);
	memcpy(b->s + b->n, s, n + 1);
	b->n += n;
}

void sb_printf(sbuf *b, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n <= 0)
		return;
	sb_reserve(b, (size_t)n);
	va_start(ap, fmt);
	vsnprintf(b->s + b->n, (size_t)n + 1, fmt, ap);
	va_end(ap);
	b->n += (size_t)n;
}

const char *sb_str(const sbuf *b)
{
	return b->s ? b->s : "";
}

char *sb_take(sbuf *b)
{
	char *s = b->s;
	if (!s) {
		s = malloc(1);
		if (!s) {
			cli_error(CLI_FAIL, "out of memory");
			exit(CLI_FAIL);
		}
		s[0] = '\0';
	}
	b->s = NULL;
	b->n = b->cap = 0;
	return s;
}

void sb_free(sbuf *b)
{
	free(b->s);
	b->s = NULL;
	b->n = b->cap = 0;
}

/* A JSON string literal (quotes, backslashes and control characters escaped). */
void cli_json_string(FILE *f, const char *s)
{
	fputc('"', f);
	for (; *s; s++) {
		if (*s == '"' || *s == '\\')
			fprintf(f, "\\%c", *s);
		else if ((unsigned char)*s < 0x20)
			fprintf(f, "\\u%04x", (unsigned char)*s);
		else
			fputc(*s, f);
	}
	fputc('"', f);
}
