/* out.h - the output stream the exports write to: bytes gathered in a
 * buffer and handed to the caller's geopol_write_fn when it is full (out.c). */
#ifndef GEOPOL_OUT_H
#define GEOPOL_OUT_H

#include "core/geopol_internal.h"

#include <string.h>

/* Bytes gathered before each call of the caller's write function: one call
 * per GP_OUT_BUFSIZE, not one per item or per string. */
#define GP_OUT_BUFSIZE (64 * 1024)

typedef struct gp_out {
	geopol_write_fn write;
	void *ctx;
	int failed;      /* the writer refused: stop with GEOPOL_EIO */
	char *buf;       /* GP_OUT_BUFSIZE bytes */
	size_t len;      /* bytes in buf not yet written */
} gp_out;

/* Writes go to the buffer, which goes to the writer when full. Once the
 * writer has refused, the bytes are dropped and o->failed stays set: the
 * formats test it once per item, geopol_export() at the end. */
int gp_out_printf(gp_out *o, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Hand the buffered bytes to the writer. */
int gp_out_flush(gp_out *o);
/* A signed integer in decimal. */
int gp_out_i64(gp_out *o, int64_t v);
/* The slow paths of the inline functions below. */
int gp_out_write_full(gp_out *o, const char *s, size_t n);
char *gp_out_room_full(gp_out *o, size_t n);

static inline int gp_out_write(gp_out *o, const char *s, size_t n)
{
	if (GP_OUT_BUFSIZE - o->len < n)
		return gp_out_write_full(o, s, n);
	memcpy(o->buf + o->len, s, n);
	o->len += n;
	return GEOPOL_OK;
}

static inline int gp_out_byte(gp_out *o, char c)
{
	return gp_out_write(o, &c, 1);
}

static inline int gp_out_str(gp_out *o, const char *s)
{
	return gp_out_write(o, s, strlen(s));
}

/* A literal: the length is known at compile time, so is the copy. */
#define GP_OUT_LIT(o, lit) gp_out_write((o), "" lit, sizeof(lit) - 1)

/* Writing in place: gp_out_room() makes room for n bytes (n at most
 * GP_OUT_BUFSIZE; the buffer goes to the writer first when it has less) and
 * returns where they go; the gp_put* helpers write there and return the end;
 * gp_out_end() takes the end back. One bound check for several small
 * writes, and no call for a copy whose length is a constant:
 *
 *	char *p = gp_out_room(o, 16 + 6 * n);
 *	p = GP_PUT_LIT(p, "<x a=\"");
 *	...
 *	gp_out_end(o, p);
 */
static inline char *gp_out_room(gp_out *o, size_t n)
{
	return GP_OUT_BUFSIZE - o->len < n ? gp_out_room_full(o, n) : o->buf + o->len;
}

static inline void gp_out_end(gp_out *o, char *end)
{
	o->len = (size_t)(end - o->buf);
}

static inline char *gp_put(char *p, const char *s, size_t n)
{
	memcpy(p, s, n);
	return p + n;
}

#define GP_PUT_LIT(p, lit) gp_put((p), "" lit, sizeof(lit) - 1)

#endif
