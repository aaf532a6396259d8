/*
 * out.c - the exports' output stream (out.h): a 64 kB buffer handed to the
 * caller's write function when full, not string by string.
 */
#include "io/out.h"

#include <assert.h>
#include <stdio.h>
#include <stdlib.h>

int gp_out_flush(gp_out *o)
{
	if (o->failed)
		return GEOPOL_EIO;
	size_t n = o->len;
	o->len = 0;
	if (n && o->write(o->ctx, o->buf, n) != 0) {
		o->failed = 1;
		return GEOPOL_EIO;
	}
	return GEOPOL_OK;
}

/* gp_out_write() when the bytes do not fit what is left of the buffer. */
int gp_out_write_full(gp_out *o, const char *s, size_t n)
{
	int rc = gp_out_flush(o);
	o->len = 0;   /* after a refused write: drop the bytes */
	if (n < GP_OUT_BUFSIZE) {
		memcpy(o->buf, s, n);
		o->len = n;
		return rc;
	}
	if (!rc && n && o->write(o->ctx, s, n) != 0) {
		o->failed = 1;
		rc = GEOPOL_EIO;
	}
	return rc;
}

char *gp_out_room_full(gp_out *o, size_t n)
{
	assert(n <= GP_OUT_BUFSIZE);
	(void)n;
	gp_out_flush(o);
	o->len = 0;   /* after a refused write: drop the bytes */
	return o->buf;
}

int gp_out_i64(gp_out *o, int64_t v)
{
	char buf[24], *p = buf + sizeof buf;
	uint64_t u = v < 0 ? 0 - (uint64_t)v : (uint64_t)v;
	do
		*--p = (char)('0' + u % 10);
	while (u /= 10);
	if (v < 0)
		*--p = '-';
	return gp_out_write(o, p, (size_t)(buf + sizeof buf - p));
}

int gp_out_printf(gp_out *o, const char *fmt, ...)
{
	char buf[1024];
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(buf, sizeof buf, fmt, ap);
	va_end(ap);
	if (n < 0)
		return GEOPOL_EIO;
	if ((size_t)n < sizeof buf)
		return gp_out_write(o, buf, (size_t)n);
	char *big = malloc((size_t)n + 1);
	if (!big)
		return GEOPOL_ENOMEM;
	va_start(ap, fmt);
	vsnprintf(big, (size_t)n + 1, fmt, ap);
	va_end(ap);
	int rc = gp_out_write(o, big, (size_t)n);
	free(big);
	return rc;
}
