"""The database handle and its questions."""
import os
import weakref

from . import _config, _dates, _errors
from ._geopol import ffi, lib
from ._rows import Reader
from ._write import _c

_OK = lib.GEOPOL_OK
_OVER = lib.GEOPOL_ITEROVER
_NOTFOUND = lib.GEOPOL_ENOTFOUND
_KINDS = {"state": lib.GEOPOL_KIND_STATE, "organization": lib.GEOPOL_KIND_ORGANIZATION,
          "person": lib.GEOPOL_KIND_PERSON, "other": lib.GEOPOL_KIND_OTHER}
_FACTS = {"name": lib.GEOPOL_FACT_NAME, "membership": lib.GEOPOL_FACT_MEMBERSHIP,
          "relation": lib.GEOPOL_FACT_RELATION, "event": lib.GEOPOL_FACT_EVENT}
_FORMATS = ("json", "ndjson", "csv", "graphml", "gexf", "dot")
BATCH_ROWS = 4096


def _b(text):
    return text.encode("utf-8") if text is not None else ffi.NULL


def _s(p):
    return ffi.string(p).decode("utf-8") if p else None


_STAGE_SETS = {"de_jure": "GEOPOL_STAGES_DE_JURE", "de_facto": "GEOPOL_STAGES_DE_FACTO",
               "ratified": "GEOPOL_STAGES_RATIFIED", "signed": "GEOPOL_STAGES_SIGNED",
               "all": "GEOPOL_STAGES_ALL"}


def _stages(stages):
    """geopol_query.stages for None (the library's default, de jure), a set
    name ("de_jure", "de_facto", "ratified", "signed", "all") or stage names
    ("in_force", "suspended"...)."""
    if stages is None:
        return 0
    if isinstance(stages, str) and stages in _STAGE_SETS:
        return getattr(lib, _STAGE_SETS[stages])
    bits = 0
    for name in [stages] if isinstance(stages, str) else stages:
        v = lib.geopol_stage_parse(name.encode("utf-8"))
        if not v:
            raise _errors.InvalidInput("stages: unknown stage '%s'" % name, lib.GEOPOL_EINVAL)
        bits |= 1 << v
    return bits


def _options(opts):
    """The membership options of a question: stages=, coding=, all_codings=."""
    if not opts:
        return opts
    unknown = set(opts) - {"stages", "coding", "all_codings"}
    if unknown:
        raise TypeError("unexpected keyword argument(s): %s" % ", ".join(sorted(unknown)))
    return opts


def builtin_dataset():
    """The path of the built-in dataset database this binding was built with."""
    return _config.DATASET


def open(path=None, *, read_only=None):  # noqa: A001 (geopol.open, as the issue names it)
    """Open a geopol database (created or migrated as needed; ":memory:" for
    a private in-memory one). Without a path, the built-in dataset, read-only.
    Use as a context manager, or close() it."""
    if path is None:
        path = builtin_dataset()
        if not os.path.exists(path):
            raise _errors.FileError("the built-in dataset %s is missing (build geopol with "
                                    "make, or install it)" % path, lib.GEOPOL_EIO)
        if read_only is None:
            read_only = True
    return Database(os.fspath(path), bool(read_only))


