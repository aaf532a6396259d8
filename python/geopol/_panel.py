"""Panels: db.panel(...), the state-year and dyad-year tables of README
"Panels", as rows (named tuples, no pandas needed) or a pandas DataFrame.

The library computes the panel (geopol_panel); rows are read one by one
with geopol_panel_next, and to_pandas() reads the library's CSV (a plain
table) with pandas.read_csv, which types the columns.
"""
import io
import math
from collections import namedtuple

from . import _dates, _errors
from ._geopol import ffi, lib
from ._write import _c

_UNITS = {
    "state-year": (lib.GEOPOL_PANEL_STATE, lib.GEOPOL_PANEL_YEAR),
    "dyad-year": (lib.GEOPOL_PANEL_DYAD, lib.GEOPOL_PANEL_YEAR),
    "directed-dyad-year": (lib.GEOPOL_PANEL_DIRECTED_DYAD, lib.GEOPOL_PANEL_YEAR),
    "state-month": (lib.GEOPOL_PANEL_STATE, lib.GEOPOL_PANEL_MONTH),
    "dyad-month": (lib.GEOPOL_PANEL_DYAD, lib.GEOPOL_PANEL_MONTH),
    "directed-dyad-month": (lib.GEOPOL_PANEL_DIRECTED_DYAD, lib.GEOPOL_PANEL_MONTH),
}
_POPULATIONS = {"all": lib.GEOPOL_PANEL_ALL, "list": lib.GEOPOL_PANEL_LIST,
                "shared": lib.GEOPOL_PANEL_SHARED}
_RULES = {"midpoint": lib.GEOPOL_PANEL_MIDPOINT, "any-day": lib.GEOPOL_PANEL_ANY_DAY}


def _choice(table, value, what):
    if value not in table:
        raise _errors.InvalidInput("%s: '%s' is not one of %s" % (what, value, ", ".join(table)),
                                   lib.GEOPOL_EINVAL)
    return table[value]


def _number(v):
    """A value as the CSV and NDJSON write it: an integer without a
    fraction, None for no value (a mean of nothing)."""
    if math.isnan(v):
        return None
    return int(v) if v.is_integer() and abs(v) < 1e15 else v


class Panel:
    """The rows of a panel, in the library's order (period, then a, b by
    code), read as you iterate (a single pass). Each row is a named tuple
    of the key columns (`year` or `month`; `state`, or `a` and `b`) then
    the value columns; `columns` names them all, `rule` is the rule the
    values follow in one line. to_pandas() gives a DataFrame instead."""

    def __init__(self, db, it, keep, period, states):
        self._db = db
        self._it = it
        self._keep = keep  # the C strings of the options
        self._year = period == "year"
        names = ffi.new("char ***")
        n = lib.geopol_panel_columns(it, ffi.cast("const char *const **", names))
        self.value_columns = [ffi.string(names[0][i]).decode("utf-8") for i in range(n)]
        self.key_columns = [period] + (["state"] if states else ["a", "b"])
        self.columns = self.key_columns + self.value_columns
        self.rule = ffi.string(lib.geopol_panel_rule_text(it)).decode("utf-8")
        self.Row = namedtuple("PanelRow", self.columns, rename=True)
        db._results.add(self)

    def __iter__(self):
        row = ffi.new("geopol_panel_row **")
        make = self.Row._make
        year = self._year
        while self._it is not None:
            rc = lib.geopol_panel_next(self._it, row)
            if rc != lib.GEOPOL_OK:
                self._end(rc)
                return
            r = row[0]
            period = ffi.string(r.period).decode("ascii")
            keys = [int(period) if year else period, ffi.string(r.a).decode("utf-8")]
            if r.b != ffi.NULL:
                keys.append(ffi.string(r.b).decode("utf-8"))
            yield make(keys + [_number(v) for v in ffi.unpack(r.values, r.n_values)])

    def _end(self, rc):
        db = self._db
        err = db._error(rc) if rc not in (lib.GEOPOL_OK, lib.GEOPOL_ITEROVER) else None
        self.close()
        if err is not None:
            raise err

    def to_pandas(self):
        """The remaining rows as a DataFrame: `year` int64 (or `month` a
        string such as "2022-05"), codes `string`, counts int64, sums and
        means float64 (NaN: no value); df.attrs["rule"] is the rule."""
        import pandas as pd
        if self._it is None:
            raise _errors.Misuse("this panel was read already", lib.GEOPOL_EMISUSE)
        chunks = []
        handle = ffi.new_handle(chunks)
        rc = lib.geopol_panel_write(self._it, lib.GEOPOL_FORMAT_CSV, lib.gpy_write, handle)
        self._end(rc if rc != lib.GEOPOL_OK else lib.GEOPOL_ITEROVER)
        keys = {k: "string" for k in self.key_columns[1:]}
        if not self._year:
            keys[self.key_columns[0]] = "string"
        df = pd.read_csv(io.BytesIO(b"".join(chunks)), dtype=keys, keep_default_na=False,
                         na_values=[""])
        df.attrs["rule"] = self.rule
        return df

    def close(self):
        """Free the library's panel (done at the end, and by the database's close)."""
        if self._it is not None:
            lib.geopol_panel_free(self._it)
            self._it = None

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def __del__(self):
        if getattr(self, "_it", None) is not None and not self._db.closed:
            self.close()


