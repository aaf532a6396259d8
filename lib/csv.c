/*
 * csv.c - a streaming CSV/TSV reader (csv_internal.h). RFC 4180 quoting,
 * leniently: text after a closing quote is kept, a lone CR before LF is
 * dropped. Records are unquoted into a fixed buffer; a record larger than
 * GP_CSV_RECORD_MAX is an error, not a reason to grow.
 */
#include "csv_internal.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static int refill(gp_csv *c)
{
	if (c->eof)
		return 0;
	c->in_len = fread(c->in, 1, sizeof c->in, c->f);
	c->in_pos = 0;
	if (c->in_len == 0) {
		c->eof = 1;
		if (ferror(c->f))
			return gp_error(c->db, GEOPOL_EIO, "%s: read error", c->path);
		return 0;
	}
	return 1;
}

/* Next byte, or -1 at the end of the file (-2 on a read error). */
static inline int getch(gp_csv *c)
{
	if (c->in_pos == c->in_len) {
		int rc = refill(c);
		if (rc <= 0)
			return rc < 0 ? -2 : -1;
	}
	c->bytes++;
	return (unsigned char)c->in[c->in_pos++];
}

static inline int peekch(gp_csv *c)
{
	if (c->in_pos == c->in_len) {
		int rc = refill(c);
		if (rc <= 0)
			return -1;
	}
	return (unsigned char)c->in[c->in_pos];
}

/* Read one record into rec/field/n. 1: a record; 0: end of file. */
static int read_record(gp_csv *c)
{
	size_t w = 0;
	int ch;
	c->n = 0;
	c->line = c->next_line;
	if (peekch(c) < 0)
		return c->eof && ferror(c->f) ? gp_error(c->db, GEOPOL_EIO, "%s: read error", c->path) : 0;
	for (;;) {
		if (c->n == GP_CSV_MAX_FIELDS)
			return gp_error(c->db, GEOPOL_EINVAL, "%s:%ld: more than %d fields",
					c->path, c->line, GP_CSV_MAX_FIELDS);
		c->field[c->n] = c->rec + w;
		c->quoted[c->n] = 0;
		ch = getch(c);
		if (ch == '"') {
			c->quoted[c->n] = 1;
			for (;;) {
				ch = getch(c);
				if (ch < 0)
					return gp_error(c->db, GEOPOL_EINVAL,
							"%s:%ld: unterminated quoted field", c->path, c->line);
				if (ch == '"') {
					if (peekch(c) != '"')
						break;
					getch(c);
				} else if (ch == '\n') {
					c->next_line++;
				}
				if (w + 1 >= sizeof c->rec)
					goto overlong;
				c->rec[w++] = (char)ch;
			}
			ch = getch(c);
		}
		/* Unquoted text (or what follows a closing quote). */
		while (ch >= 0 && ch != c->sep && ch != '\n') {
			if (ch == '\r' && peekch(c) == '\n') {
				ch = getch(c);
				break;
			}
			if (w + 1 >= sizeof c->rec)
				goto overlong;
			c->rec[w++] = (char)ch;
			ch = getch(c);
		}
		if (ch == -2)
			return GEOPOL_EIO;
		c->rec[w++] = '\0';
		c->n++;
		if (ch != c->sep) {
			if (ch == '\n')
				c->next_line++;
			return 1;
		}
	}
overlong:
	return gp_error(c->db, GEOPOL_EINVAL, "%s:%ld: record longer than %d bytes",
			c->path, c->line, GP_CSV_RECORD_MAX);
}

int gp_csv_next(gp_csv *c)
{
	for (;;) {
		int rc = read_record(c);
		if (rc != 1)
			return rc;
		/* A blank line is not a record. */
		if (!(c->n == 1 && !c->quoted[0] && c->field[0][0] == '\0'))
			return 1;
	}
}

int gp_csv_new(gp_csv **out, geopol_db *db, const char *path, char sep)
{
	*out = NULL;
	gp_csv *c = calloc(1, sizeof *c);
	if (!c)
		return gp_error(db, GEOPOL_ENOMEM, "%s: out of memory", path);
	c->db = db;
	c->path = path;
	c->next_line = 1;
	c->f = fopen(path, "rb");
	if (!c->f) {
		int rc = gp_error(db, GEOPOL_EIO, "%s: cannot open: %s", path, strerror(errno));
		free(c);
		return rc;
	}
	struct stat sb;
	if (fstat(fileno(c->f), &sb) == 0 && S_ISREG(sb.st_mode))
		c->size = (uint64_t)sb.st_size;
	int rc = refill(c);
	if (rc < 0)
		goto fail;
	/* A UTF-8 byte order mark is not part of the first column's name. */
	if (c->in_len >= 3 && memcmp(c->in, "\xEF\xBB\xBF", 3) == 0)
		c->in_pos = 3;
	if (sep == 0) {
		sep = ',';
		for (size_t i = c->in_pos; i < c->in_len && c->in[i] != '\n'; i++)
			if (c->in[i] == '\t') {
				sep = '\t';
				break;
			}
	}
	c->sep = sep;
	rc = gp_csv_next(c);
	if (rc == 0)
		rc = gp_error(db, GEOPOL_EINVAL, "%s:1: empty file, expected a header line", path);
	if (rc < 0)
		goto fail;
	memcpy(c->header_buf, c->rec, sizeof c->rec);
	for (size_t i = 0; i < c->n; i++)
		c->header[i] = c->header_buf + (c->field[i] - c->rec);
	c->n_header = c->n;
	*out = c;
	return GEOPOL_OK;
fail:
	fclose(c->f);
	free(c);
	return rc;
}

void gp_csv_free(gp_csv *c)
{
	if (!c)
		return;
	if (c->f)
		fclose(c->f);
	free(c);
}

int gp_csv_col(const gp_csv *c, const char *name)
{
	for (size_t i = 0; i < c->n_header; i++)
		if (strcmp(c->header[i], name) == 0)
			return (int)i;
	return -1;
}

const char *gp_csv_colname(const gp_csv *c, size_t i)
{
	return i < c->n_header ? c->header[i] : "?";
}

int gp_csv_is_na(const gp_csv *c, size_t i)
{
	if (i >= c->n)
		return 1;
	const char *s = c->field[i];
	return s[0] == '\0' || (!c->quoted[i] && strcmp(s, "NA") == 0);
}

char *gp_csv_trim(gp_csv *c, size_t i)
{
	if (i >= c->n)
		return (char *)"";
	char *s = c->field[i];
	while (*s == ' ' || *s == '\t')
		s++;
	size_t len = strlen(s);
	while (len && (s[len - 1] == ' ' || s[len - 1] == '\t'))
		s[--len] = '\0';
	c->field[i] = s;
	return s;
}
