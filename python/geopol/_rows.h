/*
 * _rows.h - a batch reader for the Python binding: it steps a geopol_iter
 * and writes its items as text rows into one buffer, which Python splits
 * in a few C-level calls instead of reading every field through cffi.
 * Uses the public API only.
 *
 * A row: a kind letter, then fields, separated by \x1f, ended by \x1e.
 * The kind letters: e entity, n name, m membership, r relation, v event,
 * c candidate; upper case when some string of the row held one of the
 * bytes \x10 \x1c-\x1f, each then written as \x10 and the byte XOR 0x40.
 * A NULL string, an absent number and an open date are empty fields.
 * The fields of each kind are listed in _rows.c; the first three are the
 * item's change, depth and via, the last its citations (when asked), each
 * source \x1d title \x1d quote, separated by \x1c.
 */
#ifndef GEOPOL_PY_ROWS_H
#define GEOPOL_PY_ROWS_H

/* cdef: */
typedef struct gpy_batch {
	char *buf;
	size_t len, cap;
	size_t rows;
} gpy_batch;

/* Append up to max_rows items of it to b (b->len and b->rows grow).
 * Returns GEOPOL_OK when max_rows were read, GEOPOL_ITEROVER at the end,
 * or an error status (GEOPOL_ENOMEM, or the iterator's). */
int gpy_fill(gpy_batch *b, geopol_iter *it, size_t max_rows, int sources);

/* Empty the batch, keeping its memory. */
void gpy_batch_clear(gpy_batch *b);

/* Free the batch's memory. */
void gpy_batch_free(gpy_batch *b);
#endif
