"""Writing through Python: facts, citations, corrections asked "as known
on", atomic failures that write nothing, imports with progress."""
import json

import pytest

import geopol

from conftest import data_files


def members(d, org, at, **kw):
    return [(m.member, m.role) for m in d.members(org, at=at, **kw)]


def test_add_cite_and_ask(scratch):
    fact = scratch.add_membership("ORG", "AAA", "founding_member", start="2000-05-01",
                                  source="treaty", quote="AAA and the others founded ORG")
    scratch.add_membership("ORG", "BBB", start="2003", end="2010-06-30")
    assert members(scratch, "ORG", "2005") == [("AAA", "founding_member"), ("BBB", "member")]
    assert members(scratch, "ORG", "2010-06-30") == [("AAA", "founding_member")]
    m = list(scratch.members("ORG", at="2001"))[0]
    assert m.fact_id == fact
    assert m.sources == (geopol.Citation("treaty", "A treaty", "AAA and the others founded ORG"),)
    # BBB's "2003" start: in 2003 only possibly a member.
    assert [(x.member, x.certainty) for x in scratch.members("ORG", at="2003-01")] == \
        [("AAA", "definite"), ("BBB", "possible")]
    assert members(scratch, "ORG", "2003-01", definite=True) == [("AAA", "founding_member")]


def test_correction_keeps_what_was_known(scratch):
    fact = scratch.add_membership("ORG", "CCC", start="2006")
    before = scratch.now()
    scratch.correct_membership(fact, "ORG", "CCC", start="2006-08-16")
    assert [m.from_ for m in scratch.members("ORG", at="2007")] == ["2006-08-16"]
    assert [m.from_ for m in scratch.members("ORG", at="2007", known_on=before)] == ["2006"]
    scratch.retract("membership", fact)
    assert members(scratch, "ORG", "2007") == []
    assert members(scratch, "ORG", "2007", known_on=before) == [("CCC", "member")]


def test_relations_events_names(scratch):
    r = scratch.add_relation("AAA", "BBB", "ally", start="1995", attrs={"treaty": "X"})
    rel = list(scratch.relations("AAA", "BBB", at="2000"))
    assert [(x.fact_id, x.type, x.directed, x.attributes) for x in rel] == \
        [(r, "ally", False, {"treaty": "X"})]
    scratch.add_event_type("042", "Make a visit", 1.9)
    scratch.add_event("042", "2001-02-03", actors=[("AAA", "source"), ("BBB", "host")],
                      titles={"en": "AAA visits BBB", "fr": "AAA visite BBB"}, ext_id="t:1",
                      source="treaty")
    ev = list(scratch.events(actor="AAA", lang="fr"))
    assert [(e.ext_id, e.title, e.title_lang, e.goldstein) for e in ev] == \
        [("t:1", "AAA visite BBB", "fr", 1.9)]
    assert ev[0].actors == (("AAA", "source"), ("BBB", "host"))
    scratch.add_name("AAA", "Ayy", "en", "short")
    assert scratch.resolve_one("Ayy") == "AAA"


def test_failed_writes_write_nothing(scratch):
    with pytest.raises(geopol.NotFound) as e:
        scratch.add_membership("NOPE", "AAA", start="2001")
    assert str(e.value) == "field 'org': unknown entity 'NOPE'"
    with pytest.raises(geopol.InvalidInput, match="role: unknown role 'boss'"):
        scratch.add_membership("ORG", "AAA", "boss")
    with pytest.raises(geopol.InvalidInput, match="start: '2001-13' is not a valid date"):
        scratch.add_membership("ORG", "AAA", start="2001-13")
    # add + cite is one transaction: an unknown source leaves no membership.
    with pytest.raises(geopol.NotFound, match="unknown source 'nowhere'"):
        scratch.add_membership("ORG", "AAA", start="2001", source="nowhere")
    assert members(scratch, "ORG", "2005") == []
    # A block that raises is rolled back whole.
    with pytest.raises(RuntimeError):
        with scratch.transaction():
            scratch.add_membership("ORG", "AAA", start="2001")
            raise RuntimeError("changed my mind")
    assert members(scratch, "ORG", "2005") == []
    with scratch.transaction():
        scratch.add_membership("ORG", "AAA", start="2001")
        scratch.add_membership("ORG", "BBB", start="2001")
    assert members(scratch, "ORG", "2005") == [("AAA", "member"), ("BBB", "member")]


