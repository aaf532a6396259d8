/*
 * error.c - the handle's error message and status: every message is one
 * printable line (gp_error), SQLite's errors mapped to a status
 * (gp_sql_error), the checks of versioned structs, and the status texts.
 */
#include "core/geopol_internal.h"

#include <stdio.h>
#include <string.h>

const char *geopol_strerror(int status)
{
	switch (status) {
	case GEOPOL_OK: return "ok";
	case GEOPOL_ENOMEM: return "out of memory";
	case GEOPOL_EINVAL: return "invalid input";
	case GEOPOL_ENOTFOUND: return "not found";
	case GEOPOL_ECONFLICT: return "conflicts with stored data";
	case GEOPOL_EIO: return "input/output error";
	case GEOPOL_EDB: return "database error";
	case GEOPOL_EVERSION: return "database written by a newer geopol";
	case GEOPOL_EAMBIGUOUS: return "ambiguous name";
	case GEOPOL_EMISUSE: return "library misuse";
	case GEOPOL_EBUSY: return "database busy (locked by another connection)";
	case GEOPOL_EINTERNAL: return "internal error (a limit or a bug: please report it)";
	case GEOPOL_ITEROVER: return "end of iteration";
	default: return "unknown status";
	}
}

/* Copy `in` to `out` (size bytes) with control bytes and invalid UTF-8
 * written \xHH, cut on a character boundary; returns the bytes written. */
size_t gp_printable(char *out, size_t size, const char *in, size_t len)
{
	size_t o = 0;
	for (size_t i = 0; i < len;) {
		size_t n = gp_utf8_seq(in + i, len - i);
		unsigned char c = (unsigned char)in[i];
		int raw = n != 0 && c >= 0x20 && c != 0x7f;
		size_t need = raw ? n : 4;
		if (o + need >= size)
			break;
		if (raw)
			memcpy(out + o, in + i, n);
		else
			snprintf(out + o, 5, "\\x%02X", c);
		o += need;
		i += raw ? n : 1;
	}
	out[o] = '\0';
	return o;
}

/* Every message is one printable line, whatever bytes a value quoted in it
 * held (a CSV header, a JSON key): printed as it is, it cannot break a log
 * line or a terminal. */
int gp_error(geopol_db *db, int status, const char *fmt, ...)
{
	char raw[GP_ERRMSG_SIZE];
	va_list ap;
	if (!db)
		return status;
	va_start(ap, fmt);
	vsnprintf(raw, sizeof raw, fmt, ap);
	va_end(ap);
	gp_printable(db->errmsg, sizeof db->errmsg, raw, strlen(raw));
	db->errstatus = status;
	return status;
}

int gp_oom(geopol_db *db)
{
	return gp_error(db, GEOPOL_ENOMEM, "out of memory");
}

int gp_sql_error(geopol_db *db, const char *what)
{
	/* Another store's handle: its own error set the message already. */
	if (!db->sql)
		return db->errmsg[0] ? GEOPOL_EDB : gp_error(db, GEOPOL_EDB, "%s: failed", what);
	int rc = sqlite3_errcode(db->sql);
	if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED)
		return gp_error(db, GEOPOL_EBUSY,
				"%s: the database is locked by another connection "
				"(waited %d ms, the busy timeout)", what, db->busy_ms);
	int status = rc == SQLITE_NOMEM ? GEOPOL_ENOMEM : GEOPOL_EDB;
	return gp_error(db, status, "%s: %s", what, sqlite3_errmsg(db->sql));
}

int gp_check_version(geopol_db *db, const char *type, const void *s, unsigned current)
{
	/* The first member of every versioned struct is its version. */
	unsigned v = s ? *(const unsigned *)s : current;
	if (v < 1 || v > current)
		return gp_error(db, GEOPOL_EMISUSE, "%s: unknown version %u (this geopol reads 1 to %u)",
				type, v, current);
	return GEOPOL_OK;
}

int gp_check_spec(geopol_db *db, const char *type, const void *s, unsigned current)
{
	if (!s)
		return gp_error(db, GEOPOL_EMISUSE, "no %s given (NULL)", type);
	return gp_check_version(db, type, s, current);
}

#define SHORT_KEEP 60

const char *gp_short(const char *s)
{
	static _Thread_local char bufs[4][4 * SHORT_KEEP + 48];
	static _Thread_local unsigned turn;
	char *out = bufs[turn++ % 4];
	size_t len = s ? strlen(s) : 0, keep = 0, n;
	/* The first SHORT_KEEP bytes, and the rest of a character begun there. */
	while (keep < len && keep < SHORT_KEEP)
		keep += (n = gp_utf8_seq(s + keep, len - keep)) ? n : 1;
	size_t o = gp_printable(out, sizeof bufs[0], s ? s : "", keep);
	if (keep < len)
		snprintf(out + o, sizeof bufs[0] - o, "\xE2\x80\xA6 (%zu bytes)", len);
	return out;
}

void gp_clear_error(geopol_db *db)
{
	if (db) {
		db->errmsg[0] = '\0';
		db->errstatus = 0;
	}
}

const char *geopol_errmsg(const geopol_db *db)
{
	if (!db)
		return "no database handle (out of memory?)";
	return db->errmsg[0] ? db->errmsg : "no error";
}
