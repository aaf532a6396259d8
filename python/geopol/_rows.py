"""The light row objects queries give, and the parser of the C batch
reader's text rows (see _rows.h for the format).

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
import re
from collections import namedtuple

from . import _dates

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


CHANGES = {"0": None, "1": "joined", "2": "left", "3": "relation_started",
           "4": "relation_ended", "5": "event"}
_DEPTHS = {str(i): (i or None) for i in range(64)}
_NEW = tuple.__new__
_UNESCAPE = re.compile("\x10(.)", re.S)
_NO_TAIL = (None, None, None)  # change, depth, via of every row but diffs and walks


def _unescape_text(s):
    return _UNESCAPE.sub(lambda m: chr(ord(m.group(1)) ^ 0x40), s)


def _float(s):
    return float(s) if s else None


# Past this size (some 600 rows) a batch is parsed with the garbage
# collector paused (gc_paused).
_GC_PAUSE_BYTES = 1 << 16


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


class Parser:
    """Turns the text of a batch into rows. Citations repeat from row to row
    (the same source and quote), so their parsed tuples are kept by text."""

    def __init__(self, sources):
        self.sources = sources
        self._cites = {}
        self._events_actors = {}

    def cites(self, text):
        c = self._cites.get(text)
        if c is None:
            if not text:
                c = ()
            else:
                c = tuple(_NEW(Citation, [x or None for x in part.split("\x1d")])
                          for part in text.split("\x1c"))
            if len(self._cites) > 65536:
                self._cites.clear()
            self._cites[text] = c
        return c

    def actors(self, text):
        a = self._events_actors.get(text)
        if a is None:
            a = tuple(_NEW(Actor, part.split("\x1d")) for part in text.split("\x1c")) if text else ()
            self._events_actors[text] = a
        return a

    def parse(self, text):
        """The rows of a batch's text, in order."""
        with gc_paused(len(text) > _GC_PAUSE_BYTES):
            return self._rows(text)

    def _rows(self, text):
        """The rows of a batch's text, in order."""
        out = []
        add = out.append
        sources = self.sources
        cites = self.cites
        depths = _DEPTHS
        changes = CHANGES
        for line in text.split("\x1e")[:-1]:
            f = line.split("\x1f")
            k = f[0]
            if k.isupper():
                f = [_unescape_text(x) for x in f]
                k = k.lower()
            src = cites(f[-1]) if sources else None
            if f[1] == "0" and f[2] == "0" and not f[3]:
                tail = _NO_TAIL
            else:
                tail = (changes[f[1]], depths.get(f[2]) if f[2] in depths else int(f[2]),
                        f[3] or None)
            if k == "m":
                add(_NEW(Membership, (int(f[4]), f[5], f[6], f[7], f[8] or None, f[9] or None,
                                      f[10], int(f[11]), f[12] or None, f[13] or None, src)
                         + tail))
            elif k == "r":
                add(_NEW(Relation, (int(f[4]), f[5], f[6], f[7], f[8] == "1", f[9] or None,
                                    f[10] or None, f[11] or None, f[12], int(f[13]), src)
                         + tail))
            elif k == "e":
                add(_NEW(Entity, (int(f[4]), f[5], f[6], f[7] or None, f[8] or None,
                                  f[9] or None, f[10] or None) + tail))
            elif k == "v":
                add(_NEW(Event, (int(f[4]), f[5] or None, f[6], f[7] or None, _float(f[8]),
                                 f[9] or None, f[10] or None, _float(f[11]), f[12] or None,
                                 f[13] or None, f[14] or None, f[15] or None,
                                 self.actors(f[16]), f[17], int(f[18]), f[19] or None, src)
                         + tail))
            elif k == "n":
                add(_NEW(Name, (int(f[4]), f[5], f[6], f[7], f[8], f[9] or None,
                                f[10] or None, f[11], src) + tail))
            elif k == "c":
                add(_NEW(Candidate, (f[4], f[5], f[6] or None, f[7] or None, f[8] or None,
                                     float(f[9]))))
        return out
