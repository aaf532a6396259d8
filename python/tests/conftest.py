"""Fixtures: the built-in dataset (read-only), the CLI of the same build to
cross-check answers, and scratch databases."""
import json
import os
import shutil
import subprocess

import pytest

import geopol


@pytest.fixture(scope="session")
def db():
    with geopol.open() as d:
        yield d


@pytest.fixture(scope="session")
def cli():
    """Runs the geopol command of the build the binding links, on the
    built-in dataset; returns its parsed JSON output."""
    build = os.path.dirname(geopol.builtin_dataset())
    exe = os.path.join(build, "geopol")
    if not os.path.exists(exe):
        exe = shutil.which("geopol")
    if not exe:
        pytest.skip("no geopol command beside the built-in dataset")

    def run(*args):
        out = subprocess.run([exe, "--db", geopol.builtin_dataset(), *args, "--format", "json"],
                             check=True, capture_output=True, text=True).stdout
        return json.loads(out)
    return run


@pytest.fixture
def scratch(tmp_path):
    """A fresh database file with a source, four entities and a relation type."""
    path = tmp_path / "scratch.db"
    with geopol.open(path) as d:
        d.add_source("treaty", "A treaty")
        d.add_entity("AAA", "state", start="1991")
        d.add_entity("BBB", "state", start="1991")
        d.add_entity("CCC", "state", start="1991")
        d.add_entity("ORG", "organization", start="2000-05-01")
        d.add_relation_type("ally", False, "alliance")
        yield d


def data_files():
    here = os.path.dirname(os.path.abspath(__file__))
    data = os.path.join(here, "..", "..", "data")
    if not os.path.isdir(data):
        pytest.skip("no data/ directory beside python/")
    return sorted(os.path.join(data, f) for f in os.listdir(data) if f.endswith(".json"))


DE_JURE = ("in_force", "suspended", "frozen", "withdrawal_notified")


def data_members(org, day):
    """{member: role} of org on a day, read straight from data/*.json (the
    oracle): rows at a de jure stage (what "members at D" answers) whose
    from <= day < to, every date of them day-precise."""
    import json
    out = {}
    for path in data_files():
        with open(path, encoding="utf-8") as f:
            doc = json.load(f)
        for m in doc.get("memberships", []):
            if m["org"] != org:
                continue
            lo, hi = m.get("from"), m.get("to")
            assert all(d is None or len(d) == 10 for d in (lo, hi)), m
            if m.get("stage", "in_force") not in DE_JURE:
                continue
            if (lo is None or lo <= day) and (hi is None or day < hi):
                assert m["member"] not in out, ("two rows on one day", m)
                out[m["member"]] = m.get("role", "member")
    return out
