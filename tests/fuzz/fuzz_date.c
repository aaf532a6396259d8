/* fuzz_date.c - the date parser and formatter: whatever parses formats
 * back to the same text and day; any day number converts without overflow. */
#include "fuzz_common.h"

#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *text = fz_string(data, size);
	geopol_date d, again;
	char buf[GEOPOL_DATE_BUFSIZE];
	if (geopol_date_parse(&d, text) == GEOPOL_OK) {
		int n = geopol_date_format(d, buf, sizeof buf);
		if (n <= 0 || (size_t)n >= sizeof buf || strcmp(buf, text) != 0)
			fz_fail("parse then format changed the text", text);
		if (geopol_date_parse(&again, buf) != GEOPOL_OK || again.day != d.day ||
		    again.precision != d.precision)
			fz_fail("format then parse changed the date", buf);
		int y, m, day;
		geopol_date_to_ymd(d.day, &y, &m, &day);
		if (y < 1 || y > 9999 || m < 1 || m > 12 || day < 1 || day > 31)
			fz_fail("to_ymd gave an impossible date", text);
		if (geopol_date_last_day(d) < d.day)
			fz_fail("the last day comes before the first", text);
	}
	/* Any 8 bytes as a date struct: no overflow, no write past the buffer. */
	if (size >= 8) {
		geopol_date raw;
		memcpy(&raw, data, sizeof raw);
		int n = geopol_date_format(raw, buf, sizeof buf);
		if (n >= (int)sizeof buf)
			fz_fail("format wrote past GEOPOL_DATE_BUFSIZE", buf);
		int y, m, day;
		geopol_date_to_ymd(raw.day, &y, &m, &day);
		if (m < 1 || m > 12 || day < 1 || day > 31)
			fz_fail("to_ymd of a raw day", "impossible month or day");
		(void)geopol_date_last_day(raw);
	}
	free(text);
	return 0;
}
