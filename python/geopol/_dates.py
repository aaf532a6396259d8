"""Dates in and out: datetime.date, datetime.datetime, partial ISO strings
("2022", "2022-01", "2022-01-06") and years as ints become geopol_date
values; recorded times (known_on=) become microseconds since 1970."""
import datetime

from ._errors import InvalidInput
from ._geopol import ffi, lib

_cache = {}
_OPEN = ffi.new("geopol_date *")[0]


def c_date(value, what):
    """A geopol_date (cdata struct) for value; None is the open date."""
    if value is None:
        return _OPEN
    d = _cache.get(value)
    if d is not None:
        return d
    p = ffi.new("geopol_date *")
    if isinstance(value, datetime.datetime):
        value = value.date()
    if isinstance(value, datetime.date):
        rc = lib.geopol_date_from_ymd(p, value.year, value.month, value.day)
    elif isinstance(value, int) and not isinstance(value, bool):
        rc = lib.geopol_date_from_ymd(p, value, 0, 0)
    elif isinstance(value, str):
        rc = lib.geopol_date_parse(p, value.encode("utf-8"))
    else:
        raise TypeError("%s: a date is a datetime.date, a string such as "
                        "'2022-01-06', '2022-01' or '2022', or a year; not %r"
                        % (what, value))
    if rc:
        raise InvalidInput("%s: '%s' is not a valid date" % (what, value), rc)
    if len(_cache) > 4096:
        _cache.clear()
    _cache[value] = p[0]
    return p[0]


def today():
    return lib.geopol_date_today()


def recorded_time(value, what="known_on"):
    """Recorded time (µs since 1970) for known_on=: an int is taken as is
    (as geopol.Database.now() gives it), a datetime as that instant (naive
    means UTC), a date or partial date as the end of its last day."""
    if isinstance(value, int) and not isinstance(value, bool) and value > 9999:
        return value
    if isinstance(value, datetime.datetime):
        if value.tzinfo is None:
            value = value.replace(tzinfo=datetime.timezone.utc)
        epoch = datetime.datetime(1970, 1, 1, tzinfo=datetime.timezone.utc)
        return (value - epoch) // datetime.timedelta(microseconds=1)
    d = c_date(value, what)
    return lib.geopol_recorded_end_of(d)


def first_day(text):
    """datetime.date of the first day a partial ISO date covers (None: open)."""
    if not text:
        return None
    parts = text.split("-")
    return datetime.date(int(parts[0]), int(parts[1]) if len(parts) > 1 else 1,
                         int(parts[2]) if len(parts) > 2 else 1)


def precision(text):
    """'year', 'month' or 'day' for a partial ISO date; None when open."""
    if not text:
        return None
    return ("year", "month", "day")[text.count("-")]


def today_iso():
    buf = ffi.new("char[]", lib.GEOPOL_DATE_BUFSIZE)
    lib.geopol_date_format(lib.geopol_date_today(), buf, lib.GEOPOL_DATE_BUFSIZE)
    return ffi.string(buf).decode("ascii")
