/*
 * date.c - partial ISO 8601 dates as day numbers, and interval arithmetic.
 * Day 0 is 0001-01-01 of the proleptic Gregorian calendar.
 */
#include "core/geopol_internal.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

static int is_leap(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static int days_in_month(int y, int m)
{
	static const int dim[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	return m == 2 && is_leap(y) ? 29 : dim[m - 1];
}

/* Days from 0001-01-01 to y-m-d (the civil-from-days algorithm, shifted so
 * that years start in March and leap days fall last). */
static int32_t ymd_to_day(int y, int m, int d)
{
	y -= m <= 2;
	int era = y / 400;
	int yoe = y - era * 400;
	int doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	/* 306 = days from 0000-03-01 to 0001-01-01 */
	return era * 146097 + doe - 306;
}

/* The days of years 1 to 9999: 0001-01-01 is day 0, 9999-12-31 this one. */
#define LAST_DAY 3652058

/* 14700 cycles of 400 years (146097 days each): added to any int32_t day
 * number, they make it positive, and the calendar repeats every cycle. */
#define SHIFT_CYCLES 14700

/* The one day -> year, month, day routine (geopol_date_format() and the
 * exports' dates use it): the Neri-Schneider algorithm ("Euclidean affine
 * functions and their application to calendar algorithms", 2022), a short
 * chain of unsigned multiplications and no signed division, on the day
 * shifted by SHIFT_CYCLES so that every int32_t day has its proleptic date.
 * tests/check_date.c compares it with the civil-from-days formula. */
void geopol_date_to_ymd(int32_t day, int *year, int *month, int *mday)
{
	/* Days since 0000-03-01 (306 before day 0), years starting in March. */
	uint64_t n1 = 4 * (uint64_t)((int64_t)day + 306 + (int64_t)SHIFT_CYCLES * 146097) + 3;
	uint64_t century = n1 / 146097;
	uint32_t in_century = (uint32_t)(n1 % 146097 / 4);
	uint64_t p2 = (uint64_t)2939745 * (4 * in_century + 3);
	uint32_t y = (uint32_t)(p2 >> 32), in_year = (uint32_t)p2 / 2939745 / 4;
	uint32_t n3 = 2141 * in_year + 197913;
	uint32_t jan_feb = in_year >= 306;
	if (year)
		*year = (int)((int64_t)(100 * century + y + jan_feb) - 400 * SHIFT_CYCLES);
	if (month)
		*month = (int)(jan_feb ? (n3 >> 16) - 12 : n3 >> 16);
	if (mday)
		*mday = (int)((n3 & 0xffff) / 2141 + 1);
}

int geopol_date_from_ymd(geopol_date *out, int year, int month, int day)
{
	if (!out || year < 1 || year > 9999 || month < 0 || month > 12 || day < 0)
		return GEOPOL_EINVAL;
	if (month == 0 && day != 0)
		return GEOPOL_EINVAL;
	if (month && day > days_in_month(year, month))
		return GEOPOL_EINVAL;
	out->day = ymd_to_day(year, month ? month : 1, day ? day : 1);
	out->precision = day ? GEOPOL_DATE_DAY : month ? GEOPOL_DATE_MONTH : GEOPOL_DATE_YEAR;
	return GEOPOL_OK;
}

/* Read exactly n ASCII digits. */
static int digits(const char *s, int n, int *out)
{
	int v = 0;
	for (int i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	*out = v;
	return 0;
}

int geopol_date_parse(geopol_date *out, const char *text)
{
	int y, m = 0, d = 0;
	if (!text || !out)
		return GEOPOL_EINVAL;
	size_t len = strlen(text);
	if (len != 4 && len != 7 && len != 10)
		return GEOPOL_EINVAL;
	if (digits(text, 4, &y))
		return GEOPOL_EINVAL;
	if (len >= 7 && (text[4] != '-' || digits(text + 5, 2, &m) || m == 0))
		return GEOPOL_EINVAL;
	if (len == 10 && (text[7] != '-' || digits(text + 8, 2, &d) || d == 0))
		return GEOPOL_EINVAL;
	return geopol_date_from_ymd(out, y, m, d);
}

int geopol_date_format(geopol_date date, char *buf, size_t size)
{
	int y, m, d;
	if (!buf || size < GEOPOL_DATE_BUFSIZE)
		return GEOPOL_EINVAL;
	buf[0] = '\0';
	if (date.precision != GEOPOL_DATE_NONE && (date.day < 0 || date.day > LAST_DAY))
		return GEOPOL_EINVAL;
	geopol_date_to_ymd(date.day, &y, &m, &d);
	switch (date.precision) {
	case GEOPOL_DATE_YEAR: return snprintf(buf, size, "%04d", y);
	case GEOPOL_DATE_MONTH: return snprintf(buf, size, "%04d-%02d", y, m);
	case GEOPOL_DATE_DAY: return snprintf(buf, size, "%04d-%02d-%02d", y, m, d);
	default: buf[0] = '\0'; return 0;
	}
}

int32_t geopol_date_last_day(geopol_date date)
{
	int y, m, d;
	if (date.day < 0 || date.day > LAST_DAY)
		return date.day;
	switch (date.precision) {
	case GEOPOL_DATE_YEAR:
		geopol_date_to_ymd(date.day, &y, &m, &d);
		return ymd_to_day(y, 12, 31);
	case GEOPOL_DATE_MONTH:
		geopol_date_to_ymd(date.day, &y, &m, &d);
		return ymd_to_day(y, m, days_in_month(y, m));
	default:
		return date.day;
	}
}

geopol_date geopol_date_today(void)
{
	time_t now = time(NULL);
	struct tm tm;
	gmtime_r(&now, &tm);
	geopol_date d;
	geopol_date_from_ymd(&d, tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
	return d;
}

int64_t gp_from_lo(geopol_date d)
{
	return d.precision ? d.day : GP_OPEN_START;
}

int64_t gp_from_hi(geopol_date d)
{
	return d.precision ? geopol_date_last_day(d) : GP_OPEN_START;
}

int64_t gp_to_lo(geopol_date d)
{
	return d.precision ? d.day : GP_OPEN_END;
}

int64_t gp_to_hi(geopol_date d)
{
	return d.precision ? geopol_date_last_day(d) : GP_OPEN_END;
}

geopol_date gp_date_stored(int64_t lo, int prec)
{
	geopol_date d = {0, GEOPOL_DATE_NONE};
	if (prec >= GEOPOL_DATE_YEAR && prec <= GEOPOL_DATE_DAY) {
		d.day = (int32_t)lo;
		d.precision = prec;
	}
	return d;
}

int gp_bind_interval(sqlite3_stmt *st, int first, geopol_date from, geopol_date to)
{
	int rc = sqlite3_bind_int64(st, first, gp_from_lo(from));
	rc |= sqlite3_bind_int64(st, first + 1, gp_from_hi(from));
	rc |= sqlite3_bind_int(st, first + 2, from.precision);
	rc |= sqlite3_bind_int64(st, first + 3, gp_to_lo(to));
	rc |= sqlite3_bind_int64(st, first + 4, gp_to_hi(to));
	rc |= sqlite3_bind_int(st, first + 5, to.precision);
	return rc;
}

static int valid_date(geopol_date d)
{
	if (d.precision == GEOPOL_DATE_NONE)
		return 1;
	return d.precision >= GEOPOL_DATE_YEAR && d.precision <= GEOPOL_DATE_DAY &&
	       d.day >= 0 && d.day <= LAST_DAY;
}

int gp_check_interval(geopol_db *db, const char *what, geopol_date from, geopol_date to)
{
	char a[GEOPOL_DATE_BUFSIZE], b[GEOPOL_DATE_BUFSIZE];
	if (!valid_date(from) || !valid_date(to))
		return gp_error(db, GEOPOL_EINVAL, "%s: date out of range", what);
	if (from.precision && to.precision && gp_to_hi(to) <= gp_from_lo(from)) {
		geopol_date_format(from, a, sizeof a);
		geopol_date_format(to, b, sizeof b);
		return gp_error(db, GEOPOL_EINVAL,
				"%s: the interval ends (%s) before it starts (%s)", what, b, a);
	}
	return GEOPOL_OK;
}
