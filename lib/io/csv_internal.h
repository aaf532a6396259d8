/*
 * csv_internal.h - a streaming CSV/TSV reader for the dataset importers.
 *
 * One record at a time through a fixed buffer: memory does not grow with the
 * file. Quoted fields ("a, b", "say ""hi""", line breaks inside quotes) are
 * unquoted in place; CRLF and a UTF-8 BOM are accepted. The reader keeps the
 * line on which the current record starts and the header's column names, so
 * that an error can name the file, the line and the column. A file
 * compressed with gzip, or a .zip archive holding one file (as GDELT
 * publishes them), is read as it is, without unpacking it first.
 */
#ifndef GEOPOL_CSV_INTERNAL_H
#define GEOPOL_CSV_INTERNAL_H

#include "core/geopol_internal.h"

#include <stdio.h>

#define GP_CSV_MAX_FIELDS 256
#define GP_CSV_RECORD_MAX (1 << 16) /* bytes of one record, unquoted */
#define GP_CSV_CHUNK (1 << 16)

typedef struct gp_csv {
	geopol_db *db;
	const char *path;
	struct gzFile_s *gz;          /* plain and gzip files (zlib) */
	struct zip *zip;              /* a .zip archive (libzip) ... */
	struct zip_file *zf;          /* ... and its one file */
	int read_error;
	char sep;                     /* ',' or '\t' */
	/* input chunk */
	char in[GP_CSV_CHUNK];
	size_t in_len, in_pos;
	int eof;
	uint64_t bytes;               /* consumed so far, uncompressed */
	uint64_t size;                /* file size, 0 if unknown */
	int pending;                  /* the first line is a record, not a header */
	/* the current record: fields point into rec, NUL-terminated */
	char rec[GP_CSV_RECORD_MAX];
	char *field[GP_CSV_MAX_FIELDS];
	unsigned char quoted[GP_CSV_MAX_FIELDS]; /* the field was written in quotes */
	size_t n;                     /* fields in the record */
	long nul_field;               /* first field holding a NUL byte, -1 if none */
	long line;                    /* line on which the record starts (1 = first) */
	long next_line;               /* line the next record starts on */
	/* the header (record on line 1), copied */
	char header_buf[GP_CSV_RECORD_MAX];
	char *header[GP_CSV_MAX_FIELDS];
	size_t n_header;
} gp_csv;

/*
 * Open a file and read its header. sep 0 means: tab if the first line holds
 * a tab, else comma. The reader is large (about 200 KiB): allocate it with
 * gp_csv_new() rather than on the stack. EIO with a message on failure.
 */
int gp_csv_new(gp_csv **out, geopol_db *db, const char *path, char sep);
void gp_csv_free(gp_csv *c);

/* The next record: 1 when one was read, 0 at the end of the file, or a
 * negative status (EINVAL for an unterminated quote or an overlong record,
 * with the message "file:line: ..."). Blank lines are skipped. */
int gp_csv_next(gp_csv *c);

/* A file with no header line: its first line is the first record, and
 * the columns are named by `names` (static strings, n of them). */
int gp_csv_set_header(gp_csv *c, const char *const *names, size_t n);

/* How far the reading is, in the units of c->size (compressed bytes for a
 * compressed file). */
uint64_t gp_csv_position(const gp_csv *c);

/* Index of a header column (exact name), or -1. */
int gp_csv_col(const gp_csv *c, const char *name);

/* A header column's name, or "?" when out of range. */
const char *gp_csv_colname(const gp_csv *c, size_t i);

/* An absent value: an empty field or an unquoted NA. */
int gp_csv_is_na(const gp_csv *c, size_t i);

/* The field with surrounding blanks removed (in place). */
char *gp_csv_trim(gp_csv *c, size_t i);

/* The offset of the first byte of s that is not valid UTF-8, or -1. */
long gp_utf8_bad(const char *s);

#endif
