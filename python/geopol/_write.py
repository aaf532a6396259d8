"""Writing: sources, entities, names, facts, citations, corrections,
imports. Each call is atomic (nothing written when it fails); group calls
with `with db.transaction():`. Intervals are [start, end): `end` is the
first day the fact no longer holds; None leaves an end open. These are
methods of geopol.Database."""
import contextlib
import json
import math
import os
from collections import namedtuple

from . import _dates, _errors
from ._geopol import ffi, lib

ImportStats = namedtuple("ImportStats", "rows added unchanged skipped")
ImportStats.__doc__ = "What an import did: records read, facts added, already there, skipped."


def _b(text):
    return text.encode("utf-8") if text is not None else ffi.NULL


def _c(text):
    """A C string for a struct field (the caller keeps it alive); NULL for None."""
    return ffi.new("char[]", text.encode("utf-8")) if text is not None else ffi.NULL


def _vocab(parse, value, what):
    """A vocabulary value by name ("member", "state", "source") or number."""
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    v = parse(_b(value)) if isinstance(value, str) else 0
    if not v:
        raise _errors.InvalidInput("%s: unknown %s '%s'" % (what, what, value), lib.GEOPOL_EINVAL)
    return v


def _fact_kind(kind):
    from ._db import _FACTS
    if kind in _FACTS:
        return _FACTS[kind]
    raise _errors.InvalidInput("kind: unknown fact kind '%s' (one of %s)"
                               % (kind, ", ".join(_FACTS)), lib.GEOPOL_EINVAL)


def _interval(spec, start, end):
    setattr(spec, "from", _dates.c_date(start, "start"))
    spec.to = _dates.c_date(end, "end")


def _cite_after(self, kind, fact, source, quote):
    if source is not None:
        self.cite(kind, fact, source, quote)


def _adding(self, add, kind, spec, source, quote):
    """Add a fact (and cite it when a source is given) atomically; its fact id."""
    fact = ffi.new("int64_t *")
    with self.transaction() if source is not None else contextlib.nullcontext():
        self._check(add(self._handle(), spec, fact))
        _cite_after(self, kind, fact[0], source, quote)
    return fact[0]


def add_source(self, code, title=None, *, author=None, publisher=None, lang=None, url=None,
               file=None, published=None):
    """Add a source (ConflictError if the code exists with other fields)."""
    keep = [_c(x) for x in (code, title, author, publisher, lang, url, file)]
    s = ffi.new("geopol_source_spec *")
    s.version = lib.GEOPOL_SOURCE_SPEC_VERSION
    s.code, s.title, s.author, s.publisher, s.lang, s.url, s.file = keep
    s.published = _dates.c_date(published, "published")
    self._check(lib.geopol_source_add(self._handle(), s))


def add_entity(self, code, kind, *, subkind=None, start=None, end=None):
    """Add an entity of a kind ("state", "organization", "person", "other")."""
    keep = [_c(code), _c(subkind)]
    s = ffi.new("geopol_entity_spec *")
    s.version = lib.GEOPOL_ENTITY_SPEC_VERSION
    s.code, s.subkind = keep
    s.kind = _vocab(lib.geopol_kind_parse, kind, "kind")
    _interval(s, start, end)
    self._check(lib.geopol_entity_add(self._handle(), s))


def add_xref(self, entity, scheme, value):
    """Attach an external id (scheme "cow", value "705") to an entity."""
    self._check(lib.geopol_entity_xref_add(self._handle(), _b(entity), _b(scheme), _b(value)))


def _name_spec(entity, text, lang, kind, start, end):
    keep = [_c(entity), _c(text), _c(lang)]
    s = ffi.new("geopol_name_spec *")
    s.version = lib.GEOPOL_NAME_SPEC_VERSION
    s.entity, s.text, s.lang = keep
    s.kind = _vocab(lib.geopol_name_kind_parse, kind, "name kind")
    _interval(s, start, end)
    return s, keep


def add_name(self, entity, text, lang, kind="official", *, start=None, end=None, source=None,
             quote=None):
    """Add a name; returns its fact id. With source=, cites it too."""
    s, keep = _name_spec(entity, text, lang, kind, start, end)
    return _adding(self, lib.geopol_name_add, "name", s, source, quote)


