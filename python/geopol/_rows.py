"""The light row objects queries give, and the reader that makes them
from a question's iterator (in C: _fastrows.c).

Every row is a named tuple: immutable, hashable, cheap, with `_asdict()`.
Dates are partial ISO strings ("2022", "2022-01", "2022-01-06") or None for
an open end; `from_date` / `to_date` give the first day as datetime.date.
Attributes that cannot be Python names carry a trailing underscore
(`from_`). `sources` is a tuple of Citation, or None when the query was
asked with sources=False. `change` (diff), `depth` and `via` (neighbors,
path) are None elsewhere.
"""
import contextlib
import gc
import json
from collections import namedtuple

from . import _dates, _fastrows

Citation = namedtuple("Citation", "source title quote")
Citation.__doc__ = "A citation: source code, source title, quoted passage (or None)."
Actor = namedtuple("Actor", "entity role")
Actor.__doc__ = "An event's actor: entity code and role (source, target, participant, host)."

_TAIL = "change depth via"


class _Dated:
    __slots__ = ()

    @property
    def from_date(self):
        """The first day of `from_` as a datetime.date (None when open)."""
        return _dates.first_day(self.from_)

    @property
    def to_date(self):
        """The first day of `to` (the first day the fact no longer holds)."""
        return _dates.first_day(self.to)


class Entity(_Dated, namedtuple("Entity", "id code kind subkind name from_ to " + _TAIL)):
    """An entity: code, kind (state, organization, person, other), display name."""
    __slots__ = ()


class Name(_Dated, namedtuple("Name", "fact_id entity text lang kind from_ to certainty "
                              "sources " + _TAIL)):
    """A name of an entity in a language, with its kind (official, short...)."""
    __slots__ = ()


class Membership(_Dated, namedtuple("Membership", "fact_id org member role from_ to certainty "
                                    "recorded stage coding sources " + _TAIL)):
    """`member` belongs to `org` with `role` over [from_, to), at a legal
    `stage` (in_force, signed, ratified, suspended, frozen,
    withdrawal_notified, withdrawn), in a `coding` ("curated", "cow-igo-3"...)."""
    __slots__ = ()


class Relation(_Dated, namedtuple("Relation", "fact_id a b type directed attrs from_ to "
                                  "certainty recorded sources " + _TAIL)):
    """A typed relation between a and b over [from_, to); `attrs` is the
    JSON text of its attributes (None without), `attributes` the dict."""
    __slots__ = ()

    @property
    def attributes(self):
        return json.loads(self.attrs) if self.attrs else {}


class Event(namedtuple("Event", "fact_id ext_id type type_name goldstein date end intensity "
                       "title title_lang description location actors certainty recorded "
                       "details sources " + _TAIL)):
    """An event: CAMEO type, day (and end), actors with roles, title in the
    asked language; `details` is the JSON text of the dataset's own fields
    (GDELT QuadClass, AvgTone...; None without), `detail_fields` the dict."""
    __slots__ = ()

    @property
    def detail_fields(self):
        return json.loads(self.details) if self.details else {}

    @property
    def from_date(self):
        return _dates.first_day(self.date)


class Candidate(namedtuple("Candidate", "code kind name matched lang score")):
    """A name-search candidate: the entity, the stored name that matched, a score."""
    __slots__ = ()


CHANGES = {0: None, 1: "joined", 2: "left", 3: "relation_started",
           4: "relation_ended", 5: "event"}


@contextlib.contextmanager
def gc_paused(pause=True):
    """Pause Python's cyclic garbage collector while many rows are made: the
    rows (tuples, and a graph's dicts) hold strings, numbers and each
    other, never a cycle, so a collection finds nothing to free; yet every
    700 new objects start one that walks the young objects, and the older
    generations' ones walk everything made so far. The collector is
    restored as it was, whatever happens; cycles made meanwhile elsewhere
    are collected after. (The 206,000-row snapshot of the bench world into
    rows: 2.35 s against 2.64 s with the collector on, interleaved runs.)"""
    paused = pause and gc.isenabled()
    if paused:
        gc.disable()
    try:
        yield
    finally:
        if paused:
            gc.enable()


class Reader:
    """Reads a question's rows from its iterator (a cffi geopol_iter *):
    _fastrows.c makes each item its row class above, with its citations
    when asked (sources=True), and pauses the garbage collector while a
    call makes many rows (as gc_paused does)."""

    def __init__(self, sources):
        self.sources = bool(sources)

    def fetch(self, address, max_rows):
        """Up to max_rows rows of the iterator at `address` (its pointer as
        an integer): (rows, status), status GEOPOL_OK when max_rows were
        read, GEOPOL_ITEROVER at the end, else the library's error."""
        rows = []
        rc = _fastrows.rows(address, max_rows, self.sources, rows)
        return rows, rc


_fastrows.init({c.__name__: c for c in (Entity, Name, Membership, Relation, Event, Candidate,
                                        Citation, Actor)}, json.loads)
