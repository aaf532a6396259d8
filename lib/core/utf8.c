/*
 * utf8.c - the UTF-8 every text the library keeps or quotes must be.
 */
#include "core/geopol_internal.h"

/* A strict UTF-8 check: no overlongs, no surrogates, nothing past U+10FFFF. */
size_t gp_utf8_seq(const char *text, size_t avail)
{
	const unsigned char *s = (const unsigned char *)text;
	unsigned c = s[0];
	size_t n;
	unsigned min;
	if (c < 0x80) return 1;
	else if ((c & 0xE0) == 0xC0) { n = 1; c &= 0x1F; min = 0x80; }
	else if ((c & 0xF0) == 0xE0) { n = 2; c &= 0x0F; min = 0x800; }
	else if ((c & 0xF8) == 0xF0) { n = 3; c &= 0x07; min = 0x10000; }
	else return 0;
	if (n >= avail)
		return 0;
	for (size_t i = 1; i <= n; i++) {
		if ((s[i] & 0xC0) != 0x80)
			return 0;
		c = (c << 6) | (s[i] & 0x3F);
	}
	if (c < min || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF))
		return 0;
	return n + 1;
}

size_t gp_utf8_valid_len(const char *s, size_t len)
{
	size_t i = 0, n;
	while (i < len && (n = gp_utf8_seq(s + i, len - i)) != 0)
		i += n;
	return i;
}