def _membership_spec(org, member, role, start, end, stage):
    keep = [_c(org), _c(member)]
    s = ffi.new("geopol_membership_spec *")
    s.version = lib.GEOPOL_MEMBERSHIP_SPEC_VERSION
    s.org, s.member = keep
    s.role = _vocab(lib.geopol_role_parse, role, "role")
    s.stage = 0 if stage is None else _vocab(lib.geopol_stage_parse, stage, "stage")
    _interval(s, start, end)
    return s, keep


def add_membership(self, org, member, role="member", *, start=None, end=None, stage=None,
                   source=None, quote=None):
    """Add a membership of `member` in `org` (at a legal stage: None is in
    force; "signed", "ratified", "suspended"...); returns its fact id. With
    source= (and quote=), cites it in the same transaction."""
    s, keep = _membership_spec(org, member, role, start, end, stage)
    return _adding(self, lib.geopol_membership_add, "membership", s, source, quote)


def _relation_spec(a, b, type, attrs, start, end):
    if attrs is not None and not isinstance(attrs, str):
        attrs = json.dumps(attrs, ensure_ascii=False)
    keep = [_c(a), _c(b), _c(type), _c(attrs)]
    s = ffi.new("geopol_relation_spec *")
    s.version = lib.GEOPOL_RELATION_SPEC_VERSION
    s.a, s.b, s.type, s.attrs = keep
    _interval(s, start, end)
    return s, keep


def add_relation(self, a, b, type, *, start=None, end=None, attrs=None, source=None,
                 quote=None):
    """Add a relation of a type between a and b (attrs: a dict or JSON text);
    returns its fact id."""
    s, keep = _relation_spec(a, b, type, attrs, start, end)
    return _adding(self, lib.geopol_relation_add, "relation", s, source, quote)


def add_relation_type(self, code, directed, label=None):
    """Declare a relation type."""
    self._check(lib.geopol_relation_type_add(self._handle(), _b(code), 1 if directed else 0,
                                             _b(label)))


def add_event_type(self, code, name, goldstein=None):
    """Declare an event type (a CAMEO code), its name and Goldstein value."""
    g = math.nan if goldstein is None else float(goldstein)
    self._check(lib.geopol_event_type_add(self._handle(), _b(code), _b(name), g))


def _event_spec(type, date, end, actors, titles, intensity, location, ext_id):
    keep = [_c(ext_id), _c(type), _c(location)]
    actors = list(actors or ())
    a = ffi.new("geopol_actor_spec[]", max(1, len(actors)))
    for i, (code, role) in enumerate(actors):
        keep.append(_c(code))
        a[i].entity = keep[-1]
        a[i].role = _vocab(lib.geopol_actor_role_parse, role, "actor role")
    titles = dict(titles or {})
    t = ffi.new("geopol_text_spec[]", max(1, len(titles)))
    for i, (lang, title) in enumerate(titles.items()):
        if isinstance(title, (tuple, list)):
            title, description = title
        else:
            description = None
        keep += [_c(lang), _c(title), _c(description)]
        t[i].lang, t[i].title, t[i].description = keep[-3:]
    s = ffi.new("geopol_event_spec *")
    s.version = lib.GEOPOL_EVENT_SPEC_VERSION
    s.ext_id, s.type, s.location = keep[0], keep[1], keep[2]
    s.date = _dates.c_date(date, "date")
    s.end = _dates.c_date(end, "end")
    s.actors, s.n_actors = a, len(actors)
    s.texts, s.n_texts = t, len(titles)
    s.intensity = math.nan if intensity is None else float(intensity)
    return s, (keep, a, t)


def add_event(self, type, date, *, actors=(), titles=None, end=None, intensity=None,
              location=None, ext_id=None, source=None, quote=None):
    """Add an event: a CAMEO type, its date (and end), actors as (code,
    role) pairs, titles as {lang: title} (or {lang: (title, description)});
    returns its fact id."""
    s, keep = _event_spec(type, date, end, actors, titles, intensity, location, ext_id)
    return _adding(self, lib.geopol_event_add, "event", s, source, quote)


def cite(self, kind, fact_id, source, quote=None):
    """Cite a source (with the quoted passage) for a fact of a kind
    ("membership", "relation", "event", "name")."""
    self._check(lib.geopol_cite(self._handle(), _fact_kind(kind), fact_id, _b(source),
                                _b(quote)))


def correct_membership(self, fact_id, org, member, role="member", *, start=None, end=None,
                       stage=None):
    """Correct a membership: the old version stays, as known until now."""
    s, keep = _membership_spec(org, member, role, start, end, stage)
    self._check(lib.geopol_membership_correct(self._handle(), fact_id, s))