def panel(self, start, end, *, unit="dyad-year", vars=("shared",), population=None, codes=None,
          focus=None, rule="midpoint", known_on=None, definite=False):
    """A panel (README "Panels"): one row per unit (state, dyad, directed
    dyad) and period (year, month) whose period begins in [start, end),
    with the variables named in `vars` ("shared", "quad", "member:CSTO",
    "rel:trade.usd"...). population: "all", "list" (the `codes` and their
    pairs; the default when codes are given) or "shared" (pairs that share
    a fact; the default for dyads; states default to "all"); focus: only
    the units with one of these; rule: "midpoint" (1 July, the 15th) or
    "any-day". Entities may be names. Returns a Panel: iterate it for
    rows, or panel.to_pandas()."""
    kind, period = _choice(_UNITS, unit, "unit")
    if population is None:
        population = "list" if codes else "all" if kind == lib.GEOPOL_PANEL_STATE else "shared"
    if isinstance(vars, str):
        vars = [vars]
    db = self._handle()
    o = ffi.new("geopol_panel_options *")
    o.version = lib.GEOPOL_PANEL_OPTIONS_VERSION
    o.unit, o.period = kind, period
    o.population = _choice(_POPULATIONS, population, "population")
    o.rule = _choice(_RULES, rule, "rule")
    setattr(o, "from", _dates.c_date(start, "start"))
    o.to = _dates.c_date(end, "end")
    q, qkeep = self._query(known_on, definite, None)
    keep = [o, q, qkeep]

    def strings(items):
        cs = [_c(x) for x in items]
        arr = ffi.new("const char *[]", cs or [ffi.NULL])
        keep.extend([cs, arr])
        return arr, len(cs)

    def ask(codes, focus):
        o.codes, o.n_codes = strings(codes or ())
        o.focus, o.n_focus = strings(focus or ())
        o.vars, o.n_vars = strings(vars)
        out = ffi.new("geopol_panel_iter **")
        return lib.geopol_panel(out, db, o, q), out[0]

    rc, it = ask(codes, focus)
    if rc == lib.GEOPOL_ENOTFOUND and (codes or focus):
        # Names, not codes: resolve them as the CLI does, and ask again.
        codes = [self.resolve_one(x) for x in codes or ()]
        focus = [self.resolve_one(x) for x in focus or ()]
        rc, it = ask(codes, focus)
    if rc != lib.GEOPOL_OK:
        raise self._error(rc)
    return Panel(self, it, keep, "year" if period == lib.GEOPOL_PANEL_YEAR else "month",
                 kind == lib.GEOPOL_PANEL_STATE)
