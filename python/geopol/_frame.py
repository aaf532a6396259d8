"""Rows to pandas DataFrames with typed columns.

Columns are the row's fields, with these types: codes and texts `string`;
vocabularies (kind, role, certainty, type, change...) `category`; ids
`int64`; `depth` nullable `Int64`; `directed` `bool`; `goldstein`,
`intensity`, `score` `float64`; `recorded` `datetime64[ns, UTC]`. A
date field (`from`, `to`, an event's `date` and `end`) becomes a
`datetime64[ns]` column of the first day it covers (NaT when open, or
before 1677, pandas' earliest) and a `..._precision` category column
(year, month, day), so "2022" is 2022-01-01 with precision "year".
`sources` holds the tuples of Citation; `actors` the tuples of Actor.
Rows of several kinds (a diff, a history, a snapshot) share one frame,
with a `record` column (entity, name, membership, relation, event).
"""
from . import _rows

_STRING = {"code", "subkind", "name", "entity", "text", "lang", "org", "member", "a", "b",
           "attrs", "ext_id", "type_name", "title", "title_lang", "description", "location",
           "matched", "via", "details"}
_CATEGORY = {"kind", "role", "certainty", "type", "change", "stage", "coding"}
_DATES = {"from_": "from", "to": "to", "date": "date", "end": "end"}
_RECORD = {_rows.Entity: "entity", _rows.Name: "name", _rows.Membership: "membership",
           _rows.Relation: "relation", _rows.Event: "event", _rows.Candidate: "candidate"}


def _date_columns(pd, out, col, values):
    first = [v if v is None else (v + "-01-01")[:10] if len(v) == 4
             else (v + "-01")[:10] if len(v) == 7 else v for v in values]
    out[col] = pd.to_datetime(pd.Series(first, dtype="object"), errors="coerce",
                              format="%Y-%m-%d")
    prec = [None if v is None else ("year", "month", "day")[v.count("-")] for v in values]
    out[col + "_precision"] = pd.Categorical(prec, categories=["year", "month", "day"])


def _typed(pd, cls, rows):
    cols = {}
    for i, field in enumerate(cls._fields):
        values = [r[i] for r in rows]
        if field in _DATES:
            _date_columns(pd, cols, _DATES[field], values)
        elif field in _STRING:
            cols[field] = pd.array(values, dtype="string")
        elif field in _CATEGORY:
            cols[field] = pd.Categorical(values)
        elif field == "depth":
            cols[field] = pd.array(values, dtype="Int64")
        elif field == "recorded":
            cols[field] = pd.to_datetime(values, unit="us", utc=True)
        elif field in ("goldstein", "intensity", "score"):
            cols[field] = pd.array([float("nan") if v is None else v for v in values],
                                   dtype="float64")
        elif field == "directed":
            cols[field] = pd.array(values, dtype="bool")
        elif field in ("id", "fact_id"):
            cols[field] = pd.array(values, dtype="int64")
        else:
            cols[field] = pd.Series(values, dtype="object")
    return pd.DataFrame(cols)


def frame(rows):
    """A pandas DataFrame of rows: a query's result, or any iterable of geopol rows."""
    import pandas as pd
    rows = list(rows)
    groups = {}
    for r in rows:
        groups.setdefault(type(r), []).append(r)
    if not groups:
        return pd.DataFrame()
    if len(groups) == 1:
        cls, group = next(iter(groups.items()))
        return _typed(pd, cls, group)
    # Mixed rows: one frame per kind, in the order rows came, with `record`.
    parts, order = [], []
    for cls, group in groups.items():
        df = _typed(pd, cls, group)
        df.insert(0, "record", _RECORD.get(cls, cls.__name__.lower()))
        parts.append(df)
        order.extend(i for i, r in enumerate(rows) if type(r) is cls)
    df = pd.concat(parts, ignore_index=True)
    df.index = order
    df = df.sort_index()
    df["record"] = pd.Categorical(df["record"])
    for col in df.columns:
        if col in _CATEGORY and df[col].dtype == object:
            df[col] = pd.Categorical(df[col])
    return df.reset_index(drop=True)
