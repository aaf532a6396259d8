"""geopol: states, international organizations and the people who lead
them as a temporal graph in one SQLite file, for Python, pandas and
networkx users. A binding (cffi) over the public C API of libgeopol.

    import geopol
    with geopol.open() as db:                     # the built-in dataset
        for m in db.members("CSTO", at="2022-01-06"):
            print(m.member, m.role, m.certainty, [c.source for c in m.sources])
        df = db.common("KAZ", "TUR", at="2022").to_pandas()
        g = db.graph(at="2022-01-06")              # networkx.MultiDiGraph
"""
from ._errors import (Ambiguous, Busy, Conflict, DatabaseError, Error, FileError, InternalError,
                      InvalidInput, Misuse, NotFound, OutOfMemory, VersionError)
from ._geopol import lib as _lib
from ._db import Database, Result, builtin_dataset, open  # noqa: A004
from ._frame import frame
from ._graph import both_directions
from ._panel import Panel
from ._rows import Actor, Candidate, Citation, Entity, Event, Membership, Name, Relation
from ._write import ImportStats
from . import _config, _geopol

__version__ = _geopol.ffi.string(_lib.geopol_version_string()).decode("ascii")
#: The header the binding was generated from, and its SHA-256.
HEADER = _config.HEADER
HEADER_SHA256 = _config.HEADER_SHA256


def graph(db, at=None, **kw):
    """db.graph(...): the graph as a networkx.MultiDiGraph (see Database.graph)."""
    return db.graph(at, **kw)


__all__ = ["open", "Database", "Result", "Panel", "frame", "graph", "both_directions",
           "builtin_dataset", "Entity", "Name", "Membership", "Relation", "Event",
           "Candidate", "Citation", "Actor", "ImportStats", "Error", "OutOfMemory",
           "InvalidInput", "NotFound", "Conflict", "FileError", "DatabaseError",
           "VersionError", "Ambiguous", "Misuse", "Busy", "InternalError"]