def test_import_with_progress(tmp_path):
    files = data_files()
    calls = []
    with geopol.open(tmp_path / "built.db") as d:
        st = d.import_files(files, progress=lambda done, total: calls.append((done, total)))
        assert st.added > 1000 and st.skipped == 0
        assert calls, "progress was never called"
        assert all(a[0] <= b[0] for a, b in zip(calls, calls[1:]))
        total = sum(__import__("os").path.getsize(f) for f in files)
        assert calls[-1] == (total, total)
        with geopol.open() as builtin:
            assert members(d, "CSTO", "2022-01-06") == members(builtin, "CSTO", "2022-01-06")
        again = d.import_files(files)
        assert again.added == 0 and again.unchanged > 1000


def test_import_bad_file_names_it_and_writes_nothing(tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps({
        "format": "geopol-dataset", "version": 1,
        "entities": [{"code": "XXX", "kind": "state"}],
        "memberships": [{"org": "XXX", "member": "XXX", "from": "2022-02-30"}]}))
    with geopol.open(tmp_path / "x.db") as d:
        with pytest.raises(geopol.InvalidInput) as e:
            d.import_files([bad])
        assert str(bad) in str(e.value) and "2022-02-30" in str(e.value)
        with pytest.raises(geopol.NotFound):
            d.entity("XXX")


def test_progress_callback_error_is_raised(tmp_path):
    def boom(done, total):
        raise KeyboardInterrupt("stop")
    with geopol.open(tmp_path / "y.db") as d:
        with pytest.raises(KeyboardInterrupt):
            d.import_files(data_files()[:1], progress=boom)


def test_import_json_text(tmp_path):
    with geopol.open(":memory:") as d:
        st = d.import_json_text({"format": "geopol-dataset", "version": 1,
                                 "entities": [{"code": "ZZZ", "kind": "state",
                                               "names": [{"text": "Zedland", "lang": "en"}]}]})
        assert st.added >= 1
        assert d.entity("Zedland").code == "ZZZ"


def test_stages_and_codings(scratch):
    scratch.add_membership("ORG", "AAA", start="2001-01-01", end="2002-01-01", stage="signed")
    scratch.add_membership("ORG", "AAA", start="2002-01-01")
    assert members(scratch, "ORG", "2001-06-01") == []
    assert [(m.member, m.stage) for m in
            scratch.members("ORG", at="2001-06-01", stages="signed")] == [("AAA", "signed")]
    m = list(scratch.members("ORG", at="2003"))[0]
    assert (m.stage, m.coding) == ("in_force", "curated")
    assert members(scratch, "ORG", "2003", coding="cow-igo-3") == []
    with pytest.raises(geopol.InvalidInput, match="stage: unknown stage 'dreaming'"):
        scratch.add_membership("ORG", "BBB", stage="dreaming")


def test_copy_whole_database(db, scratch, tmp_path):
    fact = scratch.add_membership("ORG", "AAA", start="2000", source="treaty", quote="AAA joined")
    before = scratch.now()
    scratch.retract("membership", fact)
    rows = scratch.copy_to(tmp_path / "copy.db")
    assert rows > 24
    with geopol.open(tmp_path / "copy.db") as c:
        # Every version in recorded time came along.
        assert members(c, "ORG", "2005") == []
        assert members(c, "ORG", "2005", known_on=before) == [("AAA", "member")]
        # Into a database with facts: Conflict, nothing written.
        with pytest.raises(geopol.Conflict, match="the destination is not empty"):
            scratch.copy_to(c)
        assert members(c, "ORG", "2005", known_on=before) == [("AAA", "member")]
    # The built-in dataset (read-only) into a new file: the same answers.
    db.copy_to(tmp_path / "builtin.db")
    with geopol.open(tmp_path / "builtin.db") as c:
        assert members(c, "CSTO", "2022-01-06") == members(db, "CSTO", "2022-01-06")
    # Refused into a file with facts; the file stays.
    with pytest.raises(geopol.Conflict):
        db.copy_to(tmp_path / "builtin.db")
    assert (tmp_path / "builtin.db").exists()
