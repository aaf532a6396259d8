/*
 * csv.c - a streaming CSV/TSV reader (csv_internal.h). RFC 4180 quoting,
 * leniently: text after a closing quote is kept, a lone CR before LF is
 * dropped. Records are unquoted into a fixed buffer; a record larger than
 * GP_CSV_RECORD_MAX is an error, not a reason to grow.
 */
#include "io/csv_internal.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zip.h>
#include <zlib.h>

static int refill(gp_csv *c)
{
	if (c->eof)
		return 0;
	long n = c->zf ? (long)zip_fread(c->zf, c->in, sizeof c->in)
		       : (long)gzread(c->gz, c->in, (unsigned)sizeof c->in);
	c->in_pos = 0;
	c->in_len = n > 0 ? (size_t)n : 0;
	if (n == 0 && c->gz) {
		/* zlib gives what it has of a cut stream, then 0: not an end. */
		int err = Z_OK;
		gzerror(c->gz, &err);
		if (err == Z_BUF_ERROR) {
			c->eof = c->read_error = 1;
			return gp_error(c->db, GEOPOL_EIO, "%s: the compressed file ends early (truncated?)",
					c->path);
		}
	}
	if (n <= 0) {
		c->eof = 1;
		c->read_error = n < 0;
		if (n < 0)
			return gp_error(c->db, GEOPOL_EIO, "%s: read error%s", c->path,
					c->zf ? "" : " (a damaged compressed file?)");
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

/* A NUL byte would end the field's string early: the importers refuse
 * the record rather than store a cut value. */
static inline void note_nul(gp_csv *c, int ch)
{
	if (ch == 0 && c->nul_field < 0)
		c->nul_field = (long)c->n;
}

/* Read one record into rec/field/n. 1: a record; 0: end of file. */
static int read_record(gp_csv *c)
{
	size_t w = 0;
	int ch;
	c->n = 0;
	c->nul_field = -1;
	c->line = c->next_line;
	if (peekch(c) < 0)
		return c->read_error ? GEOPOL_EIO : 0;
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
				if (ch == -2)
					return GEOPOL_EIO; /* the message is the read error's */
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
				note_nul(c, ch);
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
			note_nul(c, ch);
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
	if (c->pending) {
		/* The first line, kept as it was read (gp_csv_set_header). */
		c->pending = 0;
		return 1;
	}
	for (;;) {
		int rc = read_record(c);
		if (rc != 1)
			return rc;
		/* A blank line is not a record. */
		if (!(c->n == 1 && !c->quoted[0] && c->field[0][0] == '\0'))
			return 1;
	}
}

/* A .zip archive: its one file is the input. */
static int open_zip(gp_csv *c)
{
	int err = 0;
	c->zip = zip_open(c->path, ZIP_RDONLY, &err);
	if (!c->zip) {
		zip_error_t ze;
		zip_error_init_with_code(&ze, err);
		int rc = gp_error(c->db, GEOPOL_EIO, "%s: not a readable .zip archive: %s", c->path,
				  zip_error_strerror(&ze));
		zip_error_fini(&ze);
		return rc;
	}
	zip_int64_t n = zip_get_num_entries(c->zip, 0);
	if (n != 1)
		return gp_error(c->db, GEOPOL_EINVAL, "%s: a .zip archive with %lld files; expected one",
				c->path, (long long)n);
	zip_stat_t st;
	if (zip_stat_index(c->zip, 0, 0, &st) == 0 && (st.valid & ZIP_STAT_SIZE))
		c->size = (uint64_t)st.size;
	c->zf = zip_fopen_index(c->zip, 0, 0);
	if (!c->zf)
		return gp_error(c->db, GEOPOL_EIO, "%s: cannot read the file in the archive: %s", c->path,
				zip_strerror(c->zip));
	return GEOPOL_OK;
}

/* Open the input: a .zip archive (by its signature, in a regular file),
 * else a plain or a gzip file, or a pipe (zlib reads them all). */
static int open_input(gp_csv *c)
{
	int fd = open(c->path, O_RDONLY);
	if (fd < 0)
		return gp_error(c->db, GEOPOL_EIO, "%s: cannot open: %s", c->path, strerror(errno));
	struct stat sb;
	if (fstat(fd, &sb) == 0 && S_ISREG(sb.st_mode)) {
		unsigned char magic[4] = {0};
		c->size = (uint64_t)sb.st_size;
		if (pread(fd, magic, sizeof magic, 0) == 4 && memcmp(magic, "PK\3\4", 4) == 0) {
			close(fd);
			return open_zip(c);
		}
	}
	c->gz = gzdopen(fd, "rb");
	if (!c->gz) {
		close(fd);
		return gp_error(c->db, GEOPOL_ENOMEM, "%s: out of memory", c->path);
	}
	gzbuffer(c->gz, GP_CSV_CHUNK);
	return GEOPOL_OK;
}

static void close_input(gp_csv *c)
{
	if (c->zf)
		zip_fclose(c->zf);
	if (c->zip)
		zip_discard(c->zip);
	if (c->gz)
		gzclose(c->gz);
	c->zf = NULL;
	c->zip = NULL;
	c->gz = NULL;
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
	int rc = open_input(c);
	if (rc)
		goto fail;
	rc = refill(c);
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
	close_input(c);
	free(c);
	return rc;
}

int gp_csv_set_header(gp_csv *c, const char *const *names, size_t n)
{
	if (n > GP_CSV_MAX_FIELDS)
		return gp_error(c->db, GEOPOL_EINVAL, "%s: more than %d columns", c->path, GP_CSV_MAX_FIELDS);
	/* rec, field and n still hold the first line. */
	for (size_t i = 0; i < n; i++)
		c->header[i] = (char *)names[i];
	c->n_header = n;
	c->pending = 1;
	return GEOPOL_OK;
}

uint64_t gp_csv_position(const gp_csv *c)
{
	if (c->gz && !gzdirect(c->gz)) {
		z_off_t at = gzoffset(c->gz);
		return at > 0 ? (uint64_t)at : 0;
	}
	return c->bytes;
}

void gp_csv_free(gp_csv *c)
{
	if (!c)
		return;
	close_input(c);
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

long gp_utf8_bad(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0;
	while (p[i]) {
		unsigned char b = p[i];
		size_t len = b < 0x80 ? 1 : (b & 0xE0) == 0xC0 ? 2 : (b & 0xF0) == 0xE0 ? 3 :
			     (b & 0xF8) == 0xF0 ? 4 : 0;
		if (!len || (len == 2 && b < 0xC2) || (len == 4 && b > 0xF4))
			return (long)i;
		for (size_t k = 1; k < len; k++)
			if ((p[i + k] & 0xC0) != 0x80)
				return (long)i;
		/* Overlong 3- and 4-byte forms, surrogates, beyond U+10FFFF. */
		if ((len == 3 && b == 0xE0 && p[i + 1] < 0xA0) || (len == 3 && b == 0xED && p[i + 1] >= 0xA0) ||
		    (len == 4 && b == 0xF0 && p[i + 1] < 0x90) || (len == 4 && b == 0xF4 && p[i + 1] >= 0x90))
			return (long)i;
		i += len;
	}
	return -1;
}