class Result:
    """The rows of a question, read from the library in batches as you
    iterate (a single pass, like a file). list(result), or to_pandas() /
    geopol.frame(result) for a DataFrame."""

    def __init__(self, db, it, sources, keep=None, eager=True):
        self._db = db
        self._it = it
        self._keep = keep  # C strings and structs the iterator may still read
        self._address = int(ffi.cast("uintptr_t", it))
        self._reader = db._readers[1 if sources else 0]
        # The first batch at once: a point question is then over, its
        # iterator freed, before the caller iterates.
        self._first = self._fetch(BATCH_ROWS) if eager else []
        if self._it is not None:
            db._results.add(self)

    def __iter__(self):
        return self._rows()

    def __next__(self):
        if not hasattr(self, "_gen"):
            self._gen = self._rows()
        return next(self._gen)

    def _rows(self):
        first, self._first = self._first, []
        yield from first
        while self._it is not None:
            yield from self._fetch(BATCH_ROWS)

    def _fetch(self, n):
        rows, rc = self._reader.fetch(self._address, n)
        if rc != _OK:
            err = self._db._error(rc) if rc != _OVER else None
            self.close()
            if err is not None:
                raise err
        return rows

    def close(self):
        """Free the library's iterator (done at the end, and by the database's close)."""
        if self._it is not None:
            lib.geopol_iter_free(self._it)
            self._it = None

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def __del__(self):
        if getattr(self, "_it", None) is not None and not self._db.closed:
            self.close()

    def to_pandas(self):
        """The rows as a pandas DataFrame with typed columns (see geopol.frame)."""
        from ._frame import frame
        return frame(self)