def correct_relation(self, fact_id, a, b, type, *, start=None, end=None, attrs=None):
    """Correct a relation (the old version stays, as known until now)."""
    s, keep = _relation_spec(a, b, type, attrs, start, end)
    self._check(lib.geopol_relation_correct(self._handle(), fact_id, s))


def correct_name(self, fact_id, entity, text, lang, kind="official", *, start=None, end=None):
    """Correct a name (the old version stays, as known until now)."""
    s, keep = _name_spec(entity, text, lang, kind, start, end)
    self._check(lib.geopol_name_correct(self._handle(), fact_id, s))


def correct_event(self, fact_id, type, date, *, actors=(), titles=None, end=None,
                  intensity=None, location=None, ext_id=None):
    """Correct an event (the old version stays, as known until now)."""
    s, keep = _event_spec(type, date, end, actors, titles, intensity, location, ext_id)
    self._check(lib.geopol_event_correct(self._handle(), fact_id, s))


def retract(self, kind, fact_id):
    """Retract a fact: it no longer holds from now on in recorded time."""
    self._check(lib.geopol_retract(self._handle(), _fact_kind(kind), fact_id))


class _Callbacks:
    def __init__(self, progress, skipped):
        self.progress = progress
        self.skipped = skipped
        self.error = None


@ffi.def_extern()
def gpy_progress(ctx, done, total):
    cb = ffi.from_handle(ctx)
    if cb.error is None and cb.progress is not None:
        try:
            cb.progress(done, total)
        except BaseException as e:  # raised again when the import returns
            cb.error = e


@ffi.def_extern()
def gpy_skipped(ctx, message):
    cb = ffi.from_handle(ctx)
    if cb.error is None and cb.skipped is not None:
        try:
            cb.skipped(ffi.string(message).decode("utf-8", "replace"))
        except BaseException as e:
            cb.error = e


def import_files(self, paths, format="json", *, progress=None, skip_bad_rows=False,
                 skipped=None):
    """Import files of a format ("json", "cow-states", "cow-igo", "atop",
    "cameo", "icews", "gdelt") in one transaction: all or nothing.
    progress(done_bytes, total_bytes) is called now and then; skipped(message)
    for each bad row left out with skip_bad_rows=True. Returns ImportStats.
    An exception raised by a callback is raised again once the import ends
    (the import itself is not stopped)."""
    if isinstance(paths, (str, bytes, os.PathLike)):
        paths = [paths]
    keep = [ffi.new("char[]", os.fsencode(p)) for p in paths]
    arr = ffi.new("const char *[]", keep or [ffi.NULL])
    cbs = _Callbacks(progress, skipped)
    handle = ffi.new_handle(cbs)
    o = ffi.new("geopol_import_options *")
    o.version = lib.GEOPOL_IMPORT_OPTIONS_VERSION
    o.skip_bad_rows = 1 if skip_bad_rows else 0
    o.progress = lib.gpy_progress if progress is not None else ffi.NULL
    o.skipped = lib.gpy_skipped if skipped is not None else ffi.NULL
    o.ctx = handle
    st = ffi.new("geopol_import_stats *")
    rc = lib.geopol_import(self._handle(), _b(format), arr, len(keep), o, st)
    self._check(rc)
    if cbs.error is not None:
        raise cbs.error
    return ImportStats(st.rows, st.added, st.unchanged, st.skipped)


def import_json_text(self, text, name="<string>"):
    """Import a geopol JSON dataset given as text (or a dict); returns ImportStats."""
    if not isinstance(text, (str, bytes)):
        text = json.dumps(text, ensure_ascii=False)
    data = text.encode("utf-8") if isinstance(text, str) else text
    st = ffi.new("geopol_import_stats *")
    self._check(lib.geopol_import_json_text(self._handle(), data, len(data), _b(name), st))
    return ImportStats(st.rows, st.added, st.unchanged, st.skipped)


def begin(self):
    self._check(lib.geopol_begin(self._handle()))


def commit(self):
    self._check(lib.geopol_commit(self._handle()))


def rollback(self):
    self._check(lib.geopol_rollback(self._handle()))


@contextlib.contextmanager
def transaction(self):
    """Group writes: committed at the end of the block, rolled back (nothing
    written) if it raises."""
    self.begin()
    try:
        yield self
    except BaseException:
        self.rollback()
        raise
    self.commit()
