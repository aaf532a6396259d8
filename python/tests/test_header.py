"""The binding against include/geopol.h: the declarations were generated
from it at build time; these tests catch an installed binding built from
another header, and a result field the header gained that the Python rows
do not carry yet."""
import hashlib
import os

import pytest

import geopol
from geopol._geopol import ffi

HERE = os.path.dirname(os.path.abspath(__file__))
HEADER = os.path.join(HERE, "..", "..", "include", "geopol.h")

# The fields of each result struct the row maker (geopol/_fastrows.c) reads
# into the classes of geopol/_rows.py. A field added to the header must be
# added there.
CARRIED = {
    "geopol_entity": {"id", "code", "kind", "subkind", "name", "from", "to"},
    "geopol_name": {"fact_id", "entity", "text", "lang", "kind", "from", "to", "certainty"},
    "geopol_membership": {"fact_id", "org", "member", "role", "from", "to", "certainty",
                          "recorded", "stage", "coding"},
    "geopol_relation": {"fact_id", "a", "b", "type", "directed", "attrs", "from", "to",
                        "certainty", "recorded"},
    "geopol_event": {"fact_id", "ext_id", "type", "type_name", "goldstein", "date", "end",
                     "intensity", "title", "title_lang", "description", "location", "actors",
                     "n_actors", "certainty", "recorded", "details"},
    "geopol_candidate": {"code", "kind", "name", "matched", "lang", "score"},
    "geopol_citation": {"source", "title", "quote"},
    "geopol_actor": {"entity", "role"},
    "geopol_item": {"kind", "entity", "name", "membership", "relation", "event", "candidate",
                    "change", "depth", "via"},
}


def test_binding_built_from_this_header():
    if not os.path.exists(HEADER):
        pytest.skip("not run from a source tree")
    with open(HEADER, encoding="utf-8") as f:
        digest = hashlib.sha256(f.read().encode()).hexdigest()
    assert digest == geopol.HEADER_SHA256, (
        "the installed geopol binding was built from %s, which differs from %s: "
        "reinstall it (pip install --no-build-isolation ./python)" % (geopol.HEADER, HEADER))


@pytest.mark.parametrize("struct", sorted(CARRIED))
def test_rows_carry_every_field_of_the_header(struct):
    fields = {name for name, _ in ffi.typeof(struct).fields}
    missing = fields - CARRIED[struct]
    assert not missing, ("%s gained %s in include/geopol.h: make it in python/geopol/_fastrows.c, "
                         "name it in _rows.py, then list it here" % (struct, sorted(missing)))
    assert not CARRIED[struct] - fields, "%s lost %s" % (struct, CARRIED[struct] - fields)


def test_status_codes_map_to_exceptions():
    lib = geopol._geopol.lib
    codes = ffi.typeof("geopol_status").relements
    assert "GEOPOL_ENOTFOUND" in codes
    for name, value in codes.items():
        if name in ("GEOPOL_OK", "GEOPOL_ITEROVER"):
            continue
        exc = geopol._errors.make(value, "x")
        assert isinstance(exc, geopol.Error)
        assert type(exc) is not geopol.Error, "%s has no exception class" % name
    assert isinstance(geopol._errors.make(lib.GEOPOL_ENOTFOUND), geopol.NotFound)
    assert isinstance(geopol._errors.make(lib.GEOPOL_EAMBIGUOUS), geopol.Ambiguous)
    exc = geopol._errors.make(lib.GEOPOL_EINTERNAL)
    assert isinstance(exc, geopol.InternalError)
    assert str(exc) == "internal error (a limit or a bug: please report it)"