class Database:
    """An open geopol database. Every question takes `at` (a date; default
    today) and the keywords known_on= (ask as the database knew it then),
    definite= (leave out the rows that only possibly hold), lang= (language
    of titles and names) and sources= (load each row's citations; default
    True). Questions with memberships also take stages= (a set name:
    "de_jure" (the default), "de_facto", "ratified", "signed", "all"; or
    stage names), coding= (one coding only: "curated", "cow-igo-3") and
    all_codings=True (every coding side by side)."""

    def __init__(self, path, read_only=False):
        self.filename = path
        self._results = weakref.WeakSet()
        self._cbs = None
        opts = ffi.new("geopol_open_options *")
        opts.version = lib.GEOPOL_OPEN_OPTIONS_VERSION
        opts.read_only = 1 if read_only else 0
        p = ffi.new("geopol_db **")
        rc = lib.geopol_open(p, path.encode("utf-8"), opts)
        self._db = p[0]
        if rc != _OK:
            err = self._error(rc) if self._db != ffi.NULL else _errors.make(rc)
            lib.geopol_close(self._db)
            self._db = None
            raise err
        self._readers = (Reader(False), Reader(True))
        self._code = ffi.new("char[]", 256)
        self._out = ffi.new("geopol_iter **")

    # -- the handle ------------------------------------------------------
    @property
    def closed(self):
        return self._db is None

    def close(self):
        """Close the database and every result still open on it."""
        if self._db is None:
            return
        for r in list(self._results):
            r.close()
        lib.geopol_close(self._db)
        self._db = None

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def __del__(self):
        if getattr(self, "_db", None) is not None:
            self.close()

    def __repr__(self):
        return "<geopol.Database %r%s>" % (self.filename, " closed" if self.closed else "")

    def _handle(self):
        if self._db is None:
            raise _errors.Misuse("the database is closed", lib.GEOPOL_EMISUSE)
        return self._db

    def _error(self, rc):
        msg = _s(lib.geopol_errmsg(self._db)) if self._db else None
        return _errors.make(rc, msg)

    def _check(self, rc):
        if rc != _OK:
            raise self._error(rc)

    @property
    def schema_version(self):
        return lib.geopol_schema_version(self._handle())

    def now(self):
        """The recorded time of the database's clock (µs since 1970): keep it
        to ask later as known_on=that value."""
        return lib.geopol_now(self._handle())

    def set_clock(self, usec):
        """Fix the recorded-time clock (tests, dated replays); 0: real time."""
        lib.geopol_set_clock(self._handle(), usec)

    # -- questions -------------------------------------------------------
    def _query(self, known_on, definite, lang, stages=None, coding=None, all_codings=False):
        if (known_on is None and not definite and lang is None and stages is None
                and coding is None and not all_codings):
            return ffi.NULL, None
        q = ffi.new("geopol_query *")
        q.version = lib.GEOPOL_QUERY_VERSION
        q.flags = ((lib.GEOPOL_DEFINITE_ONLY if definite else 0)
                   | (lib.GEOPOL_ALL_CODINGS if all_codings else 0))
        q.known_at = _dates.recorded_time(known_on) if known_on is not None else 0
        keep = [_c(lang), _c(coding)]
        q.lang, q.coding = keep
        q.stages = _stages(stages)
        return q, keep

    @staticmethod
    def _at(at, what="at"):
        return _dates.today() if at is None else _dates.c_date(at, what)

    def _ask(self, fn, args, names, known_on, definite, lang, sources, keep=None, opts=None):
        """Call a question; an entity argument that is not a code is resolved
        as a name (any language or script) and the question asked again.
        opts: stages=, coding=, all_codings= (memberships)."""
        db = self._handle()
        q, lang_keep = self._query(known_on, definite, lang, **(opts or {}))
        out = self._out  # read at once below: one is enough per handle
        c_args = [_b(a) if i in names else a for i, a in enumerate(args)]
        rc = fn(out, db, *c_args, q)
        if rc == _NOTFOUND and names:
            codes = list(args)
            for i in names:
                if args[i] is not None:
                    codes[i] = self.resolve_one(args[i])
            if codes != list(args):
                c_args = [_b(a) if i in names else a for i, a in enumerate(codes)]
                rc = fn(out, db, *c_args, q)
        if rc != _OK:
            raise self._error(rc)
        return Result(self, out[0], sources, (q, lang_keep, keep, c_args))

    def entity(self, code, *, lang=None):
        """The entity of a code or name (an Entity row); NotFound if none."""
        rows = list(self._ask(lib.geopol_entity_get, (code,), (0,), None, False, lang, False))
        return rows[0]

    def entities(self, kind=None, *, lang=None):
        """Every entity, or those of one kind ("state", "organization", ...), by code."""
        k = 0 if kind is None else _KINDS.get(kind)
        if k is None:
            raise _errors.InvalidInput("kind: unknown entity kind '%s' (one of %s)"
                                       % (kind, ", ".join(_KINDS)), lib.GEOPOL_EINVAL)
        return self._ask(lib.geopol_entities, (k,), (), None, False, lang, False)

    def names(self, entity, lang=None, at=None, *, known_on=None, definite=False, sources=True):
        """The names of an entity, in one language (None: all), valid at `at` (None: any time)."""
        return self._ask(lib.geopol_names, (entity, _b(lang), _dates.c_date(at, "at")), (0,),
                         known_on, definite, None, sources)

    def members(self, org, at=None, *, known_on=None, definite=False, lang=None, sources=True,
                **opts):
        """The members of an organization at `at`, by member code (Membership rows)."""
        return self._ask(lib.geopol_members, (org, self._at(at)), (0,),
                         known_on, definite, lang, sources, opts=_options(opts))

    def memberships(self, entity, at=None, *, known_on=None, definite=False, lang=None,
                    sources=True, **opts):
        """The organizations an entity belongs to at `at`, by org code."""
        return self._ask(lib.geopol_memberships, (entity, self._at(at)), (0,),
                         known_on, definite, lang, sources, opts=_options(opts))

    def common(self, a, b, at=None, *, known_on=None, definite=False, lang=None, sources=True,
               **opts):
        """The organizations a and b both belong to at `at`: two rows per
        organization (a's, then b's)."""
        return self._ask(lib.geopol_common, (a, b, self._at(at)), (0, 1),
                         known_on, definite, lang, sources, opts=_options(opts))

    def relations(self, entity, other=None, at=None, *, known_on=None, definite=False,
                  lang=None, sources=True):
        """The relations of an entity (or between two) at `at`."""
        return self._ask(lib.geopol_relations, (entity, other, self._at(at)), (0, 1),
                         known_on, definite, lang, sources)

    def history(self, a, b, start=None, end=None, *, known_on=None, definite=False, lang=None,
                sources=True):
        """The relations of the pair overlapping [start, end) and the events
        both took part in, in date order (Relation and Event rows), each with
        its certainty over the window; definite=True leaves out the possible
        ones."""
        return self._ask(lib.geopol_history,
                         (a, b, _dates.c_date(start, "start"), _dates.c_date(end, "end")),
                         (0, 1), known_on, definite, lang, sources)

    def events(self, actor=None, with_=None, type=None, start=None, end=None, text=None,
               limit=0, *, quad_class=0, known_on=None, definite=False, lang=None,
               sources=True):
        """Events in date order: by actor (and a second actor `with_`), CAMEO
        type (a prefix matches its subtypes), span [start, end), text in a
        title or description, GDELT QuadClass (1-4; 0: any); at most `limit`
        (0: all). Actors may be names. Each event's certainty is that of its
        date in [start, end): definite when every day the date may stand for
        lies in it; definite=True leaves out the possible ones (before the
        limit)."""
        def ask(a, w):
            f = ffi.new("geopol_event_filter *")
            f.version = lib.GEOPOL_EVENT_FILTER_VERSION
            keep = [_c(a), _c(w), _c(type), _c(text)]
            f.actor, f.type, f.text = keep[0], keep[2], keep[3]
            setattr(f, "with", keep[1])
            setattr(f, "from", _dates.c_date(start, "start"))
            f.to = _dates.c_date(end, "end")
            f.limit = limit
            if quad_class:
                f.quad_class = quad_class
            return self._ask(lib.geopol_events, (f,), (), known_on, definite, lang, sources, keep)
        try:
            return ask(actor, with_)
        except _errors.NotFound:
            codes = [self.resolve_one(x) if x is not None else None for x in (actor, with_)]
            if codes == [actor, with_]:
                raise
            return ask(*codes)

    def diff(self, start, end, entity=None, *, known_on=None, definite=False, lang=None,
             sources=True, **opts):
        """What changed between two dates (everywhere, or around one entity):
        rows with `change` = joined, left, relation_started, relation_ended, event."""
        return self._ask(lib.geopol_diff,
                         (_dates.c_date(start, "start"), _dates.c_date(end, "end"), entity),
                         (2,), known_on, definite, lang, sources, opts=_options(opts))

    def pledges(self, a, b, obligation=None, at=None, *, known_on=None, definite=False,
                lang=None, sources=True, **opts):
        """Alliances in which `a` pledges `obligation` ("defense" when None,
        "offense", "neutrality", "non_aggression", "consultation") and b is a
        member at `at`: two rows per alliance (a's, then b's), as ATOP codes them."""
        return self._ask(lib.geopol_pledges, (a, b, _b(obligation), self._at(at)), (0, 1),
                         known_on, definite, lang, sources, opts=_options(opts))

    def neighbors(self, entity, at=None, depth=1, *, known_on=None, definite=False, lang=None,
                  sources=True, **opts):
        """Entities within `depth` hops at `at`: for each, the edge that first
        reached it, with `depth` and `via`."""
        return self._ask(lib.geopol_neighbors, (entity, self._at(at), depth), (0,),
                         known_on, definite, lang, sources, opts=_options(opts))

    def path(self, a, b, at=None, *, known_on=None, definite=False, lang=None, sources=True, **opts):
        """A shortest chain of edges valid at `at` from a to b (NotFound if
        none within 6 hops). Each row's `via` is the entity the hop leaves."""
        return self._ask(lib.geopol_path, (a, b, self._at(at)), (0, 1),
                         known_on, definite, lang, sources, opts=_options(opts))

    def snapshot(self, at=None, *, known_on=None, definite=False, lang=None, sources=True, **opts):
        """The whole graph at `at`: Entity rows (nodes) first, then Membership
        and Relation rows (edges). Streams."""
        return self._ask(lib.geopol_snapshot, (self._at(at),), (), known_on, definite, lang,
                         sources, opts=_options(opts))

    def uncited(self, *, known_on=None, lang=None):
        """Facts that cite no source."""
        return self._ask(lib.geopol_uncited, (), (), known_on, False, lang, False)

    def resolve(self, text, limit=10, *, known_on=None, lang=None):
        """Candidate entities for a code or a name typed any way, best first."""
        return self._ask(lib.geopol_resolve, (text, limit), (0,), known_on, False, lang, False)

    def resolve_one(self, text):
        """The code of the one entity a code or name means (NotFound, Ambiguous)."""
        rc = lib.geopol_resolve_one(self._handle(), _b(text), self._code, 256)
        self._check(rc)
        return ffi.string(self._code).decode("utf-8")

    def copy_to(self, dst):
        """Copy this whole database into dst: a path (a new SQLite file, or an
        empty PostgreSQL database as "postgresql:...") or an open Database.
        Every fact, name, event, source and citation, every version in
        recorded time and every id are kept (geopol_copy). All or nothing: a
        dst that holds facts raises Conflict with nothing written, and a new
        file a failed copy made is removed. Returns the number of rows."""
        rows = ffi.new("int64_t *")
        if isinstance(dst, Database):
            self._handle()
            rc = lib.geopol_copy(dst._handle(), self._db, rows)
            if rc != _OK:
                raise dst._error(rc)
            return rows[0]
        path = os.fspath(dst)
        new_file = not path.startswith(("postgresql:", "postgres:")) and not os.path.exists(path)
        target = Database(path)
        try:
            return target.copy_from(self)
        except _errors.Error:
            target.close()
            if new_file:
                for tail in ("", "-wal", "-shm", "-journal"):
                    if os.path.exists(path + tail):
                        os.remove(path + tail)
            raise
        finally:
            target.close()

    def copy_from(self, src):
        """Copy the whole Database src into this one, which must hold no
        facts yet (see copy_to). Returns the number of rows."""
        return src.copy_to(self)

    def _code_of(self, text):
        return self.resolve_one(text)

    def graph(self, at=None, *, start=None, end=None, known_on=None, definite=False,
              sources=True, **opts):
        """The graph at `at` (or over [start, end)) as a networkx.MultiDiGraph;
        see geopol.graph."""
        from ._graph import graph
        return graph(self, at=at, start=start, end=end, known_on=known_on,
                     definite=definite, sources=sources, **_options(opts))

    # -- export ----------------------------------------------------------
    def export(self, format="json", at=None, *, start=None, end=None, path=None,
               sources=True, known_on=None, definite=False, lang=None):
        """Export the graph at `at` (or over [start, end) for gexf, graphml,
        csv, dot) in a format of README "Formats". Into `path` (written whole
        or not at all) when given, else returned as bytes."""
        if format not in _FORMATS:
            raise _errors.InvalidInput("format: unknown export format '%s' (one of %s)"
                                       % (format, ", ".join(_FORMATS)), lib.GEOPOL_EINVAL)
        o = ffi.new("geopol_export_options *")
        o.version = lib.GEOPOL_EXPORT_OPTIONS_VERSION
        o.format = lib.geopol_format_parse(format.encode())
        if start is None and end is None:
            o.at = self._at(at)
        else:
            setattr(o, "from", _dates.c_date(start, "start"))
            o.to = _dates.c_date(end, "end")
        o.with_sources = 1 if sources else 0
        q, keep = self._query(known_on, definite, lang)
        db = self._handle()
        if path is not None:
            self._check(lib.geopol_export_file(db, o, q, os.fspath(path).encode("utf-8")))
            return None
        chunks = []
        ctx = ffi.new_handle(chunks)
        rc = lib.geopol_export(db, o, q, lib.gpy_write, ctx)
        del keep
        self._check(rc)
        return b"".join(chunks)

    # -- panels ----------------------------------------------------------
    from ._panel import panel  # noqa: E402

    # -- writing ---------------------------------------------------------
    from ._write import (add_source, add_entity, add_xref, add_name, add_membership,  # noqa: E402
                         add_relation, add_relation_type, add_event_type, add_event, cite,
                         correct_membership, correct_relation, correct_name, correct_event,
                         retract, import_files, import_json_text, transaction, begin, commit,
                         rollback)


@ffi.def_extern()
def gpy_write(ctx, data, n):
    try:
        ffi.from_handle(ctx).append(ffi.unpack(data, n))
        return 0
    except BaseException:  # stop the export: the library reports EIO
        return 1
