"""Exceptions: one class per status code of the C library."""
from ._geopol import ffi, lib


class Error(Exception):
    """A geopol call failed. `status` is the C status code, `message` the
    library's detail (geopol_errmsg), which is also str(exc)."""

    def __init__(self, message, status=None):
        super().__init__(message)
        self.message = message
        self.status = status


class OutOfMemory(Error, MemoryError):
    """GEOPOL_ENOMEM."""


class InvalidInput(Error, ValueError):
    """GEOPOL_EINVAL: bad input (a date, a field, a file's record)."""


class NotFound(Error, LookupError):
    """GEOPOL_ENOTFOUND: no such entity, source, fact or type; no path."""


class Conflict(Error):
    """GEOPOL_ECONFLICT: the fact contradicts one already stored."""


class FileError(Error, OSError):
    """GEOPOL_EIO: a file could not be read or written."""


class DatabaseError(Error):
    """GEOPOL_EDB: the database refused (corrupt, locked, not SQLite)."""


class VersionError(Error):
    """GEOPOL_EVERSION: the file was written by a newer geopol."""


class Ambiguous(Error, LookupError):
    """GEOPOL_EAMBIGUOUS: a name matches several entities (listed in the message)."""


class Misuse(Error):
    """GEOPOL_EMISUSE: the API was called out of order (a closed database...)."""


class Busy(Error):
    """GEOPOL_EBUSY, where the library has it: another writer holds the file."""


class InternalError(Error):
    """GEOPOL_EINTERNAL: a limit of this build of the library or a bug, not
    the caller's doing (a full statement cache...): report it with the
    message. Builds before it said Misuse."""


_BY_NAME = {
    "GEOPOL_ENOMEM": OutOfMemory, "GEOPOL_EINVAL": InvalidInput,
    "GEOPOL_ENOTFOUND": NotFound, "GEOPOL_ECONFLICT": Conflict,
    "GEOPOL_EIO": FileError, "GEOPOL_EDB": DatabaseError,
    "GEOPOL_EVERSION": VersionError, "GEOPOL_EAMBIGUOUS": Ambiguous,
    "GEOPOL_EMISUSE": Misuse, "GEOPOL_EBUSY": Busy, "GEOPOL_EINTERNAL": InternalError,
}
# Codes this build of the library has (a newer one may add some: those
# without a class here raise Error itself).
BY_STATUS = {getattr(lib, name): cls for name, cls in _BY_NAME.items() if hasattr(lib, name)}


def strerror(status):
    return ffi.string(lib.geopol_strerror(status)).decode("utf-8", "replace")


def make(status, message=None):
    """The exception for a status code, with the message."""
    if not message:
        message = strerror(status)
    return BY_STATUS.get(status, Error)(message, status)
